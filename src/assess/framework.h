/*
 * framework.h - the performance framework, its exceptions and each metric's
 * values, as tables.
 *
 * `peel metrics` and `peel exceptions` print these tables; the governance
 * report's workbook holds the same tables, built by the same functions, so
 * that a spreadsheet and the command line can never disagree.
 */
#ifndef PEEL_FRAMEWORK_H
#define PEEL_FRAMEWORK_H

#include "assess/exceptions.h"
#include "render/table.h"
#include "render/xlsx.h"

/* Every metric: latest and previous value and period, change, both icons,
 * target and its status, freshness, source, note. */
void framework_table(const struct plan *p, const struct metric_statuses *all, struct table *t);
/* The exceptions, most severe first, each with its rule and sentence. */
void exceptions_table(const struct plan *p, const struct metric_statuses *all, struct table *t);
/* A metric's values period by period with the XmR chart's centre line,
 * limits and each point's type and rule; -1 with err on a store error, 1
 * when the metric has no data or no chart. */
/* Its columns' headings for people (the keys: period, value,
 * value_lower_95 and value_upper_95 (a percentage's 95% Wilson interval),
 * numerator, denominator, mean, lower_limit, upper_limit, lower_2_sigma,
 * upper_2_sigma, point_type, rule, rebase_group). */
#define METRIC_VALUES_COLUMNS 14
extern const char *const metric_values_headings[METRIC_VALUES_COLUMNS];
/* That table's chart in a workbook: value, mean and process limits, as
 * its XmR chart draws them. */
extern const struct xlsx_chart metric_values_chart;
int metric_values_table(struct store *s, const struct plan *p, const struct metric_status *st,
                        int period, struct table *t, struct buf *err);

#endif
