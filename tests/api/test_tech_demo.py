"""Black-box tests of the technology platform's demo records (issue 10;
src/demo/demo.json) against the real binary.

- Liuzhou: rd-stats counts the report's "20 余项" joint research projects
  of 柳州职业技术大学 with 广西汽车集团 from records, with their outputs
  (patents, utility models, software copyrights, a group standard, process
  improvements, a transfer with revenue); its enterprise needs are
  published, some answered, one matched with its project running.
- Changchun's common technology platform: the compositions stay as the
  reports publish them (real units take the places of fictitious ones);
  each need's suggestions put the intended capability first, and the need
  that only an expert in another city answers gets that expert first; the
  secretariat-only need is counted for the secretariat alone.

    python3 tests/api/test_tech_demo.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ, CC = 1, 2


class TechDemoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.lz = cls.srv.login("liuzhou_sec")
        cls.cc = cls.srv.login("changchun_sec", "secretariat-demo-2026")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def ok(self, path, tok=None):
        st, b = self.srv.get(path, token=tok)
        self.assertEqual(st, 200, (path, b))
        return b

    def org(self, name):
        b = self.ok("/api/v1/organizations?name=" + quote(name), self.lz)
        self.assertTrue(b["items"], name)
        return b["items"][0]

    def test_liuzhou_joint_research_counted_from_records(self):
        lzvtu, gxauto = self.org("柳州职业技术大学")["id"], self.org("广西汽车集团有限公司")["id"]
        projects = self.ok("/api/v1/rd-projects?consortium_id=%d&per_page=200" % LZ, self.lz)["items"]
        joint = [p for p in projects
                 if (p["lead_id"] == lzvtu and gxauto in (p["partner_ids"] or []))
                 or (p["lead_id"] == gxauto and lzvtu in (p["partner_ids"] or []))]
        self.assertGreaterEqual(len(joint), 20)
        stats = self.ok("/api/v1/consortia/%d/rd-stats" % LZ, self.lz)
        self.assertGreaterEqual(stats["projects"]["total"], 20)
        units = {u["organization_id"]: u for u in stats["units"]}
        self.assertEqual(units[lzvtu]["projects_led"] + units[gxauto]["projects_led"],
                         stats["projects"]["total"])
        self.assertGreaterEqual(units[lzvtu]["projects_led"] + units[lzvtu]["projects_partnered"],
                                20)
        by_status = stats["projects"]["by_status"]
        self.assertGreater(by_status["accepted"] + by_status["closed"] + by_status["running"],
                           stats["projects"]["total"] * 3 // 4)
        for kind in ("joint_research", "service", "transfer", "contract_research"):
            self.assertGreater(stats["projects"]["by_kind"][kind], 0, kind)
        out = stats["outputs"]
        for kind in ("invention_patent", "utility_model", "software_copyright", "standard",
                     "process", "transfer"):
            self.assertGreater(out["by_kind"][kind], 0, kind)
        self.assertEqual(out["standards_by_level"]["group"], 1)
        self.assertGreater(out["revenue"], 0)
        self.assertGreater(stats["funds"]["received"], 0)
        self.assertLessEqual(stats["funds"]["received"], stats["funds"]["agreed"])
        # Milestones of the running projects.
        ms = self.ok("/api/v1/rd-milestones?consortium_id=%d" % LZ, self.lz)
        self.assertGreaterEqual(ms["total"], 3)
        # Needs: published, some answered, one matched with its project running.
        self.assertGreaterEqual(stats["needs"]["published"], 3)
        self.assertGreaterEqual(stats["needs"]["answered"], 2)
        self.assertEqual(stats["needs"]["matched"], 1)
        matched = [p for p in projects if p.get("need_id")]
        self.assertEqual(len(matched), 1)
        self.assertEqual(matched[0]["status"], "running")
        need = self.ok("/api/v1/tech-needs/%d" % matched[0]["need_id"], self.lz)
        self.assertEqual(need["status"], "in_progress")
        # The public sees the public needs but no projects.
        pub = self.ok("/api/v1/consortia/%d/rd-stats" % LZ)
        self.assertEqual(pub["projects"]["total"], 0)
        self.assertLess(pub["needs"]["published"], stats["needs"]["published"])

    def test_changchun_composition_stays_as_published(self):
        comp = self.ok("/api/v1/consortia/%d/composition" % CC)
        self.assertEqual(comp["by_type"]["research_institute"], 6)
        self.assertEqual(comp["by_type"]["undergraduate"], 8)
        for name in ("中国科学院长春光学精密机械与物理研究所", "吉林大学", "清华大学苏州汽车研究院"):
            o = self.org(name)
            self.assertIsNone(o.get("credit_code"), name)
        self.assertFalse(self.org("清华大学苏州汽车研究院")["region_code"].startswith("22"))

    def suggestions(self, title):
        needs = self.ok("/api/v1/tech-needs?consortium_id=%d&per_page=100" % CC, self.cc)["items"]
        need = next(n for n in needs if n["title"] == title)
        return self.ok("/api/v1/tech-needs/%d/suggestions" % need["id"], self.cc)["items"]

    def test_changchun_suggestions_put_the_intended_capability_first(self):
        caps = {c["title"]: c for c in
                self.ok("/api/v1/capabilities?consortium_id=%d&per_page=100" % CC, self.cc)["items"]}
        for need, cap in (
                ("车身铝镁合金轻量化结构与连接工艺（示例）", "车身轻量化与异种材料连接研究团队（示例）"),
                ("新能源汽车热泵空调能效提升与电池温控（示例）", "新能源汽车热管理测试实训平台（示例）"),
                ("焊装车间焊点质量在线视觉检测（示例）", "光学精密测量与机器视觉检测平台（示例）"),
                ("智能网联汽车ADAS硬件在环仿真测试（示例）",
                 "汽车仿真与控制国家重点实验室智能网联仿真测试平台（示例）")):
            items = self.suggestions(need)
            self.assertTrue(items, need)
            self.assertEqual(items[0]["capability_id"], caps[cap]["id"], (need, items[:3]))
            self.assertTrue(items[0]["reasons"], need)

    def test_the_other_city_expert_answers_its_need(self):
        expert = self.org("清华大学苏州汽车研究院")
        items = self.suggestions("电驱总成高频啸叫阶次分析与抑制（示例）")
        self.assertEqual(items[0]["organization_id"], expert["id"])
        cap = self.ok("/api/v1/capabilities/%d" % items[0]["capability_id"], self.cc)
        self.assertEqual(cap["kind"], "expert")
        # Nobody in Changchun shares its terms: the expert leads by far.
        if len(items) > 1:
            self.assertGreater(items[0]["score"], 5 * items[1]["score"])

    def test_changchun_secretariat_only_need_counted_for_the_secretariat_only(self):
        sec = self.ok("/api/v1/consortia/%d/rd-stats" % CC, self.cc)["needs"]["published"]
        pub = self.ok("/api/v1/consortia/%d/rd-stats" % CC)["needs"]["published"]
        # One members-only and one secretariat-only need are hidden from the public.
        self.assertEqual(sec - pub, 2)


if __name__ == "__main__":
    cjtest.run()
