/*
 * fund.h - the Commissioner's Safety Fund (issue 18): programmes, their
 * budgets by financial year, rounds with their rubric, threshold and
 * co-funders, and awards (`peel fund`; docs/fund.md).
 *
 * A round is set up (store_fund_round_add, _criterion_add, _cofunder_add)
 * and then opened (store_fund_round_open): from then on the round, its
 * rubric, its threshold and its co-funders never change, in the database
 * itself (migration 26's triggers), so that a threshold cannot be chosen
 * after the marks are known.
 *
 * An award (store_fund_award) is one BEGIN IMMEDIATE transaction: the
 * write lock is held from reading the round's and the year's totals to
 * writing the award and its audit row, so two awards racing are taken one
 * after the other and the second sees the first. An award is refused
 * (FUND_OVER, with the figures in err) when it is over the round's maximum
 * or would take the round's or the year's awards over budget; the
 * database's own trigger refuses the same to any other writer.
 *
 * Every change is audited in its transaction (store/audit.h: actions
 * fund.programme, fund.year, fund.round, fund.criterion, fund.cofunder,
 * fund.open, fund.award; objects "fund:KEY"). A refusal writes nothing.
 */
#ifndef PEEL_STORE_FUND_H
#define PEEL_STORE_FUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

/* What a change can meet besides an error (-1 with err). */
enum fund_status {
    FUND_OK = 0,
    FUND_UNKNOWN = 1,    /* no programme, year or round of that key */
    FUND_TAKEN = 2,      /* the key is in use */
    FUND_FROZEN = 3,     /* the round is open: nothing of it changes */
    FUND_NOT_OPEN = 4,   /* an award in a round not yet opened, or opened without a rubric */
    FUND_OVER = 5,       /* an award over the maximum or a budget (err: the figures) */
    FUND_BAD = 6,        /* err names the field and why */
    FUND_CONFLICTED = 7, /* the assessor declared a conflict with the application */
};
const char *fund_status_text(enum fund_status st);

/* The largest award of the Safety Fund (004: "Awards of up to £10,000"). */
#define FUND_DEFAULT_MAX_AWARD_PENCE 1000000

struct fund_programme {
    const char *key, *title;
    const char *funder_id, *funder_name; /* the Commissioner as 360Giving names it */
    const char *prefix;                  /* the publisher's 360G- prefix */
};
int store_fund_programme_add(struct store *s, const struct fund_programme *p,
                             const struct audit_origin *by, struct buf *err);
/* A programme's budget for a financial year ("2024-25"). */
int store_fund_year_add(struct store *s, const char *programme, const char *fy,
                        int64_t budget_pence, const struct audit_origin *by, struct buf *err);

struct fund_round {
    const char *key, *programme, *fy, *title, *theme;
    bool specialist;
    const char *opens_on, *closes_on; /* YYYY-MM-DD */
    int64_t budget_pence, max_award_pence;
    int threshold_bp;           /* in hundredths of a percent (6500: 65%); -1: not yet set */
    const char *eligible_types; /* "charity,cic": fund_org_types_ok */
    const char *rules;          /* the eligibility rules in words */
    const char *missions; /* the plan missions served, "m1,m2": plan keys, stored as "m1, m2" */
};
int store_fund_round_add(struct store *s, const struct fund_round *r, const struct audit_origin *by,
                         struct buf *err);
/* Sets (or changes) the threshold of a round not yet open. */
int store_fund_round_threshold(struct store *s, const char *round, int threshold_bp,
                               const struct audit_origin *by, struct buf *err);
int store_fund_criterion_add(struct store *s, const char *round, const char *key, const char *title,
                             int weight, int max_score, const struct audit_origin *by,
                             struct buf *err);
int store_fund_cofunder_add(struct store *s, const char *round, const char *funder,
                            int64_t share_pence, const struct audit_origin *by, struct buf *err);
/* Opens a round: FUND_NOT_OPEN (nothing changes) without a criterion or a
 * threshold; FUND_FROZEN when it is open already. */
int store_fund_round_open(struct store *s, const char *round, const struct audit_origin *by,
                          struct buf *err);

struct fund_award_new {
    const char *round;
    const char *recipient, *org_id; /* org_id: an org-id.guide identifier, GB-CHC-1234567 */
    const char *title, *description;
    int64_t amount_pence;
    const char *district, *csp_code, *priority; /* NULL: not given */
    bool sensitive; /* a refuge or the like: its place is never published */
    const char *conditions;
    const char *awarded_on;  /* YYYY-MM-DD; NULL: today */
    const char *application; /* the reference of the eligible application of the round it
                              * answers (one award each), or NULL */
};
/* Records an award; its number in the round into *number. */
int store_fund_award(struct store *s, const struct fund_award_new *a, const struct audit_origin *by,
                     int *number, struct buf *err);

/* ---- reads ---------------------------------------------------------------- */

/* A round as read, with its totals; strings valid during the callback. */
struct fund_round_view {
    struct fund_round r;
    const char *programme_title, *opened_at;
    int64_t awarded_pence, year_budget_pence, year_awarded_pence;
    long awards, criteria;
    const char *cofunders; /* "VRN=10000000;..." (pence), "" for none */
};
typedef void (*fund_round_fn)(void *arg, const struct fund_round_view *v);
/* Every round (programme, year, then opening date), or the one named. */
int store_fund_rounds(struct store *s, const char *round, fund_round_fn fn, void *arg,
                      struct buf *err);

struct fund_criterion_view {
    const char *key, *title;
    int weight, max_score;
};
typedef void (*fund_criterion_fn)(void *arg, const struct fund_criterion_view *c);
int store_fund_criteria(struct store *s, const char *round, fund_criterion_fn fn, void *arg,
                        struct buf *err);

/* An award as read. decision_ref is the round's decision in the register
 * ("FUND/KEY"); decided_on its date once taken (else NULL); published is
 * whether the decision is published. */
struct fund_award_view {
    const char *round, *round_title, *programme, *programme_title, *fy;
    const char *funder_id, *funder_name, *prefix;
    int number;
    const char *recipient, *org_id, *title, *description;
    int64_t amount_pence;
    const char *district, *csp_code, *priority; /* NULL for none */
    bool sensitive;
    const char *conditions, *awarded_on, *recorded_at;
    const char *decision_ref, *decided_on;
    bool published;
    const char *application; /* its application's reference, or NULL */
};
typedef void (*fund_award_fn)(void *arg, const struct fund_award_view *a);
/* The awards of a round (NULL: every round), oldest first. public_only:
 * only those whose round's decision is published, what the site and the
 * open data show. */
int store_fund_awards(struct store *s, const char *round, bool public_only, fund_award_fn fn,
                      void *arg, struct buf *err);

/* The reference of a round's decision: "FUND/" and the round's key. */
#define FUND_DECISION_PREFIX "FUND/"

/* Drafts the round's awards as one decision of the register (type grant,
 * reference FUND/KEY; store/decisions.h), its text listing every award
 * with its amount, recipient and conditions, and its amount their total;
 * a second call redrafts it while it is still a draft. by->actor is the
 * account that drafts (decisions.h's role checks apply). A DECISION_*
 * status (err says why), FUND_UNKNOWN or FUND_NOT_OPEN (no awards), or
 * -1. */
int store_fund_decision_draft(struct store *s, const char *round, const struct audit_origin *by,
                              struct buf *err);

#endif
