/*
 * test_search.c — Chinese full-text search: the cjk_bigram tokenizer
 * (pairs, colocated singles, ASCII words lower-cased, punctuation as
 * boundaries, the query form) and store_search_demand over a real
 * database (as-written matching, single characters, ASCII words, only
 * published live rows, the index following status changes and deletes,
 * exact totals and paging, the consortium filter, snippets, hostile
 * queries that must never become FTS5 syntax, and bulk writes whose
 * indexing is deferred to the commit).
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

#include "domain/record.h"
#include "store/store_internal.h"

#include "fixture.h"

/* ---- the tokenizer ------------------------------------------------------- */

/* "tok@pos" for every token, space-separated; colocated tokens share
 * their position. */
typedef struct {
    char out[2048];
    int pos;
} tok_dump;

static int dump_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    tok_dump *d = ctx;
    if (!(tflags & FTS5_TOKEN_COLOCATED))
        d->pos++;
    size_t len = strlen(d->out);
    snprintf(d->out + len, sizeof d->out - len, "%s%.*s@%d", len ? " " : "", ntok, tok, d->pos - 1);
    return SQLITE_OK;
}

static const char *toks(tok_dump *d, const char *text, bool query)
{
    memset(d, 0, sizeof *d);
    assert_int_equal(
        fts_cjk_tokenize(text, (int)strlen(text), query ? FTS_CJK_QUERY : 0, d, dump_token),
        SQLITE_OK);
    return d->out;
}

/* Byte offsets of the tokens, "start-end" each. */
static int dump_offsets(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    tok_dump *d = ctx;
    size_t len = strlen(d->out);
    snprintf(d->out + len, sizeof d->out - len, "%s%d-%d", len ? " " : "", start, end);
    return SQLITE_OK;
}

static void test_tokenizer(void **state)
{
    tok_dump d;
    /* Documents: at each character's position its single, and colocated
     * with it the pair and the triple that start there. */
    assert_string_equal(toks(&d, "焊装工作", false),
                        "焊@0 焊装@0 焊装工@0 装@1 装工@1 装工作@1 工@2 工作@2 作@3");
    /* Queries: one token per position, the longest that fits — triples
     * for a run of three or more, a run of two its pair, one its single. */
    assert_string_equal(toks(&d, "焊装工作", true), "焊装工@0 装工作@1");
    assert_string_equal(toks(&d, "机器人", true), "机器人@0");
    assert_string_equal(toks(&d, "焊装", true), "焊装@0");
    assert_string_equal(toks(&d, "焊", false), "焊@0");
    assert_string_equal(toks(&d, "焊", true), "焊@0");
    /* Punctuation (、，；。 full-width or not) and spaces end runs.  A run
     * followed by more tokens keeps its every position (pair, then
     * single), so the next token is where the document has it. */
    assert_string_equal(toks(&d, "焊接、装配", false), "焊@0 焊接@0 接@1 装@2 装配@2 配@3");
    assert_string_equal(toks(&d, "焊接、装配", true), "焊接@0 接@1 装配@2");
    assert_string_equal(toks(&d, "机器人PLC", true), "机器人@0 器人@1 人@2 plc@3");
    assert_string_equal(toks(&d, "焊装。", true), "焊装@0"); /* nothing follows */
    assert_string_equal(toks(&d, "焊，接；装。配 焊", true), "焊@0 接@1 装@2 配@3 焊@4");
    /* ASCII words lower-cased; full-width letters and digits folded; a
     * word next to Han characters is its own token. */
    assert_string_equal(toks(&d, "PLC编程", false), "plc@0 编@1 编程@1 程@2");
    assert_string_equal(toks(&d, "ＰＬＣ S7-1200", true), "plc@0 s7@1 1200@2");
    assert_string_equal(toks(&d, "Café", true), "café@0");
    /* Extension A and compatibility ideographs are Han; kana too. */
    assert_string_equal(toks(&d, "\xe3\x90\x80\xe4\xb8\x80", true), "\xe3\x90\x80\xe4\xb8\x80@0");
    assert_string_equal(toks(&d, "カナ", true), "カナ@0");
    /* Nothing searchable: no tokens; invalid UTF-8 is a boundary. */
    assert_string_equal(toks(&d, "、，。！？ \"*()", true), "");
    assert_string_equal(toks(&d, "焊\xff接", true), "焊@0 接@1");
    assert_string_equal(toks(&d, "焊\xff接", false), "焊@0 接@1");
    /* Long words are cut at 64 bytes, the same in documents and queries. */
    char longw[200];
    memset(longw, 'a', 150);
    longw[150] = '\0';
    toks(&d, longw, true);
    assert_int_equal(strlen(d.out), 64 + 2);

    /* Offsets are bytes of the original text: a pair spans both
     * characters, a folded full-width word its full-width bytes. */
    memset(&d, 0, sizeof d);
    fts_cjk_tokenize("焊装，ＰＬ", (int)strlen("焊装，ＰＬ"), FTS_CJK_QUERY, &d, dump_offsets);
    assert_string_equal(d.out, "0-6 3-6 9-15"); /* 焊装, 装, pl */
}

/* The tokens of a document of demand_fts (tokenize 'cjk_bigram
 * ascii_trigrams'). */
static const char *toks3(tok_dump *d, const char *text)
{
    memset(d, 0, sizeof *d);
    assert_int_equal(fts_cjk_tokenize(text, (int)strlen(text), FTS_CJK_ASCII3, d, dump_token),
                     SQLITE_OK);
    return d->out;
}

static void test_trigrams(void **state)
{
    tok_dump d;
    /* With ascii_trigrams each word is followed, at its position, by its
     * ASCII trigrams behind the mark \001; without, by nothing. */
    assert_string_equal(toks3(&d, "SPLC5编程"),
                        "splc5@0 \001spl@0 \001plc@0 \001lc5@0 编@1 编程@1 程@2");
    assert_string_equal(toks(&d, "SPLC5", false), "splc5@0");
    assert_string_equal(toks3(&d, "ab 焊"), "ab@0 焊@1"); /* fewer than three: none */
    /* Full width folded, as in the word; a Latin-1 letter is kept as
     * written and no trigram spans it. */
    assert_string_equal(toks3(&d, "ＰＬＣ"), "plc@0 \001plc@0");
    assert_string_equal(toks3(&d, "PLCéab1"), "plcéab1@0 \001plc@0 \001ab1@0");
    /* Every trigram of a word, also past the 64 bytes of its token. */
    char longw[200];
    memset(longw, 'a', 150);
    strcpy(longw + 150, "plc");
    toks3(&d, longw);
    assert_non_null(strstr(d.out, "\001plc@0"));
    int n = 0;
    for (const char *p = d.out; (p = strstr(p, "\001")); p++)
        n++;
    assert_int_equal(n, 151);
    /* A query phrase that is exactly one trigram is that token; else the
     * mark separates, as any control character. */
    assert_string_equal(toks(&d, "\001plc", true), "\001plc@0");
    assert_string_equal(toks(&d, "\001plcx", true), "plcx@0");
    assert_string_equal(toks(&d, "\001PLC", true), "plc@0");
}

/* ---- the store --------------------------------------------------------------- */

typedef struct {
    fx_db db;
    int64_t cons, other, firm, other_firm;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    fx_open(&f->db, "search");
    fx_catalog(&f->db);
    f->cons = fx_consortium(&f->db, "测试汽车联合体", true);
    f->other = fx_consortium(&f->db, "另一联合体", true);
    f->firm = fx_member(&f->db, f->cons, "示例汽车零部件企业001", "enterprise");
    f->other_firm = fx_member(&f->db, f->other, "示例汽车零部件企业002", "enterprise");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    fx_close(&f->db);
    free(f);
    return 0;
}

static int64_t demand(fixture *f, int64_t cons, int64_t firm, const char *title, const char *desc,
                      const char *skills, const char *status)
{
    json_t *row =
        json_pack("{s:I,s:I,s:s,s:s,s:s,s:i,s:i,s:s}", "consortium_id", (json_int_t)cons,
                  "enterprise_id", (json_int_t)firm, "occupation_code", "6-22-02-01", "job_title",
                  title, "kind", "employment", "headcount", 3, "period", 2025, "status", status);
    if (desc)
        json_object_set_new(row, "description", json_string(desc));
    if (skills)
        json_object_set_new(row, "skills", json_string(skills));
    char *text = json_dumps(row, 0);
    json_decref(row);
    int64_t id = fx_id(fx_make(&f->db, "demand", "%s", text));
    free(text);
    return id;
}

/* Search the fixture's consortium; returns total and leaves the items. */
static int64_t search_in(fixture *f, int64_t cons, const char *q, int64_t page, int64_t per_page,
                         json_t **items)
{
    err_t e = ERR_INIT;
    int64_t total = -1;
    int rc = store_search_demand(f->db.sc, cons, q, page, per_page, items, &total, &e);
    if (rc != 0)
        fprintf(stderr, "search '%s' failed: %s\n", q, e.message);
    assert_int_equal(rc, 0);
    assert_non_null(*items);
    assert_true(json_is_array(*items));
    return total;
}

static int64_t search(fixture *f, const char *q)
{
    json_t *items = NULL;
    int64_t total = search_in(f, f->cons, q, 1, 50, &items);
    /* The page holds every match when they fit. */
    if (total <= 50)
        assert_int_equal((int64_t)json_array_size(items), total);
    json_decref(items);
    return total;
}

/* Whether a search for q finds the demand row id. */
static bool finds(fixture *f, const char *q, int64_t id)
{
    json_t *items = NULL, *it;
    size_t i;
    bool found = false;
    search_in(f, f->cons, q, 1, 500, &items);
    json_array_foreach (items, i, it)
        if (json_integer_value(json_object_get(it, "id")) == id)
            found = true;
    json_decref(items);
    return found;
}

static void test_matching(void **state)
{
    fixture *f = *state;
    int64_t a = demand(f, f->cons, f->firm, "焊装工", "负责焊装工作，按工艺要求完成车身焊装。",
                       "电阻点焊、PLC编程", "published");
    int64_t b =
        demand(f, f->cons, f->firm, "装配工", "负责总装车间的装配。", "焊接、装配", "published");
    int64_t c = demand(f, f->cons, f->firm, "电气工程师", "维护产线 plc 与机器人。",
                       "西门子S7-1200", "published");

    /* As written: 焊装 is in a, not in b's 焊接、装配. */
    assert_true(finds(f, "焊装", a));
    assert_false(finds(f, "焊装", b));
    assert_int_equal(search(f, "焊装"), 1);
    assert_true(finds(f, "焊接", b));
    assert_int_equal(search(f, "焊接"), 1);
    /* Three characters: the pairs adjacent. */
    assert_int_equal(search(f, "焊装工"), 1);
    assert_int_equal(search(f, "接装"), 0); /* across 、 */
    /* One character, wherever it is: 焊 of 焊装, 点焊, 焊接. */
    assert_int_equal(search(f, "焊"), 2);
    assert_int_equal(search(f, "配"), 1);
    /* ASCII words, any case, whole words; full-width folded. */
    assert_int_equal(search(f, "PLC"), 2);
    assert_int_equal(search(f, "plc"), 2);
    assert_int_equal(search(f, "ＰＬＣ"), 2);
    assert_int_equal(search(f, "PL"), 0);
    assert_true(finds(f, "S7-1200", c));
    /* A word next to a single character: PLC焊 is not in a (PLC编程). */
    assert_int_equal(search(f, "PLC编程"), 1);
    assert_int_equal(search(f, "PLC焊"), 0);
    /* Words separated by spaces (or 、，) must all occur, in any field. */
    assert_int_equal(search(f, "焊装 PLC"), 1);
    assert_int_equal(search(f, "焊装　PLC"), 1); /* ideographic space */
    assert_int_equal(search(f, "焊接、装配"), 1);
    assert_int_equal(search(f, "焊装 机器人"), 0);
    /* The title is searched too. */
    assert_true(finds(f, "工程师", c));
    assert_int_equal(search(f, "不存在的词"), 0);
    /* A Han run followed by more in one word: the positions line up. */
    int64_t m = demand(f, f->cons, f->firm, "调试员", "负责编程PLC调试，机器人PLC联调。", NULL,
                       "published");
    assert_true(finds(f, "编程PLC", m));
    assert_true(finds(f, "编程PLC调试", m));
    assert_true(finds(f, "机器人PLC联调", m));
    assert_true(finds(f, "调试-机器人", m)); /* punctuation inside a word is ignored */
    assert_false(finds(f, "编程机器人", m));
    assert_false(finds(f, "PLC编程", m));
}

static void test_visibility_and_index_updates(void **state)
{
    fixture *f = *state;
    caller_t sys = caller_system();
    err_t e = ERR_INIT;
    const entity_def *d = entity_find("demand");
    int64_t draft = demand(f, f->cons, f->firm, "涂装工", "喷涂作业", NULL, "draft");
    int64_t closed = demand(f, f->cons, f->firm, "涂装工", "喷涂作业", NULL, "closed");
    int64_t live = demand(f, f->cons, f->firm, "涂装工", "喷涂作业", NULL, "published");
    assert_int_equal(search(f, "喷涂"), 1);
    assert_true(finds(f, "喷涂", live));

    /* Publishing the draft adds it; closing the live row removes it. */
    json_t *patch = json_pack("{s:s}", "status", "published"), *row = NULL;
    assert_int_equal(record_update(f->db.sc, &sys, d, draft, patch, &row, &e), 0);
    json_decref(patch);
    json_decref(row);
    assert_int_equal(search(f, "喷涂"), 2);
    patch = json_pack("{s:s}", "status", "closed");
    assert_int_equal(record_update(f->db.sc, &sys, d, live, patch, &row, &e), 0);
    json_decref(patch);
    json_decref(row);
    assert_int_equal(search(f, "喷涂"), 1);
    assert_true(finds(f, "喷涂", draft));
    assert_false(finds(f, "喷涂", closed));

    /* Changing the text re-indexes it; other changes leave it as is. */
    patch = json_pack("{s:s}", "description", "静电喷漆作业");
    assert_int_equal(record_update(f->db.sc, &sys, d, draft, patch, &row, &e), 0);
    json_decref(patch);
    json_decref(row);
    assert_int_equal(search(f, "喷涂"), 0);
    assert_int_equal(search(f, "喷漆"), 1);
    patch = json_pack("{s:i}", "headcount", 9);
    assert_int_equal(record_update(f->db.sc, &sys, d, draft, patch, &row, &e), 0);
    json_decref(patch);
    json_decref(row);
    assert_int_equal(search(f, "喷漆"), 1);

    /* Soft delete removes it. */
    assert_int_equal(record_delete(f->db.sc, &sys, d, draft, &e), 0);
    assert_int_equal(search(f, "喷漆"), 0);
    assert_int_equal(search(f, "涂装"), 0);

    /* The index is consistent after all of it (contentless deletes must
     * have been given exactly the indexed values). */
    assert_int_equal(sqlite3_exec(f->db.sc->db,
                                  "INSERT INTO demand_fts(demand_fts, rank) "
                                  "VALUES('integrity-check', 0)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

static void test_totals_paging_consortium(void **state)
{
    fixture *f = *state;
    int64_t ids[25];
    for (int i = 0; i < 25; i++)
        ids[i] = demand(f, f->cons, f->firm, "汽车维修工", "负责新能源汽车的维修保养。", NULL,
                        "published");
    demand(f, f->other, f->other_firm, "汽车维修工", "负责新能源汽车的维修保养。", NULL,
           "published");

    json_t *items = NULL;
    /* Exact total, newest first, pages that join up. */
    assert_int_equal(search_in(f, f->cons, "维修", 1, 10, &items), 25);
    assert_int_equal(json_array_size(items), 10);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), ids[24]);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 9), "id")), ids[15]);
    json_decref(items);
    assert_int_equal(search_in(f, f->cons, "维修", 3, 10, &items), 25);
    assert_int_equal(json_array_size(items), 5);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 4), "id")), ids[0]);
    json_decref(items);
    assert_int_equal(search_in(f, f->cons, "维修", 4, 10, &items), 25);
    assert_int_equal(json_array_size(items), 0);
    json_decref(items);
    assert_int_equal(search_in(f, f->cons, "维修", 1, 25, &items), 25);
    json_decref(items);

    /* The other consortium sees its own row only; one with none, none. */
    assert_int_equal(search_in(f, f->other, "维修", 1, 10, &items), 1);
    json_decref(items);
    assert_int_equal(search_in(f, 999, "维修", 1, 10, &items), 0);
    json_decref(items);
    assert_int_equal(search_in(f, INT64_MAX, "维修", 1, 10, &items), 0);
    json_decref(items);

    /* The item's shape. */
    assert_int_equal(search_in(f, f->cons, "新能源", 1, 1, &items), 25);
    json_t *it = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(it, "kind")), "demand");
    assert_string_equal(json_string_value(json_object_get(it, "title")), "汽车维修工");
    assert_string_equal(json_string_value(json_object_get(it, "snippet")),
                        "负责新能源汽车的维修保养。");
    json_decref(items);
}

static void test_snippets(void **state)
{
    fixture *f = *state;
    /* A long description: the snippet is cut around the match, on
     * character boundaries, with … where the text was cut. */
    char desc[1024] = "";
    for (int i = 0; i < 30; i++)
        strcat(desc, "前");
    strcat(desc, "负责焊装工作");
    for (int i = 0; i < 80; i++)
        strcat(desc, "后");
    demand(f, f->cons, f->firm, "操作工", desc, "钳工", "published");
    json_t *items = NULL;
    assert_int_equal(search_in(f, f->cons, "焊装", 1, 10, &items), 1);
    const char *s = json_string_value(json_object_get(json_array_get(items, 0), "snippet"));
    assert_non_null(strstr(s, "负责焊装工作"));
    assert_memory_equal(s, "…", strlen("…"));
    assert_int_equal(strcmp(s + strlen(s) - strlen("…"), "…"), 0);
    /* 80 characters of text (3 bytes each here) and two ellipses. */
    assert_int_equal(strlen(s), 80 * 3 + 2 * strlen("…"));
    assert_non_null(strstr(s, "前前前前前前前前前前前前前前前前负责")); /* room before */
    json_decref(items);

    /* The match in the skills: the skills around it. */
    assert_int_equal(search_in(f, f->cons, "钳工", 1, 10, &items), 1);
    s = json_string_value(json_object_get(json_array_get(items, 0), "snippet"));
    assert_string_equal(s, "钳工");
    json_decref(items);
    /* In the title only: the head of the description. */
    assert_int_equal(search_in(f, f->cons, "操作", 1, 10, &items), 1);
    s = json_string_value(json_object_get(json_array_get(items, 0), "snippet"));
    assert_memory_equal(s, "前前前", strlen("前前前"));
    json_decref(items);
}

static void test_hostile_queries(void **state)
{
    fixture *f = *state;
    int64_t a = demand(f, f->cons, f->firm, "焊接工", "负责焊接 AND 装配 (NEAR) 工作 a\"b", "焊接",
                       "published");
    /* Every one of these is text, never FTS5 syntax: no error, and
     * matches only what the words say. */
    static const char *const hostile[] = {
        "\"",
        "\"\"",
        "*",
        "AND",
        "OR",
        "NOT",
        "NEAR(",
        "NEAR(a b)",
        "焊接\" OR \"a",
        "(焊接",
        "焊接)",
        "job_title:焊接",
        "{job_title}: 焊接",
        "^焊接",
        "焊接*",
        "-焊接",
        "+",
        "\\",
        "'",
        "';--",
        "\"焊接\" NOT \"装配\"",
        "、，。",
        "   ",
        "",
        "%_",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        json_t *items = NULL;
        search_in(f, f->cons, hostile[i], 1, 10, &items);
        json_decref(items);
    }
    /* Punctuation around words is not an operator. */
    assert_false(finds(f, "焊接\" OR \"a", a)); /* the words 焊接, or, a: no "or" */
    assert_true(finds(f, "焊接\" \"a", a));
    assert_true(finds(f, "(焊接", a));
    assert_true(finds(f, "焊接*", a));
    assert_true(finds(f, "AND", a)); /* the word "and" occurs */
    assert_true(finds(f, "NEAR", a));
    assert_int_equal(search(f, "OR"), 0);
    assert_int_equal(search(f, "job_title:焊接"), 0); /* job title 焊接: no such word */
    assert_int_equal(search(f, "\""), 0);
    assert_int_equal(search(f, ""), 0);
    assert_int_equal(search(f, "   "), 0);
    assert_int_equal(search(f, "a\"b"), 1); /* the phrase a b */
    /* The index holds ASCII trigrams (migration 029); a search never asks
     * for one: the mark is a separator in q, so this is the word "nea". */
    assert_int_equal(search(f, "\001nea"), 0);
    assert_true(finds(f, "\001near", a));
}

/* Change one text field of a demand row in the store (no transaction of
 * its own). */
static void set_text(fixture *f, int64_t id, const char *field, const char *value)
{
    err_t e = ERR_INIT;
    json_t *ch = json_pack("{s:s}", field, value);
    assert_int_equal(store_entity_update(f->db.sc, entity_find("demand"), id, ch, &e), 0);
    json_decref(ch);
}

/* A bulk write: new rows are indexed at commit, a range of ids a
 * statement (here two, so that every boundary is crossed: no row lost
 * or indexed twice at one); rows changed or deleted inside the same
 * transaction are indexed as they end up; a rollback leaves nothing
 * behind and the next writes index as usual. */
static void test_deferred_bulk_writes(void **state)
{
    fixture *f = *state;
    caller_t sys = caller_system();
    err_t e = ERR_INIT;
    const entity_def *d = entity_find("demand");
    f->db.sc->catch_up_ids = 2;
    int64_t before =
        demand(f, f->cons, f->firm, "冲压工", "冲压线作业，批量前已有。", NULL, "published");
    assert_int_equal(search(f, "冲压"), 1);

    assert_int_equal(store_begin(f->db.sc, &e), 0);
    assert_int_equal(store_search_defer(f->db.sc, f->cons, &e), 0);
    assert_int_equal(store_search_defer(f->db.sc, f->cons, &e), 0); /* twice is once */
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        json_t *row = json_pack("{s:I,s:I,s:s,s:s,s:s,s:i,s:i,s:s,s:s}", "consortium_id",
                                (json_int_t)f->cons, "enterprise_id", (json_int_t)f->firm,
                                "occupation_code", "6-22-02-01", "job_title", "冲压工", "kind",
                                "employment", "headcount", 1, "period", 2025, "description",
                                "冲压线作业，批量导入。", "status", i == 4 ? "draft" : "published");
        assert_int_equal(record_create_quiet(f->db.sc, &sys, d, row, &ids[i], &e), 0);
        json_decref(row);
    }
    /* Not indexed yet; the row from before is. */
    assert_int_equal(search(f, "冲压"), 1);
    assert_int_equal(search(f, "批量导入"), 0);
    /* Change rows inside the transaction: a new row closed, a new one
     * deleted, the draft published, the old one re-worded. */
    set_text(f, ids[0], "status", "closed");
    assert_int_equal(store_entity_delete(f->db.sc, d, ids[1], &e), 0);
    set_text(f, ids[4], "status", "published");
    set_text(f, before, "description", "冲压线作业，已改写。");
    assert_int_equal(search(f, "已改写"), 1); /* rows from before: at once */
    assert_int_equal(store_commit(f->db.sc, &e), 0);

    assert_false(finds(f, "批量导入", ids[0]));
    assert_false(finds(f, "批量导入", ids[1]));
    assert_true(finds(f, "批量导入", ids[2]));
    assert_true(finds(f, "批量导入", ids[3]));
    assert_true(finds(f, "批量导入", ids[4]));
    assert_int_equal(search(f, "批量导入"), 3);
    assert_int_equal(search(f, "冲压"), 4);
    char v[16];
    db_stmt *st = conn_stmt(f->db.sc, "SELECT count(*) FROM demand_fts_defer", NULL);
    assert_int_equal(db_step(st), DB_ROW);
    snprintf(v, sizeof v, "%s", db_column_text(st, 0));
    db_reset(st);
    assert_string_equal(v, "0");

    /* Rows of two consortia in one deferred write (as a copy of a whole
     * database makes), their ids alternating between the two: each is
     * indexed, under its own consortium. */
    assert_int_equal(store_begin(f->db.sc, &e), 0);
    assert_int_equal(store_search_defer(f->db.sc, 0, &e), 0);
    for (int i = 0; i < 6; i++) {
        int64_t cons = i % 2 ? f->other : f->cons, firm = i % 2 ? f->other_firm : f->firm, id;
        json_t *row =
            json_pack("{s:I,s:I,s:s,s:s,s:s,s:i,s:i,s:s,s:s}", "consortium_id", (json_int_t)cons,
                      "enterprise_id", (json_int_t)firm, "occupation_code", "6-22-02-01",
                      "job_title", "涂装工", "kind", "employment", "headcount", 1, "period", 2025,
                      "description", "交替导入的行", "status", "published");
        assert_int_equal(record_create_quiet(f->db.sc, &sys, d, row, &id, &e), 0);
        json_decref(row);
    }
    assert_int_equal(store_commit(f->db.sc, &e), 0);
    json_t *items = NULL;
    assert_int_equal(search_in(f, f->cons, "交替导入", 1, 10, &items), 3);
    json_decref(items);
    assert_int_equal(search_in(f, f->other, "交替导入", 1, 10, &items), 3);
    json_decref(items);

    /* Rolled back: nothing indexed, no mark left; later writes index. */
    assert_int_equal(store_begin(f->db.sc, &e), 0);
    assert_int_equal(store_search_defer(f->db.sc, f->cons, &e), 0);
    int64_t gone;
    json_t *row =
        json_pack("{s:I,s:I,s:s,s:s,s:s,s:i,s:i,s:s,s:s}", "consortium_id", (json_int_t)f->cons,
                  "enterprise_id", (json_int_t)f->firm, "occupation_code", "6-22-02-01",
                  "job_title", "冲压工", "kind", "employment", "headcount", 1, "period", 2025,
                  "description", "回滚的行", "status", "published");
    assert_int_equal(record_create_quiet(f->db.sc, &sys, d, row, &gone, &e), 0);
    json_decref(row);
    store_rollback(f->db.sc);
    assert_int_equal(search(f, "回滚"), 0);
    int64_t after = demand(f, f->cons, f->firm, "冲压工", "回滚之后的行", NULL, "published");
    assert_true(finds(f, "回滚", after));
    /* Deferring needs a transaction. */
    assert_int_equal(store_search_defer(f->db.sc, f->cons, &e), -1);
    err_clear(&e);
    assert_int_equal(sqlite3_exec(f->db.sc->db,
                                  "INSERT INTO demand_fts(demand_fts, rank) "
                                  "VALUES('integrity-check', 0)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

/* One text of a query's first column, or "" (NULL). */
static char *text_of(fixture *f, const char *sql)
{
    db_stmt *st = conn_stmt(f->db.sc, sql, NULL);
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    const char *v = db_column_text(st, 0);
    char *out = strdup(v ? v : "");
    db_reset(st);
    return out;
}

#define DEMAND_TRIGGERS                                                                            \
    "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_master "      \
    "WHERE type = 'trigger' AND tbl_name = 'demand' ORDER BY name)"
#define LOAD_TOTALS                                                                                \
    "SELECT headcount || '/' || positions FROM demand_totals WHERE occupation_code = "             \
    "'6-22-02-01' "                                                                                \
    "AND kind = 'employment' AND period = 2025"

/* A large load sets aside demand's insert triggers that its deferrals
 * make stand aside (the totals', the search index's) and makes them again
 * before the commit: the loaded rows are counted once and found, and a
 * later single write is counted and indexed by the triggers again. */
static void test_large_load_sets_triggers_aside(void **state)
{
    fixture *f = *state;
    caller_t sys = caller_system();
    err_t e = ERR_INIT;
    const entity_def *d = entity_find("demand");
    char *before = text_of(f, DEMAND_TRIGGERS);
    assert_non_null(strstr(before, "demand_totals_insert:"));
    assert_non_null(strstr(before, "demand_fts_insert:"));
    int64_t first;
    assert_int_equal(store_begin(f->db.sc, &e), 0);
    store_bulk_begin(f->db.sc);
    assert_int_equal(store_bulk_defer(f->db.sc, d, &first, &e), 0);
    assert_int_equal(store_search_defer(f->db.sc, f->cons, &e), 0);
    assert_int_equal(store_bulk_unindex(f->db.sc, d, STORE_UNINDEX_MIN, 0, &e), 0);
    char *during = text_of(f, DEMAND_TRIGGERS);
    assert_null(strstr(during, "demand_totals_insert:"));
    assert_null(strstr(during, "demand_fts_insert:"));
    assert_non_null(strstr(during, "demand_totals_update:")); /* only what stands aside */
    free(during);
    for (int i = 0; i < 3; i++) {
        json_t *row =
            json_pack("{s:I,s:I,s:s,s:s,s:s,s:i,s:i,s:s,s:s}", "consortium_id", (json_int_t)f->cons,
                      "enterprise_id", (json_int_t)f->firm, "occupation_code", "6-22-02-01",
                      "job_title", "装载工", "kind", "employment", "headcount", 2, "period", 2025,
                      "description", "大批装载的行", "status", "published");
        int64_t id;
        assert_int_equal(record_create_quiet(f->db.sc, &sys, d, row, &id, &e), 0);
        json_decref(row);
    }
    assert_int_equal(store_bulk_finish(f->db.sc, d, first, &e), 0);
    assert_int_equal(store_bulk_reindex(f->db.sc, &e), 0);
    char *after = text_of(f, DEMAND_TRIGGERS);
    assert_string_equal(after, before);
    free(after);
    assert_int_equal(store_commit(f->db.sc, &e), 0);
    store_bulk_end(f->db.sc);
    char *totals = text_of(f, LOAD_TOTALS);
    assert_string_equal(totals, "6/3");
    free(totals);
    assert_int_equal(search(f, "大批装载"), 3);
    demand(f, f->cons, f->firm, "装载工", "大批装载之后的一行", NULL, "published");
    totals = text_of(f, LOAD_TOTALS);
    assert_string_equal(totals, "9/4");
    free(totals);
    assert_int_equal(search(f, "大批装载"), 4);
    free(before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokenizer),
        cmocka_unit_test(test_trigrams),
        cmocka_unit_test_setup_teardown(test_matching, setup, teardown),
        cmocka_unit_test_setup_teardown(test_visibility_and_index_updates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_totals_paging_consortium, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snippets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deferred_bulk_writes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_large_load_sets_triggers_aside, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
