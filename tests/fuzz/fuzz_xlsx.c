/*
 * fuzz_xlsx.c — the XLSX reader (src/io/table_xlsx.c): minizip over the
 * caller's buffer, then expat over workbook, relationships, shared
 * strings, styles and the first sheet.
 *
 * Two kinds of input.  One starting with "PK" is taken as the file itself
 * (damaged ZIPs, odd compression).  Any other input is the XML: its parts,
 * separated by "\n%%\n", become in this order xl/worksheets/sheet1.xml,
 * xl/sharedStrings.xml, xl/styles.xml, xl/workbook.xml and
 * xl/_rels/workbook.xml.rels of a ZIP built here (stored, with right
 * CRCs), so the fuzzer spends its time in the XML rather than on
 * checksums.  Parts left out are left out of the ZIP.
 *
 * Checks beyond the sanitizers: cells are strict UTF-8, rows are at least
 * as wide as the header, and a refused file has a message.
 */
#include <string.h>

#include "fuzz.h"
#include "io/table.h"

static const char *const part_names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                         "xl/styles.xml", "xl/workbook.xml",
                                         "xl/_rels/workbook.xml.rels"};
#define NPARTS (sizeof part_names / sizeof *part_names)

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void put16(buf_t *b, unsigned v)
{
    uint8_t x[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    buf_append(b, x, 2);
}

static void put32(buf_t *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    buf_append(b, x, 4);
}

/* A ZIP of stored (uncompressed) entries. */
static void build_zip(buf_t *z, const uint8_t *const *part, const size_t *len, size_t n)
{
    buf_t cd;
    buf_init(&cd);
    for (size_t i = 0; i < n; i++) {
        if (!part[i])
            continue;
        uint32_t crc = crc32_of(part[i], len[i]), off = (uint32_t)z->len;
        uint16_t nlen = (uint16_t)strlen(part_names[i]);
        put32(z, 0x04034b50u); /* local header */
        put16(z, 20);
        put16(z, 0); /* flags */
        put16(z, 0); /* stored */
        put16(z, 0);
        put16(z, 0x21); /* 1980-01-01 */
        put32(z, crc);
        put32(z, (uint32_t)len[i]);
        put32(z, (uint32_t)len[i]);
        put16(z, nlen);
        put16(z, 0);
        buf_append(z, part_names[i], nlen);
        buf_append(z, part[i], len[i]);
        put32(&cd, 0x02014b50u); /* central directory entry */
        put16(&cd, 20);
        put16(&cd, 20);
        put16(&cd, 0);
        put16(&cd, 0);
        put16(&cd, 0);
        put16(&cd, 0x21);
        put32(&cd, crc);
        put32(&cd, (uint32_t)len[i]);
        put32(&cd, (uint32_t)len[i]);
        put16(&cd, nlen);
        put16(&cd, 0);
        put16(&cd, 0);
        put16(&cd, 0);
        put16(&cd, 0);
        put32(&cd, 0);
        put32(&cd, off);
        buf_append(&cd, part_names[i], nlen);
    }
    uint32_t cd_off = (uint32_t)z->len, entries = 0;
    for (size_t i = 0; i < n; i++)
        entries += part[i] != NULL;
    buf_append(z, cd.data, cd.len);
    put32(z, 0x06054b50u); /* end of central directory */
    put16(z, 0);
    put16(z, 0);
    put16(z, entries);
    put16(z, entries);
    put32(z, (uint32_t)cd.len);
    put32(z, cd_off);
    put16(z, 0);
    buf_free(&cd);
}

typedef struct {
    size_t rows, header_n;
} seen;

static int on_row(void *ctx, size_t line, char **cells, size_t ncells, err_t *e)
{
    seen *s = ctx;
    if (s->rows++ == 0)
        s->header_n = ncells;
    else
        FUZZ_CHECK(ncells >= s->header_n, "row of %zu cells under a header of %zu", ncells,
                   s->header_n);
    for (size_t i = 0; i < ncells; i++) {
        size_t n = strlen(cells[i]);
        FUZZ_CHECK(table_utf8_prefix(cells[i], n) == n, "cell %zu of line %zu is not UTF-8", i,
                   line);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    buf_t z;
    buf_init(&z);
    const uint8_t *file = data;
    size_t flen = size;
    if (size < 2 || data[0] != 'P' || data[1] != 'K') {
        const uint8_t *part[NPARTS] = {0};
        size_t len[NPARTS] = {0}, pos = 0;
        for (size_t i = 0; i < NPARTS && fuzz_next_part(data, size, &pos, &part[i], &len[i]); i++)
            ;
        build_zip(&z, part, len, NPARTS);
        file = (const uint8_t *)z.data;
        flen = z.len;
    }
    seen s = {0};
    err_t e = ERR_INIT;
    if (table_read_mem(TABLE_XLSX, file, flen, on_row, NULL, &s, &e) != 0)
        FUZZ_CHECK(e.message[0], "refused without a message");
    err_clear(&e);
    buf_free(&z);
    return 0;
}
