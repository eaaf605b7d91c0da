/*
 * fund_decision.c - a round's awards drafted as one decision of the
 * register (fund.h, decisions.h): the Office decides a round at once, as
 * LLR's decision log shows ("six bids ... £39,305.40"), and the register's
 * own rules (sign-offs, who may decide, publication) then apply to it.
 */
#include "model/money.h"
#include "store/decisions.h"
#include "store/fund.h"

#include <stdio.h>
#include <string.h>

struct draft {
    struct buf list;
    int64_t total;
    long n;
};

static void add_award(void *arg, const struct fund_award_view *a)
{
    struct draft *d = arg;
    char amount[MONEY_TEXT_SIZE];
    money_format(a->amount_pence, true, amount);
    buf_printf(&d->list, "%d. %s to %s (%s) for %s.%s%s\n", a->number, amount, a->recipient,
               a->org_id, a->title, *a->conditions ? " Conditions: " : "", a->conditions);
    d->total += a->amount_pence;
    d->n++;
}

struct round_facts {
    char title[256], theme[256];
    int threshold_bp;
    bool found;
};

static void read_round(void *arg, const struct fund_round_view *v)
{
    struct round_facts *f = arg;
    snprintf(f->title, sizeof f->title, "%s", v->r.title);
    snprintf(f->theme, sizeof f->theme, "%s", v->r.theme);
    f->threshold_bp = v->r.threshold_bp;
    f->found = true;
}

int store_fund_decision_draft(struct store *s, const char *round, const struct audit_origin *by,
                              struct buf *err)
{
    struct round_facts f = {.found = false};
    struct draft d = {BUF_INIT, 0, 0};
    int rc = store_fund_rounds(s, round, read_round, &f, err);
    if (rc == 0 && !f.found) {
        buf_printf(err, "no round %s", round);
        rc = FUND_UNKNOWN;
    }
    if (rc == 0)
        rc = store_fund_awards(s, round, false, add_award, &d, err);
    if (rc == 0 && d.n == 0) {
        buf_printf(err, "round %s has no awards to decide", round);
        rc = FUND_NOT_OPEN;
    }
    if (rc == 0) {
        char ref[64], title[400], total[MONEY_TEXT_SIZE], reasons[600];
        snprintf(ref, sizeof ref, FUND_DECISION_PREFIX "%s", round);
        snprintf(title, sizeof title, "Safety Fund awards: %s", f.title);
        money_format(d.total, true, total);
        snprintf(reasons, sizeof reasons,
                 "Each application was scored against the round's rubric, fixed when the round "
                 "opened; those scoring %d.%02d%% or more are recommended. Theme: %s.",
                 f.threshold_bp / 100, f.threshold_bp % 100, f.theme);
        buf_printf(&d.list, "%ld awards, %s in all.", d.n, total);
        struct decision_text t = {.title = title,
                                  .summary = title,
                                  .decision = buf_str(&d.list),
                                  .reasons = reasons,
                                  .amount_pence = d.total};
        struct decision_new n = {.ref = ref, .subject = title, .type = DECISION_GRANT};
        int exists = store_decision_exists(s, ref, err);
        rc = exists < 0    ? -1
             : exists == 1 ? store_decision_draft(s, ref, &t, by, err)
                           : store_decision_add(s, &n, &t, by, err);
    }
    buf_free(&d.list);
    return rc;
}
