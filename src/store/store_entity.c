/*
 * store_entity.c — list/get/insert/update/delete for every entity, with
 * the SQL built from its description (schema/entities.c).
 *
 * Only names from the descriptions (static strings the program owns) are
 * ever pasted into SQL text; every value is a bound parameter.  Column
 * lists are fixed per entity and filter sets are small, so the number of
 * distinct statement texts stays bounded and each is prepared once per
 * connection.
 *
 * Every write of a row adds one to its revision (migration 010), the
 * number GET answers as the ETag and PATCH/DELETE compare with If-Match
 * (domain/record.c); the INSERT leaves it to the column's default, 1.
 *
 * Visibility is applied here as SQL, from the entity's read permission and
 * the caller's scope: public readers see rows of public consortia (and,
 * for publish-able rows, only published ones); members see their
 * consortia's rows; platform admins see everything.  Soft-deleted rows are
 * invisible to all.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static void select_columns(buf_t *b, const entity_def *d)
{
    bool first = true;
    for (const field_def *f = d->fields; f->name; f++) {
        if (f->flags & F_WRITEONLY)
            continue;
        buf_printf(b, "%st.%s", first ? "" : ",", f->name);
        first = false;
    }
}

/* Parameters collected while building a WHERE clause. */
typedef struct {
    json_t *params; /* array of values to bind, in order */
    json_t *q_ids;  /* q_by_index's ids (an array as text), or NULL */
} where_ctx;

static void add_param(where_ctx *w, json_t *v)
{
    json_array_append(w->params, v);
}

/* Binds the '|'-separated roles from index i on; returns the next index. */
static int bind_roles(db_stmt *st, int i, const char *roles)
{
    for (const char *p = roles; p && *p;) {
        const char *end = strchr(p, '|');
        int len = end ? (int)(end - p) : (int)strlen(p);
        db_bind_text(st, i++, p, len);
        p = end ? end + 1 : NULL;
    }
    return i;
}

static int count_roles(const char *roles)
{
    int n = roles && *roles ? 1 : 0;
    for (const char *p = roles; p && *p; p++)
        n += *p == '|';
    return n;
}

/* " AND l.role IN (?,?,?)" for a link's roles, or "". */
static void roles_sql(char *out, size_t n, const entity_link *l, const char *alias)
{
    int k = l->role_field ? count_roles(l->roles) : 0;
    out[0] = '\0';
    if (!k)
        return;
    size_t len = (size_t)snprintf(out, n, " AND %s%s IN (", alias, l->role_field);
    for (int i = 0; i < k && len + 3 < n; i++)
        len += (size_t)snprintf(out + len, n - len, "%s?", i ? "," : "");
    if (len + 2 < n)
        snprintf(out + len, n - len, ")");
}

/* "<alias><consortium field> IN (the consortia the caller reads d's rows
 * of)": public ones when anyone may read d, the caller's own (as
 * secretariat or member) and those an authority oversees. */
static void visible_consortia(buf_t *b, where_ctx *w, const entity_def *d, const char *alias,
                              const store_scope *s)
{
    buf_printf(b,
               "%s%s IN (SELECT c.id FROM consortia c WHERE c.deleted_at IS NULL AND (%s"
               "c.id = ? OR c.id IN (SELECT m.consortium_id FROM memberships m WHERE "
               "m.organization_id = ? AND m.deleted_at IS NULL AND (m.left_on IS NULL OR "
               "m.left_on > date('now'))) OR c.id IN (" STORE_AUTHORITY_OVERSEEN ")))",
               alias, d->consortium_field,
               (d->perm[ACT_READ] & P_PUBLIC) ? "c.is_public = 1 OR " : "");
    json_array_append_new(w->params, json_integer(s->consortium_id));
    json_array_append_new(w->params, json_integer(s->org_id));
    /* An authority reads the consortia it oversees as a member does. */
    json_array_append_new(w->params, json_integer(s->overseer_org ? s->overseer_org : -1));
}

/* Whether the list asks for the rows of the consortium whose secretariat
 * the caller is.  Every row condition below then holds for every row
 * (each one lets "the row's consortium is the caller's" through), so
 * they are left out: the list's index then answers the page alone
 * instead of reading each row for its status and unit. */
static bool own_consortium(const entity_def *d, const store_scope *s, const store_query *q)
{
    json_t *v = q ? json_object_get(q->filters, d->consortium_field) : NULL;
    return s->consortium_id && json_is_integer(v) && json_integer_value(v) == s->consortium_id;
}

static void scope_where(buf_t *b, where_ctx *w, const entity_def *d, const store_scope *s,
                        const store_query *q)
{
    buf_puts(b, " WHERE t.deleted_at IS NULL");
    if (s->unrestricted || !d->consortium_field)
        return;
    unsigned rd = d->perm[ACT_READ];
    bool own = own_consortium(d, s, q);
    if (d->rows_private && !(own && (rd & P_SECRETARIAT))) {
        /* Personal data: the caller's own unit's rows, or the caller's
         * own row — never the rest of the consortium. */
        int64_t eo = s->editor_org_id ? s->editor_org_id : -1;
        buf_printf(b, " AND (t.%s = ?", d->org_field);
        json_array_append_new(w->params, json_integer(eo));
        if (d->org2_field) {
            buf_printf(b, " OR t.%s = ?", d->org2_field);
            json_array_append_new(w->params, json_integer(eo));
        }
        if (d->user_field) {
            /* The user field may name a row that names the user (a
             * placement's student). */
            const field_def *uf = entity_field(d, d->user_field);
            const entity_def *ud =
                uf && uf->type == FT_REF && strcmp(uf->ref, "users") ? entity_find(uf->ref) : NULL;
            if (ud && ud->user_field)
                buf_printf(b,
                           " OR t.%s IN (SELECT u.id FROM %s u WHERE u.%s = ? AND u.deleted_at "
                           "IS NULL)",
                           d->user_field, ud->table, ud->user_field);
            else
                buf_printf(b, " OR t.%s = ?", d->user_field);
            json_array_append_new(w->params, json_integer(s->user_id ? s->user_id : -1));
        }
        /* Units the row is linked to (a host enterprise's interns). */
        for (const entity_link *l = d->linked_readers; l && l->entity; l++) {
            const entity_def *ld = entity_find(l->entity);
            if (!ld)
                continue;
            char roles[160];
            roles_sql(roles, sizeof roles, l, "l.");
            buf_printf(b,
                       " OR t.%s IN (SELECT l.%s FROM %s l WHERE l.%s = ? AND l.deleted_at IS "
                       "NULL%s)",
                       l->row_field ? l->row_field : "id", l->ref_field, ld->table, l->org_field,
                       roles);
            json_array_append_new(w->params, json_integer(eo));
            for (const char *p = l->role_field ? l->roles : NULL; p && *p;) {
                const char *end = strchr(p, '|');
                json_array_append_new(w->params,
                                      json_stringn(p, end ? (size_t)(end - p) : strlen(p)));
                p = end ? end + 1 : NULL;
            }
        }
        /* A secretariat that may read the rows sees its consortium's (the
         * private fields are redacted afterwards). */
        if (rd & P_SECRETARIAT) {
            buf_printf(b, " OR t.%s = ?", d->consortium_field);
            json_array_append_new(w->params,
                                  json_integer(s->consortium_id ? s->consortium_id : -1));
        }
        buf_puts(b, ")");
    }
    buf_printf(b, " AND (%s", d->shared_when_null ? "t.consortium_id IS NULL OR " : "");
    visible_consortia(b, w, d, "t.", s);
    buf_puts(b, ")");
    if (own) /* the consortium itself stays asked: it may be deleted */
        return;
    if (d->public_when_field) {
        /* Drafts are seen by their consortium's secretariat and by the
         * unit that owns them.  Several shown values ("published|closed")
         * are one bound text, so the statement stays one.  The
         * consortium is tested first: it is in every list index
         * (migration 027), so a secretariat's rows pass on the index
         * alone, without reading the row. */
        buf_printf(b, " AND (t.%s = ?", d->consortium_field);
        json_array_append_new(w->params, json_integer(s->consortium_id));
        if (strchr(d->public_when_value, '|')) {
            buf_printf(b, " OR instr(?, '|' || t.%s || '|') > 0", d->public_when_field);
            char *list = xasprintf("|%s|", d->public_when_value);
            json_array_append_new(w->params, json_string(list));
            free(list);
        } else {
            buf_printf(b, " OR t.%s = ?", d->public_when_field);
            json_array_append_new(w->params, json_string(d->public_when_value));
        }
        if (d->org_field) {
            buf_printf(b, " OR t.%s = ?", d->org_field);
            json_array_append_new(w->params, json_integer(s->editor_org_id));
        }
        buf_puts(b, ")");
    }
    if (d->visibility_field && (rd & (P_PUBLIC | P_MEMBERS))) {
        /* The row's visibility (entity.h, as perm.c reads it): members
         * rows for the consortium's members and secretariat, secretariat
         * rows for the secretariat and the owning unit. */
        buf_printf(b,
                   " AND (t.%s = 'public' OR (t.%s = 'members' AND t.%s IN (SELECT "
                   "m.consortium_id FROM memberships m WHERE m.organization_id = ? AND "
                   "m.deleted_at IS NULL AND (m.left_on IS NULL OR m.left_on > date('now')))) "
                   "OR (t.%s = 'members' AND t.%s IN (" STORE_AUTHORITY_OVERSEEN ")) "
                   "OR t.%s = ?",
                   d->visibility_field, d->visibility_field, d->consortium_field,
                   d->visibility_field, d->consortium_field, d->consortium_field);
        json_array_append_new(w->params, json_integer(s->org_id ? s->org_id : -1));
        json_array_append_new(w->params, json_integer(s->overseer_org ? s->overseer_org : -1));
        json_array_append_new(w->params, json_integer(s->consortium_id ? s->consortium_id : -1));
        if (d->org_field) {
            buf_printf(b, " OR t.%s = ?", d->org_field);
            json_array_append_new(w->params,
                                  json_integer(s->editor_org_id ? s->editor_org_id : -1));
        }
        buf_puts(b, ")");
    }
}

static void like_escape(buf_t *b, const char *s)
{
    buf_puts(b, "%");
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            buf_append(b, "\\", 1);
        buf_append(b, s, 1);
    }
    buf_puts(b, "%");
}

/* The derived filters (entity_filter_op): ranges, any-of, not empty — in
 * the description's field order, so one query shape is one statement. */
static void derived_where(buf_t *b, where_ctx *w, const entity_def *d, const store_query *q)
{
    static const char *const ops[] = {"from", "to", "until", "after", "in", "set", NULL};
    for (const field_def *f = d->fields; f->name; f++)
        for (const char *const *o = ops; *o; o++) {
            char key[80];
            snprintf(key, sizeof key, "%s_%s", f->name, *o);
            json_t *v = json_object_get(q->filters, key);
            const char *op;
            if (!v || entity_filter_op(d, key, &op) != f)
                continue;
            if (!strcmp(*o, "set")) {
                buf_printf(b, " AND coalesce(t.%s, '') %s ('', '[]')", f->name,
                           json_is_true(v) ? "NOT IN" : "IN");
                continue;
            }
            bool or_empty = !strcmp(*o, "until") || !strcmp(*o, "after");
            if (or_empty)
                buf_printf(b, " AND (t.%s IS NULL OR ", f->name);
            else
                buf_puts(b, " AND ");
            if (f->type == FT_TIME || f->type == FT_TEXT) /* a time is bounded by its day */
                buf_printf(b, "substr(t.%s, 1, 10)", f->name);
            else
                buf_printf(b, "t.%s", f->name);
            if (!strcmp(*o, "in")) {
                size_t i;
                json_t *x;
                buf_puts(b, " IN (");
                json_array_foreach (v, i, x) {
                    buf_puts(b, i ? ", ?" : "?");
                    add_param(w, x);
                }
                buf_puts(b, ")");
                continue;
            }
            buf_puts(b, !strcmp(*o, "from") ? " >= ?" : !strcmp(*o, "after") ? " > ?" : " <= ?");
            add_param(w, v);
            if (or_empty)
                buf_puts(b, ")");
        }
}

/* The entity a row's field f names that ?q= reaches through to its names
 * (entity_q_target), or NULL — also for a field the list is filtered on,
 * which holds one value on every row: its name would match all of them or
 * none. */
static const entity_def *q_target(const field_def *f, const store_query *q, const store_scope *s)
{
    const entity_def *t = entity_q_target(f, !s->unrestricted);
    return t && !json_object_get(q->filters, f->name) ? t : NULL;
}

/* Whether no value of the catalogue code f can hold q (as LIKE '%q%',
 * ASCII case-insensitive): its check holds it to a pattern of ASCII
 * characters, and some character of q, in neither case, is in it — as
 * a literal or in a range of a class.  False where the pattern has what
 * this does not read (".", an escape, a negated or POSIX class). */
static bool code_cannot_hold(const field_def *f, const char *q)
{
    if (f->type != FT_TEXT || !f->check || !f->pattern || strstr(f->pattern, "[^") ||
        strstr(f->pattern, "[:"))
        return false;
    bool can[128] = {false}, in_class = false;
    for (const char *p = f->pattern; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch >= 0x80 || ch == '.' || ch == '\\')
            return false;
        can[ch] = true;
        if (ch == '[')
            in_class = true;
        else if (ch == ']')
            in_class = false;
        else if (in_class && p[1] == '-' && p[2] && p[2] != ']') {
            for (unsigned x = ch; x <= (unsigned char)p[2] && x < 128; x++)
                can[x] = true;
            p += 2;
        }
    }
    for (const unsigned char *c = (const unsigned char *)q; *c; c++)
        if (*c >= 0x80 || (!can[*c] && !can[tolower(*c)] && !can[toupper(*c)]))
            return true;
    return false;
}

/* The condition "the row's f names a record of t whose names hold pat",
 * on the row aliased a: a catalogue code (FT_TEXT) also by its own text
 * when code_text. */
static void q_reference(buf_t *b, where_ctx *w, const char *a, const field_def *f,
                        const entity_def *t, const store_scope *s, const char *pat, bool code_text)
{
    if (f->type == FT_TEXT && code_text) {
        buf_printf(b, "%s.%s LIKE ? ESCAPE '\\' OR ", a, f->name);
        json_array_append_new(w->params, json_string(pat));
    }
    if (f->type == FT_TEXT)
        buf_printf(b, "%s.%s IN (SELECT r.code", a, f->name);
    else if (f->type == FT_IDLIST)
        buf_printf(b,
                   "EXISTS (SELECT 1 FROM json_each(%s.%s) j WHERE CAST(j.value AS BIGINT) "
                   "IN (SELECT r.id",
                   a, f->name);
    else
        buf_printf(b, "%s.%s IN (SELECT r.id", a, f->name);
    buf_printf(b, " FROM %s r WHERE r.deleted_at IS NULL", t->table);
    if (t->public_when_field && !s->unrestricted) {
        /* Only what every reader sees by name (published demand). */
        buf_printf(b, " AND r.%s = ?", t->public_when_field);
        json_array_append_new(w->params, json_string(t->public_when_value));
    }
    bool nfirst = true;
    for (const field_def *nf = t->fields; nf->name; nf++) {
        if (!entity_name_field(nf))
            continue;
        buf_printf(b, "%sr.%s LIKE ? ESCAPE '\\'", nfirst ? " AND (" : " OR ", nf->name);
        json_array_append_new(w->params, json_string(pat));
        nfirst = false;
    }
    buf_puts(b, f->type == FT_IDLIST ? ")))" : "))");
}

/* " AND (a.f LIKE pat OR …)" over d's searched fields, on the row
 * aliased a. */
static void q_like(buf_t *b, where_ctx *w, const entity_def *d, const char *a, const char *pat)
{
    bool first = true;
    for (const field_def *f = d->fields; f->name; f++) {
        if (!(f->flags & F_SEARCH))
            continue;
        buf_printf(b, "%s%s.%s LIKE ? ESCAPE '\\'", first ? " AND (" : " OR ", a, f->name);
        json_array_append_new(w->params, json_string(pat));
        first = false;
    }
    buf_puts(b, ")");
}

static void bind_all(db_stmt *st, json_t *params);

/* At most this many ids of q_by_index's union go into the statements as
 * one JSON array (8 bytes or so each); more, and the list is the LIKE's
 * (a q in a quarter of a million rows of one consortium reads that many
 * rows either way). */
#define Q_IDS_MAX 250000

/*
 * ?q= on one consortium's list of an entity with a search index
 * (store_search_ids_sql: demand), for a q the index can answer: CJK
 * characters only, or (SQLite's, which holds trigrams) three or more
 * ASCII letters and digits.
 * Instead of a LIKE over every row of the consortium (2 s at 1 M rows),
 * the rows are those whose id is in the union of
 *   - the index's matches: the public, live rows whose searched fields
 *     hold q.  For CJK the index finds exactly what LIKE '%q%' finds; for
 *     a Latin word it finds the rows holding q's trigrams, a superset,
 *     each then checked by the LIKE;
 *   - the other rows whose searched fields hold q, by LIKE: two ranges of
 *     migration 027's index on the public field (below and above the
 *     public value, which is required, so every other row is in one);
 *   - the consortium's rows whose references' names hold q, one branch
 *     per reference on the field's index (migration 030's, field then
 *     consortium).  Only
 *     references by id and catalogue codes that cannot hold q
 *     (code_cannot_hold), so that no branch reads a row's text;
 * and the list's own conditions still apply to each.  Each branch reads
 * only what matches it (or, for a Latin word, its trigrams), so the list
 * costs what its matches cost.
 *
 * The union is asked once, here, and its ids (each once: UNION, not
 * UNION ALL, as a row can be in several branches), up to Q_IDS_MAX, are
 * bound to the page and the count as one array (w->q_ids: JSON on SQLite,
 * an array literal on PostgreSQL; ids_table) instead of each statement asking it again: the count
 * then looks up those rows alone (store_entity_list).  Writes the condition and answers 1; 0,
 * writing nothing, where it does not apply or the ids are more than Q_IDS_MAX (the caller writes
 * the LIKE); -1 with e set if the union fails.
 */
static int q_by_index(store_conn *c, buf_t *b, where_ctx *w, const entity_def *d,
                      const store_query *q, const store_scope *s, const char *pat, err_t *e)
{
    json_t *cv = d->consortium_field ? json_object_get(q->filters, d->consortium_field) : NULL;
    const field_def *pf = d->public_when_field ? entity_field(d, d->public_when_field) : NULL;
    if (!json_is_integer(cv) || !pf || !(pf->flags & F_REQUIRED))
        return 0;
    for (const field_def *f = d->fields; f->name; f++)
        if (q_target(f, q, s) && f->type != FT_REF && !code_cannot_hold(f, q->q))
            return 0;
    buf_t u = {0}, ids = {0};
    where_ctx uw = {json_array(), NULL};
    bool exact;
    buf_init(&u);
    buf_init(&ids);
    if (!store_search_ids_sql(c, d, q->q, json_integer_value(cv), &ids, uw.params, &exact)) {
        buf_free(&u);
        buf_free(&ids);
        json_decref(uw.params);
        return 0;
    }
    if (exact) {
        buf_puts(&u, ids.data);
    } else { /* the index's candidates, checked */
        buf_printf(&u, "SELECT u.id FROM %s u WHERE u.id IN (%s)", d->table, ids.data);
        q_like(&u, &uw, d, "u", pat);
    }
    for (int i = 0; i < 2; i++) {
        buf_printf(&u,
                   " UNION SELECT u.id FROM %s u WHERE u.deleted_at IS NULL AND u.%s = ? AND "
                   "u.%s %s ?",
                   d->table, d->consortium_field, pf->name, i ? ">" : "<");
        add_param(&uw, cv);
        json_array_append_new(uw.params, json_string(d->public_when_value));
        q_like(&u, &uw, d, "u", pat);
    }
    for (const field_def *f = d->fields; f->name; f++) {
        const entity_def *t = q_target(f, q, s);
        if (!t)
            continue;
        buf_printf(&u, " UNION SELECT u.id FROM %s u WHERE u.deleted_at IS NULL AND u.%s = ? AND ",
                   d->table, d->consortium_field);
        add_param(&uw, cv);
        q_reference(&u, &uw, "u", f, t, s, pat, false);
    }
    /* The ids, as a JSON array, or PostgreSQL's array literal. */
    int rc = 1, n = 0, step = DB_DONE;
    db_stmt *st = conn_stmt(c, u.data, e);
    if (!st) {
        rc = -1;
        goto out;
    }
    bind_all(st, uw.params);
    ids.len = 0;
    buf_puts(&ids, c->pg ? "{" : "[");
    while (n <= Q_IDS_MAX && (step = db_step(st)) == DB_ROW)
        buf_printf(&ids, "%s%lld", n++ ? "," : "", (long long)db_column_int64(st, 0));
    buf_puts(&ids, c->pg ? "}" : "]");
    db_reset(st);
    if (n <= Q_IDS_MAX && step != DB_DONE) {
        rc = conn_fail(c, e, "q ids");
        goto out;
    }
    if (n <= Q_IDS_MAX) {
        buf_puts(b, c->pg ? " AND t.id = ANY(CAST(? AS bigint[]))"
                          : " AND t.id IN (SELECT value FROM json_each(?))");
        w->q_ids = json_string(ids.data);
        json_array_append(w->params, w->q_ids);
    } else {
        rc = 0; /* too many to carry: the LIKE */
    }
out:
    buf_free(&u);
    buf_free(&ids);
    json_decref(uw.params);
    return rc;
}

static int query_where(store_conn *c, buf_t *b, where_ctx *w, const entity_def *d,
                       const store_query *q, const store_scope *s, err_t *e)
{
    const char *key;
    json_t *v;
    json_object_foreach (q->filters, key, v) {
        const field_def *f = entity_field(d, key);
        const char *op;
        if ((!f || !(f->flags & F_FILTER)) && entity_filter_op(d, key, &op))
            continue;
        if (!f || !(f->flags & F_FILTER)) {
            err_field(e, key, "不能按此字段筛选 (not a filter)");
            return err_set(e, ERR_BAD_REQUEST, "筛选条件无效 (bad filter)");
        }
    }
    /* Conditions in the description's field order, not the query
     * string's, so ?a=1&b=2 and ?b=2&a=1 share one statement text. */
    for (const field_def *f = d->fields; f->name; f++) {
        if (!(v = json_object_get(q->filters, f->name)))
            continue;
        if (json_is_null(v))
            buf_printf(b, " AND t.%s IS NULL", f->name);
        else if (f->type == FT_IDLIST)
            buf_printf(
                b,
                " AND EXISTS (SELECT 1 FROM json_each(t.%s) j WHERE CAST(j.value AS BIGINT) = ?)",
                f->name);
        else
            buf_printf(b, " AND t.%s = ?", f->name);
        if (json_is_boolean(v))
            json_array_append_new(w->params, json_integer(json_is_true(v)));
        else if (!json_is_null(v))
            add_param(w, v);
    }
    derived_where(b, w, d, q);
    if (q->q && *q->q) {
        if (strlen(q->q) > STORE_Q_MAX_BYTES) {
            err_field(e, "q", "最多 %d 字节 (at most %d bytes)", STORE_Q_MAX_BYTES,
                      STORE_Q_MAX_BYTES);
            return err_set(e, ERR_BAD_REQUEST, "查询参数有误 (bad query parameter): q");
        }
        buf_t pat = {0};
        like_escape(&pat, q->q);
        bool first = true;
        int qi = q_by_index(c, b, w, d, q, s, pat.data, e);
        if (qi != 0) {
            buf_free(&pat);
            return qi > 0 ? 0 : -1;
        }
        for (const field_def *f = d->fields; f->name; f++) {
            if (!(f->flags & F_SEARCH))
                continue;
            buf_printf(b, "%st.%s LIKE ? ESCAPE '\\'", first ? " AND (" : " OR ", f->name);
            json_array_append_new(w->params, json_string(pat.data));
            first = false;
        }
        for (const field_def *f = d->fields; f->name; f++) {
            const entity_def *t = q_target(f, q, s);
            if (!t)
                continue;
            buf_puts(b, first ? " AND (" : " OR ");
            first = false;
            q_reference(b, w, "t", f, t, s, pat.data, true);
        }
        buf_free(&pat);
        if (!first)
            buf_puts(b, ")");
    }
    return 0;
}

static void bind_all(db_stmt *st, json_t *params)
{
    size_t i;
    json_t *v;
    json_array_foreach (params, i, v)
        bind_json(st, (int)i + 1, v);
}

/* A row of d as the API shows it (a row_maker). */
static json_t *entity_row(db_stmt *st, const void *d)
{
    return row_to_json(st, d);
}

/* The counting column of d's running totals ("positions"), or NULL. */
static const char *totals_count_column(const entity_totals *t)
{
    for (size_t i = 0; t && i < sizeof t->sum / sizeof *t->sum; i++)
        if (t->sum[i].column && !t->sum[i].field)
            return t->sum[i].column;
    return NULL;
}

static bool totals_key(const entity_totals *t, const char *field)
{
    for (int i = 0; i < TOTALS_KEYS && t->key[i]; i++)
        if (!strcmp(t->key[i], field))
            return true;
    return false;
}

/*
 * The exact total of a list without counting its rows, where d keeps
 * running totals that count rows (demand_totals.positions, migration 003):
 * the rows the totals count (the published, live ones) are summed from
 * them, and only the others (drafts and closed rows, a few per cent) are
 * counted, on migration 027's index (demand_live_status).  Writes into sql the statement
 * "SELECT (sum over the totals) + (count of the rest)" and into params its
 * values (where's first), and answers true; answers false, writing
 * nothing, where the totals cannot say:
 *   - a q, a derived filter (ranges, any-of), a filter on a field the
 *     totals are not keyed by, or a null filter value;
 *   - visibility other than "rows of the consortia the caller reads,
 *     drafts to their owners" (private rows, a visibility field, shared
 *     rows without a consortium), or totals that count rows other than
 *     exactly the public ones;
 *   - a filter on the public field with another value (the totals hold
 *     none of those rows: a plain count is the count of the rest).
 * Why it is exact: a public, live row of a consortium the caller reads
 * passes every condition of scope_where (the public value is one of the
 * ways through its drafts condition), so the visible public rows with the
 * filters' values are exactly those the totals count under the same keys
 * in the visible consortia; the rest are counted under the list's own
 * WHERE.  The totals change in the same transaction as their rows, and
 * one statement reads both, so the two parts agree.
 */
static bool total_from_totals(buf_t *sql, json_t *params, const entity_def *d, const store_query *q,
                              const store_scope *s, const char *where, json_t *where_params)
{
    const entity_totals *t = d->totals;
    const char *count = totals_count_column(t);
    if (!count || (q->q && *q->q) || d->rows_private || d->visibility_field ||
        d->shared_when_null || !d->consortium_field || !totals_key(t, d->consortium_field))
        return false;
    /* The totals must count exactly the rows every reader sees. */
    if (!t->when_field != !d->public_when_field)
        return false;
    const field_def *wf = t->when_field ? entity_field(d, t->when_field) : NULL;
    if (t->when_field &&
        (!wf || !(wf->flags & F_REQUIRED) || strcmp(t->when_field, d->public_when_field) ||
         strcmp(t->when_value, d->public_when_value)))
        return false;
    const char *key;
    json_t *v;
    json_object_foreach (q->filters, key, v) {
        const field_def *f = entity_field(d, key);
        if (!f || !(json_is_string(v) || json_is_integer(v)))
            return false;
        if (t->when_field && !strcmp(key, t->when_field)) {
            if (!json_is_string(v) || strcmp(json_string_value(v), t->when_value))
                return false;
            continue;
        }
        /* A key field that may be NULL would have rows the totals lack. */
        if (!totals_key(t, key) || !(f->flags & F_REQUIRED))
            return false;
    }
    where_ctx w = {params};
    buf_printf(sql, "SELECT CAST((SELECT coalesce(sum(k.%s), 0) FROM %s k WHERE ", count, t->table);
    if (s->unrestricted)
        buf_puts(sql, "1 = 1");
    else
        visible_consortia(sql, &w, d, "k.", s);
    /* In the description's field order, as query_where. */
    for (const field_def *f = d->fields; f->name; f++) {
        if (!(v = json_object_get(q->filters, f->name)) ||
            (t->when_field && !strcmp(f->name, t->when_field)))
            continue;
        buf_printf(sql, " AND k.%s = ?", f->name);
        add_param(&w, v);
    }
    buf_puts(sql, ") AS BIGINT)");
    /* The rest: any other value of the (required) field, below it and
     * above it — two ranges of migration 027's index, where one "<>" or
     * an OR of the two would scan the consortium's every row.  Text order
     * is byte order on both backends. */
    for (int i = 0; t->when_field && i < 2; i++) {
        buf_printf(sql, " + (SELECT count(*) FROM %s t%s AND t.%s %s ?)", d->table, where,
                   t->when_field, i ? ">" : "<");
        size_t j;
        json_array_foreach (where_params, j, v)
            add_param(&w, v);
        json_array_append_new(params, json_string(t->when_value));
    }
    return true;
}

int store_entity_list(store_conn *c, const entity_def *d, const store_query *q,
                      const store_scope *scope, json_t **items, int64_t *total, err_t *e)
{
    buf_t where = {0}, sql = {0};
    where_ctx w = {json_array()};
    int rc = -1;
    *items = NULL;
    buf_init(&where);
    buf_init(&sql);
    scope_where(&where, &w, d, scope, q);
    if (query_where(c, &where, &w, d, q, scope, e) != 0)
        goto out;

    const char *sort = q->sort && *q->sort ? q->sort : d->default_sort;
    bool desc = sort[0] == '-';
    const char *sort_field = desc ? sort + 1 : sort;
    const field_def *sf = entity_field(d, sort_field);
    if (!sf || !(sf->flags & F_SORT || sf->type == FT_ID)) {
        err_field(e, "sort", "不能按 %s 排序 (cannot sort by this field)", sort_field);
        err_set(e, ERR_BAD_REQUEST, "排序字段无效 (bad sort field)");
        goto out;
    }

    json_t *count_params = json_array();
    if (!total_from_totals(&sql, count_params, d, q, scope, where.data, w.params)) {
        if (w.q_ids && !c->pg) { /* q_by_index's rows alone, looked up one by one
                                  * (PostgreSQL's "= ANY" does that itself) */
            buf_printf(&sql,
                       "SELECT count(*) FROM json_each(?) j CROSS JOIN %s t ON t.id = j.value%s",
                       d->table, where.data);
            json_array_append(count_params, w.q_ids);
        } else {
            buf_printf(&sql, "SELECT count(*) FROM %s t%s", d->table, where.data);
        }
        json_array_extend(count_params, w.params);
    }
    db_stmt *st = conn_stmt(c, sql.data, e);
    if (st)
        bind_all(st, count_params);
    json_decref(count_params);
    if (!st)
        goto out;
    if (db_step(st) != DB_ROW) {
        conn_fail(c, e, "count");
        goto out;
    }
    *total = db_column_int64(st, 0);
    db_reset(st);

    /* NULLs last whichever the direction: people want dated rows first.
     * A column that cannot be NULL sorts plainly, so an index serves it. */
    char order[200];
    const char *dir = desc ? "DESC" : "ASC";
    if (sf->type == FT_ID || (sf->flags & F_REQUIRED) || sf->type == FT_TIME)
        snprintf(order, sizeof order, " ORDER BY t.%s %s, t.id %s", sort_field, dir, dir);
    else
        snprintf(order, sizeof order, " ORDER BY t.%s IS NULL, t.%s %s, t.id %s", sort_field,
                 sort_field, dir, dir);
    sql.len = 0;
    buf_puts(&sql, "SELECT ");
    select_columns(&sql, d);
    if (q->per_page > 0 && (q->page > 1 || w.q_ids)) {
        /* A later page, or q_by_index's: the page's ids first, then their
         * rows.  The ids come from the list's index alone where it holds
         * every condition, so the rows skipped over are never read
         * (PostgreSQL fetched and sorted all of them: page 400 of 10 000
         * rows took 60 ms, 2 ms so), and a page of a thousand matching
         * ids walks the index in order instead of fetching each row to
         * sort them (7.6 ms, 0.5 so; a few ids are still looked up). */
        buf_printf(&sql, " FROM %s t WHERE t.id IN (SELECT t.id FROM %s t%s%s LIMIT ? OFFSET ?)%s",
                   d->table, d->table, where.data, order, order);
    } else {
        buf_printf(&sql, " FROM %s t%s%s", d->table, where.data, order);
        if (q->per_page > 0)
            buf_puts(&sql, " LIMIT ? OFFSET ?");
    }
    if (q->per_page > 0) {
        json_array_append_new(w.params, json_integer(q->per_page));
        json_array_append_new(w.params,
                              json_integer((q->page > 0 ? q->page - 1 : 0) * q->per_page));
    }
    st = conn_stmt(c, sql.data, e);
    if (!st)
        goto out;
    bind_all(st, w.params);
    rc = stmt_rows(c, st, entity_row, d, items, "list", e);
out:
    json_decref(w.params);
    json_decref(w.q_ids);
    buf_free(&where);
    buf_free(&sql);
    return rc;
}

int store_entity_get(store_conn *c, const entity_def *d, int64_t id, json_t **row, err_t *e)
{
    buf_t sql = {0};
    buf_init(&sql);
    buf_puts(&sql, "SELECT ");
    select_columns(&sql, d);
    buf_printf(&sql, " FROM %s t WHERE t.id = ? AND t.deleted_at IS NULL", d->table);
    db_stmt *st = conn_stmt(c, sql.data, e);
    buf_free(&sql);
    if (!st)
        return -1;
    db_bind_int64(st, 1, id);
    int step = db_step(st);
    if (step == DB_ROW) {
        *row = row_to_json(st, d);
        db_reset(st);
        return 0;
    }
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "get");
    return err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", d->zh, (long long)id);
}

int store_entity_rows_by(store_conn *c, const entity_def *d, const char *field, int64_t id,
                         json_t **items, err_t *e)
{
    if (!entity_field(d, field))
        return err_set(e, ERR_INTERNAL, "no field %s in %s", field, d->name);
    buf_t sql = {0};
    buf_init(&sql);
    buf_puts(&sql, "SELECT ");
    select_columns(&sql, d);
    buf_printf(&sql, " FROM %s t WHERE t.%s = ? AND t.deleted_at IS NULL ORDER BY t.id", d->table,
               field);
    db_stmt *st = conn_stmt(c, sql.data, e);
    buf_free(&sql);
    if (!st)
        return -1;
    db_bind_int64(st, 1, id);
    return stmt_rows(c, st, entity_row, d, items, "rows by", e);
}

int constraint_error_of(const entity_def *d, int broke, const char *msg, err_t *e)
{
    static const struct {
        const char *index, *field;
    } unique_fields[] = {{"organizations_credit_code", "credit_code"},
                         {"users_username", "username"},
                         {"memberships_unique", "role"},
                         {"votes_unique", "organization_id"},
                         {"charters_version", "version"},
                         {"occupations_code", "code"},
                         {"majors_code", "code"},
                         {"crosswalk_unique", "occupation_code"},
                         {"supply_unique", "major_code"},
                         {"students_unique", "student_no"},
                         {"certificates_number", "certificate_no"}};
    if (broke == DB_UNIQUE) {
        for (size_t i = 0; i < sizeof unique_fields / sizeof *unique_fields; i++)
            if (strstr(msg, unique_fields[i].index) || strstr(msg, unique_fields[i].field)) {
                err_field(e, unique_fields[i].field, "已存在相同记录 (already exists)");
                break; /* "code" would match "credit_code" too */
            }
        return err_set(e, ERR_CONFLICT, "与已有%s重复 (duplicates an existing record)", d->zh);
    }
    if (broke == DB_FOREIGN_KEY)
        return err_set(e, ERR_INVALID, "引用的记录不存在 (a referenced record does not exist)");
    return err_set(e, ERR_INTERNAL, "数据库错误 (database error)");
}

/* Turn a constraint failure into a user-facing error naming the field. */
static int constraint_error(store_conn *c, const entity_def *d, err_t *e)
{
    const char *msg;
    int broke = db_constraint(c, &msg);
    if (!broke)
        return conn_fail(c, e, "write");
    return constraint_error_of(d, broke, msg, e);
}

/* The INSERT text for the fields of d present in a row (mask: bit i =
 * field i present).  An import inserts a million rows of one shape, and
 * building the text each time cost more than a tenth of the insert, so
 * each connection keeps the last few texts it built. */
#define INSERT_CACHE (sizeof((store_conn *)0)->inserts / sizeof *((store_conn *)0)->inserts)
static const char *insert_sql(store_conn *c, const entity_def *d, uint64_t mask)
{
    for (unsigned i = 0; i < INSERT_CACHE; i++)
        if (c->inserts[i].d == d && c->inserts[i].mask == mask)
            return c->inserts[i].sql;
    buf_t sql = {0}, vals = {0};
    buf_init(&sql);
    buf_init(&vals);
    buf_printf(&sql, "INSERT INTO %s(", d->table);
    unsigned k = 0;
    for (const field_def *f = d->fields; f->name; f++, k++)
        if (mask & (1ull << k)) {
            buf_printf(&sql, "%s,", f->name);
            buf_puts(&vals, "?,");
        }
    buf_printf(&sql, "created_at,updated_at) VALUES(%s?,?)", vals.data);
    buf_free(&vals);
    unsigned slot = c->inserts_next++ % INSERT_CACHE;
    free(c->inserts[slot].sql);
    c->inserts[slot].d = d;
    c->inserts[slot].mask = mask;
    c->inserts[slot].sql = sql.data;
    return sql.data;
}

bool store_field_inserted(const field_def *f)
{
    return f->type != FT_ID && !(f->flags & F_WRITEONLY) && strcmp(f->name, "created_at") &&
           strcmp(f->name, "updated_at");
}

int store_entity_insert(store_conn *c, const entity_def *d, json_t *row, int64_t *id, err_t *e)
{
    char now[21];
    json_t *vals[64];
    uint64_t mask = 0;
    unsigned k = 0, n = 0;
    now_utc(now);
    for (const field_def *f = d->fields; f->name && k < 64; f++, k++) {
        json_t *v = json_object_get(row, f->name);
        if (!store_field_inserted(f) || !v)
            continue;
        mask |= 1ull << k;
        vals[n++] = v;
    }
    if (d->fields[k].name) /* more than 64 fields: the mask cannot say */
        return err_set(e, ERR_INTERNAL, "%s: too many fields", d->name);
    if (bulk_copy_takes(c, d)) {
        if (bulk_copy_insert(c, d, mask, vals, n, now, id, e) != 0)
            return -1;
        if (c->sums)
            bulk_add(c, d, row);
        return 0;
    }
    db_stmt *st = conn_stmt(c, insert_sql(c, d, mask), e);
    if (!st)
        return -1;
    for (unsigned i = 0; i < n; i++)
        bind_json(st, (int)i + 1, vals[i]);
    db_bind_text(st, (int)n + 1, now, -1);
    db_bind_text(st, (int)n + 2, now, -1);
    if (db_step(st) != DB_DONE) {
        constraint_error(c, d, e);
        db_reset(st);
        return -1;
    }
    db_reset(st);
    *id = db_last_insert_id(c);
    if (c->sums)
        bulk_add(c, d, row);
    return 0;
}

int store_entity_set_server(store_conn *c, const entity_def *d, int64_t id, json_t *changes,
                            err_t *e)
{
    buf_t sql = {0};
    json_t *params = json_array();
    int rc = -1;
    buf_init(&sql);
    buf_printf(&sql, "UPDATE %s SET ", d->table);
    bool any = false;
    for (const field_def *f = d->fields; f->name; f++) {
        json_t *v = json_object_get(changes, f->name);
        if (!v || !(f->flags & F_READONLY) || f->type == FT_ID || f->type == FT_TIME ||
            !strcmp(f->name, "revision"))
            continue;
        buf_printf(&sql, "%s%s=?", any ? "," : "", f->name);
        json_array_append(params, v);
        any = true;
    }
    if (!any) {
        rc = 0;
        goto out;
    }
    buf_puts(&sql, " WHERE id=? AND deleted_at IS NULL");
    json_array_append_new(params, json_integer(id));
    db_stmt *st = conn_stmt(c, sql.data, e);
    if (!st)
        goto out;
    bind_all(st, params);
    int step = db_step(st);
    db_reset(st);
    rc = step == DB_DONE ? 0 : conn_fail(c, e, "set");
out:
    json_decref(params);
    buf_free(&sql);
    return rc;
}

int store_entity_update(store_conn *c, const entity_def *d, int64_t id, json_t *changes, err_t *e)
{
    buf_t sql = {0};
    json_t *params = json_array();
    char now[21];
    int rc = -1;
    now_utc(now);
    buf_init(&sql);
    buf_printf(&sql, "UPDATE %s SET ", d->table);
    for (const field_def *f = d->fields; f->name; f++) {
        json_t *v = json_object_get(changes, f->name);
        if (!v || f->type == FT_ID || (f->flags & (F_WRITEONLY | F_READONLY)))
            continue;
        buf_printf(&sql, "%s=?,", f->name);
        json_array_append(params, v);
    }
    buf_puts(&sql, "updated_at=?,revision=revision+1 WHERE id=? AND deleted_at IS NULL");
    json_array_append_new(params, json_string(now));
    json_array_append_new(params, json_integer(id));
    db_stmt *st = conn_stmt(c, sql.data, e);
    if (!st)
        goto out;
    bind_all(st, params);
    if (db_step(st) != DB_DONE) {
        constraint_error(c, d, e);
        db_reset(st);
        goto out;
    }
    db_reset(st);
    if (db_changes(c) == 0) {
        err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", d->zh, (long long)id);
        goto out;
    }
    rc = 0;
out:
    json_decref(params);
    buf_free(&sql);
    return rc;
}

int store_entity_delete(store_conn *c, const entity_def *d, int64_t id, err_t *e)
{
    char sql[192], now[21];
    now_utc(now);
    snprintf(sql, sizeof sql,
             "UPDATE %s SET deleted_at=?, updated_at=?, revision=revision+1 WHERE id=? AND "
             "deleted_at IS NULL",
             d->table);
    db_stmt *st = conn_stmt(c, sql, e);
    if (!st)
        return -1;
    db_bind_text(st, 1, now, -1);
    db_bind_text(st, 2, now, -1);
    db_bind_int64(st, 3, id);
    int step = db_step(st);
    db_reset(st);
    if (step != DB_DONE)
        return conn_fail(c, e, "delete");
    if (db_changes(c) == 0)
        return err_set(e, ERR_NOT_FOUND, "%s %lld 不存在 (not found)", d->zh, (long long)id);
    return 0;
}

bool store_entity_exists(store_conn *c, const char *name, int64_t id)
{
    const entity_def *d = entity_find(name);
    if (!d)
        return false;
    char sql[128], key[96];
    snprintf(key, sizeof key, "e|%s|%lld", d->name, (long long)id);
    if (memo_has(c, key))
        return true;
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id=? AND deleted_at IS NULL", d->table);
    db_stmt *st = lookup_stmt(c, sql);
    if (!st)
        return false;
    db_bind_int64(st, 1, id);
    bool found = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    if (found)
        memo_add(c, key);
    return found;
}

bool store_entity_linked(store_conn *c, const entity_link *l, int64_t id, int64_t org_id)
{
    const entity_def *via = l ? entity_find(l->entity) : NULL;
    if (!via || !org_id)
        return false;
    /* Names come from the descriptions only. */
    char sql[512], roles[160];
    roles_sql(roles, sizeof roles, l, "");
    snprintf(sql, sizeof sql,
             "SELECT 1 FROM %s WHERE %s = ? AND %s = ? AND deleted_at IS NULL%s LIMIT 1",
             via->table, l->ref_field, l->org_field, roles);
    db_stmt *st = lookup_stmt(c, sql);
    if (!st)
        return false;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, org_id);
    if (l->role_field)
        bind_roles(st, 3, l->roles);
    bool found = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    return found;
}

bool store_catalog_has(store_conn *c, const char *catalog, const char *code)
{
    char key[96];
    snprintf(key, sizeof key, "c|%s|%.80s", catalog, code);
    if (memo_has(c, key))
        return true;
    /* Only the catalogue tables; the name is never pasted from input. */
    const char *sql =
        !strcmp(catalog, "majors") ? "SELECT 1 FROM majors WHERE code=? AND deleted_at IS NULL"
        : !strcmp(catalog, "occupations")
            ? "SELECT 1 FROM occupations WHERE code=? AND deleted_at IS NULL"
        : !strcmp(catalog, "regions") ? "SELECT 1 FROM regions WHERE code=? AND deleted_at IS NULL"
                                      : NULL;
    if (!sql)
        return false;
    db_stmt *st = lookup_stmt(c, sql);
    if (!st)
        return false;
    db_bind_text(st, 1, code, -1);
    bool found = lookup_step(c, st) == DB_ROW;
    db_reset(st);
    if (found)
        memo_add(c, key);
    return found;
}
