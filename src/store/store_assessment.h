/*
 * store_assessment.h — the tables of the year's assessment (migration 019,
 * 021): assessments, assessment_values, assessment_versions,
 * assessment_comments; and the reads it needs of the frameworks, the
 * indicators and the consortium's goals.  Rows travel as JSON objects
 * keyed by column name; the caller owns every `json_t **` it is handed.
 * Rules (who, when, RAG) are domain/assessment.c's; this file only reads
 * and writes.
 */
#ifndef CJ_STORE_ASSESSMENT_H
#define CJ_STORE_ASSESSMENT_H

#include "store/store.h"

/* The consortium's kind (city / industry) into kind; false if no live
 * consortium cid. */
bool store_consortium_kind(store_conn *c, int64_t cid, char *kind, size_t n);
/* The active framework applying to kind (applies_to = kind or all) with
 * the latest effective_on: its id, or 0 when none. */
int64_t store_framework_default(store_conn *c, const char *kind);
/* A live framework's row, ERR_NOT_FOUND if none. */
int store_framework_row(store_conn *c, int64_t fid, json_t **row, err_t *e);
/* The live indicators of framework fid by level, sort_order, code. */
int store_framework_indicators(store_conn *c, int64_t fid, json_t **items, err_t *e);

/* A new draft assessment; ERR_CONFLICT when the consortium has one for
 * that year. */
int store_assessment_insert(store_conn *c, int64_t cid, int year, int64_t fid, const char *cutoff,
                            const char *now, int64_t *id, err_t *e);
/* A value row of assessment aid for indicator iid with its first target
 * (has_target false: none). */
int store_assessment_value_add(store_conn *c, int64_t aid, int64_t iid, bool has_target,
                               double target, const char *set_by, err_t *e);
/* The assessment's row, ERR_NOT_FOUND if none. */
int store_assessment_row(store_conn *c, int64_t aid, json_t **row, err_t *e);
/* The id of cid's assessment of year, 0 if none. */
int64_t store_assessment_of_year(store_conn *c, int64_t cid, int year);
/* cid's assessments, newest year first: {id, year, status, result, score,
 * version, cutoff_on, computed_at, submitted_at, framework_id}. */
int store_assessment_list(store_conn *c, int64_t cid, json_t **items, err_t *e);
/* The value rows of aid (every column). */
int store_assessment_values(store_conn *c, int64_t aid, json_t **items, err_t *e);

/* The assessment's own columns a write changes; text NULL writes NULL.
 * revision goes up by one, updated_at is now. */
typedef struct {
    const char *status, *cutoff_on, *computed_at, *submitted_at, *result;
    int64_t submitted_by; /* 0: NULL */
    int64_t version;
    bool has_score;
    double score;
} store_assessment_state;
int store_assessment_save(store_conn *c, int64_t aid, const store_assessment_state *s,
                          const char *now, err_t *e);
/* A computed value: computed (has_value false: NULL), drill (JSON text or
 * NULL), error (NULL: none). */
int store_assessment_value_computed(store_conn *c, int64_t aid, int64_t iid, bool has_value,
                                    double value, const char *drill, const char *error, err_t *e);
/* The secretariat's part of a value: target (NULL json: none), who set
 * it, reported, evidence (JSON text), note — each written as given. */
int store_assessment_value_edit(store_conn *c, int64_t aid, int64_t iid, json_t *target,
                                const char *set_by, json_t *reported, const char *evidence,
                                const char *note, err_t *e);
int store_assessment_value_rag(store_conn *c, int64_t aid, int64_t iid, const char *rag, err_t *e);
/* Evidence files of one value: file_refs rows (entity "assessments",
 * record aid, field "evidence:<iid>") replaced by shas (an array). */
int store_assessment_evidence_refs(store_conn *c, int64_t aid, int64_t iid, json_t *shas, err_t *e);

int store_assessment_version_add(store_conn *c, int64_t aid, int64_t version, const char *at,
                                 int64_t by, const char *snapshot, err_t *e);
/* The snapshot of a version added in this transaction. */
int store_assessment_version_snapshot_set(store_conn *c, int64_t aid, int64_t version,
                                          const char *snapshot, err_t *e);
/* {version, submitted_at, submitted_by, submitted_by_name}, by version. */
int store_assessment_versions(store_conn *c, int64_t aid, json_t **items, err_t *e);
/* The snapshot text of a version (caller frees), ERR_NOT_FOUND if none. */
int store_assessment_version_snapshot(store_conn *c, int64_t aid, int64_t version, char **text,
                                      err_t *e);
/* {id, version, user_id, user_name, action, body, created_at}, oldest first. */
int store_assessment_comments(store_conn *c, int64_t aid, json_t **items, err_t *e);
int store_assessment_comment_add(store_conn *c, int64_t aid, int64_t version, int64_t user_id,
                                 const char *action, const char *body, int64_t *id, err_t *e);

/* The live goals of cid (every column), by due_year, id. */
int store_consortium_goals(store_conn *c, int64_t cid, json_t **items, err_t *e);

#endif
