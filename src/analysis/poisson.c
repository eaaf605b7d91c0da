/*
 * poisson.c - exact comparison of two Poisson counts (see poisson.h).
 *
 * The incomplete beta function is evaluated by its continued fraction
 * (modified Lentz method), which converges quickly for x < (a+1)/(a+b+2);
 * beyond that the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) is used. The
 * incomplete gamma function likewise uses its series below a + 1 and its
 * continued fraction above (Numerical Recipes in C, 2nd ed., 6.2).
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

/* exp(-x) x^a / Gamma(a), the factor both expansions of P(a, x) share. */
static double gamma_front(double a, double x)
{
    return exp(-x + a * log(x) - lgamma(a));
}

/* P(a, x) by its power series; converges fast for x < a + 1. */
static double gamma_series(double a, double x)
{
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < MAX_TERMS; n++) {
        term *= x / (a + n);
        sum += term;
        if (fabs(term) < fabs(sum) * EPSILON)
            break;
    }
    return sum * gamma_front(a, x);
}

/* Q(a, x) by its continued fraction (modified Lentz); for x >= a + 1. */
static double gamma_continued_fraction(double a, double x)
{
    double b = x + 1.0 - a, c = 1.0 / TINY, d = 1.0 / b, h = d;
    for (int i = 1; i < MAX_TERMS; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        d = 1.0 / (fabs(d) < TINY ? TINY : d);
        c = b + an / c;
        c = fabs(c) < TINY ? TINY : c;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < EPSILON)
            break;
    }
    return h * gamma_front(a, x);
}

double gamma_regularized_lower(double a, double x)
{
    assert(a > 0 && x >= 0);
    if (x == 0.0)
        return 0.0;
    return x < a + 1.0 ? gamma_series(a, x) : 1.0 - gamma_continued_fraction(a, x);
}

double gamma_regularized_upper(double a, double x)
{
    assert(a > 0 && x >= 0);
    if (x == 0.0)
        return 1.0;
    return x < a + 1.0 ? 1.0 - gamma_series(a, x) : gamma_continued_fraction(a, x);
}

double gamma_regularized_inverse(double a, double p)
{
    assert(a > 0 && p > 0 && p < 1);
    double lo = 0.0, hi = a + 10.0 * sqrt(a) + 10.0;
    while (gamma_regularized_lower(a, hi) < p)
        hi *= 2.0;
    for (int i = 0; i < 300 && hi - lo > 1e-15 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (gamma_regularized_lower(a, mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

double poisson_cdf(int64_t k, double mu)
{
    assert(mu >= 0);
    if (k < 0)
        return 0.0;
    return gamma_regularized_upper((double)k + 1.0, mu);
}

/* Walks from a normal-approximation guess to the smallest r with cdf(r) >= p;
 * the guess is within a few steps for any mean, so the walk is short. */
static int64_t walk_to_quantile(int64_t r, int64_t max, double p,
                                double (*cdf)(int64_t, const void *), const void *ctx)
{
    r = r < 0 ? 0 : r > max ? max : r;
    if (cdf(r, ctx) >= p) {
        while (r > 0 && cdf(r - 1, ctx) >= p)
            r--;
    } else {
        while (r < max && cdf(r, ctx) < p)
            r++;
    }
    return r;
}

struct poisson_ctx {
    double mu;
};

static double poisson_cdf_ctx(int64_t k, const void *ctx)
{
    return poisson_cdf(k, ((const struct poisson_ctx *)ctx)->mu);
}

int64_t poisson_quantile(double mu, double p)
{
    assert(mu >= 0 && p > 0 && p < 1);
    struct poisson_ctx ctx = {mu};
    double guess = floor(mu + normal_quantile(p) * sqrt(mu));
    return walk_to_quantile((int64_t)fmax(guess, 0.0), INT64_MAX - 1, p, poisson_cdf_ctx, &ctx);
}

struct binomial_ctx {
    int64_t n;
    double prob;
};

static double binomial_cdf_ctx(int64_t k, const void *ctx)
{
    const struct binomial_ctx *b = ctx;
    return binomial_cdf(k, b->n, b->prob);
}

int64_t binomial_quantile(int64_t n, double prob, double p)
{
    assert(n >= 0 && prob >= 0 && prob <= 1 && p > 0 && p < 1);
    struct binomial_ctx ctx = {n, prob};
    double mean = (double)n * prob;
    double guess = floor(mean + normal_quantile(p) * sqrt(mean * (1.0 - prob)));
    return walk_to_quantile((int64_t)fmax(guess, 0.0), n, p, binomial_cdf_ctx, &ctx);
}

void poisson_mean_interval(int64_t k, double confidence, double *lower, double *upper)
{
    assert(k >= 0 && confidence > 0 && confidence < 1);
    double alpha = 1.0 - confidence;
    *lower = k == 0 ? 0.0 : gamma_regularized_inverse((double)k, alpha / 2);
    *upper = gamma_regularized_inverse((double)k + 1.0, 1.0 - alpha / 2);
}

double normal_cdf(double x)
{
    return 0.5 * erfc(-x / M_SQRT2);
}

/* Acklam's rational approximation (relative error 1.2e-9), then two Halley
 * steps on erfc, which bring it to full double precision. */
static double normal_quantile_guess(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    const double low = 0.02425;
    if (p < low || p > 1 - low) {
        double q = sqrt(-2 * log(p < low ? p : 1 - p));
        double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                   ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        return p < low ? x : -x;
    }
    double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double normal_quantile(double p)
{
    assert(p > 0 && p < 1);
    double x = normal_quantile_guess(p);
    for (int i = 0; i < 2; i++) {
        double e = normal_cdf(x) - p;
        double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
        x -= u / (1 + x * u / 2);
    }
    return x;
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
        /* products first (exact for whole exposures), then one division: 4
         * against 5 is 0.8, not 0.7999999999999999 */
        .ratio = before == 0 ? INFINITY : ((double)after * e0) / ((double)before * e1),
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

void describe_p_value(double p, struct buf *out)
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
    describe_rate_evidence(c, out);
    buf_putc(out, ')');
}

void describe_rate_evidence(const struct rate_comparison *c, struct buf *out)
{
    if (isfinite(c->ratio))
        buf_printf(out, "rate ratio %.2f, ", c->ratio);
    if (isfinite(c->upper))
        buf_printf(out, "%.0f%% CI %.2f to %.2f; ", 100 * c->confidence, c->lower, c->upper);
    buf_puts(out, "exact Poisson test, ");
    describe_p_value(c->p_value, out);
}
