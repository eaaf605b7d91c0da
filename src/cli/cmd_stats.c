/*
 * cmd_stats.c - `peel stats`: counts grouped any way, and the annual table.
 */
#include "assess/annual_table.h"
#include "assess/grouped.h"
#include "cli/commands.h"
#include "cli/query_args.h"
#include "model/forces.h"
#include "store/areas.h"
#include "store/prc.h"
#include "store/query.h"
#include "util/mem.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATS_MAX_CRIME_TYPES 20

struct stats_args {
    struct stats_query q;
    enum annual_source source; /* --source */
    char *group_by;
    int fy; /* -1: not the annual table */
    enum annual_scheme scheme;
    enum table_format fmt;
    char *area; /* "key=value", split into q.area_key / q.area_value */
    const char *crime_types[STATS_MAX_CRIME_TYPES];
};

/* ---- grouped counts ----------------------------------------------------- */

static int parse_group_by(struct store *s, char *list, struct stats_query *q)
{
    char *save = NULL;
    for (char *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        if (q->ndims == STATS_MAX_DIMS)
            return cli_usage_error(&cmd_stats, "at most %d --group-by dimensions", STATS_MAX_DIMS);
        int rc = cli_dim(&cmd_stats, s, name, false, &q->dims[q->ndims]);
        if (rc)
            return rc;
        q->ndims++;
    }
    return 0;
}

static int grouped_counts(struct store *s, struct stats_args *a)
{
    char *list = xstrdup(a->group_by ? a->group_by : "fy");
    int rc = parse_group_by(s, list, &a->q);
    if (rc) {
        free(list);
        return rc;
    }
    struct table t;
    struct buf err = BUF_INIT;
    rc = grouped_table(s, &a->q, 0, &t, NULL, &err);
    if (rc == 0)
        table_render(&t, a->fmt, stdout);
    else
        fprintf(stderr, "peel stats: %s\n", err.p);
    table_free(&t);
    buf_free(&err);
    free(list);
    return rc == 0 ? 0 : 1;
}

/* ---- the annual table --------------------------------------------------- */

static int annual_report(struct store *s, const struct stats_args *a)
{
    struct annual_request req = {a->fy, a->scheme, a->source, a->q};
    struct annual_result r;
    struct buf err = BUF_INIT;
    int rc = annual_build(s, &req, &r, &err);
    if (rc == 0)
        table_render(&r.table, a->fmt, stdout);
    else
        fprintf(stderr, "peel stats: %s\n", err.p);
    annual_result_free(&r);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

/* ---- options ------------------------------------------------------------ */

static int parse_source(const char *v, struct stats_args *a)
{
    if (strcmp(v, "auto") == 0)
        a->source = ANNUAL_SOURCE_AUTO;
    else if (strcmp(v, "police-uk") == 0)
        a->source = ANNUAL_SOURCE_POLICE_UK;
    else if (strcmp(v, "prc") == 0)
        a->source = ANNUAL_SOURCE_PRC;
    else
        return cli_usage_error(&cmd_stats, "--source must be auto, police-uk or prc");
    return 0;
}

static int parse_args(int argc, char **argv, struct stats_args *a)
{
    static const struct option longopts[] = {
        {"group-by", required_argument, NULL, 'g'},   {"area", required_argument, NULL, 'a'},
        {"from", required_argument, NULL, 'f'},       {"to", required_argument, NULL, 't'},
        {"fy", required_argument, NULL, 'y'},         {"force", required_argument, NULL, 'o'},
        {"categories", required_argument, NULL, 'c'}, {"format", required_argument, NULL, 'F'},
        {"crime-type", required_argument, NULL, 'T'}, {"exclude-asb", no_argument, NULL, 'x'},
        {"source", required_argument, NULL, 'S'},     {NULL, 0, NULL, 0}};
    int c, rc = 0;
    cli_reset_getopt();
    while (rc == 0 && (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        switch (c) {
        case 'g':
            a->group_by = optarg;
            break;
        case 'a':
            a->area = optarg;
            break;
        case 'f':
            rc = query_arg_month(&cmd_stats, "--from", optarg, &a->q.month_from);
            break;
        case 't':
            rc = query_arg_month(&cmd_stats, "--to", optarg, &a->q.month_to);
            break;
        case 'o':
            a->q.force = optarg;
            break;
        case 'T':
            rc = query_arg_crime_types(&cmd_stats, optarg, a->crime_types, STATS_MAX_CRIME_TYPES,
                                       &a->q);
            break;
        case 'x':
            a->q.exclude_asb = true;
            break;
        case 'y':
            if (!fy_parse(optarg, &a->fy))
                rc = cli_usage_error(&cmd_stats, "--fy must be a financial year such as 2021-22");
            break;
        case 'c':
            if (strcmp(optarg, "police-uk") == 0)
                a->scheme = SCHEME_POLICE_UK;
            else if (strcmp(optarg, "home-office") == 0)
                a->scheme = SCHEME_HOME_OFFICE;
            else
                rc = cli_usage_error(&cmd_stats, "--categories must be police-uk or home-office");
            break;
        case 'F':
            if (!cli_parse_format(optarg, &a->fmt))
                rc = cli_usage_error(&cmd_stats, "--format must be table, csv or json");
            break;
        case 'S':
            rc = parse_source(optarg, a);
            break;
        default:
            rc = cli_usage_error(&cmd_stats, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (rc == 0 && optind < argc)
        rc = cli_usage_error(&cmd_stats, "unexpected argument '%s'", argv[optind]);
    if (rc == 0 && a->fy >= 0 && (a->group_by || a->q.month_from >= 0 || a->q.month_to >= 0))
        rc = cli_usage_error(&cmd_stats, "--fy makes its own table: it cannot be combined with "
                                         "--group-by, --from or --to");
    if (rc == 0 && a->source != ANNUAL_SOURCE_AUTO && a->fy < 0)
        rc = cli_usage_error(&cmd_stats, "--source chooses where the --fy table comes from");
    if (rc == 0 && a->source == ANNUAL_SOURCE_PRC && a->scheme != SCHEME_HOME_OFFICE)
        rc = cli_usage_error(&cmd_stats, "--source prc gives Home Office offence groups: it "
                                         "cannot be combined with --categories police-uk");
    if (rc == 0 && a->area)
        rc = query_arg_area(&cmd_stats, a->area, &a->q);
    return rc;
}

static int run_stats(int argc, char **argv, struct peel_ctx *ctx)
{
    struct stats_args a = {.fy = -1, .scheme = SCHEME_HOME_OFFICE, .fmt = TABLE_AUTO};
    a.q.month_from = a.q.month_to = -1;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    if ((rc = cli_check_query(&cmd_stats, s, &a.q)) != 0)
        return rc;
    return a.fy >= 0 ? annual_report(s, &a) : grouped_counts(s, &a);
}

const struct peel_cmd cmd_stats = {
    "stats",
    run_stats,
    "count recorded crime by month, area, type and outcome; the annual table",
    "peel stats [--group-by DIMS] [--area KEY=VALUE] [--from YYYY-MM] [--to YYYY-MM]\n"
    "                  [--force NAME] [--crime-type LIST] [--exclude-asb]\n"
    "                  [--format table|csv|json]\n"
    "       peel stats --fy YYYY-YY [--categories home-office|police-uk] [--area KEY=VALUE]\n"
    "                  [--force NAME] [--source auto|police-uk|prc] [--format table|csv|json]",
    "Counts come from the rollup kept at import time, so any question is answered at once.\n"
    "\n"
    "Grouped counts:\n"
    "  --group-by DIMS   comma-separated, in the order wanted (default: fy): month, quarter\n"
    "                    (financial, \"2021-22 Q1\"), fy, crime_type, outcome, outcome_group,\n"
    "                    positive_outcome, force, district, lsoa, lsoa_name, and any grouping\n"
    "                    loaded with peel import-areas (csp, beat, rural_urban, ...)\n"
    "  --from, --to      first and last month, inclusive\n"
    "\n"
    "The annual table (as in the PCC's annual report):\n"
    "  --fy YYYY-YY      this financial year (April to March) against the one before: each\n"
    "                    category, both years, difference, % change, positive outcome rate,\n"
    "                    rate per 1,000 residents when populations are loaded, and a total\n"
    "  --categories      home-office (default: the annual report's offence groups) or\n"
    "                    police-uk (the 14 police.uk crime types)\n"
    "  --source SRC      for home-office: auto (default) takes the Home Office Police\n"
    "                    Recorded Crime tables (peel import-prc) when they hold all 8\n"
    "                    quarters of both years for the force (--force, or the one force\n"
    "                    in the store), else maps police.uk crime types and says why;\n"
    "                    prc insists on the Home Office tables; police-uk never uses them\n"
    "\n"
    "Either way:\n"
    "  --area KEY=VALUE  only crimes in an area: district=Charnwood, lsoa=E01025631,\n"
    "                    force=leicestershire, or any imported grouping (csp=..., beat=...)\n"
    "  --force NAME      only one force's crimes (name or data.police.uk id)\n"
    "  --crime-type LIST only these police.uk crime types (comma-separated)\n"
    "  --exclude-asb     leave out anti-social behaviour, which is not a crime\n"
    "  --format FMT      table (default), csv or json\n"
    "\n"
    "Examples:\n"
    "  peel stats --fy 2021-22\n"
    "  peel stats --fy 2021-22 --categories police-uk --area district=Charnwood\n"
    "  peel stats --fy 2018-19 --force leicestershire --source prc\n"
    "  peel stats --group-by month,crime_type --from 2021-04 --to 2022-03 --format csv\n"
    "  peel stats --group-by district --from 2021-04 --to 2022-03 --exclude-asb\n"
    "  peel stats --group-by month --crime-type Burglary --area district=Charnwood\n"
    "  peel stats --group-by quarter,outcome_group --area csp=Leicester --format json\n",
};
