#!/usr/bin/env python3
"""scaleout.py — API reads through nginx to two servers on PostgreSQL
against one server on SQLite (issue 13: "at least the single-server SQLite
throughput on this machine, p99 ≤ 10 ms at 64 connections"), in one run.

Set-ups, each serving the demo (`--demo`), each measured with its answer
cache and with `--no-cache`:
  sqlite       one server on a SQLite file, wrk straight to it;
  sqlite via nginx  the same server behind nginx (what the proxy costs);
  pg×2         nginx (docs/deploy.md's upstream block) to two servers on
               one PostgreSQL primary;
  pg×2+replica the same two servers with `--db-read` on a streaming replica
               of that primary (tests/pg/cluster.sh replica).
Each read is `wrk -t2 -c64 --latency` for BENCH_DURATION (5 s) after a
1 s warm-up, with a secretariat's bearer token: req/s, p50, p99, errors.
The servers' tests' helpers start everything (tests/api/cjtest.py,
tests/pg/balanced.py); the clusters are removed at the end.  On a 2-core
machine the two servers, nginx, PostgreSQL and wrk share the same two
cores: compare the ratios of one run.

  python3 bench/scaleout.py [path/to/chanjiao]      (default build/chanjiao)
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "api"))
sys.path.insert(0, os.path.join(ROOT, "tests", "pg"))
if len(sys.argv) < 2:
    sys.argv.append(os.path.join(ROOT, "build", "chanjiao"))
import cjtest  # noqa: E402
import balanced  # noqa: E402

DURATION = os.environ.get("BENCH_DURATION", "5s")
CLUSTER = os.path.join(ROOT, "tests", "pg", "cluster.sh")
PATHS = ["/api/v1/organizations?per_page=20", "/api/v1/consortia/1",
         "/api/v1/demand?per_page=20", "/api/v1/search?consortium=1&q=%E7%84%8A%E8%A3%85"]
REPORT = """done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d\\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def cluster(*args):
    p = subprocess.run(["bash", CLUSTER, *args], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        sys.exit("scaleout: cluster.sh %s failed: %s" % (args[0], p.stderr))
    return p.stdout.strip()


def wrk(port, path, token, script):
    url = "http://127.0.0.1:%d%s" % (port, path)
    auth = ["-H", "Authorization: Bearer " + token]
    subprocess.run(["wrk", "-t2", "-c64", "-d1s", *auth, url], capture_output=True)
    out = subprocess.run(["wrk", "-t2", "-c64", "-d" + DURATION, "--latency", "-s", script,
                          *auth, url], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("RESULT "):
            rps, p50, p99, err = line.split()[1:]
            return float(rps), float(p50), float(p99), int(err)
    return 0.0, 0.0, 0.0, -1


def measure(label, target, results, script):
    token = target.login("liuzhou_sec", "secretariat-demo-2026")
    for path in PATHS:
        results[(label, path)] = wrk(target.port, path, token, script)


def main():
    missing = [m for m in ("wrk", "nginx", "psql") if not shutil.which(m)
               and not os.path.exists("/usr/sbin/" + m)]
    if missing:
        print("scaleout: skipped, missing: " + " ".join(missing))
        return
    tmp = tempfile.mkdtemp(prefix="chanjiao-scaleout-")
    os.chmod(tmp, 0o755)
    script = os.path.join(tmp, "report.lua")
    with open(script, "w") as f:
        f.write(REPORT)
    results = {}
    running = []
    try:
        primary = cluster("start", os.path.join(tmp, "primary"))
        replica = cluster("replica", os.path.join(tmp, "replica"), os.path.join(tmp, "primary"))
        setups = []
        for cache in ((), ("--no-cache",)):
            tag = "" if not cache else " no cache"
            setups.append(("sqlite" + tag, "sqlite", cache))
            setups.append(("sqlite via nginx" + tag, "sqlite-nginx", cache))
            setups.append(("pg×2" + tag, "pg", cache))
            setups.append(("pg×2+replica" + tag, "replica", cache))
        lite = os.path.join(tmp, "lite.db")
        cjtest.run_cli("demo", "--db", lite, check=True)
        for label, kind, cache in setups:
            if kind.startswith("sqlite"):
                srv = cjtest.Server(demo=True, extra_args=cache, db=lite)
                running.append(srv)
                if kind == "sqlite":
                    measure(label, srv, results, script)
                else:  # what the proxy alone costs: the same server, twice upstream
                    nginx, lb = balanced.start_balancer(os.path.join(tmp, "nginx-" + kind), srv,
                                                        srv)
                    try:
                        measure(label, lb, results, script)
                    finally:
                        nginx.terminate()
                        nginx.wait(timeout=20)
            else:
                extra = cache + (("--db-read", replica) if kind == "replica" else ())
                a = cjtest.Server(demo=True, db=primary, extra_args=extra)
                running.append(a)
                b = cjtest.Server(demo=True, db=primary, extra_args=extra)
                running.append(b)
                nginx, lb = balanced.start_balancer(os.path.join(tmp, "nginx-" + kind), a, b)
                try:
                    measure(label, lb, results, script)
                finally:
                    nginx.terminate()
                    nginx.wait(timeout=20)
            while running:
                running.pop().stop()
    finally:
        for s in running:
            s.stop()
        for d in ("replica", "primary"):
            subprocess.run(["bash", CLUSTER, "stop", os.path.join(tmp, d)], timeout=120)
        shutil.rmtree(tmp, ignore_errors=True)

    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print("machine: %d cores, load %s; wrk -t2 -c64 -d%s, bearer token" % (
        os.cpu_count(), load, DURATION))
    print()
    print("%-44s %-22s %9s %8s %8s %6s %9s" % ("read", "set-up", "req/s", "p50 ms", "p99 ms",
                                               "errors", "/ sqlite"))
    for path in PATHS:
        for tag in ("", " no cache"):
            base = results.get(("sqlite" + tag, path), (0,))[0] or 1
            for kind in ("sqlite", "sqlite via nginx", "pg×2", "pg×2+replica"):
                rps, p50, p99, err = results.get((kind + tag, path), (0, 0, 0, -1))
                print("%-44s %-22s %9.0f %8.2f %8.2f %6d %8.2f×" % (
                    path, kind + tag, rps, p50, p99, err, rps / base))


if __name__ == "__main__":
    main()
