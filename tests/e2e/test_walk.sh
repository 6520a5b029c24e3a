# test_walk.sh — folders given to extract: symbolic links are followed, and a
# link loop is walked once (sourced by run.sh). It printed 1.6 million copies
# of one article in 300 s before (issue 9).

W=$T/walk
mkdir -p "$W/L/d"
cp "$FIX/articles/plain.txt" "$W/L/a.txt"
ln -s .. "$W/L/d/up"          # back to L from inside it
ln -s "$W/L" "$W/L/self"      # L inside itself, by its absolute name
timeout 20 "$D" extract "$W/L" > "$W/out.jsonl" 2> "$W/err.txt"
rc=$?
check "walk: a folder with symbolic link loops is walked once, exit 0 (was $rc)" test "$rc" -eq 0
check "walk: ... the article printed once" test "$(wc -l < "$W/out.jsonl")" -eq 1
check "walk: ... nothing on stderr" test ! -s "$W/err.txt"
mkdir -p "$W/M"
ln -s "$W/L" "$W/M/link-to-L"
timeout 20 "$D" extract "$W/M" > "$W/out2.jsonl" 2> /dev/null
check "walk: a folder reached by a link is walked" test "$(wc -l < "$W/out2.jsonl")" -eq 1
rm -rf "$W"
