#!/usr/bin/env bash
# Builds the browser extension:
#   extension/dist/chromium/ + extension/dist/bioflag-chromium.zip   (Load unpacked / store zip)
#   extension/dist/firefox/  + extension/dist/bioflag-firefox.zip    (temporary add-on / AMO zip)
# Rebuilds the WASM engine first when its sources are newer than build/wasm/. One manifest source
# (extension/src/manifest.json); per-browser differences in extension/tools/manifest.mjs.
# Ends with `web-ext lint` on the Firefox build, which must report no errors.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every input of the wasm build: sources, catalog, manifests, the wasm32 rustflags, the npm
# lock (binaryen's wasm-opt) and the build scripts themselves; and every output it writes, each
# of which must be newer than all of them.
inputs=(src data Cargo.toml Cargo.lock .cargo package-lock.json
  scripts/build-wasm.sh scripts/wasm-stub.mjs scripts/gen-constants.mjs)
outputs=(build/wasm/web/bioflag.js build/wasm/web/bioflag_bg.wasm build/wasm/no-modules/bioflag.js
  build/wasm/no-modules/bioflag_bg.wasm build/wasm/constants.js)
for out in "${outputs[@]}"; do
  if [ ! -f "$out" ] || [ -n "$(find "${inputs[@]}" -newer "$out" -print -quit)" ]; then
    scripts/build-wasm.sh
    break
  fi
done

version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
for browser in chromium firefox; do
  out=extension/dist/$browser
  rm -rf "$out"
  mkdir -p "$out/wasm"
  cp -r extension/src/shared extension/src/ui extension/src/content extension/src/background \
    extension/src/popup extension/src/options extension/src/_locales "$out/"
  cp build/wasm/no-modules/bioflag.js build/wasm/no-modules/bioflag_bg.wasm "$out/wasm/"
  cp build/wasm/constants.js "$out/shared/constants.js"
  # Release builds: no test hooks. The e2e tests copy dist and flip this flag in their copy.
  echo "globalThis.bioflagBuild = Object.freeze({ test: false, version: '$version', browser: '$browser' });" > "$out/build-flags.js"
  node extension/tools/manifest.mjs "$browser" "$version" "$out/manifest.json"
  node extension/tools/highlight-css.mjs "$out/content/highlight.css"
  node extension/tools/fingerprints.mjs "$out/content/fingerprints.js"
  node extension/tools/bundle.mjs "$out"
  node extension/tools/icons.mjs "$out/icons"
  node_modules/.bin/web-ext build --source-dir "$out" --artifacts-dir extension/dist \
    --filename "bioflag-$browser.zip" --overwrite-dest --no-config-discovery >/dev/null
done

lint=$(node_modules/.bin/web-ext lint --source-dir extension/dist/firefox --output json --no-config-discovery 2>/dev/null || true)
node -e '
const r = JSON.parse(process.argv[1]);
for (const m of [...r.errors, ...r.warnings]) console.log(`web-ext lint ${m._type}: ${m.code} ${m.file || ""} ${m.message}`);
console.log(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.notices} notices`);
process.exit(r.summary.errors ? 1 : 0);' "$lint"
echo "extension: extension/dist/chromium/, extension/dist/firefox/ and their zips in extension/dist/"
