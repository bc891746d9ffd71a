/* test_msg.c — one language at a time (core/msg.h): the splitter on the
 * messages Chanjiao builds (pieces, nesting, values with parentheses,
 * quoted values), Accept-Language and LANG, the error details; and every
 * bilingual literal of src/ — read from the sources themselves — splits
 * into a Chinese part with no Latin word the English part does not also
 * name (identifiers, codes) and an English part with nothing Chinese
 * outside quoted values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/msg.h"
#include "core/util.h"

static void expect(const char *s, const char *zh, const char *en)
{
    char *z = msg_pick(s, MSG_ZH), *e = msg_pick(s, MSG_EN);
    if (strcmp(z, zh) || strcmp(e, en))
        fprintf(stderr, "%s\n  zh: %s\n  en: %s\n", s, z, e);
    assert_string_equal(z, zh);
    assert_string_equal(e, en);
    free(z);
    free(e);
}

static void test_pick(void **state)
{
    (void)state;
    expect("必填 (required)", "必填", "required");
    expect("没有这个地址 (no such route): /api/v1/x(1)", "没有这个地址：/api/v1/x(1)",
           "no such route: /api/v1/x(1)");
    /* pieces, Chinese separators turned into ASCII ones */
    expect("共 3 行 (3 rows)，第 4、5 行 (lines 4, 5): 必填 (required)",
           "共 3 行，第 4、5 行：必填", "3 rows, lines 4, 5: required");
    /* nesting: a message inside a message's Chinese and English parts */
    expect("第 3 行：XML 错误 (XML error) (row 3: XML 错误 (XML error))", "第 3 行：XML 错误",
           "row 3: XML error");
    /* a shared prefix ending in a colon stays in English */
    expect("S.csv: 第 3 行 (line 3): 未知学生 (unknown student \"x\": not in the file)",
           "S.csv: 第 3 行：未知学生", "S.csv: line 3: unknown student \"x\": not in the file");
    /* parentheses inside quoted values and in shared values are values */
    expect("取值“上汽(柳州)”无效 (“上汽(柳州)” is not an option); 可选 (must be one of): 企业 "
           "(enterprise), 学校 (a (b) c)",
           "取值“上汽(柳州)”无效；可选：企业，学校",
           "“上汽(柳州)” is not an option; must be one of: enterprise, a (b) c");
    expect("第 3 列表头“信用(代码)”无法识别 (column 3: unknown header “信用(代码)”); 可用的列 "
           "(known columns): 名称 (Name), 类型 (Type)",
           "第 3 列表头“信用(代码)”无法识别；可用的列：名称，类型",
           "column 3: unknown header “信用(代码)”; known columns: Name, Type");
    expect("稳定 (stable): 均已验证 (verified) — 4/4 名学生匹配 (4/4 students matched), 5 次申请 "
           "(5 proposals)",
           "稳定：均已验证 — 4/4 名学生匹配，5 次申请",
           "stable: verified — 4/4 students matched, 5 proposals");
    /* no space before the part */
    expect("应为学校（中职、高职或本科院校）(must be a school)", "应为学校（中职、高职或本科院校）",
           "must be a school");
    /* text that is not bilingual stays as it is, in both */
    expect("plain English (really)", "plain English (really)", "plain English (really)");
    expect("纯中文（括号）", "纯中文（括号）", "纯中文（括号）");
    expect("上汽通用五菱 (SGMW)", "上汽通用五菱", "SGMW");
    expect("", "", "");
    expect("(only English) 中文", "(only English) 中文", "(only English) 中文");
    /* an unclosed parenthesis is text */
    expect("缺少括号 (missing", "缺少括号 (missing", "缺少括号 (missing");
}

/* A hostile value (a path, a cell) deep in parentheses: split as far as
 * parts nest, and at once (the work does not grow with the depth). */
static void test_hostile(void **state)
{
    (void)state;
    buf_t b;
    buf_init(&b);
    buf_puts(&b, "没有这个地址 (no such route): /");
    for (int i = 0; i < 2000; i++)
        buf_puts(&b, i % 2 ? "(a 中" : "(中 a");
    for (int i = 0; i < 2000; i++)
        buf_puts(&b, ")");
    for (int i = 0; i < 2000; i++)
        buf_puts(&b, "(");
    char *z = msg_pick(b.data, MSG_ZH), *e = msg_pick(b.data, MSG_EN);
    assert_true(!strncmp(z, "没有这个地址：/", strlen("没有这个地址：/")));
    assert_true(!strncmp(e, "no such route: /", strlen("no such route: /")));
    free(z);
    free(e);
    buf_free(&b);
}

static void test_lang(void **state)
{
    (void)state;
    assert_int_equal(msg_lang_accept(NULL), MSG_ZH);
    assert_int_equal(msg_lang_accept(""), MSG_ZH);
    assert_int_equal(msg_lang_accept("en"), MSG_EN);
    assert_int_equal(msg_lang_accept("EN-gb"), MSG_EN);
    assert_int_equal(msg_lang_accept("en-US;q=0.9"), MSG_EN);
    assert_int_equal(msg_lang_accept("zh-CN"), MSG_ZH);
    assert_int_equal(msg_lang_accept("zh-CN,zh;q=0.9,en;q=0.8"), MSG_ZH);
    assert_int_equal(msg_lang_accept("en;q=0.5, zh;q=0.8"), MSG_ZH);
    assert_int_equal(msg_lang_accept("zh;q=0.5, en;q=0.8"), MSG_EN);
    assert_int_equal(msg_lang_accept("fr-FR, en;q=0.1"), MSG_EN);
    assert_int_equal(msg_lang_accept("en;q=0"), MSG_ZH);
    assert_int_equal(msg_lang_accept("en;q=garbage"), MSG_ZH);
    assert_int_equal(msg_lang_accept("english, *"), MSG_ZH);
    assert_int_equal(msg_lang_accept("\x01\xff;;,,q="), MSG_ZH);
    assert_int_equal(msg_lang_accept("en, zh"), MSG_EN); /* the first on a tie */
    assert_int_equal(msg_lang_locale("en_US.UTF-8"), MSG_EN);
    assert_int_equal(msg_lang_locale("en"), MSG_EN);
    assert_int_equal(msg_lang_locale("zh_CN.UTF-8"), MSG_ZH);
    assert_int_equal(msg_lang_locale("C.UTF-8"), MSG_ZH);
    assert_int_equal(msg_lang_locale("eng"), MSG_ZH);
    assert_int_equal(msg_lang_locale(NULL), MSG_ZH);
    assert_string_equal(msg_lang_tag(MSG_EN), "en");
    assert_string_equal(msg_lang_tag(MSG_ZH), "zh-CN");
}

static void test_details(void **state)
{
    (void)state;
    json_t *d = json_pack("{s:s,s:[{s:s,s:s,s:s,s:i}]}", "name", "必填 (required)", "rows",
                          "message", "“信用代码”列 (column “信用代码”): 必填 (required)", "column",
                          "信用代码 (credit)", "cell", "上汽 (SGMW)", "line", 3);
    msg_localize_details(d, MSG_EN);
    assert_string_equal(json_string_value(json_object_get(d, "name")), "required");
    json_t *row = json_array_get(json_object_get(d, "rows"), 0);
    assert_string_equal(json_string_value(json_object_get(row, "message")),
                        "column “信用代码”: required");
    /* the user's own words are left as written */
    assert_string_equal(json_string_value(json_object_get(row, "column")), "信用代码 (credit)");
    assert_string_equal(json_string_value(json_object_get(row, "cell")), "上汽 (SGMW)");
    json_decref(d);
    json_t *o = json_pack("{s:s,s:i}", "verdict", "稳定 (stable)", "n", 1);
    msg_localize_key(o, "verdict", MSG_ZH);
    msg_localize_key(o, "n", MSG_ZH);
    msg_localize_key(NULL, "verdict", MSG_ZH);
    assert_string_equal(json_string_value(json_object_get(o, "verdict")), "稳定");
    json_decref(o);
}

/* ---- every bilingual literal of src/ ------------------------------------ */

typedef struct {
    char *text;
    int line;
} literal;

/* The string literals of a C file, adjacent ones joined, comments and
 * character constants skipped, the common escapes read. */
static size_t literals_of(const char *src, literal **out)
{
    size_t n = 0, cap = 0;
    int line = 1;
    bool joinable = false;
    *out = NULL;
    for (const char *p = src; *p;) {
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            for (p += 2; *p && !(p[0] == '*' && p[1] == '/'); p++)
                line += *p == '\n';
            p += *p ? 2 : 0;
            continue;
        }
        if (*p == '\'') {
            for (p++; *p && *p != '\''; p++)
                if (*p == '\\' && p[1])
                    p++;
            p += *p ? 1 : 0;
            joinable = false;
            continue;
        }
        if (*p == '"') {
            buf_t b;
            buf_init(&b);
            for (p++; *p && *p != '"'; p++) {
                char c = *p;
                if (c == '\\' && p[1]) {
                    c = *++p;
                    c = c == 'n' ? '\n' : c == 't' ? '\t' : c == '"' || c == '\\' ? c : '?';
                }
                buf_append(&b, &c, 1);
            }
            p += *p ? 1 : 0;
            if (joinable && n) {
                char *t = xasprintf("%s%s", (*out)[n - 1].text, b.data);
                free((*out)[n - 1].text);
                (*out)[n - 1].text = t;
                buf_free(&b);
            } else {
                if (n == cap)
                    *out = xrealloc(*out, (cap = cap ? 2 * cap : 64) * sizeof **out);
                (*out)[n].text = b.data;
                (*out)[n++].line = line;
            }
            joinable = true;
            continue;
        }
        if (*p == '\n')
            line++;
        if (!isspace((unsigned char)*p))
            joinable = false;
        p++;
    }
    return n;
}

/* s without printf conversions (%s, %lld, %.*s, %zu …). */
static char *without_conversions(const char *s)
{
    buf_t b;
    buf_init(&b);
    for (const char *p = s; *p; p++) {
        if (*p != '%') {
            buf_append(&b, p, 1);
            continue;
        }
        p++;
        while (*p && strchr("-+ #0123456789.*hlzjtL", *p))
            p++;
        if (!*p)
            break;
    }
    return b.data;
}

/* Whether word (of length n) is a word of s, ignoring case. */
static bool has_word(const char *s, const char *word, size_t n)
{
    for (const char *p = s; *p; p++)
        if (!strncasecmp(p, word, n) && (p == s || !isalnum((unsigned char)p[-1])) &&
            !isalnum((unsigned char)p[n]))
            return true;
    return false;
}

/* The first Latin word of zh that en does not name, or NULL (its
 * length in *n). */
static const char *foreign_word(const char *zh, const char *en, size_t *n)
{
    for (const char *p = zh; *p; p++) {
        if (!isalpha((unsigned char)*p) || (p > zh && isalnum((unsigned char)p[-1])))
            continue;
        size_t k = 0;
        while (isalnum((unsigned char)p[k]) || p[k] == '_')
            k++;
        if (!has_word(en, p, k)) {
            *n = k;
            return p;
        }
        p += k - 1;
    }
    return NULL;
}

/* A literal that is a bilingual message: Chinese, and an English part
 * in parentheses; not a description ("中文 — English", served as
 * documentation in both languages), a usage text or HTML. */
static bool is_bilingual(const char *s)
{
    if (!msg_has_cjk(s) || strstr(s, "sage:") || strchr(s, '<'))
        return false;
    if (strstr(s, "SELECT ") || strstr(s, " FROM ") || strstr(s, "WHERE ")) /* SQL, not words */
        return false;
    for (const char *d = strstr(s, "— "); d; d = strstr(d + 1, "— "))
        if (isalnum((unsigned char)d[strlen("— ")]))
            return false;
    for (const char *p = strchr(s, '('); p; p = strchr(p + 1, '('))
        if (isalpha((unsigned char)p[1]) || (p[1] == '%' && p[2] != ')') ||
            !strncmp(p + 1, "“", 3) || p[1] == '"' || p[1] == '-')
            return true;
    return false;
}

static int check_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    buf_t src;
    buf_init(&src);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&src, chunk, got);
    fclose(f);
    literal *lits;
    size_t n = literals_of(src.data, &lits);
    int bad = 0, seen = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = lits[i].text;
        if (is_bilingual(s)) {
            seen++;
            char *plain = without_conversions(s);
            char *zh, *en;
            msg_split(plain, &zh, &en);
            size_t wn = 0;
            const char *w = foreign_word(zh, en, &wn);
            const char *why = !strcmp(en, plain) || !*en ? "does not split"
                              : msg_has_cjk(en)          ? "Chinese in the English part"
                              : w                        ? "a Latin word only in the Chinese part"
                                                         : NULL;
            if (why) {
                fprintf(stderr, "%s:%d: %s: %.*s\n    %s\n    zh: %s\n    en: %s\n", path,
                        lits[i].line, why, w ? (int)wn : 0, w ? w : "", s, zh, en);
                bad++;
            }
            free(plain);
            free(zh);
            free(en);
        }
        free(lits[i].text);
    }
    free(lits);
    buf_free(&src);
    return bad;
}

static int check_dir(const char *dir, int *files)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int bad = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", dir, de->d_name);
        size_t len = strlen(de->d_name);
        DIR *sub = opendir(path);
        if (sub) {
            closedir(sub);
            bad += check_dir(path, files);
        } else if (len > 2 &&
                   (!strcmp(de->d_name + len - 2, ".c") || !strcmp(de->d_name + len - 2, ".h"))) {
            (*files)++;
            bad += check_file(path);
        }
        free(path);
    }
    closedir(d);
    return bad;
}

static void test_every_literal(void **state)
{
    (void)state;
    int files = 0;
    int bad = check_dir("src", &files); /* ctest runs from the source tree */
    assert_true(files > 50);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick),          cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_lang),          cmocka_unit_test(test_details),
        cmocka_unit_test(test_every_literal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
