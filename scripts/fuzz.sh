#!/usr/bin/env bash
# Run the libFuzzer harnesses of tests/fuzz (built in build-fuzz/ by
# `make fuzz`) for FUZZ_TIME seconds each, one after the other.
#
#   scripts/fuzz.sh [HARNESS...]       default: every tests/fuzz/fuzz_*.c
#   FUZZ_TIME=600 FUZZ_JOBS=1 FUZZ_RSS_MB=2048 FUZZ_TIMEOUT=10
#
# Each harness grows its own working corpus in build-fuzz/corpus/<name>/
# (kept between runs, never committed) from the committed seeds in
# tests/fuzz/corpus/<name>/.  A crash, leak, timeout, out-of-memory or
# failed check is saved under build-fuzz/findings/<name>/; copy it to
# tests/fuzz/corpus/<name>/regress-<what> with its fix so ctest replays
# it.  One line per harness reports runs, runs per second, coverage and
# findings; the exit status is 1 if any harness found something.
set -uo pipefail
cd "$(dirname "$0")/.."
B=build-fuzz
T=${FUZZ_TIME:-60}
RSS=${FUZZ_RSS_MB:-2048}
TIMEOUT=${FUZZ_TIMEOUT:-10}
if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in tests/fuzz/fuzz_*.c; do n=${f##*/fuzz_}; names+=("${n%.c}"); done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
printf '%-8s %12s %9s %7s %6s %9s\n' harness runs runs/s cov ft findings
for n in "${names[@]}"; do
  exe=$B/fuzz_$n
  [ -x "$exe" ] || { echo "fuzz: $exe missing (make fuzz builds it)" >&2; exit 2; }
  work=$B/corpus/$n found=$B/findings/$n log=$B/logs/$n.log
  mkdir -p "$work" "$found" "$B/logs"
  dict=()
  [ -f "tests/fuzz/$n.dict" ] && dict=(-dict="tests/fuzz/$n.dict")
  before=$(find "$found" -type f | wc -l)
  "$exe" -max_total_time="$T" -rss_limit_mb="$RSS" -malloc_limit_mb="$RSS" -timeout="$TIMEOUT" \
    -print_final_stats=1 -artifact_prefix="$found/" "${dict[@]}" "$work" "tests/fuzz/corpus/$n" \
    > "$log" 2>&1
  rc=$?
  after=$(find "$found" -type f | wc -l)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-8s %12s %9s %7s %6s %9s\n' "$n" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "$((after - before))"
  if [ $rc -ne 0 ] || [ "$after" -gt "$before" ]; then
    status=1
    echo "fuzz: $n found something (exit $rc); see $log and $found/" >&2
    grep -m3 -E 'ERROR: |fuzz check failed|runtime error' "$log" >&2
  fi
done
exit $status
