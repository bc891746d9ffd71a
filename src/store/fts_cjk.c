/*
 * fts_cjk.c — the FTS5 tokenizer "cjk_bigram": Chinese (and Japanese,
 * Korean) text indexed by character n-grams, so that a two-character word
 * such as 焊接 is one index term and any word is found as written.
 *
 * Why n-grams: Chinese has no spaces, and a dictionary segmenter would
 * split 焊装工作 one way in a document and 焊装 another way in a query.
 * Every word of a text is a run of its characters, so indexing the
 * character grams finds every occurrence of every word, with no
 * dictionary.  The built-in trigram tokenizer cannot match two characters;
 * unicode61 makes a whole run of Han characters one token.
 *
 * Documents.  Every CJK character (Han incl. extensions A–G and the
 * compatibility blocks, 々 〇, kana, hangul syllables) takes one position.
 * At the position of character c(i) of a run go its single c(i) and,
 * colocated (FTS5_TOKEN_COLOCATED), the pair c(i)c(i+1) and the triple
 * c(i)c(i+1)c(i+2) when the run is that long.  A run of ASCII letters and
 * digits (full-width ＡＢ１ folded to ASCII, Latin-1 letters kept) is one
 * token, lower-cased, cut at 64 bytes.  Everything else — spaces,
 * 、，；。 and all other punctuation, symbols, control characters, invalid
 * UTF-8 — separates runs and gives no token.
 *
 * Queries (FTS5_TOKENIZE_QUERY) give one token per position, the longest
 * gram that fits: 焊 is the single 焊 (found wherever 焊 occurs), 焊装 the
 * pair, 机器人 the triple, 焊装工作 the phrase 焊装工 装工作.  A phrase is
 * consecutive positions, i.e. characters adjacent in one run: 焊装 is in
 * 负责焊装工作 and not in 焊接、装配.  When more tokens follow a run in the
 * same phrase (机器人PLC), the run's last positions get their pair and
 * single too (机器人 器人 人 plc), so that the next token's position is the
 * one the document gives it; at the end of a phrase they add nothing.
 *
 * Why singles at every position, not only at the end of a run with a
 * prefix query 焊* for one character (a smaller index): FTS5 answers a
 * prefix query without a prefix index by merging the doclists of every
 * term 焊X into one in memory before the first row comes out — measured
 * 30 ms for the first page and 45 ms for the count of a character in half
 * of 1 M rows, against 0.2 ms and 20 ms for the single term.
 *
 * Why triples: FTS5 checks a phrase row by row in the position lists of
 * all its tokens, at about twice the cost per match per extra token.  The
 * most common Chinese search words have three or four characters
 * (机器人, 新能源, 工程师, 作业指导书); as one triple or two, instead of
 * two or three pairs, they answer 2–3× faster on 1 M rows (机器人 in 17 %
 * of them: 16 → 6 ms).  The cost is index size and build time: on the
 * benchmark's 1 M rows 610 MB and ~24 s with triples against 433 MB and
 * ~11 s without (bench/README.md).
 *
 * ASCII trigrams (tokenize = 'cjk_bigram ascii_trigrams', demand_fts
 * since migration 029; FTS_CJK_ASCII3).  Colocated with a word's token go
 * its trigrams: every three consecutive characters of the word that fold
 * to ASCII, lower-cased, behind the byte FTS_CJK_TRIGRAM_MARK (which no
 * other token holds, so a search for the word plc never finds splc).  A
 * text that holds an ASCII word q as LIKE '%q%' finds it holds all of q's
 * trigrams, so the documents holding them are a superset of the LIKE's
 * rows, however long the word (the trigrams are taken from the text, not
 * from the token cut at 64 bytes; each has the word's byte range): a
 * list's ?q=PLC takes its candidates
 * from the index (store_search_ids_sql) and checks them by LIKE.  A query
 * phrase that is exactly the mark and three such characters is that one
 * trigram; elsewhere the mark is a separator like any control character.
 *
 * Offsets are byte offsets into the text, so FTS5's highlight()/snippet()
 * and store_search.c's own excerpts cut on character boundaries.
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

/* The CJK run being read: the characters whose position has not been
 * emitted yet (at most three: a position's longest gram needs the two
 * characters after it). */
typedef struct {
    int start[3], end[3]; /* byte range of each character */
    int n;                /* characters held */
    int nrun;             /* characters in the run so far */
} cjk_run;

/* Emit the tokens of the first held character's position, then drop it.
 * Documents: the single, and (colocated) the pair and the triple that
 * start there.  Queries: the longest gram that fits — a triple, or at the
 * end of the run the pair, then the single — but the end's shorter grams
 * only when `more` tokens follow in the same phrase (they keep its
 * positions in step with the document's; at the end of a phrase the last
 * longest gram already holds those characters). */
static int run_emit_first(cjk_run *r, const char *text, bool query, bool more,
                          fts_cjk_token_fn emit, void *ctx)
{
    int rc = SQLITE_OK, s0 = r->start[0];
    if (query) {
        int longest = r->nrun < 3 ? r->nrun : 3;
        if (r->n == longest || more)
            rc = emit(ctx, 0, text + s0, r->end[r->n - 1] - s0, s0, r->end[r->n - 1]);
    } else {
        rc = emit(ctx, 0, text + s0, r->end[0] - s0, s0, r->end[0]);
        for (int k = 1; k < r->n && rc == SQLITE_OK; k++)
            rc = emit(ctx, FTS5_TOKEN_COLOCATED, text + s0, r->end[k] - s0, s0, r->end[k]);
    }
    for (int k = 1; k < r->n; k++) {
        r->start[k - 1] = r->start[k];
        r->end[k - 1] = r->end[k];
    }
    r->n--;
    return rc;
}

/* Whether anything from byte i on gives a token. */
static bool token_follows(const unsigned char *s, int i, int len)
{
    while (i < len) {
        uint32_t cp;
        unsigned char fold;
        int n = utf8_decode(s + i, len - i, &cp);
        if (classify(cp, &fold) != CLS_SEP)
            return true;
        i += n;
    }
    return false;
}

/* Whether every character of s is one the tokenizer indexes character by
 * character (CLS_CJK), and s has at least one.  For such a text a phrase
 * query finds exactly the documents that hold it as written: its
 * characters are adjacent in the document only within one run, where the
 * grams are. */
bool fts_cjk_only(const char *s)
{
    int len = (int)strlen(s), i = 0;
    while (i < len) {
        uint32_t cp;
        unsigned char fold;
        i += utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (classify(cp, &fold) != CLS_CJK)
            return false;
    }
    return len > 0;
}

/* Whether t[0..n) is one trigram as the documents hold it: the mark and
 * three characters [a-z0-9]. */
static bool is_trigram(const char *t, int n)
{
    if (n != 4 || t[0] != FTS_CJK_TRIGRAM_MARK)
        return false;
    for (int i = 1; i < 4; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9')))
            return false;
    return true;
}

/* The trigrams of the word at s[start..end), colocated with its token
 * (and given its byte range): each three consecutive characters that fold
 * to ASCII. */
static int emit_trigrams(const unsigned char *s, int start, int end, void *ctx,
                         fts_cjk_token_fn emit)
{
    char tri[4] = {FTS_CJK_TRIGRAM_MARK};
    int n = 0, rc = SQLITE_OK;
    for (int i = start; i < end && rc == SQLITE_OK;) {
        uint32_t cp;
        unsigned char fold;
        i += utf8_decode(s + i, end - i, &cp);
        classify(cp, &fold);
        if (!fold) {
            n = 0; /* a Latin letter kept as written: no ASCII across it */
            continue;
        }
        if (n == 3) {
            memmove(tri + 1, tri + 2, 2);
            n = 2;
        }
        tri[1 + n++] = (char)fold;
        if (n == 3)
            rc = emit(ctx, FTS5_TOKEN_COLOCATED, tri, 4, start, end);
    }
    return rc;
}

int fts_cjk_tokenize(const char *text, int len, int flags, void *ctx, fts_cjk_token_fn emit)
{
    const unsigned char *s = (const unsigned char *)text;
    bool query = flags & FTS_CJK_QUERY;
    if (query && is_trigram(text, len))
        return emit(ctx, 0, text, len, 0, len);
    int i = 0, rc = SQLITE_OK;
    cjk_run run = {0};
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
        if (k != CLS_CJK && run.nrun > 0) { /* the run ends */
            bool more = query && token_follows(s, i, len);
            while (rc == SQLITE_OK && run.n > 0)
                rc = run_emit_first(&run, text, query, more, emit, ctx);
            run.nrun = 0;
        }
        if (k != CLS_WORD && wstart >= 0 && rc == SQLITE_OK) {
            rc = emit(ctx, 0, word, wlen, wstart, wend);
            if (rc == SQLITE_OK && !query && (flags & FTS_CJK_ASCII3))
                rc = emit_trigrams(s, wstart, wend, ctx, emit);
            wstart = -1;
            wlen = 0;
        }
        if (i >= len || rc != SQLITE_OK)
            break;
        if (k == CLS_CJK) {
            run.start[run.n] = i;
            run.end[run.n] = i + n;
            run.n++;
            run.nrun++;
            if (run.n == 3)
                rc = run_emit_first(&run, text, query, false, emit, ctx);
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

/* A table's tokenizer is its document flags: 0, or FTS_CJK_ASCII3 with
 * the one option "ascii_trigrams" (static objects, nothing to free). */
static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    static const int plain = 0, ascii3 = FTS_CJK_ASCII3;
    (void)ctx;
    if (argc == 0)
        *out = (Fts5Tokenizer *)&plain;
    else if (argc == 1 && !strcmp(argv[0], "ascii_trigrams"))
        *out = (Fts5Tokenizer *)&ascii3;
    else
        return SQLITE_ERROR;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
    return fts_cjk_tokenize(
        text, len, *(const int *)t | (flags & FTS5_TOKENIZE_QUERY ? FTS_CJK_QUERY : 0), ctx, token);
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
    rc = api->xCreateTokenizer(api, "cjk_bigram", NULL, &tok, NULL);
    return rc == SQLITE_OK ? store_tech_rank_register(api) : rc;
}
