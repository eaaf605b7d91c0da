/*
 * concern_stats.h - the casework register's quarterly statistics as the
 * Office publishes them: counts by financial quarter, with small numbers
 * suppressed by the rule of model/concern.h (a count of 1 to 4 is shown as
 * "<5", and so is the next smallest count of its group when only one would
 * be hidden, lest the group's total give it away).
 *
 * Each group of counts is suppressed together with the total it adds up to:
 * the cases received by kind; the reviews in time and late; the cases
 * acknowledged within the standard and not; answered within the standard
 * and not; the reviews whose outcome was found reasonable and proportionate
 * and not. The totals themselves are shown unless they are 1 to 4. Counted
 * from case data and clocks only: destroying personal details at the end
 * of retention changes no figure.
 */
#ifndef PEEL_ASSESS_CONCERN_STATS_H
#define PEEL_ASSESS_CONCERN_STATS_H

#include "render/table.h"
#include "store/store.h"

/* The published table into t (initialised here; table_free it). 0, or -1
 * with err. */
int concern_stats_table(struct store *s, struct table *t, struct buf *err);

/* The complaint reviews received in each quarter by allegation category
 * (quarter, code, category, received, upheld; a review may have several
 * categories, one without any is "Not categorised"), each count of 1 to
 * 4 shown as "<5": the casework statistics "by category". 0, or -1. */
int concern_stats_categories_table(struct store *s, struct table *t, struct buf *err);

/* The rule, in one sentence, for every output that shows the table. */
extern const char concern_stats_rule[];

#endif
