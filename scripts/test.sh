#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says how long the run has taken so far, so a slow step shows in the CI log.
step() { printf '\n\033[1m== %s\033[0m (%d s in)\n' "$*" "$SECONDS"; }

scripts/setup.sh --browsers

step "Rust: format, lint, unit + integration + property tests"
cargo fmt --all -- --check
cargo clippy --quiet --all-targets -- -D warnings
# What ships: the wasm bindings (src/wasm.rs) compile only for wasm32, so lint that target too;
# the fuzz crate is outside the workspace, so it is built (and linted) here or never.
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
# The native-only dependencies (the HTML and document readers, the CLI's) stay out of the wasm
# build: none of the crates in Cargo.toml's not-wasm32 section may appear in its tree.
native_only=$(awk '/^\[target.*not\(target_arch = "wasm32"\).*dependencies\]/{on=1; next} /^\[/{on=0}
  on && /^[a-z0-9_-]+ *=/{print $1}' Cargo.toml)
if cargo tree --quiet --target wasm32-unknown-unknown -e normal --prefix none -p bioflag \
    | awk '{print $1}' | grep -Fxf <(echo "$native_only"); then
  echo "native-only crates (above) are in the wasm build's dependency tree" >&2; exit 1
fi
cargo clippy --quiet --manifest-path fuzz/Cargo.toml --bins -- -D warnings
cargo test --quiet

step "JavaScript: ESLint (eslint.config.js), tsc --checkJs (tsconfig.json), Node unit tests (tests/js/)"
node_modules/.bin/eslint --max-warnings 0 .
# JSDoc types of the extension and the website (tsconfig.json, types/globals.d.ts): zero errors.
node_modules/.bin/tsc -p tsconfig.json
# Node unit tests of shared JS modules: the one static server (scripts/static-server.mjs), card hover,
# the scanner's record store, scheduler and reveal watcher.
node --test tests/js/

step "WASM: build, optimise, Node smoke test"
scripts/build-wasm.sh
node tests/wasm/smoke.mjs
# What Rust and JavaScript share (record width, evidence, tiers, element model) agrees.
node --test tests/wasm/

step "Website: build www/dist, Playwright tests in Chromium (tests/site/)"
node www/build.mjs
node --test tests/site/

step "Extension: build, web-ext lint, end-to-end tests in Chromium (Playwright) and Firefox ESR (Selenium)"
scripts/build-extension.sh && node --test --test-concurrency=1 tests/e2e/chromium.test.mjs tests/e2e/firefox.test.mjs \
  tests/e2e/chromium-ui.test.mjs tests/e2e/chromium-marks.test.mjs tests/e2e/firefox-ui.test.mjs \
  tests/e2e/hostile.chromium.test.mjs tests/e2e/hostile.firefox.test.mjs tests/e2e/storage.chromium.test.mjs \
  tests/e2e/locale.chromium.test.mjs tests/e2e/locale.firefox.test.mjs \
  tests/e2e/findfirst.property.test.mjs tests/e2e/findfirst.chromium.test.mjs tests/e2e/agreement.chromium.test.mjs \
  tests/e2e/card-screen.chromium.test.mjs tests/e2e/card-screen.firefox.test.mjs \
  tests/e2e/subscriptions.chromium.test.mjs tests/e2e/subscriptions.firefox.test.mjs

step "Python package (python/): format, lint, wheel, pytest"
cargo fmt --manifest-path python/Cargo.toml -- --check
scripts/build-python.sh # also makes build/venv with the pinned maturin, pytest, pyarrow
# The interpreter maturin builds for: with another one, pyo3's build script reruns and the
# next wheel build recompiles everything that depends on pyo3.
PYO3_PYTHON="$PWD/build/venv/bin/python" cargo clippy --quiet --manifest-path python/Cargo.toml --all-targets -- -D warnings
build/venv/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps build/wheels/bioflag-*.whl
(cd python && ../build/venv/bin/python -m pytest -q -p no:cacheprovider)

step "all tests passed"
