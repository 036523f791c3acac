import os
import pathlib
import subprocess

import pytest

import bioflag

ROOT = pathlib.Path(__file__).resolve().parents[2]
LISTS = ROOT / "tests" / "fixtures" / "lists"


@pytest.fixture(scope="session")
def engine() -> bioflag.Engine:
    return bioflag.Engine()


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    """The CLI built from the same source (debug: `cargo test` at the root built it already)."""
    subprocess.run(
        ["cargo", "build", "--quiet", "--bin", "bioflag"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "CARGO_TERM_COLOR": "never"},
    )
    return ROOT / "target" / "debug" / "bioflag"
