#!/bin/bash
# regions.sh — what places cost (issue 16): the GB/T 2260 catalogue and
# the reading of typed place names.
#
#   1. bench/regions_bench.c: loading the shipped catalogues, building the
#      resolver's index, and CPU ns per region_resolve() of each kind of
#      cell (code, name, short name, names run together, the export's
#      "name code", ambiguous, unknown with suggestions);
#   2. `chanjiao import organizations` of ROWS rows (default 100 000) whose
#      行政区划代码 is written as codes, then as names (柳州市, 广西柳州,
#      柳州市鱼峰区 … from 40 places), then every row an unknown name
#      (refused, dry run): wall seconds each;
#   3. GET /api/v1/regions over HTTP, one client, keep-alive: the children
#      of a province, the provinces, a city's counties and ?q=柳州, p50/p99
#      of N (default 2000) requests, with the answer cache and without
#      (--no-cache).
#
#   bash bench/regions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CHANJIAO_BIN:-build/chanjiao}
ROWS=${ROWS:-100000}
N=${N:-2000}
OUT=$(mktemp -d)
SRV=
cleanup() {
  if [ -n "$SRV" ]; then kill "$SRV" 2> /dev/null || true; fi
  rm -rf "$OUT"
}
trap cleanup EXIT

echo "== regions: resolver (CPU time per call) =="
LIB=${CJCORE_LIB:-build/libcjcore.a}
# shellcheck source=bench/cjcore.sh
. bench/cjcore.sh
cjcore_cc "$LIB" "$OUT/regions_bench" bench/regions_bench.c
"$OUT/regions_bench" 20000

echo
echo "== regions: import of $ROWS organisations, places as codes / names / unknown =="
python3 - "$ROWS" "$OUT" <<'PY'
import csv, sys
rows, out = int(sys.argv[1]), sys.argv[2]
places = [("450200", "柳州市"), ("450203", "柳州市鱼峰区"), ("450200", "广西柳州"),
          ("450100", "南宁市"), ("450100", "广西壮族自治区 南宁市"), ("450206", "柳江区"),
          ("110105", "北京朝阳区"), ("220104", "长春市朝阳区"), ("360100", "南昌市"),
          ("360100", "江西南昌"), ("430100", "长沙"), ("420100", "武汉市"), ("340100", "合肥市"),
          ("220100", "吉林省长春市"), ("131000", "廊坊市"), ("130100", "石家庄"),
          ("440300", "深圳市"), ("440100", "广州"), ("310115", "上海市浦东新区"),
          ("500112", "重庆市渝北区"), ("510100", "成都市"), ("320500", "苏州市"),
          ("330100", "杭州"), ("370200", "青岛市"), ("210200", "大连市"), ("610100", "西安市"),
          ("450225", "融水苗族自治县"), ("450226", "三江"), ("522600", "黔东南"),
          ("222400", "延边朝鲜族自治州"), ("429004", "湖北仙桃"), ("441900", "东莞市"),
          ("460200", "三亚"), ("650100", "乌鲁木齐市"), ("540100", "拉萨"), ("150200", "包头市"),
          ("640100", "银川市"), ("630100", "西宁"), ("530100", "昆明市"), ("520100", "贵阳")]
for kind in ("codes", "names", "unknown"):
    with open("%s/%s.csv" % (out, kind), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["名称", "单位类型", "行政区划代码"])
        for i in range(rows):
            code, name = places[i % len(places)]
            cell = code if kind == "codes" else name if kind == "names" else "火星%d号基地" % (i % 50)
            w.writerow(["基准地点单位%07d" % i, "企业", cell])
PY
timed() {
  local label=$1 file=$2
  shift 2
  rm -f "$OUT/db.db"*
  cp "$OUT/base.db" "$OUT/db.db"
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" import organizations "$file" --db "$OUT/db.db" "$@" > /dev/null 2> "$OUT/stderr" || true
  t1=$(date +%s.%N)
  printf '%-34s %6.2f s  %8.0f rows/s\n' "$label" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$ROWS / ($t1 - $t0)" | bc -l)"
}
echo 'bench-password-1' | "$BIN" user add --db "$OUT/base.db" --username bench \
  --role platform_admin > /dev/null
timed "codes (450200)" "$OUT/codes.csv"
timed "names (柳州市, 广西柳州 …)" "$OUT/names.csv"
timed "unknown names (refused)" "$OUT/unknown.csv" --dry-run
{ grep -v '%' "$OUT/stderr" || true; } | head -2 | cut -c1-200

echo
echo "== regions: GET /api/v1/regions ($N requests each, one client) =="
run_http() {
  local label=$1
  shift
  rm -f "$OUT/http.db"*
  cp "$OUT/base.db" "$OUT/http.db"
  "$BIN" serve --db "$OUT/http.db" --listen 127.0.0.1:0 "$@" > "$OUT/serve.log" 2>&1 &
  SRV=$!
  local port=
  for _ in $(seq 1 100); do
    port=$(grep -oE '127\.0\.0\.1:[0-9]+' "$OUT/serve.log" | head -1 | cut -d: -f2 || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  echo "-- $label"
  python3 - "$port" "$N" <<'PY'
import http.client, sys, time, urllib.parse
port, n = int(sys.argv[1]), int(sys.argv[2])
paths = [("children of 广西", "/api/v1/regions?parent_code=450000&per_page=100"),
         ("provinces", "/api/v1/regions?level=province&per_page=100"),
         ("counties of 柳州市", "/api/v1/regions?parent_code=450200&per_page=100"),
         ("search 柳州", "/api/v1/regions?per_page=30&q=" + urllib.parse.quote("柳州"))]
c = http.client.HTTPConnection("127.0.0.1", port)
for label, p in paths:
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        c.request("GET", p)
        r = c.getresponse()
        body = r.read()
        ts.append((time.perf_counter() - t) * 1e3)
        assert r.status == 200, r.status
    ts.sort()
    print("%-22s p50 %6.3f ms  p99 %6.3f ms  %6d bytes" % (label, ts[len(ts) // 2],
                                                           ts[int(len(ts) * 0.99)], len(body)))
PY
  kill "$SRV"
  wait "$SRV" 2> /dev/null || true
  SRV=
}
run_http "answer cache on"
run_http "no cache (--no-cache)" --no-cache
