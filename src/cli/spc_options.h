/*
 * spc_options.h - the XmR chart options every charting command takes
 * (`peel chart`, `peel metrics`, `peel exceptions`, `peel scan`), parsed in
 * one place: outlier screening, a fixed baseline, rebase months, run and
 * trend lengths, and the fewest points a chart is judged from. Each
 * command lists SPC_OPTIONS_LONGOPTS in its getopt table and hands what
 * getopt returns to spc_options_take(); the options chosen override a
 * plan's own (model/chart_options.h) for every metric.
 */
#ifndef PEEL_SPC_OPTIONS_H
#define PEEL_SPC_OPTIONS_H

#include <getopt.h>

#include "cli/cli.h"
#include "model/plan.h"

/* getopt values past any character, so that they cannot meet a command's. */
enum {
    SPC_OPT_SCREEN = 0x200,
    SPC_OPT_NO_SCREEN,
    SPC_OPT_BASELINE,
    SPC_OPT_REBASE,
    SPC_OPT_RUN,
    SPC_OPT_TREND,
    SPC_OPT_MIN_POINTS,
};

#define SPC_OPTIONS_LONGOPTS                                                                       \
    {"screen", no_argument, NULL, SPC_OPT_SCREEN},                                                 \
        {"no-screen", no_argument, NULL, SPC_OPT_NO_SCREEN},                                       \
        {"baseline", required_argument, NULL, SPC_OPT_BASELINE},                                   \
        {"rebase", required_argument, NULL, SPC_OPT_REBASE},                                       \
        {"run-length", required_argument, NULL, SPC_OPT_RUN},                                      \
        {"trend-length", required_argument, NULL, SPC_OPT_TREND},                                  \
    {                                                                                              \
        "min-points", required_argument, NULL, SPC_OPT_MIN_POINTS                                  \
    }

/* The options' lines for a command's help. */
#define SPC_OPTIONS_HELP                                                                           \
    "XmR chart options (default: the plan's for each metric, else NHS Making Data Count's):\n"     \
    "  --no-screen      keep every moving range (the MDC spreadsheets); --screen: leave out\n"     \
    "                   ranges of 3.267 x their mean or more (the default)\n"                      \
    "  --baseline N     limits from the first N points of each group (N >= 12)\n"                  \
    "  --rebase M[,M]   new limits from these months, in place of the plan's first month;\n"       \
    "                   none: one process throughout\n"                                            \
    "  --run-length N   points on one side of the mean that make a shift: 6, 7 or 8\n"             \
    "  --trend-length N points rising or falling that make a trend: 6, 7 or 8\n"                   \
    "  --min-points N   the fewest points a chart is judged from (default 12)\n"

/* 1 when c is one of these options (read into o), 0 when it is not, or
 * EXIT_USAGE after printing why its value is refused. */
int spc_options_take(const struct peel_cmd *cmd, int c, const char *arg, struct chart_options *o);
/* Every metric of the plan takes the options chosen in o. */
void spc_options_apply(const struct chart_options *o, struct plan *p);

#endif
