/*
 * workflow.c — status steps taken in order, by the right party (see
 * workflow.h).
 */
#include "domain/workflow.h"

#include <string.h>

static const char *status_of(json_t *row)
{
    return json_string_value(json_object_get(row, "status"));
}

const char *workflow_status_zh(const entity_def *d, const char *value)
{
    const char *zh = entity_enum_zh(entity_field(d, "status"), value);
    return zh ? zh : value;
}

int workflow_check(const entity_def *d, const wf_step *steps, json_t *before, json_t *row,
                   unsigned parties, bool admin, const char *(*who_words)(unsigned who), err_t *e)
{
    const char *from = status_of(before), *to = status_of(row);
    if (!from || !to || !strcmp(from, to))
        return 0;
    const wf_step *s = steps;
    for (; s->from; s++)
        if (!strcmp(s->from, from) && !strcmp(s->to, to))
            break;
    if (!s->from) {
        buf_t open = {0};
        buf_init(&open);
        for (const wf_step *t = steps; t->from; t++)
            if (!strcmp(t->from, from))
                buf_printf(&open, "%s%s", open.len ? ", " : "", t->to);
        if (!open.len)
            buf_puts(&open, "-");
        err_field(e, "status", "%s", open.data);
        err_set(e, ERR_CONFLICT,
                "%s不能从“%s”变为“%s”，状态须按序推进 (%s: the status cannot go from %s to %s; "
                "it moves in order — from %s: %s)",
                d->zh, workflow_status_zh(d, from), workflow_status_zh(d, to), d->en, from, to,
                from, open.data);
        buf_free(&open);
        return -1;
    }
    if (admin || (parties & s->who))
        return 0;
    return err_set(e, ERR_FORBIDDEN, "只有%s可以将%s从“%s”变为“%s” (only %s may take this step)",
                   who_words(s->who), d->zh, workflow_status_zh(d, from), workflow_status_zh(d, to),
                   who_words(s->who));
}
