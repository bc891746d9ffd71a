/*
 * test_import.c — spreadsheet import, all or nothing (src/io/import.c).
 *
 * Each test runs on a fresh database holding one consortium.  Files come
 * from tests/unit/fixtures/import/ (rebuilt by make_import_fixtures.py;
 * the test runs from the repository root) or are written inline for the
 * header rules.  "Nothing written" is checked by counting rows and import
 * audit entries before and after.
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
#include <unistd.h>

#include "domain/auth.h"
#include "domain/batch.h"
#include "domain/record.h"
#include "io/catalog.h"
#include "io/import.h"

#define FIX "tests/unit/fixtures/import/"
#define C1 "91450200MA5K1A2B3G"

typedef struct {
    char path[64];
    store *st;
    store_conn *sc;
    caller_t sys;
    int64_t cid;     /* the consortium */
    int64_t audits0; /* import entries of the setup (the shipped catalogues) */
} fixture;

static int64_t create(fixture *f, const char *entity, const char *json)
{
    json_error_t je;
    json_t *in = json_loads(json, 0, &je), *row = NULL;
    err_t e = ERR_INIT;
    assert_non_null(in);
    if (record_create(f->sc, &f->sys, entity_find(entity), in, &row, &e) != 0)
        fail_msg("create %s: %s", entity, e.message);
    int64_t id = json_integer_value(json_object_get(row, "id"));
    json_decref(in);
    json_decref(row);
    return id;
}

static int64_t import_audits(fixture *f);

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    err_t e = ERR_INIT;
    snprintf(f->path, sizeof f->path, "/tmp/cj-test-import-%d.db", (int)getpid());
    unlink(f->path);
    assert_int_equal(auth_init(), 0);
    assert_int_equal(store_open(f->path, &f->st, NULL, &e), 0);
    f->sc = store_conn_get(f->st, &e);
    assert_non_null(f->sc);
    f->sys = caller_system();
    /* The shipped catalogues, as the server loads them: region fields
     * take live GB/T 2260 codes. */
    assert_int_equal(catalog_load_shipped(f->sc, NULL, &e), 0);
    f->audits0 = import_audits(f);
    f->cid = create(f, "consortia",
                    "{\"name\":\"示例产教联合体\",\"kind\":\"city\",\"level\":\"municipal\"}");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char p[80];
    store_close(f->st);
    unlink(f->path);
    snprintf(p, sizeof p, "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->path);
    unlink(p);
    free(f);
    return 0;
}

static int64_t count(fixture *f, const char *entity)
{
    store_scope all = {true, 0, 0};
    store_query q = {json_object(), NULL, NULL, 1, 1};
    json_t *items = NULL;
    int64_t total = -1;
    err_t e = ERR_INIT;
    assert_int_equal(store_entity_list(f->sc, entity_find(entity), &q, &all, &items, &total, &e),
                     0);
    json_decref(items);
    json_decref(q.filters);
    return total;
}

static int64_t import_audits(fixture *f)
{
    json_t *filters = json_pack("{s:s}", "action", "import"), *items = NULL;
    int64_t total = -1;
    err_t e = ERR_INIT;
    assert_int_equal(store_audit_list(f->sc, 0, filters, 1, 50, &items, &total, &e), 0);
    json_decref(items);
    json_decref(filters);
    return total - f->audits0;
}

/* The organisation called name, as stored (caller owns). */
static json_t *org_named(fixture *f, const char *name)
{
    int64_t id = batch_ref_find(f->sc, entity_find("organizations"), name, 0, 0);
    assert_true(id > 0);
    json_t *row = NULL;
    err_t e = ERR_INIT;
    assert_int_equal(store_entity_get(f->sc, entity_find("organizations"), id, &row, &e), 0);
    return row;
}

static const char *sval(json_t *row, const char *k)
{
    const char *s = json_string_value(json_object_get(row, k));
    return s ? s : "(null)";
}

static int run_file(fixture *f, const caller_t *c, const char *entity, const char *file, bool dry,
                    import_report *rep, err_t *e)
{
    return import_file(f->sc, c ? c : &f->sys, entity, f->cid, file, dry, NULL, NULL, rep, e);
}

static int run_text(fixture *f, const char *entity, const char *csv, import_report *rep, err_t *e)
{
    return import_mem(f->sc, &f->sys, entity, f->cid, TABLE_CSV, csv, strlen(csv), false, NULL,
                      NULL, rep, e);
}

/* "line:field" of every error, one per line, to compare at once. */
static char *error_lines(const import_report *rep)
{
    buf_t b;
    buf_init(&b);
    size_t i;
    json_t *x;
    json_array_foreach (rep->errors, i, x) {
        const char *fld = json_string_value(json_object_get(x, "field"));
        buf_printf(&b, "%lld:%s\n", (long long)json_integer_value(json_object_get(x, "line")),
                   fld ? fld : "-");
    }
    return b.data;
}

static bool has_message(const import_report *rep, size_t line, const char *part)
{
    size_t i;
    json_t *x;
    json_array_foreach (rep->errors, i, x) {
        if ((size_t)json_integer_value(json_object_get(x, "line")) == line &&
            strstr(json_string_value(json_object_get(x, "message")), part))
            return true;
    }
    return false;
}

/* ---- good files ------------------------------------------------------ */

static void check_zh_orgs(fixture *f)
{
    json_t *o = org_named(f, "柳州示例汽车零部件有限公司");
    assert_string_equal(sval(o, "type"), "enterprise");
    assert_string_equal(sval(o, "short_name"), "示例零部件");
    assert_string_equal(sval(o, "credit_code"), C1);
    assert_string_equal(sval(o, "region_code"), "450200");
    assert_string_equal(sval(o, "address"), "广西柳州市柳东新区");
    json_decref(o);
    o = org_named(f, "柳州示例职业技术学院");
    assert_string_equal(sval(o, "type"), "higher_vocational");
    assert_true(json_is_null(json_object_get(o, "short_name")));
    json_decref(o);
    o = org_named(f, "示例市教育局");
    assert_string_equal(sval(o, "type"), "government");
    json_decref(o);
}

static void test_chinese_headers_and_labels(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", false, &rep, &e), 0);
    assert_int_equal(rep.rows, 3);
    assert_int_equal(rep.imported, 3);
    assert_int_equal(rep.bad_rows, 0);
    assert_string_equal(rep.encoding, "UTF-8");
    assert_int_equal(json_array_size(rep.errors), 0);
    import_report_free(&rep);
    assert_int_equal(count(f, "organizations"), 3);
    check_zh_orgs(f);
    assert_int_equal(import_audits(f), 1); /* one summary entry, not one per row */
}

static void test_english_headers_and_values(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_en.csv", false, &rep, &e), 0);
    assert_int_equal(rep.imported, 3);
    import_report_free(&rep);
    json_t *o = org_named(f, "Example Vocational College"); /* type by English label */
    assert_string_equal(sval(o, "type"), "higher_vocational");
    json_decref(o);
    o = org_named(f, "Example Auto Parts Co");
    assert_string_equal(sval(o, "website"), "https://example.com");
    assert_string_equal(sval(o, "short_name"), "EAP");
    json_decref(o);
}

static void test_bom_crlf_and_marked_headers(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_bom_crlf.csv", false, &rep, &e),
                     0);
    assert_int_equal(rep.imported, 2);
    assert_string_equal(rep.encoding, "UTF-8");
    import_report_free(&rep);
    json_t *o = org_named(f, "示例汽车装备有限公司"); /* no BOM or CR left in a value */
    assert_string_equal(sval(o, "address"), "柳州市, 柳东新区");
    assert_string_equal(sval(o, "type"), "enterprise");
    json_decref(o);
}

static void test_gb18030(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_gb18030.csv", false, &rep, &e),
                     0);
    assert_string_equal(rep.encoding, "GB18030");
    assert_int_equal(rep.imported, 3);
    import_report_free(&rep);
    check_zh_orgs(f);
}

static void test_xlsx_numeric_cells(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs.xlsx", false, &rep, &e), 0);
    assert_string_equal(rep.encoding, "XLSX");
    assert_int_equal(rep.imported, 2);
    import_report_free(&rep);
    json_t *o = org_named(f, "示例技师学院");
    assert_string_equal(sval(o, "region_code"), "450100"); /* numeric cell, kept as a code */
    assert_string_equal(sval(o, "type"), "secondary_vocational");
    json_decref(o);

    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", false, &rep, &e), 0);
    import_report_free(&rep);
    assert_int_equal(run_file(f, NULL, "members", FIX "members.xlsx", false, &rep, &e), 0);
    assert_int_equal(rep.imported, 2);
    import_report_free(&rep);
    store_scope all = {true, 0, 0};
    store_query q = {json_pack("{s:s}", "role", "member"), NULL, NULL, 1, 10};
    json_t *items = NULL;
    int64_t total = 0;
    assert_int_equal(
        store_entity_list(f->sc, entity_find("memberships"), &q, &all, &items, &total, &e), 0);
    assert_int_equal(total, 1);
    json_t *m = json_array_get(items, 0);
    assert_int_equal(json_integer_value(json_object_get(m, "term")), 2);
    assert_string_equal(sval(m, "joined_on"), "2024-05-01");
    json_decref(items);
    json_decref(q.filters);
}

static void test_members_by_code_and_name(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", false, &rep, &e), 0);
    import_report_free(&rep);
    assert_int_equal(run_file(f, NULL, "members", FIX "members_zh.csv", false, &rep, &e), 0);
    assert_int_equal(rep.imported, 4);
    import_report_free(&rep);
    assert_int_equal(count(f, "memberships"), 4);
    json_t *comp = NULL;
    assert_int_equal(store_composition(f->sc, f->cid, &comp, &e), 0);
    /* Two roles of one college count once. */
    assert_int_equal(json_integer_value(json_object_get(comp, "total")), 3);
    json_t *by = json_object_get(comp, "by_type");
    assert_int_equal(json_integer_value(json_object_get(by, "higher_vocational")), 1);
    assert_int_equal(json_integer_value(json_object_get(by, "government")), 1);
    assert_int_equal(json_integer_value(json_object_get(by, "enterprise")), 1);
    json_decref(comp);
}

/* ---- the descriptions and the batch ---------------------------------- */

/* What can be imported, and how, is the entity descriptions': every kind
 * is found by its name and its entity's, every field the import facts,
 * sheet references and running totals name exists, and the meta document
 * serves them under the names the OpenAPI generator reads. */
static void test_import_facts_in_descriptions(void **state)
{
    (void)state;
    assert_string_equal(entity_import_kinds(),
                        "organizations, members, occupations, majors, crosswalk, demand, supply, "
                        "students, placements, employment_outcomes, certificates, trainings, "
                        "regions, tech-needs, capabilities, core-products, rd-projects, "
                        "rd-milestones, rd-outputs, programs, courses, teaching-materials, "
                        "teaching-staff, secondments, cohorts, "
                        "facilities, facility-owners, facility-bookings, indicator-frameworks, "
                        "indicators, consortium-goals, "
                        "policy-grants");
    assert_ptr_equal(entity_import_find("tech-needs"), entity_find("tech_needs"));
    assert_ptr_equal(entity_import_find("members"), entity_find("memberships"));
    assert_ptr_equal(entity_import_find("memberships"), entity_find("memberships"));
    assert_null(entity_import_find("consortia"));
    assert_null(entity_import_find(NULL));
    for (const entity_def *const *dp = entity_all; *dp; dp++) {
        const entity_def *d = *dp;
        if (d->import) {
            assert_ptr_equal(entity_import_find(d->import->kind), d);
            for (size_t i = 0; i < IMPORT_KEY_FIELDS && d->import->key[i]; i++)
                assert_non_null(entity_field(d, d->import->key[i]));
            if (d->import->upsert)
                assert_non_null(d->import->key[0]);
        }
        if (d->sheet_ref) {
            assert_non_null(d->sheet_ref->columns[0]);
            for (size_t i = 0; i < SHEET_REF_COLUMNS && d->sheet_ref->columns[i]; i++)
                assert_non_null(entity_field(d, d->sheet_ref->columns[i]));
            assert_non_null(entity_field(d, d->sheet_ref->write));
            assert_non_null(strstr(d->sheet_ref->not_found, "%s"));
            assert_non_null(strstr(d->sheet_ref->ambiguous, "%s"));
            assert_true(!d->sheet_ref->in_consortium || d->consortium_field);
            assert_true(!d->sheet_ref->scope_field || entity_field(d, d->sheet_ref->scope_field));
        }
        if (d->totals) {
            for (size_t i = 0; i < TOTALS_KEYS && d->totals->key[i]; i++)
                assert_non_null(entity_field(d, d->totals->key[i]));
            for (size_t i = 0; i < 2; i++)
                assert_true(!d->totals->sum[i].field || entity_field(d, d->totals->sum[i].field));
            assert_true(!d->totals->when_field || entity_field(d, d->totals->when_field));
        }
    }
    json_t *meta = entity_meta_json();
    size_t i;
    json_t *ent;
    json_array_foreach (json_object_get(meta, "items"), i, ent) {
        const entity_def *d = entity_find(json_string_value(json_object_get(ent, "name")));
        json_t *im = json_object_get(ent, "import");
        assert_non_null(im);
        if (!d->import) {
            assert_true(json_is_null(im));
            continue;
        }
        assert_string_equal(json_string_value(json_object_get(im, "kind")), d->import->kind);
        assert_true(json_is_string(json_object_get(im, "consortium")));
        assert_true(json_is_boolean(json_object_get(im, "upsert")));
        assert_true(json_is_boolean(json_object_get(im, "edition")));
        assert_true(json_is_array(json_object_get(im, "key")));
        assert_non_null(json_object_get(im, "conflict"));
    }
    json_t *orgs = json_array_get(json_object_get(meta, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(orgs, "name")), "organizations");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_object_get(orgs, "import"), "key"), 0)),
                        "credit_code");
    assert_int_equal(json_array_size(json_object_get(orgs, "sheet_ref")), 2);
    json_decref(meta);
}

/* The domain side of an import: references as sheets write them, the
 * text an export writes back, and a batch that owns its transaction. */
static void test_batch(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", false, &rep, &e), 0);
    import_report_free(&rep);
    const entity_def *orgs = entity_find("organizations");
    char msg[512], text[256];
    int64_t id = batch_ref_find(f->sc, orgs, C1, 0, 0);
    assert_true(id > 0);
    assert_int_equal(batch_ref_find(f->sc, orgs, "柳州示例汽车零部件有限公司", 0, 0), id);
    assert_true(batch_ref_text(f->sc, orgs, id, text, sizeof text));
    assert_string_equal(text, "柳州示例汽车零部件有限公司");
    assert_false(batch_ref_text(f->sc, orgs, id + 1000, text, sizeof text));
    assert_int_equal(batch_ref_find(f->sc, orgs, "无此单位", 0, 0), 0);
    batch_ref_error(orgs, 0, "无此单位", 0, msg, sizeof msg);
    assert_string_equal(msg,
                        "找不到单位“无此单位” (no organisation with this credit code or name)");
    batch_ref_error(entity_find("students"), 0, "S1", 7, msg, sizeof msg);
    assert_string_equal(msg, "找不到学号为“S1”的学生（该校） (no student with this student number "
                             "at this school)");
    char trimmed[16];
    assert_string_equal(batch_trimmed("\xE3\x80\x80 abc\t", trimmed, sizeof trimmed), "abc");

    /* A batch writes inside its own transaction, and only between begin
     * and end; closing it unended rolls back. */
    batch *b = NULL;
    const entity_def *ms = entity_find("memberships");
    assert_int_equal(batch_open(f->sc, &f->sys, ms, f->cid + 99, &b, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    err_clear(&e);
    assert_int_equal(batch_open(f->sc, &f->sys, ms, f->cid, &b, &e), 0);
    json_t *row = json_pack("{s:I,s:I,s:s,s:i}", "consortium_id", (json_int_t)f->cid,
                            "organization_id", (json_int_t)id, "role", "member", "term", 1);
    json_t *clean = json_object();
    assert_int_equal(entity_validate(ms, row, true, clean, &e), 0);
    assert_int_equal(batch_add(b, clean, &e), -1);
    assert_int_equal(e.code, ERR_INTERNAL);
    err_clear(&e);
    assert_int_equal(batch_begin(b, &e), 0);
    assert_true(store_in_tx(f->sc));
    assert_int_equal(batch_add(b, clean, &e), 0);
    batch_close(b);
    assert_false(store_in_tx(f->sc));
    assert_int_equal(count(f, "memberships"), 0);
    assert_int_equal(batch_open(f->sc, &f->sys, ms, f->cid, &b, &e), 0);
    assert_int_equal(batch_begin(b, &e), 0);
    assert_int_equal(batch_add(b, clean, &e), 0);
    json_t *after = json_pack("{s:s}", "file", "test");
    assert_int_equal(batch_end(b, true, after, &e), 0);
    json_decref(after);
    batch_close(b);
    assert_false(store_in_tx(f->sc));
    assert_int_equal(count(f, "memberships"), 1);
    json_decref(row);
    json_decref(clean);
}

/* ---- bad files ------------------------------------------------------- */

static void test_bad_org_rows_all_listed_nothing_written(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    int64_t audits = import_audits(f);
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_bad.csv", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_int_equal(rep.rows, 7);
    assert_int_equal(rep.bad_rows, 5);
    assert_int_equal(rep.imported, 0);
    char *lines = error_lines(&rep);
    assert_string_equal(lines, "3:name\n4:type\n5:credit_code\n6:region_code\n8:credit_code\n");
    free(lines);
    assert_true(has_message(&rep, 5, "校验位"));
    assert_true(has_message(&rep, 8, "第 7 行"));
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(count(f, "organizations"), 0);
    assert_int_equal(import_audits(f), audits);
}

static void test_existing_credit_code(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    create(f, "organizations",
           "{\"name\":\"已有单位\",\"type\":\"enterprise\",\"credit_code\":\"" C1 "\"}");
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", false, &rep, &e), -1);
    char *lines = error_lines(&rep);
    assert_string_equal(lines, "2:credit_code\n");
    free(lines);
    assert_true(has_message(&rep, 2, "已存在"));
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(count(f, "organizations"), 1);
}

static void test_bad_member_rows(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", false, &rep, &e), 0);
    import_report_free(&rep);
    assert_int_equal(run_file(f, NULL, "members", FIX "members_bad.csv", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    char *lines = error_lines(&rep);
    assert_string_equal(lines, "2:organization_id\n4:role\n5:role\n6:term\n");
    free(lines);
    assert_true(has_message(&rep, 2, "不存在的单位"));
    assert_true(has_message(&rep, 4, "第 3 行"));
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(count(f, "memberships"), 0);
}

static void test_ambiguous_and_existing_member(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    create(f, "organizations", "{\"name\":\"同名单位\",\"type\":\"enterprise\"}");
    create(f, "organizations", "{\"name\":\"同名单位\",\"type\":\"other\"}");
    int64_t one = create(f, "organizations", "{\"name\":\"唯一单位\",\"type\":\"other\"}");
    char *m = xasprintf("{\"consortium_id\":%lld,\"organization_id\":%lld,\"role\":\"member\"}",
                        (long long)f->cid, (long long)one);
    create(f, "memberships", m);
    free(m);
    assert_int_equal(
        run_text(f, "members", "单位,理事会职务\n同名单位,成员单位\n唯一单位,member\n", &rep, &e),
        -1);
    char *lines = error_lines(&rep);
    assert_string_equal(lines, "2:organization_id\n3:role\n");
    free(lines);
    assert_true(has_message(&rep, 2, "多个"));
    assert_true(has_message(&rep, 3, "已存在"));
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(count(f, "memberships"), 1);
}

static void test_header_rules(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    /* Unknown, duplicate (name twice: label and alias) and missing type. */
    assert_int_equal(
        run_text(f, "organizations", "单位名称,名称,颜色\n甲单位,甲单位,红\n", &rep, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_int_equal(rep.rows, 0); /* rows are not read after a bad header */
    char *lines = error_lines(&rep);
    assert_string_equal(lines, "1:name\n1:颜色\n1:type\n");
    free(lines);
    import_report_free(&rep);
    err_clear(&e);

    /* English names in any case, the English label, blank lines skipped. */
    assert_int_equal(
        run_text(f, "organizations",
                 "NAME,Type,Unified social credit code\n\n甲单位,企业,\n\n乙单位,other,\n", &rep,
                 &e),
        0);
    assert_int_equal(rep.imported, 2);
    import_report_free(&rep);

    /* A value under a column without a header is refused. */
    assert_int_equal(run_text(f, "organizations", "name,,type\n丙单位,x,enterprise\n", &rep, &e),
                     -1);
    lines = error_lines(&rep);
    assert_string_equal(lines, "2:-\n");
    free(lines);
    import_report_free(&rep);
    err_clear(&e);

    /* Members may not carry consortium_id in the file. */
    assert_int_equal(
        run_text(f, "members", "单位,理事会职务,consortium_id\n甲单位,成员单位,1\n", &rep, &e), -1);
    assert_true(has_message(&rep, 1, "consortium_id"));
    import_report_free(&rep);
    err_clear(&e);

    /* An empty file is unreadable, not a success. */
    assert_int_equal(run_text(f, "organizations", "", &rep, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(count(f, "organizations"), 2);
}

static void test_dry_run_writes_nothing(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", true, &rep, &e), 0);
    assert_int_equal(rep.rows, 3);
    assert_int_equal(rep.imported, 3);
    import_report_free(&rep);
    assert_int_equal(count(f, "organizations"), 0);
    assert_int_equal(import_audits(f), 0);
    /* and still finds duplicates within the file */
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_bad.csv", true, &rep, &e), -1);
    assert_int_equal(rep.bad_rows, 5);
    import_report_free(&rep);
    err_clear(&e);
}

static void test_permissions(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    int64_t other = create(
        f, "consortia", "{\"name\":\"另一联合体\",\"kind\":\"industry\",\"level\":\"national\"}");
    assert_int_equal(run_file(f, NULL, "organizations", FIX "orgs_zh.csv", false, &rep, &e), 0);
    import_report_free(&rep);

    caller_t anon = {0};
    assert_int_equal(run_file(f, &anon, "members", FIX "members_zh.csv", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_UNAUTHORIZED);
    import_report_free(&rep);
    err_clear(&e);

    caller_t sec = {0};
    sec.user_id = 99;
    snprintf(sec.username, sizeof sec.username, "sec");
    snprintf(sec.role, sizeof sec.role, "secretariat");
    sec.consortium_id = other;
    assert_int_equal(run_file(f, &sec, "members", FIX "members_zh.csv", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(count(f, "memberships"), 0);

    sec.consortium_id = f->cid; /* its own consortium */
    assert_int_equal(run_file(f, &sec, "members", FIX "members_zh.csv", false, &rep, &e), 0);
    assert_int_equal(rep.imported, 4);
    import_report_free(&rep);

    caller_t staff = {0};
    staff.user_id = 98;
    snprintf(staff.role, sizeof staff.role, "org_staff");
    staff.org_id = 1;
    assert_int_equal(run_file(f, &staff, "organizations", FIX "orgs_en.csv", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    import_report_free(&rep);
    err_clear(&e);

    /* No such consortium; unknown entity. */
    assert_int_equal(import_file(f->sc, &f->sys, "members", 9999, FIX "members_zh.csv", false, NULL,
                                 NULL, &rep, &e),
                     -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(run_file(f, NULL, "users", FIX "orgs_zh.csv", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    import_report_free(&rep);
    err_clear(&e);
    assert_false(store_in_tx(f->sc));
}

typedef struct {
    size_t calls, last_done, last_total;
    bool monotonic;
} progress_seen;

static void on_progress(void *ctx, size_t done, size_t total)
{
    progress_seen *p = ctx;
    if (done < p->last_done)
        p->monotonic = false;
    p->calls++;
    p->last_done = done;
    p->last_total = total;
}

static void test_many_rows_and_progress(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    buf_t csv;
    buf_init(&csv);
    buf_puts(&csv, "单位名称,单位类型\n");
    for (int i = 0; i < 20000; i++)
        buf_printf(&csv, "批量单位%05d,%s\n", i, i % 2 ? "企业" : "other");
    progress_seen p = {0, 0, 0, true};
    assert_int_equal(import_mem(f->sc, &f->sys, "organizations", 0, TABLE_CSV, csv.data, csv.len,
                                false, on_progress, &p, &rep, &e),
                     0);
    assert_int_equal(rep.imported, 20000);
    assert_true(p.calls >= 1);
    assert_true(p.monotonic);
    assert_int_equal(p.last_done, 20000);
    assert_int_equal(p.last_total, 20000);
    import_report_free(&rep);
    assert_int_equal(count(f, "organizations"), 20000);

    /* Every row bad, each differently: all counted, the kept list capped. */
    csv.len = 0;
    buf_puts(&csv, "单位名称,单位类型\n");
    for (int i = 0; i < IMPORT_MAX_ERRORS + 500; i++)
        buf_printf(&csv, "坏单位%05d,工厂%05d\n", i, i);
    assert_int_equal(import_mem(f->sc, &f->sys, "organizations", 0, TABLE_CSV, csv.data, csv.len,
                                false, NULL, NULL, &rep, &e),
                     -1);
    assert_int_equal(rep.bad_rows, IMPORT_MAX_ERRORS + 500);
    assert_int_equal(rep.error_count, IMPORT_MAX_ERRORS + 500);
    assert_int_equal(json_array_size(rep.errors), IMPORT_MAX_ERRORS);
    import_report_free(&rep);
    err_clear(&e);

    /* Every row bad the same way: one entry, all its rows counted, the
     * first lines kept, the count in the message. */
    csv.len = 0;
    buf_puts(&csv, "单位名称,单位类型\n");
    for (int i = 0; i < IMPORT_MAX_ERRORS + 500; i++)
        buf_printf(&csv, "坏单位%05d,工厂\n", i);
    assert_int_equal(import_mem(f->sc, &f->sys, "organizations", 0, TABLE_CSV, csv.data, csv.len,
                                false, NULL, NULL, &rep, &e),
                     -1);
    assert_int_equal(rep.bad_rows, IMPORT_MAX_ERRORS + 500);
    assert_int_equal(rep.error_count, IMPORT_MAX_ERRORS + 500);
    assert_int_equal(json_array_size(rep.errors), 1);
    json_t *one = json_array_get(rep.errors, 0);
    assert_int_equal(json_integer_value(json_object_get(one, "count")), IMPORT_MAX_ERRORS + 500);
    assert_int_equal(json_integer_value(json_object_get(one, "line")), 2);
    assert_int_equal(json_array_size(json_object_get(one, "lines")), IMPORT_ERROR_LINES);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(one, "lines"), 4)), 6);
    assert_non_null(strstr(json_string_value(json_object_get(one, "message")), "共 1500 行"));
    import_report_free(&rep);
    err_clear(&e);
    buf_free(&csv);
    assert_int_equal(count(f, "organizations"), 20000);
}

/* The file is read and checked before the write lock is taken: while
 * rows are read no transaction is open (another writer is not kept
 * waiting by a slow or hostile file). */
typedef struct {
    store_conn *sc;
    size_t calls, in_tx;
} lock_probe;

static void probe_progress(void *ctx, size_t done, size_t total)
{
    (void)done, (void)total;
    lock_probe *p = ctx;
    p->calls++;
    if (store_in_tx(p->sc))
        p->in_tx++;
}

static void test_reads_before_locking(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    buf_t csv;
    buf_init(&csv);
    buf_puts(&csv, "单位名称,单位类型\n");
    for (int i = 0; i < 30000; i++)
        buf_printf(&csv, "读取单位%05d,企业\n", i);
    lock_probe p = {f->sc, 0, 0};
    assert_int_equal(import_mem(f->sc, &f->sys, "organizations", 0, TABLE_CSV, csv.data, csv.len,
                                false, probe_progress, &p, &rep, &e),
                     0);
    assert_int_equal(rep.imported, 30000);
    assert_true(p.calls >= 2);
    assert_int_equal(p.in_tx, 0);
    import_report_free(&rep);
    assert_int_equal(count(f, "organizations"), 30000);
    buf_free(&csv);
}

/* The checked rows kept for writing are bounded: past the bound the
 * import stops with 413, names the bound, and writes nothing. */
static void test_memory_bound(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    buf_t csv;
    buf_init(&csv);
    buf_puts(&csv, "单位名称,单位类型\n");
    for (int i = 0; i < 30000; i++)
        buf_printf(&csv, "内存单位%05d,企业\n", i);
    import_opts o = {"organizations", 0, NULL, "big.csv", false, NULL, NULL, 0, (size_t)1 << 20};
    int64_t audits = import_audits(f);
    assert_int_equal(import_run(f->sc, &f->sys, &o, TABLE_CSV, csv.data, csv.len, &rep, &e), -1);
    assert_int_equal(e.code, ERR_TOO_LARGE);
    if (!strstr(e.message, "1 MiB import memory limit"))
        fail_msg("message: %s", e.message);
    assert_int_equal(rep.imported, 0);
    import_report_free(&rep);
    err_clear(&e);
    assert_false(store_in_tx(f->sc));
    assert_int_equal(count(f, "organizations"), 0);
    assert_int_equal(import_audits(f), audits);

    /* the same file within the default bound */
    o.max_memory = 0;
    assert_int_equal(import_run(f->sc, &f->sys, &o, TABLE_CSV, csv.data, csv.len, &rep, &e), 0);
    assert_int_equal(rep.imported, 30000);
    import_report_free(&rep);
    buf_free(&csv);
}

/* A locked read (the CLI's): rows are written as they are read, on two
 * threads for a file over 1 MiB; all or nothing still holds. */
static void test_locked_read(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    buf_t csv;
    buf_init(&csv);
    buf_puts(&csv, "单位名称,单位类型,统一社会信用代码\n");
    for (int i = 0; i < 40000; i++)
        buf_printf(&csv, "锁定读取单位%05d,企业,\n", i);
    buf_printf(&csv, "锁定读取单位末行,企业,%s\n", C1);
    buf_printf(&csv, "锁定读取单位重复,企业,%s\n", C1); /* a duplicate, last */
    assert_true(csv.len > (1u << 20));
    lock_probe p = {f->sc, 0, 0};
    import_opts o = {"organizations", 0, NULL, "locked.csv", false, probe_progress, &p};
    o.locked_read = true;
    assert_int_equal(import_run(f->sc, &f->sys, &o, TABLE_CSV, csv.data, csv.len, &rep, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_int_equal(rep.bad_rows, 1);
    assert_true(has_message(&rep, 40003, "40002"));
    assert_true(p.in_tx > 0); /* the lock was held while reading */
    import_report_free(&rep);
    err_clear(&e);
    assert_false(store_in_tx(f->sc));
    assert_int_equal(count(f, "organizations"), 0);

    csv.len -= strlen("锁定读取单位重复,企业,") + strlen(C1) + 1;
    assert_int_equal(import_run(f->sc, &f->sys, &o, TABLE_CSV, csv.data, csv.len, &rep, &e), 0);
    assert_int_equal(rep.imported, 40001);
    import_report_free(&rep);
    assert_int_equal(count(f, "organizations"), 40001);
    buf_free(&csv);
}

static void test_unreadable_files(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    assert_int_equal(run_file(f, NULL, "organizations", FIX "missing.csv", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_NOT_FOUND);
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(
        run_file(f, NULL, "organizations", FIX "make_import_fixtures.py", false, &rep, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    import_report_free(&rep);
    err_clear(&e);
    const char *notzip = "this is not a workbook";
    assert_int_equal(import_mem(f->sc, &f->sys, "organizations", 0, TABLE_XLSX, notzip,
                                strlen(notzip), false, NULL, NULL, &rep, &e),
                     -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    import_report_free(&rep);
    err_clear(&e);
    const char *open_quote = "单位名称,单位类型\n\"甲单位,企业\n";
    assert_int_equal(run_text(f, "organizations", open_quote, &rep, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    import_report_free(&rep);
    err_clear(&e);
    assert_false(store_in_tx(f->sc));
    assert_int_equal(count(f, "organizations"), 0);
}

/* Import modes (issue 15): the same organisations file again is
 * "already exists" in create mode and unchanged in upsert mode; an edited
 * row is an update (a dry run says so and writes nothing); update mode
 * adds no rows; a bad mode is a 400. */
static int run_mode(fixture *f, const char *entity, const char *mode, bool dry, const char *csv,
                    import_report *rep, err_t *e)
{
    import_opts o = {entity, f->cid, NULL, NULL, dry, NULL, NULL};
    o.mode = mode;
    return import_run(f->sc, &f->sys, &o, TABLE_CSV, csv, strlen(csv), rep, e);
}

static void test_modes(void **state)
{
    fixture *f = *state;
    import_report rep;
    err_t e = ERR_INIT;
    const char *file = "单位名称,单位类型,地址\n模式甲公司,企业,柳州\n模式乙公司,企业,\"'-夜班\"\n";
    assert_int_equal(run_mode(f, "organizations", NULL, false, file, &rep, &e), 0);
    assert_string_equal(rep.mode, "create");
    assert_int_equal(rep.created, 2);
    import_report_free(&rep);
    int64_t before = count(f, "organizations");

    assert_int_equal(run_mode(f, "organizations", "create", false, file, &rep, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_true(has_message(&rep, 2, "已存在"));
    assert_true(has_message(&rep, 3, "已存在"));
    import_report_free(&rep);
    err_clear(&e);

    assert_int_equal(run_mode(f, "organizations", "upsert", false, file, &rep, &e), 0);
    assert_int_equal(rep.unchanged, 2);
    assert_int_equal(rep.created + rep.updated, 0);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(rep.outcomes, 1), "action")), "unchanged");
    int64_t id = json_integer_value(json_object_get(json_array_get(rep.outcomes, 0), "id"));
    import_report_free(&rep);
    assert_int_equal(count(f, "organizations"), before);

    /* By id: a changed address is an update; the dry run writes nothing. */
    char *edited =
        xasprintf("编号,单位名称,单位类型,地址\n%lld,模式甲公司,企业,南宁\n", (long long)id);
    assert_int_equal(run_mode(f, "organizations", "update", true, edited, &rep, &e), 0);
    assert_int_equal(rep.updated, 1);
    import_report_free(&rep);
    json_t *row = NULL;
    assert_int_equal(store_entity_get(f->sc, entity_find("organizations"), id, &row, &e), 0);
    assert_string_equal(json_string_value(json_object_get(row, "address")), "柳州");
    json_decref(row);
    assert_int_equal(run_mode(f, "organizations", "update", false, edited, &rep, &e), 0);
    import_report_free(&rep);
    assert_int_equal(store_entity_get(f->sc, entity_find("organizations"), id, &row, &e), 0);
    assert_string_equal(json_string_value(json_object_get(row, "address")), "南宁");
    json_decref(row);
    free(edited);

    /* Update mode adds nothing; an unknown mode is refused. */
    assert_int_equal(
        run_mode(f, "organizations", "update", false, "单位名称,单位类型\n新公司,企业\n", &rep, &e),
        -1);
    assert_true(has_message(&rep, 2, "不存在"));
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(run_mode(f, "organizations", "merge", false, file, &rep, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    import_report_free(&rep);
    err_clear(&e);
    assert_int_equal(count(f, "organizations"), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chinese_headers_and_labels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_english_headers_and_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_crlf_and_marked_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gb18030, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_numeric_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members_by_code_and_name, setup, teardown),
        cmocka_unit_test(test_import_facts_in_descriptions),
        cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_org_rows_all_listed_nothing_written, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_existing_credit_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_member_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ambiguous_and_existing_member, setup, teardown),
        cmocka_unit_test_setup_teardown(test_header_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_rows_and_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reads_before_locking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
