/*
 * todo.h — what waits for the signed-in user, and their figures: the
 * workspace home page of every role (GET /api/v1/me/todo).
 *
 * A to-do is a kind of thing that waits (drafts to publish, rankings
 * due, motions to vote, placements to evaluate …) with how many, the
 * earliest date among them and the workspace page where it is done.  A
 * figure is one number the role watches.  Both are counts over what the
 * caller may already read on the linked pages: a secretariat's
 * consortium, a unit's own rows, a student's own rounds, the platform
 * admin's whole instance — never another unit's names or values.
 */
#ifndef CJ_TODO_H
#define CJ_TODO_H

#include "domain/perm.h"

/* The caller's to-do list and figures, as one new JSON object:
 *   {"role", "today",
 *    "items":   [{"kind", "count", "title_zh", "title_en", "due", "link"}],
 *    "figures": [{"key", "label_zh", "label_en", "value"}]}
 * Items list only kinds with something waiting (count > 0), in the
 * order a role works through them; due is YYYY-MM-DD or null; link is a
 * workspace path (/workspace/…).  Titles and labels come in both
 * languages; the web UI shows the one of its language.  ERR_UNAUTHORIZED
 * for an anonymous caller. */
int todo_list(store_conn *sc, const caller_t *c, json_t **out, err_t *e);

#endif
