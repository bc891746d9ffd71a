#!/usr/bin/env python3
"""The server on PostgreSQL (issue 13), black-box, as far as the backend
goes today: `user add` and `serve --db postgresql://…` create and migrate a
new database (the shipped catalogues loaded, as on SQLite); a platform admin
signs in (login limits and sessions written), registers a unit and a
consortium (entity inserts, the audit log in the same transaction), finds
them in lists with exact totals and by q=, reads them back by id, keeps
the search index at every commit, and a serve without --uploads is
refused with a message that says why.

The cluster is ctest's "pg" fixture (tests/pg/cluster.sh); every test gets
a database of its own on it.  Usage: test_serve_pg.py path/to/chanjiao
(CHANJIAO_TEST_PG: the cluster's URL)."""
import os
import subprocess
import sys
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import cjtest  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
BASE = os.environ.get("CHANJIAO_TEST_PG", "")
PASSWORD = "Pg-admin-pass-2026"


def psql(url, sql):
    return subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True,
                          text=True).stdout.strip()


class ServePostgres(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BASE:
            raise RuntimeError("CHANJIAO_TEST_PG is not set (ctest's pg fixture sets it)")
        cls.url = cjtest.new_pg_database("serve_pg", BASE)
        cls.srv = cjtest.Server(db=cls.url, users=[("pgadmin", PASSWORD, "platform_admin", None, None)])
        cls.token = cls.srv.login("pgadmin", PASSWORD)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_a_new_database_is_migrated_with_the_catalogues(self):
        self.assertEqual(psql(self.url, "SELECT max(version) FROM schema_migrations"),
                         str(max(int(f[:3]) for f in os.listdir(
                             os.path.join(ROOT, "src", "store", "migrations_pg"))
                             if f.endswith(".sql"))))
        st, occ = self.srv.get("/api/v1/occupations?per_page=1", token=self.token)
        self.assertEqual(st, 200)
        self.assertGreater(occ["total"], 1000, "the shipped occupation catalogue is loaded")

    def test_register_a_unit_and_a_consortium_and_find_them(self):
        st, org = self.srv.post("/api/v1/organizations", {
            "name": "柳州测试汽车零部件有限公司（PG）", "type": "enterprise", "region_code": "450200"},
            token=self.token)
        self.assertEqual(st, 201, org)
        st, con = self.srv.post("/api/v1/consortia", {
            "name": "广西柳州汽车产教联合体（PG 测试）", "kind": "city", "level": "national",
            "region_code": "450200", "is_public": True}, token=self.token)
        self.assertEqual(st, 201, con)
        st, got = self.srv.get("/api/v1/organizations/%d" % org["id"], token=self.token)
        self.assertEqual((st, got["name"]), (200, "柳州测试汽车零部件有限公司（PG）"))
        st, lst = self.srv.get("/api/v1/organizations?q=" + urllib.parse.quote("零部件"),
                               token=self.token)
        self.assertEqual(st, 200)
        self.assertEqual([o["id"] for o in lst["items"]], [org["id"]])
        self.assertEqual(lst["total"], 1)
        st, lst = self.srv.get("/api/v1/consortia", token=self.token)
        self.assertEqual(st, 200)
        self.assertIn(con["id"], [c["id"] for c in lst["items"]])
        # the writes were audited, in PostgreSQL, and the audit log lists them
        self.assertEqual(psql(self.url, "SELECT count(*) FROM audit_log WHERE action = 'create' "
                                        "AND ((entity = 'organizations' AND entity_id = %d) OR "
                                        "(entity = 'consortia' AND entity_id = %d))"
                              % (org["id"], con["id"])), "2")
        st, log = self.srv.get("/api/v1/audit?entity=organizations&per_page=5", token=self.token)
        self.assertEqual(st, 200, log)
        self.assertIn(("create", org["id"]), [(r["action"], r["entity_id"]) for r in log["items"]])

    def test_a_wrong_password_is_counted_in_the_database(self):
        st, _ = self.srv.post("/api/v1/auth/login", {"username": "pgadmin", "password": "wrong"})
        self.assertEqual(st, 401)
        self.assertGreaterEqual(int(psql(self.url, "SELECT coalesce(sum(failures), 0) FROM login_limits")), 1)

    def test_serve_without_uploads_says_why(self):
        r = subprocess.run([cjtest.binary(), "serve", "--db", self.url, "--listen", "127.0.0.1:0"],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--uploads", r.stderr)

    def test_search_index_is_kept_by_every_commit(self):
        """The search indexes are written by the store at commit from the
        rows migration 025's triggers queue: a row written past the
        server (psql) waits in fts_queue, and the next commit of any
        write through the server indexes it; the queue is then empty."""
        st, con = self.srv.post("/api/v1/consortia", {
            "name": "检索测试联合体（PG）", "kind": "city", "level": "municipal",
            "region_code": "450200", "is_public": True}, token=self.token)
        self.assertEqual(st, 201, con)
        st, org = self.srv.post("/api/v1/organizations", {
            "name": "检索测试学校（PG）", "type": "higher_vocational", "region_code": "450200"},
            token=self.token)
        self.assertEqual(st, 201, org)
        psql(self.url, "INSERT INTO capabilities (consortium_id, organization_id, kind, title, "
                       "description, keywords, visibility, created_at, updated_at) VALUES "
                       "(%d, %d, '实验室/平台', '激光焊接实验室', '承接白车身激光焊装试验。', "
                       "'激光焊', 'public', 'now', 'now')" % (con["id"], org["id"]))
        self.assertEqual(psql(self.url, "SELECT count(*) FROM fts_queue"), "1")

        def found():
            st, body = self.srv.get("/api/v1/search?consortium=%d&kind=capabilities&q=%s"
                                    % (con["id"], urllib.parse.quote("焊装试验")), token=self.token)
            self.assertEqual(st, 200, body)
            return body["total"]
        self.assertEqual(found(), 0)
        st, _ = self.srv.patch("/api/v1/organizations/%d" % org["id"], {"short_name": "检索校"},
                               token=self.token)
        self.assertEqual(st, 200, _)
        self.assertEqual(found(), 1)
        self.assertEqual(psql(self.url, "SELECT count(*) FROM fts_queue"), "0")
        # The document as the store wrote it (COPY's binary format): each
        # column's tokens with their positions and the column's weight
        # (title A, keywords B, description none), one empty position
        # between columns, and the consortium's lexeme without a position.
        psql(self.url, "INSERT INTO capabilities (consortium_id, organization_id, kind, title, "
                       "description, keywords, visibility, created_at, updated_at) VALUES "
                       "(%d, %d, '实验室/平台', '焊装', 'PLC', '激光', 'public', 'now', 'now')"
                       % (con["id"], org["id"]))
        st, _ = self.srv.patch("/api/v1/organizations/%d" % org["id"], {"short_name": "检索"},
                               token=self.token)
        self.assertEqual(st, 200, _)
        self.assertEqual(psql(self.url, "SELECT f.doc::text FROM tech_fts f JOIN capabilities c "
                                        "ON f.rowid & ((1::bigint << 36) - 1) = c.id "
                                        "WHERE c.title = '焊装'"),
                         "'#c%d' 'plc':4 '光':7B '激':6B '激光':6B '焊':1A '焊装':1A '装':2A"
                         % con["id"])

    def _consortium_with_member(self, name, enterprise):
        st, con = self.srv.post("/api/v1/consortia", {
            "name": name, "kind": "city", "level": "municipal", "is_public": True},
            token=self.token)
        self.assertEqual(st, 201, con)
        st, org = self.srv.post("/api/v1/organizations", {
            "name": enterprise, "type": "enterprise", "region_code": "450200"},
            token=self.token)
        self.assertEqual(st, 201, org)
        st, m = self.srv.post("/api/v1/memberships", {
            "consortium_id": con["id"], "organization_id": org["id"], "role": "member"},
            token=self.token)
        self.assertEqual(st, 201, m)
        return con["id"]

    def _import_demand(self, cid, enterprise, titles, *args):
        path = os.path.join(cjtest.temp_dir(self, "cjpgimport-"), "demand.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("企业,职业编码,岗位名称,需求类型,需求人数,年度\n")
            for t in titles:
                f.write("%s,6-22-02-01,%s,就业,1,2025\n" % (enterprise, t))
        p = self.srv.cli("import", "demand", path, "--db", self.url, "--consortium", str(cid),
                         *args)
        self.assertEqual(p.returncode, 0, p.stderr[-500:])

    def test_a_large_import_is_analysed_and_indexed_whole(self):
        """A demand import of more rows than the commit indexes in one
        window (2 000), into a table whose statistics say it is empty: the
        store analyses the table before it reads the new rows back by
        their ids (store_search_pg.c, index_new_rows) — planned as an empty
        table's, each window walked a whole other index — so the planner,
        and every reader after the commit, sees the rows; and every row is
        indexed."""
        cid = self._consortium_with_member("大批导入联合体（PG）", "大批导入企业（PG）")
        psql(self.url, "ANALYZE demand")
        self.assertLess(float(psql(self.url, "SELECT reltuples FROM pg_class "
                                             "WHERE relname = 'demand'")), 2500)
        self._import_demand(cid, "大批导入企业（PG）", ["大批分析岗位%04d" % i for i in range(4500)])
        self.assertGreaterEqual(float(psql(self.url, "SELECT reltuples FROM pg_class "
                                                     "WHERE relname = 'demand'")), 4500)
        st, body = self.srv.get("/api/v1/search?consortium=%d&q=%s&per_page=1"
                                % (cid, urllib.parse.quote("分析岗位")), token=self.token)
        self.assertEqual((st, body.get("total")), (200, 4500), body)

    def test_an_import_reads_only_its_own_consortiums_rows(self):
        """An upsert import reads its consortium's rows first, to know which
        of its lines exist.  On an instance of a thousand consortia that
        read must take the consortium's rows by their index, not walk the
        whole table: it was "consortium_id IS NOT DISTINCT FROM $1", which
        no PostgreSQL index serves (10 000 rows into a consortium of an
        instance of 10 M rows: 3 s of a 5 s import; bench/import_scale.sh).
        Counted by the table's own statistics: the rows the import read
        from demand, by any scan, are far fewer than another consortium
        holds."""
        big = self._consortium_with_member("大联合体（PG 读取）", "大联合体企业（PG）")
        self._import_demand(big, "大联合体企业（PG）", ["大联合体岗位%04d" % i for i in range(4000)])
        small = self._consortium_with_member("小联合体（PG 读取）", "小联合体企业（PG）")
        self._import_demand(small, "小联合体企业（PG）", ["小联合体岗位%d" % i for i in range(5)])
        psql(self.url, "ANALYZE demand")
        read = ("SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) "
                "FROM pg_stat_user_tables WHERE relname = 'demand'")

        def settled():
            """The statistics once the server has taken in what every
            finished session reported (they arrive at its exit)."""
            last, same = psql(self.url, read), 0
            for _ in range(50):
                time.sleep(0.1)
                now = psql(self.url, read)
                same = same + 1 if now == last else 0
                if same == 5:
                    break
                last = now
            return int(last)

        before = settled()
        self._import_demand(small, "小联合体企业（PG）",
                            ["小联合体岗位%d" % i for i in range(6)], "--mode", "upsert")
        self.assertLess(settled() - before, 1000,
                        "the import read other consortia's demand rows")

    def test_an_older_database_gets_the_trigrams_at_its_first_start(self):
        """Migration 031: the demand tsvectors of a database the release
        before wrote hold no ASCII trigrams; the new binary's first start
        queues every published row, indexes them again before it serves,
        and a list's q=PLC then finds through the index what LIKE finds."""
        url = cjtest.new_pg_database("serve_pg_031", BASE)
        srv = cjtest.Server(db=url, demo=True,
                            users=[("pgadmin", PASSWORD, "platform_admin", None, None)])
        srv.stop()
        trigram = "CAST(chr(39) || chr(1) || 'plc' || chr(39) AS tsquery)"
        holding = "SELECT count(*) FROM demand_fts WHERE doc @@ " + trigram
        have = int(psql(url, holding))
        self.assertGreater(have, 0)
        psql(url, "UPDATE demand_fts SET doc = ts_delete(doc, ARRAY(SELECT lexeme FROM "
                  "unnest(doc) WHERE lexeme LIKE chr(1) || '%')); "
                  "DELETE FROM schema_migrations WHERE version = 31")
        self.assertEqual(psql(url, holding), "0")
        srv = cjtest.Server(db=url)
        try:
            self.assertEqual(int(psql(url, holding)), have)
            self.assertEqual(psql(url, "SELECT count(*) FROM fts_queue"), "0")
            st, body = srv.get("/api/v1/demand?consortium_id=1&per_page=100&q=PLC",
                               token=srv.login("pgadmin", PASSWORD))
            self.assertEqual(st, 200, body)
            like = psql(url, "SELECT count(*) FROM demand WHERE consortium_id = 1 AND "
                             "deleted_at IS NULL AND (job_title LIKE '%PLC%' OR description "
                             "LIKE '%PLC%' OR skills LIKE '%PLC%')")
            self.assertEqual(body["total"], int(like))
            self.assertGreater(body["total"], 0)
        finally:
            srv.stop()

    def test_two_servers_share_the_data_version(self):
        """Two server processes on one database: each caches its answers
        (a repeated read is not read from the database again), and a
        write through one is seen by the very next read through the other,
        whose cache the shared data version (pg_data_version.sql) empties;
        a write by another program (psql) too."""
        other = cjtest.Server(db=self.url)
        try:
            path = "/api/v1/organizations?per_page=5&q=" + urllib.parse.quote("双服务")
            version = lambda: int(psql(self.url, "SELECT last_value FROM data_version"))  # noqa: E731
            for _ in range(6):  # every worker of the other server caches it
                self.assertEqual(other.get(path, token=self.token)[1]["total"], 0)
            # Cached: reading it again moves nothing, and a psql write
            # past both caches is still seen at once (the version moves).
            before = version()
            for _ in range(6):
                self.assertEqual(other.get(path, token=self.token)[1]["total"], 0)
            self.assertEqual(version(), before)
            st, org = self.srv.post("/api/v1/organizations", {"name": "双服务测试单位", "type": "other"},
                                    token=self.token)
            self.assertEqual(st, 201, org)
            self.assertGreater(version(), before)
            for _ in range(6):
                self.assertEqual(other.get(path, token=self.token)[1]["total"], 1)
            psql(self.url, "UPDATE organizations SET deleted_at = '2026-12-01T00:00:00Z' "
                           "WHERE id = %d" % org["id"])
            for _ in range(6):
                self.assertEqual(other.get(path, token=self.token)[1]["total"], 0)
            # A session ended through one server ends on the other at once.
            token = self.srv.login("pgadmin", PASSWORD)
            for _ in range(4):
                self.assertEqual(other.get("/api/v1/users", token=token)[0], 200)
            self.assertEqual(self.srv.post("/api/v1/auth/logout", token=token)[0], 204)
            for _ in range(4):
                self.assertEqual(other.get("/api/v1/users", token=token)[0], 401)
        finally:
            other.stop()

    def test_backup_and_restore_point_to_pg_dump(self):
        for args in (["backup", "--db", self.url, "--to", "/tmp/never-written.bak"],
                     ["restore", "--from", "/tmp/never-read.bak", "--db", self.url]):
            r = subprocess.run([cjtest.binary(), *args], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn("pg_dump", r.stderr)
            self.assertFalse(os.path.exists("/tmp/never-written.bak"))

    def test_a_writer_kept_waiting_is_told_to_retry(self):
        """Another writer holds the writers' lock (here a psql session,
        holding it 14 s): a write waits as long as on SQLite (10 s), then
        answers 503 with Retry-After, and goes through once the lock is
        free."""
        holder = subprocess.Popen(["psql", self.url, "-Xq", "-c", "SELECT pg_advisory_lock(6514794)",
                                   "-c", "SELECT pg_sleep(14)"], stdout=subprocess.DEVNULL)
        try:
            time.sleep(1)
            body = {"name": "锁等待测试单位", "type": "enterprise"}
            t = time.time()
            err = cjtest.assert_error(self, self.srv.post("/api/v1/organizations", body,
                                                          token=self.token), 503, "unavailable")
            self.assertGreaterEqual(time.time() - t, 8)
            self.assertIn("重试", err["message"])
            self.assertEqual(self.srv.last_headers.get("Retry-After"), "2")
            self.assertEqual(psql(self.url, "SELECT count(*) FROM organizations WHERE name = "
                                            "'锁等待测试单位'"), "0")
        finally:
            holder.wait(timeout=30)
        st, org = self.srv.post("/api/v1/organizations", body, token=self.token)
        self.assertEqual(st, 201, org)


if __name__ == "__main__":
    cjtest.run()
