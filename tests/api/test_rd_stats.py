"""Black-box tests of the technology platform's figures (issue 10),
GET /api/v1/consortia/{id}/rd-stats[?year=Y][&format=csv|xlsx], against
the real binary.

A fresh database holds one public consortium with two member enterprises
(E1, E2) and a member school (S), and a unit X of another consortium.
Needs, answers, projects and outputs are made through the API; the dates
the server stamps (a need's first publication, an answer's filing) are
then moved back in the database file, so the median wait is known to the
day.  The figures are checked exactly — totals and per unit, for one year
and for all — and for every reader: the secretariat and an admin see
everything, the owner its own secretariat-only need as well, another
member the public and members-only needs and the projects, a unit of
another consortium and the public only public needs and no projects.  A
secretariat-only need changes the secretariat's (and its owner's) figures
only; who answered is counted only for those who may read the answers.
A bad year is a 400 with a "中文 (English)" message.

    python3 tests/api/test_rd_stats.py build/chanjiao
"""
import csv
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ADMIN_PW = "admin-pass-2026"


class RdStatsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        srv = cls.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        admin = cls.admin = srv.login("admin", ADMIN_PW)

        def post(path, body, tok=admin):
            st, b = srv.post(path, body, token=tok)
            assert st == 201, (path, st, b)
            return b

        cls.cid = post("/api/v1/consortia", {"name": "技术数据测试联合体", "kind": "city",
                                             "level": "municipal", "is_public": True})["id"]
        other = post("/api/v1/consortia", {"name": "另一联合体", "kind": "city",
                                           "level": "municipal", "is_public": True})["id"]

        def unit(name, typ, cid):
            o = post("/api/v1/organizations", {"name": name, "type": typ})
            post("/api/v1/memberships", {"consortium_id": cid, "organization_id": o["id"],
                                         "role": "member"})
            return o["id"]

        cls.e1 = unit("数据测试企业甲", "enterprise", cls.cid)
        cls.e2 = unit("数据测试企业乙", "enterprise", cls.cid)
        cls.s = unit("数据测试学院", "higher_vocational", cls.cid)
        cls.x = unit("外联合体企业", "enterprise", other)
        cls.tok = {"anonymous": None, "admin": admin}
        for u, role, org in (("sec", "secretariat", None), ("e1", "org_staff", cls.e1),
                             ("e2", "org_staff", cls.e2), ("s", "org_staff", cls.s),
                             ("x", "org_staff", cls.x)):
            body = {"username": "rd_" + u, "display_name": u, "role": role,
                    "password": "pass-%s-2026" % u}
            if org:
                body["organization_id"] = org
            else:
                body["consortium_id"] = cls.cid
            post("/api/v1/users", body)
            cls.tok[u] = srv.login("rd_" + u, "pass-%s-2026" % u)
        sec = cls.tok["sec"]
        cid = cls.cid

        def need(title, ent, vis, status="published"):
            return post("/api/v1/tech-needs", {
                "consortium_id": cid, "enterprise_id": ent, "title": title, "field": "testing",
                "visibility": vis, "status": status, "keywords": "检测"}, sec)["id"]

        def answer(need_id, org, tok, price=100000):
            return post("/api/v1/need-responses", {
                "consortium_id": cid, "need_id": need_id, "organization_id": org,
                "approach": "方案", "price": price}, cls.tok[tok])["id"]

        n1 = need("焊点质量在线检测", cls.e1, "public")
        n2 = need("涂层厚度检测", cls.e1, "members")
        n3 = need("电池包气密检测", cls.e2, "public")
        n4 = need("仅秘书处可见的需求", cls.e1, "secretariat")
        n5 = need("上年度的需求", cls.e2, "public")
        need("草稿需求", cls.e1, "public", status="draft")
        r1 = answer(n1, cls.s, "s", price=200000)
        r1b = answer(n1, cls.e2, "e2")
        r2 = answer(n2, cls.s, "s")
        r3 = answer(n3, cls.s, "s")
        r5 = answer(n5, cls.s, "s")
        st, b = srv.patch("/api/v1/need-responses/%d" % r3, {"status": "withdrawn"},
                          token=cls.tok["s"])
        assert st == 200, b
        # E1 accepts S's answer: project P1, approved, led by S, E1 partner.
        st, p1 = srv.post("/api/v1/need-responses/%d/accept" % r1, {"kind": "联合攻关"},
                          token=cls.tok["e1"])
        assert st == 201, p1
        st, b = srv.patch("/api/v1/rd-projects/%d" % p1["id"],
                          {"status": "running", "starts_on": "2025-04-01",
                           "funds_received": 120000}, token=cls.tok["s"])
        assert st == 200, b

        def project(kind, lead, partners, budget, got, status, starts):
            return post("/api/v1/rd-projects", {
                "consortium_id": cid, "kind": kind, "title": "项目%s%s" % (kind, starts),
                "lead_id": lead, "partner_ids": partners, "budget": budget,
                "funds_received": got, "status": status, "starts_on": starts}, sec)["id"]

        p2 = project("service", cls.s, [cls.e2], 50000, 50000, "closed", "2025-08-01")
        project("contract_research", cls.s, [], 80000, 0, "proposed", "2025-10-01")
        p4 = project("transfer", cls.e1, [cls.s], 30000, 30000, "accepted", "2024-02-01")

        def output(proj, kind, date, **kw):
            post("/api/v1/rd-outputs", dict({"consortium_id": cid, "project_id": proj,
                                             "kind": kind, "title": "成果%s%s" % (kind, date),
                                             "date": date}, **kw), sec)

        output(p1["id"], "invention_patent", "2025-09-01")
        output(p2, "standard", "2025-11-01", standard_level="group")
        output(p2, "transfer", "2025-12-01", value=100000)
        output(p4, "utility_model", "2024-05-01")

        # The server stamps today's dates; move them back to known days.
        # SQLite's search index triggers need the server's tokenizer: they
        # stand aside for the change (no indexed text changes).
        # PostgreSQL has no such triggers.
        updates = ["UPDATE tech_needs SET published_on = '%s' WHERE id = %d;" % (day, nid)
                   for nid, day in ((n1, "2025-03-01"), (n2, "2025-05-10"), (n3, "2025-06-01"),
                                    (n4, "2025-07-01"), (n5, "2024-09-01"))]
        updates += ["UPDATE need_responses SET created_at = '%sT09:00:00Z' WHERE id = %d;"
                    % (day, rid)
                    for rid, day in ((r1, "2025-03-04"), (r1b, "2025-03-11"), (r2, "2025-05-20"),
                                     (r3, "2025-06-02"), (r5, "2024-09-08"))]
        triggers = [] if cjtest.on_pg() else srv.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
            "tbl_name IN ('tech_needs', 'need_responses')")
        srv.script("".join(['DROP TRIGGER "%s";' % name for name, _ in triggers] + updates +
                           [sql + ";" for _, sql in triggers]))

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def stats(self, who, year=None):
        q = "?year=%d" % year if year else ""
        st, b = self.srv.get("/api/v1/consortia/%d/rd-stats%s" % (self.cid, q),
                             token=self.tok[who])
        self.assertEqual(st, 200, (who, b))
        return b

    def units(self, b):
        return {u["organization_id"]: u for u in b["units"]}

    def test_secretariat_figures_of_a_year_exactly(self):
        b = self.stats("sec", 2025)
        self.assertEqual(b["year"], 2025)
        self.assertEqual(b["needs"], {"published": 4, "answered": 2, "matched": 1,
                                      "answered_share": 0.5, "matched_share": 0.25,
                                      "median_days_to_first_response": 6.5})
        self.assertEqual(b["projects"]["total"], 3)
        self.assertEqual(b["projects"]["by_kind"], {"joint_research": 1, "service": 1,
                                                    "consulting": 0, "transfer": 0,
                                                    "contract_research": 1})
        self.assertEqual(b["projects"]["by_status"], {"proposed": 1, "approved": 0, "running": 1,
                                                      "accepted": 0, "closed": 1, "rejected": 0,
                                                      "terminated": 0})
        # The proposed project's budget is not agreed yet.
        self.assertEqual(b["funds"], {"agreed": 250000, "received": 170000})
        self.assertEqual(b["outputs"]["total"], 3)
        self.assertEqual(b["outputs"]["by_kind"]["invention_patent"], 1)
        self.assertEqual(b["outputs"]["by_kind"]["standard"], 1)
        self.assertEqual(b["outputs"]["by_kind"]["transfer"], 1)
        self.assertEqual(b["outputs"]["by_kind"]["utility_model"], 0)
        self.assertEqual(b["outputs"]["standards_by_level"],
                         {"national": 0, "industry": 0, "group": 1})
        self.assertEqual(b["outputs"]["revenue"], 100000)
        u = self.units(b)
        self.assertEqual(set(u), {self.e1, self.e2, self.s})
        self.assertEqual(u[self.e1], {
            "organization_id": self.e1, "name": "数据测试企业甲", "needs_published": 3,
            "needs_matched": 1, "responses": 0, "projects_led": 0, "projects_partnered": 1,
            "funds_agreed": 0, "funds_received": 0, "outputs": 0})
        self.assertEqual(u[self.e2], {
            "organization_id": self.e2, "name": "数据测试企业乙", "needs_published": 1,
            "needs_matched": 0, "responses": 1, "projects_led": 0, "projects_partnered": 1,
            "funds_agreed": 0, "funds_received": 0, "outputs": 0})
        # The withdrawn answer does not count.
        self.assertEqual(u[self.s], {
            "organization_id": self.s, "name": "数据测试学院", "needs_published": 0,
            "needs_matched": 0, "responses": 2, "projects_led": 3, "projects_partnered": 0,
            "funds_agreed": 250000, "funds_received": 170000, "outputs": 3})

    def test_all_years(self):
        b = self.stats("sec")
        self.assertIsNone(b["year"])
        self.assertEqual(b["needs"], {"published": 5, "answered": 3, "matched": 1,
                                      "answered_share": 0.6, "matched_share": 0.2,
                                      "median_days_to_first_response": 7})
        self.assertEqual(b["projects"]["total"], 4)
        self.assertEqual(b["projects"]["by_kind"]["transfer"], 1)
        self.assertEqual(b["funds"], {"agreed": 280000, "received": 200000})
        self.assertEqual(b["outputs"]["total"], 4)
        u = self.units(b)
        self.assertEqual(u[self.e1]["projects_led"], 1)
        self.assertEqual(u[self.e1]["outputs"], 1)
        self.assertEqual(u[self.s]["projects_partnered"], 1)
        self.assertEqual(self.stats("admin"), b)
        # A year with nothing: zeros, not missing keys.
        z = self.stats("sec", 2023)
        self.assertEqual(z["needs"]["published"], 0)
        self.assertIsNone(z["needs"]["matched_share"])
        self.assertIsNone(z["needs"]["median_days_to_first_response"])
        self.assertEqual(z["projects"]["by_status"]["running"], 0)
        self.assertEqual(z["units"], [])

    def test_visibility_for_every_reader(self):
        sec = self.stats("sec", 2025)
        owner = self.stats("e1", 2025)
        member = self.stats("e2", 2025)
        school = self.stats("s", 2025)
        outsider = self.stats("x", 2025)
        anonymous = self.stats("anonymous", 2025)
        # The secretariat-only need (E1's) counts for the secretariat and
        # its owner only; members also see the members-only need.
        self.assertEqual(sec["needs"]["published"], 4)
        self.assertEqual(owner["needs"]["published"], 4)
        for b in (member, school):
            self.assertEqual(b["needs"], {"published": 3, "answered": 2, "matched": 1,
                                          "answered_share": 0.667, "matched_share": 0.333,
                                          "median_days_to_first_response": 6.5})
            self.assertEqual(self.units(b)[self.e1]["needs_published"], 2)
            self.assertEqual(b["projects"], sec["projects"])
            # Who answered is read only as the answers themselves are:
            # a unit its own answers, the secretariat all.
            self.assertEqual(self.units(b)[self.e2]["responses"], 1 if b is member else 0)
            self.assertEqual(self.units(b)[self.s]["responses"], 2 if b is school else 0)
            self.assertEqual(b["outputs"], sec["outputs"])
        # Outside the consortium: public needs only, no projects, no outputs.
        for b in (outsider, anonymous):
            self.assertEqual(b["needs"], {"published": 2, "answered": 1, "matched": 1,
                                          "answered_share": 0.5, "matched_share": 0.5,
                                          "median_days_to_first_response": 3})
            self.assertEqual(b["projects"]["total"], 0)
            self.assertEqual(b["funds"], {"agreed": 0, "received": 0})
            self.assertEqual(b["outputs"]["total"], 0)
            u = self.units(b)
            self.assertEqual(u[self.e1]["needs_published"], 1)
            self.assertNotIn(self.s, u)  # no figure of the school is theirs to read
        # The enterprise reads every answer to its needs.
        u = self.units(owner)
        self.assertEqual((u[self.s]["responses"], u[self.e2]["responses"]), (2, 1))

    def test_a_secretariat_only_need_changes_the_secretariat_count_only(self):
        before = {w: self.stats(w)["needs"]["published"]
                  for w in ("sec", "e1", "e2", "s", "x", "anonymous")}
        st, b = self.srv.post("/api/v1/tech-needs", {
            "consortium_id": self.cid, "enterprise_id": self.e2, "title": "新的仅秘书处需求",
            "field": "testing", "visibility": "secretariat", "status": "published"},
            token=self.tok["sec"])
        self.assertEqual(st, 201, b)
        try:
            after = {w: self.stats(w)["needs"]["published"] for w in before}
            self.assertEqual(after["sec"], before["sec"] + 1)
            for w in ("e1", "s", "x", "anonymous"):
                self.assertEqual(after[w], before[w], w)
            # E2 owns it: its staff see their own need.
            self.assertEqual(after["e2"], before["e2"] + 1)
        finally:
            st, _ = self.srv.delete("/api/v1/tech-needs/%d" % b["id"], token=self.tok["sec"])
            self.assertIn(st, (200, 204))

    def test_bad_year_and_format(self):
        for q in ("year=20x", "year=1999", "year=", "year=2025.5"):
            st, b = self.srv.get("/api/v1/consortia/%d/rd-stats?%s" % (self.cid, q),
                                 token=self.tok["sec"], headers={"Accept-Language": "zh-CN,en"})
            self.assertEqual(st, 400, (q, b))
            self.assertEqual(b["error"]["code"], "bad_request")
            self.assertIn("year", b["error"]["details"])
        st, b = self.srv.get("/api/v1/consortia/%d/rd-stats?format=pdf" % self.cid,
                             token=self.tok["sec"])
        self.assertEqual(st, 400, b)
        st, b = self.srv.get("/api/v1/consortia/999/rd-stats")
        self.assertEqual(st, 404, b)

    def test_csv_and_xlsx_of_the_units(self):
        st, body = self.srv.request("GET", "/api/v1/consortia/%d/rd-stats?year=2025&format=csv"
                                    % self.cid, token=self.tok["sec"], raw=True)
        self.assertEqual(st, 200)
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["单位编号", "单位", "发布需求"])
        by_name = {r[1]: r for r in rows[1:]}
        self.assertEqual(by_name["数据测试学院"][5], "3")  # projects led
        self.assertEqual(by_name["数据测试学院"][7], "250000")
        st, body = self.srv.request("GET", "/api/v1/consortia/%d/rd-stats?format=xlsx&lang=en"
                                    % self.cid, token=self.tok["sec"], raw=True)
        self.assertEqual(st, 200)
        self.assertEqual(body[:2], b"PK")


if __name__ == "__main__":
    cjtest.run()
