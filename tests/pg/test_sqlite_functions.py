#!/usr/bin/env python3
"""SQLite's built-ins as PostgreSQL has them (src/store/pg_sqlite_functions.sql,
issue 13): each query below runs on SQLite (Python's sqlite3) and on a
database of the fixture's cluster with the file applied, and the two
answers must be the same rows, value for value (SQLite's integers and
reals written as text, NULL as NULL).  A query whose answer is JSON text is
compared as parsed JSON: PostgreSQL spaces its JSON differently.

Usage: test_sqlite_functions.py path/to/chanjiao (CHANJIAO_TEST_PG: the
cluster's URL, set by ctest's pg fixture)."""
import json
import os
import sqlite3
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import cjtest  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
BASE = os.environ.get("CHANJIAO_TEST_PG", "")
FUNCTIONS = os.path.join(ROOT, "src", "store", "pg_sqlite_functions.sql")

ARRAY = '[1,"a",2.5,null,true,false,[1,2],{"x":1},"10"]'
# (name, query, answer is JSON)
QUERIES = [
    ("array elements", "SELECT key, value, type FROM json_each('%s')" % ARRAY, False),
    ("object members", "SELECT key, value, type FROM json_each('{\"a\":1,\"b\":\"x\"}') "
     "ORDER BY key", False),
    ("a lone value", "SELECT key, value, type FROM json_each('5')", False),
    ("NULL has no elements", "SELECT count(*) FROM json_each(NULL)", False),
    ("at a path", "SELECT key, value FROM json_each('{\"items\":[3,4,5]}', '$.items') "
     "ORDER BY CAST(key AS BIGINT)", False),
    ("nothing at the path", "SELECT count(*) FROM json_each('{\"a\":1}', '$.items')", False),
    ("ids compared as integers",
     "SELECT count(*) FROM json_each('[1,2,30]') j WHERE CAST(j.value AS BIGINT) IN (2, 30)",
     False),
    ("text compared as text",
     "SELECT count(*) FROM json_each('[\"national\",\"provincial\"]') WHERE value IN "
     "('national', 'municipal')", False),
    ("eleven keys in number order",
     "SELECT group_concat(value, ',') FROM (SELECT value FROM json_each("
     "'[0,1,2,3,4,5,6,7,8,9,10]') ORDER BY CAST(key AS BIGINT)) x", False),
    ("extract nested", "SELECT json_extract('{\"a\":{\"b\":[10,20]}}', '$.a.b[1]')", False),
    ("extract a quoted key",
     "SELECT json_extract('{\"x y\":\"v\",\"k\":[\"p\",\"q\"]}', '$.\"x y\"'), "
     "json_extract('{\"k\":[\"p\",\"q\"]}', '$.\"k\"[1]')", False),
    ("extract nothing", "SELECT json_extract('{\"a\":1}', '$.z') IS NULL", False),
    ("extract an object", "SELECT json_extract('{\"a\":{\"b\":1}}', '$.a')", True),
    ("extract an integer compared", "SELECT CAST(json_extract('{\"student_id\":42}', "
     "'$.student_id') AS BIGINT) = 42", False),
    ("valid", "SELECT CASE WHEN json_valid('{\"a\":1}') THEN 1 ELSE 0 END, "
     "CASE WHEN json_valid('not json') THEN 1 ELSE 0 END, "
     "CASE WHEN json_valid(p.x) THEN 1 ELSE 0 END FROM (SELECT '[1]' AS x) p", False),
    ("array length", "SELECT json_array_length('[1,2,3]'), json_array_length('[]'), "
     "json_array_length(coalesce(NULL, '[]'))", False),
    ("remove keys", "SELECT json_remove('{\"a\":1,\"b\":{\"c\":2},\"d\":3}', '$.a', '$.d', "
     "'$.zz')", True),
    ("group_concat with a separator",
     "SELECT group_concat(v, '、') FROM (SELECT 'a' AS v UNION ALL SELECT NULL UNION ALL "
     "SELECT 'b' ORDER BY 1) x", False),
    ("group_concat of nothing", "SELECT group_concat(v, ',') IS NULL FROM (SELECT 'a' AS v) x "
     "WHERE v = 'b'", False),
    ("group_concat's comma", "SELECT group_concat(v) FROM (SELECT 'a' AS v UNION ALL "
     "SELECT 'b' ORDER BY 1) x", False),
    ("sum of conditions", "SELECT sum(n > 1), sum(n IS NULL) FROM (SELECT 1 AS n UNION ALL "
     "SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT NULL) x", False),
    ("sum of NULL conditions", "SELECT sum(n > 1) IS NULL FROM (SELECT CAST(NULL AS BIGINT) "
     "AS n) x", False),
]


def sqlite_rows(sql):
    db = sqlite3.connect(":memory:")
    try:
        return [tuple(None if v is None else str(int(v)) if isinstance(v, bool) else str(v)
                      for v in row) for row in db.execute(sql).fetchall()]
    finally:
        db.close()


def pg_rows(url, sql):
    p = subprocess.run(["psql", url, "-XAtq", "-v", "ON_ERROR_STOP=1", "-P", "null=\x01",
                        "-F", "\x02", "-c", sql], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError("PostgreSQL: %s\n%s" % (sql, p.stderr))
    conv = {"t": "1", "f": "0", "\x01": None}
    return [tuple(conv.get(v, v) for v in line.split("\x02")) for line in p.stdout.splitlines()]


class SqliteFunctions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BASE:
            raise RuntimeError("CHANJIAO_TEST_PG is not set (ctest's pg fixture sets it)")
        cls.url = cjtest.new_pg_database("sqlite_functions", BASE)
        # Applied twice: every open of the store applies it again.
        for _ in range(2):
            subprocess.run(["psql", cls.url, "-XqA", "-v", "ON_ERROR_STOP=1", "-f", FUNCTIONS],
                           check=True, capture_output=True)

    def test_same_answers(self):
        for name, sql, is_json in QUERIES:
            with self.subTest(name):
                lite, pg = sqlite_rows(sql), pg_rows(self.url, sql)
                if is_json:
                    lite = [tuple(json.loads(v) for v in r) for r in lite]
                    pg = [tuple(json.loads(v) for v in r) for r in pg]
                self.assertEqual(pg, lite, sql)

    def test_json_array_is_json_build_array(self):
        """store_pg_stmt.c says json_array( as json_build_array(: the same
        array, as text in a text column."""
        lite = sqlite_rows("SELECT json_array(1, 'a', NULL, 2.5)")[0][0]
        pg = pg_rows(self.url, "SELECT CAST(json_build_array(1, 'a', NULL, 2.5) AS text)")[0][0]
        self.assertEqual(json.loads(pg), json.loads(lite))

    def test_malformed_json_is_an_error(self):
        """SQLite refuses malformed JSON in json_each; so does PostgreSQL,
        rather than answering no rows."""
        with self.assertRaises(sqlite3.OperationalError):
            sqlite_rows("SELECT * FROM json_each('[1,')")
        with self.assertRaises(AssertionError):
            pg_rows(self.url, "SELECT * FROM json_each('[1,')")

    def test_bad_path_is_an_error(self):
        with self.assertRaises(sqlite3.OperationalError):
            sqlite_rows("SELECT json_extract('{}', 'a')")
        with self.assertRaises(AssertionError):
            pg_rows(self.url, "SELECT json_extract('{}', 'a')")


if __name__ == "__main__":
    cjtest.run()
