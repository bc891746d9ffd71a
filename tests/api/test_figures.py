"""Every figure of docs/figures.md, against a fresh --demo server.

The table in docs/figures.md is the test's input: each row names a figure
the seed reports quote, the value the demo gives, the API call, the account
to make it as and the JSON path that shows the value.  This test parses
the table, makes every call and asserts the value, so the page cannot drift
from the data (and a demo change that breaks a reported figure fails here).

    python3 tests/api/test_figures.py build/chanjiao
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "figures.md")

PASSWORDS = dict(cjtest.DEMO_PASSWORDS, changchun_sec="secretariat-demo-2026",
                 auto_equip_sec="secretariat-demo-2026", jjj_sec="secretariat-demo-2026")


def strip_code(cell):
    cell = cell.strip()
    if cell.startswith("`") and cell.endswith("`"):
        return cell[1:-1]
    return cell


def table_rows(path=DOC):
    """The rows of the figures table: dicts id, figure, demo, call, as, path."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 6 or not re.fullmatch(r"[A-Z]+\d+", cells[0]):
                continue
            rows.append({"id": cells[0], "figure": cells[1], "demo": cells[2],
                         "call": strip_code(cells[3]), "as": cells[4],
                         "path": strip_code(cells[5])})
    return rows


# ---- paths: a, a.b, [0], [*], [k=v]; count(), sum(), distinct() -------------

SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")


def select(doc, path):
    """Every value the path reaches from doc (a node set)."""
    nodes = [doc]
    for m in SEGMENT.finditer(path):
        key, sel = m.group(1), m.group(2)
        out = []
        for n in nodes:
            if key is not None:
                if isinstance(n, dict) and key in n:
                    out.append(n[key])
            elif sel == "*":
                if isinstance(n, list):
                    out.extend(n)
            elif re.fullmatch(r"-?\d+", sel):
                if isinstance(n, list) and -len(n) <= int(sel) < len(n):
                    out.append(n[int(sel)])
            elif "=" in sel:
                k, v = sel.split("=", 1)
                if isinstance(n, list):
                    out.extend(x for x in n if isinstance(x, dict) and str(x.get(k)) == v)
            else:
                raise ValueError("bad selector [%s] in %s" % (sel, path))
        nodes = out
    return nodes


def evaluate(doc, path):
    m = re.fullmatch(r"(count|sum|distinct)\((.*)\)", path)
    if m:
        fn, inner = m.groups()
        nodes = select(doc, inner)
        if fn == "count":
            return len(nodes)
        if fn == "sum":
            return sum(n or 0 for n in nodes)
        flat = set()
        for n in nodes:
            flat.update(n if isinstance(n, list) else [n])
        return len(flat)
    nodes = select(doc, path)
    if len(nodes) != 1:
        raise AssertionError("path %s reaches %d values, not one" % (path, len(nodes)))
    return nodes[0]


def expected_value(text):
    if text == "true":
        return True
    if text == "false":
        return False
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


class PathTest(unittest.TestCase):
    """The little path language itself."""

    def test_paths(self):
        doc = {"total": 3, "items": [{"role": "chair", "n": 2, "p": [1, 2]},
                                     {"role": "member", "n": 5, "p": [2, 3]}]}
        self.assertEqual(evaluate(doc, "total"), 3)
        self.assertEqual(evaluate(doc, "items[role=chair].n"), 2)
        self.assertEqual(evaluate(doc, "items[1].n"), 5)
        self.assertEqual(evaluate(doc, "count(items[role=member])"), 1)
        self.assertEqual(evaluate(doc, "count(items[role=none])"), 0)
        self.assertEqual(evaluate(doc, "sum(items[*].n)"), 7)
        self.assertEqual(evaluate(doc, "distinct(items[*].p)"), 3)
        with self.assertRaises(AssertionError):
            evaluate(doc, "items[*].n")

    def test_the_doc_has_the_rows_the_issue_names(self):
        rows = table_rows()
        ids = [r["id"] for r in rows]
        self.assertEqual(len(ids), len(set(ids)), "row ids are unique")
        by_id = {r["id"]: r for r in rows}
        # Liuzhou 84 = 8/59/7/6/2/2, Changchun's 13 signatories, the national
        # community's 66, Beijing–Tianjin–Hebei 4/25/3/28, the pair's figures.
        for rid, demo in [("LZ1", "84"), ("LZ2", "8"), ("LZ3", "59"), ("LZ4", "7"), ("LZ5", "6"),
                          ("LZ6", "2"), ("LZ7", "2"), ("CC9", "13"), ("AE1", "66"),
                          ("JJJ2", "4"), ("JJJ3", "25"), ("JJJ4", "3"), ("GX7", "37"),
                          ("GX6", "2946"), ("GX12", "1175")]:
            self.assertEqual(by_id[rid]["demo"], demo, rid)
        self.assertEqual(int(by_id["JJJ5"]["demo"]) + int(by_id["JJJ6"]["demo"]), 28)
        self.assertGreaterEqual(int(by_id["GX15"]["demo"]) + int(by_id["GX16"]["demo"]), 20)
        for rid in ("GX1", "GX2", "GX3", "GX4"):
            self.assertLessEqual(abs(int(by_id[rid]["demo"]) - 200), 10, rid)


class Figures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.tokens = {}

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def token(self, who):
        if who in ("", "—", "-"):
            return None
        if who not in self.tokens:
            self.tokens[who] = self.srv.login(who, PASSWORDS[who])
        return self.tokens[who]

    def test_every_figure_in_the_doc(self):
        rows = table_rows()
        self.assertGreater(len(rows), 40)
        for r in rows:
            with self.subTest(row=r["id"], figure=r["figure"]):
                method, _, target = r["call"].partition(" ")
                self.assertEqual(method, "GET", r)
                st, body = self.srv.get(target, token=self.token(r["as"]))
                self.assertEqual(st, 200, (r["id"], target, body))
                value = evaluate(body, r["path"])
                demo = r["demo"]
                if demo.startswith("∋"):
                    self.assertIsInstance(value, list, r["id"])
                    self.assertIn(expected_value(demo[1:].strip()), value, r["id"])
                else:
                    self.assertEqual(value, expected_value(demo), r["id"])

    def test_account_rows_are_not_public(self):
        # A row that needs an account shows nothing without one (the figure
        # is not leaked by the anonymous call).
        for r in table_rows():
            if r["as"] in ("", "—", "-"):
                continue
            with self.subTest(row=r["id"]):
                st, body = self.srv.get(r["call"].split(" ", 1)[1])
                if st == 200:
                    self.assertNotEqual(evaluate(body, r["path"]) if "total" == r["path"] else None,
                                        expected_value(r["demo"]), r["id"])
                else:
                    self.assertIn(st, (401, 403, 404), r["id"])


if __name__ == "__main__":
    cjtest.run()
