/*
 * cli_match.c — `chanjiao match --student-prefs S.csv --position-prefs
 * P.csv --positions C.csv --out A.csv [--optimal student|position]
 * [--explain STUDENT]`.
 *
 * Reads the three files (match/match_csv.c), solves, verifies the result
 * (an unstable result is a bug: exit 1 and write nothing), writes A.csv
 * atomically and prints a summary to stdout.  Bad input: the message
 * naming file, line and reason on stderr, exit 1, no A.csv.  Usage
 * errors exit 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "match/match.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
    fputs("usage: chanjiao match --student-prefs S.csv --position-prefs P.csv --positions C.csv\n"
          "                      --out A.csv [--optimal student|position] [--explain STUDENT]\n",
          stderr);
}

int cli_match(int argc, char **argv)
{
    static const char *const vals[] = {
        "--student-prefs", "--position-prefs", "--positions", "--out",
        "--optimal",       "--explain",        NULL};
    static const char *const flags[] = {NULL};
    if (cli_check_opts(argc, argv, 2, vals, flags)) {
        usage();
        return 2;
    }
    const char *s_csv = cli_opt(argc, argv, "--student-prefs");
    const char *p_csv = cli_opt(argc, argv, "--position-prefs");
    const char *c_csv = cli_opt(argc, argv, "--positions");
    const char *out = cli_opt(argc, argv, "--out");
    const char *optimal = cli_opt(argc, argv, "--optimal");
    const char *explain = cli_opt(argc, argv, "--explain");
    if (!s_csv || !p_csv || !c_csv || !out) {
        usage();
        return 2;
    }
    match_optimal opt = MATCH_STUDENT_OPTIMAL;
    if (optimal && !strcmp(optimal, "position"))
        opt = MATCH_POSITION_OPTIMAL;
    else if (optimal && strcmp(optimal, "student")) {
        fprintf(stderr,
                "chanjiao: --optimal 须为 student 或 position (--optimal must be student or "
                "position)\n");
        return 2;
    }

    err_t e = ERR_INIT;
    match_files f;
    match_result r = {0};
    int rc = 1;
    if (match_csv_read(s_csv, p_csv, c_csv, &f, &e) < 0) {
        fprintf(stderr, "chanjiao match: %s\n", e.message);
        err_clear(&e);
        return 1;
    }
    match_solve(f.problem, opt, &r);
    match_verdict v;
    double t0 = now_s();
    bool stable = match_verify(f.problem, r.student_pos, &v);
    double verify_s = now_s() - t0;
    if (!stable) {
        fprintf(stderr, "chanjiao match: 结果未通过验证 (result failed verification): %s\n",
                v.message);
        goto out;
    }
    t0 = now_s();
    if (match_csv_write(out, &f, r.student_pos, &e) < 0) {
        fprintf(stderr, "chanjiao match: %s\n", e.message);
        err_clear(&e);
        goto out;
    }
    double write_s = now_s() - t0;
    uint32_t ns = match_students(f.problem);
    printf("students     %u\n"
           "positions    %u\n"
           "seats        %llu\n"
           "pairs        %llu mutually acceptable (%llu one-sided entries dropped)\n"
           "optimal      %s\n"
           "matched      %u\n"
           "unmatched    %u\n"
           "proposals    %llu\n"
           "read time    %.1f ms\n"
           "solve time   %.3f ms\n"
           "proposals/s  %.0f\n"
           "verify time  %.1f ms\n"
           "write time   %.1f ms\n"
           "verified     yes (%s)\n",
           ns, match_positions(f.problem), (unsigned long long)match_seats(f.problem),
           (unsigned long long)match_pairs(f.problem), (unsigned long long)match_dropped(f.problem),
           opt == MATCH_POSITION_OPTIMAL ? "position" : "student", r.matched, ns - r.matched,
           (unsigned long long)r.proposals, f.read_seconds * 1e3, r.solve_seconds * 1e3,
           r.solve_seconds > 0 ? (double)r.proposals / r.solve_seconds : 0.0, verify_s * 1e3,
           write_s * 1e3, v.message);
    if (explain) {
        uint32_t s = match_student_find(&f, explain);
        if (s == MATCH_NONE) {
            printf("explain: 未知学生 (unknown student) %s\n", explain);
        } else {
            uint32_t got = r.student_pos[s];
            printf("explain %s: %s%s\n", explain,
                   got == MATCH_NONE ? "未匹配 (unmatched)" : "匹配到 (matched to) ",
                   got == MATCH_NONE ? "" : match_position_name(&f, got));
            match_why *w = NULL;
            size_t n = match_explain(f.problem, r.student_pos, s, &w);
            for (size_t i = 0; i < n; i++) {
                const char *pn = match_position_name(&f, w[i].position);
                if (w[i].kind == MATCH_WHY_NOT_ACCEPTABLE)
                    printf("  %s: 不可接受，该岗位未将你列入排名 (not acceptable: the position "
                           "does not rank you)\n",
                           pn);
                else
                    printf("  %s: 已满，%u 个名额由其排名更靠前的 %u 名学生占据 (filled: "
                           "capacity %u, with %u students it ranks higher)\n",
                           pn, w[i].capacity, w[i].higher, w[i].capacity, w[i].higher);
            }
            free(w);
        }
    }
    rc = 0;
out:
    free(r.student_pos);
    match_files_free(&f);
    return rc;
}
