"""Uploaded documents (issue 11, "Documents"; docs/files.md).

POST /api/v1/files takes PDF, DOCX, XLSX, PNG and JPEG recognised by their
content — each generated here from real bytes (a PDF by hand, a PNG and a
JPEG byte by byte, DOCX/XLSX with zipfile) — and refuses a program renamed
.pdf, HTML, SVG, a plain ZIP, a macro workbook and a ZIP bomb with a clear
message, writing nothing (no row, no file, no temp file).  20 MiB is the
bound (one byte more: 413, a stream past the bound: 413 without reading
it all).  The same bytes twice are one file.  A file referenced by an
agreement (signed_scan) is read by exactly those who read the agreement:
its consortium's members and secretariat when the consortium is not
public — not anonymous callers, not another unit — and before it is
referenced by its uploader alone.  Backups carry the uploads folder and a
restored database reads the file back; `chanjiao files sweep` removes
orphans.
"""
import hashlib
import http.client
import io
import json
import os
import struct
import sys
import unittest
import uuid
import zipfile
import zlib
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from test_backup import start_server_on  # noqa: E402

LIUZHOU = 1
MIB = 1 << 20


def pdf(text="scan"):
    body = ("%%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
            "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
            "%% %s\ntrailer <</Root 1 0 R>>\n%%%%EOF\n" % text)
    return body.encode()


def png(seed=0):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"\x00" + bytes([seed & 0xFF, 0x80, 0x40])  # one RGB pixel
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def jpeg(seed=0):
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return (b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 +
            b"\xff\xfe\x00\x06" + bytes([seed & 0xFF]) * 4 + b"\xff\xd9")


CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="%s" ContentType="%s"/></Types>')


def ooxml(part, content_type, extra=b""):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT % (part, content_type))
        z.writestr(part.lstrip("/"), "<doc>%s</doc>" % uuid.uuid4().hex + extra.decode())
    return b.getvalue()


def docx():
    return ooxml("/word/document.xml", "application/vnd.openxmlformats-officedocument."
                 "wordprocessingml.document.main+xml")


def xlsx():
    return ooxml("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument."
                 "spreadsheetml.sheet.main+xml")


def xlsm():
    return ooxml("/xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")


def plain_zip():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "hello")
    return b.getvalue()


def zip_bomb():
    """A DOCX-looking package one of whose parts inflates 1000-fold."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT % ("/word/document.xml", "application/vnd."
                   "openxmlformats-officedocument.wordprocessingml.document.main+xml"))
        z.writestr("word/document.xml", b"\0" * (64 * MIB))
    return b.getvalue()


def form(name, data, field="file", ctype="application/octet-stream"):
    boundary = "----cj" + uuid.uuid4().hex
    body = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
            "Content-Type: %s\r\n\r\n" % (boundary, field, name, ctype)).encode() + data + \
        ("\r\n--%s--\r\n" % boundary).encode()
    return body, {"Content-Type": "multipart/form-data; boundary=" + boundary}


class FilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        s = cls.srv
        cls.uploads = s.uploads
        cls.admin = s.login("admin")
        cls.sec = s.login("liuzhou_sec")
        cls.sgmw = s.login("sgmw_admin")
        cls.school = s.login("lzvtu_staff")
        cls.student = s.login("student_demo")
        # A unit outside the consortium, with a signed-in staff member.
        st, org = s.post("/api/v1/organizations", {"name": "联盟外企业（文件测试）",
                                                   "type": "enterprise"}, token=cls.admin)
        assert st == 201, org
        st, u = s.post("/api/v1/users", {"username": "outsider", "display_name": "外单位",
                                         "role": "org_staff", "organization_id": org["id"],
                                         "password": "outsider-pass-2026"}, token=cls.admin)
        assert st == 201, u
        cls.outsider = s.login("outsider", "outsider-pass-2026")
        cls.parties = []
        for name in ("上汽通用五菱汽车股份有限公司", "柳州职业技术大学"):
            st, b = s.get("/api/v1/organizations?name=" + quote(name), token=cls.admin)
            assert st == 200 and b["total"] == 1, (name, st)
            cls.parties.append(b["items"][0]["id"])

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    # ---- helpers --------------------------------------------------------------

    def upload(self, data, token, name="file.bin", multipart=False, ctype="application/pdf",
               lang="zh"):
        h = {"Accept-Language": lang}
        if multipart:
            body, fh = form(name, data, ctype=ctype)
            h.update(fh)
            return self.srv.request("POST", "/api/v1/files", body, token=token, headers=h)
        h["Content-Type"] = ctype
        return self.srv.request("POST", "/api/v1/files?filename=" + quote(name), data,
                                token=token, headers=h)

    def stored(self):
        """(rows in files, every file under the uploads folder)."""
        n = int(self.srv.query("SELECT count(*) FROM files")[0][0])
        found = []
        for root, _dirs, names in os.walk(self.uploads):
            found += [os.path.join(root, n) for n in names]
        return n, sorted(found)

    def agreement(self, scan, token=None):
        return self.srv.post("/api/v1/agreements", {
            "consortium_id": LIUZHOU, "title": "校企合作协议（扫描件）" + uuid.uuid4().hex[:6],
            "type": "school_enterprise", "parties": self.parties, "signed_on": "2026-03-01",
            "status": "signed", "signed_scan": scan}, token=token or self.sec)

    # ---- what is taken --------------------------------------------------------

    def test_each_kind_is_recognised_by_content(self):
        cases = [("协议.pdf", pdf("kinds"), "pdf", "application/pdf"),
                 ("plan.docx", docx(), "docx", "application/vnd.openxmlformats-officedocument."
                  "wordprocessingml.document"),
                 ("名单.xlsx", xlsx(), "xlsx", "application/vnd.openxmlformats-officedocument."
                  "spreadsheetml.sheet"),
                 ("photo.png", png(1), "png", "image/png"),
                 ("photo.jpg", jpeg(1), "jpeg", "image/jpeg")]
        for i, (name, data, kind, ctype) in enumerate(cases):
            # The sender's Content-Type does not matter: the bytes do.
            st, b = self.upload(data, self.school, name, multipart=i % 2 == 0,
                                ctype="application/octet-stream")
            self.assertEqual(st, 201, (name, b))
            self.assertEqual(b["id"], hashlib.sha256(data).hexdigest())
            self.assertEqual((b["size"], b["kind"], b["content_type"], b["name"]),
                             (len(data), kind, ctype, name))
            path = os.path.join(self.uploads, b["id"][:2], b["id"])
            with open(path, "rb") as f:
                self.assertEqual(f.read(), data)
            # The uploader reads it back while no record names it.
            st, raw = self.srv.request("GET", "/api/v1/files/" + b["id"], token=self.school,
                                       raw=True)
            self.assertEqual((st, raw), (200, data))
            self.assertEqual(self.srv.last_headers["Content-Type"], ctype)

    def test_refused_kinds_write_nothing(self):
        before = self.stored()
        cases = [("setup.pdf", b"MZ\x90\x00" + os.urandom(200), "Windows program"),
                 ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
                 ("logo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
                  b'<script>alert(1)</script></svg>', "SVG"),
                 ("archive.docx", plain_zip(), "plain ZIP"),
                 ("macro.xlsx", xlsm(), "macros"),
                 ("bomb.docx", zip_bomb(), "ZIP bomb"),
                 ("cut.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n", "%EOF"),
                 ("empty.pdf", b"", "empty"),
                 ("note.txt", "只是一段文字".encode(), "unrecognised")]
        for name, data, words in cases:
            for multipart in (False, True):
                st, b = self.upload(data, self.sec, name, multipart=multipart, lang="en")
                err = cjtest.assert_error(self, (st, b), 422, "validation_failed")
                self.assertIn(words, err["message"], (name, err))
            # In Chinese too, and saying what is taken.
            err = cjtest.assert_error(self, self.upload(data, self.sec, name), 422)
            self.assertRegex(err["message"], "[\u4e00-\u9fff]")
        self.assertEqual(self.stored(), before, "a refused upload left a row or a file")
        self.assertEqual(os.listdir(os.path.join(self.uploads, "tmp")), [])

    def test_who_may_upload(self):
        before = self.stored()
        cjtest.assert_error(self, self.upload(pdf("anon"), None), 401)
        cjtest.assert_error(self, self.upload(pdf("student"), self.student), 403)
        self.assertEqual(self.stored(), before)
        for tok in (self.sgmw, self.school, self.sec, self.admin):
            st, b = self.upload(pdf("who"), tok)
            self.assertEqual(st, 201, b)

    def test_size_bound(self):
        before = self.stored()
        big = pdf("big")[:-6] + b"\n" * (20 * MIB - len(pdf("big"))) + b"%%EOF\n"
        self.assertEqual(len(big), 20 * MIB)
        st, b = self.upload(big, self.sec, "big.pdf")
        self.assertEqual(st, 201, b)
        self.assertEqual(b["size"], 20 * MIB)
        after_ok = self.stored()
        st, b = self.upload(big + b"\n", self.sec, "big1.pdf")
        cjtest.assert_error(self, (st, b), 413)
        # Announced beyond the bound: refused before the body is read.
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=30)
        conn.putrequest("POST", "/api/v1/files")
        conn.putheader("Authorization", "Bearer " + self.sec)
        conn.putheader("Content-Type", "application/pdf")
        conn.putheader("Content-Length", str(200 * MIB))
        conn.endheaders()
        resp = conn.getresponse()
        self.assertEqual(resp.status, 413)
        conn.close()
        # Streamed without a length past the bound: 413 as well.
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=60)
        chunk = b"%PDF-1.4\n" + b"x" * (MIB - 9)
        conn.request("POST", "/api/v1/files", body=iter([chunk] * 22),
                     headers={"Authorization": "Bearer " + self.sec,
                              "Content-Type": "application/pdf", "Transfer-Encoding": "chunked"},
                     encode_chunked=True)
        resp = conn.getresponse()
        self.assertEqual(resp.status, 413, resp.read()[:300])
        conn.close()
        self.assertEqual(self.stored(), after_ok)

    def test_same_bytes_twice_are_one_file(self):
        data = pdf("twice " + uuid.uuid4().hex)
        n0, files0 = self.stored()
        st1, a = self.upload(data, self.sgmw, "a.pdf")
        st2, b = self.upload(data, self.school, "b.pdf", multipart=True)
        self.assertEqual((st1, st2), (201, 201), (a, b))
        self.assertEqual(a["id"], b["id"])
        self.assertEqual((a["created"], b["created"]), (True, False))
        n1, files1 = self.stored()
        self.assertEqual((n1, len(files1)), (n0 + 1, len(files0) + 1))

    # ---- who reads a referenced file --------------------------------------------

    def test_agreement_scan_access(self):
        s = self.srv
        st, c = s.patch("/api/v1/consortia/%d" % LIUZHOU, {"is_public": False}, token=self.admin)
        self.assertEqual(st, 200, c)
        try:
            self.check_scan_access()
        finally:
            st, c = s.patch("/api/v1/consortia/%d" % LIUZHOU, {"is_public": True},
                            token=self.admin)
            self.assertEqual(st, 200, c)

    def check_scan_access(self):
        s = self.srv
        data = pdf("signed " + uuid.uuid4().hex)
        st, f = self.upload(data, self.sec, "签署版 协议.pdf", multipart=True)
        self.assertEqual(st, 201, f)
        path = "/api/v1/files/" + f["id"]

        def status(tok, method="GET"):
            st, _ = s.request(method, path, token=tok, raw=True)
            return st
        # Before any record names it: the uploader alone.
        self.assertEqual(status(self.sec), 200)
        for tok in (None, self.sgmw, self.school, self.outsider, self.student):
            self.assertEqual(status(tok), 404)
        st, ag = self.agreement(f["id"])
        self.assertEqual(st, 201, ag)
        self.assertEqual(ag["signed_scan"], f["id"])
        # Now: exactly who reads the agreement (a members-only consortium).
        expect = {"anonymous": (None, 404), "other unit": (self.outsider, 404),
                  # a student of a member school reads the agreement, so its scan too
                  "student": (self.student, 200), "member enterprise": (self.sgmw, 200),
                  "member school": (self.school, 200), "secretariat": (self.sec, 200),
                  "admin": (self.admin, 200)}
        for who, (tok, want) in expect.items():
            self.assertEqual(status(tok), want, who)
            st, _ = s.get("/api/v1/agreements/%d" % ag["id"], token=tok)
            self.assertEqual(st, want, "the agreement itself: " + who)
        # The headers of a read.
        st, raw = s.request("GET", path, token=self.sgmw, raw=True)
        h = s.last_headers
        self.assertEqual(raw, data)
        self.assertEqual(h["Content-Type"], "application/pdf")
        self.assertEqual(h["X-Content-Type-Options"], "nosniff")
        self.assertEqual(h["ETag"], '"%s"' % f["id"])
        self.assertIn("filename*=UTF-8''%s" % quote("签署版 协议.pdf"), h["Content-Disposition"])
        st, raw = s.request("GET", path, token=self.sgmw, raw=True,
                            headers={"If-None-Match": h["ETag"]})
        self.assertEqual((st, raw), (304, b""))
        st, raw = s.request("HEAD", path, token=self.sgmw, raw=True)
        self.assertEqual((st, raw), (200, b""))
        self.assertEqual(s.last_headers["Content-Length"], str(len(data)))
        # Another unit's upload, an unknown id, a wrong kind: refused on write.
        st, theirs = self.upload(pdf("theirs " + uuid.uuid4().hex), self.sgmw, "theirs.pdf")
        self.assertEqual(st, 201, theirs)
        err = cjtest.assert_error(self, self.agreement(theirs["id"]), 422, "validation_failed")
        self.assertIn("signed_scan", err["details"])
        cjtest.assert_error(self, self.agreement("0" * 64), 422, "validation_failed")
        cjtest.assert_error(self, self.agreement("not-a-file"), 422, "validation_failed")
        st, doc = self.upload(docx(), self.sec, "plan.docx")
        self.assertEqual(st, 201, doc)
        err = cjtest.assert_error(self, self.agreement(doc["id"]), 422, "validation_failed")
        self.assertIn("pdf|png|jpeg", err["details"]["signed_scan"])
        # An update may keep the file it names, and clear it.
        st, b = s.patch("/api/v1/agreements/%d" % ag["id"], {"status": "in_force",
                                                             "signed_scan": f["id"]},
                        token=self.sec)
        self.assertEqual(st, 200, b)
        st, b = s.patch("/api/v1/agreements/%d" % ag["id"], {"signed_scan": None}, token=self.sec)
        self.assertEqual(st, 200, b)
        # Unreferenced again: the uploader alone.
        self.assertEqual(status(self.sgmw), 404)
        self.assertEqual(status(self.sec), 200)

    def test_meta_and_export_name_the_file(self):
        st, meta = self.srv.get("/api/v1/meta/entities")
        self.assertEqual(st, 200)
        ag = next(e for e in meta["items"] if e["name"] == "agreements")
        f = next(x for x in ag["fields"] if x["name"] == "signed_scan")
        self.assertEqual((f["type"], f["kinds"]), ("file", ["pdf", "png", "jpeg"]))
        st, up = self.upload(png(7), self.sec, "scan.png")
        self.assertEqual(st, 201, up)
        st, ag = self.agreement(up["id"])
        self.assertEqual(st, 201, ag)
        st, raw = self.srv.request("GET", "/api/v1/agreements?format=csv&per_page=100",
                                   token=self.sec, raw=True)
        self.assertEqual(st, 200)
        self.assertIn(up["id"], raw.decode("utf-8-sig"))

    # ---- backups and the sweep ----------------------------------------------------

    @cjtest.sqlite_only("chanjiao backup copies a SQLite file; PostgreSQL's is pg_dump")
    def test_backup_carries_the_files(self):
        data = png(99)
        st, up = self.upload(data, self.sec, "backup.png")
        self.assertEqual(st, 201, up)
        st, ag = self.agreement(up["id"])
        self.assertEqual(st, 201, ag)
        out = cjtest.temp_dir(self, "cj-files-backup-")
        to = os.path.join(out, "c.db")
        p = cjtest.run_cli("backup", "--db", self.srv.db, "--to", to)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(os.path.join(to + ".uploads", up["id"][:2], up["id"])),
                        p.stdout)
        restored = os.path.join(out, "restored.db")
        p = cjtest.run_cli("restore", "--from", to, "--db", restored)
        self.assertEqual(p.returncode, 0, p.stderr)
        srv = start_server_on(restored)
        try:
            tok = srv.login("liuzhou_sec")
            st, raw = srv.request("GET", "/api/v1/files/" + up["id"], token=tok, raw=True)
            self.assertEqual((st, raw), (200, data))
        finally:
            srv.stop()

    def test_sweep_removes_orphans_only(self):
        st, orphan = self.upload(pdf("orphan " + uuid.uuid4().hex), self.sec, "orphan.pdf")
        self.assertEqual(st, 201, orphan)
        st, kept = self.upload(jpeg(42), self.sec, "kept.jpg")
        self.assertEqual(st, 201, kept)
        st, ag = self.agreement(kept["id"])
        self.assertEqual(st, 201, ag)
        sweep = ("files", "sweep", "--db", self.srv.db, "--uploads", self.uploads)
        p = cjtest.run_cli(*sweep)  # 24 hours: nothing yet
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.uploads, orphan["id"][:2],
                                                    orphan["id"])))
        p = cjtest.run_cli(*sweep, "--hours", "0")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.uploads, orphan["id"][:2],
                                                     orphan["id"])))
        self.assertTrue(os.path.exists(os.path.join(self.uploads, kept["id"][:2], kept["id"])))
        st, _ = self.srv.request("GET", "/api/v1/files/" + orphan["id"], token=self.sec, raw=True)
        self.assertEqual(st, 404)
        st, raw = self.srv.request("GET", "/api/v1/files/" + kept["id"], token=self.sgmw, raw=True)
        self.assertEqual((st, raw), (200, jpeg(42)))


if __name__ == "__main__":
    cjtest.run()
