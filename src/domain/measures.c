/*
 * measures.c — the fixed library of measures (measures.h): each entry
 * names what it counts, its parameters and its drill-down, and one
 * function that checks the parameters and asks store_measures.c.
 *
 * To add a measure: a row in `library` (key, names, unit, parameters, what
 * it counts), a compute function beside the others, and a count in
 * store_measures.c; docs/monitoring.md lists the library from
 * GET /api/v1/measures.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/gap.h"
#include "domain/governance.h"
#include "domain/measures.h"
#include "store/store_measures.h"

/* A text parameter: NULL when absent, -1 when present but not a string. */
static int param_text(json_t *params, const char *name, const char **out, err_t *e)
{
    json_t *v = params ? json_object_get(params, name) : NULL;
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        err_set(e, ERR_INVALID, "参数 %s 应为文本 (parameter %s must be text)", name, name);
        err_field(e, name, "应为文本 (must be text)");
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

/* A parameter that must be one of `allowed` ("a|b|c"), or absent. */
static int param_choice(json_t *params, const char *name, const char *allowed, const char **out,
                        err_t *e)
{
    if (param_text(params, name, out, e) < 0)
        return -1;
    if (!*out)
        return 0;
    size_t n = strlen(*out);
    for (const char *p = allowed; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, *out, n) == 0)
            return 0;
        p += len + (bar ? 1 : 0);
    }
    err_set(e, ERR_INVALID, "参数 %s 的取值“%s”不在 %s 之中 (parameter %s must be one of %s)", name,
            *out, allowed, name, allowed);
    err_field(e, name, "应为 %s 之一 (must be one of %s)", allowed, allowed);
    return -1;
}

static json_t *drill_of(const char *path, const char *entity, const char *web)
{
    return json_pack("{s:s,s:s,s:s}", "path", path, "entity", entity, "web", web);
}

static json_t *drill_of_fmt(const char *entity, const char *web, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static json_t *drill_of_fmt(const char *entity, const char *web, const char *fmt, ...)
{
    char path[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return drill_of(path, entity, web);
}

#define ORG_TYPES                                                                                  \
    "government|enterprise|undergraduate|higher_vocational|secondary_vocational|research_"         \
    "institute|industry_association|other"
#define MEETING_KINDS "council|general_assembly|standing|working"

static int m_members(store_conn *sc, int64_t cid, int year, const char *cutoff, json_t *params,
                     double *value, json_t **drill, err_t *e)
{
    const char *type;
    char from[16], end[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(end, sizeof end, "%04d-12-31", year);
    snprintf(to, sizeof to, "%s", strcmp(cutoff, end) < 0 ? cutoff : end);
    if (param_choice(params, "type", ORG_TYPES, &type, e) < 0)
        return -1;
    if (store_measure_members(sc, cid, to, type, value, e) < 0)
        return -1;
    /* The memberships on the register at `to`: a unit holding several
     * roles is listed once per role; the type is the unit's (shown in
     * each row's organisation). */
    if (drill)
        *drill = drill_of_fmt("memberships", "/workspace/members",
                              "/api/v1/memberships?consortium_id=%lld&joined_on_until=%s&left_on_"
                              "after=%s",
                              (long long)cid, to, to);
    return 0;
}

static int m_meetings_held(store_conn *sc, int64_t cid, int year, const char *cutoff,
                           json_t *params, double *value, json_t **drill, err_t *e)
{
    const char *kind;
    char end[16], to[16];
    snprintf(end, sizeof end, "%04d-12-31", year);
    snprintf(to, sizeof to, "%s", strcmp(cutoff, end) < 0 ? cutoff : end);
    if (param_choice(params, "kind", MEETING_KINDS, &kind, e) < 0)
        return -1;
    if (store_measure_meetings(sc, cid, year, to, kind, value, e) < 0)
        return -1;
    if (drill)
        *drill = drill_of_fmt("meetings", "/workspace/meetings",
                              "/api/v1/meetings?consortium_id=%lld&status=held&held_on_from=%04d-"
                              "01-01&held_on_to=%s%s%s",
                              (long long)cid, year, to, kind ? "&kind=" : "", kind ? kind : "");
    return 0;
}

/* ---- the rest of the library: one statement each (store_measures.c) ---- */

#define COUNCIL_ROLES                                                                              \
    "chair|executive_chair|vice_chair|secretary_general|deputy_secretary_general|council_member"
#define CERT_LEVELS                                                                                \
    "junior|intermediate|senior|technician|senior_technician|special_technician|chief_technician"
#define AGREEMENT_TYPES                                                                            \
    "school_enterprise|school_school|science_education|government_enterprise|party_building|"      \
    "strategic"
#define LIST_KINDS "core_products|tech_needs|talent_needs"
#define DEMAND_KINDS "employment|internship|apprenticeship|order_class"
#define PROJECT_STATUSES "proposed|approved|running|accepted|closed|rejected|terminated"
#define OUTPUT_KINDS                                                                               \
    "invention_patent|utility_model|software_copyright|standard|paper|prototype|process|transfer"
#define FACILITY_KINDS                                                                             \
    "industrial_college|training_base|practice_center|teaching_factory|engineering_center|"        \
    "master_studio|cross_company_center|craftsman_college"
#define MATERIAL_KINDS "loose_leaf|workbook|digital|other"
#define COHORT_KINDS "order|apprenticeship|field_engineer"
#define SECONDMENT_DIRECTIONS "to_enterprise|to_school"
#define TRAINING_KINDS "new_occupation|upskilling|teacher|other"

/* The bounds every measure counts within: the year's first day, `to` =
 * the cut-off or the year's last day, whichever is earlier, and `cut`
 * (the cut-off falls inside the year). */
typedef struct {
    char from[16], to[16];
    int cut;
} bounds;

static void bounds_of(int year, const char *cutoff, bounds *b)
{
    char end[16];
    snprintf(b->from, sizeof b->from, "%04d-01-01", year);
    snprintf(end, sizeof end, "%04d-12-31", year);
    b->cut = strcmp(cutoff, end) < 0;
    snprintf(b->to, sizeof b->to, "%s", b->cut ? cutoff : end);
}

/* "a|b|c" as a JSON array text ["a","b","c"], in out. */
static void set_of(const char *bars, char *out, size_t n)
{
    size_t o = 0;
    o += (size_t)snprintf(out + o, n - o, "[");
    for (const char *p = bars; *p && o < n;) {
        const char *bar = strchr(p, '|');
        int len = bar ? (int)(bar - p) : (int)strlen(p);
        o += (size_t)snprintf(out + o, n - o, "%s\"%.*s\"", p == bars ? "" : ",", len, p);
        p += len + (bar ? 1 : 0);
    }
    if (o < n)
        snprintf(out + o, n - o, "]");
}

#define drillf drill_of_fmt

/* Ask the store; a share is numerator ÷ denominator × 100 (0 when there is
 * nothing to divide), to two decimals. */
static int ask(store_conn *sc, const char *key, int64_t cid, int year, const bounds *b,
               const char *text, const char *set, bool share, double *value, err_t *e)
{
    store_measure_args a = {cid, b->from, b->to, year, b->cut, text, set};
    double num = 0, den = 0;
    if (store_measure_value(sc, key, &a, &num, &den, e) < 0)
        return -1;
    if (!share)
        *value = num;
    else
        *value = den > 0 ? round(fmin(100.0, num * 100.0 / den) * 100.0) / 100.0 : 0;
    return 0;
}

#define MEASURE(name)                                                                              \
    static int name(store_conn *sc, int64_t cid, int year, const char *cutoff, json_t *params,     \
                    double *value, json_t **drill, err_t *e)
#define BOUNDS                                                                                     \
    bounds b = {{0}, {0}, 0};                                                                      \
    bounds_of(year, cutoff, &b)
#define OPT(name) (name) ? "&" #name "=" : "", (name) ? (name) : ""
/* A day bound on a register kept by year: only when the cut-off falls in the year. */
#define CUT(field) b.cut ? "&" field "_until=" : "", b.cut ? b.to : ""

MEASURE(m_council_seats)
{
    const char *role;
    char set[300];
    BOUNDS;
    if (param_choice(params, "role", COUNCIL_ROLES, &role, e) < 0)
        return -1;
    set_of(role ? role : COUNCIL_ROLES, set, sizeof set);
    if (ask(sc, "council_seats", cid, year, &b, NULL, set, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("memberships", "/workspace/members",
                        "/api/v1/memberships?consortium_id=%lld&role_in=%s&joined_on_until=%s&"
                        "left_on_after=%s",
                        (long long)cid, role ? role : COUNCIL_ROLES, b.to, b.to);
    return 0;
}

MEASURE(m_motions_passed)
{
    BOUNDS;
    (void)params;
    json_t *items = NULL;
    if (store_measure_motions(sc, cid, b.from, b.to, &items, e) < 0)
        return -1;
    size_t i, n = 0;
    json_t *it;
    json_array_foreach (items, i, it) {
        store_tally t;
        if (store_vote_tally(sc, json_integer_value(json_object_get(it, "id")), &t, e) != 0) {
            json_decref(items);
            return -1;
        }
        governance_result g = governance_decide(json_string_value(json_object_get(it, "threshold")),
                                                json_string_value(json_object_get(it, "base")), &t);
        n += g.passed;
    }
    json_decref(items);
    *value = (double)n;
    if (drill)
        *drill = drillf("meetings", "/workspace/meetings",
                        "/api/v1/meetings?consortium_id=%lld&status=held&held_on_from=%s&held_on_"
                        "to=%s",
                        (long long)cid, b.from, b.to);
    return 0;
}

MEASURE(m_work_plan_completion)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "work_plan_completion", cid, year, &b, NULL, NULL, true, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("work_plan_items", "/workspace/work-plan",
                        "/api/v1/work-plan-items?consortium_id=%lld&year=%d&status_in=not_started|"
                        "in_progress|done|delayed",
                        (long long)cid, year);
    return 0;
}

MEASURE(m_agreements)
{
    const char *type;
    BOUNDS;
    if (param_choice(params, "type", AGREEMENT_TYPES, &type, e) < 0 ||
        ask(sc, "agreements", cid, year, &b, type, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("agreements", "/workspace/records/agreements",
                        "/api/v1/agreements?consortium_id=%lld&status_in=signed|in_force|expired&"
                        "signed_on_from=%s&signed_on_to=%s%s%s",
                        (long long)cid, b.from, b.to, OPT(type));
    return 0;
}

MEASURE(m_demand_published)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", DEMAND_KINDS, &kind, e) < 0 ||
        ask(sc, "demand_published", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("demand", "/workspace/gap",
                        "/api/v1/demand?consortium_id=%lld&period=%d&status=published%s%s",
                        (long long)cid, year, OPT(kind));
    return 0;
}

MEASURE(m_supply_published)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "supply_published", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("supply", "/workspace/gap", "/api/v1/supply?consortium_id=%lld&period=%d",
                        (long long)cid, year);
    return 0;
}

MEASURE(m_lists_published)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", LIST_KINDS, &kind, e) < 0 ||
        ask(sc, "lists_published", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill =
            drillf("published_lists", "/workspace/tech-lists", "/api/v1/consortia/%lld/lists%s%s",
                   (long long)cid, kind ? "?kind=" : "", kind ? kind : "");
    return 0;
}

/* Σ min(D(o), S(o)) ÷ Σ D(o) over the occupations of the gap analysis. */
MEASURE(m_gap_coverage)
{
    (void)params;
    (void)cutoff;
    store_gap_inputs in;
    gap_result g;
    if (store_gap_inputs_get(sc, cid, year, NULL, &in, e) != 0)
        return -1;
    gap_compute(in.demand, in.nd, in.supply, in.ns, in.links, in.nl, &g);
    double met = 0, all = 0;
    for (size_t i = 0; i < g.n_occupations; i++) {
        double d = g.occupations[i].demand, s = g.occupations[i].supply;
        all += d;
        met += s < d ? s : d;
    }
    gap_result_free(&g);
    store_gap_inputs_free(&in);
    *value = all > 0 ? round(met * 100.0 / all * 100.0) / 100.0 : 0;
    if (drill)
        *drill = drillf("demand", "/workspace/gap",
                        "/api/v1/demand?consortium_id=%lld&period=%d&status=published",
                        (long long)cid, year);
    return 0;
}

MEASURE(m_match_rounds_published)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "match_rounds_published", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("match_rounds", "/workspace/match-rounds",
                        "/api/v1/match-rounds?consortium_id=%lld&status=published&published_at_"
                        "from=%s&published_at_to=%s",
                        (long long)cid, b.from, b.to);
    return 0;
}

MEASURE(m_interns_placed)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "interns_placed", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("placements", "/workspace/my-interns",
                        "/api/v1/placements?consortium_id=%lld&year=%d&status_in=active|"
                        "completed%s%s",
                        (long long)cid, year, CUT("starts_on"));
    return 0;
}

MEASURE(m_graduates_employed)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "graduates_employed", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("employment_outcomes", "/workspace/my-outcomes",
                        "/api/v1/employment-outcomes?consortium_id=%lld&year=%d&kind_in=employed|"
                        "self_employed|flexible",
                        (long long)cid, year);
    return 0;
}

MEASURE(m_certificates)
{
    const char *min;
    BOUNDS;
    if (param_choice(params, "level_min", CERT_LEVELS, &min, e) < 0)
        return -1;
    const char *levels = CERT_LEVELS;
    if (min) /* the levels from min up, in the order of CERT_LEVELS */
        levels = strstr(CERT_LEVELS, min);
    char set[300];
    set_of(levels, set, sizeof set);
    if (ask(sc, "certificates", cid, year, &b, NULL, set, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("certificates", "/workspace/my-certificates",
                        "/api/v1/certificates?consortium_id=%lld&year=%d&level_in=%s%s%s",
                        (long long)cid, year, levels, CUT("issued_on"));
    return 0;
}

MEASURE(m_training_person_times)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", TRAINING_KINDS, &kind, e) < 0 ||
        ask(sc, "training_person_times", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("trainings", "/workspace/my-trainings",
                        "/api/v1/trainings?consortium_id=%lld&year=%d%s%s%s%s", (long long)cid,
                        year, OPT(kind), CUT("starts_on"));
    return 0;
}

MEASURE(m_tech_needs_published)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "tech_needs_published", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("tech_needs", "/workspace/tech-lists",
                        "/api/v1/tech-needs?consortium_id=%lld&status_in=published|in_progress|"
                        "closed&published_on_from=%s&published_on_to=%s",
                        (long long)cid, b.from, b.to);
    return 0;
}

MEASURE(m_tech_needs_matched)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "tech_needs_matched", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("tech_needs", "/workspace/tech-lists",
                        "/api/v1/tech-needs?consortium_id=%lld&status_in=in_progress|closed&"
                        "published_on_from=%s&published_on_to=%s",
                        (long long)cid, b.from, b.to);
    return 0;
}

MEASURE(m_rd_projects)
{
    const char *status;
    BOUNDS;
    if (param_choice(params, "status", PROJECT_STATUSES, &status, e) < 0)
        return -1;
    const char *statuses = status ? status : "approved|running|accepted|closed";
    char set[300];
    set_of(statuses, set, sizeof set);
    if (ask(sc, "rd_projects", cid, year, &b, NULL, set, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("rd_projects", "/workspace/rd-stats",
                        "/api/v1/rd-projects?consortium_id=%lld&status_in=%s&starts_on_from=%s&"
                        "starts_on_to=%s",
                        (long long)cid, statuses, b.from, b.to);
    return 0;
}

MEASURE(m_rd_outputs)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", OUTPUT_KINDS, &kind, e) < 0 ||
        ask(sc, "rd_outputs", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("rd_outputs", "/workspace/rd-stats",
                        "/api/v1/rd-outputs?consortium_id=%lld&date_from=%s&date_to=%s%s%s",
                        (long long)cid, b.from, b.to, OPT(kind));
    return 0;
}

MEASURE(m_transfer_revenue)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "transfer_revenue", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    *value = round(*value * 100.0) / 100.0;
    if (drill)
        *drill = drillf("rd_outputs", "/workspace/rd-stats",
                        "/api/v1/rd-outputs?consortium_id=%lld&kind=transfer&date_from=%s&date_"
                        "to=%s",
                        (long long)cid, b.from, b.to);
    return 0;
}

MEASURE(m_facilities)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", FACILITY_KINDS, &kind, e) < 0 ||
        ask(sc, "facilities", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill =
            drillf("facilities", "/workspace/facility-stats",
                   "/api/v1/facilities?consortium_id=%lld&status=running&opened_on_until=%s%s%s",
                   (long long)cid, b.to, OPT(kind));
    return 0;
}

MEASURE(m_facility_use_rate)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "facility_use_rate", cid, year, &b, NULL, NULL, true, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("facilities", "/workspace/facility-stats",
                        "/api/v1/facilities?consortium_id=%lld&status=running&opened_on_until=%s",
                        (long long)cid, b.to);
    return 0;
}

MEASURE(m_facility_outside_use)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "facility_outside_use", cid, year, &b, NULL, NULL, true, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("facility_bookings", "/workspace/facility-bookings",
                        "/api/v1/facility-bookings?consortium_id=%lld&status_in=approved|done&"
                        "starts_at_from=%s&starts_at_to=%s",
                        (long long)cid, b.from, b.to);
    return 0;
}

MEASURE(m_bookings_done_person_times)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "bookings_done_person_times", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("facility_bookings", "/workspace/facility-bookings",
                        "/api/v1/facility-bookings?consortium_id=%lld&status=done&starts_at_from="
                        "%s&starts_at_to=%s",
                        (long long)cid, b.from, b.to);
    return 0;
}

MEASURE(m_programs_co_run)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "programs_co_run", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("programs", "/workspace/training-stats",
                        "/api/v1/programs?consortium_id=%lld&enterprise_ids_set=1&started_year_"
                        "until=%d",
                        (long long)cid, year);
    return 0;
}

MEASURE(m_courses_co_developed)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "courses_co_developed", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("courses", "/workspace/training-stats",
                        "/api/v1/courses?consortium_id=%lld&enterprise_ids_set=1&year_until=%d",
                        (long long)cid, year);
    return 0;
}

MEASURE(m_materials_co_developed)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", MATERIAL_KINDS, &kind, e) < 0 ||
        ask(sc, "materials_co_developed", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("teaching_materials", "/workspace/training-stats",
                        "/api/v1/teaching-materials?consortium_id=%lld&enterprise_ids_set=1&year_"
                        "until=%d%s%s",
                        (long long)cid, year, OPT(kind));
    return 0;
}

MEASURE(m_dual_qualified_share)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "dual_qualified_share", cid, year, &b, NULL, NULL, true, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("teaching_staff", "/workspace/training-stats",
                        "/api/v1/teaching-staff?consortium_id=%lld&kind=teacher", (long long)cid);
    return 0;
}

MEASURE(m_mentors)
{
    BOUNDS;
    (void)params;
    if (ask(sc, "mentors", cid, year, &b, NULL, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("teaching_staff", "/workspace/training-stats",
                        "/api/v1/teaching-staff?consortium_id=%lld&kind=mentor", (long long)cid);
    return 0;
}

MEASURE(m_secondment_days)
{
    const char *direction;
    BOUNDS;
    if (param_choice(params, "direction", SECONDMENT_DIRECTIONS, &direction, e) < 0 ||
        ask(sc, "secondment_days", cid, year, &b, direction, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("secondments", "/workspace/training-stats",
                        "/api/v1/secondments?consortium_id=%lld&year=%d%s%s%s%s", (long long)cid,
                        year, OPT(direction), CUT("starts_on"));
    return 0;
}

MEASURE(m_cohorts)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", COHORT_KINDS, &kind, e) < 0 ||
        ask(sc, "cohorts", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("cohorts", "/workspace/our-cohorts",
                        "/api/v1/cohorts?consortium_id=%lld&year=%d%s%s", (long long)cid, year,
                        OPT(kind));
    return 0;
}

MEASURE(m_cohort_students)
{
    const char *kind;
    BOUNDS;
    if (param_choice(params, "kind", COHORT_KINDS, &kind, e) < 0 ||
        ask(sc, "cohort_students", cid, year, &b, kind, NULL, false, value, e) < 0)
        return -1;
    if (drill)
        *drill = drillf("cohorts", "/workspace/our-cohorts",
                        "/api/v1/cohorts?consortium_id=%lld&year=%d%s%s", (long long)cid, year,
                        OPT(kind));
    return 0;
}

static int m_child_consortia(store_conn *sc, int64_t cid, int year, const char *cutoff,
                             json_t *params, double *value, json_t **drill, err_t *e)
{
    (void)year;
    (void)params;
    if (store_measure_child_consortia(sc, cid, cutoff, value, e) < 0)
        return -1;
    if (drill) {
        char path[80];
        snprintf(path, sizeof path, "/api/v1/consortia?parent_id=%lld", (long long)cid);
        char web[48];
        snprintf(web, sizeof web, "/consortia/%lld", (long long)cid);
        *drill = drill_of(path, "consortia", web);
    }
    return 0;
}

typedef int (*measure_fn)(store_conn *, int64_t, int, const char *, json_t *, double *, json_t **,
                          err_t *);

static const struct {
    measure_def def;
    measure_fn fn;
} library[] = {
    {{"members", "成员单位数", "Member units", "个",
      "type: 单位类型 organisation type (" ORG_TYPES "), optional",
      "截止日仍在册的成员单位数，可按单位类型 — member units on the register at the cut-off "
      "day, optionally of one type"},
     m_members},
    {{"meetings_held", "召开会议次数", "Meetings held", "次",
      "kind: 会议类型 meeting kind (" MEETING_KINDS "), optional",
      "当年截止日前已召开的会议次数，可按会议类型 — meetings held in the year up to the "
      "cut-off day, optionally of one kind"},
     m_meetings_held},
    {{"council_seats", "理事会席位数", "Council seats", "个",
      "role: 理事会职务 council role (" COUNCIL_ROLES "), optional; default all council roles",
      "截止日在任的理事会职务数（成员单位除外），可按职务 — council seats held at the cut-off "
      "day (plain membership excluded), optionally of one role"},
     m_council_seats},
    {{"motions_passed", "表决通过事项数", "Motions passed", "项", "none",
      "当年截止日前已召开会议上按表决规则通过的议题数 — agenda items of the meetings held in the "
      "year up to the cut-off day that passed by their threshold"},
     m_motions_passed},
    {{"work_plan_completion", "年度工作计划完成率", "Work plan completion", "%", "none",
      "当年工作计划事项（已取消的除外）中已完成的占比 — the share of the year's work-plan items "
      "(cancelled ones aside) that are done"},
     m_work_plan_completion},
    {{"agreements", "签订合作协议数", "Agreements signed", "项",
      "type: 协议类型 agreement type (" AGREEMENT_TYPES "), optional",
      "当年截止日前签订、已签约/履行中/已到期的协议数 — agreements signed in the year up to the "
      "cut-off day that are signed, in force or expired"},
     m_agreements},
    {{"demand_published", "发布人才需求人数", "Talent demand published", "人",
      "kind: 需求类型 demand kind (" DEMAND_KINDS "), optional",
      "需求年度为当年的已发布岗位需求人数之和（按现状） — the headcount of published demand "
      "rows of the year's period, as they stand"},
     m_demand_published},
    {{"supply_published", "毕业生供给人数", "Graduates supplied", "人", "none",
      "毕业年度为当年的成员院校毕业生人数之和（按现状） — graduates of the member schools in the "
      "year's supply rows, as they stand"},
     m_supply_published},
    {{"lists_published", "发布清单数", "Lists published", "份",
      "kind: 清单类型 list kind (" LIST_KINDS "), optional",
      "当年截止日前发布的清单份数 — lists published in the year up to the cut-off day"},
     m_lists_published},
    {{"gap_coverage", "人才需求满足率", "Gap coverage", "%", "none",
      "当年人才需求中按专业—职业对应可由毕业生供给满足的比例 Σmin(需求,供给)/Σ需求 — the share "
      "of the year's published demand that graduates can meet through the crosswalk, "
      "Σmin(demand, supply) / Σdemand by occupation"},
     m_gap_coverage},
    {{"match_rounds_published", "双向选择轮次", "Matching rounds published", "轮", "none",
      "当年截止日前发布结果的双向选择轮次数 — matching rounds whose result was published in the "
      "year up to the cut-off day"},
     m_match_rounds_published},
    {{"interns_placed", "实习学生人数", "Interns placed", "人", "none",
      "当年在岗或已完成的实习记录数（截止日在年内时按上岗日期截止） — placements of the year "
      "that are active or completed (started by the cut-off day when it falls in the year)"},
     m_interns_placed},
    {{"graduates_employed", "毕业生就业人数", "Graduates employed", "人", "none",
      "当年毕业去向为就业、创业、灵活就业的人数 — graduates of the year employed, self-employed "
      "or in flexible employment"},
     m_graduates_employed},
    {{"certificates", "职业技能等级证书数", "Skill certificates", "本",
      "level_min: 最低等级 lowest level counted (" CERT_LEVELS "), optional",
      "当年取得的职业技能等级证书数，可限定最低等级 — skill-level certificates of the year, "
      "optionally of this level or above"},
     m_certificates},
    {{"training_person_times", "培训人次", "Training person-times", "人次",
      "kind: 培训类型 training kind (" TRAINING_KINDS "), optional",
      "当年培训的人次之和 — person-times of the year's trainings"},
     m_training_person_times},
    {{"tech_needs_published", "发布技术需求数", "Technology needs published", "项", "none",
      "当年截止日前发布的技术需求数 — technology needs first published in the year up to the "
      "cut-off day"},
     m_tech_needs_published},
    {{"tech_needs_matched", "技术需求对接数", "Technology needs matched", "项", "none",
      "当年发布、已进入对接实施（进行中或已关闭）的技术需求数 — technology needs published in "
      "the year that went into work (in progress or closed)"},
     m_tech_needs_matched},
    {{"rd_projects", "联合研发项目数", "Joint R&D projects", "项",
      "status: 项目状态 project status (" PROJECT_STATUSES
      "), optional; default approved|running|accepted|closed",
      "当年截止日前开始的联合研发项目数 — joint R&D projects started in the year up to the "
      "cut-off day"},
     m_rd_projects},
    {{"rd_outputs", "研发成果数", "R&D outputs", "项",
      "kind: 成果类型 output kind (" OUTPUT_KINDS "), optional",
      "当年截止日前取得的研发成果数 — R&D outputs dated in the year up to the cut-off day"},
     m_rd_outputs},
    {{"transfer_revenue", "成果转化收入", "Technology transfer revenue", "万元", "none",
      "当年截止日前成果转化（成果类型“成果转化”）金额之和，单位万元 — the value of the year's "
      "transfer outputs up to the cut-off day, in 10 000 yuan"},
     m_transfer_revenue},
    {{"facilities", "共享设施数", "Shared facilities", "个",
      "kind: 设施类型 facility kind (" FACILITY_KINDS "), optional",
      "截止日运行中的共建共享设施数 — facilities running at the cut-off day"},
     m_facilities},
    {{"facility_use_rate", "设施工位使用率", "Facility use rate", "%", "none",
      "当年已批准与已完成预约的工位时数占运行设施开放工位时数的比例 — station-hours of the year's "
      "approved and done bookings over the station-hours the running facilities were open"},
     m_facility_use_rate},
    {{"facility_outside_use", "外单位使用占比", "Use by outside units", "%", "none",
      "当年已批准与已完成的预约中，由设施所属与共建单位以外单位预约的占比 — the share of the "
      "year's approved and done bookings made by units that neither own nor co-own the facility"},
     m_facility_outside_use},
    {{"bookings_done_person_times", "设施培训人次", "Person-times at facilities", "人次", "none",
      "当年已完成预约的实际人次（未填时按人数） — person-times of the year's done bookings "
      "(people when not given)"},
     m_bookings_done_person_times},
    {{"programs_co_run", "校企共同举办专业数", "Programmes run jointly", "个", "none",
      "有合作企业、开办年份不晚于当年的专业（项目）数 — programmes with partner enterprises "
      "started by the year"},
     m_programs_co_run},
    {{"courses_co_developed", "校企共同开发课程数", "Courses co-developed", "门", "none",
      "有合作企业、年份不晚于当年的课程数 — courses with partner enterprises, of the year or "
      "before"},
     m_courses_co_developed},
    {{"materials_co_developed", "校企共同开发教材数", "Materials co-developed", "部",
      "kind: 教材类型 material kind (" MATERIAL_KINDS "), optional",
      "有合作企业、年份不晚于当年的教材数 — teaching materials with partner enterprises, of the "
      "year or before"},
     m_materials_co_developed},
    {{"dual_qualified_share", "双师型教师占比", "Dual-qualified share", "%", "none",
      "在册专任教师中双师型教师的占比 — the share of the teachers on the register who are "
      "dual-qualified"},
     m_dual_qualified_share},
    {{"mentors", "产业导师人数", "Industry mentors", "人", "none",
      "在册的产业导师人数 — industry mentors on the register"},
     m_mentors},
    {{"secondment_days", "互聘互派人日", "Secondment days", "人日",
      "direction: 方向 direction (" SECONDMENT_DIRECTIONS "), optional",
      "当年互聘互派的天数之和 — days of the year's secondments"},
     m_secondment_days},
    {{"cohorts", "合作班级数", "Joint classes", "个",
      "kind: 班级类型 class kind (" COHORT_KINDS "), optional",
      "当年开班的订单班、现代学徒制班、现场工程师班数 — order, apprenticeship and field-engineer "
      "classes of the year"},
     m_cohorts},
    {{"cohort_students", "合作班级学生数", "Students in joint classes", "人",
      "kind: 班级类型 class kind (" COHORT_KINDS "), optional",
      "当年开班的合作班级人数之和 — students in the year's joint classes"},
     m_cohort_students},
    {{"child_consortia", "培育下级联合体数", "Consortia fostered", "个", "none",
      "截止日前已认定（无认定日期时按成立日期）的、以本联合体为上级联合体的在册联合体数 — "
      "live consortia whose parent is this one, recognised (or, without a recognition date, "
      "founded) on or before the cut-off day; undated ones count"},
     m_child_consortia},
};
#define N_LIBRARY (sizeof library / sizeof library[0])

static measure_def defs[N_LIBRARY];

const measure_def *measure_list(size_t *n)
{
    for (size_t i = 0; i < N_LIBRARY; i++)
        defs[i] = library[i].def;
    *n = N_LIBRARY;
    return defs;
}

const measure_def *measure_find(const char *key)
{
    for (size_t i = 0; key && i < N_LIBRARY; i++)
        if (strcmp(library[i].def.key, key) == 0)
            return &library[i].def;
    return NULL;
}

json_t *measure_list_json(void)
{
    json_t *items = json_array();
    for (size_t i = 0; i < N_LIBRARY; i++) {
        const measure_def *d = &library[i].def;
        json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "key", d->key, "zh",
                                               d->zh, "en", d->en, "unit", d->unit, "params",
                                               d->params_doc, "doc", d->doc));
    }
    return json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)N_LIBRARY);
}

int measure_compute(store_conn *sc, int64_t cid, int year, const char *cutoff, const char *key,
                    json_t *params, double *value, json_t **drill, err_t *e)
{
    if (drill)
        *drill = NULL;
    if (params && !json_is_object(params) && !json_is_null(params))
        return err_set(e, ERR_INVALID, "度量参数应为对象 (measure parameters must be an object)");
    for (size_t i = 0; key && i < N_LIBRARY; i++)
        if (strcmp(library[i].def.key, key) == 0)
            return library[i].fn(sc, cid, year, cutoff, params, value, drill, e);
    err_set(e, ERR_INVALID, "没有名为“%s”的度量 (no measure called %s)", key ? key : "",
            key ? key : "");
    err_field(e, "measure", "未知度量 (unknown measure)");
    return -1;
}

int measure_get(store_conn *sc, const caller_t *c, int64_t cid, const char *year_text,
                const char *cutoff, const char *key, const char *params_text, json_t **out,
                err_t *e)
{
    if (perm_consortium_readable(sc, c, cid, e) != 0)
        return -1;
    const measure_def *m = measure_find(key);
    if (!m) {
        err_set(e, ERR_NOT_FOUND, "没有名为“%.60s”的度量 (no measure called %.60s)", key ? key : "",
                key ? key : "");
        return -1;
    }
    char *end = NULL;
    long year = year_text && *year_text ? strtol(year_text, &end, 10) : 0;
    if (!year_text || !*year_text || *end || year < 2000 || year > 2100) {
        err_field(e, "year", "应为 2000–2100 的年份 (a year from 2000 to 2100)");
        return err_set(e, ERR_INVALID, "查询参数有误 (bad query parameters): year");
    }
    char day[16];
    if (cutoff && *cutoff) {
        int y, mo, d;
        char extra;
        if (strlen(cutoff) != 10 || sscanf(cutoff, "%4d-%2d-%2d%c", &y, &mo, &d, &extra) != 3 ||
            mo < 1 || mo > 12 || d < 1 || d > 31) {
            err_field(e, "cutoff", "应为日期 YYYY-MM-DD (a date YYYY-MM-DD)");
            return err_set(e, ERR_INVALID, "查询参数有误 (bad query parameters): cutoff");
        }
        snprintf(day, sizeof day, "%s", cutoff);
    } else {
        time_t now = time(NULL) + 8 * 3600; /* China Standard Time */
        struct tm tm;
        gmtime_r(&now, &tm);
        char today[16], end_of_year[16];
        strftime(today, sizeof today, "%Y-%m-%d", &tm);
        snprintf(end_of_year, sizeof end_of_year, "%04ld-12-31", year);
        snprintf(day, sizeof day, "%s", strcmp(today, end_of_year) < 0 ? today : end_of_year);
    }
    json_t *params = NULL;
    if (params_text && *params_text) {
        json_error_t je;
        params = json_loads(params_text, 0, &je);
        if (!params || !json_is_object(params)) {
            json_decref(params);
            err_field(e, "params", "应为 JSON 对象 (must be a JSON object)");
            return err_set(e, ERR_INVALID, "查询参数有误 (bad query parameters): params");
        }
        /* Names the measure does not take are refused, naming them. */
        char name[40] = "";
        if (strcmp(m->params_doc, "none") != 0)
            sscanf(m->params_doc, "%39[a-z_]", name);
        const char *k;
        json_t *v;
        json_object_foreach (params, k, v)
            if (strcmp(k, name) != 0) {
                err_field(e, k,
                          "度量 %s 没有此参数（可用：%s） (measure %s takes no such "
                          "parameter; it takes: %s)",
                          key, m->params_doc, key, m->params_doc);
                err_set(e, ERR_INVALID, "度量参数有误 (bad measure parameter): %.40s", k);
                json_decref(params); /* k lives in params */
                return -1;
            }
    }
    double value = 0;
    json_t *drill = NULL;
    int rc = measure_compute(sc, cid, (int)year, day, key, params, &value, &drill, e);
    json_decref(params);
    if (rc != 0)
        return -1;
    *out = json_pack("{s:s,s:f,s:s,s:I,s:s,s:o}", "key", m->key, "value", value, "unit", m->unit,
                     "year", (json_int_t)year, "cutoff", day, "drill", drill ? drill : json_null());
    return 0;
}
