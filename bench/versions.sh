#!/usr/bin/env bash
# versions.sh — what record revisions (issue 15, migration 010) cost the
# reads and writes of the register: the server's own CPU time per request
# (user + system, from /proc) for a page of 100 organisations, one
# organisation by id, and a PATCH with and without If-Match, each built
# afresh (--no-cache), for this build and, when BASE_BIN names one, the
# build before revisions.  CPU per request changes much less than req/s
# on a shared machine; both binaries run the same requests on the same
# demo data, one after the other.  On a loaded machine CPU time still
# wanders by tens of per cent; CALLGRIND=1 counts the server's instructions
# per request instead (valgrind's callgrind, counters zeroed before and
# dumped after each measurement), which does not.  Always exits 0 (a
# benchmark, not a test).
#
# Usage: bench/versions.sh
#   CHANJIAO_BIN=path   this build (default build/chanjiao)
#   BASE_BIN=path       the build to compare with (optional)
#   N=2000              requests per measurement (use a few hundred with CALLGRIND=1)
#   CALLGRIND=1         instructions per request instead of CPU time
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${CHANJIAO_BIN:-$ROOT/build/chanjiao}
BASE=${BASE_BIN:-}
N=${N:-2000}
T=$(mktemp -d /tmp/cj-bench-versions-XXXXXX)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$T"' EXIT
PID=

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure LABEL METHOD PATH [BODY] [IF_MATCH_FROM_GET]: N requests over one
# keep-alive connection (python's http.client), server CPU µs per request.
measure() {
  local label=$1 method=$2 path=$3 body=${4:-} ifmatch=${5:-}
  local before after
  if [ -n "${CALLGRIND:-}" ]; then
    rm -f "$T"/cg.out.*
    callgrind_control -z "$PID" >/dev/null 2>&1
  fi
  before=$(cpu_ticks "$PID")
  python3 - "$PORT" "$TOKEN" "$N" "$method" "$path" "$body" "$ifmatch" <<'EOF'
import http.client, sys
port, token, n, method, path, body, ifmatch = sys.argv[1:8]
c = http.client.HTTPConnection("127.0.0.1", int(port))
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
for i in range(int(n)):
    hh = dict(h)
    if ifmatch:
        c.request("GET", path, headers=h)
        r = c.getresponse(); r.read()
        hh["If-Match"] = r.getheader("ETag") or "*"
    c.request(method, path, body=body.replace("#", str(i)).encode() if body else None, headers=hh)
    r = c.getresponse(); r.read()
    if r.status >= 300:
        sys.exit("%s %s: %d" % (method, path, r.status))
EOF
  after=$(cpu_ticks "$PID")
  if [ -n "${CALLGRIND:-}" ]; then
    callgrind_control -d "$PID" >/dev/null 2>&1
    cat "$T"/cg.out.* | awk -v l="$label" -v n="$N" \
      '/^(summary|totals):/ {s += $2} END {printf "  %-34s %7.0f k instructions/request\n", l, s / n / 1000}'
    return
  fi
  local hz
  hz=$(getconf CLK_TCK)
  awk -v l="$label" -v d=$((after - before)) -v hz="$hz" -v n="$N" \
    'BEGIN {printf "  %-34s %7.1f µs/request\n", l, d * 1e6 / hz / n}'
}

run() {
  local name=$1 bin=$2
  rm -f "$T/db"*
  "$bin" demo --db "$T/db" >/dev/null 2>&1
  echo "bench-admin-pw-2026" | "$bin" user add --db "$T/db" --username bench_admin \
    --role platform_admin >/dev/null
  local vg=()
  [ -n "${CALLGRIND:-}" ] && vg=(valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" --dump-instr=no)
  "${vg[@]}" "$bin" serve --db "$T/db" --listen 127.0.0.1:0 --threads 2 --no-cache >"$T/log" 2>&1 &
  PID=$!
  for _ in $(seq 600); do
    PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/log" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.1
  done
  TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"username":"bench_admin","password":"bench-admin-pw-2026"}' \
    "http://127.0.0.1:$PORT/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  echo "$name ($bin):"
  measure "GET organizations?per_page=100" GET "/api/v1/organizations?per_page=100"
  measure "GET organizations/5" GET "/api/v1/organizations/5"
  measure "PATCH organizations/5" PATCH "/api/v1/organizations/5" '{"address":"柳州#"}'
  if [ "$name" = "revisions" ]; then
    # GET for the tag, then PATCH with it: the CPU of both, per PATCH.
    measure "GET + PATCH with If-Match" PATCH "/api/v1/organizations/6" '{"address":"柳州#"}' 1
  fi
  kill "$PID"
  wait "$PID" 2>/dev/null || true
}

echo "versions: $N requests each, --no-cache, server ${CALLGRIND:+instructions}${CALLGRIND:-CPU (user+system)} per request"
[ -n "$BASE" ] && run "before revisions" "$BASE"
run "revisions" "$BIN"
