#!/bin/sh
# bench/serve.sh — `dossier serve` under load: wrk sends /api/search requests
# for DURATION seconds over CONNECTIONS connections to a store of the news
# corpus, in three runs per binary:
#   everyday, cached   bench/serve.lua's 25 everyday queries in turn, with the
#                      reply cache (the same queries asked again);
#   everyday, --cache 0  the same queries, every request a ranked search;
#   words, --cache 0   2,000 words of the corpus (bench/serve-words.py: as many
#                      rare words as common ones), one a request;
#   everyday, named=12, --cache 0  as the search page asks: the hits and the
#                      people and organisations most named in them.
# Given several binaries (a build before a change, then after), each is run
# in turn on the same store and the same queries, so their figures come from
# the same minutes of the machine. Prints wrk's figures; never passes or fails.
#
# usage: bench/serve.sh DOSSIER_BINARY [ANOTHER_BINARY ...]
# Environment: BENCH_DATA (default ../shared/data/news), DURATION (10),
# CONNECTIONS (8), THREADS (server workers, 4), BENCH_DB (the store; made with
# the first binary when missing; default bench/out/serve-news.db). Needs
# Debian's wrk and python3.
set -u
[ $# -ge 1 ] || { echo "usage: bench/serve.sh DOSSIER_BINARY [ANOTHER_BINARY ...]"; exit 2; }
DATA=${BENCH_DATA:-../shared/data/news}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-4}
OUT=bench/out
DB=${BENCH_DB:-$OUT/serve-news.db}
WORDS="$OUT/serve-words.txt"
mkdir -p "$OUT"
command -v wrk > /dev/null || { echo "bench/serve.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
[ -d "$DATA" ] || { echo "bench/serve.sh: no corpus at $DATA"; exit 1; }
if [ ! -f "$DB" ]; then
    echo "== ingesting $DATA into $DB"
    "$1" ingest "$DATA" --db "$DB" -q || exit 1
fi
[ -s "$WORDS" ] || python3 bench/serve-words.py "$DATA" 2000 > "$WORDS" || exit 1

# serve BINARY CACHE: starts a server on a free port; sets pid and port.
serve() {
    "$1" serve --db "$DB" --port 0 --threads "$THREADS" --cache "$2" > "$OUT/serve.out" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 1 100); do
        port=$(sed -n 's|^serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$OUT/serve.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$OUT/serve.out"; exit 1; }
}

# The server's CPU time so far (user + system), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

load() {   # load LABEL [WORDS_FILE|- [EXTRA_PARAMETERS]]
    label=$1
    shift
    echo "== $bin: /api/search, $label, $CONNECTIONS connections, ${DURATION}s, load average $(cut -d' ' -f1 /proc/loadavg)"
    before=$(cpu_ticks)
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/serve.lua "http://127.0.0.1:$port" ${1:+-- "$@"} |
        sed -n '/Latency Distribution/,$p' | grep -v 'Transfer/sec' > "$OUT/wrk.out"
    after=$(cpu_ticks)
    cat "$OUT/wrk.out"
    # CPU per request, which other work on the machine does not change (it
    # only takes cores away): how many a second two idle cores would serve.
    awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
        '/requests in/ {printf "  server CPU per request: %.3f ms\n", t / hz * 1000 / $1}' "$OUT/wrk.out"
}

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine counts)"
for bin in "$@"; do
    serve "$bin" 1024
    load "everyday queries, cached"
    kill "$pid"; wait "$pid" 2>/dev/null
    serve "$bin" 0
    load "everyday queries, --cache 0"
    load "$(wc -l < "$WORDS") corpus words, --cache 0" "$WORDS"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/search?q=oil&named=1")" = 200 ]; then
        load "everyday queries, named=12, --cache 0" - "&named=12"
    else
        echo "== $bin: no named= in this build"
    fi
    kill "$pid"; wait "$pid" 2>/dev/null
done
