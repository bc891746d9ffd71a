"""Black-box tests of technology suggestions at scale and of accepted
responses (issue 10), against the real binary on the demo's Liuzhou
consortium (public).

- Among hundreds of capabilities sharing a need's common words, the one
  sharing only a rare word of it comes first (suggestions query the rare
  terms by BM25 and bound the common ones: docs/tech.md, "Suggestions"),
  a rarer word weighs more than a less rare one, and the reverse
  direction finds needs the same way;
- visibility holds on both paths (the rare words' and the common ones'): a
  secretariat-only capability is never suggested to a member, a
  members-only need never to a unit of another consortium;
- an accepted response (status accepted, project_id set) cannot be
  deleted by anyone — 409 naming the project — and the need's enterprise
  can change it only as the workflow allows (which is not at all); a
  response still submitted is deleted by its responder as before.

    python3 tests/api/test_tech_suggest.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ = 1
MEMBER = ("gxauto_sugg", "gxauto-sugg-2026")
OUTSIDER = ("outsider_sugg", "outsider-sugg-2026")
COMMON = 360  # more rows than a common term may have (SUGGEST_RARE, 300)


class TechSuggestTest(unittest.TestCase):
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
        lz_members, page = set(), 1
        while True:
            st, b = cls.srv.get("/api/v1/memberships?consortium_id=%d&per_page=500&page=%d"
                                % (LZ, page), token=admin)
            lz_members |= {r["organization_id"] for r in b["items"]}
            if not b["items"] or len(lz_members) >= b["total"]:
                break
            page += 1
        st, m = cls.srv.get("/api/v1/memberships?consortium_id=4&per_page=200", token=admin)
        outsider_org = next(r["organization_id"] for r in m["items"]
                            if r["organization_id"] not in lz_members)
        for (user, pw), oid in ((MEMBER, cls.gxauto), (OUTSIDER, outsider_org)):
            st, b = cls.srv.post("/api/v1/users", {"username": user, "display_name": user,
                                                   "role": "org_staff", "organization_id": oid,
                                                   "password": pw}, token=admin)
            assert st == 201, b
        cls.tok = {
            "admin": admin,
            "secretariat": cls.srv.login("liuzhou_sec"),
            "owner": cls.srv.login("sgmw_admin"),
            "school": cls.srv.login("lzvtu_staff"),
            "member": cls.srv.login(*MEMBER),
            "outsider": cls.srv.login(*OUTSIDER),
        }
        # Hundreds of capabilities of two units sharing the common words
        # 车身视觉 and 焊点质检, some sharing the need's field: one import.
        rows = ["单位,类型,名称,能力描述,关键词,技术领域,可见范围"]
        for i in range(COMMON):
            rows.append("%s,技术服务,车身视觉焊点质检服务%d,提供相关技术服务。,"
                        "车身视觉；焊点质检,%s,公开"
                        % ("柳州职业技术大学" if i % 2 else "广西汽车集团有限公司", i,
                           "检测与质量" if i % 3 else "数字化与软件"))
        st, b = cls.srv.post("/api/v1/import/capabilities?consortium_id=%d" % LZ,
                             ("\r\n".join(rows) + "\r\n").encode("utf-8"),
                             token=cls.tok["secretariat"], headers={"Content-Type": "text/csv"})
        assert st == 200, b

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def ok(self, st, b, want=200):
        self.assertEqual(st, want, b)
        return b

    def need(self, title, keywords, visibility="public", field="检测与质量", **kw):
        body = {"consortium_id": LZ, "enterprise_id": self.sgmw, "title": title,
                "description": kw.pop("description", "车身焊点的质量检测。"),
                "keywords": keywords, "field": field, "visibility": visibility,
                "status": "published"}
        body.update(kw)
        return self.ok(*self.srv.post("/api/v1/tech-needs", body, token=self.tok["owner"]),
                       want=201)

    def capability(self, title, keywords, who="school", org=None, visibility="public",
                   fields="材料与工艺", description="专门能力。"):
        body = {"consortium_id": LZ, "organization_id": org or self.lzvtu, "kind": "专家",
                "title": title, "description": description, "keywords": keywords,
                "fields": fields, "visibility": visibility}
        return self.ok(*self.srv.post("/api/v1/capabilities", body, token=self.tok[who]),
                       want=201)

    def suggested(self, path, who, key):
        got = self.ok(*self.srv.get(path, token=self.tok[who]))
        return [i[key] for i in got["items"]], got

    # ---- ranking -------------------------------------------------------------

    def test_rare_word_first_among_hundreds_of_common(self):
        # The answer shares only the rare word 太赫兹成像, in another field;
        # hundreds share both common words, many the need's field too.
        rare = self.capability("太赫兹成像专家", "太赫兹成像", org=self.gxauto, who="member",
                               description="太赫兹成像方法研究。")
        need = self.need("车身视觉焊点质检难题", "车身视觉；焊点质检；太赫兹成像")
        ids, got = self.suggested("/api/v1/tech-needs/%d/suggestions" % need["id"], "member",
                                  "capability_id")
        self.assertEqual(ids[0], rare["id"], got["items"][:3])
        self.assertEqual(len(ids), 20)  # the common words fill the page
        self.assertTrue(any("太赫兹成像" in r for r in got["items"][0]["reasons"]), got["items"][0])
        # Below it: capabilities holding both common words and the field,
        # each reason naming them.
        second = got["items"][1]
        text = " ".join(second["reasons"])
        self.assertIn("车身视觉", text)
        self.assertIn("焊点质检", text)
        self.assertIn("检测与质量", text)
        # Not itself: SGMW's own capabilities are never suggested to its need.
        self.assertNotIn(self.sgmw, {i["organization_id"] for i in got["items"]})

    def test_rarer_word_weighs_more(self):
        # Both words are rare (few rows), one rarer: its holder comes first,
        # and one holding both above either.
        fewer = [self.capability("离子渗氮工艺%d" % i, "离子渗氮") for i in range(6)]
        rarest = self.capability("微弧氧化专家", "微弧氧化", org=self.gxauto, who="member")
        both = self.capability("表面处理专家", "微弧氧化；离子渗氮", org=self.gxauto,
                               who="member")
        need = self.need("表面改性难题", "离子渗氮；微弧氧化", field="材料与工艺")
        ids, got = self.suggested("/api/v1/tech-needs/%d/suggestions" % need["id"], "member",
                                  "capability_id")
        self.assertEqual(ids[:2], [both["id"], rarest["id"]], got["items"][:3])
        self.assertTrue({c["id"] for c in fewer} <= set(ids[2:]))
        self.assertTrue(any("离子渗氮、微弧氧化" in r for r in got["items"][0]["reasons"]),
                        got["items"][0])

    def test_reverse_finds_needs_by_a_rare_word(self):
        for i in range(5):
            self.need("车身视觉常见需求%d" % i, "车身视觉；焊点质检")
        target = self.need("激光诱导击穿光谱分析", "激光诱导击穿光谱", field="材料与工艺")
        cap = self.capability("光谱分析专家", "激光诱导击穿光谱；车身视觉")
        ids, got = self.suggested("/api/v1/capabilities/%d/suggestions" % cap["id"], "school",
                                  "need_id")
        self.assertEqual(ids[0], target["id"], got["items"][:3])
        self.assertTrue(any("激光诱导击穿光谱" in r for r in got["items"][0]["reasons"]))
        self.assertGreater(len(ids), 1)  # the common word finds the others after it

    # ---- visibility on both paths ----------------------------------------------

    def test_secretariat_only_capability_never_suggested_to_a_member(self):
        need = self.need("毫米波穿透检测难题", "毫米波穿透；车身视觉；焊点质检")
        # The best text match of all, on the rare word's path ...
        secret = self.capability("毫米波穿透检测（保密）", "毫米波穿透；车身视觉；焊点质检",
                                 visibility="secretariat", fields="检测与质量",
                                 description="毫米波穿透检测。")
        # ... and the newest on the common words' path.
        secret2 = self.capability("车身视觉焊点质检（保密）", "车身视觉；焊点质检",
                                  visibility="secretariat", fields="检测与质量",
                                  description="车身视觉与焊点质检的保密能力。")
        path = "/api/v1/tech-needs/%d/suggestions?limit=100" % need["id"]
        for who in ("member", "owner"):
            ids, got = self.suggested(path, who, "capability_id")
            self.assertTrue(ids, got)
            self.assertNotIn(secret["id"], ids, who)
            self.assertNotIn(secret2["id"], ids, who)
        # The secretariat is shown both, first the rare word's, then the
        # one holding the common words in every text.
        ids, _ = self.suggested(path, "secretariat", "capability_id")
        self.assertEqual(ids[:2], [secret["id"], secret2["id"]])

    def test_members_only_need_never_suggested_to_an_outsider(self):
        members = self.need("超临界发泡工艺难题", "超临界发泡；车身视觉", visibility="members")
        public = self.need("超临界发泡公开需求", "超临界发泡", description="公开的需求。")
        cap = self.capability("超临界发泡团队", "超临界发泡；车身视觉")
        path = "/api/v1/capabilities/%d/suggestions" % cap["id"]
        ids, got = self.suggested(path, "outsider", "need_id")
        self.assertIn(public["id"], ids, got)
        self.assertNotIn(members["id"], ids)
        ids, _ = self.suggested(path, "member", "need_id")
        self.assertIn(members["id"], ids)
        ids, _ = self.suggested(path, "school", "need_id")
        self.assertIn(members["id"], ids)

    # ---- an accepted response stays --------------------------------------------

    def test_accepted_response_cannot_be_deleted(self):
        need = self.need("轮毂动平衡检测", "动平衡")
        body = {"consortium_id": LZ, "need_id": need["id"], "organization_id": self.lzvtu,
                "approach": "动平衡检测方案。", "price": 80000}
        resp = self.ok(*self.srv.post("/api/v1/need-responses", body, token=self.tok["school"]),
                       want=201)
        loose = self.ok(*self.srv.post("/api/v1/need-responses",
                                       dict(body, organization_id=self.gxauto),
                                       token=self.tok["member"]), want=201)
        proj = self.ok(*self.srv.post("/api/v1/need-responses/%d/accept" % resp["id"],
                                      {"title": "轮毂动平衡检测服务"}, token=self.tok["owner"]),
                       want=201)
        path = "/api/v1/need-responses/%d" % resp["id"]
        for who in ("school", "admin"):
            st, b = self.srv.delete(path, token=self.tok[who])
            self.assertEqual(st, 409, (who, b))
            msg = b["error"]["message"]
            self.assertIn("轮毂动平衡检测服务", msg)
            self.assertIn(str(proj["id"]), msg)
            self.assertRegex(msg, r"[\u4e00-\u9fff].*\(.*[a-z].*\)")  # 中文 (English)
        st, b = self.srv.delete(path, token=self.tok["owner"])
        self.assertIn(st, (403, 409), b)
        r = self.ok(*self.srv.get(path, token=self.tok["school"]))
        self.assertEqual((r["status"], r["project_id"]), ("accepted", proj["id"]))
        # The enterprise changes it only as the workflow allows: no step
        # leaves accepted, and it sets nothing but the status.
        for change in ({"status": "rejected"}, {"status": "submitted"}):
            st, b = self.srv.patch(path, change, token=self.tok["owner"])
            self.assertEqual(st, 409, (change, b))
        st, b = self.srv.patch(path, {"price": 1}, token=self.tok["owner"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.patch(path, {"approach": "改了"}, token=self.tok["school"])
        self.assertEqual(st, 409, b)
        st, b = self.srv.patch(path, {"status": "withdrawn"}, token=self.tok["school"])
        self.assertEqual(st, 409, b)
        r = self.ok(*self.srv.get(path, token=self.tok["owner"]))
        self.assertEqual((r["status"], r["project_id"], r["price"]),
                         ("accepted", proj["id"], 80000))
        # A response still submitted is deleted by its responder as before.
        st, b = self.srv.delete("/api/v1/need-responses/%d" % loose["id"],
                                token=self.tok["member"])
        self.assertIn(st, (200, 204), b)


if __name__ == "__main__":
    cjtest.run()
