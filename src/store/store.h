/*
 * store.h — the only door to the database.
 *
 * Everything above this layer speaks in domain terms (an entity row, a
 * composition, a session); SQL exists only in src/store/.  The interface
 * is small and backend-neutral so a PostgreSQL backend can sit beside the
 * SQLite one (store_sqlite.c) without touching a handler.  It is the
 * interface a second backend implements, so it includes only core/ and
 * schema/ and names no type of the floors above (the gap inputs are
 * core/coded.h's plain structs); only the domain calls it — the floors
 * above hold the database through domain/db.h.
 *
 * Threads and connections: a `store` is opened once per process; each
 * thread gets its own connection from store_conn_get() (lazily opened, closed
 * when the thread exits or the store closes), with its prepared statements
 * cached for the life of the connection.  SQLite runs in WAL mode with
 * synchronous=FULL, so a write that returned has reached the disk.
 *
 * Rows travel as jansson objects keyed by field name; the caller owns the
 * references returned through `json_t **` out-parameters.
 */
#ifndef CJ_STORE_H
#define CJ_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/coded.h"
#include "core/util.h"
#include "schema/entity.h"

typedef struct store store;
typedef struct store_conn store_conn;

/* How long a writer waits for the write lock before its request fails
 * with ERR_UNAVAILABLE, and the Retry-After (seconds) that answer
 * suggests. */
#define STORE_BUSY_MS 10000
#define STORE_RETRY_AFTER 2

/* Whether --db names a PostgreSQL database (postgres:// or postgresql://,
 * issue 13); anything else is a SQLite file (store_pg.c). */
bool store_is_pg_url(const char *path);

/* Open (creating if absent) the database at path and apply pending
 * migrations.  *created is set true when the file did not exist. */
int store_open(const char *path, store **out, bool *created, err_t *e);
/* Open a read replica of a PostgreSQL database (serve --db-read): never
 * migrated nor written (store_begin refuses), it must carry this binary's
 * migrations (waiting up to 30 s for it to replay them). */
int store_open_replica(const char *url, store **out, err_t *e);
void store_close(store *s);
/* This thread's connection (opened on first use); NULL with e set. */
store_conn *store_conn_get(store *s, err_t *e);
/* The store a connection belongs to. */
store *store_conn_store(store_conn *c);
/* Schema version after migrations. */
int store_schema_version(store_conn *c);

/* Whether this binary carries migration `version` of a backend's
 * (pg: src/store/migrations_pg/, else src/store/migrations/). */
bool store_migration_known(bool pg, int version);

/* One table of a store_copy, as checked: rows and the SHA-256 of its
 * values on each side (hex). */
typedef struct {
    const char *table;
    int64_t rows_from, rows_to;
    char sum_from[65], sum_to[65];
} store_copy_table;
typedef void (*store_copy_fn)(void *ctx, const store_copy_table *t);
/* Copy the whole database at `from` into the new database at `to` of the
 * other kind: a SQLite file into PostgreSQL, or PostgreSQL into a SQLite
 * file (created when absent).  Both are opened and migrated here; the
 * copy is one transaction of `to`, checked table by table before its
 * commit (store_copy.c); report(ctx, …) per table checked.  0, or -1
 * with e set: ERR_INVALID or ERR_CONFLICT when refused before anything
 * was written (two databases of one kind, a migration this binary does
 * not have, a target that holds data or is not Chanjiao's), another code
 * when the copy failed — rolled back, and a SQLite file it created
 * removed. */
int store_copy(const char *from, const char *to, store_copy_fn report, void *ctx, err_t *e);
/* SQLite's PRAGMA data_version for this connection: it changes whenever
 * another connection (thread or process) commits. */
int64_t store_data_version(store_conn *c);

/* A replica's connection: its last replayed WAL position (bytes), or -1
 * when it cannot say.  Its store_data_version is -2 minus this. */
int64_t store_replica_position(store_conn *c);
/* Whether a write was refused on this replica connection since the last
 * call (the flag is cleared): the request must run on the primary. */
bool store_replica_refused(store_conn *c);

/* Write transactions take the write lock up front (BEGIN IMMEDIATE), so
 * two writers never deadlock half-way through. */
int store_begin(store_conn *c, err_t *e);
int store_commit(store_conn *c, err_t *e);
void store_rollback(store_conn *c);
bool store_in_tx(store_conn *c);
/* Whether a yes/no look-up of the store (store_is_member, store_entity_
 * exists, …) met a database error since the last call, which it answered
 * as "no"; clears the mark. */
bool store_lookup_failed(store_conn *c);

/* Bulk mode, for an import inside its own write transaction: positive
 * existence and membership look-ups are remembered until store_bulk_end
 * (see store_bulk.c for why that is safe). */
void store_bulk_begin(store_conn *c);
void store_bulk_end(store_conn *c);
/* On PostgreSQL, bulk mode sends a big table's inserts in groups, by COPY
 * (store_bulk_copy.c), so the database may refuse a row some rows after
 * it was handed over.  The caller tags each row before writing it (an
 * import: its line); store_bulk_refused is the tag of the row the
 * database refused, or 0 when it refused none, with the error it was
 * refused with in *why (when not NULL: the statement that sent the rows
 * may have been a look-up that passes no error on);
 * store_bulk_flush sends what is held (done anyway before any other
 * statement and at the commit, where a refusal can no longer be told
 * apart).  On SQLite these do nothing. */
void store_bulk_tag(store_conn *c, int64_t tag);
int64_t store_bulk_refused(store_conn *c, err_t *why);
int store_bulk_flush(store_conn *c, err_t *e);
/* Inside the import's transaction: let the per-row running-total triggers
 * of d's table stand aside (d->totals; others: nothing to do) and
 * note where the new rows start in *first; store_bulk_finish adds the new
 * rows' sums and restores the triggers, before the commit.  A rollback
 * undoes both. */
int store_bulk_defer(store_conn *c, const entity_def *d, int64_t *first, err_t *e);
int store_bulk_finish(store_conn *c, const entity_def *d, int64_t first, err_t *e);
/* In bulk mode, in a large load into d's table (SQLite): when the load
 * has at least STORE_UNINDEX_MIN rows (rows: known or put so far, of
 * which `added` are in the table already) and the table held no more
 * before it, drop the table's non-unique indexes, and the insert
 * triggers that the load's deferrals make stand aside (store_bulk_defer,
 * store_search_defer: call those first); store_bulk_reindex makes them
 * again before the commit (one sort per index instead of an insert per
 * row and index).  A rollback brings them back with the rest. */
#define STORE_UNINDEX_MIN 50000
int store_bulk_unindex(store_conn *c, const entity_def *d, int64_t rows, int64_t added, err_t *e);
int store_bulk_reindex(store_conn *c, err_t *e);

/* ---- generic entity access ------------------------------------------- */

/* Which rows of consortium-scoped entities a caller may see. */
typedef struct {
    bool unrestricted;     /* platform admin                              */
    int64_t consortium_id; /* caller is this consortium's secretariat     */
    int64_t org_id;        /* caller's organisation                       */
    int64_t editor_org_id; /* the same, if the caller edits its records
                              (org admin/staff, not students): sees its
                              unit's drafts                               */
    int64_t user_id;       /* the caller (rows about them: students)    */
    /* An authority's unit: the consortia it oversees (migration 023) are
     * listed as a member unit's are. */
    int64_t overseer_org;
} store_scope;

#define STORE_Q_MAX_BYTES 200
typedef struct {
    json_t *filters; /* {field: json value} — fields flagged F_FILTER   */
    /* Text search, or NULL: rows where one of the entity's F_SEARCH texts
     * contains q, or a record a reference names (by id, id list or
     * catalogue code; entity_q_target) has a name containing it — unless
     * the list is filtered on that field.  Linked names come from live
     * rows only, published ones where the target has drafts, so a name
     * search finds no row the caller could not list; more than
     * STORE_Q_MAX_BYTES is a 400. */
    const char *q;
    const char *sort; /* "field" or "-field" (F_SORT), or NULL           */
    int64_t page;     /* 1-based */
    int64_t per_page; /* 0 = all rows */
} store_query;

int store_entity_list(store_conn *c, const entity_def *d, const store_query *q,
                      const store_scope *scope, json_t **items, int64_t *total, err_t *e);
/* ERR_NOT_FOUND when absent or soft-deleted. */
int store_entity_get(store_conn *c, const entity_def *d, int64_t id, json_t **row, err_t *e);
/* Insert the fields present in row; sets created/updated stamps; unique
 * violations come back as ERR_CONFLICT. */
int store_entity_insert(store_conn *c, const entity_def *d, json_t *row, int64_t *id, err_t *e);
int store_entity_update(store_conn *c, const entity_def *d, int64_t id, json_t *changes, err_t *e);
/* Write the F_READONLY fields of changes that the server sets (a need's
 * published_on, a response's project_id) to row id — no stamps, no
 * revision: only beside a write that counts the revision itself (in the
 * same transaction as a store_entity_update or the insert).  Other
 * fields of changes are ignored. */
int store_entity_set_server(store_conn *c, const entity_def *d, int64_t id, json_t *changes,
                            err_t *e);
/* Live rows of d whose `field` (a field of d) equals id, by id; *items
 * is a new array the caller owns. */
int store_entity_rows_by(store_conn *c, const entity_def *d, const char *field, int64_t id,
                         json_t **items, err_t *e);
/* Soft delete: sets deleted_at. */
int store_entity_delete(store_conn *c, const entity_def *d, int64_t id, err_t *e);
/* Whether a live row with this id exists in entity `name`'s table. */
bool store_entity_exists(store_conn *c, const char *name, int64_t id);
/* Whether a live row of link l's entity has ref_field = id and org_field
 * = org_id (a placement of this student at this enterprise), its
 * role_field among l's roles when it names one. */
bool store_entity_linked(store_conn *c, const entity_link *l, int64_t id, int64_t org_id);
/* Whether code is a live code of catalogue "occupations" or "majors". */
bool store_catalog_has(store_conn *c, const char *catalog, const char *code);

/* store_options.c, option lists (字典).  The option of consortium_id's
 * `field` ("agreements.type") whose code, Chinese label or English label
 * (any case) is text: 1 with its code in value and whether it is active,
 * 0 if none, -1 on a database error.  Remembered in bulk mode. */
int store_option_find(store_conn *c, int64_t consortium_id, const char *field, const char *text,
                      char *value, size_t n, bool *active);
/* All live options of a consortium, ordered by field, sort order and id:
 * a new array *items of {id, field, value, label_zh, label_en, sort_order,
 * active}. */
int store_options_list(store_conn *c, int64_t consortium_id, json_t **items, err_t *e);

/* store_sheet.c, the look-ups of spreadsheet imports and exports.  The id
 * of the live row of d whose `column` equals value — and, when in_field
 * is given, whose in_field equals in_id; when scope_field is given and
 * scope_id is not 0, whose scope_field equals scope_id — or 0 if none,
 * -1 if several. */
int64_t store_entity_find_by(store_conn *c, const entity_def *d, const char *column,
                             const char *value, const char *in_field, int64_t in_id,
                             const char *scope_field, int64_t scope_id);
/* The text in `column` of the live row id of d, into out; false if there
 * is no such row or the value is null. */
bool store_entity_text(store_conn *c, const entity_def *d, int64_t id, const char *column,
                       char *out, size_t n);
/* Hand every live row of d (as store_entity_get shows it; borrowed for
 * the call) to fn, by id — with in_field, only those whose in_field is
 * in_id (0: is null).  0, or -1 with e set. */
typedef void (*store_row_fn)(void *ctx, json_t *row);
int store_entity_each(store_conn *c, const entity_def *d, const char *in_field, int64_t in_id,
                      store_row_fn fn, void *ctx, err_t *e);
/* Live rows of d (-1 on error). */
int64_t store_entity_count(store_conn *c, const entity_def *d);

/* ---- the register ------------------------------------------------------ */

/* SPEC.md: {"total":N,"by_type":{...all eight types...}} counting distinct
 * units with a current membership (not left, not deleted). */
int store_composition(store_conn *c, int64_t consortium_id, json_t **out, err_t *e);
/* Current memberships in council-role order, with organisation name and
 * type; items array. */
int store_council(store_conn *c, int64_t consortium_id, json_t **items, err_t *e);
/* Whether org is a current member of the consortium. */
bool store_is_member(store_conn *c, int64_t consortium_id, int64_t org_id);
/* Ask once for every pair of consortium ids × organisation ids (JSON
 * arrays of integers) and let store_is_member answer those pairs from
 * memory until store_members_forget: a list's page is judged row by row,
 * and row by row each look-up was a round trip. */
int store_members_recall(store_conn *c, json_t *consortium_ids, json_t *org_ids, err_t *e);
void store_members_forget(store_conn *c);
/* Whether organisation org_id is live and its type is one of `types`, a
 * comma-separated list such as ",enterprise," (with the outer commas). */
bool store_org_type_in(store_conn *c, int64_t org_id, const char *types);
/* Whether the consortium exists and is public. */
bool store_consortium_public(store_conn *c, int64_t consortium_id);
/* Counts for a motion: votes for/against/abstain, and the number of
 * council units and member units of its consortium. */
typedef struct {
    int64_t votes_for, votes_against, votes_abstain;
    int64_t council_units, member_units;
} store_tally;
int store_vote_tally(store_conn *c, int64_t agenda_item_id, store_tally *t, err_t *e);
/* Whether the org holds a council role other than plain member. */
bool store_is_council_unit(store_conn *c, int64_t consortium_id, int64_t org_id);
/* Agreements of a consortium counted by type and by year:
 * {"by_type":{...}, "by_year":{"2024":{"strategic":1,...}}} */
int store_agreement_stats(store_conn *c, int64_t consortium_id, json_t **out, err_t *e);

/* Work-plan items by year: {"by_year":{"2024":{"items":n,"by_status":{..},
 * "average_progress":x}}} */
int store_work_plan_stats(store_conn *c, int64_t consortium_id, json_t **out, err_t *e);

/* ---- talent supply and demand ---------------------------------------- */

/* What gap analysis needs for one consortium and period, read from the
 * running totals (never the raw rows).  Codes are owned by the struct. */
typedef struct {
    code_amount *demand; /* published headcount per occupation */
    size_t nd;
    code_amount *supply; /* graduates per major */
    size_t ns;
    code_link *links; /* the consortium's own crosswalk, or else the shared */
    size_t nl;
    bool own_crosswalk;
    double positions; /* published demand rows counted */
    double enrolment; /* enrolment of the supply rows */
} store_gap_inputs;
/* kind: a demand kind or NULL for all. */
int store_gap_inputs_get(store_conn *c, int64_t consortium_id, int64_t period, const char *kind,
                         store_gap_inputs *in, err_t *e);
void store_gap_inputs_free(store_gap_inputs *in);
/* Periods with demand or supply, ascending, as a JSON array of integers
 * (new reference). */
int store_gap_periods(store_conn *c, int64_t consortium_id, json_t **periods, err_t *e);
/* A catalogue row's name (and level, for majors) by code into the given
 * buffers; false if the code is not in the catalogue. */
bool store_catalog_name(store_conn *c, const char *catalog, const char *code, char *name, size_t n,
                        char *level, size_t ln);
/* Every live code of a catalogue with its name: {code: name} (new
 * reference), for answers that name hundreds of codes. */
int store_catalog_names(store_conn *c, const char *catalog, json_t **map, err_t *e);
/* Published, live demand of a period with enterprise and occupation
 * names, at most limit rows, by occupation then enterprise: items array
 * (new reference); *total gets the number of rows there are. */
int store_demand_published(store_conn *c, int64_t consortium_id, int64_t period, int64_t limit,
                           json_t **items, int64_t *total, err_t *e);
/* Number of distinct enterprises with published demand in the period. */
int64_t store_demand_enterprises(store_conn *c, int64_t consortium_id, int64_t period);

/* Published demand reports: the body is the snapshot's JSON text. */
int store_report_insert(store_conn *c, int64_t consortium_id, int64_t period, const char *title,
                        const char *by, const char *published_at, const char *body, int64_t *id,
                        err_t *e);
/* The report {id, consortium_id, period, title, published_at,
 * published_by, body (parsed)} or ERR_NOT_FOUND. */
int store_report_get(store_conn *c, int64_t id, json_t **row, err_t *e);
/* A consortium's reports, newest first, without bodies but with their
 * summary. */
int store_report_list(store_conn *c, int64_t consortium_id, int64_t page, int64_t per_page,
                      json_t **items, int64_t *total, err_t *e);

/* ---- matching rounds (store_round.c; rules in domain/round.c) --------- */

/* Positions of a round with enterprise, occupation and applicant count. */
int store_round_positions(store_conn *c, int64_t round_id, json_t **items, err_t *e);
/* The enterprise of a position of the round, or 0 if not a position. */
int64_t store_round_position_owner(store_conn *c, int64_t round_id, int64_t demand_id);
/* Every position (demand id, seats) in id order. */
int store_round_each_position(store_conn *c, int64_t round_id,
                              void (*fn)(void *ctx, int64_t demand_id, int64_t capacity), void *ctx,
                              err_t *e);
/* Every list entry: students' choices (student, demand, rank) by student
 * and rank, or enterprises' rankings (demand, student, rank). */
int store_round_each_entry(store_conn *c, int64_t round_id, bool rankings,
                           void (*fn)(void *ctx, int64_t a, int64_t b, int64_t rank), void *ctx,
                           err_t *e);
/* The live student record linked to a user in a consortium (with school
 * name and region); ERR_FORBIDDEN when there is none. */
int store_round_student_of_user(store_conn *c, int64_t consortium_id, int64_t user_id,
                                json_t **student, err_t *e);
/* Replace a student's list (owner = student id) or a position's ranking
 * (owner = demand id) with ids, most wanted first. */
int store_round_set_list(store_conn *c, int64_t round_id, bool rankings, int64_t owner,
                         const int64_t *ids, size_t n, err_t *e);
int store_round_choices(store_conn *c, int64_t round_id, int64_t student_id, json_t **items,
                        err_t *e);
bool store_round_is_applicant(store_conn *c, int64_t round_id, int64_t demand_id,
                              int64_t student_id);
/* A position's applicants with their profile and their rank of it. */
int store_round_applicants(store_conn *c, int64_t round_id, int64_t demand_id, json_t **items,
                           err_t *e);
/* A position's ranking: student ids, most wanted first. */
int store_round_ranking(store_conn *c, int64_t round_id, int64_t demand_id, json_t **ids, err_t *e);
int store_round_clear_results(store_conn *c, int64_t round_id, err_t *e);
/* demand_id 0 = unmatched. */
int store_round_add_result(store_conn *c, int64_t round_id, int64_t student_id, int64_t demand_id,
                           int64_t choice_rank, err_t *e);
/* Stored results, all or of one school's students or one enterprise's
 * positions (0 = no filter). */
int store_round_results(store_conn *c, int64_t round_id, int64_t school_id, int64_t enterprise_id,
                        json_t **items, err_t *e);
/* A page of a school's students in a round (paged, filtered, sorted on
 * the server): q matches name, student number, major code or name and,
 * when published, the position and enterprise (ASCII case folded); show is
 * "" (all), none (no list), submitted, matched or unmatched (published
 * rounds only); sort one store_round_school_sort_known() accepts.  Each
 * item: student_id, student_no, name, major_code, major_name, consent,
 * choices and, once published, demand_id, job_title, enterprise,
 * choice_rank (null otherwise).  *total counts every row the filter keeps. */
typedef struct {
    const char *q, *show, *sort;
    bool published;
    int64_t limit, offset;
} store_school_page;
bool store_round_school_sort_known(const char *sort);
int store_round_school_page(store_conn *c, int64_t round_id, int64_t school_id,
                            const store_school_page *p, json_t **items, int64_t *total, err_t *e);
/* {students, submitted, matched} over all the school's students. */
int store_round_school_counts(store_conn *c, int64_t round_id, int64_t school_id, bool published,
                              json_t **counts, err_t *e);
int store_round_unmatched_by_major(store_conn *c, int64_t round_id, json_t **items, err_t *e);
/* Occupations the crosswalk in effect for the consortium links a major to. */
int store_crosswalk_occupations(store_conn *c, int64_t consortium_id, const char *major,
                                json_t **codes, err_t *e);
/* Proposals of the round's last run (-1 if none), and setting them. */
int64_t store_round_proposals(store_conn *c, int64_t round_id);
int store_round_set_proposals(store_conn *c, int64_t round_id, int64_t proposals, err_t *e);
/* Set status and, where not NULL, verdict / matched_at / published_at. */
int store_round_set_state(store_conn *c, int64_t round_id, const char *status, const char *verdict,
                          const char *matched_at, const char *published_at, err_t *e);
/* ---- placements and outcomes ---------------------------------------- */

/* One count of the outcome figures (domain/outcomes.h builds the answer). */
typedef enum {
    OUTCOME_PLACEMENTS,   /* placement rows, key = status               */
    OUTCOME_INTERNS,      /* distinct students placed (not planned)     */
    OUTCOME_GRADUATES,    /* headcount, key = outcome kind              */
    OUTCOME_CERTIFICATES, /* certificates, key = level                  */
    OUTCOME_TRAININGS,    /* training rows, key = training kind         */
    OUTCOME_PARTICIPANTS, /* participants, key = training kind          */
    OUTCOME_PERSON_TIMES, /* person-times counted, key = training kind  */
    OUTCOME_HOURS         /* hours, key = training kind                 */
} outcome_what;
typedef struct {
    int year;
    outcome_what what;
    char key[32];
    int64_t n;
} store_outcome_count;
/* The counts of a consortium's live outcome rows by year (year 0: every
 * year, else that one): *out is an array of *n counts the caller frees. */
int store_outcome_counts(store_conn *c, int64_t consortium_id, int year, store_outcome_count **out,
                         size_t *n, err_t *e);

/* ---- accounts and sessions ------------------------------------------ */

typedef struct {
    int64_t id;
    char username[72];
    char display_name[136];
    char role[24];
    int64_t org_id;
    int64_t consortium_id;
    char password_hash[160];
    bool disabled;
    bool is_demo; /* created by the demo loader: usable only in demo mode */
} store_user;

/* 0 found, -1 with ERR_NOT_FOUND when absent/deleted. */
int store_user_by_name(store_conn *c, const char *username, store_user *u, err_t *e);
int store_user_by_id(store_conn *c, int64_t id, store_user *u, err_t *e);
int store_user_set_password(store_conn *c, int64_t id, const char *hash, err_t *e);

int store_session_add(store_conn *c, const char *token_hash, int64_t user_id, const char *csrf,
                      int64_t expires_at, err_t *e);
/* The live (unrevoked, unexpired) session's user and CSRF token. */
int store_session_find(store_conn *c, const char *token_hash, store_user *u, char csrf[72],
                       err_t *e);
int store_session_revoke(store_conn *c, const char *token_hash, err_t *e);
/* Read your writes with a replica (PostgreSQL; SQLite: nothing to do):
 * note where the primary's WAL stands after a write by a session, and
 * read it back — 0 when the session never wrote, INT64_MAX when the
 * look-up failed (so its reads stay on the primary). */
int store_session_wrote(store_conn *c, const char *token_hash, err_t *e);
int64_t store_session_wrote_at(store_conn *c, const char *token_hash);
/* Delete expired and revoked sessions. */
int store_session_purge(store_conn *c, err_t *e);
/* Revoke every session of a user except the one whose token hash is
 * `keep` (NULL: all of them) — a password change or reset. */
int store_session_revoke_user(store_conn *c, int64_t user_id, const char *keep, err_t *e);

/* ---- sign-in limits (007_login_limits.sql) -------------------------- */

typedef struct {
    int64_t failures;     /* within the window (0 when it has passed) */
    int64_t window_start; /* unix seconds */
    int64_t last_at;      /* last failure, unix seconds */
} store_login_counter;

/* The counter of `key` as of `now`: failures older than `window` seconds
 * (from the window's start) are forgotten.  A missing key reads as 0. */
int store_login_get(store_conn *c, const char *key, int64_t window, int64_t now,
                    store_login_counter *out, err_t *e);
/* Add `delta` (+1 a provisional failure, -1 taking one back) to the
 * counter of `key`, starting a new window when the old one has passed;
 * it never goes below 0.  A positive delta stamps last_at = now. */
int store_login_add(store_conn *c, const char *key, int delta, int64_t window, int64_t now,
                    err_t *e);
int store_login_clear(store_conn *c, const char *key, err_t *e);
/* Whether `username` signed in from `addr` at or after `since`; and
 * remembering that it just did. */
bool store_login_known(store_conn *c, const char *username, const char *addr, int64_t since);
int store_login_remember(store_conn *c, const char *username, const char *addr, int64_t now,
                         err_t *e);
/* Forget counters quiet since `before` and known addresses unused since
 * `known_before` — the only way rows leave these tables. */
int store_login_prune(store_conn *c, int64_t before, int64_t known_before, err_t *e);
/* Highest user id so far (0 if none), and marking the users created after
 * it as demo accounts (the demo loader). */
int64_t store_user_max_id(store_conn *c);
int store_user_mark_demo(store_conn *c, int64_t after_id, err_t *e);

/* ---- audit log ----------------------------------------------------- */

typedef struct {
    int64_t user_id; /* 0 for the CLI / system */
    const char *username;
    const char *action; /* create, update, delete, login, logout, import */
    const char *entity;
    int64_t entity_id;
    int64_t consortium_id;  /* 0 if none */
    json_t *before, *after; /* may be NULL; not stolen */
    const char *address;    /* the client's address; NULL or "" for none (the CLI) */
} store_audit_entry;
int store_audit_add(store_conn *c, const store_audit_entry *a, err_t *e);
/* consortium_id 0 = all.  Filters: entity, entity_id, user_id, action. */
int store_audit_list(store_conn *c, int64_t consortium_id, json_t *filters, int64_t page,
                     int64_t per_page, json_t **items, int64_t *total, err_t *e);
/* How many 'refused' entries user_id has at or after `since` (UTC text). */
int64_t store_audit_refused_count(store_conn *c, int64_t user_id, const char *since);

/* ---- login log (store_logs.c) ------------------------------------------ */

typedef struct {
    const char *event;    /* login | logout */
    int64_t user_id;      /* 0: no such account */
    const char *username; /* as typed */
    const char *address, *user_agent;
    bool ok;
    const char *reason; /* NULL on success */
} store_login_entry;
/* Append one row (user_agent cut to 256 bytes, username to 64). */
int store_login_log_add(store_conn *c, const store_login_entry *l, err_t *e);
/* Which rows a list may see: all, one organisation's users' (org_id), or
 * one user's (user_id); and the filters a reader gives. */
typedef struct {
    int64_t scope_user, scope_org; /* 0 = not narrowed that way */
    int64_t user_id;               /* filter; 0 = any */
    int ok;                        /* filter; -1 = any, 0 failures, 1 successes */
    const char *from, *to;         /* UTC text, at >= from and at < to; NULL = open */
} store_login_query;
/* A page of the login log, newest first: *items [{id, at, event, user_id,
 * username, address, user_agent, ok (boolean), reason}], owned by the
 * caller; per_page <= 0: every row. */
int store_login_log_list(store_conn *c, const store_login_query *q, int64_t page, int64_t per_page,
                         json_t **items, int64_t *total, err_t *e);
/* Remove the rows older than `before` (UTC text). */
int store_login_log_prune(store_conn *c, const char *before, err_t *e);

/* ---- personal data (store_privacy.c) ---------------------------------- */

/* A student's consortium and linked account (0 if none), soft-deleted
 * rows included; ERR_NOT_FOUND if there is no such row at all. */
int store_privacy_student(store_conn *c, int64_t student_id, int64_t *consortium_id,
                          int64_t *user_id, err_t *e);
/* A student's ranked lists and results in matching rounds: *choices
 * [{round_id, demand_id, rank}], *results [{round_id, demand_id,
 * choice_rank}]; new arrays the caller owns. */
int store_privacy_rounds(store_conn *c, int64_t student_id, json_t **choices, json_t **results,
                         err_t *e);
/* What erasing one student changed (for the audit entry and the CLI). */
typedef struct {
    int64_t placements, outcomes, certificates, round_rows, audit_entries;
} store_erase_counts;
/* Erase a student, inside the caller's write transaction: placements keep
 * counting (student_id becomes a fresh negative pseudonym that no row
 * has, evaluation, score and grade go), employment outcomes and
 * certificates lose the student and their personal fields (a
 * certificate's holder becomes 已删除), the student's lists and results in
 * rounds go, the student row goes (soft-deleted or not), the linked
 * account (user_id, 0 = none) loses its sessions, name and password and
 * is disabled, and the audit log keeps every entry without those values
 * (snapshots of the student and account become null; the other rows'
 * snapshots lose the fields named above; the account's username in its
 * own entries becomes the pseudonym).  Old values are overwritten on
 * disk (secure_delete for this transaction; store_privacy_flush after
 * the commit). */
int store_privacy_erase(store_conn *c, int64_t student_id, int64_t user_id, store_erase_counts *n,
                        err_t *e);
/* After the erasing transaction: secure_delete off again, and a WAL
 * checkpoint (TRUNCATE) so the old page images leave the WAL file when
 * no reader holds them.  Best effort. */
void store_privacy_flush(store_conn *c);
/* Ids of students (soft-deleted rows too) who graduated in or before
 * max_year: cohort + 3 years (中职, 高职专科) or + 4 (职业本科). */
int store_privacy_graduated(store_conn *c, int64_t max_year, int64_t **ids, size_t *n, err_t *e);

/* Settings: small key/value facts about this instance (e.g. demo mode). */
int store_setting_get(store_conn *c, const char *key, char *out, size_t n);
int store_setting_set(store_conn *c, const char *key, const char *value, err_t *e);

/* ---- to-do lists and home figures (store_todo.c) ---------------------- */

/* The days a to-do query compares with (see store_todo.c). */
typedef struct {
    const char *today;         /* YYYY-MM-DD, China time */
    const char *soon;          /* today + 60 days */
    const char *recent;        /* today - 60 days */
    const char *day_start_utc; /* the start of today, YYYY-MM-DDTHH:MM:SSZ */
} store_todo_days;
/* Run the to-do or figure query named key for scope (a consortium, unit
 * or user id, as the query says): *count, and the earliest date among the
 * rows into due ("" when none or dates do not apply).  ERR_INTERNAL for
 * an unknown key. */
int store_todo_count(store_conn *c, const char *key, int64_t scope, const store_todo_days *days,
                     int64_t *count, char due[11], err_t *e);

/* ---- full-text search ------------------------------------------------ */

/* Search the published, live demand of a consortium (store_search.c):
 * words of q separated by spaces (or 、，,；;) must all occur, each as
 * written — 焊装 matches 负责焊装工作, not 焊接、装配; a single character
 * matches wherever it occurs; ASCII words match whole words, any case.
 * Any q is safe (it never becomes query syntax); one with nothing
 * searchable in it finds nothing.  *items (caller owns) is this page of
 * {"kind":"demand","id","title","snippet"}, newest first; *total counts
 * every match exactly.  page is 1-based, per_page ≥ 1. */
int store_search_demand(store_conn *c, int64_t consortium_id, const char *q, int64_t page,
                        int64_t per_page, json_t **items, int64_t *total, err_t *e);
/* For bulk writes of demand (an import of many rows in one transaction):
 * called inside the write transaction, before the rows are written, it
 * stops the index from taking each new row as it comes; store_commit
 * then indexes them all in one statement (FTS5 would otherwise write a
 * segment per row: several times slower on large imports).  Searches in
 * the same transaction do not see the new rows until then.  Changes to
 * rows that existed before are indexed at once, as always.  consortium_id:
 * the one consortium all the new rows are of (an import's), or 0 when
 * they may be of several (a copy of a whole database). */
int store_search_defer(store_conn *c, int64_t consortium_id, err_t *e);
/* Who reads the technology platform's texts (migration 014's tech_fts):
 * level 0 public rows only, 1 also members-only rows (a member of the
 * consortium), 2 every row (its secretariat, an admin); org_id: rows of
 * this unit are seen whatever their visibility (its staff), 0 none. */
typedef struct {
    int level;
    int64_t org_id;
} store_tech_reader;
/* Suggestions (store_tech_suggest.c).  How many rows of kind
 * ("tech_needs" or "capabilities") of consortium_id hold the FTS5
 * expression match, counted no further than cap + 1 (so *n > cap means
 * "more than cap"); every indexed row counts, whatever its visibility. */
int store_tech_term_docs(store_conn *c, const char *kind, int64_t consortium_id, const char *match,
                         int64_t cap, int64_t *n, err_t *e);
/* Up to limit live rows of kind (needs: published only) of consortium_id
 * that rd may see and that match the FTS5 expression `match` (the caller
 * builds it from quoted phrases).  With idfs (one weight per phrase of
 * match, in order, separated by spaces): best first by the sum of the
 * weights of the phrases found times their columns' (title 2, text 1,
 * keywords 3), among the best 2 × limit rows of the index.  Without:
 * newest first (FTS5 then stops once limit rows passed the checks,
 * however many match).  *items: [{"id","organization_id","title",
 * "description","keywords","fields","rank"}] (fields: a need's field or
 * a capability's fields; rank minus that sum, 0 without idfs); caller
 * owns. */
int store_tech_candidates(store_conn *c, const char *kind, int64_t consortium_id,
                          const store_tech_reader *rd, const char *match, const char *idfs,
                          int64_t limit, json_t **items, err_t *e);
/* Projects of consortium_id brought to acceptance (accepted or closed),
 * in one grouped read: with field, *counts is {"<lead unit id>": n} for
 * that field; with field NULL, {"<field>": n} for the projects lead_id
 * led.  Caller owns *counts. */
int store_tech_accepted_projects(store_conn *c, int64_t consortium_id, int64_t lead_id,
                                 const char *field, json_t **counts, err_t *e);
/* Search kind ("tech_needs", "capabilities", "core_products") of
 * consortium_id as store_search_demand does, among the rows rd may see
 * (needs that are not drafts); items are {"kind","id","title","snippet"}. */
int store_search_tech(store_conn *c, const char *kind, int64_t consortium_id,
                      const store_tech_reader *rd, const char *q, int64_t page, int64_t per_page,
                      json_t **items, int64_t *total, err_t *e);
/* The rows behind rd-stats (store_tech_stats.c), narrowed to what rd may
 * see (projects and outputs only for level >= 1); year 0: every year.
 * *out (caller owns) is {"needs": [[id, enterprise_id, published_on,
 * first_answer_date|null, accepted 0/1]], "responses": [[organization_id,
 * n]] (the answers rd may read as rows: level 2 all, else its unit's own
 * and those to its unit's needs), "projects": [[id, kind, status,
 * lead_id, partner_ids text|null, budget, funds_received]], "outputs":
 * [[lead_id, kind, standard_level or "", n, value]]}. */
int store_tech_stats(store_conn *c, int64_t consortium_id, int year, const store_tech_reader *rd,
                     json_t **out, err_t *e);
/* Names of the organisations whose ids are in the JSON array ids: *out
 * (caller owns) is {"id": name}. */
int store_org_names(store_conn *c, json_t *ids, json_t **out, err_t *e);

/* ---- backup and restore (store_backup.c) ----------------------------- */

typedef struct {
    int64_t pages; /* pages copied   */
    int64_t bytes; /* size of the copy */
    int schema;    /* its highest migration */
} store_backup_info;
/* Copy the database at db_path, while it may be served and written, to
 * the file `to` (replaced atomically by a checked copy of one snapshot). */
int store_backup(const char *db_path, const char *to, store_backup_info *info, err_t *e);
/* Whether a process (a running server) has the database at db_path open. */
bool store_file_in_use(const char *db_path);
/* Replace the database at db_path with a checked copy of the backup
 * `from` (a Chanjiao database whose migrations this binary knows);
 * refuses a database in use unless force (ERR_CONFLICT). */
int store_restore(const char *from, const char *db_path, bool force, store_backup_info *info,
                  err_t *e);

/* ---- region codes (store_region.c) ----------------------------------- */

/* Every live region of the GB/T 2260 catalogue, by code: a new array of
 * {"code","name","parent_code","full_name"} (parent_code and full_name may
 * be null) the caller owns. */
int store_region_all(store_conn *c, json_t **items, err_t *e);

/* ---- the three lists (store_lists.c) --------------------------------- */

/* A new list row of a snapshot kind (core_products or tech_needs) and its
 * rows, copied from the consortium's live records in one statement: the
 * published, public needs, or every core product, with the enterprise's
 * name, the labels of `labels` (JSON text {"code":["中文","English"]} for
 * the field or chain link) and, for core products, the occupations'
 * names.  Inside the caller's transaction.  *id and *count set. */
int store_list_publish(store_conn *c, int64_t consortium_id, const char *kind, const char *period,
                       const char *title, const char *by, const char *published_at,
                       const char *labels, int64_t *id, int64_t *count, err_t *e);
/* The list {id, consortium_id, kind, period, title, published_at,
 * published_by, count, report_id} (new reference) or ERR_NOT_FOUND. */
int store_list_get(store_conn *c, int64_t id, json_t **row, err_t *e);
/* The list of a demand report (talent_needs), or ERR_NOT_FOUND. */
int store_list_by_report(store_conn *c, int64_t report_id, json_t **row, err_t *e);
/* A page of a consortium's lists, newest first (kind NULL: every kind);
 * *items new, *total over all pages. */
int store_list_page(store_conn *c, int64_t consortium_id, const char *kind, int64_t page,
                    int64_t per_page, json_t **items, int64_t *total, err_t *e);
/* Rows [offset, offset + limit) of a list (a new array of objects): a
 * range of published_list_items, or for a talent_needs list the items of
 * its demand report. */
int store_list_rows(store_conn *c, const json_t *list, int64_t offset, int64_t limit,
                    json_t **items, err_t *e);
/* ---- uploaded files (store_files.c) ---------------------------------- */

typedef struct {
    const char *sha256; /* 64 lowercase hex digits */
    int64_t size;
    const char *content_type, *kind, *name;
    int64_t user_id, org_id, consortium_id; /* the uploader; 0 = none */
} store_file;
/* A file's row as {"id","size","content_type","kind","name","uploaded_by",
 * "created_at"} (new reference), or ERR_NOT_FOUND. */
int store_file_get(store_conn *c, const char *sha, json_t **row, err_t *e);
/* Add the file's row unless its content is known, and its uploader. */
int store_file_add(store_conn *c, const store_file *f, err_t *e);
/* Whether user_id, or (org_id non-zero) a user of org_id, uploaded sha. */
bool store_file_uploaded_by(store_conn *c, const char *sha, int64_t user_id, int64_t org_id);
/* The records naming sha: a new array of {"entity","record_id","field"}. */
int store_file_refs(store_conn *c, const char *sha, json_t **items, err_t *e);
/* Record `record_id` of entity names sha in field (NULL: names none). */
int store_file_ref_set(store_conn *c, const char *entity, int64_t record_id, const char *field,
                       const char *sha, err_t *e);
/* Adds one more file to a record's list field (FT_FILELIST); a file
 * already there stays once. */
int store_file_ref_add(store_conn *c, const char *entity, int64_t record_id, const char *field,
                       const char *sha, err_t *e);
/* A deleted record names no file any more. */
int store_file_refs_drop(store_conn *c, const char *entity, int64_t record_id, err_t *e);
/* Files created at or before `before` (UTC "YYYY-MM-DDTHH:MM:SSZ") that no
 * record names: a new array of ids. */
int store_file_orphans(store_conn *c, const char *before, json_t **items, err_t *e);
/* Forget a file's rows (the sweep of orphans). */
int store_file_delete(store_conn *c, const char *sha, err_t *e);

#endif
