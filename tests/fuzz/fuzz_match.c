/*
 * fuzz_match.c — the files of `chanjiao match` (src/match/match_csv.c):
 * the input holds C.csv, S.csv and P.csv in that order, separated by
 * "\n%%\n", written to a private folder under $TMPDIR (or /tmp) and read
 * by match_csv_read() — both threads, the fast and the generic row paths,
 * GB18030 and the error paths.
 *
 * Checks beyond the sanitizers: a problem read is solved both ways and
 * each matching must pass match_verify() (capacities, mutual
 * acceptability, no blocking pair); match_explain() runs for every
 * student; names and lookups agree.  A refusal has a message naming the
 * file.
 */
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "match/match.h"

static char dir[256], paths[3][300];

static void setup(void)
{
    if (dir[0])
        return;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/cj-fuzz-match-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    FUZZ_CHECK(mkdtemp(dir), "cannot make a folder under %s", dir);
    static const char *const names[3] = {"C.csv", "S.csv", "P.csv"};
    for (int i = 0; i < 3; i++)
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
}

static void cleanup(void)
{
    for (int i = 0; i < 3; i++)
        unlink(paths[i]);
    rmdir(dir);
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f, "cannot write %s", path);
    FUZZ_CHECK(fwrite(p, 1, n, f) == n || n == 0, "short write to %s", path);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    if (!dir[0]) {
        setup();
        atexit(cleanup);
    }
    size_t pos = 0;
    for (int i = 0; i < 3; i++) {
        const uint8_t *part = data;
        size_t n = 0;
        if (!fuzz_next_part(data, size, &pos, &part, &n))
            n = 0;
        write_file(paths[i], part, n);
    }
    match_files f;
    err_t e = ERR_INIT;
    if (match_csv_read(paths[1], paths[2], paths[0], &f, &e) != 0) {
        FUZZ_CHECK(strstr(e.message, ".csv"), "refusal does not name the file: %s", e.message);
        err_clear(&e);
        return 0;
    }
    const match_problem *m = f.problem;
    uint32_t ns = match_students(m), np = match_positions(m);
    for (uint32_t s = 0; s < ns; s++)
        FUZZ_CHECK(match_student_find(&f, match_student_name(&f, s)) == s, "student %u lookup", s);
    for (uint32_t p = 0; p < np; p++)
        FUZZ_CHECK(match_position_name(&f, p) != NULL, "position %u without a name", p);
    for (int opt = 0; opt < 2; opt++) {
        match_result r;
        match_verdict v;
        match_solve(m, (match_optimal)opt, &r);
        FUZZ_CHECK(match_verify(m, r.student_pos, &v), "%s-optimal matching: %s",
                   opt ? "position" : "student", v.message);
        uint32_t matched = 0;
        for (uint32_t s = 0; s < ns; s++) {
            matched += r.student_pos[s] != MATCH_NONE;
            match_why *why = NULL;
            size_t k = match_explain(m, r.student_pos, s, &why);
            for (size_t i = 0; i < k; i++)
                FUZZ_CHECK(why[i].position < np, "explanation names position %u", why[i].position);
            free(why);
        }
        FUZZ_CHECK(matched == r.matched, "matched %u, counted %u", r.matched, matched);
        free(r.student_pos);
    }
    match_files_free(&f);
    return 0;
}
