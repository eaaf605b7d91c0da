/*
 * fuzz_geojson.c - libFuzzer target for the GeoJSON boundary checks
 * (src/ingest/geojson.c): files from outside, loaded by
 * `peel import-boundaries` and drawn by `peel map --by`.
 *
 * Each input is read as a whole file with the key property "name". The
 * oracle:
 *  - a refused file says why, the message starting with the file's name;
 *  - an accepted file has 1 to GEOJSON_MAX_FEATURES features, each with a
 *    non-empty key unique in the file and its index in order; and each
 *    stored geometry parses again (as `peel map` reads it back) into rings
 *    of at least four positions, closed, inside [-180, 180] x [-90, 90].
 * Any violation prints the failed condition and aborts; ASan and UBSan catch
 * memory and undefined-behaviour errors.
 *
 * Build and run (see fuzz/README.md):
 *   CC=clang cmake -S . -B build-fuzz -DPEEL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
 *   make -C build-fuzz fuzz_geojson
 *   build-fuzz/fuzz/fuzz_geojson -max_total_time=60 /tmp/fuzzgeo fuzz/corpus/geojson
 */
#include "fuzz_check.h"
#include "ingest/geojson.h"
#include "model/shape.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_shape(const char *geometry)
{
    struct geo_shape s;
    struct buf err = BUF_INIT;
    CHECK(geo_shape_parse(geometry, &s, &err) == 0);
    CHECK(s.nrings > 0);
    for (size_t i = 0; i < s.nrings; i++) {
        const struct geo_ring *r = &s.rings[i];
        CHECK(r->n >= 4);
        CHECK(r->lonlat[0] == r->lonlat[2 * r->n - 2] && r->lonlat[1] == r->lonlat[2 * r->n - 1]);
        for (size_t k = 0; k < r->n; k++)
            CHECK(fabs(r->lonlat[2 * k]) <= 180 && fabs(r->lonlat[2 * k + 1]) <= 90);
    }
    geo_shape_free(&s);
    buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct geojson g;
    struct buf err = BUF_INIT;
    if (geojson_read((const char *)data, size, "f.geojson", "name", &g, &err) < 0) {
        CHECK(err.len > 0 && strncmp(err.p, "f.geojson: ", 11) == 0);
        CHECK(g.n == 0 && g.features == NULL);
        buf_free(&err);
        return 0;
    }
    CHECK(err.len == 0);
    CHECK(g.n >= 1 && g.n <= GEOJSON_MAX_FEATURES);
    for (size_t i = 0; i < g.n; i++) {
        CHECK(g.features[i].key && *g.features[i].key);
        CHECK(g.features[i].index == i);
        for (size_t j = 0; j < i && g.n < 64; j++)
            CHECK(strcmp(g.features[i].key, g.features[j].key) != 0);
        check_shape(g.features[i].geometry);
    }
    geojson_free(&g);
    buf_free(&err);
    return 0;
}
