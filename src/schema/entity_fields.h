/*
 * entity_fields.h — the columns every entity description shares (id,
 * stamps, the consortium), the list terminator, and the permission table
 * initialiser; included by the files that describe entities
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
#define STAMPS                                                                                     \
    {"created_at", "创建时间", "Created", FT_TIME, F_READONLY | F_SORT | F_NOEXPORT},              \
    {                                                                                              \
        "updated_at", "更新时间", "Updated", FT_TIME, F_READONLY | F_SORT | F_NOEXPORT             \
    }
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
