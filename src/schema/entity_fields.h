/*
 * entity_fields.h — the columns every entity description shares (id,
 * stamps and revision, the consortium), the list terminator, and the
 * permission table initialiser; included by the files that describe entities
 * (entities.c, entities_talent.c, entities_rounds.c, entities_outcomes.c)
 * so each column reads the same everywhere.
 */
#ifndef CJ_ENTITY_FIELDS_H
#define CJ_ENTITY_FIELDS_H

#include "schema/entity.h"
#include "schema/entity_doc.h"

#define ID_FIELD                                                                                   \
    {                                                                                              \
        "id", "编号", "ID", FT_ID, F_READONLY | F_FILTER | F_SORT | F_NOEXPORT                     \
    }
/* The stamps end with the row's revision (migration 010): 1 on create,
 * one more on every write the store makes, answered as the ETag of GET
 * and compared with If-Match on PATCH and DELETE (domain/record.c).  Every
 * entity that has the stamps has it, so no description lists it by hand. */
#define STAMPS                                                                                     \
    {"created_at", "创建时间", "Created", FT_TIME, F_READONLY | F_SORT | F_NOEXPORT},              \
        {"updated_at", "更新时间", "Updated", FT_TIME, F_READONLY | F_SORT | F_NOEXPORT},          \
        REVISION_FIELD
#define REVISION_FIELD                                                                             \
    {                                                                                              \
        "revision", "修订号", "Revision", FT_INT, F_READONLY | F_NOEXPORT,                         \
            .example = "1", .doc = DOC_REVISION, .nullable = FN_NOT_NULL                           \
    }
#define DOC_REVISION                                                                                             \
    "记录的修订号：新建为 1，每次修改加 1；GET 以 ETag 回答，PATCH/DELETE 可用 If-Match " \
    "带回，记录已被他人修改时回答 412 — the record's revision: 1 when created, one more on "     \
    "every change; GET answers it as the ETag, PATCH and DELETE take it back in If-Match and "                   \
    "answer 412 when someone else changed the record meanwhile."
#define CONSORTIUM_FIELD CONSORTIUM_FIELD_DOC(NULL)
/* The same with a documentation sentence (field_def.doc). */
#define CONSORTIUM_FIELD_DOC(d)                                                                    \
    {                                                                                              \
        "consortium_id", "联合体", "Consortium", FT_REF,                                           \
            F_REQUIRED | F_IMMUTABLE | F_FILTER | F_NOEXPORT, .ref = "consortia", .doc = d         \
    }
#define END                                                                                        \
    {                                                                                              \
        NULL                                                                                       \
    }
#define PERMS(r, c, u, d)                                                                          \
    {                                                                                              \
        [ACT_READ] = (r), [ACT_CREATE] = (c), [ACT_UPDATE] = (u), [ACT_DELETE] = (d)               \
    }

#endif
