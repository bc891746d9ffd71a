/*
 * test_schema.c — every entity description against the table the
 * migrations make.
 *
 * The description says what a row is (src/schema/entities*.c); the
 * migrations say what the table is (src/store/migrations/).  Nothing
 * else ties the two, so this test opens a fresh database through the
 * store (store_open applies every migration) and, for each entity of
 * entity_all, reads the table back with SQLite's own PRAGMAs:
 *
 *   - every field the store keeps as a column (all but F_WRITEONLY ones,
 *     which the store never selects: a password is kept as its hash)
 *     exists, with the affinity its type is stored as (store_entity.c:
 *     ids, integers, booleans and references as INTEGER; text, dates,
 *     times, enumerations and id lists — a JSON array — as TEXT; numbers
 *     as REAL), and NOT NULL where F_REQUIRED says a value is always there;
 *     the id is the INTEGER PRIMARY KEY;
 *   - each unique key the description declares (entity_def.unique) is a
 *     UNIQUE index or constraint of the table over exactly those fields in
 *     that order, a field possibly wrapped as ifnull(field, …) (a key
 *     where NULL counts as a value: a membership without a term).
 *
 * The PRAGMAs are read over a connection of the test's own: the store's
 * interface has no business exposing its catalogue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "schema/entity.h"
#include "store/store.h"

static char db_path[64];
static sqlite3 *db;

static int setup(void **state)
{
    (void)state;
    err_t e = ERR_INIT;
    store *st = NULL;
    bool created = false;
    snprintf(db_path, sizeof db_path, "/tmp/cj-test-schema-%d.db", (int)getpid());
    unlink(db_path);
    assert_int_equal(store_open(db_path, &st, &created, &e), 0);
    assert_true(created);
    store_close(st);
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char side[80];
    sqlite3_close(db);
    unlink(db_path);
    snprintf(side, sizeof side, "%s-wal", db_path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db_path);
    unlink(side);
    return 0;
}

__attribute__((format(printf, 1, 2))) static sqlite3_stmt *prepare(const char *fmt, ...)
{
    char sql[256];
    sqlite3_stmt *st = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    return st;
}

/* SQLite's affinity of a declared column type (section 3.1 of "Datatypes
 * In SQLite"). */
static const char *affinity(const char *decl)
{
    char up[64];
    size_t i = 0;
    for (; decl[i] && i + 1 < sizeof up; i++)
        up[i] = (char)toupper((unsigned char)decl[i]);
    up[i] = '\0';
    if (strstr(up, "INT"))
        return "INTEGER";
    if (strstr(up, "CHAR") || strstr(up, "CLOB") || strstr(up, "TEXT"))
        return "TEXT";
    if (!up[0] || strstr(up, "BLOB"))
        return "BLOB";
    if (strstr(up, "REAL") || strstr(up, "FLOA") || strstr(up, "DOUB"))
        return "REAL";
    return "NUMERIC";
}

/* The affinity the store keeps a field's values with. */
static const char *stored_as(field_type t)
{
    switch (t) {
    case FT_ID:
    case FT_INT:
    case FT_BOOL:
    case FT_REF:
        return "INTEGER";
    case FT_NUM:
        return "REAL";
    case FT_TEXT:
    case FT_DATE:
    case FT_TIME:
    case FT_ENUM:
    case FT_IDLIST:
    case FT_FILE:
    case FT_FILELIST:
        return "TEXT";
    }
    return "?";
}

/* The mismatches between d's fields and its table's columns, each
 * printed; 0 if none.  table_xinfo, not table_info: it lists generated
 * columns too (trainings.person_times_total). */
static int check_columns(const entity_def *d)
{
    int problems = 0, columns = 0;
    for (const field_def *f = d->fields; f->name; f++) {
        if (f->flags & F_WRITEONLY)
            continue;
        columns++;
        sqlite3_stmt *st = prepare(
            "SELECT type, \"notnull\", pk FROM pragma_table_xinfo('%s') WHERE name = ?", d->table);
        sqlite3_bind_text(st, 1, f->name, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) {
            print_error("%s.%s: no such column in table %s\n", d->name, f->name, d->table);
            problems++;
            sqlite3_finalize(st);
            continue;
        }
        const char *decl = (const char *)sqlite3_column_text(st, 0);
        const char *have = affinity(decl ? decl : ""), *want = stored_as(f->type);
        bool notnull = sqlite3_column_int(st, 1) != 0, pk = sqlite3_column_int(st, 2) != 0;
        if (strcmp(have, want)) {
            print_error("%s.%s: column declared %s (%s), the description stores %s\n", d->name,
                        f->name, decl, have, want);
            problems++;
        }
        if ((f->flags & F_REQUIRED) && !notnull) {
            print_error("%s.%s: required, but the column is not NOT NULL\n", d->name, f->name);
            problems++;
        }
        if (f->type == FT_ID && !pk) {
            print_error("%s.%s: an id, but not the primary key\n", d->name, f->name);
            problems++;
        }
        sqlite3_finalize(st);
    }
    if (columns == 0) {
        print_error("%s: no columns described\n", d->name);
        problems++;
    }
    return problems;
}

/* The terms of an index's key, from its CREATE INDEX text: what lies
 * between the parentheses after ON table, split at top-level commas,
 * blanks squeezed out.  Returns how many (at most max). */
static int index_terms(const char *sql, char terms[][64], int max)
{
    const char *p = strstr(sql, " ON ");
    p = p ? strchr(p, '(') : NULL;
    if (!p)
        return 0;
    int n = 0, depth = 0;
    size_t len = 0;
    for (p++; *p && n < max; p++) {
        if (*p == '(')
            depth++;
        if (*p == ')' && depth-- == 0)
            break;
        if (*p == ',' && depth == 0) {
            terms[n++][len] = '\0';
            len = 0;
            continue;
        }
        if (!isspace((unsigned char)*p) && len + 1 < sizeof terms[0])
            terms[n][len++] = (char)tolower((unsigned char)*p);
    }
    if (n < max)
        terms[n++][len] = '\0';
    return n;
}

/* Whether the index `name` is over exactly the fields of the
 * key ("a,b,c"), in order. */
static bool index_is_key(const char *name, const char *key)
{
    char want[8][64];
    int nwant = 0;
    for (const char *p = key; *p && nwant < 8;) {
        size_t n = strcspn(p, ",");
        snprintf(want[nwant++], sizeof want[0], "%.*s", (int)n, p);
        p += n + (p[n] == ',');
    }
    char have[8][64];
    int nhave = 0;
    sqlite3_stmt *st = prepare("SELECT name FROM pragma_index_info('%s') ORDER BY seqno", name);
    bool expressions = false;
    while (sqlite3_step(st) == SQLITE_ROW && nhave < 8) {
        const char *col = (const char *)sqlite3_column_text(st, 0);
        expressions |= col == NULL;
        snprintf(have[nhave++], sizeof have[0], "%s", col ? col : "");
    }
    sqlite3_finalize(st);
    if (expressions) {
        /* A key over expressions: read its terms from the CREATE INDEX. */
        st = prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '%s'", name);
        const char *sql =
            sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
        nhave = sql ? index_terms(sql, have, 8) : 0;
        sqlite3_finalize(st);
    }
    if (nhave != nwant)
        return false;
    for (int i = 0; i < nwant; i++) {
        char wrapped[80];
        snprintf(wrapped, sizeof wrapped, "ifnull(%s,", want[i]);
        if (strcmp(have[i], want[i]) && strncmp(have[i], wrapped, strlen(wrapped)))
            return false;
    }
    return true;
}

/* The declared unique keys of d that its table does not enforce, each
 * printed; 0 if none. */
static int check_unique(const entity_def *d)
{
    int problems = 0;
    for (int i = 0; i < ENTITY_MAX_UNIQUE && d->unique[i]; i++) {
        bool found = false;
        sqlite3_stmt *st =
            prepare("SELECT name FROM pragma_index_list('%s') WHERE \"unique\" = 1", d->table);
        while (!found && sqlite3_step(st) == SQLITE_ROW)
            found = index_is_key((const char *)sqlite3_column_text(st, 0), d->unique[i]);
        sqlite3_finalize(st);
        if (!found) {
            print_error("%s: unique key (%s) is no UNIQUE index or constraint of %s\n", d->name,
                        d->unique[i], d->table);
            problems++;
        }
        /* Every field of a key is a field of the entity. */
        for (const char *p = d->unique[i]; *p;) {
            size_t n = strcspn(p, ",");
            char field[64];
            snprintf(field, sizeof field, "%.*s", (int)n, p);
            if (!entity_field(d, field)) {
                print_error("%s: unique key names %s, not a field\n", d->name, field);
                problems++;
            }
            p += n + (p[n] == ',');
        }
    }
    return problems;
}

static void test_columns_match_descriptions(void **state)
{
    (void)state;
    int problems = 0, entities = 0;
    for (const entity_def *const *d = entity_all; *d; d++, entities++)
        problems += check_columns(*d);
    assert_true(entities > 20);
    assert_int_equal(problems, 0);
}

static void test_unique_keys_are_indexes(void **state)
{
    (void)state;
    int problems = 0, keys = 0;
    for (const entity_def *const *d = entity_all; *d; d++) {
        problems += check_unique(*d);
        for (int i = 0; i < ENTITY_MAX_UNIQUE && (*d)->unique[i]; i++)
            keys++;
    }
    assert_true(keys > 0);
    assert_int_equal(problems, 0);
}

/* The converse: a UNIQUE index the description does not declare would
 * answer 409 where the documentation promises none. */
static void test_unique_indexes_are_declared(void **state)
{
    (void)state;
    int problems = 0;
    for (const entity_def *const *dp = entity_all; *dp; dp++) {
        const entity_def *d = *dp;
        sqlite3_stmt *st =
            prepare("SELECT name FROM pragma_index_list('%s') WHERE \"unique\" = 1", d->table);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            bool declared = false;
            for (int i = 0; !declared && i < ENTITY_MAX_UNIQUE && d->unique[i]; i++)
                declared = index_is_key(name, d->unique[i]);
            if (!declared) {
                print_error("%s: UNIQUE index %s is not among the description's keys\n", d->name,
                            name);
                problems++;
            }
        }
        sqlite3_finalize(st);
    }
    assert_int_equal(problems, 0);
}

/* The checker itself: a key that is no index, and a column the table
 * lacks, are found. */
static void test_checker_finds_mismatches(void **state)
{
    (void)state;
    static const field_def fields[] = {
        {"id", "编号", "ID", FT_ID, F_READONLY},
        {"name", "名称", "Name", FT_TEXT, F_REQUIRED},
        {"no_such_column", "无", "None", FT_TEXT, 0},
        {"website", "网址", "Website", FT_INT, 0},           /* TEXT in the table */
        {"address", "地址", "Address", FT_TEXT, F_REQUIRED}, /* nullable */
        {NULL}};
    static const entity_def wrong = {
        "organizations", "organizations", "错",
        "Wrong",         fields,          .unique = {"name", "credit_code,name"}};
    assert_int_equal(check_columns(&wrong), 3);
    /* two keys that are no index, one of them naming no field */
    assert_int_equal(check_unique(&wrong), 3);
    /* an expression key (ifnull(term, 0)) matches only in full */
    assert_true(index_is_key("memberships_unique", "consortium_id,organization_id,role,term"));
    assert_false(index_is_key("memberships_unique", "consortium_id,organization_id,role"));
    assert_false(index_is_key("memberships_unique", "consortium_id,organization_id,term,role"));
    assert_true(index_is_key("charters_version", "consortium_id,version"));
    assert_false(index_is_key("charters_version", "version,consortium_id"));
}

/* ?q= reaches the names of linked records (entity_q_target): through
 * references, id lists and catalogue codes to entities with names — not
 * through a personal field, not into personal rows, and into accounts
 * only for a caller who sees everything. */
static void test_q_targets(void **state)
{
    (void)state;
    const entity_def *m = entity_find("memberships"), *d = entity_find("demand");
    const entity_def *cw = entity_find("crosswalk"), *ag = entity_find("agreements");
    const entity_def *st = entity_find("students"), *pl = entity_find("placements");
    assert_ptr_equal(entity_q_target(entity_field(m, "organization_id"), true),
                     entity_find("organizations"));
    assert_ptr_equal(entity_q_target(entity_field(m, "consortium_id"), true),
                     entity_find("consortia"));
    assert_ptr_equal(entity_q_target(entity_field(ag, "parties"), true),
                     entity_find("organizations"));
    assert_ptr_equal(entity_q_target(entity_field(cw, "major_code"), true), entity_find("majors"));
    assert_ptr_equal(entity_q_target(entity_field(d, "occupation_code"), true),
                     entity_find("occupations"));
    assert_null(entity_q_target(entity_field(d, "job_title"), true));
    assert_null(entity_q_target(entity_field(d, "headcount"), true));
    assert_null(entity_q_target(entity_field(pl, "student_id"), false)); /* personal field */
    assert_null(entity_q_target(entity_field(st, "user_id"), true));     /* accounts */
    assert_ptr_equal(entity_q_target(entity_field(st, "user_id"), false), entity_find("users"));
    /* Every target has a name to match, and names are never long or personal. */
    for (const entity_def *const *dp = entity_all; *dp; dp++)
        for (const field_def *f = (*dp)->fields; f->name; f++) {
            const entity_def *t = entity_q_target(f, false);
            if (!t)
                continue;
            assert_false(t->rows_private);
            bool named = false;
            for (const field_def *nf = t->fields; nf->name; nf++)
                if (entity_name_field(nf)) {
                    named = true;
                    assert_false(nf->flags & (F_LONG | F_PRIVATE));
                }
            assert_true(named);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_match_descriptions),
        cmocka_unit_test(test_unique_keys_are_indexes),
        cmocka_unit_test(test_unique_indexes_are_declared),
        cmocka_unit_test(test_checker_finds_mismatches),
        cmocka_unit_test(test_q_targets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
