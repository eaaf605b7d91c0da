/*
 * cmd_metrics.c - `peel metrics` and `peel exceptions`: the performance
 * framework, and only what needs the Board's attention.
 */
#include "assess/evaluate.h"
#include "assess/exceptions.h"
#include "assess/framework.h"
#include "cli/commands.h"
#include "cli/spc_options.h"
#include "render/xlsx.h"
#include "store/plans.h"
#include "util/month.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct metrics_args {
    const char *plan;
    int period;
    enum table_format fmt;
    const char *xlsx;            /* --xlsx FILE: the table as a workbook too */
    struct chart_options charts; /* --no-screen and the rest, for every metric */
};

static int parse_metrics_args(const struct peel_cmd *cmd, int argc, char **argv,
                              struct metrics_args *a)
{
    static const struct option longopts[] = {{"plan", required_argument, NULL, 'p'},
                                             {"period", required_argument, NULL, 'm'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"xlsx", required_argument, NULL, 'x'},
                                             SPC_OPTIONS_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    *a = (struct metrics_args){NULL, -1, TABLE_AUTO, NULL, {0}};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        int taken = spc_options_take(cmd, c, optarg, &a->charts);
        if (taken != 0 && taken != 1)
            return taken;
        if (taken)
            continue;
        if (c == 'p')
            a->plan = optarg;
        else if (c == 'm' && !month_parse(optarg, strlen(optarg), &a->period))
            return cli_usage_error(cmd, "--period must be a month, YYYY-MM");
        else if (c == 'F' && !cli_parse_format(optarg, &a->fmt))
            return cli_usage_error(cmd, "--format must be table, csv or json");
        else if (c == 'x')
            a->xlsx = optarg;
        else if (c != 'p' && c != 'm' && c != 'F')
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    return 0;
}

/* Evaluates the plan asked for into c; prints why not and returns non-zero. */
static int evaluate(struct peel_ctx *ctx, const struct metrics_args *a, struct plan *p,
                    struct metric_statuses *c)
{
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct buf err = BUF_INIT;
    struct plan_version which;
    int rc = store_plan_read(s, a->plan, 0, p, &which, &err);
    if (rc == 0)
        spc_options_apply(&a->charts, p);
    if (rc == 1)
        fprintf(stderr, "peel: no plan loaded (peel plan load FILE)\n");
    else if (rc == 0 && plan_evaluate_all(s, p, a->period, c, &err) < 0)
        rc = -1;
    if (rc < 0)
        fprintf(stderr, "peel: %s\n", err.p);
    buf_free(&err);
    if (rc != 0)
        plan_free(p);
    return rc == 0 ? 0 : 1;
}

/* What both commands do first: options, then every metric evaluated. */
static int prepare(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx,
                   struct metrics_args *a, struct plan *p, struct metric_statuses *c)
{
    int rc = parse_metrics_args(cmd, argc, argv, a);
    if (rc == 0)
        rc = evaluate(ctx, a, p, c) != 0 ? 1 : 0;
    chart_options_free(&a->charts);
    return rc;
}

/* --xlsx FILE: the table as a one-sheet workbook, notes and all. */
static int write_workbook(const struct metrics_args *a, const char *sheet, const struct table *t)
{
    if (!a->xlsx)
        return 0;
    struct buf err = BUF_INIT;
    struct xlsx_sheet s = {sheet, t, NULL};
    int rc = xlsx_write(a->xlsx, &s, 1, &err);
    if (rc < 0)
        fprintf(stderr, "peel: %s\n", err.p);
    buf_free(&err);
    return rc < 0 ? 1 : 0;
}

static int run_metrics(int argc, char **argv, struct peel_ctx *ctx)
{
    struct metrics_args a;
    struct plan p;
    struct metric_statuses c = {0};
    int rc = prepare(&cmd_metrics, argc, argv, ctx, &a, &p, &c);
    if (rc)
        return rc;
    struct table t;
    framework_table(&p, &c, &t);
    table_render(&t, a.fmt, stdout);
    rc = write_workbook(&a, "Performance framework", &t);
    table_free(&t);
    metric_statuses_free(&c);
    plan_free(&p);
    return rc;
}

static int run_exceptions(int argc, char **argv, struct peel_ctx *ctx)
{
    struct metrics_args a;
    struct plan p;
    struct metric_statuses c = {0};
    int rc = prepare(&cmd_exceptions, argc, argv, ctx, &a, &p, &c);
    if (rc)
        return rc;
    struct table t;
    exceptions_table(&p, &c, &t);
    table_render(&t, a.fmt, stdout);
    rc = write_workbook(&a, "Exceptions", &t);
    table_free(&t);
    metric_statuses_free(&c);
    plan_free(&p);
    return rc;
}

const struct peel_cmd cmd_metrics = {
    "metrics",
    run_metrics,
    "the performance framework: every metric's latest value and what its chart says",
    "peel metrics [--plan ID] [--period YYYY-MM] [--format table|csv|json] [--xlsx FILE]\n"
    "       [--no-screen] [--baseline N] [--rebase M,...|none] [--run-length N]\n"
    "       [--trend-length N] [--min-points N]",
    "For every headline metric of the plan (the latest loaded, or --plan): the latest month and\n"
    "value, the month before, the variation icon of its XmR chart (special cause improvement,\n"
    "concern or neutral, or common cause), the assurance icon against its target, and its\n"
    "source. Metrics defined over recorded crime are computed month by month from the imported\n"
    "police.uk data; loaded metrics say that no values are loaded yet.\n"
    "\n"
    "Options:\n"
    "  --plan ID        which plan (default: the one loaded most recently)\n"
    "  --period MONTH   judge the metrics as they stood at the end of this month\n"
    "  --format FMT     table (default), csv or json\n"
    "  --xlsx FILE      also write the table, with its notes, as an Excel workbook\n"
    "\n" SPC_OPTIONS_HELP "\n"
    "Examples:\n"
    "  peel metrics\n"
    "  peel metrics --period 2022-03 --format csv\n",
};

const struct peel_cmd cmd_exceptions = {
    "exceptions",
    run_exceptions,
    "only the metrics that need the Board's attention, most severe first",
    "peel exceptions [--plan ID] [--period YYYY-MM] [--format table|csv|json] [--xlsx FILE]\n"
    "       [--no-screen] [--baseline N] [--rebase M,...|none] [--run-length N]\n"
    "       [--trend-length N] [--min-points N]",
    "Lists the metrics whose latest month is special-cause variation on their XmR chart,\n"
    "concerns first, each with the rule that fired and a plain sentence saying what changed\n"
    "and how that was decided.\n"
    "\n"
    "Options:\n"
    "  --plan ID        which plan (default: the one loaded most recently)\n"
    "  --period MONTH   as at the end of this month\n"
    "  --format FMT     table (default), csv or json\n"
    "  --xlsx FILE      also write the table, with its notes, as an Excel workbook\n"
    "\n" SPC_OPTIONS_HELP "\n"
    "Examples:\n"
    "  peel exceptions\n"
    "  peel exceptions --period 2022-09\n",
};
