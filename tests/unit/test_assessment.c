/*
 * test_assessment.c — the assessment's pure rules (src/domain/assessment.c)
 * against docs/monitoring.md, "The year's assessment": red / amber / green
 * per direction at and around each boundary (amber_ratio 0.8 and another),
 * target 0 for le, eq, veto items without amber, no target or no value,
 * a bad amber_ratio, the branch rollup for every mix, and which statuses
 * may be written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "domain/assessment.h"

#define RAG(dir, veto, t, v, r) assessment_rag(dir, veto, true, t, true, v, r)

static void test_ge(void **state)
{
    (void)state;
    assert_string_equal(RAG("ge", false, 10, 10, 0.8), "green");
    assert_string_equal(RAG("ge", false, 10, 12, 0.8), "green");
    assert_string_equal(RAG("ge", false, 10, 9.99, 0.8), "amber");
    assert_string_equal(RAG("ge", false, 10, 8, 0.8), "amber");
    assert_string_equal(RAG("ge", false, 10, 7.99, 0.8), "red");
    assert_string_equal(RAG("ge", false, 10, 0, 0.8), "red");
    assert_string_equal(RAG("ge", false, 10, 5, 0.5), "amber");
    assert_string_equal(RAG("ge", false, 10, 4.9, 0.5), "red");
    assert_string_equal(RAG("ge", false, 0, 0, 0.8), "green");
    /* An unknown or missing direction is ge. */
    assert_string_equal(RAG(NULL, false, 10, 8, 0.8), "amber");
    assert_string_equal(RAG("zz", false, 10, 11, 0.8), "green");
}

static void test_le(void **state)
{
    (void)state;
    assert_string_equal(RAG("le", false, 5, 5, 0.8), "green");
    assert_string_equal(RAG("le", false, 5, 0, 0.8), "green");
    assert_string_equal(RAG("le", false, 5, 6.25, 0.8), "amber"); /* 5 / 0.8 */
    assert_string_equal(RAG("le", false, 5, 6.26, 0.8), "red");
    assert_string_equal(RAG("le", false, 5, 10, 0.5), "amber");
    assert_string_equal(RAG("le", false, 5, 10.1, 0.5), "red");
    /* Target 0: 0 green, anything else red. */
    assert_string_equal(RAG("le", false, 0, 0, 0.8), "green");
    assert_string_equal(RAG("le", false, 0, 0.1, 0.8), "red");
    assert_string_equal(RAG("le", false, 0, 1, 0.8), "red");
}

static void test_eq(void **state)
{
    (void)state;
    assert_string_equal(RAG("eq", false, 3, 3, 0.8), "green");
    assert_string_equal(RAG("eq", false, 3, 2.9, 0.8), "red");
    assert_string_equal(RAG("eq", false, 3, 3.1, 0.8), "red");
    assert_string_equal(RAG("eq", false, 0, 0, 0.8), "green");
}

static void test_veto_has_no_amber(void **state)
{
    (void)state;
    assert_string_equal(RAG("ge", true, 10, 9, 0.8), "red");
    assert_string_equal(RAG("ge", true, 10, 10, 0.8), "green");
    assert_string_equal(RAG("le", true, 5, 6, 0.8), "red");
    assert_string_equal(RAG("le", true, 0, 0, 0.8), "green");
    assert_string_equal(RAG("le", true, 0, 1, 0.8), "red");
    assert_string_equal(RAG("eq", true, 1, 1, 0.8), "green");
}

static void test_none(void **state)
{
    (void)state;
    assert_string_equal(assessment_rag("ge", false, false, 0, true, 5, 0.8), "none");
    assert_string_equal(assessment_rag("ge", false, true, 5, false, 0, 0.8), "none");
    assert_string_equal(assessment_rag("le", true, false, 0, false, 0, 0.8), "none");
    /* An amber ratio outside (0, 1] is read as 0.8. */
    assert_string_equal(RAG("ge", false, 10, 8, 0), "amber");
    assert_string_equal(RAG("ge", false, 10, 7, 7), "red");
}

static void test_rollup(void **state)
{
    (void)state;
    assert_string_equal(assessment_rollup(5, 3, 1, 2), "red");
    assert_string_equal(assessment_rollup(0, 0, 1, 0), "red");
    assert_string_equal(assessment_rollup(5, 1, 0, 9), "amber");
    assert_string_equal(assessment_rollup(0, 1, 0, 0), "amber");
    assert_string_equal(assessment_rollup(1, 0, 0, 9), "green");
    assert_string_equal(assessment_rollup(0, 0, 0, 4), "none");
    assert_string_equal(assessment_rollup(0, 0, 0, 0), "none");
}

static void test_editable(void **state)
{
    (void)state;
    assert_true(assessment_editable("draft"));
    assert_true(assessment_editable("returned"));
    assert_true(assessment_editable("reopened"));
    assert_false(assessment_editable("submitted"));
    assert_false(assessment_editable(NULL));
    assert_false(assessment_editable(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ge),       cmocka_unit_test(test_le),
        cmocka_unit_test(test_eq),       cmocka_unit_test(test_veto_has_no_amber),
        cmocka_unit_test(test_none),     cmocka_unit_test(test_rollup),
        cmocka_unit_test(test_editable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
