/*
 * chart_xmr.c - the XmR (SPC) chart in the NHS Making Data Count style
 * (see chart.h).
 *
 * The values are joined by a line that breaks at every gap; each rebase
 * group has its own centre line and limits, drawn as steps; points take the
 * MDC colour of their type and a shape of their own, and a legend names
 * both. The variation and assurance icons sit top right as badges with
 * words, since an icon alone means nothing to someone who has not learned
 * MDC. The latest limits and the target are labelled with their values in
 * the right margin. Provisional values (outcomes still arriving) follow the
 * charted points as open rings on a dashed line, outside any judgement.
 */
#include "render/chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BADGE_R   14.0
#define BADGE_H   34.0
#define MAX_NOTES 2 /* trial limits, the chart's options */

/* Where the frame's parts go, worked out before anything is drawn. */
struct xmr_layout {
    struct plot plot;
    double title_w, header_h, badge_w;
    struct legend legend;
    double legend_h;
    int label_decimals; /* for the values in the right margin */
};

struct margin_label {
    char text[64];
    double y; /* wanted, then placed */
    unsigned rgb;
};

static unsigned type_colour(enum spc_point_type t)
{
    switch (t) {
    case SPC_IMPROVEMENT:
        return COLOUR_IMPROVEMENT;
    case SPC_CONCERN:
        return COLOUR_CONCERN;
    case SPC_NEUTRAL_HIGH:
    case SPC_NEUTRAL_LOW:
        return COLOUR_NEUTRAL;
    case SPC_MISSING:
    case SPC_COMMON_CAUSE:
        break;
    }
    return COLOUR_COMMON;
}

static enum marker type_marker(enum spc_point_type t)
{
    switch (t) {
    case SPC_IMPROVEMENT:
        return MARKER_CIRCLE;
    case SPC_CONCERN:
        return MARKER_DIAMOND;
    case SPC_NEUTRAL_HIGH:
        return MARKER_UP;
    case SPC_NEUTRAL_LOW:
        return MARKER_DOWN;
    case SPC_MISSING:
        return MARKER_CROSS;
    case SPC_COMMON_CAUSE:
        break;
    }
    return MARKER_DOT;
}

static const char *type_text(enum spc_point_type t)
{
    switch (t) {
    case SPC_IMPROVEMENT:
        return "Special cause – improvement";
    case SPC_CONCERN:
        return "Special cause – concern";
    case SPC_NEUTRAL_HIGH:
        return "Special cause – neutral (high)";
    case SPC_NEUTRAL_LOW:
        return "Special cause – neutral (low)";
    case SPC_MISSING:
        return "No data";
    case SPC_COMMON_CAUSE:
        break;
    }
    return "Common cause";
}

static const char *assurance_text(enum spc_assurance a)
{
    switch (a) {
    case SPC_ASSURANCE_PASS:
        return "Pass";
    case SPC_ASSURANCE_FAIL:
        return "Fail";
    case SPC_ASSURANCE_HIT_AND_MISS:
        return "Hit and miss";
    case SPC_ASSURANCE_NONE:
        break;
    }
    return NULL;
}

static const struct spc_point *latest(const struct spc_result *r)
{
    for (size_t i = r->n; i-- > 0;)
        if (!r->points[i].missing)
            return &r->points[i];
    return &r->points[r->n - 1];
}

/* ---- the icons ---- */

static void badge_ring(struct canvas *cv, double cx, double cy, unsigned rgb)
{
    cairo_t *cr = cv->cr;
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, BADGE_R, 0, 2 * M_PI);
    set_colour(cr, COLOUR_WHITE);
    cairo_fill_preserve(cr);
    set_line(cr, LINE_SOLID, 2.5, rgb);
    cairo_stroke(cr);
}

/* Common cause: a grey line wandering about its mean. */
static void badge_squiggle(cairo_t *cr, double cx, double cy)
{
    static const double dy[] = {1, -3, 2, -1, 3, -2, 0};
    set_line(cr, LINE_SOLID, 1.6, COLOUR_COMMON);
    for (int i = 0; i < 7; i++)
        (i ? cairo_line_to : cairo_move_to)(cr, cx - 8 + i * 16.0 / 6, cy + dy[i]);
    cairo_stroke(cr);
}

static void badge_letter(struct canvas *cv, const char *letter, double cx, double cy, unsigned rgb)
{
    text_draw(cv, FONT_BOLD, letter, 0, cx, cy, 0.5, 0.5, rgb);
}

static void variation_icon(struct canvas *cv, const struct spc_result *r, double cx, double cy)
{
    unsigned rgb = type_colour(r->variation);
    badge_ring(cv, cx, cy, rgb);
    if (r->variation == SPC_COMMON_CAUSE || r->variation == SPC_MISSING)
        badge_squiggle(cv->cr, cx, cy);
    else
        badge_letter(cv, latest(r)->direction > 0 ? "H" : "L", cx, cy, rgb);
}

static void assurance_icon(struct canvas *cv, enum spc_assurance a, double cx, double cy)
{
    unsigned rgb = a == SPC_ASSURANCE_PASS   ? COLOUR_IMPROVEMENT
                   : a == SPC_ASSURANCE_FAIL ? COLOUR_CONCERN
                                             : COLOUR_COMMON;
    badge_ring(cv, cx, cy, rgb);
    badge_letter(cv,
                 a == SPC_ASSURANCE_PASS   ? "P"
                 : a == SPC_ASSURANCE_FAIL ? "F"
                                           : "?",
                 cx, cy, rgb == COLOUR_COMMON ? COLOUR_MUTED : rgb);
}

static const char *variation_text(const struct spc_result *r, char *out, size_t n)
{
    if (r->variation == SPC_COMMON_CAUSE || r->variation == SPC_MISSING)
        return "Common cause";
    if (r->variation == SPC_NEUTRAL_HIGH || r->variation == SPC_NEUTRAL_LOW)
        return type_text(r->variation);
    snprintf(out, n, "%s (%s)", type_text(r->variation), latest(r)->direction > 0 ? "high" : "low");
    return out;
}

static double badge_text_width(struct canvas *cv, const char *caption, const char *text)
{
    double w1, w2, h;
    text_size(cv, FONT_SMALL, caption, 0, &w1, &h);
    text_size(cv, FONT_BOLD, text, 0, &w2, &h);
    return 2 * BADGE_R + 8 + fmax(w1, w2);
}

static double badges_width(struct canvas *cv, const struct spc_result *r)
{
    char tmp[96];
    double w = badge_text_width(cv, "Variation", variation_text(r, tmp, sizeof tmp));
    const char *a = assurance_text(r->assurance);
    return a ? fmax(w, badge_text_width(cv, "Target assurance", a)) : w;
}

static void badge_words(struct canvas *cv, const char *caption, const char *text, double x,
                        double cy)
{
    text_draw(cv, FONT_SMALL, caption, 0, x, cy, 0, 1, COLOUR_MUTED);
    text_draw(cv, FONT_BOLD, text, 0, x, cy, 0, 0, COLOUR_TEXT);
}

static double draw_badges(struct canvas *cv, const struct spc_result *r, double x, double y)
{
    char tmp[96];
    double cx = x + BADGE_R + 2, tx = x + 2 * BADGE_R + 10, cy = y + BADGE_H / 2;
    variation_icon(cv, r, cx, cy);
    badge_words(cv, "Variation", variation_text(r, tmp, sizeof tmp), tx, cy);
    const char *a = assurance_text(r->assurance);
    if (!a)
        return BADGE_H;
    cy += BADGE_H + 4;
    assurance_icon(cv, r->assurance, cx, cy);
    badge_words(cv, "Target assurance", a, tx, cy);
    return 2 * BADGE_H + 4;
}

/* ---- layout ---- */

/* Points along the x axis: the charted ones, then the provisional ones. */
static size_t x_count(const struct chart_xmr *c)
{
    return c->spc->n + c->nprovisional;
}

static void y_range(const struct chart_xmr *c, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < c->nprovisional; i++)
        if (isfinite(c->provisional[i])) {
            *lo = fmin(*lo, c->provisional[i]);
            *hi = fmax(*hi, c->provisional[i]);
        }
    for (size_t i = 0; i < c->spc->n; i++) {
        const struct spc_point *p = &c->spc->points[i];
        double v[] = {p->missing ? NAN : p->value, p->upl, p->lpl};
        for (int k = 0; k < 3; k++)
            if (isfinite(v[k])) {
                *lo = fmin(*lo, v[k]);
                *hi = fmax(*hi, v[k]);
            }
    }
    if (c->has_target) {
        *lo = fmin(*lo, c->target);
        *hi = fmax(*hi, c->target);
    }
    if (!isfinite(*lo)) {
        *lo = 0;
        *hi = 1;
    }
}

static void y_axis(const struct chart_xmr *c, struct axis *a)
{
    double lo, hi;
    y_range(c, &lo, &hi);
    double pad = (hi - lo) * 0.04;
    axis_nice(lo - pad, hi + pad, 6, a);
    if (lo >= 0 && a->lo < 0) /* counts and rates never dip below zero */
        a->lo = 0;
}

static void build_legend(const struct chart_xmr *c, struct legend *l)
{
    static const enum spc_point_type order[] = {SPC_COMMON_CAUSE, SPC_IMPROVEMENT, SPC_CONCERN,
                                                SPC_NEUTRAL_HIGH, SPC_NEUTRAL_LOW, SPC_MISSING};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        for (size_t i = 0; i < c->spc->n; i++)
            if (c->spc->points[i].type == order[k]) {
                legend_marker(l, type_text(order[k]), type_marker(order[k]),
                              order[k] == SPC_MISSING ? COLOUR_MUTED : type_colour(order[k]));
                break;
            }
    if (c->nprovisional > 0)
        legend_marker(l, "Provisional: outcomes still arriving", MARKER_RING, COLOUR_MUTED);
    legend_line(l, "Mean", LINE_SOLID, COLOUR_TEXT);
    legend_line(l, "Process limits", LINE_DASHED, COLOUR_LINE);
    legend_line(l, "2σ lines", LINE_DOTTED, COLOUR_COMMON);
    if (c->has_target)
        legend_line(l, "Target", LINE_LONG_DASH, COLOUR_TARGET);
}

/* "600.0" to "600" and "12.50" to "12.5": a target is rarely fractional. */
static void trim_zeros(char *num)
{
    char *dot = strchr(num, '.');
    if (!dot)
        return;
    char *end = dot + strlen(dot);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
}

/* The labels in the right margin: the latest limits, and the target. */
static size_t margin_labels(const struct chart_xmr *c, int decimals, struct margin_label *out)
{
    const struct spc_point *p = &c->spc->points[c->spc->n - 1];
    const struct {
        const char *name;
        double v;
        unsigned rgb;
    } want[] = {{"UPL", p->upl, COLOUR_MUTED},
                {"Mean", p->mean, COLOUR_TEXT},
                {"LPL", p->lpl, COLOUR_MUTED},
                {"Target", c->has_target ? c->target : NAN, COLOUR_TARGET}};
    size_t n = 0;
    for (size_t k = 0; k < 4; k++) {
        if (!isfinite(want[k].v))
            continue;
        char num[48];
        format_number(want[k].v, decimals, num, sizeof num);
        trim_zeros(num);
        snprintf(out[n].text, sizeof out[n].text, "%s %s", want[k].name, num);
        out[n].y = want[k].v;
        out[n++].rgb = want[k].rgb;
    }
    return n;
}

static double margin_width(struct canvas *cv, const struct chart_xmr *c, int decimals)
{
    struct margin_label m[4];
    size_t n = margin_labels(c, decimals, m);
    double widest = 0;
    for (size_t i = 0; i < n; i++) {
        double w, h;
        text_size(cv, FONT_SMALL, m[i].text, 0, &w, &h);
        widest = fmax(widest, w);
    }
    return widest;
}

static size_t notes(const struct chart_xmr *c, const char **out)
{
    size_t n = 0;
    if (c->spc->trial_limits)
        out[n++] = "Trial limits: a baseline has fewer than 12 points.";
    if (c->note && *c->note)
        out[n++] = c->note;
    return n;
}

/* The notes' height, each wrapped to the chart's width. */
static double notes_height(struct canvas *cv, const struct chart_xmr *c)
{
    const char *n[MAX_NOTES];
    size_t nn = notes(c, n);
    double total = 0;
    for (size_t i = 0; i < nn; i++) {
        double w, h;
        text_size(cv, FONT_SMALL, n[i], cv->w - 2 * CHART_MARGIN, &w, &h);
        total += h + 2;
    }
    return total;
}

static void layout(struct canvas *cv, const struct chart_xmr *c, struct xmr_layout *L)
{
    struct plot *p = &L->plot;
    double w, h, label_h;
    L->badge_w = badges_width(cv, c->spc);
    L->title_w = cv->w - 2 * CHART_MARGIN - L->badge_w - 24;
    text_size(cv, FONT_TITLE, c->title, L->title_w, &w, &h);
    L->header_h = fmax(h, c->spc->assurance == SPC_ASSURANCE_NONE ? BADGE_H : 2 * BADGE_H + 4);
    text_size(cv, FONT_SMALL, "Mg", 0, &w, &label_h);
    build_legend(c, &L->legend);

    y_axis(c, &p->y);
    L->label_decimals = p->y.decimals + 1 > 3 ? 3 : p->y.decimals + 1;
    p->x = (struct axis){.lo = -0.5, .hi = (double)x_count(c) - 0.5, .step = 1};
    p->left = CHART_MARGIN + y_ticks_width(cv, &p->y) + 8;
    p->right = cv->w - CHART_MARGIN - margin_width(cv, c, L->label_decimals) - 8;
    L->legend_h = legend_height(cv, &L->legend, cv->w - 2 * CHART_MARGIN);
    p->top = CHART_MARGIN + L->header_h + 10 + label_h + 8;
    p->bottom = cv->h - CHART_MARGIN - L->legend_h - 8 - notes_height(cv, c) - label_h - 10;
}

/* ---- drawing ---- */

static void hline(cairo_t *cr, const struct plot *p, double x0, double x1, double v)
{
    if (!isfinite(v))
        return;
    cairo_move_to(cr, plot_x(p, x0), plot_y(p, v));
    cairo_line_to(cr, plot_x(p, x1), plot_y(p, v));
    cairo_stroke(cr);
}

/* The limits of one rebase group, points [start, end). */
static void draw_group_lines(cairo_t *cr, const struct plot *p, const struct spc_point *pt,
                             size_t start, size_t end)
{
    double x0 = (double)start, x1 = (double)(end - 1);
    if (end - start == 1) { /* a lone point still shows its limits */
        x0 -= 0.3;
        x1 += 0.3;
    }
    set_line(cr, LINE_DOTTED, 1, COLOUR_COMMON);
    hline(cr, p, x0, x1, pt[start].upper_2s);
    hline(cr, p, x0, x1, pt[start].lower_2s);
    set_line(cr, LINE_DASHED, 1.3, COLOUR_LINE);
    hline(cr, p, x0, x1, pt[start].upl);
    hline(cr, p, x0, x1, pt[start].lpl);
    set_line(cr, LINE_SOLID, 1.3, COLOUR_TEXT);
    hline(cr, p, x0, x1, pt[start].mean);
}

static void draw_limits(struct canvas *cv, const struct chart_xmr *c, const struct plot *p)
{
    const struct spc_point *pt = c->spc->points;
    for (size_t start = 0; start < c->spc->n;) {
        size_t end = start + 1;
        while (end < c->spc->n && pt[end].group == pt[start].group)
            end++;
        draw_group_lines(cv->cr, p, pt, start, end);
        start = end;
    }
    if (c->has_target) {
        set_line(cv->cr, LINE_LONG_DASH, 1.6, COLOUR_TARGET);
        hline(cv->cr, p, -0.5, (double)x_count(c) - 0.5, c->target);
    }
}

/* The value line, broken at every gap. */
static void draw_values(struct canvas *cv, const struct chart_xmr *c, const struct plot *p)
{
    cairo_t *cr = cv->cr;
    const struct spc_point *pt = c->spc->points;
    set_line(cr, LINE_SOLID, 1.6, COLOUR_COMMON);
    for (size_t i = 0; i < c->spc->n; i++) {
        if (pt[i].missing)
            continue;
        double x = plot_x(p, (double)i), y = plot_y(p, pt[i].value);
        if (i > 0 && !pt[i - 1].missing)
            cairo_line_to(cr, x, y);
        else
            cairo_move_to(cr, x, y);
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < c->spc->n; i++) {
        if (pt[i].missing)
            draw_marker(cr, MARKER_CROSS, plot_x(p, (double)i), p->bottom, COLOUR_MUTED);
        else
            draw_marker(cr, type_marker(pt[i].type), plot_x(p, (double)i), plot_y(p, pt[i].value),
                        type_colour(pt[i].type));
    }
}

/* The provisional values: a dashed line on from the last charted point,
 * broken at gaps, and an open ring at each. */
static void draw_provisional(struct canvas *cv, const struct chart_xmr *c, const struct plot *p)
{
    cairo_t *cr = cv->cr;
    const struct spc_point *last = &c->spc->points[c->spc->n - 1];
    double prev = last->missing ? NAN : last->value;
    set_line(cr, LINE_DASHED, 1.6, COLOUR_COMMON);
    for (size_t k = 0; k < c->nprovisional; k++) {
        double v = c->provisional[k], x = (double)(c->spc->n + k);
        if (isfinite(v) && isfinite(prev)) {
            cairo_move_to(cr, plot_x(p, x - 1), plot_y(p, prev));
            cairo_line_to(cr, plot_x(p, x), plot_y(p, v));
            cairo_stroke(cr);
        }
        prev = v;
    }
    for (size_t k = 0; k < c->nprovisional; k++) {
        double x = plot_x(p, (double)(c->spc->n + k));
        if (isfinite(c->provisional[k]))
            draw_marker(cr, MARKER_RING, x, plot_y(p, c->provisional[k]), COLOUR_MUTED);
        else
            draw_marker(cr, MARKER_CROSS, x, p->bottom, COLOUR_MUTED);
    }
}

static const char *x_label(const struct chart_xmr *c, size_t i, char *tmp, size_t n)
{
    if (c->x_labels && c->x_labels[i])
        return c->x_labels[i];
    snprintf(tmp, n, "%zu", i + 1);
    return tmp;
}

/* Every how many points a label fits: 1, 2, 3, 6, 12, 24, ... (months
 * fall in quarters, halves and years). */
static size_t label_every(struct canvas *cv, const struct chart_xmr *c, double dx)
{
    double widest = 0;
    for (size_t i = 0; i < x_count(c); i++) {
        char tmp[32];
        double w, h;
        text_size(cv, FONT_SMALL, x_label(c, i, tmp, sizeof tmp), 0, &w, &h);
        widest = fmax(widest, w);
    }
    static const size_t steps[] = {1, 2, 3, 6, 12};
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
        if ((double)steps[k] * dx >= widest + 10)
            return steps[k];
    size_t every = 12;
    while ((double)every * dx < widest + 10 && every < x_count(c))
        every += 12;
    return every;
}

static void draw_x_axis(struct canvas *cv, const struct chart_xmr *c, const struct plot *p)
{
    cairo_t *cr = cv->cr;
    double dx = plot_x(p, 1) - plot_x(p, 0);
    size_t every = label_every(cv, c, dx);
    set_line(cr, LINE_SOLID, 1, COLOUR_LINE);
    for (size_t i = 0; i < x_count(c); i++) {
        double x = round(plot_x(p, (double)i)) + 0.5;
        cairo_move_to(cr, x, p->bottom);
        cairo_line_to(cr, x, p->bottom + (i % every == 0 ? 5 : 3));
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < x_count(c); i += every) {
        char tmp[32];
        text_draw(cv, FONT_SMALL, x_label(c, i, tmp, sizeof tmp), 0, plot_x(p, (double)i),
                  p->bottom + 7, 0.5, 0, COLOUR_MUTED);
    }
}

/* Spreads labels (sorted by y) at least h apart, within [top, bottom]. */
static void spread(struct margin_label *m, size_t n, double h, double top, double bottom)
{
    for (size_t i = 1; i < n; i++) /* sort by y: at most four labels */
        for (size_t j = i; j > 0 && m[j].y < m[j - 1].y; j--) {
            struct margin_label t = m[j];
            m[j] = m[j - 1];
            m[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) /* downwards */
        m[i].y = fmax(m[i].y, i ? m[i - 1].y + h : top);
    for (size_t i = n; i-- > 0;) /* and back up from the bottom */
        m[i].y = fmin(m[i].y, i + 1 < n ? m[i + 1].y - h : bottom);
}

static void draw_margin_labels(struct canvas *cv, const struct chart_xmr *c,
                               const struct xmr_layout *L)
{
    struct margin_label m[4];
    size_t n = margin_labels(c, L->label_decimals, m);
    double w, h;
    text_size(cv, FONT_SMALL, "Mg", 0, &w, &h);
    for (size_t i = 0; i < n; i++)
        m[i].y = plot_y(&L->plot, m[i].y);
    spread(m, n, h, L->plot.top, L->plot.bottom);
    for (size_t i = 0; i < n; i++)
        text_draw(cv, FONT_SMALL, m[i].text, 0, L->plot.right + 8, m[i].y, 0, 0.5, m[i].rgb);
}

static void draw_frame(struct canvas *cv, const struct chart_xmr *c, const struct xmr_layout *L)
{
    const struct plot *p = &L->plot;
    draw_title(cv, c->title, CHART_MARGIN, CHART_MARGIN, L->title_w);
    draw_badges(cv, c->spc, cv->w - CHART_MARGIN - L->badge_w, CHART_MARGIN);
    if (c->y_label)
        text_draw(cv, FONT_SMALL, c->y_label, 0, CHART_MARGIN, p->top - 8, 0, 1, COLOUR_MUTED);
    draw_y_axis(cv, p);
    draw_x_axis(cv, c, p);
    draw_margin_labels(cv, c, L);
    double y = cv->h - CHART_MARGIN - L->legend_h;
    const char *n[MAX_NOTES];
    size_t nn = notes(c, n);
    for (size_t i = 0; i < nn; i++) {
        double w, h;
        text_size(cv, FONT_SMALL, n[i], cv->w - 2 * CHART_MARGIN, &w, &h);
        y -= h + 2;
        text_draw(cv, FONT_SMALL, n[i], cv->w - 2 * CHART_MARGIN, CHART_MARGIN, y, 0, 0,
                  COLOUR_MUTED);
    }
    legend_draw(cv, &L->legend, CHART_MARGIN, cv->h - CHART_MARGIN - L->legend_h,
                cv->w - 2 * CHART_MARGIN);
}

static void draw_xmr(struct canvas *cv, const void *chart)
{
    const struct chart_xmr *c = chart;
    struct xmr_layout L = {0};
    layout(cv, c, &L);
    draw_frame(cv, c, &L);
    cairo_save(cv->cr);
    plot_clip(cv, &L.plot);
    draw_limits(cv, c, &L.plot);
    draw_values(cv, c, &L.plot);
    draw_provisional(cv, c, &L.plot);
    cairo_restore(cv->cr);
}

static int check(const struct chart_xmr *c, struct buf *err)
{
    const char *why = NULL;
    if (!c || !c->spc || !c->spc->points || c->spc->n == 0)
        why = "no SPC result to draw";
    else if (!c->title || !*c->title)
        why = "a chart needs a title";
    else if (c->has_target && !isfinite(c->target))
        why = "the target is not a number";
    else if (c->nprovisional > 0 && !c->provisional)
        why = "provisional values are counted but not given";
    if (why)
        buf_printf(err, "chart: %s", why);
    return why ? -1 : 0;
}

static struct chart_job job_for(const struct chart_xmr *c)
{
    return (struct chart_job){draw_xmr, c, c->title, c->description, 0, 0};
}

int chart_xmr_write(const struct chart_xmr *c, enum chart_format f, const char *path,
                    struct buf *err)
{
    if (check(c, err) != 0)
        return -1;
    struct chart_job job = job_for(c);
    return chart_write(&job, f, path, err);
}

int chart_xmr_svg(const struct chart_xmr *c, struct buf *out, struct buf *err)
{
    if (check(c, err) != 0)
        return -1;
    struct chart_job job = job_for(c);
    return chart_render(&job, CHART_SVG, true, out, err);
}

int chart_xmr_svg_sized(const struct chart_xmr *c, double w, double h, struct buf *out,
                        struct buf *err)
{
    return check(c, err) != 0 ? -1 : chart_svg_sized(job_for(c), w, h, out, err);
}

int chart_xmr_draw(const struct chart_xmr *c, cairo_t *cr, double w, double h, struct buf *err)
{
    if (check(c, err) != 0)
        return -1;
    struct chart_job job = job_for(c);
    return chart_draw(&job, cr, w, h, err);
}
