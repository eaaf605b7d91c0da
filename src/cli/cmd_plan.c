/*
 * cmd_plan.c - `peel plan load|show|check`: the Police and Crime Plan.
 */
#include "assess/check.h"
#include "assess/series.h"
#include "cli/commands.h"
#include "ingest/plan_file.h"
#include "store/plans.h"
#include "util/hmap.h"
#include "util/month.h"
#include "util/sha256.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct plan_args {
    const char *key;
    int version;
    int as_of;
    enum table_format fmt;
};

static int plan_load(struct peel_ctx *ctx, const char *path)
{
    struct plan p;
    struct buf err = BUF_INIT, text = BUF_INIT;
    char hash[17], sha256[SHA256_HEX_SIZE];
    /* Read whole: the bytes give the content hash that tells a changed plan
     * from a reloaded one, and are parsed as they are. */
    bool ok =
        plan_read_file(path, &text, &err) && plan_parse_string(path, buf_str(&text), &p, &err);
    snprintf(hash, sizeof hash, "%016llx",
             (unsigned long long)hash_bytes(buf_str(&text), text.len));
    sha256_of(buf_str(&text), text.len, sha256); /* for the record of the load */
    size_t bytes = text.len;
    buf_free(&text);
    if (!ok) {
        fprintf(stderr, "%s\npeel plan load: nothing was loaded\n", err.p);
        buf_free(&err);
        return EXIT_USAGE;
    }
    struct store *s = cli_store_create(ctx);
    int rc = 1;
    if (s) {
        struct plan_version saved;
        bool unchanged;
        char *where = realpath(path, NULL),
             *command = cli_command_line(3, (char *[]){"plan", "load", (char *)path});
        struct data_load file = {.path = where ? where : path,
                                 .sha256 = sha256,
                                 .bytes = (int64_t)bytes,
                                 .origin = {command, cli_user_name()}};
        rc = store_plan_save(s, &p, hash, &file, &saved, &unchanged, &err) == 0 ? 0 : 1;
        free(where);
        free(command);
        if (rc == 0 && unchanged)
            printf("%s: plan %s is unchanged (version %d)\n", path, saved.plan_key, saved.version);
        else if (rc == 0)
            printf("%s: plan %s loaded as version %d\n", path, saved.plan_key, saved.version);
        else
            fprintf(stderr, "peel plan load: %s\n", err.p);
        if (rc == 0 && saved.iopc_added + saved.iopc_revised > 0)
            printf("the IOPC figures stored: %ld values new, %ld revised\n", saved.iopc_added,
                   saved.iopc_revised);
    }
    plan_free(&p);
    buf_free(&err);
    return rc;
}

/* Reads the plan asked for; prints why not and returns non-zero. */
static int read_plan(struct peel_ctx *ctx, const struct plan_args *a, struct plan *p,
                     struct plan_version *which)
{
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct buf err = BUF_INIT;
    int rc = store_plan_read(s, a->key, a->version, p, which, &err);
    if (rc == 1)
        fprintf(stderr, "peel plan: no plan%s%s%s loaded (peel plan load FILE)\n",
                a->key ? " " : "", a->key ? a->key : "", a->version ? " of that version" : "");
    else if (rc < 0)
        fprintf(stderr, "peel plan: %s\n", err.p);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int plan_show(struct peel_ctx *ctx, const struct plan_args *a)
{
    struct plan p;
    struct plan_version which;
    if (read_plan(ctx, a, &p, &which) != 0)
        return 1;
    static const char *const cols[] = {"mission", "strategy", "metric",       "title",
                                       "source",  "unit",     "polarity",     "frequency",
                                       "target",  "data",     "chart_options"};
    struct table t;
    table_init(&t, 11, cols);
    size_t nstrategies = 0, nmetrics = 0;
    for (size_t x = 0; x < p.nmissions; x++)
        for (size_t y = 0; y < p.missions[x].nstrategies; y++, nstrategies++)
            nmetrics += p.missions[x].strategies[y].nmetrics;
    struct buf title = BUF_INIT;
    buf_printf(&title,
               "%s (%s, version %d, %s to %s): %zu missions, %zu delivery strategies, %zu "
               "headline metrics\nVision: %s",
               p.title, which.plan_key, which.version, p.period_from, p.period_to, p.nmissions,
               nstrategies, nmetrics, p.vision);
    table_set_title(&t, title.p);
    char target[96];
    for (size_t x = 0; x < p.nmissions; x++)
        for (size_t y = 0; y < p.missions[x].nstrategies; y++) {
            const struct plan_strategy *sg = &p.missions[x].strategies[y];
            if (sg->nmetrics == 0) { /* shown all the same: the plan names no measure */
                size_t row = table_add_row(&t);
                table_set_text(&t, row, 0, p.missions[x].id);
                table_set_text(&t, row, 1, sg->id);
                table_set_text(&t, row, 3, sg->title);
                table_set_text(&t, row, 9, "no headline metric");
            }
            for (size_t z = 0; z < sg->nmetrics; z++) {
                const struct plan_metric *m = &sg->metrics[z];
                size_t row = table_add_row(&t);
                table_set_text(&t, row, 0, p.missions[x].id);
                table_set_text(&t, row, 1, sg->id);
                table_set_text(&t, row, 2, m->id);
                table_set_text(&t, row, 3, m->title);
                table_set_text(&t, row, 4, metric_source_name(m->source));
                table_set_text(&t, row, 5, metric_unit_name(m->unit));
                table_set_text(&t, row, 6, metric_polarity_name(m->polarity));
                table_set_text(&t, row, 7, metric_frequency_name(m->frequency));
                table_set_text(&t, row, 8,
                               metric_target_describe(&m->target, target, sizeof target));
                table_set_text(&t, row, 9, m->loaded ? "loaded" : "recorded crime");
                struct buf words = BUF_INIT;
                metric_chart_options_effective(m, &words);
                table_set_text(&t, row, 10, buf_str(&words));
                buf_free(&words);
            }
        }
    table_add_note(&t,
                   "Loaded from %s at %s. `peel plan show --format json` gives every "
                   "delivery strategy's statements too. chart_options: the options of the "
                   "metric's charts, those the plan chooses (`charts:`, docs/plans.md) first, "
                   "then the defaults (docs/methods.md); a command's options "
                   "(`peel chart --no-screen`, ...) replace them for its run.",
                   which.source_path, which.loaded_at);
    table_render(&t, a->fmt, stdout);
    table_free(&t);
    buf_free(&title);
    plan_free(&p);
    return 0;
}

static void add_finding(void *arg, const struct check_finding *f)
{
    struct table *t = arg;
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, f->strategy->id);
    table_set_text(t, row, 1, f->metric->id);
    table_set_text(t, row, 2, metric_source_name(f->metric->source));
    table_set_text(t, row, 3, check_status_name(f->status));
    table_set_text(t, row, 4, f->detail);
}

static int plan_check_cmd(struct peel_ctx *ctx, const struct plan_args *a)
{
    struct plan p;
    struct plan_version which;
    if (read_plan(ctx, a, &p, &which) != 0)
        return 1;
    static const char *const cols[] = {"strategy", "metric", "source", "status", "detail"};
    struct table t;
    table_init(&t, 5, cols);
    int problems = plan_check(ctx->store, &p, a->as_of, add_finding, &t);
    char asof[MONTH_TEXT_SIZE];
    month_format(a->as_of, asof);
    struct buf title = BUF_INIT;
    buf_printf(&title, "%s, version %d: %d of its headline metrics need attention (as of %s)",
               which.plan_key, which.version, problems, asof);
    table_set_title(&t, title.p);
    table_render(&t, a->fmt, stdout);
    table_free(&t);
    buf_free(&title);
    plan_free(&p);
    return problems ? 1 : 0;
}

static int current_month(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return (tm.tm_year + 1900) * 12 + tm.tm_mon;
}

static int run_plan(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"plan", required_argument, NULL, 'p'},
                                             {"version", required_argument, NULL, 'v'},
                                             {"as-of", required_argument, NULL, 'a'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    struct plan_args a = {NULL, 0, current_month(), TABLE_AUTO};
    if (argc < 2 || argv[1][0] == '-')
        return cli_usage_error(&cmd_plan, "say load, show or check");
    const char *verb = argv[1];
    /* options follow the verb: parse them as if the verb were the command */
    argc--;
    argv++;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        char *end = NULL;
        if (c == 'p') {
            a.key = optarg;
        } else if (c == 'v') {
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 1 || v > 1000000)
                return cli_usage_error(&cmd_plan, "--version must be a version number");
            a.version = (int)v;
        } else if (c == 'a') {
            if (!month_parse(optarg, strlen(optarg), &a.as_of))
                return cli_usage_error(&cmd_plan, "--as-of must be a month, YYYY-MM");
        } else if (c != 'F' || !cli_parse_format(optarg, &a.fmt)) {
            return cli_usage_error(
                &cmd_plan, c == 'F' ? "--format must be table, csv or json" : "unknown option '%s'",
                argv[optind - 1]);
        }
    }
    if (strcmp(verb, "load") == 0) {
        if (optind + 1 != argc)
            return cli_usage_error(&cmd_plan, "plan load takes one plan file");
        return plan_load(ctx, argv[optind]);
    }
    if (optind != argc)
        return cli_usage_error(&cmd_plan, "unexpected argument '%s'", argv[optind]);
    if (strcmp(verb, "show") == 0)
        return plan_show(ctx, &a);
    if (strcmp(verb, "check") == 0)
        return plan_check_cmd(ctx, &a);
    return cli_usage_error(&cmd_plan, "no plan command '%s': say load, show or check", verb);
}

const struct peel_cmd cmd_plan = {
    "plan",
    run_plan,
    "load, show and check the Police and Crime Plan: missions, strategies, metrics",
    "peel plan load FILE\n"
    "       peel plan show [--plan ID] [--version N] [--format table|csv|json]\n"
    "       peel plan check [--plan ID] [--version N] [--as-of YYYY-MM] [--format ...]",
    "A plan is a YAML file (docs/plans.md; the shipped plans are in plans/): vision, missions,\n"
    "delivery strategies with their success, delivery and measure-of-success statements, and\n"
    "headline metrics, each with its source, unit, polarity, frequency, optional target, and\n"
    "either a definition over recorded crime or 'loaded: true'.\n"
    "\n"
    "  load FILE   check the file and store it; a changed file becomes a new version, and the\n"
    "              old versions are kept. Every error is reported as FILE:LINE:COLUMN.\n"
    "  show        the performance framework: every metric of the plan, and every delivery\n"
    "              strategy for which the plan names none\n"
    "  check       what each metric lacks: no data, stale data (judged against --as-of,\n"
    "              default this month), or a crime type or area grouping that is not loaded.\n"
    "              Exit status 1 when any metric needs attention.\n"
    "\n"
    "Options:\n"
    "  --plan ID      which plan (default: the one loaded most recently)\n"
    "  --version N    which version (default: the latest)\n"
    "  --as-of MONTH  the month against which data is judged stale\n"
    "  --format FMT   table (default), csv or json\n"
    "\n"
    "Examples:\n"
    "  peel plan load plans/llr-2024-29.yaml\n"
    "  peel plan show --format csv\n"
    "  peel plan check --as-of 2023-04\n",
};
