/*
 * query.c - counts from the rollup tables (see query.h).
 *
 * A query is assembled from fixed fragments, one per dimension and filter;
 * user-supplied values (a district name, a grouping's name, months) are
 * always bound, never pasted into the SQL text.
 */
#include "store/query.h"
#include "store/query_internal.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The label of LSOA alias l in an area dimension: the two rows that are
 * not areas of the force (query.h), else the expression given. */
#define AREA_LABEL(l, otherwise)                                                                   \
    "(CASE WHEN " l ".code = '' THEN '" STATS_NO_LOCATION "' WHEN " l                              \
    ".outside THEN '" STATS_OUTSIDE "' ELSE " otherwise " END)"
#define DISTRICT_LABEL AREA_LABEL("l", "coalesce(dd.value, l.district, '(unknown)')")

/* The LSOAs whose residents make up "the area" of a rate: those with a
 * population and, once an area lookup is loaded, in that lookup; before
 * any lookup, those of the force area where crimes have been recorded
 * (a stray crime elsewhere does not add that LSOA's residents). */
/* Population rows p are read, so "with a population" holds already; each
 * row's code is probed in a covering index (area_lsoa, lsoa_code_outside),
 * which costs less than listing every LSOA of the lookup or the crimes. */
#define IN_SCOPE_P                                                                                 \
    "(CASE WHEN EXISTS (SELECT 1 FROM area) THEN EXISTS (SELECT 1 FROM area a0"                    \
    " WHERE a0.lsoa_code = p.lsoa_code) ELSE EXISTS (SELECT 1 FROM lsoa l0"                        \
    " WHERE l0.code = p.lsoa_code AND NOT l0.outside) END)"

bool stats_area_is_own(const char *value)
{
    return strcmp(value, STATS_NO_LOCATION) != 0 && strcmp(value, STATS_OUTSIDE) != 0 &&
           strcmp(value, STATS_NOT_IN_LOOKUP) != 0 && strcmp(value, "(unknown)") != 0;
}

enum outcome_state stats_outcome_state(const char *positive_outcome)
{
    return strcmp(positive_outcome, STATS_POSITIVE_YES) == 0       ? OUTCOME_STATE_POSITIVE
           : strcmp(positive_outcome, STATS_POSITIVE_PENDING) == 0 ? OUTCOME_STATE_PENDING
                                                                   : OUTCOME_STATE_OTHER;
}

static const char *const dim_names[] = {
    [DIM_MONTH] = "month",
    [DIM_QUARTER] = "quarter",
    [DIM_FY] = "fy",
    [DIM_CRIME_TYPE] = "crime_type",
    [DIM_OUTCOME] = "outcome",
    [DIM_OUTCOME_GROUP] = "outcome_group",
    [DIM_POSITIVE_OUTCOME] = "positive_outcome",
    [DIM_FORCE] = "force",
    [DIM_DISTRICT] = "district",
    [DIM_LSOA] = "lsoa",
    [DIM_LSOA_NAME] = "lsoa_name",
    [DIM_GROUPING] = NULL,
};

/* The integer a dimension is first grouped by, inside the rollup. */
static const char *inner_key(enum stats_dim dim)
{
    switch (dim) {
    case DIM_MONTH:
    case DIM_QUARTER:
    case DIM_FY:
        /* raw months, so that rollup_force_by_month serves the grouping
         * without a sort; quarters and years are formed from them after */
        return "r.month";
    case DIM_CRIME_TYPE:
        return "r.crime_type_id";
    case DIM_OUTCOME:
    case DIM_OUTCOME_GROUP:
    case DIM_POSITIVE_OUTCOME:
        return "r.outcome_id";
    case DIM_FORCE:
        return "r.force_id";
    case DIM_DISTRICT:
    case DIM_LSOA:
    case DIM_LSOA_NAME:
    case DIM_GROUPING:
        break;
    }
    return "r.lsoa_id";
}

static bool needs_lsoa(enum stats_dim dim)
{
    return dim == DIM_DISTRICT || dim == DIM_LSOA || dim == DIM_LSOA_NAME || dim == DIM_GROUPING;
}

const char *stats_dim_names(void)
{
    return "month, quarter, fy, crime_type, outcome, outcome_group, positive_outcome, force, "
           "district, lsoa, lsoa_name, or an imported area grouping";
}

bool store_has_grouping(struct store *s, const char *name)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM area WHERE grouping = ?1 LIMIT 1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

bool store_lsoa_lookup_loaded(struct store *s)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM area LIMIT 1", -1, &st, NULL) == SQLITE_OK)
        found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

bool stats_dim_parse(struct store *s, const char *name, struct stats_dim_spec *out)
{
    for (size_t i = 0; i < sizeof dim_names / sizeof dim_names[0]; i++) {
        if (dim_names[i] && strcmp(dim_names[i], name) == 0) {
            *out = (struct stats_dim_spec){(enum stats_dim)i, NULL, dim_names[i]};
            return true;
        }
    }
    if (s && store_has_grouping(s, name)) {
        *out = (struct stats_dim_spec){DIM_GROUPING, name, name};
        return true;
    }
    return false;
}

void params_text(struct params *p, const char *s)
{
    assert(p->n < QUERY_MAX_PARAMS);
    p->v[p->n].text = s;
    p->v[p->n++].i = 0;
}

void params_int(struct params *p, int64_t i)
{
    assert(p->n < QUERY_MAX_PARAMS);
    p->v[p->n].text = NULL;
    p->v[p->n++].i = i;
}

void params_bind(sqlite3_stmt *st, const struct params *p)
{
    for (int i = 0; i < p->n; i++) {
        if (p->v[i].text)
            sqlite3_bind_text(st, i + 1, p->v[i].text, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_int64(st, i + 1, p->v[i].i);
    }
}

static bool is_area_grouping(const struct stats_query *q)
{
    return q->area_key && strcmp(q->area_key, "district") != 0 &&
           strcmp(q->area_key, "lsoa") != 0 && strcmp(q->area_key, "lsoa_name") != 0 &&
           strcmp(q->area_key, "force") != 0;
}

static bool uses_lsoa_rollup(const struct stats_query *q)
{
    for (int i = 0; i < q->ndims; i++)
        if (needs_lsoa(q->dims[i].dim))
            return true;
    return q->area_key && strcmp(q->area_key, "force") != 0;
}

const char *query_rollup(const struct stats_query *q)
{
    if (uses_lsoa_rollup(q)) /* its cells: the virtual table over rollup_lsoa's rows */
        return "rollup_lsoa_cell";
    if (q->force || q->area_key) /* an area here is --area force=X */
        return "rollup_force";
    for (int i = 0; i < q->ndims; i++)
        if (q->dims[i].dim == DIM_FORCE)
            return "rollup_force";
    return "rollup_all";
}

/* Filters on the rollup's own integer columns: values are turned into ids
 * by small subqueries, so no row of the rollup is joined to anything. */
/* The query's months and force. */
static void where_when(struct buf *sql, const struct stats_query *q, struct params *p)
{
    if (q->month_from >= 0) {
        buf_puts(sql, " AND r.month >= ?");
        params_int(p, q->month_from);
    }
    if (q->month_to >= 0) {
        buf_puts(sql, " AND r.month <= ?");
        params_int(p, q->month_to);
    }
    const char *force = q->force;
    if (q->area_key && strcmp(q->area_key, "force") == 0)
        force = q->area_value; /* --area force=X is --force X */
    if (force) {
        buf_puts(sql, " AND r.force_id IN (SELECT id FROM force WHERE name = ? OR slug = ?)");
        params_text(p, force);
        params_text(p, force);
    }
}

/* Its crime types: " AND ..." clauses, none when every type is asked for. */
static void where_types(struct buf *sql, const struct stats_query *q, struct params *p)
{
    if (q->exclude_asb)
        buf_puts(sql, " AND r.crime_type_id NOT IN"
                      " (SELECT id FROM crime_type WHERE name = 'Anti-social behaviour')");
    for (int i = 0; i < q->ncrime_types; i++) {
        buf_puts(sql,
                 i ? ", ?" : " AND r.crime_type_id IN (SELECT id FROM crime_type WHERE name IN (?");
        params_text(p, q->crime_types[i]);
    }
    if (q->ncrime_types > 0)
        buf_puts(sql, "))");
}

/* Its outcomes and area. */
static void where_what(struct buf *sql, const struct stats_query *q, struct params *p)
{
    /* police.uk leaves the outcome empty when there is none yet (and for
     * anti-social behaviour); grouped counts call that "(none)" */
    for (int i = 0; i < q->noutcomes; i++) {
        buf_puts(sql, i ? ", ?"
                        : " AND r.outcome_id IN (SELECT id FROM outcome_category WHERE name IN (?");
        params_text(p, strcmp(q->outcomes[i], "(none)") == 0 ? "" : q->outcomes[i]);
    }
    if (q->noutcomes > 0)
        buf_puts(sql, "))");
    if (!q->area_key || strcmp(q->area_key, "force") == 0)
        return;
    /* Areas are sets of LSOA ids, so that rollup_lsoa's (lsoa_id, month)
     * key finds an area's counts without reading every force's. */
    /* each matches the labels its dimension lists (query_write_label) */
    if (strcmp(q->area_key, "district") == 0 && stats_area_is_own(q->area_value)) {
        /* A district by name: its LSOAs found through lsoa_district (those
         * the lookup does not list) and area_value (those it does), the
         * same set as DISTRICT_LABEL = name below without computing the
         * label of every LSOA (a scan of lsoa, twice a command: issue 16) */
        buf_puts(sql, " AND r.lsoa_id IN (SELECT l.id FROM lsoa l WHERE l.district = ?"
                      " AND l.code <> '' AND NOT l.outside AND NOT EXISTS (SELECT 1 FROM area dd"
                      " WHERE dd.grouping = 'district' AND dd.lsoa_code = l.code)"
                      " UNION ALL SELECT l.id FROM area dd JOIN lsoa l ON l.code = dd.lsoa_code"
                      " WHERE dd.grouping = 'district' AND dd.value = ? AND l.code <> ''"
                      " AND NOT l.outside)");
        params_text(p, q->area_value);
        params_text(p, q->area_value);
    } else if (strcmp(q->area_key, "district") == 0) {
        buf_puts(sql, " AND r.lsoa_id IN (SELECT l.id FROM lsoa l LEFT JOIN area dd"
                      " ON dd.grouping = 'district' AND dd.lsoa_code = l.code"
                      " WHERE " DISTRICT_LABEL " = ?)");
        params_text(p, q->area_value);
    } else if (strcmp(q->area_key, "lsoa") == 0) {
        buf_puts(sql, " AND r.lsoa_id IN (SELECT l.id FROM lsoa l WHERE l.code = ? OR l.name = ?"
                      " OR " AREA_LABEL("l", "l.code") " = ?)");
        params_text(p, q->area_value);
        params_text(p, q->area_value);
        params_text(p, q->area_value);
    } else if (strcmp(q->area_key, "lsoa_name") == 0) {
        /* the dimension lsoa_name's values, so /area/lsoa_name/NAME finds
         * what `--group-by lsoa_name` lists */
        buf_puts(sql, " AND r.lsoa_id IN (SELECT l.id FROM lsoa l WHERE " AREA_LABEL(
                          "l", "l.name") " = ?)");
        params_text(p, q->area_value);
    } else {
        buf_puts(sql,
                 " AND r.lsoa_id IN (SELECT l.id FROM lsoa l LEFT JOIN area a"
                 " ON a.grouping = ? AND a.lsoa_code = l.code"
                 " WHERE " AREA_LABEL("l", "coalesce(a.value, '" STATS_NOT_IN_LOOKUP "')") " = ?)");
        params_text(p, q->area_key);
        params_text(p, q->area_value);
    }
}

void query_write_where(struct buf *sql, const struct stats_query *q, struct params *p)
{
    buf_puts(sql, " WHERE 1");
    where_when(sql, q, p);
    where_types(sql, q, p);
    where_what(sql, q, p);
}

/* The first level's GROUP BY: its keys in the order the LSOA rollup's
 * rows come in (lsoa, month, force, crime type, outcome), which
 * rollup_lsoa_cell then serves without a sort (store/rollup_cell_table.c);
 * the order of a GROUP BY changes no group, and the second level sorts by
 * the labels. */
static void write_group_by(struct buf *sql, const struct stats_query *q)
{
    static const char *const rank[] = {"r.lsoa_id", "r.month", "r.force_id", "r.crime_type_id",
                                       "r.outcome_id"};
    int n = 0;
    for (size_t r = 0; r < sizeof rank / sizeof *rank; r++)
        for (int i = 0; i < q->ndims; i++)
            if (strcmp(inner_key(q->dims[i].dim), rank[r]) == 0)
                buf_printf(sql, "%s k%d", n++ ? "," : " GROUP BY", i);
    assert(n == q->ndims); /* every inner key is one of rank's */
}

/* The first level: counts summed by integer keys k0, k1, ... */
static void write_inner(struct buf *sql, const struct stats_query *q, struct params *p)
{
    buf_puts(sql, "SELECT ");
    for (int i = 0; i < q->ndims; i++)
        buf_printf(sql, "%s AS k%d, ", inner_key(q->dims[i].dim), i);
    buf_printf(sql, "sum(r.n) AS n FROM %s r", query_rollup(q));
    query_write_where(sql, q, p);
    write_group_by(sql, q);
}

/* AREA_LABEL for LSOA alias l<i>, the area's own name being the
 * expression in (and emptied) otherwise. */
static void area_label(struct buf *label, int i, struct buf *otherwise)
{
    buf_printf(label,
               "(CASE WHEN l%d.code = '' THEN '" STATS_NO_LOCATION
               "' WHEN l%d.outside THEN '" STATS_OUTSIDE "' ELSE %s END)",
               i, i, otherwise->p);
    buf_reset(otherwise);
}

/* The second level: each key given its label (and joined table, if any),
 * and counts summed again by label, since several ids may share one
 * (outcome categories of one group, LSOAs of one district). */
bool query_write_label(const struct stats_dim_spec *d, int i, struct buf *label, struct buf *joins,
                       struct params *p)
{
    struct buf own = BUF_INIT; /* an area's own name, for area_label */
    switch (d->dim) {
    case DIM_MONTH:
        buf_printf(label, "printf('%%04d-%%02d', t.k%d / 12, t.k%d %% 12 + 1)", i, i);
        return true;
    case DIM_QUARTER:
        buf_printf(label,
                   "printf('%%04d-%%02d Q%%d', (t.k%d - 3) / 12, ((t.k%d - 3) / 12 + 1) %% 100,"
                   " (t.k%d - 3) %% 12 / 3 + 1)",
                   i, i, i);
        return false;
    case DIM_FY:
        buf_printf(label, "printf('%%04d-%%02d', (t.k%d - 3) / 12, ((t.k%d - 3) / 12 + 1) %% 100)",
                   i, i);
        return false;
    case DIM_CRIME_TYPE:
        buf_printf(joins, " JOIN crime_type ct%d ON ct%d.id = t.k%d", i, i, i);
        buf_printf(label, "ct%d.name", i);
        break;
    case DIM_OUTCOME:
        buf_printf(joins, " JOIN outcome_category oc%d ON oc%d.id = t.k%d", i, i, i);
        buf_printf(label, "CASE WHEN oc%d.name = '' THEN '(none)' ELSE oc%d.name END", i, i);
        break;
    case DIM_OUTCOME_GROUP:
    case DIM_POSITIVE_OUTCOME:
        buf_printf(joins,
                   " JOIN outcome_category oc%d ON oc%d.id = t.k%d"
                   " JOIN outcome_group og%d ON og%d.id = oc%d.group_id",
                   i, i, i, i, i, i);
        if (d->dim == DIM_OUTCOME_GROUP)
            buf_printf(label, "og%d.name", i);
        else
            buf_printf(label,
                       "CASE WHEN og%d.positive THEN '" STATS_POSITIVE_YES "' WHEN og%d.code = '"
                       "pending' THEN '" STATS_POSITIVE_PENDING "' ELSE '" STATS_POSITIVE_NO
                       "' END",
                       i, i);
        break;
    case DIM_FORCE:
        buf_printf(joins, " JOIN force f%d ON f%d.id = t.k%d", i, i, i);
        buf_printf(label, "f%d.name", i);
        break;
    case DIM_DISTRICT:
        buf_printf(joins,
                   " JOIN lsoa l%d ON l%d.id = t.k%d LEFT JOIN area dd%d"
                   " ON dd%d.grouping = 'district' AND dd%d.lsoa_code = l%d.code",
                   i, i, i, i, i, i, i);
        buf_printf(&own, "coalesce(dd%d.value, l%d.district, '(unknown)')", i, i);
        area_label(label, i, &own);
        break;
    case DIM_LSOA:
    case DIM_LSOA_NAME:
        buf_printf(joins, " JOIN lsoa l%d ON l%d.id = t.k%d", i, i, i);
        buf_printf(&own, "l%d.%s", i, d->dim == DIM_LSOA ? "code" : "name");
        area_label(label, i, &own);
        break;
    case DIM_GROUPING:
        buf_printf(joins,
                   " JOIN lsoa l%d ON l%d.id = t.k%d LEFT JOIN area g%d"
                   " ON g%d.grouping = ? AND g%d.lsoa_code = l%d.code",
                   i, i, i, i, i, i, i);
        params_text(p, d->grouping);
        buf_printf(&own, "coalesce(g%d.value, '" STATS_NOT_IN_LOOKUP "')", i);
        area_label(label, i, &own);
        break;
    }
    buf_free(&own);
    return false;
}

struct stats_cursor {
    struct store *s;
    sqlite3_stmt *st;
    int ndims;
};

/* The statement counting q's groups, or NULL with err. */
static sqlite3_stmt *stats_prepare(struct store *s, const struct stats_query *q, struct buf *err)
{
    /* Labels, joins and grouping come from one pass over the dimensions;
     * the joins' parameters follow the inner query's in the SQL text, so
     * they are collected apart and appended after. */
    struct params p = {0}, join_params = {0};
    struct buf sql = BUF_INIT, inner = BUF_INIT, joins = BUF_INIT, group = BUF_INIT,
               label = BUF_INIT;
    buf_puts(&sql, "SELECT ");
    for (int i = 0; i < q->ndims; i++) {
        buf_reset(&label);
        bool by_key = query_write_label(&q->dims[i], i, &label, &joins, &join_params);
        buf_printf(&sql, "%s, ", label.p);
        if (by_key)
            buf_printf(&group, "%st.k%d", i ? ", " : "", i);
        else
            buf_printf(&group, "%s%s", i ? ", " : "", label.p);
    }
    write_inner(&inner, q, &p);
    buf_printf(&sql, "sum(t.n) FROM (%s) t%s", inner.p, buf_str(&joins));
    if (q->ndims > 0)
        buf_printf(&sql, " GROUP BY %s ORDER BY %s", group.p, group.p);
    for (int i = 0; i < join_params.n; i++) {
        assert(p.n < QUERY_MAX_PARAMS);
        p.v[p.n++] = join_params.v[i];
    }
    buf_free(&inner);
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    buf_free(&joins);
    buf_free(&group);
    buf_free(&label);
    if (st)
        params_bind(st, &p);
    return st;
}

bool query_area_known(struct store *s, const struct stats_query *q, struct buf *err)
{
    if (!is_area_grouping(q) || store_has_grouping(s, q->area_key))
        return true;
    buf_printf(err,
               "no area grouping '%s': use district, lsoa, force or a grouping loaded "
               "with peel import-areas",
               q->area_key);
    return false;
}

struct stats_cursor *stats_cursor_open(struct store *s, const struct stats_query *q,
                                       struct buf *err)
{
    assert(q->ndims >= 0 && q->ndims <= STATS_MAX_DIMS);
    if (!query_area_known(s, q, err))
        return NULL;
    sqlite3_stmt *st = stats_prepare(s, q, err);
    if (!st)
        return NULL;
    struct stats_cursor *c = xmalloc(sizeof *c);
    *c = (struct stats_cursor){s, st, q->ndims};
    return c;
}

int stats_cursor_next(struct stats_cursor *c, const char **keys, int64_t *count, struct buf *err)
{
    int rc;
    while ((rc = sqlite3_step(c->st)) == SQLITE_ROW) {
        if (sqlite3_column_type(c->st, c->ndims) == SQLITE_NULL)
            continue; /* an aggregate over no rows */
        for (int i = 0; i < c->ndims; i++)
            keys[i] = (const char *)sqlite3_column_text(c->st, i);
        *count = sqlite3_column_int64(c->st, c->ndims);
        return 1;
    }
    return rc == SQLITE_DONE ? 0 : store_fail(c->s, err, "counting crimes");
}

void stats_cursor_close(struct stats_cursor *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->st);
    free(c);
}

int store_stats(struct store *s, const struct stats_query *q, stats_row_fn fn, void *arg,
                struct buf *err)
{
    if (query_is_series(q))
        return query_series(s, q, fn, arg, err);
    struct stats_cursor *c = stats_cursor_open(s, q, err);
    if (!c)
        return -1;
    const char *keys[STATS_MAX_DIMS] = {0};
    int64_t count = 0;
    int rc;
    while ((rc = stats_cursor_next(c, keys, &count, err)) == 1)
        fn(arg, keys, count);
    stats_cursor_close(c);
    return rc;
}

int store_area_has_crimes(struct store *s, const char *area_key, const char *area_value,
                          bool *found, struct buf *err)
{
    struct stats_query q = {
        .month_from = -1, .month_to = -1, .area_key = area_key, .area_value = area_value};
    if (is_area_grouping(&q) && !store_has_grouping(s, area_key)) {
        buf_printf(err, "no area grouping '%s'", area_key);
        return -1;
    }
    struct params p = {0};
    struct buf sql = BUF_INIT;
    buf_printf(&sql, "SELECT 1 FROM %s r", query_rollup(&q));
    query_write_where(&sql, &q, &p);
    buf_puts(&sql, " AND r.n > 0 LIMIT 1");
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    params_bind(st, &p);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
                                                 : store_fail(s, err, "finding an area's crimes");
}

int store_forces_counted(struct store *s, int from, int to, int max, grouping_value_fn fn,
                         void *arg, struct buf *err)
{
    /* one seek into rollup_force's key (force_id, month, ...) per force */
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT f.name FROM force f WHERE EXISTS (SELECT 1 FROM"
                                     " rollup_force r WHERE r.force_id = f.id AND r.month"
                                     " BETWEEN ?1 AND ?2 AND r.n > 0) ORDER BY f.name LIMIT ?3",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, from);
    sqlite3_bind_int(st, 2, to);
    sqlite3_bind_int(st, 3, max);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing the forces counted");
}

int store_months_present(struct store *s, const char *force, int from, int to, bool *present,
                         struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT DISTINCT sl.month FROM slice sl JOIN force f ON f.id = sl.force_id"
                      " WHERE sl.kind = 'street' AND sl.month BETWEEN ?1 AND ?2"
                      " AND (?3 IS NULL OR f.name = ?3 OR f.slug = ?3)",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, from);
    sqlite3_bind_int(st, 2, to);
    if (force)
        sqlite3_bind_text(st, 3, force, -1, SQLITE_STATIC);
    for (int m = from; m <= to; m++)
        present[m - from] = false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        present[sqlite3_column_int(st, 0) - from] = true;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing months");
}

/* Restricts population rows p to an area: ?3 is the area's key (NULL: no
 * area), ?4 its value. The district of a populated LSOA comes from the
 * lookup, else from the name under which crimes were recorded there. */
#define POPULATION_IN_AREA                                                                         \
    " AND CASE ?3"                                                                                 \
    " WHEN 'district' THEN coalesce((SELECT value FROM area WHERE grouping = 'district'"           \
    "   AND lsoa_code = p.lsoa_code),"                                                             \
    "   (SELECT district FROM lsoa WHERE code = p.lsoa_code LIMIT 1)) = ?4"                        \
    " WHEN 'lsoa' THEN p.lsoa_code = ?4 OR p.lsoa_code IN"                                         \
    "   (SELECT code FROM lsoa WHERE name = ?4)"                                                   \
    " WHEN 'lsoa_name' THEN p.lsoa_code IN (SELECT code FROM lsoa WHERE name = ?4)"                \
    " WHEN 'force' THEN 1"                                                                         \
    " ELSE ?3 IS NULL OR EXISTS (SELECT 1 FROM area a WHERE a.grouping = ?3"                       \
    "   AND a.lsoa_code = p.lsoa_code AND a.value = ?4) END"

static void bind_area(sqlite3_stmt *st, const char *key, const char *value)
{
    if (key) {
        sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, value, -1, SQLITE_STATIC);
    }
}

/* The residents of the whole force area (IN_SCOPE_P with no area): the
 * population rows and the scope's LSOA codes (the lookup's, else those of
 * the LSOAs not outside) read side by side in code order, both straight
 * from a B-tree, instead of one index probe per population row: half the
 * annual table's instructions were that probe (issue 16). A code listed
 * twice (several groupings, or LSOA names) is passed over by the merge,
 * since each population row's code is its own. */
static int force_area_population(struct store *s, int64_t *population, int64_t *nlsoas,
                                 struct buf *err)
{
    sqlite3_stmt *pop =
        store_prepare(s, "SELECT lsoa_code, population FROM population ORDER BY lsoa_code", err);
    if (!pop)
        return -1;
    sqlite3_stmt *own = store_prepare(s,
                                      store_lsoa_lookup_loaded(s)
                                          ? "SELECT lsoa_code FROM area ORDER BY lsoa_code"
                                          : "SELECT code FROM lsoa WHERE NOT outside ORDER BY code",
                                      err);
    if (!own) {
        sqlite3_finalize(pop);
        return -1;
    }
    *population = *nlsoas = 0;
    int rp = sqlite3_step(pop), ro = sqlite3_step(own);
    while (rp == SQLITE_ROW && ro == SQLITE_ROW) {
        /* SQLite's BINARY order is strcmp's for text without NULs */
        int c = strcmp((const char *)sqlite3_column_text(pop, 0),
                       (const char *)sqlite3_column_text(own, 0));
        if (c == 0) {
            *population += sqlite3_column_int64(pop, 1);
            ++*nlsoas;
        }
        if (c <= 0)
            rp = sqlite3_step(pop);
        if (c >= 0)
            ro = sqlite3_step(own);
    }
    sqlite3_finalize(pop);
    sqlite3_finalize(own);
    bool ok = (rp == SQLITE_ROW || rp == SQLITE_DONE) && (ro == SQLITE_ROW || ro == SQLITE_DONE);
    return ok ? 0 : store_fail(s, err, "summing population");
}

int store_population(struct store *s, const char *area_key, const char *area_value,
                     int64_t *population, int64_t *nlsoas, struct buf *err)
{
    if (!area_key)
        return force_area_population(s, population, nlsoas, err);
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT coalesce(sum(p.population), 0), count(*)"
                                     " FROM population p WHERE " IN_SCOPE_P POPULATION_IN_AREA,
                                     err);
    if (!st)
        return -1;
    bind_area(st, area_key, area_value);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *population = sqlite3_column_int64(st, 0);
        *nlsoas = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "summing population");
}

int store_groupings(struct store *s, struct buf *out, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT DISTINCT grouping FROM area ORDER BY 1", err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        buf_printf(out, "%s%s", out->len ? ", " : "", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing groupings");
}

int store_grouping_values(struct store *s, const char *grouping, grouping_value_fn fn, void *arg,
                          struct buf *err)
{
    /* area_value (grouping, value) answers this without reading the rows */
    sqlite3_stmt *st =
        store_prepare(s, "SELECT DISTINCT value FROM area WHERE grouping = ?1 ORDER BY value", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, grouping, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing a grouping's values");
}

int store_names(struct store *s, enum store_names which, grouping_value_fn fn, void *arg,
                struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     which == STORE_NAMES_FORCES
                                         ? "SELECT name FROM force UNION SELECT slug FROM force"
                                           " WHERE slug IS NOT NULL ORDER BY 1"
                                         : "SELECT name FROM crime_type ORDER BY 1",
                                     err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing names");
}

int store_quarantine(struct store *s, const char *file, quarantine_row_fn fn, void *arg,
                     struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT f.name, q.line, q.field, q.reason, q.raw FROM quarantine q"
                      " JOIN source_file f ON f.id = q.file_id WHERE ?1 IS NULL OR f.name = ?1"
                      " ORDER BY f.id, q.line",
                      err);
    if (!st)
        return -1;
    if (file)
        sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(arg, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
           (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
           sqlite3_column_blob(st, 4), (size_t)sqlite3_column_bytes(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing quarantine");
}

bool stats_dim_is_area(const struct stats_dim_spec *dim)
{
    return dim->dim == DIM_DISTRICT || dim->dim == DIM_LSOA || dim->dim == DIM_LSOA_NAME ||
           dim->dim == DIM_GROUPING;
}

int store_population_by(struct store *s, const struct stats_dim_spec *dim, const char *area_key,
                        const char *area_value, population_fn fn, void *arg, struct buf *err)
{
    assert(stats_dim_is_area(dim));
    /* The same labels as store_stats gives for the dimension. An LSOA with
     * a population but no crimes has no name: it is labelled by the lookup
     * or not at all. */
    const char *value;
    switch (dim->dim) {
    case DIM_DISTRICT:
        value = "coalesce((SELECT value FROM area WHERE grouping = 'district'"
                " AND lsoa_code = p.lsoa_code),"
                " (SELECT district FROM lsoa WHERE code = p.lsoa_code LIMIT 1), '(unknown)')";
        break;
    case DIM_LSOA:
        value = "p.lsoa_code";
        break;
    case DIM_LSOA_NAME:
        value = "(SELECT name FROM lsoa WHERE code = p.lsoa_code LIMIT 1)";
        break;
    default:
        value = "coalesce((SELECT value FROM area WHERE grouping = ?1"
                " AND lsoa_code = p.lsoa_code), '(not in lookup)')";
        break;
    }
    struct buf sql = BUF_INIT;
    buf_printf(
        &sql,
        "SELECT %s AS v, sum(p.population) FROM population p WHERE " IN_SCOPE_P POPULATION_IN_AREA
        " GROUP BY v",
        value);
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    if (dim->dim == DIM_GROUPING)
        sqlite3_bind_text(st, 1, dim->grouping, -1, SQLITE_STATIC);
    bind_area(st, area_key, area_value);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (sqlite3_column_type(st, 0) != SQLITE_NULL)
            fn(arg, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "summing population by area");
}

/* A stored coordinate: integer millionths of a degree, or the text as
 * published when it was not six decimals (see coord.h). */
static bool column_degrees(sqlite3_stmt *st, int col, double limit, double *out)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        *out = (double)sqlite3_column_int64(st, col) / 1e6;
        break;
    case SQLITE_TEXT: {
        const char *t = (const char *)sqlite3_column_text(st, col);
        char *end = NULL;
        *out = strtod(t, &end);
        if (end == t || *end)
            return false;
        break;
    }
    default:
        return false;
    }
    return isfinite(*out) && fabs(*out) <= limit;
}

/* Where crimes' points are read from ("SELECT" and the columns come
 * before, the WHERE after). The crimes are read slice by slice: a slice's
 * rows are one range of ids (migrate.c), so the filters on the rollup's
 * columns apply to the same names here and each slice costs one range
 * scan. CROSS JOIN keeps slice the outer loop: left to itself SQLite scans
 * every crime. */
static void points_from(struct buf *sql)
{
    buf_puts(sql, " FROM (SELECT sl.month AS month,"
                  " sl.force_id AS force_id, c.crime_type_id AS crime_type_id,"
                  " c.lsoa_id AS lsoa_id, c.outcome_id AS outcome_id, c.latitude AS latitude,"
                  " c.longitude AS longitude"
                  " FROM slice sl CROSS JOIN crime c ON c.id BETWEEN sl.id * 4294967296"
                  " AND sl.id * 4294967296 + 4294967295 WHERE sl.kind = 'street') r"
                  " LEFT JOIN lsoa l ON l.id = r.lsoa_id");
}

int store_crime_points_typed(struct store *s, const struct stats_query *q, crime_points_fn fn,
                             void *arg, int64_t *unlocated, int64_t *outside, struct buf *err)
{
    if (is_area_grouping(q) && !store_has_grouping(s, q->area_key)) {
        buf_printf(err, "no area grouping '%s'", q->area_key);
        return -1;
    }
    /* One scan, every type: the crime-type filter is a column, not a
     * condition (parameters bind in the order the SQL text has them). */
    struct params p = {0};
    struct buf sql = BUF_INIT;
    buf_puts(&sql, "SELECT r.latitude, r.longitude, l.code, count(*), sum(CASE WHEN 1");
    where_types(&sql, q, &p);
    buf_puts(&sql, " THEN 1 ELSE 0 END), coalesce(l.outside, 0)");
    points_from(&sql);
    buf_puts(&sql, " WHERE 1");
    where_when(&sql, q, &p);
    where_what(&sql, q, &p);
    buf_puts(&sql, " GROUP BY r.latitude, r.longitude, r.lsoa_id");
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    params_bind(st, &p);
    *unlocated = *outside = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        double lat, lon;
        int64_t all = sqlite3_column_int64(st, 3), typed = sqlite3_column_int64(st, 4);
        const char *lsoa = (const char *)sqlite3_column_text(st, 2);
        if (sqlite3_column_int(st, 5))
            *outside += typed;
        else if (column_degrees(st, 0, 90, &lat) && column_degrees(st, 1, 180, &lon))
            fn(arg, lat, lon, lsoa ? lsoa : "", all, typed);
        else
            *unlocated += typed;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading crimes' points");
}
