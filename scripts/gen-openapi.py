#!/usr/bin/env python3
"""gen-openapi.py — builds docs/openapi.json, the OpenAPI 3.1 description
of every route the server answers.

    python3 scripts/gen-openapi.py [--binary build/chanjiao] [--out docs/openapi.json]
    python3 scripts/gen-openapi.py --check     # exit 1 if docs/openapi.json is stale

Why generated: the register's dozen entities are described once, in
src/domain/entities.c, and served at GET /api/v1/meta/entities (fields,
types, required, read-only, enumerations with Chinese labels).  Writing
their schemas and their 65 CRUD operations by hand would drift from that
table at the first new field.  So this script asks the binary itself:

  * `chanjiao routes` — every METHOD PATH the router matches;
  * GET /api/v1/meta/entities of a server it starts on a throw-away
    database — every entity's fields;

and turns each entity into a read schema, a create schema, a PATCH schema,
filter/sort parameters and five operations.  What is truly special (auth,
composition, council, stats, vote result, search, audit, import, the landing page)
is described by hand in SPECIAL below.  The few facts the meta endpoint
does not expose — who may do what, the default order, validator patterns —
are in PERMS, DEFAULT_SORT and FIELD_HINTS and mirror entities.c; change
them together.

The script refuses to write a document that leaves a router route
undescribed; a described route the router does not have yet is only
warned about (a route being added in parallel).  tests/api/test_openapi.py
checks the served document against the router and the entity metadata,
so the two cannot drift.  The binary embeds docs/openapi.json at build
time (scripts/embed.cmake): rebuild after regenerating.

Standard library only.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API = "/api/v1"

# ---- facts the meta endpoint does not carry (mirror src/domain/entities.c) ----

# Who may read / create / update / delete, per entity (PERMS(...) there).
# Platform admins may always do everything.
PERMS = {
    "organizations": (
        "任何人（联系人等个人信息仅对可编辑者显示） — anyone; contact fields only to those who may edit",
        "任一联合体秘书处 — any consortium secretariat",
        "所属联合体的秘书处，或本单位管理员 — the secretariat of a consortium the unit belongs to, or the unit's own org_admin",
        "平台管理员 — platform admin",
    ),
    "consortia": (
        "公开联合体：任何人；非公开：成员单位与秘书处 — public consortia: anyone; others: members and secretariat",
        "平台管理员 — platform admin",
        "本联合体秘书处 — its secretariat",
        "平台管理员 — platform admin",
    ),
    "memberships": (
        "公开联合体：任何人；否则成员单位 — anyone for a public consortium, else its members",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "charters": (
        "公开联合体：任何人；否则成员单位 — anyone for a public consortium, else its members",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "meetings": (
        "本联合体成员单位与秘书处 — the consortium's members and secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "agenda_items": (
        "本联合体成员单位与秘书处 — the consortium's members and secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "votes": (
        "本联合体成员单位与秘书处 — the consortium's members and secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "work_plan_items": (
        "本联合体成员单位与秘书处 — the consortium's members and secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "秘书处，或牵头单位的工作人员（报告进度） — the secretariat, or staff of the owner unit (to report progress)",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "agreements": (
        "公开联合体：任何人；否则成员单位 — anyone for a public consortium, else its members",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "policies": (
        "已发布的：任何人（非公开联合体则成员）；草稿：可编辑者 — published: anyone (members, for a non-public consortium); drafts: editors",
        "秘书处，或发布单位（须为成员）的工作人员 — the secretariat, or staff of the publishing member unit",
        "秘书处，或发布单位的工作人员 — the secretariat, or staff of the publishing unit",
        "秘书处，或发布单位的工作人员 — the secretariat, or staff of the publishing unit",
    ),
    "projects": (
        "已发布的：任何人（非公开联合体则成员）；草稿：可编辑者 — published: anyone (members, for a non-public consortium); drafts: editors",
        "秘书处，或发布单位（须为成员）的工作人员 — the secretariat, or staff of the publishing member unit",
        "秘书处，或发布单位的工作人员 — the secretariat, or staff of the publishing unit",
        "秘书处，或发布单位的工作人员 — the secretariat, or staff of the publishing unit",
    ),
    "announcements": (
        "已发布的：任何人（非公开联合体则成员）；草稿：秘书处 — published: anyone (members, for a non-public consortium); drafts: the secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
        "本联合体秘书处 — the consortium's secretariat",
    ),
    "users": (
        "平台管理员 — platform admin",
        "平台管理员 — platform admin",
        "平台管理员 — platform admin",
        "平台管理员（不能删除自己） — platform admin (not one's own account)",
    ),
}

# The rules the prose above describes, as /api/v1/meta/entities reports
# them (platform admins left out: they may always).  build() stops with an
# error when entities.c changes a rule, so the prose cannot go stale.
_S, _M, _P = ["secretariat"], ["members"], ["public"]
PERMS_RULES = {
    "organizations": (_P, _S, ["secretariat", "org_admin"], []),
    "consortia": (_P, [], _S, []),
    "memberships": (_P, _S, _S, _S),
    "charters": (_P, _S, _S, _S),
    "meetings": (_M, _S, _S, _S),
    "agenda_items": (_M, _S, _S, _S),
    "votes": (_M, _S, _S, _S),
    "work_plan_items": (_M, _S, ["secretariat", "org_staff"], _S),
    "agreements": (_P, _S, _S, _S),
    "policies": (_P, ["secretariat", "org_staff"], ["secretariat", "org_staff"],
                 ["secretariat", "org_staff"]),
    "projects": (_P, ["secretariat", "org_staff"], ["secretariat", "org_staff"],
                 ["secretariat", "org_staff"]),
    "announcements": (_P, _S, _S, _S),
    "users": ([], [], [], []),
}


def check_permissions(meta):
    """Stop if the permission table in entities.c no longer matches the
    rules PERMS describes."""
    for e in meta:
        got = e.get("permissions")
        if got is None:
            continue
        rules = tuple([r for r in got[a] if r != "platform_admin"]
                      for a in ("read", "create", "update", "delete"))
        want = PERMS_RULES.get(e["name"])
        if want is None or tuple(sorted(x) for x in want) != tuple(sorted(x) for x in rules):
            sys.exit("gen-openapi: the permissions of %s changed in src/domain/entities.c "
                     "(now read/create/update/delete = %s); update PERMS and PERMS_RULES"
                     % (e["name"], rules))


# Public-facing entities: lists answer anonymous callers (rows filtered by
# what they may see).  Users is admin-only: anonymous 401, others 403.
ADMIN_ONLY = {"users"}

DEFAULT_SORT = {
    "organizations": "name", "consortia": "id", "memberships": "id", "charters": "-version",
    "meetings": "-held_on", "agenda_items": "seq", "votes": "id", "work_plan_items": "due_on",
    "agreements": "-signed_on", "policies": "-issued_on", "projects": "-apply_by",
    "announcements": "-published_on", "users": "username",
}

# Validators (field_def.check) that the metadata does not describe.
FIELD_HINTS = {
    ("organizations", "credit_code"): {
        "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$",
        "description": "18 位统一社会信用代码，按 GB 32100-2015 校验末位校验码 — "
                       "18-character unified social credit code; the check character is verified (GB 32100-2015). 唯一 (unique).",
        "examples": ["91450200198230687E"],
    },
    ("organizations", "region_code"): {
        "pattern": "^(1[1-9]|[2-9][0-9])[0-9]{4}$",
        "description": "6 位行政区划代码 — 6-digit administrative region code (GB/T 2260), e.g. 450200.",
        "examples": ["450200"],
    },
    ("consortia", "region_code"): {
        "pattern": "^(1[1-9]|[2-9][0-9])[0-9]{4}$",
        "description": "6 位行政区划代码 — 6-digit administrative region code, e.g. 450200.",
        "examples": ["450200"],
    },
    ("users", "password"): {
        "description": "只写；创建账号时必填，以 Argon2id 哈希保存 — write-only; required when creating "
                       "a user; stored as an Argon2id hash, never returned.",
    },
}

# Uniqueness the store enforces (409 conflict), for descriptions.
UNIQUE = {
    "organizations": "credit_code",
    "users": "username",
    "memberships": "(consortium_id, organization_id, role, term)",
    "votes": "(agenda_item_id, organization_id)",
    "charters": "(consortium_id, version)",
}

ORG_TYPES = ["government", "enterprise", "undergraduate", "higher_vocational",
             "secondary_vocational", "research_institute", "industry_association", "other"]


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
    """Start the binary on an empty database, fetch the entity metadata,
    stop it."""
    d = tempfile.mkdtemp(prefix="cj-openapi-")
    proc = subprocess.Popen([binary, "serve", "--db", os.path.join(d, "t.db"),
                             "--listen", "127.0.0.1:0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                port = int(m.group(1))
                break
        if not port:
            raise RuntimeError("chanjiao serve did not start")
        with urllib.request.urlopen("http://127.0.0.1:%d%s/meta/entities" % (port, API),
                                    timeout=30) as r:
            return json.load(r)["items"]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(d, ignore_errors=True)


# ---- schemas from the metadata ------------------------------------------------------

def field_schema(entity, f, for_write, for_filter=False):
    t = f["type"]
    nullable = not for_filter and not f["required"] and t not in ("id", "datetime")
    s = {}
    if t in ("id", "ref"):
        s = {"type": "integer", "format": "int64", "minimum": 1}
    elif t == "integer":
        s = {"type": "integer", "format": "int64"}
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
    elif t == "enum":
        values = [o["value"] for o in f["options"]]
        s = {"type": "string", "enum": values + ([None] if nullable else []),
             "x-labels-zh": {o["value"]: o["label_zh"] for o in f["options"]},
             "x-labels-en": {o["value"]: o["label_en"] for o in f["options"]}}
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
    else:
        raise SystemExit("gen-openapi: unknown field type %r (%s.%s)" % (t, entity, f["name"]))
    if nullable:
        s["type"] = [s["type"], "null"]
    s = {"title": "%s · %s" % (f["label_zh"], f["label_en"]), **s}
    desc = []
    hint = FIELD_HINTS.get((entity, f["name"]), {})
    if hint.get("description"):
        desc.append(hint["description"])
    if t == "text" and hint.get("pattern") and not for_filter:
        s["pattern"] = hint["pattern"]
    if hint.get("examples"):
        s["examples"] = hint["examples"]
    if t in ("ref", "idlist") and f.get("ref"):
        desc.append("%s → %s%s/{id}" % ("编号 id" if t == "ref" else "编号列表 ids", API + "/",
                                        url_name(f["ref"])))
        s["x-ref-entity"] = f["ref"]
    if t == "enum":
        desc.append("；".join("%s = %s (%s)" % (o["value"], o["label_zh"], o["label_en"])
                             for o in f["options"]))
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
            if not f.get("private"):
                read["required"].append(f["name"])
        if not f["readonly"]:
            write["properties"][f["name"]] = field_schema(name, f, True)
            if f["required"]:
                write["required"].append(f["name"])
            if not f.get("immutable"):
                pf = field_schema(name, f, False)
                patch["properties"][f["name"]] = pf
    if name == "users":
        write["required"].append("password")
    if name in UNIQUE:
        read["description"] += " 唯一约束 (unique): %s — 重复时 409 (a duplicate is a 409)." % UNIQUE[name]
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
                       % (DEFAULT_SORT.get(name, "id"), DEFAULT_SORT.get(name, "id")),
        "schema": {"type": "string", "enum": values, "default": DEFAULT_SORT.get(name, "id")},
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
        out["%s.%s" % (sn, f["name"])] = {"name": f["name"], "in": "query", "required": False,
                                          "description": d, "schema": s}
    return out


# ---- common pieces ------------------------------------------------------------------

ERROR_CODES = ["bad_request", "unauthorized", "forbidden", "not_found", "method_not_allowed",
               "conflict", "payload_too_large", "validation_failed", "rate_limited",
               "internal_error", "unavailable"]

RESPONSES = {
    "BadRequest": (400, "bad_request",
                   "请求格式错误：JSON 无法解析、请求体不是对象、查询参数无效（details 指出参数） — "
                   "malformed request: unparsable JSON, a body that is not an object, bad query "
                   "parameters (details names them).",
                   {"code": "bad_request", "message": "JSON 格式错误，第 1 行第 2 列：... (malformed JSON)",
                    "details": None}),
    "Unauthorized": (401, "unauthorized",
                     "未登录，或 Bearer 令牌无效/过期（带了无效令牌的请求在任何路由上都是 401） — not signed "
                     "in, or the bearer token is invalid or expired (a bad token is a 401 on every route).",
                     {"code": "unauthorized", "message": "请先登录 (sign in first)", "details": None}),
    "Forbidden": (403, "forbidden",
                  "已登录但无权执行；或以 Cookie 认证的写请求缺少正确的 X-CSRF-Token 头 — signed in but "
                  "not allowed; or a cookie-authenticated write without the right X-CSRF-Token header.",
                  {"code": "forbidden", "message": "无权执行此操作 (you may not do this)", "details": None}),
    "NotFound": (404, "not_found",
                 "记录不存在，或调用者无权看到它（不透露其存在） — no such record, or one the caller may not "
                 "see (its existence is not revealed). Also any unknown path.",
                 {"code": "not_found", "message": "联合体 999 不存在 (not found)", "details": None}),
    "MethodNotAllowed": (405, "method_not_allowed",
                         "路径存在但不支持该方法（任何路径上未列出的方法都得到此回答） — the path exists "
                         "but not with this method (every method not listed for a path gets this).",
                         {"code": "method_not_allowed",
                          "message": "不支持 PUT 方法 (method PUT not allowed here)", "details": None}),
    "Conflict": (409, "conflict",
                 "与已有记录重复（唯一约束；details 指出字段），或状态冲突（如删除自己的账号） — "
                 "duplicates an existing record (details names the unique field), or a state "
                 "conflict such as deleting one's own account.",
                 {"code": "conflict", "message": "与已有成员单位重复 (duplicates an existing record)",
                  "details": {"credit_code": "已存在相同记录 (already exists)"}}),
    "PayloadTooLarge": (413, "payload_too_large",
                        "请求体超过上限：JSON 1 MiB，导入文件 64 MiB — the body exceeds the limit: "
                        "1 MiB for JSON, 64 MiB for an imported file.",
                        {"code": "payload_too_large",
                         "message": "请求体超过 1048576 字节上限 (request body too large)", "details": None}),
    "ValidationFailed": (422, "validation_failed",
                         "校验失败；details 是 {字段: 原因} 对象，列出每个有问题的字段 — validation "
                         "failed; details is an object {field: reason} naming every bad field.",
                         {"code": "validation_failed",
                          "message": "输入有误，请检查标出的字段 (validation failed)",
                          "details": {"credit_code": "统一社会信用代码校验位错误，应为 E (check character should be E, GB 32100-2015)",
                                      "type": "取值无效，可选 (must be one of): government, enterprise, ..."}}),
    "RateLimited": (429, "rate_limited",
                    "登录尝试过多（按账号和来源地址限流），请稍后再试 — too many login attempts (limited "
                    "per account and per address); try again later.",
                    {"code": "rate_limited",
                     "message": "登录尝试过多，请稍后再试 (too many login attempts; try again later)",
                     "details": None}),
}


def error_response(name):
    status, code, desc, example = RESPONSES[name]
    return {"description": desc,
            "content": {"application/json": {"schema": ref("schemas", "Error"),
                                              "example": {"error": example}}}}


def resp(*names):
    """Error responses by status: resp(400, 401) → {"400": $ref, ...}."""
    by_status = {v[0]: k for k, v in RESPONSES.items()}
    return {str(s): ref("responses", by_status[s]) for s in names}


def json_ok(description, schema, example=None):
    c = {"schema": schema}
    if example is not None:
        c["example"] = example
    return {"description": description, "content": {"application/json": c}}


SEC_OPTIONAL = [{}, {"bearer": []}, {"cookie": []}]
SEC_READ = [{"bearer": []}, {"cookie": []}]
SEC_WRITE = [{"bearer": []}, {"cookie": [], "csrf": []}]


def common_schemas():
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
                                "description": "中文在前、英文在括号内的说明 — human message, Chinese "
                                               "first, English in parentheses."},
                    "details": {"description": "null，或 {字段: 原因}（422、400、409），或导入时的 "
                                               "{\"rows\": [...]} — null, or {field: reason} (422, 400, "
                                               "409), or {\"rows\": [...]} for an import.",
                                "oneOf": [{"type": "null"},
                                          {"type": "object", "additionalProperties": {"type": "string"}},
                                          ref("schemas", "ImportErrorDetails")]},
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
                         "enum": ["platform_admin", "secretariat", "org_admin", "org_staff", "student"],
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
            "type": "object", "required": ["name", "label_zh", "label_en", "fields"],
            "properties": {
                "name": {"type": "string", "description": "实体名；URL 中 _ 写作 - — entity name; '_' is '-' in URLs."},
                "label_zh": {"type": "string"}, "label_en": {"type": "string"},
                "fields": {"type": "array", "items": ref("schemas", "FieldMeta")}},
        },
        "FieldMeta": {
            "type": "object",
            "required": ["name", "label_zh", "label_en", "type", "required", "readonly",
                         "immutable", "filter", "sort", "long", "private"],
            "properties": {
                "name": {"type": "string"}, "label_zh": {"type": "string"},
                "label_en": {"type": "string"},
                "type": {"type": "string", "enum": ["id", "text", "integer", "boolean", "date",
                                                    "datetime", "enum", "ref", "idlist"]},
                "required": {"type": "boolean"}, "readonly": {"type": "boolean"},
                "immutable": {"type": "boolean"}, "filter": {"type": "boolean"},
                "sort": {"type": "boolean"}, "long": {"type": "boolean"},
                "private": {"type": "boolean"}, "writeonly": {"type": "boolean"},
                "min": {"type": "integer", "description": "text: 字数 characters; integer: 取值 value; idlist: 项数 entries"},
                "max": {"type": "integer"},
                "ref": {"type": "string", "description": "ref/idlist 指向的实体 — the entity referred to."},
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
                "by_type": {"type": "object", "required": ORG_TYPES, "additionalProperties": False,
                            "properties": {t: {"type": "integer", "minimum": 0} for t in ORG_TYPES}},
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
                "organization_type": {"type": "string", "enum": ORG_TYPES},
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
                "result": {"type": "string", "enum": ["通过 (passed)", "未通过 (not passed)"]},
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
                                                          "logout", "import"]},
                "entity": {"type": "string", "examples": ["organizations"]},
                "entity_id": {"type": ["integer", "null"]},
                "consortium_id": {"type": ["integer", "null"]},
                "before": {"description": "修改前的记录（创建时为 null） — the row before (null on create)."},
                "after": {"description": "修改后的记录（删除时为 null） — the row after (null on delete)."},
            },
        },
        "AuditList": {
            "allOf": [ref("schemas", "ListEnvelope"),
                      {"type": "object", "properties": {
                          "items": {"type": "array", "items": ref("schemas", "AuditEntry")}}}],
        },
        "SearchHit": {
            "type": "object", "title": "检索结果 · Search hit",
            "required": ["kind", "id", "title", "snippet"],
            "properties": {
                "kind": {"type": "string", "enum": ["demand"],
                         "description": "记录类别；id 是该类记录的编号（demand：/api/v1/demand/{id}） — what "
                                        "was found; id is that record's (demand: /api/v1/demand/{id})."},
                "id": {"type": "integer", "format": "int64"},
                "title": {"type": "string", "description": "岗位名称 — the job title."},
                "snippet": {"type": "string",
                            "description": "命中处前后约 80 字的摘录，截断处加 …；取自岗位描述，其次技能要求；只在岗位"
                                           "名称中命中时为岗位描述的开头 — about 80 characters around the match "
                                           "(… where cut), from the description, else the skills; the head of "
                                           "the description when only the title matched."},
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
            "required": ["rows", "imported", "dry_run", "encoding"],
            "properties": {
                "rows": {"type": "integer", "description": "读到的数据行数 — data rows read."},
                "imported": {"type": "integer", "description": "写入的行数；试运行时为将会写入的行数 — rows written; on a dry run, the rows that would be."},
                "dry_run": {"type": "boolean"},
                "encoding": {"type": "string", "enum": ["UTF-8", "GB18030", "XLSX"],
                             "description": "识别出的文件编码 — the encoding detected."},
            },
        },
        "ImportErrorDetails": {
            "type": "object", "title": "导入错误 · Import errors",
            "required": ["rows"],
            "properties": {
                "rows": {"type": "array", "items": {
                    "type": "object", "required": ["line", "field", "message"],
                    "properties": {
                        "line": {"type": "integer", "description": "文件中的行号（表头为第 1 行） — line in the file (the header is line 1)."},
                        "field": {"type": ["string", "null"], "description": "出错的字段，整行错误时为 null — the field, or null for the whole row."},
                        "message": {"type": "string"}}}},
                "bad_rows": {"type": "integer", "description": "有错误的行数 — rows with errors."},
                "error_count": {"type": "integer", "description": "错误总数（rows 最多列 1000 条） — all errors found (rows lists at most 1000)."}},
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
        "sort": {"name": "sort", "in": "query", "required": False,
                 "description": "排序字段，前加 - 为降序（如 -signed_on）；每个列表可排序的字段见其 "
                                "{Schema}.sort 参数 — sort field, '-' for descending (e.g. -signed_on); "
                                "each list's own {Schema}.sort parameter names its sortable fields.",
                 "schema": {"type": "string", "pattern": "^-?[a-z_]+$"}},
        "q": {"name": "q", "in": "query", "required": False,
              "description": "全文检索：在名称、标题、正文等文本字段中查找包含此字符串的记录（如 焊接） — "
                             "text search: rows whose name/title/body-like fields contain this string.",
              "schema": {"type": "string"}},
        "format": {"name": "format", "in": "query", "required": False,
                   "description": "json（默认）为分页 JSON；csv 或 xlsx 导出全部符合条件的记录（忽略分页），表头为"
                                  "中文标签，可直接再导入 — json (default) answers the paged JSON list; csv or "
                                  "xlsx exports every matching row (paging ignored) with Chinese headers that "
                                  "re-import as they are.",
                   "schema": {"type": "string", "enum": ["json", "csv", "xlsx"], "default": "json"}},
        "lang": {"name": "lang", "in": "query", "required": False,
                 "description": "导出表头语言：en 为英文，其余为中文 — export header language: en for English "
                                "labels, anything else Chinese.",
                 "schema": {"type": "string", "enum": ["zh", "en"], "default": "zh"}},
    }


# ---- operations ---------------------------------------------------------------------

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
    p_read, p_create, p_update, p_delete = PERMS.get(name, ("",) * 4)
    filters = [ref("parameters", "%s.%s" % (sn, f["name"])) for f in e["fields"] if f["filter"]]
    list_params = [ref("parameters", "page"), ref("parameters", "per_page"),
                   ref("parameters", sn + ".sort"), ref("parameters", "q"),
                   ref("parameters", "format"), ref("parameters", "lang")] + filters
    admin = name in ADMIN_ONLY
    conflict = (409,) if name in UNIQUE else ()
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
             {"200": json_ok("记录 — the record.", ref("schemas", sn)), **resp(401, 404)},
             SEC_OPTIONAL, operationId="get_" + name, parameters=[ref("parameters", "id")])
    update = op("修改%s · Update %s" % (zh, en.lower()),
                "只修改请求体中给出的字段；合并后的记录整体重新校验。权限：%s。\n\nChanges only the "
                "fields given; the merged row is validated as a whole." % p_update,
                [tag],
                {"200": json_ok("修改后的记录 — the record after the change.", ref("schemas", sn)),
                 **resp(400, 401, 403, 404, *conflict, 413, 422)},
                SEC_WRITE, operationId="update_" + name, parameters=[ref("parameters", "id")],
                requestBody={"required": True, "content": {
                    "application/json": {"schema": ref("schemas", sn + "Patch")}}})
    delete = op("删除%s · Delete %s" % (zh, en.lower()),
                "软删除：记录不再出现，但保留在审计日志中。权限：%s。\n\nSoft delete: the row disappears "
                "from the API; the audit log keeps it." % p_delete,
                [tag],
                {"204": {"description": "已删除，无内容 — deleted, no content."},
                 **resp(401, 403, 404, *((409,) if name == "users" else ()))},
                SEC_WRITE, operationId="delete_" + name, parameters=[ref("parameters", "id")])
    coll, item = "%s/%s" % (API, tag), "%s/%s/{id}" % (API, tag)
    return {("GET", coll): lst, ("POST", coll): create, ("GET", item): get,
            ("PATCH", item): update, ("DELETE", item): delete}


def special_operations():
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
        "cj_session Cookie（12 小时）。按账号和来源地址限流（429）。\n\nExchanges username and "
        "password for a session: answers a bearer token and a CSRF token and sets the HttpOnly, "
        "SameSite=Strict cookie cj_session (12 hours). Rate-limited per account and per address (429).",
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
        "entries (newest 100 000 at most) as a spreadsheet.",
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
                        "examples": ["create", "update", "delete", "login", "logout", "import"]}},
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
                                    "snippet": "负责车身焊装工作，按工艺要求完成白车身点焊…"}],
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
             "description": "检索的记录类别（目前只有 demand） — what to search (only demand so far).",
             "schema": {"type": "string", "enum": ["demand"], "default": "demand"}},
            ref("parameters", "page"), ref("parameters", "per_page")])
    ops[("POST", API + "/import/{entity}")] = op(
        "导入表格 · Import a spreadsheet",
        "请求体为 CSV（UTF-8 或 GB18030，可带 BOM，CRLF 或 LF）或 XLSX 文件本身（上限 64 MiB）。表头可用"
        "英文字段名或中文标签；枚举可用英文值或中文标签；members 的“单位”列可填统一社会信用代码或单位全称。"
        "全部成功或全部不写：任一行有误则回答 422，details.rows 逐行列出错误（最多 1000 条，error_count 为"
        "总数），不写入任何数据。dry_run=1 只校验不写入。每一行按与 API 相同的规则与权限写入（秘书处只能向本"
        "联合体导入成员）；导入记入审计日志。\n\nThe body is the CSV (UTF-8 or GB18030, with or "
        "without BOM, CRLF or LF) or XLSX file itself (64 MiB at most). Headers may be the English "
        "field names or the Chinese labels; enumerations the values or the Chinese labels; a "
        "member's 单位 column the credit code or exact name. All or nothing: any bad row answers "
        "422 with the bad rows in details.rows (at most 1000 listed; error_count counts all) and "
        "writes nothing. dry_run=1 validates only. Each row passes the same rules and permissions "
        "as the API (a secretariat imports members into its own consortium only); the import is "
        "recorded in the audit log.",
        ["import"],
        {"200": json_ok("已导入（或试运行通过） — imported (or the dry run passed).",
                        ref("schemas", "ImportResult"),
                        {"rows": 84, "imported": 84, "dry_run": False, "encoding": "GB18030"}),
         "400": {"description": "查询参数有误（details 指出参数）、请求体为空、或文件无法读取 — a bad query "
                                "parameter (details names it), an empty body, or an unreadable file.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "bad_request", "message": "查询参数有误 (bad query parameter)",
                               "details": {"consortium_id": "必填 (required)"}}}}}},
         "404": {"description": "{entity} 不是 organizations 或 members — {entity} is neither "
                                "organizations nor members.",
                 "content": {"application/json": {"schema": ref("schemas", "Error")}}},
         "422": {"description": "有错误行，未写入任何数据；details.rows 逐行列出 — bad rows; nothing "
                                "was written; details.rows lists each.",
                 "content": {"application/json": {"schema": ref("schemas", "Error"), "example": {
                     "error": {"code": "validation_failed",
                               "message": "2 行有误，未导入任何数据 (2 bad rows; nothing was imported)",
                               "details": {"rows": [
                                   {"line": 3, "field": "credit_code",
                                    "message": "统一社会信用代码应为 18 位 (a unified social credit code has 18 characters)"},
                                   {"line": 7, "field": "type",
                                    "message": "取值无效，可选 (must be one of): government, enterprise, ..."}],
                                   "bad_rows": 2, "error_count": 2}}}}}},
         **resp(401, 403, 413)},
        SEC_WRITE, operationId="import", parameters=[
            {"name": "entity", "in": "path", "required": True,
             "description": "organizations：成员单位（只新建，已登记的信用代码报错）；members：某联合体的成员与"
                            "理事会职务（须给 consortium_id） — organizations (creates new units "
                            "only), or members (memberships of consortium_id).",
             "schema": {"type": "string", "enum": ["organizations", "members"]}},
            {"name": "consortium_id", "in": "query", "required": False,
             "description": "导入 members 时必填，导入 organizations 时不可给 — required for members, "
                            "refused for organizations.",
             "schema": {"type": "integer", "format": "int64", "minimum": 1}},
            {"name": "format", "in": "query", "required": False,
             "description": "文件格式；不给时看 Content-Type，且以 PK 开头（ZIP）的文件一律按 XLSX 读 — file "
                            "format; when absent, taken from the Content-Type, and a body starting "
                            "with PK (a ZIP) is read as XLSX.",
             "schema": {"type": "string", "enum": ["csv", "xlsx"]}},
            {"name": "dry_run", "in": "query", "required": False,
             "description": "1/true：只校验，不写入；0/false 或不给：导入 — 1 or true validates only.",
             "schema": {"type": "string", "enum": ["0", "1", "true", "false"], "default": "0"}},
            {"name": "filename", "in": "query", "required": False,
             "description": "原文件名，记入审计日志（默认 upload） — the file's name, recorded in the "
                            "audit entry (default \"upload\").",
             "schema": {"type": "string"}}],
        requestBody={"required": True, "content": {
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                {"schema": {"type": "string", "format": "binary"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}})
    return ops


# ---- the document ---------------------------------------------------------------------

DESCRIPTION = """\
产教（Chanjiao）是面向市域产教联合体与行业产教融合共同体的开放平台。本 API 以 JSON 提供联合体的成员名册、理事会、章程、会议与表决、年度工作计划、合作协议、政策与项目清单、通知公告。

**认证**：先 `POST /api/v1/auth/login`（`{"username","password"}`），得到 `token` 与 `csrf_token`，同时服务器设置 HttpOnly、SameSite=Strict 的会话 Cookie `cj_session`。之后二选一：
- 在请求头中带 `Authorization: Bearer <token>`（脚本、其他系统）；
- 或依靠浏览器自动带上的 Cookie——此时所有写请求（POST/PATCH/DELETE）必须带 `X-CSRF-Token: <csrf_token>` 头，否则 403。

未登录者只能读取公开数据。每个请求都在服务器端按同一张权限表授权；写操作都记入审计日志。

**列表**：`page`、`per_page`（≤ 500）、`sort=字段` 或 `sort=-字段`、`q=` 全文检索、按字段筛选（`?type=enterprise`）；`format=csv|xlsx` 导出。回答 `{"items":[...],"total":N,"page":P,"per_page":K}`。

**错误**：一律为 `{"error":{"code","message","details"}}`：400 请求格式错误，401 未登录/令牌无效，403 无权或缺 CSRF，404 不存在，405 方法不支持，409 重复，413 请求体过大，422 校验失败（details 逐字段说明），429 登录过于频繁。

---

Chanjiao is an open platform for China's industry–education consortia. This API serves, as JSON, a consortium's member register, council, charter, meetings and votes, work plan, agreements, policy and project lists and announcements.

**Authentication**: `POST /api/v1/auth/login` with `{"username","password"}` answers a `token` and a `csrf_token` and sets the HttpOnly, SameSite=Strict session cookie `cj_session`. Then either
- send `Authorization: Bearer <token>` (scripts, other systems), or
- rely on the cookie (browsers) — and then every write (POST/PATCH/DELETE) must carry `X-CSRF-Token: <csrf_token>`, or it is refused with 403.

Anonymous callers read public data only. Every request is authorised on the server from one permission table; every change is written to the audit log.

**Lists** take `page`, `per_page` (≤ 500), `sort=field` or `sort=-field`, `q=` text search and field filters (`?type=enterprise`); `format=csv|xlsx` exports. They answer `{"items":[...],"total":N,"page":P,"per_page":K}`.

**Errors** always answer `{"error":{"code","message","details"}}`: 400 malformed request, 401 not signed in / bad token, 403 not allowed or missing CSRF header, 404 not found, 405 method not allowed, 409 duplicate, 413 body too large, 422 validation failed (details per field), 429 too many sign-in attempts. Messages are Chinese first, English in parentheses.

See docs/api.md for a guide with curl examples."""

SPECIAL_TAGS = [
    {"name": "system", "x-displayName": "系统 System",
     "description": "系统 — health, this description, entity metadata, the landing page."},
    {"name": "auth", "x-displayName": "登录与会话 Sign-in",
     "description": "登录与会话 — sign in, sign out, the current user."},
    {"name": "search", "x-displayName": "全文检索 Search",
     "description": "全文检索 — Chinese full-text search of published demand."},
    {"name": "audit", "x-displayName": "审计日志 Audit log",
     "description": "审计日志 — who changed what, and when."},
    {"name": "import", "x-displayName": "数据导入 Import",
     "description": "数据导入 — CSV (UTF-8/GB18030) and XLSX, all rows or none."},
]


def build(routes, meta):
    schemas = common_schemas()
    params = common_parameters()
    ops = special_operations()
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
                         e["label_zh"], e["label_en"], PERMS.get(e["name"], ("?",))[0])})
    tags += SPECIAL_TAGS[2:]

    described = set(ops)
    in_router = set(routes)
    missing = sorted(in_router - described)
    if missing:
        raise SystemExit("gen-openapi: routes with no description (add them to special_operations):\n  "
                         + "\n  ".join("%s %s" % r for r in missing))
    for r in sorted(described - in_router):
        print("gen-openapi: warning: described but not in `chanjiao routes` yet: %s %s" % r,
              file=sys.stderr)

    # Paths in router order, then any described-only routes; methods in a
    # fixed order within a path.
    order = list(routes) + sorted(described - in_router)
    paths = {}
    for method, path in order:
        paths.setdefault(path, {})[method.lower()] = ops[(method, path)]
    method_rank = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}
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
            "license": {"name": "See the repository's LICENSE"},
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


def main():
    ap = argparse.ArgumentParser(description="Generate docs/openapi.json from the chanjiao binary.")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "chanjiao"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "openapi.json"))
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if --out differs from what would be generated")
    a = ap.parse_args()
    meta = read_meta(a.binary)
    check_permissions(meta)
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
