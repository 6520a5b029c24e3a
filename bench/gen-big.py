#!/usr/bin/env python3
"""gen-big.py KIND SIZE_MB OUT: one long article of real news (issue 9's memory test).

Every article of ../shared/data/news (or NEWS_DIR) is split into paragraphs and glued,
in a fixed shuffled order per pass, until SIZE_MB megabytes are written: plain text
(paragraphs apart by a blank line) or, with KIND html, one page whose <article> holds
each paragraph as a <p>. The same bytes every run (seeded)."""
import html, os, random, sys

kind, size, out = sys.argv[1], int(float(sys.argv[2]) * 1_000_000), sys.argv[3]
root = os.environ.get("NEWS_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "news"))
paras = []
for d, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        if f.upper().startswith("README"):
            continue
        text = open(os.path.join(d, f), encoding="utf-8", errors="replace").read()
        paras += [p.strip() for p in text.split("\n\n") if p.strip()]
rng = random.Random(9)
with open(out, "w", encoding="utf-8") as f:
    if kind == "html":
        f.write("<!DOCTYPE html><html><head><title>Glued news</title></head><body><article>\n")
    n = 0
    while n < size:
        order = list(range(len(paras)))
        rng.shuffle(order)
        for i in order:
            p = "<p>" + html.escape(paras[i]) + "</p>" if kind == "html" else paras[i]
            f.write(p + "\n\n")
            n += len(p.encode()) + 2
            if n >= size:
                break
    if kind == "html":
        f.write("</article></body></html>\n")
