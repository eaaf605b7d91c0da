/*
 * cmd_scan.c - `peel scan`: every area's every crime type, charted; which
 * have changed?
 */
#include "assess/scan.h"
#include "cli/commands.h"
#include "cli/spc_options.h"
#include "util/month.h"
#include "util/numfmt.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scan_args {
    struct scan_options o;
    const char *by;
    long limit;
    bool timings;
    enum table_format fmt;
    struct chart_options charts; /* --no-screen and the rest; --min-points into o */
};

static int parse_scan_args(int argc, char **argv, struct scan_args *a)
{
    static const struct option longopts[] = {{"by", required_argument, NULL, 'b'},
                                             {"force", required_argument, NULL, 'p'},
                                             {"from", required_argument, NULL, 'f'},
                                             {"to", required_argument, NULL, 't'},
                                             {"min-mean", required_argument, NULL, 'M'},
                                             {"limit", required_argument, NULL, 'l'},
                                             {"timings", no_argument, NULL, 'T'},
                                             {"format", required_argument, NULL, 'F'},
                                             SPC_OPTIONS_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    *a =
        (struct scan_args){.o = {.month_from = -1, .month_to = -1, .min_points = 12, .min_mean = 5},
                           .by = "district",
                           .limit = 50,
                           .fmt = TABLE_AUTO};
    int c;
    char *end;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        bool ok = true;
        int taken = spc_options_take(&cmd_scan, c, optarg, &a->charts);
        if (taken != 0 && taken != 1)
            return taken;
        if (taken)
            continue;
        if (c == 'b')
            a->by = optarg;
        else if (c == 'p')
            a->o.force = optarg;
        else if (c == 'f')
            ok = month_parse(optarg, strlen(optarg), &a->o.month_from);
        else if (c == 't')
            ok = month_parse(optarg, strlen(optarg), &a->o.month_to);
        else if (c == 'M')
            ok = (a->o.min_mean = strtod(optarg, &end)) >= 0 && !*end && end != optarg;
        else if (c == 'l')
            ok = (a->limit = strtol(optarg, &end, 10)) >= 0 && !*end;
        else if (c == 'T')
            a->timings = a->o.timings = true;
        else if (c == 'F')
            ok = cli_parse_format(optarg, &a->fmt);
        else
            return cli_usage_error(&cmd_scan, "unknown option '%s'", argv[optind - 1]);
        if (!ok)
            return cli_usage_error(&cmd_scan, "bad value '%s' for %s", optarg, argv[optind - 2]);
    }
    if (optind < argc)
        return cli_usage_error(&cmd_scan, "unexpected argument '%s'", argv[optind]);
    if (a->charts.min_points)
        a->o.min_points = a->charts.min_points;
    a->o.charts = &a->charts;
    return 0;
}

/* Crimes with no location are a data-quality count, said apart. */
static void no_location_note(struct table *t, const struct scan_totals *tot)
{
    const struct scan_signal *q = &tot->quality;
    if (tot->no_location <= 0)
        return;
    struct buf n = BUF_INIT;
    buf_put_count(&n, (int64_t)tot->no_location);
    if (q->rule == SPC_RULE_NONE)
        table_add_note(t,
                       "Data quality: %s crimes had no location (not a place, so not scanned "
                       "as crime); their monthly count shows no special-cause variation in the "
                       "latest month, or has too few months to judge.",
                       n.p);
    else
        table_add_note(t,
                       "Data quality: %s crimes had no location (not a place, so not scanned "
                       "as crime). Their monthly count is %s in the latest month (%.0f against "
                       "an average of %.1f, limits %.1f to %.1f: %s): a change in how "
                       "locations are recorded, not in crime.",
                       n.p, spc_point_type_name(q->type), q->latest, q->mean, q->lpl, q->upl,
                       spc_rule_name(q->rule));
    buf_free(&n);
}

/* The chart options chosen, and the series they left uncharted. */
static void chart_options_note(struct table *t, const struct scan_args *a,
                               const struct scan_totals *tot)
{
    struct buf words = BUF_INIT;
    struct chart_options shown = a->charts;
    shown.min_points = 0; /* told in the note above */
    chart_options_describe(&shown, &words);
    if (words.len)
        table_add_note(t, "Chart options: %s.", words.p);
    if (tot->failed)
        table_add_note(t,
                       "%ld series could not be charted with these options: a group between "
                       "rebase months, or a fixed baseline, without two consecutive months.",
                       tot->failed);
    buf_free(&words);
}

enum { SCAN_COLS = 9 };
static const char *const scan_cols[SCAN_COLS] = {"area",        "crime_type", "month",
                                                 "latest",      "mean",       "lower_limit",
                                                 "upper_limit", "variation",  "rule"};
/* The numbers, right-aligned in the text table */
static const bool scan_right[SCAN_COLS] = {false, false, false, true, true, true, true};

/* One signal's row, as table_set_text and table_set_real would hold it; the
 * texts are borrowed (month: MONTH_TEXT_SIZE bytes). */
static void signal_cells(const struct scan_signal *s, struct cell *c, char *month)
{
    month_format(s->month, month);
    const char *text[SCAN_COLS] = {s->area, s->crime_type, month};
    text[7] = spc_point_type_name(s->type);
    text[8] = spc_rule_name(s->rule);
    const double real[SCAN_COLS] = {[3] = s->latest, [4] = s->mean, [5] = s->lpl, [6] = s->upl};
    for (size_t i = 0; i < SCAN_COLS; i++)
        c[i] = scan_right[i] ? (struct cell){.type = CELL_REAL, .r = real[i], .decimals = i > 3}
                             : (struct cell){.type = CELL_TEXT, .text = (char *)text[i]};
}

/* The signals listed, written as they are formatted: a text table takes two
 * passes (the widths, then the rows), CSV and JSON one, flushed as it goes;
 * no table of every row is held. */
static void write_rows(const struct scan_found *f, size_t n, const struct table *t,
                       enum table_format fmt)
{
    struct cell cells[SCAN_COLS];
    char month[MONTH_TEXT_SIZE];
    if (fmt == TABLE_AUTO || fmt == TABLE_TEXT) {
        struct table_text tt;
        table_text_begin(&tt, SCAN_COLS, scan_cols, scan_right);
        for (size_t i = 0; i < n; i++) {
            signal_cells(&f->items[i], cells, month);
            table_text_measure(&tt, cells);
        }
        table_text_head(&tt, t->title, stdout);
        for (size_t i = 0; i < n; i++) {
            signal_cells(&f->items[i], cells, month);
            table_text_row(&tt, cells, stdout);
        }
        table_text_end(&tt, (const char *const *)t->notes, t->nnotes, stdout);
        return;
    }
    struct buf out = BUF_INIT;
    struct table_stream ts;
    if (fmt == TABLE_CSV)
        table_stream_begin(&ts, fmt, SCAN_COLS, scan_cols, &out);
    for (size_t i = 0; i < n; i++) {
        signal_cells(&f->items[i], cells, month);
        if (fmt == TABLE_CSV)
            table_stream_row(&ts, cells, &out);
        else
            table_json_row(&out, scan_cols, SCAN_COLS, cells, i);
        if (out.len >= 1 << 16) {
            fwrite(out.p, 1, out.len, stdout);
            buf_reset(&out);
        }
    }
    if (fmt != TABLE_CSV)
        table_json_end(&out, n);
    fwrite(buf_str(&out), 1, out.len, stdout);
    buf_free(&out);
}

static void render(const struct scan_args *a, struct scan_found *f, const struct scan_totals *tot)
{
    struct table t; /* its title and notes: the rows are written by write_rows */
    table_init(&t, SCAN_COLS, scan_cols);
    scan_sort_by_severity(f);
    size_t n = a->limit == 0 || (long)f->n <= a->limit ? f->n : (size_t)a->limit;
    char from[MONTH_TEXT_SIZE], to[MONTH_TEXT_SIZE];
    month_format(tot->month_from, from);
    month_format(tot->month_to, to);
    struct buf title = BUF_INIT;
    buf_printf(&title, "Special-cause variation in %s, by %s and crime type (%s to %s)", to, a->by,
               from, to);
    table_set_title(&t, title.p);
    table_add_note(
        &t,
        "%ld series: %ld charted, %ld with fewer than %d months of data and %ld "
        "averaging fewer than %g crimes a month left out (too sparse for an XmR "
        "chart); %ld with a signal in the latest month%s. XmR charts with the NHS "
        "Making Data Count rules (docs/methods.md); with many series some signals "
        "are chance, so read each against its chart.",
        tot->series, tot->charted, tot->too_short, a->o.min_points, tot->too_sparse, a->o.min_mean,
        tot->signals,
        a->limit && (long)f->n > a->limit ? " (the most severe listed; --limit 0 for all)" : "");
    chart_options_note(&t, a, tot);
    no_location_note(&t, tot);
    if (a->timings)
        table_add_note(&t, "time: reading %.3f s, charting %.3f s of CPU (%.0f series per second)",
                       tot->seconds_reading, tot->seconds_charting,
                       tot->seconds_charting > 0 ? (double)tot->charted / tot->seconds_charting
                                                 : 0.0);
    write_rows(f, n, &t, a->fmt);
    table_free(&t);
    buf_free(&title);
}

static int scan(struct scan_args *a, struct peel_ctx *ctx);

static int run_scan(int argc, char **argv, struct peel_ctx *ctx)
{
    struct scan_args a;
    int rc = parse_scan_args(argc, argv, &a);
    if (rc == 0)
        rc = scan(&a, ctx);
    chart_options_free(&a.charts);
    return rc;
}

static int scan(struct scan_args *args, struct peel_ctx *ctx)
{
    struct scan_args a = *args; /* the options' memory stays args' */
    int rc;
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct stats_query forced = {.force = a.o.force};
    if ((rc = cli_dim(&cmd_scan, s, a.by, true, &a.o.area)) != 0 ||
        (rc = cli_check_query(&cmd_scan, s, &forced)) != 0)
        return rc;
    struct scan_found f = {0};
    struct scan_totals tot;
    struct buf err = BUF_INIT;
    rc = plan_scan(s, &a.o, scan_keep, &f, &tot, &err);
    if (rc == 0)
        render(&a, &f, &tot);
    else
        fprintf(stderr, "peel scan: %s\n", err.p);
    scan_found_free(&f);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

const struct peel_cmd cmd_scan = {
    "scan",
    run_scan,
    "chart every area's every crime type and list those whose latest month has changed",
    "peel scan [--by district|lsoa|GROUPING] [--force F] [--from YYYY-MM] [--to YYYY-MM]\n"
    "          [--min-points N] [--min-mean X] [--limit N] [--timings] [--format table|csv|json]\n"
    "          [--no-screen] [--baseline N] [--rebase M,...] [--run-length N] [--trend-length N]",
    "Builds the monthly series of every (area, crime type) pair, charts each with the XmR\n"
    "method (NHS Making Data Count rules, docs/methods.md) and lists the pairs whose latest\n"
    "month is special-cause variation: concerns (rises) first, then improvements (falls), the\n"
    "strongest rule and the furthest from its limits first. Months with no data for the force\n"
    "are gaps; a month with data but no crime of that type in the area is a zero.\n"
    "\n"
    "Options:\n"
    "  --by AREA        district (default), lsoa, or an imported grouping such as csp\n"
    "  --force F        one force (default: all imported)\n"
    "  --from, --to     the months to chart (default: all held); the latest is judged\n"
    "  --min-mean X     chart only series averaging at least X crimes a month (default 5):\n"
    "                   smaller counts give XmR limits that flag ordinary months\n"
    "  --limit N        list at most N signals (default 50; 0: all)\n"
    "  --timings        say how much CPU time reading and charting took\n"
    "  --format FMT     table (default), csv or json\n"
    "\n" SPC_OPTIONS_HELP
    "(for peel scan, series with fewer than --min-points months are not charted;\n"
    "rebase months must lie inside the months scanned)\n"
    "\n"
    "Examples:\n"
    "  peel scan\n"
    "  peel scan --by lsoa --to 2022-03 --limit 20\n",
};
