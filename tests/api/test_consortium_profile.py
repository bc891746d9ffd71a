"""The consortium's profile (issue 12) over the API, against the demo.

Lead school and lead enterprise (牵头单位) must be a school and an
enterprise, the supporting government a government unit, the parent
consortium never itself and never a cycle — each a 422 naming the field.
The secretariat edits its own consortium's profile (recognition included;
docs/figures.md and README say why), an admin any; others may not.  The
profile is public on a public consortium, and children are listed by
?parent_id=.

    python3 tests/api/test_consortium_profile.py build/chanjiao
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZVTU, GXAUTO, SGMW, LIUDONG = 8, 6, 5, 1


class Profile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        cls.sec = cls.srv.login("liuzhou_sec")
        cls.orgadmin = cls.srv.login("sgmw_admin")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def field_error(self, st, body, field):
        self.assertEqual(st, 422, body)
        self.assertIn(field, body["error"]["details"] or {}, body)

    def new_consortium(self, **extra):
        row = {"name": "测试联合体%d" % len(extra), "kind": "city", "level": "municipal"}
        row.update(extra)
        st, body = self.srv.post("/api/v1/consortia", row, token=self.admin)
        self.assertEqual(st, 201, body)
        return body

    def test_demo_profile_is_public(self):
        st, c = self.srv.get("/api/v1/consortia/1")
        self.assertEqual(st, 200, c)
        self.assertEqual(c["lead_school_id"], LZVTU)
        self.assertEqual(c["lead_enterprise_id"], SGMW)
        self.assertEqual(c["supporting_government_id"], LIUDONG)
        self.assertEqual(c["park"], "柳州高新技术产业开发区（柳东新区）")
        self.assertEqual(c["recognition_level"], "national")
        self.assertEqual(c["recognized_by"], "教育部办公厅")
        self.assertIsNone(c["parent_id"])

    def test_create_and_patch_profile(self):
        c = self.new_consortium(lead_school_id=LZVTU, lead_enterprise_id=GXAUTO,
                                park="示例园区", supporting_government_id=LIUDONG,
                                recognition_level="provincial", recognition_batch="第二批",
                                recognized_on="2024-06-01", recognized_by="示例厅", parent_id=1)
        self.assertEqual(c["parent_id"], 1)
        self.assertEqual(c["recognized_on"], "2024-06-01")
        st, body = self.srv.patch("/api/v1/consortia/%d" % c["id"],
                                  {"park": "另一园区", "lead_enterprise_id": SGMW}, token=self.admin)
        self.assertEqual(st, 200, body)
        self.assertEqual((body["park"], body["lead_enterprise_id"]), ("另一园区", SGMW))
        # Children of Liuzhou are listed by ?parent_id=.
        st, kids = self.srv.get("/api/v1/consortia?parent_id=1")
        self.assertEqual(st, 200, kids)
        self.assertEqual([k["id"] for k in kids["items"]], [c["id"]])
        st, _ = self.srv.delete("/api/v1/consortia/%d" % c["id"], token=self.admin)
        self.assertIn(st, (200, 204))

    def test_unit_kinds(self):
        st, body = self.srv.post("/api/v1/consortia", {
            "name": "错牵头学校", "kind": "city", "level": "municipal", "lead_school_id": SGMW},
            token=self.admin)
        self.field_error(st, body, "lead_school_id")
        st, body = self.srv.patch("/api/v1/consortia/1", {"lead_enterprise_id": LZVTU},
                                  token=self.admin)
        self.field_error(st, body, "lead_enterprise_id")
        st, body = self.srv.patch("/api/v1/consortia/1", {"supporting_government_id": SGMW},
                                  token=self.admin)
        self.field_error(st, body, "supporting_government_id")
        st, body = self.srv.patch("/api/v1/consortia/1", {"parent_id": 999999}, token=self.admin)
        self.field_error(st, body, "parent_id")

    def test_parent_not_itself_no_cycle(self):
        st, body = self.srv.patch("/api/v1/consortia/2", {"parent_id": 2}, token=self.admin)
        self.field_error(st, body, "parent_id")
        a = self.new_consortium(parent_id=2)
        b = self.new_consortium(parent_id=a["id"], park="x")
        # 2 ← a ← b: making 2's parent b closes the ring.
        st, body = self.srv.patch("/api/v1/consortia/2", {"parent_id": b["id"]}, token=self.admin)
        self.field_error(st, body, "parent_id")
        st, body = self.srv.patch("/api/v1/consortia/%d" % a["id"], {"parent_id": b["id"]},
                                  token=self.admin)
        self.field_error(st, body, "parent_id")
        st, c2 = self.srv.get("/api/v1/consortia/2")
        self.assertIsNone(c2["parent_id"])
        for x in (b, a):
            self.srv.delete("/api/v1/consortia/%d" % x["id"], token=self.admin)

    def test_who_edits(self):
        # Its secretariat edits its own profile, recognition included.
        st, body = self.srv.patch("/api/v1/consortia/1", {"recognized_on": "2023-12-29"},
                                  token=self.sec)
        self.assertEqual(st, 200, body)
        st, body = self.srv.patch("/api/v1/consortia/1", {"recognized_on": None}, token=self.sec)
        self.assertEqual(st, 200, body)
        # Not another consortium's, and a unit's admin none.
        st, body = self.srv.patch("/api/v1/consortia/2", {"park": "x"}, token=self.sec)
        self.assertIn(st, (403, 404), body)
        st, body = self.srv.patch("/api/v1/consortia/1", {"park": "x"}, token=self.orgadmin)
        self.assertEqual(st, 403, body)
        st, body = self.srv.patch("/api/v1/consortia/1", {"park": "x"})
        self.assertEqual(st, 401, body)
        # Before the body is looked at: a bad body from the wrong caller is 403, not 422.
        st, body = self.srv.patch("/api/v1/consortia/1", {"parent_id": 1}, token=self.orgadmin)
        self.assertEqual(st, 403, body)

    def test_meta_describes_the_fields(self):
        st, meta = self.srv.get("/api/v1/meta/entities")
        self.assertEqual(st, 200)
        ents = meta if isinstance(meta, list) else meta.get("entities", meta.get("items"))
        cons = [e for e in ents if e["name"] == "consortia"][0]
        names = {f["name"]: f for f in cons["fields"]}
        for n in ("lead_school_id", "lead_enterprise_id", "park", "supporting_government_id",
                  "recognition_level", "recognition_batch", "recognized_on", "recognized_by",
                  "parent_id"):
            self.assertIn(n, names)
        self.assertEqual(names["lead_school_id"]["label_zh"], "牵头院校")
        self.assertEqual(names["parent_id"]["label_zh"], "上级联合体")


if __name__ == "__main__":
    cjtest.run()
