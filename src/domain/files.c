/*
 * files.c — see files.h.  The order of an upload is what makes "a refused
 * file writes nothing" true: who may upload, the size, then the content
 * (core/filekind.c) are all decided on the bytes in memory; only a file
 * that passes is hashed, written to UPLOADS/tmp/ under a fresh name,
 * fsync'd, renamed to UPLOADS/ab/<sha256> (rename is atomic within one
 * file system, and the tmp folder is inside the uploads folder for that
 * reason) and the folder synced; then its row is added.  A crash between
 * the rename and the row leaves an unnamed file that the next upload of
 * the same bytes adopts; never a row without its bytes.
 */
#include "domain/files.h"
#include "domain/assessment.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/filekind.h"
#include "domain/record.h"
#include "store/store.h"

static char *uploads_dir;

void files_set_dir(const char *dir)
{
    free(uploads_dir);
    uploads_dir = dir ? xstrdup(dir) : NULL;
}

const char *files_dir(void)
{
    return uploads_dir;
}

char *files_default_dir(const char *db_path)
{
    if (store_is_pg_url(db_path)) /* no file to sit beside */
        return NULL;
    return xasprintf("%s.uploads", db_path);
}

static int make_dir(const char *p, err_t *e)
{
    if (mkdir(p, 0750) == 0 || errno == EEXIST) {
        struct stat sb;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            return 0;
    }
    return err_set(e, ERR_UNAVAILABLE, "无法创建上传文件夹 (cannot create the uploads folder): %s",
                   p);
}

int files_prepare_dir(const char *dir, err_t *e)
{
    char *tmp = xasprintf("%s/tmp", dir);
    int rc = make_dir(dir, e) == 0 && make_dir(tmp, e) == 0 ? 0 : -1;
    free(tmp);
    return rc;
}

int files_may_upload(const caller_t *c, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "请先登录 (sign in first)");
    if (caller_is_admin(c) || !strcmp(c->role, "secretariat") || !strcmp(c->role, "org_admin") ||
        !strcmp(c->role, "org_staff"))
        return 0;
    /* An authority files the document of a policy grant (docs/authority.md). */
    if (!strcmp(c->role, "authority"))
        return 0;
    return err_set(e, ERR_FORBIDDEN,
                   "只有单位工作人员和秘书处可以上传文件 (only staff of a unit and the secretariat "
                   "upload files)");
}

static bool valid_id(const char *id)
{
    if (!id || strlen(id) != 64)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static char *blob_path(const char *dir, const char *sha)
{
    return xasprintf("%s/%.2s/%s", dir, sha, sha);
}

/* A name fit to keep and to send back: no folders, no control
 * characters, valid UTF-8, at most 200 bytes (cut at a character), and
 * "file.<ext>" when nothing is left. */
static char *clean_name(const char *name, filekind k)
{
    const char *base = name ? name : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    char keep[204];
    size_t len = 0;
    for (const unsigned char *p = (const unsigned char *)base; *p && len < 200; p++)
        if (*p >= 0x20 && *p != 0x7f && *p != '"')
            keep[len++] = (char)*p;
    /* Cut at 200 bytes may split a character: drop its lead bytes. */
    json_t *ok = NULL;
    for (int cut = 0; cut < 4 && len && !(ok = json_stringn(keep, len)); cut++)
        len--;
    keep[len] = '\0';
    char *out = ok && len ? xstrdup(keep) : xasprintf("file%s", filekind_ext(k));
    json_decref(ok);
    return out;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* The bytes at UPLOADS/ab/<sha>, unless a file of that size is there. */
static int keep_bytes(const char *dir, const char *sha, const unsigned char *data, size_t n,
                      err_t *e)
{
    char *final = blob_path(dir, sha), *sub = xasprintf("%s/%.2s", dir, sha);
    char *tmp = NULL;
    int fd = -1, rc = -1;
    struct stat sb;
    if (stat(final, &sb) == 0 && S_ISREG(sb.st_mode) && (size_t)sb.st_size == n) {
        rc = 0;
        goto out;
    }
    if (files_prepare_dir(dir, e) != 0 || make_dir(sub, e) != 0)
        goto out;
    unsigned char rnd[8];
    char hex[17];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    tmp = xasprintf("%s/tmp/%s.%s", dir, sha, hex);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0 || write_all(fd, data, n) != 0 || fsync(fd) != 0 || close(fd) != 0) {
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        err_set(e, ERR_UNAVAILABLE, "保存文件失败 (could not store the file)");
        goto out;
    }
    if (rename(tmp, final) != 0) {
        unlink(tmp);
        err_set(e, ERR_UNAVAILABLE, "保存文件失败 (could not store the file)");
        goto out;
    }
    sync_dir(sub);
    rc = 0;
out:
    free(final);
    free(sub);
    free(tmp);
    return rc;
}

int files_upload(db_conn *sc, const caller_t *c, const void *data, size_t n, const char *name,
                 json_t **out, err_t *e)
{
    if (files_may_upload(c, e) != 0)
        return -1;
    if (n > FILES_MAX)
        return err_set(e, ERR_TOO_LARGE, "文件超过 %u MiB 上限 (the file is larger than %u MiB)",
                       FILES_MAX >> 20, FILES_MAX >> 20);
    char why[400];
    filekind k = filekind_sniff(data, n, why, sizeof why);
    if (k == FILEKIND_NONE)
        return err_set(e, ERR_INVALID, "%s", why);
    if (!uploads_dir)
        return err_set(e, ERR_UNAVAILABLE, "未配置上传文件夹 (no uploads folder is configured)");
    unsigned char h[crypto_hash_sha256_BYTES];
    char sha[65];
    crypto_hash_sha256(h, data, n);
    sodium_bin2hex(sha, sizeof sha, h, sizeof h);
    if (keep_bytes(uploads_dir, sha, data, n, e) != 0)
        return -1;
    char *clean = clean_name(name, k);
    json_t *row = NULL;
    bool known = store_file_get(sc, sha, &row, NULL) == 0;
    store_file f = {sha,
                    (int64_t)n,
                    filekind_mime(k),
                    filekind_name(k),
                    clean,
                    c->user_id,
                    c->org_id,
                    !strcmp(c->role, "secretariat") ? c->consortium_id : 0};
    /* The file's row and its uploader together. */
    int rc = store_begin(sc, e);
    if (rc == 0 && (rc = store_file_add(sc, &f, e)) != 0)
        store_rollback(sc);
    else if (rc == 0)
        rc = store_commit(sc, e);
    if (rc == 0) {
        *out =
            json_pack("{s:s,s:I,s:s,s:s,s:s,s:b}", "id", sha, "size", (json_int_t)n, "content_type",
                      filekind_mime(k), "name", clean, "kind", filekind_name(k), "created", !known);
    }
    json_decref(row);
    free(clean);
    return rc;
}

/* Whether c may read file sha: a record naming it is readable by c with
 * the field still shown, or no record names it and c uploaded it. */
static bool readable(db_conn *sc, const caller_t *c, const char *sha)
{
    return files_readable(sc, c, sha);
}

bool files_readable(db_conn *sc, const caller_t *c, const char *sha)
{
    if (caller_is_admin(c))
        return true;
    json_t *refs = NULL;
    err_t e = ERR_INIT;
    if (store_file_refs(sc, sha, &refs, &e) != 0) {
        err_clear(&e);
        return false;
    }
    bool ok = false;
    if (!json_array_size(refs))
        ok = caller_signed_in(c) && store_file_uploaded_by(sc, sha, c->user_id, 0);
    size_t i;
    json_t *ref;
    json_array_foreach (refs, i, ref) {
        const char *ent = json_string_value(json_object_get(ref, "entity"));
        const entity_def *d = entity_find(ent);
        const char *field = json_string_value(json_object_get(ref, "field"));
        json_t *row = NULL;
        /* An assessment's evidence: read by who may read the assessment
         * (domain/assessment.c's one rule). */
        if (!ok && ent && !strcmp(ent, "assessments")) {
            ok = assessment_file_readable(sc, c,
                                          json_integer_value(json_object_get(ref, "record_id")));
            continue;
        }
        if (ok || !d || !field)
            continue;
        if (record_get(sc, c, d, json_integer_value(json_object_get(ref, "record_id")), &row, &e) ==
            0) {
            json_t *v = json_object_get(row, field), *x;
            ok = json_is_string(v) && !strcmp(json_string_value(v), sha);
            size_t k;
            json_array_foreach (v, k, x) /* a list of files (FT_FILELIST) */
                ok = ok || (json_is_string(x) && !strcmp(json_string_value(x), sha));
        }
        err_clear(&e);
        json_decref(row);
    }
    json_decref(refs);
    return ok;
}

int files_open(db_conn *sc, const caller_t *c, const char *id, int *fd, json_t **meta, err_t *e)
{
    json_t *row = NULL;
    *fd = -1;
    if (!valid_id(id) || store_file_get(sc, id, &row, NULL) != 0 || !readable(sc, c, id)) {
        json_decref(row);
        return err_set(e, ERR_NOT_FOUND, "文件不存在 (no such file)");
    }
    char *path = uploads_dir ? blob_path(uploads_dir, id) : NULL;
    int f = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    free(path);
    struct stat sb;
    if (f < 0 || fstat(f, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        if (f >= 0)
            close(f);
        json_decref(row);
        /* The row is there, the bytes are not: an uploads folder not
         * restored with its database. */
        return err_set(e, ERR_UNAVAILABLE,
                       "文件内容缺失，请检查上传文件夹 (the file's content is missing from the "
                       "uploads folder)");
    }
    json_object_set_new(row, "size", json_integer((json_int_t)sb.st_size));
    json_object_del(row, "uploaded_by");
    *fd = f;
    *meta = row;
    return 0;
}

/* Whether kind is one of f's '|'-separated kinds (any when none). */
static bool kind_taken(const field_def *f, const char *kind)
{
    if (!f->ref)
        return true;
    size_t kl = strlen(kind);
    for (const char *p = f->ref; *p;) {
        size_t len = strcspn(p, "|");
        if (len == kl && !memcmp(p, kind, len))
            return true;
        p += len + (p[len] == '|');
    }
    return false;
}

int files_check_row(db_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                    json_t *row, err_t *e)
{
    bool bad = false;
    for (const field_def *f = d->fields; f->name; f++) {
        if (f->type != FT_FILE && f->type != FT_FILELIST)
            continue;
        json_t *v = json_object_get(row, f->name), *stored = NULL;
        if (f->type == FT_FILELIST) {
            /* Each file as an FT_FILE field's, those the record named
             * before passing as they are. */
            json_t *was = before ? json_object_get(before, f->name) : NULL, *x;
            size_t i;
            json_array_foreach (v, i, x) {
                const char *sha = json_string_value(x);
                bool kept = false;
                for (size_t j = 0; sha && j < json_array_size(was); j++)
                    kept = kept || json_equal(json_array_get(was, j), x);
                if (!sha || kept)
                    continue;
                if (store_file_get(sc, sha, &stored, NULL) != 0 ||
                    (!caller_is_admin(c) &&
                     !store_file_uploaded_by(sc, sha, c->user_id, c->org_id))) {
                    err_field(e, f->name,
                              "第 %zu 个文件不存在或不是本单位上传的 (file %zu: no such file "
                              "uploaded by you or your unit)",
                              i + 1, i + 1);
                    bad = true;
                } else if (!kind_taken(f, json_string_value(json_object_get(stored, "kind")))) {
                    err_field(e, f->name,
                              "第 %zu 个文件：此处只接受 %s 文件 (file %zu: only %s files here)",
                              i + 1, f->ref, i + 1, f->ref);
                    bad = true;
                }
                json_decref(stored);
                stored = NULL;
                if (bad)
                    break;
            }
            continue;
        }
        if (!json_is_string(v))
            continue;
        const char *sha = json_string_value(v);
        json_t *was = before ? json_object_get(before, f->name) : NULL;
        if (json_is_string(was) && !strcmp(json_string_value(was), sha))
            continue; /* this record names it already */
        if (store_file_get(sc, sha, &stored, NULL) != 0 ||
            (!caller_is_admin(c) && !store_file_uploaded_by(sc, sha, c->user_id, c->org_id))) {
            err_field(e, f->name,
                      "文件不存在或不是本单位上传的 (no such file uploaded by you or your unit)");
            bad = true;
        } else if (!kind_taken(f, json_string_value(json_object_get(stored, "kind")))) {
            err_field(e, f->name, "此处只接受 %s 文件 (only %s files here)", f->ref, f->ref);
            bad = true;
        }
        json_decref(stored);
    }
    return bad ? err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)") : 0;
}

int files_refs_keep(db_conn *sc, const entity_def *d, int64_t id, json_t *row, err_t *e)
{
    if (!row)
        return store_file_refs_drop(sc, d->name, id, e);
    for (const field_def *f = d->fields; f->name; f++) {
        if (f->type == FT_FILELIST) {
            /* One file_refs row per file of the list. */
            json_t *v = json_object_get(row, f->name), *x;
            size_t i;
            if (!v)
                continue;
            if (store_file_ref_set(sc, d->name, id, f->name, NULL, e) != 0)
                return -1;
            json_array_foreach (v, i, x)
                if (json_is_string(x) &&
                    store_file_ref_add(sc, d->name, id, f->name, json_string_value(x), e) != 0)
                    return -1;
            continue;
        }
        if (f->type != FT_FILE)
            continue;
        json_t *v = json_object_get(row, f->name);
        if (v && store_file_ref_set(sc, d->name, id, f->name,
                                    json_is_string(v) ? json_string_value(v) : NULL, e) != 0)
            return -1;
    }
    return 0;
}

int files_sweep(db_conn *sc, const char *dir, int64_t older_than, long *removed, err_t *e)
{
    char before[21];
    json_t *ids = NULL;
    *removed = 0;
    time_utc(now_unix() - older_than, before);
    if (store_begin(sc, e) != 0)
        return -1;
    if (store_file_orphans(sc, before, &ids, e) != 0) {
        store_rollback(sc);
        return -1;
    }
    size_t i;
    json_t *id;
    json_array_foreach (ids, i, id)
        if (store_file_delete(sc, json_string_value(id), e) != 0) {
            store_rollback(sc);
            json_decref(ids);
            return -1;
        }
    if (store_commit(sc, e) != 0) {
        json_decref(ids);
        return -1;
    }
    /* The rows are gone first: a file without a row is harmless (the next
     * upload of the same bytes adopts it), a row without its file not. */
    json_array_foreach (ids, i, id) {
        char *p = blob_path(dir, json_string_value(id));
        if (unlink(p) == 0 || errno == ENOENT)
            (*removed)++;
        free(p);
    }
    json_decref(ids);
    return 0;
}
