#!/usr/bin/env bash
# Folder-scan throughput per core: `bioflag scan -j1 DIR` against `rg -j1 -F -f names.txt DIR`
# (or `grep -r -F -f names.txt DIR` when rg is not installed) over the same generated files,
# names.txt holding every name, Chinese name and alias of the catalog. Not part of CI; prints
# the figures that BENCHMARKS.md quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bioflag=target/release/bioflag
dir=target/bench-folders
files=${FILES:-200}
size_kb=${SIZE_KB:-512}
if [ ! -f "$dir/.done-$files-$size_kb" ]; then
  rm -rf "$dir" && mkdir -p "$dir/corpus"
  python3 - "$dir/corpus" "$files" "$size_kb" <<'PY'
import random, sys
out, files, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) * 1024
rng = random.Random(7)
words = ("the of and to in sequencing laboratory supplier genome kit reagent market report "
         "annual revenue clinical partner research data sample contract region growth").split()
names = ["BGI Genomics", "WuXi AppTec", "MGI Tech", "Complete Genomics", "华大基因"]
for i in range(files):
    parts, n = [], 0
    while n < size:
        line = " ".join(rng.choice(words) for _ in range(12))
        if rng.random() < 0.01:
            line += " " + rng.choice(names)
        parts.append(line)
        n += len(line.encode()) + 1
        if rng.random() < 0.1:
            parts.append("")
    open(f"{out}/doc{i:04}.txt", "w").write("\n".join(parts) + "\n")
PY
  touch "$dir/.done-$files-$size_kb"
fi
"$bioflag" entities --format json | python3 -c '
import json, sys
names = set()
for line in sys.stdin:
    c = json.loads(line)
    names.update([c["name"]] + ([c["name_zh"]] if c.get("name_zh") else []) + c.get("aliases", []))
print("\n".join(sorted(n for n in names if n)))' > "$dir/names.txt"
bytes=$(du -sb "$dir/corpus" | cut -f1)
mb=$(python3 -c "print($bytes / 1e6)")
best() { # best of 3 wall-clock seconds of "$@"
  python3 - "$@" <<'PY'
import subprocess, sys, time
times = []
for _ in range(3):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{min(times):.3f}")
PY
}
t_bio=$(best "$bioflag" scan -j 1 --format json "$dir/corpus")
if command -v rg >/dev/null; then
  base="rg -j1 -F -f names.txt"
  t_base=$(best rg -j 1 -F -f "$dir/names.txt" "$dir/corpus")
else
  base="grep -r -F -f names.txt"
  t_base=$(best grep -r -F -f "$dir/names.txt" "$dir/corpus")
fi
t_bio_all=$(best "$bioflag" scan --format json "$dir/corpus")
cores=$(nproc)
python3 - <<PY
mb, tb, tr, ta = $mb, $t_bio, $t_base, $t_bio_all
print(f"corpus: $files files, {mb:.1f} MB; names.txt: $(wc -l < "$dir/names.txt") names")
print(f"bioflag scan -j1:        {tb:.3f} s  {mb/tb:7.1f} MB/s per core")
print(f"$base (1 thread): {tr:.3f} s  {mb/tr:7.1f} MB/s per core")
print(f"bioflag / baseline:      {tr/tb:.2f}x")
print(f"bioflag scan (all $cores cores): {ta:.3f} s  {mb/ta:7.1f} MB/s")
PY
