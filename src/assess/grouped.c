/*
 * grouped.c - grouped counts with rates per 1,000 residents (see
 * grouped.h).
 */
#include "assess/grouped.h"
#include "assess/area.h"

#include <assert.h>
#include <string.h>

static void remember_population(void *arg, const char *value, int64_t population)
{
    struct grouped_rates *r = arg;
    *hmap_put(&r->pop, value, strlen(value), NULL) = population;
}

/* The one area dimension, or -1 when there is none or more than one. */
static int area_dim(const struct stats_query *q)
{
    int found = -1;
    for (int i = 0; i < q->ndims; i++) {
        if (!stats_dim_is_area(&q->dims[i]))
            continue;
        if (found >= 0)
            return -1; /* two areas: a rate per what? */
        found = i;
    }
    return found;
}

int grouped_rates_read(struct store *s, const struct stats_query *q, struct grouped_rates *r,
                       struct buf *err)
{
    r->area_dim = area_dim(q);
    hmap_init(&r->pop);
    if (r->area_dim < 0)
        return 0;
    if (store_population_by(s, &q->dims[r->area_dim], q->area_key, q->area_value,
                            remember_population, r, err) < 0) {
        r->area_dim = -1;
        return -1;
    }
    if (r->pop.count == 0)
        r->area_dim = -1; /* no populations loaded */
    return 0;
}

void grouped_rates_free(struct grouped_rates *r)
{
    hmap_free(&r->pop);
    r->area_dim = -1;
}

size_t grouped_columns(const struct stats_query *q, const struct grouped_rates *r,
                       const char **names)
{
    assert(q->ndims >= 0 && q->ndims <= STATS_MAX_DIMS);
    size_t n = 0;
    for (int i = 0; i < q->ndims; i++)
        names[n++] = q->dims[i].label;
    names[n++] = "count";
    if (r->area_dim >= 0) {
        names[n++] = "population";
        names[n++] = "rate_per_1000";
    }
    return n;
}

void grouped_cells(const struct grouped_rates *r, int ndims, const char *const *keys, int64_t count,
                   struct cell *cells)
{
    for (int i = 0; i < ndims; i++)
        cells[i] = (struct cell){.type = CELL_TEXT, .text = (char *)keys[i]};
    cells[ndims] = (struct cell){.type = CELL_INT, .i = count};
    if (r->area_dim < 0)
        return;
    assert(r->area_dim < ndims);
    const char *area = keys[r->area_dim];
    const int64_t *pop = hmap_get(&r->pop, area, strlen(area));
    cells[ndims + 1] = cells[ndims + 2] = (struct cell){.type = CELL_NULL};
    if (pop && *pop > 0) {
        cells[ndims + 1] = (struct cell){.type = CELL_INT, .i = *pop};
        cells[ndims + 2] =
            (struct cell){.type = CELL_REAL, .r = area_rate(count, *pop), .decimals = 2};
    }
}

void grouped_method(const struct stats_query *q, const struct grouped_rates *r, struct buf *out)
{
    if (r->area_dim < 0)
        return;
    buf_printf(out,
               "rate_per_1000: count per 1,000 residents of the %s (loaded LSOA "
               "populations; docs/methods.md).",
               q->dims[r->area_dim].label);
}

struct collect {
    struct table *t;
    const struct grouped_rates *r;
    int ndims;
    size_t max;
    bool more;
};

static void add_row(void *arg, const char *const *keys, int64_t count)
{
    struct collect *c = arg;
    if (c->max && c->t->nrows == c->max) {
        c->more = true;
        return;
    }
    struct cell cells[GROUPED_MAX_COLS];
    grouped_cells(c->r, c->ndims, keys, count, cells);
    size_t row = table_add_row(c->t);
    for (size_t i = 0; i < c->t->ncols; i++) {
        const struct cell *x = &cells[i];
        if (x->type == CELL_TEXT)
            table_set_text(c->t, row, i, x->text);
        else if (x->type == CELL_INT)
            table_set_int(c->t, row, i, x->i);
        else if (x->type == CELL_REAL)
            table_set_real(c->t, row, i, x->r, x->decimals, NULL);
    }
}

int grouped_table(struct store *s, const struct stats_query *q, size_t max, struct table *t,
                  bool *more, struct buf *err)
{
    struct grouped_rates r;
    const char *names[GROUPED_MAX_COLS];
    int rc = grouped_rates_read(s, q, &r, err);
    table_init(t, grouped_columns(q, &r, names), names);
    if (rc == 0) {
        struct buf method = BUF_INIT;
        grouped_method(q, &r, &method);
        if (method.len)
            table_add_note(t, "%s", method.p);
        buf_free(&method);
        struct collect c = {t, &r, q->ndims, max, false};
        rc = store_stats(s, q, add_row, &c, err);
        if (more)
            *more = c.more;
    }
    grouped_rates_free(&r);
    return rc;
}
