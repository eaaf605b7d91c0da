/*
 * query_series.c - counts by month or financial year, crime type and, if
 * asked, positive outcome (`stats --group-by month,crime_type --area ...`,
 * an area's series; `stats --fy`, the annual table), summed in C into a
 * period x crime-type (x outcome state) grid from the rollup's rows as they
 * are read, instead of by SQL's GROUP BY and ORDER BY: those sorted every
 * row of an area in a temporary B-tree (more than half a district series'
 * instructions on a 48-month archive) and stepped an aggregate per row of
 * 24 months of every force for the annual table (issue 16). The groups and
 * their order are the general query's (query.c): periods in order, crime
 * types by name, states by label, a group wherever a rollup row is.
 */
#include "store/query_internal.h"
#include "store/store_internal.h"
#include "util/mem.h"
#include "util/month.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* DIM_POSITIVE_OUTCOME's labels in the general query's (text) order */
static const char *const state_labels[] = {STATS_POSITIVE_NO, STATS_POSITIVE_PENDING,
                                           STATS_POSITIVE_YES};
#define NSTATES  3
#define NO_STATE 0xff
static_assert(FY_TEXT_SIZE <= MONTH_TEXT_SIZE, "a period's text fits a month's");

bool query_is_series(const struct stats_query *q)
{
    return (q->ndims == 2 || (q->ndims == 3 && q->dims[2].dim == DIM_POSITIVE_OUTCOME)) &&
           (q->dims[0].dim == DIM_MONTH || q->dims[0].dim == DIM_FY) &&
           q->dims[1].dim == DIM_CRIME_TYPE;
}

struct grid {
    char **names;            /* by crime type id; NULL for no such id */
    int *by_name;            /* the ids in name order */
    int ntypes;              /* ids 0 .. ntypes - 1 */
    int nnamed;              /* entries of by_name */
    bool by_fy;              /* periods are financial years, else months */
    int nstates;             /* 1, or NSTATES when counts are split by outcome state */
    unsigned char *state_of; /* by outcome id: an index of state_labels, or NO_STATE */
    int noutcomes;           /* ids 0 .. noutcomes - 1 */
    int from;                /* the first period of the grid */
    int nmonths;             /* periods */
    int64_t *n;              /* [period - from][type][state] */
    bool *seen;              /* whether a rollup row gave the cell */
};

static void grid_free(struct grid *g)
{
    for (int i = 0; i < g->ntypes; i++)
        free(g->names[i]);
    free(g->names);
    free(g->by_name);
    free(g->state_of);
    free(g->n);
    free(g->seen);
}

/* The crime types, in the order the general query's ORDER BY gives them
 * (SQLite's BINARY collation, strcmp's order for text without NULs). */
static int read_types(struct store *s, struct grid *g, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT id, name FROM crime_type WHERE id >= 0 ORDER BY name, id", err);
    if (!st)
        return -1;
    int rc, cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int id = sqlite3_column_int(st, 0);
        assert(id >= 0);
        if (id >= g->ntypes) {
            g->names = xrealloc(g->names, ((size_t)id + 1) * sizeof *g->names);
            memset(g->names + g->ntypes, 0,
                   ((size_t)id + 1 - (size_t)g->ntypes) * sizeof *g->names);
            g->ntypes = id + 1;
        }
        assert(g->names);
        if (g->nnamed == cap) {
            cap = cap ? 2 * cap : 32;
            g->by_name = xrealloc(g->by_name, (size_t)cap * sizeof *g->by_name);
        }
        g->by_name[g->nnamed++] = id;
        g->names[id] = xstrdup((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading crime types");
}

/* Each outcome category's state, as DIM_POSITIVE_OUTCOME labels it
 * (query_write_label); categories with no group have none, as the general
 * query's join leaves them out. */
static int read_states(struct store *s, struct grid *g, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT oc.id, CASE WHEN og.positive THEN '" STATS_POSITIVE_YES "' WHEN og.code ="
        " 'pending' THEN '" STATS_POSITIVE_PENDING "' ELSE '" STATS_POSITIVE_NO "' END"
        " FROM outcome_category oc JOIN outcome_group og ON og.id = oc.group_id WHERE oc.id >= 0",
        err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int id = sqlite3_column_int(st, 0);
        assert(id >= 0);
        if (id >= g->noutcomes) {
            g->state_of = xrealloc(g->state_of, (size_t)id + 1);
            memset(g->state_of + g->noutcomes, NO_STATE, (size_t)id + 1 - (size_t)g->noutcomes);
            g->noutcomes = id + 1;
        }
        assert(g->state_of);
        const char *label = (const char *)sqlite3_column_text(st, 1);
        for (int k = 0; k < NSTATES; k++)
            if (strcmp(label, state_labels[k]) == 0)
                g->state_of[id] = (unsigned char)k;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading outcome groups");
}

/* Makes room for month m in the grid, widening it either way. */
static void grid_cover(struct grid *g, int m)
{
    if (g->nmonths > 0 && m >= g->from && m < g->from + g->nmonths)
        return;
    int from = g->nmonths ? (m < g->from ? m : g->from) : m;
    int to = g->nmonths ? (m > g->from + g->nmonths - 1 ? m : g->from + g->nmonths - 1) : m;
    int nmonths = to - from + 1;
    size_t row = (size_t)g->ntypes * (size_t)g->nstates, cells = (size_t)nmonths * row;
    int64_t *n = xcalloc(cells + 1, sizeof *n);
    bool *seen = xcalloc(cells + 1, sizeof *seen);
    for (int i = 0; i < g->nmonths; i++) {
        size_t to_row = (size_t)(g->from + i - from) * row, from_row = (size_t)i * row;
        memcpy(n + to_row, g->n + from_row, row * sizeof *n);
        memcpy(seen + to_row, g->seen + from_row, row * sizeof *seen);
    }
    free(g->n);
    free(g->seen);
    g->n = n;
    g->seen = seen;
    g->from = from;
    g->nmonths = nmonths;
}

/* Every rollup row of the query's area, months, crime types and outcomes,
 * added to its cell; rows of a type with no name (or an outcome with no
 * state) are left out, as the general query's joins leave them. The
 * rollup is the general query's (query_rollup): with no force and no area,
 * the one summed over forces (the annual table: 4,200 rows for 24 months of
 * a 43-force archive instead of 163,660). */
static int read_cells(struct store *s, const struct stats_query *q, struct grid *g, struct buf *err)
{
    struct params p = {0};
    struct buf sql = BUF_INIT;
    /* the outcome read only when counts are split by it */
    buf_printf(&sql, "SELECT r.month, r.crime_type_id, r.n%s FROM %s r",
               g->nstates > 1 ? ", r.outcome_id" : "", query_rollup(q));
    query_write_where(&sql, q, &p);
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    params_bind(st, &p);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int m = sqlite3_column_int(st, 0), t = sqlite3_column_int(st, 1), state = 0;
        if (m < (g->by_fy ? 3 : 0) || t < 0 || t >= g->ntypes || !g->names[t])
            continue;
        if (g->nstates > 1) {
            int o = sqlite3_column_int(st, 3);
            if (o < 0 || o >= g->noutcomes || g->state_of[o] == NO_STATE)
                continue;
            state = g->state_of[o];
        }
        int period = g->by_fy ? fy_of_month(m) : m;
        grid_cover(g, period);
        size_t cell =
            ((size_t)(period - g->from) * (size_t)g->ntypes + (size_t)t) * (size_t)g->nstates +
            (size_t)state;
        g->n[cell] += sqlite3_column_int64(st, 2);
        g->seen[cell] = true;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "counting crimes");
}

/* Calls fn for each group of the grid, in the general query's order. */
static void grid_emit(const struct grid *g, stats_row_fn fn, void *arg)
{
    for (int i = 0; i < g->nmonths; i++) {
        char period[MONTH_TEXT_SIZE];
        if (g->by_fy)
            fy_format(g->from + i, period);
        else
            month_format(g->from + i, period);
        for (int k = 0; k < g->nnamed; k++) {
            int t = g->by_name[k];
            for (int st = 0; st < g->nstates; st++) {
                size_t cell =
                    ((size_t)i * (size_t)g->ntypes + (size_t)t) * (size_t)g->nstates + (size_t)st;
                if (!g->seen[cell])
                    continue;
                const char *keys[3] = {period, g->names[t], state_labels[st]};
                fn(arg, keys, g->n[cell]);
            }
        }
    }
}

int query_series(struct store *s, const struct stats_query *q, stats_row_fn fn, void *arg,
                 struct buf *err)
{
    assert(query_is_series(q));
    if (!query_area_known(s, q, err))
        return -1;
    struct grid g = {.by_fy = q->dims[0].dim == DIM_FY, .nstates = q->ndims == 3 ? NSTATES : 1};
    int rc = read_types(s, &g, err);
    if (rc == 0 && g.nstates > 1)
        rc = read_states(s, &g, err);
    if (rc == 0 && g.ntypes > 0)
        rc = read_cells(s, q, &g, err);
    if (rc == 0)
        grid_emit(&g, fn, arg);
    grid_free(&g);
    return rc;
}
