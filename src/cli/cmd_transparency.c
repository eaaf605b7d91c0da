/*
 * cmd_transparency.c - `peel transparency`: the transparency calendar,
 * what a Commissioner must publish and when (store/transparency.h,
 * assess/transparency.h).
 *
 *   peel transparency load FILE [--dry-run]
 *   peel transparency check [--as-of DATE] [--all] [--format text|csv|json]
 *   peel transparency publish ITEM --date DATE --url URL [--period YYYY-MM]
 *   peel transparency event ITEM --date DATE --what TEXT
 *   peel transparency contact commissioner|deputy --date DATE --name NAME
 *                             --address TEXT [--email E] [--phone P]
 *   peel transparency contact deputy --date DATE --none
 *
 * check exits 0 when nothing is overdue, 1 when an item is overdue (a
 * daily check for cron) and 2 when it cannot tell (no calendar loaded,
 * bad usage, the store unreadable).
 */
#include "assess/transparency.h"
#include "cli/commands.h"
#include "cli/date_args.h"
#include "ingest/transparency_file.h"
#include "store/office_holders.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tr_args {
    const char *operand, *url, *what;
    const char *name, *address, *email, *phone; /* contact's */
    int as_of, date, period;
    bool all, dry_run, none;
    enum table_format format;
};

static bool option(int c, const char *arg, struct tr_args *a)
{
    const struct peel_cmd *cmd = &cmd_transparency;
    switch (c) {
    case 'a':
        return cli_date_arg(cmd, "--as-of", arg, &a->as_of);
    case 'd':
        return cli_date_arg(cmd, "--date", arg, &a->date);
    case 'p':
        if (month_parse(arg, strlen(arg), &a->period))
            return true;
        return cli_usage_error(cmd, "--period is a month YYYY-MM (any month of the period)") == 0;
    case 'u':
        a->url = arg;
        return true;
    case 'w':
        a->what = arg;
        return true;
    case 'N':
        a->name = arg;
        return true;
    case 'r':
        a->address = arg;
        return true;
    case 'e':
        a->email = arg;
        return true;
    case 'P':
        a->phone = arg;
        return true;
    case '0':
        a->none = true;
        return true;
    case 'A':
        a->all = true;
        return true;
    case 'n':
        a->dry_run = true;
        return true;
    case 'F':
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(cmd, "--format must be text, csv or json") == 0;
    }
    return false;
}

static int parse(int argc, char **argv, struct tr_args *a)
{
    static const struct option longopts[] = {
        {"as-of", required_argument, NULL, 'a'},   {"date", required_argument, NULL, 'd'},
        {"period", required_argument, NULL, 'p'},  {"url", required_argument, NULL, 'u'},
        {"what", required_argument, NULL, 'w'},    {"name", required_argument, NULL, 'N'},
        {"address", required_argument, NULL, 'r'}, {"email", required_argument, NULL, 'e'},
        {"phone", required_argument, NULL, 'P'},   {"none", no_argument, NULL, '0'},
        {"all", no_argument, NULL, 'A'},           {"dry-run", no_argument, NULL, 'n'},
        {"format", required_argument, NULL, 'F'},  {NULL, 0, NULL, 0}};
    *a =
        (struct tr_args){.as_of = DATE_NONE, .date = DATE_NONE, .period = -1, .format = TABLE_AUTO};
    cli_reset_getopt();
    argc--, argv++;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
        if (c == '?' || !option(c, optarg, a))
            return c == '?'
                       ? cli_usage_error(&cmd_transparency, "unknown option '%s'", argv[optind - 1])
                       : EXIT_USAGE;
    if (optind < argc)
        a->operand = argv[optind++];
    if (optind < argc)
        return cli_usage_error(&cmd_transparency, "unexpected argument '%s'", argv[optind]);
    if (a->as_of == DATE_NONE)
        a->as_of = date_today();
    return 0;
}

static int tr_load(struct store *s, const struct tr_args *a, const struct audit_origin *by)
{
    if (!a->operand)
        return cli_usage_error(&cmd_transparency, "load: the calendar's FILE");
    struct buf err = BUF_INIT;
    size_t n = 0;
    int rc = transparency_file_load(s, a->operand, a->dry_run, by, &n, &err);
    if (rc == 0)
        printf("%s: %zu items %s\n", a->operand, n,
               a->dry_run ? "checked (nothing stored: --dry-run)" : "loaded; the calendar in use");
    else
        fprintf(stderr, "peel transparency: %s%s", buf_str(&err),
                err.len && err.p[err.len - 1] == '\n' ? "" : "\n");
    buf_free(&err);
    return rc;
}

static int tr_check(struct store *s, const struct tr_args *a)
{
    struct tr_report r;
    struct buf err = BUF_INIT;
    if (tr_report_build(s, a->as_of, &r, &err) < 0) {
        fprintf(stderr, "peel transparency: %s\n", buf_str(&err));
        buf_free(&err);
        return 2;
    }
    buf_free(&err);
    if (r.n == 0) {
        fprintf(stderr, "peel transparency: no calendar loaded: peel transparency load "
                        "data/transparency/england-and-wales.csv\n");
        return 2;
    }
    struct table shown;
    tr_report_table(&r, a->all, a->format == TABLE_TEXT || a->format == TABLE_AUTO, &shown);
    char today[DATE_TEXT_SIZE];
    date_format(a->as_of, today);
    table_set_title(&shown, a->all ? "The transparency calendar" : "Due and overdue");
    table_add_note(&shown, "As of %s: %zu overdue, %zu due within %d days, of %zu items.", today,
                   r.overdue, r.due_soon, TR_SOON_DAYS, r.n);
    table_render(&shown, a->format, stdout);
    int rc = r.overdue > 0 ? 1 : 0;
    table_free(&shown);
    tr_report_free(&r);
    return rc;
}

/* A change's answer: 0, or what was refused and why. */
static int said(int rc, const char *key, const struct buf *err)
{
    if (rc > 0)
        fprintf(stderr, "peel transparency: %s: %s\n", key, tr_refusal_text(rc));
    else if (rc < 0)
        fprintf(stderr, "peel transparency: %s: %s\n", key, buf_str(err));
    return rc == 0 ? 0 : rc > 0 ? EXIT_USAGE : 1;
}

static int tr_publish(struct store *s, const struct tr_args *a, const struct audit_origin *by)
{
    if (!a->operand || a->date == DATE_NONE || !a->url)
        return cli_usage_error(&cmd_transparency, "publish: ITEM --date DATE --url URL");
    struct buf err = BUF_INIT;
    int rc = said(store_tr_publish(s, a->operand, a->date, a->period, a->url, by, &err), a->operand,
                  &err);
    if (rc == 0) {
        char on[DATE_TEXT_SIZE];
        date_format(a->date, on);
        printf("%s: published on %s at %s\n", a->operand, on, a->url);
    }
    buf_free(&err);
    return rc;
}

static int tr_event(struct store *s, const struct tr_args *a, const struct audit_origin *by)
{
    if (!a->operand || a->date == DATE_NONE || !a->what)
        return cli_usage_error(&cmd_transparency, "event: ITEM --date DATE --what TEXT");
    struct buf err = BUF_INIT;
    int rc = said(store_tr_event(s, a->operand, a->date, a->what, by, &err), a->operand, &err);
    if (rc == 0)
        printf("%s: recorded; it is due again\n", a->operand);
    buf_free(&err);
    return rc;
}

static int tr_contact(struct store *s, const struct tr_args *a, const struct audit_origin *by)
{
    struct oh_contact c = {.withdrawn = a->none,
                           .name = a->name ? a->name : "",
                           .address = a->address ? a->address : "",
                           .email = a->email ? a->email : "",
                           .phone = a->phone ? a->phone : "",
                           .from = a->date};
    if (!a->operand || !oh_holder_parse(a->operand, &c.holder) || a->date == DATE_NONE)
        return cli_usage_error(&cmd_transparency, "contact: commissioner|deputy --date DATE "
                                                  "(--name NAME --address TEXT, or --none)");
    struct buf err = BUF_INIT;
    bool published = false;
    int rc = store_oh_record(s, &c, by, &published, &err);
    char from[DATE_TEXT_SIZE];
    date_format(a->date, from);
    if (rc < 0)
        fprintf(stderr, "peel transparency: contact %s: %s\n", a->operand, buf_str(&err));
    else if (a->none)
        printf("%s: none from %s\n", oh_holder_title(c.holder), from);
    else
        printf("%s: contact details recorded from %s%s\n", oh_holder_title(c.holder), from,
               published ? "; published at " OH_URL : "");
    buf_free(&err);
    return rc < 0 ? 1 : 0;
}

static int run_transparency(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"load", "check", "publish", "event", "contact"};
    int i = cli_action_of(&cmd_transparency, argc, argv, actions, 5);
    if (i < 0)
        return EXIT_USAGE;
    char *command = cli_command_line(argc, argv);
    struct tr_args a;
    int rc = parse(argc, argv, &a);
    struct store *s = rc ? NULL : cli_store(ctx);
    const char *user = cli_user_name();
    char actor[128];
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "unknown");
    struct audit_origin by = {actor, command};
    if (rc || !s)
        rc = rc ? rc : 2;
    else if (i == 0)
        rc = tr_load(s, &a, &by);
    else if (i == 1)
        rc = tr_check(s, &a);
    else if (i == 2)
        rc = tr_publish(s, &a, &by);
    else if (i == 3)
        rc = tr_event(s, &a, &by);
    else
        rc = tr_contact(s, &a, &by);
    free(command);
    return rc;
}

const struct peel_cmd cmd_transparency = {
    "transparency",
    run_transparency,
    "what the Commissioner must publish, and when: load the calendar, check what is overdue",
    "peel transparency load FILE [--dry-run]\n"
    "       peel transparency check [--as-of DATE] [--all] [--format text|csv|json]\n"
    "       peel transparency publish ITEM --date DATE --url URL [--period YYYY-MM]\n"
    "       peel transparency event ITEM --date DATE --what TEXT\n"
    "       peel transparency contact commissioner|deputy --date DATE --name NAME\n"
    "                                 --address TEXT [--email E] [--phone P]\n"
    "       peel transparency contact deputy --date DATE --none",
    "The transparency calendar is every item of the Specified Information Order 2011 as\n"
    "amended, and the Police Act 1996 s.55 responses, as data: Peel ships it as\n"
    "data/transparency/england-and-wales.csv (docs/transparency.md). load checks a file\n"
    "whole and stores it as the calendar in use (each load kept and audited).\n"
    "\n"
    "check lists the items overdue and due within 14 days (--all: every item), as of\n"
    "today or --as-of DATE. Exit status: 0 nothing is overdue; 1 an item is overdue;\n"
    "2 it cannot tell (no calendar loaded, bad usage, the store unreadable). As a daily\n"
    "cron check:\n"
    "  0 8 * * 1-5  peel --db /srv/peel.db transparency check >/dev/null || notify-staff\n"
    "\n"
    "publish records that ITEM was published on DATE at URL; an item published by\n"
    "period (monthly, quarterly, annual, before-year) says which with --period, any\n"
    "month of it (2026-10 for October 2026; 2026-04 for the year 2026-27). event\n"
    "records a change or an event (a new PEEL report) that makes an on-change or\n"
    "event item due again. Items kept by Peel's registers (decisions, HMICFRS\n"
    "responses) are read from them, not recorded here.\n"
    "\n"
    "contact records the address for correspondence (and an email address and\n"
    "telephone number, if given) of the Commissioner or the Deputy from DATE\n"
    "(Order Sch. 1 para 1(b)); --none says there is no Deputy now. The public\n"
    "/transparency page shows the latest at once, and the office-holders item is\n"
    "recorded as published on DATE. Each recording is kept and audited.\n"
    "\n"
    "Examples:\n"
    "  peel transparency load data/transparency/england-and-wales.csv\n"
    "  peel transparency publish spend --period 2026-10 --date 2026-11-20 \\\n"
    "       --url https://example.org/spend/2026-10.csv\n"
    "  peel transparency check --as-of 2026-12-01\n"
    "  peel transparency contact commissioner --date 2026-05-09 --name 'A Person' \\\n"
    "       --address 'Police HQ, St Johns, Enderby LE19 2BX' --email pcc@example.org\n",
};
