/*
 * entities_audit.c — the audit log and the login log described as
 * read-only lists.
 *
 * It is not one of entity_all: it has no routes of its own (GET
 * /api/v1/audit is api_audit.c), no import and no form; its rows are
 * written only by record_audit(), inside the transaction of the change
 * they record.  The description says once what the log's columns are,
 * which of them filter it (F_FILTER) and how a spreadsheet of it is
 * headed: Chinese labels, and with lang=en the column keys themselves
 * (the English headers the log has always been exported with).  Who
 * reads it is domain/audit.c's (perm_audit), noted in .perm as well.
 * Times are kept in UTC and exported in China Standard Time with the
 * zone (log_times_cst), hence the headers' 北京时间.
 *
 * The login log (登录日志, GET /api/v1/login-log, api_audit.c) is
 * described the same way; its rows are written by domain/auth.c and read
 * as domain/audit.c's login_log_list allows (an admin all, an
 * organisation admin their unit's users, everyone else their own).
 */
#include "schema/entity_fields.h"

static const field_def audit_fields[] = {
    {"id", "编号", "id", FT_ID, F_READONLY},
    {"at", "时间(北京时间)", "at", FT_TIME, F_READONLY},
    {"username", "用户", "username", FT_TEXT, F_READONLY},
    {"address", "地址", "address", FT_TEXT, F_READONLY},
    {"action", "操作", "action", FT_TEXT, F_READONLY | F_FILTER},
    {"entity", "对象", "entity", FT_TEXT, F_READONLY | F_FILTER},
    {"entity_id", "对象编号", "entity_id", FT_INT, F_READONLY | F_FILTER},
    {"consortium_id", "联合体", "consortium_id", FT_REF, F_READONLY | F_FILTER, .ref = "consortia"},
    {"before", "变更前", "before", FT_TEXT, F_READONLY | F_LONG},
    {"after", "变更后", "after", FT_TEXT, F_READONLY | F_LONG},
    {"user_id", "用户编号", "user_id", FT_REF, F_READONLY | F_FILTER | F_NOEXPORT, .ref = "users"},
    {NULL}};

const entity_def entity_audit_log = {"audit_log",
                                     "audit_log",
                                     "审计日志",
                                     "Audit log",
                                     audit_fields,
                                     .consortium_field = "consortium_id",
                                     .perm = PERMS(P_SECRETARIAT, P_ADMIN, P_ADMIN, P_ADMIN),
                                     .default_sort = "-at"};

static const field_def login_log_fields[] = {
    {"id", "编号", "Id", FT_ID, F_READONLY},
    {"at", "时间(北京时间)", "Time (UTC+8)", FT_TIME, F_READONLY},
    {"event", "事件", "Event", FT_TEXT, F_READONLY},
    {"username", "用户名", "Username", FT_TEXT, F_READONLY},
    {"ok", "结果", "Result", FT_BOOL, F_READONLY | F_FILTER},
    {"reason", "失败原因", "Reason", FT_TEXT, F_READONLY},
    {"address", "地址", "Address", FT_TEXT, F_READONLY},
    {"user_agent", "浏览器", "User agent", FT_TEXT, F_READONLY | F_LONG},
    {"user_id", "用户编号", "User id", FT_REF, F_READONLY | F_FILTER, .ref = "users"},
    {NULL}};

const entity_def entity_login_log = {"login_log",
                                     "login_log",
                                     "登录日志",
                                     "Login log",
                                     login_log_fields,
                                     .perm = PERMS(P_SELF | P_ORG_ADMIN, P_ADMIN, P_ADMIN, P_ADMIN),
                                     .user_field = "user_id",
                                     .default_sort = "-at"};
