#!/usr/bin/env bash
# tech_suggest.sh — SPEC "How fast, how big": technology-need suggestions
# over 100 k capabilities (and capability suggestions over 10 k needs),
# p50 ≤ 10 ms, p99 ≤ 50 ms.  Builds
# bench/tech_suggest_bench.c against build/libcjcore.a and runs it on a new
# temporary database (see the file's header for what it does).
#
#   CAPS=100000 ROUNDS=10 NEEDS=10000 bash bench/tech_suggest.sh
#   DB=/tmp/tech.db bash bench/tech_suggest.sh   (loads it once; later runs
#                                               measure the same file again)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CHANJIAO_BIN:-build/chanjiao}
LIB=$(dirname "$BIN")/libcjcore.a
[ -f "$LIB" ] || { echo "tech_suggest: build first (make build-c)" >&2; exit 1; }
T=$(mktemp -d /tmp/cj-bench-tech.XXXXXX)
trap 'rm -rf "$T"' EXIT
# shellcheck source=bench/cjcore.sh
. bench/cjcore.sh
cjcore_cc "$LIB" "$T/bench" bench/tech_suggest_bench.c
"$T/bench" "${DB:-$T/t.db}" "${CAPS:-100000}" "${ROUNDS:-10}" "${NEEDS:-10000}"
