#!/usr/bin/env python3
"""Builds data/link/word-idf.txt: how common each word is in news, for
weighing the words two statements share (src/link/claims.c).

    python3 scripts/build-link-idf.py [NEWS_DIR ...]   (default ../shared/data/news)

Reads every article (one file each) under the folders, and writes, for each
word in at least MIN_DF of them, its inverse document frequency ln(N / df).
Words are read as src/link/claims.c reads them: letters with inner
apostrophes, lower case, a possessive 's dropped, plurals made singular.
Words not listed are rarer, and weigh ln(N / 1). The output is committed;
rerun this when the news folders change."""
import math, os, re, sys

MIN_DF = 5
WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")


def singular(w):
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and w[-2] not in "siu":
        return w[:-1]
    return w


def words(text):
    out = set()
    for m in WORD.finditer(text):
        w = m.group(0).replace("\u2019", "'").lower()
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) >= 2:
            out.add(singular(w))
    return out


def main():
    dirs = sys.argv[1:] or [os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "news")]
    df, n = {}, 0
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.upper().startswith("README"):
                    continue
                with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                    ws = words(fh.read())
                n += 1
                for w in ws:
                    df[w] = df.get(w, 0) + 1
    out = os.path.join(os.path.dirname(__file__), "..", "data", "link", "word-idf.txt")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# Inverse document frequency ln(N/df) of words in %d news articles\n" % n)
        fh.write("# (scripts/build-link-idf.py; do not edit by hand). Words not listed weigh\n")
        fh.write("# ln(N) = %.2f. First line after the comments: N.\n" % math.log(n))
        fh.write("__documents__\t%d\n" % n)
        for w in sorted(df):
            if df[w] >= MIN_DF:
                fh.write("%s\t%.2f\n" % (w, math.log(n / df[w])))
    print("build-link-idf: %d articles, %d words" % (n, sum(1 for w in df if df[w] >= MIN_DF)), file=sys.stderr)


main()
