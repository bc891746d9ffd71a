"""The annual report (issue 12): GET /api/v1/consortia/{id}/annual-report
in html, pdf, xlsx and json, and `chanjiao report annual`.

On the demo: Liuzhou's report for 2026 (the latest year with records —
placements, work plan, trainings) has every section; the PDF printed by
Chromium carries, as text pdftotext finds, the 84 members and their
composition 8/59/7/6/2/2, the council chair, and the 柳州职业技术大学–广西
汽车集团 row of 主要校企合作 with the figures the json format gives (about
200 interns, about 3 000 graduates, 37 at 技师 or above, over 1 000
person-times, 20+ joint projects), fonts embedded; the XLSX is a workbook
with its sheets; who may see it; a bad year is 422.  The PDF tests are
skipped (with the reason) when chromium or pdftotext is not installed.
"""
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LIUZHOU = 1
YEAR = 2026
SECTIONS = ["概况与成员构成", "治理", "人才供需", "成效", "主要校企合作", "技术服务",
            "共建资源与联合培养", "指标与目标"]
SHEETS = ["成员构成", "理事会", "会议与表决", "年度工作计划", "人才缺口", "发布清单", "双向选择",
          "历年成效", "技能等级证书", "培训", "主要校企合作", "技术项目", "技术成果", "共建基地",
          "联合培养", "指标评估", "联合体目标"]
HAVE_PDF = shutil.which("chromium") and shutil.which("pdftotext") and shutil.which("pdffonts")


def path(cid=LIUZHOU, year=YEAR, fmt=None):
    p = "/api/v1/consortia/%d/annual-report?year=%s" % (cid, year)
    return p + ("&format=" + fmt if fmt else "")


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        text = subprocess.run(["pdftotext", "-layout", f.name, "-"], check=True,
                              capture_output=True, text=True).stdout
        fonts = subprocess.run(["pdffonts", f.name], check=True, capture_output=True,
                               text=True).stdout
    return text, fonts


def xlsx_sheets(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    book = z.read("xl/workbook.xml").decode()
    return names, re.findall(r'<sheet name="([^"]+)"', book)


class AnnualReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        srv = cls.srv = cjtest.Server(demo=True)
        admin = cls.admin = srv.login("admin")
        cls.sec = srv.login("liuzhou_sec")

        def post(p, body):
            st, b = srv.post(p, body, token=admin)
            assert st == 201, (p, st, b)
            return b

        # A private consortium with one member unit, and a unit of another.
        cls.private = post("/api/v1/consortia", {"name": "年度报告私有联合体", "kind": "city",
                                                 "level": "municipal", "is_public": False})["id"]
        inside = post("/api/v1/organizations", {"name": "报告测试成员企业", "type": "enterprise"})
        post("/api/v1/memberships", {"consortium_id": cls.private,
                                     "organization_id": inside["id"], "role": "member"})
        outside = post("/api/v1/organizations", {"name": "报告测试外部企业", "type": "enterprise"})
        post("/api/v1/memberships", {"consortium_id": 2, "organization_id": outside["id"],
                                     "role": "member"})
        for u, org in (("rep_in", inside["id"]), ("rep_out", outside["id"])):
            post("/api/v1/users", {"username": u, "display_name": u, "role": "org_staff",
                                   "organization_id": org, "password": "pass-%s-2026" % u})
        cls.inside = srv.login("rep_in", "pass-rep_in-2026")
        cls.outside = srv.login("rep_out", "pass-rep_out-2026")
        st, cls.json = srv.get(path(), token=cls.sec)
        assert st == 200, cls.json
        cls.pair = next(p for p in cls.json["outcomes"]["pairs"]
                        if p["school"] == "柳州职业技术大学" and p["enterprise"] == "广西汽车集团有限公司")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def raw(self, p, token=None, headers=None):
        st, body = self.srv.request("GET", p, token=token, headers=headers, raw=True)
        return st, body

    def test_json_figures_match_the_seed(self):
        j = self.json
        comp = {t["key"]: t["n"] for t in j["profile"]["composition"]["by_type"]}
        self.assertEqual(j["profile"]["composition"]["total"], 84)
        self.assertEqual([comp[k] for k in ("government", "enterprise", "secondary_vocational",
                                             "higher_vocational", "undergraduate",
                                             "research_institute")], [8, 59, 7, 6, 2, 2])
        chair = next(r for r in j["profile"]["council"]["by_role"] if r["key"] == "chair")
        self.assertEqual(chair["units"], ["柳东新区管理委员会"])
        p = self.pair
        self.assertTrue(190 <= p["interns"] <= 210, p)
        self.assertTrue(2900 <= p["graduates"] <= 3100, p)
        self.assertEqual(p["certificates_technician"], 37)
        self.assertGreater(p["new_occupation_person_times"], 1000)
        self.assertGreaterEqual(p["person_times"], p["new_occupation_person_times"])
        self.assertGreaterEqual(p["projects"], 20)
        # The figures are the outcomes capability's, not the report's own.
        st, o = self.srv.get("/api/v1/consortia/%d/outcomes?year=%d" % (LIUZHOU, YEAR))
        self.assertEqual(j["outcomes"]["interns"], o["total"]["interns"])
        self.assertEqual(j["outcomes"]["certificates"], o["total"]["certificates"])
        # The secretariat sees its work plan; the public does not.
        self.assertTrue(j["governance"]["work_plan"])
        st, pub = self.srv.get(path())
        self.assertEqual(st, 200)
        self.assertEqual(pub["governance"]["work_plan"], [])
        self.assertEqual(pub["profile"], j["profile"])
        # The same records give the same report.
        self.assertEqual(self.srv.get(path(), token=self.sec)[1],
                         self.srv.get(path(), token=self.sec)[1])

    def test_governance_and_rounds_of_2025(self):
        # The demo's council meeting of 2025-12-20 with its two motions, both
        # passed by their votes; the 2025 round with its seats for the
        # secretariat; the public is shown no round figures (the round
        # itself is not listed to it).
        st, j = self.srv.get(path(year=2025), token=self.sec)
        self.assertEqual(st, 200)
        g = j["governance"]
        self.assertEqual((g["meetings_held"], g["motions"], g["motions_passed"]), (1, 2, 2))
        m = g["meetings"][0]["motions"][0]
        self.assertEqual((m["for"], m["against"], m["abstain"], m["passed"]), (15, 0, 1, True))
        r = j["talent"]["rounds"]
        self.assertEqual(len(r), 1)
        self.assertGreater(r[0]["seats"], 0)
        st, pub = self.srv.get(path(year=2025))
        self.assertTrue(all(x["seats"] is None for x in pub["talent"]["rounds"]), pub["talent"])

    def test_indicators_and_goals(self):
        # An assessment and goals written straight into the tables of
        # migration 019 (the assessment workflow is another part's): the
        # secretariat sees its draft, others only a submitted version, as
        # its snapshot says; a goal with a measure shows the measure's value.
        self.srv.script("""
        INSERT INTO indicator_frameworks(id, name, version, applies_to, status, created_at,
          updated_at) VALUES (901, '报告测试指标体系', '1', 'city', 'active', 'x', 'x');
        INSERT INTO indicators(id, framework_id, parent_id, level, code, name, unit, source,
          measure, veto, created_at, updated_at) VALUES
          (9001, 901, NULL, 1, 'R', '基础性', NULL, 'reported', NULL, 0, 'x', 'x'),
          (9002, 901, 9001, 2, 'R.1', '组织', NULL, 'reported', NULL, 0, 'x', 'x'),
          (9003, 901, 9002, 3, 'R.1.1', '成员单位数', '个', 'computed', 'members', 0, 'x', 'x'),
          (9004, 901, 9002, 3, 'R.1.2', '理事会会议', '次', 'reported', NULL, 1, 'x', 'x');
        INSERT INTO assessments(id, consortium_id, year, framework_id, status, cutoff_on,
          result, score, version, created_at, updated_at)
          VALUES (901, 1, 2024, 901, 'draft', '2024-12-31', 'fail', 50, 0, 'x', 'x');
        INSERT INTO assessment_values(assessment_id, indicator_id, target, computed, reported,
          rag) VALUES (901, 9003, 80, 84, NULL, 'green'), (901, 9004, 2, NULL, 1, 'red');
        INSERT INTO consortium_goals(consortium_id, title, measure, target_min, target_max,
          unit, due_year, manual_value, created_at, updated_at) VALUES
          (1, '成员单位达到 90 家', 'members', 90, NULL, '家', 2027, NULL, 'x', 'x'),
          (1, '新建实践中心 3–4 个', NULL, 3, 4, '个', 2026, 2, 'x', 'x');
        """)
        st, j = self.srv.get(path(year=2024), token=self.sec)
        a = j["indicators"]["assessment"]
        self.assertEqual((a["status"], a["result"]), ("draft", "fail"))
        self.assertEqual([(i["code"], i["target"], i["value"], i["rag"]) for i in a["items"]],
                         [("R.1.1", 80, 84, "green"), ("R.1.2", 2, 1, "red")])
        self.assertEqual(a["rag_counts"], {"green": 1, "amber": 0, "red": 1, "none": 0})
        goals = {g["title"]: g for g in j["indicators"]["goals"]}
        self.assertEqual((goals["成员单位达到 90 家"]["value"], goals["成员单位达到 90 家"]["source"]),
                         (84, "measure"))
        self.assertEqual(goals["新建实践中心 3–4 个"]["source"], "manual")
        # A draft is the secretariat's: the public sees no assessment.
        st, pub = self.srv.get(path(year=2024))
        self.assertIsNone(pub["indicators"]["assessment"])
        # Submitted (version 1, snapshot) then reopened: others see the snapshot.
        self.srv.script(
            "UPDATE assessments SET status = 'reopened', version = 1 WHERE id = 901;"
            "INSERT INTO assessment_versions VALUES (901, 1, 'x', 1, "
            "'{\"values\": [{\"code\": \"R.1.1\", \"target\": 80, \"computed\": 70, "
            "\"rag\": \"amber\"}, {\"code\": \"R.1.2\", \"target\": 2, \"reported\": 2, "
            "\"rag\": \"green\"}]}');")
        st, pub = self.srv.get(path(year=2024))
        a = pub["indicators"]["assessment"]
        self.assertEqual([(i["code"], i["value"], i["rag"]) for i in a["items"]],
                         [("R.1.1", 70, "amber"), ("R.1.2", 2, "green")])
        st, body = self.raw(path(year=2024, fmt="html"), token=self.sec)
        self.assertIn("成员单位数", body.decode())
        self.assertIn("已重新打开", body.decode())

    def test_a_browser_right_after_a_client_gets_the_page(self):
        """The answer cache keeps JSON answers by address: a browser's
        navigation (Accept: text/html) to the address a client has just
        read as JSON still gets the page, not the cached JSON."""
        for _ in range(3):
            st, body = self.raw(path(), token=self.sec)
            self.assertEqual(st, 200)
            self.assertTrue(body.startswith(b"{"), body[:40])
            st, body = self.raw(path(), token=self.sec, headers={"Accept": "text/html,*/*"})
            self.assertEqual(st, 200)
            self.assertTrue(body.startswith(b"<!DOCTYPE html>"), body[:40])

    def test_html_has_every_section(self):
        st, body = self.raw(path(fmt="html"), token=self.sec)
        self.assertEqual(st, 200)
        html = body.decode()
        for s in SECTIONS:
            self.assertIn(s, html)
        self.assertIn("@page{size:A4", html)
        self.assertIn("<svg", html)
        self.assertNotIn("<script", html)
        self.assertIn("柳州职业技术大学", html)
        # A browser's navigation gets the page without format.
        st, body = self.raw(path(), token=self.sec, headers={"Accept": "text/html,*/*"})
        self.assertEqual(st, 200)
        self.assertTrue(body.startswith(b"<!DOCTYPE html>"))
        # A year without records says so.
        st, body = self.raw(path(year=2001, fmt="html"), token=self.sec)
        self.assertEqual(st, 200)
        self.assertIn("暂无记录", body.decode())

    @unittest.skipUnless(HAVE_PDF, "chromium, pdftotext or pdffonts not installed")
    def test_pdf_text_fonts_and_cache(self):
        st, data = self.raw(path(fmt="pdf"), token=self.sec)
        self.assertEqual(st, 200, data[:300])
        self.assertTrue(data.startswith(b"%PDF-"))
        text, fonts = pdf_text(data)
        flat = re.sub(r"\s+", " ", text)
        self.assertIn("成员单位共 84 家", flat)
        for name, n in (("政府部门", 8), ("企业", 59), ("中职学校", 7), ("高职院校", 6),
                        ("本科学校", 2), ("科研机构", 2)):
            self.assertIn("%s %d 家" % (name, n), flat)
        self.assertIn("理事长单位", flat)
        self.assertIn("柳东新区管理委员会", flat)
        row = next(l for l in text.splitlines() if "柳州职业技术大学" in l and "广西汽车集团" in l)
        p = self.pair
        nums = [int(x) for x in re.findall(r"\b\d+\b", row)]
        self.assertEqual(nums[-5:], [p["interns"], p["graduates"], p["certificates_technician"],
                                     p["person_times"], p["projects"]])
        for s in SECTIONS:
            self.assertIn(s, flat)
        lines = [l for l in fonts.splitlines()[2:] if l.strip()]
        self.assertTrue(lines)
        self.assertTrue(any("WenQuanYi" in l or "CJK" in l for l in lines), fonts)
        for l in lines:
            self.assertIn(" yes ", l, fonts)  # emb
        # The same report again comes from the cache, byte for byte.
        st, again = self.srv.request("GET", path(fmt="pdf"), token=self.sec, raw=True)
        self.assertEqual(again, data)

    def test_xlsx_has_the_sheets(self):
        st, data = self.raw(path(fmt="xlsx"), token=self.sec)
        self.assertEqual(st, 200)
        names, sheets = xlsx_sheets(data)
        self.assertEqual(sheets, SHEETS)
        self.assertTrue(all(len(s) <= 31 for s in sheets))
        self.assertEqual(len([n for n in names if re.match(r"xl/worksheets/sheet\d+\.xml$", n)]),
                         len(SHEETS))
        z = zipfile.ZipFile(io.BytesIO(data))
        strings = z.read("xl/sharedStrings.xml").decode()
        self.assertIn("广西汽车集团有限公司", strings)
        # Figures are numbers: the pair's graduates are a numeric cell.
        sheet = z.read("xl/worksheets/sheet%d.xml" % (SHEETS.index("主要校企合作") + 1)).decode()
        self.assertIn("<v>%d</v>" % self.pair["graduates"], sheet)

    def test_who_may_see_it(self):
        p = path(cid=self.private)
        cjtest.assert_error(self, self.srv.get(p), 404)
        cjtest.assert_error(self, self.srv.get(p, token=self.outside), 404)
        st, b = self.srv.get(p, token=self.inside)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["profile"]["composition"]["total"], 1)
        self.assertEqual(self.srv.get(p, token=self.admin)[0], 200)
        # 404 comes before the year is looked at.
        cjtest.assert_error(self, self.srv.get(path(cid=self.private, year="x")), 404)
        cjtest.assert_error(self, self.srv.get(path(cid=999)), 404)

    def test_bad_year_and_format(self):
        for y in ("1999", "2101", "abc", ""):
            e = cjtest.assert_error(self, self.srv.get(path(year=y)), 422)
            self.assertIn("year", e["details"])
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/1/annual-report"), 422)
        cjtest.assert_error(self, self.srv.get(path(fmt="docx")), 400)

    def test_cli_writes_the_formats(self):
        d = tempfile.mkdtemp(prefix="cj-report-")
        try:
            fmts = ["html", "xlsx", "json"] + (["pdf"] if HAVE_PDF else [])
            for fmt in fmts:
                out = os.path.join(d, "r." + fmt)
                r = cjtest.run_cli("report", "annual", "--db", self.srv.db, "--consortium", "1",
                                   "--year", str(YEAR), "--format", fmt, "--out", out)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(out, "rb") as f:
                    data = f.read()
                if fmt == "html":
                    for s in SECTIONS:
                        self.assertIn(s, data.decode())
                elif fmt == "xlsx":
                    self.assertEqual(xlsx_sheets(data)[1], SHEETS)
                elif fmt == "pdf":
                    self.assertIn("成员单位共 84 家", re.sub(r"\s+", " ", pdf_text(data)[0]))
                else:
                    self.assertIn('"total": 84', data.decode())
            self.assertEqual(sorted(os.listdir(d)), sorted("r." + f for f in fmts))
            for bad in (["--year", "1999"], ["--year", "2026", "--format", "doc"], []):
                args = ["report", "annual", "--db", self.srv.db, "--consortium", "1",
                        "--out", os.path.join(d, "x")] + (bad or ["--year", "2026"])
                if "--format" not in args and bad:
                    args += ["--format", "html"]
                r = cjtest.run_cli(*args)
                self.assertEqual(r.returncode, 2, (bad, r.stderr))
                self.assertIn("usage", r.stderr)
        finally:
            shutil.rmtree(d)


class NoBrowserTest(unittest.TestCase):
    """Without Chromium the PDF is a 503 naming the packages, with
    Retry-After; the other formats still answer."""

    def test_pdf_503_without_chromium(self):
        old = os.environ.get("CHANJIAO_CHROMIUM")
        os.environ["CHANJIAO_CHROMIUM"] = "/nonexistent/chromium"
        try:
            srv = cjtest.Server(users=[("admin", "admin-pass-2026", "platform_admin", None, None)])
        finally:
            if old is None:
                del os.environ["CHANJIAO_CHROMIUM"]
            else:
                os.environ["CHANJIAO_CHROMIUM"] = old
        try:
            tok = srv.login("admin", "admin-pass-2026")
            st, c = srv.post("/api/v1/consortia", {"name": "无浏览器联合体", "kind": "city",
                                                   "level": "municipal", "is_public": True},
                             token=tok)
            self.assertEqual(st, 201, c)
            e = cjtest.assert_error(self, srv.get(path(cid=c["id"], fmt="pdf")), 503)
            self.assertIn("chromium", e["message"])
            self.assertIn("fonts-wqy-microhei", e["message"])
            self.assertEqual(srv.last_headers.get("Retry-After"), "10")
            st, body = srv.request("GET", path(cid=c["id"], fmt="html"), raw=True)
            self.assertEqual(st, 200)
            self.assertIn("暂无记录", body.decode())
        finally:
            srv.stop()


if __name__ == "__main__":
    cjtest.run()
