/*
 * stop_search.h - stop and search as the command, the site and the
 * governance report show it: searches counted by month, area, object,
 * outcome, age, ethnicity and the rest, with what they found; and, when a
 * population by ethnic group is loaded, how often people of each group are
 * searched against White people (disproportionality).
 *
 * The words of each measure, so that every surface says the same:
 *   further action  an outcome other than no further action (an arrest, a
 *                   summons, a caution, a warning, a community resolution)
 *   find            further action that the officer recorded as linked to
 *                   the object of the search (police.uk's "Outcome linked
 *                   to object of search" = True): the search found what it
 *                   was looking for
 *   find rate       finds as a share of all searches
 * The ethnic group is the person's own (self-defined) one, folded into the
 * census's five (model/ethnicity.h), as the Home Office's own
 * disproportionality figures use; "not stated" searches are left out of
 * the rates and counted in a note.
 */
#ifndef PEEL_ASSESS_STOP_SEARCH_H
#define PEEL_ASSESS_STOP_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "render/table.h"
#include "store/stop_search.h"

/* The groupings by name ("month", "area", "object", ...), comma-separated
 * for help and errors. */
const char *stop_by_names(void);
bool stop_by_known(const char *by);
/* The heading of a grouping for people: "Object of search". */
const char *stop_by_heading(const char *by);

/* The columns of stop_search_table, after the first (the grouping). */
enum stop_col {
    STOP_COL_KEY,
    STOP_COL_SEARCHES,
    STOP_COL_SHARE,
    STOP_COL_FURTHER,
    STOP_COL_FURTHER_PCT, /* each rate then its 95% Wilson limits (render/table_share.h) */
    STOP_COL_FURTHER_LOWER,
    STOP_COL_FURTHER_UPPER,
    STOP_COL_ARRESTS,
    STOP_COL_ARREST_PCT,
    STOP_COL_ARREST_LOWER,
    STOP_COL_ARREST_UPPER,
    STOP_COL_FINDS,
    STOP_COL_FIND_PCT,
    STOP_COL_FIND_LOWER,
    STOP_COL_FIND_UPPER,
    STOP_COL_LINK_RECORDED,
    STOP_COLS,
};
/* Headings for people, one per column ("Searches", "Find rate"). */
extern const char *const stop_col_headings[STOP_COLS];

/* Searches grouped by one of stop_by_names(), a row per value and a last
 * row "Total", with notes saying what each measure means: 0, or -1 with
 * err (an unknown grouping is an error naming the known ones). t is
 * initialised either way. */
int stop_search_table(struct store *s, const char *by, const struct stop_query *q, struct table *t,
                      struct buf *err);

/* The groupings the site and the reports show, in their order. */
extern const char *const stop_page_bys[];
extern const size_t stop_page_nbys;
/* Every grouping named as one table for download: a first column
 * "grouping" ("object"), then "value" and stop_search_table's columns
 * (without its Total rows, which would count every search once per
 * grouping). 0, or -1 with err; t is initialised either way. */
int stop_search_download(struct store *s, const char *const *groupings, size_t n,
                         const struct stop_query *q, struct table *t, struct buf *err);

/* The columns of stop_disparity_table. */
enum disparity_col {
    DISP_COL_GROUP,
    DISP_COL_SEARCHES,
    DISP_COL_POPULATION,
    DISP_COL_RATE,
    DISP_COL_RATIO,
    DISP_COL_LOWER,
    DISP_COL_UPPER,
    DISP_COL_P,
    DISP_COL_VERDICT,
    DISP_COLS,
};
extern const char *const disparity_col_headings[DISP_COLS];

/* What stop_disparity_table found besides the table. */
struct stop_disparity {
    bool have_population; /* false: no population by ethnic group loaded for the force */
    int64_t not_stated;   /* searches with no self-defined group, left out */
    struct buf force;     /* the force's name */
    struct buf source;    /* the population file */
    int months;           /* the months of searches counted */
};
void stop_disparity_free(struct stop_disparity *d);

/* Searches per 1,000 people of each group over the query's months, and
 * each group's rate as a ratio to the White group's, with its 95%
 * interval and p-value (analysis/poisson.h compare_counts: the exact
 * conditional binomial test of two Poisson rates). The query names the
 * force, or only one force's searches are held. 0 (t empty, and
 * d->have_population false, when no population is loaded); 1 when no
 * searches are held for the force (or several forces' are and none was
 * named; err says which); -1 with err. */
int stop_disparity_table(struct store *s, const struct stop_query *q, struct table *t,
                         struct stop_disparity *d, struct buf *err);

/* The sentence of a ratio for people: "People in the Black group were
 * searched 3.1 times as often as people in the White group (95% interval
 * 2.4 to 4.0)". */
void stop_disparity_sentence(const struct table *t, size_t row, struct buf *out);

#endif
