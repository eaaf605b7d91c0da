/*
 * query_args.h - the crime filter options that `peel stats`, `peel map` and
 * `peel report annual` share (--from/--to, --type, --area, --categories,
 * --source): one parser, so that the same option means the same thing, and
 * is refused with the same words, everywhere.
 */
#ifndef PEEL_QUERY_ARGS_H
#define PEEL_QUERY_ARGS_H

#include "assess/annual_table.h"
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
/* --categories police-uk|home-office; non-zero after a usage error. */
int query_arg_scheme(const struct peel_cmd *cmd, const char *value, enum annual_scheme *scheme);
/* --source auto|police-uk|prc; non-zero after a usage error. */
int query_arg_source(const struct peel_cmd *cmd, const char *value, enum annual_source *source);

#endif
