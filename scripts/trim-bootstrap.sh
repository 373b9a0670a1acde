#!/usr/bin/env bash
# Writes src/WuHao.Web/wwwroot/lib/bootstrap/css/bootstrap.min.css: the vendored Bootstrap (tools/purgecss/
# bootstrap.min.css) trimmed by PurgeCSS to the selectors the views, the C# and the scripts can use
# (tools/purgecss/purgecss.config.cjs). Run it after adding a Bootstrap class the app did not use before, and commit
# the result. `--check` writes nothing and fails when the committed file is not what the script would write
# (a test runs it: a class added without trimming again would be missing from the pages).
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

bash scripts/install-node-tools.sh >/dev/null
target=src/WuHao.Web/wwwroot/lib/bootstrap/css/bootstrap.min.css
work="$(mktemp -d "${TMPDIR:-/tmp}/wuhao-trim-XXXXXX")"
trap 'rm -rf -- "$work"' EXIT

tools/purgecss/node_modules/.bin/purgecss --config tools/purgecss/purgecss.config.cjs --output "$work"
version="$(grep -o 'Bootstrap  *v[0-9.]*' tools/purgecss/bootstrap.min.css | head -1 | tr -s ' ')"
# The note goes after @charset, which must stay the file's first rule.
note="/* ${version:-Bootstrap}, trimmed to the selectors WuHao uses by scripts/trim-bootstrap.sh: do not edit by hand. */"
{
    sed "1s#^\(@charset \"UTF-8\";\)\?#\1${note}#" "$work/bootstrap.min.css"
    echo
} > "$work/trimmed.css"

if [[ "${1:-}" == "--check" ]]; then
    if ! cmp -s "$work/trimmed.css" "$target"; then
        echo "$target is not the trimmed Bootstrap for the current views: run scripts/trim-bootstrap.sh and commit it." >&2
        exit 1
    fi
    echo "$target is up to date ($(wc -c < "$target") bytes)."
    exit 0
fi

cp -- "$work/trimmed.css" "$target"
echo "Wrote $target: $(wc -c < "$target") bytes, from $(wc -c < tools/purgecss/bootstrap.min.css)."
