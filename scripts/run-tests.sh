#!/bin/sh
# Runs every unit test program, the end-to-end tests, then the browser tests, and prints one
# closing line "N passed, N failed" over all of them. Exit 1 if any failed.
# usage: scripts/run-tests.sh DOSSIER_BINARY UNIT_TEST_BINARY...
set -u
bin=$1; shift
pass=0; fail=0
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -E '^\[ +(PASSED|FAILED|ERROR) +\]|^\[  FAILED  \]|Failure|error' || true
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        printf '%s\n' "$out" | tail -20
        echo "$(basename "$t"): crashed or failed (exit $rc)"
        f=1
    fi
    echo "unit $(basename "$t"): $p passed, $f failed"
    pass=$((pass + p)); fail=$((fail + f))
done
e2e=$(DOSSIER="$bin" tests/e2e/run.sh 2>&1); rc=$?
printf '%s\n' "$e2e"
p=$(printf '%s\n' "$e2e" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(printf '%s\n' "$e2e" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
[ -z "$p" ] && { p=0; f=1; echo "e2e: no summary line (exit $rc)"; }
pass=$((pass + p)); fail=$((fail + f))
# The web pages in Chromium (tests/browser; its own summary line).
web=$(tests/browser/run.sh "$bin" 2>&1)
printf '%s\n' "$web" | grep -v '^ok '
p=$(printf '%s\n' "$web" | sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(printf '%s\n' "$web" | sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
[ -z "$p" ] && { p=0; f=1; echo "browser: no summary line"; }
pass=$((pass + p)); fail=$((fail + f))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
