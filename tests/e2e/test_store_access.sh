# test_store_access.sh — a store the user may read but not write is still read;
# another program's SQLite file is refused untouched (sourced by run.sh).

A=$T/access
mkdir -p "$A/ro"
"$D" ingest "$FIX/articles" --db "$A/ro/n?#%.db" > /dev/null 2>&1    # URI characters in the name
id=$("$D" search lighthouse --json --db "$A/ro/n?#%.db" 2>/dev/null |
     python3 -c "import json,sys; print(json.loads(sys.stdin.readline())['doc'])" 2>/dev/null)
check "access: the store to lock holds the lighthouse article" test -n "$id"
# as_reader CMD...: runs CMD as a user who cannot write $A/ro. Root writes any
# folder, so root runs it as nobody (setpriv); anyone else drops write rights.
# The search above, a reader, left an empty -wal and the -shm behind; a store
# copied or unpacked comes without them, the case that failed.
rm -f "$A/ro/n?#%.db-wal" "$A/ro/n?#%.db-shm"
chmod 711 "$T" && chmod 755 "$A" && chmod 644 "$A"/ro/* && chmod 555 "$A/ro"
as_reader() {
    if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else "$@"; fi
}
case "$D" in /*) DA=$D ;; *) DA=$PWD/$D ;; esac
if [ "$(id -u)" -eq 0 ] && ! command -v setpriv > /dev/null; then
    echo "note: access: read-only store tests skipped (root without setpriv)"
elif [ "$(id -u)" -eq 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$DA"; then
    echo "note: access: read-only store tests skipped (nobody cannot reach $DA)"
else
    as_reader "$DA" search lighthouse --db "$A/ro/n?#%.db" > "$A/s.out" 2> "$A/s.err"
    check "access: search of a store in a folder the user cannot write exits 0" test $? -eq 0
    check "access: ... and finds the article" grep -q "$id" "$A/s.out"
    check "access: ... nothing on stderr" test ! -s "$A/s.err"
    as_reader "$DA" show "$id" --db "$A/ro/n?#%.db" > /dev/null 2>&1
    check "access: show of a read-only store exits 0" test $? -eq 0
    as_reader "$DA" report --db "$A/ro/n?#%.db" > /dev/null 2>&1
    check "access: report of a read-only store exits 0" test $? -eq 0
    check "access: the read-only folder still holds the store alone" test "$(ls "$A/ro" | wc -l)" -eq 1
fi
chmod 755 "$A/ro"

# Another program's database: refused (exit 3), its journal mode unchanged.
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t(x)'); c.commit()" "$A/other.db"
"$D" ingest "$FIX/articles/plain.txt" --db "$A/other.db" > /dev/null 2> "$A/other.err"
check "access: another program's SQLite file is refused (exit 3)" test $? -eq 3
check "access: ... saying so" grep -q "another program's SQLite database" "$A/other.err"
check "access: ... left in its own journal mode" \
    python3 -c "import sqlite3,sys; assert sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode').fetchone()[0] == 'delete'" "$A/other.db"
rm -rf "$A"
