/*
 * cmd_report.c - `peel report KIND`: the reports the plan promises, each
 * written as files into a folder.
 *
 * Each kind of report is one row of the table at the bottom: its options'
 * parser here, and its kind (report/report_kind.h), which the library's one
 * runner makes into a folder of files. This file parses options and prints.
 */
#include "cli/commands.h"
#include "cli/query_args.h"
#include "cli/spc_options.h"
#include "report/report_kind.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* --force once meant --overwrite here, while every other command's --force
 * names a police force: it still works, with a warning, until it goes. */
static void overwrite_option(int c, struct report_request *a)
{
    if (c == 'f')
        fprintf(stderr, "peel report: warning: --force is deprecated here; say --overwrite "
                        "(everywhere else --force names a police force)\n");
    a->overwrite = true;
}

/* ---- governance, public: --period --out [--plan] [--overwrite] ---------- */

static int parse_plan_args(int argc, char **argv, struct report_request *a)
{
    static const struct option longopts[] = {{"period", required_argument, NULL, 'm'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"plan", required_argument, NULL, 'p'},
                                             {"overwrite", no_argument, NULL, 'w'},
                                             {"force", no_argument, NULL, 'f'},
                                             SPC_OPTIONS_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    *a = (struct report_request){.period = -1};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        int taken = spc_options_take(&cmd_report, c, optarg, &a->charts);
        if (taken != 0 && taken != 1)
            return taken;
        if (taken)
            continue;
        if (c == 'm' && !month_parse(optarg, strlen(optarg), &a->period))
            return cli_usage_error(&cmd_report, "--period must be a month, YYYY-MM");
        else if (c == 'o')
            a->out = optarg;
        else if (c == 'p')
            a->plan = optarg;
        else if (c == 'f' || c == 'w')
            overwrite_option(c, a);
        else if (c != 'm')
            return cli_usage_error(&cmd_report, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(&cmd_report, "unexpected argument '%s'", argv[optind]);
    if (a->period < 0)
        return cli_usage_error(&cmd_report, "give --period YYYY-MM, the month reported on");
    if (!a->out || !*a->out)
        return cli_usage_error(&cmd_report, "give --out DIR, the folder to write the report in");
    return 0;
}

/* ---- annual: --fy --out [--categories] [--source] [--police-force] ------ */

static int parse_annual_option(int c, struct report_request *a)
{
    struct annual_request *req = &a->annual;
    switch (c) {
    case 'y':
        if (!fy_parse(optarg, &req->fy))
            return cli_usage_error(&cmd_report, "--fy must be a financial year such as 2021-22");
        return 0;
    case 'o':
        a->out = optarg;
        return 0;
    case 'f':
    case 'w':
        overwrite_option(c, a);
        return 0;
    case 'p':
        req->q.force = optarg;
        return 0;
    case 'c':
        return query_arg_scheme(&cmd_report, optarg, &req->scheme);
    case 's':
        return query_arg_source(&cmd_report, optarg, &req->source);
    default:
        return cli_usage_error(&cmd_report, "unknown option '%s'", optarg ? optarg : "");
    }
}

static int parse_annual_args(int argc, char **argv, struct report_request *a)
{
    static const struct option longopts[] = {{"fy", required_argument, NULL, 'y'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"overwrite", no_argument, NULL, 'w'},
                                             {"force", no_argument, NULL, 'f'},
                                             {"police-force", required_argument, NULL, 'p'},
                                             {"categories", required_argument, NULL, 'c'},
                                             {"source", required_argument, NULL, 's'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct report_request){.period = -1, .annual = {.fy = -1, .scheme = SCHEME_HOME_OFFICE}};
    a->annual.q.month_from = a->annual.q.month_to = -1;
    int c, rc = 0;
    cli_reset_getopt();
    while (rc == 0 && (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
        rc = c == '?' ? cli_usage_error(&cmd_report, "unknown option '%s'", argv[optind - 1])
                      : parse_annual_option(c, a);
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage_error(&cmd_report, "unexpected argument '%s'", argv[optind]);
    if (a->annual.fy < 0)
        return cli_usage_error(&cmd_report, "give --fy YYYY-YY, the financial year reported on");
    if (!a->out || !*a->out)
        return cli_usage_error(&cmd_report, "give --out DIR, the folder to write the report in");
    if (a->annual.source == ANNUAL_SOURCE_PRC && a->annual.scheme != SCHEME_HOME_OFFICE)
        return cli_usage_error(&cmd_report, "--source prc gives Home Office offence groups: it "
                                            "cannot be combined with --categories police-uk");
    return 0;
}

/* ---- complaints: --fy --out [--overwrite] --------------------------------- */

static int parse_complaints_args(int argc, char **argv, struct report_request *a)
{
    static const struct option longopts[] = {{"fy", required_argument, NULL, 'y'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"overwrite", no_argument, NULL, 'w'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct report_request){.period = -1, .complaints_fy = -1};
    a->annual.q.month_from = a->annual.q.month_to = -1;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'y' && !fy_parse(optarg, &a->complaints_fy))
            return cli_usage_error(&cmd_report, "--fy must be a financial year, YYYY-YY");
        else if (c == 'o')
            a->out = optarg;
        else if (c == 'w')
            a->overwrite = true;
        else if (c != 'y')
            return cli_usage_error(&cmd_report, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(&cmd_report, "unexpected argument '%s'", argv[optind]);
    if (a->complaints_fy < 0)
        return cli_usage_error(&cmd_report, "give --fy YYYY-YY, the financial year reported on");
    if (!a->out || !*a->out)
        return cli_usage_error(&cmd_report, "give --out DIR, the folder to write the report in");
    return 0;
}

/* ---- dispatch ----------------------------------------------------------- */

static const struct {
    const struct report_kind *kind;
    int (*parse)(int argc, char **argv, struct report_request *a);
} kinds[] = {
    {&report_governance, parse_plan_args},
    {&report_annual, parse_annual_args},
    {&report_public, parse_plan_args},
    {&report_complaints, parse_complaints_args},
};

static int run_kind(size_t i, int argc, char **argv, struct peel_ctx *ctx)
{
    struct report_request req;
    int rc = kinds[i].parse(argc, argv, &req);
    struct store *s = rc ? NULL : cli_store(ctx);
    if (s)
        rc = cli_check_query(&cmd_report, s, &req.annual.q);
    if (!s || rc) {
        chart_options_free(&req.charts);
        return rc ? rc : 1;
    }
    struct buf summary = BUF_INIT, err = BUF_INIT;
    rc = report_run(s, kinds[i].kind, &req, &summary, &err);
    chart_options_free(&req.charts);
    if (rc == 0)
        printf("%s\n", buf_str(&summary));
    else
        fprintf(stderr, "peel report: %s\n", buf_str(&err));
    buf_free(&summary);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int run_report(int argc, char **argv, struct peel_ctx *ctx)
{
    if (argc < 2)
        return cli_usage_error(
            &cmd_report, "give the report to write: governance, annual, public or complaints");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(argv[1], kinds[i].kind->name) == 0)
            return run_kind(i, argc - 1, argv + 1, ctx);
    return cli_usage_error(
        &cmd_report, "no report '%s' (reports: governance, annual, public, complaints)", argv[1]);
}

const struct peel_cmd cmd_report = {
    "report",
    run_report,
    "write a report: the Board's performance pack, the annual crime statistics, the residents' "
    "report, the Commissioner's complaints report",
    "peel report governance|public --period YYYY-MM --out DIR [--plan ID] [--overwrite]\n"
    "                   [XmR chart options]\n"
    "       peel report annual --fy YYYY-YY --out DIR [--categories home-office|police-uk]\n"
    "                   [--source auto|police-uk|prc] [--police-force NAME] [--overwrite]\n"
    "       peel report complaints --fy YYYY-YY --out DIR [--overwrite]",
    "governance: the Corporate Governance Board's performance report as one self-contained\n"
    "HTML page, DIR/index.html (no scripts, no requests; prints on A4): the data sources and\n"
    "their freshness; the exceptions and a matrix of every headline metric by mission; a\n"
    "section per mission and delivery strategy with each metric's XmR chart, latest value,\n"
    "target, plain sentence, method, source and freshness; and the data behind every chart.\n"
    "Every figure and sentence is the one `peel metrics` and `peel exceptions` give for the\n"
    "same month. Structure: docs/reports.md.\n"
    "\n"
    "public: the residents' report, DIR/index.html, in plain words: every exception, then at\n"
    "most four measures per mission (the rule is on the page), each with its latest figure,\n"
    "the figure a year earlier, whether the change is real, and its target; what the icons\n"
    "mean; how to read a chart; where the numbers are. Beside it the same report as\n"
    "report.pdf (A4), numbers.csv and tables.xlsx.\n"
    "\n"
    "Options:\n"
    "  --period MONTH   the month reported on: data up to its end, freshness judged at it\n"
    "  --out DIR        the folder to write (created; must be empty unless --overwrite)\n"
    "  --plan ID        which plan (default: the one loaded most recently)\n"
    "  --overwrite      write into DIR even if it is not empty (index.html is replaced);\n"
    "                   --force, its old name, still works but is deprecated\n" SPC_OPTIONS_HELP
    "                   (for every metric of the report, in place of the plan's; each\n"
    "                   metric's method says which were used)\n"
    "\n"
    "annual: the crime statistics section of the PCC's annual report as DIR/index.html\n"
    "(self-contained, prints on A4), DIR/tables.xlsx and DIR/report.json: the table of\n"
    "`peel stats --fy` (previous year, this year, difference, % change, positive outcome\n"
    "rate, total), a sentence per line saying whether the change is more than chance would\n"
    "explain (signal) or within normal variation (noise) and how that was decided, the\n"
    "positive outcome rate of each line, crime per 1,000 residents by district, the source\n"
    "files and the methods.\n"
    "  --fy YYYY-YY          the financial year reported on, against the one before\n"
    "  --categories, --source  as for peel stats --fy\n"
    "  --police-force NAME   only one force's crimes (name or data.police.uk id)\n"
    "\n"
    "complaints: the Commissioner's annual report on complaints about the police (the\n"
    "Specified Information Order's item 7C(b); docs/complaints-data.md) as DIR/index.html,\n"
    "DIR/report.pdf and its figures as DIR/figures.csv and DIR/figures.json: the sections\n"
    "the Office wrote (peel iopc text), the Office's assessment of itself as review body\n"
    "counted from its review cases (received, in time, upheld, timeliness against its\n"
    "standard, by quarter; recommendations and the force's responses; themes by\n"
    "allegation category), small numbers suppressed, and the IOPC's figures for the force\n"
    "against England and Wales. Refused until every section is written. Publish it with\n"
    "peel publish DIR (an immutable version, linked from /complaints), or the Commissioner\n"
    "publishes it from /staff/complaints-report/YEAR.\n"
    "  --fy YYYY-YY          the financial year reported on\n"
    "\n"
    "Examples:\n"
    "  peel report governance --period 2023-03 --out board-2023-03\n"
    "  peel report annual --fy 2021-22 --out annual-2021-22\n"
    "  peel report governance --period 2024-06 --plan llr-2024-29 --out reports/2024-06\n"
    "  peel report public --period 2023-03 --out public-2023-03\n"
    "  peel report complaints --fy 2025-26 --out complaints-2025-26\n",
};
