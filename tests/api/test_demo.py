"""Black-box tests of the demo data (src/demo/demo.json, loaded by
src/demo/demo.c) against the real binary.

The demo must hold the four consortia of the news reports with exactly the
compositions they publish, the Liuzhou council as reported, the agreements
the reports name, a usable secretariat workspace for Liuzhou (charter,
meeting with votes whose results compute, this year's work plan,
announcements, a policy and a project), clearly synthetic names and valid
credit codes for the units the reports do not name, and one working demo
account per role.  `chanjiao demo` loads it once, refuses a database that
already has consortia, and gives the same ids every run.

    python3 tests/api/test_demo.py build/chanjiao
"""
import datetime
import os
import re
import sqlite3
import sys
import tempfile
import shutil
import subprocess
import http.client
import json
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

TYPES = ["government", "enterprise", "undergraduate", "higher_vocational",
         "secondary_vocational", "research_institute", "industry_association", "other"]


def composition(**n):
    by_type = {t: n.get(t, 0) for t in TYPES}
    return {"total": sum(by_type.values()), "by_type": by_type}


# The compositions the news reports publish (see issue 2, "Demo data").
EXPECTED = {
    1: composition(government=8, enterprise=59, secondary_vocational=7, higher_vocational=6,
                   undergraduate=2, research_institute=2),
    2: composition(government=10, undergraduate=8, higher_vocational=8,
                   secondary_vocational=38, research_institute=6, enterprise=120),
    # 66 founding members; the split beyond the three leads is synthetic.
    3: composition(enterprise=25, undergraduate=5, higher_vocational=21,
                   secondary_vocational=8, research_institute=4, industry_association=3),
    # 4 associations, 25 enterprises, 3 institutes, 28 schools (20 + 8 assumed).
    4: composition(industry_association=4, enterprise=25, research_institute=3,
                   secondary_vocational=20, higher_vocational=8),
}

ACCOUNTS = dict(cjtest.DEMO_PASSWORDS, changchun_sec="secretariat-demo-2026",
                auto_equip_sec="secretariat-demo-2026", jjj_sec="secretariat-demo-2026")


def credit_code_valid(code):
    """GB 32100-2015 check character, and for the organisation-code part
    (characters 9-17) the GB 11714 check character."""
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return False
    s = sum(ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(code[:17]))
    if ALPHABET[(31 - s % 31) % 31] != code[17]:
        return False
    org = code[8:17]
    val = [int(ch, 36) for ch in org[:8]]
    c = 11 - sum(v * w for v, w in zip(val, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return org[8] == {10: "X", 11: "0"}.get(c, str(c))


def db_snapshot(path):
    """Row counts of every table plus the organisations in id order.
    Virtual tables are left out (the search index needs the program's
    tokenizer to be opened; its shadow tables are counted)."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
        counts = {t: con.execute("SELECT count(*) FROM \"%s\"" % t).fetchone()[0]
                  for t in tables}
        orgs = con.execute("SELECT id, name, type, credit_code FROM organizations ORDER BY id").fetchall()
        cons = con.execute("SELECT id, name FROM consortia ORDER BY id").fetchall()
        return counts, orgs, cons
    finally:
        con.close()


class DemoServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def get_ok(self, path, token=None):
        st, body = self.srv.get(path, token=token)
        self.assertEqual(st, 200, (path, body))
        return body

    def all_orgs(self):
        body = self.get_ok("/api/v1/organizations?per_page=500", token=self.admin)
        self.assertEqual(body["total"], len(body["items"]))
        return {o["id"]: o for o in body["items"]}

    def org_id(self, name):
        for o in self.all_orgs().values():
            if o["name"] == name:
                return o["id"]
        self.fail("no organisation named %s" % name)

    def test_four_consortia_in_fixed_order(self):
        body = self.get_ok("/api/v1/consortia")
        self.assertEqual(body["total"], 4)
        names = {c["id"]: c["name"] for c in body["items"]}
        self.assertEqual(names[1], "广西（柳州）汽车产教联合体")
        self.assertIn("长春", names[2])
        self.assertEqual(names[3], "全国汽车装备制造行业产教融合共同体")
        self.assertIn("京津冀", names[4])
        lz = next(c for c in body["items"] if c["id"] == 1)
        self.assertEqual((lz["kind"], lz["level"], lz["region_code"]), ("city", "national", "450200"))
        self.assertTrue(lz["is_public"])
        kinds = {c["id"]: c["kind"] for c in body["items"]}
        self.assertEqual(kinds, {1: "city", 2: "city", 3: "industry", 4: "city"})

    def test_compositions_as_published(self):
        for cid, want in EXPECTED.items():
            with self.subTest(consortium=cid):
                self.assertEqual(self.get_ok("/api/v1/consortia/%d/composition" % cid), want)

    def test_liuzhou_composition_exact(self):
        # The figure SPEC.md quotes, checked literally.
        self.assertEqual(self.get_ok("/api/v1/consortia/1/composition"), {
            "total": 84, "by_type": {"government": 8, "enterprise": 59, "undergraduate": 2,
                                     "higher_vocational": 6, "secondary_vocational": 7,
                                     "research_institute": 2, "industry_association": 0,
                                     "other": 0}})

    def test_liuzhou_council_as_reported(self):
        items = self.get_ok("/api/v1/consortia/1/council")["items"]
        self.assertEqual(items[0]["role"], "chair")
        self.assertEqual(items[0]["organization_name"], "柳东新区管理委员会")
        self.assertEqual(items[0]["organization_type"], "government")
        roles = {}
        for it in items:
            roles.setdefault(it["role"], set()).add(it["organization_name"])
        self.assertEqual(roles["chair"], {"柳东新区管理委员会"})
        self.assertEqual(roles["vice_chair"], {"上汽通用五菱汽车股份有限公司", "柳州职业技术大学"})
        self.assertEqual(roles["secretary_general"], {"柳州市教育局"})
        self.assertEqual(roles["deputy_secretary_general"],
                         {"广西(柳州)职业技能公共实训基地", "柳州职业技术大学"})
        # Role order: every row's role_order is not below the previous one.
        orders = [it["role_order"] for it in items]
        self.assertEqual(orders, sorted(orders))
        # 柳州职业技术大学: two roles, one unit.
        lzvtu = [it for it in items if it["organization_name"] == "柳州职业技术大学"]
        self.assertEqual(sorted(it["role"] for it in lzvtu), ["deputy_secretary_general", "vice_chair"])
        self.assertEqual(len({it["organization_id"] for it in lzvtu}), 1)
        self.assertEqual(len({it["organization_id"] for it in items}), 84)

    def test_other_leads(self):
        def council(cid):
            return {(it["organization_name"], it["role"])
                    for it in self.get_ok("/api/v1/consortia/%d/council" % cid)["items"]}
        c3 = council(3)
        self.assertIn(("江铃汽车集团有限公司", "chair"), c3)
        self.assertTrue({r for n, r in c3 if n == "华东交通大学"} &
                        {"executive_chair", "vice_chair"})
        self.assertTrue({r for n, r in c3 if n == "江西机电职业技术学院"} &
                        {"vice_chair", "secretary_general"})
        # Beijing–Tianjin–Hebei: the report names 北京市商业学校 and 祥龙博瑞 as
        # lead units (牵头单位), not as chair (issue 12): they are the
        # consortium's lead school and lead enterprise, and no unit is chair.
        c4 = council(4)
        self.assertIn(("北京市商业学校", "council_member"), c4)
        self.assertIn(("北京祥龙博瑞汽车服务(集团)有限公司", "council_member"), c4)
        self.assertFalse({r for n, r in c4} & {"chair", "executive_chair"}, c4)
        jjj = self.get_ok("/api/v1/consortia/4")
        self.assertEqual(jjj["lead_school_id"], self.org_id("北京市商业学校"))
        self.assertEqual(jjj["lead_enterprise_id"], self.org_id("北京祥龙博瑞汽车服务(集团)有限公司"))
        orgs = self.all_orgs()
        by_name = {o["name"]: o for o in orgs.values()}
        self.assertEqual(by_name["柳州职业技术大学"]["type"], "undergraduate")
        self.assertEqual(by_name["广西(柳州)职业技能公共实训基地"]["type"], "government")
        self.assertEqual(by_name["北京市商业学校"]["type"], "secondary_vocational")
        self.assertEqual(by_name["江西机电职业技术学院"]["type"], "higher_vocational")
        self.assertEqual(by_name["华东交通大学"]["type"], "undergraduate")

    def test_named_liuzhou_agreements(self):
        lzvtu, gxauto = self.org_id("柳州职业技术大学"), self.org_id("广西汽车集团有限公司")
        for t in ("party_building", "strategic"):
            with self.subTest(type=t):
                body = self.get_ok("/api/v1/agreements?consortium_id=1&type=" + t)
                self.assertEqual(body["total"], 1, body)
                a = body["items"][0]
                self.assertEqual(sorted(a["parties"]), sorted([lzvtu, gxauto]))
                self.assertIn("柳州职业技术大学", a["title"])
                self.assertIn("广西汽车集团有限公司", a["title"])
                self.assertEqual(a["consortium_id"], 1)

    def test_changchun_founding_signings(self):
        body = self.get_ok("/api/v1/agreements?consortium_id=2&per_page=100")
        types = sorted(a["type"] for a in body["items"])
        self.assertEqual(types, sorted(["school_enterprise", "school_school",
                                        "science_education", "government_enterprise"]))
        parties = set()
        for a in body["items"]:
            self.assertGreaterEqual(len(a["parties"]), 2)
            parties.update(a["parties"])
        self.assertEqual(len(parties), 13)
        # Every party is a member of the Changchun consortium.
        members = {it["organization_id"] for it in self.get_ok("/api/v1/consortia/2/council")["items"]}
        self.assertLessEqual(parties, members)

    def test_synthetic_units_are_marked_and_codes_valid(self):
        orgs = self.all_orgs()
        # No unit is shared; three are no member: the government that
        # supports Beijing–Tianjin–Hebei (东坝乡, the consortium's profile)
        # and the two authorities (docs/authority.md).
        self.assertEqual(len(orgs), 84 + 190 + 66 + 60 + 1 + 2)
        real = {"柳东新区管理委员会", "上汽通用五菱汽车股份有限公司", "柳州职业技术大学", "柳州市教育局",
                "广西(柳州)职业技能公共实训基地", "广西汽车集团有限公司", "江铃汽车集团有限公司",
                "华东交通大学", "江西机电职业技术学院", "北京市商业学校",
                "北京祥龙博瑞汽车服务(集团)有限公司"}
        names = set()
        for o in orgs.values():
            self.assertNotIn(o["name"], names, "duplicate name")
            names.add(o["name"])
            self.assertRegex(o.get("region_code") or "", r"^[1-8]\d{5}$", o["name"])
            if "示例" in o["name"]:
                self.assertTrue(o["name"].endswith("（虚构）"), o["name"])
                self.assertTrue(credit_code_valid(o["credit_code"] or ""), (o["name"], o["credit_code"]))
            else:
                # We do not know real units' codes, so none is invented.
                self.assertIsNone(o.get("credit_code"), o["name"])
        self.assertLessEqual(real, names)
        codes = [o["credit_code"] for o in orgs.values() if o.get("credit_code")]
        self.assertEqual(len(codes), len(set(codes)))
        # Synthetic codes carry the region of their unit.
        for o in orgs.values():
            if o.get("credit_code"):
                self.assertEqual(o["credit_code"][2:8], o["region_code"], o["name"])

    def test_liuzhou_secretariat_workspace(self):
        tok = self.srv.login("liuzhou_sec")
        year = datetime.date.today().year
        charters = self.get_ok("/api/v1/charters?consortium_id=1")["items"]
        self.assertEqual([c["version"] for c in charters], [1])
        self.assertIn("第一条", charters[0]["body"])

        meetings = self.get_ok("/api/v1/meetings?consortium_id=1", token=tok)["items"]
        self.assertEqual(len(meetings), 1)
        self.assertEqual((meetings[0]["kind"], meetings[0]["status"]), ("council", "held"))
        self.assertLess(meetings[0]["held_on"], datetime.date.today().isoformat())
        agenda = self.get_ok("/api/v1/agenda-items?meeting_id=%d" % meetings[0]["id"], token=tok)["items"]
        self.assertEqual([(a["threshold"], a["base"]) for a in sorted(agenda, key=lambda a: a["seq"])],
                         [("two_thirds", "council"), ("majority", "present")])
        for a in agenda:
            r = self.get_ok("/api/v1/agenda-items/%d/result" % a["id"], token=tok)
            self.assertTrue(r["passed"], r)
            self.assertGreater(r["for"], 0)
            votes = self.get_ok("/api/v1/votes?agenda_item_id=%d&per_page=100" % a["id"], token=tok)
            self.assertEqual(votes["total"], r["for"] + r["against"] + r["abstain"])
        # Motion 1 is counted against the whole council.
        first = min(agenda, key=lambda a: a["seq"])
        r = self.get_ok("/api/v1/agenda-items/%d/result" % first["id"], token=tok)
        self.assertEqual(r["base_count"], r["council_units"])
        self.assertEqual(r["council_units"], 16)

        plan = self.get_ok("/api/v1/work-plan-items?consortium_id=1&year=%d" % year, token=tok)
        self.assertTrue(4 <= plan["total"] <= 6, plan["total"])
        for it in plan["items"]:
            self.assertIsNotNone(it["owner_org_id"])
            self.assertTrue(it["due_on"].startswith(str(year)))
            self.assertIn(it["status"], {"not_started", "in_progress", "done", "delayed"})
        self.assertGreater(len({it["status"] for it in plan["items"]}), 1)

        # Published items are public.
        ann = self.get_ok("/api/v1/announcements?consortium_id=1")
        self.assertTrue(2 <= ann["total"] <= 3)
        self.assertTrue(all(a["status"] == "published" for a in ann["items"]))
        gov = {o["id"] for o in self.all_orgs().values() if o["type"] == "government"}
        for path in ("/api/v1/policies?consortium_id=1", "/api/v1/projects?consortium_id=1"):
            items = self.get_ok(path)["items"]
            self.assertEqual(len(items), 1, path)
            self.assertIn(items[0]["publisher_org_id"], gov)
            self.assertEqual(items[0]["status"], "published")

    def test_every_demo_account_logs_in(self):
        want = {"admin": ("platform_admin", None, None),
                "liuzhou_sec": ("secretariat", 1, None),
                "changchun_sec": ("secretariat", 2, None),
                "auto_equip_sec": ("secretariat", 3, None),
                "jjj_sec": ("secretariat", 4, None),
                "sgmw_admin": ("org_admin", None, "上汽通用五菱汽车股份有限公司"),
                "lzvtu_staff": ("org_staff", None, "柳州职业技术大学"),
                "student_demo": ("student", None, "柳州职业技术大学")}
        self.assertEqual(set(want), set(ACCOUNTS))
        for user, (role, cons, org) in want.items():
            with self.subTest(user=user):
                tok = self.srv.login(user, ACCOUNTS[user])
                me = self.get_ok("/api/v1/auth/me", token=tok)
                self.assertEqual(me["role"], role)
                if cons:
                    self.assertEqual(me["consortium_id"], cons)
                if org:
                    self.assertEqual(me["organization_id"], self.org_id(org))
        # The password is the one printed, not any password.
        st, _ = self.srv.post("/api/v1/auth/login", {"username": "admin", "password": "wrong-password"})
        self.assertEqual(st, 401)

    def test_demo_accounts_obey_permissions(self):
        # The secretariat of Liuzhou edits Liuzhou, not Changchun.
        tok = self.srv.login("liuzhou_sec")
        st, b = self.srv.patch("/api/v1/consortia/1", {"short_name": "柳州联合体"}, token=tok)
        self.assertEqual((st, b["short_name"]), (200, "柳州联合体"), b)
        self.assertEqual(self.get_ok("/api/v1/consortia/1")["short_name"], "柳州联合体")
        before = self.get_ok("/api/v1/consortia/2")["short_name"]
        st, _ = self.srv.patch("/api/v1/consortia/2", {"short_name": "x"}, token=tok)
        self.assertEqual(st, 403)
        self.assertEqual(self.get_ok("/api/v1/consortia/2")["short_name"], before)
        # The SGMW admin edits SGMW only.
        tok = self.srv.login("sgmw_admin")
        sgmw = self.org_id("上汽通用五菱汽车股份有限公司")
        st, _ = self.srv.patch("/api/v1/organizations/%d" % sgmw, {"short_name": "五菱（改）"}, token=tok)
        self.assertEqual(st, 200)
        self.assertEqual(self.get_ok("/api/v1/organizations/%d" % sgmw)["short_name"], "五菱（改）")
        lzvtu = self.org_id("柳州职业技术大学")
        before = self.get_ok("/api/v1/organizations/%d" % lzvtu)["short_name"]
        st, _ = self.srv.patch("/api/v1/organizations/%d" % lzvtu, {"short_name": "x"}, token=tok)
        self.assertIn(st, (403, 404))
        self.assertEqual(self.get_ok("/api/v1/organizations/%d" % lzvtu)["short_name"], before)

    def test_liuzhou_supply_demand(self):
        # The demo's recommendations mix every action, and 电池制造工 is unserved.
        r = self.get_ok("/api/v1/consortia/1/recommendations?period=2025")
        self.assertEqual(r["crosswalk"], "shared")
        actions = {m["code"]: m["action"] for m in r["majors"]}
        self.assertEqual(actions["460701"], "expand")
        self.assertEqual(actions["460702"], "hold")
        self.assertEqual(actions["500211"], "shrink")
        self.assertEqual([(n["code"], [m["code"] for m in n["majors"]]) for n in r["new_majors"]],
                         [("6-24-04-00", ["460204"])])
        t = self.get_ok("/api/v1/consortia/1/gap/trend")
        self.assertEqual(t["periods"], [2024, 2025, 2026])
        # The enterprise sees its demand; the school its students; the student
        # the own record only; the secretariat no students at all.
        sgmw = self.org_id("上汽通用五菱汽车股份有限公司")
        tok = self.srv.login("sgmw_admin")
        mine = self.get_ok("/api/v1/demand?enterprise_id=%d&period=2025" % sgmw, token=tok)
        self.assertEqual(mine["total"], 3)
        # Seven named demo students and the 797 synthetic interns of the
        # placements demo (2023–2026).
        self.assertEqual(self.get_ok("/api/v1/students", token=self.srv.login("lzvtu_staff"))["total"],
                         7 + 797)
        self.assertEqual(self.get_ok("/api/v1/students", token=self.srv.login("student_demo"))["total"], 1)
        self.assertEqual(self.get_ok("/api/v1/students", token=self.srv.login("liuzhou_sec"))["total"], 0)

    def test_import_demand_saved_by_office_suite(self):
        # An XLSX saved by LibreOffice Calc (numeric cells, its own styles),
        # checked without writing.
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        with open(os.path.join(root, "tests", "unit", "fixtures", "import",
                               "demand_libreoffice.xlsx"), "rb") as f:
            data = f.read()
        tok = self.srv.login("liuzhou_sec")
        st, b = self.srv.post("/api/v1/import/demand?consortium_id=1&dry_run=1", data, token=tok,
                              headers={"Content-Type": "application/vnd.openxmlformats-"
                                                       "officedocument.spreadsheetml.sheet"})
        self.assertEqual(st, 200, b)
        self.assertEqual((b["rows"], b["encoding"], b["dry_run"]), (2, "XLSX", True))

    def test_health_reports_demo_mode(self):
        self.assertTrue(self.get_ok("/api/v1/health").get("demo"))
        st, page = self.srv.get("/", raw=True)
        self.assertEqual(st, 200)
        self.assertIn("演示模式".encode(), page)


class DemoCommand(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="cjdemo-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_accounts_are_printed(self):
        p = cjtest.run_cli("demo", "--db", os.path.join(self.dir, "a.db"), check=True)
        for user, pw in ACCOUNTS.items():
            self.assertRegex(p.stdout, r"(?m)^\s*%s\s+%s\s" % (re.escape(user), re.escape(pw)))
        self.assertIn("demo mode", p.stdout)
        self.assertIn("示例模式", p.stdout)

    def test_second_run_changes_nothing(self):
        db = os.path.join(self.dir, "a.db")
        cjtest.run_cli("demo", "--db", db, check=True)
        before = db_snapshot(db)
        p = cjtest.run_cli("demo", "--db", db)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("already loaded", p.stderr)
        self.assertEqual(db_snapshot(db), before)

    def test_same_ids_every_run(self):
        a, b = os.path.join(self.dir, "a.db"), os.path.join(self.dir, "b.db")
        cjtest.run_cli("demo", "--db", a, check=True)
        cjtest.run_cli("demo", "--db", b, check=True)
        sa, sb = db_snapshot(a), db_snapshot(b)
        self.assertEqual(sa[1], sb[1])  # organisations: ids, names, codes
        self.assertEqual(sa[2], sb[2])  # consortia
        self.assertEqual([c[0] for c in sa[2]], [1, 2, 3, 4])
        self.assertEqual(sa[0]["memberships"], 85 + 191 + 67 + 60)

    def test_demo_accounts_refused_outside_demo_mode(self):
        db = os.path.join(self.dir, "a.db")
        cjtest.run_cli("demo", "--db", db, check=True)
        # A real account added to the same database still works.
        cjtest.run_cli("user", "add", "--db", db, "--username", "realadmin", "--role",
                       "platform_admin", input="real-password-1\n", check=True)
        p = subprocess.Popen([cjtest.binary(), "serve", "--db", db, "--listen", "127.0.0.1:0"],
                             stdout=subprocess.PIPE, text=True)
        try:
            port = int(re.search(r":(\d+)", p.stdout.readline().split("http://")[1]).group(1))
            def login(u, pw):
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("POST", "/api/v1/auth/login", body=json.dumps({"username": u, "password": pw}),
                          headers={"Content-Type": "application/json"})
                r = c.getresponse()
                return r.status, json.loads(r.read())
            st, body = login("admin", ACCOUNTS["admin"])
            self.assertEqual(st, 401, body)
            self.assertIn("demo", body["error"]["message"])
            st, body = login("realadmin", "real-password-1")
            self.assertEqual(st, 200, body)
        finally:
            p.terminate()
            p.wait()
            p.stdout.close()

    def test_refuses_database_with_consortia(self):
        db = os.path.join(self.dir, "a.db")
        # A fresh database (schema applied) with one consortium of its own.
        cjtest.run_cli("user", "add", "--db", db, "--username", "root", "--role",
                       "platform_admin", input="root-password-1\n", check=True)
        con = sqlite3.connect(db)
        con.execute("INSERT INTO consortia(name, kind, level, is_public, created_at, updated_at) "
                    "VALUES ('某联合体', 'city', 'municipal', 1, '2024-01-01T00:00:00Z', "
                    "'2024-01-01T00:00:00Z')")
        con.commit()
        con.close()
        before = db_snapshot(db)
        p = cjtest.run_cli("demo", "--db", db)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("consortia", p.stderr)
        self.assertNotIn("admin-demo-2026", p.stdout)
        self.assertEqual(db_snapshot(db), before)
        # serve --demo refuses too, and exits instead of serving.
        p = cjtest.run_cli("serve", "--db", db, "--listen", "127.0.0.1:0", "--demo")
        self.assertNotEqual(p.returncode, 0)
        self.assertEqual(db_snapshot(db), before)


if __name__ == "__main__":
    cjtest.run()
