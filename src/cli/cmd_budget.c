/*
 * cmd_budget.c - `peel budget`: the budget register (store/budget.h,
 * ingest/budget_file.h).
 *
 *   peel budget import FILE --as USER [--sheet NAME] [--reason TEXT] [--dry-run]
 *   peel budget list [--format text|csv|json]          every year's versions
 *   peel budget show [YEAR] [--version N] [--format ...] a year's headings
 *   peel budget precept [YEAR STEP --as USER [--on DATE] [--band-d £] [--precept £]
 *                       [--veto | --no-veto] [--note TEXT]]
 *   peel budget mtfs [FILE --as USER --title TEXT --published DATE --url URL
 *                    [--reason TEXT]]
 *   peel budget sample DIR [LAST-YEAR]                  SYNTHETIC demo files
 *
 * A change is made as the staff account --as names, which must hold a
 * finance role (cli/staff_args.h), and audited with that username.
 */
#include "assess/budget_tables.h"
#include "cli/commands.h"
#include "cli/date_args.h"
#include "cli/staff_args.h"
#include "ingest/budget_file.h"
#include "model/calendar.h"
#include "model/money.h"
#include "synth/budget.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct budget_args {
    const char *args[2]; /* the action's operands */
    const char *as, *title, *url, *note;
    struct budget_file_options o;
    int version, on, published, veto; /* veto: -1 not said */
    int64_t band_d, precept;
    enum table_format format;
};

static bool money_arg(const char *what, const char *text, int64_t *pence)
{
    if (money_parse(text, pence) && *pence > 0)
        return true;
    cli_usage_error(&cmd_budget, "%s must be an amount in pounds over nothing, not '%s'", what,
                    text);
    return false;
}

static bool option(int c, const char *arg, struct budget_args *a)
{
    const struct peel_cmd *cmd = &cmd_budget;
    char *end;
    switch (c) {
    case 'a':
        return (a->as = arg), true;
    case 's':
        return (a->o.sheet = arg), true;
    case 'r':
        return (a->o.reason = arg), true;
    case 'n':
        return (a->o.dry_run = true), true;
    case 'T':
        return (a->title = arg), true;
    case 'u':
        return (a->url = arg), true;
    case 'N':
        return (a->note = arg), true;
    case 'V':
        return (a->veto = 1), true;
    case 'W':
        return (a->veto = 0), true;
    case 'o':
        return cli_date_arg(cmd, "--on", arg, &a->on);
    case 'P':
        return cli_date_arg(cmd, "--published", arg, &a->published);
    case 'b':
        return money_arg("--band-d", arg, &a->band_d);
    case 'p':
        return money_arg("--precept", arg, &a->precept);
    case 'v':
        if ((a->version = (int)strtol(arg, &end, 10)) >= 1 && !*end)
            return true;
        return cli_usage_error(cmd, "--version must be a number from 1") == 0;
    case 'F':
        if (strcmp(arg, "text") == 0)
            return (a->format = TABLE_TEXT), true;
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(cmd, "--format must be text, csv or json") == 0;
    }
    return false;
}

static int parse(int argc, char **argv, struct budget_args *a)
{
    static const struct option longopts[] = {
        {"as", required_argument, NULL, 'a'},        {"sheet", required_argument, NULL, 's'},
        {"reason", required_argument, NULL, 'r'},    {"dry-run", no_argument, NULL, 'n'},
        {"title", required_argument, NULL, 'T'},     {"url", required_argument, NULL, 'u'},
        {"note", required_argument, NULL, 'N'},      {"veto", no_argument, NULL, 'V'},
        {"no-veto", no_argument, NULL, 'W'},         {"on", required_argument, NULL, 'o'},
        {"published", required_argument, NULL, 'P'}, {"band-d", required_argument, NULL, 'b'},
        {"precept", required_argument, NULL, 'p'},   {"version", required_argument, NULL, 'v'},
        {"format", required_argument, NULL, 'F'},    {NULL, 0, NULL, 0}};
    *a = (struct budget_args){
        .on = DATE_NONE, .published = DATE_NONE, .veto = -1, .format = TABLE_AUTO};
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
        if (c == '?' || !option(c, optarg, a))
            return c == '?' ? cli_usage_error(&cmd_budget, "unknown option '%s'", argv[optind - 1])
                            : EXIT_USAGE;
    for (int i = 0; i < 2 && optind < argc; i++)
        a->args[i] = argv[optind++];
    if (optind < argc)
        return cli_usage_error(&cmd_budget, "unexpected argument '%s'", argv[optind]);
    return 0;
}

static bool human(const struct budget_args *a)
{
    return a->format == TABLE_TEXT || a->format == TABLE_AUTO;
}

static int budget_import(struct store *s, const struct budget_args *a,
                         const struct audit_origin *by)
{
    struct budget_file f;
    int *versions;
    struct buf err = BUF_INIT;
    int rc = budget_file_import(s, a->args[0], &a->o, by, &f, &versions, &err);
    for (size_t i = 0; rc == 0 && i < f.nyears; i++) {
        char fy[FY_TEXT_SIZE], total[MONEY_TEXT_SIZE];
        int64_t sum = 0;
        for (size_t k = 0; k < f.years[i].n; k++)
            sum += f.years[i].lines[k].amount_pence;
        fy_format(f.years[i].fy, fy);
        money_format(sum, true, total);
        printf("%s %3zu headings %18s  ", fy, f.years[i].n, total);
        if (versions[i])
            printf("%s version %d\n", a->o.dry_run ? "would publish" : "published", versions[i]);
        else
            printf("unchanged: nothing published\n");
    }
    if (rc == 0 && a->o.dry_run)
        printf("%s: a dry run: nothing stored\n", a->args[0]);
    if (rc != 0)
        fprintf(stderr, "%speel budget: nothing imported\n", buf_str(&err));
    budget_file_free(&f);
    free(versions);
    buf_free(&err);
    return rc;
}

static void newest(void *arg, const struct budget_version_row *v)
{
    int *fy = arg;
    if (v->fy > *fy)
        *fy = v->fy;
}

static int budget_show(struct store *s, const struct budget_args *a)
{
    int fy = -1;
    if (a->args[0] && !fy_parse(a->args[0], &fy))
        return cli_usage_error(&cmd_budget, "show: YEAR is a financial year (2022-23), not '%s'",
                               a->args[0]);
    struct buf err = BUF_INIT;
    if (fy < 0 && store_budget_versions(s, newest, &fy, &err) < 0) { /* the newest year */
        fprintf(stderr, "peel budget: %s\n", buf_str(&err));
        buf_free(&err);
        return 1;
    }
    struct table t;
    int rc = budget_lines_table(s, fy, a->version, human(a), &t, &err);
    if (rc == 0) {
        table_free(&t);
        buf_free(&err);
        fprintf(stderr, "peel budget: no budget%s%s%s is published\n", a->args[0] ? " for " : "",
                a->args[0] ? a->args[0] : "", a->version ? " of that version" : "");
        return 1;
    }
    return cli_print_table(&cmd_budget, rc, &t, a->format, &err);
}

static int precept_step(struct store *s, const struct budget_args *a, const struct audit_origin *by)
{
    struct precept_step p = {.on = a->on == DATE_NONE ? date_today() : a->on,
                             .band_d_pence = a->band_d,
                             .precept_pence = a->precept,
                             .veto = a->veto == 1,
                             .note = a->note ? a->note : ""};
    if (!fy_parse(a->args[0], &p.fy))
        return cli_usage_error(&cmd_budget, "precept: YEAR is a financial year (2025-26)");
    if (!precept_kind_parse(a->args[1], &p.kind))
        return cli_usage_error(&cmd_budget, "precept: STEP is opened, proposed, panel-report, "
                                            "revised or issued");
    if (p.kind == PRECEPT_PANEL_REPORT && a->veto < 0)
        return cli_usage_error(&cmd_budget, "panel-report: say --veto or --no-veto");
    struct buf err = BUF_INIT;
    int rc = store_precept_step(s, &p, by, &err);
    if (rc == 0) {
        char fy[FY_TEXT_SIZE];
        fy_format(p.fy, fy);
        printf("%s: the precept %s recorded\n", fy, precept_kind_word(p.kind));
    } else {
        fprintf(stderr, "peel budget: %s\n", buf_str(&err));
    }
    buf_free(&err);
    return rc == 0 ? 0 : rc > 0 ? EXIT_USAGE : 1;
}

static int mtfs_publish(struct store *s, const struct budget_args *a, const struct audit_origin *by)
{
    if (!a->title || !a->url || a->published == DATE_NONE)
        return cli_usage_error(&cmd_budget, "mtfs: --title, --url and --published are required");
    int version;
    struct buf err = BUF_INIT;
    int rc =
        mtfs_file_import(s, a->args[0], &a->o, a->title, a->url, a->published, by, &version, &err);
    if (rc == 0 && version)
        printf("%s: published version %d of the strategy\n", a->args[0], version);
    else if (rc == 0)
        printf("%s: unchanged: nothing published\n", a->args[0]);
    else
        fprintf(stderr, "%speel budget: nothing imported\n", buf_str(&err));
    buf_free(&err);
    return rc;
}

/* The financial year a date falls in. */
static int fy_of_date(int date)
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? y : y - 1;
}

static int budget_sample(const struct budget_args *a)
{
    if (!a->args[0])
        return cli_usage_error(&cmd_budget, "sample: a DIR to write into");
    struct buf err = BUF_INIT;
    int last = a->args[1] ? -1 : fy_of_date(date_today());
    if (a->args[1] && !fy_parse(a->args[1], &last))
        return cli_usage_error(&cmd_budget, "sample: LAST-YEAR is a financial year (2026-27)");
    if (last < SYNTH_BUDGET_FIRST_FY)
        return cli_usage_error(&cmd_budget, "sample: the last year is 2022-23 or later");
    int rc = synth_budget_files(a->args[0], last, &err);
    if (rc == 0)
        printf("%s: budget.csv and mtfs-YYYY-YY.csv, 2022-23 to %s: SYNTHETIC but for"
               " 2022-23's total and split (seed 004)\n",
               a->args[0], a->args[1] ? a->args[1] : "this year");
    else
        fprintf(stderr, "peel budget: %s\n", buf_str(&err));
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

enum { IMPORT, LIST, SHOW, PRECEPT, MTFS, SAMPLE, NACTIONS };

/* Reads (no account needed) and changes (made as --as). */
static int act(struct store *s, int i, const struct budget_args *a, const struct audit_origin *by)
{
    struct table t;
    struct buf err = BUF_INIT;
    bool change = i == IMPORT || (i == PRECEPT && a->args[0]) || (i == MTFS && a->args[0]);
    if (change && cli_staff_as(&cmd_budget, s, a->as, CLI_FINANCE, "a change of the budget") != 0)
        return a->as ? 1 : EXIT_USAGE;
    if (i == IMPORT)
        return budget_import(s, a, by);
    if (i == LIST)
        return cli_print_table(&cmd_budget, budget_versions_table(s, human(a), &t, &err), &t,
                               a->format, &err);
    if (i == SHOW)
        return budget_show(s, a);
    if (i == PRECEPT && a->args[0])
        return a->args[1] ? precept_step(s, a, by)
                          : cli_usage_error(&cmd_budget, "precept: YEAR and STEP");
    if (i == PRECEPT)
        return cli_print_table(&cmd_budget, precept_table(s, human(a), &t, &err), &t, a->format,
                               &err);
    if (a->args[0])
        return mtfs_publish(s, a, by);
    return cli_print_table(&cmd_budget, mtfs_table(s, human(a), &t, &err), &t, a->format, &err);
}

static int run_budget(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[NACTIONS] = {"import",  "list", "show",
                                                  "precept", "mtfs", "sample"};
    int i = cli_action_of(&cmd_budget, argc, argv, actions, (int)NACTIONS);
    if (i < 0)
        return EXIT_USAGE;
    struct budget_args a;
    int rc = parse(argc, argv, &a);
    if (rc || i == SAMPLE)
        return rc ? rc : budget_sample(&a);
    if (i == IMPORT && !a.args[0]) /* before a store is opened */
        return cli_usage_error(&cmd_budget, "import: a FILE (CSV or .xlsx)");
    char *command = cli_command_line(argc, argv); /* as typed: getopt reorders argv */
    struct store *s = cli_store(ctx);
    struct audit_origin by = {a.as, command};
    rc = s ? act(s, i, &a, &by) : 1;
    free(command);
    return rc;
}

const struct peel_cmd cmd_budget = {
    "budget",
    run_budget,
    "the budget register: each year's budget, the precept and its timetable, the MTFS",
    "peel budget import FILE --as USER [--sheet NAME] [--reason TEXT] [--dry-run]\n"
    "       peel budget list [--format text|csv|json]\n"
    "       peel budget show [YEAR] [--version N] [--format text|csv|json]\n"
    "       peel budget precept [YEAR STEP --as USER [--on DATE] [--band-d POUNDS]\n"
    "                           [--precept POUNDS] [--veto|--no-veto] [--note TEXT]]\n"
    "       peel budget mtfs [FILE --as USER --title TEXT --published DATE --url URL\n"
    "                        [--reason TEXT]]\n"
    "       peel budget sample DIR [LAST-YEAR]   (SYNTHETIC files to import, for demos)",
    "The Commissioner's budget, precept and medium-term financial strategy (Specified\n"
    "Information Order 2011, para 3(a)-(e): before the financial year begins).\n"
    "\n"
    "import reads a budget file, CSV or the first sheet (--sheet: another) of an .xlsx\n"
    "workbook, with the columns year (2025-26), heading and amount; a row whose heading\n"
    "is 'Total' states the year's total, which the headings must add up to. Every row is\n"
    "checked first: any problem and nothing is stored, each listed as FILE:LINE: field:\n"
    "reason. Each year is published as a version that never changes; a file that changes\n"
    "a published year publishes the next version and needs --reason.\n"
    "\n"
    "precept YEAR STEP records a step of the Panel's timetable (Precepts Regulations\n"
    "2012), each a clock in peel clock list: opened (the clock to notify the Panel by\n"
    "1 February starts), proposed --band-d (the Panel notified; its report is due by\n"
    "8 February), panel-report --veto|--no-veto (a veto: the revised precept is due by\n"
    "15 February), revised --band-d, issued. With no YEAR it lists every step.\n"
    "\n"
    "mtfs FILE publishes a medium-term financial strategy: a row a year with year,\n"
    "requirement and funding (the gap is their difference). The same run of years again\n"
    "is a correction: the next version, with --reason. With no FILE it lists them all.\n"
    "\n"
    "Changes are made as a staff account (--as) of the finance-officer or commissioner\n"
    "role, and audited (peel audit list).\n"
    "\n"
    "Examples:\n"
    "  peel budget import budget-2025-26.xlsx --as cfo\n"
    "  peel budget show 2025-26 --format csv\n"
    "  peel budget precept 2025-26 opened --on 2024-12-01 --as cfo\n"
    "  peel budget precept 2025-26 proposed --band-d 300.15 --on 2025-01-24 --as pcc\n"
    "  peel budget precept 2025-26 panel-report --no-veto --on 2025-02-06 --as cfo\n"
    "  peel budget mtfs mtfs.csv --title 'MTFS 2025-26 to 2028-29' --published 2025-02-10 \\\n"
    "      --url https://pcc.example.org/mtfs.pdf --as cfo\n",
};
