/*
 * fund_internal.h - SQL the fund's migration and its store share (issue
 * 18): what is paid against an award is its payments less those reversed
 * (fund_payment_reversal), one expression so that the trigger holding
 * payments within their award and the store's own checks and reads count
 * the same.
 */
#ifndef PEEL_STORE_FUND_INTERNAL_H
#define PEEL_STORE_FUND_INTERNAL_H

/* The payments not reversed of award id `award` (an SQL expression), in
 * pence. */
#define FUND_NET_PAYMENTS(award)                                                                   \
    "(SELECT coalesce(sum(p.amount_pence), 0) FROM fund_payment p WHERE p.award_id = " award       \
    " AND NOT EXISTS(SELECT 1 FROM fund_payment_reversal x WHERE x.payment_id = p.id))"

#endif
