/*
 * cmd_publish.c - `peel publish`: freeze a report folder in the store,
 * withdraw a published version, and list what has been published.
 */
#include "cli/commands.h"
#include "report/report_folder.h"
#include "store/publish.h"
#include "util/utf8.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct publish_args {
    const char *dir, *reason;
    const char *withdraw; /* KIND/PERIOD/vN */
    int corrects;
    bool list;
    enum table_format fmt;
};

#define REASON_MAX 1000

/* A reason is read by the public on /reports: it must say something, on
 * one line of at most REASON_MAX bytes of UTF-8. */
static const char *reason_problem(const char *r)
{
    size_t n = strlen(r);
    if (strspn(r, " \t") == n)
        return "--reason is blank";
    if (n > REASON_MAX)
        return "--reason is longer than 1,000 bytes";
    for (const char *c = r; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return "--reason must be one line of text (no control characters)";
    long line, column;
    return utf8_valid(r, n, &line, &column) ? NULL : "--reason is not valid UTF-8";
}

/* Whether this folder may be published, by the rules of a correction. */
static int check_version(struct store *s, const struct report_folder *f,
                         const struct publish_args *a, struct publication_head *latest, bool *done)
{
    bool have = store_publication_latest(s, f->kind, f->period, latest);
    *done = have && strcmp(latest->sha256, f->sha256) == 0 && !latest->withdrawn;
    if (*done)
        return 0;
    if (have && latest->withdrawn && !a->corrects) {
        fprintf(stderr,
                "peel publish: %s %s version %d was withdrawn; publish a corrected report with "
                "--corrects %d --reason TEXT\n",
                f->kind, f->period, latest->version, latest->version);
        return 1;
    }
    if (have && !a->corrects) {
        fprintf(stderr,
                "peel publish: %s %s is already published (version %d) and never changes; "
                "publish a correction with --corrects %d --reason TEXT\n",
                f->kind, f->period, latest->version, latest->version);
        return 1;
    }
    if (a->corrects && !store_publication_exists(s, f->kind, f->period, a->corrects)) {
        fprintf(stderr, "peel publish: %s %s has no version %d to correct\n", f->kind, f->period,
                a->corrects);
        return 1;
    }
    return 0;
}

static int publish(struct peel_ctx *ctx, const struct publish_args *a)
{
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct report_folder f;
    struct buf err = BUF_INIT;
    int rc = report_folder_read(a->dir, &f, &err) ? 0 : EXIT_USAGE;
    struct publication_head latest;
    bool done = false;
    if (rc == 0)
        rc = check_version(s, &f, a, &latest, &done);
    if (rc == 0 && done) {
        printf("%s: %s %s is already published, identical, as version %d\n", a->dir, f.kind,
               f.period, latest.version);
    } else if (rc == 0) {
        struct publication pub = {.kind = f.kind,
                                  .period = f.period,
                                  .sha256 = f.sha256,
                                  .published_by = cli_user_name(),
                                  .source_path = a->dir,
                                  .corrects = a->corrects,
                                  .reason = a->reason};
        rc = store_publish(s, &pub, f.files, f.n, &err) == 0 ? 0 : 1;
        if (rc == 0)
            printf("%s: %s %s published as version %d (%zu files, sha256 %.16s...)\n", a->dir,
                   f.kind, f.period, pub.version, f.n, f.sha256);
        if (rc == 0 && a->corrects)
            printf("  it corrects version %d: %s\n", a->corrects, a->reason);
    }
    if (err.len)
        fprintf(stderr, "peel publish: %s\n", err.p);
    buf_free(&err);
    report_folder_free(&f);
    return rc;
}

/* "governance/2023-03/v2" (or "/reports/governance/2023-03/v2", as the
 * site writes it) into its three parts; false when it is not that form. */
static bool parse_address(const char *text, char kind[32], char period[16], int *version)
{
    if (strncmp(text, "/reports/", 9) == 0)
        text += 9;
    size_t k = strspn(text, "abcdefghijklmnopqrstuvwxyz");
    if (k == 0 || k >= 32 || text[k] != '/')
        return false;
    size_t p = strspn(text + k + 1, "0123456789-");
    if (p == 0 || p >= 16 || text[k + 1 + p] != '/' || text[k + 2 + p] != 'v')
        return false;
    const char *digits = text + k + 3 + p;
    char *end;
    long v = strtol(digits, &end, 10);
    if (*digits < '1' || *digits > '9' || *end || v > 1000000)
        return false;
    snprintf(kind, 32, "%.*s", (int)k, text);
    snprintf(period, 16, "%.*s", (int)p, text + k + 1);
    *version = (int)v;
    return true;
}

static int withdraw(struct peel_ctx *ctx, const struct publish_args *a)
{
    char kind[32], period[16];
    int version;
    if (!parse_address(a->withdraw, kind, period, &version))
        return cli_usage_error(&cmd_publish,
                               "--withdraw takes a version as KIND/PERIOD/vN, as the site's "
                               "/reports page names it (e.g. governance/2023-03/v1)");
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct buf err = BUF_INIT;
    int rc = store_publication_withdraw(s, kind, period, version, cli_user_name(), a->reason, &err);
    if (rc == 0)
        printf("%s %s version %d withdrawn: %s\n  its record stays (peel publish --list); the site "
               "answers 410 Gone for its files\n",
               kind, period, version, a->reason);
    else if (rc == 1)
        fprintf(stderr,
                "peel publish: no %s report for %s has a version %d (peel publish --list)\n", kind,
                period, version);
    else if (rc == 2)
        fprintf(stderr, "peel publish: %s %s version %d is already withdrawn\n", kind, period,
                version);
    else
        fprintf(stderr, "peel publish: %s\n", err.p);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static void list_row(void *arg, const struct publication *p, size_t files, int64_t bytes)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, p->kind);
    table_set_text(t, r, 1, p->period);
    table_set_int(t, r, 2, p->version);
    table_set_text(t, r, 3, p->published_at);
    table_set_text(t, r, 4, p->published_by);
    if (p->corrects)
        table_set_int(t, r, 5, p->corrects);
    table_set_text(t, r, 6, p->reason);
    table_set_int(t, r, 7, (int64_t)files);
    table_set_int(t, r, 8, bytes);
    table_set_text(t, r, 9, p->sha256);
    table_set_text(t, r, 10, p->withdrawn_at);
    table_set_text(t, r, 11, p->withdrawn_by);
    table_set_text(t, r, 12, p->withdrawal_reason);
}

static int list(struct peel_ctx *ctx, enum table_format fmt)
{
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    static const char *const cols[] = {
        "kind",  "period", "version", "published_at", "published_by", "corrects",         "reason",
        "files", "bytes",  "sha256",  "withdrawn_at", "withdrawn_by", "withdrawal_reason"};
    struct table t;
    table_init(&t, sizeof cols / sizeof cols[0], cols);
    struct buf err = BUF_INIT;
    int rc = store_publications(s, list_row, &t, &err);
    if (rc == 0) {
        table_set_title(&t, "Published reports (newest first); a published version never "
                            "changes, and a withdrawn one is kept");
        table_render(&t, fmt, stdout);
    } else {
        fprintf(stderr, "peel publish: %s\n", err.p);
    }
    table_free(&t);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

static int run_publish(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {
        {"corrects", required_argument, NULL, 'c'}, {"reason", required_argument, NULL, 'r'},
        {"withdraw", required_argument, NULL, 'w'}, {"list", no_argument, NULL, 'l'},
        {"format", required_argument, NULL, 'F'},   {NULL, 0, NULL, 0}};
    struct publish_args a = {.fmt = TABLE_AUTO};
    int c;
    char *end;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'c' && ((a.corrects = (int)strtol(optarg, &end, 10)) < 1 || *end))
            return cli_usage_error(&cmd_publish, "--corrects takes a version number");
        if (c == 'r')
            a.reason = optarg;
        else if (c == 'w')
            a.withdraw = optarg;
        else if (c == 'l')
            a.list = true;
        else if (c == 'F' && !cli_parse_format(optarg, &a.fmt))
            return cli_usage_error(&cmd_publish, "--format must be table, csv or json");
        else if (!strchr("crwlF", c))
            return cli_usage_error(&cmd_publish, "unknown option '%s'", argv[optind - 1]);
    }
    if (a.list)
        return optind == argc && !a.withdraw
                   ? list(ctx, a.fmt)
                   : cli_usage_error(&cmd_publish, "--list takes no folder and no --withdraw");
    if (a.withdraw && (optind != argc || a.corrects))
        return cli_usage_error(&cmd_publish, "--withdraw takes no folder and no --corrects");
    if (!a.withdraw && optind + 1 != argc)
        return cli_usage_error(&cmd_publish, "give one report folder");
    if (a.reason && !a.corrects && !a.withdraw)
        return cli_usage_error(&cmd_publish, "--reason goes with --corrects or --withdraw");
    const char *what = a.withdraw ? "withdrawal" : "correction";
    if ((a.corrects || a.withdraw) && !a.reason)
        return cli_usage_error(&cmd_publish, "a %s says why: --reason TEXT", what);
    if ((a.corrects || a.withdraw) && reason_problem(a.reason))
        return cli_usage_error(&cmd_publish, "%s: a %s says why, for the public to read",
                               reason_problem(a.reason), what);
    if (a.withdraw)
        return withdraw(ctx, &a);
    a.dir = argv[optind];
    return publish(ctx, &a);
}

const struct peel_cmd cmd_publish = {
    "publish",
    run_publish,
    "freeze a report in the store: published versions never change",
    "peel publish REPORT-DIR [--corrects VERSION --reason TEXT]\n"
    "       peel publish --withdraw KIND/PERIOD/vN --reason TEXT\n"
    "       peel publish --list [--format table|csv|json]",
    "Copies the files of a report folder made by `peel report` into the store, with the\n"
    "SHA-256 of each and of the whole, the report's kind and period, the time and who\n"
    "published it. Only the files the folder's report.json lists are taken, and report.json\n"
    "itself; each must be a regular file of its own (no symbolic link, device, pipe or hard\n"
    "link), with the SHA-256 report.json gives it (a file changed since peel report wrote it\n"
    "is refused). The kind must be governance, annual, public or complaints, the period YYYY-MM\n"
    "(YYYY-YY for annual and complaints), and every name plain (letters, digits, '.', '_',\n"
    "'-').\n"
    "\n"
    "A published version never changes and is never removed: the store refuses it, UPDATE,\n"
    "DELETE and REPLACE alike. Publishing the same folder again changes nothing. A different\n"
    "report for the same kind and period is a correction: it needs --corrects VERSION and\n"
    "--reason, and is stored as the next version, naming the one it corrects and why.\n"
    "\n"
    "--withdraw takes a version off the public site: its files then answer 410 Gone, and\n"
    "/reports lists it as withdrawn, with when and why. The record of what was published and\n"
    "of its withdrawal stays (so do its bytes, in the store, for peel verify). A reason is\n"
    "one line that says something (not blank), at most 1,000 bytes.\n"
    "\n"
    "Examples:\n"
    "  peel report governance --period 2023-03 --out board-2023-03\n"
    "  peel publish board-2023-03\n"
    "  peel publish board-2023-03 --corrects 1 --reason 'March burglary figures revised'\n"
    "  peel publish --withdraw governance/2023-03/v1 --reason 'Named a victim on page 4'\n"
    "  peel publish --list\n",
};
