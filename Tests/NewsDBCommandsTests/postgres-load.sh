#!/usr/bin/env bash
# Loads a newsdb PostgreSQL export into a throwaway server and prints what the test compares.
# Usage: postgres-load.sh EXPORT.sql 'SQL1' 'SQL2' …   Prints "SKIP reason" when no server binaries exist.
set -euo pipefail
script="$1"; shift
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then echo "SKIP no PostgreSQL server binaries under /usr/lib/postgresql"; exit 0; fi
dir=$(mktemp -d /tmp/newsdb-pg.XXXXXX)
chmod 777 "$dir"; chmod 644 "$script"
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port=$((54000 + $$ % 900))
cleanup() { as_server "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_server "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
as_server "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o "-k $dir -c listen_addresses='' -p $port" start >/dev/null </dev/null
psql=("$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres)
"${psql[@]}" -v ON_ERROR_STOP=1 -q -f "$script" >/dev/null
for sql in "$@"; do
    echo "RESULT $("${psql[@]}" -tA -c "$sql")"
done
