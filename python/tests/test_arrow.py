import pyarrow as pa
import pytest

TEXTS = ["BGI Genomics 😀 华大基因", None, "nothing", "MGI said.\n\nMGI Tech did."]
COLUMNS = ["row", "entity", "name", "alias", "text", "start", "end", "line", "tier", "evidence"]


def expected(engine, texts):
    rows = []
    for i, t in enumerate(texts):
        for m in engine.scan(t) if t is not None else []:
            rows.append({"row": i, **m.to_dict()})
    return rows


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()])
def test_scan_arrow(engine, kind):
    batch = engine.scan_arrow(pa.array(TEXTS, type=kind))
    assert isinstance(batch, pa.RecordBatch)
    assert batch.schema.names == COLUMNS
    assert batch.schema.field("start").type == pa.int64()
    got = batch.to_pylist()
    assert got == expected(engine, TEXTS)
    assert [r["row"] for r in got] == [0, 0, 3, 3]
    for r in got:
        assert TEXTS[r["row"]][r["start"] : r["end"]] == r["text"]


def test_scan_arrow_chunked_and_empty(engine):
    chunked = pa.chunked_array([TEXTS[:2], TEXTS[2:]])
    got = engine.scan_arrow(chunked).to_pylist()
    assert [r["row"] for r in got] == [0, 0, 3, 3]
    empty = engine.scan_arrow(pa.array([], type=pa.string()))
    assert empty.num_rows == 0 and empty.schema.names == COLUMNS


def test_scan_arrow_rejects_other_types(engine):
    with pytest.raises(TypeError, match="strings"):
        engine.scan_arrow(pa.array([1, 2]))


def test_screen_arrow(engine):
    names = pa.array(["BGI Genomics", None, "Qiagen", "MGI"])
    batch = engine.screen_arrow(names)
    assert batch.schema.names == ["name", "verdict", "entity", "entity_name", "tier", "status"]
    got = batch.to_pylist()
    assert [r["verdict"] for r in got] == ["match", "clear", "clear", "review"]
    assert got[1]["name"] is None
    want = [r.to_dict() for r in engine.screen(["BGI Genomics", "", "Qiagen", "MGI"])]
    for g, w in zip(got, want):
        assert {k: v for k, v in g.items() if k != "name"} == {
            k: v for k, v in w.items() if k != "name"
        }
