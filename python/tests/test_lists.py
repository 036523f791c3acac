import json
import pathlib

import pytest

import bioflag
from conftest import LISTS

OWN_LIST = {
    "schema": 1,
    "name": "test list",
    "entities": [{"id": "acme-bio", "name": "Acme Bio Labs", "aliases": [{"text": "Acme Bio"}]}],
}


def test_builtin_catalog_always_loaded():
    e = bioflag.Engine(lists=[json.dumps(OWN_LIST)])
    found = e.scan("Acme Bio Labs and BGI Genomics")
    assert [m.entity for m in found] == ["acme-bio", "bgi-genomics"]


def test_list_by_path_str_and_pathlike(tmp_path):
    p = tmp_path / "own.json"
    p.write_text(json.dumps(OWN_LIST), encoding="utf-8")
    for arg in (str(p), p):
        [m] = bioflag.Engine(lists=[arg]).scan("We bought from Acme Bio.")
        assert (m.entity, m.text) == ("acme-bio", "Acme Bio")


def test_ftm_and_csl_fixtures():
    e = bioflag.Engine(lists=[LISTS / "sample.ftm.json", str(LISTS / "sample-csl.json")])
    found = e.scan("Northwind Genomics Co., Ltd. and 北风基因科技有限公司")
    assert [m.text for m in found] == ["Northwind Genomics Co., Ltd.", "北风基因科技有限公司"]
    assert len({m.entity for m in found}) == 1
    assert len(e.entities()) > len(bioflag.Engine().entities()) + 1


def test_ftm_text_is_json_text():
    line = json.dumps(
        {"id": "x-1", "schema": "Company", "properties": {"name": ["Zetagenix Sequencing Works"]}}
    )
    # A name of ordinary words only ("Zeta Sequencing Works") would be weak (import/quality.rs).
    [m] = bioflag.Engine(lists=[line + "\n"]).scan("zetagenix sequencing works")
    assert m.text == "zetagenix sequencing works"


def test_broken_list_names_line_and_field():
    with pytest.raises(bioflag.ListError) as info:
        bioflag.Engine(lists=[LISTS / "broken.json"])
    err = info.value
    assert isinstance(err, ValueError)
    assert err.list.endswith("broken.json")
    assert [(p["line"], p["field"]) for p in err.errors] == [
        (2, ""),
        (3, "properties.name"),
        (4, "properties.alias[0]"),
    ]
    assert err.errors[1]["message"] == "the entity has no name"
    assert err.errors[0]["column"] == 83
    msg = str(err)
    assert "line 3, column 58: properties.name: the entity has no name" in msg
    assert "line 4" in msg and "properties.alias[0]" in msg


def test_broken_json_text_is_named_by_position():
    bad = '{"schema": 1, "name": "x", "entities": [{"id": "a", "aliases": []}]}'
    with pytest.raises(bioflag.ListError) as info:
        bioflag.Engine(lists=[json.dumps(OWN_LIST), bad])
    assert info.value.list == "<list 2>"
    assert info.value.errors and all(p["line"] == 1 for p in info.value.errors)
    assert any(p["field"] for p in info.value.errors)


def test_unreadable_lists(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-list.json"):
        bioflag.Engine(lists=[str(tmp_path / "no-such-list.json")])
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"name": "\xe9"}')
    with pytest.raises(ValueError, match="not valid UTF-8"):
        bioflag.Engine(lists=[bad])
    with pytest.raises(TypeError):
        bioflag.Engine(lists=[42])


def test_pathlib_is_not_mistaken_for_text():
    assert isinstance(LISTS, pathlib.Path)
    bioflag.Engine(lists=[LISTS / "sample.ftm.json"])
