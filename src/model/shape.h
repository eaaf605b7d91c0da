/*
 * shape.h - an area's outline: the geometry object of a GeoJSON file
 * (RFC 7946), a Polygon or MultiPolygon, as boundaries are stored.
 *
 * The same walk checks a geometry when its file is loaded
 * (ingest/geojson.h) and reads a stored one back for drawing
 * (assess/map_build.h): every position two or three finite numbers with
 * longitude in [-180, 180] and latitude in [-90, 90], every ring closed
 * with at least four positions.
 */
#ifndef PEEL_SHAPE_H
#define PEEL_SHAPE_H

#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"

/* A geometry's rings, in longitude-latitude pairs. The rings of all its
 * polygons are kept in one list: filled with the even-odd rule they draw
 * holes as holes. */
struct geo_ring {
    size_t n;
    double *lonlat; /* 2n values */
};
struct geo_shape {
    struct geo_ring *rings;
    size_t nrings;
};

/* Parses and checks one geometry object (as geojson_read stores it). */
int geo_shape_parse(const char *geometry, struct geo_shape *out, struct buf *err);
void geo_shape_free(struct geo_shape *s);

/* A check of one geometry: messages go to err, each after prefix (say,
 * "FILE: feature 3 (Blaby): "); positions counts those seen, against
 * max_positions (0: no limit); out, if not NULL, receives the rings. */
struct geo_check {
    struct buf *err;
    const char *prefix;
    size_t positions, max_positions;
    struct geo_shape *out;
};
/* 0, or -1 with err saying which member is wrong and why. */
int geo_geometry_check(json_t *g, struct geo_check *ck);

#endif
