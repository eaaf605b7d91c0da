/*
 * cmd_chart.c - `peel chart`: a metric's XmR chart as SVG, PNG or PDF.
 */
#include "assess/compare.h"
#include "assess/evaluate.h"
#include "assess/metric_xmr.h"
#include "cli/commands.h"
#include "cli/compare_args.h"
#include "cli/spc_options.h"
#include "render/chart.h"
#include "render/funnel_plot.h"
#include "store/plans.h"
#include "util/month.h"
#include "web/pages.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chart_args {
    const char *metric, *out, *plan;
    int period;
    enum chart_format format;
    bool points; /* --format: print the chart's points, as /metric/ID.csv has them */
    enum table_format fmt;
    struct chart_options charts; /* --no-screen and the rest */
};

static int parse_chart_args(int argc, char **argv, struct chart_args *a)
{
    static const struct option longopts[] = {{"out", required_argument, NULL, 'o'},
                                             {"plan", required_argument, NULL, 'p'},
                                             {"period", required_argument, NULL, 'm'},
                                             {"format", required_argument, NULL, 'F'},
                                             SPC_OPTIONS_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    *a = (struct chart_args){.period = -1};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int taken = spc_options_take(&cmd_chart, c, optarg, &a->charts);
        if (taken != 0 && taken != 1)
            return taken;
        if (taken)
            continue;
        if (c == 'o')
            a->out = optarg;
        else if (c == 'p')
            a->plan = optarg;
        else if (c == 'm' && !month_parse(optarg, strlen(optarg), &a->period))
            return cli_usage_error(&cmd_chart, "--period must be a month, YYYY-MM");
        else if (c == 'F' && !cli_parse_format(optarg, &a->fmt))
            return cli_usage_error(&cmd_chart, "--format must be table, csv or json");
        else if (c == 'F')
            a->points = true;
        else if (c != 'o' && c != 'p' && c != 'm')
            return cli_usage_error(&cmd_chart, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_chart, "give one metric id");
    a->metric = argv[optind];
    if (!a->out && !a->points)
        return cli_usage_error(&cmd_chart, "give --out FILE.svg, .png or .pdf, or --format");
    if (a->out && !chart_format_from_path(a->out, &a->format))
        return cli_usage_error(&cmd_chart, "--out must end in .svg, .png or .pdf");
    return 0;
}

/* The chart's every point (value, mean, limits, 2-sigma lines, point type,
 * rule, rebase group, the note at the plan's start): the table of the
 * metric's page, /metric/ID.csv. */
static void print_points(const struct chart_args *a, const struct plan *p,
                         const struct plan_metric *m, const struct metric_series *ser,
                         const struct metric_status *st, const struct spc_result *r)
{
    struct table t;
    pages_series_table(&t, p, m, ser, r);
    struct buf text = BUF_INIT;
    buf_printf(&text, "%s (%s)", m->title, m->id);
    table_set_title(&t, text.p);
    buf_reset(&text);
    metric_sentence(st, &text);
    table_add_note(&t, "%s.", text.p);
    table_render(&t, a->fmt, stdout);
    table_free(&t);
    buf_free(&text);
}

/* Draws the chart of a series already read; 0, or 1 with err. */
static int draw(const struct chart_args *a, const struct plan *p, const struct plan_metric *m,
                const struct metric_series *ser, const struct metric_status *st, struct buf *err)
{
    struct spc_result r;
    if (!metric_chart(p, m, ser, &r)) {
        buf_printf(err, "%s: no chart: %s", m->id, r.error);
        return 1;
    }
    int rc = 0;
    if (a->out) {
        struct metric_xmr x;
        metric_xmr_init(&x, m, ser, st, &r);
        rc = chart_xmr_write(&x.chart, a->format, a->out, err) == 0 ? 0 : 1;
        /* as under the chart, so that the terminal's reader sees it too;
         * on stderr when stdout carries the points */
        FILE *said = a->points ? stderr : stdout;
        if (rc == 0)
            fprintf(said, "%s: XmR chart of %s\n", a->out, m->id);
        if (rc == 0 && st->limits_note[0])
            fprintf(said, "%s\n", st->limits_note);
        metric_xmr_free(&x);
    }
    if (rc == 0 && a->points)
        print_points(a, p, m, ser, st, &r);
    spc_result_free(&r);
    return rc;
}

static int draw_funnel(const struct compare_args *a, const struct area_values *v,
                       const struct funnel_result *r, enum chart_format format, struct buf *err)
{
    struct buf title = BUF_INIT;
    compare_args_title(a, &title);
    struct funnel_plot f;
    funnel_plot_init(&f, r, v->proportion, buf_str(&title), NULL);
    int rc = chart_funnel_write(&f.chart, format, a->out, err) == 0 ? 0 : 1;
    funnel_plot_free(&f);
    buf_free(&title);
    return rc;
}

static int chart_metric(struct store *s, const struct chart_args *a, const struct plan *p,
                        struct buf *err)
{
    const struct plan_strategy *sg;
    const struct plan_metric *m = plan_find_metric(p, a->metric, &sg);
    if (!m) {
        buf_printf(err, "plan %s has no metric '%s' (peel plan show)", p->id, a->metric);
        return 1;
    }
    struct metric_status st;
    struct metric_series ser;
    if (metric_evaluate(s, p, sg, m, a->period, &st, err) < 0 ||
        metric_series_read(s, p, m, a->period, &ser, err) < 0)
        return 1;
    int rc = 1;
    if (ser.n == 0)
        buf_printf(err, "%s: %s", m->id, st.note);
    else
        rc = draw(a, p, m, &ser, &st, err);
    metric_series_free(&ser);
    return rc;
}

static int funnel_chart(int argc, char **argv, struct peel_ctx *ctx)
{
    struct compare_args a;
    int rc = compare_args_parse(&cmd_chart, argc, argv, ctx, true, &a);
    enum chart_format format = CHART_SVG;
    if (rc == 0 && !chart_format_from_path(a.out, &format))
        rc = cli_usage_error(&cmd_chart, "--out must end in .svg, .png or .pdf");
    struct area_values v = {0};
    struct funnel_result r = {0};
    struct buf err = BUF_INIT;
    if (rc == 0 && metric_funnel(a.store, &a.plan, a.metric, &a.by, a.from, a.to, a.adjust,
                                 a.method, &v, &r, &err) < 0)
        rc = 1;
    if (rc == 0)
        rc = draw_funnel(&a, &v, &r, format, &err);
    if (rc == 0)
        printf("%s: funnel plot of %s by %s\n", a.out, a.metric->id, a.by_name);
    else if (err.len)
        fprintf(stderr, "peel chart: %s\n", err.p);
    if (r.points)
        funnel_result_free(&r);
    area_values_free(&v);
    compare_args_free(&a);
    buf_free(&err);
    return rc;
}

static int run_chart(int argc, char **argv, struct peel_ctx *ctx)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--funnel") == 0)
            return funnel_chart(argc, argv, ctx);
    struct chart_args a;
    int rc = parse_chart_args(argc, argv, &a);
    struct store *s = rc ? NULL : cli_store(ctx);
    if (!s) {
        chart_options_free(&a.charts);
        return rc ? rc : 1;
    }
    struct plan p;
    struct buf err = BUF_INIT;
    struct plan_version which;
    rc = store_plan_read(s, a.plan, 0, &p, &which, &err);
    if (rc == 1) {
        fprintf(stderr, "peel chart: no plan loaded (peel plan load FILE)\n");
        buf_free(&err);
        chart_options_free(&a.charts);
        return 1;
    }
    if (rc == 0) {
        spc_options_apply(&a.charts, &p);
        rc = chart_metric(s, &a, &p, &err);
        plan_free(&p);
    }
    chart_options_free(&a.charts);
    if (rc != 0)
        fprintf(stderr, "peel chart: %s\n", err.p);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

const struct peel_cmd cmd_chart = {
    "chart",
    run_chart,
    "draw a metric's XmR chart, or its areas' funnel plot, as SVG, PNG or PDF",
    "peel chart METRIC --out FILE.svg|.png|.pdf [--format table|csv|json] [--plan ID]\n"
    "       [--period YYYY-MM]\n"
    "       [--no-screen] [--baseline N] [--rebase M,...|none] [--run-length N]\n"
    "       [--trend-length N] [--min-points N]\n"
    "       peel chart --funnel --metric ID --out FILE [--by AREA] [--fy YYYY-YY]\n"
    "                  [--method spiegelhalter|phe] [--no-adjust]",
    "Draws the metric's values period by period with the centre line, process limits, 2-sigma\n"
    "lines, its target (for a level target) and each point coloured by the NHS Making Data\n"
    "Count rules (grey common cause, blue improvement, orange concern, purple neutral; gaps\n"
    "marked), with the variation and assurance icons in words. An SVG carries a title and a\n"
    "plain-English description for screen readers.\n"
    "\n"
    "Options:\n"
    "  --out FILE       where to write; the extension chooses SVG, PNG or PDF\n"
    "  --format FMT     print the chart's points (value, mean, limits, 2-sigma lines, point\n"
    "                   type, rule, rebase group), as the site's /metric/ID.csv: table, csv\n"
    "                   or json (CSV and JSON at full precision); --out is then optional\n"
    "  --plan ID        which plan (default: the one loaded most recently)\n"
    "  --period MONTH   the chart as it stood at the end of this month\n"
    "\n" SPC_OPTIONS_HELP "The options chosen are named under the chart and in its description.\n"
    "\n"
    "Examples:\n"
    "  peel chart shoplifting --out shoplifting.svg\n"
    "  peel chart positive-outcome-rate --period 2022-03 --out por.pdf\n"
    "  peel chart --funnel --metric burglary --by district --fy 2021-22 --out funnel.svg\n"
    "\n"
    "--funnel draws the areas of `peel compare` (same options) against their size, with the\n"
    "95% and 99.8% limits as curves, and names the method of the limits under the title.\n",
};
