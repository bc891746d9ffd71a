"""Black-box tests of GET /api/v1/search against the real binary.

Demand rows are created through the API by the demo secretariat of
consortium 4 (jjj_sec; its demo data has no demand of its own, unlike
Liuzhou's), for one of the consortium's member
enterprises; then searched anonymously and signed in: Chinese two- and
three-character words as written (焊装 finds 负责焊装工作, not 焊接、装配),
single characters, ASCII words in any case, several words (AND), paging
with exact totals, only published live rows (drafts, closed and deleted
rows are never found, and status changes take effect at once), hostile
queries that must stay text, every 400 with its error envelope, 404 for
an unknown or hidden consortium, 405 for other methods.

    python3 tests/api/test_search.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402


CID = 4  # 京津冀: a demo consortium without demand of its own


def search_path(q=None, consortium=CID, **kw):
    args = {}
    if q is not None:
        args["q"] = q
    if consortium is not None:
        args["consortium"] = consortium
    args.update(kw)
    return "/api/v1/search?" + urlencode(args)


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.sec = cls.srv.login("jjj_sec", "secretariat-demo-2026")
        cls.admin = cls.srv.login("admin")
        st, council = cls.srv.get("/api/v1/consortia/%d/council" % CID)
        assert st == 200, council
        cls.firm = next(m["organization_id"] for m in council["items"]
                        if m["organization_type"] == "enterprise")
        cls.rows = {}
        for key, title, desc, skills, status in [
            ("weld_line", "焊装工", "负责焊装工作，按工艺完成白车身焊装。", "电阻点焊、PLC编程", "published"),
            ("assembly", "装配工", "总装车间的零部件装配。", "焊接、装配", "published"),
            ("electric", "电气工程师", "维护产线的 plc 与 ABB 机器人。", "西门子S7-1200", "published"),
            ("draft", "涂装工（草稿）", "负责喷涂作业，独有词喷涂草稿。", "喷涂", "draft"),
            ("closed", "涂装工（已关闭）", "负责喷涂作业，独有词喷涂关闭。", "喷涂", "closed"),
        ]:
            cls.rows[key] = cls.create(title, desc, skills, status)

    @classmethod
    def create(cls, title, desc, skills, status="published", token=None):
        st, body = cls.srv.post("/api/v1/demand", {
            "consortium_id": CID, "enterprise_id": cls.firm, "occupation_code": "6-22-02-01",
            "job_title": title, "kind": "employment", "headcount": 3, "period": 2025,
            "status": status, "description": desc, "skills": skills}, token=token or cls.sec)
        assert st == 201, body
        return body["id"]

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def search(self, q, token=None, **kw):
        st, body = self.srv.get(search_path(q, **kw), token=token)
        self.assertEqual(st, 200, body)
        self.assertEqual(set(body), {"items", "total", "page", "per_page"})
        self.assertIsInstance(body["total"], int)
        return body

    def ids(self, q, **kw):
        return {it["id"] for it in self.search(q, per_page=500, **kw)["items"]}

    # ---- happy path ---------------------------------------------------------

    def test_word_as_written(self):
        body = self.search("焊装")
        self.assertEqual(body["total"], 1)
        self.assertEqual((body["page"], body["per_page"]), (1, 20))
        it = body["items"][0]
        self.assertEqual(set(it), {"kind", "id", "title", "snippet", "enterprise", "headcount",
                                   "period", "occupation", "demand_kind"})
        # A hit says whose position it is, how many and when, and names
        # its occupation (never a code alone).
        st, firm = self.srv.get("/api/v1/organizations/%d" % self.firm)
        self.assertEqual(it["enterprise"], {"id": self.firm, "name": firm["name"]})
        self.assertEqual((it["headcount"], it["period"], it["demand_kind"]), (3, 2025, "employment"))
        self.assertEqual(it["occupation"], {"code": "6-22-02-01", "name": "汽车装调工"})
        self.assertEqual(it["kind"], "demand")
        self.assertEqual(it["id"], self.rows["weld_line"])
        self.assertEqual(it["title"], "焊装工")
        self.assertIn("焊装", it["snippet"])
        self.assertLessEqual(len(it["snippet"]), 82)
        # 焊接、装配 does not contain 焊装.
        self.assertNotIn(self.rows["assembly"], self.ids("焊装"))
        self.assertEqual(self.ids("焊接"), {self.rows["assembly"]})
        self.assertEqual(self.ids("焊装工"), {self.rows["weld_line"]})

    def test_anonymous_reads_public_consortium(self):
        self.assertEqual(self.ids("焊装"), self.ids("焊装", token=self.sec))

    def test_single_character(self):
        self.assertEqual(self.ids("焊"), {self.rows["weld_line"], self.rows["assembly"]})

    def test_ascii_words_any_case(self):
        want = {self.rows["weld_line"], self.rows["electric"]}
        self.assertEqual(self.ids("PLC"), want)
        self.assertEqual(self.ids("plc"), want)
        self.assertEqual(self.ids("abb"), {self.rows["electric"]})
        self.assertEqual(self.ids("S7-1200"), {self.rows["electric"]})
        self.assertEqual(self.ids("PL"), set())

    def test_words_and(self):
        self.assertEqual(self.ids("焊装 PLC"), {self.rows["weld_line"]})
        self.assertEqual(self.ids("焊接、装配"), {self.rows["assembly"]})
        self.assertEqual(self.ids("焊装 机器人"), set())

    def test_kind_demand_explicit(self):
        self.assertEqual(self.search("焊装", kind="demand")["total"], 1)

    def test_paging_and_exact_total(self):
        made = [self.create("汽车维修工", "负责整车维修，独有词维修翻页%d。" % i, "汽车维修")
                for i in range(7)]
        body = self.search("翻页", per_page=3)
        self.assertEqual(body["total"], 7)
        self.assertEqual([it["id"] for it in body["items"]], made[::-1][:3])  # newest first
        body = self.search("翻页", per_page=3, page=3)
        self.assertEqual(body["total"], 7)
        self.assertEqual([it["id"] for it in body["items"]], [made[0]])
        body = self.search("翻页", per_page=3, page=9)
        self.assertEqual((body["total"], body["items"]), (7, []))

    def test_long_texts_are_found_wherever_the_word_is(self):
        """A word is found however far into a text it stands and however
        often its characters came before: PostgreSQL's tsvector keeps
        positions up to 16 383 and 256 positions of one lexeme, so the
        store cuts such a document into overlapping segments — a phrase
        is still found across a cut, and the row is counted once."""
        # 1 500 characters that no query below holds, each ~3 times here.
        filler = "".join(chr(0x4F00 + (i * 7) % 1500) for i in range(4900))
        far = self.create("长文本岗位", filler + "尾端独有词", "长文本")
        repeated = {n: self.create("重复字岗位%d" % n, "的" * n + "铆的QXZ结尾", "重复")
                    for n in (255, 256, 300, 700)}
        self.assertEqual(self.ids("尾端独有词"), {far})
        # 铆的QXZ: the pair 铆的, the single 的 (its n+1-th), then qxz.
        self.assertEqual(self.ids("铆的QXZ"), set(repeated.values()))
        self.assertEqual(self.search("铆的QXZ")["total"], 4)
        self.assertEqual(self.search("的的的 QXZ结尾")["total"], 4)
        # A technology need's text may have 20 000 characters.
        filler = "".join(chr(0x4F00 + (i * 7) % 1500) for i in range(17500))
        st, need = self.srv.post("/api/v1/tech-needs", {
            "consortium_id": CID, "enterprise_id": self.firm, "title": "长文本技术需求",
            "description": filler + "尾端技术词", "keywords": "长文本", "field": "检测与质量",
            "visibility": "public", "status": "published"}, token=self.sec)
        self.assertEqual(st, 201, need)
        body = self.search("尾端技术词", kind="tech_needs")
        self.assertEqual(([it["id"] for it in body["items"]], body["total"]), ([need["id"]], 1))
        self.assertIn("尾端技术词", body["items"][0]["snippet"])

    # ---- only published, live rows ---------------------------------------------

    def test_drafts_and_closed_never_found(self):
        for tok in (None, self.sec, self.admin):
            self.assertEqual(self.ids("喷涂", token=tok), set())
            self.assertEqual(self.ids("草稿", token=tok), set())

    def test_status_changes_and_delete(self):
        rid = self.create("钣金工", "负责车身钣金修复，独有词钣金状态。", "钣金", status="draft")
        self.assertEqual(self.ids("钣金状态"), set())
        st, body = self.srv.patch("/api/v1/demand/%d" % rid, {"status": "published"}, token=self.sec)
        self.assertEqual(st, 200, body)
        self.assertEqual(self.ids("钣金状态"), {rid})
        st, body = self.srv.patch("/api/v1/demand/%d" % rid,
                                  {"description": "负责车身钣金修复，独有词已改写。"}, token=self.sec)
        self.assertEqual(st, 200, body)
        self.assertEqual(self.ids("钣金状态"), set())
        self.assertEqual(self.ids("已改写"), {rid})
        st, body = self.srv.patch("/api/v1/demand/%d" % rid, {"status": "closed"}, token=self.sec)
        self.assertEqual(st, 200, body)
        self.assertEqual(self.ids("已改写"), set())
        st, body = self.srv.patch("/api/v1/demand/%d" % rid, {"status": "published"}, token=self.sec)
        self.assertEqual(self.ids("已改写"), {rid})
        st, _ = self.srv.delete("/api/v1/demand/%d" % rid, token=self.sec)
        self.assertEqual(st, 204)
        self.assertEqual(self.ids("已改写"), set())

    # ---- hostile queries stay text ---------------------------------------------

    def test_hostile_queries(self):
        for q in ['"', '""', "*", "AND", "OR", "NOT", "NEAR(", "NEAR(焊装 PLC)", '焊接" OR "a',
                  "(焊接", "job_title:焊接", "{job_title}:焊接", "^焊接", "焊接*", "-焊接", "\\",
                  "'; DROP TABLE demand; --", "%", "_", "、，。", "焊装\u0001"]:
            with self.subTest(q=q):
                body = self.search(q)
                self.assertIsInstance(body["items"], list)
        self.assertEqual(self.ids("焊装*"), {self.rows["weld_line"]})
        self.assertEqual(self.ids("(焊装)"), {self.rows["weld_line"]})
        self.assertEqual(self.search('"')["total"], 0)
        # The table is still there.
        self.assertEqual(self.search("焊装")["total"], 1)

    # ---- bad requests ---------------------------------------------------------------

    def test_bad_q(self):
        for path, field in [
            (search_path(None), "q"),
            (search_path(""), "q"),
            (search_path("   "), "q"),
            (search_path("\u3000"), "q"),
            (search_path("焊" * 67), "q"),  # 201 bytes
            ("/api/v1/search?consortium=%d&q=%%FF%%FE" % CID, "q"),
            (search_path("焊装", consortium=None), "consortium"),
            (search_path("焊装", consortium="abc"), "consortium"),
            (search_path("焊装", consortium=0), "consortium"),
            (search_path("焊装", consortium=-1), "consortium"),
            (search_path("焊装", consortium="1x"), "consortium"),
            (search_path("焊装", consortium=""), "consortium"),
        ]:
            with self.subTest(path=path):
                err = assert_error(self, self.srv.get(path), 400, "bad_request")
                self.assertIn(field, err["details"])
        self.assertEqual(self.search("焊" * 66)["total"], 0)  # 198 bytes: allowed

    def test_bad_kind_lists_valid_kinds(self):
        err = assert_error(self, self.srv.get(search_path("焊装", kind="agreements")), 400,
                           "bad_request")
        self.assertIn("demand", err["details"]["kind"])
        self.assertIn("demand", err["message"])

    def test_bad_paging(self):
        for kw in ({"page": 0}, {"page": "x"}, {"per_page": 0}, {"per_page": 501}):
            with self.subTest(**kw):
                assert_error(self, self.srv.get(search_path("焊装", **kw)), 400, "bad_request")

    # ---- which consortia ----------------------------------------------------------

    def test_unknown_consortium(self):
        for cid in (999999, 123456789012345):
            with self.subTest(cid=cid):
                assert_error(self, self.srv.get(search_path("焊装", consortium=cid)), 404,
                             "not_found")

    def test_other_consortium_sees_nothing_of_this_one(self):
        self.assertEqual(self.search("焊装", consortium=2)["total"], 0)

    def test_hidden_consortium(self):
        st, body = self.srv.post("/api/v1/consortia", {
            "name": "非公开测试联合体", "kind": "city", "level": "municipal", "is_public": False},
            token=self.admin)
        self.assertEqual(st, 201, body)
        cid = body["id"]
        hidden = assert_error(self, self.srv.get(search_path("焊装", consortium=cid)), 404,
                              "not_found")
        absent = assert_error(self, self.srv.get(search_path("焊装", consortium=999998)), 404)
        # Hidden and absent answer alike.
        self.assertEqual(hidden["message"].replace(str(cid), "N"),
                         absent["message"].replace("999998", "N"))
        assert_error(self, self.srv.get(search_path("焊装", consortium=cid), token=self.sec), 404)
        self.assertEqual(self.search("焊装", consortium=cid, token=self.admin)["total"], 0)

    def test_only_get(self):
        st, body = self.srv.post(search_path("焊装"), {}, token=self.sec)
        assert_error(self, (st, body), 405)
        self.assertIn("GET", self.srv.last_headers.get("Allow", ""))

    def test_errors_are_json(self):
        st, body = self.srv.get(search_path(None), raw=True)
        self.assertEqual(st, 400)
        self.assertTrue(self.srv.last_headers["Content-Type"].startswith("application/json"))


if __name__ == "__main__":
    cjtest.run()
