#!/usr/bin/env bash
# soak.sh — SPEC "Trust" (issue 14, "Soak"): mixed reads and writes at a
# fixed rate for a long time; RSS flat, 0 errors, 0 lost writes.
#
# 1. Starts `chanjiao serve --threads 2 --demo` on a new database in a
#    temporary folder (demo data and demo accounts).
# 2. Signs in as the demo secretariat of consortium 1 (bearer token).
# 3. Runs bench/soak_client.c (compiled here, cc -O2): RATE requests/s,
#    open loop (latency counted from when each request was due), WRITES %
#    of them creating an announcement, the rest reading (one announcement
#    written earlier, a page of organisations, the composition).  Every
#    REPORT seconds one line: requests, p50/p99/max latency, errors, late,
#    acknowledged writes, the server's RSS and CPU per request, the load
#    average.  It stops at DURATION even if behind (unsent requests counted).
# 4. At the end it reads every acknowledged write back by id (title
#    compared) and prints how many were lost, and RSS at start and end.
#
#   DURATION=1800 RATE=200 WRITES=20 CONNS=8 REPORT=60 bash bench/soak.sh
#   (DURATION in seconds; also 30m / 2h)
#   BENCH_KEEP=1   keep the temporary folder (database, server log)
# Exits 0 after a completed run even if errors or losses were found (a
# benchmark, not a test): read the last lines.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CHANJIAO_BIN:-build/chanjiao}
DURATION=${DURATION:-1800}
RATE=${RATE:-200}
WRITES=${WRITES:-20}
CONNS=${CONNS:-8}
REPORT=${REPORT:-60}
case "$DURATION" in
  *h) DURATION=$((${DURATION%h} * 3600)) ;;
  *m) DURATION=$((${DURATION%m} * 60)) ;;
  *s) DURATION=${DURATION%s} ;;
esac
[ -x "$BIN" ] || { echo "soak: build first (make build-c)" >&2; exit 1; }

T=$(mktemp -d /tmp/cj-bench-soak.XXXXXX)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "soak: kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

cc -O2 -pthread -o "$T/soak_client" bench/soak_client.c

"$BIN" serve --db "$T/soak.db" --listen 127.0.0.1:0 --threads 2 --demo >"$T/server.log" 2>&1 &
SERVER=$!
PORT=
for _ in $(seq 1 300); do
  PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/server.log" | head -1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER" 2>/dev/null || break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "soak: server did not start:" >&2; cat "$T/server.log" >&2; exit 1; }

LOGIN=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" \
  -H 'Content-Type: application/json' \
  -d '{"username":"liuzhou_sec","password":"secretariat-demo-2026"}')
TOKEN=$(printf '%s' "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
CONS=$(printf '%s' "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["consortium_id"])')

echo "soak: $(git rev-parse --short HEAD 2>/dev/null || echo '?') $BIN, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
"$T/soak_client" 127.0.0.1 "$PORT" "$TOKEN" "$CONS" "$SERVER" "$RATE" "$DURATION" \
  "$WRITES" "$CONNS" "$REPORT" || rc=$?
echo "soak: server $(awk '/^VmHWM/ {printf "peak RSS %.1f MB", $2 / 1024}' /proc/$SERVER/status)," \
  "database $(du -h "$T/soak.db" | cut -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$rc" = 0 ]; then
  echo "soak: OK — 0 errors, 0 lost writes"
else
  echo "soak: NOT OK — see the errors / lost figures above"
fi
exit 0
