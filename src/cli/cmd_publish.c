/*
 * cmd_publish.c - `peel publish`: freeze a report folder in the store, and
 * list what has been published.
 */
#include "cli/commands.h"
#include "report/report_folder.h"
#include "store/publish.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct publish_args {
    const char *dir, *reason;
    int corrects;
    bool list;
    enum table_format fmt;
};

/* Whether this folder may be published, by the rules of a correction. */
static int check_version(struct store *s, const struct report_folder *f,
                         const struct publish_args *a, struct publication_head *latest, bool *done)
{
    bool have = store_publication_latest(s, f->kind, f->period, latest);
    *done = have && strcmp(latest->sha256, f->sha256) == 0;
    if (*done)
        return 0;
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
}

static int list(struct peel_ctx *ctx, enum table_format fmt)
{
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    static const char *const cols[] = {"kind",         "period",   "version", "published_at",
                                       "published_by", "corrects", "reason",  "files",
                                       "bytes",        "sha256"};
    struct table t;
    table_init(&t, 10, cols);
    struct buf err = BUF_INIT;
    int rc = store_publications(s, list_row, &t, &err);
    if (rc == 0) {
        table_set_title(&t, "Published reports (newest first); a published version never changes");
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
    static const struct option longopts[] = {{"corrects", required_argument, NULL, 'c'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"list", no_argument, NULL, 'l'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    struct publish_args a = {.fmt = TABLE_AUTO};
    int c;
    char *end;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'c' && ((a.corrects = (int)strtol(optarg, &end, 10)) < 1 || *end))
            return cli_usage_error(&cmd_publish, "--corrects takes a version number");
        if (c == 'r')
            a.reason = optarg;
        else if (c == 'l')
            a.list = true;
        else if (c == 'F' && !cli_parse_format(optarg, &a.fmt))
            return cli_usage_error(&cmd_publish, "--format must be table, csv or json");
        else if (c != 'c' && c != 'r' && c != 'l' && c != 'F')
            return cli_usage_error(&cmd_publish, "unknown option '%s'", argv[optind - 1]);
    }
    if (a.list)
        return optind == argc ? list(ctx, a.fmt)
                              : cli_usage_error(&cmd_publish, "--list takes no folder");
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_publish, "give one report folder");
    if (a.corrects && (!a.reason || !*a.reason))
        return cli_usage_error(&cmd_publish, "a correction says why: --reason TEXT");
    if (a.reason && !a.corrects)
        return cli_usage_error(&cmd_publish, "--reason goes with --corrects VERSION");
    a.dir = argv[optind];
    return publish(ctx, &a);
}

const struct peel_cmd cmd_publish = {
    "publish",
    run_publish,
    "freeze a report in the store: published versions never change",
    "peel publish REPORT-DIR [--corrects VERSION --reason TEXT]\n"
    "       peel publish --list [--format table|csv|json]",
    "Copies every file of a report folder made by `peel report` into the store, with the\n"
    "SHA-256 of each and of the whole, the report's kind and period (from report.json), the\n"
    "time and who published it. A published version never changes and is never removed: the\n"
    "store refuses it. Publishing the same folder again changes nothing. A different report\n"
    "for the same kind and period is a correction: it needs --corrects VERSION and --reason,\n"
    "and is stored as the next version, naming the one it corrects and why.\n"
    "\n"
    "Examples:\n"
    "  peel report governance --period 2023-03 --out board-2023-03\n"
    "  peel publish board-2023-03\n"
    "  peel publish board-2023-03 --corrects 1 --reason 'March burglary figures revised'\n"
    "  peel publish --list\n",
};
