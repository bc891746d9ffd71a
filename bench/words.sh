#!/bin/bash
# words.sh — what everyday words cost an import (issue 15): `chanjiao
# import demand` of the same ROWS rows (default 300 000) written three ways:
#
#   labels     学历要求 and 需求类型 as the Chinese labels, 需求人数 as digits
#              (bench/gen_talent.py as it is: what exports write);
#   everyday   the same rows as offices write them: 学历要求 as synonyms
#              (大专, 本科及以上, 硕士 …), 需求类型 as 招聘/实习/订单,
#              需求人数 as "12人", in full-width ＧＢ digits for every
#              tenth row — every enum cell takes the folded path;
#   typo       every row's 学历要求 a wrong word (本课): the import is
#              refused, with the error said once (dry run).
#
# With BASE_BIN (a build of the commit before), the labels file is also
# imported by it, for the comparison.  Times are wall seconds of one run
# each on a fresh copy of the same base database.
#
#   bash bench/words.sh                       # build/chanjiao
#   BASE_BIN=/tmp/base/build/chanjiao bash bench/words.sh
#
# Then bench/words_bench.c: nanoseconds per cell of each reader (CPU time),
# against the library of BASE_BIN's build too when BASE_LIB names its
# libcjcore.a (built with -DWORDS_BASE: what that build has).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CHANJIAO_BIN:-build/chanjiao}
ROWS=${ROWS:-300000}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "== words: $ROWS demand rows, labels vs everyday words =="
python3 bench/gen_talent.py orgs 1000 10 "$OUT/orgs.csv"
python3 bench/gen_talent.py members 1000 10 "$OUT/members.csv"
python3 bench/gen_talent.py demand 1000 "$ROWS" "$OUT/labels.csv"
python3 - "$OUT/labels.csv" "$OUT/everyday.csv" "$OUT/typo.csv" <<'PY'
import csv, sys
EDU = {"不限": "无要求", "中职": "中专", "高职专科": "大专", "本科": "本科及以上", "研究生": "硕士"}
KIND = {"就业": "招聘", "顶岗实习": "实习", "现代学徒制": "学徒制", "订单班": "订单",
        "employment": "招聘", "internship": "实习", "apprenticeship": "学徒制", "order_class": "订单"}
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
src = csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))
ev = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""), lineterminator="\n")
ty = csv.writer(open(sys.argv[3], "w", encoding="utf-8", newline=""), lineterminator="\n")
head = next(src)
ev.writerow(head)
ty.writerow(head)
edu, kind, n = head.index("学历要求"), head.index("需求类型"), head.index("需求人数")
for i, row in enumerate(src):
    e = list(row)
    e[edu] = EDU.get(e[edu], e[edu])
    e[kind] = KIND.get(e[kind], e[kind])
    e[n] = e[n] + "人" if i % 10 else e[n].translate(WIDE)
    ev.writerow(e)
    t = list(row)
    t[edu] = "本课"
    ty.writerow(t)
PY

base="$OUT/base.db"
echo 'bench-password-1' | "$BIN" user add --db "$base" --username bench --role platform_admin > /dev/null
sqlite3 "$base" "INSERT INTO consortia(name,kind,level,is_public,created_at,updated_at)
                 VALUES('基准联合体','city','municipal',1,'2026-01-01T00:00:00Z','2026-01-01T00:00:00Z')"
"$BIN" import organizations "$OUT/orgs.csv" --db "$base" > /dev/null
"$BIN" import members "$OUT/members.csv" --db "$base" --consortium 1 > /dev/null

timed() { # label binary file [extra args]
  local label=$1 bin=$2 file=$3 start end rc
  shift 3
  cp "$base" "$OUT/run.db"
  start=$(date +%s.%N)
  rc=0
  /usr/bin/time -f '%M %U %S' -o "$OUT/rss" "$bin" import demand "$file" --db "$OUT/run.db" \
    --consortium 1 "$@" 2> "$OUT/stderr" > /dev/null || rc=$?
  end=$(date +%s.%N)
  read -r rss user sys < <(tail -1 "$OUT/rss")
  printf '%-22s %6.2f s (CPU %5.2f s user, %5.2f s sys)  %8.0f rows/s  peak RSS %4d MB  exit %d  stderr lines %d\n' \
    "$label" "$(echo "$end - $start" | bc -l)" "$user" "$sys" "$(echo "$ROWS / ($end - $start)" | bc -l)" \
    "$((rss / 1024))" "$rc" "$(grep -vc '%' "$OUT/stderr" || true)"
  rm -f "$OUT"/run.db*
}
if [ -n "${BASE_BIN:-}" ]; then
  timed "labels (before)" "$BASE_BIN" "$OUT/labels.csv"
fi
timed "labels" "$BIN" "$OUT/labels.csv"
timed "everyday words" "$BIN" "$OUT/everyday.csv"
timed "typo on every row" "$BIN" "$OUT/typo.csv" --dry-run
grep -v '%' "$OUT/stderr" | head -3 | cut -c1-160

LIB=${CJCORE_LIB:-build/libcjcore.a}
# shellcheck source=bench/cjcore.sh
. bench/cjcore.sh
cjcore_cc "$LIB" "$OUT/words_bench" bench/words_bench.c
if [ -n "${BASE_LIB:-}" ]; then
  cjcore_cc "$BASE_LIB" "$OUT/words_bench_base" bench/words_bench.c -DWORDS_BASE
  echo "-- per cell, before"
  "$OUT/words_bench_base"
fi
echo "-- per cell"
"$OUT/words_bench"
