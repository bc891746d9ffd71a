/*
 * import.c — spreadsheet import of organisations and members, all or
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
 * BEGIN IMMEDIATE transaction opened and every checked row written
 * through record_create_valid() — the same rules, permissions included,
 * as the API.  A hostile file (a million empty rows, a shared-string
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
 * the error can name the earlier line: a small string → int64 hash map
 * (credit codes; organisation+role+term) whose keys live in one arena,
 * sized for a million rows without a million allocations.  The same map
 * caches organisation look-ups for member rows.
 */
#include "io/import.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/record.h"
#include "io/export.h"

/* ---- a string → int64 map ------------------------------------------------ */

typedef struct {
    uint64_t hash;
    size_t key; /* offset of the key in keys, plus 1; 0 = empty slot */
    int64_t value;
} map_slot;

typedef struct {
    map_slot *slots;
    size_t cap, n; /* cap is a power of two */
    buf_t keys;
} strmap;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void map_init(strmap *m)
{
    memset(m, 0, sizeof *m);
    buf_init(&m->keys);
}

static void map_free(strmap *m)
{
    free(m->slots);
    buf_free(&m->keys);
}

static map_slot *map_find(strmap *m, const char *key, uint64_t h)
{
    if (!m->cap)
        return NULL;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        map_slot *s = &m->slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && strcmp(m->keys.data + s->key - 1, key) == 0)
            return s;
    }
}

/* The value stored under key, or NULL. */
static int64_t *map_get(strmap *m, const char *key)
{
    map_slot *s = map_find(m, key, hash_str(key));
    return s && s->key ? &s->value : NULL;
}

static void map_put(strmap *m, const char *key, int64_t value)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t old = m->cap;
        map_slot *olds = m->slots;
        m->cap = old ? old * 2 : 1024;
        m->slots = xcalloc(m->cap, sizeof *m->slots);
        for (size_t i = 0; i < old; i++)
            if (olds[i].key) {
                size_t j = olds[i].hash & (m->cap - 1);
                while (m->slots[j].key)
                    j = (j + 1) & (m->cap - 1);
                m->slots[j] = olds[i];
            }
        free(olds);
    }
    uint64_t h = hash_str(key);
    map_slot *s = map_find(m, key, h);
    if (!s->key) {
        s->hash = h;
        s->key = m->keys.len + 1;
        buf_append(&m->keys, key, strlen(key) + 1);
        m->n++;
    }
    s->value = value;
}

/* ---- what can be imported ------------------------------------------------ */

static const import_kind kinds[] = {
    {"organizations",
     "organizations",
     IMPORT_NO_CONSORTIUM,
     false,
     false,
     {"credit_code"},
     "已有单位使用此统一社会信用代码 (an organisation with this credit code is already "
     "registered)"},
    {"members",
     "memberships",
     IMPORT_CONSORTIUM_REQUIRED,
     false,
     false,
     {"organization_id", "role", "term"},
     "该单位在本联合体已有同一届次的此职务 (this organisation already holds this role for this "
     "term)"},
    {"occupations",
     "occupations",
     IMPORT_NO_CONSORTIUM,
     true,
     true,
     {"code"},
     "职业编码重复 (this occupation code exists)"},
    {"majors",
     "majors",
     IMPORT_NO_CONSORTIUM,
     true,
     true,
     {"code"},
     "专业代码重复 (this major code exists)"},
    {"crosswalk",
     "crosswalk",
     IMPORT_CONSORTIUM_OPTIONAL,
     false,
     false,
     {"major_code", "occupation_code"},
     "已有此专业与职业的对应 (this major–occupation pair is already in the crosswalk)"},
    {"demand", "demand", IMPORT_CONSORTIUM_REQUIRED, false, false, {NULL}, NULL},
    {"supply",
     "supply",
     IMPORT_CONSORTIUM_REQUIRED,
     false,
     false,
     {"school_id", "major_code", "level", "period"},
     "该校该专业该层次该年度的供给已登记 (supply of this school, major, level and year is already "
     "registered)"},
    {"students",
     "students",
     IMPORT_CONSORTIUM_REQUIRED,
     false,
     false,
     {"school_id", "student_no"},
     "该校已有此学号的学生 (this school already has a student with this number)"},
    /* Placements and outcomes (entities_outcomes.c): students are named
     * by student number. */
    {"placements",
     "placements",
     IMPORT_CONSORTIUM_REQUIRED,
     false,
     false,
     {"student_id", "enterprise_id", "starts_on"},
     NULL},
    {"employment_outcomes",
     "employment_outcomes",
     IMPORT_CONSORTIUM_REQUIRED,
     false,
     false,
     {NULL},
     NULL},
    {"certificates",
     "certificates",
     IMPORT_CONSORTIUM_REQUIRED,
     false,
     false,
     {"certificate_no"},
     "本联合体已登记此证书编号 (a certificate with this number is already registered)"},
    {"trainings", "trainings", IMPORT_CONSORTIUM_REQUIRED, false, false, {NULL}, NULL},
    {NULL}};

const import_kind *import_kind_find(const char *name)
{
    if (name && !strcmp(name, "memberships"))
        name = "members";
    for (const import_kind *k = kinds; name && k->name; k++)
        if (!strcmp(k->name, name))
            return k;
    return NULL;
}

const char *import_kind_names(void)
{
    return "organizations, members, occupations, majors, crosswalk, demand, supply, students, "
           "placements, employment_outcomes, certificates, trainings";
}

/* ---- the import --------------------------------------------------------- */

#define PIPE_MIN_BYTES (1u << 20) /* files from 1 MiB are read on a second thread */
#define PIPE_BATCH 512            /* rows handed over at once */
#define PIPE_BATCHES 8            /* batches in flight */

struct row_batch {
    size_t n;
    json_t *rows[PIPE_BATCH];
    size_t lines[PIPE_BATCH];
};

typedef struct {
    store_conn *sc;
    const caller_t *c;
    const entity_def *d;
    const import_kind *kind;
    int64_t consortium_id;
    const char *edition;
    int64_t own_org; /* the caller's unit, for an org admin/staff caller */
    import_report *rep;

    /* header */
    bool have_header, header_bad;
    size_t ncols;
    const field_def **cols; /* per column; NULL = column without a header */

    json_t *row; /* reused for every row */
    strmap dup;  /* duplicate key within the file → line */
    strmap orgs; /* organisation key → id (0 none, -1 ambiguous) */

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

    /* Large files are read on a second thread (see "two threads" below):
     * the reader parses and validates, this thread checks and writes. */
    bool piped;
    store_conn *rsc;    /* the reader's connection (organisation look-ups) */
    pthread_mutex_t mu; /* the report and the queue, when piped */
    pthread_cond_t can_put, can_take;
    struct row_batch *ring[PIPE_BATCHES]; /* full batches waiting to be written */
    size_t head, count;
    struct row_batch *filling; /* the reader's batch being filled */
    bool reader_done;
    atomic_bool stop; /* the writer failed: the reader stops */
    table_format fmt;
    const void *data;
    size_t len;
    int read_rc;
    err_t read_err;
} importer;

static void add_error(importer *im, size_t line, const char *field, const char *message)
{
    import_report *r = im->rep;
    if (im->piped)
        pthread_mutex_lock(&im->mu);
    r->error_count++;
    if (json_array_size(r->errors) < IMPORT_MAX_ERRORS)
        json_array_append_new(
            r->errors, json_pack("{s:I,s:o,s:s}", "line", (json_int_t)line, "field",
                                 field ? json_string(field) : json_null(), "message", message));
    if (im->piped)
        pthread_mutex_unlock(&im->mu);
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
            buf_printf(b, "%s%s (%s)", b->len ? ", " : "", f->zh, f->name);
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
    for (size_t i = 0; i < n; i++) {
        char *h = trim_header(cells[i]);
        if (!*h)
            continue;
        const field_def *found = NULL;
        for (const field_def *f = im->d->fields; f->name && !found; f++)
            if (importable(f) && header_names(f, h))
                found = f;
        if (!found) {
            buf_t b;
            buf_init(&b);
            known_columns(im->d, &b);
            char *msg = xasprintf("第 %zu 列表头“%s”无法识别 (unknown column header); "
                                  "可用的列 (known columns): %s",
                                  i + 1, h, b.data);
            add_error(im, line, h, msg);
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
                add_error(im, line, found->name, msg);
                free(msg);
                bad = true;
                found = NULL;
                break;
            }
        im->cols[i] = found;
    }
    for (const field_def *f = im->d->fields; f->name; f++) {
        if (!(f->flags & F_REQUIRED) || !importable(f) || f->import_default ||
            (im->edition && !strcmp(f->name, "edition")) || own_unit_field(im, f))
            continue;
        bool have = false;
        for (size_t i = 0; i < n && !have; i++)
            have = im->cols[i] == f;
        if (!have) {
            char *msg = xasprintf("缺少必需的列“%s” (required column missing: %s)", f->zh, f->name);
            add_error(im, line, f->name, msg);
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

/* Trimmed copy of a cell into buf (ASCII blanks and U+3000). */
static const char *trimmed(const char *s, char *buf, size_t n)
{
    while (*s == ' ' || *s == '\t' || !strncmp(s, "\xE3\x80\x80", 3))
        s += *s == ' ' || *s == '\t' ? 1 : 3;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                   (len >= 3 && !strncmp(s + len - 3, "\xE3\x80\x80", 3))))
        len -= s[len - 1] == ' ' || s[len - 1] == '\t' ? 1 : 3;
    if (len >= n)
        len = n - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

/* An organisation named by credit code or exact name → id; 0 with msg. */
static int64_t resolve_org(importer *im, const char *cell, char *msg, size_t n)
{
    char key[512];
    trimmed(cell, key, sizeof key);
    int64_t *cached = map_get(&im->orgs, key);
    int64_t id = cached ? *cached : store_org_resolve(im->rsc, key);
    if (!cached)
        map_put(&im->orgs, key, id);
    if (id == 0)
        snprintf(msg, n, "找不到单位“%.200s” (no organisation with this credit code or name)", key);
    else if (id < 0)
        snprintf(msg, n,
                 "有多个单位名为“%.200s”，请改用统一社会信用代码 (several organisations have "
                 "this name; use the credit code)",
                 key);
    return id > 0 ? id : 0;
}

/* A student named by student number (学号) → id, within the import's
 * consortium and, when the row names one, the row's school; 0 with msg.
 * Spreadsheets know students by number, not by row id. */
static int64_t resolve_student(importer *im, const char *cell, char *msg, size_t n)
{
    char no[128], key[200];
    trimmed(cell, no, sizeof no);
    json_t *school = json_object_get(im->row, "school_id");
    int64_t sid = json_is_integer(school) ? json_integer_value(school) : 0;
    /* "\x01" keeps these keys apart from organisation names. */
    snprintf(key, sizeof key, "\x01s|%lld|%s", (long long)sid, no);
    int64_t *cached = map_get(&im->orgs, key);
    int64_t id = cached ? *cached : store_student_resolve(im->rsc, im->consortium_id, sid, no);
    if (!cached)
        map_put(&im->orgs, key, id);
    if (id == 0)
        snprintf(msg, n, "找不到学号为“%.60s”的学生%s (no student with this student number%s)", no,
                 sid ? "（该校）" : "", sid ? " at this school" : "");
    else if (id < 0)
        snprintf(msg, n,
                 "多所学校有学号为“%.60s”的学生，请填写学校列 (several schools have a student "
                 "with this number; add the school column)",
                 no);
    return id > 0 ? id : 0;
}

/* Within-file duplicate key of a parsed row (its kind's key fields, enum
 * values as stored so 理事长单位 and chair are the same), or false if the
 * row has no key (the first key field is absent or a value is bad, which
 * record_create_quiet reports). */
static bool dup_key(importer *im, char *key, size_t n, const char **field)
{
    const char *const *kf = im->kind->dup_fields;
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
            trimmed(json_string_value(v), t, sizeof t);
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
static void record_errors(importer *im, size_t line, err_t *e)
{
    if (!e->details) {
        add_error(im, line, NULL, e->message);
        return;
    }
    const char *field;
    json_t *msg;
    json_object_foreach (e->details, field, msg) {
        const char *m = json_string_value(msg);
        char conflict[1024];
        if (e->code == ERR_CONFLICT) {
            snprintf(conflict, sizeof conflict, "已存在 (already exists): %s",
                     im->kind->conflict_msg ? im->kind->conflict_msg : e->message);
            m = conflict;
        }
        add_error(im, line, field, m ? m : e->message);
    }
}

static void batch_free(struct row_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        json_decref(b->rows[i]);
    free(b);
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
    pthread_cond_signal(&im->can_take);
    pthread_mutex_unlock(&im->mu);
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

static void write_row(importer *im, json_t *clean, size_t line);
static void write_upsert(importer *im, json_t *row, size_t line);

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
    /* Student cells wait until the row's school is known. */
    struct {
        const field_def *f;
        const char *cell;
    } students[4];
    size_t nstudents = 0;
    for (size_t i = 0; i < ncells; i++) {
        const field_def *f = i < im->ncols ? im->cols[i] : NULL;
        if (!f) {
            if (!is_blank(cells[i])) {
                snprintf(msg, sizeof msg,
                         "第 %zu 列有值但没有表头 (column %zu has a value but no header)", i + 1,
                         i + 1);
                add_error(im, line, NULL, msg);
                nerr++;
            }
            continue;
        }
        if (is_blank(cells[i]))
            continue; /* absent; record_create_quiet says so if required */
        msg[0] = '\0';
        json_t *v;
        if (f->type == FT_REF && !strcmp(f->ref, "students") && nstudents < 4) {
            students[nstudents].f = f;
            students[nstudents++].cell = cells[i];
            continue;
        } else if (f->type == FT_REF && !strcmp(f->ref, "organizations")) {
            int64_t id = resolve_org(im, cells[i], msg, sizeof msg);
            v = id > 0 ? json_integer(id) : NULL;
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
            add_error(im, line, f->name, msg[0] ? msg : "无效 (invalid)");
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
    for (size_t k = 0; k < nstudents; k++) {
        msg[0] = '\0';
        int64_t id = resolve_student(im, students[k].cell, msg, sizeof msg);
        if (id > 0) {
            json_object_set_new(im->row, students[k].f->name, json_integer(id));
        } else {
            add_error(im, line, students[k].f->name, msg);
            nerr++;
        }
    }

    char key[600];
    const char *dfield = NULL;
    if (dup_key(im, key, sizeof key, &dfield)) {
        int64_t *first = map_get(&im->dup, key);
        if (first) {
            snprintf(msg, sizeof msg, "与第 %lld 行重复 (duplicates line %lld)", (long long)*first,
                     (long long)*first);
            add_error(im, line, dfield, msg);
            nerr++;
        } else {
            map_put(&im->dup, key, (int64_t)line);
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
        record_errors(im, line, &ve);
        err_clear(&ve);
        json_decref(clean);
        count_bad_row(im);
        return 0;
    }
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
    json_t *keep = im->kind->upsert_by_code ? im->row : clean;
    if (im->locked_read) {
        if (im->kind->upsert_by_code)
            write_upsert(im, keep, line);
        else
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
 * own store connection (it only looks up organisations and students,
 * which an import never creates and references at once).  Validated rows
 * pass through a bounded ring.  A row error is added to the report under
 * the mutex.  A fatal error on this side (the memory bound) stops the
 * reader.  The write phase (write_staged) runs after both, alone.
 */

static void *reader_main(void *arg)
{
    importer *im = arg;
    err_t e = ERR_INIT;
    im->rsc = store_conn_get(store_conn_store(im->sc), &e);
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

/* The write phase: one checked row into the open transaction.  A row the
 * database refuses (a duplicate) is a row error; anything else stops the
 * import. */
static void write_row(importer *im, json_t *clean, size_t line)
{
    err_t re = ERR_INIT;
    int64_t id = 0;
    if (!store_in_tx(im->sc)) {
        err_set(&im->fatal, ERR_INTERNAL, "导入事务意外结束 (the import transaction ended)");
        im->stopped = true;
    } else if (record_create_valid(im->sc, im->c, im->d, clean, &id, &re) != 0) {
        if (re.code != ERR_INVALID && re.code != ERR_CONFLICT) {
            im->stopped = true;
            im->fatal = re;
        } else {
            record_errors(im, line, &re);
            err_clear(&re);
            count_bad_row(im);
        }
    } else {
        im->rep->imported++;
    }
}

/* A catalogue row: a code the loaded edition has is updated, a new one
 * added. */
static void write_upsert(importer *im, json_t *row, size_t line)
{
    err_t re = ERR_INIT;
    int64_t id = 0;
    if (!store_in_tx(im->sc)) {
        err_set(&im->fatal, ERR_INTERNAL, "导入事务意外结束 (the import transaction ended)");
        im->stopped = true;
        return;
    }
    if (json_is_string(json_object_get(row, "code"))) {
        char code[64];
        trimmed(json_string_value(json_object_get(row, "code")), code, sizeof code);
        id = store_catalog_id(im->sc, im->d->name, code);
    }
    int wrc = id > 0 ? record_update(im->sc, im->c, im->d, id, row, NULL, &re)
                     : record_create_quiet(im->sc, im->c, im->d, row, &id, &re);
    if (wrc == 0) {
        im->rep->imported++;
    } else if (re.code != ERR_INVALID && re.code != ERR_CONFLICT) {
        im->stopped = true;
        im->fatal = re;
    } else {
        record_errors(im, line, &re);
        err_clear(&re);
        count_bad_row(im);
    }
}

/* Write every kept row, in file order, inside the open transaction. */
static void write_staged(importer *im)
{
    const char *p = im->staged.data, *end = p + im->staged.len;
    while (p < end && !im->stopped) {
        size_t line;
        json_t *row = unstage_row(&p, &line);
        if (im->kind->upsert_by_code)
            write_upsert(im, row, line);
        else
            write_row(im, row, line);
        json_decref(row);
    }
}

/* This thread's half while the reader reads: keep the rows it checked
 * (or write them, in a locked read).  Past the memory bound, or on a
 * write that failed, it stops the reader and drops what is queued. */
static void stage_piped(importer *im)
{
    for (;;) {
        pthread_mutex_lock(&im->mu);
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
        batch_free(b);
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
    pthread_cond_destroy(&im->can_put);
    pthread_cond_destroy(&im->can_take);
    pthread_mutex_destroy(&im->mu);
    im->piped = false;
    sort_errors(im->rep->errors);
    *re = im->read_err;
    return im->read_rc;
}

/* Open the import's transaction and put the store in bulk mode. */
static int begin_writing(importer *im, int64_t *bulk_first, err_t *e)
{
    if (store_begin(im->sc, e) != 0)
        return -1;
    store_bulk_begin(im->sc);
    if (store_bulk_defer(im->sc, im->d, bulk_first, e) != 0)
        return -1;
    /* Demand rows are indexed for search once, at the commit. */
    if (!strcmp(im->d->name, "demand") && store_search_defer(im->sc, e) != 0)
        return -1;
    return 0;
}

int import_run(store_conn *sc, const caller_t *c, const import_opts *o, table_format fmt,
               const void *data, size_t len, import_report *report, err_t *e)
{
    int64_t bulk_first = -1;
    importer im = {0};
    int rc = -1;
    bool began = false;
    int64_t consortium_id = o->consortium_id;

    memset(report, 0, sizeof *report);
    report->errors = json_array();
    im.xlsx = len >= 4 && !memcmp(data, "PK\x03\x04", 4);
    report->encoding = im.xlsx ? "XLSX" : table_csv_detect_encoding(data, len);
    im.kind = import_kind_find(o->entity);
    if (!im.kind)
        return err_set(e, ERR_NOT_FOUND, "不能导入“%s”，可导入 (cannot import this; use) %s",
                       o->entity ? o->entity : "", import_kind_names());
    im.d = entity_find(im.kind->entity);
    if (im.kind->consortium == IMPORT_CONSORTIUM_REQUIRED && consortium_id <= 0)
        return err_set(e, ERR_BAD_REQUEST, "导入%s须指定联合体 (a consortium is needed)", im.d->zh);
    if (im.kind->consortium == IMPORT_NO_CONSORTIUM)
        consortium_id = 0; /* the CLI refuses the option; callers may pass one */
    if (im.kind->needs_edition && (!o->edition || !*o->edition))
        return err_set(e, ERR_BAD_REQUEST,
                       "导入目录须指定版本，如 2025 (a catalogue import needs an edition, e.g. "
                       "2025)");
    im.sc = sc;
    im.c = c;
    im.consortium_id = consortium_id;
    im.edition = o->edition;
    if (c->org_id && (!strcmp(c->role, "org_admin") || !strcmp(c->role, "org_staff")) &&
        im.d->org_field && strcmp(im.d->org_field, "id"))
        im.own_org = c->org_id;
    im.rep = report;
    im.progress = o->progress;
    im.pctx = o->pctx;
    const char *name = o->name;
    bool dry_run = o->dry_run;
    im.row = json_object();
    map_init(&im.dup);
    map_init(&im.orgs);
    buf_init(&im.staged);

    /* Ask about permission once up front, so that an empty file or a
     * file of bad rows still answers 401/403 rather than a row report. */
    json_t *probe = json_object();
    if (consortium_id > 0 && im.d->consortium_field)
        json_object_set_new(probe, im.d->consortium_field, json_integer(consortium_id));
    /* A unit's own staff import their unit's rows (each row is checked
     * again as it is written). */
    if (im.d->org_field && strcmp(im.d->org_field, "id") && c->org_id)
        json_object_set_new(probe, im.d->org_field, json_integer(c->org_id));
    int prc = perm_check(sc, c, im.d, ACT_CREATE, probe, e);
    json_decref(probe);
    if (prc != 0)
        goto out;
    if (consortium_id > 0 && !store_entity_exists(sc, "consortia", consortium_id)) {
        err_set(e, ERR_NOT_FOUND, "联合体 %lld 不存在 (no such consortium)",
                (long long)consortium_id);
        goto out;
    }
    if (store_in_tx(sc)) {
        err_set(e, ERR_INTERNAL, "导入须在自己的事务中进行 (import needs its own transaction)");
        goto out;
    }

    /* Phase 1: read and check the whole file, holding no lock (unless
     * the caller asked for a locked read). */
    im.locked_read = o->locked_read;
    if (im.locked_read) {
        began = true;
        if (begin_writing(&im, &bulk_first, e) != 0)
            goto out;
    }
    im.lim.deadline_ms = o->max_seconds ? table_now_ms() + 1000u * (uint64_t)o->max_seconds : 0;
    im.lim.seconds = o->max_seconds;
    im.max_staged = o->max_memory ? o->max_memory : IMPORT_MAX_MEMORY;
    err_t re = ERR_INIT;
    /* Two threads for large files; catalogues update rows in place and
     * stay on one. */
    im.piped = len >= PIPE_MIN_BYTES && !im.kind->upsert_by_code;
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
    if (!began && (im.nstaged > 0 || !report->error_count)) {
        began = true;
        if (begin_writing(&im, &bulk_first, e) != 0)
            goto out;
    }
    write_staged(&im);
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
    json_t *after = json_pack("{s:s,s:I,s:s}", "file", name ? name : "upload", "rows",
                              (json_int_t)report->rows, "encoding", report->encoding);
    int arc = record_audit(sc, c, "import", im.d->name, 0, consortium_id, NULL, after, e);
    json_decref(after);
    if (arc != 0 || store_bulk_finish(sc, im.d, bulk_first, e) != 0)
        goto out;
    if (store_commit(sc, e) != 0) {
        began = false;
        goto out;
    }
    began = false;
    rc = 0;
out:
    store_bulk_end(sc);
    if (began)
        store_rollback(sc);
    if (rc != 0)
        report->imported = 0;
    err_clear(&im.fatal);
    free(im.cols);
    json_decref(im.row);
    map_free(&im.dup);
    map_free(&im.orgs);
    buf_free(&im.staged);
    return rc;
}

int import_mem_named(store_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
                     table_format fmt, const void *data, size_t len, const char *name, bool dry_run,
                     import_progress_fn progress, void *pctx, import_report *report, err_t *e)
{
    import_opts o = {entity, consortium_id, NULL, name, dry_run, progress, pctx};
    return import_run(sc, c, &o, fmt, data, len, report, e);
}

int import_mem(store_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
               table_format fmt, const void *data, size_t len, bool dry_run,
               import_progress_fn progress, void *pctx, import_report *report, err_t *e)
{
    return import_mem_named(sc, c, entity, consortium_id, fmt, data, len, NULL, dry_run, progress,
                            pctx, report, e);
}

int import_path(store_conn *sc, const caller_t *c, const import_opts *o, const char *path,
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

int import_file(store_conn *sc, const caller_t *c, const char *entity, int64_t consortium_id,
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
}
