"""Imports of the technology platform's records (issue 10) against the real
binary: `chanjiao import tech-needs|capabilities|core-products|rd-projects|
rd-outputs FILE --db DB --consortium ID` and POST /api/v1/import/{kind},
with Chinese headers and labels (GB18030, as Chinese Excel saves CSV) and
English headers and codes (UTF-8); keywords split at ; ； 、; a unit named by
credit code or exact name; a project by its title; a bad row refuses the
whole file with its line and changes nothing; templates; an export that
loads back unchanged (update mode, every row unchanged).

    python3 tests/api/test_tech_import.py build/chanjiao
"""
import os
import sys
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

LZ = 1
SGMW = "上汽通用五菱汽车股份有限公司"
LZVTU = "柳州职业技术大学"


class TechImportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        cls.admin = cls.srv.login("admin")
        cls.sec = cls.srv.login("liuzhou_sec")
        cls.owner = cls.srv.login("sgmw_admin")
        cls.school = cls.srv.login("lzvtu_staff")
        cls.dir = cjtest.temp_dir(cls, "cj-tech-import-")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def write(self, name, text, encoding="utf-8"):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(text.encode(encoding))
        return path

    def cli_import(self, kind, name, text, encoding="utf-8", *extra):
        return self.srv.cli("import", kind, self.write(name, text, encoding), "--db", self.srv.db,
                            "--consortium", str(LZ), *extra)

    def rows(self, entity, token=None, **q):
        q.setdefault("per_page", 500)
        q.setdefault("consortium_id", LZ)
        qs = "&".join("%s=%s" % (k, quote(str(v))) for k, v in q.items())
        st, b = self.srv.get("/api/v1/%s?%s" % (entity, qs), token=token or self.admin)
        self.assertEqual(st, 200, b)
        return b["items"]

    def import_api(self, kind, text, token, encoding="utf-8", extra=""):
        return self.srv.post("/api/v1/import/%s?consortium_id=%d%s" % (kind, LZ, extra),
                             text.encode(encoding), token=token,
                             headers={"Content-Type": "text/csv"})

    # ---- each kind, Chinese and English ------------------------------------

    def test_needs_chinese_and_english(self):
        zh = ("企业,标题,需求描述,关键词,技术领域,预算上限,可见范围,状态\r\n"
              "%s,导入需求甲,车身焊点在线检测,焊点；机器视觉、检测,检测与质量,500000,公开,已发布\r\n"
              "%s,导入需求乙,电池包热失控预警,热管理;预警,新能源与动力电池,,联合体成员,草稿\r\n"
              "%s,导入需求丙,不公开的需求,保密,其他,,仅秘书处,已发布\r\n" % (SGMW, SGMW, SGMW))
        p = self.cli_import("tech-needs", "needs_zh.csv", zh, "gb18030")
        self.assertEqual(p.returncode, 0, p.stderr)
        got = {r["title"]: r for r in self.rows("tech_needs".replace("_", "-"), q="导入需求")}
        self.assertEqual(set(got), {"导入需求甲", "导入需求乙", "导入需求丙"})
        a = got["导入需求甲"]
        self.assertEqual((a["field"], a["visibility"], a["status"], a["keywords"], a["budget_max"]),
                         ("testing", "public", "published", "焊点、机器视觉、检测", 500000))
        self.assertTrue(a["published_on"])
        self.assertEqual(got["导入需求乙"]["status"], "draft")
        self.assertEqual(got["导入需求丙"]["visibility"], "secretariat")
        # English headers and codes, over the API, by the enterprise itself.
        en = ("enterprise,title,description,keywords,field,visibility,status\n"
              "%s,Imported need D,Die casting porosity,porosity; casting,materials,members,"
              "published\n" % SGMW)
        st, b = self.import_api("tech-needs", en, self.owner)
        self.assertEqual(st, 200, b)
        d = self.rows("tech-needs", q="Imported need D")[0]
        self.assertEqual((d["field"], d["visibility"], d["keywords"]),
                         ("materials", "members", "porosity、casting"))
        # The enterprise imports as itself: a new need is a draft or
        # published, not closed (the status workflow's rule).
        st, b = self.import_api("tech-needs", en.replace("Imported need D", "Imported need E")
                                .replace("published", "closed"), self.owner)
        err = cjtest.assert_error(self, (st, b), 422)
        self.assertEqual(err["details"]["rows"][0]["line"], 2)

    def test_capabilities_and_products(self):
        zh = ("单位,类型,名称,能力描述,关键词,技术领域,可见范围\r\n"
              "%s,实验室/平台,导入能力甲,机器视觉检测实验室,机器视觉；检测,检测与质量、数字化与软件,公开\r\n"
              "%s,专家,导入能力乙,焊接工艺专家,焊接,材料与工艺,联合体成员\r\n" % (LZVTU, LZVTU))
        st, b = self.import_api("capabilities", zh, self.school, "gb18030")
        self.assertEqual(st, 200, b)
        got = {r["title"]: r for r in self.rows("capabilities", q="导入能力")}
        self.assertEqual(got["导入能力甲"]["fields"], "testing、digital")
        self.assertEqual(got["导入能力甲"]["kind"], "lab")
        self.assertEqual(got["导入能力乙"]["kind"], "expert")
        en = ("organization,kind,title,description,keywords,fields,visibility\n"
              "%s,service,Imported capability C,Paint inspection,paint,testing;digital,public\n"
              % LZVTU)
        p = self.cli_import("capabilities", "caps_en.csv", en)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(self.rows("capabilities", q="Imported capability C")[0]["fields"],
                         "testing、digital")
        prods = ("企业,产品名称,产业链环节,产品描述,关键技术,紧缺职业编码\r\n"
                 "%s,导入产品甲,整车,微型电动车,电驱动、轻量化,6-22-02-01；6-29-01-04\r\n" % SGMW)
        p = self.cli_import("core-products", "prods.csv", prods, "gb18030")
        self.assertEqual(p.returncode, 0, p.stderr)
        r = self.rows("core-products", q="导入产品甲")[0]
        self.assertEqual((r["chain_link"], r["occupation_codes"]),
                         ("vehicle", "6-22-02-01、6-29-01-04"))
        en = ("enterprise,name,chain_link,key_technologies\n"
              "%s,Imported product B,key_components,casting\n" % SGMW)
        st, b = self.import_api("core-products", en, self.owner)
        self.assertEqual(st, 200, b)
        self.assertEqual(self.rows("core-products", q="Imported product B")[0]["chain_link"],
                         "key_components")

    def test_projects_and_outputs(self):
        zh = ("项目类型,项目名称,技术领域,牵头单位,合同金额（元）,到账经费（元）,开始日期,结束日期,状态\r\n"
              "联合攻关,导入项目甲,检测与质量,%s,800000,400000,2024-03-01,2025-12-31,实施中\r\n"
              "横向课题,导入项目乙,材料与工艺,%s,120000,120000,2023-05-01,2023-12-31,已验收\r\n"
              % (LZVTU, LZVTU))
        p = self.cli_import("rd-projects", "proj.csv", zh, "gb18030")
        self.assertEqual(p.returncode, 0, p.stderr)
        got = {r["title"]: r for r in self.rows("rd-projects", q="导入项目")}
        self.assertEqual((got["导入项目甲"]["kind"], got["导入项目甲"]["status"],
                          got["导入项目甲"]["field"]), ("joint_research", "running", "testing"))
        self.assertEqual(got["导入项目乙"]["status"], "accepted")
        outs = ("项目,成果类型,标准级别,成果名称,专利号,日期,金额（元）\r\n"
                "导入项目甲,发明专利,,一种焊点检测方法,ZL202410000001.0,2025-06-01,\r\n"
                "导入项目甲,标准,团体标准,焊点视觉检测规范,T/GXAS 001-2025,2025-08-01,\r\n"
                "导入项目乙,成果转化,,工艺包转让,,2024-01-15,300000\r\n")
        p = self.cli_import("rd-outputs", "outs.csv", outs, "gb18030")
        self.assertEqual(p.returncode, 0, p.stderr)
        o = {r["title"]: r for r in self.rows("rd-outputs")}
        self.assertEqual(o["焊点视觉检测规范"]["standard_level"], "group")
        self.assertEqual(o["工艺包转让"]["value"], 300000)
        self.assertEqual(o["工艺包转让"]["project_id"], got["导入项目乙"]["id"])
        self.assertEqual(o["一种焊点检测方法"]["lead_id"], got["导入项目甲"]["lead_id"])
        # English headers over the API by the lead unit: its new project is
        # proposed (the secretariat approves).
        en = ("kind,title,lead,budget,status\n"
              "service,Imported project C,%s,50000,proposed\n" % LZVTU)
        st, b = self.import_api("rd-projects", en, self.school)
        self.assertEqual(st, 200, b)
        self.assertEqual(self.rows("rd-projects", q="Imported project C")[0]["status"], "proposed")

    # ---- all or nothing ---------------------------------------------------------

    def test_bad_row_refuses_the_file(self):
        kinds = {
            "tech-needs": ("企业,标题,技术领域,可见范围\r\n"
                           "%s,全有或全无需求甲,其他,公开\r\n"
                           "%s,全有或全无需求乙,量子计算,公开\r\n"       # no such field
                           "%s,全有或全无需求丙,其他,半公开\r\n"          # no such visibility
                           "不存在的企业,全有或全无需求丁,其他,公开\r\n"  # no such unit
                           % (SGMW, SGMW, SGMW), "title", [3, 4, 5]),
            "capabilities": ("单位,类型,名称,技术领域,可见范围\r\n"
                             "%s,专家,全有或全无能力甲,检测与质量,公开\r\n"
                             "%s,飞船,全有或全无能力乙,检测与质量,公开\r\n"
                             "%s,专家,全有或全无能力丙,检测、量子计算,公开\r\n"
                             % (LZVTU, LZVTU, LZVTU), "title", [3, 4]),
            "core-products": ("企业,产品名称,产业链环节,紧缺职业编码\r\n"
                              "%s,全有或全无产品甲,整车,\r\n"
                              "%s,全有或全无产品乙,整车,abc\r\n"
                              "%s,全有或全无产品丙,太空,\r\n" % (SGMW, SGMW, LZVTU), "name",
                              [3, 4]),
            "rd-outputs": ("项目,成果类型,成果名称\r\n"
                           "不存在的项目,论文,全有或全无成果甲\r\n", "title", [2]),
        }
        for kind, (text, key, lines) in kinds.items():
            with self.subTest(kind=kind):
                entity = kind
                before = len(self.rows(entity))
                st, b = self.import_api(kind, text, self.sec, "gb18030")
                err = cjtest.assert_error(self, (st, b), 422)
                got = sorted({r["line"] for r in err["details"]["rows"]})
                self.assertEqual(got[:len(lines)] if len(got) > len(lines) else got, lines,
                                 err["details"]["rows"])
                self.assertEqual(len(self.rows(entity)), before)
                p = self.cli_import(kind, "bad.csv", text, "gb18030")
                self.assertEqual(p.returncode, 1, p.stdout)
                for line in lines:
                    self.assertIn("第 %d 行" % line, p.stderr)
                self.assertEqual(len(self.rows(entity)), before)

    # ---- templates and round trips -----------------------------------------------

    def test_templates_and_round_trip(self):
        for kind in ("tech-needs", "capabilities", "core-products", "rd-projects",
                     "rd-milestones", "rd-outputs"):
            with self.subTest(kind=kind):
                st, raw = self.srv.get("/api/v1/import/%s/template?format=csv" % kind,
                                       token=self.sec, raw=True)
                self.assertEqual(st, 200, raw[:200])
                head = raw.decode("utf-8-sig").splitlines()[0]
                self.assertIn({"tech-needs": "标题", "capabilities": "名称",
                               "core-products": "产品名称", "rd-projects": "项目名称",
                               "rd-milestones": "节点", "rd-outputs": "成果名称"}[kind], head)
                st, raw = self.srv.get("/api/v1/import/%s/template" % kind, token=self.sec,
                                       raw=True)
                self.assertEqual(st, 200)
                self.assertEqual(raw[:2], b"PK")  # XLSX, with drop-downs
        # An export of needs loads back as an update: every row unchanged.
        self.cli_import("tech-needs", "rt.csv",
                        "企业,标题,需求描述,关键词,技术领域,可见范围,状态\r\n"
                        "%s,往返需求,往返测试,往返；测试,数字化与软件,联合体成员,已发布\r\n" % SGMW)
        st, raw = self.srv.get("/api/v1/tech-needs?consortium_id=%d&q=%s&format=csv"
                               % (LZ, quote("往返需求")), token=self.sec, raw=True)
        self.assertEqual(st, 200)
        st, b = self.srv.post("/api/v1/import/tech-needs?consortium_id=%d&mode=update&dry_run=1"
                              % LZ, raw, token=self.sec, headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 200, b)
        self.assertEqual(b.get("unchanged"), 1, b)


if __name__ == "__main__":
    cjtest.run()
