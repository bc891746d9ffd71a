#!/usr/bin/env python3
"""gen-openapi.py — builds docs/openapi.json, the OpenAPI 3.1 description
of every route the server answers.

    python3 scripts/gen-openapi.py [--binary build/chanjiao] [--out docs/openapi.json]
    python3 scripts/gen-openapi.py --check     # exit 1 if docs/openapi.json is stale

Why generated: the register's dozen entities, the talent platform's
(occupations, majors, crosswalk, demand, supply, students) and the
matching rounds (match_rounds) and the outcomes' (placements,
employment_outcomes, certificates, trainings) are described once, in
src/schema/entities.c, entities_talent.c, entities_rounds.c and
entities_outcomes.c.  Writing their schemas and their five CRUD operations
each by hand would drift from those descriptions at the first new field.
So this script asks the binary itself:

  * `chanjiao routes` — every METHOD PATH the router matches;
  * `chanjiao meta` — the descriptions as GET /api/v1/meta/entities
    serves them: fields (types, required, read-only, enumerations with
    Chinese labels, catalogue codes, tag lists, and per field the
    validator's pattern, an example and a documentation sentence), who
    may read / create / update / delete (rule names and the same in
    words), the default order, the unique keys and the import kind;

and turns each entity into a read schema, a create schema, a PATCH schema,
filter/sort parameters and five operations.  It keeps no copy of those
facts: a changed rule, order, key or hint changes the document at the
next run.  What is truly special (auth, composition, council, stats, vote
result, search, audit, import, the landing page) is described by hand in
special_operations() below, the talent analyses (gap, trend,
recommendations, demand reports; api_talent.c) in talent_operations(),
and the matching rounds' steps, lists, rankings and views (api_round.c,
rules in domain/round.c) in round_operations(), and the outcome figures
(api_outcomes.c) in outcomes_operations(); the enumerations those reuse
(organisation types, import kinds, …) are read from the meta too.

A router route nobody has described by hand is still documented, from
the route alone (derived_operation: its path parameters, tag, security,
a JSON answer of any shape, the error statuses of the server's table),
marked x-derived and warned about; a described route the router does not
have yet is only warned about (a route being added in parallel).  Facts
the server states once are read, not copied: the error codes and their
statuses (src/core/util.c's table and the codes handlers write), the
permission rule names (the meta), HEAD beside every GET (the server
answers it as the GET) and the 405 every path gives a method it lacks.

The contract is checked three ways: tests/api/test_openapi.py compares
the served document with the router and the entity metadata; `make lint`
runs two linters over it (redocly, spectral: tests/contract); and ctest's
contract/live validates every answer the API tests received against it
(tests/contract/validate.mjs).  So the document and the server cannot
drift.  The binary embeds docs/openapi.json at build
time (scripts/embed.cmake): rebuild after regenerating.

Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API = "/api/v1"

# ---- facts from the descriptions -------------------------------------------------
# Everything an entity is comes from `chanjiao meta` (src/schema/entity.c):
# its fields with their patterns, examples and documentation, who may do
# what (as rule names and in words), the default order, the unique keys
# and the import kind.  The helpers below only read it.

def admin_only(e):
    """Only platform admins may read the entity (users): its list answers
    anonymous callers 401 and others 403."""
    return e["permissions"]["read"] == ["platform_admin"]


def unique_prose(e):
    """The entity's unique keys as the descriptions say them: credit_code,
    or (consortium_id, version) for a key of several fields; None if none."""
    keys = ["%s" % k[0] if len(k) == 1 else "(%s)" % ", ".join(k) for k in e["unique"]]
    return "; ".join(keys) or None


def import_kinds(meta):
    """POST /api/v1/import/{entity}: the kinds the descriptions import, in
    their order."""
    return [e["import"]["kind"] for e in meta if e.get("import")]


PERMISSION_RULES = ["public", "members", "secretariat", "org_admin", "org_staff", "signed_in",
                    "self", "org2_staff", "platform_admin"]


def permission_rules(meta):
    """The rule names of EntityMeta.permissions (src/schema/entity.c's
    perm_json): the known ones, then any a description uses that this list
    lacks, so a new rule is in the enumeration at the next run."""
    rules = list(PERMISSION_RULES)
    for e in meta:
        for names in e["permissions"].values():
            rules += [n for n in names if n not in rules]
    return rules


def ref(kind, name):
    return {"$ref": "#/components/%s/%s" % (kind, name)}


def url_name(entity):
    return entity.replace("_", "-")


def schema_name(entity):
    """organizations → Organization, consortia → Consortium,
    work_plan_items → WorkPlanItem, policies → Policy."""
    parts = entity.split("_")
    last = parts[-1]
    if last.endswith("ia"):
        last = last[:-1] + "um"
    elif last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s"):
        last = last[:-1]
    parts[-1] = last
    return "".join(p.capitalize() for p in parts)


# ---- talking to the binary ------------------------------------------------------

def read_routes(binary):
    p = subprocess.run([binary, "routes"], capture_output=True, text=True, check=True)
    routes = []
    for line in p.stdout.splitlines():
        line = line.strip()
        if line:
            method, path = line.split(None, 1)
            routes.append((method, path))
    return routes


def read_meta(binary):
    """The entity descriptions, as `chanjiao meta` prints them (the body of
    GET /api/v1/meta/entities; no server, no database)."""
    p = subprocess.run([binary, "meta"], capture_output=True, text=True, check=True)
    return json.loads(p.stdout)["items"]


# ---- schemas from the metadata ------------------------------------------------------

def field_schema(entity, f, for_write, for_filter=False):
    t = f["type"]
    nullable = not for_filter and f["nullable"]
    s = {}
    if t in ("id", "ref"):
        s = {"type": "integer", "format": "int64", "minimum": 1}
    elif t == "integer":
        s = {"type": "integer", "format": "int64"}
        if "min" in f:
            s["minimum"], s["maximum"] = f["min"], f["max"]
    elif t == "number":
        s = {"type": "number"}
        if "min" in f:
            s["minimum"], s["maximum"] = f["min"], f["max"]
    elif t == "text":
        s = {"type": "string"}
        if f.get("min"):
            s["minLength"] = f["min"]
        if f.get("max"):
            s["maxLength"] = f["max"]
    elif t == "boolean":
        s = {"type": "boolean"}
    elif t == "date":
        s = {"type": "string", "format": "date"}
    elif t == "datetime":
        s = {"type": "string", "format": "date-time"}
    elif t == "enum" and f.get("extensible"):
        # A consortium adds its own codes (option lists): the shipped
        # values are examples, not the whole set.
        values = [o["value"] for o in f["options"]]
        s = {"type": "string", "minLength": 1, "examples": values,
             "x-extensible": True,
             "x-labels-zh": {o["value"]: o["label_zh"] for o in f["options"]},
             "x-labels-en": {o["value"]: o["label_en"] for o in f["options"]}}
    elif t == "enum":
        values = [o["value"] for o in f["options"]]
        s = {"type": "string", "enum": values + ([None] if nullable else []),
             "x-labels-zh": {o["value"]: o["label_zh"] for o in f["options"]},
             "x-labels-en": {o["value"]: o["label_en"] for o in f["options"]}}
        synonyms = {o["value"]: o["synonyms"] for o in f["options"] if o.get("synonyms")}
        if synonyms:
            s["x-synonyms"] = synonyms
    elif t == "idlist":
        if for_filter:
            s = {"type": "integer", "format": "int64", "minimum": 1}
        else:
            s = {"type": "array", "items": {"type": "integer", "format": "int64", "minimum": 1},
                 "uniqueItems": True}
            if f.get("min"):
                s["minItems"] = f["min"]
            if f.get("max"):
                s["maxItems"] = f["max"]
    elif t == "file":
        s = {"type": "string", "pattern": "^[0-9a-f]{64}$",
             "x-file-kinds": f.get("kinds", [])}
    elif t == "filelist":
        s = {"type": "array", "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
             "uniqueItems": True, "x-file-kinds": f.get("kinds", [])}
        if f.get("max"):
            s["maxItems"] = f["max"]
    else:
        raise SystemExit("gen-openapi: unknown field type %r (%s.%s)" % (t, entity, f["name"]))
    if nullable:
        s["type"] = [s["type"], "null"]
    s = {"title": "%s · %s" % (f["label_zh"], f["label_en"]), **s}
    desc = []
    if f.get("doc"):
        desc.append(f["doc"])
    if t == "text" and f.get("pattern") and not for_filter:
        s["pattern"] = f["pattern"]
    if "example" in f:
        s["examples"] = [f["example"]]
    if t in ("ref", "idlist") and f.get("ref"):
        desc.append("%s → %s%s/{id}" % ("编号 id" if t == "ref" else "编号列表 ids", API + "/",
                                        url_name(f["ref"])))
        s["x-ref-entity"] = f["ref"]
    if t == "filelist":
        desc.append("上传文件编号的数组，每个如文件字段（POST %s/files 答复的 id），读取：GET %s/files/{id}；"
                    "表格中以 ; 分隔 — an array of uploaded files' ids, each as a file field (the id "
                    "POST %s/files answers), read at GET %s/files/{id}; in a sheet joined by ;. "
                    "Kinds: %s." % (API, API, API, API, ", ".join(f.get("kinds", []))))
    if t == "file":
        desc.append("上传文件的编号（POST %s/files 答复的 id，SHA-256），读取：GET %s/files/{id}；"
                    "须为本单位上传或本记录已引用的文件 — an uploaded file's id (the SHA-256 that POST "
                    "%s/files answers), read at GET %s/files/{id}; it must have been uploaded by "
                    "the caller's unit or be referenced by this record already. Kinds: %s."
                    % (API, API, API, API, ", ".join(f.get("kinds", []))))
    if f.get("catalog"):
        cat_zh = {"occupations": "职业分类", "majors": "专业目录"}.get(f["catalog"], f["catalog"])
        desc.append("须为已载入的%s中的代码（GET %s/%s），写入时检查，否则 422 — must be a code of "
                    "the loaded %s catalogue (GET %s/%s), checked on write: 422 otherwise."
                    % (cat_zh, API, url_name(f["catalog"]), f["catalog"][:-1],
                       API, url_name(f["catalog"])))
        s["x-catalog"] = f["catalog"]
    if f.get("tags") and not for_filter:
        desc.append("标签列表：以 ; ； 、 , ， 分隔的各项去掉首尾空白后以“、”连接保存（空项舍去），如 "
                    "\"PLC; 电气维修\" 存为 \"PLC、电气维修\" — a tag list: items separated by ; ； 、 , "
                    "or ， are trimmed and stored joined by 、 (empty items dropped).")
        s["x-tag-list"] = True
    if t == "enum":
        desc.append("；".join("%s = %s (%s)" % (o["value"], o["label_zh"], o["label_en"])
                             for o in f["options"]))
    if t == "enum" and f.get("extensible"):
        desc.append("可扩展：联合体秘书处可在字典中增加选项（GET %s/consortia/{id}/options），写入时"
                    "也接受其中文或英文名称 — extensible: the consortium's secretariat adds options "
                    "(GET %s/consortia/{id}/options); writes also accept their Chinese or English "
                    "label." % (API, API))
    if t == "datetime":
        desc.append("UTC, YYYY-MM-DDTHH:MM:SSZ")
    if f.get("private") and not for_filter:
        desc.append("个人信息：仅对可编辑此记录者显示 (personal data: shown only to those who may edit the row)")
    if f.get("immutable") and for_write:
        desc.append("创建后不可修改 (cannot be changed after creation)")
        s["x-immutable"] = True
    if f.get("readonly"):
        s["readOnly"] = True
    if f.get("writeonly"):
        s["writeOnly"] = True
    if desc:
        s["description"] = " ".join(desc)
    return s


# References a student's erasure (PIPL; store_privacy.c) replaces with a
# negative pseudonymous number — one per erased student, so the rows still
# count apart — instead of NULL, because the field is required.  Only the
# read shape says so: nobody may write one.
ERASED_REFS = {("placements", "student_id")}


def entity_schemas(e):
    name, sn = e["name"], schema_name(e["name"])
    label = "%s · %s" % (e["label_zh"], e["label_en"])
    fields = e["fields"]
    read = {"type": "object", "title": label, "x-entity": name,
            "description": "%s（读取时的形状） — %s as returned by the API. "
                           "可选字段无值时为 null (optional fields are null when empty)."
                           % (e["label_zh"], e["label_en"]),
            "properties": {}, "required": []}
    write = {"type": "object", "title": label + " (create)", "x-entity": name,
             "description": "创建%s时的请求体：只读字段（id、时间戳等）不可提交，未知字段报 422 — "
                            "request body to create a record: read-only fields are refused, "
                            "unknown fields are a 422." % e["label_zh"],
             "additionalProperties": False, "properties": {}, "required": []}
    patch = {"type": "object", "title": label + " (update)", "x-entity": name,
             "description": "PATCH 请求体：只改所给字段；创建后不可修改的字段不能出现 — PATCH body: "
                            "only the given fields change; fields fixed at creation are refused.",
             "additionalProperties": False, "properties": {}}
    for f in fields:
        if not f.get("writeonly"):
            read["properties"][f["name"]] = field_schema(name, f, False)
            if (name, f["name"]) in ERASED_REFS:
                rs = read["properties"][f["name"]]
                rs.pop("minimum", None)
                rs["description"] = (rs.get("description", "") + " 学生信息被删除（个人信息保护法）后为负数"
                                     "的假名编号，每个被删除的学生一个 — after the student's erasure "
                                     "(PIPL), a negative pseudonymous number, one per erased "
                                     "student.").strip()
            if not f.get("private"):
                read["required"].append(f["name"])
        if not f["readonly"]:
            write["properties"][f["name"]] = field_schema(name, f, True)
            if f["required"]:
                write["required"].append(f["name"])
            if not f.get("immutable"):
                pf = field_schema(name, f, False)
                patch["properties"][f["name"]] = pf
    if unique_prose(e):
        read["description"] += (" 唯一约束 (unique): %s — 重复时 409 (a duplicate is a 409)."
                                % unique_prose(e))
    lst = {"title": label + " list",
           "allOf": [ref("schemas", "ListEnvelope"),
                     {"type": "object",
                      "properties": {"items": {"type": "array", "items": ref("schemas", sn)}}}]}
    return {sn: read, sn + "Write": write, sn + "Patch": patch, sn + "List": lst}


def entity_parameters(e):
    """Sort and filter parameters of an entity's list, keyed for
    components.parameters."""
    name, sn = e["name"], schema_name(e["name"])
    out = {}
    sortable = [f["name"] for f in e["fields"] if f["sort"]]
    values = []
    for s in sortable:
        values += [s, "-" + s]
    out[sn + ".sort"] = {
        "name": "sort", "in": "query", "required": False,
        "description": "排序字段，前加 - 为降序；默认 %s — sort field, '-' for descending; default %s."
                       % (e["default_sort"], e["default_sort"]),
        "schema": {"type": "string", "enum": values, "default": e["default_sort"]},
    }
    for f in e["fields"]:
        if not f["filter"]:
            continue
        s = field_schema(name, f, False, for_filter=True)
        s.pop("readOnly", None)
        s.pop("description", None)
        d = "按%s筛选（精确匹配；空值忽略）— filter: %s equals this value (empty: ignored)." % (
            f["label_zh"], f["label_en"])
        if f["type"] == "enum":
            d += " 也接受中文标签 (Chinese labels accepted): " + "、".join(
                o["label_zh"] for o in f["options"]) + "."
        elif f["type"] == "boolean":
            d += " 1/0、true/false、是/否."
        elif f["type"] == "idlist":
            d += " 列表中含此编号的记录 (rows whose list contains this id)."
        elif f["type"] == "date":
            d += " YYYY-MM-DD."
        if not f["required"] and f["type"] not in ("id", "text"):
            # api_entity.c: ?field=null matches rows where the field is empty.
            zh = en = ""
            if (name, f["name"]) == ("crosswalk", "consortium_id"):
                zh, en = "（?consortium_id=null 为共用对应表）", " (?consortium_id=null: the shared crosswalk)"
            d += " null：该字段为空的记录%s — null: rows where it is empty%s." % (zh, en)
            s = {"title": s.pop("title"), "anyOf": [s, {"type": "string", "const": "null"}]}
        out["%s.%s" % (sn, f["name"])] = {"name": f["name"], "in": "query", "required": False,
                                          "description": d, "schema": s}
    return out


# ---- common pieces ------------------------------------------------------------------

def read_error_codes():
    """Every error code the server can answer, read from its source: the
    table of src/core/util.c (err_code → code, status) and the codes a
    handler writes itself (json_pack(..., "error", "code",
    "unsupported_media_type", ...)).  The Error
    schema's enumeration is this list, so a code added there is in the
    document at the next run (and the live check of tests/contract would
    flag a code answered but missing here)."""
    import re
    with open(os.path.join(ROOT, "src", "core", "util.c"), encoding="utf-8") as f:
        table = [(c, int(st)) for c, st in
                 re.findall(r'\[ERR_\w+\]\s*=\s*\{"(\w+)",\s*(\d+)\}', f.read()) if c != "ok"]
    ERROR_STATUS.update(table)
    codes = [c for c, _ in table]
    # Codes a handler answers itself, with their status:
    # http_json(r, 415, json_pack(..., "error", "code", "unsupported_media_type", ...)).
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for fn in sorted(files):
            if fn.endswith(".c"):
                with open(os.path.join(dirpath, fn), encoding="utf-8") as f:
                    for st, c in re.findall(r'http_json\(r,\s*(\d+),\s*json_pack\([^;]*?"error",\s*'
                                            r'"code",\s*"([a-z_]+)"', f.read()):
                        ERROR_STATUS.setdefault(c, int(st))
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for fn in sorted(files):
            if fn.endswith(".c"):
                with open(os.path.join(dirpath, fn), encoding="utf-8") as f:
                    for c in re.findall(r'"error",\s*"code",\s*"([a-z_]+)"', f.read()):
                        if c not in codes:
                            codes.append(c)
    return codes


ERROR_STATUS = {}  # code → HTTP status, from src/core/util.c's table
ERROR_CODES = read_error_codes()

RESPONSES = {
    "BadRequest": (400, "bad_request",
                   "请求格式错误：JSON 无法解析、请求体不是对象、查询参数无效（details 指出参数） — "
                   "malformed request: unparsable JSON, a body that is not an object, bad query "
                   "parameters (details names them).",
                   {"code": "bad_request", "message": "JSON 格式错误，第 1 行第 2 列：...",
                    "details": None}),
    "Unauthorized": (401, "unauthorized",
                     "未登录，或 Bearer 令牌无效/过期（带了无效令牌的请求在任何路由上都是 401） — not signed "
                     "in, or the bearer token is invalid or expired (a bad token is a 401 on every route).",
                     {"code": "unauthorized", "message": "请先登录", "details": None}),
    "Forbidden": (403, "forbidden",
                  "已登录但无权执行；或以 Cookie 认证的写请求缺少正确的 X-CSRF-Token 头 — signed in but "
                  "not allowed; or a cookie-authenticated write without the right X-CSRF-Token header.",
                  {"code": "forbidden", "message": "无权执行此操作", "details": None}),
    "NotFound": (404, "not_found",
                 "记录不存在，或调用者无权看到它（不透露其存在） — no such record, or one the caller may not "
                 "see (its existence is not revealed). Also any unknown path.",
                 {"code": "not_found", "message": "联合体 999 不存在", "details": None}),
    "MethodNotAllowed": (405, "method_not_allowed",
                         "路径存在但不支持该方法（任何路径上未列出的方法都得到此回答） — the path exists "
                         "but not with this method (every method not listed for a path gets this).",
                         {"code": "method_not_allowed",
                          "message": "不支持 PUT 方法，可用：GET, PATCH, DELETE", "details": None}),
    "Conflict": (409, "conflict",
                 "与已有记录重复（唯一约束；details 指出字段），或状态冲突（如删除自己的账号） — "
                 "duplicates an existing record (details names the unique field), or a state "
                 "conflict such as deleting one's own account.",
                 {"code": "conflict", "message": "与已有成员单位重复",
                  "details": {"credit_code": "已存在相同记录"}}),
    "PreconditionFailed": (412, "precondition_failed",
                           "If-Match 所给的版本标记已不是记录的当前版本：记录已被他人修改，本次写入未做任何"
                           "改动；details 给出当前修订号与 ETag，重新读取后再试 — the If-Match tag is not the "
                           "record's current one: someone else changed the record, and nothing was "
                           "written; details give the current revision and ETag; read the record again "
                           "and retry.",
                           {"code": "precondition_failed",
                            "message": "该记录已被他人修改，请刷新后再试",
                            "details": {"revision": "3", "etag": "\"3\""}}),
    "PayloadTooLarge": (413, "payload_too_large",
                        "请求体超过上限：JSON 1 MiB，导入文件 64 MiB — the body exceeds the limit: "
                        "1 MiB for JSON, 64 MiB for an imported file.",
                        {"code": "payload_too_large",
                         "message": "请求体超过 1048576 字节上限", "details": None}),
    "ValidationFailed": (422, "validation_failed",
                         "校验失败；details 是 {字段: 原因} 对象，列出每个有问题的字段 — validation "
                         "failed; details is an object {field: reason} naming every bad field.",
                         {"code": "validation_failed",
                          "message": "输入有误，请检查标出的字段",
                          "details": {"credit_code": "统一社会信用代码校验位错误，应为 E",
                                      "type": "取值“工厂”无效；可选：政府部门，企业，..."}}),
    "RateLimited": (429, "rate_limited",
                    "登录尝试过多（按账号、来源地址及两者组合限流）；Retry-After 给出等待秒数，策略见 "
                    "docs/security.md — too many sign-in attempts (limited per account, per address "
                    "and per pair); Retry-After gives the seconds to wait (docs/security.md).",
                    {"code": "rate_limited",
                     "message": "登录尝试过多，请稍后再试",
                     "details": None}),
}


def error_response(name):
    status, code, desc, example = RESPONSES[name]
    r = {"description": desc,
         "content": {"application/json": {"schema": ref("schemas", "Error"),
                                           "example": {"error": example}}}}
    if status == 405:
        r["headers"] = {"Allow": {"description": "此路径支持的方法，如 GET, POST — the methods the "
                                                 "path has, e.g. GET, POST.",
                                  "schema": {"type": "string"}}}
    if status == 429:
        r["headers"] = {"Retry-After": {"description": "秒 — seconds", "schema": {"type": "integer"}}}
    return r


def response_for(status):
    """The components.responses name of an error status: the one written
    above, or — for a status only the server's table has (a code added
    there, e.g. by a new check) — one made from its code, so a route
    answering it can be documented before anyone words it better."""
    by_status = {v[0]: k for k, v in RESPONSES.items()}
    if status in by_status:
        return by_status[status]
    code = [c for c, st in ERROR_STATUS.items() if st == status][0]
    name = "".join(w.capitalize() for w in code.split("_"))
    RESPONSES[name] = (status, code, "%s（HTTP %d），原因见 message — %s (HTTP %d); the message says why."
                       % (code, status, code.replace("_", " "), status),
                       {"code": code, "message": "…", "details": None})
    return name


def resp(*names):
    """Error responses by status: resp(400, 401) → {"400": $ref, ...}."""
    return {str(s): ref("responses", response_for(s)) for s in names}


def json_ok(description, schema, example=None):
    c = {"schema": schema}
    if example is not None:
        c["example"] = example
    return {"description": description, "content": {"application/json": c}}


SEC_OPTIONAL = [{}, {"bearer": []}, {"cookie": []}]
SEC_READ = [{"bearer": []}, {"cookie": []}]
SEC_WRITE = [{"bearer": []}, {"cookie": [], "csrf": []}]


def common_schemas(meta):
    org_types = meta_options(meta, "organizations", "type")
    return {
        "Error": {
            "type": "object", "title": "错误 · Error",
            "description": "所有错误（4xx/5xx）的统一形状，从不返回 HTML — every 4xx/5xx answers this "
                           "envelope, never HTML.",
            "required": ["error"], "additionalProperties": False,
            "properties": {"error": {
                "type": "object", "required": ["code", "message", "details"],
                "properties": {
                    "code": {"type": "string", "enum": ERROR_CODES,
                             "description": "机器可读的错误码 — machine-readable code."},
                    "message": {"type": "string",
                                "description": "给人看的说明，用调用者的语言（Accept-Language：zh* 或 "
                                               "en*，默认中文；回答头 Content-Language） — human "
                                               "message in the caller's language (Accept-Language: "
                                               "zh* or en*, Chinese by default; the answer's "
                                               "Content-Language says which)."},
                    "details": {"description": "null，或 {字段: 原因}（422、400、409），或 412 的 "
                                               "{\"revision\", \"etag\"}（当前版本），或导入时的 "
                                               "{\"rows\": [...]} — null, or {field: reason} (422, 400, "
                                               "409), or {\"revision\", \"etag\"} of the current "
                                               "version (412), or {\"rows\": [...]} for an import.",
                                "oneOf": [{"type": "null"},
                                          {"type": "object",
                                           "additionalProperties": {"type": ["string", "integer"]}},
                                          ref("schemas", "ImportErrorDetails"),
                                          ref("schemas", "OverbookingDetails")]},
                }}},
        },
        "ListEnvelope": {
            "type": "object", "title": "列表 · List",
            "description": "列表的统一形状：items 为本页记录，total 为符合条件的总数 — every list: items "
                           "of this page, total matching rows, and the page asked for.",
            "required": ["items", "total"],
            "properties": {
                "items": {"type": "array", "items": {}},
                "total": {"type": "integer", "minimum": 0, "description": "符合条件的记录总数 — rows matching, all pages."},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
            },
        },
        "SessionUser": {
            "type": "object", "title": "当前用户 · Signed-in user",
            "required": ["id", "username", "display_name", "role", "organization_id", "consortium_id"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "username": {"type": "string"},
                "display_name": {"type": "string"},
                "role": {"type": "string",
                         "enum": ["platform_admin", "secretariat", "org_admin", "org_staff", "student",
                                  "authority"],
                         "x-labels-zh": {"platform_admin": "平台管理员", "secretariat": "秘书处",
                                         "org_admin": "单位管理员", "org_staff": "单位工作人员",
                                         "student": "学生"}},
                "organization_id": {"type": ["integer", "null"], "format": "int64"},
                "consortium_id": {"type": ["integer", "null"], "format": "int64",
                                  "description": "秘书处账号所属联合体 — the secretariat's consortium."},
                "csrf_token": {"type": "string",
                               "description": "仅在以 Cookie 认证时返回（/auth/me） — only when signed in "
                                              "by cookie (/auth/me): send it back as X-CSRF-Token."},
            },
        },
        "LoginRequest": {
            "type": "object", "title": "登录 · Sign-in",
            "required": ["username", "password"],
            "properties": {"username": {"type": "string", "minLength": 1, "maxLength": 64},
                           "password": {"type": "string", "minLength": 1, "maxLength": 256,
                                        "format": "password"}},
        },
        "LoginResponse": {
            "type": "object", "title": "登录结果 · Session",
            "required": ["token", "csrf_token", "expires_in", "user"],
            "properties": {
                "token": {"type": "string",
                          "description": "会话令牌，用于 Authorization: Bearer（同时以 HttpOnly Cookie "
                                         "cj_session 下发） — session token for Authorization: Bearer "
                                         "(also set as the HttpOnly cookie cj_session)."},
                "csrf_token": {"type": "string",
                               "description": "以 Cookie 认证的写请求须在 X-CSRF-Token 头中回送 — echo in "
                                              "the X-CSRF-Token header on cookie-authenticated writes."},
                "expires_in": {"type": "integer", "description": "有效秒数 — seconds until the session expires (43200 = 12 h)."},
                "user": ref("schemas", "SessionUser"),
            },
        },
        "Health": {
            "type": "object", "required": ["status"],
            "properties": {"status": {"type": "string", "const": "ok"},
                           "version": {"type": "string"},
                           "schema": {"type": "integer", "description": "数据库迁移版本 — database schema version."},
                           "demo": {"type": "boolean", "description": "演示模式 — running in demo mode."}},
        },
        "EntityMetaList": {
            "type": "object", "title": "实体描述 · Entity descriptions",
            "required": ["items", "total"],
            "properties": {"total": {"type": "integer"},
                           "items": {"type": "array", "items": ref("schemas", "EntityMeta")}},
        },
        "EntityMeta": {
            "type": "object",
            "required": ["name", "label_zh", "label_en", "fields", "permissions", "permissions_doc",
                         "default_sort", "unique", "import"],
            "properties": {
                "name": {"type": "string", "description": "实体名；URL 中 _ 写作 - — entity name; '_' is '-' in URLs."},
                "label_zh": {"type": "string"}, "label_en": {"type": "string"},
                "fields": {"type": "array", "items": ref("schemas", "FieldMeta")},
                "permissions": {
                    "type": "object", "required": ["read", "create", "update", "delete"],
                    "description": "每个动作允许的规则名（界面据此显示可做的事；服务器照样逐条检查） — "
                                   "the rules allowing each action (the UI shows what a role may "
                                   "do; the server checks all the same).",
                    "properties": {a: {"type": "array", "items": {"type": "string",
                                                                  "enum": permission_rules(meta)}}
                                   for a in ("read", "create", "update", "delete")}},
                "permissions_doc": {
                    "type": "object", "required": ["read", "create", "update", "delete"],
                    "description": "同样的规则的文字说明（哪些记录、哪些字段） — the same rules in words "
                                   "(which rows, which fields), \"中文 — English\".",
                    "properties": {a: {"type": "string"}
                                   for a in ("read", "create", "update", "delete")}},
                "default_sort": {"type": "string", "examples": ["-period"],
                                 "description": "列表的默认排序，前加 - 为降序 — the lists' default "
                                                "order; '-' for descending."},
                "unique": {"type": "array", "items": {"type": "array", "items": {"type": "string"},
                                                     "minItems": 1},
                           "examples": [[["consortium_id", "version"]]],
                           "description": "唯一键，每个为字段名列表；重复时 409 — the unique keys, each a "
                                          "list of field names; a duplicate is a 409."},
                "workflow": {"type": "boolean", "const": True,
                             "description": "状态按序推进，每一步由相应一方操作；乱序为 409（新建与修改）"
                                            " — the status moves through steps in order, each by "
                                            "its party; out of order is a 409 (create and "
                                            "update)."},
                "visibility_field": {"type": "string", "examples": ["visibility"],
                                     "description": "按此字段（public / members / secretariat）限定"
                                                    "每条记录的读者：列表、读取、导出、检索与计数都一样 — "
                                                    "the field (public / members / secretariat) by "
                                                    "which each row narrows its readers, in lists, "
                                                    "reads, exports, search and counts alike."},
                "import": {"oneOf": [{"type": "null"}, {
                    "type": "object",
                    "required": ["kind", "consortium", "upsert", "edition", "key", "conflict",
                                 "natural"],
                    "properties": {
                        "kind": {"type": "string", "examples": ["members"],
                                 "description": "POST /api/v1/import/{kind}"},
                        "consortium": {"type": "string", "enum": ["none", "required", "optional"],
                                       "description": "导入是否须指定联合体（?consortium_id=）— "
                                                      "whether an import names a consortium "
                                                      "(?consortium_id=): never, always, or "
                                                      "optionally (shared rows without)."},
                        "upsert": {"type": "boolean",
                                   "description": "已有的行被更新而非报重复 — existing rows are "
                                                  "updated instead of refused."},
                        "edition": {"type": "boolean",
                                    "description": "导入的是一个版本（如目录的年版），需 ?edition= — "
                                                   "the file is an edition (a catalogue's year), "
                                                   "named with ?edition=."},
                        "key": {"type": "array", "items": {"type": "string"},
                                "description": "文件内判重的字段 — the fields that make two rows "
                                               "of one file duplicates."},
                        "conflict": {"type": ["string", "null"],
                                     "description": "重复时的错误信息 — the message of a "
                                                    "duplicate."},
                        "natural": {"type": "array", "items": {"type": "string"},
                                    "description": "自然键：导入的 update/upsert 模式据此找到已有的行；"
                                                   "为空则按内容（必填字段相同、其余所给字段相同）— "
                                                   "the natural key by which update and upsert "
                                                   "imports find a live row; empty: by content "
                                                   "(equal required fields, equal given fields)."}}}],
                           "description": "如何导入：null 为不能导入 — how the entity is imported; "
                                          "null: it is not."},
                "sheet_ref": {"type": "array", "items": {"type": "string"},
                              "examples": [["credit_code", "name"]],
                              "description": "表格中如何指称本实体的行（依次尝试的列）；无此键则用 id — "
                                             "how a spreadsheet names a row of this entity (the "
                                             "columns tried in order); absent: by id."},
            },
        },
        "FieldMeta": {
            "type": "object",
            "required": ["name", "label_zh", "label_en", "type", "required", "readonly",
                         "immutable", "filter", "sort", "long", "private", "nullable"],
            "properties": {
                "name": {"type": "string"}, "label_zh": {"type": "string"},
                "label_en": {"type": "string"},
                "type": {"type": "string", "enum": ["id", "text", "integer", "boolean", "date",
                                                    "datetime", "enum", "ref", "idlist", "number", "file",
                                                    "filelist"],
                         "description": "number：JSON 数（小数），min/max 为取值范围 — number: a "
                                        "JSON number (decimal); min/max bound its value."},
                "required": {"type": "boolean"}, "readonly": {"type": "boolean"},
                "immutable": {"type": "boolean"}, "filter": {"type": "boolean"},
                "sort": {"type": "boolean"}, "long": {"type": "boolean"},
                "private": {"type": "boolean"}, "writeonly": {"type": "boolean"},
                "kinds": {"type": "array", "items": {"type": "string", "enum": ["pdf", "docx", "xlsx",
                                                                              "png", "jpeg"]},
                          "description": "file：可接受的文件类型 — file: the kinds it takes."},
                "nullable": {"type": "boolean",
                             "description": "读取时可能为 null — the API may show null for it."},
                "unit_kind": {"type": "string", "enum": ["school", "enterprise", "government"],
                              "description": "所指单位须为此类 — the organisation referred to must "
                                             "be of this kind."},
                "self_edit": {"type": "boolean", "const": True,
                              "description": "记录所涉学生本人可改 — the student the row is about "
                                             "may change it."},
                "registrar": {"type": "boolean", "const": True,
                              "description": "只由秘书处或平台管理员修改 — changed only by the "
                                             "secretariat or the platform admin."},
                "pattern": {"type": "string", "description": "取值须符合的正则表达式 — the regular "
                                                             "expression the value matches."},
                "example": {"description": "典型取值 — a typical value."},
                "doc": {"type": "string", "description": "字段说明 — what the value means, "
                                                         "\"中文 — English.\""},
                "min": {"type": "integer", "description": "text: 字数 characters; integer, number: 取值 value; idlist: 项数 entries"},
                "max": {"type": "integer"},
                "ref": {"type": "string", "description": "ref/idlist 指向的实体 — the entity referred to."},
                "catalog": {"type": "string", "enum": ["occupations", "majors", "regions"],
                            "description": "text 字段的值须为该目录中已载入的代码 — a text field whose "
                                           "value must be a code of this loaded catalogue."},
                "tags": {"type": "boolean", "const": True,
                         "description": "标签列表：以 ; ； 、 , ， 分隔，以“、”连接保存 — a tag list: items "
                                        "separated by ; ； 、 , ， are stored joined by 、."},
                "search": {"type": "boolean", "const": True,
                           "description": "参与 q= 全文检索 — searched by q=."},
                "search_names": {"type": "boolean", "const": True,
                                 "description": "q= 也查找此字段所指记录的名称（单位、联合体、职业、专业…） — "
                                                "q= also matches the names of the record this field "
                                                "links to (units, consortia, occupations, majors…)."},
                "extensible": {"type": "boolean", "const": True,
                               "description": "枚举可由联合体字典扩展 — an enumeration the "
                                              "consortium's option lists extend."},
                "options": {"type": "array", "items": {
                    "type": "object", "required": ["value", "label_zh", "label_en"],
                    "properties": {"value": {"type": "string"}, "label_zh": {"type": "string"},
                                   "label_en": {"type": "string"}}}},
            },
        },
        "Composition": {
            "type": "object", "title": "成员构成 · Composition",
            "description": "按单位类型统计的现有成员单位数；一个单位担任多个职务只计一次 — current "
                           "member units by type; a unit holding several council roles counts once.",
            "required": ["total", "by_type"], "additionalProperties": False,
            "properties": {
                "total": {"type": "integer", "minimum": 0},
                "by_type": {"type": "object", "required": org_types, "additionalProperties": False,
                            "properties": {t: {"type": "integer", "minimum": 0} for t in org_types}},
            },
            "examples": [{"total": 84, "by_type": {"government": 8, "enterprise": 59,
                                                 "undergraduate": 2, "higher_vocational": 6,
                                                 "secondary_vocational": 7, "research_institute": 2,
                                                 "industry_association": 0, "other": 0}}],
        },
        "CouncilMember": {
            "type": "object", "title": "理事会成员 · Council entry",
            "description": "一行一个职务：担任多个职务的单位出现多次 — one row per role held; a unit "
                           "with several roles appears once per role.",
            "required": ["membership_id", "organization_id", "organization_name", "organization_type",
                         "role", "role_order"],
            "properties": {
                "membership_id": {"type": "integer", "format": "int64"},
                "organization_id": {"type": "integer", "format": "int64"},
                "organization_name": {"type": "string"},
                "short_name": {"type": ["string", "null"]},
                "organization_type": {"type": "string", "enum": org_types},
                "role": {"type": "string",
                         "enum": ["chair", "executive_chair", "vice_chair", "secretary_general",
                                  "deputy_secretary_general", "council_member", "member"]},
                "role_zh": {"type": "string", "examples": ["理事长单位"]},
                "role_en": {"type": "string", "examples": ["Chair"]},
                "term": {"type": ["integer", "null"], "description": "届次 — term."},
                "joined_on": {"type": ["string", "null"], "format": "date"},
                "role_order": {"type": "integer", "description": "职务次序，0 = 理事长单位 — order of the role, 0 = chair."},
            },
        },
        "OptionLists": {
            "type": "object", "title": "字典 · Option lists",
            "description": "每个可扩展字段的选项：先是内置选项，再是本联合体的（含停用的，active 为 "
                           "false：已有记录仍显示，新写入不可选）— the options of each extensible "
                           "field: the shipped ones, then the consortium's own (deactivated ones "
                           "too, active false: shown on rows that have them, not offered for new "
                           "writes).",
            "required": ["consortium_id", "total", "items"],
            "properties": {
                "consortium_id": {"type": "integer", "format": "int64"},
                "total": {"type": "integer"},
                "items": {"type": "array", "items": {
                    "type": "object",
                    "required": ["field", "entity", "name", "label_zh", "label_en", "options"],
                    "properties": {
                        "field": {"type": "string", "examples": ["agreements.type"]},
                        "entity": {"type": "string"}, "name": {"type": "string"},
                        "label_zh": {"type": "string"}, "label_en": {"type": "string"},
                        "options": {"type": "array", "items": {
                            "type": "object",
                            "required": ["value", "label_zh", "label_en", "shipped", "active"],
                            "properties": {
                                "id": {"type": "integer", "format": "int64",
                                       "description": "字典项编号（本联合体的选项）— the option's "
                                                      "id (the consortium's own)."},
                                "value": {"type": "string"},
                                "label_zh": {"type": "string"},
                                "label_en": {"type": ["string", "null"]},
                                "sort_order": {"type": "integer"},
                                "shipped": {"type": "boolean"},
                                "active": {"type": "boolean"}}}}}}},
            },
        },
        "CouncilList": {
            "type": "object", "required": ["items", "total"],
            "properties": {"total": {"type": "integer"},
                           "items": {"type": "array", "items": ref("schemas", "CouncilMember")}},
        },
        "ConsortiumStats": {
            "type": "object", "title": "看板数据 · Dashboard figures",
            "required": ["composition", "agreements", "work_plan"],
            "properties": {
                "composition": ref("schemas", "Composition"),
                "agreements": {
                    "type": "object", "required": ["total", "by_type", "by_year"],
                    "description": "合作协议按类型与签约年份统计（无签约日期计入 \"unknown\"） — agreements "
                                   "by type and by year signed (\"unknown\" when undated).",
                    "properties": {
                        "total": {"type": "integer"},
                        "by_type": {"type": "object", "additionalProperties": {"type": "integer"},
                                    "description": "school_enterprise, school_school, science_education, "
                                                   "government_enterprise, party_building, strategic"},
                        "by_year": {"type": "object", "additionalProperties": {
                            "type": "object", "additionalProperties": {"type": "integer"}},
                            "examples": [{"2023": {"school_enterprise": 3, "strategic": 1}}]},
                    }},
                "work_plan": {
                    "description": "年度工作计划进度；仅对成员单位与秘书处显示，其他人为 null — work-plan "
                                   "progress by year; null unless the caller is a member or the secretariat.",
                    "oneOf": [{"type": "null"}, {
                        "type": "object", "required": ["by_year"],
                        "properties": {"by_year": {"type": "object", "additionalProperties": {
                            "type": "object",
                            "properties": {"items": {"type": "integer"},
                                           "by_status": {"type": "object",
                                                         "additionalProperties": {"type": "integer"}},
                                           "average_progress": {"type": "number",
                                                                "description": "平均进度 % — mean progress %."}}}}}}]},
            },
        },
        "AgendaResult": {
            "type": "object", "title": "表决结果 · Motion result",
            "required": ["agenda_item_id", "threshold", "base", "for", "against", "abstain",
                         "council_units", "member_units", "base_count", "required", "passed", "result"],
            "properties": {
                "agenda_item_id": {"type": "integer", "format": "int64"},
                "threshold": {"type": "string", "enum": ["majority", "two_thirds", "unanimous"],
                              "x-labels-zh": {"majority": "过半数", "two_thirds": "三分之二以上",
                                              "unanimous": "全票"}},
                "base": {"type": "string", "enum": ["council", "members", "present"],
                         "x-labels-zh": {"council": "全体理事单位", "members": "全体成员单位",
                                         "present": "出席并投票单位"}},
                "for": {"type": "integer"}, "against": {"type": "integer"},
                "abstain": {"type": "integer"},
                "council_units": {"type": "integer", "description": "理事单位数 — council units."},
                "member_units": {"type": "integer", "description": "成员单位数 — member units."},
                "base_count": {"type": "integer", "description": "计票基数 — the count the threshold applies to."},
                "required": {"type": "integer", "description": "通过所需赞成票 — votes for needed to pass."},
                "passed": {"type": "boolean"},
                "result": {"type": "string", "enum": ["通过", "未通过", "passed", "not passed"],
                           "description": "按调用者的语言（Accept-Language） — in the caller's language."},
            },
        },
        "AuditEntry": {
            "type": "object", "title": "审计记录 · Audit entry",
            "required": ["id", "at", "action", "entity"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "at": {"type": "string", "format": "date-time", "description": "UTC"},
                "user_id": {"type": ["integer", "null"]},
                "username": {"type": ["string", "null"]},
                "action": {"type": "string", "examples": ["create", "update", "delete", "login",
                                                          "logout", "import", "refused"],
                           "description": "refused：因无权限被拒绝的写操作，after 为 {\"attempt\": "
                                          "\"create|update|delete\"} — a write refused for "
                                          "permission (403); after holds what was tried, never the "
                                          "request body."},
                "entity": {"type": "string", "examples": ["organizations"]},
                "entity_id": {"type": ["integer", "null"]},
                "consortium_id": {"type": ["integer", "null"]},
                "address": {"type": ["string", "null"],
                            "description": "操作来自的客户端地址；仅平台管理员与本人可见，否则为 null — the "
                                           "client address the action came from; shown to platform "
                                           "admins and to the user who acted, else null."},
                "before": {"description": "修改前的记录（创建时为 null） — the row before (null on create)."},
                "after": {"description": "修改后的记录（删除时为 null） — the row after (null on delete)."},
                "hidden": {"type": "boolean",
                           "description": "读者无权查看该记录，修改前后已隐去 — the reader may not "
                                          "read the record: before/after withheld."},
            },
        },
        "AuditList": {
            "allOf": [ref("schemas", "ListEnvelope"),
                      {"type": "object", "properties": {
                          "items": {"type": "array", "items": ref("schemas", "AuditEntry")}}}],
        },
        "LoginLogEntry": {
            "type": "object", "title": "登录日志 · Login log entry",
            "required": ["id", "at", "event", "username", "address", "user_agent", "ok"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "at": {"type": "string", "format": "date-time", "description": "UTC"},
                "event": {"type": "string", "enum": ["login", "logout"]},
                "user_id": {"type": ["integer", "null"],
                            "description": "所用用户名对应的账号；用户名不存在时为 null — the account "
                                           "the name belongs to; null for an unknown name."},
                "username": {"type": "string", "description": "所输入的用户名 — the name as typed."},
                "address": {"type": "string", "description": "客户端地址 — the client address."},
                "user_agent": {"type": "string",
                               "description": "浏览器标识（最多 256 字节） — the User-Agent (at most "
                                              "256 bytes)."},
                "ok": {"type": "boolean"},
                "reason": {"type": ["string", "null"],
                           "enum": ["wrong_password", "unknown_user", "rate_limited", "disabled",
                                    "demo_only", "error", None],
                           "description": "失败原因；成功时为 null — why it failed; null on success."},
            },
        },
        "LoginLogList": {
            "allOf": [ref("schemas", "ListEnvelope"),
                      {"type": "object", "properties": {
                          "items": {"type": "array", "items": ref("schemas", "LoginLogEntry")}}}],
        },
        "SearchHit": {
            "type": "object", "title": "检索结果 · Search hit",
            "required": ["kind", "id", "title", "snippet"],
            "description": "enterprise、headcount、period、occupation、demand_kind 只在岗位（kind=demand）"
                           "中给出 — enterprise, headcount, period, occupation and demand_kind come "
                           "with demand hits only.",
            "properties": {
                "kind": {"type": "string", "enum": ["demand", "tech_needs", "capabilities", "core_products"],
                         "description": "记录类别；id 是该类记录的编号（demand：/api/v1/demand/{id}，"
                                        "tech_needs：/api/v1/tech-needs/{id} …） — what was found; id is "
                                        "that record's (demand: /api/v1/demand/{id}, tech_needs: "
                                        "/api/v1/tech-needs/{id} …)."},
                "id": {"type": "integer", "format": "int64"},
                "title": {"type": "string", "description": "岗位名称、需求或能力的标题、产品名称 — the "
                                                           "job title, the need's or capability's "
                                                           "title, the product's name."},
                "snippet": {"type": "string",
                            "description": "命中处前后约 80 字的摘录，截断处加 …；取自岗位描述，其次技能要求；只在岗位"
                                           "名称中命中时为岗位描述的开头 — about 80 characters around the match "
                                           "(… where cut), from the description, else the skills; the head of "
                                           "the description when only the title matched."},
                "enterprise": {"type": "object", "required": ["id", "name"],
                               "properties": {"id": {"type": "integer", "format": "int64"},
                                              "name": {"type": ["string", "null"]}},
                               "description": "需求企业 — the enterprise that publishes it."},
                "headcount": {"type": "integer", "description": "需求人数 — how many people."},
                "period": {"type": "integer", "description": "需求年度 — the year."},
                "occupation": {"type": "object", "required": ["code", "name"],
                               "properties": {"code": {"type": ["string", "null"]},
                                              "name": {"type": ["string", "null"]}},
                               "description": "职业代码及其名称（职业分类大典） — the occupation's code "
                                              "with its name."},
                "demand_kind": {"type": "string",
                                "description": "需求类别（demand 的 kind） — the demand's kind."},
            },
        },
        "SearchList": {
            "allOf": [ref("schemas", "ListEnvelope"),
                      {"type": "object", "properties": {
                          "items": {"type": "array", "items": ref("schemas", "SearchHit")},
                          "total": {"type": "integer",
                                    "description": "命中记录的准确总数 — the exact number of matches."}}}],
        },
        "ImportResult": {
            "type": "object", "title": "导入结果 · Import result",
            "required": ["rows", "imported", "dry_run", "encoding", "mode", "created", "updated",
                         "unchanged", "outcomes"],
            "properties": {
                "rows": {"type": "integer", "description": "读到的数据行数 — data rows read."},
                "imported": {"type": "integer", "description": "写入的行数；试运行时为将会写入的行数 — rows written; on a dry run, the rows that would be."},
                "dry_run": {"type": "boolean"},
                "encoding": {"type": "string", "enum": ["UTF-8", "GB18030", "XLSX"],
                             "description": "识别出的文件编码 — the encoding detected."},
                "mode": {"type": "string", "enum": ["create", "update", "upsert"],
                         "description": "本次导入的模式 — the mode the import ran in."},
                "created": {"type": "integer", "description": "新建的行数 — rows created."},
                "updated": {"type": "integer", "description": "更新的行数 — rows updated."},
                "unchanged": {"type": "integer",
                              "description": "与已有记录相同、未改的行数 — rows equal to the live "
                                             "row they name, left as they are."},
                "outcomes": {"type": "array", "maxItems": 1000,
                             "description": "逐行结果（前 1000 行）；试运行说明正式导入将会如何 — what "
                                            "each row did (the first 1000); a dry run says what "
                                            "the real run would do.",
                             "items": {"type": "object", "required": ["line", "action", "id"],
                                       "properties": {
                                           "line": {"type": "integer"},
                                           "action": {"type": "string",
                                                      "enum": ["create", "update", "unchanged"]},
                                           "id": {"type": "integer", "format": "int64",
                                                  "description": "新建、更新或未改的行 — the row "
                                                                 "created, updated or left."}}}},
            },
        },
        "ImportErrorDetails": {
            "type": "object", "title": "导入错误 · Import errors",
            "required": ["rows"],
            "properties": {
                "rows": {"type": "array", "items": {
                    "type": "object", "required": ["line", "column", "cell", "field", "message", "count", "lines"],
                    "properties": {
                        "line": {"type": "integer", "description": "表格里看到的行号（表头为第 1 行；XLSX 为工作表行号）；重复的错误为其第一行 — the row number the spreadsheet shows (the header is row 1; an XLSX sheet's row number); for a repeated error its first."},
                        "column": {"type": ["string", "null"], "description": "文件里写的那一列表头（如“信用代码”）；文件没有这一列时为字段名称；与列无关时为 null — the column header as the file writes it (e.g. 信用代码); for a field the file has no column of, its label; null when no column is concerned."},
                        "cell": {"type": ["string", "null"], "description": "单元格原文（至多 200 字节），无关时为 null — the cell as written (at most 200 bytes), or null."},
                        "field": {"type": ["string", "null"], "description": "出错的字段键（供程序使用），整行错误时为 null — the field key (for programs), or null for the whole row."},
                        "message": {"type": "string", "description": "原因，用调用者的语言，点出列名；重复的错误以“共 n 行，第 …行：”开头 — the reason in the caller's language, naming the column; a repeated error's begins with its row count and first lines."},
                        "count": {"type": "integer", "minimum": 1, "description": "同一列同一错误出现的行数（只列一次） — rows with this same error in this column (listed once)."},
                        "lines": {"type": "array", "items": {"type": "integer"}, "maxItems": 5, "description": "其中前 5 行的行号 — the first five of those lines."}}}},
                "bad_rows": {"type": "integer", "description": "有错误的行数 — rows with errors."},
                "error_count": {"type": "integer", "description": "错误总数，重复的各计一次（rows 最多列 1000 条） — all errors found, each repeat counted (rows lists at most 1000 entries)."}},
        },
    }


def common_parameters():
    return {
        "id": {"name": "id", "in": "path", "required": True,
               "description": "记录编号（正整数） — record id (a positive integer).",
               "schema": {"type": "integer", "format": "int64", "minimum": 1}},
        "page": {"name": "page", "in": "query", "required": False,
                 "description": "页码，从 1 开始 — page number, from 1.",
                 "schema": {"type": "integer", "minimum": 1, "maximum": 1000000000, "default": 1}},
        "per_page": {"name": "per_page", "in": "query", "required": False,
                     "description": "每页条数，1–500 — rows per page, 1–500.",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}},
        "q": {"name": "q", "in": "query", "required": False,
              "description": "全文检索：在名称、标题、正文等文本字段中，以及所关联记录（单位、联合体、议题、职业、专业…）"
                             "的名称中查找包含此字符串的记录（如 焊接、上汽）；最多 200 字节 — text search: rows "
                             "whose name/title/body-like fields, or the names of the records they link to "
                             "(units, consortia, agenda items, occupations, majors…), contain this string; "
                             "at most 200 bytes.",
              "schema": {"type": "string"}},
        "format": {"name": "format", "in": "query", "required": False,
                   "description": "json（默认）为分页 JSON；csv 或 xlsx 导出全部符合条件的记录（忽略分页），表头为"
                                  "中文标签，可直接再导入 — json (default) answers the paged JSON list; csv or "
                                  "xlsx exports every matching row (paging ignored) with Chinese headers that "
                                  "re-import as they are.",
                   "schema": {"type": "string", "enum": ["json", "csv", "xlsx"], "default": "json"}},
        "If-Match": {"name": "If-Match", "in": "header", "required": False,
                     "description": "可选。读取时得到的 ETag（如 \"3\"），或 *；记录已被他人修改（修订号"
                                    "不同）时回答 412 且不做任何改动。比较为强比较（W/ 标记从不匹配）。不带此头"
                                    "时照常写入（与旧客户端兼容） — optional: the ETag the record was read "
                                    "with (e.g. \"3\"), or *; if someone else changed the record meanwhile "
                                    "the answer is 412 and nothing is written. Strong comparison (a W/ tag "
                                    "never matches). Without it the write goes on as before (older clients "
                                    "keep working).",
                     "schema": {"type": "string"}, "example": "\"3\""},
        "If-None-Match": {"name": "If-None-Match", "in": "header", "required": False,
                          "description": "可选。已持有的 ETag；记录未变时回答 304（无正文） — optional: "
                                         "the ETag the client holds; 304 with no body while the record "
                                         "is unchanged.",
                          "schema": {"type": "string"}, "example": "\"3\""},
        "analysis_format": {"name": "format", "in": "query", "required": False,
                            "description": "json（默认）为 JSON；csv 或 xlsx 下载表格（数字为数值单元格，"
                                           "XLSX 另有第二个工作表） — json (default) answers JSON; csv "
                                           "or xlsx downloads the table (figures as number cells; "
                                           "XLSX adds a second sheet).",
                            "schema": {"type": "string", "enum": ["json", "csv", "xlsx"],
                                       "default": "json"}},
        "lang": {"name": "lang", "in": "query", "required": False,
                 "description": "导出表头语言：en 为英文，其余为中文 — export header language: en for English "
                                "labels, anything else Chinese.",
                 "schema": {"type": "string", "enum": ["zh", "en"], "default": "zh"}},
    }


# ---- operations ---------------------------------------------------------------------

ETAG_HEADER = {"ETag": {
    "description": "记录的版本标记：\"<修订号>\"；调用者看不到个人信息字段时为 \"<修订号>-partial\"（另一种"
                   "表示，故另一个强标记）。PATCH/DELETE 以 If-Match 带回 — the record's entity tag: "
                   "\"<revision>\", or \"<revision>-partial\" when the caller is not shown its personal "
                   "fields (another representation, hence another strong tag). Send it back in If-Match "
                   "on PATCH and DELETE.",
    "schema": {"type": "string", "pattern": "^\"[0-9]+(-partial)?\"$"}}}


def op(summary, description, tags, responses, security=None, **extra):
    o = {"tags": tags, "summary": summary, "description": description}
    o.update(extra)
    o["responses"] = responses
    if security is not None:
        o["security"] = security
    return o


def entity_operations(e):
    name, sn, zh, en = e["name"], schema_name(e["name"]), e["label_zh"], e["label_en"]
    tag = url_name(name)
    who = e["permissions_doc"]
    p_read, p_create, p_update, p_delete = (who[a] for a in ("read", "create", "update", "delete"))
    filters = [ref("parameters", "%s.%s" % (sn, f["name"])) for f in e["fields"] if f["filter"]]
    list_params = [ref("parameters", "page"), ref("parameters", "per_page"),
                   ref("parameters", sn + ".sort"), ref("parameters", "q"),
                   ref("parameters", "format"), ref("parameters", "lang")] + filters
    admin = admin_only(e)
    conflict = (409,) if e["unique"] or e.get("workflow") else ()
    # an update's 409 besides: (facilities) fewer stations than the approved
    # bookings hold, or closing it while they do
    conflict_update = (409,) if conflict or name == "facilities" else ()
    lst = op("列出%s · List %s" % (zh, en.lower()),
             "分页列出调用者可见的%s，可筛选、排序、检索，或以 ?format=csv|xlsx 导出。可见范围："
             "%s。\n\nPaged list of the %s the caller may see; filter by field, sort, search, or "
             "export with ?format=csv|xlsx." % (zh, p_read, en.lower()),
             [tag],
             {"200": {"description": "本页记录，或导出文件 — this page, or the exported file.",
                      "headers": {"Content-Disposition": {
                          "description": "导出时：attachment; filename=\"%s.csv\" — on export." % name,
                          "schema": {"type": "string"}}},
                      "content": {"application/json": {"schema": ref("schemas", sn + "List")},
                                  "text/csv": {"schema": {"type": "string"}},
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                      {"schema": {"type": "string", "format": "binary"}}}},
              **resp(400, 401, *((403,) if admin else ()))},
             SEC_READ if admin else SEC_OPTIONAL,
             operationId="list_" + name, parameters=list_params)
    create = op("新建%s · Create %s" % (zh, en.lower()),
                "权限：%s。回答 201 与新记录（含 id），Location 头指向它。\n\nCreates a record; answers "
                "201 with it (including its id) and a Location header." % p_create,
                [tag],
                {"201": {"description": "已创建 — created.",
                         "headers": {"Location": {"schema": {"type": "string"},
                                                  "description": "/api/v1/%s/{id}" % tag}},
                         "content": {"application/json": {"schema": ref("schemas", sn)}}},
                 **resp(400, 401, 403, *conflict, 413, 422)},
                SEC_WRITE, operationId="create_" + name,
                requestBody={"required": True, "content": {
                    "application/json": {"schema": ref("schemas", sn + "Write")}}})
    get = op("查看%s · Get one of %s" % (zh, en.lower()),
             "可见范围：%s。看不到的记录回答 404。\n\nOne record; rows the caller may not see answer 404."
             % p_read, [tag],
             {"200": dict(json_ok("记录 — the record.", ref("schemas", sn)), headers=ETAG_HEADER),
              "304": {"description": "If-None-Match 与当前 ETag 相同：记录未变，无正文 — If-None-Match "
                                     "names the current ETag: the record is unchanged; no body.",
                      "headers": ETAG_HEADER},
              **resp(401, 404)},
             SEC_OPTIONAL, operationId="get_" + name,
             parameters=[ref("parameters", "id"), ref("parameters", "If-None-Match")])
    update = op("修改%s · Update %s" % (zh, en.lower()),
                "只修改请求体中给出的字段；合并后的记录整体重新校验。权限：%s。带 If-Match 时，记录已被他人"
                "修改则回答 412、不做改动。\n\nChanges only the fields given; the merged row is validated "
                "as a whole. With If-Match, a record someone else changed meanwhile answers 412 and "
                "nothing is written." % p_update,
                [tag],
                {"200": dict(json_ok("修改后的记录，ETag 为新版本 — the record after the change; the "
                                     "ETag is its new tag.", ref("schemas", sn)), headers=ETAG_HEADER),
                 **resp(400, 401, 403, 404, *conflict_update, 412, 413, 422)},
                SEC_WRITE, operationId="update_" + name,
                parameters=[ref("parameters", "id"), ref("parameters", "If-Match")],
                requestBody={"required": True, "content": {
                    "application/json": {"schema": ref("schemas", sn + "Patch")}}})
    delete = op("删除%s · Delete %s" % (zh, en.lower()),
                "软删除：记录不再出现，但保留在审计日志中。权限：%s。带 If-Match 时，记录已被他人修改则回答 "
                "412、不删除。\n\nSoft delete: the row disappears from the API; the audit log keeps it. "
                "With If-Match, a record someone else changed meanwhile answers 412 and stays." % p_delete,
                [tag],
                {"204": {"description": "已删除，无内容 — deleted, no content."},
                 # 409: an account still referenced; an accepted response (its project)
                 **resp(400, 401, 403, 404,
                        *((409,) if name in ("users", "need_responses") else ()), 412)},
                SEC_WRITE, operationId="delete_" + name,
                parameters=[ref("parameters", "id"), ref("parameters", "If-Match")])
    coll, item = "%s/%s" % (API, tag), "%s/%s/{id}" % (API, tag)
    return {("GET", coll): lst, ("POST", coll): create, ("GET", item): get,
            ("PATCH", item): update, ("DELETE", item): delete}


def special_operations(meta):
    """Routes that are not plain entity CRUD (router.c's fixed_routes and
    those added beside it), described by hand."""
    idp = [ref("parameters", "id")]
    ops = {}
    ops[("GET", "/")] = op(
        "首页 · Landing page",
        "简短的 HTML 首页，链接到联合体列表、本文档和运行状态。\n\nA small HTML page linking to the "
        "consortium list, this description and the health check.",
        ["system"],
        {"200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}}},
        [{}], operationId="index")
    ops[("GET", API + "/health")] = op(
        "运行状态 · Health check", "服务是否在运行，以及版本、数据库版本与演示模式。\n\nWhether the "
        "server runs; its version, schema version and demo mode.",
        ["system"],
        {"200": json_ok("运行中 — up.", ref("schemas", "Health"),
                        {"status": "ok", "version": "0.1.0", "schema": 1, "demo": True}),
         **resp(401)},
        [{}], operationId="health")
    ops[("GET", API + "/openapi.json")] = op(
        "本 API 的 OpenAPI 3 描述 · This API's OpenAPI 3 description",
        "即本文档（由 scripts/gen-openapi.py 生成，编入程序）。\n\nThis document (generated by "
        "scripts/gen-openapi.py and built into the binary).",
        ["system"],
        {"200": {"description": "OpenAPI 3.1 JSON",
                 "content": {"application/json": {"schema": {"type": "object"}}}},
         **resp(401, 404)},
        [{}], operationId="openapi")
    ops[("GET", API + "/meta/entities")] = op(
        "实体描述 · Entity descriptions",
        "每个实体的字段、类型、中英文标签、必填/只读、可筛选/排序、枚举选项——界面表单与导入导出都由此生成。"
        "\n\nEvery entity's fields, types, Chinese and English labels, required/read-only flags, "
        "filters, sorts and enumeration options; forms and import/export are driven by it.",
        ["system"],
        {"200": json_ok("实体描述 — the descriptions.", ref("schemas", "EntityMetaList")),
         **resp(401)},
        [{}], operationId="meta_entities")
    ops[("POST", API + "/auth/login")] = op(
        "登录 · Sign in",
        "用户名和密码换取会话：返回 Bearer 令牌与 CSRF 令牌，并设置 HttpOnly、SameSite=Strict 的 "
        "cj_session Cookie（12 小时；经 HTTPS 代理时加 Secure）。请求体须为 JSON。按账号、来源地址及两者组合限流"
        "（429，见 docs/security.md）。\n\nExchanges username and "
        "password for a session: answers a bearer token and a CSRF token and sets the HttpOnly, "
        "SameSite=Strict cookie cj_session (12 hours; Secure behind an HTTPS proxy). The body must be "
        "JSON. Limited per account, per address and per pair (429, see docs/security.md).",
        ["auth"],
        {"200": {"description": "已登录 — signed in.",
                 "headers": {"Set-Cookie": {
                     "description": "cj_session=…; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200",
                     "schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": ref("schemas", "LoginResponse")}}},
         "401": {"description": "用户名或密码错误，或账号已停用 — wrong username or password, or a "
                                "disabled account.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "unauthorized",
                               "message": "用户名或密码错误 (wrong username or password)",
                               "details": None}}}}},
         "415": {"description": "请求体不是 JSON（Content-Type 须为 application/json；防止登录 CSRF）"
                                "— the body is not JSON (Content-Type must be application/json; "
                                "this stops login CSRF from cross-site forms).",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "unsupported_media_type",
                               "message": "登录请求须为 JSON（Content-Type: application/json） "
                                          "(sign in with a JSON body: Content-Type: "
                                          "application/json)",
                               "details": None}}}}},
         **resp(400, 413, 422, 429)},
        [{}], operationId="login",
        requestBody={"required": True, "content": {"application/json": {
            "schema": ref("schemas", "LoginRequest"),
            "example": {"username": "liuzhou_sec", "password": "secretariat-demo-2026"}}}})
    ops[("POST", API + "/auth/logout")] = op(
        "退出 · Sign out",
        "吊销当前会话（令牌与 Cookie 同时失效），并清除 Cookie。\n\nRevokes the current session "
        "(token and cookie alike) and clears the cookie.",
        ["auth"],
        {"204": {"description": "已退出 — signed out.",
                 "headers": {"Set-Cookie": {"description": "cj_session=; Max-Age=0",
                                            "schema": {"type": "string"}}}},
         **resp(401, 403)},
        SEC_WRITE, operationId="logout")
    ops[("GET", API + "/auth/me")] = op(
        "当前用户 · The signed-in user",
        "当前登录的用户；以 Cookie 认证时还返回 csrf_token（页面刷新后取回）。\n\nThe signed-in user; "
        "when authenticated by cookie also its csrf_token (for a page that reloaded).",
        ["auth"],
        {"200": json_ok("当前用户 — the user.", ref("schemas", "SessionUser")), **resp(401)},
        SEC_READ, operationId="me")
    ops[("GET", API + "/consortia/{id}/composition")] = op(
        "成员构成 · Member composition by organisation type",
        "按八类单位统计现有成员单位（一个单位多个职务只计一次），与年报的口径一致。\n\nCurrent member "
        "units counted by the eight organisation types (a unit with several roles counts once), as "
        "the annual reports quote them.",
        ["consortia"],
        {"200": json_ok("成员构成 — the composition.", ref("schemas", "Composition")),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_composition", parameters=idp)
    ops[("GET", API + "/consortia/{id}/council")] = op(
        "理事会 · Council in role order",
        "现有成员按理事会职务次序排列（理事长单位、执行理事长单位、副理事长单位、秘书长单位、副秘书长单位、"
        "理事单位、成员单位）；一个单位有几个职务就出现几次。\n\nCurrent members in council-role order "
        "(chair, executive chair, vice chair, secretary-general, deputy secretary-general, council "
        "member, member); a unit appears once per role it holds.",
        ["consortia"],
        {"200": json_ok("理事会 — the council.", ref("schemas", "CouncilList")), **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_council", parameters=idp)
    ops[("GET", API + "/consortia/{id}/stats")] = op(
        "看板数据 · Dashboard figures",
        "成员构成、协议按类型与年份统计、年度工作计划进度（仅成员与秘书处可见，其他人为 null）。\n\n"
        "Composition, agreements by type and year, and work-plan progress (members and the "
        "secretariat only; null for others).",
        ["consortia"],
        {"200": json_ok("看板数据 — the figures.", ref("schemas", "ConsortiumStats")),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_stats", parameters=idp)
    ops[("GET", API + "/consortia/{id}/options")] = op(
        "字典 · Option lists",
        "可扩展字段（协议类型、会议类型、培训类型）的选项：内置选项加上本联合体秘书处增加的选项（options "
        "实体）。表单据此列出选项；能读取该联合体者可读。\n\nThe options of the extensible fields "
        "(agreement types, meeting and training kinds): the shipped ones and those the "
        "consortium's secretariat added (the options entity). Forms list them; readable by whoever "
        "may read the consortium.",
        ["consortia"],
        {"200": json_ok("字典 — the option lists.", ref("schemas", "OptionLists")),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_options", parameters=idp)
    ops[("GET", API + "/agenda-items/{id}/result")] = op(
        "表决结果 · Vote tally and result of a motion",
        "按议题的表决规则（过半数/三分之二以上/全票）与计票基数（全体理事单位/全体成员单位/出席并投票单位）"
        "计算结果。可见范围同审议事项。\n\nTallies the votes and applies the motion's threshold "
        "(majority, two thirds, unanimous) to its base (council units, member units, units that "
        "voted). Visible to whoever may see the agenda item.",
        ["agenda-items"],
        {"200": json_ok("表决结果 — the result.", ref("schemas", "AgendaResult")), **resp(401, 404)},
        SEC_OPTIONAL, operationId="agenda_item_result", parameters=idp)
    ops[("GET", API + "/audit")] = op(
        "审计日志 · Audit log",
        "每一次修改（谁、何时、哪个实体、修改前后）以及登录、退出、导入，最新在前。平台管理员可查看全部"
        "（或以 consortium_id 限定）；秘书处只能查看本联合体（默认即本联合体）。\n\nEvery change (who, "
        "when, which entity, before and after) and every sign-in, sign-out and import, newest "
        "first. Platform admins read all of it (or one consortium's); a secretariat reads only "
        "its own consortium's (the default for it). ?format=csv|xlsx exports the matching "
        "entries (newest 100 000 at most) as a spreadsheet. Each entry shows the record as the "
        "reader may see it through the entity's own reads: a row the reader may not read (a "
        "student, for a secretariat) has before/after null and hidden true; private fields "
        "(a placement's student, evaluation, score, grade) are left out. An unknown entity or "
        "action answers 400. Each entry keeps the client address it came from (shown to "
        "platform admins and to the user who acted, else null); a write refused for permission "
        "(403) by a signed-in caller is an entry with action \"refused\" (at most 20 per "
        "account a minute; anonymous refusals are not logged). Exports give times in China "
        "Standard Time with the zone and actions in words.",
        ["audit"],
        {"200": {"description": "审计记录，或导出文件 — entries, or the exported file.",
                 "headers": {"Content-Disposition": {
                     "description": "导出时 — on export: attachment; filename=\"audit.csv\"",
                     "schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": ref("schemas", "AuditList")},
                             "text/csv": {"schema": {"type": "string"}},
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                 {"schema": {"type": "string", "format": "binary"}}}},
         **resp(400, 401, 403)},
        SEC_READ, operationId="audit", parameters=[
            {"name": "consortium_id", "in": "query", "required": False,
             "description": "联合体编号 — consortium id.",
             "schema": {"type": "integer", "format": "int64", "minimum": 1}},
            {"name": "entity", "in": "query", "required": False,
             "description": "实体名，如 organizations、users — entity name.",
             "schema": {"type": "string"}},
            {"name": "entity_id", "in": "query", "required": False,
             "description": "记录编号 — record id.",
             "schema": {"type": "integer", "format": "int64", "minimum": 1}},
            {"name": "user_id", "in": "query", "required": False,
             "description": "操作者的用户编号 — id of the user who acted.",
             "schema": {"type": "integer", "format": "int64", "minimum": 1}},
            {"name": "action", "in": "query", "required": False,
             "description": "动作 — action.",
             "schema": {"type": "string",
                        "examples": ["create", "update", "delete", "login", "logout", "import",
                                     "refused"]}},
            ref("parameters", "page"), ref("parameters", "per_page"),
            ref("parameters", "format"), ref("parameters", "lang")])
    ops[("GET", API + "/login-log")] = op(
        "登录日志 · Login log",
        "每一次登录尝试（成功或失败及原因）与退出：时间、用户、地址、浏览器，最新在前。平台管理员可查看全部；"
        "单位管理员可查看本单位用户的记录；其他用户只能查看自己的记录。?format=csv|xlsx 导出（北京时间，"
        "带时区）。\n\nEvery sign-in attempt (success, or failure and why) and every sign-out: "
        "time, user, address, browser, newest first. Platform admins read all of it; an "
        "organisation admin reads the rows of their organisation's users; everyone else their "
        "own. Rows of names no account holds are the admins' alone. from/to take a date "
        "(YYYY-MM-DD, a day in China Standard Time, `to` inclusive) or a UTC time "
        "(YYYY-MM-DDTHH:MM:SSZ). ?format=csv|xlsx exports the matching rows (newest 100 000 at "
        "most) with times in China Standard Time and the zone. Rows are kept for "
        "`chanjiao serve --log-days` days (180 by default).",
        ["audit"],
        {"200": {"description": "登录日志，或导出文件 — rows, or the exported file.",
                 "headers": {"Content-Disposition": {
                     "description": "导出时 — on export: attachment; filename=\"login-log.csv\"",
                     "schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": ref("schemas", "LoginLogList")},
                             "text/csv": {"schema": {"type": "string"}},
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                 {"schema": {"type": "string", "format": "binary"}}}},
         **resp(400, 401)},
        SEC_READ, operationId="login_log", parameters=[
            {"name": "user_id", "in": "query", "required": False,
             "description": "用户编号 — user id.",
             "schema": {"type": "integer", "format": "int64", "minimum": 1}},
            {"name": "ok", "in": "query", "required": False,
             "description": "true：仅成功；false：仅失败 — successes or failures only.",
             "schema": {"type": "boolean"}},
            {"name": "from", "in": "query", "required": False,
             "description": "起始日期（北京时间）或 UTC 时间 — from this CST day or UTC time.",
             "schema": {"type": "string", "examples": ["2026-12-01", "2026-12-01T00:00:00Z"]}},
            {"name": "to", "in": "query", "required": False,
             "description": "截止日期（含当天，北京时间）或 UTC 时间（不含） — to this CST day "
                            "(inclusive) or before this UTC time.",
             "schema": {"type": "string", "examples": ["2026-12-02"]}},
            ref("parameters", "page"), ref("parameters", "per_page"),
            ref("parameters", "format"), ref("parameters", "lang")])
    ops[("GET", API + "/search")] = op(
        "全文检索 · Full-text search",
        "在一个联合体已发布、未删除的人才需求中检索岗位名称、岗位描述与技能要求。按原样包含：焊装 命中“负责焊装工作”，"
        "不命中“焊接、装配”；单个汉字命中所有含它的记录；英文与数字按整词、不分大小写；空格（或 、，,；;）隔开的"
        "多个词须全部出现。q 中任何字符都按文字处理（引号、*、AND、NEAR、括号不是语法）。按发布时间从新到旧，total "
        "为准确总数。联合体不存在或调用者无权读取时回答 404。\n\nSearches the published, live talent demand "
        "of one consortium: job title, description and skills. A word matches texts that contain it "
        "as written (焊装 finds 负责焊装工作, not 焊接、装配); a single character finds every text "
        "with it; ASCII words match whole words in any case; several words separated by spaces (or "
        "、，,；;) must all occur. Every character of q is text — quotes, *, AND, NEAR and "
        "parentheses are never syntax. Newest first; total is exact. A consortium that does not "
        "exist or that the caller may not read answers 404.",
        ["search"],
        {"200": json_ok("本页结果 — this page of matches.", ref("schemas", "SearchList"),
                        {"items": [{"kind": "demand", "id": 17, "title": "焊装工",
                                    "snippet": "负责车身焊装工作，按工艺要求完成白车身点焊…",
                                    "enterprise": {"id": 5, "name": "上汽通用五菱汽车股份有限公司"},
                                    "headcount": 12, "period": 2026,
                                    "occupation": {"code": "6-22-02-01", "name": "汽车装调工"},
                                    "demand_kind": "employment"}],
                         "total": 1, "page": 1, "per_page": 20}),
         "400": {"description": "q 缺失、为空白、不是 UTF-8 或超过 200 字节；consortium 缺失或不是正整数；kind "
                                "无效；分页参数无效（details 指出参数） — q missing, blank, not UTF-8 or over "
                                "200 bytes; consortium missing or not a positive integer; an unknown "
                                "kind; bad paging (details names the parameter).",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "bad_request",
                               "message": "kind 无效，可选 (kind must be one of): demand",
                               "details": {"kind": "可选 (one of): demand"}}}}}},
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="search", parameters=[
            {"name": "q", "in": "query", "required": True,
             "description": "要找的词，UTF-8，最多 200 字节 — the words to find (UTF-8, at most 200 bytes).",
             "schema": {"type": "string", "minLength": 1, "maxLength": 200},
             "examples": {"word": {"value": "焊装"}, "words": {"value": "焊接 PLC"}}},
            {"name": "consortium", "in": "query", "required": True,
             "description": "联合体编号 — the consortium searched.",
             "schema": {"type": "integer", "format": "int64", "minimum": 1}},
            {"name": "kind", "in": "query", "required": False,
             "description": "检索的记录类别：demand（岗位需求，默认）、tech_needs（技术需求，不含草稿）、"
                            "capabilities（服务能力）、core_products（核心产品）；技术需求与服务能力只找调用者"
                            "按可见范围可见的 — what to search: demand (the default), tech_needs "
                            "(not drafts), capabilities, core_products; needs and capabilities are "
                            "found only by who may see them (their visibility).",
             "schema": {"type": "string", "enum": ["demand", "tech_needs", "capabilities", "core_products"], "default": "demand"}},
            ref("parameters", "page"), ref("parameters", "per_page")])
    ops[("POST", API + "/import/{entity}")] = op(
        "导入表格 · Import a spreadsheet",
        "请求体为 CSV（UTF-8 或 GB18030，可带 BOM，CRLF 或 LF）或 XLSX 文件本身（上限 64 MiB）。表头可用"
        "英文字段名或中文标签；枚举可用英文值或中文标签；单位列（members 的“单位”、demand 的“企业”、supply "
        "与 students 的“学校”）可填统一社会信用代码或单位全称，须为该联合体的现有成员；单位管理员或工作人员导入"
        "本单位的 demand、supply、students 时可省去该列，各行即属本单位。\n\n可导入："
        "organizations（成员单位，只新建）；members（某联合体的成员与理事会职务）；occupations、majors（国家"
        "职业分类、专业目录的一个版本，须给 edition，仅平台管理员；已载入的代码更新，新代码新增）；crosswalk"
        "（专业与职业对应：给 consortium_id 为该联合体自己的对应表，不给为共用对应表）；demand（人才需求，未给"
        "状态的行为已发布 published）；supply（人才供给）；students（学生）。members、demand、supply、"
        "students 须给 consortium_id，organizations、occupations、majors 不可给。职业编码与专业代码须在已载入"
        "的目录中。\n\n全部成功或全部不写：任一行有误则回答 422，details.rows 逐行列出错误（最多 1000 条，"
        "error_count 为总数），不写入任何数据。dry_run=1 只校验不写入。每一行按与 API 相同的规则与权限写入"
        "（秘书处只能向本联合体导入；单位工作人员只能导入本单位的需求、供给与学生）；导入记入审计日志。"
        "\n\nThe body is the CSV (UTF-8 or GB18030, with or "
        "without BOM, CRLF or LF) or XLSX file itself (64 MiB at most). Headers may be the English "
        "field names or the Chinese labels; enumerations the values or the Chinese labels; a "
        "unit column (a member's 单位, a demand row's 企业, a supply or student row's 学校) the "
        "credit code or exact name of a current member of the consortium; a unit's own "
        "org_admin or org_staff importing its demand, supply or students may leave that column "
        "out, and every row is then their unit's.\n\n{entity} is "
        "organizations (new units only); members (memberships and council roles of a "
        "consortium); occupations or majors (an edition of the national occupation or major "
        "catalogue: edition is required, platform admins only; codes already loaded are "
        "updated, new ones added); crosswalk (major–occupation links: with consortium_id the "
        "consortium's own, without it the shared crosswalk); demand (rows without a status are "
        "published); supply; or students. consortium_id is required for members, demand, "
        "supply and students and refused for organizations, occupations and majors. Occupation "
        "and major codes must be in the loaded catalogues.\n\nAll or nothing: any bad row answers "
        "422 with the bad rows in details.rows (at most 1000 listed; error_count counts all) and "
        "writes nothing. dry_run=1 validates only. Each row passes the same rules and permissions "
        "as the API (a secretariat imports into its own consortium only; a unit's staff import "
        "their own unit's demand, supply and students); the import is recorded in the audit log.",
        ["import"],
        {"200": json_ok("已导入（或试运行通过） — imported (or the dry run passed).",
                        ref("schemas", "ImportResult"),
                        {"rows": 2, "imported": 2, "dry_run": False, "encoding": "GB18030",
                         "mode": "upsert", "created": 1, "updated": 0, "unchanged": 1,
                         "outcomes": [{"line": 2, "action": "create", "id": 401},
                                      {"line": 3, "action": "unchanged", "id": 17}]}),
         "400": {"description": "查询参数有误（details 指出参数：缺少或不该给 consortium_id 等）、导入目录"
                                "未给 edition、请求体为空、或文件无法读取 — a bad query parameter "
                                "(details names it: consortium_id missing or refused, …), a "
                                "catalogue import without edition, an empty body, or an "
                                "unreadable file.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "bad_request", "message": "查询参数有误 (bad query parameter)",
                               "details": {"consortium_id": "必填 (required)"}}}}}},
         "404": {"description": "不能导入此 {entity}，或 consortium_id 所指联合体不存在 — {entity} is "
                                "not one that can be imported, or consortium_id names no "
                                "consortium.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "not_found",
                               "message": "不能导入“foo”，可导入 (cannot import this; use) "
                                          + ", ".join(import_kinds(meta)),
                               "details": None}}}}},
         "422": {"description": "有错误行，未写入任何数据；details.rows 列出每个错误，多行相同的只列一次"
                                "（count 行数、lines 前 5 行） — bad rows; nothing was written; "
                                "details.rows lists each error, one repeated on many rows once "
                                "(count rows, lines the first five).",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "validation_failed",
                               "message": "31 行有误，未导入任何数据",
                               "details": {"rows": [
                                   {"line": 3, "field": "credit_code", "column": "信用代码",
                                    "cell": "91450200MA5K", "count": 1, "lines": [3],
                                    "message": "“信用代码”列：统一社会信用代码应为 18 位"},
                                   {"line": 7, "field": "type", "column": "单位类型", "cell": "有限责任公",
                                    "count": 30, "lines": [7, 8, 9, 10, 11],
                                    "message": "共 30 行，第 7、8、9、10、11 等行：“单位类型”列：取值“有限责任公”无效，"
                                               "您是不是要写 企业？"}],
                                   "bad_rows": 31, "error_count": 31}}}}}},
         **resp(401, 403, 413)},
        SEC_WRITE, operationId="import", parameters=[
            {"name": "entity", "in": "path", "required": True,
             "description": "organizations：成员单位（只新建，已登记的信用代码报错）；members：某联合体的成员与"
                            "理事会职务；occupations、majors：目录的一个版本（须给 edition）；crosswalk："
                            "专业与职业对应；demand、supply、students：人才需求、供给、学生 — "
                            "organizations (creates new units only), members (memberships of "
                            "consortium_id), occupations or majors (a catalogue edition), "
                            "crosswalk, demand, supply or students. memberships 与 members 相同 "
                            "(memberships is accepted for members).",
             "schema": {"type": "string", "enum": import_kinds(meta)}},
            {"name": "consortium_id", "in": "query", "required": False,
             "description": "members、demand、supply、students 必填；crosswalk 可选（不给为共用对应表，"
                            "仅平台管理员）；organizations、occupations、majors 不可给（400） — required "
                            "for members, demand, supply and students; optional for crosswalk "
                            "(absent: the shared crosswalk, platform admins only); refused for "
                            "organizations, occupations and majors (400).",
             "schema": {"type": "integer", "format": "int64", "minimum": 1}},
            {"name": "edition", "in": "query", "required": False,
             "description": "目录版本，导入 occupations、majors 时必填（如 2025），写入每行的 edition；"
                            "已载入的代码更新为此版本，新代码新增 — the catalogue edition, required "
                            "for occupations and majors (e.g. 2025) and written to every row's "
                            "edition; codes already loaded are updated, new ones added.",
             "schema": {"type": "string", "minLength": 4, "maxLength": 20, "examples": ["2025"]}},
            {"name": "format", "in": "query", "required": False,
             "description": "文件格式；不给时看 Content-Type，且以 PK 开头（ZIP）的文件一律按 XLSX 读 — file "
                            "format; when absent, taken from the Content-Type, and a body starting "
                            "with PK (a ZIP) is read as XLSX.",
             "schema": {"type": "string", "enum": ["csv", "xlsx"]}},
            {"name": "dry_run", "in": "query", "required": False,
             "description": "1/true：只校验，不写入；0/false 或不给：导入 — 1 or true validates only.",
             "schema": {"type": "string", "enum": ["0", "1", "true", "false"], "default": "0"}},
            {"name": "mode", "in": "query", "required": False,
             "description": "create（默认）：只新建，文件中的行若已有（按编号列、自然键或内容）则报“已存在”；"
                            "update：只更新已有的行，找不到的行报错；upsert：两者皆可（目录的默认）。"
                            "与已有记录相同的行为 unchanged；更新与 PATCH 规则、权限相同，逐行记入审计"
                            "日志 — create (default): new rows only, a row that names a live one "
                            "(by the 编号/id column, the natural key or its content) is \"already "
                            "exists\"; update: live rows only, a row naming none is an error; "
                            "upsert: either (the catalogues' default). A row equal to the one it "
                            "names is unchanged; an update passes the rules and permissions of a "
                            "PATCH and is audited with before and after.",
             "schema": {"type": "string", "enum": ["create", "update", "upsert"]}},
            {"name": "filename", "in": "query", "required": False,
             "description": "原文件名，记入审计日志（默认 upload） — the file's name, recorded in the "
                            "audit entry (default \"upload\").",
             "schema": {"type": "string"}}],
        requestBody={"required": True, "content": {
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                {"schema": {"type": "string", "format": "binary"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}})
    ops[("GET", API + "/import/{entity}/template")] = op(
        "下载导入模板 · Download an import template",
        "由实体描述生成的空白模板：表头为中文标签（lang=en 为英文），必填列标 *（XLSX 中加粗标红），一行示例，"
        "枚举与是否列带下拉列表（数据验证），XLSX 另有“说明”工作表逐列写明是否必填、类型、规则（长度、范围、"
        "格式、可选值、引用写法）与含义。CSV 模板为表头加示例行。能导入该类数据者才可下载。\n\nThe blank "
        "template built from the entity description: Chinese headers (English with lang=en), "
        "required columns marked * (bold red in XLSX), one example row, drop-down lists "
        "(data validation) on enumerations and yes/no columns, and in XLSX a second sheet 说明 "
        "(Instructions) with each column's required flag, type, rules (length, range, pattern, "
        "options, how a reference is written) and meaning. The CSV template is the header and "
        "the example row. Only callers who may import the kind may fetch it.",
        ["import"],
        {"200": {"description": "模板文件 — the template file.",
                 "headers": {"Content-Disposition": {
                     "description": "attachment; filename=\"…\"; filename*=UTF-8''… "
                                    "(如 人才需求导入模板.xlsx — e.g. the demand template)",
                     "schema": {"type": "string"}}},
                 "content": {"text/csv": {"schema": {"type": "string"}},
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                 {"schema": {"type": "string", "format": "binary"}}}},
         "400": bad_query("format 或 lang 无效 — a bad format or lang.", "format",
                          "查询参数有误 (bad query parameter)",
                          "应为 xlsx 或 csv (must be xlsx or csv)"),
         "404": {"description": "不能导入此 {entity} — {entity} is not one that can be imported.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "not_found",
                               "message": "没有“foo”的导入模板，可导入 (no such import; use) "
                                          + ", ".join(import_kinds(meta)),
                               "details": None}}}}},
         **resp(401, 403)},
        SEC_READ, operationId="import_template", parameters=[
            {"name": "entity", "in": "path", "required": True,
             "description": "导入类别，同 POST /import/{entity} — the import kind, as for POST "
                            "/import/{entity}.",
             "schema": {"type": "string", "enum": import_kinds(meta)}},
            {"name": "format", "in": "query", "required": False,
             "description": "xlsx（默认）或 csv — xlsx (default) or csv.",
             "schema": {"type": "string", "enum": ["xlsx", "csv"], "default": "xlsx"}},
            {"name": "lang", "in": "query", "required": False,
             "description": "表头语言：en 为英文，zh（默认）为中文 — header language: en for English, "
                            "zh (default) for Chinese.",
             "schema": {"type": "string", "enum": ["zh", "en"], "default": "zh"}}])
    ops.update(talent_operations())
    ops.update(measures_operations())
    ops.update(round_operations())
    ops.update(outcomes_operations())
    ops.update(privacy_operations())
    ops.update(todo_operations())
    ops.update(tech_operations())
    ops.update(training_operations())
    ops.update(lists_operations())
    ops.update(facility_operations())
    ops.update(assessment_operations())
    ops.update(annual_report_operations())
    ops.update(authority_operations())
    # ---- documents (issue 11, docs/files.md) -------------------------------
    file_kinds = ["pdf", "docx", "xlsx", "png", "jpeg"]
    ops[("POST", API + "/files")] = op(
        "上传文件 · Upload a file",
        "上传一个文件：表单字段 file（multipart/form-data），或原始请求体并以 ?filename= 给出文件名。只接受按"
        "内容识别的 PDF、DOCX、XLSX、PNG、JPEG，不超过 20 MiB；程序、HTML、SVG、普通 ZIP、含宏文件、压缩炸弹"
        "等一律 422，并说明识别出的是什么。同样的内容只保存一份，id 为其 SHA-256。被拒的文件什么也不写。"
        "单位工作人员、秘书处与平台管理员可上传（学生 403）。\n\nUpload one file: the form field file "
        "(multipart/form-data) or the raw body with ?filename=. Only PDF, DOCX, XLSX, PNG and JPEG "
        "recognised by their content, at most 20 MiB; programs, HTML, SVG, plain ZIPs, macro "
        "files, ZIP bombs and the like are 422 saying what was found. The same bytes are kept once; "
        "the id is their SHA-256. A refused file writes nothing. Staff of a unit, secretariats and "
        "platform admins upload (students: 403).",
        ["files"],
        {"201": json_ok("已保存 — stored.", {
            "type": "object", "required": ["id", "size", "content_type", "name", "kind", "created"],
            "properties": {
                "id": {"type": "string", "pattern": "^[0-9a-f]{64}$",
                       "description": "内容的 SHA-256 — the SHA-256 of the bytes."},
                "size": {"type": "integer", "minimum": 1, "maximum": 20 * 1024 * 1024},
                "content_type": {"type": "string"},
                "name": {"type": "string", "description": "首次上传时的文件名 — the name given."},
                "kind": {"type": "string", "enum": file_kinds},
                "created": {"type": "boolean",
                            "description": "false：同样的内容已有 — false: the same bytes were there."}}},
            {"id": "3fa1" + "0" * 60, "size": 48213, "content_type": "application/pdf",
             "name": "签署版.pdf", "kind": "pdf", "created": True}),
         **resp(400, 401, 403, 413, 422)},
        SEC_WRITE, operationId="file_upload", parameters=[
            {"name": "filename", "in": "query", "required": False,
             "description": "原始请求体的文件名（表单上传取表单中的文件名） — the name of a raw upload "
                            "(a form gives its own).",
             "schema": {"type": "string"}}],
        requestBody={"required": True, "content": {
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                "file": {"type": "string", "format": "binary"}}}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "image/png": {"schema": {"type": "string", "format": "binary"}},
            "image/jpeg": {"schema": {"type": "string", "format": "binary"}}}})
    ops[("GET", API + "/files/{file}")] = op(
        "读取文件 · Read a file",
        "文件内容，类型为上传时识别出的类型，附 nosniff、Content-Disposition（filename*=UTF-8''…；PDF 与图片"
        "inline，DOCX/XLSX attachment）与强 ETag（即 SHA-256），If-None-Match 相同时 304。能读取引用它的记录"
        "（且该字段可见）者可读；未被引用时仅上传者；其他人一律 404，不透露文件是否存在。\n\nThe bytes, "
        "with the content type of the kind found on upload, nosniff, Content-Disposition "
        "(filename*=UTF-8''…; inline for PDF and images, attachment for DOCX/XLSX) and a strong ETag "
        "(the SHA-256; 304 for If-None-Match). Readable by whoever may read a record naming it (with "
        "the field shown); while none does, by its uploader; anyone else hears 404, which does not "
        "tell whether it exists.",
        ["files"],
        {"200": {"description": "文件 — the file.",
                 "headers": {"ETag": {"schema": {"type": "string"}},
                             "Content-Disposition": {"schema": {"type": "string"}},
                             "X-Content-Type-Options": {"schema": {"type": "string", "enum": ["nosniff"]}}},
                 "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                             "image/png": {"schema": {"type": "string", "format": "binary"}},
                             "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
                                 {"schema": {"type": "string", "format": "binary"}},
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                 {"schema": {"type": "string", "format": "binary"}}}},
         "304": {"description": "未改变 — not modified (If-None-Match)."},
         **resp(404)},
        SEC_OPTIONAL, operationId="file_get", parameters=[
            {"name": "file", "in": "path", "required": True,
             "description": "文件 id（SHA-256） — the file's id (its SHA-256).",
             "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}])
    return ops


def tech_operations():
    """The technology platform's routes beyond its entities (api_tech.c)."""
    ops = {}
    ops[("POST", API + "/need-responses/{id}/accept")] = op(
        "采纳响应 · Accept a response to a technology need",
        "需求企业（或平台管理员）采纳对其已发布或进行中需求的一条已提交响应；一个事务内：响应变为已采纳，需求由已发布"
        "变为进行中，并创建已立项的项目（牵头单位为响应单位，需求企业为合作单位与委托企业，技术领域取自需求，合同金额"
        "取自报价）。请求体可给项目类型 kind（默认技术服务）与名称 title（默认需求标题）。先判断权限再读请求体；响应"
        "或需求已过此步为 409。\n\nThe need's enterprise (or a platform admin) accepts a submitted "
        "response to its published or in-progress need. One transaction: the response becomes "
        "accepted, the need goes from published to in progress, and an approved project is "
        "created (led by the responder, the enterprise as partner and client, the need's field, "
        "the response's price as budget). The body may give the project's kind (default "
        "service) and title (default the need's). Permission is checked before the body; a "
        "response or need past that step is 409.",
        ["rd-projects"],
        {"201": json_ok("创建的项目 — the project created.", ref("schemas", "RdProject")),
         **resp(400, 401, 403, 404, 409, 422)},
        SEC_WRITE, operationId="need_response_accept", parameters=[ref("parameters", "id")],
        requestBody={"required": False, "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": False,
            "properties": {"kind": {"type": "string", "description": "项目类型 — the project's kind "
                                                                     "(rd_projects.kind)."},
                           "title": {"type": "string"}}}}}})
    item = {"type": "object", "required": ["organization_id", "title", "score", "reasons"],
            "properties": {
                "organization_id": {"type": "integer", "format": "int64",
                                    "description": "候选记录的单位 — the candidate's unit."},
                "title": {"type": "string"},
                "score": {"type": "number",
                          "description": "文本相关度（BM25，关键词权重最高）+ 每个相同技术领域 2 + 该单位在此领域"
                                         "已验收项目每项 1（至多 5） — text relevance (BM25, keywords "
                                         "weighted most) + 2 per shared field + 1 per accepted "
                                         "project of the unit in the field (at most 5)."},
                "reasons": {"type": "array", "items": {"type": "string"},
                            "description": "匹配理由：相符的关键词、相同的技术领域、往期项目 — what "
                                           "matched: keywords, the shared field, past projects."}}}
    limit = {"name": "limit", "in": "query", "required": False,
             "description": "最多返回几条 — at most this many items.",
             "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
    for path, idname, zh, en, tag in (
            ("/tech-needs/{id}/suggestions", "capability_id", "可响应此需求的服务能力",
             "Capabilities suggested for a need", "tech-needs"),
            ("/capabilities/{id}/suggestions", "need_id", "此服务能力可响应的已发布需求",
             "Published needs suggested for a capability", "capabilities")):
        it = json.loads(json.dumps(item))
        it["required"].insert(0, idname)
        it["properties"][idname] = {"type": "integer", "format": "int64"}
        ops[("GET", API + path)] = op(
            "%s · %s" % (zh, en),
            "按文本相关度（同一中文检索索引上的 BM25：记录的关键词与标题，关键词权重最高）、相同的技术领域和候选单位"
            "在该领域已验收的项目排序，每条附匹配理由；只考虑和显示调用者可见的记录（可见范围），往期项目只告诉本联合体"
            "成员与秘书处。记录本身须可读（否则 404，先于 limit 检查）。\n\nRanked by text relevance "
            "(BM25 over the same CJK-aware index as search: the record's keywords and title, "
            "keywords weighted most), shared technical fields and the candidate unit's accepted "
            "projects in the field, each with its reasons; only records the caller may see are "
            "considered or shown, past projects are told only to the consortium's members and "
            "secretariat. The record itself must be readable (else 404, before limit is "
            "checked).",
            [tag],
            {"200": json_ok("建议 — the suggestions, best first.", {
                "type": "object", "required": ["items", "total"],
                "properties": {"items": {"type": "array", "items": it},
                               "total": {"type": "integer",
                                         "description": "考虑的候选数 — candidates considered."}}}),
             **resp(400, 404)},
            SEC_OPTIONAL, operationId="suggest_" + idname.replace("_id", "s"),
            parameters=[ref("parameters", "id"), limit])
    ops.update(tech_stats_operation())
    return ops


def tech_stats_operation():
    """The technology platform's figures (api_tech_stats.c, domain/tech_stats.c)."""
    n = {"type": "integer", "minimum": 0}
    counts = {"type": "object", "additionalProperties": n,
              "description": "每种取值都列出，没有为 0 — every value, 0 when none."}
    share = {"type": ["number", "null"], "minimum": 0, "maximum": 1,
             "description": "占发布需求的比例（保留 3 位），无需求为 null — share of the needs "
                            "published (3 places), null with none."}
    unit = {"type": "object", "required": ["organization_id", "name", "needs_published",
                                           "needs_matched", "responses", "projects_led",
                                           "projects_partnered", "funds_agreed",
                                           "funds_received", "outputs"],
            "properties": {"organization_id": {"type": "integer", "format": "int64"},
                           "name": {"type": ["string", "null"]},
                           "needs_published": n, "needs_matched": n, "responses": n,
                           "projects_led": n, "projects_partnered": n, "funds_agreed": n,
                           "funds_received": n, "outputs": n}}
    schema = {"type": "object", "title": "技术服务数据 · Technology platform figures",
              "required": ["consortium_id", "year", "needs", "projects", "funds", "outputs",
                           "units"],
              "properties": {
                  "consortium_id": {"type": "integer", "format": "int64"},
                  "year": {"type": ["integer", "null"]},
                  "needs": {"type": "object", "required": [
                      "published", "answered", "matched", "answered_share", "matched_share",
                      "median_days_to_first_response"], "properties": {
                      "published": n, "answered": n, "matched": n, "answered_share": share,
                      "matched_share": share,
                      "median_days_to_first_response": {
                          "type": ["number", "null"], "minimum": 0,
                          "description": "发布到首次有效响应的天数中位数，无响应为 null — median days "
                                         "from publication to the first live answer, null with "
                                         "none."}}},
                  "projects": {"type": "object", "required": ["total", "by_kind", "by_status"],
                               "properties": {"total": n, "by_kind": counts,
                                              "by_status": counts}},
                  "funds": {"type": "object", "required": ["agreed", "received"],
                            "properties": {"agreed": n, "received": n}},
                  "outputs": {"type": "object", "required": ["total", "by_kind",
                                                             "standards_by_level", "revenue"],
                              "properties": {"total": n, "by_kind": counts,
                                             "standards_by_level": counts, "revenue": n}},
                  "units": {"type": "array", "items": unit}}}
    ops = {}
    ops[("GET", API + "/consortia/{id}/rd-stats")] = op(
        "技术服务数据 · Technology platform figures",
        "技术需求：该年发布（按首次发布日期）、获有效响应、对接成功（有响应被采纳）的数量与占比，发布到首次响应的"
        "天数中位数；项目（按开始日期）按类型与状态，合同金额（已立项者）与到账经费；成果（按日期）按类型，标准按"
        "级别，成果转化收入；合计与按单位。只统计调用者可读的记录：秘书处与管理员全部；成员单位公开与成员可见的需求、"
        "本单位的需求及项目与成果；其他人仅公开需求，无项目。仅秘书处可见的需求不计入任何其他人的数字。csv/xlsx "
        "下载按单位的表。\n\nNeeds first published in the year, answered (a live answer) and "
        "matched (an answer accepted) with their shares, and the median days from publication "
        "to the first answer; projects starting in the year by kind and status, funds agreed "
        "(approved projects) and received; outputs of the year by kind, standards by level, "
        "transfer revenue; in total and per unit. Counted only over what the caller may read: "
        "the secretariat and admins everything; a member unit public and members-only needs, "
        "its own unit's needs, projects and outputs; anyone else public needs only and no "
        "projects. A secretariat-only need is in nobody else's figures. csv/xlsx download the "
        "per-unit table.",
        ["rd-projects"],
        {"200": analysis_ok("数字 — the figures.", schema, "技术服务数据-按单位-2025年.xlsx"),
         "400": bad_query("year 或 format 无效 — a bad year or format.", "year", None,
                          "应为 2000 到 2100 之间的年份 (a year 2000–2100)"),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_rd_stats",
        parameters=[ref("parameters", "id"),
                    {"name": "year", "in": "query", "required": False,
                     "description": "只统计这一年（2000–2100）；不给为全部年度 — this year only "
                                    "(2000–2100); absent: all years.",
                     "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}},
                    ref("parameters", "analysis_format"), ref("parameters", "lang")])
    return ops


# ---- the annual report (src/http/api_report.c, domain/annual_report.c) ----

def annual_report_operations():
    obj = {"type": "object"}
    arr = {"type": "array", "items": {"type": "object"}}
    schema = {"type": "object",
              "required": ["consortium", "year", "profile", "governance", "talent", "outcomes",
                           "tech", "resources", "indicators"],
              "properties": {
                  "consortium": obj, "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
                  "profile": {"type": "object", "required": ["composition", "council"],
                              "properties": {"composition": obj, "council": obj}},
                  "governance": {"type": "object",
                                 "required": ["meetings", "meetings_held", "motions",
                                              "motions_passed", "work_plan"],
                                 "properties": {"meetings": arr, "work_plan": arr,
                                                "meetings_held": {"type": "integer"},
                                                "motions": {"type": "integer"},
                                                "motions_passed": {"type": "integer"},
                                                "work_plan_average": {"type": ["number", "null"]}}},
                  "talent": {"type": "object", "required": ["demand", "supply", "gap_top", "lists",
                                                            "rounds"],
                             "properties": {"gap_top": arr, "lists": arr, "rounds": arr,
                                            "demand": {"type": "number"},
                                            "supply": {"type": "number"}}},
                  "outcomes": {"type": "object", "required": ["pairs", "by_year"],
                               "properties": {"pairs": arr, "by_year": arr}},
                  "tech": obj,
                  "resources": {"type": "object", "required": ["facilities", "training"],
                                "properties": {"facilities": obj, "training": obj}},
                  "indicators": {"type": "object", "required": ["assessment", "goals"],
                                 "properties": {"assessment": {"type": ["object", "null"]},
                                                "goals": arr}}}}
    binary = {"schema": {"type": "string", "format": "binary"}}
    ok = {"description": "报告 — the report: json（网页用）、html（可打印页面）、pdf、xlsx — "
                         "as JSON, the printable page, the PDF or the workbook.",
          "headers": {"Content-Disposition": {
              "description": "pdf: inline, xlsx: attachment; filename*=UTF-8''年度报告-2026年.…",
              "schema": {"type": "string"}},
              "X-Report-Cache": {"description": "pdf: hit（缓存）/ miss（新生成） — whether the "
                                                "PDF came from the cache.",
                                 "schema": {"type": "string", "enum": ["hit", "miss"]}}},
          "content": {"application/json": {"schema": schema},
                      "text/html": {"schema": {"type": "string"}},
                      "application/pdf": binary,
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": binary}}
    ops = {}
    ops[("GET", API + "/consortia/{id}/annual-report")] = op(
        "年度报告 · Annual report",
        "联合体某年的年度报告，全部由记录生成：概况与成员构成、治理（会议、表决、工作计划）、人才供需（缺口、清单、"
        "双选轮次）、成效（实习、就业、证书、培训与主要校企合作）、技术服务、共建资源与联合培养、指标与目标。各部分"
        "以调用者身份取数，只含调用者可见的内容。format=html 为可打印页面（A4，内联 SVG 图表，无脚本；Accept "
        "偏好 text/html 且未给 format 时默认），pdf 为服务器用 headless Chromium 打印的同一页面（按 HTML 的 "
        "SHA-256 缓存；同时最多两份，忙或未安装 chromium 时 503 + Retry-After），xlsx 每张表一页，json 为数据。"
        "\n\nThe consortium's report of a year, every figure from records, each section gathered "
        "as the caller (what the caller may see). html: the printable page (default when Accept "
        "prefers text/html and no format is given); pdf: that page printed by headless Chromium "
        "(cached by the SHA-256 of the HTML; two at once at most, 503 with Retry-After when busy "
        "or not installed); xlsx: one sheet per table; json: the data (docs/report.md).",
        ["consortia"],
        {"200": ok,
         "400": bad_query("format 无效 — a bad format.", "format", None,
                          "应为 html、pdf、xlsx 或 json (html, pdf, xlsx or json)"),
         **resp(401, 404, 422, 503)},
        SEC_OPTIONAL, operationId="consortium_annual_report",
        parameters=[ref("parameters", "id"),
                    {"name": "year", "in": "query", "required": True,
                     "description": "报告年度（2000–2100，必填） — the report's year (2000–2100).",
                     "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}},
                    {"name": "format", "in": "query", "required": False,
                     "description": "html | pdf | xlsx | json（默认 json，浏览器导航时 html） — "
                                    "the answer's format.",
                     "schema": {"type": "string", "enum": ["html", "pdf", "xlsx", "json"]}}])
    return ops


# ---- joint training (src/http/api_training.c, domain/training.c) ----

def training_operations():
    count = {"type": "integer", "minimum": 0}
    share = {"type": ["number", "null"], "minimum": 0, "maximum": 1,
             "description": "比例（0–1，四位小数），分母为 0 时为 null — a share (0–1, four "
                            "places), null when there is nothing to share."}
    counts = ["programs", "programs_co_run", "courses", "courses_co_developed", "materials",
              "materials_co_developed", "teachers", "dual_qualified", "mentors", "part_time",
              "secondments_to_enterprise", "secondment_days_to_enterprise",
              "secondments_to_school", "secondment_days_to_school", "cohorts",
              "cohort_students", "cohort_places"]
    shares = ["programs_co_run_share", "courses_co_developed_share",
              "materials_co_developed_share", "dual_qualified_share"]
    kinds = ["order", "apprenticeship", "field_engineer"]
    figures = {"type": "object", "required": counts + shares + ["cohorts_by_kind"],
               "properties": dict({k: count for k in counts}, **{k: share for k in shares},
                                  cohorts_by_kind={"type": "object", "required": kinds,
                                                   "properties": {k: count for k in kinds}})}
    school = {"allOf": [{"type": "object", "required": ["organization_id", "name"],
                         "properties": {"organization_id": {"type": "integer"},
                                        "name": {"type": ["string", "null"]}}}, figures]}
    body = {"type": "object", "title": "联合培养数据 · Joint-training figures",
            "required": ["consortium_id", "year", "totals", "schools", "facility_use"],
            "properties": {"consortium_id": {"type": "integer"},
                           "year": {"type": ["integer", "null"]},
                           "facility_use": {
                               "type": ["object", "null"],
                               "description": "该年共建共享资源的使用（与 facility-stats 的合计相同）；不给"
                                              "年度为 null — the year's facility use (the totals of "
                                              "facility-stats); null without a year.",
                               "required": ["facilities", "bookings", "bookings_done",
                                            "person_times", "station_hours_booked",
                                            "station_hours_open", "utilisation"],
                               "properties": {"facilities": count, "bookings": count,
                                              "bookings_done": count, "person_times": count,
                                              "station_hours_booked": {"type": "number", "minimum": 0},
                                              "station_hours_open": {"type": "number", "minimum": 0},
                                              "utilisation": {"type": "number", "minimum": 0}}},
                           "totals": dict(figures, description="全部单位合计 — over every unit."),
                           "schools": {"type": "array", "items": school,
                                       "description": "每所有记录的学校，按编号 — each school with "
                                                      "records, by id."}}}
    year = {"name": "year", "in": "query", "required": False,
            "description": "年度（1950–2100）：专业、课程、教材计至该年（含未填年度的），教师企业实践与"
                           "班级计该年；不给为全部 — the year: programmes, courses and materials "
                           "up to it (and those with no year), secondments and cohorts of it; "
                           "absent: all.",
            "schema": {"type": "integer", "minimum": 1950, "maximum": 2100}}
    return {("GET", API + "/consortia/{id}/training-stats"): op(
        "联合培养数据 · Joint-training figures",
        "校企共建的专业（群）及比例、共建课程与教材、专任教师中的双师比例、产业导师与兼职教师、教师企业"
        "实践与企业人员到校任教的人次与天数、订单班等各类班级及其学生与计划规模；按学校与合计。只含人数，"
        "不含姓名（师资姓名与学生名单是个人信息）；可读联合体者可读（否则 404，先于 year 检查）。"
        "给出年度时含该年的资源使用（facility_use）。\n\nCo-run programmes and their share, "
        "co-developed courses and materials, the dual-qualified share among school teachers, "
        "mentors and part-time teachers, secondments and their days both ways, cohorts by kind "
        "with their students and places; per school and in total. Counts only, never names "
        "(staff names and student lists are personal data); whoever may read the consortium "
        "reads them (else 404, before the year is checked). With a year, the year's facility "
        "use (facility_use) too.",
        ["consortia"],
        {"200": json_ok("联合培养数据 — the figures.", body), **resp(400, 404)},
        SEC_OPTIONAL, operationId="training_stats",
        parameters=[ref("parameters", "id"), year])}


# ---- co-built facilities (src/http/api_facility.c, domain/facility.c) ----
INT64 = {"type": "integer", "format": "int64"}
CST_TIME = {"type": "string", "description": "北京时间 ISO 8601 — ISO 8601 in China Standard Time.",
            "example": "2026-12-07T08:30:00+08:00"}


def facility_slot(extra_required=()):
    """A booking as the calendar and the conflicts show it: the unit only
    to who may read the booking."""
    return {"type": "object", "additionalProperties": False,
            "required": ["id", "starts_at", "ends_at", "stations", "status", *extra_required],
            "properties": {
                "id": INT64, "starts_at": CST_TIME, "ends_at": CST_TIME,
                "stations": {"type": "integer"},
                "status": {"type": "string", "enum": ["requested", "approved", "done"]},
                "organization_id": INT64,
                "organization_name": {"type": ["string", "null"]},
                "purpose": {"type": "string"},
                "people": {"type": ["integer", "null"]}}}


def facility_schemas():
    figures = {
        "bookings": {"type": "integer", "description": "已批准或已完成的预约 — approved or done."},
        "bookings_done": {"type": "integer"},
        "person_times": {"type": "integer", "description": "已完成预约的培训人次 — of done bookings."},
        "station_hours_booked": {"type": "number",
                                 "description": "Σ 工位 × 小时（截至当年） — Σ stations × hours, "
                                                "clipped to the year."},
        "station_hours_open": {"type": "number",
                               "description": "工位 × 每周开放小时 × 当年周数 — stations × "
                                              "open_hours_week × weeks of the year."},
        "utilisation": {"type": "number", "description": "booked ÷ open"},
        "outside_station_hours": {"type": "number",
                                  "description": "非所属、非共建单位预约的工位小时 — booked by units "
                                                 "that neither own nor co-own the facility."},
        "outside_share": {"type": "number", "description": "outside ÷ booked"},
        "person_times_by_month": {"type": "array", "items": {"type": "integer"},
                                  "minItems": 12, "maxItems": 12},
    }
    # Month by month (January first), given when the figures are of one year.
    month12 = {"type": "array", "items": {"type": "number"}, "minItems": 12, "maxItems": 12}
    monthly = {
        "station_hours_booked_by_month": dict(month12, description="工位小时 — station-hours"),
        "utilisation_by_month": dict(month12, description="booked ÷ open"),
        "outside_share_by_month": dict(month12, description="outside ÷ booked"),
    }
    item = {"type": "object", "additionalProperties": False,
            "required": ["facility_id", "name", "kind", "organization_id", "stations",
                         "open_hours_week", *figures],
            "properties": {"facility_id": INT64, "name": {"type": "string"},
                           "kind": {"type": "string"}, "organization_id": INT64,
                           "organization_name": {"type": ["string", "null"]},
                           "stations": {"type": "integer"},
                           "open_hours_week": {"type": "integer"}, **figures, **monthly}}
    totals = {"type": "object", "additionalProperties": False,
              "required": ["facilities", "stations", *figures],
              "properties": {"facilities": {"type": "integer"}, "stations": {"type": "integer"},
                             **figures, **monthly}}
    return {
        "OverbookingDetails": {
            "type": "object", "title": "超订冲突 · Overbooking",
            "description": "批准（或以已批准新建、修改）预约会与其他已批准预约合计超出工位数时 409 的 details：峰值"
                           "时刻、占用与容量，以及该时刻在用的预约 — the details of the 409 when "
                           "approving (or filing or changing an approved) booking would exceed the "
                           "stations with the other approved ones: the peak moment, its use, the "
                           "capacity and the bookings in use then.",
            "required": ["conflicts", "peak", "capacity", "at"],
            "properties": {"stations": {"type": "string"}, "peak": {"type": "integer"},
                           "capacity": {"type": "integer"}, "at": CST_TIME,
                           "conflicts": {"type": "array", "items": facility_slot()}}},
        "FacilityStats": {
            "type": "object", "title": "资源使用统计 · Facility figures",
            "additionalProperties": False,
            "required": ["consortium_id", "year", "basis", "items", "totals"],
            "properties": {"consortium_id": INT64, "year": {"type": "integer"},
                           "basis": {"type": "string"},
                           "items": {"type": "array", "items": item}, "totals": totals}},
    }


def facility_operations():
    """The facilities' routes beyond their entities (api_facility.c)."""
    ops = {}
    window = lambda name, zh, en: {  # noqa: E731
        "name": name, "in": "query", "required": True, "description": "%s — %s" % (zh, en),
        "schema": {"type": "string"}}
    ops[("GET", API + "/facilities/{id}/calendar")] = op(
        "资源日历 · A facility's bookings in a window",
        "窗口内未被驳回的预约（from、to 为北京时间日期，含 to 当日，或带时区的 ISO 8601 时间；至多 366 天）。"
        "能读资源者都看到占用时段；预约单位、用途与人数只给能读该预约者（预约单位、资源所属单位、秘书处）。"
        "\n\nThe bookings that are not rejected overlapping the window (from and to are dates "
        "in China Standard Time, to inclusive, or ISO 8601 times with offset; at most 366 "
        "days). Whoever reads the facility sees the slots; the booking unit, purpose and people "
        "only who may read the booking (the booking unit, the facility's unit, the "
        "secretariat).",
        ["facilities"],
        {"200": json_ok("日历 — the calendar.", {
            "type": "object", "additionalProperties": False,
            "required": ["facility_id", "name", "stations", "from", "to", "items"],
            "properties": {"facility_id": INT64, "name": {"type": "string"},
                           "stations": {"type": "integer"}, "from": CST_TIME, "to": CST_TIME,
                           "items": {"type": "array", "items": facility_slot()}}}),
         **resp(400, 404)},
        SEC_OPTIONAL, operationId="facility_calendar",
        parameters=[ref("parameters", "id"),
                    window("from", "开始日期或时间", "the window's first day or start"),
                    window("to", "结束日期（含）或时间", "the window's last day or end")])
    ops[("GET", API + "/facilities/{id}/availability")] = op(
        "可用工位 · Free stations in a window",
        "时段内已批准与已完成预约的工位峰值、剩余工位、是否容得下 stations 个工位，以及容不下时峰值时刻在用的预约（"
        "预约单位只给能读该预约者）。exclude 可排除一条预约（修改时）。\n\nThe peak of stations the "
        "approved and done bookings use in the window, the stations free, whether stations more "
        "fit, and when they do not the bookings in use at the peak (the unit only to who may "
        "read the booking). exclude leaves one booking out (when changing it).",
        ["facilities"],
        {"200": json_ok("可用情况 — availability.", {
            "type": "object", "additionalProperties": False,
            "required": ["capacity", "peak", "free", "stations", "fits", "conflicts"],
            "properties": {"capacity": {"type": "integer"}, "peak": {"type": "integer"},
                           "free": {"type": "integer"}, "stations": {"type": "integer"},
                           "fits": {"type": "boolean"},
                           "conflicts": {"type": "array", "items": facility_slot()}}}),
         **resp(400, 404)},
        SEC_OPTIONAL, operationId="facility_availability",
        parameters=[ref("parameters", "id"),
                    window("starts_at", "带时区的开始时间", "start, ISO 8601 with offset"),
                    window("ends_at", "带时区的结束时间", "end, ISO 8601 with offset"),
                    {"name": "stations", "in": "query", "required": False,
                     "description": "要预约的工位数 — stations wanted.",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1}},
                    {"name": "exclude", "in": "query", "required": False,
                     "description": "不计入的预约 — a booking left out.",
                     "schema": {"type": "integer", "minimum": 0}}])
    ops[("GET", API + "/consortia/{id}/facility-stats")] = op(
        "资源使用统计 · Facility figures of a year",
        "每个资源与合计：预约工位小时（已批准与已完成预约的工位 × 小时，截至当年）÷ 开放工位小时（工位 × 每周开放"
        "小时 × 当年周数）、逐月培训人次（已完成预约，按开始月份，北京时间）、外单位（既非所属也非共建单位）使用占比。"
        "能读联合体者都可读。\n\nPer facility and in total: station-hours booked (stations × hours "
        "of approved and done bookings, clipped to the year) over station-hours open (stations × "
        "hours open per week × weeks of the year), person-times per month (done bookings, by "
        "their start month in China Standard Time), and the share booked by outside units "
        "(neither owner nor co-owner). Readable by whoever may read the consortium.",
        ["facilities"],
        {"200": json_ok("统计 — the figures.", ref("schemas", "FacilityStats")),
         **resp(400, 401, 404)},
        SEC_OPTIONAL, operationId="consortium_facility_stats",
        parameters=[ref("parameters", "id"),
                    {"name": "year", "in": "query", "required": False,
                     "description": "年度（2000–2100），默认今年 — the year (2000–2100), default "
                                    "this year.",
                     "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}}])
    return ops



# ---- the authority's view (src/http/api_authority.c, domain/authority.c) ----

def authority_schemas():
    num = {"type": ["number", "null"]}
    text = {"type": ["string", "null"]}
    rag = {"type": "object", "required": ["green", "amber", "red", "none"],
           "properties": {k: {"type": "integer", "minimum": 0}
                          for k in ("green", "amber", "red", "none")}}
    brief = {"type": ["object", "null"],
             "description": "该年的评估（无则 null）— the year's assessment, or null.",
             "required": ["id", "framework_id", "status", "version", "rag"],
             "properties": {"id": {"type": "integer"}, "framework_id": {"type": "integer"},
                            "status": {"type": "string"}, "version": {"type": "integer"},
                            "result": text, "score": num, "cutoff_on": text,
                            "submitted_at": text, "rag": rag}}
    totals = {"type": "array", "items": {
        "type": "object", "required": ["kind", "amount", "items"],
        "properties": {"kind": {"type": "string"}, "unit": text, "amount": num,
                       "items": {"type": "integer"}}}}
    comment = {"type": "object",
               "required": ["id", "version", "user_id", "action", "body", "created_at"],
               "properties": {"id": {"type": "integer"}, "version": {"type": ["integer", "null"]},
                              "user_id": {"type": "integer"}, "user_name": text, "role": text,
                              "action": {"type": "string", "enum": ["comment", "return", "reopen"]},
                              "body": {"type": "string"}, "created_at": {"type": "string"}}}
    head = {"type": "object", "required": ["id", "consortium_id", "year", "status", "version"],
            "properties": {"id": {"type": "integer"}, "consortium_id": {"type": "integer"},
                           "year": {"type": "integer"}, "status": {"type": "string"},
                           "version": {"type": "integer"}}}
    return {
        "AuthorityOverview": {
            "type": "object", "title": "主管部门总览 · Authority overview",
            "required": ["year", "consortia"],
            "properties": {"year": {"type": "integer"}, "consortia": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "name", "kind", "members", "assessment", "policy",
                             "policy_all_years", "links"],
                "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"},
                    "short_name": text, "kind": {"type": "string"}, "level": text,
                    "region_code": text, "region_name": text, "is_public": {"type": "boolean"},
                    "members": {"type": "integer", "minimum": 0}, "assessment": brief,
                    "policy": totals, "policy_all_years": totals,
                    "links": {"type": "object",
                              "required": ["consortium", "annual_report", "assessment",
                                           "policy_grants"],
                              "properties": {"consortium": {"type": "string"},
                                             "annual_report": {"type": "string"},
                                             "assessment": text,
                                             "policy_grants": {"type": "string"}}}}}}}},
        "AuthorityIndicators": {
            "type": "object", "title": "指标对比 · Indicators side by side",
            "required": ["year", "framework", "consortia", "indicators"],
            "properties": {
                "year": {"type": "integer"},
                "framework": {"type": ["object", "null"]},
                "consortia": {"type": "array", "items": {
                    "type": "object", "required": ["id", "name", "assessment_id", "status"],
                    "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                   "short_name": text,
                                   "assessment_id": {"type": ["integer", "null"]},
                                   "status": text}}},
                "indicators": {"type": "array", "items": {
                    "type": "object", "required": ["id", "code", "name", "values"],
                    "properties": {"id": {"type": "integer"}, "code": {"type": "string"},
                                   "name": {"type": "string"}, "name_en": text, "unit": text,
                                   "direction": text, "veto": {"type": "boolean"},
                                   "source": text,
                                   "values": {"type": "array", "items": {
                                       "type": "object",
                                       "required": ["consortium_id", "value", "rag"],
                                       "properties": {"consortium_id": {"type": "integer"},
                                                      "value": num, "computed": num,
                                                      "reported": num, "target": num,
                                                      "rag": text}}}}}}}},
        "AuthorityScopes": {
            "type": "object", "title": "监管范围 · Authority scopes",
            "required": ["scopes", "consortia"],
            "properties": {"scopes": {"type": "array", "items": {"type": "object"}},
                           "consortia": {"type": "array", "items": {"type": "object"}}}},
        "AssessmentComment": dict(comment, title="评阅意见 · A review comment"),
        "AssessmentComments": {
            "type": "object", "title": "评阅记录 · The review",
            "required": ["assessment", "items"],
            "properties": {"assessment": head,
                           "items": {"type": "array",
                                     "items": ref("schemas", "AssessmentComment")}}},
        "AssessmentCommentCreated": {
            "type": "object", "required": ["id", "assessment_id", "action", "body", "status"],
            "properties": {"id": {"type": "integer"}, "assessment_id": {"type": "integer"},
                           "version": {"type": "integer"}, "action": {"type": "string"},
                           "body": {"type": "string"}, "status": {"type": "string"}}},
    }


def authority_operations():
    year = {"name": "year", "in": "query", "required": False,
            "description": "年度（2000–2100），默认上一年（北京时间）— the year (2000–2100), default "
                           "last year (China time).",
            "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}}
    who = ("仅主管部门（其监管的联合体）与平台管理员（全部联合体）；其他角色 403。\n\nAuthorities (the "
           "consortia they oversee) and platform admins (every consortium); others 403.")
    ops = {}
    ops[("GET", API + "/authority/overview")] = op(
        "主管部门总览 · The consortia an authority oversees, side by side",
        "每个监管的联合体：成员数、该年评估（状态、结论、得分、红黄绿计数）、本年度与历年政策包合计、年度报告与评估"
        "的链接。" + who,
        ["authority"],
        {"200": json_ok("总览 — the overview.", ref("schemas", "AuthorityOverview")),
         **resp(400, 401, 403)},
        SEC_READ, operationId="authority_overview", parameters=[year])
    ops[("GET", API + "/authority/indicators")] = op(
        "指标对比 · Indicators side by side",
        "一个指标体系的三级指标，每个联合体一列：值（填报值优先，否则计算值）、目标、红黄绿。未给 framework_id 时取"
        "该年多数评估所用的体系，否则现行体系。" + who,
        ["authority"],
        {"200": json_ok("指标对比 — the table.", ref("schemas", "AuthorityIndicators")),
         **resp(400, 401, 403, 422)},
        SEC_READ, operationId="authority_indicators",
        parameters=[year, {"name": "framework_id", "in": "query", "required": False,
                           "description": "指标体系 — the framework.",
                           "schema": {"type": "integer", "minimum": 1}}])
    ops[("GET", API + "/authority/scopes")] = op(
        "监管范围 · What the authority's unit oversees",
        "本部门的监管范围（地区代码前缀或指定联合体）及其所及的联合体。" + who,
        ["authority"],
        {"200": json_ok("范围 — the scopes.", ref("schemas", "AuthorityScopes")),
         **resp(401, 403)},
        SEC_READ, operationId="authority_scopes")
    review = ("监管该联合体的主管部门、本联合体秘书处与平台管理员；其他能读该联合体者 403，不能读者 404。\n\nThe "
              "authority over the consortium, its secretariat and platform admins; others who read "
              "the consortium 403, who do not 404.")
    ops[("GET", API + "/assessments/{id}/comments")] = op(
        "评阅记录 · The review of an assessment", "评估的意见与退回记录，按时间先后。" + review,
        ["authority"],
        {"200": json_ok("评阅记录 — the review.", ref("schemas", "AssessmentComments")),
         **resp(401, 403, 404)},
        SEC_READ, operationId="assessment_comments", parameters=[ref("parameters", "id")])
    ops[("POST", API + "/assessments/{id}/comments")] = op(
        "评阅评估 · Comment on or return an assessment",
        "提出意见（action=comment），或退回已提交的评估（action=return：仅主管部门与平台管理员；状态改为 returned，"
        "与意见同一事务；未提交为 409）。意见 1–2000 字。记入审计日志。" + review,
        ["authority"],
        {"201": json_ok("已记录 — recorded.", ref("schemas", "AssessmentCommentCreated")),
         **resp(400, 401, 403, 404, 409, 422)},
        SEC_WRITE, operationId="assessment_comment_add", parameters=[ref("parameters", "id")],
        requestBody={"required": True, "content": {"application/json": {
            "schema": {"type": "object", "required": ["body"], "additionalProperties": False,
                       "properties": {"body": {"type": "string", "minLength": 1,
                                               "maxLength": 2000},
                                      "action": {"type": "string",
                                                 "enum": ["comment", "return"],
                                                 "default": "comment"}}},
            "example": {"body": "目标未达成，请补充佐证后重新提交", "action": "return"}}}})
    return ops

# ---- placements and outcomes (src/http/api_outcomes.c, domain/outcomes.c) ----

def outcomes_schemas(meta):
    def zeros_of(entity, field, description):
        values = meta_options(meta, entity, field)
        return {"type": "object", "description": description,
                "required": values, "additionalProperties": {"type": "integer"},
                "properties": {v: {"type": "integer", "minimum": 0} for v in values}}
    tkinds = meta_options(meta, "trainings", "kind")
    count = {"type": "integer", "minimum": 0}
    kind_figures = {"type": "object", "required": ["trainings", "participants", "person_times"],
                    "properties": {"trainings": count, "participants": count,
                                   "person_times": count}}
    figures = {
        "type": "object", "title": "成效数字 · Outcome figures",
        "required": ["interns", "placements", "graduates_delivered", "graduates_by_kind",
                     "certificates", "training"],
        "properties": {
            "interns": dict(count, description="实习人数：该年开始（状态不是待上岗）的实习所涉学生数，同一"
                                               "学生一年只计一次 — interns placed: distinct students "
                                               "whose placement started that year and is not "
                                               "merely planned."),
            "placements": {"type": "object", "required": ["total", "by_status"],
                           "description": "实习记录数，按状态 — placement rows, by status.",
                           "properties": {"total": count, "by_status": zeros_of(
                               "placements", "status", "每种状态都列出，没有为 0 — every status, "
                                                       "0 when none.")}},
            "graduates_delivered": dict(count, description="输送毕业生：去向为就业（employed）的人数"
                                                           "之和 — graduates delivered: the "
                                                           "headcount of kind employed."),
            "graduates_by_kind": zeros_of("employment_outcomes", "kind",
                                          "按去向的人数，每种去向都列出 — headcount by kind, every "
                                          "kind listed."),
            "certificates": {
                "type": "object", "required": ["total", "by_level", "technician_or_above"],
                "properties": {
                    "total": count,
                    "by_level": zeros_of("certificates", "level",
                                         "按等级的证书数，七个等级都列出（由低到高） — certificates "
                                         "by level, all seven levels, lowest first."),
                    "technician_or_above": dict(count, description="技师及以上（技师、高级技师、特级"
                                                                   "技师、首席技师） — technician "
                                                                   "or above.")}},
            "training": {
                "type": "object",
                "required": ["trainings", "participants", "person_times", "hours", "by_kind"],
                "properties": {
                    "trainings": dict(count, description="培训项目数 — training rows."),
                    "participants": dict(count, description="参训人数之和 — participants."),
                    "person_times": dict(count, description="人次之和（person_times_total） — "
                                                            "person-times (person_times_total)."),
                    "hours": dict(count, description="学时之和 — hours."),
                    "by_kind": {"type": "object", "required": tkinds,
                                "description": "按培训类型，每种都列出 — by training kind, every "
                                               "kind listed.",
                                "properties": {k: kind_figures for k in tkinds},
                                "additionalProperties": kind_figures}}},
        },
    }
    year_figures = {"allOf": [{"type": "object", "required": ["year"],
                               "properties": {"year": {"type": "integer"}}}, figures]}
    return {
        "OutcomeFigures": figures,
        "OutcomeYear": year_figures,
        "Outcomes": {
            "type": "object", "title": "成效 · Outcomes",
            "required": ["consortium_id", "year", "years", "by_year", "total"],
            "properties": {
                "consortium_id": {"type": "integer"},
                "year": {"type": ["integer", "null"],
                         "description": "所问的年度；不给为 null — the year asked for, or null."},
                "years": {"type": "array", "items": {"type": "integer"},
                          "description": "by_year 中的年度，升序 — the years of by_year, ascending."},
                "by_year": {"type": "array", "items": ref("schemas", "OutcomeYear"),
                            "description": "不给 year 时为每个有记录的年度，给出时只有该年（无记录则全为 0）"
                                           " — every year with records, or only the year asked "
                                           "for (zeros if it has none)."},
                "total": dict(ref("schemas", "OutcomeFigures"),
                              description="by_year 各年之和（一名学生在两年实习则计两次） — the sum "
                                          "of the years shown (an intern placed in two years "
                                          "counts twice)."),
            },
        },
    }


def privacy_operations():
    """Personal data under PIPL (api_privacy.c, domain/privacy.c)."""
    ops = {}
    ops[("GET", API + "/me/data")] = op(
        "我的数据 · My data (PIPL export)",
        "下载平台保存的关于当前用户的全部信息（JSON 附件）：账号、与账号关联的学生记录，以及每条记录的顶岗实习、"
        "毕业生就业、职业技能等级证书、双选志愿与结果（完整字段），本人在审计日志中的操作与本人的登录日志（各最新 1000 条）。"
        "\n\nEverything the platform holds on the signed-in user, as a JSON attachment: the "
        "account, the student records linked to it and, for each, placements, employment "
        "outcomes, certificates, round lists and results (whole), the user's own actions in "
        "the audit log and the user's own sign-ins in the login log (newest 1 000 of each).",
        ["privacy"],
        {"200": json_ok("我的数据 — the data.", {"type": "object", "required": [
            "generated_at", "account", "students", "placements", "employment_outcomes",
            "certificates", "round_lists", "round_results", "own_actions", "login_log"]}),
         **resp(401)},
        SEC_READ, operationId="me_data")
    ops[("POST", API + "/students/{id}/erase")] = op(
        "删除学生个人信息 · Erase a student (PIPL)",
        "学生所在学校（单位管理员或工作人员）或平台管理员删除一名学生：学生记录删除；顶岗实习、毕业生就业、证书"
        "保留并继续计入成效统计，但去掉学生与评价、成绩、持证人、证书编号；双选志愿与结果删除；关联账号退出、"
        "停用并去掉姓名；审计日志保留条目但去掉这些值。须提交 {\"confirm\": true}。\n\nThe student's "
        "school (org admin or staff) or a platform admin erases a student: the record goes; "
        "placements, employment outcomes and certificates stay counted in the outcome figures "
        "without the student, evaluation, score, grade, holder or certificate number; round "
        "lists and results go; the linked account is signed out, disabled and nameless; the "
        "audit log keeps its entries without those values. Body {\"confirm\": true}; "
        "permission is checked before the body.",
        ["privacy"],
        {"200": json_ok("已删除 — what was changed.", {"type": "object", "required": [
            "student_id", "placements", "employment_outcomes", "certificates", "round_rows",
            "audit_entries", "account_disabled"]}),
         **resp(400, 401, 403, 404, 422)},
        SEC_WRITE, operationId="student_erase", parameters=[ref("parameters", "id")],
        requestBody={"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["confirm"],
            "properties": {"confirm": {"type": "boolean", "const": True}}}}}})
    return ops


def todo_operations():
    """Each role's home: to-dos and figures (api_todo.c, domain/todo.c)."""
    ops = {}
    item = {"type": "object", "required": ["kind", "count", "title_zh", "title_en", "due", "link"],
            "properties": {"kind": {"type": "string"}, "count": {"type": "integer", "minimum": 1},
                           "title_zh": {"type": "string"}, "title_en": {"type": "string"},
                           "due": {"type": ["string", "null"], "format": "date"},
                           "link": {"type": "string", "pattern": "^/workspace"}}}
    figure = {"type": "object", "required": ["key", "label_zh", "label_en", "value"],
              "properties": {"key": {"type": "string"}, "label_zh": {"type": "string"},
                             "label_en": {"type": "string"}, "value": {"type": "integer"}}}
    ops[("GET", API + "/me/todo")] = op(
        "我的待办 · My to-do list",
        "当前用户待办的事项（按类：数量、最早的日期、办理页面）与其关注的数字，只统计调用者在所链接页面上本就可见的"
        "记录：秘书处——待发布的需求与公告草稿、最新一期需求尚未发布的报告、收集志愿或排序中的双选轮次、待匹配或待公布的轮次、待表决的议题、"
        "逾期的工作计划、60 天内到期的协议；企业——待排序的岗位申请者、需求草稿、待评价的实习生；学校——尚未填报"
        "志愿的学生、双选后未落实去向的学生、已过结束日期仍在岗的实习；政府部门——政策与项目草稿；学生——待填报的"
        "志愿、已公布的结果；平台管理员——今日登录失败、已停用的账号。标题两种语言都给（title_zh / title_en），"
        "界面按当前语言显示。\n\nWhat waits for the signed-in user, by kind (how many, the earliest "
        "date, the workspace page where it is done), and the figures the role watches; counts "
        "only over records the caller already reads on the linked pages: a secretariat's "
        "drafts, the latest period's demand report to publish, rounds collecting lists or rankings, rounds to run or publish, motions to "
        "vote, overdue work-plan items, agreements expiring within 60 days; an enterprise's "
        "positions with applicants to rank, demand drafts, interns to evaluate; a school's "
        "students without a list, students left unplaced, placements past their end date; a "
        "government unit's drafts; a student's lists due and results published; the platform "
        "admin's failed sign-ins today and disabled accounts. Titles come in both languages "
        "(title_zh / title_en); the UI shows the one of its language.",
        ["auth"],
        {"200": json_ok("待办与数字 — to-dos and figures.", {
            "type": "object", "required": ["role", "today", "items", "figures"],
            "properties": {"role": {"type": "string"}, "today": {"type": "string", "format": "date"},
                           "items": {"type": "array", "items": item},
                           "figures": {"type": "array", "items": figure}}}),
         **resp(401)},
        SEC_READ, operationId="me_todo")
    return ops


def outcomes_operations():
    """The outcome figures (api_outcomes.c)."""
    ops = {}
    ops[("GET", API + "/consortia/{id}/outcomes")] = op(
        "成效 · Outcome figures per year",
        "按年度统计的成效：实习人数（该年开始、非待上岗的实习所涉学生数）、输送毕业生（去向为就业的人数）、"
        "按等级的职业技能等级证书与技师及以上人数、培训人次（合计与按培训类型），以及各年合计。给 year 时只"
        "统计该年。只有汇总数字，不含个人信息：能读联合体者都可读（公开联合体：任何人）。\n\nOutcome "
        "figures per year: interns placed (distinct students whose placement started that year "
        "and is not merely planned), graduates delivered (headcount employed), skill-level "
        "certificates by level and technician or above, person-times trained (in total and by "
        "training kind), and the totals over the years. With year, that year only. Aggregates "
        "only, no personal data: readable by whoever may read the consortium (anyone, for a "
        "public one).",
        ["outcomes"],
        {"200": json_ok("成效 — the figures.", ref("schemas", "Outcomes")),
         "400": bad_query("year 无效 — a bad year.", "year", None,
                          "应为 2000 到 2100 之间的年份 (a year 2000–2100)"),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_outcomes",
        parameters=[ref("parameters", "id"),
                    {"name": "year", "in": "query", "required": False,
                     "description": "只统计这一年（2000–2100）；不给为逐年 — this year only "
                                    "(2000–2100); absent: every year.",
                     "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}}])
    return ops


# ---- the talent supply–demand platform (src/http/api_talent.c, domain/talent.c) ----

def meta_options(meta, entity, field):
    """The enumeration values of entity.field as the meta reports them, so
    the analyses' kind/level/education enums follow entities_talent.c."""
    for e in meta:
        if e["name"] == entity:
            for f in e["fields"]:
                if f["name"] == field and f.get("options"):
                    return [o["value"] for o in f["options"]]
    raise SystemExit("gen-openapi: %s.%s is no longer an enumeration in /api/v1/meta/entities"
                     % (entity, field))


FIGURE = "保留两位小数 — rounded to 2 decimals."
CROSSWALK_USED = {
    "type": "string", "enum": ["own", "shared"],
    "description": "所用的专业与职业对应表：own = 本联合体自己的（有自己的行时只用它们），shared = 全平台共用"
                   "的 — the crosswalk used: own = the consortium's own rows (used alone once it "
                   "has any), shared = the platform's shared crosswalk."}
REGION_NAME = {"type": ["string", "null"],
               "description": "工作地点的名称（GB/T 2260），如 柳州市；没有地点或代码不在已载入的区划中时为 "
                              "null — the place's name (GB/T 2260), e.g. 柳州市; null without a "
                              "place or when the loaded regions lack the code."}
CATALOG_NAME = {"type": ["string", "null"],
                "description": "目录中的名称；已载入的目录版本中没有此代码时为 null — the catalogue "
                               "name; null when the loaded edition lacks the code."}


def num(description):
    return {"type": "number", "description": description + " " + FIGURE}


def numbers(description):
    return {"type": "array", "items": {"type": "number"},
            "description": description + " 与 periods 一一对应 (one per period); " + FIGURE}


def talent_schemas(meta):
    kinds = meta_options(meta, "demand", "kind")
    levels = meta_options(meta, "majors", "level")
    education = meta_options(meta, "demand", "education")
    kind_or_null = {"type": ["string", "null"], "enum": kinds + [None],
                    "description": "所给的需求类型；null 为全部类型 — the demand kind asked for; "
                                   "null for all kinds."}
    level_or_null = {"type": ["string", "null"], "enum": levels + [None],
                     "description": "专业目录中的层次；目录中没有此代码时为 null — the level in the "
                                    "major catalogue; null when the catalogue lacks the code."}
    gap_example = {
        "by": "occupation", "period": 2025, "kind": None, "crosswalk": "shared",
        "items": [{"code": "6-22-02-01", "name": "汽车装调工", "demand": 300.0, "supply": 183.1,
                   "gap": 116.9},
                  {"code": "6-24-04-00", "name": "电池制造工", "demand": 35.0, "supply": 0.0,
                   "gap": 35.0},
                  {"code": "4-12-01-03", "name": "电池及电池系统维修保养师", "demand": 70.0,
                   "supply": 176.0, "gap": -106.0}],
        "total": 3,
        "unserved": [{"code": "6-24-04-00", "name": "电池制造工", "demand": 35.0}]}
    summary_example = {"positions": 11, "headcount": 685.0, "enterprises": 7, "occupations": 9,
                       "graduates": 738.0, "enrolment": 819.0}
    return {
        "GapItem": {
            "type": "object", "title": "缺口 · Gap row",
            "description": "by=occupation：一行一个职业 o，demand = D(o)（已发布的需求人数），supply = "
                           "S(o) = Σ_m G(m)·w(m,o)，gap = D(o) − S(o)。by=major：一行一个专业 m，demand = "
                           "demand(m) = Σ_o D(o)·G(m)·w(m,o)/S(o)（S(o) > 0 的职业），supply = G(m)（毕业生"
                           "人数），gap = demand(m) − G(m)。正的 gap 为缺口，负的为富余 — by=occupation: "
                           "one row per occupation o, demand = D(o) (published headcount), supply = "
                           "S(o) = Σ_m G(m)·w(m,o), gap = D(o) − S(o). by=major: one row per major m, "
                           "demand = demand(m) = Σ_o D(o)·G(m)·w(m,o)/S(o) over the o with S(o) > 0, "
                           "supply = G(m) (graduates), gap = demand(m) − G(m). A positive gap is a "
                           "shortage, a negative one a surplus.",
            "required": ["code", "name", "demand", "supply", "gap"],
            "properties": {
                "code": {"type": "string", "description": "职业编码或专业代码 — occupation or major code.",
                         "examples": ["6-22-02-01", "460702"]},
                "name": CATALOG_NAME,
                "demand": num("需求 — demand."),
                "supply": num("供给 — supply."),
                "gap": num("缺口 = demand − supply — gap = demand − supply."),
                "split": {
                    "type": "array",
                    "description": "加权数字是怎样分摊的（issue 16）：by=occupation 为供给它的各专业，by=major 为它"
                                   "供给的各职业；数字保留到分，不取整（页面按整人显示） — how the weighted "
                                   "figures were split: for an occupation the majors feeding it, for "
                                   "a major the occupations it feeds; to the cent, not rounded (pages "
                                   "show whole people). Absent from reports published before it.",
                    "items": {
                        "type": "object",
                        "required": ["code", "name", "graduates", "share", "supply", "demand"],
                        "properties": {
                            "code": {"type": "string", "description": "另一方的代码 — the other "
                                                                      "side's code."},
                            "name": CATALOG_NAME,
                            "graduates": num("该专业的毕业生 G(m) — the major's graduates G(m)."),
                            "share": num("权重份额 w(m,o)（4 位小数） — the share w(m,o) (4 "
                                         "decimals)."),
                            "supply": num("G(m)·w(m,o)"),
                            "demand": num("D(o)·G(m)·w(m,o)/S(o)"),
                        },
                    },
                    "examples": [[{"code": "460702", "name": "新能源汽车技术", "graduates": 278.0,
                                   "share": 0.5, "supply": 139.0, "demand": 227.74}]],
                },
            },
        },
        "UnservedOccupation": {
            "type": "object", "title": "无对应供给的职业 · Unserved occupation",
            "description": "有需求（D(o) > 0）而没有任何供给（S(o) = 0）的职业 — an occupation with "
                           "demand (D(o) > 0) and no supply at all (S(o) = 0).",
            "required": ["code", "name", "demand"],
            "properties": {"code": {"type": "string", "examples": ["6-24-04-00"]},
                           "name": CATALOG_NAME,
                           "demand": num("需求人数 D(o) — headcount D(o).")},
        },
        "GapAnalysis": {
            "type": "object", "title": "供需缺口 · Gap analysis",
            "required": ["by", "period", "kind", "crosswalk", "items", "total", "unserved"],
            "properties": {
                "by": {"type": "string", "enum": ["occupation", "major"]},
                "period": {"type": "integer", "description": "年度 — the year."},
                "kind": kind_or_null,
                "crosswalk": CROSSWALK_USED,
                "items": {"type": "array", "items": ref("schemas", "GapItem"),
                          "description": "按 gap 从大到小（缺口最大者在前），同值按代码；by=occupation 为"
                                         "有需求或有供给的职业，by=major 为有供给的专业 — by gap "
                                         "descending (biggest shortage first), then code; "
                                         "by=occupation: occupations with demand or supply, "
                                         "by=major: majors with supply."},
                "total": {"type": "integer", "minimum": 0, "description": "items 的条数 — rows in items."},
                "unserved": {"type": "array", "items": ref("schemas", "UnservedOccupation"),
                             "description": "无对应供给的职业（两种 by 都按职业），需求多者在前 — "
                                            "unserved occupations (by occupation for either by), "
                                            "most demand first."},
            },
            "examples": [gap_example],
        },
        "GapTrend": {
            "type": "object", "title": "缺口趋势 · Gap trend",
            "required": ["by", "kind", "periods", "totals", "series"],
            "properties": {
                "by": {"type": "string", "enum": ["occupation", "major"]},
                "kind": kind_or_null,
                "periods": {"type": "array", "items": {"type": "integer"},
                            "description": "[from, to] 内有数据（已发布的需求或供给）的年度，升序 — the "
                                           "years in [from, to] with data (published demand or "
                                           "supply), ascending."},
                "totals": {
                    "type": "object", "required": ["demand", "supply", "gap"],
                    "description": "每年全部职业（或专业）的合计 — each year's sum over all "
                                   "occupations (or majors).",
                    "properties": {"demand": numbers("需求合计 — total demand."),
                                   "supply": numbers("供给合计 — total supply."),
                                   "gap": numbers("缺口合计 — total gap.")}},
                "series": {
                    "type": "array",
                    "description": "给了 code：只有该代码（无数据则为空数组）；否则各年需求（by=occupation）"
                                   "或毕业生（by=major）合计最多的 10 个代码 — with code: that code "
                                   "alone (empty when it has no data); else the ten codes with "
                                   "the most demand (by=occupation) or graduates (by=major) over "
                                   "the periods.",
                    "maxItems": 10,
                    "items": {"type": "object", "required": ["code", "name", "demand", "supply", "gap"],
                              "properties": {"code": {"type": "string"}, "name": CATALOG_NAME,
                                             "demand": numbers("需求 — demand."),
                                             "supply": numbers("供给 — supply."),
                                             "gap": numbers("缺口 — gap.")}}},
            },
            "examples": [{"by": "occupation", "kind": None, "periods": [2024, 2025, 2026],
                          "totals": {"demand": [548.0, 685.0, 822.0], "supply": [703.0, 738.0, 775.0],
                                     "gap": [-155.0, -53.0, 47.0]},
                          "series": [{"code": "6-22-02-01", "name": "汽车装调工",
                                      "demand": [240.0, 300.0, 360.0],
                                      "supply": [174.5, 183.1, 192.2],
                                      "gap": [65.5, 116.9, 167.8]}]}],
        },
        "MajorRecommendation": {
            "type": "object", "title": "专业调整建议 · Recommendation for a major",
            "description": "r = demand ÷ graduates（保留两位小数后比较）：r ≥ expand 为 expand（扩大），"
                           "r ≤ shrink 为 shrink（缩减），否则 hold（保持）；没有毕业生（无比值）或对应表中"
                           "没有对应职业（需求未知）时也为 hold — r = demand / graduates (compared at "
                           "2 decimals): expand when r ≥ expand, shrink when r ≤ shrink, else hold; "
                           "also hold when there are no graduates (no ratio) or the crosswalk links "
                           "the major to no occupation (its demand is unknown).",
            "required": ["code", "name", "level", "graduates", "demand", "gap", "ratio", "action",
                         "reason_zh", "reason_en", "occupations"],
            "properties": {
                "code": {"type": "string", "examples": ["460702"]},
                "name": CATALOG_NAME,
                "level": level_or_null,
                "graduates": num("毕业生人数 G(m) — graduates G(m)."),
                "demand": num("该专业承接的需求 demand(m) — the demand the major meets, demand(m)."),
                "gap": num("demand(m) − G(m)."),
                "ratio": {"type": ["number", "null"],
                          "description": "供需比 r = demand ÷ graduates，无毕业生时为 null — "
                                         "demand/graduates, null without graduates. " + FIGURE},
                "action": {"type": "string", "enum": ["expand", "hold", "shrink"],
                           "x-labels-zh": {"expand": "扩大", "hold": "保持", "shrink": "缩减"}},
                "reason_zh": {"type": "string", "description": "中文理由，含所依据的数字 — the reasoning "
                                                               "in Chinese, with its figures."},
                "reason_en": {"type": "string", "description": "英文理由 — the reasoning in English."},
                "occupations": {
                    "type": "array",
                    "description": "该专业培养的职业：share = w(m,o)，supply = G(m)·w(m,o)，demand = "
                                   "D(o)·G(m)·w(m,o)/S(o) — the occupations the major feeds: share = "
                                   "w(m,o), supply = G(m)·w(m,o), demand = D(o)·G(m)·w(m,o)/S(o).",
                    "items": {"type": "object",
                              "required": ["code", "name", "share", "demand", "supply"],
                              "properties": {
                                  "code": {"type": "string", "examples": ["6-22-02-01"]},
                                  "name": CATALOG_NAME,
                                  "share": {"type": "number", "minimum": 0, "maximum": 1,
                                            "description": "w(m,o)，保留四位小数 — rounded to 4 "
                                                           "decimals."},
                                  "demand": num("需求 — demand."),
                                  "supply": num("供给 — supply.")}}},
            },
        },
        "NewMajorRecommendation": {
            "type": "object", "title": "新设专业建议 · Opening a major",
            "description": "每个无对应供给的职业一条：对应表中能培养它的目录专业（或说明对应表中没有） — one "
                           "per unserved occupation: the catalogue majors the crosswalk links to it "
                           "(or a note that it has none).",
            "required": ["code", "name", "demand", "action", "majors", "reason_zh", "reason_en"],
            "properties": {
                "code": {"type": "string", "description": "职业编码 — occupation code.",
                         "examples": ["6-24-04-00"]},
                "name": CATALOG_NAME,
                "demand": num("需求人数 D(o) — headcount D(o)."),
                "action": {"type": "string", "const": "open", "x-labels-zh": {"open": "新设"}},
                "majors": {"type": "array", "items": {
                    "type": "object", "required": ["code", "name", "level"],
                    "properties": {"code": {"type": "string", "examples": ["460204"]},
                                   "name": CATALOG_NAME, "level": level_or_null}}},
                "reason_zh": {"type": "string"}, "reason_en": {"type": "string"},
            },
        },
        "Recommendations": {
            "type": "object", "title": "专业调整建议 · Recommendations",
            "required": ["period", "kind", "crosswalk", "thresholds", "majors", "new_majors"],
            "properties": {
                "period": {"type": "integer"},
                "kind": kind_or_null,
                "crosswalk": CROSSWALK_USED,
                "thresholds": {"type": "object", "required": ["expand", "shrink"],
                               "properties": {"expand": {"type": "number", "minimum": 0},
                                              "shrink": {"type": "number", "minimum": 0}}},
                "majors": {"type": "array", "items": ref("schemas", "MajorRecommendation"),
                           "description": "有供给的每个专业，按 gap 从大到小 — every major with supply, "
                                          "by gap descending."},
                "new_majors": {"type": "array", "items": ref("schemas", "NewMajorRecommendation")},
            },
            "examples": [{
                "period": 2025, "kind": None, "crosswalk": "shared",
                "thresholds": {"expand": 1.2, "shrink": 0.8},
                "majors": [{
                    "code": "460701", "name": "汽车制造与试验技术", "level": "higher",
                    "graduates": 147.0, "demand": 180.55, "gap": 33.55, "ratio": 1.23,
                    "action": "expand",
                    "reason_zh": "需求 180.55 人 ÷ 毕业生 147.00 人 = 1.23 ≥ 扩大阈值 1.20，建议扩大招生",
                    "reason_en": "demand 180.55 / graduates 147.00 = 1.23 ≥ expand threshold 1.20",
                    "occupations": [
                        {"code": "6-22-01-01", "name": "汽车生产线操作工", "share": 0.5,
                         "demand": 90.0, "supply": 73.5},
                        {"code": "6-22-02-01", "name": "汽车装调工", "share": 0.3, "demand": 72.26,
                         "supply": 44.1}]}],
                "new_majors": [{
                    "code": "6-24-04-00", "name": "电池制造工", "demand": 35.0, "action": "open",
                    "majors": [{"code": "460204", "name": "新能源装备技术", "level": "higher"}],
                    "reason_zh": "需求 35.00 人，本联合体本年度无对应专业毕业生；可开设或扩大的目录专业："
                                 "460204 新能源装备技术",
                    "reason_en": "demand 35.00 and no graduates of a major that feeds it this "
                                 "period; catalogue majors that would: 460204 新能源装备技术"}]}],
        },
        "DemandReportRequest": {
            "type": "object", "title": "发布需求报告 · Publish a demand report",
            "required": ["period"], "additionalProperties": False,
            "properties": {
                "period": {"type": "integer", "minimum": 2000, "maximum": 2100,
                           "description": "报告的年度 — the year reported on."},
                "title": {"type": ["string", "null"], "maxLength": 200,
                          "description": "标题；不给或为空时为“<联合体名称>P年人才需求动态” — the title; "
                                         "absent or empty: \"<consortium name>P年人才需求动态\"."},
            },
            "examples": [{"period": 2025, "title": "2025年人才需求动态"}],
        },
        "DemandReportSummary": {
            "type": "object", "title": "报告摘要 · Report summary",
            "required": ["positions", "headcount", "enterprises", "occupations", "graduates",
                         "enrolment"],
            "properties": {
                "positions": {"type": "integer", "description": "已发布的需求条数 — published demand rows."},
                "headcount": num("需求人数合计 — total headcount."),
                "enterprises": {"type": "integer", "description": "发布需求的企业数 — enterprises with demand."},
                "occupations": {"type": "integer", "description": "有需求的职业数 — occupations with demand."},
                "graduates": num("毕业生合计 — total graduates."),
                "enrolment": num("招生人数合计 — total enrolment."),
            },
            "examples": [summary_example],
        },
        "DemandReportEntry": {
            "type": "object", "title": "需求报告（列表） · Demand report (list entry)",
            "required": ["id", "consortium_id", "period", "title", "published_at", "published_by",
                         "summary"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "consortium_id": {"type": "integer", "format": "int64"},
                "period": {"type": "integer"},
                "title": {"type": "string"},
                "published_at": {"type": "string", "format": "date-time", "description": "UTC"},
                "published_by": {"type": "string", "description": "发布者的用户名 — the publisher's username."},
                "summary": ref("schemas", "DemandReportSummary"),
            },
        },
        "DemandReportList": {
            "type": "object", "title": "需求报告列表 · Demand reports",
            "required": ["items", "total", "page", "per_page"],
            "properties": {"total": {"type": "integer", "minimum": 0},
                           "page": {"type": "integer", "minimum": 1},
                           "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
                           "items": {"type": "array", "items": ref("schemas", "DemandReportEntry"),
                                     "description": "最新发布的在前 — newest first."}},
        },
        "DemandReportItem": {
            "type": "object", "title": "报告中的需求 · Demand row in a report",
            "required": ["enterprise", "job_title", "occupation_code", "occupation_name", "kind",
                         "headcount", "education", "region_code", "pay_min", "pay_max", "skills"],
            "properties": {
                "enterprise": {"type": "string", "description": "企业名称 — the enterprise's name."},
                "job_title": {"type": "string"},
                "occupation_code": {"type": "string", "examples": ["6-22-02-01"]},
                "occupation_name": CATALOG_NAME,
                "kind": {"type": "string", "enum": kinds},
                "headcount": {"type": "integer", "minimum": 1},
                "education": {"type": ["string", "null"], "enum": education + [None]},
                "region_code": {"type": ["string", "null"]},
                "region_name": REGION_NAME,
                "pay_min": {"type": ["integer", "null"], "description": "元/月 — CNY per month."},
                "pay_max": {"type": ["integer", "null"], "description": "元/月 — CNY per month."},
                "skills": {"type": ["string", "null"], "description": "以“、”连接 — joined by 、."},
            },
        },
        "DemandReport": {
            "type": "object", "title": "人才需求动态 · Demand report",
            "description": "发布时的快照，此后不再变化：需求或供给的后来修改都不影响它 — the snapshot "
                           "taken when published; it never changes afterwards, whatever later "
                           "happens to demand or supply.",
            "required": ["id", "consortium_id", "consortium_name", "period", "title",
                         "published_at", "published_by", "summary", "by_kind", "by_occupation",
                         "unserved", "items", "items_total", "crosswalk"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "consortium_id": {"type": "integer", "format": "int64"},
                "consortium_name": {"type": "string"},
                "period": {"type": "integer"},
                "title": {"type": "string"},
                "published_at": {"type": "string", "format": "date-time", "description": "UTC"},
                "published_by": {"type": "string", "description": "发布者的用户名 — the publisher's username."},
                "summary": ref("schemas", "DemandReportSummary"),
                "by_kind": {"type": "object", "required": kinds, "additionalProperties": False,
                            "description": "按需求类型的需求人数 — headcount by kind of demand. " + FIGURE,
                            "properties": {k: {"type": "number"} for k in kinds}},
                "by_occupation": {"type": "array", "items": ref("schemas", "GapItem"),
                                  "description": "该年度按职业的缺口，同 gap?by=occupation — the "
                                                 "year's gap by occupation, as gap?by=occupation."},
                "unserved": {"type": "array", "items": ref("schemas", "UnservedOccupation")},
                "items": {"type": "array", "items": ref("schemas", "DemandReportItem"),
                          "maxItems": 5000,
                          "description": "已发布的需求（最多 5000 条），按职业编码、企业 — the published "
                                         "demand rows (5 000 at most), by occupation code, then "
                                         "enterprise."},
                "items_total": {"type": "integer", "description": "已发布的需求总条数 — all published rows, "
                                                                  "even beyond the 5 000 copied."},
                "crosswalk": CROSSWALK_USED,
            },
            "examples": [{
                "id": 1, "consortium_id": 1, "consortium_name": "广西（柳州）汽车产教联合体",
                "period": 2025, "title": "广西（柳州）汽车产教联合体2025年人才需求动态",
                "published_at": "2026-03-01T08:00:00Z", "published_by": "liuzhou_sec",
                "summary": summary_example,
                "by_kind": {"employment": 435.0, "internship": 120.0, "apprenticeship": 70.0,
                            "order_class": 60.0},
                "by_occupation": gap_example["items"][:2],
                "unserved": gap_example["unserved"],
                "items": [{"enterprise": "广西汽车集团有限公司", "job_title": "新能源汽车研发助理工程师",
                           "occupation_code": "2-02-07-11", "occupation_name": "汽车工程技术人员",
                           "kind": "employment", "headcount": 30, "education": "undergraduate",
                           "region_code": "450200", "pay_min": 7000, "pay_max": 11000,
                           "skills": "CAD、整车集成、试验"}],
                "items_total": 11, "crosswalk": "shared"}],
        },
    }


def talent_parameters(meta):
    kinds = meta_options(meta, "demand", "kind")
    year = {"type": "integer", "minimum": 2000, "maximum": 2100}
    return {
        "talent.by": {"name": "by", "in": "query", "required": False,
                      "description": "occupation（默认）按职业，major 按专业 — occupation (default) or "
                                     "major. 其他值 400 (anything else is a 400).",
                      "schema": {"type": "string", "enum": ["occupation", "major"],
                                 "default": "occupation"}},
        "talent.period": {"name": "period", "in": "query", "required": True,
                          "description": "年度，2000–2100；需求的 period、供给的毕业年度 — the year "
                                         "(demand's period, supply's graduation year). 缺少或无效 400 "
                                         "(missing or bad: 400).",
                          "schema": dict(year, examples=[2025])},
        "talent.kind": {"name": "kind", "in": "query", "required": False,
                        "description": "只计此类需求；不给为全部 — count only this kind of demand; "
                                       "absent: all kinds. 其他值 400 (anything else is a 400).",
                        "schema": {"type": "string", "enum": kinds}},
        "talent.from": {"name": "from", "in": "query", "required": False,
                        "description": "起始年度（含），不给为不限 — first year (inclusive); absent: "
                                       "open.",
                        "schema": year},
        "talent.to": {"name": "to", "in": "query", "required": False,
                      "description": "截止年度（含），不早于 from，不给为不限 — last year (inclusive), "
                                     "not before from; absent: open.",
                      "schema": year},
        "talent.code": {"name": "code", "in": "query", "required": False,
                        "description": "只看这一个职业编码（by=occupation）或专业代码（by=major） — just "
                                       "this occupation (by=occupation) or major (by=major) code.",
                        "schema": {"type": "string", "minLength": 1, "maxLength": 20,
                                   "examples": ["6-22-02-01"]}},
        "talent.expand": {"name": "expand", "in": "query", "required": False,
                          "description": "扩大阈值：供需比 ≥ 此值建议扩大；须大于 shrink — expand "
                                         "threshold: ratio ≥ this suggests expanding; must exceed "
                                         "shrink.",
                          "schema": {"type": "number", "minimum": 0, "maximum": 1000000,
                                     "default": 1.2}},
        "talent.shrink": {"name": "shrink", "in": "query", "required": False,
                          "description": "缩减阈值：供需比 ≤ 此值建议缩减；须 ≥ 0 — shrink threshold: "
                                         "ratio ≤ this suggests shrinking; at least 0.",
                          "schema": {"type": "number", "minimum": 0, "maximum": 1000000,
                                     "default": 0.8}},
    }


def analysis_ok(description, schema, filename):
    """200 of an analysis that also downloads (?format=csv|xlsx)."""
    return {"description": description + " ?format=csv|xlsx：表格下载 — or the spreadsheet.",
            "headers": {"Content-Disposition": {
                "description": "下载时 — on download: attachment; filename*=UTF-8''… (%s)" % filename,
                "schema": {"type": "string"}}},
            "content": {"application/json": {"schema": schema},
                        "text/csv": {"schema": {"type": "string"}},
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                            {"schema": {"type": "string", "format": "binary"}}}}


def bad_query(description, param, message, detail):
    return {"description": description,
            "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                "error": {"code": "bad_request",
                          "message": message or "查询参数有误 (bad query parameter): " + param,
                          "details": {param: detail} if detail else None}}}}}


GAP_SEMANTICS = (
    "口径（联合体 C、年度 P，可限定需求类型）：D(o) = 职业 o 已发布需求的人数之和；G(m) = 专业 m 的毕业生"
    "人数之和；w(m,o) = 权重 ÷ 专业 m 各行权重之和（该专业都不给权重时为 1/k，与给出的权重并列的空权重计 0，"
    "权重和为 0 或没有对应行的专业不供给任何职业）；S(o) = Σ_m G(m)·w(m,o)；gap(o) = D(o) − S(o)；"
    "demand(m) = Σ_o D(o)·G(m)·w(m,o)/S(o)（只计 S(o) > 0 的职业）；gap(m) = demand(m) − G(m)；D(o) > 0 "
    "且 S(o) = 0 的职业为无对应供给（unserved）。联合体有自己的对应表时只用它，否则用共用对应表。以双精度"
    "计算，输出时才保留两位小数（四舍五入，半数远离零）。只用已发布的需求与汇总的供给，不含个人信息：能读"
    "联合体者都可读（公开联合体：任何人）；不存在或看不到的联合体回答 404。"
    "\n\nSemantics (consortium C, period P, optionally one demand kind): D(o) = published "
    "headcount for occupation o; G(m) = graduates of major m; w(m,o) = weight / the sum of m's "
    "weights (a major without weights splits evenly, 1/k; an empty weight beside given ones "
    "counts 0; a major whose weights sum to 0, or with no crosswalk row, feeds no occupation); "
    "S(o) = Σ_m G(m)·w(m,o); gap(o) = D(o) − S(o); demand(m) = Σ_o D(o)·G(m)·w(m,o)/S(o) over "
    "the o with S(o) > 0; gap(m) = demand(m) − G(m); occupations with D(o) > 0 and S(o) = 0 are "
    "unserved. A consortium with crosswalk rows of its own uses only those, else the shared "
    "crosswalk. Computed in double precision and rounded to 2 decimals (halves away from zero) "
    "only on output. Built from published demand and aggregate supply only, no personal data: "
    "readable by anyone who may read the consortium (a public one: anyone); an unknown or "
    "hidden consortium is a 404.")



def measures_operations():
    """The measures library and an indicator framework's tree (api_measures.c, issue 12)."""
    idp = [ref("parameters", "id")]
    err = {"content": {"application/json": {"schema": ref("schemas", "Error")}}}
    drill = {"type": ["object", "null"], "properties": {
        "path": {"type": "string"}, "entity": {"type": "string"}, "web": {"type": "string"}}}
    ops = {}
    ops[("GET", API + "/measures")] = op(
        "度量库 · The measures library",
        "系统计算的指标可用的全部度量：键、中英文名称、单位、参数与计数口径。\n\nEvery measure a "
        "computed indicator can use: key, names, unit, parameters and what it counts.",
        ["monitoring"],
        {"200": json_ok("度量库 — the library.", {"type": "object", "properties": {
            "items": {"type": "array", "items": {"type": "object", "properties": {
                k: {"type": "string"} for k in ("key", "zh", "en", "unit", "params", "doc")}}},
            "total": {"type": "integer"}}}),
         **resp(401)},
        SEC_OPTIONAL, operationId="measures_list")
    ops[("GET", API + "/consortia/{id}/measures/{key}")] = op(
        "度量值 · A measure's value",
        "联合体某年度截至截止日的度量值，附下钻查询（列出被计入的记录）。可读联合体数字者可用，否则 404。"
        "\n\nThe measure's value for the consortium in the year up to the cut-off day, with the "
        "drill-down query listing the records counted; for whoever may read the consortium's "
        "figures, else 404.",
        ["monitoring"],
        {"200": json_ok("度量值 — the value.", {"type": "object", "properties": {
            "key": {"type": "string"}, "value": {"type": "number"}, "unit": {"type": "string"},
            "year": {"type": "integer"}, "cutoff": {"type": "string"}, "drill": drill}}),
         "404": dict(description="联合体或度量不存在，或看不到 — no such consortium or measure, or "
                                 "a hidden consortium.", **err),
         "422": dict(description="year、cutoff、params 或度量参数无效（details 指出） — a bad year, "
                                 "cutoff, params or measure parameter (details names it).", **err),
         **resp(401)},
        SEC_OPTIONAL, operationId="measure_value", parameters=idp + [
            {"name": "key", "in": "path", "required": True, "schema": {"type": "string"},
             "description": "度量键（GET /measures） — the measure's key."},
            {"name": "year", "in": "query", "required": True,
             "schema": {"type": "integer", "minimum": 2000, "maximum": 2100},
             "description": "年度 — the calendar year."},
            {"name": "cutoff", "in": "query", "required": False,
             "schema": {"type": "string", "format": "date"},
             "description": "截止日，默认年末与今天中较早者 — the cut-off day; default the year's "
                            "end or today, whichever is earlier."},
            {"name": "params", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "度量参数，JSON 对象 — the measure's parameters as a JSON object."}])
    ops[("GET", API + "/indicator-frameworks/{id}/tree")] = op(
        "指标体系树 · A framework as a tree",
        "指标体系及其指标的嵌套树（一级→二级→三级，children），附各级数目。\n\nThe framework "
        "with its indicators nested (level 1 → 2 → 3 in children) and the count of each level.",
        ["monitoring"],
        {"200": json_ok("指标体系树 — the tree.", {"type": "object", "properties": {
            "framework": {"type": "object"}, "items": {"type": "array", "items": {"type": "object"}},
            "counts": {"type": "object"}}}),
         "404": dict(description="指标体系不存在 — no such framework.", **err),
         **resp(401)},
        SEC_OPTIONAL, operationId="framework_tree", parameters=idp)
    return ops

def talent_operations():
    """The talent supply–demand routes (api_talent.c)."""
    idp = [ref("parameters", "id")]

    def tp(name):
        return ref("parameters", "talent." + name)

    ops = {}
    ops[("GET", API + "/consortia/{id}/gap")] = op(
        "供需缺口 · Talent gap by occupation or major",
        "某年度按职业（by=occupation）或按专业（by=major）的人才供需缺口，缺口最大者在前，另列无对应供给的"
        "职业。\n\nThe talent gap of a year by occupation (by=occupation) or by major (by=major), "
        "biggest shortage first, and the occupations no graduate serves.\n\n" + GAP_SEMANTICS,
        ["talent"],
        {"200": analysis_ok("缺口 — the gap.", ref("schemas", "GapAnalysis"),
                            "人才缺口-按职业-2025年.xlsx"),
         "400": bad_query("by、period 或 kind 无效（details 指出参数） — a bad by, period or kind "
                          "(details names it).", "period", None, "必填，如 2025 (required, e.g. 2025)"),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_gap",
        parameters=idp + [tp("by"), tp("period"), tp("kind"), ref("parameters", "analysis_format"),
                          ref("parameters", "lang")])
    ops[("GET", API + "/consortia/{id}/gap/trend")] = op(
        "缺口趋势 · Gap trend across years",
        "[from, to] 内每个有数据的年度的需求、供给、缺口合计，以及需求（by=occupation）或毕业生（by=major）"
        "最多的 10 个代码的逐年数字；给 code 时只看该代码。每年的口径同 /gap。\n\nThe totals of "
        "demand, supply and gap for every year with data in [from, to], and the yearly figures of "
        "the ten codes with the most demand (by=occupation) or graduates (by=major), or of the "
        "one code given. Each year is computed as /gap computes it.",
        ["talent"],
        {"200": json_ok("趋势 — the trend.", ref("schemas", "GapTrend")),
         "400": bad_query("by、from、to、kind 或 code 无效，或 to 早于 from — a bad by, from, to, "
                          "kind or code, or to before from.", "to", None,
                          "不能早于 from (must not be before from)"),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_gap_trend",
        parameters=idp + [tp("by"), tp("from"), tp("to"), tp("kind"), tp("code")])
    ops[("GET", API + "/consortia/{id}/recommendations")] = op(
        "专业调整建议 · Recommendations for adjusting majors",
        "专业动态调整：对有供给的每个专业，供需比 r = demand(m) ÷ G(m)（保留两位小数）≥ expand（默认 1.2）"
        "建议扩大，≤ shrink（默认 0.8）建议缩减，否则保持；没有毕业生或对应表中没有对应职业时保持。每个无对应"
        "供给的职业给出对应表中能培养它的目录专业（action = open）。每条建议都带所依据的数字与中英文理由。须 "
        "expand > shrink ≥ 0，否则 400。口径同 /gap；能读联合体者都可读。\n\nFor every major with "
        "supply, the ratio r = demand(m) / G(m) (2 decimals): expand when r ≥ expand (default "
        "1.2), shrink when r ≤ shrink (default 0.8), else hold; hold too without graduates or "
        "when the crosswalk links the major to no occupation. For every unserved occupation, the "
        "catalogue majors the crosswalk links to it (action = open). Every item carries the "
        "figures behind it and its reasoning in Chinese and English. Needs expand > shrink ≥ 0, "
        "else 400. Figures as /gap computes them; readable by anyone who may read the consortium.",
        ["talent"],
        {"200": analysis_ok("建议 — the recommendations.", ref("schemas", "Recommendations"),
                            "专业设置建议-2025年.xlsx"),
         "400": bad_query("period、kind、expand 或 shrink 无效，或不满足 expand > shrink ≥ 0 — a bad "
                          "period, kind, expand or shrink, or not expand > shrink ≥ 0.", "expand",
                          "阈值无效：须 expand > shrink ≥ 0 (thresholds need expand > shrink ≥ 0)",
                          "应大于 shrink (must be greater than shrink)"),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_recommendations",
        parameters=idp + [tp("period"), tp("kind"), tp("expand"), tp("shrink"),
                          ref("parameters", "analysis_format"), ref("parameters", "lang")])
    ops[("POST", API + "/consortia/{id}/demand-reports")] = op(
        "发布人才需求动态 · Publish a demand report",
        "本联合体秘书处（或平台管理员）发布某年度的人才需求动态：摘要、按需求类型的人数、按职业的缺口、无对应"
        "供给的职业与已发布的需求（最多 5000 条），注明日期与发布者，作为快照保存，此后需求或供给的修改都不影响"
        "它。同一年度可再次发布，得到新的报告。记入审计日志。回答 201、报告本身与 Location 头。\n\nThe "
        "consortium's secretariat (or a platform admin) publishes the demand report of a year: "
        "the summary, headcount by kind, the gap by occupation, unserved occupations and the "
        "published demand rows (5 000 at most), dated and signed, stored as a snapshot that later "
        "changes to demand or supply never alter. Publishing a year again makes a new report. "
        "Audit-logged. Answers 201 with the report and a Location header.",
        ["talent"],
        {"201": {"description": "已发布 — published.",
                 "headers": {"Location": {"schema": {"type": "string"},
                                          "description": "/api/v1/demand-reports/{id}"}},
                 "content": {"application/json": {"schema": ref("schemas", "DemandReport")}}},
         "403": {"description": "不是本联合体的秘书处 — not the consortium's secretariat.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "forbidden",
                               "message": "只有本联合体秘书处可以发布需求报告 (only the consortium's "
                                          "secretariat publishes demand reports)",
                               "details": None}}}}},
         "404": {"description": "联合体不存在或看不到 — no such consortium, or one the caller may "
                                "not see.",
                 "content": {"application/json": {"schema": ref("schemas", "Error")}}},
         "422": {"description": "period 缺少或不在 2000–2100，title 不是文本或超过 200 字，或有未知字段 — "
                                "period missing or outside 2000–2100, title not a string or over "
                                "200 characters, or an unknown field.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "validation_failed",
                               "message": "输入有误 (validation failed)",
                               "details": {"year": "未知字段 (unknown field)",
                                           "period": "必填，应为年份整数 (required: a year)"}}}}}},
         **resp(400, 401, 413)},
        SEC_WRITE, operationId="publish_demand_report", parameters=idp,
        requestBody={"required": True, "content": {"application/json": {
            "schema": ref("schemas", "DemandReportRequest"),
            "example": {"period": 2025}}}})
    ops[("GET", API + "/consortia/{id}/demand-reports")] = op(
        "需求报告列表 · Demand reports of a consortium",
        "本联合体已发布的人才需求动态（不含明细，含汇总），最新的在前，分页。能读联合体者都可读。"
        "?format=csv|xlsx 导出列表（每份报告一行，汇总数字各成一列；最多 10 000 份）。\n\nThe "
        "consortium's published demand reports (without their details, with their summary), "
        "newest first, a page at a time. Readable by anyone who may read the consortium. "
        "?format=csv|xlsx exports the list (one row per report, the summary's figures as "
        "columns; at most 10 000 reports).",
        ["talent"],
        {"200": {"description": "报告列表，或导出文件 — the reports, or the exported file.",
                 "headers": {"Content-Disposition": {
                     "description": "导出时 — on export: attachment; filename=\"demand-reports.csv\"",
                     "schema": {"type": "string"}}},
                 "content": {"application/json": {
                     "schema": ref("schemas", "DemandReportList"),
                     "example": {"items": [{"id": 1, "consortium_id": 1, "period": 2025,
                                            "title": "广西（柳州）汽车产教联合体2025年人才需求动态",
                                            "published_at": "2026-03-01T08:00:00Z",
                                            "published_by": "liuzhou_sec",
                                            "summary": {"positions": 11, "headcount": 685.0,
                                                        "enterprises": 7, "occupations": 9,
                                                        "graduates": 738.0, "enrolment": 819.0}}],
                                 "total": 1, "page": 1, "per_page": 20}},
                     "text/csv": {"schema": {"type": "string"}},
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                         {"schema": {"type": "string", "format": "binary"}}}},
         **resp(400, 401, 404)},
        SEC_OPTIONAL, operationId="list_demand_reports",
        parameters=idp + [ref("parameters", "page"), ref("parameters", "per_page"),
                          ref("parameters", "format"), ref("parameters", "lang")])
    ops[("GET", API + "/demand-reports/{id}")] = op(
        "查看或下载需求报告 · Get or download a demand report",
        "发布时的快照，发布后不再变化。?format=csv|xlsx 下载表格：table=items（默认）为需求明细，"
        "table=occupations 为按职业的缺口；lang=en 用英文表头。能读其联合体者都可读，否则 404。\n\nThe "
        "snapshot as published; it never changes. ?format=csv|xlsx downloads a table: "
        "table=items (default) the demand rows, table=occupations the gap by occupation; lang=en "
        "for English headers. Readable by whoever may read its consortium, else 404.",
        ["talent"],
        {"200": {"description": "报告，或下载的表格 — the report, or the table downloaded.",
                 "headers": {"Content-Disposition": {
                     "description": "下载时 — on download: attachment; "
                                    "filename=\"demand-report-{id}-{period}[-occupations].csv\"",
                     "schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": ref("schemas", "DemandReport")},
                             "text/csv": {"schema": {"type": "string"}},
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                 {"schema": {"type": "string", "format": "binary"}}}},
         "400": bad_query("format 或 table 无效 — a bad format or table.", "format", None,
                          "应为 csv、xlsx 或 json (must be csv, xlsx or json)"),
         "404": {"description": "报告不存在，或其联合体看不到 — no such report, or its consortium is "
                                "hidden from the caller.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "not_found",
                               "message": "需求报告 77 不存在 (no such demand report)",
                               "details": None}}}}},
         **resp(401)},
        SEC_OPTIONAL, operationId="get_demand_report", parameters=idp + [
            {"name": "format", "in": "query", "required": False,
             "description": "json（默认）为报告本身；csv 或 xlsx 下载表格 — json (default) answers the "
                            "report; csv or xlsx downloads a table.",
             "schema": {"type": "string", "enum": ["json", "csv", "xlsx"], "default": "json"}},
            {"name": "table", "in": "query", "required": False,
             "description": "下载哪张表：items 需求明细（默认），occupations 按职业的缺口 — which table: "
                            "items, the demand rows (default), or occupations, the gap by "
                            "occupation.",
             "schema": {"type": "string", "enum": ["items", "occupations"], "default": "items"}},
            ref("parameters", "lang")])
    return ops


# ---- the three lists (src/http/api_lists.c, domain/lists.c, store/store_lists.c) ----

LIST_KINDS = ["core_products", "tech_needs", "talent_needs"]


def lists_schemas():
    """The three lists' shapes (docs/tech.md, "The three lists")."""
    int64 = {"type": "integer", "format": "int64"}
    head = {
        "id": int64, "consortium_id": int64,
        "consortium_name": {"type": "string"},
        "kind": {"type": "string", "enum": LIST_KINDS},
        "kind_label": {"type": "string", "examples": ["技术需求清单"]},
        "period": {"type": "string", "pattern": "^[0-9]{4}(H[12])?$", "examples": ["2026", "2026H1"]},
        "title": {"type": "string"},
        "published_at": {"type": "string", "format": "date-time", "description": "UTC"},
        "published_by": {"type": "string", "description": "发布者的用户名 — the publisher's username."},
        "count": {"type": "integer", "minimum": 0, "description": "清单的条数 — rows in the list."},
        "report_id": {"type": ["integer", "null"], "format": "int64",
                      "description": "人才需求清单：对应的需求报告 /api/v1/demand-reports/{id}；其他为 null — "
                                     "a talent-needs list: its demand report; else null."},
    }
    required = ["id", "consortium_id", "kind", "period", "title", "published_at", "count", "report_id"]
    return {
        "PublishedListRequest": {
            "type": "object", "title": "发布清单 · Publish a list",
            "required": ["kind", "period"], "additionalProperties": False,
            "properties": {
                "kind": {"type": "string", "enum": LIST_KINDS},
                "period": {"type": ["string", "integer"], "examples": ["2026", "2026H1", 2026],
                           "description": "年份（2000–2100）或半年如 2026H1；人才需求清单只能是年份 — a year "
                                          "(2000–2100) or a half year such as 2026H1; talent needs: a year."},
                "title": {"type": ["string", "null"], "maxLength": 200,
                          "description": "不给时为“<联合体名称>2026年技术需求清单” — absent: "
                                         "\"<consortium>2026年技术需求清单\"."},
            },
            "examples": [{"kind": "tech_needs", "period": "2026H1"}],
        },
        "PublishedList": {
            "type": "object", "title": "清单 · Published list", "required": required,
            "properties": dict(head),
        },
        "PublishedListList": {
            "type": "object", "title": "清单列表 · Published lists",
            "required": ["items", "total", "page", "per_page"],
            "properties": {"total": {"type": "integer", "minimum": 0},
                           "page": {"type": "integer", "minimum": 1},
                           "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
                           "items": {"type": "array", "items": ref("schemas", "PublishedList"),
                                     "description": "最新发布的在前 — newest first."}},
        },
        "PublishedListPage": {
            "type": "object", "title": "清单及一页记录 · A list with a page of its rows",
            "required": required + ["items", "total", "page", "per_page"],
            "properties": dict(head, **{
                "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
                "items": {"type": "array", "items": {"type": "object"},
                          "description": "发布时的记录，名称已解析：技术需求（id、title、enterprise、field、"
                                         "field_label、field_label_en、keywords、description、budget_min、"
                                         "budget_max、wanted_by、status、published_on、contact），核心产品（id、"
                                         "name、enterprise、chain_link、chain_link_label、chain_link_label_en、"
                                         "description、key_technologies、occupation_codes、occupations），人才"
                                         "需求（需求报告的 items） — the rows as published, names resolved."}}),
        },
    }


# ---- the year's assessment (issue 12: src/http/api_assessment.c, docs/monitoring.md) ----

RAGS = ["green", "amber", "red", "none"]


def assessment_schemas():
    """The year's assessment's shapes (docs/monitoring.md, "The year's assessment")."""
    int64 = {"type": "integer", "format": "int64"}
    num = {"type": ["number", "null"]}
    text = {"type": ["string", "null"]}
    counts = {"type": "object", "required": RAGS,
              "properties": {k: {"type": "integer", "minimum": 0} for k in RAGS}}
    drill = {"type": ["object", "null"],
             "description": "列出所计记录的查询 — the query listing the records counted.",
             "properties": {"path": {"type": "string", "examples": ["/api/v1/meetings?consortium_id=1"]},
                            "entity": {"type": "string"}, "web": {"type": "string"}}}
    goal = {"type": "object", "required": ["id", "title", "target_min", "value", "status"],
            "properties": {
                "id": int64, "title": {"type": "string"}, "title_en": text,
                "measure": text, "measure_params": {}, "baseline": num,
                "target_min": {"type": "number"}, "target_max": num, "unit": text,
                "due_year": {"type": ["integer", "null"]}, "manual_value": num, "source": text,
                "note": text, "value": num,
                "progress": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
                "status": {"type": "string", "enum": ["met", "on_track", "behind"]},
                "drill": drill, "error": {"type": "string"}}}
    node = {"type": "object", "required": ["id", "level", "code", "name", "rag", "counts", "children"],
            "description": "指标树的节点：分支有 children；末级指标另有 value 等 — a node of the tree: "
                           "branches have children, leaves also value, target, rag, drill …",
            "properties": {
                "id": int64, "parent_id": {"type": ["integer", "null"]}, "level": {"type": "integer"},
                "code": {"type": "string"}, "name": {"type": "string"}, "name_en": text,
                "observation": text, "unit": text,
                "direction": {"type": "string", "enum": ["ge", "le", "eq"]},
                "weight": num, "veto": {"type": "boolean"}, "veto_effective": {"type": "boolean"},
                "source": {"type": "string", "enum": ["computed", "reported"]},
                "measure": text, "measure_params": {}, "default_target": num,
                "sort_order": {"type": ["integer", "null"]},
                "rag": {"type": "string", "enum": RAGS}, "counts": counts,
                "children": {"type": "array", "items": ref("schemas", "AssessmentIndicator")},
                "value": num, "computed": num, "reported": num, "target": num,
                "target_set_by": {"type": ["string", "null"],
                                  "enum": ["framework", "secretariat", "authority", None]},
                "drill": drill,
                "evidence": {"type": "array", "items": {
                    "type": "object", "required": ["id"],
                    "properties": {"id": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                                   "name": {"type": "string"}, "kind": {"type": "string"}}}},
                "note": text,
                "error": {"type": ["string", "null"],
                          "description": "度量失败的原因（值为 null、rag 为 none） — why the measure "
                                         "failed (value null, rag none)."}}}
    row = {"id": int64, "year": {"type": "integer"},
           "status": {"type": "string", "enum": ["draft", "submitted", "returned", "reopened"]},
           "result": {"type": ["string", "null"], "enum": ["pass", "fail", None]},
           "score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
           "version": {"type": "integer", "minimum": 0},
           "cutoff_on": {"type": "string", "format": "date"},
           "computed_at": {"type": ["string", "null"], "format": "date-time"},
           "submitted_at": {"type": ["string", "null"], "format": "date-time"},
           "framework_id": int64}
    return {
        "AssessmentIndicator": node,
        "GoalProgress": goal,
        "AssessmentSummary": {"type": "object", "title": "年度监测（概要） · An assessment in the list",
                              "required": list(row), "properties": row},
        "AssessmentList": {"type": "object", "required": ["items", "total"], "properties": {
            "items": {"type": "array", "items": ref("schemas", "AssessmentSummary")},
            "total": {"type": "integer", "minimum": 0}}},
        "Assessment": {
            "type": "object", "title": "年度监测 · The year's assessment",
            "required": ["id", "consortium_id", "year", "status", "cutoff_on", "version", "result",
                         "editable", "framework", "indicators", "counts", "versions", "comments",
                         "goals"],
            "properties": dict(row, **{
                "consortium_id": int64, "consortium_name": text,
                "submitted_by": {"type": ["integer", "null"]}, "submitted_by_name": text,
                "created_at": {"type": "string"}, "updated_at": {"type": "string"},
                "revision": {"type": "integer"}, "editable": {"type": "boolean"},
                "framework": {"type": "object", "required": ["id", "name", "version", "amber_ratio"]},
                "indicators": {"type": "array", "items": ref("schemas", "AssessmentIndicator")},
                "counts": counts,
                "versions": {"type": "array", "items": {
                    "type": "object", "required": ["version", "submitted_at"],
                    "properties": {"version": {"type": "integer"}, "submitted_at": {"type": "string"},
                                   "submitted_by": {"type": "integer"},
                                   "submitted_by_name": text}}},
                "comments": {"type": "array", "items": {
                    "type": "object", "required": ["id", "action", "body", "created_at"],
                    "properties": {"id": int64, "version": {"type": ["integer", "null"]},
                                   "user_id": {"type": "integer"}, "user_name": text,
                                   "action": {"type": "string", "enum": ["comment", "return", "reopen"]},
                                   "body": {"type": "string"}, "created_at": {"type": "string"}}}},
                "goals": {"type": "array", "items": ref("schemas", "GoalProgress")}})},
        "ConsortiumGoalProgress": {"type": "object", "required": ["year", "cutoff_on", "items", "total"],
                                   "properties": {
                                       "year": {"type": "integer"},
                                       "cutoff_on": {"type": "string", "format": "date"},
                                       "items": {"type": "array", "items": ref("schemas", "GoalProgress")},
                                       "total": {"type": "integer", "minimum": 0}}},
    }


def assessment_operations():
    """The year's assessment (api_assessment.c)."""
    idp = [ref("parameters", "id")]
    a = ref("schemas", "Assessment")
    ok = json_ok("整个年度监测 — the whole assessment.", a)
    frozen = {"description": "已提交（冻结），或状态不允许 — submitted (frozen), or the status does not "
                             "allow it; the message names the status.",
              "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                  "error": {"code": "conflict", "message": "监测评估已提交（状态 submitted），不能修改",
                            "details": None}}}}}
    invalid = {"description": "输入有误，details 指出字段；不写入任何内容 — validation failed, the "
                              "fields named; nothing is written.",
               "content": {"application/json": {"schema": ref("schemas", "Error")}}}
    who_w = ("秘书处或平台管理员；匿名 401，成员单位 403，其他人 404（先于请求体判断） — the secretariat or a "
             "platform admin; anonymous 401, member units 403, others 404 (before the body is read).")
    ops = {}
    ops[("POST", API + "/consortia/{id}/assessments")] = op(
        "开始年度监测 · Start the year's assessment",
        "按联合体类型选用现行指标体系（effective_on 最新者；可用 framework_id 指定），为每个末级指标建立一行并按截止日"
        "计算。每个联合体每年一份（409）；没有适用的现行指标体系 409。" + who_w + "\n\nStarts the year's "
        "assessment against the active framework for the consortium's kind (or framework_id), one "
        "value per leaf indicator, computed at the cut-off. One per consortium and year (409); no "
        "framework applies: 409.",
        ["assessment"],
        {"201": {"description": "已创建 — created.",
                 "headers": {"Location": {"schema": {"type": "string"},
                                          "description": "/api/v1/assessments/{id}"}},
                 "content": {"application/json": {"schema": a}}},
         "409": frozen, "422": invalid, **resp(400, 401, 403, 404, 413, 415)},
        SEC_WRITE, operationId="assessment_create", parameters=idp,
        requestBody={"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["year"], "additionalProperties": False,
            "properties": {"year": {"type": "integer", "minimum": 2000, "maximum": 2100},
                           "cutoff_on": {"type": ["string", "null"], "format": "date"},
                           "framework_id": {"type": ["integer", "null"]}}},
            "example": {"year": 2025}}}})
    ops[("GET", API + "/consortia/{id}/assessments")] = op(
        "年度监测列表 · A consortium's assessments",
        "各年度的状态、结果、得分与版本，新的在前。秘书处、平台管理员与成员单位工作人员可读，其他人 404。\n\n"
        "Each year's status, result, score and version, newest first; read by the secretariat, "
        "admins and member units' staff, 404 for others.",
        ["assessment"],
        {"200": json_ok("年度 — the years.", ref("schemas", "AssessmentList")), **resp(404)},
        SEC_OPTIONAL, operationId="assessment_list", parameters=idp)
    ops[("GET", API + "/consortia/{id}/goals")] = op(
        "建设目标与进度 · The consortium's goals with progress",
        "各建设目标在该年截止日的值（度量值，或手填的当前值）、进度与状态 met/on_track/behind。能读联合体者可读。"
        "\n\nEach goal's value at the year's cut-off (its measure's, or the value recorded), "
        "progress and status. Readable by whoever may read the consortium.",
        ["assessment"],
        {"200": json_ok("目标 — the goals.", ref("schemas", "ConsortiumGoalProgress")),
         "400": bad_query("year 无效 — a bad year.", "year", None,
                          "应为 2000 到 2100 之间的年份 (a year 2000–2100)"),
         **resp(401, 404)},
        SEC_OPTIONAL, operationId="consortium_goals_progress",
        parameters=idp + [{"name": "year", "in": "query", "required": False,
                           "description": "年度（默认今年） — the year (default: this year).",
                           "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}}])
    ops[("GET", API + "/assessments/{id}")] = op(
        "读年度监测 · An assessment",
        "指标树（值、目标、红黄绿、明细查询、佐证、备注、度量失败原因）、各分支汇总、结果、得分、版本、评论与建设目标。"
        "\n\nThe indicator tree with values, targets, red/amber/green, drill-down, evidence, notes "
        "and failed measures' reasons; branch rollups, result, score, versions, comments, goals.",
        ["assessment"], {"200": ok, **resp(404)}, SEC_OPTIONAL, operationId="assessment_get",
        parameters=idp)
    ops[("PATCH", API + "/assessments/{id}")] = op(
        "修改截止日 · Change a draft's cut-off",
        "只有草稿可改 cutoff_on（之后重新计算）。" + who_w + "\n\nA draft's cut-off day (recomputes).",
        ["assessment"], {"200": ok, "409": frozen, "422": invalid, **resp(400, 401, 403, 404, 413, 415)},
        SEC_WRITE, operationId="assessment_update", parameters=idp,
        requestBody={"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["cutoff_on"], "additionalProperties": False,
            "properties": {"cutoff_on": {"type": "string", "format": "date"}}}}}})
    ops[("POST", API + "/assessments/{id}/compute")] = op(
        "重新计算 · Recompute",
        "按截止日重新计算每个计算类指标；某个度量失败时该指标为 null/none 并说明原因。已提交 409。" + who_w +
        "\n\nRecomputes every computed indicator at the cut-off; a failing measure leaves that "
        "value null with its reason. Submitted: 409.",
        ["assessment"], {"200": ok, "409": frozen, **resp(401, 403, 404)}, SEC_WRITE,
        operationId="assessment_compute", parameters=idp)
    ops[("PATCH", API + "/assessments/{id}/values/{indicator}")] = op(
        "设定目标、填报与佐证 · Set a target, a reported value, evidence",
        "target（数字或 null）、reported（仅填报类指标）、evidence（文件 id 数组：本人或本单位上传、或本人可读的文件）、"
        "note。" + who_w + "\n\ntarget (a number or null), reported (reported indicators only), "
        "evidence (file ids the caller or their unit uploaded, or may read), note.",
        ["assessment"], {"200": ok, "409": frozen, "422": invalid, **resp(400, 401, 403, 404, 413, 415)},
        SEC_WRITE, operationId="assessment_value_set",
        parameters=idp + [{"name": "indicator", "in": "path", "required": True,
                           "description": "末级指标的 id — the leaf indicator's id.",
                           "schema": {"type": "integer", "minimum": 1}}],
        requestBody={"required": True, "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": False,
            "properties": {"target": {"type": ["number", "null"]},
                           "reported": {"type": ["number", "null"]},
                           "evidence": {"type": ["array", "null"], "maxItems": 20,
                                        "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
                           "note": {"type": ["string", "null"], "maxLength": 4000}}},
            "example": {"target": 84, "note": "按公开报道设定"}}}})
    ops[("POST", API + "/assessments/{id}/submit")] = op(
        "提交并冻结 · Submit and freeze the year",
        "在一个事务中重新计算、将整份回答保存为新版本、状态改为已提交；之后任何修改 409。" + who_w + "\n\nIn one "
        "transaction: recompute, keep the whole answer as version+1, status submitted; every later "
        "write is 409.",
        ["assessment"], {"200": ok, "409": frozen, **resp(401, 403, 404)}, SEC_WRITE,
        operationId="assessment_submit", parameters=idp)
    ops[("POST", API + "/assessments/{id}/reopen")] = op(
        "重新打开 · Reopen a submitted year",
        "仅平台管理员（秘书处 403），须给理由；已提交的版本保留。\n\nPlatform admins only (a "
        "secretariat: 403), with a comment; the submitted versions are kept.",
        ["assessment"], {"200": ok, "409": frozen, "422": invalid, **resp(400, 401, 403, 404, 413, 415)},
        SEC_WRITE, operationId="assessment_reopen", parameters=idp,
        requestBody={"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["comment"], "additionalProperties": False,
            "properties": {"comment": {"type": "string", "minLength": 1, "maxLength": 4000}}}}}})
    ops[("GET", API + "/assessments/{id}/versions/{version}")] = op(
        "已提交的版本 · A submitted version",
        "第 version 版提交时的整份回答。\n\nThe whole answer as version `version` was submitted.",
        ["assessment"], {"200": ok, **resp(404)}, SEC_OPTIONAL, operationId="assessment_version",
        parameters=idp + [{"name": "version", "in": "path", "required": True,
                           "description": "版本号 — the version number.",
                           "schema": {"type": "integer", "minimum": 1}}])
    return ops


def lists_operations():
    """POST/GET /consortia/{id}/lists, GET /lists/{id} (api_lists.c)."""
    idp = [ref("parameters", "id")]
    ops = {}
    ops[("POST", API + "/consortia/{id}/lists")] = op(
        "发布清单 · Publish one of the three lists",
        "本联合体秘书处（或平台管理员）发布核心产品清单、技术需求清单或人才需求清单的快照：技术需求只收已发布或进行中、"
        "公开的；核心产品收全部；人才需求清单即发布当年的需求报告（同 POST …/demand-reports）。发布后不再改变。先判断"
        "权限再读请求体；kind、period、title 无效或有未知字段时 422，不写入任何内容。记入审计日志。\n\nThe "
        "consortium's secretariat (or a platform admin) publishes a snapshot of the core products, "
        "the technology needs (published or in progress, public) or the talent needs (the year's "
        "demand report, as POST …/demand-reports). It never changes afterwards. Permission is "
        "checked before the body is read; a bad kind, period, title or an unknown field is a 422 "
        "and nothing is written. Audit-logged.",
        ["lists"],
        {"201": {"description": "已发布 — published.",
                 "headers": {"Location": {"schema": {"type": "string"},
                                          "description": "/api/v1/lists/{id}"}},
                 "content": {"application/json": {"schema": ref("schemas", "PublishedList")}}},
         "422": {"description": "kind、period 或 title 无效，或有未知字段 — a bad kind, period or title, "
                                "or an unknown field.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "validation_failed", "message": "输入有误 (validation failed)",
                               "details": {"period": "人才需求清单按年度发布，应为年份 (talent needs are "
                                                     "published per year: a year)"}}}}}},
         **resp(400, 401, 403, 404, 413)},
        SEC_WRITE, operationId="publish_list", parameters=idp,
        requestBody={"required": True, "content": {"application/json": {
            "schema": ref("schemas", "PublishedListRequest"),
            "example": {"kind": "tech_needs", "period": "2026H1"}}}})
    ops[("GET", API + "/consortia/{id}/lists")] = op(
        "清单列表 · A consortium's published lists",
        "本联合体已发布的三张清单（含以旧入口发布的需求报告），最新的在前，分页；?kind= 只列一种。能读联合体者都可读。"
        "\n\nThe consortium's published lists (demand reports published the old way included), "
        "newest first, a page at a time; ?kind= one kind only. Readable by whoever may read the "
        "consortium.",
        ["lists"],
        {"200": json_ok("清单 — the lists.", ref("schemas", "PublishedListList")),
         **resp(400, 401, 404)},
        SEC_OPTIONAL, operationId="list_published_lists",
        parameters=idp + [{"name": "kind", "in": "query", "required": False,
                           "schema": {"type": "string", "enum": LIST_KINDS}},
                          ref("parameters", "page"), ref("parameters", "per_page")])
    ops[("GET", API + "/lists/{id}")] = op(
        "查看或下载清单 · Get or download a published list",
        "清单及其一页记录（发布时的样子）；?format=csv|xlsx 下载全部记录（lang=en 英文表头；人才需求清单下载其需求"
        "报告的表格）。能读其联合体者都可读，否则 404。\n\nThe list with a page of its rows as "
        "published; ?format=csv|xlsx downloads every row (lang=en: English headers; a talent-needs "
        "list downloads its demand report's table). Readable by whoever may read its consortium, "
        "else 404.",
        ["lists"],
        {"200": {"description": "清单，或下载的表格 — the list, or the table downloaded.",
                 "headers": {"Content-Disposition": {
                     "description": "下载时 — on download: attachment; filename=\"tech_needs-2026-3.csv\"",
                     "schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": ref("schemas", "PublishedListPage")},
                             "text/csv": {"schema": {"type": "string"}},
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                 {"schema": {"type": "string", "format": "binary"}}}},
         **resp(400, 401, 404)},
        SEC_OPTIONAL, operationId="get_published_list",
        parameters=idp + [ref("parameters", "page"), ref("parameters", "per_page"),
                          ref("parameters", "format"), ref("parameters", "lang")])
    return ops


# ---- matching rounds (src/http/api_round.c, domain/round.c, store/store_round.c) ----

def error_doc(description, code, message, details=None):
    """An error response with its own description and example."""
    return {"description": description,
            "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                "error": {"code": code, "message": message, "details": details}}}}}


ROUND_EXAMPLE = {
    "id": 1, "consortium_id": 1, "period": 2025, "title": "2025年顶岗实习与订单班双向选择（示例）",
    "positions": "both", "status": "matched", "apply_by": "2025-05-15", "rank_by": "2025-05-25",
    "max_choices": 5, "optimal": "student",
    "verdict": "稳定 (stable): 容量、可接受性、无阻塞对均已验证 (capacities, acceptability and no "
               "blocking pair verified) — 4/4 名学生匹配 (students matched), 5 次申请 (proposals)",
    "matched_at": "2025-05-26T02:00:00Z", "published_at": None,
    "note": "示例轮次：学生填报志愿、企业对申请者排序后，由秘书处截止、匹配并公布。",
    "created_at": "2025-04-20T01:00:00Z", "updated_at": "2025-05-26T02:00:00Z", "revision": 5}


def round_example(status):
    """The example round as it stands in a status."""
    r = dict(ROUND_EXAMPLE, status=status)
    if status in ("draft", "open", "ranking", "closed"):
        r.update(verdict=None, matched_at=None, updated_at="2025-05-25T10:00:00Z")
    if status == "published":
        r.update(published_at="2025-05-27T02:00:00Z", updated_at="2025-05-27T02:00:00Z")
    return r


ROUND_RESULT_EXAMPLE = {"demand_id": 34, "job_title": "动力电池检测实习生",
                        "enterprise": "广西汽车集团有限公司", "choice_rank": 2}
ROUND_CHOICES_EXAMPLE = [
    {"rank": 1, "demand_id": 36, "job_title": "智能网联调试实习生",
     "enterprise": "柳州示例汽车电子企业 03（虚构）", "capacity": 1},
    {"rank": 2, "demand_id": 34, "job_title": "动力电池检测实习生",
     "enterprise": "广西汽车集团有限公司", "capacity": 3}]
ROUND_PRIVACY = (
    "个人信息（个人信息保护法）：学生的资料只给学生本人、其学校，以及学生志愿中所列岗位的企业；秘书处只看"
    "数字与不含姓名的结果 — personal data (PIPL): a student's profile goes only to the student, "
    "the student's school and the enterprises whose positions the student listed; the "
    "secretariat sees figures and pseudonymous results (no names).")
ROUND_404 = ("轮次不存在，或调用者不能读它（不是本联合体的成员单位、其学生或秘书处） — no such round, "
             "or one the caller may not read (not a member of its consortium, a member's student, "
             "or its secretariat).")


def round_schemas(meta):
    statuses = meta_options(meta, "match_rounds", "status")
    kinds = [k for k in meta_options(meta, "match_rounds", "positions") if k != "both"]
    demand_kinds = meta_options(meta, "demand", "kind")
    if not set(kinds) <= set(demand_kinds):
        raise SystemExit("gen-openapi: match_rounds.positions names demand kinds %s that "
                         "demand.kind no longer has" % sorted(set(kinds) - set(demand_kinds)))
    levels = meta_options(meta, "students", "level")
    status = {"type": "string", "enum": statuses,
              "description": "轮次当前的状态 — the round's status now."}
    demand_id = {"type": "integer", "format": "int64", "minimum": 1,
                 "description": "岗位 = 需求编号 → /api/v1/demand/{id} — the position: a demand id."}
    student_id = {"type": "integer", "format": "int64", "minimum": 1,
                  "description": "学生编号 → /api/v1/students/{id} — a student id."}
    text_or_null = {"type": ["string", "null"]}
    tags_text = {"type": ["string", "null"], "description": "以“、”连接 — joined by 、."}
    # The same type as students.consent (a boolean; store_round.c turns the
    # 0/1 column into true/false).
    consent = {"type": "boolean",
               "description": "是否同意将个人信息用于双向选择（true 同意，false 未同意；未同意不能提交志愿） — "
                              "consent to share the profile for matching (true yes, false no; "
                              "without it a list cannot be saved)."}
    result = {
        "type": "object", "title": "匹配结果 · Result",
        "description": "学生得到的岗位 — the position the student received.",
        "required": ["demand_id", "job_title", "enterprise", "choice_rank"],
        "properties": {"demand_id": demand_id, "job_title": {"type": "string"},
                       "enterprise": {"type": "string"},
                       "choice_rank": {"type": "integer", "minimum": 1,
                                       "description": "这是学生的第几志愿 — which of the "
                                                      "student's choices it was (1 = first)."}},
        "examples": [ROUND_RESULT_EXAMPLE]}
    return {
        "RoundPosition": {
            "type": "object", "title": "岗位 · Position",
            "description": "本轮的一个岗位：该联合体本年度所选类型的已发布需求，名额 = 需求人数 — a "
                           "position of the round: published demand of the consortium, period "
                           "and kinds the round takes; seats = headcount.",
            "required": ["demand_id", "job_title", "enterprise_id", "enterprise", "occupation_code",
                         "occupation_name", "kind", "capacity", "region_code", "skills", "pay_min",
                         "pay_max", "applicants"],
            "properties": {
                "demand_id": demand_id,
                "job_title": {"type": "string"},
                "enterprise_id": {"type": "integer", "format": "int64",
                                  "description": "企业编号 → /api/v1/organizations/{id} — the "
                                                 "enterprise's id."},
                "enterprise": {"type": "string", "description": "企业名称 — the enterprise's name."},
                "occupation_code": {"type": "string", "examples": ["6-22-02-01"]},
                "occupation_name": CATALOG_NAME,
                "kind": {"type": "string", "enum": kinds,
                         "description": "需求类型 — the kind of demand."},
                "capacity": {"type": "integer", "minimum": 1,
                             "description": "名额（需求人数） — seats (the demand's headcount)."},
                "region_code": text_or_null,
                "region_name": REGION_NAME,
                "skills": tags_text,
                "pay_min": {"type": ["integer", "null"], "description": "元/月 — CNY per month."},
                "pay_max": {"type": ["integer", "null"], "description": "元/月 — CNY per month."},
                "applicants": {"type": "integer", "minimum": 0,
                               "description": "志愿中列有此岗位、且同意共享信息的学生人数（只有人数） — "
                                              "how many consenting students' lists name it (a "
                                              "count only)."},
            },
        },
        "RoundPositionList": {
            "type": "object", "title": "本轮岗位 · Positions of a round",
            "required": ["items", "total"],
            "properties": {"items": {"type": "array", "items": ref("schemas", "RoundPosition"),
                                     "description": "按需求编号 — by demand id."},
                           "total": {"type": "integer", "minimum": 0}},
            "examples": [{"items": [{
                "demand_id": 34, "job_title": "动力电池检测实习生", "enterprise_id": 6,
                "enterprise": "广西汽车集团有限公司", "occupation_code": "4-12-01-03",
                "occupation_name": "电池及电池系统维修保养师", "kind": "internship", "capacity": 3,
                "region_code": "450200", "skills": "电池检测、高压安全", "pay_min": None,
                "pay_max": None, "applicants": 2}], "total": 1}],
        },
        "RoundListRequest": {
            "type": "object", "title": "提交志愿 · Save my list",
            "required": ["positions"], "additionalProperties": False,
            "properties": {"positions": {
                "type": "array", "uniqueItems": True, "maxItems": 50,
                "items": {"type": "integer", "format": "int64", "minimum": 1},
                "description": "本轮岗位的需求编号，最想要的在前；最多 max_choices 项、不可重复；空数组"
                               "撤回志愿；每次保存整体替换 — demand ids of the round's positions, "
                               "most wanted first; at most the round's max_choices, none twice; "
                               "an empty array withdraws the list; each save replaces it whole."}},
            "examples": [{"positions": [36, 34]}],
        },
        "RoundChoice": {
            "type": "object", "title": "志愿 · Choice",
            "required": ["rank", "demand_id", "job_title", "enterprise", "capacity"],
            "properties": {"rank": {"type": "integer", "minimum": 1,
                                    "description": "志愿序号，1 为最想要 — 1 = most wanted."},
                           "demand_id": demand_id, "job_title": {"type": "string"},
                           "enterprise": {"type": "string"},
                           "capacity": {"type": "integer", "minimum": 1,
                                        "description": "名额 — seats."}},
        },
        "RoundList": {
            "type": "object", "title": "我的志愿 · My list",
            "required": ["round_id", "student_id", "positions"],
            "properties": {"round_id": {"type": "integer", "format": "int64"},
                           "student_id": student_id,
                           "positions": {"type": "array", "items": ref("schemas", "RoundChoice"),
                                         "description": "按志愿序号 — in rank order."}},
            "examples": [{"round_id": 1, "student_id": 1, "positions": ROUND_CHOICES_EXAMPLE}],
        },
        "RoundStudent": {
            "type": "object", "title": "学生本人 · The student",
            "description": "调用者在本联合体的学生记录（本人的个人信息） — the caller's own student "
                           "record in the round's consortium (their personal data).",
            "required": ["id", "school_id", "school", "student_no", "name", "major_code", "level",
                         "cohort", "skills", "certificates", "consent", "region_code"],
            "properties": {
                "id": student_id, "school_id": {"type": "integer", "format": "int64"},
                "school": {"type": "string", "description": "学校名称 — the school's name."},
                "student_no": {"type": "string"}, "name": {"type": "string"},
                "major_code": {"type": "string", "examples": ["460702"]},
                "level": {"type": "string", "enum": levels},
                "cohort": {"type": "integer"}, "skills": tags_text, "certificates": tags_text,
                "consent": consent,
                "region_code": {"type": ["string", "null"],
                                "description": "学校所在地区（推荐按此比较） — the school's region "
                                               "(suggestions compare it)."},
            },
        },
        "RoundResult": result,
        "RoundExplanation": {
            "type": "object", "title": "未得到的志愿 · Why not",
            "description": "学生排在所得岗位之前的每个岗位（未匹配时为全部志愿）为什么没有得到 — for each "
                           "position the student ranked above the one received (every choice "
                           "when unmatched): why not.",
            "required": ["demand_id", "job_title", "enterprise", "rank", "why", "higher", "capacity",
                         "reason_zh", "reason_en"],
            "properties": {
                "demand_id": demand_id,
                "job_title": text_or_null, "enterprise": text_or_null,
                "rank": {"type": ["integer", "null"], "description": "学生给它的志愿序号 — the "
                                                                    "student's rank of it."},
                "why": {"type": "string", "enum": ["filled", "not_acceptable"],
                        "x-labels-zh": {"filled": "名额已满", "not_acceptable": "企业未排序"},
                        "description": "filled：名额已由企业排序更靠前的学生占满；not_acceptable：企业"
                                       "没有将该学生列入此岗位的排序（双方互选才可匹配） — filled: its "
                                       "seats went to students the enterprise ranked higher; "
                                       "not_acceptable: the enterprise did not rank the student "
                                       "for it (both sides must list each other)."},
                "higher": {"type": "integer", "minimum": 0,
                           "description": "filled：占据名额、企业排序更靠前的学生人数 — filled: the "
                                          "assigned students the enterprise ranked above."},
                "capacity": {"type": "integer", "minimum": 0, "description": "名额 — seats."},
                "reason_zh": {"type": "string"}, "reason_en": {"type": "string"},
            },
        },
        "RoundMy": {
            "type": "object", "title": "我的双选 · My round",
            "required": ["student", "status", "list", "result", "explanation", "round"],
            "properties": {
                "student": ref("schemas", "RoundStudent"),
                "status": status,
                "list": {"type": "array", "items": ref("schemas", "RoundChoice"),
                         "description": "我的志愿，按序号 — my list, in rank order."},
                "result": {"oneOf": [{"type": "null"}, ref("schemas", "RoundResult")],
                           "description": "公布后：所得岗位，未匹配为 null；公布前总为 null — once "
                                          "published: the position received, null when "
                                          "unmatched; always null before publication."},
                "explanation": {"type": "array", "items": ref("schemas", "RoundExplanation"),
                                "description": "公布后才有，按我的志愿顺序；公布前为空数组 — only "
                                               "after publication, in my list's order; an empty "
                                               "array before."},
                "round": ref("schemas", "MatchRound"),
            },
            "examples": [{
                "student": {"id": 1, "school_id": 8, "school": "柳州职业技术大学",
                            "student_no": "2023460702001", "name": "李明（示例）",
                            "major_code": "460702", "level": "higher", "cohort": 2023,
                            "skills": "电池检测、电工",
                            "certificates": "新能源汽车动力电池检测与维修职业技能等级证书（中级）",
                            "consent": True, "region_code": "450200"},
                "status": "published", "list": ROUND_CHOICES_EXAMPLE,
                "result": ROUND_RESULT_EXAMPLE,
                "explanation": [{"demand_id": 36, "job_title": "智能网联调试实习生",
                                 "enterprise": "柳州示例汽车电子企业 03（虚构）", "rank": 1,
                                 "why": "filled", "higher": 1, "capacity": 1,
                                 "reason_zh": "该岗位 1 个名额已由企业排序更靠前的 1 名学生占满",
                                 "reason_en": "its 1 seats went to 1 students the enterprise "
                                              "ranked above you"}],
                "round": round_example("published")}],
        },
        "RoundSuggestion": {
            "type": "object", "title": "岗位推荐 · Suggested position",
            "description": "score = 技能相符项数 + 2（专业对口：所用对应表把学生的专业对应到岗位的职业）+ 1"
                           "（岗位与学校同一地区） — score = matching skills + 2 when the crosswalk "
                           "in effect links the student's major to the position's occupation + 1 "
                           "when the position is in the school's region.",
            "required": ["demand_id", "job_title", "enterprise", "occupation_code", "occupation_name",
                         "score", "skill_overlap", "crosswalk", "same_region", "reasons_zh",
                         "reasons_en"],
            "properties": {
                "demand_id": demand_id, "job_title": {"type": "string"},
                "enterprise": {"type": "string"},
                "occupation_code": {"type": "string"}, "occupation_name": CATALOG_NAME,
                "score": {"type": "integer", "minimum": 0},
                "skill_overlap": {"type": "array", "items": {"type": "string"},
                                  "description": "岗位技能中学生也有的 — the position's skills the "
                                                 "student has."},
                "crosswalk": {"type": "boolean", "description": "专业对口 — the major feeds the "
                                                                "occupation."},
                "same_region": {"type": "boolean", "description": "与学校同一地区 — in the "
                                                                  "school's region."},
                "reasons_zh": {"type": "array", "items": {"type": "string"}},
                "reasons_en": {"type": "array", "items": {"type": "string"}},
            },
        },
        "RoundSuggestionList": {
            "type": "object", "title": "岗位推荐 · Suggestions",
            "required": ["items", "total"],
            "properties": {"items": {"type": "array", "items": ref("schemas", "RoundSuggestion"),
                                     "description": "本轮全部岗位，score 高者在前，同分按需求编号 — "
                                                    "every position of the round, highest score "
                                                    "first, then by demand id."},
                           "total": {"type": "integer", "minimum": 0}},
            "examples": [{"items": [{
                "demand_id": 34, "job_title": "动力电池检测实习生", "enterprise": "广西汽车集团有限公司",
                "occupation_code": "4-12-01-03", "occupation_name": "电池及电池系统维修保养师",
                "score": 5, "skill_overlap": ["电池检测", "高压安全"], "crosswalk": True,
                "same_region": True,
                "reasons_zh": ["技能相符：电池检测、高压安全", "专业对口：460702 对应职业 4-12-01-03",
                               "与学校同一地区"],
                "reasons_en": ["matching skills: 电池检测、高压安全",
                               "your major 460702 feeds occupation 4-12-01-03",
                               "in your school's region"]}], "total": 1}],
        },
        "RoundApplicant": {
            "type": "object", "title": "申请者 · Applicant",
            "description": "志愿中列有本企业此岗位、且同意共享信息的学生（个人信息：只给其申请的企业；"
                           "学生撤回同意后即不再出现） — a student whose list names this position "
                           "and who consents to sharing (personal data: only for the enterprises "
                           "applied to; gone as soon as the student withdraws consent).",
            "required": ["student_id", "name", "school", "major_code", "major_name", "level",
                         "cohort", "skills", "certificates", "choice_rank", "ranked"],
            "properties": {
                "student_id": student_id, "name": {"type": "string"},
                "school": {"type": "string"}, "major_code": {"type": "string"},
                "major_name": CATALOG_NAME, "level": {"type": "string", "enum": levels},
                "cohort": {"type": "integer"}, "skills": tags_text, "certificates": tags_text,
                "choice_rank": {"type": "integer", "minimum": 1,
                                "description": "学生把此岗位排在第几 — the student's rank of this "
                                               "position."},
                "ranked": {"type": ["integer", "null"], "minimum": 1,
                           "description": "企业给该学生的排序，未排序为 null — the enterprise's rank "
                                          "of the student; null when unranked."},
            },
        },
        "RoundApplicantPosition": {
            "type": "object", "title": "本企业的岗位 · My enterprise's position",
            "required": ["demand_id", "job_title", "capacity", "applicants", "ranking", "result"],
            "properties": {
                "demand_id": demand_id, "job_title": {"type": "string"},
                "capacity": {"type": "integer", "minimum": 1, "description": "名额 — seats."},
                "applicants": {"type": "array", "items": ref("schemas", "RoundApplicant"),
                               "description": "已排序的按排序在前，其余按学生的志愿序号 — ranked "
                                              "applicants first in ranking order, then the rest "
                                              "by the student's rank of the position."},
                "ranking": {"type": "array", "items": student_id,
                            "description": "企业的排序（学生编号，最想要的在前） — the enterprise's "
                                           "ranking (student ids, most wanted first)."},
                "result": {"type": ["array", "null"], "items": student_id,
                           "description": "公布后：匹配到此岗位的学生编号；公布前为 null — once "
                                          "published: the students matched to it; null before."},
            },
        },
        "RoundApplicants": {
            "type": "object", "title": "本企业的申请者 · Applicants to my enterprise",
            "required": ["status", "positions"],
            "properties": {"status": status,
                           "positions": {"type": "array",
                                         "items": ref("schemas", "RoundApplicantPosition"),
                                         "description": "调用者所在单位在本轮的岗位，按需求编号 — "
                                                        "the caller's unit's positions in the "
                                                        "round, by demand id."}},
            "examples": [{"status": "ranking", "positions": [{
                "demand_id": 14, "job_title": "总装顶岗实习生", "capacity": 120,
                "applicants": [{"student_id": 7, "name": "孙悦（示例）", "school": "柳州职业技术大学",
                                "major_code": "460704", "major_name": "智能网联汽车技术",
                                "level": "higher", "cohort": 2023, "skills": "传感器标定、调试",
                                "certificates": None, "choice_rank": 2, "ranked": 1}],
                "ranking": [7], "result": None}]}],
        },
        "RoundRankingRequest": {
            "type": "object", "title": "提交排序 · Save a ranking",
            "required": ["demand_id", "students"], "additionalProperties": False,
            "properties": {
                "demand_id": demand_id,
                "students": {"type": "array", "uniqueItems": True, "maxItems": 100000,
                             "items": {"type": "integer", "format": "int64", "minimum": 1},
                             "description": "申请了此岗位的学生编号，最想要的在前；未列入者对此岗位不"
                                            "可接受；空数组撤回排序；每次保存整体替换 — ids of "
                                            "students who listed the position, most wanted "
                                            "first; students left out are not acceptable to it; "
                                            "an empty array withdraws the ranking; each save "
                                            "replaces it whole."}},
            "examples": [{"demand_id": 36, "students": [7, 1]}],
        },
        "RoundRanking": {
            "type": "object", "title": "岗位的排序 · A position's ranking",
            "required": ["demand_id", "students"],
            "properties": {"demand_id": demand_id,
                           "students": {"type": "array", "items": student_id,
                                        "description": "保存后的排序 — the ranking as saved."}},
            "examples": [{"demand_id": 36, "students": [7, 1]}],
        },
        "RoundSchoolStudent": {
            "type": "object", "title": "本校学生 · A student of my school",
            "required": ["student_id", "student_no", "name", "major_code", "consent", "choices",
                         "result", "matched"],
            "properties": {
                "student_id": student_id, "student_no": {"type": "string"},
                "name": {"type": "string"}, "major_code": {"type": "string"},
                "major_name": {"type": ["string", "null"],
                               "description": "专业名称（目录中没有为 null） — the major's name (null "
                                              "when not in the catalogue)."},
                "consent": consent,
                "choices": {"type": "integer", "minimum": 0,
                            "description": "志愿项数，0 为未填报 — entries on the student's list; "
                                           "0 = none."},
                "result": {"oneOf": [{"type": "null"}, ref("schemas", "RoundResult")],
                           "description": "公布后：所得岗位，未匹配为 null；公布前为 null — once "
                                          "published: the position received, null when "
                                          "unmatched; null before."},
                "matched": {"type": ["boolean", "null"],
                            "description": "公布后：是否匹配到岗位；公布前为 null — once published: "
                                           "whether matched; null before."},
            },
        },
        "RoundSchool": {
            "type": "object", "title": "本校学生的双选 · My school's students in a round",
            "required": ["status", "items", "total", "page", "per_page", "counts"],
            "properties": {"status": status,
                           "items": {"type": "array", "items": ref("schemas", "RoundSchoolStudent"),
                                     "description": "调用者所在学校在本联合体的学生（填报与否）中筛选后的一页 "
                                                    "— one page of the caller's school's students "
                                                    "in the consortium (with a list or not) that "
                                                    "the filter keeps."},
                           "total": {"type": "integer", "minimum": 0,
                                     "description": "筛选后的确切条数 — exactly how many rows the "
                                                    "filter keeps."},
                           "page": {"type": "integer", "minimum": 1},
                           "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
                           "counts": {
                               "type": "object", "required": ["students", "submitted", "matched"],
                               "description": "全校合计（不受筛选影响） — the whole school's figures "
                                              "(whatever the filter).",
                               "properties": {
                                   "students": {"type": "integer", "minimum": 0},
                                   "submitted": {"type": "integer", "minimum": 0,
                                                 "description": "已填报志愿 — with a list."},
                                   "matched": {"type": "integer", "minimum": 0,
                                               "description": "公布后已匹配 — placed (published "
                                                              "rounds)."}}}},
            "examples": [{"status": "published", "items": [
                {"student_id": 6, "student_no": "2023460110006", "name": "赵磊（示例）",
                 "major_code": "460110", "consent": True, "choices": 2,
                 "result": {"demand_id": 35, "job_title": "焊接工艺实习生",
                            "enterprise": "柳州示例汽车零部件企业 01（虚构）", "choice_rank": 1},
                 "matched": True},
                {"student_id": 4, "student_no": "2024500211004", "name": "刘洋（示例）",
                 "major_code": "500211", "consent": False, "choices": 0, "result": None,
                 "matched": False}], "total": 2, "page": 1, "per_page": 20,
                "counts": {"students": 804, "submitted": 4, "matched": 4}}],
        },
        "RoundStats": {
            "type": "object", "title": "轮次数据 · Round figures",
            "description": "students、matched、first_choice 与 unmatched_by_major 来自最近一次运行保存的"
                           "结果（未运行为 0 或空）；positions、seats、applications 为当前 — students, "
                           "matched, first_choice and unmatched_by_major come from the last run's "
                           "stored result (0 or empty before any run); positions, seats and "
                           "applications are current.",
            "required": ["status", "students", "positions", "seats", "applications", "matched",
                         "unmatched", "fill_rate", "first_choice", "first_choice_share", "proposals",
                         "verdict", "unmatched_by_major"],
            "properties": {
                "status": status,
                "students": {"type": "integer", "minimum": 0,
                             "description": "参与匹配（有志愿）的学生数 — students with a list in "
                                            "the run."},
                "positions": {"type": "integer", "minimum": 0, "description": "岗位数 — positions."},
                "seats": {"type": "integer", "minimum": 0, "description": "名额合计 — total seats."},
                "applications": {"type": "integer", "minimum": 0,
                                 "description": "志愿总项数 — list entries naming the positions."},
                "matched": {"type": "integer", "minimum": 0, "description": "匹配到岗位的学生 — "
                                                                            "students matched."},
                "unmatched": {"type": "integer", "minimum": 0,
                              "description": "未匹配的学生 — students left unmatched."},
                "fill_rate": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                              "description": "matched ÷ seats（不取整），无名额为 null — matched / "
                                             "seats (unrounded); null without seats."},
                "first_choice": {"type": "integer", "minimum": 0,
                                 "description": "得到第一志愿的学生 — students given their first "
                                                "choice."},
                "first_choice_share": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                                       "description": "first_choice ÷ students（不取整），无学生为 "
                                                      "null — first_choice / students "
                                                      "(unrounded); null without students."},
                "proposals": {"type": ["integer", "null"], "minimum": 0,
                              "description": "最近一次运行的申请（邀请）次数，未运行为 null — "
                                             "proposals the last run made; null before any run."},
                "verdict": {"type": ["string", "null"],
                            "description": "稳定性校验器的结论，未运行为 null — the verifier's "
                                           "verdict; null before any run."},
                "unmatched_by_major": {
                    "type": "array",
                    "description": "按专业：参与学生数与未匹配数，未匹配多者在前，同数按代码 — by major: "
                                   "students in the run and unmatched, most unmatched first, "
                                   "then by code.",
                    "items": {"type": "object",
                              "required": ["major_code", "name", "students", "unmatched"],
                              "properties": {"major_code": {"type": "string"},
                                             "name": CATALOG_NAME,
                                             "students": {"type": "integer", "minimum": 1},
                                             "unmatched": {"type": "integer", "minimum": 0}}}},
            },
            "examples": [{"status": "matched", "students": 4, "positions": 5, "seats": 186,
                          "applications": 8, "matched": 4, "unmatched": 0,
                          "fill_rate": 0.021505376344086, "first_choice": 3,
                          "first_choice_share": 0.75, "proposals": 5,
                          "verdict": ROUND_EXAMPLE["verdict"],
                          "unmatched_by_major": [{"major_code": "460702", "name": "新能源汽车技术",
                                                  "students": 2, "unmatched": 0}]}],
        },
        "RoundResultRow": {
            "type": "object", "title": "匹配结果（不含姓名） · Result row (pseudonymous)",
            "required": ["student_id", "school", "major_code", "choices", "demand_id", "job_title",
                         "enterprise", "choice_rank"],
            "properties": {
                "student_id": student_id, "school": {"type": "string"},
                "major_code": {"type": "string"},
                "choices": {"type": "integer", "minimum": 0, "description": "志愿项数 — list "
                                                                            "length."},
                "demand_id": {"type": ["integer", "null"], "format": "int64",
                              "description": "所得岗位，未匹配为 null — the position received; "
                                             "null when unmatched."},
                "job_title": text_or_null, "enterprise": text_or_null,
                "choice_rank": {"type": ["integer", "null"], "minimum": 1,
                                "description": "第几志愿，未匹配为 null — which choice; null when "
                                               "unmatched."},
            },
        },
        "RoundResults": {
            "type": "object", "title": "匹配结果 · Results",
            "required": ["status", "items", "total"],
            "properties": {"status": status,
                           "items": {"type": "array", "items": ref("schemas", "RoundResultRow"),
                                     "description": "最近一次运行中每名有志愿的学生一行，按学校名称、学号；"
                                                    "未运行为空 — one row per student with a list "
                                                    "in the last run, by school name then "
                                                    "student number; empty before any run."},
                           "total": {"type": "integer", "minimum": 0}},
            "examples": [{"status": "published", "items": [
                {"student_id": 1, "school": "柳州职业技术大学", "major_code": "460702", "choices": 2,
                 "demand_id": 34, "job_title": "动力电池检测实习生",
                 "enterprise": "广西汽车集团有限公司", "choice_rank": 2}], "total": 1}],
        },
    }


ROUND_STEPS = [
    # action, operationId suffix, summary, from, to, prose zh, prose en
    ("open", "open", "开始报名 · Open a round for lists", "draft", "open",
     "学生从此可提交志愿（至 apply_by），企业可开始排序（至 rank_by）。",
     "Students may now save their lists (until apply_by) and enterprises start ranking (until "
     "rank_by)."),
    ("close-applications", "close_applications", "截止志愿 · Close students' lists",
     "open", "ranking",
     "学生的志愿从此冻结（POST …/my-list 回答 409）；企业仍可排序（至 rank_by）。",
     "Students' lists are frozen from now on (POST …/my-list answers 409); enterprises may "
     "still rank (until rank_by)."),
    ("close", "close", "截止 · Close a round", "open 或 ranking", "closed",
     "志愿与排序都冻结（POST …/rankings 也回答 409），可以运行匹配。",
     "Lists and rankings are frozen (POST …/rankings answers 409 too); the round can run."),
    ("run", "run", "运行稳定匹配 · Run the stable matching", "closed 或 matched", "matched",
     "在一个事务中：以学生的志愿与企业的排序构造问题（只有双方互相列入的一对才可接受；名额 = 需求人数；"
     "已撤回的需求不再是岗位），按本轮的 optimal 以延迟接受算法求学生最优（学生申请）或岗位最优（岗位邀请）"
     "的稳定多对一匹配，由校验器从头证明（不超名额、双方可接受、无阻塞对），然后保存结果（每名有志愿的学生"
     "一行，未匹配者岗位为空）、校验结论 verdict、matched_at 与申请次数，并记入审计日志。已匹配的轮次可再次"
     "运行，替换上次的结果。校验不通过时回答 500，什么也不保存（不应发生）。",
     "In one transaction: builds the problem from the students' lists and the enterprises' "
     "rankings (a pair is acceptable only if each side lists the other; seats = headcount; a "
     "withdrawn demand row is no longer a position), computes the stable many-to-one matching "
     "by deferred acceptance — student-optimal (students propose) or position-optimal "
     "(positions propose) as the round's optimal says — proves it from scratch with the "
     "verifier (capacities, mutual acceptability, no blocking pair), then stores the result "
     "(one row per student with a list; unmatched students get no position), the verdict, "
     "matched_at and the number of proposals, and writes the audit entry. A matched round may "
     "run again, replacing the last result. Should the verifier ever reject the result, the "
     "answer is a 500 and nothing is stored."),
    ("publish", "publish", "公布结果 · Publish the result", "matched", "published",
     "结果冻结（不能再运行，409），记下 published_at；学生从此在 GET …/my 看到结果与解释，企业在 "
     "GET …/applicants 看到匹配到的学生，学校在 GET …/school 看到本校学生的结果。",
     "The result is frozen (no more runs: 409) and published_at set; from now on students see "
     "their result and explanation in GET …/my, enterprises the students matched to them in "
     "GET …/applicants, schools their students' results in GET …/school."),
]


def round_operations():
    """The matching round routes (api_round.c)."""
    idp = [ref("parameters", "id")]
    base = API + "/match-rounds/{id}"
    not_found = error_doc(ROUND_404, "not_found", "双选轮次 1 不存在 (not found)")
    not_student = error_doc(
        "调用者不是学生（role student），或其账号没有关联本联合体的学生记录（students.user_id）；或以 "
        "Cookie 认证的写请求缺少 X-CSRF-Token — the caller is not a student (role student), or "
        "the account is linked to no student record of the round's consortium "
        "(students.user_id); or a cookie-authenticated write without X-CSRF-Token.",
        "forbidden", "只有学生可以填报志愿 (only students rank positions)")
    not_org_user = ("调用者不是单位用户（org_admin 或 org_staff） — the caller is not a unit's user "
                    "(org_admin or org_staff).")
    not_secretariat = error_doc(
        "不是本联合体的秘书处（或平台管理员）；或以 Cookie 认证的写请求缺少 X-CSRF-Token — not the "
        "consortium's secretariat (or a platform admin); or a cookie-authenticated write "
        "without X-CSRF-Token.",
        "forbidden", "只有本联合体秘书处可以操作 (only the consortium's secretariat)")
    ops = {}
    for action, oid, summary, frm, to, zh, en in ROUND_STEPS:
        frm_en = frm.replace(" 或 ", " or ")
        responses = {
            "200": json_ok("操作后的轮次 — the round after the step.", ref("schemas", "MatchRound"),
                           round_example(to)),
            "403": not_secretariat,
            "404": not_found,
            "409": error_doc("当前状态不允许此操作（须为 %s） — the round's status does not allow "
                             "this step (it must be %s)." % (frm, frm_en), "conflict",
                             "当前状态“已公布”下不能执行“%s” (not allowed in status published)"
                             % action),
            **resp(401, 413)}
        if action == "run":
            responses["500"] = error_doc(
                "校验器没有通过结果（不应发生），事务回滚，什么也不保存 — the verifier rejected the "
                "result (it should never happen); the transaction rolls back and nothing is "
                "stored.", "internal_error",
                "匹配结果未通过稳定性校验 (the result failed verification): …")
        ops[("POST", "%s/%s" % (base, action))] = op(
            summary,
            "本联合体秘书处（或平台管理员）把轮次从 %s 改为 %s。%s不需要请求体（给了也忽略）；其他状态回答 "
            "409。记入审计日志。回答操作后的轮次。\n\nThe consortium's secretariat (or a platform "
            "admin) moves the round from %s to %s. %s No body is needed (one given is ignored); "
            "any other status answers 409. Audit-logged. Answers the round after the step."
            % (frm, to, zh, frm_en, to, en),
            ["matching"], responses, SEC_WRITE, operationId="round_" + oid, parameters=idp)

    ops[("GET", base + "/positions")] = op(
        "本轮岗位 · Positions of a round",
        "本轮的岗位：该联合体本年度 positions 所选类型（顶岗实习、订单班或两者）的已发布需求，名额 = 需求人数，"
        "以及志愿中列有各岗位的学生人数（只有人数）。能读本轮者（本联合体成员单位及其学生、秘书处）都可读，"
        "其他人（含未登录者）404。\n\nThe round's positions: the consortium's published demand of "
        "the period and of the kinds the round takes (internships, order classes or both), "
        "seats = headcount, and how many students' lists name each (a count only). Readable by "
        "whoever may read the round (the consortium's members and their students, its "
        "secretariat); anyone else, anonymous callers included, gets a 404.",
        ["matching"],
        {"200": json_ok("岗位 — the positions.", ref("schemas", "RoundPositionList")),
         "404": not_found, **resp(401)},
        SEC_READ, operationId="round_positions", parameters=idp)
    ops[("POST", base + "/my-list")] = op(
        "提交我的志愿 · Save my ranked list",
        "学生（role student，账号已关联本联合体的学生记录）保存对本轮岗位的志愿，最想要的在前，整体替换上次"
        "的志愿（空数组即撤回）。须先同意将个人信息用于双向选择（students.consent，否则 409）；轮次须为 "
        "open 且 apply_by（中国标准时间）未过（否则 409）；最多 max_choices 项、不重复、都是本轮的岗位"
        "（否则 422，details.positions 指出哪一项）。记入审计日志。" + "\n\n" + ROUND_PRIVACY +
        "\n\nA student (role student, whose account is linked to a student record of the "
        "consortium) saves a ranked list of the round's positions, most wanted first, "
        "replacing the last one whole (an empty array withdraws it). Consent "
        "(students.consent) comes first, else 409; the round must be open and apply_by (China "
        "Standard Time) not passed, else 409; at most max_choices entries, none twice, each a "
        "position of the round, else 422 with details.positions naming the entry. "
        "Audit-logged.",
        ["matching"],
        {"200": json_ok("保存后的志愿 — the list as saved.", ref("schemas", "RoundList")),
         "403": not_student, "404": not_found,
         "409": error_doc("轮次不在 open 状态、apply_by 已过，或学生未同意将个人信息用于双向选择 — the "
                          "round is not open, apply_by has passed, or the student has not "
                          "consented.", "conflict",
                          "志愿填报已于 2025-05-15 截止 (lists were due on 2025-05-15)"),
         "422": error_doc("请求体有未知字段或缺少 positions；positions 不是编号数组、超过 max_choices、"
                          "有重复，或含不是本轮岗位的编号 — an unknown field or no positions; "
                          "positions not an array of ids, longer than max_choices, with a "
                          "repeat, or naming a demand that is not a position of the round.",
                          "validation_failed", "输入有误 (validation failed)",
                          {"positions": "第 2 项与第 1 项重复 (entry 2 repeats entry 1)"}),
         **resp(400, 401, 413)},
        SEC_WRITE, operationId="round_save_list", parameters=idp,
        requestBody={"required": True, "content": {"application/json": {
            "schema": ref("schemas", "RoundListRequest"), "example": {"positions": [36, 34]}}}})
    ops[("GET", base + "/my")] = op(
        "我的双选 · My list, result and explanation",
        "学生本人的学生记录、本轮状态、我的志愿与轮次本身；公布后还有所得岗位（result，未匹配为 null）与解释："
        "排在所得岗位之前的每个志愿（未匹配时为全部志愿）为什么没有得到——名额已由企业排序更靠前的学生占满"
        "（filled），或企业没有将我列入排序（not_acceptable）。公布前 result 为 null、explanation 为空。"
        "\n\nThe student's own record, the round's status, my list and the round itself; once "
        "published also the position received (result; null when unmatched) and the "
        "explanation: for each choice ranked above it (every choice when unmatched), why not — "
        "its seats went to students the enterprise ranked higher (filled), or the enterprise "
        "did not rank me (not_acceptable). Before publication result is null and explanation "
        "empty.",
        ["matching"],
        {"200": json_ok("我的双选 — my round.", ref("schemas", "RoundMy")),
         "403": not_student, "404": not_found, **resp(401)},
        SEC_READ, operationId="round_my", parameters=idp)
    ops[("GET", base + "/suggestions")] = op(
        "岗位推荐 · Suggested positions for me",
        "为学生本人给本轮的每个岗位打分并说明理由：技能相符（学生的技能与岗位技能的交集，每项 1 分）、专业"
        "对口（本联合体所用的对应表把学生的专业对应到岗位的职业，2 分）、与学校同一地区（1 分）；分高者在前。"
        "只是参考，不影响匹配。\n\nScores every position of the round for the student, with "
        "reasons: matching skills (the student's skills the position asks for, 1 point each), "
        "the crosswalk in effect linking the student's major to the position's occupation (2 "
        "points), and the school's region (1 point); highest first. Advice only: it does not "
        "affect the matching.",
        ["matching"],
        {"200": json_ok("推荐 — the suggestions.", ref("schemas", "RoundSuggestionList")),
         "403": not_student, "404": not_found, **resp(401)},
        SEC_READ, operationId="round_suggestions", parameters=idp)
    ops[("GET", base + "/applicants")] = op(
        "本企业岗位的申请者 · Applicants to my enterprise's positions",
        "单位用户（org_admin/org_staff）所在企业在本轮的每个岗位：申请者（志愿中列有此岗位的学生）的资料、"
        "本企业的排序，以及公布后匹配到的学生。" + ROUND_PRIVACY + "\n\nFor a unit's user "
        "(org_admin/org_staff), each position of the user's enterprise in the round: the "
        "applicants (students whose lists name it) with their profiles, the enterprise's "
        "ranking, and once published the students matched to it. A unit with no position in "
        "the round gets an empty list.",
        ["matching"],
        {"200": json_ok("申请者 — the applicants.", ref("schemas", "RoundApplicants")),
         "403": error_doc(not_org_user, "forbidden",
                          "只有企业用户查看本企业岗位的申请者 (for enterprise users)"),
         "404": not_found, **resp(401)},
        SEC_READ, operationId="round_applicants", parameters=idp)
    ops[("POST", base + "/rankings")] = op(
        "提交岗位的排序 · Save a position's ranking",
        "岗位所属企业的单位用户（org_admin/org_staff）或本联合体秘书处（为没有账号的企业代办）保存对某岗位"
        "申请者的排序，最想要的在前，整体替换（空数组即撤回）；未列入的申请者对此岗位不可接受。轮次须为 open "
        "或 ranking 且 rank_by（中国标准时间）未过（否则 409）；只能排申请了此岗位的学生，不重复（否则 "
        "422）。记入审计日志。\n\nThe position's enterprise (its org_admin/org_staff) or the "
        "consortium's secretariat (for enterprises without accounts) saves the ranking of a "
        "position's applicants, most wanted first, replacing it whole (an empty array "
        "withdraws it); applicants left out are not acceptable to the position. The round "
        "must be open or ranking and rank_by (China Standard Time) not passed, else 409; only "
        "students who listed the position, none twice, else 422. Audit-logged.",
        ["matching"],
        {"200": json_ok("保存后的排序 — the ranking as saved.", ref("schemas", "RoundRanking")),
         "403": error_doc("不是此岗位的企业，也不是本联合体秘书处；或以 Cookie 认证的写请求缺少 "
                          "X-CSRF-Token — neither the position's enterprise nor the consortium's "
                          "secretariat; or a cookie-authenticated write without X-CSRF-Token.",
                          "forbidden", "只能为本企业的岗位排序 (only your enterprise's positions)"),
         "404": not_found,
         "409": error_doc("轮次不在 open 或 ranking 状态，或 rank_by 已过 — the round is neither "
                          "open nor ranking, or rank_by has passed.", "conflict",
                          "本轮不在排序阶段，排序不能修改 (the round is not open for rankings)"),
         "422": error_doc("请求体有未知字段或缺少字段；demand_id 不是正整数或不是本轮的岗位；students 不是"
                          "编号数组、有重复，或含没有申请此岗位的学生 — an unknown or missing field; "
                          "demand_id not a positive integer or not a position of the round; "
                          "students not an array of ids, with a repeat, or naming a student who "
                          "did not apply.", "validation_failed", "输入有误 (validation failed)",
                          {"students": "第 1 项（1）没有申请该岗位 (entry 1 did not apply)"}),
         **resp(400, 401, 413)},
        SEC_WRITE, operationId="round_save_ranking", parameters=idp,
        requestBody={"required": True, "content": {"application/json": {
            "schema": ref("schemas", "RoundRankingRequest"),
            "example": {"demand_id": 36, "students": [7, 1]}}}})
    ops[("GET", base + "/school")] = op(
        "本校学生的双选 · My school's students in a round",
        "单位用户（org_admin/org_staff）所在学校在本联合体的学生，一次一页（issue 16：一所学校可有上千名学生）："
        "学号、姓名、专业、是否同意、志愿项数；公布后还有每人的结果。q 在姓名、学号、专业代码与名称（公布后还有岗位"
        "与企业）中查找；show 只看 none 未填报、submitted 已填报、matched 已匹配、unmatched 未匹配（公布后）；"
        "sort 按 student_no（默认）、name、major_code、choices、result 排序，前加 - 为倒序。total 为筛选后的"
        "确切条数，counts 为全校合计。先判断调用者能否查看（401/403/404），再检查参数（400）。其他单位的用户得到"
        "空列表。\n\nFor a unit's user (org_admin/org_staff), the students of the user's school in the "
        "consortium, one page at a time: number, name, major, consent, list length; once "
        "published each one's result. q searches name, number, major code and name (and, once "
        "published, position and enterprise); show keeps none (no list), submitted, matched or "
        "unmatched (published rounds); sort is student_no (default), name, major_code, choices or "
        "result, with a leading - for descending. total is the exact count the filter keeps; "
        "counts are the whole school's. Who may ask is settled first (401/403/404), then the "
        "arguments (400). Users of other units get an empty list.",
        ["matching"],
        {"200": json_ok("本校学生的一页 — a page of the school's students.",
                        ref("schemas", "RoundSchool")),
         "400": bad_query("page、per_page（1–500）、show、sort 无效或 q 超过 100 字节 — a bad page, "
                          "per_page (1–500), show or sort, or q over 100 bytes.", "show",
                          "show 应为 all、none、submitted、matched 或 unmatched (show must be all, "
                          "none, submitted, matched or unmatched)", None),
         "403": error_doc(not_org_user, "forbidden",
                          "只有学校用户查看本校学生 (for school users)"),
         "404": not_found, **resp(401)},
        SEC_READ, operationId="round_school",
        parameters=idp + [ref("parameters", "page"), ref("parameters", "per_page"),
                          {"name": "q", "in": "query", "required": False,
                           "description": "姓名、学号、专业或（公布后）岗位、企业中包含的文字，最多 100 字节 — "
                                          "text in the name, number, major or (published) position "
                                          "or enterprise; 100 bytes at most.",
                           "schema": {"type": "string", "maxLength": 100}},
                          {"name": "show", "in": "query", "required": False,
                           "description": "只看哪些学生 — which students to keep.",
                           "schema": {"type": "string", "default": "all",
                                      "enum": ["all", "none", "submitted", "matched", "unmatched"]}},
                          {"name": "sort", "in": "query", "required": False,
                           "description": "排序，- 为倒序 — order, - for descending.",
                           "schema": {"type": "string", "default": "student_no",
                                      "enum": ["student_no", "-student_no", "name", "-name",
                                               "major_code", "-major_code", "choices", "-choices",
                                               "result", "-result"]}}])
    ops[("GET", base + "/stats")] = op(
        "轮次数据 · Round figures",
        "本联合体秘书处（或平台管理员）查看：学生数、岗位数、名额、志愿总数、匹配与未匹配人数、名额填充率、"
        "得到第一志愿的人数与比例、申请次数、校验结论、按专业的未匹配人数。不含个人信息。\n\nFor the "
        "consortium's secretariat (or a platform admin): students, positions, seats, list "
        "entries, matched and unmatched, fill rate, first choices and their share, proposals, "
        "the verifier's verdict, unmatched by major. No personal data.",
        ["matching"],
        {"200": json_ok("数据 — the figures.", ref("schemas", "RoundStats")),
         "403": not_secretariat, "404": not_found, **resp(401)},
        SEC_READ, operationId="round_stats", parameters=idp)
    ops[("GET", base + "/results")] = op(
        "匹配结果（不含姓名） · Results, pseudonymous",
        "本联合体秘书处（或平台管理员）查看最近一次运行的结果（公布前后都可）：学生编号、学校、专业、志愿项数与"
        "所得岗位——不含姓名与学号（姓名只在学校与企业处）。?format=csv|xlsx 下载表格（lang=en 用英文表头）。"
        "\n\nFor the consortium's secretariat (or a platform admin): the last run's result "
        "(before or after publication) by student id, school and major, with list length and "
        "the position received — no names or student numbers (those stay with the school and "
        "the enterprise). ?format=csv|xlsx downloads it as a table (lang=en: English headers).",
        ["matching"],
        {"200": {"description": "结果，或下载的表格 — the results, or the table downloaded.",
                 "headers": {"Content-Disposition": {
                     "description": "下载时 — on download: attachment; "
                                    "filename=\"match-round-{id}-results.csv\" (.xlsx)",
                     "schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": ref("schemas", "RoundResults")},
                             "text/csv": {"schema": {"type": "string"}},
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                                 {"schema": {"type": "string", "format": "binary"}}}},
         "400": error_doc("format 不是 json、csv 或 xlsx — format is not json, csv or xlsx.",
                          "bad_request",
                          "format 应为 csv、xlsx 或 json (format must be csv, xlsx or json)"),
         "403": not_secretariat, "404": not_found, **resp(401)},
        SEC_READ, operationId="round_results", parameters=idp + [
            {"name": "format", "in": "query", "required": False,
             "description": "json（默认）为 JSON；csv 或 xlsx 下载表格，列为学生编号、学校、专业代码、志愿数、"
                            "岗位编号、岗位名称、企业、录取志愿序号 — json (default) answers JSON; csv "
                            "or xlsx downloads a table of student_id, school, major_code, "
                            "choices, demand_id, job_title, enterprise, choice_rank.",
             "schema": {"type": "string", "enum": ["json", "csv", "xlsx"], "default": "json"}},
            ref("parameters", "lang")])
    return ops


# ---- the document ---------------------------------------------------------------------

DESCRIPTION = """\
产教（Chanjiao）是面向市域产教联合体与行业产教融合共同体的开放平台。本 API 以 JSON 提供联合体的成员名册、理事会、章程、会议与表决、年度工作计划、合作协议、政策与项目清单、通知公告，以及人才供需信息平台：企业的人才需求、学校的人才供给与学生、国家职业分类与专业目录、专业与职业对应表、供需缺口分析、专业调整建议与人才需求动态报告；以及顶岗实习与订单班的双向选择：秘书处发起双选轮次，学生填报志愿，企业对申请者排序，平台以延迟接受算法求出稳定匹配，经校验后公布，并向学生解释结果。

**认证**：先 `POST /api/v1/auth/login`（`{"username","password"}`），得到 `token` 与 `csrf_token`，同时服务器设置 HttpOnly、SameSite=Strict 的会话 Cookie `cj_session`。之后二选一：
- 在请求头中带 `Authorization: Bearer <token>`（脚本、其他系统）；
- 或依靠浏览器自动带上的 Cookie——此时所有写请求（POST/PATCH/DELETE）必须带 `X-CSRF-Token: <csrf_token>` 头，否则 403。

未登录者只能读取公开数据。学生信息属于个人信息，只有本校工作人员与学生本人可见；双选轮次中，学生的资料另外只提供给其志愿所列岗位的企业，秘书处只看不含姓名的结果。每个请求都在服务器端按同一张权限表授权；写操作都记入审计日志。

**列表**：`page`、`per_page`（≤ 500）、`sort=字段` 或 `sort=-字段`、`q=` 全文检索、按字段筛选（`?type=enterprise`；可选的非文本字段 `=null` 选出该字段为空的记录，如 `?consortium_id=null`）；`format=csv|xlsx` 导出。回答 `{"items":[...],"total":N,"page":P,"per_page":K}`。

**错误**：一律为 `{"error":{"code","message","details"}}`：400 请求格式错误，401 未登录/令牌无效，403 无权或缺 CSRF，404 不存在，405 方法不支持，409 重复，413 请求体过大，422 校验失败（details 逐字段说明），429 登录过于频繁。

---

Chanjiao is an open platform for China's industry–education consortia. This API serves, as JSON, a consortium's member register, council, charter, meetings and votes, work plan, agreements, policy and project lists and announcements, and the talent supply–demand platform: enterprises' demand, schools' supply and students, the national occupation and major catalogues, the major–occupation crosswalk, gap analysis, recommendations for adjusting majors, and published demand reports; and two-sided matching rounds for internships and order classes: the secretariat runs a round, students submit ranked lists, enterprises rank their applicants, and the platform computes the stable matching by deferred acceptance, verifies it, publishes it and explains each student's result.

**Authentication**: `POST /api/v1/auth/login` with `{"username","password"}` answers a `token` and a `csrf_token` and sets the HttpOnly, SameSite=Strict session cookie `cj_session`. Then either
- send `Authorization: Bearer <token>` (scripts, other systems), or
- rely on the cookie (browsers) — and then every write (POST/PATCH/DELETE) must carry `X-CSRF-Token: <csrf_token>`, or it is refused with 403.

Anonymous callers read public data only. Students' rows are personal data, seen only by their school's staff, by the student and by the enterprise hosting the student's placement (a placement is seen whole by the school, the host enterprise and the student); in a matching round a student's profile also goes to the enterprises whose positions the student listed, and the secretariat sees results without names. Every request is authorised on the server from one permission table; every change is written to the audit log.

**Lists** take `page`, `per_page` (≤ 500), `sort=field` or `sort=-field`, `q=` text search and field filters (`?type=enterprise`; `=null` on an optional non-text field selects rows where it is empty, e.g. `?consortium_id=null`); `format=csv|xlsx` exports. They answer `{"items":[...],"total":N,"page":P,"per_page":K}`.

**Errors** always answer `{"error":{"code","message","details"}}`: 400 malformed request, 401 not signed in / bad token, 403 not allowed or missing CSRF header, 404 not found, 405 method not allowed, 409 duplicate, 413 body too large, 422 validation failed (details per field), 429 too many sign-in attempts. Messages are Chinese first, English in parentheses.

See docs/api.md for a guide with curl examples, docs/talent.md for the talent platform, and docs/matching.md for matching rounds."""

SPECIAL_TAGS = [
    {"name": "system", "x-displayName": "系统 System",
     "description": "系统 — health, this description, entity metadata, the landing page."},
    {"name": "auth", "x-displayName": "登录与会话 Sign-in",
     "description": "登录与会话 — sign in, sign out, the current user."},
    {"name": "talent", "x-displayName": "人才供需 Talent supply and demand",
     "description": "人才供需 — the gap between enterprises' demand and schools' supply by "
                    "occupation or major, its trend, recommendations for adjusting majors "
                    "(专业动态调整), and published demand reports (人才需求动态)."},
    {"name": "matching", "x-displayName": "双向选择 Two-sided matching",
     "description": "双向选择 — matching rounds of internships (顶岗实习) and order classes "
                    "(订单班): the secretariat steps a round through its statuses, students save "
                    "ranked lists, enterprises rank their applicants, and the stable many-to-one "
                    "matching is computed by deferred acceptance, verified and published, with "
                    "explanations, suggestions and each role's view (see docs/matching.md)."},
    {"name": "lists", "x-displayName": "三张清单 The three lists",
     "description": "三张清单 — core products, technology needs and talent needs, published as dated snapshots."},
    {"name": "search", "x-displayName": "全文检索 Search",
     "description": "全文检索 — Chinese full-text search of published demand."},
    {"name": "privacy", "x-displayName": "个人信息 Personal data",
     "description": "个人信息保护 — a user's data export and the erasure of a student (PIPL)."},
    {"name": "outcomes", "x-displayName": "成效 Outcomes",
     "description": "成效 — interns placed, graduates delivered, skill-level certificates and "
                    "person-times trained, per year (the registers are placements, "
                    "employment-outcomes, certificates and trainings)."},
    {"name": "audit", "x-displayName": "审计日志 Audit log",
     "description": "审计日志与登录日志 — who changed what, and when; who signed in, from where."},
    {"name": "import", "x-displayName": "数据导入 Import",
     "description": "数据导入 — CSV (UTF-8/GB18030) and XLSX, all rows or none."},
    {"name": "monitoring", "x-displayName": "指标与度量 Indicators and measures",
     "description": "指标体系与度量库 — indicator frameworks as data (their tree) and the fixed "
                    "library of measures a computed indicator counts, with drill-downs "
                    "(docs/monitoring.md)."},
    {"name": "assessment", "x-displayName": "年度监测 Assessment",
     "description": "年度监测 — the year's assessment against an indicator framework: targets, "
                    "values computed at a cut-off, reported values with evidence, red/amber/green, "
                    "submitted versions, the consortium's goals (docs/monitoring.md)."},
    {"name": "files", "x-displayName": "文件 Files",
     "description": "上传文件 — PDF, DOCX, XLSX, PNG, JPEG by content; read by who reads the record."},
    {"name": "authority", "x-displayName": "主管部门 Authority",
     "description": "主管部门 — the consortia an education / industry authority oversees side by "
                    "side, and the review of their assessments (docs/authority.md)."},
]


def derived_operation(method, path, meta):
    """A route `chanjiao routes` prints that nobody has described by hand
    yet (one being added while this script is not updated): documented
    from what the route itself says — its path parameters, the entity tag
    of its first segment, the security its method needs, a JSON answer of
    any shape and every error status the server's table has — and marked
    x-derived so the gap shows.  contract/live then checks its real answers
    against it; describe it in special_operations() (or the capability's
    *_operations()) to give it schemas."""
    import re
    params = []
    for name in re.findall(r"\{([^}]+)\}", path):
        params.append(ref("parameters", "id") if name == "id" else
                      {"name": name, "in": "path", "required": True, "schema": {"type": "string"}})
    seg = path[len(API) + 1:].split("/")[0] if path.startswith(API + "/") else ""
    tags = [seg] if seg in {url_name(e["name"]) for e in meta} else ["system"]
    answer = {"description": "成功 — done.", "content": {"application/json": {"schema": {}}}}
    ok = {"200": answer}
    if method == "POST":
        ok["201"] = answer
    if method == "DELETE":
        ok["204"] = {"description": "成功，无内容 — done, no content."}
    errors = sorted({400, 401, 403, 404, 409, 413, 422} |
                    {st for st in ERROR_STATUS.values() if 400 <= st < 500 and st not in (405, 429)})
    if method == "GET":
        errors = [st for st in errors if st not in (409, 413, 422)]
    o = op("%s %s" % (method, path),
           "尚未单独描述的路由，由 `chanjiao routes` 生成 — a route not described by hand yet, "
           "generated from `chanjiao routes`.", tags, {**ok, **resp(*errors)},
           SEC_OPTIONAL if method == "GET" else SEC_WRITE,
           operationId="%s_%s" % (method.lower(),
                                  re.sub(r"[^a-z0-9]+", "_", path[len(API):].lower()).strip("_")))
    if params:
        o["parameters"] = params
    if method in ("POST", "PUT", "PATCH"):
        o["requestBody"] = {"content": {"application/json": {"schema": {"type": "object"}}}}
    o["x-derived"] = True
    return o


def head_operation(get):
    """HEAD on a GET route: the server answers it as the GET (server.c's
    dispatch routes HEAD as GET), with the same status and headers and no
    body — so the same responses, without content (and without the 405:
    a path with a GET always has HEAD)."""
    responses = {}
    for status, r in get["responses"].items():
        if status == "405":
            continue
        h = {"description": "与 GET 相同的状态与头，没有正文 — as GET: the same status and "
                            "headers, no body."}
        if isinstance(r, dict) and r.get("headers"):
            h["headers"] = r["headers"]
        responses[status] = h
    o = {k: v for k, v in get.items() if k not in ("responses", "requestBody", "operationId")}
    o["summary"] = "%s（仅头 HEAD）" % get["summary"]
    o["description"] = ("与 GET 相同，只回答状态与头 — the GET's status and headers without the "
                        "body.\n\n" + get.get("description", ""))
    o["operationId"] = "head_" + get["operationId"]
    o["responses"] = responses
    return o


NOT_MODIFIED = {"description": "If-None-Match 与本回答的 ETag 相同：未变，无正文（带 ETag 的回答：记录、"
                               "可缓存的读取与网页文件） — If-None-Match names the answer's current "
                               "ETag (answers that carry one: a record, the cacheable reads, the web "
                               "app's files): unchanged, no body.",
                "headers": {"ETag": {"description": "当前实体标签 — the current entity tag.",
                                     "schema": {"type": "string"}}}}


def with_common_errors(o, method="GET"):
    """What every route may answer, listed on each operation (in status
    order): 401 for an invalid or expired bearer token, whatever the route
    (server.c resolves the caller first), and 405 with an Allow header for
    a method the path does not have.  And, once the server's error table
    has them (src/core/util.c): 415 on every operation taking a JSON body
    (a body of another type), 412 on every entity update and delete (a
    stale If-Match)."""
    r = dict(o["responses"])
    r.setdefault("401", ref("responses", "Unauthorized"))
    r.setdefault("405", ref("responses", "MethodNotAllowed"))
    if method == "GET":
        r.setdefault("304", NOT_MODIFIED)
    statuses = set(ERROR_STATUS.values())
    if 415 in statuses and "application/json" in o.get("requestBody", {}).get("content", {}):
        r.setdefault("415", ref("responses", response_for(415)))
    if 412 in statuses and o.get("operationId", "").startswith(("update_", "delete_")):
        r.setdefault("412", ref("responses", response_for(412)))
    o["responses"] = dict(sorted(r.items(), key=lambda kv: kv[0]))
    return o


def build(routes, meta):
    schemas = common_schemas(meta)
    schemas.update(talent_schemas(meta))
    schemas.update(round_schemas(meta))
    schemas.update(outcomes_schemas(meta))
    schemas.update(lists_schemas())
    schemas.update(assessment_schemas())
    schemas.update(facility_schemas())
    schemas.update(authority_schemas())
    params = common_parameters()
    params.update(talent_parameters(meta))
    ops = special_operations(meta)
    tags = list(SPECIAL_TAGS[:2])
    for e in meta:
        es = entity_schemas(e)
        clash = set(es) & set(schemas)
        if clash:
            raise SystemExit("gen-openapi: schema name clash for entity %s: %s" % (e["name"], sorted(clash)))
        schemas.update(es)
        params.update(entity_parameters(e))
        ops.update(entity_operations(e))
        tags.append({"name": url_name(e["name"]),
                     "x-displayName": "%s %s" % (e["label_zh"], e["label_en"]),
                     "description": "%s — %s. 读取 read: %s" % (
                         e["label_zh"], e["label_en"], e["permissions_doc"]["read"])})
    tags += SPECIAL_TAGS[2:]

    described = set(ops)
    in_router = set(routes)
    missing = sorted(in_router - described)
    for method, path in missing:
        print("gen-openapi: warning: %s %s is not described by hand; documented from the route "
              "alone (x-derived) — describe it in special_operations()" % (method, path), file=sys.stderr)
        ops[(method, path)] = derived_operation(method, path, meta)
    described = set(ops)
    for r in sorted(described - in_router):
        print("gen-openapi: warning: described but not in `chanjiao routes` yet: %s %s" % r,
              file=sys.stderr)

    # Paths in router order, then any described-only routes; methods in a
    # fixed order within a path.
    order = list(routes) + sorted(described - in_router)
    paths = {}
    for method, path in order:
        o = with_common_errors(ops[(method, path)], method)
        paths.setdefault(path, {})[method.lower()] = o
        if method == "GET":
            paths[path]["head"] = head_operation(o)
    method_rank = {"get": 0, "head": 1, "post": 2, "put": 3, "patch": 4, "delete": 5}
    for p in paths:
        paths[p] = dict(sorted(paths[p].items(), key=lambda kv: method_rank.get(kv[0], 9)))

    responses = {k: error_response(k) for k in RESPONSES}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Chanjiao 产教 API",
            "summary": "产教联合体与行业产教融合共同体平台的 JSON API — the JSON API of the "
                       "industry–education consortium platform.",
            "version": "0.1.0",
            "description": DESCRIPTION,
            "contact": {"name": "产教平台维护者 — the Chanjiao maintainers (README.md)"},
            "license": read_license(),
        },
        "servers": [{"url": "/", "description": "本服务器 — this server (make run: http://127.0.0.1:8080)"}],
        "tags": tags,
        "security": SEC_OPTIONAL,
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "POST /api/v1/auth/login 返回的 token — the token from "
                                          "POST /api/v1/auth/login: Authorization: Bearer <token>. "
                                          "无效或过期的令牌在任何路由上都回答 401 — an invalid or "
                                          "expired token is a 401 on every route."},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "cj_session",
                           "description": "登录时设置的 HttpOnly、SameSite=Strict 会话 Cookie；过期的 Cookie "
                                          "视为未登录 — the HttpOnly, SameSite=Strict session cookie set "
                                          "at sign-in; a stale cookie is treated as anonymous."},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                         "description": "以 Cookie 认证的写请求（POST/PATCH/DELETE）必须带上登录时返回的 "
                                        "csrf_token（或 GET /api/v1/auth/me 返回的） — required with the "
                                        "cookie on every write: the csrf_token from sign-in (or from "
                                        "GET /api/v1/auth/me)."},
            },
            "parameters": params,
            "responses": responses,
            "schemas": schemas,
        },
    }


# SPDX identifiers of the licences a LICENSE file's first line may name.
LICENSES = [("Mulan Permissive Software License", "MulanPSL-2.0"), ("MIT License", "MIT"),
            ("Apache License", "Apache-2.0"), ("GNU AFFERO GENERAL PUBLIC LICENSE", "AGPL-3.0-only"),
            ("GNU GENERAL PUBLIC LICENSE", "GPL-3.0-only"), ("BSD 2-Clause", "BSD-2-Clause"),
            ("BSD 3-Clause", "BSD-3-Clause")]


def read_license():
    """info.license from the repository's LICENSE file: its SPDX identifier
    (OpenAPI 3.1 allows an identifier in place of a URL).  Without a LICENSE
    file the document says so, and `redocly lint` warns (info-license-strict)
    until one is chosen."""
    path = os.path.join(ROOT, "LICENSE")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            head = f.read(2000)
        for words, spdx in LICENSES:
            if words.lower() in head.lower():
                return {"name": spdx, "identifier": spdx}
        return {"name": head.strip().splitlines()[0]}
    return {"name": "许可证尚未选定（仓库中还没有 LICENSE 文件） — no licence chosen yet (the "
                    "repository has no LICENSE file)"}


def main():
    ap = argparse.ArgumentParser(description="Generate docs/openapi.json from the chanjiao binary.")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "chanjiao"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "openapi.json"))
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if --out differs from what would be generated")
    a = ap.parse_args()
    meta = read_meta(a.binary)
    doc = build(read_routes(a.binary), meta)
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if a.check:
        try:
            with open(a.out, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            print("gen-openapi: %s is stale; run scripts/gen-openapi.py" % a.out, file=sys.stderr)
            return 1
        return 0
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    n = sum(len(v) for v in doc["paths"].values())
    print("gen-openapi: wrote %s (%d operations, %d paths, %d schemas)"
          % (os.path.relpath(a.out), n, len(doc["paths"]), len(doc["components"]["schemas"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
