#!/usr/bin/env bash
# The measures library (issue 12): every measure of GET /api/v1/measures for
# one consortium-year, through HTTP with the answer cache off (--no-cache),
#   1. on the demo (consortium 1, 广西（柳州）汽车产教联合体, year 2025);
#   2. on a synthetic consortium with 1 M published demand rows (period
#      2025; bench/gen_talent.py, as bench/talent.sh) and 100 000 supply
#      rows, cut-off 2025-06-30.
# Prints each measure's median time over REPS runs (server wall time as the
# client sees it) and the whole library's sum; target: the library for one
# consortium-year ≤ 200 ms on 1 M demand rows.  ROWS=... overrides 1 M.
# The synthetic consortium has no crosswalk (gap coverage is 0 there: the
# gap itself is timed by bench/talent.sh) and no other records.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/chanjiao}
ROWS=${ROWS:-1000000}
REPS=${REPS:-7}
OUT=$(mktemp -d /tmp/cj-bench-measures.XXXXXX)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$OUT"' EXIT
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
command -v sqlite3 > /dev/null || { echo "needs sqlite3 (make bench installs it)" >&2; exit 1; }

serve() { # db [--demo]: starts the server, sets PID and PORT
  : > "$OUT/serve.log"
  "$BIN" serve --db "$1" --listen 127.0.0.1:0 --no-cache --web "" ${2:-} > "$OUT/serve.log" 2>&1 &
  PID=$!
  for _ in $(seq 200); do grep -q 'listening on' "$OUT/serve.log" && break; sleep 0.1; done
  PORT=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/serve.log")
}

measure_all() { # port user password cid year cutoff label
  python3 - "$@" <<'PY'
import http.client, json, statistics, sys, time
port, user, pw, cid, year, cutoff, label = sys.argv[1:8]
reps = int(__import__("os").environ.get("REPS", "7"))
c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=120)
c.request("POST", "/api/v1/auth/login", json.dumps({"username": user, "password": pw}),
          {"Content-Type": "application/json"})
r = c.getresponse(); tok = json.loads(r.read())["token"]
h = {"Authorization": "Bearer " + tok}
c.request("GET", "/api/v1/measures"); lib = json.loads(c.getresponse().read())["items"]
total = 0.0
print("-- %s: consortium %s, year %s, cut-off %s, %d measures, median of %d --"
      % (label, cid, year, cutoff, len(lib), reps))
for m in lib:
    path = "/api/v1/consortia/%s/measures/%s?year=%s&cutoff=%s" % (cid, m["key"], year, cutoff)
    times, value = [], None
    for _ in range(reps):
        t = time.perf_counter()
        c.request("GET", path, headers=h)
        r = c.getresponse(); body = json.loads(r.read())
        times.append((time.perf_counter() - t) * 1000)
        assert r.status == 200, (m["key"], body)
        value = body["value"]
    med = statistics.median(times)
    total += med
    print("%-28s %8.2f ms   value %s" % (m["key"], med, value))
print("%-28s %8.2f ms   target ≤ 200 ms: %s" % ("whole library", total, "met" if total <= 200 else "NOT met"))
PY
}

echo "== measures: the demo =="
serve "$OUT/demo.db" --demo
measure_all "$PORT" admin admin-demo-2026 1 2025 2025-12-31 "demo"
kill $PID; wait $PID 2>/dev/null || true; PID=

echo "== measures: $ROWS demand rows =="
python3 bench/gen_talent.py orgs 1000 1500 "$OUT/orgs.csv"
python3 bench/gen_talent.py members 1000 1500 "$OUT/members.csv"
python3 bench/gen_talent.py demand 1000 "$ROWS" "$OUT/demand.csv"
python3 bench/gen_talent.py supply 1500 100000 "$OUT/supply.csv"
db="$OUT/big.db"
echo 'bench-password-1' | "$BIN" user add --db "$db" --username bench --role platform_admin > /dev/null
sqlite3 "$db" "INSERT INTO consortia(name,kind,level,is_public,created_at,updated_at)
               VALUES('基准联合体','city','municipal',1,'2026-01-01T00:00:00Z','2026-01-01T00:00:00Z')"
"$BIN" import organizations "$OUT/orgs.csv" --db "$db" > /dev/null
"$BIN" import members "$OUT/members.csv" --db "$db" --consortium 1 > /dev/null
"$BIN" import demand "$OUT/demand.csv" --db "$db" --consortium 1 > /dev/null 2>&1
"$BIN" import supply "$OUT/supply.csv" --db "$db" --consortium 1 > /dev/null 2>&1
echo "rows: demand $(sqlite3 "$db" 'SELECT count(*) FROM demand'), supply $(sqlite3 "$db" 'SELECT count(*) FROM supply'), members $(sqlite3 "$db" 'SELECT count(*) FROM memberships')"
serve "$db"
measure_all "$PORT" bench bench-password-1 1 2025 2025-06-30 "1 M demand"
