"""The PySpark job in Spark local mode on WARC and WET files written here with warcio."""

import io
import sys

import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ROOT

sys.path.insert(0, str(ROOT / "python" / "jobs"))
import scan_warc  # noqa: E402

PAGE = (
    "<html><head><title>BGI Genomics shop</title><script>var x='MGI Tech'</script></head>"
    "<body><p>We resell <b>BGI</b> Genomics kits and BGI Genomics services.</p>"
    "<p>样本送往华大基因 😀</p></body></html>"
)


def write_warc(path, records):
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for url, rec_type, ctype, body in records:
            data = body.encode("utf-8")
            if rec_type == "response":
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = w.create_warc_record(url, "response", payload=io.BytesIO(data),
                                           http_headers=http)
            else:
                rec = w.create_warc_record(url, rec_type, payload=io.BytesIO(data),
                                           warc_content_type=ctype)
            w.write_record(rec)


@pytest.fixture(scope="module")
def spark():
    import os

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers use this venv's bioflag

    s = (SparkSession.builder.master("local[2]").appName("bioflag-test")
         .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
         .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    s.sparkContext.addPyFile(scan_warc.__file__)  # what spark-submit --py-files does
    yield s
    s.stop()


def test_scan_warc_and_wet(spark, tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [
        ("https://shop.example/bgi", "response", "text/html; charset=utf-8", PAGE),
        ("https://plain.example/none", "response", "text/html", "<p>Nothing to see.</p>"),
        ("https://img.example/x.png", "response", "image/png", "BGI Genomics"),
        ("https://shop.example/bgi", "request", "application/http", "GET / HTTP/1.1\r\n\r\n"),
    ])
    wet = tmp_path / "crawl.warc.wet.gz"
    write_warc(wet, [
        ("https://news.example/mgi", "conversion", "text/plain",
         "MGI said so.\n\nThe maker, MGI Tech, agreed. MGI Tech again."),
    ])
    listing = tmp_path / "input.txt"
    listing.write_text(f"{warc}\nfile:{wet}\n\n", encoding="utf-8")
    out = tmp_path / "out"
    scan_warc.run(spark, str(listing), str(out), num_input_partitions=2)
    rows = sorted(pq.read_table(out).to_pylist(), key=lambda r: (r["url"], r["entity"]))
    got = {(r["url"], r["entity"]): (r["mentions"], r["evidence"]) for r in rows}
    # Inline <b> joined, title and script skipped, non-HTML and request records ignored.
    assert got[("https://shop.example/bgi", "bgi-genomics")][1] == "name"
    assert ("https://shop.example/bgi", "mgi-tech") not in got
    assert {u for u, _ in got} == {"https://shop.example/bgi", "https://news.example/mgi"}
    # The short name MGI is settled by the full name later in the WET record.
    assert got[("https://news.example/mgi", "mgi-tech")] == (3, "name")
    # Each row agrees with the package on the record's text.
    import bioflag

    engine = bioflag.Engine()
    want = sorted(
        list(scan_warc.rows_of(engine, "https://shop.example/bgi", scan_warc.html_text(PAGE)))
        + [("https://news.example/mgi", "mgi-tech", 3, "name")]
    )
    assert [tuple(r.values()) for r in rows] == want
    assert sum(n for n, _ in got.values()) >= 5
