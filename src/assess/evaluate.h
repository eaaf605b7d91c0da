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
#include "analysis/target.h"
#include "assess/series.h"
#include "model/plan.h"
#include "util/month.h"

struct store;

struct metric_status {
    const struct plan_strategy *strategy;
    const struct plan_metric *metric;
    bool has_data;
    enum period_kind kind;         /* of the series: months, quarters, years */
    int first_month, latest_month; /* first months of its first and latest periods */
    double latest, previous;       /* latest and the month before; NAN if none */
    enum spc_point_type variation;
    enum spc_assurance assurance;
    enum spc_rule rule; /* the rule behind the latest point, or none */
    int direction;      /* of that rule */
    double mean, upl, lpl;
    size_t points, missing;
    bool trial_limits;
    bool judged;                     /* the chart has min_points points (series.h) */
    int min_points;                  /* METRIC_MIN_POINTS, or the metric's chart option */
    char options[400];               /* metric_chart_options_text(), "" for the defaults */
    char limits_note[200];           /* metric_plan_rebase_note(), "" when there is none */
    int age_months;                  /* from the end of the latest period to the month judged at */
    int held_back;                   /* newest months not judged: outcomes still settling */
    bool stale;                      /* older than its frequency allows (metric_allowed_age) */
    char note[160];                  /* why there is no chart, when there is none */
    bool has_target;                 /* the metric has a target, judged in `target` */
    struct target_assessment target; /* see assess/targets.h */
    char target_sentence[512];
};

typedef void (*metric_status_fn)(void *arg, const struct metric_status *st);

/* How many months old a metric's latest period may be before it is stale:
 * police.uk publishes about two months behind, so a monthly metric may be
 * three months old; quarterly and annual ones a quarter and a year more. */
int metric_allowed_age(enum metric_frequency f);

/* Evaluates every metric of the plan with data up to `period` (a month;
 * -1: all data), judging freshness at that month (-1: the current one).
 * Returns -1 on a store error (err says why). */
int plan_evaluate(struct store *s, const struct plan *p, int period, metric_status_fn fn, void *arg,
                  struct buf *err);

/* One metric, as plan_evaluate() would give it. */
int metric_evaluate(struct store *s, const struct plan *p, const struct plan_strategy *sg,
                    const struct plan_metric *m, int period, struct metric_status *st,
                    struct buf *err);
/* The same, and the series it judged (metric_series_read's, for the same
 * period): for a caller that shows both, which would otherwise read the
 * series twice. ser is filled (free it) whenever 0 is returned. */
int metric_evaluate_series(struct store *s, const struct plan *p, const struct plan_strategy *sg,
                           const struct plan_metric *m, int period, struct metric_status *st,
                           struct metric_series *ser, struct buf *err);
/* The metric with this id, and its strategy; NULL if the plan has none. */
const struct plan_metric *plan_find_metric(const struct plan *p, const char *id,
                                           const struct plan_strategy **strategy);

/* The plain sentence for a metric's latest point:
 * "Shoplifting: 812 in 2023-03, up from 700; special cause concern: a run
 * of 7 months above the mean (XmR, NHS Making Data Count rules)". */
void metric_sentence(const struct metric_status *st, struct buf *out);
/* "current (0 months old)" or "stale (5 months old)", as `peel metrics`
 * prints it; st must have data. Returns out. */
const char *metric_freshness_text(const struct metric_status *st, char *out, size_t n);

#endif
