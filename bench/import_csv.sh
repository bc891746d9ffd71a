#!/usr/bin/env bash
# Import of a 1 M-row CSV (SPEC target: ≤ 15 s, with progress shown).
# Generates 1 M organisations (UTF-8, and GB18030 as Chinese Excel saves
# them), imports each into a fresh database with `chanjiao import
# organizations`, and prints wall time, rows/s and peak RSS.
# ROWS=... overrides the row count.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/chanjiao}
ROWS=${ROWS:-1000000}
OUT=$(mktemp -d /tmp/cj-bench-import.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }

echo "== import_csv: $ROWS organisations =="
for enc in utf-8 gb18030; do
  f="$OUT/orgs-$enc.csv"
  python3 bench/gen_organizations.py "$ROWS" "$f" $([ $enc = gb18030 ] && echo --gb18030)
  db="$OUT/import-$enc.db"
  echo 'bench-password-1' | "$BIN" user add --db "$db" --username bench --role platform_admin > /dev/null
  size=$(du -m "$f" | cut -f1)
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$OUT/rss" "$BIN" import organizations "$f" --db "$db" 2> "$OUT/stderr" > /dev/null
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  rss=$(tail -1 "$OUT/rss")
  progress=$(grep -c '%' "$OUT/stderr" || true)
  count=$(sqlite3 "$db" 'SELECT count(*) FROM organizations')
  printf '%-8s %5d MB  %7.2f s  %8.0f rows/s  peak RSS %4d MB  progress lines %d  rows in db %d  target ≤ 15 s: %s\n' \
    "$enc" "$size" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$((rss / 1024))" "$progress" "$count" \
    "$(echo "$secs <= 15" | bc -l | sed 's/1/met/;s/0/NOT met/')"
done
