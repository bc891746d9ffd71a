/*
 * privacy.h — a person's data under PIPL (个人信息保护法): the copy a user
 * downloads of what the platform holds on them, the school's erasure of
 * a student, and the retention purge N years after graduation.
 *
 * Erasure keeps the outcome figures (placements, employment outcomes and
 * certificates stay counted) and removes the person: see
 * store_privacy_erase() for exactly what changes.  Each erasure is one
 * write transaction with its audit entry ("erase", or "purge" for the
 * retention rule) that names the student's id and what was changed, and
 * no value of the student.
 */
#ifndef CJ_PRIVACY_H
#define CJ_PRIVACY_H

#include "domain/perm.h"

/* Everything held on the signed-in caller, as one JSON object (new
 * reference): the account, the student records linked to it and, for
 * each, placements, employment outcomes, certificates, round lists and
 * results — whole, since they are about the caller — and the caller's
 * own actions in the audit log and own rows of the login log (the newest
 * PRIVACY_EXPORT_ACTIONS of each). */
#define PRIVACY_EXPORT_ACTIONS 1000
int privacy_export(store_conn *sc, const caller_t *c, json_t **out, err_t *e);

/* Whether c may erase student_id: the student's school (org admin or
 * staff, a current member) or a platform admin.  ERR_NOT_FOUND when the
 * student does not exist or c may not even read it. */
int privacy_may_erase(store_conn *sc, const caller_t *c, int64_t student_id, err_t *e);
/* Erase student_id (privacy_may_erase is checked again inside the
 * transaction); confirmed must be true (ERR_INVALID otherwise, nothing
 * changed).  *out: {"student_id", "placements", "employment_outcomes",
 * "certificates", "round_rows", "audit_entries", "account_disabled"}. */
int privacy_erase(store_conn *sc, const caller_t *c, int64_t student_id, bool confirmed,
                  json_t **out, err_t *e);

/* The last graduation year whose students are purged on `today`
 * (YYYY-MM-DD) with a retention of `years`: a student graduates on 1 July
 * of cohort + 3 (中职, 高职专科) or + 4 (职业本科) and is purged once
 * `years` full years have passed since. */
int privacy_purge_last_year(int years, const char *today);
/* Erase (as the system, audit action "purge") every student who
 * graduated `years` or more years before today, soft-deleted rows too;
 * with dry_run only count them.  years 1–100.  *out: {"students",
 * "graduated_by", "dry_run", "placements", "employment_outcomes",
 * "certificates"}. */
int privacy_purge(store_conn *sc, int years, bool dry_run, const char *today, json_t **out,
                  err_t *e);

#endif
