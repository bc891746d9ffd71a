/* test_json_write.c — json_write gives exactly json_dumps(JSON_COMPACT), with reals
 * at 15 significant digits (so 0.1 prints as 0.1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_write.h"

static void same_as_jansson(json_t *j)
{
    char *want = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    buf_t b = {0};
    buf_init(&b);
    json_write(&b, j);
    assert_string_equal(b.data, want);
    free(want);
    buf_free(&b);
    json_decref(j);
}

static void test_matches_jansson(void **state)
{
    same_as_jansson(
        json_loads("{\"total\":84,\"by_type\":{\"government\":8,\"enterprise\":59}}", 0, NULL));
    same_as_jansson(json_pack("{s:s,s:n,s:b,s:b,s:I,s:f}", "name", "柳州职业技术大学", "x", "t", 1,
                              "f", 0, "big", (json_int_t)-9007199254740993LL, "r", 2.5));
    same_as_jansson(json_pack("[s,s,s,[],{}]", "quote \" back \\ slash / tab \t nl \n cr \r",
                              "ctl \x01\x1f\x7f bell \b ff \f", ""));
    same_as_jansson(json_loads("[1,[2,[3,{\"a\":[null,true,false,0.1,1e300]}]]]", 0, NULL));
    same_as_jansson(json_string("汽车产教联合体 \xe2\x80\xa8 line separator"));
    same_as_jansson(json_integer(0));
    /* Figures rounded to the cent read as people write them. */
    buf_t b = {0};
    buf_init(&b);
    json_t *j = json_pack("[f,f,f]", 12.3, 183.1, -0.07);
    json_write(&b, j);
    assert_string_equal(b.data, "[12.3,183.1,-0.07]");
    json_decref(j);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_matches_jansson)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
