/*
 * fund_stats.h - the Safety Fund's statistics (issue 18; docs/fund.md):
 * for each round, district or plan priority, the applications sent, how
 * many were eligible, how many were awarded a grant, the success rate
 * (awards as a share of applications sent), and the amounts asked for and
 * awarded; the same for `peel fund stats` and the site's /grants/statistics.
 *
 * Counted from the sent applications (store_fund_application_facts) and
 * the awards that answer them; an award recorded without an application
 * (a round run before Peel took applications) is on the list of grants
 * but not in these figures. An application serving several priorities
 * counts under each, so the priority rows may add up to more than the
 * total row.
 *
 * Small numbers are withheld: a row's application figures (applications,
 * eligible, success rate, amount asked for) are not shown when it has
 * one or two unsuccessful applications (FUND_STATS_MIN_UNSUCCESSFUL).
 * The awarded are public by name and amount; with one or two turned down,
 * someone who knows the area could tell who was turned down, and the
 * amount asked for less the amounts awarded would give what they asked
 * for. When exactly one row of a table is withheld, the total row is
 * withheld too, so that the row cannot be had by subtraction. The
 * awards and amounts awarded are always shown.
 */
#ifndef PEEL_ASSESS_FUND_STATS_H
#define PEEL_ASSESS_FUND_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assess/fund_tables.h"
#include "render/table.h"
#include "store/store.h"

#define FUND_STATS_MIN_UNSUCCESSFUL 3
#define FUND_STATS_TOTAL            "All"

struct fund_stat {
    char *key; /* the round, district or priority; FUND_STATS_TOTAL last */
    long applications, eligible, awarded;
    int64_t requested_pence, awarded_pence;
    bool withheld; /* the application figures are not to be shown */
};
struct fund_stats {
    struct fund_stat *v;
    size_t n; /* the groups in the order first met, then the total */
};

/* The statistics by g; public_only: of rounds whose decision is
 * published (what the site shows). out is freed by fund_stats_free. */
int fund_stats_compute(struct store *s, enum fund_group g, bool public_only, struct fund_stats *out,
                       struct buf *err);
/* The same of the rounds of financial year fy ("2024-25"; NULL: every
 * round), as the annual report counts them. */
int fund_stats_compute_fy(struct store *s, enum fund_group g, bool public_only, const char *fy,
                          struct fund_stats *out, struct buf *err);
void fund_stats_free(struct fund_stats *st);
/* Applies the rule above to counted rows (the last is the total). */
void fund_stats_withhold(struct fund_stats *st);

/* The statistics as a table: key, applications, eligible, awarded,
 * success_rate_pct, requested, awarded_amount, note (why withheld). */
int fund_stats_table(struct store *s, enum fund_group g, bool public_only, bool human,
                     struct table *t, struct buf *err);
int fund_stats_table_fy(struct store *s, enum fund_group g, bool public_only, const char *fy,
                        bool human, struct table *t, struct buf *err);

#endif
