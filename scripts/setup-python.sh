#!/usr/bin/env bash
# Makes build/venv with the pinned tools for the Python package (python/requirements-dev.txt):
# maturin, pytest, pyarrow, and pyspark + warcio (with a Java runtime) for the Spark job's test. Skipped when the venv already has exactly those versions.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1msetup-python:\033[0m %s\n' "$*"; }
REQS=python/requirements-dev.txt
VENV=build/venv

if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  log "installing python3-venv from Debian"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq python3-venv python3-pip >/dev/null
fi
if ! command -v java >/dev/null; then # Spark local mode, for python/jobs/ tests
  log "installing a Java runtime from Debian"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV"
  python3 -m venv "$VENV"
fi
# Every pinned name==version already installed? (importlib.metadata: no pip start-up cost.)
if ! "$VENV/bin/python" - "$REQS" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, want = line.split("==")
    try:
        if version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
then
  log "installing $(grep -v '^#' "$REQS" | xargs) into $VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQS"
fi
log "ready"
