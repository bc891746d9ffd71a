/*
 * compress.c — see compress.h.  gzip through zlib's deflate (window 15
 * plus the gzip wrapper), brotli through its one-shot encoder; both
 * write into one buffer sized by the library's worst-case bound, so
 * neither loops.
 */
#include "http/compress.h"

#include <brotli/encode.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "core/util.h"

/* The weight of one Accept-Encoding element's parameters ";q=0.5"
 * (1000ths; 1000 when absent, 0 for a malformed q). */
static int weight(const char *p, const char *end)
{
    while (p < end) {
        while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
            p++;
        if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
            p += 2;
            int w = 0;
            if (p < end && *p == '1')
                return 1000;
            if (p >= end || *p != '0')
                return 0;
            p++;
            if (p < end && *p == '.') {
                p++;
                int scale = 100;
                while (p < end && *p >= '0' && *p <= '9' && scale > 0) {
                    w += (*p - '0') * scale;
                    scale /= 10;
                    p++;
                }
            }
            return w;
        }
        while (p < end && *p != ';')
            p++;
    }
    return 1000;
}

/* The weights (1000ths) of br and gzip in an Accept-Encoding value. */
static void weights(const char *ae, int *br_out, int *gz_out)
{
    int br = -1, gz = -1, star = -1;
    const char *p = ae;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *tok = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t tl = (size_t)(p - tok);
        const char *params = p;
        while (*p && *p != ',')
            p++;
        if (tl == 0)
            continue;
        int w = weight(params, p);
        if (tl == 2 && strncasecmp(tok, "br", 2) == 0)
            br = w;
        else if ((tl == 4 && strncasecmp(tok, "gzip", 4) == 0) ||
                 (tl == 6 && strncasecmp(tok, "x-gzip", 6) == 0))
            gz = w;
        else if (tl == 1 && *tok == '*')
            star = w;
    }
    if (br < 0)
        br = star < 0 ? 0 : star;
    if (gz < 0)
        gz = star < 0 ? 0 : star;
    *br_out = br;
    *gz_out = gz;
}

content_encoding compress_negotiate(const char *ae)
{
    if (!ae)
        return ENC_IDENTITY;
    int br, gz;
    weights(ae, &br, &gz);
    if (br > 0 && br >= gz)
        return ENC_BR;
    return gz > 0 ? ENC_GZIP : ENC_IDENTITY;
}

bool compress_accepts(const char *ae, content_encoding enc)
{
    if (!ae)
        return enc == ENC_IDENTITY;
    int br, gz;
    weights(ae, &br, &gz);
    return enc == ENC_BR ? br > 0 : enc == ENC_GZIP ? gz > 0 : true;
}

const char *compress_name(content_encoding enc)
{
    return enc == ENC_BR ? "br" : enc == ENC_GZIP ? "gzip" : "identity";
}

const char *compress_suffix(content_encoding enc)
{
    return enc == ENC_BR ? ".br" : enc == ENC_GZIP ? ".gz" : "";
}

bool compress_type_ok(const char *ct)
{
    if (!ct)
        return false;
    static const char *const types[] = {"application/json",       "text/",
                                        "application/javascript", "image/svg+xml",
                                        "application/xml",        "application/manifest+json"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strncasecmp(ct, types[i], strlen(types[i])) == 0)
            return true;
    return false;
}

static bool gzip_buf(const void *in, size_t len, char **out, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, COMPRESS_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    size_t cap = deflateBound(&z, (uLong)len);
    char *buf = xmalloc(cap);
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)buf;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || n >= len) {
        free(buf);
        return false;
    }
    *out = buf;
    *out_len = n;
    return true;
}

static bool brotli_buf(const void *in, size_t len, char **out, size_t *out_len)
{
    size_t cap = BrotliEncoderMaxCompressedSize(len);
    if (cap == 0)
        return false;
    char *buf = xmalloc(cap);
    size_t n = cap;
    if (!BrotliEncoderCompress(COMPRESS_BR_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, len,
                               in, &n, (uint8_t *)buf) ||
        n >= len) {
        free(buf);
        return false;
    }
    *out = buf;
    *out_len = n;
    return true;
}

bool compress_buf(content_encoding enc, const void *in, size_t len, char **out, size_t *out_len)
{
    /* deflate counts in uInt: a body past 4 GiB is not an answer here. */
    if (len == 0 || len > (size_t)UINT32_MAX)
        return false;
    if (enc == ENC_GZIP)
        return gzip_buf(in, len, out, out_len);
    if (enc == ENC_BR)
        return brotli_buf(in, len, out, out_len);
    return false;
}
