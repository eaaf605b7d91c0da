/*
 * transparency.h - the transparency calendar judged on a day: each item
 * of the calendar in use (store/transparency.h) with its next due date
 * and whether it is up to date, due soon or overdue (model/transparency.h,
 * with the working-day calendar in use). What `peel transparency check`,
 * the public /transparency page and the staff home page all show, so the
 * three never disagree.
 */
#ifndef PEEL_ASSESS_TRANSPARENCY_H
#define PEEL_ASSESS_TRANSPARENCY_H

#include <stddef.h>

#include "render/table.h"
#include "store/transparency.h"

#define TR_SOON_DAYS 14 /* "due soon": within two weeks */

struct tr_row {
    char *key, *title, *source, *publisher, *path, *note, *last_url;
    struct tr_rule rule;
    enum tr_register reg;
    struct tr_history history;
    struct tr_status status;
    int outstanding; /* a register's items not yet published */
};

struct tr_report {
    struct tr_row *rows;
    size_t n;
    int as_of;
    size_t overdue, due_soon;
};

/* The calendar in use as of as_of into r (empty when none is loaded).
 * 0, or -1 with err. */
int tr_report_build(struct store *s, int as_of, struct tr_report *r, struct buf *err);
void tr_report_free(struct tr_report *r);

/* The rule in words: "monthly, 20 working days after the month",
 * "before the financial year starts", "56 calendar days from each event". */
void tr_rule_words(const struct tr_rule *r, char *out, size_t n);
/* The next period's text ("2026-10"), or "" when the rule has none. */
void tr_row_period(const struct tr_row *row, char *out, size_t n);

/* One row per item (all false: only those overdue or due soon), for CSV,
 * JSON and text: key, title, source, publisher,
 * rule, path, last_published, last_url, next_period, next_due, state,
 * periods_overdue, outstanding, note; brief: key, state, next_period,
 * next_due, last_published, title, for a terminal. t is initialised here. */
void tr_report_table(const struct tr_report *r, bool all, bool brief, struct table *t);

#endif
