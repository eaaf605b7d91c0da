/*
 * cmd_clock.c - `peel clock`: the Office's deadlines (store/clocks.h).
 *
 *   peel clock start SUBJECT --days N [--working] [--from DATE] [--day-after] --for TEXT
 *   peel clock stop ID --reason TEXT [--on DATE]
 *   peel clock resume ID [--on DATE]
 *   peel clock extend ID --days N --reason TEXT [--on DATE]
 *   peel clock complete ID [--on DATE]
 *   peel clock show ID
 *   peel clock list [--overdue] [--due-within DAYS] [--limit N] [--format text|csv|json]
 * and --today DATE with any of them (tests, and checks of another day).
 *
 * `peel clock list --overdue` exits 1 when a clock is overdue: a check for
 * cron. Every change is audited as done by "cli:USER" with the command line.
 */
#include "cli/commands.h"
#include "cli/date_args.h"
#include "store/clocks.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct clock_args {
    const char *operand, *purpose, *reason;
    int days, from, on, today, due_within, limit;
    bool working, day_after, overdue;
    enum table_format format;
};

/* One option into a; false after saying what is wrong. */
static bool option(int c, const char *arg, void *args)
{
    struct clock_args *a = args;
    const struct peel_cmd *cmd = &cmd_clock;
    switch (c) {
    case 'n':
        return cli_days_arg(cmd, "--days", arg, 1, CLOCK_MAX_DAYS, &a->days);
    case 'f':
        return cli_date_arg(cmd, "--from", arg, &a->from);
    case 'o':
        return cli_date_arg(cmd, "--on", arg, &a->on);
    case 't':
        return cli_date_arg(cmd, "--today", arg, &a->today);
    case 'W':
        return cli_days_arg(cmd, "--due-within", arg, 0, CLOCK_MAX_DAYS, &a->due_within);
    case 'l':
        return cli_days_arg(cmd, "--limit", arg, 1, CLOCKS_LIST_MAX, &a->limit);
    case 'p':
        a->purpose = arg;
        return true;
    case 'r':
        a->reason = arg;
        return true;
    case 'w':
        a->working = true;
        return true;
    case 'd':
        a->day_after = true;
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

/* The options and the operand after the action; 0, or 2 after saying why. */
static int parse(int argc, char **argv, struct clock_args *a)
{
    static const struct option longopts[] = {{"days", required_argument, NULL, 'n'},
                                             {"from", required_argument, NULL, 'f'},
                                             {"on", required_argument, NULL, 'o'},
                                             {"today", required_argument, NULL, 't'},
                                             {"due-within", required_argument, NULL, 'W'},
                                             {"limit", required_argument, NULL, 'l'},
                                             {"for", required_argument, NULL, 'p'},
                                             {"reason", required_argument, NULL, 'r'},
                                             {"working", no_argument, NULL, 'w'},
                                             {"day-after", no_argument, NULL, 'd'},
                                             {"overdue", no_argument, NULL, 'O'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct clock_args){.from = DATE_NONE,
                             .on = DATE_NONE,
                             .today = DATE_NONE,
                             .due_within = -1,
                             .limit = 100,
                             .format = TABLE_AUTO};
    const char *operand[1] = {NULL};
    int rc = cli_parse_options(&cmd_clock, argc, argv, longopts, option, a, operand, 1);
    if (rc != 0)
        return rc;
    a->operand = operand[0];
    if (a->today == DATE_NONE)
        a->today = date_today();
    if (a->on == DATE_NONE)
        a->on = a->today;
    return 0;
}

/* A clock's id from the operand; false after saying why. */
static bool clock_id(const char *action, const struct clock_args *a, int64_t *id)
{
    char *end = NULL;
    long long v = a->operand ? strtoll(a->operand, &end, 10) : 0;
    if (a->operand && *a->operand && end && !*end && v > 0) {
        *id = v;
        return true;
    }
    cli_usage_error(&cmd_clock, "%s: the clock's ID (a number: peel clock list shows them)",
                    action);
    return false;
}

static void say_clock(void *arg, const struct clock_view *v)
{
    (void)arg;
    const struct clock_status *st = &v->status;
    char due[DATE_TEXT_SIZE] = "", start[DATE_TEXT_SIZE];
    date_format(v->spec.start, start);
    printf("clock %lld: %s (%s): %d %s days", (long long)v->id, v->subject, v->purpose,
           st->total_days, clock_basis_name(v->spec.basis));
    printf(" starting %s %s; %s", v->spec.rule == CLOCK_DAY_AFTER ? "the day after" : "on", start,
           clock_state_name(st->state));
    if (st->due == DATE_NONE) {
        printf(", %d days still to count\n", st->days_left);
        return;
    }
    date_format(st->due, due);
    printf(", due %s (%s)", due, date_weekday_name(st->due));
    if (st->state == CLOCK_COMPLETED)
        printf(st->days_left < 0 ? ", finished %d days late\n" : "\n", -st->days_left);
    else if (st->overdue)
        printf(", OVERDUE\n");
    else
        printf(", %d days left\n", st->days_left);
}

/* Shows clock id as of a->today; 0, or 1 after saying why not. */
static int show(struct store *s, int64_t id, const struct clock_args *a)
{
    struct buf err = BUF_INIT;
    int rc = store_clock_get(s, id, a->today, say_clock, NULL, &err);
    if (rc == CLOCK_UNKNOWN)
        fprintf(stderr, "peel clock: clock %lld: %s\n", (long long)id,
                clock_refusal_text(CLOCK_UNKNOWN));
    else if (rc < 0)
        fprintf(stderr, "peel clock: %s\n", buf_str(&err));
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

/* What a change's answer means, said once for every action: the clock as
 * it now is, or why not. */
static int report(struct store *s, int rc, int64_t id, const struct clock_args *a,
                  const struct buf *err)
{
    if (rc == CLOCK_ACCEPTED)
        return show(s, id, a);
    if (rc > 0)
        fprintf(stderr, "peel clock: clock %lld: %s\n", (long long)id,
                clock_refusal_text((enum clock_refusal)rc));
    else
        fprintf(stderr, "peel clock: %s\n", buf_str(err));
    return rc == CLOCK_NO_REASON ? EXIT_USAGE : 1;
}

static int clock_start(struct store *s, const struct clock_args *a, const struct audit_origin *by)
{
    if (!a->operand || !clock_subject_ok(a->operand))
        return cli_usage_error(&cmd_clock, "start: a SUBJECT KIND:KEY, such as review:R-2026-0041 "
                                           "or hmicfrs:2026-03");
    if (!a->days || !a->purpose || !*a->purpose)
        return cli_usage_error(&cmd_clock, "start: --days N and --for TEXT are required");
    struct clock_new c = {a->operand,
                          a->purpose,
                          {a->working ? CLOCK_WORKING_DAYS : CLOCK_CALENDAR_DAYS,
                           a->day_after ? CLOCK_DAY_AFTER : CLOCK_SAME_DAY,
                           a->from == DATE_NONE ? a->today : a->from, a->days}};
    struct buf err = BUF_INIT;
    int64_t id = 0;
    int rc = store_clock_start(s, &c, by, &id, &err);
    rc = report(s, rc, id, a, &err);
    buf_free(&err);
    return rc;
}

/* stop, resume, extend, complete: i is the action's index. */
static int clock_change(struct store *s, int i, const char *action, const struct clock_args *a,
                        const struct audit_origin *by)
{
    int64_t id;
    if (!clock_id(action, a, &id))
        return EXIT_USAGE;
    if ((i == 1 || i == 3) && !a->reason)
        return cli_usage_error(&cmd_clock, "%s: --reason TEXT is required", action);
    if (i == 3 && !a->days)
        return cli_usage_error(&cmd_clock, "extend: --days N is required");
    struct buf err = BUF_INIT;
    int rc = i == 1   ? store_clock_stop(s, id, a->on, a->reason, by, &err)
             : i == 2 ? store_clock_resume(s, id, a->on, by, &err)
             : i == 3 ? store_clock_extend(s, id, a->on, a->days, a->reason, by, &err)
                      : store_clock_complete(s, id, a->on, by, &err);
    rc = report(s, rc, id, a, &err);
    buf_free(&err);
    return rc;
}

static void add_row(void *arg, const struct clock_view *v)
{
    struct table *t = arg;
    const struct clock_status *st = &v->status;
    char start[DATE_TEXT_SIZE], due[DATE_TEXT_SIZE] = "";
    date_format(v->spec.start, start);
    if (st->due != DATE_NONE)
        date_format(st->due, due);
    size_t r = table_add_row(t);
    table_set_int(t, r, 0, v->id);
    table_set_text(t, r, 1, v->subject);
    table_set_text(t, r, 2, v->purpose);
    table_set_text(t, r, 3, clock_basis_name(v->spec.basis));
    table_set_int(t, r, 4, st->total_days);
    table_set_text(t, r, 5, start);
    table_set_text(t, r, 6, clock_rule_name(v->spec.rule));
    table_set_text(t, r, 7, clock_state_name(st->state));
    table_set_text(t, r, 8, st->due == DATE_NONE ? NULL : due);
    table_set_int(t, r, 9, st->days_left);
    table_set_text(t, r, 10, st->overdue ? "yes" : "no");
}

static int clock_list(struct store *s, const struct clock_args *a)
{
    static const char *const cols[] = {"id",   "subject", "for", "basis",     "days",   "start",
                                       "rule", "state",   "due", "days_left", "overdue"};
    struct clock_filter f = {a->today, a->overdue,
                             a->due_within >= 0 ? a->today + a->due_within : DATE_NONE,
                             (size_t)a->limit};
    struct table t;
    table_init(&t, 11, cols);
    struct buf err = BUF_INIT;
    size_t matched = 0;
    int rc = store_clocks_list(s, &f, add_row, &t, &matched, &err);
    if (rc == 0) {
        char today[DATE_TEXT_SIZE];
        date_format(a->today, today);
        table_set_title(&t, a->overdue ? "Overdue clocks" : "Clocks not completed");
        table_add_note(&t, "As of %s; days_left in each clock's basis (negative: overdue by).",
                       today);
        if (matched > t.nrows)
            table_add_note(&t, "The first %zu of %zu, by due date (--limit).", t.nrows, matched);
        table_render(&t, a->format, stdout);
    } else {
        fprintf(stderr, "peel clock: %s\n", buf_str(&err));
    }
    table_free(&t);
    buf_free(&err);
    /* a check for cron: anything overdue fails it */
    return rc != 0 ? 2 : a->overdue && matched > 0 ? 1 : 0;
}

static int run_clock(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const actions[] = {"start",    "stop", "resume", "extend",
                                          "complete", "show", "list"};
    int i = cli_action_of(&cmd_clock, argc, argv, actions, 7);
    if (i < 0)
        return EXIT_USAGE;
    const char *action = argv[1];
    char *command = cli_command_line(argc, argv); /* as typed: getopt reorders argv */
    struct clock_args a;
    int rc = parse(argc, argv, &a);
    struct store *s = rc ? NULL : cli_store(ctx);
    const char *user = cli_user_name();
    char actor[128];
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "unknown");
    struct audit_origin by = {actor, command};
    int64_t id;
    if (rc || !s)
        rc = rc ? rc : 1;
    else if (i == 0)
        rc = clock_start(s, &a, &by);
    else if (i <= 4)
        rc = clock_change(s, i, action, &a, &by);
    else if (i == 5)
        rc = clock_id("show", &a, &id) ? show(s, id, &a) : EXIT_USAGE;
    else
        rc = clock_list(s, &a);
    free(command);
    return rc;
}

const struct peel_cmd cmd_clock = {
    "clock",
    run_clock,
    "deadlines in calendar or working days: start, stop, resume, extend, complete, list",
    "peel clock start SUBJECT --days N [--working] [--from DATE] [--day-after] --for TEXT\n"
    "       peel clock stop ID --reason TEXT [--on DATE]\n"
    "       peel clock resume|complete ID [--on DATE]\n"
    "       peel clock extend ID --days N --reason TEXT [--on DATE]\n"
    "       peel clock show ID\n"
    "       peel clock list [--overdue] [--due-within DAYS] [--limit N] [--format text|csv|json]\n"
    "       (any of them: --today DATE)",
    "A clock counts N days, calendar days or --working days (Mondays to Fridays that are\n"
    "not bank holidays: peel calendar), from --from DATE (default today). Day 1 of the\n"
    "count is that date, or with --day-after the day after it (\"28 days starting the day\n"
    "after the outcome was given\"); the due date is day N. A clock belongs to a SUBJECT,\n"
    "KIND:KEY (review:R-2026-0041, hmicfrs:2026-03, decision:PCC/2026/014), and says\n"
    "what it is --for.\n"
    "\n"
    "stop leaves out the days from its date (--on, default today) until resume's date,\n"
    "which counts again; extend adds N days with a reason; complete ends it. Nothing\n"
    "changes a completed clock. The due date is worked out from this history each\n"
    "time, never stored; every change is audited (peel audit list).\n"
    "\n"
    "list shows the clocks not completed, earliest due first: --overdue only those past\n"
    "their due date, --due-within DAYS those due within DAYS of today (overdue ones\n"
    "too). --today DATE works as if it were that day.\n"
    "\n"
    "As a cron check, peel clock list --overdue exits 1 when any clock is overdue\n"
    "(0 when none, 2 when it cannot tell):\n"
    "  0 8 * * 1-5  peel --db /srv/peel.db clock list --overdue >/dev/null || notify-staff\n"
    "\n"
    "Examples:\n"
    "  peel clock start review:R-2026-0041 --days 28 --day-after --from 2026-03-02 \\\n"
    "       --for 'Complaint review application window'\n"
    "  peel clock stop 1 --reason 'Sent to the force in error' --on 2026-03-10\n"
    "  peel clock resume 1 --on 2026-03-15\n"
    "  peel clock list --due-within 7\n",
};
