/*
 * metric_text.h - how a plan metric's value is written, and its label: the
 * one rule every command, page, report, table and chart uses.
 *
 * For people, a value is written in its unit ("812", "13.5%", "4.21 per
 * 1,000", "yes"); in machine formats (CSV, JSON, a report's <data value>)
 * as a number to the unit's decimal places, a whole count as an integer,
 * and a yes/no metric as the word. A statistic of a chart (a mean, a
 * process limit) of a yes/no metric is the fraction of yeses.
 */
#ifndef PEEL_METRIC_TEXT_H
#define PEEL_METRIC_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/plan.h"
#include "render/table.h"
#include "util/buf.h"
#include "util/month.h"

struct spc_result;

/* Decimal places a value of the unit is given to in tables (CSV, JSON,
 * the reports' machine-readable values): 0 for counts, 1 for percentages. */
int metric_unit_decimals(enum metric_unit u);

/* A value in the metric's unit, for people: "812", "13.5%", "4.21 per
 * 1,000", "yes". */
void metric_value_text(const struct plan_metric *m, double v, struct buf *out);
/* The value as machine formats carry it, every digit (buf_put_exact):
 * "812", "13.5", "14.793337446020974", "yes"; nothing for NAN. */
void metric_value_raw(const struct plan_metric *m, double v, struct buf *out);
/* A change between two values, for people: "+12", "-1.5 points" (of a
 * percentage); false (nothing written) for a yes/no metric. */
bool metric_change_text(const struct plan_metric *m, double change, struct buf *out);

/* The value as a table cell: yes/no as the word, a whole count as an
 * integer, anything else a number to the unit's decimals; NAN leaves the
 * cell empty. */
void metric_value_cell(struct table *t, size_t row, size_t col, const struct plan_metric *m,
                       double v);
/* A statistic of the metric's chart (a mean, a process limit) as a table
 * cell: a number to the unit's decimals (a yes/no metric's to 2: the
 * fraction of yeses); NAN leaves the cell empty. */
void metric_stat_cell(struct table *t, size_t row, size_t col, const struct plan_metric *m,
                      double v);
/* The same statistic for people, in the unit ("812", "13.5%"; "0.75" for
 * a yes/no metric); nothing for NAN. */
void metric_stat_text(const struct plan_metric *m, double v, struct buf *out);

/* A chart's title: the metric and its frequency, and, when the chart has
 * too few points to be judged (series.h, METRIC_MIN_POINTS), saying so. */
void metric_chart_title(const struct plan_metric *m, const struct spc_result *r, struct buf *out);

/* The label of the metric's values, a chart's y axis: "Crimes per month",
 * "Per cent", "Count per quarter". */
void metric_y_label(const struct plan_metric *m, enum period_kind kind, struct buf *out);

/* Where the metric's figures come from, for people: computed from
 * data.police.uk street-level crime, the Home Office tables (with the gap
 * between the two said), or figures the Office supplies; then the plan's
 * framework source it is listed under. The plan's label alone ("National
 * statistics") would name a source the figure is not computed from. */
void metric_source_text(const struct plan_metric *m, struct buf *out);

/* An area grouping's key as words: "rural_urban" as "rural urban". */
void area_grouping_words(const char *key, struct buf *out);
/* An area of a grouping for people: "Charnwood (district)", "Rural (rural
 * urban)"; value may be NULL. */
void area_words(const char *key, const char *value, struct buf *out);
/* A force by its name ("Leicestershire Police") from its id or any name;
 * the text itself for one the model does not know. */
const char *force_words(const char *force);

#endif
