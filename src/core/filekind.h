/*
 * filekind.h — what an uploaded file is, told by its bytes alone.
 *
 * An upload's name and the Content-Type its browser sent say what the
 * sender claims; the bytes say what it is.  The platform keeps five kinds
 * (PDF, DOCX, XLSX, PNG, JPEG) and refuses everything else — a program
 * renamed .pdf, an HTML page or an SVG (both run script in a browser), a
 * plain ZIP, a ZIP that would inflate to far more than it weighs (a
 * "bomb") — with a message that says what was found.
 *
 * DOCX and XLSX are ZIP packages (Office Open XML).  The sniffer reads the
 * ZIP's central directory itself (no file is inflated but one: the
 * package's [Content_Types].xml, at most FILEKIND_CT_MAX bytes, with zlib)
 * and takes the kind from the content type of its main part, so a .docm
 * with macros or an arbitrary ZIP is not a DOCX.  Declared sizes are
 * checked before anything is inflated: more than FILEKIND_ZIP_ENTRIES
 * entries, ZIP64, an entry inflating more than FILEKIND_ZIP_RATIO times
 * its size, or FILEKIND_ZIP_TOTAL bytes in all are refused.
 *
 * Pure: no I/O, no allocation that outlives a call.
 */
#ifndef CJ_FILEKIND_H
#define CJ_FILEKIND_H

#include <stddef.h>

typedef enum {
    FILEKIND_NONE = 0,
    FILEKIND_PDF,
    FILEKIND_DOCX,
    FILEKIND_XLSX,
    FILEKIND_PNG,
    FILEKIND_JPEG
} filekind;

#define FILEKIND_ZIP_ENTRIES 5000
#define FILEKIND_ZIP_RATIO 200
#define FILEKIND_ZIP_TOTAL (512u << 20)
#define FILEKIND_CT_MAX (64u << 10)

/* The kind of the n bytes at data, or FILEKIND_NONE with a message
 * "中文 (English)" in msg saying what was found instead. */
filekind filekind_sniff(const unsigned char *data, size_t n, char *msg, size_t msg_n);

/* "pdf", "docx", "xlsx", "png", "jpeg" (NULL for FILEKIND_NONE). */
const char *filekind_name(filekind k);
/* The kind named so, or FILEKIND_NONE. */
filekind filekind_from_name(const char *name);
/* The Content-Type a kind is served with. */
const char *filekind_mime(filekind k);
/* The usual file name extension (".pdf"), for names without one. */
const char *filekind_ext(filekind k);

#endif
