/*
 * funnel.c - funnel plots with exact limits and over-dispersion (see
 * funnel.h).
 */
#include "analysis/funnel.h"
#include "analysis/poisson.h"
#include "model/chart_options.h"
#include "util/mem.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void funnel_options_default(struct funnel_options *o, enum funnel_kind kind)
{
    *o = (struct funnel_options){
        .kind = kind,
        .per = kind == FUNNEL_RATE ? 1000.0 : 100.0,
        .winsor = 0.1,
        .adjust = true,
    };
}

/* ---- limits ------------------------------------------------------------- */

/* The count at which the distribution function reaches p, interpolated
 * between whole counts (Spiegelhalter 2005a, A.1.1): with r the p-quantile,
 * r - (F(r) - p) / (F(r) - F(r-1)). F(r) >= p > F(r-1), so the step is
 * never zero. */
static double interpolated_count(int64_t r, double f_r, double f_below, double p)
{
    assert(f_r >= p && f_r > f_below);
    return (double)r - (f_r - p) / (f_r - f_below);
}

static double exact_rate_limit(double theta, double denominator, double p)
{
    double mu = theta * denominator;
    int64_t r = poisson_quantile(mu, p);
    double count = interpolated_count(r, poisson_cdf(r, mu), poisson_cdf(r - 1, mu), p);
    return fmax(count, 0.0) / denominator;
}

static double exact_proportion_limit(double theta, int64_t n, double p)
{
    int64_t r = binomial_quantile(n, theta, p);
    double count =
        interpolated_count(r, binomial_cdf(r, n, theta), binomial_cdf(r - 1, n, theta), p);
    return fmin(fmax(count, 0.0), (double)n) / (double)n;
}

/* The shape a at which P(a, mu) = q (0 < q < 1): P falls from 1 to 0 as a
 * grows, so bisection finds it. a is the count of events whose exact
 * one-sided confidence limit (gamma quantile) is mu. */
static double gamma_shape_at(double mu, double q)
{
    assert(mu > 0 && q > 0 && q < 1);
    double lo = 0.0, hi = mu + 10.0 * sqrt(mu) + 10.0;
    while (gamma_regularized_lower(hi, mu) > q)
        hi *= 2.0;
    for (int i = 0; i < 300 && hi - lo > 1e-15 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (gamma_regularized_lower(mid, mu) > q)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* PHEindicatormethods' rate limit: the exact interval inverted (funnel.h). */
static double inverted_rate_limit(double theta, double denominator, double p)
{
    double mu = theta * denominator;
    if (mu == 0)
        return 0.0;
    double a = gamma_shape_at(mu, 1.0 - p);
    return fmax(p > 0.5 ? a : a - 1.0, 0.0) / denominator;
}

/* PHEindicatormethods' proportion limit: the Wilson score limit. */
static double wilson_limit(double theta, double n, double p)
{
    double limit = theta + normal_quantile(p) * sqrt(theta * (1.0 - theta) / n);
    return fmin(fmax(limit, 0.0), 1.0);
}

/* target +/- z_p sqrt(s^2 + tau^2) on the transformed scale, back again. */
static double adjusted_limit(enum funnel_kind kind, double theta, double denominator, double p,
                             double tau2)
{
    double spread = normal_quantile(p) * sqrt(1.0 / (4.0 * denominator) + tau2);
    if (kind == FUNNEL_RATE) {
        double root = fmax(sqrt(theta) + spread, 0.0);
        return root * root;
    }
    double angle = fmin(fmax(asin(sqrt(theta)) + spread, 0.0), M_PI / 2);
    return sin(angle) * sin(angle);
}

/* Proportions' limits are for whole trials. */
static double trials(enum funnel_kind kind, double denominator)
{
    return kind == FUNNEL_PROPORTION ? fmax(1.0, round(denominator)) : denominator;
}

double funnel_method_limits(enum funnel_method method, enum funnel_kind kind, double target,
                            double denominator, double p, double tau2, double per)
{
    assert(denominator > 0 && p > 0 && p < 1 && tau2 >= 0 && per > 0 && target >= 0);
    assert(method == FUNNEL_SPIEGELHALTER || tau2 == 0);
    double theta = target / per, d = trials(kind, denominator);
    assert(kind == FUNNEL_RATE || theta <= 1.0);
    double limit;
    if (tau2 > 0)
        limit = adjusted_limit(kind, theta, d, p, tau2);
    else if (method == FUNNEL_PHE)
        limit = kind == FUNNEL_RATE ? inverted_rate_limit(theta, d, p) : wilson_limit(theta, d, p);
    else if (kind == FUNNEL_RATE)
        limit = exact_rate_limit(theta, d, p);
    else
        limit = exact_proportion_limit(theta, (int64_t)d, p);
    return limit * per;
}

double funnel_limits(enum funnel_kind kind, double target, double denominator, double p,
                     double tau2, double per)
{
    return funnel_method_limits(FUNNEL_SPIEGELHALTER, kind, target, denominator, p, tau2, per);
}

static struct funnel_limit_set limit_set(enum funnel_method method, enum funnel_kind kind,
                                         double target, double denominator, double tau2, double per)
{
    return (struct funnel_limit_set){
        .lower95 = funnel_method_limits(method, kind, target, denominator, 0.025, tau2, per),
        .upper95 = funnel_method_limits(method, kind, target, denominator, 0.975, tau2, per),
        .lower998 = funnel_method_limits(method, kind, target, denominator, 0.001, tau2, per),
        .upper998 = funnel_method_limits(method, kind, target, denominator, 0.999, tau2, per),
    };
}

void funnel_curve(enum funnel_method method, enum funnel_kind kind, double target, double tau2,
                  double per, double dmin, double dmax, size_t npoints, bool log_spaced,
                  struct funnel_curve_point *out)
{
    assert(npoints >= 2 && dmin > 0 && dmax >= dmin);
    for (size_t i = 0; i < npoints; i++) {
        double t = (double)i / (double)(npoints - 1);
        double d = log_spaced ? dmin * pow(dmax / dmin, t) : dmin + (dmax - dmin) * t;
        d = trials(kind, d);
        out[i] = (struct funnel_curve_point){d, limit_set(method, kind, target, d, tau2, per)};
    }
}

/* ---- over-dispersion ----------------------------------------------------- */

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* R's type-7 quantile of sorted x[0..n-1]. */
static double quantile7(const double *x, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t j = (size_t)floor(h);
    if (j + 1 >= n)
        return x[n - 1];
    return x[j] + (h - (double)j) * (x[j + 1] - x[j]);
}

double funnel_phi(const double *z, size_t n, double winsor)
{
    assert(n > 0 && winsor >= 0 && winsor < 0.5);
    double *sorted = xmalloc(n * sizeof *sorted);
    memcpy(sorted, z, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_value);
    double lo = quantile7(sorted, n, winsor), hi = quantile7(sorted, n, 1.0 - winsor);
    free(sorted);
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        double w = fmin(fmax(z[i], lo), hi);
        sum += w * w;
    }
    return sum / (double)n;
}

double funnel_tau2(double phi, const double *w, size_t n)
{
    if (phi <= 1.0 || n < 2)
        return 0.0;
    double sw = 0, sw2 = 0;
    for (size_t i = 0; i < n; i++) {
        sw += w[i];
        sw2 += w[i] * w[i];
    }
    double spread = sw - sw2 / sw;
    assert(spread > 0);
    return fmax(0.0, ((double)n * phi - (double)(n - 1)) / spread);
}

/* ---- areas -------------------------------------------------------------- */

static const char *exclusion(const struct funnel_unit *u, enum funnel_kind kind)
{
    if (!isfinite(u->denominator))
        return "the denominator is not a number";
    if (u->denominator == 0)
        return "the denominator is zero";
    if (u->denominator < 0)
        return "the denominator is negative";
    if (u->observed < 0)
        return "the count is negative";
    if (kind == FUNNEL_PROPORTION && u->denominator != floor(u->denominator))
        return "the number of trials is not a whole number";
    if (kind == FUNNEL_PROPORTION && (double)u->observed > u->denominator)
        return "more successes than trials";
    return NULL;
}

/* The z-score on the variance-stabilising scale, where s = 1/(2 sqrt(d)). */
static double z_score(enum funnel_kind kind, double theta, int64_t observed, double d)
{
    double o = (double)observed;
    if (kind == FUNNEL_RATE)
        return 2.0 * (sqrt(o) - sqrt(theta * d));
    return 2.0 * sqrt(d) * (asin(sqrt(o / d)) - asin(sqrt(theta)));
}

static enum funnel_position position(double v, const struct funnel_limit_set *l)
{
    if (v > l->upper998)
        return FUNNEL_ABOVE_998;
    if (v > l->upper95)
        return FUNNEL_ABOVE_95;
    if (v < l->lower998)
        return FUNNEL_BELOW_998;
    if (v < l->lower95)
        return FUNNEL_BELOW_95;
    return FUNNEL_WITHIN;
}

/* Marks exclusions and sums the compared areas; returns how many. */
static size_t screen(const struct funnel_unit *units, size_t n, enum funnel_kind kind,
                     struct funnel_point *pts, double *sum_o, double *sum_d)
{
    size_t compared = 0;
    *sum_o = *sum_d = 0;
    for (size_t i = 0; i < n; i++) {
        pts[i] = (struct funnel_point){.name = units[i].name,
                                       .observed = units[i].observed,
                                       .denominator = units[i].denominator,
                                       .excluded = exclusion(&units[i], kind),
                                       .value = NAN,
                                       .z = NAN,
                                       .z_adjusted = NAN};
        if (pts[i].excluded)
            continue;
        compared++;
        *sum_o += (double)units[i].observed;
        *sum_d += units[i].denominator;
    }
    return compared;
}

/* phi and tau^2 over the compared areas' z-scores. */
static void dispersion(struct funnel_result *r, const struct funnel_options *o)
{
    double *z = xcalloc(r->compared, sizeof *z), *w = xcalloc(r->compared, sizeof *w);
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (r->points[i].excluded)
            continue;
        z[k] = r->points[i].z;
        w[k++] = 4.0 * r->points[i].denominator;
    }
    r->phi = funnel_phi(z, k, o->winsor);
    r->tau2 = funnel_tau2(r->phi, w, k);
    /* PHEindicatormethods never adjusts (funnel.h) */
    r->adjusted = o->adjust && o->method == FUNNEL_SPIEGELHALTER && r->tau2 > 0;
    free(z);
    free(w);
}

bool funnel_compute(const struct funnel_unit *units, size_t n, const struct funnel_options *o,
                    struct funnel_result *r)
{
    assert(o->per > 0 && o->winsor >= 0 && o->winsor < 0.5);
    *r = (struct funnel_result){
        .kind = o->kind, .method = o->method, .per = o->per, .target_given = o->has_target};
    struct funnel_point *pts = xcalloc(n ? n : 1, sizeof *pts);
    double sum_o, sum_d;
    size_t compared = screen(units, n, o->kind, pts, &sum_o, &sum_d);
    if (compared == 0) {
        free(pts);
        r->error = "no area can be compared: every denominator is zero or invalid";
        return false;
    }
    r->points = pts;
    r->n = n;
    r->compared = compared;
    r->excluded = n - compared;
    r->target = o->has_target ? o->target : sum_o / sum_d * o->per;
    double theta = r->target / o->per;
    assert(theta >= 0 && (o->kind == FUNNEL_RATE || theta <= 1));
    for (size_t i = 0; i < n; i++) {
        struct funnel_point *p = &pts[i];
        if (p->excluded)
            continue;
        p->value = (double)p->observed / p->denominator * o->per;
        p->z = z_score(o->kind, theta, p->observed, p->denominator);
    }
    dispersion(r, o);
    double tau2 = r->adjusted ? r->tau2 : 0.0;
    for (size_t i = 0; i < n; i++) {
        struct funnel_point *p = &pts[i];
        if (p->excluded)
            continue;
        p->z_adjusted = p->z / sqrt(1.0 + tau2 * 4.0 * p->denominator);
        p->limits = limit_set(o->method, o->kind, r->target, p->denominator, tau2, o->per);
        p->position = position(p->value, &p->limits);
    }
    return true;
}

void funnel_result_free(struct funnel_result *r)
{
    free(r->points);
    *r = (struct funnel_result){0};
}

const char *funnel_method_word(enum funnel_method m)
{
    return chart_funnel_words[m];
}

bool funnel_method_parse(const char *word, enum funnel_method *out)
{
    for (int i = 0; chart_funnel_words[i]; i++)
        if (strcmp(word, chart_funnel_words[i]) == 0) {
            *out = (enum funnel_method)i;
            return true;
        }
    return false;
}

const char *funnel_limits_text(const struct funnel_result *r)
{
    bool rate = r->kind == FUNNEL_RATE;
    if (r->adjusted)
        return "widened for over-dispersion (Spiegelhalter 2005)";
    if (r->method == FUNNEL_PHE)
        return rate ? "exact Poisson interval inverted (PHEindicatormethods)"
                    : "Wilson score (PHEindicatormethods)";
    return rate ? "exact Poisson, interpolated (Spiegelhalter 2005)"
                : "exact binomial, interpolated (Spiegelhalter 2005)";
}

const char *funnel_position_name(enum funnel_position p)
{
    switch (p) {
    case FUNNEL_ABOVE_95:
        return "above 95%";
    case FUNNEL_ABOVE_998:
        return "above 99.8%";
    case FUNNEL_BELOW_95:
        return "below 95%";
    case FUNNEL_BELOW_998:
        return "below 99.8%";
    case FUNNEL_WITHIN:
        break;
    }
    return "within";
}
