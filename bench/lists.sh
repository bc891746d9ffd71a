#!/usr/bin/env bash
# lists.sh — issue 13 "Scale": an uncached list page with its exact total
# ≤ 20 ms, first page, deep page, sorted, filtered and with q=, on both
# backends.
#
# 1. ROWS demand rows (default 1 000 000) in one consortium, the worst
#    case, built as bench/search.sh builds them (bench/gen_demand.c, then
#    bench/search_bench.c `load`: the store's own migrations, triggers and
#    search index; 95 % published, 3 % drafts, 2 % closed).  Two accounts:
#    a platform admin (no visibility condition) and the consortium's
#    secretariat (the visibility conditions a member's list carries).
# 2. `chanjiao serve --no-cache` (every answer computed) on the SQLite file
#    and — unless PG_BENCH=0 — on a throw-away PostgreSQL cluster
#    (tests/pg/cluster.sh) the file is copied into with `chanjiao store
#    copy`; each list is asked REPS times over one keep-alive connection
#    after one untimed request, and p50/p99 (the worst at REPS < 100) and
#    the total are printed, with whether the ≤ 20 ms target is met.
# Always exits 0 after a completed run (a benchmark, not a test).
#
# With CONSORTIA=N the rows are spread over N consortia (issue 13's
# 1 000 consortia and 10 M rows: ROWS=10000000 CONSORTIA=1000), every
# enterprise a member of each, and the lists are those of consortium CID
# (default the middle one); "deep page" is then 4/5 of the way through it.
# Besides the lists, three searches (GET /api/v1/search: a common word, a
# rare one, the most generic) and the gap analysis of CID for 2025.
#
#   ROWS=1000000 REPS=20 PG_BENCH=1 bash bench/lists.sh
#   DB=path        reuse a database an earlier run kept (skips 1; it must
#                  hold the two accounts of BENCH_KEEP's run)
#   PG_URL=url     a PostgreSQL database the file was copied into already
#                  (skips the cluster and the copy); SQLITE_BENCH=0 skips SQLite
#   BENCH_KEEP=1   keep the temporary folder (database, logs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${CHANJIAO_BIN:-build/chanjiao}
LIB=$(dirname "$BIN")/libcjcore.a
ROWS=${ROWS:-1000000}
REPS=${REPS:-20}
CONSORTIA=${CONSORTIA:-1}
CID=${CID:-$(((CONSORTIA + 1) / 2))}
if [ "$CONSORTIA" = 1 ]; then DEEP=${DEEP:-3000}; else DEEP=${DEEP:-$((ROWS / CONSORTIA / 20 * 4 / 5))}; fi
PG_BENCH=${PG_BENCH:-1}
[ -x "$BIN" ] && { [ -n "${DB:-}" ] || [ -f "$LIB" ]; } ||
  { echo "lists: build first (make build-c)" >&2; exit 1; }

# shellcheck source=bench/serve_lib.sh
. "$ROOT/bench/serve_lib.sh"
bench_setup lists

echo "== lists: $ROWS rows over $CONSORTIA consortia (lists of consortium $CID), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), SQLite $(pkg-config --modversion sqlite3) =="
if [ -n "${DB:-}" ]; then
  echo "using $DB"
else
  cc -O2 -o "$T/gen_demand" bench/gen_demand.c
  # shellcheck source=bench/cjcore.sh
  . bench/cjcore.sh
  cjcore_cc "$LIB" "$T/search_bench" bench/search_bench.c
  DB=$T/lists.db
  "$T/gen_demand" "$ROWS" "$T/demand.csv"
  "$T/search_bench" load "$DB" "$T/demand.csv" "$CONSORTIA" 2> "$T/load.log"
  rm -f "$T/demand.csv"
  echo 'bench-password-1' | "$BIN" user add --db "$DB" --username bench_admin \
    --role platform_admin > /dev/null
  echo 'bench-password-1' | "$BIN" user add --db "$DB" --username bench_sec \
    --role secretariat --consortium "$CID" > /dev/null
fi
echo "database: $(du -m "$DB" | cut -f1) MB"

# The lists: label and path (q= 焊装, in 10 % of the rows: the public
# ones from the search index, the rest by LIKE; q=PLC, in 11 %: the public
# rows holding its trigram from the index, each checked by LIKE; q=装调工
# names five occupations: their rows in the consortium, whatever their text).
Q='%E7%84%8A%E8%A3%85' # 焊装
LISTS=(
  "first page|/api/v1/demand?consortium_id=$CID&per_page=20"
  "deep page (page=$DEEP)|/api/v1/demand?consortium_id=$CID&per_page=20&page=$DEEP"
  "sort=-headcount|/api/v1/demand?consortium_id=$CID&per_page=20&sort=-headcount"
  "sort=job_title page=50|/api/v1/demand?consortium_id=$CID&per_page=20&sort=job_title&page=50"
  "filter kind=internship|/api/v1/demand?consortium_id=$CID&per_page=20&kind=internship"
  "filter status=draft|/api/v1/demand?consortium_id=$CID&per_page=20&status=draft"
  "q=焊装|/api/v1/demand?consortium_id=$CID&per_page=20&q=$Q"
  "q=焊装 page=100|/api/v1/demand?consortium_id=$CID&per_page=20&q=$Q&page=100"
  "q=PLC (Latin: trigrams)|/api/v1/demand?consortium_id=$CID&per_page=20&q=PLC"
  "q=装调工 (occupations' name)|/api/v1/demand?consortium_id=$CID&per_page=20&q=%E8%A3%85%E8%B0%83%E5%B7%A5"
  "search 焊装|/api/v1/search?consortium=$CID&q=$Q"
  "search 一体化压铸 (rare)|/api/v1/search?consortium=$CID&q=%E4%B8%80%E4%BD%93%E5%8C%96%E5%8E%8B%E9%93%B8"
  "search 工作 (in 65 %)|/api/v1/search?consortium=$CID&q=%E5%B7%A5%E4%BD%9C"
  "gap by occupation 2025|/api/v1/consortia/$CID/gap?by=occupation&period=2025"
)

measure() { # measure BACKEND: each list as the admin, then as the secretariat
  local items=() who item
  for who in admin=bench_admin secretariat=bench_sec; do
    for item in "${LISTS[@]}"; do items+=("$who|$item"); done
  done
  python3 "$ROOT/bench/timed_gets.py" "$1" "$PORT" "$REPS" "${items[@]}"
}

measure_both "$DB"
