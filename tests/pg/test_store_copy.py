#!/usr/bin/env python3
"""`chanjiao store copy` (issue 13), both ways: the demo's SQLite database
copied into a new PostgreSQL database, and that database copied back into
a new SQLite file, each checked table by table by the command; then three
servers — on the file, on the PostgreSQL copy, on the copy back — whose
answers to every GET route of the API are compared byte for byte,
anonymously and as four of the demo's callers (platform admin, Liuzhou's
secretariat, a student, the Ministry's authority): the file against
PostgreSQL, PostgreSQL against the copy back.  The copy back has the
file's schema (its triggers back), running totals counted once and its
search indexes rebuilt.

Refused, with exit status 2 and the target unchanged: a target that holds
data (either way), a source a newer binary migrated (either way), two
databases of the same kind, a missing argument.  A copy back that fails
half way leaves no file behind when it created one, and an empty file
without the data.

The cluster is ctest's "pg" fixture (CHANJIAO_TEST_PG).  Usage:
test_store_copy.py path/to/chanjiao"""
import hashlib
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import cjtest  # noqa: E402
import balanced  # noqa: E402

BASE = os.environ.get("CHANJIAO_TEST_PG", "")
CHECKED = re.compile(r"^  (\w+) +(\d+) rows  sha256 [0-9a-f]{16}…  (ok|DIFFERS)$", re.M)


def checked_tables(out):
    """{table: rows} of a copy's report, and the set of its verdicts."""
    rows = CHECKED.findall(out)
    return {name: int(n) for name, n, _ in rows}, {r[2] for r in rows}


def file_state(path):
    """What a refused copy must not change: the file's bytes (None when
    absent) and the names in its folder."""
    data = None
    if os.path.exists(path):
        with open(path, "rb") as f:
            data = hashlib.sha256(f.read()).hexdigest()
    return data, sorted(os.listdir(os.path.dirname(path)))


def lite_query(path, sql):
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def copy(src, dst):
    return cjtest.run_cli("store", "copy", "--from", src, "--to", dst)


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
        cls.copy = copy(cls.file, cls.url)
        # Before any server writes: the pages of each table that are not
        # all-visible (test_the_copied_rows_are_written_frozen).
        cls.not_visible = cjtest.psql(
            cls.url, "SELECT relname || ' ' || relpages || ' ' || relallvisible FROM pg_class "
                     "WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace "
                     "AND relallvisible < relpages ORDER BY 1")
        cls.server_version = int(cjtest.psql(cls.url, "SHOW server_version_num"))
        # Back, before any server wrote to the PostgreSQL copy.
        cls.back_file = os.path.join(cls.tmp, "back.db")
        cls.back = copy(cls.url, cls.back_file)
        cls.lite = cls.pg = cls.lite_back = None
        if cls.copy.returncode == 0:
            cls.lite = cjtest.Server(demo=True, db=cls.file)
            cls.pg = cjtest.Server(demo=True, db=cls.url)
        if cls.back.returncode == 0:
            cls.lite_back = cjtest.Server(demo=True, db=cls.back_file)

    @classmethod
    def tearDownClass(cls):
        for s in (cls.lite, cls.pg, cls.lite_back):
            if s:
                s.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def new_demo_file(self, name):
        path = os.path.join(self.tmp, name)
        p = cjtest.run_cli("demo", "--db", path)
        self.assertEqual(p.returncode, 0, p.stderr)
        return path

    # ---- SQLite -> PostgreSQL ------------------------------------------------

    def test_the_copy_is_checked_table_by_table(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        counted, verdicts = checked_tables(self.copy.stdout)
        self.assertGreater(len(counted), 60, self.copy.stdout)
        self.assertEqual(verdicts, {"ok"})
        self.assertEqual(counted["organizations"], int(cjtest.psql(
            self.url, "SELECT count(*) FROM organizations")))
        self.assertIn("%d tables copied" % len(counted), self.copy.stdout)
        # The search index was built from the copied rows, the queue is empty.
        self.assertGreater(int(cjtest.psql(self.url, "SELECT count(*) FROM demand_fts")), 0)
        self.assertEqual(cjtest.psql(self.url, "SELECT count(*) FROM fts_queue").strip(), "0")

    def test_the_copy_has_the_indexes_of_a_new_database(self):
        # The copy drops the indexes that enforce nothing and builds them
        # from the finished tables: each one must be back, as defined.
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        fresh = cjtest.new_pg_database("store_copy_fresh", BASE)
        p = cjtest.run_cli("user", "add", "--db", fresh, "--username", "fresh",
                           "--role", "platform_admin", input="fresh-password-1\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        indexes = ("SELECT tablename || ' ' || indexname || ' ' || indexdef FROM pg_indexes "
                   "WHERE schemaname = current_schema() ORDER BY 1")
        have, want = cjtest.psql(self.url, indexes), cjtest.psql(fresh, indexes)
        self.assertIn("demand_fts_doc", want)
        self.assertIn("demand_live_title", want)
        self.assertEqual(have, want)
        # and the planner uses them: a search reads the GIN index
        plan = cjtest.psql(self.url, "SET enable_seqscan = off; EXPLAIN SELECT rowid FROM demand_fts WHERE doc @@ "
                                     "CAST('焊装' AS tsquery)")
        self.assertIn("demand_fts_doc", plan)

    def test_every_read_endpoint_answers_byte_for_byte_the_same(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        balanced.compare_reads(self, self.lite, self.pg)

    def test_the_copied_rows_are_written_frozen(self):
        # COPY … FREEZE into the tables the copy emptied: every page of a
        # copied table is all-visible at once (PostgreSQL 14+ marks them),
        # so index-only scans need no heap and no VACUUM before the first
        # reader (a deep list page of 1 M rows: 17 ms, 1.5 ms frozen).
        # The search tables are written after the copy and are not checked.
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        if self.server_version < 140000:
            self.skipTest("PostgreSQL before 14 does not mark frozen pages all-visible")
        counted, _ = checked_tables(self.copy.stdout)
        behind = [line for line in self.not_visible.splitlines() if line.split()[0] in counted]
        self.assertIn("demand", counted)
        self.assertEqual(behind, [], "pages not all-visible after the copy (table pages visible)")

    def test_a_target_with_data_is_refused(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        before = cjtest.psql(self.url, "SELECT count(*), max(id) FROM audit_log")
        again = copy(self.file, self.url)
        self.assertEqual(again.returncode, 2, again.stderr)
        self.assertIn("已有数据", again.stderr)
        self.assertEqual(cjtest.psql(self.url, "SELECT count(*), max(id) FROM audit_log"), before)

    def test_a_newer_file_is_refused_and_the_target_left_unmigrated(self):
        newer = self.new_demo_file("newer.db")
        db = sqlite3.connect(newer)
        db.execute("INSERT INTO schema_migrations VALUES (999, '999_future.sql', "
                   "'2099-01-01T00:00:00Z')")
        db.commit()
        db.close()
        url = cjtest.new_pg_database("store_copy_unmigrated", BASE)
        p = copy(newer, url)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("999_future.sql", p.stderr)
        self.assertIn("newer", p.stderr)
        self.assertEqual(cjtest.psql(url, "SELECT to_regclass('schema_migrations') IS NULL").strip(),
                         "t")

    # ---- PostgreSQL -> SQLite ------------------------------------------------

    def test_the_copy_back_is_checked_table_by_table(self):
        self.assertEqual(self.back.returncode, 0, self.back.stderr)
        self.assertIn("PostgreSQL → %s" % self.back_file, self.back.stdout)
        counted, verdicts = checked_tables(self.back.stdout)
        self.assertEqual(verdicts, {"ok"})
        forward, _ = checked_tables(self.copy.stdout)
        self.assertEqual(counted, forward)  # the same tables, the same rows
        self.assertIn("%d tables copied" % len(counted), self.back.stdout)

    def test_the_copy_back_has_the_files_schema_and_sqlites_own_keeping(self):
        self.assertEqual(self.back.returncode, 0, self.back.stderr)
        schema = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"
        self.assertEqual(lite_query(self.back_file, schema), lite_query(self.file, schema))
        self.assertGreater(len(lite_query(self.back_file, "SELECT name FROM sqlite_schema WHERE "
                                                         "type = 'trigger'")), 10)
        # The running totals count each row once (the copied totals, not
        # the triggers' count on top of them).
        totals = ("SELECT consortium_id, period, kind, occupation_code, headcount, positions "
                  "FROM demand_totals ORDER BY 1, 2, 3, 4")
        counted = ("SELECT consortium_id, period, kind, occupation_code, sum(headcount), "
                   "count(*) FROM demand WHERE status = 'published' AND deleted_at IS NULL "
                   "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4")
        self.assertTrue(lite_query(self.back_file, totals))
        self.assertEqual(lite_query(self.back_file, totals), lite_query(self.back_file, counted))
        supply = ("SELECT consortium_id, period, major_code, graduates, enrolment FROM "
                  "supply_totals ORDER BY 1, 2, 3")
        self.assertEqual(lite_query(self.back_file, supply), lite_query(self.file, supply))
        # A demand report's list comes once (migration 015's trigger did
        # not add a second).
        lists = "SELECT id, kind, report_id FROM published_lists ORDER BY id"
        self.assertEqual(lite_query(self.back_file, lists), lite_query(self.file, lists))

    def test_the_copy_back_searches_as_postgresql(self):
        self.assertEqual(self.back.returncode, 0, self.back.stderr)
        searches = ["/api/v1/search?q=%E7%84%8A%E8%A3%85&consortium=1",  # 焊装
                    "/api/v1/search?q=%E6%B1%BD%E8%BD%A6&consortium=1&page=2&per_page=2",  # 汽车
                    "/api/v1/search?q=%E7%84%8A%E7%82%B9&consortium=2&kind=tech_needs",  # 焊点
                    "/api/v1/search?q=%E6%B5%8B%E9%87%8F&consortium=2&kind=capabilities",  # 测量
                    "/api/v1/search?q=%E6%B1%BD%E8%BD%A6&consortium=2&kind=core_products"]
        token_pg = self.pg.login("admin", "admin-demo-2026")
        token_back = self.lite_back.login("admin", "admin-demo-2026")
        for path in searches:
            a = self.pg.get(path, token=token_pg, raw=True)
            b = self.lite_back.get(path, token=token_back, raw=True)
            self.assertEqual(a, b, path)
        for path in searches[:4]:
            st, body = self.lite_back.get(path, token=token_back)
            self.assertEqual(st, 200, body)
            self.assertGreater(body["total"], 0, path)

    def test_every_read_endpoint_answers_the_same_after_the_copy_back(self):
        self.assertEqual(self.back.returncode, 0, self.back.stderr)
        balanced.compare_reads(self, self.pg, self.lite_back)

    def test_an_existing_empty_file_is_filled(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        empty = os.path.join(self.tmp, "empty.db")
        open(empty, "w").close()
        p = copy(self.url, empty)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(lite_query(empty, "SELECT count(*) FROM organizations"),
                         lite_query(self.back_file, "SELECT count(*) FROM organizations"))

    def test_a_file_with_data_is_refused_and_left_as_it_was(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        full = self.new_demo_file("full.db")
        before = file_state(full)
        p = copy(self.url, full)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("已有数据", p.stderr)
        self.assertIn("holds data", p.stderr)
        self.assertEqual(file_state(full), before)

    def test_a_file_that_is_not_chanjiaos_is_refused(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        other = os.path.join(self.tmp, "other.db")
        db = sqlite3.connect(other)
        db.execute("CREATE TABLE notes (body TEXT)")
        db.commit()
        db.close()
        before = file_state(other)
        p = copy(self.url, other)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(file_state(other), before)
        text = os.path.join(self.tmp, "notes.txt")
        with open(text, "w") as f:
            f.write("not a database\n" * 100)
        before = file_state(text)
        p = copy(self.url, text)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(file_state(text), before)

    def test_a_newer_database_is_refused_and_left_as_it_was(self):
        url = cjtest.new_pg_database("store_copy_newer", BASE)
        self.assertEqual(copy(self.file, url).returncode, 0)
        cjtest.psql(url, "INSERT INTO schema_migrations VALUES (999, '999_future.sql', "
                         "'2099-01-01T00:00:00Z')")
        state = "SELECT (SELECT last_value FROM data_version), (SELECT count(*) FROM audit_log)"
        before = cjtest.psql(url, state)
        target = os.path.join(self.tmp, "newer_back.db")
        p = copy(url, target)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("999_future.sql", p.stderr)
        self.assertIn("newer", p.stderr)
        self.assertFalse(os.path.exists(target))
        self.assertEqual(cjtest.psql(url, state), before)

    def test_a_failed_copy_back_leaves_no_data(self):
        url = cjtest.new_pg_database("store_copy_broken", BASE)
        self.assertEqual(copy(self.file, url).returncode, 0)
        # A membership of an organisation that does not exist, which the
        # file's foreign keys refuse (PostgreSQL's are set aside for it).
        cjtest.psql(url, "SET session_replication_role = replica; UPDATE memberships SET "
                         "organization_id = 999999 WHERE id = (SELECT max(id) FROM memberships)")
        target = os.path.join(self.tmp, "broken.db")
        p = copy(url, target)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("复制失败", p.stderr)
        self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith("broken.db")], [])
        empty = os.path.join(self.tmp, "broken_empty.db")
        open(empty, "w").close()
        p = copy(url, empty)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertTrue(os.path.exists(empty))
        self.assertEqual(lite_query(empty, "SELECT count(*) FROM organizations"), [(0,)])

    # ---- both ----------------------------------------------------------------

    def test_two_databases_of_one_kind_are_refused(self):
        self.assertEqual(self.copy.returncode, 0, self.copy.stderr)
        target = os.path.join(self.tmp, "same.db")
        p = copy(self.file, target)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--from", p.stderr)
        self.assertIn("chanjiao backup", p.stderr)
        self.assertFalse(os.path.exists(target))
        url = cjtest.new_pg_database("store_copy_same", BASE)
        p = copy(self.url, url)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--from", p.stderr)
        self.assertEqual(cjtest.psql(url, "SELECT to_regclass('schema_migrations') IS NULL").strip(),
                         "t")

    def test_missing_arguments_are_refused(self):
        missing = copy(os.path.join(self.tmp, "none.db"), self.url)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("不存在", missing.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "none.db")))
        self.assertEqual(cjtest.run_cli("store", "copy", "--from", self.file).returncode, 2)
        self.assertEqual(cjtest.run_cli("store", "copy", "--to", self.url).returncode, 2)
        self.assertEqual(cjtest.run_cli("store", "copy").returncode, 2)
        self.assertEqual(cjtest.run_cli("store", "move").returncode, 2)
        self.assertEqual(cjtest.run_cli("store", "copy", "--from", self.file, "--to",
                                        self.url, "--force").returncode, 2)


if __name__ == "__main__":
    cjtest.run()
