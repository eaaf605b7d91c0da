/*
 * fund_after_tables.h - payments and monitoring returns of Safety Fund
 * awards as tables (render/table.h), the same for `peel award` and the
 * staff's award page: money by model/money.h, for people when human.
 */
#ifndef PEEL_ASSESS_FUND_AFTER_TABLES_H
#define PEEL_ASSESS_FUND_AFTER_TABLES_H

#include <stdbool.h>

#include "render/table.h"
#include "store/fund_after.h"

/* The payments of a round's award (round NULL: all; award 0: the round's
 * every award), with what the spend register says of each. */
int fund_payments_table(struct store *s, const char *round, int award, bool human, struct table *t,
                        struct buf *err);
/* The monitoring returns, with where each stands on day today
 * (YYYY-MM-DD): due, overdue, or received and met, partly met, not met. */
int fund_returns_table(struct store *s, const char *round, int award, const char *today,
                       struct table *t, struct buf *err);

#endif
