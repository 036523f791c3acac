#!/usr/bin/env bash
# The README's main command: installs what is missing, builds everything, and demonstrates it on
# the bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

scripts/setup.sh

step "building the CLI and the WASM engine"
cargo build --quiet --release
scripts/build-wasm.sh

bioflag=target/release/bioflag
step "bioflag scan examples/ (exit status 1 = something flagged)"
$bioflag scan examples/shop-listing.html examples/press-release.html examples/supplier-table.html \
  examples/chinese-listing.html examples/news-article.txt examples/traps.html || [ $? -eq 1 ]

step "bioflag scan --format json examples/traps.html (must flag nothing)"
$bioflag scan --format json examples/traps.html

step "bioflag screen examples/suppliers.csv --column name"
$bioflag screen examples/suppliers.csv --column name || [ $? -eq 1 ]

step "bioflag show bgi-genomics"
$bioflag show bgi-genomics

step "browser extension"
scripts/build-extension.sh
echo "Load extension/dist/chromium/ (chrome://extensions, Load unpacked) or extension/dist/firefox/ (about:debugging, temporary add-on; or extension/dist/bioflag-firefox.zip)"

# Last: the site links the extension zips built above, and serving runs until stopped.
step "website: build www/dist and serve it (Ctrl-C to stop)"
node www/build.mjs
exec node www/serve.mjs

