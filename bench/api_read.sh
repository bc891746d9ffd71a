#!/usr/bin/env bash
# api_read.sh — SPEC "How fast, how big": API read endpoints under 64
# connections ≥ 50 % of what nginx serves for a static file of the same
# size on the same machine, p99 ≤ 10 ms; and the server's idle RSS on the
# register data we have.
#
# For each endpoint: fetch the API response once, write its exact body to
# a file nginx serves (with the same extra headers, so both responses are
# the same size), then `wrk -t2 -c64 -d10s --latency` Chanjiao, then nginx,
# one after the other.  Anonymous (public) requests first; then the same
# endpoints with a bearer token, which adds the per-request session lookup.
# Prints a table and whether each row meets the target; always exits 0 on
# a completed run (a benchmark, not a test).
#
# Usage: bench/api_read.sh            (needs wrk and nginx: make bench
#                                      installs them)
#   CHANJIAO_BIN=path   the binary (default build-bench/, else build/)
#   BENCH_DURATION=10s  wrk duration per run
#   BENCH_CONNECTIONS=64
#   BENCH_AUTH=0        skip the bearer-token rows
#   BENCH_KEEP=1        keep the temporary folder (database, logs)
#   BENCH_NOCACHE=1     serve with --no-cache: every answer built afresh
#                       (the cost of a cache miss, e.g. right after a write)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DUR=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=2
SERVER_CORES=2
P99_TARGET_MS=10
RATIO_TARGET=50

BIN=${CHANJIAO_BIN:-}
if [ -z "$BIN" ]; then
  for b in build-bench build; do
    if [ -x "$ROOT/$b/chanjiao" ]; then BIN=$ROOT/$b/chanjiao; break; fi
  done
fi
missing=()
[ -n "$BIN" ] && [ -x "$BIN" ] || missing+=("chanjiao binary (build first, or set CHANJIAO_BIN)")
command -v wrk >/dev/null || missing+=(wrk)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "api_read: skipped, missing: ${missing[*]}"
  echo "api_read: CHANJIAO_BENCH=1 bash scripts/install-deps.sh installs wrk and nginx-light"
  exit 0
fi

T=$(mktemp -d /tmp/chanjiao-bench.XXXXXX)
chmod 755 "$T" # nginx workers may run as another user
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "api_read: kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

# ---- CPU placement ----------------------------------------------------------
# The servers get 2 cores.  On a 2-core machine wrk runs on the same two
# cores and takes a share of them (as it does for nginx too); with 4 or
# more cores the servers are pinned to cores 0-1 and wrk to the others.
NCPU=$(nproc)
SRV_PIN=()
WRK_PIN=()
if [ "$NCPU" -ge 4 ]; then
  SRV_PIN=(taskset -c 0-$((SERVER_CORES - 1)))
  WRK_PIN=(taskset -c "$SERVER_CORES-$((NCPU - 1))")
  CPU_NOTE="servers pinned to cores 0-$((SERVER_CORES - 1)), wrk to cores $SERVER_CORES-$((NCPU - 1))"
else
  [ "$NCPU" -lt "$SERVER_CORES" ] && SERVER_CORES=$NCPU
  CPU_NOTE="$NCPU cores shared by the server under test and wrk (wrk competes for them)"
fi

# ---- helpers -------------------------------------------------------------------
vmrss() { awk '/^VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$1/status"; }
vmhwm() { awk '/^VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$1/status"; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_chanjiao LOG [args...]: starts the server, sets CJ_PID and CJ_PORT.
start_chanjiao() {
  local log=$1
  shift
  "${SRV_PIN[@]}" "$BIN" serve --db "$T/bench.db" --listen 127.0.0.1:0 --threads "$SERVER_CORES" \
    $([ "${BENCH_NOCACHE:-0}" = 1 ] && echo --no-cache) "$@" \
    >"$log" 2>&1 &
  CJ_PID=$!
  PIDS+=("$CJ_PID")
  CJ_PORT=
  for _ in $(seq 1 300); do
    CJ_PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
    [ -n "$CJ_PORT" ] && return 0
    kill -0 "$CJ_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "api_read: chanjiao did not start:"
  cat "$log"
  exit 1
}

stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# wrk with a Lua summary line: "RESULT req/s p50_us p99_us errors non2xx bytes/req"
cat >"$T/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %d %d %d %d %.0f\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status,
    summary.bytes / math.max(summary.requests, 1)))
end
EOF

# CPU time (clock ticks, user + system) used so far by the given processes.
cpu_ticks() {
  local t=0 p
  for p in "$@"; do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
HZ=$(getconf CLK_TCK)

# run_wrk URL HEADER PID...: prints "rps p50_us p99_us errors non2xx bytes cpu_us_per_req"
# where the last is the server's CPU time (the given processes) per request:
# steadier than req/s when something else shares the machine.
run_wrk() {
  local url=$1 hdr=$2
  shift 2
  local args=(-t"$WRK_THREADS" -c"$CONNS" --latency -s "$T/report.lua")
  [ -n "$hdr" ] && args+=(-H "$hdr")
  "${WRK_PIN[@]}" wrk "${args[@]}" -d1s "$url" >/dev/null 2>&1 || true # warm-up
  local c0 c1 out
  c0=$(cpu_ticks "$@")
  out=$("${WRK_PIN[@]}" wrk "${args[@]}" -d"$DUR" "$url" 2>&1 | sed -n 's/^RESULT //p')
  c1=$(cpu_ticks "$@")
  [ -z "$out" ] && return 0
  echo "$out" | awk -v c=$((c1 - c0)) -v hz="$HZ" -v dur="$DUR" '{
    d = dur + 0; if (dur ~ /m$/) d *= 60;
    n = $1 * d; printf "%s %.1f\n", $0, (n > 0 ? c / hz * 1e6 / n : 0) }'
}

# ---- data -------------------------------------------------------------------------
DATA_NOTE=
if "$BIN" demo --db "$T/bench.db" >"$T/demo.log" 2>&1; then
  DATA_NOTE="demo data (chanjiao demo)"
  NEED_LOAD=0
else
  rm -f "$T/bench.db" "$T/bench.db-wal" "$T/bench.db-shm"
  DATA_NOTE="synthetic (demo data not available: $(tail -1 "$T/demo.log"))"
  NEED_LOAD=1
fi
ADMIN_PW=bench-$$-pw-$RANDOM
echo "$ADMIN_PW" | "$BIN" user add --db "$T/bench.db" --username bench_admin --role platform_admin \
  >"$T/useradd.log" 2>&1 || {
  echo "api_read: cannot create the admin user:"
  cat "$T/useradd.log"
  exit 1
}

if [ "$NEED_LOAD" = 1 ]; then
  start_chanjiao "$T/load.log"
  python3 - "http://127.0.0.1:$CJ_PORT" "$ADMIN_PW" <<'EOF' || exit 1
import json, sys, urllib.request

base, pw = sys.argv[1], sys.argv[2]

def call(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as e:
        sys.exit(f"api_read: {method} {path} -> {e.code} {e.read().decode()[:400]}")

tok = call("POST", "/api/v1/auth/login", {"username": "bench_admin", "password": pw})["token"]

ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def credit_code(n):
    body = "91" + "320500" + f"{n:09d}"[-9:]
    s = sum(ALPHA.index(ch) * w for ch, w in zip(body, W))
    return body + ALPHA[(31 - s % 31) % 31]

cities = [("320500", "苏州市"), ("450200", "柳州市"), ("440300", "深圳市"), ("330100", "杭州市")]
focus = ["高端装备制造", "汽车及零部件", "电子信息", "数字经济"]
cons = []
for i, (code, city) in enumerate(cities):
    c = call("POST", "/api/v1/consortia", {
        "name": f"{city}{focus[i]}市域产教联合体（示例）", "short_name": f"{city[:2]}联合体",
        "kind": "city", "level": "national", "region_code": code, "region_name": city,
        "industry_focus": focus[i], "founded_on": f"2023-0{i + 3}-15",
        "description": f"由{city}人民政府牵头，联合园区、龙头企业、本科高校和职业院校共同组建的示例联合体。" * 2,
        "is_public": True}, tok)
    cons.append(c["id"])

types = (["enterprise"] * 55 + ["higher_vocational"] * 12 + ["secondary_vocational"] * 12 +
         ["undergraduate"] * 6 + ["research_institute"] * 6 + ["industry_association"] * 5 +
         ["government"] * 4)
suffix = {"enterprise": "科技有限公司", "higher_vocational": "职业技术学院",
          "secondary_vocational": "中等专业学校", "undergraduate": "大学",
          "research_institute": "研究院", "industry_association": "行业协会",
          "government": "工业和信息化局"}
roles = ["chair", "vice_chair", "vice_chair", "secretary_general", "deputy_secretary_general"] + \
        ["council_member"] * 20
n = 0
for ci, cid in enumerate(cons):
    code, city = cities[ci]
    for k in range(100):
        n += 1
        t = types[k % len(types)]
        o = call("POST", "/api/v1/organizations", {
            "name": f"{city}示例{n:03d}号{suffix[t]}（虚构）", "short_name": f"示例{n:03d}",
            "type": t, "credit_code": credit_code(n), "region_code": code,
            "address": f"{city}工业园区示例路{n}号", "website": f"https://example{n}.example.cn",
            "contact_name": "张三", "contact_phone": "0512-00000000",
            "contact_email": f"contact{n}@example.cn",
            "description": "示例单位，用于性能测试，不代表真实机构。"}, tok)
        call("POST", "/api/v1/memberships", {
            "consortium_id": cid, "organization_id": o["id"],
            "role": roles[k] if k < len(roles) else "member", "term": 1,
            "joined_on": "2023-06-01"}, tok)
EOF
  stop_pid "$CJ_PID"
fi

# ---- the comparison -------------------------------------------------------------------
ENDPOINTS=(
  "composition (small)|/api/v1/consortia/1/composition"
  "consortia (list)|/api/v1/consortia"
  "organizations p.1 (20)|/api/v1/organizations?per_page=20"
  "council (larger)|/api/v1/consortia/1/council"
)

start_chanjiao "$T/serve.log"
sleep 1
RSS_START=$(vmrss "$CJ_PID")
BASE="http://127.0.0.1:$CJ_PORT"

TOKEN=
if [ "${BENCH_AUTH:-1}" = 1 ]; then
  TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench_admin\",\"password\":\"$ADMIN_PW\"}" "$BASE/api/v1/auth/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("token",""))' 2>/dev/null || true)
  [ -z "$TOKEN" ] && echo "api_read: login failed; bearer-token rows skipped"
fi

# What the database holds (as the admin sees it).
if [ -n "$TOKEN" ]; then
  COUNTS=$(for e in consortia organizations memberships agreements; do
    curl -s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/$e?per_page=1" |
      python3 -c "import json,sys; print('$e', json.load(sys.stdin).get('total','?'))" 2>/dev/null
  done | paste -sd, | sed 's/,/, /g')
  DATA_NOTE="$DATA_NOTE; $COUNTS"
fi

# Fetch every body first (the nginx files), then load Chanjiao, then nginx.
mkdir -p "$T/www" "$T/tmp"
ROWS=()
i=0
for auth in anon bearer; do
  [ "$auth" = bearer ] && [ -z "$TOKEN" ] && continue
  for ep in "${ENDPOINTS[@]}"; do
    name=${ep%%|*} path=${ep#*|}
    hdr=
    [ "$auth" = bearer ] && hdr="Authorization: Bearer $TOKEN"
    i=$((i + 1))
    curl_h=()
    [ -n "$hdr" ] && curl_h=(-H "$hdr")
    code=$(curl -s -o "$T/www/b$i.json" -w '%{http_code}' "${curl_h[@]}" "$BASE$path")
    if [ "$code" != 200 ]; then
      echo "api_read: $auth GET $path -> $code: $(head -c 300 "$T/www/b$i.json")"
      continue
    fi
    ROWS+=("$i|$auth|$name|$path|$hdr")
  done
done

declare -A CJ NG
# Reset the peak (VmHWM) so it shows the load, not the login: verifying a
# password with Argon2id takes 64 MB for a moment.
echo 5 >"/proc/$CJ_PID/clear_refs" 2>/dev/null || true
for row in "${ROWS[@]}"; do
  IFS='|' read -r i auth name path hdr <<<"$row"
  CJ[$i]=$(run_wrk "$BASE$path" "$hdr" "$CJ_PID")
done
sleep 1
RSS_AFTER=$(vmrss "$CJ_PID")
HWM=$(vmhwm "$CJ_PID")
CJ_THREADS=$(awk '/^Threads/ {print $2}' "/proc/$CJ_PID/status")
stop_pid "$CJ_PID"

NG_PORT=$(free_port)
sed -e "s#@DIR@#$T#g" -e "s#@PORT@#$NG_PORT#g" -e "s#@WORKERS@#$SERVER_CORES#g" \
  "$HERE/nginx.conf.in" >"$T/nginx.conf"
chmod -R a+rX "$T/www"
"${SRV_PIN[@]}" "$NGINX" -p "$T" -c "$T/nginx.conf" -e "$T/nginx-error.log" >"$T/nginx.log" 2>&1 &
NG_PID=$!
PIDS+=("$NG_PID")
for _ in $(seq 1 50); do
  curl -s -o /dev/null "http://127.0.0.1:$NG_PORT/b1.json" 2>/dev/null && break
  sleep 0.1
done
# Identical bodies (same bytes) are measured once.
declare -A SEEN
for row in "${ROWS[@]}"; do
  IFS='|' read -r i auth name path hdr <<<"$row"
  sum=$(md5sum <"$T/www/b$i.json" | cut -c1-32)
  if [ -n "${SEEN[$sum]:-}" ]; then
    NG[$i]=${NG[${SEEN[$sum]}]}
    continue
  fi
  SEEN[$sum]=$i
  size=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$NG_PORT/b$i.json")
  if [ "$size" != "$(stat -c %s "$T/www/b$i.json")" ]; then
    echo "api_read: nginx did not serve b$i.json:"
    cat "$T/nginx-error.log" "$T/nginx.log" 2>/dev/null | tail -5
  fi
  NG[$i]=$(run_wrk "http://127.0.0.1:$NG_PORT/b$i.json" "" "$NG_PID" $(pgrep -P "$NG_PID"))
done
stop_pid "$NG_PID"

# ---- report ------------------------------------------------------------------------------
echo "== api_read: Chanjiao API reads vs nginx static file of the same bytes =="
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $NCPU cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
echo "cpu:      $CPU_NOTE"
echo "load:     wrk -t$WRK_THREADS -c$CONNS -d$DUR --latency (after a 1 s warm-up); chanjiao --threads $SERVER_CORES, nginx worker_processes $SERVER_CORES"
echo "binary:   $BIN"
echo "data:     $DATA_NOTE"
echo
python3 - "$P99_TARGET_MS" "$RATIO_TARGET" <<EOF
import sys
p99_target, ratio_target = float(sys.argv[1]), float(sys.argv[2])
rows = """$(for row in "${ROWS[@]}"; do
  IFS='|' read -r i auth name path hdr <<<"$row"
  echo "$auth|$name|$(stat -c %s "$T/www/b$i.json")|${CJ[$i]:-}|${NG[$i]:-}"
done)""".strip().splitlines()
hdr = f"{'caller':<6} {'endpoint':<23} {'body B':>7} {'cj req/s':>9} {'ngx req/s':>9} {'ratio':>6} {'cj p50':>7} {'cj p99':>7} {'ngx p50':>7} {'ngx p99':>7} {'cj cpu':>7} {'ngx cpu':>7}  target"
print(hdr)
print("-" * len(hdr))
met = total = 0
for r in rows:
    auth, name, size, cj, ng = r.split("|")
    cj, ng = cj.split(), ng.split()
    if len(cj) < 7 or len(ng) < 7:
        print(f"{auth:<6} {name:<23} {size:>7}  (no result)")
        continue
    crps, cp50, cp99, cerr, cnon2xx = float(cj[0]), int(cj[1]) / 1000, int(cj[2]) / 1000, int(cj[3]), int(cj[4])
    nrps, np50, np99 = float(ng[0]), int(ng[1]) / 1000, int(ng[2]) / 1000
    ccpu, ncpu = float(cj[6]), float(ng[6])
    ratio = 100 * crps / nrps if nrps else 0
    ok = ratio >= ratio_target and cp99 <= p99_target and cerr == 0 and cnon2xx == 0
    why = []
    if ratio < ratio_target: why.append(f"ratio < {ratio_target:.0f} %")
    if cp99 > p99_target: why.append(f"p99 > {p99_target:.0f} ms")
    if cerr or cnon2xx: why.append(f"{cerr} socket errors, {cnon2xx} non-2xx")
    total += 1
    met += ok
    print(f"{auth:<6} {name:<23} {size:>7} {crps:>9.0f} {nrps:>9.0f} {ratio:>5.0f}% "
          f"{cp50:>5.2f}ms {cp99:>5.2f}ms {np50:>5.2f}ms {np99:>5.2f}ms {ccpu:>5.0f}us {ncpu:>5.0f}us  "
          + ("meets" if ok else "MISSES (" + ", ".join(why) + ")"))
print("\nlatencies from wrk; cpu = server CPU time (user + system) per request")
print(f"target (SPEC): >= {ratio_target:.0f} % of nginx req/s and p99 <= {p99_target:.0f} ms; met by {met} of {total} rows")
EOF
echo
echo "chanjiao RSS: idle after start $RSS_START; idle after the load $RSS_AFTER; peak under the load $HWM ($CJ_THREADS threads)"
echo "  (not counted above: each login's Argon2id check takes 64 MB while it runs)"
echo "database: $(du -h "$T/bench.db" | cut -f1) (+ WAL $(du -h "$T/bench.db-wal" 2>/dev/null | cut -f1 || echo 0))"
exit 0
