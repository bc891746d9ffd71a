#!/usr/bin/env python3
"""match_ref.py — a straightforward student-proposing deferred acceptance
in Python over the files of `chanjiao match`, for bench/match.sh to compare
against (speed, and the result itself).  Not part of the product; assumes
well-formed input (no validation).

    match_ref.py S.csv P.csv C.csv A.csv      prints "solve N.NNN s"
"""
import csv
import heapq
import sys
import time


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = csv.reader(f)
        next(r)
        return list(r)


def main():
    s_csv, p_csv, c_csv, out = sys.argv[1:5]
    cap = {p: int(c) for p, c in read(c_csv)}
    order, slist = [], {}
    for s, p, rank in read(s_csv):
        if s not in slist:
            slist[s] = []
            order.append(s)
        slist[s].append((int(rank), p))
    prank = {}
    for p, s, rank in read(p_csv):
        prank[(p, s)] = int(rank)
    prefs = {s: [p for _, p in sorted(l) if (p, s) in prank] for s, l in slist.items()}

    t0 = time.perf_counter()
    held = {p: [] for p in cap}  # heap of (-rank, student): worst on top
    nxt = {s: 0 for s in order}
    free = list(reversed(order))
    while free:
        s = free.pop()
        lst = prefs[s]
        while nxt[s] < len(lst):
            p = lst[nxt[s]]
            r = prank[(p, s)]
            h = held[p]
            if len(h) < cap[p]:
                heapq.heappush(h, (-r, s))
                break
            if h and -h[0][0] > r:
                _, out_s = heapq.heapreplace(h, (-r, s))
                nxt[out_s] += 1
                free.append(out_s)
                break
            nxt[s] += 1
    solve = time.perf_counter() - t0
    got = {}
    for p, h in held.items():
        for _, s in h:
            got[s] = p
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["student", "position"])
        for s in order:
            w.writerow([s, got.get(s, "")])
    print("solve %.3f s" % solve)


if __name__ == "__main__":
    main()
