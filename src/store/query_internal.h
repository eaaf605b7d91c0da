/*
 * query_internal.h - what query.c shares with the other questions about
 * crimes (crimes.c): the filters of a stats_query written as SQL, so that
 * the counts and the rows behind them are chosen by the same text and
 * cannot disagree. Not for other modules.
 */
#ifndef PEEL_QUERY_INTERNAL_H
#define PEEL_QUERY_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/query.h"
#include "util/buf.h"

/* The district of LSOA alias l, taken from the lookup (alias dd) when one
 * is loaded, else from the LSOA's name. */
#define DISTRICT_OF(l, dd)                                                                         \
    "(CASE WHEN " l ".code = '' THEN '(no location)'"                                              \
    " ELSE coalesce(" dd ".value, " l ".district, '(unknown)') END)"
#define QUERY_MAX_PARAMS 64

/* Parameters collected while the SQL is written, bound in order. */
struct params {
    struct {
        const char *text;
        int64_t i;
    } v[QUERY_MAX_PARAMS];
    int n;
};

void params_text(struct params *p, const char *s);
void params_int(struct params *p, int64_t i);
/* Binds them all; texts are copied (SQLITE_TRANSIENT), so a statement may
 * outlive the strings of the query that made it. */
void params_bind(sqlite3_stmt *st, const struct params *p);

/* The rollup that answers q, for query_write_where: rollup_lsoa_cell (the
 * view of rollup_lsoa's packed cells, store/rollup_cells.h) for an area or
 * a dimension of LSOAs; rollup_all (rollup_force summed over
 * forces, migration 52) when no force is named or grouped by; else
 * rollup_force. */
const char *query_rollup(const struct stats_query *q);

/* " WHERE ..." over a source aliased r with integer columns month,
 * force_id, crime_type_id, outcome_id and lsoa_id (the columns its filters
 * name, as query_rollup chooses): the query's months, force, crime types,
 * outcomes and area. */
void query_write_where(struct buf *sql, const struct stats_query *q, struct params *p);

/* Whether q's area filter names district, lsoa, lsoa_name, force or a
 * grouping the store holds; false with err (the message every question
 * gives) when it names none. */
bool query_area_known(struct store *s, const struct stats_query *q, struct buf *err);

/* The label of dimension d, i-th of a query, over the integer key t.k<i>
 * (a month, an id): the expression into label, the tables it needs into
 * joins (their parameters into p). True when the key itself groups the
 * label (a month), false when the label must (several ids may share one). */
bool query_write_label(const struct stats_dim_spec *d, int i, struct buf *label, struct buf *joins,
                       struct params *p);

/* Whether q's dimensions are month or fy, then crime_type, then perhaps
 * positive_outcome (an area's series, the annual table), which
 * query_series() answers as store_stats() would. */
bool query_is_series(const struct stats_query *q);
/* Its groups, in store_stats()'s order, summed in C (query_series.c). */
int query_series(struct store *s, const struct stats_query *q, stats_row_fn fn, void *arg,
                 struct buf *err);

#endif
