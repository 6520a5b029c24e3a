# test_kill.sh — ingest killed with SIGKILL at 20 random points: the store
# always passes SQLite's integrity_check and FTS5's, holds whole batches only
# (256 articles each), and a re-run completes with the right article count
# (sourced by run.sh). The corpus is made here: 700 short distinct articles,
# two whole batches and part of a third.

K=$T/kill
mkdir -p "$K/in"
python3 - "$K/in" <<'EOF2'
import sys
d = sys.argv[1]
places = ["Harbour Road", "the old mill", "North Street", "the ferry pier", "Elm Park"]
for i in range(700):
    open(f"{d}/k{i:04}.txt", "w").write(
        f"Repairs at {places[i % 5]} number {i}\n\nThe council said on Monday that repairs at "
        f"{places[i % 5]} number {i} would take {i % 11 + 2} weeks and cost {i * 7 + 100} thousand "
        f"pounds. \"We will finish before winter,\" the council's engineer, Maria Olsen, said.\n")
EOF2
total=700
# whole_batches DB: integrity holds and the count is a multiple of 256, or all.
whole_batches() {
    python3 - "$1" "$total" <<'EOF2'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
if db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0:
    sys.exit(0)      # killed before the schema was made: an empty file, made whole or not at all
db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
n = db.execute("SELECT count(*) FROM articles").fetchone()[0]
assert n % 256 == 0 or n == int(sys.argv[2]), n
EOF2
}
start=$(date +%s%N)
"$D" ingest "$K/in" --db "$K/full.db" > /dev/null 2>&1
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "kill: a full ingest stores every article" store_check "$K/full.db" $total
# 20 points spread at random over the time a full ingest takes (fixed seed).
# On a loaded machine one ingest may run faster than the one timed: a run that
# ended before its kill (exit 0, not SIGKILL's 137) is run again with half the
# delay, up to 5 times, so the kills land mid-ingest however the load moves.
delays=$(awk -v ms="$full_ms" 'BEGIN { srand(9); for (i = 0; i < 20; i++) printf "%.3f\n", (0.02 + rand() * 0.98) * ms / 1000 }')
trial=0; broken=0; partial=0
for delay in $delays; do
    trial=$((trial + 1))
    tries=0
    while :; do
        rm -f "$K/s.db" "$K/s.db-wal" "$K/s.db-shm"
        "$D" ingest "$K/in" --db "$K/s.db" > /dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        rc=$?
        tries=$((tries + 1))
        [ $rc -eq 0 ] && [ $tries -lt 5 ] || break
        delay=$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 2 }')
    done
    if [ -f "$K/s.db" ] && ! whole_batches "$K/s.db" > "$K/why.txt" 2>&1; then
        broken=$((broken + 1)); echo "kill: trial $trial (after ${delay}s): $(tail -1 "$K/why.txt")"
    fi
    n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM articles').fetchone()[0])" "$K/s.db" 2>/dev/null)
    [ "${n:-0}" -lt $total ] && partial=$((partial + 1))
    if [ $((trial % 5)) -eq 0 ]; then     # every fifth: the re-run completes
        "$D" ingest "$K/in" --db "$K/s.db" > /dev/null 2> "$K/rerun.err"
        check "kill: trial $trial: a re-run after the kill completes with $total articles" store_check "$K/s.db" $total
        check "kill: trial $trial: ... with no crash or leak" no_sanitizer_report "$K/rerun.err"
    fi
done
check "kill: 20 kills leave sound stores of whole batches ($broken broken)" test "$broken" -eq 0
check "kill: ... most kills landed mid-ingest ($partial of 20)" test "$partial" -ge 10
rm -rf "$K"
