/*
 * compare.h - a metric's value in each area, ready for a funnel plot.
 *
 * For a metric defined over recorded crime, the areas of one kind
 * (districts, LSOAs, an imported grouping such as CSPs) are compared over a
 * span of months: a count becomes a rate per 1,000 residents (crimes over
 * the area's population), a positive outcome rate a proportion (positive
 * outcomes over crimes). The funnel itself is analysis/funnel.h's.
 */
#ifndef PEEL_COMPARE_H
#define PEEL_COMPARE_H

#include <stdbool.h>

#include "analysis/funnel.h"
#include "model/plan.h"
#include "store/query.h"

struct store;

struct area_value {
    char *name;
    double observed;    /* crimes, or positive outcomes */
    double denominator; /* residents, or crimes; 0 when unknown */
};

struct area_values {
    bool proportion; /* observed / denominator is a share, not a rate per resident */
    struct area_value *items;
    size_t n;
    long unplaced; /* of the force's own areas: those without a population */
    /* Not areas of the force (store/query.h), never on a funnel: crimes (or
     * positive outcomes) with no location, and outside the force area. */
    long no_location, outside;
    double seconds_reading, seconds_comparing; /* where metric_funnel's time went */
};

/* Fills out for months [from, to]; -1 with err when the metric is not
 * defined over recorded crime or the store fails. */
int metric_by_area(struct store *s, const struct plan *p, const struct plan_metric *m,
                   const struct stats_dim_spec *by, int from, int to, struct area_values *out,
                   struct buf *err);
void area_values_free(struct area_values *v);
/* Why a metric's areas cannot be compared, or NULL when they can. */
const char *metric_not_comparable(const struct plan_metric *m);

/* The funnel of a metric's areas: area_values filled as above, then the
 * funnel computed with the options (kind and `per` set from the metric):
 * adjusted for over-dispersion or not, by the method given (funnel.h).
 * -1 with err when the areas cannot be read or compared. */
int metric_funnel(struct store *s, const struct plan *p, const struct plan_metric *m,
                  const struct stats_dim_spec *by, int from, int to, bool adjust,
                  enum funnel_method method, struct area_values *values, struct funnel_result *r,
                  struct buf *err);

#endif
