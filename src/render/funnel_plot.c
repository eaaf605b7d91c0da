/*
 * funnel_plot.c - a funnel result as a chart (see funnel_plot.h).
 */
#include "render/funnel_plot.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int position_sign(enum funnel_position pos)
{
    static const int signs[] = {[FUNNEL_WITHIN] = 0,
                                [FUNNEL_ABOVE_95] = 1,
                                [FUNNEL_ABOVE_998] = 2,
                                [FUNNEL_BELOW_95] = -1,
                                [FUNNEL_BELOW_998] = -2};
    return signs[pos];
}

/* The compared areas as points; their smallest and largest denominators. */
static void points(struct funnel_plot *f, const struct funnel_result *r, const char *highlight,
                   double *lo, double *hi)
{
    struct chart_funnel *c = &f->chart;
    *lo = *hi = 0;
    for (size_t i = 0; i < r->n; i++) {
        const struct funnel_point *pt = &r->points[i];
        if (pt->excluded)
            continue;
        if (highlight && strcmp(pt->name, highlight) == 0) {
            c->has_highlight = true;
            c->highlight = c->n;
        }
        f->names[c->n] = pt->name;
        f->x[c->n] = pt->denominator;
        f->y[c->n] = pt->value;
        f->position[c->n++] = position_sign(pt->position);
        *lo = *lo == 0 || pt->denominator < *lo ? pt->denominator : *lo;
        *hi = pt->denominator > *hi ? pt->denominator : *hi;
    }
}

static void curves(struct funnel_plot *f, const struct funnel_result *r, double lo, double hi)
{
    struct funnel_curve_point curve[FUNNEL_PLOT_CURVE];
    funnel_curve(r->method, r->kind, r->target, r->adjusted ? r->tau2 : 0, r->per, lo * 0.8,
                 hi * 1.1, FUNNEL_PLOT_CURVE, false, curve);
    for (size_t i = 0; i < FUNNEL_PLOT_CURVE; i++) {
        f->curve_x[i] = curve[i].denominator;
        f->lo95[i] = curve[i].limits.lower95;
        f->hi95[i] = curve[i].limits.upper95;
        f->lo998[i] = curve[i].limits.lower998;
        f->hi998[i] = curve[i].limits.upper998;
    }
}

static void describe(struct funnel_plot *f, const struct funnel_result *r, bool proportion)
{
    const struct chart_funnel *c = &f->chart;
    int places = proportion ? 1 : 2;
    struct buf *d = &f->description;
    buf_printf(d, "Funnel plot of %zu areas around %.*f%s (%s); ", c->n, places, r->target,
               proportion ? "%" : " per 1,000 residents", f->method);
    size_t outside = 0;
    for (size_t i = 0; i < c->n; i++)
        if (f->position[i]) {
            int pos = f->position[i];
            buf_printf(d, "%s%s is %s the %s limit (%.*f)", outside++ ? "; " : "", f->names[i],
                       pos > 0 ? "above" : "below", abs(pos) == 2 ? "99.8%" : "95%", places,
                       f->y[i]);
        }
    if (!outside)
        buf_puts(d, "every area is within the 95% limits");
    if (c->has_highlight)
        buf_printf(d, ". %s, ringed and named in bold, is at %.*f%s", f->names[c->highlight],
                   places, f->y[c->highlight], proportion ? "%" : " per 1,000 residents");
}

void funnel_plot_init(struct funnel_plot *f, const struct funnel_result *r, bool proportion,
                      const char *title, const char *highlight)
{
    *f = (struct funnel_plot){.description = BUF_INIT};
    f->names = xcalloc(r->n + 1, sizeof *f->names);
    f->x = xcalloc(r->n + 1, sizeof *f->x);
    f->y = xcalloc(r->n + 1, sizeof *f->y);
    f->position = xcalloc(r->n + 1, sizeof *f->position);
    snprintf(f->method, sizeof f->method, "Limits at 95%% and 99.8%%: %s", funnel_limits_text(r));
    double lo, hi;
    points(f, r, highlight, &lo, &hi);
    if (f->chart.n > 0)
        curves(f, r, lo, hi);
    describe(f, r, proportion);
    f->chart = (struct chart_funnel){
        .title = title,
        .description = buf_str(&f->description),
        .x_label = proportion ? "Crimes" : "Residents",
        .y_label = proportion ? "Per cent" : "Per 1,000 residents",
        .method = f->method,
        .n = f->chart.n,
        .names = f->names,
        .x = f->x,
        .y = f->y,
        .position = f->position,
        .centre = r->target,
        .ncurve = FUNNEL_PLOT_CURVE,
        .curve_x = f->curve_x,
        .lo95 = f->lo95,
        .hi95 = f->hi95,
        .lo998 = f->lo998,
        .hi998 = f->hi998,
        .has_highlight = f->chart.has_highlight,
        .highlight = f->chart.highlight,
    };
}

void funnel_plot_free(struct funnel_plot *f)
{
    free(f->names);
    free(f->x);
    free(f->y);
    free(f->position);
    buf_free(&f->description);
}
