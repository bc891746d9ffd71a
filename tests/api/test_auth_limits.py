"""Black-box tests of the sign-in limits (issue 14, holes 2 and 3): limits
that no flood of crafted usernames can evict, and lockouts that do not
lock the real user out — from another address, or on a shared campus
address.  The policy is in docs/security.md; the helpers (callers at
different loopback source addresses) are in test_auth_trust.py.

    python3 tests/api/test_auth_limits.py build/chanjiao
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402
from test_auth_trust import PW, Base, call, djb2_slot, login, tag  # noqa: E402


class LimiterTest(Base):
    """Holes 2 and 3: limits nobody can evict, and lockouts that do not
    lock the real user out."""

    def test_crafted_usernames_cannot_evict_an_account_limit(self):
        s = self.srv
        name, _ = self.user()
        for i in range(5):
            assert_error(self, login(s, name, "wrong-%d" % i, source="127.0.0.5"), 401)
        assert_error(self, login(s, name, PW, source="127.0.0.5"), 429, "rate_limited")
        # Usernames that land on the account's counter in a fixed table
        # (the old limiter: 4096 slots, 8 probes), then plenty of others.
        target = djb2_slot("u:" + name)
        crafted, i = [], 0
        while len(crafted) < 12:
            cand = "x%d" % i
            if djb2_slot("u:" + cand) == target:
                crafted.append(cand)
            i += 1
        for k, cand in enumerate(crafted):
            st, _ = login(s, cand, "wrong", source="127.0.1.%d" % (k + 1))
            self.assertIn(st, (401, 429))
        for k in range(30):
            st, _ = login(s, "spray%d_%s" % (k, tag()), "wrong", source="127.0.2.%d" % (k + 1))
            self.assertIn(st, (401, 429))
        # still limited: the right password from the attacker's address waits
        e = assert_error(self, login(s, name, PW, source="127.0.0.5"), 429, "rate_limited")
        self.assertIn("Retry-After", s.last_headers)
        self.assertGreater(int(s.last_headers["Retry-After"]), 0, e)
        # and so from any address the account never signed in from
        assert_error(self, login(s, name, PW, source="127.0.0.6"), 429, "rate_limited")

    def test_wrong_guesses_from_a_known_address_back_off(self):
        s = self.srv
        name, _ = self.user()
        self.assertEqual(login(s, name, PW, source="127.0.0.7")[0], 200)
        statuses = [login(s, name, "wrong-%d" % i, source="127.0.0.7")[0] for i in range(30)]
        self.assertIn(429, statuses)
        # five free, then a wait of 1 s after the last failure, then 2 s:
        # a machine slow enough to spend 3 s on the 30 tries gets a seventh
        self.assertLessEqual(statuses.count(401), 7, statuses)
        # the back-off holds the right password from there too (no oracle)
        assert_error(self, login(s, name, PW, source="127.0.0.7"), 429, "rate_limited")

    def test_attacker_cannot_lock_the_user_out_of_their_own_address(self):
        s = self.srv
        name, _ = self.user()
        self.assertEqual(login(s, name, PW, source="127.0.0.8")[0], 200)  # the user's device
        for i in range(40):
            st, _ = login(s, name, "guess-%d" % i, source="127.0.0.9")
            self.assertIn(st, (401, 429))
        assert_error(self, login(s, name, PW, source="127.0.0.9"), 429, "rate_limited")
        st, b = login(s, name, PW, source="127.0.0.8")
        self.assertEqual(st, 200, b)
        st, me = call(s, "GET", "/api/v1/auth/me", token=b["token"])
        self.assertEqual((st, me["username"]), (200, name))

    def test_a_shared_address_keeps_its_known_users(self):
        s = self.srv
        campus = "127.0.0.10"
        student, _ = self.user()
        newcomer, _ = self.user()
        self.assertEqual(login(s, student, PW, source=campus)[0], 200)
        for i in range(60):  # one attacker on the campus network
            st, _ = login(s, "nobody%d_%s" % (i, tag()), "wrong", source=campus)
            self.assertIn(st, (401, 429))
        assert_error(self, login(s, "nobody_" + tag(), "wrong", source=campus), 429,
                     "rate_limited")
        # the student who signs in from the campus every day still can
        self.assertEqual(login(s, student, PW, source=campus)[0], 200)
        # an account never seen there waits until the address cools down
        assert_error(self, login(s, newcomer, PW, source=campus), 429, "rate_limited")
        # and is not held up anywhere else
        self.assertEqual(login(s, newcomer, PW, source="127.0.0.11")[0], 200)

    def test_limits_survive_a_restart(self):
        """The counters are in the database: a restart forgets nothing."""
        srv = cjtest.Server(users=[("someone", PW, "platform_admin", None, None)])
        proc = None
        try:
            for i in range(5):
                assert_error(self, login(srv, "someone", "wrong-%d" % i), 401)
            assert_error(self, login(srv, "someone", PW), 429, "rate_limited")
            srv.proc.terminate()
            srv.proc.wait(timeout=20)
            proc = subprocess.Popen(srv.args, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True)
            for line in proc.stdout:
                m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
                if m:
                    srv.port = int(m.group(1))
                    break
            assert_error(self, login(srv, "someone", PW), 429, "rate_limited")
        finally:
            if proc:
                proc.terminate()
                proc.wait(timeout=20)
                proc.stdout.close()
            srv.stop()


if __name__ == "__main__":
    cjtest.run()
