"""Server lifecycle: health and fixed shapes, graceful shutdown on SIGTERM,
durability of acknowledged writes across kill -9, CLI usage errors."""
import os
import signal
import subprocess
import threading
import time
import unittest

import cjtest
from cjtest import Server, assert_error, run_cli

ADMIN = ("admin", "admin-password-1", "platform_admin", None, None)


class Lifecycle(unittest.TestCase):
    def test_health_and_landing(self):
        srv = Server(users=[ADMIN])
        try:
            st, body = srv.get("/api/v1/health")
            self.assertEqual(st, 200)
            self.assertEqual(body["status"], "ok")
            st, body = srv.get("/api/v1/consortia")
            self.assertEqual(st, 200)
            self.assertEqual(body["items"], [])
            self.assertEqual(body["total"], 0)
            st, page = srv.get("/", raw=True)
            self.assertEqual(st, 200)
            self.assertIn("text/html", srv.last_headers["Content-Type"])
            self.assertIn("产教".encode(), page)
            self.assertNotIn("演示模式".encode(), page)
            # Errors are JSON, never HTML, whatever the path.
            assert_error(self, srv.get("/api/v1/no/such/thing"), 404, "not_found")
            assert_error(self, srv.get("/api/v1/consortia/abc"), 404, "not_found")
            assert_error(self, srv.request("PUT", "/api/v1/consortia"), 405, "method_not_allowed")
        finally:
            srv.stop()

    def test_graceful_shutdown_finishes_in_flight(self):
        srv = Server(users=[ADMIN])
        try:
            tok = srv.login("admin", "admin-password-1")
            results = []

            def create(i):
                st, body = srv.post("/api/v1/organizations",
                                    {"name": "示例单位 %03d（虚构）" % i, "type": "enterprise"}, token=tok)
                results.append(st)

            threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
            for t in threads:
                t.start()
            time.sleep(0.05)
            srv.proc.send_signal(signal.SIGTERM)
            for t in threads:
                t.join()
            self.assertEqual(srv.proc.wait(timeout=20), 0)
            out = "".join(srv.stdout_lines)
            self.assertIn("SIGTERM", out)
            self.assertIn("stopped", out)
            # Whatever was acknowledged is in the database.
            acknowledged = results.count(201)
        finally:
            srv.proc.poll()
        # Restart on the same database and count.
        p = subprocess.Popen(srv.args, stdout=subprocess.PIPE, text=True)
        try:
            line = p.stdout.readline()
            port = int(line.rsplit(":", 1)[1].split()[0])
            import http.client, json
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/api/v1/organizations?per_page=100")
            body = json.loads(c.getresponse().read())
            self.assertEqual(body["total"], acknowledged)
        finally:
            p.terminate()
            p.wait()
            srv.stop()

    def test_acknowledged_write_survives_kill_9(self):
        srv = Server(users=[ADMIN])
        try:
            tok = srv.login("admin", "admin-password-1")
            st, body = srv.post("/api/v1/consortia", {"name": "持久性测试联合体", "kind": "city",
                                                      "level": "municipal", "is_public": True}, token=tok)
            self.assertEqual(st, 201)
            srv.proc.send_signal(signal.SIGKILL)
            srv.proc.wait()
            # The WAL holds the committed transaction; a new process sees it.
            p = run_cli("routes")
            self.assertEqual(p.returncode, 0)
            names = [r[0] for r in srv.query("SELECT name FROM consortia")]
            self.assertIn("持久性测试联合体", names)
        finally:
            srv.stop()

    def test_answer_cache_never_serves_stale_data(self):
        """Repeated reads are served from the per-thread answer cache; a
        write through the API, or a commit by another process, is visible
        to the very next read."""
        srv = Server(users=[ADMIN])
        try:
            tok = srv.login("admin", "admin-password-1")
            path = "/api/v1/organizations?per_page=5"
            for _ in range(6):  # fill every worker thread's cache
                self.assertEqual(srv.get(path)[1]["total"], 0)
            st, _ = srv.post("/api/v1/organizations", {"name": "缓存测试单位", "type": "other"}, token=tok)
            self.assertEqual(st, 201)
            for _ in range(6):
                self.assertEqual(srv.get(path)[1]["total"], 1)
            # Another process commits behind the server's back.
            srv.script("INSERT INTO organizations(name, type, created_at, updated_at) VALUES "
                       "('外部写入单位', 'other', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
            for _ in range(6):
                self.assertEqual(srv.get(path)[1]["total"], 2)
            # A revoked session stops working at once, cached or not.
            for _ in range(4):
                self.assertEqual(srv.get("/api/v1/users", token=tok)[0], 200)
            self.assertEqual(srv.post("/api/v1/auth/logout", token=tok)[0], 204)
            for _ in range(4):
                assert_error(self, srv.get("/api/v1/users", token=tok), 401)
        finally:
            srv.stop()

    def test_serves_the_browser_app(self):
        import tempfile
        web = tempfile.mkdtemp(prefix="cjweb-")
        os.makedirs(os.path.join(web, "assets"))
        with open(os.path.join(web, "index.html"), "w") as f:
            f.write("<!doctype html><title>产教</title><div id=app></div>")
        with open(os.path.join(web, "assets", "index-3f2a1b.js"), "w") as f:
            f.write("console.log('app')")
        with open(os.path.join(web, ".secret"), "w") as f:
            f.write("hidden")
        srv = Server(extra_args=("--web", web))
        try:
            st, body = srv.get("/", raw=True)
            self.assertEqual(st, 200)
            self.assertIn(b"id=app", body)
            self.assertEqual(srv.last_headers["Cache-Control"], "no-cache")
            self.assertTrue(srv.last_headers["Content-Type"].startswith("text/html"))
            # The app's own routes load index.html.
            st, body = srv.get("/consortia/1", raw=True)
            self.assertEqual(st, 200)
            self.assertIn(b"id=app", body)
            # Hashed assets: right type, cached for a year.
            st, body = srv.get("/assets/index-3f2a1b.js", raw=True)
            self.assertEqual(st, 200)
            self.assertEqual(body, b"console.log('app')")
            self.assertTrue(srv.last_headers["Content-Type"].startswith("text/javascript"))
            self.assertIn("immutable", srv.last_headers["Cache-Control"])
            # A missing asset is a JSON 404, not the app.
            assert_error(self, srv.get("/assets/missing.js"), 404, "not_found")
            # Nothing outside the folder or hidden.
            for p in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.secret"):
                st, body = srv.request("GET", p, raw=True)
                self.assertNotIn(b"root:", body)
                self.assertNotIn(b"hidden", body)
            # The API stays the API.
            st, body = srv.get("/api/v1/health")
            self.assertEqual(body["status"], "ok")
            assert_error(self, srv.get("/api/v1/nope"), 404, "not_found")
        finally:
            srv.stop()
            import shutil
            shutil.rmtree(web, ignore_errors=True)

    def test_cli_usage(self):
        p = run_cli("--help")
        self.assertEqual(p.returncode, 0)
        for cmd in ("serve", "user add", "import", "routes"):
            self.assertIn(cmd, p.stdout)
        self.assertEqual(run_cli("frobnicate").returncode, 2)
        self.assertEqual(run_cli("serve", "--db").returncode, 2)
        self.assertEqual(run_cli("serve", "--db", "/tmp/x.db", "--bogus", "1").returncode, 2)
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            p = run_cli("serve", "--db", os.path.join(d, "never.db"), "--listen", "nonsense")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("HOST:PORT", p.stderr)

    def test_user_add(self):
        d = cjtest.temp_dir(self, "cjuser-")
        db = os.path.join(d, "u.db")
        p = run_cli("user", "add", "--db", db, "--username", "boss", "--role", "platform_admin",
                    input="long-password-1\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        # Same username again: refused, nothing changes.
        p = run_cli("user", "add", "--db", db, "--username", "boss", "--role", "platform_admin",
                    input="long-password-1\n")
        self.assertEqual(p.returncode, 1)
        # Bad role, short password, secretariat without consortium: refused with the field named.
        p = run_cli("user", "add", "--db", db, "--username", "user1", "--role", "king", input="long-password-1\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn("role", p.stderr)
        p = run_cli("user", "add", "--db", db, "--username", "user2", "--role", "platform_admin", input="short\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn("password", p.stderr)
        p = run_cli("user", "add", "--db", db, "--username", "user3", "--role", "secretariat", input="long-password-1\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn("consortium_id", p.stderr)
        p = run_cli("user", "add", "--db", db, "--username", "user4", "--role", "org_admin", "--org", "77",
                    input="long-password-1\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn("organization_id", p.stderr)
        p = run_cli("user", "add", "--db", db, "--username", "user5", "--role", "platform_admin", input="")
        self.assertEqual(p.returncode, 1)
        import sqlite3
        con = sqlite3.connect(db)
        self.assertEqual(con.execute("SELECT count(*) FROM users").fetchone()[0], 1)
        h = con.execute("SELECT password_hash FROM users").fetchone()[0]
        con.close()
        self.assertTrue(h.startswith("$argon2id$"), h)


if __name__ == "__main__":
    cjtest.run()
