/*
 * round_export.h — a matching round's lists as the file matcher reads
 * them (`chanjiao round export`, cli_round.c): every student's choices,
 * every position's ranking of its applicants, every position's seats.
 *
 * The lists are streamed through callbacks, in the order the matcher's
 * files list them, and never turned into JSON, so a large round costs no
 * more memory than a line.  They are what a run reads and they name
 * students' choices, so only the secretariat of the round's consortium
 * (or a platform admin, or the system) may have them; a round the caller
 * cannot see is 404, one it may see but not run 403.  Students are
 * student ids and positions demand ids: the CLI writes them as S<id> and
 * D<id>.
 */
#ifndef CJ_ROUND_EXPORT_H
#define CJ_ROUND_EXPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/perm.h"

/* Students' choices (student, demand, rank) by student and rank, or with
 * rankings the enterprises' rankings (demand, student, rank) by position
 * and rank.  0, or -1 with e set. */
int round_export_entries(store_conn *sc, const caller_t *c, int64_t id, bool rankings,
                         void (*fn)(void *ctx, int64_t a, int64_t b, int64_t rank), void *ctx,
                         err_t *e);
/* Every position (demand id, seats) in id order.  0, or -1 with e set. */
int round_export_positions(store_conn *sc, const caller_t *c, int64_t id,
                           void (*fn)(void *ctx, int64_t demand_id, int64_t capacity), void *ctx,
                           err_t *e);

#endif
