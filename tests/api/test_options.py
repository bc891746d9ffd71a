"""test_options — option lists (字典): a consortium's secretariat extends the
vocabulary enumerations (agreement types, meeting and training kinds) with
options of its own; writes of that consortium accept them by code or label,
other consortia do not; deactivated options stay on the rows that have
them and are refused for new writes (docs/api.md, "字典 (Option lists)").

    python3 tests/api/test_options.py build/chanjiao
"""
import csv
import io
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ = 1                     # the Liuzhou consortium (demo), public
SCHOOL, ENTERPRISE = 8, 5  # 柳州职业技术大学, 上汽通用五菱 (demo)


class Options(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        cls.sec = cls.srv.login("liuzhou_sec")
        cls.member = cls.srv.login("sgmw_admin")
        cls.staff = cls.srv.login("lzvtu_staff")
        st, c2 = cls.srv.post("/api/v1/consortia", {"name": "字典测试第二联合体", "kind": "industry",
                                                    "level": "provincial"}, token=cls.admin)
        assert st == 201, c2
        cls.cons2 = c2["id"]
        # The agreement type the secretariat adds.
        st, cls.order = cls.srv.post("/api/v1/options", {
            "consortium_id": LZ, "field": "agreements.type", "value": "order_class",
            "label_zh": "订单班协议", "label_en": "Order-class agreement", "sort_order": 1},
            token=cls.sec)
        assert st == 201, cls.order

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def agreement(self, type_, cid=LZ, token=None):
        return self.srv.post("/api/v1/agreements", {
            "consortium_id": cid, "title": "字典测试协议", "type": type_,
            "parties": [SCHOOL, ENTERPRISE], "status": "draft"}, token=token or self.sec)

    def field_options(self, cid, field, token=None):
        st, b = self.srv.get("/api/v1/consortia/%d/options" % cid, token=token)
        self.assertEqual(st, 200, b)
        return [f for f in b["items"] if f["field"] == field][0]["options"]

    # ---- the option and the lists -------------------------------------------

    def test_option_row(self):
        o = self.order
        self.assertEqual((o["field"], o["value"], o["label_zh"], o["active"]),
                         ("agreements.type", "order_class", "订单班协议", True))
        # A code is derived from the Chinese label when none is given.
        st, o2 = self.srv.post("/api/v1/options", {"consortium_id": LZ, "field": "meetings.kind",
                                                   "label_zh": "校企对接会"}, token=self.sec)
        self.assertEqual(st, 201, o2)
        self.assertRegex(o2["value"], r"^c[0-9a-f]{8}$")
        self.assertEqual(o2["sort_order"], 0)

    def test_effective_lists(self):
        # Readable by whoever reads the consortium: consortium 1 is public.
        opts = self.field_options(LZ, "agreements.type")
        shipped = [o for o in opts if o["shipped"]]
        self.assertEqual(shipped[0]["value"], "school_enterprise")
        own = [o for o in opts if not o["shipped"]]
        self.assertIn("order_class", [o["value"] for o in own])
        self.assertEqual(opts.index(shipped[-1]) + 1, opts.index(own[0]))  # shipped first
        mine = [o for o in own if o["value"] == "order_class"][0]
        self.assertEqual((mine["id"], mine["label_zh"]), (self.order["id"], "订单班协议"))
        # Another consortium sees the shipped options only.
        self.assertTrue(all(o["shipped"] for o in
                            self.field_options(self.cons2, "agreements.type", self.admin)))
        # Only the F_VOCAB fields are listed.
        st, b = self.srv.get("/api/v1/consortia/%d/options" % LZ)
        self.assertEqual(sorted(f["field"] for f in b["items"]),
                         ["agreements.type", "meetings.kind", "tech_needs.field", "trainings.kind"])
        # A consortium the caller may not read answers 404, as if absent.
        st, c3 = self.srv.post("/api/v1/consortia", {"name": "字典非公开联合体", "kind": "city",
                                                     "level": "municipal", "is_public": False},
                               token=self.admin)
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/%d/options" % c3["id"]), 404)
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/99999/options",
                                               token=self.admin), 404)

    def test_meta_marks_vocabulary(self):
        st, meta = self.srv.get("/api/v1/meta/entities")
        fields = {(e["name"], f["name"]): f for e in meta["items"] for f in e["fields"]}
        self.assertTrue(fields[("agreements", "type")].get("extensible"))
        self.assertTrue(fields[("trainings", "kind")].get("extensible"))
        for fixed in (("agreements", "status"), ("users", "role"), ("organizations", "type"),
                      ("demand", "education")):
            self.assertNotIn("extensible", fields[fixed], fixed)

    # ---- writes of the vocabulary field ---------------------------------------

    def test_agreement_by_code_and_label(self):
        for given in ("订单班协议", "order_class", "order-class AGREEMENT"):
            st, a = self.agreement(given)
            self.assertEqual(st, 201, (given, a))
            self.assertEqual(a["type"], "order_class", given)
        # Shipped values are untouched.
        st, a = self.agreement("校企合作")
        self.assertEqual((st, a["type"]), (201, "school_enterprise"))
        # A word that is no option is refused, listing the options.
        e = cjtest.assert_error(self, self.agreement("没有的类型"), 422)
        self.assertIn("订单班协议", e["details"]["type"])
        self.assertIn("school_enterprise", e["details"]["type"])
        # …in the same answer as the body's other mistakes.
        e = cjtest.assert_error(self, self.srv.post("/api/v1/agreements", {
            "consortium_id": LZ, "type": "没有的类型", "parties": [SCHOOL, ENTERPRISE],
            "status": "draft"}, token=self.sec), 422)
        self.assertEqual(set(e["details"]), {"title", "type"})

    def test_other_consortium_refused(self):
        e = cjtest.assert_error(self, self.agreement("订单班协议", cid=self.cons2, token=self.admin),
                                422)
        self.assertIn("type", e["details"])
        cjtest.assert_error(self, self.agreement("order_class", cid=self.cons2, token=self.admin), 422)

    def test_import_and_export(self):
        st, o = self.srv.post("/api/v1/options", {
            "consortium_id": LZ, "field": "trainings.kind", "value": "field_engineer",
            "label_zh": "现场工程师培训", "label_en": "Field-engineer training"}, token=self.sec)
        self.assertEqual(st, 201, o)
        st, org = self.srv.get("/api/v1/organizations/%d" % ENTERPRISE)
        text = ("培训项目,承办单位,培训类型,参训人数,年度\n"
                "字典导入培训甲,%s,现场工程师培训,30,2026\n"
                "字典导入培训乙,%s,field_engineer,20,2026\n"
                "字典导入培训丙,%s,技能提升培训,10,2026\n") % ((org["name"],) * 3)
        st, b = self.srv.post("/api/v1/import/trainings?consortium_id=%d" % LZ, text.encode(),
                              token=self.sec, headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 200, b)
        self.assertEqual(b["imported"], 3, b)
        st, lst = self.srv.get("/api/v1/trainings?consortium_id=%d&kind=field_engineer" % LZ,
                               token=self.sec)
        self.assertEqual(sorted(t["title"] for t in lst["items"]), ["字典导入培训乙", "字典导入培训甲"])
        # The export writes the label, and reads back.
        st, data = self.srv.get("/api/v1/trainings?format=csv&consortium_id=%d&year=2026" % LZ,
                                token=self.sec, raw=True)
        self.assertEqual(st, 200)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        kinds = {r[rows[0].index("培训项目")]: r[rows[0].index("培训类型")] for r in rows[1:]}
        self.assertEqual(kinds["字典导入培训甲"], "现场工程师培训")
        self.assertEqual(kinds["字典导入培训丙"], "技能提升培训")
        st, data = self.srv.get("/api/v1/trainings?format=csv&consortium_id=%d&year=2026&lang=en"
                                % LZ, token=self.sec, raw=True)
        self.assertIn("Field-engineer training", data.decode("utf-8-sig"))
        # Loaded back as an update (import modes): every row, the option's
        # rows included, is found unchanged.
        st, b = self.srv.post("/api/v1/import/trainings?consortium_id=%d&dry_run=1&mode=update"
                              % LZ, data, token=self.sec, headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 200, b)
        self.assertEqual(b["unchanged"], len(rows) - 1, b)
        self.assertEqual(b["created"] + b["updated"], 0, b)
        # The same file into another consortium: the option is not its own,
        # so nothing is imported.
        st, org2 = self.srv.post("/api/v1/memberships", {"consortium_id": self.cons2,
                                                         "organization_id": ENTERPRISE,
                                                         "role": "member"}, token=self.admin)
        self.assertEqual(st, 201, org2)
        st, b = self.srv.post("/api/v1/import/trainings?consortium_id=%d" % self.cons2,
                              text.encode(), token=self.admin,
                              headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 422, b)
        st, lst = self.srv.get("/api/v1/trainings?consortium_id=%d" % self.cons2, token=self.admin)
        self.assertEqual(lst["total"], 0)

    # ---- who may --------------------------------------------------------------

    def test_who_may(self):
        body = {"consortium_id": LZ, "field": "agreements.type", "label_zh": "成员想加的类型"}
        for tok in (None, self.member, self.staff):
            st, b = self.srv.post("/api/v1/options", body, token=tok)
            self.assertIn(st, (401, 403), b)
        # Another consortium's secretariat is not this one's.
        st, b = self.srv.post("/api/v1/options", dict(body, consortium_id=self.cons2),
                              token=self.sec)
        self.assertEqual(st, 403, b)
        # Members read the option rows; the anonymous public does not.
        st, b = self.srv.get("/api/v1/options/%d" % self.order["id"], token=self.member)
        self.assertEqual(st, 200, b)
        cjtest.assert_error(self, self.srv.get("/api/v1/options/%d" % self.order["id"]), 404)
        cjtest.assert_error(self, self.srv.patch("/api/v1/options/%d" % self.order["id"],
                                                 {"label_en": "x"}, token=self.member), 403)
        # The secretariat deactivates; only the platform admin deletes.
        st, o = self.srv.post("/api/v1/options", dict(body, label_zh="待删除的类型"), token=self.sec)
        self.assertEqual(st, 201, o)
        cjtest.assert_error(self, self.srv.delete("/api/v1/options/%d" % o["id"], token=self.sec),
                            403)
        st, _ = self.srv.delete("/api/v1/options/%d" % o["id"], token=self.admin)
        self.assertEqual(st, 204)

    # ---- what an option may be ------------------------------------------------

    def test_bad_options(self):
        base = {"consortium_id": LZ, "field": "agreements.type", "label_zh": "合规的类型"}
        for field in ("agreements.status", "users.role", "organizations.type",
                      "demand.education", "agreements", "nothing.here", ""):
            e = cjtest.assert_error(self, self.srv.post("/api/v1/options", dict(base, field=field),
                                                        token=self.sec), 422)
            self.assertIn("field", e["details"], field)
        # Not a shipped option's value or label.
        for k, v in (("value", "strategic"), ("label_zh", "校企合作"), ("label_en", "Strategic cooperation")):
            e = cjtest.assert_error(self, self.srv.post("/api/v1/options", dict(base, **{k: v}),
                                                        token=self.sec), 422)
            self.assertIn(k, e["details"])
        # An ASCII code.
        for v in ("Bad Code", "订单", "9lives", "a-b"):
            e = cjtest.assert_error(self, self.srv.post("/api/v1/options", dict(base, value=v),
                                                        token=self.sec), 422)
            self.assertIn("value", e["details"], v)
        # Unique per consortium and field, by code and by Chinese label.
        cjtest.assert_error(self, self.srv.post("/api/v1/options", dict(
            base, label_zh="订单班协议", value="other_code"), token=self.sec), 409)
        cjtest.assert_error(self, self.srv.post("/api/v1/options", dict(
            base, label_zh="另一个名称", value="order_class"), token=self.sec), 409)
        # The field and the code do not change; active is never null.
        oid = self.order["id"]
        for patch in ({"field": "meetings.kind"}, {"value": "x_new"}, {"active": None}):
            cjtest.assert_error(self, self.srv.patch("/api/v1/options/%d" % oid, patch,
                                                     token=self.sec), 422)
        # Nothing of the above was written.
        st, b = self.srv.get("/api/v1/options?consortium_id=%d&per_page=100" % LZ, token=self.sec)
        self.assertNotIn("合规的类型", [o["label_zh"] for o in b["items"]])

    # ---- deactivation -----------------------------------------------------------

    def test_deactivation(self):
        st, o = self.srv.post("/api/v1/options", {
            "consortium_id": LZ, "field": "agreements.type", "value": "alliance",
            "label_zh": "联盟协议"}, token=self.sec)
        self.assertEqual(st, 201, o)
        st, old = self.agreement("联盟协议")
        self.assertEqual((st, old["type"]), (201, "alliance"))
        st, o = self.srv.patch("/api/v1/options/%d" % o["id"], {"active": False, "label_zh": "联盟合作协议"},
                               token=self.sec)
        self.assertEqual((st, o["active"]), (200, False), o)
        # New writes are refused, by code and by label.
        for given in ("alliance", "联盟合作协议"):
            e = cjtest.assert_error(self, self.agreement(given), 422)
            self.assertIn("停用", e["details"]["type"])
        st, other = self.agreement("strategic")
        e = cjtest.assert_error(self, self.srv.patch("/api/v1/agreements/%d" % other["id"],
                                                     {"type": "alliance"}, token=self.sec), 422)
        # The old row keeps it: readable, and its other fields still change.
        st, a = self.srv.get("/api/v1/agreements/%d" % old["id"])
        self.assertEqual((st, a["type"]), (200, "alliance"))
        st, a = self.srv.patch("/api/v1/agreements/%d" % old["id"], {"scope": "仍然有效"},
                               token=self.sec)
        self.assertEqual((st, a["type"], a["scope"]), (200, "alliance", "仍然有效"), a)
        st, a = self.srv.patch("/api/v1/agreements/%d" % old["id"], {"type": "alliance"},
                               token=self.sec)
        self.assertEqual(st, 200, a)
        # The lists show it, inactive, for the forms to label the old row.
        mine = [x for x in self.field_options(LZ, "agreements.type") if x["value"] == "alliance"][0]
        self.assertEqual((mine["active"], mine["label_zh"]), (False, "联盟合作协议"))
        # Reactivated, it is offered again.
        st, o = self.srv.patch("/api/v1/options/%d" % o["id"], {"active": True}, token=self.sec)
        st, a = self.agreement("联盟合作协议")
        self.assertEqual((st, a["type"]), (201, "alliance"))


if __name__ == "__main__":
    cjtest.run()
