"""timed_gets.py — the timing client of lists.sh and students.sh.

    python3 bench/timed_gets.py BACKEND PORT REPS [CALLER=]USER|LABEL|PATH ...

Signs in as each USER (password bench-password-1) over one keep-alive
connection, asks each PATH REPS times after one untimed request, and prints
one line per item: backend, caller, label, p50 and p99 in ms (p99 is the
worst when REPS < 100), the answer's total, and whether p99 ≤ 20 ms (issue
13's target for an uncached list page).  Every answer must be 200, and a
list's page within its total must hold rows.
"""
import http.client
import json
import sys
import time

backend, port, reps, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
tokens = {}


def token(user):
    if user not in tokens:
        c.request("POST", "/api/v1/auth/login",
                  json.dumps({"username": user, "password": "bench-password-1"}),
                  {"Content-Type": "application/json"})
        tokens[user] = json.loads(c.getresponse().read())["token"]
    return tokens[user]


for item in items:
    user, label, path = item.split("|", 2)
    caller, _, user = user.rpartition("=")
    caller = caller or user.replace("bench_", "")
    headers = {"Authorization": "Bearer " + token(user)}
    t = []
    for i in range(reps + 1):
        s = time.perf_counter()
        c.request("GET", path, headers=headers)
        r = c.getresponse()
        body = r.read()
        if i:
            t.append((time.perf_counter() - s) * 1000)
        assert r.status == 200, (path, r.status, body[:300])
    t.sort()
    p50 = t[len(t) // 2]
    p99 = t[min(len(t) - 1, int(len(t) * 0.99))] if len(t) >= 100 else t[-1]
    ans = json.loads(body)
    if "items" in ans and "total" in ans:  # a page within the list holds rows
        past = (ans.get("page", 1) - 1) * ans.get("per_page", 20)
        assert ans["items"] or ans["total"] <= past, (path, ans)
    print("%-10s %-11s %-26s %9.1f %9.1f %9d %5s" % (
        backend, caller, label, p50, p99, ans.get("total", -1), "yes" if p99 <= 20 else "no"),
        flush=True)
