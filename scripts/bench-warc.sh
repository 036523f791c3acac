#!/usr/bin/env bash
# Peak memory and throughput of `bioflag scan` on a multi-GB gzipped WARC: GB=4 (default) of
# HTTP response records of ~40 KB of HTML each (one in ten naming an entity), one gzip member
# per record as crawls are written. Not part of CI; prints the figures BENCHMARKS.md quotes.
#   GB=4 scripts/bench-warc.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
gb=${GB:-4}
dir=target/bench-warc
file=$dir/crawl-${gb}g.warc.gz
mkdir -p "$dir"
if [ ! -f "$file" ]; then
  # A few hundred distinct records, compressed once and written again and again (the scan
  # decompresses and reads every one; the generator need not compress gigabytes).
  python3 - "$file" "$gb" <<'PY'
import gzip, random, sys
path, gb = sys.argv[1], float(sys.argv[2])
rng = random.Random(5)
words = ("the of and to in a sequencing laboratory supplier genome kit reagent market report "
         "annual revenue clinical partner research data sample contract region growth").split()
names = ["BGI Genomics", "WuXi AppTec", "MGI Tech", "Complete Genomics"]
members, sizes = [], []
for i in range(256):
    paras = []
    while sum(map(len, paras)) < 40_000:
        s = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
        if i % 10 == 0 and rng.random() < 0.05:
            s += f" sold by <b>{rng.choice(names)}</b>"
        paras.append(f"<p>{s}.</p>\n")
    body = ("<!doctype html><html><head><title>p</title><script>var x=1;</script></head><body>"
            + "".join(paras) + "</body></html>").encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://site{i}.example/\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    record = head + http + b"\r\n\r\n"
    members.append(gzip.compress(record, 6))
    sizes.append(len(record))
total, n = 0, 0
with open(path, "wb") as f:
    while total < gb * 1e9:
        f.write(members[n % len(members)])
        total += sizes[n % len(members)]
        n += 1
print(f"{n} records, {total / 1e9:.2f} GB uncompressed", file=sys.stderr)
PY
fi
raw=$(python3 -c "
import gzip, sys
n = 0
with gzip.open('$file', 'rb') as f:
    while (b := f.read(1 << 24)):
        n += len(b)
print(n)")
packed=$(stat -c %s "$file")
echo "input: $file, $((raw / 1000000)) MB uncompressed, $((packed / 1000000)) MB gzipped"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e s wall, %U s user, peak RSS %M KB" target/release/bioflag scan --format json "$file" \
  > "$dir/out.ndjson" 2> "$dir/time.txt" || [ $? = 1 ]
tail -1 "$dir/time.txt"
python3 - "$dir/time.txt" "$raw" "$(wc -l < "$dir/out.ndjson")" <<'PY'
import sys
line = open(sys.argv[1]).read().strip().splitlines()[-1]
wall = float(line.split(" s wall")[0])
rss_kb = int(line.split("peak RSS ")[1].split()[0])
raw = int(sys.argv[2])
print(f"{raw / 1e6 / wall:.0f} MB/s uncompressed (one core), peak RSS {rss_kb / 1024:.1f} MB "
      f"for {raw / 1e9:.2f} GB, {sys.argv[3]} flagged records")
PY
