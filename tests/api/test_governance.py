"""Black-box tests of the register's governance against the real binary:
composition (counts units, not roles), the council in role order, votes
(members only, one per unit and motion), motion results under each rule,
dashboard figures, and soft delete.

    python3 tests/api/test_governance.py build/chanjiao
"""
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402

ADMIN_PW = "admin-pass-2026"
PW = "password-2026"
TYPES = ["government", "enterprise", "undergraduate", "higher_vocational",
         "secondary_vocational", "research_institute", "industry_association", "other"]
ROLE_ORDER = ["chair", "executive_chair", "vice_chair", "secretary_general",
              "deputy_secretary_general", "council_member", "member"]


def tag():
    return uuid.uuid4().hex[:8]


class GovernanceTest(unittest.TestCase):
    srv = None

    @classmethod
    def setUpClass(cls):
        cls.srv = s = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        cls.admin = s.login("admin", ADMIN_PW)
        # consortium V (votes) with three council units and two plain members
        cls.V = cls.mk("consortia", {"name": "表决联合体", "kind": "city", "level": "municipal"})
        cls.W = cls.mk("consortia", {"name": "其他联合体", "kind": "industry", "level": "national"})
        cls.council = [cls.org("government"), cls.org("enterprise"), cls.org("higher_vocational")]
        cls.plain = [cls.org("enterprise"), cls.org("secondary_vocational")]
        cls.outsider = cls.org("enterprise")
        for o, role in zip(cls.council, ["chair", "vice_chair", "council_member"]):
            cls.mk("memberships", {"consortium_id": cls.V, "organization_id": o, "role": role})
        # the vice chair is also deputy secretary-general: still one council unit
        cls.mk("memberships", {"consortium_id": cls.V, "organization_id": cls.council[1],
                               "role": "deputy_secretary_general"})
        for o in cls.plain:
            cls.mk("memberships", {"consortium_id": cls.V, "organization_id": o, "role": "member"})
        cls.mk("memberships", {"consortium_id": cls.W, "organization_id": cls.outsider,
                               "role": "chair"})
        cls.uid = {}
        for name, role, org, cons in [("secV", "secretariat", None, cls.V),
                                      ("secW", "secretariat", None, cls.W),
                                      ("memberStaff", "org_staff", cls.plain[0], None),
                                      ("outsiderAdmin", "org_admin", cls.outsider, None)]:
            body = {"username": name, "display_name": name, "role": role, "password": PW}
            if org:
                body["organization_id"] = org
            if cons:
                body["consortium_id"] = cons
            cls.uid[name] = cls.mk("users", body)
        cls.tok = {n: s.login(n, PW) for n in cls.uid}
        cls.meeting = cls.mk("meetings", {"consortium_id": cls.V, "title": "第一届理事会第二次会议",
                                          "kind": "council", "held_on": "2025-06-01",
                                          "status": "held"}, cls.tok["secV"])

    @classmethod
    def tearDownClass(cls):
        if cls.srv:
            cls.srv.stop()

    @classmethod
    def mk(cls, path, body, tok=None):
        st, b = cls.srv.post("/api/v1/" + path, body, token=tok or cls.admin)
        if st != 201:
            raise AssertionError("%s %s: %s %s" % (path, body, st, b))
        return b["id"]

    @classmethod
    def org(cls, type_, name=None):
        return cls.mk("organizations", {"name": name or ("单位" + tag()), "type": type_})

    def err(self, resp, status, code=None, fields=()):
        e = assert_error(self, resp, status, code)
        for f in fields:
            self.assertIn(f, e["details"] or {}, e)
        return e

    def get(self, path, tok=None):
        st, b = self.srv.get(path, token=tok)
        self.assertEqual(st, 200, (path, b))
        return b

    def composition(self, cid, tok=None):
        b = self.get("/api/v1/consortia/%d/composition" % cid, tok)
        self.assertEqual(sorted(b), ["by_type", "total"])
        self.assertEqual(sorted(b["by_type"]), sorted(TYPES))
        self.assertEqual(b["total"], sum(b["by_type"].values()))
        return b

    # ---- composition and council -------------------------------------------------

    def test_composition_counts_units_not_roles(self):
        c = self.mk("consortia", {"name": "组成联合体" + tag(), "kind": "city", "level": "municipal"})
        gov = [self.org("government") for _ in range(2)]
        ent = [self.org("enterprise") for _ in range(3)]
        hv, ri = self.org("higher_vocational"), self.org("research_institute")
        self.mk("memberships", {"consortium_id": c, "organization_id": gov[0], "role": "chair"})
        self.mk("memberships", {"consortium_id": c, "organization_id": gov[1],
                                "role": "secretary_general"})
        # one unit, three roles (and a second term of one of them)
        for role, term in [("vice_chair", 1), ("deputy_secretary_general", 1), ("member", 1),
                           ("vice_chair", 2)]:
            self.mk("memberships", {"consortium_id": c, "organization_id": hv, "role": role,
                                    "term": term})
        for o in ent + [ri]:
            self.mk("memberships", {"consortium_id": c, "organization_id": o, "role": "member"})
        want = dict.fromkeys(TYPES, 0)
        want.update(government=2, enterprise=3, higher_vocational=1, research_institute=1)
        b = self.composition(c)
        self.assertEqual(b, {"total": 7, "by_type": want})
        # anyone reads a public consortium's composition
        for tok in (self.tok["outsiderAdmin"], self.admin):
            self.assertEqual(self.composition(c, tok), b)
        # a unit that has left, or whose membership starts to end only later
        left = self.org("undergraduate")
        self.mk("memberships", {"consortium_id": c, "organization_id": left, "role": "member",
                                "joined_on": "2020-01-01", "left_on": "2021-01-01"})
        future = self.org("other")
        self.mk("memberships", {"consortium_id": c, "organization_id": future, "role": "member",
                                "joined_on": "2020-01-01", "left_on": "2099-01-01"})
        want["other"] = 1
        self.assertEqual(self.composition(c), {"total": 8, "by_type": want})
        # deleting one of hv's roles leaves hv counted once
        lst = self.get("/api/v1/memberships?consortium_id=%d&organization_id=%d" % (c, hv))
        self.assertEqual(lst["total"], 4)
        st, _ = self.srv.delete("/api/v1/memberships/%d" % lst["items"][0]["id"], token=self.admin)
        self.assertEqual(st, 204)
        self.assertEqual(self.composition(c), {"total": 8, "by_type": want})
        # a deleted organisation no longer counts
        st, _ = self.srv.delete("/api/v1/organizations/%d" % ri, token=self.admin)
        self.assertEqual(st, 204)
        want["research_institute"] = 0
        self.assertEqual(self.composition(c), {"total": 7, "by_type": want})
        self.assertNotIn(ri, [i["organization_id"] for i in
                              self.get("/api/v1/consortia/%d/council" % c)["items"]])
        # an empty consortium: all eight types, zero
        e = self.mk("consortia", {"name": "空联合体" + tag(), "kind": "city", "level": "municipal"})
        self.assertEqual(self.composition(e), {"total": 0, "by_type": dict.fromkeys(TYPES, 0)})
        self.err(self.srv.get("/api/v1/consortia/987654/composition"), 404, "not_found")
        self.err(self.srv.get("/api/v1/consortia/987654/council"), 404, "not_found")
        self.err(self.srv.get("/api/v1/consortia/987654/stats"), 404, "not_found")

    def test_council_in_role_order(self):
        c = self.mk("consortia", {"name": "理事会联合体" + tag(), "kind": "city",
                                  "level": "municipal"})
        names = {}
        # created in scrambled order
        plan = [("member", "企业甲"), ("vice_chair", "上汽通用五菱"), ("council_member", "理事单位乙"),
                ("deputy_secretary_general", "柳州职业技术大学"), ("chair", "柳东新区管委会"),
                ("vice_chair", "柳州职业技术大学"), ("secretary_general", "柳州市教育局"),
                ("executive_chair", "执行单位"), ("deputy_secretary_general", "实训基地")]
        for role, name in plan:
            if name not in names:
                names[name] = self.org("other", name + tag())
            self.mk("memberships", {"consortium_id": c, "organization_id": names[name],
                                    "role": role})
        b = self.get("/api/v1/consortia/%d/council" % c)
        self.assertEqual(b["total"], len(plan))
        roles = [i["role"] for i in b["items"]]
        self.assertEqual(roles, sorted(roles, key=ROLE_ORDER.index))
        self.assertEqual(roles[0], "chair")
        self.assertEqual(roles[-1], "member")
        self.assertEqual(b["items"][0]["organization_id"], names["柳东新区管委会"])
        self.assertEqual(b["items"][0]["role_zh"], "理事长单位")
        self.assertTrue(b["items"][0]["organization_name"].startswith("柳东新区管委会"))
        # the unit with two roles is listed under both
        dual = [i["role"] for i in b["items"] if i["organization_id"] == names["柳州职业技术大学"]]
        self.assertEqual(dual, ["vice_chair", "deputy_secretary_general"])
        # ... and counted once
        self.assertEqual(self.composition(c)["total"], len(names))
        # a unit that has left is not on the council
        st, b2 = self.srv.patch("/api/v1/memberships/%d" % b["items"][-1]["membership_id"],
                                {"left_on": "2001-01-01"}, token=self.admin)
        self.assertEqual(st, 200, b2)
        self.assertEqual(self.get("/api/v1/consortia/%d/council" % c)["total"], len(plan) - 1)

    # ---- votes ---------------------------------------------------------------------

    def motion(self, threshold, base):
        return self.mk("agenda-items", {"meeting_id": self.meeting, "seq": 1,
                                        "title": "议题" + tag(), "threshold": threshold,
                                        "base": base}, self.tok["secV"])

    def vote(self, item, org, choice):
        return self.mk("votes", {"agenda_item_id": item, "organization_id": org,
                                 "choice": choice}, self.tok["secV"])

    def result(self, item, tok=None):
        return self.get("/api/v1/agenda-items/%d/result" % item, tok or self.tok["secV"])

    def test_vote_rules(self):
        s = self.srv
        item = self.motion("majority", "present")
        self.err(s.post("/api/v1/votes", {"agenda_item_id": item, "organization_id": self.outsider,
                                          "choice": "for"}, token=self.tok["secV"]),
                 422, "validation_failed", ["organization_id"])
        self.err(s.post("/api/v1/votes", {"agenda_item_id": item, "organization_id": 987654,
                                          "choice": "for"}, token=self.tok["secV"]),
                 422, "validation_failed", ["organization_id"])
        self.err(s.post("/api/v1/votes", {"agenda_item_id": item, "organization_id": self.plain[0],
                                          "choice": "yes"}, token=self.tok["secV"]),
                 422, "validation_failed", ["choice"])
        self.err(s.post("/api/v1/votes", {"agenda_item_id": item, "organization_id": self.plain[0],
                                          "choice": "for", "consortium_id": self.W},
                        token=self.tok["secV"]), 422, "validation_failed", ["consortium_id"])
        v = self.vote(item, self.council[0], "for")
        e = self.err(s.post("/api/v1/votes", {"agenda_item_id": item,
                                              "organization_id": self.council[0],
                                              "choice": "against"}, token=self.tok["secV"]),
                     409, "conflict")
        self.assertIn("organization_id", e["details"])
        # the same unit votes on another motion
        self.vote(self.motion("majority", "present"), self.council[0], "against")
        # who may record votes: the secretariat of that consortium
        body = {"agenda_item_id": item, "organization_id": self.plain[1], "choice": "for"}
        for who in ("secW", "memberStaff", "outsiderAdmin"):
            st, b = s.post("/api/v1/votes", body, token=self.tok[who])
            self.err((st, b), 403, "forbidden")
        self.err(s.post("/api/v1/votes", body), 401, "unauthorized")
        # a vote is changed by PATCH, not by voting again; unit and motion are fixed
        st, b = s.patch("/api/v1/votes/%d" % v, {"choice": "abstain"}, token=self.tok["secV"])
        self.assertEqual((st, b["choice"]), (200, "abstain"))
        self.err(s.patch("/api/v1/votes/%d" % v, {"organization_id": self.council[1]},
                         token=self.tok["secV"]), 422, "validation_failed", ["organization_id"])
        # deleted, the unit may vote again
        st, _ = s.delete("/api/v1/votes/%d" % v, token=self.tok["secV"])
        self.assertEqual(st, 204)
        self.vote(item, self.council[0], "for")
        r = self.result(item)
        self.assertEqual((r["for"], r["against"], r["abstain"]), (1, 0, 0))

    def test_result_majority_present(self):
        item = self.motion("majority", "present")
        r = self.result(item)
        self.assertEqual((r["base_count"], r["passed"]), (0, False))  # nobody voted
        self.vote(item, self.council[0], "for")
        self.vote(item, self.plain[0], "for")
        v = self.vote(item, self.plain[1], "against")
        r = self.result(item)
        self.assertEqual(r["threshold"], "majority")
        self.assertEqual(r["base"], "present")
        self.assertEqual((r["for"], r["against"], r["abstain"]), (2, 1, 0))
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (3, 2, True))
        self.assertEqual(r["council_units"], 3)
        self.assertEqual(r["member_units"], 5)
        # an abstention counts among those present
        st, b = self.srv.patch("/api/v1/votes/%d" % v, {"choice": "abstain"},
                               token=self.tok["secV"])
        self.assertEqual((st, b["choice"]), (200, "abstain"), b)
        self.vote(item, self.council[1], "against")
        r = self.result(item)
        self.assertEqual((r["for"], r["against"], r["abstain"]), (2, 1, 1))
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (4, 3, False))

    def test_result_two_thirds_council(self):
        item = self.motion("two_thirds", "council")
        self.vote(item, self.council[0], "for")
        r = self.result(item)
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (3, 2, False))
        self.vote(item, self.council[1], "for")
        r = self.result(item)
        self.assertEqual((r["for"], r["base_count"], r["required"], r["passed"]), (2, 3, 2, True))
        # one for, two against: fails
        item2 = self.motion("two_thirds", "council")
        self.vote(item2, self.council[0], "for")
        self.vote(item2, self.council[1], "against")
        self.vote(item2, self.council[2], "against")
        r = self.result(item2)
        self.assertEqual((r["for"], r["against"], r["passed"]), (1, 2, False))

    def test_council_motion_counts_council_votes_only(self):
        """Two thirds *of the council*: plain members' votes cannot make up
        for missing council votes."""
        item = self.motion("two_thirds", "council")
        self.vote(item, self.council[0], "for")
        self.vote(item, self.plain[0], "for")
        self.vote(item, self.plain[1], "for")
        r = self.result(item)
        self.assertEqual((r["base_count"], r["required"]), (3, 2))
        self.assertEqual(r["passed"], False, r)
        self.assertEqual(r["for"], 1, r)

    def test_result_counts_the_council_of_the_meeting_day(self):
        """A result, once reached, does not move when the council changes
        later: the base is the council on the day of the meeting."""
        X = self.mk("consortia", {"name": "会期联合体", "kind": "city", "level": "municipal"})
        units = [self.org("enterprise") for _ in range(6)]
        for o in units[:3]:
            self.mk("memberships", {"consortium_id": X, "organization_id": o,
                                    "role": "council_member", "joined_on": "2025-01-01"})
        # left before the meeting: not counted
        self.mk("memberships", {"consortium_id": X, "organization_id": units[3],
                                "role": "council_member", "joined_on": "2024-01-01",
                                "left_on": "2025-03-01"})
        meeting = self.mk("meetings", {"consortium_id": X, "title": "第一届理事会第一次会议",
                                       "kind": "council", "held_on": "2025-06-01",
                                       "status": "held"})
        item = self.mk("agenda-items", {"meeting_id": meeting, "seq": 1, "title": "审议章程",
                                        "threshold": "two_thirds", "base": "council"})
        for o in units[:2]:
            self.mk("votes", {"agenda_item_id": item, "organization_id": o, "choice": "for"})
        r = self.get("/api/v1/agenda-items/%d/result" % item, self.admin)
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (3, 2, True), r)
        # Two units join the council after the meeting: the result stands.
        for o in units[4:]:
            self.mk("memberships", {"consortium_id": X, "organization_id": o,
                                    "role": "council_member", "joined_on": "2025-09-01"})
        r = self.get("/api/v1/agenda-items/%d/result" % item, self.admin)
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (3, 2, True), r)

    def test_result_unanimous(self):
        item = self.motion("unanimous", "present")
        for o in self.council:
            self.vote(item, o, "for")
        r = self.result(item)
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (3, 3, True))
        v = self.vote(item, self.plain[0], "abstain")
        r = self.result(item)
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (4, 4, False))
        # of all members: every member unit must vote for
        item = self.motion("unanimous", "members")
        for o in self.council + self.plain[:1]:
            self.vote(item, o, "for")
        r = self.result(item)
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (5, 5, False))
        self.vote(item, self.plain[1], "for")
        self.assertTrue(self.result(item)["passed"])

    def test_result_majority_members(self):
        item = self.motion("majority", "members")
        self.vote(item, self.council[0], "for")
        self.vote(item, self.plain[0], "for")
        r = self.result(item)
        self.assertEqual((r["base_count"], r["required"], r["passed"]), (5, 3, False))
        self.vote(item, self.plain[1], "for")
        self.assertTrue(self.result(item)["passed"])
        # changing the rule changes the result
        st, b = self.srv.patch("/api/v1/agenda-items/%d" % item, {"threshold": "two_thirds"},
                               token=self.tok["secV"])
        self.assertEqual(st, 200, b)
        r = self.result(item)
        self.assertEqual((r["threshold"], r["required"], r["passed"]), ("two_thirds", 4, False))

    def test_result_visibility(self):
        s = self.srv
        item = self.motion("majority", "present")
        self.result(item, self.tok["memberStaff"])
        self.result(item, self.admin)
        for tok in (None, self.tok["outsiderAdmin"], self.tok["secW"]):
            self.err(s.get("/api/v1/agenda-items/%d/result" % item, token=tok), 404, "not_found")
        self.err(s.get("/api/v1/agenda-items/987654/result", token=self.admin), 404, "not_found")
        self.err(s.post("/api/v1/agenda-items/%d/result" % item, {}, token=self.admin), 405)
        # a deleted motion has no result, and takes no votes
        st, _ = s.delete("/api/v1/agenda-items/%d" % item, token=self.tok["secV"])
        self.assertEqual(st, 204)
        self.err(s.get("/api/v1/agenda-items/%d/result" % item, token=self.admin), 404)
        self.err(s.post("/api/v1/votes", {"agenda_item_id": item,
                                          "organization_id": self.council[0], "choice": "for"},
                        token=self.tok["secV"]), 422, "validation_failed", ["agenda_item_id"])

    # ---- figures and soft delete ---------------------------------------------------

    def test_stats(self):
        s = self.srv
        c = self.V
        self.mk("agreements", {"consortium_id": c, "title": "战略合作协议" + tag(),
                               "type": "strategic", "parties": self.council[:2],
                               "signed_on": "2024-03-01", "status": "signed"}, self.tok["secV"])
        self.mk("work-plan-items", {"consortium_id": c, "year": 2025, "title": "计划" + tag(),
                                    "status": "in_progress", "progress": 50}, self.tok["secV"])
        b = self.get("/api/v1/consortia/%d/stats" % c, self.tok["secV"])
        self.assertEqual(b["composition"], self.composition(c))
        self.assertGreaterEqual(b["agreements"]["by_type"]["strategic"], 1)
        self.assertEqual(sorted(b["agreements"]["by_type"]),
                         sorted(["school_enterprise", "school_school", "science_education",
                                 "government_enterprise", "party_building", "strategic"]))
        self.assertIn("2024", b["agreements"]["by_year"])
        self.assertIn("2025", b["work_plan"]["by_year"])
        # work-plan progress is for members only
        self.assertIsNone(self.get("/api/v1/consortia/%d/stats" % c)["work_plan"])
        self.assertIsNone(self.get("/api/v1/consortia/%d/stats" % c,
                                   self.tok["outsiderAdmin"])["work_plan"])
        self.assertIsNotNone(self.get("/api/v1/consortia/%d/stats" % c,
                                      self.tok["memberStaff"])["work_plan"])

    def test_soft_delete(self):
        s = self.srv
        c = self.mk("consortia", {"name": "删除联合体" + tag(), "kind": "city", "level": "municipal"})
        a, b = self.org("enterprise"), self.org("government")
        ma = self.mk("memberships", {"consortium_id": c, "organization_id": a, "role": "chair"})
        self.mk("memberships", {"consortium_id": c, "organization_id": b, "role": "member"})
        self.assertEqual(self.composition(c)["total"], 2)
        st, _ = s.delete("/api/v1/memberships/%d" % ma, token=self.admin)
        self.assertEqual(st, 204)
        self.err(s.get("/api/v1/memberships/%d" % ma), 404, "not_found")
        self.assertEqual(self.get("/api/v1/memberships?consortium_id=%d" % c)["total"], 1)
        self.assertEqual(self.composition(c)["total"], 1)
        self.assertEqual([i["organization_id"] for i in
                          self.get("/api/v1/consortia/%d/council" % c)["items"]], [b])
        # the history stays in the audit log
        au = self.get("/api/v1/audit?entity=memberships&entity_id=%d" % ma, self.admin)
        self.assertEqual([i["action"] for i in au["items"]], ["delete", "create"])
        self.assertEqual(au["items"][0]["before"]["organization_id"], a)
        # the unit may join again in the same role
        self.mk("memberships", {"consortium_id": c, "organization_id": a, "role": "chair"})
        self.assertEqual(self.composition(c)["total"], 2)
        # a deleted consortium disappears with its register
        st, _ = s.delete("/api/v1/consortia/%d" % c, token=self.admin)
        self.assertEqual(st, 204)
        self.err(s.get("/api/v1/consortia/%d" % c), 404)
        self.err(s.get("/api/v1/consortia/%d/composition" % c), 404)
        self.assertEqual(self.get("/api/v1/memberships?consortium_id=%d" % c)["total"], 0)
        self.err(s.post("/api/v1/memberships", {"consortium_id": c, "organization_id": b,
                                                "role": "council_member"}, token=self.admin),
                 422, "validation_failed", ["consortium_id"])


if __name__ == "__main__":
    cjtest.run()
