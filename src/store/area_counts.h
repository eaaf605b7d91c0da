/*
 * area_counts.h - the crime counts of every area, read one area at a time.
 *
 * `peel scan` charts the monthly series of every (area, crime type) pair
 * and `peel compare` puts every area on a funnel: both read every count of
 * the LSOA rollup. Asked of store_stats, that is one GROUP BY over labels
 * whose rows SQLite sorts twice in temporary B-trees, holding every group
 * in memory (538 MB at 5.3 million crimes) and writing each month as text
 * to be parsed back. Here the areas' labels are listed in order (a small
 * sort: one row per LSOA), and each LSOA's counts are read from the rollup,
 * a row per (LSOA, month, force) in that order with its cells packed
 * (rollup_cells.h, migration 53), into integer arrays: an area is handed
 * over whole, then forgotten, so memory holds one area whatever the size
 * of the store.
 *
 * The areas, their labels and order, the crime types and which rows count
 * are those store_stats gives for the same stats_query, grouped by (area,
 * crime type, month), (area, crime type) or (area, positive_outcome), as
 * the caller asks (AREA_COUNTS_*): the same SQL writes the labels and the
 * filters (query_internal.h).
 */
#ifndef PEEL_AREA_COUNTS_H
#define PEEL_AREA_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/query.h"
#include "util/buf.h"

struct store;

/* The crimes of one crime type in one month of an area (or in the whole
 * span, without AREA_COUNTS_MONTHS), and how many of them have a positive
 * outcome or one still pending (store/query.h's positive_outcome: the
 * outcome mapping as the store holds it; both 0 without
 * AREA_COUNTS_OUTCOMES). */
struct area_cell {
    int64_t crimes, positive, pending;
};

struct area_counts {
    const char *area; /* its label, as store_stats writes it for the dimension */
    int month_from;   /* the query's, or the first month held when it has none */
    size_t nmonths;   /* the span's months; 1 (the whole span) without AREA_COUNTS_MONTHS */
    /* The crime types the query keeps, in the order of their names. */
    size_t ntypes;
    const char *const *types;
    /* Per type: whether any count of the type was read for the area (a
     * group store_stats would give, even if its counts are 0). An area is
     * handed over only when some type was read. */
    const bool *read;
    /* [type * nmonths + month - month_from]; with nmonths 1, [type] */
    const struct area_cell *cells;
};

/* Called once per area, in the order of the labels; everything pointed to
 * lasts until it returns. */
typedef void (*area_counts_fn)(void *arg, const struct area_counts *a);

/* What the cells hold, beyond each type's crimes: a cell per month, and
 * the outcome groups read (a small table) only when outcomes are asked
 * for. */
enum {
    AREA_COUNTS_MONTHS = 1 << 0,  /* a cell per month; else one per type (nmonths 1) */
    AREA_COUNTS_OUTCOMES = 1 << 1 /* positive and pending counted; else 0 */
};

/* The counts of q's area dimension (q->dims[0]: district, lsoa, lsoa_name
 * or a grouping; q->ndims 1) over months [q->month_from, q->month_to] (-1:
 * from the first, to the last month held), with q's force, crime types
 * and area filter; q names no outcome. want: AREA_COUNTS_* flags. -1 with
 * err when the store fails or the grouping is unknown. */
int store_area_counts(struct store *s, const struct stats_query *q, unsigned want,
                      area_counts_fn fn, void *arg, struct buf *err);

#endif
