/*
 * test_store.c — the SQLite store: durability settings, migrations,
 * generic entity SQL, soft delete, composition by distinct unit,
 * visibility scopes and the record rules over it; the one row-to-JSON
 * loop (stmt_rows) and its column types.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/record.h"
#include "store/store_internal.h"

#include "fixture.h"

typedef fx_db fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    fx_open(f, "store");
    assert_true(f->created);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    fx_close(f);
    free(f);
    return 0;
}

static const char *pragma(store_conn *c, const char *sql, char *out, size_t n)
{
    db_stmt *st = conn_stmt(c, sql, NULL);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    snprintf(out, n, "%s", db_column_text(st, 0));
    db_reset(st);
    return out;
}

static void test_durability(void **state)
{
    fixture *f = *state;
    char v[32];
    assert_string_equal(pragma(f->sc, "PRAGMA journal_mode", v, sizeof v), "wal");
    assert_string_equal(pragma(f->sc, "PRAGMA synchronous", v, sizeof v), "2"); /* FULL */
    assert_string_equal(pragma(f->sc, "PRAGMA foreign_keys", v, sizeof v), "1");
    assert_true(store_schema_version(f->sc) >= 1);
}

static void test_crud_and_composition(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    int64_t cid = fx_consortium(f, "测试联合体", true);
    int64_t school = fx_org(f, "示例高职学院", "高职院校");
    int64_t firm = fx_org(f, "示例企业", "enterprise");
    char buf[256];
    snprintf(buf, sizeof buf,
             "{\"consortium_id\":%lld,\"organization_id\":%lld,\"role\":\"vice_chair\"}",
             (long long)cid, (long long)school);
    json_decref(fx_make(f, "memberships", "%s", buf));
    snprintf(
        buf, sizeof buf,
        "{\"consortium_id\":%lld,\"organization_id\":%lld,\"role\":\"deputy_secretary_general\"}",
        (long long)cid, (long long)school);
    json_decref(fx_make(f, "memberships", "%s", buf));
    snprintf(buf, sizeof buf,
             "{\"consortium_id\":%lld,\"organization_id\":%lld,\"role\":\"member\"}",
             (long long)cid, (long long)firm);
    int64_t firm_m = fx_id(fx_make(f, "memberships", "%s", buf));

    /* Two roles, one unit: composition counts units. */
    json_t *comp = NULL;
    assert_int_equal(store_composition(f->sc, cid, &comp, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(comp, "total")), 2);
    json_t *by = json_object_get(comp, "by_type");
    assert_int_equal(json_integer_value(json_object_get(by, "higher_vocational")), 1);
    assert_int_equal(json_integer_value(json_object_get(by, "enterprise")), 1);
    assert_int_equal(json_object_size(by), 8);
    json_decref(comp);

    /* Council order: vice chair before deputy secretary-general before member. */
    json_t *council = NULL;
    assert_int_equal(store_council(f->sc, cid, &council, &e), 0);
    assert_int_equal(json_array_size(council), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(council, 0), "role")),
                        "vice_chair");
    assert_string_equal(json_string_value(json_object_get(json_array_get(council, 2), "role")),
                        "member");
    json_decref(council);

    /* The same role twice in a term is a conflict. */
    caller_t sys = caller_system();
    json_t *dup = json_loads(buf, 0, NULL), *row = NULL;
    assert_int_equal(record_create(f->sc, &sys, entity_find("memberships"), dup, &row, &e), -1);
    assert_int_equal(e.code, ERR_CONFLICT);
    err_clear(&e);
    json_decref(dup);

    /* Soft delete: gone from composition and from get, kept in the table. */
    assert_int_equal(record_delete(f->sc, &sys, entity_find("memberships"), firm_m, &e), 0);
    assert_int_equal(store_composition(f->sc, cid, &comp, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(comp, "total")), 1);
    json_decref(comp);
    assert_int_equal(store_entity_get(f->sc, entity_find("memberships"), firm_m, &row, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    err_clear(&e);
    char v[32];
    assert_string_equal(pragma(f->sc, "SELECT count(*) FROM memberships", v, sizeof v), "3");

    /* Every change is in the audit log, with before and after. */
    json_t *items = NULL;
    int64_t total = 0;
    json_t *no_filters = json_object();
    assert_int_equal(store_audit_list(f->sc, 0, no_filters, 1, 50, &items, &total, &e), 0);
    json_decref(no_filters);
    assert_int_equal(total, 7); /* 6 creates + 1 delete */
    json_t *last = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(last, "action")), "delete");
    assert_true(json_is_object(json_object_get(last, "before")));
    json_decref(items);
}

static void test_rules(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    caller_t sys = caller_system();
    /* A reference to a missing row is a 422 naming the field. */
    json_t *in =
        json_loads("{\"consortium_id\":999,\"organization_id\":1,\"role\":\"member\"}", 0, NULL);
    json_t *row = NULL;
    assert_int_equal(record_create(f->sc, &sys, entity_find("memberships"), in, &row, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_non_null(json_object_get(e.details, "consortium_id"));
    err_clear(&e);
    json_decref(in);

    /* An anonymous caller may not write; a failed write leaves no trace. */
    caller_t anon = {0};
    in = json_loads("{\"name\":\"匿名单位\",\"type\":\"other\"}", 0, NULL);
    assert_int_equal(record_create(f->sc, &anon, entity_find("organizations"), in, &row, &e), -1);
    assert_int_equal(e.code, ERR_UNAUTHORIZED);
    err_clear(&e);
    json_decref(in);
    char v[32];
    assert_string_equal(
        pragma(f->sc, "SELECT count(*) FROM organizations WHERE name='匿名单位'", v, sizeof v),
        "0");
    assert_false(store_in_tx(f->sc));

    /* Users: the password is hashed (Argon2id) and never returned. */
    in =
        json_loads("{\"username\":\"tester\",\"display_name\":\"测试\",\"role\":\"platform_admin\","
                   "\"password\":\"long-enough-pw\"}",
                   0, NULL);
    assert_int_equal(record_create(f->sc, &sys, entity_find("users"), in, &row, &e), 0);
    assert_null(json_object_get(row, "password"));
    json_decref(row);
    json_decref(in);
    store_user u;
    assert_int_equal(store_user_by_name(f->sc, "tester", &u, &e), 0);
    assert_non_null(strstr(u.password_hash, "$argon2id$"));
    assert_true(auth_verify_password(u.password_hash, "long-enough-pw"));
    assert_false(auth_verify_password(u.password_hash, "wrong"));
}

static int count_indexes(store_conn *c)
{
    char v[32];
    return atoi(pragma(c,
                       "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                       "tbl_name = 'demand' AND sql NOT LIKE 'CREATE UNIQUE%'",
                       v, sizeof v));
}

/* A large load sets the table's indexes aside and builds them again
 * before the commit, sorting through temporary files on worker threads;
 * the connection then sorts in memory on one thread again (its setting
 * for every later statement, store_sqlite.c). */
static void test_bulk_reindex(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    char v[32];
    const entity_def *d = entity_find("demand");
    int before = count_indexes(f->sc);
    assert_true(before >= 8);
    assert_int_equal(store_begin(f->sc, &e), 0);
    store_bulk_begin(f->sc);
    assert_int_equal(store_bulk_unindex(f->sc, d, STORE_UNINDEX_MIN, 0, &e), 0);
    assert_int_equal(count_indexes(f->sc), 0);
    assert_int_equal(store_bulk_reindex(f->sc, &e), 0);
    assert_int_equal(count_indexes(f->sc), before);
    assert_string_equal(pragma(f->sc, "PRAGMA temp_store", v, sizeof v), "2"); /* MEMORY */
    assert_string_equal(pragma(f->sc, "PRAGMA threads", v, sizeof v), "0");
    assert_int_equal(store_commit(f->sc, &e), 0);
    store_bulk_end(f->sc);
    assert_int_equal(count_indexes(f->sc), before);
}

/* A row maker for the test: the second column doubled. */
static json_t *twice(db_stmt *st, const void *ctx)
{
    assert_string_equal(ctx, "ctx");
    return json_integer(2 * db_column_int64(st, 1));
}

static void test_stmt_rows(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    static const char *const sql =
        "SELECT 1 AS i, 2.5 AS r, 'text' AS s, NULL AS n UNION ALL SELECT 7, 0.0, '', NULL";
    json_t *items = NULL;
    /* Keyed by the columns' names; integers, reals, text and NULL keep their type. */
    assert_int_equal(stmt_rows(f->sc, conn_stmt(f->sc, sql, &e), NULL, NULL, &items, "t", &e), 0);
    char *s = json_dumps(items, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(s, "[{\"i\":1,\"r\":2.5,\"s\":\"text\",\"n\":null},"
                           "{\"i\":7,\"r\":0.0,\"s\":\"\",\"n\":null}]");
    free(s);
    json_decref(items);
    /* Keyed by the names given. */
    static const char *const keys[] = {"a", "b", "c", "d"};
    assert_int_equal(stmt_rows(f->sc, conn_stmt(f->sc, sql, &e), NULL, keys, &items, "t", &e), 0);
    s = json_dumps(items, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(s, "[{\"a\":1,\"b\":2.5,\"c\":\"text\",\"d\":null},"
                           "{\"a\":7,\"b\":0.0,\"c\":\"\",\"d\":null}]");
    free(s);
    json_decref(items);
    /* Made by a row maker, and the first column alone. */
    assert_int_equal(
        stmt_rows(f->sc, conn_stmt(f->sc, "SELECT 0, 21", &e), twice, "ctx", &items, "t", &e), 0);
    assert_int_equal(json_integer_value(json_array_get(items, 0)), 42);
    json_decref(items);
    assert_int_equal(stmt_rows(f->sc, conn_stmt(f->sc, sql, &e), row_first, NULL, &items, "t", &e),
                     0);
    s = json_dumps(items, JSON_COMPACT);
    assert_string_equal(s, "[1,7]");
    free(s);
    json_decref(items);
    /* No rows: an empty array.  A failing step: -1, *items NULL, e set. */
    assert_int_equal(
        stmt_rows(f->sc, conn_stmt(f->sc, "SELECT 1 WHERE 0", &e), NULL, NULL, &items, "t", &e), 0);
    assert_int_equal(json_array_size(items), 0);
    json_decref(items);
    assert_int_equal(stmt_rows(f->sc, conn_stmt(f->sc, "SELECT abs(-9223372036854775807 - 1)", &e),
                               NULL, NULL, &items, "overflow", &e),
                     -1);
    assert_null(items);
    assert_int_equal(e.code, ERR_INTERNAL);
    err_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_durability, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crud_and_composition, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stmt_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_reindex, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
