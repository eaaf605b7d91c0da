/*
 * target.h - has a plan's target been met, allowing for chance?
 *
 * A Police and Crime Plan sets two kinds of target (as model/plan.h reads
 * them, though this module takes its own small description and does not
 * depend on plans): a reduction of X% from a baseline period, and a level to
 * reach (at least, or for a lower-is-better measure at most, a figure).
 *
 * An observed figure is one draw from an underlying rate: 78,900 crimes
 * this year could as easily have been 78,600. The honest question is whether
 * the underlying rate is on the right side of the target, so each verdict
 * compares a confidence interval of the underlying figure with the target:
 *
 *  - MET: the whole interval is on the right side of the target (at or
 *    below it for a reduction or an "at most" level, at or above for "at
 *    least");
 *  - NOT MET: the whole interval is strictly on the wrong side;
 *  - TOO CLOSE TO CALL: the interval straddles the target; the observed
 *    figure alone (point_met) is still reported, so a report can say
 *    "observed 5.4% reduction, target 5%, too close to call";
 *  - NO DATA: a figure is missing.
 *
 * Methods:
 *  - a count (crimes in the period) is treated as Poisson; its interval is
 *    the exact (Garwood 1936) interval for the Poisson mean;
 *  - a reduction target is a count target of baseline x (1 - X/100). The
 *    baseline is taken as fixed: it is the plan's stated reference, not an
 *    estimate, so its own chance variation is not added (doing so would
 *    widen the interval by about sqrt(2) when the counts are alike);
 *  - on track during the year: the year-to-date count (months 1..m of the
 *    assessed year) against the same months of the baseline x (1 - X/100),
 *    by the same rule, labelled on track / off track / too close to call;
 *  - a proportion (k of n, e.g. a positive outcome rate) uses the Wilson
 *    score interval (see proportion.h);
 *  - a plain value with no denominator (hours, a loaded figure) has no
 *    measure of uncertainty: the verdict is MET or NOT MET on the value
 *    itself, and has_interval is false so that a report can say so.
 *
 * References: F. Garwood (1936), Biometrika 28:437-442; E.B. Wilson (1927),
 * JASA 22:209-212. NHS "Making Data Count" asks the same question of a
 * process over time (spc.h's assurance icon); this asks it of one period.
 *
 * Pure computation: no I/O.
 */
#ifndef PEEL_TARGET_H
#define PEEL_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

enum goal_kind { GOAL_REDUCTION, GOAL_LEVEL };
/* Which side of a level is good; a reduction is lower-is-better by nature. */
enum goal_polarity { GOAL_HIGHER_IS_BETTER, GOAL_LOWER_IS_BETTER };

struct target_goal {
    enum goal_kind kind;
    /* a reduction: the percentage (5 for 5%); a level: the figure in the
     * measure's units (a percentage, 25 for 25%, for a proportion) */
    double value;
    enum goal_polarity polarity; /* levels: at least (higher) or at most (lower) */
};

enum target_verdict { TARGET_NO_DATA, TARGET_MET, TARGET_NOT_MET, TARGET_TOO_CLOSE_TO_CALL };
enum target_measure { TARGET_MEASURE_COUNT, TARGET_MEASURE_PROPORTION, TARGET_MEASURE_VALUE };

/* A count or baseline passed as TARGET_NO_COUNT (or any negative number) is
 * missing, and gives a NO DATA verdict. */
#define TARGET_NO_COUNT (-1)

struct target_assessment {
    struct target_goal goal;
    enum target_measure measure;
    enum target_verdict verdict;
    const char *no_data; /* NO DATA: what is missing; NULL otherwise */
    bool point_met;      /* the observed figure alone is on the right side (or on) the target */
    bool has_interval;   /* false for a plain value: no uncertainty available */
    double observed;     /* the count, the percentage (0-100) or the value */
    double target;       /* in the same units: baseline x (1 - X/100), or the level */
    double lower, upper; /* interval of the underlying count or percentage */
    double confidence;   /* e.g. 0.95; 0 when there is no interval */
    int64_t baseline;    /* reductions: the baseline count (its first m months when in year) */
    double change_pct;   /* reductions: 100 (observed - baseline) / baseline; < 0 is a fall */
    int64_t count, denominator; /* counts: the count; proportions: k of n */
    int months;                 /* 0: a whole period; m: months 1..m of the year to date */
};

/* A reduction target on counts: `observed` in the assessed period against
 * `baseline` in the baseline period. NO DATA when either is missing or the
 * baseline is 0 (no reduction from nothing can be measured). */
void target_reduction(const struct target_goal *g, int64_t baseline, int64_t observed,
                      double confidence, struct target_assessment *out);
/* The same for months 1..months of the year (1 <= months <= 12), against the
 * same months of the baseline year. */
void target_on_track(const struct target_goal *g, int64_t baseline_to_date,
                     int64_t observed_to_date, int months, double confidence,
                     struct target_assessment *out);
/* A level target on a count (e.g. at most 150 people killed or seriously
 * injured), exact Poisson interval. */
void target_level_count(const struct target_goal *g, int64_t count, double confidence,
                        struct target_assessment *out);
/* A level target on a proportion, k of n; goal value in percent. NO DATA
 * when n is 0 or either is missing. */
void target_level_proportion(const struct target_goal *g, int64_t k, int64_t n, double confidence,
                             struct target_assessment *out);
/* A level target on a plain value; NO DATA when it is NaN. */
void target_level_value(const struct target_goal *g, double value, struct target_assessment *out);

/* "met", "not met", "too close to call", "no data"; in year "on track",
 * "off track", "too close to call", "no data". */
const char *target_verdict_name(const struct target_assessment *a);

/* Words for the sentence; any may be NULL. */
struct target_labels {
    const char *what;     /* "all crime", "the positive outcome rate" */
    const char *baseline; /* the baseline period, "2012-13" */
    const char *period;   /* the assessed period, "2013-14" */
};

/* "Target: 5% reduction in all crime from 2012-13 (at most 80,123).
 * 2013-14: 78,900, a 6.5% reduction; met (95% CI of the underlying count
 * 78,350 to 79,452 is below the target)". */
void describe_target(const struct target_assessment *a, const struct target_labels *l,
                     struct buf *out);

#endif
