/*
 * cmd_stop_search.c - `peel stop-search`: stop and search counted by
 * month, area, object, outcome, age or ethnicity, with what the searches
 * found, and (--disproportionality) searches per 1,000 people of each
 * ethnic group against the White group's rate.
 */
#include "assess/stop_search.h"
#include "cli/commands.h"
#include "cli/query_args.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int print_disparity(struct store *s, const struct stop_query *q, enum table_format fmt)
{
    struct table t;
    struct stop_disparity d;
    struct buf err = BUF_INIT;
    int rc = stop_disparity_table(s, q, &t, &d, &err);
    if (rc != 0) {
        fprintf(stderr, "peel stop-search: %s\n", err.p);
    } else if (!d.have_population) {
        fprintf(stderr,
                "peel stop-search: no population by ethnic group is loaded for %s: load one "
                "with peel import-population --ethnicity FILE (docs/stop-search.md)\n",
                d.force.p);
        rc = 2;
    } else {
        table_set_title(&t, "Stop and search by ethnic group: searches per 1,000 people");
        table_render(&t, fmt, stdout);
    }
    table_free(&t);
    stop_disparity_free(&d);
    buf_free(&err);
    return rc < 0 ? 1 : rc;
}

static int print_counts(struct store *s, const char *by, const struct stop_query *q,
                        enum table_format fmt)
{
    struct table t;
    struct buf err = BUF_INIT, title = BUF_INIT;
    int rc = stop_search_table(s, by, q, &t, &err);
    if (rc < 0) {
        fprintf(stderr, "peel stop-search: %s\n", err.p);
    } else {
        buf_printf(&title, "Stop and search by %s", stop_by_heading(by));
        table_set_title(&t, title.p);
        table_render(&t, fmt, stdout);
    }
    table_free(&t);
    buf_free(&err);
    buf_free(&title);
    return rc < 0 ? 1 : 0;
}

/* A named force must hold searches: a typo is an error, not an empty table. */
static int check_force(struct store *s, const char *force)
{
    struct buf slug = BUF_INIT, name = BUF_INIT, err = BUF_INIT;
    int rc = force ? store_stop_force(s, force, &slug, &name, &err) : 0;
    if (rc < 0)
        fprintf(stderr, "peel stop-search: %s\n", err.p);
    else if (rc == 1)
        fprintf(stderr, "peel stop-search: no stop-and-search records are held for '%s'\n", force);
    buf_free(&slug);
    buf_free(&name);
    buf_free(&err);
    return rc < 0 ? 1 : rc == 1 ? 2 : 0;
}

static int run_stop_search(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"by", required_argument, NULL, 'b'},
                                             {"from", required_argument, NULL, 'f'},
                                             {"to", required_argument, NULL, 't'},
                                             {"force", required_argument, NULL, 'o'},
                                             {"disproportionality", no_argument, NULL, 'd'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    struct stop_query q = {.month_from = -1, .month_to = -1};
    enum table_format fmt = TABLE_AUTO;
    const char *by = "month";
    bool disparity = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'b')
            by = optarg;
        else if (c == 'f' || c == 't') {
            if (query_arg_month(&cmd_stop_search, c == 'f' ? "--from" : "--to", optarg,
                                c == 'f' ? &q.month_from : &q.month_to))
                return EXIT_USAGE;
        } else if (c == 'o')
            q.force = optarg;
        else if (c == 'd')
            disparity = true;
        else if (c != 'F' || !cli_parse_format(optarg, &fmt))
            return cli_usage_error(&cmd_stop_search,
                                   c == 'F' ? "--format must be table, csv or json"
                                            : "unknown option '%s'",
                                   argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(&cmd_stop_search, "unexpected argument '%s'", argv[optind]);
    if (!stop_by_known(by))
        return cli_usage_error(&cmd_stop_search, "--by must be one of %s", stop_by_names());
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    int rc = check_force(s, q.force);
    if (rc == 0)
        rc = disparity ? print_disparity(s, &q, fmt) : print_counts(s, by, &q, fmt);
    return rc;
}

const struct peel_cmd cmd_stop_search = {
    "stop-search",
    run_stop_search,
    "stop and search: counts, what searches found, and rates by ethnic group",
    "peel stop-search [--by GROUPING] [--from YYYY-MM] [--to YYYY-MM] [--force FORCE]\n"
    "                        [--format table|csv|json]\n"
    "       peel stop-search --disproportionality [--from YYYY-MM] [--to YYYY-MM] [--force "
    "FORCE]",
    "Counts the stop-and-search records imported from police.uk (peel import reads the\n"
    "stop-and-search files beside the street files), grouped by --by: month (the default),\n"
    "area, type, object, outcome, age, ethnic_group, ethnicity, officer_ethnicity, gender\n"
    "or legislation. Each row gives the searches, their share, and what they led to:\n"
    "further action (any outcome but no further action), arrests, and finds (further\n"
    "action the officer linked to the object of the search); the find rate is finds as a\n"
    "share of all searches. A search's area is the district of the street crimes police.uk\n"
    "published at the same anonymised point.\n"
    "\n"
    "--disproportionality gives searches per 1,000 people of each ethnic group (the\n"
    "person's own, in the census's five groups) and each group's rate as a multiple of the\n"
    "White group's, with a 95% interval and p-value (exact conditional binomial test). It\n"
    "needs a population by ethnic group: peel import-population --ethnicity FILE.\n"
    "See docs/stop-search.md.\n"
    "\n"
    "Examples:\n"
    "  peel stop-search --by object\n"
    "  peel stop-search --by ethnic_group --from 2022-04 --to 2023-03 --format csv\n"
    "  peel stop-search --disproportionality --from 2022-04 --to 2023-03\n",
};
