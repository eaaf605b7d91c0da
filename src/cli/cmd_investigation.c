/*
 * cmd_investigation.c - `peel investigation`: complaint investigations the
 * force reports unfinished at 12 months, then every 6 (Police (Complaints
 * and Misconduct) Regulations 2020 reg. 13; store/investigations.h).
 *
 *   peel investigation add REF --began DATE [--by force|iopc-directed|iopc]
 *   peel investigation report REF --note TEXT [--on DATE]
 *   peel investigation finish REF [--on DATE] [--note TEXT]
 *   peel investigation list [--overdue] [--today DATE] [--format text|csv|json]
 *
 * list --overdue exits 1 when a report is overdue (for cron). Every change
 * is audited as done by "cli:USER" with the command line.
 */
#include "cli/commands.h"
#include "cli/date_args.h"
#include "store/investigations.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct inv_args {
    const char *operand, *by_whom, *note;
    int began, on, today;
    bool overdue;
    enum table_format format;
};

static bool option(int c, const char *arg, void *args)
{
    struct inv_args *a = args;
    const struct peel_cmd *cmd = &cmd_investigation;
    switch (c) {
    case 'b':
        return cli_date_arg(cmd, "--began", arg, &a->began);
    case 'o':
        return cli_date_arg(cmd, "--on", arg, &a->on);
    case 't':
        return cli_date_arg(cmd, "--today", arg, &a->today);
    case 'y':
        a->by_whom = arg;
        return true;
    case 'n':
        a->note = arg;
        return true;
    case 'O':
        a->overdue = true;
        return true;
    case 'F':
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(cmd, "--format must be text, csv or json") == 0;
    }
    return false;
}

static int parse(int argc, char **argv, struct inv_args *a)
{
    static const struct option longopts[] = {
        {"began", required_argument, NULL, 'b'},  {"on", required_argument, NULL, 'o'},
        {"today", required_argument, NULL, 't'},  {"by", required_argument, NULL, 'y'},
        {"note", required_argument, NULL, 'n'},   {"overdue", no_argument, NULL, 'O'},
        {"format", required_argument, NULL, 'F'}, {NULL, 0, NULL, 0}};
    *a = (struct inv_args){.by_whom = "force",
                           .began = DATE_NONE,
                           .on = DATE_NONE,
                           .today = DATE_NONE,
                           .format = TABLE_AUTO};
    const char *operand[1] = {NULL};
    int rc = cli_parse_options(&cmd_investigation, argc, argv, longopts, option, a, operand, 1);
    a->operand = operand[0];
    if (a->today == DATE_NONE)
        a->today = date_today();
    if (a->on == DATE_NONE)
        a->on = a->today;
    return rc;
}

static void row(void *arg, const struct investigation_view *v)
{
    struct table *t = arg;
    size_t r = table_add_row(t);
    table_set_text(t, r, 0, v->ref);
    table_set_text(t, r, 1, v->by_whom);
    table_set_date(t, r, 2, v->began);
    table_set_int(t, r, 3, v->reports);
    table_set_date(t, r, 4, v->finished_on);
    if (v->finished_on == DATE_NONE) {
        table_set_int(t, r, 5, v->period);
        table_set_date(t, r, 6, v->period_last);
        table_set_date(t, r, 7, v->report_due);
        table_set_text(t, r, 8, v->overdue ? "OVERDUE" : "");
    }
}

static int list(struct store *s, const struct inv_args *a)
{
    static const char *const cols[] = {"ref",         "investigator", "began",
                                       "reports",     "finished",     "period",
                                       "period_ends", "report_due",   "overdue"};
    struct table t;
    table_init(&t, 9, cols);
    table_set_title(&t, "Investigations reported as running long (reg. 13)");
    struct buf err = BUF_INIT;
    int rc = store_investigations_list(s, a->today, a->overdue, row, &t, &err);
    if (rc == 0)
        table_render(&t, a->format, stdout);
    else
        fprintf(stderr, "peel investigation: %s\n", buf_str(&err));
    rc = rc != 0 || (a->overdue && t.nrows > 0) ? 1 : 0;
    table_free(&t);
    buf_free(&err);
    return rc;
}

static int change(struct store *s, int action, const struct inv_args *a,
                  const struct audit_origin *by)
{
    struct buf err = BUF_INIT;
    int rc = action == 0   ? store_investigation_add(s, a->operand, a->began, a->by_whom, by, &err)
             : action == 1 ? store_investigation_report(s, a->operand, a->on, a->note, by, &err)
                           : store_investigation_finish(s, a->operand, a->on, a->note, by, &err);
    if (rc == 0)
        printf("investigation %s: %s\n", a->operand,
               action == 0   ? "recorded; the clock of its first report started"
               : action == 1 ? "report recorded; the next period's clock started"
                             : "ended; its report clock completed");
    else
        fprintf(stderr, "peel investigation: %s\n", buf_str(&err));
    buf_free(&err);
    return rc == 0 ? 0 : rc == INVESTIGATION_REFUSED ? EXIT_USAGE : 1;
}

static int run_investigation(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"add", "report", "finish", "list"};
    int i = cli_action_of(&cmd_investigation, argc, argv, actions, 4);
    if (i < 0)
        return EXIT_USAGE;
    const char *action = argv[1];
    struct inv_args a;
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    if (i < 3 && !a.operand)
        return cli_usage_error(&cmd_investigation, "%s: the force's REF", action);
    struct store *s = i == 0 ? cli_store_create(ctx) : cli_store(ctx);
    if (!s)
        return 1;
    if (i == 3)
        return list(s, &a);
    /* a report's note is a case note: the audit log counts it, never keeps it */
    static const char *const notes[] = {"--note"};
    char *command = cli_command_line_withheld(argc, argv, notes, 1);
    const char *user = cli_user_name();
    char actor[128];
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "unknown");
    struct audit_origin by = {actor, command};
    rc = change(s, i, &a, &by);
    free(command);
    return rc;
}

const struct peel_cmd cmd_investigation = {
    "investigation",
    run_investigation,
    "complaint investigations unfinished at 12 months, then every 6: reports owed",
    "peel investigation add REF --began DATE [--by force|iopc-directed|iopc]\n"
    "       peel investigation report REF --note TEXT [--on DATE]\n"
    "       peel investigation finish REF [--on DATE] [--note TEXT]\n"
    "       peel investigation list [--overdue] [--today DATE] [--format text|csv|json]",
    "An investigation not completed within 12 months of the complaint, then within\n"
    "each 6 months after, must be reported on to the Commissioner as soon as\n"
    "practicable (Police (Complaints and Misconduct) Regulations 2020 reg. 13;\n"
    "docs/concerns.md). add records the force's REF and the date its 12 months run\n"
    "from (--began: the complaint's date) and starts the clock of its first report:\n"
    "due 14 days after the period ends (the Office's standard). report records the\n"
    "report for the next period (after that period ends), completing its clock and\n"
    "starting the next; finish records its end. The clocks are in peel clock list\n"
    "and on /staff/clocks; list --overdue exits 1 when a report is overdue.\n"
    "\n"
    "Examples:\n"
    "  peel investigation add CO/00123/25 --began 2025-03-02\n"
    "  peel investigation report CO/00123/25 --on 2026-03-10 --note 'Interviews done; "
    "ends June'\n"
    "  peel investigation list --overdue\n",
};
