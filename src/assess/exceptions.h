/*
 * exceptions.h - every metric of a plan evaluated into one list, and the
 * exceptions among them: what needs the Corporate Governance Board's
 * attention, most severe first.
 *
 * `peel metrics`, `peel exceptions` and the governance report all read from
 * here, so that the Board pack and the command line can never disagree on
 * which metrics are exceptions, in which order, or what is said of them.
 */
#ifndef PEEL_EXCEPTIONS_H
#define PEEL_EXCEPTIONS_H

#include "assess/evaluate.h"

/* Every metric's status, in plan order (missions, strategies, metrics). */
struct metric_statuses {
    struct metric_status *items;
    size_t n, cap;
};

/* plan_evaluate() into a list; -1 with err on a store error (the list is
 * then empty). */
int plan_evaluate_all(struct store *s, const struct plan *p, int period,
                      struct metric_statuses *out, struct buf *err);
void metric_statuses_free(struct metric_statuses *l);

/* One exception: a signal on a metric's chart (target false), or a target
 * that the latest year misses beyond chance (target true). A metric can be
 * both, and is then listed twice. */
struct plan_exception {
    const struct metric_status *st;
    bool target;
};

/* The exceptions among the statuses, most severe first: concerns, then
 * missed targets, then neutral signals, then improvements; within each,
 * by the strength of the rule, then in plan order. Returns how many; the
 * caller frees *out. */
size_t plan_exceptions(const struct metric_statuses *l, struct plan_exception **out);

/* The words `peel exceptions` prints for it: the variation ("special cause
 * concern", or "target"), the rule ("shift (run on one side of the mean)",
 * "target not met", "target off track") and the plain sentence. */
const char *plan_exception_variation(const struct plan_exception *e);
const char *plan_exception_rule(const struct plan_exception *e);
void plan_exception_sentence(const struct plan_exception *e, struct buf *out);

#endif
