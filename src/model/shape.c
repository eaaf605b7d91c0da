/*
 * shape.c - an area's outline from its GeoJSON geometry (see shape.h).
 *
 * One walk over a geometry both checks it and, when asked, collects its
 * rings, so that what is drawn is exactly what was checked.
 */
#include "model/shape.h"
#include "util/mem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(struct geo_check *ck, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct geo_check *ck, const char *fmt, ...)
{
    buf_puts(ck->err, ck->prefix);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(ck->err, fmt, ap);
    va_end(ap);
    return -1;
}

static int check_position(struct geo_check *ck, json_t *pos, const char *where, size_t i,
                          double *lon, double *lat)
{
    size_t n = json_is_array(pos) ? json_array_size(pos) : 0;
    if (n != 2 && n != 3)
        return fail(ck, "%s[%zu]: a position must be an array of 2 or 3 numbers", where, i);
    for (size_t k = 0; k < n; k++)
        if (!json_is_number(json_array_get(pos, k)) ||
            !isfinite(json_number_value(json_array_get(pos, k))))
            return fail(ck, "%s[%zu][%zu]: not a number", where, i, k);
    *lon = json_number_value(json_array_get(pos, 0));
    *lat = json_number_value(json_array_get(pos, 1));
    if (fabs(*lon) > 180 || fabs(*lat) > 90)
        return fail(ck, "%s[%zu]: [%g, %g] is not a longitude and latitude in degrees", where, i,
                    *lon, *lat);
    return 0;
}

static int check_ring(struct geo_check *ck, json_t *ring, const char *where)
{
    size_t n = json_is_array(ring) ? json_array_size(ring) : 0;
    if (!json_is_array(ring))
        return fail(ck, "%s: a ring must be an array of positions", where);
    if (n < 4)
        return fail(ck, "%s: a ring needs at least 4 positions, has %zu", where, n);
    ck->positions += n;
    if (ck->max_positions && ck->positions > ck->max_positions)
        return fail(ck, "more than %zu positions in the file", ck->max_positions);
    double *xy = ck->out ? xmalloc(2 * n * sizeof *xy) : NULL;
    double first[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        double lon = 0, lat = 0;
        if (check_position(ck, json_array_get(ring, i), where, i, &lon, &lat) < 0) {
            free(xy);
            return -1;
        }
        if (i == 0) {
            first[0] = lon;
            first[1] = lat;
        } else if (i == n - 1 && (lon != first[0] || lat != first[1])) {
            free(xy);
            return fail(ck, "%s: the ring is not closed (its last position differs from its first)",
                        where);
        }
        if (xy) {
            xy[2 * i] = lon;
            xy[2 * i + 1] = lat;
        }
    }
    if (ck->out) {
        struct geo_shape *s = ck->out;
        s->rings = xrealloc(s->rings, (s->nrings + 1) * sizeof *s->rings);
        s->rings[s->nrings++] = (struct geo_ring){n, xy};
    }
    return 0;
}

static int check_polygon(struct geo_check *ck, json_t *poly, const char *where)
{
    if (!json_is_array(poly) || json_array_size(poly) == 0)
        return fail(ck, "%s: a polygon must be a non-empty array of rings", where);
    char at[96];
    for (size_t i = 0; i < json_array_size(poly); i++) {
        snprintf(at, sizeof at, "%s[%zu]", where, i);
        if (check_ring(ck, json_array_get(poly, i), at) < 0)
            return -1;
    }
    return 0;
}

int geo_geometry_check(json_t *g, struct geo_check *ck)
{
    if (!json_is_object(g))
        return fail(ck, "geometry: must be an object (a feature with no geometry cannot be drawn)");
    const char *type = json_string_value(json_object_get(g, "type"));
    json_t *coords = json_object_get(g, "coordinates");
    if (!type || (strcmp(type, "Polygon") != 0 && strcmp(type, "MultiPolygon") != 0))
        return fail(ck, "geometry.type: must be Polygon or MultiPolygon");
    if (strcmp(type, "Polygon") == 0)
        return check_polygon(ck, coords, "geometry.coordinates");
    if (!json_is_array(coords) || json_array_size(coords) == 0)
        return fail(ck, "geometry.coordinates: a MultiPolygon needs a non-empty array of polygons");
    char at[64];
    for (size_t i = 0; i < json_array_size(coords); i++) {
        snprintf(at, sizeof at, "geometry.coordinates[%zu]", i);
        if (check_polygon(ck, json_array_get(coords, i), at) < 0)
            return -1;
    }
    return 0;
}

int geo_shape_parse(const char *geometry, struct geo_shape *out, struct buf *err)
{
    memset(out, 0, sizeof *out);
    struct geo_check ck = {.err = err, .prefix = "", .out = out};
    json_error_t je;
    json_t *g = json_loads(geometry, JSON_REJECT_DUPLICATES, &je);
    int rc = g ? geo_geometry_check(g, &ck) : fail(&ck, "geometry: not JSON: %s", je.text);
    json_decref(g);
    if (rc < 0)
        geo_shape_free(out);
    return rc;
}

void geo_shape_free(struct geo_shape *s)
{
    for (size_t i = 0; i < s->nrings; i++)
        free(s->rings[i].lonlat);
    free(s->rings);
    memset(s, 0, sizeof *s);
}
