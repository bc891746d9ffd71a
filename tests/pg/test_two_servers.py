#!/usr/bin/env python3
"""Two servers on one PostgreSQL database behind nginx (issue 13), as
docs/deploy.md "PostgreSQL and several servers" sets them up: an upstream
of both, round robin, keep-alive to the servers (the upstream block is
taken out of the document as written).

- a write through the balancer is read through each server, and every
  read through the balancer agrees (whichever server answers it);
- a session begun through one server works through the other, and
  signing out through one ends it on both;
- writers of both take turns: a matching round run through both at once
  runs twice in a row to one result, a publish through both at once is
  done once (the other 409);
- a server killed (SIGKILL) in the middle of a stream of writes loses no
  write it acknowledged; nginx sends the rest to the other server.

The cluster is ctest's "pg" fixture (CHANJIAO_TEST_PG).  Usage:
test_two_servers.py path/to/chanjiao"""
import os
import signal
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
import cjtest  # noqa: E402
import balanced  # noqa: E402

BASE = os.environ.get("CHANJIAO_TEST_PG", "")
SEC = ("liuzhou_sec", "secretariat-demo-2026")


class TwoServers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BASE:
            raise RuntimeError("CHANJIAO_TEST_PG is not set (ctest's pg fixture sets it)")
        cls.url = cjtest.new_pg_database("two_servers", BASE)
        cls.a = cjtest.Server(demo=True, db=cls.url)  # loads the demo
        try:
            cls.b = cjtest.Server(demo=True, db=cls.url)
        except Exception:
            cls.a.stop()
            raise
        try:
            cls.nginx, cls.lb = balanced.start_balancer(os.path.join(cls.a.dir, "nginx"), cls.a,
                                                        cls.b)
        except AssertionError:
            cls.a.stop()
            cls.b.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.nginx.terminate()
        cls.nginx.wait(timeout=20)
        cls.a.stop()
        cls.b.stop()

    def test_a_write_through_one_is_read_through_both(self):
        tok = self.lb.login(*SEC)
        path = "/api/v1/demand?consortium_id=1&per_page=1"
        before = {self.lb.get(path, token=tok)[1]["total"] for _ in range(6)}
        self.assertEqual(len(before), 1, "both servers answer the same total")
        st, org = self.lb.post("/api/v1/organizations", {"name": "负载均衡测试单位", "type": "other"},
                               token=tok)
        self.assertEqual(st, 201, org)
        for srv in (self.a, self.b):
            st, got = srv.get("/api/v1/organizations/%d" % org["id"], token=tok)
            self.assertEqual((st, got["name"]), (200, "负载均衡测试单位"))
        q = "/api/v1/organizations?q=%E8%B4%9F%E8%BD%BD%E5%9D%87%E8%A1%A1"
        for _ in range(6):  # round robin: each server three times
            st, lst = self.lb.get(q, token=tok)
            self.assertEqual((st, lst["total"]), (200, 1))

    def test_a_session_is_everywhere(self):
        tok = self.a.login(*SEC)
        self.assertEqual(self.b.get("/api/v1/auth/me", token=tok)[0], 200)
        self.assertEqual(self.b.post("/api/v1/auth/logout", token=tok)[0], 204)
        for srv in (self.a, self.b, self.lb):
            self.assertEqual(srv.get("/api/v1/auth/me", token=tok)[0], 401)

    def test_round_steps_through_both_at_once_take_turns(self):
        """Writers of both servers take one lock in turn: a round run
        through both at once runs twice, one after the other (a run may be
        repeated until the round is published), to the same result; a
        publish through both at once is done once, the other 409."""
        tok = self.lb.login(*SEC)
        st, rounds = self.lb.get("/api/v1/match-rounds?consortium_id=1", token=tok)
        self.assertEqual(st, 200, rounds)
        rid = next(r["id"] for r in rounds["items"] if r["status"] == "open")
        st, b = self.a.post("/api/v1/match-rounds/%d/close" % rid, {}, token=tok)
        self.assertEqual(st, 200, b)

        def both(action):
            answers = []
            go = threading.Barrier(2)

            def one(srv):
                go.wait()
                answers.append(srv.post("/api/v1/match-rounds/%d/%s" % (rid, action), {},
                                        token=tok))
            threads = [threading.Thread(target=one, args=(s,)) for s in (self.a, self.b)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return answers
        runs = both("run")
        self.assertEqual([st for st, _ in runs], [200, 200], runs)
        self.assertEqual(runs[0][1]["verdict"], runs[1][1]["verdict"])
        self.assertNotEqual(runs[0][1]["revision"], runs[1][1]["revision"],
                            "one after the other, each seeing the other's write")
        published = both("publish")
        self.assertEqual(sorted(st for st, _ in published), [200, 409], published)
        self.assertEqual(cjtest.psql(self.url, "SELECT count(*) FROM audit_log WHERE entity = "
                                               "'match_rounds' AND entity_id = %d AND action = "
                                               "'publish'" % rid).strip(), "1")

    def test_z_a_killed_server_loses_no_acknowledged_write(self):
        """Last (by name): it kills server a."""
        tok = self.lb.login(*SEC)
        acked, failed = [], []
        stop = threading.Event()

        def writer():
            i = 0
            while not stop.is_set() and i < 400:
                i += 1
                try:
                    st, b = self.lb.post("/api/v1/organizations",
                                         {"name": "杀进程测试单位%03d" % i, "type": "other"},
                                         token=tok)
                except OSError as e:
                    failed.append(str(e))
                    continue
                (acked if st == 201 else failed).append(b["id"] if st == 201 else st)
        t = threading.Thread(target=writer)
        t.start()
        time.sleep(1.5)
        self.a.proc.send_signal(signal.SIGKILL)
        time.sleep(1.5)
        stop.set()
        t.join()
        self.assertGreater(len(acked), 10)
        ids = set(int(x) for x in cjtest.psql(
            self.url, "SELECT id FROM organizations WHERE name LIKE '杀进程测试单位%%'").split())
        self.assertLessEqual(set(acked), ids, "every acknowledged write is in the database")
        # The balancer goes on through the other server.
        for _ in range(4):
            self.assertEqual(self.lb.get("/api/v1/auth/me", token=tok)[0], 200)


if __name__ == "__main__":
    cjtest.run()
