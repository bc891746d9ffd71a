/* test_strmap.c — the core string map: every key put is found with its
 * value after the table grows, absent keys are not, keys are copies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/strmap.h"

static void test_put_get_grow(void **state)
{
    strmap m;
    strmap_init(&m);
    assert_null(strmap_get(&m, "x"));
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        bool added = false;
        strmap_slot *s = strmap_put(&m, key, &added);
        assert_true(added);
        s->v.i = i;
    }
    assert_int_equal(m.n, 100000);
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        strmap_slot *s = strmap_get(&m, key);
        assert_non_null(s);
        assert_int_equal(s->v.i, i);
        assert_string_equal(s->key, key);
    }
    assert_null(strmap_get(&m, "k100000"));
    bool added = true;
    assert_int_equal(strmap_put(&m, "k7", &added)->v.i, 7);
    assert_false(added);
    size_t seen = 0;
    for (size_t i = 0; i < m.cap; i++)
        seen += m.slots[i].key != NULL;
    assert_int_equal(seen, m.n);
    strmap_free(&m);
    assert_null(strmap_get(&m, "k1"));
}

static void test_long_keys_and_hash(void **state)
{
    strmap m;
    strmap_init(&m);
    char big[100000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    strmap_put(&m, big, NULL)->v.p = &m;
    strmap_put(&m, "柳州", NULL)->v.i = 2;
    assert_ptr_equal(strmap_get(&m, big)->v.p, &m);
    assert_int_equal(strmap_get(&m, "柳州")->v.i, 2);
    /* Keys that differ only far in (statements' texts) or in their last
     * byte past a multiple of eight: hash_str reads eight bytes a step. */
    char k1[300], k2[300];
    memset(k1, 'x', sizeof k1 - 1);
    k1[sizeof k1 - 1] = 0;
    memcpy(k2, k1, sizeof k1);
    k2[sizeof k2 - 2] = 'y';
    assert_true(hash_str(k1) != hash_str(k2));
    assert_true(hash_str("abcdefgh1") != hash_str("abcdefgh2"));
    assert_true(hash_str("") != hash_str("a"));
    strmap_put(&m, k1, NULL)->v.i = 1;
    strmap_put(&m, k2, NULL)->v.i = 2;
    assert_int_equal(strmap_get(&m, k1)->v.i, 1);
    assert_int_equal(strmap_get(&m, k2)->v.i, 2);
    k2[sizeof k2 - 2] = 'z';
    assert_null(strmap_get(&m, k2));
    strmap_free(&m);
    /* FNV-1a 64 of "a" (the published test vector). */
    assert_true(hash_fnv1a("a", 1) == 0xaf63dc4c8601ec8cull);
    assert_true(hash_fnv1a_str("a") == 0xaf63dc4c8601ec8cull);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get_grow),
        cmocka_unit_test(test_long_keys_and_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
