/*
 * hexgrid.h - crimes counted on a grid of hexagons, for maps that need no
 * boundary files.
 *
 * Every police.uk crime carries an anonymised point (a street centre near
 * the offence). Counting those points in equal hexagons gives a map of where
 * crime is recorded with nothing but the crimes themselves. The functions
 * here are pure arithmetic: no SQL, no drawing.
 *
 * The plane. Longitude and latitude are projected to metres about a centre
 * (lat0, lon0) by the equirectangular projection scaled by cos(lat0):
 *   x = R (lon - lon0) cos(lat0),  y = R (lat - lat0)   (R = 6,371,008.8 m).
 * Its east-west scale is exact on the centre's parallel and off by the
 * ratio cos(lat) / cos(lat0) elsewhere: within 50 km north or south of the
 * centre at 52.6 degrees N (a whole county) that is under 1.1%, so cells
 * differ in true area by about 1% - far less than the counts themselves
 * vary. For a country or a continent use a real equal-area projection.
 *
 * The cells. Pointy-top hexagons of `size` metres from centre to corner
 * (Lee & Patel's axial coordinates q, r: x = size sqrt3 (q + r/2),
 * y = size 3/2 r, y pointing north). A point is binned by rounding its
 * fractional cube coordinates to the nearest hexagon.
 *
 * The default size is chosen so that the middle 98% of the crimes' extent
 * holds about HEX_TARGET_CELLS cells (100-300 for a force area): fewer, and
 * a district is two or three cells and any pattern disappears; many more,
 * and cells shrink below the few hundred metres of police.uk's anonymised
 * points, most cells hold a handful of crimes, and the residents of a cell
 * fall below the threshold for a stable rate.
 *
 * Rates per 1,000 residents need the residents of each cell. Each LSOA's
 * whole population is put in the cell of its centroid, taken as the mean of
 * the points of the crimes recorded in it (docs/methods.md says why and
 * what it costs). A cell with fewer than HEX_MIN_POPULATION residents gets
 * no rate: it is suppressed, and maps draw it apart.
 */
#ifndef PEEL_HEXGRID_H
#define PEEL_HEXGRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/hmap.h"

#define HEX_EARTH_RADIUS_M 6371008.8
#define HEX_TARGET_CELLS   200
/* About two-thirds of the smallest LSOA (ONS builds LSOAs of 1,000 to 3,000
 * residents): below it one partial LSOA would make the rate. */
#define HEX_MIN_POPULATION 1000
/* Cell sizes are rounded to this, so that a legend can say "2.3 km". */
#define HEX_SIZE_STEP_M 100.0

struct hex_projection {
    double lat0, lon0; /* degrees */
    double cos_lat0;
};

void hex_projection_init(struct hex_projection *p, double lat0, double lon0);
/* Degrees to metres east (x) and north (y) of the centre, and back. */
void hex_project(const struct hex_projection *p, double lat, double lon, double *x, double *y);
void hex_unproject(const struct hex_projection *p, double x, double y, double *lat, double *lon);

struct hex_axial {
    int32_t q, r;
};

/* The hexagon holding (x, y); points on an edge go to one side, always the
 * same one. */
struct hex_axial hex_at(double size, double x, double y);
void hex_centre(double size, struct hex_axial h, double *x, double *y);
/* Corner i (0..5), anticlockwise from the one at -30 degrees (east-south-east). */
void hex_corner(double size, struct hex_axial h, int i, double *x, double *y);
/* The size giving about `target` cells over a width x height rectangle (in
 * metres), rounded up to HEX_SIZE_STEP_M. */
double hex_size_for_extent(double width, double height, int target);

/* A located count: `count` crimes at one point. */
struct hex_point {
    double lat, lon;
    int64_t count;
};

/* The projection centre (the crimes' mean point) and the default size
 * (HEX_TARGET_CELLS over the middle 98% of their extent) for these points;
 * false when there are none. */
bool hex_fit(const struct hex_point *pts, size_t n, struct hex_projection *p, double *size);

struct hex_cell {
    struct hex_axial a;
    double x, y; /* centre, metres */
    int64_t crimes;
    int64_t population; /* residents of the LSOAs whose centroid is here */
    int nlsoas;
    double rate;     /* per 1,000 residents; NAN when suppressed */
    bool suppressed; /* population below the threshold */
};

struct hexgrid {
    struct hex_projection proj;
    double size;
    struct hex_cell *cells;
    size_t ncells, cap;
    struct hmap index;      /* packed (q, r) -> cell index */
    int64_t crimes;         /* located crimes binned */
    int64_t population;     /* residents placed in cells */
    int64_t min_population; /* the threshold hexgrid_finish used */
    bool finished;
};

void hexgrid_init(struct hexgrid *g, const struct hex_projection *p, double size);
void hexgrid_free(struct hexgrid *g);
/* The cell at a, created empty when new. */
struct hex_cell *hexgrid_cell(struct hexgrid *g, struct hex_axial a);
/* The cell holding a point, or NULL when there is none. */
const struct hex_cell *hexgrid_find(const struct hexgrid *g, double lat, double lon);
void hexgrid_add_crimes(struct hexgrid *g, double lat, double lon, int64_t count);
/* One LSOA's residents, placed at its centroid. */
void hexgrid_add_population(struct hexgrid *g, double lat, double lon, int64_t population);
/* Rates and suppression (below min_population residents), and the cells
 * sorted north to south, then west to east, so tables read like the map. */
void hexgrid_finish(struct hexgrid *g, int64_t min_population);

/* Running mean of an LSOA's points, for its centroid. */
struct hex_centroid {
    double lat_sum, lon_sum;
    int64_t n;
};
void hex_centroid_add(struct hex_centroid *c, double lat, double lon, int64_t count);
bool hex_centroid_get(const struct hex_centroid *c, double *lat, double *lon);

#endif
