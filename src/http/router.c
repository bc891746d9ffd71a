/*
 * router.c — the route table: the fixed routes below plus, for every
 * entity described in src/schema/, the five routes of the resource pattern
 * (GET/POST /api/v1/{things}, GET/PATCH/DELETE /api/v1/{things}/{id}).
 * Entity names use '_' internally and '-' in URLs (work_plan_items →
 * /api/v1/work-plan-items).
 *
 * Patterns are matched segment by segment; "{id}" takes a positive
 * integer.  `chanjiao routes` prints the table, and a test compares it
 * with docs/openapi.json so the two cannot drift.  Each fixed route's
 * handler lives in the api_*.c file named by the comment above it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

static const route fixed_routes[] = {
    /* api_meta.c */
    {"GET", "/", api_index, NULL, "Landing page"},
    {"GET", "/api/v1/health", api_health, NULL, "Health check"},
    {"GET", "/api/v1/openapi.json", api_openapi, NULL, "This API's OpenAPI 3 description"},
    {"GET", "/api/v1/meta/entities", api_meta_entities, NULL,
     "Entity descriptions (fields, types, labels, options) for forms"},
    /* api_auth.c */
    {"POST", "/api/v1/auth/login", api_login, NULL, "Sign in"},
    {"POST", "/api/v1/auth/logout", api_logout, NULL, "Sign out (revoke the session)"},
    {"GET", "/api/v1/auth/me", api_me, NULL, "The signed-in user"},
    /* api_privacy.c */
    {"GET", "/api/v1/me/data", api_me_data, NULL,
     "Everything the platform holds on the signed-in user (PIPL export)"},
    {"POST", "/api/v1/students/{id}/erase", api_student_erase, NULL,
     "Erase a student's personal data; records that count stay, anonymised (PIPL)"},
    /* api_todo.c */
    {"GET", "/api/v1/me/todo", api_todo, NULL,
     "What waits for the signed-in user (to-dos with counts, dates and pages) and their figures"},
    /* api_consortium.c */
    {"GET", "/api/v1/consortia/{id}/composition", api_composition, NULL,
     "Member composition by organisation type"},
    {"GET", "/api/v1/consortia/{id}/council", api_council, NULL,
     "Current members in council-role order"},
    {"GET", "/api/v1/consortia/{id}/stats", api_consortium_stats, NULL,
     "Dashboard figures: composition, agreements by type and year, work-plan progress"},
    {"GET", "/api/v1/consortia/{id}/options", api_consortium_options, NULL,
     "Option lists of the extensible fields: the shipped options and the consortium's own"},
    {"GET", "/api/v1/agenda-items/{id}/result", api_agenda_result, NULL,
     "Vote tally and result of a motion"},
    /* api_audit.c */
    {"GET", "/api/v1/audit", api_audit, NULL, "Audit log"},
    {"GET", "/api/v1/login-log", api_login_log, NULL, "Login log"},
    /* api_search.c */
    {"GET", "/api/v1/search", api_search, NULL,
     "Full-text search of a consortium's published demand (Chinese words, ASCII words)"},
    /* api_import.c */
    {"POST", "/api/v1/import/{entity}", api_import, NULL,
     "Import a CSV/XLSX file of organisations, members, demand, supply, students, crosswalk, "
     "a catalogue edition, placements, employment outcomes, certificates or trainings (all or "
     "nothing)"},
    {"GET", "/api/v1/import/{entity}/template", api_import_template, NULL,
     "The blank template of an import kind (XLSX with drop-downs and a “说明” sheet, or CSV)"},
    /* api_talent.c */
    {"GET", "/api/v1/consortia/{id}/gap", api_gap, NULL,
     "Talent gap by occupation or major for a period"},
    {"GET", "/api/v1/consortia/{id}/gap/trend", api_gap_trend, NULL,
     "Demand, supply and gap across periods"},
    {"GET", "/api/v1/consortia/{id}/recommendations", api_recommendations, NULL,
     "Per-major recommendation (expand / hold / shrink) and majors to open, with the figures"},
    {"POST", "/api/v1/consortia/{id}/demand-reports", api_report_create, NULL,
     "Publish the demand report of a period (a snapshot)"},
    {"GET", "/api/v1/consortia/{id}/demand-reports", api_report_list, NULL,
     "A consortium's published demand reports"},
    {"GET", "/api/v1/demand-reports/{id}", api_report_get, NULL,
     "A published demand report (JSON, or CSV/XLSX download)"},
    /* api_lists.c */
    {"POST", "/api/v1/consortia/{id}/lists", api_lists_create, NULL,
     "Publish one of the three lists (core products, technology needs, talent needs) as a "
     "snapshot"},
    {"GET", "/api/v1/consortia/{id}/lists", api_lists_list, NULL,
     "A consortium's published lists, newest first"},
    /* api_measures.c */
    {"GET", "/api/v1/measures", api_measures_list, NULL,
     "The measures library: what each computed indicator can count"},
    {"GET", "/api/v1/consortia/{id}/measures/{key}", api_measure_value, NULL,
     "A measure's value for a consortium and year at a cut-off day, with its drill-down"},
    {"GET", "/api/v1/indicator-frameworks/{id}/tree", api_framework_tree, NULL,
     "An indicator framework with its indicators as a nested tree"},
    {"GET", "/api/v1/lists/{id}", api_list_get, NULL,
     "A published list with a page of its rows (JSON, or CSV/XLSX download)"},
    /* api_round.c */
    {"POST", "/api/v1/match-rounds/{id}/open", api_round_action, NULL,
     "Open a matching round for students' lists"},
    {"POST", "/api/v1/match-rounds/{id}/close-applications", api_round_action, NULL,
     "Close students' lists; enterprises go on ranking"},
    {"POST", "/api/v1/match-rounds/{id}/close", api_round_action, NULL, "Close a matching round"},
    {"POST", "/api/v1/match-rounds/{id}/run", api_round_action, NULL,
     "Run the stable matching of a closed round and verify it"},
    {"POST", "/api/v1/match-rounds/{id}/publish", api_round_action, NULL,
     "Publish (freeze) a matched round's result"},
    {"GET", "/api/v1/match-rounds/{id}/positions", api_round_positions, NULL,
     "A round's positions with seats and applicants"},
    {"POST", "/api/v1/match-rounds/{id}/my-list", api_round_my_list, NULL,
     "The signed-in student's ranked list"},
    {"GET", "/api/v1/match-rounds/{id}/my", api_round_my, NULL,
     "The signed-in student's list, result and explanation"},
    {"GET", "/api/v1/match-rounds/{id}/suggestions", api_round_suggestions, NULL,
     "Positions suggested to the signed-in student, with reasons"},
    {"GET", "/api/v1/match-rounds/{id}/applicants", api_round_applicants, NULL,
     "The signed-in enterprise's positions with applicants and rankings"},
    {"POST", "/api/v1/match-rounds/{id}/rankings", api_round_rankings, NULL,
     "An enterprise's ranking of a position's applicants"},
    {"GET", "/api/v1/match-rounds/{id}/school", api_round_school, NULL,
     "The signed-in school's students in a round, paged (q, show, sort)"},
    {"GET", "/api/v1/match-rounds/{id}/stats", api_round_stats, NULL,
     "A round's figures: fill rate, first choices, unmatched by major"},
    {"GET", "/api/v1/match-rounds/{id}/results", api_round_results, NULL,
     "A round's results (pseudonymous; CSV/XLSX download)"},
    {"POST", "/api/v1/need-responses/{id}/accept", api_response_accept, NULL,
     "Accept a response to a technology need (creates the project)"},
    {"GET", "/api/v1/tech-needs/{id}/suggestions", api_tech_suggestions, NULL,
     "Capabilities suggested for a technology need, with reasons"},
    {"GET", "/api/v1/capabilities/{id}/suggestions", api_tech_suggestions, NULL,
     "Technology needs suggested for a capability, with reasons"},
    {"GET", "/api/v1/consortia/{id}/rd-stats", api_tech_stats, NULL,
     "Technology platform figures: needs, projects, funds, outputs, per unit (CSV/XLSX)"},
    /* api_training.c */
    {"GET", "/api/v1/consortia/{id}/training-stats", api_training_stats, NULL,
     "Joint-training figures: programmes, courses and materials co-built, 双师 share, mentors, "
     "secondment days, cohorts and their students, per school and in total"},
    {"GET", "/api/v1/facilities/{id}/calendar", api_facility_calendar, NULL,
     "A facility's bookings in a window (the booking unit shown to who may read the booking)"},
    {"GET", "/api/v1/facilities/{id}/availability", api_facility_availability, NULL,
     "Free stations of a facility in a window and the approved bookings in the way"},
    {"GET", "/api/v1/consortia/{id}/facility-stats", api_facility_stats, NULL,
     "Facility figures of a year: station-hours booked over open, person-times per month, "
     "outside use"},
    /* api_files.c */
    {"POST", "/api/v1/files", api_file_upload, NULL,
     "Upload a file (PDF, DOCX, XLSX, PNG, JPEG; at most 20 MiB) for a record's file field"},
    {"GET", "/api/v1/files/{file}", api_file_get, NULL,
     "An uploaded file, to whoever may read a record naming it (and its uploader until then)"},
    /* api_authority.c */
    {"GET", "/api/v1/authority/overview", api_authority_overview, NULL,
     "The consortia an authority oversees side by side: the year's assessment, policy totals, "
     "links"},
    {"GET", "/api/v1/authority/indicators", api_authority_indicators, NULL,
     "One framework's level-3 indicators with each overseen consortium's value and rag"},
    {"GET", "/api/v1/authority/scopes", api_authority_scopes, NULL,
     "What the signed-in authority's unit oversees (region prefixes, named consortia)"},
    {"GET", "/api/v1/assessments/{id}/comments", api_assessment_comments, NULL,
     "The review of an assessment: comments and returns"},
    {"POST", "/api/v1/assessments/{id}/comments", api_assessment_comment_add, NULL,
     "Comment on an assessment, or return a submitted one (the authority)"},
    {"GET", "/api/v1/consortia/{id}/outcomes", api_outcomes, NULL,
     "Outcome figures per year: interns, graduates delivered, certificates, person-times "
     "trained"},
    /* api_assessment.c */
    {"POST", "/api/v1/consortia/{id}/assessments", api_assessment_create, NULL,
     "Start the year's assessment against the framework for the consortium's kind, computed"},
    {"GET", "/api/v1/consortia/{id}/assessments", api_assessment_list, NULL,
     "A consortium's assessments by year: status, result, score, version"},
    {"GET", "/api/v1/consortia/{id}/goals", api_assessment_goals, NULL,
     "The consortium's own goals with progress at a year's cut-off"},
    {"GET", "/api/v1/assessments/{id}", api_assessment_get, NULL,
     "An assessment: indicators with values, targets and red/amber/green, versions, comments, "
     "goals"},
    {"PATCH", "/api/v1/assessments/{id}", api_assessment_update, NULL,
     "Change a draft assessment's cut-off day (recomputes)"},
    {"POST", "/api/v1/assessments/{id}/compute", api_assessment_compute, NULL,
     "Recompute every computed value at the cut-off"},
    {"PATCH", "/api/v1/assessments/{id}/values/{indicator}", api_assessment_value, NULL,
     "Set an indicator's target, reported value, evidence files or note"},
    {"POST", "/api/v1/assessments/{id}/submit", api_assessment_submit, NULL,
     "Submit the year: recompute and freeze it as a new version"},
    {"POST", "/api/v1/assessments/{id}/reopen", api_assessment_reopen, NULL,
     "Reopen a submitted year (platform admin; the versions are kept)"},
    {"GET", "/api/v1/assessments/{id}/versions/{version}", api_assessment_version, NULL,
     "A submitted version of an assessment as it was submitted"},
    /* api_report.c */
    {"GET", "/api/v1/consortia/{id}/annual-report", api_annual_report, NULL,
     "The annual report of a year: printable page, PDF, XLSX of every table, or JSON"},
};

static route *all_routes;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static char *url_name(const char *name)
{
    char *s = xstrdup(name);
    for (char *p = s; *p; p++)
        if (*p == '_')
            *p = '-';
    return s;
}

static void build(void)
{
    size_t nfixed = sizeof fixed_routes / sizeof *fixed_routes, n = nfixed, k = 0;
    for (const entity_def *const *d = entity_all; *d; d++)
        n += 5;
    all_routes = xcalloc(n + 1, sizeof *all_routes);
    /* Fixed routes first: /consortia/{id}/composition must not be taken
     * for an entity route. */
    for (size_t i = 0; i < nfixed; i++)
        all_routes[k++] = fixed_routes[i];
    for (const entity_def *const *dp = entity_all; *dp; dp++) {
        const entity_def *d = *dp;
        char *u = url_name(d->name);
        char *coll = xasprintf("/api/v1/%s", u), *item = xasprintf("/api/v1/%s/{id}", u);
        free(u);
        all_routes[k++] = (route){"GET", coll, api_entity_list, d, "List"};
        all_routes[k++] = (route){"POST", coll, api_entity_create, d, "Create"};
        all_routes[k++] = (route){"GET", item, api_entity_get, d, "Get one"};
        all_routes[k++] = (route){"PATCH", item, api_entity_update, d, "Change given fields"};
        all_routes[k++] = (route){"DELETE", item, api_entity_delete, d, "Delete (soft)"};
    }
}

const route *router_routes(void)
{
    pthread_once(&once, build);
    return all_routes;
}

/* Does path match pattern?  Fills *id for {id} and *seg for {entity}. */
static bool match(const char *pattern, const char *path, int64_t *id, const char **seg)
{
    const char *p = pattern, *q = path;
    while (*p && *q) {
        if (*p == '{') {
            const char *pe = strchr(p, '}');
            size_t qlen = strcspn(q, "/");
            if (!strncmp(p, "{id}", 4)) {
                int64_t v = 0;
                if (qlen == 0 || qlen > 15)
                    return false;
                for (size_t i = 0; i < qlen; i++) {
                    if (q[i] < '0' || q[i] > '9')
                        return false;
                    v = v * 10 + (q[i] - '0');
                }
                if (v <= 0)
                    return false;
                *id = v;
            } else {
                if (qlen == 0)
                    return false;
                *seg = q;
            }
            p = pe + 1;
            q += qlen;
            continue;
        }
        if (*p != *q)
            return false;
        p++;
        q++;
    }
    /* Allow one trailing slash. */
    if (!*p && *q == '/' && q[1] == '\0')
        return true;
    return !*p && !*q;
}

const route *router_match(http_req *r, const char *method, const char *path, bool *path_exists)
{
    *path_exists = false;
    for (const route *rt = router_routes(); rt->method; rt++) {
        int64_t id = 0;
        const char *seg = NULL;
        if (!match(rt->pattern, path, &id, &seg))
            continue;
        *path_exists = true;
        if (strcmp(rt->method, method) != 0)
            continue;
        r->id = id;
        r->segment = seg;
        return rt;
    }
    return NULL;
}

char *router_allowed(const char *path)
{
    buf_t b = {0};
    buf_init(&b);
    for (const route *rt = router_routes(); rt->method; rt++) {
        int64_t id = 0;
        const char *seg = NULL;
        if (match(rt->pattern, path, &id, &seg))
            buf_printf(&b, "%s%s", b.len ? ", " : "", rt->method);
    }
    return b.data;
}

char *router_describe(void)
{
    buf_t b = {0};
    buf_init(&b);
    for (const route *rt = router_routes(); rt->method; rt++)
        buf_printf(&b, "%s %s\n", rt->method, rt->pattern);
    return b.data;
}
