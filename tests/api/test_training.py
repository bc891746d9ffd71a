"""Black-box tests of the joint-training registers (issue 11) against the
real binary: programmes, courses, teaching materials, teaching staff,
secondments and cohorts, and GET /api/v1/consortia/{id}/training-stats.

On the demo's Liuzhou consortium (public): the school 柳州职业技术大学
(lzvtu_staff) files its programmes, staff and cohorts, the enterprise
上汽通用五菱 (sgmw_admin) co-runs them, the secretariat (liuzhou_sec)
supervises; staff of another member enterprise (广西汽车集团) stand for
"another unit".

- each register's CRUD and the rules of its description and of
  domain/training.c (co-runners are enterprises, ISBN check digits, a
  school teacher is a school's, a secondment's direction fits its units,
  a cohort's students are its school's and no more than its size);
- personal data: staff names and a cohort's students are shown to the
  unit's staff and the secretariat (and the cohort's enterprise), never to
  another unit or the public — in lists, reads, exports and search — and
  the audit log shows them only to who may read them;
- the figures, exact on a consortium built for them, per school and in
  total, by year;
- imports: Chinese headers in GB18030 and English headers, all or nothing,
  templates, the CLI.

    python3 tests/api/test_training.py build/chanjiao
"""
import csv
import io
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ = 1
OTHER = ("gxauto_train", "gxauto-train-2026")
SECRET = "王秘密教师"


def isbn13(stem12):
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(stem12))
    return stem12 + str((10 - s % 10) % 10)


class TrainingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        admin = cls.admin = cls.srv.login("admin")

        def org(name):
            st, b = cls.srv.get("/api/v1/organizations?name=" + quote(name), token=admin)
            assert st == 200 and b["items"], (name, b)
            return b["items"][0]["id"]

        cls.sgmw = org("上汽通用五菱汽车股份有限公司")
        cls.gxauto = org("广西汽车集团有限公司")
        cls.lzvtu = org("柳州职业技术大学")
        st, b = cls.srv.post("/api/v1/users", {"username": OTHER[0], "display_name": OTHER[0],
                                               "role": "org_staff", "organization_id": cls.gxauto,
                                               "password": OTHER[1]}, token=admin)
        assert st == 201, b
        cls.tok = {"anonymous": None, "admin": admin, "secretariat": cls.srv.login("liuzhou_sec"),
                   "school": cls.srv.login("lzvtu_staff"), "enterprise": cls.srv.login("sgmw_admin"),
                   "other": cls.srv.login(*OTHER)}
        st, b = cls.srv.get("/api/v1/students?consortium_id=%d&school_id=%d&per_page=10"
                            % (LZ, cls.lzvtu), token=admin)
        assert st == 200 and len(b["items"]) >= 3, b
        cls.students = [r["id"] for r in b["items"]]
        # A student of another member school.
        st, school2 = cls.srv.post("/api/v1/organizations", {"name": "联合培养测试职业学院",
                                                             "type": "higher_vocational"},
                                   token=admin)
        assert st == 201, school2
        st, b = cls.srv.post("/api/v1/memberships", {"consortium_id": LZ, "role": "member",
                                                     "organization_id": school2["id"]},
                             token=admin)
        assert st == 201, b
        one = dict(b for b in cls.srv.get("/api/v1/students/%d" % cls.students[0],
                                          token=admin)[1].items()
                   if b[0] in ("major_code", "level", "cohort"))
        st, b = cls.srv.post("/api/v1/students", dict(one, consortium_id=LZ, name="外校生",
                                                      school_id=school2["id"],
                                                      student_no="T-OTHER-1"), token=admin)
        assert st == 201, b
        cls.foreign_student = b["id"]
        st, b = cls.srv.get("/api/v1/demand?consortium_id=%d&enterprise_id=%d&per_page=1"
                            % (LZ, cls.sgmw), token=admin)
        assert st == 200 and b["items"], b
        cls.demand = b["items"][0]["id"]
        cls.dir = cjtest.temp_dir(cls, "cj-training-")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    # ---- helpers -----------------------------------------------------------

    def ok(self, st, b, want=200):
        self.assertEqual(st, want, b)
        return b

    def create(self, path, body, who="school"):
        body = dict({"consortium_id": LZ}, **body)
        return self.ok(*self.srv.post("/api/v1/" + path, body, token=self.tok[who]), want=201)

    def refused(self, path, body, who="school", status=422, field=None):
        body = dict({"consortium_id": LZ}, **body)
        st, b = self.srv.post("/api/v1/" + path, body, token=self.tok[who])
        err = cjtest.assert_error(self, (st, b), status)
        if field:
            self.assertIn(field, err.get("details", {}), err)
        return err

    def items(self, path, who):
        st, b = self.srv.get(path, token=self.tok[who])
        self.assertEqual(st, 200, b)
        return b["items"]

    def csv_text(self, path, who):
        st, b = self.srv.get(path, token=self.tok[who], raw=True)
        self.assertEqual(st, 200, b)
        return b.decode("utf-8-sig")

    # ---- the registers -----------------------------------------------------

    def test_programs_courses_materials(self):
        p = self.create("programs", {"school_id": self.lzvtu, "name": "汽车制造与试验技术专业群",
                                     "level": "高职专科", "major_codes": "460702；460701",
                                     "occupation_codes": "6-22-02-01", "enterprise_ids": [self.sgmw],
                                     "started_year": 2021})
        self.assertEqual((p["level"], p["major_codes"]), ("higher", "460702、460701"))
        self.refused("programs", {"school_id": self.lzvtu, "name": "错误的共建单位",
                                  "level": "本科", "enterprise_ids": [self.lzvtu]},
                     field="enterprise_ids")
        self.refused("programs", {"school_id": self.sgmw, "name": "企业不能开专业",
                                  "level": "本科"}, who="admin", field="school_id")
        self.refused("programs", {"school_id": self.lzvtu, "name": "坏专业代码", "level": "本科",
                                  "major_codes": "46070X"}, field="major_codes")
        # Another unit may not file the school's programme.
        self.refused("programs", {"school_id": self.lzvtu, "name": "越权", "level": "本科"},
                     who="other", status=403)
        c = self.create("courses", {"school_id": self.lzvtu, "name": "整车装调实训",
                                    "kind": "实训课", "hours": 64, "enterprise_ids": [self.sgmw],
                                    "skills": "装调;检测", "certificates": "1+X汽车运用与维修",
                                    "program_id": p["id"], "year": 2024})
        self.assertEqual((c["kind"], c["skills"]), ("practical", "装调、检测"))
        good = isbn13("978711121382")
        m = self.create("teaching-materials", {"school_id": self.lzvtu, "kind": "活页",
                                               "title": "整车装调活页式教材", "isbn": good,
                                               "publisher": "机械工业出版社", "year": 2024,
                                               "authors": "李一、王二", "enterprise_ids": [self.sgmw],
                                               "course_id": c["id"]})
        self.assertEqual(m["kind"], "loose_leaf")
        bad = good[:-1] + str((int(good[-1]) + 1) % 10)
        self.refused("teaching-materials", {"school_id": self.lzvtu, "kind": "数字教材",
                                            "title": "坏书号", "isbn": bad}, field="isbn")
        # An ISBN-10 with X, and a platform identifier, are taken.
        self.create("teaching-materials", {"school_id": self.lzvtu, "kind": "其他",
                                           "title": "十位书号", "isbn": "0-8044-2957-X"})
        self.create("teaching-materials", {"school_id": self.lzvtu, "kind": "数字教材",
                                           "title": "平台教材", "isbn": "SMART-EDU-0001"})
        # PATCH by the owner, and by another unit (403); DELETE.
        st, b = self.srv.patch("/api/v1/courses/%d" % c["id"], {"hours": 72},
                               token=self.tok["school"])
        self.assertEqual((st, b.get("hours")), (200, 72), b)
        st, b = self.srv.patch("/api/v1/courses/%d" % c["id"], {"hours": 1},
                               token=self.tok["other"])
        self.assertEqual(st, 403, b)
        self.assertEqual(self.ok(*self.srv.delete("/api/v1/teaching-materials/%d" % m["id"],
                                                  token=self.tok["secretariat"]), want=204), b"")
        # Everyone reads a public consortium's records; q searches names.
        got = self.items("/api/v1/programs?q=%s" % quote("汽车制造与试验"), "anonymous")
        self.assertIn(p["id"], [r["id"] for r in got])

    def test_staff_names_are_personal(self):
        t = self.create("teaching-staff", {"organization_id": self.lzvtu, "name": SECRET,
                                           "kind": "专任教师", "dual_qualified": True,
                                           "skill_level": "高级技师", "field": "汽车检测",
                                           "gender": "女", "years": 12})
        self.assertEqual((t["name"], t["kind"], t["gender"]), (SECRET, "teacher", "female"))
        # A school teacher is a school's; an enterprise files mentors.
        self.refused("teaching-staff", {"organization_id": self.sgmw, "name": "企业专任",
                                        "kind": "专任教师"}, who="enterprise", field="kind")
        mentor = self.create("teaching-staff", {"organization_id": self.sgmw, "name": "赵导师秘",
                                                "kind": "产业导师"}, who="enterprise")
        for who in ("school", "secretariat", "admin"):
            st, b = self.srv.get("/api/v1/teaching-staff/%d" % t["id"], token=self.tok[who])
            self.assertEqual((st, b.get("name")), (200, SECRET), who)
        for who in ("other", "enterprise", "anonymous"):
            st, b = self.srv.get("/api/v1/teaching-staff/%d" % t["id"], token=self.tok[who])
            self.assertEqual(st, 200, b)
            self.assertNotIn("name", b, who)
            self.assertNotIn("gender", b, who)
            self.assertEqual(b["dual_qualified"], True)
            rows = self.items("/api/v1/teaching-staff?consortium_id=%d&per_page=500" % LZ, who)
            self.assertIn(t["id"], [r["id"] for r in rows])
            self.assertNotIn(SECRET, str(rows), who)
            self.assertNotIn(SECRET, self.csv_text(
                "/api/v1/teaching-staff?consortium_id=%d&format=csv" % LZ, who), who)
            # A name is not searched: asking for it finds nothing.
            self.assertEqual(self.items("/api/v1/teaching-staff?q=%s" % quote(SECRET), who), [])
        self.assertIn(SECRET, self.csv_text(
            "/api/v1/teaching-staff?consortium_id=%d&format=csv" % LZ, "school"))
        # The enterprise sees its own mentor's name, the school does not.
        st, b = self.srv.get("/api/v1/teaching-staff/%d" % mentor["id"], token=self.tok["school"])
        self.assertNotIn("name", b)
        # The audit log: the secretariat (who may read the names) sees them;
        # no unit reads the log.
        st, b = self.srv.get("/api/v1/audit?entity=teaching_staff&consortium_id=%d" % LZ,
                             token=self.tok["secretariat"])
        self.assertEqual(st, 200, b)
        self.assertIn(SECRET, str(b))
        for who in ("other", "school", "anonymous"):
            st, b = self.srv.get("/api/v1/audit?entity=teaching_staff&consortium_id=%d" % LZ,
                                 token=self.tok[who])
            self.assertIn(st, (401, 403), who)

    def test_secondments(self):
        t = self.create("teaching-staff", {"organization_id": self.lzvtu, "name": "孙实践",
                                           "kind": "teacher"})
        s = self.create("secondments", {"direction": "教师企业实践", "staff_id": t["id"],
                                        "home_id": self.lzvtu, "host_id": self.sgmw,
                                        "starts_on": "2025-07-01", "ends_on": "2025-08-29",
                                        "days": 60, "year": 2025, "content": "总装工艺实践"})
        self.assertEqual(s["direction"], "to_enterprise")
        st, b = self.srv.get("/api/v1/secondments/%d" % s["id"], token=self.tok["other"])
        self.assertNotIn("staff_id", b)
        # The direction fits the units; the staff row is the home unit's; a
        # person is named; the year is the start's.
        self.refused("secondments", {"direction": "to_school", "person_name": "甲",
                                     "home_id": self.lzvtu, "host_id": self.sgmw, "days": 3,
                                     "year": 2025}, field="home_id")
        self.refused("secondments", {"direction": "to_enterprise", "staff_id": t["id"],
                                     "home_id": self.lzvtu, "host_id": self.gxauto, "days": 3,
                                     "year": 2025, "starts_on": "2024-01-01"}, field="year")
        self.refused("secondments", {"direction": "to_enterprise", "home_id": self.lzvtu,
                                     "host_id": self.sgmw, "days": 3, "year": 2025},
                     field="person_name")
        m = self.create("teaching-staff", {"organization_id": self.sgmw, "name": "钱导师",
                                           "kind": "mentor"}, who="enterprise")
        self.refused("secondments", {"direction": "to_enterprise", "staff_id": m["id"],
                                     "home_id": self.lzvtu, "host_id": self.sgmw, "days": 3,
                                     "year": 2025}, field="staff_id")
        self.create("secondments", {"direction": "企业人员到校任教", "staff_id": m["id"],
                                    "home_id": self.sgmw, "host_id": self.lzvtu, "days": 20,
                                    "year": 2025}, who="enterprise")

    def test_cohorts(self):
        two = self.students[:2]
        # The training plan is an uploaded document (POST /api/v1/files).
        pdf = b"%PDF-1.4\n% training plan\ntrailer <<>>\n%%EOF\n"
        st, up = self.srv.request("POST", "/api/v1/files?filename=plan.pdf", pdf,
                                  token=self.tok["school"],
                                  headers={"Content-Type": "application/pdf"})
        self.assertEqual(st, 201, up)
        self.refused("cohorts", {"kind": "order", "name": "无此文件", "school_id": self.lzvtu,
                                 "enterprise_id": self.sgmw, "year": 2025, "size": 5,
                                 "plan_file": "f-plan-1"}, field="plan_file")
        c = self.create("cohorts", {"kind": "订单班", "name": "五菱订单班（测试）",
                                    "school_id": self.lzvtu, "major_code": "460702",
                                    "year": 2025, "size": 30, "student_ids": two,
                                    "demand_id": self.demand, "plan_file": up["id"]})
        self.assertEqual(c["plan_file"], up["id"])
        # Whoever reads the cohort reads its plan (not personal data).
        for who in ("enterprise", "secretariat", "other"):
            st, _ = self.srv.request("GET", "/api/v1/files/" + up["id"], token=self.tok[who],
                                     raw=True)
            self.assertEqual(st, 200, who)
        # The enterprise is the demand item's.
        self.assertEqual((c["kind"], c["enterprise_id"], c["students_listed"], c["student_ids"]),
                         ("order", self.sgmw, 2, two))
        self.refused("cohorts", {"kind": "order", "name": "外校学生", "school_id": self.lzvtu,
                                 "enterprise_id": self.sgmw, "year": 2025, "size": 30,
                                 "student_ids": [self.foreign_student]}, field="student_ids")
        self.refused("cohorts", {"kind": "order", "name": "超员", "school_id": self.lzvtu,
                                 "enterprise_id": self.sgmw, "year": 2025, "size": 1,
                                 "student_ids": two}, field="student_ids")
        self.refused("cohorts", {"kind": "order", "name": "需求企业不符", "school_id": self.lzvtu,
                                 "enterprise_id": self.gxauto, "demand_id": self.demand,
                                 "year": 2025, "size": 5})
        for who in ("school", "enterprise", "secretariat"):
            st, b = self.srv.get("/api/v1/cohorts/%d" % c["id"], token=self.tok[who])
            self.assertEqual(b.get("student_ids"), two, who)
        for who in ("other", "anonymous"):
            st, b = self.srv.get("/api/v1/cohorts/%d" % c["id"], token=self.tok[who])
            self.assertEqual(st, 200, b)
            self.assertNotIn("student_ids", b, who)
            self.assertEqual(b["students_listed"], 2)
            rows = self.items("/api/v1/cohorts?consortium_id=%d&per_page=500" % LZ, who)
            mine = [r for r in rows if r["id"] == c["id"]]
            self.assertEqual(len(mine), 1)
            self.assertNotIn("student_ids", mine[0])
            text = self.csv_text("/api/v1/cohorts?consortium_id=%d&format=csv" % LZ, who)
            self.assertIn("五菱订单班（测试）", text)
        # The enterprise reads but changes nothing; the school adds one.
        st, b = self.srv.patch("/api/v1/cohorts/%d" % c["id"], {"note": "企业改"},
                               token=self.tok["enterprise"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.patch("/api/v1/cohorts/%d" % c["id"],
                               {"student_ids": self.students[:3]}, token=self.tok["school"])
        self.assertEqual((st, b.get("students_listed")), (200, 3), b)

    # ---- figures -----------------------------------------------------------

    def test_stats_exact(self):
        a = self.admin
        st, cons = self.srv.post("/api/v1/consortia", {"name": "联合培养统计测试联合体",
                                                       "kind": "city", "level": "municipal",
                                                       "is_public": True}, token=a)
        self.assertEqual(st, 201, cons)
        cid = cons["id"]
        for o in (self.lzvtu, self.sgmw, self.gxauto):
            self.ok(*self.srv.post("/api/v1/memberships", {"consortium_id": cid,
                                                           "organization_id": o,
                                                           "role": "member"}, token=a), want=201)

        def mk(path, body):
            return self.ok(*self.srv.post("/api/v1/" + path, dict({"consortium_id": cid}, **body),
                                          token=a), want=201)

        mk("programs", {"school_id": self.lzvtu, "name": "P1", "level": "higher",
                        "enterprise_ids": [self.sgmw], "started_year": 2020})
        mk("programs", {"school_id": self.lzvtu, "name": "P2", "level": "higher"})
        mk("programs", {"school_id": self.lzvtu, "name": "P3", "level": "higher",
                        "started_year": 2026})
        mk("courses", {"school_id": self.lzvtu, "name": "C1", "kind": "core",
                       "enterprise_ids": [self.sgmw, self.gxauto], "year": 2024})
        mk("courses", {"school_id": self.lzvtu, "name": "C2", "kind": "core", "year": 2025})
        mk("teaching-materials", {"school_id": self.lzvtu, "title": "M1", "kind": "workbook",
                                  "enterprise_ids": [self.gxauto]})
        for i, dual in enumerate((True, True, False)):
            mk("teaching-staff", {"organization_id": self.lzvtu, "name": "T%d" % i,
                                  "kind": "teacher", "dual_qualified": dual})
        mk("teaching-staff", {"organization_id": self.sgmw, "name": "M", "kind": "mentor"})
        mk("teaching-staff", {"organization_id": self.gxauto, "name": "N", "kind": "mentor"})
        mk("teaching-staff", {"organization_id": self.sgmw, "name": "P", "kind": "part_time"})
        mk("secondments", {"direction": "to_enterprise", "person_name": "x", "home_id": self.lzvtu,
                           "host_id": self.sgmw, "days": 30, "year": 2025})
        mk("secondments", {"direction": "to_enterprise", "person_name": "y", "home_id": self.lzvtu,
                           "host_id": self.gxauto, "days": 12, "year": 2025})
        mk("secondments", {"direction": "to_school", "person_name": "z", "home_id": self.sgmw,
                           "host_id": self.lzvtu, "days": 8, "year": 2025})
        mk("secondments", {"direction": "to_school", "person_name": "w", "home_id": self.sgmw,
                           "host_id": self.lzvtu, "days": 100, "year": 2024})
        mk("cohorts", {"kind": "order", "name": "K1", "school_id": self.lzvtu,
                       "enterprise_id": self.sgmw, "year": 2025, "size": 40,
                       "student_ids": self.students[:2]})
        mk("cohorts", {"kind": "apprenticeship", "name": "K2", "school_id": self.lzvtu,
                       "enterprise_id": self.gxauto, "year": 2025, "size": 20})
        mk("cohorts", {"kind": "field_engineer", "name": "K3", "school_id": self.lzvtu,
                       "enterprise_id": self.gxauto, "year": 2024, "size": 10,
                       "student_ids": self.students[2:3]})
        # A facility of the enterprise, booked by the school for 4 hours on
        # 2 of its 10 stations and done with 30 person-times in 2025: the
        # year's facility use joins the figures (the facility-stats totals).
        fac = mk("facilities", {"organization_id": self.sgmw, "name": "统计测试实训基地",
                                "kind": "training_base", "stations": 10, "status": "running"})
        bk = mk("facility-bookings", {"facility_id": fac["id"], "organization_id": self.lzvtu,
                                      "starts_at": "2025-05-06T08:00:00+08:00",
                                      "ends_at": "2025-05-06T12:00:00+08:00", "stations": 2,
                                      "people": 30, "purpose": "training", "status": "approved"})
        self.ok(*self.srv.patch("/api/v1/facility-bookings/%d" % bk["id"],
                                {"status": "done", "person_times": 30}, token=a))
        b = self.ok(*self.srv.get("/api/v1/consortia/%d/training-stats?year=2025" % cid))
        t = b["totals"]
        want = {"programs": 2, "programs_co_run": 1, "programs_co_run_share": 0.5,
                "courses": 2, "courses_co_developed": 1, "materials": 1,
                "materials_co_developed": 1, "teachers": 3, "dual_qualified": 2,
                "dual_qualified_share": 0.6667, "mentors": 2, "part_time": 1,
                "secondments_to_enterprise": 2, "secondment_days_to_enterprise": 42,
                "secondments_to_school": 1, "secondment_days_to_school": 8, "cohorts": 2,
                "cohort_students": 2, "cohort_places": 60,
                "cohorts_by_kind": {"order": 1, "apprenticeship": 1, "field_engineer": 0}}
        self.assertEqual({k: t[k] for k in want}, want)
        self.assertEqual(b["year"], 2025)
        fs = self.ok(*self.srv.get("/api/v1/consortia/%d/facility-stats?year=2025" % cid))
        fu = b["facility_use"]
        self.assertEqual((fu["facilities"], fu["bookings"], fu["bookings_done"],
                          fu["person_times"], fu["station_hours_booked"]), (1, 1, 1, 30, 8.0))
        for k in ("facilities", "bookings", "person_times", "station_hours_booked",
                  "station_hours_open", "utilisation"):
            self.assertEqual(fu[k], fs["totals"][k], k)
        self.assertEqual([s["organization_id"] for s in b["schools"]], [self.lzvtu])
        s = b["schools"][0]
        self.assertEqual((s["name"], s["programs"], s["teachers"], s["cohort_students"],
                          s["secondment_days_to_school"], s["mentors"]),
                         ("柳州职业技术大学", 2, 3, 2, 8, 0))
        # Every year: all rows.
        t = self.ok(*self.srv.get("/api/v1/consortia/%d/training-stats" % cid))["totals"]
        self.assertEqual((t["programs"], t["cohorts"], t["cohort_students"],
                          t["secondment_days_to_school"]), (3, 3, 3, 108))
        self.assertEqual(t["cohorts_by_kind"]["field_engineer"], 1)
        # A bad year is 400; a consortium nobody may read is 404.
        st, b = self.srv.get("/api/v1/consortia/%d/training-stats?year=20x5" % cid)
        cjtest.assert_error(self, (st, b), 400)
        st, b = self.srv.get("/api/v1/consortia/999999/training-stats")
        cjtest.assert_error(self, (st, b), 404)

    # ---- imports -----------------------------------------------------------

    def write(self, name, text, encoding="utf-8"):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(text.encode(encoding))
        return path

    def test_imports(self):
        zh = ("学校,专业（群）名称,层次,专业代码,共建企业,设立年份\r\n"
              "柳州职业技术大学,导入专业群甲,高职,460702；460701,,2022\r\n"
              "柳州职业技术大学,导入专业群乙,职业本科,,,2024\r\n")
        p = self.srv.cli("import", "programs", self.write("p.csv", zh, "gb18030"), "--db",
                         self.srv.db, "--consortium", str(LZ))
        self.assertEqual(p.returncode, 0, p.stderr)
        got = {r["name"]: r for r in self.items("/api/v1/programs?q=%s&consortium_id=%d"
                                                % (quote("导入专业群"), LZ), "admin")}
        self.assertEqual((got["导入专业群甲"]["level"], got["导入专业群甲"]["major_codes"]),
                         ("higher", "460702、460701"))
        self.assertEqual(got["导入专业群乙"]["level"], "vocational_bachelor")
        # English headers over the API, by the school: staff and courses.
        en = ("organization,name,kind,dual_qualified,skill_level\n"
              "柳州职业技术大学,Import Teacher A,teacher,yes,技师\n"
              "柳州职业技术大学,Import Teacher B,专任教师,否,\n")
        st, b = self.srv.post("/api/v1/import/teaching-staff?consortium_id=%d" % LZ, en.encode(),
                              token=self.tok["school"], headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 200, b)
        rows = self.items("/api/v1/teaching-staff?consortium_id=%d&per_page=500" % LZ, "school")
        names = {r.get("name"): r for r in rows}
        self.assertTrue(names["Import Teacher A"]["dual_qualified"])
        self.assertFalse(names["Import Teacher B"]["dual_qualified"])
        # A bad row refuses the whole file and changes nothing.
        bad = ("school,name,kind\n柳州职业技术大学,Import Course OK,core\n"
               "柳州职业技术大学,Import Course Bad,no-such-kind\n")
        st, b = self.srv.post("/api/v1/import/courses?consortium_id=%d" % LZ, bad.encode(),
                              token=self.tok["school"], headers={"Content-Type": "text/csv"})
        err = cjtest.assert_error(self, (st, b), 422)
        self.assertEqual(err["details"]["rows"][0]["line"], 3)
        self.assertEqual(self.items("/api/v1/courses?q=%s" % quote("Import Course"), "admin"), [])
        # Cohorts and secondments by the CLI; materials with kind synonyms.
        co = ("班级类型,班级名称,学校,合作企业,年级/年度,班级规模\r\n"
              "学徒制,导入学徒班,柳州职业技术大学,上汽通用五菱汽车股份有限公司,2025,25\r\n")
        p = self.srv.cli("import", "cohorts", self.write("c.csv", co, "gb18030"), "--db",
                         self.srv.db, "--consortium", str(LZ))
        self.assertEqual(p.returncode, 0, p.stderr)
        r = self.items("/api/v1/cohorts?q=%s" % quote("导入学徒班"), "admin")[0]
        self.assertEqual((r["kind"], r["size"], r["enterprise_id"]),
                         ("apprenticeship", 25, self.sgmw))
        se = ("方向,姓名,派出单位,接收单位,天数,年度\r\n"
              "教师企业实践,导入某,柳州职业技术大学,上汽通用五菱汽车股份有限公司,15,2025\r\n")
        p = self.srv.cli("import", "secondments", self.write("s.csv", se, "gb18030"), "--db",
                         self.srv.db, "--consortium", str(LZ))
        self.assertEqual(p.returncode, 0, p.stderr)
        ma = ("school,kind,title,isbn\n柳州职业技术大学,工作手册,Import Workbook,%s\n"
              % isbn13("978704012345"))
        p = self.srv.cli("import", "teaching-materials", self.write("m.csv", ma), "--db",
                         self.srv.db, "--consortium", str(LZ))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.items("/api/v1/teaching-materials?q=Import%20Workbook",
                                    "admin")[0]["kind"], "workbook")
        # Templates, Chinese headers.
        for kind in ("programs", "courses", "teaching-materials", "teaching-staff",
                     "secondments", "cohorts"):
            st, b = self.srv.get("/api/v1/import/%s/template?format=csv" % kind,
                                 token=self.tok["school"], raw=True)
            self.assertEqual(st, 200, kind)
            head = next(csv.reader(io.StringIO(b.decode("utf-8-sig"))))
            self.assertTrue(any("\u4e00" <= ch <= "\u9fff" for ch in head[0]), (kind, head))


if __name__ == "__main__":
    cjtest.run()
