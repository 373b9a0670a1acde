#!/usr/bin/env bash
# Vendors the front-end libraries from the npm registry into src/WuHao.Web/wwwroot/lib. Bootstrap's CSS is kept whole in
# tools/purgecss and served trimmed to what the pages use (scripts/trim-bootstrap.sh, run at the end).
# Versions are pinned below; to upgrade, change them and run this script again, then commit the result.
# Needs npm and tar; leaves no node_modules behind.
set -euo pipefail

BOOTSTRAP_VERSION=5.3.9
ECHARTS_VERSION=5.6.0

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
LIB="$PWD/src/WuHao.Web/wwwroot/lib"

work="$(mktemp -d "${TMPDIR:-/tmp}/wuhao-vendor-XXXXXX")"
trap 'rm -rf -- "$work"' EXIT

# fetch NAME VERSION: downloads NAME@VERSION with `npm pack` and unpacks it to $work/NAME/package.
# Prints the tarball's integrity hash.
fetch() {
    local name="$1" version="$2" tarball
    mkdir -p "$work/$name"
    tarball="$(cd "$work/$name" && npm pack --silent "$name@$version")"
    tar -xzf "$work/$name/$tarball" -C "$work/$name"
    (cd "$work/$name" && sha512sum -- "$tarball" | cut -d' ' -f1)
}

# strip_source_map FILE: removes sourceMappingURL comments so browsers don't request missing .map files.
strip_source_map() {
    sed -E -i \
        -e 's#/\*[#@] sourceMappingURL=[^*]*\*/##g' \
        -e 's#//[#@] sourceMappingURL=[^[:space:]]*[[:space:]]*$##' \
        -- "$1"
    if grep -q 'sourceMappingURL' -- "$1"; then
        echo "error: sourceMappingURL still present in $1" >&2
        exit 1
    fi
}

bootstrap_sha="$(fetch bootstrap "$BOOTSTRAP_VERSION")"
echarts_sha="$(fetch echarts "$ECHARTS_VERSION")"

rm -rf -- "$LIB/bootstrap" "$LIB/echarts"
mkdir -p "$LIB/bootstrap/css" "$LIB/echarts"

src="$work/bootstrap/package"
cp -- "$src/dist/css/bootstrap.min.css" tools/purgecss/bootstrap.min.css
# Only the CSS: the one behaviour the pages used from Bootstrap's script (the phone menu) is in js/site.js.
cp -- "$src/LICENSE" "$LIB/bootstrap/LICENSE"

src="$work/echarts/package"
cp -- "$src/dist/echarts.min.js" "$LIB/echarts/"
cp -- "$src/LICENSE" "$LIB/echarts/LICENSE"
# Apache-2.0 asks redistributors to keep the NOTICE file; LICENSE refers to the bundled d3 licence.
cp -- "$src/NOTICE" "$LIB/echarts/NOTICE"
mkdir -p "$LIB/echarts/licenses"
cp -- "$src/licenses/LICENSE-d3" "$LIB/echarts/licenses/LICENSE-d3"

strip_source_map tools/purgecss/bootstrap.min.css
strip_source_map "$LIB/echarts/echarts.min.js"

cat > "$LIB/VERSIONS.txt" <<EOF
Vendored front-end libraries (from the npm registry by scripts/vendor-frontend.sh; do not edit by hand).
sourceMappingURL comments were removed from the minified files.

bootstrap $BOOTSTRAP_VERSION  (MIT)  tarball sha512 $bootstrap_sha
  bootstrap/css/bootstrap.min.css        <- dist/css/bootstrap.min.css, trimmed by scripts/trim-bootstrap.sh
                                            (the whole file is tools/purgecss/bootstrap.min.css)
  bootstrap/LICENSE                      <- LICENSE

echarts $ECHARTS_VERSION  (Apache-2.0)  tarball sha512 $echarts_sha
  echarts/echarts.min.js                 <- dist/echarts.min.js
  echarts/LICENSE                        <- LICENSE
  echarts/NOTICE                         <- NOTICE
  echarts/licenses/LICENSE-d3            <- licenses/LICENSE-d3
EOF

bash scripts/trim-bootstrap.sh
echo "Vendored bootstrap $BOOTSTRAP_VERSION and echarts $ECHARTS_VERSION into ${LIB#"$PWD"/}"
