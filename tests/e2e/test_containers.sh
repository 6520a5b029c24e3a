# test_containers.sh — compressed files, archives, web archives and standard
# input as inputs to extract and ingest (issue 14); sourced by run.sh.
# The archives are made here, with tar, gzip and Python's modules.

C=$T/containers
mkdir -p "$C/in/world" "$C/in/sport"
cp "$FIX/articles/store_lighthouse.txt" "$C/in/world/001.txt"
cp "$FIX/articles/store_orchard.txt" "$C/in/sport/001.txt"
cp "$FIX/articles/store_ferry.html" "$C/in/world/002.html"
(cd "$C/in" && tar czf "$C/a.tar.gz" world sport)
gzip -c "$FIX/articles/store_ferry.html" > "$C/ferry.html.gz"
# zip, bzip2 and xz through Python's modules: their tools need not be installed.
python3 - "$C" "$FIX/articles" <<'PY'
import bz2, lzma, os, sys, zipfile
out, fix = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out + "/a.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for d in ("world", "sport"):
        for f in sorted(os.listdir(out + "/in/" + d)):
            z.write(out + "/in/" + d + "/" + f, d + "/" + f)
open(out + "/orchard.txt.bz2", "wb").write(bz2.compress(open(fix + "/store_orchard.txt", "rb").read()))
open(out + "/lighthouse.txt.xz", "wb").write(lzma.compress(open(fix + "/store_lighthouse.txt", "rb").read()))
PY
python3 tests/fixtures/containers/mkwarc.py "$C/news.warc"

ids() { python3 -c 'import json,sys; print(" ".join(sorted(json.loads(l)["id"] for l in sys.stdin)))'; }
field() { python3 -c 'import json,sys; a=[json.loads(l) for l in sys.stdin]; print(" ".join(str(eval(sys.argv[1])) for x in a))' "$1"; }

"$D" extract "$C/a.tar.gz" > "$C/tar.jsonl" 2> "$C/err.txt"
check "containers: a .tar.gz gives one article per member, ids from member paths below the archive's" \
    test "$(ids < "$C/tar.jsonl")" = "a/sport/001 a/world/001 a/world/002"
check "containers: ... nothing on stderr" test ! -s "$C/err.txt"
"$D" extract "$C/a.zip" > "$C/zip.jsonl" 2>/dev/null
check "containers: a .zip gives the same articles" test "$(ids < "$C/zip.jsonl")" = "a/sport/001 a/world/001 a/world/002"
check "containers: ... the member's text is read" grep -q '"source":"[^"]*a.zip:world/002.html"' "$C/zip.jsonl"
"$D" extract "$C/ferry.html.gz" "$C/orchard.txt.bz2" "$C/lighthouse.txt.xz" > "$C/z.jsonl" 2>/dev/null
check "containers: .html.gz, .bz2 and .xz files are read, ids without the suffixes" \
    test "$(ids < "$C/z.jsonl")" = "ferry lighthouse orchard"
check "containers: ... the same articles as the plain files" \
    test "$(field 'x["title"]' < "$C/z.jsonl")" = "$("$D" extract "$FIX/articles/store_ferry.html" "$FIX/articles/store_orchard.txt" "$FIX/articles/store_lighthouse.txt" | field 'x["title"]')"

for w in news.warc news.warc.gz; do
    "$D" extract "$C/$w" > "$C/w.jsonl" 2> "$C/err.txt"
    check "containers: $w: each HTML response record is an article (not requests, warcinfo, images)" \
        test "$(wc -l < "$C/w.jsonl")" -eq 3
    check "containers: $w: url from WARC-Target-URI" \
        test "$(field 'x["url"]' < "$C/w.jsonl")" = "https://www.example.com/news/story-0 https://www.example.com/news/story-1 https://www.example.com/news/story-2"
    check "containers: $w: the capture date where the text has none, said so" \
        test "$(field 'x["published"]+"/"+x["from"]["published"]' < "$C/w.jsonl")" = "2016-03-01/capture 2016-03-02/capture 2016-03-03/capture"
    check "containers: $w: outlet from the URL's site" test "$(field 'x["outlet"]' < "$C/w.jsonl" | tr ' ' '\n' | sort -u)" = "example.com"
    check "containers: $w: ids from the URL, HTTP headers not in the text" \
        sh -c "test \"\$(python3 -c 'import json,sys; a=[json.loads(l) for l in sys.stdin]; print(a[0][\"id\"], any(\"HTTP/1.1\" in x[\"text\"] or \"Content-Type\" in x[\"text\"] for x in a))' < '$C/w.jsonl')\" = 'example.com/news/story-0 False'"
    check "containers: $w: nothing on stderr" test ! -s "$C/err.txt"
done

cat "$FIX/articles/store_orchard.txt" | "$D" extract - > "$C/in.jsonl" 2>/dev/null
check "containers: - reads one article from standard input, id stdin" test "$(ids < "$C/in.jsonl")" = "stdin"
check "containers: ... the same text as the file" \
    test "$(field 'x["text"][:200]' < "$C/in.jsonl")" = "$("$D" extract "$FIX/articles/store_orchard.txt" | field 'x["text"][:200]')"
gzip -c "$FIX/articles/store_orchard.txt" | "$D" extract - > "$C/in2.jsonl" 2>/dev/null
check "containers: ... compressed standard input too" test "$(ids < "$C/in2.jsonl")" = "stdin"
"$D" extract --outlet "The Daily Test" --published 2015-06-01 "$C/lighthouse.txt.xz" > "$C/o.jsonl"
check "containers: --outlet and --published fill what the text lacks, said so" \
    test "$(field 'x["outlet"]+"|"+x["from"]["outlet"]' < "$C/o.jsonl")" = "The Daily Test|option"

# A corrupt member is named and the others read; a cut archive keeps what came before.
python3 - "$C/bad.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for i in range(3):
        z.writestr('d/%d.txt' % i, ("Report %d\n\nThe council said the bridge would reopen in May. " % i) * 40)
b = bytearray(open(sys.argv[1], 'rb').read())
k = b.find(b'd/1.txt') + len('d/1.txt') + 10
for j in range(k, k + 20): b[j] ^= 0x55
open(sys.argv[1], 'wb').write(b)
PY
"$D" extract "$C/bad.zip" > "$C/bad.jsonl" 2> "$C/err.txt"
rc=$?
check "containers: a corrupt zip member: exit 1 (was $rc)" test "$rc" -eq 1
check "containers: ... one error naming the member" one_error "$C/err.txt" "$C/bad.zip: d/1.txt" "."
check "containers: ... the other members read" test "$(ids < "$C/bad.jsonl")" = "bad/d/0 bad/d/2"
# Big enough that the cut falls past libarchive's first decompressed block.
python3 - "$C/in/world" <<'PY'
import random, sys
random.seed(1)
words = "the council said bridge river closed week minister police report town".split()
for i in range(4):
    with open("%s/1%02d.txt" % (sys.argv[1], i), "w") as f:
        f.write("Report %d\n\n" % i + " ".join(random.choice(words) for _ in range(40000)) + "\n")
PY
(cd "$C/in" && tar czf "$C/big.tar.gz" world sport)
size=$(wc -c < "$C/big.tar.gz")
head -c $((size - 20000)) "$C/big.tar.gz" > "$C/cut.tar.gz"
rm -f "$C/c.db"
"$D" ingest --quiet --db "$C/c.db" "$C/cut.tar.gz" > /dev/null 2> "$C/err.txt"
rc=$?
check "containers: a truncated .tar.gz: exit 1 (was $rc)" test "$rc" -eq 1
check "containers: ... a one-line error naming it" one_error "$C/err.txt" "$C/cut.tar.gz" "truncated\|damaged\|lost"
check "containers: ... the members before the cut are stored" sh -c "[ \"\$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from articles\").fetchone()[0])' '$C/c.db')\" -ge 2 ]"
no_sanitizer_report "$C/err.txt" && ok || bad "containers: sanitizer report"

# ingest: members, WARC metadata and standard input reach the store.
rm -f "$C/s.db"
"$D" ingest --quiet --db "$C/s.db" "$C/a.tar.gz" "$C/news.warc.gz" > /dev/null 2>&1
cat "$FIX/articles/plain.txt" | "$D" ingest --quiet --db "$C/s.db" - > /dev/null 2>&1
check "containers: ingest stores every member, record and standard input" store_check "$C/s.db" 7
check "containers: ... a WARC article searchable by its outlet and capture date" \
    sh -c "'$D' search --db '$C/s.db' minister --outlet example.com --since 2016-03-02 | grep -q 'example.com/news/story-1'"
"$D" show --db "$C/s.db" stdin > /dev/null 2>&1
check "containers: ... the standard input article shown by id stdin" test $? -eq 0

# A decompression bomb is refused with a clear message.
python3 -c 'import gzip,sys; sys.stdout.buffer.write(gzip.compress(b"a" * (80 << 20), 9))' > "$C/bomb.gz"
"$D" extract "$C/bomb.gz" > /dev/null 2> "$C/err.txt"
check "containers: a decompression bomb is refused, named" one_error "$C/err.txt" "$C/bomb.gz" "bomb"
rm -rf "$C"
