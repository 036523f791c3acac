"""The type stubs describe what the compiled module has."""

import ast
import pathlib

import bioflag
from bioflag import _native

STUB = pathlib.Path(_native.__file__).with_name("_native.pyi")


def stub_functions():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}


def stub_classes():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {
        n.name: {f.name for f in n.body if isinstance(f, ast.FunctionDef)}
        for n in tree.body
        if isinstance(n, ast.ClassDef)
    }


def test_stubs_and_marker_are_installed():
    assert STUB.is_file()
    assert STUB.with_name("py.typed").is_file()


def test_every_public_name_is_stubbed():
    classes = stub_classes()
    for name in bioflag.__all__:
        if name == "__version__":
            continue
        cls = getattr(bioflag, name)
        if not isinstance(cls, type):
            assert name in stub_functions(), name
            continue
        assert name in classes, name
        public = {a for a in vars(cls) if not a.startswith("_")}
        if issubclass(cls, Exception):
            continue
        assert public <= classes[name], (name, public - classes[name])
