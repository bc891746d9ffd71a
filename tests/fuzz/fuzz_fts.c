/*
 * fuzz_fts.c — the search tokenizer "cjk_bigram" (src/store/fts_cjk.c)
 * on any bytes: text that is indexed (demand descriptions, names) and
 * text that is searched (?q=), both user input.
 *
 * Each input is tokenized as a query, as a document, and as a document
 * with ASCII trigrams (demand_fts).
 *
 * Checks beyond the sanitizers: every token is 1..64+3*4 bytes of strict
 * UTF-8, lies inside the text (0 <= start < end <= len), and its start
 * never goes backwards; a query gives at most one token per position
 * (never colocated); a document's colocated tokens follow a token at the
 * same start.
 */
#include <string.h>

#include "fuzz.h"
#include "io/table.h"
#include "store/store_internal.h"

#ifndef FTS5_TOKEN_COLOCATED
#define FTS5_TOKEN_COLOCATED 0x0001
#endif

typedef struct {
    int len;
    bool query;
    int last_start, count;
} seen;

static int on_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    seen *s = ctx;
    FUZZ_CHECK(ntok > 0 && ntok <= 64 + 12, "token of %d bytes", ntok);
    FUZZ_CHECK(table_utf8_prefix(tok, (size_t)ntok) == (size_t)ntok, "token not UTF-8");
    FUZZ_CHECK(start >= 0 && start < end && end <= s->len, "token at [%d, %d) of %d", start, end,
               s->len);
    FUZZ_CHECK(start >= s->last_start, "token at %d after %d", start, s->last_start);
    if (tflags & FTS5_TOKEN_COLOCATED) {
        FUZZ_CHECK(!s->query, "colocated token in a query");
        FUZZ_CHECK(s->count > 0 && start == s->last_start, "colocated token without a first");
    }
    s->last_start = start;
    s->count++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    static const int flags[] = {0, FTS_CJK_QUERY, FTS_CJK_ASCII3};
    for (int q = 0; q < 3; q++) {
        seen s = {(int)size, flags[q] == FTS_CJK_QUERY, 0, 0};
        int rc = fts_cjk_tokenize((const char *)data, (int)size, flags[q], &s, on_token);
        FUZZ_CHECK(rc == 0, "tokenizer returned %d", rc);
    }
    return 0;
}
