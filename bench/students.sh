#!/usr/bin/env bash
# students.sh — issue 13 "Scale": the students list (personal data, PIPL)
# at 1 000 consortia and 10 M students, an uncached page with its exact
# total ≤ 20 ms — first page, deep page, sorted, filtered, with q= — on
# both backends, as each caller SPEC.md lets read it:
#   - the platform admin (no row condition);
#   - a school's org_admin (its own students only: the row condition
#     "the school's rows, or the caller's own row, or a host's interns");
#   - a host enterprise's org_admin (the students it hosts as interns);
#   - a student (their own row).
#
# 1. CONSORTIA consortia (default 1 000), 10 schools and 1 enterprise in
#    each (members), STUDENTS students (default 10 000 000) spread evenly:
#    written by SQL straight into a database the program made (its own
#    migrations), as lists.sh's loader does for demand; 200 placements
#    of consortium CID's students at its enterprise; four accounts.
# 2. `chanjiao serve --no-cache` on the SQLite file and — unless
#    PG_BENCH=0 — on a throw-away PostgreSQL cluster (tests/pg/cluster.sh)
#    the file is copied into with `chanjiao store copy`; each list is asked
#    REPS times over one keep-alive connection after one untimed request;
#    p50 and p99 (the worst at REPS < 100) and the total are printed, with
#    whether ≤ 20 ms is met.  Always exits 0 after a completed run.
#
#   STUDENTS=10000000 CONSORTIA=1000 REPS=20 PG_BENCH=1 bash bench/students.sh
#   STUDENTS=1000000 CONSORTIA=1 …   one consortium holding everything
#   DB=path  reuse a database BENCH_KEEP=1 kept;  BENCH_KEEP=1 keep the folder
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${CHANJIAO_BIN:-build/chanjiao}
STUDENTS=${STUDENTS:-10000000}
CONSORTIA=${CONSORTIA:-1000}
REPS=${REPS:-20}
CID=${CID:-$(((CONSORTIA + 1) / 2))}
PG_BENCH=${PG_BENCH:-1}
PER=$((STUDENTS / CONSORTIA))             # students per consortium
DEEP=${DEEP:-$((PER * 4 / 5 / 20))}        # 4/5 of the way through the consortium
SCHOOL=$(((CID - 1) * 11 + 1))            # consortium CID's first school
ENTERPRISE=$(((CID - 1) * 11 + 11))       # and its enterprise
[ -x "$BIN" ] || { echo "students: build first (make build-c)" >&2; exit 1; }
command -v sqlite3 > /dev/null || { echo "students: needs sqlite3 (make bench installs it)" >&2; exit 1; }

# shellcheck source=bench/serve_lib.sh
. "$ROOT/bench/serve_lib.sh"
bench_setup students

echo "== students: $STUDENTS students over $CONSORTIA consortia (lists of consortium $CID), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), SQLite $(pkg-config --modversion sqlite3) =="
if [ -n "${DB:-}" ]; then
  echo "using $DB"
else
  DB=$T/students.db
  t0=$(date +%s)
  echo 'bench-password-1' | "$BIN" user add --db "$DB" --username bench_admin \
    --role platform_admin > /dev/null
  # Consortium c has schools (c-1)*11+1 … +10 and enterprise (c-1)*11+11.
  # Student i is in consortium (i-1)/PER+1, at its school (i-1)%10; the
  # other columns vary with (i-1)/10, so each school has every value.
  sqlite3 "$DB" > /dev/null << SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $CONSORTIA)
INSERT INTO consortia(id, name, kind, level, is_public, created_at, updated_at)
SELECT i, '基准联合体' || i, 'city', 'municipal', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $CONSORTIA * 11)
INSERT INTO organizations(id, name, type, created_at, updated_at)
SELECT i, CASE WHEN i % 11 = 0 THEN '基准企业' ELSE '基准学院' END || i,
       CASE WHEN i % 11 = 0 THEN 'enterprise' ELSE 'higher_vocational' END,
       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;
INSERT INTO memberships(consortium_id, organization_id, role, created_at, updated_at)
SELECT (id - 1) / 11 + 1, id, 'member', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM organizations ORDER BY id;
CREATE TEMP TABLE majors6(k INTEGER PRIMARY KEY, code TEXT);
INSERT INTO majors6(k, code) VALUES (0,'460702'),(1,'460701'),(2,'460703'),(3,'460704'),
  (4,'460301'),(5,'460305'),(6,'460306'),(7,'460101'),(8,'460103'),(9,'460104'),
  (10,'510201'),(11,'510202'),(12,'530802'),(13,'500211'),(14,'460601'),(15,'460602');
CREATE TEMP TABLE names(k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO names(k, s) VALUES (0,'王'),(1,'李'),(2,'张'),(3,'刘'),(4,'陈'),(5,'杨'),(6,'黄'),
  (7,'赵'),(8,'吴'),(9,'周'),(10,'徐'),(11,'孙'),(12,'马'),(13,'朱'),(14,'胡'),(15,'郭');
CREATE TEMP TABLE given(k INTEGER PRIMARY KEY, s TEXT);
INSERT INTO given(k, s) VALUES (0,'伟'),(1,'芳'),(2,'娜'),(3,'敏'),(4,'静'),(5,'强'),(6,'磊'),
  (7,'军'),(8,'洋'),(9,'勇'),(10,'艳'),(11,'杰'),(12,'涛'),(13,'明'),(14,'超'),(15,'秀英'),
  (16,'华'),(17,'平'),(18,'刚'),(19,'桂英'),(20,'浩然'),(21,'子涵'),(22,'欣怡'),(23,'宇轩');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $STUDENTS)
INSERT INTO students(id, consortium_id, school_id, student_no, name, major_code, level, cohort,
                     skills, consent, created_at, updated_at)
SELECT i, (i - 1) / $PER + 1, ((i - 1) / $PER) * 11 + (i - 1) % 10 + 1,
       printf('%d%08d', 2022 + (i - 1) / 10 % 4, i),
       (SELECT s FROM names WHERE k = ((i - 1) / 10 * 7 + i) % 16) ||
       (SELECT s FROM given WHERE k = ((i - 1) / 10 * 13 + i) % 24),
       (SELECT code FROM majors6 WHERE k = (i - 1) / 40 % 16), 'higher', 2022 + (i - 1) / 10 % 4,
       CASE (i - 1) / 10 % 5 WHEN 0 THEN '焊接、PLC编程' WHEN 1 THEN '电池检测' WHEN 2 THEN '汽车电工'
                  WHEN 3 THEN '钣金、涂装' ELSE NULL END,
       1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;
INSERT INTO placements(consortium_id, student_id, school_id, enterprise_id, post, status, year,
                       created_at, updated_at)
SELECT consortium_id, id, school_id, $ENTERPRISE, '装调', 'ongoing', 2026,
       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM students WHERE consortium_id = $CID AND id % 50 = 0 LIMIT 200;
COMMIT;
SQL
  for acct in "bench_school org_admin $SCHOOL" "bench_host org_admin $ENTERPRISE" \
    "bench_student student $SCHOOL"; do
    read -r user role org <<< "$acct"
    echo 'bench-password-1' | "$BIN" user add --db "$DB" --username "$user" --role "$role" \
      --org "$org" > /dev/null
  done
  # The student account is the consortium's first student at that school.
  sqlite3 "$DB" "UPDATE students SET user_id = (SELECT id FROM users WHERE username = 'bench_student')
                 WHERE id = (SELECT min(id) FROM students WHERE school_id = $SCHOOL)"
  echo "(load: $(($(date +%s) - t0)) s)"
fi
echo "database: $(du -m "$DB" | cut -f1) MB"

# major_code=460702 is 1/16 of the rows; q=王 a surname (1/16, by LIKE on
# name and skills), q=PLC a skill (1/5); name sorts and cohort sorts.
L="/api/v1/students?consortium_id=$CID&per_page=20"
LISTS=(
  "first page|$L"
  "deep page (page=$DEEP)|$L&page=$DEEP"
  "sort=name|$L&sort=name"
  "sort=-cohort page=50|$L&sort=-cohort&page=50"
  "filter major_code|$L&major_code=460702"
  "filter cohort=2024|$L&cohort=2024"
  "q=王 (a surname)|$L&q=%E7%8E%8B"
  "q=PLC (a skill)|$L&q=PLC"
)

# Each list as the admin and the school (whose deep page is 1/10 as
# deep: it has 1/10 of the students); the host's and the student's first
# page (they see a few rows: that page is their list).
ITEMS=()
for item in "${LISTS[@]}"; do ITEMS+=("bench_admin|$item"); done
for item in "${LISTS[@]}"; do
  item=${item//"(page=$DEEP)"/"(page=$((DEEP / 10)))"}
  ITEMS+=("bench_school|${item//"&page=$DEEP"/"&page=$((DEEP / 10))"}")
done
ITEMS+=("bench_host|${LISTS[0]}" "bench_student|${LISTS[0]}")
measure() { python3 "$ROOT/bench/timed_gets.py" "$1" "$PORT" "$REPS" "${ITEMS[@]}"; }

measure_both "$DB"
