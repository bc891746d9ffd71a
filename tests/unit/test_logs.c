/*
 * test_logs.c — the logs (issue 15): UTC shown as China Standard Time,
 * the login log's rows (bounded name and User-Agent, cut on a character
 * boundary), its scopes and filters, pruning by age, who reads which
 * rows (login_log_list), and a log's rows as a spreadsheet shows them.
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

#include "domain/audit.h"
#include "store/store.h"

#include "fixture.h"

typedef fx_db fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    fx_open(f, "logs");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    fx_close(f);
    free(f);
    return 0;
}

static void test_time_cst(void **state)
{
    (void)state;
    char out[32];
    assert_true(time_cst("2026-12-02T07:20:03Z", out));
    assert_string_equal(out, "2026-12-02 15:20:03 (UTC+8)");
    /* Across midnight, the year's end and a leap day. */
    assert_true(time_cst("2026-12-31T16:00:00Z", out));
    assert_string_equal(out, "2027-01-01 00:00:00 (UTC+8)");
    assert_true(time_cst("2028-02-28T20:30:00Z", out));
    assert_string_equal(out, "2028-02-29 04:30:00 (UTC+8)");
    /* Anything else is left alone. */
    assert_false(time_cst("2026-12-02 07:20:03", out));
    assert_string_equal(out, "");
    assert_false(time_cst("2026-12-02T07:20:03Zx", out));
    assert_false(time_cst(NULL, out));
    char utc[21];
    time_utc(0, utc);
    assert_string_equal(utc, "1970-01-01T00:00:00Z");
    /* now_utc formats once a second per thread: what it gives is the
     * clock's second, read before or after it. */
    char a[21], before[21], after[21];
    for (int i = 0; i < 3; i++) {
        time_utc(now_unix(), before);
        now_utc(a);
        time_utc(now_unix(), after);
        assert_true(!strcmp(a, before) || !strcmp(a, after));
    }
}

static int64_t user(fixture *f, const char *name, const char *role, int64_t org)
{
    return fx_make_id(f, "users",
                      "{\"username\":\"%s\",\"display_name\":\"%s\",\"role\":\"%s\","
                      "\"password\":\"pass-word-2026\",\"organization_id\":%lld}",
                      name, name, role, (long long)org);
}

static void add(fixture *f, const char *event, int64_t uid, const char *name, bool ok,
                const char *reason, const char *agent)
{
    err_t e = ERR_INIT;
    store_login_entry l = {event, uid, name, "10.0.0.1", agent, ok, reason};
    assert_int_equal(store_login_log_add(f->sc, &l, &e), 0);
}

static void test_login_log(void **state)
{
    fixture *f = *state;
    err_t e = ERR_INIT;
    int64_t org = fx_make_id(f, "organizations", "{\"name\":\"日志单位\",\"type\":\"enterprise\"}");
    int64_t org2 =
        fx_make_id(f, "organizations", "{\"name\":\"别的单位\",\"type\":\"enterprise\"}");
    int64_t boss = user(f, "boss", "org_admin", org), staff = user(f, "staff", "org_staff", org),
            other = user(f, "other", "org_staff", org2);
    /* A User-Agent of 300 bytes of 3-byte characters: cut to at most 256
     * bytes, on a character boundary (255 = 85 characters). */
    char agent[301] = "";
    for (int i = 0; i < 100; i++)
        strcat(agent, "浏");
    add(f, "login", staff, "staff", true, NULL, agent);
    add(f, "login", staff, "staff", false, "wrong_password", "curl/8");
    add(f, "login", boss, "boss", true, NULL, "");
    add(f, "login", other, "other", true, NULL, "");
    add(f, "login", 0, "ghost", false, "unknown_user", "");
    add(f, "logout", staff, "staff", true, NULL, "");

    json_t *items = NULL;
    int64_t total = 0;
    login_log_filter all = {.ok = -1};
    caller_t admin = caller_system();
    strcpy(admin.role, "platform_admin");
    admin.user_id = 1;
    admin.system = false;
    assert_int_equal(login_log_list(f->sc, &admin, &all, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 6);
    json_t *first = json_array_get(items, 5);
    const char *ua = json_string_value(json_object_get(first, "user_agent"));
    assert_int_equal(strlen(ua), 255);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "event")),
                        "logout");
    assert_true(json_is_null(json_object_get(json_array_get(items, 1), "user_id")));
    json_decref(items);

    /* An organisation admin: the unit's users, not the name nobody holds. */
    caller_t c_boss = {.user_id = boss, .org_id = org};
    strcpy(c_boss.role, "org_admin");
    assert_int_equal(login_log_list(f->sc, &c_boss, &all, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 4);
    json_decref(items);
    /* Staff: their own, whatever user_id they ask for. */
    caller_t c_staff = {.user_id = staff, .org_id = org};
    strcpy(c_staff.role, "org_staff");
    assert_int_equal(login_log_list(f->sc, &c_staff, &all, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 3);
    json_decref(items);
    login_log_filter theirs = {.ok = -1, .user_id = boss};
    assert_int_equal(login_log_list(f->sc, &c_staff, &theirs, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 0);
    json_decref(items);
    /* Anonymous: 401. */
    caller_t anon = {0};
    assert_int_equal(login_log_list(f->sc, &anon, &all, 1, 50, &items, &total, &e), -1);
    assert_int_equal(e.code, ERR_UNAUTHORIZED);
    err_clear(&e);

    /* Filters: failures; a CST day; a bad day. */
    login_log_filter fails = {.ok = 0};
    assert_int_equal(login_log_list(f->sc, &admin, &fails, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 2);
    json_decref(items);
    login_log_filter old = {.ok = -1, .to = "2000-01-01"};
    assert_int_equal(login_log_list(f->sc, &admin, &old, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 0);
    json_decref(items);
    login_log_filter bad = {.ok = -1, .from = "2026-02-30"};
    assert_int_equal(login_log_list(f->sc, &admin, &bad, 1, 50, &items, &total, &e), -1);
    assert_int_equal(e.code, ERR_BAD_REQUEST);
    err_clear(&e);

    /* As a spreadsheet shows them: CST, and the codes in words. */
    assert_int_equal(login_log_list(f->sc, &admin, &fails, 1, 50, &items, &total, &e), 0);
    log_sheet_rows(&entity_login_log, items, false);
    json_t *row = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(row, "reason")), "用户不存在");
    assert_string_equal(json_string_value(json_object_get(row, "ok")), "失败");
    assert_non_null(strstr(json_string_value(json_object_get(row, "at")), "(UTC+8)"));
    json_decref(items);

    /* Pruning by age removes what is older, and only that. */
    assert_int_equal(store_login_log_prune(f->sc, "2000-01-01T00:00:00Z", &e), 0);
    assert_int_equal(login_log_list(f->sc, &admin, &all, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 6);
    json_decref(items);
    assert_int_equal(store_login_log_prune(f->sc, "2999-01-01T00:00:00Z", &e), 0);
    assert_int_equal(login_log_list(f->sc, &admin, &all, 1, 50, &items, &total, &e), 0);
    assert_int_equal(total, 0);
    json_decref(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_cst),
        cmocka_unit_test_setup_teardown(test_login_log, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
