#!/usr/bin/env bash
# store_copy.sh — `chanjiao store copy` both ways (issue 13): a SQLite file
# of ROWS demand rows (default 200 000) copied into a new PostgreSQL
# database, and that database copied back into a new SQLite file.
#
# 1. ROWS demand rows over CONSORTIA consortia (default 10), built as
#    bench/lists.sh builds them (bench/gen_demand.c, then
#    bench/search_bench.c `load`: the store's own migrations, triggers and
#    search index; 95 % published).
# 2. A throw-away PostgreSQL cluster (tests/pg/cluster.sh); `store copy
#    --from FILE --to URL`, then `store copy --from URL --to NEW.db`.  Each
#    command's whole time is measured — opening and migrating both sides,
#    the copy in one transaction, rebuilding the search indexes and the
#    check of every table on both sides before the commit — with its peak
#    RSS, and the rows it reports copied (all tables) per second.
# Always exits 0 after a completed run (a benchmark, not a test), unless a
# copy fails.
#
#   ROWS=200000 CONSORTIA=10 bash bench/store_copy.sh
#   BENCH_KEEP=1   keep the temporary folder (databases, logs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${CHANJIAO_BIN:-build/chanjiao}
LIB=$(dirname "$BIN")/libcjcore.a
ROWS=${ROWS:-200000}
CONSORTIA=${CONSORTIA:-10}
if [ ! -x "$BIN" ] || [ ! -f "$LIB" ]; then echo "store_copy: build first (make build-c)" >&2; exit 1; fi
ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 ||
  { echo "store_copy: no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }

T=$(mktemp -d /tmp/cj-bench-copy.XXXXXX)
chmod 755 "$T"
PGDIR=
cleanup() {
  if [ -n "$PGDIR" ]; then "$ROOT/tests/pg/cluster.sh" stop "$PGDIR" > /dev/null 2>&1 || true; fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "store_copy: kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

echo "== store copy: $ROWS demand rows over $CONSORTIA consortia, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), SQLite $(pkg-config --modversion sqlite3), PostgreSQL $(pg_config --version | cut -d' ' -f2) =="
cc -O2 -o "$T/gen_demand" bench/gen_demand.c
# shellcheck source=bench/cjcore.sh
. bench/cjcore.sh
cjcore_cc "$LIB" "$T/search_bench" bench/search_bench.c
DB=$T/from.db
"$T/gen_demand" "$ROWS" "$T/demand.csv"
"$T/search_bench" load "$DB" "$T/demand.csv" "$CONSORTIA" 2> "$T/load.log" | tail -1
rm -f "$T/demand.csv"
echo "database: $(du -m "$DB" | cut -f1) MB"
PGDIR=$T/pg
URL=$("$ROOT/tests/pg/cluster.sh" start "$PGDIR")

# copy LABEL FROM TO: one `store copy`, its figures on one line.
copy() {
  local label=$1 log=$T/$1.log
  /usr/bin/time -f '%e %M' -o "$T/$1.time" "$BIN" store copy --from "$2" --to "$3" > "$log" 2>&1 ||
    { echo "store_copy: $label failed:"; tail "$log"; exit 1; }
  python3 - "$label" "$log" "$T/$1.time" << 'PY'
import re, sys
label, log, timing = sys.argv[1:]
out = open(log, encoding="utf-8").read()
rows = {t: int(n) for t, n in re.findall(r"^  (\w+) +(\d+) rows  sha256 \S+  ok$", out, re.M)}
secs, rss = open(timing).read().split()[-2:]
secs = float(secs)
print("%-22s %7.1f s %10d rows %9.0f rows/s %8d demand %9.0f demand/s %6.0f MB peak RSS  %d tables" % (
    label, secs, sum(rows.values()), sum(rows.values()) / secs, rows.get("demand", 0),
    rows.get("demand", 0) / secs, int(rss) / 1024, len(rows)))
PY
}

echo
copy "sqlite-to-postgresql" "$DB" "$URL"
copy "postgresql-to-sqlite" "$URL" "$T/back.db"
echo "copy back: $(du -m "$T/back.db" | cut -f1) MB"
echo
echo "Each time is the whole command: both databases opened and migrated, the copy, the search"
echo "indexes, and the check of every table on both sides (rows, SHA-256) before the commit."
echo "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
