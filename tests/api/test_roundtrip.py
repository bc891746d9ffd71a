"""Black-box round trips of every importable entity (issue 15: "every
entity's export re-imports unchanged into an empty database and as an
update into a full one").

With the demo data: each import kind is exported as CSV and as XLSX
(GET /api/v1/{entity}?format=…, which opens with the 编号 id column) and

- imported into an empty database (its consortia made by hand, in the
  same order: consortia are not imported), kind after kind so that
  references resolve; the empty database's own export then holds the same
  records (compared as sheets without the id column: references are
  written as names, credit codes and student numbers, which is how two
  databases' ids can be compared at all);
- imported back into the full database with mode=update&dry_run=1: every
  row "unchanged";
- edited (one cell of one row) and imported with mode=update: that row
  "update", the others "unchanged", and the change lands;
- for the kinds without a natural key (demand, placements, …) imported
  twice with mode=upsert, with and without the id column: no doubling;
  mode=create of the same file: "已存在 (already exists)".

Plus the modes' errors: a bad mode is a 400, an id naming no row is a row
error, update mode adds no rows.
"""
import csv
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ADMIN_PW = "admin-pass-2026"
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# (import kind, entity, how the consortium is given, column to edit).
# Order matters: a kind's references must be imported before it.
KINDS = [
    ("organizations", "organizations", "none", "address"),
    ("members", "memberships", "each", "note"),
    ("crosswalk", "crosswalk", "shared", "note"),
    ("occupations", "occupations", "catalogue", None),
    ("majors", "majors", "catalogue", None),
    ("demand", "demand", "each", "description"),
    ("supply", "supply", "each", "note"),
    ("students", "students", "each", "skills"),
    ("placements", "placements", "each", "evaluation"),
    ("employment_outcomes", "employment_outcomes", "each", "note"),
    ("certificates", "certificates", "each", "issuer"),
    ("trainings", "trainings", "each", "note"),
]
NO_NATURAL_KEY = ("demand", "placements", "employment_outcomes", "trainings")


def route(entity):
    return entity.replace("_", "-")


def sheet(data):
    """CSV bytes → list of rows (lists of cells), BOM dropped."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_bytes(rows):
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode()


def without_id(rows):
    """Rows without the id column, sorted (two databases list ties in
    their own order)."""
    assert rows[0][0] == "编号", rows[0]
    return [rows[0][1:]] + sorted(r[1:] for r in rows[1:])


class RoundTripTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.full = cjtest.Server(demo=True)
        cls.tok = cls.full.login("admin")
        st, body = cls.full.get("/api/v1/meta/entities", token=cls.tok)
        assert st == 200, body
        cls.meta = {e["name"]: e for e in body["items"]}
        st, body = cls.full.get("/api/v1/consortia?per_page=100&sort=id", token=cls.tok)
        assert st == 200, body
        cls.consortia = body["items"]

    @classmethod
    def tearDownClass(cls):
        cls.full.stop()

    # ---- helpers -------------------------------------------------------

    def export(self, srv, tok, entity, query, fmt="csv"):
        st, data = srv.get("/api/v1/%s?format=%s%s" % (route(entity), fmt, query), token=tok,
                           raw=True)
        self.assertEqual(st, 200, data[:300])
        return data

    def upload(self, srv, tok, kind, data, query, fmt="csv"):
        return srv.post("/api/v1/import/%s?%s" % (kind, query), data, token=tok,
                        headers={"Content-Type": XLSX_TYPE if fmt == "xlsx" else CSV_TYPE})

    def scopes(self, mode):
        """(export query, import query) pairs for a kind's consortium mode."""
        if mode == "none":
            return [("", "")]
        if mode == "shared":
            return [("", "")]
        if mode == "catalogue":
            return [("", "catalogue")]
        return [("&consortium_id=%d" % c["id"], "consortium_id=%d" % c["id"])
                for c in self.consortia]

    def import_query(self, srv, tok, kind, entity, iq, data, fmt):
        if iq != "catalogue":
            return iq
        # A catalogue import names its edition: the one the sheet holds.
        if fmt == "xlsx":
            data = self.export(srv, tok, entity, "")
        rows = sheet(data)
        col = rows[0].index(self.meta[entity]["fields"][[f["name"] for f in
                            self.meta[entity]["fields"]].index("edition")]["label_zh"])
        return "edition=%s" % rows[1][col]

    def empty_server(self):
        srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        tok = srv.login("admin", ADMIN_PW)
        ro = {"id", "created_at", "updated_at"}
        for c in self.consortia:
            # The profile's units (lead school …) come with the organisations
            # imported later, so the empty database's consortia leave them out.
            body = {k: v for k, v in c.items() if k not in ro and v is not None
                    and not self.readonly("consortia", k)
                    and self.ref("consortia", k) != "organizations"}
            st, made = srv.post("/api/v1/consortia", body, token=tok)
            self.assertEqual(st, 201, made)
            self.assertEqual(made["id"], c["id"])
        return srv, tok

    def readonly(self, entity, field):
        for f in self.meta[entity]["fields"]:
            if f["name"] == field:
                return f.get("readonly", False)
        return True

    def ref(self, entity, field):
        for f in self.meta[entity]["fields"]:
            if f["name"] == field:
                return f.get("ref")
        return None

    def label(self, entity, field):
        for f in self.meta[entity]["fields"]:
            if f["name"] == field:
                return f["label_zh"]
        raise KeyError(field)

    # ---- the tests -----------------------------------------------------

    def test_empty_database_gets_the_same_records(self):
        for fmt in ("csv", "xlsx"):
            srv, tok = self.empty_server()
            try:
                seen = 0
                for kind, entity, mode, _ in KINDS:
                    for eq, iq in self.scopes(mode):
                        with self.subTest(fmt=fmt, kind=kind, scope=eq):
                            data = self.export(self.full, self.tok, entity, eq, fmt)
                            q = self.import_query(self.full, self.tok, kind, entity, iq, data, fmt)
                            st, body = self.upload(srv, tok, kind, data, q, fmt)
                            self.assertEqual(st, 200, body)
                            if mode == "catalogue":  # shipped in both: nothing new
                                self.assertEqual(body["unchanged"], body["rows"], body)
                            else:
                                self.assertEqual(body["created"], body["rows"], body)
                            seen += body["rows"]
                            want = without_id(sheet(self.export(self.full, self.tok, entity, eq)))
                            got = without_id(sheet(self.export(srv, tok, entity, eq)))
                            self.assertEqual(got, want)
                self.assertGreater(seen, 1000)
            finally:
                srv.stop()

    def test_full_database_update_dry_run_is_unchanged(self):
        for kind, entity, mode, _ in KINDS:
            for eq, iq in self.scopes(mode):
                for fmt in ("csv", "xlsx"):
                    with self.subTest(kind=kind, scope=eq, fmt=fmt):
                        data = self.export(self.full, self.tok, entity, eq, fmt)
                        q = self.import_query(self.full, self.tok, kind, entity, iq, data, fmt)
                        q = (q + "&" if q else "") + "mode=update&dry_run=1"
                        st, body = self.upload(self.full, self.tok, kind, data, q, fmt)
                        self.assertEqual(st, 200, body)
                        self.assertEqual(body["mode"], "update")
                        self.assertEqual(body["unchanged"], body["rows"], body)
                        self.assertEqual((body["created"], body["updated"]), (0, 0))
                        listed = body["outcomes"]
                        self.assertEqual(len(listed), min(body["rows"], 1000))
                        self.assertTrue(all(o["action"] == "unchanged" for o in listed))

    def test_edited_cell_is_an_update(self):
        for kind, entity, mode, field in KINDS:
            if not field:
                continue
            eq, iq = self.scopes(mode)[0]
            with self.subTest(kind=kind):
                rows = sheet(self.export(self.full, self.tok, entity, eq))
                if len(rows) < 3:
                    self.skipTest("no %s in the demo" % kind)
                col = rows[0].index(self.label(entity, field))
                row_id = int(rows[1][0])
                rows[1][col] = "-改过的 %s" % kind  # a leading '-' survives too
                q = (iq + "&" if iq else "") + "mode=update"
                st, body = self.upload(self.full, self.tok, kind, csv_bytes(rows), q)
                self.assertEqual(st, 200, body)
                self.assertEqual((body["updated"], body["unchanged"]), (1, len(rows) - 2), body)
                first = [o for o in body["outcomes"] if o["line"] == 2][0]
                self.assertEqual(first, {"line": 2, "action": "update", "id": row_id})
                st, row = self.full.get("/api/v1/%s/%d" % (route(entity), row_id), token=self.tok)
                self.assertEqual(st, 200, row)
                self.assertEqual(row[field], "-改过的 %s" % kind)
                # the update is audited with its before and after
                st, log = self.full.get("/api/v1/audit?entity=%s&entity_id=%d&action=update"
                                        % (entity, row_id), token=self.tok)
                self.assertEqual(st, 200, log)
                self.assertEqual(log["items"][0]["after"][field], "-改过的 %s" % kind)

    def test_no_natural_key_no_doubling(self):
        for kind in NO_NATURAL_KEY:
            entity = kind
            for eq, iq in self.scopes("each")[:1]:
                with self.subTest(kind=kind):
                    rows = sheet(self.export(self.full, self.tok, entity, eq))
                    n = len(rows) - 1
                    if not n:
                        continue
                    plain = csv_bytes([r[1:] for r in rows])  # no id: by content
                    for data in (csv_bytes(rows), plain, plain):
                        st, body = self.upload(self.full, self.tok, kind, data,
                                               iq + "&mode=upsert")
                        self.assertEqual(st, 200, body)
                        self.assertEqual((body["created"], body["unchanged"]), (0, n), body)
                    st, body = self.upload(self.full, self.tok, kind, plain, iq)
                    self.assertEqual(st, 422, body)
                    self.assertIn("已存在：", body["error"]["details"]["rows"][0]["message"])
                    st, b2 = self.full.get("/api/v1/%s?per_page=1%s" % (route(entity), eq),
                                           token=self.tok)
                    self.assertEqual(b2["total"], n)

    def test_mode_errors(self):
        rows = sheet(self.export(self.full, self.tok, "organizations", ""))
        st, body = self.upload(self.full, self.tok, "organizations", csv_bytes(rows), "mode=merge")
        self.assertEqual(st, 400, body)
        self.assertIn("mode", body["error"]["details"])
        # an id that names no row, and a new row in update mode: row errors
        edited = [rows[0], list(rows[1]), list(rows[2])]
        edited[1][0] = "999999"
        name = rows[0].index(self.label("organizations", "name"))
        code = rows[0].index(self.label("organizations", "credit_code"))
        edited[2][0], edited[2][name], edited[2][code] = "", "从未登记的单位", ""
        st, body = self.upload(self.full, self.tok, "organizations", csv_bytes(edited),
                               "mode=update")
        self.assertEqual(st, 422, body)
        errs = {(e["line"], e["field"]) for e in body["error"]["details"]["rows"]}
        self.assertIn((2, "id"), errs)
        self.assertTrue(any(e["line"] == 3 and "不存在" in e["message"]
                            for e in body["error"]["details"]["rows"]), body)
        # create mode ignores the id column: the exported file is "already exists"
        st, body = self.upload(self.full, self.tok, "organizations", csv_bytes(rows[:2]), "")
        self.assertEqual(st, 422, body)
        self.assertIn("已存在", body["error"]["details"]["rows"][0]["message"])


if __name__ == "__main__":
    cjtest.run()
