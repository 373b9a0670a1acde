#!/usr/bin/env bash
# Installs the Node.js tools the tests run, each pinned by its package-lock.json under tools/:
#   tools/redocly   Redocly CLI, the OpenAPI lint (tests/WuHao.Tests/Api/ApiContractTests.cs, R-8.2)
#   tools/purgecss  PurgeCSS, the trimmed Bootstrap's freshness check (scripts/trim-bootstrap.sh, R-8.1)
# Needs node and npm (Debian packages nodejs, npm); installs them when missing. A tool already installed at its
# pinned version is left as it is.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../tools"

if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: installing Debian packages nodejs and npm."
    if [[ "$(id -u)" -eq 0 ]]; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    else
        sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    fi
fi

# install FOLDER PACKAGE BIN: `npm ci` in FOLDER unless node_modules/.bin/BIN is there at PACKAGE's pinned version.
install() {
    local folder="$1" package="$2" bin="$3" pinned installed
    pinned="$(cd "$folder" && node -p "require('./package.json').devDependencies['$package']")"
    installed="$(cd "$folder" && node -p "try { require('./node_modules/$package/package.json').version } catch { '' }")"
    if [[ -x "$folder/node_modules/.bin/$bin" && "$installed" == "$pinned" ]]; then
        return 0
    fi

    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
}

install redocly @redocly/cli redocly
install purgecss purgecss purgecss
