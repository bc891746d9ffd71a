/*
 * batch.c — an import as a domain batch (see batch.h).
 *
 * Why it is built this way: a million rows must go in as fast as the
 * store can take them, yet every row must pass exactly the rules an API
 * write passes.  So each row goes through record.c (validation done by
 * the caller on its own thread, then references, membership, unit kinds,
 * permission — record_create_valid), but inside ONE BEGIN IMMEDIATE
 * transaction and in the store's bulk mode: positive look-ups remembered,
 * a large load's indexes set aside, running totals (entity_def.totals) summed in memory
 * and added once, search indexing (entity_import.defer_search) done once
 * at the commit.  A failed INSERT inside a transaction undoes only that
 * statement in SQLite, which is what lets the caller keep going after a
 * bad row and still roll the whole batch back at the end.
 *
 * The permission question is also asked once up front (batch_open), with
 * a probe row in the consortium and, for a unit's own staff, their unit,
 * so that an empty file or a file of bad rows still answers 401/403
 * rather than a row report.  One audit entry records the whole batch.
 *
 * Import modes (batch_put): which live row a file's row names is
 * answered from memory.  batch_begin, holding the write lock, walks the
 * live rows the import can meet once (the consortium's, with
 * store_entity_each) and keeps, per row, its natural key (entity_import.
 * natural) and its content key (its required fields) in a core/strmap.h
 * map to a chain of ids — the keys, not the rows.  A row of the file then
 * costs one map probe, and one store_entity_get only for a row it names
 * (to compare and to fill the audit's before).  When the walk found
 * nothing (a first load: the million-row demand benchmark), the probe is
 * skipped and a create costs what it did before modes existed.
 * Updates go through record_update, so a file can change nothing a PATCH
 * could not, and each update leaves its own audit entry (before/after)
 * beside the import's summary.
 */
#include "domain/batch.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "domain/record.h"
#include "domain/options.h"

/* A live row met by the walk, in the chain of ids under one key. */
typedef struct {
    int64_t id;
    size_t next; /* the next entry's index + 1; 0 ends the chain */
    bool used;   /* already named by a row of this file (content keys) */
} key_entry;

struct batch {
    store_conn *sc;
    const caller_t *c;
    const entity_def *d;
    int64_t consortium_id;
    int64_t own_org;
    bool began;     /* the transaction is open */
    int64_t first;  /* store_bulk_defer's mark (-1: totals not deferred) */
    int64_t expect; /* rows the caller will put (batch_expect), or 0 */
    int64_t put;    /* rows put so far */
    batch_mode mode;
    strmap keys;    /* natural or content key → chain head's index + 1 */
    key_entry *ent; /* the chains */
    size_t nent, cap;
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
    batch_mode_parse(d, NULL, &b->mode);
    strmap_init(&b->keys);
    *out = b;
    return 0;
}

/* ---- import modes --------------------------------------------------------- */

int batch_mode_parse(const entity_def *d, const char *s, batch_mode *m)
{
    if (!s || !*s)
        *m = d && d->import && d->import->upsert ? BATCH_UPSERT : BATCH_CREATE;
    else if (!strcmp(s, "create"))
        *m = BATCH_CREATE;
    else if (!strcmp(s, "update"))
        *m = BATCH_UPDATE;
    else if (!strcmp(s, "upsert"))
        *m = BATCH_UPSERT;
    else
        return -1;
    return 0;
}

const char *batch_mode_name(batch_mode m)
{
    return m == BATCH_UPDATE ? "update" : m == BATCH_UPSERT ? "upsert" : "create";
}

const char *batch_action_name(batch_action a)
{
    return a == BATCH_UPDATED ? "update" : a == BATCH_UNCHANGED ? "unchanged" : "create";
}

void batch_expect(batch *b, int64_t rows)
{
    b->expect = rows;
}

void batch_set_mode(batch *b, batch_mode m)
{
    b->mode = m;
}

/* A field a sheet carries (what the importer reads and the exporter
 * writes): not the id, not the server's, not left out of sheets. */
static bool sheet_field(const field_def *f)
{
    return f->type != FT_ID && !(f->flags & (F_READONLY | F_NOEXPORT | F_WRITEONLY));
}

static void key_value(buf_t *k, json_t *v)
{
    if (!v || json_is_null(v))
        buf_puts(k, "\x01");
    else if (json_is_number(v))
        buf_printf(k, "%.15g", json_number_value(v));
    else if (json_is_boolean(v))
        buf_puts(k, json_is_true(v) ? "1" : "0");
    else if (json_is_string(v))
        buf_puts(k, json_string_value(v));
    else {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        buf_puts(k, s ? s : "");
        free(s);
    }
    buf_append(k, "\x1f", 1);
}

/* The natural key of row into k; false if the row does not give the
 * key's first field (or d has none). */
static bool natural_key(const entity_def *d, json_t *row, buf_t *k)
{
    const char *const *nf = d->import->natural;
    json_t *first = nf[0] ? json_object_get(row, nf[0]) : NULL;
    if (!first || json_is_null(first))
        return false;
    buf_puts(k, "N\x1f");
    for (size_t i = 0; i < IMPORT_KEY_FIELDS && nf[i]; i++)
        key_value(k, json_object_get(row, nf[i]));
    return true;
}

/* The content key of row: its required sheet fields. */
static void content_key(const entity_def *d, json_t *row, buf_t *k)
{
    buf_puts(k, "C\x1f");
    for (const field_def *f = d->fields; f->name; f++)
        if (sheet_field(f) && (f->flags & F_REQUIRED))
            key_value(k, json_object_get(row, f->name));
}

static void index_add(batch *b, const char *key, int64_t id)
{
    bool added;
    strmap_slot *s = strmap_put(&b->keys, key, &added);
    if (b->nent == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 256;
        b->ent = xrealloc(b->ent, b->cap * sizeof *b->ent);
    }
    b->ent[b->nent] = (key_entry){id, added ? 0 : (size_t)s->v.i, false};
    s->v.i = (int64_t)++b->nent;
}

/* store_entity_each's callback: a live row's keys into the map. */
static void index_row(void *ctx, json_t *row)
{
    batch *b = ctx;
    int64_t id = json_integer_value(json_object_get(row, "id"));
    buf_t k;
    buf_init(&k);
    if (natural_key(b->d, row, &k))
        index_add(b, k.data, id);
    k.len = 0;
    k.data[0] = '\0';
    content_key(b->d, row, &k);
    index_add(b, k.data, id);
    buf_free(&k);
}

/* Walk the live rows this import can meet: its consortium's (the shared
 * ones, for a crosswalk without one), or every row of an entity that
 * belongs to none. */
static int index_build(batch *b, err_t *e)
{
    const char *cf = b->d->consortium_field;
    return store_entity_each(b->sc, b->d, cf && strcmp(cf, "id") ? cf : NULL, b->consortium_id,
                             index_row, b, e);
}

static bool same_value(json_t *a, json_t *b)
{
    if (json_is_number(a) && json_is_number(b))
        return fabs(json_number_value(a) - json_number_value(b)) < 1e-9;
    if (!b || json_is_null(b))
        return !a || json_is_null(a) || (json_is_string(a) && !*json_string_value(a));
    return a && json_equal(a, b);
}

/* The fields of row (checked) that differ from live, as a new patch. */
static json_t *row_changes(json_t *row, json_t *live)
{
    json_t *patch = json_object();
    const char *k;
    json_t *v;
    json_object_foreach (row, k, v)
        if (!same_value(v, json_object_get(live, k)))
            json_object_set(patch, k, v);
    return patch;
}

/* The live row a checked row names by its natural key or content, into
 * *live (a new reference); 0 if none, -1 on a database failure. */
static int64_t find_named(batch *b, json_t *row, json_t **live, err_t *e)
{
    buf_t k;
    buf_init(&k);
    bool natural = natural_key(b->d, row, &k);
    if (!natural)
        content_key(b->d, row, &k);
    strmap_slot *s = strmap_get(&b->keys, k.data);
    buf_free(&k);
    size_t head = s ? (size_t)s->v.i : 0;
    /* Content: the first equal row not yet named by this file, so that a
     * file with two equal rows meets the two it made. */
    for (int pass = 0; pass < 2 && head; pass++)
        for (size_t i = head; i; i = b->ent[i - 1].next) {
            key_entry *x = &b->ent[i - 1];
            if (!natural && !pass && x->used)
                continue;
            json_t *r = NULL;
            err_t ge = ERR_INIT;
            if (store_entity_get(b->sc, b->d, x->id, &r, &ge) != 0) {
                if (ge.code != ERR_NOT_FOUND) {
                    *e = ge;
                    return -1;
                }
                err_clear(&ge);
                continue; /* changed by an earlier row of this file */
            }
            json_t *diff = natural ? NULL : row_changes(row, r);
            bool same = natural || json_object_size(diff) == 0;
            json_decref(diff);
            if (same) {
                x->used = true;
                *live = r;
                return x->id;
            }
            json_decref(r);
        }
    return 0;
}

/* The live row an "id" cell names, for an update: it must be one this
 * import may meet and the caller may update; else a row error. */
static int named_by_id(batch *b, int64_t id, json_t **live, err_t *e)
{
    json_t *r = NULL;
    err_t ge = ERR_INIT;
    const char *cf = b->d->consortium_field;
    if (store_entity_get(b->sc, b->d, id, &r, &ge) != 0 && ge.code != ERR_NOT_FOUND) {
        *e = ge;
        return -1;
    }
    err_clear(&ge);
    bool ok = r != NULL;
    if (ok && cf && strcmp(cf, "id")) {
        json_t *v = json_object_get(r, cf);
        ok = b->consortium_id ? json_integer_value(v) == b->consortium_id : json_is_null(v);
    }
    if (ok && record_may_update(b->sc, b->c, b->d, id, ACT_UPDATE, &ge) != 0) {
        if (ge.code == ERR_INTERNAL) {
            *e = ge;
            json_decref(r);
            return -1;
        }
        err_clear(&ge);
        ok = false;
    }
    if (!ok) {
        json_decref(r);
        err_field(e, "id", "没有可由你修改的编号为 %lld 的%s (no row %lld you may update)",
                  (long long)id, b->d->zh, (long long)id);
        return err_set(e, ERR_INVALID, "编号无效 (bad id)");
    }
    *live = r;
    return 0;
}

int64_t batch_refused(batch *b, err_t *why)
{
    return store_bulk_refused(b->sc, why);
}

int batch_flush(batch *b, err_t *e)
{
    return b->began ? store_bulk_flush(b->sc, e) : 0;
}

int batch_put(batch *b, json_t *row, int64_t tag, batch_action *act, int64_t *id, err_t *e)
{
    *act = BATCH_CREATED;
    *id = 0;
    if (!b->began || !store_in_tx(b->sc))
        return err_set(e, ERR_INTERNAL, "导入事务意外结束 (the import transaction ended)");
    store_bulk_tag(b->sc, tag);
    /* A load written as it is read (the command line) learns its size
     * only as it goes: at this many rows, it may set indexes aside. */
    if (++b->put == STORE_UNINDEX_MIN && store_bulk_unindex(b->sc, b->d, b->put, b->put, e) != 0)
        return -1;
    const entity_import *im = b->d->import;
    json_t *given = json_object_get(row, "id");
    int64_t named =
        json_is_integer(given) && b->mode != BATCH_CREATE ? json_integer_value(given) : 0;
    if (given)
        json_object_del(row, "id");
    /* A catalogue row comes as read: compare its checked form. */
    json_t *checked = row, *own = NULL;
    if (im->upsert) {
        own = json_object();
        err_t ve = ERR_INIT;
        if (entity_validate(b->d, row, true, own, &ve) != 0) {
            err_clear(&ve);
            json_decref(own);
            own = NULL;
        }
        checked = own;
    }
    /* A consortium's own option is written by its label or its code (an
     * export writes the label): compare and look up the code the row
     * would store.  A word that names none stays as it is; the write
     * then says why. */
    if (checked) {
        err_t oe = ERR_INIT;
        options_resolve(b->sc, b->d, checked, NULL, NULL, &oe);
        err_clear(&oe);
    }
    json_t *live = NULL;
    int64_t target = 0;
    int rc = 0;
    if (named > 0) {
        if (named_by_id(b, named, &live, e) != 0) {
            rc = -1;
            goto out;
        }
        target = named;
    } else if (checked && b->nent > 0) {
        target = find_named(b, checked, &live, e);
        if (target < 0) {
            rc = -1;
            goto out;
        }
    }
    if (!target && b->mode == BATCH_UPDATE) {
        rc = err_set(e, ERR_INVALID,
                     "不存在 (no such row): 没有这条%s，更新模式不新建 (update mode adds no rows)",
                     b->d->zh);
        const char *nf = im->natural[0];
        if (nf && checked && json_object_get(checked, nf))
            err_field(e, nf, "%s", e->message);
    } else if (!target) {
        rc = im->upsert ? record_create_quiet(b->sc, b->c, b->d, row, id, e)
                        : record_create_valid(b->sc, b->c, b->d, row, id, e);
    } else if (b->mode == BATCH_CREATE) {
        rc = err_set(e, ERR_CONFLICT,
                     "已存在 (already exists): 与编号 %lld 的%s相同，创建模式不更新 (the same as "
                     "row %lld; create mode does not update: use update or upsert)",
                     (long long)target, b->d->zh, (long long)target);
        /* On the field a duplicate within the file is reported on (the
         * second key field: a unit's role, a school's major), or the
         * only one. */
        const char *kf = im->key[1] ? im->key[1] : im->key[0];
        if (kf && im->natural[0] && json_object_get(checked, im->natural[0]))
            err_field(e, kf, "%s", e->message);
    } else {
        *id = target;
        json_t *patch = row_changes(checked ? checked : row, live);
        if (json_object_size(patch) == 0) {
            *act = BATCH_UNCHANGED;
        } else {
            *act = BATCH_UPDATED;
            rc = record_update(b->sc, b->c, b->d, target, patch, NULL, e);
            /* Not this caller's to change: a row error, not the end. */
            if (rc != 0 && (e->code == ERR_FORBIDDEN || e->code == ERR_NOT_FOUND))
                e->code = ERR_INVALID;
        }
        json_decref(patch);
    }
out:
    if (rc != 0)
        *id = 0;
    json_decref(live);
    json_decref(own);
    return rc;
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
    /* Deferred first: a large load sets aside the triggers they make
     * stand aside (store_bulk_unindex). */
    if (store_bulk_defer(b->sc, b->d, &b->first, e) != 0 ||
        (b->d->import->defer_search && store_search_defer(b->sc, b->consortium_id, e) != 0) ||
        store_bulk_unindex(b->sc, b->d, b->expect, 0, e) != 0)
        return -1;
    /* What the file's rows may name (nothing, in a first load). */
    return index_build(b, e);
}

int batch_add(batch *b, json_t *row, err_t *e)
{
    batch_action act;
    int64_t id;
    return batch_put(b, row, 0, &act, &id, e);
}

int batch_end(batch *b, bool commit, json_t *after, err_t *e)
{
    int rc = 0;
    if (b->began && commit) {
        if (record_audit(b->sc, b->c, "import", b->d->name, 0, b->consortium_id, NULL, after, e) !=
                0 ||
            store_bulk_finish(b->sc, b->d, b->first, e) != 0 || store_bulk_reindex(b->sc, e) != 0)
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
    strmap_free(&b->keys);
    free(b->ent);
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
