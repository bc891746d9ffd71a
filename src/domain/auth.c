/*
 * auth.c — see auth.h.  The sign-in limits are counters in the database
 * (store_login_*), one per account, per address and per (account,
 * address) pair.  An earlier fixed table in memory reused a crowded slot,
 * so crafted usernames could push an account's count out and a locked
 * account signed in after one request; rows in the database are removed
 * only by age, and they survive a restart.  Logins are rare enough that
 * the gate's small write transaction costs nothing that matters.
 * auth_sign_in / auth_sign_out own the whole transaction of a sign-in or
 * sign-out: the session row, its audit entry and its login-log row commit
 * together.  A failed sign-in is rolled back whole, and its login-log row
 * (with the reason: auth_login tells it, the client never hears it) is
 * written after the rollback in a write of its own, so it survives the
 * failure.  Successful sign-ins also prune the login log past its
 * retention (auth_set_log_days).
 */
#include "domain/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/record.h"

int auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int auth_hash_password(const char *password, char out[128], err_t *e)
{
    if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, ERR_INTERNAL, "无法计算密码散列 (cannot hash the password)");
    return 0;
}

bool auth_verify_password(const char *hash, const char *password)
{
    return hash && *hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_new_token(char out[AUTH_TOKEN_LEN])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, AUTH_TOKEN_LEN, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

bool auth_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    return sodium_memcmp(a, b, la) == 0;
}

/* ---- sign-in limits ------------------------------------------------------ */

static int lim_account = 5, lim_account_window = 900, lim_addr = 50, lim_addr_window = 300;

#define PAIR_WINDOW (24 * 3600)        /* a pair's back-off is forgotten a day on */
#define PAIR_MAX_DELAY 900             /* the back-off grows to at most 15 minutes */
#define KNOWN_SECONDS (90 * 24 * 3600) /* an address stays known for 90 days */

void auth_set_limits(int account_failures, int account_window_s, int addr_attempts,
                     int addr_window_s)
{
    lim_account = account_failures;
    lim_account_window = account_window_s;
    lim_addr = addr_attempts;
    lim_addr_window = addr_window_s;
}

struct limit_keys {
    char account[80], addr[64], pair[144];
};

static struct limit_keys limit_keys(const char *username, const char *addr)
{
    struct limit_keys k;
    /* Usernames are at most 64 bytes and addresses 46 (api_login, server.c):
     * the keys are never cut short, so two keys never merge. */
    snprintf(k.account, sizeof k.account, "u:%s", username);
    snprintf(k.addr, sizeof k.addr, "a:%s", addr);
    snprintf(k.pair, sizeof k.pair, "p:%s %s", username, addr);
    return k;
}

/* Seconds until the pair may try again (0: now): the first lim_account
 * failures are free, then each one doubles the wait after the last. */
static int64_t pair_wait(const store_login_counter *p, int64_t now)
{
    if (p->failures < lim_account)
        return 0;
    int64_t extra = p->failures - lim_account;
    int64_t delay = extra >= 10 ? PAIR_MAX_DELAY : (int64_t)1 << extra;
    if (delay > PAIR_MAX_DELAY)
        delay = PAIR_MAX_DELAY;
    return p->last_at + delay > now ? p->last_at + delay - now : 0;
}

/* The gate before a password is checked, in one write transaction: read
 * the three counters, refuse with the time to wait, or count the attempt
 * as a failure now (taken back on success) so parallel guesses cannot
 * all slip through while their passwords are being hashed. */
static int limit_gate(store_conn *sc, const char *username, const char *addr, int64_t *retry,
                      err_t *e)
{
    struct limit_keys k = limit_keys(username, addr);
    int64_t now = now_unix();
    store_login_counter pair, account, address;
    *retry = 0;
    if (store_begin(sc, e) != 0)
        return -1;
    if (store_login_prune(sc, now - PAIR_WINDOW, now - KNOWN_SECONDS, e) != 0 ||
        store_login_get(sc, k.pair, PAIR_WINDOW, now, &pair, e) != 0 ||
        store_login_get(sc, k.account, lim_account_window, now, &account, e) != 0 ||
        store_login_get(sc, k.addr, lim_addr_window, now, &address, e) != 0)
        goto fail;
    int64_t wait = pair_wait(&pair, now);
    /* A stranger (an address this account never signed in from) also
     * meets the account's and the address's limits; the account's own
     * known addresses do not, so nobody can lock a user out from afar. */
    if (!store_login_known(sc, username, addr, now - KNOWN_SECONDS)) {
        if (account.failures >= lim_account &&
            account.window_start + lim_account_window - now > wait)
            wait = account.window_start + lim_account_window - now;
        if (address.failures >= lim_addr && address.window_start + lim_addr_window - now > wait)
            wait = address.window_start + lim_addr_window - now;
    }
    if (wait > 0) {
        store_rollback(sc);
        *retry = wait;
        return err_set(e, ERR_RATE_LIMITED,
                       "登录尝试过多，请 %lld 秒后再试 (too many sign-in attempts; try again in "
                       "%lld s)",
                       (long long)wait, (long long)wait);
    }
    if (store_login_add(sc, k.pair, 1, PAIR_WINDOW, now, e) != 0 ||
        store_login_add(sc, k.account, 1, lim_account_window, now, e) != 0 ||
        store_login_add(sc, k.addr, 1, lim_addr_window, now, e) != 0)
        goto fail;
    return store_commit(sc, e);
fail:
    store_rollback(sc);
    return -1;
}

/* A right password: the pair starts afresh, the attempt's provisional
 * failure is taken back from the account and the address (their other
 * failures stay), and the address becomes known for the account.  In the
 * caller's transaction, with the new session. */
static int limit_success(store_conn *sc, const char *username, const char *addr, err_t *e)
{
    struct limit_keys k = limit_keys(username, addr);
    int64_t now = now_unix();
    if (store_login_clear(sc, k.pair, e) != 0 ||
        store_login_add(sc, k.account, -1, lim_account_window, now, e) != 0 ||
        store_login_add(sc, k.addr, -1, lim_addr_window, now, e) != 0 ||
        store_login_remember(sc, username, addr, now, e) != 0)
        return -1;
    return 0;
}

static bool demo_mode;
void auth_set_demo_mode(bool on)
{
    demo_mode = on;
}

/* A valid Argon2id hash of a random password, verified against when the
 * user does not exist so both paths cost the same. */
static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void)
{
    char pw[AUTH_TOKEN_LEN];
    auth_new_token(pw);
    auth_hash_password(pw, dummy_hash, NULL);
}

int auth_login(store_conn *sc, const char *username, const char *password, const char *addr,
               char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN], caller_t *who,
               int64_t *retry_after, const char **reason, err_t *e)
{
    if (!addr || !*addr)
        addr = "?";
    *reason = "error";
    if (limit_gate(sc, username, addr, retry_after, e) != 0) {
        if (e && e->code == ERR_RATE_LIMITED)
            *reason = "rate_limited";
        return -1;
    }
    store_user u;
    err_t ignore = ERR_INIT;
    bool found = store_user_by_name(sc, username, &u, &ignore) == 0;
    err_clear(&ignore);
    pthread_once(&dummy_once, make_dummy);
    bool ok = auth_verify_password(found ? u.password_hash : dummy_hash, password);
    if (!found || !ok || u.disabled) {
        /* One answer for all three; the login log keeps which it was. */
        *reason = !found ? "unknown_user" : !ok ? "wrong_password" : "disabled";
        return err_set(e, ERR_UNAUTHORIZED, "用户名或密码错误 (wrong username or password)");
    }
    if (u.is_demo && !demo_mode) {
        *reason = "demo_only";
        return err_set(
            e, ERR_UNAUTHORIZED,
            "演示账号仅在演示模式（--demo）下可用 (demo accounts work only in demo mode)");
    }
    *reason = "error";
    /* The slow hash above ran without the write lock, so logins do not
     * queue behind each other or hold up every other write; the session
     * row is written in a transaction begun only now (unless the caller
     * holds one), which the caller commits. */
    if (!store_in_tx(sc) && store_begin(sc, e) != 0)
        return -1;
    char hash[65];
    auth_new_token(token);
    auth_new_token(csrf);
    auth_token_hash(token, hash);
    if (limit_success(sc, username, addr, e) != 0 || store_session_purge(sc, e) != 0 ||
        store_session_add(sc, hash, u.id, csrf, now_unix() + AUTH_SESSION_SECONDS, e) != 0)
        return -1;
    *who = caller_from_user(&u);
    snprintf(who->session, sizeof who->session, "%s", hash);
    snprintf(who->addr, sizeof who->addr, "%s", addr);
    *reason = NULL;
    return 0;
}

int auth_session(store_conn *sc, const char *token, caller_t *who, char csrf[72], err_t *e)
{
    char hash[65];
    store_user u;
    auth_token_hash(token, hash);
    if (store_session_find(sc, hash, &u, csrf, e) != 0)
        return -1;
    if (u.is_demo && !demo_mode)
        return err_set(e, ERR_UNAUTHORIZED,
                       "演示账号仅在演示模式下可用 (demo accounts work only in demo mode)");
    if (u.disabled)
        return err_set(e, ERR_UNAUTHORIZED, "账号已停用 (account disabled)");
    *who = caller_from_user(&u);
    snprintf(who->session, sizeof who->session, "%s", hash);
    return 0;
}

int auth_password_changed(store_conn *sc, const caller_t *c, int64_t user_id, err_t *e)
{
    /* One's own change keeps the session it was made in; a reset by
     * someone else signs the user out everywhere. */
    return store_session_revoke_user(sc, user_id, c->user_id == user_id ? c->session : NULL, e);
}

int auth_session_wrote(store_conn *sc, const caller_t *who, err_t *e)
{
    return who->session[0] ? store_session_wrote(sc, who->session, e) : 0;
}

int64_t auth_session_wrote_at(store_conn *sc, const caller_t *who)
{
    return who->session[0] ? store_session_wrote_at(sc, who->session) : 0;
}

int auth_logout(store_conn *sc, const char *token, err_t *e)
{
    char hash[65];
    auth_token_hash(token, hash);
    return store_session_revoke(sc, hash, e);
}

/* ---- the login log ------------------------------------------------------ */

static int log_days = AUTH_LOG_DAYS;

int auth_set_log_days(int days)
{
    if (days < 0 || days > 100 * 366)
        return -1;
    log_days = days;
    return 0;
}

/* The login log row of a sign-in or sign-out, in the caller's write. */
static int login_logged(store_conn *sc, const char *event, int64_t user_id, const char *username,
                        const char *addr, const char *agent, const char *reason, err_t *e)
{
    store_login_entry l = {event, user_id, username, addr, agent, reason == NULL, reason};
    return store_login_log_add(sc, &l, e);
}

int auth_sign_in(store_conn *sc, const char *username, const char *password, const char *addr,
                 const char *agent, char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN],
                 caller_t *who, int64_t *retry_after, err_t *e)
{
    /* auth_login checks the password before it takes the write lock and
     * leaves the session row in an open transaction, committed here with
     * its audit entry and its login-log row (and the pruning of rows past
     * the retention). */
    const char *reason = "error";
    char cutoff[21];
    time_utc(now_unix() - (int64_t)log_days * 24 * 3600, cutoff);
    if (auth_login(sc, username, password, addr, token, csrf, who, retry_after, &reason, e) != 0 ||
        record_audit(sc, who, "login", "users", who->user_id, who->consortium_id, NULL, NULL, e) !=
            0 ||
        login_logged(sc, "login", who->user_id, username, addr, agent, NULL, e) != 0 ||
        (log_days > 0 && store_login_log_prune(sc, cutoff, e) != 0) || store_commit(sc, e) != 0) {
        store_rollback(sc);
        /* The failure's own row, after the rollback so that it stays: the
         * account the name belongs to, if any, and why it failed. */
        store_user u;
        err_t ignore = ERR_INIT;
        int64_t uid = store_user_by_name(sc, username, &u, &ignore) == 0 ? u.id : 0;
        err_clear(&ignore);
        login_logged(sc, "login", uid, username, addr, agent, reason ? reason : "error", &ignore);
        err_clear(&ignore);
        return -1;
    }
    return 0;
}

int auth_sign_out(store_conn *sc, const caller_t *c, const char *token, const char *agent, err_t *e)
{
    if (!caller_signed_in(c))
        return err_set(e, ERR_UNAUTHORIZED, "未登录 (not signed in)");
    if (store_begin(sc, e) != 0 || auth_logout(sc, token, e) != 0 ||
        record_audit(sc, c, "logout", "users", c->user_id, c->consortium_id, NULL, NULL, e) != 0 ||
        login_logged(sc, "logout", c->user_id, c->username, c->addr, agent, NULL, e) != 0 ||
        store_commit(sc, e) != 0) {
        store_rollback(sc);
        return -1;
    }
    return 0;
}
