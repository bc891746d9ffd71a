#!/usr/bin/env bash
# bookings.sh — what the overbooking check costs an approval (issue 11):
# PATCH /api/v1/facility-bookings/{id} {"status":"approved"} on a facility
# that already holds 10 000 approved bookings (one hour each, back to back
# over fourteen months, loaded through the CLI import, which sweeps every
# row like an approval).  Each approval runs the overlap query on the
# (facility_id, starts_utc) index and the sweep inside its BEGIN IMMEDIATE
# transaction.  Prints the import's wall time and the approval latency
# (client-side, one keep-alive connection) p50 / p99 / max over N
# approvals of bookings spread over the same range.  Always exits 0 (a
# benchmark, not a test).  Then the cost of lowering the facility's
# stations, which sweeps all its approved future bookings.
#
# Usage: bench/bookings.sh
#   CHANJIAO_BIN=path   the build (default build/chanjiao)
#   BOOKINGS=10000      approved bookings on the facility
#   N=300               approvals measured
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${CHANJIAO_BIN:-$ROOT/build/chanjiao}
BOOKINGS=${BOOKINGS:-10000}
N=${N:-300}
T=$(mktemp -d /tmp/cj-bench-bookings-XXXXXX)
PID=
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$T"' EXIT

"$BIN" demo --db "$T/b.db" >/dev/null
# The facility: 5 stations, owned by 上汽通用五菱 (a member of consortium 1).
cat >"$T/fac.csv" <<CSV
所属单位,名称,类型,工位数,运行状态
上汽通用五菱汽车股份有限公司,基准测试实训基地,实训基地,5,运行
CSV
"$BIN" import facilities "$T/fac.csv" --db "$T/b.db" --consortium 1 >/dev/null
python3 - "$T/book.csv" "$BOOKINGS" <<'PY'
import sys, datetime
path, n = sys.argv[1], int(sys.argv[2])
t0 = datetime.datetime(2030, 1, 1, 0, 0)
with open(path, "w", encoding="utf-8") as f:
    f.write("资源,预约单位,开始时间,结束时间,工位数,用途,状态\n")
    for i in range(n):
        s = t0 + datetime.timedelta(hours=i)
        e = s + datetime.timedelta(hours=1)
        f.write("基准测试实训基地,柳州职业技术大学,%s+08:00,%s+08:00,1,教学,已批准\n"
                % (s.strftime("%Y-%m-%dT%H:%M:%S"), e.strftime("%Y-%m-%dT%H:%M:%S")))
PY
start=$(date +%s.%N)
"$BIN" import facility-bookings "$T/book.csv" --db "$T/b.db" --consortium 1 >/dev/null
end=$(date +%s.%N)
printf 'import of %d approved bookings (each swept): %.2f s\n' "$BOOKINGS" "$(echo "$end - $start" | bc)"

"$BIN" serve --db "$T/b.db" --demo --listen 127.0.0.1:0 --web "" >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do
  PORT=$(grep -o '127.0.0.1:[0-9]*' "$T/out" 2>/dev/null | head -1 | cut -d: -f2 || true)
  [ -n "$PORT" ] && break
  sleep 0.1
done

python3 - "$PORT" "$N" "$BOOKINGS" <<'PY'
import http.client, json, random, sys, time, datetime
port, n, total = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
c = http.client.HTTPConnection("127.0.0.1", port)
def call(method, path, body=None, token=None):
    h = {"Content-Type": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    c.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=h)
    r = c.getresponse()
    return r.status, json.loads(r.read() or b"null")
st, b = call("POST", "/api/v1/auth/login", {"username": "admin", "password": "admin-demo-2026"})
tok = b["token"]
st, b = call("GET", "/api/v1/facilities?consortium_id=1&per_page=500", token=tok)
fid = next(f["id"] for f in b["items"] if f["name"] == "基准测试实训基地")
st, b = call("GET", "/api/v1/organizations?name=%E6%9F%B3%E5%B7%9E%E8%81%8C%E4%B8%9A%E6%8A%80%E6%9C%AF%E5%A4%A7%E5%AD%A6", token=tok)
org = b["items"][0]["id"]
random.seed(11)
t0 = datetime.datetime(2030, 1, 1)
ids = []
for i in range(n):
    s = t0 + datetime.timedelta(hours=random.randrange(total), minutes=15)
    e = s + datetime.timedelta(minutes=30)
    st, b = call("POST", "/api/v1/facility-bookings", {
        "consortium_id": 1, "facility_id": fid, "organization_id": org,
        "starts_at": s.strftime("%Y-%m-%dT%H:%M:%S+08:00"), "ends_at": e.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
        "stations": 1, "purpose": "teaching"}, token=tok)
    assert st == 201, (st, b)
    ids.append(b["id"])
lat, ok = [], 0
for bid in ids:
    a = time.perf_counter()
    st, b = call("PATCH", "/api/v1/facility-bookings/%d" % bid, {"status": "approved"}, token=tok)
    lat.append((time.perf_counter() - a) * 1000)
    ok += st == 200
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print("approvals on a facility with %d approved bookings: %d ok of %d" % (total, ok, n))
print("approval latency ms: p50 %.2f  p99 %.2f  max %.2f" % (q(0.50), q(0.99), lat[-1]))
# Lowering the facility's stations re-checks every approved future booking
# (all of them: they lie in 2030-31) for their peak; raising is not
# checked.  Time the lowering PATCHes only.
low = []
for i in range(min(n, 100)):
    a = time.perf_counter()
    st, b = call("PATCH", "/api/v1/facilities/%d" % fid, {"stations": 4}, token=tok)
    low.append((time.perf_counter() - a) * 1000)
    assert st == 200, (st, b)
    st, b = call("PATCH", "/api/v1/facilities/%d" % fid, {"stations": 5}, token=tok)
    assert st == 200, (st, b)
low.sort()
q = lambda p: low[min(len(low) - 1, int(p * len(low)))]
print("lowering stations over %d approved future bookings, %d PATCHes: ms p50 %.2f  p99 %.2f  "
      "max %.2f" % (total + ok, len(low), q(0.50), q(0.99), low[-1]))
PY
