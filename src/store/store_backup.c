/*
 * store_backup.c — copying a database while it is served, and putting a
 * copy back (`chanjiao backup` and `chanjiao restore`: src/cli/cli_backup.c
 * through domain/backup.c).
 *
 * Backup.  The source is opened on its own connection (no migrations, no
 * writes) and a read transaction is opened on it first: in WAL mode that
 * fixes the snapshot the copy is made of (every write committed before it
 * is in the copy, none after) and never blocks a writer — a reader in WAL
 * mode only keeps the checkpointer from going past its snapshot.  Holding
 * that snapshot also keeps sqlite3_backup_step from starting over each
 * time the server commits (which it does when the source changes under a
 * backup without one).  The pages are copied with SQLite's online backup
 * API, BACKUP_STEP_PAGES at a time, into a temporary file beside the
 * destination; the copy is switched out of WAL mode (one self-contained
 * file), checked with PRAGMA integrity_check, written to disk (fsync) and
 * renamed over the destination, so FILE is either the old file or a whole,
 * checked new one.
 *
 * Restore.  The file must open as SQLite, pass integrity_check, have the
 * schema_migrations table, and every migration it records must be one this
 * binary has (a backup from a newer version is refused: its schema is not
 * one this binary understands); older ones are brought forward by the
 * server's migrations when it opens the restored file.  A database in use
 * is refused unless forced: a process with a SQLite database open in WAL
 * mode holds a shared lock on the "DMS" byte of its -shm file (byte 128,
 * see SQLite's walIndex locking) for as long as it is open — a running
 * `chanjiao serve` always has one connection open — so a conflicting lock
 * found with fcntl(F_GETLK) there means a process has it open.  The copy
 * is made the same way (backup API into a temporary file beside the
 * target, checked, fsync), the target's stale -wal and -shm files are
 * removed (they belong to the old file and must never be applied to the
 * new one), then the temporary file is renamed over the target.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_internal.h"

/* Pages per backup step (4 KiB pages: 1 MiB), then a pause so the copy
 * does not take the disk from the server in one go. */
#define BACKUP_STEP_PAGES 256
#define BACKUP_PAUSE_MS 2

/* Open path with the given flags; NULL with e set. */
static sqlite3 *open_file(const char *path, int flags, err_t *e)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        err_set(e, ERR_INVALID, "无法打开数据库 %s (cannot open the database): %s", path,
                db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    /* integrity_check also checks the search index, which needs its
     * tokenizer. */
    fts_cjk_register(db);
    return db;
}

/* A single-value query (PRAGMA or SELECT) into out; -1 with e set. */
static int query_text(sqlite3 *db, const char *sql, char *out, size_t n, const char *path, err_t *e)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(out, n, "%s", t ? (const char *)t : "");
        sqlite3_finalize(st);
        return 0;
    }
    int code = sqlite3_errcode(db);
    err_set(e, ERR_INVALID, "%s 不是可读的 SQLite 数据库 (is not a readable SQLite database): %s",
            path, code == SQLITE_OK || code == SQLITE_DONE ? "no row" : sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return -1;
}

/* PRAGMA integrity_check says "ok"; else ERR_INVALID naming the file. */
static int check_integrity(sqlite3 *db, const char *path, err_t *e)
{
    char r[256];
    if (query_text(db, "PRAGMA integrity_check(1)", r, sizeof r, path, e) != 0)
        return -1;
    if (strcmp(r, "ok") != 0)
        return err_set(e, ERR_INVALID, "%s 未通过完整性检查 (fails integrity_check): %s", path, r);
    return 0;
}

/* The database is a Chanjiao database whose every migration this binary
 * knows; its highest migration in *schema. */
static int check_chanjiao(sqlite3 *db, const char *path, int *schema, err_t *e)
{
    char r[64];
    if (query_text(db,
                   "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name IN "
                   "('schema_migrations','settings','organizations','consortia')",
                   r, sizeof r, path, e) != 0)
        return -1;
    if (atoi(r) != 4)
        return err_set(e, ERR_INVALID,
                       "%s 不是产教平台数据库（缺少 schema_migrations 等表） (is not a Chanjiao "
                       "database: schema_migrations and other tables are missing)",
                       path);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT version, name FROM schema_migrations ORDER BY version", -1,
                           &st, NULL) != SQLITE_OK)
        return err_set(e, ERR_INVALID, "%s: %s", path, sqlite3_errmsg(db));
    int rc = 0, max = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int v = sqlite3_column_int(st, 0);
        if (!store_migration_known(false, v)) {
            const unsigned char *name = sqlite3_column_text(st, 1);
            rc =
                err_set(e, ERR_INVALID,
                        "%s 的数据库结构比本程序新：迁移 %s 本程序不认识，请用更新的 chanjiao 恢复 "
                        "(has a newer schema: migration %s is unknown to this binary; restore "
                        "it with a newer chanjiao)",
                        path, name ? (const char *)name : "?", name ? (const char *)name : "?");
            break;
        }
        if (v > max)
            max = v;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = err_set(e, ERR_INVALID, "%s: %s", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (rc == 0 && schema)
        *schema = max;
    return rc;
}

/* A temporary file name beside path ("DIR/.NAME.tmp-XXXXXX"), created
 * empty; NULL with e set. */
static char *temp_beside(const char *path, err_t *e)
{
    char *a = xstrdup(path), *b = xstrdup(path);
    const char *dir = dirname(a), *base = basename(b);
    size_t n = strlen(dir) + strlen(base) + 32;
    char *t = xmalloc(n);
    snprintf(t, n, "%s/.%s.tmp-XXXXXX", dir, base);
    free(a);
    free(b);
    int fd = mkstemp(t);
    if (fd < 0) {
        err_set(e, ERR_INVALID, "无法在 %s 旁建立临时文件 (cannot create a temporary file): %s",
                path, strerror(errno));
        free(t);
        return NULL;
    }
    close(fd);
    return t;
}

/* fsync a file, then the folder it is in (so a rename is durable). */
static int sync_path(const char *path, bool dir_of)
{
    char *a = xstrdup(path);
    const char *p = dir_of ? dirname(a) : a;
    int fd = open(p, O_RDONLY | (dir_of ? O_DIRECTORY : 0));
    int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
    if (fd >= 0)
        close(fd);
    free(a);
    return rc;
}

/* Copy src (whose read transaction, if any, fixes what is copied) into
 * the new file tmp with the backup API, in steps; then make tmp a
 * self-contained file (rollback journal), check it and fsync it. */
static int copy_into(sqlite3 *src, const char *tmp, store_backup_info *info, err_t *e)
{
    sqlite3 *dst = open_file(tmp, SQLITE_OPEN_READWRITE, e);
    if (!dst)
        return -1;
    int rc = 0;
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        rc =
            err_set(e, ERR_INTERNAL, "备份无法开始 (backup cannot start): %s", sqlite3_errmsg(dst));
        goto out;
    }
    int step;
    for (;;) {
        step = sqlite3_backup_step(b, BACKUP_STEP_PAGES);
        if (step == SQLITE_DONE)
            break;
        if (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED) {
            sqlite3_sleep(BACKUP_PAUSE_MS);
            continue;
        }
        break;
    }
    if (info) {
        info->pages = sqlite3_backup_pagecount(b);
    }
    sqlite3_backup_finish(b);
    if (step != SQLITE_DONE) {
        rc = err_set(e, ERR_INTERNAL, "复制失败 (copy failed): %s", sqlite3_errstr(step));
        goto out;
    }
    char mode[32];
    if (query_text(dst, "PRAGMA journal_mode=DELETE", mode, sizeof mode, tmp, e) != 0 ||
        check_integrity(dst, tmp, e) != 0 ||
        check_chanjiao(dst, tmp, info ? &info->schema : NULL, e) != 0) {
        rc = -1;
        goto out;
    }
out:
    if (sqlite3_close(dst) != SQLITE_OK && rc == 0)
        rc = err_set(e, ERR_INTERNAL, "无法关闭 %s (cannot close)", tmp);
    if (rc == 0 && sync_path(tmp, false) != 0)
        rc = err_set(e, ERR_INTERNAL, "无法写入磁盘 %s (fsync failed): %s", tmp, strerror(errno));
    if (rc == 0 && info) {
        struct stat sb;
        info->bytes = stat(tmp, &sb) == 0 ? (int64_t)sb.st_size : 0;
    }
    return rc;
}

/* Whether a and b name the same existing file. */
static bool same_file(const char *a, const char *b)
{
    struct stat x, y;
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

int store_backup(const char *db_path, const char *to, store_backup_info *info, err_t *e)
{
    struct stat sb;
    if (stat(db_path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return err_set(e, ERR_NOT_FOUND, "数据库文件不存在 (no such database file): %s", db_path);
    if (same_file(db_path, to))
        return err_set(e, ERR_INVALID,
                       "备份文件不能是数据库本身 (the backup cannot be the database "
                       "itself): %s",
                       to);
    /* Read-write without create: a WAL database needs its -shm, and this
     * connection writes nothing. */
    sqlite3 *src = open_file(db_path, SQLITE_OPEN_READWRITE, e);
    if (!src)
        return -1;
    char *tmp = NULL;
    int rc = -1;
    /* The snapshot: a read transaction, begun by the first read (the
     * check) and held until the copy is done. */
    if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        err_set(e, ERR_INVALID, "%s: %s", db_path, sqlite3_errmsg(src));
        goto out;
    }
    if (check_chanjiao(src, db_path, NULL, e) != 0)
        goto out;
    if (!(tmp = temp_beside(to, e)))
        goto out;
    if (copy_into(src, tmp, info, e) != 0)
        goto out;
    if (rename(tmp, to) != 0) {
        err_set(e, ERR_INTERNAL, "无法写入 %s (cannot rename into place): %s", to, strerror(errno));
        goto out;
    }
    free(tmp);
    tmp = NULL;
    sync_path(to, true);
    rc = 0;
out:
    sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(src);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    return rc;
}

bool store_file_in_use(const char *db_path)
{
    size_t n = strlen(db_path) + 8;
    char *shm = xmalloc(n);
    snprintf(shm, n, "%s-shm", db_path);
    int fd = open(shm, O_RDONLY);
    free(shm);
    if (fd < 0)
        return false;
    /* Would an exclusive lock on the DMS byte conflict with anyone's? */
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1};
    bool used = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return used;
}

int store_restore(const char *from, const char *db_path, bool force, store_backup_info *info,
                  err_t *e)
{
    struct stat sb;
    if (stat(from, &sb) != 0 || !S_ISREG(sb.st_mode))
        return err_set(e, ERR_NOT_FOUND, "备份文件不存在 (no such backup file): %s", from);
    if (same_file(from, db_path))
        return err_set(e, ERR_INVALID,
                       "备份文件与目标是同一个文件 (the backup is the target "
                       "database itself): %s",
                       db_path);
    sqlite3 *src = open_file(from, SQLITE_OPEN_READONLY, e);
    if (!src)
        return -1;
    char *tmp = NULL;
    int rc = -1;
    if (check_integrity(src, from, e) != 0 || check_chanjiao(src, from, NULL, e) != 0)
        goto out;
    if (!force && store_file_in_use(db_path)) {
        err_set(e, ERR_CONFLICT,
                "数据库 %s 正被运行中的服务使用；请先停止服务（确需覆盖时加 --force） (the "
                "database is in use by a running server: stop it first, or add --force)",
                db_path);
        goto out;
    }
    if (!(tmp = temp_beside(db_path, e)))
        goto out;
    if (copy_into(src, tmp, info, e) != 0)
        goto out;
    /* The restored file keeps the permissions of the one it replaces
     * (a new one: owner only, as the backup — it holds personal data). */
    if (stat(db_path, &sb) == 0)
        chmod(tmp, sb.st_mode & 0777);
    /* The old file's WAL must never be applied to the new one. */
    const char *suffix[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        size_t n = strlen(db_path) + 16;
        char *side = xmalloc(n);
        snprintf(side, n, "%s%s", db_path, suffix[i]);
        int gone = unlink(side) == 0 || errno == ENOENT;
        free(side);
        if (!gone) {
            err_set(e, ERR_INTERNAL, "无法删除旧的 %s%s (cannot remove the old file): %s", db_path,
                    suffix[i], strerror(errno));
            goto out;
        }
    }
    if (rename(tmp, db_path) != 0) {
        err_set(e, ERR_INTERNAL, "无法写入 %s (cannot rename into place): %s", db_path,
                strerror(errno));
        goto out;
    }
    free(tmp);
    tmp = NULL;
    sync_path(db_path, true);
    rc = 0;
out:
    sqlite3_close(src);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    return rc;
}
