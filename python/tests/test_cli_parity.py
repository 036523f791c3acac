"""The package and the CLI agree: same matches on the example text, same verdicts on the
example supplier list (the CLI's offsets are bytes, the package's code points)."""

import csv
import io
import json
import subprocess

from conftest import ROOT

EXAMPLES = ROOT / "examples"


def test_scan_matches_cli(engine, cli, tmp_path):
    # The example article, plus CJK, emoji and a weak alias settled by a later paragraph.
    text = (EXAMPLES / "news-article.txt").read_text(encoding="utf-8")
    text += "\n\n🧬 样本送往华大基因。MGI said.\n\nLater: MGI Tech 😀 and BGI Genomics.\n"
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([cli, "scan", "--format", "json", path], capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    cli_matches = json.loads(out.stdout)["matches"]
    assert len(cli_matches) >= 5
    data = text.encode("utf-8")

    def chars(byte_offset):
        return len(data[:byte_offset].decode("utf-8"))

    want = [{**m, "start": chars(m["start"]), "end": chars(m["end"])} for m in cli_matches]
    assert [m.to_dict() for m in engine.scan(text)] == want


def test_screen_matches_cli(engine, cli):
    path = EXAMPLES / "suppliers.csv"
    out = subprocess.run(
        [cli, "screen", path, "--column", "name"], capture_output=True, text=True
    )
    assert out.returncode == 1, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) >= 5
    results = engine.screen([r["name"] for r in rows])
    for row, r in zip(rows, results, strict=True):
        assert r.verdict == row["verdict"]
        assert (r.entity or "") == row["entity"]
        assert (r.entity_name or "") == row["entity_name"]
        assert (r.tier or "") == row["tier"]
        assert (r.status or "") == row["status"]
    assert {r.verdict for r in results} >= {"match", "clear"}
