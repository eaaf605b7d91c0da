/*
 * cmd_iopc.c - `peel iopc`: the Order's item 7C(a), the IOPC's quarterly
 * complaints figures for the force (ingest/iopc_file.h, store/iopc.h), and
 * the quarter as published with the Office's assessment as review body
 * (assess/complaints_data.h).
 *
 *   peel iopc import FILE [--annual] [--url URL] [--reason TEXT]
 *   peel iopc import FILE.xlsx [--force NAME] [--year YYYY-YY] [--url URL] [--reason TEXT]
 *   peel iopc list [--annual] [--format text|csv|json]
 *   peel iopc show QUARTER|YEAR [--format text|csv|json]
 *   peel iopc text YEAR [SECTION FILE]
 *
 * An import is audited as done by "cli:USER" with the command line.
 */
#include "assess/complaints_data.h"
#include "cli/commands.h"
#include "ingest/iopc_file.h"
#include "ingest/iopc_xlsx.h"
#include "ingest/table_file.h"
#include "store/complaints_report.h"
#include "store/iopc.h"
#include "util/month.h"
#include "util/sha256.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct iopc_args {
    const char *operand, *url, *reason;
    const char *force;   /* a workbook: the force whose row is read */
    int fy;              /* a workbook: the financial year, or -1: its titles say */
    const char *more[2]; /* text: SECTION FILE */
    enum table_format format;
    bool annual; /* the IOPC's annual statistics, not a quarterly bulletin */
};

static bool option(int c, const char *arg, void *args)
{
    struct iopc_args *a = args;
    if (c == 'A')
        a->annual = true;
    else if (c == 'f')
        a->force = arg;
    else if (c == 'y' && !fy_parse(arg, &a->fy))
        return cli_usage_error(&cmd_iopc, "--year must be a financial year, YYYY-YY") == 0;
    else if (c == 'u')
        a->url = arg;
    else if (c == 'r')
        a->reason = arg;
    else if (c == 'F')
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(&cmd_iopc, "--format must be text, csv or json") == 0;
    return c == 'u' || c == 'r' || c == 'A' || c == 'f' || c == 'y';
}

static int parse(int argc, char **argv, struct iopc_args *a)
{
    static const struct option longopts[] = {{"url", required_argument, NULL, 'u'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"annual", no_argument, NULL, 'A'},
                                             {"force", required_argument, NULL, 'f'},
                                             {"year", required_argument, NULL, 'y'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct iopc_args){.format = TABLE_AUTO, .fy = -1};
    const char *operand[3] = {NULL, NULL, NULL};
    int rc = cli_parse_options(&cmd_iopc, argc, argv, longopts, option, a, operand, 3);
    a->operand = operand[0];
    a->more[0] = operand[1];
    a->more[1] = operand[2];
    return rc;
}

static int fail(struct buf *err)
{
    fprintf(stderr, "peel iopc: %s%s", buf_str(err),
            err->len && err->p[err->len - 1] == '\n' ? "" : "\n");
    return 1;
}

static void keep_force(void *arg, const struct iopc_quarter_view *q)
{
    char *out = arg;
    if (!*out)
        snprintf(out, 64, "%s", q->force);
}

/* The force a workbook's row is read for: --force, else the one whose
 * figures the store holds (a store holds one force's); NULL for none. */
static const char *workbook_force(struct store *s, const struct iopc_args *a, char out[64])
{
    struct buf err = BUF_INIT;
    *out = '\0';
    if (!a->force && store_iopc_quarters(s, keep_force, out, &err) == 0 && !*out)
        store_iopc_periods(s, IOPC_ANNUAL, keep_force, out, &err);
    buf_free(&err);
    return a->force ? a->force : *out ? out : NULL;
}

/* The file read as the CSV layout, or (a zip archive) as the IOPC's
 * workbook of data tables, which is a year's: 0, or -1 (IOPC_REFUSED:
 * options for a workbook given with a CSV) with err. */
static int read_figures(struct store *s, const struct iopc_args *a, const struct buf *bytes,
                        struct iopc_bulletin *b, bool *annual, struct buf *err)
{
    *annual = a->annual;
    bool workbook = iopc_xlsx_is(bytes->p, bytes->len);
    if (!workbook && (a->force || a->fy >= 0)) {
        buf_printf(err,
                   "%s: --force and --year are for the IOPC's workbook (.xlsx); a CSV "
                   "names its force and period on every row",
                   a->operand);
        return IOPC_REFUSED;
    }
    if (!workbook)
        return iopc_file_read(a->operand, b, err);
    char force[64];
    struct iopc_xlsx_options o = {workbook_force(s, a, force), a->fy};
    if (!o.force) {
        buf_printf(err, "%s: whose figures? give --force NAME (the police.uk id or name)",
                   a->operand);
        return -1;
    }
    *annual = true; /* the IOPC's tables of every force are its annual statistics */
    return iopc_xlsx_read(a->operand, bytes->p, bytes->len, &o, b, err);
}

static int import(struct store *s, const struct iopc_args *a, const struct audit_origin *by)
{
    struct buf err = BUF_INIT, bytes = BUF_INIT;
    struct iopc_bulletin b = {0};
    bool annual = a->annual;
    int rc = table_file_read(a->operand, IOPC_XLSX_MAX, &bytes, &err) ? 0 : -1;
    if (rc == 0)
        rc = read_figures(s, a, &bytes, &b, &annual, &err);
    char sha[SHA256_HEX_SIZE];
    sha256_of(bytes.p ? bytes.p : "", bytes.len, sha);
    const char *name = strrchr(a->operand, '/') ? strrchr(a->operand, '/') + 1 : a->operand;
    struct metric_load_counts metrics = {0};
    struct iopc_source src = {name, sha, a->url ? a->url : "", a->reason, &metrics};
    int period = 0, version = 0;
    if (rc == 0)
        rc = annual ? store_iopc_load_year(s, &b, &src, by, &period, &version, &err)
                    : store_iopc_load(s, &b, &src, by, &period, &version, &err);
    if (rc == 0) {
        char q[PERIOD_TEXT_SIZE];
        period_format(annual ? PERIOD_YEAR : PERIOD_QUARTER, period, q);
        printf("%s: %zu figures for %s, %s %s (version %d): published at /complaints\n", a->operand,
               b.n, b.force, annual ? "year" : "quarter", q, version);
        if (metrics.read)
            printf("%s: the plan's metrics: %ld values new, %ld revised, %ld unchanged\n",
                   a->operand, metrics.added, metrics.revised, metrics.unchanged);
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

static void print_section(void *arg, const struct complaints_text_view *v)
{
    (void)arg;
    printf("%-16s version %d, saved %s by %s, %zu bytes\n", v->section, v->version, v->saved_at,
           v->saved_by, strlen(v->text));
}

/* The report's sections for a year: listed, or (SECTION FILE) one saved. */
static int text(struct store *s, const struct iopc_args *a, const struct audit_origin *by)
{
    int fy;
    if (!a->operand || !fy_parse(a->operand, &fy))
        return cli_usage_error(&cmd_iopc, "text: a financial year (2025-26)");
    if (a->more[0] && !a->more[1])
        return cli_usage_error(&cmd_iopc, "text: SECTION and the FILE of its text");
    struct buf err = BUF_INIT, bytes = BUF_INIT;
    int rc = 0, version = 0;
    if (!a->more[0]) {
        rc = store_complaints_texts(s, fy, print_section, NULL, &err);
    } else if (!buf_read_file(&bytes, a->more[1], &err)) {
        rc = -1;
    } else if (strlen(buf_str(&bytes)) != bytes.len) {
        buf_printf(&err, "%s: a NUL byte in the file", a->more[1]);
        rc = COMPLAINTS_REFUSED;
    } else {
        struct buf why = BUF_INIT;
        rc = store_complaints_text_put(s, fy, a->more[0], buf_str(&bytes), by, &version, &why);
        if (rc)
            buf_printf(&err, "%s: %s", a->more[1], buf_str(&why));
        buf_free(&why);
    }
    if (rc == 0 && a->more[0])
        printf("%s: section %s of the %s report, version %d\n", a->more[1], a->more[0], a->operand,
               version);
    else if (rc)
        fail(&err);
    buf_free(&bytes);
    buf_free(&err);
    return rc == 0 ? 0 : rc == COMPLAINTS_REFUSED ? EXIT_USAGE : 1;
}

/* Runs action i (import, list, show, text); by names the command line as
 * typed. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    struct iopc_args a;
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    if (i == 0 && !a.operand)
        return cli_usage_error(&cmd_iopc, "import: the FILE to read");
    if (i != 3 && a.more[0])
        return cli_usage_error(&cmd_iopc, "unexpected argument '%s'", a.more[0]);
    struct store *s = i == 0 ? cli_store_create(ctx) : cli_store(ctx);
    if (!s)
        return 1;
    if (i == 3)
        return text(s, &a, by);
    return i == 0 ? import(s, &a, by) : i == 1 ? list(s, &a) : show(s, &a);
}

static int run_iopc(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"import", "list", "show", "text"};
    return cli_run_action(&cmd_iopc, argc, argv, ctx, actions, 4, act);
}

const struct peel_cmd cmd_iopc = {
    "iopc",
    run_iopc,
    "the IOPC's quarterly complaints figures and the Office's assessment (Order 7C)",
    "peel iopc import FILE [--annual] [--url URL] [--reason TEXT]\n"
    "       peel iopc import FILE.xlsx [--force NAME] [--year YYYY-YY] [--url URL]\n"
    "            [--reason TEXT]\n"
    "       peel iopc list [--annual] [--format text|csv|json]\n"
    "       peel iopc show QUARTER|YEAR [--format text|csv|json]\n"
    "       peel iopc text YEAR [SECTION FILE]",
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
    "A plan metric that names a measure (iopc: in the plan, docs/plans.md) takes the\n"
    "force's figure as its value for the quarter or year, in the same transaction.\n"
    "\n"
    "A workbook (.xlsx, told by its bytes) is read as the IOPC's annual data tables: in\n"
    "each sheet, the header row starting \"Force\", a column per figure headed as the\n"
    "IOPC heads it, the force's row (--force, else the store's force) and the Total\n"
    "row (England and Wales); the year is the one the tables' titles name, or --year.\n"
    "Every problem is named by file, sheet, row and column; any, and nothing is stored.\n"
    "\n"
    "text writes the Commissioner's annual complaints report (7C(b); peel report\n"
    "complaints): YEAR alone lists the sections written; SECTION FILE saves FILE (plain\n"
    "text, a blank line between paragraphs) as the section's next version. The sections:\n"
    "summary, accountability (how the chief constable was held to account for complaints\n"
    "handling), review-body (the Office's own performance), front-end (initial handling)\n"
    "and learning (themes, recommendations). Each save is kept and audited.\n"
    "\n"
    "Examples:\n"
    "  peel iopc import iopc-2026-27-q1.csv --url https://www.policeconduct.gov.uk/...\n"
    "  peel iopc show 2026-27Q1 --format csv\n"
    "  peel iopc import iopc-annual-2025-26.csv --annual\n"
    "  peel iopc import police-complaints-statistics-2024-25.xlsx --force leicestershire\n"
    "  peel iopc text 2025-26 accountability accountability.txt\n",
};
