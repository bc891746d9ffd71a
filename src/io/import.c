/*
 * import.c — spreadsheet import of any importable entity's rows, all or
 * nothing (see import.h).
 *
 * The idea: the table reader streams rows; the header row is turned once
 * into a column → field map (English names, Chinese labels, English
 * labels and aliases all name a field); each later row becomes a JSON
 * object of parsed cells, is validated as a POST to the API would be, and
 * is kept, compactly encoded, in memory.
 *
 * Two phases, so that a file never holds the write lock while it is
 * read: the whole file is read and checked first, with no lock and within
 * bounds (rows and cells, empty ones included, by the table reader; a
 * deadline; the memory the checked rows take), and only then is one
 * BEGIN IMMEDIATE transaction opened (a domain batch, domain/batch.h)
 * and every checked row written through it — the same rules, permissions
 * included, as the API.  A hostile file (a million empty rows, a shared-string
 * bomb) thus ends in a 413 without other writers ever waiting on it.  A
 * bad row does not stop the reading: its errors are collected and the
 * next rows are still checked; the good rows are still written (so
 * duplicates against rows the database holds are found too), and at the
 * end the whole transaction is rolled back if anything was wrong (or the
 * run was dry).  The operator's own bulk loads (`chanjiao import`) may
 * instead ask for a locked read (import_opts.locked_read): the
 * transaction is opened first and each row written as soon as it is
 * checked, which on two cores takes about half the time, while other
 * writers wait and then get 503.
 *
 * A failed INSERT inside a transaction undoes only that statement in
 * SQLite, which is what makes "keep going after a bad row" safe.  Errors
 * that are not about a row (permission, I/O, a database failure that may
 * have ended the transaction) stop the import at once.
 *
 * Duplicates within the file are found before the database sees them, so
 * the error can name the earlier line: a core/strmap.h map from the
 * import's key (credit codes; organisation+role+term) to the line, whose
 * keys live in one arena, sized for a million rows without a million
 * allocations.  Another caches reference look-ups (organisations,
 * students), one per distinct cell.
 *
 * This file turns cells into rows and reports; it holds no transaction
 * and asks the database nothing itself: the batch does that.
 */
#include "io/import.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strmap.h"
#include "domain/batch.h"
#include "domain/db.h"
#include "domain/region.h"
#include "io/export.h"

/* ---- the import --------------------------------------------------------- */

#define PIPE_MIN_BYTES (1u << 20) /* files from 1 MiB are read on a second thread */
#define PIPE_BATCH 512            /* rows handed over at once */
#define PIPE_BATCHES 8            /* batches in flight */

struct row_batch {
    struct row_batch *next; /* written batches, handed back to be freed */
    size_t n;
    json_t *rows[PIPE_BATCH];
    size_t lines[PIPE_BATCH];
};

typedef struct {
    db_conn *sc;
    const caller_t *c;
    const entity_def *d;
    const entity_import *kind; /* d->import */
    batch *batch;              /* the domain batch the rows are written to */
    int64_t consortium_id;
    const char *edition;
    int64_t own_org; /* the caller's unit, for an org admin/staff caller */
    import_report *rep;

    /* header */
    bool have_header, header_bad;
    size_t ncols;
    const field_def **cols; /* per column; NULL = column without a header */
    char **heads;           /* per column: the header as the file writes it (trimmed), owned */
    bool en_headers;        /* the file's headers are English (names, English labels) */
    /* per column: the entity a reference column names by its sheet_ref
     * (organisations, students), else NULL */
    const entity_def **refs;
    size_t id_col; /* the row-id column ("id", 编号), or SIZE_MAX */

    strmap err_index; /* column + message → its entry (json_t *) in rep->errors */

    json_t *row;    /* reused for every row */
    strmap dup;     /* duplicate key within the file → line */
    strmap ref_ids; /* reference cell (entity, scope, text) → id (0 none, -1 ambiguous) */
    /* the regions catalogue, when the entity has a region field: a place
     * typed by name (柳州市, 广西柳州) is resolved to its code */
    region_index *regions;
    strmap region_memo; /* cell → "=code" or "!message": files repeat places */

    /* progress */
    bool xlsx;
    import_progress_fn progress;
    void *pctx;

    /* set when the import must stop (not a row error) */
    bool stopped;
    err_t fatal;

    /* checked rows waiting for the write phase (see stage_row) */
    buf_t staged;
    size_t nstaged, max_staged;
    table_limits lim;
    bool locked_read; /* import_opts.locked_read: write as rows are read */
    bool refused;     /* the database refused an earlier row (write_failed) */

    /* Large files are read on a second thread (see "two threads" below):
     * the reader parses and validates, this thread checks and writes. */
    bool piped;
    db_conn *rsc;       /* the reader's connection (reference look-ups) */
    pthread_mutex_t mu; /* the report and the queue, when piped */
    pthread_cond_t can_put, can_take;
    struct row_batch *ring[PIPE_BATCHES]; /* full batches waiting to be written */
    size_t head, count;
    /* Batches written, whose rows the reader frees: it made them, and
     * this thread is the import's bottleneck (a 1 M-row demand import's
     * writer spent 5 % of its time freeing rows). */
    struct row_batch *written;
    struct row_batch *filling; /* the reader's batch being filled */
    bool reader_done;
    atomic_bool stop; /* the writer failed: the reader stops */
    table_format fmt;
    const void *data;
    size_t len;
    int read_rc;
    err_t read_err;
} importer;

/* ---- errors, each said once ----------------------------------------------
 *
 * A file written by hand repeats its mistakes: a word the register does
 * not know in every row of a column (360 rows of 本课).  An error whose
 * column and message are those of an earlier one is added to that entry
 * — its "count" grows and "lines" keeps the first IMPORT_ERROR_LINES line
 * numbers — so the report holds each distinct error once (messages that
 * name their line, like duplicates, stay one per row).  A map from
 * column + message to the entry finds it; at the end finish_errors() puts
 * the row count and lines into the message of every repeated entry. */

/* The entry's lines: the smallest few, in order, line the first. */
static void add_line(json_t *entry, size_t line)
{
    json_t *lines = json_object_get(entry, "lines");
    size_t n = json_array_size(lines), at = n;
    while (at > 0 && (size_t)json_integer_value(json_array_get(lines, at - 1)) > line)
        at--;
    if (at >= IMPORT_ERROR_LINES)
        return;
    json_array_insert_new(lines, at, json_integer((json_int_t)line));
    if (json_array_size(lines) > IMPORT_ERROR_LINES)
        json_array_remove(lines, IMPORT_ERROR_LINES);
    json_object_set_new(entry, "line", json_integer(json_integer_value(json_array_get(lines, 0))));
}

/* A cell as the report quotes it: at most CELL_QUOTE bytes, cut at a
 * character's start. */
#define CELL_QUOTE 200
static json_t *cell_json(const char *cell)
{
    if (!cell)
        return json_null();
    size_t n = strlen(cell);
    if (n > CELL_QUOTE) {
        n = CELL_QUOTE;
        while (n && ((unsigned char)cell[n] & 0xC0) == 0x80)
            n--;
    }
    json_t *v = json_stringn(cell, n);
    return v ? v : json_null();
}

static void add_entry(importer *im, size_t line, const char *column, const char *field,
                      const char *cell, const char *message)
{
    import_report *r = im->rep;
    if (im->piped)
        pthread_mutex_lock(&im->mu);
    r->error_count++;
    buf_t key;
    buf_init(&key);
    buf_printf(&key, "%s\x1f%s", field ? field : "", message);
    strmap_slot *same = strmap_get(&im->err_index, key.data);
    if (same) {
        json_t *entry = same->v.p; /* held by r->errors, which sorting keeps */
        json_object_set_new(entry, "count",
                            json_integer(json_integer_value(json_object_get(entry, "count")) + 1));
        add_line(entry, line);
    } else if (json_array_size(r->errors) < IMPORT_MAX_ERRORS) {
        json_t *entry =
            json_pack("{s:I,s:o,s:o,s:o,s:s,s:i,s:[I]}", "line", (json_int_t)line, "column",
                      column ? json_string(column) : json_null(), "cell", cell_json(cell), "field",
                      field ? json_string(field) : json_null(), "message", message, "count", 1,
                      "lines", (json_int_t)line);
        if (entry) {
            strmap_put(&im->err_index, key.data, NULL)->v.p = entry;
            json_array_append_new(r->errors, entry);
        }
    }
    buf_free(&key);
    if (im->piped)
        pthread_mutex_unlock(&im->mu);
}

/* The column of the file that holds field fname, or SIZE_MAX. */
static size_t column_of(const importer *im, const char *fname)
{
    if (!fname)
        return SIZE_MAX;
    if (!strcmp(fname, "id") && im->id_col != SIZE_MAX)
        return im->id_col;
    for (size_t i = 0; i < im->ncols; i++)
        if (im->cols[i] && !strcmp(im->cols[i]->name, fname))
            return i;
    return SIZE_MAX;
}

/* A row's error, in the user's words: the column as the file heads it
 * ("信用代码", not credit_code) — or, for a field the file has no column
 * of, its label in the language of the file's headers — named in the
 * message and kept in "column", the cell as written in "cell", the field
 * key in "field" for programs.  col is the column, or SIZE_MAX to find
 * the field's; cell may be NULL. */
static void add_error(importer *im, size_t line, size_t col, const char *field, const char *cell,
                      const char *message)
{
    if (col == SIZE_MAX)
        col = column_of(im, field);
    const char *column = NULL;
    if (col < im->ncols && im->heads && im->heads[col] && *im->heads[col]) {
        column = im->heads[col];
    } else if (field) {
        const field_def *f = entity_field(im->d, field);
        column = f ? (im->en_headers && f->en ? f->en : f->zh) : NULL;
    }
    if (!column) {
        add_entry(im, line, NULL, field, cell, message);
        return;
    }
    char *named = xasprintf("“%s”列 (column “%s”): %s", column, column, message);
    add_entry(im, line, column, field, cell, named);
    free(named);
}

/* Say in each repeated entry's message how many rows it stands for and
 * where the first are: "共 300 行 (300 rows)，第 2、3、4、5、6 等行 (lines 2,
 * 3, 4, 5, 6, …): …".  Once, when the report is complete. */
static void finish_errors(json_t *errors)
{
    size_t i;
    json_t *entry;
    json_array_foreach (errors, i, entry) {
        json_int_t count = json_integer_value(json_object_get(entry, "count"));
        if (count < 2)
            continue;
        json_t *lines = json_object_get(entry, "lines");
        buf_t zh, en;
        buf_init(&zh);
        buf_init(&en);
        size_t j;
        json_t *l;
        json_array_foreach (lines, j, l) {
            buf_printf(&zh, "%s%lld", j ? "、" : "", (long long)json_integer_value(l));
            buf_printf(&en, "%s%lld", j ? ", " : "", (long long)json_integer_value(l));
        }
        bool more = (size_t)count > json_array_size(lines);
        char *msg =
            xasprintf("共 %lld 行 (%lld rows)，第 %s%s行 (lines %s%s): %s", (long long)count,
                      (long long)count, zh.data, more ? " 等" : " ", en.data, more ? ", …" : "",
                      json_string_value(json_object_get(entry, "message")));
        json_object_set_new(entry, "message", json_string(msg));
        free(msg);
        buf_free(&zh);
        buf_free(&en);
    }
}

static void count_bad_row(importer *im)
{
    if (im->piped)
        pthread_mutex_lock(&im->mu);
    im->rep->bad_rows++;
    if (im->piped)
        pthread_mutex_unlock(&im->mu);
}

/* Trim ASCII blanks, the ideographic space U+3000 and the '*' templates
 * use to mark required columns; returns a pointer into s (modified). */
static char *trim_header(char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '*')
            s++;
        else if (!strncmp(s, "\xE3\x80\x80", 3) || !strncmp(s, "\xEF\xBC\x8A", 3)) /* 　＊ */
            s += 3;
        else
            break;
    }
    size_t n = strlen(s);
    for (;;) {
        if (n && strchr(" \t\r\n*", s[n - 1]))
            n--;
        else if (n >= 3 &&
                 (!strncmp(s + n - 3, "\xE3\x80\x80", 3) || !strncmp(s + n - 3, "\xEF\xBC\x8A", 3)))
            n -= 3;
        else
            break;
    }
    s[n] = '\0';
    return s;
}

static bool importable(const field_def *f)
{
    return export_field(f) && f->type != FT_ID && !(f->flags & F_READONLY);
}

/* Whether header text h names field f: its English name or label (any
 * case), its Chinese label, or one of its aliases. */
static bool header_names(const field_def *f, const char *h)
{
    if (!strcasecmp(h, f->name) || !strcmp(h, f->zh) || (f->en && !strcasecmp(h, f->en)))
        return true;
    for (const char *a = f->aliases; a && *a;) {
        size_t n = strcspn(a, "|");
        if (n == strlen(h) && !strncasecmp(a, h, n))
            return true;
        a += n + (a[n] == '|');
    }
    return false;
}

static void known_columns(const entity_def *d, buf_t *b)
{
    for (const field_def *f = d->fields; f->name; f++)
        if (importable(f))
            buf_printf(b, "%s%s (%s)", b->len ? ", " : "", f->zh, f->en ? f->en : f->name);
}

/* The owning-unit column (企业 of demand, 学校 of supply) may be left out
 * by a unit's own staff: their rows are their unit's. */
static bool own_unit_field(const importer *im, const field_def *f)
{
    return im->own_org && im->d->org_field && !strcmp(f->name, im->d->org_field);
}

/* Map the header row to fields.  Every problem is reported at once. */
static int read_header(importer *im, size_t line, char **cells, size_t n)
{
    bool bad = false;
    im->ncols = n;
    im->cols = xcalloc(n ? n : 1, sizeof *im->cols);
    im->refs = xcalloc(n ? n : 1, sizeof *im->refs);
    im->heads = xcalloc(n ? n : 1, sizeof *im->heads);
    int zh = 0, en = 0; /* headers in Chinese, in English */
    for (size_t i = 0; i < n; i++) {
        char *h = trim_header(cells[i]);
        im->heads[i] = xstrdup(h);
        if (!*h)
            continue;
        const field_def *found = NULL;
        /* The row id an export writes first: names the row to update. */
        if (im->id_col == SIZE_MAX && header_names(&im->d->fields[0], h)) {
            im->id_col = i;
            continue;
        }
        for (const field_def *f = im->d->fields; f->name && !found; f++)
            if (importable(f) && header_names(f, h))
                found = f;
        if (!found) {
            buf_t b;
            buf_init(&b);
            known_columns(im->d, &b);
            char *msg = xasprintf("第 %zu 列表头“%s”无法识别 (column %zu: unknown header “%s”); "
                                  "可用的列 (known columns): %s",
                                  i + 1, h, i + 1, h, b.data);
            add_entry(im, line, h, h, NULL, msg);
            free(msg);
            buf_free(&b);
            bad = true;
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (im->cols[j] == found) {
                char *msg = xasprintf("第 %zu 列与第 %zu 列是同一字段 (columns %zu and %zu name "
                                      "the same field)",
                                      i + 1, j + 1, i + 1, j + 1);
                add_entry(im, line, h, found->name, NULL, msg);
                free(msg);
                bad = true;
                found = NULL;
                break;
            }
        im->cols[i] = found;
        if (found && !strcmp(h, found->zh))
            zh++;
        else if (found && (!strcasecmp(h, found->name) || (found->en && !strcasecmp(h, found->en))))
            en++;
        const entity_def *ref = found && found->type == FT_REF ? entity_find(found->ref) : NULL;
        im->refs[i] = ref && ref->sheet_ref ? ref : NULL;
    }
    im->en_headers = en > zh;
    for (const field_def *f = im->d->fields; f->name; f++) {
        if (!(f->flags & F_REQUIRED) || !importable(f) || f->import_default ||
            (im->edition && !strcmp(f->name, "edition")) || own_unit_field(im, f))
            continue;
        bool have = false;
        for (size_t i = 0; i < n && !have; i++)
            have = im->cols[i] == f;
        if (!have) {
            const char *label = im->en_headers && f->en ? f->en : f->zh;
            char *msg = xasprintf("缺少必需的列“%s” (required column missing: “%s”)", f->zh,
                                  f->en ? f->en : f->name);
            add_entry(im, line, label, f->name, NULL, msg);
            free(msg);
            bad = true;
        }
    }
    return bad ? -1 : 0;
}

static bool is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || !strncmp(s, "\xE3\x80\x80", 3))
        s += *s == ' ' || *s == '\t' ? 1 : 3;
    return !*s;
}

/* A reference cell naming a row of ref as its sheet_ref says (an
 * organisation by credit code or name, a student by number within the
 * row's school) → id; 0 with msg.  Each distinct cell is looked up once. */
static int64_t resolve_ref(importer *im, const entity_def *ref, const char *cell, char *msg,
                           size_t n)
{
    const char *sf = ref->sheet_ref->scope_field;
    json_t *scope = sf ? json_object_get(im->row, sf) : NULL;
    int64_t sid = json_is_integer(scope) ? json_integer_value(scope) : 0;
    /* The key: entity name, scope, trimmed text (built without printf:
     * this runs for every reference cell of every row). */
    char key[600];
    size_t kl = strlen(ref->name);
    memcpy(key, ref->name, kl);
    key[kl++] = '\x1f';
    if (sid)
        kl += (size_t)snprintf(key + kl, 24, "%lld", (long long)sid);
    key[kl++] = '\x1f';
    const char *text = batch_trimmed(cell, key + kl, 512);
    bool added;
    strmap_slot *slot = strmap_put(&im->ref_ids, key, &added);
    if (added)
        slot->v.i = batch_ref_find(im->rsc, ref, text, im->consortium_id, sid);
    int64_t id = slot->v.i;
    if (id <= 0)
        batch_ref_error(ref, id, text, sid, msg, n);
    return id > 0 ? id : 0;
}

/* Within-file duplicate key of a parsed row (its kind's key fields, enum
 * values as stored so 理事长单位 and chair are the same), or false if the
 * row has no key (the first key field is absent or a value is bad, which
 * record_create_quiet reports). */
static bool dup_key(importer *im, char *key, size_t n, const char **field)
{
    const char *const *kf = im->kind->key;
    if (!kf[0] || !json_object_get(im->row, kf[0]))
        return false;
    buf_t b;
    buf_init(&b);
    for (size_t i = 0; i < IMPORT_KEY_FIELDS && kf[i]; i++) {
        const field_def *f = entity_field(im->d, kf[i]);
        json_t *v = json_object_get(im->row, kf[i]);
        /* Reported on the second key field (the role of a unit, the
         * major of a school), or the only one. */
        if (i < 2)
            *field = kf[i];
        if (json_is_integer(v))
            buf_printf(&b, "%lld|", (long long)json_integer_value(v));
        else if (json_is_string(v)) {
            char t[512];
            batch_trimmed(json_string_value(v), t, sizeof t);
            const enum_opt *o = f && f->type == FT_ENUM ? entity_enum_lookup(f, t) : NULL;
            if (f && f->type == FT_ENUM && !o) {
                buf_free(&b);
                return false;
            }
            buf_printf(&b, "%s|", o ? o->value : t);
        } else
            buf_puts(&b, "-|");
    }
    snprintf(key, n, "%s", b.data);
    buf_free(&b);
    return true;
}

/* Errors of record_create_quiet for one row become report entries. */
static void record_errors(importer *im, size_t line, char **cells, size_t ncells, err_t *e)
{
    if (!e->details) {
        add_error(im, line, SIZE_MAX, NULL, NULL, e->message);
        return;
    }
    const char *field;
    json_t *msg;
    json_object_foreach (e->details, field, msg) {
        const char *m = json_string_value(msg);
        char conflict[1024];
        if (e->code == ERR_CONFLICT) {
            snprintf(conflict, sizeof conflict, "已存在 (already exists): %s",
                     im->kind->conflict ? im->kind->conflict : e->message);
            m = conflict;
        }
        size_t col = column_of(im, field);
        add_error(im, line, col, field, cells && col < ncells ? cells[col] : NULL,
                  m ? m : e->message);
    }
}

static void batch_free(struct row_batch *b)
{
    while (b) {
        struct row_batch *next = b->next;
        for (size_t i = 0; i < b->n; i++)
            json_decref(b->rows[i]);
        free(b);
        b = next;
    }
}

/* The reader hands its full batch to the writer (waiting while
 * PIPE_BATCHES are queued); -1 if the writer has stopped. */
static int hand_over(importer *im)
{
    struct row_batch *b = im->filling;
    im->filling = NULL;
    if (!b)
        return 0;
    pthread_mutex_lock(&im->mu);
    while (im->count == PIPE_BATCHES && !atomic_load(&im->stop))
        pthread_cond_wait(&im->can_put, &im->mu);
    if (atomic_load(&im->stop)) {
        pthread_mutex_unlock(&im->mu);
        batch_free(b);
        return -1;
    }
    im->ring[(im->head + im->count) % PIPE_BATCHES] = b;
    im->count++;
    struct row_batch *written = im->written;
    im->written = NULL;
    pthread_cond_signal(&im->can_take);
    pthread_mutex_unlock(&im->mu);
    batch_free(written);
    return 0;
}

/* ---- checked rows, kept for the write phase ------------------------------
 *
 * A row is kept as its line, its field count and per field the key, a
 * type byte and the value's bytes: a third of what the same row costs as
 * a jansson object, and rebuilt into one just before it is written. */

static void put_u32(buf_t *b, uint32_t v)
{
    buf_append(b, &v, sizeof v);
}

/* Keep row (checked) for the write phase; -1 past the memory bound,
 * with im->fatal set. */
static int stage_row(importer *im, json_t *row, size_t line)
{
    buf_t *b = &im->staged;
    uint64_t ln = line;
    buf_append(b, &ln, sizeof ln);
    put_u32(b, (uint32_t)json_object_size(row));
    const char *key;
    json_t *v;
    json_object_foreach (row, key, v) {
        size_t kl = strlen(key);
        put_u32(b, (uint32_t)kl);
        buf_append(b, key, kl);
        char type;
        const void *p = NULL;
        size_t n = 0;
        char *dump = NULL;
        json_int_t iv;
        double rv;
        switch (json_typeof(v)) {
        case JSON_STRING:
            type = 's';
            p = json_string_value(v);
            n = json_string_length(v);
            break;
        case JSON_INTEGER:
            type = 'i';
            iv = json_integer_value(v);
            p = &iv;
            n = sizeof iv;
            break;
        case JSON_REAL:
            type = 'r';
            rv = json_real_value(v);
            p = &rv;
            n = sizeof rv;
            break;
        case JSON_TRUE:
            type = 't';
            break;
        case JSON_FALSE:
            type = 'f';
            break;
        case JSON_NULL:
            type = 'n';
            break;
        default: /* arrays, objects */
            type = 'j';
            dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
            p = dump;
            n = dump ? strlen(dump) : 0;
            break;
        }
        buf_append(b, &type, 1);
        put_u32(b, (uint32_t)n);
        if (n)
            buf_append(b, p, n);
        free(dump);
    }
    im->nstaged++;
    if (b->len <= im->max_staged)
        return 0;
    im->stopped = true;
    size_t mib = im->max_staged >> 20;
    return err_set(&im->fatal, ERR_TOO_LARGE,
                   "导入的数据超过 %zu MiB 内存上限（约第 %zu 行），请拆分文件后分批导入 (the "
                   "checked rows exceed the %zu MiB import memory limit near line %zu; split the "
                   "file)",
                   mib, line, mib, line);
}

static uint32_t get_u32(const char **p)
{
    uint32_t v;
    memcpy(&v, *p, sizeof v);
    *p += sizeof v;
    return v;
}

/* The next kept row, as a new object; *p moves past it. */
static json_t *unstage_row(const char **p, size_t *line)
{
    uint64_t ln;
    memcpy(&ln, *p, sizeof ln);
    *p += sizeof ln;
    *line = (size_t)ln;
    json_t *row = json_object();
    for (uint32_t nf = get_u32(p); nf > 0; nf--) {
        uint32_t kl = get_u32(p);
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)kl, *p);
        *p += kl;
        char type = **p;
        (*p)++;
        uint32_t n = get_u32(p);
        const char *val = *p;
        *p += n;
        json_t *v;
        json_int_t iv;
        double rv;
        switch (type) {
        case 's':
            v = json_stringn_nocheck(val, n);
            break;
        case 'i':
            memcpy(&iv, val, sizeof iv);
            v = json_integer(iv);
            break;
        case 'r':
            memcpy(&rv, val, sizeof rv);
            v = json_real(rv);
            break;
        case 't':
            v = json_true();
            break;
        case 'f':
            v = json_false();
            break;
        case 'j':
            v = json_loadb(val, n, JSON_DECODE_ANY, NULL);
            break;
        default:
            v = json_null();
            break;
        }
        json_object_set_new(row, key, v ? v : json_null());
    }
    return row;
}

static void write_row(importer *im, json_t *row, size_t line);

/* A region cell's code as a new string, or NULL with msg; each distinct
 * cell is resolved once (an unknown name searches the catalogue for
 * suggestions, which a file repeating it should not pay on every row). */
static json_t *resolve_region(importer *im, const char *cell, char *msg, size_t n)
{
    bool added;
    strmap_slot *s = strmap_put(&im->region_memo, cell, &added);
    if (added) {
        char code[8], m[1024];
        s->v.p = region_resolve(im->regions, cell, code, m, sizeof m) == 0 ? xasprintf("=%s", code)
                                                                           : xasprintf("!%s", m);
    }
    const char *r = s->v.p;
    if (r[0] == '=')
        return json_string(r + 1);
    snprintf(msg, n, "%s", r + 1);
    return NULL;
}

static int on_row(void *ctx, size_t line, char **cells, size_t ncells, err_t *e)
{
    importer *im = ctx;
    if (!im->have_header) {
        im->have_header = true;
        if (read_header(im, line, cells, ncells) != 0) {
            im->header_bad = true;
            return err_set(e, ERR_INVALID, "表头有误 (bad header row)");
        }
        return 0;
    }
    import_report *rep = im->rep;
    size_t nerr = 0; /* this row's errors */
    char msg[512];
    if (atomic_load(&im->stop))
        return err_set(e, ERR_INTERNAL, "导入已停止 (the import stopped)");
    rep->rows++;
    json_object_clear(im->row);
    /* Reference cells narrowed by another field of the row (a student
     * within the row's school) wait until that field is known. */
    struct {
        const field_def *f;
        const entity_def *ref;
        const char *cell;
        size_t col;
    } scoped[4];
    size_t nscoped = 0;
    json_int_t row_id = 0;
    for (size_t i = 0; i < ncells; i++) {
        const field_def *f = i < im->ncols ? im->cols[i] : NULL;
        if (i == im->id_col) {
            char t[32], *end = NULL;
            batch_trimmed(cells[i], t, sizeof t);
            long long v = *t ? strtoll(t, &end, 10) : 0;
            if (*t && (*end || v <= 0)) {
                add_error(im, line, i, "id", cells[i],
                          "编号应为正整数 (the id must be a positive integer)");
                nerr++;
            }
            row_id = *t && !*end && v > 0 ? v : 0;
            continue;
        }
        if (!f) {
            if (!is_blank(cells[i])) {
                snprintf(msg, sizeof msg,
                         "第 %zu 列有值但没有表头 (column %zu has a value but no header)", i + 1,
                         i + 1);
                add_entry(im, line, NULL, NULL, cells[i], msg);
                nerr++;
            }
            continue;
        }
        if (is_blank(cells[i]))
            continue; /* absent; record_create_quiet says so if required */
        msg[0] = '\0';
        json_t *v;
        const entity_def *ref = im->refs[i];
        if (ref && ref->sheet_ref->scope_field && nscoped < 4) {
            scoped[nscoped].f = f;
            scoped[nscoped].ref = ref;
            scoped[nscoped].col = i;
            scoped[nscoped++].cell = cells[i];
            continue;
        } else if (ref) {
            int64_t id = resolve_ref(im, ref, cells[i], msg, sizeof msg);
            v = id > 0 ? json_integer(id) : NULL;
        } else if (f->type == FT_TEXT && f->ref && !strcmp(f->ref, "regions") &&
                   region_index_size(im->regions)) {
            v = resolve_region(im, cells[i], msg, sizeof msg);
        } else if (f->type == FT_TEXT || f->type == FT_ENUM) {
            /* Text and enumeration cells are JSON strings as they stand:
             * record_create_quiet checks them exactly as the API does
             * (trimming, lengths, credit code, Chinese labels), so they
             * are checked once, not twice. */
            v = json_string(cells[i]);
            if (!v)
                snprintf(msg, sizeof msg, "含有无效字符 (invalid characters)");
        } else {
            v = entity_parse_text(f, cells[i], msg, sizeof msg);
        }
        if (!v) {
            add_error(im, line, i, f->name, cells[i], msg[0] ? msg : "无效 (invalid)");
            nerr++;
            continue;
        }
        if (json_is_null(v))
            json_decref(v);
        else
            json_object_set_new(im->row, f->name, v);
    }
    if (im->consortium_id && im->d->consortium_field)
        json_object_set_new(im->row, im->d->consortium_field, json_integer(im->consortium_id));
    if (im->own_org && im->d->org_field && strcmp(im->d->org_field, "id") &&
        !json_object_get(im->row, im->d->org_field))
        json_object_set_new(im->row, im->d->org_field, json_integer(im->own_org));
    if (im->edition && entity_field(im->d, "edition") && !json_object_get(im->row, "edition"))
        json_object_set_new(im->row, "edition", json_string(im->edition));
    for (const field_def *f = im->d->fields; f->name; f++)
        if (f->import_default && !json_object_get(im->row, f->name))
            json_object_set_new(im->row, f->name, json_string(f->import_default));
    for (size_t k = 0; k < nscoped; k++) {
        msg[0] = '\0';
        int64_t id = resolve_ref(im, scoped[k].ref, scoped[k].cell, msg, sizeof msg);
        if (id > 0) {
            json_object_set_new(im->row, scoped[k].f->name, json_integer(id));
        } else {
            add_error(im, line, scoped[k].col, scoped[k].f->name, scoped[k].cell, msg);
            nerr++;
        }
    }

    char key[600];
    const char *dfield = NULL;
    if (dup_key(im, key, sizeof key, &dfield)) {
        strmap_slot *seen = strmap_get(&im->dup, key);
        const int64_t *first = seen ? &seen->v.i : NULL;
        if (first) {
            snprintf(msg, sizeof msg, "与第 %lld 行重复 (duplicates line %lld)", (long long)*first,
                     (long long)*first);
            size_t col = column_of(im, dfield);
            add_error(im, line, col, dfield, col < ncells ? cells[col] : NULL, msg);
            nerr++;
        } else {
            strmap_put(&im->dup, key, NULL)->v.i = (int64_t)line;
        }
    }

    if (nerr) {
        count_bad_row(im);
        return 0;
    }
    /* Check the row as the API would; the write phase only writes. */
    json_t *clean = json_object();
    err_t ve = ERR_INIT;
    if (entity_validate(im->d, im->row, true, clean, &ve) != 0) {
        record_errors(im, line, cells, ncells, &ve);
        err_clear(&ve);
        json_decref(clean);
        count_bad_row(im);
        return 0;
    }
    /* The row id rides with the checked row to the batch (batch_put). */
    if (row_id)
        json_object_set_new(im->kind->upsert ? im->row : clean, "id", json_integer(row_id));
    if (im->piped) { /* the other thread keeps it */
        if (!im->filling)
            im->filling = xcalloc(1, sizeof *im->filling);
        im->filling->rows[im->filling->n] = clean;
        im->filling->lines[im->filling->n++] = line;
        if (im->filling->n == PIPE_BATCH && hand_over(im) != 0)
            return err_set(e, ERR_INTERNAL, "导入已停止 (the import stopped)");
        return 0;
    }
    /* A catalogue edition updates the codes it shares with the loaded
     * one: its rows are kept (or written) as read, for record_update. */
    json_t *keep = im->kind->upsert ? im->row : clean;
    if (im->locked_read) {
        write_row(im, keep, line);
    } else {
        stage_row(im, keep, line);
    }
    json_decref(clean);
    if (im->stopped)
        return err_set(e, im->fatal.code, "%s", im->fatal.message);
    return 0;
}

static void on_progress(void *ctx, size_t done, size_t total)
{
    importer *im = ctx;
    if (!im->progress)
        return;
    if (im->xlsx) {
        im->progress(im->pctx, done, total);
        return;
    }
    /* CSV reports bytes; turn them into rows at the same fraction. */
    size_t rows = im->rep->rows;
    size_t est = done ? (size_t)((double)rows * (double)total / (double)done) : 0;
    im->progress(im->pctx, rows, done >= total ? rows : est);
}

/* ---- two threads ---------------------------------------------------------
 *
 * A large file is parsed and validated on a reader thread while this
 * thread encodes and keeps the checked rows (stage_row).  The reader owns
 * the table reader, the header map, the within-file duplicate map and its
 * own database connection (it only looks up referenced rows, which an
 * import never creates and references at once).  Validated rows
 * pass through a bounded ring.  A row error is added to the report under
 * the mutex.  A fatal error on this side (the memory bound) stops the
 * reader.  The write phase (write_staged) runs after both, alone.
 */

static void *reader_main(void *arg)
{
    importer *im = arg;
    err_t e = ERR_INIT;
    im->rsc = db_conn_get(db_of(im->sc), &e);
    if (!im->rsc) {
        im->read_rc = -1;
        im->read_err = e;
    } else {
        im->read_rc = table_read_mem_limited(im->fmt, im->data, im->len, &im->lim, on_row,
                                             on_progress, im, &im->read_err);
        if (hand_over(im) != 0 && im->read_rc == 0)
            im->read_rc = -1;
    }
    batch_free(im->filling);
    im->filling = NULL;
    pthread_mutex_lock(&im->mu);
    im->reader_done = true;
    pthread_cond_signal(&im->can_take);
    pthread_mutex_unlock(&im->mu);
    return NULL;
}

/* A write that failed: a row the database refuses (a duplicate) is a row
 * error; anything else stops the import.  The row is the one written
 * (line), or an earlier one whose group was sent just now
 * (batch_refused): on PostgreSQL its refusal ended the transaction, so no
 * further row is written, and the report names the refused row. */
static void write_failed(importer *im, size_t line, err_t *re)
{
    int64_t at = batch_refused(im->batch, re);
    if (at > 0) {
        line = (size_t)at;
        im->refused = true;
    }
    if ((re->code != ERR_INVALID && re->code != ERR_CONFLICT) || line == 0) {
        im->stopped = true;
        im->fatal = *re;
    } else {
        record_errors(im, line, NULL, 0, re);
        err_clear(re);
        count_bad_row(im);
    }
}

/* The write phase: one row into the batch (a checked row, or for a
 * catalogue the row as read). */
static void write_row(importer *im, json_t *row, size_t line)
{
    err_t re = ERR_INIT;
    batch_action act;
    int64_t id;
    if (im->refused)
        return;
    if (batch_put(im->batch, row, (int64_t)line, &act, &id, &re) == 0) {
        import_report *r = im->rep;
        r->imported++;
        *(act == BATCH_UPDATED     ? &r->updated
          : act == BATCH_UNCHANGED ? &r->unchanged
                                   : &r->created) += 1;
        if (json_array_size(r->outcomes) < IMPORT_MAX_OUTCOMES)
            json_array_append_new(r->outcomes,
                                  json_pack("{s:I,s:s,s:I}", "line", (json_int_t)line, "action",
                                            batch_action_name(act), "id", (json_int_t)id));
    } else {
        write_failed(im, line, &re);
    }
}

/* Write every kept row, in file order, inside the open transaction. */
static void write_staged(importer *im)
{
    const char *p = im->staged.data, *end = p + im->staged.len;
    while (p < end && !im->stopped) {
        size_t line;
        json_t *row = unstage_row(&p, &line);
        write_row(im, row, line);
        json_decref(row);
    }
}

/* This thread's half while the reader reads: keep the rows it checked
 * (or write them, in a locked read).  Past the memory bound, or on a
 * write that failed, it stops the reader and drops what is queued. */
static void stage_piped(importer *im)
{
    struct row_batch *done = NULL;
    for (;;) {
        pthread_mutex_lock(&im->mu);
        if (done) {
            done->next = im->written;
            im->written = done;
            done = NULL;
        }
        while (im->count == 0 && !im->reader_done)
            pthread_cond_wait(&im->can_take, &im->mu);
        if (im->count == 0) {
            pthread_mutex_unlock(&im->mu);
            return;
        }
        struct row_batch *b = im->ring[im->head];
        im->head = (im->head + 1) % PIPE_BATCHES;
        im->count--;
        pthread_cond_signal(&im->can_put);
        pthread_mutex_unlock(&im->mu);
        for (size_t i = 0; i < b->n && !im->stopped; i++) {
            if (im->locked_read)
                write_row(im, b->rows[i], b->lines[i]);
            else
                stage_row(im, b->rows[i], b->lines[i]);
        }
        done = b;
        if (im->stopped && !atomic_load(&im->stop)) {
            atomic_store(&im->stop, true);
            pthread_mutex_lock(&im->mu);
            pthread_cond_broadcast(&im->can_put);
            pthread_mutex_unlock(&im->mu);
        }
    }
}

static int cmp_error_line(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t lx = json_integer_value(json_object_get(x, "line"));
    json_int_t ly = json_integer_value(json_object_get(y, "line"));
    return lx < ly ? -1 : lx > ly;
}

/* Both threads added errors; put them in line order (stable). */
static void sort_errors(json_t *errors)
{
    size_t n = json_array_size(errors);
    json_t **v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(errors, i));
    /* Insertion sort is stable and the list is nearly sorted already. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp_error_line(&v[j - 1], &v[j]) > 0; j--) {
            json_t *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    json_array_clear(errors);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(errors, v[i]);
    free(v);
}

/* Read the table, on one thread or two; 0 or the reader's error. */
static int read_table(importer *im, table_format fmt, const void *data, size_t len, err_t *re)
{
    im->rsc = im->sc;
    if (!im->piped)
        return table_read_mem_limited(fmt, data, len, &im->lim, on_row, on_progress, im, re);
    im->fmt = fmt;
    im->data = data;
    im->len = len;
    pthread_mutex_init(&im->mu, NULL);
    pthread_cond_init(&im->can_put, NULL);
    pthread_cond_init(&im->can_take, NULL);
    pthread_t reader;
    if (pthread_create(&reader, NULL, reader_main, im) != 0) {
        im->piped = false;
        im->rsc = im->sc;
        return table_read_mem_limited(fmt, data, len, &im->lim, on_row, on_progress, im, re);
    }
    stage_piped(im);
    pthread_join(reader, NULL);
    for (size_t i = 0; i < im->count; i++) /* left after a fatal error */
        batch_free(im->ring[(im->head + i) % PIPE_BATCHES]);
    batch_free(im->written); /* handed back after the reader's last batch */
    im->written = NULL;
    pthread_cond_destroy(&im->can_put);
    pthread_cond_destroy(&im->can_take);
    pthread_mutex_destroy(&im->mu);
    im->piped = false;
    sort_errors(im->rep->errors);
    *re = im->read_err;
    return im->read_rc;
}

int import_run(db_conn *sc, const caller_t *c, const import_opts *o, table_format fmt,
               const void *data, size_t len, import_report *report, err_t *e)
{
    importer im = {0};
    int rc = -1;
    int64_t consortium_id = o->consortium_id;

    memset(report, 0, sizeof *report);
    report->errors = json_array();
    report->outcomes = json_array();
    im.id_col = SIZE_MAX;
    im.xlsx = len >= 4 && !memcmp(data, "PK\x03\x04", 4);
    report->encoding = im.xlsx ? "XLSX" : table_csv_detect_encoding(data, len);
    im.d = entity_import_find(o->entity);
    if (!im.d)
        return err_set(e, ERR_NOT_FOUND, "不能导入“%s”，可导入 (cannot import this; use) %s",
                       o->entity ? o->entity : "", entity_import_kinds());
    im.kind = im.d->import;
    if (im.kind->consortium == IMPORT_CONSORTIUM_REQUIRED && consortium_id <= 0)
        return err_set(e, ERR_BAD_REQUEST, "导入%s须指定联合体 (a consortium is needed)", im.d->zh);
    if (im.kind->consortium == IMPORT_NO_CONSORTIUM)
        consortium_id = 0; /* the CLI refuses the option; callers may pass one */
    if (im.kind->edition && (!o->edition || !*o->edition))
        return err_set(e, ERR_BAD_REQUEST,
                       "导入目录须指定版本，如 2025 (a catalogue import needs an edition, e.g. "
                       "2025)");
    batch_mode mode;
    if (batch_mode_parse(im.d, o->mode, &mode) != 0)
        return err_set(e, ERR_BAD_REQUEST,
                       "导入模式应为 create、update 或 upsert (the mode must be create, update or "
                       "upsert)");
    report->mode = batch_mode_name(mode);
    im.sc = sc;
    im.c = c;
    im.consortium_id = consortium_id;
    im.edition = o->edition;
    im.rep = report;
    im.progress = o->progress;
    im.pctx = o->pctx;
    const char *name = o->name;
    bool dry_run = o->dry_run;
    im.row = json_object();
    strmap_init(&im.dup);
    strmap_init(&im.ref_ids);
    strmap_init(&im.region_memo);
    strmap_init(&im.err_index);
    buf_init(&im.staged);

    /* Who may import what, the consortium, no transaction held: asked of
     * the domain before the file is read. */
    if (batch_open(sc, c, im.d, consortium_id, &im.batch, e) != 0)
        goto out;
    im.own_org = batch_own_org(im.batch);
    batch_set_mode(im.batch, mode);

    /* Phase 1: read and check the whole file, holding no lock (unless
     * the caller asked for a locked read). */
    im.locked_read = o->locked_read;
    if (im.locked_read && batch_begin(im.batch, e) != 0)
        goto out;
    im.lim.deadline_ms = o->max_seconds ? table_now_ms() + 1000u * (uint64_t)o->max_seconds : 0;
    im.lim.seconds = o->max_seconds;
    im.max_staged = o->max_memory ? o->max_memory : IMPORT_MAX_MEMORY;
    err_t re = ERR_INIT;
    /* Two threads for large files; catalogues update rows in place and
     * stay on one. */
    im.piped = len >= PIPE_MIN_BYTES && !im.kind->upsert;
    for (const field_def *f = im.d->fields; f->name && !im.regions; f++)
        if (f->type == FT_TEXT && f->ref && !strcmp(f->ref, "regions") &&
            !(im.regions = region_index_load(sc, e)))
            goto out;
    int read = read_table(&im, fmt, data, len, &re);
    if (im.stopped) {
        err_clear(&re);
        *e = im.fatal;
        im.fatal.details = NULL;
        goto out;
    }
    if (read != 0 && !im.header_bad) {
        *e = re; /* unreadable file, or a bound passed: the message says which */
        goto out;
    }
    err_clear(&re);
    if (!im.have_header) {
        err_set(e, ERR_BAD_REQUEST, "文件是空的，没有表头 (the file is empty: no header row)");
        goto out;
    }
    if (im.header_bad) {
        err_set(e, ERR_INVALID, "表头有误，未导入任何数据 (bad header row; nothing was imported)");
        goto out;
    }

    /* Phase 2: the write lock, for writing only.  Dry runs write too (and
     * roll back), so that rows the database already holds are found; a
     * file of nothing but bad rows never takes it. */
    batch_expect(im.batch, (int64_t)im.nstaged);
    if (!im.locked_read && (im.nstaged > 0 || !report->error_count) &&
        batch_begin(im.batch, e) != 0)
        goto out;
    write_staged(&im);
    if (!im.stopped && !im.refused && batch_flush(im.batch, &re) != 0)
        write_failed(&im, 0, &re);
    if (im.stopped) {
        *e = im.fatal;
        im.fatal.details = NULL;
        goto out;
    }
    if (report->error_count) {
        report->imported = 0;
        sort_errors(report->errors); /* checking and writing both found some */
        err_set(e, ERR_INVALID, "%zu 行有误，未导入任何数据 (%zu bad rows; nothing was imported)",
                report->bad_rows, report->bad_rows);
        goto out;
    }
    if (dry_run) {
        rc = 0;
        goto out;
    }
    json_t *after =
        json_pack("{s:s,s:I,s:s,s:s,s:I,s:I,s:I}", "file", name ? name : "upload", "rows",
                  (json_int_t)report->rows, "encoding", report->encoding, "mode", report->mode,
                  "created", (json_int_t)report->created, "updated", (json_int_t)report->updated,
                  "unchanged", (json_int_t)report->unchanged);
    rc = batch_end(im.batch, true, after, e);
    json_decref(after);
out:
    finish_errors(report->errors);
    batch_close(im.batch); /* rolls back what is still open */
    if (rc != 0) {
        report->imported = report->created = report->updated = report->unchanged = 0;
        json_array_clear(report->outcomes);
    }
    err_clear(&im.fatal);
    for (size_t i = 0; im.heads && i < im.ncols; i++)
        free(im.heads[i]);
    free(im.heads);
    free(im.cols);
    free(im.refs);
    region_index_free(im.regions);
    for (size_t i = 0; i < im.region_memo.cap; i++)
        if (im.region_memo.slots[i].key)
            free(im.region_memo.slots[i].v.p);
    strmap_free(&im.region_memo);
    json_decref(im.row);
    strmap_free(&im.dup);
    strmap_free(&im.ref_ids);
    strmap_free(&im.err_index);
    buf_free(&im.staged);
    return rc;
}

int import_mem_named(db_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
                     table_format fmt, const void *data, size_t len, const char *name, bool dry_run,
                     import_progress_fn progress, void *pctx, import_report *report, err_t *e)
{
    import_opts o = {entity, consortium_id, NULL, name, dry_run, progress, pctx};
    return import_run(sc, c, &o, fmt, data, len, report, e);
}

int import_mem(db_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
               table_format fmt, const void *data, size_t len, bool dry_run,
               import_progress_fn progress, void *pctx, import_report *report, err_t *e)
{
    return import_mem_named(sc, c, entity, consortium_id, fmt, data, len, NULL, dry_run, progress,
                            pctx, report, e);
}

int import_path(db_conn *sc, const caller_t *c, const import_opts *o, const char *path,
                import_report *report, err_t *e)
{
    table_format fmt;
    table_mapped m;
    memset(report, 0, sizeof *report);
    report->errors = json_array();
    if (table_format_of(path, &fmt, e) != 0 || table_map_file(path, &m, e) != 0)
        return -1;
    const char *base = strrchr(path, '/');
    json_decref(report->errors); /* import_run starts the report afresh */
    import_opts named = *o;
    named.name = base ? base + 1 : path;
    int rc = import_run(sc, c, &named, fmt, m.data, m.len, report, e);
    table_unmap_file(&m);
    return rc;
}

int import_file(db_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
                const char *path, bool dry_run, import_progress_fn progress, void *pctx,
                import_report *report, err_t *e)
{
    import_opts o = {entity, consortium_id, NULL, NULL, dry_run, progress, pctx};
    return import_path(sc, c, &o, path, report, e);
}

void import_report_free(import_report *r)
{
    if (!r)
        return;
    json_decref(r->errors);
    r->errors = NULL;
    json_decref(r->outcomes);
    r->outcomes = NULL;
}
