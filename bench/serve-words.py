#!/usr/bin/env python3
"""bench/serve-words.py — words to search for in bench/serve.sh, drawn from the
corpus itself so that every request of a load test is a different search.

usage: bench/serve-words.py DIR N > words.txt

Reads every file under DIR, counts in how many files each word (3 letters or
more, lower-cased) appears, and prints N of the words found in at least 3
files and at most 15% of them (rarer words are typos; commoner ones are "the"
and "said", which no reader searches for), as many from each band of
frequency (2-3, 4-7, 8-15 ... files) as it holds: as many words that match a
handful of articles as words that match thousands. The same files give the
same words every run.""" 
import hashlib
import os
import re
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[3])
    top, want = sys.argv[1], int(sys.argv[2])
    df, files = {}, 0
    word = re.compile(rb"[A-Za-z]{3,}")
    for root, dirs, names in os.walk(top):
        dirs.sort()
        for name in sorted(names):
            with open(os.path.join(root, name), "rb") as f:
                seen = {w.lower() for w in word.findall(f.read())}
            files += 1
            for w in seen:
                df[w] = df.get(w, 0) + 1
    # buckets of words by frequency, a power of two apart, taken in turn
    buckets = {}
    for w, n in df.items():
        if 3 <= n <= files * 0.15:
            buckets.setdefault(n.bit_length(), []).append(w)
    if not buckets:
        sys.exit("serve-words.py: no words in " + top)
    for b in buckets.values():
        b.sort(key=lambda w: hashlib.md5(w).digest())
    picked, i = [], 0
    while len(picked) < want and any(i < len(b) for b in buckets.values()):
        picked += [b[i] for _, b in sorted(buckets.items()) if i < len(b)]
        i += 1
    picked = picked[:want]
    # a fixed shuffle, so consecutive requests are not all rare or all common
    picked.sort(key=lambda w: hashlib.md5(w).digest())
    sys.stdout.write("".join(w.decode() + "\n" for w in picked))


if __name__ == "__main__":
    main()
