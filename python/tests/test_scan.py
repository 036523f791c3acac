import pytest

import bioflag


def test_full_name(engine):
    text = "Samples were sent to BGI Genomics for sequencing."
    [m] = engine.scan(text)
    assert m.entity == "bgi-genomics"
    assert m.text == "BGI Genomics"
    assert (m.start, m.end) == (21, 33)
    assert text[m.start : m.end] == m.text
    assert m.evidence == "name"
    assert m.line == 1
    assert m.name and m.alias and m.tier
    assert m.to_dict()["entity"] == "bgi-genomics"
    assert "bgi-genomics" in repr(m)


def test_nothing_found(engine):
    assert engine.scan("") == []
    assert engine.scan("Fly into the airport, then take the train.") == []


def test_offsets_are_code_points_with_cjk_and_emoji(engine):
    # Astral emoji are one str index each (two UTF-16 units, four UTF-8 bytes).
    text = "🧬🧪 样本送往华大基因检测 😀\nThen BGI Genomics 🎉 and 华大基因 again."
    found = engine.scan(text)
    assert len(found) >= 3
    for m in found:
        assert text[m.start : m.end] == m.text
    starts = [m.start for m in found]
    assert text.index("华大基因") in starts
    assert text.index("BGI Genomics") in starts
    assert text.rindex("华大基因") in starts
    bgi = next(m for m in found if m.text == "BGI Genomics")
    assert bgi.line == 2
    assert bgi.end - bgi.start == len("BGI Genomics")


def test_legal_form_included(engine):
    text = "Contract with BGI Genomics Co., Ltd. signed."
    [m] = engine.scan(text)
    assert m.text == "BGI Genomics Co., Ltd."


def test_weak_alias_needs_support(engine):
    assert engine.scan("BGI announced results.") == []
    [m] = engine.scan("BGI opened a new sequencing lab.")
    assert m.entity.startswith("bgi")
    assert m.evidence == "short-name-with-context"


def test_weak_alias_settled_against_the_document(engine):
    # The full name in a later paragraph supports the short name in the first one, as in the CLI.
    text = "MGI announced results.\n\nThe maker, MGI Tech, said so."
    found = engine.scan(text)
    assert [m.text for m in found] == ["MGI", "MGI Tech"]
    assert found[0].evidence == "short-name-with-full-name-in-document"
    assert found[1].line == 3


def test_scan_rejects_non_str(engine):
    with pytest.raises(TypeError):
        engine.scan(b"BGI Genomics")


def test_scan_many_equals_scan(engine):
    texts = [
        "BGI Genomics",
        "",
        "nothing here",
        "😀 华大基因 😀",
        "MGI announced.\n\nMGI Tech did.",
    ] * 97  # enough for every thread to get a chunk
    many = engine.scan_many(texts)
    assert len(many) == len(texts)
    assert many == [engine.scan(t) for t in texts]
    assert [len(r) for r in many[:5]] == [1, 0, 0, 1, 2]


def test_scan_many_empty(engine):
    assert engine.scan_many([]) == []


def test_engine_is_shared_between_threads(engine):
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"row {i}: BGI Genomics and 华大基因" for i in range(200)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(engine.scan, texts))
    assert results == [engine.scan(t) for t in texts]
    assert all(len(r) == 2 for r in results)


def test_entities(engine):
    ids = {e["id"] for e in engine.entities()}
    assert {"bgi-genomics", "mgi-tech"} <= ids
    assert "Engine(entities=" in repr(engine)
    assert bioflag.__version__ == "0.1.0"
