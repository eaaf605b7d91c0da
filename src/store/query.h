/*
 * query.h - counting crimes: the questions `peel stats` and reports ask.
 *
 * Every count comes from the rollup tables kept at import time, never from
 * the crime table, so a question over five million crimes is answered in
 * milliseconds. Dimensions and filters are chosen from a fixed list; the
 * only values that reach SQL are bound parameters.
 */
#ifndef PEEL_QUERY_H
#define PEEL_QUERY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/outcomes.h"
#include "store/store.h"

enum stats_dim {
    DIM_MONTH,   /* "2021-04" */
    DIM_QUARTER, /* financial quarter, "2021-22 Q1" */
    DIM_FY,      /* financial year, "2021-22" */
    DIM_CRIME_TYPE,
    DIM_OUTCOME,          /* police.uk outcome category */
    DIM_OUTCOME_GROUP,    /* Home Office outcome group */
    DIM_POSITIVE_OUTCOME, /* STATS_POSITIVE_YES, _NO or _PENDING */
    DIM_FORCE,
    DIM_DISTRICT,
    DIM_LSOA, /* LSOA code */
    DIM_LSOA_NAME,
    DIM_GROUPING, /* an imported area grouping, named in stats_dim_spec.grouping */
};

struct stats_dim_spec {
    enum stats_dim dim;
    const char *grouping; /* for DIM_GROUPING */
    const char *label;    /* column name */
};

#define STATS_MAX_DIMS 8

struct stats_query {
    struct stats_dim_spec dims[STATS_MAX_DIMS];
    int ndims;
    int month_from, month_to; /* inclusive; -1 for open */
    const char *area_key;     /* district, lsoa, force or a grouping; NULL: all */
    const char *area_value;
    const char *force;              /* name or data.police.uk id; NULL: all forces */
    const char *const *crime_types; /* only these police.uk crime types; NULL: all */
    int ncrime_types;
    const char *const *outcomes; /* only these last outcome categories ("(none)": none yet) */
    int noutcomes;
    bool exclude_asb; /* leave out anti-social behaviour (not a crime) */
};

/* The rows of an area dimension that are not an area of the force: crimes
 * with no location (a data-quality count, not a place), and those the force
 * recorded in LSOAs outside its area (store_internal.h, FORCE_AREA_UPDATE;
 * docs/methods.md), gathered into one row wherever areas are listed. An
 * LSOA in the force area but missing from a loaded grouping is "(not in
 * lookup)". --area accepts these labels as values. */
#define STATS_NO_LOCATION "(no location)"
/* The values of DIM_POSITIVE_OUTCOME: a positive outcome, another outcome,
 * or none yet ("Under investigation", "Status update unavailable": the
 * outcome group "pending"), which a rate leaves out of its denominator. */
#define STATS_POSITIVE_YES     "yes"
#define STATS_POSITIVE_NO      "no"
#define STATS_POSITIVE_PENDING "pending"
#define STATS_OUTSIDE          "(outside the force area)"
/* A DIM_POSITIVE_OUTCOME value as the state a rate counts (model/outcomes.h). */
enum outcome_state stats_outcome_state(const char *positive_outcome);
#define STATS_NOT_IN_LOOKUP "(not in lookup)"
/* Whether an area dimension's value is one of the force's own areas (not
 * one of the rows above, nor "(unknown)"): only those are compared on a
 * funnel, mapped or charted as an area. */
bool stats_area_is_own(const char *value);

/* Parses one dimension name ("month", "district", or an imported grouping's
 * name); false when it is none of these. */
bool stats_dim_parse(struct store *s, const char *name, struct stats_dim_spec *out);
/* The names accepted, for help and errors. */
const char *stats_dim_names(void);

typedef void (*stats_row_fn)(void *arg, const char *const *keys, int64_t count);

/* Calls fn once per group, in the order of the dimensions; -1 with err. */
int store_stats(struct store *s, const struct stats_query *q, stats_row_fn fn, void *arg,
                struct buf *err);

/* The same groups, one at a time, for a caller that pulls (a web response
 * streamed as the client reads it). The query's strings are copied: the
 * cursor may outlive them. next() gives 1 with the keys (valid until the
 * next call) and count, 0 at the end, or -1 with err. */
struct stats_cursor;
struct stats_cursor *stats_cursor_open(struct store *s, const struct stats_query *q,
                                       struct buf *err);
int stats_cursor_next(struct stats_cursor *c, const char **keys, int64_t *count, struct buf *err);
void stats_cursor_close(struct stats_cursor *c);

/* Whether any crime was recorded in the area (key and value as in a
 * stats_query's area) in any month: what a sum of its counts would say,
 * answered by the first count found. */
int store_area_has_crimes(struct store *s, const char *area_key, const char *area_value,
                          bool *found, struct buf *err);

/* Months for which street data is stored (for the force filter, if any),
 * as a bitmap over [from, to]: present[m - from]. */
int store_months_present(struct store *s, const char *force, int from, int to, bool *present,
                         struct buf *err);

/* Total resident population of the LSOAs in the area, and how many LSOAs
 * that is. With no area: the force area, taken as the LSOAs of the loaded
 * area lookup or, before one is loaded, the LSOAs where crimes were
 * recorded; only LSOAs with a loaded population count. */
int store_population(struct store *s, const char *area_key, const char *area_value,
                     int64_t *population, int64_t *nlsoas, struct buf *err);

/* Population per value of an area dimension (district, lsoa, lsoa_name or
 * a grouping), over the LSOAs in scope as for store_population() and, when
 * area_key is given, in that area. */
typedef void (*population_fn)(void *arg, const char *value, int64_t population);
int store_population_by(struct store *s, const struct stats_dim_spec *dim, const char *area_key,
                        const char *area_value, population_fn fn, void *arg, struct buf *err);
/* Whether a dimension is an area that has a population. */
bool stats_dim_is_area(const struct stats_dim_spec *dim);

/* Names of the imported area groupings, comma-separated, into out. */
int store_groupings(struct store *s, struct buf *out, struct buf *err);
bool store_has_grouping(struct store *s, const char *name);
/* The values of an imported grouping ("Leicester", "Rutland"), in order,
 * from the lookup itself: whether or not crimes were recorded there. */
typedef void (*grouping_value_fn)(void *arg, const char *value);
int store_grouping_values(struct store *s, const char *grouping, grouping_value_fn fn, void *arg,
                          struct buf *err);
/* The names the store knows, for refusing a mistyped one: forces (their
 * names and data.police.uk ids) or crime types. */
enum store_names { STORE_NAMES_FORCES, STORE_NAMES_CRIME_TYPES };
int store_names(struct store *s, enum store_names which, grouping_value_fn fn, void *arg,
                struct buf *err);
/* The names of the forces with crimes counted in months [from, to], in
 * name order, at most max of them: whether the store holds one force or
 * several is answered without summing anyone's counts. */
int store_forces_counted(struct store *s, int from, int to, int max, grouping_value_fn fn,
                         void *arg, struct buf *err);

/* Whether any area lookup has been loaded. */
bool store_lsoa_lookup_loaded(struct store *s);

/* Crimes' points (police.uk's anonymised locations), for maps: one call
 * per distinct (point, LSOA), for the query's months, force and area (its
 * dimensions are ignored), in one scan for two questions: all, the point's
 * crimes of every type (for the LSOAs' centroids, which ignore the query's
 * crime types), and typed, those of the query's crime types (0 when none).
 * Rows with no usable coordinate (missing, not a number, or off the globe)
 * are not passed to fn; *unlocated counts the typed ones. Nor are those in
 * LSOAs outside the force area (a map is of the force's own area:
 * docs/methods.md); *outside counts the typed ones. lsoa_code is "" for a
 * crime with no LSOA. */
typedef void (*crime_points_fn)(void *arg, double lat, double lon, const char *lsoa_code,
                                int64_t all, int64_t typed);
int store_crime_points_typed(struct store *s, const struct stats_query *q, crime_points_fn fn,
                             void *arg, int64_t *unlocated, int64_t *outside, struct buf *err);

/* Quarantined rows, oldest file first; file NULL for all. */
typedef void (*quarantine_row_fn)(void *arg, const char *file, long line, const char *field,
                                  const char *reason, const char *raw, size_t rawlen);
int store_quarantine(struct store *s, const char *file, quarantine_row_fn fn, void *arg,
                     struct buf *err);

#endif
