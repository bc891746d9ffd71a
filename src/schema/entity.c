/*
 * entity.c — validation and parsing driven by the entity descriptions.
 *
 * Input reaches an entity from three places — JSON bodies, spreadsheet
 * cells and query strings — and all three end here, so a value accepted by
 * the API is exactly a value accepted by an import.  JSON input is typed
 * strictly (a number where a number is due); text input (cells, query
 * strings) is parsed leniently the way people type it: 是/否 or √/×,
 * dates as 2024/5/1 or 2024年5月1日, counts as 1,200 or 3人, full-width
 * digits.  Enumerations are the exception that is lenient everywhere:
 * an option is named by its value, its labels or its synonyms (大专 for
 * 高职专科), folded (core/textfold.h), in JSON as in cells — one lookup,
 * entity_enum_lookup(); a word that names none gets a "did you mean"
 * (entity_enum_suggest()).  docs/import.md lists every accepted word.
 */
#include "schema/entity.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/textfold.h"

const entity_def *entity_find(const char *name)
{
    for (const entity_def *const *d = entity_all; *d; d++)
        if (strcmp((*d)->name, name) == 0)
            return *d;
    return NULL;
}

const field_def *entity_field(const entity_def *d, const char *name)
{
    for (const field_def *f = d->fields; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

const field_def *entity_filter_op(const entity_def *d, const char *key, const char **op)
{
    static const char *const ops[] = {"from", "to", "until", "after", "in", "set", NULL};
    const char *us = strrchr(key, '_');
    char base[64];
    if (!us || us == key || (size_t)(us - key) >= sizeof base)
        return NULL;
    memcpy(base, key, (size_t)(us - key));
    base[us - key] = '\0';
    const field_def *f = entity_field(d, base);
    if (!f || (f->flags & (F_PRIVATE | F_WRITEONLY)))
        return NULL;
    for (const char *const *o = ops; *o; o++) {
        if (strcmp(us + 1, *o) != 0)
            continue;
        bool ok = false;
        if (!strcmp(*o, "in"))
            ok = f->type == FT_ENUM;
        else if (strcmp(*o, "set") != 0)
            ok = f->type == FT_DATE || f->type == FT_TIME || f->type == FT_INT ||
                 f->type == FT_NUM || (f->type == FT_TEXT && (f->flags & F_SORT));
        else
            ok = f->type == FT_IDLIST || f->type == FT_TEXT;
        if (!ok)
            return NULL;
        *op = *o;
        return f;
    }
    return NULL;
}

/* Whether a field of a linked entity is one of its names for ?q=: a
 * searched text that is neither long (a body) nor personal. */
bool entity_name_field(const field_def *f)
{
    return f->type == FT_TEXT && (f->flags & F_SEARCH) && !(f->flags & (F_LONG | F_PRIVATE));
}

/* ?q= reaches through a reference to the names of the record it names —
 * a membership is found by its unit's name, a vote by its agenda item's
 * title, a crosswalk row by its major's and occupation's names.  Not
 * through a personal field (a placement's student): the caller who sees
 * the row may not see whom it names.  Nor into personal rows (students)
 * or rows only some readers may see by name (accounts), unless the caller
 * sees everything (all_readers false). */
const entity_def *entity_q_target(const field_def *f, bool all_readers)
{
    if (!f->ref || (f->flags & (F_PRIVATE | F_WRITEONLY)))
        return NULL;
    if (f->type != FT_REF && f->type != FT_IDLIST && f->type != FT_TEXT)
        return NULL;
    const entity_def *t = entity_find(f->ref);
    if (!t || t->rows_private)
        return NULL;
    if (all_readers && !(t->perm[ACT_READ] & (P_PUBLIC | P_MEMBERS | P_SIGNED_IN)))
        return NULL;
    for (const field_def *nf = t->fields; nf->name; nf++)
        if (entity_name_field(nf))
            return t;
    return NULL;
}

/* The kinds of unit a field may name, one row each. */
static const struct {
    unsigned flag;
    const char *kind, *types, *error;
} unit_kinds[] = {
    {F_SCHOOL, "school", ENTITY_SCHOOL_TYPES,
     "应为学校（中职、高职或本科院校）(must be a school: secondary vocational, higher "
     "vocational or undergraduate)"},
    {F_ENTERPRISE, "enterprise", ",enterprise,", "应为企业 (must be an enterprise)"},
    {F_GOVERNMENT, "government", ",government,", "应为政府部门 (must be a government department)"},
};

static int unit_kind_index(const field_def *f)
{
    for (size_t i = 0; f && i < sizeof unit_kinds / sizeof unit_kinds[0]; i++)
        if (f->flags & unit_kinds[i].flag)
            return (int)i;
    return -1;
}

const char *entity_unit_kind(const field_def *f)
{
    int i = unit_kind_index(f);
    return i < 0 ? NULL : unit_kinds[i].kind;
}

const char *entity_unit_types(const field_def *f)
{
    int i = unit_kind_index(f);
    return i < 0 ? NULL : unit_kinds[i].types;
}

const char *entity_unit_error(const field_def *f)
{
    int i = unit_kind_index(f);
    return i < 0 ? NULL : unit_kinds[i].error;
}

/* ---- enumeration words ------------------------------------------------
 *
 * An option is named by its value, its labels and its synonyms.  The
 * common case — a value or label written as it is — is one strcmp per
 * word; anything else is folded (core/textfold.h) and compared with each
 * word folded the same way.  Words are a few characters, enums a few
 * options: folding them on the spot costs less than keeping a table. */

#define WORD_MAX 256 /* longer text names no option */

/* Call fn(word, ctx) for each word of o (value, labels, synonyms) until it
 * returns true; returns whether one did. */
static bool each_word(const enum_opt *o, bool (*fn)(const char *w, size_t n, void *ctx), void *ctx)
{
    if (fn(o->value, strlen(o->value), ctx) || fn(o->zh, strlen(o->zh), ctx) ||
        (o->en && fn(o->en, strlen(o->en), ctx)))
        return true;
    for (const char *p = o->synonyms; p && *p;) {
        size_t n = strcspn(p, "|");
        if (n && fn(p, n, ctx))
            return true;
        p += n + (p[n] == '|');
    }
    return false;
}

/* w (n bytes) folded for matching into out[WORD_MAX]. */
static void fold_word(const char *w, size_t n, char *out)
{
    char raw[WORD_MAX];
    if (n >= sizeof raw)
        n = sizeof raw - 1;
    memcpy(raw, w, n);
    raw[n] = '\0';
    textfold(raw, out, WORD_MAX, TEXTFOLD_MATCH);
}

static bool word_equals(const char *w, size_t n, void *ctx)
{
    char folded[WORD_MAX];
    fold_word(w, n, folded);
    return strcmp(folded, ctx) == 0;
}

/* The last words that took the folded path, per thread: a file repeats
 * its words (大专 on every row), and the folded path costs a few
 * microseconds where the exact one costs a few nanoseconds. */
#define RECENT_WORDS 8
#define RECENT_LEN 48
static _Thread_local struct {
    const field_def *f;
    char s[RECENT_LEN];
    const enum_opt *o;
} recent[RECENT_WORDS];
static _Thread_local unsigned recent_next;

const enum_opt *entity_enum_lookup(const field_def *f, const char *s)
{
    if (!f->opts || !s)
        return NULL;
    for (const enum_opt *o = f->opts; o->value; o++)
        if (strcmp(o->value, s) == 0 || strcmp(o->zh, s) == 0 || strcasecmp(o->en, s) == 0)
            return o;
    size_t len = strlen(s);
    if (len >= WORD_MAX)
        return NULL;
    for (unsigned i = 0; i < RECENT_WORDS && len < RECENT_LEN; i++)
        if (recent[i].f == f && !strcmp(recent[i].s, s))
            return recent[i].o;
    char folded[WORD_MAX];
    const enum_opt *found = NULL;
    if (textfold(s, folded, sizeof folded, TEXTFOLD_MATCH))
        for (const enum_opt *o = f->opts; o->value && !found; o++)
            if (each_word(o, word_equals, folded))
                found = o;
    if (len < RECENT_LEN) {
        unsigned i = recent_next++ % RECENT_WORDS;
        recent[i].f = f;
        memcpy(recent[i].s, s, len + 1);
        recent[i].o = found;
    }
    return found;
}

/* How far a folded word is from the text: 100 per edit — at most a third
 * of the word's characters (one for words of up to five) and never all of
 * them — or, when one holds the other (本科学历 holds 本科), 60 per
 * character the other has more; SIZE_MAX when neither. */
struct nearness {
    const char *text;
    size_t text_len, best;
};

static bool word_nearness(const char *w, size_t n, void *ctx)
{
    struct nearness *nr = ctx;
    char folded[WORD_MAX];
    fold_word(w, n, folded);
    size_t len = textfold_len(folded);
    if (!len)
        return false;
    size_t score = SIZE_MAX;
    if (len >= 2 && nr->text_len >= 2 && (strstr(nr->text, folded) || strstr(folded, nr->text)))
        score = 60 * (len > nr->text_len ? len - nr->text_len : nr->text_len - len);
    size_t d = textfold_distance(nr->text, folded);
    size_t limit = len <= 5 ? 1 : len / 3;
    if (d <= limit && d < len && d < nr->text_len && 100 * d < score)
        score = 100 * d;
    if (score < nr->best)
        nr->best = score;
    return false;
}

const enum_opt *entity_enum_suggest(const field_def *f, const char *s)
{
    char folded[WORD_MAX];
    if (!f->opts || !s || strlen(s) >= WORD_MAX ||
        !textfold(s, folded, sizeof folded, TEXTFOLD_MATCH))
        return NULL;
    const enum_opt *best = NULL;
    size_t best_score = SIZE_MAX;
    bool tie = false;
    for (const enum_opt *o = f->opts; o->value; o++) {
        struct nearness nr = {folded, textfold_len(folded), SIZE_MAX};
        each_word(o, word_nearness, &nr);
        if (nr.best < best_score) {
            best = o;
            best_score = nr.best;
            tie = false;
        } else if (nr.best == best_score && nr.best != SIZE_MAX) {
            tie = true;
        }
    }
    return tie ? NULL : best;
}

const char *entity_enum_zh(const field_def *f, const char *value)
{
    const enum_opt *o = entity_enum_lookup(f, value);
    return o ? o->zh : value;
}

/* ---- validators -------------------------------------------------------- */

/* GB 32100-2015: 18 characters from a 31-character alphabet (no I, O, S,
 * V, Z); the last is a check character, weights 3^i mod 31. */
int check_credit_code(const char *s, char *msg, size_t n)
{
    static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    if (strlen(s) != 18) {
        snprintf(msg, n,
                 "统一社会信用代码应为 18 位 (a unified social credit code has 18 characters)");
        return -1;
    }
    int sum = 0;
    for (int i = 0; i < 18; i++) {
        const char *p = strchr(alphabet, s[i]);
        if (!p || !s[i]) {
            snprintf(
                msg, n,
                "统一社会信用代码第 %d 位字符无效 (character %d is not allowed; use digits and "
                "capital letters without I, O, S, V, Z)",
                i + 1, i + 1);
            return -1;
        }
        if (i < 17)
            sum += (int)(p - alphabet) * weights[i];
    }
    int check = (31 - sum % 31) % 31;
    if (alphabet[check] != s[17]) {
        snprintf(
            msg, n,
            "统一社会信用代码校验位错误，应为 %c (check character should be %c, GB 32100-2015)",
            alphabet[check], alphabet[check]);
        return -1;
    }
    return 0;
}

int check_region_code(const char *s, char *msg, size_t n)
{
    size_t len = strlen(s);
    bool ok = len == 6;
    for (size_t i = 0; ok && i < len; i++)
        ok = isdigit((unsigned char)s[i]);
    if (!ok) {
        snprintf(msg, n,
                 "行政区划代码应为 6 位数字，如 450200 (a region code has 6 digits, e.g. 450200)");
        return -1;
    }
    /* The first two digits name a province-level division (GB/T 2260). */
    static const int provinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                    35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                    53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
    int p = (s[0] - '0') * 10 + (s[1] - '0');
    for (size_t i = 0; i < sizeof provinces / sizeof *provinces; i++)
        if (provinces[i] == p)
            return 0;
    snprintf(
        msg, n,
        "行政区划代码前两位 %.2s 不是省级行政区 (the first two digits are not a province code, "
        "GB/T 2260)",
        s);
    return -1;
}

int check_email(const char *s, char *msg, size_t n)
{
    const char *at = strchr(s, '@');
    bool ok = at && at != s && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
              s[strlen(s) - 1] != '.' && !strpbrk(s, " \t,;<>()[]\"");
    if (!ok)
        snprintf(
            msg, n,
            "邮箱格式不正确，如 name@example.com (not an e-mail address such as name@example.com)");
    return ok ? 0 : -1;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool ymd_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

bool date_valid(const char *s)
{
    int y, m, d, used = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10)
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    return ymd_valid(y, m, d);
}

/* Number of UTF-8 characters; -1 if the bytes are not valid UTF-8 or hold
 * control characters other than tab/newline (allowed only in long text). */
static long utf8_chars(const char *s, bool multiline)
{
    long n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int len = *p < 0x80         ? 1
                  : (*p >> 5) == 6  ? 2
                  : (*p >> 4) == 14 ? 3
                  : (*p >> 3) == 30 ? 4
                                    : 0;
        if (!len)
            return -1;
        for (int i = 1; i < len; i++)
            if ((p[i] & 0xC0) != 0x80)
                return -1;
        if (len == 1 && *p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' || *p == '\t')))
            return -1;
        p += len;
        n++;
    }
    return n;
}

char *entity_join_tags(const char *s)
{
    static const char *const seps[] = {
        ";", ",", "\xEF\xBC\x9B" /* ； */, "\xE3\x80\x81" /* 、 */, "\xEF\xBC\x8C" /* ， */, NULL};
    buf_t b = {0};
    buf_init(&b);
    const char *p = s;
    for (;;) {
        /* The next separator, whichever comes first. */
        const char *next = NULL;
        size_t seplen = 0;
        for (const char *const *sp = seps; *sp; sp++) {
            const char *q = strstr(p, *sp);
            if (q && (!next || q < next)) {
                next = q;
                seplen = strlen(*sp);
            }
        }
        const char *end = next ? next : p + strlen(p);
        while (p < end && (*p == ' ' || *p == '\t' || !strncmp(p, "\xE3\x80\x80", 3)))
            p += *p == ' ' || *p == '\t' ? 1 : 3;
        const char *e = end;
        while (e > p && (e[-1] == ' ' || e[-1] == '\t' ||
                         (e - p >= 3 && !strncmp(e - 3, "\xE3\x80\x80", 3))))
            e -= e[-1] == ' ' || e[-1] == '\t' ? 1 : 3;
        /* Empty items (";;", a trailing ";") are dropped, as people
         * type lists in spreadsheets. */
        if (e > p) {
            if (b.len)
                buf_puts(&b, "\xE3\x80\x81");
            buf_append(&b, p, (size_t)(e - p));
        }
        if (!next)
            break;
        p = next + seplen;
    }
    return b.data;
}

/* A value of an F_VOCAB field that is not a shipped option: trimmed and
 * passed on as text for the domain to resolve against the row's
 * consortium's options (domain/options.c), which refuses it if it names
 * none. */
static json_t *vocab_text(const char *s, char *msg, size_t n)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    char *t = xstrndup(s, len);
    long chars = utf8_chars(t, false);
    json_t *out = NULL;
    if (chars <= 0 || chars > 100)
        snprintf(msg, n, "取值无效 (not a valid option)");
    else
        out = json_string_nocheck(t);
    free(t);
    return out;
}

/* The message for a word that names no option of f: the word (cut to 40
 * bytes), the option it most likely meant, and the options.  The word is
 * in the message so that an import reports each wrong word once
 * (io/import.c groups equal messages). */
static void enum_error(const field_def *f, const char *s, char *msg, size_t n)
{
    size_t cut = strlen(s);
    if (cut > 40) {
        cut = 40;
        while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    buf_t b = {0};
    buf_init(&b);
    for (const enum_opt *p = f->opts; p->value; p++)
        buf_printf(&b, "%s%s (%s)", p == f->opts ? "" : ", ", p->zh, p->value);
    const enum_opt *g = entity_enum_suggest(f, s);
    if (g)
        snprintf(msg, n,
                 "取值“%.*s”无效，您是不是要写 %s？(“%.*s” is not an option; did you mean %s?) "
                 "可选 (must be one of): %s",
                 (int)cut, s, g->zh, (int)cut, s, g->value, b.data);
    else
        snprintf(msg, n, "取值“%.*s”无效 (“%.*s” is not an option); 可选 (must be one of): %s",
                 (int)cut, s, (int)cut, s, b.data);
    buf_free(&b);
}

/* Check a JSON value for field f; on success returns a new reference to
 * the normalised value, else NULL with msg. */
static json_t *check_value(const field_def *f, json_t *v, char *msg, size_t n)
{
    if (json_is_null(v)) {
        if (f->flags & F_REQUIRED) {
            snprintf(msg, n, "必填 (required)");
            return NULL;
        }
        return json_null();
    }
    switch (f->type) {
    case FT_TEXT: {
        if (!json_is_string(v))
            break;
        const char *s = json_string_value(v);
        /* Trim surrounding blanks: spreadsheets and forms leave them. */
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        char *t = xstrndup(s, len);
        json_t *out = NULL;
        if ((f->flags & F_TAGS) && len) {
            char *joined = entity_join_tags(t);
            free(t);
            t = joined;
        }
        long chars = utf8_chars(t, f->flags & F_LONG);
        if (chars < 0) {
            snprintf(msg, n, "含有无效字符 (invalid or control characters)");
        } else if (chars == 0 && (f->flags & F_REQUIRED)) {
            snprintf(msg, n, "必填 (required)");
        } else if (chars == 0) {
            out = json_null();
        } else if (f->min && chars < f->min) {
            snprintf(msg, n, "至少 %lld 个字 (at least %lld characters)", f->min, f->min);
        } else if (f->max && chars > f->max) {
            snprintf(msg, n, "最多 %lld 个字 (at most %lld characters)", f->max, f->max);
        } else if (f->check && f->check(t, msg, n) != 0) {
            /* msg set by check */
        } else {
            out = json_string_nocheck(t); /* utf8_chars checked it */
        }
        free(t);
        return out;
    }
    case FT_INT:
    case FT_REF: {
        if (!json_is_integer(v))
            break;
        json_int_t i = json_integer_value(v);
        if (f->type == FT_REF && i <= 0) {
            snprintf(msg, n, "编号无效 (not a valid id)");
            return NULL;
        }
        if ((f->min || f->max) && (i < f->min || i > f->max)) {
            snprintf(msg, n, "应在 %lld 到 %lld 之间 (must be between %lld and %lld)", f->min,
                     f->max, f->min, f->max);
            return NULL;
        }
        return json_integer(i);
    }
    case FT_NUM: {
        if (!json_is_number(v))
            break;
        double x = json_number_value(v);
        if (!isfinite(x)) {
            snprintf(msg, n, "应为有限的数 (must be a finite number)");
            return NULL;
        }
        if ((f->min || f->max) && (x < (double)f->min || x > (double)f->max)) {
            snprintf(msg, n, "应在 %lld 到 %lld 之间 (must be between %lld and %lld)", f->min,
                     f->max, f->min, f->max);
            return NULL;
        }
        return json_real(x);
    }
    case FT_BOOL:
        if (!json_is_boolean(v))
            break;
        return json_boolean(json_is_true(v));
    case FT_DATE:
        if (!json_is_string(v))
            break;
        if (!date_valid(json_string_value(v))) {
            snprintf(msg, n, "日期应为 YYYY-MM-DD 格式的有效日期 (a valid date YYYY-MM-DD)");
            return NULL;
        }
        return json_string(json_string_value(v));
    case FT_ENUM: {
        if (!json_is_string(v))
            break;
        const enum_opt *o = entity_enum_lookup(f, json_string_value(v));
        if (!o && (f->flags & F_VOCAB))
            return vocab_text(json_string_value(v), msg, n);
        if (!o) {
            enum_error(f, json_string_value(v), msg, n);
            return NULL;
        }
        return json_string(o->value);
    }
    case FT_IDLIST: {
        if (!json_is_array(v))
            break;
        size_t cnt = json_array_size(v);
        if ((f->min && (long long)cnt < f->min) || (f->max && (long long)cnt > f->max)) {
            snprintf(msg, n, "应有 %lld 到 %lld 项 (needs %lld to %lld entries)", f->min, f->max,
                     f->min, f->max);
            return NULL;
        }
        json_t *out = json_array();
        size_t i;
        json_t *x;
        json_array_foreach (v, i, x) {
            if (!json_is_integer(x) || json_integer_value(x) <= 0) {
                snprintf(msg, n, "第 %zu 项不是有效编号 (entry %zu is not a valid id)", i + 1,
                         i + 1);
                json_decref(out);
                return NULL;
            }
            for (size_t j = 0; j < i; j++)
                if (json_integer_value(json_array_get(v, j)) == json_integer_value(x)) {
                    snprintf(msg, n, "第 %zu 项重复 (entry %zu is a duplicate)", i + 1, i + 1);
                    json_decref(out);
                    return NULL;
                }
            json_array_append_new(out, json_integer(json_integer_value(x)));
        }
        return out;
    }
    case FT_FILELIST: {
        if (!json_is_array(v))
            break;
        size_t cnt = json_array_size(v);
        if ((f->min && (long long)cnt < f->min) || (f->max && (long long)cnt > f->max)) {
            snprintf(msg, n, "应有 %lld 到 %lld 个文件 (needs %lld to %lld files)", f->min, f->max,
                     f->min, f->max);
            return NULL;
        }
        field_def one = *f;
        one.type = FT_FILE;
        one.flags |= F_REQUIRED;
        json_t *out = json_array(), *x;
        size_t i;
        json_array_foreach (v, i, x) {
            json_t *id = check_value(&one, x, msg, n);
            if (!id) {
                snprintf(msg, n,
                         "第 %zu 项应为上传文件的编号（64 位十六进制） (entry %zu must be an "
                         "uploaded file's id: 64 hex digits)",
                         i + 1, i + 1);
                json_decref(out);
                return NULL;
            }
            for (size_t j = 0; j < json_array_size(out); j++)
                if (json_equal(json_array_get(out, j), id)) {
                    snprintf(msg, n, "第 %zu 项重复 (entry %zu is a duplicate)", i + 1, i + 1);
                    json_decref(id);
                    json_decref(out);
                    return NULL;
                }
            json_array_append_new(out, id);
        }
        return out;
    }
    case FT_FILE: {
        if (!json_is_string(v))
            break;
        const char *s = json_string_value(v);
        bool hex = strlen(s) == 64;
        for (const char *p = s; hex && *p; p++)
            hex = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F');
        if (!hex) {
            snprintf(msg, n,
                     "应为上传文件的编号（64 位十六进制） (must be an uploaded file's id: 64 hex "
                     "digits)");
            return NULL;
        }
        char low[65];
        for (int i = 0; i < 65; i++)
            low[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 'a' : s[i]);
        return json_string(low);
    }
    case FT_ID:
    case FT_TIME:
        break;
    }
    static const char *const type_names[] = {[FT_ID] = "id",
                                             [FT_TEXT] = "文本 (a string)",
                                             [FT_INT] = "整数 (an integer)",
                                             [FT_BOOL] = "布尔值 (true/false)",
                                             [FT_DATE] = "日期字符串 (a date string)",
                                             [FT_TIME] = "时间",
                                             [FT_ENUM] = "字符串 (a string)",
                                             [FT_REF] = "编号 (an integer id)",
                                             [FT_IDLIST] = "编号数组 (an array of ids)",
                                             [FT_NUM] = "数 (a number)",
                                             [FT_FILE] = "文件编号 (a file id)",
                                             [FT_FILELIST] = "文件编号数组 (an array of file ids)"};
    snprintf(msg, n, "类型错误，应为%s (wrong type)", type_names[f->type]);
    return NULL;
}

int entity_validate(const entity_def *d, json_t *in, bool create, json_t *out, err_t *e)
{
    char msg[512];
    if (!json_is_object(in))
        return err_set(e, ERR_BAD_REQUEST, "请求体应为 JSON 对象 (the body must be a JSON object)");
    const char *key;
    json_t *v;
    bool bad = false;
    json_object_foreach (in, key, v) {
        const field_def *f = entity_field(d, key);
        if (!f) {
            err_field(e, key, "未知字段 (unknown field)");
            bad = true;
            continue;
        }
        if (f->flags & F_READONLY) {
            err_field(e, key, "只读字段，由系统设置 (read-only, set by the server)");
            bad = true;
            continue;
        }
        if (!create && (f->flags & F_IMMUTABLE)) {
            err_field(e, key, "创建后不可修改 (cannot be changed after creation)");
            bad = true;
            continue;
        }
        msg[0] = '\0';
        json_t *ok = check_value(f, v, msg, sizeof msg);
        if (!ok) {
            err_field(e, key, "%s", msg);
            bad = true;
            continue;
        }
        json_object_set_new(out, key, ok);
    }
    if (create)
        for (const field_def *f = d->fields; f->name; f++)
            if ((f->flags & F_REQUIRED) && !(f->flags & F_READONLY) &&
                !json_object_get(in, f->name)) {
                err_field(e, f->name, "必填 (required)");
                bad = true;
            }
    if (bad)
        return err_set(e, ERR_INVALID, "输入有误，请检查标出的字段 (validation failed)");
    return 0;
}

/* ---- text input (cells, query strings) --------------------------------
 *
 * Text is folded first (core/textfold.h: full-width digits and letters,
 * blanks), then read as offices write it: integers as "1,200" or "3人",
 * booleans as 是/否, Y/N, √/×, 有/无, dates as 2024/9/1, 2024.9.1,
 * 2024年9月1日 or 20240901.  What could mean two things is refused: a
 * comma not between groups of three digits ("1,2"), a unit that scales
 * ("3万"), a time of day that is not midnight. */

static bool parse_int(const char *s, long long *out)
{
    char *end;
    errno = 0;
    while (*s == ' ')
        s++;
    long long v = strtoll(s, &end, 10);
    if (end == s || errno)
        return false;
    /* Spreadsheets may hand us "2024.0". */
    if (*end == '.') {
        end++;
        while (*end == '0')
            end++;
    }
    while (*end == ' ')
        end++;
    if (*end)
        return false;
    *out = v;
    return true;
}

/* Counting words written after a number ("3人", "1,200 元/月"): they say
 * what is counted, never how much. */
static const char *const count_units[] = {
    "元/月", "元/年", "人次", "小时", "学时", "课时", "人", "名", "个", "位", "家",
    "项",    "次",    "元",   "岁",   "年",   "天",   "周", "月", "份", "所", "门",
    "场",    "期",    "届",   "篇",   "件",   "台",   "套", "间", "张", "本", NULL};

/* Folded number text (as textfold leaves it) made plain in place: a
 * counting word after it dropped, commas between groups of three digits
 * removed; false if a comma stands anywhere else. */
static bool plain_number(char *t)
{
    size_t len = strlen(t);
    for (const char *const *u = count_units; len && !isdigit((unsigned char)t[len - 1]) && *u;
         u++) {
        size_t ul = strlen(*u);
        if (len > ul && !strcmp(t + len - ul, *u)) {
            len -= ul;
            while (len && t[len - 1] == ' ')
                len--;
            t[len] = '\0';
            break;
        }
    }
    if (!strchr(t, ','))
        return true;
    /* -?d{1,3}(,ddd)+(.d*)? */
    const char *p = t + (*t == '-' || *t == '+');
    size_t lead = strspn(p, "0123456789");
    if (lead < 1 || lead > 3)
        return false;
    p += lead;
    while (*p == ',') {
        if (strspn(p + 1, "0123456789") != 3 || (p[4] && p[4] != ',' && p[4] != '.'))
            return false;
        p += 4;
    }
    if (*p && *p != '.')
        return false;
    char *w = t;
    for (const char *r = t; *r; r++)
        if (*r != ',')
            *w++ = *r;
    *w = '\0';
    return true;
}

/* y, m, d already checked by ymd_valid; the casts tell the compiler the
 * text fits in 10 characters. */
static void format_ymd(char out[11], int y, int m, int d)
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

/* Digits at *p (at most max) as a number; -1 if none. */
static int take_digits(const char **p, size_t max)
{
    int v = 0;
    size_t n = 0;
    while (n < max && isdigit((unsigned char)(*p)[n]))
        v = v * 10 + ((*p)[n++] - '0');
    *p += n;
    return n ? v : -1;
}

/* The rest of a date cell may be a time of midnight (" 00:00", " 0:00:00"):
 * office suites write date cells so when they save CSV. */
static bool midnight_or_end(const char *p)
{
    if (!*p)
        return true;
    if (*p++ != ' ')
        return false;
    for (int part = 0; part < 3; part++) {
        if (take_digits(&p, 2) != 0)
            return false;
        if (!*p)
            return part >= 1;
        if (*p++ != ':')
            return false;
    }
    return false;
}

static bool parse_date_text(const char *s, char out[11])
{
    const char *p = s;
    int y, m, d;
    /* 20240901 */
    if (strspn(s, "0123456789") == 8) {
        y = take_digits(&p, 4);
        m = take_digits(&p, 2);
        d = take_digits(&p, 2);
    } else {
        y = take_digits(&p, 4);
        const char *sep = p;
        if (!strncmp(p, "年", 3)) { /* 2024年9月1日 */
            p += 3;
            m = take_digits(&p, 2);
            if (strncmp(p, "月", 3))
                return false;
            p += 3;
            d = take_digits(&p, 2);
            if (!strncmp(p, "日", 3) || !strncmp(p, "号", 3))
                p += 3;
        } else if (*sep == '-' || *sep == '/' || *sep == '.') {
            p++;
            m = take_digits(&p, 2);
            if (*p != *sep)
                return false;
            p++;
            d = take_digits(&p, 2);
        } else {
            return false;
        }
    }
    if (!midnight_or_end(p) || !ymd_valid(y, m, d))
        return false;
    format_ymd(out, y, m, d);
    return true;
}

/* 是/否 and the other ways a yes or no is written, folded (lower case, no
 * blanks). */
static int parse_bool_text(const char *s)
{
    static const char *const yes[] = {"1", "true", "yes", "y",  "t",  "是", "√",
                                      "✓", "✔",    "有",  "对", "真", NULL};
    static const char *const no[] = {"0", "false", "no", "n",    "f",  "否", "×",
                                     "✗", "✘",     "无", "没有", "错", "假", NULL};
    char t[32];
    textfold(s, t, sizeof t, TEXTFOLD_MATCH);
    for (const char *const *w = yes; *w; w++)
        if (!strcmp(t, *w))
            return 1;
    for (const char *const *w = no; *w; w++)
        if (!strcmp(t, *w))
            return 0;
    return -1;
}

json_t *entity_parse_text(const field_def *f, const char *s, char *msg, size_t n)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return check_value(f, json_null(), msg, n);
    /* Numbers, dates and flags are short: longer text is refused as it is. */
    char t[128];
    bool folded =
        f->type != FT_TEXT && f->type != FT_ENUM && f->type != FT_TIME && strlen(s) < sizeof t;
    if (folded && !textfold(s, t, sizeof t, 0))
        return check_value(f, json_null(), msg, n);
    const char *in = folded ? t : s;
    json_t *raw = NULL, *out = NULL;
    switch (f->type) {
    case FT_TEXT:
    case FT_ENUM:
        raw = json_string(s);
        break;
    case FT_FILE:
        raw = json_string(in);
        break;
    case FT_INT:
    case FT_REF:
    case FT_ID: {
        long long v;
        if ((f->type == FT_INT && folded && !plain_number(t)) || !parse_int(in, &v)) {
            snprintf(msg, n, "应为整数 (must be an integer): %.40s", s);
            return NULL;
        }
        raw = json_integer(v);
        break;
    }
    case FT_NUM: {
        char *end = NULL;
        double x = 0;
        bool ok = folded && plain_number(t) && *t;
        if (ok) {
            errno = 0;
            x = strtod(t, &end);
            while (*end == ' ')
                end++;
            ok = end != t && !*end && !errno && isfinite(x);
        }
        if (!ok) {
            snprintf(msg, n, "应为数字 (must be a number): %.40s", s);
            return NULL;
        }
        raw = json_real(x);
        break;
    }
    case FT_BOOL: {
        int b = parse_bool_text(in);
        if (b < 0) {
            snprintf(msg, n, "应为 是/否 (must be yes/no): %.40s", s);
            return NULL;
        }
        raw = json_boolean(b);
        break;
    }
    case FT_DATE: {
        char d[11];
        if (!parse_date_text(in, d)) {
            snprintf(msg, n, "日期无效，应为 YYYY-MM-DD (not a valid date YYYY-MM-DD): %.40s", s);
            return NULL;
        }
        raw = json_string(d);
        break;
    }
    case FT_FILELIST: {
        raw = json_array();
        char *copy = xstrdup(in), *save = NULL;
        for (char *tok = strtok_r(copy, ";,；，、 \t\n", &save); tok;
             tok = strtok_r(NULL, ";,；，、 \t\n", &save))
            json_array_append_new(raw, json_string(tok));
        free(copy);
        break;
    }
    case FT_IDLIST: {
        raw = json_array();
        char *copy = xstrdup(in), *save = NULL;
        for (char *tok = strtok_r(copy, ";,；，、 ", &save); tok;
             tok = strtok_r(NULL, ";,；，、 ", &save)) {
            long long v;
            if (!parse_int(tok, &v)) {
                snprintf(msg, n, "应为编号列表 (must be a list of ids): %.40s", tok);
                free(copy);
                json_decref(raw);
                return NULL;
            }
            json_array_append_new(raw, json_integer(v));
        }
        free(copy);
        break;
    }
    case FT_TIME:
        raw = json_string(s);
        break;
    }
    out = f->type == FT_TIME || f->type == FT_ID ? json_incref(raw) : check_value(f, raw, msg, n);
    json_decref(raw);
    return out;
}

/* ---- meta ---------------------------------------------------------------- */

static const char *type_name(field_type t)
{
    static const char *const names[] = {"id",   "text", "integer", "boolean", "date", "datetime",
                                        "enum", "ref",  "idlist",  "number",  "file", "filelist"};
    return names[t];
}

/* Who may do what, as rule names: the UI shows only what a role may do
 * (the server decides all the same). */
static json_t *perm_json(const entity_def *d)
{
    static const char *const acts[ACT__COUNT] = {"read", "create", "update", "delete"};
    static const struct {
        unsigned bit;
        const char *name;
    } rules[] = {
        {P_PUBLIC, "public"},       {P_MEMBERS, "members"},       {P_SECRETARIAT, "secretariat"},
        {P_ORG_ADMIN, "org_admin"}, {P_ORG_STAFF, "org_staff"},   {P_SIGNED_IN, "signed_in"},
        {P_SELF, "self"},           {P_ORG2_STAFF, "org2_staff"}, {P_ADMIN, "platform_admin"},
        {P_AUTHORITY, "authority"}};
    json_t *out = json_object();
    for (int a = 0; a < ACT__COUNT; a++) {
        json_t *list = json_array();
        for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
            if (d->perm[a] & rules[i].bit)
                json_array_append_new(list, json_string(rules[i].name));
        if (!(d->perm[a] & P_ADMIN))
            json_array_append_new(list, json_string("platform_admin"));
        json_object_set_new(out, acts[a], list);
    }
    return out;
}

/* Whether the API may show null for the field (field_null). */
static bool field_nullable(const field_def *f)
{
    if (f->nullable != FN_BY_KIND)
        return f->nullable == FN_NULLABLE;
    return !(f->flags & F_REQUIRED) && f->type != FT_ID && f->type != FT_TIME;
}

/* field_def.example as JSON: a number for numeric fields, else text. */
static json_t *example_json(const field_def *f)
{
    if (f->type == FT_INT)
        return json_integer(strtoll(f->example, NULL, 10));
    if (f->type == FT_NUM)
        return json_real(strtod(f->example, NULL));
    return json_string(f->example);
}

/* The unique keys as lists of field names. */
static json_t *unique_json(const entity_def *d)
{
    json_t *keys = json_array();
    for (int i = 0; i < ENTITY_MAX_UNIQUE && d->unique[i]; i++) {
        json_t *key = json_array();
        for (const char *p = d->unique[i]; *p;) {
            size_t n = strcspn(p, ",");
            json_array_append_new(key, json_stringn(p, n));
            p += n + (p[n] == ',');
        }
        json_array_append_new(keys, key);
    }
    return keys;
}

static json_t *perm_doc_json(const entity_def *d)
{
    static const char *const acts[ACT__COUNT] = {"read", "create", "update", "delete"};
    json_t *out = json_object();
    for (int a = 0; a < ACT__COUNT; a++)
        if (d->perm_doc[a])
            json_object_set_new(out, acts[a], json_string(d->perm_doc[a]));
    return out;
}

json_t *entity_meta_json(void)
{
    json_t *all = json_array();
    for (const entity_def *const *dp = entity_all; *dp; dp++) {
        const entity_def *d = *dp;
        json_t *fields = json_array();
        for (const field_def *f = d->fields; f->name; f++) {
            json_t *jf =
                json_pack("{s:s,s:s,s:s,s:s,s:b,s:b,s:b,s:b,s:b,s:b,s:b}", "name", f->name,
                          "label_zh", f->zh, "label_en", f->en, "type", type_name(f->type),
                          "required", !!(f->flags & F_REQUIRED), "readonly",
                          !!(f->flags & F_READONLY), "immutable", !!(f->flags & F_IMMUTABLE),
                          "filter", !!(f->flags & F_FILTER), "sort", !!(f->flags & F_SORT), "long",
                          !!(f->flags & F_LONG), "private", !!(f->flags & F_PRIVATE));
            json_object_set_new(jf, "nullable", json_boolean(field_nullable(f)));
            if (f->min || f->max) {
                json_object_set_new(jf, "min", json_integer(f->min));
                json_object_set_new(jf, "max", json_integer(f->max));
            }
            if (f->type == FT_FILE || f->type == FT_FILELIST) {
                /* The kinds it takes (all five when the field names none). */
                json_t *kinds = json_array();
                const char *p = f->ref ? f->ref : "pdf|docx|xlsx|png|jpeg";
                while (*p) {
                    size_t len = strcspn(p, "|");
                    json_array_append_new(kinds, json_stringn(p, len));
                    p += len + (p[len] == '|');
                }
                json_object_set_new(jf, "kinds", kinds);
            } else if (f->ref)
                json_object_set_new(jf, f->type == FT_TEXT ? "catalog" : "ref",
                                    json_string(f->ref));
            if (f->flags & F_TAGS)
                json_object_set_new(jf, "tags", json_true());
            if (entity_unit_kind(f))
                json_object_set_new(jf, "unit_kind", json_string(entity_unit_kind(f)));
            if (f->flags & F_SELF_EDIT)
                json_object_set_new(jf, "self_edit", json_true());
            if (f->flags & F_REGISTRAR)
                json_object_set_new(jf, "registrar", json_true());
            if (f->flags & F_WRITEONLY)
                json_object_set_new(jf, "writeonly", json_true());
            if (f->flags & F_SEARCH)
                json_object_set_new(jf, "search", json_true());
            if (entity_q_target(f, true))
                json_object_set_new(jf, "search_names", json_true());
            if (f->flags & F_VOCAB)
                json_object_set_new(jf, "extensible", json_true());
            if (f->opts) {
                json_t *opts = json_array();
                for (const enum_opt *o = f->opts; o->value; o++) {
                    json_t *jo = json_pack("{s:s,s:s,s:s}", "value", o->value, "label_zh", o->zh,
                                           "label_en", o->en);
                    if (o->synonyms) {
                        json_t *syn = json_array();
                        for (const char *p = o->synonyms; *p;) {
                            size_t len = strcspn(p, "|");
                            if (len)
                                json_array_append_new(syn, json_stringn(p, len));
                            p += len + (p[len] == '|');
                        }
                        json_object_set_new(jo, "synonyms", syn);
                    }
                    json_array_append_new(opts, jo);
                }
                json_object_set_new(jf, "options", opts);
            }
            if (f->pattern)
                json_object_set_new(jf, "pattern", json_string(f->pattern));
            if (f->example)
                json_object_set_new(jf, "example", example_json(f));
            if (f->doc)
                json_object_set_new(jf, "doc", json_string(f->doc));
            json_array_append_new(fields, jf);
        }
        json_t *jd = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:o}", "name", d->name, "label_zh",
                               d->zh, "label_en", d->en, "fields", fields, "permissions",
                               perm_json(d), "permissions_doc", perm_doc_json(d), "default_sort",
                               d->default_sort ? d->default_sort : "id", "unique", unique_json(d));
        if (d->workflow)
            json_object_set_new(jd, "workflow", json_true());
        if (d->visibility_field)
            json_object_set_new(jd, "visibility_field", json_string(d->visibility_field));
        entity_import_meta(d, jd);
        json_array_append_new(all, jd);
    }
    return json_pack("{s:o,s:i}", "items", all, "total", (int)json_array_size(all));
}
