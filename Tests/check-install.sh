#!/usr/bin/env bash
# Runs an installed newsdb the way a machine without Swift would: with an empty environment, and
# checks that it links no Swift or Foundation library and that its man page and completions are there.
# Usage: Tests/check-install.sh PREFIX (make check-install installs into a scratch PREFIX first).
set -euo pipefail
prefix="$1"
bin="$prefix/bin/newsdb"
root="$(cd "$(dirname "$0")/.." && pwd)"

if readelf -d "$bin" | grep -E 'NEEDED.*(libswift|Foundation|libdispatch|BlocksRuntime)'; then
    echo "check-install: $bin needs a Swift library at run time" >&2
    exit 1
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
env -i "$bin" --version
env -i "$bin" ingest --db "$scratch/news.db" --quiet "$root/SampleData/pages" "$root/SampleData/html"
env -i LD_LIBRARY_PATH= "$bin" search --db "$scratch/news.db" harbour --limit 1 --format json | grep -q '"total"'
grep -q 'datasette-metadata' "$prefix/share/man/man1/newsdb.1"
grep -q 'newsdb' "$prefix/share/bash-completion/completions/newsdb"
test -s "$prefix/share/zsh/site-functions/_newsdb"
test -s "$prefix/share/fish/vendor_completions.d/newsdb.fish"
echo "check-install: $bin runs with an empty environment and links no Swift library; man page and completions installed"
