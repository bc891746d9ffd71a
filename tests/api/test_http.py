"""Black-box tests of the HTTP layer's lean answers and form uploads
(src/http/multipart.c, compress.c, cache.c, static.c) against the real binary.

    python3 tests/api/test_http.py build/chanjiao

- an import sent as a form (`curl -F file=@…`) is read as the file, its
  fields standing in for the query; a malformed form is a 400 that changes
  nothing, asked only after the caller's permission;
- a JSON write with another Content-Type is a 415, after 401/403;
- answers above 1 KiB leave compressed when the client takes gzip or br
  (q=0 honoured), decode to the same JSON at a fraction of the size, and
  never reach a client that did not ask (the per-thread cache keeps one
  entry per encoding); XLSX is never compressed; HEAD stays right;
- cacheable reads and static files carry an ETag and answer 304 to
  If-None-Match; the web app's precompressed twins are sent as such.
"""
import ctypes
import ctypes.util
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "unit", "fixtures", "import")
ADMIN_PW = "admin-pass-2026"
LIST = "/api/v1/organizations?per_page=100"


def unbrotli(data):
    """Decode br with the system's libbrotlidec (no Python module needed)."""
    lib = ctypes.CDLL(ctypes.util.find_library("brotlidec") or "libbrotlidec.so.1")
    out = ctypes.create_string_buffer(len(data) * 100 + 1024)
    size = ctypes.c_size_t(len(out))
    rc = lib.BrotliDecoderDecompress(ctypes.c_size_t(len(data)), data, ctypes.byref(size), out)
    if rc != 1:
        raise AssertionError("not brotli")
    return out.raw[:size.value]


def form(fields, boundary="cjtestboundary"):
    """A multipart/form-data body: fields is [(name, value, filename or None)]."""
    out = b""
    for name, value, filename in fields:
        out += b"--" + boundary.encode() + b"\r\n"
        disp = 'Content-Disposition: form-data; name="%s"' % name
        if filename is not None:
            disp += '; filename="%s"' % filename
        out += disp.encode() + b"\r\n\r\n" + value + b"\r\n"
    return out + b"--" + boundary.encode() + b"--\r\n"


class FormUploadTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        cls.admin = cls.srv.login("admin", ADMIN_PW)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def org_total(self):
        st, body = self.srv.get("/api/v1/organizations?per_page=1", token=self.admin)
        self.assertEqual(st, 200, body)
        return body["total"]

    def curl(self, path, *fields, token=None):
        """POST path with curl -F fields; returns (status, parsed body)."""
        args = ["curl", "-s", "-w", "\n%{http_code}", "-H", "Authorization: Bearer " + (
            token or self.admin)]
        for f in fields:
            args += ["-F", f]
        out = subprocess.run(args + ["http://127.0.0.1:%d%s" % (self.srv.port, path)],
                             capture_output=True, check=True).stdout
        body, _, code = out.rpartition(b"\n")
        return int(code), json.loads(body)

    def test_curl_form_imports_the_file(self):
        before = self.org_total()
        # the fields stand in for the query; the .xlsx name picks the format
        st, body = self.curl("/api/v1/import/organizations", "file=@%s/orgs.xlsx" % FIX,
                             "dry_run=1")
        self.assertEqual(st, 200, body)
        self.assertEqual({k: body[k] for k in ("rows", "imported", "dry_run", "encoding", "created")},
                         {"rows": 2, "imported": 2, "dry_run": True, "encoding": "XLSX", "created": 2})
        self.assertEqual(self.org_total(), before)
        # the query wins over a form field
        st, body = self.curl("/api/v1/import/organizations?dry_run=1",
                             "file=@%s/orgs_zh.csv" % FIX, "dry_run=0")
        self.assertEqual((st, body["dry_run"]), (200, True), body)
        self.assertEqual(self.org_total(), before)
        st, body = self.curl("/api/v1/import/organizations", "file=@%s/orgs_zh.csv" % FIX)
        self.assertEqual(st, 200, body)
        self.assertEqual((body["imported"], body["dry_run"]), (3, False))
        self.assertEqual(self.org_total(), before + 3)
        # the file's name is what the audit entry records
        st, audit = self.srv.get("/api/v1/audit?action=import", token=self.admin)
        self.assertEqual(st, 200, audit)
        self.assertIn("orgs_zh.csv", json.dumps(audit, ensure_ascii=False))

    def upload(self, body, ctype="multipart/form-data; boundary=cjtestboundary", token=None,
               query="?dry_run=1", lang=None):
        h = {"Content-Type": ctype}
        if lang:
            h["Accept-Language"] = lang
        return self.srv.post("/api/v1/import/organizations" + query, body,
                             token=token if token is not None else self.admin, headers=h)

    def test_malformed_forms_are_400_and_change_nothing(self):
        before = self.org_total()
        with open(os.path.join(FIX, "orgs_zh.csv"), "rb") as f:
            csv = f.read()
        good = form([("file", csv, "orgs.csv")])
        cases = [
            (good, "multipart/form-data", "boundary"),
            (good[:len(good) // 2], None, "cut short"),
            (good.replace(b"Content-Disposition: form-data; ", b""), None, "form-data"),
            (form([("dry_run", b"1", None)]), None, "no file"),
            (b"not a form", None, "no boundary line"),
            (form([("file", csv, "a.csv"), ("x" * 100, b"1", None)]), None, "too long"),
        ]
        for body, ctype, words in cases:
            err = cjtest.assert_error(self, self.upload(body, ctype or
                                                        "multipart/form-data; boundary=cjtestboundary",
                                                        query="", lang="en"), 400, "bad_request")
            self.assertIn(words, err["message"])
        self.assertEqual(self.org_total(), before)
        # the caller is asked first: no token, 401 before the form is read
        cjtest.assert_error(self, self.upload(b"junk", token=""), 401)
        # a form whose file is fine imports (the control for the cases above)
        control = "单位名称,单位类型\n表单对照单位,企业\n".encode()
        st, body = self.upload(form([("file", control, "c.csv")]))
        self.assertEqual((st, body.get("rows")), (200, 1), body)

    def test_json_writes_need_json(self):
        st, org = self.srv.post("/api/v1/organizations", {"name": "内容类型测试单位",
                                                           "type": "enterprise"},
                                token=self.admin)
        self.assertEqual(st, 201, org)
        path = "/api/v1/organizations/%d" % org["id"]
        body = json.dumps({"name": "改过的名字"}).encode()
        for ctype in ("text/plain", "application/x-www-form-urlencoded",
                      "multipart/form-data; boundary=x", "application/jsonx", None):
            h = {"Content-Type": ctype} if ctype else {}
            err = cjtest.assert_error(self, self.srv.patch(path, body, token=self.admin,
                                                           headers=h),
                                      415, "unsupported_media_type")
            self.assertIn("application/json", err["message"])
        cjtest.assert_error(self, self.srv.post("/api/v1/organizations", body, token=self.admin,
                                                headers={"Content-Type": "text/plain"}),
                            415, "unsupported_media_type")
        # who may call comes first: anonymous is 401, not 415
        cjtest.assert_error(self, self.srv.patch(path, body, headers={"Content-Type":
                                                                     "text/plain"}), 401)
        st, got = self.srv.get(path, token=self.admin)
        self.assertEqual(got["name"], "内容类型测试单位")  # nothing changed
        st, got = self.srv.patch(path, body, token=self.admin,
                                 headers={"Content-Type": "application/json; charset=utf-8"})
        self.assertEqual((st, got.get("name")), (200, "改过的名字"), got)


class LeanAnswerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.web = tempfile.mkdtemp(prefix="cjtest-web-")
        os.makedirs(os.path.join(cls.web, "assets"))
        cls.js = b"export function hello(){return '" + b"compress me " * 400 + b"'}\n"
        cls.files = {
            "index.html": b"<!doctype html><title>app</title>" + b"<p>x</p>" * 300,
            "assets/app-1a2b3c.js": cls.js,
            "assets/app-1a2b3c.js.br": b"BR-TWIN",
            "assets/app-1a2b3c.js.gz": gzip.compress(cls.js),
            "assets/logo-9f8e.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 2000,
            "assets/logo-9f8e.png.gz": b"never sent",
        }
        for name, data in cls.files.items():
            with open(os.path.join(cls.web, name), "wb") as f:
                f.write(data)
        cls.srv = cjtest.Server(demo=True, extra_args=("--web", cls.web))
        cls.admin = cls.srv.login("admin")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        shutil.rmtree(cls.web, ignore_errors=True)

    def fetch(self, path, method="GET", **headers):
        st, payload = self.srv.request(method, path, headers=headers, raw=True)
        return st, self.srv.last_headers, payload

    def test_list_compressed_gzip_and_br(self):
        st, h, plain = self.fetch(LIST)
        self.assertEqual(st, 200)
        self.assertIsNone(h["Content-Encoding"])
        # the API's answers vary by language too (issue 16)
        self.assertEqual(h["Vary"], "Accept-Encoding, Accept-Language")
        self.assertGreater(len(plain), 20000)
        for accept, enc, decode in (("gzip", "gzip", gzip.decompress),
                                    ("gzip, deflate, br", "br", unbrotli),
                                    ("br;q=0, gzip", "gzip", gzip.decompress),
                                    ("gzip;q=0.5, br;q=0.9", "br", unbrotli)):
            for _ in range(3):  # built, then from the cache
                st, h, body = self.fetch(LIST, **{"Accept-Encoding": accept})
                self.assertEqual((st, h["Content-Encoding"]), (200, enc), accept)
                self.assertEqual(h["Vary"], "Accept-Encoding, Accept-Language")
                self.assertEqual(int(h["Content-Length"]), len(body))
                self.assertLess(len(body) * 5, len(plain), (accept, len(body), len(plain)))
                self.assertEqual(json.loads(decode(body)), json.loads(plain))
                # the cache never hands a compressed answer to a plain client
                st, h, again = self.fetch(LIST)
                self.assertIsNone(h["Content-Encoding"])
                self.assertEqual(again, plain)
        for accept in ("gzip;q=0", "br;q=0,gzip;q=0.000", "identity", "deflate"):
            st, h, body = self.fetch(LIST, **{"Accept-Encoding": accept})
            self.assertIsNone(h["Content-Encoding"], accept)
            self.assertEqual(body, plain)

    def test_small_signed_in_and_exports(self):
        st, h, body = self.fetch("/api/v1/health", **{"Accept-Encoding": "gzip"})
        self.assertEqual(st, 200)
        self.assertLess(len(body), 1024)
        self.assertIsNone(h["Content-Encoding"])  # too small to gain
        # a signed-in list, from its own cache entries
        auth = {"Authorization": "Bearer " + self.admin}
        st, h, plain = self.fetch(LIST, **auth)
        st, h, body = self.fetch(LIST, **auth, **{"Accept-Encoding": "gzip"})
        self.assertEqual(h["Content-Encoding"], "gzip")
        self.assertEqual(json.loads(gzip.decompress(body)), json.loads(plain))
        self.assertEqual(h["Cache-Control"], "no-store")  # personal: never kept by a browser
        # a CSV export is text and compressed; an XLSX one never
        st, h, csv = self.fetch(LIST + "&format=csv", **auth, **{"Accept-Encoding": "gzip"})
        self.assertEqual((st, h["Content-Encoding"]), (200, "gzip"))
        self.assertIn("attachment", h["Content-Disposition"])
        self.assertIn("单位名称".encode(), gzip.decompress(csv))
        st, h, xlsx = self.fetch(LIST + "&format=xlsx", **auth, **{"Accept-Encoding": "gzip, br"})
        self.assertEqual(st, 200)
        self.assertIsNone(h["Content-Encoding"])
        self.assertEqual(xlsx[:2], b"PK")

    def test_etag_304_for_cacheable_reads(self):
        # A cached list (a single record answers its revision as its tag:
        # tests/api/test_versions.py).
        path = "/api/v1/consortia"
        st, h, body = self.fetch(path)
        self.assertEqual(st, 200)
        etag = h["ETag"]
        self.assertRegex(etag, r'^W/"[0-9a-f]{16}-[0-9a-f]+"$')
        self.assertEqual(h["Cache-Control"], "no-cache")  # public: kept, revalidated
        st, h2, _ = self.fetch(path, **{"Accept-Encoding": "gzip"})
        self.assertEqual(h2["ETag"], etag)  # one tag for every encoding of one body
        for _ in range(2):  # built afresh, then from the cache
            st, h, empty = self.fetch(path, **{"If-None-Match": etag})
            self.assertEqual((st, empty), (304, b""))
            self.assertEqual(h["ETag"], etag)
            st, h, empty = self.fetch(path, **{"If-None-Match": '"x", ' + etag.lstrip("W/"),
                                               "Accept-Encoding": "br"})
            self.assertEqual((st, empty), (304, b""))
        st, h, again = self.fetch(path, **{"If-None-Match": 'W/"0000000000000000-1"'})
        self.assertEqual((st, again), (200, body))
        st, h, empty = self.fetch(path, "HEAD", **{"If-None-Match": etag})
        self.assertEqual(st, 304)
        # a write changes the answer, so the tag
        st, c = self.srv.patch("/api/v1/consortia/1", {"industry_focus": "ETag 测试"},
                               token=self.admin)
        self.assertEqual(st, 200, c)
        st, h, fresh = self.fetch(path, **{"If-None-Match": etag})
        self.assertEqual(st, 200)
        self.assertNotEqual(h["ETag"], etag)
        self.assertIn("ETag 测试", fresh.decode())
        # errors carry no tag
        st, h, _ = self.fetch("/api/v1/consortia/999999")
        self.assertEqual(st, 404)
        self.assertIsNone(h["ETag"])

    def test_head(self):
        st, h, plain = self.fetch(LIST)
        for accept in ({}, {"Accept-Encoding": "gzip, br"}):
            st, h, body = self.fetch(LIST, "HEAD", **accept)
            self.assertEqual((st, body), (200, b""))
            self.assertIsNone(h["Content-Encoding"])
            self.assertEqual(int(h["Content-Length"]), len(plain))
            self.assertEqual(h["Content-Type"], "application/json; charset=utf-8")
        st, h, _ = self.fetch(LIST, **{"Accept-Encoding": "gzip"})
        self.assertEqual(h["Content-Encoding"], "gzip")  # HEAD left no plain entry for gzip

    def test_static_precompressed_and_304(self):
        js = "/assets/app-1a2b3c.js"
        st, h, body = self.fetch(js)
        self.assertEqual((st, body), (200, self.js))
        self.assertIsNone(h["Content-Encoding"])
        self.assertIn("immutable", h["Cache-Control"])
        self.assertEqual(h["Vary"], "Accept-Encoding")
        plain_tag = h["ETag"]
        self.assertRegex(plain_tag, r'^"[0-9a-f]+-[0-9a-f]+"$')
        st, h, body = self.fetch(js, **{"Accept-Encoding": "gzip, deflate, br"})
        self.assertEqual((st, h["Content-Encoding"], body), (200, "br", b"BR-TWIN"))
        self.assertTrue(h["ETag"].endswith('-br"'), h["ETag"])
        br_tag = h["ETag"]
        st, h, body = self.fetch(js, **{"Accept-Encoding": "br;q=0, gzip"})
        self.assertEqual((st, h["Content-Encoding"]), (200, "gzip"))
        self.assertEqual(gzip.decompress(body), self.js)
        # a client taking only br when there is no .br would get gzip only if it takes it
        st, h, _ = self.fetch(js, **{"If-None-Match": plain_tag})
        self.assertEqual(st, 304)
        self.assertEqual(h["ETag"], plain_tag)
        self.assertIn("immutable", h["Cache-Control"])
        st, h, _ = self.fetch(js, **{"If-None-Match": br_tag, "Accept-Encoding": "br"})
        self.assertEqual(st, 304)
        st, h, body = self.fetch(js, **{"If-None-Match": br_tag})  # another variant
        self.assertEqual((st, body), (200, self.js))
        # images are sent as they are, twin or not
        st, h, body = self.fetch("/assets/logo-9f8e.png", **{"Accept-Encoding": "gzip"})
        self.assertEqual((st, body), (200, self.files["assets/logo-9f8e.png"]))
        self.assertIsNone(h["Content-Encoding"])
        self.assertIsNone(h["Vary"])
        # index.html (the app's routes too): no-cache, revalidated by its tag
        st, h, body = self.fetch("/consortia/1")
        self.assertEqual((st, h["Cache-Control"]), (200, "no-cache"))
        tag = h["ETag"]
        st, h, body = self.fetch("/", **{"If-None-Match": tag})
        self.assertEqual((st, body), (304, b""))
        st, h, body = self.fetch("/", "HEAD")
        self.assertEqual((st, body), (200, b""))
        self.assertEqual(int(h["Content-Length"]), len(self.files["index.html"]))


if __name__ == "__main__":
    cjtest.run()
