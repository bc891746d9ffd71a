"""Black-box tests of the GB/T 2260 region catalogue (issue 16): the tree and
the search of GET /api/v1/regions, region fields checked against the loaded
codes, an import resolving typed place names, exports writing names with
codes, and match reasons naming places.

    python3 tests/api/test_regions.py build/chanjiao
"""
import csv
import io
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ADMIN_PW = "admin-pass-2026"


def q(s):
    return urllib.parse.quote(s)


class RegionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        cls.admin = cls.srv.login("admin", ADMIN_PW)
        st, body = cls.srv.post("/api/v1/consortia", {"name": "地点测试联合体", "kind": "city",
                                                      "level": "municipal",
                                                      "region_code": "450200"},
                                token=cls.admin)
        assert st == 201, body
        cls.cid = body["id"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def upload(self, entity, text, query=""):
        path = "/api/v1/import/%s%s" % (entity, "?" + query if query else "")
        return self.srv.post(path, text.encode(), token=self.admin,
                             headers={"Content-Type": "text/csv"})

    # the catalogue, read by anyone

    def test_tree(self):
        st, body = self.srv.get("/api/v1/regions?level=province&per_page=100")
        self.assertEqual(st, 200, body)
        self.assertEqual(body["total"], 34)
        gx = [r for r in body["items"] if r["code"] == "450000"][0]
        self.assertEqual((gx["name"], gx["level"], gx["parent_code"]),
                         ("广西壮族自治区", "province", None))
        st, body = self.srv.get("/api/v1/regions?parent_code=450000&per_page=100")
        self.assertEqual(st, 200, body)
        self.assertEqual(body["total"], 14)  # 广西's 14 prefecture cities
        lz = [r for r in body["items"] if r["code"] == "450200"][0]
        self.assertEqual((lz["name"], lz["level"], lz["parent_code"], lz["full_name"]),
                         ("柳州市", "city", "450000", "广西壮族自治区 柳州市"))
        st, body = self.srv.get("/api/v1/regions?parent_code=450200&per_page=100")
        self.assertEqual(st, 200, body)
        self.assertIn("鱼峰区", [r["name"] for r in body["items"]])
        self.assertTrue(all(r["level"] == "county" for r in body["items"]))
        # the municipalities keep GB/T 2260's 市辖区
        st, body = self.srv.get("/api/v1/regions?code=110105")
        self.assertEqual(body["items"][0]["parent_code"], "110100")
        self.assertEqual(body["items"][0]["full_name"], "北京市 朝阳区")
        # bounded: a page is at most per_page rows
        st, body = self.srv.get("/api/v1/regions?per_page=10")
        self.assertEqual(st, 200, body)
        self.assertEqual(len(body["items"]), 10)
        self.assertEqual(body["total"], 3218)

    def test_search(self):
        st, body = self.srv.get("/api/v1/regions?q=%s&per_page=30" % q("柳州"))
        self.assertEqual(st, 200, body)
        codes = [r["code"] for r in body["items"]]
        self.assertEqual(codes[0], "450200")  # the city first, by code
        self.assertIn("450203", codes)  # and its districts, by full name
        st, body = self.srv.get("/api/v1/regions?q=%s" % q("朝阳区"))
        self.assertEqual({r["code"] for r in body["items"]} >= {"110105", "220104"}, True)

    def test_public_and_cached(self):
        st, body = self.srv.get("/api/v1/regions?parent_code=450000")
        self.assertEqual(st, 200)
        etag = self.srv.last_headers.get("ETag")
        self.assertTrue(etag)
        st, _ = self.srv.get("/api/v1/regions?parent_code=450000",
                             headers={"If-None-Match": etag})
        self.assertEqual(st, 304)

    def test_only_admins_write(self):
        st, body = self.srv.post("/api/v1/regions", {"code": "450299", "name": "测试区",
                                                     "level": "county", "edition": "2021"})
        self.assertEqual(st, 401, body)

    # region fields take live codes

    def test_unknown_code_refused(self):
        err = cjtest.assert_error(self, self.srv.post(
            "/api/v1/organizations", {"name": "地点测试公司甲", "type": "enterprise",
                                      "region_code": "459999"}, token=self.admin),
            422, "validation_failed")
        self.assertIn("region_code", str(err["details"]))
        self.assertIn("459999", str(err["details"]))
        self.assertIn("不存在", str(err["details"]))
        err = cjtest.assert_error(self, self.srv.patch(
            "/api/v1/consortia/%d" % self.cid, {"region_code": "450299"}, token=self.admin),
            422, "validation_failed")
        self.assertIn("region_code", str(err["details"]))
        st, body = self.srv.post("/api/v1/organizations", {"name": "地点测试公司乙",
                                                           "type": "enterprise",
                                                           "region_code": "450203"},
                                 token=self.admin)
        self.assertEqual(st, 201, body)
        self.assertEqual(body["region_code"], "450203")

    # imports resolve names, exports write them

    def test_import_resolves_names(self):
        rows = [("名称", "单位类型", "行政区划代码"),
                ("地点导入一公司", "企业", "柳州市"),
                ("地点导入二公司", "企业", "广西柳州市"),
                ("地点导入三公司", "企业", "柳州"),
                ("地点导入四公司", "企业", "柳州市鱼峰区"),
                ("地点导入五公司", "企业", "450100"),
                ("地点导入六公司", "企业", "北京朝阳区"),
                ("地点导入七公司", "企业", "南宁市 450100")]
        text = "\n".join(",".join(r) for r in rows) + "\n"
        st, body = self.upload("organizations", text)
        self.assertEqual(st, 200, body)
        want = {"一": "450200", "二": "450200", "三": "450200", "四": "450203", "五": "450100",
                "六": "110105", "七": "450100"}
        for k, code in want.items():
            st, body = self.srv.get("/api/v1/organizations?name=%s" % q("地点导入%s公司" % k),
                                    token=self.admin)
            self.assertEqual(body["items"][0]["region_code"], code, k)

    def test_import_ambiguous_and_unknown(self):
        text = ("名称,单位类型,行政区划代码\n"
                "地点错误一公司,企业,朝阳区\n"
                "地点错误二公司,企业,柳洲市\n"
                "地点错误三公司,企业,459999\n")
        err = cjtest.assert_error(self, self.upload("organizations", text), 422,
                                  "validation_failed")
        rows = {r["line"]: r for r in err["details"]["rows"]}
        self.assertEqual(sorted(rows), [2, 3, 4])
        self.assertTrue(all(r["field"] == "region_code" for r in rows.values()))
        self.assertIn("北京市 朝阳区 110105", rows[2]["message"])
        self.assertIn("吉林省 长春市 朝阳区 220104", rows[2]["message"])
        self.assertIn("您是不是要写", rows[3]["message"])
        self.assertIn("柳州市 450200", rows[3]["message"])
        self.assertIn("不存在", rows[4]["message"])
        st, body = self.srv.get("/api/v1/organizations?q=%s" % q("地点错误"), token=self.admin)
        self.assertEqual(body["total"], 0)  # nothing written

    def test_export_names_places(self):
        st, body = self.srv.post("/api/v1/organizations", {"name": "地点导出测试公司",
                                                           "type": "enterprise",
                                                           "region_code": "450206"},
                                 token=self.admin)
        self.assertEqual(st, 201, body)
        st, data = self.srv.get("/api/v1/organizations?format=csv&name=%s" % q("地点导出测试公司"),
                                token=self.admin, raw=True)
        self.assertEqual(st, 200)
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        col = rows[0].index("行政区划代码")
        self.assertEqual(rows[1][col], "柳江区 450206")
        # and the export reads back in as the same code
        st, body = self.upload("organizations", text, "mode=upsert&dry_run=1")
        self.assertEqual(st, 200, body)
        self.assertEqual(body.get("unchanged"), 1, body)


if __name__ == "__main__":
    cjtest.run()
