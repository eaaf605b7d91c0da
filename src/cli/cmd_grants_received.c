/*
 * cmd_grants_received.c - `peel grants-received`: the grants the Office
 * receives (store/grants_received.h, ingest/grants_received_file.h).
 *
 *   peel grants-received import FILE --fy FY [--total AMOUNT] [--sheet NAME] [--dry-run]
 *   peel grants-received list [--fy FY] [--format text|csv|json]
 *   peel grants-received sample FILE [--fy FY] [--bad-total]   a SYNTHETIC table
 *
 * An import is audited as done by "cli:USER" with the command line.
 */
#include "assess/fund_tables.h"
#include "cli/commands.h"
#include "ingest/grants_received_file.h"
#include "model/money.h"
#include "synth/grants_received.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gargs {
    const char *arg;
    struct grants_file_options o;
    bool bad_total;
    enum table_format format;
};

static int parse(int argc, char **argv, struct gargs *a)
{
    static const struct option longopts[] = {{"fy", required_argument, NULL, 'y'},
                                             {"total", required_argument, NULL, 't'},
                                             {"sheet", required_argument, NULL, 's'},
                                             {"dry-run", no_argument, NULL, 'n'},
                                             {"bad-total", no_argument, NULL, 'B'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct gargs){.format = TABLE_AUTO};
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'y')
            a->o.fy = optarg;
        else if (c == 't')
            a->o.total = optarg;
        else if (c == 's')
            a->o.sheet = optarg;
        else if (c == 'n')
            a->o.dry_run = true;
        else if (c == 'B')
            a->bad_total = true;
        else if (c == 'F' && strcmp(optarg, "text") == 0)
            a->format = TABLE_TEXT;
        else if (c != 'F' || !cli_parse_format(optarg, &a->format))
            return c == 'F'
                       ? cli_usage_error(&cmd_grants_received, "--format must be text, csv or json")
                       : EXIT_USAGE;
    }
    if (optind < argc)
        a->arg = argv[optind++];
    if (optind < argc)
        return cli_usage_error(&cmd_grants_received, "unexpected argument '%s'", argv[optind]);
    return 0;
}

static int do_import(struct store *s, const struct gargs *a, const struct audit_origin *by)
{
    struct grants_file_report r;
    struct buf err = BUF_INIT;
    int rc = grants_received_file_import(s, a->arg, &a->o, by, &r, &err);
    if (rc == 0) {
        char total[MONEY_TEXT_SIZE];
        money_format(r.total_pence, true, total);
        printf("%s: %zu grants received in %s, %s in all, as stated; %zu reporting dates as "
               "clocks%s\n",
               a->arg, r.lines, a->o.fy, total, r.clocks,
               a->o.dry_run ? "; a dry run: nothing stored" : "");
    } else {
        fprintf(stderr, "%speel grants-received: nothing imported\n", buf_str(&err));
    }
    buf_free(&err);
    return rc;
}

static int do_list(struct store *s, const struct gargs *a)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = grants_received_table(s, a->o.fy, a->format == TABLE_TEXT || a->format == TABLE_AUTO,
                                   &t, &err);
    if (rc == 0)
        table_render(&t, a->format, stdout);
    else
        fprintf(stderr, "peel grants-received: %s\n", buf_str(&err));
    table_free(&t);
    buf_free(&err);
    return rc ? 1 : 0;
}

static int do_sample(const struct gargs *a)
{
    int fy = 2025;
    if (a->o.fy && !fy_parse(a->o.fy, &fy))
        return cli_usage_error(&cmd_grants_received, "--fy: a financial year, 2025-26");
    FILE *out = a->arg ? fopen(a->arg, "w") : NULL;
    if (!out) {
        perror(a->arg ? a->arg : "sample: a FILE to write");
        return 1;
    }
    int n = synth_grants_received(out, fy, a->bad_total);
    if (fclose(out) != 0) {
        perror(a->arg);
        return 1;
    }
    printf("%s: %d lines of SYNTHETIC grants received%s\n", a->arg, n,
           a->bad_total ? " (a total that does not add up)" : "");
    return 0;
}

/* Runs action i; by names the command line as typed. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    struct gargs a;
    int rc = parse(argc, argv, &a);
    if (rc || i == 2)
        return rc ? rc : do_sample(&a);
    if (i == 0 && (!a.arg || !a.o.fy))
        return cli_usage_error(&cmd_grants_received, "import: a FILE and --fy YYYY-YY");
    struct store *s = i == 0 ? cli_store_create(ctx) : cli_store(ctx);
    if (!s)
        return 1;
    return i == 1 ? do_list(s, &a) : do_import(s, &a, by);
}

static int run_grants_received(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"import", "list", "sample"};
    return cli_run_action(&cmd_grants_received, argc, argv, ctx, actions, 3, act);
}

const struct peel_cmd cmd_grants_received = {
    "grants-received",
    run_grants_received,
    "grants the Office receives: funder, purpose, amount, conditions, reporting clocks",
    "peel grants-received import FILE --fy FY [--total AMOUNT] [--sheet NAME] [--dry-run]\n"
    "       peel grants-received list [--fy FY] [--format text|csv|json]\n"
    "       peel grants-received sample FILE [--fy FY] [--bad-total]   (SYNTHETIC, for demos)",
    "The grants the Commissioner receives (the annual report's \"Grants Received\" table):\n"
    "each line's funder, purpose, amount, conditions and the date it must be reported to\n"
    "its funder, which becomes a clock (peel clock list).\n"
    "\n"
    "import reads CSV or the first sheet (--sheet: another) of an .xlsx workbook with\n"
    "columns funder, purpose and amount, and optionally conditions and report on (other\n"
    "names known: docs/fund.md). Its stated total, a row whose first cell begins 'Total'\n"
    "or --total, is required, and the lines must add up to it: a table that does not is\n"
    "refused with both figures. Every row is checked first; any problem and nothing is\n"
    "stored, each listed as FILE:LINE: field: reason. A load is kept whole and never\n"
    "changes; a corrected table is loaded again and list shows each year's latest.\n"
    "\n"
    "Examples:\n"
    "  peel grants-received import grants-2021-22.csv --fy 2021-22\n"
    "  peel grants-received import report.xlsx --sheet Grants --fy 2021-22 --total 5,294,742\n"
    "  peel grants-received list --format csv\n",
};
