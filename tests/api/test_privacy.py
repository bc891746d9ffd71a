"""Black-box tests of personal data (PIPL, 个人信息保护法) against the real
binary: the audit log shows each reader only what the entity's own reads
show them (JSON, CSV and XLSX), its filters refuse unknown values, a
student downloads what the platform holds on them, a school erases a
student (the figures stay, the values go — from the whole database file),
and the retention purge.

    python3 tests/api/test_privacy.py build/chanjiao
"""
import csv
import io
import os
import sqlite3
import sys
import unittest
import zipfile
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LIUZHOU = 1


def xlsx_text(raw):
    """Every string of an XLSX file (shared strings and inline cells)."""
    z = zipfile.ZipFile(io.BytesIO(raw))
    return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


class AuditPrivacyTest(unittest.TestCase):
    """Hole 1: the audit log showed a secretariat whole student records and
    placement evaluations.  Hole 11: unknown filter values answered 200."""

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.tok = {u: s.login(u) for u in ("admin", "liuzhou_sec", "lzvtu_staff", "sgmw_admin",
                                            "student_demo")}
        staff = cls.tok["lzvtu_staff"]
        st, b = s.get("/api/v1/students?per_page=1", token=staff)
        assert st == 200 and b["items"], b
        cls.student = b["items"][0]
        st, b = s.patch("/api/v1/students/%d" % cls.student["id"],
                        {"skills": "保密技能SECRETSKILL"}, token=staff)
        assert st == 200, b
        st, b = s.get("/api/v1/placements?per_page=1", token=staff)
        assert st == 200 and b["items"], b
        cls.placement = b["items"][0]
        st, b = s.patch("/api/v1/placements/%d" % cls.placement["id"],
                        {"evaluation": "保密评价SECRETEVAL", "score": 37, "grade": "fail"},
                        token=staff)
        assert st == 200, b
        cls.secrets = ("SECRETSKILL", "SECRETEVAL", cls.student["name"], cls.student["student_no"])

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def audit(self, who, query):
        st, b = self.srv.get("/api/v1/audit?consortium_id=%d&%s" % (LIUZHOU, query),
                             token=self.tok[who])
        self.assertEqual(st, 200, b)
        return b

    def test_secretariat_sees_no_student_record(self):
        b = self.audit("liuzhou_sec", "entity=students&entity_id=%d" % self.student["id"])
        self.assertTrue(b["items"], "the update is logged")
        for i in b["items"]:
            self.assertIsNone(i["before"])
            self.assertIsNone(i["after"])
            self.assertTrue(i["hidden"], i)
        for s in self.secrets:
            self.assertNotIn(s, str(b))

    def test_secretariat_sees_placement_without_private_fields(self):
        b = self.audit("liuzhou_sec", "entity=placements&entity_id=%d" % self.placement["id"])
        upd = [i for i in b["items"] if i["action"] == "update"]
        self.assertTrue(upd)
        for side in ("before", "after"):
            row = upd[0][side]
            self.assertEqual(row["id"], self.placement["id"])  # what it may see stays
            for k in ("student_id", "evaluation", "score", "grade"):
                self.assertNotIn(k, row)
        self.assertNotIn("SECRETEVAL", str(b))

    def test_whole_log_and_exports_hold_no_secret(self):
        b = self.audit("liuzhou_sec", "per_page=500")
        for s in self.secrets:
            self.assertNotIn(s, str(b))
        for fmt in ("csv", "xlsx"):
            for q in ("", "&entity=students", "&entity=placements"):
                st, raw = self.srv.get("/api/v1/audit?consortium_id=%d&format=%s%s"
                                       % (LIUZHOU, fmt, q), token=self.tok["liuzhou_sec"],
                                       raw=True)
                self.assertEqual(st, 200, raw[:200])
                text = raw.decode("utf-8-sig") if fmt == "csv" else xlsx_text(raw)
                self.assertIn("update", text)
                for s in self.secrets:
                    self.assertNotIn(s, text, (fmt, q))

    def test_csv_rows_of_hidden_entries(self):
        st, raw = self.srv.get("/api/v1/audit?consortium_id=%d&format=csv&entity=students&lang=en"
                               % LIUZHOU, token=self.tok["liuzhou_sec"], raw=True)
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertTrue(rows)
        for r in rows:
            self.assertEqual(r["before"], "")
            self.assertEqual(r["after"], "")

    def test_admin_sees_everything(self):
        b = self.audit("admin", "entity=students&entity_id=%d" % self.student["id"])
        self.assertIn("SECRETSKILL", str(b))
        self.assertFalse(b["items"][0].get("hidden"))
        b = self.audit("admin", "entity=placements&entity_id=%d" % self.placement["id"])
        self.assertIn("SECRETEVAL", str(b))

    def test_others_may_not_read_the_log(self):
        for who in ("lzvtu_staff", "sgmw_admin", "student_demo"):
            cjtest.assert_error(self, self.srv.get("/api/v1/audit?consortium_id=1&entity=students",
                                                   token=self.tok[who]), 403, "forbidden")
        cjtest.assert_error(self, self.srv.get("/api/v1/audit?entity=students"), 401)

    def test_unknown_filter_values_are_refused(self):
        for q in ("entity=%FF", "entity=nosuch", "entity=students%20", "action=%FF",
                  "action=nosuch", "entity_id=1x", "user_id=%FF", "format=%FF",
                  "entity=" + quote("学生")):
            for who in ("admin", "liuzhou_sec"):
                cjtest.assert_error(self, self.srv.get("/api/v1/audit?consortium_id=1&" + q,
                                                       token=self.tok[who]), 400, "bad_request")
        # the known ones still answer
        for q in ("entity=students", "entity=demand_reports", "action=login",
                  "action=close-applications", "entity=users&action=update"):
            self.audit("admin", q)


if __name__ == "__main__":
    cjtest.run()
