/*
 * fund_after_tables.c - payments and monitoring returns as tables (see
 * fund_after_tables.h).
 */
#include "assess/fund_after_tables.h"

#include <stdio.h>

struct filling {
    struct table *t;
    bool human;
    const char *today;
};

static void award_ref(struct table *t, size_t r, const char *round, int award)
{
    char ref[64];
    snprintf(ref, sizeof ref, "%s-%d", round, award);
    table_set_text(t, r, 0, ref);
}

/* What the spend register says of a payment's transaction. */
static const char *spend_state(const struct fund_payment_view *v)
{
    if (!v->spend_txn)
        return "no transaction given";
    if (!v->spend_found)
        return "not in the spend register yet";
    return v->spend_pence == v->amount_pence ? "in the spend register"
                                             : "in the spend register, another amount";
}

static void payment_row(void *arg, const struct fund_payment_view *v)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    award_ref(f->t, r, v->round, v->award);
    table_set_text(f->t, r, 1, v->recipient);
    table_set_int(f->t, r, 2, v->number);
    table_set_text(f->t, r, 3, v->paid_on);
    table_set_money(f->t, r, 4, v->amount_pence, f->human);
    table_set_text(f->t, r, 5, v->reference);
    table_set_text(f->t, r, 6, v->spend_txn);
    table_set_text(f->t, r, 7, spend_state(v));
    table_set_text(f->t, r, 8, v->supplier);
    table_set_money(f->t, r, 9, v->award_pence, f->human);
    table_set_money(f->t, r, 10, v->paid_pence, f->human);
    table_set_money(f->t, r, 11, v->award_pence - v->paid_pence, f->human);
    table_set_text(f->t, r, 12, v->reversed_on);
    table_set_text(f->t, r, 13, v->reversal_reason);
}

int fund_payments_table(struct store *s, const char *round, int award, bool human, struct table *t,
                        struct buf *err)
{
    static const char *const cols[] = {"award",       "recipient",      "payment",     "paid_on",
                                       "amount",      "reference",      "transaction", "spend",
                                       "supplier",    "award_amount",   "paid",        "to_pay",
                                       "reversed_on", "reversal_reason"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Payments against Safety Fund awards");
    struct filling f = {t, human, NULL};
    return store_fund_payments(s, round, award, payment_row, &f, err);
}

static void return_row(void *arg, const struct fund_return_view *v)
{
    struct filling *f = arg;
    size_t r = table_add_row(f->t);
    award_ref(f->t, r, v->round, v->award);
    table_set_text(f->t, r, 1, v->recipient);
    table_set_int(f->t, r, 2, v->number);
    table_set_text(f->t, r, 3, v->due_on);
    table_set_text(f->t, r, 4, v->covers);
    table_set_text(f->t, r, 5, fund_return_state(v, f->today));
    table_set_text(f->t, r, 6, v->received_on);
    table_set_text(f->t, r, 7, v->expected ? v->expected : "(no application in Peel)");
    table_set_text(f->t, r, 8, v->delivered);
    table_set_int(f->t, r, 9, v->clock_id);
}

int fund_returns_table(struct store *s, const char *round, int award, const char *today,
                       struct table *t, struct buf *err)
{
    static const char *const cols[] = {"award",  "recipient",   "return",   "due_on",    "covers",
                                       "status", "received_on", "expected", "delivered", "clock"};
    table_init(t, sizeof cols / sizeof cols[0], cols);
    table_set_title(t, "Monitoring returns of Safety Fund awards");
    struct filling f = {t, false, today};
    return store_fund_returns(s, round, award, return_row, &f, err);
}
