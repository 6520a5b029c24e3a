# test_crash.sh — a fatal signal during ingest names the file being extracted on
# one line, and the batches committed before it stay in a sound store; a re-run
# completes (sourced by run.sh).
#
# No page is known to crash dossier, so the signal is sent from outside, once
# the first batch (1,024 articles) is committed and a large file is being read.

C=$T/crash
mkdir -p "$C/in"
python3 - "$C/in" <<'EOF2'
import sys
d = sys.argv[1]
for i in range(1024):  # one full batch of distinct articles, named before the big one
    open(f"{d}/a{i:04}.txt", "w").write(
        f"Bridge number {i} reopens\n\nThe council reopened bridge number {i} on Monday, "
        f"after {i % 9 + 2} months of repairs, a spokesman said.\n")
with open(f"{d}/zz-big.txt", "w") as f:
    f.write("Council votes to repair bridges\n\n")
    for i in range(400_000):
        f.write(f"The council met on {i % 28 + 1} March and voted to repair bridge {i}, the spokesman said.\n\n")
EOF2
# count DB: articles committed so far (0 while the store is being made)
count() {
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM articles').fetchone()[0])" "$1" 2>/dev/null || echo 0
}
"$D" ingest "$C/in" --db "$C/store.db" --jobs 0 > /dev/null 2> "$C/err.txt" &
pid=$!
i=0
while [ "$(count "$C/store.db")" -lt 1024 ] && [ $i -lt 600 ] && kill -0 $pid 2>/dev/null; do
    sleep 0.1; i=$((i + 1))
done
kill -SEGV $pid 2>/dev/null
wait $pid
rc=$?
check "crash: ingest stopped by the signal (exit $rc)" test "$rc" -ne 0
check "crash: the file in flight is named on one line" \
    grep -q "^dossier: $C/in/zz-big.txt: was being extracted when the process was stopped (segmentation fault" "$C/err.txt"
check "crash: ... and what to do next" grep -q "^dossier: stopped by segmentation fault; the batches committed" "$C/err.txt"
check "crash: the committed batch survives whole, in a sound store" store_check "$C/store.db" 1024
rm "$C/in/zz-big.txt"
"$D" ingest "$C/in" --db "$C/store.db" > "$C/rerun.out" 2> "$C/rerun.err"
check "crash: a re-run completes" grep -q "1024 duplicates, 0 failed" "$C/rerun.out"
check "crash: a re-run leaves no crash or leak report" no_sanitizer_report "$C/rerun.err"
rm -rf "$C"
