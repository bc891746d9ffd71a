/* test_http_reply.c — the one download response (http/reply.c): an ASCII
 * name is sent as filename="…" alone, exactly as before; a Chinese name
 * gets an ASCII stand-in and its UTF-8 bytes percent-encoded in
 * filename*=UTF-8''… (RFC 6266 / RFC 5987); the type follows the format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

static void free_req(http_req *r)
{
    for (int i = 0; i < r->nheaders; i++)
        free(r->headers[i]);
    buf_free(&r->raw);
}

static void test_ascii_name(void **state)
{
    (void)state;
    http_req r;
    memset(&r, 0, sizeof r);
    buf_init(&r.raw);
    buf_t b;
    buf_init(&b);
    buf_puts(&b, "a,b\n");
    http_download(&r, TABLE_CSV, "audit.csv", &b);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.content_type, "text/csv; charset=utf-8");
    assert_int_equal(r.nheaders, 1);
    assert_string_equal(r.headers[0], "Content-Disposition\nattachment; filename=\"audit.csv\"");
    assert_int_equal(r.raw.len, 4);
    buf_free(&b);
    free_req(&r);
}

static void test_chinese_name(void **state)
{
    (void)state;
    http_req r;
    memset(&r, 0, sizeof r);
    buf_init(&r.raw);
    buf_t b;
    buf_init(&b);
    http_download(&r, TABLE_XLSX, "需求 2025.xlsx", &b);
    assert_string_equal(r.content_type,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_string_equal(r.headers[0], "Content-Disposition\nattachment; filename=\"__ 2025.xlsx\"; "
                                      "filename*=UTF-8''%E9%9C%80%E6%B1%82%202025.xlsx");
    buf_free(&b);
    free_req(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_name),
        cmocka_unit_test(test_chinese_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
