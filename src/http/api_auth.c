/*
 * api_auth.c — signing in and out, and who is signed in:
 *
 *   POST /api/v1/auth/login    {"username","password"} (JSON only)
 *   POST /api/v1/auth/logout
 *   GET  /api/v1/auth/me
 *
 * A sign-in answers the bearer token and sets the session cookie; the
 * transaction, its audit entry and its login-log row (the client's
 * address and User-Agent, success or failure and why) are domain/auth.c's
 * (auth_sign_in, auth_sign_out).
 */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/auth.h"
#include "http/http.h"

static json_t *user_json(const caller_t *c)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)c->user_id, "username",
                     c->username, "display_name", c->display_name, "role", c->role,
                     "organization_id", c->org_id ? json_integer(c->org_id) : json_null(),
                     "consortium_id",
                     c->consortium_id ? json_integer(c->consortium_id) : json_null());
}

/* Whether the request says its body is JSON.  A cross-site form can post
 * text/plain, urlencoded or multipart bodies without a preflight, so a
 * sign-in that took them could sign a victim's browser into the
 * attacker's account (login CSRF); application/json it cannot send. */
static bool body_is_json(http_req *r)
{
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    if (!ct)
        return false;
    size_t n = strcspn(ct, "; \t");
    return n == 16 && strncasecmp(ct, "application/json", 16) == 0;
}

/* The client's User-Agent ("" without one), for the login log. */
static const char *user_agent(http_req *r)
{
    const char *ua = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "User-Agent");
    return ua ? ua : "";
}

void api_login(http_req *r)
{
    err_t e = ERR_INIT;
    if (!body_is_json(r)) {
        http_json(r, 415,
                  json_pack("{s:{s:s,s:s,s:n}}", "error", "code", "unsupported_media_type",
                            "message",
                            "登录请求须为 JSON（Content-Type: application/json） (sign in with a "
                            "JSON body: Content-Type: application/json)",
                            "details"));
        return;
    }
    json_t *in = http_body_json(r);
    if (!in)
        return;
    const char *user = json_string_value(json_object_get(in, "username"));
    const char *pw = json_string_value(json_object_get(in, "password"));
    if (!user || !pw || !*user || !*pw || strlen(user) > 64 || strlen(pw) > 256) {
        if (!user || !*user || strlen(user) > 64)
            err_field(&e, "username", "必填 (required)");
        if (!pw || !*pw || strlen(pw) > 256)
            err_field(&e, "password", "必填 (required)");
        err_set(&e, ERR_INVALID, "请输入用户名和密码 (username and password are required)");
        json_decref(in);
        http_error(r, &e);
        return;
    }
    char token[AUTH_TOKEN_LEN], csrf[AUTH_TOKEN_LEN];
    caller_t who;
    int64_t retry = 0;
    int rc = auth_sign_in(r->sc, user, pw, r->addr, user_agent(r), token, csrf, &who, &retry, &e);
    json_decref(in);
    if (rc != 0) {
        if (retry > 0) {
            char secs[24];
            snprintf(secs, sizeof secs, "%lld", (long long)retry);
            http_header(r, "Retry-After", secs);
        }
        http_error(r, &e);
        return;
    }
    /* Secure when the client reached us over HTTPS (told by a trusted
     * proxy, server.c): the browser then never sends it in clear text. */
    char *cookie = xasprintf("cj_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
                             token, AUTH_SESSION_SECONDS, r->https ? "; Secure" : "");
    http_header(r, "Set-Cookie", cookie);
    free(cookie);
    http_json(r, 200,
              json_pack("{s:s,s:s,s:I,s:o}", "token", token, "csrf_token", csrf, "expires_in",
                        (json_int_t)AUTH_SESSION_SECONDS, "user", user_json(&who)));
}

void api_logout(http_req *r)
{
    err_t e = ERR_INIT;
    if (auth_sign_out(r->sc, &r->caller, r->token, user_agent(r), &e) != 0) {
        http_error(r, &e);
        return;
    }
    http_header(r, "Set-Cookie",
                r->https ? "cj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
                         : "cj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    http_raw(r, 204, NULL, "", 0);
}

void api_me(http_req *r)
{
    if (!caller_signed_in(&r->caller)) {
        http_fail(r, ERR_UNAUTHORIZED, "未登录 (not signed in)");
        return;
    }
    json_t *u = user_json(&r->caller);
    if (r->via_cookie)
        json_object_set_new(u, "csrf_token", json_string(r->csrf));
    http_json(r, 200, u);
}
