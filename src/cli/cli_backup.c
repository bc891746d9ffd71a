/*
 * cli_backup.c — `chanjiao backup` and `chanjiao restore`.
 *
 *   chanjiao backup --db DB --to FILE [--uploads DIR]
 *   chanjiao restore --from FILE --db DB [--uploads DIR] [--force]
 *
 * The database part is backup_make() / backup_restore() (domain/backup.h:
 * an online copy of one snapshot, safe while the server serves and
 * writes; checked; written atomically).  Uploaded files live outside the
 * database, by default in <db>.uploads/ (domain/files.h; the server's
 * default too), which backup takes when it exists and --uploads names no
 * other folder, and restore fills when the backup has one; backup copies it to
 * FILE.uploads/ (a temporary folder renamed into place after the database
 * copy succeeded) and restore copies FILE.uploads/ back to DIR (the old
 * folder is kept as DIR.before-restore until the new one is in place,
 * then removed).  Files are copied after the database snapshot, so a file
 * uploaded during the backup may be in the copy without its row — never
 * the reverse for a file uploaded before.
 *
 *   chanjiao store copy --from FILE.db|URL --to URL|FILE.db
 *
 * copies a whole database into a new one of the other kind (backup_copy,
 * store_copy.c); exit status 2 when it is refused with nothing written,
 * as for a bad option, 1 when it failed and was rolled back.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/backup.h"
#include "domain/db.h"
#include "domain/files.h"

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

static char *suffixed(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *p = xmalloc(n);
    snprintf(p, n, "%s%s", a, b);
    return p;
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
    int in = open(from, O_RDONLY), out = -1, rc = -1;
    if (in < 0)
        goto done;
    out = open(to, O_WRONLY | O_CREAT | O_EXCL, mode & 0777);
    if (out < 0)
        goto done;
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        for (ssize_t w = 0; w < n;) {
            ssize_t k = write(out, buf + w, (size_t)(n - w));
            if (k < 0)
                goto done;
            w += k;
        }
    rc = n == 0 && fsync(out) == 0 ? 0 : -1;
done:
    if (rc != 0)
        fprintf(stderr, "chanjiao: 无法复制 (cannot copy) %s → %s: %s\n", from, to,
                strerror(errno));
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        rc = -1;
    return rc;
}

/* Copy the folder from (files and folders; anything else is refused) to
 * the new folder to; *files counts the files copied. */
static int copy_tree(const char *from, const char *to, long *files)
{
    DIR *d = opendir(from);
    if (!d) {
        fprintf(stderr, "chanjiao: 无法读取文件夹 (cannot read the folder) %s: %s\n", from,
                strerror(errno));
        return -1;
    }
    int rc = mkdir(to, 0755);
    if (rc != 0)
        fprintf(stderr, "chanjiao: 无法建立文件夹 (cannot create the folder) %s: %s\n", to,
                strerror(errno));
    struct dirent *ent;
    while (rc == 0 && (ent = readdir(d))) {
        if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
            continue;
        char *f = join(from, ent->d_name), *t = join(to, ent->d_name);
        struct stat sb;
        if (lstat(f, &sb) != 0)
            rc = -1;
        else if (S_ISDIR(sb.st_mode))
            rc = copy_tree(f, t, files);
        else if (S_ISREG(sb.st_mode)) {
            rc = copy_file(f, t, sb.st_mode);
            (*files)++;
        } else {
            fprintf(stderr,
                    "chanjiao: 不复制非普通文件 (not a regular file or folder, refused) %s\n", f);
            rc = -1;
        }
        free(f);
        free(t);
    }
    closedir(d);
    return rc;
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *ent;
        while ((ent = readdir(d))) {
            if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
                continue;
            char *f = join(path, ent->d_name);
            struct stat sb;
            if (lstat(f, &sb) == 0 && S_ISDIR(sb.st_mode))
                remove_tree(f);
            else
                unlink(f);
            free(f);
        }
        closedir(d);
    }
    rmdir(path);
}

/* Copy the folder from into to, replacing it: through to.tmp, the old
 * one moved aside to `to.before-restore` (or removed, for backups) only
 * once the copy is whole. */
static int replace_tree(const char *from, const char *to, const char *aside, long *files)
{
    char *tmp = suffixed(to, ".tmp");
    remove_tree(tmp);
    int rc = copy_tree(from, tmp, files);
    if (rc == 0) {
        struct stat sb;
        char *old = suffixed(to, aside);
        remove_tree(old);
        if (stat(to, &sb) == 0 && rename(to, old) != 0)
            rc = -1;
        if (rc == 0 && rename(tmp, to) != 0)
            rc = -1;
        if (rc == 0)
            remove_tree(old);
        else
            fprintf(stderr, "chanjiao: 无法替换文件夹 (cannot replace the folder) %s: %s\n", to,
                    strerror(errno));
        free(old);
    }
    if (rc != 0)
        remove_tree(tmp);
    free(tmp);
    return rc;
}

static bool is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A PostgreSQL database is backed up by PostgreSQL's own tools, which
 * know its files, its WAL and a consistent snapshot of a live server. */
static bool refuse_server_url(const char *db_path)
{
    if (!db_is_server_url(db_path))
        return false;
    fputs("chanjiao: PostgreSQL 数据库请用 pg_dump 备份、pg_restore 恢复，见 docs/deploy.md "
          "(back up a PostgreSQL database with pg_dump and restore it with pg_restore; see "
          "docs/deploy.md)\n",
          stderr);
    return true;
}

int cli_backup(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--to", "--uploads", NULL};
    if (cli_check_opts(argc, argv, 2, vals, NULL))
        return 2;
    const char *db_path = cli_opt(argc, argv, "--db");
    const char *to = cli_opt(argc, argv, "--to");
    const char *uploads = cli_opt(argc, argv, "--uploads");
    if (!db_path || !to) {
        fputs("usage: chanjiao backup --db DB --to FILE [--uploads DIR]\n", stderr);
        return 2;
    }
    if (refuse_server_url(db_path))
        return 1;
    /* The server's default folder, when it has one (domain/files.h). */
    char *fallback = uploads ? NULL : files_default_dir(db_path);
    if (fallback && is_dir(fallback))
        uploads = fallback;
    if (uploads && !is_dir(uploads)) {
        fprintf(stderr, "chanjiao: 上传文件夹不存在 (no such uploads folder): %s\n", uploads);
        free(fallback);
        return 1;
    }
    err_t e = ERR_INIT;
    backup_info info = {0};
    if (backup_make(db_path, to, &info, &e) != 0) {
        fprintf(stderr, "chanjiao: 备份失败 (backup failed): %s\n", e.message);
        err_clear(&e);
        free(fallback);
        return 1;
    }
    printf("backup: %s → %s: %lld pages, %lld bytes, schema %d, integrity ok\n", db_path, to,
           (long long)info.pages, (long long)info.bytes, info.schema);
    if (uploads) {
        long files = 0;
        char *dest = suffixed(to, ".uploads");
        int rc = replace_tree(uploads, dest, ".old", &files);
        if (rc == 0)
            printf("backup: %s → %s: %ld files\n", uploads, dest, files);
        free(dest);
        if (rc != 0) {
            fputs("chanjiao: 上传文件备份失败 (uploads backup failed); the database copy is "
                  "complete\n",
                  stderr);
            free(fallback);
            return 1;
        }
    }
    free(fallback);
    return 0;
}

int cli_restore(int argc, char **argv)
{
    static const char *const vals[] = {"--from", "--db", "--uploads", NULL};
    static const char *const flags[] = {"--force", NULL};
    if (cli_check_opts(argc, argv, 2, vals, flags))
        return 2;
    const char *from = cli_opt(argc, argv, "--from");
    const char *db_path = cli_opt(argc, argv, "--db");
    const char *uploads = cli_opt(argc, argv, "--uploads");
    bool force = cli_flag(argc, argv, "--force");
    if (!from || !db_path) {
        fputs("usage: chanjiao restore --from FILE --db DB [--uploads DIR] [--force]\n", stderr);
        return 2;
    }
    if (refuse_server_url(db_path))
        return 1;
    char *saved = suffixed(from, ".uploads");
    /* A backup with uploads puts them back into the default folder. */
    char *fallback = uploads ? NULL : files_default_dir(db_path);
    if (fallback && is_dir(saved))
        uploads = fallback;
    if (uploads && !is_dir(saved)) {
        fprintf(stderr, "chanjiao: 备份中没有上传文件 (the backup has no uploads folder): %s\n",
                saved);
        free(saved);
        return 1;
    }
    err_t e = ERR_INIT;
    backup_info info = {0};
    if (backup_restore(from, db_path, force, &info, &e) != 0) {
        fprintf(stderr, "chanjiao: 恢复失败，未做任何改动 (restore failed, nothing changed): %s\n",
                e.message);
        err_clear(&e);
        free(saved);
        free(fallback);
        return 1;
    }
    printf("restore: %s → %s: %lld pages, %lld bytes, schema %d, integrity ok\n", from, db_path,
           (long long)info.pages, (long long)info.bytes, info.schema);
    int rc = 0;
    if (uploads) {
        long files = 0;
        if (replace_tree(saved, uploads, ".before-restore", &files) == 0)
            printf("restore: %s → %s: %ld files\n", saved, uploads, files);
        else {
            fputs("chanjiao: 上传文件恢复失败 (uploads restore failed); the database is "
                  "restored\n",
                  stderr);
            rc = 1;
        }
    }
    free(saved);
    free(fallback);
    return rc;
}

static void print_copied(void *ctx, const backup_copy_table *t)
{
    ++*(int *)ctx;
    printf("  %-32s %9lld rows  sha256 %.16s…  %s\n", t->table, (long long)t->rows_to, t->sum_to,
           t->rows_from == t->rows_to && !strcmp(t->sum_from, t->sum_to) ? "ok" : "DIFFERS");
}

int cli_store(int argc, char **argv)
{
    static const char *const vals[] = {"--from", "--to", NULL};
    static const char *const flags[] = {NULL};
    const char *usage = "usage: chanjiao store copy --from FILE.db --to postgresql://…\n"
                        "       chanjiao store copy --from postgresql://… --to FILE.db\n";
    if (argc < 3 || strcmp(argv[2], "copy")) {
        fputs(usage, stderr);
        return 2;
    }
    if (cli_check_opts(argc, argv, 3, vals, flags))
        return 2;
    const char *from = cli_opt(argc, argv, "--from"), *to = cli_opt(argc, argv, "--to");
    if (!from || !to) {
        fputs(usage, stderr);
        return 2;
    }
    if (cli_db_missing(from))
        return 1;
    err_t e = ERR_INIT;
    int tables = 0;
    printf("store copy: %s → %s\n", db_is_server_url(from) ? "PostgreSQL" : from,
           db_is_server_url(to) ? "PostgreSQL" : to); /* a URL may hold a password */
    if (backup_copy(from, to, print_copied, &tables, &e) != 0) {
        /* Refused before anything was written (the same kind twice, a
         * newer schema, a target with data): bad input, as a bad option. */
        bool refused = e.code == ERR_INVALID || e.code == ERR_CONFLICT;
        fprintf(stderr, "chanjiao: %s: %s\n",
                refused ? "拒绝复制 (copy refused)" : "复制失败 (copy failed)", e.message);
        err_clear(&e);
        return refused ? 2 : 1;
    }
    printf("store copy: %d tables copied, each checked (rows and SHA-256 of every value)\n",
           tables);
    return 0;
}
