/*
 * status.c - metric statuses and exceptions for the site (see status.h).
 */
#include "web/status.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>

static void collect(void *arg, const struct metric_status *st)
{
    struct web_statuses *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = *st;
}

int web_statuses_read(struct store *s, const struct plan *p, struct web_statuses *out,
                      struct buf *err)
{
    *out = (struct web_statuses){0};
    if (plan_evaluate(s, p, -1, collect, out, err) == 0)
        return 0;
    web_statuses_free(out);
    return -1;
}

void web_statuses_free(struct web_statuses *l)
{
    free(l->items);
    *l = (struct web_statuses){0};
}

/* As severity() in cmd_metrics.c. */
static int severity(const struct web_exception *e)
{
    if (e->target)
        return 5;
    const struct metric_status *st = e->st;
    int kind = st->variation == SPC_CONCERN ? 0 : st->variation == SPC_IMPROVEMENT ? 2 : 1;
    return kind * 10 + (int)st->rule;
}

static int by_severity(const void *x, const void *y)
{
    const struct web_exception *a = x, *b = y;
    int d = severity(a) - severity(b);
    return d ? d : (a->order > b->order) - (a->order < b->order);
}

size_t web_exceptions(const struct web_statuses *l, struct web_exception **out)
{
    struct web_exception *e = xcalloc(2 * l->n + 1, sizeof *e);
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct metric_status *st = &l->items[i];
        if (st->has_data && st->rule != SPC_RULE_NONE) {
            e[n] = (struct web_exception){st, false, n};
            n++;
        }
        if (st->has_target && st->target.verdict == TARGET_NOT_MET) {
            e[n] = (struct web_exception){st, true, n};
            n++;
        }
    }
    qsort(e, n, sizeof *e, by_severity);
    *out = e;
    return n;
}

const char *web_exception_variation(const struct web_exception *e)
{
    return e->target ? "target" : spc_point_type_name(e->st->variation);
}

const char *web_exception_rule(const struct web_exception *e)
{
    if (e->target)
        return e->st->target.months ? "target off track" : "target not met";
    return spc_rule_name(e->st->rule);
}

void web_exception_sentence(const struct web_exception *e, struct buf *out)
{
    if (e->target)
        buf_puts(out, e->st->target_sentence);
    else
        metric_sentence(e->st, out);
}

int web_unit_decimals(enum metric_unit u)
{
    static const int decimals[] = {[UNIT_COUNT] = 0, [UNIT_RATE_PER_1000] = 2, [UNIT_PERCENT] = 1,
                                   [UNIT_HOURS] = 1, [UNIT_NUMBER] = 1,        [UNIT_YES_NO] = 0};
    return decimals[u];
}

const char *web_freshness(const struct metric_status *st, char *out, size_t n)
{
    if (!st->has_data)
        snprintf(out, n, "%s", "");
    else
        snprintf(out, n, "%s (%d month%s old)", st->stale ? "stale" : "current", st->age_months,
                 st->age_months == 1 ? "" : "s");
    return out;
}
