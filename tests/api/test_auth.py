"""Black-box tests of sign-in, sessions, CSRF, login rate limits and the
audit log against the real binary.

Failed logins are limited per client address (50 per 5 minutes), so this
file keeps well under that on its main server and tests the per-address
limit on a second server of its own; tests/api/test_auth_trust.py tests
the rest of the policy (docs/security.md).

    python3 tests/api/test_auth.py build/chanjiao
"""
import os
import sys
import unittest
import uuid
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402

ADMIN_PW = "admin-pass-2026"
PW = "password-2026"


def tag():
    return uuid.uuid4().hex[:8]


class AuthTest(unittest.TestCase):
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
        cls.cB = mk("consortia", {"name": "乙联合体", "kind": "industry", "level": "national"})
        cls.orgA = mk("organizations", {"name": "甲单位", "type": "enterprise"})
        cls.orgB = mk("organizations", {"name": "乙单位", "type": "enterprise"})
        mk("memberships", {"consortium_id": cls.cA, "organization_id": cls.orgA, "role": "member"})
        mk("memberships", {"consortium_id": cls.cB, "organization_id": cls.orgB, "role": "member"})
        cls.uid = {}
        for name, role, org, cons in [("secA", "secretariat", None, cls.cA),
                                      ("secB", "secretariat", None, cls.cB),
                                      ("staffA", "org_staff", cls.orgA, None),
                                      ("cookie_user", "secretariat", None, cls.cA),
                                      ("limited", "org_staff", cls.orgA, None),
                                      ("bystander", "org_staff", cls.orgA, None),
                                      ("to_disable", "org_staff", cls.orgA, None),
                                      ("to_delete", "org_staff", cls.orgA, None),
                                      ("leaver", "org_staff", cls.orgA, None)]:
            body = {"username": name, "display_name": "用户" + name, "role": role, "password": PW}
            if org:
                body["organization_id"] = org
            if cons:
                body["consortium_id"] = cons
            cls.uid[name] = mk("users", body)
        cls.tok = {n: s.login(n, PW) for n in ("secA", "secB", "staffA")}

    @classmethod
    def tearDownClass(cls):
        if cls.srv:
            cls.srv.stop()

    def err(self, resp, status, code=None):
        e = assert_error(self, resp, status, code)
        self.assertTrue(self.srv.last_headers["Content-Type"].startswith("application/json"))
        return e

    def login_full(self, user, pw=PW):
        st, b = self.srv.post("/api/v1/auth/login", {"username": user, "password": pw})
        self.assertEqual(st, 200, b)
        return b, self.srv.last_headers.get("Set-Cookie", "")

    def cookie(self, token):
        return {"Cookie": "cj_session=" + token}

    # ---- login -----------------------------------------------------------------

    def test_login_sets_cookie_and_token(self):
        b, cookie = self.login_full("cookie_user")
        self.assertIsInstance(b["token"], str)
        self.assertGreaterEqual(len(b["token"]), 40)
        self.assertIsInstance(b["csrf_token"], str)
        self.assertNotEqual(b["csrf_token"], b["token"])
        self.assertGreater(b["expires_in"], 0)
        self.assertEqual(b["user"]["username"], "cookie_user")
        self.assertEqual(b["user"]["role"], "secretariat")
        self.assertEqual(b["user"]["consortium_id"], self.cA)
        self.assertNotIn("password", str(b))
        self.assertNotIn("argon", str(b).lower())
        parts = [p.strip() for p in cookie.split(";")]
        self.assertEqual(parts[0], "cj_session=" + b["token"])
        self.assertIn("HttpOnly", parts)
        self.assertIn("SameSite=Strict", parts)
        self.assertIn("Path=/", parts)
        # the token works as a bearer token and as the cookie
        st, me = self.srv.get("/api/v1/auth/me", token=b["token"])
        self.assertEqual((st, me["username"]), (200, "cookie_user"))
        self.assertNotIn("csrf_token", me)
        st, me = self.srv.get("/api/v1/auth/me", headers=self.cookie(b["token"]))
        self.assertEqual((st, me["username"]), (200, "cookie_user"))
        self.assertEqual(me["csrf_token"], b["csrf_token"])

    def test_wrong_credentials_401(self):
        s = self.srv
        e1 = self.err(s.post("/api/v1/auth/login", {"username": "secB", "password": "wrong-pw"}),
                      401, "unauthorized")
        e2 = self.err(s.post("/api/v1/auth/login", {"username": "nobody_" + tag(),
                                                    "password": "wrong-pw"}), 401, "unauthorized")
        self.assertEqual(e1["message"], e2["message"])  # no hint which one was wrong
        self.assertNotIn("Set-Cookie", s.last_headers)

    def test_login_bad_input(self):
        s = self.srv
        e = self.err(s.post("/api/v1/auth/login", {}), 422, "validation_failed")
        self.assertIn("username", e["details"])
        self.assertIn("password", e["details"])
        e = self.err(s.post("/api/v1/auth/login", {"username": "secA", "password": ""}), 422)
        self.assertIn("password", e["details"])
        e = self.err(s.post("/api/v1/auth/login", {"username": 5, "password": PW}), 422)
        self.assertIn("username", e["details"])
        self.err(s.post("/api/v1/auth/login", "{nope", headers={"Content-Type": "application/json"}),
                 400, "bad_request")
        self.err(s.post("/api/v1/auth/login", "", headers={"Content-Type": "application/json"}),
                 400, "bad_request")
        self.err(s.get("/api/v1/auth/login"), 405, "method_not_allowed")
        self.err(s.get("/api/v1/auth/logout"), 405, "method_not_allowed")
        self.err(s.post("/api/v1/auth/me", {}), 405, "method_not_allowed")

    def test_me(self):
        s = self.srv
        self.err(s.get("/api/v1/auth/me"), 401, "unauthorized")
        self.err(s.get("/api/v1/auth/me", token="garbage"), 401, "unauthorized")
        self.err(s.get("/api/v1/auth/me", token="x" * 500), 401, "unauthorized")
        # a stale or forged cookie is just anonymous
        self.err(s.get("/api/v1/auth/me", headers=self.cookie("forged")), 401, "unauthorized")
        st, b = s.get("/api/v1/consortia", headers=self.cookie("forged"))
        self.assertEqual(st, 200)
        st, me = s.get("/api/v1/auth/me", token=self.tok["staffA"])
        self.assertEqual(st, 200)
        self.assertEqual(me["id"], self.uid["staffA"])
        self.assertEqual(me["organization_id"], self.orgA)
        self.assertIsNone(me["consortium_id"])
        self.assertEqual(me["role"], "org_staff")

    # ---- CSRF ------------------------------------------------------------------

    def test_cookie_writes_need_csrf(self):
        s = self.srv
        b, _ = self.login_full("cookie_user")
        ck, csrf = self.cookie(b["token"]), b["csrf_token"]
        body = {"consortium_id": self.cA, "title": "公告" + tag(), "body": "正文",
                "status": "draft"}
        self.err(s.post("/api/v1/announcements", body, headers=ck), 403, "forbidden")
        self.err(s.post("/api/v1/announcements", body, headers=dict(ck, **{"X-CSRF-Token": "no"})),
                 403, "forbidden")
        self.err(s.post("/api/v1/announcements", body,
                        headers=dict(ck, **{"X-CSRF-Token": b["token"]})), 403, "forbidden")
        self.err(s.post("/api/v1/announcements", body,
                        headers=dict(ck, **{"X-CSRF-Token": csrf[:-1]})), 403, "forbidden")
        # nothing was written
        st, lst = s.get("/api/v1/announcements?q=" + quote(body["title"]), headers=ck)
        self.assertEqual((st, lst["total"]), (200, 0))
        hdr = dict(ck, **{"X-CSRF-Token": csrf})
        st, made = s.post("/api/v1/announcements", body, headers=hdr)
        self.assertEqual(st, 201, made)
        path = "/api/v1/announcements/%d" % made["id"]
        self.err(s.patch(path, {"status": "published"}, headers=ck), 403, "forbidden")
        st, b2 = s.patch(path, {"status": "published"}, headers=hdr)
        self.assertEqual((st, b2["status"]), (200, "published"))
        self.err(s.delete(path, headers=ck), 403, "forbidden")
        st, _ = s.delete(path, headers=hdr)
        self.assertEqual(st, 204)
        # reads need no CSRF token
        st, _ = s.get("/api/v1/auth/me", headers=ck)
        self.assertEqual(st, 200)
        # a cookie-borne logout is a write too
        self.err(s.post("/api/v1/auth/logout", headers=ck), 403, "forbidden")
        st, _ = s.get("/api/v1/auth/me", headers=ck)
        self.assertEqual(st, 200)

    def test_bearer_needs_no_csrf(self):
        s = self.srv
        body = {"consortium_id": self.cA, "title": "公告" + tag(), "body": "正文",
                "status": "draft"}
        st, b = s.post("/api/v1/announcements", body, token=self.tok["secA"])
        self.assertEqual(st, 201, b)
        # a bearer token beside someone's cookie: the bearer decides, no CSRF
        other, _ = self.login_full("bystander")
        st, b = s.post("/api/v1/announcements", dict(body, title="公告" + tag()),
                       token=self.tok["secA"], headers=self.cookie(other["token"]))
        self.assertEqual(st, 201, b)

    def test_login_with_live_cookie(self):
        """Signing in again (say, as someone else) from a browser that still
        holds a session cookie is not refused for want of a CSRF token: a
        login does not act with the cookie's authority."""
        s = self.srv
        old, _ = self.login_full("bystander")
        st, b = s.post("/api/v1/auth/login", {"username": "bystander", "password": PW},
                       headers=self.cookie(old["token"]))
        self.assertEqual(st, 200, b)
        self.assertNotEqual(b["token"], old["token"])

    # ---- logout ----------------------------------------------------------------

    def test_logout_revokes(self):
        s = self.srv
        b1, _ = self.login_full("leaver")
        b2, _ = self.login_full("leaver")
        st, _ = s.post("/api/v1/auth/logout", token=b1["token"])
        self.assertEqual(st, 204)
        self.err(s.get("/api/v1/auth/me", token=b1["token"]), 401, "unauthorized")
        self.err(s.post("/api/v1/auth/logout", token=b1["token"]), 401, "unauthorized")
        self.err(s.get("/api/v1/auth/me", headers=self.cookie(b1["token"])), 401)
        # the user's other session lives on
        st, me = s.get("/api/v1/auth/me", token=b2["token"])
        self.assertEqual((st, me["username"]), (200, "leaver"))
        # cookie logout (with its CSRF token) clears the cookie
        st, _ = s.post("/api/v1/auth/logout",
                       headers=dict(self.cookie(b2["token"]), **{"X-CSRF-Token": b2["csrf_token"]}))
        self.assertEqual(st, 204)
        sc = s.last_headers.get("Set-Cookie", "")
        self.assertTrue(sc.startswith("cj_session=;"), sc)
        self.assertIn("Max-Age=0", sc)
        self.err(s.get("/api/v1/auth/me", token=b2["token"]), 401)
        self.err(s.post("/api/v1/auth/logout"), 401, "unauthorized")

    def test_disabled_and_deleted_users(self):
        s = self.srv
        b, _ = self.login_full("to_disable")
        st, _ = s.patch("/api/v1/users/%d" % self.uid["to_disable"], {"disabled": True},
                        token=self.admin)
        self.assertEqual(st, 200)
        self.err(s.get("/api/v1/auth/me", token=b["token"]), 401, "unauthorized")
        self.err(s.post("/api/v1/auth/login", {"username": "to_disable", "password": PW}), 401)
        st, _ = s.patch("/api/v1/users/%d" % self.uid["to_disable"], {"disabled": False},
                        token=self.admin)
        self.login_full("to_disable")
        b, _ = self.login_full("to_delete")
        st, _ = s.delete("/api/v1/users/%d" % self.uid["to_delete"], token=self.admin)
        self.assertEqual(st, 204)
        self.err(s.get("/api/v1/auth/me", token=b["token"]), 401, "unauthorized")
        # an admin cannot delete their own account
        self.err(s.delete("/api/v1/users/%d" % self.admin_id(), token=self.admin), 409,
                 "conflict")

    def admin_id(self):
        return self.srv.get("/api/v1/auth/me", token=self.admin)[1]["id"]

    def test_role_change_applies_to_live_session(self):
        s = self.srv
        st, b = s.post("/api/v1/users", {"username": "promoted_" + tag(), "display_name": "x",
                                         "role": "org_staff", "organization_id": self.orgA,
                                         "password": PW}, token=self.admin)
        self.assertEqual(st, 201, b)
        tok = s.login(b["username"], PW)
        body = {"consortium_id": self.cA, "title": "公告" + tag(), "body": "x", "status": "draft"}
        self.err(s.post("/api/v1/announcements", body, token=tok), 403, "forbidden")
        st, _ = s.patch("/api/v1/users/%d" % b["id"], {"role": "secretariat",
                                                       "consortium_id": self.cA},
                        token=self.admin)
        self.assertEqual(st, 200)
        st, made = s.post("/api/v1/announcements", body, token=tok)
        self.assertEqual(st, 201, made)

    # ---- rate limits --------------------------------------------------------------

    def test_account_rate_limit_429(self):
        s = self.srv
        for i in range(5):
            self.err(s.post("/api/v1/auth/login", {"username": "limited", "password": "bad%d" % i}),
                     401, "unauthorized")
        self.err(s.post("/api/v1/auth/login", {"username": "limited", "password": "bad-6"}),
                 429, "rate_limited")
        # now even the right password waits
        self.err(s.post("/api/v1/auth/login", {"username": "limited", "password": PW}),
                 429, "rate_limited")
        # other accounts are not affected
        self.login_full("bystander")

    # ---- audit log ----------------------------------------------------------------

    def audit(self, query="", tok=None):
        st, b = self.srv.get("/api/v1/audit?" + query, token=tok or self.admin)
        self.assertEqual(st, 200, b)
        self.assertIsInstance(b["items"], list)
        return b

    def test_audit_visibility(self):
        s = self.srv
        # a change in each consortium
        for who, cons in (("secA", self.cA), ("secB", self.cB)):
            st, _ = s.post("/api/v1/announcements", {"consortium_id": cons, "title": "公告" + tag(),
                                                     "body": "x", "status": "draft"},
                           token=self.tok[who])
            self.assertEqual(st, 201)
        every = self.audit("per_page=500")
        cons_seen = {i["consortium_id"] for i in every["items"]}
        self.assertTrue({self.cA, self.cB} <= cons_seen, cons_seen)
        self.assertIn(None, cons_seen)  # organisations, users: no consortium
        actions = {i["action"] for i in every["items"]}
        self.assertTrue({"create", "login"} <= actions, actions)
        self.assertEqual(every["total"], len(every["items"]))
        # the secretariat sees its consortium's entries only
        mine = self.audit("per_page=500", self.tok["secA"])
        self.assertTrue(mine["items"])
        self.assertEqual({i["consortium_id"] for i in mine["items"]}, {self.cA})
        self.assertLess(mine["total"], every["total"])
        same = self.audit("per_page=500&consortium_id=%d" % self.cA, self.tok["secA"])
        self.assertEqual(same["total"], mine["total"])
        self.err(s.get("/api/v1/audit?consortium_id=%d" % self.cB, token=self.tok["secA"]),
                 403, "forbidden")
        self.err(s.get("/api/v1/audit", token=self.tok["staffA"]), 403, "forbidden")
        self.err(s.get("/api/v1/audit?consortium_id=%d" % self.cA, token=self.tok["staffA"]),
                 403, "forbidden")
        self.err(s.get("/api/v1/audit"), 401, "unauthorized")
        # export as CSV (BOM, Chinese headers) and XLSX, same scope rules
        st, raw = s.get("/api/v1/audit?format=csv", token=self.tok["secA"], raw=True)
        self.assertEqual(st, 200)
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), raw[:20])
        text = raw.decode("utf-8-sig")
        self.assertTrue(text.startswith("编号,时间(北京时间),用户,地址,操作,对象"), text[:80])
        self.assertEqual(len(text.strip().splitlines()) - 1, mine["total"])
        st, raw = s.get("/api/v1/audit?format=xlsx&consortium_id=%d" % self.cA,
                        token=self.tok["secA"], raw=True)
        self.assertEqual(st, 200)
        self.assertTrue(raw.startswith(b"PK"))
        self.err(s.get("/api/v1/audit?format=pdf", token=self.tok["secA"]), 400, "bad_request")
        self.err(s.get("/api/v1/audit?format=csv&consortium_id=%d" % self.cB,
                       token=self.tok["secA"]), 403, "forbidden")
        # the admin may narrow to one consortium
        b = self.audit("per_page=500&consortium_id=%d" % self.cB)
        self.assertEqual({i["consortium_id"] for i in b["items"]}, {self.cB})
        # paging
        p = self.audit("per_page=2&page=2")
        self.assertEqual(len(p["items"]), 2)
        self.assertEqual(p["total"], self.audit("per_page=1")["total"])
        for q in ("per_page=0", "page=0", "consortium_id=x", "consortium_id=-1", "entity_id=x",
                  "user_id=0"):
            self.err(s.get("/api/v1/audit?" + q, token=self.admin), 400, "bad_request")

    def test_audit_update_has_before_and_after(self):
        s = self.srv
        st, _ = s.patch("/api/v1/consortia/%d" % self.cA, {"industry_focus": "汽车"},
                        token=self.admin)
        st, _ = s.patch("/api/v1/consortia/%d" % self.cA, {"industry_focus": "新能源汽车"},
                        token=self.tok["secA"])
        self.assertEqual(st, 200)
        b = self.audit("entity=consortia&entity_id=%d&action=update" % self.cA, self.tok["secA"])
        e = b["items"][0]  # newest first
        self.assertEqual(e["username"], "secA")
        self.assertEqual(e["user_id"], self.uid["secA"])
        self.assertEqual(e["entity"], "consortia")
        self.assertEqual(e["entity_id"], self.cA)
        self.assertEqual(e["consortium_id"], self.cA)
        self.assertEqual(e["before"]["industry_focus"], "汽车")
        self.assertEqual(e["after"]["industry_focus"], "新能源汽车")
        self.assertRegex(e["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # create: after only; delete: before only
        st, made = s.post("/api/v1/announcements", {"consortium_id": self.cA, "title": "公告x",
                                                    "body": "x", "status": "draft"},
                          token=self.tok["secA"])
        st, _ = s.delete("/api/v1/announcements/%d" % made["id"], token=self.tok["secA"])
        b = self.audit("entity=announcements&entity_id=%d" % made["id"], self.tok["secA"])
        self.assertEqual([i["action"] for i in b["items"]], ["delete", "create"])
        self.assertIsNone(b["items"][1]["before"])
        self.assertEqual(b["items"][1]["after"]["title"], "公告x")
        self.assertEqual(b["items"][0]["before"]["title"], "公告x")
        self.assertIsNone(b["items"][0]["after"])
        # filters by user and action
        b = self.audit("user_id=%d&action=create&per_page=500" % self.uid["secA"])
        self.assertTrue(b["items"])
        self.assertTrue(all(i["username"] == "secA" and i["action"] == "create"
                            for i in b["items"]))

    def test_audit_never_holds_passwords(self):
        s = self.srv
        st, _ = s.patch("/api/v1/users/%d" % self.uid["bystander"],
                        {"password": "new-secret-pw-1"}, token=self.admin)
        self.assertEqual(st, 200)
        st, _ = s.patch("/api/v1/users/%d" % self.uid["bystander"], {"password": PW},
                        token=self.admin)
        b = self.audit("entity=users&per_page=500")
        text = str(b)
        self.assertNotIn("new-secret-pw-1", text)
        self.assertNotIn(PW, text)
        self.assertNotIn("$argon2", text)
        upd = [i for i in b["items"] if i["action"] == "update"
               and i["entity_id"] == self.uid["bystander"]]
        self.assertTrue(upd)
        self.assertNotIn("password", upd[0]["before"])
        self.assertEqual(upd[0]["after"]["password"], "(changed)")

    def test_failed_write_leaves_no_audit_entry(self):
        # A write that fails changes nothing and leaves no entry of a change;
        # a refusal (403) leaves one "refused" entry (tests/api/test_logs.py).
        before = self.audit("per_page=1")["total"]
        st, _ = self.srv.post("/api/v1/organizations", {"name": "x"}, token=self.admin)
        self.assertEqual(st, 422)
        self.assertEqual(self.audit("per_page=1")["total"], before)
        st, _ = self.srv.post("/api/v1/announcements", {"consortium_id": self.cB, "title": "公告",
                                                        "body": "x", "status": "draft"},
                              token=self.tok["secA"])
        self.assertEqual(st, 403)
        self.assertEqual(self.audit("per_page=1")["total"], before + 1)
        self.assertEqual(self.audit("per_page=1")["items"][0]["action"], "refused")


class AddressRateLimitTest(unittest.TestCase):
    """50 failed logins per client address in 5 minutes, whatever the
    usernames; then 429 for every account that has not signed in from
    that address before, even with its right password.  Successful logins
    do not count (a school's students behind one NAT address), and the
    accounts known at the address keep signing in (docs/security.md)."""

    def test_address_limit_429(self):
        srv = cjtest.Server(users=[("someone", PW, "platform_admin", None, None),
                                   ("newcomer", PW, "platform_admin", None, None)])
        try:
            for i in range(55):
                st, b = srv.post("/api/v1/auth/login", {"username": "someone", "password": PW})
                self.assertEqual(st, 200, (i, b))
            for i in range(50):
                st, b = srv.post("/api/v1/auth/login", {"username": "guess%d" % i,
                                                        "password": "wrong"})
                self.assertEqual(st, 401, (i, b))
            st, b = srv.post("/api/v1/auth/login", {"username": "newcomer", "password": PW})
            assert_error(self, (st, b), 429, "rate_limited")
            self.assertGreater(int(srv.last_headers["Retry-After"]), 0)
            # the account known at this address still signs in
            st, b = srv.post("/api/v1/auth/login", {"username": "someone", "password": PW})
            self.assertEqual(st, 200, b)
        finally:
            srv.stop()


if __name__ == "__main__":
    cjtest.run()
