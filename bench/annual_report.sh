#!/usr/bin/env bash
# annual_report.sh — how long Liuzhou's annual report takes in each
# format, on the demo data: json, html and xlsx (median of 5 requests
# each, the server's answer cache off so every answer is built afresh),
# and the PDF cold (Chromium prints it) and cached (the same HTML again).
# Anonymous caller, the demo's latest year with records.  Prints a table;
# exits 0 on a completed run (a benchmark, not a test).
#
# Usage: bench/annual_report.sh [path/to/chanjiao]
#   BENCH_YEAR=2026   the report's year
#   BENCH_RUNS=5      requests per format
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${1:-${CHANJIAO_BIN:-$ROOT/build/chanjiao}}
YEAR=${BENCH_YEAR:-2026}
RUNS=${BENCH_RUNS:-5}
TMP=$(mktemp -d)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2> /dev/null && wait "$PID" 2> /dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

"$BIN" serve --db "$TMP/b.db" --listen 127.0.0.1:0 --web "" --demo --no-cache \
  > "$TMP/out" 2> "$TMP/err" &
PID=$!
PORT=
for _ in $(seq 1 600); do
  PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMP/out" | head -1)
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "server did not start"; cat "$TMP/err"; exit 1; }
URL="http://127.0.0.1:$PORT/api/v1/consortia/1/annual-report?year=$YEAR"

ms() { # ms FORMAT → one request's total time in ms, and its size
  curl -s -o "$TMP/body" -w '%{http_code} %{time_total} %{size_download}\n' "$URL&format=$1" |
    awk '{ if ($1 != 200) { print "HTTP " $1 > "/dev/stderr"; exit 1 } printf "%.1f %d\n", $2 * 1000, $3 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '%-14s %10s %10s\n' format ms bytes
for f in json html xlsx; do
  ms "$f" > /dev/null # warm the connection and the statements
  : > "$TMP/times"
  size=0
  for _ in $(seq 1 "$RUNS"); do
    read -r t size < <(ms "$f")
    echo "$t" >> "$TMP/times"
  done
  printf '%-14s %10s %10s\n' "$f" "$(median < "$TMP/times")" "$size"
done
if command -v chromium > /dev/null; then
  read -r cold size < <(ms pdf)
  printf '%-14s %10s %10s\n' "pdf (cold)" "$cold" "$size"
  : > "$TMP/times"
  for _ in $(seq 1 "$RUNS"); do
    read -r t size < <(ms pdf)
    echo "$t" >> "$TMP/times"
  done
  printf '%-14s %10s %10s\n' "pdf (cached)" "$(median < "$TMP/times")" "$size"
else
  echo "pdf: chromium not installed"
fi
echo "($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), year $YEAR, median of $RUNS)"
