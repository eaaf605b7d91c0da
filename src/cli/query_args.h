/*
 * query_args.h - the crime filter options that `peel stats` and `peel map`
 * share (--from/--to, --type, --area): one parser, so that the same option
 * means the same thing, and is refused with the same words, everywhere.
 */
#ifndef PEEL_QUERY_ARGS_H
#define PEEL_QUERY_ARGS_H

#include "cli/cli.h"
#include "store/query.h"

/* --from/--to VALUE as a month index; non-zero after a usage error. */
int query_arg_month(const struct peel_cmd *cmd, const char *opt, const char *value, int *month);
/* --type A,B,...: split in place into types[] (room for max), which
 * q->crime_types then points at; non-zero after a usage error. */
int query_arg_crime_types(const struct peel_cmd *cmd, char *list, const char **types, int max,
                          struct stats_query *q);
/* --area KEY=VALUE, split in place; non-zero after a usage error. */
int query_arg_area(const struct peel_cmd *cmd, char *area, struct stats_query *q);

#endif
