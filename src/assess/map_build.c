/*
 * map_build.c - building a map from the store, and its colour classes (see
 * map_build.h; the map's data table and drawing are render/map.h's).
 *
 * The hexagonal map reads the crimes' points twice: once for the crimes
 * asked about (to count them in cells) and once for every crime of the same
 * months and area (to place each LSOA's residents at the centroid of its
 * recorded crimes): centroids taken from burglaries alone would leave out
 * the LSOAs that had none, and their residents with them.
 */
#include "assess/map_build.h"
#include "analysis/hexgrid.h"
#include "model/shape.h"
#include "store/boundaries.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- common ---- */

static struct map_region *add_region(struct map *m)
{
    m->regions = xrealloc(m->regions, (m->nregions + 1) * sizeof *m->regions);
    struct map_region *r = &m->regions[m->nregions++];
    memset(r, 0, sizeof *r);
    r->lat = r->lon = r->value = NAN;
    r->population = -1;
    r->cls = -1;
    return r;
}

static void add_ring(struct map_region *r, size_t n, const double *xy)
{
    r->rings = xrealloc(r->rings, (r->nrings + 1) * sizeof *r->rings);
    struct map_ring *ring = &r->rings[r->nrings++];
    ring->n = n;
    ring->xy = xmalloc(2 * n * sizeof *ring->xy);
    memcpy(ring->xy, xy, 2 * n * sizeof *xy);
}

/* x rounded to two significant figures, down or to nearest. */
static double two_figures(double x, bool down)
{
    if (!(x > 0))
        return 0;
    double unit = pow(10, floor(log10(x)) - 1);
    return (down ? floor(x / unit) : round(x / unit)) * unit;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quintiles of the drawn regions' values, rounded so that the legend reads
 * "45 to 51", and each region's class. Ties may leave fewer classes. */
static void classify(struct map *m)
{
    double *v = xcalloc(m->nregions + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < m->nregions; i++)
        if (m->regions[i].drawn && !m->regions[i].suppressed)
            v[n++] = m->regions[i].value;
    qsort(v, n, sizeof *v, by_double);
    m->nclasses = 0;
    double top = n ? v[n - 1] : 0;
    m->decimals = m->measure == MAP_COUNT || top >= 10 ? 0 : top >= 1 ? 1 : 2;
    if (n > 0) {
        m->breaks[0] = two_figures(v[0], true);
        m->nclasses = 1;
        for (int k = 1; k < MAP_MAX_CLASSES; k++) {
            double b = two_figures(v[(size_t)((double)k / MAP_MAX_CLASSES * (double)n)], false);
            if (b > m->breaks[m->nclasses - 1] && b < top)
                m->breaks[m->nclasses++] = b;
        }
        m->breaks[m->nclasses] = top;
    }
    for (size_t i = 0; i < m->nregions; i++) {
        struct map_region *r = &m->regions[i];
        r->cls = -1;
        if (!r->drawn || r->suppressed || m->nclasses == 0)
            continue;
        r->cls = 0;
        while (r->cls + 1 < m->nclasses && r->value >= m->breaks[r->cls + 1])
            r->cls++;
    }
    free(v);
}

/* Values and suppression, once crimes and populations are known. */
static void set_values(struct map *m)
{
    for (size_t i = 0; i < m->nregions; i++) {
        struct map_region *r = &m->regions[i];
        if (m->measure == MAP_COUNT) {
            r->suppressed = false;
            r->value = (double)r->crimes;
            continue;
        }
        r->suppressed = r->population < m->min_population;
        r->value = r->suppressed ? NAN : 1000.0 * (double)r->crimes / (double)r->population;
    }
    classify(m);
}

static void default_title(const struct stats_query *q, const struct map *m, struct buf *out)
{
    buf_puts(out, m->measure == MAP_RATE ? "Crimes per 1,000 residents" : "Crimes recorded");
    for (int i = 0; i < q->ncrime_types; i++)
        buf_printf(out, "%s%s", i ? ", " : " (", q->crime_types[i]);
    if (q->ncrime_types > 0)
        buf_puts(out, ")");
    if (q->area_value)
        buf_printf(out, ", %s", q->area_value);
    else if (q->force)
        buf_printf(out, ", %s", q->force);
    char from[MONTH_TEXT_SIZE], to[MONTH_TEXT_SIZE];
    if (q->month_from >= 0 && q->month_to >= 0) {
        month_format(q->month_from, from);
        month_format(q->month_to, to);
        buf_printf(out, ", %s to %s", from, to);
    }
    if (m->kind == MAP_AREAS)
        buf_printf(out, ", by %s", m->grouping);
}

static void format_value(const struct map *m, double v, struct buf *out)
{
    buf_printf(out, "%.*f", m->decimals, v);
}

/* The text alternative: what the map shows, in words and numbers. */
static void describe(struct map *m)
{
    struct buf d = BUF_INIT;
    const struct map_region *hi = NULL, *lo = NULL;
    size_t drawn = 0, suppressed = 0;
    for (size_t i = 0; i < m->nregions; i++) {
        const struct map_region *r = &m->regions[i];
        if (!r->drawn)
            continue;
        drawn++;
        suppressed += r->suppressed;
        if (!r->suppressed && (!hi || r->value > hi->value))
            hi = r;
        if (!r->suppressed && (!lo || r->value < lo->value))
            lo = r;
    }
    if (m->kind == MAP_HEX)
        buf_printf(&d, "Map of %lld crimes counted in %zu hexagonal cells %.1f km across",
                   (long long)m->crimes, drawn, m->cell_size * sqrt(3) / 1000);
    else
        buf_printf(&d, "Map of %lld crimes in %zu areas (%s)", (long long)m->crimes, drawn,
                   m->grouping);
    const char *unit = m->measure == MAP_RATE ? " per 1,000 residents" : " crimes";
    if (hi && lo) {
        buf_puts(&d, ". Highest: ");
        buf_printf(&d, "%s%s ", m->kind == MAP_HEX ? "the cell centred at " : "", hi->name);
        format_value(m, hi->value, &d);
        buf_printf(&d, "%s; lowest: %s%s ", unit, m->kind == MAP_HEX ? "the cell centred at " : "",
                   lo->name);
        format_value(m, lo->value, &d);
        buf_puts(&d, unit);
    }
    if (suppressed)
        buf_printf(&d, ". %zu %s fewer than %s residents and no rate", suppressed,
                   suppressed == 1 ? "has" : "have",
                   table_thousands(m->min_population, (char[32]){0}, 32));
    if (m->unlocated)
        buf_printf(&d, ". %lld crimes with no location are not on the map",
                   (long long)m->unlocated);
    if (m->outside)
        buf_printf(&d, ". %lld crimes recorded outside the force area are not on the map",
                   (long long)m->outside);
    if (m->unmapped)
        buf_printf(&d, ". %lld crimes in areas with no boundary are not on the map",
                   (long long)m->unmapped);
    buf_puts(&d, ". The table of every ");
    buf_puts(&d, m->kind == MAP_HEX ? "cell" : "area");
    buf_puts(&d, " gives the same figures.");
    m->description = buf_detach(&d);
}

static void finish(struct map *m, const struct stats_query *q, const struct map_options *o)
{
    set_values(m);
    struct buf t = BUF_INIT;
    if (o && o->title)
        buf_puts(&t, o->title);
    else
        default_title(q, m, &t);
    m->title = buf_detach(&t);
    describe(m);
}

/* ---- the hexagonal map ---- */

struct points {
    struct hex_point *p;
    size_t n, cap;
};

static void collect_point(void *arg, double lat, double lon, const char *lsoa, int64_t count)
{
    (void)lsoa;
    struct points *pts = arg;
    if (pts->n == pts->cap) {
        pts->cap = pts->cap ? pts->cap * 2 : 1024;
        pts->p = xrealloc(pts->p, pts->cap * sizeof *pts->p);
    }
    pts->p[pts->n++] = (struct hex_point){lat, lon, count};
}

/* LSOA code -> index into the centroids. */
struct centroids {
    struct hmap index;
    struct hex_centroid *c;
    size_t n;
};

static void collect_centroid(void *arg, double lat, double lon, const char *lsoa, int64_t count)
{
    struct centroids *cs = arg;
    if (!*lsoa)
        return;
    int inserted;
    int64_t *i = hmap_put(&cs->index, lsoa, strlen(lsoa), &inserted);
    if (inserted) {
        cs->c = xrealloc(cs->c, (cs->n + 1) * sizeof *cs->c);
        memset(&cs->c[cs->n], 0, sizeof *cs->c);
        *i = (int64_t)cs->n++;
    }
    hex_centroid_add(&cs->c[*i], lat, lon, count);
}

struct placing {
    struct centroids *cs;
    struct hexgrid *g;
    int64_t total, unplaced;
};

static void place_population(void *arg, const char *lsoa, int64_t population)
{
    struct placing *pl = arg;
    const int64_t *i = hmap_get(&pl->cs->index, lsoa, strlen(lsoa));
    double lat, lon;
    pl->total += population;
    if (i && hex_centroid_get(&pl->cs->c[*i], &lat, &lon))
        hexgrid_add_population(pl->g, lat, lon, population);
    else
        pl->unplaced += population;
}

/* Residents into the grid's cells, each LSOA's at its centroid (cs); *any
 * says whether populations are loaded. */
static int place_residents(struct store *s, const struct stats_query *q, struct centroids *cs,
                           struct hexgrid *g, struct map *m, bool *any, struct buf *err)
{
    struct placing pl = {cs, g, 0, 0};
    struct stats_dim_spec lsoa = {DIM_LSOA, NULL, "lsoa"};
    int rc = store_population_by(s, &lsoa, q->area_key, q->area_value, place_population, &pl, err);
    *any = pl.total > 0;
    m->unplaced = pl.unplaced;
    return rc;
}

/* What one scan of the crimes feeds: the points of the crimes mapped, and
 * the LSOAs' centroids from their crimes of every type (a resident lives
 * where crime of any kind is recorded, not only the kinds on the map).
 *
 * These were two scans of the same crimes, the second without the crime
 * types' filter: half the map's time. One scan with the filter as a column
 * (store_crime_points_typed) gives the same points in the same order, so
 * the same map byte for byte. The force's area page on the demo store
 * (make demo), first and uncached, curl's time_total on a fresh `peel
 * serve`, median of 5 on the 2 shared cores: 0.266 s before, 0.193 s after
 * (with assess/area.c's single read of the trend). */
struct hex_feed {
    struct points pts;
    struct centroids cs;
};

static void collect_both(void *arg, double lat, double lon, const char *lsoa, int64_t all,
                         int64_t typed)
{
    struct hex_feed *f = arg;
    if (typed > 0)
        collect_point(&f->pts, lat, lon, lsoa, typed);
    collect_centroid(&f->cs, lat, lon, lsoa, all);
}

static void hex_regions(struct map *m, const struct hexgrid *g)
{
    for (size_t i = 0; i < g->ncells; i++) {
        const struct hex_cell *c = &g->cells[i];
        struct map_region *r = add_region(m);
        hex_unproject(&g->proj, c->x, c->y, &r->lat, &r->lon);
        char name[64];
        snprintf(name, sizeof name, "%.3f,%.3f", r->lat, r->lon);
        r->name = xstrdup(name);
        r->crimes = c->crimes;
        r->population = m->measure == MAP_RATE ? c->population : -1;
        r->drawn = true;
        double xy[12];
        for (int k = 0; k < 6; k++)
            hex_corner(g->size, c->a, k, &xy[2 * k], &xy[2 * k + 1]);
        add_ring(r, 6, xy);
    }
}

int map_build_hex(struct store *s, const struct stats_query *q, const struct map_options *o,
                  struct map *m, struct buf *err)
{
    memset(m, 0, sizeof *m);
    m->kind = MAP_HEX;
    m->min_population = o && o->min_population > 0 ? o->min_population : HEX_MIN_POPULATION;
    struct hex_feed f = {0};
    hmap_init(&f.cs.index);
    struct hex_projection proj = {0};
    double size = 0;
    int rc = store_crime_points_typed(s, q, collect_both, &f, &m->unlocated, &m->outside, err);
    if (rc == 0 && !hex_fit(f.pts.p, f.pts.n, &proj, &size)) {
        buf_puts(err, "no crimes with a location to map for these months and filters");
        rc = -1;
    }
    if (rc < 0) {
        free(f.pts.p);
        hmap_free(&f.cs.index);
        free(f.cs.c);
        return -1;
    }
    if (o && o->cell_size > 0)
        size = o->cell_size;
    struct hexgrid g;
    hexgrid_init(&g, &proj, size);
    for (size_t i = 0; i < f.pts.n; i++)
        hexgrid_add_crimes(&g, f.pts.p[i].lat, f.pts.p[i].lon, f.pts.p[i].count);
    free(f.pts.p);
    bool any = false;
    rc = place_residents(s, q, &f.cs, &g, m, &any, err);
    hmap_free(&f.cs.index);
    free(f.cs.c);
    if (rc == 0) {
        hexgrid_finish(&g, m->min_population);
        m->measure = any ? MAP_RATE : MAP_COUNT;
        m->cell_size = size;
        m->crimes = g.crimes;
        m->population = g.population;
        m->attribution = xstrdup(MAP_OGL_ATTRIBUTION);
        hex_regions(m, &g);
        finish(m, q, o);
    }
    hexgrid_free(&g);
    if (rc < 0)
        map_free(m);
    return rc;
}

/* ---- the choropleth ---- */

struct area_feed {
    struct map *m;
    struct hmap index; /* name -> region */
};

static struct map_region *area_region(struct area_feed *f, const char *name)
{
    int inserted;
    int64_t *i = hmap_put(&f->index, name, strlen(name), &inserted);
    if (inserted) {
        struct map_region *r = add_region(f->m);
        r->name = xstrdup(name);
        r->crimes = 0;
        *i = (int64_t)(f->m->nregions - 1);
    }
    return &f->m->regions[*i];
}

static void area_count(void *arg, const char *const *keys, int64_t count)
{
    struct area_feed *f = arg;
    area_region(f, keys[0])->crimes += count;
}

static void area_population(void *arg, const char *value, int64_t population)
{
    struct area_feed *f = arg;
    struct map_region *r = area_region(f, value);
    r->population = (r->population < 0 ? 0 : r->population) + population;
}

static int area_shape(void *arg, const char *value, const char *geometry, struct buf *err)
{
    struct area_feed *f = arg;
    struct geo_shape shape;
    if (geo_shape_parse(geometry, &shape, err) < 0) {
        buf_printf(err, " (stored boundary of '%s')", value);
        return -1;
    }
    struct map_region *r = area_region(f, value);
    r->drawn = true;
    for (size_t i = 0; i < shape.nrings; i++)
        add_ring(r, shape.rings[i].n, shape.rings[i].lonlat);
    geo_shape_free(&shape);
    return 0;
}

/* Rings arrive in degrees; project them about the middle of their extent. */
static void project_areas(struct map *m)
{
    double lat_lo = 90, lat_hi = -90, lon_lo = 180, lon_hi = -180;
    for (size_t i = 0; i < m->nregions; i++)
        for (size_t k = 0; k < m->regions[i].nrings; k++)
            for (size_t j = 0; j < m->regions[i].rings[k].n; j++) {
                const double *p = m->regions[i].rings[k].xy + 2 * j;
                lon_lo = fmin(lon_lo, p[0]);
                lon_hi = fmax(lon_hi, p[0]);
                lat_lo = fmin(lat_lo, p[1]);
                lat_hi = fmax(lat_hi, p[1]);
            }
    struct hex_projection proj;
    hex_projection_init(&proj, lat_hi >= lat_lo ? (lat_lo + lat_hi) / 2 : 0,
                        lon_hi >= lon_lo ? (lon_lo + lon_hi) / 2 : 0);
    for (size_t i = 0; i < m->nregions; i++)
        for (size_t k = 0; k < m->regions[i].nrings; k++)
            for (size_t j = 0; j < m->regions[i].rings[k].n; j++) {
                double *p = m->regions[i].rings[k].xy + 2 * j;
                hex_project(&proj, p[1], p[0], &p[0], &p[1]);
            }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct map_region *)a)->name, ((const struct map_region *)b)->name);
}

static void area_attribution(struct map *m, const struct boundary_info *info)
{
    struct buf a = BUF_INIT;
    buf_puts(&a, MAP_OGL_ATTRIBUTION);
    if (info->attribution)
        buf_printf(&a, ". Boundaries: %s", info->attribution);
    m->attribution = buf_detach(&a);
}

static int read_areas(struct store *s, const struct stats_query *q,
                      const struct stats_dim_spec *dim, struct area_feed *f, struct buf *err)
{
    struct stats_query by = *q;
    by.ndims = 1;
    by.dims[0] = *dim;
    if (store_stats(s, &by, area_count, f, err) < 0 ||
        store_population_by(s, dim, q->area_key, q->area_value, area_population, f, err) < 0 ||
        store_boundaries(s, f->m->grouping, area_shape, f, err) < 0)
        return -1;
    return 0;
}

int map_build_areas(struct store *s, const struct stats_query *q, const char *grouping,
                    const struct map_options *o, struct map *m, struct buf *err)
{
    memset(m, 0, sizeof *m);
    m->kind = MAP_AREAS;
    m->min_population = o && o->min_population > 0 ? o->min_population : HEX_MIN_POPULATION;
    struct boundary_info info;
    int have = store_boundary_info(s, grouping, &info, err);
    struct stats_dim_spec dim;
    if (have == 1)
        buf_printf(err, "no boundaries loaded for '%s': load them with peel import-boundaries",
                   grouping);
    else if (have == 0 && (!stats_dim_parse(s, grouping, &dim) || !stats_dim_is_area(&dim))) {
        buf_printf(err,
                   "'%s' has boundaries but is not an area grouping: load its LSOA lookup"
                   " with peel import-areas",
                   grouping);
        have = -1;
    }
    if (have != 0) {
        boundary_info_free(&info);
        return -1;
    }
    m->grouping = xstrdup(grouping);
    struct area_feed f = {.m = m};
    hmap_init(&f.index);
    int rc = read_areas(s, q, &dim, &f, err);
    hmap_free(&f.index);
    if (rc == 0) {
        bool any = false;
        for (size_t i = 0; i < m->nregions; i++) {
            struct map_region *r = &m->regions[i];
            any |= r->population > 0;
            if (r->drawn)
                m->crimes += r->crimes;
            else
                m->unmapped += r->crimes;
            m->population += r->drawn && r->population > 0 ? r->population : 0;
        }
        m->measure = any ? MAP_RATE : MAP_COUNT;
        qsort(m->regions, m->nregions, sizeof *m->regions, by_name);
        project_areas(m);
        area_attribution(m, &info);
        finish(m, q, o);
    }
    boundary_info_free(&info);
    if (rc < 0)
        map_free(m);
    return rc;
}
