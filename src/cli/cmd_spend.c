/*
 * cmd_spend.c - `peel spend`: the spend register (store/spend.h,
 * ingest/spend_file.h).
 *
 *   peel spend import FILE [--body pcc|force] [--sheet NAME] [--reason TEXT] [--dry-run]
 *   peel spend list [--format text|csv|json]        every month's versions
 *   peel spend show [MONTH] [--body B] [--version N] [--by supplier|expense|month]
 *   peel spend sample FILE [--revised]              a SYNTHETIC file, for demos
 *
 * An import is audited as done by "cli:USER" with the command line.
 */
#include "assess/spend_tables.h"
#include "cli/commands.h"
#include "ingest/spend_file.h"
#include "model/money.h"
#include "synth/spend.h"
#include "util/month.h"

#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct spend_args {
    const char *arg; /* the action's operand */
    struct spend_file_options o;
    int version;
    int group; /* an enum spend_group, or -1: the items */
    bool revised;
    enum table_format format;
};

static int parse_option(int c, struct spend_args *a)
{
    enum spend_body b;
    char *end;
    if (c == 'b' && spend_body_parse(optarg, &b))
        a->o.body = (int)b;
    else if (c == 'b')
        return cli_usage_error(&cmd_spend, "--body must be pcc or force");
    else if (c == 's')
        a->o.sheet = optarg;
    else if (c == 'r')
        a->o.reason = optarg;
    else if (c == 'n')
        a->o.dry_run = true;
    else if (c == 'R')
        a->revised = true;
    else if (c == 'v' && (a->version = (int)strtol(optarg, &end, 10)) >= 1 && !*end)
        return 0;
    else if (c == 'v')
        return cli_usage_error(&cmd_spend, "--version must be a number from 1");
    else if (c == 'g')
        a->group = strcmp(optarg, "month") == 0      ? SPEND_BY_MONTH
                   : strcmp(optarg, "supplier") == 0 ? SPEND_BY_SUPPLIER
                   : strcmp(optarg, "expense") == 0  ? SPEND_BY_EXPENSE
                                                     : -2;
    else if (c == 'F' && strcmp(optarg, "text") == 0)
        a->format = TABLE_TEXT;
    else if (!(c == 'F' && cli_parse_format(optarg, &a->format)))
        return cli_usage_error(&cmd_spend,
                               c == 'F' ? "--format must be text, csv or json" : "unknown option");
    if (a->group == -2)
        return cli_usage_error(&cmd_spend, "--by must be month, supplier or expense");
    return 0;
}

/* Options and the operand after the action; 0, or 2 after saying why. */
static int parse(int argc, char **argv, struct spend_args *a)
{
    static const struct option longopts[] = {{"body", required_argument, NULL, 'b'},
                                             {"sheet", required_argument, NULL, 's'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"dry-run", no_argument, NULL, 'n'},
                                             {"revised", no_argument, NULL, 'R'},
                                             {"version", required_argument, NULL, 'v'},
                                             {"by", required_argument, NULL, 'g'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct spend_args){.o = {.body = -1}, .group = -1, .format = TABLE_AUTO};
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
        if (c == '?' || parse_option(c, a) != 0)
            return EXIT_USAGE;
    if (optind < argc)
        a->arg = argv[optind++];
    if (optind < argc)
        return cli_usage_error(&cmd_spend, "unexpected argument '%s'", argv[optind]);
    return 0;
}

static void print_report(const char *path, const struct spend_file_report *r, bool dry_run)
{
    for (size_t i = 0; i < r->nmonths; i++) {
        const struct spend_file_month *m = &r->months[i];
        char total[MONEY_TEXT_SIZE];
        money_format(m->total_pence, true, total);
        printf("%s %-5s %4zu items %14s  ", m->month, spend_body_word(m->body), m->items, total);
        if (m->outcome.version == 0)
            printf("unchanged: nothing published\n");
        else
            printf("%s version %d (%ld added, %ld removed, %ld changed)\n",
                   dry_run ? "would publish" : "published", m->outcome.version, m->outcome.added,
                   m->outcome.removed, m->outcome.changed);
    }
    printf("%s: %zu items, %zu supplier names redacted%s\n", path, r->rows, r->redacted,
           dry_run ? "; a dry run: nothing stored" : "");
    if (r->ignored.len)
        printf("%s: columns not read: %s\n", path, buf_str(&r->ignored));
}

static int spend_import(struct store *s, const struct spend_args *a, const struct audit_origin *by)
{
    assert(a->arg);
    struct spend_file_report r;
    struct buf err = BUF_INIT;
    int rc = spend_file_import(s, a->arg, &a->o, by, &r, &err);
    if (rc == 0)
        print_report(a->arg, &r, a->o.dry_run);
    else
        fprintf(stderr, "%speel spend: nothing imported\n", buf_str(&err));
    spend_file_report_free(&r);
    buf_free(&err);
    return rc;
}

/* The table made (rc 0) printed, or why not; then both freed. */
static int print_table(int rc, struct table *t, enum table_format format, struct buf *err)
{
    if (rc == 0)
        table_render(t, format, stdout);
    else
        fprintf(stderr, "peel spend: %s\n", buf_str(err));
    table_free(t);
    buf_free(err);
    return rc < 0 ? 1 : 0;
}

static int spend_list(struct store *s, const struct spend_args *a)
{
    struct table t;
    struct buf err = BUF_INIT;
    int rc = spend_versions_table(s, a->format == TABLE_TEXT || a->format == TABLE_AUTO, &t, &err);
    return print_table(rc, &t, a->format, &err);
}

static int spend_show(struct store *s, const struct spend_args *a)
{
    struct spend_filter f;
    spend_filter_default(&f);
    int m;
    if (a->arg && !month_parse(a->arg, strlen(a->arg), &m))
        return cli_usage_error(&cmd_spend, "show: MONTH is YYYY-MM, not '%s'", a->arg);
    if (a->version && !a->arg)
        return cli_usage_error(&cmd_spend, "--version needs a MONTH");
    f.month = a->arg;
    f.body = a->o.body;
    f.version = a->version;
    bool human = a->format == TABLE_TEXT || a->format == TABLE_AUTO;
    struct table t;
    struct buf err = BUF_INIT;
    int rc = a->group >= 0 ? spend_totals_table(s, &f, a->group, human, &t, &err)
                           : spend_items_table(s, &f, human, &t, &err);
    return print_table(rc, &t, a->format, &err);
}

static int spend_sample(const struct spend_args *a)
{
    if (!a->arg)
        return cli_usage_error(&cmd_spend, "sample: a FILE to write");
    FILE *out = fopen(a->arg, "w");
    if (!out) {
        perror(a->arg);
        return 1;
    }
    int n = synth_spend(out, a->revised);
    if (fclose(out) != 0) {
        perror(a->arg);
        return 1;
    }
    printf("%s: %d items of SYNTHETIC spend%s\n", a->arg, n, a->revised ? " (March revised)" : "");
    return 0;
}

static int run_spend(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"import", "list", "show", "sample"};
    int i = cli_action_of(&cmd_spend, argc, argv, actions, 4);
    if (i < 0)
        return EXIT_USAGE;
    struct spend_args a;
    int rc = parse(argc, argv, &a);
    if (rc || i == 3)
        return rc ? rc : spend_sample(&a);
    if (i == 0 && !a.arg) /* before a store is opened (or made) */
        return cli_usage_error(&cmd_spend, "import: a FILE (CSV or .xlsx)");
    char *command = cli_command_line(argc, argv); /* as typed: getopt reorders argv */
    struct store *s = cli_store(ctx);
    const char *user = cli_user_name();
    char actor[128];
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "unknown");
    struct audit_origin by = {actor, command};
    rc = !s       ? 1
         : i == 0 ? spend_import(s, &a, &by)
         : i == 1 ? spend_list(s, &a)
                  : spend_show(s, &a);
    free(command);
    return rc;
}

const struct peel_cmd cmd_spend = {
    "spend",
    run_spend,
    "the spend register: items over £500 and office-holders' expenses, by month, versioned",
    "peel spend import FILE [--body pcc|force] [--sheet NAME] [--reason TEXT] [--dry-run]\n"
    "       peel spend list [--format text|csv|json]\n"
    "       peel spend show [MONTH] [--body pcc|force] [--version N] [--by "
    "month|supplier|expense]\n"
    "                       [--format text|csv|json]\n"
    "       peel spend sample FILE [--revised]   (a SYNTHETIC file to import, for demos)",
    "Every item of spend over £500 of the Commissioner or the Chief Constable, and every\n"
    "item of office-holders' travel and subsistence (Specified Information Order 2011,\n"
    "para 3(g) and 3(h)), published month by month.\n"
    "\n"
    "import reads the Transparency Code layout offices publish, as CSV or the first sheet\n"
    "(--sheet: another) of an .xlsx workbook: date, transaction number, supplier, amount,\n"
    "expense type, purpose, and optionally body, service area, value for money, spent by\n"
    "(pcc or force; else --body says it for every row), supplier type and redact. Headers\n"
    "in any order and case; the usual other names are known (docs/spend.md). A supplier\n"
    "whose type is individual (or whose redact column says yes) is redacted before it is\n"
    "stored. A row whose transaction number is 'Total' states the file's total, which\n"
    "the items must add up to. Every row is checked first: any problem and nothing is\n"
    "stored, each listed as FILE:LINE: field: reason. At most 16 MiB and 50,000 rows.\n"
    "\n"
    "Each body's month is published as a version that never changes. A file that changes\n"
    "a month already published publishes a new version recording what changed (added,\n"
    "removed and changed transactions), and needs --reason to say why; a month the file\n"
    "leaves as it was is not published again. Every version is audited (peel audit list).\n"
    "\n"
    "Examples:\n"
    "  peel spend import spend-2025-03.csv --body force\n"
    "  peel spend import spend.xlsx --reason 'March: a duplicate invoice removed'\n"
    "  peel spend list\n"
    "  peel spend show 2025-03 --body force --version 1 --format csv\n"
    "  peel spend show --by supplier\n",
};
