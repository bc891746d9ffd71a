#!/usr/bin/env bash
# search.sh — SPEC "How fast, how big": Chinese full-text search over 1 M
# positions, p50 ≤ 5 ms, p99 ≤ 20 ms.
#
# 1. Generates ROWS demand rows (bench/gen_demand.c, cc -O2): automotive
#    job titles, descriptions and skills in Chinese with ASCII terms.
# 2. Loads them into a new database with bench/search_bench.c (compiled
#    against build/libcjcore.a, so the store's own migrations, triggers
#    and tokenizer): one transaction, store_search_defer(), index built at
#    commit — load and index times and the index size are printed.  By
#    default every row is in consortium 1, the worst case: a search
#    counts all 1 M rows' matches (CONSORTIA=N spreads them round-robin
#    over N consortia; consortium 1 is searched).
# 3. Store level: store_search_demand (first page of 20 + exact total +
#    snippets) for 37 queries — common words, 3+ characters, single
#    characters, ASCII words, several words, rare words, no match, and
#    "generic" words found in most rows — ROUNDS times in shuffled order.
# 4. HTTP: `chanjiao serve --threads 2 --no-cache` (every answer computed;
#    the per-thread answer cache would otherwise serve repeats), the same
#    queries over one keep-alive connection; then wrk -t2 -c8 rotating the
#    queries (if wrk is installed), for throughput under concurrency.
# Prints per-query and overall p50/p99 and whether the target is met;
# always exits 0 after a completed run (a benchmark, not a test).
#
#   ROWS=1000000 CONSORTIA=1 ROUNDS=20 WRK_DURATION=10s bash bench/search.sh
#   BENCH_KEEP=1   keep the temporary folder (database, CSV, logs)
#   DB=path        reuse a database an earlier run kept (skips 1 and 2)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CHANJIAO_BIN:-build/chanjiao}
LIB=$(dirname "$BIN")/libcjcore.a
ROWS=${ROWS:-1000000}
CONSORTIA=${CONSORTIA:-1}
ROUNDS=${ROUNDS:-20}
WRK_DURATION=${WRK_DURATION:-10s}
[ -x "$BIN" ] && [ -f "$LIB" ] || { echo "search: build first (make build-c)" >&2; exit 1; }

T=$(mktemp -d /tmp/cj-bench-search.XXXXXX)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "search: kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

cc -O2 -o "$T/gen_demand" bench/gen_demand.c
# shellcheck source=bench/cjcore.sh
. bench/cjcore.sh
cjcore_cc "$LIB" "$T/search_bench" bench/search_bench.c

echo "== search: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), SQLite $(pkg-config --modversion sqlite3) =="
if [ -n "${DB:-}" ]; then
  echo "using $DB"
else
  DB=$T/search.db
  start=$(date +%s.%N)
  "$T/gen_demand" "$ROWS" "$T/demand.csv"
  echo "generated $ROWS rows in $(echo "$(date +%s.%N) - $start" | bc -l | xargs printf '%.1f') s: $(du -m "$T/demand.csv" | cut -f1) MB of CSV"
  "$T/search_bench" load "$DB" "$T/demand.csv" "$CONSORTIA" 2> "$T/load.log"
  echo "database: $(du -m "$DB" | cut -f1) MB"
  rm -f "$T/demand.csv"
fi

echo
echo "== store level =="
"$T/search_bench" store "$DB" "$ROUNDS"

echo
echo "== HTTP =="
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 --no-cache --web "" \
  > "$T/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do
  grep -q listening "$T/server.log" && break
  sleep 0.1
done
grep -q listening "$T/server.log" || { echo "server did not start:"; cat "$T/server.log"; exit 1; }
"$T/search_bench" http "$PORT" "$ROUNDS"

if command -v wrk > /dev/null; then
  "$T/search_bench" wrk-lua "$T/rotate.lua"
  echo
  echo "== wrk -t2 -c8 -d$WRK_DURATION, the 37 queries in turn (server and wrk share the $(nproc) cores) =="
  wrk -t2 -c8 -d"$WRK_DURATION" --latency -s "$T/rotate.lua" "http://127.0.0.1:$PORT" \
    | grep -E 'Latency|50%|90%|99%|Requests/sec|requests in|Non-2xx'
else
  echo "(wrk not installed: no concurrent run; CHANJIAO_BENCH=1 bash scripts/install-deps.sh)"
fi
echo "server RSS after the runs: $(($(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024)) MB"
