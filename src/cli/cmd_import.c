/*
 * cmd_import.c - `peel import PATH...`: load data.police.uk files.
 */
#include "assess/crime_rows.h"
#include "cli/commands.h"
#include "ingest/import.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct import_view {
    struct table table;
    bool progress_shown;
};

static void months_text(int first, int last, char *out, size_t n)
{
    char a[MONTH_TEXT_SIZE], b[MONTH_TEXT_SIZE];
    if (first < 0) {
        snprintf(out, n, "%s", "");
        return;
    }
    month_format(first, a);
    month_format(last, b);
    if (first == last)
        snprintf(out, n, "%s", a);
    else
        snprintf(out, n, "%s..%s", a, b);
}

static void on_file(const struct ingest_file_report *r, void *arg)
{
    struct import_view *v = arg;
    if (v->progress_shown) {
        fputs("\r\033[K", stderr);
        v->progress_shown = false;
    }
    if (r->error) {
        fprintf(stderr, "peel import: %s: %s\n", r->path, r->error);
        return;
    }
    if (r->warning)
        fprintf(stderr, "peel import: %s: warning: %s\n", r->path, r->warning);
    char months[2 * MONTH_TEXT_SIZE + 2];
    months_text(r->month_first, r->month_last, months, sizeof months);
    struct table *t = &v->table;
    size_t row = table_add_row(t);
    table_set_text(t, row, 0, r->name);
    table_set_text(t, row, 1, r->kind);
    table_set_text(t, row, 2, r->force);
    table_set_text(t, row, 3, months);
    table_set_int(t, row, 4, r->rows_stored);
    table_set_int(t, row, 5, r->rows_quarantined);
}

static void on_progress(const struct ingest_progress *p, void *arg)
{
    struct import_view *v = arg;
    fprintf(stderr, "\r\033[Kimporting: %zu of %zu files done, %lld rows, %.0f rows/s",
            p->files_done, p->files_total, p->rows, p->seconds > 0 ? p->rows / p->seconds : 0);
    v->progress_shown = true;
}

static int finish(struct import_view *v, const struct ingest_totals *tot, enum table_format fmt)
{
    struct table *t = &v->table;
    size_t row = table_add_row(t);
    char label[64];
    snprintf(label, sizeof label, "total (%zu files)", tot->files - tot->files_failed);
    table_set_text(t, row, 0, label);
    table_set_int(t, row, 4, tot->rows_stored);
    table_set_int(t, row, 5, tot->rows_quarantined);
    if (tot->files_failed)
        table_add_note(t, "%zu file(s) could not be imported: see the messages above.",
                       tot->files_failed);
    if (tot->rows_quarantined)
        table_add_note(t, "Quarantined rows are kept verbatim with their line and reason: "
                          "`peel quarantine` lists them.");
    table_add_note(
        t, "%.1f s, %.0f rows/s", tot->seconds,
        tot->seconds > 0 ? (double)(tot->rows_stored + tot->rows_quarantined) / tot->seconds : 0.0);
    table_render(t, fmt, stdout);
    return 0;
}

/* --jobs: as many as make -j might be given; an import uses two at most. */
#define JOBS_MAX 1024

static int run_import(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"force", required_argument, NULL, 'f'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {NULL, 0, NULL, 0}};
    struct ingest_options opt = {0};
    enum table_format fmt = TABLE_AUTO;
    bool quiet = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+f:qj:", longopts, NULL)) != -1) {
        if (c == 'f')
            opt.force = optarg;
        else if (c == 'q')
            quiet = true;
        else if (c == 'j') {
            unsigned long long n;
            if (!cli_parse_unsigned(optarg, JOBS_MAX, &n) || n == 0)
                return cli_usage_error(&cmd_import, "--jobs must be a whole number from 1 to %d",
                                       JOBS_MAX);
            opt.jobs = (int)n;
        } else if (c == 'F' && !cli_parse_format(optarg, &fmt))
            return cli_usage_error(&cmd_import, "--format must be table, csv or json");
        else if (c != 'F')
            return cli_usage_error(&cmd_import, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind == argc)
        return cli_usage_error(&cmd_import, "no files, folders or archives given");
    store_reserve_page_cache(ingest_paths_bytes(argv + optind, (size_t)(argc - optind)));
    struct store *s = cli_store_create(ctx);
    if (!s)
        return 1;
    static const char *const cols[] = {"file",   "kind",        "force",
                                       "months", "rows_stored", "rows_quarantined"};
    struct import_view view;
    table_init(&view.table, 6, cols);
    view.progress_shown = false;
    char *command = cli_command_line(argc, argv);
    opt.command = command;
    opt.user = cli_user_name();
    opt.on_file = on_file;
    opt.on_progress = !quiet && isatty(STDERR_FILENO) ? on_progress : NULL;
    opt.arg = &view;
    opt.crime_csv = &crime_texts_csv;
    struct ingest_totals tot;
    struct buf err = BUF_INIT;
    int rc = ingest_paths(s, argv + optind, (size_t)(argc - optind), &opt, &tot, &err);
    if (err.len)
        fprintf(stderr, "peel import: %s\n", err.p);
    if (rc != 1)
        cli_refresh_exports(s, "import");
    if (rc != 1 && !quiet)
        finish(&view, &tot, fmt);
    if (rc == 1)
        fprintf(stderr, "peel import: nothing was imported; the store is unchanged\n");
    table_free(&view.table);
    buf_free(&err);
    free(command);
    return rc;
}

const struct peel_cmd cmd_import = {
    "import",
    run_import,
    "load data.police.uk street, outcomes and stop-and-search files",
    "peel import [--force NAME] [--jobs N] [--format table|csv|json] [--quiet] PATH...",
    "Each PATH is a CSV file, a folder in the archive layout (YYYY-MM/YYYY-MM-<force>-street.csv,\n"
    "-outcomes.csv, -stop-and-search.csv; searched recursively) or an archive .zip exactly as\n"
    "downloaded from data.police.uk (read in place, never extracted). A file's kind is read from\n"
    "its header line, not its name.\n"
    "\n"
    "Every (force, month, kind) is replaced as a whole: importing a later download of a month\n"
    "updates its outcomes, and importing the same file twice changes nothing. The import is one\n"
    "transaction: if it is interrupted, the database is left as it was. Rows that cannot be read\n"
    "are kept, verbatim, in quarantine with their line and the reason; they never stop an import.\n"
    "The CSV that `peel serve` sends for downloads of whole months is written as each row is\n"
    "stored, in the same transaction; a month still without one (a store from an older peel)\n"
    "is rendered afterwards (docs/web.md).\n"
    "\n"
    "Options:\n"
    "  --force NAME   whose stop-and-search files these are, when the file name does not say\n"
    "                 (a data.police.uk force id such as leicestershire, or a name)\n"
    "  -j, --jobs N   threads: 1 reads, checks and stores the rows on one; 2 or more read\n"
    "                 and check them on a second beside the one storing them (an import\n"
    "                 uses two at most). Default: two when the machine has two cores.\n"
    "                 The store is the same either way.\n"
    "  --format FMT   the summary as table (default), csv or json\n"
    "  -q, --quiet    print only errors\n"
    "\n"
    "Exit status: 0 all imported; 2 some file could not be read (the others were imported);\n"
    "1 the import failed and the database is unchanged.\n"
    "\n"
    "Examples:\n"
    "  peel import ~/Downloads/2024-03.zip\n"
    "  peel import data/2022-01 data/2022-02\n"
    "  peel --db llr.db import 2022-01-leicestershire-street.csv\n",
};
