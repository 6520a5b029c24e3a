# test_store.sh — ingest, search and show through the command line, bad
# stores, and a killed ingest (sourced by run.sh).

S="$T/store"
mkdir -p "$S"
ARTS="$FIX/articles/store_lighthouse.txt $FIX/articles/store_orchard.txt $FIX/articles/store_ferry.html"

# sql DB QUERY: prints the first column of the first row (python's sqlite3, as
# the sqlite3 shell may not be installed).
sql() {
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1" "$2"
}

# --- ingest ------------------------------------------------------------------
# shellcheck disable=SC2086
"$D" ingest $ARTS --db "$S/a.db" > "$S/in1.out" 2> "$S/in1.err"
check "ingest exits 0" test $? -eq 0
check "ingest prints one summary line" test "$(wc -l < "$S/in1.out")" -eq 1
check "ingest summary counts 3 files, 3 new" grep -q "ingested 3 files into .*: 3 new, 0 updated, 0 duplicates, 0 failed" "$S/in1.out"
check "ingest shows no progress when stderr is not a terminal" test ! -s "$S/in1.err"
check "ingested store is WAL" test "$(sql "$S/a.db" "PRAGMA journal_mode")" = wal
check "ingested store holds 3 articles" test "$(sql "$S/a.db" "SELECT count(*) FROM articles")" -eq 3
check "ingested store counts sentences" test "$(sql "$S/a.db" "SELECT sum(sentences) FROM articles")" -gt 5

# shellcheck disable=SC2086
"$D" ingest $ARTS --db "$S/a.db" > "$S/in2.out" 2>&1
check "ingest again exits 0" test $? -eq 0
check "ingest again finds only duplicates" grep -q ": 0 new, 0 updated, 3 duplicates, 0 failed" "$S/in2.out"
check "ingest again stores nothing twice" test "$(sql "$S/a.db" "SELECT count(*) FROM articles")" -eq 3

cp "$FIX/articles/store_orchard.txt" "$S/the-orchard-copy.txt"
printf '%s\n' "$S/the-orchard-copy.txt" | "$D" ingest --db "$S/a.db" > "$S/in3.out" 2>&1
check "ingest reads paths from stdin; a copy under a later name is a duplicate" \
    grep -q "ingested 1 files into .*: 0 new, 0 updated, 1 duplicates" "$S/in3.out"

# A file whose text changed replaces its old version.
cp "$FIX/articles/store_orchard.txt" "$S/changing.txt"
"$D" ingest "$S/changing.txt" --db "$S/b.db" > /dev/null 2>&1
echo "A late correction: the frost came on Wednesday night." >> "$S/changing.txt"
"$D" ingest "$S/changing.txt" --db "$S/b.db" > "$S/in4.out" 2>&1
check "a changed file is updated, not added" grep -q ": 0 new, 1 updated, 0 duplicates" "$S/in4.out"
check "the update leaves one article" test "$(sql "$S/b.db" "SELECT count(*) FROM articles")" -eq 1
"$D" search correction --db "$S/b.db" > /dev/null 2>&1
check "the new text is searchable" test $? -eq 0

# --- bad inputs: one line each, the rest stored, exit 1 -------------------------
mkdir -p "$S/bad"
cp "$FIX/articles/store_lighthouse.txt" "$S/bad/good.txt"
: > "$S/bad/empty.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000' > "$S/bad/image.txt"
printf '<html><head><title>No body here</title></head></html>' > "$S/bad/nobody.html"
printf 'Caf\351 owners say the r\377ent rose again this year.\n' > "$S/bad/latin.txt"
"$D" ingest "$S/bad" "$S/missing.txt" --db "$S/c.db" > "$S/bad.out" 2> "$S/bad.err"
check "ingest with bad files exits 1" test $? -eq 1
check "the empty file is named on stderr" grep -q "empty.txt: " "$S/bad.err"
check "the binary file is named on stderr" grep -q "image.txt: " "$S/bad.err"
check "the missing file is named on stderr" grep -q "missing.txt: " "$S/bad.err"
check "each error is one line starting dossier:" test "$(grep -vc '^dossier: ' "$S/bad.err")" -eq 0
check "good files are stored despite bad ones" test "$(sql "$S/c.db" "SELECT count(*) FROM articles WHERE id IN ('good', 'latin')")" -eq 2
check "bad files are counted as failed" grep -q "failed" "$S/bad.out"

# --- search -------------------------------------------------------------------
"$D" search lighthouse keeper --db "$S/a.db" > "$S/s1.out" 2>&1
check "search exits 0" test $? -eq 0
check "search lists the matching article" grep -q "store_lighthouse" "$S/s1.out"
check "search marks matches with brackets off a terminal" grep -q "\[lighthouse\]" "$S/s1.out"
check "search does not list articles without the words" test "$(grep -c store_orchard "$S/s1.out")" -eq 0

"$D" search "frost OR ferry" --json --db "$S/a.db" > "$S/s2.jsonl" 2>&1
check "search --json gives one JSON object per match" python3 -c "
import json
rows=[json.loads(l) for l in open('$S/s2.jsonl')]
assert sorted(r['doc'] for r in rows)==['store_ferry','store_orchard'], rows
assert [r['rank'] for r in rows]==[1,2]
assert rows[0]['score']>=rows[1]['score']
for r in rows: assert set(r)>={'doc','title','published','outlet','snippet','score'}
"
"$D" search "ferr*" --limit 1 --db "$S/a.db" > "$S/s3.out" 2>&1
check "search prefix and --limit" test "$(grep -c '^ *[0-9]*\. ' "$S/s3.out")" -eq 1
"$D" search "Skellig-Minor" --db "$S/a.db" > "$S/s4.out" 2>&1
check "a hyphenated word searches as a phrase" grep -q store_ferry "$S/s4.out"
"$D" search lighthouse --since 2999-01-01 --json --db "$S/a.db" > "$S/s5.out" 2>&1
check "search --since in the future finds nothing, exit 0" test $? -eq 0 -a ! -s "$S/s5.out"
"$D" search lighthouse --outlet "No Such Outlet" --json --db "$S/a.db" > "$S/s6.out" 2>&1
check "search --outlet filters" test ! -s "$S/s6.out"
"$D" search "lighthouse AND" --db "$S/a.db" > /dev/null 2> "$S/s7.err"
check "a malformed search exits 2" test $? -eq 2
check "a malformed search gives one line" test "$(wc -l < "$S/s7.err")" -eq 1
"$D" search lighthouse --since someday --db "$S/a.db" > /dev/null 2>&1
check "a bad --since exits 2" test $? -eq 2
"$D" search --db "$S/a.db" > /dev/null 2>&1
check "search with no words exits 2" test $? -eq 2

# --- show -----------------------------------------------------------------------
# a store's source is the file's resolved path (ingest may run in any folder)
"$D" extract "$(pwd -P)/$FIX/articles/store_ferry.html" > "$S/ferry.extract" 2>/dev/null
"$D" show store_ferry --json --db "$S/a.db" > "$S/ferry.show" 2>&1
check "show exits 0" test $? -eq 0
check "show --json is exactly the extract object" cmp -s "$S/ferry.extract" "$S/ferry.show"
"$D" show store_lighthouse --db "$S/a.db" > "$S/show.out" 2>&1
check "show prints the text" grep -q "never once let the lamp go dark" "$S/show.out"
check "show prints the id" grep -q "^id  *store_lighthouse" "$S/show.out"
"$D" show no-such-article --db "$S/a.db" > /dev/null 2>&1
check "show of an unknown id exits 4" test $? -eq 4

# --- bad stores: one line, exit 3 ------------------------------------------------
printf 'just some text, not a database at all\n' > "$S/notdb.db"
"$D" ingest "$FIX/articles/store_orchard.txt" --db "$S/notdb.db" > /dev/null 2> "$S/notdb.err"
check "ingest into a non-SQLite file exits 3" test $? -eq 3
check "ingest into a non-SQLite file: one line" test "$(wc -l < "$S/notdb.err")" -eq 1
check "the non-SQLite file is left alone" grep -q "not a database at all" "$S/notdb.db"
"$D" search lighthouse --db "$S/notdb.db" > /dev/null 2> "$S/notdb2.err"
check "search in a non-SQLite file exits 3" test $? -eq 3
check "search in a non-SQLite file: one line" test "$(wc -l < "$S/notdb2.err")" -eq 1
head -c 8192 "$S/a.db" > "$S/cut.db"
printf 'garbage%.0s' $(seq 1 2000) >> "$S/cut.db"
"$D" search lighthouse --db "$S/cut.db" > /dev/null 2> "$S/cut.err"
check "search in a damaged store exits 3" test $? -eq 3
check "search in a damaged store: one line" test "$(wc -l < "$S/cut.err")" -eq 1
"$D" show store_ferry --db "$S/nowhere.db" > /dev/null 2>&1
check "show with a missing store exits 3" test $? -eq 3
check "a reader does not create a missing store" test ! -e "$S/nowhere.db"
cp "$S/b.db" "$S/newer.db"
python3 -c "import sqlite3; c=sqlite3.connect('$S/newer.db'); c.execute('PRAGMA user_version=999'); c.commit()"
"$D" ingest "$FIX/articles/store_orchard.txt" --db "$S/newer.db" > /dev/null 2> "$S/newer.err"
check "a store with a newer schema exits 3" test $? -eq 3
check "a newer schema is named in one line" grep -q "newer" "$S/newer.err"

# --- a killed ingest leaves a consistent store ------------------------------------
# Many small distinct articles, so several batches commit before the kill.
python3 - "$S/many" <<'EOF'
import os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
towns = ["Alder", "Birch", "Cedar", "Dunmore", "Elmstead", "Fenwick", "Glenholm", "Hartwell"]
for i in range(3000):
    t = towns[i % len(towns)]
    with open(os.path.join(out, "gen%04d.txt" % i), "w") as f:
        f.write("Council of %s approves plan number %d\n\n" % (t, i))
        f.write("The council of %s voted on plan %d on Monday, officials said.\n\n" % (t, i))
        f.write("Residents of %s will hear more about plan %d next month. " % (t, i) * 8)
EOF
# The paths go in through a pipe left open, so the ingest is still waiting for
# more when the kill comes, however fast it is; it is killed once the first
# batch is committed (readers never wait in WAL).
python3 - "$D" "$S/k.db" "$S/many" <<'EOF'
import os, signal, sqlite3, subprocess, sys, time
exe, db, many = sys.argv[1:4]
p = subprocess.Popen([exe, "ingest", "--db", db], stdin=subprocess.PIPE,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
paths = sorted(os.listdir(many))[:1200]
p.stdin.write("".join(os.path.join(many, f) + "\n" for f in paths).encode())
p.stdin.flush()
deadline = time.time() + 600
while time.time() < deadline and p.poll() is None:
    try:
        if sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=0).execute("SELECT count(*) FROM articles").fetchone()[0] >= 1024:
            break
    except sqlite3.Error:
        pass
    time.sleep(0.01)
p.send_signal(signal.SIGKILL)
p.wait()
EOF
check "the ingest was killed mid-way" test "$(sql "$S/k.db" "SELECT count(*) FROM articles")" -lt 3000
check "the killed store passes integrity_check" test "$(sql "$S/k.db" "PRAGMA integrity_check")" = ok
check "the killed store's full-text index is consistent" python3 -c "
import sqlite3; c=sqlite3.connect('$S/k.db')
c.execute(\"INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)\")"
check "the killed store holds whole batches only" python3 -c "
import sqlite3; c=sqlite3.connect('$S/k.db')
n=c.execute('SELECT count(*) FROM articles').fetchone()[0]
s=c.execute('SELECT count(*) FROM link_entities WHERE article NOT IN (SELECT rowid FROM articles)').fetchone()[0] + n
assert n % 1024 == 0 or n == 3000, n
assert s == n, (s, n)"
"$D" ingest "$S/many" --db "$S/k.db" > "$S/k.out" 2>&1
check "ingest after a kill completes the store" test "$(sql "$S/k.db" "SELECT count(*) FROM articles")" -eq 3000
"$D" search "Glenholm" --limit 1000 --json --db "$S/k.db" > "$S/k.json" 2>&1
check "the completed store is searchable" test "$(wc -l < "$S/k.json")" -eq 375

# --- threads: the same store whatever the number of extraction threads --------------
# shellcheck disable=SC2086
"$D" ingest "$S"/many/gen0[0-5]* $ARTS --jobs 0 --db "$S/j0.db" > /dev/null 2>&1
# shellcheck disable=SC2086
"$D" ingest "$S"/many/gen0[0-5]* $ARTS --jobs 3 --db "$S/j3.db" > /dev/null 2>&1
check "ingest with 3 threads stores what 0 threads store, in the same order" python3 -c "
import sqlite3
q='SELECT id, hash, json, text_at FROM articles ORDER BY rowid'
a=sqlite3.connect('$S/j0.db').execute(q).fetchall()
b=sqlite3.connect('$S/j3.db').execute(q).fetchall()
assert len(a)==603 and a==b, (len(a), len(b))"
"$D" ingest --jobs x "$S/many" > /dev/null 2>&1
check "ingest --jobs needs a number" test $? -eq 2

# --- progress on a terminal only -----------------------------------------------------
if command -v script > /dev/null 2>&1; then
    script -qec "\"$D\" ingest $ARTS --db \"$S/tty.db\"" /dev/null > "$S/tty.out" 2>&1
    check "ingest on a terminal shows files/s and MB/s" grep -q "files/s.*MB/s" "$S/tty.out"
fi

# --- a huge article is searched in bounded time ---------------------------------------
python3 -c "
import sys
with open('$S/huge.txt', 'w') as f:
    f.write('Harbour Log\n\n')
    for i in range(60000):
        f.write('The harbour pilot logged tide number %d at the harbour mouth.\n' % i)
"
"$D" ingest "$S/huge.txt" --db "$S/huge.db" > /dev/null 2>&1
timeout 30 "$D" search harbour --db "$S/huge.db" > "$S/huge.out" 2>&1
check "search in a 4 MB article full of matches ends in time" test $? -eq 0
check "search in a 4 MB article lists it" grep -q "huge" "$S/huge.out"

# --- a folder holding its own store: the store is not read as an article -------------
mkdir -p "$S/own"
cp "$FIX/articles/plain.txt" "$S/own/a.txt"
"$D" ingest "$S/own" --db "$S/own/own.db" > /dev/null 2>&1
"$D" ingest "$S/own" --db "$S/own/own.db" > "$S/own.out" 2> "$S/own.err"
check "ingesting the folder that holds the store exits 0" test $? -eq 0
check "... and names no store file as an error" test ! -s "$S/own.err"
check "... and counts only the article" grep -q "ingested 1 files" "$S/own.out"

# --- help --------------------------------------------------------------------------
check "help for ingest" "$D" ingest --help
check "help for search" "$D" search --help
check "help for show" "$D" show --help
"$D" ingest --bogus > /dev/null 2>&1
check "ingest with an unknown option exits 2" test $? -eq 2
