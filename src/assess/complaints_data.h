/*
 * complaints_data.h - the Order's item 7C for one financial quarter as the
 * Office publishes it: the IOPC's figures for the force (store/iopc.h) and
 * the Commissioner's own assessment as review body, counted from the
 * Office's review cases (store_review_assessment) with small numbers
 * suppressed by the casework statistics' rule (model/concern.h).
 *
 * The assessment's counts come in groups that add up to a total, each
 * suppressed together as concern_stats.h does: the applications received
 * in time and late; the reviews upheld and not; decided within the
 * standard and outside it. The median working days to decide is shown only
 * when at least CONCERN_SUPPRESS_BELOW reviews were decided.
 */
#ifndef PEEL_ASSESS_COMPLAINTS_DATA_H
#define PEEL_ASSESS_COMPLAINTS_DATA_H

#include "render/table.h"
#include "store/store.h"

/* The quarter's IOPC figures into iopc (columns label, measure, breakdown,
 * value, last_year, similar_forces, england_and_wales, unit) and the
 * assessment into own (label, measure, value, unit), both initialised
 * here (table_free them). 0, IOPC_UNKNOWN (no figures loaded for it), or
 * -1 with err. */
int complaints_quarter_tables(struct store *s, int quarter, struct table *iopc, struct table *own,
                              struct buf *err);
/* The two as one table for CSV and JSON: a row per figure, with its source
 * ("iopc" or "commissioner") first. */
void complaints_quarter_data(const struct table *iopc, const struct table *own, struct table *out);
/* Every quarter loaded, latest first: quarter, from, to, version, figures,
 * loaded_at, source_url, reason. 0, or -1 with err. */
int complaints_quarters_table(struct store *s, struct table *t, struct buf *err);
/* The IOPC's annual statistics (7C(a)): every financial year loaded,
 * latest first, as the quarters' table with "year" first; and one year's
 * figures (the first month of the financial year), as a quarter's IOPC
 * table: 0, IOPC_UNKNOWN, or -1 with err. */
int complaints_years_table(struct store *s, struct table *t, struct buf *err);
int complaints_year_table(struct store *s, int year, struct table *t, struct buf *err);

/* The Office's assessment as review body (store_review_assessment's
 * counts for any span) as the quarter's table shows it: label, measure,
 * value, unit, suppressed by the rule; t is initialised here. */
struct review_assessment;
void complaints_assessment_table(const struct review_assessment *a, struct table *t);
/* A count into cell (r, c): "<5" when hide or when it is 1 to 4. */
void complaints_set_count(struct table *t, size_t r, size_t c, int64_t v, bool hide);
/* A row (label, measure, count, unit) of an assessment-shaped table. */
void complaints_count_row(struct table *t, const char *label, const char *code, int64_t v,
                          bool hide, const char *unit);

/* The suppression rule and the standard, in words, for every output. */
extern const char complaints_assessment_rule[];

#endif
