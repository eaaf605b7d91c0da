/*
 * complaints_report.h - what the Commissioner's annual complaints report
 * (Order 7C(b); report/complaints_report.h) is made from, beside the IOPC's
 * figures (store/iopc.h): the sections the Office's staff write, and the
 * year's review cases counted (case data and clocks only, never the vault).
 *
 * Migration 44: a section's text (table complaints_report_text) is
 * append-only. Each save is the section's next version and the latest is
 * the one used; the report as published is frozen by `peel publish`
 * (store/publish.h), so nothing published changes when a section is
 * redrafted. Each save is audited (complaints-report.text, object
 * "complaints-report:YEAR/SECTION", with the version and the text's
 * length: the text itself is the table's, kept for good).
 */
#ifndef PEEL_STORE_COMPLAINTS_REPORT_H
#define PEEL_STORE_COMPLAINTS_REPORT_H

#include <stdint.h>

#include "store/audit.h"
#include "store/iopc.h"
#include "store/store.h"

enum { COMPLAINTS_REFUSED = 2 }; /* a section unknown, or its text blank or too long */

/* Saves text as the next version of section (model/iopc.h's
 * complaints_sections) of financial year fy's report (util/month.h's fy,
 * the year it starts in); its version into *version. 0,
 * COMPLAINTS_REFUSED with why in err, or -1 with err. */
int store_complaints_text_put(struct store *s, int fy, const char *section, const char *text,
                              const struct audit_origin *by, int *version, struct buf *err);

/* A section's current text (strings valid during the callback only). */
struct complaints_text_view {
    const char *section, *text, *saved_at, *saved_by;
    int version;
};
typedef void (*complaints_text_fn)(void *arg, const struct complaints_text_view *v);
/* The current text of each section written for year fy, in no set order. */
int store_complaints_texts(struct store *s, int fy, complaints_text_fn fn, void *arg,
                           struct buf *err);

/* The year's review cases beyond the quarter's assessment: recommendations
 * made to the force in the year (events "recommended"), the force's
 * responses recorded in it ("responded"), and the reviews with a
 * recommendation made by the year's end and no response by then. */
struct review_year {
    struct review_assessment a; /* as a quarter's, over the twelve months */
    int64_t recommendations, responses, awaiting;
};
int store_review_year(struct store *s, int fy, struct review_year *out, struct buf *err);

/* Each allegation category (in code order) with the reviews received in
 * year fy that have it and, of those decided, how many were upheld (the
 * outcome found not reasonable and proportionate). Reviews without a
 * category are given as code "", label "Not categorised". */
struct review_theme {
    const char *code, *label;
    int64_t received, upheld;
};
typedef void (*review_theme_fn)(void *arg, const struct review_theme *t);
int store_review_themes(struct store *s, int fy, review_theme_fn fn, void *arg, struct buf *err);
/* The same for the months from first (a quarter: 3). */
int store_review_themes_span(struct store *s, int first, int months, review_theme_fn fn, void *arg,
                             struct buf *err);

#endif
