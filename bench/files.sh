#!/usr/bin/env bash
# files.sh — uploads (issue 11, docs/files.md): how fast a 1 MiB and a
# 20 MiB PDF are taken (POST /api/v1/files: read, sniffed, hashed, written
# to tmp/, fsync'd, renamed, row added) and how long a read of a
# referenced file takes (GET /api/v1/files/{id}: the access check through
# the agreement that names it, then the bytes).  Every upload is new bytes
# (a fresh number inside the PDF), so none is the "same bytes" short cut.
# Prints figures; a benchmark, not a test: exits 0 on a completed run.
#
# Usage: bench/files.sh
#   CHANJIAO_BIN=path     the binary (default build-bench/, else build/)
#   BENCH_UPLOADS=10      uploads per size
#   BENCH_GETS=200        reads of the referenced file
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BIN=${CHANJIAO_BIN:-}
if [ -z "$BIN" ]; then
  for b in build-bench build; do
    if [ -x "$ROOT/$b/chanjiao" ]; then BIN=$ROOT/$b/chanjiao; break; fi
  done
fi
[ -x "$BIN" ] || { echo "files.sh: no chanjiao binary (build it first)" >&2; exit 1; }

exec python3 - "$BIN" "${BENCH_UPLOADS:-10}" "${BENCH_GETS:-200}" <<'PY'
import http.client, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

binary, uploads, gets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = tempfile.mkdtemp(prefix="cj-bench-files-")
db = os.path.join(d, "b.db")
proc = subprocess.Popen([binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--demo",
                         "--web", ""], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
port = None
while port is None:
    line = proc.stdout.readline()
    if not line:
        sys.exit("files.sh: the server did not start")
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    port = int(m.group(1)) if m else None


def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


try:
    st, b = req("POST", "/api/v1/auth/login", json.dumps(
        {"username": "liuzhou_sec", "password": "secretariat-demo-2026"}),
        {"Content-Type": "application/json"})
    tok = json.loads(b)["token"]
    auth = {"Authorization": "Bearer " + tok, "Content-Type": "application/pdf"}
    n = 0

    def pdf(size):
        global n
        n += 1
        head = b"%%PDF-1.4\n%% bench %d\n" % n
        tail = b"\n%%EOF\n"
        return head + b"x" * (size - len(head) - len(tail)) + tail

    print("files.sh: %s, %d uploads per size, %d reads" % (binary, uploads, gets))
    first = None
    for size in (1 << 20, 20 << 20):
        times = []
        for _ in range(uploads):
            body = pdf(size)
            t = time.perf_counter()
            st, b = req("POST", "/api/v1/files?filename=bench.pdf", body, auth)
            times.append(time.perf_counter() - t)
            if st != 201:
                sys.exit("upload failed: %d %s" % (st, b[:200]))
            first = first or json.loads(b)["id"]
        med = statistics.median(times)
        print("upload %5.1f MiB: median %7.1f ms, %6.1f MiB/s (min %.1f ms, max %.1f ms)"
              % (size / 1048576, med * 1000, size / 1048576 / med, min(times) * 1000,
                 max(times) * 1000))
    st, orgs = req("GET", "/api/v1/organizations?type=enterprise&per_page=2",
                   headers={"Authorization": "Bearer " + tok})
    parties = [o["id"] for o in json.loads(orgs)["items"]]
    st, b = req("POST", "/api/v1/agreements", json.dumps(
        {"consortium_id": 1, "title": "基准协议", "type": "strategic", "parties": parties,
         "status": "signed", "signed_scan": first}),
        {"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    if st != 201:
        sys.exit("agreement failed: %d %s" % (st, b[:200]))
    st, b = req("POST", "/api/v1/auth/login", json.dumps(
        {"username": "sgmw_admin", "password": "orgadmin-demo-2026"}),
        {"Content-Type": "application/json"})
    member = {"Authorization": "Bearer " + json.loads(b)["token"]}
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    lat = []
    for _ in range(gets):
        t = time.perf_counter()
        c.request("GET", "/api/v1/files/" + first, headers=member)
        r = c.getresponse()
        r.read()
        lat.append(time.perf_counter() - t)
        assert r.status == 200, r.status
    lat.sort()
    print("GET 1 MiB file as a member (keep-alive, one client): median %.2f ms, p99 %.2f ms"
          % (statistics.median(lat) * 1000, lat[int(len(lat) * 0.99) - 1] * 1000))
finally:
    proc.terminate()
    proc.wait()
    shutil.rmtree(d, ignore_errors=True)
PY
