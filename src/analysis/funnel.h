/*
 * funnel.h - funnel plots: which areas differ from the rest by more than
 * chance?
 *
 * Areas (districts, community safety partnerships, forces) are compared on a
 * rate per `per` residents or a proportion, plotted against their
 * denominator with control limits that narrow as the denominator grows
 * (Spiegelhalter 2005a). The method:
 *
 *  - value = observed / denominator x per (a rate per 1,000 residents, or a
 *    proportion in percent with per = 100);
 *  - target (the centre line) = sum observed / sum denominator x per, unless
 *    given;
 *  - limits at p = 0.025/0.975 (95%) and 0.001/0.999 (99.8%), exact:
 *    the p-quantile r of the count (Poisson with mean target x denominator
 *    for a rate, binomial with the denominator's trials for a proportion),
 *    interpolated between whole counts as in Spiegelhalter (2005a, appendix
 *    A.1.1): alpha = (F(r) - p) / (F(r) - F(r-1)), limit = (r - alpha) /
 *    denominator (Stata's funnelcompar computes the same); clamped at 0 (the
 *    interpolation dips below 0 for tiny denominators, where no area can
 *    fall below the limit anyway). It spreads each whole count over the
 *    interval below it, so a limit can sit up to one count below the plain
 *    discrete quantile;
 *  - z-scores on a variance-stabilising scale, where every area's variance
 *    is 1/(4 x denominator) whatever the target: the square root of the rate
 *    for rates, z = 2 (sqrt(O) - sqrt(E)) with E = target x denominator, and
 *    the angular (arcsine square root) scale for proportions, z = 2 sqrt(n)
 *    (asin sqrt(O/n) - asin sqrt(target)) (Spiegelhalter 2005b);
 *  - over-dispersion (Spiegelhalter 2005b): phi = mean of the squared
 *    z-scores after Winsorising (10% at each end by default: z-scores beyond
 *    the 10th and 90th percentiles, R's type-7 quantiles as FunnelPlotR
 *    computes them, are set to those percentiles); when phi > 1, the
 *    additive random-effects variance tau^2 = max(0, (I phi - (I - 1)) /
 *    (sum w - sum w^2 / sum w)), w = 1/s^2 = 4 x denominator, over the I
 *    compared areas (needs I >= 2). With the adjustment on (the default) and
 *    tau^2 > 0, the limits become target +/- z_p sqrt(s^2 + tau^2) on the
 *    transformed scale, back-transformed (squared, or sin^2) to the value
 *    scale: a normal approximation, as Spiegelhalter uses for adjusted
 *    limits. tau^2 is on the transformed scale of a rate per resident (per
 *    1, not per `per`).
 *
 * An area with a zero (or invalid) denominator is excluded with the reason,
 * never dropped silently.
 *
 * Two methods for the unadjusted limits (enum funnel_method):
 *
 *  - FUNNEL_SPIEGELHALTER (the default): the interpolated exact limits
 *    above, as Spiegelhalter (2005a) and Stata's funnelcompar compute them;
 *  - FUNNEL_PHE: the limits of PHEindicatormethods (calculate_funnel_limits
 *    and assign_funnel_significance, which say they follow PHE's Fingertips
 *    technical guidance). For a rate, the exact Poisson interval inverted:
 *    the upper limit is the count a whose exact lower confidence limit is the
 *    expected count mu = target x denominator, P(a, mu) = 1 - p with P the
 *    regularised lower incomplete gamma function (so an area of O events is
 *    above it exactly when P(X >= O | mu) < 1 - p); the lower limit is a - 1
 *    where P(a, mu) = 1 - p (below it exactly when P(X <= O | mu) < p). About
 *    one event above Spiegelhalter's upper limits. For a proportion, the
 *    Wilson score limits: target +/- z_p sqrt(target (1 - target) / n),
 *    clamped to [0, 1] (the proportion whose Wilson interval just reaches
 *    the target). PHEindicatormethods never adjusts for over-dispersion, and
 *    neither does this method: `adjust` is ignored and phi only reported.
 *    (PHEindicatormethods' significance for 10 or more events uses Byar's
 *    approximation to the exact interval, its plotted limits the exact one;
 *    here both are exact.)
 *
 * References: D.J. Spiegelhalter (2005a), "Funnel plots for comparing
 * institutional performance", Statistics in Medicine 24:1185-1202; D.J.
 * Spiegelhalter (2005b), "Handling over-dispersion of performance
 * indicators", Quality and Safety in Health Care 14:347-351.
 *
 * Pure computation: no I/O.
 */
#ifndef PEEL_FUNNEL_H
#define PEEL_FUNNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum funnel_kind { FUNNEL_RATE, FUNNEL_PROPORTION };

/* How the limits are computed when not adjusted (see above). */
enum funnel_method { FUNNEL_SPIEGELHALTER, FUNNEL_PHE };

enum funnel_position {
    FUNNEL_WITHIN,
    FUNNEL_ABOVE_95,  /* above the upper 95% limit, within 99.8% */
    FUNNEL_ABOVE_998, /* above the upper 99.8% limit */
    FUNNEL_BELOW_95,
    FUNNEL_BELOW_998,
};

struct funnel_unit {
    const char *name;
    int64_t observed;   /* events, or successes */
    double denominator; /* residents, or trials (a whole number) */
};

struct funnel_options {
    enum funnel_kind kind;
    double per;                /* default 1000 for rates, 100 (percent) for proportions */
    bool has_target;           /* default false: the pooled value */
    double target;             /* in value units (per `per`) */
    double winsor;             /* share Winsorised at each end for phi; default 0.1, 0 for none */
    bool adjust;               /* widen the limits for over-dispersion when phi > 1; default true */
    enum funnel_method method; /* default FUNNEL_SPIEGELHALTER */
};

struct funnel_limit_set {
    double lower95, upper95, lower998, upper998; /* value units */
};

struct funnel_point {
    const char *name; /* the input's, borrowed */
    int64_t observed;
    double denominator;
    const char *excluded;           /* NULL, or why the area is not compared */
    double value;                   /* observed / denominator x per */
    double z;                       /* on the transformed scale, before any adjustment */
    double z_adjusted;              /* z / sqrt(1 + tau^2 / s^2); equal to z when not adjusted */
    struct funnel_limit_set limits; /* at this area's denominator */
    enum funnel_position position;
};

struct funnel_result {
    enum funnel_kind kind;
    enum funnel_method method;
    double per;
    double target;               /* the centre line, value units */
    bool target_given;           /* false: pooled from the areas */
    size_t compared;             /* areas compared (I) */
    size_t excluded;             /* areas excluded, each with its reason */
    double phi;                  /* over-dispersion, Winsorised */
    double tau2;                 /* 0 unless phi > 1 */
    bool adjusted;               /* the limits include tau^2 */
    struct funnel_point *points; /* one per input unit, in input order */
    size_t n;
    const char *error; /* NULL, or why no funnel could be made */
};

void funnel_options_default(struct funnel_options *o, enum funnel_kind kind);
/* Returns false with r->error set when no area can be compared; a failed
 * result holds nothing to free. */
bool funnel_compute(const struct funnel_unit *units, size_t n, const struct funnel_options *o,
                    struct funnel_result *r);
void funnel_result_free(struct funnel_result *r);

/* The limit at probability p (e.g. 0.025 or 0.999) for an area of the given
 * denominator, in value units: by the method when tau2 is 0, the adjusted
 * normal approximation when tau2 > 0 (only ever with FUNNEL_SPIEGELHALTER).
 * target in value units; denominator > 0 (rounded to whole trials for a
 * proportion). funnel_limits() is Spiegelhalter's. */
double funnel_method_limits(enum funnel_method method, enum funnel_kind kind, double target,
                            double denominator, double p, double tau2, double per);
double funnel_limits(enum funnel_kind kind, double target, double denominator, double p,
                     double tau2, double per);

/* Limits at npoints (>= 2) denominators from dmin to dmax (0 < dmin <=
 * dmax), evenly spaced on a log scale or a linear one, for drawing the
 * funnel; proportions' denominators are rounded to whole trials (at least
 * 1). Fills out[0..npoints-1]. */
struct funnel_curve_point {
    double denominator;
    struct funnel_limit_set limits;
};
void funnel_curve(enum funnel_method method, enum funnel_kind kind, double target, double tau2,
                  double per, double dmin, double dmax, size_t npoints, bool log_spaced,
                  struct funnel_curve_point *out);

/* The pieces of the over-dispersion estimate, for testing and reuse:
 * phi from z-scores Winsorised at `winsor` each end (0 <= winsor < 0.5), and
 * tau^2 from phi and the weights w = 1/s^2 (0 when phi <= 1 or n < 2). */
double funnel_phi(const double *z, size_t n, double winsor);
double funnel_tau2(double phi, const double *w, size_t n);

/* The method's word as options and plans write it: "spiegelhalter" or
 * "phe"; funnel_method_parse() reads one (false for any other). */
const char *funnel_method_word(enum funnel_method m);
bool funnel_method_parse(const char *word, enum funnel_method *out);
/* The one phrase that names the limits a result has, for notes, charts and
 * pages: "exact Poisson, interpolated (Spiegelhalter 2005)" (or binomial),
 * "exact Poisson interval inverted (PHEindicatormethods)", "Wilson score
 * (PHEindicatormethods)", "widened for over-dispersion (Spiegelhalter
 * 2005)". */
const char *funnel_limits_text(const struct funnel_result *r);

/* "within", "above 95%", "above 99.8%", "below 95%", "below 99.8%". */
const char *funnel_position_name(enum funnel_position p);

#endif
