"""Black-box tests of the bounds on imports (issue 14, holes 4 and 5):
hostile spreadsheets end quickly with a clear 413, never stall other
writers, and stay bounded in memory; a writer that cannot get the
database's write lock answers 503 with Retry-After, never 500.

    python3 tests/api/test_import_limits.py build/chanjiao

The files are built here with zipfile: an XLSX of a header and millions
of empty rows, one of a million rows of empty cells (within the bounds,
but slow to read), and one whose shared strings are millions of empty
<si/> entries.  The server's peak memory is read from /proc/PID/status.
"""
import http.client
import io
import json
import os
import sqlite3
import sys
import threading
import time
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ADMIN_PW = "admin-pass-2026"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>单位类型</t></is></c></row>')


def xlsx(parts):
    """An .xlsx of (name, iterable of str chunks) parts, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, chunks in parts:
            with z.open(name, "w", force_zip64=True) as f:
                for c in chunks:
                    f.write(c.encode())
    return out.getvalue()


def repeated(head, unit, times, tail, batch=100000):
    yield head
    block = unit * batch
    for _ in range(times // batch):
        yield block
    yield unit * (times % batch)
    yield tail


def sheet(unit, times):
    return [("xl/worksheets/sheet1.xml",
             repeated("<worksheet %s><sheetData>%s" % (NS, HEADER_ROW), unit, times,
                      "</sheetData></worksheet>"))]


def peak_rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM")


# A row that is slow to read but inside every bound (30 empty cells with
# the attributes spreadsheet programs write): a million of them take a few
# seconds even on a quick machine.
SLOW_ROW = ('<row spans="1:30" ht="15" customHeight="1">' +
            '<c s="1" t="n" cm="1" vm="1" ph="0"/>' * 30 + "</row>")


class ImportLimitsTest(unittest.TestCase):
    def setUp(self):
        self.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)])
        self.admin = self.srv.login("admin", ADMIN_PW)
        self.n = 0

    def tearDown(self):
        self.srv.stop()

    def call(self, method, path, body, ctype="application/json"):
        """One request on its own connection (safe beside other threads):
        (status, parsed body, headers)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=300)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        conn.request(method, path, body=data,
                     headers={"Content-Type": ctype, "Authorization": "Bearer " + self.admin})
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        return resp.status, json.loads(payload) if payload else None, resp.headers

    def upload(self, data, query=""):
        return self.srv.post("/api/v1/import/organizations" + query, data, token=self.admin,
                             headers={"Content-Type": XLSX_TYPE})

    def org_total(self):
        st, body = self.srv.get("/api/v1/organizations?per_page=1", token=self.admin)
        self.assertEqual(st, 200, body)
        return body["total"]

    def write_one(self, n):
        """POST one organisation: (status, seconds, Retry-After, body, done at)."""
        t = time.time()
        st, body, headers = self.call("POST", "/api/v1/organizations",
                                      {"name": "并发写入单位%d" % n, "type": "enterprise"})
        return st, time.time() - t, headers.get("Retry-After"), body, time.time()

    def import_while_writing(self, data):
        """Upload data on a thread while three others keep writing (a
        connection the server happens to queue behind the upload holds up
        only its own writer); returns the import's (status, body, seconds,
        done at) and the writes' results."""
        done = {}
        writes = []
        counter = iter(range(1, 1000000))

        def upload():
            t = time.time()
            try:
                st, body, _ = self.call("POST", "/api/v1/import/organizations", data, XLSX_TYPE)
            except Exception as ex:  # reported below, not lost in the thread
                st, body = None, repr(ex)
            done["answer"] = (st, body, time.time() - t, time.time(), t)

        def writer():
            mine = 0
            while "answer" not in done or mine < 1:
                writes.append(self.write_one(next(counter)))
                mine += 1
                time.sleep(0.05)

        up = threading.Thread(target=upload)
        up.start()
        ws = [threading.Thread(target=writer) for _ in range(3)]
        for w in ws:
            w.start()
        up.join()
        for w in ws:
            w.join()
        return done["answer"], writes

    def check_writes(self, writes):
        for st, _secs, retry, body, _at in writes:
            self.assertIn(st, (201, 503), body)  # never 500
            if st == 503:
                self.assertTrue(retry and retry.isdigit(), "503 without Retry-After")
                self.assertEqual(body["error"]["code"], "unavailable", body)

    def test_million_empty_rows_end_quickly(self):
        """Hole 4: a small XLSX of a header and 3 M empty rows (160 MB of
        XML) is refused at Excel's row bound with 413 in a moment, other
        writers go on, and nothing is imported."""
        data = xlsx(sheet('<row spans="1:2" ht="15" customHeight="1"/>', 3000000))
        self.assertLess(len(data), 2 << 20)
        before = self.org_total()
        (st, body, secs, _, _), writes = self.import_while_writing(data)
        err = cjtest.assert_error(self, (st, body), 413, "payload_too_large")
        self.assertIn("1048576", err["message"])
        self.assertLess(secs, 10, "the import took %.1f s" % secs)
        self.check_writes(writes)
        self.assertEqual(self.org_total(), before + sum(1 for w in writes if w[0] == 201))

    def test_slow_file_holds_no_lock(self):
        """Hole 4: a file within the bounds but slow to read (a million
        rows of 30 empty cells) is read without the write lock: writes
        made meanwhile are written at once, while the import still runs.
        (Under a sanitizer on a busy machine the read may pass its 60 s
        and end in a 413 instead.)"""
        data = xlsx(sheet(SLOW_ROW, 1000000))
        (st, body, secs, end, start), writes = self.import_while_writing(data)
        if st == 413:
            self.assertIn("60 秒", body["error"]["message"], body)
        else:
            self.assertEqual(st, 200, body)
            self.assertEqual(body["rows"], 0)
        self.check_writes(writes)
        self.assertTrue(all(w[0] == 201 for w in writes), [w[:2] for w in writes])
        # With the lock held for the whole read, no write begun once the
        # import was under way could finish before it (each would wait for
        # the commit).  Only telling when the read takes a while.
        self.assertGreater(secs, 3, "the file was read too fast to tell")
        during = [w for w in writes
                  if w[1] < 2 and w[4] - w[1] > start + 1 and w[4] < end - 0.5]
        self.assertGreaterEqual(len(during), 2, "writes (secs, done before the end): %r" %
                                [(round(w[1], 1), round(end - w[4], 1)) for w in writes])

    def test_slow_file_stalls_no_reader(self):
        """A slow upload is read off the server's worker threads: while it
        is read, requests on connections that were already open — some of
        them on the worker that took the upload — are answered at once;
        none waits for the upload (SPEC.md: a hostile file never stalls
        other users).  The server runs two workers, as on a 2-core box."""
        self.srv.stop()
        self.srv = cjtest.Server(users=[("admin", ADMIN_PW, "platform_admin", None, None)],
                                 extra_args=("--threads", "2"))
        self.admin = self.srv.login("admin", ADMIN_PW)
        auth = {"Authorization": "Bearer " + self.admin}

        def read(conn):
            t = time.time()
            conn.request("GET", "/api/v1/organizations?per_page=1", headers=auth)
            resp = conn.getresponse()
            body = resp.read()
            self.assertEqual(resp.status, 200, body)
            return time.time() - t

        # The file first: building it takes seconds on a loaded machine, longer
        # than the server keeps an idle connection open.
        data = xlsx(sheet(SLOW_ROW, 1000000))
        # Keep-alive connections, opened while both workers are idle: they
        # are spread over the two.
        conns = [http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=120)
                 for _ in range(8)]
        for c in conns:
            read(c)
        done = {}

        def upload():
            t = time.time()
            st, body, _ = self.call("POST", "/api/v1/import/organizations", data, XLSX_TYPE)
            done["answer"] = (st, body, time.time() - t)

        up = threading.Thread(target=upload)
        up.start()
        time.sleep(1.0)
        waits = []
        while "answer" not in done and len(waits) < 64:
            waits.append(read(conns[len(waits) % len(conns)]))
        up.join()
        for c in conns:
            c.close()
        st, body, secs = done["answer"]
        self.assertIn(st, (200, 413), body)
        self.assertGreater(secs, 3, "the file was read too fast to tell")
        self.assertGreaterEqual(len(waits), len(conns), "every connection was tried")
        self.assertLess(max(waits), 2.0, "reads waited %s s" % [round(w, 1) for w in waits])

    def test_shared_string_bomb_bounded(self):
        """Hole 5: 20 M empty <si/> entries (a 100 KB upload) stop at the
        shared-strings bound with 413, and the server's peak memory grows
        by less than 100 MB."""
        sst = [("xl/sharedStrings.xml",
                repeated("<sst %s>" % NS, "<si/>", 20000000, "</sst>"))]
        data = xlsx(sst + sheet("", 0))
        self.assertLess(len(data), 1 << 20)
        pid = self.srv.proc.pid
        before = peak_rss_kb(pid)
        err = cjtest.assert_error(self, self.upload(data), 413, "payload_too_large")
        self.assertIn("共享字符串", err["message"])
        grown = peak_rss_kb(pid) - before
        self.assertLess(grown, 100 * 1024, "peak RSS grew by %d KB" % grown)
        st, body = self.srv.get("/api/v1/health")
        self.assertEqual(st, 200, body)

    def test_row_number_overflow(self):
        """Hole 11: a row number past Excel's last row is a clear 400, not
        "line -1"."""
        data = xlsx([("xl/worksheets/sheet1.xml", [
            "<worksheet %s><sheetData>%s" % (NS, HEADER_ROW),
            '<row r="99999999999"><c t="inlineStr"><is><t>甲单位</t></is></c>'
            '<c t="inlineStr"><is><t>企业</t></is></c></row></sheetData></worksheet>'])])
        err = cjtest.assert_error(self, self.upload(data), 400, "bad_request")
        self.assertIn("99999999999", err["message"])
        self.assertNotIn("-1", err["message"])
        self.assertEqual(self.org_total(), 0)

    @cjtest.sqlite_only("holds SQLite's write lock from outside the server")
    def test_busy_database_is_503(self):
        """Any writer that cannot get the write lock in time answers 503
        with Retry-After in the JSON envelope, never 500; once the lock is
        free, the same write succeeds."""
        st, org = self.srv.post("/api/v1/organizations", {"name": "已有单位", "type": "other"},
                                token=self.admin)
        self.assertEqual(st, 201, org)
        holder = sqlite3.connect(self.srv.db, isolation_level=None, timeout=30)
        holder.execute("BEGIN IMMEDIATE")
        csv = "单位名称,单位类型\n锁定时导入单位,企业\n".encode()
        calls = {
            "create": ("POST", "/api/v1/organizations",
                       {"name": "锁定时单位", "type": "enterprise"}, "application/json"),
            "update": ("PATCH", "/api/v1/organizations/%d" % org["id"], {"short_name": "锁定"},
                       "application/json"),
            "import": ("POST", "/api/v1/import/organizations", csv, "text/csv"),
        }
        answers = {}

        def call(name):
            answers[name] = self.call(*calls[name])

        try:
            threads = [threading.Thread(target=call, args=(k,)) for k in calls]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertEqual(len(answers), 3)
        for name, (st, body, headers) in answers.items():
            err = cjtest.assert_error(self, (st, body), 503, "unavailable")
            self.assertIn("重试", err["message"])
            self.assertEqual(headers.get("Retry-After"), "2", name)
            self.assertEqual(err["details"]["retry_after"], 2, (name, body))
        # nothing was written meanwhile; now the same writes go through
        self.assertEqual(self.org_total(), 1)
        self.assertEqual(self.call(*calls["create"])[0], 201)
        st, body, _ = self.call(*calls["update"])
        self.assertEqual(st, 200, body)
        self.assertEqual(body["short_name"], "锁定")
        st, body, _ = self.call(*calls["import"])
        self.assertEqual(st, 200, body)
        self.assertEqual(self.org_total(), 3)


if __name__ == "__main__":
    cjtest.run()
