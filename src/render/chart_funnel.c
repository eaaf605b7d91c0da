/*
 * chart_funnel.c - the funnel plot (Spiegelhalter 2005) of units against
 * their denominators (see chart.h).
 *
 * The limit curves are the caller's (computed by the analysis), so this file
 * only draws: the centre line, 95% limits dashed and 99.8% limits solid, and
 * each unit as a point. A funnel says nothing of which direction is better,
 * so units beyond a limit take the MDC neutral purple, darker beyond 99.8%,
 * pointing up or down by their side, and are named on the chart; the legend
 * says the same in words.
 *
 * One unit may be highlighted (an area page's own area): a near-black ring
 * round its point (#222222, 15.9:1 on white, where WCAG 1.4.11 asks 3:1), its
 * name in bold beside it, placed before any other name, and the name again
 * in the legend, so that neither colour nor shape alone says which it is.
 */
#include "render/chart_internal.h"
#include "util/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define COLOUR_BEYOND_95 0x9b7fc4u /* a lighter tint of COLOUR_NEUTRAL */

struct rect {
    double x0, y0, x1, y1;
};

struct funnel_layout {
    struct plot plot;
    double title_h, label_h, method_h;
    struct legend legend;
    double legend_h;
    char highlight_text[200]; /* the legend's words for the ring */
};

static unsigned position_colour(int pos)
{
    return pos == 0 ? COLOUR_COMMON : abs(pos) >= 2 ? COLOUR_NEUTRAL : COLOUR_BEYOND_95;
}

static enum marker position_marker(int pos)
{
    return pos == 0 ? MARKER_DOT : pos > 0 ? MARKER_UP : MARKER_DOWN;
}

static const char *position_text(int pos)
{
    switch (pos) {
    case 2:
        return "Above 99.8% limit";
    case 1:
        return "Above 95% limit";
    case -1:
        return "Below 95% limit";
    case -2:
        return "Below 99.8% limit";
    default:
        return "Within 95% limits";
    }
}

static int clamp_position(int pos)
{
    return pos > 2 ? 2 : pos < -2 ? -2 : pos;
}

static bool point_ok(const struct chart_funnel *c, size_t i)
{
    return isfinite(c->x[i]) && isfinite(c->y[i]);
}

static bool highlighted(const struct chart_funnel *c, size_t i)
{
    return c->has_highlight && c->highlight == i;
}

/* ---- layout ---- */

static void widen(double v, double *lo, double *hi)
{
    if (isfinite(v)) {
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
}

/* The units, the centre, and the limits over the units' denominators: the
 * funnel's mouth at tiny denominators would squash everything else. */
static void data_range(const struct chart_funnel *c, double *xlo, double *xhi, double *ylo,
                       double *yhi)
{
    *xlo = *ylo = INFINITY;
    *xhi = *yhi = -INFINITY;
    for (size_t i = 0; i < c->n; i++)
        if (point_ok(c, i)) {
            widen(c->x[i], xlo, xhi);
            widen(c->y[i], ylo, yhi);
        }
    widen(c->centre, ylo, yhi);
    for (size_t i = 0; i < c->ncurve; i++) {
        if (!(c->curve_x[i] >= *xlo && c->curve_x[i] <= *xhi))
            continue;
        const double v[] = {c->lo95[i], c->hi95[i], c->lo998[i], c->hi998[i]};
        for (int k = 0; k < 4; k++)
            widen(v[k], ylo, yhi);
    }
}

/* Six round ticks across; three on a phone's narrow rendition, whose
 * labels ("150,000") would otherwise run into each other. */
static void axes(const struct chart_funnel *c, double width, struct plot *p)
{
    double xlo, xhi, ylo, yhi;
    data_range(c, &xlo, &xhi, &ylo, &yhi);
    if (!isfinite(xlo)) {
        xlo = ylo = 0;
        xhi = yhi = 1;
    }
    axis_nice(xlo >= 0 ? 0 : xlo, xhi * 1.03, width < CHART_WIDTH * 0.75 ? 3 : 6, &p->x);
    double pad = (yhi - ylo) * 0.05;
    axis_nice(ylo - pad, yhi + pad, 6, &p->y);
    if (ylo >= 0 && p->y.lo < 0)
        p->y.lo = 0;
}

static void build_legend(const struct chart_funnel *c, struct funnel_layout *L)
{
    struct legend *l = &L->legend;
    if (c->has_highlight && point_ok(c, c->highlight)) {
        snprintf(L->highlight_text, sizeof L->highlight_text, "%s (ringed)",
                 c->names[c->highlight]);
        legend_marker(l, L->highlight_text, MARKER_RING, COLOUR_TEXT);
    }
    static const int order[] = {0, 1, 2, -1, -2};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        for (size_t i = 0; i < c->n; i++)
            if (point_ok(c, i) && clamp_position(c->position[i]) == order[k]) {
                legend_marker(l, position_text(order[k]), position_marker(order[k]),
                              position_colour(order[k]));
                break;
            }
    legend_line(l, "Centre", LINE_SOLID, COLOUR_TEXT);
    legend_line(l, "95% limits", LINE_DASHED, COLOUR_LINE);
    legend_line(l, "99.8% limits", LINE_SOLID, COLOUR_LINE);
}

static void layout(struct canvas *cv, const struct chart_funnel *c, struct funnel_layout *L)
{
    struct plot *p = &L->plot;
    double w;
    text_size(cv, FONT_TITLE, c->title, cv->w - 2 * CHART_MARGIN, &w, &L->title_h);
    text_size(cv, FONT_SMALL, "Mg", 0, &w, &L->label_h);
    if (c->method)
        text_size(cv, FONT_SMALL, c->method, cv->w - 2 * CHART_MARGIN, &w, &L->method_h);
    build_legend(c, L);
    L->legend_h = legend_height(cv, &L->legend, cv->w - 2 * CHART_MARGIN);
    axes(c, cv->w, p);
    p->left = CHART_MARGIN + y_ticks_width(cv, &p->y) + 8;
    p->right = cv->w - CHART_MARGIN - 12;
    p->top = CHART_MARGIN + L->title_h + 10 + L->label_h + 8 + (c->method ? L->method_h + 6 : 0);
    double x_label_h = c->x_label ? L->label_h + 6 : 0;
    p->bottom = cv->h - CHART_MARGIN - L->legend_h - 8 - x_label_h - L->label_h - 10;
}

/* ---- drawing ---- */

static void draw_x_axis(struct canvas *cv, const struct plot *p)
{
    cairo_t *cr = cv->cr;
    for (size_t i = 0; i < axis_ticks(&p->x); i++) {
        double v = axis_tick(&p->x, i), x = round(plot_x(p, v)) + 0.5;
        set_line(cr, LINE_SOLID, 1, COLOUR_LINE);
        cairo_move_to(cr, x, p->bottom);
        cairo_line_to(cr, x, p->bottom + 5);
        cairo_stroke(cr);
        char label[64];
        format_number(v, p->x.decimals, label, sizeof label);
        text_draw(cv, FONT_SMALL, label, 0, x, p->bottom + 7, 0.5, 0, COLOUR_MUTED);
    }
}

static void draw_curve(cairo_t *cr, const struct plot *p, const struct chart_funnel *c,
                       const double *v)
{
    bool drawing = false;
    for (size_t i = 0; i < c->ncurve; i++) {
        if (!isfinite(c->curve_x[i]) || !isfinite(v[i])) {
            drawing = false;
            continue;
        }
        double x = plot_x(p, c->curve_x[i]), y = plot_y(p, v[i]);
        if (drawing)
            cairo_line_to(cr, x, y);
        else
            cairo_move_to(cr, x, y);
        drawing = true;
    }
    cairo_stroke(cr);
}

static void draw_lines(struct canvas *cv, const struct chart_funnel *c, const struct plot *p)
{
    cairo_t *cr = cv->cr;
    cairo_save(cr);
    cairo_rectangle(cr, p->left, p->top, p->right - p->left, p->bottom - p->top);
    cairo_clip(cr);
    set_line(cr, LINE_SOLID, 1.3, COLOUR_LINE);
    draw_curve(cr, p, c, c->lo998);
    draw_curve(cr, p, c, c->hi998);
    set_line(cr, LINE_DASHED, 1.2, COLOUR_LINE);
    draw_curve(cr, p, c, c->lo95);
    draw_curve(cr, p, c, c->hi95);
    set_line(cr, LINE_SOLID, 1.4, COLOUR_TEXT);
    cairo_move_to(cr, p->left, plot_y(p, c->centre));
    cairo_line_to(cr, p->right, plot_y(p, c->centre));
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void draw_points(struct canvas *cv, const struct chart_funnel *c, const struct plot *p)
{
    /* Units within the limits first, so that the ones that matter are on top. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->n; i++) {
            int pos = clamp_position(c->position[i]);
            if (point_ok(c, i) && (pos != 0) == (pass == 1))
                draw_marker(cv->cr, position_marker(pos), plot_x(p, c->x[i]), plot_y(p, c->y[i]),
                            position_colour(pos));
        }
    size_t h = c->highlight;
    if (c->has_highlight && point_ok(c, h))
        draw_marker(cv->cr, MARKER_RING, plot_x(p, c->x[h]), plot_y(p, c->y[h]), COLOUR_TEXT);
}

/* ---- names beside the units beyond a limit ---- */

static double overlap(const struct rect *a, const struct rect *b)
{
    double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
    double h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* How badly a label at r would clash: with labels placed, with units'
 * markers, or by leaving the plot. */
static double clash(const struct rect *r, const struct rect *taken, size_t ntaken,
                    const struct plot *p)
{
    double bad = 0;
    for (size_t i = 0; i < ntaken; i++)
        bad += overlap(r, &taken[i]);
    if (r->x0 < p->left || r->x1 > p->right || r->y0 < p->top || r->y1 > p->bottom)
        bad += 1e6;
    return bad;
}

static struct rect candidate(int k, double x, double y, double w, double h)
{
    static const double ax[] = {0, 1, 0.5, 0.5, 0, 1, 0, 1};
    static const double ay[] = {0.5, 0.5, 1, 0, 1, 1, 0, 0};
    static const double dx[] = {8, -8, 0, 0, 6, -6, 6, -6};
    static const double dy[] = {0, 0, -8, 8, -5, -5, 5, 5};
    double x0 = x + dx[k] - ax[k] * w, y0 = y + dy[k] - ay[k] * h;
    return (struct rect){x0, y0, x0 + w, y0 + h};
}

/* Puts one name where it clashes least; returns its box. */
static struct rect place_label(struct canvas *cv, enum font font, const char *name, double x,
                               double y, const struct rect *taken, size_t ntaken,
                               const struct plot *p)
{
    double w, h, best = INFINITY;
    text_size(cv, font, name, 0, &w, &h);
    struct rect at = candidate(0, x, y, w, h);
    for (int k = 0; k < 8 && best > 0; k++) {
        struct rect r = candidate(k, x, y, w, h);
        double bad = clash(&r, taken, ntaken, p);
        if (bad < best) {
            best = bad;
            at = r;
        }
    }
    text_draw_halo(cv, font, name, at.x0, at.y0, 0, 0, COLOUR_TEXT);
    return at;
}

static void draw_names(struct canvas *cv, const struct chart_funnel *c, const struct plot *p)
{
    if (!c->names)
        return;
    /* Markers count as taken, so names do not cover other units. */
    struct rect *taken = xcalloc(2 * c->n + 1, sizeof *taken);
    size_t ntaken = 0;
    for (size_t i = 0; i < c->n; i++)
        if (point_ok(c, i)) {
            double x = plot_x(p, c->x[i]), y = plot_y(p, c->y[i]);
            double r = highlighted(c, i) ? 9 : 5;
            taken[ntaken++] = (struct rect){x - r, y - r, x + r, y + r};
        }
    /* The highlighted unit chooses first, then the 99.8% ones. */
    size_t h = c->highlight;
    if (c->has_highlight && point_ok(c, h) && c->names[h]) {
        struct rect r = place_label(cv, FONT_BOLD, c->names[h], plot_x(p, c->x[h]),
                                    plot_y(p, c->y[h]), taken, ntaken, p);
        taken[ntaken++] = r;
    }
    for (int level = 2; level >= 1; level--)
        for (size_t i = 0; i < c->n; i++)
            if (point_ok(c, i) && c->names[i] && !highlighted(c, i) &&
                abs(clamp_position(c->position[i])) == level) {
                struct rect r = place_label(cv, FONT_SMALL, c->names[i], plot_x(p, c->x[i]),
                                            plot_y(p, c->y[i]), taken, ntaken, p);
                taken[ntaken++] = r;
            }
    free(taken);
}

static void draw_funnel(struct canvas *cv, const void *chart)
{
    const struct chart_funnel *c = chart;
    struct funnel_layout L = {0};
    layout(cv, c, &L);
    const struct plot *p = &L.plot;
    draw_title(cv, c->title, CHART_MARGIN, CHART_MARGIN, cv->w - 2 * CHART_MARGIN);
    if (c->method)
        text_draw(cv, FONT_SMALL, c->method, cv->w - 2 * CHART_MARGIN, CHART_MARGIN,
                  CHART_MARGIN + L.title_h + 6, 0, 0, COLOUR_MUTED);
    if (c->y_label)
        text_draw(cv, FONT_SMALL, c->y_label, 0, CHART_MARGIN, p->top - 8, 0, 1, COLOUR_MUTED);
    draw_y_axis(cv, p);
    draw_x_axis(cv, p);
    if (c->x_label)
        text_draw(cv, FONT_SMALL, c->x_label, 0, (p->left + p->right) / 2,
                  p->bottom + 10 + L.label_h + 6, 0.5, 0, COLOUR_MUTED);
    legend_draw(cv, &L.legend, CHART_MARGIN, cv->h - CHART_MARGIN - L.legend_h,
                cv->w - 2 * CHART_MARGIN);
    draw_lines(cv, c, p);
    cairo_save(cv->cr);
    plot_clip(cv, p);
    draw_points(cv, c, p);
    cairo_restore(cv->cr);
    draw_names(cv, c, p);
}

static int check(const struct chart_funnel *c, struct buf *err)
{
    const char *why = NULL;
    if (!c || c->n == 0 || !c->x || !c->y || !c->position)
        why = "no units to draw";
    else if (!c->title || !*c->title)
        why = "a chart needs a title";
    else if (c->ncurve < 2 || !c->curve_x || !c->lo95 || !c->hi95 || !c->lo998 || !c->hi998)
        why = "a funnel needs limit curves of at least two points";
    else if (!isfinite(c->centre))
        why = "the centre line is not a number";
    else if (c->has_highlight && (c->highlight >= c->n || !c->names || !c->names[c->highlight]))
        why = "the highlighted unit needs a name";
    if (why)
        buf_printf(err, "chart: %s", why);
    return why ? -1 : 0;
}

static struct chart_job job_for(const struct chart_funnel *c)
{
    return (struct chart_job){draw_funnel, c, c->title, c->description, 0, 0};
}

int chart_funnel_write(const struct chart_funnel *c, enum chart_format f, const char *path,
                       struct buf *err)
{
    if (check(c, err) != 0)
        return -1;
    struct chart_job job = job_for(c);
    return chart_write(&job, f, path, err);
}

int chart_funnel_svg(const struct chart_funnel *c, struct buf *out, struct buf *err)
{
    if (check(c, err) != 0)
        return -1;
    struct chart_job job = job_for(c);
    return chart_render(&job, CHART_SVG, true, out, err);
}

int chart_funnel_svg_sized(const struct chart_funnel *c, double w, double h, struct buf *out,
                           struct buf *err)
{
    return check(c, err) != 0 ? -1 : chart_svg_sized(job_for(c), w, h, out, err);
}

int chart_funnel_draw(const struct chart_funnel *c, cairo_t *cr, double w, double h,
                      struct buf *err)
{
    if (check(c, err) != 0)
        return -1;
    struct chart_job job = job_for(c);
    return chart_draw(&job, cr, w, h, err);
}
