/*
 * cmd_report_annual.c - `peel report annual --fy YYYY-YY --out DIR`: the
 * crime statistics section of the annual report, as a folder of files.
 *
 * This file parses options and writes files; the report is gathered and
 * written by the library (report/annual_report.h).
 */
#include "cli/commands.h"
#include "cli/report_files.h"
#include "report/annual_report.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct annual_args {
    const char *out;
    bool force;
    struct annual_request req;
};

static int parse_annual_option(int c, struct annual_args *a)
{
    switch (c) {
    case 'y':
        if (!fy_parse(optarg, &a->req.fy))
            return cli_usage_error(&cmd_report, "--fy must be a financial year such as 2021-22");
        return 0;
    case 'o':
        a->out = optarg;
        return 0;
    case 'f':
        a->force = true;
        return 0;
    case 'p':
        a->req.q.force = optarg;
        return 0;
    case 'c':
        if (strcmp(optarg, "police-uk") == 0 || strcmp(optarg, "home-office") == 0) {
            a->req.scheme = optarg[0] == 'p' ? SCHEME_POLICE_UK : SCHEME_HOME_OFFICE;
            return 0;
        }
        return cli_usage_error(&cmd_report, "--categories must be police-uk or home-office");
    case 's':
        if (strcmp(optarg, "auto") == 0)
            a->req.source = ANNUAL_SOURCE_AUTO;
        else if (strcmp(optarg, "police-uk") == 0)
            a->req.source = ANNUAL_SOURCE_POLICE_UK;
        else if (strcmp(optarg, "prc") == 0)
            a->req.source = ANNUAL_SOURCE_PRC;
        else
            return cli_usage_error(&cmd_report, "--source must be auto, police-uk or prc");
        return 0;
    default:
        return cli_usage_error(&cmd_report, "unknown option '%s'", optarg ? optarg : "");
    }
}

static int parse_annual_args(int argc, char **argv, struct annual_args *a)
{
    static const struct option longopts[] = {{"fy", required_argument, NULL, 'y'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"force", no_argument, NULL, 'f'},
                                             {"police-force", required_argument, NULL, 'p'},
                                             {"categories", required_argument, NULL, 'c'},
                                             {"source", required_argument, NULL, 's'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct annual_args){.req = {.fy = -1, .scheme = SCHEME_HOME_OFFICE}};
    a->req.q.month_from = a->req.q.month_to = -1;
    int c, rc = 0;
    cli_reset_getopt();
    while (rc == 0 && (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
        rc = c == '?' ? cli_usage_error(&cmd_report, "unknown option '%s'", argv[optind - 1])
                      : parse_annual_option(c, a);
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage_error(&cmd_report, "unexpected argument '%s'", argv[optind]);
    if (a->req.fy < 0)
        return cli_usage_error(&cmd_report, "give --fy YYYY-YY, the financial year reported on");
    if (!a->out || !*a->out)
        return cli_usage_error(&cmd_report, "give --out DIR, the folder to write the report in");
    if (a->req.source == ANNUAL_SOURCE_PRC && a->req.scheme != SCHEME_HOME_OFFICE)
        return cli_usage_error(&cmd_report, "--source prc gives Home Office offence groups: it "
                                            "cannot be combined with --categories police-uk");
    return 0;
}

/* DIR/report.json: what the folder holds, for `peel publish`. */
static int write_manifest(const struct annual_args *a, const struct annual_report *r,
                          const char *generated, struct buf *err)
{
    json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[s, s, s, s]}", "kind", "annual",
                          "period", r->current, "compared_with", r->previous, "categories",
                          r->req.scheme == SCHEME_HOME_OFFICE ? "home-office" : "police-uk",
                          "source", r->res.prc_key ? "prc" : "police-uk", "generated", generated,
                          "files", "index.html", "report.pdf", "tables.xlsx", "report.json");
    return report_write_manifest(a->out, m, err);
}

/* The workbook is written aside and renamed, like every file. */
static int write_workbook(const struct annual_args *a, const struct annual_report *r,
                          struct buf *err)
{
    struct buf tmp = BUF_INIT, path = BUF_INIT;
    buf_printf(&tmp, "%s/.tables.xlsx.tmp", a->out);
    buf_printf(&path, "%s/tables.xlsx", a->out);
    int rc = annual_report_workbook(r, tmp.p, err);
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

static int write_report(const struct annual_args *a, const struct annual_report *r,
                        struct buf *path, struct buf *err)
{
    char generated[64], iso[32];
    report_generated_text(generated, sizeof generated, iso, sizeof iso);
    struct buf page = BUF_INIT;
    annual_report_html(r, generated, &page);
    int rc = report_write_file(a->out, "index.html", &page, path, err);
    if (rc == 0)
        rc = write_workbook(a, r, err);
    struct buf pdf = BUF_INIT;
    buf_printf(&pdf, "%s/report.pdf", a->out); /* pdf_close writes aside and renames */
    if (rc == 0)
        rc = annual_report_pdf(r, generated, iso[0] ? iso : NULL, pdf.p, err);
    buf_free(&pdf);
    if (rc == 0)
        rc = write_manifest(a, r, generated, err);
    buf_free(&page);
    return rc;
}

static void print_summary(const struct annual_args *a, const struct annual_report *r,
                          const struct buf *path)
{
    size_t signals = 0, lines = r->findings.nrows;
    for (size_t i = 0; i < lines; i++)
        signals += r->verdicts[i] == ANNUAL_SIGNAL;
    printf("%s: annual crime statistics for %s against %s: %zu lines (%zu signal%s, the rest "
           "noise), %zu districts; as PDF in %s/report.pdf, its tables in %s/tables.xlsx\n",
           path->p, r->current, r->previous, lines, signals, signals == 1 ? "" : "s",
           r->areas.nrows ? r->areas.nrows - 1 : 0, a->out, a->out);
}

int run_report_annual(int argc, char **argv, struct peel_ctx *ctx)
{
    struct annual_args a;
    int rc = parse_annual_args(argc, argv, &a);
    if (rc)
        return rc;
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct annual_report r;
    struct buf path = BUF_INIT, err = BUF_INIT;
    rc = annual_report_gather(s, &a.req, &r, &err);
    if (rc == 0)
        rc = report_prepare_dir(a.out, a.force, &err);
    if (rc == 0)
        rc = write_report(&a, &r, &path, &err);
    if (rc == 0)
        print_summary(&a, &r, &path);
    else
        fprintf(stderr, "peel report: %s\n", err.p);
    annual_report_free(&r);
    buf_free(&path);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}
