"""Records per second per core of the Spark job (python/jobs/scan_warc.py) in local mode.

    build/venv/bin/python bench/spark_records.py [--records 4000] [--files 8] [--kb 40] [--runs 2]
        [--cores 1,2] [--job python/jobs/scan_warc.py]

Writes --files gzipped WARC files (target/bench-spark/) holding --records HTTP response records
of about --kb KB of HTML each (a page's shape: head with styles and scripts, navigation, article
paragraphs, footer; about one page in ten names a flagged entity), then runs the job with
`local[1]` and `local[2]` and prints records/s and records/s per core (best of --runs, after a
warm-up run that starts the Python workers). Not part of CI: the figures go to BENCHMARKS.md.
"""

import argparse
import io
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = ("the of and to in a sequencing laboratory supplier genome kit reagent market report "
         "annual revenue clinical partner research data sample contract region growth said "
         "company new year would which their market share analysts expect patients hospital "
         "testing services platform customers order shipped quarter results").split()
NAMES = ["BGI Genomics", "WuXi AppTec", "MGI Tech", "Complete Genomics", "华大基因"]


def sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."


def page(rng, kb, i):
    """An HTML page of about `kb` KB, the proportions of a news or shop page."""
    head = ("<!doctype html><html><head><meta charset='utf-8'><title>Page %d</title>"
            "<style>%s</style><script>%s</script></head><body>" % (
                i, "body{margin:0} .nav a{color:#333} " * 40,
                "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)} "
                * 30))
    nav = "<nav class='nav'>" + "".join(
        f"<a href='/section/{k}'>{rng.choice(WORDS).title()}</a>" for k in range(40)) + "</nav>"
    parts = [head, nav, "<article><h1>", sentence(rng), "</h1>"]
    size = len(head) + len(nav)
    named = rng.random() < 0.1
    while size < kb * 1024:
        p = " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))
        if named and rng.random() < 0.2:
            p += f" The order went to <b>{rng.choice(NAMES)}</b> last year."
        p = f"<p>{p}</p>"
        parts.append(p)
        size += len(p)
    parts.append("</article><footer>" + sentence(rng) + "</footer></body></html>")
    return "".join(parts)


def write_warcs(out, records, files, kb):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    paths, total = [], 0
    for f in range(files):
        path = out / f"bench-{f}.warc.gz"
        with open(path, "wb") as fh:
            w = WARCWriter(fh, gzip=True)
            for i in range(f, records, files):
                body = page(rng, kb, i).encode("utf-8")
                total += len(body)
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                   ("Content-Length", str(len(body)))],
                                        protocol="HTTP/1.1")
                w.write_record(w.create_warc_record(
                    f"https://site{i % 97}.example/page/{i}", "response",
                    payload=io.BytesIO(body), http_headers=http))
        paths.append(path)
    return paths, total


def session(cores):
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    return (SparkSession.builder.master(f"local[{cores}]").appName("bioflag-bench")
            .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
            .getOrCreate())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=4000)
    ap.add_argument("--files", type=int, default=8, help="WARC files (input partitions)")
    ap.add_argument("--kb", type=int, default=40, help="HTML size of a record")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--cores", default="1,2")
    ap.add_argument("--job", default=str(ROOT / "python" / "jobs" / "scan_warc.py"),
                    help="the job's file (another version of it, to compare)")
    args = ap.parse_args()

    import importlib.util

    spec = importlib.util.spec_from_file_location("scan_warc", args.job)
    scan_warc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scan_warc)
    sys.modules["scan_warc"] = scan_warc

    work = ROOT / "target" / "bench-spark"
    t = time.perf_counter()
    print(f"job: {args.job}")
    warcs = work / f"warc-{args.records}-{args.files}-{args.kb}"
    done = warcs / "html-bytes"
    if done.exists():  # the same inputs as last time
        paths = sorted(warcs.glob("*.warc.gz"))
        html_bytes = int(done.read_text())
    else:
        paths, html_bytes = write_warcs(warcs, args.records, args.files, args.kb)
        done.write_text(str(html_bytes))
    print(f"{args.records} records, {html_bytes / 1e6:.1f} MB of HTML, in {args.files} "
          f"files ({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB gzipped), ready in "
          f"{time.perf_counter() - t:.1f} s")
    listing = work / "input.txt"
    listing.write_text("".join(f"{p}\n" for p in paths))
    warm = work / "warm.txt"
    warm.write_text(f"{paths[0]}\n")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"Python {platform.python_version()}")
    for cores in [int(c) for c in args.cores.split(",")]:
        spark = session(cores)
        spark.sparkContext.addPyFile(scan_warc.__file__)
        scan_warc.run(spark, str(warm), str(work / "out-warm"), num_input_partitions=cores)
        best = None
        for _ in range(args.runs):
            t = time.perf_counter()
            scan_warc.run(spark, str(listing), str(work / "out"),
                          num_input_partitions=args.files)
            s = time.perf_counter() - t
            best = s if best is None else min(best, s)
        rows = spark.read.parquet(str(work / "out")).count()
        spark.stop()
        rate = args.records / best
        print(f"local[{cores}]: {best:.2f} s for {args.records} records ({rows} rows): "
              f"{rate:.0f} records/s, {rate / cores:.0f} records/s/core, "
              f"{html_bytes / 1e6 / best:.1f} MB/s of HTML")


if __name__ == "__main__":
    main()
