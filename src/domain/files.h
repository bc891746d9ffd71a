/*
 * files.h — uploaded documents (issue 11): training plans, agreements'
 * signed scans, facility photos.  See docs/files.md.
 *
 * A file is kept once per content: its id is the SHA-256 of its bytes,
 * its bytes live in the uploads folder beside the database as
 * UPLOADS/ab/abcdef… (written to UPLOADS/tmp/, synced, renamed into
 * place), its row in the files table.  Only PDF, DOCX, XLSX, PNG and JPEG
 * are taken, recognised by their content (core/filekind.h); a refused
 * upload writes nothing.
 *
 * Records name files in FT_FILE fields.  Who may read a file is who may
 * read a record that names it (record_get on that record, the field still
 * there after perm_redact: a personal field hides its file too), plus,
 * while no record names it, whoever uploaded it; anyone else hears 404.
 * A record may name a file its writer's unit (or the writer) uploaded, or
 * one it already names; record.c calls files_check_row and
 * files_refs_keep in the write's transaction.
 */
#ifndef CJ_FILES_H
#define CJ_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/db.h"
#include "domain/perm.h"

#define FILES_MAX (20u << 20) /* bytes: one upload at most */

/* The uploads folder the server and the CLI use (set once, at start; the
 * string is copied).  NULL until set: uploads then answer 503. */
void files_set_dir(const char *dir);
const char *files_dir(void);
/* The default folder for a database: "<db>.uploads" (caller frees); NULL
 * for a PostgreSQL database, which has no file to sit beside (--uploads). */
char *files_default_dir(const char *db_path);
/* Create dir (and dir/tmp) if missing; 0 or -1 with e set. */
int files_prepare_dir(const char *dir, err_t *e);

/* Whether c may upload at all: staff of a unit, a secretariat, an admin
 * (401 for anonymous callers, 403 for students). */
int files_may_upload(const caller_t *c, err_t *e);
/* Keep the n bytes at data, first uploaded as name (NULL: "file"), for
 * c: *out = {"id","size","content_type","name","kind","created"} (new
 * reference; created is false when the same bytes were there already).
 * Refused (nothing written) with ERR_INVALID for a kind not taken,
 * ERR_TOO_LARGE beyond FILES_MAX. */
int files_upload(db_conn *sc, const caller_t *c, const void *data, size_t n, const char *name,
                 json_t **out, err_t *e);
/* Open file id for c: *fd (the caller closes it), *meta =
 * {"id","size","content_type","name",…} (new reference).  ERR_NOT_FOUND
 * for a file c may not read as for one that does not exist. */
int files_open(db_conn *sc, const caller_t *c, const char *id, int *fd, json_t **meta, err_t *e);

/* Whether c may read file sha (files_open's rule): a record naming it
 * is readable by c — an assessment naming it as evidence: c may read the
 * assessment — or none names it and c uploaded it; admins always. */
bool files_readable(db_conn *sc, const caller_t *c, const char *sha);

/* record.c: the FT_FILE fields of row (before: the stored row of an
 * update, else NULL) name files c may attach; field errors and
 * ERR_INVALID otherwise. */
int files_check_row(db_conn *sc, const caller_t *c, const entity_def *d, json_t *before,
                    json_t *row, err_t *e);
/* record.c: remember which files record id of d names now (row: the row
 * as written), or (row NULL) that it names none. */
int files_refs_keep(db_conn *sc, const entity_def *d, int64_t id, json_t *row, err_t *e);

/* `chanjiao files sweep`: forget files no record names, uploaded more
 * than older_than seconds ago, and remove their bytes from dir.  *removed
 * counts them. */
int files_sweep(db_conn *sc, const char *dir, int64_t older_than, long *removed, err_t *e);

#endif
