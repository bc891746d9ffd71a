"""The measures library (issue 12): GET /api/v1/measures lists every measure
with its parameters and what it counts; GET /api/v1/consortia/{id}/measures/
{key} answers the value for a year at a cut-off day with a drill-down that
really lists the records counted; bad parameters are 422 naming them; a
consortium the caller may not read is 404.

    python3 tests/api/test_measures.py build/chanjiao
"""
import json
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

KEYS = ("members council_seats meetings_held motions_passed work_plan_completion agreements "
        "demand_published supply_published lists_published gap_coverage match_rounds_published "
        "interns_placed graduates_employed certificates training_person_times "
        "tech_needs_published tech_needs_matched rd_projects rd_outputs transfer_revenue "
        "facilities facility_use_rate facility_outside_use bookings_done_person_times "
        "programs_co_run courses_co_developed materials_co_developed dual_qualified_share "
        "mentors secondment_days cohorts cohort_students").split()

# Measures whose value is the number of rows their drill-down lists.
COUNTED = ("council_seats meetings_held agreements lists_published match_rounds_published "
           "interns_placed certificates tech_needs_published tech_needs_matched rd_projects "
           "rd_outputs facilities programs_co_run courses_co_developed materials_co_developed "
           "mentors cohorts").split()


class MeasuresTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        cls.sec = cls.srv.login("liuzhou_sec")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def value(self, cid, key, token=None, **q):
        qs = "&".join("%s=%s" % (k, quote(str(v))) for k, v in q.items())
        return self.srv.get("/api/v1/consortia/%d/measures/%s?%s" % (cid, key, qs), token=token)

    def test_library(self):
        st, body = self.srv.get("/api/v1/measures")
        self.assertEqual(st, 200, body)
        keys = [m["key"] for m in body["items"]]
        self.assertEqual(body["total"], len(keys))
        for k in KEYS:
            self.assertIn(k, keys)
        for m in body["items"]:
            for f in ("zh", "en", "unit", "params", "doc"):
                self.assertTrue(m[f], (m["key"], f))
            self.assertIn(" — ", m["doc"], m["key"])  # Chinese — English

    def test_every_measure_answers_with_a_drill_that_lists(self):
        for key in KEYS:
            self.answers_and_lists(key, None)
            self.answers_and_lists(key, "2025-06-30")  # a cut-off inside the year

    def answers_and_lists(self, key, cutoff):
        if True:
            q = {"year": 2025}
            if cutoff:
                q["cutoff"] = cutoff
            st, body = self.value(1, key, token=self.sec, **q)
            self.assertEqual(st, 200, (key, body))
            self.assertEqual(body["key"], key)
            self.assertEqual(body["year"], 2025)
            self.assertEqual(body["cutoff"], cutoff or "2025-12-31")
            self.assertIsInstance(body["value"], (int, float))
            if body["unit"] == "%":
                self.assertTrue(0 <= body["value"] <= 100, (key, body))
            d = body["drill"]
            self.assertTrue(d["path"].startswith("/api/v1/"), d)
            self.assertTrue(d["entity"] and d["web"].startswith("/workspace"), d)
            st, listed = self.srv.get(d["path"] + ("&" if "?" in d["path"] else "?") +
                                      "per_page=500", token=self.admin)
            self.assertEqual(st, 200, (key, d["path"], listed))
            if key in COUNTED:
                self.assertEqual(listed["total"], body["value"], (key, d["path"]))

    def test_params_and_sums(self):
        st, allm = self.value(1, "members", token=self.sec, year=2025)
        st, ent = self.value(1, "members", token=self.sec, year=2025,
                             params=json.dumps({"type": "enterprise"}))
        self.assertEqual(st, 200, ent)
        self.assertLess(ent["value"], allm["value"])
        self.assertTrue(ent["drill"]["path"].startswith("/api/v1/memberships?"))
        # a sum: cohort students are the sizes of the cohorts the drill lists
        st, body = self.value(1, "cohort_students", token=self.sec, year=2025)
        st, listed = self.srv.get(body["drill"]["path"], token=self.admin)
        self.assertEqual(sum(c["size"] for c in listed["items"]), body["value"])
        # certificates from a level up are a subset
        st, hi = self.value(1, "certificates", token=self.sec, year=2025,
                            params=json.dumps({"level_min": "senior"}))
        st, lo = self.value(1, "certificates", token=self.sec, year=2025)
        self.assertLessEqual(hi["value"], lo["value"])
        self.assertNotIn("junior", hi["drill"]["path"])

    def test_errors(self):
        e = cjtest.assert_error(self, self.value(1, "members", token=self.sec), 422)
        self.assertIn("year", e["details"])
        e = cjtest.assert_error(self, self.value(1, "members", token=self.sec, year=1999), 422)
        self.assertIn("year", e["details"])
        e = cjtest.assert_error(self, self.value(1, "members", token=self.sec, year=2025,
                                                 cutoff="2025-13-01"), 422)
        self.assertIn("cutoff", e["details"])
        e = cjtest.assert_error(self, self.value(1, "members", token=self.sec, year=2025,
                                                 params="[1]"), 422)
        self.assertIn("params", e["details"])
        e = cjtest.assert_error(self, self.value(1, "members", token=self.sec, year=2025,
                                                 params=json.dumps({"type": "bakery"})), 422)
        self.assertIn("type", e["details"])
        e = cjtest.assert_error(self, self.value(1, "cohorts", token=self.sec, year=2025,
                                                 params=json.dumps({"colour": "red"})), 422)
        self.assertIn("colour", e["details"])
        cjtest.assert_error(self, self.value(1, "no_such_measure", token=self.sec, year=2025), 404)
        cjtest.assert_error(self, self.value(999, "members", token=self.sec, year=2025), 404)

    def test_private_consortium_is_404_to_outsiders(self):
        st, c = self.srv.post("/api/v1/consortia", {"name": "不公开的度量测试联合体", "kind": "city",
                                                    "level": "municipal", "is_public": False},
                              token=self.admin)
        self.assertEqual(st, 201, c)
        cjtest.assert_error(self, self.value(c["id"], "members", year=2025), 404)
        cjtest.assert_error(self, self.value(c["id"], "members", token=self.sec, year=2025), 404)
        st, body = self.value(c["id"], "members", token=self.admin, year=2025)
        self.assertEqual((st, body["value"]), (200, 0), body)

    def test_year_and_cutoff_bound_the_count(self):
        st, c = self.srv.post("/api/v1/consortia", {"name": "截止日测试联合体", "kind": "city",
                                                    "level": "municipal"}, token=self.admin)
        cid = c["id"]
        for day, status in (("2024-12-31", "held"), ("2025-01-01", "held"),
                            ("2025-06-30", "held"), ("2025-07-01", "held"),
                            ("2025-08-01", "cancelled"), ("2025-12-31", "held"),
                            ("2026-01-01", "held")):
            st, m = self.srv.post("/api/v1/meetings", {"consortium_id": cid, "title": "会议 " + day,
                                                       "kind": "council", "held_on": day,
                                                       "status": status}, token=self.admin)
            self.assertEqual(st, 201, m)
        for year, cutoff, want in ((2025, None, 4), (2025, "2025-06-30", 2),
                                   (2025, "2025-07-01", 3), (2025, "2026-03-01", 4),
                                   (2024, None, 1), (2025, "2024-12-31", 0), (2026, "2026-01-01", 1)):
            q = {"year": year}
            if cutoff:
                q["cutoff"] = cutoff
            st, body = self.value(cid, "meetings_held", token=self.admin, **q)
            self.assertEqual(st, 200, body)
            self.assertEqual(body["value"], want, (year, cutoff, body))
            st, listed = self.srv.get(body["drill"]["path"], token=self.admin)
            self.assertEqual(listed["total"], want, (year, cutoff, body["drill"]))
        # a cut-off after the year's end counts to the year's end
        st, body = self.value(cid, "meetings_held", token=self.admin, year=2025,
                              cutoff="2026-03-01")
        self.assertEqual(body["cutoff"], "2026-03-01")
        self.assertIn("held_on_to=2025-12-31", body["drill"]["path"])

    def test_derived_list_filters(self):
        st, body = self.srv.get("/api/v1/meetings?consortium_id=1&held_on_from=2099-01-01",
                                token=self.admin)
        self.assertEqual((st, body["total"]), (200, 0), body)
        e = cjtest.assert_error(self, self.srv.get("/api/v1/meetings?held_on_from=yesterday",
                                                   token=self.admin), 400)
        self.assertIn("held_on_from", e["details"])
        e = cjtest.assert_error(self, self.srv.get("/api/v1/meetings?status_in=held|bogus",
                                                   token=self.admin), 400)
        self.assertIn("status_in", e["details"])
        # personal fields have no derived filters
        cjtest.assert_error(self, self.srv.get("/api/v1/teaching-staff?name_set=1",
                                               token=self.admin), 400)


if __name__ == "__main__":
    cjtest.run()
