#!/usr/bin/env bash
# Stable matching (SPEC target: 1 M students × 20 choices, 100 k positions:
# solve ≤ 0.3 s, whole `chanjiao match` ≤ 5 s, ≤ 1 GB peak RSS).
# Generates the market with bench/gen_match.c (compiled here with cc -O2),
# runs `chanjiao match` under /usr/bin/time and prints solve time,
# proposals/s, wall time and peak RSS; then, on a 40 k-student market
# (NRMP-sized), runs chanjiao and the Python reference bench/match_ref.py
# on the same files and diffs the two results.
# STUDENTS=... POSITIONS=... CHOICES=... override the large market.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/chanjiao}
STUDENTS=${STUDENTS:-1000000}
POSITIONS=${POSITIONS:-100000}
CHOICES=${CHOICES:-20}
OUT=$(mktemp -d /tmp/cj-bench-match.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
cc -O2 -o "$OUT/gen_match" bench/gen_match.c

field() { sed -n "s/^$1 *\([0-9.]*\).*/\1/p" "$2" | head -1; }

run() { # name dir extra-args...
  local name=$1 dir=$2
  shift 2
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$OUT/rss" "$BIN" match --student-prefs "$dir/S.csv" \
    --position-prefs "$dir/P.csv" --positions "$dir/C.csv" --out "$dir/A.csv" "$@" > "$OUT/summary"
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc -l)
  rss=$(tail -1 "$OUT/rss")
  solve=$(field 'solve time' "$OUT/summary")
  read=$(field 'read time' "$OUT/summary")
  props=$(field 'proposals' "$OUT/summary")
  pps=$(field 'proposals\/s' "$OUT/summary")
  grep -q '^verified     yes' "$OUT/summary" || { echo "not verified" >&2; cat "$OUT/summary"; exit 1; }
  printf '%-28s solve %8.1f ms  %10d proposals  %6.1f M proposals/s  read %7.0f ms  whole %6.2f s  peak RSS %5d MB\n' \
    "$name" "$solve" "$props" "$(echo "$pps / 1000000" | bc -l)" "$read" "$wall" "$((rss / 1024))"
}

echo "== match: $STUDENTS students × $CHOICES choices, $POSITIONS positions =="
mkdir -p "$OUT/big"
"$OUT/gen_match" "$STUDENTS" "$CHOICES" "$POSITIONS" "$OUT/big" 1
echo "files: $(du -cm "$OUT"/big/*.csv | tail -1 | cut -f1) MB"
run "student-optimal" "$OUT/big"
solve=$(field 'solve time' "$OUT/summary")
echo "targets: solve ≤ 300 ms: $(echo "$solve <= 300" | bc -l | sed 's/1/met/;s/0/NOT met/'); whole ≤ 5 s: $(echo "$wall <= 5" | bc -l | sed 's/1/met/;s/0/NOT met/'); RSS ≤ 1024 MB: $([ $((rss / 1024)) -le 1024 ] && echo met || echo NOT met)"
run "position-optimal" "$OUT/big" --optimal position
rm -rf "$OUT/big"

for n in 40000 100000; do
  echo "== match vs Python reference: $n students × $CHOICES choices, $((n / 10)) positions =="
  mkdir -p "$OUT/m$n"
  "$OUT/gen_match" "$n" "$CHOICES" "$((n / 10))" "$OUT/m$n" 7
  run "chanjiao" "$OUT/m$n"
  cp "$OUT/m$n/A.csv" "$OUT/m$n/A-chanjiao.csv"
  start=$(date +%s.%N)
  ref=$(python3 bench/match_ref.py "$OUT/m$n/S.csv" "$OUT/m$n/P.csv" "$OUT/m$n/C.csv" "$OUT/m$n/A-ref.csv")
  end=$(date +%s.%N)
  printf '%-28s %s, whole %.2f s\n' "python reference" "$ref" "$(echo "$end - $start" | bc -l)"
  if cmp -s "$OUT/m$n/A-chanjiao.csv" "$OUT/m$n/A-ref.csv"; then
    echo "results equal: yes"
  else
    echo "results equal: NO"
    diff "$OUT/m$n/A-chanjiao.csv" "$OUT/m$n/A-ref.csv" | head
    exit 1
  fi
  rm -rf "$OUT/m$n"
done
