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
 * For tables that keep running totals (entity_def.totals: demand and
 * supply) bulk mode also sums the new rows in memory and writes the sums
 * once, at the end, instead of letting a trigger update a totals row per
 * insert.  The memo and the sums are core/strmap.h maps; nothing here
 * names a table but through the description.
 *
 * The page cache stays the connection's 16 MB.  Bulk mode used to raise
 * it to 256 MB; since a large load sets the indexes aside (store_bulk_
 * unindex), that bought nothing: 1 M demand rows 20.5–21.3 s either way,
 * 200 000 into a table of a million (its indexes kept) 5.9 s against
 * 6.1 s, supply and students within 0.1–0.4 s — at half the peak memory
 * (970 → 460 MB for the demand; bench/README.md, talent.sh, session 28).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "store/store_internal.h"

struct store_memo {
    strmap keys;    /* a set: the look-ups that answered yes */
    char **reindex; /* store_bulk_unindex's dropped indexes' CREATE texts */
    size_t nreindex;
};

static void reindex_free(struct store_memo *m)
{
    for (size_t i = 0; i < m->nreindex; i++)
        free(m->reindex[i]);
    free(m->reindex);
    m->reindex = NULL;
    m->nreindex = 0;
}

void store_bulk_begin(store_conn *c)
{
    if (c->memo)
        return;
    c->memo = xcalloc(1, sizeof *c->memo);
    strmap_init(&c->memo->keys);
}

static void sums_free(store_conn *c);

void store_bulk_end(store_conn *c)
{
    sums_free(c);
    bulk_copy_end(c);
    if (!c->memo)
        return;
    strmap_free(&c->memo->keys);
    reindex_free(c->memo); /* not built: the rollback brought them back */
    free(c->memo);
    c->memo = NULL;
    if (c->db) /* give the memory back now, not at the next cache pressure */
        sqlite3_db_release_memory(c->db);
}

bool memo_has(store_conn *c, const char *key)
{
    return c->memo && strmap_get(&c->memo->keys, key);
}

void memo_add(store_conn *c, const char *key)
{
    if (c->memo)
        strmap_put(&c->memo->keys, key, NULL);
}

/* The text is kept as a key of its own ("=" and the text) in the same
 * arena, whose keys never move; the look-up's slot points at it. */
const char *memo_text(store_conn *c, const char *key)
{
    strmap_slot *s = c->memo ? strmap_get(&c->memo->keys, key) : NULL;
    return s ? s->v.p : NULL;
}

void memo_add_text(store_conn *c, const char *key, const char *text)
{
    if (!c->memo)
        return;
    size_t n = strlen(text);
    char *k = xmalloc(n + 2);
    k[0] = '=';
    memcpy(k + 1, text, n + 1);
    const char *kept = strmap_put(&c->memo->keys, k, NULL)->key + 1;
    free(k);
    strmap_put(&c->memo->keys, key, NULL)->v.p = (void *)kept;
}

/* ---- deferred running totals ------------------------------------------- */

/* While a bulk import of a table with running totals (entity_def.totals)
 * runs, the per-row triggers stand aside (bulk_state.active = 1) and
 * store_entity_insert hands each new row to bulk_add, which sums it into
 * a small in-memory map keyed by the totals' key fields;
 * store_bulk_finish writes those sums with one upsert per key.  A million
 * rows have a few thousand keys. */
typedef struct {
    json_t *key[TOTALS_KEYS]; /* the row's key values (references kept) */
    int64_t sum[2];
} bulk_sum;

struct store_bulk_sums {
    const entity_def *d;
    strmap sums; /* key values joined by \x1f → bulk_sum * */
};

int store_bulk_defer(store_conn *c, const entity_def *d, int64_t *first, err_t *e)
{
    *first = -1;
    if (!d->totals || !store_in_tx(c) || !c->memo)
        return 0;
    db_stmt *st = conn_stmt(c, "UPDATE bulk_state SET active = 1", e);
    if (!st)
        return -1;
    int step = db_step(st);
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "bulk defer");
    /* PostgreSQL's insert triggers read this mark in their WHEN, so
     * their function is not even called (migrations_pg/033). */
    if (c->pg) {
        if (!(st = conn_stmt(c, "SELECT set_config('chanjiao.bulk_totals', ?, true)", e)))
            return -1;
        db_bind_text(st, 1, d->table, -1);
        step = db_step(st);
        db_reset(st);
        if (step != DB_ROW)
            return conn_fail(c, e, "bulk defer");
    }
    c->sums = xcalloc(1, sizeof *c->sums);
    c->sums->d = d;
    strmap_init(&c->sums->sums);
    *first = 0;
    return 0;
}

int store_bulk_unindex(store_conn *c, const entity_def *d, int64_t rows, int64_t added, err_t *e)
{
    /* A B-tree insert per row and index costs a large load more than
     * sorting once: a 1 M-row demand import took 53 s with migration 027's
     * indexes kept, 43 s with them set aside at the 50 000th row.  Only where the
     * load is most of the table (a rebuild sorts the whole table), and
     * only on SQLite: there readers keep the committed schema meanwhile,
     * where PostgreSQL's DROP INDEX would lock the table against them. */
    if (!c->db || !c->memo || c->memo->nreindex || rows < STORE_UNINDEX_MIN)
        return 0;
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", d->table);
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    int64_t have = db_step(st) == DB_ROW ? db_column_int64(st, 0) : INT64_MAX;
    db_reset(st);
    if (rows < have - added)
        return 0;
    /* With the indexes, the table's insert triggers that this load makes
     * stand aside anyway: each would still run for every row only to find
     * its WHEN false (1 M demand rows 17.7 → 16.8 s, bench/README.md,
     * talent.sh, session 29).  The running totals' (migration 003; its
     * WHEN reads bulk_state, which store_bulk_defer set for this table)
     * and the search index's (migration 004; its WHEN reads
     * demand_fts_defer, which store_search_defer set). */
    st = conn_stmt(c,
                   "SELECT name, sql, type FROM sqlite_master WHERE tbl_name = ? AND "
                   "sql IS NOT NULL AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') OR "
                   "(type = 'trigger' AND name IN (?, ?))) ORDER BY type = 'trigger', rowid",
                   e);
    if (!st)
        return -1;
    char totals[96] = "", search[96] = "";
    if (c->sums && c->sums->d == d)
        snprintf(totals, sizeof totals, "%s_totals_insert", d->table);
    if (c->search_deferred)
        snprintf(search, sizeof search, "%s_fts_insert", d->table);
    db_bind_text_static(st, 1, d->table, -1);
    db_bind_text(st, 2, totals, -1);
    db_bind_text(st, 3, search, -1);
    json_t *found = NULL;
    if (stmt_rows(c, st, NULL, NULL, &found, "bulk unindex", e) != 0)
        return -1;
    size_t i;
    json_t *ix;
    int rc = 0;
    json_array_foreach (found, i, ix) {
        const char *name = json_string_value(json_object_get(ix, "name"));
        snprintf(sql, sizeof sql, "DROP %s \"%s\"",
                 strcmp(json_string_value(json_object_get(ix, "type")), "index") ? "TRIGGER"
                                                                                 : "INDEX",
                 name);
        if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            rc = conn_fail(c, e, "bulk unindex");
            break;
        }
        /* Built again in the order they were made: SQLite's planner
         * takes the last made of equally good indexes (migration 027). */
        c->memo->reindex = xrealloc(c->memo->reindex, (c->memo->nreindex + 1) * sizeof(char *));
        c->memo->reindex[c->memo->nreindex++] =
            xstrdup(json_string_value(json_object_get(ix, "sql")));
    }
    json_decref(found);
    return rc;
}

/* The rebuild sorts each index with SQLite's sorter, which sorts on
 * worker threads (PRAGMA threads) only when its runs go to temporary
 * files: with temp_store=MEMORY (every connection's setting, store_
 * sqlite.c) it stays on one thread.  So for the rebuild the connection
 * sorts through files (the page cache of the OS keeps them) on two
 * workers: 1 M demand rows' eight indexes 8.7–8.9 → 5.3 s (bench/
 * README.md, talent.sh, session 29).  The import uses no temporary
 * table, so the setting may change inside its transaction; if it may
 * not, the rebuild sorts as before. */
int store_bulk_reindex(store_conn *c, err_t *e)
{
    if (!c->memo || !c->memo->nreindex)
        return 0;
    sqlite3_exec(c->db, "PRAGMA temp_store=FILE; PRAGMA threads=2", NULL, NULL, NULL);
    int rc = 0;
    for (size_t i = 0; i < c->memo->nreindex && !rc; i++)
        if (sqlite3_exec(c->db, c->memo->reindex[i], NULL, NULL, NULL) != SQLITE_OK)
            rc = conn_fail(c, e, "bulk reindex");
    sqlite3_exec(c->db, "PRAGMA threads=0; PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
    if (rc == 0)
        reindex_free(c->memo);
    return rc;
}

void bulk_add(store_conn *c, const entity_def *d, json_t *row)
{
    struct store_bulk_sums *S = c->sums;
    if (!S || S->d != d)
        return;
    const entity_totals *t = d->totals;
    if (json_is_string(json_object_get(row, "deleted_at")))
        return;
    if (t->when_field) {
        const char *v = json_string_value(json_object_get(row, t->when_field));
        if (!v || strcmp(v, t->when_value))
            return;
    }
    /* The key: the key values joined by \x1f (built without printf: this
     * runs for every row). */
    json_t *kv[TOTALS_KEYS] = {0};
    char key[512];
    size_t n = 0;
    for (size_t i = 0; i < TOTALS_KEYS && t->key[i]; i++) {
        kv[i] = json_object_get(row, t->key[i]);
        char num[24];
        const char *v = json_is_string(kv[i]) ? json_string_value(kv[i]) : "";
        size_t len;
        if (json_is_integer(kv[i])) {
            long long x = json_integer_value(kv[i]);
            unsigned long long u = x < 0 ? 0ull - (unsigned long long)x : (unsigned long long)x;
            char *p = num + sizeof num;
            do
                *--p = (char)('0' + u % 10);
            while (u /= 10);
            if (x < 0)
                *--p = '-';
            v = p;
            len = (size_t)(num + sizeof num - p);
        } else {
            len = strlen(v);
        }
        if (n + len + 2 > sizeof key)
            len = sizeof key - n - 2;
        memcpy(key + n, v, len);
        n += len;
        key[n++] = '\x1f';
    }
    key[n] = '\0';
    bool added;
    strmap_slot *slot = strmap_put(&S->sums, key, &added);
    if (added) {
        bulk_sum *b = xcalloc(1, sizeof *b);
        for (size_t i = 0; i < TOTALS_KEYS; i++)
            b->key[i] = kv[i] ? json_incref(kv[i]) : NULL;
        slot->v.p = b;
    }
    bulk_sum *b = slot->v.p;
    for (size_t i = 0; i < 2 && t->sum[i].column; i++)
        b->sum[i] +=
            t->sum[i].field ? json_integer_value(json_object_get(row, t->sum[i].field)) : 1;
}

static void sums_free(store_conn *c)
{
    struct store_bulk_sums *S = c->sums;
    if (!S)
        return;
    for (size_t i = 0; i < S->sums.cap; i++)
        if (S->sums.slots[i].key) {
            bulk_sum *b = S->sums.slots[i].v.p;
            for (size_t k = 0; k < TOTALS_KEYS; k++)
                json_decref(b->key[k]);
            free(b);
        }
    strmap_free(&S->sums);
    free(S);
    c->sums = NULL;
}

/* "INSERT INTO t (k…, s…) VALUES (?…) ON CONFLICT (k…) DO UPDATE SET
 * s = t.s + excluded.s, …" for d's totals (the keys are the table's primary
 * key; PostgreSQL wants them named). */
static void totals_upsert_sql(const entity_totals *t, buf_t *sql)
{
    size_t n = 0;
    buf_printf(sql, "INSERT INTO %s (", t->table);
    for (size_t i = 0; i < TOTALS_KEYS && t->key[i]; i++, n++)
        buf_printf(sql, "%s%s", n ? ", " : "", t->key[i]);
    for (size_t i = 0; i < 2 && t->sum[i].column; i++, n++)
        buf_printf(sql, ", %s", t->sum[i].column);
    buf_puts(sql, ") VALUES (");
    for (size_t i = 0; i < n; i++)
        buf_puts(sql, i ? ", ?" : "?");
    buf_puts(sql, ") ON CONFLICT (");
    for (size_t i = 0; i < TOTALS_KEYS && t->key[i]; i++)
        buf_printf(sql, "%s%s", i ? ", " : "", t->key[i]);
    buf_puts(sql, ") DO UPDATE SET ");
    for (size_t i = 0; i < 2 && t->sum[i].column; i++)
        buf_printf(sql, "%s%s = %s.%s + excluded.%s", i ? ", " : "", t->sum[i].column, t->table,
                   t->sum[i].column, t->sum[i].column);
}

int store_bulk_finish(store_conn *c, const entity_def *d, int64_t first, err_t *e)
{
    struct store_bulk_sums *S = c->sums;
    if (first < 0 || !S || S->d != d)
        return 0;
    const entity_totals *t = d->totals;
    buf_t sql;
    buf_init(&sql);
    totals_upsert_sql(t, &sql);
    db_stmt *st = conn_stmt(c, sql.data, e);
    buf_free(&sql);
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < S->sums.cap; i++) {
        if (!S->sums.slots[i].key)
            continue;
        bulk_sum *b = S->sums.slots[i].v.p;
        int col = 1;
        for (size_t k = 0; k < TOTALS_KEYS && t->key[k]; k++, col++) {
            json_t *v = b->key[k];
            if (json_is_integer(v))
                db_bind_int64(st, col, json_integer_value(v));
            else
                db_bind_text_static(st, col, json_is_string(v) ? json_string_value(v) : "", -1);
        }
        for (size_t k = 0; k < 2 && t->sum[k].column; k++, col++)
            db_bind_int64(st, col, b->sum[k]);
        if (db_step(st) != DB_DONE)
            rc = conn_fail(c, e, "bulk totals");
        db_reset(st);
    }
    sums_free(c);
    if (rc != 0)
        return -1;
    st = conn_stmt(c, "UPDATE bulk_state SET active = 0", e);
    if (!st)
        return -1;
    int step = db_step(st);
    db_reset(st);
    return step == DB_DONE ? 0 : conn_fail(c, e, "bulk end");
}
