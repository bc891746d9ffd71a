"""Black-box tests of personal data (PIPL, 个人信息保护法) against the real
binary: the audit log shows each reader only what the entity's own reads
show them (JSON, CSV and XLSX), its filters refuse unknown values, a
student downloads what the platform holds on them, a school erases a
student (the figures stay, the values go — from the whole database file),
and the retention purge.

    python3 tests/api/test_privacy.py build/chanjiao
"""
import csv
import io
import os
import sys
import unittest
import zipfile
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LIUZHOU = 1


def xlsx_text(raw):
    """Every string of an XLSX file (shared strings and inline cells)."""
    z = zipfile.ZipFile(io.BytesIO(raw))
    return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


class AuditPrivacyTest(unittest.TestCase):
    """Hole 1: the audit log showed a secretariat whole student records and
    placement evaluations.  Hole 11: unknown filter values answered 200."""

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.tok = {u: s.login(u) for u in ("admin", "liuzhou_sec", "lzvtu_staff", "sgmw_admin",
                                            "student_demo")}
        staff = cls.tok["lzvtu_staff"]
        st, b = s.get("/api/v1/students?per_page=1", token=staff)
        assert st == 200 and b["items"], b
        cls.student = b["items"][0]
        st, b = s.patch("/api/v1/students/%d" % cls.student["id"],
                        {"skills": "保密技能SECRETSKILL"}, token=staff)
        assert st == 200, b
        st, b = s.get("/api/v1/placements?per_page=1", token=staff)
        assert st == 200 and b["items"], b
        cls.placement = b["items"][0]
        st, b = s.patch("/api/v1/placements/%d" % cls.placement["id"],
                        {"evaluation": "保密评价SECRETEVAL", "score": 37, "grade": "fail"},
                        token=staff)
        assert st == 200, b
        cls.secrets = ("SECRETSKILL", "SECRETEVAL", cls.student["name"], cls.student["student_no"])

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def audit(self, who, query):
        st, b = self.srv.get("/api/v1/audit?consortium_id=%d&%s" % (LIUZHOU, query),
                             token=self.tok[who])
        self.assertEqual(st, 200, b)
        return b

    def test_secretariat_sees_no_student_record(self):
        b = self.audit("liuzhou_sec", "entity=students&entity_id=%d" % self.student["id"])
        self.assertTrue(b["items"], "the update is logged")
        for i in b["items"]:
            self.assertIsNone(i["before"])
            self.assertIsNone(i["after"])
            self.assertTrue(i["hidden"], i)
        for s in self.secrets:
            self.assertNotIn(s, str(b))

    def test_secretariat_sees_placement_without_private_fields(self):
        b = self.audit("liuzhou_sec", "entity=placements&entity_id=%d" % self.placement["id"])
        upd = [i for i in b["items"] if i["action"] == "update"]
        self.assertTrue(upd)
        for side in ("before", "after"):
            row = upd[0][side]
            self.assertEqual(row["id"], self.placement["id"])  # what it may see stays
            for k in ("student_id", "evaluation", "score", "grade"):
                self.assertNotIn(k, row)
        self.assertNotIn("SECRETEVAL", str(b))

    def test_whole_log_and_exports_hold_no_secret(self):
        b = self.audit("liuzhou_sec", "per_page=500")
        for s in self.secrets:
            self.assertNotIn(s, str(b))
        for fmt in ("csv", "xlsx"):
            for q in ("", "&entity=students", "&entity=placements"):
                st, raw = self.srv.get("/api/v1/audit?consortium_id=%d&format=%s%s"
                                       % (LIUZHOU, fmt, q), token=self.tok["liuzhou_sec"],
                                       raw=True)
                self.assertEqual(st, 200, raw[:200])
                text = raw.decode("utf-8-sig") if fmt == "csv" else xlsx_text(raw)
                self.assertIn("修改", text)  # actions in words (issue 15)
                for s in self.secrets:
                    self.assertNotIn(s, text, (fmt, q))

    def test_csv_rows_of_hidden_entries(self):
        st, raw = self.srv.get("/api/v1/audit?consortium_id=%d&format=csv&entity=students&lang=en"
                               % LIUZHOU, token=self.tok["liuzhou_sec"], raw=True)
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertTrue(rows)
        for r in rows:
            self.assertEqual(r["before"], "")
            self.assertEqual(r["after"], "")

    def test_accounts_are_the_admins_alone(self):
        # an account in the consortium: its snapshots are the platform admin's to read
        st, u = self.srv.post("/api/v1/users", {
            "username": "privacy_probe", "display_name": "账号探针PROBE", "role": "secretariat",
            "consortium_id": LIUZHOU, "password": "probe-password-2026"}, token=self.tok["admin"])
        self.assertEqual(st, 201, u)
        # (accounts belong to no consortium's log: the secretariat never gets the entry)
        b = self.audit("liuzhou_sec", "entity=users&per_page=500")
        self.assertNotIn("账号探针PROBE", str(b))
        self.assertTrue(all(i["before"] is None and i["after"] is None for i in b["items"]))
        st, b = self.srv.get("/api/v1/audit?entity=users&per_page=500", token=self.tok["admin"])
        mine = [i for i in b["items"] if i["entity_id"] == u["id"]]
        self.assertEqual(mine[0]["after"]["display_name"], "账号探针PROBE")
        self.assertNotIn("probe-password-2026", str(b))
        self.assertNotIn("$argon2", str(b))

    def test_round_list_entries_name_no_student_to_the_secretariat(self):
        s, stud = self.srv, self.tok["student_demo"]
        st, rounds = s.get("/api/v1/match-rounds?consortium_id=1", token=self.tok["admin"])
        rid = rounds["items"][0]["id"]
        st, pos = s.get("/api/v1/match-rounds/%d/positions" % rid, token=stud)
        st, b = s.post("/api/v1/match-rounds/%d/my-list" % rid,
                       {"positions": [pos["items"][0]["demand_id"]]}, token=stud)
        self.assertEqual(st, 200, b)
        def lists(who):
            b = self.audit(who, "entity=match_rounds&action=list&entity_id=%d" % rid)
            self.assertTrue(b["items"])
            return b["items"][0]["after"]
        self.assertEqual(lists("admin")["student_id"], self.student_demo_id())
        after = lists("liuzhou_sec")
        self.assertNotIn("student_id", after)
        self.assertEqual(after["choices"], 1)

    def student_demo_id(self):
        st, b = self.srv.get("/api/v1/me/data", token=self.tok["student_demo"])
        return b["students"][0]["id"]

    def test_admin_sees_everything(self):
        b = self.audit("admin", "entity=students&entity_id=%d" % self.student["id"])
        self.assertIn("SECRETSKILL", str(b))
        self.assertFalse(b["items"][0].get("hidden"))
        b = self.audit("admin", "entity=placements&entity_id=%d" % self.placement["id"])
        self.assertIn("SECRETEVAL", str(b))

    def test_others_may_not_read_the_log(self):
        for who in ("lzvtu_staff", "sgmw_admin", "student_demo"):
            cjtest.assert_error(self, self.srv.get("/api/v1/audit?consortium_id=1&entity=students",
                                                   token=self.tok[who]), 403, "forbidden")
        cjtest.assert_error(self, self.srv.get("/api/v1/audit?entity=students"), 401)

    def test_unknown_filter_values_are_refused(self):
        for q in ("entity=%FF", "entity=nosuch", "entity=students%20", "action=%FF",
                  "action=nosuch", "entity_id=1x", "user_id=%FF", "format=%FF",
                  "entity=" + quote("学生")):
            for who in ("admin", "liuzhou_sec"):
                cjtest.assert_error(self, self.srv.get("/api/v1/audit?consortium_id=1&" + q,
                                                       token=self.tok[who]), 400, "bad_request")
        # the known ones still answer
        for q in ("entity=students", "entity=demand_reports", "action=login",
                  "action=close-applications", "entity=users&action=update"):
            self.audit("admin", q)


def grep_db(path, needles):
    """Which of needles (str) occur as UTF-8 bytes in the database file or
    its WAL (after the server stopped)."""
    data = b""
    for suffix in ("", "-wal"):
        if os.path.exists(path + suffix):
            with open(path + suffix, "rb") as f:
                data += f.read()
    return [n for n in needles if n.encode("utf-8") in data]


class ExportTest(unittest.TestCase):
    """GET /api/v1/me/data: everything held on the signed-in user."""

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_student_downloads_their_data(self):
        tok = self.srv.login("student_demo")
        st, b = self.srv.get("/api/v1/me/data", token=tok)
        self.assertEqual(st, 200, b)
        self.assertIn("attachment", self.srv.last_headers.get("Content-Disposition", ""))
        self.assertEqual(b["account"]["username"], "student_demo")
        self.assertNotIn("password", b["account"])
        self.assertNotIn("password_hash", str(b))
        self.assertEqual(len(b["students"]), 1)
        me = b["students"][0]
        self.assertEqual(me["user_id"], b["account"]["id"])
        # the same record the student reads through the register
        st, rec = self.srv.get("/api/v1/students/%d" % me["id"], token=tok)
        self.assertEqual(rec["name"], me["name"])
        # their placements, whole (evaluation included), and nobody else's
        self.assertTrue(b["placements"])
        self.assertTrue(all(p["student_id"] == me["id"] for p in b["placements"]))
        self.assertIn("evaluation", b["placements"][0])
        for k in ("employment_outcomes", "certificates", "round_lists", "round_results"):
            self.assertIsInstance(b[k], list)
        self.assertIn("login", [a["action"] for a in b["own_actions"]["items"]])
        self.assertTrue(all(a["user_id"] == me["user_id"] for a in b["own_actions"]["items"]))
        # and their own sign-ins, with address and browser (issue 15)
        logins = b["login_log"]["items"]
        self.assertTrue(logins)
        self.assertTrue(all(r["user_id"] == me["user_id"] for r in logins))
        self.assertEqual(logins[-1]["address"], "127.0.0.1")

    def test_others_get_only_their_own(self):
        tok = self.srv.login("lzvtu_staff")
        st, b = self.srv.get("/api/v1/me/data", token=tok)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["account"]["username"], "lzvtu_staff")
        self.assertEqual(b["students"], [])
        self.assertEqual(b["placements"], [])
        cjtest.assert_error(self, self.srv.get("/api/v1/me/data"), 401, "unauthorized")
        cjtest.assert_error(self, self.srv.get("/api/v1/me/data", token="forged" * 8), 401)


class EraseTest(unittest.TestCase):
    """POST /api/v1/students/{id}/erase by the student's school."""

    def setUp(self):
        self.srv = cjtest.Server(demo=True)

    def tearDown(self):
        self.srv.stop()

    def test_erase(self):
        s = self.srv
        staff = s.login("lzvtu_staff")
        stok = s.login("student_demo")
        st, me = s.get("/api/v1/auth/me", token=stok)
        uid = me["id"]
        st, mine = s.get("/api/v1/me/data", token=stok)
        stu = mine["students"][0]
        sid, school = stu["id"], stu["school_id"]
        pid = mine["placements"][0]["id"]
        # personal values in every kind of record, and in the audit log
        st, b = s.patch("/api/v1/students/%d" % sid, {"skills": "擦除技能ERASESKILL"}, token=staff)
        self.assertEqual(st, 200, b)
        st, b = s.patch("/api/v1/placements/%d" % pid, {"evaluation": "擦除评价ERASEEVAL",
                                                        "score": 91}, token=staff)
        self.assertEqual(st, 200, b)
        st, cert = s.post("/api/v1/certificates", {
            "consortium_id": LIUZHOU, "organization_id": school, "holder_name": stu["name"],
            "student_id": sid, "occupation_code": "4-12-01-03", "level": "intermediate",
            "certificate_no": "ERASECERTNO-1", "year": 2026}, token=staff)
        self.assertEqual(st, 201, cert)
        st, out = s.post("/api/v1/employment-outcomes", {
            "consortium_id": LIUZHOU, "school_id": school, "year": 2026, "kind": "employed",
            "headcount": 1, "student_id": sid, "note": "擦除备注ERASENOTE"}, token=staff)
        self.assertEqual(st, 201, out)
        secrets = [stu["name"], stu["student_no"], "ERASESKILL", "ERASEEVAL", "ERASECERTNO-1",
                   "ERASENOTE", "student_demo"]
        st, before = s.get("/api/v1/consortia/%d/outcomes" % LIUZHOU)
        self.assertEqual(st, 200)

        # who may not: anonymous, the student, the secretariat, an enterprise
        url = "/api/v1/students/%d/erase" % sid
        cjtest.assert_error(self, s.post(url, {"confirm": True}), 401)
        for who in ("student_demo", "liuzhou_sec", "sgmw_admin"):
            st, b = s.post(url, {"confirm": True}, token=s.login(who))
            self.assertIn(st, (403, 404), (who, b))
            cjtest.assert_error(self, (st, b), st)
        # a bad body after permission, and no confirmation: nothing changes
        cjtest.assert_error(self, s.post(url, "{bad", token=staff,
                                         headers={"Content-Type": "application/json"}), 400)
        e = cjtest.assert_error(self, s.post(url, {}, token=staff), 422)
        self.assertIn("confirm", str(e["details"]))
        st, b = s.get("/api/v1/students/%d" % sid, token=staff)
        self.assertEqual(b["skills"], "擦除技能ERASESKILL")
        cjtest.assert_error(self, s.post("/api/v1/students/999999/erase", {"confirm": True},
                                         token=staff), 404)

        st, res = s.post(url, {"confirm": True}, token=staff)
        self.assertEqual(st, 200, res)
        self.assertEqual(res["student_id"], sid)
        self.assertGreaterEqual(res["placements"], 1)
        self.assertEqual(res["certificates"], 1)
        self.assertEqual(res["employment_outcomes"], 1)
        self.assertTrue(res["account_disabled"])

        # the figures are the same
        st, after = s.get("/api/v1/consortia/%d/outcomes" % LIUZHOU)
        self.assertEqual(after, before)
        # the record is gone; what counts stays without the person
        cjtest.assert_error(self, s.get("/api/v1/students/%d" % sid, token=staff), 404)
        st, p = s.get("/api/v1/placements/%d" % pid, token=staff)
        self.assertEqual(st, 200, p)
        self.assertLess(p["student_id"], 0)
        self.assertIsNone(p["evaluation"])
        self.assertIsNone(p["score"])
        st, c = s.get("/api/v1/certificates/%d" % cert["id"], token=staff)
        self.assertEqual((c["holder_name"], c["student_id"], c["certificate_no"]),
                         ("已删除", None, None))
        st, o = s.get("/api/v1/employment-outcomes/%d" % out["id"], token=staff)
        self.assertEqual((o["headcount"], o["student_id"], o["note"]), (1, None, None))
        # the account: signed out, its sign-in counters and known addresses
        # gone with its name (read beside the running server)...
        cjtest.assert_error(self, s.get("/api/v1/auth/me", token=stok), 401)
        left = [int(r[0]) for r in s.query(
            "SELECT count(*) FROM login_limits WHERE key LIKE '%student_demo%' "
            "UNION ALL SELECT count(*) FROM login_known WHERE username = 'student_demo'")]
        self.assertEqual(left, [0, 0])
        # ...and its login log and the addresses of its audit entries
        left = [int(r[0]) for r in s.query(
            "SELECT count(*) FROM login_log WHERE user_id = ? OR username = 'student_demo' "
            "UNION ALL SELECT count(*) FROM audit_log WHERE user_id = ? AND address IS NOT NULL",
            uid, uid)]
        self.assertEqual(left, [0, 0])
        # ...and it cannot sign in.  (This attempt itself counts as a failed
        # sign-in of that name — a new event, kept a day for the limits —
        # so the name is left out of the search of the file below.)
        in_file = [x for x in secrets if x != "student_demo"]
        st, b = s.post("/api/v1/auth/login", {"username": "student_demo",
                                              "password": cjtest.DEMO_PASSWORDS["student_demo"]})
        self.assertEqual(st, 401, b)
        # the audit log keeps the entries, without the values
        admin = s.login("admin")
        st, log = s.get("/api/v1/audit?entity=students&entity_id=%d&per_page=500" % sid,
                        token=admin)
        acts = [i["action"] for i in log["items"]]
        self.assertEqual(acts[0], "erase")
        self.assertIn("update", acts)
        self.assertIn("create", acts)
        self.assertTrue(all(i["before"] is None for i in log["items"]))
        st, log = s.get("/api/v1/audit?per_page=100000", token=admin)
        text = str(log)
        for x in secrets:
            self.assertNotIn(x, text)
        # and nowhere in the database file (SQLite's: PostgreSQL's old row
        # versions go at VACUUM, their bytes later; docs/deploy.md)
        s.proc.send_signal(cjtest.signal.SIGTERM)
        s.proc.wait(timeout=20)
        if not cjtest.on_pg():
            self.assertEqual(grep_db(s.db, in_file), [])
        self.assertEqual(int(s.query("SELECT count(*) FROM students WHERE id = ?", sid)[0][0]), 0)
        self.assertEqual(int(s.query("SELECT count(*) FROM audit_log WHERE before LIKE ? OR "
                                     "after LIKE ?", "%ERASE%", "%ERASE%")[0][0]), 0)


class PurgeTest(unittest.TestCase):
    """chanjiao privacy purge --years N: students N years after graduation."""

    def test_purge(self):
        srv = cjtest.Server(demo=True)
        try:
            st, before = srv.get("/api/v1/consortia/%d/outcomes" % LIUZHOU)
            # graduation: cohort + 3 (secondary, higher) or + 4 (undergraduate), on 1 July;
            # on 2026-12-02 with 1 year kept, graduates of 2025 and before go.
            q = ("SELECT count(*) FROM students WHERE cohort + CASE level WHEN 'undergraduate' "
                 "THEN 4 ELSE 3 END <= ?")

            def count(sql, *params):
                return int(srv.query(sql, *params)[0][0])
            due = count(q, 2025)
            total = count("SELECT count(*) FROM students")
            names = [r[0] for r in srv.query(
                "SELECT name FROM students WHERE cohort + CASE level WHEN 'undergraduate' THEN 4 "
                "ELSE 3 END <= 2025 ORDER BY id LIMIT 3")]
            self.assertTrue(0 < due < total, (due, total))
            args = ("privacy", "purge", "--db", srv.db, "--years", "1", "--today", "2026-12-02")
            p = cjtest.run_cli(*args, "--dry-run")
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(" %d " % due, p.stdout)
            self.assertEqual(count(q, 2025), due)  # dry run: unchanged
            # before 1 July, the graduates of the year before last only
            p = cjtest.run_cli(*args[:-1], "2026-06-30", "--dry-run")
            self.assertIn("2024", p.stdout)
            p = cjtest.run_cli(*args)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(" %d " % due, p.stdout)
            self.assertEqual(count(q, 2025), 0)
            self.assertEqual(count("SELECT count(*) FROM students"), total - due)
            self.assertEqual(count("SELECT count(*) FROM audit_log WHERE action = 'purge'"), due)
            st, after = srv.get("/api/v1/consortia/%d/outcomes" % LIUZHOU)
            self.assertEqual(after, before)
            # a second run finds nobody
            p = cjtest.run_cli(*args)
            self.assertIn(" 0 ", p.stdout)
            srv.proc.send_signal(cjtest.signal.SIGTERM)
            srv.proc.wait(timeout=20)
            if not cjtest.on_pg():  # the file's bytes (see test_erase)
                self.assertEqual(grep_db(srv.db, names), [])
        finally:
            srv.stop()

    def test_bad_arguments(self):
        for extra in (("--years", "0"), ("--years", "x"), ("--years", "1", "--today", "2026-13"),
                      ("--years", "1", "--bogus")):
            p = cjtest.run_cli("privacy", "purge", "--db", "/nonexistent.db", *extra)
            self.assertEqual(p.returncode, 2, (extra, p.stderr))
        p = cjtest.run_cli("privacy", "purge", "--db", "/nonexistent.db", "--years", "3")
        self.assertEqual(p.returncode, 1)
        self.assertIn("不存在", p.stderr)


if __name__ == "__main__":
    cjtest.run()
