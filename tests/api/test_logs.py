"""Black-box tests of the logs users expect (issue 15) against the real
binary:

  * the login log (GET /api/v1/login-log): every sign-in attempt — a
    success with the client's address and browser, a failure with why
    (wrong_password, unknown_user, disabled, rate_limited) although the
    client hears one message — and every sign-out;
  * who sees which rows: a platform admin all of them, an organisation
    admin their unit's users', everyone else their own; rows of names no
    account holds only the admin; anonymous callers nothing;
  * filters (user_id, ok, from/to as China Standard Time days) and
    exports whose times are China Standard Time with the zone;
  * the operation (audit) log keeps the client's address (shown to an
    admin and to the one it belongs to) and the writes refused with 403
    (action "refused", what was tried, never the body), at most 20 per
    account a minute; anonymous refusals (401) are not logged.

    python3 tests/api/test_logs.py build/chanjiao
"""
import csv
import datetime
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402

ADMIN_PW = "admin-pass-2026"
PW = "password-2026"
CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/120.0.0.0 Safari/537.36")


def cst_day(delta=0):
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)
    return (now.date() + datetime.timedelta(days=delta)).isoformat()


class LogsTest(unittest.TestCase):
    srv = None

    @classmethod
    def setUpClass(cls):
        cls.srv = s = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        cls.admin = a = s.login("admin", ADMIN_PW)

        def mk(path, body):
            st, b = s.post("/api/v1/" + path, body, token=a)
            if st != 201:
                raise AssertionError("fixture %s: %s %s" % (path, st, b))
            return b["id"]

        cls.cA = mk("consortia", {"name": "甲联合体", "kind": "city", "level": "municipal"})
        cls.orgA = mk("organizations", {"name": "甲企业", "type": "enterprise"})
        cls.orgB = mk("organizations", {"name": "乙企业", "type": "enterprise"})
        mk("memberships", {"consortium_id": cls.cA, "organization_id": cls.orgA, "role": "member"})
        mk("memberships", {"consortium_id": cls.cA, "organization_id": cls.orgB, "role": "member"})
        cls.uid = {}
        for name, role, org, cons in [("bossA", "org_admin", cls.orgA, None),
                                      ("staffA", "org_staff", cls.orgA, None),
                                      ("staffB", "org_staff", cls.orgB, None),
                                      ("secA", "secretariat", None, cls.cA),
                                      ("gone", "org_staff", cls.orgA, None),
                                      ("flood", "org_staff", cls.orgB, None)]:
            body = {"username": name, "display_name": "用户" + name, "role": role, "password": PW}
            if org:
                body["organization_id"] = org
            if cons:
                body["consortium_id"] = cons
            cls.uid[name] = mk("users", body)
        cls.tok = {n: cls.sign_in(n) for n in ("bossA", "staffA", "staffB", "secA", "flood")}

    @classmethod
    def tearDownClass(cls):
        if cls.srv:
            cls.srv.stop()

    @classmethod
    def sign_in(cls, user, pw=PW, status=200, agent=CHROME):
        st, b = cls.srv.post("/api/v1/auth/login", {"username": user, "password": pw},
                             headers={"User-Agent": agent})
        if st != status:
            raise AssertionError("login %s: %s %s" % (user, st, b))
        return b.get("token") if st == 200 else b

    def log(self, query="", tok=None):
        if "per_page=" not in query:
            query += "&per_page=200"
        st, b = self.srv.get("/api/v1/login-log?" + query, token=tok or self.admin)
        self.assertEqual(st, 200, b)
        return b

    def audit(self, query="", tok=None):
        st, b = self.srv.get("/api/v1/audit?per_page=500&" + query, token=tok or self.admin)
        self.assertEqual(st, 200, b)
        return b

    # ---- the login log -----------------------------------------------------

    def test_success_has_address_and_browser(self):
        rows = self.log("user_id=%d" % self.uid["staffA"])["items"]
        ok = [r for r in rows if r["event"] == "login" and r["ok"]]
        self.assertTrue(ok, rows)
        r = ok[0]
        self.assertEqual(r["address"], "127.0.0.1")
        self.assertEqual(r["user_agent"], CHROME)
        self.assertEqual(r["username"], "staffA")
        self.assertIsNone(r["reason"])
        self.assertRegex(r["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_failures_say_why(self):
        # The client hears one message for all three; the log knows which.
        msgs = set()
        for user, pw in (("staffA", "not-the-password"), ("nobody-" + cst_day(), PW)):
            b = self.sign_in(user, pw, status=401)
            msgs.add(b["error"]["message"])
        self.assertEqual(len(msgs), 1)
        fails = self.log("ok=false")["items"]
        wrong = [r for r in fails if r["username"] == "staffA"]
        self.assertTrue(wrong and wrong[0]["reason"] == "wrong_password", fails)
        self.assertEqual(wrong[0]["user_id"], self.uid["staffA"])
        self.assertIs(wrong[0]["ok"], False)
        unknown = [r for r in fails if r["username"].startswith("nobody-")]
        self.assertTrue(unknown and unknown[0]["reason"] == "unknown_user", fails)
        self.assertIsNone(unknown[0]["user_id"])
        # A failed attempt changed nothing else: no session, no audit entry.
        self.assertFalse([e for e in self.audit("action=login")["items"]
                          if e["username"] == "nobody-" + cst_day()])

    def test_disabled_account(self):
        st, _ = self.srv.patch("/api/v1/users/%d" % self.uid["gone"], {"disabled": True},
                               token=self.admin)
        self.assertEqual(st, 200)
        self.sign_in("gone", status=401)
        rows = self.log("user_id=%d&ok=false" % self.uid["gone"])["items"]
        self.assertEqual([r["reason"] for r in rows], ["disabled"])

    def test_rate_limited(self):
        # Five failures are free, then the pair waits 1 s, 2 s, 4 s …
        user, tries = "flood", 0
        while tries < 9:
            tries += 1
            st, b = self.srv.post("/api/v1/auth/login", {"username": user, "password": "wrong-x"})
            if st == 429:
                break
            self.assertEqual(st, 401, b)
        self.assertEqual(st, 429, b)
        reasons = [r["reason"] for r in self.log("user_id=%d&ok=false" % self.uid[user])["items"]]
        self.assertEqual(reasons[0], "rate_limited", reasons)
        self.assertEqual(reasons.count("wrong_password"), tries - 1, reasons)
        self.assertGreaterEqual(tries, 6)

    def test_sign_out_is_logged(self):
        tok = self.sign_in("staffB")
        st, _ = self.srv.post("/api/v1/auth/logout", token=tok, headers={"User-Agent": "curl/8.5"})
        self.assertEqual(st, 204)
        rows = self.log("user_id=%d" % self.uid["staffB"])["items"]
        self.assertEqual(rows[0]["event"], "logout")
        self.assertIs(rows[0]["ok"], True)
        self.assertEqual(rows[0]["user_agent"], "curl/8.5")

    def test_who_sees_which_rows(self):
        everyone = self.log()["items"]
        names = {r["username"] for r in everyone}
        self.assertTrue({"staffA", "staffB", "bossA", "secA", "admin"} <= names, names)
        # Everyone else: their own rows alone, whatever they ask for.
        for who in ("staffA", "secA", "staffB"):
            mine = self.log(tok=self.tok[who])["items"]
            self.assertTrue(mine)
            self.assertEqual({r["user_id"] for r in mine}, {self.uid[who]}, who)
            other = self.log("user_id=%d" % self.uid["bossA"], tok=self.tok[who])
            self.assertEqual(other["total"], 0, who)
        # An organisation admin: the users of their organisation, never a
        # row of a name nobody holds.
        boss = self.log(tok=self.tok["bossA"])["items"]
        ids = {r["user_id"] for r in boss}
        self.assertIn(self.uid["staffA"], ids)
        self.assertIn(self.uid["bossA"], ids)
        self.assertNotIn(self.uid["staffB"], ids)
        self.assertNotIn(None, ids)
        # Anonymous: nothing.
        assert_error(self, self.srv.get("/api/v1/login-log"), 401, "unauthorized")

    def test_filters(self):
        day = cst_day()
        self.assertGreater(self.log("from=%s&to=%s" % (day, day))["total"], 0)
        self.assertEqual(self.log("from=%s" % cst_day(1))["total"], 0)
        self.assertEqual(self.log("to=%s" % cst_day(-1))["total"], 0)
        self.assertGreater(self.log("from=2020-01-01T00:00:00Z")["total"], 0)
        for r in self.log("ok=true")["items"]:
            self.assertIs(r["ok"], True)
        page = self.log("per_page=2&page=1")
        self.assertEqual(len(page["items"]), 2)
        for q in ("ok=maybe", "from=2026-02-30", "to=yesterday", "user_id=-1",
                  "from=2026-01-01T00:00:00", "format=pdf"):
            assert_error(self, self.srv.get("/api/v1/login-log?" + q, token=self.admin), 400,
                         "bad_request")

    def test_export_in_china_standard_time(self):
        self.sign_in("secA", "wrong-password-y", status=401)
        st, raw = self.srv.get("/api/v1/login-log?format=csv", token=self.admin, raw=True)
        self.assertEqual(st, 200)
        text = raw.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(rows[0][:3], ["编号", "时间(北京时间)", "事件"])
        self.assertRegex(rows[1][1], r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+8\)$")
        self.assertIn(rows[1][2], ("登录", "登出"))
        self.assertTrue(any(r[4] == "失败" and r[5] == "密码错误" for r in rows[1:]), rows)
        # The CST time is the UTC one eight hours on.
        first = self.log("per_page=1")["items"][0]
        utc = datetime.datetime.strptime(first["at"], "%Y-%m-%dT%H:%M:%SZ")
        cst = datetime.datetime.strptime(rows[1][1][:19], "%Y-%m-%d %H:%M:%S")
        self.assertEqual(cst - utc, datetime.timedelta(hours=8))
        st, raw = self.srv.get("/api/v1/login-log?format=csv&lang=en", token=self.admin, raw=True)
        self.assertTrue(raw.decode("utf-8-sig").startswith("Id,Time (UTC+8),Event"))
        st, raw = self.srv.get("/api/v1/login-log?format=xlsx", token=self.tok["staffA"],
                               raw=True)
        self.assertEqual(st, 200)
        self.assertTrue(raw.startswith(b"PK"))
        # The audit log's export too.
        st, raw = self.srv.get("/api/v1/audit?format=csv", token=self.admin, raw=True)
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:5], ["编号", "时间(北京时间)", "用户", "地址", "操作"])
        self.assertRegex(rows[1][1], r"\(UTC\+8\)$")
        self.assertTrue(any(r[4] == "新增" for r in rows[1:]))

    # ---- the operation log -------------------------------------------------

    def test_audit_keeps_the_address(self):
        mine = [e for e in self.audit("user_id=%d" % self.uid["secA"], self.tok["secA"])["items"]]
        self.assertTrue(mine)
        self.assertEqual({e["address"] for e in mine}, {"127.0.0.1"})
        # Someone else's address is an admin's to see, not the secretariat's.
        others = [e for e in self.audit("", self.tok["secA"])["items"]
                  if e["user_id"] != self.uid["secA"]]
        self.assertTrue(others)
        self.assertEqual({e["address"] for e in others}, {None})
        self.assertEqual({e["address"] for e in self.audit("action=create&entity=consortia")["items"]},
                         {"127.0.0.1"})

    def test_refused_write_is_logged(self):
        path = "/api/v1/organizations/%d" % self.orgA
        body = {"intro": "secret-body-text"}
        st, b = self.srv.patch(path, body, token=self.tok["staffB"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.delete(path, token=self.tok["staffB"])
        self.assertEqual(st, 403, b)
        got = self.audit("action=refused&user_id=%d" % self.uid["staffB"])["items"]
        self.assertEqual([(e["entity"], e["entity_id"], e["after"]["attempt"]) for e in got],
                         [("organizations", self.orgA, "delete"),
                          ("organizations", self.orgA, "update")])
        for e in got:
            self.assertEqual(e["address"], "127.0.0.1")
            self.assertEqual(e["username"], "staffB")
            self.assertIsNone(e["before"])
        self.assertNotIn("secret-body-text", str(got))
        # Nothing changed, and a refused create is logged as well.
        st, org = self.srv.get(path, token=self.admin)
        self.assertNotEqual(org.get("intro"), "secret-body-text")
        st, b = self.srv.post("/api/v1/consortia", {"name": "x", "kind": "city",
                                                    "level": "municipal"},
                              token=self.tok["staffB"])
        self.assertEqual(st, 403, b)
        got = self.audit("action=refused&entity=consortia")["items"]
        self.assertEqual(got[0]["after"], {"attempt": "create"})
        # A failed write that was allowed (422) is not a refusal.
        n = self.audit("action=refused")["total"]
        st, _ = self.srv.patch("/api/v1/organizations/%d" % self.orgA, {"type": "nonsense"},
                               token=self.admin)
        self.assertEqual(st, 422)
        self.assertEqual(self.audit("action=refused")["total"], n)

    def test_anonymous_refusals_are_not_logged(self):
        n = self.audit("action=refused")["total"]
        for _ in range(5):
            st, _ = self.srv.patch("/api/v1/organizations/%d" % self.orgA, {"name": "x"})
            self.assertEqual(st, 401)
        self.assertEqual(self.audit("action=refused")["total"], n)

    def test_refusals_are_capped_per_account(self):
        tok = self.tok["flood"]
        for _ in range(25):
            st, _ = self.srv.delete("/api/v1/organizations/%d" % self.orgA, token=tok)
            self.assertEqual(st, 403)
        got = self.audit("action=refused&user_id=%d" % self.uid["flood"])["total"]
        self.assertEqual(got, 20)


class RetentionTest(unittest.TestCase):
    """serve --log-days N: rows older than N days leave when someone signs in."""

    def test_old_rows_are_pruned(self):
        srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)],
                            extra_args=("--log-days", "30"))
        recent = cjtest_days_ago(29)
        try:
            for at in ("2020-01-01T00:00:00Z", recent):
                srv.query("INSERT INTO login_log(at, event, username, address, ok) "
                          "VALUES(?, 'login', 'admin', '10.9.8.7', 1) RETURNING 1", at)
            tok = srv.login("admin", ADMIN_PW)
            st, b = srv.get("/api/v1/login-log?per_page=50", token=tok)
            self.assertEqual(st, 200, b)
            ats = [r["at"] for r in b["items"]]
            self.assertNotIn("2020-01-01T00:00:00Z", ats)
            self.assertIn(recent, ats)
        finally:
            srv.stop()

    def test_bad_values_are_refused(self):
        for v in ("-1", "x", "", "99999999"):
            p = cjtest.run_cli("serve", "--db", "/nonexistent/x.db", "--listen", "127.0.0.1:0",
                               "--log-days", v)
            self.assertEqual(p.returncode, 2, (v, p.stderr))
            self.assertIn("--log-days", p.stderr)


def cjtest_days_ago(n):
    t = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=n)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


if __name__ == "__main__":
    cjtest.run()
