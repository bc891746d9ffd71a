/*
 * entities_rounds.c — the matching round (双向选择轮次) as a register
 * entity: the secretariat creates and edits rounds through the generic
 * CRUD; everything else about a round — its status, the students' lists,
 * the enterprises' rankings, the run and the results — is domain/round.c,
 * because each step has rules (deadlines, who, in what status) that a
 * plain PATCH cannot express.  So status and the verifier's verdict are
 * read-only here.
 */
#include <jansson.h>
#include <string.h>

#include "schema/entity_fields.h"

const enum_opt round_status[] = {{"draft", "筹备中", "Draft"},
                                 {"open", "报名中", "Open for lists"},
                                 {"ranking", "企业排序", "Enterprises ranking"},
                                 {"closed", "已截止", "Closed"},
                                 {"matched", "已匹配", "Matched"},
                                 {"published", "已公布", "Published"},
                                 {NULL, NULL, NULL}};

static const enum_opt round_positions[] = {{"internship", "顶岗实习", "Internships"},
                                           {"order_class", "订单班", "Order classes"},
                                           {"both", "顶岗实习与订单班", "Both"},
                                           {NULL, NULL, NULL}};

static const enum_opt round_optimal[] = {{"student", "学生最优", "Student-optimal"},
                                         {"position", "岗位最优", "Position-optimal"},
                                         {NULL, NULL, NULL}};

static void validate_round(const entity_def *d, json_t *row, err_t *e)
{
    const char *a = json_string_value(json_object_get(row, "apply_by"));
    const char *b = json_string_value(json_object_get(row, "rank_by"));
    if (a && b && strcmp(a, b) > 0)
        err_field(e, "rank_by", "不能早于 apply_by (must not be before apply_by)");
}

static const field_def round_fields[] = {
    ID_FIELD,
    CONSORTIUM_FIELD,
    {"period", "年度", "Period", FT_INT, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_SORT, .min = 2000,
     .max = 2100},
    {"title", "轮次名称", "Title", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 2, .max = 200},
    {"positions", "岗位来源", "Positions", FT_ENUM, F_REQUIRED | F_FILTER, round_positions},
    {"status", "状态", "Status", FT_ENUM, F_READONLY | F_FILTER | F_SORT, round_status},
    {"apply_by", "学生志愿截止", "Lists due", FT_DATE, F_SORT},
    {"rank_by", "企业排序截止", "Rankings due", FT_DATE, F_SORT},
    {"max_choices", "志愿数上限", "Choices at most", FT_INT, F_REQUIRED, .min = 1, .max = 50},
    {"optimal", "匹配方式", "Optimal for", FT_ENUM, F_REQUIRED, round_optimal},
    {"verdict", "稳定性校验", "Verifier's verdict", FT_TEXT, F_READONLY | F_NOEXPORT},
    {"matched_at", "匹配时间", "Matched", FT_TIME, F_READONLY | F_NOEXPORT},
    {"published_at", "公布时间", "Published", FT_TIME, F_READONLY | F_NOEXPORT},
    {"note", "说明", "Note", FT_TEXT, F_LONG, .max = 5000},
    STAMPS,
    END};

/* Members read rounds (students are users of member schools); the
 * secretariat runs them. */
const entity_def match_rounds_entity = {"match_rounds",
                                        "match_rounds",
                                        "双选轮次",
                                        "Matching rounds",
                                        round_fields,
                                        .consortium_field = "consortium_id",
                                        .perm = {[ACT_READ] = P_MEMBERS,
                                                 [ACT_CREATE] = P_SECRETARIAT,
                                                 [ACT_UPDATE] = P_SECRETARIAT,
                                                 [ACT_DELETE] = P_SECRETARIAT},
                                        .default_sort = "-period",
                                        .validate = validate_round};
