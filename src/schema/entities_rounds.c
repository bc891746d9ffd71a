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

const enum_opt round_status[] = {{"draft", "筹备中", "Draft", "筹备|草稿"},
                                 {"open", "报名中", "Open for lists", "报名|开放报名|填报中"},
                                 {"ranking", "企业排序", "Enterprises ranking", "排序中|排序"},
                                 {"closed", "已截止", "Closed", "截止|已关闭"},
                                 {"matched", "已匹配", "Matched", "匹配完成"},
                                 {"published", "已公布", "Published", "公布|已发布"},
                                 {NULL, NULL, NULL}};

static const enum_opt round_positions[] = {
    {"internship", "顶岗实习", "Internships", "岗位实习|跟岗实习|实习"},
    {"order_class", "订单班", "Order classes", "订单培养|订单式培养|冠名班"},
    {"both", "顶岗实习与订单班", "Both", "两者|两者都有|全部"},
    {NULL, NULL, NULL}};

static const enum_opt round_optimal[] = {
    {"student", "学生最优", "Student-optimal", "学生优先"},
    {"position", "岗位最优", "Position-optimal", "岗位优先|企业最优|企业优先"},
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
    CONSORTIUM_FIELD_DOC("本轮所属联合体；其成员单位（含工作人员与学生）可读本轮 — the round's "
                         "consortium; its members (their staff and students) may read the round."),
    {"period", "年度", "Period", FT_INT, F_REQUIRED | F_IMMUTABLE | F_FILTER | F_SORT, .min = 2000,
     .max = 2100, .example = "2025",
     .doc = "年度：本轮的岗位为该联合体此年度已发布的需求 — the year: the round's "
            "positions are the consortium's published demand of this period."},
    {"title", "轮次名称", "Title", FT_TEXT, F_REQUIRED | F_SORT | F_SEARCH, .min = 2, .max = 200},
    {"positions", "岗位来源", "Positions", FT_ENUM, F_REQUIRED | F_FILTER, round_positions,
     .doc = "哪些已发布的需求是本轮的岗位：该联合体本年度 kind 为 internship（顶岗实"
            "习）、order_class（订单班）或两者（both）的已发布需求；需求人数 "
            "headcount 即名额；后来撤回（不再发布或删除）的需求不再是岗位 — which "
            "published demand of the consortium and period are the round's "
            "positions: kind internship, order_class, or both; a row's headcount is "
            "its seats; a row withdrawn later (unpublished or deleted) is no longer "
            "a position."},
    {"status", "状态", "Status", FT_ENUM, F_READONLY | F_FILTER | F_SORT, round_status,
     .doc = "只读：新建为 draft；draft →open→ open →close-applications→ ranking "
            "→close→ closed →run→ matched →publish→ published（open 也可直接 close；"
            "matched 可再 run），只由 POST "
            "/api/v1/match-rounds/{id}/open|close-applications|close|run|publish 改"
            "变 — read-only: draft on creation; draft →open→ open "
            "→close-applications→ ranking →close→ closed →run→ matched →publish→ "
            "published (open may close directly; matched may run again); changed "
            "only by POST "
            "/api/v1/match-rounds/{id}/open|close-applications|close|run|publish.",
     .nullable = FN_NOT_NULL},
    {"apply_by", "学生志愿截止", "Lists due", FT_DATE, F_SORT, .example = "2025-05-15",
     .doc = "学生提交志愿（POST …/my-list）的截止日 — lists due: students' lists "
            "(POST …/my-list). " DOC_CST_DUE},
    {"rank_by", "企业排序截止", "Rankings due", FT_DATE, F_SORT, .example = "2025-05-25",
     .doc = "企业提交排序（POST …/rankings）的截止日；不能早于 apply_by（422） — "
            "rankings due: enterprises' rankings (POST …/rankings); not before "
            "apply_by (422). " DOC_CST_DUE},
    {"max_choices", "志愿数上限", "Choices at most", FT_INT, F_REQUIRED, .min = 1, .max = 50,
     .example = "5",
     .doc = "学生志愿最多几项；更长的志愿 422 — at most this many positions on a "
            "student's list; a longer list is a 422."},
    {"optimal", "匹配方式", "Optimal for", FT_ENUM, F_REQUIRED, round_optimal,
     .doc = "运行时求哪一个稳定匹配：student 学生最优（学生申请的延迟接受），"
            "position 岗位最优（岗位邀请的延迟接受） — which stable matching a run "
            "returns: the student-optimal one (students propose) or the "
            "position-optimal one (positions propose)."},
    {"verdict", "稳定性校验", "Verifier's verdict", FT_TEXT, F_READONLY | F_NOEXPORT,
     .example = "稳定 (stable)：没有哪名学生和哪个岗位彼此都更想要对方却没能配成，岗位都未"
                "超名额，每一对录取双方都在对方的名单上 (no student and position would both "
                "rather have each other than what they got; no position is over its seats; "
                "every placement is on both sides' lists) — 4/4 名学生录取 (4/4 students placed)"
                "，算法共提出 5 次申请 (5 proposals)",
     .doc = "只读：最近一次运行后稳定性校验器的结论（容量、双方可接受、无阻塞对均已验"
            "证，匹配人数与申请次数）；未运行为 null — read-only: the stability "
            "verifier's verdict on the last run (capacities, mutual acceptability "
            "and no blocking pair verified; students matched, proposals); null "
            "before any run."},
    {"matched_at", "匹配时间", "Matched", FT_TIME, F_READONLY | F_NOEXPORT,
     .doc = "只读：最近一次运行的时间；未运行为 null — read-only: when the round "
            "last ran; null before any run.",
     .nullable = FN_NULLABLE},
    {"published_at", "公布时间", "Published", FT_TIME, F_READONLY | F_NOEXPORT,
     .doc = "只读：公布的时间；未公布为 null — read-only: when the result was "
            "published; null before.",
     .nullable = FN_NULLABLE},
    {"note", "说明", "Note", FT_TEXT, F_LONG, .max = 5000},
    STAMPS,
    END};

/* Members read rounds (students are users of member schools); the
 * secretariat runs them. */
const entity_def match_rounds_entity = {
    "match_rounds",
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
    .validate = validate_round,
    .perm_doc = {"本联合体成员单位（含其工作人员与学生）与秘书处 — the consortium's "
                 "members (their staff and students) and secretariat",
                 WHO_SECRETARIAT,
                 "本联合体秘书处（状态与校验结论只由 open/close/run/publish 等操作改变） "
                 "— the consortium's secretariat (status and verdict change only through "
                 "the action routes)",
                 WHO_SECRETARIAT}};
