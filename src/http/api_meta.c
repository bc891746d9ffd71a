/*
 * api_meta.c — what the server says about itself: health (version,
 * schema, demo mode), the OpenAPI description built into the binary, the
 * entity descriptions for the web app's forms and tables, and the small
 * HTML index page at /.
 */
#include <jansson.h>
#include <string.h>

#include "core/embedded.h"
#include "http/http.h"

#define CJ_VERSION "0.1.0"

void api_health(http_req *r)
{
    http_json(r, 200,
              json_pack("{s:s,s:s,s:i,s:b}", "status", "ok", "version", CJ_VERSION, "schema",
                        db_schema_version(r->sc), "demo", http_demo_mode()));
}

void api_openapi(http_req *r)
{
    const struct embedded_file *f = embedded_find("docs/openapi.json");
    if (!f) {
        http_fail(r, ERR_NOT_FOUND, "OpenAPI 文档未编入 (OpenAPI description not built in)");
        return;
    }
    http_raw(r, 200, "application/json; charset=utf-8", f->data, f->len);
}

void api_meta_entities(http_req *r)
{
    http_json(r, 200, entity_meta_json());
}

void api_index(http_req *r)
{
    static const char head[] =
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<title>产教 Chanjiao</title></head><body style=\"font-family:sans-serif;max-width:40em;"
        "margin:2em auto;padding:0 1em\">";
    static const char demo[] =
        "<p role=\"status\" style=\"background:#fff3cd;border:1px solid #e0c060;padding:.5em 1em\">"
        "<strong>演示模式 Demo mode</strong> — 数据为示例，演示账号见 README。"
        "The data is a demo; the demo accounts are listed in the README.</p>";
    static const char body[] =
        "<h1>产教 Chanjiao</h1>"
        "<p>产教联合体与行业产教融合共同体平台。An open platform for industry–education "
        "consortia.</p><ul><li><a href=\"/api/v1/consortia\">联合体列表 Consortia (JSON)</a></li>"
        "<li><a href=\"/api/v1/openapi.json\">API 说明 OpenAPI description</a></li>"
        "<li><a href=\"/api/v1/health\">运行状态 Health</a></li></ul></body></html>";
    buf_t page = {0};
    buf_init(&page);
    buf_append(&page, head, sizeof head - 1);
    if (http_demo_mode())
        buf_append(&page, demo, sizeof demo - 1);
    buf_append(&page, body, sizeof body - 1);
    http_raw(r, 200, "text/html; charset=utf-8", page.data, page.len);
    buf_free(&page);
}
