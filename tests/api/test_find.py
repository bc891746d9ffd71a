"""Black-box tests of ?q= on entity lists reaching the names of linked records.

q on a list matches a row's own searched texts and the names of what the row
links to (store.h, store_query.q): a membership or a vote by its unit's name,
a crosswalk row by its major's or occupation's name or code, demand by its
enterprise's name or its occupation's name.  A name search never reveals a
row the caller could not list (a hidden consortium's memberships, a draft),
nor matches through a personal reference; a field the list is filtered on is
not searched by name (every row would match); q is bounded (200 bytes) and
its %, _ and \\ are plain characters.

    python3 tests/api/test_find.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402

LIUZHOU, JJJ = 1, 4
SGMW = 5  # 上汽通用五菱汽车股份有限公司, a member of Liuzhou
UNIQUE = "寻踪测试精密"  # in no demo name


def path(entity, **args):
    args.setdefault("per_page", 500)
    return "/api/v1/%s?%s" % (entity, urlencode(args))


class FindTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        cls.sec = cls.srv.login("liuzhou_sec", "secretariat-demo-2026")
        cls.jjj = cls.srv.login("jjj_sec", "secretariat-demo-2026")
        # A unit with a name no demo record has, member of 京津冀 (public)
        # and of a consortium that is not public.
        st, org = cls.srv.post("/api/v1/organizations", {
            "name": UNIQUE + "制造有限公司", "type": "enterprise"}, token=cls.admin)
        assert st == 201, org
        cls.org = org["id"]
        st, hidden = cls.srv.post("/api/v1/consortia", {
            "name": "未公开的测试联合体", "kind": "city", "level": "municipal",
            "is_public": False}, token=cls.admin)
        assert st == 201, hidden
        cls.hidden = hidden["id"]
        cls.memberships = {}
        for cid in (JJJ, cls.hidden):
            st, m = cls.srv.post("/api/v1/memberships", {
                "consortium_id": cid, "organization_id": cls.org, "role": "member"},
                token=cls.admin)
            assert st == 201, m
            cls.memberships[cid] = m["id"]
        st, d = cls.srv.post("/api/v1/demand", {
            "consortium_id": JJJ, "enterprise_id": cls.org, "occupation_code": "6-22-02-01",
            "job_title": "草稿岗位", "kind": "employment", "headcount": 2, "period": 2026,
            "status": "draft"}, token=cls.admin)
        assert st == 201, d
        cls.draft = d["id"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def items(self, entity, token=None, **args):
        st, body = self.srv.get(path(entity, **args), token=token)
        self.assertEqual(st, 200, body)
        self.assertEqual(body["total"], len(body["items"]))
        return body["items"]

    def ids(self, entity, token=None, **args):
        return {r["id"] for r in self.items(entity, token=token, **args)}

    def org_ids(self, q):
        return self.ids("organizations", q=q)

    # ---- linked names --------------------------------------------------------

    def test_membership_by_unit_name(self):
        rows = self.items("memberships", token=self.sec, consortium_id=LIUZHOU, q="上汽")
        self.assertTrue(rows)
        self.assertIn(SGMW, {r["organization_id"] for r in rows})
        named = self.org_ids("上汽")
        self.assertTrue(all(r["organization_id"] in named for r in rows))
        # Part of the full name, and the short name, find it too.
        for q in ("通用五菱", "五菱汽车股份", "上汽通用五菱"):
            self.assertIn(SGMW, {r["organization_id"] for r in self.items(
                "memberships", token=self.sec, consortium_id=LIUZHOU, q=q)})
        # Anonymous readers of a public consortium find the same rows.
        self.assertEqual({r["id"] for r in rows},
                         self.ids("memberships", consortium_id=LIUZHOU, q="上汽"))

    def test_filtered_field_not_searched_by_name(self):
        # Every Liuzhou membership's consortium is named 广西（柳州）…: with
        # the list filtered on it, q narrows by the units' names only.
        all_rows = self.ids("memberships", consortium_id=LIUZHOU)
        rows = self.items("memberships", consortium_id=LIUZHOU, q="柳州")
        self.assertLess(len(rows), len(all_rows))
        named = self.org_ids("柳州")
        self.assertTrue(rows and all(r["organization_id"] in named for r in rows))
        # Unfiltered, the consortium's name finds its rows.
        self.assertLessEqual(self.ids("memberships", consortium_id=JJJ),
                             self.ids("memberships", q="京津冀汽车产业园区"))

    def test_votes_by_unit_and_agenda_item(self):
        rows = self.items("votes", token=self.sec, q="上汽")
        self.assertTrue(rows)
        self.assertTrue(all(r["organization_id"] in self.org_ids("上汽") for r in rows))
        item = rows[0]["agenda_item_id"]
        st, ai = self.srv.get("/api/v1/agenda-items/%d" % item, token=self.sec)
        self.assertEqual(st, 200, ai)
        by_title = self.items("votes", token=self.sec, q=ai["title"])
        self.assertIn(item, {r["agenda_item_id"] for r in by_title})
        # Votes are the members': an anonymous caller finds none.
        self.assertEqual(self.ids("votes", q="上汽"), set())

    def test_crosswalk_by_catalogue_names_and_codes(self):
        rows = self.items("crosswalk", q="新能源汽车技术")
        self.assertTrue(rows)
        self.assertIn("460702", {r["major_code"] for r in rows})
        st, occ = self.srv.get(path("occupations", q="6-22-02-01"))
        self.assertEqual(st, 200, occ)
        occ_name = next(o["name"] for o in occ["items"] if o["code"] == "6-22-02-01")
        by_occ = self.items("crosswalk", q=occ_name)
        self.assertIn("6-22-02-01", {r["occupation_code"] for r in by_occ})
        # A code, or its head, is found as written.
        self.assertEqual({r["major_code"] for r in self.items("crosswalk", q="460702")}, {"460702"})
        # Filtered on the major, q narrows by the occupation only.
        narrowed = self.items("crosswalk", major_code="460702", q=occ_name)
        self.assertTrue(narrowed)
        self.assertEqual({r["occupation_code"] for r in narrowed}, {"6-22-02-01"})

    def test_demand_by_enterprise_and_occupation(self):
        rows = self.items("demand", consortium_id=LIUZHOU, q="上汽通用五菱")
        self.assertTrue(rows)
        self.assertIn(SGMW, {r["enterprise_id"] for r in rows})
        self.assertTrue(all(r["enterprise_id"] in self.org_ids("上汽通用五菱") for r in rows))

    # ---- visibility ----------------------------------------------------------

    def test_hidden_consortium_not_revealed(self):
        mine = set(self.memberships.values())
        self.assertEqual(self.ids("memberships", q=UNIQUE), {self.memberships[JJJ]})
        self.assertEqual(self.ids("memberships", token=self.sec, q=UNIQUE),
                         {self.memberships[JJJ]})
        self.assertEqual(self.ids("memberships", token=self.admin, q=UNIQUE), mine)
        # Nor the hidden consortium's name.
        self.assertEqual(self.ids("memberships", q="未公开的测试联合体"), set())
        self.assertEqual(self.ids("memberships", token=self.admin, q="未公开的测试联合体"),
                         {self.memberships[self.hidden]})

    def test_draft_not_revealed(self):
        self.assertEqual(self.ids("demand", q=UNIQUE), set())
        self.assertEqual(self.ids("demand", token=self.sec, q=UNIQUE), set())
        self.assertEqual(self.ids("demand", token=self.jjj, q=UNIQUE), {self.draft})
        self.assertEqual(self.ids("demand", token=self.admin, q=UNIQUE), {self.draft})

    def test_personal_reference_not_searched(self):
        # A placement's student is personal: its name is never matched
        # through the placement, even for a caller who reads both.
        st, body = self.srv.get(path("placements", per_page=3), token=self.admin)
        self.assertEqual(st, 200, body)
        self.assertTrue(body["items"])
        for p in body["items"]:
            st, s = self.srv.get("/api/v1/students/%d" % p["student_id"], token=self.admin)
            self.assertEqual(st, 200, s)
            self.assertNotIn(p["id"], self.ids("placements", token=self.admin, q=s["name"]))
            # …while the student list finds the student by the same name.
            self.assertIn(s["id"], self.ids("students", token=self.admin, q=s["name"]))

    # ---- bounds --------------------------------------------------------------

    def test_q_bounded(self):
        self.assertEqual(len(self.items("memberships", q="汽" * 66)), 0)  # 198 bytes
        for q in ("汽" * 67, "a" * 201):
            assert_error(self, self.srv.get(path("memberships", q=q)), 400, "bad_request")
            assert_error(self, self.srv.get(path("demand", q=q)), 400, "bad_request")
        st, body = self.srv.get("/api/v1/memberships?q=%FF%FE")
        assert_error(self, (st, body), 400, "bad_request")

    def test_wildcards_are_text(self):
        for q in ("%", "_", "\\", "%上汽%", "上_"):
            self.assertEqual(self.ids("memberships", q=q), set(), q)
        self.assertEqual(self.ids("votes", token=self.sec, q="' OR 1=1 --"), set())


if __name__ == "__main__":
    cjtest.run()
