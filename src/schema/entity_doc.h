/*
 * entity_doc.h — documentation sentences several entity descriptions
 * share: the patterns and meanings of the catalogue and region codes, what
 * a unit reference demands, and the commonest "who may" phrases of
 * entity_def.perm_doc.  They are text for people (served by the meta,
 * turned into docs/openapi.json); the rules themselves are the checks and
 * permission bits beside them.  Each sentence reads "中文 — English.".
 */
#ifndef CJ_ENTITY_DOC_H
#define CJ_ENTITY_DOC_H

/* Codes (check_occupation_code, check_major_code6, check_region_code). */
#define PATTERN_OCCUPATION_CODE "^[0-9](-[0-9]{2}){0,3}$"
#define DOC_OCCUPATION_CODE                                                                           \
    "职业编码，形如 1、1-01、1-01-00 或 1-01-00-01（大类、中类、小类、细类） " \
    "— occupation code shaped 1, 1-01, 1-01-00 or 1-01-00-01 (major group, "                        \
    "sub-major group, minor group, occupation), e.g. 6-22-02-01."
#define PATTERN_MAJOR_CODE6 "^[0-9]{6}$"
#define DOC_MAJOR_CODE6 "6 位专业代码，如 460702 — 6-digit major code, e.g. 460702."
#define PATTERN_REGION_CODE "^(1[1-9]|[2-9][0-9])[0-9]{4}$"
#define DOC_REGION_CODE                                                                                               \
    "6 位行政区划代码，须为已载入的行政区划（regions）中的代码；导入时也可写名称，" \
    "如 柳州市、广西柳州 — 6-digit administrative region code (GB/T 2260) of the loaded "                  \
    "regions catalogue, e.g. 450200; an import also takes a name such as 柳州市."

/* Unit references (F_MEMBER, F_SCHOOL, F_ENTERPRISE) and student references. */
#define DOC_MEMBER_UNIT                                                                            \
    "须为该联合体的现有成员单位 — must be a current member unit of the row's "      \
    "consortium."
#define DOC_SCHOOL_UNIT                                                                                      \
    "须为该联合体的现有成员学校（中职、高职或本科院校；否则 422）— must be a " \
    "current member school of the row's consortium (secondary or higher "                                    \
    "vocational, undergraduate; else 422)."
#define DOC_ENTERPRISE_UNIT                                                                           \
    "须为该联合体的现有成员企业（单位类型 enterprise；否则 422）— must be a " \
    "current member enterprise of the row's consortium (type enterprise; "                            \
    "else 422)."
#define DOC_STUDENT_REF                                                                                      \
    "学生（students 的 id）；导入与导出的表格中以学号表示（有学校列时在该校内" \
    "查找） — the student (an id of students); spreadsheets name the student "                          \
    "by student number (学号), looked up within the row's school when it has "                             \
    "one."

/* A matching round's deadlines (round.c: the day ends in Beijing). */
#define DOC_CST_DUE                                                                                          \
    "中国标准时间（UTC+8）的最后一天：当天北京时间全天有效，次日起保存回答 " \
    "409；为空则不限 — the last day, China Standard Time (UTC+8): the whole "                        \
    "of that day in Beijing; from the next day saving answers 409; empty: no "                               \
    "deadline."

/* Who may (entity_def.perm_doc). */
#define WHO_SECRETARIAT "本联合体秘书处 — the consortium's secretariat"
#define WHO_PLATFORM_ADMIN "平台管理员 — platform admin"
#define WHO_MEMBERS "本联合体成员单位与秘书处 — the consortium's members and secretariat"
#define WHO_PUBLISHER_STAFF                                                                        \
    "秘书处，或发布单位的工作人员 — the secretariat, or staff of the "             \
    "publishing unit"
#define WHO_PUBLIC_OR_MEMBERS                                                                      \
    "公开联合体：任何人；否则成员单位 — anyone for a public consortium, else "   \
    "its members"

#endif
