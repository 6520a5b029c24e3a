#!/bin/sh
# End-to-end tests of the command line, on fixtures in tests/fixtures.
# Prints "e2e: N passed, N failed" last. DOSSIER names the binary to test.
set -u
D=${DOSSIER:-build/dossier}
FIX=tests/fixtures
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME COMMAND... : passes when the command exits 0
    name=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else bad "$name"; fi
}

for f in tests/e2e/test_*.sh; do
    [ -f "$f" ] && . "$f"
done

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
