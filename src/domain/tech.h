/*
 * tech.h — the rules of the technology service platform (issue 10) that
 * its descriptions (schema/entities_tech.c) cannot say: status steps in
 * order and by the right party, what a response may answer, a
 * capability's fields resolved against the consortium's vocabulary, and
 * accepting a response, which creates a project in the same transaction.
 */
#ifndef CJ_TECH_H
#define CJ_TECH_H

#include "domain/perm.h"

/* Called by record.c on every write of a row of d, inside the write
 * transaction, once the row has passed its description's checks and its
 * vocabulary is resolved, before the final permission check.  before:
 * the stored row (NULL on create); row: the row as it would be written;
 * patch: the fields an update writes (NULL on create).  Server-set fields
 * (a need's published_on) are added to row and, on an update, to patch.
 * 0, or -1 with e: ERR_CONFLICT (409) for a status step out of order,
 * ERR_FORBIDDEN for a step the caller may not take, ERR_INVALID for bad
 * values.  Rows of entities other than the platform's pass untouched. */
int tech_rules(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before, json_t *row,
               json_t *patch, err_t *e);

/* Called by record.c before a row of d is deleted, once the caller may
 * delete it: 0, or -1 with ERR_CONFLICT (409) for a response that was
 * accepted (status accepted or project_id set), naming the project — by
 * anyone, admins and the system caller too.  Other rows pass. */
int tech_may_delete(store_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                    err_t *e);

/* POST /api/v1/need-responses/{id}/accept: the need's enterprise (or a
 * platform admin) accepts a submitted response to its published or
 * in-progress need.  One transaction: the response becomes accepted, the
 * need in_progress (when it was published), and a project is created —
 * approved (the enterprise's acceptance is the approval), led by the
 * responder with the enterprise as partner and client, of the need's
 * field, budget the response's price; `opts` may give the project's kind
 * (default "service") and title (default the need's).  Each change is in
 * the audit log.  *project is the new project (a new reference).  404 for
 * a response the caller may not read, 403 for one it may not accept, 409
 * when the response or need is past that step. */
/* Authorisation before the body is read: 0 if c may accept response_id
 * (the need's enterprise, or an admin), else -1 with 404 (a response c
 * may not read) or 401/403. */
int tech_may_accept(store_conn *sc, const caller_t *c, int64_t response_id, err_t *e);
int tech_accept_response(store_conn *sc, const caller_t *c, int64_t response_id, json_t *opts,
                         json_t **project, err_t *e);

/* GET /api/v1/tech-needs/{id}/suggestions (from "tech_needs": the
 * capabilities that could answer it) and /capabilities/{id}/suggestions
 * (from "capabilities": the published needs it could answer).  The
 * record must be readable by c (else 404).  Candidates are found in the
 * search index by the record's terms (keywords, then the two-character
 * pieces of its title): the rare ones ranked BM25-like (IDF times column
 * weight; keywords weigh most), the common ones read in bounded numbers
 * only when the rare find too few (tech.c says how), among the rows c may
 * see, then ranked by text relevance + 2 per shared technical
 * field + 1 per project the candidate's unit led in the record's field
 * to acceptance (at most 5; counted only for readers of the consortium's
 * projects — its members and secretariat).  *out is {"items":[{
 * "capability_id" or "need_id", "organization_id", "title", "score",
 * "reasons":[…]}],"total":N}: at most limit items, best first; each
 * reason says what matched ("关键词 … (keyword …)", the shared field, the
 * past projects). */
int tech_suggest(store_conn *sc, const caller_t *c, const char *from, int64_t id, int64_t limit,
                 json_t **out, err_t *e);

#endif
