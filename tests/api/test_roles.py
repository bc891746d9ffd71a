"""Black-box tests of who may act as what (issue 14, holes 6, 7, 8 and 10)
against the real binary on the demo data:

  * a unit acts only as its kind: students, supply, placements and
    employment outcomes name a school; demand and a placement's host name
    an enterprise — for every role, the platform admin included (422
    naming the field), and the outcome figures do not move;
  * a student edits only what is theirs (contact, skills, consent) of the
    school's record of them, on every route;
  * withdrawing consent stops the sharing at once: the enterprise's
    applicants, rankings and reads leave the student out;
  * authorisation comes before validation: a caller who may not do a thing
    gets 401/403 whatever the body holds;
  * a round's list can be saved on its deadline day (China Standard Time)
    and not the day after; a unit that has left a consortium no longer
    edits or publishes its demand, policies or projects there.

    python3 tests/api/test_roles.py build/chanjiao
"""
import datetime
import json
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LIUZHOU = 1


def cst_day(delta=0):
    """Today in China Standard Time, plus delta days, as YYYY-MM-DD."""
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)
    return (now.date() + datetime.timedelta(days=delta)).isoformat()


class RolesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.admin = s.login("admin")
        cls.sec = s.login("liuzhou_sec")
        cls.sgmw_tok = s.login("sgmw_admin")
        cls.school_tok = s.login("lzvtu_staff")
        cls.stud = s.login("student_demo")
        cls.sgmw = cls.org_id("上汽通用五菱汽车股份有限公司")
        cls.lzvtu = cls.org_id("柳州职业技术大学")
        st, me = s.get("/api/v1/students", token=cls.stud)
        assert st == 200 and me["total"] == 1, me
        cls.me = me["items"][0]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    @classmethod
    def org_id(cls, name):
        st, b = cls.srv.get("/api/v1/organizations?name=" + quote(name), token=cls.admin)
        assert st == 200 and b["total"] == 1, b
        return b["items"][0]["id"]

    def total(self, path, token=None):
        st, b = self.srv.get(path, token=token or self.admin)
        self.assertEqual(st, 200, b)
        return b["total"]

    def outcomes(self):
        st, b = self.srv.get("/api/v1/consortia/%d/outcomes" % LIUZHOU)
        self.assertEqual(st, 200, b)
        return b["total"]

    # ---- hole 6: a unit acts only as its kind ---------------------------------

    def student_row(self, school, no):
        return {"consortium_id": LIUZHOU, "school_id": school, "student_no": no,
                "name": "冒名学生（测试）", "major_code": "460702", "level": "higher", "cohort": 2025}

    def demand_row(self, enterprise, title="冒名岗位（测试）"):
        return {"consortium_id": LIUZHOU, "enterprise_id": enterprise, "occupation_code": "6-22-01-01",
                "job_title": title, "kind": "internship", "headcount": 50, "period": 2026,
                "status": "published"}

    def supply_row(self, school):
        return {"consortium_id": LIUZHOU, "school_id": school, "major_code": "460702",
                "level": "higher", "period": 2031, "graduates": 500}

    def outcome_row(self, school):
        return {"consortium_id": LIUZHOU, "school_id": school, "year": 2025, "kind": "employed",
                "headcount": 300}

    def refused_as_kind(self, path, body, token, field, status=422):
        """Whoever may file such rows hears which field names a unit of the
        wrong kind (422); a unit that may never file them, as its kind,
        hears 403 before the body is looked at."""
        if status == 403:
            return cjtest.assert_error(self, self.srv.post(path, body, token=token), 403, "forbidden")
        err = cjtest.assert_error(self, self.srv.post(path, body, token=token), 422, "validation_failed")
        self.assertIn(field, err["details"], err)
        return err

    def test_enterprise_cannot_act_as_school(self):
        before = self.outcomes()
        students = self.total("/api/v1/students?school_id=%d" % self.sgmw)
        supply = self.total("/api/v1/supply?school_id=%d" % self.sgmw)
        for tok in (self.sgmw_tok, self.sec, self.admin):
            unit = 403 if tok == self.sgmw_tok else 422
            # Students are filed by their school alone (the secretariat may not).
            self.refused_as_kind("/api/v1/students", self.student_row(self.sgmw, "X-SGMW-1"), tok,
                                 "school_id", 422 if tok == self.admin else 403)
            self.refused_as_kind("/api/v1/supply", self.supply_row(self.sgmw), tok, "school_id", unit)
            self.refused_as_kind("/api/v1/employment-outcomes", self.outcome_row(self.sgmw), tok,
                                 "school_id", unit)
        self.assertEqual(self.total("/api/v1/students?school_id=%d" % self.sgmw), students)
        self.assertEqual(self.total("/api/v1/supply?school_id=%d" % self.sgmw), supply)
        self.assertEqual(self.outcomes(), before)

    def test_school_cannot_act_as_enterprise(self):
        demand = self.total("/api/v1/demand?enterprise_id=%d" % self.lzvtu)
        st, gap0 = self.srv.get("/api/v1/consortia/%d/gap?period=2026" % LIUZHOU)
        self.assertEqual(st, 200, gap0)
        for tok in (self.school_tok, self.sec, self.admin):
            self.refused_as_kind("/api/v1/demand", self.demand_row(self.lzvtu), tok, "enterprise_id",
                                 403 if tok == self.school_tok else 422)
        self.assertEqual(self.total("/api/v1/demand?enterprise_id=%d" % self.lzvtu), demand)
        st, gap1 = self.srv.get("/api/v1/consortia/%d/gap?period=2026" % LIUZHOU)
        self.assertEqual(gap1, gap0)

    def test_placement_host_is_an_enterprise(self):
        before = self.outcomes()
        body = {"consortium_id": LIUZHOU, "student_id": self.me["id"], "enterprise_id": self.lzvtu, "status": "planned",
                "year": 2026}
        for tok in (self.school_tok, self.admin):
            self.refused_as_kind("/api/v1/placements", body, tok, "enterprise_id")
        self.assertEqual(self.outcomes(), before)

    def test_import_checks_the_kind_too(self):
        csv_text = ("学号,姓名,专业代码,层次,年级\nX-IMP-1,冒名学生（测试）,460702,高职专科,2025\n")
        st, b = self.srv.post("/api/v1/import/students?consortium_id=%d" % LIUZHOU,
                              csv_text.encode(), token=self.sgmw_tok,
                              headers={"Content-Type": "text/csv"})
        self.assertIn(st, (403, 422), b)
        self.assertEqual(self.total("/api/v1/students?school_id=%d" % self.sgmw), 0)

    def test_unit_cannot_change_its_own_kind(self):
        """The kind is the register's word: an enterprise's admin who turns
        the unit into a school could then file students."""
        path = "/api/v1/organizations/%d" % self.sgmw
        err = cjtest.assert_error(self, self.srv.patch(path, {"type": "higher_vocational"},
                                                       token=self.sgmw_tok), 403, "forbidden")
        self.assertIn("type", err["details"], err)
        st, org = self.srv.get(path)
        self.assertEqual(org["type"], "enterprise")
        st, b = self.srv.patch(path, {"type": "enterprise", "short_name": "上汽通用五菱"},
                               token=self.sgmw_tok)
        self.assertEqual((st, b.get("short_name")), (200, "上汽通用五菱"), b)

    def test_right_kind_still_works(self):
        st, d = self.srv.post("/api/v1/demand", self.demand_row(self.sgmw, "真岗位（测试）"),
                              token=self.sgmw_tok)
        self.assertEqual(st, 201, d)
        st, s = self.srv.post("/api/v1/supply", self.supply_row(self.lzvtu), token=self.school_tok)
        self.assertEqual(st, 201, s)
        st, back = self.srv.get("/api/v1/supply/%d" % s["id"], token=self.school_tok)
        self.assertEqual((st, back["school_id"], back["graduates"]), (200, self.lzvtu, 500))
        for path, row in (("demand", d), ("supply", s)):
            st, b = self.srv.delete("/api/v1/%s/%d" % (path, row["id"]), token=self.admin)
            self.assertEqual(st, 204, b)

    # ---- hole 7: a student edits only what is theirs -----------------------------

    def test_student_edits_only_contact_skills_consent(self):
        sid = self.me["id"]
        path = "/api/v1/students/%d" % sid
        st, orig = self.srv.get(path, token=self.school_tok)
        self.assertEqual(st, 200, orig)
        for change in ({"name": "改名（测试）"}, {"major_code": "460701"}, {"level": "undergraduate"},
                       {"certificates": "伪造证书"}, {"cohort": 2020},
                       {"skills": "焊接", "name": "改名（测试）"}):
            err = cjtest.assert_error(self, self.srv.patch(path, change, token=self.stud), 403,
                                      "forbidden")
            self.assertTrue(set(change) - {"skills"} <= set(err["details"] or {}), err)
        st, now = self.srv.get(path, token=self.school_tok)
        self.assertEqual(now, orig)
        # What is theirs: read back.
        st, b = self.srv.patch(path, {"skills": "电池检测、焊接", "phone": "13800000000",
                                      "email": "li.ming@example.cn"}, token=self.stud)
        self.assertEqual(st, 200, b)
        st, now = self.srv.get(path, token=self.school_tok)
        self.assertEqual((now["skills"], now["phone"], now["email"], now["name"]),
                         ("电池检测、焊接", "13800000000", "li.ming@example.cn", orig["name"]))
        # The school still edits the whole record.
        st, b = self.srv.patch(path, {"certificates": orig["certificates"], "skills": orig["skills"]},
                               token=self.school_tok)
        self.assertEqual(st, 200, b)
        # Import: a student cannot rewrite the record by file either.
        csv_text = "学号,姓名,专业代码,层次,年级\n%s,改名（测试）,460701,高职专科,2023\n" % orig["student_no"]
        st, b = self.srv.post("/api/v1/import/students?consortium_id=%d" % LIUZHOU, csv_text.encode(),
                              token=self.stud, headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 403, b)
        st, now = self.srv.get(path, token=self.school_tok)
        self.assertEqual((now["name"], now["major_code"]), (orig["name"], orig["major_code"]))

    # ---- hole 10: authorisation before validation ----------------------------------

    def test_authorisation_before_validation(self):
        s = self.srv
        valid = {"name": "越权联合体（测试）", "kind": "city", "level": "municipal"}
        for body in ({}, {"name": 7}, valid, {"bogus": True}):
            cjtest.assert_error(self, s.post("/api/v1/consortia", body, token=self.sgmw_tok), 403)
            cjtest.assert_error(self, s.post("/api/v1/consortia", body), 401)
        # Not even JSON: still 403/401 first.
        cjtest.assert_error(self, s.request("POST", "/api/v1/consortia", body=b"{not json",
                                            token=self.sgmw_tok,
                                            headers={"Content-Type": "application/json"}), 403)
        # A row for someone else's unit, invalid as well: 403, not 422.
        bad = dict(self.demand_row(self.org_id("广西汽车集团有限公司")), headcount=-1)
        cjtest.assert_error(self, s.post("/api/v1/demand", bad, token=self.sgmw_tok), 403)
        cjtest.assert_error(self, s.post("/api/v1/demand", {"x": 1}, token=self.stud), 403)
        cjtest.assert_error(self, s.post("/api/v1/students", {"name": 1}, token=self.sgmw_tok), 403)
        # PATCH of a row one may read but not edit, with a bad body.
        st, dem = s.get("/api/v1/demand?enterprise_id=%d&status=published" % self.sgmw)
        did = dem["items"][0]["id"]
        cjtest.assert_error(self, s.patch("/api/v1/demand/%d" % did, {"headcount": -5},
                                          token=self.school_tok), 403)
        cjtest.assert_error(self, s.request("PATCH", "/api/v1/demand/%d" % did, body=b"[",
                                            token=self.school_tok,
                                            headers={"Content-Type": "application/json"}), 403)
        # Hand-written routes.
        st, rounds = s.get("/api/v1/match-rounds?consortium_id=%d" % LIUZHOU, token=self.sec)
        rid = rounds["items"][0]["id"]
        for path, tok in (("my-list", self.sgmw_tok), ("my-list", self.sec), ("rankings", self.stud)):
            for body in ({}, {"bogus": 1}, {"demand_id": "x", "students": "y"}):
                cjtest.assert_error(self, s.post("/api/v1/match-rounds/%d/%s" % (rid, path), body,
                                                 token=tok), 403)
        for body in ({}, {"period": "x"}, {"period": 2026}):
            cjtest.assert_error(self, s.post("/api/v1/consortia/%d/demand-reports" % LIUZHOU, body,
                                             token=self.sgmw_tok), 403)
        # Import: no consortium, a bad flag, an empty body — 403 first.
        for q in ("", "?dry_run=maybe", "?consortium_id=x"):
            cjtest.assert_error(self, s.post("/api/v1/import/organizations" + q, b"",
                                             token=self.sgmw_tok), 403)
            cjtest.assert_error(self, s.post("/api/v1/import/demand" + q, b"", token=self.stud), 403)

    def test_every_write_route_refuses_before_reading_the_body(self):
        """Every POST/PATCH/DELETE of the OpenAPI document, anonymous and with
        a garbage body: 401; as a student on routes students never use: 403
        (or 404 for a row the student may not see)."""
        st, doc = self.srv.get("/api/v1/openapi.json")
        self.assertEqual(st, 200)
        student_routes = {("POST", "/api/v1/match-rounds/{id}/my-list"),
                          ("PATCH", "/api/v1/students/{id}"), ("POST", "/api/v1/auth/login"),
                          ("POST", "/api/v1/auth/logout")}
        checked = 0
        for path, ops in doc["paths"].items():
            for method in ops:
                m = method.upper()
                if m not in ("POST", "PATCH", "DELETE", "PUT") or path.startswith("/api/v1/auth/"):
                    continue
                url = path.replace("{id}", "1").replace("{entity}", "demand")
                for body in (b"garbage", b'{"bogus": []}'):
                    st, b = self.srv.request(m, url, body=body,
                                             headers={"Content-Type": "application/json"})
                    self.assertEqual(st, 401, (m, path, b))
                    if (m, path) in student_routes:
                        continue
                    st, b = self.srv.request(m, url, body=body, token=self.stud,
                                             headers={"Content-Type": "application/json"})
                    self.assertIn(st, (403, 404), (m, path, b))
                checked += 1
        self.assertGreater(checked, 40)


class ConsentTest(unittest.TestCase):
    """Hole 8: withdrawing consent stops the sharing, in every enterprise view."""

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.admin = s.login("admin")
        cls.sec = s.login("liuzhou_sec")
        cls.sgmw = s.login("sgmw_admin")
        cls.school = s.login("lzvtu_staff")
        cls.stud = s.login("student_demo")
        st, rounds = s.get("/api/v1/match-rounds?consortium_id=%d" % LIUZHOU, token=cls.sec)
        cls.rid = rounds["items"][0]["id"]
        st, pos = s.get("/api/v1/match-rounds/%d/positions" % cls.rid, token=cls.stud)
        cls.asm = {p["job_title"]: p for p in pos["items"]}["总装顶岗实习生"]["demand_id"]
        st, me = s.get("/api/v1/students", token=cls.stud)
        cls.me = me["items"][0]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def applicants(self):
        st, apps = self.srv.get("/api/v1/match-rounds/%d/applicants" % self.rid, token=self.sgmw)
        self.assertEqual(st, 200, apps)
        mine = {p["demand_id"]: p for p in apps["positions"]}[self.asm]
        return mine

    def set_consent(self, value, tok):
        st, b = self.srv.patch("/api/v1/students/%d" % self.me["id"], {"consent": value}, token=tok)
        self.assertEqual((st, b.get("consent")), (200, value), b)

    def test_withdrawal_stops_sharing(self):
        s, sid = self.srv, self.me["id"]
        st, b = s.post("/api/v1/match-rounds/%d/my-list" % self.rid, {"positions": [self.asm]},
                       token=self.stud)
        self.assertEqual(st, 200, b)
        mine = self.applicants()
        self.assertIn(self.me["name"], [a["name"] for a in mine["applicants"]])
        st, b = s.post("/api/v1/match-rounds/%d/rankings" % self.rid,
                       {"demand_id": self.asm, "students": [sid]}, token=self.sgmw)
        self.assertEqual((st, b.get("students")), (200, [sid]), b)

        self.set_consent(False, self.stud)
        mine = self.applicants()
        text = json.dumps(mine, ensure_ascii=False)
        self.assertNotIn(self.me["name"], text)
        self.assertNotIn(self.me["skills"], text)
        self.assertEqual([a for a in mine["applicants"] if a["student_id"] == sid], [])
        self.assertNotIn(sid, mine["ranking"])
        cjtest.assert_error(self, s.post("/api/v1/match-rounds/%d/rankings" % self.rid,
                                         {"demand_id": self.asm, "students": [sid]}, token=self.sgmw),
                            422)
        cjtest.assert_error(self, s.get("/api/v1/students/%d" % sid, token=self.sgmw), 404)
        st, pos = s.get("/api/v1/match-rounds/%d/positions" % self.rid, token=self.sgmw)
        self.assertEqual({p["demand_id"]: p for p in pos["items"]}[self.asm]["applicants"],
                         len(mine["applicants"]))
        # The list is kept: the student sees it and consenting again brings it back.
        st, my = s.get("/api/v1/match-rounds/%d/my" % self.rid, token=self.stud)
        self.assertEqual([x["demand_id"] for x in my["list"]], [self.asm])
        self.set_consent(True, self.school)
        self.assertIn(self.me["name"], [a["name"] for a in self.applicants()["applicants"]])

    def test_withdrawn_student_is_left_out_of_the_run(self):
        s = self.srv
        # A second student with a list, who then withdraws through the school.
        st, studs = s.get("/api/v1/students?per_page=500&q=" + quote("陈静（示例）"), token=self.school)
        chen = studs["items"][0]
        st, u = s.post("/api/v1/users", {"username": "chen_consent", "display_name": "陈静",
                                         "role": "student", "organization_id": chen["school_id"],
                                         "password": "chen-consent-2026"}, token=self.admin)
        self.assertEqual(st, 201, u)
        st, b = s.patch("/api/v1/students/%d" % chen["id"], {"user_id": u["id"]}, token=self.school)
        self.assertEqual(st, 200, b)
        tok = s.login("chen_consent", "chen-consent-2026")
        st, b = s.post("/api/v1/match-rounds/%d/my-list" % self.rid, {"positions": [self.asm]},
                       token=tok)
        self.assertEqual(st, 200, b)
        st, b = s.patch("/api/v1/students/%d" % chen["id"], {"consent": False}, token=self.school)
        self.assertEqual(st, 200, b)
        for action in ("close", "run"):
            st, b = s.post("/api/v1/match-rounds/%d/%s" % (self.rid, action), {}, token=self.sec)
            self.assertEqual(st, 200, (action, b))
        st, res = s.get("/api/v1/match-rounds/%d/results" % self.rid, token=self.sec)
        self.assertEqual(st, 200, res)
        self.assertNotIn(chen["id"], [r["student_id"] for r in res["items"]])


class DeadlineAndLeavingTest(unittest.TestCase):
    """Missing tests of issue 14: the deadline day in China Standard Time; a
    unit that has left a consortium."""

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.admin = s.login("admin")
        cls.sec = s.login("liuzhou_sec")
        cls.stud = s.login("student_demo")
        st, rounds = s.get("/api/v1/match-rounds?consortium_id=%d" % LIUZHOU, token=cls.sec)
        cls.round = rounds["items"][0]
        st, pos = s.get("/api/v1/match-rounds/%d/positions" % cls.round["id"], token=cls.stud)
        cls.pos = [p["demand_id"] for p in pos["items"]]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_list_saved_on_deadline_day_not_after(self):
        s, rid = self.srv, self.round["id"]
        path = "/api/v1/match-rounds/%d" % rid
        st, b = s.patch(path, {"apply_by": cst_day(0), "rank_by": cst_day(7)}, token=self.sec)
        self.assertEqual((st, b.get("apply_by")), (200, cst_day(0)), b)
        st, b = s.post(path + "/my-list", {"positions": self.pos[:1]}, token=self.stud)
        self.assertEqual(st, 200, b)
        st, my = s.get(path + "/my", token=self.stud)
        self.assertEqual([x["demand_id"] for x in my["list"]], self.pos[:1])
        st, b = s.patch(path, {"apply_by": cst_day(-1)}, token=self.sec)
        self.assertEqual((st, b.get("apply_by")), (200, cst_day(-1)), b)
        cjtest.assert_error(self, s.post(path + "/my-list", {"positions": self.pos[:2]},
                                         token=self.stud), 409, "conflict")
        st, my = s.get(path + "/my", token=self.stud)
        self.assertEqual([x["demand_id"] for x in my["list"]], self.pos[:1])

    def test_unit_that_left_cannot_edit_or_publish(self):
        s = self.srv
        st, org = s.post("/api/v1/organizations", {"name": "即将退出的企业（测试）", "type": "enterprise"},
                         token=self.sec)
        self.assertEqual(st, 201, org)
        st, gov = s.post("/api/v1/organizations", {"name": "即将退出的部门（测试）", "type": "government"},
                         token=self.sec)
        self.assertEqual(st, 201, gov)
        members = []
        for o in (org, gov):
            st, m = s.post("/api/v1/memberships", {"consortium_id": LIUZHOU, "organization_id": o["id"],
                                                   "role": "member", "joined_on": "2024-01-01"},
                           token=self.sec)
            self.assertEqual(st, 201, m)
            members.append(m)
        toks = []
        for i, o in enumerate((org, gov)):
            u = "leaver%d" % i
            st, b = s.post("/api/v1/users", {"username": u, "display_name": u, "role": "org_staff",
                                             "organization_id": o["id"], "password": "leaver-pass-2026"},
                           token=self.admin)
            self.assertEqual(st, 201, b)
            toks.append(s.login(u, "leaver-pass-2026"))
        ent, govt = toks
        demand = {"consortium_id": LIUZHOU, "enterprise_id": org["id"], "occupation_code": "6-22-01-01",
                  "job_title": "退出前的岗位", "kind": "employment", "headcount": 3, "period": 2026,
                  "status": "draft"}
        st, d = s.post("/api/v1/demand", demand, token=ent)
        self.assertEqual(st, 201, d)
        rows = {}
        for kind in ("policies", "projects"):
            st, rows[kind] = s.post("/api/v1/" + kind, {"consortium_id": LIUZHOU,
                                                        "publisher_org_id": gov["id"],
                                                        "title": "退出前的%s" % kind, "status": "draft"},
                                    token=govt)
            self.assertEqual(st, 201, rows[kind])
        # They leave yesterday (China Standard Time).
        for m in members:
            st, b = s.patch("/api/v1/memberships/%d" % m["id"], {"left_on": cst_day(-1)}, token=self.sec)
            self.assertEqual((st, b.get("left_on")), (200, cst_day(-1)), b)
        self.assertIn(s.patch("/api/v1/demand/%d" % d["id"], {"status": "published"}, token=ent)[0],
                      (403, 404))
        self.assertIn(s.post("/api/v1/demand", dict(demand, job_title="退出后的岗位"), token=ent)[0],
                      (403, 404))
        for kind, row in rows.items():
            self.assertIn(s.patch("/api/v1/%s/%d" % (kind, row["id"]), {"status": "published"},
                                  token=govt)[0], (403, 404))
            self.assertIn(s.post("/api/v1/" + kind, {"consortium_id": LIUZHOU,
                                                      "publisher_org_id": gov["id"],
                                                      "title": "退出后的%s" % kind,
                                                      "status": "published"}, token=govt)[0],
                          (403, 404))
        # Nothing changed: read back as the secretariat.
        st, b = s.get("/api/v1/demand/%d" % d["id"], token=self.sec)
        self.assertEqual((st, b["status"]), (200, "draft"), b)
        self.assertEqual(self.total("/api/v1/demand?enterprise_id=%d" % org["id"]), 1)
        for kind, row in rows.items():
            st, b = s.get("/api/v1/%s/%d" % (kind, row["id"]), token=self.sec)
            self.assertEqual((st, b["status"]), (200, "draft"), b)
            self.assertEqual(self.total("/api/v1/%s?publisher_org_id=%d" % (kind, gov["id"])), 1)

    def total(self, path):
        st, b = self.srv.get(path, token=self.sec)
        self.assertEqual(st, 200, b)
        return b["total"]


if __name__ == "__main__":
    cjtest.run()
