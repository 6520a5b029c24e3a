#!/bin/sh
# Installs what the browser tests need, only what is missing: Debian's
# Chromium (never a browser downloaded by Playwright) and the npm package
# playwright-core, pinned by tests/browser/package-lock.json, into
# tests/browser/node_modules. playwright-core 1.49 runs on Node 18 (Debian's)
# as well as 20, and drives Debian 12's Chromium 156. Called by `make test`
# and `make test-browser`; safe to run again.
# Fails loudly when either cannot be installed: the browser tests must not
# pass by not running.
set -eu
cd "$(dirname "$0")/.."
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
    echo "install-browser-deps: installing:$missing" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >&2 || true
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi
[ -x /usr/bin/chromium ] || { echo "install-browser-deps: /usr/bin/chromium is missing after install" >&2; exit 1; }
# npm ci again whenever the lock file changed since the last install
stamp=tests/browser/node_modules/.installed-from-lock
if ! cmp -s tests/browser/package-lock.json "$stamp"; then
    echo "install-browser-deps: npm ci (playwright-core)" >&2
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
    cp tests/browser/package-lock.json "$stamp"
fi
