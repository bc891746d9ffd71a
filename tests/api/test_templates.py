"""Black-box tests of the import templates (GET /api/v1/import/{kind}/template,
`chanjiao template`) and of the typed, Chinese-named downloads (issue 15).

    python3 tests/api/test_templates.py build/chanjiao

On the demo data: every import kind's template comes as XLSX and CSV, named
in Chinese; its example row, with the reference cells pointed at rows the
demo holds, imports cleanly as a dry run — as CSV and as the XLSX template
itself; who may not import a kind may not fetch its template.
"""
import csv
import io
import json
import os
import re
import sys
import unittest
import urllib.parse
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_rows(raw):
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def to_csv(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def disposition_name(header):
    m = re.search(r"filename\*=UTF-8''([^;]+)", header or "")
    return urllib.parse.unquote(m.group(1)) if m else None


class TemplateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        st, meta = cls.srv.get("/api/v1/meta/entities")
        cls.meta = {e["name"]: e for e in meta["items"]}
        cls.kinds = [e["import"]["kind"] for e in meta["items"] if e.get("import")]
        cls.by_kind = {e["import"]["kind"]: e for e in meta["items"] if e.get("import")}
        # Rows the demo holds, for the reference columns.
        st, body = cls.srv.get("/api/v1/students?consortium_id=1&per_page=1", token=cls.admin)
        cls.student = body["items"][0]
        st, school = cls.srv.get("/api/v1/organizations/%d" % cls.student["school_id"],
                                 token=cls.admin)
        cls.school = school["name"]
        st, body = cls.srv.get("/api/v1/organizations?type=enterprise&per_page=100",
                               token=cls.admin)
        members = cls.members(1)
        cls.enterprise = [o["name"] for o in body["items"] if o["id"] in members][0]
        # A unit that is no member yet, for a new membership.
        st, org = cls.srv.post("/api/v1/organizations",
                               {"name": "模板测试企业", "type": "enterprise"}, token=cls.admin)
        cls.new_org = org["name"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    @classmethod
    def members(cls, cid):
        st, body = cls.srv.get("/api/v1/memberships?consortium_id=%d&per_page=200" % cid,
                               token=cls.admin)
        return {m["organization_id"] for m in body["items"]}

    def test_the_same_template_is_the_same_bytes_a_second_later(self):
        # The workbook's creation time was the clock's: two servers (or a
        # replica, or a copied database) answered the same read with other
        # bytes when a second passed between them (pg/replica saw it).
        one = self.template("organizations")
        import time
        time.sleep(1.1)
        self.assertEqual(self.template("organizations"), one)

    def template(self, kind, query="", token=False, status=200):
        st, raw = self.srv.get("/api/v1/import/%s/template%s" % (kind, query),
                               token=self.admin if token is False else token, raw=True)
        self.assertEqual(st, status, raw[:300])
        return raw

    def fill(self, kind, header, example):
        """The example row with its reference cells naming demo rows."""
        e = self.by_kind[kind]
        labels = {}
        for f in e["fields"]:
            labels[f["label_zh"]] = f
            labels[f["label_en"]] = f
        row = list(example)
        for i, h in enumerate(header):
            f = labels[h.rstrip("*")]
            if f["type"] != "ref":
                continue
            if f["name"] == "student_id":
                row[i] = self.student["student_no"] if row[i] or kind == "placements" else ""
            elif f["name"] == "school_id":
                row[i] = self.school if row[i] or kind != "placements" else ""
            elif f["name"] in ("enterprise_id",):
                # a cohort without a demand item names its enterprise
                row[i] = self.enterprise if row[i] or kind == "cohorts" else ""
            elif kind == "secondments" and f["name"] in ("home_id", "host_id"):
                # the example is a teacher's practice: school → enterprise
                row[i] = self.school if f["name"] == "home_id" else self.enterprise
            elif kind == "members" and f["name"] == "organization_id":
                row[i] = self.new_org
            elif f["name"] in ("organization_id", "provider_id", "lead_id"):
                row[i] = self.school
            elif f["name"] == "project_id":  # a joint project, named by its title
                row[i] = self.rd_project()
            elif f["name"] == "framework_id":  # the shipped framework, named by its name
                row[i] = "市域产教联合体建设监测指标（依据公开文本整理）"
            elif f["name"] == "facility_id":  # a demo facility, named by its name
                row[i] = "广西（柳州）职业技能公共实训基地"
            else:
                row[i] = ""  # optional ids (a demand row, an account)
        if kind == "organizations":  # the example credit code may be taken
            row[header.index("统一社会信用代码")] = ""
        if kind == "secondments" and not row[header.index("姓名")]:
            row[header.index("姓名")] = "示例教师"  # a staff row or a name
        if kind == "policy-grants":  # granted by a government unit
            row[header.index("授予单位*")] = "柳州市教育局"
        if kind == "supply":  # a year the demo has no supply for
            row[header.index("年度*")] = "2031"
        return row

    def rd_project(self):
        """The title of a joint project of consortium 1 (made once)."""
        if not getattr(self, "_rd_project", None):
            st, b = self.srv.get("/api/v1/organizations?name=" + urllib.parse.quote(self.school),
                                 token=self.admin)
            st, p = self.srv.post("/api/v1/rd-projects", {
                "consortium_id": 1, "kind": "service", "title": "模板测试项目",
                "lead_id": b["items"][0]["id"], "status": "proposed"}, token=self.admin)
            assert st == 201, p
            type(self)._rd_project = p["title"]
        return self._rd_project

    def dry_run(self, kind, body, ctype):
        q = "dry_run=1"
        if self.by_kind[kind]["import"]["consortium"] != "none":
            q += "&consortium_id=1"
        if self.by_kind[kind]["import"]["edition"]:
            q += "&edition=2099"
        return self.srv.post("/api/v1/import/%s?%s" % (kind, q), body, token=self.admin,
                             headers={"Content-Type": ctype})

    def test_every_kind_has_templates_that_import(self):
        self.assertGreaterEqual(len(self.kinds), 10)
        xlsx_imported = []
        for kind in self.kinds:
            with self.subTest(kind=kind):
                raw = self.template(kind, "?format=csv")
                self.assertIn("text/csv", self.srv.last_headers.get("Content-Type"))
                name = disposition_name(self.srv.last_headers.get("Content-Disposition"))
                self.assertEqual(name, self.by_kind[kind]["label_zh"] + "导入模板.csv")
                header, example = csv_rows(raw)
                self.assertTrue(any(h.endswith("*") for h in header), header)
                self.assertNotIn("联合体", [h.rstrip("*") for h in header])
                row = self.fill(kind, header, example)
                st, body = self.dry_run(kind, to_csv([header, row]), "text/csv")
                self.assertEqual(st, 200, (kind, header, row, body))
                self.assertEqual(body["rows"], 1)

                x = self.template(kind)  # XLSX is the default
                self.assertIn(XLSX, self.srv.last_headers.get("Content-Type"))
                z = zipfile.ZipFile(io.BytesIO(x))
                sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
                self.assertIn("<autoFilter", sheet1)
                self.assertIn('state="frozen"', sheet1)
                book = z.read("xl/workbook.xml").decode()
                self.assertIn('name="说明"', book)
                # The XLSX template as it is imports where no cell needed filling.
                if row == example:
                    st, body = self.dry_run(kind, x, XLSX)
                    self.assertEqual(st, 200, (kind, body))
                    self.assertEqual(body["rows"], 1)
                    xlsx_imported.append(kind)
        self.assertIn("occupations", xlsx_imported)

    def test_drop_downs_and_instructions(self):
        z = zipfile.ZipFile(io.BytesIO(self.template("demand")))
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn('<dataValidation type="list"', sheet1)
        self.assertIn("就业,顶岗实习", sheet1)  # the kinds' Chinese labels
        strings = z.read("xl/sharedStrings.xml").decode()
        for text in ("企业*", "需求人数*", "列名 (Column)", "单位统一社会信用代码或单位名称"):
            self.assertIn(text, strings)
        # numbers are numbers: 年度 2025 is a value cell, not a string
        self.assertRegex(sheet1, r'<c r="I2"( s="\d+")?><v>2025</v>')
        en = csv_rows(self.template("demand", "?format=csv&lang=en"))
        self.assertIn("Enterprise*", en[0])
        self.assertIn("Employment", en[1])

    def test_who_may_fetch(self):
        self.template("organizations", token=None, status=401)
        self.template("nonsense", status=404)
        self.template("demand", "?format=pdf", status=400)
        student = self.srv.login("student_demo")
        self.template("demand", token=student, status=403)
        self.template("occupations", token=self.srv.login("liuzhou_sec"), status=403)
        self.template("demand", token=self.srv.login("liuzhou_sec"))

    def test_cli_template(self):
        d = cjtest.temp_dir(self, "cjtpl-")
        out = os.path.join(d, "students.xlsx")
        p = cjtest.run_cli("template", "students", "--out", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        with zipfile.ZipFile(out) as z:
            self.assertIn("说明", z.read("xl/workbook.xml").decode())
        p = cjtest.run_cli("template", "students", "--out", os.path.join(d, "s.csv"),
                           "--lang", "en")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(d, "s.csv"), encoding="utf-8-sig") as f:
            self.assertTrue(f.readline().startswith("School*,"))
        p = cjtest.run_cli("template", "nonsense", "--out", out)
        self.assertEqual(p.returncode, 2)

    def test_exports_typed_and_named(self):
        raw = self.srv.get("/api/v1/demand?consortium_id=1&format=xlsx", token=self.admin,
                           raw=True)[1]
        name = disposition_name(self.srv.last_headers.get("Content-Disposition"))
        self.assertEqual(name, "人才需求.xlsx")
        sheet = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
        self.assertIn("<autoFilter", sheet)
        self.assertRegex(sheet, r"<c r=\"[A-Z]+2\"( s=\"\d+\")?><v>\d+</v>")  # numbers
        # lang=en: English labels, which import back
        st, raw = self.srv.get("/api/v1/organizations?format=csv&lang=en", token=self.admin,
                               raw=True)
        self.assertIn("Name", csv_rows(raw)[0])

    def test_gap_and_recommendations_download(self):
        for path, fname in (("gap?period=2025", "人才缺口-按职业-2025年"),
                            ("gap?period=2025&by=major", "人才缺口-按专业-2025年"),
                            ("recommendations?period=2025", "专业设置建议-2025年")):
            st, raw = self.srv.get("/api/v1/consortia/1/%s&format=csv" % path, raw=True)
            self.assertEqual(st, 200)
            self.assertEqual(disposition_name(self.srv.last_headers.get("Content-Disposition")),
                             fname + ".csv")
            rows = csv_rows(raw)
            self.assertGreater(len(rows), 1)
            st, raw = self.srv.get("/api/v1/consortia/1/%s&format=xlsx&lang=en" % path, raw=True)
            self.assertEqual(st, 200)
            z = zipfile.ZipFile(io.BytesIO(raw))
            self.assertEqual(len([n for n in z.namelist() if n.startswith("xl/worksheets/")]), 2)
        rows = csv_rows(self.srv.get("/api/v1/consortia/1/recommendations?period=2025&format=csv",
                                     raw=True)[1])
        self.assertEqual(rows[0][:3], ["专业代码", "专业名称", "层次"])
        acts = {r[0]: r[7] for r in rows[1:]}
        self.assertEqual(acts["460701"], "扩大")
        st, body = self.srv.get("/api/v1/consortia/1/gap?period=2025&format=pdf")
        self.assertEqual(st, 400)


if __name__ == "__main__":
    cjtest.run()
