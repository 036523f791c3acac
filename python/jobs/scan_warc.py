"""Scans WARC / WET files for flagged biotech entities with Spark; writes Parquet.

Conventions of Common Crawl's cc-pyspark jobs: the input is a text file listing WARC or WET
paths (one per line: local paths, file:, http(s):, s3:// or hdfs:// URIs; the listing itself
may be on S3 or HDFS), each task opens its paths and iterates the records with warcio, the
map step yields rows, and the output is a Parquet table.

    spark-submit python/jobs/scan_warc.py input.txt out/ --num_input_partitions 4

On a cluster the bioflag wheel must be importable on every executor: installed in the image,
or shipped as a packed venv (--archives bioflag-env.tar.gz#env with
PYSPARK_PYTHON=./env/bin/python); see the README.

Output columns: url (the record's WARC-Target-URI), entity (id), mentions (count in the
record), evidence (the strongest evidence seen: "name" beats the short-name forms).
"""

import argparse

from pyspark.sql import SparkSession
from pyspark.sql.types import IntegerType, StringType, StructField, StructType

SCHEMA = StructType(
    [
        StructField("url", StringType(), False),
        StructField("entity", StringType(), False),
        StructField("mentions", IntegerType(), False),
        StructField("evidence", StringType(), False),
    ]
)

# Strongest first, as the CLI orders evidence.
EVIDENCE_ORDER = [
    "name",
    "short-name-with-context",
    "short-name-with-full-name-nearby",
    "short-name-with-full-name-in-document",
]

class _Brotli:
    """A brotli decompressor in the shape warcio drives (decompress, unused_data, flush).
    warcio's own registration targets the old brotlipy package and fails on Google's brotli
    (its Decompressor takes no attributes and names its method process)."""

    unused_data = None

    def __init__(self):
        import brotli

        d = brotli.Decompressor()
        # Google's brotli names it process; brotlipy and older releases, decompress.
        self._process = getattr(d, "process", None) or d.decompress

    def decompress(self, data):
        return self._process(data)

    def flush(self):
        return b""


def register_brotli():
    """Lets warcio undo Content-Encoding: br when the brotli package is installed."""
    from warcio.bufferedreaders import BufferedReader

    try:
        import brotli  # noqa: F401
    except ImportError:
        BufferedReader.DECOMPRESSORS.pop("br", None)
        return
    BufferedReader.DECOMPRESSORS["br"] = _Brotli


def supported_encoding(http_headers):
    """Whether warcio can undo the body's Content-Encoding (gzip, deflate; br with the brotli
    package installed), or there is none. A body it cannot decode is skipped, not scanned as
    compressed bytes."""
    from warcio.bufferedreaders import BufferedReader

    encoding = (http_headers.get_header("Content-Encoding") or "").strip().lower()
    return encoding in ("", "identity") or encoding in BufferedReader.get_supported_decompressors()


def record_matches(engine, record):
    """(url, matches) of a response (HTML or text) or WET conversion record, else None.

    HTTP bodies are read as servers sent them: warcio's content_stream undoes
    Transfer-Encoding: chunked and the Content-Encoding. HTML goes through the engine's own
    reader (html5ever, as the CLI reads HTML files)."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "conversion":
        return url, engine.scan(record.content_stream().read().decode("utf-8", "replace"))
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if not (ctype.startswith("text/html") or ctype.startswith("text/plain")):
        return None
    if not supported_encoding(record.http_headers):
        return None
    # warcio reads a body that does not decode as declared (a server that said gzip and sent
    # plain text) as it is, rather than failing the task.
    body = record.content_stream().read().decode("utf-8", "replace")
    return url, engine.scan_html(body) if "html" in ctype else engine.scan(body)


def rows_of(url, matches):
    """One row per entity of a record: its mentions and the strongest evidence."""
    by_entity = {}
    for m in matches:
        n, best = by_entity.get(m.entity, (0, m.evidence))
        if EVIDENCE_ORDER.index(m.evidence) < EVIDENCE_ORDER.index(best):
            best = m.evidence
        by_entity[m.entity] = (n + 1, best)
    for entity, (n, evidence) in sorted(by_entity.items()):
        yield (url, entity, n, evidence)


def open_input(path):
    """A WARC/WET file to stream, as cc-pyspark opens them: a local path or file: URI, an
    http(s): URL (Common Crawl's https://data.commoncrawl.org/...), or any URI pyarrow's
    filesystems read (s3://, s3a://, hdfs://, gs://; credentials from the usual environment)."""
    if path.startswith("file:"):
        path = path[len("file:"):]
        if path.startswith("//"):
            path = path[2:]
    if "://" not in path:
        return open(path, "rb")
    if path.startswith(("http://", "https://")):
        from urllib.request import urlopen

        return urlopen(path)
    from pyarrow import fs

    uri = "s3://" + path[len("s3a://"):] if path.startswith("s3a://") else path
    filesystem, inner = fs.FileSystem.from_uri(uri)
    return filesystem.open_input_stream(inner)


def process_warcs(paths, lists):
    import bioflag  # on the executor
    from warcio.archiveiterator import ArchiveIterator

    register_brotli()
    engine = bioflag.Engine(lists=lists)
    for path in paths:
        path = path.strip()
        if not path:
            continue
        with open_input(path) as stream:
            for record in ArchiveIterator(stream):
                got = record_matches(engine, record)
                if got is not None and got[0]:
                    yield from rows_of(*got)


def run(spark, input_list, output, num_input_partitions=4, num_output_partitions=1, lists=()):
    lists = list(lists)
    paths = spark.sparkContext.textFile(input_list, minPartitions=num_input_partitions)
    rows = paths.mapPartitions(lambda ps: process_warcs(ps, lists))
    df = spark.createDataFrame(rows, SCHEMA)
    # repartition, not coalesce: coalesce would merge the scan's tasks too (it adds no stage
    # boundary), running the whole crawl in num_output_partitions tasks. The rows are few, so
    # their shuffle is cheap.
    df.repartition(num_output_partitions).write.mode("overwrite").parquet(output)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="text file listing WARC/WET paths, one per line")
    ap.add_argument("output", help="output directory (Parquet)")
    ap.add_argument("--num_input_partitions", type=int, default=400)
    ap.add_argument("--num_output_partitions", type=int, default=10)
    ap.add_argument("--list", action="append", default=[], dest="lists",
                    help="an imported list (path on every executor, or JSON text); repeatable")
    args = ap.parse_args(argv)
    spark = SparkSession.builder.appName("bioflag-scan-warc").getOrCreate()
    try:
        run(spark, args.input, args.output, args.num_input_partitions,
            args.num_output_partitions, args.lists)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
