/*
 * batch.c — an import as a domain batch (see batch.h).
 *
 * Why it is built this way: a million rows must go in as fast as the
 * store can take them, yet every row must pass exactly the rules an API
 * write passes.  So each row goes through record.c (validation done by
 * the caller on its own thread, then references, membership, unit kinds,
 * permission — record_create_valid), but inside ONE BEGIN IMMEDIATE
 * transaction and in the store's bulk mode: positive look-ups remembered,
 * a large page cache, running totals (entity_def.totals) summed in memory
 * and added once, search indexing (entity_import.defer_search) done once
 * at the commit.  A failed INSERT inside a transaction undoes only that
 * statement in SQLite, which is what lets the caller keep going after a
 * bad row and still roll the whole batch back at the end.
 *
 * The permission question is also asked once up front (batch_open), with
 * a probe row in the consortium and, for a unit's own staff, their unit,
 * so that an empty file or a file of bad rows still answers 401/403
 * rather than a row report.  One audit entry records the whole batch.
 */
#include "domain/batch.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/record.h"

struct batch {
    store_conn *sc;
    const caller_t *c;
    const entity_def *d;
    int64_t consortium_id;
    int64_t own_org;
    bool began;    /* the transaction is open */
    int64_t first; /* store_bulk_defer's mark (-1: totals not deferred) */
};

int batch_open(store_conn *sc, const caller_t *c, const entity_def *d, int64_t consortium_id,
               batch **out, err_t *e)
{
    *out = NULL;
    if (!d->import)
        return err_set(e, ERR_NOT_FOUND, "不能导入%s (cannot import this)", d->zh);
    int64_t own_org = 0;
    if (c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")) &&
        d->org_field && strcmp(d->org_field, "id"))
        own_org = c->org_id;
    json_t *probe = json_object();
    if (consortium_id > 0 && d->consortium_field)
        json_object_set_new(probe, d->consortium_field, json_integer(consortium_id));
    /* A unit's own staff import their unit's rows (each row is checked
     * again as it is written). */
    if (d->org_field && strcmp(d->org_field, "id") && c->org_id)
        json_object_set_new(probe, d->org_field, json_integer(c->org_id));
    int prc = perm_check(sc, c, d, ACT_CREATE, probe, e);
    json_decref(probe);
    if (prc != 0)
        return -1;
    if (consortium_id > 0 && !store_entity_exists(sc, "consortia", consortium_id))
        return err_set(e, ERR_NOT_FOUND, "联合体 %lld 不存在 (no such consortium)",
                       (long long)consortium_id);
    if (store_in_tx(sc))
        return err_set(e, ERR_INTERNAL,
                       "导入须在自己的事务中进行 (import needs its own transaction)");
    batch *b = xcalloc(1, sizeof *b);
    b->sc = sc;
    b->c = c;
    b->d = d;
    b->consortium_id = consortium_id;
    b->own_org = own_org;
    b->first = -1;
    *out = b;
    return 0;
}

int64_t batch_own_org(const batch *b)
{
    return b->own_org;
}

const char *batch_trimmed(const char *s, char *buf, size_t n)
{
    while (*s == ' ' || *s == '\t' || !strncmp(s, "\xE3\x80\x80", 3))
        s += *s == ' ' || *s == '\t' ? 1 : 3;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                   (len >= 3 && !strncmp(s + len - 3, "\xE3\x80\x80", 3))))
        len -= s[len - 1] == ' ' || s[len - 1] == '\t' ? 1 : 3;
    if (len >= n)
        len = n - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

int64_t batch_ref_find(store_conn *sc, const entity_def *ref, const char *text,
                       int64_t consortium_id, int64_t scope_id)
{
    const entity_sheet_ref *r = ref->sheet_ref;
    int64_t id = 0;
    for (size_t i = 0; r && i < SHEET_REF_COLUMNS && r->columns[i] && id == 0; i++)
        id = store_entity_find_by(sc, ref, r->columns[i], text,
                                  r->in_consortium ? ref->consortium_field : NULL, consortium_id,
                                  r->scope_field, scope_id);
    return id;
}

/* msg = fmt with its first "%s" replaced by text cut to shown bytes. */
static void fill_in(char *msg, size_t n, const char *fmt, const char *text, int shown)
{
    const char *at = strstr(fmt, "%s");
    if (!at) {
        snprintf(msg, n, "%s", fmt);
        return;
    }
    snprintf(msg, n, "%.*s%.*s%s", (int)(at - fmt), fmt, shown, text, at + 2);
}

void batch_ref_error(const entity_def *ref, int64_t found, const char *text, int64_t scope_id,
                     char *msg, size_t n)
{
    const entity_sheet_ref *r = ref->sheet_ref;
    if (!r)
        snprintf(msg, n, "无效 (invalid)");
    else if (found < 0)
        fill_in(msg, n, r->ambiguous, text, r->shown);
    else
        fill_in(msg, n, scope_id && r->not_found_scoped ? r->not_found_scoped : r->not_found, text,
                r->shown);
}

int batch_begin(batch *b, err_t *e)
{
    if (store_begin(b->sc, e) != 0)
        return -1;
    b->began = true;
    store_bulk_begin(b->sc);
    if (store_bulk_defer(b->sc, b->d, &b->first, e) != 0)
        return -1;
    if (b->d->import->defer_search && store_search_defer(b->sc, e) != 0)
        return -1;
    return 0;
}

int batch_add(batch *b, json_t *row, err_t *e)
{
    int64_t id = 0;
    if (!b->began || !store_in_tx(b->sc))
        return err_set(e, ERR_INTERNAL, "导入事务意外结束 (the import transaction ended)");
    int rc;
    if (b->d->import->upsert) {
        /* A catalogue edition updates the codes it shares with the
         * loaded one and adds the others. */
        const char *kf = b->d->import->key[0];
        json_t *code = json_object_get(row, kf);
        if (json_is_string(code)) {
            char t[64];
            batch_trimmed(json_string_value(code), t, sizeof t);
            id = store_entity_find_by(b->sc, b->d, kf, t, NULL, 0, NULL, 0);
        }
        rc = id > 0 ? record_update(b->sc, b->c, b->d, id, row, NULL, e)
                    : record_create_quiet(b->sc, b->c, b->d, row, &id, e);
    } else {
        rc = record_create_valid(b->sc, b->c, b->d, row, &id, e);
    }
    return rc;
}

int batch_end(batch *b, bool commit, json_t *after, err_t *e)
{
    int rc = 0;
    if (b->began && commit) {
        if (record_audit(b->sc, b->c, "import", b->d->name, 0, b->consortium_id, NULL, after, e) !=
                0 ||
            store_bulk_finish(b->sc, b->d, b->first, e) != 0)
            rc = -1;
        else {
            b->began = false;
            rc = store_commit(b->sc, e);
        }
    } else if (commit) {
        rc = err_set(e, ERR_INTERNAL, "导入事务未开始 (the import transaction was not begun)");
    }
    store_bulk_end(b->sc);
    if (b->began)
        store_rollback(b->sc);
    b->began = false;
    return rc;
}

void batch_close(batch *b)
{
    if (!b)
        return;
    if (b->began) {
        store_bulk_end(b->sc);
        store_rollback(b->sc);
    }
    free(b);
}

int64_t batch_count(store_conn *sc, const entity_def *d)
{
    return store_entity_count(sc, d);
}

bool batch_ref_text(store_conn *sc, const entity_def *ref, int64_t id, char *out, size_t n)
{
    return ref->sheet_ref && store_entity_text(sc, ref, id, ref->sheet_ref->write, out, n);
}
