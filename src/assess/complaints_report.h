/*
 * complaints_report.h - the Commissioner's annual complaints report (the
 * Order's item 7C(b)) gathered for one financial year: the Office's
 * assessment of itself as review body drafted from its case data, and
 * the force's complaints handling against England and Wales from the
 * IOPC's figures, beside the sections the Office's staff write
 * (store/complaints_report.h). report/complaints_report.h writes it.
 *
 * Every count is from case data and clocks only, never the vault, and
 * small numbers are suppressed by the casework statistics' rule
 * (model/concern.h): a count of 1 to 4 is "<5", and so is the next
 * smallest of a group that adds up to a total when only one would be
 * hidden. Nothing case-level is shown: not a reference, not a note, not a
 * recommendation's words.
 */
#ifndef PEEL_ASSESS_COMPLAINTS_REPORT_H
#define PEEL_ASSESS_COMPLAINTS_REPORT_H

#include "model/iopc.h"
#include "render/table.h"
#include "store/store.h"
#include "util/month.h"

struct complaints_year {
    int fy;
    char year[FY_TEXT_SIZE];
    /* the year's reviews as a quarter's assessment (label, measure, value, unit) */
    struct table reviews;
    /* by quarter: quarter, received, in_time, late, decided, upheld,
     * not_upheld, within_standard, outside_standard */
    struct table quarters;
    /* recommendations made, the force's responses, awaiting one (label, measure, value, unit) */
    struct table recommendations;
    /* by allegation category: code, category, received, upheld */
    struct table themes;
    /* the IOPC's totals for the force: label, measure, value, last_year,
     * similar_forces, england_and_wales, against_england_and_wales, unit */
    struct table iopc;
    /* which IOPC figures those are, in words ("" when none is loaded) */
    char iopc_source[256];
    char *text[COMPLAINTS_SECTIONS]; /* each section's current text; NULL: not written */
    char *text_by[COMPLAINTS_SECTIONS];
};

/* Gathers year fy (util/month.h) into y (free it with
 * complaints_year_free, whatever the answer). 0, or -1 with err. */
int complaints_year_gather(struct store *s, int fy, struct complaints_year *y, struct buf *err);
void complaints_year_free(struct complaints_year *y);
/* The sections not yet written, as "summary, accountability" into out;
 * 0 when every one is. */
size_t complaints_year_missing(const struct complaints_year *y, struct buf *out);
/* Every figure of the report as one table for CSV and JSON: table,
 * measure, label, breakdown, value, england_and_wales, unit. */
void complaints_year_figures(const struct complaints_year *y, struct table *out);

#endif
