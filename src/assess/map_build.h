/*
 * map_build.h - a map (render/map.h) built from the store: the crimes and
 * residents of each hexagonal cell or area, and the colour classes.
 *
 * Functions returning int give 0, or -1 with a message in err.
 */
#ifndef PEEL_MAP_BUILD_H
#define PEEL_MAP_BUILD_H

#include <stdint.h>

#include "render/map.h"
#include "store/query.h"
#include "util/buf.h"

struct map_options {
    const char *title;      /* NULL: made from the query */
    double cell_size;       /* MAP_HEX: metres; 0: the default (hexgrid.h) */
    int64_t min_population; /* 0: HEX_MIN_POPULATION */
};

/* The hexagonal map of the query's crimes (its months, force, area and
 * crime types; its dimensions are ignored). */
int map_build_hex(struct store *s, const struct stats_query *q, const struct map_options *o,
                  struct map *m, struct buf *err);
/* The choropleth of a grouping with boundaries loaded (peel
 * import-boundaries): counts by the grouping's LSOA lookup, not by point. */
int map_build_areas(struct store *s, const struct stats_query *q, const char *grouping,
                    const struct map_options *o, struct map *m, struct buf *err);

#endif
