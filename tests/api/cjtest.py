"""cjtest — the harness of the black-box API tests.

Each test file starts the real `chanjiao` binary (its path is argv[1]) on
an ephemeral port over a fresh database in a temporary folder, talks to it
over HTTP with the standard library only, and stops it at the end.  Run a
file directly: python3 tests/api/test_x.py build/chanjiao

    srv = Server(binary, demo=True)          # starts, waits for the port
    st, body = srv.get("/api/v1/health")     # body parsed as JSON if it is
    tok = srv.login("admin", "pw")           # bearer token
    st, body = srv.post("/api/v1/consortia", {...}, token=tok)
    srv.stop()

Use with unittest: see test_*.py.  Tests print a closing 'N passed, N failed'
line through run().

The contract: when CHANJIAO_CONTRACT_DIR is set (CMake sets it for every
api/ test), each exchange through Server.request — method, path, query,
status, content type and the JSON body (bounded) — is appended as one line
to <dir>/<test file>.jsonl, and the ctest test contract/live checks every
line against docs/openapi.json (tests/contract/validate.mjs).  Requests a
test makes on its own sockets are not recorded.
"""
import http.client
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from urllib.parse import quote

BINARY = None
CONTRACT_BODY_MAX = 256 * 1024  # bodies above this are recorded without their JSON
_contract_file = None


def binary():
    global BINARY
    if BINARY is None:
        BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/chanjiao")
    return BINARY


# Demo accounts (see README.md); the demo loader creates them.
DEMO_PASSWORDS = {
    "admin": "admin-demo-2026",
    "liuzhou_sec": "secretariat-demo-2026",
    "sgmw_admin": "orgadmin-demo-2026",
    "lzvtu_staff": "orgstaff-demo-2026",
    "student_demo": "student-demo-2026",
}


# CJTEST_PG: the URL of a PostgreSQL cluster's database (tests/pg/cluster.sh
# prints one).  When set, every Server without a db of its own serves a new
# database created on that cluster for it and dropped when it stops: the
# whole suite then runs against PostgreSQL (ctest's pgapi/ tests).
PG_CLUSTER = os.environ.get("CJTEST_PG")
_pg_count = 0


def on_pg():
    return bool(PG_CLUSTER)


def sqlite_only(why):
    """A test that reads or writes the SQLite file itself (the backup file,
    a lock held from outside): skipped on PostgreSQL, and run() says so
    without counting it as a failure."""
    return unittest.skipIf(on_pg(), "SQLite only: " + why)


def pg_url(db, cluster=None):
    """The cluster's URL (CJTEST_PG by default) with the database name `db`."""
    return re.sub(r"^(postgres(?:ql)?://[^/]*/)[^?]*", lambda m: m.group(1) + db,
                  cluster or PG_CLUSTER)


def new_pg_database(name, cluster=None):
    """A new, empty database `name` on the cluster (CJTEST_PG by default;
    dropped first if a run before left it); its URL."""
    cluster = cluster or PG_CLUSTER
    psql(cluster, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    psql(cluster, 'CREATE DATABASE "%s"' % name)
    return pg_url(name, cluster)


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_nginx(d, http_blocks, port):
    """Debian's nginx (nginx-light, scripts/install-deps.sh) in the
    foreground with its files under folder d, serving http_blocks (text
    inside `http { }`); waits until it accepts on port.  The Popen, or
    AssertionError saying why (`nginx -t`'s complaint)."""
    import socket
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        raise AssertionError("nginx is missing: run CHANJIAO_TEST=1 bash scripts/install-deps.sh")
    os.makedirs(os.path.join(d, "logs"), exist_ok=True)
    conf = "\n".join([
        "user root;" if os.geteuid() == 0 else "",
        "daemon off;",
        "pid %s;" % os.path.join(d, "nginx.pid"),
        "error_log %s warn;" % os.path.join(d, "logs", "error.log"),
        "events { worker_connections 256; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path %s;" % os.path.join(d, "body"),
        "  proxy_temp_path %s;" % os.path.join(d, "proxy"),
        "  fastcgi_temp_path %s; uwsgi_temp_path %s; scgi_temp_path %s;" % (
            os.path.join(d, "f"), os.path.join(d, "u"), os.path.join(d, "s")),
        http_blocks,
        "}",
    ])
    path = os.path.join(d, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf)
    check = subprocess.run([nginx, "-t", "-p", d, "-c", path], capture_output=True, text=True)
    if check.returncode != 0:
        raise AssertionError("nginx refuses the configuration:\n" + check.stderr)
    proc = subprocess.Popen([nginx, "-p", d, "-c", path], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise AssertionError("nginx did not start")


def psql(url, sql):
    p = subprocess.run(["psql", url, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError("psql: %s: %s" % (sql, p.stderr))
    return p.stdout


class Server:
    def __init__(self, demo=False, users=(), extra_args=(), db=None):
        """users: iterable of (username, password, role, org_id, consortium_id)
        created with `chanjiao user add` before the server starts.  db: a
        PostgreSQL URL to serve instead of a new SQLite file (its uploads
        then go to the temporary folder); with CJTEST_PG set, a new database
        on that cluster."""
        global _pg_count
        self.dir = tempfile.mkdtemp(prefix="cjtest-")
        self.pg_db = None
        if db is None and PG_CLUSTER:
            _pg_count += 1
            self.pg_db = "cjtest_%d_%d" % (os.getpid(), _pg_count)
            db = new_pg_database(self.pg_db)
        self.db = db or os.path.join(self.dir, "t.db")
        # Uploaded files: beside a SQLite file by default (domain/files.h);
        # a database URL has no beside.
        self.uploads = os.path.join(self.dir, "uploads") if db else self.db + ".uploads"
        if db:
            extra_args = (*extra_args, "--uploads", self.uploads)
        for (u, pw, role, org, cons) in users:
            self.cli("user", "add", "--db", self.db, "--username", u, "--role", role,
                     *(["--org", str(org)] if org else []),
                     *(["--consortium", str(cons)] if cons else []), input=pw + "\n", check=True)
        # The API tests see the API alone: no browser app unless asked for
        # (tests/web/ tests the app).
        web = () if "--web" in extra_args else ("--web", "")
        args = [binary(), "serve", "--db", self.db, "--listen", "127.0.0.1:0", *web, *extra_args]
        if demo:
            args.append("--demo")
        self.args = args  # to start it again over the same database
        self.log = open(os.path.join(self.dir, "server.log"), "w+")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.port = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                break
        if not self.port:
            self.stop()
            raise RuntimeError("server did not start; log:\n" + self.read_log())
        # Keep draining stdout so the server never blocks on a full pipe.
        import threading
        self.stdout_lines = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stdout:
            self.stdout_lines.append(line)

    def read_log(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def cli(self, *args, input=None, check=False):
        return run_cli(*args, input=input, check=check)

    def request(self, method, path, body=None, token=None, headers=None, raw=False, record=True):
        """record=False keeps the answer out of the contract log: an answer
        to a failure the test made on purpose (a table taken away), which
        any route may give and the contract does not list per operation."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        data = None
        if body is not None:
            if isinstance(body, (bytes, str)):
                data = body.encode() if isinstance(body, str) else body
            else:
                data = json.dumps(body).encode()
                h.setdefault("Content-Type", "application/json")
        if token:
            h["Authorization"] = "Bearer " + token
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        payload = resp.read()
        self.last_headers = resp.headers
        conn.close()
        if record:
            record_exchange(method, path, resp.status, resp.headers.get("Content-Type", ""),
                            payload, resp.headers.get("Content-Encoding"))
        if raw:
            return resp.status, payload
        ctype = resp.headers.get("Content-Type", "")
        if ctype.startswith("application/json") and payload:
            return resp.status, json.loads(payload)
        return resp.status, payload

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def login(self, username, password=None):
        pw = password if password is not None else DEMO_PASSWORDS[username]
        st, body = self.post("/api/v1/auth/login", {"username": username, "password": pw})
        if st != 200:
            raise AssertionError("login %s failed: %s %s" % (username, st, body))
        return body["token"]

    def stop(self):
        if getattr(self, "proc", None) and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "proc", None) and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, "log", None):
            if os.environ.get("CJTEST_SHOW_LOG"):  # debugging: the server's stderr
                sys.stderr.write(self.read_log())
            self.log.close()
        if getattr(self, "pg_db", None):
            psql(PG_CLUSTER, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.pg_db)
            self.pg_db = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def script(self, sql):
        """Run SQL statements (no parameters) on the server's database,
        SQLite or PostgreSQL, in one transaction."""
        if not self.pg_db:
            import sqlite3
            db = sqlite3.connect(self.db, timeout=30)
            try:
                with db:
                    db.executescript(sql)
            finally:
                db.close()
        else:
            psql(self.db, "BEGIN;\n" + sql + "\n;COMMIT;")

    def query(self, sql, *params):
        """Rows of one SQL statement run on the server's database, SQLite
        or PostgreSQL, with ? placeholders, committed at once (a write
        says how many rows it changed with RETURNING).  On PostgreSQL each
        row is a tuple of strings: compare with str()."""
        if not self.pg_db:
            import sqlite3
            db = sqlite3.connect(self.db, timeout=30, isolation_level=None)
            try:
                return db.execute(sql, params).fetchall()
            finally:
                db.close()
        parts = sql.split("?")
        if len(parts) != len(params) + 1:
            raise ValueError("placeholders and parameters differ")
        text = parts[0]
        for v, rest in zip(params, parts[1:]):
            text += ("NULL" if v is None else str(v) if isinstance(v, (int, float))
                     else "'" + str(v).replace("'", "''") + "'") + rest
        out = psql(self.db, text)
        return [tuple(line.split("|")) for line in out.splitlines()]


def demand_callers(srv):
    """The six callers of the demo's Liuzhou demand lists (anonymous, the
    platform admin, its secretariat, the enterprise SGMW, a school, another
    consortium's secretariat) as {name: token}, and SGMW's id."""
    tok = {
        "anonymous": None,
        "admin": srv.login("admin"),
        "sec": srv.login("liuzhou_sec"),
        "firm": srv.login("sgmw_admin"),
        "school": srv.login("lzvtu_staff"),
        "other_sec": srv.login("changchun_sec", "secretariat-demo-2026"),
    }
    st, b = srv.get("/api/v1/organizations?name=" + quote("上汽通用五菱汽车股份有限公司"),
                    token=tok["admin"])
    assert st == 200 and b["items"], b
    return tok, b["items"][0]["id"]


def add_demand(srv, token, defaults, **kw):
    """POST one demand row, defaults updated by kw, as token: its id."""
    body = dict(defaults, **kw)
    st, d = srv.post("/api/v1/demand", body, token=token)
    assert st == 201, d
    return d["id"]


def record_exchange(method, target, status, ctype, payload, encoding=None):
    """Append one exchange to the contract log (see the note atop), if
    CHANJIAO_CONTRACT_DIR is set.  The file is per test file and started
    afresh by each run; one line per answer."""
    global _contract_file
    folder = os.environ.get("CHANJIAO_CONTRACT_DIR")
    if not folder:
        return
    if _contract_file is None:
        os.makedirs(folder, exist_ok=True)
        name = os.path.splitext(os.path.basename(sys.argv[0]))[0] or "exchanges"
        _contract_file = open(os.path.join(folder, name + ".jsonl"), "w", encoding="utf-8")
    path, _, query = target.partition("?")
    line = {"test": os.path.basename(sys.argv[0]), "method": method, "path": path,
            "query": query, "status": status, "content_type": ctype, "size": len(payload)}
    if encoding == "gzip" and payload and method != "HEAD":  # checked as before compression
        try:
            payload = gzip.decompress(payload)
        except (OSError, EOFError) as e:
            line["body_error"] = "gzip: %s" % e
            ctype = ""
    elif encoding and payload:  # br: the standard library cannot read it
        line["encoding"] = encoding
        ctype = ""
    if ctype.startswith("application/json") and payload:
        if len(payload) <= CONTRACT_BODY_MAX:
            try:
                line["body"] = json.loads(payload)
            except ValueError:
                line["body_error"] = "not JSON: %r" % payload[:80]
        else:
            line["body_omitted"] = True
    _contract_file.write(json.dumps(line, ensure_ascii=False) + "\n")
    _contract_file.flush()


def temp_dir(owner, prefix):
    """A fresh folder removed when owner is done: a TestCase (after the
    test) or a TestCase class (after the class, from setUpClass)."""
    d = tempfile.mkdtemp(prefix=prefix)
    (owner.addClassCleanup if isinstance(owner, type) else owner.addCleanup)(
        shutil.rmtree, d, True)
    return d


def run_cli(*args, input=None, check=False, cwd=None):
    p = subprocess.run([binary(), *args], input=input, capture_output=True, text=True, cwd=cwd)
    if check and p.returncode != 0:
        raise AssertionError("chanjiao %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
    return p


def assert_error(tc, status_body, status, code=None):
    """Check an error answer: the status and the SPEC.md envelope."""
    st, body = status_body
    tc.assertEqual(st, status, body)
    tc.assertIsInstance(body, dict, body)
    tc.assertIn("error", body)
    tc.assertIsInstance(body["error"].get("code"), str)
    tc.assertIsInstance(body["error"].get("message"), str)
    tc.assertIn("details", body["error"])
    if code:
        tc.assertEqual(body["error"]["code"], code, body)
    return body["error"]


def run():
    """Run the unittest cases of __main__ and print 'N passed, N failed'."""
    argv = [sys.argv[0]] + sys.argv[2:]
    prog = unittest.main(argv=argv, exit=False, verbosity=1)
    r = prog.result
    # A skipped test is a failure: a missing fixture or route must not pass
    # quietly.
    # sqlite_only's, on PostgreSQL, are said and not counted.
    backend_only = [(c, w) for (c, w) in r.skipped if w.startswith("SQLite only: ")]
    failed = len(r.failures) + len(r.errors) + len(r.skipped) - len(backend_only)
    passed = r.testsRun - failed - len(backend_only)
    for case, why in r.skipped:
        if (case, why) in backend_only:
            print("not on PostgreSQL: %s: %s" % (case.id(), why[len("SQLite only: "):]))
        else:
            print("SKIPPED (counted as failed): %s: %s" % (case.id(), why))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(0 if failed == 0 and r.testsRun > 0 else 1)
