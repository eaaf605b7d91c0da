/*
 * cmd_report.c - `peel report KIND`: the reports the plan promises, each
 * written as files into a folder.
 *
 * Each kind of report is one entry in the table at the bottom; only the
 * Corporate Governance Board's (governance) is written so far. This file
 * parses options, makes the folder and writes the file: the report itself
 * is built by the library (report/governance.h).
 */
#include "cli/commands.h"
#include "cli/report_files.h"
#include "report/governance.h"
#include "report/public_report.h"
#include "store/plans.h"
#include "util/month.h"

#include <assert.h>
#include <dirent.h>
#include <jansson.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct report_args {
    const char *out, *plan;
    int period;
    bool force;
};

static int parse_report_args(int argc, char **argv, struct report_args *a)
{
    static const struct option longopts[] = {{"period", required_argument, NULL, 'm'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"plan", required_argument, NULL, 'p'},
                                             {"force", no_argument, NULL, 'f'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct report_args){.period = -1};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'm' && !month_parse(optarg, strlen(optarg), &a->period))
            return cli_usage_error(&cmd_report, "--period must be a month, YYYY-MM");
        else if (c == 'o')
            a->out = optarg;
        else if (c == 'p')
            a->plan = optarg;
        else if (c == 'f')
            a->force = true;
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

/* ---- the output folder -------------------------------------------------- */

static int make_dir(const char *path, struct buf *err)
{
    struct stat st;
    if (mkdir(path, 0777) == 0 || (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return 0;
    buf_printf(err, "%s: cannot create folder: %s", path,
               strerror(errno == EEXIST ? ENOTDIR : errno));
    return -1;
}

/* mkdir -p */
static int make_dirs(const char *path, struct buf *err)
{
    struct buf p = BUF_INIT;
    buf_puts(&p, path);
    int rc = 0;
    for (char *s = p.p + 1; rc == 0 && *s; s++) {
        if (*s != '/' || s[-1] == '/')
            continue;
        *s = '\0';
        rc = make_dir(p.p, err);
        *s = '/';
    }
    if (rc == 0)
        rc = make_dir(p.p, err);
    buf_free(&p);
    return rc;
}

/* A report folder holds one report: writing into a folder that holds
 * anything else could mix two reports, so that needs --force. */
int report_prepare_dir(const char *path, bool force, struct buf *err)
{
    DIR *d = opendir(path);
    if (!d) {
        if (errno == ENOENT)
            return make_dirs(path, err);
        buf_printf(err, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    if (!empty && !force) {
        buf_printf(err, "%s is not empty (--force writes the report into it all the same)", path);
        return -1;
    }
    return 0;
}

/* Written under a temporary name and renamed, so that a reader never sees
 * half a report. */
int report_write_file(const char *dir, const char *name, const struct buf *data, struct buf *path,
                      struct buf *err)
{
    struct buf tmp = BUF_INIT;
    buf_printf(path, "%s/%s", dir, name);
    buf_printf(&tmp, "%s/.%s.tmp", dir, name);
    FILE *f = fopen(tmp.p, "wb");
    int rc = -1;
    if (!f) {
        buf_printf(err, "%s: cannot write: %s", tmp.p, strerror(errno));
    } else {
        size_t wrote = fwrite(data->p ? data->p : "", 1, data->len, f);
        int saved = errno;
        if (fclose(f) != 0 && wrote == data->len)
            saved = errno;
        else if (wrote == data->len)
            rc = 0;
        if (rc == 0 && rename(tmp.p, path->p) != 0) {
            saved = errno;
            rc = -1;
        }
        if (rc != 0) {
            buf_printf(err, "%s: cannot write: %s", path->p, strerror(saved));
            remove(tmp.p);
        }
    }
    buf_free(&tmp);
    return rc;
}

int report_write_manifest(const char *dir, json_t *m, struct buf *err)
{
    char *text = m ? json_dumps(m, JSON_INDENT(2)) : NULL;
    struct buf data = BUF_INIT, path = BUF_INIT;
    if (text)
        buf_printf(&data, "%s\n", text);
    int rc = text ? report_write_file(dir, "report.json", &data, &path, err) : -1;
    if (!text)
        buf_puts(err, "cannot describe the report (out of memory)");
    free(text);
    json_decref(m);
    buf_free(&data);
    buf_free(&path);
    return rc;
}

/* ---- peel report governance --------------------------------------------- */

/* Now, or SOURCE_DATE_EPOCH (reproducible output), as the reader reads it
 * and, for the PDF's creation date, in ISO 8601 (empty if unknown). */
void report_generated_text(char *out, size_t n, char *iso, size_t niso)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long secs = epoch && *epoch ? strtoll(epoch, &end, 10) : 0;
    time_t t = end && !*end ? (time_t)secs : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm))
        snprintf(out, n, "unknown");
    if (!gmtime_r(&t, &tm) || !strftime(iso, niso, "%Y-%m-%dT%H:%M:%SZ", &tm))
        iso[0] = '\0';
}

/* DIR/NAME from the file written aside as DIR/.NAME.tmp, like the page. */
static int rename_aside(const char *dir, const char *name, int rc, struct buf *err)
{
    struct buf tmp = BUF_INIT, path = BUF_INIT;
    buf_printf(&tmp, "%s/.%s.tmp", dir, name);
    buf_printf(&path, "%s/%s", dir, name);
    if (rc == 0 && rename(tmp.p, path.p) != 0) {
        buf_printf(err, "%s: cannot write: %s", path.p, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        remove(tmp.p);
    buf_free(&tmp);
    buf_free(&path);
    return rc;
}

/* The tables as DIR/tables.xlsx, written aside and renamed like the page. */
static int write_workbook(struct store *s, const struct plan *p, const struct report_args *a,
                          struct buf *err)
{
    struct buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s/.tables.xlsx.tmp", a->out);
    int rc = governance_workbook(s, p, a->period, tmp.p, err);
    buf_free(&tmp);
    return rename_aside(a->out, "tables.xlsx", rc, err);
}

/* DIR/report.json: what the folder holds, for `peel publish` and for
 * anyone who finds the folder later. */
static int write_manifest(const struct report_args *a, const char *kind, const char *const *files,
                          const struct plan *p, const struct plan_version *which,
                          const char *generated, struct buf *err)
{
    char month[MONTH_TEXT_SIZE];
    month_format(a->period, month);
    json_t *list = json_array();
    for (const char *const *f = files; list && *f; f++)
        json_array_append_new(list, json_string(*f));
    json_t *m =
        json_pack("{s:s, s:s, s:s, s:i, s:s, s:o}", "kind", kind, "period", month, "plan", p->id,
                  "plan_version", which->version, "generated", generated, "files", list);
    return report_write_manifest(a->out, m, err);
}

/* The plan to report on: --plan, or the one loaded most recently. */
static int read_plan(struct store *s, const struct report_args *a, struct plan *p,
                     struct plan_version *which, struct buf *err)
{
    int rc = store_plan_read(s, a->plan, 0, p, which, err);
    if (rc == 1)
        buf_puts(err, a->plan ? "no such plan (peel plan show)"
                              : "no plan loaded (peel plan load FILE)");
    return rc == 0 ? 0 : -1;
}

static const char *const governance_files[] = {"index.html", "report.pdf", "tables.xlsx",
                                               "report.json", NULL};

static int build_governance(struct store *s, const struct report_args *a, struct buf *page,
                            struct governance_totals *totals, struct buf *err)
{
    struct plan p;
    struct plan_version which;
    if (read_plan(s, a, &p, &which, err) < 0)
        return -1;
    char generated[64], iso[32];
    report_generated_text(generated, sizeof generated, iso, sizeof iso);
    struct buf pdf = BUF_INIT;
    buf_printf(&pdf, "%s/report.pdf", a->out);
    struct governance_info info = {.period = a->period,
                                   .generated = generated,
                                   .version = &which,
                                   .pdf_path = pdf.p,
                                   .pdf_date = iso[0] ? iso : NULL};
    int rc = governance_report(s, &p, &info, page, totals, err);
    if (rc == 0)
        rc = write_workbook(s, &p, a, err);
    if (rc == 0)
        rc = write_manifest(a, "governance", governance_files, &p, &which, generated, err);
    plan_free(&p);
    buf_free(&pdf);
    return rc;
}

static int run_governance(int argc, char **argv, struct peel_ctx *ctx)
{
    struct report_args a;
    int rc = parse_report_args(argc, argv, &a);
    if (rc)
        return rc;
    assert(a.out && a.period >= 0); /* parse_report_args refuses the rest */
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct buf page = BUF_INIT, path = BUF_INIT, err = BUF_INIT;
    struct governance_totals t;
    rc = report_prepare_dir(a.out, a.force, &err);
    if (rc == 0)
        rc = build_governance(s, &a, &page, &t, &err);
    if (rc == 0)
        rc = report_write_file(a.out, "index.html", &page, &path, &err);
    if (rc == 0) {
        char month[MONTH_TEXT_SIZE];
        month_format(a.period, month);
        printf("%s: governance report for %s: %zu metrics (%zu with data, %zu charted), %zu "
               "exception%s; as PDF in %s/report.pdf; its tables in %s/tables.xlsx\n",
               path.p, month, t.metrics, t.with_data, t.charted, t.exceptions,
               t.exceptions == 1 ? "" : "s", a.out, a.out);
    } else {
        fprintf(stderr, "peel report: %s\n", err.p);
    }
    buf_free(&page);
    buf_free(&path);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

/* ---- peel report public ------------------------------------------------- */

static const char *const public_files[] = {"index.html",  "report.pdf",  "numbers.csv",
                                           "tables.xlsx", "report.json", NULL};

/* The page and its numbers in page and csv; the workbook and the manifest
 * written into the folder. */
static int build_public(struct store *s, const struct report_args *a, struct buf *page,
                        struct buf *csv, struct public_totals *totals, struct buf *err)
{
    struct plan p;
    struct plan_version which;
    if (read_plan(s, a, &p, &which, err) < 0)
        return -1;
    char generated[64], iso[32];
    report_generated_text(generated, sizeof generated, iso, sizeof iso);
    struct buf tmp = BUF_INIT, pdf = BUF_INIT;
    buf_printf(&pdf, "%s/report.pdf", a->out);
    struct public_info info = {.period = a->period,
                               .generated = generated,
                               .version = &which,
                               .files = public_files,
                               .pdf_path = pdf.p,
                               .pdf_date = iso[0] ? iso : NULL};
    buf_printf(&tmp, "%s/.tables.xlsx.tmp", a->out);
    int rc = public_report(s, &p, &info, page, csv, tmp.p, totals, err);
    buf_free(&tmp);
    rc = rename_aside(a->out, "tables.xlsx", rc, err);
    if (rc == 0)
        rc = write_manifest(a, "public", public_files, &p, &which, generated, err);
    plan_free(&p);
    buf_free(&pdf);
    return rc;
}

static int run_public(int argc, char **argv, struct peel_ctx *ctx)
{
    struct report_args a;
    int rc = parse_report_args(argc, argv, &a);
    if (rc)
        return rc;
    assert(a.out && a.period >= 0); /* parse_report_args refuses the rest */
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct buf page = BUF_INIT, csv = BUF_INIT, path = BUF_INIT, err = BUF_INIT;
    struct public_totals t;
    rc = report_prepare_dir(a.out, a.force, &err);
    if (rc == 0)
        rc = build_public(s, &a, &page, &csv, &t, &err);
    if (rc == 0)
        rc = report_write_file(a.out, "numbers.csv", &csv, &path, &err);
    buf_reset(&path);
    if (rc == 0)
        rc = report_write_file(a.out, "index.html", &page, &path, &err);
    if (rc == 0) {
        char month[MONTH_TEXT_SIZE];
        month_format(a.period, month);
        printf("%s: public report for %s: %zu of %zu metrics shown (%zu with data), %zu "
               "exception%s; as PDF in %s/report.pdf; its numbers in %s/numbers.csv and "
               "%s/tables.xlsx\n",
               path.p, month, t.shown, t.metrics, t.with_data, t.exceptions,
               t.exceptions == 1 ? "" : "s", a.out, a.out, a.out);
    } else {
        fprintf(stderr, "peel report: %s\n", err.p);
    }
    buf_free(&page);
    buf_free(&csv);
    buf_free(&path);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

/* ---- dispatch ----------------------------------------------------------- */

static const struct {
    const char *name;
    int (*run)(int argc, char **argv, struct peel_ctx *ctx);
} kinds[] = {
    {"governance", run_governance},
    {"annual", run_report_annual},
    {"public", run_public},
};

static int run_report(int argc, char **argv, struct peel_ctx *ctx)
{
    if (argc < 2)
        return cli_usage_error(&cmd_report,
                               "give the report to write: governance, annual or public");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(argv[1], kinds[i].name) == 0)
            return kinds[i].run(argc - 1, argv + 1, ctx);
    return cli_usage_error(&cmd_report, "no report '%s' (reports: governance, annual, public)",
                           argv[1]);
}

const struct peel_cmd cmd_report = {
    "report",
    run_report,
    "write a report: the Board's performance pack, the annual crime statistics, the residents' "
    "report",
    "peel report governance|public --period YYYY-MM --out DIR [--plan ID] [--force]\n"
    "       peel report annual --fy YYYY-YY --out DIR [--categories home-office|police-uk]\n"
    "                   [--source auto|police-uk|prc] [--police-force NAME] [--force]",
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
    "  --out DIR        the folder to write (created; must be empty unless --force)\n"
    "  --plan ID        which plan (default: the one loaded most recently)\n"
    "  --force          write into DIR even if it is not empty (index.html is replaced)\n"
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
    "Examples:\n"
    "  peel report governance --period 2023-03 --out board-2023-03\n"
    "  peel report annual --fy 2021-22 --out annual-2021-22\n"
    "  peel report governance --period 2024-06 --plan llr-2024-29 --out reports/2024-06\n"
    "  peel report public --period 2023-03 --out public-2023-03\n",
};
