"""Black-box tests of the holes issue 14 found in sign-in, sessions and the
HTTP edge: a login limiter that crafted usernames could evict, lockouts
that cost an attacker nothing, sessions that survived a password change,
login CSRF through text/plain, no Content-Security-Policy, no Secure
cookie behind an HTTPS proxy, common passwords and odd usernames, and
headers that could trickle in forever.  The policy is in docs/security.md.

Several callers at different addresses are simulated with real source
addresses on the loopback network (127.0.0.2, 127.0.0.3, …), and behind a
trusted proxy with X-Forwarded-For.

    python3 tests/api/test_auth_trust.py build/chanjiao

The sign-in limits (holes 2 and 3) are in test_auth_limits.py, which
shares this file's helpers.
"""
import http.client
import json
import os
import socket
import sqlite3
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402

ADMIN_PW = "admin-pass-2026"
PW = "password-2026"
LOGIN = "/api/v1/auth/login"


def tag():
    return uuid.uuid4().hex[:8]


def call(srv, method, path, body=None, token=None, headers=None, source="127.0.0.1"):
    """One request from the loopback address `source`."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30,
                                      source_address=(source, 0))
    h = dict(headers or {})
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    if token:
        h["Authorization"] = "Bearer " + token
    conn.request(method, path, body=data, headers=h)
    resp = conn.getresponse()
    payload = resp.read()
    conn.close()
    srv.last_headers = resp.headers
    if resp.headers.get("Content-Type", "").startswith("application/json") and payload:
        return resp.status, json.loads(payload)
    return resp.status, payload


def login(srv, user, pw, source="127.0.0.1", headers=None):
    return call(srv, "POST", LOGIN, {"username": user, "password": pw}, source=source,
                headers=headers)


def djb2_slot(key):
    """The slot the old fixed limiter table (4096 slots) put `key` in."""
    h = 5381
    for b in key.encode():
        h = (h * 33 + b) & 0xFFFFFFFF
    return h % 4096


class Base(unittest.TestCase):
    extra_args = ()

    @classmethod
    def setUpClass(cls):
        cls.srv = s = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)],
                                    extra_args=cls.extra_args)
        cls.admin = s.login("admin", ADMIN_PW)
        st, b = s.post("/api/v1/organizations", {"name": "甲单位", "type": "enterprise"},
                       token=cls.admin)
        assert st == 201, b
        cls.org = b["id"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def user(self, name=None, pw=PW):
        name = name or "u_" + tag()
        st, b = self.srv.post("/api/v1/users", {"username": name, "display_name": name,
                                                "role": "org_staff", "organization_id": self.org,
                                                "password": pw}, token=self.admin)
        self.assertEqual(st, 201, b)
        return name, b["id"]


class SessionTest(Base):
    """Hole 9 and the session tests that were missing."""

    def test_password_reset_revokes_every_session(self):
        s = self.srv
        name, uid = self.user()
        t1 = s.login(name, PW)
        t2 = s.login(name, PW)
        st, _ = s.patch("/api/v1/users/%d" % uid, {"password": "a-new-pass-2026"}, token=self.admin)
        self.assertEqual(st, 200)
        for t in (t1, t2):
            assert_error(self, s.get("/api/v1/auth/me", token=t), 401, "unauthorized")
            st, me = s.get("/api/v1/auth/me", headers={"Cookie": "cj_session=" + t})
            self.assertEqual(st, 401, me)
        self.assertEqual(login(s, name, PW)[0], 401)
        t3 = s.login(name, "a-new-pass-2026")
        self.assertEqual(s.get("/api/v1/auth/me", token=t3)[0], 200)

    def test_own_password_change_keeps_the_current_session(self):
        s = self.srv
        st, b = s.post("/api/v1/users", {"username": "admin2_" + tag(), "display_name": "管理员",
                                         "role": "platform_admin", "password": PW},
                       token=self.admin)
        self.assertEqual(st, 201, b)
        here, there = s.login(b["username"], PW), s.login(b["username"], PW)
        st, _ = s.patch("/api/v1/users/%d" % b["id"], {"password": "another-pass-2026"},
                        token=here)
        self.assertEqual(st, 200)
        self.assertEqual(s.get("/api/v1/auth/me", token=here)[0], 200)
        assert_error(self, s.get("/api/v1/auth/me", token=there), 401, "unauthorized")

    def test_other_changes_keep_sessions(self):
        s = self.srv
        name, uid = self.user()
        t = s.login(name, PW)
        st, _ = s.patch("/api/v1/users/%d" % uid, {"display_name": "改名"}, token=self.admin)
        self.assertEqual(st, 200)
        self.assertEqual(s.get("/api/v1/auth/me", token=t)[0], 200)

    def expire(self, token):
        import hashlib
        h = hashlib.blake2b(token.encode(), digest_size=32).hexdigest()
        n = len(self.srv.query("UPDATE sessions SET expires_at = ? WHERE token_hash = ? "
                               "RETURNING 1", int(time.time()) - 1, h))
        self.assertEqual(n, 1)

    def test_expired_session(self):
        s = self.srv
        name, _ = self.user()
        t = s.login(name, PW)
        self.assertEqual(s.get("/api/v1/auth/me", token=t)[0], 200)
        self.expire(t)
        assert_error(self, s.get("/api/v1/auth/me", token=t), 401, "unauthorized")
        assert_error(self, s.get("/api/v1/users", token=t), 401, "unauthorized")
        # the cookie is only a stale cookie: the anonymous view
        assert_error(self, s.get("/api/v1/auth/me", headers={"Cookie": "cj_session=" + t}), 401)
        st, anon = s.get("/api/v1/organizations")
        st2, seen = s.get("/api/v1/organizations", headers={"Cookie": "cj_session=" + t})
        self.assertEqual((st, st2), (200, 200))
        self.assertEqual(anon, seen)
        assert_error(self, s.get("/api/v1/users", headers={"Cookie": "cj_session=" + t}), 401)

    def test_forged_cookie_is_anonymous(self):
        s = self.srv
        forged = "A" * 43
        assert_error(self, s.get("/api/v1/auth/me", headers={"Cookie": "cj_session=" + forged}),
                     401, "unauthorized")
        assert_error(self, s.get("/api/v1/users", headers={"Cookie": "cj_session=" + forged}),
                     401, "unauthorized")
        st, anon = s.get("/api/v1/consortia")
        st2, seen = s.get("/api/v1/consortia", headers={"Cookie": "cj_session=" + forged})
        self.assertEqual((st2, seen), (st, anon))
        # a write with a forged cookie is an anonymous write: refused, nothing made
        st, b = s.post("/api/v1/organizations", {"name": "伪造", "type": "enterprise"},
                       headers={"Cookie": "cj_session=" + forged, "X-CSRF-Token": "x"})
        self.assertEqual(st, 401, b)
        st, lst = s.get("/api/v1/organizations?per_page=500", token=self.admin)
        self.assertNotIn("伪造", [o["name"] for o in lst["items"]])


class EdgeTest(Base):
    """From hole 11: login CSRF, CSP, passwords and usernames."""

    def test_login_refuses_non_json(self):
        s = self.srv
        name, _ = self.user()
        body = json.dumps({"username": name, "password": PW})
        for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                      None):
            h = {"Content-Type": ctype} if ctype else {}
            conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
            conn.putrequest("POST", LOGIN)
            for k, v in h.items():
                conn.putheader(k, v)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body.encode())
            resp = conn.getresponse()
            payload = json.loads(resp.read())
            conn.close()
            self.assertEqual(resp.status, 415, (ctype, payload))
            self.assertEqual(payload["error"]["code"], "unsupported_media_type")
            self.assertIsNone(resp.headers.get("Set-Cookie"))
        st, b = s.post(LOGIN, {"username": name, "password": PW},
                       headers={"Content-Type": "application/json; charset=utf-8"})
        self.assertEqual(st, 200, b)

    def test_content_security_policy_on_html(self):
        s = self.srv
        st, _ = s.get("/")
        self.assertEqual(st, 200)
        csp = s.last_headers.get("Content-Security-Policy", "")
        self.assertIn("default-src 'self'", csp)
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-eval", csp)
        self.assertIn("frame-ancestors 'none'", csp)

    def test_common_and_short_passwords_refused(self):
        s = self.srv
        for pw in ("password", "12345678", "PASSWORD", "1qaz2wsx", "qwertyuiop", "iloveyou",
                   "88888888", "woaini1314", "abc12345", "short"):
            name = "pw_" + tag()
            st, b = s.post("/api/v1/users", {"username": name, "display_name": name,
                                             "role": "org_staff", "organization_id": self.org,
                                             "password": pw}, token=self.admin)
            e = assert_error(self, (st, b), 422, "validation_failed")
            self.assertIn("password", e["details"], pw)
            st, lst = s.get("/api/v1/users?username=" + name, token=self.admin)
            self.assertEqual(lst["total"], 0)
        name, uid = self.user()
        e = assert_error(self, s.patch("/api/v1/users/%d" % uid, {"password": "password1"},
                                       token=self.admin), 422, "validation_failed")
        self.assertIn("password", e["details"])
        self.assertEqual(login(s, name, PW)[0], 200)  # unchanged

    def test_usernames_with_spaces_or_controls_refused(self):
        s = self.srv
        for bad in ("a b_" + tag(), "tab\t" + tag(), "nl\n" + tag(),
                    "del\x7f" + tag(), "nbsp\u00a0" + tag(), "ideo\u3000" + tag()):
            st, b = s.post("/api/v1/users", {"username": bad, "display_name": "x",
                                             "role": "org_staff", "organization_id": self.org,
                                             "password": PW}, token=self.admin)
            e = assert_error(self, (st, b), 422, "validation_failed")
            self.assertIn("username", e["details"], repr(bad))
        # Chinese usernames and the usual punctuation stay fine
        self.user("张三_" + tag())
        self.user("li.si-" + tag() + "@example")

    def test_cli_user_add_refuses_bad_usernames_and_passwords(self):
        d = cjtest.temp_dir(self, "cjtest-")
        db = os.path.join(d, "t.db")
        p = cjtest.run_cli("user", "add", "--db", db, "--username", "has space", "--role",
                           "platform_admin", input=PW + "\n")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("username", p.stderr)
        p = cjtest.run_cli("user", "add", "--db", db, "--username", "weakling", "--role",
                           "platform_admin", input="12345678\n")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("password", p.stderr)
        p = cjtest.run_cli("user", "add", "--db", db, "--username", "fine_user", "--role",
                           "platform_admin", input=PW + "\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        db_ = sqlite3.connect(db)
        names = [r[0] for r in db_.execute("SELECT username FROM users")]
        db_.close()
        self.assertEqual(names, ["fine_user"])

    def test_forwarded_headers_ignored_without_a_trusted_proxy(self):
        s = self.srv
        name, _ = self.user()
        st, b = login(s, name, PW, headers={"X-Forwarded-Proto": "https"})
        self.assertEqual(st, 200, b)
        self.assertNotIn("Secure", s.last_headers["Set-Cookie"])
        # X-Forwarded-For does not move an attacker to a fresh address
        victim, _ = self.user()
        for i in range(5):
            login(s, victim, "wrong-%d" % i, source="127.0.0.20",
                  headers={"X-Forwarded-For": "10.9.9.%d" % i})
        assert_error(self, login(s, victim, "wrong", source="127.0.0.20",
                                 headers={"X-Forwarded-For": "10.9.8.1"}), 429)


class ProxyTest(Base):
    """Behind a configured reverse proxy: the client's address and scheme
    come from its X-Forwarded-For and X-Forwarded-Proto."""
    extra_args = ("--trusted-proxy", "127.0.0.1")

    def test_secure_cookie_over_https(self):
        s = self.srv
        name, _ = self.user()
        st, b = login(s, name, PW, headers={"X-Forwarded-Proto": "https",
                                             "X-Forwarded-For": "203.0.113.7"})
        self.assertEqual(st, 200, b)
        parts = [p.strip() for p in s.last_headers["Set-Cookie"].split(";")]
        self.assertIn("Secure", parts)
        st, b = login(s, name, PW, headers={"X-Forwarded-For": "203.0.113.7"})
        self.assertNotIn("Secure", s.last_headers["Set-Cookie"])

    def test_limiter_sees_the_client_behind_the_proxy(self):
        s = self.srv
        name, _ = self.user()
        self.assertEqual(login(s, name, PW, headers={"X-Forwarded-For": "198.51.100.1"})[0], 200)
        for i in range(8):
            login(s, name, "wrong-%d" % i, headers={"X-Forwarded-For": "198.51.100.66"})
        assert_error(self, login(s, name, PW, headers={"X-Forwarded-For": "198.51.100.66"}), 429)
        # the proxy's other clients, and the user's known address, are not held up
        self.assertEqual(login(s, name, PW, headers={"X-Forwarded-For": "198.51.100.1"})[0], 200)
        other, _ = self.user()
        self.assertEqual(login(s, other, PW, headers={"X-Forwarded-For": "198.51.100.2"})[0], 200)
        # a client-supplied X-Forwarded-For before the proxy's own entry is ignored
        assert_error(self, login(s, name, PW, headers={
            "X-Forwarded-For": "198.51.100.1, 198.51.100.66"}), 429)

    def test_untrusted_peer_forwarding_is_ignored(self):
        s = self.srv
        name, _ = self.user()
        st, b = login(s, name, PW, source="127.0.0.30",
                      headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
        self.assertEqual(st, 200, b)
        self.assertNotIn("Secure", s.last_headers["Set-Cookie"])


class SlowHeadersTest(unittest.TestCase):
    """Slowloris: a client that trickles its headers is cut off when the
    header deadline passes, even though every byte resets the idle timer."""

    def test_header_deadline(self):
        srv = cjtest.Server(extra_args=("--header-timeout", "3"))
        try:
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
            sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
            t0 = time.time()
            closed = False
            while time.time() - t0 < 12:
                try:
                    sock.sendall(b"X-Slow: a\r\n")
                    sock.settimeout(1)
                    data = sock.recv(4096)
                    if data == b"":
                        closed = True
                        break
                except socket.timeout:
                    continue
                except OSError:
                    closed = True
                    break
            elapsed = time.time() - t0
            sock.close()
            self.assertTrue(closed, "connection still open after %.1f s" % elapsed)
            self.assertLess(elapsed, 8)
            # a normal client is served as ever
            st, b = srv.get("/api/v1/health")
            self.assertEqual((st, b["status"]), (200, "ok"))
            # a slow client that finishes in time is served too
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
            for part in (b"GET /api/v1/health HTTP/1.1\r\n", b"Host: x\r\n",
                         b"Connection: close\r\n\r\n"):
                sock.sendall(part)
                time.sleep(0.5)
            reply = b""
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                reply += chunk
            sock.close()
            self.assertTrue(reply.startswith(b"HTTP/1.1 200"), reply[:100])
        finally:
            srv.stop()

    @cjtest.sqlite_only("holds SQLite's write lock from outside the server")
    def test_busy_worker_is_not_a_slow_client(self):
        """A request that arrived whole but waits behind another one on a
        busy worker (here: a write waiting for a database lock held
        outside the server) is served when the worker gets to it, not cut
        off by the header deadline."""
        srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)],
                            extra_args=("--header-timeout", "3", "--threads", "1"))
        try:
            token = srv.login("admin", ADMIN_PW)
            holder = sqlite3.connect(srv.db, isolation_level=None, timeout=30)
            holder.execute("BEGIN IMMEDIATE")
            # opened (and accepted) while the worker is free, sent once it is
            # not, well inside the deadline (counted in whole seconds: 2–3 s)
            waiting = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
            waiting.connect()
            time.sleep(0.3)
            blocked = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
            blocked.request("POST", "/api/v1/organizations",
                            body=json.dumps({"name": "锁定时单位", "type": "enterprise"}).encode(),
                            headers={"Content-Type": "application/json",
                                     "Authorization": "Bearer " + token})
            time.sleep(0.7)  # the only worker now waits for the lock
            waiting.request("GET", "/api/v1/health")
            try:
                resp = blocked.getresponse()
                self.assertEqual(resp.status, 503, resp.read())
                resp.read()
                resp = waiting.getresponse()
                self.assertEqual(resp.status, 200, resp.read())
            finally:
                holder.execute("ROLLBACK")
                holder.close()
                blocked.close()
                waiting.close()
        finally:
            srv.stop()


if __name__ == "__main__":
    cjtest.run()
