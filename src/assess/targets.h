/*
 * targets.h - a plan metric's target judged against its values.
 *
 * The analysis (analysis/target.h) answers "is this figure on the right side
 * of that target, allowing for chance"; this file decides which figures a
 * plan's target is about:
 *
 *  - a reduction or increase of X% from a baseline financial year compares
 *    the latest financial year's total with the baseline year's; while the
 *    year is under way, its months so far against the same months of the
 *    baseline (on track or not). Counts are Poisson; any other unit is
 *    compared as a plain value (the year's mean);
 *  - a level (at least / at most) is judged on the latest financial year to
 *    date: a percentage with a numerator and denominator as a proportion
 *    (Wilson interval), anything else as the latest period's plain value.
 */
#ifndef PEEL_TARGETS_H
#define PEEL_TARGETS_H

#include "analysis/target.h"
#include "assess/series.h"

/* Fills a and, if sentence is not NULL, the plain sentence; false when the
 * metric has no target. */
bool metric_target_assess(const struct plan_metric *m, const struct metric_series *ser,
                          struct target_assessment *a, struct buf *sentence);

#endif
