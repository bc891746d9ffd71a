/*
 * textfold.h — text as offices type it, folded so that it can be compared.
 *
 * Spreadsheets written in China mix half-width and full-width forms
 * (Ｆ１２ for F12, ２０２４ for 2024, the ideographic space U+3000), leave
 * blanks around and inside words, paste invisible characters from the web
 * (U+200B, U+FEFF) and write Latin words in any case.  textfold() turns
 * such text into one canonical form: full-width ASCII (U+FF01–U+FF5E)
 * becomes ASCII, every blank (ASCII blanks, U+00A0, U+3000) a single
 * space, invisible characters nothing, and the result is trimmed; with
 * TEXTFOLD_MATCH Latin letters are lower-cased and the blanks dropped
 * altogether, the form in which enumeration words are matched
 * (schema/entity.c).
 *
 * textfold_distance() is the edit distance (Levenshtein) between two
 * strings counted in code points, for "did you mean": 本课 is one edit from
 * 本科.  Everything here works on valid or invalid UTF-8 alike (an invalid
 * byte counts as one code point) and allocates nothing.
 */
#ifndef CJ_TEXTFOLD_H
#define CJ_TEXTFOLD_H

#include <stddef.h>
#include <stdint.h>

enum {
    TEXTFOLD_MATCH = 1u << 0 /* lower-case Latin letters, drop every blank */
};

/* Fold s into out (n bytes, n >= 1, always NUL-terminated; cut at a code
 * point if it does not fit); returns the length written. */
size_t textfold(const char *s, char *out, size_t n, unsigned flags);

/* The code point at *p (UTF-8; an invalid byte b is returned as
 * TEXTFOLD_RAW + b), advancing *p past it; 0 at the end of the string. */
#define TEXTFOLD_RAW 0xDC00u
uint32_t textfold_next(const char **p);

/* Number of code points in s. */
size_t textfold_len(const char *s);

/* Edit distance between a and b in code points (insertions, deletions,
 * substitutions); strings longer than TEXTFOLD_MAX_DISTANCE_LEN code
 * points are compared on their first TEXTFOLD_MAX_DISTANCE_LEN. */
#define TEXTFOLD_MAX_DISTANCE_LEN 64
size_t textfold_distance(const char *a, const char *b);

#endif
