#!/usr/bin/env bash
# find.sh — what ?q= costs on the lists now that it reaches the names of
# linked records (store.h, store_query.q): memberships found by their
# unit's name, demand by its enterprise's or occupation's name, the
# crosswalk by its majors' and occupations' names.
#
# Data as bench/talent.sh builds it: 1 000 enterprises and 1 500 schools
# (基准企业000001 …, 基准学院000001 …), all members of one consortium; ROWS
# demand rows (default 200 000) from bench/gen_talent.py; a crosswalk over
# the whole major catalogue.  The server runs with --no-cache (every answer
# computed) and each request is timed over one keep-alive connection,
# signed in as a platform admin (the widest statement: every linked name).
# Beside each q, the same list without q, for scale.  Prints p50/p99 per
# request; always exits 0 after a completed run (a benchmark, not a test).
#
#   ROWS=200000 N=30 bash bench/find.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/chanjiao}
ROWS=${ROWS:-200000}
N=${N:-30}
OUT=$(mktemp -d /tmp/cj-bench-find.XXXXXX)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$OUT"' EXIT
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
command -v sqlite3 > /dev/null || { echo "needs sqlite3 (make bench installs it)" >&2; exit 1; }

echo "== find: q over linked names; 2 500 units, $ROWS demand rows =="
python3 bench/gen_talent.py orgs 1000 1500 "$OUT/orgs.csv"
python3 bench/gen_talent.py members 1000 1500 "$OUT/members.csv"
python3 bench/gen_talent.py demand 1000 "$ROWS" "$OUT/demand.csv"
db="$OUT/find.db"
echo 'bench-password-1' | "$BIN" user add --db "$db" --username bench --role platform_admin > /dev/null
sqlite3 "$db" "INSERT INTO consortia(name,kind,level,is_public,created_at,updated_at)
               VALUES('基准联合体','city','municipal',1,'2026-01-01T00:00:00Z','2026-01-01T00:00:00Z')"
"$BIN" import organizations "$OUT/orgs.csv" --db "$db" > /dev/null
"$BIN" import members "$OUT/members.csv" --db "$db" --consortium 1 > /dev/null
"$BIN" import demand "$OUT/demand.csv" --db "$db" --consortium 1 > /dev/null
python3 - "$OUT/xw.csv" <<'PY'
import csv, random, sys
rnd = random.Random(7)
occ = [r["code"] for r in csv.DictReader(open("src/reference/occupations_2022.csv", encoding="utf-8")) if r["level"] == "occupation"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("major_code,occupation_code,weight\n")
    for r in csv.DictReader(open("src/reference/majors_2021.csv", encoding="utf-8")):
        for o in rnd.sample(occ, rnd.randint(1, 3)):
            f.write("%s,%s\n" % (r["code"], o))
PY
"$BIN" import crosswalk "$OUT/xw.csv" --db "$db" --consortium 1 > /dev/null
echo "rows: memberships $(sqlite3 "$db" 'SELECT count(*) FROM memberships'), demand $(sqlite3 "$db" 'SELECT count(*) FROM demand'), crosswalk $(sqlite3 "$db" 'SELECT count(*) FROM crosswalk')"

"$BIN" serve --db "$db" --listen 127.0.0.1:0 --no-cache --web "" > "$OUT/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q 'listening on' "$OUT/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/serve.log")
python3 - "$port" "$N" <<'PY'
import http.client, json, sys, time
from urllib.parse import quote
port, n = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port)
c.request("POST", "/api/v1/auth/login", json.dumps({"username": "bench", "password": "bench-password-1"}),
          {"Content-Type": "application/json"})
r = c.getresponse()
tok = json.loads(r.read())["token"]
H = {"Authorization": "Bearer " + tok}
def timed(path):
    t = []
    for _ in range(n):
        s = time.perf_counter()
        c.request("GET", path, headers=H)
        r = c.getresponse()
        body = r.read()
        t.append((time.perf_counter() - s) * 1000)
        assert r.status == 200, (path, r.status, body[:200])
    t.sort()
    return t[len(t) // 2], t[int(len(t) * 0.99) - 1 if n >= 100 else -1], json.loads(body)["total"]
for label, path in (
        ("memberships, no q", "/api/v1/memberships?consortium_id=1"),
        ("memberships q=企业000777 (one unit)", "/api/v1/memberships?consortium_id=1&q=" + quote("企业000777")),
        ("memberships q=基准学院 (1 500 units)", "/api/v1/memberships?consortium_id=1&q=" + quote("基准学院")),
        ("memberships q=无此单位 (none)", "/api/v1/memberships?consortium_id=1&q=" + quote("无此单位")),
        ("memberships q=基准联合体 (unfiltered)", "/api/v1/memberships?q=" + quote("基准联合体")),
        ("demand, no q", "/api/v1/demand?consortium_id=1"),
        ("demand q=基准企业000777 (its rows)", "/api/v1/demand?consortium_id=1&q=" + quote("基准企业000777")),
        ("demand q=汽车 (titles, names)", "/api/v1/demand?consortium_id=1&q=" + quote("汽车")),
        ("demand q=无此单位 (none)", "/api/v1/demand?consortium_id=1&q=" + quote("无此单位")),
        ("crosswalk q=新能源汽车技术", "/api/v1/crosswalk?consortium_id=1&q=" + quote("新能源汽车技术")),
        ("votes q=企业000777", "/api/v1/votes?q=" + quote("企业000777"))):
    p50, worst, total = timed(path)
    print("%-40s p50 %8.1f ms  max %8.1f ms  (total %d)" % (label, p50, worst, total))
PY
kill $PID; wait $PID 2>/dev/null || true; PID=
