/*
 * map_draw.c - drawing a map (see map.h) with the charts' kit and pipeline,
 * so that a map's SVG gets the same <title>, <desc>, role and id prefixes as
 * every chart, and its PDF and PNG the same fonts.
 *
 * Layout: the title across the top; the map on the left, fitted to its box
 * with north up and one scale for both axes (the plane is in metres); the
 * legend on the right (classes in numbers, suppressed regions in words, a
 * scale bar and a north arrow); the notes and attribution across the foot.
 */
#include "render/chart_internal.h"
#include "render/map.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ColorBrewer YlOrRd, 5 classes (colorbrewer2.org: colour-blind safe,
 * print friendly); fewer classes take the darker end's spread evenly. */
static const unsigned class_colours[MAP_MAX_CLASSES] = {0xffffb2u, 0xfecc5cu, 0xfd8d3cu, 0xf03b20u,
                                                        0xbd0026u};
#define COLOUR_SUPPRESSED 0xd9d9d9u
#define COLOUR_NOTHING    0xf0f0f0u /* MAP_MONEY: an area given nothing */
#define COLOUR_HATCH      0x737373u
#define LEGEND_W          200.0
#define SWATCH_W          22.0
#define SWATCH_H          14.0
#define ROW_H             20.0

static unsigned class_colour(const struct map *m, int cls)
{
    if (m->nclasses <= 1)
        return class_colours[2];
    /* spread n classes over the 5 colours, lightest to darkest */
    int i = (int)lround((double)cls * (MAP_MAX_CLASSES - 1) / (m->nclasses - 1));
    return class_colours[i];
}

struct frame {
    double x0, y0, x1, y1; /* the box on the canvas */
    double mx, my;         /* the plane's middle */
    double scale;          /* canvas units per metre */
};

static bool plane_extent(const struct map *m, double *xlo, double *ylo, double *xhi, double *yhi)
{
    *xlo = *ylo = INFINITY;
    *xhi = *yhi = -INFINITY;
    for (size_t i = 0; i < m->nregions; i++)
        for (size_t k = 0; m->regions[i].drawn && k < m->regions[i].nrings; k++)
            for (size_t j = 0; j < m->regions[i].rings[k].n; j++) {
                const double *p = m->regions[i].rings[k].xy + 2 * j;
                *xlo = fmin(*xlo, p[0]);
                *xhi = fmax(*xhi, p[0]);
                *ylo = fmin(*ylo, p[1]);
                *yhi = fmax(*yhi, p[1]);
            }
    return *xhi > *xlo && *yhi > *ylo;
}

static bool fit(const struct map *m, struct frame *f)
{
    double xlo, ylo, xhi, yhi;
    if (!plane_extent(m, &xlo, &ylo, &xhi, &yhi) || f->x1 <= f->x0 || f->y1 <= f->y0)
        return false;
    f->mx = (xlo + xhi) / 2;
    f->my = (ylo + yhi) / 2;
    f->scale = fmin((f->x1 - f->x0) / (xhi - xlo), (f->y1 - f->y0) / (yhi - ylo));
    return true;
}

static void to_canvas(const struct frame *f, const double *p, double *x, double *y)
{
    *x = (f->x0 + f->x1) / 2 + (p[0] - f->mx) * f->scale;
    *y = (f->y0 + f->y1) / 2 - (p[1] - f->my) * f->scale; /* north up */
}

static void region_path(cairo_t *cr, const struct frame *f, const struct map_region *r)
{
    cairo_new_path(cr);
    for (size_t k = 0; k < r->nrings; k++) {
        for (size_t j = 0; j < r->rings[k].n; j++) {
            double x, y;
            to_canvas(f, r->rings[k].xy + 2 * j, &x, &y);
            if (j == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        cairo_close_path(cr);
    }
}

/* Diagonal lines over the current path, so that a suppressed region reads
 * as "no value" without colour. */
static void hatch(cairo_t *cr)
{
    double x0, y0, x1, y1;
    cairo_save(cr);
    cairo_clip_preserve(cr);
    cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
    cairo_new_path(cr);
    int lines = (int)ceil((x1 - x0 + (y1 - y0)) / 5);
    for (int i = 0; i <= lines; i++) {
        double d = x0 - (y1 - y0) + 5.0 * i;
        cairo_move_to(cr, d, y1);
        cairo_line_to(cr, d + (y1 - y0), y0);
    }
    set_line(cr, LINE_SOLID, 0.8, COLOUR_HATCH);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void fill_region(cairo_t *cr, const struct map *m, const struct map_region *r)
{
    bool nothing = m->measure == MAP_MONEY && r->cls < 0;
    set_colour(cr, r->cls >= 0 ? class_colour(m, r->cls)
                   : nothing   ? COLOUR_NOTHING
                               : COLOUR_SUPPRESSED);
    cairo_fill_preserve(cr);
    if (r->cls < 0 && !nothing)
        hatch(cr);
}

/* The borders between areas drawn as tiles, over their fills. */
static void draw_borders(cairo_t *cr, const struct map *m, const struct frame *f)
{
    cairo_new_path(cr);
    for (size_t i = 0; i < m->nborders; i++)
        for (size_t j = 0; j < m->borders[i].n; j++) {
            double x, y;
            to_canvas(f, m->borders[i].xy + 2 * j, &x, &y);
            if (j == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
    set_line(cr, LINE_SOLID, 1.4, COLOUR_TEXT);
    cairo_stroke(cr);
}

static void draw_regions(struct canvas *cv, const struct map *m, const struct frame *f)
{
    cairo_t *cr = cv->cr;
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (size_t i = 0; i < m->nregions; i++) {
        const struct map_region *r = &m->regions[i];
        if (!r->drawn)
            continue;
        region_path(cr, f, r);
        fill_region(cr, m, r);
        if (m->kind == MAP_HEX || m->nborders)
            set_line(cr, LINE_SOLID, 0.6, COLOUR_WHITE);
        else
            set_line(cr, LINE_SOLID, 0.8, COLOUR_MUTED);
        cairo_stroke(cr);
    }
    if (m->nborders)
        draw_borders(cr, m, f);
}

/* ---- legend ---- */

static void class_label(const struct map *m, int cls, char *out, size_t n)
{
    char lo[32], hi[32];
    format_number(m->breaks[cls], m->decimals, lo, sizeof lo);
    format_number(m->breaks[cls + 1], m->decimals, hi, sizeof hi);
    const char *unit = m->measure == MAP_MONEY ? "\xc2\xa3" : "";
    if (strcmp(lo, hi) == 0) /* one value: "£400", not "£400 to £400" */
        snprintf(out, n, "%s%s", unit, lo);
    else
        snprintf(out, n, cls + 1 < m->nclasses ? "%s%s to under %s%s" : "%s%s to %s%s", unit, lo,
                 unit, hi);
}

static void swatch(cairo_t *cr, double x, double y, unsigned rgb, bool hatched)
{
    cairo_rectangle(cr, x, y, SWATCH_W, SWATCH_H);
    set_colour(cr, rgb);
    cairo_fill_preserve(cr);
    if (hatched)
        hatch(cr);
    set_line(cr, LINE_SOLID, 0.6, COLOUR_MUTED);
    cairo_stroke(cr);
}

static bool any_suppressed(const struct map *m)
{
    for (size_t i = 0; i < m->nregions; i++)
        if (m->regions[i].drawn && m->regions[i].cls < 0)
            return true;
    return false;
}

/* A bar of a round length near a quarter of the legend's width. */
static double draw_scale_bar(struct canvas *cv, const struct frame *f, double x, double y,
                             double width)
{
    static const double steps[] = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500};
    double km = steps[0];
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i] * 1000 * f->scale <= width * 0.6)
            km = steps[i];
    double len = km * 1000 * f->scale;
    set_line(cv->cr, LINE_SOLID, 2, COLOUR_TEXT);
    cairo_move_to(cv->cr, x, y + 6);
    cairo_line_to(cv->cr, x + len, y + 6);
    cairo_stroke(cv->cr);
    char label[32];
    snprintf(label, sizeof label, km < 1 ? "%.0f m" : "%.0f km", km < 1 ? km * 1000 : km);
    text_draw(cv, FONT_SMALL, label, 0, x + len + 6, y + 6, 0, 0.5, COLOUR_TEXT);
    return ROW_H;
}

static void draw_north(struct canvas *cv, double x, double y)
{
    cairo_t *cr = cv->cr;
    cairo_move_to(cr, x + 7, y);
    cairo_line_to(cr, x + 14, y + 18);
    cairo_line_to(cr, x + 7, y + 13);
    cairo_line_to(cr, x, y + 18);
    cairo_close_path(cr);
    set_colour(cr, COLOUR_TEXT);
    cairo_fill(cr);
    text_draw(cv, FONT_SMALL, "N: north is up", 0, x + 22, y + 9, 0, 0.5, COLOUR_TEXT);
}

static void draw_legend(struct canvas *cv, const struct map *m, const struct frame *f, double x,
                        double y, double w)
{
    const char *heading = m->measure == MAP_RATE    ? "Crimes per 1,000 residents"
                          : m->measure == MAP_MONEY ? "Money awarded"
                                                    : "Crimes (no populations loaded)";
    double tw, th;
    text_size(cv, FONT_BOLD, heading, w, &tw, &th);
    text_draw(cv, FONT_BOLD, heading, w, x, y, 0, 0, COLOUR_TEXT);
    y += th + 8;
    char label[96];
    for (int c = m->nclasses - 1; c >= 0; c--) { /* highest first, as the eye reads */
        swatch(cv->cr, x, y, class_colour(m, c), false);
        class_label(m, c, label, sizeof label);
        text_draw(cv, FONT_SMALL, label, 0, x + SWATCH_W + 8, y + SWATCH_H / 2, 0, 0.5,
                  COLOUR_TEXT);
        y += ROW_H;
    }
    if (any_suppressed(m) && m->measure == MAP_MONEY) {
        swatch(cv->cr, x, y, COLOUR_NOTHING, false);
        text_draw(cv, FONT_SMALL, "No grants awarded", 0, x + SWATCH_W + 8, y + SWATCH_H / 2, 0,
                  0.5, COLOUR_TEXT);
        y += ROW_H;
    } else if (any_suppressed(m)) {
        swatch(cv->cr, x, y, COLOUR_SUPPRESSED, true);
        char min[32];
        format_number((double)m->min_population, 0, min, sizeof min);
        snprintf(label, sizeof label, "Under %s residents: no rate", min);
        text_draw(cv, FONT_SMALL, label, w - SWATCH_W - 8, x + SWATCH_W + 8, y, 0, 0, COLOUR_TEXT);
        y += ROW_H * 1.6;
    }
    y += 10;
    y += draw_scale_bar(cv, f, x, y, w);
    draw_north(cv, x, y + 4);
}

/* ---- the whole ---- */

static void foot_text(const struct map *m, struct buf *out)
{
    if (m->kind == MAP_HEX)
        buf_printf(out, "Hexagons %.1f km across. ", m->cell_size * sqrt(3) / 1000);
    if (m->unlocated)
        buf_printf(out, "%lld crimes with no location are not shown. ", (long long)m->unlocated);
    if (m->outside)
        buf_printf(out, "%lld crimes recorded outside the force area are not shown. ",
                   (long long)m->outside);
    if (m->unmapped && m->measure != MAP_MONEY)
        buf_printf(out, "%lld crimes in areas with no boundary are not shown. ",
                   (long long)m->unmapped);
    if (m->note)
        buf_printf(out, "%s ", m->note);
    buf_printf(out, "%s.", m->attribution);
}

static void draw_map(struct canvas *cv, const void *arg)
{
    const struct map *m = arg;
    double M = CHART_MARGIN;
    double top = M + draw_title(cv, m->title, M, M, cv->w - 2 * M) + 10;
    struct buf foot = BUF_INIT;
    foot_text(m, &foot);
    double fw, fh;
    text_size(cv, FONT_SMALL, foot.p, cv->w - 2 * M, &fw, &fh);
    text_draw(cv, FONT_SMALL, foot.p, cv->w - 2 * M, M, cv->h - M - fh, 0, 0, COLOUR_MUTED);
    buf_free(&foot);
    double lw = fmin(LEGEND_W, cv->w * 0.3);
    struct frame f = {M, top, cv->w - M - lw - 16, cv->h - M - fh - 10, 0, 0, 0};
    if (!fit(m, &f)) {
        text_draw(cv, FONT_BODY, "Nothing to map.", 0, cv->w / 2, cv->h / 2, 0.5, 0.5, COLOUR_TEXT);
        return;
    }
    draw_regions(cv, m, &f);
    draw_legend(cv, m, &f, cv->w - M - lw, top, lw);
}

static struct chart_job job_for(const struct map *m)
{
    return (struct chart_job){draw_map, m, m->title, m->description, MAP_WIDTH, MAP_HEIGHT};
}

void map_draw(const struct map *m, cairo_t *cr, double x, double y, double w, double h)
{
    cairo_save(cr);
    cairo_translate(cr, x, y);
    struct canvas cv;
    canvas_init(&cv, cr, w, h);
    draw_map(&cv, m);
    canvas_free(&cv);
    cairo_restore(cr);
}

int map_svg(const struct map *m, struct buf *out, struct buf *err)
{
    struct chart_job job = job_for(m);
    return chart_render(&job, CHART_SVG, true, out, err);
}

int map_svg_sized(const struct map *m, double w, double h, struct buf *out, struct buf *err)
{
    return chart_svg_sized(job_for(m), w, h, out, err);
}

int map_write(const struct map *m, enum chart_format f, const char *path, struct buf *err)
{
    struct chart_job job = job_for(m);
    return chart_write(&job, f, path, err);
}

int map_write_sized(const struct map *m, enum chart_format f, double w, double h, const char *path,
                    struct buf *err)
{
    struct chart_job job = job_for(m);
    job.width = w;
    job.height = h;
    return chart_write(&job, f, path, err);
}
