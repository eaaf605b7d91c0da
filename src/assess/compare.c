/*
 * compare.c - a metric's numerator and denominator per area (see
 * compare.h).
 */
#include "assess/compare.h"
#include "store/area_counts.h"
#include "util/clock.h"
#include "util/hmap.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

struct gather {
    struct area_values *out;
    struct hmap index; /* area name -> position in out->items */
    enum metric_measure measure;
};

static struct area_value *area_named(struct gather *g, const char *name)
{
    int inserted;
    int64_t *at = hmap_put(&g->index, name, strlen(name), &inserted);
    if (inserted) {
        struct area_values *v = g->out;
        v->items = xrealloc(v->items, (v->n + 1) * sizeof *v->items);
        v->items[v->n] = (struct area_value){.name = xstrdup(name)};
        *at = (int64_t)v->n++;
    }
    return &g->out->items[*at];
}

/* Whether the measure reads the crimes' outcomes: the areas' counts are
 * read without them otherwise (a switch, so that a new measure is asked). */
static bool counts_outcomes(enum metric_measure measure)
{
    switch (measure) {
    case MEASURE_POSITIVE_OUTCOMES:
    case MEASURE_POSITIVE_RATE:
        return true;
    case MEASURE_COUNT:
    case MEASURE_HOME_OFFICE_OFFENCES:
    case MEASURE_PUBLISHED_MTFS:
        return false;
    }
    return true;
}

/* An area's crimes over its types and months, by positive_outcome (all of
 * them OUTCOME_STATE_OTHER when read without outcomes: counts_outcomes). A
 * rate counts only the crimes whose outcome is known, as a metric's series
 * does (series.c). */
static void take_counts(void *arg, const struct area_counts *c)
{
    struct gather *g = arg;
    int64_t n[3] = {0}; /* by enum outcome_state */
    for (size_t i = 0; i < c->ntypes * c->nmonths; i++) {
        n[OUTCOME_STATE_POSITIVE] += c->cells[i].positive;
        n[OUTCOME_STATE_PENDING] += c->cells[i].pending;
        n[OUTCOME_STATE_OTHER] += c->cells[i].crimes - c->cells[i].positive - c->cells[i].pending;
    }
    struct area_value *a = area_named(g, c->area);
    switch (g->measure) {
    case MEASURE_COUNT:
    case MEASURE_HOME_OFFICE_OFFENCES: /* refused before any count is read */
    case MEASURE_PUBLISHED_MTFS:
        a->observed += (double)(n[0] + n[1] + n[2]);
        break;
    case MEASURE_POSITIVE_OUTCOMES:
        a->observed += (double)n[OUTCOME_STATE_POSITIVE];
        break;
    case MEASURE_POSITIVE_RATE:
        a->observed += (double)n[OUTCOME_STATE_POSITIVE];
        for (int state = 0; state < 3; state++)
            a->denominator +=
                outcome_state_in_rate((enum outcome_state)state) ? (double)n[state] : 0;
        break;
    }
}

static void take_population(void *arg, const char *value, int64_t population)
{
    struct gather *g = arg;
    if (g->measure != MEASURE_POSITIVE_RATE)
        area_named(g, value)->denominator = (double)population;
}

/* A funnel compares the force's own areas, and only those with a
 * denominator: count what the others hold, so that the reader knows how
 * much is left off. */
static void drop_unplaced(struct area_values *v)
{
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const struct area_value *a = &v->items[i];
        if (strcmp(a->name, STATS_NO_LOCATION) == 0)
            v->no_location += (long)a->observed;
        else if (!stats_area_is_own(a->name))
            v->outside += (long)a->observed;
        else if (a->denominator > 0) {
            v->items[k++] = *a;
            continue;
        } else
            v->unplaced += (long)a->observed;
        free(a->name);
    }
    v->n = k;
}

const char *metric_not_comparable(const struct plan_metric *m)
{
    if (m->loaded)
        return "is loaded from files; areas can be compared only for metrics defined over "
               "recorded crime";
    if (m->def.measure == MEASURE_HOME_OFFICE_OFFENCES)
        return "counts the Home Office tables, which are by force, not by area: compare forces "
               "with peel prc --similar";
    if (m->def.measure == MEASURE_PUBLISHED_MTFS)
        return "reads the budget register, which is the Office's, not an area's";
    return NULL;
}

int metric_by_area(struct store *s, const struct plan *p, const struct plan_metric *m,
                   const struct stats_dim_spec *by, int from, int to, struct area_values *out,
                   struct buf *err)
{
    *out = (struct area_values){.proportion = m->def.measure == MEASURE_POSITIVE_RATE};
    const char *why = metric_not_comparable(m);
    if (why) {
        buf_printf(err, "metric %s %s", m->id, why);
        return -1;
    }
    struct gather g = {.out = out, .measure = m->def.measure};
    hmap_init(&g.index);
    struct stats_query q = {.ndims = 1, .month_from = from, .month_to = to, .force = p->force};
    q.dims[0] = *by;
    q.crime_types = (const char *const *)m->def.crime_types;
    q.ncrime_types = (int)m->def.ncrime_types;
    q.exclude_asb = m->def.ncrime_types == 0;
    q.area_key = m->def.area_key;
    q.area_value = m->def.area_value;
    unsigned want = counts_outcomes(m->def.measure) ? AREA_COUNTS_OUTCOMES : 0;
    int rc = store_area_counts(s, &q, want, take_counts, &g, err);
    if (rc == 0 && !out->proportion)
        rc = store_population_by(s, by, m->def.area_key, m->def.area_value, take_population, &g,
                                 err);
    hmap_free(&g.index);
    if (rc != 0) {
        area_values_free(out);
        return -1;
    }
    drop_unplaced(out);
    return 0;
}

void area_values_free(struct area_values *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->items[i].name);
    free(v->items);
    *v = (struct area_values){0};
}

int metric_funnel(struct store *s, const struct plan *p, const struct plan_metric *m,
                  const struct stats_dim_spec *by, int from, int to, bool adjust,
                  enum funnel_method method, struct area_values *values, struct funnel_result *r,
                  struct buf *err)
{
    double t0 = clock_seconds();
    if (metric_by_area(s, p, m, by, from, to, values, err) < 0)
        return -1;
    double t1 = clock_seconds();
    struct funnel_unit *units = xcalloc(values->n + 1, sizeof *units);
    for (size_t i = 0; i < values->n; i++)
        units[i] = (struct funnel_unit){values->items[i].name, (int64_t)values->items[i].observed,
                                        values->items[i].denominator};
    struct funnel_options o;
    funnel_options_default(&o, values->proportion ? FUNNEL_PROPORTION : FUNNEL_RATE);
    o.adjust = adjust;
    o.method = method;
    bool ok = funnel_compute(units, values->n, &o, r);
    values->seconds_reading = t1 - t0;
    values->seconds_comparing = clock_seconds() - t1;
    free(units);
    if (!ok) {
        buf_printf(err, "no areas to compare: %s", r->error);
        area_values_free(values);
        return -1;
    }
    return 0;
}
