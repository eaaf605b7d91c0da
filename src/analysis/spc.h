/*
 * spc.h - XmR statistical process control charts, as NHS "Making Data
 * Count" (MDC) defines them.
 *
 * The method follows NHSRplotthedots (v0.2.2), the NHS-R reference
 * implementation of MDC, so that Peel's icons agree with the charts NHS and
 * police analysts already read:
 *
 *  - centre line: the mean of the baseline points (all points of a rebase
 *    group, or its first `fix_after` points);
 *  - moving ranges |x[i] - x[i-1]| within a group; with screening (the
 *    default) ranges of 3.267 x their mean or more are left out and the mean
 *    range recomputed once (Nelson 1982); the centre line is not;
 *  - process limits mean +/- 2.66 x mean moving range, and the "2 sigma"
 *    lines at 2/3 of that distance;
 *  - special-cause rules, in this priority: a point beyond a limit; a trend
 *    (`trend_length` points each strictly above or below the one before); two
 *    of three consecutive points beyond the same 2-sigma line (only the points
 *    beyond it are flagged, and a point beyond a limit does not count); a
 *    shift (`shift_length` points on one side of the mean). A repeated value
 *    breaks a trend and a point on the mean breaks a shift.
 *
 * Unlike NHSRplotthedots, gaps are never computed over: a missing value
 * breaks moving ranges, trends and shifts, and is reported.
 *
 * A chart of fewer than `min_points` values (0 by default: any) is drawn
 * but not judged: limits are computed, but no point is special cause, its
 * variation is SPC_MISSING and its assurance none.
 *
 * Pure computation: no I/O.
 */
#ifndef PEEL_SPC_H
#define PEEL_SPC_H

#include <stdbool.h>
#include <stddef.h>

enum spc_polarity { SPC_HIGHER_IS_BETTER = 1, SPC_NEUTRAL = 0, SPC_LOWER_IS_BETTER = -1 };

enum spc_rule {
    SPC_RULE_NONE,
    SPC_RULE_BEYOND_LIMIT,
    SPC_RULE_TREND,
    SPC_RULE_TWO_OF_THREE,
    SPC_RULE_SHIFT,
};

enum spc_point_type {
    SPC_MISSING,
    SPC_COMMON_CAUSE,
    SPC_IMPROVEMENT,
    SPC_CONCERN,
    SPC_NEUTRAL_HIGH,
    SPC_NEUTRAL_LOW,
};

enum spc_assurance {
    SPC_ASSURANCE_NONE, /* no target, or a neutral measure */
    SPC_ASSURANCE_PASS, /* the process will consistently meet the target */
    SPC_ASSURANCE_FAIL, /* ... consistently fail it */
    SPC_ASSURANCE_HIT_AND_MISS,
};

struct spc_options {
    bool screen_outliers;    /* default true */
    int shift_length;        /* points on one side of the mean; default 7 (6 allowed) */
    int trend_length;        /* points rising or falling; default 7 (6 allowed) */
    int fix_after;           /* baseline: first N points of each group (0: all; else >= 12) */
    const size_t *rebase_at; /* indices where a new group starts (ascending), or NULL */
    size_t nrebase;
    enum spc_polarity polarity;
    bool has_target;
    double target;
    int min_points; /* judged only with at least this many values; default 0 */
};

struct spc_point {
    double value;
    bool missing;
    size_t group; /* rebase group */
    double mean, upl, lpl, upper_2s, lower_2s;
    double moving_range; /* NAN for the first point of a run of values */
    enum spc_rule rule;  /* the rule that fired, by priority */
    int direction;       /* +1 above/increasing, -1 below/decreasing, 0 none */
    enum spc_point_type type;
};

struct spc_result {
    struct spc_point *points;
    size_t n;
    size_t missing;                /* how many values were missing (gaps) */
    bool trial_limits;             /* some group's baseline has fewer than 12 points */
    enum spc_point_type variation; /* the icon: the latest point's type */
    enum spc_assurance assurance;  /* from the latest group's limits */
    bool judged;                   /* at least min_points values */
    int min_points;                /* the options' */
    const char *error;             /* NULL, or why no chart could be made */
};

void spc_options_default(struct spc_options *o);
/* values[i] with missing[i] true (missing may be NULL) is a gap. Returns
 * false with r->error set when the options or data cannot make a chart
 * (fewer than 2 values in a group, fix_after below 12); a failed result
 * holds nothing to free. */
bool spc_compute(const double *values, const bool *missing, size_t n, const struct spc_options *o,
                 struct spc_result *r);
void spc_result_free(struct spc_result *r);

const char *spc_rule_name(enum spc_rule rule);
const char *spc_point_type_name(enum spc_point_type type);
const char *spc_assurance_name(enum spc_assurance a);

#endif
