"""Black-box test of a matching round run end to end through the API on
the demo data: the secretariat's round control, students' ranked lists,
enterprises' rankings, the stable matching with its verdict, the results
each role may see (and what they may not), deadlines and bad lists.

    python3 tests/api/test_rounds.py build/chanjiao
"""
import csv
import io
from urllib.parse import quote
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402


class RoundTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.admin = s.login("admin")
        cls.sec = s.login("liuzhou_sec")
        cls.sgmw = s.login("sgmw_admin")
        cls.school = s.login("lzvtu_staff")
        cls.stud = s.login("student_demo")
        st, rounds = s.get("/api/v1/match-rounds?consortium_id=1", token=cls.sec)
        assert st == 200 and rounds["total"] == 1, rounds
        cls.round = rounds["items"][0]
        cls.rid = cls.round["id"]
        st, pos = s.get("/api/v1/match-rounds/%d/positions" % cls.rid, token=cls.stud)
        assert st == 200, pos
        cls.pos = {p["job_title"]: p for p in pos["items"]}
        # Accounts for three more demo students, linked by their school.
        st, studs = s.get("/api/v1/students?per_page=500&q=" + quote("（示例）"), token=cls.school)
        cls.students = {x["name"]: x for x in studs["items"]}
        cls.tok = {}
        for name in ("陈静（示例）", "赵磊（示例）", "孙悦（示例）"):
            sid = cls.students[name]["id"]
            body = {"username": "stu%d" % sid, "display_name": name, "role": "student",
                    "organization_id": cls.students[name]["school_id"],
                    "password": "student-pass-%d" % sid}
            st, u = s.post("/api/v1/users", body, token=cls.admin)
            assert st == 201, u
            st, b = s.patch("/api/v1/students/%d" % sid, {"user_id": u["id"]}, token=cls.school)
            assert st == 200, b
            cls.tok[name] = s.login("stu%d" % sid, "student-pass-%d" % sid)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def post(self, path, body, tok):
        return self.srv.post("/api/v1/match-rounds/%d/%s" % (self.rid, path), body, token=tok)

    def get(self, path, tok):
        return self.srv.get("/api/v1/match-rounds/%d/%s" % (self.rid, path), token=tok)

    def test_round_end_to_end(self):
        P = self.pos
        self.assertEqual(self.round["status"], "open")
        self.assertEqual(set(P), {"总装顶岗实习生", "商用车装调订单班", "动力电池检测实习生",
                                  "焊接工艺实习生", "智能网联调试实习生"})
        self.assertEqual(P["智能网联调试实习生"]["capacity"], 1)

        # Suggestions explain themselves: the battery student's skills match.
        st, sug = self.get("suggestions", self.tok["陈静（示例）"])
        self.assertEqual(st, 200, sug)
        top = sug["items"][0]
        self.assertEqual(top["job_title"], "动力电池检测实习生")
        self.assertIn("电池检测", top["skill_overlap"])
        self.assertTrue(top["reasons_zh"])

        # Bad lists change nothing.
        net, bat, weld, asm = (P["智能网联调试实习生"]["demand_id"], P["动力电池检测实习生"]["demand_id"],
                               P["焊接工艺实习生"]["demand_id"], P["总装顶岗实习生"]["demand_id"])
        order = P["商用车装调订单班"]["demand_id"]
        for bad in ([net, net], [999999], [net, bat, weld, asm, order, 1], ["x"]):
            cjtest.assert_error(self, self.post("my-list", {"positions": bad}, self.stud), 422)
        cjtest.assert_error(self, self.post("my-list", {"list": [net]}, self.stud), 422)
        cjtest.assert_error(self, self.post("my-list", {"positions": [net]}, None), 401)
        cjtest.assert_error(self, self.post("my-list", {"positions": [net]}, self.sgmw), 403)

        # Lists: two students want the one smart-connected seat.
        lists = {"student_demo": [net, bat], "孙悦（示例）": [net, asm],
                 "陈静（示例）": [bat, net], "赵磊（示例）": [weld, order]}
        for who, lst in lists.items():
            tok = self.stud if who == "student_demo" else self.tok[who]
            st, b = self.post("my-list", {"positions": lst}, tok)
            self.assertEqual(st, 200, (who, b))
            self.assertEqual([x["demand_id"] for x in b["positions"]], lst)
        st, my = self.get("my", self.stud)
        self.assertEqual([x["demand_id"] for x in my["list"]], [net, bat])
        self.assertIsNone(my["result"])

        # Actions only for the secretariat, in order.
        cjtest.assert_error(self, self.post("run", {}, self.sec), 409)
        cjtest.assert_error(self, self.post("close", {}, self.stud), 403)
        st, r = self.post("close-applications", {}, self.sec)
        self.assertEqual((st, r["status"]), (200, "ranking"), r)
        cjtest.assert_error(self, self.post("my-list", {"positions": [bat]}, self.stud), 409)

        # Enterprises rank their applicants only.
        st, apps = self.get("applicants", self.sgmw)
        self.assertEqual(st, 200, apps)
        mine = {p["demand_id"]: p for p in apps["positions"]}
        self.assertEqual(set(mine), {asm})  # SGMW's internship position in this round
        self.assertEqual([a["name"] for a in mine[asm]["applicants"]], ["孙悦（示例）"])
        self.assertIn("skills", mine[asm]["applicants"][0])
        sun = self.students["孙悦（示例）"]["id"]
        demo_student = self.students["李明（示例）"]["id"]
        cjtest.assert_error(self, self.post("rankings", {"demand_id": asm, "students": [demo_student]},
                                            self.sgmw), 422)  # did not apply
        cjtest.assert_error(self, self.post("rankings", {"demand_id": net, "students": [sun]},
                                            self.sgmw), 403)  # not SGMW's position
        st, b = self.post("rankings", {"demand_id": asm, "students": [sun]}, self.sgmw)
        self.assertEqual((st, b["students"]), (200, [sun]), b)
        # The secretariat ranks for the units without accounts: the smart-
        # connected position prefers 孙悦 over the demo student.
        chen, zhao = self.students["陈静（示例）"]["id"], self.students["赵磊（示例）"]["id"]
        for d, studs in ((net, [sun, demo_student]), (bat, [demo_student, chen]), (weld, [zhao])):
            st, b = self.post("rankings", {"demand_id": d, "students": studs}, self.sec)
            self.assertEqual(st, 200, b)

        st, r = self.post("close", {}, self.sec)
        self.assertEqual(r["status"], "closed")
        cjtest.assert_error(self, self.post("rankings", {"demand_id": weld, "students": [zhao]},
                                            self.sec), 409)
        st, r = self.post("run", {}, self.sec)
        self.assertEqual((st, r["status"]), (200, "matched"), r)
        self.assertTrue(r["verdict"].startswith("稳定"), r["verdict"])  # in the caller's language

        st, stats = self.get("stats", self.sec)
        self.assertEqual(st, 200, stats)
        # Student-optimal: 孙悦 keeps net (its first choice and net's); the
        # demo student falls to bat (second choice); 陈静 bat, 赵磊 weld.
        self.assertEqual(stats["students"], 4)
        self.assertEqual(stats["matched"], 4)
        self.assertEqual(stats["first_choice"], 3)
        self.assertAlmostEqual(stats["first_choice_share"], 0.75)
        self.assertGreater(stats["proposals"], 3)
        cjtest.assert_error(self, self.get("stats", self.sgmw), 403)

        # Not visible before publication.
        st, my = self.get("my", self.stud)
        self.assertIsNone(my["result"])
        st, r = self.post("publish", {}, self.sec)
        self.assertEqual(r["status"], "published")
        # Matched pairs became planned internship placements, seen by the school.
        st, pl = self.srv.get("/api/v1/placements?status=planned&year=2025&per_page=100",
                              token=self.school)
        self.assertEqual(st, 200, pl)
        made = {(p["student_id"], p["demand_id"]) for p in pl["items"]}
        self.assertTrue({(sun, net), (demo_student, bat), (chen, bat), (zhao, weld)} <= made, made)
        cjtest.assert_error(self, self.post("run", {}, self.sec), 409)

        st, my = self.get("my", self.stud)
        self.assertEqual((my["result"]["demand_id"], my["result"]["choice_rank"]), (bat, 2))
        self.assertEqual(len(my["explanation"]), 1)
        why = my["explanation"][0]
        self.assertEqual((why["demand_id"], why["why"], why["higher"], why["capacity"]), (net, "filled", 1, 1))
        self.assertIn("占满", why["reason_zh"])

        # The enterprise sees who came; the school its students; the
        # secretariat results without names.
        st, apps = self.get("applicants", self.sgmw)
        self.assertEqual(apps["positions"][0]["result"], [])  # 孙悦 got the first choice
        st, res = self.get("results", self.sec)
        got = {x["student_id"]: (x["demand_id"], x["choice_rank"]) for x in res["items"]}
        self.assertEqual(got, {sun: (net, 1), demo_student: (bat, 2), chen: (bat, 1),
                               zhao: (weld, 1)})
        st, sch = self.get("school?q=" + quote("（示例）"), self.school)  # 804 students: paged
        self.assertEqual(st, 200, sch)
        byname = {x["name"]: x for x in sch["items"]}
        self.assertEqual(byname["赵磊（示例）"]["result"]["demand_id"], weld)
        self.assertEqual(byname["刘洋（示例）"]["choices"], 0)
        st, res = self.get("results", self.sec)
        self.assertEqual(res["total"], 4)
        self.assertNotIn("name", res["items"][0])
        st, raw = self.srv.get("/api/v1/match-rounds/%d/results?format=csv" % self.rid,
                               token=self.sec, raw=True)
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["学生编号", "学校", "专业代码"])
        self.assertEqual(len(rows), 5)
        cjtest.assert_error(self, self.get("results", self.school), 403)
        cjtest.assert_error(self, self.get("my", self.sec), 403)

        # Exported as `chanjiao match` files, the file matcher agrees.
        d = cjtest.temp_dir(self, "cjround-")
        p = self.srv.cli("round", "export", "--db", self.srv.db, "--round", str(self.rid), "--dir", d)
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.srv.cli("match", "--student-prefs", d + "/students.csv", "--position-prefs",
                         d + "/positions-prefs.csv", "--positions", d + "/positions.csv", "--out",
                         d + "/A.csv")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(d + "/A.csv", encoding="utf-8") as f:
            files = {r["student"]: r["position"] for r in csv.DictReader(f)}
        self.assertEqual(files, {"S%d" % k: "D%d" % v[0] for k, v in got.items()})
        self.assertEqual(self.srv.cli("round", "run", "--db", self.srv.db, "--round",
                                      str(self.rid)).returncode, 1)  # published: frozen

        # The round itself: status and verdict are not editable by PATCH.
        cjtest.assert_error(self, self.srv.patch("/api/v1/match-rounds/%d" % self.rid,
                                                 {"status": "open"}, token=self.sec), 422)
        st, audit = self.srv.get("/api/v1/audit?entity=match_rounds", token=self.sec)
        self.assertTrue({"run", "publish", "list", "ranking"} <= {a["action"] for a in audit["items"]})

    def test_deadline_and_consent(self):
        st, r = self.srv.post("/api/v1/match-rounds", {
            "consortium_id": 1, "period": 2025, "title": "过期轮次（测试）", "positions": "internship",
            "max_choices": 3, "optimal": "position", "apply_by": "2020-01-01", "rank_by": "2020-01-02"},
            token=self.sec)
        self.assertEqual(st, 201, r)
        self.assertEqual(r["status"], "draft")
        rid = r["id"]
        cjtest.assert_error(self, self.srv.post("/api/v1/match-rounds/%d/my-list" % rid,
                                                {"positions": []}, token=self.stud), 409)  # not open
        st, _ = self.srv.post("/api/v1/match-rounds/%d/open" % rid, {}, token=self.sec)
        err = cjtest.assert_error(self, self.srv.post("/api/v1/match-rounds/%d/my-list" % rid,
                                                      {"positions": []}, token=self.stud), 409)
        self.assertIn("截止", err["message"])
        # Another consortium's secretariat cannot touch it.
        other = self.srv.login("changchun_sec", "secretariat-demo-2026")
        cjtest.assert_error(self, self.srv.post("/api/v1/match-rounds/%d/close" % rid, {}, token=other),
                            404)
        bad = cjtest.assert_error(self, self.srv.post("/api/v1/match-rounds", {
            "consortium_id": 1, "period": 2025, "title": "日期颠倒", "positions": "both", "max_choices": 3,
            "optimal": "student", "apply_by": "2025-05-02", "rank_by": "2025-05-01"}, token=self.sec), 422)
        self.assertIn("rank_by", bad["details"])


if __name__ == "__main__":
    cjtest.run()
