#!/usr/bin/env bash
# Option lists (字典) on the import path: `chanjiao import trainings` of a
# ROWS-row CSV (default 200 000) into the demo database, three times — every
# row's 培训类型 a shipped label (技能提升培训: no look-up), the consortium's
# own option by its Chinese label (现场工程师培训: resolved by
# store_option_find, remembered in bulk mode), and by its code — and, when
# BASE_BIN names a build from before option lists, the shipped-label file
# with it.  Prints wall time and rows/s; the target is that the shipped
# case does not get slower and the option cases stay close to it.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/chanjiao}
BASE_BIN=${BASE_BIN:-}
ROWS=${ROWS:-200000}
OUT=$(mktemp -d /tmp/cj-bench-options.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }

"$BIN" demo --db "$OUT/base.db" > /dev/null
# The option, as the secretariat's POST /api/v1/options would store it.
sqlite3 "$OUT/base.db" "INSERT INTO options (consortium_id, field, value, label_zh, label_en, \
  created_at, updated_at) VALUES (1, 'trainings.kind', 'field_engineer', '现场工程师培训', \
  'Field-engineer training', strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
[ -z "$BASE_BIN" ] || "$BASE_BIN" demo --db "$OUT/old.db" > /dev/null
firm=$(sqlite3 "$OUT/base.db" "SELECT o.name FROM organizations o JOIN memberships m ON \
  m.organization_id = o.id WHERE m.consortium_id = 1 AND o.type = 'enterprise' ORDER BY o.id LIMIT 1")

gen() { # kind file
  python3 - "$ROWS" "$firm" "$1" > "$2" <<'PY'
import sys
rows, firm, kind = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = sys.stdout
out.write("培训项目,承办单位,培训类型,参训人数,年度\n")
for i in range(rows):
    out.write("基准培训%d,%s,%s,%d,%d\n" % (i, firm, kind, 10 + i % 90, 2020 + i % 6))
PY
}

run() { # label binary file [database]
  cp "${4:-$OUT/base.db}" "$OUT/run.db"
  start=$(date +%s.%N)
  "$2" import trainings "$3" --db "$OUT/run.db" --consortium 1 > /dev/null 2>&1
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  n=$(sqlite3 "$OUT/run.db" "SELECT count(*) FROM trainings WHERE title LIKE '基准培训%'")
  printf '%-34s %7.2f s  %8.0f rows/s  rows in db %d\n' "$1" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$n"
}

echo "== options: import trainings, $ROWS rows =="
gen 技能提升培训 "$OUT/shipped.csv"
gen 现场工程师培训 "$OUT/label.csv"
gen field_engineer "$OUT/code.csv"
[ -z "$BASE_BIN" ] || run "before option lists, shipped label" "$BASE_BIN" "$OUT/shipped.csv" "$OUT/old.db"
run "shipped label" "$BIN" "$OUT/shipped.csv"
run "consortium option, label" "$BIN" "$OUT/label.csv"
run "consortium option, code" "$BIN" "$OUT/code.csv"
