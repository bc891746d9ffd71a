/*
 * check_account.c — the rules for usernames and passwords, read by the
 * users entity's description (schema/entities.c) and so by every write of
 * an account: no invisible characters in a name, no common or one-character
 * password.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embedded.h"
#include "schema/entity.h"

/* ---- usernames and passwords --------------------------------------------- */

/* The code point at p (valid UTF-8, checked before), its length in *len. */
static unsigned code_point(const unsigned char *p, int *len)
{
    if (*p < 0x80) {
        *len = 1;
        return *p;
    }
    if ((*p >> 5) == 6) {
        *len = 2;
        return ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if ((*p >> 4) == 14) {
        *len = 3;
        return ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *len = 4;
    return ((unsigned)(p[0] & 0x07) << 18) | ((unsigned)(p[1] & 0x3F) << 12) |
           ((unsigned)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Blanks and invisible characters a username must not hold: two accounts
 * must never look the same on screen, and a name must survive being typed
 * into a shell (`chanjiao user add`). */
static bool invisible(unsigned c)
{
    return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
           (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF;
}

int check_username(const char *s, char *msg, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int len;
        if (invisible(code_point(p, &len))) {
            snprintf(msg, n,
                     "用户名不能含空格或控制字符 (no spaces or control characters in a "
                     "username)");
            return -1;
        }
        p += len;
    }
    return 0;
}

/* src/reference/common_passwords.txt: one lower-case password a line,
 * sorted (bytewise), looked up by binary search. */
static const char **common;
static size_t ncommon;
static pthread_once_t common_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void load_common(void)
{
    const struct embedded_file *f = embedded_find("src/reference/common_passwords.txt");
    if (!f)
        return;
    size_t lines = 0;
    for (size_t i = 0; i < f->len; i++)
        lines += f->data[i] == '\n';
    char *text = xstrndup(f->data, f->len); /* kept for the life of the process */
    common = xcalloc(lines + 1, sizeof *common);
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        common[ncommon++] = line;
    qsort(common, ncommon, sizeof *common, cmp_str);
}

int check_password(const char *s, char *msg, size_t n)
{
    pthread_once(&common_once, load_common);
    char lower[260];
    size_t len = strlen(s);
    if (len < sizeof lower) {
        for (size_t i = 0; i <= len; i++)
            lower[i] = (char)tolower((unsigned char)s[i]);
        const char *key = lower;
        if (bsearch(&key, common, ncommon, sizeof *common, cmp_str)) {
            snprintf(msg, n,
                     "这是常见密码，很容易被猜中，请换一个 (a common password, easily "
                     "guessed; choose another)");
            return -1;
        }
    }
    /* One character repeated (aaaaaaaa, 00000000…) is no password either. */
    bool same = len > 0;
    for (size_t i = 1; i < len && same; i++)
        same = s[i] == s[0];
    if (same) {
        snprintf(msg, n, "密码不能是同一字符的重复 (a password must not repeat one character)");
        return -1;
    }
    return 0;
}
