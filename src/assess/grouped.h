/*
 * grouped.h - counts grouped any way, as `peel stats --group-by` and the
 * site's explorer give them, with a rate per 1,000 residents beside each
 * area.
 *
 * The counts are store_stats'. When the groups are by exactly one area
 * dimension (district, lsoa, lsoa_name or an imported grouping) and LSOA
 * populations are loaded, each row also gets the population of its area
 * (store_population_by, over the LSOAs in scope and in the query's area
 * filter, if any) and count / population x 1,000: docs/methods.md, "Rates
 * per 1,000 residents". With two area dimensions there is no rate (per
 * which area?), and a group with no population has none either.
 *
 * The CLI prints the whole table; the site builds a page of it, or streams
 * every row (grouped_cells), so the columns and the numbers cannot differ.
 */
#ifndef PEEL_REPORT_GROUPED_H
#define PEEL_REPORT_GROUPED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/table.h"
#include "store/query.h"
#include "util/hmap.h"

/* At most the dimensions, count, population and rate_per_1000. */
#define GROUPED_MAX_COLS (STATS_MAX_DIMS + 3)

struct grouped_rates {
    int area_dim;    /* index of the area dimension in the query's dims, or -1: no rates */
    struct hmap pop; /* area value -> population */
};

/* Finds the query's one area dimension and reads its populations. With
 * none to rate by, area_dim is -1 and it is not an error. -1 with err when
 * the store fails. */
int grouped_rates_read(struct store *s, const struct stats_query *q, struct grouped_rates *r,
                       struct buf *err);
void grouped_rates_free(struct grouped_rates *r);

/* The columns' names into names[GROUPED_MAX_COLS]: the dimensions' labels,
 * count, and with rates population and rate_per_1000. Returns how many. */
size_t grouped_columns(const struct stats_query *q, const struct grouped_rates *r,
                       const char **names);

/* One group's cells (as many as grouped_columns gives); texts are borrowed
 * from keys. A group with no population has null population and rate. */
void grouped_cells(const struct grouped_rates *r, int ndims, const char *const *keys, int64_t count,
                   struct cell *cells);

/* The sentence saying how rates are computed ("" without rates), for a
 * table's note or a page. */
void grouped_method(const struct stats_query *q, const struct grouped_rates *r, struct buf *out);

/* The whole result as a table, with the method as its note: at most max
 * rows (0: all), *more (if not NULL) saying whether groups were left out.
 * 0, or -1 with err; t is initialised either way. */
int grouped_table(struct store *s, const struct stats_query *q, size_t max, struct table *t,
                  bool *more, struct buf *err);

#endif
