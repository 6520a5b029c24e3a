#!/bin/sh
# bench/scale.sh — dossier at N articles: ingest rate, store size, peak RSS, and the
# latency of what readers ask (search p50/p99 over a fixed query set, entity,
# quotes --by, conflicts, report). Prints figures; never passes or fails on them.
#
# usage: bench/scale.sh DOSSIER_BINARY N [N...]     e.g. bench/scale.sh build/dossier 10000 100000
#
# For each N, bench/gen-corpus.py makes N varied articles from ../shared/data/news
# (seed 1: the same files every run; kept in bench/out/gen-N for the next run), then
# `dossier ingest --jobs SCALE_JOBS` (default 2) stores them in bench/out/scale-N.db,
# from scratch. Each query runs as its own process, as a user would run it, so its
# time includes opening the store and loading data files; SCALE_REPEAT (default 3)
# runs of each, the search queries once per repeat. Times are wall clock: on a shared
# machine, read them beside the load average printed first.
set -u
BIN=${1:?usage: bench/scale.sh DOSSIER_BINARY N [N...]}
shift
[ $# -ge 1 ] || { echo "usage: bench/scale.sh DOSSIER_BINARY N [N...]"; exit 2; }
SRC=${SCALE_SRC:-../shared/data/news}
OUT=bench/out
mkdir -p "$OUT"
echo "scale: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "$@"; do
    gen="$OUT/gen-$n"
    if [ ! -f "$gen/.done" ]; then
        rm -rf "$gen"
        python3 bench/gen-corpus.py "$n" "$gen" --src "$SRC" || exit 1
        touch "$gen/.done"
    fi
    python3 - "$BIN" "$n" "$gen" "$OUT/scale-$n.db" "${SCALE_JOBS:-2}" "${SCALE_REPEAT:-3}" <<'EOF'
import os, resource, statistics, subprocess, sys, time
binary, n, gen, db, jobs, repeat = sys.argv[1:7]
repeat = int(repeat)
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(gen) for f in fs if not f.startswith("."))
for sfx in ("", "-wal", "-shm"):
    if os.path.exists(db + sfx):
        os.remove(db + sfx)

def run(args):
    t0 = time.monotonic()
    p = subprocess.run([binary] + args + ["--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        print(f"  {' '.join(args)}: exit {p.returncode}: {p.stderr.decode().strip()[:200]}")
    return time.monotonic() - t0

before = resource.getrusage(resource.RUSAGE_CHILDREN)
wall = run(["ingest", gen, "--jobs", jobs, "--quiet"])
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
store = os.path.getsize(db)
print(f"\n== {int(n):,} articles, {size/1e6:.1f} MB of text")
print(f"ingest -j {jobs}: {wall:.1f} s wall ({size/1e6/wall:.2f} MB/s), {cpu:.1f} s CPU ({size/1e6/cpu:.2f} MB/CPU s),"
      f" peak RSS {after.ru_maxrss/1024:.0f} MB")
print(f"store: {store/1e6:.1f} MB = {store/size:.2f}x the text")

# A fixed query set: common and rare words, phrases, an OR, a prefix.
searches = ["oil prices", "interest rates", "dividend", "election", "football", "\"bank of england\"",
            "strike", "merger OR acquisition", "profit warning", "trade deficit", "film award", "broadband",
            "tax cuts", "coffee", "gold", "Japan yen", "chancellor budget", "champion*", "record quarterly loss",
            "shareholders approved"]
times = [run(["search", q, "--limit", "10"]) for _ in range(repeat) for q in searches]
times.sort()
p = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
print(f"search ({len(searches)} queries x {repeat}): p50 {p(0.50):.0f} ms, p99 {p(0.99):.0f} ms, max {times[-1]*1000:.0f} ms")
for label, args in (("entity Blair", ["entity", "Blair"]), ("entity Reagan", ["entity", "Reagan"]),
                    ("quotes --by Blair", ["quotes", "--by", "Blair"]), ("conflicts", ["conflicts"]),
                    ("report", ["report"])):
    t = [run(args) for _ in range(repeat)]
    print(f"{label:18} median {statistics.median(t)*1000:7.0f} ms  (of {repeat}: {', '.join(f'{x*1000:.0f}' for x in t)})")
print("(each a separate process: store opening and data loading included)")
EOF
done
