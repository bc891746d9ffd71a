/*
 * store_annual_report.c — the queries of the annual report that no other
 * capability asks (store_annual_report.h): the school–enterprise pairs
 * and the year's assessment.
 *
 * The pairs are one statement: the pairs come from placements, employment
 * outcomes and joint projects (a project's lead and each partner of its
 * JSON partner_ids, both ways), and each figure is a correlated count over
 * the consortium's rows through the (consortium_id, year) indexes — a
 * consortium has a handful of pairs and thousands of rows, so this costs
 * about a millisecond.  The assessment is read as stored; a submitted
 * version's snapshot is handed up as JSON for the domain to prefer.
 */
#include "store/store_annual_report.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static const char *const pair_keys[] = {"school_id",     "school",
                                        "enterprise_id", "enterprise",
                                        "interns",       "interns_total",
                                        "graduates",     "certificates_technician",
                                        "person_times",  "new_occupation_person_times",
                                        "projects"};

int store_report_pairs(store_conn *c, int64_t consortium_id, int year, json_t **items, err_t *e)
{
    static const char sql[] =
        "WITH pr AS ("
        "  SELECT p.id, p.lead_id AS a, CAST(j.value AS BIGINT) AS b FROM rd_projects p,"
        "    json_each(CASE WHEN json_valid(p.partner_ids) THEN p.partner_ids ELSE '[]' END) j"
        "  WHERE p.consortium_id = ?1 AND p.deleted_at IS NULL"
        "    AND p.status NOT IN ('rejected', 'terminated')"
        "    AND (p.starts_on IS NULL OR substr(p.starts_on, 1, 4) <= CAST(?2 AS TEXT))),"
        " pairs AS ("
        "  SELECT school_id AS s, enterprise_id AS en FROM placements"
        "    WHERE consortium_id = ?1 AND deleted_at IS NULL AND year <= ?2"
        "  UNION SELECT school_id, enterprise_id FROM employment_outcomes"
        "    WHERE consortium_id = ?1 AND deleted_at IS NULL AND enterprise_id IS NOT NULL"
        "      AND year <= ?2"
        "  UNION SELECT a, b FROM pr UNION SELECT b, a FROM pr)"
        " SELECT x.s, so.name, x.en, oe.name,"
        "  (SELECT count(DISTINCT student_id) FROM placements WHERE consortium_id = ?1"
        "     AND deleted_at IS NULL AND status <> 'planned' AND year = ?2"
        "     AND school_id = x.s AND enterprise_id = x.en),"
        "  (SELECT count(DISTINCT student_id || ':' || year) FROM placements"
        "     WHERE consortium_id = ?1 AND deleted_at IS NULL AND status <> 'planned'"
        "     AND year <= ?2 AND school_id = x.s AND enterprise_id = x.en),"
        "  (SELECT coalesce(sum(headcount), 0) FROM employment_outcomes WHERE consortium_id = ?1"
        "     AND deleted_at IS NULL AND kind = 'employed' AND year <= ?2"
        "     AND school_id = x.s AND enterprise_id = x.en),"
        "  (SELECT count(*) FROM certificates WHERE consortium_id = ?1 AND deleted_at IS NULL"
        "     AND year <= ?2 AND organization_id IN (x.s, x.en) AND level IN ('technician',"
        "     'senior_technician', 'special_technician', 'chief_technician')),"
        "  (SELECT coalesce(sum(person_times_total), 0) FROM trainings WHERE consortium_id = ?1"
        "     AND deleted_at IS NULL AND year <= ?2 AND provider_id IN (x.s, x.en)),"
        "  (SELECT coalesce(sum(person_times_total), 0) FROM trainings WHERE consortium_id = ?1"
        "     AND deleted_at IS NULL AND year <= ?2 AND provider_id IN (x.s, x.en)"
        "     AND kind = 'new_occupation'),"
        "  (SELECT count(DISTINCT id) FROM pr WHERE (a = x.s AND b = x.en)"
        "     OR (a = x.en AND b = x.s))"
        " FROM pairs x JOIN organizations so ON so.id = x.s JOIN organizations oe ON oe.id = x.en"
        " WHERE so.type IN ('undergraduate', 'higher_vocational', 'secondary_vocational')"
        "   AND oe.type = 'enterprise'"
        " ORDER BY 5 DESC, 7 DESC, 2, 4";
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int(st, 2, year);
    return stmt_rows(c, st, NULL, pair_keys, items, "annual report pairs", e);
}

static const char *const item_keys[] = {"code",      "name",     "name_en", "unit",
                                        "direction", "veto",     "source",  "target",
                                        "computed",  "reported", "rag",     "level"};

int store_report_assessment(store_conn *c, int64_t consortium_id, int year, json_t **out, err_t *e)
{
    static const char *const head_keys[] = {"id",           "status",       "cutoff_on",
                                            "result",       "score",        "version",
                                            "submitted_at", "framework_id", "framework"};
    *out = NULL;
    json_t *rows = NULL, *items = NULL, *snaps = NULL;
    db_stmt *st = conn_stmt(
        c,
        "SELECT a.id, a.status, a.cutoff_on, a.result, a.score, a.version, a.submitted_at,"
        " a.framework_id, f.name FROM assessments a LEFT JOIN indicator_frameworks f"
        " ON f.id = a.framework_id WHERE a.consortium_id = ?1 AND a.year = ?2",
        e);
    if (!st)
        return -1;
    db_bind_int64(st, 1, consortium_id);
    db_bind_int(st, 2, year);
    if (stmt_rows(c, st, NULL, head_keys, &rows, "annual report assessment", e) != 0)
        return -1;
    if (!json_array_size(rows)) {
        json_decref(rows);
        return 0;
    }
    json_t *a = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    int64_t id = json_integer_value(json_object_get(a, "id"));
    st = conn_stmt(c,
                   "SELECT i.code, i.name, i.name_en, i.unit, i.direction, i.veto, i.source,"
                   " v.target, v.computed, v.reported, v.rag, i.level FROM indicators i"
                   " LEFT JOIN assessment_values v ON v.indicator_id = i.id"
                   " AND v.assessment_id = ?1"
                   " WHERE i.framework_id = ?2 AND i.deleted_at IS NULL AND i.level = 3"
                   " ORDER BY coalesce(i.sort_order, 1e9), i.code",
                   e);
    if (!st)
        goto fail;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, json_integer_value(json_object_get(a, "framework_id")));
    if (stmt_rows(c, st, NULL, item_keys, &items, "annual report indicators", e) != 0)
        goto fail;
    json_object_set_new(a, "items", items);
    st = conn_stmt(c,
                   "SELECT snapshot FROM assessment_versions WHERE assessment_id = ?1"
                   " ORDER BY version DESC LIMIT 1",
                   e);
    if (!st)
        goto fail;
    db_bind_int64(st, 1, id);
    if (stmt_rows(c, st, row_first, NULL, &snaps, "annual report snapshot", e) != 0)
        goto fail;
    json_t *text = json_array_get(snaps, 0);
    json_t *snap = json_is_string(text) ? json_loads(json_string_value(text), 0, NULL) : NULL;
    json_object_set_new(a, "snapshot", snap ? snap : json_null());
    json_decref(snaps);
    *out = a;
    return 0;
fail:
    json_decref(a);
    return -1;
}
