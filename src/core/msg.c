/*
 * msg.c — see msg.h.  The splitter reads a message once into its top-level
 * parenthesised groups (quote-aware, nesting counted), decides which are
 * English parts, and writes the language asked for; a group's own text
 * and the Chinese text before a part are split the same way, recursively,
 * so parts may nest.  Everything works on byte ranges of the one string;
 * nothing is allocated but the output buffers.
 */
#include "core/msg.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

/* ---- languages ------------------------------------------------------------- */

const char *msg_lang_tag(msg_lang lang)
{
    return lang == MSG_EN ? "en" : "zh-CN";
}

msg_lang msg_lang_locale(const char *locale)
{
    return locale && (locale[0] == 'e' || locale[0] == 'E') &&
                   (locale[1] == 'n' || locale[1] == 'N') &&
                   (locale[2] == '\0' || locale[2] == '_' || locale[2] == '-' || locale[2] == '.')
               ? MSG_EN
               : MSG_ZH;
}

/* q of ";q=0.8" parameters (RFC 9110 12.4.2): 0..1000, 1000 when absent,
 * -1 when unreadable. */
static int quality(const char *p, const char *end)
{
    while (p < end) {
        while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
            p++;
        if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
            p += 2;
            if (p < end && *p == '1')
                return 1000;
            if (p >= end || *p != '0')
                return -1;
            p++;
            int q = 0, scale = 100;
            if (p < end && *p == '.')
                for (p++; p < end && *p >= '0' && *p <= '9' && scale; p++, scale /= 10)
                    q += (*p - '0') * scale;
            return q;
        }
        while (p < end && *p != ';')
            p++;
    }
    return 1000;
}

msg_lang msg_lang_accept(const char *h)
{
    int best_q = 0;
    msg_lang best = MSG_ZH;
    if (!h)
        return MSG_ZH;
    for (const char *p = h; *p;) {
        const char *end = p + strcspn(p, ",");
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        size_t n = strcspn(p, ";, \t");
        if ((size_t)(end - p) < n)
            n = (size_t)(end - p);
        int is = -1;
        if (n >= 2 && (n == 2 || p[2] == '-')) {
            if (!strncasecmp(p, "zh", 2))
                is = MSG_ZH;
            else if (!strncasecmp(p, "en", 2))
                is = MSG_EN;
        }
        int q = quality(p + n, end);
        if (is >= 0 && q > best_q) {
            best_q = q;
            best = (msg_lang)is;
        }
        p = *end ? end + 1 : end;
    }
    return best;
}

/* ---- characters ------------------------------------------------------------ */

/* The code point at s[*i] (within e), moving *i past it; a broken byte
 * is its own value. */
static uint32_t next_cp(const char *s, size_t *i, size_t e)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = e - *i;
    if (p[0] < 0x80 || left < 2) {
        (*i)++;
        return p[0];
    }
    if ((p[0] >> 5) == 6 && (p[1] & 0xC0) == 0x80) {
        *i += 2;
        return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if ((p[0] >> 4) == 14 && left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        *i += 3;
        return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    if ((p[0] >> 3) == 30 && left >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
        (p[3] & 0xC0) == 0x80) {
        *i += 4;
        return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
               ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }
    (*i)++;
    return p[0];
}

static bool is_ideograph(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* Ideographs, CJK punctuation (、。「」《》…) and full-width forms (，：（）). */
static bool is_cjk(uint32_t c)
{
    return is_ideograph(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65);
}

#define OPEN_QUOTE 0x201C  /* “ */
#define CLOSE_QUOTE 0x201D /* ” */

static bool has_ideograph(const char *s, size_t b, size_t e)
{
    for (size_t i = b; i < e;)
        if (is_ideograph(next_cp(s, &i, e)))
            return true;
    return false;
}

bool msg_has_cjk(const char *s)
{
    int q = 0;
    size_t e = strlen(s);
    for (size_t i = 0; i < e;) {
        uint32_t c = next_cp(s, &i, e);
        if (c == OPEN_QUOTE)
            q++;
        else if (c == CLOSE_QUOTE && q > 0)
            q--;
        else if (q == 0 && is_cjk(c))
            return true;
    }
    return false;
}

static bool has_latin(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
            return true;
    return false;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* ---- the splitter ---------------------------------------------------------- */

#define MAX_PARTS 64
/* Parts nest at most this deep (a message in a message in a message);
 * deeper parentheses are text.  Each level reads its text again, so the
 * bound keeps a hostile value ("((((…" in a path or a cell) from making
 * the work grow with its depth. */
#define MAX_DEPTH 3
/* Longer text is left as it is (messages are at most a few KB). */
#define MAX_TEXT 16384

typedef struct {
    size_t open, close; /* the '(' and ')' of an English part */
} part;

static void pick_range(const char *s, size_t b, size_t e, msg_lang lang, int depth, buf_t *out);

/* The ')' closing the '(' at s[i], or e when none does before e.
 * Parentheses inside “quotes” do not count. */
static size_t closing(const char *s, size_t i, size_t e)
{
    int depth = 0, q = 0;
    for (size_t j = i; j < e;) {
        size_t at = j;
        uint32_t c = next_cp(s, &j, e);
        if (c == OPEN_QUOTE)
            q++;
        else if (c == CLOSE_QUOTE && q > 0)
            q--;
        else if (q == 0 && c == '(')
            depth++;
        else if (q == 0 && c == ')' && --depth == 0)
            return at;
    }
    return e;
}

/* Whether the group s[open..close] reads as English: its text, itself
 * put into English, has a Latin letter and nothing Chinese outside
 * quotes. */
static bool english_group(const char *s, size_t open, size_t close, int depth)
{
    buf_t t;
    buf_init(&t);
    pick_range(s, open + 1, close, MSG_EN, depth + 1, &t);
    bool yes = has_latin(t.data) && !msg_has_cjk(t.data);
    buf_free(&t);
    return yes;
}

/* Only blanks and punctuation between b and e (no letter, digit or
 * Chinese character): two parts with nothing between them. */
static bool only_gap(const char *s, size_t b, size_t e)
{
    for (size_t i = b; i < e;) {
        uint32_t c = next_cp(s, &i, e);
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            is_ideograph(c))
            return false;
    }
    return true;
}

/* The English parts of s[b..e), in order; their number. */
static size_t find_parts(const char *s, size_t b, size_t e, int depth, part *parts)
{
    size_t n = 0, seg = b; /* seg: where the current Chinese text begins */
    int q = 0;
    for (size_t i = b; i < e;) {
        size_t at = i;
        uint32_t c = next_cp(s, &i, e);
        if (c == OPEN_QUOTE) {
            q++;
            continue;
        }
        if (c == CLOSE_QUOTE && q > 0) {
            q--;
            continue;
        }
        if (q || c != '(')
            continue;
        size_t close = closing(s, at, e);
        if (close >= e)
            continue;
        if (english_group(s, at, close, depth)) {
            /* A part right after a part, nothing between: the earlier one
             * belongs to this one's Chinese text. */
            while (n > 0 && !has_ideograph(s, seg, at) && only_gap(s, seg, at)) {
                n--;
                seg = n ? parts[n - 1].close + 1 : b;
            }
            if (has_ideograph(s, seg, at) && n < MAX_PARTS) {
                parts[n].open = at;
                parts[n++].close = close;
                seg = close + 1;
            }
        }
        i = close + 1;
    }
    return n;
}

/* Separator text put into English: Chinese punctuation as ASCII, blanks
 * collapsed. */
static void put_separator(const char *s, size_t b, size_t e, buf_t *out)
{
    for (size_t i = b; i < e;) {
        size_t at = i;
        uint32_t c = next_cp(s, &i, e);
        const char *ascii = c == 0xFF0C || c == 0x3001 ? ", "
                            : c == 0xFF1B              ? "; "
                            : c == 0xFF1A              ? ": "
                            : c == 0x3002              ? ". "
                                                       : NULL;
        if (ascii)
            buf_puts(out, ascii);
        else if (blank(s[at]) && out->len && blank(out->data[out->len - 1]))
            continue;
        else
            buf_append(out, s + at, i - at);
    }
}

static bool separator_cp(uint32_t c)
{
    return c == ':' || c == ';' || c == ',' || c == 0x2014 /* — */ || c == 0xFF0C || c == 0xFF1B ||
           c == 0xFF1A || c == 0x3001 || c == 0x3002;
}

/* The English of the Chinese text s[b..e) before a part: the separator
 * it begins with, up to and with the last separator character before its
 * first Chinese character ("; 可选" → "; ", "row 3: XML 错误" →
 * "row 3: "); the rest is the Chinese part's own and its English says it. */
static void english_lead(const char *s, size_t b, size_t e, bool first, buf_t *out)
{
    size_t keep = b; /* end of what is kept */
    for (size_t i = b; i < e;) {
        uint32_t c = next_cp(s, &i, e);
        if (is_ideograph(c))
            break;
        if (separator_cp(c)) {
            keep = i;
            while (keep < e && blank(s[keep]))
                keep++;
        }
    }
    size_t before = out->len;
    put_separator(s, b, keep, out);
    if (out->len == before) {
        if (!first)
            buf_puts(out, " ");
    } else if (!blank(out->data[out->len - 1])) {
        buf_puts(out, " ");
    }
}

static void trim_right(buf_t *b)
{
    while (b->len && blank(b->data[b->len - 1]))
        b->data[--b->len] = '\0';
}

static void pick_range(const char *s, size_t b, size_t e, msg_lang lang, int depth, buf_t *out)
{
    part parts[MAX_PARTS];
    if (depth > MAX_DEPTH || e - b > MAX_TEXT) {
        buf_append(out, s + b, e - b);
        return;
    }
    size_t n = find_parts(s, b, e, depth, parts);
    size_t cur = b;
    for (size_t k = 0; k < n; k++) {
        if (lang == MSG_ZH) {
            size_t z = parts[k].open;
            while (z > cur && blank(s[z - 1]))
                z--;
            pick_range(s, cur, z, MSG_ZH, depth + 1, out);
        } else {
            english_lead(s, cur, parts[k].open, k == 0, out);
            pick_range(s, parts[k].open + 1, parts[k].close, MSG_EN, depth + 1, out);
        }
        cur = parts[k].close + 1;
        /* "(required): x" → "：x" in Chinese. */
        if (lang == MSG_ZH && cur < e && strchr(":;,", s[cur]) &&
            (cur + 1 == e || blank(s[cur + 1]))) {
            buf_puts(out, s[cur] == ':' ? "：" : s[cur] == ';' ? "；" : "，");
            cur++;
            while (cur < e && blank(s[cur]))
                cur++;
        }
    }
    if (n && lang == MSG_EN)
        put_separator(s, cur, e, out);
    else
        buf_append(out, s + cur, e - cur);
}

char *msg_pick(const char *s, msg_lang lang)
{
    if (!s)
        return xstrdup("");
    buf_t out;
    buf_init(&out);
    pick_range(s, 0, strlen(s), lang, 0, &out);
    trim_right(&out);
    size_t lead = 0;
    while (lead < out.len && blank(out.data[lead]))
        lead++;
    char *r = xstrdup(out.data + lead);
    buf_free(&out);
    return r;
}

void msg_split(const char *s, char **zh, char **en)
{
    *zh = msg_pick(s, MSG_ZH);
    *en = msg_pick(s, MSG_EN);
}

/* ---- JSON ------------------------------------------------------------------ */

void msg_localize_key(json_t *o, const char *key, msg_lang lang)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return;
    char *t = msg_pick(json_string_value(v), lang);
    json_object_set_new(o, key, json_string(t));
    free(t);
}

/* The "message" of every object within v. */
static void localize_messages(json_t *v, msg_lang lang)
{
    size_t i;
    const char *k;
    json_t *x;
    if (json_is_array(v)) {
        json_array_foreach (v, i, x)
            localize_messages(x, lang);
    } else if (json_is_object(v)) {
        msg_localize_key(v, "message", lang);
        json_object_foreach (v, k, x)
            if (json_is_array(x) || json_is_object(x))
                localize_messages(x, lang);
    }
}

void msg_localize_details(json_t *details, msg_lang lang)
{
    const char *k;
    json_t *v;
    if (!json_is_object(details))
        return;
    json_object_foreach (details, k, v) {
        if (json_is_string(v)) {
            char *t = msg_pick(json_string_value(v), lang);
            json_string_set(v, t);
            free(t);
        } else {
            localize_messages(v, lang);
        }
    }
}
