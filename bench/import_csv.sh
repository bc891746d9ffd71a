#!/usr/bin/env bash
# Import of a 1 M-row CSV (SPEC target: ≤ 15 s, with progress shown).
# Generates 1 M organisations (UTF-8, and GB18030 as Chinese Excel saves
# them), imports each into a fresh database with `chanjiao import
# organizations`, and prints wall time, rows/s and peak RSS; then the
# UTF-8 file into a throw-away PostgreSQL cluster (tests/pg/cluster.sh),
# unless PG_BENCH=0.  ROWS=... overrides the row count.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/chanjiao}
ROWS=${ROWS:-1000000}
OUT=$(mktemp -d /tmp/cj-bench-import.XXXXXX)
PGDIR=
trap '[ -n "$PGDIR" ] && tests/pg/cluster.sh stop "$PGDIR" > /dev/null 2>&1; rm -rf "$OUT"' EXIT
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }

echo "== import_csv: $ROWS organisations =="
timed() { # label file db count-command
  local start end secs rss progress
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$OUT/rss" "$BIN" import organizations "$2" --db "$3" 2> "$OUT/stderr" > /dev/null
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  rss=$(tail -1 "$OUT/rss")
  progress=$(grep -c '%' "$OUT/stderr" || true)
  printf '%-11s %5d MB  %7.2f s  %8.0f rows/s  peak RSS %4d MB  progress lines %d  rows in db %d  target ≤ 15 s: %s\n' \
    "$1" "$(du -m "$2" | cut -f1)" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$((rss / 1024))" "$progress" \
    "$($4 "$3")" "$(echo "$secs <= 15" | bc -l | sed 's/1/met/;s/0/NOT met/')"
}
count_sqlite() { sqlite3 "$1" 'SELECT count(*) FROM organizations'; }
count_pg() { psql "$1" -Atc 'SELECT count(*) FROM organizations'; }

for enc in utf-8 gb18030; do
  f="$OUT/orgs-$enc.csv"
  python3 bench/gen_organizations.py "$ROWS" "$f" $([ $enc = gb18030 ] && echo --gb18030)
  db="$OUT/import-$enc.db"
  echo 'bench-password-1' | "$BIN" user add --db "$db" --username bench --role platform_admin > /dev/null
  timed "$enc" "$f" "$db" count_sqlite
done

if [ "${PG_BENCH:-1}" = 1 ] && ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
  chmod 755 "$OUT"
  PGDIR=$OUT/pg
  url=$(tests/pg/cluster.sh start "$PGDIR")
  echo 'bench-password-1' | "$BIN" user add --db "$url" --username bench --role platform_admin > /dev/null
  timed "PG utf-8" "$OUT/orgs-utf-8.csv" "$url" count_pg
fi
