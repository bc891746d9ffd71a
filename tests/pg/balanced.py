"""What the PostgreSQL scale-out tests share (issue 13): servers behind
nginx with the upstream block of docs/deploy.md, and every GET route of
the API with its placeholders filled, to compare two servers' answers."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import cjtest  # noqa: E402

DEPLOY_MD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs",
                         "deploy.md")
# The demo's callers whose answers are compared: anonymous, platform admin,
# Liuzhou's secretariat, a student, the Ministry's authority.
CALLERS = [None, ("admin", "admin-demo-2026"), ("liuzhou_sec", "secretariat-demo-2026"),
           ("student_demo", "student-demo-2026"), ("moe_vte", "authority-demo-2026")]
# Values for the routes' placeholders: the demo's first of each.
PLACEHOLDERS = {"{id}": "1", "{key}": "members", "{version}": "1", "{entity}": "organizations"}
# Answers that are not the database's alone: the server's own clock and
# build; the audit log, the sign-in log and the caller's own data export
# (stamped with the time), which show the sign-ins a test made on each
# server a moment apart (seen under the sanitizer).
NOT_THE_DATABASE = {"/api/v1/health", "/api/v1/audit", "/api/v1/login-log", "/api/v1/me/data"}


def documented_upstream():
    """The `upstream chanjiao { … }` block of docs/deploy.md."""
    with open(DEPLOY_MD, encoding="utf-8") as f:
        m = re.search(r"(upstream chanjiao \{.*?\n\s*\})", f.read(), re.S)
    assert m, "docs/deploy.md has no upstream chanjiao block"
    return m.group(1)


class Via:
    """The balancer, spoken to as a cjtest.Server."""
    request = cjtest.Server.request
    get = cjtest.Server.get
    post = cjtest.Server.post
    login = cjtest.Server.login

    def __init__(self, port):
        self.port = port


def start_balancer(d, a, b):
    """nginx in folder d in front of servers a and b, as docs/deploy.md
    writes it; (the nginx Popen, a Via to it)."""
    port = cjtest.free_port()
    upstream = documented_upstream()
    upstream = upstream.replace("127.0.0.1:8081", "127.0.0.1:%d" % a.port)
    upstream = upstream.replace("127.0.0.1:8082", "127.0.0.1:%d" % b.port)
    nginx = cjtest.start_nginx(d, "\n".join([
        upstream, "  server {", "    listen 127.0.0.1:%d;" % port, "    location / {",
        "      proxy_pass http://chanjiao;", "      proxy_http_version 1.1;",
        '      proxy_set_header Connection "";', "    }", "  }"]), port)
    return nginx, Via(port)


def read_paths():
    """Every GET route of `chanjiao routes` under /api/, placeholders filled,
    but NOT_THE_DATABASE."""
    paths = []
    for line in cjtest.run_cli("routes").stdout.split("\n"):
        if not line.startswith("GET /api/"):
            continue
        path = line.split()[1]
        for k, v in PLACEHOLDERS.items():
            path = path.replace(k, v)
        if "{" not in path and path not in NOT_THE_DATABASE:
            paths.append(path)
    return paths


def compare_reads(test, one, other, settle=None):
    """Every read_paths() answer of server one and server other, as each
    of CALLERS (signed in on each), byte for byte; settle() runs after the
    sign-ins, before the reads."""
    paths = read_paths()
    test.assertGreater(len(paths), 100)
    compared, differ = 0, []
    for who in CALLERS:
        t1 = one.login(*who) if who else None
        t2 = other.login(*who) if who else None
        if settle:
            settle()
        for path in paths:
            a = one.get(path, token=t1, raw=True)
            b = other.get(path, token=t2, raw=True)
            compared += 1
            if a != b:
                differ.append("%s %s: %d %r… / %d %r…" % (
                    who[0] if who else "anonymous", path, a[0], a[1][:120], b[0], b[1][:120]))
    test.assertEqual(differ, [], "%d of %d answers differ" % (len(differ), compared))
