/*
 * area_counts.c - every area's counts, one area at a time (see
 * area_counts.h).
 *
 * Three small tables are read first and indexed by id: the crime types
 * kept (their place in name order), the forces kept, and each outcome's
 * positive_outcome state. Then one statement lists (label, LSOA id) in
 * label order, and for each LSOA one seek into rollup_lsoa's key reads
 * its rows, a row per month and force, and each row's packed cells
 * (rollup_cells.h) are added to the area's: the force read only when a
 * force is asked for, the outcome groups only when outcomes are.
 * Every filter on a cell is an array look-up: no subquery runs per LSOA.
 * EXPLAIN QUERY PLAN: the seek is "SEARCH rollup_lsoa USING PRIMARY KEY
 * (lsoa_id=? AND month>? AND month<?)"; the one temporary B-tree is the
 * labels' ORDER BY, one row per LSOA.
 */
#include "store/area_counts.h"
#include "store/query_internal.h"
#include "store/rollup_cells.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STATE_OTHER, STATE_POSITIVE, STATE_PENDING };

/* The seek's columns (seek_prepare). */
enum { COL_MONTH, COL_CELLS, COL_FORCE };

struct reader {
    struct store *s;
    int from;
    size_t nmonths;
    unsigned want;
    /* crime type id -> 1 + its place among the types kept; 0: not kept */
    size_t *type_at, ntype_ids;
    char **types;
    size_t ntypes;
    bool *force_kept; /* by force id; NULL: every force */
    size_t nforce_ids;
    unsigned char *state; /* by outcome id */
    size_t noutcome_ids;
    struct area_cell *cells;
    bool *read;
    bool any; /* some row read for the area being filled */
};

/* The largest id of a table, so that arrays indexed by id can be sized. */
static int max_id(struct store *s, const char *sql, size_t *n, struct buf *err)
{
    int64_t max = -1;
    int rc = store_int64(s, sql, &max, "sizing a table", err);
    *n = (size_t)(max + 1);
    return rc;
}

/* Runs select (an id and a text from a table as alias r), q's filters on
 * it and order, and calls keep for each row. */
static int each_kept(struct reader *r, const char *select, const struct stats_query *q,
                     const char *order, void (*keep)(struct reader *, int64_t, const char *),
                     struct buf *err)
{
    struct buf sql = BUF_INIT;
    struct params p = {0};
    buf_puts(&sql, select);
    query_write_where(&sql, q, &p);
    buf_puts(&sql, order);
    sqlite3_stmt *st = store_prepare(r->s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    params_bind(st, &p);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        keep(r, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(r->s, err, "reading the areas' counts");
}

static void keep_type(struct reader *r, int64_t id, const char *name)
{
    assert(id >= 0 && (size_t)id < r->ntype_ids);
    r->types = xrealloc(r->types, (r->ntypes + 1) * sizeof *r->types);
    r->types[r->ntypes++] = xstrdup(name);
    r->type_at[id] = r->ntypes;
}

static void keep_force(struct reader *r, int64_t id, const char *unused)
{
    (void)unused;
    assert(id >= 0 && (size_t)id < r->nforce_ids);
    r->force_kept[id] = true;
}

/* The types and forces q keeps: its own filters, written as store_stats
 * writes them, over the small tables instead of the rollup. */
static int read_filters(struct reader *r, const struct stats_query *q, struct buf *err)
{
    struct stats_query types = {.month_from = -1,
                                .month_to = -1,
                                .crime_types = q->crime_types,
                                .ncrime_types = q->ncrime_types,
                                .exclude_asb = q->exclude_asb};
    if (max_id(r->s, "SELECT coalesce(max(id), 0) FROM crime_type", &r->ntype_ids, err) < 0)
        return -1;
    r->type_at = xcalloc(r->ntype_ids, sizeof *r->type_at);
    if (each_kept(r,
                  "SELECT r.crime_type_id, r.name FROM (SELECT id AS crime_type_id, name"
                  " FROM crime_type) r",
                  &types, " ORDER BY r.name", keep_type, err) < 0)
        return -1;
    bool area_is_force = q->area_key && strcmp(q->area_key, "force") == 0;
    if (!q->force && !area_is_force)
        return 0;
    struct stats_query forces = {.month_from = -1, .month_to = -1, .force = q->force};
    if (area_is_force) {
        forces.area_key = q->area_key;
        forces.area_value = q->area_value;
    }
    if (max_id(r->s, "SELECT coalesce(max(id), 0) FROM force", &r->nforce_ids, err) < 0)
        return -1;
    r->force_kept = xcalloc(r->nforce_ids, sizeof *r->force_kept);
    return each_kept(r, "SELECT r.force_id, NULL FROM (SELECT id AS force_id FROM force) r",
                     &forces, "", keep_force, err);
}

/* Each outcome's positive_outcome, as query.c labels it. */
static int read_states(struct reader *r, struct buf *err)
{
    if (max_id(r->s, "SELECT coalesce(max(id), 0) FROM outcome_category", &r->noutcome_ids, err) <
        0)
        return -1;
    r->state = xcalloc(r->noutcome_ids, sizeof *r->state);
    sqlite3_stmt *st = store_prepare(r->s,
                                     "SELECT oc.id, CASE WHEN og.positive THEN 1"
                                     " WHEN og.code = 'pending' THEN 2 ELSE 0 END"
                                     " FROM outcome_category oc JOIN outcome_group og"
                                     " ON og.id = oc.group_id",
                                     err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        r->state[sqlite3_column_int64(st, 0)] = (unsigned char)sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(r->s, err, "reading the outcome groups");
}

/* The statement listing (label, LSOA id) in label order: the labels of
 * store_stats for the dimension, over every LSOA in q's area. */
static sqlite3_stmt *labels_prepare(struct store *s, const struct stats_query *q, struct buf *err)
{
    struct stats_query area = {.month_from = -1, .month_to = -1};
    if (q->area_key && strcmp(q->area_key, "force") != 0) {
        area.area_key = q->area_key;
        area.area_value = q->area_value;
    }
    struct params p = {0}, join_params = {0};
    struct buf sql = BUF_INIT, label = BUF_INIT, joins = BUF_INIT;
    query_write_label(&q->dims[0], 0, &label, &joins, &join_params);
    buf_printf(&sql,
               "SELECT %s, t.k0 FROM (SELECT r.lsoa_id AS k0 FROM (SELECT id AS lsoa_id"
               " FROM lsoa) r",
               label.p);
    query_write_where(&sql, &area, &p);
    buf_printf(&sql, ") t%s ORDER BY 1, 2", buf_str(&joins));
    for (int i = 0; i < join_params.n; i++) {
        assert(p.n < QUERY_MAX_PARAMS);
        p.v[p.n++] = join_params.v[i];
    }
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    if (st)
        params_bind(st, &p);
    buf_free(&sql);
    buf_free(&label);
    buf_free(&joins);
    return st;
}

/* Adds a cell of a row of month `month` to the area's cells: false when
 * a sum would overflow (counts from a damaged store). */
static bool add_cell(struct reader *r, int month, const struct rollup_cell *c)
{
    if ((size_t)c->crime_type >= r->ntype_ids || !r->type_at[c->crime_type])
        return true;
    size_t t = r->type_at[c->crime_type] - 1;
    struct area_cell *a = &r->cells[t * r->nmonths + (size_t)(month - r->from)];
    int state = (size_t)c->outcome < r->noutcome_ids ? r->state[c->outcome] : 0;
    int64_t *also = state == STATE_POSITIVE  ? &a->positive
                    : state == STATE_PENDING ? &a->pending
                                             : NULL;
    if (__builtin_add_overflow(a->crimes, c->n, &a->crimes) ||
        (also && __builtin_add_overflow(*also, c->n, also)))
        return false;
    r->read[t] = true;
    r->any = true;
    return true;
}

/* Adds LSOA lsoa's rows to the area's cells (st: its seek, bound). */
static int read_lsoa(struct reader *r, sqlite3_stmt *st, int64_t lsoa, struct buf *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t force = r->force_kept ? sqlite3_column_int64(st, COL_FORCE) : 0;
        if (r->force_kept && (force < 0 || (size_t)force >= r->nforce_ids || !r->force_kept[force]))
            continue;
        int month = r->want & AREA_COUNTS_MONTHS ? sqlite3_column_int(st, COL_MONTH) : r->from;
        assert(month >= r->from && (size_t)(month - r->from) < r->nmonths);
        const unsigned char *p = sqlite3_column_blob(st, COL_CELLS);
        size_t len = (size_t)sqlite3_column_bytes(st, COL_CELLS), at = 0;
        struct rollup_cell c;
        int got;
        while ((got = rollup_cells_next(p, len, &at, &c)) == 1)
            if (!add_cell(r, month, &c)) {
                got = -1;
                break;
            }
        if (got < 0) {
            buf_printf(err, "%s: the area rollup's row of LSOA id %lld, month %d is damaged",
                       store_path(r->s), (long long)lsoa, sqlite3_column_int(st, COL_MONTH));
            sqlite3_reset(st);
            return -1;
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(r->s, err, "reading an area's counts");
}

/* Hands the area filled over, if it holds anything, and empties it. */
static void hand_over(struct reader *r, const char *area, area_counts_fn fn, void *arg)
{
    if (r->any)
        fn(arg, &(struct area_counts){area, r->from, r->nmonths, r->ntypes,
                                      (const char *const *)r->types, r->read, r->cells});
    memset(r->cells, 0, r->ntypes * r->nmonths * sizeof *r->cells);
    memset(r->read, 0, r->ntypes * sizeof *r->read);
    r->any = false;
}

/* Every area in label order, each handed over once its LSOAs are read. */
static int read_areas(struct reader *r, sqlite3_stmt *labels, sqlite3_stmt *seek, area_counts_fn fn,
                      void *arg, struct buf *err)
{
    struct buf area = BUF_INIT;
    bool started = false;
    int rc;
    while ((rc = sqlite3_step(labels)) == SQLITE_ROW) {
        const char *label = (const char *)sqlite3_column_text(labels, 0);
        if (started && strcmp(label, area.p) != 0)
            hand_over(r, area.p, fn, arg);
        buf_reset(&area);
        buf_puts(&area, label);
        started = true;
        int64_t lsoa = sqlite3_column_int64(labels, 1);
        sqlite3_bind_int64(seek, 1, lsoa);
        if (read_lsoa(r, seek, lsoa, err) < 0) {
            buf_free(&area);
            return -1;
        }
    }
    if (rc == SQLITE_DONE && started)
        hand_over(r, area.p, fn, arg);
    buf_free(&area);
    return rc == SQLITE_DONE ? 0 : store_fail(r->s, err, "listing the areas");
}

static void reader_free(struct reader *r)
{
    for (size_t i = 0; i < r->ntypes; i++)
        free(r->types[i]);
    free(r->types);
    free(r->type_at);
    free(r->force_kept);
    free(r->state);
    free(r->cells);
    free(r->read);
}

/* The months asked for, an open end being the first or last month of any
 * street slice (the rollup holds no other): false when none is left. */
static bool month_span(struct store *s, const struct stats_query *q, int *from, int *to, int *rc,
                       struct buf *err)
{
    *from = q->month_from;
    *to = q->month_to;
    *rc = 0;
    if (*from >= 0 && *to >= 0)
        return *from <= *to;
    sqlite3_stmt *st =
        store_prepare(s, "SELECT min(month), max(month) FROM slice WHERE kind = 'street'", err);
    if (!st) {
        *rc = -1;
        return false;
    }
    bool some = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
    if (some) {
        *from = *from >= 0 ? *from : sqlite3_column_int(st, 0);
        *to = *to >= 0 ? *to : sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return some && *from <= *to;
}

/* The page cache's size (PRAGMA cache_size: negative, KiB), or 0. */
static int64_t cache_size(struct store *s)
{
    struct buf ignored = BUF_INIT;
    sqlite3_stmt *st = store_prepare(s, "PRAGMA cache_size", &ignored);
    int64_t n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    buf_free(&ignored);
    return n;
}

/* (A pragma takes no parameter: the number is written into it.) */
static void set_cache_size(struct store *s, int64_t n)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=%lld", (long long)n);
    struct buf ignored = BUF_INIT;
    store_exec(s, sql, &ignored);
    buf_free(&ignored);
}

/* The statement reading one LSOA's rows (?1) over months ?2 to ?3: the
 * month, the cells and, when forces are filtered (after read_filters),
 * the force. */
static sqlite3_stmt *seek_prepare(struct reader *r, struct buf *err)
{
    return store_prepare(r->s,
                         r->force_kept ? "SELECT month, cells, force_id FROM rollup_lsoa"
                                         " WHERE lsoa_id = ?1 AND month BETWEEN ?2 AND ?3"
                                       : "SELECT month, cells FROM rollup_lsoa"
                                         " WHERE lsoa_id = ?1 AND month BETWEEN ?2 AND ?3",
                         err);
}

int store_area_counts(struct store *s, const struct stats_query *q, unsigned want,
                      area_counts_fn fn, void *arg, struct buf *err)
{
    assert(q->ndims == 1 && stats_dim_is_area(&q->dims[0]) && q->noutcomes == 0);
    if (!query_area_known(s, q, err))
        return -1;
    int from, to, rc;
    if (!month_span(s, q, &from, &to, &rc, err))
        return rc;
    size_t nmonths = want & AREA_COUNTS_MONTHS ? (size_t)(to - from + 1) : 1;
    struct reader r = {.s = s, .from = from, .nmonths = nmonths, .want = want};
    sqlite3_stmt *labels = NULL, *seek = NULL;
    rc = read_filters(&r, q, err) < 0 ? -1 : 0;
    if (rc == 0 && (want & AREA_COUNTS_OUTCOMES) && read_states(&r, err) < 0)
        rc = -1;
    if (rc == 0 && (!(labels = labels_prepare(s, q, err)) || !(seek = seek_prepare(&r, err))))
        rc = -1;
    if (rc == 0) {
        sqlite3_bind_int(seek, 2, from);
        sqlite3_bind_int(seek, 3, to);
        r.cells = xcalloc(r.ntypes * r.nmonths + 1, sizeof *r.cells);
        r.read = xcalloc(r.ntypes + 1, sizeof *r.read);
        /* Every page of the rollup is read once, in order: a page cache of
         * 2 MiB serves that as well as the store's 64 MiB, without taking
         * (and faulting in) the memory. */
        int64_t cache = cache_size(s);
        set_cache_size(s, -2048);
        rc = read_areas(&r, labels, seek, fn, arg, err);
        if (cache)
            set_cache_size(s, cache);
    }
    sqlite3_finalize(labels);
    sqlite3_finalize(seek);
    reader_free(&r);
    return rc;
}
