/*
 * area.h - an area's crime profile: what the site's area pages say about
 * the force and each district, CSP or other grouping loaded with
 * `peel import-areas`.
 *
 * Everything is over the plan's force and the latest twelve months of
 * street data (the "window"), against the twelve before:
 *
 *  - crime by police.uk crime type, both years, with whether each change
 *    is beyond chance: analysis/annual.h's table and its exact Poisson
 *    comparison, the same as `peel stats --fy` (anti-social behaviour on
 *    its own line, never in the total);
 *  - the monthly trend of all crime (not anti-social behaviour) in the
 *    area on an XmR chart, with the plan's conventions (assess/evaluate.h);
 *  - crimes per 1,000 residents over the window, and the force's;
 *  - the area's place on the funnel of every area of its grouping
 *    (assess/compare.h's metric_funnel, as `peel compare --by GROUPING`
 *    computes it for a metric of all crime).
 *
 * An area is named by its grouping and value ("district", "Charnwood");
 * the force is grouping AREA_FORCE with the plan's force as its value.
 */
#ifndef PEEL_PLAN_AREA_H
#define PEEL_PLAN_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/annual.h"
#include "assess/compare.h"
#include "assess/evaluate.h"

struct store;

#define AREA_FORCE "force"

/* The latest twelve months of street data for the plan's force:
 * [*from, *to]. False when there is none. */
bool area_window(struct store *s, const struct plan *p, int *from, int *to);

/* One value of a grouping, over the window. */
struct area_entry {
    char *value;
    int64_t crimes;     /* not anti-social behaviour */
    int64_t population; /* 0 when none is loaded */
};

struct area_grouping {
    char *name;               /* "district", "csp", ... */
    struct area_entry *items; /* the force's own areas (stats_area_is_own) */
    size_t n;
    /* Crimes in no area of the force: with no location (a data-quality
     * count), and recorded outside the force area, one figure each; and
     * in the force area but not in the grouping's lookup. Not pages. */
    int64_t no_location, outside, not_in_lookup;
};

/* Every area the site has a page for: district first, then each loaded
 * grouping in name order, values in name order. */
struct area_index {
    bool has_data; /* false: no street data, and from/to are 0 */
    int from, to;
    int64_t force_crimes, force_population;
    struct area_grouping *groupings;
    size_t n;
};

int area_index_read(struct store *s, const struct plan *p, struct area_index *out, struct buf *err);
void area_index_free(struct area_index *ix);

struct area_profile {
    char *grouping, *value;
    bool is_force;
    bool has_data; /* false: no street data; nothing below is filled */
    int from, to;  /* the window; the year before is [from - 12, from - 1] */
    int nmissing;  /* months of the 24 with no street data for the force */
    struct annual_table types;
    /* The trend: all crime in the area, month by month (its definition is
     * this metric, made here, not the plan's). */
    struct plan_metric metric;
    struct metric_status status;
    struct metric_series trend;
    struct spc_result spc;
    bool charted;
    int64_t crimes, population, nlsoas; /* over the window; population 0: none loaded */
    int64_t force_crimes, force_population;
    /* The funnel of the grouping's areas over the window; none for the
     * force, or when populations are missing (funnel_note says why). */
    bool has_funnel;
    struct area_values values;
    struct funnel_result funnel;
    const struct funnel_point *point; /* this area's, or NULL when it is not compared */
    char funnel_note[160];
};

/* Reads an area's profile. 1 when there is no such area (an unknown
 * grouping, or a value with neither crimes nor residents), -1 with err. */
int area_profile_read(struct store *s, const struct plan *p, const char *grouping,
                      const char *value, struct area_profile *out, struct buf *err);
void area_profile_free(struct area_profile *a);

/* Crimes per 1,000 residents; NAN without a population. */
double area_rate(int64_t crimes, int64_t population);

/* The funnel position in words: "within the limits (no different from the
 * other areas beyond chance)", "above the upper 95% limit", ... */
const char *area_funnel_words(enum funnel_position pos);

#endif
