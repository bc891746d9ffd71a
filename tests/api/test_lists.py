"""Black-box tests of the three lists (三张清单, issue 10) against the real
binary: POST/GET /api/v1/consortia/{id}/lists and GET /api/v1/lists/{id}.

On the demo's Liuzhou consortium (public), the secretariat (liuzhou_sec)
files technology needs of every visibility and status and core products,
then publishes each kind of list:

- a tech-needs list holds exactly the published or in-progress public
  needs — a members-only, secretariat-only, draft or closed need never
  appears; a core-products list every live product; names and labels are
  resolved at publication (enterprise, field, chain link, occupations);
- a list is a snapshot: editing, re-scoping or deleting a record later
  leaves it as it was, and the next list shows the change;
- a talent-needs list is the demand report of the year: the old
  demand-report URLs answer for it, and a report published the old way
  (POST …/demand-reports) shows in the lists;
- permissions: anonymous 401, a member unit, the enterprise and another
  consortium's secretariat 403 — before the body is read — and nothing is
  written; readers of a consortium that is not public (404 for others);
- bad kind / period / title / fields 422 (non-JSON 400), nothing written;
- paging (rows and lists), the kind filter, CSV and XLSX downloads.

    python3 tests/api/test_lists.py build/chanjiao
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


class ListsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        cls.sec = cls.srv.login("liuzhou_sec")
        cls.owner = cls.srv.login("sgmw_admin")
        cls.school = cls.srv.login("lzvtu_staff")
        cls.other_sec = cls.srv.login("changchun_sec", "secretariat-demo-2026")

        def org(name):
            st, b = cls.srv.get("/api/v1/organizations?name=" + quote(name), token=cls.admin)
            assert st == 200 and b["items"], (name, b)
            return b["items"][0]["id"]

        cls.sgmw = org("上汽通用五菱汽车股份有限公司")
        cls.sgmw_name = "上汽通用五菱汽车股份有限公司"
        cls.gxauto = org("广西汽车集团有限公司")
        cls.needs = {}
        for key, vis, status in (("pub", "public", "published"),
                                 ("prog", "public", "in_progress"),
                                 ("members", "members", "published"),
                                 ("sec", "secretariat", "published"),
                                 ("draft", "public", "draft"),
                                 ("closed", "public", "closed")):
            cls.needs[key] = cls.need("清单测试需求-" + key, vis, status)
        cls.products = [cls.product("清单测试产品-整车", "整车", "6-22-02-01"),
                        cls.product("清单测试产品-材料", "材料", None)]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    # ---- helpers -----------------------------------------------------------

    @classmethod
    def need(cls, title, visibility="public", status="published"):
        st, b = cls.srv.post("/api/v1/tech-needs", {
            "consortium_id": LZ, "enterprise_id": cls.sgmw, "title": title,
            "description": "车身焊点质量在线检测。", "keywords": "焊点检测；机器视觉",
            "field": "检测与质量", "visibility": visibility, "status": status,
            "budget_min": 100000, "budget_max": 300000, "contact": "王工 0772-1234567"},
            token=cls.sec)
        assert st == 201, b
        return b

    @classmethod
    def product(cls, name, link, occ):
        body = {"consortium_id": LZ, "enterprise_id": cls.sgmw, "name": name, "chain_link": link,
                "key_technologies": "电驱;热管理"}
        if occ:
            body["occupation_codes"] = occ
        st, b = cls.srv.post("/api/v1/core-products", body, token=cls.sec)
        assert st == 201, b
        return b

    def all_rows(self, path, token="admin"):
        rows, page = [], 1
        while True:
            st, b = self.srv.get("%s%sper_page=100&page=%d" % (path, "&" if "?" in path else "?", page),
                                 token=self.admin if token == "admin" else token)
            self.assertEqual(st, 200, b)
            rows += b["items"]
            if len(rows) >= b["total"] or not b["items"]:
                return rows, b
            page += 1

    def expected_needs(self):
        rows, _ = self.all_rows("/api/v1/tech-needs?consortium_id=%d" % LZ)
        return {r["id"] for r in rows
                if r["visibility"] == "public" and r["status"] in ("published", "in_progress")}

    def expected_products(self):
        rows, _ = self.all_rows("/api/v1/core-products?consortium_id=%d" % LZ)
        return {r["id"] for r in rows}

    def publish(self, kind, period="2026", token=None, want=201, **kw):
        body = {"kind": kind, "period": period}
        body.update(kw)
        st, b = self.srv.post("/api/v1/consortia/%d/lists" % LZ, body, token=token or self.sec)
        self.assertEqual(st, want, b)
        if want == 201:
            self.assertEqual(self.srv.last_headers["Location"], "/api/v1/lists/%d" % b["id"])
        return b

    def lists_total(self):
        st, b = self.srv.get("/api/v1/consortia/%d/lists" % LZ)
        self.assertEqual(st, 200, b)
        return b["total"]

    # ---- the snapshots -----------------------------------------------------

    def test_tech_needs_list_holds_public_published_needs(self):
        want = self.expected_needs()
        self.assertIn(self.needs["pub"]["id"], want)
        self.assertIn(self.needs["prog"]["id"], want)
        lst = self.publish("tech_needs", "2026H1")
        for k in ("id", "consortium_id", "kind", "period", "title", "published_at", "count"):
            self.assertIn(k, lst)
        self.assertEqual(lst["kind"], "tech_needs")
        self.assertEqual(lst["period"], "2026H1")
        self.assertEqual(lst["count"], len(want))
        self.assertIn("2026H1年技术需求清单", lst["title"])
        rows, b = self.all_rows("/api/v1/lists/%d" % lst["id"], token=None)
        self.assertEqual({r["id"] for r in rows}, want)
        self.assertEqual(b["total"], len(want))
        for key in ("members", "sec", "draft", "closed"):
            self.assertNotIn(self.needs[key]["id"], {r["id"] for r in rows}, key)
        row = next(r for r in rows if r["id"] == self.needs["pub"]["id"])
        self.assertEqual(row["enterprise"], self.sgmw_name)
        self.assertEqual(row["field"], "testing")
        self.assertEqual(row["field_label"], "检测与质量")
        self.assertEqual(row["field_label_en"], "Testing and quality")
        self.assertEqual(row["budget_max"], 300000)
        self.assertEqual(row["status"], "published")

    def test_core_products_list_resolves_names(self):
        want = self.expected_products()
        lst = self.publish("core_products", 2026, title="2026年核心产品清单（测试）")
        self.assertEqual(lst["period"], "2026")
        self.assertEqual(lst["title"], "2026年核心产品清单（测试）")
        self.assertEqual(lst["count"], len(want))
        rows, _ = self.all_rows("/api/v1/lists/%d" % lst["id"], token=None)
        self.assertEqual({r["id"] for r in rows}, want)
        row = next(r for r in rows if r["id"] == self.products[0]["id"])
        self.assertEqual(row["enterprise"], self.sgmw_name)
        self.assertEqual(row["chain_link"], "vehicle")
        self.assertEqual(row["chain_link_label"], "整车")
        self.assertTrue(row["occupations"].startswith("6-22-02-01 "), row)
        row = next(r for r in rows if r["id"] == self.products[1]["id"])
        self.assertIsNone(row["occupations"])

    def test_snapshot_never_changes(self):
        n = self.need("清单快照需求")
        hidden = self.need("清单快照需求-成员", "members")
        p = self.product("清单快照产品", "装备", None)
        needs = self.publish("tech_needs", "2025")
        prods = self.publish("core_products", "2025")
        before_n, _ = self.all_rows("/api/v1/lists/%d" % needs["id"])
        before_p, _ = self.all_rows("/api/v1/lists/%d" % prods["id"])
        self.assertIn(n["id"], {r["id"] for r in before_n})
        # Later edits: a new title, a need made public, one deleted, a product renamed.
        for path, body in (("/api/v1/tech-needs/%d" % n["id"], {"title": "改过的标题"}),
                           ("/api/v1/tech-needs/%d" % hidden["id"], {"visibility": "public"}),
                           ("/api/v1/core-products/%d" % p["id"], {"name": "改过的产品"})):
            st, b = self.srv.patch(path, body, token=self.sec)
            self.assertEqual(st, 200, b)
        st, b = self.srv.delete("/api/v1/tech-needs/%d" % self.need("清单快照需求-删")["id"],
                                token=self.sec)
        self.assertEqual(st, 204, b)
        after_n, b = self.all_rows("/api/v1/lists/%d" % needs["id"])
        after_p, _ = self.all_rows("/api/v1/lists/%d" % prods["id"])
        self.assertEqual(after_n, before_n)
        self.assertEqual(after_p, before_p)
        self.assertEqual(b["count"], needs["count"])
        # The next list shows the changes.
        again = self.publish("tech_needs", "2025")
        rows, _ = self.all_rows("/api/v1/lists/%d" % again["id"])
        by_id = {r["id"]: r for r in rows}
        self.assertEqual(by_id[n["id"]]["title"], "改过的标题")
        self.assertIn(hidden["id"], by_id)
        self.assertEqual(set(by_id), self.expected_needs())

    def test_talent_needs_list_is_the_demand_report(self):
        lst = self.publish("talent_needs", "2025")
        self.assertEqual(lst["kind"], "talent_needs")
        rid = lst["report_id"]
        self.assertIsInstance(rid, int)
        st, rep = self.srv.get("/api/v1/demand-reports/%d" % rid)
        self.assertEqual(st, 200, rep)
        self.assertEqual(rep["title"], lst["title"])
        self.assertEqual(rep["period"], 2025)
        self.assertEqual(lst["count"], len(rep["items"]))
        self.assertGreater(lst["count"], 0)
        rows, _ = self.all_rows("/api/v1/lists/%d" % lst["id"], token=None)
        self.assertEqual(rows, rep["items"])
        st, b = self.srv.get("/api/v1/consortia/%d/demand-reports" % LZ)
        self.assertIn(rid, {r["id"] for r in b["items"]})
        # A report published the old way is a talent-needs list too.
        st, old = self.srv.post("/api/v1/consortia/%d/demand-reports" % LZ,
                                {"period": 2025, "title": "旧入口发布的报告"}, token=self.sec)
        self.assertEqual(st, 201, old)
        st, b = self.srv.get("/api/v1/consortia/%d/lists?kind=talent_needs" % LZ)
        self.assertEqual(st, 200, b)
        self.assertTrue(all(r["kind"] == "talent_needs" for r in b["items"]))
        mine = [r for r in b["items"] if r["report_id"] == old["id"]]
        self.assertEqual(len(mine), 1, b)
        self.assertEqual(mine[0]["title"], "旧入口发布的报告")
        self.assertEqual(mine[0]["count"], len(old["items"]))
        st, one = self.srv.get("/api/v1/lists/%d" % mine[0]["id"])
        self.assertEqual(one["items"], old["items"][:20])
        # The old CSV download still answers, and the list's is the same file.
        st, raw = self.srv.get("/api/v1/demand-reports/%d?format=csv" % rid, raw=True)
        self.assertEqual(st, 200)
        st, raw2 = self.srv.get("/api/v1/lists/%d?format=csv" % lst["id"], raw=True)
        self.assertEqual(st, 200)
        self.assertEqual(raw, raw2)

    # ---- who may ---------------------------------------------------------

    def test_only_the_secretariat_publishes(self):
        before = self.lists_total()
        for token, status in ((None, 401), (self.school, 403), (self.owner, 403),
                              (self.other_sec, 403)):
            # Refused before the body is read: a bad body gets the same answer.
            for body in ({"kind": "tech_needs", "period": "2026"}, {"kind": "nonsense"}):
                st, b = self.srv.post("/api/v1/consortia/%d/lists" % LZ, body, token=token)
                cjtest.assert_error(self, (st, b), status)
        st, b = self.srv.post("/api/v1/consortia/%d/lists" % LZ, "not json", token=self.school,
                              headers={"Content-Type": "application/json"})
        self.assertEqual(st, 403, b)
        self.assertEqual(self.lists_total(), before)
        # A platform admin may.
        self.publish("core_products", "2026", token=self.admin)
        self.assertEqual(self.lists_total(), before + 1)

    def test_private_consortium_lists(self):
        st, c = self.srv.post("/api/v1/consortia", {
            "name": "未公开的清单测试联合体", "kind": "city", "level": "municipal",
            "is_public": False}, token=self.admin)
        self.assertEqual(st, 201, c)
        st, lst = self.srv.post("/api/v1/consortia/%d/lists" % c["id"],
                                {"kind": "core_products", "period": "2026"}, token=self.admin)
        self.assertEqual(st, 201, lst)
        self.assertEqual(lst["count"], 0)
        for token in (None, self.school, self.other_sec):
            cjtest.assert_error(self, self.srv.get("/api/v1/lists/%d" % lst["id"], token=token), 404)
            st, b = self.srv.get("/api/v1/consortia/%d/lists" % c["id"], token=token)
            self.assertIn(st, (401, 404), b)
        st, b = self.srv.get("/api/v1/lists/%d" % lst["id"], token=self.admin)
        self.assertEqual(st, 200, b)

    # ---- bad input ---------------------------------------------------------

    def test_bad_input_writes_nothing(self):
        before = self.lists_total()
        st, reports = self.srv.get("/api/v1/consortia/%d/demand-reports" % LZ)
        for body, field in (({"kind": "products", "period": "2026"}, "kind"),
                            ({"period": "2026"}, "kind"),
                            ({"kind": "tech_needs"}, "period"),
                            ({"kind": "tech_needs", "period": "26"}, "period"),
                            ({"kind": "tech_needs", "period": "2026H3"}, "period"),
                            ({"kind": "tech_needs", "period": "1999"}, "period"),
                            ({"kind": "tech_needs", "period": 2026.5}, "period"),
                            ({"kind": "talent_needs", "period": "2026H1"}, "period"),
                            ({"kind": "tech_needs", "period": "2026", "title": 7}, "title"),
                            ({"kind": "tech_needs", "period": "2026", "title": "长" * 201}, "title"),
                            ({"kind": "tech_needs", "period": "2026", "extra": 1}, "extra")):
            st, b = self.srv.post("/api/v1/consortia/%d/lists" % LZ, body, token=self.sec)
            err = cjtest.assert_error(self, (st, b), 422)
            self.assertIn(field, err["details"], body)
            self.assertTrue(err["details"][field])
        st, b = self.srv.post("/api/v1/consortia/%d/lists" % LZ, "{", token=self.sec,
                              headers={"Content-Type": "application/json"})
        cjtest.assert_error(self, (st, b), 400)
        self.assertEqual(self.lists_total(), before)
        st, after = self.srv.get("/api/v1/consortia/%d/demand-reports" % LZ)
        self.assertEqual(after["total"], reports["total"])
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/%d/lists?kind=x" % LZ), 400)
        cjtest.assert_error(self, self.srv.get("/api/v1/lists/999999"), 404)
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/999999/lists"), 404)

    # ---- reading -----------------------------------------------------------

    def test_paging_and_listing(self):
        lst = self.publish("tech_needs", "2026")
        self.assertGreaterEqual(lst["count"], 2)
        st, p1 = self.srv.get("/api/v1/lists/%d?per_page=1" % lst["id"])
        st, p2 = self.srv.get("/api/v1/lists/%d?per_page=1&page=2" % lst["id"])
        self.assertEqual((p1["total"], p1["page"], p1["per_page"]), (lst["count"], 1, 1))
        self.assertEqual(len(p2["items"]), 1)
        self.assertLess(p1["items"][0]["id"], p2["items"][0]["id"])
        st, b = self.srv.get("/api/v1/lists/%d?page=999" % lst["id"])
        self.assertEqual(b["items"], [])
        cjtest.assert_error(self, self.srv.get("/api/v1/lists/%d?page=0" % lst["id"]), 400)
        # Newest first, exact totals, a kind filter.
        rows, b = self.all_rows("/api/v1/consortia/%d/lists" % LZ, token=None)
        self.assertEqual(rows[0]["id"], lst["id"])
        self.assertEqual(b["total"], len(rows))
        stamps = [(r["published_at"], r["id"]) for r in rows]
        self.assertEqual(stamps, sorted(stamps, reverse=True))
        st, b = self.srv.get("/api/v1/consortia/%d/lists?kind=tech_needs&per_page=1" % LZ)
        self.assertEqual(b["items"][0]["id"], lst["id"])
        self.assertEqual(b["total"], sum(1 for r in rows if r["kind"] == "tech_needs"))

    def test_cli_publishes_a_list(self):
        """`chanjiao list publish` publishes as the API does (the operator on
        the server); bad arguments exit 2 and write nothing."""
        before = self.lists_total()
        p = self.srv.cli("list", "publish", "--db", self.srv.db, "--consortium", str(LZ),
                         "--kind", "tech_needs", "--period", "2026H2", "--title", "命令行发布的技术需求清单")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("命令行发布的技术需求清单", p.stdout)
        st, b = self.srv.get("/api/v1/consortia/%d/lists?kind=tech_needs" % LZ)
        self.assertEqual(st, 200, b)
        mine = [x for x in b["items"] if x["title"] == "命令行发布的技术需求清单"]
        self.assertEqual(len(mine), 1, b)
        self.assertEqual(mine[0]["period"], "2026H2")
        self.assertEqual(mine[0]["count"], len(self.expected_needs()))
        self.assertIn("%d" % mine[0]["id"], p.stdout)
        for bad in (["--kind", "patents", "--period", "2026"],
                    ["--kind", "tech_needs"],
                    ["--kind", "tech_needs", "--period", "26"],
                    ["--kind", "talent_needs", "--period", "2026H1"]):
            p = self.srv.cli("list", "publish", "--db", self.srv.db, "--consortium", str(LZ), *bad)
            self.assertIn(p.returncode, (1, 2), (bad, p.stdout, p.stderr))
            self.assertTrue(p.stderr.strip(), bad)
        p = self.srv.cli("list", "publish", "--db", self.srv.db, "--consortium", "99999",
                         "--kind", "core_products", "--period", "2026")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(self.lists_total(), before + 1)

    def test_downloads(self):
        lst = self.publish("tech_needs", "2026")
        st, raw = self.srv.get("/api/v1/lists/%d?format=csv" % lst["id"], raw=True)
        self.assertEqual(st, 200)
        self.assertIn("attachment", self.srv.last_headers["Content-Disposition"])
        self.assertIn(quote("技术需求清单"), self.srv.last_headers["Content-Disposition"])
        table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(table[0][:4], ["需求编号", "标题", "企业", "技术领域"])
        self.assertEqual(len(table) - 1, lst["count"])
        row = next(r for r in table[1:] if r[0] == str(self.needs["pub"]["id"]))
        self.assertEqual(row[1:4], ["清单测试需求-pub", self.sgmw_name, "检测与质量"])
        self.assertIn("已发布", row)
        st, raw = self.srv.get("/api/v1/lists/%d?format=csv&lang=en" % lst["id"], raw=True)
        table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(table[0][:4], ["Need", "Title", "Enterprise", "Field"])
        self.assertIn("Testing and quality", [c for r in table for c in r])
        st, raw = self.srv.get("/api/v1/lists/%d?format=xlsx" % lst["id"], raw=True)
        self.assertEqual(st, 200)
        self.assertEqual(raw[:2], b"PK")
        prods = self.publish("core_products", "2026")
        st, raw = self.srv.get("/api/v1/lists/%d?format=csv" % prods["id"], raw=True)
        table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(table[0][:4], ["产品编号", "产品名称", "企业", "产业链环节"])
        self.assertEqual(len(table) - 1, prods["count"])
        cjtest.assert_error(self, self.srv.get("/api/v1/lists/%d?format=pdf" % lst["id"]), 400)


if __name__ == "__main__":
    cjtest.run()
