/* test_multipart.c — the multipart/form-data reader (http/multipart.c): a
 * form as curl and browsers send it splits into its parts with the file's
 * bytes intact (CRLFs and "--" inside included); the boundary is found in
 * the Content-Type, quoted or not; every malformed body (no boundary line,
 * cut short, a part without Content-Disposition or name, headers without
 * their blank line, too many parts) is refused with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http/multipart.h"

#define CURL_FORM                                                                                  \
    "--------------------------d74496d66958873e\r\n"                                               \
    "Content-Disposition: form-data; name=\"consortium_id\"\r\n"                                   \
    "\r\n"                                                                                         \
    "7\r\n"                                                                                        \
    "--------------------------d74496d66958873e\r\n"                                               \
    "Content-Disposition: form-data; name=\"file\"; filename=\"成员.csv\"\r\n"                   \
    "Content-Type: text/csv\r\n"                                                                   \
    "\r\n"                                                                                         \
    "a,b\r\n--not the boundary\r\n1,2\r\n"                                                         \
    "\r\n"                                                                                         \
    "--------------------------d74496d66958873e--\r\n"

#define BOUNDARY "------------------------d74496d66958873e"

static int parse(const char *body, size_t len, multipart_part *parts, err_t *e)
{
    return multipart_parse(body, len, BOUNDARY, parts, e);
}

static void test_boundary(void **state)
{
    (void)state;
    char b[MULTIPART_MAX_BOUNDARY + 1];
    err_t e = ERR_INIT;
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=" BOUNDARY, b, &e), 1);
    assert_string_equal(b, BOUNDARY);
    assert_int_equal(
        multipart_boundary("Multipart/Form-Data;charset=utf-8; BOUNDARY=\"a b;c\"", b, &e), 1);
    assert_string_equal(b, "a b;c");
    assert_int_equal(multipart_boundary("text/csv", b, &e), 0);
    assert_int_equal(multipart_boundary(NULL, b, &e), 0);
    assert_int_equal(multipart_boundary("multipart/form-data-x; boundary=a", b, &e), 0);
    assert_int_equal(multipart_boundary("multipart/form-data", b, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    assert_non_null(strstr(e.message, "boundary"));
    err_clear(&e);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b, &e), -1);
    err_clear(&e);
    char longer[160];
    snprintf(longer, sizeof longer, "multipart/form-data; boundary=%071d", 0);
    assert_int_equal(multipart_boundary(longer, b, &e), -1);
    err_clear(&e);
}

static void test_curl_form(void **state)
{
    (void)state;
    multipart_part p[MULTIPART_MAX_PARTS];
    err_t e = ERR_INIT;
    assert_int_equal(parse(CURL_FORM, sizeof CURL_FORM - 1, p, &e), 2);
    assert_int_equal(p[0].name_len, 13);
    assert_memory_equal(p[0].name, "consortium_id", 13);
    assert_null(p[0].filename);
    assert_int_equal(p[0].len, 1);
    assert_memory_equal(p[0].data, "7", 1);
    assert_memory_equal(p[1].name, "file", 4);
    assert_non_null(p[1].filename);
    assert_int_equal(p[1].filename_len, strlen("成员.csv"));
    assert_memory_equal(p[1].filename, "成员.csv", p[1].filename_len);
    assert_int_equal(p[1].content_type_len, 8);
    assert_memory_equal(p[1].content_type, "text/csv", 8);
    const char *file = "a,b\r\n--not the boundary\r\n1,2\r\n";
    assert_int_equal(p[1].len, strlen(file));
    assert_memory_equal(p[1].data, file, strlen(file));
}

static void test_preamble_epilogue_empty(void **state)
{
    (void)state;
    multipart_part p[MULTIPART_MAX_PARTS];
    err_t e = ERR_INIT;
    const char *body = "preamble\r\n--xy\r\n"
                       "content-disposition: form-data; name=f; filename=\"\"\r\n\r\n"
                       "\r\n--xy--epilogue";
    assert_int_equal(multipart_parse(body, strlen(body), "xy", p, &e), 1);
    assert_int_equal(p[0].len, 0);
    assert_int_equal(p[0].filename_len, 0);
    assert_non_null(p[0].filename);
    /* no parts at all */
    assert_int_equal(multipart_parse("--xy--\r\n", 8, "xy", p, &e), 0);
}

static void expect_bad(const char *body, const char *words)
{
    multipart_part p[MULTIPART_MAX_PARTS];
    err_t e = ERR_INIT;
    assert_int_equal(multipart_parse(body, strlen(body), "xy", p, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    if (!strstr(e.message, words))
        fail_msg("message \"%s\" lacks \"%s\"", e.message, words);
    err_clear(&e);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_bad("", "no boundary line");
    expect_bad("just a file", "no boundary line");
    expect_bad("--xy", "CRLF");
    expect_bad("--xyz\r\n", "CRLF");
    expect_bad("--xy\r\nContent-Disposition: form-data; name=a\r\n\r\ndata", "cut short");
    expect_bad("--xy\r\nContent-Disposition: form-data; name=a\r\ndata", "blank line");
    expect_bad("--xy\r\nContent-Type: text/csv\r\n\r\ndata\r\n--xy--", "Content-Disposition");
    expect_bad("--xy\r\n\r\ndata\r\n--xy--", "Content-Disposition");
    expect_bad("--xy\r\nContent-Disposition: attachment; name=a\r\n\r\nd\r\n--xy--", "form-data");
    expect_bad("--xy\r\nContent-Disposition: form-data; filename=a\r\n\r\nd\r\n--xy--", "name");
    expect_bad("--xy\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nd\r\n--xy--", "name");
    expect_bad("--xy\r\nno colon here\r\n\r\nd\r\n--xy--", "without a name");
    expect_bad("--xy\r\nContent-Disposition: form-data; name=a\r\n\r\nd\r\n--xyjunk", "CRLF");
    char many[4096] = "";
    for (int i = 0; i <= MULTIPART_MAX_PARTS; i++)
        strcat(many, "--xy\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n");
    strcat(many, "--xy--");
    expect_bad(many, "too many parts");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_curl_form),
        cmocka_unit_test(test_preamble_epilogue_empty),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
