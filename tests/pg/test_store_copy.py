#!/usr/bin/env python3
"""`chanjiao store copy` (issue 13): the demo's SQLite database copied into
a new PostgreSQL database, checked table by table by the command, then
served by two servers side by side — one on the file, one on the copy —
whose answers to every GET route of the API are compared byte for byte,
anonymously and as four of the demo's callers (platform admin, Liuzhou's
secretariat, a student, the Ministry's authority).  A second copy into the
now full database is refused and changes nothing; a copy the wrong way
round, or from a file that does not exist, is refused saying why.

The cluster is ctest's "pg" fixture (CHANJIAO_TEST_PG).  Usage:
test_store_copy.py path/to/chanjiao"""
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import cjtest  # noqa: E402
import balanced  # noqa: E402

BASE = os.environ.get("CHANJIAO_TEST_PG", "")
class StoreCopy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BASE:
            raise RuntimeError("CHANJIAO_TEST_PG is not set (ctest's pg fixture sets it)")
        cls.tmp = tempfile.mkdtemp(prefix="cjcopy-")
        cls.file = os.path.join(cls.tmp, "demo.db")
        p = cjtest.run_cli("demo", "--db", cls.file)
        assert p.returncode == 0, p.stderr
        cls.url = cjtest.new_pg_database("store_copy", BASE)
        cls.copy = cjtest.run_cli("store", "copy", "--from", cls.file, "--to", cls.url)
        cls.lite = cls.pg = None
        if cls.copy.returncode == 0:
            cls.lite = cjtest.Server(demo=True, db=cls.file)
            cls.pg = cjtest.Server(demo=True, db=cls.url)

    @classmethod
    def tearDownClass(cls):
        for s in (cls.lite, cls.pg):
            if s:
                s.stop()

    def test_the_copy_is_checked_table_by_table(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        out = self.copy.stdout
        rows = re.findall(r"^  (\w+) +(\d+) rows  sha256 [0-9a-f]{16}…  (ok|DIFFERS)$", out, re.M)
        self.assertGreater(len(rows), 60, out)
        self.assertEqual({r[2] for r in rows}, {"ok"})
        counted = {name: int(n) for name, n, _ in rows}
        self.assertEqual(counted["organizations"], int(cjtest.psql(
            self.url, "SELECT count(*) FROM organizations")))
        self.assertIn("%d tables copied" % len(rows), out)
        # The search index was built from the copied rows, the queue is empty.
        self.assertGreater(int(cjtest.psql(self.url, "SELECT count(*) FROM demand_fts")), 0)
        self.assertEqual(cjtest.psql(self.url, "SELECT count(*) FROM fts_queue").strip(), "0")

    def test_every_read_endpoint_answers_byte_for_byte_the_same(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        balanced.compare_reads(self, self.lite, self.pg)

    def test_a_target_with_data_is_refused(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        before = cjtest.psql(self.url, "SELECT count(*), max(id) FROM audit_log")
        again = cjtest.run_cli("store", "copy", "--from", self.file, "--to", self.url)
        self.assertEqual(again.returncode, 1)
        self.assertIn("已有数据", again.stderr)
        self.assertEqual(cjtest.psql(self.url, "SELECT count(*), max(id) FROM audit_log"), before)

    def test_bad_arguments_say_why(self):
        wrong = cjtest.run_cli("store", "copy", "--from", self.url, "--to", self.file)
        self.assertEqual(wrong.returncode, 1)
        self.assertIn("--from", wrong.stderr)
        missing = cjtest.run_cli("store", "copy", "--from", os.path.join(self.tmp, "none.db"),
                                 "--to", self.url)
        self.assertEqual(missing.returncode, 1)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "none.db")))
        self.assertEqual(cjtest.run_cli("store", "copy", "--from", self.file).returncode, 2)
        self.assertEqual(cjtest.run_cli("store", "move").returncode, 2)


if __name__ == "__main__":
    cjtest.run()
