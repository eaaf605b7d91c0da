/*
 * fund_tables.h - the Safety Fund as tables (render/table.h), the same for
 * `peel fund` and the site's /grants pages and their CSV and JSON: rounds
 * with their budgets and what is awarded, and awards.
 *
 * Money is written by model/money.h alone: for people ("£1,234.56") when
 * human, else at full precision for machines ("1234.56"). A public table
 * holds only awards whose round's decision is published, and never the
 * district or partnership of a sensitive award (a refuge): its place is
 * FUND_PLACE_WITHHELD.
 */
#ifndef PEEL_ASSESS_FUND_TABLES_H
#define PEEL_ASSESS_FUND_TABLES_H

#include <stdbool.h>

#include "render/table.h"
#include "store/fund.h"
#include "store/grants_received.h"

#define FUND_PLACE_WITHHELD "(not published: a sensitive location)"

/* Every round with its budget, the year's, and what is awarded. */
int fund_rounds_table(struct store *s, bool human, struct table *t, struct buf *err);
/* The awards of a round (NULL: all); public: what the site shows. */
int fund_awards_table(struct store *s, const char *round, bool public_, bool human, struct table *t,
                      struct buf *err);

/* Which awards a list shows: each field NULL for any, else exactly that
 * round, district or priority. The district is matched as the list
 * shows it: a sensitive award's, publicly, only as FUND_PLACE_WITHHELD,
 * so that a filter can never find where a refuge is. */
struct fund_award_filter {
    const char *round, *district, *priority;
};
/* Whether the filter (NULL: any) picks the award, and its district as a
 * list shows it (public: never a sensitive award's, FUND_PLACE_WITHHELD). */
bool fund_award_picked(const struct fund_award_filter *f, const struct fund_award_view *a,
                       bool public_);
const char *fund_award_district(const struct fund_award_view *a, bool public_);
int fund_awards_table_where(struct store *s, const struct fund_award_filter *f, bool public_,
                            bool human, struct table *t, struct buf *err);

enum fund_group { FUND_BY_ROUND, FUND_BY_DISTRICT, FUND_BY_PRIORITY };
/* Published awards counted and summed by round, district or priority
 * (of those the filter picks, when f is not NULL). */
int fund_totals_table(struct store *s, enum fund_group g, bool human, struct table *t,
                      struct buf *err);
int fund_totals_table_where(struct store *s, const struct fund_award_filter *f, enum fund_group g,
                            bool human, struct table *t, struct buf *err);
/* "round", "district", "priority"; false for anything else. */
bool fund_group_parse(const char *word, enum fund_group *g);

/* The grants received of each year's latest load (of fy, when not NULL). */
int grants_received_table(struct store *s, const char *fy, bool human, struct table *t,
                          struct buf *err);

#endif
