/*
 * annual.h - the annual report's crime table: two financial years compared.
 *
 * The table of the PCC's annual report (offence category, previous year,
 * this year, difference, % change, total) built from counts per police.uk
 * crime type. Categories are either the 14 police.uk crime types or the
 * Home Office offence groups the report uses; police.uk publishes coarser
 * categories than the Home Office, so some groups are necessarily combined
 * (violence against the person with sexual offences) and the table says so.
 *
 * Anti-social behaviour is an incident, not a crime: it is shown on its own
 * line and never counted in the total.
 *
 * Counts come either from police.uk crime types (annual_add) or, when the
 * Home Office's own recorded-crime tables cover both years, straight from
 * their offence groups (annual_add_group): then nothing is combined.
 *
 * Pure computation: no I/O, no store. The caller feeds counts in.
 */
#ifndef PEEL_ANNUAL_H
#define PEEL_ANNUAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/poisson.h"
#include "analysis/proportion.h"
#include "model/outcomes.h"
#include "util/buf.h"

enum annual_scheme { SCHEME_POLICE_UK, SCHEME_HOME_OFFICE };

struct annual_line {
    char *category;
    int64_t previous, current;     /* crimes in the previous and this financial year */
    int64_t positive;              /* positive outcomes among this year's crimes */
    int64_t positive_previous;     /* ... and among the previous year's */
    int64_t known, known_previous; /* crimes with an outcome: a rate's denominator
                                    * (outcome_state_in_rate), this year and the previous */
    bool in_total;                 /* false for anti-social behaviour */
    bool no_outcomes;              /* counts came without outcomes (annual_add_group) */
    const char *combines;          /* "", or which groups police.uk merges here */
};

struct annual_table {
    enum annual_scheme scheme;
    int fy; /* this financial year (starting year) */
    struct annual_line *lines;
    size_t nlines, cap;
    struct annual_line total;
};

void annual_init(struct annual_table *t, enum annual_scheme scheme, int fy);
void annual_free(struct annual_table *t);

/* Adds `count` crimes of a police.uk crime type whose latest outcome is in
 * state. year: 0 previous, 1 this. */
void annual_add(struct annual_table *t, const char *crime_type, int year, enum outcome_state state,
                int64_t count);
/* Adds `count` offences of a Home Office offence group as the Home Office's
 * recorded-crime tables publish it: no police.uk mapping, nothing combined,
 * no outcomes. Only for SCHEME_HOME_OFFICE. */
void annual_add_group(struct annual_table *t, const char *group, int year, int64_t count);
/* Sorts lines (largest this year first, anti-social behaviour last) and sums
 * the total. */
void annual_finish(struct annual_table *t);

/* Derived figures; false when undefined (no previous crimes, no crimes, no
 * outcomes). A positive outcome rate is of the crimes with an outcome
 * (model/outcomes.h, outcome_state_in_rate), as every rate in Peel is. */
bool annual_change_pct(const struct annual_line *l, double *pct);
bool annual_positive_rate(const struct annual_line *l, double *pct);
/* The 95% Wilson score interval (proportion.h) of that rate, in per cent:
 * how far chance alone could move it. False when the rate is undefined. */
bool annual_positive_interval(const struct annual_line *l, double *lower_pct, double *upper_pct);
/* Whether the change is beyond chance: the exact Poisson comparison of the
 * two years' counts (equal exposure, twelve months each), at 95%. */
bool annual_compare(const struct annual_line *l, struct rate_comparison *out);
/* Whether the positive outcome rate changed beyond chance: the two years'
 * shares compared (Newcombe interval, pooled z-test; proportion.h). */
bool annual_compare_positive(const struct annual_line *l, struct proportion_comparison *out);

/* What a line's change is: more than chance would explain, within normal
 * variation, or nothing to compare (no crimes either year). */
enum annual_verdict { ANNUAL_NOTHING, ANNUAL_SIGNAL, ANNUAL_NOISE };

/* Below this many crimes in the two years together, a line is "small":
 * the exact test is still right, but only a large change could show, and
 * the sentence says so rather than let "no real change" read as
 * reassurance. */
#define ANNUAL_SMALL_COUNT 20

/* The plain sentence of a line, for a reader: what changed, and whether
 * it is more than chance would explain and how that was decided (the test
 * of annual_compare). previous and current name the two years. "Theft
 * offences rose from 735 in 2020-21 to 927 in 2021-22 (+26%). That is more
 * than chance would explain (exact Poisson test, p < 0.001): a signal." */
enum annual_verdict annual_describe(const struct annual_line *l, const char *previous,
                                    const char *current, struct buf *out);

/* The Home Office offence group of a police.uk crime type, and what it
 * merges ("" when it maps one to one). NULL group for an unknown type. */
const char *home_office_group(const char *crime_type, const char **combines);

extern const char *const police_uk_crime_types[];
extern const size_t police_uk_crime_types_count;
#define ASB_CRIME_TYPE "Anti-social behaviour"

#endif
