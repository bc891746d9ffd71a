#!/usr/bin/env bash
# Export of a large list as XLSX and CSV (issue 15: typed cells, autofilter,
# Chinese file names).  Imports ROWS organisations (default 100 000) with
# `chanjiao import`, serves the database on loopback (--no-cache, so every
# answer is built afresh) and times GET /api/v1/organizations?format=xlsx
# and ?format=csv, RUNS times each (default 3), printing the median.
# BASE=path/to/older/chanjiao runs the same against another build on the same
# database, for a before/after comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/chanjiao}
ROWS=${ROWS:-100000}
RUNS=${RUNS:-3}
T=$(mktemp -d /tmp/cj-bench-export.XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$T"; }
trap cleanup EXIT
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }

python3 bench/gen_organizations.py "$ROWS" "$T/orgs.csv" > /dev/null
echo 'bench-password-1' | "$BIN" user add --db "$T/bench.db" --username bench --role platform_admin > /dev/null
"$BIN" import organizations "$T/orgs.csv" --db "$T/bench.db" > /dev/null 2>&1

run() { # BINARY LABEL
  "$1" serve --db "$T/bench.db" --listen 127.0.0.1:0 --threads 2 --no-cache > "$T/serve.log" 2>&1 &
  PID=$!
  local port=
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/serve.log" | head -1)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$T/serve.log"; exit 1; }
  local tok
  tok=$(curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"bench-password-1"}' \
    "http://127.0.0.1:$port/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  for fmt in xlsx csv; do
    local times=()
    for _ in $(seq 1 "$RUNS"); do
      times+=("$(curl -s -o "$T/out.$fmt" -w '%{time_total}' -H "Authorization: Bearer $tok" \
        "http://127.0.0.1:$port/api/v1/organizations?format=$fmt")")
    done
    local med
    med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    printf '%-8s %-4s %7d rows  %6.2f s (median of %d)  %6.1f MB\n' "$2" "$fmt" "$ROWS" "$med" \
      "$RUNS" "$(echo "$(stat -c %s "$T/out.$fmt") / 1048576" | bc -l)"
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

echo "== export_xlsx: $ROWS organisations =="
run "$BIN" this
[ -n "${BASE:-}" ] && run "$BASE" base
exit 0
