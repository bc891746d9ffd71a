/*
 * textfold.c — folding of full-width forms, blanks and case, and the edit
 * distance of "did you mean" (see textfold.h).
 *
 * One pass over the bytes, no allocation: folding runs on every
 * enumeration cell that is not already written as its value or label, and
 * the distance only when a word matched nothing.
 */
#include "core/textfold.h"

#include <stdbool.h>
#include <string.h>

uint32_t textfold_next(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    if (!*s)
        return 0;
    int len = *s < 0x80 ? 1 : (*s >> 5) == 6 ? 2 : (*s >> 4) == 14 ? 3 : (*s >> 3) == 30 ? 4 : 0;
    uint32_t c = len == 1 ? *s : len == 2 ? *s & 0x1Fu : len == 3 ? *s & 0x0Fu : *s & 0x07u;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            len = 0;
            break;
        }
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (!len) { /* an invalid byte: U+DC80–U+DCFF, as Python's surrogateescape */
        *p += 1;
        return TEXTFOLD_RAW + *s;
    }
    *p += len;
    return c;
}

size_t textfold_len(const char *s)
{
    size_t n = 0;
    while (textfold_next(&s))
        n++;
    return n;
}

static bool is_blank(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000;
}

static bool is_invisible(uint32_t c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

/* Append c as UTF-8 if it fits (keeping room for the NUL). */
static bool put(char *out, size_t n, size_t *at, uint32_t c)
{
    char b[4];
    size_t len;
    if (c < 0x80) {
        b[0] = (char)c;
        len = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        len = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        len = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        len = 4;
    }
    if (*at + len >= n)
        return false;
    memcpy(out + *at, b, len);
    *at += len;
    return true;
}

size_t textfold(const char *s, char *out, size_t n, unsigned flags)
{
    size_t at = 0;
    bool pending_blank = false;
    const char *p = s ? s : "";
    for (uint32_t c; (c = textfold_next(&p));) {
        if (c >= 0xFF01 && c <= 0xFF5E)
            c -= 0xFF01 - 0x21;
        if (is_invisible(c))
            continue;
        if (is_blank(c)) {
            pending_blank = at > 0 && !(flags & TEXTFOLD_MATCH);
            continue;
        }
        if ((flags & TEXTFOLD_MATCH) && c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (pending_blank && !put(out, n, &at, ' '))
            break;
        pending_blank = false;
        if (c >= TEXTFOLD_RAW && c < TEXTFOLD_RAW + 0x100) {
            if (at + 1 >= n)
                break;
            out[at++] = (char)(c - TEXTFOLD_RAW); /* the invalid byte itself */
        } else if (!put(out, n, &at, c)) {
            break;
        }
    }
    out[at] = '\0';
    return at;
}

size_t textfold_distance(const char *a, const char *b)
{
    uint32_t x[TEXTFOLD_MAX_DISTANCE_LEN] = {0}, y[TEXTFOLD_MAX_DISTANCE_LEN] = {0};
    size_t nx = 0, ny = 0;
    for (uint32_t c; nx < TEXTFOLD_MAX_DISTANCE_LEN && (c = textfold_next(&a));)
        x[nx++] = c;
    for (uint32_t c; ny < TEXTFOLD_MAX_DISTANCE_LEN && (c = textfold_next(&b));)
        y[ny++] = c;
    size_t row[TEXTFOLD_MAX_DISTANCE_LEN + 1];
    for (size_t j = 0; j <= ny; j++)
        row[j] = j;
    for (size_t i = 1; i <= nx; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= ny; j++) {
            size_t up = row[j];
            size_t best = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[ny];
}
