/*
 * series.h - a plan metric's values period by period, and their XmR chart
 * with the plan's conventions.
 *
 * Metrics defined over recorded crime are computed month by month from the
 * store (police.uk street data, or the Home Office tables); loaded metrics
 * come from the values loaded for them. evaluate.h judges the series;
 * targets.h judges it against its target.
 */
#ifndef PEEL_SERIES_H
#define PEEL_SERIES_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/spc.h"
#include "model/plan.h"
#include "util/buf.h"
#include "util/month.h"

struct store;

/* A metric's values period by period, from its first period with data to
 * its latest; periods with no value are gaps (missing), never skipped. */
struct metric_series {
    enum period_kind kind;
    int first; /* first month of the first period */
    size_t n;
    double *values;
    bool *missing;
    double *numerator, *denominator; /* what a value is made of; NAN if not known */
    /* Periods after the n judged ones whose outcomes are still settling:
     * their values sit at values[n .. n + provisional) (and in missing,
     * numerator, denominator), to be drawn and listed as provisional,
     * never charted with the rest or judged. */
    size_t provisional;
};

/* police.uk updates a crime's outcome as it happens: in a download, the
 * newest months' crimes are still mostly "under investigation", and their
 * positive outcomes keep arriving for months. Outcome measures are judged
 * only on months at least this many months older than the newest month of
 * the download; younger ones are provisional. 7 is measured, not chosen:
 * on two real police.uk downloads a month apart, a month's positive
 * outcomes and its positive outcome rate move by less than one standard
 * error of the month's own figure from this age on, and by more before it
 * (docs/methods.md, "Outcome lag"). */
#define METRIC_OUTCOME_SETTLE_MONTHS 7

/* Reads the series of a metric up to periods starting at `until` (-1: all):
 * computed month by month from recorded crime, or the loaded values at the
 * metric's frequency. n is 0 when there is no data. */
int metric_series_read(struct store *s, const struct plan *p, const struct plan_metric *m,
                       int until, struct metric_series *out, struct buf *err);
void metric_series_free(struct metric_series *ser);
/* The first month of the series' i-th period (a provisional one too). */
int metric_series_period(const struct metric_series *ser, size_t i);
/* The value of the series' period that starts at `month` (a year before
 * the latest: latest_month - 12, at any frequency); false when the series
 * has no such period or it is a gap. */
bool metric_series_value_at(const struct metric_series *ser, int month, double *value);
/* A chart is judged only with at least this many points: limits from
 * fewer move too much from one point to the next to say that any point is
 * special (NHS Making Data Count asks for 12 to 20; docs/methods.md). */
#define METRIC_MIN_POINTS 12

/* The XmR chart of a series with the plan's conventions: the metric's
 * polarity and level target, and new limits from the plan's first month
 * when at least 12 points fall on each side of it. With fewer than
 * METRIC_MIN_POINTS points held it is drawn but not judged: no point is
 * a signal and its variation is SPC_MISSING (metric_chart_judged). The
 * metric's chart options (m->charts) change these: screening, a fixed
 * baseline, run and trend lengths, the points it is judged from, and
 * rebase months in place of the plan's first month, each honoured when
 * both groups it makes hold two consecutive values (fewer than 12 make
 * trial limits) and otherwise told by metric_chart_options_text. */
bool metric_chart(const struct plan *p, const struct plan_metric *m,
                  const struct metric_series *ser, struct spc_result *r);
/* Whether a chart has the points to be judged. */
bool metric_chart_judged(const struct spc_result *r);
/* The metric's chart options (m->charts) in words, for its method
 * sentence and chart: "Chart options: no outlier screening; runs of 6."
 * and, for each rebase month asked for that cannot be honoured, "No new
 * limits from 2019-01 as asked: at or before the series' first period."; nothing when
 * every option is the default. */
void metric_chart_options_text(const struct plan *p, const struct plan_metric *m,
                               const struct metric_series *ser, struct buf *out);

/* Why the chart was not given new limits at the plan's first month, in
 * words, when the plan starts inside the series but fewer than
 * METRIC_MIN_POINTS periods lie on a side of it: "Limits not recalculated
 * at April 2024, the plan's start: 8 months since; 12 are needed." (or
 * "... 5 months before it; ...", or "... 5 months before it and 8 since;
 * 12 are needed on each side."). The one wording of it for every output:
 * the sentence, under the chart, the tables' limits_note and the reports.
 * Returns false, writing nothing, when the chart is rebased there, when the
 * plan starts at or before the series' first period or after its last, or
 * when the metric's options choose the rebase months (their own notes say
 * what could not be honoured). *at (NULL: not wanted) is the period where
 * the plan starts. */
bool metric_plan_rebase_note(const struct plan *p, const struct plan_metric *m,
                             const struct metric_series *ser, size_t *at, struct buf *out);

/* Every chart option of the metric as it stands, in words: those its plan
 * chooses (chart_options_describe's words and the funnel's), then the
 * rest as "defaults: outliers screened, limits from every point, new
 * limits at the plan's start when 12 points lie on each side, runs of 7,
 * trends of 7, judged from 12 points, spiegelhalter funnel limits". For
 * `peel plan show`. */
void metric_chart_options_effective(const struct plan_metric *m, struct buf *out);

/* Whether an area key of a metric's definition (district, lsoa, force or a
 * loaded grouping) can be counted by in this store. */
bool plan_area_known(struct store *s, const char *key);

#endif
