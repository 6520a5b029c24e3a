#!/bin/sh
# Installs the Debian packages dossier builds and tests with, only those missing.
# Called by `make run` and `make test`; safe to run again. With --fuzz, only
# what `make fuzz` needs besides: clang and its libFuzzer runtime.
set -eu
PKGS="build-essential pkg-config libxml2-dev libsqlite3-dev sqlite3 libutf8proc-dev libmicrohttpd-dev libcmocka-dev libxxhash-dev libarchive-dev libjansson-dev zlib1g-dev python3 curl"
[ "${1:-}" = "--fuzz" ] && PKGS="clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
