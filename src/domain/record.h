/*
 * record.h — create, read, update and delete any register entity, with
 * every rule applied in one place: validation, references, membership,
 * permission, and the audit log.  The HTTP API, the importer, the CLI and
 * the demo loader all go through here, so none of them can skip a rule.
 *
 * Each write runs in one BEGIN IMMEDIATE transaction (checks and write
 * together, so a check cannot go stale), unless the caller already holds
 * a transaction (the importer, which writes a whole file at once).
 * Returned rows are new references the caller owns.
 */
#ifndef CJ_RECORD_H
#define CJ_RECORD_H

#include "domain/perm.h"

/* A list query (page, per_page, filters, q, sort): the store's, under the
 * domain's name, so the floors above never name a store type. */
typedef store_query record_query;

int record_get(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id, json_t **row,
               err_t *e);
int record_list(store_conn *sc, const caller_t *c, const entity_def *d, const record_query *q,
                json_t **items, int64_t *total, err_t *e);
int record_create(store_conn *sc, const caller_t *c, const entity_def *d, json_t *in, json_t **row,
                  err_t *e);
/* Like record_create, but without writing an audit entry per row (the
 * importer writes one summary entry for a whole file). */
int record_create_quiet(store_conn *sc, const caller_t *c, const entity_def *d, json_t *in,
                        int64_t *id, err_t *e);
/* record_create_quiet for a row entity_validate(d, in, true, clean, …)
 * has already accepted (the importer validates on one thread and writes
 * on another); every other rule is applied here. */
int record_create_valid(store_conn *sc, const caller_t *c, const entity_def *d, json_t *clean,
                        int64_t *id, err_t *e);
/* Authorisation before the body is read (issue 14, hole 10): 0 if c may
 * create some row of d as far as its role tells (the owners a body names
 * are checked before it is validated, the whole row after), or update /
 * delete (act) row id; else -1 with 401/403, or 404 for a row c may not
 * see. */
int record_may_create(store_conn *sc, const caller_t *c, const entity_def *d, err_t *e);
int record_may_update(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                      entity_action act, err_t *e);
int record_update(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id, json_t *patch,
                  json_t **row, err_t *e);
int record_delete(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id, err_t *e);

/* Record revisions (issue 15: a stale form must not overwrite a newer
 * record).  Every row has a revision (1 on create, one more on every
 * write); its entity tag, as caller c is shown row, is "\"<revision>\""
 * — or "\"<revision>-partial\"" when c is not shown the row's personal
 * fields (perm_redact), a different representation, hence a different
 * strong tag.  Written into out (n bytes, 40 are enough). */
void record_etag(const entity_def *d, json_t *row, char *out, size_t n);
/* Whether an If-Match / If-None-Match value (`*` or a comma-separated list
 * of entity tags, RFC 9110 §13.1) names etag: 1 yes, 0 no, -1 the value is
 * not such a list.  weak: W/"…" tags match their strong twin (the weak
 * comparison of If-None-Match); else they never match (If-Match's strong
 * comparison). */
int record_etag_matches(const char *header, const char *etag, bool weak);
/* record_update / record_delete under a precondition: if_match is the
 * If-Match value or NULL (no condition: the write goes on, as before
 * revisions existed).  It is compared inside the write transaction, after
 * the permission checks, with the tag of the stored row as c would read
 * it; a mismatch is ERR_PRECONDITION (412) with details {"revision": the
 * current revision, "etag": the current tag} and nothing is written; a
 * value that is not a list of entity tags is ERR_BAD_REQUEST. */
int record_update_if(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                     json_t *patch, const char *if_match, json_t **row, err_t *e);
int record_delete_if(store_conn *sc, const caller_t *c, const entity_def *d, int64_t id,
                     const char *if_match, err_t *e);

/* Write an audit entry for something other than a row change (login,
 * import); before/after are not stolen. */
int record_audit(store_conn *sc, const caller_t *c, const char *action, const char *entity,
                 int64_t entity_id, int64_t consortium_id, json_t *before, json_t *after, err_t *e);

/* The audit log as reader c may see it (SPEC.md, Trust: every view of a
 * record shows only what the caller may see of it).  A row snapshot
 * (create, update, delete, erase) goes through the entity's own read
 * rules: a row c may not read becomes null, the rest loses what
 * perm_redact() takes from a read.  A summary (import, a round's steps)
 * loses a student it names whom c may not read.  Sets "hidden" on the
 * entry: true when a snapshot was withheld.  entry is changed in place. */
void record_audit_view(store_conn *sc, const caller_t *c, json_t *entry);
/* Whether a value may filter the audit log: a known entity (or one of
 * the non-entity subjects, demand_reports), a known action.  Every
 * action the program writes is listed in record.c; add new ones there. */
bool record_audit_entity_known(const char *entity);
bool record_audit_action_known(const char *action);

#endif
