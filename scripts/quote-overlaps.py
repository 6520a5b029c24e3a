#!/usr/bin/env python3
"""quote-overlaps.py — count pairs of quotes in one article whose spans overlap
or repeat the same words, in `dossier extract` output (JSON lines on stdin).

    build/dossier extract ../shared/data/news/bbc | scripts/quote-overlaps.py [-v]

Each statement should be stored once: an indirect quote holding quoted words
is one mixed quote, not an indirect one plus a direct one inside it. Prints
"overlapping=N repeated=M articles=K"; -v lists each pair."""
import json
import sys

verbose = "-v" in sys.argv[1:]
over = rep = arts = 0
for line in sys.stdin:
    d = json.loads(line)
    arts += 1
    qs = sorted(d.get("quotes") or [], key=lambda q: (q["start"], q["end"]))
    for i, a in enumerate(qs):
        for b in qs[i + 1:]:
            if b["start"] >= a["end"]:
                break
            over += 1
            if verbose:
                print(f"{d['id']}\toverlap\t{a['kind']}:{a['text'][:70]!r}\t{b['kind']}:{b['text'][:70]!r}")
    seen = {}
    for q in qs:
        key = " ".join(q["text"].lower().split())
        if key in seen and seen[key]["start"] != q["start"]:
            rep += 1
            if verbose:
                print(f"{d['id']}\trepeat\t{q['text'][:70]!r}")
        seen.setdefault(key, q)
print(f"overlapping={over} repeated={rep} articles={arts}")
