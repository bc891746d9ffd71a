/*
 * batch.h — an import as the domain sees it: a batch of new rows of one
 * entity, written all or nothing, by one caller, into one consortium.
 *
 * The importer (io/import.c) turns cells into rows; everything else an
 * import does to the database is here: who may import what (asked once
 * up front, and again for every row as it is written), the one
 * transaction, the store's bulk mode, deferred running totals and search
 * indexing, catalogue upserts, import modes (which live row a file's row
 * names, and whether it changes it), the audit entry, and the look-ups that
 * turn what a spreadsheet writes for a reference (a credit code, a
 * student number) into a row id.
 *
 *   batch_open ─▶ [batch_set_mode] ─▶ batch_begin ─▶ batch_put … ─▶ batch_end
 *
 * batch_open checks and holds no lock, so a file can be read and checked
 * between it and batch_begin; batch_begin takes the write lock (BEGIN
 * IMMEDIATE) and puts the store in bulk mode; batch_end commits (with the
 * audit entry) or rolls back, and batch_close frees the batch, rolling
 * back whatever is still open.
 */
#ifndef CJ_BATCH_H
#define CJ_BATCH_H

#include "domain/perm.h"

typedef struct batch batch;

/* A batch of rows of d (an importable entity) for caller c, in
 * consortium_id (0: none; the caller has applied d->import->consortium).
 * Checks that c may create rows of d there (401/403), that the consortium
 * exists (404) and that sc holds no transaction; *out is the new batch,
 * which the caller frees with batch_close. */
int batch_open(store_conn *sc, const caller_t *c, const entity_def *d, int64_t consortium_id,
               batch **out, err_t *e);
/* The unit whose rows an org admin or staff caller imports (a row that
 * leaves d->org_field out is the caller's own unit's), or 0. */
int64_t batch_own_org(const batch *b);

/* The row of ref (an entity with a sheet_ref) a reference cell names, as
 * the sheets write it, read on connection sc (a reader thread has its
 * own): its id, 0 if none, -1 if several.  text is the trimmed cell;
 * consortium_id and scope_id (the row's ref->sheet_ref->scope_field, 0
 * if the row has none) narrow the look-up as the description says. */
int64_t batch_ref_find(store_conn *sc, const entity_def *ref, const char *text,
                       int64_t consortium_id, int64_t scope_id);
/* The row error for what batch_ref_find answered (0 or -1), into msg. */
void batch_ref_error(const entity_def *ref, int64_t found, const char *text, int64_t scope_id,
                     char *msg, size_t n);
/* Copy of s without leading and trailing ASCII blanks and U+3000, cut to
 * n - 1 bytes; returns buf. */
const char *batch_trimmed(const char *s, char *buf, size_t n);

/* ---- import modes (issue 15) -------------------------------------------
 *
 * create: only new rows (a row that names a live row is "已存在 (already
 * exists)"); update: only rows that name a live row (else "不存在 (no
 * such row)"); upsert: either.  A row names a live row by its id (an
 * "id" member: the exported sheet's 编号 column; ignored on create) or
 * by the entity's natural key (entity_import.natural, or its content).
 * A named row whose fields all equal the row's is left "unchanged";
 * otherwise the differing fields go through record_update — the rules,
 * permission and audit entry (before/after) of a PATCH. */
typedef enum { BATCH_CREATE, BATCH_UPDATE, BATCH_UPSERT } batch_mode;
typedef enum { BATCH_CREATED, BATCH_UPDATED, BATCH_UNCHANGED } batch_action;
/* "create" / "update" / "upsert" → *m; NULL or "" → d's default (upsert
 * for catalogues, which always updated the codes they share, else
 * create).  -1 for any other text. */
int batch_mode_parse(const entity_def *d, const char *s, batch_mode *m);
const char *batch_mode_name(batch_mode m);
const char *batch_action_name(batch_action a); /* "create", "update", "unchanged" */
/* Set before batch_begin (default: batch_mode_parse(d, NULL)). */
void batch_set_mode(batch *b, batch_mode m);
/* How many rows the caller is about to put, when it knows (an import that
 * read its whole file): a load that is most of its table drops the
 * table's indexes and builds them once at the end (store_bulk_unindex). */
void batch_expect(batch *b, int64_t rows);

/* Take the write lock and enter bulk mode (deferring d's running totals
 * and, if d->import says so, its search indexing to the commit). */
int batch_begin(batch *b, err_t *e);
/* Write one row under the batch's mode: for a catalogue the row as read
 * (record_update or record_create_quiet validate it), otherwise a row
 * entity_validate() has accepted, with the "id" the sheet gave, if any.
 * Every rule of record.c applies, its permission check included.  0 if
 * written (or left unchanged), with *act saying which and *id the row;
 * -1 with e set otherwise: a row error when e->code is ERR_INVALID or
 * ERR_CONFLICT (the batch goes on), anything else ends the batch (the
 * caller stops and closes it). */
int batch_put(batch *b, json_t *row, int64_t tag, batch_action *act, int64_t *id, err_t *e);
/* tag: the caller's number for the row (an import's line, not 0).  On
 * PostgreSQL a big table's new rows are sent in groups (store_bulk_copy.c),
 * so the database may refuse a row while a later one is put: after an
 * error of batch_put or batch_flush, batch_refused is the tag of the row
 * the database refused, else 0, with the refusal (the error to report:
 * batch_put's own may be only a consequence) in *why.  batch_flush
 * sends the rows held, so that a refusal of the last ones is still told
 * by its row (batch_end's commit would only fail). */
int64_t batch_refused(batch *b, err_t *why);
int batch_flush(batch *b, err_t *e);
/* batch_put, for a caller that needs no outcome. */
int batch_add(batch *b, json_t *row, err_t *e);
/* commit: write the audit entry ("import" of d, with `after` as its
 * summary; not stolen), add the deferred totals and commit; else roll
 * back.  Either way bulk mode ends. */
int batch_end(batch *b, bool commit, json_t *after, err_t *e);
/* Free b (NULL is fine), rolling back a transaction still open. */
void batch_close(batch *b);

/* Whether d's table holds any live row (-1 on error): catalogues load
 * their shipped edition only into an empty table. */
int64_t batch_count(store_conn *sc, const entity_def *d);
/* The text a sheet writes for row id of ref (ref->sheet_ref->write: an
 * organisation's name, a student's number) into out; false if the row is
 * gone. */
bool batch_ref_text(store_conn *sc, const entity_def *ref, int64_t id, char *out, size_t n);

#endif
