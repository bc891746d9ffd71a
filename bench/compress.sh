#!/usr/bin/env bash
# compress.sh — what lean answers cost and save: the API read endpoints of
# api_read.sh (and a 100-row list) under `wrk -t2 -c64`, asked plain, with
# Accept-Encoding: gzip and with br, against one or two binaries (before
# and after a change).  Prints req/s, p99, bytes per answer and the
# server's CPU time per request — the steadier figure on a shared machine.
#
# Usage: bench/compress.sh [BINARY...]     (default build/chanjiao; needs wrk)
#   BENCH_DURATION=5s  wrk duration per run
#   BENCH_NOCACHE=1    serve with --no-cache (every answer built and
#                      compressed afresh: the cost of a cache miss)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DUR=${BENCH_DURATION:-5s}
BINS=("$@")
[ ${#BINS[@]} -eq 0 ] && BINS=("$ROOT/build/chanjiao")
command -v wrk >/dev/null || { echo "compress: skipped, wrk missing"; exit 0; }

T=$(mktemp -d /tmp/chanjiao-compress.XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT

cat >"$T/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %d %.0f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(99), summary.bytes / math.max(summary.requests, 1),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

ENDPOINTS=(
  "composition (small)|/api/v1/consortia/1/composition"
  "consortia (list)|/api/v1/consortia"
  "organizations p.1 (20)|/api/v1/organizations?per_page=20"
  "council (larger)|/api/v1/consortia/1/council"
  "organizations (100)|/api/v1/organizations?per_page=100"
)
ENCODINGS=("plain|" "gzip|Accept-Encoding: gzip" "br|Accept-Encoding: gzip, deflate, br")

printf '%-10s %-24s %-6s %9s %8s %9s %9s\n' binary endpoint enc req/s p99_ms bytes cpu_us/req
for bin in "${BINS[@]}"; do
  rm -f "$T"/db*
  "$bin" demo --db "$T/db" >/dev/null 2>&1
  "$bin" serve --db "$T/db" --listen 127.0.0.1:0 --threads 2 \
    $([ "${BENCH_NOCACHE:-0}" = 1 ] && echo --no-cache) >"$T/log" 2>&1 &
  PID=$!
  PORT=
  for _ in $(seq 1 300); do
    PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/log" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.1
  done
  [ -n "$PORT" ] || { cat "$T/log"; exit 1; }
  name=$(basename "$(dirname "$(dirname "$bin")")")
  for ep in "${ENDPOINTS[@]}"; do
    for enc in "${ENCODINGS[@]}"; do
      args=(-t2 -c64 -s "$T/report.lua" --latency)
      [ -n "${enc#*|}" ] && args+=(-H "${enc#*|}")
      wrk "${args[@]}" -d1s "http://127.0.0.1:$PORT${ep#*|}" >/dev/null 2>&1 || true
      c0=$(ticks "$PID")
      out=$(wrk "${args[@]}" -d"$DUR" "http://127.0.0.1:$PORT${ep#*|}" | sed -n 's/^RESULT //p')
      c1=$(ticks "$PID")
      echo "$out" | awk -v n="$name" -v e="${ep%%|*}" -v k="${enc%%|*}" -v c=$((c1 - c0)) \
        -v hz="$HZ" -v d="${DUR%s}" '{ printf "%-10s %-24s %-6s %9.0f %8.2f %9d %9.1f%s\n",
        n, e, k, $1, $2 / 1000, $3, c / hz * 1e6 / ($1 * d), ($4 > 0 ? "  errors " $4 : "") }'
    done
  done
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=
done
