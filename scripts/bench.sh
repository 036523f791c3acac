#!/usr/bin/env bash
# The benchmark suite, one command: generates the inputs, builds the wasm and the
# extension, runs the native, Node, Chromium and end-to-end benchmarks, and writes BENCHMARKS.md
# (results of every stage in target/bench/results/). Not part of CI: takes ~25 minutes and its
# absolute numbers depend on the machine's load.
#   scripts/bench.sh                 BENCH_RUNS=N for N repetitions of each end-to-end figure (5)
set -euo pipefail
cd "$(dirname "$0")/.."

results=target/bench/results
rm -rf "$results"
mkdir -p "$results"
step() {
  printf '\n\033[1m== %s\033[0m (load %s)\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%s\t%s\n' "$(cut -d' ' -f1 /proc/loadavg)" "$*" >> "$results/loads.tsv"
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

step "Inputs: ~10 MB page text, clean text, 10k and 100k-name lists (target/bench/)"
node bench/gen-data.mjs

step "Builds: wasm (build/wasm/) and extension (extension/dist/)"
scripts/build-wasm.sh
scripts/build-extension.sh
shipped=extension/dist/chromium/wasm/bioflag_bg.wasm
printf '{"bytes": %d, "gzipBytes": %d}\n' "$(stat -c %s "$shipped")" "$(gzip -9c "$shipped" | wc -c)" > "$results/wasm.json"

step "Native engine: cargo bench --bench engine"
# Once more if it fails: other builds sharing target/ can leave it mid-update (a link error).
cargo bench --quiet --bench engine > "$results/native.md" || cargo bench --quiet --bench engine > "$results/native.md"
cat "$results/native.md"

step "WASM engine in Node"
node bench/wasm-engine.mjs --json "$results/node.json"

step "WASM engine in headless Chromium"
node bench/browser.mjs --json "$results/chromium.json"

step "End to end in headless Chromium: the extension against plain JS and mark.js"
node bench/e2e.mjs --runs "${BENCH_RUNS:-5}" --json "$results/e2e.json"

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
dirty=false
git diff --quiet HEAD -- 2>/dev/null || dirty=true
node -e 'const [cpu, cores, mem, os, rustc, commit, dirty, loadStart, loadEnd] = process.argv.slice(1);
  require("fs").writeFileSync(process.argv.at(-1), JSON.stringify({ date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
    cpu, cores: Number(cores), memory: mem, os, rustc, node: process.version, commit, dirty: dirty === "true", loadStart, loadEnd }, null, 1));' \
  "$cpu" "$(nproc)" "$mem" "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(rustc --version)" "$(git rev-parse --short HEAD)" "$dirty" \
  "$load_start" "$load_end" "$results/machine.json"

step "Hostile and heavy pages in headless Chromium (the e2e fixtures' costs)"
node bench/hostile.mjs --runs "${BENCH_RUNS:-3}" --json "$results/hostile.json"

step "Real pages in headless Chromium (../shared/data/pages): the extension's fixed per-frame cost against plain JS"
if [ -d ../shared/data/pages ]; then node bench/real-pages.mjs --json "$results/real-pages.json"; fi

step "BENCHMARKS.md"
node bench/report.mjs "$results" BENCHMARKS.md
