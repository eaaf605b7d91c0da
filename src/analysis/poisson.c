/*
 * poisson.c - exact comparison of two Poisson counts (see poisson.h).
 *
 * The incomplete beta function is evaluated by its continued fraction
 * (modified Lentz method), which converges quickly for x < (a+1)/(a+b+2);
 * beyond that the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) is used.
 */
#include "analysis/poisson.h"

#include <assert.h>
#include <math.h>

#define TINY      1e-300
#define EPSILON   1e-15
#define MAX_TERMS 200000

static double continued_fraction(double a, double b, double x)
{
    double f = 1.0, c = 1.0, d = 0.0;
    for (int i = 0; i < MAX_TERMS; i++) {
        int m = i / 2;
        double num;
        if (i == 0)
            num = 1.0;
        else if (i % 2 == 0)
            num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        else
            num = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
        d = 1.0 + num * d;
        d = 1.0 / (fabs(d) < TINY ? TINY : d);
        c = 1.0 + num / c;
        c = fabs(c) < TINY ? TINY : c;
        double cd = c * d;
        f *= cd;
        if (fabs(1.0 - cd) < EPSILON)
            return f - 1.0;
    }
    return f - 1.0; /* not reached for the sizes Peel sees (counts < 10^8) */
}

double beta_regularized(double a, double b, double x)
{
    assert(a > 0 && b > 0 && x >= 0 && x <= 1);
    if (x == 0.0 || x == 1.0)
        return x;
    if (x > (a + 1.0) / (a + b + 2.0))
        return 1.0 - beta_regularized(b, a, 1.0 - x);
    double log_front = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
    return exp(log_front) / a * continued_fraction(a, b, x);
}

double beta_regularized_inverse(double a, double b, double p)
{
    double lo = 0.0, hi = 1.0;
    for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
        double mid = 0.5 * (lo + hi);
        if (beta_regularized(a, b, mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

double binomial_cdf(int64_t k, int64_t n, double p)
{
    if (k < 0)
        return 0.0;
    if (k >= n)
        return 1.0;
    return beta_regularized((double)(n - k), (double)k + 1.0, 1.0 - p);
}

double binomial_sf(int64_t k, int64_t n, double p)
{
    if (k <= 0)
        return 1.0;
    if (k > n)
        return 0.0;
    return beta_regularized((double)k, (double)(n - k) + 1.0, p);
}

/* Clopper-Pearson interval for a binomial proportion x / n. */
static void proportion_interval(int64_t x, int64_t n, double alpha, double *lo, double *hi)
{
    *lo = x == 0 ? 0.0 : beta_regularized_inverse((double)x, (double)(n - x) + 1.0, alpha / 2);
    *hi =
        x == n ? 1.0 : beta_regularized_inverse((double)x + 1.0, (double)(n - x), 1.0 - alpha / 2);
}

/* The rate ratio that a share q of events in the later period means. */
static double ratio_of_share(double q, double e0, double e1)
{
    return q >= 1.0 ? INFINITY : q / (1.0 - q) * (e0 / e1);
}

bool compare_counts(int64_t before, int64_t after, double exposure_before, double exposure_after,
                    double confidence, struct rate_comparison *out)
{
    assert(before >= 0 && after >= 0 && exposure_before > 0 && exposure_after > 0);
    int64_t n = before + after;
    if (n == 0)
        return false;
    double alpha = 1.0 - confidence, e0 = exposure_before, e1 = exposure_after;
    double p0 = e1 / (e0 + e1);
    double lower_tail = binomial_cdf(after, n, p0), upper_tail = binomial_sf(after, n, p0);
    double p = 2.0 * fmin(lower_tail, upper_tail);
    double qlo, qhi;
    proportion_interval(after, n, alpha, &qlo, &qhi);
    *out = (struct rate_comparison){
        .before = before,
        .after = after,
        .ratio = before == 0 ? INFINITY : ((double)after / e1) / ((double)before / e0),
        .lower = ratio_of_share(qlo, e0, e1),
        .upper = ratio_of_share(qhi, e0, e1),
        .p_value = p > 1.0 ? 1.0 : p,
        .confidence = confidence,
    };
    out->beyond_chance = out->p_value < alpha;
    return true;
}

const char *comparison_verdict(const struct rate_comparison *c)
{
    if (!c->beyond_chance)
        return "within normal variation";
    return c->after > c->before ? "rise beyond chance" : "fall beyond chance";
}

static void format_p(double p, struct buf *out)
{
    if (p < 0.001)
        buf_puts(out, "p < 0.001");
    else
        buf_printf(out, "p = %.3f", p);
}

void describe_comparison(const struct rate_comparison *c, struct buf *out)
{
    if (c->before == c->after) {
        buf_printf(out, "no change (%lld both years)", (long long)c->before);
    } else if (c->before == 0) {
        buf_printf(out, "a rise from none to %lld", (long long)c->after);
    } else {
        double pct = 100.0 * fabs((double)(c->after - c->before)) / (double)c->before;
        buf_printf(out, "a %s of %.*f%% (%lld -> %lld)", c->after > c->before ? "rise" : "fall",
                   pct < 10 ? 1 : 0, pct, (long long)c->before, (long long)c->after);
    }
    buf_printf(out, "; %s", c->beyond_chance ? "beyond chance" : "within normal variation");
    buf_puts(out, " (");
    if (isfinite(c->ratio))
        buf_printf(out, "rate ratio %.2f, ", c->ratio);
    if (isfinite(c->upper))
        buf_printf(out, "%.0f%% CI %.2f to %.2f; ", 100 * c->confidence, c->lower, c->upper);
    buf_puts(out, "exact Poisson test, ");
    format_p(c->p_value, out);
    buf_putc(out, ')');
}
