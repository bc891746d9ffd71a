"""Black-box tests of placements and outcomes against the real binary: the
demo's figures through GET /consortia/{id}/outcomes (the 柳州职业技术大学–
广西汽车集团 report), who sees a placement and whose names are hidden, the
create/update rules, and imports (GB18030 with Chinese headers, students
by student number, refused files with line numbers and nothing written,
an export that re-imports).

    python3 tests/api/test_outcomes.py build/chanjiao
"""
import csv
import io
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LIUZHOU = 1
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GXAUTO_STAFF = ("gxauto_staff", "gxauto-staff-2026")
PRIVATE = {
    "placements": ("student_id", "evaluation", "score", "grade"),
    "certificates": ("holder_name", "student_id", "certificate_no"),
    "employment_outcomes": ("student_id",),
}


class DemoOutcomesTest(unittest.TestCase):
    """The demo data, read only (besides one account and one evaluation)."""

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        st, orgs = cls.srv.get("/api/v1/organizations?name=" + quote("广西汽车集团有限公司"), token=cls.admin)
        cls.gxauto = orgs["items"][0]["id"]
        st, orgs = cls.srv.get("/api/v1/organizations?name=" + quote("柳州职业技术大学"), token=cls.admin)
        cls.lzvtu = orgs["items"][0]["id"]
        st, b = cls.srv.post("/api/v1/users", {"username": GXAUTO_STAFF[0], "display_name": "集团人事（测试）",
                                               "role": "org_staff", "organization_id": cls.gxauto,
                                               "password": GXAUTO_STAFF[1]}, token=cls.admin)
        assert st == 201, b
        cls.tok = {u: cls.srv.login(u) for u in ("liuzhou_sec", "lzvtu_staff", "sgmw_admin",
                                                  "student_demo")}
        cls.tok["gxauto"] = cls.srv.login(*GXAUTO_STAFF)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def get_ok(self, path, token=None):
        st, b = self.srv.get(path, token=token)
        self.assertEqual(st, 200, b)
        return b

    def all_items(self, path, token=None):
        """Every row of a list, page by page (per_page is at most 500)."""
        items, page = [], 1
        while True:
            b = self.get_ok("%s%spage=%d&per_page=500" % (path, "&" if "?" in path else "?", page),
                            token=token)
            items += b["items"]
            if len(items) >= b["total"] or not b["items"]:
                return items
            page += 1

    # ---- the report's figures, from the records ---------------------------

    def test_demo_figures(self):
        o = self.get_ok("/api/v1/consortia/%d/outcomes" % LIUZHOU)
        self.assertIsNone(o["year"])
        by = {y["year"]: y for y in o["by_year"]}
        self.assertEqual(o["years"], sorted(by))
        # About 200 interns a year.
        for y in (2023, 2024, 2025, 2026):
            self.assertTrue(190 <= by[y]["interns"] <= 210, (y, by[y]["interns"]))
        t = o["total"]
        # Close to 3 000 graduates delivered.
        self.assertTrue(2900 <= t["graduates_delivered"] <= 2999, t["graduates_delivered"])
        self.assertEqual(t["graduates_delivered"], sum(y["graduates_delivered"] for y in o["by_year"]))
        self.assertGreater(t["graduates_by_kind"]["further_study"], 0)  # reported, not delivered
        # 37 grown to 技师 or above; all seven levels listed.
        c = t["certificates"]
        self.assertEqual(c["technician_or_above"], 37)
        self.assertEqual(list(c["by_level"]), ["junior", "intermediate", "senior", "technician",
                                               "senior_technician", "special_technician",
                                               "chief_technician"])
        self.assertEqual(c["technician_or_above"], sum(c["by_level"][k] for k in (
            "technician", "senior_technician", "special_technician", "chief_technician")))
        self.assertGreater(c["by_level"]["junior"], 0)
        # Over 1 000 person-times of new-occupation training.
        tr = t["training"]
        self.assertGreater(tr["by_kind"]["new_occupation"]["person_times"], 1000)
        self.assertEqual(set(tr["by_kind"]), {"new_occupation", "upskilling", "teacher", "other"})
        self.assertEqual(tr["person_times"], sum(k["person_times"] for k in tr["by_kind"].values()))
        # The figures are the same for everyone: aggregates only.
        self.assertEqual(self.get_ok("/api/v1/consortia/%d/outcomes" % LIUZHOU,
                                     token=self.tok["sgmw_admin"]), o)

    def test_one_year_and_bad_parameters(self):
        o = self.get_ok("/api/v1/consortia/%d/outcomes?year=2024" % LIUZHOU)
        self.assertEqual(o["year"], 2024)
        self.assertEqual(o["years"], [2024])
        only = dict(o["by_year"][0])
        del only["year"]
        self.assertEqual(only, o["total"])
        self.assertTrue(190 <= o["total"]["interns"] <= 210)
        empty = self.get_ok("/api/v1/consortia/%d/outcomes?year=2090" % LIUZHOU)
        self.assertEqual(empty["total"]["interns"], 0)
        self.assertEqual(empty["total"]["certificates"]["by_level"]["technician"], 0)
        for bad in ("1999", "abc", "2024.5", ""):
            if bad == "":
                continue
            e = cjtest.assert_error(self, self.srv.get("/api/v1/consortia/1/outcomes?year=" + bad),
                                    400, "bad_request")
            self.assertIn("year", e["details"])
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/999/outcomes"), 404)

    # ---- who sees a placement -------------------------------------------

    def test_placement_visibility(self):
        # The public and another member: nothing, not even by id.
        self.assertEqual(self.get_ok("/api/v1/placements")["total"], 0)
        self.assertEqual(self.get_ok("/api/v1/placements", token=self.tok["sgmw_admin"])["total"], 0)
        any_id = self.get_ok("/api/v1/placements?per_page=1", token=self.admin)["items"][0]["id"]
        cjtest.assert_error(self, self.srv.get("/api/v1/placements/%d" % any_id), 404)
        cjtest.assert_error(self, self.srv.get("/api/v1/placements/%d" % any_id,
                                               token=self.tok["sgmw_admin"]), 404)
        # The school and the host enterprise: every row, whole.
        school = self.get_ok("/api/v1/placements?per_page=500", token=self.tok["lzvtu_staff"])
        host = self.get_ok("/api/v1/placements?per_page=500", token=self.tok["gxauto"])
        self.assertGreater(school["total"], 780)
        self.assertEqual(school["total"], host["total"])
        self.assertTrue(all("student_id" in r and "evaluation" in r for r in school["items"]))
        self.assertTrue(all(r["enterprise_id"] == self.gxauto for r in host["items"]))
        # The secretariat: the rows it counts, without who or how rated.
        sec = self.get_ok("/api/v1/placements?per_page=500", token=self.tok["liuzhou_sec"])
        self.assertEqual(sec["total"], school["total"])
        for r in sec["items"]:
            for k in PRIVATE["placements"]:
                self.assertNotIn(k, r)
        one = self.get_ok("/api/v1/placements/%d" % any_id, token=self.tok["liuzhou_sec"])
        self.assertNotIn("student_id", one)
        # Private fields are neither filters nor sort keys.
        cjtest.assert_error(self, self.srv.get("/api/v1/placements?score=92",
                                               token=self.tok["liuzhou_sec"]), 400)
        cjtest.assert_error(self, self.srv.get("/api/v1/placements?sort=score",
                                               token=self.tok["liuzhou_sec"]), 400)
        # The student: their own placement only.
        own = self.get_ok("/api/v1/placements", token=self.tok["student_demo"])
        self.assertEqual(own["total"], 1)
        me = self.get_ok("/api/v1/students", token=self.tok["student_demo"])["items"][0]
        self.assertEqual(own["items"][0]["student_id"], me["id"])
        self.assertIn("evaluation", own["items"][0])
        # The secretariat's export carries no student numbers; the school's does.
        st, text = self.srv.get("/api/v1/placements?format=csv", token=self.tok["liuzhou_sec"])
        self.assertEqual(st, 200)
        self.assertNotIn("20200001", text.decode("utf-8-sig"))
        st, text = self.srv.get("/api/v1/placements?format=csv", token=self.tok["lzvtu_staff"])
        self.assertIn("20200001", text.decode("utf-8-sig"))

    def test_host_enterprise_reads_its_interns_only(self):
        host = self.tok["gxauto"]
        interns = self.all_items("/api/v1/students", token=host)
        self.assertGreater(len(interns), 780)
        self.assertTrue(all(s["school_id"] == self.lzvtu for s in interns))
        mine = {p["student_id"] for p in self.all_items("/api/v1/placements", token=host)}
        self.assertEqual({s["id"] for s in interns}, mine)
        # 王芳（示例） has no placement: hidden from the enterprise.
        all_students = self.get_ok("/api/v1/students?per_page=500&q=" + quote("王芳"), token=self.tok["lzvtu_staff"])
        wang = all_students["items"][0]["id"]
        cjtest.assert_error(self, self.srv.get("/api/v1/students/%d" % wang, token=host), 404)
        one = next(iter(mine))
        self.get_ok("/api/v1/students/%d" % one, token=host)
        # Reading is not editing.
        cjtest.assert_error(self, self.srv.patch("/api/v1/students/%d" % one, {"skills": "x"},
                                                 token=host), 403)
        # Another enterprise sees none of them.
        self.assertEqual(self.get_ok("/api/v1/students", token=self.tok["sgmw_admin"])["total"], 0)

    def test_host_enterprise_evaluates_but_does_not_place(self):
        host = self.tok["gxauto"]
        p = self.get_ok("/api/v1/placements?per_page=1&status=active", token=host)["items"][0]
        st, b = self.srv.patch("/api/v1/placements/%d" % p["id"],
                               {"evaluation": "表现良好（测试）", "score": 88, "grade": "good",
                                "enterprise_mentor": "测试导师"}, token=host)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["score"], 88)
        # The student sees the evaluation of their own placement.
        own = self.get_ok("/api/v1/placements", token=self.tok["student_demo"])["items"][0]
        st, b = self.srv.patch("/api/v1/placements/%d" % own["id"], {"evaluation": "自评"},
                               token=self.tok["student_demo"])
        cjtest.assert_error(self, (st, b), 403)
        # Immutable: the student, the school and the host.
        e = cjtest.assert_error(self, self.srv.patch("/api/v1/placements/%d" % p["id"],
                                                     {"student_id": 2}, token=host), 422)
        self.assertIn("student_id", e["details"])
        # Placing a student is the school's: the enterprise may not.
        body = {"consortium_id": LIUZHOU, "student_id": p["student_id"], "enterprise_id": self.gxauto,
                "status": "planned", "year": 2027}
        cjtest.assert_error(self, self.srv.post("/api/v1/placements", body, token=host), 403)
        cjtest.assert_error(self, self.srv.post("/api/v1/placements", body,
                                                token=self.tok["liuzhou_sec"]), 403)
        cjtest.assert_error(self, self.srv.post("/api/v1/placements", body), 401)
        st, b = self.srv.post("/api/v1/placements", body, token=self.tok["lzvtu_staff"])
        self.assertEqual(st, 201, b)
        self.assertEqual(b["school_id"], self.lzvtu)
        # A planned placement does not count as an intern placed.
        o = self.get_ok("/api/v1/consortia/%d/outcomes?year=2027" % LIUZHOU)
        self.assertEqual(o["total"]["interns"], 0)
        self.assertEqual(o["total"]["placements"]["by_status"]["planned"], 1)
        self.assertEqual(self.srv.delete("/api/v1/placements/%d" % b["id"],
                                         token=self.tok["lzvtu_staff"])[0], 204)

    def test_names_hidden_from_the_public_and_other_members(self):
        for entity, keys in PRIVATE.items():
            if entity == "placements":
                continue
            for tok in (None, self.tok["sgmw_admin"]):
                rows = self.get_ok("/api/v1/%s?per_page=500" % entity.replace("_", "-"), token=tok)["items"]
                self.assertTrue(rows, entity)
                for r in rows:
                    for k in keys:
                        self.assertNotIn(k, r, (entity, k))
        # The secretariat sees the names of holders who are not students; a
        # student's certificate is the student's personal data (the
        # holder's unit and the student see it, the secretariat does not).
        sec = self.get_ok("/api/v1/certificates?per_page=500", token=self.tok["liuzhou_sec"])["items"]
        self.assertTrue(any("holder_name" in r for r in sec))
        self.assertFalse(any(r.get("student_id") for r in sec))
        school_view = self.get_ok("/api/v1/certificates?per_page=500&organization_id=%d" % self.lzvtu,
                                  token=self.tok["lzvtu_staff"])["items"]
        of_students = {r["id"] for r in school_view if r.get("student_id")}
        self.assertTrue(of_students, "the demo has certificates of students")
        for r in sec:
            if r["id"] in of_students:
                self.assertNotIn("holder_name", r)
                self.assertNotIn("certificate_no", r)
        school = self.get_ok("/api/v1/certificates?per_page=500&organization_id=%d" % self.lzvtu,
                             token=self.tok["lzvtu_staff"])["items"]
        self.assertTrue(school and all(r.get("holder_name") for r in school))
        # …but a school does not see the names of the enterprise's holders.
        firm = self.get_ok("/api/v1/certificates?per_page=500&organization_id=%d" % self.gxauto,
                           token=self.tok["lzvtu_staff"])["items"]
        self.assertTrue(firm and not any("holder_name" in r for r in firm))
        # The public CSV export has no names either.
        st, text = self.srv.get("/api/v1/certificates?format=csv")
        self.assertEqual(st, 200)
        self.assertNotIn("示例持证人", text.decode("utf-8-sig"))


class OutcomesCrudTest(unittest.TestCase):
    """A fresh database: the rules of each register, and imports."""

    ADMIN_PW = "admin-pass-2026"

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("admin", cls.ADMIN_PW, "platform_admin", None, None)])
        cls.admin = cls.srv.login("admin", cls.ADMIN_PW)
        cls.tmp = cjtest.temp_dir(cls, "cjoutcomes-")
        st, c = cls.srv.post("/api/v1/consortia", {"name": "成效测试联合体", "kind": "city",
                                                   "level": "municipal", "is_public": True},
                             token=cls.admin)
        assert st == 201, c
        cls.cid = c["id"]
        st, c = cls.srv.post("/api/v1/consortia", {"name": "非公开成效联合体", "kind": "city",
                                                   "level": "municipal", "is_public": False},
                             token=cls.admin)
        cls.hidden = c["id"]
        cls.firm = cls.org("成效测试企业", "enterprise")
        cls.firm2 = cls.org("成效测试企业乙", "enterprise")
        cls.school = cls.org("成效测试学院", "higher_vocational")
        cls.school2 = cls.org("成效测试学院乙", "higher_vocational")
        cls.tok = {}
        for u, role, org in (("sec", "secretariat", None), ("firm", "org_staff", cls.firm),
                             ("firm2", "org_staff", cls.firm2), ("school", "org_staff", cls.school),
                             ("school2", "org_staff", cls.school2), ("stud", "student", cls.school)):
            body = {"username": u, "display_name": u, "role": role, "password": "pass-" + u + "-2026"}
            if role == "secretariat":
                body["consortium_id"] = cls.cid
            if org:
                body["organization_id"] = org
            st, b = cls.srv.post("/api/v1/users", body, token=cls.admin)
            assert st == 201, b
            if u == "stud":
                cls.stud_user = b["id"]
            cls.tok[u] = cls.srv.login(u, "pass-" + u + "-2026")
        cls.students = {}
        for no, name, school, tok in (("A001", "学生甲", cls.school, "school"),
                                      ("A002", "学生乙", cls.school, "school"),
                                      ("A003", "学生丙", cls.school, "school"),
                                      ("A001", "学生丁", cls.school2, "school2")):
            body = {"consortium_id": cls.cid, "school_id": school, "student_no": no, "name": name,
                    "major_code": "460702", "level": "higher", "cohort": 2022}
            if name == "学生甲":
                body["user_id"] = cls.stud_user
            st, b = cls.srv.post("/api/v1/students", body, token=cls.tok[tok])
            assert st == 201, b
            cls.students[name] = b["id"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    @classmethod
    def org(cls, name, typ):
        st, o = cls.srv.post("/api/v1/organizations", {"name": name, "type": typ}, token=cls.admin)
        assert st == 201, o
        st, m = cls.srv.post("/api/v1/memberships", {"consortium_id": cls.cid, "organization_id": o["id"],
                                                     "role": "member"}, token=cls.admin)
        assert st == 201, m
        return o["id"]

    def write(self, name, text, encoding="utf-8"):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(text.encode(encoding))
        return path

    def count(self, entity, **filters):
        q = "&".join("%s=%s" % kv for kv in filters.items())
        st, b = self.srv.get("/api/v1/%s?per_page=1&consortium_id=%d&%s" % (entity, self.cid, q),
                             token=self.admin)
        self.assertEqual(st, 200, b)
        return b["total"]

    def import_api(self, kind, text, token, encoding="utf-8", dry_run=False):
        return self.srv.post("/api/v1/import/%s?consortium_id=%d%s" % (kind, self.cid,
                                                                       "&dry_run=1" if dry_run else ""),
                             text.encode(encoding), token=token, headers={"Content-Type": "text/csv"})

    # ---- placements -----------------------------------------------------

    def test_placement_rules(self):
        s = self.students["学生乙"]
        base = {"consortium_id": self.cid, "student_id": s, "enterprise_id": self.firm,
                "status": "active", "year": 2025, "starts_on": "2025-03-01"}
        # Another school may not place this student (the school is the student's).
        cjtest.assert_error(self, self.srv.post("/api/v1/placements", base, token=self.tok["school2"]), 403)
        # Naming another school: that school's row, not the caller's to write
        # (authorisation before validation); the admin hears it by name.
        cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, school_id=self.school2),
                                                token=self.tok["school"]), 403)
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, school_id=self.school2),
                                                    token=self.admin), 422)
        self.assertIn("school_id", e["details"])
        # The year is the start date's; the end is not before the start.
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, year=2024),
                                                    token=self.tok["school"]), 422)
        self.assertEqual(list(e["details"]), ["year"])
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, ends_on="2025-01-01"),
                                                    token=self.tok["school"]), 422)
        self.assertIn("ends_on", e["details"])
        # A host that is not a member; a student of another consortium.
        st, o = self.srv.post("/api/v1/organizations", {"name": "非成员企业X", "type": "enterprise"},
                              token=self.admin)
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, enterprise_id=o["id"]),
                                                    token=self.tok["school"]), 422)
        self.assertIn("enterprise_id", e["details"])
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, consortium_id=self.hidden),
                                                    token=self.admin), 422)
        self.assertIn("consortium_id", e["details"])
        # A position of another enterprise.
        st, d = self.srv.post("/api/v1/demand", {"consortium_id": self.cid, "enterprise_id": self.firm2,
                                                 "occupation_code": "6-22-02-01", "job_title": "实习岗",
                                                 "kind": "internship", "headcount": 3, "period": 2025,
                                                 "status": "published"}, token=self.admin)
        self.assertEqual(st, 201, d)
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, demand_id=d["id"]),
                                                    token=self.tok["school"]), 422)
        self.assertIn("enterprise_id", e["details"])
        # The good one, with its position.
        st, p = self.srv.post("/api/v1/placements", dict(base, enterprise_id=self.firm2, demand_id=d["id"]),
                              token=self.tok["school"])
        self.assertEqual(st, 201, p)
        self.assertEqual(p["school_id"], self.school)
        # The other enterprise and school see nothing of it.
        for u in ("firm", "school2", "sec"):
            st, b = self.srv.get("/api/v1/placements/%d" % p["id"], token=self.tok[u])
            if u == "sec":
                self.assertEqual(st, 200)
                self.assertNotIn("student_id", b)
            else:
                self.assertEqual(st, 404, u)
        st, b = self.srv.get("/api/v1/placements/%d" % p["id"], token=self.tok["firm2"])
        self.assertEqual((st, b["student_id"]), (200, s))
        # Bad input of other kinds.
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, status="running"),
                                                    token=self.tok["school"]), 422)
        self.assertIn("status", e["details"])
        e = cjtest.assert_error(self, self.srv.post("/api/v1/placements", dict(base, score=120),
                                                    token=self.tok["school"]), 422)
        self.assertIn("score", e["details"])

    def test_student_sees_own_placement(self):
        s = self.students["学生甲"]
        st, p = self.srv.post("/api/v1/placements", {"consortium_id": self.cid, "student_id": s,
                                                     "enterprise_id": self.firm, "status": "completed",
                                                     "year": 2024, "evaluation": "优秀实习生", "score": 95},
                              token=self.tok["school"])
        self.assertEqual(st, 201, p)
        st, b = self.srv.get("/api/v1/placements", token=self.tok["stud"])
        self.assertEqual(st, 200)
        self.assertEqual([(r["id"], r["evaluation"], r["score"]) for r in b["items"]],
                         [(p["id"], "优秀实习生", 95)])
        # The enterprise may read the student now; before the placement it could not.
        st, b = self.srv.get("/api/v1/students/%d" % s, token=self.tok["firm"])
        self.assertEqual((st, b.get("name")), (200, "学生甲"))
        st, b = self.srv.get("/api/v1/students/%d" % self.students["学生丙"], token=self.tok["firm"])
        self.assertEqual(st, 404)
        # Deleting the placement ends it.
        self.assertEqual(self.srv.delete("/api/v1/placements/%d" % p["id"], token=self.tok["firm"])[0], 403)
        self.assertEqual(self.srv.delete("/api/v1/placements/%d" % p["id"], token=self.tok["school"])[0], 204)
        st, b = self.srv.get("/api/v1/students/%d" % s, token=self.tok["firm"])
        self.assertEqual(st, 404)

    # ---- employment, certificates, trainings ----------------------------

    def test_outcome_certificate_training_rules(self):
        st, b = self.srv.post("/api/v1/employment-outcomes", {
            "consortium_id": self.cid, "school_id": self.school, "year": 2025, "kind": "employed",
            "headcount": 2, "student_id": self.students["学生乙"]}, token=self.tok["school"])
        e = cjtest.assert_error(self, (st, b), 422)
        self.assertIn("headcount", e["details"])
        st, b = self.srv.post("/api/v1/employment-outcomes", {
            "consortium_id": self.cid, "school_id": self.school, "year": 2025, "kind": "employed",
            "headcount": 1, "student_id": self.students["学生乙"], "enterprise_id": self.firm},
            token=self.tok["school"])
        self.assertEqual(st, 201, b)
        st, pub = self.srv.get("/api/v1/employment-outcomes/%d" % b["id"])
        self.assertEqual(st, 200)
        self.assertNotIn("student_id", pub)
        # An enterprise may not report a school's graduates.
        cjtest.assert_error(self, self.srv.post("/api/v1/employment-outcomes", {
            "consortium_id": self.cid, "school_id": self.school, "year": 2025, "kind": "employed",
            "headcount": 5}, token=self.tok["firm"]), 403)
        # Certificates: a number once per consortium.
        cert = {"consortium_id": self.cid, "organization_id": self.firm, "holder_name": "持证人甲",
                "occupation_code": "6-22-02-01", "level": "technician", "certificate_no": "T-0001",
                "issued_on": "2025-06-30", "year": 2025}
        st, c = self.srv.post("/api/v1/certificates", cert, token=self.tok["firm"])
        self.assertEqual(st, 201, c)
        e = cjtest.assert_error(self, self.srv.post("/api/v1/certificates", dict(cert, holder_name="乙"),
                                                    token=self.tok["firm"]), 409)
        self.assertIn("certificate_no", e["details"])
        e = cjtest.assert_error(self, self.srv.post("/api/v1/certificates",
                                                    dict(cert, certificate_no="T-0002", occupation_code="9-99-99-99"),
                                                    token=self.tok["firm"]), 422)
        self.assertIn("occupation_code", e["details"])
        st, other = self.srv.get("/api/v1/certificates/%d" % c["id"], token=self.tok["firm2"])
        self.assertEqual(st, 200)
        self.assertNotIn("holder_name", other)
        self.assertNotIn("certificate_no", other)
        # Trainings: person-times given, or participants × sessions.
        tr = {"consortium_id": self.cid, "title": "新职业培训（测试）", "provider_id": self.school,
              "kind": "new_occupation", "participants": 30, "sessions": 3, "year": 2025}
        st, t = self.srv.post("/api/v1/trainings", tr, token=self.tok["school"])
        self.assertEqual((st, t["person_times_total"], t["person_times"]), (201, 90, None))
        st, t = self.srv.patch("/api/v1/trainings/%d" % t["id"], {"person_times": 100}, token=self.tok["school"])
        self.assertEqual((st, t["person_times_total"]), (200, 100))
        e = cjtest.assert_error(self, self.srv.patch("/api/v1/trainings/%d" % t["id"], {"person_times": 10},
                                                     token=self.tok["school"]), 422)
        self.assertIn("person_times", e["details"])
        e = cjtest.assert_error(self, self.srv.post("/api/v1/trainings", dict(tr, person_times_total=5),
                                                    token=self.tok["school"]), 422)
        self.assertIn("person_times_total", e["details"])
        cjtest.assert_error(self, self.srv.post("/api/v1/trainings", tr, token=self.tok["firm"]), 403)
        # The figures of a non-public consortium are not public.
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/%d/outcomes" % self.hidden), 404)

    # ---- imports ---------------------------------------------------------

    def test_import_gb18030_with_chinese_headers(self):
        before = self.count("placements")
        # A school's own rows: no school column; students by 学号; labels.
        text = ("学号,实习企业,实习岗位,企业导师,上岗日期,结束日期,状态,成绩,年度\r\n"
                "A002,成效测试企业,总装（导入）,导师甲,2023/3/1,2023/8/31,已完成,90,2023\r\n"
                "A003,成效测试企业乙,焊装（导入）,导师乙,2023年3月1日,2023-08-31,已完成,85,2023\r\n")
        st, b = self.import_api("placements", text, self.tok["school"], "gb18030")
        self.assertEqual(st, 200, b)
        self.assertEqual(self.count("placements"), before + 2)
        st, o = self.srv.get("/api/v1/consortia/%d/outcomes?year=2023" % self.cid)
        self.assertEqual(o["total"]["interns"], 2)
        # Certificates over the CLI, GB18030: a student named by number and school-less —
        # A001 is at two schools, so it needs the school: refused, naming the line.
        cert = ("所在单位,持证人,学号,职业编码,等级,证书编号,发证日期,年度\r\n"
                "成效测试企业,持证人丙,,6-22-02-01,高级技师,IMP-1,2024-06-30,2024\r\n"
                "成效测试学院,学生乙,A002,6-22-02-01,中级工,IMP-2,2024-06-30,2024\r\n")
        p = self.srv.cli("import", "certificates", self.write("cert.csv", cert, "gb18030"), "--db",
                         self.srv.db, "--consortium", str(self.cid))
        self.assertEqual(p.returncode, 0, p.stderr)
        st, o = self.srv.get("/api/v1/consortia/%d/outcomes?year=2024" % self.cid)
        self.assertEqual(o["total"]["certificates"]["technician_or_above"], 1)
        amb = ("所在单位,持证人,学号,职业编码,等级,年度\r\n"
               "成效测试学院,学生甲,A001,6-22-02-01,初级工,2024\r\n")
        p = self.srv.cli("import", "certificates", self.write("amb.csv", amb, "gb18030"), "--db",
                         self.srv.db, "--consortium", str(self.cid))
        self.assertEqual(p.returncode, 1)
        self.assertIn("第 2 行", p.stderr)
        self.assertIn("多所学校", p.stderr)
        # Graduates and trainings with their labels and defaults.
        grads = ("学校,毕业年度,专业代码,就业单位,人数\r\n"
                 "成效测试学院,2024,460702,成效测试企业,120\r\n"
                 "成效测试学院,2024,460701,,30\r\n")
        st, b = self.import_api("employment_outcomes", grads, self.tok["sec"], "gb18030")
        self.assertEqual(st, 200, b)
        trains = ("培训项目,承办单位,培训类型,开始日期,学时,参训人数,期数,人次,年度\r\n"
                  "新职业培训（导入）,成效测试学院,新职业培训,2024-05-06,40,50,4,,2024\r\n"
                  "师资培训（导入）,成效测试学院,师资培训,2024-07-01,80,20,,25,2024\r\n")
        st, b = self.import_api("trainings", trains, self.tok["school"], "gb18030")
        self.assertEqual(st, 200, b)
        st, o = self.srv.get("/api/v1/consortia/%d/outcomes?year=2024" % self.cid)
        t = o["total"]
        self.assertEqual(t["graduates_delivered"], 150)  # kind defaults to employed
        self.assertEqual(t["training"]["by_kind"]["new_occupation"]["person_times"], 200)
        self.assertEqual(t["training"]["by_kind"]["teacher"]["person_times"], 25)

    def test_refused_import_changes_nothing(self):
        before = self.count("placements")
        st, o0 = self.srv.get("/api/v1/consortia/%d/outcomes" % self.cid)
        bad = ("学号,实习企业,上岗日期,结束日期,状态,年度\r\n"
               "A002,成效测试企业,2022-03-01,2022-08-31,已完成,2022\r\n"     # good
               "Z999,成效测试企业,2022-03-01,2022-08-31,已完成,2022\r\n"     # no such student
               "A003,成效测试企业,2022-03-01,2022-08-31,暂停,2022\r\n"       # bad status
               "A003,成效测试企业,2022-09-01,2022-08-31,已完成,2022\r\n"     # ends before start
               "A003,成效测试企业,2022-04-01,,已完成,2021\r\n"               # year not the start's
               "A002,成效测试企业,2022-03-01,2022-08-31,已完成,2022\r\n")    # duplicates line 2
        st, b = self.import_api("placements", bad, self.tok["school"], "gb18030")
        err = cjtest.assert_error(self, (st, b), 422, "validation_failed")
        rows = err["details"]["rows"]
        self.assertEqual(sorted({r["line"] for r in rows}), [3, 4, 5, 6, 7])
        by_line = {r["line"]: r["field"] for r in rows}
        self.assertEqual(by_line[3], "student_id")
        self.assertEqual(by_line[4], "status")
        self.assertEqual(by_line[5], "ends_on")
        self.assertEqual(by_line[6], "year")
        self.assertEqual(self.count("placements"), before)
        st, o1 = self.srv.get("/api/v1/consortia/%d/outcomes" % self.cid)
        self.assertEqual(o0, o1)
        # The same over the CLI: exit 1, the lines in the report, nothing written.
        p = self.srv.cli("import", "placements", self.write("bad.csv", bad, "gb18030"), "--db",
                         self.srv.db, "--consortium", str(self.cid))
        self.assertEqual(p.returncode, 1)
        for line in ("第 3 行", "第 4 行", "第 5 行", "第 6 行", "第 7 行"):
            self.assertIn(line, p.stderr)
        self.assertNotIn("第 2 行 (line 2)", p.stderr)
        self.assertEqual(self.count("placements"), before)
        # Another school's students are not found from this school.
        text = "学号,实习企业,状态,年度\r\nA001,成效测试企业,待上岗,2026\r\n"
        st, b = self.import_api("placements", text, self.tok["school2"])
        self.assertEqual(st, 200, b)  # school2's own A001
        st, b = self.import_api("placements", "学号,实习企业,状态,年度\r\nA002,成效测试企业,待上岗,2026\r\n",
                                self.tok["school2"])
        err = cjtest.assert_error(self, (st, b), 422)
        self.assertIn("找不到学号", err["details"]["rows"][0]["message"])
        # An enterprise may not import placements: placing is the school's.
        text = "学校,学号,实习企业,状态,年度\r\n成效测试学院,A002,成效测试企业,待上岗,2026\r\n"
        cjtest.assert_error(self, self.import_api("placements", text, self.tok["firm"]), 403)

    def test_export_reimports(self):
        st, p = self.srv.post("/api/v1/placements", {"consortium_id": self.cid,
                                                     "student_id": self.students["学生丙"],
                                                     "enterprise_id": self.firm2, "status": "planned",
                                                     "year": 2027, "post": "导出测试"}, token=self.tok["school"])
        self.assertEqual(st, 201, p)
        st, data = self.srv.get("/api/v1/placements?format=csv&year=2027", token=self.tok["school"])
        self.assertEqual(st, 200)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        head = rows[0]
        self.assertIn("学生", head)
        self.assertEqual(rows[1][head.index("学生")], "A003")      # the student number
        self.assertEqual(rows[1][head.index("状态")], "待上岗")     # the label
        self.assertEqual(rows[1][head.index("实习企业")], "成效测试企业乙")
        # Into the database it came from, the export names its own rows
        # (issue 15: import modes): create refuses them, upsert leaves them.
        st, b = self.srv.post("/api/v1/import/placements?consortium_id=%d&dry_run=1" % self.cid, data,
                              token=self.tok["school"], headers={"Content-Type": "text/csv"})
        cjtest.assert_error(self, (st, b), 422)
        st, b = self.srv.post("/api/v1/import/placements?consortium_id=%d&dry_run=1&mode=upsert"
                              % self.cid, data, token=self.tok["school"],
                              headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 200, b)
        # The dry run reads back every exported row, and writes none.
        self.assertEqual((b["rows"], b["dry_run"]), (len(rows) - 1, True), b)
        self.assertEqual(b["unchanged"], b["rows"], b)
        st, again = self.srv.get("/api/v1/placements?format=csv&year=2027", token=self.tok["school"])
        self.assertEqual(again, data)
        for kind in ("employment-outcomes", "certificates", "trainings"):
            st, data = self.srv.get("/api/v1/%s?format=xlsx&consortium_id=%d" % (kind, self.cid),
                                    token=self.tok["sec"], raw=True)
            self.assertEqual(st, 200, kind)
            self.assertTrue(data.startswith(b"PK"))
            st, lst = self.srv.get("/api/v1/%s?consortium_id=%d&per_page=1" % (kind, self.cid),
                                   token=self.tok["sec"])
            st, b = self.srv.post("/api/v1/import/%s?consortium_id=%d&dry_run=1&mode=upsert"
                                  % (kind.replace("-", "_"), self.cid), data, token=self.tok["sec"],
                                  headers={"Content-Type": XLSX})
            self.assertEqual(st, 200, (kind, b))
            self.assertEqual(b["rows"], lst["total"], kind)
            self.assertEqual(b["unchanged"], b["rows"], (kind, b))


if __name__ == "__main__":
    cjtest.run()
