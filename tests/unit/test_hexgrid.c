/*
 * test_hexgrid.c - the hexagonal grid's arithmetic, worked by hand, and the
 * GeoJSON boundary checks, good files and bad.
 *
 * Hand values: R = 6,371,008.8 m, so one degree is R pi / 180 = 111,195.08 m
 * of latitude, and of longitude times cos(latitude). A pointy-top hexagon
 * of size s has its centre at (s sqrt3 (q + r/2), 1.5 s r) and its corners
 * at s from the centre, at -30, 30, 90, ... degrees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "analysis/hexgrid.h"
#include "ingest/geojson.h"
#include "model/shape.h"

#define DEG_M 111195.0802 /* metres per degree of latitude */

static void projection_by_hand(void **state)
{
    (void)state;
    struct hex_projection p;
    hex_projection_init(&p, 60, -1);
    double x, y;
    hex_project(&p, 60, -1, &x, &y);
    assert_float_equal(x, 0, 1e-9);
    assert_float_equal(y, 0, 1e-9);
    /* at 60 degrees a degree of longitude is half a degree of latitude */
    hex_project(&p, 61, 1, &x, &y);
    assert_float_equal(y, DEG_M, 0.01);
    assert_float_equal(x, 2 * DEG_M * 0.5, 0.01);
    double lat, lon;
    hex_unproject(&p, x, y, &lat, &lon);
    assert_float_equal(lat, 61, 1e-12);
    assert_float_equal(lon, 1, 1e-12);
}

static void centres_and_corners(void **state)
{
    (void)state;
    double x, y;
    hex_centre(1000, (struct hex_axial){1, 0}, &x, &y);
    assert_float_equal(x, 1732.0508, 1e-3);
    assert_float_equal(y, 0, 1e-9);
    hex_centre(1000, (struct hex_axial){-1, 2}, &x, &y);
    assert_float_equal(x, 0, 1e-9); /* sqrt3 (-1 + 1) */
    assert_float_equal(y, 3000, 1e-9);
    hex_corner(1000, (struct hex_axial){0, 0}, 0, &x, &y); /* -30 degrees */
    assert_float_equal(x, 866.0254, 1e-3);
    assert_float_equal(y, -500, 1e-9);
    hex_corner(1000, (struct hex_axial){0, 0}, 2, &x, &y); /* 90 degrees: the top point */
    assert_float_equal(x, 0, 1e-9);
    assert_float_equal(y, 1000, 1e-9);
}

static void binning_by_hand(void **state)
{
    (void)state;
    struct hex_axial a = hex_at(1000, 1700, 10); /* beside the centre of (1, 0) */
    assert_int_equal(a.q, 1);
    assert_int_equal(a.r, 0);
    /* (100, 1400): 771 m from (0, 1)'s centre (866, 1500), 973 m from
     * (-1, 1)'s (-866, 1500), 1405 m from (0, 0)'s */
    a = hex_at(1000, 100, 1400);
    assert_int_equal(a.q, 0);
    assert_int_equal(a.r, 1);
    a = hex_at(1000, -100, 1400);
    assert_int_equal(a.q, -1);
    assert_int_equal(a.r, 1);
    /* just inside the top corner of (0, 0) */
    a = hex_at(1000, 0, 990);
    assert_int_equal(a.q, 0);
    assert_int_equal(a.r, 0);
}

/* Every point lands in the hexagon whose centre is nearest: the defining
 * property, checked on a lattice of points that includes edges. */
static void binning_is_nearest_centre(void **state)
{
    (void)state;
    for (double x = -5000; x <= 5000; x += 137)
        for (double y = -5000; y <= 5000; y += 113) {
            struct hex_axial a = hex_at(1000, x, y);
            double cx, cy;
            hex_centre(1000, a, &cx, &cy);
            double d = hypot(x - cx, y - cy);
            static const int dq[] = {1, 1, 0, -1, -1, 0}, dr[] = {0, -1, -1, 0, 1, 1};
            for (int k = 0; k < 6; k++) {
                double nx, ny;
                hex_centre(1000, (struct hex_axial){a.q + dq[k], a.r + dr[k]}, &nx, &ny);
                assert_true(d <= hypot(x - nx, y - ny) + 1e-6);
            }
            assert_true(d <= 1000 + 1e-6);
        }
}

static void default_size(void **state)
{
    (void)state;
    /* 50 km square, 200 cells: s = sqrt(2.5e9 / (200 x 2.598076)) =
     * 2,193.4 m, rounded up to 2,200 */
    assert_float_equal(hex_size_for_extent(50000, 50000, 200), 2200, 1e-9);
    /* a single point still gets a usable size */
    assert_true(hex_size_for_extent(0, 0, 200) >= HEX_SIZE_STEP_M);
}

static void fit_to_points(void **state)
{
    (void)state;
    /* three crimes at 52.0 and one at 52.4: the mean is 52.1 */
    struct hex_point pts[] = {{52.0, -1.0, 3}, {52.4, -1.2, 1}};
    struct hex_projection p;
    double size;
    assert_true(hex_fit(pts, 2, &p, &size));
    assert_float_equal(p.lat0, 52.1, 1e-12);
    assert_float_equal(p.lon0, -1.05, 1e-12);
    assert_true(size > 0);
    assert_false(hex_fit(pts, 0, &p, &size));
}

static void grid_counts_rates_and_suppression(void **state)
{
    (void)state;
    struct hex_projection p;
    hex_projection_init(&p, 52, -1);
    struct hexgrid g;
    hexgrid_init(&g, &p, 1000);
    /* 0.02 degrees north is 2,224 m: cell r = 1 (y 1,500) or beyond. */
    hexgrid_add_crimes(&g, 52, -1, 30);
    hexgrid_add_crimes(&g, 52.0001, -1.0001, 20); /* same cell, 11 m away */
    hexgrid_add_crimes(&g, 52.02, -1, 7);
    hexgrid_add_population(&g, 52, -1, 1500);
    hexgrid_add_population(&g, 52.0002, -1, 1000);
    hexgrid_add_population(&g, 52.02, -1, 400); /* below the threshold */
    hexgrid_finish(&g, HEX_MIN_POPULATION);
    assert_int_equal(g.ncells, 2);
    assert_int_equal(g.crimes, 57);
    assert_int_equal(g.population, 2900);
    /* north first */
    assert_int_equal(g.cells[0].crimes, 7);
    assert_true(g.cells[0].suppressed);
    assert_true(isnan(g.cells[0].rate));
    assert_int_equal(g.cells[1].crimes, 50);
    assert_int_equal(g.cells[1].population, 2500);
    assert_int_equal(g.cells[1].nlsoas, 2);
    assert_false(g.cells[1].suppressed);
    assert_float_equal(g.cells[1].rate, 20.0, 1e-12); /* 50 / 2,500 x 1,000 */
    const struct hex_cell *c = hexgrid_find(&g, 52.0001, -1);
    assert_non_null(c);
    assert_int_equal(c->crimes, 50);
    assert_null(hexgrid_find(&g, 53, -1));
    hexgrid_free(&g);
}

static void centroid(void **state)
{
    (void)state;
    struct hex_centroid c = {0};
    double lat, lon;
    assert_false(hex_centroid_get(&c, &lat, &lon));
    hex_centroid_add(&c, 52.0, -1.0, 1);
    hex_centroid_add(&c, 52.3, -1.3, 2);
    assert_true(hex_centroid_get(&c, &lat, &lon));
    assert_float_equal(lat, 52.2, 1e-12);
    assert_float_equal(lon, -1.2, 1e-12);
}

/* ---- GeoJSON ---- */

#define SQUARE(x0, y0, x1, y1)                                                                     \
    "[[[" #x0 "," #y0 "],[" #x1 "," #y0 "],[" #x1 "," #y1 "],[" #x0 "," #y1 "],[" #x0 "," #y0 "]]" \
    "]"

static const char good[] =
    "{\"type\":\"FeatureCollection\",\"attribution\":\"Boundaries: ONS, OGL v3.0\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"name\":\"West\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" SQUARE(
        -1.2, 52.5, -1.1,
        52.7) "}},"
              "{\"type\":\"Feature\",\"properties\":{\"name\":123},"
              "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" SQUARE(
                  -1.1, 52.5, -1.0,
                  52.7) ","
                        "[[[-0.9,52.5],[-0.8,52.5],[-0.8,52.7,10],[-0.9,52.5]]]]}}]}";

static int read(const char *text, struct geojson *g, struct buf *err)
{
    buf_reset(err);
    return geojson_read(text, strlen(text), "b.geojson", "name", g, err);
}

static void geojson_good(void **state)
{
    (void)state;
    struct geojson g;
    struct buf err = BUF_INIT;
    assert_int_equal(read(good, &g, &err), 0);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.features[0].key, "West");
    assert_string_equal(g.features[1].key, "123");
    assert_int_equal(g.features[1].index, 1);
    assert_string_equal(g.attribution, "Boundaries: ONS, OGL v3.0");
    struct geo_shape s;
    assert_int_equal(geo_shape_parse(g.features[1].geometry, &s, &err), 0);
    assert_int_equal(s.nrings, 2);
    assert_int_equal(s.rings[0].n, 5);
    assert_float_equal(s.rings[0].lonlat[0], -1.1, 1e-12);
    assert_float_equal(s.rings[0].lonlat[1], 52.5, 1e-12);
    assert_int_equal(s.rings[1].n, 4);
    geo_shape_free(&s);
    geojson_free(&g);
    buf_free(&err);
}

/* A bad file is refused with a message naming what is wrong. */
static void expect_error(const char *text, const char *want)
{
    struct geojson g;
    struct buf err = BUF_INIT;
    assert_int_equal(read(text, &g, &err), -1);
    assert_int_equal(g.n, 0);
    if (!strstr(err.p, want) || strncmp(err.p, "b.geojson: ", 11) != 0)
        fail_msg("wanted '%s' in '%s'", want, err.p);
    buf_free(&err);
}

#define FC(features) "{\"type\":\"FeatureCollection\",\"features\":[" features "]}"
#define FEATURE(name, geometry)                                                                    \
    "{\"type\":\"Feature\",\"properties\":{\"name\":" name "},\"geometry\":" geometry "}"
#define POLY(coords) "{\"type\":\"Polygon\",\"coordinates\":" coords "}"

static void geojson_bad(void **state)
{
    (void)state;
    expect_error("{\"type\":", "not JSON");
    expect_error("[]", "type: must be FeatureCollection");
    expect_error("{\"type\":\"FeatureCollection\",\"features\":[]}", "non-empty array");
    expect_error(FC(FEATURE("\"A\"", POLY(SQUARE(0, 0, 1, 1))) "," FEATURE(
                     "\"B\"", POLY("[[[0,0],[1,0],[1,1],[0,1],[0,0.5]]]"))),
                 "feature 1 (B): geometry.coordinates[0]: the ring is not closed");
    expect_error(FC(FEATURE("\"A\"", POLY("[[[0,0],[1,0],[0,0]]]"))), "at least 4 positions");
    expect_error(FC(FEATURE("\"A\"", POLY("[[[0,0],[1,\"0\"],[1,1],[0,0]]]"))),
                 "geometry.coordinates[0][1][1]: not a number");
    expect_error(FC(FEATURE("\"A\"", POLY("[[[0,0],[1,0],[1,91],[0,0]]]"))),
                 "not a longitude and latitude");
    expect_error(FC(FEATURE("\"A\"", "{\"type\":\"Point\",\"coordinates\":[0,0]}")),
                 "feature 0 (A): geometry.type: must be Polygon or MultiPolygon");
    expect_error(FC(FEATURE("\"A\"", "null")), "geometry: must be an object");
    expect_error(FC(FEATURE("\"\"", POLY(SQUARE(0, 0, 1, 1)))), "feature 0: properties.name");
    expect_error(FC(FEATURE("1.5", POLY(SQUARE(0, 0, 1, 1)))), "properties.name");
    expect_error(FC(FEATURE("\"A\"", POLY(SQUARE(0, 0, 1, 1))) "," FEATURE(
                     "\"A\"", POLY(SQUARE(1, 1, 2, 2)))),
                 "feature 1 (A): properties: the same area as feature 0");
    expect_error(FC("{\"type\":\"Feature\",\"properties\":{\"name\":\"A\",\"name\":\"B\"}}"),
                 "not JSON");
    expect_error(FC(FEATURE("\"A\"", "{\"type\":\"MultiPolygon\",\"coordinates\":[]}")),
                 "non-empty array of polygons");
    expect_error(FC("{\"type\":\"Feature\",\"geometry\":null}"), "properties.name");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(projection_by_hand),
        cmocka_unit_test(centres_and_corners),
        cmocka_unit_test(binning_by_hand),
        cmocka_unit_test(binning_is_nearest_centre),
        cmocka_unit_test(default_size),
        cmocka_unit_test(fit_to_points),
        cmocka_unit_test(grid_counts_rates_and_suppression),
        cmocka_unit_test(centroid),
        cmocka_unit_test(geojson_good),
        cmocka_unit_test(geojson_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
