#!/usr/bin/env bash
# lists_publish.sh — issue 10: publishing one of the three lists (三张清单)
# of 100 k records in ≤ 2 s, and a page of it read without loading it.
# Builds bench/lists_publish_bench.c (the generator and the timing, see its
# header) against build/libcjcore.a and runs it on a new temporary
# database.
#
#   ROWS=100000 ROUNDS=3 bash bench/lists_publish.sh   (BENCH_KEEP=1: keep the database)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CHANJIAO_BIN:-build/chanjiao}
LIB=$(dirname "$BIN")/libcjcore.a
[ -f "$LIB" ] || { echo "lists_publish: build first (make build-c)" >&2; exit 1; }
T=$(mktemp -d /tmp/cj-bench-lists.XXXXXX)
# BENCH_KEEP=1 keeps the database (to try the statements by hand).
if [ "${BENCH_KEEP:-0}" = 1 ]; then trap 'echo "lists_publish: kept $T/t.db"' EXIT; else trap 'rm -rf "$T"' EXIT; fi
# shellcheck source=bench/cjcore.sh
. bench/cjcore.sh
cjcore_cc "$LIB" "$T/bench" bench/lists_publish_bench.c
"$T/bench" "$T/t.db" "${ROWS:-100000}" "${ROUNDS:-3}"
