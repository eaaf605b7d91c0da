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
 * It also exports the distribution functions the other analysis modules
 * share: incomplete beta and gamma, binomial and Poisson tails and
 * quantiles, Garwood's (1936, Biometrika 28:437) exact interval for a
 * Poisson mean, and the normal quantile.
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

/* Distribution functions shared by the analysis modules (proportion.c,
 * target.c, funnel.c). Relative accuracy is about 1e-12 for counts of
 * thousands and 1e-9 at a million (lgamma of large arguments limits it). */

/* Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x),
 * a > 0, x >= 0. */
double gamma_regularized_lower(double a, double x);
double gamma_regularized_upper(double a, double x);
/* The x with P(a, x) = p, 0 < p < 1: the p-quantile of Gamma(a, 1), so
 * chi-square quantiles are 2 * gamma_regularized_inverse(df / 2, p). */
double gamma_regularized_inverse(double a, double p);
/* P(X <= k) for X ~ Poisson(mu), mu >= 0. */
double poisson_cdf(int64_t k, double mu);
/* The smallest r >= 0 with P(X <= r) >= p, 0 < p < 1, for X ~ Poisson(mu)
 * and X ~ Binomial(n, prob). */
int64_t poisson_quantile(double mu, double p);
int64_t binomial_quantile(int64_t n, double prob, double p);
/* Exact (Garwood 1936) interval for the mean of a Poisson count k: the
 * gamma quantiles at (1 - confidence) / 2 with shape k and at
 * (1 + confidence) / 2 with shape k + 1; the lower limit is 0 when k is 0. */
void poisson_mean_interval(int64_t k, double confidence, double *lower, double *upper);
/* Standard normal distribution: Phi(x), and its inverse (0 < p < 1). */
double normal_cdf(double x);
double normal_quantile(double p);

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
/* The evidence alone: "rate ratio 1.26, 95% CI 1.14 to 1.39; exact Poisson
 * test, p < 0.001" (no ratio when the earlier count is 0, no interval when
 * its upper limit is infinite). */
void describe_rate_evidence(const struct rate_comparison *c, struct buf *out);
/* The verdict alone: "rise beyond chance", "fall beyond chance" or "within
 * normal variation". */
const char *comparison_verdict(const struct rate_comparison *c);
/* "p < 0.001" or "p = 0.042", as every Peel sentence prints a p-value. */
void describe_p_value(double p, struct buf *out);

#endif
