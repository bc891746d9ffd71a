"""`chanjiao match` end to end (SPEC.md "Fixed interfaces"): small files
with Chinese ids holding commas and quotes, BOM + CRLF, --optimal
position, --explain, and every kind of bad input — which must exit
non-zero, name the file and the line on stderr, and leave no A.csv (and
an A.csv already there untouched)."""
import csv
import io
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

S1, S2, S3 = '张三,"小张"', "李四", "王五"
P1, P2 = '上汽通用五菱,"总装"岗', "柳工焊接"


def textbook_da(srows, prows, crows):
    """Student-proposing deferred acceptance, plainly (for checking)."""
    cap = {p: int(c) for p, c in crows}
    order, slist = [], {}
    for st, p, rank in srows:
        if st not in slist:
            slist[st] = []
            order.append(st)
        slist[st].append((int(rank), p))
    prank = {(p, st): int(rank) for p, st, rank in prows}
    prefs = {st: [p for _, p in sorted(l) if (p, st) in prank] for st, l in slist.items()}
    held = {p: [] for p in cap}
    nxt = {st: 0 for st in order}
    free = list(reversed(order))
    while free:
        st = free.pop()
        while nxt[st] < len(prefs[st]):
            p = prefs[st][nxt[st]]
            nxt[st] += 1
            h = held[p]
            if len(h) < cap[p]:
                h.append(st)
                break
            if h:
                worst = max(h, key=lambda t: prank[(p, t)])
                if prank[(p, worst)] > prank[(p, st)]:
                    h[h.index(worst)] = st
                    free.append(worst)
                    break
    got = {st: p for p, h in held.items() for st in h}
    return [["student", "position"]] + [[st, got.get(st, "")] for st in order]


def rows_to_csv(rows, bom=False, crlf=False):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    for r in rows:
        w.writerow(r)
    return ("\ufeff" if bom else "") + out.getvalue()


class MatchCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="cjmatch-")
        self.out = os.path.join(self.dir, "A.csv")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, rows, **kw):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(rows if isinstance(rows, str) else rows_to_csv(rows, **kw))
        return path

    def market(self, **kw):
        # opposed preferences: student-optimal S1->P1, S2->P2; position-optimal swapped
        s = self.write("S.csv", [["student", "position", "rank"], [S1, P1, 1], [S1, P2, 2],
                                 [S2, P2, 1], [S2, P1, 5], [S3, P1, 1]], **kw)
        p = self.write("P.csv", [["position", "student", "rank"], [P1, S2, 1], [P1, S1, 2],
                                 [P2, S1, 1], [P2, S2, 2]], **kw)
        c = self.write("C.csv", [["position", "capacity"], [P1, 1], [P2, 1]], **kw)
        return s, p, c

    def run_match(self, s, p, c, *extra):
        return cjtest.run_cli("match", "--student-prefs", s, "--position-prefs", p,
                              "--positions", c, "--out", self.out, *extra)

    def read_out(self):
        with open(self.out, encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    def test_student_optimal(self):
        r = self.run_match(*self.market())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read_out(), [["student", "position"], [S1, P1], [S2, P2], [S3, ""]])
        self.assertIn("verified     yes", r.stdout)
        self.assertIn("matched      2", r.stdout)
        self.assertIn("unmatched    1", r.stdout)
        self.assertEqual([n for n in os.listdir(self.dir) if n.startswith(".")], [])

    def test_position_optimal_bom_crlf(self):
        r = self.run_match(*self.market(bom=True, crlf=True), "--optimal", "position",
                           "--explain", S1)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read_out(), [["student", "position"], [S1, P2], [S2, P1], [S3, ""]])
        self.assertIn("explain " + S1, r.stdout)
        self.assertIn("with 1 students it ranks higher", r.stdout)

    def test_explain_not_acceptable(self):
        r = self.run_match(*self.market(), "--explain", S3)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("not acceptable", r.stdout)

    def test_usage(self):
        r = cjtest.run_cli("match", "--student-prefs", "x.csv")
        self.assertEqual(r.returncode, 2)
        r = self.run_match(*self.market(), "--optimal", "best")
        self.assertEqual(r.returncode, 2)

    def bad(self, which, rows, line, reason_part=None):
        s, p, c = self.market()
        path = self.write(which, rows)
        with open(self.out, "w") as f:
            f.write("old\n")
        r = self.run_match(s, p, c)
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn(path, r.stderr)
        self.assertIn("line %d" % line, r.stderr)
        if reason_part:
            self.assertIn(reason_part, r.stderr)
        with open(self.out) as f:
            self.assertEqual(f.read(), "old\n")
        os.unlink(self.out)
        r = self.run_match(s, p, c)
        self.assertNotEqual(r.returncode, 0)
        self.assertFalse(os.path.exists(self.out))
        self.assertEqual([n for n in os.listdir(self.dir) if n.startswith(".")], [])

    SH = ["student", "position", "rank"]
    PH = ["position", "student", "rank"]
    CH = ["position", "capacity"]

    def test_unknown_position_in_s(self):
        self.bad("S.csv", [self.SH, [S1, P1, 1], [S1, "无此岗位", 2]], 3, "unknown position")

    def test_unknown_position_in_p(self):
        self.bad("P.csv", [self.PH, ["无此岗位", S1, 1]], 2, "unknown position")

    def test_unknown_student_in_p(self):
        self.bad("P.csv", [self.PH, [P1, S1, 1], [P1, "陌生人", 2]], 3, "unknown student")

    def test_first_error_is_reported(self):
        # an unknown student on line 2 comes before a bad rank on line 3
        self.bad("P.csv", [self.PH, [P1, "陌生人", 1], [P1, S1, "x"]], 2, "unknown student")

    def test_duplicate_rank(self):
        self.bad("S.csv", [self.SH, [S1, P1, 1], [S1, P2, 1]], 3, "duplicate rank")
        self.bad("P.csv", [self.PH, [P1, S1, 2], [P1, S2, 2]], 3, "duplicate rank")

    def test_same_id_twice(self):
        self.bad("S.csv", [self.SH, [S1, P1, 1], [S2, P1, 1], [S1, P1, 2]], 4, "twice")
        self.bad("P.csv", [self.PH, [P1, S1, 1], [P1, S1, 3]], 3, "twice")

    def test_capacity(self):
        self.bad("C.csv", [self.CH, [P1, 1], [P2, -1]], 3, "negative capacity")
        self.bad("C.csv", [self.CH, [P1, "two"], [P2, 1]], 2, "capacity")
        self.bad("C.csv", [self.CH, [P1, 1], [P2, 1], [P1, 2]], 4, "duplicate position")

    def test_rank_values(self):
        self.bad("S.csv", [self.SH, [S1, P1, "first"]], 2, "not a number")
        self.bad("S.csv", [self.SH, [S1, P1, 0]], 2, "positive")
        self.bad("P.csv", [self.PH, [P1, S1, -3]], 2, "positive")

    def test_malformed_rows(self):
        self.bad("S.csv", [self.SH, [S1, P1]], 2, "short row")
        self.bad("S.csv", [self.SH, [S1, P1, 1, "x"]], 2, "long row")
        self.bad("P.csv", [self.PH, ["", S1, 1]], 2, "empty position")
        self.bad("S.csv", [self.SH, ["", P1, 1]], 2, "empty student")
        self.bad("S.csv", 'student,position,rank\n"unterminated,p,1\n', 2, "quote")

    def test_wrong_header(self):
        self.bad("S.csv", [["student", "job", "rank"], [S1, P1, 1]], 1, "header")
        self.bad("C.csv", [["position"], [P1]], 1, "header")
        self.bad("P.csv", "", 1, "empty")

    def test_header_only(self):
        s = self.write("S.csv", [self.SH])
        p = self.write("P.csv", [self.PH])
        c = self.write("C.csv", [self.CH, [P1, 0]])
        r = self.run_match(s, p, c)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read_out(), [["student", "position"]])

    def test_lists_in_pieces_and_ranks_out_of_order(self):
        # the same market as market(), rows shuffled: S1's list in two
        # pieces, ranks descending, P2's list before P1's
        s = self.write("S.csv", [self.SH, [S1, P2, 2], [S2, P1, 5], [S1, P1, 1], [S3, P1, 1],
                                 [S2, P2, 1]])
        p = self.write("P.csv", [self.PH, [P2, S2, 2], [P1, S1, 2], [P2, S1, 1], [P1, S2, 1]])
        c = self.write("C.csv", [self.CH, [P1, 1], [P2, 1]])
        r = self.run_match(s, p, c)
        self.assertEqual(r.returncode, 0, r.stderr)
        # students in order of first appearance in S.csv
        self.assertEqual(self.read_out(), [["student", "position"], [S1, P1], [S2, P2], [S3, ""]])

    def big_market(self, n):
        """n students, half with quoted ids of three lines (most line ends
        are inside quotes, so a read chunk ends inside a cell), 5 choices
        among 40 positions: the files are several read chunks long."""
        pos = ["岗位-%02d" % k for k in range(40)]
        stu = [("学生\n第 %d 号,\r\n \"甲\"\n" % i) if i % 2 == 0 else "student-%06d" % i
               for i in range(n)]
        srows, prows, crows = [], [], [[p, 1 + k % 6] for k, p in enumerate(pos)]
        lists = {p: [] for p in pos}
        for i, st in enumerate(stu):
            mine = set()
            for k in range(5):
                p = pos[(i * 7 + k * k * 3 + i // 40) % 40]
                if p not in mine:
                    mine.add(p)
                    srows.append([st, p, k + 1])
                    lists[p].append(st)
        for k, p in enumerate(pos):
            ranked = sorted(lists[p], key=lambda st: (hash((st, k)) & 0xffff, st))
            prows += [[p, st, r + 1] for r, st in enumerate(ranked)]
        return srows, prows, crows

    def test_large_files_across_chunks(self):
        srows, prows, crows = self.big_market(12000)
        s = self.write("S.csv", [self.SH] + srows)
        p = self.write("P.csv", [self.PH] + prows, crlf=True)
        c = self.write("C.csv", [self.CH] + crows)
        self.assertGreater(os.path.getsize(s), 600000)
        r = self.run_match(s, p, c)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read_out(), textbook_da(srows, prows, crows))
        # the line of a bad row after thousands of multi-line ids
        with open(s, encoding="utf-8", newline="") as f:
            lines = f.read().count("\n")
        with open(s, "a", encoding="utf-8", newline="") as f:
            f.write("student-000001,无此岗位,9\n")
        os.unlink(self.out)
        r = self.run_match(s, p, c)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("line %d" % (lines + 1), r.stderr)
        self.assertIn("unknown position", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_errors_in_order_across_lookups(self):
        # P's students are looked up after P is read: a bad rank on line 2
        # still comes before an unknown student on line 3
        self.bad("P.csv", [self.PH, [P1, S1, "x"], [P1, "陌生人", 2]], 2, "not a number")
        # S.csv is reported before P.csv
        s, p, c = self.market()
        self.write("S.csv", [self.SH, [S1, "无此岗位", 1]])
        self.write("P.csv", [self.PH, [P1, "陌生人", 1]])
        r = self.run_match(s, p, c)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(s, r.stderr)
        self.assertIn("unknown position", r.stderr)

    def test_duplicates_in_pieces(self):
        # duplicate rank in a list written in two pieces: the later row
        self.bad("S.csv", [self.SH, [S1, P1, 1], [S2, P2, 1], [S1, P2, 1]], 4, "duplicate rank")
        self.bad("P.csv", [self.PH, [P1, S1, 3], [P2, S1, 1], [P1, S2, 3]], 4, "duplicate rank")
        self.bad("P.csv", [self.PH, [P1, S1, 1], [P1, S2, 2], [P2, S1, 1], [P1, S1, 3]], 5,
                 "twice")
        # out of order and a duplicate further on
        self.bad("S.csv", [self.SH, [S1, P1, 3], [S1, P2, 1], [S2, P1, 2], [S2, P2, 2]], 5,
                 "duplicate rank")

    def test_gb18030_positions_files(self):
        s, p, c = self.market()
        for path in (p, c):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            with open(path, "w", encoding="gb18030", newline="") as f:
                f.write(text)
        r = self.run_match(s, p, c)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read_out(), [["student", "position"], [S1, P1], [S2, P2], [S3, ""]])

    def test_nul_byte(self):
        self.bad("P.csv", "position,student,rank\n%s,%s,1\n%s,\0,2\n" % (P2, S2, P2), 3, "NUL")

    def test_gb18030(self):
        s, p, c = self.market()
        with open(s, encoding="utf-8") as f:
            text = f.read()
        with open(s, "w", encoding="gb18030", newline="") as f:
            f.write(text)
        r = self.run_match(s, p, c)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read_out()[1], [S1, P1])


if __name__ == "__main__":
    cjtest.run()
