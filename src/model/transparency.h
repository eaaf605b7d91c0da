/*
 * transparency.h - what a Police and Crime Commissioner must publish, and
 * when: the rules of the Specified Information Order 2011 (as amended) and
 * of the Police Act 1996 s.55, as data, and the due dates they give (pure
 * arithmetic on model/calendar.h; no I/O).
 *
 * An item's rule is one of six kinds:
 *   before-year  due before the financial year it is for starts: on the
 *                last day before 1 April (the last working day before it,
 *                in the working basis); the budget and the precept
 *   monthly, quarterly, annual
 *                each period (a calendar month, a financial quarter, a
 *                financial year) is due `days` days after it ends, counted
 *                from the day after its last day in the rule's basis
 *   on-change, event
 *                due `days` days counted beginning with the day of the
 *                latest change or event not yet followed by a publication
 *                (s.55: "56 days beginning with the day on which the
 *                report is published"); nothing is due without one
 *
 * Periods are months as util/month.h counts them (a period is named by its
 * first month). What an item has published is the latest period it covers
 * (periodic kinds) or the latest date it was published (the others).
 */
#ifndef PEEL_TRANSPARENCY_H
#define PEEL_TRANSPARENCY_H

#include <stdbool.h>

#include "model/calendar.h"

enum tr_kind { TR_BEFORE_YEAR, TR_MONTHLY, TR_QUARTERLY, TR_ANNUAL, TR_ON_CHANGE, TR_EVENT };

#define TR_MAX_DAYS 366 /* the longest lag a rule may give */

struct tr_rule {
    enum tr_kind kind;
    int days; /* monthly, quarterly, annual, on-change, event: 1..TR_MAX_DAYS */
    enum clock_basis basis;
};

/* "before-year", "monthly", ...; and back (false for an unknown word). */
const char *tr_kind_name(enum tr_kind k);
bool tr_kind_parse(const char *s, enum tr_kind *k);
/* Whether the kind publishes by period (before-year, monthly, quarterly,
 * annual). */
bool tr_kind_periodic(enum tr_kind k);
/* NULL when r is a rule as above, else what is wrong with it. */
const char *tr_rule_check(const struct tr_rule *r);

/* The months in one period of a periodic kind (12 for before-year). */
int tr_period_months(enum tr_kind k);
/* The first month of the period of kind k that contains month m. */
int tr_period_of_month(enum tr_kind k, int month);
/* The period's text: "2026-10", "2026-27 Q3", "2026-27". */
void tr_period_format(enum tr_kind k, int start, char *out, size_t n);
/* The date a period of a periodic rule is due by. */
int tr_period_due(const struct calendar *c, const struct tr_rule *r, int period_start);

/* What has been published and what happened, as the store keeps them. */
struct tr_history {
    int covered;        /* periodic: the latest period published (first month), or -1 */
    int last_published; /* the latest publication's date, or DATE_NONE */
    int event;          /* on-change, event: the latest event's date, or DATE_NONE */
};

enum tr_state {
    TR_UP_TO_DATE, /* nothing due within the warning window */
    TR_DUE_SOON,   /* due on or before as_of + soon */
    TR_OVERDUE,    /* due before as_of and not published */
    TR_NO_DUE,     /* on-change or event with nothing outstanding */
};

struct tr_status {
    enum tr_state state;
    int next_period;     /* periodic: the first period not yet published (first month) */
    int next_due;        /* its due date, or the event's; DATE_NONE when nothing is due */
    int periods_overdue; /* periodic: periods past their due date and not published */
};

/* The item's status on as_of, warning `soon` days ahead. A periodic item
 * never published owes the period that holds as_of (before-year) or the
 * latest period ended before as_of (the others); once published, the
 * period after the latest it covers. */
void tr_compute(const struct calendar *c, const struct tr_rule *r, const struct tr_history *h,
                int as_of, int soon, struct tr_status *out);
/* The state of something due on `due`, on as_of, warning `soon` days
 * ahead (a clock's due date judged as an item's is). */
enum tr_state tr_state_of(int due, int as_of, int soon);
/* "up to date", "due soon", "OVERDUE", "nothing due": words, not colour. */
const char *tr_state_words(enum tr_state s);

#endif
