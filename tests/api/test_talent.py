"""Black-box tests of the talent supply–demand platform against the real
binary: imports of demand, supply, students and the crosswalk (CLI and
API), gap analysis checked to the cent against an exact-fraction reference
on random data, trends, recommendations, published demand reports, the
catalogue import, and who may see and do what.

    python3 tests/api/test_talent.py build/chanjiao
"""
import csv
import io
import os
import sqlite3
import random
import sys
import unittest
import urllib.parse
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ADMIN_PW = "admin-pass-2026"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "unit", "fixtures", "import")

OCCUPATIONS = ["6-22-01-01", "6-22-02-01", "4-12-01-01", "4-12-01-03", "6-18-02-04",
               "2-02-07-11", "6-24-04-00", "6-31-01-03", "6-25-04-05", "6-20-01-01"]
MAJORS = ["460701", "460702", "460703", "460704", "500211", "500212", "460110", "460204",
          "460301", "460305"]
KINDS = ["employment", "internship", "apprenticeship", "order_class"]


def cents(x):
    """Exact Fraction rounded to 2 decimals, halves away from zero."""
    q = abs(x) * 100
    n = int(q)
    if q - n >= Fraction(1, 2):
        n += 1
    n = -n if x < 0 else n
    return n / 100


def reference(demand, supply, links):
    """The issue's semantics, exactly.  demand: {occ: D}, supply: {major: G},
    links: [(major, occ, weight or None)]."""
    by_major = {}
    for m, o, w in links:
        by_major.setdefault(m, []).append((o, w))
    W = {}
    for m, rows in by_major.items():
        given = [w for _, w in rows if w is not None]
        if not given:
            for o, _ in rows:
                W[(m, o)] = Fraction(1, len(rows))
        else:
            s = sum(given)
            for o, w in rows:
                W[(m, o)] = (w / s) if (s > 0 and w is not None) else Fraction(0)
    S = {}
    for (m, o), w in W.items():
        g = supply.get(m, 0)
        if g > 0 and w > 0:
            S[o] = S.get(o, 0) + g * w
    occ = {}
    for o in set(demand) | set(S):
        d, s = demand.get(o, 0), S.get(o, 0)
        if d > 0 or s > 0:
            occ[o] = (d, s, d - s)
    maj = {}
    for m, g in supply.items():
        dm = Fraction(0)
        for (mm, o), w in W.items():
            if mm == m and S.get(o, 0) > 0 and g > 0 and w > 0:
                dm += demand.get(o, 0) * g * w / S[o]
        maj[m] = (dm, g, dm - g)
    unserved = {o for o, (d, s, _) in occ.items() if d > 0 and s == 0}
    return occ, maj, unserved


class TalentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        cls.admin = cls.srv.login("admin", ADMIN_PW)
        cls.tmp = cjtest.temp_dir(cls, "cjtalent-")
        st, c = cls.srv.post("/api/v1/consortia", {"name": "供需测试联合体", "kind": "city",
                                                   "level": "municipal", "is_public": True},
                             token=cls.admin)
        assert st == 201, c
        cls.cid = c["id"]
        st, c2 = cls.srv.post("/api/v1/consortia", {"name": "非公开联合体", "kind": "city",
                                                    "level": "municipal", "is_public": False},
                              token=cls.admin)
        cls.hidden = c2["id"]
        cls.firms, cls.schools = [], []
        for i in range(3):
            cls.firms.append(cls.org("供需测试企业%d" % i, "enterprise"))
            cls.schools.append(cls.org("供需测试学院%d" % i, "higher_vocational"))
        cls.outsider = cls.org("非成员企业", "enterprise", member=False)
        for u, role, org in (("sec", "secretariat", None), ("firm0", "org_staff", cls.firms[0]),
                             ("school0", "org_staff", cls.schools[0]),
                             ("school1", "org_staff", cls.schools[1]),
                             ("stud", "student", cls.schools[0])):
            body = {"username": u, "display_name": u, "role": role, "password": "pass-" + u + "-2026"}
            if role == "secretariat":
                body["consortium_id"] = cls.cid
            if org:
                body["organization_id"] = org
            st, b = cls.srv.post("/api/v1/users", body, token=cls.admin)
            assert st == 201, b
            if u == "stud":
                cls.stud_id = b["id"]
        cls.tok = {u: cls.srv.login(u, "pass-" + u + "-2026")
                   for u in ("sec", "firm0", "school0", "school1", "stud")}

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    @classmethod
    def org(cls, name, typ, member=True):
        st, o = cls.srv.post("/api/v1/organizations", {"name": name, "type": typ}, token=cls.admin)
        assert st == 201, o
        if member:
            st, m = cls.srv.post("/api/v1/memberships", {"consortium_id": cls.cid,
                                                         "organization_id": o["id"],
                                                         "role": "member"}, token=cls.admin)
            assert st == 201, m
        return o["id"]

    def write(self, name, text, encoding="utf-8"):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(text.encode(encoding))
        return path

    def cli_import(self, kind, path, *extra):
        return self.srv.cli("import", kind, path, "--db", self.srv.db, *extra)

    def count(self, entity, token=None, **filters):
        q = "&".join("%s=%s" % kv for kv in filters.items())
        st, b = self.srv.get("/api/v1/%s?per_page=1&%s" % (entity, q), token=token or self.admin)
        self.assertEqual(st, 200, b)
        return b["total"]

    # ---- the exact semantics on random data ------------------------------

    def test_gap_matches_exact_reference_on_random_data(self):
        rnd = random.Random(20261201)
        cid = self.cid
        period_base = 2030
        # A crosswalk of the consortium's own, mixing all weight patterns.
        links = []
        for m in MAJORS:
            occs = rnd.sample(OCCUPATIONS, rnd.randint(1, 4))
            pattern = rnd.choice(["none", "all", "mixed", "zero"])
            for o in occs:
                if pattern == "none":
                    w = None
                elif pattern == "all":
                    w = Fraction(rnd.randint(1, 9), rnd.choice([1, 4, 10]))
                elif pattern == "mixed":
                    w = rnd.choice([None, Fraction(rnd.randint(1, 5))])
                else:
                    w = Fraction(0)
                links.append((m, o, w))
        # One major with no crosswalk row at all (it feeds nothing).
        links = [l for l in links if l[0] != "460305"]
        lines = ["专业代码,职业编码,权重"]
        for m, o, w in links:
            ws = "" if w is None else repr(float(w))
            lines.append("%s,%s,%s" % (m, o, ws))
        # Weights written as decimals: recompute them from the text, as the
        # server will read them.
        links = [(m, o, None if w is None else Fraction(line.split(",")[2]))
                 for (m, o, w), line in zip(links, lines[1:])]
        p = self.cli_import("crosswalk", self.write("xw.csv", "\n".join(lines) + "\n"),
                            "--consortium", str(cid))
        self.assertEqual(p.returncode, 0, p.stderr)

        firm_names = ["供需测试企业%d" % i for i in range(3)]
        school_names = ["供需测试学院%d" % i for i in range(3)]
        demand = {}  # (period, kind) -> {occ: D}
        rows = ["企业,职业编码,岗位名称,需求类型,需求人数,年度,状态"]
        for _ in range(300):
            period = period_base + rnd.randint(0, 2)
            o = rnd.choice(OCCUPATIONS[:-1])  # 6-20-01-01 never demanded
            k = rnd.choice(KINDS)
            n = rnd.randint(1, 40)
            status = rnd.choice(["published"] * 4 + ["draft", "closed"])
            rows.append("%s,%s,随机岗位,%s,%d,%d,%s" % (rnd.choice(firm_names), o, k, n, period,
                                                     status))
            if status == "published":
                demand.setdefault((period, k), {}).setdefault(o, 0)
                demand[(period, k)][o] += n
        # GB18030 with Chinese headers and labels, as Chinese Excel saves it.
        text = "\r\n".join(rows).replace(",employment,", ",就业,").replace(",internship,", ",顶岗实习,")
        p = self.cli_import("demand", self.write("demand.csv", text + "\r\n", "gb18030"),
                            "--consortium", str(cid))
        self.assertEqual(p.returncode, 0, p.stderr)

        supply = {}
        srows = ["school,major_code,level,period,enrolment,graduates"]
        seen = set()
        for _ in range(60):
            period = period_base + rnd.randint(0, 2)
            s, m = rnd.choice(school_names), rnd.choice(MAJORS)
            if (s, m, period) in seen:
                continue
            seen.add((s, m, period))
            g = rnd.randint(0, 120)
            srows.append("%s,%s,higher,%d,%d,%d" % (s, m, period, g + 10, g))
            supply.setdefault(period, {}).setdefault(m, 0)
            supply[period][m] += g
        p = self.cli_import("supply", self.write("supply.csv", "\n".join(srows) + "\n"),
                            "--consortium", str(cid))
        self.assertEqual(p.returncode, 0, p.stderr)

        for period in range(period_base, period_base + 3):
            for kind in (None,) + tuple(KINDS):
                if kind:
                    D = dict(demand.get((period, kind), {}))
                else:
                    D = {}
                    for (pp, _k), dd in demand.items():
                        if pp == period:
                            for o, n in dd.items():
                                D[o] = D.get(o, 0) + n
                occ, maj, unserved = reference(D, supply.get(period, {}), links)
                q = "period=%d%s" % (period, "&kind=" + kind if kind else "")
                st, g = self.srv.get("/api/v1/consortia/%d/gap?by=occupation&%s" % (cid, q))
                self.assertEqual(st, 200, g)
                self.assertEqual(g["crosswalk"], "own")
                got = {i["code"]: (i["demand"], i["supply"], i["gap"]) for i in g["items"]}
                want = {o: tuple(cents(x) for x in v) for o, v in occ.items()}
                self.assertEqual(got, want, (period, kind))
                self.assertEqual(g["total"], len(want))
                self.assertEqual({u["code"] for u in g["unserved"]}, unserved)
                gaps = [i["gap"] for i in g["items"]]
                self.assertEqual(gaps, sorted(gaps, reverse=True))
                st, g = self.srv.get("/api/v1/consortia/%d/gap?by=major&%s" % (cid, q))
                self.assertEqual(st, 200, g)
                got = {i["code"]: (i["demand"], i["supply"], i["gap"]) for i in g["items"]}
                want = {m: tuple(cents(x) for x in v) for m, v in maj.items()}
                self.assertEqual(got, want, (period, kind))

        # Trends: one point per period with data, totals add up.
        st, t = self.srv.get("/api/v1/consortia/%d/gap/trend?by=occupation&from=%d&to=%d"
                             % (cid, period_base, period_base + 2))
        self.assertEqual(st, 200, t)
        self.assertEqual(t["periods"], [period_base, period_base + 1, period_base + 2])
        for i, period in enumerate(t["periods"]):
            D = {}
            for (pp, _k), dd in demand.items():
                if pp == period:
                    for o, n in dd.items():
                        D[o] = D.get(o, 0) + n
            self.assertEqual(t["totals"]["demand"][i], cents(Fraction(sum(D.values()))))
        self.assertLessEqual(len(t["series"]), 10)

        # Recommendations restate the gap by major, with a consistent action.
        st, r = self.srv.get("/api/v1/consortia/%d/recommendations?period=%d&expand=1.1&shrink=0.9"
                             % (cid, period_base))
        self.assertEqual(st, 200, r)
        occ, maj, unserved = reference(self._demand_total(demand, period_base),
                                       supply.get(period_base, {}), links)
        for m in r["majors"]:
            dm, g, _ = maj[m["code"]]
            self.assertEqual(m["demand"], cents(dm))
            self.assertEqual(m["graduates"], cents(g))
            if g == 0:
                self.assertIsNone(m["ratio"])
                self.assertEqual(m["action"], "hold")
            elif not m["occupations"]:
                self.assertEqual(m["action"], "hold")
            else:
                ratio = cents(dm / g)
                self.assertEqual(m["ratio"], ratio)
                want = "expand" if ratio >= 1.1 else "shrink" if ratio <= 0.9 else "hold"
                self.assertEqual(m["action"], want, m)
            self.assertTrue(m["reason_zh"] and m["reason_en"])
        self.assertEqual({n["code"] for n in r["new_majors"]}, unserved)
        for n in r["new_majors"]:
            fed_by = {m for m, o, w in links if o == n["code"] and (w is None or w > 0)}
            self.assertEqual({x["code"] for x in n["majors"]}, fed_by)
            self.assertEqual(n["action"], "open")

    @staticmethod
    def _demand_total(demand, period):
        D = {}
        for (pp, _k), dd in demand.items():
            if pp == period:
                for o, n in dd.items():
                    D[o] = D.get(o, 0) + n
        return D

    # ---- imports -------------------------------------------------------

    def test_refused_import_changes_nothing(self):
        before = self.count("demand", consortium_id=self.cid)
        st, g0 = self.srv.get("/api/v1/consortia/%d/gap?period=2041" % self.cid)
        bad = ("enterprise,occupation_code,job_title,kind,headcount,period\n"
               "供需测试企业0,6-22-02-01,好岗位,employment,5,2041\n"
               "供需测试企业0,6-99-99-99,坏编码,employment,5,2041\n"
               "供需测试企业1,6-22-02-01,坏类型,full_time,5,2041\n"
               "非成员企业,6-22-02-01,非成员,employment,5,2041\n"
               "供需测试企业2,6-22-02-01,人数,employment,0,2041\n")
        p = self.cli_import("demand", self.write("bad.csv", bad), "--consortium", str(self.cid))
        self.assertEqual(p.returncode, 1)
        for line in ("第 3 行", "第 4 行", "第 5 行", "第 6 行"):
            self.assertIn(line, p.stderr)
        self.assertNotIn("第 2 行", p.stderr)
        self.assertIn("不在已载入的职业分类中", p.stderr)
        self.assertIn("不是本联合体成员", p.stderr)
        self.assertEqual(self.count("demand", consortium_id=self.cid), before)
        st, g1 = self.srv.get("/api/v1/consortia/%d/gap?period=2041" % self.cid)
        self.assertEqual(g0, g1)
        # The same file over the API: 422 with the rows, nothing written.
        st, b = self.srv.post("/api/v1/import/demand?consortium_id=%d" % self.cid, bad,
                              token=self.tok["sec"], headers={"Content-Type": "text/csv"})
        err = cjtest.assert_error(self, (st, b), 422, "validation_failed")
        self.assertEqual(sorted({r["line"] for r in err["details"]["rows"]}), [3, 4, 5, 6])
        self.assertEqual(self.count("demand", consortium_id=self.cid), before)
        # Missing consortium, unknown kind.
        p = self.cli_import("demand", self.write("ok.csv", bad.split("\n")[0] + "\n"))
        self.assertEqual(p.returncode, 2)
        cjtest.assert_error(self, self.srv.post("/api/v1/import/demand", "x", token=self.tok["sec"]),
                            400)
        cjtest.assert_error(self, self.srv.post("/api/v1/import/wishes?consortium_id=1", "x",
                                                token=self.tok["sec"]), 404)

    def test_a_large_demand_import_is_found_by_search(self):
        """An import of more published rows than the search index takes in
        one batch (2 000: on PostgreSQL the commit then looks each row up
        by key, store_search_pg_catch_up) is found whole, by search and by
        a list's q=, Chinese and Latin; its drafts by the list alone."""
        st, c = self.srv.post("/api/v1/consortia", {"name": "大批检索联合体", "kind": "city",
                                                   "level": "municipal", "is_public": True},
                              token=self.admin)
        self.assertEqual(st, 201, c)
        st, m = self.srv.post("/api/v1/memberships", {"consortium_id": c["id"],
                                                      "organization_id": self.firms[0],
                                                      "role": "member"}, token=self.admin)
        self.assertEqual(st, 201, m)
        rows = ["企业,职业编码,岗位名称,需求类型,需求人数,年度,状态"]
        for i in range(2600):
            rows.append("供需测试企业0,%s,大批检索岗位%04d PLC调试,就业,1,2025,%s"
                        % (OCCUPATIONS[0], i, "published" if i < 2500 else "draft"))
        p = self.cli_import("demand", self.write("large.csv", "\n".join(rows) + "\n"),
                            "--consortium", str(c["id"]))
        self.assertEqual(p.returncode, 0, p.stderr[-500:])
        st, b = self.srv.get("/api/v1/search?consortium=%d&q=%s&per_page=1"
                             % (c["id"], urllib.parse.quote("检索岗位")), token=self.admin)
        self.assertEqual((st, b.get("total")), (200, 2500), b)
        for q in ("检索岗位", "PLC"):
            st, b = self.srv.get("/api/v1/demand?consortium_id=%d&q=%s&per_page=1"
                                 % (c["id"], urllib.parse.quote(q)), token=self.admin)
            self.assertEqual((st, b.get("total")), (200, 2600), (q, b))

    def test_an_import_that_changes_rows_keeps_search_and_totals(self):
        """An import's new rows are indexed and counted at its commit (on
        PostgreSQL past the per-row triggers, which a load's mark sets
        aside: migration 033), the rows an import changes are indexed and
        counted again, and a write after an import is indexed and counted
        by the triggers as before."""
        st, c = self.srv.post("/api/v1/consortia", {"name": "改行检索联合体", "kind": "city",
                                                   "level": "municipal", "is_public": True},
                              token=self.admin)
        self.assertEqual(st, 201, c)
        cid = c["id"]
        st, m = self.srv.post("/api/v1/memberships", {"consortium_id": cid,
                                                      "organization_id": self.firms[0],
                                                      "role": "member"}, token=self.admin)
        self.assertEqual(st, 201, m)
        occ = OCCUPATIONS[1]

        def found(q):
            st, b = self.srv.get("/api/v1/search?consortium=%d&q=%s&per_page=1"
                                 % (cid, urllib.parse.quote(q)), token=self.admin)
            self.assertEqual(st, 200, b)
            return b["total"]

        def demand_total():
            st, g = self.srv.get("/api/v1/consortia/%d/gap?by=occupation&period=2090" % cid)
            self.assertEqual(st, 200, g)
            return {i["code"]: i["demand"] for i in g["items"]}.get(occ, 0)

        head = "企业,职业编码,岗位名称,需求类型,需求人数,年度\n"
        p = self.cli_import("demand", self.write("first.csv", head + "".join(
            "供需测试企业0,%s,旧称焊装岗位%d,就业,2,2090\n" % (occ, i) for i in range(3))),
            "--consortium", str(cid))
        self.assertEqual(p.returncode, 0, p.stderr[-500:])
        self.assertEqual((found("旧称焊装"), demand_total()), (3, 6))
        st, lst = self.srv.get("/api/v1/demand?consortium_id=%d&sort=id" % cid, token=self.admin)
        self.assertEqual(st, 200, lst)
        first = lst["items"][0]["id"]
        # One row renamed and its headcount changed, by its id; one new.
        p = self.cli_import("demand", self.write("second.csv",
                            "编号," + head + "%d,供需测试企业0,%s,新称涂装岗位,就业,5,2090\n"
                            ",供需测试企业0,%s,另一新称涂装岗位,就业,1,2090\n"
                            % (first, occ, occ)), "--consortium", str(cid), "--mode", "upsert")
        self.assertEqual(p.returncode, 0, p.stderr[-500:])
        self.assertEqual((found("旧称焊装"), found("新称涂装"), demand_total()), (2, 2, 10))
        # A write of its own after the imports: the triggers again.
        st, b = self.srv.post("/api/v1/demand", {
            "consortium_id": cid, "enterprise_id": self.firms[0], "occupation_code": occ,
            "job_title": "写后检索岗位", "kind": "employment", "headcount": 4, "period": 2090,
            "status": "published"}, token=self.admin)
        self.assertEqual(st, 201, b)
        self.assertEqual((found("写后检索"), demand_total()), (1, 14))

    def test_own_unit_column_may_be_left_out(self):
        # An enterprise's staff import their own demand without the 企业 column.
        text = "职业编码,岗位名称,需求类型,需求人数,年度\n6-22-02-01,自家岗位,就业,3,2080\n"
        st, b = self.srv.post("/api/v1/import/demand?consortium_id=%d" % self.cid, text,
                              token=self.tok["firm0"])
        self.assertEqual(st, 200, b)
        st, lst = self.srv.get("/api/v1/demand?period=2080", token=self.tok["firm0"])
        self.assertEqual([d["enterprise_id"] for d in lst["items"]], [self.firms[0]])
        # Naming another enterprise is still refused, and nothing is written.
        other = "企业,职业编码,岗位名称,需求类型,需求人数,年度\n供需测试企业1,6-22-02-01,越权,就业,3,2080\n"
        cjtest.assert_error(self, self.srv.post("/api/v1/import/demand?consortium_id=%d" % self.cid,
                                                other, token=self.tok["firm0"]), 403)
        self.assertEqual(self.count("demand", period=2080), 1)
        # The secretariat must name the enterprise.
        cjtest.assert_error(self, self.srv.post("/api/v1/import/demand?consortium_id=%d" % self.cid,
                                                text, token=self.tok["sec"]), 422)

    def test_shared_crosswalk_filter(self):
        st, b = self.srv.post("/api/v1/crosswalk", {"major_code": "460703",
                                                    "occupation_code": "6-31-01-03"}, token=self.admin)
        self.assertEqual(st, 201, b)
        cjtest.assert_error(self, self.srv.post("/api/v1/crosswalk", {
            "major_code": "460703", "occupation_code": "6-31-01-02"}, token=self.tok["sec"]), 403)
        st, lst = self.srv.get("/api/v1/crosswalk?consortium_id=null&per_page=500")
        self.assertEqual(st, 200, lst)
        self.assertTrue(lst["items"])
        self.assertTrue(all(r["consortium_id"] is None for r in lst["items"]))

    def test_supply_xlsx_and_duplicates(self):
        path = os.path.join(FIX, "supply.xlsx")
        # A missing fixture is a failure, never a skip.
        self.assertTrue(os.path.exists(path), "fixture missing: " + path)
        with open(path, "rb") as f:
            data = f.read()
        st, b = self.srv.post("/api/v1/import/supply?consortium_id=%d&dry_run=1" % self.cid, data,
                              token=self.tok["sec"], headers={"Content-Type": XLSX_TYPE})
        self.assertEqual(st, 200, b)
        self.assertEqual(b["encoding"], "XLSX")
        self.assertGreater(b["rows"], 0)
        dup = ("学校,专业代码,层次,年度,毕业生人数\n"
               "供需测试学院2,460702,高职专科,2045,30\n"
               "供需测试学院2,460702,higher,2045,31\n")
        st, b = self.srv.post("/api/v1/import/supply?consortium_id=%d" % self.cid, dup,
                              token=self.tok["sec"])
        err = cjtest.assert_error(self, (st, b), 422)
        self.assertEqual([(r["line"], r["field"]) for r in err["details"]["rows"]], [(3, "major_code")])

    def refused_on_its_line(self, kind, lines, index, refuse, token):
        """Import `lines` (a header and 2 600 rows) of `kind` three times,
        each time with two rows made to break `index` (a unique index the
        import's rules do not know, made on the test's database) by
        refuse(line): the answer must be 422 naming the second of them
        only, and nothing may be imported.  On PostgreSQL a large import's
        rows go to the database in groups (store_bulk_copy.c), and the
        refusal comes some rows after the row was handed over."""
        def sql(text):
            if cjtest.on_pg():
                cjtest.psql(self.srv.db, text)
            else:
                with sqlite3.connect(self.srv.db) as db:
                    db.execute(text)
        before = self.count(kind, consortium_id=self.cid)
        sql(index)
        try:
            for first, second in ((2, 12), (2, 2590), (2599, 2601)):
                text = lines[:]
                for n in (first, second):
                    text[n - 1] = refuse(text[n - 1])
                st, b = self.srv.post("/api/v1/import/%s?consortium_id=%d" % (kind, self.cid),
                                      "\n".join(text) + "\n", token=token)
                self.assertEqual(st, 422, (first, second, b))
                err = cjtest.assert_error(self, (st, b), 422)
                self.assertEqual([r["line"] for r in err["details"]["rows"]], [second],
                                 (first, second))
                self.assertEqual(self.count(kind, consortium_id=self.cid), before)
        finally:
            sql("DROP INDEX test_refused")

    def test_a_row_the_database_refuses_is_reported_on_its_line(self):
        # The import's own checks find every duplicate before the database
        # does, so a refusal is made here: at most one row with 99 graduates.
        majors = ["4101%02d" % i for i in range(1, 10)]
        lines = ["学校,专业代码,层次,年度,毕业生人数"]
        for p in range(2000, 2101):
            for s in range(3):
                for m in majors:
                    lines.append("供需测试学院%d,%s,高职专科,%d,%d" % (s, m, p, 10 + s))
        self.refused_on_its_line(
            "supply", lines[:2601],
            "CREATE UNIQUE INDEX test_refused ON supply (graduates) WHERE graduates = 99",
            lambda line: line.rsplit(",", 1)[0] + ",99", self.tok["sec"])

    def test_a_student_the_database_refuses_is_reported_on_its_line(self):
        # Students go by COPY on PostgreSQL too: at most one student named 重名.
        lines = ["学校,学号,姓名,专业代码,层次,年级"]
        lines += ["供需测试学院%d,R%05d,学生%d,460702,大专,2025" % (i % 3, i, i)
                  for i in range(2600)]
        self.refused_on_its_line(
            "students", lines,
            "CREATE UNIQUE INDEX test_refused ON students (name) WHERE name = '重名'",
            lambda line: line.replace("," + line.split(",")[2] + ",", ",重名,"), self.admin)

    def test_imported_rows_with_and_without_optional_cells(self):
        # A file's rows differ in their empty cells.  On PostgreSQL the
        # rows go by COPY, whose one column list holds every column with
        # no default (sent as NULL where a row has none) and a column with
        # a default (consent) only for the rows that give it: each row
        # must still read back as written, whatever its neighbours.  (A
        # school of its own: other tests count the other schools' students.)
        self.org("可选列测试学院", "higher_vocational")
        lines = ["学校,学号,姓名,专业代码,层次,年级,技能特长,同意信息用于双选"]
        for i in range(2600):
            lines.append("可选列测试学院,OPT%05d,可选%d,460702,大专,2025,%s,%s" % (
                i, i, "焊接" if i % 2 else "", ("是", "否", "")[i % 3]))
        st, b = self.srv.post("/api/v1/import/students?consortium_id=%d" % self.cid,
                              "\n".join(lines) + "\n", token=self.admin)
        self.assertEqual(st, 200, b)
        for i in (0, 1, 2, 3, 1297, 2598, 2599):
            st, r = self.srv.get("/api/v1/students?consortium_id=%d&student_no=OPT%05d"
                                 % (self.cid, i), token=self.admin)
            self.assertEqual(st, 200, r)
            row = r["items"][0]
            self.assertEqual(row["name"], "可选%d" % i)
            self.assertEqual(row["skills"], "焊接" if i % 2 else None, i)
            self.assertEqual(row["consent"], i % 3 == 0, i)
            self.assertEqual(row["cohort"], 2025)

    def test_a_database_error_in_a_check_is_not_a_refusal(self):
        # Whether a unit is a member is asked yes or no (store_is_member).
        # When the database fails that question, the answer is its error,
        # not the 403/422 a "no" would give, and nothing is written.
        def sql(text):
            if cjtest.on_pg():
                cjtest.psql(self.srv.db, text)
            else:  # the old RENAME: no trigger is parsed (their tokenizer is the server's)
                with sqlite3.connect(self.srv.db) as db:
                    db.execute("PRAGMA legacy_alter_table = ON")
                    db.execute(text)
        body = {"consortium_id": self.cid, "enterprise_id": self.firms[0],
                "occupation_code": "6-22-02-01", "job_title": "查错岗位", "kind": "employment",
                "headcount": 2, "period": 2031, "status": "draft"}
        st, d = self.srv.post("/api/v1/demand", body, token=self.tok["firm0"])
        self.assertEqual(st, 201, d)
        before = self.count("demand", period=2031)
        sql("ALTER TABLE memberships RENAME TO memberships_gone")
        try:
            st, d = self.srv.post("/api/v1/demand", body, token=self.tok["firm0"], record=False)
        finally:
            sql("ALTER TABLE memberships_gone RENAME TO memberships")
        self.assertEqual(st, 500, d)
        self.assertEqual(self.count("demand", period=2031), before)
        st, d = self.srv.post("/api/v1/demand", body, token=self.tok["firm0"])
        self.assertEqual(st, 201, d)

    def test_students_private_to_school_and_self(self):
        text = ("学校,学号,姓名,专业代码,层次,年级,技能特长,同意信息用于双选\n"
                "供需测试学院0,S001,学生甲,460702,高职专科,2024,电池检测；装配,是\n"
                "供需测试学院0,S002,学生乙,460701,高职专科,2024,,否\n"
                "供需测试学院1,T001,学生丙,500211,高职专科,2023,故障诊断,是\n")
        st, b = self.srv.post("/api/v1/import/students?consortium_id=%d" % self.cid, text,
                              token=self.admin)
        self.assertEqual(st, 200, b)
        self.assertEqual(self.count("students", token=self.tok["school0"]), 2)
        self.assertEqual(self.count("students", token=self.tok["school1"]), 1)
        self.assertEqual(self.count("students", token=self.tok["sec"]), 0)
        self.assertEqual(self.count("students", token=self.tok["firm0"]), 0)
        st, b = self.srv.get("/api/v1/students")
        self.assertIn(st, (200, 401))
        if st == 200:
            self.assertEqual(b["total"], 0)
        st, lst = self.srv.get("/api/v1/students?student_no=S001", token=self.tok["school0"])
        sid = lst["items"][0]["id"]
        self.assertEqual(lst["items"][0]["skills"], "电池检测、装配")
        cjtest.assert_error(self, self.srv.get("/api/v1/students/%d" % sid, token=self.tok["school1"]),
                            404)
        cjtest.assert_error(self, self.srv.get("/api/v1/students/%d" % sid, token=self.tok["sec"]),
                            404)
        # Only a student account of the same school may be linked.
        st, users = self.srv.get("/api/v1/users?username=firm0", token=self.admin)
        err = cjtest.assert_error(self, self.srv.patch("/api/v1/students/%d" % sid, {
            "user_id": users["items"][0]["id"]}, token=self.tok["school0"]), 422)
        self.assertIn("user_id", err["details"])
        # Linked to the student's account, the student sees (and edits) it.
        st, b = self.srv.patch("/api/v1/students/%d" % sid, {"user_id": self.stud_id},
                               token=self.tok["school0"])
        self.assertEqual(st, 200, b)
        st, b = self.srv.get("/api/v1/students/%d" % sid, token=self.tok["stud"])
        self.assertEqual(st, 200, b)
        self.assertEqual(self.count("students", token=self.tok["stud"]), 1)
        st, b = self.srv.patch("/api/v1/students/%d" % sid, {"skills": "高压安全"},
                               token=self.tok["stud"])
        self.assertEqual(st, 200, b)
        # A school cannot register students of another school.
        cjtest.assert_error(self, self.srv.post("/api/v1/students", {
            "consortium_id": self.cid, "school_id": self.schools[0], "student_no": "X1",
            "name": "越权", "major_code": "460702", "level": "higher", "cohort": 2024},
            token=self.tok["school1"]), 403)

    def test_demand_permissions_and_visibility(self):
        body = {"consortium_id": self.cid, "enterprise_id": self.firms[0],
                "occupation_code": "6-22-02-01", "job_title": "焊装技术员", "kind": "employment",
                "headcount": 4, "period": 2050, "status": "draft", "pay_min": 6000,
                "pay_max": 5000}
        err = cjtest.assert_error(self, self.srv.post("/api/v1/demand", body, token=self.tok["firm0"]),
                                  422)
        self.assertIn("pay_max", err["details"])
        body["pay_max"] = 9000
        st, d = self.srv.post("/api/v1/demand", body, token=self.tok["firm0"])
        self.assertEqual(st, 201, d)
        # A draft is the enterprise's and the secretariat's only.
        cjtest.assert_error(self, self.srv.get("/api/v1/demand/%d" % d["id"]), 404)
        self.assertEqual(self.srv.get("/api/v1/demand/%d" % d["id"], token=self.tok["sec"])[0], 200)
        st, g = self.srv.get("/api/v1/consortia/%d/gap?period=2050" % self.cid)
        self.assertEqual(g["items"], [])
        st, d2 = self.srv.patch("/api/v1/demand/%d" % d["id"], {"status": "published"},
                                token=self.tok["firm0"])
        self.assertEqual(st, 200, d2)
        self.assertEqual(self.srv.get("/api/v1/demand/%d" % d["id"])[0], 200)
        st, g = self.srv.get("/api/v1/consortia/%d/gap?period=2050" % self.cid)
        self.assertEqual(g["items"][0]["demand"], 4)
        # Another enterprise's staff may not publish for firm 1, nor edit firm 0's rows.
        other = dict(body, enterprise_id=self.firms[1])
        cjtest.assert_error(self, self.srv.post("/api/v1/demand", other, token=self.tok["firm0"]), 403)
        cjtest.assert_error(self, self.srv.patch("/api/v1/demand/%d" % d["id"], {"headcount": 9},
                                                 token=self.tok["school0"]), 403)
        # A unit that is not a member cannot be named.
        err = cjtest.assert_error(self, self.srv.post("/api/v1/demand", dict(
            body, enterprise_id=self.outsider), token=self.tok["sec"]), 422)
        self.assertIn("enterprise_id", err["details"])
        # Closing takes it out of the analysis.
        self.srv.patch("/api/v1/demand/%d" % d["id"], {"status": "closed"}, token=self.tok["sec"])
        st, g = self.srv.get("/api/v1/consortia/%d/gap?period=2050" % self.cid)
        self.assertEqual(g["items"], [])

    def test_bad_parameters_and_hidden_consortium(self):
        base = "/api/v1/consortia/%d" % self.cid
        for path in ("/gap", "/gap?period=abc", "/gap?period=1999", "/gap?period=2025&by=region",
                     "/gap?period=2025&kind=job", "/recommendations?period=2025&expand=0.5&shrink=0.8",
                     "/recommendations?period=2025&expand=-1", "/gap/trend?from=2026&to=2025"):
            cjtest.assert_error(self, self.srv.get(base + path), 400)
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/%d/gap?period=2025" % self.hidden), 404)
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/99999/gap?period=2025"), 404)
        self.assertEqual(self.srv.get("/api/v1/consortia/%d/gap?period=2025" % self.hidden,
                                      token=self.admin)[0], 200)

    # ---- reports --------------------------------------------------------

    def test_report_published_and_frozen(self):
        p = self.cli_import("demand", self.write("r.csv",
                            "企业,职业编码,岗位名称,需求类型,需求人数,年度,技能要求\n"
                            "供需测试企业1,4-12-01-01,汽车维修工,就业,7,2060,诊断；保养\n"),
                            "--consortium", str(self.cid))
        self.assertEqual(p.returncode, 0, p.stderr)
        path = "/api/v1/consortia/%d/demand-reports" % self.cid
        cjtest.assert_error(self, self.srv.post(path, {"period": 2060}), 401)
        cjtest.assert_error(self, self.srv.post(path, {"period": 2060}, token=self.tok["firm0"]), 403)
        cjtest.assert_error(self, self.srv.post(path, {"period": "2060"}, token=self.tok["sec"]), 422)
        cjtest.assert_error(self, self.srv.post(path, {"period": 2060, "x": 1}, token=self.tok["sec"]), 422)
        st, rep = self.srv.post(path, {"period": 2060, "title": "2060年人才需求动态（测试）"},
                                token=self.tok["sec"])
        self.assertEqual(st, 201, rep)
        self.assertEqual(rep["summary"]["headcount"], 7)
        self.assertEqual(rep["items"][0]["enterprise"], "供需测试企业1")
        self.assertEqual(rep["items"][0]["skills"], "诊断、保养")
        self.assertEqual(rep["published_by"], "sec")
        rid = rep["id"]
        st, lst = self.srv.get(path)
        self.assertEqual(st, 200)
        self.assertIn(rid, [r["id"] for r in lst["items"]])
        # Later changes leave the published report as it was.
        self.cli_import("demand", self.write("r2.csv", "企业,职业编码,岗位名称,需求类型,需求人数,年度\n"
                                             "供需测试企业2,4-12-01-01,又一个,就业,50,2060\n"),
                        "--consortium", str(self.cid))
        st, again = self.srv.get("/api/v1/demand-reports/%d" % rid)
        self.assertEqual(st, 200)
        self.assertEqual(again["summary"]["headcount"], 7)
        self.assertEqual(again["published_at"], rep["published_at"])
        st, g = self.srv.get("/api/v1/consortia/%d/gap?period=2060" % self.cid)
        self.assertEqual(g["items"][0]["demand"], 57)
        # Downloads.
        st, raw = self.srv.get("/api/v1/demand-reports/%d?format=csv" % rid, raw=True)
        self.assertEqual(st, 200)
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["企业", "岗位名称", "职业编码"])
        self.assertEqual(rows[1][:6], ["供需测试企业1", "汽车维修工", "4-12-01-01", "汽车维修工", "就业", "7"])
        self.assertEqual(len(rows), 2)
        st, raw = self.srv.get("/api/v1/demand-reports/%d?format=xlsx&table=occupations" % rid,
                               raw=True)
        self.assertEqual(st, 200)
        self.assertEqual(raw[:2], b"PK")
        cjtest.assert_error(self, self.srv.get("/api/v1/demand-reports/%d?format=pdf" % rid), 400)
        cjtest.assert_error(self, self.srv.get("/api/v1/demand-reports/999999"), 404)

    def test_report_list_pages_and_exports(self):
        """The report list is a list like the others: pages with page and
        per_page, newest first, and ?format=csv|xlsx exports it with the
        summary's figures as columns."""
        self.cli_import("demand", self.write("rl.csv",
                        "企业,职业编码,岗位名称,需求类型,需求人数,年度\n"
                        "供需测试企业1,4-12-01-01,报告列表,就业,3,2061\n"),
                        "--consortium", str(self.cid))
        path = "/api/v1/consortia/%d/demand-reports" % self.cid
        ids = []
        for n in range(3):
            st, rep = self.srv.post(path, {"period": 2061, "title": "列表测试%d" % n},
                                    token=self.tok["sec"])
            self.assertEqual(st, 201, rep)
            ids.append(rep["id"])
        st, all_ = self.srv.get(path + "?per_page=500")
        self.assertEqual(st, 200)
        self.assertEqual(all_["total"], len(all_["items"]))
        self.assertEqual((all_["page"], all_["per_page"]), (1, 500))
        newest = [r["id"] for r in all_["items"]]
        self.assertEqual(newest[:3], ids[::-1])
        st, p2 = self.srv.get(path + "?per_page=1&page=2")
        self.assertEqual(st, 200)
        self.assertEqual([r["id"] for r in p2["items"]], [newest[1]])
        self.assertEqual(p2["total"], all_["total"])
        self.assertNotIn("body", p2["items"][0])
        self.assertEqual(p2["items"][0]["summary"]["headcount"], 3)
        cjtest.assert_error(self, self.srv.get(path + "?page=0"), 400)
        cjtest.assert_error(self, self.srv.get(path + "?format=pdf"), 400)
        cjtest.assert_error(self, self.srv.get("/api/v1/consortia/999999/demand-reports"), 404)
        st, raw = self.srv.get(path + "?format=csv", raw=True)
        self.assertEqual(st, 200)
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(rows[0], ["编号", "年度", "标题", "发布时间(UTC)", "发布人", "岗位数",
                                   "需求人数", "企业数", "职业数", "毕业生数", "在校生数"])
        self.assertEqual(len(rows), 1 + all_["total"])
        self.assertEqual(rows[1][:3], [str(ids[2]), "2061", "列表测试2"])
        self.assertEqual((rows[1][4], rows[1][6]), ("sec", "3"))
        st, raw = self.srv.get(path + "?format=csv&lang=en", raw=True)
        self.assertEqual(raw.decode("utf-8-sig").splitlines()[0].split(",")[:3],
                         ["id", "Year", "Title"])
        st, raw = self.srv.get(path + "?format=xlsx", raw=True)
        self.assertEqual((st, raw[:2]), (200, b"PK"))

    # ---- the command line -----------------------------------------------

    def test_cli_gap_and_report_match_the_api(self):
        self.cli_import("demand", self.write("c.csv", "企业,职业编码,岗位名称,需求类型,需求人数,年度\n"
                                             "供需测试企业0,4-12-01-03,电池,就业,9,2070\n"),
                        "--consortium", str(self.cid))
        p = self.srv.cli("gap", "--db", self.srv.db, "--consortium", str(self.cid), "--period",
                         "2070", "--format", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        import json
        st, api = self.srv.get("/api/v1/consortia/%d/gap?period=2070" % self.cid)
        self.assertEqual(json.loads(p.stdout), api)
        p = self.srv.cli("gap", "--db", self.srv.db, "--consortium", str(self.cid), "--period",
                         "2070", "--format", "csv")
        self.assertEqual(p.stdout.splitlines()[:2],
                         ["code,name,demand,supply,gap", "4-12-01-03,电池及电池系统维修保养师,9.00,0.00,9.00"])
        for bad in (["--period", "2070"], ["--consortium", "x", "--period", "2070"],
                    ["--consortium", "1", "--period", "2070", "--kind", "x"],
                    ["--consortium", "1", "--period", "2070", "--expand", "2"]):
            self.assertEqual(self.srv.cli("gap", "--db", self.srv.db, *bad).returncode, 2, bad)
        self.assertEqual(self.srv.cli("gap", "--db", self.srv.db, "--consortium", "99999",
                                      "--period", "2070").returncode, 1)
        p = self.srv.cli("report", "publish", "--db", self.srv.db, "--consortium", str(self.cid),
                         "--period", "2070")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("2070年人才需求动态", p.stdout)

    # ---- catalogues -------------------------------------------------------

    def test_catalogue_edition_import(self):
        st, b = self.srv.get("/api/v1/occupations?code=6-22-02-01")
        self.assertEqual(b["items"][0]["edition"], "2022")
        self.assertEqual(self.count("occupations"), 2172)
        self.assertEqual(self.count("majors"), 697)
        newer = ("code,name,level,parent_code\n"
                 "6-22-02-01,汽车装调工（新版）,occupation,6-22-02\n"
                 "6-22-02-03,汽车智能化装调工,occupation,6-22-02\n")
        p = self.cli_import("occupations", self.write("occ.csv", newer))
        self.assertEqual(p.returncode, 2)  # --edition is required
        p = self.cli_import("occupations", self.write("occ.csv", newer), "--edition", "2025")
        self.assertEqual(p.returncode, 0, p.stderr)
        st, b = self.srv.get("/api/v1/occupations?code=6-22-02-01")
        self.assertEqual((b["items"][0]["name"], b["items"][0]["edition"]), ("汽车装调工（新版）", "2025"))
        self.assertEqual(self.count("occupations"), 2173)
        bad = "code,name,level\n6-22-02-0X,坏编码,occupation\n"
        p = self.cli_import("occupations", self.write("occbad.csv", bad), "--edition", "2026")
        self.assertEqual(p.returncode, 1)
        self.assertIn("第 2 行", p.stderr)
        self.assertEqual(self.count("occupations"), 2173)
        # Only a platform admin loads catalogues over the API.
        cjtest.assert_error(self, self.srv.post("/api/v1/import/majors?edition=2025",
                                                "code,name,level\n460799,新专业,higher\n",
                                                token=self.tok["sec"]), 403)
        st, b = self.srv.post("/api/v1/import/majors?edition=2025",
                              "专业代码,专业名称,层次\n460799,汽车新专业（测试）,高职专科\n",
                              token=self.admin)
        self.assertEqual(st, 200, b)
        self.assertEqual(self.count("majors"), 698)


if __name__ == "__main__":
    cjtest.run()
