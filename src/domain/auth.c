/*
 * auth.c — see auth.h.  The rate limiter is a small fixed table of
 * (key → count, window start) under one mutex: logins are rare, so a
 * lock is cheaper than cleverness, and the table cannot grow without
 * bound because old windows are reused.
 */
#include "domain/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

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

/* ---- rate limits --------------------------------------------------------- */

#define RL_SLOTS 4096
struct rl_slot {
    char key[96];
    int count;
    int64_t window_start;
};
static struct rl_slot rl_table[RL_SLOTS];
static pthread_mutex_t rl_lock = PTHREAD_MUTEX_INITIALIZER;
static int lim_account = 5, lim_account_window = 900, lim_addr = 50, lim_addr_window = 300;

void auth_set_limits(int account_failures, int account_window_s, int addr_attempts,
                     int addr_window_s)
{
    lim_account = account_failures;
    lim_account_window = account_window_s;
    lim_addr = addr_attempts;
    lim_addr_window = addr_window_s;
}

static struct rl_slot *rl_find(const char *key, int window, int64_t now)
{
    unsigned h = 5381;
    for (const char *p = key; *p; p++)
        h = h * 33 + (unsigned char)*p;
    /* Linear probe a few slots; take an expired one if the key is absent. */
    struct rl_slot *free_slot = NULL;
    for (int i = 0; i < 8; i++) {
        struct rl_slot *s = &rl_table[(h + (unsigned)i) % RL_SLOTS];
        if (strcmp(s->key, key) == 0) {
            if (now - s->window_start >= window) {
                s->count = 0;
                s->window_start = now;
            }
            return s;
        }
        if (!free_slot && (s->key[0] == '\0' || now - s->window_start >= window))
            free_slot = s;
    }
    if (!free_slot) /* table crowded: reuse the first probe */
        free_slot = &rl_table[h % RL_SLOTS];
    snprintf(free_slot->key, sizeof free_slot->key, "%s", key);
    free_slot->count = 0;
    free_slot->window_start = now;
    return free_slot;
}

/* Count an attempt against addr and test both limits. */
static bool rl_allow(const char *username, const char *addr)
{
    char ka[96], ku[96];
    int64_t now = now_unix();
    snprintf(ka, sizeof ka, "a:%s", addr ? addr : "?");
    snprintf(ku, sizeof ku, "u:%.80s", username);
    pthread_mutex_lock(&rl_lock);
    struct rl_slot *sa = rl_find(ka, lim_addr_window, now);
    struct rl_slot *su = rl_find(ku, lim_account_window, now);
    bool ok = sa->count < lim_addr && su->count < lim_account;
    /* Count the attempt as a failure now, under the lock, and forgive it
     * on success: parallel guesses cannot all slip past the limit while
     * their passwords are being checked, and a school's students signing
     * in from one address (NAT) are never held up by their successes. */
    if (ok) {
        sa->count++;
        su->count++;
    }
    pthread_mutex_unlock(&rl_lock);
    return ok;
}

/* A successful login clears the account's failures and takes back the
 * address's provisional count. */
static void rl_forgive(const char *username, const char *addr)
{
    char ka[96], ku[96];
    int64_t now = now_unix();
    snprintf(ka, sizeof ka, "a:%s", addr ? addr : "?");
    snprintf(ku, sizeof ku, "u:%.80s", username);
    pthread_mutex_lock(&rl_lock);
    struct rl_slot *su = rl_find(ku, lim_account_window, now);
    su->count = 0;
    struct rl_slot *sa = rl_find(ka, lim_addr_window, now);
    if (sa->count > 0)
        sa->count--;
    pthread_mutex_unlock(&rl_lock);
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
               char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN], caller_t *who, err_t *e)
{
    if (!rl_allow(username, addr))
        return err_set(e, ERR_RATE_LIMITED,
                       "登录尝试过多，请稍后再试 (too many login attempts; try again later)");
    store_user u;
    err_t ignore = ERR_INIT;
    bool found = store_user_by_name(sc, username, &u, &ignore) == 0;
    err_clear(&ignore);
    pthread_once(&dummy_once, make_dummy);
    bool ok = auth_verify_password(found ? u.password_hash : dummy_hash, password);
    if (!found || !ok || u.disabled)
        return err_set(e, ERR_UNAUTHORIZED, "用户名或密码错误 (wrong username or password)");
    if (u.is_demo && !demo_mode)
        return err_set(
            e, ERR_UNAUTHORIZED,
            "演示账号仅在演示模式（--demo）下可用 (demo accounts work only in demo mode)");
    rl_forgive(username, addr);
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
    if (store_session_purge(sc, e) != 0 ||
        store_session_add(sc, hash, u.id, csrf, now_unix() + AUTH_SESSION_SECONDS, e) != 0)
        return -1;
    *who = caller_from_user(&u);
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
    return 0;
}

int auth_logout(store_conn *sc, const char *token, err_t *e)
{
    char hash[65];
    auth_token_hash(token, hash);
    return store_session_revoke(sc, hash, e);
}
