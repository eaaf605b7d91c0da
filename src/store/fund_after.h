/*
 * fund_after.h - what happens after a Safety Fund award (issue 18;
 * docs/fund.md): the payments made against it and the monitoring returns
 * asked of it.
 *
 * Payments never add up to more than their award: store_fund_pay is one
 * BEGIN IMMEDIATE transaction holding the write lock from reading what is
 * paid already to writing the payment and its audit row, so two payments
 * racing are taken one after the other and the second sees the first; the
 * database's trigger refuses the same to any other writer. A payment is
 * made only once the round's decision (FUND/ROUND) is taken. It may name
 * the spend register's transaction number (store/spend.h): once each, and
 * when the register holds that transaction its amount must be the
 * payment's; the reads say whether the register has it yet.
 *
 * A monitoring return is asked with its due date, and that due date is a
 * clock (store/clocks.h: subject "fund-return:ROUND-N-K", counted in
 * calendar days from the award's date), so an overdue return is on the
 * staff's deadlines and the staff home's count of overdue clocks; the
 * return received records the outcomes delivered against those the
 * application expected, and whether they were met, and completes the clock.
 *
 * A payment made in error is reversed by a record of its own naming it,
 * the day and why (store_fund_reverse); the payment stays as recorded,
 * and what is paid against the award (paid_pence, the trigger's sum) is
 * then the payments not reversed, so the award can be paid again.
 *
 * Payments, reversals and returns are append-only; every change is
 * audited (actions fund.pay, fund.reverse, fund.return-due, fund.return;
 * object "fund:ROUND-N").
 */
#ifndef PEEL_STORE_FUND_AFTER_H
#define PEEL_STORE_FUND_AFTER_H

#include <stdbool.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/fund.h"
#include "store/store.h"

#define FUND_ROUND_KEY_SIZE 32 /* a round's key (at most 30) and the NUL */

/* "SF-R1-2" into the round "SF-R1" and the award's number 2 (the last '-'
 * divides them, as fund_tables.h writes an award). */
bool fund_award_ref_parse(const char *text, char round[FUND_ROUND_KEY_SIZE], int *number);

struct fund_payment_new {
    const char *round;
    int award;             /* its number in the round */
    const char *paid_on;   /* YYYY-MM-DD */
    int64_t amount_pence;  /* over nothing */
    const char *reference; /* the Office's own, e.g. the remittance's */
    const char *spend_txn; /* the spend register's transaction number, or NULL */
};
/* Records a payment; its number into *number. FUND_OVER (with the
 * figures) when it would take the payments over the award, FUND_NOT_OPEN
 * before the round's decision is taken, FUND_UNKNOWN, FUND_TAKEN (the
 * transaction is another payment's), FUND_BAD (err says which field), or
 * -1. */
int store_fund_pay(struct store *s, const struct fund_payment_new *p, const struct audit_origin *by,
                   int *number, struct buf *err);

/* Reverses payment `payment` of an award, made in error, on reversed_on
 * (not before it was paid) for the reason given: once (FUND_TAKEN after),
 * FUND_UNKNOWN, FUND_BAD (err says which field), or -1. */
struct fund_reversal_new {
    const char *round;
    int award, payment;
    const char *reversed_on, *reason;
};
int store_fund_reverse(struct store *s, const struct fund_reversal_new *r,
                       const struct audit_origin *by, struct buf *err);

/* A payment as read, strings valid during the callback. spend_found: the
 * register's current months hold its transaction (spend_pence, spend_on
 * and supplier then say how). paid_pence is the award's payments not
 * reversed; reversed_on and reversal_reason are NULL unless this one is. */
struct fund_payment_view {
    const char *round, *recipient;
    int award, number;
    int64_t award_pence, paid_pence;             /* the award, and all paid against it */
    const char *paid_on, *reference, *spend_txn; /* spend_txn NULL: none given */
    int64_t amount_pence;
    bool spend_found;
    int64_t spend_pence;
    const char *spend_on, *supplier;
    const char *recorded_at, *recorded_by;
    const char *reversed_on, *reversal_reason;
};
typedef void (*fund_payment_fn)(void *arg, const struct fund_payment_view *v);
/* The payments of a round's award (round NULL: every round; award 0: every
 * award of the round), oldest first. */
int store_fund_payments(struct store *s, const char *round, int award, fund_payment_fn fn,
                        void *arg, struct buf *err);

/* A return received is one of these. */
enum fund_return_status { FUND_RETURN_MET, FUND_RETURN_PARTLY_MET, FUND_RETURN_NOT_MET };
/* "met", "partly-met", "not-met" */
const char *fund_return_status_word(enum fund_return_status st);
bool fund_return_status_parse(const char *word, enum fund_return_status *st);

/* Asks a monitoring return of an award, due on due_on (after the award's
 * date, within ten years), covering what `covers` says; its number into
 * *number, and its clock started. */
int store_fund_return_due(struct store *s, const char *round, int award, const char *due_on,
                          const char *covers, const struct audit_origin *by, int *number,
                          struct buf *err);
/* Records return `number` of the award as received on received_on, with
 * the outcomes delivered and their status; completes its clock. Once:
 * FUND_TAKEN after. */
int store_fund_return_record(struct store *s, const char *round, int award, int number,
                             const char *received_on, const char *delivered,
                             enum fund_return_status status, const struct audit_origin *by,
                             struct buf *err);

/* A return as read: expected is the outcomes its award's application
 * expected (NULL when the award came without one); received_on,
 * delivered and status are NULL until it is received. */
struct fund_return_view {
    const char *round, *recipient;
    int award, number;
    const char *due_on, *covers, *expected;
    int64_t clock_id;
    const char *received_on, *delivered, *status;
};
typedef void (*fund_return_fn)(void *arg, const struct fund_return_view *v);
int store_fund_returns(struct store *s, const char *round, int award, fund_return_fn fn, void *arg,
                       struct buf *err);
/* Where a return stands on day `today` (YYYY-MM-DD): its status once
 * received ("met", ...), else "overdue" after its due date, else "due". */
const char *fund_return_state(const struct fund_return_view *v, const char *today);

#endif
