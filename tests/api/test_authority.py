"""The education / industry authority (issue 12, docs/authority.md): the
role end to end over the demo — what it oversees by region prefix and by
name, read-only there (every write of a few registers 403), no personal
data, the overview and the indicators side by side, the review (comment,
return) and the policy package.

Assessments are part "assessment"'s code (domain/assessment.c); this test
writes the rows it reviews straight into the database (migration 019's
tables), the way a submitted year leaves them.

    python3 tests/api/test_authority.py build/chanjiao
"""
import json
import datetime
import unittest
from urllib.parse import quote

import cjtest
from cjtest import Server, assert_error

LZ, CC, AE, JJJ = 1, 2, 3, 4
PW = "authority-demo-2026"
YEAR = 2024  # the demo has its own 2025 assessments


class AuthorityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        s = cls.srv
        cls.admin = s.login("admin", "admin-demo-2026")
        cls.gx = s.login("gx_edu", PW)
        cls.moe = s.login("moe_vte", PW)
        cls.lz_sec = s.login("liuzhou_sec", "secretariat-demo-2026")
        cls.cc_sec = s.login("changchun_sec", "secretariat-demo-2026")
        cls.staff = s.login("lzvtu_staff", "orgstaff-demo-2026")
        st, me = s.get("/api/v1/auth/me", token=cls.gx)
        cls.gx_org = me["organization_id"]
        st, me = s.get("/api/v1/auth/me", token=cls.moe)
        cls.moe_org = me["organization_id"]
        # A consortium that is not public, outside every scope.
        st, c = s.post("/api/v1/consortia", {"name": "测试非公开联合体", "kind": "city",
                                              "level": "provincial", "region_code": "220100",
                                              "is_public": False}, token=cls.admin)
        assert st == 201, c
        cls.hidden = c["id"]
        # A framework of two level-3 indicators, and assessments of the
        # year for Liuzhou and Beijing-Tianjin-Hebei.
        st, f = s.post("/api/v1/indicator-frameworks", {
            "name": "测试指标体系", "version": "T1", "applies_to": "all", "status": "active"},
            token=cls.admin)
        assert st == 201, f
        cls.fw = f["id"]
        ids = {}
        for code, level, parent in (("1", 1, None), ("1.1", 2, "1"), ("1.1.1", 3, "1.1"),
                                    ("1.1.2", 3, "1.1")):
            body = {"framework_id": cls.fw, "level": level, "code": code,
                    "name": "指标" + code, "unit": "个", "sort_order": len(ids)}
            if parent:
                body["parent_id"] = ids[parent]
            st, i = s.post("/api/v1/indicators", body, token=cls.admin)
            assert st == 201, i
            ids[code] = i["id"]
        cls.ind = ids
        now = "'2026-01-10T00:00:00Z'"
        sql = ["INSERT INTO assessments (id, consortium_id, year, framework_id, status, "
               "cutoff_on, version, result, score, submitted_at, created_at, updated_at) VALUES "
               "(%d, %d, %d, %d, '%s', '2024-12-31', %d, 'pass', 75, %s, %s, %s);"
               % (aid, cid, YEAR, cls.fw, status, 1 if status == "submitted" else 0,
                  now if status == "submitted" else "NULL", now, now)
               for aid, cid, status in ((901, LZ, "draft"), (902, JJJ, "submitted"),
                                        (903, CC, "submitted"))]
        sql.append("INSERT INTO assessment_values (assessment_id, indicator_id, target, computed, "
                   "reported, rag) VALUES (901, %d, 10, 12, NULL, 'green'), "
                   "(901, %d, 5, 3, 4, 'amber'), (902, %d, 10, 2, NULL, 'red');"
                   % (ids["1.1.1"], ids["1.1.2"], ids["1.1.1"]))
        s.script("".join(sql))

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def set_status(self, aid, status):
        self.srv.query("UPDATE assessments SET status = ?, revision = revision + 1 WHERE id = ? "
                       "RETURNING 1", status, aid)

    # ---- scope ---------------------------------------------------------

    def test_scope_by_prefix_and_by_name(self):
        st, o = self.srv.get("/api/v1/authority/overview?year=%d" % YEAR, token=self.gx)
        self.assertEqual(st, 200, o)
        self.assertEqual([c["id"] for c in o["consortia"]], [LZ])  # 45: Guangxi
        st, o = self.srv.get("/api/v1/authority/overview?year=%d" % YEAR, token=self.moe)
        self.assertEqual([c["id"] for c in o["consortia"]], [LZ, CC, AE, JJJ])  # named
        st, sc = self.srv.get("/api/v1/authority/scopes", token=self.gx)
        self.assertEqual(st, 200, sc)
        self.assertEqual([x["region_prefix"] for x in sc["scopes"]], ["45"])

    def test_outside_the_scope_is_hidden(self):
        for path in ("/api/v1/consortia/%d", "/api/v1/consortia/%d/composition",
                     "/api/v1/consortia/%d/stats"):
            st, b = self.srv.get(path % self.hidden, token=self.gx)
            assert_error(self, (st, b), 404)
        st, b = self.srv.get("/api/v1/memberships?consortium_id=%d" % self.hidden, token=self.gx)
        self.assertEqual((st, b["total"]), (200, 0))
        st, o = self.srv.get("/api/v1/authority/overview", token=self.gx)
        self.assertNotIn(self.hidden, [c["id"] for c in o["consortia"]])
        # Named by a scope the admin adds, it becomes readable; removed, hidden again.
        st, scope = self.srv.post("/api/v1/authority-scopes", {
            "organization_id": self.gx_org, "consortium_id": self.hidden}, token=self.admin)
        self.assertEqual(st, 201, scope)
        st, b = self.srv.get("/api/v1/consortia/%d/composition" % self.hidden, token=self.gx)
        self.assertEqual(st, 200, b)
        st, o = self.srv.get("/api/v1/authority/overview", token=self.gx)
        self.assertIn(self.hidden, [c["id"] for c in o["consortia"]])
        st, _ = self.srv.delete("/api/v1/authority-scopes/%d" % scope["id"], token=self.admin)
        self.assertEqual(st, 204)
        st, b = self.srv.get("/api/v1/consortia/%d" % self.hidden, token=self.gx)
        assert_error(self, (st, b), 404)

    def test_scopes_register_is_the_admins(self):
        st, b = self.srv.get("/api/v1/authority-scopes", token=self.gx)
        assert_error(self, (st, b), 403)
        st, b = self.srv.post("/api/v1/authority-scopes", {
            "organization_id": self.gx_org, "region_prefix": "22"}, token=self.gx)
        assert_error(self, (st, b), 403)
        for body, field in (({"organization_id": self.gx_org}, "region_prefix"),
                            ({"organization_id": self.gx_org, "region_prefix": "45",
                              "consortium_id": LZ}, "consortium_id"),
                            ({"organization_id": self.gx_org, "region_prefix": "4"},
                             "region_prefix"),
                            ({"organization_id": self.gx_org, "region_prefix": "45010"},
                             "region_prefix")):
            st, b = self.srv.post("/api/v1/authority-scopes", body, token=self.admin)
            assert_error(self, (st, b), 422)
            self.assertIn(field, b["error"]["details"], b)
        # The authority unit is a government unit.
        st, orgs = self.srv.get("/api/v1/organizations?type=enterprise&per_page=1",
                                token=self.admin)
        st, b = self.srv.post("/api/v1/authority-scopes", {
            "organization_id": orgs["items"][0]["id"], "region_prefix": "45"}, token=self.admin)
        assert_error(self, (st, b), 422)

    def test_an_authority_account_needs_its_unit(self):
        st, b = self.srv.post("/api/v1/users", {"username": "auth_noorg", "display_name": "无单位",
                                                "role": "authority", "password": "x-long-pw-2026"},
                              token=self.admin)
        assert_error(self, (st, b), 422)
        self.assertIn("organization_id", b["error"]["details"])

    # ---- read-only, no personal data ----------------------------------

    def test_reads_what_a_member_reads(self):
        for path in ("/api/v1/consortia/%d/composition", "/api/v1/consortia/%d/council",
                     "/api/v1/consortia/%d/stats", "/api/v1/consortia/%d/outcomes",
                     "/api/v1/consortia/%d/training-stats", "/api/v1/consortia/%d/rd-stats"):
            st, b = self.srv.get(path % LZ, token=self.gx)
            self.assertEqual(st, 200, (path, b))
        st, b = self.srv.get("/api/v1/consortia/%d/stats" % LZ, token=self.gx)
        self.assertIsNotNone(b["work_plan"])  # members' figure, the authority's too
        st, b = self.srv.get("/api/v1/memberships?consortium_id=%d&per_page=1" % LZ,
                             token=self.gx)
        self.assertGreater(b["total"], 80)

    def test_writes_nothing_in_the_register(self):
        st, m = self.srv.get("/api/v1/memberships?consortium_id=%d&per_page=1" % LZ,
                             token=self.gx)
        mid = m["items"][0]["id"]
        st, meetings = self.srv.get("/api/v1/meetings?consortium_id=%d&per_page=1" % LZ,
                                    token=self.gx)
        creates = [
            ("/api/v1/memberships", {"consortium_id": LZ, "organization_id": self.gx_org,
                                     "role": "member"}),
            ("/api/v1/meetings", {"consortium_id": LZ, "title": "越权会议", "kind": "council",
                                  "held_on": "2026-01-01"}),
            ("/api/v1/agreements", {"consortium_id": LZ, "title": "越权协议",
                                    "type": "school_enterprise"}),
            ("/api/v1/work-plan-items", {"consortium_id": LZ, "title": "越权事项"}),
            ("/api/v1/announcements", {"consortium_id": LZ, "title": "越权公告",
                                       "body": "x"}),
            ("/api/v1/consortium-goals", {"consortium_id": LZ, "title": "越权目标",
                                          "target_min": 1}),
            ("/api/v1/indicator-frameworks", {"name": "越权体系", "version": "1",
                                              "applies_to": "all", "status": "draft"}),
            ("/api/v1/organizations", {"name": "越权单位", "type": "enterprise"}),
        ]
        for path, body in creates:
            st, b = self.srv.post(path, body, token=self.gx)
            assert_error(self, (st, b), 403)
        st, b = self.srv.patch("/api/v1/memberships/%d" % mid, {"note": "x"}, token=self.gx)
        assert_error(self, (st, b), 403)
        st, b = self.srv.delete("/api/v1/memberships/%d" % mid, token=self.gx)
        assert_error(self, (st, b), 403)
        if meetings["items"]:
            st, b = self.srv.patch("/api/v1/meetings/%d" % meetings["items"][0]["id"],
                                   {"title": "改"}, token=self.gx)
            assert_error(self, (st, b), 403)
        st, b = self.srv.patch("/api/v1/consortia/%d" % LZ, {"description": "改"},
                               token=self.gx)
        assert_error(self, (st, b), 403)

    def test_no_personal_data_and_no_audit_log(self):
        st, b = self.srv.get("/api/v1/students?consortium_id=%d" % LZ, token=self.gx)
        self.assertEqual((st, b["total"]), (200, 0))
        st, any_student = self.srv.get("/api/v1/students?per_page=1", token=self.admin)
        sid = any_student["items"][0]["id"]
        st, b = self.srv.get("/api/v1/students/%d" % sid, token=self.gx)
        assert_error(self, (st, b), 404)
        st, staff = self.srv.get("/api/v1/teaching-staff?consortium_id=%d" % LZ, token=self.gx)
        self.assertEqual(st, 200, staff)
        for row in staff["items"]:
            self.assertNotIn("name", row)
            self.assertNotIn("gender", row)
        st, orgs = self.srv.get("/api/v1/organizations?per_page=200", token=self.gx)
        for row in orgs["items"]:
            for f in ("contact_name", "contact_phone", "contact_email"):
                self.assertNotIn(f, row)
        st, b = self.srv.get("/api/v1/audit?consortium_id=%d" % LZ, token=self.gx)
        assert_error(self, (st, b), 403)

    # ---- the view ------------------------------------------------------

    def test_overview(self):
        st, o = self.srv.get("/api/v1/authority/overview?year=%d" % YEAR, token=self.moe)
        self.assertEqual(st, 200, o)
        by = {c["id"]: c for c in o["consortia"]}
        lz = by[LZ]
        self.assertEqual(lz["members"], 84)  # the report's 84 units (composition total)
        self.assertEqual(lz["assessment"]["id"], 901)
        self.assertEqual(lz["assessment"]["rag"], {"green": 1, "amber": 1, "red": 0, "none": 0})
        self.assertEqual(lz["links"]["annual_report"],
                         "/api/v1/consortia/1/annual-report?year=%d" % YEAR)
        self.assertEqual(lz["links"]["assessment"], "/api/v1/assessments/901")
        # The demo's grants are dated last year (China time).
        last = (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).year - 1
        st, o2 = self.srv.get("/api/v1/authority/overview?year=%d" % last, token=self.moe)
        lz2 = {c["id"]: c for c in o2["consortia"]}[LZ]
        fin = [p for p in lz2["policy"] if p["kind"] == "finance"]
        self.assertEqual(fin[0]["amount"], 500)
        self.assertIsNone(by[AE]["assessment"])
        self.assertIsNone(by[AE]["links"]["assessment"])
        st, o = self.srv.get("/api/v1/authority/overview?year=%d" % YEAR, token=self.admin)
        self.assertEqual(st, 200)
        self.assertIn(self.hidden, [c["id"] for c in o["consortia"]])
        for tok, code in ((self.staff, 403), (self.lz_sec, 403), (None, 401)):
            for path in ("/api/v1/authority/overview", "/api/v1/authority/indicators",
                         "/api/v1/authority/scopes"):
                st, b = self.srv.get(path, token=tok)
                assert_error(self, (st, b), code)
        st, b = self.srv.get("/api/v1/authority/overview?year=abc", token=self.gx)
        assert_error(self, (st, b), 400)

    def test_indicators_side_by_side(self):
        st, o = self.srv.get("/api/v1/authority/indicators?year=%d" % YEAR, token=self.moe)
        self.assertEqual(st, 200, o)
        self.assertEqual(o["framework"]["id"], self.fw)
        self.assertEqual([c["id"] for c in o["consortia"]], [LZ, CC, AE, JJJ])
        self.assertEqual([i["code"] for i in o["indicators"]], ["1.1.1", "1.1.2"])
        first, second = o["indicators"]
        v = {x["consortium_id"]: x for x in first["values"]}
        self.assertEqual((v[LZ]["value"], v[LZ]["rag"]), (12, "green"))
        self.assertEqual((v[JJJ]["value"], v[JJJ]["rag"]), (2, "red"))
        self.assertIsNone(v[AE]["value"])
        v = {x["consortium_id"]: x for x in second["values"]}
        self.assertEqual(v[LZ]["value"], 4)  # reported wins over computed 3
        st, o = self.srv.get("/api/v1/authority/indicators?year=%d&framework_id=%d"
                             % (YEAR, self.fw), token=self.gx)
        self.assertEqual([c["id"] for c in o["consortia"]], [LZ])
        st, b = self.srv.get("/api/v1/authority/indicators?framework_id=99999", token=self.gx)
        assert_error(self, (st, b), 422)
        st, b = self.srv.get("/api/v1/authority/indicators?framework_id=x", token=self.gx)
        assert_error(self, (st, b), 400)

    def test_cli_side_by_side(self):
        p = cjtest.run_cli("authority", "overview", "--db", self.srv.db, "--as", "moe_vte",
                           "--year", str(YEAR), "--format", "json", check=True)
        out = json.loads(p.stdout)
        self.assertEqual([c["id"] for c in out["consortia"]], [LZ, CC, AE, JJJ])
        self.assertEqual(out["consortia"][0]["assessment"]["id"], 901)
        p = cjtest.run_cli("authority", "indicators", "--db", self.srv.db, "--as", "moe_vte",
                           "--year", str(YEAR), check=True)
        self.assertIn("1.1.1", p.stdout)
        self.assertIn("12 (green)", p.stdout)
        self.assertIn("2 (red)", p.stdout)
        p = cjtest.run_cli("authority", "overview", "--db", self.srv.db, "--as", "gx_edu")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("广西（柳州）汽车产教联合体", p.stdout)
        self.assertNotIn("京津冀", p.stdout)
        p = cjtest.run_cli("authority", "overview", "--db", self.srv.db, "--as", "liuzhou_sec")
        self.assertEqual(p.returncode, 1)
        p = cjtest.run_cli("authority", "overview", "--db", self.srv.db)
        self.assertEqual(p.returncode, 2)

    def test_policy_grants_import(self):
        csv = ("授予单位,政策类别,政策事项,数额,计量单位,年度,文号\n"
               "广西壮族自治区教育厅,资金,导入专项资金,50,万元,%d,示例〔%d〕9号\n"
               "广西壮族自治区教育厅,土地,导入用地,10,亩,%d,\n" % (YEAR, YEAR, YEAR))
        st, b = self.srv.post("/api/v1/import/policy-grants?consortium_id=%d" % LZ, csv.encode(),
                              token=self.gx, headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 200, b)
        st, lst = self.srv.get("/api/v1/policy-grants?consortium_id=%d&q=%s&per_page=50"
                               % (LZ, quote("导入")), token=self.gx)
        got = {r["item"]: r for r in lst["items"]}
        self.assertEqual((got["导入专项资金"]["kind"], got["导入用地"]["kind"]),
                         ("finance", "land"))
        # another unit's name, or a consortium it does not oversee: refused
        other = csv.replace("广西壮族自治区教育厅", "柳州市教育局").replace("导入", "他人导入")
        st, b = self.srv.post("/api/v1/import/policy-grants?consortium_id=%d" % LZ,
                              other.encode(), token=self.gx, headers={"Content-Type": "text/csv"})
        self.assertIn(st, (403, 422), b)
        st, b = self.srv.post("/api/v1/import/policy-grants?consortium_id=%d" % CC, csv.encode(),
                              token=self.gx, headers={"Content-Type": "text/csv"})
        self.assertIn(st, (403, 404), b)
        st, lst = self.srv.get("/api/v1/policy-grants?q=%s" % quote("他人导入"), token=self.admin)
        self.assertEqual(lst["total"], 0)

    # ---- the review ----------------------------------------------------

    def test_comment_and_return(self):
        path = "/api/v1/assessments/901/comments"
        self.set_status(901, "draft")
        st, b = self.srv.post(path, {"body": "草稿不能退回", "action": "return"}, token=self.gx)
        assert_error(self, (st, b), 409)
        st, b = self.srv.post(path, {"body": "请补充佐证材料"}, token=self.gx)
        self.assertEqual(st, 201, b)
        self.assertEqual((b["action"], b["status"]), ("comment", "draft"))
        self.set_status(901, "submitted")
        # to-do: a submission awaiting review
        st, todo = self.srv.get("/api/v1/me/todo", token=self.gx)
        self.assertIn("authority_review", [i["kind"] for i in todo["items"]])
        # the secretariat comments, never returns; members and others may not
        st, b = self.srv.post(path, {"body": "已补充"}, token=self.lz_sec)
        self.assertEqual(st, 201, b)
        st, b = self.srv.post(path, {"body": "退回", "action": "return"}, token=self.lz_sec)
        assert_error(self, (st, b), 403)
        st, b = self.srv.post(path, {"body": "成员"}, token=self.staff)
        assert_error(self, (st, b), 403)
        st, b = self.srv.post(path, {"body": "他人"}, token=self.cc_sec)
        assert_error(self, (st, b), 403)
        st, b = self.srv.post(path, {"body": "匿名"})
        assert_error(self, (st, b), 401)
        # permission before the body: a member's bad body is still 403
        st, b = self.srv.post(path, {"body": ""}, token=self.staff)
        assert_error(self, (st, b), 403)
        for body, field in (({"body": ""}, "body"), ({"body": "   "}, "body"),
                            ({"body": "x", "action": "approve"}, "action"),
                            ({"body": "x", "extra": 1}, "extra"),
                            ({"body": "长" * 2001}, "body")):
            st, b = self.srv.post(path, body, token=self.gx)
            assert_error(self, (st, b), 422)
            self.assertIn(field, b["error"]["details"])
        st, b = self.srv.post(path, {"body": "目标未达成，退回修改", "action": "return"},
                              token=self.gx)
        self.assertEqual(st, 201, b)
        self.assertEqual((b["action"], b["status"]), ("return", "returned"))
        st, b = self.srv.post(path, {"body": "再次退回", "action": "return"}, token=self.gx)
        assert_error(self, (st, b), 409)
        st, lst = self.srv.get(path, token=self.lz_sec)
        self.assertEqual(st, 200, lst)
        self.assertEqual([c["action"] for c in lst["items"]], ["comment", "comment", "return"])
        self.assertEqual(lst["assessment"]["status"], "returned")
        st, b = self.srv.get(path, token=self.staff)
        assert_error(self, (st, b), 403)
        st, audit = self.srv.get("/api/v1/audit?entity=assessments&action=return",
                                 token=self.admin)
        self.assertEqual(st, 200, audit)
        self.assertGreaterEqual(audit["total"], 1)

    def test_sets_targets_only(self):
        """The year's targets are set by the secretariat or by the authority
        over the consortium (issue 12); the authority changes nothing else."""
        path = "/api/v1/assessments/901/values/%d" % self.ind["1.1.1"]
        st, b = self.srv.patch(path, {"target": 15}, token=self.gx)
        self.assertEqual(st, 200, b)
        st, a = self.srv.get("/api/v1/assessments/901", token=self.gx)
        self.assertEqual(st, 200, a)
        leaf = a["indicators"][0]["children"][0]["children"][0]
        self.assertEqual((leaf["target"], leaf["target_set_by"]), (15, "authority"))
        for body in ({"reported": 3}, {"note": "x"}, {"target": 16, "note": "x"}):
            st, b = self.srv.patch(path, body, token=self.gx)
            assert_error(self, (st, b), 403)
        st, a2 = self.srv.get("/api/v1/assessments/901", token=self.gx)
        self.assertEqual(a2["indicators"][0]["children"][0]["children"][0]["target"], 15)
        # outside its scope: Beijing–Tianjin–Hebei is not Guangxi's
        st, b = self.srv.patch("/api/v1/assessments/902/values/%d" % self.ind["1.1.1"],
                               {"target": 1}, token=self.gx)
        assert_error(self, (st, b), 404)
        # other writes stay the secretariat's
        for p in ("/api/v1/assessments/901/compute", "/api/v1/assessments/901/submit"):
            st, b = self.srv.post(p, {}, token=self.gx)
            assert_error(self, (st, b), 403)

    def test_review_outside_the_scope(self):
        # Changchun is public but not Guangxi's: readable, not reviewable.
        st, b = self.srv.post("/api/v1/assessments/903/comments", {"body": "x"}, token=self.gx)
        assert_error(self, (st, b), 403)
        st, b = self.srv.post("/api/v1/assessments/903/comments",
                              {"body": "请说明", "action": "return"}, token=self.moe)
        self.assertEqual(st, 201, b)
        st, b = self.srv.post("/api/v1/assessments/999999/comments", {"body": "x"},
                              token=self.gx)
        assert_error(self, (st, b), 404)

    # ---- the policy package -------------------------------------------

    def test_policy_grants(self):
        base = {"consortium_id": LZ, "kind": "finance", "item": "测试专项资金", "amount": 80,
                "unit": "万元", "year": YEAR}
        st, g = self.srv.post("/api/v1/policy-grants", dict(base, organization_id=self.gx_org),
                              token=self.gx)
        self.assertEqual(st, 201, g)
        st, g2 = self.srv.post("/api/v1/policy-grants",
                               dict(base, organization_id=self.gx_org, kind="资金",
                                    item="同义词资金"), token=self.gx)
        self.assertEqual((st, g2.get("kind")), (201, "finance"), g2)
        st, g3 = self.srv.post("/api/v1/policy-grants",
                               dict(base, organization_id=self.gx_org, kind="土地",
                                    item="同义词用地", unit="亩"), token=self.gx)
        self.assertEqual((st, g3.get("kind")), (201, "land"), g3)
        st, b = self.srv.patch("/api/v1/policy-grants/%d" % g["id"], {"amount": 90},
                               token=self.gx)
        self.assertEqual((st, b.get("amount")), (200, 90), b)
        # in another unit's name, outside its scope, by members or the secretariat: no
        st, orgs = self.srv.get("/api/v1/organizations?type=government&per_page=50",
                                token=self.admin)
        other = [o["id"] for o in orgs["items"] if o["id"] not in (self.gx_org, self.moe_org)][0]
        st, b = self.srv.post("/api/v1/policy-grants", dict(base, organization_id=other),
                              token=self.gx)
        assert_error(self, (st, b), 403)
        st, b = self.srv.post("/api/v1/policy-grants",
                              dict(base, consortium_id=CC, organization_id=self.gx_org),
                              token=self.gx)
        assert_error(self, (st, b), 403)
        for tok in (self.staff, self.lz_sec):
            st, b = self.srv.post("/api/v1/policy-grants", dict(base, organization_id=other),
                                  token=tok)
            assert_error(self, (st, b), 403)
        st, b = self.srv.post("/api/v1/policy-grants", dict(base, organization_id=other))
        assert_error(self, (st, b), 401)
        st, mine = self.srv.get("/api/v1/policy-grants?consortium_id=%d&organization_id=%d"
                                % (LZ, other), token=self.admin)
        if mine["items"]:
            st, b = self.srv.patch("/api/v1/policy-grants/%d" % mine["items"][0]["id"],
                                   {"amount": 1}, token=self.gx)
            assert_error(self, (st, b), 403)
        # validation after permission
        for body, field in ((dict(base, organization_id=self.gx_org, kind="赠送"), "kind"),
                            (dict(base, organization_id=self.gx_org, item=""), "item"),
                            (dict(base, organization_id=self.gx_org, year=1900), "year"),
                            (dict(base, organization_id=self.gx_org, amount=-1), "amount")):
            st, b = self.srv.post("/api/v1/policy-grants", body, token=self.gx)
            assert_error(self, (st, b), 422)
            self.assertIn(field, b["error"]["details"], b)
        # the admin in any government unit's name; readers of the consortium read
        st, b = self.srv.post("/api/v1/policy-grants", dict(base, organization_id=other,
                                                           item="管理员录入"), token=self.admin)
        self.assertEqual(st, 201, b)
        st, lst = self.srv.get("/api/v1/policy-grants?consortium_id=%d" % LZ, token=self.staff)
        self.assertEqual(st, 200)
        self.assertIn(g["id"], [x["id"] for x in lst["items"]])
        st, b = self.srv.delete("/api/v1/policy-grants/%d" % g3["id"], token=self.gx)
        self.assertEqual(st, 204, b)
        # the policy document: the authority uploads a PDF and names it
        pdf = b"%PDF-1.4\n% policy document\ntrailer <<>>\n%%EOF\n"
        st, up = self.srv.request("POST", "/api/v1/files?filename=grant.pdf", pdf, token=self.gx,
                                  headers={"Content-Type": "application/pdf"})
        self.assertEqual(st, 201, up)
        st, b = self.srv.patch("/api/v1/policy-grants/%d" % g["id"], {"evidence": up["id"]},
                               token=self.gx)
        self.assertEqual((st, b.get("evidence")), (200, up["id"]), b)
        st, _ = self.srv.get("/api/v1/files/" + up["id"], token=self.staff)
        self.assertEqual(st, 200)


if __name__ == "__main__":
    cjtest.run()
