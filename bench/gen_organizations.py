#!/usr/bin/env python3
"""Write N synthetic organisations as a CSV Chinese Excel would (Chinese
headers, CRLF, valid GB 32100-2015 credit codes), for bench/import_csv.sh.

usage: gen_organizations.py N OUT.csv [--gb18030]
"""
import sys

A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [pow(3, i, 31) for i in range(17)]


def code(i):
    body = "91450200" + "%09d" % i
    s = sum(A.index(c) * w for c, w in zip(body, W))
    return body + A[(31 - s % 31) % 31]


def main():
    n, path = int(sys.argv[1]), sys.argv[2]
    enc = "gb18030" if "--gb18030" in sys.argv else "utf-8"
    types = ["企业", "政府部门", "高职院校", "中职学校", "本科学校", "科研机构", "行业协会", "其他"]
    with open(path, "w", encoding=enc, newline="") as out:
        out.write("单位名称,简称,单位类型,统一社会信用代码,行政区划代码,地址\r\n")
        for i in range(n):
            out.write("示例单位%07d有限公司（虚构）,示例%d,%s,%s,450200,广西柳州市柳东新区示例路%d号\r\n"
                      % (i, i, types[i % 8], code(i), i))


if __name__ == "__main__":
    main()
