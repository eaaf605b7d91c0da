/*
 * cmd_metric.c - `peel metric load|show|history`: values of loaded metrics.
 */
#include "cli/commands.h"
#include "ingest/metric_file.h"
#include "store/metric_values.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static int metric_load(struct peel_ctx *ctx, int argc, char **argv)
{
    if (argc < 1)
        return cli_usage_error(&cmd_metric, "give the values file(s) to load");
    struct store *s = cli_store_create(ctx);
    if (!s)
        return 1;
    struct buf command = BUF_INIT; /* recorded with each file's load */
    buf_puts(&command, "peel metric load");
    for (int i = 0; i < argc; i++)
        buf_printf(&command, " %s", argv[i]);
    struct load_origin origin = {command.p, cli_user_name()};
    int worst = 0;
    for (int i = 0; i < argc; i++) {
        struct metric_load_counts n;
        struct buf err = BUF_INIT;
        int rc = metric_file_load(s, argv[i], &origin, &n, &err);
        if (rc == 0)
            printf("%s: %ld values read: %ld new, %ld revised (earlier values kept), "
                   "%ld unchanged\n",
                   argv[i], n.read, n.added, n.revised, n.unchanged);
        else
            fprintf(stderr, "%s%speel metric load: %s: nothing was loaded\n", buf_str(&err),
                    err.len && err.p[err.len - 1] != '\n' ? "\n" : "", argv[i]);
        buf_free(&err);
        if (rc > worst)
            worst = rc;
    }
    buf_free(&command);
    return worst;
}

struct view_args {
    const char *area;
    enum table_format fmt;
};

static int parse_view_args(int argc, char **argv, struct view_args *a)
{
    static const struct option longopts[] = {{"area", required_argument, NULL, 'a'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct view_args){NULL, TABLE_AUTO};
    int c;
    cli_reset_getopt();
    /* Permuting: the id may come before or after the options. */
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'a')
            a->area = optarg;
        else if (c == 'F' && !cli_parse_format(optarg, &a->fmt))
            return cli_usage_error(&cmd_metric, "--format must be table, csv or json");
        else if (c != 'a' && c != 'F')
            return cli_usage_error(&cmd_metric, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_metric, "give one metric id");
    return 0;
}

static void add_value_row(void *arg, const struct metric_value *v)
{
    struct table *t = arg;
    size_t row = table_add_row(t);
    char period[PERIOD_TEXT_SIZE];
    period_format(v->kind, v->period_start, period);
    table_set_text(t, row, 0, period);
    table_set_text(t, row, 1, *v->area ? v->area : "(force)");
    table_set_real(t, row, 2, v->value, 2, NULL);
    if (v->has_numerator) {
        table_set_real(t, row, 3, v->numerator, 0, NULL);
        table_set_real(t, row, 4, v->denominator, 0, NULL);
    }
    table_set_text(t, row, 5, v->source);
    struct buf from = BUF_INIT;
    buf_printf(&from, "%s:%ld", v->path, v->line);
    table_set_text(t, row, 6, from.p);
    buf_free(&from);
    table_set_text(t, row, 7, v->loaded_at);
    table_set_text(t, row, 8, v->replaced_at ? v->replaced_at : "");
    table_set_text(t, row, 9, v->note);
}

/* show: current values by period; history: every value ever loaded. */
static int metric_view(struct peel_ctx *ctx, int argc, char **argv, bool history)
{
    struct view_args a;
    int rc = parse_view_args(argc, argv, &a);
    if (rc)
        return rc;
    const char *key = argv[optind];
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct buf err = BUF_INIT;
    struct metric_info info;
    if (store_metric_info(s, key, &info, &err) < 0 || !info.found) {
        fprintf(stderr, "peel metric: %s\n",
                err.len ? err.p : "no such metric in any loaded plan (peel plan show)");
        buf_free(&err);
        return 1;
    }
    static const char *const cols[] = {"period", "area", "value",     "numerator",   "denominator",
                                       "source", "from", "loaded_at", "replaced_at", "note"};
    struct table t;
    table_init(&t, 10, cols);
    rc = history
             ? store_metric_history(s, key, a.area, add_value_row, &t, &err)
             : store_metric_values(s, key, a.area ? a.area : "", metric_period_kind(info.frequency),
                                   -1, add_value_row, &t, &err);
    if (rc == 0) {
        struct buf title = BUF_INIT;
        buf_printf(&title, "%s (%s, %s)%s", info.title, key, metric_frequency_name(info.frequency),
                   history ? ": every value loaded, current and replaced" : "");
        table_set_title(&t, title.p);
        buf_free(&title);
        table_add_note(&t, "from: the file and line each value was loaded from.");
        table_render(&t, a.fmt, stdout);
    } else {
        fprintf(stderr, "peel metric: %s\n", err.p);
    }
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int run_metric(int argc, char **argv, struct peel_ctx *ctx)
{
    if (argc < 2)
        return cli_usage_error(&cmd_metric, "give an action: load, show or history");
    const char *action = argv[1];
    if (strcmp(action, "load") == 0)
        return metric_load(ctx, argc - 2, argv + 2);
    if (strcmp(action, "show") == 0)
        return metric_view(ctx, argc - 1, argv + 1, false);
    if (strcmp(action, "history") == 0)
        return metric_view(ctx, argc - 1, argv + 1, true);
    return cli_usage_error(&cmd_metric, "unknown action '%s'", action);
}

const struct peel_cmd cmd_metric = {
    "metric",
    run_metric,
    "load values of the plan's loaded metrics, and trace them to their files",
    "peel metric load FILE.csv...\n"
    "       peel metric show ID [--area AREA] [--format table|csv|json]\n"
    "       peel metric history ID [--area AREA] [--format table|csv|json]",
    "load: reads a CSV file of values with the columns (any order, header required)\n"
    "  metric,period,area,value,numerator,denominator,source,note\n"
    "metric, period and value are required. The metric is an id of a `loaded: true` metric of a\n"
    "loaded plan; the period is written at the metric's frequency: a month (2023-04), a financial\n"
    "quarter (2023-24 Q1) or a financial year (2023-24). An empty area means the whole force\n"
    "area. Numerator and denominator go together; a percentage or rate must match them to the\n"
    "decimals it is written with. Every row is checked first: one bad row and nothing is loaded,\n"
    "with each problem listed as FILE:LINE: field: reason. A value that differs from the one\n"
    "already held replaces it; the old value is kept with the time it was replaced.\n"
    "\n"
    "show: the current values of a metric, each with the file and line it came from.\n"
    "history: every value ever loaded, current and replaced.\n"
    "\n"
    "Examples:\n"
    "  peel metric load survey-2023-24.csv\n"
    "  peel metric show confidence-in-police\n"
    "  peel metric history confidence-in-police --format csv\n",
};
