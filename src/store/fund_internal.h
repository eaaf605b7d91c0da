/*
 * fund_internal.h - SQL the fund's migrations and its store share (issue
 * 18), one expression each so that the triggers and the store's own checks
 * and reads agree: what is paid against an award is its payments less
 * those reversed (fund_payment_reversal); an assessor is conflicted with
 * an application when they declared a conflict with it or with another
 * application of the same organisation (the same org-id, or the same name).
 */
#ifndef PEEL_STORE_FUND_INTERNAL_H
#define PEEL_STORE_FUND_INTERNAL_H

/* The payments not reversed of award id `award` (an SQL expression), in
 * pence. */
#define FUND_NET_PAYMENTS(award)                                                                   \
    "(SELECT coalesce(sum(p.amount_pence), 0) FROM fund_payment p WHERE p.award_id = " award       \
    " AND NOT EXISTS(SELECT 1 FROM fund_payment_reversal x WHERE x.payment_id = p.id))"

/* A row when assessor `who` is conflicted with application id `app` (an
 * SQL subquery, for EXISTS). */
#define FUND_CONFLICTED_WITH(who, app)                                                             \
    "SELECT 1 FROM fund_conflict c JOIN fund_application x ON x.id = c.application_id"             \
    " JOIN fund_application y ON y.id = " app " WHERE c.assessor = " who " AND (x.id = y.id"       \
    " OR (y.org_id <> '' AND x.org_id = y.org_id)"                                                 \
    " OR (y.org_name <> '' AND lower(trim(x.org_name)) = lower(trim(y.org_name))))"

#endif
