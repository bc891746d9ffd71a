/* test_report_html.c — the annual report's page (io/report_html.c) and
 * workbook (io/report_xlsx.c) from hand-made report JSON: every text is
 * escaped (a unit named <script> stays text), the page has no script and
 * is A4; an empty report says 暂无记录 in its sections and still has every
 * heading; the same JSON gives the same bytes (the PDF cache keys on
 * them); a bar chart labels its bars with their figures; the workbook
 * holds every sheet; and without a browser the PDF is a 503 naming the
 * package. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "io/report_html.h"
#include "io/report_pdf.h"
#include "io/report_xlsx.h"

static json_t *report(const char *unit)
{
    return json_pack(
        "{s:{s:i,s:s},s:i,s:{s:{s:i,s:[{s:s,s:s,s:s,s:i},{s:s,s:s,s:s,s:i}]},s:{s:i,s:[]}},"
        "s:{s:[],s:i,s:i,s:i,s:[],s:n},s:{s:f,s:f,s:[],s:[],s:[]},"
        "s:{s:{s:i,s:{},s:i},s:{s:i,s:i},s:[],s:[],s:[],s:[{s:s,s:s,s:i,s:i,s:i,s:i,s:i}]},"
        "s:{},s:{s:{s:[]},s:{}},s:{s:n,s:[]}}",
        "consortium", "id", 7, "name", "测试联合体 & <b>", "year", 2026, "profile", "composition",
        "total", 12, "by_type", "key", "enterprise", "zh", "企业", "en", "Enterprise", "n", 9,
        "key", "government", "zh", unit, "en", "Government", "n", 3, "council", "total", 0,
        "by_role", "governance", "meetings", "meetings_held", 0, "motions", 0, "motions_passed", 0,
        "work_plan", "work_plan_average", "talent", "demand", 0.0, "supply", 0.0, "gap_top",
        "lists", "rounds", "outcomes", "certificates", "total", 0, "by_level",
        "technician_or_above", 0, "training", "trainings", 0, "person_times", 0, "by_year",
        "certificate_levels", "training_kinds", "pairs", "school", "甲学校", "enterprise", unit,
        "interns", 196, "graduates", 2946, "certificates_technician", 37, "person_times", 2451,
        "projects", 23, "tech", "resources", "facilities", "items", "training", "indicators",
        "assessment", "goals");
}

static void test_escaped_and_deterministic(void **state)
{
    (void)state;
    json_t *r = report("<script>alert(1)</script>");
    assert_non_null(r);
    buf_t a, b;
    buf_init(&a);
    buf_init(&b);
    report_html_annual(r, &a);
    report_html_annual(r, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    assert_null(strstr(a.data, "<script"));
    assert_non_null(strstr(a.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(a.data, "测试联合体 &amp; &lt;b&gt;"));
    assert_non_null(strstr(a.data, "@page{size:A4"));
    assert_non_null(strstr(a.data, "thead{display:table-header-group}"));
    /* Every section's heading, and 暂无记录 where there are no records. */
    static const char *const h[] = {
        "概况与成员构成", "治理",     "人才供需",           "成效",
        "主要校企合作",   "技术服务", "共建资源与联合培养", "指标与目标"};
    for (size_t i = 0; i < sizeof h / sizeof *h; i++)
        assert_non_null(strstr(a.data, h[i]));
    assert_non_null(strstr(a.data, "暂无记录"));
    /* The composition sentence and its chart, labelled with the figures. */
    assert_non_null(strstr(a.data, "成员单位共 <b>12</b> 家：企业 9 家"));
    assert_non_null(strstr(a.data, "<svg"));
    assert_non_null(strstr(a.data, ">9</text>"));
    /* The pair row, figures right-aligned. */
    assert_non_null(strstr(a.data, "<td class=\"n\">2946</td>"));
    buf_free(&a);
    buf_free(&b);
    json_decref(r);
}

static void test_xlsx_sheets(void **state)
{
    (void)state;
    json_t *r = report("乙企业");
    buf_t x;
    buf_init(&x);
    err_t e = ERR_INIT;
    assert_int_equal(report_xlsx_annual(r, &x, &e), 0);
    assert_true(x.len > 4 && !memcmp(x.data, "PK", 2));
    size_t n = 0;
    for (const char *const *s = report_xlsx_sheets; *s; s++, n++)
        assert_true(strlen(*s) <= 31 * 3); /* ≤ 31 characters of up to 3 bytes */
    assert_int_equal(n, 17);
    buf_free(&x);
    json_decref(r);
}

static void test_pdf_without_browser(void **state)
{
    (void)state;
    setenv("CHANJIAO_CHROMIUM", "/nonexistent/chromium", 1);
    buf_t out;
    buf_init(&out);
    err_t e = ERR_INIT;
    report_pdf_cache_clear();
    assert_int_equal(report_pdf_render("<p>x</p>", 8, &out, NULL, &e), -1);
    assert_int_equal(e.code, ERR_UNAVAILABLE);
    assert_non_null(strstr(e.message, "chromium"));
    assert_non_null(strstr(e.message, "fonts-wqy-microhei"));
    err_clear(&e);
    unsetenv("CHANJIAO_CHROMIUM");
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaped_and_deterministic),
        cmocka_unit_test(test_xlsx_sheets),
        cmocka_unit_test(test_pdf_without_browser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
