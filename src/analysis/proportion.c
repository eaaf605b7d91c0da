/*
 * proportion.c - Wilson intervals and two proportions compared (see
 * proportion.h).
 */
#include "analysis/proportion.h"
#include "analysis/poisson.h"
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>

double confidence_z(double confidence)
{
    assert(confidence > 0 && confidence < 1);
    return normal_quantile(0.5 + confidence / 2);
}

void wilson_interval(int64_t k, int64_t n, double confidence, double *lower, double *upper)
{
    assert(n > 0 && k >= 0 && k <= n);
    double z = confidence_z(confidence), z2 = z * z, nn = (double)n;
    double p = (double)k / nn;
    double scale = 1.0 + z2 / nn;
    double centre = (p + z2 / (2 * nn)) / scale;
    double half = z / scale * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    /* the ends are exact at 0 and n; the formula leaves rounding dust there */
    *lower = k == 0 ? 0.0 : fmax(0.0, centre - half);
    *upper = k == n ? 1.0 : fmin(1.0, centre + half);
}

/* The pooled z statistic; 0 when the pooled proportion is 0 or 1, where
 * both proportions are equal and the test has nothing to say. */
static double pooled_z(int64_t k0, int64_t n0, int64_t k1, int64_t n1)
{
    double pooled = (double)(k0 + k1) / (double)(n0 + n1);
    double var = pooled * (1 - pooled) * (1.0 / (double)n0 + 1.0 / (double)n1);
    if (var <= 0)
        return 0.0;
    return ((double)k1 / (double)n1 - (double)k0 / (double)n0) / sqrt(var);
}

bool compare_proportions(int64_t k0, int64_t n0, int64_t k1, int64_t n1, double confidence,
                         struct proportion_comparison *out)
{
    assert(k0 >= 0 && k0 <= n0 && k1 >= 0 && k1 <= n1);
    if (n0 == 0 || n1 == 0)
        return false;
    double l0, u0, l1, u1;
    wilson_interval(k0, n0, confidence, &l0, &u0);
    wilson_interval(k1, n1, confidence, &l1, &u1);
    double p0 = (double)k0 / (double)n0, p1 = (double)k1 / (double)n1, d = p1 - p0;
    double z = pooled_z(k0, n0, k1, n1);
    *out = (struct proportion_comparison){
        .k0 = k0,
        .n0 = n0,
        .k1 = k1,
        .n1 = n1,
        .p0 = p0,
        .p1 = p1,
        .difference = d,
        .lower = d - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0)),
        .upper = d + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0)),
        .z = z,
        .p_value = erfc(fabs(z) / M_SQRT2),
        .confidence = confidence,
    };
    out->beyond_chance = out->p_value < 1.0 - confidence;
    return true;
}

/* k0/n0 and k1/n1 compared exactly, without rounding. */
static int direction(const struct proportion_comparison *c)
{
    /* exact while each product stays below 2^64 (counts below 4 x 10^9) */
    long double a = (long double)c->k1 * c->n0, b = (long double)c->k0 * c->n1;
    return a > b ? 1 : a < b ? -1 : 0;
}

const char *proportion_verdict(const struct proportion_comparison *c)
{
    if (!c->beyond_chance)
        return "within normal variation";
    return direction(c) > 0 ? "rise beyond chance" : "fall beyond chance";
}

/* One decimal place, or two when one would show two different proportions
 * as the same figure. */
static int percent_decimals(const struct proportion_comparison *c)
{
    bool same_at_one = lround(c->p0 * 1000) == lround(c->p1 * 1000);
    return same_at_one && direction(c) != 0 ? 2 : 1;
}

/* "+1.7", "-0.4", or "0.0" for a value that rounds to zero. */
static void put_signed(struct buf *out, double v, int decimals)
{
    if (v > 0 && round(v * pow(10, decimals)) != 0)
        buf_putc(out, '+');
    buf_put_number(out, v, decimals);
}

static void put_k_of_n(struct buf *out, int64_t k, int64_t n)
{
    buf_put_count(out, k);
    buf_puts(out, " of ");
    buf_put_count(out, n);
}

void describe_proportion_comparison(const struct proportion_comparison *c, struct buf *out)
{
    int dec = percent_decimals(c), dir = direction(c);
    if (dir == 0) {
        buf_printf(out, "no change (%.*f%% in both; ", dec, 100 * c->p0);
    } else {
        buf_printf(out, "a %s from %.*f%% to %.*f%% (", dir > 0 ? "rise" : "fall", dec, 100 * c->p0,
                   dec, 100 * c->p1);
    }
    put_k_of_n(out, c->k0, c->n0);
    buf_puts(out, " -> ");
    put_k_of_n(out, c->k1, c->n1);
    buf_printf(out, "); %s (difference ",
               c->beyond_chance ? "beyond chance" : "within normal variation");
    put_signed(out, 100 * c->difference, dec);
    buf_printf(out, " percentage points, %.0f%% CI ", 100 * c->confidence);
    put_signed(out, 100 * c->lower, dec);
    buf_puts(out, " to ");
    put_signed(out, 100 * c->upper, dec);
    buf_puts(out, "; two-proportion z-test, ");
    describe_p_value(c->p_value, out);
    buf_putc(out, ')');
}
