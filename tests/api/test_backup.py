"""`chanjiao backup` and `chanjiao restore` (issue 14, "Backup and restore";
SPEC.md "Trust": backups can be taken while serving and restored).

Under write load: a server serves the demo; writer threads create
announcements and record each one the server acknowledged (201) with the
time of the answer; a backup is taken while they write; the backup is
restored into a new file and a server started on it.  Every write
acknowledged before the backup began must be there (read through the
API), the restored file passes integrity_check, its announcements are
exactly rows of the source, and every other table equals a snapshot of
the source taken just before the backup (the writers change only
announcements and the audit log).  Bad input — a missing file, a file
that is not a database, a SQLite file that is not Chanjiao's, a backup
from a newer schema, a target a running server has open — is refused
with a clear message and changes nothing.  --uploads copies a folder.
"""
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

# Tables the writers change (the rest must equal the snapshot).
CHANGING = {"announcements", "audit_log", "sessions"}


def start_server_on(db, demo=True):
    """A cjtest.Server serving an existing database file."""
    srv = object.__new__(cjtest.Server)
    srv.dir = tempfile.mkdtemp(prefix="cjtest-restored-")
    srv.db = db
    srv.log = open(os.path.join(srv.dir, "server.log"), "w+")
    args = [cjtest.binary(), "serve", "--db", db, "--listen", "127.0.0.1:0", "--web", ""]
    if demo:
        args.append("--demo")
    srv.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=srv.log, text=True)
    srv.port = None
    deadline = time.time() + 60
    while time.time() < deadline and not srv.port:
        line = srv.proc.stdout.readline()
        if not line:
            break
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if m:
            srv.port = int(m.group(1))
    if not srv.port:
        srv.stop()
        raise RuntimeError("restored server did not start")
    srv.stdout_lines = []
    threading.Thread(target=srv._drain, daemon=True).start()
    return srv


def table_rows(path, exclude=()):
    """{table: sorted rows} of every ordinary table, in one read
    transaction (a consistent snapshot even while the server writes)."""
    c = sqlite3.connect("file:%s?mode=ro" % path, uri=True, isolation_level=None)
    try:
        c.execute("BEGIN")
        names = [r[0] for r in c.execute(
            "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%\\_fts%' ESCAPE '\\' ORDER BY name")]  # search indexes (cjk_bigram)
        out = {}
        for n in names:
            if n in exclude:
                continue
            out[n] = sorted(c.execute('SELECT * FROM "%s"' % n).fetchall(), key=repr)
        c.execute("COMMIT")
        return out
    finally:
        c.close()


def announcements(path):
    c = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        return {r[0]: r for r in c.execute("SELECT * FROM announcements ORDER BY id")}
    finally:
        c.close()


def digest(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Writers:
    """Threads creating announcements as fast as the server takes them;
    acks: (time acknowledged, id, title) of every 201."""

    def __init__(self, srv, token, threads=3):
        self.srv, self.token = srv, token
        self.acks, self.failures = [], []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(threads)]
        for t in self.threads:
            t.start()

    def run(self, i):
        n = 0
        while not self.stopping.is_set():
            n += 1
            title = "备份测试 backup-%d-%d" % (i, n)
            st, body = self.srv.post("/api/v1/announcements", {
                "consortium_id": 1, "title": title, "body": "写入 %d/%d" % (i, n),
                "status": "draft"}, token=self.token)
            t = time.time()
            with self.lock:
                if st == 201:
                    self.acks.append((t, body["id"], title))
                else:
                    self.failures.append((st, body))

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join()


class BackupUnderLoad(unittest.TestCase):
    @cjtest.sqlite_only("chanjiao backup copies a SQLite file; PostgreSQL's is pg_dump")
    def test_backup_while_writing_then_restore(self):
        srv = cjtest.Server(demo=True)
        work = tempfile.mkdtemp(prefix="cjtest-backup-")
        restored = None
        try:
            tok = srv.login("liuzhou_sec")
            writers = Writers(srv, tok)
            try:
                while len(writers.acks) < 20:
                    time.sleep(0.05)
                bak = os.path.join(work, "backup.db")
                # Until a backup overlapped acknowledged writes (on a fast
                # machine the first one may fall between two).
                for attempt in range(5):
                    snapshot = table_rows(srv.db, exclude=CHANGING)
                    began = time.time()
                    p = cjtest.run_cli("backup", "--db", srv.db, "--to", bak)
                    ended = time.time()
                    self.assertEqual(p.returncode, 0, p.stderr)
                    with writers.lock:
                        during = [a for a in writers.acks if began <= a[0] <= ended]
                        before = [a for a in writers.acks if a[0] < began]
                    if during:
                        break
                self.assertTrue(during, "no write was acknowledged while the backup ran")
                self.assertRegex(p.stdout, r"integrity ok")
            finally:
                writers.stop()
            self.assertEqual(writers.failures, [], "writes refused while the backup ran")
            self.assertGreater(len(before), 0)
            # Nothing left beside the backup but the backup, and the server's
            # uploads folder (DB.uploads/, docs/files.md) copied beside it.
            self.assertEqual(sorted(os.listdir(work)), ["backup.db", "backup.db.uploads"])

            target = os.path.join(work, "restored.db")
            p = cjtest.run_cli("restore", "--from", bak, "--db", target)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(sorted(os.listdir(work)), ["backup.db", "backup.db.uploads",
                                                        "restored.db", "restored.db.uploads"])

            c = sqlite3.connect("file:%s?mode=ro" % target, uri=True)
            self.assertEqual(c.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
            c.close()

            # The tables the writers did not touch equal the snapshot taken
            # just before the backup began.
            after = table_rows(target, exclude=CHANGING)
            self.assertEqual(set(after), set(snapshot))
            for name in snapshot:
                self.assertEqual(after[name], snapshot[name], "table %s differs" % name)
            # Every restored announcement is a row of the source, unchanged;
            # none is invented.
            src, got = announcements(srv.db), announcements(target)
            for i, row in got.items():
                self.assertEqual(row, src.get(i), "announcement %d" % i)

            # A server on the restored file has every write acknowledged
            # before the backup began.
            restored = start_server_on(target)
            tok2 = restored.login("liuzhou_sec")
            seen, page = {}, 1
            while True:
                st, body = restored.get(
                    "/api/v1/announcements?consortium_id=1&per_page=500&page=%d" % page,
                    token=tok2)
                self.assertEqual(st, 200, body)
                for it in body["items"]:
                    seen[it["id"]] = it["title"]
                if page * 500 >= body["total"]:
                    break
                page += 1
            missing = [(i, t) for (_, i, t) in before if seen.get(i) != t]
            self.assertEqual(missing, [], "acknowledged writes missing from the restore")
            # And the restored server takes writes.
            st, body = restored.post("/api/v1/announcements", {
                "consortium_id": 1, "title": "恢复后写入", "body": "ok", "status": "draft"},
                token=tok2)
            self.assertEqual(st, 201, body)
            st, body = restored.get("/api/v1/announcements/%d" % body["id"], token=tok2)
            self.assertEqual((st, body["title"]), (200, "恢复后写入"))
        finally:
            if restored:
                restored.stop()
            srv.stop()
            shutil.rmtree(work, ignore_errors=True)


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="cjtest-backup-bad-")
        cls.good = os.path.join(cls.dir, "good.db")
        cjtest.run_cli("demo", "--db", cls.good, check=True)
        cls.bak = os.path.join(cls.dir, "good.bak")
        cjtest.run_cli("backup", "--db", cls.good, "--to", cls.bak, check=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def refused(self, args, target, message):
        """The command fails with message on stderr and target (a file
        path) is as it was; no temporary file is left."""
        before, listing = digest(target), sorted(os.listdir(self.dir))
        p = cjtest.run_cli(*args)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn(message, p.stderr)
        self.assertRegex(p.stderr, r"[\u4e00-\u9fff].*\(.*[a-z]")  # Chinese (English)
        self.assertEqual(digest(target), before)
        self.assertEqual(sorted(os.listdir(self.dir)), listing)
        return p

    def test_restore_missing_file(self):
        target = self.path("t1.db")
        shutil.copy(self.good, target)
        self.refused(["restore", "--from", self.path("nope.db"), "--db", target], target,
                     "no such backup file")
        self.refused(["restore", "--from", self.path("nope.db"), "--db", self.path("new.db")],
                     self.path("new.db"), "no such backup file")

    def test_restore_not_a_database(self):
        junk = self.path("junk.bak")
        with open(junk, "wb") as f:
            f.write(b"PK\x03\x04 this is not SQLite" * 100)
        target = self.path("t2.db")
        shutil.copy(self.good, target)
        self.refused(["restore", "--from", junk, "--db", target], target,
                     "not a readable SQLite database")

    def test_restore_other_sqlite(self):
        other = self.path("other.bak")
        c = sqlite3.connect(other)
        c.execute("CREATE TABLE notes(x)")
        c.commit()
        c.close()
        target = self.path("t3.db")
        shutil.copy(self.good, target)
        self.refused(["restore", "--from", other, "--db", target], target,
                     "is not a Chanjiao database")

    def test_restore_newer_schema(self):
        newer = self.path("newer.bak")
        shutil.copy(self.bak, newer)
        c = sqlite3.connect(newer)
        c.execute("INSERT INTO schema_migrations(version,name,applied_at) "
                  "VALUES(999,'999_future.sql','2030-01-01T00:00:00Z')")
        c.commit()
        c.close()
        target = self.path("t4.db")
        shutil.copy(self.good, target)
        self.refused(["restore", "--from", newer, "--db", target], target, "newer schema")

    def test_restore_corrupt_backup(self):
        bad = self.path("corrupt.bak")
        shutil.copy(self.bak, bad)
        size = os.path.getsize(bad)
        with open(bad, "r+b") as f:  # scribble over pages in the middle
            for page in range(size // 4096 // 3, size // 4096 // 3 + 40, 2):
                f.seek(page * 4096 + 8)
                f.write(b"\xff\x00garbage" * 300)
        target = self.path("t5.db")
        shutil.copy(self.good, target)
        p = self.refused(["restore", "--from", bad, "--db", target], target, "restore failed")
        self.assertRegex(p.stderr, r"fails integrity_check|not a readable SQLite database")

    @cjtest.sqlite_only("chanjiao restore writes a SQLite file; PostgreSQL's is pg_restore")
    def test_restore_refuses_a_served_database(self):
        srv = cjtest.Server(demo=True)
        try:
            tok = srv.login("liuzhou_sec")
            st, body = srv.post("/api/v1/announcements", {
                "consortium_id": 1, "title": "在用", "body": "x", "status": "draft"}, token=tok)
            self.assertEqual(st, 201, body)
            before = digest(srv.db)
            p = cjtest.run_cli("restore", "--from", self.bak, "--db", srv.db)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("in use by a running server", p.stderr)
            self.assertIn("--force", p.stderr)
            self.assertEqual(digest(srv.db), before)
            st, got = srv.get("/api/v1/announcements/%d" % body["id"], token=tok)
            self.assertEqual((st, got.get("title")), (200, "在用"))
            db = srv.db
            copy = self.path("served-copy.db")
            srv.proc.terminate()
            srv.proc.wait(timeout=20)
            # Stopped: the same restore goes through.
            shutil.copy(db, copy)
            p = cjtest.run_cli("restore", "--from", self.bak, "--db", db)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertFalse(os.path.exists(db + "-wal"))
            self.assertEqual(announcements(db), announcements(self.bak))
        finally:
            srv.stop()

    def test_backup_bad_source_keeps_old_backup(self):
        target = self.path("keep.bak")
        shutil.copy(self.bak, target)
        self.refused(["backup", "--db", self.path("missing.db"), "--to", target], target,
                     "no such database file")
        junk = self.path("junk.db")
        with open(junk, "w") as f:
            f.write("not a database\n" * 200)
        self.refused(["backup", "--db", junk, "--to", target], target,
                     "not a readable SQLite database")
        self.refused(["backup", "--db", self.good, "--to", self.good], self.good,
                     "cannot be the database itself")
        self.refused(["backup", "--db", self.good, "--to", self.path("no/such/dir/x.bak")],
                     target, "cannot create a temporary file")

    def test_usage(self):
        for args in (["backup", "--db", self.good], ["restore", "--from", self.bak],
                     ["backup", "--db", self.good, "--to", "x", "--bogus"]):
            p = cjtest.run_cli(*args)
            self.assertEqual(p.returncode, 2, args)

    def test_uploads_folder(self):
        up = self.path("uploads")
        os.makedirs(os.path.join(up, "2026", "12"))
        files = {"a.txt": b"hello", os.path.join("2026", "12", "证书.pdf"): os.urandom(200000)}
        for name, data in files.items():
            with open(os.path.join(up, name), "wb") as f:
                f.write(data)
        bak = self.path("with-uploads.bak")
        p = cjtest.run_cli("backup", "--db", self.good, "--to", bak, "--uploads", up)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("2 files", p.stdout)
        back = self.path("uploads-restored")
        os.makedirs(back)
        with open(os.path.join(back, "stale.txt"), "w") as f:
            f.write("old")
        p = cjtest.run_cli("restore", "--from", bak, "--db", self.path("u.db"), "--uploads", back)
        self.assertEqual(p.returncode, 0, p.stderr)
        for name, data in files.items():
            with open(os.path.join(back, name), "rb") as f:
                self.assertEqual(f.read(), data)
        self.assertFalse(os.path.exists(os.path.join(back, "stale.txt")))
        self.assertFalse(os.path.exists(back + ".before-restore"))
        # A backup without an uploads folder, restored with --uploads: refused.
        self.refused(["restore", "--from", self.bak, "--db", self.path("u2.db"), "--uploads",
                      back], self.path("u2.db"), "no uploads folder")
        p = cjtest.run_cli("backup", "--db", self.good, "--to", bak, "--uploads",
                           self.path("nope"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("no such uploads folder", p.stderr)


if __name__ == "__main__":
    cjtest.run()
