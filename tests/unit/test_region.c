/*
 * test_region.c — places typed by offices resolved to GB/T 2260 codes
 * (src/domain/region.c) over the shipped catalogue
 * (src/reference/regions_2021.csv, loaded as the server loads it), and a
 * region field checked against the loaded codes (src/domain/record.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "domain/record.h"
#include "domain/region.h"
#include "store/store.h"

#include "fixture.h"

static fx_db rdb;
static region_index *ix;

static int setup(void **state)
{
    (void)state;
    fx_open(&rdb, "region");
    fx_catalog(&rdb);
    err_t e = ERR_INIT;
    ix = region_index_load(rdb.sc, &e);
    return ix ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    region_index_free(ix);
    fx_close(&rdb);
    return 0;
}

/* The code text resolves to, or "" with the message in msg. */
static const char *resolve(const char *text, char *msg, size_t n)
{
    static char code[8];
    msg[0] = '\0';
    if (region_resolve(ix, text, code, msg, n) != 0)
        code[0] = '\0';
    return code;
}

static void expect(const char *text, const char *code)
{
    char msg[512];
    const char *got = resolve(text, msg, sizeof msg);
    if (strcmp(got, code))
        fail_msg("%s: expected %s, got %s (%s)", text, code, got, msg);
}

static void test_catalogue_loaded(void **state)
{
    (void)state;
    /* 34 provinces, 338 prefectures (with the municipalities' 市辖区 and
     * 县), 2846 counties: the shipped file. */
    assert_int_equal(region_index_size(ix), 3218);
}

static void test_exact_and_code(void **state)
{
    (void)state;
    expect("柳州市", "450200");
    expect("450200", "450200");
    expect("  柳州市 450200 ", "450200"); /* as exports write it */
    expect("广西壮族自治区", "450000");
    expect("北京市", "110000");
    expect("鱼峰区", "450203");
    expect("融水苗族自治县", "450225");
    expect("东莞市", "441900");
    expect("仙桃市", "429004"); /* a county-level city under its province */
}

static void test_short_forms(void **state)
{
    (void)state;
    expect("柳州", "450200");
    expect("广西", "450000");
    expect("内蒙古", "150000");
    expect("新疆", "650000");
    expect("融水", "450225");
    expect("延边", "222400");
    expect("黔东南", "522600");
    expect("湖南", "430000");
}

static void test_concatenated(void **state)
{
    (void)state;
    expect("广西柳州市", "450200");
    expect("广西柳州", "450200");
    expect("广西壮族自治区柳州市", "450200");
    expect("广西壮族自治区 柳州市 鱼峰区", "450203");
    expect("柳州市鱼峰区", "450203");
    expect("广西鱼峰区", "450203"); /* a level left out */
    expect("广西/柳州/鱼峰区", "450203");
    expect("北京朝阳区", "110105");
    expect("北京市朝阳区", "110105");
    expect("长春市朝阳区", "220104");
    expect("吉林省长春市朝阳区", "220104");
    expect("中国广西柳州市", "450200");
    expect("湖北仙桃", "429004");
}

static void test_ambiguous(void **state)
{
    (void)state;
    char msg[512];
    /* 朝阳区 is in 北京 and in 长春. */
    assert_string_equal(resolve("朝阳区", msg, sizeof msg), "");
    assert_non_null(strstr(msg, "北京市 朝阳区 110105"));
    assert_non_null(strstr(msg, "吉林省 长春市 朝阳区 220104"));
    assert_non_null(strstr(msg, "您是不是要写"));
    /* 吉林 is a province and a city: both offered. */
    assert_string_equal(resolve("吉林", msg, sizeof msg), "");
    assert_non_null(strstr(msg, "220000"));
    assert_non_null(strstr(msg, "220200"));
    /* 吉林市 is the city alone. */
    expect("吉林市", "220200");
}

static void test_unknown(void **state)
{
    (void)state;
    char msg[512];
    assert_string_equal(resolve("柳洲市", msg, sizeof msg), ""); /* a typo */
    assert_non_null(strstr(msg, "找不到地点"));
    assert_non_null(strstr(msg, "您是不是要写"));
    assert_non_null(strstr(msg, "广西壮族自治区 柳州市 450200"));
    assert_string_equal(resolve("火星基地", msg, sizeof msg), "");
    assert_non_null(strstr(msg, "找不到地点"));
    assert_string_equal(resolve("999999", msg, sizeof msg), "");
    assert_non_null(strstr(msg, "不存在"));
    assert_string_equal(resolve("", msg, sizeof msg), "");
    /* A placeholder is not a place anybody types. */
    assert_string_equal(resolve("市辖区", msg, sizeof msg), "");
}

/* Every place of the catalogue, written as its full name (the way the
 * catalogue and the picker show it), reads back as its own code. */
static void test_every_full_name(void **state)
{
    (void)state;
    json_t *items = NULL;
    err_t e = ERR_INIT;
    assert_int_equal(store_region_all(rdb.sc, &items, &e), 0);
    size_t i, bad = 0;
    json_t *r;
    json_array_foreach (items, i, r) {
        const char *code = json_string_value(json_object_get(r, "code"));
        const char *full = json_string_value(json_object_get(r, "full_name"));
        char msg[512], got[8];
        if (region_resolve(ix, full, got, msg, sizeof msg) != 0 || strcmp(got, code)) {
            /* 市辖区/县 placeholders read as their municipality. */
            if (strstr(full, "市辖区") ||
                !strcmp(json_string_value(json_object_get(r, "name")), "县"))
                continue;
            if (bad++ < 5)
                print_message("%s %s: %s\n", code, full, msg);
        }
    }
    json_decref(items);
    assert_int_equal(bad, 0);
}

static void test_label(void **state)
{
    (void)state;
    char out[128];
    assert_true(region_label(ix, "450200", out, sizeof out));
    assert_string_equal(out, "柳州市 450200");
    assert_true(region_label(ix, "110100", out, sizeof out));
    assert_string_equal(out, "北京市 市辖区 110100");
    assert_false(region_label(ix, "999999", out, sizeof out));
    assert_string_equal(out, "999999");
}

/* A region field takes a live code only, with a message that says so. */
static void test_field_checked(void **state)
{
    (void)state;
    json_t *row = NULL;
    err_t e = ERR_INIT;
    int rc =
        fx_create(&rdb, &rdb.sys, "organizations", &row, &e,
                  "{\"name\":\"某某公司\",\"type\":\"enterprise\",\"region_code\":\"459900\"}");
    assert_int_not_equal(rc, 0);
    char *s = json_dumps(e.details, 0);
    assert_non_null(strstr(s, "region_code"));
    assert_non_null(strstr(s, "行政区划代码“459900”不存在"));
    free(s);
    err_clear(&e);
    json_decref(row);
    row = fx_make(&rdb, "organizations",
                  "{\"name\":\"某某公司\",\"type\":\"enterprise\",\"region_code\":\"450203\"}");
    assert_string_equal(json_string_value(json_object_get(row, "region_code")), "450203");
    json_decref(row);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue_loaded), cmocka_unit_test(test_exact_and_code),
        cmocka_unit_test(test_short_forms),      cmocka_unit_test(test_concatenated),
        cmocka_unit_test(test_ambiguous),        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_every_full_name),  cmocka_unit_test(test_label),
        cmocka_unit_test(test_field_checked),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
