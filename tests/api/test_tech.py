"""Black-box tests of the technology platform's records (issue 10) against
the real binary: technology needs, capabilities, core products, responses,
joint projects with milestones and outputs.

On the demo's Liuzhou consortium (public): the enterprise SGMW (sgmw_admin)
posts needs, the school 柳州职业技术大学 (lzvtu_staff) offers a capability
and answers, the secretariat (liuzhou_sec) supervises.  Two more accounts
are made: staff of another member enterprise (广西汽车集团) and staff of a
unit that is a member of another consortium only.

- CRUD and the description's rules (budget range, fields as vocabulary,
  occupation codes, a standard's level);
- status workflows in order, each step by its party: 409 out of order
  (with the message naming the open steps), 403 for the wrong party;
- answering a need, and accepting an answer: one transaction that creates
  the project (approved, led by the responder), marks the response
  accepted and the need in progress; the project runs to acceptance (验收)
  by the client enterprise, with milestones and outputs;
- visibility for every role — anonymous, a member unit, a unit of another
  consortium, the secretariat, the owner — in lists, reads, counts
  (`total`), exports (CSV) and search;
- a responder sees only its own responses, the need's enterprise every
  answer to its needs.

    python3 tests/api/test_tech.py build/chanjiao
"""
import csv
import io
import os
import sys
import unittest
from urllib.parse import quote, urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ = 1
OTHER = ("gxauto_tech", "gxauto-tech-2026")
OUTSIDER = ("outsider_tech", "outsider-tech-2026")


class TechTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        admin = cls.admin = cls.srv.login("admin")

        def org(name):
            st, b = cls.srv.get("/api/v1/organizations?name=" + quote(name), token=admin)
            assert st == 200 and b["items"], (name, b)
            return b["items"][0]["id"]

        cls.sgmw = org("上汽通用五菱汽车股份有限公司")
        cls.gxauto = org("广西汽车集团有限公司")
        cls.lzvtu = org("柳州职业技术大学")
        # A unit that is a member of another consortium only.
        st, m = cls.srv.get("/api/v1/memberships?consortium_id=4&per_page=200", token=admin)
        lz_members = set()
        page = 1
        while True:
            st, b = cls.srv.get("/api/v1/memberships?consortium_id=%d&per_page=500&page=%d"
                                % (LZ, page), token=admin)
            lz_members |= {r["organization_id"] for r in b["items"]}
            if not b["items"] or len(lz_members) >= b["total"]:
                break
            page += 1
        cls.outsider_org = next(r["organization_id"] for r in m["items"]
                                if r["organization_id"] not in lz_members)
        for (user, pw), oid in ((OTHER, cls.gxauto), (OUTSIDER, cls.outsider_org)):
            st, b = cls.srv.post("/api/v1/users", {"username": user, "display_name": user,
                                                   "role": "org_staff", "organization_id": oid,
                                                   "password": pw}, token=admin)
            assert st == 201, b
        cls.tok = {
            "anonymous": None,
            "admin": admin,
            "secretariat": cls.srv.login("liuzhou_sec"),
            "owner": cls.srv.login("sgmw_admin"),
            "school": cls.srv.login("lzvtu_staff"),
            "member": cls.srv.login(*OTHER),
            "outsider": cls.srv.login(*OUTSIDER),
        }

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    # ---- helpers -----------------------------------------------------------

    def ok(self, st, b, want=200):
        self.assertEqual(st, want, b)
        return b

    def need(self, title, visibility="public", status="published", who="owner", **kw):
        body = {"consortium_id": LZ, "enterprise_id": self.sgmw, "title": title,
                "description": kw.pop("description", "车身焊点质量在线检测，需要视觉检测方案。"),
                "keywords": kw.pop("keywords", "焊点检测；机器视觉、深度学习"),
                "field": kw.pop("field", "检测与质量"), "visibility": visibility,
                "status": status}
        body.update(kw)
        return self.ok(*self.srv.post("/api/v1/tech-needs", body, token=self.tok[who]), want=201)

    def capability(self, title, visibility="public", **kw):
        body = {"consortium_id": LZ, "organization_id": self.lzvtu, "kind": "实验室/平台",
                "title": title, "description": "机器视觉与智能检测实验室，承接焊点与涂装检测。",
                "keywords": "机器视觉;焊点检测", "fields": "检测与质量；数字化与软件",
                "visibility": visibility}
        body.update(kw)
        return self.ok(*self.srv.post("/api/v1/capabilities", body, token=self.tok["school"]),
                       want=201)

    def ids(self, path, who):
        st, b = self.srv.get(path, token=self.tok[who])
        self.assertEqual(st, 200, b)
        return {r["id"] for r in b["items"]}, b["total"]

    # ---- records and their rules -------------------------------------------

    def test_need_crud_and_checks(self):
        n = self.need("焊点在线检测（CRUD）", status="draft")
        self.assertEqual(n["status"], "draft")
        self.assertEqual(n["field"], "testing")  # the label became the code
        self.assertEqual(n["keywords"], "焊点检测、机器视觉、深度学习")
        self.assertIsNone(n["published_on"])
        st, b = self.srv.patch("/api/v1/tech-needs/%d" % n["id"],
                               {"budget_min": 500000, "budget_max": 100000}, token=self.tok["owner"])
        self.assertEqual(st, 422, b)
        self.assertIn("budget_max", b["error"]["details"])
        st, b = self.srv.patch("/api/v1/tech-needs/%d" % n["id"], {"status": "published"},
                               token=self.tok["owner"])
        self.assertEqual(st, 200, b)
        self.assertTrue(b["published_on"])
        # Another enterprise may not edit it, nor post under SGMW's name.
        st, b = self.srv.patch("/api/v1/tech-needs/%d" % n["id"], {"title": "改"},
                               token=self.tok["member"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.post("/api/v1/tech-needs", {"consortium_id": LZ, "enterprise_id": self.sgmw,
                                                     "title": "冒名需求", "field": "other",
                                                     "visibility": "public"},
                              token=self.tok["member"])
        self.assertEqual(st, 403, b)
        # A school does not post needs (a unit acts only as its kind).
        st, b = self.srv.post("/api/v1/tech-needs", {"consortium_id": LZ, "enterprise_id": self.lzvtu,
                                                     "title": "学校的需求", "field": "other",
                                                     "visibility": "public"},
                              token=self.tok["secretariat"])
        self.assertEqual(st, 422, b)
        st, b = self.srv.post("/api/v1/tech-needs", {"consortium_id": LZ, "enterprise_id": self.sgmw,
                                                     "title": "未知领域", "field": "量子计算",
                                                     "visibility": "public"},
                              token=self.tok["owner"])
        self.assertEqual(st, 422, b)
        self.assertIn("field", b["error"]["details"])
        st, b = self.srv.delete("/api/v1/tech-needs/%d" % n["id"], token=self.tok["owner"])
        self.assertEqual(st, 204, b)

    def test_capability_fields_are_vocabulary(self):
        c = self.capability("视觉检测实验室（字段）")
        self.assertEqual(c["fields"], "testing、digital")
        self.assertEqual(c["kind"], "lab")
        st, b = self.srv.patch("/api/v1/capabilities/%d" % c["id"], {"fields": "检测; 量子计算"},
                               token=self.tok["school"])
        self.assertEqual(st, 422, b)
        self.assertIn("量子计算", b["error"]["details"]["fields"])
        # A consortium's own field counts once the secretariat adds it.
        st, b = self.srv.post("/api/v1/options", {"consortium_id": LZ, "field": "tech_needs.field",
                                                  "value": "hydrogen", "label_zh": "氢能",
                                                  "label_en": "Hydrogen"},
                              token=self.tok["secretariat"])
        self.assertEqual(st, 201, b)
        b = self.ok(*self.srv.patch("/api/v1/capabilities/%d" % c["id"], {"fields": "氢能、检测"},
                                    token=self.tok["school"]))
        self.assertEqual(b["fields"], "hydrogen、testing")
        n = self.need("氢燃料电池检测", field="氢能")
        self.assertEqual(n["field"], "hydrogen")

    def test_core_products_and_outputs_checks(self):
        body = {"consortium_id": LZ, "enterprise_id": self.sgmw, "name": "宏光MINIEV",
                "chain_link": "整车", "key_technologies": "电驱动、轻量化",
                "occupation_codes": "6-22-02-01; 6-29-01-04"}
        p = self.ok(*self.srv.post("/api/v1/core-products", body, token=self.tok["owner"]), want=201)
        self.assertEqual(p["chain_link"], "vehicle")
        self.assertEqual(p["occupation_codes"], "6-22-02-01、6-29-01-04")
        body.update(name="坏编码", occupation_codes="6-22-02-01、abc")
        st, b = self.srv.post("/api/v1/core-products", body, token=self.tok["owner"])
        self.assertEqual(st, 422, b)
        body.update(name="学校产品", enterprise_id=self.lzvtu, occupation_codes=None)
        st, b = self.srv.post("/api/v1/core-products", body, token=self.tok["school"])
        self.assertIn(st, (403, 422), b)
        # Anyone reads a public consortium's core products.
        self.assertIn(p["id"], self.ids("/api/v1/core-products?consortium_id=%d" % LZ,
                                        "anonymous")[0])

    # ---- workflows -----------------------------------------------------------

    def test_need_status_in_order(self):
        n = self.need("状态顺序", status="draft")
        path = "/api/v1/tech-needs/%d" % n["id"]
        st, b = self.srv.patch(path, {"status": "closed"}, token=self.tok["owner"])
        self.assertEqual(st, 409, b)
        self.assertIn("published", b["error"]["details"]["status"])  # the open steps
        st, b = self.srv.patch(path, {"status": "in_progress"}, token=self.tok["owner"])
        self.assertEqual(st, 409, b)
        for s in ("published", "in_progress", "closed"):
            self.ok(*self.srv.patch(path, {"status": s}, token=self.tok["owner"]))
        st, b = self.srv.patch(path, {"status": "published"}, token=self.tok["owner"])
        self.assertEqual(st, 409, b)
        # A new need is a draft or published, unless the secretariat files it.
        st, b = self.srv.post("/api/v1/tech-needs", {"consortium_id": LZ, "enterprise_id": self.sgmw,
                                                     "title": "直接关闭", "field": "other",
                                                     "visibility": "public", "status": "closed"},
                              token=self.tok["owner"])
        self.assertEqual(st, 409, b)
        self.need("秘书处补录的已关闭需求", status="closed", who="secretariat")

    def test_answer_accept_and_project_lifecycle(self):
        need = self.need("涂装缺陷智能识别", keywords="涂装、缺陷识别")
        cap = self.capability("涂装检测团队", kind="研究团队")
        body = {"consortium_id": LZ, "need_id": need["id"], "organization_id": self.lzvtu,
                "capability_id": cap["id"], "approach": "基于深度学习的涂装缺陷识别。",
                "duration": "6个月", "price": 300000}
        # Nobody answers a draft; a unit does not answer its own need.
        draft = self.need("草稿需求不可响应", status="draft")
        st, b = self.srv.post("/api/v1/need-responses", dict(body, need_id=draft["id"]),
                              token=self.tok["school"])
        self.assertIn(st, (409, 422), b)
        resp = self.ok(*self.srv.post("/api/v1/need-responses", body, token=self.tok["school"]),
                       want=201)
        self.assertEqual(resp["status"], "submitted")
        self.assertEqual(resp["enterprise_id"], self.sgmw)  # the need's
        other = self.ok(*self.srv.post("/api/v1/need-responses",
                                       dict(body, organization_id=self.gxauto, capability_id=None,
                                            approach="另一家的方案。"),
                                       token=self.tok["member"]), want=201)
        # The responder sees its own, the enterprise every answer, the
        # secretariat all; other members and the public none.
        q = "/api/v1/need-responses?need_id=%d" % need["id"]
        self.assertEqual(self.ids(q, "school")[0], {resp["id"]})
        self.assertEqual(self.ids(q, "member")[0], {other["id"]})
        self.assertEqual(self.ids(q, "owner")[0], {resp["id"], other["id"]})
        self.assertEqual(self.ids(q, "secretariat")[0], {resp["id"], other["id"]})
        self.assertEqual(self.ids(q, "outsider"), (set(), 0))
        st, b = self.srv.get("/api/v1/need-responses/%d" % other["id"], token=self.tok["school"])
        self.assertEqual(st, 404, b)
        st, b = self.srv.get(q)
        self.assertIn(st, (200, 401), b)
        if st == 200:
            self.assertEqual(b["total"], 0)
        # The enterprise changes only the status of an answer; accepting
        # goes through accept; only the enterprise accepts.
        st, b = self.srv.patch("/api/v1/need-responses/%d" % resp["id"], {"price": 1},
                               token=self.tok["owner"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.patch("/api/v1/need-responses/%d" % resp["id"], {"status": "accepted"},
                               token=self.tok["owner"])
        self.assertEqual(st, 409, b)
        st, b = self.srv.post("/api/v1/need-responses/%d/accept" % resp["id"], {},
                              token=self.tok["school"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.post("/api/v1/need-responses/%d/accept" % resp["id"], {})
        self.assertIn(st, (401, 404), b)
        proj = self.ok(*self.srv.post("/api/v1/need-responses/%d/accept" % resp["id"],
                                      {"kind": "联合攻关"}, token=self.tok["owner"]), want=201)
        self.assertEqual(proj["status"], "approved")
        self.assertEqual(proj["lead_id"], self.lzvtu)
        self.assertEqual(proj["enterprise_id"], self.sgmw)
        self.assertEqual(proj["partner_ids"], [self.sgmw])
        self.assertEqual(proj["need_id"], need["id"])
        self.assertEqual(proj["budget"], 300000)
        self.assertEqual(proj["kind"], "joint_research")
        self.assertEqual(proj["field"], "testing")
        r = self.ok(*self.srv.get("/api/v1/need-responses/%d" % resp["id"], token=self.tok["school"]))
        self.assertEqual((r["status"], r["project_id"]), ("accepted", proj["id"]))
        n = self.ok(*self.srv.get("/api/v1/tech-needs/%d" % need["id"]))
        self.assertEqual(n["status"], "in_progress")
        st, b = self.srv.post("/api/v1/need-responses/%d/accept" % resp["id"], {},
                              token=self.tok["owner"])
        self.assertEqual(st, 409, b)
        # The other answer is rejected by the enterprise; the responder
        # cannot then reopen it.
        self.ok(*self.srv.patch("/api/v1/need-responses/%d" % other["id"], {"status": "rejected"},
                                token=self.tok["owner"]))
        st, b = self.srv.patch("/api/v1/need-responses/%d" % other["id"], {"status": "withdrawn"},
                               token=self.tok["member"])
        self.assertEqual(st, 409, b)

        # The project: in order, each step by its party.
        path = "/api/v1/rd-projects/%d" % proj["id"]
        st, b = self.srv.patch(path, {"status": "accepted"}, token=self.tok["owner"])
        self.assertEqual(st, 409, b)
        st, b = self.srv.patch(path, {"status": "running"}, token=self.tok["owner"])
        self.assertEqual(st, 403, b)  # the client does not start the work
        self.ok(*self.srv.patch(path, {"status": "running", "funds_received": 150000},
                                token=self.tok["school"]))
        ms = self.ok(*self.srv.post("/api/v1/rd-milestones", {
            "consortium_id": LZ, "project_id": proj["id"], "title": "样机测试",
            "due_on": "2026-09-30"}, token=self.tok["school"]), want=201)
        self.assertEqual(ms["lead_id"], self.lzvtu)
        self.ok(*self.srv.patch("/api/v1/rd-milestones/%d" % ms["id"], {"done_on": "2026-09-20"},
                                token=self.tok["school"]))
        st, b = self.srv.post("/api/v1/rd-milestones", {
            "consortium_id": LZ, "project_id": proj["id"], "title": "别人的节点",
            "due_on": "2026-10-30"}, token=self.tok["member"])
        self.assertEqual(st, 403, b)
        out = self.ok(*self.srv.post("/api/v1/rd-outputs", {
            "consortium_id": LZ, "project_id": proj["id"], "kind": "发明专利",
            "title": "一种涂装缺陷识别方法", "identifier": "ZL202610000001.0",
            "date": "2026-10-01"}, token=self.tok["school"]), want=201)
        self.assertEqual(out["kind"], "invention_patent")
        st, b = self.srv.post("/api/v1/rd-outputs", {
            "consortium_id": LZ, "project_id": proj["id"], "kind": "标准", "title": "无级别标准"},
            token=self.tok["school"])
        self.assertEqual(st, 422, b)
        self.assertIn("standard_level", b["error"]["details"])
        st, b = self.srv.patch(path, {"status": "accepted"}, token=self.tok["school"])
        self.assertEqual(st, 403, b)  # the lead does not accept its own work
        st, b = self.srv.patch(path, {"status": "accepted", "budget": 1}, token=self.tok["owner"])
        self.assertEqual(st, 403, b)  # the client changes only the status
        self.ok(*self.srv.patch(path, {"status": "accepted"}, token=self.tok["owner"]))
        st, b = self.srv.patch(path, {"status": "closed"}, token=self.tok["school"])
        self.assertEqual(st, 403, b)
        self.ok(*self.srv.patch(path, {"status": "closed"}, token=self.tok["secretariat"]))
        st, b = self.srv.patch(path, {"status": "running"}, token=self.tok["secretariat"])
        self.assertEqual(st, 409, b)
        # Members read the project and its children; the public does not.
        self.assertIn(proj["id"], self.ids("/api/v1/rd-projects?consortium_id=%d" % LZ,
                                           "member")[0])
        st, b = self.srv.get(path)
        self.assertEqual(st, 404, b)
        self.assertEqual(self.ids("/api/v1/rd-outputs?project_id=%d" % proj["id"], "member")[0],
                         {out["id"]})

    def test_project_filed_by_lead_is_proposed(self):
        body = {"consortium_id": LZ, "kind": "横向课题", "title": "焊装夹具优化（申报）",
                "lead_id": self.lzvtu, "partner_ids": [self.gxauto], "budget": 80000}
        st, b = self.srv.post("/api/v1/rd-projects", dict(body, status="running"),
                              token=self.tok["school"])
        self.assertEqual(st, 409, b)
        p = self.ok(*self.srv.post("/api/v1/rd-projects", dict(body, status="proposed"),
                                   token=self.tok["school"]), want=201)
        path = "/api/v1/rd-projects/%d" % p["id"]
        st, b = self.srv.patch(path, {"status": "approved"}, token=self.tok["school"])
        self.assertEqual(st, 403, b)
        self.assertIn("秘书处", b["error"]["message"])
        self.ok(*self.srv.patch(path, {"status": "rejected"}, token=self.tok["secretariat"]))
        st, b = self.srv.patch(path, {"status": "approved"}, token=self.tok["secretariat"])
        self.assertEqual(st, 409, b)
        st, b = self.srv.post("/api/v1/rd-projects", dict(body, lead_id=self.lzvtu,
                                                          partner_ids=[self.lzvtu]),
                              token=self.tok["school"])
        self.assertEqual(st, 422, b)

    # ---- visibility, for every role --------------------------------------------

    def test_visibility_everywhere(self):
        word = "可见性独有词汽缸盖"
        rows = {v: self.need("%s%s" % (word, v), visibility=v, keywords=word)
                for v in ("public", "members", "secretariat")}
        rows["draft"] = self.need(word + "草稿", status="draft", keywords=word)
        who_sees = {
            "anonymous": {"public"},
            "outsider": {"public"},
            "member": {"public", "members"},
            "school": {"public", "members"},
            "secretariat": {"public", "members", "secretariat", "draft"},
            "owner": {"public", "members", "secretariat", "draft"},
            "admin": {"public", "members", "secretariat", "draft"},
        }
        want_ids = {who: {rows[k]["id"] for k in keys} for who, keys in who_sees.items()}
        mine = {r["id"] for r in rows.values()}
        for who, want in want_ids.items():
            with self.subTest(who=who):
                # Lists and their counts.
                got, total = self.ids("/api/v1/tech-needs?consortium_id=%d&q=%s&per_page=100"
                                      % (LZ, quote(word)), who)
                self.assertEqual(got & mine, want)
                self.assertEqual(total, len(want))
                st, b = self.srv.get("/api/v1/tech-needs?consortium_id=%d&visibility=secretariat"
                                     "&q=%s" % (LZ, quote(word)), token=self.tok[who])
                self.assertEqual(b["total"], 1 if rows["secretariat"]["id"] in want else 0)
                # Reads.
                for k, r in rows.items():
                    st, b = self.srv.get("/api/v1/tech-needs/%d" % r["id"], token=self.tok[who])
                    self.assertEqual(st, 200 if r["id"] in want else 404, (k, b))
                # Exports.
                st, raw = self.srv.get("/api/v1/tech-needs?consortium_id=%d&q=%s&format=csv"
                                       % (LZ, quote(word)), token=self.tok[who], raw=True)
                self.assertEqual(st, 200, raw)
                text = raw.decode("utf-8-sig")
                titles = {row.get("标题") for row in csv.DictReader(io.StringIO(text))}
                self.assertEqual(titles & {r["title"] for r in rows.values()},
                                 {rows[k]["title"] for k in who_sees[who]})
                # Search (published texts only: never a draft).
                st, b = self.srv.get("/api/v1/search?" + urlencode(
                    {"consortium": LZ, "kind": "tech_needs", "q": word}), token=self.tok[who])
                self.assertEqual(st, 200, b)
                found = {i["id"] for i in b["items"]}
                self.assertEqual(found & mine, want - {rows["draft"]["id"]})
                self.assertEqual(b["total"], len(want - {rows["draft"]["id"]}))

    def test_capability_visibility_and_search(self):
        word = "能力独有词曲轴磨削"
        caps = {v: self.capability(word + v, visibility=v, keywords=word)
                for v in ("public", "members", "secretariat")}
        who_sees = {"anonymous": {"public"}, "outsider": {"public"},
                    "member": {"public", "members"},
                    "owner": {"public", "members"},
                    "school": {"public", "members", "secretariat"},
                    "secretariat": {"public", "members", "secretariat"}}
        mine = {c["id"] for c in caps.values()}
        for who, keys in who_sees.items():
            with self.subTest(who=who):
                want = {caps[k]["id"] for k in keys}
                got, total = self.ids("/api/v1/capabilities?consortium_id=%d&q=%s"
                                      % (LZ, quote(word)), who)
                self.assertEqual((got & mine, total), (want, len(want)))
                st, b = self.srv.get("/api/v1/search?" + urlencode(
                    {"consortium": LZ, "kind": "capabilities", "q": "曲轴磨削"}),
                    token=self.tok[who])
                self.assertEqual(st, 200, b)
                self.assertEqual({i["id"] for i in b["items"]} & mine, want)
                # A page of one: the total still counts only what the caller
                # may see (on PostgreSQL the page carries it).
                st, b = self.srv.get("/api/v1/search?" + urlencode(
                    {"consortium": LZ, "kind": "capabilities", "q": word, "per_page": 1}),
                    token=self.tok[who])
                self.assertEqual(st, 200, b)
                self.assertEqual((len(b["items"]), b["total"]), (1, len(want)))
        # A secretariat-only need is never answerable by a unit that cannot see it.
        hidden = self.need("仅秘书处可见的需求", visibility="secretariat")
        st, b = self.srv.post("/api/v1/need-responses", {
            "consortium_id": LZ, "need_id": hidden["id"], "organization_id": self.lzvtu,
            "approach": "试图响应看不见的需求。"}, token=self.tok["school"])
        self.assertEqual(st, 422, b)
        self.assertIn("need_id", b["error"]["details"])

    def test_suggestions(self):
        need = self.need("焊缝超声探伤", keywords="超声探伤；焊缝检测", field="检测与质量")
        pub = self.capability("超声探伤实验室", keywords="超声探伤、无损检测",
                              description="焊缝超声探伤与无损检测服务。", fields="检测与质量")
        secret = self.capability("焊缝检测团队（保密）", visibility="secretariat",
                                 keywords="焊缝检测", fields="材料与工艺")
        other = self.ok(*self.srv.post("/api/v1/capabilities", {
            "consortium_id": LZ, "organization_id": self.gxauto, "kind": "专家",
            "title": "喷漆专家", "description": "喷漆工艺。", "keywords": "喷漆",
            "fields": "材料与工艺", "visibility": "public"}, token=self.tok["member"]), want=201)
        path = "/api/v1/tech-needs/%d/suggestions" % need["id"]
        got = self.ok(*self.srv.get(path))
        ids = [i["capability_id"] for i in got["items"]]
        self.assertIn(pub["id"], ids)
        self.assertNotIn(secret["id"], ids)   # secretariat-only: not for the public
        self.assertNotIn(other["id"], ids)    # nothing in common
        self.assertEqual(got["total"], len(got["items"]))
        hit = got["items"][ids.index(pub["id"])]
        self.assertEqual(hit["organization_id"], self.lzvtu)
        text = " ".join(hit["reasons"])
        self.assertIn("超声探伤", text)
        self.assertIn("检测与质量", text)   # the shared field
        self.assertNotIn("已验收", text)   # the public is told of no projects
        # The secretariat sees the secretariat-only capability too, ranked
        # below the one sharing keywords and field.
        got = self.ok(*self.srv.get(path, token=self.tok["secretariat"]))
        ids = [i["capability_id"] for i in got["items"]]
        self.assertLess(ids.index(pub["id"]), ids.index(secret["id"]))
        # A past project of the school in the field, accepted, counts.
        p = self.ok(*self.srv.post("/api/v1/rd-projects", {
            "consortium_id": LZ, "kind": "技术服务", "title": "独有建议往期项目", "field": "testing",
            "lead_id": self.lzvtu, "status": "closed"}, token=self.tok["secretariat"]), want=201)
        got = self.ok(*self.srv.get(path, token=self.tok["member"]))
        hit = [i for i in got["items"] if i["capability_id"] == pub["id"]][0]
        self.assertTrue(any("已验收项目" in r for r in hit["reasons"]), hit)
        # The reverse: the needs a capability could answer.
        got = self.ok(*self.srv.get("/api/v1/capabilities/%d/suggestions" % pub["id"]))
        self.assertIn(need["id"], [i["need_id"] for i in got["items"]])
        # A record the caller may not read: 404, before the limit is looked at.
        st, b = self.srv.get("/api/v1/capabilities/%d/suggestions?limit=x" % secret["id"])
        self.assertEqual(st, 404, b)
        st, b = self.srv.get(path + "?limit=0")
        self.assertEqual(st, 400, b)
        self.assertEqual(len(self.ok(*self.srv.get(path + "?limit=1",
                                                   token=self.tok["secretariat"]))["items"]), 1)
        del p

    def test_search_core_products(self):
        body = {"consortium_id": LZ, "enterprise_id": self.sgmw, "name": "独有词变速箱壳体",
                "chain_link": "关键零部件", "description": "铝合金压铸变速箱壳体。"}
        p = self.ok(*self.srv.post("/api/v1/core-products", body, token=self.tok["owner"]), want=201)
        st, b = self.srv.get("/api/v1/search?" + urlencode(
            {"consortium": LZ, "kind": "core_products", "q": "变速箱"}))
        self.assertEqual(st, 200, b)
        self.assertIn(p["id"], {i["id"] for i in b["items"]})
        self.assertEqual(b["items"][0].keys() >= {"id", "title", "snippet"}, True)
        st, b = self.srv.get("/api/v1/search?" + urlencode(
            {"consortium": LZ, "kind": "nonsense", "q": "变速箱"}))
        self.assertEqual(st, 400, b)


if __name__ == "__main__":
    cjtest.run()
