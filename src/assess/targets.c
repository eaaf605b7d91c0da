/*
 * targets.c - which figures a plan's target is judged on (see targets.h).
 */
#include "assess/targets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CONFIDENCE 0.95

/* The periods of a series that fall in one financial year, and their sum
 * over its first `months` months (all of them when months is 12). */
struct year_sum {
    double value, numerator, denominator;
    int months_held; /* months of the year covered by periods with a value */
    bool has_ratio;  /* every period had a numerator and denominator */
};

static struct year_sum sum_year(const struct metric_series *ser, int fy, int months)
{
    struct year_sum y = {.has_ratio = true};
    int first = fy_first_month(fy);
    for (size_t i = 0; i < ser->n; i++) {
        int start = metric_series_period(ser, i);
        if (start < first || start >= first + months || ser->missing[i])
            continue;
        y.value += ser->values[i];
        y.months_held += period_months(ser->kind);
        if (isnan(ser->numerator[i]) || isnan(ser->denominator[i]))
            y.has_ratio = false;
        else {
            y.numerator += ser->numerator[i];
            y.denominator += ser->denominator[i];
        }
    }
    return y;
}

/* The latest financial year of the series and how many of its months the
 * series reaches. */
static void latest_year(const struct metric_series *ser, int *fy, int *months)
{
    int last = metric_series_period(ser, ser->n - 1) + period_months(ser->kind) - 1;
    *fy = fy_of_month(last);
    *months = last - fy_first_month(*fy) + 1;
}

static void assess_change(const struct plan_metric *m, const struct metric_series *ser, int fy,
                          int months, struct target_assessment *a)
{
    int base_fy;
    struct target_goal g = {GOAL_REDUCTION, m->target.value, GOAL_LOWER_IS_BETTER};
    if (!m->target.baseline || !fy_parse(m->target.baseline, &base_fy) || base_fy >= fy) {
        target_reduction(&g, TARGET_NO_COUNT, TARGET_NO_COUNT, CONFIDENCE, a);
        a->no_data = "no year after the baseline year in the data";
        return;
    }
    struct year_sum base = sum_year(ser, base_fy, months), now = sum_year(ser, fy, months);
    bool whole = base.months_held == months && now.months_held == months;
    int64_t b = whole ? (int64_t)llround(base.value) : TARGET_NO_COUNT;
    int64_t o = whole ? (int64_t)llround(now.value) : TARGET_NO_COUNT;
    double factor =
        m->target.kind == TARGET_INCREASE ? 1 + m->target.value / 100 : 1 - m->target.value / 100;
    if (m->unit != UNIT_COUNT) {
        g = (struct target_goal){GOAL_LEVEL, base.value * factor,
                                 m->target.kind == TARGET_INCREASE ? GOAL_HIGHER_IS_BETTER
                                                                   : GOAL_LOWER_IS_BETTER};
        int periods = months / period_months(ser->kind); /* whole periods: months held */
        target_level_value(&g, whole ? now.value / periods : NAN, a);
    } else if (m->target.kind == TARGET_INCREASE) {
        g = (struct target_goal){GOAL_LEVEL, (double)b * factor, GOAL_HIGHER_IS_BETTER};
        target_level_count(&g, o, CONFIDENCE, a);
    } else if (months == 12) {
        target_reduction(&g, b, o, CONFIDENCE, a);
    } else {
        target_on_track(&g, b, o, months, CONFIDENCE, a);
    }
    a->months = months == 12 ? 0 : months;
    if (!whole)
        a->no_data = "months missing from the baseline year or this year";
}

static void assess_level(const struct plan_metric *m, const struct metric_series *ser, int fy,
                         int months, struct target_assessment *a)
{
    struct target_goal g = {GOAL_LEVEL, m->target.value,
                            m->target.at_most ? GOAL_LOWER_IS_BETTER : GOAL_HIGHER_IS_BETTER};
    struct year_sum y = sum_year(ser, fy, months);
    if (m->unit == UNIT_PERCENT && y.has_ratio && y.denominator > 0) {
        target_level_proportion(&g, (int64_t)llround(y.numerator), (int64_t)llround(y.denominator),
                                CONFIDENCE, a);
        a->months = months == 12 ? 0 : months;
        return;
    }
    size_t last = ser->n;
    while (last > 0 && ser->missing[last - 1])
        last--;
    target_level_value(&g, last ? ser->values[last - 1] : NAN, a);
}

bool metric_target_assess(const struct plan_metric *m, const struct metric_series *ser,
                          struct target_assessment *a, struct buf *sentence)
{
    if (m->target.kind == TARGET_NONE || ser->n == 0)
        return false;
    int fy, months;
    latest_year(ser, &fy, &months);
    if (m->target.kind == TARGET_LEVEL)
        assess_level(m, ser, fy, months, a);
    else
        assess_change(m, ser, fy, months, a);
    if (sentence) {
        char period[64];
        char year[FY_TEXT_SIZE];
        fy_format(fy, year);
        if (months == 12)
            snprintf(period, sizeof period, "%s", year);
        else
            snprintf(period, sizeof period, "%s, first %d months", year, months);
        struct target_labels l = {m->title, m->target.baseline, period};
        describe_target(a, &l, sentence);
        if (m->target.text)
            buf_printf(sentence, " (the plan: \"%s\")", m->target.text);
    }
    return true;
}
