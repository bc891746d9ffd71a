# serve_lib.sh — sourced by the bench scripts that start a server of their
# own: `serve DB [serve args…]` starts `chanjiao serve` on an ephemeral port
# over DB (with --web "" and --uploads "$T/uploads") and sets SRV (its pid)
# and PORT, or prints its error log and exits; `stop` ends it.  The caller
# sets BIN (the binary) and T (its temporary folder), and kills "$SRV" in
# its exit trap (or traps bench_cleanup, below).
serve() {
  local db=$1
  shift
  "$BIN" serve --db "$db" --listen 127.0.0.1:0 --web "" --uploads "$T/uploads" "$@" \
    >"$T/serve.out" 2>"$T/serve.err" &
  SRV=$!
  PORT=
  for _ in $(seq 300); do
    PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/serve.out")
    [ -n "$PORT" ] && break
    sleep 0.1
  done
  [ -n "$PORT" ] || { echo "$(basename "$0"): the server did not start:"; cat "$T/serve.err"; exit 1; }
}
stop() { kill "$SRV"; wait "$SRV" 2>/dev/null || true; SRV=; }

# serve_pg_copy DB: serve DB's copy on PostgreSQL (--threads 2 --no-cache):
# PG_URL if set, else a throw-away cluster in $T/pg (PGDIR, stopped by
# bench_cleanup) that DB is copied into with `chanjiao store copy`.  The
# caller sets ROOT (the checkout) as well.
serve_pg_copy() {
  local url=${PG_URL:-} t0
  if [ -z "$url" ]; then
    PGDIR=$T/pg
    url=$("$ROOT/tests/pg/cluster.sh" start "$PGDIR")
    t0=$(date +%s)
    "$BIN" store copy --from "$1" --to "$url" > "$T/copy.log" 2>&1 ||
      { echo "$(basename "$0"): store copy failed:"; tail "$T/copy.log"; exit 1; }
    echo "(store copy to PostgreSQL: $(($(date +%s) - t0)) s)"
  fi
  serve "$url" --threads 2 --no-cache
}

# bench_cleanup, for `trap bench_cleanup EXIT`: the server and the cluster
# stopped, $T removed unless BENCH_KEEP=1.
bench_cleanup() {
  [ -n "${SRV:-}" ] && { kill "$SRV" 2> /dev/null || true; wait "$SRV" 2> /dev/null || true; }
  [ -n "${PGDIR:-}" ] && { "$ROOT/tests/pg/cluster.sh" stop "$PGDIR" > /dev/null 2>&1 || true; }
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "$(basename "$0"): kept $T"; else rm -rf "$T"; fi
}

# measure_both DB: the caller's `measure BACKEND` (timed_gets.py's table)
# on SQLite over DB (unless SQLITE_BENCH=0), then on its PostgreSQL copy
# (when PG_BENCH=1), each server uncached; REPS is the caller's.
measure_both() {
  echo
  printf '%-10s %-11s %-26s %9s %9s %9s %5s\n' backend caller list "p50 ms" "p99 ms" total "≤20"
  if [ "${SQLITE_BENCH:-1}" = 1 ]; then
    serve "$1" --threads 2 --no-cache
    measure sqlite
    stop
  fi
  if [ "${PG_BENCH:-0}" = 1 ]; then
    serve_pg_copy "$1"
    measure postgresql
    stop
  fi
  echo
  echo "REPS=$REPS after one untimed request each; p99 is the worst when REPS < 100; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
}

# bench_setup NAME: T a fresh folder /tmp/cj-bench-NAME.* (readable by the
# cluster's user), the exit trap bench_cleanup, and PG_BENCH=0 — said —
# when no PostgreSQL server is installed.
bench_setup() {
  if [ "${PG_BENCH:-0}" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
    echo "$1: no PostgreSQL server installed: SQLite only"
    PG_BENCH=0
  fi
  T=$(mktemp -d "/tmp/cj-bench-$1.XXXXXX")
  chmod 755 "$T"
  SRV=
  PGDIR=
  trap bench_cleanup EXIT
}
