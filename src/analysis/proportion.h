/*
 * proportion.h - a proportion and its uncertainty; two proportions compared.
 *
 * For shares such as the positive outcome rate (k of n crimes) or victim
 * satisfaction (k of n respondents):
 *
 *  - the Wilson score interval for one proportion (Wilson 1927), which keeps
 *    its coverage for small n and proportions near 0 or 1 where the simple
 *    p +/- z sqrt(p(1-p)/n) fails (Newcombe 1998a, method 3);
 *  - for the difference of two independent proportions, Newcombe's hybrid
 *    score interval built from the two Wilson intervals (Newcombe 1998b,
 *    method 10), and a two-sided p-value from the pooled two-proportion
 *    z-test (Armitage, Berry and Matthews, 4th ed., 4.5). The test is the
 *    usual large-sample one, not an exact test; it can disagree with the
 *    interval at the margin (p just above 0.05 while the interval just
 *    excludes 0, or the reverse), and the verdict follows the test.
 *
 * References: E.B. Wilson (1927), JASA 22:209-212; R.G. Newcombe (1998a),
 * Statistics in Medicine 17:857-872 ("Two-sided confidence intervals for the
 * single proportion"); R.G. Newcombe (1998b), Statistics in Medicine
 * 17:873-890 ("Interval estimation for the difference between independent
 * proportions").
 *
 * As for counts, "beyond chance" is not "a change in performance": a
 * positive outcome rate also moves as outcomes are updated and recording
 * changes.
 *
 * Pure computation: no I/O.
 */
#ifndef PEEL_PROPORTION_H
#define PEEL_PROPORTION_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

/* The two-sided standard normal quantile for a confidence level:
 * 1.959964 for 0.95, 3.090232 for 0.998. */
double confidence_z(double confidence);

/* Wilson score interval for k of n (0 <= k <= n, n > 0), as fractions in
 * [0, 1]; exactly 0 when k = 0 and 1 when k = n. */
void wilson_interval(int64_t k, int64_t n, double confidence, double *lower, double *upper);

struct proportion_comparison {
    int64_t k0, n0;      /* before: k0 of n0 */
    int64_t k1, n1;      /* after */
    double p0, p1;       /* the two proportions, as fractions */
    double difference;   /* p1 - p0 */
    double lower, upper; /* Newcombe (method 10) interval for the difference */
    double z;            /* pooled z statistic; 0 when both are 0% or both 100% */
    double p_value;      /* two-sided, pooled z-test */
    double confidence;   /* e.g. 0.95 */
    bool beyond_chance;  /* p_value < 1 - confidence */
};

/* false when there is nothing to compare (n0 or n1 is 0). */
bool compare_proportions(int64_t k0, int64_t n0, int64_t k1, int64_t n1, double confidence,
                         struct proportion_comparison *out);

/* "a rise from 13.5% to 15.2% (1,234 of 9,140 -> 1,389 of 9,138); beyond
 * chance (difference +1.7 percentage points, 95% CI +0.7 to +2.7;
 * two-proportion z-test, p = 0.001)". */
void describe_proportion_comparison(const struct proportion_comparison *c, struct buf *out);
/* "rise beyond chance", "fall beyond chance" or "within normal variation",
 * as comparison_verdict() says of counts. */
const char *proportion_verdict(const struct proportion_comparison *c);

#endif
