/*
 * status.h - every metric's status, and the exceptions among them, as the
 * site shows them.
 *
 * The order of exceptions is `peel exceptions`' (src/cli/cmd_metrics.c):
 * concerns, then missed targets, then neutral signals, then improvements,
 * each by the strength of its rule, ties in plan order. The h-report branch
 * moves that logic into src/plan/exceptions.c for the governance report;
 * once it is merged this file should call it instead (one ordering).
 */
#ifndef PEEL_WEB_STATUS_H
#define PEEL_WEB_STATUS_H

#include "plan/evaluate.h"

struct store;

struct web_statuses {
    struct metric_status *items; /* in plan order */
    size_t n, cap;
};

/* Every metric of the plan with all data; -1 with err. */
int web_statuses_read(struct store *s, const struct plan *p, struct web_statuses *out,
                      struct buf *err);
void web_statuses_free(struct web_statuses *l);

struct web_exception {
    const struct metric_status *st;
    bool target; /* a target missed beyond chance; else a signal on the chart */
    size_t order;
};

/* The exceptions, most severe first; the caller frees *out. */
size_t web_exceptions(const struct web_statuses *l, struct web_exception **out);
/* Its words, as `peel exceptions` prints them. */
const char *web_exception_variation(const struct web_exception *e);
const char *web_exception_rule(const struct web_exception *e);
void web_exception_sentence(const struct web_exception *e, struct buf *out);

/* Decimal places of a value of this unit in tables, as `peel metrics`. */
int web_unit_decimals(enum metric_unit u);
/* "current (2 months old)" or "stale (7 months old)"; "" with no data. */
const char *web_freshness(const struct metric_status *st, char *out, size_t n);

#endif
