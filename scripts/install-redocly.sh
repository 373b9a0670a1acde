#!/usr/bin/env bash
# Installs Redocly CLI (pinned in tools/redocly/package-lock.json) for the OpenAPI lint test (R-8.2):
# tests/WuHao.Tests/Api/ApiContractTests.cs runs tools/redocly/node_modules/.bin/redocly.
# Needs node and npm (Debian packages nodejs, npm); installs them when missing.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../tools/redocly"

if ! command -v npm >/dev/null 2>&1; then
    echo "npm not found: installing Debian packages nodejs and npm."
    if [[ "$(id -u)" -eq 0 ]]; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    else
        sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    fi
fi

if [[ -x node_modules/.bin/redocly ]] && [[ "$(node_modules/.bin/redocly --version 2>/dev/null)" == "$(node -p 'require("./package.json").devDependencies["@redocly/cli"]')" ]]; then
    exit 0
fi

npm ci --no-audit --no-fund --loglevel=error
