#!/usr/bin/env python3
"""A streaming read replica (issue 13, `serve --db-read`): a PostgreSQL
primary and a hot standby replicating it (tests/pg/cluster.sh start and
replica, in a folder of this test's own), two servers reading from the
replica behind nginx (docs/deploy.md's upstream block), and a third on the
primary alone to compare with.

- every GET route of the API answers through the replica byte for byte as
  the primary-only server does, anonymously and as four demo callers;
- the replica is really read: with its replay paused, a write made on the
  primary is not seen by other sessions or anonymous callers, while the
  session that wrote reads it through either server (it reads from the
  primary until the replica has replayed its write); once replay resumes,
  everyone sees it;
- the replica stopped, reads go to the primary; started again, to the
  replica;
- --db-read with a SQLite --db is refused, saying why.

Usage: test_replica.py path/to/chanjiao"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import cjtest  # noqa: E402
import balanced  # noqa: E402

CLUSTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cluster.sh")
ADMIN, SEC = balanced.CALLERS[1], balanced.CALLERS[2]


def cluster(*args):
    p = subprocess.run(["bash", CLUSTER, *args], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


class Replica(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="cjreplica-")
        os.chmod(cls.tmp, 0o755)  # the clusters run as the postgres user
        cls.servers, cls.nginx = [], None
        try:
            cls._start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def _start(cls):
        cls.primary = cluster("start", os.path.join(cls.tmp, "primary"))
        cls.replica = cluster("replica", os.path.join(cls.tmp, "replica"),
                              os.path.join(cls.tmp, "primary"))
        cls.p = cjtest.Server(demo=True, db=cls.primary)  # migrates, loads the demo
        cls.servers.append(cls.p)
        for name in ("a", "b"):
            srv = cjtest.Server(demo=True, db=cls.primary, extra_args=("--db-read", cls.replica))
            cls.servers.append(srv)
            setattr(cls, name, srv)
        cls.nginx, cls.lb = balanced.start_balancer(os.path.join(cls.tmp, "nginx"), cls.a, cls.b)

    @classmethod
    def tearDownClass(cls):
        if cls.nginx:
            cls.nginx.terminate()
            cls.nginx.wait(timeout=20)
        for s in cls.servers:
            s.stop()
        for d in ("replica", "primary"):
            subprocess.run(["bash", CLUSTER, "stop", os.path.join(cls.tmp, d)], timeout=120)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def replay(self, on):
        cjtest.psql(self.replica, "SELECT pg_wal_replay_%s()" % ("resume" if on else "pause"))

    def caught_up(self, timeout=30):
        """Wait until the replica has replayed all the primary wrote."""
        want = cjtest.psql(self.primary, "SELECT pg_current_wal_lsn()").strip()
        deadline = time.time() + timeout
        while time.time() < deadline:
            if cjtest.psql(self.replica, "SELECT pg_last_wal_replay_lsn() >= '%s'" % want
                           ).strip() == "t":
                return
            time.sleep(0.05)
        self.fail("the replica did not reach %s in %d s" % (want, timeout))

    def test_every_read_through_the_replica_answers_as_the_primary(self):
        balanced.compare_reads(self, self.p, self.a, settle=self.caught_up)

    def test_a_session_reads_its_own_writes_and_others_read_the_replica(self):
        writer = self.lb.login(*SEC)
        reader = self.lb.login(*ADMIN)
        self.caught_up()
        self.replay(False)
        try:
            st, org = self.lb.post("/api/v1/organizations", {"name": "只读副本测试单位",
                                                             "type": "other"}, token=writer)
            self.assertEqual(st, 201, org)
            path = "/api/v1/organizations/%d" % org["id"]
            q = "/api/v1/organizations?q=%E5%8F%AA%E8%AF%BB%E5%89%AF%E6%9C%AC"  # 只读副本
            for srv in (self.lb, self.lb, self.a, self.b):
                self.assertEqual(srv.get(path, token=writer)[0], 200, "the writer reads it")
                self.assertEqual(srv.get(q, token=writer)[1]["total"], 1)
                self.assertEqual(srv.get(path, token=reader)[0], 404,
                                 "another session reads the paused replica")
                self.assertEqual(srv.get(q, token=reader)[1]["total"], 0)
                self.assertEqual(srv.get(q)[1]["total"], 0, "so does an anonymous caller")
            # The server on the primary alone sees it at once.
            self.assertEqual(self.p.get(path, token=self.p.login(*ADMIN))[0], 200)
        finally:
            self.replay(True)
        deadline = time.time() + 30
        while self.lb.get(path, token=reader)[0] != 200 and time.time() < deadline:
            time.sleep(0.1)
        for srv in (self.a, self.b):
            self.assertEqual(srv.get(path, token=reader)[0], 200, "replayed: seen by all")
            self.assertEqual(srv.get(q)[1]["total"], 1)

    def test_without_the_replica_reads_go_to_the_primary(self):
        tok = self.a.login(*ADMIN)
        cluster("down", os.path.join(self.tmp, "replica"))
        try:
            for srv in (self.a, self.b, self.lb):
                st, got = srv.get("/api/v1/organizations?per_page=1", token=tok)
                self.assertEqual(st, 200, got)
                self.assertEqual(srv.get("/api/v1/consortia/1")[0], 200)
            self.assertIn("the read replica does not answer", self.a.read_log())
        finally:
            cluster("up", os.path.join(self.tmp, "replica"))
        # Back: reads go to the replica again (a write past the servers,
        # with replay paused, is not seen).
        self.caught_up()
        self.replay(False)
        try:
            cjtest.psql(self.primary, "UPDATE consortia SET short_name = '副本恢复测试' WHERE id = 1")
            for srv in (self.a, self.b):
                for _ in range(3):  # every worker thread's connection
                    st, c = srv.get("/api/v1/consortia/1")
                    self.assertEqual(st, 200, c)
                    self.assertNotEqual(c["short_name"], "副本恢复测试")
        finally:
            self.replay(True)
            cjtest.psql(self.primary,
                        "UPDATE consortia SET short_name = '柳州汽车产教联合体' WHERE id = 1")
        self.caught_up()

    def test_db_read_needs_a_postgresql_primary(self):
        db = os.path.join(self.tmp, "lite.db")
        p = subprocess.run([cjtest.binary(), "serve", "--db", db, "--db-read", self.replica,
                            "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--db-read needs --db to be a PostgreSQL URL", p.stderr)
        p = subprocess.run([cjtest.binary(), "serve", "--db", self.primary, "--db-read",
                            "/tmp/not-a-replica.db", "--uploads", os.path.join(self.tmp, "up"),
                            "--listen", "127.0.0.1:0"], capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("--db-read must be a PostgreSQL URL", p.stderr)


if __name__ == "__main__":
    cjtest.run()
