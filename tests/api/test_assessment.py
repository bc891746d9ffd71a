"""Black-box tests of the year's assessment (issue 12) against the real
binary: a framework made here through the generic API (two computed
measures, a measure that does not exist, reported indicators in every
direction, a veto branch), create / compute / targets / reported values
with evidence / submit / reopen, red-amber-green per direction and per
branch, the veto failing the year, a submitted year frozen (every write
409, nothing changes), versions kept across a reopen, two submits at once
making one version, who reads and who writes (every role), bad input 422
changing nothing, the consortium's goals, the audit log and the CLI.

    python3 tests/api/test_assessment.py build/chanjiao
"""
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LIUZHOU = 1
YEAR = 2024
OUTSIDER = ("outside_staff", "outside-staff-2026")


def pdf(text="evidence"):
    body = ("%%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
            "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
            "%% %s\ntrailer <</Root 1 0 R>>\n%%%%EOF\n" % text)
    return body.encode()


def leaves(nodes):
    for n in nodes:
        if n.get("children"):
            yield from leaves(n["children"])
        else:
            yield n


def by_code(answer):
    out = {}

    def walk(ns):
        for n in ns:
            out[n["code"]] = n
            walk(n.get("children") or [])
    walk(answer["indicators"])
    return out


class AssessmentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.admin = s.login("admin")
        cls.sec = s.login("liuzhou_sec")
        cls.member_staff = s.login("lzvtu_staff")
        cls.member_admin = s.login("sgmw_admin")
        cls.student = s.login("student_demo")
        cls.other_sec = s.login("changchun_sec", "secretariat-demo-2026")
        st, org = s.post("/api/v1/organizations", {"name": "评估测试外单位", "type": "enterprise"},
                         token=cls.admin)
        assert st == 201, org
        st, u = s.post("/api/v1/users", {"username": OUTSIDER[0], "display_name": "外单位员工",
                                         "role": "org_staff", "organization_id": org["id"],
                                         "password": OUTSIDER[1]}, token=cls.admin)
        assert st == 201, u
        cls.outsider = s.login(*OUTSIDER)
        # The framework: latest effective date, so it is the default for
        # city consortia in this database.
        st, fw = s.post("/api/v1/indicator-frameworks", {
            "name": "测试指标体系", "version": "t1", "effective_on": "2099-01-01",
            "applies_to": "city", "status": "active", "amber_ratio": 0.8}, token=cls.admin)
        assert st == 201, fw
        cls.fw = fw["id"]
        ids = {}

        def ind(code, level, parent=None, **kw):
            body = {"framework_id": cls.fw, "code": code, "level": level, "name": "指标" + code}
            if parent:
                body["parent_id"] = ids[parent]
            body.update(kw)
            st, b = s.post("/api/v1/indicators", body, token=cls.admin)
            assert st == 201, b
            ids[code] = b["id"]
        ind("1", 1)
        ind("1.1", 2, "1")
        ind("1.1.1", 3, "1.1", source="computed", measure="members", direction="ge",
            default_target=5, weight=2)
        ind("1.1.2", 3, "1.1", source="computed", measure="meetings_held",
            measure_params='{"kind":"council"}', direction="ge", default_target=1000)
        ind("1.1.3", 3, "1.1", source="reported", direction="ge", default_target=10)
        # A measure that no longer exists (a framework written before the
        # library lost it): the framework check refuses it on every write,
        # so the test writes it straight into the database.
        ind("1.1.4", 3, "1.1", source="computed", measure="members", default_target=1)
        s.script("UPDATE indicators SET measure = 'no_such_measure' WHERE id = %d"
                 % ids["1.1.4"])
        ind("1.1.5", 3, "1.1", source="reported", direction="le", default_target=5)
        ind("1.1.6", 3, "1.1", source="reported", direction="eq", default_target=3)
        ind("3", 1, veto=True)
        ind("3.1", 2, "3")
        ind("3.1.1", 3, "3.1", source="reported", direction="le", default_target=0)
        cls.ids = ids

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def create(self, year, token=None, **kw):
        body = {"year": year}
        body.update(kw)
        return self.srv.post("/api/v1/consortia/%d/assessments" % LIUZHOU, body,
                             token=token or self.sec)

    def get(self, aid, token=None):
        st, b = self.srv.get("/api/v1/assessments/%d" % aid, token=token or self.sec)
        self.assertEqual(st, 200, b)
        return b

    def value(self, aid, code, body, token=None):
        return self.srv.patch("/api/v1/assessments/%d/values/%d" % (aid, self.ids[code]), body,
                              token=token or self.sec)

    def fresh(self, year):
        st, b = self.create(year, framework_id=self.fw)
        self.assertEqual(st, 201, b)
        return b

    # ---- create and compute ------------------------------------------

    def test_create_default_framework_compute_and_tree(self):
        st, a = self.create(2023)
        self.assertEqual(st, 201, a)
        self.assertEqual(a["framework"]["id"], self.fw)
        self.assertEqual(a["status"], "draft")
        self.assertEqual(a["cutoff_on"], "2023-12-31")
        self.assertTrue(a["editable"])
        self.assertTrue(self.srv.last_headers["Location"].endswith("/assessments/%d" % a["id"]))
        c = by_code(a)
        members = c["1.1.1"]
        self.assertEqual(members["source"], "computed")
        self.assertGreater(members["value"], 5)
        self.assertEqual(members["rag"], "green")
        self.assertEqual(members["target"], 5)
        self.assertEqual(members["target_set_by"], "framework")
        # The drill-down is the measure's (domain/measures.c): the query of the records.
        self.assertTrue(members["drill"]["path"].startswith("/api/v1/"))
        self.assertTrue(members["drill"]["web"].startswith("/workspace/"))
        self.assertEqual(c["1.1.2"]["rag"], "red")
        self.assertIn("kind=council", c["1.1.2"]["drill"]["path"])
        # A measure that does not exist: null, none, the reason — not a failure.
        self.assertIsNone(c["1.1.4"]["value"])
        self.assertEqual(c["1.1.4"]["rag"], "none")
        self.assertIn("no_such_measure", c["1.1.4"]["error"])
        # Branches roll up; a reported value not yet given is none.
        self.assertEqual(c["1.1.3"]["rag"], "none")
        self.assertEqual(c["1.1"]["rag"], "red")
        self.assertEqual(c["1"]["rag"], "red")
        self.assertEqual(c["1.1"]["counts"], {"green": 1, "amber": 0, "red": 1, "none": 4})
        self.assertEqual(c["3"]["rag"], "none")
        self.assertEqual(a["result"], "pass")
        # weights: 1.1.1 is 2, the other six leaves 1: 2/8 green.
        self.assertEqual(a["score"], 25.0)
        # One per consortium and year.
        st, b = self.create(2023)
        self.assertEqual(st, 409, b)
        st, lst = self.srv.get("/api/v1/consortia/1/assessments", token=self.sec)
        self.assertEqual(st, 200, lst)
        self.assertIn(2023, [i["year"] for i in lst["items"]])

    def test_no_framework_is_409(self):
        # Every framework for city consortia is set aside for a moment.
        st, fws = self.srv.get("/api/v1/indicator-frameworks?status=active", token=self.admin)
        city = [f for f in fws["items"] if f["applies_to"] in ("city", "all")]
        for f in city:
            st, b = self.srv.patch("/api/v1/indicator-frameworks/%d" % f["id"], {"status": "draft"},
                                   token=self.admin)
            self.assertEqual(st, 200, b)
        try:
            st, b = self.create(2019)
            self.assertEqual(st, 409, b)
            self.assertIn("指标体系", b["error"]["message"])
        finally:
            for f in city:
                self.srv.patch("/api/v1/indicator-frameworks/%d" % f["id"], {"status": "active"},
                               token=self.admin)

    # ---- RAG --------------------------------------------------------------

    def test_rag_per_direction_and_veto(self):
        a = self.fresh(2022)
        aid = a["id"]
        cases = [("1.1.3", 10, "green"), ("1.1.3", 8, "amber"), ("1.1.3", 7.9, "red"),
                 ("1.1.5", 5, "green"), ("1.1.5", 6, "amber"), ("1.1.5", 7, "red"),
                 ("1.1.6", 3, "green"), ("1.1.6", 4, "red"), ("1.1.6", 2.9, "red")]
        for code, v, rag in cases:
            st, b = self.value(aid, code, {"reported": v})
            self.assertEqual(st, 200, b)
            self.assertEqual(by_code(b)[code]["rag"], rag, (code, v))
        # A target the secretariat sets replaces the framework's.
        st, b = self.value(aid, "1.1.3", {"target": 7.9})
        self.assertEqual(by_code(b)["1.1.3"]["rag"], "green")
        self.assertEqual(by_code(b)["1.1.3"]["target_set_by"], "secretariat")
        # No target: none.
        st, b = self.value(aid, "1.1.3", {"target": None})
        self.assertEqual(by_code(b)["1.1.3"]["rag"], "none")
        # The veto item: 0 of a le-0 target green, anything else red, never
        # amber — and the year fails.
        st, b = self.value(aid, "3.1.1", {"reported": 0})
        self.assertEqual(by_code(b)["3.1.1"]["rag"], "green")
        self.assertEqual(b["result"], "pass")
        st, b = self.value(aid, "3.1.1", {"target": 10, "reported": 11})
        self.assertEqual(by_code(b)["3.1.1"]["rag"], "red")  # ge/le amber zone, but veto
        self.assertEqual(by_code(b)["3"]["rag"], "red")
        self.assertEqual(b["result"], "fail")
        st, b = self.value(aid, "3.1.1", {"reported": 10})
        self.assertEqual(b["result"], "pass")
        # What the answer says is what is stored.
        again = self.get(aid)
        self.assertEqual(again["result"], "pass")
        st, lst = self.srv.get("/api/v1/consortia/1/assessments", token=self.sec)
        row = [i for i in lst["items"] if i["id"] == aid][0]
        self.assertEqual(row["result"], "pass")
        self.assertEqual(row["score"], again["score"])

    # ---- bad input -----------------------------------------------------------

    def test_bad_input_422_changes_nothing(self):
        a = self.fresh(2021)
        aid = a["id"]
        before = self.get(aid)
        for body in ({"year": "x"}, {"year": 1999}, {"year": 2020, "cutoff_on": "2020-02-30"},
                     {"year": 2020, "cutoff_on": "2019-12-31"}, {"year": 2020, "colour": 1},
                     {"year": 2020, "framework_id": 999999}):
            st, b = self.create(body.pop("year"), **body)
            self.assertEqual(st, 422, (body, b))
        for code, body in (("1.1.3", {"target": "ten"}), ("1.1.1", {"reported": 3}),
                           ("1.1.3", {"reported": "3"}), ("1.1.3", {"evidence": ["nope"]}),
                           ("1.1.3", {"evidence": ["0" * 64]}), ("1.1.3", {"evidence": "x"}),
                           ("1.1.3", {"note": 5}), ("1.1.3", {"colour": "red"}),
                           ("1.1.3", {"target": 1, "reported": "x"})):
            st, b = self.value(aid, code, body)
            self.assertEqual(st, 422, (code, body, b))
        for body in ({"cutoff_on": "tomorrow"}, {"cutoff_on": "2020-12-31"}, {"status": "submitted"}):
            st, b = self.srv.patch("/api/v1/assessments/%d" % aid, body, token=self.sec)
            self.assertEqual(st, 422, (body, b))
        st, b = self.srv.patch("/api/v1/assessments/%d/values/%d" % (aid, self.ids["1.1"]),
                               {"target": 1}, token=self.sec)
        self.assertEqual(st, 404, b)  # a branch has no value
        after = self.get(aid)
        self.assertEqual(after["revision"], before["revision"])
        self.assertEqual(by_code(after), by_code(before))
        st, lst = self.srv.get("/api/v1/consortia/1/assessments", token=self.sec)
        self.assertNotIn(2020, [i["year"] for i in lst["items"]])

    # ---- submit, frozen, versions, reopen ---------------------------------

    def test_submit_freezes_and_versions_survive_reopen(self):
        a = self.fresh(YEAR)
        aid = a["id"]
        st, b = self.srv.patch("/api/v1/assessments/%d" % aid, {"cutoff_on": "%d-06-30" % YEAR},
                               token=self.sec)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["cutoff_on"], "%d-06-30" % YEAR)
        st, b = self.value(aid, "1.1.3", {"target": 12, "reported": 12, "note": "见佐证"})
        self.assertEqual(st, 200, b)
        st, b = self.srv.post("/api/v1/assessments/%d/compute" % aid, token=self.sec)
        self.assertEqual(st, 200, b)
        st, sub = self.srv.post("/api/v1/assessments/%d/submit" % aid, token=self.sec)
        self.assertEqual(st, 200, sub)
        self.assertEqual(sub["status"], "submitted")
        self.assertEqual(sub["version"], 1)
        self.assertFalse(sub["editable"])
        self.assertEqual([v["version"] for v in sub["versions"]], [1])
        self.assertTrue(sub["versions"][0]["submitted_by_name"])
        frozen = self.get(aid)
        # Every write 409, naming the status; nothing changes.
        writes = [("POST", "/api/v1/assessments/%d/compute" % aid, None),
                  ("POST", "/api/v1/assessments/%d/submit" % aid, None),
                  ("PATCH", "/api/v1/assessments/%d" % aid, {"cutoff_on": "%d-12-31" % YEAR}),
                  ("PATCH", "/api/v1/assessments/%d/values/%d" % (aid, self.ids["1.1.3"]),
                   {"target": 1}),
                  ("PATCH", "/api/v1/assessments/%d/values/%d" % (aid, self.ids["1.1.5"]),
                   {"reported": 1})]
        for tok in (self.sec, self.admin):
            for method, path, body in writes:
                st, b = self.srv.request(method, path, body=body, token=tok)
                self.assertEqual(st, 409, (method, path, b))
                self.assertEqual(b["error"]["code"], "conflict")
                self.assertIn("submitted", b["error"]["message"])  # the status, named
        self.assertEqual(self.get(aid), frozen)
        st, v1 = self.srv.get("/api/v1/assessments/%d/versions/1" % aid, token=self.member_staff)
        self.assertEqual(st, 200, v1)
        self.assertEqual(by_code(v1)["1.1.3"]["target"], 12)
        self.assertEqual(v1["status"], "submitted")
        # Reopen: admins only, with a reason.
        st, b = self.srv.post("/api/v1/assessments/%d/reopen" % aid, {"comment": "x"},
                              token=self.sec)
        self.assertEqual(st, 403, b)
        st, b = self.srv.post("/api/v1/assessments/%d/reopen" % aid, {}, token=self.admin)
        self.assertEqual(st, 422, b)
        st, b = self.srv.post("/api/v1/assessments/%d/reopen" % aid,
                              {"comment": "请补充佐证材料"}, token=self.admin)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["status"], "reopened")
        self.assertTrue(b["editable"])
        self.assertEqual(b["comments"][-1]["body"], "请补充佐证材料")
        self.assertEqual(b["comments"][-1]["action"], "reopen")
        st, b = self.srv.post("/api/v1/assessments/%d/reopen" % aid, {"comment": "again"},
                              token=self.admin)
        self.assertEqual(st, 409, b)
        st, b = self.value(aid, "1.1.3", {"target": 20})
        self.assertEqual(st, 200, b)
        st, sub2 = self.srv.post("/api/v1/assessments/%d/submit" % aid, token=self.sec)
        self.assertEqual(st, 200, sub2)
        self.assertEqual(sub2["version"], 2)
        st, v1 = self.srv.get("/api/v1/assessments/%d/versions/1" % aid, token=self.sec)
        st2, v2 = self.srv.get("/api/v1/assessments/%d/versions/2" % aid, token=self.sec)
        self.assertEqual((st, st2), (200, 200))
        self.assertEqual(by_code(v1)["1.1.3"]["target"], 12)
        self.assertEqual(by_code(v2)["1.1.3"]["target"], 20)
        st, b = self.srv.get("/api/v1/assessments/%d/versions/3" % aid, token=self.sec)
        self.assertEqual(st, 404, b)
        # Two submits at once after another reopen: exactly one version.
        st, b = self.srv.post("/api/v1/assessments/%d/reopen" % aid, {"comment": "第三次"},
                              token=self.admin)
        self.assertEqual(st, 200, b)
        results = []

        def submit():
            results.append(self.srv.post("/api/v1/assessments/%d/submit" % aid, token=self.sec)[0])
        ts = [threading.Thread(target=submit) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(sorted(results), [200, 409])
        self.assertEqual([v["version"] for v in self.get(aid)["versions"]], [1, 2, 3])
        # The audit log has the steps.
        st, log = self.srv.get("/api/v1/audit?entity=assessments&entity_id=%d&per_page=100" % aid,
                               token=self.sec)
        self.assertEqual(st, 200, log)
        actions = {e["action"] for e in log["items"]}
        self.assertTrue({"create", "update", "compute", "submit", "reopen"} <= actions, actions)

    # ---- evidence ----------------------------------------------------------

    def test_evidence_files_readable_as_the_assessment(self):
        a = self.fresh(2020)
        aid = a["id"]
        st, f = self.srv.request("POST", "/api/v1/files?filename=%E4%BD%90%E8%AF%81.pdf", pdf(),
                                 token=self.sec, headers={"Content-Type": "application/pdf"})
        self.assertEqual(st, 201, f)
        # Another unit's upload cannot be attached by the secretariat.
        st, g = self.srv.request("POST", "/api/v1/files?filename=x.pdf", pdf("outsider"),
                                 token=self.outsider, headers={"Content-Type": "application/pdf"})
        self.assertEqual(st, 201, g)
        st, b = self.value(aid, "1.1.3", {"evidence": [g["id"]]})
        self.assertEqual(st, 422, b)
        st, b = self.value(aid, "1.1.3", {"reported": 11, "evidence": [f["id"]]})
        self.assertEqual(st, 200, b)
        ev = by_code(b)["1.1.3"]["evidence"]
        self.assertEqual(ev, [{"id": f["id"], "name": "佐证.pdf", "kind": "pdf"}])
        for tok, want in ((self.sec, 200), (self.member_staff, 200), (self.admin, 200),
                          (self.other_sec, 404), (self.outsider, 404), (self.student, 404),
                          (None, 404)):
            st, _ = self.srv.request("GET", "/api/v1/files/" + f["id"], token=tok, raw=True)
            self.assertEqual(st, want, tok)
        # Removed again: the file has no record and only its uploader reads it.
        st, b = self.value(aid, "1.1.3", {"evidence": []})
        self.assertEqual(by_code(b)["1.1.3"]["evidence"], [])
        st, _ = self.srv.request("GET", "/api/v1/files/" + f["id"], token=self.member_staff,
                                 raw=True)
        self.assertEqual(st, 404)

    # ---- who ------------------------------------------------------------------

    def test_visibility_for_every_role(self):
        a = self.fresh(2018)
        aid = a["id"]
        readers = {"secretariat": self.sec, "admin": self.admin, "member staff": self.member_staff,
                   "member unit admin": self.member_admin}
        hidden = {"anonymous": None, "other consortium's staff": self.outsider,
                  "another secretariat": self.other_sec, "student": self.student}
        paths = ["/api/v1/assessments/%d" % aid, "/api/v1/consortia/1/assessments"]
        for who, tok in readers.items():
            for p in paths:
                st, b = self.srv.get(p, token=tok)
                self.assertEqual(st, 200, (who, p, b))
        for who, tok in hidden.items():
            for p in paths:
                st, b = self.srv.get(p, token=tok)
                self.assertEqual(st, 404, (who, p, b))
        # Writes: members read only (403); strangers 404; anonymous 401.
        writes = [("POST", "/api/v1/assessments/%d/compute" % aid, None),
                  ("POST", "/api/v1/assessments/%d/submit" % aid, None),
                  ("PATCH", "/api/v1/assessments/%d/values/%d" % (aid, self.ids["1.1.3"]),
                   {"target": 1}),
                  ("PATCH", "/api/v1/assessments/%d" % aid, {"cutoff_on": "2018-10-01"}),
                  ("POST", "/api/v1/consortia/1/assessments", {"year": 2017})]
        want = {None: 401, self.member_staff: 403, self.member_admin: 403, self.outsider: 404,
                self.other_sec: 404, self.student: 404}
        for tok, code in want.items():
            for method, path, body in writes:
                # Refused before the body is read: a bad body gets the same answer.
                for b in (body, {"nonsense": True}):
                    st, ans = self.srv.request(method, path, body=b, token=tok)
                    self.assertEqual(st, code, (tok, method, path, ans))
        st, b = self.srv.post("/api/v1/assessments/%d/reopen" % aid, {"comment": "x"})
        self.assertEqual(st, 401, b)
        st, b = self.srv.post("/api/v1/assessments/%d/reopen" % aid, {"comment": "x"},
                              token=self.other_sec)
        self.assertEqual(st, 404, b)
        self.assertEqual(self.get(aid)["revision"], a["revision"])
        st, b = self.srv.get("/api/v1/assessments/999999", token=self.admin)
        self.assertEqual(st, 404, b)

    # ---- goals ------------------------------------------------------------

    def test_goals_progress(self):
        st, g1 = self.srv.post("/api/v1/consortium-goals", {
            "consortium_id": LIUZHOU, "title": "成员单位不少于 3 家", "measure": "members",
            "target_min": 3, "due_year": YEAR}, token=self.sec)
        self.assertEqual(st, 201, g1)
        st, g2 = self.srv.post("/api/v1/consortium-goals", {
            "consortium_id": LIUZHOU, "title": "培育联合体 2–3 个（测试）", "measure": "no_such_thing",
            "target_min": 2, "target_max": 3, "due_year": YEAR, "manual_value": 1}, token=self.sec)
        self.assertEqual(st, 201, g2)
        st, g3 = self.srv.post("/api/v1/consortium-goals", {
            "consortium_id": LIUZHOU, "title": "远期目标（测试）", "target_min": 5,
            "due_year": 2030, "manual_value": 1}, token=self.sec)
        self.assertEqual(st, 201, g3)
        st, b = self.srv.get("/api/v1/consortia/1/goals?year=%d" % YEAR, token=self.member_staff)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["cutoff_on"], "%d-12-31" % YEAR)
        got = {g["id"]: g for g in b["items"]}
        self.assertEqual(got[g1["id"]]["status"], "met")
        self.assertGreater(got[g1["id"]]["value"], 3)
        self.assertTrue(got[g1["id"]]["drill"]["path"].startswith("/api/v1/"))
        self.assertEqual(got[g2["id"]]["status"], "behind")
        self.assertEqual(got[g2["id"]]["value"], 1)
        self.assertIn("no_such_thing", got[g2["id"]]["error"])
        self.assertEqual(got[g3["id"]]["status"], "on_track")
        st, b = self.srv.get("/api/v1/consortia/1/goals?year=abc", token=self.sec)
        self.assertEqual(st, 400, b)
        # In the assessment's answer too.
        a = self.fresh(2016)
        self.assertIn(g1["id"], [g["id"] for g in a["goals"]])
        for gid in (g1["id"], g2["id"], g3["id"]):
            self.srv.delete("/api/v1/consortium-goals/%d" % gid, token=self.sec)

    # ---- CLI ------------------------------------------------------------------

    def test_cli(self):
        db = self.srv.db
        r = self.srv.cli("assessment", "create", "--db", db, "--consortium", "1", "--year", "2015",
                         "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.srv.cli("assessment", "submit", "--db", db, "--consortium", "1", "--year",
                         "2015")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.srv.cli("assessment", "compute", "--db", db, "--consortium", "1", "--year",
                         "2015")
        self.assertEqual(r.returncode, 1)
        self.assertIn("已提交", r.stderr)
        r = self.srv.cli("assessment", "show", "--db", db, "--consortium", "1", "--year", "2015",
                         "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        import json
        shown = json.loads(r.stdout)
        self.assertEqual(shown["status"], "submitted")
        self.assertEqual(shown["version"], 1)
        self.assertEqual(self.get(shown["id"])["version"], 1)
        r = self.srv.cli("assessment", "show", "--db", db, "--consortium", "1", "--year", "2015")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1.1.1", r.stdout)
        r = self.srv.cli("assessment", "show", "--db", db, "--consortium", "1", "--year", "2099")
        self.assertEqual(r.returncode, 1)
        r = self.srv.cli("assessment", "frobnicate", "--db", db)
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    cjtest.run()
