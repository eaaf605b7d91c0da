/*
 * spc.c - XmR charts and the MDC special-cause rules (see spc.h).
 *
 * Each rebase group is computed on its own: limits from its baseline, then
 * the four rules over its points, then each point's type. Rules look at
 * windows of consecutive points; a window containing a gap never fires.
 */
#include "analysis/spc.h"
#include "util/mem.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#define LIMIT_FACTOR  2.66  /* 3 / d2, d2 = 1.128 for ranges of two */
#define SCREEN_FACTOR 3.267 /* D4 for ranges of two */
#define MIN_BASELINE  12

void spc_options_default(struct spc_options *o)
{
    *o = (struct spc_options){
        .screen_outliers = true,
        .shift_length = 7,
        .trend_length = 7,
        .fix_after = 0,
        .polarity = SPC_HIGHER_IS_BETTER,
    };
}

const char *spc_rule_name(enum spc_rule rule)
{
    switch (rule) {
    case SPC_RULE_NONE:
        return "none";
    case SPC_RULE_BEYOND_LIMIT:
        return "beyond a process limit";
    case SPC_RULE_TREND:
        return "trend";
    case SPC_RULE_TWO_OF_THREE:
        return "two of three beyond 2 sigma";
    case SPC_RULE_SHIFT:
        return "shift (run on one side of the mean)";
    }
    return "?";
}

const char *spc_point_type_name(enum spc_point_type type)
{
    switch (type) {
    case SPC_MISSING:
        return "missing";
    case SPC_COMMON_CAUSE:
        return "common cause";
    case SPC_IMPROVEMENT:
        return "special cause improvement";
    case SPC_CONCERN:
        return "special cause concern";
    case SPC_NEUTRAL_HIGH:
        return "special cause neutral (high)";
    case SPC_NEUTRAL_LOW:
        return "special cause neutral (low)";
    }
    return "?";
}

const char *spc_assurance_name(enum spc_assurance a)
{
    switch (a) {
    case SPC_ASSURANCE_NONE:
        return "none";
    case SPC_ASSURANCE_PASS:
        return "consistently passing";
    case SPC_ASSURANCE_FAIL:
        return "consistently failing";
    case SPC_ASSURANCE_HIT_AND_MISS:
        return "hit and miss";
    }
    return "?";
}

void spc_result_free(struct spc_result *r)
{
    free(r->points);
    *r = (struct spc_result){0};
}

static int sign(double v)
{
    return (v > 0) - (v < 0);
}

/* Limits of one group from its baseline; false when it has no range. */
static bool group_limits(struct spc_point *p, size_t start, size_t end, const struct spc_options *o,
                         bool *trial)
{
    size_t nbase = 0, nmr = 0, base_end = start;
    double sum = 0, mrsum = 0;
    for (size_t i = start; i < end && (o->fix_after == 0 || nbase < (size_t)o->fix_after); i++) {
        base_end = i + 1;
        if (p[i].missing)
            continue;
        sum += p[i].value;
        nbase++;
    }
    for (size_t i = start + 1; i < base_end; i++)
        if (!p[i].missing && !p[i - 1].missing) {
            mrsum += p[i].moving_range;
            nmr++;
        }
    if (nbase < 2 || nmr == 0)
        return false;
    double mean = sum / (double)nbase, amr = mrsum / (double)nmr;
    if (o->screen_outliers) {
        double kept = 0;
        size_t nkept = 0;
        for (size_t i = start + 1; i < base_end; i++)
            if (!p[i].missing && !p[i - 1].missing && p[i].moving_range < SCREEN_FACTOR * amr) {
                kept += p[i].moving_range;
                nkept++;
            }
        amr = nkept ? kept / (double)nkept : amr;
    }
    *trial |= nbase < MIN_BASELINE;
    for (size_t i = start; i < end; i++) {
        p[i].mean = mean;
        p[i].upl = mean + LIMIT_FACTOR * amr;
        p[i].lpl = mean - LIMIT_FACTOR * amr;
        p[i].upper_2s = mean + 2.0 * LIMIT_FACTOR / 3.0 * amr;
        p[i].lower_2s = mean - 2.0 * LIMIT_FACTOR / 3.0 * amr;
    }
    return true;
}

/* Gives point i a rule unless it already has a stronger one. */
static void flag(struct spc_point *pt, enum spc_rule rule, int direction)
{
    if (pt->rule != SPC_RULE_NONE && pt->rule <= rule)
        return;
    pt->rule = rule;
    pt->direction = direction;
}

static bool window_has_gap(const struct spc_point *p, size_t at, size_t len)
{
    for (size_t k = at; k < at + len; k++)
        if (p[k].missing)
            return true;
    return false;
}

static void rule_beyond(struct spc_point *p, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (!p[i].missing && (p[i].value > p[i].upl || p[i].value < p[i].lpl))
            flag(&p[i], SPC_RULE_BEYOND_LIMIT, p[i].value > p[i].upl ? 1 : -1);
}

static void rule_trend(struct spc_point *p, size_t start, size_t end, size_t len)
{
    for (size_t at = start; at + len <= end; at++) {
        if (window_has_gap(p, at, len))
            continue;
        int dir = sign(p[at + 1].value - p[at].value);
        size_t k = at + 1;
        while (dir != 0 && k < at + len && sign(p[k].value - p[k - 1].value) == dir)
            k++;
        if (dir == 0 || k < at + len)
            continue;
        for (k = at; k < at + len; k++)
            flag(&p[k], SPC_RULE_TREND, dir);
    }
}

static bool beyond_2s(const struct spc_point *pt)
{
    bool outside = pt->value > pt->upl || pt->value < pt->lpl;
    return !outside && (pt->value > pt->upper_2s || pt->value < pt->lower_2s);
}

static void rule_two_of_three(struct spc_point *p, size_t start, size_t end)
{
    for (size_t at = start; at + 3 <= end; at++) {
        if (window_has_gap(p, at, 3))
            continue;
        int sides = 0, close = 0;
        for (size_t k = at; k < at + 3; k++) {
            sides += sign(p[k].value - p[k].mean);
            close += beyond_2s(&p[k]);
        }
        if (abs(sides) != 3 || close < 2)
            continue;
        for (size_t k = at; k < at + 3; k++)
            if (beyond_2s(&p[k]))
                flag(&p[k], SPC_RULE_TWO_OF_THREE, sides > 0 ? 1 : -1);
    }
}

static void rule_shift(struct spc_point *p, size_t start, size_t end, size_t len)
{
    for (size_t at = start; at + len <= end; at++) {
        if (window_has_gap(p, at, len))
            continue;
        int side = sign(p[at].value - p[at].mean);
        size_t k = at + 1;
        while (side != 0 && k < at + len && sign(p[k].value - p[k].mean) == side)
            k++;
        if (side == 0 || k < at + len)
            continue;
        for (k = at; k < at + len; k++)
            flag(&p[k], SPC_RULE_SHIFT, side);
    }
}

static enum spc_point_type point_type(const struct spc_point *pt, enum spc_polarity polarity)
{
    if (pt->missing)
        return SPC_MISSING;
    if (pt->rule == SPC_RULE_NONE)
        return SPC_COMMON_CAUSE;
    if (polarity == SPC_NEUTRAL)
        return pt->direction > 0 ? SPC_NEUTRAL_HIGH : SPC_NEUTRAL_LOW;
    return pt->direction * (int)polarity > 0 ? SPC_IMPROVEMENT : SPC_CONCERN;
}

static enum spc_assurance assurance(const struct spc_point *last, const struct spc_options *o)
{
    if (!o->has_target || o->polarity == SPC_NEUTRAL)
        return SPC_ASSURANCE_NONE;
    bool higher_better = o->polarity == SPC_HIGHER_IS_BETTER;
    if (o->target > last->upl)
        return higher_better ? SPC_ASSURANCE_FAIL : SPC_ASSURANCE_PASS;
    if (o->target < last->lpl)
        return higher_better ? SPC_ASSURANCE_PASS : SPC_ASSURANCE_FAIL;
    return SPC_ASSURANCE_HIT_AND_MISS;
}

static bool check_options(const struct spc_options *o, size_t n, const char **error)
{
    if (o->fix_after != 0 && o->fix_after < MIN_BASELINE)
        *error = "a fixed baseline needs at least 12 points";
    else if (o->shift_length < 6 || o->shift_length > 8 || o->trend_length < 6 ||
             o->trend_length > 8)
        *error = "run and trend lengths must be 6, 7 or 8";
    for (size_t i = 0; !*error && i < o->nrebase; i++)
        if (o->rebase_at[i] == 0 || o->rebase_at[i] >= n ||
            (i > 0 && o->rebase_at[i] <= o->rebase_at[i - 1]))
            *error = "rebase points must be ascending and inside the series";
    return *error == NULL;
}

/* Too few values to judge: drawn, no signal, no icon. */
static void unjudge(struct spc_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct spc_point *pt = &r->points[i];
        pt->rule = SPC_RULE_NONE;
        pt->direction = 0;
        pt->type = pt->missing ? SPC_MISSING : SPC_COMMON_CAUSE;
    }
    r->variation = SPC_MISSING;
    r->assurance = SPC_ASSURANCE_NONE;
}

static void load_points(struct spc_result *r, const double *values, const bool *missing, size_t n,
                        const struct spc_options *o)
{
    size_t group = 0, next = 0;
    for (size_t i = 0; i < n; i++) {
        if (next < o->nrebase && o->rebase_at[next] == i) {
            group++;
            next++;
        }
        struct spc_point *pt = &r->points[i];
        pt->missing = (missing && missing[i]) || !isfinite(values[i]);
        pt->value = pt->missing ? NAN : values[i];
        pt->group = group;
        r->missing += pt->missing;
        bool same_group = i > 0 && r->points[i - 1].group == group;
        pt->moving_range = same_group && !pt->missing && !r->points[i - 1].missing
                               ? fabs(pt->value - r->points[i - 1].value)
                               : NAN;
    }
}

bool spc_compute(const double *values, const bool *missing, size_t n, const struct spc_options *o,
                 struct spc_result *r)
{
    *r = (struct spc_result){0};
    if (!check_options(o, n, &r->error))
        return false;
    r->n = n;
    r->points = xcalloc(n ? n : 1, sizeof *r->points);
    load_points(r, values, missing, n, o);
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;
        while (end < n && r->points[end].group == r->points[start].group)
            end++;
        if (!group_limits(r->points, start, end, o, &r->trial_limits)) {
            spc_result_free(r); /* a failed result owns nothing */
            r->error = "a group has fewer than two consecutive values: no limits";
            return false;
        }
        rule_beyond(r->points, start, end);
        rule_trend(r->points, start, end, (size_t)o->trend_length);
        rule_two_of_three(r->points, start, end);
        rule_shift(r->points, start, end, (size_t)o->shift_length);
        start = end;
    }
    const struct spc_point *last = NULL;
    for (size_t i = 0; i < n; i++) {
        r->points[i].type = point_type(&r->points[i], o->polarity);
        if (!r->points[i].missing)
            last = &r->points[i];
    }
    assert(last);
    r->variation = last->type;
    r->assurance = assurance(&r->points[n - 1], o);
    r->min_points = o->min_points;
    r->judged = r->n - r->missing >= (size_t)o->min_points;
    if (!r->judged)
        unjudge(r);
    return true;
}
