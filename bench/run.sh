#!/usr/bin/env bash
# make bench / make bench-quick: build in release mode, generate (or reuse) a corpus, and measure
# ingest against the SQLite floor, search latency against the bare FTS5 floor, facets against the
# plain GROUP BY way, and extraction alone. Appends the results to BENCHMARKS.md.
# Usage: bench/run.sh N   (BENCH_CACHE sets where corpora are kept; default ~/.cache/newsdb-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
CACHE="${BENCH_CACHE:-$HOME/.cache/newsdb-bench}"
REPEAT="${BENCH_REPEAT:-5}"
CORPUS="$CACHE/corpus-$N"
WORK="$CACHE/work-$N"

swift build -c release --product newsdb >/dev/null
swift build -c release --product newsdb-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)"
NEWSDB="$BIN/newsdb"
BENCH="$BIN/newsdb-bench"

if [ ! -f "$CORPUS/articles.csv" ]; then
    echo "generating $N articles into $CORPUS" >&2
    rm -rf "$CORPUS"
    "$BENCH" generate "$N" 20261125 "$CORPUS" SampleData
fi
rm -rf "$WORK" && mkdir -p "$WORK"
RESULTS="$WORK/results.txt"
: > "$RESULTS"
record() { echo "$1 $2 $3" | tee -a "$RESULTS" >&2; }
# Page loads repeat three times up to 100k articles, once above (a 1M load takes minutes).
INGEST_REPEAT="${BENCH_INGEST_REPEAT:-$([ "$N" -le 100000 ] && echo 3 || echo 1)}"

# Ingest of each input kind, each into a fresh database, with peak memory from GNU time.
for kind in pages jsonl csv; do
    case $kind in
        pages) input="$CORPUS/pages" ;;
        jsonl) input="$CORPUS/articles.jsonl" ;;
        csv) input="$CORPUS/articles.csv" ;;
    esac
    db="$WORK/$kind.db"
    # Page files, the bar's subject, load INGEST_REPEAT times (one run varies by about a second); the
    # median counts, the peak memory is the largest.
    runs=$([ "$kind" = pages ] && echo "$INGEST_REPEAT" || echo 1)
    all=""
    rss_kb=0
    for _ in $(seq "$runs"); do
        rm -f "$db" "$db"-wal "$db"-shm
        sync  # every timed load starts with no other run's writes still being flushed
        /usr/bin/time -f "%e %M" -o "$WORK/time-$kind" "$NEWSDB" ingest --db "$db" --quiet --json "$input" > "$WORK/summary-$kind.json"
        read -r run_seconds run_kb < "$WORK/time-$kind"
        all="$all $run_seconds"
        rss_kb=$((run_kb > rss_kb ? run_kb : rss_kb))
    done
    seconds=$(python3 -c "import statistics; print(statistics.median([float(x) for x in '$all'.split()]))")
    [ "$runs" -gt 1 ] && record "ingest_${kind}_runs_seconds" "$(echo $all | tr ' ' ',')" s
    records=$(python3 -c "import json;print(json.load(open('$WORK/summary-$kind.json'))['records'])")
    bytes=$(du -sb "$input" | cut -f1)
    dbbytes=$(du -cb "$db"* | tail -1 | cut -f1)
    record "ingest_${kind}_seconds" "$seconds" s
    record "ingest_${kind}_articles_per_second" "$(python3 -c "print(round($records/$seconds))")" articles/s
    record "ingest_${kind}_mb_per_second" "$(python3 -c "print(round($bytes/1e6/$seconds, 2))")" MB/s
    record "ingest_${kind}_peak_rss_mb" "$(python3 -c "print(round($rss_kb/1024))")" MB
    record "ingest_${kind}_db_over_input" "$(python3 -c "print(round($dbbytes/$bytes, 2))")" x
done

# The floor: the same texts, no parsing, same schema, best of three strategies. The two fast ones run
# FLOOR_REPEAT times and keep their fastest run: a floor timed once varied by a quarter between runs.
FLOOR_REPEAT="${BENCH_FLOOR_REPEAT:-3}"
best=""
for strategy in triggers program rebuild; do
    runs=$([ "$strategy" = triggers ] && echo 1 || echo "$FLOOR_REPEAT")
    fastest=""
    for _ in $(seq "$runs"); do
        rm -f "$WORK/floor.db"*
        sync
        line=$("$BENCH" floor "$WORK/floor.db" "$CORPUS/articles.jsonl" "$strategy" | sed -n 1p)
        seconds=$(echo "$line" | cut -d' ' -f2)
        if [ -z "$fastest" ] || python3 -c "import sys; sys.exit(0 if $seconds < $fastest else 1)"; then fastest=$seconds; fi
    done
    record "floor_${strategy}_seconds" "$fastest" s
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $fastest < $best else 1)"; then best=$fastest; fi
done
record floor_best_seconds "$best" s
# The last floor built is a rebuild one: its file against the same input, beside ours.
record floor_rebuild_db_over_input "$(python3 -c "print(round($(du -cb "$WORK/floor.db"* | tail -1 | cut -f1)/$(du -sb "$CORPUS/articles.jsonl" | cut -f1), 2))")" x
# Each input kind's load over the floor's best: #21's load bar is the JSONL one.
for kind in pages jsonl csv; do
    kind_seconds=$(grep "^ingest_${kind}_seconds" "$RESULTS" | cut -d' ' -f2)
    record "ingest_${kind}_over_floor" "$(python3 -c "print(round($kind_seconds/$best, 2))")" x
done

# Search and facets on the page-ingested database; extraction alone.
"$BENCH" search "$WORK/pages.db" "$REPEAT" | while read -r name value unit; do record "$name" "$value" "$unit"; done
# Whole processes run the binary as `make install` builds it, the Swift libraries linked in: loaded
# as shared libraries they cost each process about 9 ms more (BENCHMARKS.md, thirteenth session).
swift build -c release --product newsdb --static-swift-stdlib --scratch-path .build-static >/dev/null
INSTALLED="$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/newsdb"
"$BENCH" process "$WORK/pages.db" "$INSTALLED" "$REPEAT" | while read -r name value unit; do record "$name" "$value" "$unit"; done
"$BENCH" facets "$WORK/pages.db" "$REPEAT" "$INSTALLED" | while read -r name value unit; do record "$name" "$value" "$unit"; done
"$BENCH" extract "$CORPUS/articles.jsonl" | while read -r name value unit; do record "$name" "$value" "$unit"; done
# HTML extraction alone on one core: the real benchmark pages when this checkout sits beside them, else
# SampleData's small fictional pages (far smaller than real ones, so their figure is not comparable).
HTML_PAGES=../shared/realpages/dev/html
[ -d "$HTML_PAGES" ] || HTML_PAGES=SampleData/html
"$BENCH" html "$HTML_PAGES" 5 | while read -r name value unit; do record "$name" "$value" "$unit"; done

# `newsdb optimize` merges the full-text index into one segment; then the query set again, in-process and
# as processes. Last, so that every figure above is of the file as a load leaves it.
/usr/bin/time -f "%e" -o "$WORK/time-optimize" "$NEWSDB" optimize --db "$WORK/pages.db" >&2
record optimize_seconds "$(cat "$WORK/time-optimize")" s
"$BENCH" search "$WORK/pages.db" "$REPEAT" | grep -E '^search_p(50|95|99)_ms' | while read -r name value unit; do record "optimized_$name" "$value" "$unit"; done
"$BENCH" process "$WORK/pages.db" "$INSTALLED" "$REPEAT" | grep -E '^search_process_p(50|95|99)_ms' | while read -r name value unit; do record "optimized_$name" "$value" "$unit"; done

{
    echo
    echo "## $(date -u +%Y-%m-%d) — $N articles"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), SQLite $(sqlite3 --version | cut -d' ' -f1)."
    echo "Commit $(git rev-parse --short HEAD). Command: \`bench/run.sh $N\` (\`make bench\`), medians over $REPEAT repeats for searches."
    echo
    echo '```'
    cat "$RESULTS"
    echo '```'
} >> BENCHMARKS.md
echo "results appended to BENCHMARKS.md" >&2
