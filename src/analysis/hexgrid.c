/*
 * hexgrid.c - the hexagonal grid's arithmetic (see hexgrid.h).
 *
 * Axial and cube coordinates and the rounding of a fractional hexagon
 * follow Amit Patel's "Hexagonal Grids" (redblobgames.com), pointy-top.
 */
#include "analysis/hexgrid.h"
#include "util/mem.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SQRT3 1.7320508075688772

static double radians(double deg)
{
    return deg * M_PI / 180.0;
}

void hex_projection_init(struct hex_projection *p, double lat0, double lon0)
{
    assert(lat0 > -90 && lat0 < 90);
    p->lat0 = lat0;
    p->lon0 = lon0;
    p->cos_lat0 = cos(radians(lat0));
}

void hex_project(const struct hex_projection *p, double lat, double lon, double *x, double *y)
{
    *x = HEX_EARTH_RADIUS_M * radians(lon - p->lon0) * p->cos_lat0;
    *y = HEX_EARTH_RADIUS_M * radians(lat - p->lat0);
}

void hex_unproject(const struct hex_projection *p, double x, double y, double *lat, double *lon)
{
    *lat = p->lat0 + y / HEX_EARTH_RADIUS_M * 180.0 / M_PI;
    *lon = p->lon0 + x / (HEX_EARTH_RADIUS_M * p->cos_lat0) * 180.0 / M_PI;
}

/* ---- hexagons ---- */

struct hex_axial hex_at(double size, double x, double y)
{
    assert(size > 0);
    double fq = (SQRT3 / 3 * x - y / 3) / size;
    double fr = (2.0 / 3 * y) / size;
    double fs = -fq - fr;
    double q = round(fq), r = round(fr), s = round(fs);
    double dq = fabs(q - fq), dr = fabs(r - fr), ds = fabs(s - fs);
    /* The coordinate that moved most is the one recomputed from the other
     * two, so that q + r + s stays 0. */
    if (dq > dr && dq > ds)
        q = -r - s;
    else if (dr > ds)
        r = -q - s;
    return (struct hex_axial){(int32_t)q, (int32_t)r};
}

void hex_centre(double size, struct hex_axial h, double *x, double *y)
{
    *x = size * SQRT3 * (h.q + h.r / 2.0);
    *y = size * 1.5 * h.r;
}

void hex_corner(double size, struct hex_axial h, int i, double *x, double *y)
{
    assert(i >= 0 && i < 6);
    double cx, cy;
    hex_centre(size, h, &cx, &cy);
    double angle = radians(60.0 * i - 30.0);
    *x = cx + size * cos(angle);
    *y = cy + size * sin(angle);
}

double hex_size_for_extent(double width, double height, int target)
{
    assert(target > 0);
    /* A pointy-top hexagon of size s covers 3 sqrt3 / 2 s^2. */
    double area = fmax(width, HEX_SIZE_STEP_M) * fmax(height, HEX_SIZE_STEP_M);
    double s = sqrt(area / (target * 1.5 * SQRT3));
    return ceil(s / HEX_SIZE_STEP_M) * HEX_SIZE_STEP_M;
}

/* ---- fitting a grid to points ---- */

struct weighted {
    double v;
    int64_t w;
};

static int by_value(const void *a, const void *b)
{
    double x = ((const struct weighted *)a)->v, y = ((const struct weighted *)b)->v;
    return (x > y) - (x < y);
}

/* The value below which a share p of the weight lies. */
static double weighted_quantile(const struct weighted *v, size_t n, int64_t total, double p)
{
    double want = p * (double)total, seen = 0;
    for (size_t i = 0; i < n; i++) {
        seen += (double)v[i].w;
        if (seen >= want)
            return v[i].v;
    }
    return v[n - 1].v;
}

/* The middle 98%: a few crimes recorded far outside the force area must not
 * set the size of every cell. */
static double middle_extent(struct weighted *v, size_t n, int64_t total)
{
    qsort(v, n, sizeof *v, by_value);
    return weighted_quantile(v, n, total, 0.99) - weighted_quantile(v, n, total, 0.01);
}

bool hex_fit(const struct hex_point *pts, size_t n, struct hex_projection *p, double *size)
{
    double lat = 0, lon = 0;
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        lat += pts[i].lat * (double)pts[i].count;
        lon += pts[i].lon * (double)pts[i].count;
        total += pts[i].count;
    }
    if (total <= 0)
        return false;
    hex_projection_init(p, lat / (double)total, lon / (double)total);
    struct weighted *xs = xcalloc(n, sizeof *xs), *ys = xcalloc(n, sizeof *ys);
    for (size_t i = 0; i < n; i++) {
        hex_project(p, pts[i].lat, pts[i].lon, &xs[i].v, &ys[i].v);
        xs[i].w = ys[i].w = pts[i].count;
    }
    *size = hex_size_for_extent(middle_extent(xs, n, total), middle_extent(ys, n, total),
                                HEX_TARGET_CELLS);
    free(xs);
    free(ys);
    return true;
}

/* ---- the grid ---- */

void hexgrid_init(struct hexgrid *g, const struct hex_projection *p, double size)
{
    assert(size > 0);
    memset(g, 0, sizeof *g);
    g->proj = *p;
    g->size = size;
    hmap_init(&g->index);
}

void hexgrid_free(struct hexgrid *g)
{
    free(g->cells);
    hmap_free(&g->index);
    memset(g, 0, sizeof *g);
}

static const struct hex_cell *lookup(const struct hexgrid *g, struct hex_axial a)
{
    int32_t key[2] = {a.q, a.r};
    const int64_t *i = hmap_get(&g->index, key, sizeof key);
    return i ? &g->cells[*i] : NULL;
}

struct hex_cell *hexgrid_cell(struct hexgrid *g, struct hex_axial a)
{
    assert(!g->finished); /* finishing sorts the cells under the index */
    int32_t key[2] = {a.q, a.r};
    int inserted;
    int64_t *i = hmap_put(&g->index, key, sizeof key, &inserted);
    if (!inserted)
        return &g->cells[*i];
    if (g->ncells == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->cells = xrealloc(g->cells, g->cap * sizeof *g->cells);
    }
    struct hex_cell *c = &g->cells[g->ncells];
    *i = (int64_t)g->ncells++;
    memset(c, 0, sizeof *c);
    c->a = a;
    hex_centre(g->size, a, &c->x, &c->y);
    c->rate = NAN;
    return c;
}

static struct hex_axial axial_of(const struct hexgrid *g, double lat, double lon)
{
    double x, y;
    hex_project(&g->proj, lat, lon, &x, &y);
    return hex_at(g->size, x, y);
}

const struct hex_cell *hexgrid_find(const struct hexgrid *g, double lat, double lon)
{
    return lookup(g, axial_of(g, lat, lon));
}

void hexgrid_add_crimes(struct hexgrid *g, double lat, double lon, int64_t count)
{
    assert(count >= 0);
    hexgrid_cell(g, axial_of(g, lat, lon))->crimes += count;
    g->crimes += count;
}

void hexgrid_add_population(struct hexgrid *g, double lat, double lon, int64_t population)
{
    assert(population >= 0);
    struct hex_cell *c = hexgrid_cell(g, axial_of(g, lat, lon));
    c->population += population;
    c->nlsoas++;
    g->population += population;
}

/* North (larger r) first, then west (smaller q) first. */
static int map_order(const void *a, const void *b)
{
    const struct hex_cell *x = a, *y = b;
    if (x->a.r != y->a.r)
        return x->a.r > y->a.r ? -1 : 1;
    return (x->a.q > y->a.q) - (x->a.q < y->a.q);
}

void hexgrid_finish(struct hexgrid *g, int64_t min_population)
{
    assert(min_population > 0);
    for (size_t i = 0; i < g->ncells; i++) {
        struct hex_cell *c = &g->cells[i];
        c->suppressed = c->population < min_population;
        c->rate = c->suppressed ? NAN : 1000.0 * (double)c->crimes / (double)c->population;
    }
    qsort(g->cells, g->ncells, sizeof *g->cells, map_order);
    hmap_clear(&g->index);
    for (size_t i = 0; i < g->ncells; i++) {
        int32_t key[2] = {g->cells[i].a.q, g->cells[i].a.r};
        *hmap_put(&g->index, key, sizeof key, NULL) = (int64_t)i;
    }
    g->min_population = min_population;
    g->finished = true;
}

void hex_centroid_add(struct hex_centroid *c, double lat, double lon, int64_t count)
{
    c->lat_sum += lat * (double)count;
    c->lon_sum += lon * (double)count;
    c->n += count;
}

bool hex_centroid_get(const struct hex_centroid *c, double *lat, double *lon)
{
    if (c->n <= 0)
        return false;
    *lat = c->lat_sum / (double)c->n;
    *lon = c->lon_sum / (double)c->n;
    return true;
}
