"""Black-box tests of ?q= on one consortium's demand list (issue 13,
"Scale"): for a q of Chinese characters only, or of three or more ASCII
letters and digits (by their trigrams, each candidate checked by LIKE),
store_entity.c takes the published rows' matches from the search index
(demand_fts) and adds the
drafts and closed rows whose text holds q, and the rows whose enterprise,
occupation or region is named by q (q_by_index).  The list must answer
exactly as the substring match (LIKE) it replaces.

The oracle is the same list without the consortium filter, which still
matches by LIKE, cut down to the consortium's rows: for a q that no
consortium's name holds (the consortium's name is a way to match only
where the list is not filtered on it), both must give the same rows in the
same order, with the same total.

On the demo the enterprise SGMW adds drafts and closed rows whose text
holds 焊装 in one field or another, the secretariat publishes rows, edits
one out of the match, takes one back to a draft and deletes one, and the
same for Latin words (inside a longer word, in full width, next to a
Latin-1 letter, past a word's 64th byte); then for six callers, several q
(one character, a pair, a triple, four characters, an enterprise's name,
an occupation's name, Latin words of two to four characters, digits, a
word nowhere), two sorts and two page sizes, every page is walked.

    python3 tests/api/test_list_q.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ = 1
QS = ("焊装", "焊", "装调", "装调工", "白车身", "焊装调试", "五菱", "漆", "テスト", "草稿岗",
      # Latin words: three or more letters and digits go through the
      # index's trigrams, checked by LIKE; shorter ones, digits a region
      # code can hold, and other characters by LIKE alone
      "PLC", "plc", "Plc5", "CNC", "SGMW", "PL", "4502", "C-1", "zzzq")
LONG = "x" * 70 + "PLC5"  # one word longer than the index's 64-byte token


class ListQTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        try:
            cls.prepare()
        except BaseException:
            cls.srv.stop()
            raise

    @classmethod
    def prepare(cls):
        cls.tok, sgmw = cjtest.demand_callers(cls.srv)

        row = {"consortium_id": LZ, "enterprise_id": sgmw, "occupation_code": "6-31-01-03",
               "job_title": "设备维护员", "kind": "employment", "headcount": 2, "period": 2025,
               "status": "published"}

        def add(tok, **kw):
            return cjtest.add_demand(cls.srv, cls.tok[tok], row, **kw)

        add("firm", status="draft", job_title="焊装草稿岗位", headcount=5)
        add("firm", status="draft", description="负责车身焊装调试。", period=2026)
        add("firm", status="closed", skills="焊装、涂装", period=2024)
        add("firm", status="closed", job_title="油漆工", headcount=9)
        add("sec", job_title="车身焊装调试员", headcount=4)
        edited = add("sec", job_title="焊装质检员")
        st, _ = cls.srv.patch("/api/v1/demand/%d" % edited, {"job_title": "总装质检员"},
                              token=cls.tok["sec"])
        assert st == 200
        back = add("sec", description="焊装线班组长，白车身", kind="internship")
        st, _ = cls.srv.patch("/api/v1/demand/%d" % back, {"status": "draft"},
                              token=cls.tok["sec"])
        assert st == 200
        # Latin: inside a longer word, full width (the index folds it, LIKE
        # does not: a candidate the check removes), next to a Latin-1
        # letter, past the 64th byte of a word, a draft, an edit out
        add("sec", skills="SPLC调试、CNC", headcount=3)
        add("sec", description="熟悉ＰＬＣ编程")
        add("sec", job_title="PLCé维护员")
        add("sec", description=LONG, kind="internship")
        add("sec", job_title="焊接PLC5站")
        add("firm", status="draft", job_title="PLC草稿岗")
        plc = add("sec", job_title="PLC质检员")
        st, _ = cls.srv.patch("/api/v1/demand/%d" % plc, {"job_title": "总装质检员"},
                              token=cls.tok["sec"])
        assert st == 200
        gone = add("sec", job_title="焊装删除岗")
        st, _ = cls.srv.delete("/api/v1/demand/%d" % gone, token=cls.tok["sec"])
        assert st in (200, 204), st

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def walk(self, query, tok, per_page):
        """Every row of the list, page by page: ([(id, consortium)], total)."""
        rows, page, total = [], 1, None
        while True:
            st, b = self.srv.get("/api/v1/demand?per_page=%d&page=%d%s" % (per_page, page, query),
                                 token=self.tok[tok])
            self.assertEqual(st, 200, (query, tok, b))
            if total is None:
                total = b["total"]
            self.assertEqual(b["total"], total, (query, tok, page))
            rows += [(r["id"], r["consortium_id"]) for r in b["items"]]
            if len(b["items"]) < per_page:
                return rows, total
            page += 1

    def test_no_consortium_name_holds_the_words(self):
        st, b = self.srv.get("/api/v1/consortia?per_page=100")
        self.assertEqual(st, 200)
        for c in b["items"]:
            for q in QS:
                self.assertNotIn(q, c["name"] + (c.get("short_name") or ""))

    def test_q_answers_as_the_substring_match(self):
        for tok in self.tok:
            for q in QS:
                for sort, per_page in (("", 100), ("&sort=-headcount", 3)):
                    with self.subTest(caller=tok, q=q, sort=sort, per_page=per_page):
                        got, total = self.walk("&consortium_id=%d&q=%s%s" % (LZ, quote(q), sort),
                                               tok, per_page)
                        every, _ = self.walk("&q=%s%s" % (quote(q), sort), tok, 100)
                        want = [r for r in every if r[1] == LZ]
                        self.assertEqual(got, want)
                        self.assertEqual(total, len(got))

    def test_each_way_of_matching_is_found(self):
        def ids(q, tok):
            return [i for i, _ in self.walk("&consortium_id=%d&q=%s" % (LZ, quote(q)), tok, 100)[0]]
        sec_all, anon = ids("焊装", "sec"), ids("焊装", "anonymous")
        # the drafts and the closed row (text in the title, description,
        # skills), the unpublished row: the secretariat's, not the public's
        self.assertEqual(len(sec_all) - len(anon), 4)
        st, b = self.srv.get("/api/v1/demand?consortium_id=%d&per_page=100&q=%s"
                             % (LZ, quote("质检员")), token=self.tok["sec"])
        self.assertEqual(st, 200)
        self.assertIn("总装质检员", [r["job_title"] for r in b["items"]])
        for q in ("焊装质检员", "焊装删除岗", "PLC质检员"):  # edited out, deleted
            self.assertEqual(ids(q, "sec"), [])
        # a Latin word: inside a word, past the 64th byte; not in full
        # width (as LIKE); the draft for the secretariat only
        st, b = self.srv.get("/api/v1/demand?consortium_id=%d&per_page=100&q=PLC" % LZ,
                             token=self.tok["sec"])
        self.assertEqual(st, 200)
        found = [r["job_title"] + (r.get("skills") or "") + (r.get("description") or "")
                 for r in b["items"]]
        for text in ("SPLC调试", "PLCé维护员", LONG, "焊接PLC5站", "PLC草稿岗"):
            self.assertTrue(any(text in f for f in found), text)
        self.assertFalse(any("ＰＬＣ" in f for f in found))
        self.assertEqual(len(ids("PLC", "sec")) - len(ids("PLC", "anonymous")), 1)

        # by the enterprise's name and the occupation's name: every row of
        # SGMW's, of 汽车装调工 (6-22-02-01), whatever its text
        st, b = self.srv.get("/api/v1/demand?consortium_id=%d&per_page=100" % LZ,
                             token=self.tok["sec"])
        rows = b["items"]
        for q, field, value in (("五菱", "enterprise_id", None),
                                ("装调工", "occupation_code", "6-22-02-01")):
            with self.subTest(q=q):
                found = set(ids(q, "sec"))
                if value is None:
                    value = next(r["enterprise_id"] for r in rows if r["job_title"] == "油漆工")
                for r in rows:
                    if r[field] == value:
                        self.assertIn(r["id"], found)


    @cjtest.sqlite_only("PostgreSQL's LIKE is case-sensitive (docs/scaling.md)")
    def test_latin_q_in_any_case(self):
        def ids(q):
            return self.walk("&consortium_id=%d&q=%s" % (LZ, q), "sec", 100)
        self.assertEqual(ids("plc"), ids("PLC"))
        self.assertEqual(ids("pLc5"), ids("PLC5"))
        self.assertGreater(ids("plc")[1], 4)


if __name__ == "__main__":
    cjtest.run()
