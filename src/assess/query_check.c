/*
 * query_check.c - unknown names refused with the nearest known one (see
 * query_check.h).
 */
#include "assess/query_check.h"
#include "model/forces.h"
#include "util/mem.h"
#include "util/suggest.h"

#include <stdlib.h>
#include <string.h>

/* Names listed from the store, to compare against. */
struct names {
    char **v;
    size_t n, cap;
};

static void names_add(void *arg, const char *name)
{
    struct names *ns = arg;
    if (ns->n == ns->cap) {
        ns->cap = ns->cap ? 2 * ns->cap : 32;
        ns->v = xrealloc(ns->v, ns->cap * sizeof *ns->v);
    }
    ns->v[ns->n++] = xstrdup(name);
}

static void names_add_key(void *arg, const char *const *keys, int64_t n)
{
    (void)n;
    names_add(arg, keys[0]);
}

static bool names_has(const struct names *ns, const char *name)
{
    for (size_t i = 0; i < ns->n; i++)
        if (strcmp(ns->v[i], name) == 0)
            return true;
    return false;
}

static void names_free(struct names *ns)
{
    for (size_t i = 0; i < ns->n; i++)
        free(ns->v[i]);
    free(ns->v);
    *ns = (struct names){0};
}

/* err gets "no WHAT 'value'" and the suggestion from every name known;
 * failing one, the first `listed` names (those in the store) when they
 * are few; 1. */
static int unknown(struct buf *err, const char *what, const char *value, const struct names *ns,
                   size_t listed)
{
    buf_printf(err, "no %s '%s' in the store", what, value);
    const char *near = suggest_nearest(value, (const char *const *)ns->v, ns->n);
    if (near)
        buf_printf(err, " (did you mean '%s'?)", near);
    else
        suggest_append(err, value, (const char *const *)ns->v, listed, 20);
    return 1;
}

static int check_names(struct store *s, enum store_names which, const char *what,
                       const char *const *values, int n, struct buf *err)
{
    struct names ns = {0};
    int rc = n > 0 ? store_names(s, which, names_add, &ns, err) : 0;
    size_t stored = ns.n; /* listed when nothing is near: the model's 43 forces are too many */
    /* a force with only Home Office tables loaded is known by the model's
     * list of forces, not the police.uk rows */
    for (size_t i = 0; n > 0 && which == STORE_NAMES_FORCES && i < police_forces_count; i++) {
        if (!names_has(&ns, police_forces[i].slug))
            names_add(&ns, police_forces[i].slug);
        if (!names_has(&ns, police_forces[i].name))
            names_add(&ns, police_forces[i].name);
    }
    for (int i = 0; rc == 0 && i < n; i++)
        if (!names_has(&ns, values[i]))
            rc = unknown(err, what, values[i], &ns, stored);
    names_free(&ns);
    return rc;
}

/* The area dimensions and loaded groupings, for a mistyped one. */
static int dim_names(struct store *s, bool area_only, struct names *ns, struct buf *err)
{
    static const char *const all[] = {
        "month", "quarter",  "fy",   "crime_type", "outcome", "outcome_group", "positive_outcome",
        "force", "district", "lsoa", "lsoa_name"};
    for (size_t i = area_only ? 8 : 0; i < sizeof all / sizeof all[0]; i++)
        names_add(ns, all[i]);
    struct buf loaded = BUF_INIT;
    int rc = store_groupings(s, &loaded, err);
    for (char *name = loaded.p; rc == 0 && name && *name;) {
        char *next = strstr(name, ", ");
        if (next)
            *next = '\0';
        if (!names_has(ns, name))
            names_add(ns, name);
        name = next ? next + 2 : NULL;
    }
    buf_free(&loaded);
    return rc;
}

int query_dim(struct store *s, const char *name, bool area_only, struct stats_dim_spec *out,
              struct buf *err)
{
    if (stats_dim_parse(s, name, out) && (!area_only || stats_dim_is_area(out)))
        return 0;
    struct names ns = {0};
    int rc = dim_names(s, area_only, &ns, err);
    if (rc == 0)
        rc = unknown(err, area_only ? "area grouping" : "dimension or grouping", name, &ns, ns.n);
    names_free(&ns);
    return rc;
}

/* The values an area key lists (and, for an LSOA, its names too). */
static int area_values(struct store *s, const struct stats_dim_spec *dim, struct names *ns,
                       struct buf *err)
{
    struct stats_query q = {.ndims = 1, .month_from = -1, .month_to = -1};
    q.dims[0] = *dim;
    int rc = store_stats(s, &q, names_add_key, ns, err);
    if (rc == 0 && dim->dim == DIM_LSOA) {
        q.dims[0] = (struct stats_dim_spec){DIM_LSOA_NAME, NULL, "lsoa_name"};
        rc = store_stats(s, &q, names_add_key, ns, err);
    }
    if (rc == 0 && dim->dim == DIM_GROUPING)
        rc = store_grouping_values(s, dim->grouping, names_add, ns, err);
    return rc;
}

static int check_area(struct store *s, const struct stats_query *q, struct buf *err)
{
    if (strcmp(q->area_key, "force") == 0)
        return check_names(s, STORE_NAMES_FORCES, "force", &q->area_value, 1, err);
    struct stats_dim_spec dim;
    int rc = query_dim(s, q->area_key, true, &dim, err);
    bool found = false;
    if (rc == 0)
        rc = store_area_has_crimes(s, q->area_key, q->area_value, &found, err);
    if (rc != 0 || found)
        return rc;
    struct names ns = {0};
    rc = area_values(s, &dim, &ns, err);
    if (rc == 0 && !names_has(&ns, q->area_value))
        rc = unknown(err, q->area_key, q->area_value, &ns, ns.n);
    names_free(&ns);
    return rc;
}

int query_check(struct store *s, const struct stats_query *q, struct buf *err)
{
    int rc = q->force ? check_names(s, STORE_NAMES_FORCES, "force", &q->force, 1, err) : 0;
    if (rc == 0)
        rc = check_names(s, STORE_NAMES_CRIME_TYPES, "crime type", q->crime_types, q->ncrime_types,
                         err);
    if (rc == 0 && q->area_key)
        rc = check_area(s, q, err);
    return rc;
}
