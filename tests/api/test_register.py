"""Black-box tests of the register's entity routes against the real binary.

For each of the 13 entities: create (201 + id + Location), get, list
(total, paging, a filter, both sort directions, q), CSV/XLSX export,
PATCH, soft DELETE (204, then 404, gone from lists); anonymous writes
(401); wrong-role callers (403, or 404 where the row is hidden from
them); validation (422 with details naming each bad field); 409 on
duplicates; 400 on malformed JSON and bad query strings; 404/405/413; and
the visibility rules (private contact fields, non-public consortia, draft
announcements and policies, members-only meetings).

Fixtures are built through the API by a platform admin created with
`chanjiao user add`; the demo data is not used.

    python3 tests/api/test_register.py build/chanjiao
"""
import os
import socket
import sys
import unittest
import uuid
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(n, prefix="91450200"):
    """A valid GB 32100-2015 unified social credit code (check character
    computed with weights 3^i mod 31)."""
    body = prefix + "%09d" % n
    s = sum(ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(body))
    return body + ALPHABET[(31 - s % 31) % 31]


def bad_check(code):
    """The same code with a wrong check character."""
    wrong = ALPHABET[(ALPHABET.index(code[-1]) + 1) % 31]
    return code[:-1] + wrong


_seq = [1000]


def next_code():
    _seq[0] += 1
    return credit_code(_seq[0])


def tag():
    return "T" + uuid.uuid4().hex[:8]


ADMIN_PW = "admin-pass-2026"
PW = "password-2026"

ENTITY_PATHS = ["organizations", "consortia", "memberships", "charters", "meetings",
                "agenda-items", "votes", "work-plan-items", "agreements", "policies",
                "projects", "announcements", "users"]


class RegisterTest(unittest.TestCase):
    srv = None

    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        s = cls.srv
        cls.admin = s.login("admin", ADMIN_PW)
        a = cls.admin

        def mk(path, body, tok=a):
            st, b = s.post("/api/v1/" + path, body, token=tok)
            if st != 201:
                raise AssertionError("fixture %s %s: %s %s" % (path, body, st, b))
            return b["id"]

        cls.cA = mk("consortia", {"name": "甲市汽车产教联合体", "kind": "city",
                                  "level": "municipal", "region_code": "450200"})
        cls.cB = mk("consortia", {"name": "乙行业产教融合共同体", "kind": "industry",
                                  "level": "national"})
        cls.cP = mk("consortia", {"name": "丙内部联合体", "kind": "city", "level": "provincial",
                                  "is_public": False})
        cls.govA = mk("organizations", {"name": "甲市教育局", "type": "government",
                                        "credit_code": next_code()})
        cls.entA = mk("organizations", {"name": "甲汽车股份有限公司", "type": "enterprise",
                                        "credit_code": next_code(), "contact_name": "张三",
                                        "contact_phone": "0772-1234567",
                                        "contact_email": "zs@example.com"})
        cls.schA = mk("organizations", {"name": "甲职业技术学院", "type": "higher_vocational"})
        cls.entB = mk("organizations", {"name": "乙装备制造有限公司", "type": "enterprise",
                                        "contact_name": "李四"})
        for cons, org, role in [(cls.cA, cls.govA, "chair"), (cls.cA, cls.entA, "vice_chair"),
                                (cls.cA, cls.schA, "member"), (cls.cB, cls.entB, "member"),
                                (cls.cP, cls.entA, "member")]:
            mk("memberships", {"consortium_id": cons, "organization_id": org, "role": role})
        users = [("secA", "secretariat", None, cls.cA), ("secB", "secretariat", None, cls.cB),
                 ("entA_admin", "org_admin", cls.entA, None),
                 ("entA_staff", "org_staff", cls.entA, None),
                 ("govA_staff", "org_staff", cls.govA, None),
                 ("entB_admin", "org_admin", cls.entB, None),
                 ("stuA", "student", cls.schA, None)]
        cls.uid = {}
        for name, role, org, cons in users:
            body = {"username": name, "display_name": name, "role": role, "password": PW}
            if org:
                body["organization_id"] = org
            if cons:
                body["consortium_id"] = cons
            cls.uid[name] = mk("users", body)
        cls.tok = {name: s.login(name, PW) for name, _, _, _ in users}

    @classmethod
    def tearDownClass(cls):
        if cls.srv:
            cls.srv.stop()

    # ---- helpers -------------------------------------------------------------

    def json_ctype(self):
        self.assertTrue(self.srv.last_headers.get("Content-Type", "").startswith("application/json"),
                        self.srv.last_headers.get("Content-Type"))

    def err(self, resp, status, code=None, fields=()):
        e = assert_error(self, resp, status, code)
        self.json_ctype()
        for f in fields:
            self.assertIsInstance(e["details"], dict, e)
            self.assertIn(f, e["details"], e)
            self.assertTrue(e["details"][f], e)
        return e

    def create(self, path, body, tok=None):
        st, b = self.srv.post("/api/v1/" + path, body, token=tok or self.admin)
        self.assertEqual(st, 201, b)
        self.json_ctype()
        self.assertIsInstance(b.get("id"), int, b)
        self.assertEqual(self.srv.last_headers.get("Location"), "/api/v1/%s/%d" % (path, b["id"]))
        return b

    def list(self, path, query, tok=None):
        query = quote(query, safe="=&-_.,:@%")
        st, b = self.srv.get("/api/v1/%s?%s" % (path, query), token=tok)
        self.assertEqual(st, 200, b)
        self.assertIsInstance(b["items"], list)
        self.assertIsInstance(b["total"], int)
        return b

    def crud(self, path, tok, rows, scope, flt, sort, patch, header_zh, q=None):
        """rows: two create bodies; scope: a query selecting exactly them;
        flt: (query, expected index list); sort: field; patch: body for
        rows[0]; header_zh: a Chinese CSV header expected in exports;
        q: a ?q= text matching only rows[1] (within scope)."""
        s = self.srv
        made = [self.create(path, r, tok) for r in rows]
        for m, r in zip(made, rows):
            for k, v in r.items():
                if k != "password":
                    self.assertEqual(m[k], v, (k, m))
            self.assertNotIn("password", m)
            st, g = s.get("/api/v1/%s/%d" % (path, m["id"]), token=tok)
            self.assertEqual(st, 200, g)
            # the same row; private fields only where the reader may see them
            self.assertEqual(g, {k: v for k, v in m.items() if k in g})
            self.assertTrue(all(k.startswith("contact_") for k in m if k not in g), g)
        ids = [m["id"] for m in made]
        # list, total, paging
        b = self.list(path, scope, tok)
        self.assertEqual(b["total"], 2, b)
        self.assertEqual(sorted(i["id"] for i in b["items"]), sorted(ids))
        p1 = self.list(path, scope + "&per_page=1&page=1&sort=id", tok)
        p2 = self.list(path, scope + "&per_page=1&page=2&sort=id", tok)
        p3 = self.list(path, scope + "&per_page=1&page=3&sort=id", tok)
        self.assertEqual((p1["total"], p2["total"], p3["total"]), (2, 2, 2))
        self.assertEqual([p1["items"][0]["id"], p2["items"][0]["id"]], sorted(ids))
        self.assertEqual(p3["items"], [])
        self.assertEqual(p1["per_page"], 1)
        self.assertEqual(p2["page"], 2)
        # a filter
        fq, want = flt
        fq = fq.format(*ids)
        b = self.list(path, scope + "&" + fq, tok)
        self.assertEqual(sorted(i["id"] for i in b["items"]), sorted(ids[i] for i in want), fq)
        self.assertEqual(b["total"], len(want))
        # sort both ways
        vals = sorted(m[sort] for m in made)
        up = self.list(path, scope + "&sort=" + sort, tok)
        down = self.list(path, scope + "&sort=-" + sort, tok)
        self.assertEqual([i[sort] for i in up["items"]], vals)
        self.assertEqual([i[sort] for i in down["items"]], vals[::-1])
        # q
        if q:
            b = self.list(path, "per_page=500&q=" + q, tok)
            found = [i["id"] for i in b["items"]]
            self.assertIn(ids[1], found, q)
            self.assertNotIn(ids[0], found, q)
        # export
        st, raw = s.get("/api/v1/%s?%s&format=csv" % (path, scope), token=tok, raw=True)
        self.assertEqual(st, 200, raw[:300])
        self.assertTrue(s.last_headers["Content-Type"].startswith("text/csv"))
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), raw[:20])
        text = raw[3:].decode("utf-8")
        header = text.split("\r\n")[0]
        self.assertIn(header_zh, header.split(","))
        self.assertEqual(len([ln for ln in text.split("\r\n") if ln]), 3, text)
        st, raw = s.get("/api/v1/%s?%s&format=xlsx" % (path, scope), token=tok, raw=True)
        self.assertEqual(st, 200)
        self.assertTrue(raw.startswith(b"PK"), raw[:10])
        self.assertIn("spreadsheetml", s.last_headers["Content-Type"])
        # patch
        st, b = s.patch("/api/v1/%s/%d" % (path, ids[0]), patch, token=tok)
        self.assertEqual(st, 200, b)
        for k, v in patch.items():
            if k != "password":
                self.assertEqual(b[k], v)
        st, g = s.get("/api/v1/%s/%d" % (path, ids[0]), token=tok)
        self.assertEqual(g, b)
        self.assertEqual(g["created_at"], made[0]["created_at"])
        # delete (soft)
        st, b = s.delete("/api/v1/%s/%d" % (path, ids[0]), token=tok)
        self.assertEqual(st, 204, b)
        self.err(s.get("/api/v1/%s/%d" % (path, ids[0]), token=tok), 404, "not_found")
        self.err(s.patch("/api/v1/%s/%d" % (path, ids[0]), patch, token=tok), 404, "not_found")
        self.err(s.delete("/api/v1/%s/%d" % (path, ids[0]), token=tok), 404, "not_found")
        b = self.list(path, scope, tok)
        self.assertEqual([i["id"] for i in b["items"]], [ids[1]])
        self.assertEqual(b["total"], 1)
        return made

    def fresh_org(self, tok=None, **kw):
        body = {"name": "单位" + tag(), "type": "enterprise"}
        body.update(kw)
        return self.create("organizations", body, tok)["id"]

    def join(self, cons, org, role="member", tok=None):
        return self.create("memberships", {"consortium_id": cons, "organization_id": org,
                                           "role": role}, tok)["id"]

    def meeting(self, cons=None, tok=None):
        return self.create("meetings", {"consortium_id": cons or self.cA, "title": "理事会" + tag(),
                                        "kind": "council", "held_on": "2025-03-01",
                                        "status": "held"}, tok or self.tok["secA"])["id"]

    def agenda(self, meeting, tok=None):
        return self.create("agenda-items", {"meeting_id": meeting, "seq": 1, "title": "审议" + tag(),
                                            "threshold": "majority", "base": "present"},
                           tok or self.tok["secA"])["id"]

    # ---- CRUD for every entity --------------------------------------------------

    def test_crud_organizations(self):
        t = tag()
        c1, c2 = next_code(), next_code()
        rows = [{"name": "甲" + t + "有限公司", "type": "enterprise", "credit_code": c1,
                 "region_code": "450200", "short_name": "甲" + t},
                {"name": "乙" + t + "学院", "type": "higher_vocational", "credit_code": c2,
                 "region_code": "450100", "address": "柳州市" + t + "焊接路1号"}]
        made = self.crud("organizations", self.admin, rows, "q=" + t,
                         ("type=higher_vocational", [1]), "name",
                         {"short_name": "新简称", "website": "https://example.com"}, "单位名称",
                         q=t + "学院")
        # filter by exact credit code; Chinese label in a filter value
        b = self.list("organizations", "credit_code=" + c2)
        self.assertEqual([i["id"] for i in b["items"]], [made[1]["id"]])
        # a filter value may be the Chinese label
        b = self.list("organizations", "q=%s&type=%s" % (t, quote("高职院校")))
        self.assertEqual([i["id"] for i in b["items"]], [made[1]["id"]])

    def test_crud_consortia(self):
        t = tag()
        rows = [{"name": "联合体" + t + "一", "kind": "city", "level": "municipal",
                 "founded_on": "2023-06-01", "industry_focus": "新能源汽车"},
                {"name": "共同体" + t + "二", "kind": "industry", "level": "national",
                 "founded_on": "2024-01-15", "region_name": "江西" + t + "南昌"}]
        self.crud("consortia", self.admin, rows, "q=" + t, ("kind=industry", [1]), "founded_on",
                  {"description": "简介", "level": "provincial"}, "联合体名称", q=t + "南昌")

    def test_crud_memberships(self):
        org = self.fresh_org(self.tok["secA"])
        rows = [{"consortium_id": self.cA, "organization_id": org, "role": "council_member",
                 "term": 1, "joined_on": "2023-01-01"},
                {"consortium_id": self.cA, "organization_id": org, "role": "deputy_secretary_general",
                 "term": 2, "joined_on": "2024-01-01"}]
        self.crud("memberships", self.tok["secA"], rows, "organization_id=%d" % org,
                  ("term=2", [1]), "joined_on", {"note": "备注", "left_on": "2030-01-01"},
                  "理事会职务")

    def test_crud_charters(self):
        t = tag()
        rows = [{"consortium_id": self.cA, "version": 10, "title": "章程" + t,
                 "body": "第一条 总则", "adopted_on": "2023-05-01"},
                {"consortium_id": self.cA, "version": 11, "title": "章程修订" + t,
                 "body": "第一条 总则（修订）焊接", "adopted_on": "2024-05-01"}]
        self.crud("charters", self.tok["secA"], rows, "consortium_id=%d&q=%s" % (self.cA, t),
                  ("version=11", [1]), "version", {"adopted_on": "2023-06-01"}, "正文",
                  q="修订")

    def test_crud_meetings(self):
        t = tag()
        rows = [{"consortium_id": self.cA, "title": "第一届理事会" + t, "kind": "council",
                 "held_on": "2023-03-01", "status": "held", "term": 1},
                {"consortium_id": self.cA, "title": "成员大会" + t, "kind": "general_assembly",
                 "held_on": "2024-03-01", "status": "planned", "place": "柳州"}]
        self.crud("meetings", self.tok["secA"], rows, "q=" + t, ("kind=general_assembly", [1]),
                  "held_on", {"status": "cancelled", "minutes": "纪要\n第二行"}, "会议名称",
                  q="大会")

    def test_crud_agenda_items(self):
        m = self.meeting()
        rows = [{"meeting_id": m, "seq": 1, "title": "审议章程修订", "threshold": "two_thirds",
                 "base": "council"},
                {"meeting_id": m, "seq": 2, "title": "审议年度工作计划", "threshold": "majority",
                 "base": "present"}]
        made = self.crud("agenda-items", self.tok["secA"], rows, "meeting_id=%d" % m,
                         ("id={1}", [1]), "seq", {"threshold": "unanimous"}, "议题",
                         q="工作计划")
        # the consortium comes from the meeting
        self.assertEqual(made[1]["consortium_id"], self.cA)

    def test_crud_votes(self):
        m = self.meeting()
        ai = self.agenda(m)
        rows = [{"agenda_item_id": ai, "organization_id": self.govA, "choice": "for"},
                {"agenda_item_id": ai, "organization_id": self.entA, "choice": "against",
                 "note": "保留意见"}]
        made = self.crud("votes", self.tok["secA"], rows, "agenda_item_id=%d" % ai,
                         ("choice=against", [1]), "id", {"choice": "abstain"}, "表决单位")
        self.assertEqual(made[0]["consortium_id"], self.cA)

    def test_crud_work_plan_items(self):
        t = tag()
        rows = [{"consortium_id": self.cA, "year": 2024, "title": "建设实训基地" + t,
                 "owner_org_id": self.schA, "due_on": "2024-12-31", "status": "in_progress",
                 "progress": 40},
                {"consortium_id": self.cA, "year": 2025, "title": "发布人才需求报告" + t,
                 "owner_org_id": self.entA, "due_on": "2025-06-30", "status": "not_started",
                 "progress": 0}]
        self.crud("work-plan-items", self.tok["secA"], rows, "q=" + t, ("year=2025", [1]),
                  "due_on", {"status": "done", "progress": 100}, "工作事项", q="需求报告")

    def test_crud_agreements(self):
        t = tag()
        rows = [{"consortium_id": self.cA, "title": "校企合作协议" + t, "type": "school_enterprise",
                 "parties": [self.schA, self.entA], "signed_on": "2023-09-01",
                 "status": "signed"},
                {"consortium_id": self.cA, "title": "党建共建协议" + t, "type": "party_building",
                 "parties": [self.govA, self.entA, self.schA], "signed_on": "2024-09-01",
                 "ends_on": "2027-09-01", "status": "in_force", "scope": "共建" + t}]
        self.crud("agreements", self.tok["secA"], rows, "q=" + t,
                  ("parties=%d" % self.govA, [1]), "signed_on", {"status": "expired"}, "签约单位",
                  q="党建")
        # exported parties are organisation names
        st, raw = self.srv.get("/api/v1/agreements?format=csv&q=" + t, raw=True)
        self.assertIn("甲职业技术学院", raw.decode("utf-8-sig"))

    def test_crud_policies(self):
        t = tag()
        rows = [{"consortium_id": self.cA, "publisher_org_id": self.govA, "title": "产教融合政策" + t,
                 "level": "municipal", "issued_on": "2023-04-01", "status": "published"},
                {"consortium_id": self.cA, "publisher_org_id": self.govA, "title": "实习补贴办法" + t,
                 "level": "provincial", "issued_on": "2024-04-01", "status": "published",
                 "doc_number": "桂教发〔2024〕1号"}]
        self.crud("policies", self.tok["govA_staff"], rows, "q=" + t, ("level=provincial", [1]),
                  "issued_on", {"summary": "要点", "status": "withdrawn"}, "政策名称", q="补贴")

    def test_crud_projects(self):
        t = tag()
        rows = [{"consortium_id": self.cA, "publisher_org_id": self.govA, "title": "实训基地项目" + t,
                 "funding": 500, "apply_by": "2025-05-01", "status": "published",
                 "project_status": "open"},
                {"consortium_id": self.cA, "publisher_org_id": self.govA, "title": "专业群建设" + t,
                 "funding": 1200, "apply_by": "2025-08-01", "status": "published",
                 "project_status": "planned", "category": "专业建设"}]
        self.crud("projects", self.tok["secA"], rows, "q=" + t, ("project_status=planned", [1]),
                  "funding", {"funding": 800, "project_status": "running"}, "项目名称", q="专业群")

    def test_crud_announcements(self):
        t = tag()
        rows = [{"consortium_id": self.cA, "title": "通知" + t + "一", "body": "正文一",
                 "published_on": "2025-01-02", "status": "published"},
                {"consortium_id": self.cA, "title": "公告" + t + "二", "body": "焊接技能大赛",
                 "published_on": "2025-02-03", "status": "published"}]
        self.crud("announcements", self.tok["secA"], rows, "q=" + t, ("status=published", [0, 1]),
                  "published_on", {"title": "通知（更正）" + t}, "标题", q="焊接")

    def test_crud_users(self):
        t = tag()
        rows = [{"username": "u1" + t, "display_name": "用户甲" + t, "role": "org_staff",
                 "organization_id": self.entB, "password": "long-enough-1"},
                {"username": "u2" + t, "display_name": "用户乙" + t, "role": "secretariat",
                 "consortium_id": self.cB, "password": "long-enough-2"}]
        made = self.crud("users", self.admin, rows, "q=" + t, ("role=secretariat", [1]),
                         "username", {"display_name": "改名" + t, "password": "changed-pass-3"},
                         "用户名", q="用户乙")
        # the new password works, the user is then deleted and cannot sign in
        st, b = self.srv.post("/api/v1/auth/login", {"username": "u2" + t,
                                                      "password": "long-enough-2"})
        self.assertEqual(st, 200, b)
        self.assertEqual(b["user"]["role"], "secretariat")
        st, b = self.srv.post("/api/v1/auth/login", {"username": "u1" + t,
                                                      "password": "changed-pass-3"})
        self.assertEqual(st, 401, b)  # deleted by crud()
        # a password never comes back, not even in the export
        st, raw = self.srv.get("/api/v1/users?format=csv&q=" + t, token=self.admin, raw=True)
        self.assertNotIn("密码", raw.decode("utf-8-sig"))
        self.assertNotIn("long-enough", raw.decode("utf-8-sig"))
        self.assertNotIn("password", made[1])

    # ---- anonymous and wrong-role callers ------------------------------------

    def test_anonymous_writes_401(self):
        for p in ENTITY_PATHS:
            self.err(self.srv.post("/api/v1/" + p, {"name": "x"}), 401, "unauthorized")
            self.err(self.srv.patch("/api/v1/%s/1" % p, {"name": "x"}), 401, "unauthorized")
            self.err(self.srv.delete("/api/v1/%s/1" % p), 401, "unauthorized")
        # a bad bearer token is 401 even where anonymous reads are fine
        self.err(self.srv.get("/api/v1/consortia", token="not-a-token"), 401, "unauthorized")

    def test_export_languages(self):
        st, raw = self.srv.get("/api/v1/consortia?format=csv&lang=en", raw=True)
        self.assertEqual(st, 200)
        header = raw.decode("utf-8-sig").split("\r\n")[0].split(",")
        # English labels (issue 15), which the importer reads back
        self.assertIn("Name", header)
        self.assertIn("Kind", header)
        self.assertNotIn("ID", header)  # ids are not exported
        text = raw.decode("utf-8-sig")
        self.assertIn("City-level", text)  # enum labels in English
        st, raw = self.srv.get("/api/v1/consortia?format=csv", raw=True)
        self.assertIn("市域产教联合体", raw.decode("utf-8-sig"))
        self.assertIn("attachment", self.srv.last_headers.get("Content-Disposition", ""))

    def test_users_admin_only(self):
        self.err(self.srv.get("/api/v1/users"), 401, "unauthorized")
        self.err(self.srv.get("/api/v1/users?format=csv"), 401, "unauthorized")
        self.err(self.srv.get("/api/v1/users?format=xlsx", token=self.tok["secA"]), 403)
        for who in ("secA", "entA_admin", "stuA"):
            self.err(self.srv.get("/api/v1/users", token=self.tok[who]), 403, "forbidden")
            self.err(self.srv.post("/api/v1/users", {"username": "x" + tag(), "display_name": "x",
                                                     "role": "platform_admin",
                                                     "password": "long-enough"},
                                   token=self.tok[who]), 403, "forbidden")
            self.err(self.srv.get("/api/v1/users/%d" % self.uid["secB"], token=self.tok[who]),
                     404, "not_found")
            self.err(self.srv.patch("/api/v1/users/%d" % self.uid[who], {"role": "platform_admin"},
                                    token=self.tok[who]), 404)
        # nobody made themselves admin
        st, me = self.srv.get("/api/v1/auth/me", token=self.tok["secA"])
        self.assertEqual(me["role"], "secretariat")

    def test_organizations_permissions(self):
        s = self.srv
        body = {"name": "新单位" + tag(), "type": "enterprise"}
        for who in ("entA_admin", "entA_staff", "stuA"):
            self.err(s.post("/api/v1/organizations", body, token=self.tok[who]), 403, "forbidden")
        # an enterprise's admin edits its own unit, not another one
        st, b = s.patch("/api/v1/organizations/%d" % self.entA, {"website": "https://a.example"},
                        token=self.tok["entA_admin"])
        self.assertEqual(st, 200, b)
        self.err(s.patch("/api/v1/organizations/%d" % self.entB, {"website": "https://x"},
                         token=self.tok["entA_admin"]), 403, "forbidden")
        self.err(s.patch("/api/v1/organizations/%d" % self.entA, {"website": "https://x"},
                         token=self.tok["entA_staff"]), 403, "forbidden")
        # a secretariat edits units of its consortium only
        st, b = s.patch("/api/v1/organizations/%d" % self.schA, {"short_name": "甲职院"},
                        token=self.tok["secA"])
        self.assertEqual(st, 200, b)
        self.err(s.patch("/api/v1/organizations/%d" % self.schA, {"short_name": "x"},
                         token=self.tok["secB"]), 403, "forbidden")
        # delete is for platform admins
        self.err(s.delete("/api/v1/organizations/%d" % self.schA, token=self.tok["secA"]), 403)
        self.err(s.delete("/api/v1/organizations/%d" % self.entA, token=self.tok["entA_admin"]), 403)

    def test_consortia_permissions(self):
        s = self.srv
        body = {"name": "新联合体" + tag(), "kind": "city", "level": "municipal"}
        self.err(s.post("/api/v1/consortia", body, token=self.tok["secA"]), 403, "forbidden")
        self.err(s.post("/api/v1/consortia", body, token=self.tok["entA_admin"]), 403, "forbidden")
        st, b = s.patch("/api/v1/consortia/%d" % self.cA, {"industry_focus": "汽车"},
                        token=self.tok["secA"])
        self.assertEqual(st, 200, b)
        self.err(s.patch("/api/v1/consortia/%d" % self.cA, {"industry_focus": "x"},
                         token=self.tok["secB"]), 403, "forbidden")
        self.err(s.patch("/api/v1/consortia/%d" % self.cA, {"industry_focus": "x"},
                         token=self.tok["entA_admin"]), 403, "forbidden")
        self.err(s.delete("/api/v1/consortia/%d" % self.cA, token=self.tok["secA"]), 403)

    def test_consortium_rows_permissions(self):
        """Secretariat-only rows: other roles, and the secretariat of
        consortium B, may not write consortium A's rows."""
        s, A = self.srv, self.cA
        org = self.fresh_org(self.tok["secA"])
        m = self.meeting()
        ai = self.agenda(m)
        bodies = {
            "memberships": {"consortium_id": A, "organization_id": org, "role": "member"},
            "charters": {"consortium_id": A, "version": 500, "title": "章程稿", "body": "正文"},
            "meetings": {"consortium_id": A, "title": "会议" + tag(), "kind": "working",
                         "held_on": "2025-01-01", "status": "planned"},
            "agenda-items": {"meeting_id": m, "seq": 9, "title": "议题" + tag(),
                             "threshold": "majority", "base": "present"},
            "votes": {"agenda_item_id": ai, "organization_id": self.govA, "choice": "for"},
            "work-plan-items": {"consortium_id": A, "year": 2025, "title": "计划" + tag(),
                                "status": "not_started"},
            "agreements": {"consortium_id": A, "title": "协议" + tag(), "type": "strategic",
                           "parties": [self.govA, self.entA], "status": "draft"},
            "announcements": {"consortium_id": A, "title": "公告" + tag(), "body": "正文",
                              "status": "draft"},
        }
        for path, body in bodies.items():
            for who in ("secB", "entA_admin", "entA_staff", "govA_staff", "stuA"):
                self.err(s.post("/api/v1/" + path, body, token=self.tok[who]), 403, "forbidden")
            made = self.create(path, body, self.tok["secA"])
            for who in ("secB", "entA_admin", "entA_staff", "stuA"):
                st, b = s.patch("/api/v1/%s/%d" % (path, made["id"]), {}, token=self.tok[who])
                # 403 where the caller can read the row, 404 where it is hidden
                self.assertIn(st, (403, 404), (path, who, b))
                self.err((st, b), st)
                st, b = s.delete("/api/v1/%s/%d" % (path, made["id"]), token=self.tok[who])
                self.assertIn(st, (403, 404), (path, who, b))
            # the row is unchanged and still there
            st, b = s.get("/api/v1/%s/%d" % (path, made["id"]), token=self.tok["secA"])
            self.assertEqual(st, 200)
            self.assertEqual(b["updated_at"], made["updated_at"])
        # a public row readable by secB: exactly 403
        st, mem = s.get("/api/v1/memberships?consortium_id=%d&organization_id=%d" % (A, org))
        self.err(s.patch("/api/v1/memberships/%d" % mem["items"][0]["id"], {"note": "x"},
                         token=self.tok["secB"]), 403, "forbidden")
        # a members-only row hidden from secB: 404
        self.err(s.patch("/api/v1/meetings/%d" % m, {"place": "x"}, token=self.tok["secB"]),
                 404, "not_found")
        # moving a row into a consortium one does not run is not a way round
        st, b = s.post("/api/v1/memberships", {"consortium_id": self.cB, "organization_id": org,
                                               "role": "member"}, token=self.tok["secA"])
        self.err((st, b), 403, "forbidden")

    def test_work_plan_owner_reports_progress(self):
        s = self.srv
        item = self.create("work-plan-items", {"consortium_id": self.cA, "year": 2025,
                                               "title": "校企共建实训室" + tag(),
                                               "owner_org_id": self.entA, "status": "in_progress",
                                               "progress": 10}, self.tok["secA"])
        st, b = s.patch("/api/v1/work-plan-items/%d" % item["id"], {"progress": 60},
                        token=self.tok["entA_staff"])
        self.assertEqual(st, 200, b)
        self.assertEqual(b["progress"], 60)
        # another member unit's staff: may read, not write
        self.err(s.patch("/api/v1/work-plan-items/%d" % item["id"], {"progress": 70},
                         token=self.tok["govA_staff"]), 403, "forbidden")
        # the owner cannot hand the item to another unit
        self.err(s.patch("/api/v1/work-plan-items/%d" % item["id"], {"owner_org_id": self.govA},
                         token=self.tok["entA_staff"]), 403, "forbidden")
        # a non-member's admin does not even see it
        self.err(s.patch("/api/v1/work-plan-items/%d" % item["id"], {"progress": 70},
                         token=self.tok["entB_admin"]), 404, "not_found")
        # the owner may not create or delete items
        self.err(s.delete("/api/v1/work-plan-items/%d" % item["id"], token=self.tok["entA_staff"]),
                 403, "forbidden")
        st, b = s.get("/api/v1/work-plan-items/%d" % item["id"], token=self.tok["secA"])
        self.assertEqual(b["progress"], 60)

    def test_policies_publisher_permissions(self):
        s = self.srv
        body = {"consortium_id": self.cA, "publisher_org_id": self.govA, "title": "政策" + tag(),
                "status": "published"}
        # staff of another member unit may not publish in govA's name
        self.err(s.post("/api/v1/policies", body, token=self.tok["entA_staff"]), 403, "forbidden")
        self.err(s.post("/api/v1/projects", body, token=self.tok["entA_staff"]), 403, "forbidden")
        self.err(s.post("/api/v1/policies", body, token=self.tok["secB"]), 403, "forbidden")
        self.err(s.post("/api/v1/policies", body, token=self.tok["stuA"]), 403, "forbidden")
        p = self.create("policies", body, self.tok["govA_staff"])
        self.err(s.patch("/api/v1/policies/%d" % p["id"], {"title": "改" + tag()},
                         token=self.tok["entA_staff"]), 403, "forbidden")
        # a publisher that is not a member of the consortium: its staff may
        # not publish there (403, before the body is validated); the admin
        # hears why by name
        b2 = dict(body, consortium_id=self.cB)
        self.err(s.post("/api/v1/policies", b2, token=self.tok["govA_staff"]), 403, "forbidden")
        self.err(s.post("/api/v1/policies", b2, token=self.admin), 422,
                 "validation_failed", ["publisher_org_id"])

    # ---- validation ------------------------------------------------------------

    def test_organization_validation(self):
        s, t = self.srv, self.tok["secA"]
        good = {"name": "验证单位" + tag(), "type": "enterprise"}
        code = next_code()
        cases = [
            (dict(good, credit_code=bad_check(code)), ["credit_code"]),
            (dict(good, credit_code=code[:-1]), ["credit_code"]),
            (dict(good, credit_code=code[:-2] + "I" + code[-1]), ["credit_code"]),
            (dict(good, credit_code=credit_code(5, "Y1450200").lower()), ["credit_code"]),
            (dict(good, region_code="45020"), ["region_code"]),
            (dict(good, region_code="4502001"), ["region_code"]),
            (dict(good, region_code="45020a"), ["region_code"]),
            (dict(good, type="company"), ["type"]),
            ({"short_name": "x"}, ["name", "type"]),
            (dict(good, founded="2020"), ["founded"]),
            (dict(good, id=5), ["id"]),
            (dict(good, created_at="2020-01-01T00:00:00Z"), ["created_at"]),
            (dict(good, name=123), ["name"]),
            (dict(good, name="甲"), ["name"]),
            (dict(good, name="x" * 101), ["name"]),
            (dict(good, name="bad\x01name"), ["name"]),
            (dict(good, name=None), ["name"]),
            (dict(good, name="   "), ["name"]),
            (dict(good, type="company", region_code="1", credit_code="x"),
             ["type", "region_code", "credit_code"]),
        ]
        for body, fields in cases:
            e = self.err(s.post("/api/v1/organizations", body, token=t), 422, "validation_failed",
                         fields)
            self.assertEqual(sorted(e["details"]), sorted(fields), body)
        e = self.err(s.post("/api/v1/organizations", dict(good, credit_code=bad_check(code)),
                            token=t), 422)
        self.assertIn(code[-1], e["details"]["credit_code"])  # names the right character
        # nothing was written
        self.assertEqual(self.list("organizations", "q=验证单位")["total"], 0)
        # Chinese label accepted for an enum, stored as the value; blanks trimmed
        b = self.create("organizations", dict(good, type="高职院校", short_name="  简称  ",
                                              credit_code=code), t)
        self.assertEqual(b["type"], "higher_vocational")
        self.assertEqual(b["short_name"], "简称")
        # duplicate credit code: 409 naming the field
        self.err(s.post("/api/v1/organizations", {"name": "重复" + tag(), "type": "enterprise",
                                                  "credit_code": code}, token=t),
                 409, "conflict", ["credit_code"])
        # PATCH validates too, and changes nothing on failure
        t = self.admin
        self.err(s.patch("/api/v1/organizations/%d" % b["id"],
                         {"region_code": "abc", "name": "新名字"}, token=t),
                 422, "validation_failed", ["region_code"])
        st, g = s.get("/api/v1/organizations/%d" % b["id"], token=t)
        self.assertEqual(g["name"], good["name"])
        self.err(s.patch("/api/v1/organizations/%d" % b["id"], {"id": 1}, token=t), 422,
                 "validation_failed", ["id"])
        self.err(s.patch("/api/v1/organizations/%d" % b["id"], {"type": None}, token=t), 422,
                 "validation_failed", ["type"])

    def test_entity_validation(self):
        s, t, A = self.srv, self.tok["secA"], self.cA
        m = self.meeting()
        org = self.fresh_org(t)
        cases = [
            ("consortia", {"name": "联合体x", "kind": "town", "level": "municipal"}, ["kind"], None),
            ("consortia", {"name": "联合体x", "kind": "city", "level": "municipal",
                           "founded_on": "2024-02-30"}, ["founded_on"], None),
            ("consortia", {"name": "联合体x", "kind": "city", "level": "municipal",
                           "is_public": "yes"}, ["is_public"], None),
            ("consortia", {"name": "联合体x", "kind": "city", "level": "municipal",
                           "region_code": "4502"}, ["region_code"], None),
            ("memberships", {"consortium_id": A, "organization_id": org, "role": "boss"},
             ["role"], t),
            ("memberships", {"consortium_id": A, "organization_id": 999999, "role": "member"},
             ["organization_id"], t),
            ("memberships", {"consortium_id": A, "organization_id": org, "role": "member",
                             "term": 0}, ["term"], t),
            ("memberships", {"consortium_id": A, "organization_id": org, "role": "member",
                             "joined_on": "2024-05-01", "left_on": "2023-01-01"}, ["left_on"], t),
            ("memberships", {"consortium_id": A, "organization_id": "甲", "role": "member"},
             ["organization_id"], t),
            ("memberships", {"organization_id": org, "role": "member"}, ["consortium_id"], t),
            ("charters", {"consortium_id": A, "version": 0, "title": "章程", "body": "x"},
             ["version"], t),
            ("charters", {"consortium_id": A, "version": 1, "title": "章程"}, ["body"], t),
            ("meetings", {"consortium_id": A, "title": "会议", "kind": "party", "status": "held"},
             ["kind", "held_on"], t),
            ("agenda-items", {"meeting_id": m, "seq": 1, "title": "议题", "threshold": "most",
                              "base": "present"}, ["threshold"], t),
            ("agenda-items", {"meeting_id": m, "seq": 1, "title": "议题", "threshold": "majority",
                              "base": "present", "consortium_id": A}, ["consortium_id"], t),
            ("agenda-items", {"meeting_id": 999999, "seq": 1, "title": "议题",
                              "threshold": "majority", "base": "present"}, ["meeting_id"], t),
            ("votes", {"agenda_item_id": 999999, "organization_id": self.govA, "choice": "for"},
             ["agenda_item_id"], t),
            ("work-plan-items", {"consortium_id": A, "year": 1999, "title": "计划",
                                 "status": "done"}, ["year"], t),
            ("work-plan-items", {"consortium_id": A, "year": 2025, "title": "计划",
                                 "status": "in_progress", "progress": 101}, ["progress"], t),
            ("work-plan-items", {"consortium_id": A, "year": 2025, "title": "计划",
                                 "status": "done", "progress": 50}, ["progress"], t),
            ("work-plan-items", {"consortium_id": A, "year": 2025, "title": "计划",
                                 "status": "done", "owner_org_id": self.entB}, ["owner_org_id"], t),
            ("agreements", {"consortium_id": A, "title": "协议", "type": "strategic",
                            "parties": [self.govA], "status": "signed"}, ["parties"], t),
            ("agreements", {"consortium_id": A, "title": "协议", "type": "strategic",
                            "parties": [self.govA, self.govA], "status": "signed"}, ["parties"], t),
            ("agreements", {"consortium_id": A, "title": "协议", "type": "strategic",
                            "parties": [self.govA, 999999], "status": "signed"}, ["parties"], t),
            ("agreements", {"consortium_id": A, "title": "协议", "type": "joint",
                            "parties": [self.govA, self.entA], "status": "signed"}, ["type"], t),
            ("agreements", {"consortium_id": A, "title": "协议", "type": "strategic",
                            "parties": [self.govA, self.entA], "status": "signed",
                            "signed_on": "2024-01-01", "ends_on": "2023-01-01"}, ["ends_on"], t),
            ("agreements", {"consortium_id": A, "title": "协议", "type": "strategic",
                            "parties": "1,2", "status": "signed"}, ["parties"], t),
            ("policies", {"consortium_id": A, "publisher_org_id": self.govA, "title": "政策",
                          "status": "public"}, ["status"], t),
            ("projects", {"consortium_id": A, "publisher_org_id": self.govA, "title": "项目",
                          "status": "draft", "funding": -1}, ["funding"], t),
            ("announcements", {"consortium_id": A, "title": "公告", "body": "",
                               "status": "draft"}, ["body"], t),
            ("users", {"username": "ab", "display_name": "x", "role": "student",
                       "organization_id": self.schA, "password": "long-enough"}, ["username"],
             None),
            ("users", {"username": "new_" + tag(), "display_name": "x", "role": "student",
                       "organization_id": self.schA, "password": "short"}, ["password"], None),
            ("users", {"username": "new_" + tag(), "display_name": "x", "role": "student",
                       "organization_id": self.schA}, ["password"], None),
            ("users", {"username": "new_" + tag(), "display_name": "x", "role": "root",
                       "password": "long-enough"}, ["role"], None),
            ("users", {"username": "new_" + tag(), "display_name": "x", "role": "secretariat",
                       "password": "long-enough"}, ["consortium_id"], None),
            ("users", {"username": "new_" + tag(), "display_name": "x", "role": "org_admin",
                       "password": "long-enough"}, ["organization_id"], None),
        ]
        for path, body, fields, tok in cases:
            self.err(s.post("/api/v1/" + path, body, token=tok or self.admin), 422,
                     "validation_failed", fields)
        # immutable fields cannot be changed by PATCH
        mid = self.join(A, org, "member", t)
        self.err(s.patch("/api/v1/memberships/%d" % mid, {"organization_id": self.entA},
                         token=t), 422, "validation_failed", ["organization_id"])
        self.err(s.patch("/api/v1/memberships/%d" % mid, {"consortium_id": self.cB}, token=t),
                 422, "validation_failed", ["consortium_id"])
        self.err(s.patch("/api/v1/users/%d" % self.uid["stuA"], {"username": "renamed"},
                         token=self.admin), 422, "validation_failed", ["username"])

    def test_conflicts_409(self):
        s, t = self.srv, self.tok["secA"]
        org = self.fresh_org(t)
        self.join(self.cA, org, "council_member", t)
        self.err(s.post("/api/v1/memberships", {"consortium_id": self.cA, "organization_id": org,
                                                "role": "council_member"}, token=t), 409,
                 "conflict")
        # a second role of the same unit is fine
        self.join(self.cA, org, "deputy_secretary_general", t)
        self.create("charters", {"consortium_id": self.cA, "version": 700, "title": "章程",
                                 "body": "x"}, t)
        self.err(s.post("/api/v1/charters", {"consortium_id": self.cA, "version": 700,
                                             "title": "章程", "body": "y"}, token=t), 409,
                 "conflict", ["version"])
        self.err(s.post("/api/v1/users", {"username": "secA", "display_name": "x",
                                          "role": "platform_admin", "password": "long-enough"},
                        token=self.admin), 409, "conflict", ["username"])
        # a soft-deleted credit code may be registered again
        code = next_code()
        o = self.create("organizations", {"name": "注销单位" + tag(), "type": "other",
                                          "credit_code": code}, t)
        st, _ = s.delete("/api/v1/organizations/%d" % o["id"], token=self.admin)
        self.assertEqual(st, 204)
        self.create("organizations", {"name": "新设单位" + tag(), "type": "other",
                                      "credit_code": code}, t)

    # ---- malformed requests ------------------------------------------------------

    def test_malformed_bodies_400(self):
        s, t = self.srv, self.tok["secA"]
        for body in ["{bad", "", "[1,2]", '"text"', '{"name":"a","name":"b"}', "\xff\xfe"]:
            self.err(s.post("/api/v1/organizations", body.encode("latin-1"), token=t,
                            headers={"Content-Type": "application/json"}), 400, "bad_request")
            self.err(s.patch("/api/v1/organizations/%d" % self.schA, body.encode("latin-1"),
                             token=t, headers={"Content-Type": "application/json"}), 400,
                     "bad_request")
        self.err(s.post("/api/v1/auth/login", "{", headers={"Content-Type": "application/json"}),
                 400, "bad_request")

    def test_bad_queries_400(self):
        for q in ["per_page=0", "per_page=501", "per_page=x", "page=0", "page=-1",
                  "sort=contact_phone", "sort=nonsense", "sort=-", "colour=red",
                  "contact_name=x", "type=company", "format=pdf", "id=abc"]:
            self.err(self.srv.get("/api/v1/organizations?" + q), 400, "bad_request")
        self.err(self.srv.get("/api/v1/memberships?consortium_id=x"), 400, "bad_request")
        # text that is not UTF-8
        for q in ["q=%FF", "name=%FF", "q=%E6%B1", "sort=%FF"]:
            self.err(self.srv.get("/api/v1/organizations?" + q), 400, "bad_request")
        # LIKE wildcards are literal
        self.assertEqual(self.list("organizations", "q=%25")["total"], 0)
        self.assertEqual(self.list("organizations", "q=_")["total"], 0)
        self.err(self.srv.get("/api/v1/consortia?is_public=maybe"), 400, "bad_request")
        self.assertEqual(self.list("organizations", "per_page=500")["per_page"], 500)

    def test_trailing_slash(self):
        s = self.srv
        self.assertEqual(self.list("consortia/", "per_page=1")["per_page"], 1)
        st, b = s.post("/api/v1/organizations/", {"name": "斜杠单位" + tag(), "type": "other"},
                       token=self.tok["secA"])
        self.assertEqual(st, 201, b)
        self.assertEqual(s.last_headers["Location"], "/api/v1/organizations/%d" % b["id"])
        st, g = s.get("/api/v1/organizations/%d/" % b["id"])
        self.assertEqual((st, g["id"]), (200, b["id"]))

    def test_routes_404_405(self):
        s = self.srv
        for p in ["/api/v1/nothing", "/api/v1/consortia/abc", "/api/v1/consortia/0",
                  "/api/v1/consortia/1/unknown", "/api/v2/consortia", "/nothing",
                  "/api/v1/work_plan_items", "/api/v1/consortia/99999999999999999999"]:
            self.err(s.get(p), 404, "not_found")
        # paths that are not UTF-8, or long enough to cut a character in
        # the message, still get the JSON envelope
        for p in ["/api/v1/%FF", "/api/v1/" + quote("汉") * 300, "/api/v1/%E6%B1"]:
            self.err(s.get(p), 404, "not_found")
            self.err(s.request("PUT", p), 404, "not_found")
        for p in ENTITY_PATHS:
            self.err(s.get("/api/v1/%s/987654" % p, token=self.admin), 404, "not_found")
        self.err(s.request("PUT", "/api/v1/consortia", body={}), 405, "method_not_allowed")
        self.err(s.delete("/api/v1/consortia", token=self.admin), 405, "method_not_allowed")
        self.err(s.post("/api/v1/consortia/%d" % self.cA, {}, token=self.admin), 405)
        self.err(s.post("/api/v1/health", {}), 405, "method_not_allowed")
        self.err(s.patch("/api/v1/consortia/%d/composition" % self.cA, {}), 405)

    def test_oversize_body_413(self):
        s = self.srv
        # announced by Content-Length: refused before the body is read
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        try:
            sock.sendall(("POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %d\r\n\r\n" % (self.tok["secA"], (1 << 20) + 1))
                         .encode())
            data = b""
            while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
        finally:
            sock.close()
        head, _, payload = data.partition(b"\r\n\r\n")
        self.assertIn(b" 413 ", head.split(b"\r\n")[0])
        self.assertIn(b"application/json", head)
        self.assertIn(b'"payload_too_large"', payload)
        # chunked: counted while read
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)

        def gen():
            yield b'{"name":"'
            for _ in range(20):
                yield b"x" * 65536
            yield b'","type":"other"}'
        conn.request("POST", "/api/v1/organizations", body=gen(), encode_chunked=True,
                     headers={"Authorization": "Bearer " + self.tok["secA"],
                              "Content-Type": "application/json"})
        r = conn.getresponse()
        import json
        self.err((r.status, json.loads(r.read())), 413, "payload_too_large")
        conn.close()
        # just under the limit is read (and then fails validation)
        body = '{"name":"%s","type":"other"}' % ("x" * ((1 << 20) - 40))
        self.err(s.post("/api/v1/organizations", body, token=self.tok["secA"],
                        headers={"Content-Type": "application/json"}), 422, "validation_failed",
                 ["name"])
        # the server is still fine
        st, b = s.get("/api/v1/health")
        self.assertEqual((st, b["status"]), (200, "ok"))

    def test_health_meta_openapi(self):
        st, b = self.srv.get("/api/v1/health")
        self.assertEqual(st, 200)
        self.assertEqual(b["status"], "ok")
        st, b = self.srv.get("/api/v1/meta/entities")
        self.assertEqual(st, 200)
        names = [e["name"] for e in b["items"]]
        self.assertGreaterEqual(len(names), 24)
        for n in ("occupations", "majors", "crosswalk", "demand", "supply", "students", "match_rounds",
                  "placements", "employment_outcomes", "certificates", "trainings"):
            self.assertIn(n, names)
        org = [e for e in b["items"] if e["name"] == "organizations"][0]
        types = [f for f in org["fields"] if f["name"] == "type"][0]
        self.assertEqual(len(types["options"]), 8)
        users = [e for e in b["items"] if e["name"] == "users"][0]
        self.assertTrue([f for f in users["fields"] if f["name"] == "password"][0]["writeonly"])
        st, b = self.srv.get("/api/v1/openapi.json")
        self.assertEqual(st, 200)
        self.assertIn("paths", b)

    # ---- visibility -----------------------------------------------------------------

    def test_contact_fields_private(self):
        s, path = self.srv, "/api/v1/organizations/%d" % self.entA
        for who in (None, "entB_admin", "secB", "govA_staff", "entA_staff", "stuA"):
            st, b = s.get(path, token=self.tok.get(who))
            self.assertEqual(st, 200)
            for f in ("contact_name", "contact_phone", "contact_email"):
                self.assertNotIn(f, b, who)
        for who in ("entA_admin", "secA"):
            st, b = s.get(path, token=self.tok[who])
            self.assertEqual(b["contact_name"], "张三", who)
            self.assertEqual(b["contact_phone"], "0772-1234567")
        st, b = s.get(path, token=self.admin)
        self.assertEqual(b["contact_email"], "zs@example.com")
        # lists and exports hide them too
        b = self.list("organizations", "per_page=500")
        row = [i for i in b["items"] if i["id"] == self.entA][0]
        self.assertNotIn("contact_name", row)
        b = self.list("organizations", "per_page=500", self.tok["secA"])
        row = [i for i in b["items"] if i["id"] == self.entA][0]
        self.assertEqual(row["contact_name"], "张三")
        row = [i for i in b["items"] if i["id"] == self.entB][0]
        self.assertNotIn("contact_name", row)  # entB is not in secA's consortium
        st, raw = s.get("/api/v1/organizations?format=csv", raw=True)
        self.assertNotIn("张三", raw.decode("utf-8-sig"))
        self.assertNotIn("0772-1234567", raw.decode("utf-8-sig"))
        st, raw = s.get("/api/v1/organizations?format=csv", token=self.tok["entA_admin"], raw=True)
        self.assertIn("张三", raw.decode("utf-8-sig"))
        # a private field is no search key for those who may not see it
        self.assertEqual(self.list("organizations", "q=zs@example.com")["total"], 0)

    def test_private_consortium(self):
        s, P = self.srv, self.cP
        ids = [c["id"] for c in self.list("consortia", "per_page=500")["items"]]
        self.assertIn(self.cA, ids)
        self.assertNotIn(P, ids)
        self.err(s.get("/api/v1/consortia/%d" % P), 404, "not_found")
        self.err(s.get("/api/v1/consortia/%d" % P, token=self.tok["secB"]), 404, "not_found")
        self.err(s.get("/api/v1/consortia/%d/composition" % P), 404, "not_found")
        self.err(s.get("/api/v1/consortia/%d/council" % P), 404, "not_found")
        self.assertEqual(self.list("memberships", "consortium_id=%d" % P)["total"], 0)
        self.assertEqual(self.list("memberships", "consortium_id=%d" % P,
                                   self.tok["entB_admin"])["total"], 0)
        st, b = s.get("/api/v1/memberships?format=csv&consortium_id=%d" % P, raw=True)
        self.assertEqual(len([x for x in b.decode("utf-8-sig").split("\r\n") if x]), 1)
        # a member unit's users and the admin see it
        for tok in (self.tok["entA_staff"], self.admin):
            st, b = s.get("/api/v1/consortia/%d" % P, token=tok)
            self.assertEqual(st, 200, b)
            self.assertEqual(self.list("memberships", "consortium_id=%d" % P, tok)["total"], 1)
            st, b = s.get("/api/v1/consortia/%d/composition" % P, token=tok)
            self.assertEqual((st, b["total"]), (200, 1))
        mid = self.list("memberships", "consortium_id=%d" % P, self.admin)["items"][0]["id"]
        self.err(s.get("/api/v1/memberships/%d" % mid), 404, "not_found")
        st, b = s.get("/api/v1/memberships/%d" % mid, token=self.tok["entA_staff"])
        self.assertEqual(st, 200)

    def test_drafts_hidden(self):
        s, t = self.srv, tag()
        d = self.create("announcements", {"consortium_id": self.cA, "title": "草稿" + t,
                                          "body": "未发布", "status": "draft"}, self.tok["secA"])
        self.assertEqual(self.list("announcements", "q=" + t)["total"], 0)
        self.err(s.get("/api/v1/announcements/%d" % d["id"]), 404, "not_found")
        for who in ("entA_staff", "secB"):
            self.assertEqual(self.list("announcements", "q=" + t, self.tok[who])["total"], 0)
            self.err(s.get("/api/v1/announcements/%d" % d["id"], token=self.tok[who]), 404)
        self.assertEqual(self.list("announcements", "q=" + t, self.tok["secA"])["total"], 1)
        st, b = s.get("/api/v1/announcements/%d" % d["id"], token=self.tok["secA"])
        self.assertEqual(st, 200)
        st, raw = s.get("/api/v1/announcements?format=csv&q=" + t, raw=True)
        self.assertNotIn("草稿" + t, raw.decode("utf-8-sig"))
        # published: everyone
        st, b = s.patch("/api/v1/announcements/%d" % d["id"], {"status": "published"},
                        token=self.tok["secA"])
        self.assertEqual(st, 200)
        self.assertEqual(self.list("announcements", "q=" + t)["total"], 1)
        st, b = s.get("/api/v1/announcements/%d" % d["id"])
        self.assertEqual(st, 200)
        # a draft policy: its publisher's staff and the secretariat see it
        p = self.create("policies", {"consortium_id": self.cA, "publisher_org_id": self.govA,
                                     "title": "政策草稿" + t, "status": "draft"},
                        self.tok["govA_staff"])
        self.assertEqual(self.list("policies", "q=" + t)["total"], 0)
        self.assertEqual(self.list("policies", "q=" + t, self.tok["entA_staff"])["total"], 0)
        self.assertEqual(self.list("policies", "q=" + t, self.tok["govA_staff"])["total"], 1)
        self.assertEqual(self.list("policies", "q=" + t, self.tok["secA"])["total"], 1)
        self.err(s.get("/api/v1/policies/%d" % p["id"]), 404)
        self.err(s.get("/api/v1/policies/%d" % p["id"], token=self.tok["entA_staff"]), 404)

    def test_meetings_members_only(self):
        s, t = self.srv, tag()
        m = self.create("meetings", {"consortium_id": self.cA, "title": "内部会议" + t,
                                     "kind": "standing", "held_on": "2025-04-01",
                                     "status": "held"}, self.tok["secA"])
        ai = self.agenda(m["id"])
        for who in (None, "entB_admin", "secB"):
            self.assertEqual(self.list("meetings", "q=" + t, self.tok.get(who))["total"], 0)
            self.err(s.get("/api/v1/meetings/%d" % m["id"], token=self.tok.get(who)), 404)
            self.err(s.get("/api/v1/agenda-items/%d" % ai, token=self.tok.get(who)), 404)
            self.assertEqual(self.list("agenda-items", "meeting_id=%d" % m["id"],
                                       self.tok.get(who))["total"], 0)
        for who in ("entA_staff", "govA_staff", "stuA", "secA"):
            self.assertEqual(self.list("meetings", "q=" + t, self.tok[who])["total"], 1, who)
            st, _ = s.get("/api/v1/meetings/%d" % m["id"], token=self.tok[who])
            self.assertEqual(st, 200, who)
        # members read, they do not write
        self.err(s.patch("/api/v1/meetings/%d" % m["id"], {"place": "x"},
                         token=self.tok["entA_admin"]), 403, "forbidden")


class ShutdownTest(unittest.TestCase):
    """SIGTERM: the listener closes at once, a request in flight is still
    answered, idle keep-alive connections do not hold the stop up."""

    def test_graceful_stop(self):
        import signal
        import threading
        import time
        srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        try:
            idle = socket.create_connection(("127.0.0.1", srv.port))
            answer = []

            def slow_login():
                s = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
                body = ('{"username":"admin","password":"%s"}' % ADMIN_PW).encode()
                s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                          b"Content-Type: application/json\r\nConnection: close\r\n"
                          b"Content-Length: %d\r\n\r\n" % len(body))
                time.sleep(1.0)  # the body arrives after SIGTERM
                s.sendall(body)
                data = b""
                while True:
                    c = s.recv(4096)
                    if not c:
                        break
                    data += c
                answer.append(data)
                s.close()
            th = threading.Thread(target=slow_login)
            th.start()
            time.sleep(0.3)
            srv.proc.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            with self.assertRaises(OSError):
                socket.create_connection(("127.0.0.1", srv.port), timeout=2).close()
            th.join(30)
            self.assertTrue(answer and answer[0].startswith(b"HTTP/1.1 200"), answer)
            t0 = time.time()
            self.assertEqual(srv.proc.wait(timeout=8), 0)
            self.assertLess(time.time() - t0, 5)
            idle.close()
        finally:
            srv.stop()


if __name__ == "__main__":
    cjtest.run()
