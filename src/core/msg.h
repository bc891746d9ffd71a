/*
 * msg.h — one language at a time.
 *
 * Every message Chanjiao writes for people is bilingual at its source,
 * "中文 (English)": err_set() calls, err_field() details, import report
 * entries, the stability verdict.  Nobody rewrites those call sites; the
 * text is split where it leaves for a person — the JSON error writer
 * (http/server.c), the import report, the verdict — into the caller's
 * language, chosen by Accept-Language (the web app sends its own choice)
 * or, for the CLI, LANG.
 *
 * The grammar the splitter reads: a Chinese part followed by its English
 * part in ASCII parentheses, "必填 (required)", repeated as often as a
 * message has pieces — "共 3 行 (3 rows)，第 4、5 行 (lines 4, 5): 必填
 * (required)" — with shared text (values, paths) after the last piece.
 * A parenthesised group is an English part when its own text, put into
 * English, holds a Latin letter and no Chinese outside “quotes”, and the
 * text before it (since the previous English part) holds a Chinese
 * character.  A group right after an English part with nothing Chinese
 * between them ("第 3 行：XML 错误 (XML error) (row 3: XML 错误 (XML
 * error))") means the earlier one belonged to the Chinese text of the
 * later: parts nest.  Parentheses inside “…” are values, never parts.
 * Text that does not follow the grammar is returned as it stands.
 *
 * Chinese keeps every Chinese part and the shared text, drops the English
 * parts and the blank before them, and turns the ASCII ":", ";", ","
 * right after a dropped part into "：", "；", "，".  English keeps every
 * English part, the separators between pieces (Chinese punctuation
 * turned into ASCII) and the shared text; a first Chinese part's leading
 * Latin text is kept only when it ends in a colon ("S.csv: 第 3 行 (line
 * 3)" → "S.csv: line 3").
 */
#ifndef CJ_MSG_H
#define CJ_MSG_H

#include <stdbool.h>

typedef struct json_t json_t;

typedef enum { MSG_ZH = 0, MSG_EN = 1 } msg_lang;

/* The language an Accept-Language header asks for: the zh* or en* range
 * with the highest q (the first on a tie; q=0 refuses); Chinese when
 * the header is absent, names neither, or cannot be read. */
msg_lang msg_lang_accept(const char *accept_language);
/* The language of a POSIX locale (LANG, LC_ALL, LC_MESSAGES): en* →
 * English, anything else (or NULL) Chinese. */
msg_lang msg_lang_locale(const char *locale);
/* "zh-CN" or "en": what Content-Language says. */
const char *msg_lang_tag(msg_lang lang);

/* The text of bilingual s in lang (grammar above); caller frees. */
char *msg_pick(const char *s, msg_lang lang);
/* The two parts of s (each caller-freed), for checks: *zh and *en. */
void msg_split(const char *s, char **zh, char **en);

/* The error envelope's details in lang, in place: a string value of the
 * object itself (field → message), and the "message" of every object in
 * its arrays and objects (the import report's rows); other values
 * (columns and cells as the user wrote them, numbers) are left alone. */
void msg_localize_details(json_t *details, msg_lang lang);
/* Replace the string at key of object o by its text in lang (a verdict,
 * a message); nothing when o has no string there. */
void msg_localize_key(json_t *o, const char *key, msg_lang lang);

/* Whether s holds a Chinese character (ideographs, CJK and full-width
 * punctuation) outside “quotes” (quoted values may be Chinese in any
 * language's text). */
bool msg_has_cjk(const char *s);

#endif
