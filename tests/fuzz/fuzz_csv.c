/*
 * fuzz_csv.c — the CSV reader (src/io/table_csv.c through table.c), as an
 * import meets a file a school or an enterprise sends: any bytes, UTF-8
 * or GB18030, quoted or not.
 *
 * Checks beyond the sanitizers: every cell handed to the row callback is
 * strict UTF-8 (the GB18030 conversion and the BOM handling leave nothing
 * else), rows come with rising line numbers, data rows are at least as
 * wide as the header, and a file refused has a message.  A callback that
 * stops part-way (on the third row when the input's length is odd) must
 * leave the reader clean too.
 */
#include <string.h>

#include "fuzz.h"
#include "io/table.h"

typedef struct {
    size_t rows, last_line, header_n, stop_at;
} seen;

static int on_row(void *ctx, size_t line, char **cells, size_t ncells, err_t *e)
{
    seen *s = ctx;
    FUZZ_CHECK(line > s->last_line, "line %zu after %zu", line, s->last_line);
    s->last_line = line;
    if (s->rows == 0)
        s->header_n = ncells;
    else
        FUZZ_CHECK(ncells >= s->header_n, "row of %zu cells under a header of %zu", ncells,
                   s->header_n);
    for (size_t i = 0; i < ncells; i++) {
        size_t n = strlen(cells[i]);
        FUZZ_CHECK(table_utf8_prefix(cells[i], n) == n, "cell %zu of line %zu is not UTF-8", i,
                   line);
    }
    if (++s->rows == s->stop_at)
        return err_set(e, ERR_BAD_REQUEST, "stopped");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *enc = table_csv_detect_encoding(data, size);
    FUZZ_CHECK(enc && (!strcmp(enc, "UTF-8") || !strcmp(enc, "GB18030")), "encoding %s",
               enc ? enc : "(null)");
    FUZZ_CHECK(table_utf8_prefix(data, size) <= size, "prefix past the end");

    seen s = {0};
    s.stop_at = size % 2 ? 3 : 0;
    err_t e = ERR_INIT;
    if (table_read_mem(TABLE_CSV, data, size, on_row, NULL, &s, &e) != 0)
        FUZZ_CHECK(e.message[0], "refused without a message");
    err_clear(&e);
    return 0;
}
