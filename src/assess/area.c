/*
 * area.c - an area's crime profile and the list of areas (see area.h).
 */
#include "assess/area.h"
#include "assess/metric_text.h"
#include "store/plans.h"
#include "store/query.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool area_window(struct store *s, const struct plan *p, int *from, int *to)
{
    int first, last;
    if (!store_street_months(s, p->force, -1, &first, &last))
        return false;
    *from = last - 11;
    *to = last;
    return true;
}

double area_rate(int64_t crimes, int64_t population)
{
    return population > 0 ? 1000.0 * (double)crimes / (double)population : NAN;
}

const char *area_funnel_words(enum funnel_position pos)
{
    switch (pos) {
    case FUNNEL_WITHIN:
        return "within the limits: no different from the other areas beyond what chance "
               "explains";
    case FUNNEL_ABOVE_95:
        return "above the upper 95% limit (but within 99.8%): possibly higher than the other "
               "areas";
    case FUNNEL_ABOVE_998:
        return "above the upper 99.8% limit: higher than the other areas, beyond chance";
    case FUNNEL_BELOW_95:
        return "below the lower 95% limit (but within 99.8%): possibly lower than the other "
               "areas";
    case FUNNEL_BELOW_998:
        return "below the lower 99.8% limit: lower than the other areas, beyond chance";
    }
    return "";
}

/* ---- the values of a grouping ------------------------------------------ */

struct collect {
    struct area_grouping *g;
    struct hmap index; /* value -> position in g->items */
};

static struct area_entry *entry_named(struct collect *c, const char *value)
{
    int inserted;
    int64_t *at = hmap_put(&c->index, value, strlen(value), &inserted);
    if (inserted) {
        struct area_grouping *g = c->g;
        g->items = xrealloc(g->items, (g->n + 1) * sizeof *g->items);
        g->items[g->n] = (struct area_entry){.value = xstrdup(value)};
        *at = (int64_t)g->n++;
    }
    return &c->g->items[*at];
}

/* The row of a value that is not one of the force's areas, or NULL. */
static int64_t *elsewhere(struct area_grouping *g, const char *value)
{
    if (stats_area_is_own(value))
        return NULL;
    if (strcmp(value, STATS_NO_LOCATION) == 0)
        return &g->no_location;
    if (strcmp(value, STATS_OUTSIDE) == 0)
        return &g->outside;
    return &g->not_in_lookup;
}

static void take_crimes(void *arg, const char *const *keys, int64_t n)
{
    struct collect *c = arg;
    int64_t *other = elsewhere(c->g, keys[0]);
    if (other)
        *other += n;
    else
        entry_named(c, keys[0])->crimes += n;
}

static void take_population(void *arg, const char *value, int64_t population)
{
    struct collect *c = arg;
    if (!elsewhere(c->g, value))
        entry_named(c, value)->population = population;
}

static int by_value(const void *a, const void *b)
{
    return strcmp(((const struct area_entry *)a)->value, ((const struct area_entry *)b)->value);
}

/* All crime (not anti-social behaviour) of the plan's force over months
 * [from, to], in an area (key NULL: the whole force) or grouped by dim. */
static struct stats_query crime_query(const struct plan *p, int from, int to)
{
    return (struct stats_query){
        .month_from = from, .month_to = to, .force = p->force, .exclude_asb = true};
}

/* The grouping's values with their crimes over the window and their
 * residents, in name order. */
static int grouping_read(struct store *s, const struct plan *p, const struct stats_dim_spec *dim,
                         int from, int to, struct area_grouping *g, struct buf *err)
{
    *g = (struct area_grouping){.name = xstrdup(dim->label)};
    struct collect c = {.g = g};
    hmap_init(&c.index);
    struct stats_query q = crime_query(p, from, to);
    q.ndims = 1;
    q.dims[0] = *dim;
    int rc = store_stats(s, &q, take_crimes, &c, err);
    if (rc == 0)
        rc = store_population_by(s, dim, NULL, NULL, take_population, &c, err);
    hmap_free(&c.index);
    if (g->n)
        qsort(g->items, g->n, sizeof *g->items, by_value);
    return rc;
}

static void grouping_free(struct area_grouping *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->items[i].value);
    free(g->items);
    free(g->name);
}

static int force_totals(struct store *s, const struct plan *p, int from, int to, int64_t *crimes,
                        int64_t *population, struct buf *err);

/* Adds the grouping's values to the index. */
static int index_grouping(struct store *s, const struct plan *p, const char *name,
                          struct area_index *ix, struct buf *err)
{
    struct stats_dim_spec dim;
    if (!stats_dim_parse(s, name, &dim) || !stats_dim_is_area(&dim))
        return 0;
    ix->groupings = xrealloc(ix->groupings, (ix->n + 1) * sizeof *ix->groupings);
    return grouping_read(s, p, &dim, ix->from, ix->to, &ix->groupings[ix->n++], err);
}

/* district, then the loaded groupings other than district (store_groupings
 * lists them joined by ", "). */
static int index_groupings(struct store *s, const struct plan *p, struct area_index *ix,
                           struct buf *err)
{
    struct buf loaded = BUF_INIT;
    int rc = index_grouping(s, p, "district", ix, err);
    if (rc == 0)
        rc = store_groupings(s, &loaded, err);
    for (char *name = loaded.p; rc == 0 && name && *name;) {
        char *next = strstr(name, ", ");
        if (next)
            *next = '\0';
        if (strcmp(name, "district") != 0 && strcmp(name, AREA_FORCE) != 0)
            rc = index_grouping(s, p, name, ix, err);
        name = next ? next + 2 : NULL;
    }
    buf_free(&loaded);
    return rc;
}

int area_index_read(struct store *s, const struct plan *p, struct area_index *out, struct buf *err)
{
    *out = (struct area_index){0};
    if (!area_window(s, p, &out->from, &out->to))
        return 0;
    out->has_data = true;
    int rc =
        force_totals(s, p, out->from, out->to, &out->force_crimes, &out->force_population, err);
    if (rc == 0)
        rc = index_groupings(s, p, out, err);
    if (rc < 0)
        area_index_free(out);
    return rc;
}

void area_index_free(struct area_index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        grouping_free(&ix->groupings[i]);
    free(ix->groupings);
    *ix = (struct area_index){0};
}

/* ---- one area ------------------------------------------------------------ */

static void add_total(void *arg, const char *const *keys, int64_t n)
{
    (void)keys;
    *(int64_t *)arg += n;
}

static int count_crimes(struct store *s, const struct plan *p, const char *key, const char *value,
                        int from, int to, int64_t *crimes, struct buf *err)
{
    struct stats_query q = crime_query(p, from, to);
    q.area_key = key;
    q.area_value = value;
    *crimes = 0;
    return store_stats(s, &q, add_total, crimes, err);
}

static int force_totals(struct store *s, const struct plan *p, int from, int to, int64_t *crimes,
                        int64_t *population, struct buf *err)
{
    int64_t nlsoas;
    if (count_crimes(s, p, NULL, NULL, from, to, crimes, err) < 0)
        return -1;
    return store_population(s, NULL, NULL, population, &nlsoas, err);
}

struct types_feed {
    struct annual_table *t;
    int from; /* the window's first month: earlier months are the year before */
};

/* keys: month, crime type, positive outcome. */
static void take_type(void *arg, const char *const *keys, int64_t n)
{
    struct types_feed *f = arg;
    int month;
    if (!month_parse(keys[0], strlen(keys[0]), &month))
        return;
    annual_add(f->t, keys[1], month >= f->from ? 1 : 0, stats_outcome_state(keys[2]), n);
}

/* Crime by type over the window and the year before, anti-social
 * behaviour included (annual.h keeps it out of the total). */
static int read_types(struct store *s, const struct plan *p, struct area_profile *a,
                      struct buf *err)
{
    annual_init(&a->types, SCHEME_POLICE_UK, fy_of_month(a->to));
    struct stats_query q = crime_query(p, a->from - 12, a->to);
    q.exclude_asb = false;
    q.area_key = a->is_force ? NULL : a->grouping;
    q.area_value = a->is_force ? NULL : a->value;
    q.ndims = 3;
    q.dims[0] = (struct stats_dim_spec){DIM_MONTH, NULL, "month"};
    q.dims[1] = (struct stats_dim_spec){DIM_CRIME_TYPE, NULL, "crime_type"};
    q.dims[2] = (struct stats_dim_spec){DIM_POSITIVE_OUTCOME, NULL, "positive_outcome"};
    struct types_feed f = {&a->types, a->from};
    if (store_stats(s, &q, take_type, &f, err) < 0)
        return -1;
    annual_finish(&a->types);
    return 0;
}

static int count_missing(struct store *s, const struct plan *p, struct area_profile *a,
                         struct buf *err)
{
    bool present[24];
    if (store_months_present(s, p->force, a->from - 12, a->to, present, err) < 0)
        return -1;
    for (int i = 0; i < 24; i++)
        a->nmissing += !present[i];
    return 0;
}

/* The trend's own metric: every crime in the area, a monthly count, with
 * no polarity (an area page reports; the plan sets the goals). */
static void make_metric(struct area_profile *a)
{
    struct buf title = BUF_INIT;
    if (a->is_force)
        buf_puts(&title, "All crime in the force area");
    else {
        buf_puts(&title, "All crime in ");
        area_words(a->grouping, a->value, &title);
    }
    a->metric = (struct plan_metric){.id = "area",
                                     .title = buf_detach(&title),
                                     .source = SOURCE_NATIONAL_STATISTICS,
                                     .unit = UNIT_COUNT,
                                     .polarity = POLARITY_NEUTRAL,
                                     .frequency = FREQUENCY_MONTHLY,
                                     .def = {.measure = MEASURE_COUNT}};
    if (!a->is_force) {
        a->metric.def.area_key = a->grouping;
        a->metric.def.area_value = a->value;
    }
}

static int read_trend(struct store *s, const struct plan *p, struct area_profile *a,
                      struct buf *err)
{
    make_metric(a);
    /* One read of the series for the sentence and the chart, not one each:
     * a district's page, first and uncached, on the demo store went from
     * 0.263 s to 0.220 s (median of 5; with assess/map_build.c's single scan). */
    if (metric_evaluate_series(s, p, NULL, &a->metric, -1, &a->status, &a->trend, err) < 0)
        return -1;
    a->charted = a->trend.n > 0 && metric_chart(p, &a->metric, &a->trend, &a->spc);
    return 0;
}

/* The grouping's funnel over the window, for the same all-crime measure
 * without the area filter: what `peel compare --by GROUPING` gives. */
static int read_funnel(struct store *s, const struct plan *p, const struct stats_dim_spec *dim,
                       struct area_profile *a)
{
    struct plan_metric all = {.id = "all-crime", .def = {.measure = MEASURE_COUNT}};
    struct buf err = BUF_INIT;
    if (metric_funnel(s, p, &all, dim, a->from, a->to, true, FUNNEL_SPIEGELHALTER, &a->values,
                      &a->funnel, &err) < 0) {
        /* No populations, or one area: the page says so; not an error. */
        snprintf(a->funnel_note, sizeof a->funnel_note, "%s", buf_str(&err));
        buf_free(&err);
        return 0;
    }
    buf_free(&err);
    a->has_funnel = true;
    for (size_t i = 0; i < a->funnel.n; i++)
        if (strcmp(a->funnel.points[i].name, a->value) == 0)
            a->point = &a->funnel.points[i];
    if (!a->point)
        snprintf(a->funnel_note, sizeof a->funnel_note, "%s",
                 "this area has no resident population loaded, so it is not on the funnel");
    return 0;
}

/* 1 when the grouping has no such value over the window. */
static int find_area(struct store *s, const struct plan *p, const struct stats_dim_spec *dim,
                     struct area_profile *a, struct buf *err)
{
    struct area_grouping g;
    int rc = grouping_read(s, p, dim, a->from, a->to, &g, err);
    bool found = false;
    for (size_t i = 0; rc == 0 && i < g.n; i++)
        found = found || strcmp(g.items[i].value, a->value) == 0;
    grouping_free(&g);
    return rc < 0 ? -1 : found ? 0 : 1;
}

static int read_rates(struct store *s, const struct plan *p, struct area_profile *a,
                      struct buf *err)
{
    const char *key = a->is_force ? NULL : a->grouping, *value = a->is_force ? NULL : a->value;
    if (count_crimes(s, p, key, value, a->from, a->to, &a->crimes, err) < 0 ||
        store_population(s, key, value, &a->population, &a->nlsoas, err) < 0)
        return -1;
    return force_totals(s, p, a->from, a->to, &a->force_crimes, &a->force_population, err);
}

/* Which area is asked for: 1 when there is none such. */
static int resolve(struct store *s, const struct plan *p, struct area_profile *a,
                   struct stats_dim_spec *dim, struct buf *err)
{
    if (a->is_force)
        return p->force && strcmp(a->value, p->force) == 0 ? 0 : 1;
    if (!stats_dim_parse(s, a->grouping, dim) || !stats_dim_is_area(dim))
        return 1;
    return find_area(s, p, dim, a, err);
}

int area_profile_read(struct store *s, const struct plan *p, const char *grouping,
                      const char *value, struct area_profile *out, struct buf *err)
{
    assert(grouping && value);
    *out = (struct area_profile){.grouping = xstrdup(grouping),
                                 .value = xstrdup(value),
                                 .is_force = strcmp(grouping, AREA_FORCE) == 0};
    struct area_profile *a = out;
    a->has_data = area_window(s, p, &a->from, &a->to);
    if (!a->has_data) /* nothing to find any area by: only the force has a page */
        return a->is_force && p->force && strcmp(value, p->force) == 0 ? 0 : 1;
    struct stats_dim_spec dim;
    int rc = resolve(s, p, a, &dim, err);
    if (rc == 0)
        rc = read_types(s, p, a, err);
    if (rc == 0)
        rc = count_missing(s, p, a, err);
    if (rc == 0)
        rc = read_trend(s, p, a, err);
    if (rc == 0)
        rc = read_rates(s, p, a, err);
    if (rc == 0 && !a->is_force)
        rc = read_funnel(s, p, &dim, a);
    if (rc == 0 && a->is_force)
        snprintf(a->funnel_note, sizeof a->funnel_note, "%s",
                 "the force is the funnel's centre line: each district's page places it");
    return rc;
}

void area_profile_free(struct area_profile *a)
{
    annual_free(&a->types); /* also when never filled: it is zeroed */
    if (a->charted)
        spc_result_free(&a->spc);
    metric_series_free(&a->trend);
    if (a->has_funnel) {
        funnel_result_free(&a->funnel);
        area_values_free(&a->values);
    }
    free(a->metric.title);
    free(a->grouping);
    free(a->value);
    *a = (struct area_profile){0};
}
