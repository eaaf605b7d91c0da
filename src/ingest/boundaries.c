/*
 * boundaries.c - `peel import-boundaries`: a GeoJSON file, checked, into
 * the store (see geojson.h).
 */
#include "ingest/geojson.h"
#include "store/boundaries.h"
#include "util/mem.h"
#include "util/sha256.h"

#include <stdlib.h>

int geojson_import(struct store *s, const char *path, struct boundary_import *o, struct buf *err)
{
    struct buf data = BUF_INIT;
    if (!buf_read_file(&data, path, err)) {
        buf_free(&data);
        return -1;
    }
    struct geojson g;
    int rc = geojson_read(buf_str(&data), data.len, path, o->key_property, &g, err);
    if (rc < 0) {
        buf_free(&data);
        return -1;
    }
    struct sha256 h;
    char hex[SHA256_HEX_SIZE];
    sha256_init(&h);
    sha256_update(&h, data.p, data.len);
    sha256_hex(&h, hex);
    buf_free(&data);
    struct boundary_area *areas = xcalloc(g.n, sizeof *areas);
    for (size_t i = 0; i < g.n; i++)
        areas[i] =
            (struct boundary_area){g.features[i].key, g.features[i].geometry, g.features[i].index};
    struct boundary_set set = {
        o->grouping,  o->key_property, path, hex, o->attribution ? o->attribution : g.attribution,
        o->loaded_by, areas,           g.n};
    rc = store_boundaries_load(s, &set, err);
    o->features = g.n;
    free(areas);
    geojson_free(&g);
    return rc;
}
