# serve_lib.sh — sourced by the bench scripts that start a server of their
# own: `serve DB [serve args…]` starts `chanjiao serve` on an ephemeral port
# over DB (with --web "" and --uploads "$T/uploads") and sets SRV (its pid)
# and PORT, or prints its error log and exits; `stop` ends it.  The caller
# sets BIN (the binary) and T (its temporary folder), and kills "$SRV" in
# its exit trap.
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
