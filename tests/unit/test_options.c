/*
 * test_options.c — option lists (字典): src/schema/entities_options.c (which
 * fields are vocabulary, the option's own checks), the pass-through of
 * entity_validate for F_VOCAB fields (schema/entity.c), and
 * options_resolve (src/domain/options.c) on a fresh database: a label
 * becomes its code, another consortium's option is refused, a deactivated
 * option stays on the row that has it and nowhere else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "domain/options.h"
#include "domain/record.h"
#include "schema/entity.h"
#include "store/store.h"

#include "fixture.h"

/* Every F_VOCAB field is an enumeration with shipped options on an entity
 * that belongs to a consortium (whose options count); the ones the code
 * reasons about are not vocabulary. */
static void test_vocab_fields(void **state)
{
    (void)state;
    int n = 0;
    for (const entity_def *const *d = entity_all; *d; d++)
        for (const field_def *f = (*d)->fields; f->name; f++) {
            if (!(f->flags & F_VOCAB))
                continue;
            assert_int_equal(f->type, FT_ENUM);
            assert_non_null(f->opts);
            assert_non_null((*d)->consortium_field);
            char name[128];
            snprintf(name, sizeof name, "%s.%s", (*d)->name, f->name);
            const entity_def *found = NULL;
            assert_ptr_equal(entity_vocab_field(name, &found), f);
            assert_ptr_equal(found, *d);
            n++;
        }
    /* meetings.kind, agreements.type, trainings.kind, and the technology
     * platform's field (tech_needs.field). */
    assert_int_equal(n, 4);
    static const char *const fixed[] = {"agreements.status",
                                        "users.role",
                                        "organizations.type",
                                        "demand.education",
                                        "demand.kind",
                                        "certificates.level",
                                        "agreements",
                                        "agreements.",
                                        ".type",
                                        "nothing.type",
                                        ""};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        assert_null(entity_vocab_field(fixed[i], NULL));
}

/* entity_validate: a shipped label is its code; any other text of a
 * vocabulary field is passed on trimmed; a non-vocabulary enum refuses it. */
static void test_validate_passes_text(void **state)
{
    (void)state;
    const entity_def *d = entity_find("agreements");
    json_t *in = json_pack("{s:s,s:s}", "type", "  订单班协议 ", "status", "草拟");
    json_t *out = json_object();
    err_t e = ERR_INIT;
    assert_int_equal(entity_validate(d, in, false, out, &e), 0);
    assert_string_equal(json_string_value(json_object_get(out, "type")), "订单班协议");
    assert_string_equal(json_string_value(json_object_get(out, "status")), "draft");
    json_object_set_new(in, "type", json_string("校企合作"));
    assert_int_equal(entity_validate(d, in, false, out, &e), 0);
    assert_string_equal(json_string_value(json_object_get(out, "type")), "school_enterprise");
    json_object_set_new(in, "status", json_string("订单班协议"));
    assert_int_equal(entity_validate(d, in, false, out, &e), -1);
    assert_non_null(json_object_get(e.details, "status"));
    err_clear(&e);
    json_object_set_new(in, "status", json_string("draft"));
    json_object_set_new(in, "type", json_string("   "));
    assert_int_equal(entity_validate(d, in, false, out, &e), -1);
    assert_non_null(json_object_get(e.details, "type"));
    err_clear(&e);
    json_decref(in);
    json_decref(out);
}

static const char *type_of(json_t *row)
{
    return json_string_value(json_object_get(row, "type"));
}

static void test_resolve(void **state)
{
    (void)state;
    fx_db f;
    fx_open(&f, "options");
    const entity_def *d = entity_find("agreements");
    int64_t a = fx_consortium(&f, "甲联合体", true), b = fx_consortium(&f, "乙联合体", true);
    int64_t opt = fx_make_id(&f, "options",
                             "{\"consortium_id\":%lld,\"field\":\"agreements.type\",\"value\":"
                             "\"order_class\",\"label_zh\":\"订单班协议\",\"label_en\":\"Order "
                             "class\"}",
                             (long long)a);
    err_t e = ERR_INIT;
    /* By label (either language, any case) or code, in its consortium. */
    static const char *const names[] = {"订单班协议", "order CLASS", "order_class"};
    for (size_t i = 0; i < 3; i++) {
        json_t *row = json_pack("{s:I,s:s}", "consortium_id", (json_int_t)a, "type", names[i]);
        assert_int_equal(options_resolve(f.sc, d, row, NULL, NULL, &e), 0);
        assert_string_equal(type_of(row), "order_class");
        json_decref(row);
    }
    /* Not in another consortium; shipped values need nothing. */
    json_t *row = json_pack("{s:I,s:s}", "consortium_id", (json_int_t)b, "type", "订单班协议");
    assert_int_equal(options_resolve(f.sc, d, row, NULL, NULL, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_non_null(
        strstr(json_string_value(json_object_get(e.details, "type")), "school_enterprise"));
    err_clear(&e);
    json_object_set_new(row, "type", json_string("strategic"));
    assert_int_equal(options_resolve(f.sc, d, row, NULL, NULL, &e), 0);
    json_decref(row);
    /* Deactivated: the row that has it keeps it; a new write may not
     * choose it, nor may a row move it to another consortium. */
    json_t *upd = NULL, *off = json_pack("{s:b}", "active", 0);
    assert_int_equal(record_update(f.sc, &f.sys, entity_find("options"), opt, off, &upd, &e), 0);
    json_decref(off);
    json_decref(upd);
    json_t *before = json_pack("{s:I,s:s}", "consortium_id", (json_int_t)a, "type", "order_class");
    row = json_deep_copy(before);
    json_t *patch = json_pack("{s:s}", "type", "订单班协议");
    json_object_set(row, "type", json_object_get(patch, "type"));
    assert_int_equal(options_resolve(f.sc, d, row, patch, before, &e), 0);
    assert_string_equal(type_of(patch), "order_class");
    json_decref(patch);
    assert_int_equal(options_resolve(f.sc, d, row, NULL, NULL, &e), -1);
    assert_non_null(strstr(json_string_value(json_object_get(e.details, "type")), "停用"));
    err_clear(&e);
    json_decref(row);
    json_decref(before);
    /* The lists: shipped first, then the consortium's own, inactive too. */
    json_t *out = NULL;
    assert_int_equal(options_effective(f.sc, &f.sys, a, &out, &e), 0);
    json_t *items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 4);
    json_t *agr = NULL;
    size_t i;
    json_t *it;
    json_array_foreach (items, i, it)
        if (!strcmp(json_string_value(json_object_get(it, "field")), "agreements.type"))
            agr = json_object_get(it, "options");
    assert_non_null(agr);
    json_t *last = json_array_get(agr, json_array_size(agr) - 1);
    assert_string_equal(json_string_value(json_object_get(last, "value")), "order_class");
    assert_true(json_is_false(json_object_get(last, "active")));
    assert_true(json_is_true(json_object_get(json_array_get(agr, 0), "shipped")));
    json_decref(out);
    /* The export's labels. */
    json_t *cache = json_object();
    const field_def *tf = entity_field(d, "type");
    assert_string_equal(options_label(f.sc, cache, d, tf, a, "order_class", false), "订单班协议");
    assert_string_equal(options_label(f.sc, cache, d, tf, a, "order_class", true), "Order class");
    assert_null(options_label(f.sc, cache, d, tf, b, "order_class", false));
    json_decref(cache);
    fx_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocab_fields),
        cmocka_unit_test(test_validate_passes_text),
        cmocka_unit_test(test_resolve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
