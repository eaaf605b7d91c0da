/*
 * cmd_iopc.c - `peel iopc`: the Order's item 7C(a), the IOPC's quarterly
 * complaints figures for the force (ingest/iopc_file.h, store/iopc.h), and
 * the quarter as published with the Office's assessment as review body
 * (assess/complaints_data.h).
 *
 *   peel iopc import FILE [--annual] [--url URL] [--reason TEXT]
 *   peel iopc list [--annual] [--format text|csv|json]
 *   peel iopc show QUARTER|YEAR [--format text|csv|json]
 *
 * An import is audited as done by "cli:USER" with the command line.
 */
#include "assess/complaints_data.h"
#include "cli/commands.h"
#include "ingest/iopc_file.h"
#include "store/iopc.h"
#include "util/month.h"
#include "util/sha256.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct iopc_args {
    const char *operand, *url, *reason;
    enum table_format format;
    bool annual; /* the IOPC's annual statistics, not a quarterly bulletin */
};

static bool option(int c, const char *arg, void *args)
{
    struct iopc_args *a = args;
    if (c == 'A')
        a->annual = true;
    else if (c == 'u')
        a->url = arg;
    else if (c == 'r')
        a->reason = arg;
    else if (c == 'F')
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(&cmd_iopc, "--format must be text, csv or json") == 0;
    return c == 'u' || c == 'r' || c == 'A';
}

static int parse(int argc, char **argv, struct iopc_args *a)
{
    static const struct option longopts[] = {{"url", required_argument, NULL, 'u'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"annual", no_argument, NULL, 'A'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct iopc_args){.format = TABLE_AUTO};
    const char *operand[1] = {NULL};
    int rc = cli_parse_options(&cmd_iopc, argc, argv, longopts, option, a, operand, 1);
    a->operand = operand[0];
    return rc;
}

static int fail(struct buf *err)
{
    fprintf(stderr, "peel iopc: %s%s", buf_str(err),
            err->len && err->p[err->len - 1] == '\n' ? "" : "\n");
    return 1;
}

static int import(struct store *s, const struct iopc_args *a, const struct audit_origin *by)
{
    struct buf err = BUF_INIT, bytes = BUF_INIT;
    struct iopc_bulletin b;
    int rc = iopc_file_read(a->operand, &b, &err);
    char sha[SHA256_HEX_SIZE];
    if (rc == 0 && buf_read_file(&bytes, a->operand, &err))
        sha256_of(bytes.p ? bytes.p : "", bytes.len, sha);
    else
        rc = -1;
    const char *name = strrchr(a->operand, '/') ? strrchr(a->operand, '/') + 1 : a->operand;
    struct iopc_source src = {name, sha, a->url ? a->url : "", a->reason};
    int period = 0, version = 0;
    if (rc == 0)
        rc = a->annual ? store_iopc_load_year(s, &b, &src, by, &period, &version, &err)
                       : store_iopc_load(s, &b, &src, by, &period, &version, &err);
    if (rc == 0) {
        char q[PERIOD_TEXT_SIZE];
        period_format(a->annual ? PERIOD_YEAR : PERIOD_QUARTER, period, q);
        printf("%s: %zu figures for %s, %s %s (version %d): published at /complaints\n", a->operand,
               b.n, b.force, a->annual ? "year" : "quarter", q, version);
    } else {
        fail(&err);
        fprintf(stderr, "peel iopc: nothing imported\n");
    }
    iopc_bulletin_free(&b);
    buf_free(&bytes);
    buf_free(&err);
    return rc == 0 ? 0 : rc == IOPC_REFUSED ? EXIT_USAGE : 1;
}

static int list(struct store *s, const struct iopc_args *a)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc =
        a->annual ? complaints_years_table(s, &t, &err) : complaints_quarters_table(s, &t, &err);
    return cli_print_table(&cmd_iopc, rc, &t, a->format, &err);
}

/* A year's figures, as /complaints/YEAR. */
static int show_year(struct store *s, const struct iopc_args *a, int year)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = complaints_year_table(s, year, &t, &err);
    if (rc == IOPC_UNKNOWN) {
        buf_printf(&err, "no IOPC annual figures are loaded for %s", a->operand);
        rc = -1;
    }
    return cli_print_table(&cmd_iopc, rc, &t, a->format, &err);
}

static int show(struct store *s, const struct iopc_args *a)
{
    int quarter, year;
    if (a->operand && !period_parse(a->operand, PERIOD_QUARTER, &quarter) &&
        period_parse(a->operand, PERIOD_YEAR, &year))
        return show_year(s, a, year);
    if (!a->operand || !period_parse(a->operand, PERIOD_QUARTER, &quarter))
        return cli_usage_error(&cmd_iopc,
                               "show: a financial quarter (2026-27Q1) or year (2025-26)");
    struct table iopc, own, t;
    struct buf err = BUF_INIT;
    int rc = complaints_quarter_tables(s, quarter, &iopc, &own, &err);
    if (rc == IOPC_UNKNOWN)
        buf_printf(&err, "no IOPC figures are loaded for %s", a->operand);
    if (rc == 0) {
        complaints_quarter_data(&iopc, &own, &t);
        for (size_t i = 0; i < own.nnotes; i++)
            table_add_note(&t, "%s", own.notes[i]);
        table_render(&t, a->format, stdout);
        table_free(&t);
    } else {
        fail(&err);
    }
    table_free(&iopc);
    table_free(&own);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int run_iopc(int argc, char **argv, struct peel_ctx *ctx)
{
    const char *action = argc > 1 ? argv[1] : "";
    int i = strcmp(action, "import") == 0 ? 0
            : strcmp(action, "list") == 0 ? 1
            : strcmp(action, "show") == 0 ? 2
                                          : -1;
    if (i < 0)
        return cli_usage_error(&cmd_iopc, "an action: import, list or show");
    struct iopc_args a;
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    if (i == 0 && !a.operand)
        return cli_usage_error(&cmd_iopc, "import: the FILE to read");
    struct store *s = i == 0 ? cli_store_create(ctx) : cli_store(ctx);
    if (!s)
        return 1;
    if (i == 1)
        return list(s, &a);
    if (i == 2)
        return show(s, &a);
    char *command = cli_command_line(argc, argv);
    const char *user = cli_user_name();
    char actor[128];
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "unknown");
    struct audit_origin by = {actor, command};
    rc = import(s, &a, &by);
    free(command);
    return rc;
}

const struct peel_cmd cmd_iopc = {
    "iopc",
    run_iopc,
    "the IOPC's quarterly complaints figures and the Office's assessment (Order 7C)",
    "peel iopc import FILE [--annual] [--url URL] [--reason TEXT]\n"
    "       peel iopc list [--annual] [--format text|csv|json]\n"
    "       peel iopc show QUARTER|YEAR [--format text|csv|json]",
    "The Specified Information Order's item 7C (docs/complaints-data.md). import\n"
    "reads one force's quarterly figures as the IOPC published them, in the CSV\n"
    "layout force,from,to,measure,breakdown,value,last_year,similar_forces,\n"
    "england_and_wales, checks every row (any problem: nothing stored) and publishes\n"
    "the quarter its period ends in at /complaints/QUARTER, with the Office's own\n"
    "assessment as review body counted from its review cases. --url is the IOPC's\n"
    "bulletin. A quarter loaded again is its next version and says why (--reason);\n"
    "what was published never changes. list prints every quarter; show prints one\n"
    "quarter's figures as published. --annual: the IOPC's annual statistics for the\n"
    "force, in the same layout with from and to one financial year (1 April to 31\n"
    "March), published at /complaints/YEAR (2025-26); list --annual lists them.\n"
    "\n"
    "Examples:\n"
    "  peel iopc import iopc-2026-27-q1.csv --url https://www.policeconduct.gov.uk/...\n"
    "  peel iopc show 2026-27Q1 --format csv\n"
    "  peel iopc import iopc-annual-2025-26.csv --annual\n",
};
