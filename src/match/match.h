/*
 * match.h — two-sided many-to-one stable matching (双向选择): students rank
 * positions, positions rank students, positions have capacities.
 *
 * The engine is deferred acceptance over flat arrays, as the NRMP match
 * runs it.  A problem holds every list in CSR form (one offsets array,
 * one array of entries), and each list entry carries the other side's rank
 * of this side, precomputed once, so a proposal is ranked in O(1) with no
 * search and no allocation.  Each position keeps its tentatively accepted
 * students in a bounded max-heap (worst on top) inside one shared array.
 *
 * A pair is acceptable only if each side lists the other: building a
 * problem drops the entries that are not mutual (and remembers, for
 * explanations, where a student's dropped entries were).  Preferences are
 * strict, so the student-optimal and the position-optimal stable
 * matchings are unique, and match_solve() returns exactly one of them.
 *
 * match_verify() proves a result from scratch: capacities, acceptability,
 * and no blocking pair.  match_explain() says, for each position a
 * student ranked above the one received, why not.
 *
 * match_csv_*() (io/match_csv.c) read the three CSV files of SPEC.md's
 * `chanjiao match` and write the assignment.
 */
#ifndef CJ_MATCH_H
#define CJ_MATCH_H

#include <stdint.h>

#include "core/util.h"

#define MATCH_NONE UINT32_MAX /* an unmatched student */

typedef enum { MATCH_STUDENT_OPTIMAL = 0, MATCH_POSITION_OPTIMAL = 1 } match_optimal;

typedef struct match_problem match_problem;

/*
 * Build a problem.  Lists are given most wanted first:
 *   student s ranks s_pos[s_off[s] .. s_off[s+1]-1]   (position indices)
 *   position p ranks p_stu[p_off[p] .. p_off[p+1]-1]  (student indices)
 * capacity[p] seats per position.  A list must not name the same index
 * twice (the CSV reader refuses such files).
 *
 * The problem TAKES OWNERSHIP of the five arrays (all from malloc /
 * xmalloc) and frees or reuses them; the caller must not touch them
 * afterwards.  Free the problem with match_problem_free().
 */
match_problem *match_problem_new(uint32_t n_students, uint32_t n_positions, uint32_t *s_off,
                                 uint32_t *s_pos, uint32_t *p_off, uint32_t *p_stu,
                                 uint32_t *capacity);
void match_problem_free(match_problem *m);

uint32_t match_students(const match_problem *m);
uint32_t match_positions(const match_problem *m);
uint64_t match_seats(const match_problem *m);
/* Entries kept (mutually acceptable pairs) and dropped (not mutual, from
 * students' lists and from positions' lists). */
uint64_t match_pairs(const match_problem *m);
uint64_t match_dropped(const match_problem *m);

typedef struct {
    uint32_t *student_pos; /* [n_students]: position or MATCH_NONE; owned, free() it */
    uint32_t matched;
    uint64_t proposals;
    double solve_seconds; /* the deferred acceptance alone */
} match_result;

/* Solve; fills r (r->student_pos is malloc'd: the caller frees it).
 * The first position-optimal solve of a problem builds, once and outside
 * solve_seconds, the positions' view of the students' ranks that only
 * position-proposing needs (so m is logically, not physically, const). */
void match_solve(const match_problem *m, match_optimal opt, match_result *r);

typedef struct {
    bool ok;
    char message[256]; /* first violation, or "stable" */
} match_verdict;

/* Check an assignment (student -> position or MATCH_NONE) against the
 * problem: capacities respected, only mutually acceptable pairs, no
 * blocking pair.  Returns v->ok. */
bool match_verify(const match_problem *m, const uint32_t *student_pos, match_verdict *v);

typedef enum {
    MATCH_WHY_FILLED,        /* full with `higher` students it ranks above you */
    MATCH_WHY_NOT_ACCEPTABLE /* the position does not rank you */
} match_why_kind;

typedef struct {
    uint32_t position;
    match_why_kind kind;
    uint32_t higher; /* MATCH_WHY_FILLED: assigned students it ranks above you */
    uint32_t capacity;
} match_why;

/* For each position `student` listed above the one received (all of the
 * list if unmatched), in the student's order: why not.  Returns the count
 * and sets *out to a malloc'd array the caller frees (NULL when 0). */
size_t match_explain(const match_problem *m, const uint32_t *student_pos, uint32_t student,
                     match_why **out);

/* ---- files (io/match_csv.c) ----------------------------------------- */

/* A problem read from files, with the ids of both sides (students in order
 * of first appearance in S.csv). */
typedef struct {
    match_problem *problem;
    char *stu_names;    /* arena of NUL-terminated student ids */
    char *pos_names;    /* arena of NUL-terminated position ids */
    uint32_t *stu_name; /* [n_students] offsets into stu_names */
    uint32_t *pos_name; /* [n_positions] offsets into pos_names */
    double read_seconds;
} match_files;

/* Read S.csv (student,position,rank), P.csv (position,student,rank) and
 * C.csv (position,capacity).  On bad input returns -1 with e->message
 * naming the file, the line and the reason ("S.csv: 第 12 行 (line 12):
 * ...").  Free with match_files_free(). */
int match_csv_read(const char *s_csv, const char *p_csv, const char *c_csv, match_files *f,
                   err_t *e);
void match_files_free(match_files *f);
/* Student / position id of an index. */
const char *match_student_name(const match_files *f, uint32_t s);
const char *match_position_name(const match_files *f, uint32_t p);
/* Find a student by id; MATCH_NONE if absent. */
uint32_t match_student_find(const match_files *f, const char *id);

/* Write A.csv (student,position; UTF-8 without BOM, LF line ends, RFC 4180
 * quoting where needed) atomically: a temporary file in the same folder,
 * fsync, rename.  Nothing is left behind on failure. */
int match_csv_write(const char *path, const match_files *f, const uint32_t *student_pos, err_t *e);

#endif
