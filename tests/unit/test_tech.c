/*
 * test_tech.c — the technology platform's status rules (src/domain/tech.c)
 * against the workflows docs/tech.md states, written out here by hand:
 * for needs and projects, every pair of statuses (from, to) and every
 * party (the owning unit, the secretariat, the client enterprise, another
 * member, a platform admin) — a step the table has by a party it names
 * passes, by another party is 403, a pair the table lacks is 409 for
 * everyone (admins too).  Beside that: a new need is a draft or published
 * unless the secretariat files it, a new project proposed; a client
 * changes only a project's status; a capability's fields resolve to codes
 * (labels, synonyms, each once) and refuse what is no field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "domain/tech.h"
#include "fixture.h"

enum { LEAD = 1, SEC = 2, CLIENT = 4, OTHER = 8, ADMIN = 16 };

typedef struct {
    const char *from, *to;
    unsigned who; /* the parties that may take it */
} step;

/* docs/tech.md, "Status workflows". */
static const step project_steps[] = {
    {"proposed", "approved", SEC},         {"proposed", "rejected", SEC},
    {"approved", "running", LEAD | SEC},   {"running", "accepted", SEC | CLIENT},
    {"accepted", "closed", SEC},           {"approved", "terminated", LEAD | SEC},
    {"running", "terminated", LEAD | SEC}, {NULL, NULL, 0}};
/* A need's owner is its enterprise: the CLIENT party here. */
static const step need_steps[] = {{"draft", "published", CLIENT | SEC},
                                  {"published", "in_progress", CLIENT | SEC},
                                  {"published", "closed", CLIENT | SEC},
                                  {"in_progress", "closed", CLIENT | SEC},
                                  {NULL, NULL, 0}};
static const char *const project_status[] = {"proposed", "approved", "running",    "accepted",
                                             "closed",   "rejected", "terminated", NULL};
static const char *const need_status[] = {"draft", "published", "in_progress", "closed", NULL};

typedef struct {
    fx_db db;
    int64_t cons, lead, client, other;
} world;

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    fx_open(&w->db, "tech");
    w->cons = fx_consortium(&w->db, "技术联合体", true);
    w->lead = fx_member(&w->db, w->cons, "牵头学院", "higher_vocational");
    w->client = fx_member(&w->db, w->cons, "委托企业", "enterprise");
    w->other = fx_member(&w->db, w->cons, "其他企业", "enterprise");
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    fx_close(&w->db);
    free(w);
    return 0;
}

static caller_t party(const world *w, unsigned who)
{
    switch (who) {
    case LEAD:
        return fx_caller("org_staff", 1, w->lead, 0);
    case SEC:
        return fx_caller("secretariat", 2, 0, w->cons);
    case CLIENT:
        return fx_caller("org_staff", 3, w->client, 0);
    case OTHER:
        return fx_caller("org_admin", 4, w->other, 0);
    default:
        return fx_caller("platform_admin", 5, 0, 0);
    }
}

static unsigned allowed(const step *steps, const char *from, const char *to, bool *in_table)
{
    *in_table = false;
    for (const step *s = steps; s->from; s++)
        if (!strcmp(s->from, from) && !strcmp(s->to, to)) {
            *in_table = true;
            return s->who | ADMIN;
        }
    return 0;
}

/* Every pair of statuses by every party against the table. */
static void check_workflow(world *w, const char *entity, const step *steps,
                           const char *const *statuses, const char *owner_field)
{
    const entity_def *d = entity_find(entity);
    size_t checked = 0;
    for (int i = 0; statuses[i]; i++)
        for (int j = 0; statuses[j]; j++) {
            if (i == j)
                continue;
            bool in_table;
            unsigned may = allowed(steps, statuses[i], statuses[j], &in_table);
            for (unsigned who = 1; who <= ADMIN; who <<= 1) {
                caller_t c = party(w, who);
                /* The need's id 0: nothing is written beside (its
                 * published_on is set on a row that does not exist). */
                json_t *before = json_pack(
                    "{s:I,s:I,s:I,s:I,s:s,s:n}", "id", (json_int_t)0, "consortium_id",
                    (json_int_t)w->cons, owner_field, (json_int_t)w->lead, "enterprise_id",
                    (json_int_t)w->client, "status", statuses[i], "published_on");
                json_t *row = json_deep_copy(before);
                json_t *patch = json_pack("{s:s}", "status", statuses[j]);
                json_object_set(row, "status", json_object_get(patch, "status"));
                err_t e = ERR_INIT;
                int rc = tech_rules(w->db.sc, &c, d, before, row, patch, &e);
                int want = !in_table ? ERR_CONFLICT : (may & who) ? ERR_NONE : ERR_FORBIDDEN;
                if ((rc == 0 ? ERR_NONE : (int)e.code) != want)
                    fprintf(stderr, "%s %s → %s by party %u: got %d (%s), want %d\n", entity,
                            statuses[i], statuses[j], who, rc == 0 ? 0 : (int)e.code, e.message,
                            want);
                assert_int_equal(rc == 0 ? ERR_NONE : (int)e.code, want);
                checked++;
                err_clear(&e);
                json_decref(before);
                json_decref(row);
                json_decref(patch);
            }
        }
    assert_true(checked > 50);
}

static void test_project_workflow(void **state)
{
    check_workflow(*state, "rd_projects", project_steps, project_status, "lead_id");
}

/* For needs the owning unit is the enterprise (enterprise_id: the CLIENT
 * party); the school (LEAD) is just another member there. */
static void test_need_workflow(void **state)
{
    check_workflow(*state, "tech_needs", need_steps, need_status, "lead_id");
}

static void test_new_records_start_at_the_start(void **state)
{
    world *w = *state;
    const entity_def *nd = entity_find("tech_needs"), *pd = entity_find("rd_projects");
    caller_t unit = party(w, CLIENT), sec = party(w, SEC);
    for (int i = 0; need_status[i]; i++) {
        json_t *row = json_pack("{s:I,s:I,s:s}", "consortium_id", (json_int_t)w->cons,
                                "enterprise_id", (json_int_t)w->client, "status", need_status[i]);
        err_t e = ERR_INIT;
        bool start = !strcmp(need_status[i], "draft") || !strcmp(need_status[i], "published");
        assert_int_equal(tech_rules(w->db.sc, &unit, nd, NULL, row, NULL, &e), start ? 0 : -1);
        if (!start)
            assert_int_equal(e.code, ERR_CONFLICT);
        err_clear(&e);
        /* published_on: set when the need is not a draft. */
        assert_int_equal(json_is_string(json_object_get(row, "published_on")),
                         start && strcmp(need_status[i], "draft") != 0);
        json_decref(row);
        row = json_pack("{s:I,s:I,s:s}", "consortium_id", (json_int_t)w->cons, "enterprise_id",
                        (json_int_t)w->client, "status", need_status[i]);
        assert_int_equal(tech_rules(w->db.sc, &sec, nd, NULL, row, NULL, &e), 0);
        json_decref(row);
    }
    for (int i = 0; project_status[i]; i++) {
        json_t *row = json_pack("{s:I,s:I,s:s}", "consortium_id", (json_int_t)w->cons, "lead_id",
                                (json_int_t)w->lead, "status", project_status[i]);
        caller_t lead = party(w, LEAD);
        err_t e = ERR_INIT;
        bool start = !strcmp(project_status[i], "proposed");
        assert_int_equal(tech_rules(w->db.sc, &lead, pd, NULL, row, NULL, &e), start ? 0 : -1);
        err_clear(&e);
        assert_int_equal(tech_rules(w->db.sc, &sec, pd, NULL, row, NULL, &e), 0);
        json_decref(row);
    }
}

static void test_client_changes_only_status(void **state)
{
    world *w = *state;
    const entity_def *pd = entity_find("rd_projects");
    caller_t client = party(w, CLIENT), lead = party(w, LEAD);
    json_t *before =
        json_pack("{s:I,s:I,s:I,s:I,s:s,s:I}", "id", (json_int_t)1, "consortium_id",
                  (json_int_t)w->cons, "lead_id", (json_int_t)w->lead, "enterprise_id",
                  (json_int_t)w->client, "status", "running", "budget", (json_int_t)100);
    json_t *patch = json_pack("{s:s,s:I}", "status", "accepted", "budget", (json_int_t)1);
    json_t *row = json_deep_copy(before);
    json_object_update(row, patch);
    err_t e = ERR_INIT;
    assert_int_equal(tech_rules(w->db.sc, &client, pd, before, row, patch, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    assert_non_null(json_object_get(e.details, "budget"));
    err_clear(&e);
    /* The lead changes the budget, but does not accept its own work. */
    assert_int_equal(tech_rules(w->db.sc, &lead, pd, before, row, patch, &e), -1);
    assert_int_equal(e.code, ERR_FORBIDDEN);
    err_clear(&e);
    json_object_del(patch, "budget");
    json_object_set_new(row, "budget", json_integer(100));
    assert_int_equal(tech_rules(w->db.sc, &client, pd, before, row, patch, &e), 0);
    json_decref(before);
    json_decref(row);
    json_decref(patch);
}

static void test_capability_fields(void **state)
{
    world *w = *state;
    const entity_def *cd = entity_find("capabilities");
    caller_t lead = party(w, LEAD);
    static const struct {
        const char *in, *out; /* NULL out: refused */
    } cases[] = {
        {"检测与质量、数字化与软件", "testing、digital"},
        {"testing", "testing"},
        {"检测、新能源、检测与质量", "testing、new_energy"}, /* synonyms; each once */
        {"Materials and processes", "materials"},
        {"检测、量子计算", NULL},
        {"整车制造", "vehicle"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *row = json_pack("{s:I,s:I,s:s}", "consortium_id", (json_int_t)w->cons,
                                "organization_id", (json_int_t)w->lead, "fields", cases[i].in);
        err_t e = ERR_INIT;
        int rc = tech_rules(w->db.sc, &lead, cd, NULL, row, NULL, &e);
        if (cases[i].out) {
            assert_int_equal(rc, 0);
            assert_string_equal(json_string_value(json_object_get(row, "fields")), cases[i].out);
        } else {
            assert_int_equal(rc, -1);
            assert_int_equal(e.code, ERR_INVALID);
            assert_non_null(
                strstr(json_string_value(json_object_get(e.details, "fields")), "量子计算"));
        }
        err_clear(&e);
        json_decref(row);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_project_workflow),
        cmocka_unit_test(test_need_workflow),
        cmocka_unit_test(test_new_records_start_at_the_start),
        cmocka_unit_test(test_client_changes_only_status),
        cmocka_unit_test(test_capability_fields),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
