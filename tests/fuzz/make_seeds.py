#!/usr/bin/env python3
"""Write the seed corpora of tests/fuzz/corpus/<harness>/ (stdlib only).

    python3 tests/fuzz/make_seeds.py

Seeds are small, real inputs that reach each reader's paths: the table
fixtures of tests/unit/fixtures (UTF-8 with BOM and CRLF, GB18030, XLSX
from Excel-like writers and LibreOffice), request bodies of the register,
talent and outcome entities, the API's paths, match files (valid, with
every kind of error the CLI reports, GB18030) and Chinese text.  Files
are named seed-*; findings added later are named regress-* and are not
touched here.  Output is deterministic.
"""
import io
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(ROOT, "tests", "unit", "fixtures")
SEP = b"\n%%\n"


def put(harness, name, data):
    d = os.path.join(HERE, "corpus", harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def fixture(*path):
    with open(os.path.join(FIX, *path), "rb") as f:
        return f.read()


def csv_seeds():
    put("csv", "gb18030.csv", fixture("table_gb18030.csv"))
    for n in ["orgs_bom_crlf.csv", "orgs_gb18030.csv", "orgs_zh.csv", "orgs_bad.csv",
              "members_zh.csv"]:
        put("csv", n, fixture("import", n))
    put("csv", "quoted.csv", 'a,b,c\r\n"x, y","he said ""hi""","line\nbreak"\r\n1,2,3\r\n')
    put("csv", "lone_cr.csv", "a,b\r1,2\r3,4")
    put("csv", "ragged.csv", "名称,类型,地区\n柳州职业技术大学\n广西汽车集团,enterprise,450200,extra,,\n")
    put("csv", "unclosed_quote.csv", 'a,b\n"1,2\n')
    put("csv", "utf16.csv", "\ufeffa,b\n1,2\n".encode("utf-16-le"))
    put("csv", "formula.csv", "name,note\n=1+1,-3.5\n@cmd,+x\n")


# Parts of the XML form of fuzz_xlsx.c: sheet, sharedStrings, styles,
# workbook, rels (the rels point at the names the harness gives them).
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RELS = (HEAD + f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{RNS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{RNS}/styles" Target="/xl/styles.xml"/>'
        "</Relationships>")
WORKBOOK = (HEAD + f'<workbook xmlns="{NS}" xmlns:r="{RNS}"><workbookPr date1904="false"/>'
            '<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>')


def parts(*p):
    return SEP.join(x.encode("utf-8") if isinstance(x, str) else x for x in p)


def xlsx_seeds():
    for n in ["table_numbers.xlsx", "table_minimal.xlsx"]:
        put("xlsx", n, fixture(n))
    for n in ["orgs.xlsx", "demand_libreoffice.xlsx", "supply.xlsx"]:
        put("xlsx", n, fixture("import", n))
    # The parts of real files, rewired to the harness's names.
    z = zipfile.ZipFile(io.BytesIO(fixture("table_numbers.xlsx")))
    put("xlsx", "numbers.parts", parts(z.read("xl/worksheets/data.xml"), z.read("xl/strings.xml"),
                                      z.read("xl/styles.xml"), WORKBOOK, RELS))
    for n in ["orgs.xlsx", "demand_libreoffice.xlsx"]:
        z = zipfile.ZipFile(io.BytesIO(fixture("import", n)))
        put("xlsx", n.replace(".xlsx", ".parts"),
            parts(z.read("xl/worksheets/sheet1.xml"), z.read("xl/sharedStrings.xml"),
                  z.read("xl/styles.xml"), WORKBOOK, RELS))
    sheet = (HEAD + f'<worksheet xmlns="{NS}"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>学号</t></is></c>'
             '<c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
             '<row r="3"><c r="A3" t="str"><v>2023460702001</v></c><c r="B3" s="1"><v>45413</v></c>'
             '<c r="C3" t="b"><v>1</v></c><c r="E3"><v>4.5999999999999996</v></c></row>'
             '<row r="1048576"><c r="XFD1048576" t="e"><v>#N/A</v></c></row>'
             "</sheetData></worksheet>")
    sst = (HEAD + f'<sst xmlns="{NS}" count="3" uniqueCount="3"><si><t>入学日期</t></si>'
           '<si><r><t>是否</t></r><r><rPr><b/></rPr><t>同意_x000D_</t></r><rPh><t>ふりがな</t></rPh></si>'
           "<si/></sst>")
    styles = (HEAD + f'<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" '
              'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
              "</cellXfs></styleSheet>")
    put("xlsx", "handmade.parts", parts(sheet, sst, styles, WORKBOOK, RELS))
    put("xlsx", "sheet_only.parts", parts(sheet))
    put("xlsx", "doctype.parts", parts(HEAD + '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>'))


def json_seeds():
    bodies = {
        "org": {"name": "柳州职业技术大学", "short_name": "柳职大", "type": "higher_vocational",
                "credit_code": "91450200MA5KXXXX1X", "region_code": "450200",
                "email": "office@example.cn", "description": "示例"},
        "consortium": {"name": "广西（柳州）汽车产教联合体", "kind": "city", "level": "national",
                       "region_code": "450200", "founded_on": "2023-12-28", "is_public": True},
        "membership": {"consortium_id": 1, "organization_id": 2, "role": "chair", "term": 1,
                       "joined_on": "2023-12-28", "left_on": "2023-12-27"},
        "agreement": {"consortium_id": 1, "title": "校企合作协议", "parties": [1, 2, 2],
                      "signed_on": "2025-02-29", "starts_on": "2025-06-30", "status": "in_force"},
        "work_plan": {"consortium_id": 1, "title": "发布需求报告", "year": 2026, "progress": 101,
                      "due_on": "2026-03-31", "status": "done"},
        "user": {"username": "li ming", "password": "12345678", "display_name": "李明",
                 "role": "student", "organization_id": 3},
        "demand": {"consortium_id": 1, "enterprise_id": 2, "occupation_code": "6-22-02-05",
                   "job_title": "焊装工", "period": 2025, "headcount": 12, "status": "published",
                   "skills": "焊接；装配、PLC,机器人", "region_code": "450200"},
        "supply": {"consortium_id": 1, "school_id": 3, "major_code": "460702", "level": "higher",
                   "period": 2024, "enrolment": 150, "graduates": 140},
        "student": {"consortium_id": 1, "school_id": 3, "student_no": "2023460702001",
                    "name": "李明（示例）", "major_code": "460702", "level": "higher",
                    "cohort": 2023, "consent": False, "skills": "焊接、装配"},
        "placement": {"consortium_id": 1, "student_id": 1, "enterprise_id": 2, "post": "总装",
                      "starts_on": "2025-07-01", "ends_on": "2025-01-01", "score": 95.5,
                      "grade": "excellent"},
        "round": {"consortium_id": 1, "period": 2025, "title": "双向选择", "positions": "both",
                  "max_choices": 5, "lists_due": "2025-06-30"},
        "types": {"id": 7, "created_at": "x", "name": None, "term": "1", "is_public": "是",
                  "progress": 1e400, "parties": [], "unknown": {"a": [1, {"b": None}]}},
    }
    for name, body in bodies.items():
        put("json", name + ".json", json.dumps(body, ensure_ascii=False))
    put("json", "duplicate_key.json", '{"name":"a","name":"b"}')
    put("json", "escapes.json", '{"name":"\\u674e\\u0000\\ud800","title":"\\"x\\""}')
    put("json", "big_int.json", '{"term":9223372036854775808,"year":-9223372036854775808}')


def router_seeds():
    out = os.popen(os.path.join(ROOT, "build", "chanjiao") + " routes 2>/dev/null").read()
    paths = [l for l in out.splitlines() if l.strip()]
    if not paths:  # no build yet: a few by hand
        paths = ["GET /api/v1/consortia/{id}/composition", "POST /api/v1/import/{entity}",
                 "PATCH /api/v1/students/{id}"]
    # One seed per distinct shape, ids filled in.
    seen = set()
    for i, p in enumerate(paths):
        m, path = p.split(" ", 1)
        path = path.replace("{id}", "12").replace("{entity}", "students")
        key = (m, path.split("/")[3] if path.count("/") >= 3 else path)
        if key in seen:
            continue
        seen.add(key)
        put("router", "%03d" % i, f"{m} {path}")
    put("router", "odd-1", "GET /api/v1/students/0")
    put("router", "odd-2", "DELETE /api/v1/students/999999999999999/")
    put("router", "odd-3", "GET /api/v1/consortia/1/composition//")
    put("router", "odd-4", "POST /api/v1/import/")
    put("router", "odd-5", "HEAD /api/v1/%2e%2e/students")


def match_seeds():
    def files(c, s, p):
        return SEP.join([c.encode() if isinstance(c, str) else c,
                         s.encode() if isinstance(s, str) else s,
                         p.encode() if isinstance(p, str) else p])

    C = "position,capacity\nP1,1\nP2,1\n岗位-焊装,2\n"
    S = ("student,position,rank\nS1,P1,1\nS1,P2,2\nS2,P1,1\nS2,岗位-焊装,2\n"
         "学生000000000003,岗位-焊装,1\n")
    P = ("position,student,rank\nP1,S2,1\nP1,S1,2\nP2,S1,1\n岗位-焊装,学生000000000003,1\n"
         "岗位-焊装,S2,2\n")
    put("match", "valid", files(C, S, P))
    put("match", "bom_crlf", files("\ufeff" + C.replace("\n", "\r\n"), S.replace("\n", "\r\n"),
                                   '"position","student","rank"\r\n"P1","S1",1\r\n'))
    put("match", "unordered", files(C, "student,position,rank\nS1,P2,2\nS2,P1,1\nS1,P1,1\n",
                                    "position,student,rank\nP2,S1,1\nP1,S1,2\nP1,S2,1\n"))
    put("match", "gb18030", files(C.encode("gb18030"), S.encode("gb18030"), P.encode("gb18030")))
    put("match", "unknown_position", files(C, S + "S1,无此岗位,3\n", P))
    put("match", "unknown_student", files(C, S, P + "P2,陌生人,2\n"))
    put("match", "duplicate_rank", files(C, "student,position,rank\nS1,P1,1\nS1,P2,1\n", P))
    put("match", "twice", files(C, "student,position,rank\nS1,P1,1\nS2,P1,1\nS1,P1,2\n", P))
    put("match", "bad_capacity", files("position,capacity\nP1,-1\nP1,2\nP3,x\n", S, P))
    put("match", "empty", files("", "", ""))
    put("match", "unclosed_quote", files(C, 'student,position,rank\n"S1,P1,1\n', P))


def fts_seeds():
    texts = {
        "demand": "负责焊装工作，熟悉机器人PLC编程；5年以上经验。",
        "mixed": "新能源汽车动力电池检测（示例）—— ＡＢ１２３ Café naïve",
        "kana_hangul": "ロボット溶接 로봇 용접 々〇",
        "ext_b": "𠀀𠀁𪚥 𰀀",
        "long_word": "a" * 70 + " " + "é" * 40,
        "punct": "焊接、装配；机器人。PLC,编程",
        "invalid_utf8": b"\xe7\x84\x8a\xe8\xa3\x85\xff\xfe\xe5\xb7",
        "single": "焊",
    }
    for name, t in texts.items():
        put("fts", name, t)


def multipart_seeds():
    """A Content-Type line, then the body (fuzz_multipart.c)."""
    b = "------------------------d74496d66958873e"
    ct = "multipart/form-data; boundary=" + b + "\n"
    curl = ("--{b}\r\nContent-Disposition: form-data; name=\"consortium_id\"\r\n\r\n7\r\n"
            "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"成员.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n名称,类型\r\n柳州,企业\r\n--{b}--\r\n").format(b=b)
    put("multipart", "curl", ct + curl)
    browser = ("--WebKitFormBoundaryx\r\nContent-Disposition: form-data; name=\"file\"; "
               "filename=\"members.xlsx\"\r\nContent-Type: application/vnd.openxmlformats-"
               "officedocument.spreadsheetml.sheet\r\n\r\n").encode() + fixture(
                   "import", "members.xlsx") + b"\r\n--WebKitFormBoundaryx--\r\n"
    put("multipart", "browser-xlsx",
        b"multipart/form-data; boundary=\"WebKitFormBoundaryx\"\n" + browser)
    put("multipart", "preamble", "multipart/form-data; boundary=xy\npre\r\n--xy\r\n"
        "Content-Disposition: form-data; name=f; filename=\"\"\r\n\r\n\r\n--xy--epi")
    put("multipart", "cut-short", ct + curl[:120])
    put("multipart", "no-boundary", "multipart/form-data\n--x\r\n")
    put("multipart", "no-headers", "multipart/form-data; boundary=xy\n--xy\r\n\r\nd\r\n--xy--")


if __name__ == "__main__":
    csv_seeds()
    xlsx_seeds()
    json_seeds()
    router_seeds()
    match_seeds()
    fts_seeds()
    multipart_seeds()
