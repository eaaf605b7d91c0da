/*
 * chart_options.h - the options of a metric's charts that a plan (per
 * metric) or a command (for every metric) may choose: the XmR chart's
 * outlier screening, fixed baseline, rebase months, run and trend lengths
 * and the fewest points it is judged from, and the funnel plot's method.
 *
 * One struct for both places, so that a plan's choices and a command's
 * read, merge and are described alike: a field left at 0 (rebase_set
 * false) is not chosen, and the default stands (analysis/spc.h,
 * docs/methods.md), so a plan without options charts as it always has.
 */
#ifndef PEEL_CHART_OPTIONS_H
#define PEEL_CHART_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

struct chart_options {
    int screen;      /* 0: not chosen (screened); 1 screened; -1 not screened */
    int baseline;    /* 0: every point of a group; else limits from its first N (>= 12) */
    bool rebase_set; /* rebase chosen: these months in place of the plan's first month */
    int *rebase;     /* months (util/month.h), ascending; none with rebase_set: no rebase */
    size_t nrebase;
    int run_length;   /* 0: 7; else 6, 7 or 8 points on one side of the mean */
    int trend_length; /* 0: 7; else 6, 7 or 8 points rising or falling */
    int min_points;   /* 0: 12; else the fewest points (>= 2) a chart is judged from */
    int funnel;       /* 0: not chosen; else 1 + an index of chart_funnel_words */
};

/* "spiegelhalter", "phe", NULL: analysis/funnel.h's enum funnel_method in
 * order. */
extern const char *const chart_funnel_words[];

/* NULL when the options can be used, else why not ("the baseline must be at
 * least 12 points", ...). */
const char *chart_options_check(const struct chart_options *o);
/* Every option chosen in `by` replaces the one in `to` (a command's over a
 * plan's). */
void chart_options_override(struct chart_options *to, const struct chart_options *by);
void chart_options_copy(struct chart_options *to, const struct chart_options *from);
void chart_options_free(struct chart_options *o);
/* Whether any XmR option is chosen (the funnel's aside). */
bool chart_options_spc_chosen(const struct chart_options *o);
/* The XmR options chosen, in words for a method sentence ("no outlier
 * screening; limits from the first 18 points; new limits from 2022-04 and
 * 2023-01; runs of 6; trends of 6; judged from 15 points"); nothing when
 * none is chosen. Months as YYYY-MM. */
void chart_options_describe(const struct chart_options *o, struct buf *out);

#endif
