/*
 * cmd_services.c - `peel services`: the commissioned services register
 * (store/services.h, ingest/service_file.h, assess/service_tables.h).
 *
 *   peel services import FILE [--returns] [--reason TEXT] [--total AMOUNT]
 *                             [--sheet NAME] [--today DATE] [--dry-run]
 *   peel services list [--all] [--format text|csv|json]
 *   peel services show REF [--format text|csv|json]
 *   peel services sample SERVICES.csv RETURNS.csv     SYNTHETIC files
 *
 * An import is audited as done by "cli:USER" with the command line.
 */
#include "assess/service_tables.h"
#include "cli/commands.h"
#include "cli/date_args.h"
#include "ingest/service_file.h"
#include "model/calendar.h"
#include "model/money.h"
#include "synth/services.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sargs {
    const char *operand[2];
    struct service_file_options o;
    bool returns, all;
    enum table_format format;
};

static bool option(int c, const char *arg, void *args)
{
    struct sargs *a = args;
    switch (c) {
    case 'R':
        return a->returns = true;
    case 'a':
        return a->all = true;
    case 'n':
        return a->o.dry_run = true;
    case 'r':
        return a->o.reason = arg, true;
    case 't':
        return a->o.total = arg, true;
    case 's':
        return a->o.sheet = arg, true;
    case 'T':
        return cli_date_arg(&cmd_services, "--today", arg, &a->o.today);
    case 'F':
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(&cmd_services, "--format must be text, csv or json") == 0;
    }
    return false;
}

static int parse(int argc, char **argv, struct sargs *a)
{
    static const struct option longopts[] = {{"returns", no_argument, NULL, 'R'},
                                             {"all", no_argument, NULL, 'a'},
                                             {"dry-run", no_argument, NULL, 'n'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"total", required_argument, NULL, 't'},
                                             {"sheet", required_argument, NULL, 's'},
                                             {"today", required_argument, NULL, 'T'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct sargs){.format = TABLE_AUTO, .o = {.today = DATE_NONE}};
    int rc = cli_parse_options(&cmd_services, argc, argv, longopts, option, a, a->operand, 2);
    if (a->o.today == DATE_NONE)
        a->o.today = date_today();
    return rc;
}

static int do_import(struct store *s, const struct sargs *a, const struct audit_origin *by)
{
    struct service_file_report r;
    struct buf err = BUF_INIT;
    const char *path = a->operand[0];
    int rc = service_file_import(s, a->returns ? SERVICE_FILE_RETURNS : SERVICE_FILE_SERVICES, path,
                                 &a->o, by, &r, &err);
    if (rc != 0) {
        fprintf(stderr, "%speel services: nothing imported\n", buf_str(&err));
        buf_free(&err);
        return rc;
    }
    size_t published = 0;
    for (size_t i = 0; i < r.n; i++) { /* corrections by name; new records counted */
        if (r.versions[i] > 1)
            printf("%s: %s version %d\n", path, r.keys[i], r.versions[i]);
        published += r.versions[i] != 0;
    }
    char total[MONEY_TEXT_SIZE];
    money_format(r.total_pence, true, total);
    printf("%s: %zu %s, %zu published, %zu unchanged", path, r.n,
           a->returns ? "quarterly returns" : "services", published, r.n - published);
    if (!a->returns)
        printf("; annual values %s in all%s", total, r.stated ? ", as stated" : "");
    printf("%s\n", a->o.dry_run ? "; a dry run: nothing stored" : "");
    if (r.ignored.len)
        printf("%s: columns not read: %s\n", path, buf_str(&r.ignored));
    service_file_report_free(&r);
    buf_free(&err);
    return 0;
}

static int do_show(struct store *s, const struct sargs *a)
{
    struct table v, o, r;
    struct buf err = BUF_INIT;
    bool human = a->format == TABLE_AUTO || a->format == TABLE_TEXT;
    int rc = service_tables(s, a->operand[0], human, &v, &o, &r, &err);
    if (rc == 0)
        fprintf(stderr, "peel services: no service '%s'\n", a->operand[0]);
    else if (rc < 0)
        fprintf(stderr, "peel services: %s\n", buf_str(&err));
    else if (!human) /* the machine formats: the returns, as the site's */
        table_render(&r, a->format, stdout);
    else {
        table_render(&v, TABLE_TEXT, stdout);
        table_render(&o, TABLE_TEXT, stdout);
        table_render(&r, TABLE_TEXT, stdout);
    }
    table_free(&v);
    table_free(&o);
    table_free(&r);
    buf_free(&err);
    return rc > 0 ? 0 : 1;
}

static int do_sample(const struct sargs *a)
{
    if (!a->operand[0] || !a->operand[1])
        return cli_usage_error(&cmd_services, "sample: SERVICES.csv RETURNS.csv");
    int n[2] = {0, 0};
    for (int i = 0; i < 2; i++) {
        FILE *out = fopen(a->operand[i], "w");
        if (!out) {
            perror(a->operand[i]);
            return 1;
        }
        n[i] = i ? synth_service_returns(out) : synth_services(out);
        if (fclose(out) != 0) {
            perror(a->operand[i]);
            return 1;
        }
    }
    printf("%s: %d SYNTHETIC services\n%s: %d SYNTHETIC quarterly returns\n", a->operand[0], n[0],
           a->operand[1], n[1]);
    return 0;
}

/* Runs action i; by names the command line as typed. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    struct sargs a;
    int rc = parse(argc, argv, &a);
    if (rc || i == 3)
        return rc ? rc : do_sample(&a);
    if ((i == 0 || i == 2) && !a.operand[0])
        return cli_usage_error(&cmd_services, "%s: a %s", argv[1], i ? "REF" : "FILE");
    struct store *s = i == 0 ? cli_store_create(ctx) : cli_store(ctx);
    if (!s)
        return 1;
    if (i == 1) {
        struct table t;
        struct buf err = BUF_INIT;
        bool human = a.format == TABLE_AUTO || a.format == TABLE_TEXT;
        return cli_print_table(&cmd_services, services_table(s, a.all, human, &t, NULL, &err), &t,
                               a.format, &err);
    }
    return i == 2 ? do_show(s, &a) : do_import(s, &a, by);
}

static int run_services(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const verbs[] = {"import", "list", "show", "sample"};
    return cli_run_action(&cmd_services, argc, argv, ctx, verbs, 4, act);
}

const struct peel_cmd cmd_services = {
    "services",
    run_services,
    "commissioned services: providers, outcomes, quarterly returns, unit costs",
    "peel services import FILE [--returns] [--reason TEXT] [--total AMOUNT] [--sheet NAME]\n"
    "                          [--today DATE] [--dry-run]\n"
    "       peel services list [--all] [--format text|csv|json]\n"
    "       peel services show REF [--format text|csv|json]\n"
    "       peel services sample SERVICES.csv RETURNS.csv   (SYNTHETIC, for demos)",
    "The services the Commissioner commissions: each one's provider (and its org-id),\n"
    "contract, funding, the plan's missions it serves, dates, annual value and the\n"
    "outcomes it must deliver; and their quarterly returns (referrals, people supported,\n"
    "what each outcome achieved). A service's end date is a clock (peel clock list).\n"
    "\n"
    "import reads CSV or a sheet of an .xlsx workbook: a row per service (columns\n"
    "reference, service, provider, start date, annual value; optionally provider id,\n"
    "contract reference, funding source, serves, end date, outcomes as 'measure =\n"
    "target; ...'), or with --returns a row per service and quarter (service, quarter,\n"
    "referrals, people supported, outcomes achieved). A Total row or --total states the\n"
    "total of the annual values, which the rows must add up to. Every row is checked\n"
    "first; any problem and nothing is stored, each listed as FILE:LINE: field: reason.\n"
    "A service or return the file changes is published as its next version, with\n"
    "--reason; what it leaves as it was is not published again.\n"
    "\n"
    "list and show give each service's unit cost: the cost of the quarters returned\n"
    "(the spend register's lines linked to it, else a quarter of the annual value) over\n"
    "the people supported in them, with the method beside it (docs/fund.md).\n"
    "\n"
    "Examples:\n"
    "  peel services import services-2021-22.csv --total 4,618,394\n"
    "  peel services import returns-2024-25-q1.csv --returns\n"
    "  peel services show SV-001\n",
};
