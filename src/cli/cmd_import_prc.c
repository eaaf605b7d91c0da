/*
 * cmd_import_prc.c - `peel import-prc FILE...`: the Home Office Police
 * Recorded Crime tables.
 */
#include "assess/prc_common.h"
#include "cli/commands.h"
#include "ingest/prc_import.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows reported one by one on stderr before the rest are only counted:
 * every quarantined row matters; negative counts are expected, a few. */
#define SHOWN_QUARANTINED 20
#define SHOWN_NEGATIVE    5

struct import_view {
    struct table table;
    bool quiet;
    long quarantined, negative; /* notes seen, for "... and N more" */
};

static void on_row(const struct prc_row_note *n, void *arg)
{
    struct import_view *v = arg;
    long seen = n->stored ? ++v->negative : ++v->quarantined;
    long shown = n->stored ? SHOWN_NEGATIVE : SHOWN_QUARANTINED;
    if (v->quiet && n->stored)
        return;
    if (seen <= shown)
        fprintf(stderr, "peel import-prc: %s:%ld: %s%s%s%s\n", n->path, n->line,
                n->column ? n->column : "", n->column ? ": " : "", n->reason,
                n->stored ? "" : " (quarantined)");
    else if (seen == shown + 1)
        fprintf(stderr, "peel import-prc: ... more %s are counted in the summary\n",
                n->stored ? "negative counts" : "quarantined rows");
}

static void on_file(const struct prc_file_report *r, void *arg)
{
    struct import_view *v = arg;
    struct table *t = &v->table;
    size_t row = table_add_row(t);
    char first[24], last[24], quarters[64], forces[48];
    table_set_text(t, row, 0, r->path);
    if (r->period_first >= 0) {
        prc_period_text(r->period_first, first, sizeof first);
        prc_period_text(r->period_last, last, sizeof last);
        if (r->period_first == r->period_last)
            snprintf(quarters, sizeof quarters, "%s", first);
        else
            snprintf(quarters, sizeof quarters, "%s to %s (%zu)", first, last, r->periods);
        table_set_text(t, row, 1, quarters);
    }
    if (r->forces_no_slug)
        snprintf(forces, sizeof forces, "%zu (%zu not on police.uk)", r->forces, r->forces_no_slug);
    else
        snprintf(forces, sizeof forces, "%zu", r->forces);
    table_set_text(t, row, 2, forces);
    table_set_int(t, row, 3, r->rows_read);
    table_set_int(t, row, 4, r->rows_stored);
    table_set_int(t, row, 5, r->rows_quarantined);
    table_set_int(t, row, 6, r->rows_negative);
    table_set_int(t, row, 7, r->rows_replaced);
    table_set_text(t, row, 8, r->sha256);
}

static void finish(struct import_view *v, const struct prc_import_totals *tot,
                   enum table_format fmt)
{
    struct table *t = &v->table;
    size_t row = table_add_row(t);
    char label[64], forces[32];
    snprintf(label, sizeof label, "total (%zu file%s)", tot->files, tot->files == 1 ? "" : "s");
    snprintf(forces, sizeof forces, "%zu", tot->forces);
    table_set_text(t, row, 0, label);
    table_set_text(t, row, 2, forces);
    table_set_int(t, row, 4, tot->rows_stored);
    table_set_int(t, row, 5, tot->rows_quarantined);
    table_set_int(t, row, 6, tot->rows_negative);
    table_set_int(t, row, 7, tot->rows_replaced);
    if (tot->rows_quarantined)
        table_add_note(t, "Quarantined rows are kept verbatim with their line and reason: "
                          "`peel quarantine --file NAME` lists them.");
    if (tot->rows_negative)
        table_add_note(t, "negative_counts: quarters in which a force cancelled or reclassified "
                          "more offences of a code than it recorded; stored as published, since "
                          "the Home Office's totals include them (docs/methods.md).");
    if (tot->rows_replaced)
        table_add_note(t, "rows_replaced: rows of earlier loads for the same forces and quarters, "
                          "replaced by these files.");
    table_add_note(
        t, "%.1f s, %.0f rows/s", tot->seconds,
        tot->seconds > 0 ? (double)(tot->rows_stored + tot->rows_quarantined) / tot->seconds : 0.0);
    table_render(t, fmt, stdout);
}

static int run_import_prc(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'F'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {NULL, 0, NULL, 0}};
    enum table_format fmt = TABLE_AUTO;
    struct import_view view = {.quiet = false};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+q", longopts, NULL)) != -1) {
        if (c == 'q')
            view.quiet = true;
        else if (c == 'F' && !cli_parse_format(optarg, &fmt))
            return cli_usage_error(&cmd_import_prc, "--format must be table, csv or json");
        else if (c != 'F')
            return cli_usage_error(&cmd_import_prc, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind == argc)
        return cli_usage_error(&cmd_import_prc, "no files given");
    struct store *s = cli_store_create(ctx);
    if (!s)
        return 1;
    static const char *const cols[] = {
        "file",        "quarters",         "forces",          "rows_read",
        "rows_stored", "rows_quarantined", "negative_counts", "rows_replaced",
        "sha256"};
    table_init(&view.table, sizeof cols / sizeof cols[0], cols);
    char *command = cli_command_line(argc, argv);
    struct prc_import_options opt = {command, cli_user_name(), on_file, on_row, &view};
    struct prc_import_totals tot;
    struct buf err = BUF_INIT;
    int rc = prc_import_paths(s, argv + optind, (size_t)(argc - optind), &opt, &tot, &err);
    if (rc == 0 && !view.quiet)
        finish(&view, &tot, fmt);
    else if (rc != 0)
        fprintf(stderr,
                "peel import-prc: %s\npeel import-prc: nothing was imported; the store is "
                "unchanged\n",
                err.p);
    table_free(&view.table);
    buf_free(&err);
    free(command);
    return rc;
}

const struct peel_cmd cmd_import_prc = {
    "import-prc",
    run_import_prc,
    "load the Home Office Police Recorded Crime tables (offences by force and quarter)",
    "peel import-prc [--format table|csv|json] [--quiet] FILE...",
    "Each FILE is a CSV of the Home Office's \"Police recorded crime by police force area\"\n"
    "open data table (prc-pfa-mar2013-onwards-tables, one sheet per financial year): one row\n"
    "per force, financial quarter and offence code. Columns are found by their headers\n"
    "(Financial Year, Financial Quarter, Force Name, Offence Description, Offence Group,\n"
    "Offence Subgroup, Offence Code, Number of Offences), in any order and any case. Fields\n"
    "are trimmed; counts may have thousands separators (\"1,234\") and may be negative (a\n"
    "quarter's net cancellations, stored as published).\n"
    "\n"
    "A row that fails its checks (financial year like 2017/18, quarter 1 to 4, force, offence\n"
    "group and code present, a whole-number count) is reported as FILE:LINE: column: reason\n"
    "and kept verbatim in quarantine (`peel quarantine`). Each (force, quarter) a file\n"
    "supplies replaces what earlier loads stored for it: a later release revises figures.\n"
    "Every load is recorded (file, SHA-256, time, user, rows) and every row keeps its file\n"
    "and line. All files are one transaction: a file that cannot be read, or is not the\n"
    "table, changes nothing.\n"
    "\n"
    "Forces are matched to police.uk forces by name (\"London, City of\" is city-of-london);\n"
    "Action Fraud, CIFAS and UK Finance, which record fraud nationally, have no police.uk\n"
    "force and are kept under their own names.\n"
    "\n"
    "Options:\n"
    "  --format FMT   the summary as table (default), csv or json\n"
    "  -q, --quiet    print only errors and quarantined rows\n"
    "\n"
    "Exit status: 0 imported (rows may have been quarantined); 2 a file could not be read or\n"
    "is not the table; 1 the store failed. On 1 or 2 nothing was imported.\n"
    "\n"
    "Examples:\n"
    "  peel import-prc prc-pfa-mar2013-onwards-tables201718.csv\n"
    "  peel import-prc prc-pfa-201617.csv prc-pfa-201718.csv\n"
    "  peel stats --fy 2017-18 --force leicestershire\n"
    "  peel prc --fy 2017-18 --force leicestershire --similar\n",
};
