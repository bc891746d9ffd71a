#!/usr/bin/env bash
# import_scale.sh — issue 13 "Scale": an import into an instance at the
# issue's scale (1 000 consortia, 10 M demand rows), where talent.sh
# imports into an empty one.  A consortium's demand file of each size in
# SIZES (default 10 000, 100 000 and 1 000 000 rows) is imported with
# `chanjiao import demand --consortium` into consortium CID, CID+1, …
# (each a consortium that already holds its rows), on the SQLite file DB
# and/or the PostgreSQL database PG_URL; wall time, rows/s and peak RSS,
# against the ≤ 15 s target for 1 M rows.
#
#   DB=/tmp/cj-bench-lists.*/lists.db PG_URL=… CID=501 bash bench/import_scale.sh
#
# DB: the file of `ROWS=10000000 CONSORTIA=1000 BENCH_KEEP=1 bash
# bench/lists.sh`; PG_URL: its PostgreSQL counterpart grown by
# lists_grow_pg.sql.  Every enterprise of bench/gen_demand.c is a member
# of every consortium there.  The rows are gen_demand's with the year
# 2027, which no row there has, so every row is new (`--mode upsert`:
# the file's own repeats are counted unchanged).  The imports stay in the
# databases (each run takes further consortia: CID=…).  Always exits 0
# after a completed run (a benchmark, not a test).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BIN=${CHANJIAO_BIN:-build/chanjiao}
SIZES=${SIZES:-10000 100000 1000000}
CID=${CID:-501}
[ -x "$BIN" ] || { echo "import_scale: build first (make build-c)" >&2; exit 1; }
[ -n "${DB:-}${PG_URL:-}" ] || { echo "import_scale: set DB= and/or PG_URL= (see the header)" >&2; exit 1; }
T=$(mktemp -d /tmp/cj-bench-import-scale.XXXXXX)
trap 'rm -rf "$T"' EXIT

cc -O2 -o "$T/gen_demand" bench/gen_demand.c
echo "== import_scale: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) =="
[ -n "${DB:-}" ] && echo "SQLite: $DB ($(du -m "$DB" | cut -f1) MB)"
[ -n "${PG_URL:-}" ] && echo "PostgreSQL: $(psql "$PG_URL" -Atc "SELECT pg_size_pretty(pg_database_size(current_database())) || ', ' || (SELECT count(*) FROM demand) || ' demand rows'")"

for n in $SIZES; do
  "$T/gen_demand" "$n" "$T/raw.csv"
  # The year column (9th; gen_demand writes no quoted field) set to 2027.
  awk -F, -v OFS=, 'NR > 1 { $9 = 2027 } { print }' "$T/raw.csv" > "$T/d$n.csv"
  rm -f "$T/raw.csv"
done

timed() { # label size db consortium
  local start end secs rss
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$T/rss" "$BIN" import demand "$T/d$2.csv" --db "$3" \
    --consortium "$4" --mode upsert > "$T/out" 2> "$T/err" ||
    { echo "$1: the import failed:"; tail -3 "$T/err"; return 0; }
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  printf '%-10s %8d rows into consortium %4d  %7.2f s  %8.0f rows/s  peak RSS %4d MB  %s\n' \
    "$1" "$2" "$4" "$secs" "$(echo "$2 / $secs" | bc -l)" "$(($(tail -1 "$T/rss") / 1024))" \
    "$(grep -o '新建 (created) [0-9]*' "$T/out" || true)"
  if [ "$2" -ge 1000000 ]; then
    echo "           target ≤ 15 s: $(echo "$secs <= 15" | bc -l | sed 's/1/met/;s/0/NOT met/')"
  fi
}

c=$CID
for n in $SIZES; do
  [ -n "${DB:-}" ] && timed SQLite "$n" "$DB" "$c"
  [ -n "${PG_URL:-}" ] && timed PostgreSQL "$n" "$PG_URL" "$c"
  c=$((c + 1))
done
