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
rm -rf "$I"
