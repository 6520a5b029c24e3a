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

# no_sanitizer_report, one_error, store_check: shared by the test files.
# no_sanitizer_report FILE: the run left no ASan/LSan/UBSan report in FILE.
no_sanitizer_report() {
    ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation|Aborted' "$1"
}
# one_error FILE PATH WORDS: exactly one "dossier: PATH: ..." line naming PATH, with WORDS.
one_error() {
    [ "$(grep -c "^dossier: $2: " "$1")" -eq 1 ] && grep "^dossier: $2: " "$1" | grep -qi "$3"
}

# store_check DB N: integrity_check (and FTS5's own) pass and DB holds N articles.
store_check() {
    python3 - "$1" "$2" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
n = db.execute("SELECT count(*) FROM articles").fetchone()[0]
assert n == int(sys.argv[2]), (n, sys.argv[2])
EOF
}
# E2E_ONLY=NAME runs tests/e2e/test_NAME.sh alone.
for f in tests/e2e/test_${E2E_ONLY:-*}.sh; do
    [ -f "$f" ] && . "$f"
done

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
