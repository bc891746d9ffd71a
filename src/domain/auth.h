/*
 * auth.h — passwords, session tokens and login rate limits.
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str, its
 * interactive limits).  A session token is 32 random bytes, base64url; the
 * store keeps only its BLAKE2b hash.
 *
 * Sign-in limits (the policy is docs/security.md), counted in the
 * database so that no flood of other names can make the server forget
 * them, and a restart does not either:
 *   - per (account, address) pair: 5 failures free, then a wait that
 *     doubles with every further failure (1 s, 2 s, … up to 15 minutes);
 *   - per account, from every address: 5 failures in 15 minutes;
 *   - per address, for every account: 50 failures in 5 minutes.
 * The account and address limits hold back only addresses the account has
 * not signed in from in the last 90 days: the real user at their usual
 * place passes with the right password while a stranger guesses, and a
 * shared campus address keeps working for the students known there.
 *
 * Passwords must be 8 to 256 characters and not among the common
 * passwords of src/reference/common_passwords.txt; usernames must not
 * hold spaces or control characters (the users entity's description,
 * schema/check_account.c).
 */
#ifndef CJ_AUTH_H
#define CJ_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/perm.h"

#define AUTH_TOKEN_LEN 64 /* buffer size for a token or a hash in hex */
#define AUTH_SESSION_SECONDS (12 * 3600)

int auth_init(void); /* sodium_init; 0 on success */
/* out must hold crypto_pwhash_STRBYTES (128) bytes. */
int auth_hash_password(const char *password, char out[128], err_t *e);
bool auth_verify_password(const char *hash, const char *password);
/* A new random token (base64url, 43 chars + NUL). */
void auth_new_token(char out[AUTH_TOKEN_LEN]);
/* Hex BLAKE2b-256 of a token (64 chars + NUL → 65 bytes). */
void auth_token_hash(const char *token, char out[65]);
bool auth_equal(const char *a, const char *b); /* constant time */

/* Log in: check the sign-in limits for (username, addr), verify the
 * password, create a session.  On success fills token, csrf and the
 * caller and leaves the session row in an open write transaction (begun
 * after the slow password check, so logins never hold the write lock
 * while hashing), which the caller commits — with its audit entry — or
 * rolls back.  Errors: ERR_RATE_LIMITED (with *retry_after, the
 * seconds to wait), ERR_UNAUTHORIZED (same message for unknown user and
 * wrong password; demo accounts outside demo mode are refused with their
 * own message).  The limits are counted in a short transaction of their
 * own before the password is checked, so sc must not be in one.
 * *reason is NULL on success, else why it failed, for the login log only
 * (the client hears one message for the first three): unknown_user,
 * wrong_password, disabled, demo_only, rate_limited or error.  who->addr
 * is addr. */
int auth_login(store_conn *sc, const char *username, const char *password, const char *addr,
               char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN], caller_t *who,
               int64_t *retry_after, const char **reason, err_t *e);
/* A whole sign-in: auth_login, then its audit entry and its login-log row
 * (addr, agent: the client's User-Agent, cut to 256 bytes), committed
 * together (rolled back on any failure, and then a login-log row with the
 * reason written on its own); the outputs and errors are auth_login's. */
int auth_sign_in(store_conn *sc, const char *username, const char *password, const char *addr,
                 const char *agent, char token[AUTH_TOKEN_LEN], char csrf[AUTH_TOKEN_LEN],
                 caller_t *who, int64_t *retry_after, err_t *e);
/* A whole sign-out of c's session token: revoked, audited and written to
 * the login log (from c->addr with agent) in one transaction.
 * ERR_UNAUTHORIZED when c is not signed in. */
int auth_sign_out(store_conn *sc, const caller_t *c, const char *token, const char *agent,
                  err_t *e);
/* How many days the login log keeps its rows (0: for ever); rows older
 * are removed when someone signs in.  AUTH_LOG_DAYS by default: the
 * Cybersecurity Law (网络安全法, art. 21) asks for network logs kept at
 * least six months.  -1 for a number out of 0…36 600. */
#define AUTH_LOG_DAYS 180
int auth_set_log_days(int days);
/* Resolve a token to its caller and CSRF token; -1 if invalid. */
int auth_session(store_conn *sc, const char *token, caller_t *who, char csrf[72], err_t *e);
int auth_logout(store_conn *sc, const char *token, err_t *e);
/* With a read replica: note, after a write by the caller's session, where
 * the primary's WAL stands; and read that back (0: the session never
 * wrote; INT64_MAX: unknown, read from the primary). */
int auth_session_wrote(store_conn *sc, const caller_t *who, err_t *e);
int64_t auth_session_wrote_at(store_conn *sc, const caller_t *who);
/* After user_id's password changed (inside the caller's transaction):
 * revoke all of that user's sessions but the caller's own current one. */
int auth_password_changed(store_conn *sc, const caller_t *c, int64_t user_id, err_t *e);

/* Whether the server runs in demo mode (demo accounts usable). */
void auth_set_demo_mode(bool on);

/* Limits (tests and operators may tune them). */
void auth_set_limits(int account_failures, int account_window_s, int addr_attempts,
                     int addr_window_s);

#endif
