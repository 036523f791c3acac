#!/usr/bin/env python3
"""Regenerates COMMON_TRIGRAMS in src/prefilter.rs: the 1,000 most frequent letter trigrams of
English text, most frequent first, counted inside words over this system's manual pages and
package documentation (/usr/share/man, /usr/share/doc; plain or gzipped files).

    python3 scripts/gen-trigrams.py            # rewrites the table in src/prefilter.rs
    python3 scripts/gen-trigrams.py --print    # prints it instead

The counts follow the documentation installed, so a different system gives a slightly different
order; what the prefilter needs is only "common in running English", which any large English
text gives. Run `cargo test --lib prefilter` afterwards: the anchors chosen may change.
"""
import collections
import gzip
import os
import re
import sys

ROOTS = ["/usr/share/man", "/usr/share/doc"]
KEEP = 1000
PER_LINE = 23
WORD = re.compile(rb"[a-z]{3,}")
TABLE = re.compile(r'(const COMMON_TRIGRAMS: &str = ")[^"]*(";)')


def texts():
    for root in ROOTS:
        for folder, _, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    continue
                try:
                    opener = gzip.open if name.endswith(".gz") else open
                    with opener(path, "rb") as f:
                        data = f.read(4 << 20)
                except (OSError, EOFError):
                    continue
                if b"\0" in data[:1024]:
                    continue  # binary
                yield data.lower()


def count():
    counts = collections.Counter()
    for data in texts():
        for word in WORD.findall(data):
            for i in range(len(word) - 2):
                counts[word[i:i + 3]] += 1
    return counts


def table(counts):
    top = [t.decode() for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:KEEP]]
    lines = [" ".join(top[i:i + PER_LINE]) for i in range(0, len(top), PER_LINE)]
    return "\n" + "".join(f"    {line}\n" for line in lines)


def main():
    counts = count()
    if len(counts) < KEEP:
        sys.exit(f"gen-trigrams: only {len(counts)} distinct trigrams found under {ROOTS}; install some documentation")
    body = table(counts)
    if "--print" in sys.argv:
        print(body)
        return
    path = os.path.join(os.path.dirname(__file__), "..", "src", "prefilter.rs")
    with open(path, encoding="utf-8") as f:
        source = f.read()
    if not TABLE.search(source):
        sys.exit("gen-trigrams: COMMON_TRIGRAMS not found in src/prefilter.rs")
    with open(path, "w", encoding="utf-8") as f:
        f.write(TABLE.sub(lambda m: m.group(1) + body + m.group(2), source, count=1))
    print(f"gen-trigrams: {sum(counts.values())} trigrams counted; src/prefilter.rs rewritten")


if __name__ == "__main__":
    main()
