/*
 * compare_args.h - the options `peel compare` and `peel chart --funnel`
 * share: which metric, by which areas, over which months.
 */
#ifndef PEEL_COMPARE_ARGS_H
#define PEEL_COMPARE_ARGS_H

#include "analysis/funnel.h"
#include "cli/cli.h"
#include "model/plan.h"
#include "store/query.h"

struct compare_args {
    struct store *store;
    struct plan plan;
    const struct plan_metric *metric;
    const char *by_name;
    struct stats_dim_spec by;
    int from, to; /* months */
    bool adjust;
    enum funnel_method method; /* --method, else the metric's (plan), else Spiegelhalter's */
    bool timings;              /* --timings: say how long reading and comparing took */
    enum table_format fmt;
    const char *out; /* --out, when the command takes one */
    bool has_plan;
};

/* Parses the options (with --out FILE when `with_out`), opens the store and
 * reads the plan; non-zero after printing why. */
int compare_args_parse(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx,
                       bool with_out, struct compare_args *a);
/* "All crime by district, 2021-22 (2021-04 to 2022-03)". */
void compare_args_title(const struct compare_args *a, struct buf *out);
void compare_args_free(struct compare_args *a);

#endif
