/*
 * exceptions.c - a plan's metrics evaluated into a list, and which of them
 * are exceptions (see exceptions.h).
 */
#include "assess/exceptions.h"
#include "util/mem.h"

#include <stdlib.h>

static void collect(void *arg, const struct metric_status *st)
{
    struct metric_statuses *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = *st;
}

int plan_evaluate_all(struct store *s, const struct plan *p, int period,
                      struct metric_statuses *out, struct buf *err)
{
    *out = (struct metric_statuses){0};
    if (plan_evaluate(s, p, period, collect, out, err) == 0)
        return 0;
    metric_statuses_free(out);
    return -1;
}

void metric_statuses_free(struct metric_statuses *l)
{
    free(l->items);
    *l = (struct metric_statuses){0};
}

/* Most severe first: concerns, then missed targets, then neutral signals,
 * then improvements; within each, by the strength of the rule. */
static int severity(const struct plan_exception *e)
{
    if (e->target)
        return 5;
    const struct metric_status *st = e->st;
    int kind = st->variation == SPC_CONCERN ? 0 : st->variation == SPC_IMPROVEMENT ? 2 : 1;
    return kind * 10 + (int)st->rule;
}

/* Ties keep plan order (statuses are one array, in plan order): qsort is
 * not stable everywhere, and a Board pack must list the same exceptions in
 * the same order on every machine. */
static int by_severity(const void *x, const void *y)
{
    const struct plan_exception *a = x, *b = y;
    int d = severity(a) - severity(b);
    if (d)
        return d;
    if (a->st != b->st)
        return a->st < b->st ? -1 : 1;
    return (int)a->target - (int)b->target;
}

size_t plan_exceptions(const struct metric_statuses *l, struct plan_exception **out)
{
    struct plan_exception *found = xcalloc(2 * l->n + 1, sizeof *found);
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct metric_status *st = &l->items[i];
        if (st->has_data && st->rule != SPC_RULE_NONE)
            found[n++] = (struct plan_exception){st, false};
        if (st->has_target && st->target.verdict == TARGET_NOT_MET)
            found[n++] = (struct plan_exception){st, true};
    }
    qsort(found, n, sizeof *found, by_severity);
    *out = found;
    return n;
}

const char *plan_exception_variation(const struct plan_exception *e)
{
    return e->target ? "target" : spc_point_type_name(e->st->variation);
}

const char *plan_exception_rule(const struct plan_exception *e)
{
    if (e->target)
        return e->st->target.months ? "target off track" : "target not met";
    return spc_rule_name(e->st->rule);
}

void plan_exception_sentence(const struct plan_exception *e, struct buf *out)
{
    if (e->target)
        buf_puts(out, e->st->target_sentence);
    else
        metric_sentence(e->st, out);
}
