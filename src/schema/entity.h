/*
 * entity.h — one description per register entity, read by everything
 * (the schema floor: it includes nothing but core/).
 *
 * The register has a dozen entities of the same shape (organisations,
 * consortia, memberships, charters, meetings, agenda items, votes,
 * work-plan items, agreements, policies, projects, announcements, users).
 * Rather than write the same list/get/create/update/delete handler a dozen
 * times, each entity is described once here — its fields, their types,
 * labels in Chinese and English, validation, and who may do what — and one
 * mechanism serves it: the store builds its SQL from the description
 * (store/store_entity.c), the HTTP layer its routes and JSON
 * (http/api_entity.c), the importer and exporter their CSV/XLSX columns
 * (io/import.c, io/export.c), the web UI its forms (GET
 * /api/v1/meta/entities) and scripts/gen-openapi.py the API documentation
 * (`chanjiao meta`).  What is truly special (composition, council,
 * vote tallies, sessions) is hand-written beside it.
 */
#ifndef CJ_ENTITY_H
#define CJ_ENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/util.h"

typedef enum {
    FT_ID,      /* INTEGER primary key, server-assigned                      */
    FT_TEXT,    /* UTF-8 string, min/max are lengths in characters          */
    FT_INT,     /* 64-bit integer, min/max are the range                    */
    FT_BOOL,    /* true/false (CSV: 1/0, 是/否, Y/N, √/×, 有/无 …)           */
    FT_DATE,    /* "YYYY-MM-DD", a real calendar date                       */
    FT_TIME,    /* "YYYY-MM-DDTHH:MM:SSZ" UTC, server-set                    */
    FT_ENUM,    /* one of opts[].value; input may use a label or synonym    */
    FT_REF,     /* id of a row of entity `ref`                              */
    FT_IDLIST,  /* JSON array of ids of entity `ref`; min/max are counts   */
    FT_NUM,     /* a decimal number (double), min/max bound it; 0,0 none    */
    FT_FILE,    /* an uploaded file: its id, the SHA-256 of its bytes as 64
                   lowercase hex digits (domain/files.c); `ref` names the
                   kinds it takes, '|'-separated ("png|jpeg"), NULL any   */
    FT_FILELIST /* a JSON array of file ids, each as FT_FILE (the kinds in
                   `ref`), no duplicates; max is the most it holds; a
                   cell writes them joined by ';'                        */
} field_type;

/* Whether a field's value may be null as the API shows it.  By default an
 * optional field may and a required one, an id or a timestamp may not;
 * a field that says otherwise (a status always set by the server, a
 * timestamp set only once something happened) says so. */
typedef enum { FN_BY_KIND, FN_NULLABLE, FN_NOT_NULL } field_null;

enum {
    F_REQUIRED = 1u << 0,  /* must be given on create, may not be null      */
    F_READONLY = 1u << 1,  /* set by the server only                        */
    F_IMMUTABLE = 1u << 2, /* given on create, not changed by PATCH         */
    F_FILTER = 1u << 3,    /* ?field=value filter on lists                  */
    F_SORT = 1u << 4,      /* ?sort=field / -field                          */
    F_SEARCH = 1u << 5,    /* part of the ?q= text search                   */
    F_PRIVATE = 1u << 6,   /* personal data: shown only to who may edit row */
    F_WRITEONLY = 1u << 7, /* accepted, never shown (passwords)             */
    F_LONG = 1u << 8,      /* long text (a textarea in forms)               */
    F_NOEXPORT = 1u << 9,  /* left out of CSV/XLSX export and import        */
    F_MEMBER = 1u << 10,   /* FT_REF to an organisation that must be a
                              current member of the row's consortium      */
    F_TAGS = 1u << 11,     /* FT_TEXT list: items separated by ; ； 、 , ，
                              are stored joined by 、 (skills)             */
    /* A unit acts only as its kind (SPEC.md, Trust): an FT_REF to an
     * organisation that must be a school (secondary or higher vocational,
     * undergraduate) or an enterprise — checked on every write, for every
     * caller, so an enterprise cannot file students and a school cannot
     * publish demand under its own name. */
    F_SCHOOL = 1u << 12, /* one of ENTITY_SCHOOL_TYPES */
    F_ENTERPRISE = 1u << 13,
    /* The user the row is about (P_SELF) may change this field; a caller
     * whose right to update the row comes only from P_SELF may change no
     * other (a student edits their contact, skills and consent, not the
     * school's record of them). */
    F_SELF_EDIT = 1u << 14,
    /* The register's word, not the unit's: a caller whose right to update
     * the row comes only from being its unit's staff may not change it (a
     * unit's type — an enterprise that made itself a school could file
     * students). */
    F_REGISTRAR = 1u << 15,
    F_GOVERNMENT = 1u << 16, /* a government department (policy and project
                                lists, SPEC.md §8) */
    /* A sign-in password (with F_WRITEONLY) of an entity whose rows are
     * accounts: hashed (Argon2id) on write and kept as the account's
     * password hash, never in the row; a change signs the account out of
     * its other sessions, and the audit entry shows "(changed)". */
    F_PASSWORD = 1u << 17,
    /* FT_ENUM that is vocabulary, not logic (agreement types, meeting and
     * training kinds): a consortium's secretariat extends it with option
     * lists (字典, the "options" entity, entities_options.c).  Nothing in
     * the code reasons about its values.  entity_validate() then passes a
     * value that is not a shipped option through as text, and the domain
     * (domain/options.c) resolves it against the row's consortium's
     * active options — value, Chinese or English label — or refuses it.
     * Only on entities with a consortium_field: the row's consortium is
     * the one whose options count.  Served in the meta as "extensible". */
    F_VOCAB = 1u << 18,
    F_UNIT_KIND = F_SCHOOL | F_ENTERPRISE | F_GOVERNMENT
};

/* The organisation types that are schools, for store_org_type_in(). */
#define ENTITY_SCHOOL_TYPES ",secondary_vocational,higher_vocational,undergraduate,"

typedef struct {
    const char *value; /* stored and in JSON */
    const char *zh;    /* Chinese label, accepted on import, shown in UI */
    const char *en;
    /* The other words offices write for it, '|'-separated ("大专|专科|高职"
     * for 高职专科), accepted wherever the value is, compared after
     * textfold() (core/textfold.h); served in the meta as "synonyms" and
     * listed in docs/import.md.  A synonym names one option of its enum
     * only (tests/unit/test_words.c); NULL = none. */
    const char *synonyms;
} enum_opt;

typedef struct field_def {
    const char *name; /* JSON key and SQL column */
    const char *zh;   /* Chinese label / spreadsheet header */
    const char *en;
    field_type type;
    unsigned flags;
    const enum_opt *opts; /* FT_ENUM: terminated by {NULL} */
    long long min, max;   /* see field_type; 0,0 = no limit */
    /* FT_REF / FT_IDLIST: entity name.  FT_TEXT: a catalogue entity
     * ("occupations", "majors") whose live codes the value must be.
     * FT_FILE: the file kinds it takes ("pdf|png|jpeg"), NULL = all. */
    const char *ref;
    /* Extra check for FT_TEXT: 0 if fine, else -1 and a message in msg. */
    int (*check)(const char *s, char *msg, size_t n);
    const char *aliases; /* more import header names, '|'-separated */
    /* Value an import uses when the column is absent or the cell blank
     * (e.g. imported demand is "published"); NULL = none. */
    const char *import_default;
    /* Documentation, served by the meta and turned into the OpenAPI
     * document (scripts/gen-openapi.py): the regular expression `check`
     * enforces, one typical value as text (a number for FT_INT/FT_NUM),
     * and a sentence "中文 — English." saying what the value means beyond
     * its label and type; NULL = none. */
    const char *pattern, *example, *doc;
    field_null nullable;
} field_def;

/* Who may do something; platform admins may always. */
enum {
    P_PUBLIC = 1u << 0,      /* anyone, if the row's consortium is public   */
    P_MEMBERS = 1u << 1,     /* users whose organisation is a member of the
                                row's consortium (and its secretariat)      */
    P_SECRETARIAT = 1u << 2, /* secretariat of the row's consortium; for
                                rows without a consortium, of a consortium
                                the row's organisation belongs to          */
    P_ORG_ADMIN = 1u << 3,   /* org_admin of the row's organisation         */
    P_ORG_STAFF = 1u << 4,   /* org_admin or org_staff of it                */
    P_SIGNED_IN = 1u << 5,   /* any signed-in user                          */
    P_ADMIN = 1u << 6,       /* platform admin only (implicit everywhere)   */
    P_SELF = 1u << 7,        /* the user the row's user_field names (a
                                student's own record)                      */
    P_ORG2_STAFF = 1u << 8,  /* org_admin or org_staff of the row's second
                                organisation (org2_field: a placement's
                                host enterprise)                           */
    P_AUTHORITY = 1u << 9    /* an authority overseeing the row's consortium
                                (domain/perm.c, perm_authority_over), the
                                row's org_field naming its own unit       */
};

typedef enum { ACT_READ, ACT_CREATE, ACT_UPDATE, ACT_DELETE, ACT__COUNT } entity_action;

#define ENTITY_MAX_UNIQUE 3

/* A field the row shares with the row one of its references names: the
 * row's `field` must equal the referenced row's field of the same name,
 * and is copied from it when the row leaves it out (a placement's school
 * is its student's school; its consortium is its demand's). */
typedef struct {
    const char *ref_field, *field;
} entity_agree;

/* Staff of the organisation in `org_field` of a live row of `entity`
 * whose `ref_field` names this row may read this row (a placement's host
 * enterprise reads its intern's student record).  Optionally the link
 * row names this row's `row_field` rather than its id (a co-owner row
 * names a booking's facility), only link rows whose `role_field` is one
 * of the '|'-separated `roles` count, and with `edits` the linked staff
 * may also update the row as P_ORG2_STAFF would (the domain's rules still
 * say which changes). */
typedef struct {
    const char *entity, *ref_field, *org_field;
    const char *row_field;  /* NULL: "id" */
    const char *role_field; /* NULL: any link row */
    const char *roles;
    bool edits;
} entity_link;

/* How rows of an entity are imported from a spreadsheet (io/import.c,
 * domain/batch.c) and served in the meta document as "import". */
typedef enum {
    IMPORT_NO_CONSORTIUM,       /* rows belong to no consortium (one given is ignored) */
    IMPORT_CONSORTIUM_REQUIRED, /* rows belong to the consortium the import names */
    IMPORT_CONSORTIUM_OPTIONAL  /* …if it names one (the shared crosswalk if not) */
} import_consortium;
#define IMPORT_KEY_FIELDS 4
typedef struct {
    /* As the CLI and POST /api/v1/import/{kind} call it ("members" for
     * memberships); the entity's own name is accepted too. */
    const char *kind;
    import_consortium consortium;
    bool upsert;  /* catalogues: a row whose code the table has is updated */
    bool edition; /* catalogues: the import names the edition it loads */
    /* Fields whose values together may not repeat within one file
     * (reported on the second field, or the only one); {NULL} = none. */
    const char *key[IMPORT_KEY_FIELDS];
    /* "中文 (English)" for a row the database already holds; NULL = the
     * store's own message. */
    const char *conflict;
    /* Rows are indexed for search once, at the commit, not row by row. */
    bool defer_search;
    /* The natural key (import modes, domain/batch.c): the fields that
     * name a live row, so that a file can update what it created.  A row
     * that gives the first of them names the live row (in the import's
     * consortium) whose fields all equal the row's, a missing one being
     * null.  A row that does not, and every row of an entity without
     * one ({NULL}: demand, placements, …), is named by its content: the
     * live row whose required fields equal the row's and whose other
     * fields equal every one the row gives. */
    const char *natural[IMPORT_KEY_FIELDS];
} entity_import;

/* How a spreadsheet names a row of this entity in a reference column of
 * another entity's sheet (a demand row's enterprise, a placement's
 * student): the columns tried in order, each a unique or nearly unique
 * text (an organisation by credit code, else by exact name; a student by
 * student number); several rows matching is "ambiguous".  Exports write
 * the column `write`, which the importer reads back. */
#define SHEET_REF_COLUMNS 3
typedef struct {
    const char *columns[SHEET_REF_COLUMNS]; /* {NULL}-terminated */
    const char *write;
    /* Rows are looked up within the import's consortium (students). */
    bool in_consortium;
    /* A field of the importing row that narrows the look-up when the
     * row gives it, named the same in both entities (a student within
     * the row's school_id); NULL = none. */
    const char *scope_field;
    /* "中文 (English)" messages, where the first "%s" stands for the
     * trimmed cell text, cut to at most shown bytes: no row found
     * (not_found_scoped when the row gave scope_field; NULL = not_found),
     * several found. */
    const char *not_found, *not_found_scoped, *ambiguous;
    int shown;
} entity_sheet_ref;

/* Running totals a table keeps beside itself (gap analysis reads them):
 * triggers keep them on every write, and a bulk import sums its rows in
 * memory instead and adds the sums at its commit (store/store_bulk.c).
 * The totals table's columns are the key fields, then the sums, each
 * named as below. */
#define TOTALS_KEYS 4
typedef struct {
    const char *table;            /* "demand_totals" */
    const char *key[TOTALS_KEYS]; /* row fields, {NULL}-terminated */
    /* Summed columns: the row field added, or NULL to count rows. */
    struct {
        const char *column, *field;
    } sum[2];
    /* Only rows whose field has this value count (published demand). */
    const char *when_field, *when_value;
} entity_totals;

typedef struct entity_def entity_def;
struct entity_def {
    const char *name;  /* route segment and entity name: "organizations" */
    const char *table; /* SQL table */
    const char *zh, *en;
    const field_def *fields; /* first is "id"; terminated by {NULL} */
    /* Field naming the consortium a row belongs to ("id" for consortia
     * themselves: the generic code then takes a row's own id as its
     * consortium, with no test of the entity's name), or NULL. */
    const char *consortium_field;
    /* Field naming the organisation that owns a row ("id" for
     * organisations themselves), or NULL. */
    const char *org_field;
    /* Field referencing a parent row (e.g. an agenda item's meeting_id);
     * on create the consortium is copied from the parent. */
    const char *parent_field;
    unsigned perm[ACT__COUNT];
    /* Public readers see only rows where this column equals this value
     * (e.g. announcements with status = 'published'), or one of the
     * values when it lists several '|'-separated ("published|closed");
     * NULL = all rows. */
    const char *public_when_field, *public_when_value;
    const char *default_sort; /* "name" or "-created_at" */
    /* Field naming the user a row is about (students), or NULL.  It may
     * also be a reference to a row that itself has a user_field (a
     * placement's student_id): the row is then about that row's user. */
    const char *user_field;
    /* Personal data (PIPL): lists show a non-admin only the rows of the
     * caller's own organisation (org_field) or about the caller
     * (user_field) — not the whole consortium. */
    bool rows_private;
    /* Rows whose consortium_field is NULL are shared by every consortium
     * (the shared crosswalk): anyone reads them, only admins write. */
    bool shared_when_null;
    /* Cross-field checks on the merged row (after PATCH), adding field
     * errors to e; NULL if none. */
    void (*validate)(const entity_def *d, json_t *row, err_t *e);
    /* A second owning organisation (a placement's host enterprise beside
     * the student's school), for the P_ORG2_STAFF rule and, with
     * rows_private, the lists; NULL if none. */
    const char *org2_field;
    /* Fields shared with referenced rows; terminated by {NULL}, or NULL. */
    const entity_agree *agree;
    /* Who else may read a row (see entity_link); NULL if nobody. */
    const entity_link *linked_readers;
    /* The unique keys the migrations enforce (a duplicate is a 409), each
     * its field names joined by ','; unused slots NULL.  tests/unit/
     * test_schema.c checks each against the table's UNIQUE indexes. */
    const char *unique[ENTITY_MAX_UNIQUE];
    /* `perm` in words, per action, "中文 — English" (what the rule names
     * cannot say: which rows, which fields), for the API documentation. */
    const char *perm_doc[ACT__COUNT];
    /* How its rows are imported from spreadsheets; NULL = not importable. */
    const entity_import *import;
    /* How other sheets name its rows; NULL = by id. */
    const entity_sheet_ref *sheet_ref;
    /* Running totals kept beside its table; NULL = none. */
    const entity_totals *totals;
    /* A field (FT_ENUM of "public", "members", "secretariat") by which
     * each row narrows what its read rules grant (issue 10: a technology
     * need is public, for the consortium's members, or for the
     * secretariat only): on a "members" row P_PUBLIC grants only what
     * P_MEMBERS grants (the consortium's members and secretariat); on a
     * "secretariat" row neither P_PUBLIC nor P_MEMBERS grants anything,
     * so only the secretariat and the row's own unit (the P_SECRETARIAT,
     * P_ORG_* bits) read it.  Applied alike by perm.c and by the store's
     * list SQL, so lists, reads, exports, search and counts agree; NULL =
     * none. */
    const char *visibility_field;
    /* Its status moves through steps in order, each by its party (the
     * domain's rules: domain/tech.c); a step out of order is a 409.
     * Served in the meta as "workflow" (the API documentation names the
     * 409 of its create and update). */
    bool workflow;
    /* Rows are the sign-in accounts (users): a row's id is its user's id,
     * so no caller may delete the account they are signed in with. */
    bool accounts;
};

/* All entities, terminated by a NULL name. */
extern const entity_def *const entity_all[];
/* The audit log, described as a read-only list (entities_audit.c): its
 * columns, filters and spreadsheet headers.  Not in entity_all — no
 * routes, no import. */
extern const entity_def entity_audit_log;
/* The published demand reports, likewise (entities_talent.c). */
extern const entity_def entity_demand_reports;
/* The login log, likewise (entities_audit.c). */
extern const entity_def entity_login_log;
const entity_def *entity_find(const char *name);
const field_def *entity_field(const entity_def *d, const char *name);
/* A derived list filter (issue 12, the drill-downs of measures): key is
 * "<field>_from" / "<field>_to" (a range, bounds included, on a date, time,
 * integer or number field, or a sorted text holding times such as a
 * booking's start; a time is compared by its day, YYYY-MM-DD),
 * "<field>_until" (empty or at most), "<field>_after" (empty or later),
 * "<field>_in" ("a|b|c": any of these values of an enum) or "<field>_set"
 * (1: an id list or text is not empty; 0: it is).  Returns the field and
 * sets *op to "from", "to", "until", "after", "in" or "set"; NULL when key
 * is none of these.  Personal fields have none. */
const field_def *entity_filter_op(const entity_def *d, const char *key, const char **op);
/* For a field flagged F_SCHOOL / F_ENTERPRISE / F_GOVERNMENT: the kind's
 * name ("school", "enterprise", "government"), the organisation types it
 * takes as ",a,b," for store_org_type_in(), and the error a unit of another
 * type gets ("中文 (English)"); NULL for any other field. */
const char *entity_unit_kind(const field_def *f);
const char *entity_unit_types(const field_def *f);
const char *entity_unit_error(const field_def *f);
/* The option whose value, Chinese or English label or one of whose
 * synonyms is `s`, compared as written and then folded (full-width forms,
 * blanks and Latin case do not matter: "Ｅｎｔｅｒｐｒｉｓｅ", " 大专 "), or NULL. */
const enum_opt *entity_enum_lookup(const field_def *f, const char *s);
/* For a word that names no option: the option it most likely meant — the
 * fewest edits (in characters, after folding) from one of the option's
 * words, or a word of the option contained in it ("本科学历") — or NULL
 * when nothing is close or two options are equally close.  For "did you
 * mean". */
const enum_opt *entity_enum_suggest(const field_def *f, const char *s);
const char *entity_enum_zh(const field_def *f, const char *value);
/* ?q= on a list matches a row's own F_SEARCH texts and the names of what
 * it links to: for a reference, id list or catalogue code field f, the
 * entity whose name fields (entity_name_field) q also matches, or NULL.
 * all_readers: for any reader (targets whose names every reader of a
 * linked row may see); false: for a platform admin (any named target). */
const entity_def *entity_q_target(const field_def *f, bool all_readers);
bool entity_name_field(const field_def *f);
/* schema/entities_options.c: the field "entity.field" names, if it is an
 * F_VOCAB field (*d set to its entity when d is not NULL), else NULL. */
const field_def *entity_vocab_field(const char *name, const entity_def **d);

/* Validate `in` (a JSON object from a request or an import row) against
 * the description.  On create every F_REQUIRED field must be present; on
 * update only given fields are checked.  Writes the accepted, normalised
 * values into `out` (a JSON object the caller owns) and returns 0, or
 * returns -1 with e->code = ERR_INVALID and one detail per bad field.
 * Unknown keys are errors; F_READONLY keys are errors on input. */
int entity_validate(const entity_def *d, json_t *in, bool create, json_t *out, err_t *e);

/* Parse a text cell (CSV/XLSX/query string) of field f into a JSON value
 * (new reference) or NULL with a message.  Empty string → json null. */
json_t *entity_parse_text(const field_def *f, const char *s, char *msg, size_t n);

/* The JSON description of all entities served at /api/v1/meta/entities
 * (new reference). */
json_t *entity_meta_json(void);
/* The entity imported under kind (its import kind or its own name), or
 * NULL if there is none. */
const entity_def *entity_import_find(const char *kind);
/* "organizations, members, …": every import kind, for messages. */
const char *entity_import_kinds(void);
/* schema/entity_import.c: the meta document's "import" (null or the
 * import facts) and "sheet_ref" (when set) of d, added to obj. */
void entity_import_meta(const entity_def *d, json_t *obj);

/* Validators shared with other modules. */
int check_credit_code(const char *s, char *msg, size_t n);     /* GB 32100-2015 */
int check_region_code(const char *s, char *msg, size_t n);     /* 6 digits */
int check_email(const char *s, char *msg, size_t n);           /* name@host.tld */
int check_occupation_code(const char *s, char *msg, size_t n); /* 1-01-00-01 */
int check_major_code6(const char *s, char *msg, size_t n);     /* 460702 */
/* schema/check_account.c: no blanks or invisible characters in a username;
 * no common or one-character password. */
int check_username(const char *s, char *msg, size_t n);
int check_password(const char *s, char *msg, size_t n);
/* A tag list split at ; ； 、 , ， with blanks trimmed and empty items
 * dropped, joined with 、: a new string the caller frees ("" if none). */
char *entity_join_tags(const char *s);
bool date_valid(const char *s); /* YYYY-MM-DD */

#endif
