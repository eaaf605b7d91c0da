/*
 * crimes.h - the crimes behind the counts, row by row, as data.police.uk
 * publishes them.
 *
 * The crime data explorer lets anyone download the rows behind any count:
 * the same filters as `peel stats` (a stats_query's months, force, crime
 * types, outcomes and area; its dimensions are ignored), chosen by the same
 * SQL, so a filter's rows number exactly its count. Rows come in the order
 * they were stored (slice, then line in the file), each with its row id,
 * so that a page of rows can say where the next begins (keyset paging:
 * "after" is the last row id seen) and a download of any size is read one
 * row at a time.
 */
#ifndef PEEL_STORE_CRIMES_H
#define PEEL_STORE_CRIMES_H

#include <stdint.h>

#include "store/query.h"

/* One street-level crime, each field as data.police.uk writes it ("" when
 * empty), plus the district Peel derives; valid until the next call. */
struct crime_row {
    int64_t row_id;
    const char *crime_id, *month, *reported_by, *falls_within, *longitude, *latitude, *location,
        *lsoa_code, *lsoa_name, *crime_type, *last_outcome_category, *district;
};

struct crime_cursor;

/* Rows matching q's filters with row id above `after` (0: from the first),
 * at most `limit` of them (-1: all). The query's strings are copied. NULL
 * with err. */
struct crime_cursor *store_crimes_open(struct store *s, const struct stats_query *q, int64_t after,
                                       int64_t limit, struct buf *err);
/* The rows of one street slice (see export.h), in order: the same columns
 * and joins as store_crimes_open, so its rows are the same bytes. */
struct crime_cursor *store_crimes_open_slice(struct store *s, int64_t slice_id, struct buf *err);
/* 1 with the next row, 0 at the end, -1 with err. */
int store_crimes_next(struct crime_cursor *c, struct crime_row *row, struct buf *err);
void store_crimes_close(struct crime_cursor *c);

#endif
