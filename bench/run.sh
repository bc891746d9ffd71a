#!/usr/bin/env bash
# run.sh — run every benchmark under bench/ (each bench/*.sh except this
# one, and the files they source, which have no "#!" line: serve_lib.sh,
# cjcore.sh), in name order, printing their output.  soak.sh runs for 30 minutes:
# only with SOAK=1.  A benchmark prints figures
# and exits 0; a failing one is reported and the others still run.
# `make bench` installs wrk and nginx-light, builds, then runs this.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
self=$(basename "$0")
failed=()
for b in "$HERE"/*.sh; do
  [ -e "$b" ] || continue
  name=$(basename "$b")
  [ "$name" = "$self" ] && continue
  [ "$(head -c 2 "$b")" = '#!' ] || continue
  [ "$name" = soak.sh ] && [ "${SOAK:-0}" != 1 ] && { echo "### soak.sh skipped (SOAK=1 runs it, 30 min)"; continue; }
  echo "### $name"
  start=$(date +%s)
  if bash "$b"; then
    echo "### $name done in $(($(date +%s) - start)) s"
  else
    rc=$?
    echo "### $name FAILED (exit $rc) after $(($(date +%s) - start)) s"
    failed+=("$name")
  fi
  echo
done
# the browser benchmark (Chromium through playwright-core; needs web/dist built)
echo "### web_fcp.mjs"; node "$HERE/web_fcp.mjs" || failed+=(web_fcp.mjs); echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "run.sh: failed: ${failed[*]}"
  exit 1
fi
