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
#include "model/money.h"
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

/* ---- money by area ------------------------------------------------------ */

/* Where no boundaries are loaded, the areas are drawn as hexagonal tiles:
 * each located crime's LSOA names its area (the grouping's lookup), and a
 * cell is the area's whose crimes are most of the cell's. An area that wins
 * no cell takes the cell where most of its own crimes are, from an area
 * that has others, so that every area with crimes is on the map. */
struct tile_cell {
    struct hex_axial a;
    int32_t owner;
};

struct tiling {
    struct hmap area_of_lsoa; /* LSOA code -> area index */
    struct hmap area_index;   /* area name -> index */
    char **areas;
    size_t nareas;
    struct hex_point *pts;
    int32_t *pt_area;
    size_t n, cap;
    struct hmap cell_index; /* packed (q, r) -> index into cells */
    struct hmap counts;     /* packed (q, r, area) -> crimes */
    struct tile_cell *cells;
    size_t ncells;
};

static void tile_lookup(void *arg, const char *const *keys, int64_t count)
{
    (void)count;
    struct tiling *t = arg;
    /* an LSOA in no area of the grouping ("(no location)", "(outside ...)"):
     * its crimes draw no area */
    if (!keys[0] || !*keys[0] || !keys[1] || !*keys[1] || keys[1][0] == '(')
        return;
    int inserted;
    int64_t *a = hmap_put(&t->area_index, keys[1], strlen(keys[1]), &inserted);
    if (inserted) {
        t->areas = xrealloc(t->areas, (t->nareas + 1) * sizeof *t->areas);
        t->areas[t->nareas] = xstrdup(keys[1]);
        *a = (int64_t)t->nareas++;
    }
    int64_t area = *a;
    *hmap_put(&t->area_of_lsoa, keys[0], strlen(keys[0]), NULL) = area;
}

static void tile_point(void *arg, double lat, double lon, const char *lsoa, int64_t all,
                       int64_t typed)
{
    (void)typed;
    struct tiling *t = arg;
    const int64_t *a = lsoa && *lsoa ? hmap_get(&t->area_of_lsoa, lsoa, strlen(lsoa)) : NULL;
    if (!a || all <= 0)
        return;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->pts = xrealloc(t->pts, t->cap * sizeof *t->pts);
        t->pt_area = xrealloc(t->pt_area, t->cap * sizeof *t->pt_area);
    }
    t->pts[t->n] = (struct hex_point){lat, lon, all};
    t->pt_area[t->n++] = (int32_t)*a;
}

static void tiling_free(struct tiling *t)
{
    for (size_t i = 0; i < t->nareas; i++)
        free(t->areas[i]);
    free(t->areas);
    free(t->pts);
    free(t->pt_area);
    free(t->cells);
    hmap_free(&t->area_of_lsoa);
    hmap_free(&t->area_index);
    hmap_free(&t->cell_index);
    hmap_free(&t->counts);
}

/* The cell at a's index, or -1. */
static int64_t tile_find(const struct tiling *t, struct hex_axial a)
{
    int32_t key[2] = {a.q, a.r};
    const int64_t *i = hmap_get(&t->cell_index, key, sizeof key);
    return i ? *i : -1;
}

static int64_t tile_count(const struct tiling *t, struct hex_axial a, int32_t area)
{
    int32_t key[3] = {a.q, a.r, area};
    const int64_t *c = hmap_get(&t->counts, key, sizeof key);
    return c ? *c : 0;
}

static void tile_bin(struct tiling *t, const struct hex_projection *proj, double size)
{
    for (size_t i = 0; i < t->n; i++) {
        double x, y;
        hex_project(proj, t->pts[i].lat, t->pts[i].lon, &x, &y);
        struct hex_axial a = hex_at(size, x, y);
        int inserted;
        int32_t cell[2] = {a.q, a.r};
        int64_t *ci = hmap_put(&t->cell_index, cell, sizeof cell, &inserted);
        if (inserted) {
            t->cells = xrealloc(t->cells, (t->ncells + 1) * sizeof *t->cells);
            t->cells[t->ncells] = (struct tile_cell){a, -1};
            *ci = (int64_t)t->ncells++;
        }
        int32_t key[3] = {a.q, a.r, t->pt_area[i]};
        int64_t *c = hmap_put(&t->counts, key, sizeof key, &inserted);
        *c = (inserted ? 0 : *c) + t->pts[i].count;
    }
}

/* Each cell to the area with most of its crimes (the first area on a tie),
 * then a cell to each area that won none (see above). */
static void tile_owners(struct tiling *t)
{
    size_t *won = xcalloc(t->nareas + 1, sizeof *won);
    for (size_t c = 0; c < t->ncells; c++) {
        int64_t best = 0;
        for (size_t k = 0; k < t->nareas; k++) {
            int64_t n = tile_count(t, t->cells[c].a, (int32_t)k);
            if (n > best)
                best = n, t->cells[c].owner = (int32_t)k;
        }
        assert(t->cells[c].owner >= 0);
        won[t->cells[c].owner]++;
    }
    for (size_t k = 0; k < t->nareas; k++) {
        int64_t best = 0, at = -1;
        for (size_t c = 0; !won[k] && c < t->ncells; c++) {
            int64_t n = tile_count(t, t->cells[c].a, (int32_t)k);
            if (n > best && won[t->cells[c].owner] > 1)
                best = n, at = (int64_t)c;
        }
        if (at >= 0) {
            won[t->cells[at].owner]--;
            t->cells[at].owner = (int32_t)k;
            won[k]++;
        }
    }
    free(won);
}

static void add_border(struct map *m, const double *from, const double *to)
{
    m->borders = xrealloc(m->borders, (m->nborders + 1) * sizeof *m->borders);
    struct map_ring *b = &m->borders[m->nborders++];
    b->n = 2;
    b->xy = xmalloc(4 * sizeof *b->xy);
    memcpy(b->xy, from, 2 * sizeof *from);
    memcpy(b->xy + 2, to, 2 * sizeof *to);
}

/* A cell's hexagon into its area's region, and each of its sides that
 * faces another area, or no cell, as a border (once per side). */
static void tile_draw_cell(struct area_feed *f, const struct tiling *t, size_t c, double size)
{
    const struct tile_cell *cell = &t->cells[c];
    struct map_region *r = area_region(f, t->areas[cell->owner]);
    r->drawn = true;
    double xy[12], cx, cy;
    for (int k = 0; k < 6; k++)
        hex_corner(size, cell->a, k, &xy[2 * k], &xy[2 * k + 1]);
    add_ring(r, 6, xy);
    hex_centre(size, cell->a, &cx, &cy);
    for (int k = 0; k < 6; k++) {
        const double *p = &xy[2 * k], *q = &xy[2 * ((k + 1) % 6)];
        /* the neighbour across this side: the centre mirrored in it */
        double nx = p[0] + q[0] - cx, ny = p[1] + q[1] - cy;
        int64_t n = tile_find(t, hex_at(size, nx, ny));
        if (n < 0 || t->cells[n].owner > cell->owner)
            add_border(f->m, p, q);
    }
}

/* The areas as tiles of the crimes the query picks (see above). */
static int read_tiles(struct store *s, const struct stats_query *q,
                      const struct stats_dim_spec *dim, struct area_feed *f, struct buf *note,
                      struct buf *err)
{
    struct tiling t = {0};
    hmap_init(&t.area_of_lsoa);
    hmap_init(&t.area_index);
    hmap_init(&t.cell_index);
    hmap_init(&t.counts);
    struct stats_query by = *q;
    by.ndims = 2;
    by.dims[0] = (struct stats_dim_spec){DIM_LSOA, NULL, "lsoa"};
    by.dims[1] = *dim;
    int64_t unlocated = 0, outside = 0;
    struct hex_projection proj;
    double size = 0;
    int rc = store_stats(s, &by, tile_lookup, &t, err);
    if (rc == 0)
        rc = store_crime_points_typed(s, q, tile_point, &t, &unlocated, &outside, err);
    if (rc == 0 && !hex_fit(t.pts, t.n, &proj, &size)) {
        /* nothing to draw: the areas are still in the table */
        buf_printf(note,
                   "No %s boundaries are loaded, nor crimes with a location to draw the %ss "
                   "from: nothing is drawn.",
                   f->m->grouping, f->m->grouping);
    } else if (rc == 0) {
        tile_bin(&t, &proj, size);
        tile_owners(&t);
        for (size_t k = 0; k < t.nareas; k++)
            area_region(f, t.areas[k]);
        for (size_t c = 0; c < t.ncells; c++)
            tile_draw_cell(f, &t, c, size);
        f->m->cell_size = size;
        buf_printf(note,
                   "No %s boundaries are loaded, so each is drawn as the hexagons (%.1f km "
                   "across) where most of the crimes recorded are in it (data.police.uk street "
                   "crime).",
                   f->m->grouping, size * sqrt(3) / 1000);
    }
    tiling_free(&t);
    return rc;
}

static int by_value_desc(const struct map_region *a, const struct map_region *b)
{
    return (a->pence < b->pence) - (a->pence > b->pence);
}

/* The text alternative of a money map. */
static void describe_money(struct map *m)
{
    struct buf d = BUF_INIT;
    const struct map_region *hi = NULL, *lo = NULL;
    int64_t pence = 0, grants = 0;
    size_t given = 0, drawn = 0;
    for (size_t i = 0; i < m->nregions; i++) {
        const struct map_region *r = &m->regions[i];
        pence += r->pence;
        grants += r->crimes;
        drawn += r->drawn;
        if (!r->drawn || r->crimes == 0)
            continue;
        given++;
        if (!hi || by_value_desc(r, hi) < 0)
            hi = r;
        if (!lo || by_value_desc(r, lo) > 0)
            lo = r;
    }
    char amount[MONEY_TEXT_SIZE];
    money_format(pence, true, amount);
    buf_printf(&d,
               "Map of %s awarded in %lld grant%s, by %s: %zu of the %zu %ss drawn were given "
               "something",
               amount, (long long)grants, grants == 1 ? "" : "s", m->grouping, given, drawn,
               m->grouping);
    if (hi) {
        money_format(hi->pence, true, amount);
        buf_printf(&d, ". Most: %s, %s in %lld grant%s", hi->name, amount, (long long)hi->crimes,
                   hi->crimes == 1 ? "" : "s");
    }
    if (lo && lo != hi) {
        money_format(lo->pence, true, amount);
        buf_printf(&d, "; least: %s, %s in %lld grant%s", lo->name, amount, (long long)lo->crimes,
                   lo->crimes == 1 ? "" : "s");
    }
    buf_puts(&d, ".");
    if (m->note)
        buf_printf(&d, " %s", m->note);
    buf_printf(&d, " The table of every %s gives the same figures.", m->grouping);
    m->description = buf_detach(&d);
}

static void money_finish(struct map *m, const char *title)
{
    for (size_t i = 0; i < m->nregions; i++) {
        struct map_region *r = &m->regions[i];
        r->value = (double)r->pence / 100;
        r->suppressed = r->crimes == 0;
        m->crimes += r->drawn ? r->crimes : 0;
        m->unmapped += r->drawn ? 0 : r->crimes;
    }
    classify(m);
    m->decimals = 0;
    m->title = xstrdup(title);
    describe_money(m);
}

int map_build_money(struct store *s, const struct stats_query *q, const char *grouping,
                    const struct map_amount *amounts, size_t n, const char *title, const char *note,
                    struct map *m, struct buf *err)
{
    memset(m, 0, sizeof *m);
    m->kind = MAP_AREAS;
    m->measure = MAP_MONEY;
    m->grouping = xstrdup(grouping);
    struct boundary_info info;
    int have = store_boundary_info(s, grouping, &info, err);
    struct stats_dim_spec dim;
    if (have == 1 && (!stats_dim_parse(s, grouping, &dim) || !stats_dim_is_area(&dim))) {
        buf_printf(err, "no boundaries loaded for '%s', and it is not an area grouping", grouping);
        have = -1;
    }
    struct area_feed f = {.m = m};
    hmap_init(&f.index);
    struct buf said = BUF_INIT;
    if (note && *note)
        buf_printf(&said, "%s ", note);
    int rc = have < 0    ? -1
             : have == 0 ? store_boundaries(s, grouping, area_shape, &f, err)
                         : read_tiles(s, q, &dim, &f, &said, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct map_region *r = area_region(&f, amounts[i].area);
        r->crimes += amounts[i].count;
        r->pence += amounts[i].pence;
    }
    hmap_free(&f.index);
    if (rc == 0) {
        if (have == 0)
            project_areas(m); /* the boundaries' degrees to metres; tiles are in metres */
        if (m->nregions)      /* none: no area, no award (and qsort may not be given NULL) */
            qsort(m->regions, m->nregions, sizeof *m->regions, by_name);
        if (have == 0)
            area_attribution(m, &info);
        else
            m->attribution = xstrdup(MAP_OGL_ATTRIBUTION);
        while (said.len && said.p[said.len - 1] == ' ')
            said.p[--said.len] = '\0';
        m->note = said.len ? buf_detach(&said) : NULL;
        money_finish(m, title);
    }
    buf_free(&said);
    if (have == 0)
        boundary_info_free(&info);
    if (rc < 0)
        map_free(m);
    return rc;
}
