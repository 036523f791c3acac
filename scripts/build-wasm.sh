#!/usr/bin/env bash
# Builds the WASM engine and its JS glue into build/wasm/{web,no-modules}/:
#   bioflag.js + bioflag_bg.wasm, optimised with wasm-opt (npm binaryen, never Debian's: its
#   wasm-opt 108 silently breaks wasm-bindgen output), after scripts/wasm-stub.mjs has stubbed out
#   the functions that are linked but never run.
# `web` glue (an ES module) is for the website; `no-modules` glue is a classic script, for the
# extension's content scripts and background, which are classic scripts (MV3 content scripts
# cannot be modules). Each wasm is tied to the glue of its own wasm-bindgen run. Also build/wasm/constants.js (scripts/gen-constants.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --lib --profile wasm-release --target wasm32-unknown-unknown
raw=target/wasm32-unknown-unknown/wasm-release/bioflag.wasm
for target in web no-modules; do
  out=build/wasm/$target
  mkdir -p "$out"
  wasm-bindgen --target "$target" --no-typescript --out-dir "$out" --out-name bioflag "$raw"
  # Stubs out code that is linked but never runs (float formatting, automata Debug impls).
  node scripts/wasm-stub.mjs "$out/bioflag_bg.wasm"
  node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    "$out/bioflag_bg.wasm" -o "$out/bioflag_bg.wasm"
done
# What the JavaScript builds share with the engine (record width, evidence, tiers, elements).
node scripts/gen-constants.mjs build/wasm/constants.js
size=$(stat -c %s build/wasm/web/bioflag_bg.wasm)
gz=$(gzip -9c build/wasm/web/bioflag_bg.wasm | wc -c)
echo "wasm: $((size / 1024)) KB, $((gz / 1024)) KB gzipped (build/wasm/)"
