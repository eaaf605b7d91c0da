/*
 * evaluate.h - a plan's metrics against the data: latest value, change,
 * and what the XmR chart says about it.
 *
 * Metrics defined over recorded crime are computed month by month from the
 * store and charted with the NHS "Making Data Count" XmR method
 * (analysis/spc.h). Loaded metrics have no values until values can be
 * loaded, and say so.
 */
#ifndef PEEL_EVALUATE_H
#define PEEL_EVALUATE_H

#include "analysis/spc.h"
#include "plan/plan.h"

struct store;

struct metric_status {
    const struct plan_strategy *strategy;
    const struct plan_metric *metric;
    bool has_data;
    int first_month, latest_month; /* of the series */
    double latest, previous;       /* latest and the month before; NAN if none */
    enum spc_point_type variation;
    enum spc_assurance assurance;
    enum spc_rule rule; /* the rule behind the latest point, or none */
    int direction;      /* of that rule */
    double mean, upl, lpl;
    size_t points, missing;
    bool trial_limits;
    char note[160]; /* why there is no chart, when there is none */
};

typedef void (*metric_status_fn)(void *arg, const struct metric_status *st);

/* Evaluates every metric of the plan with data up to `period` (a month;
 * -1: all data). Returns -1 on a store error (err says why). */
int plan_evaluate(struct store *s, const struct plan *p, int period, metric_status_fn fn, void *arg,
                  struct buf *err);

/* The plain sentence for a metric's latest point:
 * "Shoplifting: 812 in 2023-03, up from 700; special cause concern: a run
 * of 7 months above the mean (XmR, NHS Making Data Count rules)". */
void metric_sentence(const struct metric_status *st, struct buf *out);

#endif
