/*
 * test_facility.c — the pieces of the no-overbooking rule that need no
 * database (src/domain/facility.c, src/schema/entities_resources.c): the
 * reading of ISO 8601 times with offsets, their writing in China Standard
 * Time and UTC, and the sweep for the peak of stations in use — half-open
 * intervals (an end and a start at the same instant do not overlap),
 * bookings clipped to the window, the first moment of the peak.  The
 * routes, steps and the concurrency are tests/api/test_facilities.py's.
 *
 * The file includes facility.c to reach its static sweep (as h2o's unit
 * tests do); the library's copy is then never linked in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "domain/facility.c"

static int64_t at(const char *s)
{
    int64_t t = 0;
    assert_true(resources_time_parse(s, &t));
    return t;
}

static void test_parse(void **state)
{
    (void)state;
    /* One instant, four writings. */
    int64_t t = at("2026-12-07T08:30:00+08:00");
    assert_int_equal(t, at("2026-12-07T00:30:00Z"));
    assert_int_equal(t, at("2026-12-06T19:30:00-05:00"));
    assert_int_equal(t, at("2026-12-07 08:30+08:00"));
    assert_int_equal(t, 1796603400); /* date -d 2026-12-07T00:30:00Z +%s */
    assert_int_equal(at("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(at("2028-02-29T12:00:00Z") - at("2028-02-28T12:00:00Z"), 86400);
    static const char *const bad[] = {"2026-12-07T08:30:00",
                                      "2026-12-07",
                                      "2031-02-29T08:00:00+08:00",
                                      "2026-12-07T24:00:00Z",
                                      "2026-12-07T08:60:00Z",
                                      "2026-12-07T08:30:00+8",
                                      "2026-12-07T08:30:00.5Z",
                                      "2026-12-07T08:30:00+15:00",
                                      "2026-12-07T08:30:00Zjunk",
                                      "明天上午",
                                      ""};
    int64_t x;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(resources_time_parse(bad[i], &x));
    assert_false(resources_time_parse(NULL, &x));
}

static void test_format(void **state)
{
    (void)state;
    char out[32];
    int64_t t = at("2026-12-31T20:00:00-05:00");
    resources_time_format(t, false, out, sizeof out);
    assert_string_equal(out, "2027-01-01T09:00:00+08:00");
    resources_time_format(t, true, out, sizeof out);
    assert_string_equal(out, "2027-01-01T01:00:00Z");
}

static json_t *booking(const char *s, const char *e, int stations)
{
    char a[32], b[32];
    resources_time_format(at(s), true, a, sizeof a);
    resources_time_format(at(e), true, b, sizeof b);
    return json_pack("{s:s,s:s,s:i}", "starts_utc", a, "ends_utc", b, "stations", stations);
}

static void test_sweep(void **state)
{
    (void)state;
    json_t *v = json_array();
    json_array_append_new(v, booking("2031-03-10T09:00+08:00", "2031-03-10T12:00+08:00", 6));
    json_array_append_new(v, booking("2031-03-10T10:00+08:00", "2031-03-10T11:00+08:00", 4));
    json_array_append_new(v, booking("2031-03-10T12:00+08:00", "2031-03-10T13:00+08:00", 10));
    int64_t when;
    /* The whole morning: 10 at 10:00 (6 + 4), and 10 again from 12:00 —
     * the first moment is the one named; 12:00 is not 6 + 10. */
    assert_int_equal(sweep(v, at("2031-03-10T08:00+08:00"), at("2031-03-10T14:00+08:00"), &when),
                     10);
    assert_int_equal(when, at("2031-03-10T10:00+08:00"));
    /* Touching windows do not overlap. */
    assert_int_equal(sweep(v, at("2031-03-10T13:00+08:00"), at("2031-03-10T15:00+08:00"), &when),
                     0);
    assert_int_equal(when, at("2031-03-10T13:00+08:00"));
    /* Clipped to the window: 11:00–12:00 sees the first only. */
    assert_int_equal(sweep(v, at("2031-03-10T11:00+08:00"), at("2031-03-10T12:00+08:00"), &when),
                     6);
    json_t *active = json_array(), *b;
    size_t i;
    json_array_foreach (v, i, b)
        if (utc_of(b, "starts_utc") <= when && when < utc_of(b, "ends_utc"))
            json_array_append(active, b);
    assert_int_equal(json_array_size(active), 1);
    json_decref(active);
    json_decref(v);
    /* Nothing booked. */
    json_t *none = json_array();
    assert_int_equal(sweep(none, 0, 3600, &when), 0);
    json_decref(none);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_parse), cmocka_unit_test(test_format),
                                       cmocka_unit_test(test_sweep)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
