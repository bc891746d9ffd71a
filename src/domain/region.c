/*
 * region.c — resolving typed place names to GB/T 2260 codes (region.h).
 *
 * Every region has up to two forms: its name and its short name (the
 * administrative suffix and the ethnic names before it taken off:
 * 广西壮族自治区 → 广西, 融水苗族自治县 → 融水, 柳州市 → 柳州; a short
 * name of one character is no name, 城区 has none).  The placeholders of
 * the municipalities (市辖区, 县) have no form: nobody types them.  A hash
 * from form to the regions that have it is built once.
 *
 * Reading a cell: blanks and separators (/ - · 、 , ，) go, a leading 中国
 * too.  Then for every split of the text into a prefix and a last part,
 * the regions whose form is the last part are candidates if the prefix is
 * their ancestors' forms in order, any level left out (广西鱼峰区).  A
 * reading's cost is the number of short forms it used; the cheapest
 * distinct regions win, and more than one is "ambiguous".  The cell has
 * at most a few dozen characters, so this is a few dozen hash look-ups.
 */
#include "domain/region.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/textfold.h"
#include "store/store.h"

typedef struct {
    char code[8];
    char *name, *full_name, *shortname; /* shortname may be NULL */
    char *joined;                       /* full_name without blanks */
    size_t len[3];                      /* characters of name, shortname, joined */
    int parent;                         /* index, or -1 */
    bool placeholder;                   /* 市辖区, 县 */
} region_row;

typedef struct {
    int region, next; /* next: index into forms, -1 at the end */
    bool is_short;
} form_entry;

struct region_index {
    region_row *rows;
    size_t n;
    strmap by_code; /* code → index */
    strmap by_form; /* form → first form_entry + 1 */
    form_entry *forms;
    size_t nforms;
};

/* Administrative suffixes, longest first (so 自治区 before 区). */
static const char *const suffixes[] = {"特别行政区", "自治区", "自治州", "自治县", "自治旗",
                                       "新区",       "地区",   "林区",   "特区",   "省",
                                       "市",         "盟",     "县",     "区",     "旗"};

/* The ethnic groups that appear in the names of autonomous regions,
 * prefectures, counties and banners, longest first within a prefix. */
static const char *const peoples[] = {
    "柯尔克孜", "乌孜别克", "维吾尔", "哈萨克", "塔吉克", "达斡尔", "鄂温克", "鄂伦春",
    "俄罗斯",   "塔塔尔",   "土家",   "蒙古",   "布依",   "朝鲜",   "哈尼",   "傈僳",
    "拉祜",     "纳西",     "景颇",   "仫佬",   "布朗",   "撒拉",   "毛南",   "仡佬",
    "锡伯",     "阿昌",     "普米",   "德昂",   "保安",   "裕固",   "独龙",   "赫哲",
    "门巴",     "珞巴",     "基诺",   "东乡",   "高山",   "回",     "藏",     "苗",
    "彝",       "壮",       "满",     "侗",     "瑶",     "白",     "傣",     "黎",
    "佤",       "畲",       "水",     "土",     "羌",     "怒",     "京",     "各"};

static bool ends_with(const char *s, size_t len, const char *suf, size_t *cut)
{
    size_t n = strlen(suf);
    if (len < n || memcmp(s + len - n, suf, n))
        return false;
    *cut = len - n;
    return true;
}

/* The number of characters in the first len bytes of s (UTF-8). */
static size_t chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The short form of name into out (n bytes); false if it has none. */
static bool short_name(const char *name, char *out, size_t n)
{
    size_t len = strlen(name), cut;
    bool stripped = false;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
        if (ends_with(name, len, suffixes[i], &cut)) {
            len = cut;
            stripped = true;
            break;
        }
    if (!stripped)
        return false;
    /* Peoples before an autonomous suffix: 黔东南苗族侗族 → 黔东南. */
    for (bool again = true; again;) {
        again = false;
        size_t l2 = len;
        bool zu = ends_with(name, l2, "族", &cut);
        if (zu)
            l2 = cut;
        for (size_t i = 0; i < sizeof peoples / sizeof *peoples; i++)
            if (ends_with(name, l2, peoples[i], &cut) && chars(name, cut) >= 2) {
                /* A one-character people only with 族 (水族, not 丽水). */
                if (!zu && textfold_len(peoples[i]) < 2)
                    continue;
                len = cut;
                again = true;
                break;
            }
    }
    if (len >= n)
        return false;
    memcpy(out, name, len);
    out[len] = '\0';
    return textfold_len(out) >= 2;
}

static void add_form(region_index *ix, const char *form, int region, bool is_short)
{
    bool added;
    strmap_slot *s = strmap_put(&ix->by_form, form, &added);
    ix->forms[ix->nforms] = (form_entry){region, added ? -1 : (int)s->v.i - 1, is_short};
    s->v.i = (int64_t)++ix->nforms;
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

region_index *region_index_load(db_conn *sc, err_t *e)
{
    json_t *items = NULL;
    if (store_region_all(sc, &items, e) != 0)
        return NULL;
    region_index *ix = xcalloc(1, sizeof *ix);
    ix->n = json_array_size(items);
    ix->rows = xcalloc(ix->n ? ix->n : 1, sizeof *ix->rows);
    ix->forms = xcalloc(ix->n * 2 + 1, sizeof *ix->forms);
    strmap_init(&ix->by_code);
    strmap_init(&ix->by_form);
    for (size_t i = 0; i < ix->n; i++) {
        json_t *o = json_array_get(items, i);
        region_row *r = &ix->rows[i];
        snprintf(r->code, sizeof r->code, "%s", jstr(o, "code"));
        r->name = xstrdup(jstr(o, "name"));
        r->full_name = xstrdup(*jstr(o, "full_name") ? jstr(o, "full_name") : r->name);
        r->placeholder = !strcmp(r->name, "市辖区") || !strcmp(r->name, "县");
        strmap_put(&ix->by_code, r->code, NULL)->v.i = (int64_t)i;
    }
    for (size_t i = 0; i < ix->n; i++) {
        region_row *r = &ix->rows[i];
        strmap_slot *p = strmap_get(&ix->by_code, jstr(json_array_get(items, i), "parent_code"));
        r->parent = p ? (int)p->v.i : -1;
        if (r->placeholder)
            continue;
        char form[128];
        add_form(ix, r->name, (int)i, false);
        if (short_name(r->name, form, sizeof form) && strcmp(form, r->name)) {
            r->shortname = xstrdup(form);
            add_form(ix, form, (int)i, true);
        }
        char joined[256];
        textfold(r->full_name, joined, sizeof joined, TEXTFOLD_MATCH);
        r->joined = xstrdup(joined);
        r->len[0] = textfold_len(r->name);
        r->len[1] = r->shortname ? textfold_len(r->shortname) : 0;
        r->len[2] = textfold_len(r->joined);
    }
    json_decref(items);
    return ix;
}

void region_index_free(region_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n; i++) {
        free(ix->rows[i].name);
        free(ix->rows[i].full_name);
        free(ix->rows[i].shortname);
        free(ix->rows[i].joined);
    }
    free(ix->rows);
    free(ix->forms);
    strmap_free(&ix->by_code);
    strmap_free(&ix->by_form);
    free(ix);
}

size_t region_index_size(const region_index *ix)
{
    return ix ? ix->n : 0;
}

/* Whether p (len bytes) reads as forms of chain[top], chain[top - 1], …
 * chain[0] in that order (outermost first), each at most once and any left
 * out; the fewest short forms such a reading uses go to *shorts. */
static bool read_chain(const region_index *ix, const int *chain, int top, const char *p, size_t len,
                       int *shorts)
{
    if (len == 0) {
        *shorts = 0;
        return true;
    }
    bool found = false;
    for (int k = top; k >= 0; k--) {
        const region_row *a = &ix->rows[chain[k]];
        const char *forms[2] = {a->placeholder ? NULL : a->name, a->shortname};
        for (int f = 0; f < 2; f++) {
            size_t fl = forms[f] ? strlen(forms[f]) : 0;
            int rest;
            if (fl && fl <= len && !memcmp(p, forms[f], fl) &&
                read_chain(ix, chain, k - 1, p + fl, len - fl, &rest) &&
                (!found || f + rest < *shorts)) {
                *shorts = f + rest;
                found = true;
            }
        }
    }
    return found;
}

/* Whether prefix (len bytes) is the forms of region r's ancestors from the
 * province down (read_chain). */
static bool prefix_matches(const region_index *ix, int r, const char *prefix, size_t len,
                           int *shorts)
{
    int chain[4], nchain = 0; /* ancestors, innermost first */
    for (int p = ix->rows[r].parent; p >= 0 && nchain < 4; p = ix->rows[p].parent)
        chain[nchain++] = p;
    return read_chain(ix, chain, nchain - 1, prefix, len, shorts);
}

static void fold_cell(const char *text, char *out, size_t n)
{
    char t[256];
    textfold(text, t, sizeof t, TEXTFOLD_MATCH);
    static const char *const drop[] = {"/", "-", "·", "、", ",", "，", "－", "—", "|", ">"};
    const char *p = t;
    if (!strncmp(p, "中华人民共和国", strlen("中华人民共和国")))
        p += strlen("中华人民共和国");
    else if (!strncmp(p, "中国", strlen("中国")))
        p += strlen("中国");
    size_t o = 0;
    while (*p && o + 1 < n) {
        bool skipped = false;
        for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
            if (!strncmp(p, drop[i], strlen(drop[i]))) {
                p += strlen(drop[i]);
                skipped = true;
                break;
            }
        if (!skipped)
            out[o++] = *p++;
    }
    out[o] = '\0';
}

/* A run of exactly six ASCII digits in s, into code; false if none. */
static bool find_code(const char *s, char *code)
{
    for (const char *p = s; *p;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        const char *q = p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q - p == 6) {
            memcpy(code, p, 6);
            code[6] = '\0';
            return true;
        }
        p = q;
    }
    return false;
}

bool region_label(const region_index *ix, const char *code, char *out, size_t n)
{
    strmap_slot *s = ix ? strmap_get(&ix->by_code, code) : NULL;
    if (!s) {
        snprintf(out, n, "%s", code);
        return false;
    }
    const region_row *r = &ix->rows[s->v.i];
    snprintf(out, n, "%s %s", r->placeholder ? r->full_name : r->name, r->code);
    return true;
}

/* "广西壮族自治区 柳州市 450200": a suggestion or an ambiguous reading. */
static void list_place(buf_t *b, const region_row *r, bool first)
{
    /* Quoted, so that the English side of a message may name it too. */
    buf_printf(b, "%s“%s %s”", first ? "" : "、", r->full_name, r->code);
}

/* The regions nearest to t by edit distance (name, short name or full
 * name without blanks), at most 3, into msg. */
static void suggest(const region_index *ix, const char *t, char *msg, size_t n)
{
    int best[3] = {-1, -1, -1};
    size_t bestd[3] = {0, 0, 0};
    size_t tl = textfold_len(t), limit = tl <= 3 ? 1 : tl / 3 + 1;
    for (size_t i = 0; i < ix->n; i++) {
        const region_row *r = &ix->rows[i];
        if (r->placeholder)
            continue;
        const char *forms[3] = {r->name, r->shortname, r->joined};
        size_t d = SIZE_MAX;
        for (int k = 0; k < 3; k++) {
            /* The distance is at least the difference in length. */
            size_t fl = r->len[k];
            if (!forms[k] || (fl > tl ? fl - tl : tl - fl) > limit)
                continue;
            size_t dk = textfold_distance(t, forms[k]);
            if (dk < d)
                d = dk;
        }
        if (d > limit)
            continue;
        for (int k = 0; k < 3; k++)
            if (best[k] < 0 || d < bestd[k]) {
                for (int m = 2; m > k; m--) {
                    best[m] = best[m - 1];
                    bestd[m] = bestd[m - 1];
                }
                best[k] = (int)i;
                bestd[k] = d;
                break;
            }
    }
    buf_t l = {0};
    buf_init(&l);
    for (int k = 0; k < 3 && best[k] >= 0; k++)
        list_place(&l, &ix->rows[best[k]], k == 0);
    buf_t b = {0};
    buf_init(&b);
    if (best[0] >= 0)
        buf_printf(&b,
                   "找不到地点“%.60s”；您是不是要写 %s？ (no such place “%.60s” in GB/T 2260; "
                   "did you mean %s?)",
                   t, l.data, t, l.data);
    else
        buf_printf(&b,
                   "找不到地点“%.60s”；请写省、市、区县的名称或 6 位代码 (no such place “%.60s” in "
                   "GB/T 2260; write the province, city or county, or the 6-digit code)",
                   t, t);
    buf_free(&l);
    snprintf(msg, n, "%s", b.data);
    buf_free(&b);
}

int region_resolve(const region_index *ix, const char *text, char *code, char *msg, size_t n)
{
    char t[256];
    fold_cell(text ? text : "", t, sizeof t);
    code[0] = '\0';
    if (find_code(t, code)) {
        if (strmap_get(&ix->by_code, code))
            return 0;
        snprintf(msg, n, "行政区划代码“%s”不存在 (no such region code in GB/T 2260)", code);
        code[0] = '\0';
        return -1;
    }
    if (!*t) {
        snprintf(msg, n, "地点为空 (no place given)");
        return -1;
    }
    enum { MAXC = 16 };
    int cand[MAXC], cost[MAXC], nc = 0, bestcost = 1000;
    size_t len = strlen(t);
    for (size_t k = 0; k < len; k++) {
        if (((unsigned char)t[k] & 0xC0) == 0x80)
            continue; /* not at a character boundary */
        strmap_slot *s = strmap_get(&ix->by_form, t + k);
        for (int e = s ? (int)s->v.i - 1 : -1; e >= 0; e = ix->forms[e].next) {
            int shorts;
            const form_entry *fe = &ix->forms[e];
            if (!prefix_matches(ix, fe->region, t, k, &shorts))
                continue;
            int c = shorts + fe->is_short;
            bool seen = false;
            for (int i = 0; i < nc; i++)
                if (cand[i] == fe->region) {
                    if (c < cost[i])
                        cost[i] = c;
                    seen = true;
                }
            if (!seen && nc < MAXC) {
                cand[nc] = fe->region;
                cost[nc++] = c;
            }
            if (c < bestcost)
                bestcost = c;
        }
    }
    int winners[MAXC], nw = 0;
    for (int i = 0; i < nc; i++)
        if (cost[i] == bestcost)
            winners[nw++] = cand[i];
    if (nw == 1) {
        memcpy(code, ix->rows[winners[0]].code, 7);
        return 0;
    }
    if (nw == 0) {
        suggest(ix, t, msg, n);
        return -1;
    }
    buf_t b = {0};
    buf_init(&b);
    buf_t l = {0};
    buf_init(&l);
    for (int i = 0; i < nw && i < 3; i++)
        list_place(&l, &ix->rows[winners[i]], i == 0);
    buf_printf(&b,
               "“%.60s”可指 %d 处：%s；您是不是要写其中之一？请加上省、市名称或写 6 位代码 "
               "(“%.60s” names %d "
               "places: %s; did you mean one of them? add the province or city, or write the code)",
               t, nw, l.data, t, nw, l.data);
    buf_free(&l);
    snprintf(msg, n, "%s", b.data);
    buf_free(&b);
    return -1;
}

bool region_catalog_label(db_conn *sc, const char *catalog, const char *code, char *out, size_t n)
{
    char name[256];
    if (!code || !*code || !store_catalog_name(sc, catalog, code, name, sizeof name, NULL, 0)) {
        snprintf(out, n, "%s", code ? code : "");
        return false;
    }
    snprintf(out, n, "%s %s", name, code);
    return true;
}
