/*
 * fuzz_multipart.c — the multipart/form-data reader (src/http/multipart.c)
 * as an import's form meets it: any Content-Type and any body.  The
 * input's first line is the Content-Type (its boundary parameter is looked
 * up as the server does; without one, the line itself is the boundary),
 * the rest the body.
 *
 * Checks beyond the sanitizers: a boundary found is 1 to 70 bytes; every
 * span a part reports (name, filename, content type, data) lies inside
 * the body, parts come in order without overlapping, each has a name, at
 * most MULTIPART_MAX_PARTS are reported, and a body refused has a message.
 */
#include <string.h>

#include "fuzz.h"
#include "http/multipart.h"

static int inside(const char *body, size_t len, const char *p, size_t n)
{
    return p >= body && p + n <= body + len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    const char *nl = memchr(data, '\n', size);
    size_t hl = nl ? (size_t)(nl - (const char *)data) : size;
    char *ct = xstrndup((const char *)data, hl);
    size_t blen = nl ? size - hl - 1 : 0;
    char *body = xmalloc(blen + 1);
    if (blen)
        memcpy(body, nl + 1, blen);
    char boundary[MULTIPART_MAX_BOUNDARY + 1];
    err_t e = ERR_INIT;
    int rc = multipart_boundary(ct, boundary, &e);
    if (rc < 0)
        FUZZ_CHECK(e.message[0], "refused boundary without a message");
    err_clear(&e);
    if (rc == 1)
        FUZZ_CHECK(strlen(boundary) >= 1 && strlen(boundary) <= MULTIPART_MAX_BOUNDARY,
                   "boundary of %zu bytes", strlen(boundary));
    else
        snprintf(boundary, sizeof boundary, "%.*s", MULTIPART_MAX_BOUNDARY, ct);
    multipart_part parts[MULTIPART_MAX_PARTS];
    int n = multipart_parse(body, blen, boundary, parts, &e);
    if (n < 0) {
        FUZZ_CHECK(e.code == ERR_BAD_REQUEST && e.message[0], "refused without a message");
    } else {
        FUZZ_CHECK(n <= MULTIPART_MAX_PARTS, "%d parts", n);
        const char *last = body;
        for (int i = 0; i < n; i++) {
            const multipart_part *p = &parts[i];
            FUZZ_CHECK(p->name_len > 0 && inside(body, blen, p->name, p->name_len), "part %d name",
                       i);
            FUZZ_CHECK(!p->filename || inside(body, blen, p->filename, p->filename_len),
                       "part %d filename outside the body", i);
            FUZZ_CHECK(!p->content_type || inside(body, blen, p->content_type, p->content_type_len),
                       "part %d content type outside the body", i);
            FUZZ_CHECK(inside(body, blen, p->data, p->len) && p->data >= last,
                       "part %d data outside the body or out of order", i);
            last = p->data + p->len;
        }
    }
    err_clear(&e);
    free(body);
    free(ct);
    return 0;
}
