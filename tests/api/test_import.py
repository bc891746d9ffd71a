"""Black-box tests of spreadsheet import: POST /api/v1/import/{entity} and
`chanjiao import` against the real binary.

    python3 tests/api/test_import.py build/chanjiao

Every test gets a fresh server holding two consortia (A and B), a platform
admin, and (added on first use) a secretariat account for each consortium.  Files are the
fixtures of tests/unit/fixtures/import/ (see make_import_fixtures.py
there); "nothing written" is checked through the API after each refused
import.
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "unit", "fixtures", "import")
C1 = "91450200MA5K1A2B3G"
ADMIN_PW = "admin-pass-2026"
SEC_PW = "secretariat-pass-2026"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fixture(name):
    with open(os.path.join(FIX, name), "rb") as f:
        return f.read()


class ImportTest(unittest.TestCase):
    def setUp(self):
        self.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        self.admin = self.srv.login("admin", ADMIN_PW)
        self.cons = {}
        for key, name in (("A", "导入测试联合体甲"), ("B", "导入测试联合体乙")):
            st, body = self.srv.post("/api/v1/consortia", {"name": name, "kind": "city",
                                                           "level": "municipal"},
                                     token=self.admin)
            self.assertEqual(st, 201, body)
            self.cons[key] = body["id"]
        self.sec = _Secretariats(self)

    def tearDown(self):
        self.srv.stop()

    # helpers

    def upload(self, entity, data, token=None, query="", ctype="text/csv"):
        path = "/api/v1/import/%s%s" % (entity, "?" + query if query else "")
        return self.srv.post(path, data, token=token, headers={"Content-Type": ctype})

    def org_total(self):
        st, body = self.srv.get("/api/v1/organizations?per_page=1", token=self.admin)
        self.assertEqual(st, 200, body)
        return body["total"]

    def org(self, name):
        st, body = self.srv.get("/api/v1/organizations?name=%s" % _q(name), token=self.admin)
        self.assertEqual(st, 200, body)
        self.assertEqual(body["total"], 1, body)
        return body["items"][0]

    def member_total(self, cid):
        st, body = self.srv.get("/api/v1/memberships?consortium_id=%d&per_page=1" % cid,
                                token=self.admin)
        self.assertEqual(st, 200, body)
        return body["total"]

    def import_orgs_zh(self):
        st, body = self.upload("organizations", fixture("orgs_zh.csv"), token=self.admin)
        self.assertEqual(st, 200, body)
        return body

    # good files

    def test_chinese_csv_then_members_composition(self):
        body = self.import_orgs_zh()
        self.assertEqual({k: body[k] for k in ("rows", "imported", "dry_run", "encoding", "mode", "created")},
                         {"rows": 3, "imported": 3, "dry_run": False, "encoding": "UTF-8", "mode": "create", "created": 3})
        self.assertEqual([o["action"] for o in body["outcomes"]], ["create"] * 3)
        o = self.org("柳州示例汽车零部件有限公司")
        self.assertEqual((o["type"], o["credit_code"], o["region_code"]),
                         ("enterprise", C1, "450200"))
        a = self.cons["A"]
        st, body = self.upload("members", fixture("members_zh.csv"), token=self.sec["A"],
                               query="consortium_id=%d" % a)
        self.assertEqual(st, 200, body)
        self.assertEqual((body["rows"], body["imported"]), (4, 4))
        st, comp = self.srv.get("/api/v1/consortia/%d/composition" % a)
        self.assertEqual(st, 200, comp)
        self.assertEqual(comp["total"], 3)  # the college holds two roles, counted once
        self.assertEqual(comp["by_type"]["enterprise"], 1)
        self.assertEqual(comp["by_type"]["higher_vocational"], 1)
        self.assertEqual(comp["by_type"]["government"], 1)
        self.assertEqual(sum(comp["by_type"].values()), 3)
        # one summary audit entry per import, visible to the secretariat
        st, audit = self.srv.get("/api/v1/audit?action=import", token=self.sec["A"])
        self.assertEqual(st, 200, audit)
        self.assertEqual(audit["total"], 1, audit)

    def test_english_headers(self):
        st, body = self.upload("organizations", fixture("orgs_en.csv"), token=self.admin)
        self.assertEqual(st, 200, body)
        self.assertEqual(body["imported"], 3)
        self.assertEqual(self.org("Example Vocational College")["type"], "higher_vocational")

    def test_bom_crlf(self):
        st, body = self.upload("organizations", fixture("orgs_bom_crlf.csv"), token=self.sec["B"])
        self.assertEqual(st, 200, body)  # any secretariat may register new units
        self.assertEqual((body["imported"], body["encoding"]), (2, "UTF-8"))
        self.assertEqual(self.org("示例汽车装备有限公司")["address"], "柳州市, 柳东新区")

    def test_gb18030_and_dry_run(self):
        st, body = self.upload("organizations", fixture("orgs_gb18030.csv"), token=self.admin,
                               query="dry_run=1")
        self.assertEqual(st, 200, body)
        self.assertEqual({k: body[k] for k in ("rows", "imported", "dry_run", "encoding", "created")},
                         {"rows": 3, "imported": 3, "dry_run": True, "encoding": "GB18030", "created": 3})
        self.assertEqual(self.org_total(), 0)  # a dry run writes nothing
        st, body = self.upload("organizations", fixture("orgs_gb18030.csv"), token=self.admin)
        self.assertEqual((st, body["encoding"]), (200, "GB18030"), body)
        self.assertEqual(self.org("示例市教育局")["type"], "government")

    def test_xlsx_numeric_cells(self):
        # detected from the ZIP bytes even when sent as octet-stream
        st, body = self.upload("organizations", fixture("orgs.xlsx"), token=self.admin,
                               ctype="application/octet-stream")
        self.assertEqual(st, 200, body)
        self.assertEqual((body["imported"], body["encoding"]), (2, "XLSX"))
        self.assertEqual(self.org("示例技师学院")["region_code"], "450100")
        self.import_orgs_zh()
        st, body = self.upload("members", fixture("members.xlsx"), token=self.admin,
                               query="consortium_id=%d&format=xlsx" % self.cons["A"],
                               ctype=XLSX_TYPE)
        self.assertEqual(st, 200, body)
        st, items = self.srv.get("/api/v1/memberships?consortium_id=%d&role=member"
                                 % self.cons["A"], token=self.admin)
        self.assertEqual(items["total"], 1, items)
        self.assertEqual(items["items"][0]["term"], 2)
        self.assertEqual(items["items"][0]["joined_on"], "2024-05-01")

    # bad files

    def test_bad_rows_422_nothing_written(self):
        err = cjtest.assert_error(self, self.upload("organizations", fixture("orgs_bad.csv"),
                                                    token=self.admin), 422, "validation_failed")
        rows = err["details"]["rows"]
        self.assertEqual([(r["line"], r["field"]) for r in rows],
                         [(3, "name"), (4, "type"), (5, "credit_code"), (6, "region_code"),
                          (8, "credit_code")])
        self.assertTrue(all(r["message"] for r in rows))
        self.assertEqual(err["details"]["bad_rows"], 5)
        self.assertEqual(self.org_total(), 0)

    def test_bad_member_rows_422(self):
        self.import_orgs_zh()
        a = self.cons["A"]
        err = cjtest.assert_error(self, self.upload("members", fixture("members_bad.csv"),
                                                    token=self.sec["A"],
                                                    query="consortium_id=%d" % a), 422)
        self.assertEqual([(r["line"], r["field"]) for r in err["details"]["rows"]],
                         [(2, "organization_id"), (4, "role"), (5, "role"), (6, "term")])
        self.assertIn("不存在的单位", err["details"]["rows"][0]["message"])
        self.assertEqual(self.member_total(a), 0)

    def test_unreadable_and_bad_requests(self):
        # not a workbook, though it says it is
        cjtest.assert_error(self, self.upload("organizations", b"PK\x03\x04garbage",
                                              token=self.admin), 400)
        cjtest.assert_error(self, self.upload("organizations", b"name,type\n\"open,quote\n",
                                              token=self.admin), 400)
        cjtest.assert_error(self, self.upload("organizations", b"", token=self.admin), 400)
        cjtest.assert_error(self, self.upload("organizations", fixture("orgs_zh.csv"),
                                              token=self.admin, query="format=ods"), 400)
        cjtest.assert_error(self, self.upload("organizations", fixture("orgs_zh.csv"),
                                              token=self.admin, query="dry_run=maybe"), 400)
        # members need their consortium
        err = cjtest.assert_error(self, self.upload("members", fixture("members_zh.csv"),
                                                    token=self.admin), 400)
        self.assertIn("consortium_id", err["details"])
        cjtest.assert_error(self, self.upload("members", fixture("members_zh.csv"),
                                              token=self.admin, query="consortium_id=999"), 404)
        cjtest.assert_error(self, self.upload("users", fixture("orgs_zh.csv"), token=self.admin),
                            404)
        # a header problem is a 422 naming line 1
        err = cjtest.assert_error(self, self.upload("organizations", "单位名称,颜色\n甲,红\n",
                                                    token=self.admin), 422)
        self.assertEqual({r["line"] for r in err["details"]["rows"]}, {1})
        st, _ = self.srv.get("/api/v1/import/organizations", token=self.admin)
        self.assertEqual(st, 405)
        self.assertEqual(self.org_total(), 0)

    # permissions

    def test_permissions(self):
        self.import_orgs_zh()
        a = self.cons["A"]
        cjtest.assert_error(self, self.upload("organizations", fixture("orgs_en.csv")), 401,
                            "unauthorized")
        cjtest.assert_error(self, self.upload("members", fixture("members_zh.csv"),
                                              query="consortium_id=%d" % a), 401)
        # the secretariat of B may not import into A
        cjtest.assert_error(self, self.upload("members", fixture("members_zh.csv"),
                                              token=self.sec["B"], query="consortium_id=%d" % a),
                            403, "forbidden")
        self.assertEqual(self.member_total(a), 0)
        st, body = self.upload("members", fixture("members_zh.csv"), token=self.sec["B"],
                               query="consortium_id=%d" % self.cons["B"])
        self.assertEqual(st, 200, body)

    # the command line

    def cli_import(self, *args):
        return self.srv.cli("import", *args, "--db", self.srv.db)

    def test_cli(self):
        p = self.cli_import("organizations", os.path.join(FIX, "orgs_bad.csv"))
        self.assertEqual(p.returncode, 1, p.stderr)
        # each error names the column as the file heads it (issue 16)
        for line, head in ((3, "单位名称"), (4, "单位类型"), (5, "统一社会信用代码"),
                           (6, "行政区划代码"), (8, "统一社会信用代码")):
            self.assertIn("第 %d 行 (line %d): “%s”列 (column “%s”): " % (line, line, head, head),
                          p.stderr)
        self.assertNotIn("第 2 行 (line 2)", p.stderr)
        self.assertNotIn("第 7 行 (line 7)", p.stderr)
        self.assertEqual(self.org_total(), 0)

        p = self.cli_import("organizations", os.path.join(FIX, "orgs_zh.csv"), "--dry-run")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.org_total(), 0)
        p = self.cli_import("organizations", os.path.join(FIX, "orgs_gb18030.csv"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("3", p.stdout)
        self.assertEqual(self.org_total(), 3)

        a = str(self.cons["A"])
        p = self.cli_import("members", os.path.join(FIX, "members.xlsx"), "--consortium", a)
        self.assertEqual(p.returncode, 0, p.stderr)
        st, comp = self.srv.get("/api/v1/consortia/%s/composition" % a)
        self.assertEqual(comp["total"], 2, comp)
        p = self.cli_import("members", os.path.join(FIX, "members_bad.csv"), "--consortium", a)
        self.assertEqual(p.returncode, 1)
        self.assertIn("第 2 行 (line 2)", p.stderr)
        self.assertIn("不存在的单位", p.stderr)

    def test_cli_usage(self):
        f = os.path.join(FIX, "orgs_zh.csv")
        for args in (("import", "organizations", f),                      # no --db
                     ("import", "organizations", "--db", self.srv.db),     # no file
                     ("import", "teachers", f, "--db", self.srv.db),
                     ("import", "members", f, "--db", self.srv.db),        # no --consortium
                     ("import", "members", f, "--db", self.srv.db, "--consortium", "x"),
                     ("import", "organizations", f, "--db", self.srv.db, "--frobnicate")):
            p = cjtest.run_cli(*args)
            self.assertEqual(p.returncode, 2, (args, p.stderr))
            self.assertIn("usage", p.stderr)
        p = cjtest.run_cli("import", "organizations", os.path.join(FIX, "none.csv"), "--db",
                           self.srv.db)
        self.assertEqual(p.returncode, 1)

    def test_cli_caps_the_list_and_shows_progress(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.csv")
            with open(bad, "w", encoding="utf-8") as f:
                f.write("单位名称,单位类型\n")
                # Each row a different bad word: a repeated one is one entry.
                for i in range(250):
                    f.write("坏单位%03d,工厂%03d\n" % (i, i))
            p = self.cli_import("organizations", bad)
            self.assertEqual(p.returncode, 1)
            self.assertEqual(p.stderr.count("(line "), 200)
            self.assertIn("第 201 行", p.stderr.split("\n")[199])
            self.assertIn("and 50 more", p.stderr)
            # a large file shows progress even off a terminal
            big = os.path.join(d, "big.csv")
            with open(big, "w", encoding="utf-8") as f:
                f.write("单位名称,单位类型,地址\n")
                pad = "广西壮族自治区柳州市柳东新区新能源汽车产业园" * 2
                for i in range(45000):
                    f.write("进度测试单位%05d,企业,%s%d号\n" % (i, pad, i))
            self.assertGreater(os.path.getsize(big), 4 << 20)
            p = self.cli_import("organizations", big)
            self.assertEqual(p.returncode, 0, p.stderr[-2000:])
            self.assertIn("导入中 (importing) 100% — 45000/45000 行", p.stderr)
            self.assertEqual(self.org_total(), 45000)


    def indexes(self, table):
        if self.srv.pg_db:
            rows = self.srv.query("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ?",
                                  table)
        else:
            rows = self.srv.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                  "tbl_name = ?", table)
        return sorted(tuple(r) for r in rows)

    def test_a_large_load_sets_indexes_aside_and_builds_them_again(self):
        """A load of at least 50 000 rows into a table that held fewer
        drops the table's non-unique indexes at the 50 000th row (SQLite)
        and builds them again before its commit; a load that fails brings
        them back with the rollback.  Either way the table's indexes are
        the same afterwards, and the loaded rows are found through them."""
        before = self.indexes("organizations")
        self.assertIn("organizations_type", [name for name, _ in before])
        total = self.org_total()
        with tempfile.TemporaryDirectory() as d:
            bad = _units_csv(d, "bad.csv", (("大批导入单位%05d" % i, "企业" if i < 59999 else "工厂")
                                            for i in range(60000)))
            p = self.cli_import("organizations", bad)
            self.assertEqual(p.returncode, 1, p.stderr[-500:])
            self.assertIn("第 60001 行", p.stderr)
            self.assertEqual(self.indexes("organizations"), before)
            self.assertEqual(self.org_total(), total, "nothing of the failed load stays")
            good = _units_csv(d, "good.csv", (("大批导入单位%05d" % i, "企业" if i % 2 else "高职院校")
                                              for i in range(60000)))
            p = self.cli_import("organizations", good)
            self.assertEqual(p.returncode, 0, p.stderr[-500:])
        self.assertEqual(self.indexes("organizations"), before)
        self.assertEqual(self.org_total(), total + 60000)
        self.assertEqual(self.org("大批导入单位59999")["type"], "enterprise")
        st, body = self.srv.get("/api/v1/organizations?type=higher_vocational&q=%s&per_page=1" %
                                _q("大批导入单位"), token=self.admin)
        self.assertEqual((st, body["total"]), (200, 30000), body)

    def test_a_row_the_database_refuses_is_named_by_its_line(self):
        """A row that passes every rule but that the database refuses (here
        a unique index the rules know nothing of) fails the import on its
        own line, and nothing of the file stays.  On PostgreSQL the rows go
        by COPY in groups of 2 000, each answered while the next is made:
        the refused row (line 3 502) is in the second group, answered only
        after the third was begun."""
        self.srv.query("CREATE UNIQUE INDEX refuse_twins ON organizations(type) "
                       "WHERE name IN ('拒收单位甲', '拒收单位乙')")
        total = self.org_total()
        with tempfile.TemporaryDirectory() as d:
            path = _units_csv(d, "twins.csv", (
                ({2600: "拒收单位甲", 3500: "拒收单位乙"}.get(i, "分组单位%05d" % i), "企业")
                for i in range(7000)))
            p = self.cli_import("organizations", path)
        self.assertEqual(p.returncode, 1, p.stderr[-500:])
        self.assertIn("第 3502 行", p.stderr)
        self.assertNotIn("第 3501 行", p.stderr)
        self.assertEqual(self.org_total(), total, "nothing of the refused file stays")


class _Secretariats:
    """sec["A"]: a token of consortium A's secretariat, its account added
    with `chanjiao user add` on first use (password hashing is slow)."""

    def __init__(self, test):
        self.test, self.tokens = test, {}

    def __getitem__(self, key):
        if key not in self.tokens:
            t = self.test
            user = "sec_" + key.lower()
            t.srv.cli("user", "add", "--db", t.srv.db, "--username", user, "--role",
                      "secretariat", "--consortium", str(t.cons[key]), input=SEC_PW + "\n",
                      check=True)
            self.tokens[key] = t.srv.login(user, SEC_PW)
        return self.tokens[key]


def _units_csv(d, name, rows):
    """A units file d/name: its header, then each (name, type) of rows."""
    path = os.path.join(d, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("单位名称,单位类型\n")
        f.writelines("%s,%s\n" % row for row in rows)
    return path


def _q(s):
    from urllib.parse import quote
    return quote(s)


if __name__ == "__main__":
    cjtest.run()
