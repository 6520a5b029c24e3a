#!/bin/sh
# bench/run.sh — `make bench`: dossier's throughput and memory on real news, side by
# side with the JavaScript peer tools (../shared/tools/peers) run on the same input in
# the same run. Prints figures; never passes or fails on them.
#
# usage: bench/run.sh DOSSIER_BINARY
#
# What it runs, in order (about two minutes on a 2-core machine):
#   1. `dossier bench` on the whole news corpus (files in memory, one core; rates per
#      second of CPU time, so other work on the machine does not count; MB/s of the
#      fastest of BENCH_REPEAT passes, the mean beside it), one row per pass:
#      read+clean, +sentences, +entities, the full pipeline.
#   1b. `wc -w` on the same files (the floor of one pass over the bytes), then
#      `dossier extract` (-j 1 and -j 2) and `dossier ingest -j 1` and `-j 2` into a fresh store: CPU
#      and wall seconds, MB/s, the ratio to wc -w, store size over text size.
#   2. Streaming memory: `dossier bench --stream` on a quarter of the corpus and on
#      all of it; peak RSS must not grow with corpus size.
#   3. One 200 MB file made of the corpus, through `dossier extract` (big inputs
#      must finish; its time and peak RSS are shown).
#   4. The peers and dossier on one shared subset (every SUBSET_EVERY-th file): the
#      peers run at 0.1–10 MB/s, so the whole corpus would take most of an hour.
#
# Environment: BENCH_DATA (default ../shared/data/news), BENCH_REPEAT (passes over
# the corpus, default 3), SUBSET_EVERY (default 10), BENCH_NO_PEERS=1 to skip them,
# BENCH_NO_BIG=1 to skip the 200 MB file.
set -u
BIN=${1:?usage: bench/run.sh DOSSIER_BINARY}
DATA=${BENCH_DATA:-../shared/data/news}
REPEAT=${BENCH_REPEAT:-3}
EVERY=${SUBSET_EVERY:-10}
OUT=bench/out
PEERS_SRC=../shared/tools/peers
mkdir -p "$OUT"

if [ ! -d "$DATA" ]; then
    echo "bench: $DATA not found (it lives in ../shared, beside the project);"
    echo "bench: measuring on examples/ instead, without peers"
    DATA=examples
    BENCH_NO_PEERS=1
    BENCH_NO_BIG=1
fi

section() { printf '\n== %s\n' "$1"; }
echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work slows wall-clock figures)"

# --- 1. the whole corpus, in memory -------------------------------------------
section "dossier on $DATA (files read into memory first; one core; repeat $REPEAT)"
"$BIN" bench --repeat "$REPEAT" --steps clean,sentences,entities,all "$DATA" || exit 1

# --- 1b. one pass over the bytes, extract, and ingest, on the same files ------------
section "the floor (wc -w), dossier extract and dossier ingest on $DATA (CPU seconds; wall beside)"
python3 - "$BIN" "$DATA" "$OUT" <<'EOF'
import os, resource, subprocess, sys, time
binary, data, out = sys.argv[1:4]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(data) for f in fs if not f.startswith("."))
size = sum(os.path.getsize(f) for f in files)
def run(cmd, **kw):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return p.returncode, cpu, wall, after.ru_maxrss / 1024
rows = []
rc, cpu, wall, _ = run(["sh", "-c", 'tr "\\n" "\\0" | xargs -0 cat | wc -w'], input="\n".join(files).encode())
rows.append(("wc -w (cat | wc -w)", cpu, wall, None, "the floor: one pass over the bytes"))
floor = cpu
rc, cpu, wall, rss = run([binary, "extract", data])
rows.append(("dossier extract", cpu, wall, rss, "full pipeline, JSON out"))
one = wall
rc, cpu, wall, rss = run([binary, "extract", "-j", "2", data])
rows.append(("dossier extract -j 2", cpu, wall, rss, f"{one/wall:.2f}x one thread's wall speed"))
for jobs in (1, 2):
    db = os.path.join(out, f"ingest-j{jobs}.db")
    for sfx in ("", "-wal", "-shm"):
        if os.path.exists(db + sfx): os.remove(db + sfx)
    rc, cpu, wall, rss = run([binary, "ingest", data, "--db", db, "--jobs", str(jobs), "--quiet"])
    store = os.path.getsize(db)
    rows.append((f"dossier ingest -j {jobs}", cpu, wall, rss,
                 f"store {store/1e6:.0f} MB = {store/size:.1f}x the text" + ("" if rc == 0 else f" (exit {rc})")))
print(f"{len(files)} files, {size/1e6:.1f} MB")
print(f"{'':22} {'CPU s':>7} {'MB/CPU s':>9} {'wall s':>7} {'MB/s wall':>9} {'x wc -w':>8} {'peak RSS':>9}")
for name, cpu, wall, rss, note in rows:
    r = "-" if rss is None else f"{rss:.0f} MB"
    print(f"{name:22} {cpu:7.2f} {size/1e6/cpu:9.1f} {wall:7.2f} {size/1e6/wall:9.1f} {cpu/floor:8.1f} {r:>9}  {note}")
print("(peak RSS: the largest of this section's commands so far)")
EOF

# --- 2. streaming: memory must not grow with the corpus ------------------------
section "streaming (files read from disk one at a time, full pipeline)"
nfiles=$(find "$DATA" -type f ! -name '.*' | wc -l)
quarter=$((nfiles / 4 > 0 ? nfiles / 4 : 1))
"$BIN" bench --stream --steps all --json --limit "$quarter" "$DATA" > "$OUT/stream-quarter.json"
"$BIN" bench --stream --steps all --json "$DATA" > "$OUT/stream-all.json"
python3 - "$OUT/stream-quarter.json" "$OUT/stream-all.json" <<'EOF'
import json, sys
q, a = (json.loads(open(p).read().splitlines()[-1]) for p in sys.argv[1:3])
for name, r in (("a quarter", q), ("all", a)):
    print(f"{name:10} {r['files']:6d} files {r['bytes']/1e6:8.1f} MB  {r['mb_per_s']:6.1f} MB/s"
          f"  peak RSS {r['peak_rss_kb']/1024:6.1f} MB")
growth = (a['peak_rss_kb'] - q['peak_rss_kb']) / 1024
print(f"peak RSS grew by {growth:.1f} MB for {a['bytes']/q['bytes']:.1f}x the input"
      + (" (flat: streaming holds)" if growth < 8 else " (GROWS with the corpus: look for a leak or a cache)"))
EOF

# --- 3. one 200 MB file --------------------------------------------------------
if [ "${BENCH_NO_BIG:-0}" != 1 ]; then
    section "one 200 MB plain-text file (dossier extract, full pipeline)"
    big="$OUT/big-200mb.txt"
    if [ ! -f "$big" ] || [ "$(stat -c %s "$big")" -lt 200000000 ]; then
        find "$DATA" -type f -name '*.txt' | sort | xargs cat > "$OUT/chunk.txt"
        : > "$big"
        while [ "$(stat -c %s "$big")" -lt 200000000 ]; do cat "$OUT/chunk.txt" >> "$big"; done
        rm -f "$OUT/chunk.txt"
    fi
    # python3 times it and reads the child's peak RSS (GNU time may be missing).
    python3 - "$BIN" "$big" "$OUT/big.jsonl" <<'EOF'
import os, resource, subprocess, sys, time
binary, big, out = sys.argv[1:4]
t0 = time.monotonic()
try:
    with open(out, "wb") as f:
        p = subprocess.run([binary, "extract", big], stdout=f, stderr=subprocess.PIPE, timeout=900)
except subprocess.TimeoutExpired:
    sys.exit("dossier extract did not finish the 200 MB file in 15 minutes (a hang or O(n^2) work)")
secs = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
rss, cpu = ru.ru_maxrss / 1024, ru.ru_utime + ru.ru_stime
size = os.path.getsize(big)
if p.returncode != 0:
    print(f"dossier extract failed on the 200 MB file (exit {p.returncode}): {p.stderr.decode()[-300:]}")
else:
    print(f"{size/1e6:.0f} MB in {cpu:.1f} s of CPU ({secs:.1f} s wall) = {size/1e6/cpu:.1f} MB/s"
          f" (disk read and JSON output included), peak RSS {rss:.0f} MB = {rss*1024*1024/size:.1f}x the input")
EOF
    rm -f "$OUT/big.jsonl"
fi

# --- 4. peers and dossier on the same subset -----------------------------------
[ "${BENCH_NO_PEERS:-0}" = 1 ] && { echo; echo "bench: peers skipped (BENCH_NO_PEERS=1 or no data)"; exit 0; }
sub="$OUT/subset"
rm -rf "$sub"; mkdir -p "$sub"
# Flat names keep the peers' recursive reader and dossier's walk on identical files.
find "$DATA" -type f -name '*.txt' ! -iname 'readme*' | sort | awk -v e="$EVERY" 'NR % e == 1' |
    while IFS= read -r f; do
        ln -s "$(realpath "$f")" "$sub/$(basename "$(dirname "$f")")-$(basename "$f")"
    done
section "same subset for all: every ${EVERY}th article ($(ls "$sub" | wc -l) files, $(cat "$sub"/* | wc -c | awk '{printf "%.1f", $1/1e6}') MB)"
"$BIN" bench --json --steps sentences,all "$sub" > "$OUT/dossier-subset.json" || exit 1

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 || [ ! -d "$PEERS_SRC" ]; then
    echo "bench: peers skipped (node, npm or $PEERS_SRC missing); dossier alone:"
    cat "$OUT/dossier-subset.json"
    exit 0
fi
# The peers are installed in our own git-ignored folder, never in ../shared.
peers="$OUT/peers"
mkdir -p "$peers"
if ! cmp -s "$PEERS_SRC/package-lock.json" "$peers/package-lock.json" || [ ! -d "$peers/node_modules" ]; then
    cp "$PEERS_SRC"/package.json "$PEERS_SRC"/package-lock.json "$PEERS_SRC"/*.mjs "$peers/"
    (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>"../npm.err") ||
        { echo "bench: peers skipped (npm ci failed: $(tail -1 "$OUT/npm.err"))"; cat "$OUT/dossier-subset.json"; exit 0; }
fi
cp "$PEERS_SRC"/*.mjs "$peers/"
: > "$OUT/peers.json"
for lib in compromise wink chrono sbd; do
    # One process per library, as peers.mjs does itself; a library that throws is reported.
    if ! (cd "$peers" && timeout 600 node peers.mjs bench "../subset" --lib "$lib") \
            >> "$OUT/peers.json" 2> "$OUT/peer-$lib.err"; then
        err=$(grep -m1 -E 'Error' "$OUT/peer-$lib.err" | cut -c1-100)
        printf '{"lib":"%s","error":"%s"}\n' "$lib" "$(printf '%s' "${err:-failed}" | tr -d '"\\')" >> "$OUT/peers.json"
    fi
done
python3 - "$OUT/dossier-subset.json" "$OUT/peers.json" <<'EOF'
import json, sys
# The peers time themselves by the wall clock, so the comparison is on wall-clock
# rates measured back to back; dossier's CPU-time rate is shown beside its own.
rows = []
what = {"sentences": "read+clean+tokens+sentences",
        "all": "full pipeline (entities, times, figures, quotes, events)",
        "compromise": "parse + people/places/orgs/quotations", "wink": "readDoc + entities + sentences",
        "chrono": "dates", "sbd": "sentences"}
for line in open(sys.argv[1]):
    r = json.loads(line)
    aps = r["articles"] / r["seconds"] if r["seconds"] else 0
    rows.append(("dossier " + r["pass"], r["mb_per_s_wall"], r["mb_per_s"], aps, r["peak_rss_kb"] / 1024,
                 what[r["pass"]]))
for line in open(sys.argv[2]):
    r = json.loads(line)
    if "error" in r:
        rows.append((r["lib"], None, None, None, None, "failed: " + r["error"]))
    else:
        rows.append((r["lib"], r["MB_per_s"], None, r["docs_per_s"], r["peak_rss_MiB"], what.get(r["lib"], "")))
print(f"{'tool':18} {'MB/s':>8} {'(CPU)':>8} {'articles/s':>11} {'peak RSS MB':>12}  what it does")
f = lambda v, spec: format(v, spec) if v is not None else "-"
for name, mbs, cpu, aps, rss, note in rows:
    print(f"{name:18} {f(mbs, '8.2f'):>8} {f(cpu, '8.2f'):>8} {f(aps, '11.0f'):>11} {f(rss, '12.1f'):>12}  {note}")
print("(wall-clock rates, one core each, input in memory; the peers' RSS includes node itself, ~55 MB)")
EOF
