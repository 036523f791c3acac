#!/usr/bin/env bash
# Builds the Python wheel (python/, PyO3 + maturin) into build/wheels/.
#   scripts/build-python.sh           release wheel for the venv's Python
# The venv (build/venv, with the pinned maturin, pytest and pyarrow) is made by
# scripts/setup-python.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-python.sh >/dev/null
rm -f build/wheels/bioflag-*.whl
build/venv/bin/maturin build --quiet --release --manifest-path python/Cargo.toml \
  --interpreter build/venv/bin/python --out build/wheels
ls build/wheels/bioflag-*.whl
