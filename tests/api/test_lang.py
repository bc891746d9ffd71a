"""Black-box tests of one language at a time (issue 16): the server's
messages come in the caller's language — Accept-Language zh-CN, en,
en-US;q=0.9, none or garbage — never as "中文 (English)"; the answer says
which (Content-Language) and varies by it, also when the answer cache
hands it out; an import's error report names the column header and the
cell as the file writes them (CSV and XLSX, Chinese and English headers),
at the row number the spreadsheet shows, with the field key beside them.

    python3 tests/api/test_lang.py build/chanjiao
"""
import io
import os
import re
import sys
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402

ADMIN_PW = "admin-pass-2026"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff65]")
# Two English words in a row: what a Chinese message must not hold.
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")
QUOTED = re.compile("“[^”]*”")


def texts(err):
    """The message and every message of the details (field messages, the
    import report's rows), as a list."""
    out = [err["message"]]
    d = err.get("details") or {}
    for v in d.values():
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, list):
            out += [r["message"] for r in v if isinstance(r, dict) and "message" in r]
    return out


def xlsx(rows):
    """A minimal .xlsx: {row number: [cell text, …]} as inline strings."""
    cells = []
    for r, values in sorted(rows.items()):
        cs = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i), r, v)
                     for i, v in enumerate(values))
        cells.append('<row r="%d">%s</row>' % (r, cs))
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData>%s</sheetData></worksheet>' % "".join(cells))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)
    return out.getvalue()


class Languages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("lang_admin", ADMIN_PW, "platform_admin", None, None)])
        cls.admin = cls.srv.login("lang_admin", ADMIN_PW)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def ask(self, method, path, lang, body=None, ctype=None, token=None):
        h = {}
        if lang is not None:
            h["Accept-Language"] = lang
        if ctype:
            h["Content-Type"] = ctype
        st, b = self.srv.request(method, path, body=body, token=token or self.admin, headers=h)
        return st, b, self.srv.last_headers

    def assert_chinese(self, err, where):
        for t in texts(err):
            self.assertTrue(CJK.search(t), (where, t))
            self.assertIsNone(ENGLISH.search(QUOTED.sub("", t)), (where, t))

    def assert_english(self, err, where):
        for t in texts(err):
            self.assertIsNone(CJK.search(QUOTED.sub("", t)), (where, t))
            self.assertRegex(t, "[A-Za-z]{3,}", where)

    # the same bad request in every language

    LANGS = [("zh-CN", "zh"), ("en", "en"), ("en-US;q=0.9", "en"), (None, "zh"),
             ("garbage;;q=x", "zh"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh"), ("fr, en;q=0.5", "en"),
             ("en;q=0.3, zh;q=0.7", "zh")]

    def test_bad_requests_one_language(self):
        cases = [
            ("POST", "/api/v1/organizations", {"name": "", "type": "nonsense", "email": "x"},
             422),
            ("GET", "/api/v1/organizations?page=0", None, 400),
            ("GET", "/api/v1/no-such-thing", None, 404),
            ("DELETE", "/api/v1/health", None, 405),
            ("GET", "/api/v1/organizations/999999", None, 404),
        ]
        for method, path, body, status in cases:
            for lang, want in self.LANGS:
                st, b, h = self.ask(method, path, lang, body=body)
                where = (method, path, lang)
                err = assert_error(self, (st, b), status)
                self.assertEqual(h.get("Content-Language"), "en" if want == "en" else "zh-CN",
                                 where)
                self.assertIn("Accept-Language", h.get("Vary", ""), where)
                if want == "en":
                    self.assert_english(err, where)
                else:
                    self.assert_chinese(err, where)

    def test_field_details_one_language(self):
        body = {"name": "", "type": "nonsense", "email": "x"}
        _, zh, _ = self.ask("POST", "/api/v1/organizations", "zh-CN", body=body)
        _, en, _ = self.ask("POST", "/api/v1/organizations", "en", body=body)
        self.assertEqual(set(zh["error"]["details"]), {"name", "type", "email"})
        self.assertEqual(set(en["error"]["details"]), set(zh["error"]["details"]))
        self.assertEqual(zh["error"]["details"]["name"], "必填")
        self.assertEqual(en["error"]["details"]["name"], "required")
        # a wrong word: its options in the caller's language
        self.assertIn("企业", zh["error"]["details"]["type"])
        self.assertNotIn("enterprise", zh["error"]["details"]["type"])
        self.assertIn("enterprise", en["error"]["details"]["type"])

    def test_sign_in(self):
        # (two tries: sign-in is rate limited)
        for lang, want in [("zh-CN", "zh"), ("en-US;q=0.9", "en")]:
            st, b, h = self.ask("POST", "/api/v1/auth/login", lang,
                                body={"username": "lang_admin", "password": "wrong-password"},
                                token="")
            err = assert_error(self, (st, b), 401)
            if want == "en":
                self.assertEqual(err["message"], "wrong username or password")
            else:
                self.assertEqual(err["message"], "用户名或密码错误")

    def test_cached_reads_keep_their_language(self):
        # The answer cache keeps one answer per language: a Chinese caller
        # never gets the English one (nor its Content-Language), and back.
        path = "/api/v1/consortia"
        for lang, tag in [("en", "en"), ("zh-CN", "zh-CN"), ("en", "en"), (None, "zh-CN"),
                          ("en-GB", "en"), ("zh", "zh-CN")]:
            st, b, h = self.ask("GET", path, lang, token="")
            self.assertEqual(st, 200, b)
            self.assertEqual(h.get("Content-Language"), tag, lang)
            self.assertIn("Accept-Language", h.get("Vary", ""))
        # the 304 of a cached read says what it varies by too
        st, b, h = self.ask("GET", path, "en", token="")
        etag = h.get("ETag")
        self.assertTrue(etag)
        st, b = self.srv.request("GET", path, headers={"If-None-Match": etag,
                                                       "Accept-Language": "en"})
        self.assertEqual(st, 304)
        self.assertIn("Accept-Language", self.srv.last_headers.get("Vary", ""))

    # import errors in the user's words

    def import_errors(self, data, lang, ctype="text/csv"):
        st, b, h = self.ask("POST", "/api/v1/import/organizations?dry_run=1", lang, body=data,
                            ctype=ctype)
        err = assert_error(self, (st, b), 422, "validation_failed")
        return err

    CSV_ZH = ("单位名称,单位类型,信用代码,行政区划代码\n"
              "语言测试单位甲,企业,12345,450200\n"
              "语言测试单位乙,本课,,450200\n"
              ",企业,,450200\n").encode()

    def test_import_names_headers_and_cells_csv(self):
        for lang in ("zh-CN", "en"):
            err = self.import_errors(self.CSV_ZH, lang)
            rows = {(r["line"], r["field"]): r for r in err["details"]["rows"]}
            self.assertEqual(sorted(rows), [(2, "credit_code"), (3, "type"), (4, "name")])
            code = rows[(2, "credit_code")]
            # the header as the file writes it (信用代码, an alias), not the
            # field key nor the label (统一社会信用代码); the cell as written
            self.assertEqual(code["column"], "信用代码")
            self.assertEqual(code["cell"], "12345")
            self.assertIn("“信用代码”", code["message"])
            self.assertNotIn("credit_code", code["message"])
            typ = rows[(3, "type")]
            self.assertEqual((typ["column"], typ["cell"]), ("单位类型", "本课"))
            self.assertIn("“单位类型”", typ["message"])
            self.assertEqual(rows[(4, "name")]["column"], "单位名称")
            if lang == "en":
                self.assert_english(err, lang)
                self.assertTrue(code["message"].startswith("column “信用代码”: "), code)
            else:
                self.assert_chinese(err, lang)
                self.assertTrue(code["message"].startswith("“信用代码”列："), code)

    def test_import_english_headers(self):
        data = b"name,type,credit_code\nLang Test Co,enterprise,12345\n"
        err = self.import_errors(data, "en")
        [row] = err["details"]["rows"]
        self.assertEqual((row["line"], row["column"], row["cell"], row["field"]),
                         (2, "credit_code", "12345", "credit_code"))
        self.assert_english(err, "en")
        # a required column missing: named as the file's headers would name it
        err = self.import_errors(b"type\nenterprise\n", "en")
        [row] = err["details"]["rows"]
        self.assertEqual((row["line"], row["field"], row["column"]), (1, "name", "Name"))
        self.assert_english(err, "en")
        err = self.import_errors("单位类型\n企业\n".encode(), "zh-CN")
        [row] = err["details"]["rows"]
        self.assertEqual((row["field"], row["column"]), ("name", "单位名称"))
        self.assert_chinese(err, "zh")

    def test_import_unknown_header(self):
        for lang in ("zh-CN", "en"):
            err = self.import_errors("单位名称,单位类型,行政区\n甲,企业,450200\n".encode(), lang)
            [row] = err["details"]["rows"]
            self.assertEqual((row["line"], row["column"]), (1, "行政区"))
            self.assertIn("“行政区”", row["message"])
            (self.assert_english if lang == "en" else self.assert_chinese)(err, lang)

    def test_import_names_headers_and_cells_xlsx(self):
        # row 2 left empty: the errors are at the rows the sheet shows
        data = xlsx({1: ["单位名称", "单位类型", "统一社会信用代码"],
                     3: ["语言测试单位丙", "企业", "ABC"],
                     5: ["语言测试单位丁", "工厂", ""]})
        for lang in ("zh-CN", "en"):
            err = self.import_errors(data, lang, XLSX_TYPE)
            rows = {(r["line"], r["field"]): r for r in err["details"]["rows"]}
            self.assertEqual(sorted(rows), [(3, "credit_code"), (5, "type")])
            self.assertEqual((rows[(3, "credit_code")]["column"], rows[(3, "credit_code")]["cell"]),
                             ("统一社会信用代码", "ABC"))
            self.assertEqual((rows[(5, "type")]["column"], rows[(5, "type")]["cell"]),
                             ("单位类型", "工厂"))
            (self.assert_english if lang == "en" else self.assert_chinese)(err, lang)

    def test_repeated_errors_one_language(self):
        # an error repeated on many rows says its count and lines in one language
        rows = "".join("重复单位%d,本课\n" % i for i in range(8))
        data = ("单位名称,单位类型\n" + rows).encode()
        for lang in ("zh-CN", "en"):
            err = self.import_errors(data, lang)
            [row] = err["details"]["rows"]
            self.assertEqual((row["count"], row["lines"]), (8, [2, 3, 4, 5, 6]))
            if lang == "en":
                self.assertTrue(row["message"].startswith("8 rows, lines 2, 3, 4, 5, 6, …: "),
                                row["message"])
                self.assert_english(err, lang)
            else:
                self.assertTrue(row["message"].startswith("共 8 行，第 2、3、4、5、6 等行："),
                                row["message"])
                self.assert_chinese(err, lang)


if __name__ == "__main__":
    cjtest.run()
