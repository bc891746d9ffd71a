"""Black-box tests of GET /api/v1/me/todo against the real binary: each
role's to-do list and figures from the demo data, a draft that shows up
and goes when it is published, a list and a ranking that clear their
to-dos, nothing counted of another consortium or unit, 401 anonymous.

    python3 tests/api/test_todo.py build/chanjiao
"""
import datetime
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LIUZHOU = 1
ITEM_KEYS = {"kind", "count", "title_zh", "title_en", "due", "link"}
FIGURE_KEYS = {"key", "label_zh", "label_en", "value"}


def today_cst():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).strftime("%Y-%m-%d")


class TodoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.tok = {u: s.login(u) for u in ("admin", "liuzhou_sec", "sgmw_admin", "lzvtu_staff",
                                            "student_demo")}
        cls.tok["changchun_sec"] = s.login("changchun_sec", "secretariat-demo-2026")
        st, orgs = s.get("/api/v1/auth/me", token=cls.tok["sgmw_admin"])
        assert st == 200, orgs
        cls.sgmw = orgs["organization_id"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def todo(self, who):
        st, b = self.srv.get("/api/v1/me/todo", token=self.tok[who] if who else None)
        if who:
            self.assertEqual(st, 200, b)
            # the shape: only counts, titles in both languages, a workspace page
            self.assertEqual(set(b), {"role", "today", "items", "figures"}, b)
            self.assertEqual(b["today"], today_cst())
            for it in b["items"]:
                self.assertEqual(set(it), ITEM_KEYS, it)
                self.assertGreater(it["count"], 0, it)
                self.assertTrue(it["link"].startswith("/workspace/"), it)
                self.assertTrue(it["title_zh"] and it["title_en"], it)
                if it["due"] is not None:
                    datetime.date.fromisoformat(it["due"])
            for f in b["figures"]:
                self.assertEqual(set(f), FIGURE_KEYS, f)
                self.assertIsInstance(f["value"], int)
        return st, b

    def items(self, who):
        return {it["kind"]: it for it in self.todo(who)[1]["items"]}

    def figures(self, who):
        return {f["key"]: f["value"] for f in self.todo(who)[1]["figures"]}

    def test_anonymous_401(self):
        st, b = self.todo(None)
        cjtest.assert_error(self, (st, b), 401)

    def test_secretariat_from_demo(self):
        items = self.items("liuzhou_sec")
        # the work-plan items overdue, counted as the work-plan page lists them
        st, wp = self.srv.get("/api/v1/work-plan-items?consortium_id=%d&per_page=200" % LIUZHOU,
                              token=self.tok["liuzhou_sec"])
        self.assertEqual(st, 200, wp)
        late = [w for w in wp["items"] if w.get("due_on") and w["due_on"] < today_cst()
                and w["status"] not in ("done", "cancelled")]
        self.assertTrue(late, "the demo has overdue work-plan items")
        self.assertEqual(items["work_plan_overdue"]["count"], len(late))
        self.assertEqual(items["work_plan_overdue"]["due"], min(w["due_on"] for w in late))
        self.assertEqual(items["work_plan_overdue"]["link"], "/workspace/work-plan")
        # the demo's open round collects lists
        self.assertEqual(items["rounds_collecting"]["count"], 1)
        self.assertEqual(items["rounds_collecting"]["link"], "/workspace/match-rounds")
        # the newest period of published demand has no report yet: publishing it clears the to-do
        st, dem = self.srv.get("/api/v1/demand?consortium_id=%d&status=published&sort=-period&per_page=1"
                               % LIUZHOU, token=self.tok["liuzhou_sec"])
        self.assertEqual(items["demand_report_due"]["link"], "/workspace/demand-reports")
        st, b = self.srv.post("/api/v1/consortia/%d/demand-reports" % LIUZHOU,
                              {"period": dem["items"][0]["period"]}, token=self.tok["liuzhou_sec"])
        self.assertEqual(st, 201, b)
        self.assertNotIn("demand_report_due", self.items("liuzhou_sec"))
        figs = self.figures("liuzhou_sec")
        st, comp = self.srv.get("/api/v1/consortia/%d/composition" % LIUZHOU)
        self.assertEqual(figs["members"], comp["total"])
        self.assertEqual(figs["members"], 84)

    def test_school_student_enterprise_admin_from_demo(self):
        st, me = self.srv.get("/api/v1/auth/me", token=self.tok["lzvtu_staff"])
        st, studs = self.srv.get("/api/v1/students?per_page=1", token=self.tok["lzvtu_staff"])
        figs = self.figures("lzvtu_staff")
        self.assertEqual(figs["org_students"], studs["total"])
        items = self.items("lzvtu_staff")
        st, rounds = self.srv.get("/api/v1/match-rounds?consortium_id=%d" % LIUZHOU,
                                  token=self.tok["lzvtu_staff"])
        rid = rounds["items"][0]["id"]
        # the school's status list pages on the server: its total of students without a list
        st, sch = self.srv.get("/api/v1/match-rounds/%d/school?show=none&per_page=1" % rid,
                               token=self.tok["lzvtu_staff"])
        without = sch["total"]
        self.assertGreater(without, 0)
        self.assertEqual(items["org_students_without_list"]["count"], without)
        self.assertEqual(items["org_students_without_list"]["link"], "/workspace/match-status")

        stud = self.items("student_demo")
        self.assertEqual(set(stud), {"student_lists_due"})
        self.assertEqual(stud["student_lists_due"]["link"], "/workspace/matching")

        figs = self.figures("sgmw_admin")
        st, dem = self.srv.get("/api/v1/demand?enterprise_id=%d&status=published&per_page=1" % self.sgmw,
                               token=self.tok["sgmw_admin"])
        self.assertEqual(figs["org_demand_published"], dem["total"])
        self.assertNotIn("org_demand_drafts", self.items("sgmw_admin"))

        figs = self.figures("admin")
        st, cons = self.srv.get("/api/v1/consortia?per_page=100", token=self.tok["admin"])
        self.assertEqual(figs["admin_consortia"], cons["total"])
        before = figs["admin_failed_logins"]
        st, b = self.srv.post("/api/v1/auth/login", {"username": "nobody-here", "password": "wrong-pass"})
        self.assertEqual(st, 401, b)
        items = self.items("admin")
        self.assertEqual(items["admin_failed_logins"]["count"], before + 1)
        self.assertEqual(items["admin_failed_logins"]["link"], "/workspace/login-log")
        # only the platform admin counts sign-ins and accounts
        for who in ("liuzhou_sec", "sgmw_admin", "lzvtu_staff", "student_demo"):
            self.assertFalse({"admin_failed_logins", "admin_users_disabled"} & set(self.items(who)), who)

    def test_draft_shows_up_and_publishing_removes_it(self):
        other_before = self.items("changchun_sec")
        body = {"consortium_id": LIUZHOU, "enterprise_id": self.sgmw, "occupation_code": "6-22-01-01",
                "job_title": "待办草稿岗位（测试）", "kind": "internship", "headcount": 7, "period": 2026,
                "status": "draft"}
        st, d = self.srv.post("/api/v1/demand", body, token=self.tok["sgmw_admin"])
        self.assertEqual(st, 201, d)
        mine = self.items("sgmw_admin")
        self.assertEqual(mine["org_demand_drafts"]["count"], 1)
        self.assertEqual(mine["org_demand_drafts"]["link"], "/workspace/my-demand")
        sec = self.items("liuzhou_sec")
        self.assertEqual(sec["demand_drafts"]["count"], 1)
        self.assertEqual(sec["demand_drafts"]["link"], "/workspace/demand-all")
        # another consortium's secretariat and a school count nothing of it
        self.assertEqual(self.items("changchun_sec"), other_before)
        self.assertNotIn("org_demand_drafts", self.items("lzvtu_staff"))
        self.assertNotIn("demand_drafts", self.items("lzvtu_staff"))
        st, b = self.srv.patch("/api/v1/demand/%d" % d["id"], {"status": "published"},
                               token=self.tok["sgmw_admin"])
        self.assertEqual(st, 200, b)
        self.assertNotIn("org_demand_drafts", self.items("sgmw_admin"))
        self.assertNotIn("demand_drafts", self.items("liuzhou_sec"))
        st, b = self.srv.delete("/api/v1/demand/%d" % d["id"], token=self.tok["admin"])
        self.assertEqual(st, 204, b)

    def test_a_list_and_a_ranking_clear_their_todos(self):
        st, rounds = self.srv.get("/api/v1/match-rounds?consortium_id=%d" % LIUZHOU,
                                  token=self.tok["liuzhou_sec"])
        rid = rounds["items"][0]["id"]
        st, pos = self.srv.get("/api/v1/match-rounds/%d/positions" % rid, token=self.tok["student_demo"])
        self.assertEqual(st, 200, pos)
        sgmw_pos = [p["demand_id"] for p in pos["items"] if p.get("enterprise_id") == self.sgmw]
        self.assertTrue(sgmw_pos, pos)
        school_before = self.items("lzvtu_staff")["org_students_without_list"]["count"]
        self.assertNotIn("org_rankings_due", self.items("sgmw_admin"))
        # the student may need to consent for the enterprise to see the list
        st, me = self.srv.get("/api/v1/students?per_page=5", token=self.tok["student_demo"])
        sid = me["items"][0]["id"]
        if not me["items"][0].get("consent"):
            st, b = self.srv.patch("/api/v1/students/%d" % sid, {"consent": True}, token=self.tok["student_demo"])
            self.assertEqual(st, 200, b)
        st, b = self.srv.post("/api/v1/match-rounds/%d/my-list" % rid, {"positions": sgmw_pos[:1]},
                              token=self.tok["student_demo"])
        self.assertEqual(st, 200, b)
        self.assertNotIn("student_lists_due", self.items("student_demo"))
        self.assertEqual(self.figures("student_demo")["student_choices"], 1)
        self.assertEqual(self.items("lzvtu_staff")["org_students_without_list"]["count"], school_before - 1)
        due = self.items("sgmw_admin")["org_rankings_due"]
        self.assertEqual((due["count"], due["link"]), (1, "/workspace/match-rankings"))
        # nobody else's to-do lists count SGMW's applicants
        self.assertNotIn("org_rankings_due", self.items("lzvtu_staff"))
        st, b = self.srv.post("/api/v1/match-rounds/%d/rankings" % rid,
                              {"demand_id": sgmw_pos[0], "students": [sid]}, token=self.tok["sgmw_admin"])
        self.assertEqual(st, 200, b)
        self.assertNotIn("org_rankings_due", self.items("sgmw_admin"))
        # and clear the list again for the other tests
        st, b = self.srv.post("/api/v1/match-rounds/%d/my-list" % rid, {"positions": []},
                              token=self.tok["student_demo"])
        self.assertEqual(st, 200, b)


if __name__ == "__main__":
    cjtest.run()
