# test_robustness.sh — any bytes in: bad, odd and huge inputs give a one-line error or a
# best effort, never a crash, a hang, a leak or a corrupted store (sourced by run.sh).
#
# Small inputs are committed in $FIX/bad; the big and random ones are made here, in $T.
# Run under the ASan+UBSan build by `make test`, so a crash or a leak shows as a
# sanitizer report on stderr, which every check below looks for.

R=$T/robust
mkdir -p "$R/in"
cp "$FIX"/bad/* "$R/in/"
cp "$FIX/articles/plain.txt" "$R/in/good.txt"
python3 - "$R/in" <<'EOF'
import random, sys
d = sys.argv[1]
r = random.Random(2)                     # fixed seed: the same bytes every run
open(f"{d}/random.bin", "wb").write(bytes(r.randrange(256) for _ in range(1 << 16)))
# 50 MB of plain text in paragraphs, each a little different, in one file.
para = ("The regional council met on {0} March and voted to repair {1} bridges, "
        "the council's spokesman said. Work on road {2} will begin next year. ")
with open(f"{d}/big-50mb.txt", "w") as f:
    f.write("Council votes to repair bridges\n\n")
    n, i = 0, 0
    while n < 50_000_000:
        p = para.format(i % 28 + 1, i % 97, i) * 3 + "\n\n"
        f.write(p); n += len(p); i += 1
EOF
mkfifo "$R/in/pipe"    # no writer ever opens it: reading it must not wait forever

# --- extract: a folder of bad inputs -----------------------------------------------
timeout 300 "$D" extract "$R/in" > "$R/out.jsonl" 2> "$R/err.txt"
rc=$?
check "robust: extract of a bad folder exits 1 (some failed, rest done)" test "$rc" -eq 1
check "robust: extract leaves no crash or leak report" no_sanitizer_report "$R/err.txt"
check "robust: binary image refused by name" one_error "$R/err.txt" "$R/in/image.png" "PNG image"
check "robust: random bytes refused as binary" one_error "$R/err.txt" "$R/in/random.bin" "binary"
check "robust: empty file named as empty" one_error "$R/err.txt" "$R/in/empty.txt" "empty"
check "robust: white-space file named" one_error "$R/err.txt" "$R/in/whitespace.txt" "white space"
check "robust: named pipe refused, not waited on" one_error "$R/err.txt" "$R/in/pipe" "not a regular file"
check "robust: one stderr line per refused file, nothing else" test "$(wc -l < "$R/err.txt")" -eq 5
check "robust: the readable files each give a valid article" python3 - "$R/out.jsonl" <<'EOF'
import json, sys
docs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    t = d["text"].encode()
    assert all(0 <= s < e <= len(t) for s, e in d["sentences"]), d["id"]
    for k in ("entities", "quotes", "figures", "times"):
        for x in d[k]:
            assert t[x["start"]:x["end"]].decode() == x["text"], (d["id"], k, x)
    docs[d["id"]] = d
want = {"good", "invalid-utf8", "nul-inside", "utf16le-bom", "utf16be-nobom", "no-body", "two-roots", "big-50mb"}
assert set(docs) == want, sorted(set(docs) ^ want)
assert "\ufffd" in docs["invalid-utf8"]["text"] and "dockers voted" in docs["invalid-utf8"]["text"]
assert "\0" not in docs["nul-inside"]["text"] and "Work will start" in docs["nul-inside"]["text"]
assert "residents began to return" in docs["utf16le-bom"]["text"]
assert "library reopened" in docs["utf16be-nobom"]["text"]
assert docs["no-body"]["text"].strip() == "" and docs["no-body"]["sentences"] == []
assert docs["two-roots"]["text"] == "x"   # "<?xml><html/>x": was a SIGSEGV (issue 9)
big = docs["big-50mb"]
assert len(big["text"].encode()) > 45_000_000 and len(big["sentences"]) > 100_000, len(big["text"])
EOF

# --- odd paths: from stdin, a folder, a missing file, an unreadable file ---------------
printf '%s\n' "$FIX/articles/plain.txt" "$R/missing.txt" "" "$FIX/bad" |
    timeout 60 "$D" extract > "$R/stdin.jsonl" 2> "$R/stdin.err"
rc=$?
check "robust: paths from stdin: exit 1 when some fail" test "$rc" -eq 1
check "robust: paths from stdin: missing file named" one_error "$R/stdin.err" "$R/missing.txt" "no such file"
check "robust: paths from stdin: a folder is walked" \
    test "$(grep -c '"id":"utf16le-bom"' "$R/stdin.jsonl")" -eq 1
check "robust: paths from stdin: the good file is extracted" \
    test "$(grep -c '"id":"plain"' "$R/stdin.jsonl")" -eq 1
check "robust: paths from stdin: no crash or leak" no_sanitizer_report "$R/stdin.err"
nl="$R/two
lines.png"
cp "$FIX/bad/image.png" "$nl"
"$D" extract "$nl" > /dev/null 2> "$R/nl.err"
check "robust: an error naming a file with a newline stays one line" test "$(wc -l < "$R/nl.err")" -eq 1
check "robust: ... the newline written as \\n" grep -qF "$R/two\nlines.png: " "$R/nl.err"
mkdir -p "$R/latin1"
cp "$FIX/articles/plain.txt" "$R/latin1/$(printf 'caf\351').txt"
"$D" extract "$R/latin1" > "$R/latin1.jsonl" 2> /dev/null
check "robust: a file name that is not UTF-8 gives a valid JSON line, U+FFFD in id and source" \
    python3 -c "import json,sys; d=json.loads(open(sys.argv[1],'rb').read().decode('utf-8')); assert d['id']=='caf\ufffd' and d['source'].endswith('/caf\ufffd.txt'), d['id']" "$R/latin1.jsonl"
"$D" ingest "$R/latin1" --db "$R/latin1.db" > /dev/null 2>&1
check "robust: ... and stores valid UTF-8" \
    python3 -c "import sqlite3,sys; assert sqlite3.connect(sys.argv[1]).execute('SELECT id FROM articles').fetchone()[0]=='caf\ufffd'" "$R/latin1.db"
if [ "$(id -u)" -ne 0 ]; then
    cp "$FIX/articles/plain.txt" "$R/locked.txt" && chmod 000 "$R/locked.txt"
    "$D" extract "$R/locked.txt" > /dev/null 2> "$R/locked.err"
    check "robust: unreadable file refused with a reason" one_error "$R/locked.err" "$R/locked.txt" "permission denied"
    chmod 600 "$R/locked.txt"
else
    echo "note: robustness: chmod 000 test skipped (root reads any file)"
fi

# --- ingest: only the good files land, and the store stays sound -------------------
stored_ids_ok() {
    python3 - "$1" <<'EOF'
import sqlite3, sys
ids = {r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT id FROM articles")}
good = {"good", "invalid-utf8", "nul-inside", "utf16le-bom", "utf16be-nobom", "two-roots", "big-50mb"}
assert good <= ids <= good | {"no-body"}, sorted(ids)
EOF
}
if "$D" --help 2>/dev/null | grep -q '^  ingest '; then
    timeout 900 "$D" ingest "$R/in" --db "$R/store.db" > "$R/ingest.out" 2> "$R/ingest.err"
    rc=$?
    check "robust: ingest of a bad folder exits 1" test "$rc" -eq 1
    check "robust: ingest leaves no crash or leak report" no_sanitizer_report "$R/ingest.err"
    check "robust: ingest names the binary file" one_error "$R/ingest.err" "$R/in/image.png" "PNG image"
    check "robust: ingest names the empty file" one_error "$R/ingest.err" "$R/in/empty.txt" "empty"
    check "robust: ingest names the named pipe" one_error "$R/ingest.err" "$R/in/pipe" "not a regular file"
    # 7 readable files, of which no-body.html has no text: it may be stored or not.
    check "robust: ingest stores the good files and nothing else" stored_ids_ok "$R/store.db"
    n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM articles').fetchone()[0])" "$R/store.db" 2>/dev/null)
    check "robust: store passes integrity_check after ingest" store_check "$R/store.db" "${n:-0}"
    timeout 900 "$D" ingest "$R/in" --db "$R/store.db" > /dev/null 2> "$R/ingest2.err"
    check "robust: ingesting the same folder again adds nothing" store_check "$R/store.db" "${n:-0}"
    check "robust: second ingest leaves no crash or leak report" no_sanitizer_report "$R/ingest2.err"
    mkdir -p "$R/a-folder.db"
    "$D" ingest "$FIX/articles/plain.txt" --db "$R/a-folder.db" > /dev/null 2> "$R/dbdir.err"
    rc=$?
    check "robust: a folder given as --db is a store error (exit 3)" test "$rc" -eq 3
    check "robust: ... with one line saying so" test "$(wc -l < "$R/dbdir.err")" -eq 1
else
    echo "note: robustness: ingest tests skipped (this dossier has no ingest command)"
fi
rm -rf "$R"
