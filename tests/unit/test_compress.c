/* test_compress.c — content negotiation and compression (http/compress.c):
 * br before gzip at equal weight, q-values honoured (q=0 refuses, "*"
 * stands for what is not named), identity without the header; a JSON body
 * compresses with either encoding to a fraction of its size and decodes to
 * the same bytes; nothing is produced when it would not shrink; only
 * textual types are compressed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <brotli/decode.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/util.h"
#include "http/compress.h"

static void test_negotiate(void **state)
{
    (void)state;
    assert_int_equal(compress_negotiate(NULL), ENC_IDENTITY);
    assert_int_equal(compress_negotiate(""), ENC_IDENTITY);
    assert_int_equal(compress_negotiate("identity"), ENC_IDENTITY);
    assert_int_equal(compress_negotiate("gzip"), ENC_GZIP);
    assert_int_equal(compress_negotiate("x-gzip"), ENC_GZIP);
    assert_int_equal(compress_negotiate("gzip, deflate, br"), ENC_BR);
    assert_int_equal(compress_negotiate("GZIP;q=1.0, BR"), ENC_BR);
    assert_int_equal(compress_negotiate("br;q=0, gzip"), ENC_GZIP);
    assert_int_equal(compress_negotiate("br; q=0.000, gzip;q=0"), ENC_IDENTITY);
    assert_int_equal(compress_negotiate("gzip;q=0.8, br;q=0.5"), ENC_GZIP);
    assert_int_equal(compress_negotiate("gzip;q=0.5, br;q=0.8"), ENC_BR);
    assert_int_equal(compress_negotiate("*"), ENC_BR);
    assert_int_equal(compress_negotiate("*;q=0"), ENC_IDENTITY);
    assert_int_equal(compress_negotiate("br;q=0, *"), ENC_GZIP);
    assert_int_equal(compress_negotiate("deflate, brotli, gzipx"), ENC_IDENTITY);
    assert_int_equal(compress_negotiate("gzip;q=bogus"), ENC_IDENTITY);
    assert_true(compress_accepts("br, gzip;q=0.1", ENC_GZIP));
    assert_false(compress_accepts("br, gzip;q=0", ENC_GZIP));
    assert_false(compress_accepts("br", ENC_GZIP));
    assert_true(compress_accepts(NULL, ENC_IDENTITY));
    assert_false(compress_accepts(NULL, ENC_BR));
    assert_string_equal(compress_name(ENC_BR), "br");
    assert_string_equal(compress_suffix(ENC_GZIP), ".gz");
}

static void test_types(void **state)
{
    (void)state;
    assert_true(compress_type_ok("application/json; charset=utf-8"));
    assert_true(compress_type_ok("text/csv; charset=utf-8"));
    assert_true(compress_type_ok("text/javascript; charset=utf-8"));
    assert_true(compress_type_ok("image/svg+xml"));
    assert_false(
        compress_type_ok("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    assert_false(compress_type_ok("image/png"));
    assert_false(compress_type_ok(NULL));
}

/* A list answer as the API writes it: many rows of similar keys. */
static char *sample(size_t *len)
{
    buf_t b;
    buf_init(&b);
    buf_puts(&b, "{\"items\":[");
    for (int i = 0; i < 300; i++)
        buf_printf(&b, "%s{\"id\":%d,\"name\":\"柳州示例企业%d\",\"type\":\"enterprise\"}",
                   i ? "," : "", i, i * 7);
    buf_puts(&b, "],\"total\":300}");
    *len = b.len;
    return b.data;
}

static void test_gzip_round_trip(void **state)
{
    (void)state;
    size_t len, zl;
    char *in = sample(&len), *z = NULL;
    assert_true(compress_buf(ENC_GZIP, in, len, &z, &zl));
    assert_true(zl * 4 < len);
    assert_int_equal((unsigned char)z[0], 0x1f); /* the gzip magic */
    assert_int_equal((unsigned char)z[1], 0x8b);
    char *out = malloc(len + 1);
    z_stream s;
    memset(&s, 0, sizeof s);
    assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
    s.next_in = (Bytef *)z;
    s.avail_in = (uInt)zl;
    s.next_out = (Bytef *)out;
    s.avail_out = (uInt)len + 1;
    assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
    assert_int_equal(s.total_out, len);
    inflateEnd(&s);
    assert_memory_equal(out, in, len);
    free(out);
    free(z);
    free(in);
}

static void test_brotli_round_trip(void **state)
{
    (void)state;
    size_t len, zl;
    char *in = sample(&len), *z = NULL;
    assert_true(compress_buf(ENC_BR, in, len, &z, &zl));
    assert_true(zl * 4 < len);
    size_t outl = len + 1;
    char *out = malloc(outl);
    assert_int_equal(BrotliDecoderDecompress(zl, (const uint8_t *)z, &outl, (uint8_t *)out),
                     BROTLI_DECODER_RESULT_SUCCESS);
    assert_int_equal(outl, len);
    assert_memory_equal(out, in, len);
    free(out);
    free(z);
    free(in);
}

static void test_nothing_to_gain(void **state)
{
    (void)state;
    char *z = (char *)"untouched";
    size_t zl = 0;
    unsigned char noise[256];
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (unsigned char)(i * 167 + 13);
    assert_false(compress_buf(ENC_IDENTITY, "abc", 3, &z, &zl));
    assert_false(compress_buf(ENC_GZIP, "", 0, &z, &zl));
    assert_false(compress_buf(ENC_GZIP, "a", 1, &z, &zl));
    assert_false(compress_buf(ENC_GZIP, noise, sizeof noise, &z, &zl));
    assert_string_equal(z, "untouched");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negotiate),       cmocka_unit_test(test_types),
        cmocka_unit_test(test_gzip_round_trip), cmocka_unit_test(test_brotli_round_trip),
        cmocka_unit_test(test_nothing_to_gain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
