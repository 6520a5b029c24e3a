#!/bin/sh
# The browser tests: ingests the fixtures, starts `dossier serve` on a free
# loopback port, runs pages.mjs (Playwright + Debian's Chromium) against it,
# stops the server. Screenshots go to $SHOTS (default build/browser).
# Prints "browser: N passed, N failed" last; exit 1 if any failed or the
# tests could not run (scripts/install-browser-deps.sh installs what they need).
# usage: tests/browser/run.sh DOSSIER_BINARY
set -u
D=${1:-build/dossier}
SHOTS=${SHOTS:-build/browser}
cd "$(dirname "$0")/../.."
mkdir -p "$SHOTS"
T=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
no() { echo "FAIL: $*"; echo "browser: 0 passed, 1 failed"; exit 1; }

[ -f tests/browser/node_modules/playwright-core/package.json ] || no "playwright-core is not installed (scripts/install-browser-deps.sh)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || no "${CHROMIUM:-/usr/bin/chromium} is not installed (scripts/install-browser-deps.sh)"
"$D" ingest tests/fixtures/link tests/fixtures/serve --db "$T/b.db" -q || no "ingest of the fixtures failed"
"$D" serve --db "$T/b.db" --port 0 > "$T/out" 2> "$T/err" &
pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|^serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || no "dossier serve did not start: $(cat "$T/err")"
node tests/browser/pages.mjs "http://127.0.0.1:$port" "$SHOTS" > "$T/node" 2>&1
grep -v '^browser: ' "$T/node"
pass=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$T/node")
fail=$(sed -n 's/^browser: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$T/node")
[ -z "$pass" ] && { pass=0; fail=1; echo "FAIL: pages.mjs printed no summary"; }
# the server, run under the sanitizers by make test, must stop cleanly
kill "$pid"
wait "$pid"
src=$?
pid=""
if [ "$src" -eq 0 ] && ! grep -q "Sanitizer\|runtime error" "$T/err"; then
    pass=$((pass + 1)); echo "ok the server stopped cleanly after the browser tests"
else
    fail=$((fail + 1)); echo "FAIL: the server exited $src after the browser tests: $(tail -5 "$T/err")"
fi
echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
