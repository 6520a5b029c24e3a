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
rm -rf "$I"
