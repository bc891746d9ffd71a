"""Black-box tests of everyday words on import (issue 15): enumeration
synonyms matched after folding (大专 for 高职专科, full-width letters,
ideographic spaces), booleans, dates and counts as offices write them, an
error repeated on many rows reported once with its row count, first lines
and a "did you mean", and the accepted-words table of docs/import.md
checked against the descriptions.

    python3 tests/api/test_words.py build/chanjiao
"""
import importlib.util
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ADMIN_PW = "admin-pass-2026"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEAD = "企业,职业编码,岗位名称,需求类型,需求人数,学历要求,年度"


class WordsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        cls.admin = cls.srv.login("admin", ADMIN_PW)
        cls.tmp = cjtest.temp_dir(cls, "cjwords-")
        st, c = cls.srv.post("/api/v1/consortia", {"name": "用语测试联合体", "kind": "city",
                                                   "level": "municipal", "is_public": True},
                             token=cls.admin)
        assert st == 201, c
        cls.cid = c["id"]
        st, o = cls.srv.post("/api/v1/organizations", {"name": "用语测试企业", "type": "enterprise"},
                             token=cls.admin)
        assert st == 201, o
        cls.firm = o["id"]
        st, m = cls.srv.post("/api/v1/memberships", {"consortium_id": cls.cid,
                                                     "organization_id": o["id"],
                                                     "role": "member"}, token=cls.admin)
        assert st == 201, m

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def upload(self, kind, text, encoding="utf-8", query="", dry=False):
        qs = "consortium_id=%d" % self.cid + ("&dry_run=1" if dry else "") + query
        return self.srv.post("/api/v1/import/%s?%s" % (kind, qs), text.encode(encoding),
                             token=self.admin, headers={"Content-Type": "text/csv"})

    def demand_rows(self, education, n, period):
        return [HEAD] + ["用语测试企业,6-22-02-01,电工%d,就业,2,%s,%d" % (i, education, period)
                         for i in range(n)]

    def count(self, **filters):
        q = "&".join("%s=%s" % kv for kv in filters.items())
        st, b = self.srv.get("/api/v1/demand?per_page=1&consortium_id=%d&%s" % (self.cid, q),
                             token=self.admin)
        self.assertEqual(st, 200, b)
        return b["total"]

    # ---- synonyms ------------------------------------------------------------

    def test_dazhuan_on_360_rows_imports_cleanly(self):
        text = "\n".join(self.demand_rows("大专", 360, 2061)) + "\n"
        st, b = self.upload("demand", text)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["imported"], 360)
        self.assertEqual(self.count(period=2061, education="higher"), 360)

    def test_fullwidth_blanks_case_and_gb18030(self):
        # Full-width letters and digits, ideographic spaces, another case,
        # saved in GB18030 as Chinese Excel does.
        rows = [HEAD,
                "用语测试企业,6-22-02-01,甲岗,就业,3人,\u3000本科及以上\u3000,２０６２",
                "用语测试企业,6-22-02-01,乙岗,Ｉｎｔｅｒｎｓｈｉｐ,\"1,200\",ＨＩＧＨＥＲ,2062",
                "用语测试企业,6-22-02-01,丙岗,实习,１２,硕士,2062",
                "用语测试企业,6-22-02-01,丁岗,订单,4名,中专,2062",
                "用语测试企业,6-22-02-01,戊岗,学徒制,5,不限学历,2062"]
        st, b = self.upload("demand", "\r\n".join(rows) + "\r\n", encoding="gb18030")
        self.assertEqual(st, 200, b)
        self.assertEqual((b["imported"], b["encoding"]), (5, "GB18030"))
        st, items = self.srv.get("/api/v1/demand?per_page=10&period=2062&sort=job_title&"
                                 "consortium_id=%d" % self.cid, token=self.admin)
        got = {d["job_title"]: (d["kind"], d["headcount"], d["education"])
               for d in items["items"]}
        self.assertEqual(got, {"甲岗": ("employment", 3, "undergraduate"),
                               "乙岗": ("internship", 1200, "higher"),
                               "丙岗": ("internship", 12, "postgraduate"),
                               "丁岗": ("order_class", 4, "secondary"),
                               "戊岗": ("apprenticeship", 5, "any")})

    def test_dates_and_counts_as_offices_write_them(self):
        dates = ["2024/9/1", "2024.9.1", "2024年9月1日", "20240901", "2024-09-01 00:00:00",
                 "２０２４－０９－０１", "2024年9月1号", "2024-9-1"]
        rows = ["培训项目,承办单位,培训类型,参训人数,开始日期,年度"]
        for i, d in enumerate(dates):
            rows.append("用语培训%d,用语测试企业,技能提升,\"1,030人\",%s,2024" % (i, d))
        st, b = self.upload("trainings", "\n".join(rows) + "\n")
        self.assertEqual(st, 200, b)
        self.assertEqual(b["imported"], len(dates))
        st, items = self.srv.get("/api/v1/trainings?per_page=50&consortium_id=%d" % self.cid,
                                 token=self.admin)
        mine = [t for t in items["items"] if t["title"].startswith("用语培训")]
        self.assertEqual({(t["starts_on"], t["participants"], t["kind"]) for t in mine},
                         {("2024-09-01", 1030, "upskilling")})
        # What could mean two things is refused, each with its reason.
        bad = ["培训项目,承办单位,培训类型,参训人数,开始日期,年度",
               "用语坏培训甲,用语测试企业,技能提升,\"1,03\",2024/9/1,2024",
               "用语坏培训乙,用语测试企业,技能提升,3万,2024/9/1,2024",
               "用语坏培训丙,用语测试企业,技能提升,3,2024/9/1 08:30,2024",
               "用语坏培训丁,用语测试企业,技能提升,3,2024/13/1,2024",
               "用语坏培训戊,用语测试企业,技能提升,3,2024-9/1,2024"]
        st, b = self.upload("trainings", "\n".join(bad) + "\n", dry=True)
        err = cjtest.assert_error(self, (st, b), 422)
        self.assertEqual([(e["line"], e["field"]) for e in err["details"]["rows"]],
                         [(2, "participants"), (3, "participants"), (4, "starts_on"),
                          (5, "starts_on"), (6, "starts_on")])

    def test_booleans_and_levels_of_students(self):
        st, o = self.srv.post("/api/v1/organizations", {"name": "用语测试学院",
                                                        "type": "高职院校"}, token=self.admin)
        self.assertEqual(st, 201, o)
        st, m = self.srv.post("/api/v1/memberships", {"consortium_id": self.cid,
                                                      "organization_id": o["id"],
                                                      "role": "成员单位"}, token=self.admin)
        self.assertEqual(st, 201, m)
        words = ["是", "否", "√", "×", "Y", "n", "有", "无", "TRUE", "false", "1", "0", "ｙｅｓ"]
        levels = ["大专", "专科", "高职", "高职高专", "高职专科", "中专", "职高", "技校",
                  "中等职业", "本科", "职业本科", "Ｈｉｇｈｅｒ", "higher"]
        rows = ["学校,学号,姓名,专业代码,层次,年级,同意"]
        for i, (w, lv) in enumerate(zip(words, levels)):
            rows.append("用语测试学院,W%03d,学生%d,460702,%s,2024,%s" % (i, i, lv, w))
        st, b = self.upload("students", "\n".join(rows) + "\n")
        self.assertEqual(st, 200, b)
        st, items = self.srv.get("/api/v1/students?per_page=50&school_id=%d" % o["id"],
                                 token=self.admin)
        got = {s["student_no"]: (s["consent"], s["level"]) for s in items["items"]}
        want_consent = [True, False, True, False, True, False, True, False, True, False, True,
                        False, True]
        want_level = ["higher"] * 5 + ["secondary"] * 4 + ["undergraduate"] * 2 + ["higher"] * 2
        self.assertEqual(got, {"W%03d" % i: (c, lv) for i, (c, lv)
                               in enumerate(zip(want_consent, want_level))})

    def test_filters_and_api_accept_synonyms(self):
        # One lookup everywhere: a filter or a JSON body may name an option
        # by a synonym too; the stored and answered value is the option's.
        st, o = self.srv.post("/api/v1/organizations", {"name": "用语测试职院", "type": "职业技术学院"},
                              token=self.admin)
        self.assertEqual(st, 201, o)
        self.assertEqual(o["type"], "higher_vocational")
        st, b = self.srv.get("/api/v1/organizations?type=%E9%AB%98%E8%81%8C&per_page=50",
                             token=self.admin)
        self.assertEqual(st, 200, b)
        self.assertIn(o["id"], [x["id"] for x in b["items"]])
        # JSON stays strict for the other types: a string is not a boolean.
        st, b = self.srv.post("/api/v1/consortia", {"name": "严格联合体", "kind": "city",
                                                    "level": "municipal", "is_public": "是"},
                              token=self.admin)
        cjtest.assert_error(self, (st, b), 422, "validation_failed")

    # ---- errors said once ------------------------------------------------------

    def test_typo_on_300_rows_is_one_error_with_a_suggestion(self):
        rows = self.demand_rows("本课", 300, 2063)
        rows.insert(5, "用语测试企业,6-22-02-01,另一行,就业,0,本科,2063")  # a different error
        st, b = self.upload("demand", "\n".join(rows) + "\n", dry=True)
        err = cjtest.assert_error(self, (st, b), 422, "validation_failed")
        d = err["details"]
        self.assertEqual(d["bad_rows"], 301)
        self.assertEqual(d["error_count"], 301)
        entries = d["rows"]
        self.assertEqual(len(entries), 2, entries)
        typo = [e for e in entries if e["field"] == "education"]
        self.assertEqual(len(typo), 1)
        t = typo[0]
        self.assertEqual(t["count"], 300)
        self.assertEqual(t["line"], 2)
        self.assertEqual(t["lines"], [2, 3, 4, 5, 7])
        # one language (Chinese by default): count, lines, then the column's message
        self.assertTrue(t["message"].startswith("共 300 行，第 2、3、4、5、7 等行：“学历要求”列："),
                        t["message"])
        self.assertIn("您是不是要写 本科", t["message"])
        self.assertIn("本课", t["message"])
        other = [e for e in entries if e["field"] == "headcount"][0]
        self.assertEqual((other["line"], other["count"], other["lines"]), (6, 1, [6]))
        self.assertNotIn("共", other["message"])
        self.assertEqual(self.count(period=2063), 0)

    def test_different_bad_words_stay_apart(self):
        rows = [HEAD,
                "用语测试企业,6-22-02-01,甲岗,就业,1,本课,2064",
                "用语测试企业,6-22-02-01,乙岗,就业,1,博土后,2064",
                "用语测试企业,6-22-02-01,丙岗,就业,1,本课,2064"]
        st, b = self.upload("demand", "\n".join(rows) + "\n", dry=True)
        err = cjtest.assert_error(self, (st, b), 422)
        entries = err["details"]["rows"]
        self.assertEqual([(e["line"], e["count"]) for e in entries], [(2, 2), (3, 1)])
        self.assertEqual(entries[0]["lines"], [2, 4])

    def test_cli_prints_a_repeated_error_once(self):
        path = os.path.join(self.tmp, "typo.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(self.demand_rows("本课", 50, 2065)) + "\n")
        p = self.srv.cli("import", "demand", path, "--db", self.srv.db,
                         "--consortium", str(self.cid))
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(p.stderr.count("取值“本课”"), 1, p.stderr)
        self.assertIn("共 50 行 (50 rows)", p.stderr)
        self.assertIn("您是不是要写 本科", p.stderr)
        self.assertNotIn("另有", p.stderr)

    # ---- the meta and the docs --------------------------------------------------

    def test_meta_serves_synonyms_and_docs_list_them(self):
        st, meta = self.srv.get("/api/v1/meta/entities")
        self.assertEqual(st, 200)
        demand = [e for e in meta["items"] if e["name"] == "demand"][0]
        edu = [f for f in demand["fields"] if f["name"] == "education"][0]
        higher = [o for o in edu["options"] if o["value"] == "higher"][0]
        self.assertIn("大专", higher["synonyms"])
        spec = importlib.util.spec_from_file_location(
            "gen_words", os.path.join(ROOT, "scripts", "gen-words.py"))
        gen_words = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gen_words)
        with open(os.path.join(ROOT, "docs", "import.md"), encoding="utf-8") as f:
            doc = f.read()
        self.assertIn(gen_words.table(meta), doc,
                      "docs/import.md is out of date: run python3 scripts/gen-words.py")


if __name__ == "__main__":
    cjtest.run()
