/*
 * store_bulk.c — bulk mode for one connection: what an import of a
 * million rows needs that a single API write does not.
 *
 * Every imported row passes the same checks as an API write (record.c):
 * the organisation exists and is a member, the occupation code is in the
 * catalogue.  Asked a million times, those look-ups cost more than the
 * inserts.  In bulk mode a connection remembers the look-ups that came
 * out true and answers them from memory.  That is safe because bulk mode
 * lives inside one BEGIN IMMEDIATE transaction of the importer: nobody
 * else can write meanwhile, and an import only adds rows, so a row that
 * existed (a member that was current) still does.  Only "yes" answers are
 * kept: a "no" may become "yes" as the import adds rows (organisations).
 *
 * Bulk mode also enlarges the page cache, so the B-trees of the indexes
 * being filled stay in memory instead of being re-read from the OS.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define BULK_CACHE_KIB 262144 /* page cache in bulk mode: 256 MiB */
#define NORMAL_CACHE_KIB 16000

struct store_memo {
    char **keys; /* open addressing; NULL = empty */
    size_t cap, n;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

void store_bulk_begin(store_conn *c)
{
    if (c->memo)
        return;
    c->memo = xcalloc(1, sizeof *c->memo);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", BULK_CACHE_KIB);
    sqlite3_exec(c->db, sql, NULL, NULL, NULL);
}

static void sums_free(store_conn *c);

void store_bulk_end(store_conn *c)
{
    sums_free(c);
    if (!c->memo)
        return;
    for (size_t i = 0; i < c->memo->cap; i++)
        free(c->memo->keys[i]);
    free(c->memo->keys);
    free(c->memo);
    c->memo = NULL;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", NORMAL_CACHE_KIB);
    sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    /* Give the memory back now, not at the next cache pressure. */
    sqlite3_db_release_memory(c->db);
}

bool memo_has(store_conn *c, const char *key)
{
    struct store_memo *m = c->memo;
    if (!m || !m->cap)
        return false;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return false;
        if (!strcmp(m->keys[i], key))
            return true;
    }
}

void memo_add(store_conn *c, const char *key)
{
    struct store_memo *m = c->memo;
    if (!m || memo_has(c, key))
        return;
    if ((m->n + 1) * 2 > m->cap) {
        size_t old = m->cap;
        char **ok = m->keys;
        m->cap = old ? old * 2 : 1024;
        m->keys = xcalloc(m->cap, sizeof *m->keys);
        for (size_t i = 0; i < old; i++)
            if (ok[i]) {
                size_t j = hash(ok[i]) & (m->cap - 1);
                while (m->keys[j])
                    j = (j + 1) & (m->cap - 1);
                m->keys[j] = ok[i];
            }
        free(ok);
    }
    size_t j = hash(key) & (m->cap - 1);
    while (m->keys[j])
        j = (j + 1) & (m->cap - 1);
    m->keys[j] = xstrdup(key);
    m->n++;
}

/* ---- deferred running totals ------------------------------------------- */

/* While a bulk import of demand or supply runs, the per-row triggers stand
 * aside (bulk_state.active = 1) and store_entity_insert hands each new row
 * to bulk_add, which sums it into a small in-memory table keyed like
 * demand_totals / supply_totals; store_bulk_finish writes those sums with
 * one upsert per key.  A million rows have a few thousand keys. */
typedef struct {
    char *key; /* "cid\x1fperiod\x1fkind\x1foccupation" or "cid\x1fperiod\x1fmajor" */
    int64_t cid, period;
    char *kind, *code;
    int64_t a, b; /* headcount, positions | graduates, enrolment */
} bulk_sum;

struct store_bulk_sums {
    const entity_def *d;
    bulk_sum *slots;
    size_t cap, n;
};

static bool bulk_table(const entity_def *d, bool *is_demand)
{
    *is_demand = !strcmp(d->table, "demand");
    return *is_demand || !strcmp(d->table, "supply");
}

int store_bulk_defer(store_conn *c, const entity_def *d, int64_t *first, err_t *e)
{
    bool is_demand;
    *first = -1;
    if (!bulk_table(d, &is_demand) || !store_in_tx(c) || !c->memo)
        return 0;
    sqlite3_stmt *st = conn_stmt(c, "UPDATE bulk_state SET active = 1", e);
    if (!st)
        return -1;
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    if (step != SQLITE_DONE)
        return conn_fail(c, e, "bulk defer");
    c->sums = xcalloc(1, sizeof *c->sums);
    c->sums->d = d;
    *first = 0;
    return 0;
}

static const char *str_of(json_t *row, const char *k)
{
    const char *s = json_string_value(json_object_get(row, k));
    return s ? s : "";
}

void bulk_add(store_conn *c, const entity_def *d, json_t *row)
{
    struct store_bulk_sums *S = c->sums;
    bool is_demand;
    if (!S || S->d != d || !bulk_table(d, &is_demand))
        return;
    if (json_is_string(json_object_get(row, "deleted_at")))
        return;
    if (is_demand && strcmp(str_of(row, "status"), "published"))
        return;
    int64_t cid = json_integer_value(json_object_get(row, "consortium_id"));
    int64_t period = json_integer_value(json_object_get(row, "period"));
    const char *kind = is_demand ? str_of(row, "kind") : "";
    const char *code = str_of(row, is_demand ? "occupation_code" : "major_code");
    char key[256];
    snprintf(key, sizeof key, "%lld\x1f%lld\x1f%s\x1f%s", (long long)cid, (long long)period, kind,
             code);
    if ((S->n + 1) * 2 > S->cap) {
        size_t old = S->cap;
        bulk_sum *os = S->slots;
        S->cap = old ? old * 2 : 1024;
        S->slots = xcalloc(S->cap, sizeof *S->slots);
        for (size_t i = 0; i < old; i++)
            if (os[i].key) {
                size_t j = hash(os[i].key) & (S->cap - 1);
                while (S->slots[j].key)
                    j = (j + 1) & (S->cap - 1);
                S->slots[j] = os[i];
            }
        free(os);
    }
    size_t j = hash(key) & (S->cap - 1);
    while (S->slots[j].key && strcmp(S->slots[j].key, key))
        j = (j + 1) & (S->cap - 1);
    bulk_sum *b = &S->slots[j];
    if (!b->key) {
        *b = (bulk_sum){xstrdup(key), cid, period, xstrdup(kind), xstrdup(code), 0, 0};
        S->n++;
    }
    if (is_demand) {
        b->a += json_integer_value(json_object_get(row, "headcount"));
        b->b += 1;
    } else {
        b->a += json_integer_value(json_object_get(row, "graduates"));
        b->b += json_integer_value(json_object_get(row, "enrolment"));
    }
}

static void sums_free(store_conn *c)
{
    struct store_bulk_sums *S = c->sums;
    if (!S)
        return;
    for (size_t i = 0; i < S->cap; i++)
        if (S->slots[i].key) {
            free(S->slots[i].key);
            free(S->slots[i].kind);
            free(S->slots[i].code);
        }
    free(S->slots);
    free(S);
    c->sums = NULL;
}

int store_bulk_finish(store_conn *c, const entity_def *d, int64_t first, err_t *e)
{
    struct store_bulk_sums *S = c->sums;
    bool is_demand;
    if (first < 0 || !S || !bulk_table(d, &is_demand))
        return 0;
    sqlite3_stmt *st = conn_stmt(
        c,
        is_demand ? "INSERT INTO demand_totals VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO "
                    "UPDATE SET headcount = headcount + excluded.headcount, positions = "
                    "positions + excluded.positions"
                  : "INSERT INTO supply_totals VALUES (?1, ?2, ?4, ?5, ?6) ON CONFLICT DO "
                    "UPDATE SET graduates = graduates + excluded.graduates, enrolment = "
                    "enrolment + excluded.enrolment",
        e);
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < S->cap; i++) {
        bulk_sum *b = &S->slots[i];
        if (!b->key)
            continue;
        sqlite3_bind_int64(st, 1, b->cid);
        sqlite3_bind_int64(st, 2, b->period);
        if (is_demand)
            sqlite3_bind_text(st, 3, b->kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, b->code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, b->a);
        sqlite3_bind_int64(st, 6, b->b);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = conn_fail(c, e, "bulk totals");
        sqlite3_reset(st);
    }
    sums_free(c);
    if (rc != 0)
        return -1;
    st = conn_stmt(c, "UPDATE bulk_state SET active = 0", e);
    if (!st)
        return -1;
    int step = sqlite3_step(st);
    sqlite3_reset(st);
    return step == SQLITE_DONE ? 0 : conn_fail(c, e, "bulk end");
}
