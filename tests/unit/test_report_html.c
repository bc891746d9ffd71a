/* test_report_html.c — the annual report's page (io/report_html.c) and
 * workbook (io/report_xlsx.c) from hand-made report JSON: every text is
 * escaped (a unit named <script> stays text), the page has no script and
 * is A4; an empty report says 暂无记录 in its sections and still has every
 * heading; the same JSON gives the same bytes (the PDF cache keys on
 * them); a bar chart labels its bars with their figures; the workbook
 * holds every sheet; without a browser the PDF is a 503 naming the
 * package; and with a stand-in browser (a shell script that sleeps, then
 * writes a PDF) two prints run at once and a third is refused as busy,
 * the same HTML is printed once (cached), and no temporary folder is
 * left behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A stand-in for Chromium: sleeps, then writes "%PDF-" and its page's
 * name to the --print-to-pdf file; counts its runs in a file. */
static char fake_dir[64], fake_bin[96], fake_count[96];

static void write_fake(void)
{
    snprintf(fake_dir, sizeof fake_dir, "/tmp/cj-fake-XXXXXX");
    assert_non_null(mkdtemp(fake_dir));
    snprintf(fake_bin, sizeof fake_bin, "%s/chromium", fake_dir);
    snprintf(fake_count, sizeof fake_count, "%s/runs", fake_dir);
    FILE *f = fopen(fake_bin, "w");
    assert_non_null(f);
    fprintf(f,
            "#!/bin/sh\necho run >> %s\nsleep 2\nfor a; do case \"$a\" in\n"
            "  --print-to-pdf=*) printf '%%%%PDF-1.4 fake' > \"${a#--print-to-pdf=}\";;\n"
            "esac; done\n",
            fake_count);
    fclose(f);
    chmod(fake_bin, 0755);
}

static int runs(void)
{
    FILE *f = fopen(fake_count, "r");
    int n = 0, c;
    if (!f)
        return 0;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

typedef struct {
    const char *html;
    int rc;
    err_code code;
} job;

static void *print_one(void *arg)
{
    job *j = arg;
    buf_t out;
    buf_init(&out);
    err_t e = ERR_INIT;
    j->rc = report_pdf_render(j->html, strlen(j->html), &out, NULL, &e);
    j->code = e.code;
    if (j->rc == 0 && (out.len < 5 || memcmp(out.data, "%PDF-", 5)))
        j->rc = -2;
    err_clear(&e);
    buf_free(&out);
    return NULL;
}

/* The chanjiao-pdf-* folders in tmp. */
static int leftovers(const char *tmp)
{
    DIR *d = opendir(tmp);
    int n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        n += !strncmp(de->d_name, "chanjiao-pdf-", 13);
    if (d)
        closedir(d);
    return n;
}

static void test_pdf_bounded_and_cached(void **state)
{
    (void)state;
    write_fake();
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%s/tmp", fake_dir);
    mkdir(tmp, 0700);
    setenv("CHANJIAO_CHROMIUM", fake_bin, 1);
    setenv("TMPDIR", tmp, 1);
    report_pdf_cache_clear();
    job jobs[3] = {{"<p>one</p>", 0, 0}, {"<p>two</p>", 0, 0}, {"<p>three</p>", 0, 0}};
    pthread_t th[2];
    pthread_create(&th[0], NULL, print_one, &jobs[0]);
    pthread_create(&th[1], NULL, print_one, &jobs[1]);
    usleep(400 * 1000); /* both are printing (the stand-in sleeps 2 s) */
    print_one(&jobs[2]);
    pthread_join(th[0], NULL);
    pthread_join(th[1], NULL);
    assert_int_equal(jobs[0].rc, 0);
    assert_int_equal(jobs[1].rc, 0);
    assert_int_equal(jobs[2].rc, -1);
    assert_int_equal(jobs[2].code, ERR_UNAVAILABLE);
    assert_int_equal(runs(), 2);
    /* The same page again: from the cache, no new run; a free slot now. */
    job again = {"<p>one</p>", 0, 0};
    print_one(&again);
    assert_int_equal(again.rc, 0);
    assert_int_equal(runs(), 2);
    print_one(&jobs[2]);
    assert_int_equal(jobs[2].rc, 0);
    assert_int_equal(runs(), 3);
    assert_int_equal(leftovers(tmp), 0);
    unsetenv("CHANJIAO_CHROMIUM");
    unsetenv("TMPDIR");
    report_pdf_cache_clear();
    char *cmd = xasprintf("rm -rf %s", fake_dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaped_and_deterministic),
        cmocka_unit_test(test_xlsx_sheets),
        cmocka_unit_test(test_pdf_without_browser),
        cmocka_unit_test(test_pdf_bounded_and_cached),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
