/*
 * cmd_compare.c - `peel compare`: a metric's areas on a funnel plot, as a
 * table.
 */
#include "assess/compare.h"
#include "cli/commands.h"
#include "cli/compare_args.h"
#include "util/month.h"

#include <stdio.h>

static void area_row(struct table *t, const struct funnel_result *r, const struct funnel_point *pt,
                     bool proportion)
{
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, pt->name);
    table_set_int(t, row, 1, pt->observed);
    table_set_real(t, row, 2, pt->denominator, 0, NULL);
    table_set_text(t, row, 9, funnel_method_word(r->method));
    if (pt->excluded) {
        table_set_text(t, row, 8, pt->excluded);
        return;
    }
    int d = proportion ? 1 : 2;
    table_set_real(t, row, 3, pt->value, d, NULL);
    table_set_real(t, row, 4, pt->limits.lower998, d, NULL);
    table_set_real(t, row, 5, pt->limits.lower95, d, NULL);
    table_set_real(t, row, 6, pt->limits.upper95, d, NULL);
    table_set_real(t, row, 7, pt->limits.upper998, d, NULL);
    table_set_text(t, row, 8, funnel_position_name(pt->position));
}

static void notes(struct table *t, const struct compare_args *a, const struct area_values *v,
                  const struct funnel_result *r)
{
    table_add_note(t,
                   "%s: centre line %.*f%s (all areas together). Limits at 95%% and 99.8%%: %s "
                   "(--method %s; docs/methods.md).",
                   v->proportion ? "Share" : "Rate per 1,000 residents", v->proportion ? 1 : 2,
                   r->target, v->proportion ? "%" : "", funnel_limits_text(r),
                   funnel_method_word(r->method));
    table_add_note(t,
                   "Over-dispersion: phi = %.2f, tau^2 = %.3g; %s. %zu areas compared, %zu "
                   "excluded.",
                   r->phi, r->tau2,
                   r->adjusted ? "the areas vary more than chance explains, so the limits are "
                                 "widened by tau^2 (random-effects adjustment, a normal "
                                 "approximation on the variance-stabilising scale)"
                   : r->method == FUNNEL_PHE ? "limits not adjusted (PHEindicatormethods' method "
                                               "never adjusts)"
                   : a->adjust               ? "no adjustment needed (phi <= 1)"
                                             : "limits not adjusted (--no-adjust)",
                   r->compared, r->excluded);
    if (a->timings)
        table_add_note(t, "time: reading %.3f s, the funnel of %zu areas %.3f s",
                       v->seconds_reading, r->compared, v->seconds_comparing);
    const char *what = v->proportion ? "positive outcomes" : "crimes";
    if (v->no_location || v->outside)
        table_add_note(t,
                       "The funnel holds only the force's own areas: %ld %s with no location "
                       "and %ld outside the force area (docs/methods.md) are not on it.",
                       v->no_location, what, v->outside);
    if (v->unplaced)
        table_add_note(t, "%ld %s in areas of the force with no %s are not on the plot.",
                       v->unplaced, what, v->proportion ? "crime" : "population");
}

static int run_compare(int argc, char **argv, struct peel_ctx *ctx)
{
    struct compare_args a;
    int rc = compare_args_parse(&cmd_compare, argc, argv, ctx, false, &a);
    if (rc) {
        compare_args_free(&a);
        return rc;
    }
    struct area_values v;
    struct funnel_result r;
    struct buf err = BUF_INIT;
    if (metric_funnel(a.store, &a.plan, a.metric, &a.by, a.from, a.to, a.adjust, a.method, &v, &r,
                      &err) < 0) {
        fprintf(stderr, "peel compare: %s\n", err.p);
        buf_free(&err);
        compare_args_free(&a);
        return 1;
    }
    static const char *const cols[] = {"area",      "observed", "denominator", "value",
                                       "lower_998", "lower_95", "upper_95",    "upper_998",
                                       "position",  "method"};
    struct table t;
    table_init(&t, 10, cols);
    for (size_t i = 0; i < r.n; i++)
        area_row(&t, &r, &r.points[i], v.proportion);
    struct buf title = BUF_INIT;
    compare_args_title(&a, &title);
    table_set_title(&t, title.p);
    notes(&t, &a, &v, &r);
    table_render(&t, a.fmt, stdout);
    table_free(&t);
    buf_free(&title);
    funnel_result_free(&r);
    area_values_free(&v);
    compare_args_free(&a);
    return 0;
}

const struct peel_cmd cmd_compare = {
    "compare",
    run_compare,
    "compare a metric across areas: the funnel plot as a table",
    "peel compare --metric ID [--by district|lsoa|GROUPING] [--fy YYYY-YY | --from M --to M]\n"
    "       [--plan ID] [--method spiegelhalter|phe] [--no-adjust] [--timings]\n"
    "       [--format table|csv|json]",
    "For a metric defined over recorded crime, each area's value over the period - crimes per\n"
    "1,000 residents, or for an outcome rate the share of crimes with a positive outcome - with\n"
    "the funnel plot's limits at its size: at 95% and 99.8% around the all-area value, exact\n"
    "Poisson (rates) or binomial (shares) limits interpolated between whole counts, widened for\n"
    "over-dispersion when the areas vary more than chance explains (Spiegelhalter 2005), or\n"
    "with --method phe those of PHEindicatormethods: the exact Poisson interval inverted, or\n"
    "Wilson score limits, never adjusted (docs/methods.md). Position says whether an area is\n"
    "within the limits, or above or below the 95% or 99.8% limit; the method column names\n"
    "the method. Rates need populations (peel import-population).\n"
    "\n"
    "Options:\n"
    "  --metric ID      the plan's metric\n"
    "  --by AREA        district (default), lsoa, or an imported grouping such as csp\n"
    "  --fy YYYY-YY     a financial year (default: the latest with data)\n"
    "  --from, --to     or a span of months\n"
    "  --plan ID        which plan (default: the one loaded most recently)\n"
    "  --method M       spiegelhalter or phe (default: the metric's charts: funnel in the plan,\n"
    "                   else spiegelhalter)\n"
    "  --no-adjust      exact limits even when the areas are over-dispersed\n"
    "  --timings        say how long reading the counts and computing the funnel took\n"
    "  --format FMT     table (default), csv or json\n"
    "\n"
    "Examples:\n"
    "  peel compare --metric all-crime --by district --fy 2021-22\n"
    "  peel compare --metric positive-outcome-rate --by csp --format csv\n",
};
