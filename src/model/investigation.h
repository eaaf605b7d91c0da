/*
 * investigation.h - the reports a force owes the Commissioner on a
 * complaint investigation that runs long (pure arithmetic on
 * model/calendar.h; no I/O).
 *
 * Police (Complaints and Misconduct) Regulations 2020 reg. 13: an
 * investigation not completed within a "relevant period" must be reported
 * on, as soon as practicable after the period ends (its progress, an
 * estimate of when it will end, the reasons for its length and the steps
 * planned). The first relevant period is the 12 months starting with the
 * date the complaint was made (or the matter came to the authority's
 * attention); each next is the 6 months starting with the day after the one
 * before ends. A period of N months starting with day D ends on the day
 * before the date N months later with D's day of the month, or, when that
 * month is too short, on the last day of that month (a period starting on
 * 31 August ends on the last day of February).
 *
 * "As soon as practicable" has no number in law; the Office's standard is
 * INVESTIGATION_REPORT_DAYS calendar days after the period ends, shown and
 * measured as a clock.
 */
#ifndef PEEL_MODEL_INVESTIGATION_H
#define PEEL_MODEL_INVESTIGATION_H

#include "model/calendar.h"

#define INVESTIGATION_FIRST_MONTHS 12
#define INVESTIGATION_NEXT_MONTHS  6
#define INVESTIGATION_REPORT_DAYS  14 /* the Office's standard, calendar days */
#define INVESTIGATION_PERIODS_MAX  40 /* twenty years of reports */

/* The first and last day of relevant period n (1, 2, ...) of an
 * investigation whose 12 months run from began. */
void investigation_period(int began, int n, int *first, int *last);
/* The clock of period n's report: calendar days from the period's first
 * day to INVESTIGATION_REPORT_DAYS after its last. */
struct clock_spec investigation_report_spec(int began, int n);

/* Who investigates: the force on its own behalf (it reports), or under the
 * IOPC's direction or by the IOPC (the IOPC's Director General reports). */
const char *investigation_by_text(const char *by); /* NULL for an unknown word */

#endif
