#!/usr/bin/env bash
# backends.sh — the same binary on SQLite and on PostgreSQL (issue 13),
# side by side on this machine, in one run (compare the ratios, not the
# absolute figures: the machine is shared):
#   1. `chanjiao demo` into a new database: seconds (migrations, catalogues,
#      every register's demo rows, each write in its transaction);
#   2. read endpoints under `wrk -t2 -c16 --latency` for BENCH_DURATION each
#      (served with --demo: the demo accounts sign in only then),
#      with a bearer token (the session look-up is a database read):
#      req/s, p50 and p99, with the answer cache (on PostgreSQL kept
#      honest across processes by the shared data version,
#      pg_data_version.sql) and with --no-cache (every read from the
#      database); the search is full-text search over Liuzhou's demand;
#   3. a write: POST /api/v1/organizations, 300 in a row from one client.
# PostgreSQL is a throw-away cluster of tests/pg/cluster.sh (Debian's
# defaults but fsync on), on a Unix socket.  Always exits 0 on a completed
# run (a benchmark, not a test); skips saying why when wrk, psql or the
# server are missing.
#
#   CHANJIAO_BIN=path   the binary (default build/chanjiao)
#   BENCH_DURATION=5s   wrk duration per row
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${CHANJIAO_BIN:-$ROOT/build/chanjiao}
DUR=${BENCH_DURATION:-5s}
missing=()
[ -x "$BIN" ] || missing+=("chanjiao binary (build first)")
command -v wrk >/dev/null || missing+=(wrk)
command -v psql >/dev/null || missing+=(psql)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=("postgresql server")
if [ ${#missing[@]} -gt 0 ]; then
  echo "backends: skipped, missing: ${missing[*]}"
  exit 0
fi

T=$(mktemp -d /tmp/chanjiao-backends.XXXXXX)
chmod 755 "$T"
PGDIR=$T/pg
SRV=
cleanup() {
  [ -n "$SRV" ] && { kill "$SRV" 2>/dev/null || true; wait "$SRV" 2>/dev/null || true; }
  "$ROOT/tests/pg/cluster.sh" stop "$PGDIR" >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT
URL=$("$ROOT/tests/pg/cluster.sh" start "$PGDIR")

cat >"$T/report.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
EOF

# ---- 1. the demo load ---------------------------------------------------------------
secs() { python3 -c 'import sys,time; print("%.1f" % (time.time() - float(sys.argv[1])))' "$1"; }
t0=$(date +%s.%N)
"$BIN" demo --db "$T/lite.db" >"$T/demo-lite.log" 2>&1
lite_demo=$(secs "$t0")
t0=$(date +%s.%N)
"$BIN" demo --db "$URL" >"$T/demo-pg.log" 2>&1
pg_demo=$(secs "$t0")

# ---- 2. reads, 3. writes ------------------------------------------------------------
# shellcheck source=bench/serve_lib.sh
. "$HERE/serve_lib.sh"
token() {
  curl -sf -H 'Content-Type: application/json' \
    -d '{"username":"liuzhou_sec","password":"secretariat-demo-2026"}' \
    "http://127.0.0.1:$PORT/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
PATHS=("/api/v1/organizations?per_page=20" "/api/v1/consortia/1" "/api/v1/demand?per_page=20"
  "/api/v1/search?consortium=1&q=%E7%84%8A%E8%A3%85")
declare -A R
measure() { # measure LABEL DB [serve args…]
  local label=$1 db=$2
  shift 2
  serve "$db" --demo "$@"
  local tok
  tok=$(token)
  for p in "${PATHS[@]}"; do
    wrk -t2 -c16 -d1s -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT$p" >/dev/null 2>&1
    R[$label$p]=$(wrk -t2 -c16 -d"$DUR" --latency -s "$T/report.lua" \
      -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT$p" 2>&1 | sed -n 's/^RESULT //p')
  done
  local t0
  t0=$(date +%s.%N)
  for i in $(seq 300); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $tok" \
      -d "{\"name\":\"基准写入单位 $label $i\",\"type\":\"other\"}" \
      "http://127.0.0.1:$PORT/api/v1/organizations"
  done
  R[$label:write]=$(python3 -c 'import sys,time; print("%.2f" % ((time.time() - float(sys.argv[1])) / 300 * 1000))' "$t0")
  stop
}
measure sqlite "$T/lite.db"
measure sqlite-nocache "$T/lite.db" --no-cache
measure postgresql "$URL"
measure postgresql-nocache "$URL" --no-cache

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(psql --version | awk '{print $3}'), SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')"
echo
echo "demo load:  SQLite ${lite_demo} s   PostgreSQL ${pg_demo} s   ($(python3 -c "print('%.1f' % ($pg_demo / $lite_demo))")×)"
echo
printf '%-38s %-16s %10s %9s %9s %7s\n' "read (wrk -t2 -c16, bearer)" backend "req/s" "p50 ms" "p99 ms" errors
for p in "${PATHS[@]}"; do
  for b in sqlite sqlite-nocache postgresql postgresql-nocache; do
    read -r rps p50 p99 err <<<"${R[$b$p]:-0 0 0 0}"
    printf '%-38s %-16s %10s %9s %9s %7s\n' "$p" "$b" "$rps" "$p50" "$p99" "$err"
  done
  read -r a _ <<<"${R[sqlite$p]:-0}"
  read -r b _ <<<"${R[postgresql$p]:-0}"
  read -r c _ <<<"${R[sqlite-nocache$p]:-0}"
  read -r d _ <<<"${R[postgresql-nocache$p]:-0}"
  echo "  PostgreSQL / SQLite: $(python3 -c "print('%.2f cached, %.2f without cache' % ($b / max($a, 1), $d / max($c, 1)))")"
done
echo
echo "write (POST /organizations, one client, 300 in a row, ms each):"
echo "  SQLite ${R[sqlite:write]}   SQLite no cache ${R[sqlite-nocache:write]}   PostgreSQL ${R[postgresql:write]}   PostgreSQL no cache ${R[postgresql-nocache:write]}"
