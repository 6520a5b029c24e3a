#!/usr/bin/env python3
"""quote-misses.py — read what quote attribution misses on PolNeAR, with context.

    scripts/quote-misses.py [--mode list|cues|spk|pred] [--cue CUE] DOSSIER DATA

Runs `DOSSIER extract` on a PolNeAR split (as ../shared/tools/eval_quotes.py does,
whose readers and matching this script reuses) and prints:
  list  each gold attribution no prediction matches (MISS D/I: direct or indirect)
        and each found one whose speaker is wrong (SPK), with the gold cue, source,
        content and the text around them;
  cues  the gold cues of the misses, most frequent first (which verbs or layouts
        to study next);
  spk   the speaker errors only;
  pred  per predicted cue: predictions, those matching a gold attribution, and
        those matching none; with --cue CUE (or "all") the unmatched ones.
Use the train split to find causes and check a rule's precision; dev only to measure.
Environment: DOSSIER_SHARED (default ../shared)."""
import argparse, collections, os, re, shutil, sys, tempfile

SHARED = os.environ.get("DOSSIER_SHARED", "../shared")
sys.path.insert(0, os.path.join(SHARED, "tools"))
import eval_quotes as E  # noqa: E402


def gold_cues(path, text):
    """The cue text of each E relation with content, in read_ann's order."""
    spans, rels, cues = {}, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\r\n").split("\t")
            if re.fullmatch(r"T\d+", p[0]) and len(p) >= 2:
                m = re.fullmatch(r"(\S+) (\d+ \d+(?:;\d+ \d+)*)", p[1])
                if m:
                    spans[p[0]] = [tuple(map(int, x.split())) for x in m.group(2).split(";")]
            elif re.fullmatch(r"E\d+", p[0]) and len(p) >= 2:
                rels.append([a.split(":", 1) for a in p[1].split() if ":" in a])
    for roles in rels:
        if any(r.startswith("Content") for r, _ in roles):
            cues.append(" ".join(text[a:b] for r, t in roles if r == "Cue" for a, b in spans.get(t, [])))
    return cues


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", default="list", choices=["list", "cues", "spk", "pred"])
    ap.add_argument("--cue", help="with --mode pred: list the unmatched predictions of this cue (or all)")
    ap.add_argument("dossier")
    ap.add_argument("data")
    a = ap.parse_args()
    arts = E.build_articles(a.data, E.read_metadata(a.data))
    tmp = tempfile.mkdtemp()
    try:
        for art in arts:
            with open(os.path.join(tmp, art["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(art["input"])
        docs = E.run_dossier(a.dossier, tmp, 1800)
    finally:
        shutil.rmtree(tmp)
    adir = os.path.join(a.data, "attributions")
    missed = collections.Counter()
    per_cue = collections.defaultdict(lambda: [0, 0])
    for art in arts:
        ann = sorted(f for f in os.listdir(adir) if f.startswith(art["id"]))[0]
        with open(os.path.join(a.data, "text", art["id"] + ".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        for g, cue in zip(art["golds"], gold_cues(os.path.join(adir, ann), text)):
            g["cue"] = cue
        preds = [q for q in E.items(docs.get(art["id"], {}), "quotes") if E.norm(q.get("text"))]
        bags = [collections.Counter(E.words(q.get("text"))) for q in preds]
        if a.mode == "pred":
            for q, pw in zip(preds, bags):
                every = [g for g in art["golds"] if E.matches(pw, sum(pw.values()), g)]
                if every and all(g["in_title"] or g["short"] for g in every):
                    continue
                cue = (q.get("cue") or "").lower()
                per_cue[cue][0] += 1
                per_cue[cue][1] += bool(every)
                if not every and a.cue in (cue, "all"):
                    print(f"[{art['id'][:30]}] {cue!r} {q.get('kind')}: {q.get('text')[:150]!r}")
            continue
        for g in art["golds"]:
            if g["in_title"] or g["short"]:
                continue
            hits = [q for q, pw in zip(preds, bags) if E.matches(pw, sum(pw.values()), g)]
            lo = min([g["content"][0][0]] + [s[0] for s in g["source"]])
            hi = max([g["content"][-1][1]] + [s[1] for s in g["source"]])
            ctx = text[max(0, lo - 60):hi + 60].replace("\n", " ")[:400]
            kind = "D" if g["direct"] else "I"
            if not hits:
                missed[g.get("cue", "").lower()] += 1
                if a.mode == "list":
                    print(f"MISS {kind} [{art['id'][:30]}] cue={g.get('cue')!r} src={g['source_text']!r}\n"
                          f"   content: {g['text'][:200]!r}\n   ctx: {ctx!r}")
            elif g["keys"] is not None and not any(g["keys"] & E.speaker_words(q) for q in hits):
                if a.mode in ("list", "spk"):
                    got = [(q.get("speaker"), (q.get("speaker_mention") or {}).get("text")) for q in hits]
                    print(f"SPK {kind} [{art['id'][:30]}] cue={g.get('cue')!r} want={g['source_text']!r} got={got}\n"
                          f"   content: {g['text'][:150]!r}\n   ctx: {ctx!r}")
    if a.mode == "cues":
        for cue, n in missed.most_common(80):
            print(n, cue)
    if a.mode == "pred" and not a.cue:
        for cue, (n, ok) in sorted(per_cue.items(), key=lambda x: x[1][1] - x[1][0]):
            print(f"{n:5d} {ok:5d} {n - ok:4d} {cue}")


if __name__ == "__main__":
    main()
