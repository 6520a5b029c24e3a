# test_bounds.sh — what one input may demand is bounded: a page with a tag of
# 200,000 attributes (160 s in libxml2 before) and a search of 1,000 words
# (12.9 s before) are refused at once with one line (sourced by run.sh). The
# timeouts only keep a regression from hanging the suite; the speed itself
# is measured by hand (README, "Bad input").

B=$T/bounds
mkdir -p "$B"
python3 - "$B/attrs.html" <<'EOF2'
import sys
open(sys.argv[1], "w").write("<html><body><div " + " ".join(f"a{i}=x" for i in range(200_000)) +
                             "><p>The council reopened the bridge on Monday.</p></div></body></html>")
EOF2
timeout 20 "$D" extract "$B/attrs.html" > "$B/attrs.out" 2> "$B/attrs.err"
rc=$?
check "bounds: a tag with 200,000 attributes: exit 1 (was $rc)" test "$rc" -eq 1
check "bounds: ... refused on one line, saying why" one_error "$B/attrs.err" "$B/attrs.html" "over 1000 attributes"
check "bounds: ... nothing else on stderr" test "$(wc -l < "$B/attrs.err")" -eq 1
"$D" ingest "$FIX/articles" --db "$B/s.db" > /dev/null 2>&1
words=$(python3 -c "print(' '.join(['bridge'] * 1000))")
timeout 20 "$D" search "$words" --db "$B/s.db" > "$B/q.out" 2> "$B/q.err"
rc=$?
check "bounds: a search of 1,000 words: exit 2 (was $rc)" test "$rc" -eq 2
check "bounds: ... one line saying the limit" grep -q "search of 1000 words: the limit is 64" "$B/q.err"
check "bounds: ... the query echoed short" test "$(wc -c < "$B/q.err")" -lt 300
words=$(python3 -c "print(' '.join(['bridge'] * 64))")
"$D" search "$words" --db "$B/s.db" > /dev/null 2>&1
check "bounds: a search of 64 words runs" test $? -ne 2
rm -rf "$B"

# One article's memory peaks at 5 to 7 times its size: files over 256 MiB are refused
# (a sparse file: no disk is used).
B=$T/bounds-size
mkdir -p "$B"
truncate -s $((256 * 1024 * 1024 + 1)) "$B/huge.txt"
"$D" extract "$B/huge.txt" > /dev/null 2> "$B/err"
check "bounds: a file over 256 MiB: exit 1" test $? -eq 1
check "bounds: ... refused on one line, saying the limit" one_error "$B/err" "$B/huge.txt" "too large.*256 MiB"
rm -rf "$B"
