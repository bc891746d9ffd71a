#!/usr/bin/env python3
"""gen_talent.py — synthetic talent supply–demand files for the benchmarks.

    python3 bench/gen_talent.py orgs N_ENTERPRISES N_SCHOOLS OUT.csv
    python3 bench/gen_talent.py members N_ENTERPRISES N_SCHOOLS OUT.csv
    python3 bench/gen_talent.py demand N_ENTERPRISES ROWS OUT.csv [--gb18030]
    python3 bench/gen_talent.py supply N_SCHOOLS ROWS OUT.csv
    python3 bench/gen_talent.py students N_SCHOOLS ROWS OUT.csv

Units are named 基准企业000001 / 基准学院000001 (clearly synthetic).
Demand rows: the importer's columns (Chinese headers, as a secretariat's
spreadsheet would have them), occupation codes drawn from the 2022
catalogue's detail occupations, automotive ones ten times as often,
period 2025, kinds mixed, status published.  Supply rows: distinct
(school, major) pairs of the 2021 catalogue, graduation year 2025 — so
ROWS must be at most N_SCHOOLS × 697.  Students: spread over the schools,
numbered within each, majors of the catalogue, 大专 (as offices write the
level), cohorts 2022–2025, a name and skills.  Deterministic (seeded).
"""
import csv
import random
import sys
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = os.path.join(ROOT, "src", "reference")

TITLES = ["汽车装调工", "焊装工艺员", "总装线操作工", "动力电池维修技师", "汽车维修工", "涂装工",
          "智能网联测试工程师", "质量检验员", "设备维护电工", "冲压工", "机器人运维员", "售后技术顾问"]
SKILLS = ["焊接", "装配", "调试", "PLC", "故障诊断", "电池管理系统", "高压安全", "CAD", "质量检验",
          "工业机器人", "钣金", "涂装", "传感器标定", "数控加工"]
DESCS = ["负责{}车间的日常生产与设备点检，按工艺文件完成作业。", "参与{}工序的质量改进，记录并分析数据。",
         "在{}岗位跟岗学习，表现优秀者可留用。", "负责{}相关设备的维护保养与故障排除。"]
AREAS = ["焊装", "总装", "涂装", "冲压", "电池", "检测", "售后"]
KINDS = ["就业", "顶岗实习", "现代学徒制", "订单班"]
EDU = ["不限", "中职", "高职专科", "本科"]


def occupations():
    with open(os.path.join(REF, "occupations_2022.csv"), encoding="utf-8") as f:
        codes = [r["code"] for r in csv.DictReader(f) if r["level"] == "occupation"]
    auto = [c for c in codes if c.startswith(("6-22", "4-12-01", "6-18", "6-20", "6-31-01"))]
    return codes + auto * 10


def majors():
    with open(os.path.join(REF, "majors_2021.csv"), encoding="utf-8") as f:
        return [r["code"] for r in csv.DictReader(f)]


def main():
    what = sys.argv[1]
    rnd = random.Random(2026)
    if what in ("orgs", "members"):
        ne, ns, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        with open(out, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["单位名称", "单位类型"] if what == "orgs" else ["单位", "理事会职务"])
            for i in range(1, ne + 1):
                w.writerow(["基准企业%06d" % i, "企业" if what == "orgs" else "成员单位"])
            for i in range(1, ns + 1):
                w.writerow(["基准学院%06d" % i, "高职院校" if what == "orgs" else "成员单位"])
        return
    if what == "demand":
        ne, rows, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        enc = "gb18030" if "--gb18030" in sys.argv else "utf-8"
        occ = occupations()
        with open(out, "w", encoding=enc, newline="") as f:
            w = csv.writer(f, lineterminator="\r\n" if enc == "gb18030" else "\n")
            w.writerow(["企业", "职业编码", "岗位名称", "需求类型", "需求人数", "学历要求", "技能要求",
                        "工作地点", "年度", "岗位描述"])
            for _ in range(rows):
                w.writerow(["基准企业%06d" % rnd.randint(1, ne), rnd.choice(occ), rnd.choice(TITLES),
                            rnd.choice(KINDS), rnd.randint(1, 50), rnd.choice(EDU),
                            "、".join(rnd.sample(SKILLS, rnd.randint(1, 3))), "450200", 2025,
                            rnd.choice(DESCS).format(rnd.choice(AREAS))])
        return
    if what == "supply":
        ns, rows, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        mj = majors()
        if rows > ns * len(mj):
            sys.exit("supply: at most N_SCHOOLS × %d rows" % len(mj))
        with open(out, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["学校", "专业代码", "层次", "年度", "招生人数", "毕业生人数"])
            n = 0
            for s in range(1, ns + 1):
                for m in rnd.sample(mj, min(len(mj), (rows - n + ns - s) // (ns - s + 1))):
                    g = rnd.randint(0, 200)
                    w.writerow(["基准学院%06d" % s, m, "高职专科", 2025, g + rnd.randint(0, 30), g])
                    n += 1
        return
    if what == "students":
        ns, rows, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        mj = majors()
        surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭", ["伟", "芳", "娜", "敏", "静", "强", "磊", "浩然", "子涵", "欣怡"]
        with open(out, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["学校", "学号", "姓名", "专业代码", "层次", "年级", "技能特长"])
            for i in range(rows):
                w.writerow(["基准学院%06d" % (i % ns + 1), "%d%07d" % (2022 + i % 4, i // ns),
                            rnd.choice(surnames) + rnd.choice(given), rnd.choice(mj), "大专",
                            2022 + i % 4, "、".join(rnd.sample(SKILLS, rnd.randint(0, 2)))])
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
