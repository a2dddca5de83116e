#!/usr/bin/env bash
# Writes the seed corpus for `make fuzz`: each SampleData input prefixed with the byte that routes it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"
mkdir -p "$out"
n=0
seed() { printf "\\x$(printf %02x "$1")" > "$out/seed-$n"; cat >> "$out/seed-$n"; n=$((n + 1)); }
for page in SampleData/pages/*.txt; do seed 0 < "$page"; done
for date in "12 Mar 2025" "Updated 3:04 PM EST, Wed March 12, 2025" "3 hours ago" "12/03/2025" "2025-03-12T08:30Z"; do
    printf '%s' "$date" | seed 1
done
head -c 4000 SampleData/pages/09.txt | seed 2
for query in 'ferry OR harbour -storm' '"exact phrase" title:x' 'NEAR(a b, 5) person:Putin from:2025-03'; do printf '%s' "$query" | seed 3; done
head -n 3 SampleData/dumps/articles.jsonl | while IFS= read -r line; do printf '%s' "$line" | seed 4; done
head -c 3000 SampleData/dumps/articles.csv | seed 5
for page in SampleData/html/*.html; do seed 6 < "$page"; done
gzip -dc SampleData/archives/pages.warc.gz | head -c 20000 | seed 7
