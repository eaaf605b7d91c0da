/*
 * geojson.c - checking GeoJSON boundary files (see geojson.h).
 *
 * The file's structure is checked here; each feature's geometry by
 * model/shape.h, the same walk that reads a stored geometry back for
 * drawing, so that what is drawn is exactly what was checked.
 */
#include "ingest/geojson.h"
#include "model/shape.h"
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
    const char *name; /* file name */
    size_t feature;
    bool in_feature;
    const char *key;  /* the feature's key value once known */
    size_t positions; /* so far, against GEOJSON_MAX_POSITIONS */
};

static int fail(struct check *ck, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "NAME: feature N (KEY): ", as far as the check has got. */
static void where(const struct check *ck, struct buf *out)
{
    buf_printf(out, "%s: ", ck->name);
    if (ck->in_feature) {
        buf_printf(out, "feature %zu", ck->feature);
        if (ck->key) {
            buf_puts(out, " (");
            buf_put_escaped(out, ck->key);
            buf_puts(out, ")");
        }
        buf_puts(out, ": ");
    }
}

static int fail(struct check *ck, const char *fmt, ...)
{
    where(ck, ck->err);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(ck->err, fmt, ap);
    va_end(ap);
    return -1;
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
    struct buf prefix = BUF_INIT;
    where(ck, &prefix);
    struct geo_check gc = {.err = ck->err,
                           .prefix = buf_str(&prefix),
                           .positions = ck->positions,
                           .max_positions = GEOJSON_MAX_POSITIONS};
    int rc = geo_geometry_check(g, &gc);
    ck->positions = gc.positions;
    buf_free(&prefix);
    if (rc < 0) {
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
