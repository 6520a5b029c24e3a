#!/bin/sh
# bench/serve.sh — `dossier serve` under load: wrk sends /api/search requests
# (bench/serve.lua: 25 everyday queries in turn) for DURATION seconds over
# CONNECTIONS connections to a store of the news corpus, once with the reply
# cache (the same queries asked again) and once without it (--cache 0: every
# request a ranked search). Prints wrk's figures; never passes or fails.
#
# usage: bench/serve.sh DOSSIER_BINARY
# Environment: BENCH_DATA (default ../shared/data/news), DURATION (10),
# CONNECTIONS (8), THREADS (server workers, 4). Needs Debian's wrk.
set -u
BIN=${1:?usage: bench/serve.sh DOSSIER_BINARY}
DATA=${BENCH_DATA:-../shared/data/news}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-4}
OUT=bench/out
DB="$OUT/serve-news.db"
mkdir -p "$OUT"
command -v wrk > /dev/null || { echo "bench/serve.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
[ -d "$DATA" ] || { echo "bench/serve.sh: no corpus at $DATA"; exit 1; }
if [ ! -f "$DB" ]; then
    echo "== ingesting $DATA into $DB"
    "$BIN" ingest "$DATA" --db "$DB" -q || exit 1
fi
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine counts)"
for cache in 1024 0; do
    "$BIN" serve --db "$DB" --port 0 --threads "$THREADS" --cache "$cache" > "$OUT/serve.out" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 1 100); do
        port=$(sed -n 's|^serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$OUT/serve.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    echo "== /api/search, --cache $cache, $CONNECTIONS connections, ${DURATION}s"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/serve.lua "http://127.0.0.1:$port" | sed -n '/Latency Distribution/,$p'
    kill "$pid"
    wait "$pid" 2>/dev/null
done
