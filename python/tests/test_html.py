"""HTML through the engine's own reader (the CLI's html5ever extraction): html_text and
Engine.scan_html."""

import json
import subprocess

import bioflag
from conftest import ROOT

PAGE = (
    "<!doctype html><html><head><title>BGI Genomics shop</title>\n"
    "<style>.x{content:'MGI Tech'}</style><script>var s = '<p>WuXi AppTec</p>';</script></head>\n"
    "<body><nav><a href='/'>Home</a></nav>\n"
    "<p>We resell <b>BGI</b> Genomics kits &amp; services.</p>\n"
    "<ul><li>样本送往华大基因 😀</li>\n<li>MGI said so.</li></ul>\n"
    "<template><p>Complete Genomics</p></template>\n"
    "<div>The maker,\nMGI Tech, agreed.</div></body></html>"
)


def test_html_text_is_the_visible_text_in_blocks():
    assert bioflag.html_text("<p>Made by <b>BGI</b> Genomics</p><div>Next &amp; more</div>") == (
        "Made by BGI Genomics\n\nNext & more"
    )
    text = bioflag.html_text(PAGE)
    assert text.split("\n\n") == [
        "Home",
        "We resell BGI Genomics kits & services.",
        "样本送往华大基因 😀",
        "MGI said so.",
        "The maker,\nMGI Tech, agreed.",
    ]
    assert bioflag.html_text("") == ""
    assert bioflag.html_text("<script>only code</script>") == ""


def test_scan_html_offsets_index_the_text_and_lines_the_source(engine):
    text = bioflag.html_text(PAGE)
    found = engine.scan_html(PAGE)
    assert [m.text for m in found] == ["BGI Genomics", "华大基因", "MGI", "MGI Tech"]
    for m in found:
        assert text[m.start : m.end] == m.text
    source = PAGE.split("\n")
    by_text = {m.text: m for m in found}
    assert by_text["BGI Genomics"].line == 4
    assert "We resell" in source[by_text["BGI Genomics"].line - 1]
    assert by_text["华大基因"].line == 5
    # The line inside a block that spans two source lines.
    assert by_text["MGI Tech"].line == 9 and source[8].startswith("MGI Tech")
    # The bare short name in its own list item is settled by the full name in a later block.
    assert by_text["MGI"].evidence == "short-name-with-full-name-in-document"
    # The title, style, script and template are not visible text.
    assert {m.entity for m in found} == {"bgi-genomics", "mgi-tech"}


def test_scan_html_agrees_with_the_cli(engine, cli, tmp_path):
    page = (ROOT / "examples" / "shop-listing.html").read_text(encoding="utf-8") + PAGE
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    out = subprocess.run([cli, "scan", "--format", "json", path], capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    want = [
        (m["entity"], m["text"], m["line"], m["evidence"])
        for m in json.loads(out.stdout)["matches"]
    ]
    assert len(want) >= 5
    got = [(m.entity, m.text, m.line, m.evidence) for m in engine.scan_html(page)]
    assert got == want


def test_scan_html_of_plain_text_and_nothing(engine):
    assert engine.scan_html("") == []
    [m] = engine.scan_html("Samples went to BGI Genomics.")
    assert (m.start, m.end, m.line) == (16, 28, 1)
