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

/* An amount given to an area of a grouping: its grants and their total. */
struct map_amount {
    const char *area; /* as the grouping's lookup spells it */
    int64_t count;
    int64_t pence;
};

/* A money map (MAP_MONEY) of the amounts by area of grouping: on the
 * grouping's boundaries where they are loaded (peel import-boundaries);
 * else on hexagonal tiles, each the cell where most of the crimes the
 * query picks (its months and force: any 12 months of street data) are
 * recorded in one area, with the borders between areas drawn. Every area
 * of the boundaries or tiles is a region, given something or not; an
 * amount whose area is on neither is in the table, not on the map. note,
 * when not NULL: what the amounts leave off, in words (a sentence or
 * more), said in the notes and the text alternative. */
int map_build_money(struct store *s, const struct stats_query *q, const char *grouping,
                    const struct map_amount *amounts, size_t n, const char *title, const char *note,
                    struct map *m, struct buf *err);

#endif
