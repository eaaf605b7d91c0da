/*
 * target.c - target verdicts allowing for chance (see target.h).
 */
#include "analysis/target.h"
#include "analysis/poisson.h"
#include "analysis/proportion.h"
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>

static bool lower_is_better(const struct target_goal *g)
{
    return g->kind == GOAL_REDUCTION || g->polarity == GOAL_LOWER_IS_BETTER;
}

/* The verdict from the observed figure, the interval and the target. The
 * target itself counts as met: "at most 80,123" is met by 80,123. */
static void judge(struct target_assessment *a)
{
    double t = a->target;
    bool low = lower_is_better(&a->goal);
    a->point_met = low ? a->observed <= t : a->observed >= t;
    if (!a->has_interval)
        a->verdict = a->point_met ? TARGET_MET : TARGET_NOT_MET;
    else if (low ? a->upper <= t : a->lower >= t)
        a->verdict = TARGET_MET;
    else if (low ? a->lower > t : a->upper < t)
        a->verdict = TARGET_NOT_MET;
    else
        a->verdict = TARGET_TOO_CLOSE_TO_CALL;
}

static void start(struct target_assessment *out, const struct target_goal *g,
                  enum target_measure measure, double confidence)
{
    assert(g->kind == GOAL_REDUCTION || g->kind == GOAL_LEVEL);
    *out = (struct target_assessment){
        .goal = *g, .measure = measure, .confidence = confidence, .lower = NAN, .upper = NAN};
}

static void no_data(struct target_assessment *out, const char *why)
{
    out->verdict = TARGET_NO_DATA;
    out->no_data = why;
    out->observed = NAN;
}

/* A Poisson count against out->target. */
static void judge_count(struct target_assessment *out, int64_t count)
{
    out->count = count;
    out->observed = (double)count;
    out->has_interval = true;
    poisson_mean_interval(count, out->confidence, &out->lower, &out->upper);
    judge(out);
}

static void reduction(const struct target_goal *g, int64_t baseline, int64_t observed, int months,
                      double confidence, struct target_assessment *out)
{
    assert(g->kind == GOAL_REDUCTION && g->value < 100);
    start(out, g, TARGET_MEASURE_COUNT, confidence);
    out->months = months;
    out->baseline = baseline;
    /* (100 - X) / 100 rather than 1 - X/100: exact when the target is a whole
     * number, so that "at most 80,123" is not 80,122.99999 */
    out->target = baseline < 0 ? NAN : (double)baseline * (100.0 - g->value) / 100.0;
    if (baseline < 0) {
        no_data(out, "no baseline count");
        return;
    }
    if (baseline == 0) {
        no_data(out, "the baseline count is zero, so no reduction can be measured");
        return;
    }
    if (observed < 0) {
        no_data(out, "no count for the period");
        return;
    }
    out->change_pct = 100.0 * (double)(observed - baseline) / (double)baseline;
    judge_count(out, observed);
}

void target_reduction(const struct target_goal *g, int64_t baseline, int64_t observed,
                      double confidence, struct target_assessment *out)
{
    reduction(g, baseline, observed, 0, confidence, out);
}

void target_on_track(const struct target_goal *g, int64_t baseline_to_date,
                     int64_t observed_to_date, int months, double confidence,
                     struct target_assessment *out)
{
    assert(months >= 1 && months <= 12);
    reduction(g, baseline_to_date, observed_to_date, months, confidence, out);
}

void target_level_count(const struct target_goal *g, int64_t count, double confidence,
                        struct target_assessment *out)
{
    assert(g->kind == GOAL_LEVEL);
    start(out, g, TARGET_MEASURE_COUNT, confidence);
    out->target = g->value;
    if (count < 0) {
        no_data(out, "no count for the period");
        return;
    }
    judge_count(out, count);
}

void target_level_proportion(const struct target_goal *g, int64_t k, int64_t n, double confidence,
                             struct target_assessment *out)
{
    assert(g->kind == GOAL_LEVEL);
    start(out, g, TARGET_MEASURE_PROPORTION, confidence);
    out->target = g->value;
    out->count = k;
    out->denominator = n;
    if (k < 0 || n < 0) {
        no_data(out, "no count for the period");
        return;
    }
    if (n == 0) {
        no_data(out, "no cases to take a proportion of");
        return;
    }
    assert(k <= n);
    double lo, hi;
    wilson_interval(k, n, confidence, &lo, &hi);
    out->observed = 100.0 * (double)k / (double)n;
    out->lower = 100.0 * lo;
    out->upper = 100.0 * hi;
    out->has_interval = true;
    judge(out);
}

void target_level_value(const struct target_goal *g, double value, struct target_assessment *out)
{
    assert(g->kind == GOAL_LEVEL);
    start(out, g, TARGET_MEASURE_VALUE, 0.0);
    out->target = g->value;
    if (isnan(value)) {
        no_data(out, "no value for the period");
        return;
    }
    out->observed = value;
    judge(out);
}

const char *target_verdict_name(const struct target_assessment *a)
{
    switch (a->verdict) {
    case TARGET_MET:
        return a->months ? "on track" : "met";
    case TARGET_NOT_MET:
        return a->months ? "off track" : "not met";
    case TARGET_TOO_CLOSE_TO_CALL:
        return "too close to call";
    case TARGET_NO_DATA:
        break;
    }
    return "no data";
}

/* ---- the sentence ------------------------------------------------------ */

/* A figure as given in a plan: 5, 92.5, 1,000 (at most two decimals, no
 * trailing zeros). */
static void put_figure(struct buf *out, double v)
{
    int decimals = 0;
    while (decimals < 2 && fabs(v * pow(10, decimals) - round(v * pow(10, decimals))) > 1e-9)
        decimals++;
    buf_put_number(out, v, decimals);
}

/* A Poisson interval's end: whole numbers once they are large. */
static void put_count_limit(struct buf *out, double v, double upper)
{
    buf_put_number(out, v, upper < 100 ? 1 : 0);
}

static void put_months(struct buf *out, int months)
{
    if (months == 1)
        buf_puts(out, "the first month");
    else
        buf_printf(out, "the first %d months", months);
}

/* The target's figure: a count target as the whole number that meets it. */
static void put_target_figure(struct buf *out, const struct target_assessment *a)
{
    bool low = lower_is_better(&a->goal);
    if (a->measure == TARGET_MEASURE_COUNT)
        buf_put_count(out, (int64_t)(low ? floor(a->target) : ceil(a->target)));
    else
        put_figure(out, a->target);
    if (a->measure == TARGET_MEASURE_PROPORTION)
        buf_putc(out, '%');
}

static void put_goal(struct buf *out, const struct target_assessment *a,
                     const struct target_labels *l)
{
    const char *side = lower_is_better(&a->goal) ? "at most " : "at least ";
    buf_puts(out, "Target: ");
    if (a->goal.kind == GOAL_REDUCTION) {
        put_figure(out, a->goal.value);
        buf_puts(out, "% reduction");
        if (l->what)
            buf_printf(out, " in %s", l->what);
        if (l->baseline)
            buf_printf(out, " from %s", l->baseline);
        if (isnan(a->target)) {
            buf_puts(out, ". ");
            return;
        }
        buf_printf(out, " (%s", side);
        put_target_figure(out, a);
        if (a->months) {
            buf_puts(out, " in ");
            put_months(out, a->months);
        }
        buf_puts(out, "). ");
        return;
    }
    if (l->what)
        buf_printf(out, "%s ", l->what);
    buf_puts(out, side);
    put_target_figure(out, a);
    buf_puts(out, ". ");
}

static void put_change(struct buf *out, double pct)
{
    if (pct == 0) {
        buf_puts(out, ", no change");
        return;
    }
    buf_puts(out, ", a ");
    buf_put_number(out, fabs(pct), fabs(pct) < 0.05 ? 2 : 1);
    buf_puts(out, pct < 0 ? "% reduction" : "% rise");
}

static void put_observed(struct buf *out, const struct target_assessment *a)
{
    switch (a->measure) {
    case TARGET_MEASURE_COUNT:
        buf_put_count(out, a->count);
        if (a->goal.kind == GOAL_REDUCTION)
            put_change(out, a->change_pct);
        break;
    case TARGET_MEASURE_PROPORTION:
        buf_printf(out, "%.1f%% (", a->observed);
        buf_put_count(out, a->count);
        buf_puts(out, " of ");
        buf_put_count(out, a->denominator);
        buf_putc(out, ')');
        break;
    case TARGET_MEASURE_VALUE:
        put_figure(out, a->observed);
        break;
    }
}

static void put_interval(struct buf *out, const struct target_assessment *a)
{
    buf_printf(out, "%.0f%% CI ", 100 * a->confidence);
    if (a->measure == TARGET_MEASURE_PROPORTION) {
        buf_printf(out, "%.1f%% to %.1f%%", a->lower, a->upper);
        return;
    }
    buf_puts(out, "of the underlying count ");
    put_count_limit(out, a->lower, a->upper);
    buf_puts(out, " to ");
    put_count_limit(out, a->upper, a->upper);
}

/* Why the verdict is what it is, in brackets. */
static void put_reason(struct buf *out, const struct target_assessment *a)
{
    buf_puts(out, " (");
    if (!a->has_interval) {
        buf_puts(out, "no measure of uncertainty is available)");
        return;
    }
    if (a->verdict == TARGET_TOO_CLOSE_TO_CALL) {
        buf_printf(out, "%s the target as observed, but the ", a->point_met ? "meets" : "misses");
        put_interval(out, a);
        buf_puts(out, " straddles it)");
        return;
    }
    bool below = (a->verdict == TARGET_MET) == lower_is_better(&a->goal);
    put_interval(out, a);
    buf_printf(out, " is %s the target)", below ? "below" : "above");
}

void describe_target(const struct target_assessment *a, const struct target_labels *l,
                     struct buf *out)
{
    static const struct target_labels none = {0};
    l = l ? l : &none;
    put_goal(out, a, l);
    buf_puts(out, l->period ? l->period : "This period");
    if (a->months) {
        buf_puts(out, ", ");
        put_months(out, a->months);
    }
    buf_puts(out, ": ");
    if (a->verdict == TARGET_NO_DATA) {
        buf_printf(out, "no data (%s)", a->no_data);
        return;
    }
    put_observed(out, a);
    buf_printf(out, "; %s", target_verdict_name(a));
    put_reason(out, a);
}
