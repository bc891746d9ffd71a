#!/usr/bin/env bash
# run.sh — run every benchmark under bench/ (each bench/*.sh except this
# one), in name order, printing their output.  A benchmark prints figures
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
if [ ${#failed[@]} -gt 0 ]; then
  echo "run.sh: failed: ${failed[*]}"
  exit 1
fi
