/*
 * cmd_award.c - `peel award`: what happens after a Safety Fund award
 * (store/fund_after.h, assess/fund_after_tables.h). An award is named as
 * `peel fund awards` lists it: its round and number, "SF-R1-2".
 *
 *   peel award pay AWARD --amount AMOUNT --reference REF [--on DATE] [--txn TXN]
 *   peel award reverse AWARD N --reason TEXT [--on DATE]
 *   peel award payments [--round ROUND] [--format text|csv|json]
 *   peel award return-due AWARD --due DATE --covers TEXT
 *   peel award return AWARD N --delivered TEXT --status met|partly-met|not-met [--on DATE]
 *   peel award returns [--round ROUND] [--today DATE] [--format text|csv|json]
 *
 * Every change is audited as done by "cli:USER" with the command line.
 */
#include "assess/fund_after_tables.h"
#include "cli/commands.h"
#include "model/calendar.h"
#include "model/money.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct award_args {
    const char *verb, *award, *number;
    const char *amount, *reference, *on, *txn, *round, *due, *covers, *delivered, *status, *today,
        *reason;
    enum table_format format;
};

static bool option(int c, const char *arg, void *args)
{
    struct award_args *a = args;
    const char **slot[] = {
        ['a'] = &a->amount, ['r'] = &a->reference, ['o'] = &a->on,     ['x'] = &a->txn,
        ['R'] = &a->round,  ['d'] = &a->due,       ['c'] = &a->covers, ['D'] = &a->delivered,
        ['s'] = &a->status, ['t'] = &a->today,     ['w'] = &a->reason};
    if (c == 'F')
        return cli_parse_format(arg, &a->format) ||
               cli_usage_error(&cmd_award, "--format must be text, csv or json") == 0;
    if (c < 0 || (size_t)c >= sizeof slot / sizeof slot[0] || !slot[c])
        return false;
    *slot[c] = arg;
    return true;
}

static int parse(int argc, char **argv, struct award_args *a)
{
    static const struct option longopts[] = {{"amount", required_argument, NULL, 'a'},
                                             {"reference", required_argument, NULL, 'r'},
                                             {"on", required_argument, NULL, 'o'},
                                             {"txn", required_argument, NULL, 'x'},
                                             {"round", required_argument, NULL, 'R'},
                                             {"due", required_argument, NULL, 'd'},
                                             {"covers", required_argument, NULL, 'c'},
                                             {"delivered", required_argument, NULL, 'D'},
                                             {"status", required_argument, NULL, 's'},
                                             {"today", required_argument, NULL, 't'},
                                             {"format", required_argument, NULL, 'F'},
                                             {"reason", required_argument, NULL, 'w'},
                                             {NULL, 0, NULL, 0}};
    *a = (struct award_args){.format = TABLE_AUTO};
    const char *operand[2] = {NULL, NULL};
    /* argv[1] is the action (getopt's "program name"); its operands follow */
    a->verb = argc > 1 ? argv[1] : NULL;
    int rc = cli_parse_options(&cmd_award, argc, argv, longopts, option, a, operand, 2);
    a->award = operand[0];
    a->number = operand[1];
    return rc;
}

static void today_text(char out[DATE_TEXT_SIZE])
{
    date_format(date_today(), out);
}

static int say(int rc, const char *done, struct buf *err)
{
    if (rc == 0)
        printf("%s\n", done);
    else
        fprintf(stderr, "peel award: %s\n", buf_str(err));
    buf_free(err);
    return rc == 0 ? 0 : rc < 0 ? 1 : 2;
}

static int do_pay(struct store *s, const struct award_args *a, const char round[], int award,
                  const struct audit_origin *by)
{
    char today[DATE_TEXT_SIZE];
    today_text(today);
    struct fund_payment_new p = {round, award, a->on ? a->on : today, 0, a->reference, a->txn};
    if (!a->amount || !money_parse(a->amount, &p.amount_pence) || p.amount_pence <= 0)
        return cli_usage_error(&cmd_award, "pay: --amount AMOUNT in pounds over nothing");
    if (!a->reference)
        return cli_usage_error(&cmd_award, "pay: --reference REF (the Office's reference)");
    struct buf err = BUF_INIT;
    int number = 0;
    int rc = store_fund_pay(s, &p, by, &number, &err);
    char done[160], amount[MONEY_TEXT_SIZE];
    money_format(p.amount_pence, true, amount);
    snprintf(done, sizeof done, "payment %d of award %s-%d: %s on %s", number, round, award, amount,
             p.paid_on);
    return say(rc, done, &err);
}

/* N, a payment's or a return's number, or 0 after the usage error. */
static int number_arg(const struct award_args *a, const char *what)
{
    char *end = NULL;
    long n = a->number ? strtol(a->number, &end, 10) : 0;
    if (n < 1 || n > 9999 || (end && *end))
        return cli_usage_error(&cmd_award, "%s: AWARD N, the %s's number", a->verb, what), 0;
    return (int)n;
}

static int do_reverse(struct store *s, const struct award_args *a, const char round[], int award,
                      const struct audit_origin *by)
{
    int n = number_arg(a, "payment");
    if (n == 0)
        return EXIT_USAGE;
    if (!a->reason)
        return cli_usage_error(&cmd_award, "reverse: --reason TEXT (why it was made in error)");
    char today[DATE_TEXT_SIZE];
    today_text(today);
    struct fund_reversal_new r = {round, award, n, a->on ? a->on : today, a->reason};
    struct buf err = BUF_INIT;
    int rc = store_fund_reverse(s, &r, by, &err);
    char done[160];
    snprintf(done, sizeof done, "payment %d of award %s-%d reversed on %s", n, round, award,
             r.reversed_on);
    return say(rc, done, &err);
}

static int do_return_due(struct store *s, const struct award_args *a, const char round[], int award,
                         const struct audit_origin *by)
{
    if (!a->due || !a->covers)
        return cli_usage_error(&cmd_award, "return-due: --due DATE and --covers TEXT");
    struct buf err = BUF_INIT;
    int number = 0;
    int rc = store_fund_return_due(s, round, award, a->due, a->covers, by, &number, &err);
    char done[160];
    snprintf(done, sizeof done, "return %d of award %s-%d due on %s (peel clock list)", number,
             round, award, a->due);
    return say(rc, done, &err);
}

static int do_return(struct store *s, const struct award_args *a, const char round[], int award,
                     const struct audit_origin *by)
{
    enum fund_return_status status;
    int n = number_arg(a, "return");
    if (n == 0)
        return EXIT_USAGE;
    if (!a->delivered || !fund_return_status_parse(a->status, &status))
        return cli_usage_error(&cmd_award, "return: --delivered TEXT and --status met, "
                                           "partly-met or not-met");
    char today[DATE_TEXT_SIZE];
    today_text(today);
    struct buf err = BUF_INIT;
    int rc = store_fund_return_record(s, round, award, n, a->on ? a->on : today, a->delivered,
                                      status, by, &err);
    char done[160];
    snprintf(done, sizeof done, "return %d of award %s-%d received: %s", n, round, award,
             fund_return_status_word(status));
    return say(rc, done, &err);
}

static int do_list(struct store *s, const struct award_args *a, bool payments)
{
    char today[DATE_TEXT_SIZE];
    today_text(today);
    struct table t;
    struct buf err = BUF_INIT;
    bool human = a->format == TABLE_TEXT || a->format == TABLE_AUTO;
    int rc = payments ? fund_payments_table(s, a->round, 0, human, &t, &err)
                      : fund_returns_table(s, a->round, 0, a->today ? a->today : today, &t, &err);
    return cli_print_table(&cmd_award, rc, &t, a->format, &err);
}

typedef int (*change_fn)(struct store *s, const struct award_args *a, const char round[], int award,
                         const struct audit_origin *by);

/* Runs action i; by names the command line as typed. */
static int act(int i, int argc, char **argv, struct peel_ctx *ctx, const struct audit_origin *by)
{
    static const change_fn changes[] = {do_pay, do_reverse, do_return_due, do_return};
    struct award_args a;
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    if (i >= 4)
        return do_list(s, &a, i == 4);
    char round[FUND_ROUND_KEY_SIZE];
    int award = 0;
    if (!fund_award_ref_parse(a.award, round, &award))
        return cli_usage_error(&cmd_award, "%s: AWARD as peel fund awards names it (SF-R1-2)",
                               a.verb);
    return changes[i](s, &a, round, award, by);
}

static int run_award(int argc, char **argv, struct peel_ctx *ctx)
{
    static const char *const verbs[] = {"pay",    "reverse",  "return-due",
                                        "return", "payments", "returns"};
    return cli_run_action(&cmd_award, argc, argv, ctx, verbs, 6, act);
}

const struct peel_cmd cmd_award = {
    "award",
    run_award,
    "after a Safety Fund award: payments within the award, reversals, monitoring returns",
    "peel award pay AWARD --amount AMOUNT --reference REF [--on DATE] [--txn TXN]\n"
    "       peel award reverse AWARD N --reason TEXT [--on DATE]\n"
    "       peel award payments [--round ROUND] [--format text|csv|json]\n"
    "       peel award return-due AWARD --due DATE --covers TEXT\n"
    "       peel award return AWARD N --delivered TEXT --status met|partly-met|not-met\n"
    "                       [--on DATE]\n"
    "       peel award returns [--round ROUND] [--today DATE] [--format text|csv|json]",
    "AWARD is an award as `peel fund awards` names it: its round and number, SF-R1-2.\n"
    "\n"
    "pay records a payment against the award (on --on, today unless given): refused, with\n"
    "the figures, when the payments would add up to more than the award (checked and\n"
    "written in one transaction, so payments made at the same moment are counted one\n"
    "after the other), and before the round's decision (FUND/ROUND) is taken. --txn names\n"
    "the spend register's transaction number (peel spend): once each, and when the\n"
    "register holds it, its amount must be the payment's; `payments` says whether the\n"
    "register has each payment's transaction yet.\n"
    "\n"
    "reverse records that payment N of the award was made in error (on --on, today\n"
    "unless given, not before it was paid), and why: the payment stays as recorded, and\n"
    "what is paid against the award (paid, to_pay, the limit above) is then the payments\n"
    "not reversed. Once per payment.\n"
    "\n"
    "return-due asks a monitoring return of the award, due on --due: a clock (peel clock\n"
    "list; the staff's deadlines) counts to it, so an overdue return is on the overdue\n"
    "list. return records it received: the outcomes delivered, against those the\n"
    "application expected, and whether they were met, partly met or not met; its clock\n"
    "is then complete. `returns` shows each return due, overdue or received.\n"
    "\n"
    "Payments, reversals and returns never change once recorded; every change is audited.\n"
    "\n"
    "Examples:\n"
    "  peel award pay SF-R1-1 --amount 4,925 --reference REM-0192 --on 2025-07-01 \\\n"
    "      --txn F25-0142\n"
    "  peel award reverse SF-R1-1 2 --reason 'Paid twice: REM-0192 already paid it'\n"
    "  peel award return-due SF-R1-1 --due 2026-01-31 --covers 'Six-month return'\n"
    "  peel award return SF-R1-1 1 --delivered '38 women supported' --status met\n"
    "  peel award returns --format csv\n",
};
