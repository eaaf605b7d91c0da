/*
 * annual_table.h - the annual report's crime table, built from the store:
 * what `peel stats --fy` prints and `peel report annual` publishes.
 *
 * analysis/annual.h compares two financial years given counts; this reads
 * the counts (police.uk street data, or the Home Office recorded-crime
 * tables when they cover both years), chooses between the two as the
 * request asks, and lays the result out as a struct table with its title
 * and notes (the method, the categories, missing months, the source). Both
 * the command and the report take the table from here, so the report's
 * cells are the command's cells.
 */
#ifndef PEEL_ANNUAL_TABLE_H
#define PEEL_ANNUAL_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/annual.h"
#include "render/table.h"
#include "store/query.h"
#include "util/buf.h"

/* Where the counts come from. */
enum annual_source {
    ANNUAL_SOURCE_AUTO,      /* the Home Office tables when they cover both years, else police.uk */
    ANNUAL_SOURCE_POLICE_UK, /* police.uk crime types, mapped for SCHEME_HOME_OFFICE */
    ANNUAL_SOURCE_PRC,       /* the Home Office tables, or an error */
};

struct annual_request {
    int fy; /* this financial year (its starting year) */
    enum annual_scheme scheme;
    enum annual_source source;
    /* Filters: force, area, crime types, exclude_asb. The months and
     * dimensions are the builder's own. */
    struct stats_query q;
};

/* The columns of the table, in order (the rate columns only with a
 * population). Each estimate has its 95% interval beside it: the positive
 * outcome rate its Wilson interval, the change its rate ratio (this year's
 * count over last year's) with the exact interval of the Poisson test. */
enum annual_column {
    ANNUAL_COL_CATEGORY,
    ANNUAL_COL_PREVIOUS,
    ANNUAL_COL_CURRENT,
    ANNUAL_COL_DIFFERENCE,
    ANNUAL_COL_CHANGE_PCT,
    ANNUAL_COL_POSITIVE_PCT,
    ANNUAL_COL_POSITIVE_LOWER,
    ANNUAL_COL_POSITIVE_UPPER,
    ANNUAL_COL_CHANGE_IS,
    ANNUAL_COL_P_VALUE,
    ANNUAL_COL_RATE_RATIO,
    ANNUAL_COL_RATIO_LOWER,
    ANNUAL_COL_RATIO_UPPER,
    ANNUAL_COL_RATE_PREVIOUS,
    ANNUAL_COL_RATE_CURRENT,
    ANNUAL_NCOLS
};

/* The columns' headings for people (HTML, PDF), in the order above, the
 * two years named as given. */
void annual_headings(bool police_uk, const char *previous, const char *current,
                     const char *headings[ANNUAL_NCOLS]);

struct annual_result {
    struct annual_table t; /* the lines and their total */
    struct table table;    /* as `peel stats --fy` prints it */
    /* rows[i] is the line table row i shows: the lines in the total, the
     * total, then anti-social behaviour. */
    const struct annual_line **rows;
    const char *prc_key;    /* the force whose Home Office tables were used, or NULL */
    struct buf why_not_prc; /* SCHEME_HOME_OFFICE from police.uk: why ("" otherwise) */
    int64_t population;     /* residents the rates are per (0: none loaded) */
    /* police.uk: months of the two years with street data, present[m -
     * first], first the previous year's April. All true for the Home
     * Office tables, which are used only when complete. */
    bool present[24];
    int first_month;
};

/* Builds the table; 0, or -1 with the reason in err (a store error, or
 * ANNUAL_SOURCE_PRC when the Home Office tables cannot make it). */
int annual_build(struct store *s, const struct annual_request *a, struct annual_result *out,
                 struct buf *err);
void annual_result_free(struct annual_result *r);

/* The slug of the one force whose street data the two years hold, or NULL
 * when they hold none or several. */
const char *annual_only_force(struct store *s, const struct annual_request *a);

/* How many of a year's 12 months have street data (year 0 the previous,
 * 1 this). */
int annual_months_present(const struct annual_result *r, int year);

#endif
