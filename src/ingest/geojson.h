/*
 * geojson.h - area boundaries from GeoJSON files (RFC 7946), checked.
 *
 * Boundary files come from outside (the ONS Open Geography Portal, a
 * force's GIS team, someone's hand-edited export), so the structure is
 * checked before anything is stored or drawn: a FeatureCollection of
 * Features whose geometry is a Polygon or MultiPolygon; every position two
 * or three finite numbers with longitude in [-180, 180] and latitude in
 * [-90, 90]; every ring closed with at least four positions; the key
 * property present and unique; sizes within the limits below. jansson does
 * the JSON; each geometry is checked by model/shape.h. An error names the
 * file, the feature's index (from 0) and, where it can, the key and the
 * member at fault.
 */
#ifndef PEEL_GEOJSON_H
#define PEEL_GEOJSON_H

#include <stddef.h>

#include "util/buf.h"

#define GEOJSON_MAX_BYTES     ((size_t)256 << 20)
#define GEOJSON_MAX_FEATURES  100000
#define GEOJSON_MAX_POSITIONS 20000000 /* in the whole file */

struct geojson_feature {
    char *key;      /* the key property's value (a number is written as text) */
    char *geometry; /* the geometry object, compact JSON */
    size_t index;   /* in the file's "features" */
};

struct geojson {
    struct geojson_feature *features;
    size_t n;
    char *attribution; /* a top-level "attribution" or "licence"/"license" string, or NULL */
};

/* Reads and checks a whole file's text; name is for messages. 0, or -1
 * with "NAME: feature N: ...: reason" in err and nothing in out. */
int geojson_read(const char *data, size_t len, const char *name, const char *key_property,
                 struct geojson *out, struct buf *err);
void geojson_free(struct geojson *g);

struct store;

/* `peel import-boundaries`: reads and checks path, then replaces the
 * grouping's boundaries with its features, keyed by key_property.
 * attribution, if not NULL, overrides the file's own. */
struct boundary_import {
    const char *grouping, *key_property, *attribution, *loaded_by;
    size_t features; /* out: how many were loaded */
};
int geojson_import(struct store *s, const char *path, struct boundary_import *o, struct buf *err);

#endif
