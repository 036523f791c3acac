#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh Debian machine of this kind.
# Every step is skipped when already done, so reruns take seconds.
#   scripts/setup.sh          toolchain for building (Rust wasm target, wasm-bindgen, npm deps)
#   scripts/setup.sh --browsers   also Chromium, Firefox ESR and geckodriver for e2e tests
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32 Rust target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # Not --locked: the registry mirror here lacks one of its locked dependency versions.
  cargo install --quiet wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browsers" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/lib/firefox-esr/firefox-esr ] || missing+=(firefox-esr)
  command -v openssl >/dev/null || missing+=(openssl) # the e2e tests' throwaway https server
  # The Chinese interface tests: the browsers' Chinese interface (the extension's i18n follows
  # it) and a CJK font, without which every screenshot shows Chinese names as boxes.
  [ -f /usr/lib/chromium/locales/zh-CN.pak ] || missing+=(chromium-l10n)
  [ -f /usr/lib/firefox-esr/browser/extensions/langpack-zh-CN@firefox-esr.mozilla.org.xpi ] || missing+=(firefox-esr-l10n-zh-cn)
  [ -f /usr/lib/firefox-esr/browser/extensions/langpack-zh-TW@firefox-esr.mozilla.org.xpi ] || missing+=(firefox-esr-l10n-zh-tw)
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! command -v geckodriver >/dev/null; then
    log "installing geckodriver (about 4 minutes, once; the npm package downloads from the internet)"
    cargo install --quiet geckodriver
  fi
fi
log "ready"
