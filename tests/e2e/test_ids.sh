# test_ids.sh — ids from the path below the folder given, the same whatever
# else is read and in which order (issue 14).

I=$T/ids
mkdir -p "$I/bbc/business" "$I/bbc/sport"
cp "$FIX/articles/store_lighthouse.txt" "$I/bbc/business/001.txt"
cp "$FIX/articles/store_orchard.txt" "$I/bbc/sport/001.txt"
"$D" extract "$I/bbc" > "$I/a.jsonl"
check "ids: a folder's files are named by their path below it" \
    test "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in sys.stdin))' < "$I/a.jsonl")" = "business/001 sport/001"
"$D" extract "$I/bbc/sport/001.txt" > "$I/b.jsonl"
check "ids: a file given alone is named by its file name" grep -q '"id":"001"' "$I/b.jsonl"
"$D" ingest --quiet "$I/bbc" --db "$I/x.db" > /dev/null 2>&1
check "ids: ingest stores the same ids" \
    python3 -c 'import sqlite3,sys; assert sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute("select id from articles")) == ["business/001", "sport/001"]' "$I/x.db"
"$D" show "sport/001" --db "$I/x.db" > /dev/null 2>&1
check "ids: show finds an article by such an id" test $? -eq 0

# Sub-folders ingested separately, in either order, or their folder at once:
# the same ids (the path below the store's root, the nearest folder holding
# all that was ingested), the same report, the same articles.
mkdir -p "$I/news/bbc/politics" "$I/news/bbc/sport"
cp examples/000_d1a97ea69c924b42.txt "$I/news/bbc/politics/001.txt"
cp examples/003_7ad2483756c43468.txt "$I/news/bbc/politics/002.txt"
cp examples/002_9c86b550bdb889fc.txt "$I/news/bbc/sport/001.txt"
cp examples/004_96cadbbbc1af0c83.txt "$I/news/bbc/sport/002.txt"
"$D" ingest "$I/news/bbc/politics" --db "$I/ps.db" > /dev/null 2>&1
"$D" ingest "$I/news/bbc/sport" --db "$I/ps.db" > /dev/null 2> "$I/ps.err"
"$D" ingest -q "$I/news/bbc/sport" --db "$I/sp.db" > /dev/null 2>&1
"$D" ingest -q "$I/news/bbc/politics" --db "$I/sp.db" > /dev/null 2>&1
"$D" ingest -q "$I/news/bbc" --db "$I/all.db" > /dev/null 2>&1
ids_of() { python3 -c 'import sqlite3,sys; print(" ".join(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute("select doc from v_articles"))))' "$1"; }
check "ids: sub-folders ingested one after the other are named below their common folder" \
    test "$(ids_of "$I/ps.db")" = "politics/001 politics/002 sport/001 sport/002"
check "ids: ... in the other order, the same ids" test "$(ids_of "$I/sp.db")" = "$(ids_of "$I/ps.db")"
check "ids: ... and the same as their folder ingested at once" test "$(ids_of "$I/all.db")" = "$(ids_of "$I/ps.db")"
check "ids: the ingest that moved the root says how many ids it renamed" grep -q "2 stored ids renamed" "$I/ps.err"
for db in ps sp all; do "$D" report --json --db "$I/$db.db" > "$I/$db.json"; done
check "ids: the same report whatever the order" cmp -s "$I/ps.json" "$I/sp.json"
check "ids: ... or the grouping" cmp -s "$I/ps.json" "$I/all.json"
check "ids: the report names the articles by these ids" grep -q '"politics/001"' "$I/ps.json"
for db in ps sp all; do "$D" show politics/001 --json --db "$I/$db.db" > "$I/$db.show"; done
check "ids: a renamed article's stored JSON carries its new id, as if ingested under it" \
    sh -c 'cmp -s "$1/ps.show" "$1/sp.show" && cmp -s "$1/ps.show" "$1/all.show" && grep -q "^{\"id\":\"politics/001\"" "$1/ps.show"' _ "$I"
check "ids: renamed articles are still found by search" \
    sh -c '"$1" search Taliban --json --db "$2" | grep -q "\"doc\":\"sport/001\""' _ "$D" "$I/sp.db"
"$D" ingest -q "$I/news/bbc/politics" --db "$I/ps.db" > "$I/again.out" 2>&1
check "ids: ingesting a sub-folder again changes nothing" test "$(ids_of "$I/ps.db")" = "politics/001 politics/002 sport/001 sport/002"
"$D" ingest "$I/news/bbc/sport/002.txt" --db "$I/ps.db" > "$I/one.out" 2>&1
check "ids: a file given alone inside the root keeps its path below it" grep -q "0 new, 0 updated, 1 duplicates" "$I/one.out"
# A file from another tree (a root of / would name nothing) keeps its path below
# the folder given, and the stored ids stay as they are.
O=$(mktemp -d -p /var/tmp 2>/dev/null)
if [ -n "$O" ]; then
    printf 'A ferry sank near Ostby harbour on Monday, the port authority said.\n' > "$O/far.txt"
    "$D" ingest "$O/far.txt" --db "$I/ps.db" > "$I/far.out" 2>&1
    check "ids: a file far outside the root leaves the stored ids as they are" \
        test "$(ids_of "$I/ps.db")" = "far politics/001 politics/002 sport/001 sport/002"
    check "ids: and says why its id is not rooted" grep -q "outside the store's root" "$I/far.out"
    rm -rf "$O"
else
    echo "note: ids: /var/tmp not writable; the far-file test skipped"
fi
"$D" extract "$I/news/bbc/politics" "$I/news/bbc/sport/001.txt" > "$I/two.jsonl"
check "ids: extract names the paths given below the folder holding them all" \
    test "$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in sys.stdin))' < "$I/two.jsonl")" = "politics/001 politics/002 sport/001"
# Compressed files are named as the files they hold: bbc/a/001.html.gz is a/001.
mkdir -p "$I/gz/a" "$I/gz/b"
gzip -c "$FIX/articles/store_lighthouse.txt" > "$I/gz/a/001.html.gz"
gzip -c "$FIX/articles/store_orchard.txt" > "$I/gz/b/001.txt.gz"
"$D" ingest -q "$I/gz/b" --db "$I/gz.db" > /dev/null 2>&1
"$D" ingest -q "$I/gz/a" --db "$I/gz.db" > /dev/null 2>&1
check "ids: compressed files in sub-folders ingested apart are named by their paths" \
    test "$(ids_of "$I/gz.db")" = "a/001 b/001"


# The same file ingested again from another working folder, through "..", a
# symbolic link to its folder, an absolute path or a list on standard input,
# is the same article: a changed text updates it, never a second copy (the
# store tells files apart by their resolved paths).
W=$I/cwd
mkdir -p "$W/coll/desk"
printf 'Harbour fees rise\n\nThe Ostby port board raised its mooring fees on Monday, the board chairman said.\n' > "$W/coll/desk/fees.txt"
printf 'Mill closes\n\nThe Brenna paper mill will close in June, its owners said on Friday.\n' > "$W/coll/mill.txt"
ln -s coll "$W/alias"
WD=$(cd "$W" && pwd -P)
DA=$(cd "$(dirname "$D")" && pwd -P)/$(basename "$D")   # the binary, from any folder
"$D" ingest -q "$W/coll" --db "$W/s.db" > /dev/null 2>&1
n=0
for how in "cd '$W/coll/desk' && '$DA' ingest -q fees.txt --db ../../s.db" \
           "cd '$W' && '$DA' ingest -q alias/desk/fees.txt --db s.db" \
           "cd '$W/coll' && '$DA' ingest -q ../coll/./desk/../desk/fees.txt --db ../s.db" \
           "cd / && '$DA' ingest -q '$W/coll/desk/fees.txt' --db '$W/s.db'" \
           "cd '$W/coll' && echo desk/fees.txt | '$DA' ingest -q --db ../s.db"; do
    n=$((n + 1))
    printf '\nRevision %d: the chairman said the fees had last been raised when the quay was rebuilt.\n' "$n" >> "$W/coll/desk/fees.txt"
    sh -c "$how" > /dev/null 2>&1
done
check "ids: a changed file ingested again from other folders, links and .. is one article" \
    test "$(ids_of "$W/s.db")" = "desk/fees mill"
check "ids: ... holding its newest text" \
    sh -c '"$1" show desk/fees --db "$2" | grep -q "Revision 5:"' _ "$D" "$W/s.db"
check "ids: ... its source the file's resolved path" \
    test "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select source from articles where id = ?", ("desk/fees",)).fetchone()[0])' "$W/s.db")" = "$WD/coll/desk/fees.txt"

# Two archives holding a member of the same path are two articles, each named
# below its archive's id, the same ids whichever is ingested first or again.
A=$I/arch
mkdir -p "$A/m1/desk" "$A/m2/desk" "$A/in"
printf 'Ferry strike ends\n\nDock workers at Ostby ended their strike on Tuesday, the union said.\n' > "$A/m1/desk/01.txt"
printf 'Bridge reopens\n\nThe Kell river bridge reopened to lorries on Thursday, the council said.\n' > "$A/m2/desk/01.txt"
(cd "$A/m1" && tar czf "$A/in/spring.tar.gz" desk)
(cd "$A/m2" && python3 -c 'import zipfile; z = zipfile.ZipFile("../in/autumn.zip", "w"); z.write("desk/01.txt"); z.close()')
"$D" ingest -q "$A/in/spring.tar.gz" --db "$A/ab.db" > /dev/null 2>&1
"$D" ingest -q "$A/in/autumn.zip" --db "$A/ab.db" > /dev/null 2>&1
"$D" ingest -q "$A/in" --db "$A/ab.db" > /dev/null 2>&1
"$D" ingest -q "$A/in/autumn.zip" --db "$A/ba.db" > /dev/null 2>&1
"$D" ingest -q "$A/in/spring.tar.gz" --db "$A/ba.db" > /dev/null 2>&1
check "ids: two archives' members of the same path are two articles, below each archive's id" \
    test "$(ids_of "$A/ab.db")" = "autumn/desk/01 spring/desk/01"
check "ids: ... the same ids in the other order" test "$(ids_of "$A/ba.db")" = "$(ids_of "$A/ab.db")"
check "ids: ... each its own text" \
    sh -c '"$1" show spring/desk/01 --db "$2" | grep -q "Dock workers" && "$1" show autumn/desk/01 --db "$2" | grep -q "Kell river"' _ "$D" "$A/ab.db"
printf 'The union said pay talks would resume in May.\n' >> "$A/m1/desk/01.txt"
(cd "$A/m1" && tar czf "$A/in/spring.tar.gz" desk)
"$D" ingest "$A/in" --db "$A/ab.db" > "$A/again.out" 2>&1
check "ids: ... a changed member updates its own article" grep -q "0 new, 1 updated, 1 duplicates" "$A/again.out"

# A store written before sources were resolved holds them as typed (relative
# to the folder ingest ran in): a changed file still updates its article.
O=$I/old
mkdir -p "$O/coll/desk"
printf 'Quay tolls\n\nThe Vard quay company raised its tolls on Monday, its director said.\n' > "$O/coll/desk/tolls.txt"
"$D" ingest -q "$O/coll" --db "$O/s.db" > /dev/null 2>&1
python3 -c 'import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute("update articles set source = ?", ("coll/desk/tolls.txt",)); db.commit()' "$O/s.db"
printf '\nThe director said the tolls had last been raised when the crane was bought.\n' >> "$O/coll/desk/tolls.txt"
"$D" ingest "$O/coll" --db "$O/s.db" > "$O/out.txt" 2>&1
check "ids: a store's older, relative sources: a changed file updates its article" \
    sh -c 'grep -q "0 new, 1 updated" "$1" && test "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from articles\").fetchone()[0])" "$2")" = 1' _ "$O/out.txt" "$O/s.db"
[ -n "${KEEP:-}" ] || rm -rf "$I"
