# test_metadata.sh — what the user knows that the text does not say: --meta
# (CSV and JSON lines), --outlet/--published, and searches saying how many
# matches a date or outlet filter left out for lack of one (issue 14).

M=$T/metadata
mkdir -p "$M/bbc/business" "$M/bbc/sport"
printf 'Shares rose\n\nShares in the bank rose sharply on Monday after the minister Tony Blair spoke.\n' > "$M/bbc/business/001.txt"
printf 'Cup final\n\nThe club said Blair attended the match on Saturday with his family.\n' > "$M/bbc/sport/001.txt"
printf 'path,outlet,published,url\nbusiness/001.txt,BBC News,2004-05-03,http://news.bbc.co.uk/1\n"sport/001.txt","BBC Sport, Online","2005-01-02",\n' > "$M/m.csv"
printf '{"path": "business/001.txt", "outlet": "BBC News"}\n\n{"path": "sport/001.txt", "published": "2005-01-02", "title": "ignored: the text has one"}\n' > "$M/m.jsonl"
row() { python3 -c 'import json,sys; a=[json.loads(l) for l in sys.stdin]; a.sort(key=lambda x: x["source"]); print(";".join(str(eval(sys.argv[1])) for x in a))' "$1"; }

"$D" extract "$M/bbc" --meta "$M/m.csv" > "$M/a.jsonl" 2> "$M/err.txt"
check "metadata: --meta CSV gives outlet, date and url by path, quoted fields too" \
    test "$(row 'x["outlet"],x["published"],x.get("url")' < "$M/a.jsonl")" = "('BBC News', '2004-05-03', 'http://news.bbc.co.uk/1');('BBC Sport, Online', '2005-01-02', None)"
check "metadata: ... the JSON says they came from the sidecar" \
    test "$(row 'x["from"]["published"]' < "$M/a.jsonl")" = "sidecar;sidecar"
check "metadata: ... relative dates resolve against the sidecar's date" \
    test "$(row '[t["value"] for t in x["times"]][0]' < "$M/a.jsonl")" = "2004-05-03;2005-01-01"
"$D" extract "$M/bbc" --meta "$M/m.jsonl" --outlet Fallback > "$M/b.jsonl" 2>/dev/null
check "metadata: --meta JSON lines; the text's title wins; --outlet fills the rest" \
    test "$(row 'x["outlet"],x["published"],x["title"]' < "$M/b.jsonl")" = "('BBC News', None, 'Shares rose');('Fallback', '2005-01-02', 'Cup final')"
check "metadata: ... each field says where it came from" \
    test "$(row 'x["from"]' < "$M/b.jsonl")" = "{'outlet': 'sidecar'};{'published': 'sidecar', 'outlet': 'option'}"
printf 'a,b\n1,2\n' > "$M/bad.csv"
"$D" extract "$M/bbc" --meta "$M/bad.csv" > /dev/null 2> "$M/err.txt"
rc=$?
check "metadata: a sidecar with no known column: exit 2 (was $rc)" test "$rc" -eq 2
check "metadata: ... a one-line error naming it" grep -q "^dossier: extract: --meta $M/bad.csv: line 1: no column" "$M/err.txt"

rm -f "$M/x.db"
"$D" ingest --quiet "$M/bbc" --db "$M/x.db" > /dev/null 2>&1
"$D" search Blair --since 2004 --db "$M/x.db" > /dev/null 2> "$M/err.txt"
check "metadata: search --since on undated articles says how many it left out" \
    grep -q "^2 matching articles left out: no publication date" "$M/err.txt"
"$D" search Blair --outlet "BBC News" --db "$M/x.db" > /dev/null 2> "$M/err.txt"
check "metadata: ... and --outlet, those without an outlet" grep -q "^2 matching articles left out: no outlet" "$M/err.txt"
rm -f "$M/x.db"
"$D" ingest --quiet "$M/bbc" --db "$M/x.db" --meta "$M/m.csv" > /dev/null 2>&1
"$D" search Blair --since 2005 --db "$M/x.db" > "$M/out.txt" 2> "$M/err.txt"
check "metadata: ingest --meta: search --since finds the dated article" grep -q "BBC Sport, Online" "$M/out.txt"
check "metadata: ... and leaves out the older one, silently" test ! -s "$M/err.txt"
rm -rf "$M"
