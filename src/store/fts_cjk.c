/*
 * fts_cjk.c — the FTS5 tokenizer "cjk_bigram": Chinese (and Japanese,
 * Korean) text indexed as overlapping character pairs, so that a
 * two-character word such as 焊接 is one index term.
 *
 * Why bigrams: Chinese has no spaces, and a dictionary segmenter would
 * split 焊装工作 one way in a document and 焊装 another way in a query.
 * Every two-character word of a text is one of its character pairs, so
 * indexing all pairs finds every occurrence of every word, with no
 * dictionary.  The built-in trigram tokenizer cannot match two characters;
 * unicode61 makes a whole run of Han characters one token.
 *
 * What is emitted, in order:
 *   - a run of CJK characters c1..cn (Han incl. extensions A–G and the
 *     compatibility blocks, 々 〇, kana, hangul syllables): at position p
 *     the pair c1c2 and, colocated with it (FTS5_TOKEN_COLOCATED), the
 *     single c1; at p+1 the pair c2c3 and the single c2; …; at p+n-1 the
 *     single cn.  So every character has one position and one single
 *     token, and every adjacent pair of one run is a token.  A run of one
 *     character is that single.
 *   - a run of ASCII letters and digits (full-width ＡＢ１ folded to ASCII,
 *     Latin-1 letters kept): one token, lower-cased, cut at 64 bytes.
 *   - everything else (spaces, 、，；。 and all other punctuation, symbols,
 *     control characters, invalid UTF-8) separates runs and is dropped.
 *
 * Queries (FTS5_TOKENIZE_QUERY) give one token per position: a run of two
 * or more characters its pairs only, a run of one character the single.
 * The query 焊装工 is the phrase 焊装 装工 (consecutive positions: the
 * characters adjacent in one run), which 负责焊装工作 contains and
 * 焊接、装配 does not; 焊 is the single 焊, found wherever 焊 occurs; PLC焊
 * is the phrase plc 焊, found in PLC焊接.
 *
 * Why singles at every position rather than only at the end of a run
 * with a prefix query 焊* for one character (the cheaper index): FTS5
 * answers a prefix query without a prefix index by merging the doclists
 * of every term 焊X into one in memory before the first row comes out —
 * measured 30 ms for the first page and 45 ms for the count of a
 * character in half of 1 M rows, against 0.2 ms and 20 ms for the single
 * term.  The singles cost index size and build time (on the 1 M-row
 * benchmark data 615 MB instead of 320 MB, 15 s instead of 6.5 s to
 * index), which we take for one-character queries that answer as fast as
 * any word (bench/README.md has the figures).
 *
 * Offsets are byte offsets into the text (a pair spans both characters),
 * so FTS5's highlight()/snippet() and store_search.c's own excerpts cut
 * on character boundaries.
 */
#include <string.h>

#include "store/store_internal.h"

#define TOKEN_MAX 64 /* bytes of one ASCII/Latin token */

enum cls { CLS_SEP, CLS_CJK, CLS_WORD };

/* Decode one UTF-8 character at s (n bytes left); returns its length and
 * sets *cp, or returns 1 with *cp = 0xFFFD for a malformed sequence. */
static int utf8_decode(const unsigned char *s, int n, uint32_t *cp)
{
    unsigned c = s[0];
    int len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c >> 5) == 6) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if ((c >> 4) == 14) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if ((c >> 3) == 30) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n)
        goto bad;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = v;
    return len;
bad:
    *cp = 0xFFFD;
    return 1;
}

static bool is_cjk(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF)                   /* CJK unified ideographs    */
           || (c >= 0x3400 && c <= 0x4DBF)                /* extension A               */
           || (c >= 0xF900 && c <= 0xFAFF)                /* compatibility ideographs  */
           || (c >= 0x20000 && c <= 0x3134F)              /* extensions B–G, compat.   */
           || c == 0x3005 || c == 0x3007                  /* 々 〇                     */
           || (c >= 0x3041 && c <= 0x309F)                /* hiragana                  */
           || (c >= 0x30A0 && c <= 0x30FF && c != 0x30FB) /* katakana, not ・ */
           || (c >= 0xAC00 && c <= 0xD7AF);               /* hangul syllables */
}

/* The class of c; for word characters *fold is what is indexed (ASCII
 * lower case, or 0 to keep the character's own bytes). */
static enum cls classify(uint32_t c, unsigned char *fold)
{
    *fold = 0;
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
            *fold = (unsigned char)(c - 'A' + 'a');
            return CLS_WORD;
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            *fold = (unsigned char)c;
            return CLS_WORD;
        }
        return CLS_SEP;
    }
    if (is_cjk(c))
        return CLS_CJK;
    if (c >= 0xFF10 && c <= 0xFF19) { /* full-width digits */
        *fold = (unsigned char)('0' + (c - 0xFF10));
        return CLS_WORD;
    }
    if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)) {
        *fold = (unsigned char)('a' + (c - (c >= 0xFF41 ? 0xFF41 : 0xFF21)));
        return CLS_WORD;
    }
    if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
        return CLS_WORD; /* Latin-1 and Latin Extended letters, as written */
    return CLS_SEP;
}

int fts_cjk_tokenize(const char *text, int len, bool query, void *ctx, fts_cjk_token_fn emit)
{
    const unsigned char *s = (const unsigned char *)text;
    int i = 0, rc = SQLITE_OK;
    /* The CJK run being read: start and end of its previous character. */
    int prev_start = -1, prev_end = -1;
    bool run_has_pair = false;
    char word[TOKEN_MAX + 4];
    int wlen = 0, wstart = -1, wend = -1;

    while (rc == SQLITE_OK) {
        uint32_t cp = 0;
        int n = 0;
        unsigned char fold = 0;
        enum cls k = CLS_SEP;
        if (i < len) {
            n = utf8_decode(s + i, len - i, &cp);
            k = classify(cp, &fold);
        }
        /* A CJK run ends: its last character alone (documents), or the
         * character itself when the run had only one. */
        if (k != CLS_CJK && prev_start >= 0) {
            if (!query || !run_has_pair)
                rc = emit(ctx, 0, text + prev_start, prev_end - prev_start, prev_start, prev_end);
            prev_start = -1;
            run_has_pair = false;
        }
        if (k != CLS_WORD && wstart >= 0 && rc == SQLITE_OK) {
            rc = emit(ctx, 0, word, wlen, wstart, wend);
            wstart = -1;
            wlen = 0;
        }
        if (i >= len || rc != SQLITE_OK)
            break;
        if (k == CLS_CJK) {
            if (prev_start >= 0) {
                rc = emit(ctx, 0, text + prev_start, i + n - prev_start, prev_start, i + n);
                if (rc == SQLITE_OK && !query)
                    rc = emit(ctx, FTS5_TOKEN_COLOCATED, text + prev_start, prev_end - prev_start,
                              prev_start, prev_end);
                run_has_pair = true;
            }
            prev_start = i;
            prev_end = i + n;
        } else if (k == CLS_WORD) {
            if (wstart < 0)
                wstart = i;
            if (fold && wlen < TOKEN_MAX)
                word[wlen++] = (char)fold;
            else if (!fold && wlen + n <= TOKEN_MAX) {
                memcpy(word + wlen, s + i, (size_t)n);
                wlen += n;
            }
            wend = i + n;
        }
        i += n;
    }
    return rc;
}

/* ---- the FTS5 tokenizer object ------------------------------------------ */

/* No per-table state: every table gets the same (static) object. */
static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    static int dummy;
    (void)ctx;
    (void)argv;
    if (argc > 0)
        return SQLITE_ERROR; /* no options */
    *out = (Fts5Tokenizer *)&dummy;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
    (void)t;
    return fts_cjk_tokenize(text, len, (flags & FTS5_TOKENIZE_QUERY) != 0, ctx, token);
}

int fts_cjk_register(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc; /* SQLite built without FTS5 */
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    rc = sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    return api->xCreateTokenizer(api, "cjk_bigram", NULL, &tok, NULL);
}
