/*
 * fund_after.c - payments against awards and monitoring returns (see
 * fund_after.h). Each change is one BEGIN IMMEDIATE transaction with its
 * audit row; the checks here give the reasons and the figures, and the
 * migration's triggers hold the payments within the award against any
 * other writer.
 */
#include "store/fund_after.h"
#include "model/calendar.h"
#include "model/money.h"
#include "store/clocks_internal.h"
#include "store/fund_internal.h"
#include "store/store_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool fund_award_ref_parse(const char *text, char round[FUND_ROUND_KEY_SIZE], int *number)
{
    const char *dash = text ? strrchr(text, '-') : NULL;
    if (!dash || dash == text || (size_t)(dash - text) >= FUND_ROUND_KEY_SIZE || !dash[1] ||
        strspn(dash + 1, "0123456789") != strlen(dash + 1) || strlen(dash + 1) > 6)
        return false;
    snprintf(round, FUND_ROUND_KEY_SIZE, "%.*s", (int)(dash - text), text);
    *number = (int)strtol(dash + 1, NULL, 10); /* six digits at most, checked above */
    return *number >= 1;
}

static bool date_ok(const char *d)
{
    int day;
    return d && date_parse(d, strlen(d), &day);
}

static bool blank(const char *s)
{
    return !s || !s[strspn(s, " \t\r\n")];
}

/* An award as a payment or a return needs it, read under the write lock. */
struct award_state {
    int64_t id, amount, paid;
    char awarded_on[DATE_TEXT_SIZE], recipient[256];
    bool decided;
    int next_payment, next_return;
};

static int award_state(struct store *s, const char *round, int number, struct award_state *a,
                       struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT a.id, a.amount_pence, a.awarded_on, a.recipient,"
        " " FUND_NET_PAYMENTS(
            "a.id") ","
                    " EXISTS(SELECT 1 FROM decision d JOIN decision_version v ON v.decision_id = "
                    "d.id"
                    "   WHERE d.ref = '" FUND_DECISION_PREFIX "' || r.key),"
                    " (SELECT coalesce(max(number), 0) + 1 FROM fund_payment WHERE award_id = "
                    "a.id),"
                    " (SELECT coalesce(max(number), 0) + 1 FROM fund_return WHERE award_id = a.id)"
                    " FROM fund_award a JOIN fund_round r ON r.id = a.round_id"
                    " WHERE r.key = ?1 AND a.number = ?2",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, number);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *a = (struct award_state){.id = sqlite3_column_int64(st, 0),
                                  .amount = sqlite3_column_int64(st, 1),
                                  .paid = sqlite3_column_int64(st, 4),
                                  .decided = sqlite3_column_int(st, 5) != 0,
                                  .next_payment = sqlite3_column_int(st, 6),
                                  .next_return = sqlite3_column_int(st, 7)};
        snprintf(a->awarded_on, sizeof a->awarded_on, "%s", store_column_text(st, 2));
        snprintf(a->recipient, sizeof a->recipient, "%s", store_column_text(st, 3));
    } else if (step == SQLITE_DONE) {
        buf_printf(err, "no award %s-%d", round, number);
    } else {
        store_fail(s, err, "reading an award");
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? FUND_OK : step == SQLITE_DONE ? FUND_UNKNOWN : -1;
}

static int audit(struct store *s, const char *action, const char *round, int award, json_t *after,
                 const struct audit_origin *by, struct buf *err)
{
    char key[64];
    snprintf(key, sizeof key, "%s-%d", round, award);
    return store_audit_fact(s, action, "fund", key, after, by, err);
}

/* ---- payments ------------------------------------------------------------- */

static const char *payment_problem(const struct fund_payment_new *p)
{
    if (!date_ok(p->paid_on))
        return "paid on: a date, YYYY-MM-DD";
    if (p->amount_pence <= 0)
        return "amount: over nothing";
    if (blank(p->reference) || strlen(p->reference) > 100)
        return "reference: the Office's reference for it, at most 100 characters";
    if (p->spend_txn && (blank(p->spend_txn) || strlen(p->spend_txn) > 64))
        return "transaction: the spend register's transaction number, at most 64 characters";
    return NULL;
}

/* FUND_OK, or FUND_OVER with the figures. */
static int payment_within(const struct award_state *a, const struct fund_payment_new *p,
                          struct buf *err)
{
    if (p->amount_pence <= a->amount - a->paid)
        return FUND_OK;
    char amount[MONEY_TEXT_SIZE], award[MONEY_TEXT_SIZE], paid[MONEY_TEXT_SIZE];
    money_format(p->amount_pence, true, amount);
    money_format(a->amount, true, award);
    money_format(a->paid, true, paid);
    buf_printf(err,
               "a payment of %s would take award %s-%d's payments over the award of %s (%s "
               "paid already)",
               amount, p->round, p->award, award, paid);
    return FUND_OVER;
}

/* The spend register's current months: when they hold the transaction,
 * its amount must be the payment's. FUND_OK, FUND_BAD, or -1. */
static int payment_matches_spend(struct store *s, const struct fund_payment_new *p, struct buf *err)
{
    if (!p->spend_txn)
        return FUND_OK;
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT count(*), coalesce(sum(i.amount_pence = ?2), 0), max(i.amount_pence)"
        " FROM spend_item i JOIN spend_version v ON v.id = i.version_id WHERE i.txn = ?1"
        " AND v.version = (SELECT max(version) FROM spend_version w"
        "   WHERE w.body = v.body AND w.month = v.month)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, p->spend_txn, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, p->amount_pence);
    int rc = sqlite3_step(st) == SQLITE_ROW ? FUND_OK : store_fail(s, err, "reading spend");
    if (rc == FUND_OK && sqlite3_column_int(st, 0) > 0 && sqlite3_column_int(st, 1) == 0) {
        char theirs[MONEY_TEXT_SIZE], ours[MONEY_TEXT_SIZE];
        money_format(sqlite3_column_int64(st, 2), true, theirs);
        money_format(p->amount_pence, true, ours);
        buf_printf(err, "transaction: the spend register's %s is %s, not %s", p->spend_txn, theirs,
                   ours);
        rc = FUND_BAD;
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_payment(struct store *s, const struct fund_payment_new *p,
                          const struct award_state *a, const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO fund_payment(award_id, number, paid_on, amount_pence, reference, spend_txn,"
        " recorded_at, recorded_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, " STORE_NOW ", ?7)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_int(st, 2, a->next_payment);
    sqlite3_bind_text(st, 3, p->paid_on, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, p->amount_pence);
    sqlite3_bind_text(st, 5, p->reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, p->spend_txn, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, actor, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = 0;
    if (step == SQLITE_CONSTRAINT_UNIQUE) {
        buf_printf(err, "transaction %s is another payment's already", p->spend_txn);
        rc = FUND_TAKEN;
    } else if (step != SQLITE_DONE) {
        rc = store_fail(s, err, "recording a payment");
    }
    sqlite3_finalize(st);
    return rc;
}

static json_t *payment_json(const struct fund_payment_new *p, int number)
{
    json_t *j = json_pack("{s:i, s:s, s:I, s:s}", "number", number, "paid_on", p->paid_on,
                          "amount_pence", (json_int_t)p->amount_pence, "reference", p->reference);
    if (p->spend_txn)
        json_object_set_new(j, "spend_txn", json_string(p->spend_txn));
    return j;
}

int store_fund_pay(struct store *s, const struct fund_payment_new *p, const struct audit_origin *by,
                   int *number, struct buf *err)
{
    const char *why = payment_problem(p);
    if (why) {
        buf_printf(err, "payment of award %s-%d: %s", p->round ? p->round : "", p->award, why);
        return FUND_BAD;
    }
    /* the write lock from here to COMMIT: what is paid cannot move */
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct award_state a;
    int rc = award_state(s, p->round, p->award, &a, err);
    if (rc == FUND_OK && !a.decided) {
        buf_printf(err,
                   "round %s's decision (" FUND_DECISION_PREFIX "%s) is not yet taken: nothing "
                   "is paid before it",
                   p->round, p->round);
        rc = FUND_NOT_OPEN;
    }
    if (rc == FUND_OK && strcmp(p->paid_on, a.awarded_on) < 0) {
        buf_printf(err, "paid on: %s is before the award, made on %s", p->paid_on, a.awarded_on);
        rc = FUND_BAD;
    }
    if (rc == FUND_OK)
        rc = payment_within(&a, p, err);
    if (rc == FUND_OK)
        rc = payment_matches_spend(s, p, err);
    if (rc == FUND_OK)
        rc = insert_payment(s, p, &a, by->actor, err);
    if (rc == FUND_OK)
        rc = audit(s, "fund.pay", p->round, p->award, payment_json(p, a.next_payment), by, err);
    if (rc == FUND_OK)
        *number = a.next_payment;
    return store_finish(s, rc, err);
}

/* ---- reversals -------------------------------------------------------------- */

/* The payment's id, amount and date, and whether it is reversed already,
 * under the write lock. FUND_OK, FUND_UNKNOWN, FUND_TAKEN or -1. */
static int payment_of(struct store *s, int64_t award_id, const struct fund_reversal_new *r,
                      int64_t *id, int64_t *pence, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT id, amount_pence, paid_on,"
        " EXISTS(SELECT 1 FROM fund_payment_reversal WHERE payment_id = fund_payment.id)"
        " FROM fund_payment WHERE award_id = ?1 AND number = ?2",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, award_id);
    sqlite3_bind_int(st, 2, r->payment);
    int step = sqlite3_step(st), rc = FUND_OK;
    if (step == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *pence = sqlite3_column_int64(st, 1);
        if (sqlite3_column_int(st, 3))
            rc = (buf_printf(err, "payment %d of award %s-%d is reversed already", r->payment,
                             r->round, r->award),
                  FUND_TAKEN);
        else if (strcmp(r->reversed_on, store_column_text(st, 2)) < 0)
            rc = (buf_printf(err, "reversed on: %s is before the payment, made on %s",
                             r->reversed_on, store_column_text(st, 2)),
                  FUND_BAD);
    } else if (step == SQLITE_DONE) {
        rc = (buf_printf(err, "no payment %d of award %s-%d", r->payment, r->round, r->award),
              FUND_UNKNOWN);
    } else {
        rc = store_fail(s, err, "reading a payment");
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_reversal(struct store *s, int64_t payment_id, const struct fund_reversal_new *r,
                           const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO fund_payment_reversal(payment_id, reversed_on,"
                                     " reason, recorded_at, recorded_by)"
                                     " VALUES(?1, ?2, ?3, " STORE_NOW ", ?4)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, payment_id);
    sqlite3_bind_text(st, 2, r->reversed_on, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "reversing a payment");
    sqlite3_finalize(st);
    return rc;
}

int store_fund_reverse(struct store *s, const struct fund_reversal_new *r,
                       const struct audit_origin *by, struct buf *err)
{
    if (!date_ok(r->reversed_on) || blank(r->reason) || strlen(r->reason) > 1000 ||
        r->payment < 1) {
        buf_puts(err, "a reversal names the payment, its date (YYYY-MM-DD) and why it is "
                      "reversed (at most 1,000 characters)");
        return FUND_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct award_state a;
    int64_t id = 0, pence = 0;
    int rc = award_state(s, r->round, r->award, &a, err);
    if (rc == FUND_OK)
        rc = payment_of(s, a.id, r, &id, &pence, err);
    if (rc == FUND_OK)
        rc = insert_reversal(s, id, r, by->actor, err);
    if (rc == FUND_OK)
        rc = audit(s, "fund.reverse", r->round, r->award,
                   json_pack("{s:i, s:I, s:s, s:s}", "payment", r->payment, "amount_pence",
                             (json_int_t)pence, "reversed_on", r->reversed_on, "reason", r->reason),
                   by, err);
    return store_finish(s, rc, err);
}

static const char *opt_text(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL
                                                       : (const char *)sqlite3_column_text(st, col);
}

/* The spend register's current line of a transaction number, as columns:
 * the one of the payment's amount when there is one (SQLite's ORDER BY in
 * a subquery cannot see the outer row, so the preference is a coalesce). */
#define SPEND_ANY(col, also)                                                                       \
    "(SELECT i." col " FROM spend_item i JOIN spend_version v ON v.id = i.version_id"              \
    " WHERE i.txn = p.spend_txn" also " AND v.version = (SELECT max(version)"                      \
    " FROM spend_version w WHERE w.body = v.body AND w.month = v.month) ORDER BY i.id LIMIT 1)"
#define SPEND_LINE(col)                                                                            \
    "coalesce(" SPEND_ANY(col, " AND i.amount_pence = p.amount_pence") ", " SPEND_ANY(col, "") ")"

/* A read of round's award's rows (round NULL: every round; award 0:
 * every award): sql's ?1 and ?2 bound. */
static sqlite3_stmt *award_rows(struct store *s, const char *sql, const char *round, int award,
                                struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (st) {
        sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, award);
    }
    return st;
}

#define AWARD_ROWS                                                                                 \
    " JOIN fund_round r ON r.id = a.round_id"                                                      \
    " WHERE (?1 IS NULL OR r.key = ?1) AND (?2 = 0 OR a.number = ?2)"

/* clang-format off */
static const char payments_sql[] =
    "SELECT r.key, a.recipient, a.number, p.number, a.amount_pence,"
    " " FUND_NET_PAYMENTS("a.id") ","
    " p.paid_on, p.reference, p.spend_txn, p.amount_pence, "
    SPEND_LINE("amount_pence") ", " SPEND_LINE("paid_on") ", " SPEND_LINE("supplier") ","
    " p.recorded_at, p.recorded_by, rv.reversed_on, rv.reason"
    " FROM fund_payment p JOIN fund_award a ON a.id = p.award_id"
    " LEFT JOIN fund_payment_reversal rv ON rv.payment_id = p.id" AWARD_ROWS
    " ORDER BY r.opens_on, r.key, a.number, p.number";
/* clang-format on */

int store_fund_payments(struct store *s, const char *round, int award, fund_payment_fn fn,
                        void *arg, struct buf *err)
{
    sqlite3_stmt *st = award_rows(s, payments_sql, round, award, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct fund_payment_view v = {.round = store_column_text(st, 0),
                                      .recipient = store_column_text(st, 1),
                                      .award = sqlite3_column_int(st, 2),
                                      .number = sqlite3_column_int(st, 3),
                                      .award_pence = sqlite3_column_int64(st, 4),
                                      .paid_pence = sqlite3_column_int64(st, 5),
                                      .paid_on = store_column_text(st, 6),
                                      .reference = store_column_text(st, 7),
                                      .spend_txn = opt_text(st, 8),
                                      .amount_pence = sqlite3_column_int64(st, 9),
                                      .spend_found = sqlite3_column_type(st, 10) != SQLITE_NULL,
                                      .spend_pence = sqlite3_column_int64(st, 10),
                                      .spend_on = opt_text(st, 11),
                                      .supplier = opt_text(st, 12),
                                      .recorded_at = store_column_text(st, 13),
                                      .recorded_by = store_column_text(st, 14),
                                      .reversed_on = opt_text(st, 15),
                                      .reversal_reason = opt_text(st, 16)};
        fn(arg, &v);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading payments");
    sqlite3_finalize(st);
    return out;
}

/* ---- monitoring returns --------------------------------------------------- */

static const char *const status_words[] = {"met", "partly-met", "not-met"};

const char *fund_return_status_word(enum fund_return_status st)
{
    return (unsigned)st < 3 ? status_words[st] : "met";
}

bool fund_return_status_parse(const char *word, enum fund_return_status *st)
{
    for (int i = 0; i < 3; i++)
        if (word && strcmp(word, status_words[i]) == 0)
            return *st = (enum fund_return_status)i, true;
    return false;
}

static void return_subject(const char *round, int award, int number, char subject[96])
{
    snprintf(subject, 96, "fund-return:%s-%d-%d", round, award, number);
}

/* The return's clock, counted in calendar days from the award's date to
 * its due date; its id into *clock_id. */
static int return_clock(struct store *s, const char *round, int award, int number,
                        const struct award_state *a, const char *due_on, const char *covers,
                        const struct audit_origin *by, int64_t *clock_id, struct buf *err)
{
    int start, due;
    if (!date_parse(a->awarded_on, strlen(a->awarded_on), &start) ||
        !date_parse(due_on, strlen(due_on), &due) || due - start < 1 ||
        due - start > CLOCK_MAX_DAYS) {
        buf_printf(err, "due: %s is not within ten years after the award, made on %s", due_on,
                   a->awarded_on);
        return FUND_BAD;
    }
    char subject[96], purpose[500];
    return_subject(round, award, number, subject);
    snprintf(purpose, sizeof purpose, "Monitoring return %d of award %s-%d (%.150s): %.250s",
             number, round, award, a->recipient, covers);
    struct clock_new c = {
        subject, purpose, {CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, start, due - start}};
    return clock_start_in(s, &c, by, clock_id, err) == 0 ? FUND_OK : -1;
}

static int insert_return(struct store *s, const struct award_state *a, const char *due_on,
                         const char *covers, int64_t clock_id, const char *actor, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO fund_return(award_id, number, due_on, covers,"
                      " clock_id, set_at, set_by) VALUES(?1, ?2, ?3, ?4, ?5, " STORE_NOW ", ?6)",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, a->id);
    sqlite3_bind_int(st, 2, a->next_return);
    sqlite3_bind_text(st, 3, due_on, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, covers, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, clock_id);
    sqlite3_bind_text(st, 6, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "asking a return");
    sqlite3_finalize(st);
    return rc;
}

int store_fund_return_due(struct store *s, const char *round, int award, const char *due_on,
                          const char *covers, const struct audit_origin *by, int *number,
                          struct buf *err)
{
    if (!date_ok(due_on) || blank(covers) || strlen(covers) > 300) {
        buf_puts(err, "a return needs a due date (YYYY-MM-DD) and what it covers (at most 300 "
                      "characters)");
        return FUND_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct award_state a;
    int64_t clock_id = 0;
    int rc = award_state(s, round, award, &a, err);
    if (rc == FUND_OK)
        rc = return_clock(s, round, award, a.next_return, &a, due_on, covers, by, &clock_id, err);
    if (rc == FUND_OK)
        rc = insert_return(s, &a, due_on, covers, clock_id, by->actor, err);
    if (rc == FUND_OK)
        rc = audit(s, "fund.return-due", round, award,
                   json_pack("{s:i, s:s, s:s, s:I}", "number", a.next_return, "due_on", due_on,
                             "covers", covers, "clock", (json_int_t)clock_id),
                   by, err);
    if (rc == FUND_OK)
        *number = a.next_return;
    return store_finish(s, rc, err);
}

/* The return's id and whether it is received, under the write lock. */
static int return_of(struct store *s, int64_t award_id, int number, int64_t *id, bool *received,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT id, EXISTS(SELECT 1 FROM fund_return_report WHERE return_id = fund_return.id)"
        " FROM fund_return WHERE award_id = ?1 AND number = ?2",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, award_id);
    sqlite3_bind_int(st, 2, number);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *received = sqlite3_column_int(st, 1) != 0;
    } else if (step == SQLITE_DONE) {
        buf_printf(err, "no return %d of that award", number);
    } else {
        store_fail(s, err, "reading a return");
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? FUND_OK : step == SQLITE_DONE ? FUND_UNKNOWN : -1;
}

static int insert_report(struct store *s, int64_t id, const char *on, const char *delivered,
                         enum fund_return_status status, const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO fund_return_report(return_id, received_on,"
                                     " delivered, status, recorded_at, recorded_by)"
                                     " VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, delivered, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, fund_return_status_word(status), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording a return");
    sqlite3_finalize(st);
    return rc;
}

/* The checks of a return received that need no database. */
static int report_problem(const char *on, const char *delivered, struct buf *err)
{
    if (date_ok(on) && !blank(delivered) && strlen(delivered) <= 5000)
        return FUND_OK;
    buf_puts(err, "a return received needs its date (YYYY-MM-DD) and the outcomes delivered (at "
                  "most 5,000 characters)");
    return FUND_BAD;
}

int store_fund_return_record(struct store *s, const char *round, int award, int number,
                             const char *received_on, const char *delivered,
                             enum fund_return_status status, const struct audit_origin *by,
                             struct buf *err)
{
    int rc = report_problem(received_on, delivered, err);
    if (rc != FUND_OK)
        return rc;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct award_state a;
    int64_t id = 0;
    bool received = false;
    rc = award_state(s, round, award, &a, err);
    if (rc == FUND_OK)
        rc = return_of(s, a.id, number, &id, &received, err);
    if (rc == FUND_OK && received)
        rc = (buf_printf(err, "return %d of award %s-%d is received already", number, round, award),
              FUND_TAKEN);
    if (rc == FUND_OK && strcmp(received_on, a.awarded_on) < 0)
        rc = (buf_printf(err, "received on: %s is before the award, made on %s", received_on,
                         a.awarded_on),
              FUND_BAD);
    if (rc == FUND_OK)
        rc = insert_report(s, id, received_on, delivered, status, by->actor, err);
    char subject[96];
    return_subject(round, award, number, subject);
    int day = DATE_NONE;
    date_parse(received_on, strlen(received_on), &day);
    if (rc == FUND_OK)
        rc = clock_complete_subject_in(s, subject, day, by, err);
    if (rc == FUND_OK)
        rc = audit(s, "fund.return", round, award,
                   json_pack("{s:i, s:s, s:s, s:s}", "number", number, "received_on", received_on,
                             "delivered", delivered, "status", fund_return_status_word(status)),
                   by, err);
    return store_finish(s, rc, err);
}

int store_fund_returns(struct store *s, const char *round, int award, fund_return_fn fn, void *arg,
                       struct buf *err)
{
    sqlite3_stmt *st = award_rows(
        s,
        "SELECT r.key, a.recipient, a.number, t.number, t.due_on, t.covers,"
        " (SELECT outcomes FROM fund_application WHERE id = a.application_id), t.clock_id,"
        " x.received_on, x.delivered, x.status"
        " FROM fund_return t LEFT JOIN fund_return_report x ON x.return_id = t.id"
        " JOIN fund_award a ON a.id = t.award_id" AWARD_ROWS
        " ORDER BY t.due_on, r.key, a.number, t.number",
        round, award, err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct fund_return_view v = {.round = store_column_text(st, 0),
                                     .recipient = store_column_text(st, 1),
                                     .award = sqlite3_column_int(st, 2),
                                     .number = sqlite3_column_int(st, 3),
                                     .due_on = store_column_text(st, 4),
                                     .covers = store_column_text(st, 5),
                                     .expected = opt_text(st, 6),
                                     .clock_id = sqlite3_column_int64(st, 7),
                                     .received_on = opt_text(st, 8),
                                     .delivered = opt_text(st, 9),
                                     .status = opt_text(st, 10)};
        fn(arg, &v);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading returns");
    sqlite3_finalize(st);
    return out;
}

const char *fund_return_state(const struct fund_return_view *v, const char *today)
{
    if (v->status)
        return v->status;
    return strcmp(v->due_on, today) < 0 ? "overdue" : "due";
}
