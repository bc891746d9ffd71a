/*
 * store_files.c — the rows of uploaded files (migration 018): one per
 * distinct content (files), who uploaded it (file_uploaders) and which
 * record field names it (file_refs).  The bytes are not here: the domain
 * keeps them in the uploads folder (domain/files.c).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

int store_file_get(store_conn *c, const char *sha, json_t **row, err_t *e)
{
    static const char *const cols[] = {"id",   "size",        "content_type", "kind",
                                       "name", "uploaded_by", "created_at",   NULL};
    json_t *items = NULL;
    db_stmt *st = conn_stmt(c,
                            "SELECT sha256, size, content_type, kind, name, uploaded_by, "
                            "created_at FROM files WHERE sha256 = ?",
                            e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, sha, -1);
    if (stmt_rows(c, st, NULL, cols, &items, "file get", e) != 0)
        return -1;
    if (!json_array_size(items)) {
        json_decref(items);
        return err_set(e, ERR_NOT_FOUND, "文件不存在 (no such file)");
    }
    *row = json_incref(json_array_get(items, 0));
    json_decref(items);
    return 0;
}

int store_file_add(store_conn *c, const store_file *f, err_t *e)
{
    char now[21];
    now_utc(now);
    db_stmt *st = conn_stmt(c,
                            "INSERT INTO files(sha256, size, content_type, kind, "
                            "name, uploaded_by, org_id, consortium_id, created_at) "
                            "VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                            e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, f->sha256, -1);
    db_bind_int64(st, 2, f->size);
    db_bind_text_static(st, 3, f->content_type, -1);
    db_bind_text_static(st, 4, f->kind, -1);
    db_bind_text_static(st, 5, f->name, -1);
    db_bind_int64(st, 6, f->user_id);
    if (f->org_id)
        db_bind_int64(st, 7, f->org_id);
    else
        db_bind_null(st, 7);
    if (f->consortium_id)
        db_bind_int64(st, 8, f->consortium_id);
    else
        db_bind_null(st, 8);
    db_bind_text_static(st, 9, now, -1);
    int rc = db_step(st);
    db_reset(st);
    if (rc != DB_DONE)
        return conn_fail(c, e, "file add");
    st = conn_stmt(c,
                   "INSERT INTO file_uploaders(sha256, user_id, org_id, name, created_at) "
                   "VALUES(?,?,?,?,?) ON CONFLICT(sha256, user_id) DO UPDATE SET "
                   "name = excluded.name, org_id = excluded.org_id",
                   e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, f->sha256, -1);
    db_bind_int64(st, 2, f->user_id);
    if (f->org_id)
        db_bind_int64(st, 3, f->org_id);
    else
        db_bind_null(st, 3);
    db_bind_text_static(st, 4, f->name, -1);
    db_bind_text_static(st, 5, now, -1);
    rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : conn_fail(c, e, "file uploader");
}

bool store_file_uploaded_by(store_conn *c, const char *sha, int64_t user_id, int64_t org_id)
{
    db_stmt *st = lookup_stmt(c, "SELECT 1 FROM file_uploaders WHERE sha256 = ? AND "
                                 "(user_id = ? OR (org_id IS NOT NULL AND org_id = ?))");
    if (!st)
        return false;
    db_bind_text_static(st, 1, sha, -1);
    db_bind_int64(st, 2, user_id);
    db_bind_int64(st, 3, org_id);
    bool yes = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    return yes;
}

int store_file_refs(store_conn *c, const char *sha, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(
        c, "SELECT entity, record_id, field FROM file_refs WHERE sha256 = ? ORDER BY 1, 2, 3", e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, sha, -1);
    return stmt_rows(c, st, NULL, NULL, items, "file refs", e);
}

int store_file_ref_set(store_conn *c, const char *entity, int64_t record_id, const char *field,
                       const char *sha, err_t *e)
{
    db_stmt *st =
        conn_stmt(c, "DELETE FROM file_refs WHERE entity = ? AND record_id = ? AND field = ?", e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, entity, -1);
    db_bind_int64(st, 2, record_id);
    db_bind_text_static(st, 3, field, -1);
    int rc = db_step(st);
    db_reset(st);
    if (rc != DB_DONE)
        return conn_fail(c, e, "file ref clear");
    if (!sha)
        return 0;
    st = conn_stmt(c, "INSERT INTO file_refs(entity, record_id, field, sha256) VALUES(?,?,?,?)", e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, entity, -1);
    db_bind_int64(st, 2, record_id);
    db_bind_text_static(st, 3, field, -1);
    db_bind_text_static(st, 4, sha, -1);
    rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : conn_fail(c, e, "file ref add");
}

int store_file_ref_add(store_conn *c, const char *entity, int64_t record_id, const char *field,
                       const char *sha, err_t *e)
{
    db_stmt *st =
        conn_stmt(c,
                  "INSERT INTO file_refs(entity, record_id, field, sha256) VALUES(?,?,?,?) "
                  "ON CONFLICT DO NOTHING",
                  e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, entity, -1);
    db_bind_int64(st, 2, record_id);
    db_bind_text_static(st, 3, field, -1);
    db_bind_text_static(st, 4, sha, -1);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : conn_fail(c, e, "file ref add");
}

int store_file_refs_drop(store_conn *c, const char *entity, int64_t record_id, err_t *e)
{
    db_stmt *st = conn_stmt(c, "DELETE FROM file_refs WHERE entity = ? AND record_id = ?", e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, entity, -1);
    db_bind_int64(st, 2, record_id);
    int rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? 0 : conn_fail(c, e, "file refs drop");
}

int store_file_orphans(store_conn *c, const char *before, json_t **items, err_t *e)
{
    db_stmt *st = conn_stmt(c,
                            "SELECT sha256 FROM files f WHERE created_at <= ? AND NOT EXISTS "
                            "(SELECT 1 FROM file_refs r WHERE r.sha256 = f.sha256) "
                            "ORDER BY sha256",
                            e);
    if (!st)
        return -1;
    db_bind_text_static(st, 1, before, -1);
    return stmt_rows(c, st, row_first, NULL, items, "file orphans", e);
}

int store_file_delete(store_conn *c, const char *sha, err_t *e)
{
    static const char *const sql[] = {"DELETE FROM file_uploaders WHERE sha256 = ?",
                                      "DELETE FROM files WHERE sha256 = ?"};
    for (size_t i = 0; i < 2; i++) {
        db_stmt *st = conn_stmt(c, sql[i], e);
        if (!st)
            return -1;
        db_bind_text_static(st, 1, sha, -1);
        int rc = db_step(st);
        db_reset(st);
        if (rc != DB_DONE)
            return conn_fail(c, e, "file delete");
    }
    return 0;
}
