"""Black-box test of the school's paged view of a matching round (issue 16:
学生双选状态 rendered the demo school's 804 students as one page).

GET /api/v1/match-rounds/{id}/school?page=&per_page=&q=&show=&sort= answers
one page of the signed-in school's students with an exact total of what the
filter keeps, and counts of the whole school for the page's figures.  The
test walks every page (disjoint, complete, in order), the filters before
and after a round is published, the bound on per_page, bad arguments, and
who may ask at all.

    python3 tests/api/test_rounds_paging.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402


class RoundPagingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.sec = s.login("liuzhou_sec")
        cls.sgmw = s.login("sgmw_admin")
        cls.school = s.login("lzvtu_staff")
        cls.stud = s.login("student_demo")
        st, rounds = s.get("/api/v1/match-rounds?consortium_id=1", token=cls.sec)
        assert st == 200 and rounds["total"] == 1, rounds
        cls.rid = rounds["items"][0]["id"]
        # Every student of the school in the demo, straight from the register.
        cls.all = {}
        page = 1
        while True:
            st, b = s.get("/api/v1/students?per_page=500&page=%d&school_id=%d"
                          % (page, cls.school_id()), token=cls.school)
            assert st == 200, b
            cls.all.update({x["id"]: x for x in b["items"]})
            if len(cls.all) >= b["total"] or not b["items"]:
                break
            page += 1

    @classmethod
    def school_id(cls):
        st, me = cls.srv.get("/api/v1/auth/me", token=cls.school)
        assert st == 200, me
        u = me.get("user", me)
        return u["organization_id"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def page(self, query="", tok=None):
        path = "/api/v1/match-rounds/%d/school%s" % (self.rid, "?" + query if query else "")
        return self.srv.get(path, token=tok or self.school)

    def walk(self, query, per_page):
        """Every page of a query: the rows in order, and the totals seen."""
        rows, totals, n = [], set(), 1
        while True:
            st, b = self.page("%s&per_page=%d&page=%d" % (query, per_page, n))
            self.assertEqual(st, 200, b)
            self.assertEqual((b["page"], b["per_page"]), (n, per_page))
            self.assertLessEqual(len(b["items"]), per_page)
            totals.add(b["total"])
            if not b["items"]:
                break
            rows += b["items"]
            n += 1
        return rows, totals

    def test_1_pages_are_disjoint_complete_and_exact(self):
        # The demo school really has 804 students (the figure).
        self.assertEqual(len(self.all), 804)
        st, first = self.page()
        self.assertEqual(st, 200, first)
        self.assertEqual(first["total"], 804)
        self.assertEqual(first["counts"], {"students": 804, "submitted": 0, "matched": 0})
        self.assertEqual((first["page"], first["per_page"], len(first["items"])), (1, 20, 20))
        for sort, key in (("student_no", "student_no"), ("-name", "name")):
            rows, totals = self.walk("sort=" + sort, 97)
            self.assertEqual(totals, {804})
            ids = [r["student_id"] for r in rows]
            self.assertEqual(len(ids), 804)  # no row on two pages
            self.assertEqual(set(ids), set(self.all))  # and none missing
            keys = [r[key] for r in rows]
            self.assertEqual(keys, sorted(keys, reverse=sort.startswith("-")))
        # A page past the end is empty and still tells the total.
        st, b = self.page("per_page=100&page=9")
        self.assertEqual((len(b["items"]), b["total"]), (4, 804))
        st, b = self.page("per_page=100&page=10")
        self.assertEqual((b["items"], b["total"]), ([], 804))

    def test_2_filters(self):
        # q: name, student number, major code and major name.
        st, b = self.page("q=" + quote("（示例）"))
        names = sorted(x["name"] for x in b["items"])
        self.assertEqual(b["total"], len(names))
        self.assertEqual(names, sorted(x["name"] for x in self.all.values() if "（示例）" in x["name"]))
        self.assertIn("李明（示例）", names)
        one = next(x for x in self.all.values() if x["name"] == "李明（示例）")
        st, b = self.page("q=" + one["student_no"])
        self.assertEqual([x["student_id"] for x in b["items"]], [one["id"]])
        by_major = sum(1 for x in self.all.values() if x["major_code"] == one["major_code"])
        st, b = self.page("q=%s&per_page=500" % one["major_code"])
        self.assertGreaterEqual(b["total"], by_major)
        self.assertEqual(b["total"], len(b["items"]))
        st, name = self.page("q=" + quote(b["items"][0]["major_name"]) + "&per_page=1")
        self.assertGreaterEqual(name["total"], by_major)
        st, b = self.page("q=" + quote("没有这个人"))
        self.assertEqual((b["total"], b["items"]), (0, []))
        # show: before publication nobody is matched or unmatched.
        st, b = self.page("show=none")
        self.assertEqual(b["total"], 804)
        for show in ("submitted", "matched", "unmatched"):
            st, b = self.page("show=" + show)
            self.assertEqual((st, b["total"]), (200, 0), show)

    def test_3_bounds_and_bad_arguments(self):
        st, b = self.page("per_page=500")
        self.assertEqual((st, len(b["items"])), (200, 500))
        for bad in ("per_page=501", "per_page=0", "per_page=x", "page=0", "page=-1",
                    "show=everyone", "sort=id", "sort=-", "q=" + "x" * 101):
            cjtest.assert_error(self, self.page(bad), 400)

    def test_4_who_may_ask(self):
        cjtest.assert_error(self, self.srv.get("/api/v1/match-rounds/%d/school" % self.rid), 401)
        # A bad argument tells a stranger nothing more than a good one.
        cjtest.assert_error(self, self.srv.get("/api/v1/match-rounds/%d/school?per_page=9999"
                                               % self.rid), 401)
        cjtest.assert_error(self, self.page("sort=bogus", self.stud), 403)
        cjtest.assert_error(self, self.page("", self.sec), 403)
        cjtest.assert_error(self, self.srv.get("/api/v1/match-rounds/999999/school",
                                               token=self.school), 404)
        # An enterprise's user sees only its own unit's students: none.
        st, b = self.page("", self.sgmw)
        self.assertEqual((st, b["total"], b["counts"]["students"]), (200, 0, 0))
        # Names never leave the school through the page.
        st, b = self.page("per_page=500")
        self.assertTrue(all(x["student_id"] in self.all for x in b["items"]))

    def test_5_published_round(self):
        st, pos = self.srv.get("/api/v1/match-rounds/%d/positions" % self.rid, token=self.stud)
        self.assertEqual(st, 200, pos)
        net = next(p["demand_id"] for p in pos["items"] if p["job_title"] == "智能网联调试实习生")
        me = next(x for x in self.all.values() if x["name"] == "李明（示例）")
        base = "/api/v1/match-rounds/%d/" % self.rid
        st, b = self.srv.post(base + "my-list", {"positions": [net]}, token=self.stud)
        self.assertEqual(st, 200, b)
        st, b = self.page("show=submitted")
        self.assertEqual(([x["student_id"] for x in b["items"]], b["counts"]["submitted"]),
                         ([me["id"]], 1))
        self.assertIsNone(b["items"][0]["result"])
        for step, body in (("close-applications", {}),
                           ("rankings", {"demand_id": net, "students": [me["id"]]}),
                           ("close", {}), ("run", {}), ("publish", {})):
            st, b = self.srv.post(base + step, body, token=self.sec)
            self.assertEqual(st, 200, (step, b))
        st, b = self.page("show=matched")
        self.assertEqual(b["total"], 1)
        got = b["items"][0]
        self.assertEqual((got["student_id"], got["matched"]), (me["id"], True))
        self.assertEqual((got["result"]["demand_id"], got["result"]["choice_rank"]), (net, 1))
        self.assertEqual(got["result"]["job_title"], "智能网联调试实习生")
        st, b = self.page("show=unmatched&per_page=1")
        self.assertEqual(b["total"], 803)
        self.assertEqual((b["items"][0]["matched"], b["items"][0]["result"]), (False, None))
        self.assertEqual(b["counts"], {"students": 804, "submitted": 1, "matched": 1})
        # The placement is searchable, and sorts first by choice.
        st, b = self.page("q=" + quote("网联调试实习"))
        self.assertEqual([x["student_id"] for x in b["items"]], [me["id"]])
        st, b = self.page("sort=result&per_page=1")
        self.assertEqual(b["items"][0]["student_id"], me["id"])
        st, b = self.page("sort=-choices&per_page=1")
        self.assertEqual(b["items"][0]["choices"], 1)


if __name__ == "__main__":
    cjtest.run()
