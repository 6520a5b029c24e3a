#!/usr/bin/env python3
"""gen-corpus.py — a reproducible corpus of N varied news articles for scale benchmarks.

usage: bench/gen-corpus.py N OUT_DIR [--src ../shared/data/news] [--seed 1] [--dup 0.02]

Each article is made from one real article of SRC (a plain-text file, title on its first
line) by recombining it with others of the same folder, so that dedup, linking and
search do real work, as on a real archive, instead of meeting N identical copies:

  - paragraphs: the base article's, some replaced by paragraphs of another article of
    its folder, some dropped, the rest kept in order (the first, the lead, stays);
  - names: a few capitalised words of the article (proper names, mostly) are renamed to
    others seen in the corpus, the same way throughout the article, so a name is shared
    by some generated articles and not others;
  - dates: every year (1900–2029) and the Reuters date line shift by one random number
    of years and days per article;
  - duplicates: a fraction DUP of the articles repeats an earlier generated one exactly
    (ingest must store it once).

The same N, SRC and seed give the same files, byte for byte (Python's random with a
fixed seed; files are read in sorted order). Files go to OUT_DIR/NNNN/gen-NNNNNNN.txt,
1,000 a folder.
"""
import argparse
import os
import random
import re
import sys

CAP = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{3,})\b")
YEAR = re.compile(r"\b(19[0-9]{2}|20[0-2][0-9])\b")
REUTERS_DATE = re.compile(r"^(\d{1,2})-([A-Z]{3})-(\d{4})", re.M)
# Capitalised words that are not names: never renamed, never a new name.
NOT_NAMES = set("""January February March April June July August September October November
December Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def load(src):
    """Articles by folder: (title, paragraphs) of every readable .txt file."""
    folders = {}
    for d, subdirs, files in sorted(os.walk(src)):
        subdirs.sort()
        for f in sorted(files):
            if not f.endswith(".txt") or f.lower().startswith("readme"):
                continue
            try:
                text = open(os.path.join(d, f), encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            # Paragraphs: blank-line separated (BBC) or "&\t"-led lines (Reuters).
            paras = [p.strip("\n") for p in re.split(r"\n\s*\n|\n(?=&\t)", text) if p.strip()]
            if len(paras) >= 2:
                folders.setdefault(d, []).append(paras)
    return folders


def names_of(folders):
    """Capitalised words seen inside sentences: the renaming pool."""
    seen = {}
    for arts in folders.values():
        for paras in arts:
            for p in paras[1:]:
                for m in CAP.finditer(p):
                    seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    return sorted(w for w, n in seen.items() if n >= 3 and w not in NOT_NAMES)


def shift_dates(text, years, days):
    text = YEAR.sub(lambda m: str(min(2029, max(1900, int(m.group(1)) + years))), text)

    def line(m):
        day = (int(m.group(1)) - 1 + days) % 28 + 1
        year = min(2029, max(1900, int(m.group(3)) + years))
        month = MONTHS[(MONTHS.index(m.group(2)) + days // 28) % 12] if m.group(2) in MONTHS else m.group(2)
        return f"{day:02d}-{month}-{year}"
    return REUTERS_DATE.sub(line, text)


def make(rng, arts, pool):
    base = rng.choice(arts)
    head = 2 if REUTERS_DATE.match(base[1]) else 1   # the title, and a Reuters date line
    paras = base[:head]
    for p in base[head:]:
        r = rng.random()
        if r < 0.15:
            continue
        if r < 0.40:
            other = rng.choice(arts)
            p = rng.choice(other[1:])
            if p.startswith("&\t") != base[-1].startswith("&\t") or REUTERS_DATE.match(p):
                p = base[-1]
        paras.append(p)
    if len(paras) <= head:
        paras.append(base[-1])
    text = paras[0] + "".join(("\n" if p.startswith("&\t") else "\n\n") + p for p in paras[1:]) + "\n"
    words = sorted(set(CAP.findall(text)) - NOT_NAMES)
    if words and pool:
        rename = {w: rng.choice(pool) for w in rng.sample(words, min(len(words), rng.randint(1, 4)))}
        text = re.sub(r"\b(" + "|".join(map(re.escape, rename)) + r")\b", lambda m: rename[m.group(1)], text)
    return shift_dates(text, rng.randint(-3, 25), rng.randint(0, 364))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--src", default="../shared/data/news")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dup", type=float, default=0.02)
    a = ap.parse_args()
    folders = load(a.src)
    if not folders:
        sys.exit(f"gen-corpus: no articles under {a.src}")
    pool = names_of(folders)
    keys = sorted(folders)
    weights = [len(folders[k]) for k in keys]
    rng = random.Random(a.seed)
    made = []
    total = 0
    for i in range(a.n):
        if made and rng.random() < a.dup:
            text = made[rng.randrange(len(made))]
        else:
            text = make(rng, folders[rng.choices(keys, weights)[0]], pool)
            if len(made) < 10000:
                made.append(text)
            else:
                made[rng.randrange(10000)] = text
        d = os.path.join(a.out, f"{i // 1000:04d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"gen-{i:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
    print(f"gen-corpus: {a.n} articles, {total / 1e6:.1f} MB in {a.out} (seed {a.seed})")


if __name__ == "__main__":
    main()
