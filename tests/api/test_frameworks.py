"""Indicator frameworks as data (issue 12).

The shipped framework (migration 020) is a 3/16/44 tree; an indicator's
parent is in its framework one level up; a computed indicator names a
measure of the library with parameters it takes, a reported one none.  A
framework imported from a sheet — by API (CSV) and by `chanjiao import`
(XLSX, written by the server's own export) — replaces the shipped one
without code: it becomes the active framework for city consortia and the
shipped one can be retired.  Bad rows are reported row by row and nothing
is written.

    python3 tests/api/test_frameworks.py build/chanjiao
"""
import os
import sys
import tempfile
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

SHIPPED = "市域产教联合体建设监测指标（依据公开文本整理）"
NEW = "市域产教联合体监测指标（正式版）"

FRAMEWORK_CSV = ("指标体系名称,版本,施行日期,适用对象,状态,发布机关\n"
                 "%s,2026,2026-01-01,市域产教联合体,现行,教育部办公厅\n" % NEW)
# One sheet: the framework by name, parents by code.
INDICATORS_CSV = (
    "指标体系,上级指标,层级,指标编号,指标名称,单位,方向,权重,否定性指标,数据来源,度量,度量参数,参考目标值\n"
    "{fw},,1,A,基础条件,,,60,否,填报,,,\n"
    "{fw},,1,B,否定项,,,0,是,填报,,,\n"
    "{fw},A,2,A.1,组织,,,60,否,填报,,,\n"
    "{fw},B,2,B.1,事故,,,0,是,填报,,,\n"
    "{fw},A.1,3,A.1.1,企业成员,个,不低于,30,否,系统计算,members,\"{{\"\"type\"\":\"\"enterprise\"\"}}\",25\n"
    "{fw},A.1,3,A.1.2,理事会会议,次,不低于,30,否,系统计算,meetings_held,,2\n"
    "{fw},B.1,3,B.1.1,安全事故,起,不高于,0,是,填报,,,0\n").format(fw=NEW)


class FrameworksTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        cls.sec = cls.srv.login("liuzhou_sec")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def upload(self, kind, data, token=None, query="", ctype="text/csv; charset=utf-8"):
        path = "/api/v1/import/%s%s" % (kind, "?" + query if query else "")
        return self.srv.post(path, data.encode() if isinstance(data, str) else data,
                             token=token or self.admin, headers={"Content-Type": ctype})

    def framework(self, name):
        st, body = self.srv.get("/api/v1/indicator-frameworks?name=%s" % quote(name))
        self.assertEqual(st, 200, body)
        return body["items"][0] if body["items"] else None

    def active_city(self):
        st, body = self.srv.get("/api/v1/indicator-frameworks?applies_to=city&status=active"
                                "&sort=-effective_on")
        self.assertEqual(st, 200, body)
        return body["items"][0]

    def count(self, path):
        st, body = self.srv.get(path + ("&" if "?" in path else "?") + "per_page=1",
                                token=self.admin)
        self.assertEqual(st, 200, body)
        return body["total"]

    def test_1_shipped_tree(self):
        fw = self.framework(SHIPPED)
        self.assertEqual(fw["version"], "2024-public")
        self.assertEqual((fw["status"], fw["applies_to"], fw["effective_on"]),
                         ("active", "city", "2024-01-01"))
        self.assertIn("收到正式指标体系后", fw["description"])  # zh
        self.assertIn("official framework", fw["description"])
        st, tree = self.srv.get("/api/v1/indicator-frameworks/%d/tree" % fw["id"])
        self.assertEqual(st, 200, tree)
        self.assertEqual(tree["counts"], {"1": 3, "2": 16, "3": 44})
        self.assertEqual([i["name"] for i in tree["items"]], ["基础性指标", "实质性指标", "否定性指标"])
        st, lib = self.srv.get("/api/v1/measures")
        keys = {m["key"] for m in lib["items"]}
        leaves = [c for l1 in tree["items"] for l2 in l1["children"] for c in l2["children"]]
        self.assertEqual(len(leaves), 44)
        self.assertAlmostEqual(sum(c["weight"] for c in leaves), 100.0)
        vetoes = [c for c in leaves if c["veto"]]
        self.assertGreaterEqual(len(vetoes), 4)
        for c in vetoes:
            self.assertEqual((c["direction"], c["default_target"]), ("le", 0), c)
        for c in leaves:
            if c["source"] == "computed":
                self.assertIn(c["measure"], keys, c)
            else:
                self.assertIsNone(c["measure"], c)
            self.assertTrue(c["code"].startswith(c["code"].rsplit(".", 1)[0]))
        # every computed indicator of the shipped framework answers
        for c in leaves:
            if c["source"] == "computed":
                q = "year=2025"
                if c["measure_params"] and c["measure_params"] != "{}":
                    q += "&params=" + quote(c["measure_params"])
                st, v = self.srv.get("/api/v1/consortia/1/measures/%s?%s" % (c["measure"], q),
                                     token=self.sec)
                self.assertEqual(st, 200, (c["code"], v))

    def test_2_integrity(self):
        fw = self.framework(SHIPPED)
        st, l1 = self.srv.get("/api/v1/indicators?framework_id=%d&code=1" % fw["id"])
        st, l2 = self.srv.get("/api/v1/indicators?framework_id=%d&code=1.1" % fw["id"])
        p1, p2 = l1["items"][0]["id"], l2["items"][0]["id"]
        base = {"framework_id": fw["id"], "name": "测试指标", "source": "reported"}

        def post(**kw):
            return self.srv.post("/api/v1/indicators", dict(base, **kw), token=self.admin)

        e = cjtest.assert_error(self, post(level=1, code="9", parent_id=p1), 422)
        self.assertIn("parent_id", e["details"])
        e = cjtest.assert_error(self, post(level=3, code="1.9.9"), 422)
        self.assertIn("parent_id", e["details"])
        e = cjtest.assert_error(self, post(level=3, code="1.9", parent_id=p1), 422)
        self.assertIn("parent_id", e["details"])  # parent two levels up
        e = cjtest.assert_error(self, post(level=3, code="1.1.9", parent_id=p2, source="computed",
                                           measure="bananas"), 422)
        self.assertIn("measure", e["details"])
        e = cjtest.assert_error(self, post(level=3, code="1.1.9", parent_id=p2, source="computed",
                                           measure="members", measure_params='{"type":"x"}'), 422)
        self.assertIn("measure_params", e["details"])
        e = cjtest.assert_error(self, post(level=3, code="1.1.9", parent_id=p2, source="computed",
                                           measure="members", measure_params='{"kind":"x"}'), 422)
        self.assertIn("measure_params", e["details"])
        e = cjtest.assert_error(self, post(level=3, code="1.1.9", parent_id=p2, source="computed",
                                           measure="members", measure_params="{oops"), 422)
        self.assertIn("measure_params", e["details"])
        e = cjtest.assert_error(self, post(level=3, code="1.1.9", parent_id=p2,
                                           measure="members"), 422)
        self.assertIn("measure", e["details"])
        # the admin alone writes
        st, body = self.srv.post("/api/v1/indicators", dict(base, level=3, code="1.1.9",
                                                            parent_id=p2), token=self.sec)
        self.assertEqual(st, 403, body)
        st, ok = post(level=3, code="1.1.9", parent_id=p2, source="computed", measure="members",
                      measure_params='{"type":"enterprise"}')
        self.assertEqual(st, 201, ok)
        st, _ = self.srv.delete("/api/v1/indicators/%d" % ok["id"], token=self.admin)
        self.assertIn(st, (200, 204))

    def test_3_bad_sheet_rows_nothing_written(self):
        st, body = self.upload("indicator-frameworks",
                               FRAMEWORK_CSV.replace(NEW, "坏行测试指标体系").replace("现行", "草稿"))
        self.assertEqual(st, 200, body)
        before = self.count("/api/v1/indicators")
        bad = (INDICATORS_CSV.replace(NEW, "坏行测试指标体系")
               .replace("members,", "no_such_measure,")           # unknown measure
               .replace("{fw},A,2,A.1".format(fw="坏行测试指标体系"),
                        "{fw},1,2,A.1".format(fw="坏行测试指标体系"))  # parent code of another framework
               + "坏行测试指标体系,A.1.2,4,A.1.2.1,四级,,,,否,填报,,,\n")  # level 4
        st, body = self.upload("indicators", bad)
        self.assertEqual(st, 422, body)
        errors = body["error"]["details"]["errors"] if "errors" in body["error"]["details"] \
            else body["error"]["details"]
        text = str(errors)
        for needle in ("measure", "level", "上级"):
            self.assertIn(needle, text)
        self.assertEqual(self.count("/api/v1/indicators"), before)

    def test_4_imported_framework_replaces_the_shipped_one(self):
        shipped = self.framework(SHIPPED)
        self.assertEqual(self.active_city()["id"], shipped["id"])
        st, body = self.upload("indicator-frameworks", FRAMEWORK_CSV)
        self.assertEqual(st, 200, body)
        st, body = self.upload("indicators", INDICATORS_CSV)
        self.assertEqual(st, 200, body)
        new = self.framework(NEW)
        self.assertEqual(self.active_city()["id"], new["id"])
        st, tree = self.srv.get("/api/v1/indicator-frameworks/%d/tree" % new["id"])
        self.assertEqual(tree["counts"], {"1": 2, "2": 2, "3": 3})
        a11 = tree["items"][0]["children"][0]
        self.assertEqual([c["code"] for c in a11["children"]], ["A.1.1", "A.1.2"])
        self.assertEqual(a11["children"][0]["measure"], "members")
        # the shipped one is retired by a PATCH; nothing else changes
        st, body = self.srv.patch("/api/v1/indicator-frameworks/%d" % shipped["id"],
                                  {"status": "retired"}, token=self.admin)
        self.assertEqual(st, 200, body)
        self.assertEqual(self.active_city()["id"], new["id"])

        # the same framework as XLSX through the server's own export, into a
        # fresh database by the CLI
        st, fx = self.srv.request("GET", "/api/v1/indicator-frameworks?name=%s&format=xlsx" % quote(NEW),
                                  token=self.admin, raw=True)
        self.assertEqual(st, 200)
        st, ix = self.srv.request("GET", "/api/v1/indicators?framework_id=%d&format=xlsx&sort=level"
                                  % new["id"], token=self.admin, raw=True)
        self.assertEqual(st, 200)
        other = cjtest.Server()
        try:
            with tempfile.TemporaryDirectory() as d:
                for name, data in (("fw.xlsx", fx), ("ind.xlsx", ix)):
                    with open(os.path.join(d, name), "wb") as f:
                        f.write(data)
                p = other.cli("import", "indicator-frameworks", os.path.join(d, "fw.xlsx"),
                              "--db", other.db)
                self.assertEqual(p.returncode, 0, p.stderr)
                p = other.cli("import", "indicators", os.path.join(d, "ind.xlsx"), "--db", other.db)
                self.assertEqual(p.returncode, 0, p.stderr)
            st, body = other.get("/api/v1/indicator-frameworks?applies_to=city&status=active"
                                 "&sort=-effective_on")
            self.assertEqual(body["items"][0]["name"], NEW)
            st, tree = other.get("/api/v1/indicator-frameworks/%d/tree" % body["items"][0]["id"])
            self.assertEqual(tree["counts"], {"1": 2, "2": 2, "3": 3})
        finally:
            other.stop()


if __name__ == "__main__":
    cjtest.run()
