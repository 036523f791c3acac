"""The PySpark job in Spark local mode on WARC and WET files written here with warcio."""

import gzip
import io
import sys
import zlib

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
    """records: (url, type, content type, body (str, or bytes as sent), extra HTTP headers)."""
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for url, rec_type, ctype, body, *extra in records:
            data = body.encode("utf-8") if isinstance(body, str) else body
            if rec_type == "response":
                headers = [("Content-Type", ctype)] + (extra[0] if extra else [])
                http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
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
        list(scan_warc.rows_of("https://shop.example/bgi", engine.scan_html(PAGE)))
        + [("https://news.example/mgi", "mgi-tech", 3, "name")]
    )
    assert [tuple(r.values()) for r in rows] == want
    assert sum(n for n, _ in got.values()) >= 5


def chunked(data, size):
    out = b""
    for i in range(0, len(data), size):
        piece = data[i : i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def test_bodies_as_servers_send_them(spark, tmp_path):
    import brotli

    page = (("<p>Weather and trains.</p>" * 200) + "<p>Kits by <b>WuXi</b> AppTec.</p>").encode()
    deflate = zlib.compressobj(wbits=-15)  # raw DEFLATE, as many servers send 'deflate'
    raw_deflate = deflate.compress(page) + deflate.flush()
    warc = tmp_path / "encoded.warc.gz"
    write_warc(warc, [
        ("https://e.example/chunked", "response", "text/html", chunked(page, 300),
         [("Transfer-Encoding", "chunked")]),
        ("https://e.example/gzip", "response", "text/html", gzip.compress(page),
         [("Content-Encoding", "gzip")]),
        ("https://e.example/chunked-gzip", "response", "text/html",
         chunked(gzip.compress(page), 100),
         [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]),
        ("https://e.example/deflate", "response", "text/html", zlib.compress(page),
         [("Content-Encoding", "deflate")]),
        ("https://e.example/raw-deflate", "response", "text/html", raw_deflate,
         [("Content-Encoding", "deflate")]),
        ("https://e.example/br", "response", "text/html", brotli.compress(page),
         [("Content-Encoding", "br")]),
        # A coding warcio cannot undo: skipped, not scanned as compressed bytes.
        ("https://e.example/zstd", "response", "text/html", b"(\xb5/\xfdWuXi AppTec",
         [("Content-Encoding", "zstd")]),
    ])
    listing = tmp_path / "input.txt"
    listing.write_text(f"{warc}\n", encoding="utf-8")
    out = tmp_path / "out"
    scan_warc.run(spark, str(listing), str(out), num_input_partitions=1)
    rows = pq.read_table(out).to_pylist()
    assert sorted((r["url"], r["entity"], r["mentions"]) for r in rows) == sorted(
        (f"https://e.example/{u}", "wuxi-apptec", 1)
        for u in ["chunked", "gzip", "chunked-gzip", "deflate", "raw-deflate", "br"]
    )


def test_inputs_over_http(spark, tmp_path):
    # As a listing of Common Crawl's https://data.commoncrawl.org/... paths is read.
    import functools
    import http.server
    import threading

    write_warc(tmp_path / "crawl.warc.gz", [
        ("https://shop.example/bgi", "response", "text/html", PAGE),
    ])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        listing = tmp_path / "input.txt"
        listing.write_text(f"http://127.0.0.1:{server.server_port}/crawl.warc.gz\n")
        out = tmp_path / "out"
        scan_warc.run(spark, str(listing), str(out), num_input_partitions=1)
    finally:
        server.shutdown()
    rows = pq.read_table(out).to_pylist()
    assert [(r["url"], r["entity"]) for r in rows] == [("https://shop.example/bgi", "bgi-genomics")]
