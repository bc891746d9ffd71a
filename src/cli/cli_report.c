/*
 * cli_report.c — `chanjiao report annual`: a consortium's annual report
 * written to a file as the system caller sees it (every record):
 *
 *   chanjiao report annual --db DB --consortium ID --year Y
 *                          --format html|pdf|xlsx|json --out FILE
 *
 * The file is written beside its final name and renamed into place, so a
 * reader never sees half a report and an existing file is replaced whole.
 * Bad arguments exit 2 with the usage; a failure exits 1 with the reason.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/annual_report.h"
#include "domain/db.h"
#include "io/catalog.h"
#include "io/report_html.h"
#include "io/report_pdf.h"
#include "io/report_xlsx.h"

static void usage(void)
{
    fputs("usage: chanjiao report annual --db DB --consortium ID --year Y\n"
          "                              --format html|pdf|xlsx|json --out FILE\n",
          stderr);
}

static int write_atomic(const char *path, const char *data, size_t len, err_t *e)
{
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int rc = -1;
    if (!f)
        err_set(e, ERR_INTERNAL, "无法写入 %s (cannot write)", tmp);
    else {
        size_t n = fwrite(data, 1, len, f);
        if (fclose(f) != 0 || n != len)
            err_set(e, ERR_INTERNAL, "写入 %s 失败 (write failed)", tmp);
        else if (rename(tmp, path) != 0)
            err_set(e, ERR_INTERNAL, "无法改名为 %s (cannot rename)", path);
        else
            rc = 0;
    }
    if (rc != 0)
        remove(tmp);
    free(tmp);
    return rc;
}

int cli_report_annual(int argc, char **argv)
{
    static const char *const vals[] = {"--db", "--consortium", "--year", "--format", "--out", NULL};
    if (cli_check_opts(argc, argv, 3, vals, NULL)) {
        usage();
        return 2;
    }
    const char *path = cli_opt(argc, argv, "--db"), *fmt = cli_opt(argc, argv, "--format"),
               *out_path = cli_opt(argc, argv, "--out"), *cs = cli_opt(argc, argv, "--consortium"),
               *ys = cli_opt(argc, argv, "--year");
    char *end = NULL;
    long long cid = cs ? strtoll(cs, &end, 10) : 0;
    bool cid_ok = cs && *cs && !*end && cid > 0;
    long year = ys ? strtol(ys, &end, 10) : 0;
    bool year_ok = ys && *ys && !*end && year >= 2000 && year <= 2100;
    if (!path || !fmt || !out_path || !*out_path || !cid_ok || !year_ok ||
        (strcmp(fmt, "html") && strcmp(fmt, "pdf") && strcmp(fmt, "xlsx") && strcmp(fmt, "json"))) {
        usage();
        return 2;
    }
    if (cli_db_missing(path))
        return 1;
    err_t e = ERR_INIT;
    db *d = NULL;
    db_conn *sc = NULL;
    if (db_open(path, &d, NULL, &e) != 0 || !(sc = db_conn_get(d, &e)) ||
        catalog_load_shipped(sc, NULL, &e) != 0)
        return cli_done(d, -1, &e);
    caller_t sys = caller_system();
    json_t *rep = NULL;
    buf_t b, pdf;
    buf_init(&b);
    buf_init(&pdf);
    int rc = annual_report_get(sc, &sys, cid, (int)year, &rep, &e);
    if (rc == 0) {
        if (!strcmp(fmt, "json")) {
            char *s = json_dumps(rep, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
            buf_puts(&b, s);
            buf_puts(&b, "\n");
            free(s);
        } else if (!strcmp(fmt, "xlsx"))
            rc = report_xlsx_annual(rep, &b, &e);
        else
            report_html_annual(rep, &b);
    }
    if (rc == 0 && !strcmp(fmt, "pdf")) {
        rc = report_pdf_render(b.data, b.len, &pdf, NULL, &e);
        if (rc == 0) {
            buf_free(&b);
            b = pdf;
            buf_init(&pdf);
        }
    }
    if (rc == 0)
        rc = write_atomic(out_path, b.data, b.len, &e);
    if (rc == 0)
        printf("已写入 %s 年度报告 (annual report written): %s, %zu 字节 (bytes)\n", fmt, out_path,
               b.len);
    buf_free(&b);
    buf_free(&pdf);
    json_decref(rep);
    return cli_done(d, rc, &e);
}
