/* test_filekind.c — what an upload is, by its bytes (core/filekind.c):
 * each of the five kinds taken is recognised whatever it is named; a
 * program, HTML, SVG, an old Office file, a plain ZIP, a macro workbook,
 * a presentation, a ZIP bomb, ZIP64, encryption, a cut-short PDF or PNG
 * and an empty file are refused, each with a message saying what was
 * found.  The OOXML packages are built here byte by byte (stored members,
 * and one deflated with zlib), so the central directory is what the test
 * says it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "core/filekind.h"

static unsigned char zipbuf[1 << 16];

static size_t put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    return 2;
}

static size_t put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xFFFF);
    put16(p + 2, v >> 16);
    return 4;
}

typedef struct {
    const char *name;
    const char *data; /* stored as is (method 0) unless deflate */
    uint32_t usize;   /* declared size (0: strlen(data)) */
    uint32_t csize;   /* declared compressed size (0: as written) */
    int deflate, flags;
} member;

/* A ZIP of the members, into zipbuf; returns its length. */
static size_t zip(const member *m, int n)
{
    unsigned char *p = zipbuf;
    uint32_t offs[8], cs[8], us[8];
    unsigned char packed[8][4096];
    for (int i = 0; i < n; i++) {
        size_t len = strlen(m[i].data);
        const unsigned char *bytes = (const unsigned char *)m[i].data;
        uLongf clen = sizeof packed[i];
        if (m[i].deflate) {
            z_stream z = {0};
            deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
            z.next_in = (unsigned char *)bytes;
            z.avail_in = (uInt)len;
            z.next_out = packed[i];
            z.avail_out = (uInt)clen;
            deflate(&z, Z_FINISH);
            clen = z.total_out;
            deflateEnd(&z);
            bytes = packed[i];
        } else
            clen = len;
        offs[i] = (uint32_t)(p - zipbuf);
        cs[i] = m[i].csize ? m[i].csize : (uint32_t)clen;
        us[i] = m[i].usize ? m[i].usize : (uint32_t)len;
        p += put32(p, 0x04034b50);
        p += put16(p, 20);
        p += put16(p, (unsigned)m[i].flags);
        p += put16(p, m[i].deflate ? 8 : 0);
        p += put32(p, 0);
        p += put32(p, 0);
        p += put32(p, cs[i]);
        p += put32(p, us[i]);
        p += put16(p, (unsigned)strlen(m[i].name));
        p += put16(p, 0);
        memcpy(p, m[i].name, strlen(m[i].name));
        p += strlen(m[i].name);
        memcpy(p, bytes, clen);
        p += clen;
    }
    unsigned char *cd = p;
    for (int i = 0; i < n; i++) {
        p += put32(p, 0x02014b50);
        p += put16(p, 20);
        p += put16(p, 20);
        p += put16(p, (unsigned)m[i].flags);
        p += put16(p, m[i].deflate ? 8 : 0);
        p += put32(p, 0);
        p += put32(p, 0);
        p += put32(p, cs[i]);
        p += put32(p, us[i]);
        p += put16(p, (unsigned)strlen(m[i].name));
        p += put16(p, 0);
        p += put16(p, 0);
        p += put16(p, 0);
        p += put16(p, 0);
        p += put32(p, 0);
        p += put32(p, offs[i]);
        memcpy(p, m[i].name, strlen(m[i].name));
        p += strlen(m[i].name);
    }
    uint32_t cd_size = (uint32_t)(p - cd), cd_off = (uint32_t)(cd - zipbuf);
    p += put32(p, 0x06054b50);
    p += put16(p, 0);
    p += put16(p, 0);
    p += put16(p, (unsigned)n);
    p += put16(p, (unsigned)n);
    p += put32(p, cd_size);
    p += put32(p, cd_off);
    p += put16(p, 0);
    return (size_t)(p - zipbuf);
}

#define CT_DOCX                                                                                    \
    "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/"                  \
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
#define CT_XLSX                                                                                    \
    "<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"                    \
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"

static filekind sniff(const void *d, size_t n, char *msg)
{
    return filekind_sniff(d, n, msg, 400);
}

static void refused(const void *d, size_t n, const char *words)
{
    char msg[400];
    assert_int_equal(sniff(d, n, msg), FILEKIND_NONE);
    if (!strstr(msg, words))
        fail_msg("message \"%s\" lacks \"%s\"", msg, words);
}

static void test_kinds(void **state)
{
    (void)state;
    char msg[400];
    static const char pdf[] = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    assert_int_equal(sniff(pdf, sizeof pdf - 1, msg), FILEKIND_PDF);
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,   0, 0, 13,
                                        'I',  'H', 'D', 'R', 0,    0,    0,    1,    0,   0, 0, 1,
                                        8,    2,   0,   0,   0,    0x90, 0x77, 0x53, 0xde};
    assert_int_equal(sniff(png, sizeof png, msg), FILEKIND_PNG);
    static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0,    16,  'J',
                                        'F',  'I',  'F',  0,    0xFF, 0xD9};
    assert_int_equal(sniff(jpg, sizeof jpg, msg), FILEKIND_JPEG);
    member docx[] = {{"[Content_Types].xml", CT_DOCX, 0, 0, 0, 0},
                     {"word/document.xml", "<w:document/>", 0, 0, 0, 0}};
    size_t n = zip(docx, 2);
    assert_int_equal(sniff(zipbuf, n, msg), FILEKIND_DOCX);
    member xlsx[] = {{"[Content_Types].xml", CT_XLSX, 0, 0, 1, 0},
                     {"xl/workbook.xml", "<workbook/>", 0, 0, 1, 0}};
    n = zip(xlsx, 2);
    assert_int_equal(sniff(zipbuf, n, msg), FILEKIND_XLSX);
    assert_string_equal(filekind_name(FILEKIND_XLSX), "xlsx");
    assert_int_equal(filekind_from_name("jpeg"), FILEKIND_JPEG);
    assert_int_equal(filekind_from_name("gif"), FILEKIND_NONE);
    assert_string_equal(filekind_mime(FILEKIND_PNG), "image/png");
}

static void test_refused(void **state)
{
    (void)state;
    refused("", 0, "empty");
    refused("MZ\x90\0\3\0\0\0", 8, "Windows program");
    refused("\x7f"
            "ELF\2\1\1\0",
            8, "a program");
    refused("  <!DOCTYPE html><html></html>", 30, "HTML");
    refused("\xEF\xBB\xBF<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 44, "SVG");
    refused("GIF89a\1\0\1\0", 10, "another format");
    refused("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, "old Office");
    refused("just some words", 15, "unrecognised");
    refused("%PDF-1.4\n1 0 obj <<>> endobj\n", 29, "%EOF");
    refused("\x89PNG\r\n\x1a\n\0\0\0\0JUNKJUNKJUNKJUNKJUNKJUNK", 32, "IHDR");
    refused("\xFF\xD8\xFF\xFF", 4, "JPEG");

    member plain[] = {{"readme.txt", "hello", 0, 0, 0, 0}};
    size_t n = zip(plain, 1);
    refused(zipbuf, n, "plain ZIP");
    member macro[] = {{"[Content_Types].xml",
                       "<Types><Override ContentType=\"application/"
                       "vnd.ms-excel.sheet.macroEnabled.main+xml\"/></Types>",
                       0, 0, 0, 0}};
    n = zip(macro, 1);
    refused(zipbuf, n, "with macros");
    /* A member declaring 1 GiB out of a few bytes. */
    member bomb[] = {{"[Content_Types].xml", CT_DOCX, 0, 0, 0, 0},
                     {"word/document.xml", "0000", 1u << 30, 0, 0, 0}};
    n = zip(bomb, 2);
    refused(zipbuf, n, "ZIP bomb");
    /* Many small members adding up past the total. */
    member ratio[] = {{"[Content_Types].xml", CT_DOCX, 0, 0, 0, 0}, {"a", "x", 4u << 20, 0, 0, 0}};
    n = zip(ratio, 2);
    refused(zipbuf, n, "ZIP bomb");
    member zip64[] = {{"[Content_Types].xml", CT_DOCX, 0xFFFFFFFFu, 0, 0, 0}};
    n = zip(zip64, 1);
    refused(zipbuf, n, "ZIP64");
    member enc[] = {{"[Content_Types].xml", CT_DOCX, 0, 0, 0, 1}};
    n = zip(enc, 1);
    refused(zipbuf, n, "encrypted");
    /* A content-types part that claims more than it holds. */
    member lies[] = {{"[Content_Types].xml", CT_DOCX, 0, 5000, 0, 0}};
    n = zip(lies, 1);
    refused(zipbuf, n, "cannot be read");
    /* Cut short: the end of central directory is gone. */
    member docx[] = {{"[Content_Types].xml", CT_DOCX, 0, 0, 0, 0}};
    n = zip(docx, 1);
    refused(zipbuf, n - 10, "cut short");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
