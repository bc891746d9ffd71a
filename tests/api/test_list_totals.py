"""Black-box tests of the exact totals of the demand list (issue 13,
"Scale"): store_entity.c answers a list's `total` from the running totals
(demand_totals, migration 003) for the published rows and counts only the
rest (drafts, closed rows) on migration 027's index.  Whatever the caller
and the filters, the total must stay the number of rows the list shows.

On the demo, the enterprise SGMW adds drafts and closed rows to the
Liuzhou consortium, the secretariat publishes, deletes and unpublishes
rows; then for anonymous, the platform admin, the secretariat, the
enterprise, a school and another consortium's secretariat, and for lists
without filter, by consortium, by the totals' keys (period, kind,
occupation), by status, by a field the totals are not keyed by (the
enterprise, a range) and with q=, every page is walked: the rows are
distinct, their number is the total, and the platform admin's total is the
database's own count.

    python3 tests/api/test_list_totals.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ = 1


class ListTotalsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.tok, cls.sgmw = cjtest.demand_callers(cls.srv)

        row = {"consortium_id": LZ, "enterprise_id": cls.sgmw, "occupation_code": "6-22-02-01",
               "job_title": "焊装技术员", "kind": "employment", "headcount": 3, "period": 2025,
               "status": "published"}

        def add(tok, **kw):
            return cjtest.add_demand(cls.srv, cls.tok[tok], row, **kw)

        for i in range(7):
            add("firm", status="draft", job_title="焊装草稿岗位%d" % i, kind="internship")
        for i in range(3):
            add("firm", status="closed", period=2024)
        gone = add("sec", job_title="已删除的岗位")
        st, _ = cls.srv.delete("/api/v1/demand/%d" % gone, token=cls.tok["sec"])
        assert st in (200, 204), st
        back = add("sec", job_title="撤回的岗位", kind="internship")
        st, _ = cls.srv.patch("/api/v1/demand/%d" % back, {"status": "draft"}, token=cls.tok["sec"])
        assert st == 200
        deleted_draft = add("firm", status="draft", job_title="删除的草稿")
        st, _ = cls.srv.delete("/api/v1/demand/%d" % deleted_draft, token=cls.tok["firm"])
        assert st in (200, 204), st

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def walk(self, query, tok, per_page=100, what="demand", rows=None):
        """Every row of the list, page by page: (ids, total); its rows
        appended to `rows` if given."""
        ids, page, total = [], 1, None
        while True:
            st, b = self.srv.get("/api/v1/%s?per_page=%d&page=%d%s" % (what, per_page, page, query),
                                 token=self.tok[tok])
            self.assertEqual(st, 200, (query, tok, b))
            if total is None:
                total = b["total"]
            self.assertEqual(b["total"], total, (query, tok, page))
            ids += [r["id"] for r in b["items"]]
            if rows is not None:
                rows += b["items"]
            if len(b["items"]) < per_page:
                return ids, total
            page += 1

    QUERIES = ("", "&consortium_id=1", "&consortium_id=2", "&kind=internship",
               "&consortium_id=1&period=2025", "&consortium_id=1&kind=internship",
               "&consortium_id=1&occupation_code=6-22-02-01&kind=employment&period=2025",
               "&consortium_id=1&status=draft", "&consortium_id=1&status=published",
               "&consortium_id=1&status=closed", "&status=published&kind=internship",
               "&consortium_id=1&enterprise_id={sgmw}", "&consortium_id=1&period_from=2025",
               "&consortium_id=1&q=" + quote("焊装"), "&consortium_id=1&sort=-headcount",
               "&consortium_id=1&period=2024&status=closed")

    def test_total_is_the_rows_shown(self):
        for tok in self.tok:
            for query in self.QUERIES:
                query = query.replace("{sgmw}", str(self.sgmw))
                with self.subTest(caller=tok, query=query):
                    ids, total = self.walk(query, tok)
                    self.assertEqual(len(ids), len(set(ids)))
                    self.assertEqual(len(ids), total)

    def test_pages_are_the_whole_list_in_order(self):
        """A later page, and a page of q=, reads its ids first and then
        their rows (store_entity_list): walked three rows at a time, the
        list is the one-page list, in its order, whatever the sort; and a
        secretariat's own consortium, listed without the row conditions
        (own_consortium), is what the platform admin lists there."""
        for query in ("&consortium_id=1", "&consortium_id=1&sort=-headcount",
                      "&consortium_id=1&sort=job_title", "&consortium_id=1&sort=-period",
                      "&consortium_id=1&q=" + quote("焊装"), "&consortium_id=1&status=draft",
                      "&kind=internship&sort=headcount", "&consortium_id=2"):
            whole = {}
            for tok in ("admin", "sec", "firm", "school", "other_sec"):
                with self.subTest(caller=tok, query=query):
                    whole[tok], total = self.walk(query, tok, per_page=500)
                    self.assertLess(total, 500)
                    self.assertEqual(self.walk(query, tok, per_page=3)[0], whole[tok])
            if "consortium_id=1" in query:
                self.assertEqual(whole["sec"], whole["admin"], query)
                self.assertGreater(len(whole["sec"]), len(whole["school"]), query)

    def test_students_pages_in_number_order(self):
        """The students list (personal data) pages in student-number order
        (migration 032 indexes that order): walked three rows at a time it is the
        one-page list, sorted by (student_no, id), a deleted student left
        out; the school's staff see their school's students, the admin
        every one."""
        admin = self.tok["admin"]
        st, b = self.srv.get("/api/v1/students?consortium_id=1&per_page=1",
                             token=self.tok["school"])
        self.assertEqual(st, 200, b)
        school = b["items"][0]["school_id"]
        made = []
        for no in ("Z0003", "A0001", "M0002", "A0001B"):
            st, r = self.srv.post("/api/v1/students", {
                "consortium_id": 1, "school_id": school, "student_no": "LT-" + no, "name": "排序测试",
                "major_code": "460702", "level": "higher", "cohort": 2025}, token=admin)
            self.assertEqual(st, 201, r)
            made.append(r["id"])
        st, _ = self.srv.delete("/api/v1/students/%d" % made[2], token=admin)
        self.assertIn(st, (200, 204))
        for tok in ("admin", "school"):
            for query in ("&consortium_id=1", "&consortium_id=1&cohort=2025",
                          "&consortium_id=1&q=" + quote("排序测试")):
                with self.subTest(caller=tok, query=query):
                    rows = []
                    whole, total = self.walk(query, tok, per_page=500, what="students", rows=rows)
                    self.assertEqual(len(whole), total)
                    self.assertEqual(self.walk(query, tok, per_page=3, what="students")[0], whole)
                    keys = [(r["student_no"], r["id"]) for r in rows]
                    self.assertEqual(keys, sorted(keys))
                    self.assertNotIn(made[2], whole)
                    for i in (0, 1, 3):
                        self.assertIn(made[i], whole)
                    if tok == "school":
                        self.assertEqual({r["school_id"] for r in rows}, {school})

    def test_drafts_counted_for_their_readers_only(self):
        q = "&consortium_id=1&kind=internship&status=draft"
        self.assertEqual(self.walk(q, "sec")[1], 8)  # the firm's seven and the one taken back
        self.assertEqual(self.walk(q, "firm")[1], 8)
        self.assertEqual(self.walk(q, "school")[1], 0)
        self.assertEqual(self.walk(q, "anonymous")[1], 0)
        self.assertEqual(self.walk(q, "other_sec")[1], 0)
        pub = self.walk("&consortium_id=1", "anonymous")[1]
        self.assertEqual(self.walk("&consortium_id=1", "sec")[1], pub + 7 + 3 + 1)
        self.assertEqual(self.walk("&consortium_id=1", "school")[1], pub)

    def test_admin_total_is_the_database_count(self):
        for query, sql in (("", ""), ("&consortium_id=1", " AND consortium_id = 1"),
                           ("&consortium_id=1&status=published",
                            " AND consortium_id = 1 AND status = 'published'"),
                           ("&kind=internship", " AND kind = 'internship'")):
            with self.subTest(query=query):
                n = self.srv.query("SELECT count(*) FROM demand WHERE deleted_at IS NULL" + sql)
                self.assertEqual(int(n[0][0]), self.walk(query, "admin")[1])


if __name__ == "__main__":
    cjtest.run()
