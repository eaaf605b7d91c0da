/*
 * geojson.c - checking GeoJSON boundary files (see geojson.h).
 *
 * One walk over a geometry both checks it and, when asked, collects its
 * rings, so that what is drawn is exactly what was checked.
 */
#include "ingest/geojson.h"
#include "util/hmap.h"
#include "util/mem.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where a check is, for its messages. */
struct check {
    struct buf *err;
    const char *name; /* file name, or NULL for a stored geometry */
    size_t feature;
    bool in_feature;
    const char *key;       /* the feature's key value once known */
    size_t positions;      /* so far, against GEOJSON_MAX_POSITIONS */
    struct geo_shape *out; /* NULL: check only */
};

static int fail(struct check *ck, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct check *ck, const char *fmt, ...)
{
    if (ck->name)
        buf_printf(ck->err, "%s: ", ck->name);
    if (ck->in_feature) {
        buf_printf(ck->err, "feature %zu", ck->feature);
        if (ck->key) {
            buf_puts(ck->err, " (");
            buf_put_escaped(ck->err, ck->key);
            buf_puts(ck->err, ")");
        }
        buf_puts(ck->err, ": ");
    }
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(ck->err, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- geometry ---- */

static int check_position(struct check *ck, json_t *pos, const char *where, size_t i, double *lon,
                          double *lat)
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

static int check_ring(struct check *ck, json_t *ring, const char *where)
{
    size_t n = json_is_array(ring) ? json_array_size(ring) : 0;
    if (!json_is_array(ring))
        return fail(ck, "%s: a ring must be an array of positions", where);
    if (n < 4)
        return fail(ck, "%s: a ring needs at least 4 positions, has %zu", where, n);
    ck->positions += n;
    if (ck->positions > GEOJSON_MAX_POSITIONS)
        return fail(ck, "more than %d positions in the file", GEOJSON_MAX_POSITIONS);
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

static int check_polygon(struct check *ck, json_t *poly, const char *where)
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

static int check_geometry(struct check *ck, json_t *g)
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

/* ---- features ---- */

/* The key property as text: a string, or an integer written in decimal. */
static char *key_text(json_t *v)
{
    if (json_is_string(v) && json_string_length(v) > 0 &&
        strlen(json_string_value(v)) == json_string_length(v))
        return xstrdup(json_string_value(v));
    if (json_is_integer(v)) {
        char s[32];
        snprintf(s, sizeof s, "%lld", (long long)json_integer_value(v));
        return xstrdup(s);
    }
    return NULL;
}

static int check_feature(struct check *ck, json_t *f, const char *key_property,
                         struct geojson_feature *out)
{
    const char *type = json_string_value(json_object_get(f, "type"));
    if (!json_is_object(f) || !type || strcmp(type, "Feature") != 0)
        return fail(ck, "type: must be Feature");
    json_t *props = json_object_get(f, "properties");
    json_t *v = json_is_object(props) ? json_object_get(props, key_property) : NULL;
    char *key = key_text(v);
    if (!key)
        return fail(ck, "properties.%s: missing, empty, or not a string or whole number",
                    key_property);
    ck->key = key;
    json_t *g = json_object_get(f, "geometry");
    if (check_geometry(ck, g) < 0) {
        free(key);
        return -1;
    }
    out->key = key;
    out->geometry = json_dumps(g, JSON_COMPACT | JSON_PRESERVE_ORDER);
    out->index = ck->feature;
    return 0;
}

static int duplicate_keys(struct check *ck, const struct geojson *g)
{
    struct hmap seen;
    hmap_init(&seen);
    int rc = 0;
    for (size_t i = 0; i < g->n && rc == 0; i++) {
        const struct geojson_feature *f = &g->features[i];
        int inserted;
        int64_t *first = hmap_put(&seen, f->key, strlen(f->key), &inserted);
        if (inserted) {
            *first = (int64_t)f->index;
            continue;
        }
        ck->in_feature = true;
        ck->feature = f->index;
        ck->key = f->key;
        rc = fail(ck, "properties: the same area as feature %lld", (long long)*first);
    }
    hmap_free(&seen);
    return rc;
}

static char *attribution_of(json_t *root)
{
    static const char *const names[] = {"attribution", "licence", "license"};
    for (size_t i = 0; i < 3; i++) {
        const char *s = json_string_value(json_object_get(root, names[i]));
        if (s && *s && strlen(s) == json_string_length(json_object_get(root, names[i])))
            return xstrdup(s);
    }
    return NULL;
}

static int read_features(struct check *ck, json_t *features, const char *key_property,
                         struct geojson *out)
{
    out->features = xcalloc(json_array_size(features), sizeof *out->features);
    for (size_t i = 0; i < json_array_size(features); i++) {
        ck->in_feature = true;
        ck->feature = i;
        ck->key = NULL;
        if (check_feature(ck, json_array_get(features, i), key_property, &out->features[i]) < 0)
            return -1;
        out->n++;
    }
    ck->in_feature = false;
    return duplicate_keys(ck, out);
}

int geojson_read(const char *data, size_t len, const char *name, const char *key_property,
                 struct geojson *out, struct buf *err)
{
    memset(out, 0, sizeof *out);
    struct check ck = {.err = err, .name = name};
    if (len > GEOJSON_MAX_BYTES)
        return fail(&ck, "larger than %zu MiB", GEOJSON_MAX_BYTES >> 20);
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return fail(&ck, "line %d, column %d: not JSON: %s", je.line, je.column, je.text);
    const char *type = json_string_value(json_object_get(root, "type"));
    json_t *features = json_object_get(root, "features");
    int rc = 0;
    if (!type || strcmp(type, "FeatureCollection") != 0)
        rc = fail(&ck, "type: must be FeatureCollection");
    else if (!json_is_array(features) || json_array_size(features) == 0)
        rc = fail(&ck, "features: must be a non-empty array");
    else if (json_array_size(features) > GEOJSON_MAX_FEATURES)
        rc = fail(&ck, "features: more than %d", GEOJSON_MAX_FEATURES);
    else
        rc = read_features(&ck, features, key_property, out);
    if (rc == 0)
        out->attribution = attribution_of(root);
    json_decref(root);
    if (rc < 0)
        geojson_free(out);
    return rc;
}

void geojson_free(struct geojson *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->features[i].key);
        free(g->features[i].geometry);
    }
    free(g->features);
    free(g->attribution);
    memset(g, 0, sizeof *g);
}

int geo_shape_parse(const char *geometry, struct geo_shape *out, struct buf *err)
{
    memset(out, 0, sizeof *out);
    struct check ck = {.err = err, .out = out};
    json_error_t je;
    json_t *g = json_loads(geometry, JSON_REJECT_DUPLICATES, &je);
    int rc = g ? check_geometry(&ck, g) : fail(&ck, "geometry: not JSON: %s", je.text);
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
