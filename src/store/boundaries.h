/*
 * boundaries.h - area boundaries in the store, for choropleth maps.
 *
 * A grouping's boundaries (district, csp, ...) come from one GeoJSON file,
 * validated by ingest/geojson.h before they get here; loading replaces the
 * grouping's boundaries as a whole, in one transaction.
 */
#ifndef PEEL_BOUNDARIES_H
#define PEEL_BOUNDARIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct boundary_area {
    const char *value;    /* the area's name, as the grouping's lookup spells it */
    const char *geometry; /* a validated GeoJSON Polygon or MultiPolygon */
    size_t feature;       /* its index in the file */
};

struct boundary_set {
    const char *grouping, *key_property, *path, *sha256;
    const char *attribution; /* the file's own, or NULL */
    const char *loaded_by;   /* may be NULL */
    const struct boundary_area *areas;
    size_t nareas;
};

int store_boundaries_load(struct store *s, const struct boundary_set *set, struct buf *err);

/* Where a grouping's boundaries came from; strings owned by the caller
 * (free with boundary_info_free). */
struct boundary_info {
    char *key_property, *path, *sha256, *attribution, *loaded_at;
    int64_t features;
};
/* 0 and *info filled, 1 when the grouping has no boundaries, -1 on error. */
int store_boundary_info(struct store *s, const char *grouping, struct boundary_info *info,
                        struct buf *err);
void boundary_info_free(struct boundary_info *info);

/* Every area of the grouping, by value. */
typedef int (*boundary_fn)(void *arg, const char *value, const char *geometry, struct buf *err);
int store_boundaries(struct store *s, const char *grouping, boundary_fn fn, void *arg,
                     struct buf *err);

#endif
