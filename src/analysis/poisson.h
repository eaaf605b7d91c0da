/*
 * poisson.h - comparing two counts: is the change more than chance?
 *
 * Two counts of events over two periods (crimes this year and last) are
 * compared as Poisson rates. Conditional on their sum N, the later count is
 * binomial with p0 = e1 / (e0 + e1) when the rates are equal (e0, e1 the
 * exposures: months, or residents), which gives an exact test and an exact
 * (Clopper-Pearson) confidence interval for the rate ratio, with no normal
 * approximation however small the counts. References: Armitage, Berry and
 * Matthews, Statistical Methods in Medical Research (4th ed.), 5.3; Clopper
 * and Pearson (1934), Biometrika 26:404.
 *
 * The test asks only whether the rates differ by more than Poisson chance.
 * Recorded crime usually varies more than that (seasons, recording
 * practice), and a recorded rise may be better recording rather than more
 * crime: the sentence says "beyond chance", never "a change in performance".
 */
#ifndef PEEL_POISSON_H
#define PEEL_POISSON_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

/* Regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
double beta_regularized(double a, double b, double x);
/* The x with I_x(a, b) = p. */
double beta_regularized_inverse(double a, double b, double p);
/* P(X <= k) and P(X >= k) for X ~ Binomial(n, p). */
double binomial_cdf(int64_t k, int64_t n, double p);
double binomial_sf(int64_t k, int64_t n, double p);

struct rate_comparison {
    int64_t before, after;
    double ratio;        /* (after / e1) / (before / e0); INFINITY when before is 0 */
    double lower, upper; /* confidence interval of the ratio */
    double p_value;      /* two-sided, exact */
    double confidence;   /* e.g. 0.95 */
    bool beyond_chance;  /* p_value < 1 - confidence */
};

/* false when there is nothing to compare (both counts zero). */
bool compare_counts(int64_t before, int64_t after, double exposure_before, double exposure_after,
                    double confidence, struct rate_comparison *out);

/* "a rise of 26% (735 -> 927); beyond chance (rate ratio 1.26, 95% CI 1.14
 * to 1.39; exact Poisson test, p < 0.001)". */
void describe_comparison(const struct rate_comparison *c, struct buf *out);
/* The verdict alone: "rise beyond chance", "fall beyond chance" or "within
 * normal variation". */
const char *comparison_verdict(const struct rate_comparison *c);

#endif
