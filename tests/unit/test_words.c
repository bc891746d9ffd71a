/*
 * test_words.c — everyday words: folding (core/textfold.c), the synonyms
 * of every enumeration and the "did you mean" suggestions
 * (schema/entity.c), and text cells as offices write them (booleans,
 * dates, counts).
 *
 * The synonym test runs over every description, so a synonym added to
 * two options of one enum (or one that repeats a label) fails here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/textfold.h"
#include "schema/entity.h"

static const char *fold(const char *s, unsigned flags)
{
    static char out[256];
    textfold(s, out, sizeof out, flags);
    return out;
}

static void test_fold(void **state)
{
    (void)state;
    assert_string_equal(fold("Ｆ１２", 0), "F12");
    assert_string_equal(fold("Ｆ１２", TEXTFOLD_MATCH), "f12");
    assert_string_equal(fold("\xE3\x80\x80 大专\t", 0), "大专"); /* U+3000, blanks */
    assert_string_equal(fold("高职\xE3\x80\x80\xE3\x80\x80专科", 0), "高职 专科"); /* one blank */
    assert_string_equal(fold("高职 专科", TEXTFOLD_MATCH), "高职专科");
    assert_string_equal(fold("Higher  Vocational", TEXTFOLD_MATCH), "highervocational");
    assert_string_equal(fold("\xE2\x80\x8B本科\xEF\xBB\xBF", 0), "本科"); /* U+200B, U+FEFF */
    assert_string_equal(fold("（１，２００）", 0), "(1,200)");            /* U+FF08, U+FF0C */
    assert_string_equal(fold("２０２４－０９－０１", 0), "2024-09-01");
    assert_string_equal(fold("", 0), "");
    /* Invalid bytes pass through; a short buffer cuts at a code point. */
    assert_string_equal(fold("a\xFF"
                             "b",
                             0),
                        "a\xFF"
                        "b");
    char small[5];
    assert_int_equal(textfold("本科生", small, sizeof small, 0), 3);
    assert_string_equal(small, "本");
    /* Code points and distances. */
    assert_int_equal(textfold_len("本科 F"), 4);
    assert_int_equal(textfold_distance("本课", "本科"), 1);
    assert_int_equal(textfold_distance("高职专科", "大专"), 3);
    assert_int_equal(textfold_distance("", "本科"), 2);
    assert_int_equal(textfold_distance("kitten", "sitting"), 3);
}

/* Every FT_ENUM field of every description, including the read-only lists. */
typedef void (*field_fn)(const entity_def *d, const field_def *f);

static void each_enum(field_fn fn)
{
    static const entity_def *const extra[] = {&entity_audit_log, &entity_demand_reports, NULL};
    for (const entity_def *const *dp = entity_all; *dp; dp++)
        for (const field_def *f = (*dp)->fields; f->name; f++)
            if (f->type == FT_ENUM)
                fn(*dp, f);
    for (const entity_def *const *dp = extra; *dp; dp++)
        for (const field_def *f = (*dp)->fields; f->name; f++)
            if (f->type == FT_ENUM)
                fn(*dp, f);
}

static int words_checked;

/* Each word of each option (value, labels, synonyms) folds to text no
 * other option of the enum has, is not a repeat of the option's own
 * value or labels, and looks the option up — as written, in full width
 * and between ideographic spaces. */
static void check_words(const entity_def *d, const field_def *f)
{
    for (const enum_opt *o = f->opts; o->value; o++) {
        char own[3][256];
        textfold(o->value, own[0], sizeof own[0], TEXTFOLD_MATCH);
        textfold(o->zh, own[1], sizeof own[1], TEXTFOLD_MATCH);
        textfold(o->en, own[2], sizeof own[2], TEXTFOLD_MATCH);
        const char *words[64];
        char buf[64][128];
        size_t nw = 0;
        words[nw++] = o->value;
        words[nw++] = o->zh;
        words[nw++] = o->en;
        for (const char *p = o->synonyms; p && *p;) {
            size_t n = strcspn(p, "|");
            if (n == 0 || n >= sizeof buf[0])
                fail_msg("%s.%s %s: an empty or overlong synonym", d->name, f->name, o->value);
            snprintf(buf[nw], sizeof buf[nw], "%.*s", (int)n, p);
            const char *folded = fold(buf[nw], TEXTFOLD_MATCH);
            for (int k = 0; k < 3; k++)
                if (!strcmp(folded, own[k]))
                    fail_msg("%s.%s %s: synonym %s repeats its value or label", d->name, f->name,
                             o->value, buf[nw]);
            words[nw] = buf[nw];
            nw++;
            p += n + (p[n] == '|');
        }
        for (size_t i = 0; i < nw; i++) {
            const enum_opt *got = entity_enum_lookup(f, words[i]);
            if (got != o)
                fail_msg("%s.%s: \"%s\" names %s, not %s", d->name, f->name, words[i],
                         got ? got->value : "nothing", o->value);
            /* Full width (ASCII letters and digits), blanks around. */
            char wide[512];
            size_t at = 0;
            at += (size_t)snprintf(wide, sizeof wide, "\xE3\x80\x80 ");
            for (const char *p = words[i]; *p && at + 4 < sizeof wide; p++) {
                unsigned char c = (unsigned char)*p;
                if (c > 0x20 && c < 0x7F) {
                    unsigned cp = 0xFF01 + (c - 0x21);
                    wide[at++] = (char)(0xE0 | (cp >> 12));
                    wide[at++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    wide[at++] = (char)(0x80 | (cp & 0x3F));
                } else {
                    wide[at++] = (char)c;
                }
            }
            snprintf(wide + at, sizeof wide - at, "\xE3\x80\x80");
            got = entity_enum_lookup(f, wide);
            if (got != o)
                fail_msg("%s.%s: \"%s\" (folded) names %s, not %s", d->name, f->name, wide,
                         got ? got->value : "nothing", o->value);
            words_checked++;
        }
        /* No other option of the enum has any of these words. */
        for (const enum_opt *q = f->opts; q->value; q++)
            for (size_t i = 0; q != o && i < nw; i++)
                if (entity_enum_lookup(f, words[i]) == q)
                    fail_msg("%s.%s: \"%s\" names both %s and %s", d->name, f->name, words[i],
                             o->value, q->value);
    }
}

static void test_every_synonym_names_one_option(void **state)
{
    (void)state;
    words_checked = 0;
    each_enum(check_words);
    assert_true(words_checked > 400);
}

static int suggestions_checked;

/* A typo of each Chinese label — its last character replaced — suggests
 * that option or, when it is as close to another, nothing; never another
 * option.  Words that share nothing with any option suggest nothing. */
static void check_suggest(const entity_def *d, const field_def *f)
{
    for (const enum_opt *o = f->opts; o->value; o++) {
        size_t len = strlen(o->zh), cut = len;
        while (cut && ((unsigned char)o->zh[cut - 1] & 0xC0) == 0x80)
            cut--;
        if (cut)
            cut--;
        if (textfold_len(o->zh) < 2)
            continue;
        char typo[256];
        snprintf(typo, sizeof typo, "%.*s\xE5\x98\x9F", (int)cut, o->zh); /* 嘟 */
        if (entity_enum_lookup(f, typo))
            continue; /* the typo is itself a word of the enum */
        const enum_opt *g = entity_enum_suggest(f, typo);
        if (g && g != o)
            fail_msg("%s.%s: \"%s\" suggests %s, not %s", d->name, f->name, typo, g->value,
                     o->value);
        if (textfold_len(o->zh) >= 3 && g != o)
            fail_msg("%s.%s: \"%s\" suggests nothing, not %s", d->name, f->name, typo, o->value);
        suggestions_checked++;
    }
    assert_null(entity_enum_suggest(f, "量子纠缠态观测"));
    assert_null(entity_enum_suggest(f, ""));
    assert_null(entity_enum_suggest(f, "\xE3\x80\x80"));
}

static void test_suggestions_for_every_enum(void **state)
{
    (void)state;
    suggestions_checked = 0;
    each_enum(check_suggest);
    assert_true(suggestions_checked > 100);
}

static const field_def *field_of(const char *entity, const char *name)
{
    const entity_def *d = entity_find(entity);
    assert_non_null(d);
    const field_def *f = entity_field(d, name);
    assert_non_null(f);
    return f;
}

static void test_everyday_enum_words(void **state)
{
    (void)state;
    const field_def *edu = field_of("demand", "education");
    static const struct {
        const char *word, *value;
    } cases[] = {
        {"大专", "higher"},
        {"专科", "higher"},
        {"高职", "higher"},
        {"高职高专", "higher"},
        {"大专及以上", "higher"},
        {"中专", "secondary"},
        {"职高", "secondary"},
        {"技校", "secondary"},
        {"中等职业", "secondary"},
        {"本科", "undergraduate"},
        {"学士", "undergraduate"},
        {"硕士", "postgraduate"},
        {"博士", "postgraduate"},
        {"研究生学历", "postgraduate"},
        {"不限", "any"},
        {"Ｈｉｇｈｅｒ", "higher"},
        {" 全日制大专 ", "higher"},
        {"undergraduate", "undergraduate"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const enum_opt *o = entity_enum_lookup(edu, cases[i].word);
        assert_non_null(o);
        assert_string_equal(o->value, cases[i].value);
    }
    const field_def *type = field_of("organizations", "type");
    static const struct {
        const char *word, *value;
    } orgs[] = {{"公司", "enterprise"},
                {"有限公司", "enterprise"},
                {"企业", "enterprise"},
                {"高职院校", "higher_vocational"},
                {"职业技术学院", "higher_vocational"},
                {"中职学校", "secondary_vocational"},
                {"职业中专", "secondary_vocational"},
                {"本科院校", "undergraduate"},
                {"大学", "undergraduate"},
                {"政府", "government"},
                {"政府部门", "government"},
                {"局", "government"},
                {"科研院所", "research_institute"},
                {"研究院", "research_institute"},
                {"行业协会", "industry_association"},
                {"学会", "industry_association"}};
    for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++) {
        const enum_opt *o = entity_enum_lookup(type, orgs[i].word);
        assert_non_null(o);
        assert_string_equal(o->value, orgs[i].value);
    }
    /* Not options, and not close to one in a way that would mislead. */
    assert_null(entity_enum_lookup(type, "工厂"));
    assert_null(entity_enum_lookup(edu, "本课"));
    /* did you mean */
    assert_string_equal(entity_enum_suggest(edu, "本课")->value, "undergraduate");
    assert_string_equal(entity_enum_suggest(edu, "本科学历")->value, "undergraduate");
    assert_string_equal(entity_enum_suggest(edu, "大砖")->value, "higher");
    assert_string_equal(entity_enum_suggest(type, "有限责任公")->value, "enterprise");
    assert_null(entity_enum_suggest(edu, "高职本科硕士")); /* several options at once */
    /* The error message names the word and the suggestion. */
    char msg[512];
    json_t *v = json_string("本课");
    json_t *ok = entity_parse_text(edu, "本课", msg, sizeof msg);
    assert_null(ok);
    json_decref(v);
    assert_non_null(strstr(msg, "“本课”"));
    assert_non_null(strstr(msg, "您是不是要写 本科"));
    json_t *bachelor = entity_parse_text(edu, "学士", msg, sizeof msg);
    assert_non_null(bachelor);
    json_decref(bachelor);
}

/* Text cell of field f as JSON text, or "ERR". */
static const char *cell(const field_def *f, const char *s)
{
    static char out[128];
    char msg[256];
    json_t *v = entity_parse_text(f, s, msg, sizeof msg);
    if (!v)
        return "ERR";
    char *dump = json_dumps(v, JSON_ENCODE_ANY);
    snprintf(out, sizeof out, "%s", dump);
    free(dump);
    json_decref(v);
    return out;
}

static void test_cells_as_offices_write_them(void **state)
{
    (void)state;
    const field_def *consent = field_of("students", "consent");
    static const char *const yes[] = {"是",   "Y",    "y", "√",      "✓",    "有",
                                      "true", "TRUE", "1", "ｙｅｓ", " 是 ", NULL};
    static const char *const no[] = {"否",    "N", "n",          "×",    "无",
                                     "false", "0", "ＦＡＬＳＥ", "没有", NULL};
    for (const char *const *w = yes; *w; w++)
        assert_string_equal(cell(consent, *w), "true");
    for (const char *const *w = no; *w; w++)
        assert_string_equal(cell(consent, *w), "false");
    assert_string_equal(cell(consent, "也许"), "ERR");
    assert_string_equal(cell(consent, "2"), "ERR");

    const field_def *on = field_of("trainings", "starts_on");
    static const char *const dates[] = {
        "2024-09-01",          "2024/9/1",      "2024.9.1", "2024年9月1日",
        "2024年9月1号",        "20240901",      "2024-9-1", "２０２４－０９－０１",
        "2024/09/01 00:00:00", "2024-9-1 0:00", NULL};
    for (const char *const *d = dates; *d; d++)
        assert_string_equal(cell(on, *d), "\"2024-09-01\"");
    static const char *const bad_dates[] = {"2024/9-1",  "2024-09-01 08:30", "20240931",   "2024",
                                            "2024年9月", "9/1/2024",         "2024-02-30", NULL};
    for (const char *const *d = bad_dates; *d; d++)
        assert_string_equal(cell(on, *d), "ERR");

    const field_def *n = field_of("trainings", "participants");
    assert_string_equal(cell(n, "3人"), "3");
    assert_string_equal(cell(n, "3 人"), "3");
    assert_string_equal(cell(n, "1,200"), "1200");
    assert_string_equal(cell(n, "1，200"), "1200"); /* U+FF0C */
    assert_string_equal(cell(n, "１２"), "12");
    assert_string_equal(cell(n, "1,234,567人次"), "1234567");
    assert_string_equal(cell(n, "2024.0"), "2024");
    assert_string_equal(cell(n, "1,2"), "ERR"); /* a list or a decimal comma */
    assert_string_equal(cell(n, "1,2000"), "ERR");
    assert_string_equal(cell(n, "3万"), "ERR"); /* a unit that scales */
    assert_string_equal(cell(n, "人"), "ERR");
    assert_string_equal(cell(n, "3 4"), "ERR");
    const field_def *w = field_of("crosswalk", "weight");
    assert_string_equal(cell(w, "1,234.5"), "1234.5");
    assert_string_equal(cell(w, "０.５"), "0.5");
    assert_string_equal(cell(w, "1,23.5"), "ERR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_every_synonym_names_one_option),
        cmocka_unit_test(test_suggestions_for_every_enum),
        cmocka_unit_test(test_everyday_enum_words),
        cmocka_unit_test(test_cells_as_offices_write_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
