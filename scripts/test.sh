#!/usr/bin/env bash
# Runs the whole WuHao test suite on a fresh Debian machine that has only the .NET SDK.
#
#   scripts/test.sh [extra dotnet test arguments...]
#
# Installs what the tests need when missing (Chromium and CJK fonts for the browser tests,
# PostgreSQL server binaries for the throwaway test cluster, Redocly CLI and PurgeCSS from the npm registry), builds the solution, runs `dotnet test` on each
# test project in turn with TRX logging, and prints `N passed, N failed, N skipped` as the last line of output.
# Fails (non-zero exit) when any test failed or was skipped.
# Environment:
#   TEST_RESULTS_DIR  where the .trx files go (default: ./TestResults at the repo root)
#   WUHAO_TEST_PG     connection string of an existing PostgreSQL server (skips the PostgreSQL install)
set -euo pipefail

RESULTS="${TEST_RESULTS_DIR:-}"
if [[ -n "$RESULTS" ]]; then
    RESULTS="$(realpath -m -- "$RESULTS")"
fi

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
RESULTS="${RESULTS:-$PWD/TestResults}"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

# --- Debian packages -----------------------------------------------------------------------------
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo --preserve-env=DEBIAN_FRONTEND "$@"
    else
        echo "error: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
is_installed chromium || missing+=(chromium)
is_installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
# Chinese date pickers and number shapes in the browser tests, as on a Chinese phone.
is_installed chromium-l10n || missing+=(chromium-l10n)
if [[ -z "${WUHAO_TEST_PG:-}" ]] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) not found: installing Debian package 'postgresql'."
    missing+=(postgresql)
fi

if ((${#missing[@]} > 0)); then
    echo "Installing missing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root apt-get install -y -q "${missing[@]}"
fi

if [[ -z "${WUHAO_TEST_PG:-}" ]] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    echo "error: PostgreSQL server binaries are still missing; install the Debian package 'postgresql'" \
        "(apt-get install postgresql) or set WUHAO_TEST_PG to a running server's connection string." >&2
    exit 1
fi

export WUHAO_CHROMIUM=/usr/bin/chromium
if [[ ! -x "$WUHAO_CHROMIUM" ]]; then
    echo "error: $WUHAO_CHROMIUM not found; install the Debian package 'chromium'." >&2
    exit 1
fi

# Redocly CLI for the OpenAPI lint test and PurgeCSS for the trimmed Bootstrap's check (pinned under tools/; nothing is
# done when they are already there).
bash scripts/install-node-tools.sh

# --- Tests ---------------------------------------------------------------------------------------
mkdir -p -- "$RESULTS"
find "$RESULTS" -name '*.trx' -type f -delete

rc=0
# Build once, then run the two test assemblies one after the other: on a small machine (CI has 2 cores) running
# them side by side made each wait for the other, and the whole run took longer than the two runs in a row.
dotnet build WuHao.slnx -v q -nologo || rc=$?
if ((rc == 0)); then
    for project in tests/WuHao.Tests tests/WuHao.BrowserTests; do
        dotnet test "$project" --no-build --logger "trx" --results-directory "$RESULTS" "$@" || rc=$?
    done
fi

# --- Summary from the TRX <Counters> elements (grep/awk only, no python needed) ------------------
read -r trx_files total executed passed failed skipped < <(
    find "$RESULTS" -name '*.trx' -type f -print0 |
        xargs -0 -r grep -ho '<Counters [^>]*>' |
        awk '
            function attr(name,   m) {
                if (match($0, " " name "=\"[0-9]+\"")) {
                    m = substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
                    return m + 0
                }
                return 0
            }
            {
                files++
                total += attr("total"); executed += attr("executed"); passed += attr("passed")
                failed += attr("failed") + attr("error") + attr("timeout") + attr("aborted")
                # A skipped test is counted in total but not in executed (the TRX notExecuted counter stays 0).
                skipped += attr("total") - attr("executed")
            }
            END { printf "%d %d %d %d %d %d\n", files, total, executed, passed, failed, skipped }
        '
)

if ((trx_files == 0)); then
    echo "error: no .trx results found in $RESULTS (build failure or no test project ran)." >&2
    ((rc != 0)) || rc=1
elif ((executed == 0)); then
    echo "error: no test was executed ($total found)." >&2
    ((rc != 0)) || rc=1
elif ((failed > 0)); then
    ((rc != 0)) || rc=1
fi

# A skipped test is a test that did not run: the suite only passes when every test ran.
if ((skipped > 0)); then
    echo "error: $skipped test(s) were skipped; every test must run (remove the Skip or fix what it waits for)." >&2
    ((rc != 0)) || rc=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
