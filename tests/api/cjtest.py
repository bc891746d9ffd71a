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


class Server:
    def __init__(self, demo=False, users=(), extra_args=(), db=None):
        """users: iterable of (username, password, role, org_id, consortium_id)
        created with `chanjiao user add` before the server starts.  db: a
        PostgreSQL URL to serve instead of a new SQLite file (its uploads
        then go to the temporary folder)."""
        self.dir = tempfile.mkdtemp(prefix="cjtest-")
        self.db = db or os.path.join(self.dir, "t.db")
        if db:
            extra_args = (*extra_args, "--uploads", os.path.join(self.dir, "uploads"))
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

    def request(self, method, path, body=None, token=None, headers=None, raw=False):
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
        record_exchange(method, path, resp.status, resp.headers.get("Content-Type", ""), payload,
                        resp.headers.get("Content-Encoding"))
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
            self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


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
    failed = len(r.failures) + len(r.errors) + len(r.skipped)
    passed = r.testsRun - failed
    for case, why in r.skipped:
        print("SKIPPED (counted as failed): %s: %s" % (case.id(), why))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(0 if failed == 0 and r.testsRun > 0 else 1)
