/*
 * query_check.h - a question's names checked against what the store holds.
 *
 * A force, crime type, area or grouping that the store does not know is a
 * mistake, not a question whose answer is nothing: `peel stats --area
 * district=Leicster` printing an empty table and exiting 0 looks like an
 * answer. So every command and page that takes these names asks here
 * first, and says which name is unknown and the nearest known one
 * (util/suggest.h).
 */
#ifndef PEEL_QUERY_CHECK_H
#define PEEL_QUERY_CHECK_H

#include "store/query.h"
#include "util/buf.h"

/* 0 when q's force, crime types and area are all known to the store; 1
 * with err saying which is not ("no district 'Leicster' (did you mean
 * 'Leicester'?)"); -1 when the store fails. An area value is known when
 * crimes were recorded there (any month) or the loaded lookup lists it. */
int query_check(struct store *s, const struct stats_query *q, struct buf *err);

/* A dimension (--group-by, --by) by name, or 1 with err naming it and the
 * nearest dimension or loaded grouping. Only area dimensions when
 * area_only. */
int query_dim(struct store *s, const char *name, bool area_only, struct stats_dim_spec *out,
              struct buf *err);

#endif
