/*
 * cmd_metrics.c - `peel metrics` and `peel exceptions`: the performance
 * framework, and only what needs the Board's attention.
 */
#include "cli/commands.h"
#include "plan/evaluate.h"
#include "plan/exceptions.h"
#include "report/xlsx.h"
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
    const char *xlsx; /* --xlsx FILE: the table as a workbook too */
};

static int parse_metrics_args(const struct peel_cmd *cmd, int argc, char **argv,
                              struct metrics_args *a)
{
    static const struct option longopts[] = {{"plan", required_argument, NULL, 'p'},
                                             {"period", required_argument, NULL, 'm'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"xlsx", required_argument, NULL, 'x'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct metrics_args){NULL, -1, TABLE_AUTO, NULL};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
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
    if (rc)
        return rc;
    return evaluate(ctx, a, p, c) != 0 ? 1 : 0;
}

static void set_value(struct table *t, size_t row, size_t col, const struct plan_metric *m,
                      double v)
{
    if (isnan(v))
        return;
    if (m->unit == UNIT_YES_NO)
        table_set_text(t, row, col, v >= 0.5 ? "yes" : "no");
    else
        table_set_real(t, row, col, v, metric_unit_decimals(m->unit), NULL);
}

/* --xlsx FILE: the table as a one-sheet workbook, notes and all. */
static int write_workbook(const struct metrics_args *a, const char *sheet, const struct table *t)
{
    if (!a->xlsx)
        return 0;
    struct buf err = BUF_INIT;
    struct xlsx_sheet s = {sheet, t};
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
    enum {
        C_STRATEGY,
        C_METRIC,
        C_PERIOD,
        C_LATEST,
        C_PREVIOUS,
        C_CHANGE,
        C_VARIATION,
        C_ASSURANCE,
        C_TARGET,
        C_TARGET_STATUS,
        C_FRESHNESS,
        C_SOURCE,
        C_NOTE,
        NCOLS
    };
    static const char *const cols[NCOLS] = {
        "strategy",  "metric", "latest_period", "latest",    "previous", "change", "variation",
        "assurance", "target", "target_status", "freshness", "source",   "note"};
    struct table t;
    table_init(&t, NCOLS, cols);
    for (size_t i = 0; i < c.n; i++) {
        const struct metric_status *st = &c.items[i];
        size_t row = table_add_row(&t);
        char month[PERIOD_TEXT_SIZE] = "";
        if (st->has_data)
            period_format(st->kind, st->latest_month, month);
        table_set_text(&t, row, C_STRATEGY, st->strategy->id);
        table_set_text(&t, row, C_METRIC, st->metric->id);
        table_set_text(&t, row, C_PERIOD, month);
        set_value(&t, row, C_LATEST, st->metric, st->latest);
        set_value(&t, row, C_PREVIOUS, st->metric, st->previous);
        if (st->metric->unit != UNIT_YES_NO)
            set_value(&t, row, C_CHANGE, st->metric, st->latest - st->previous);
        table_set_text(&t, row, C_VARIATION, st->points ? spc_point_type_name(st->variation) : "");
        table_set_text(&t, row, C_ASSURANCE, st->points ? spc_assurance_name(st->assurance) : "");
        char target[96];
        table_set_text(&t, row, C_TARGET,
                       metric_target_describe(&st->metric->target, target, sizeof target));
        if (st->has_target)
            table_set_text(&t, row, C_TARGET_STATUS, target_verdict_name(&st->target));
        table_set_text(&t, row, C_SOURCE, metric_source_name(st->metric->source));
        table_set_text(&t, row, C_NOTE, st->note);
        if (st->has_data) {
            char fresh[48];
            table_set_text(&t, row, C_FRESHNESS, metric_freshness_text(st, fresh, sizeof fresh));
        }
    }
    table_set_title(&t, p.title);
    table_add_note(&t, "variation: the latest month on an XmR chart of the monthly values "
                       "(NHS Making Data Count rules, docs/methods.md); assurance: whether the "
                       "process limits put the target always met, never met, or hit and miss; "
                       "target_status: the latest financial year (or its months so far: on "
                       "track or not) against the target, allowing for chance (95%% intervals; "
                       "docs/methods.md, Targets).");
    table_render(&t, a.fmt, stdout);
    rc = write_workbook(&a, "Performance framework", &t);
    table_free(&t);
    metric_statuses_free(&c);
    plan_free(&p);
    return rc;
}

static void exception_row(struct table *t, const struct plan_exception *e, struct buf *sentence)
{
    size_t row = table_add_row(t);
    buf_reset(sentence);
    table_set_text(t, row, 0, e->st->metric->id);
    table_set_text(t, row, 1, plan_exception_variation(e));
    table_set_text(t, row, 2, plan_exception_rule(e));
    plan_exception_sentence(e, sentence);
    table_set_text(t, row, 3, sentence->p);
}

static int run_exceptions(int argc, char **argv, struct peel_ctx *ctx)
{
    struct metrics_args a;
    struct plan p;
    struct metric_statuses c = {0};
    int rc = prepare(&cmd_exceptions, argc, argv, ctx, &a, &p, &c);
    if (rc)
        return rc;
    struct plan_exception *found;
    size_t n = plan_exceptions(&c, &found);
    static const char *const cols[] = {"metric", "variation", "rule", "sentence"};
    struct table t;
    table_init(&t, 4, cols);
    struct buf sentence = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        exception_row(&t, &found[i], &sentence);
    struct buf title = BUF_INIT;
    buf_printf(&title, "%s: %zu exception%s for the Corporate Governance Board", p.title, n,
               n == 1 ? "" : "s");
    table_set_title(&t, title.p);
    table_add_note(&t, "An exception is a metric whose latest period is special-cause variation "
                       "on its XmR chart (NHS Making Data Count rules: a point beyond a process "
                       "limit, a trend of 7, two of three beyond 2 sigma, or a run of 7 on one "
                       "side of the mean), or whose latest financial year misses its target "
                       "beyond chance (95%% interval wholly on the wrong side). Metrics within "
                       "their usual range are not listed: `peel metrics` shows every metric.");
    table_render(&t, a.fmt, stdout);
    rc = write_workbook(&a, "Exceptions", &t);
    table_free(&t);
    buf_free(&title);
    buf_free(&sentence);
    free(found);
    metric_statuses_free(&c);
    plan_free(&p);
    return rc;
}

const struct peel_cmd cmd_metrics = {
    "metrics",
    run_metrics,
    "the performance framework: every metric's latest value and what its chart says",
    "peel metrics [--plan ID] [--period YYYY-MM] [--format table|csv|json] [--xlsx FILE]",
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
    "\n"
    "Examples:\n"
    "  peel metrics\n"
    "  peel metrics --period 2022-03 --format csv\n",
};

const struct peel_cmd cmd_exceptions = {
    "exceptions",
    run_exceptions,
    "only the metrics that need the Board's attention, most severe first",
    "peel exceptions [--plan ID] [--period YYYY-MM] [--format table|csv|json] [--xlsx FILE]",
    "Lists the metrics whose latest month is special-cause variation on their XmR chart,\n"
    "concerns first, each with the rule that fired and a plain sentence saying what changed\n"
    "and how that was decided.\n"
    "\n"
    "Options:\n"
    "  --plan ID        which plan (default: the one loaded most recently)\n"
    "  --period MONTH   as at the end of this month\n"
    "  --format FMT     table (default), csv or json\n"
    "  --xlsx FILE      also write the table, with its notes, as an Excel workbook\n"
    "\n"
    "Examples:\n"
    "  peel exceptions\n"
    "  peel exceptions --period 2022-09\n",
};
