"""Scans WARC / WET files for flagged biotech entities with Spark; writes Parquet.

Conventions of Common Crawl's cc-pyspark jobs: the input is a text file listing WARC or WET
paths (one per line; local paths or file: URIs), each task opens its paths and iterates the
records with warcio, the map step yields rows, and the output is a Parquet table.

    spark-submit python/jobs/scan_warc.py input.txt out/ --num_input_partitions 4
    (on a cluster: --master yarn --py-files nothing needed once the bioflag wheel is installed
    on every executor, e.g. pip install bioflag-*.whl in the image)

Output columns: url (the record's WARC-Target-URI), entity (id), mentions (count in the
record), evidence (the strongest evidence seen: "name" beats the short-name forms).
"""

import argparse
from html.parser import HTMLParser

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

HIDDEN = {"script", "style", "template", "noscript", "title", "textarea"}
BLOCKS = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br",
          "section", "article", "header", "footer", "ul", "ol", "table", "blockquote"}


class _Text(HTMLParser):
    """Visible text of an HTML page: hidden elements skipped, blocks separated by blank lines
    (paragraphs, as the engine's scan reads them), inline elements joined."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    return "".join(p.parts)


def record_text(record):
    """(url, text) of a response (HTML or text) or WET conversion record, else None."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "conversion":
        return url, record.content_stream().read().decode("utf-8", "replace")
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if not (ctype.startswith("text/html") or ctype.startswith("text/plain")):
        return None
    body = record.content_stream().read().decode("utf-8", "replace")
    return url, html_text(body) if "html" in ctype else body


def rows_of(engine, url, text):
    by_entity = {}
    for m in engine.scan(text):
        n, best = by_entity.get(m.entity, (0, m.evidence))
        if EVIDENCE_ORDER.index(m.evidence) < EVIDENCE_ORDER.index(best):
            best = m.evidence
        by_entity[m.entity] = (n + 1, best)
    for entity, (n, evidence) in sorted(by_entity.items()):
        yield (url, entity, n, evidence)


def process_warcs(paths, lists):
    import bioflag  # on the executor
    from warcio.archiveiterator import ArchiveIterator

    engine = bioflag.Engine(lists=lists)
    for path in paths:
        path = path.strip()
        if not path:
            continue
        local = path[len("file:"):] if path.startswith("file:") else path
        with open(local, "rb") as stream:
            for record in ArchiveIterator(stream):
                got = record_text(record)
                if got is not None and got[0]:
                    yield from rows_of(engine, *got)


def run(spark, input_list, output, num_input_partitions=4, num_output_partitions=1, lists=()):
    lists = list(lists)
    paths = spark.sparkContext.textFile(input_list, minPartitions=num_input_partitions)
    rows = paths.mapPartitions(lambda ps: process_warcs(ps, lists))
    df = spark.createDataFrame(rows, SCHEMA)
    df.coalesce(num_output_partitions).write.mode("overwrite").parquet(output)


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
