/*
 * query.c - counts from the rollup tables (see query.h).
 *
 * A query is assembled from fixed fragments, one per dimension and filter;
 * user-supplied values (a district name, a grouping's name, months) are
 * always bound, never pasted into the SQL text.
 */
#include "store/query.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Which tables a query needs joined. */
enum need {
    N_LSOA = 1,
    N_TYPE = 2,
    N_OUTCOME = 4,
    N_GROUP = 8,
    N_FORCE = 16,
    N_DISTRICT = 32,
    N_AREA = 64, /* rollup_lsoa, filtered by LSOA id through its index */
};

#define DISTRICT_EXPR                                                                              \
    "(CASE WHEN l.code = '' THEN '(no location)'"                                                  \
    " ELSE coalesce(dd.value, l.district, '(unknown)') END)"

/* The LSOAs whose residents make up "the area" of a rate: those with a
 * population and, once an area lookup is loaded, in that lookup; before
 * any lookup, those where crimes have been recorded. */
#define IN_SCOPE(code)                                                                             \
    "(" code " IN (SELECT lsoa_code FROM population) AND CASE WHEN EXISTS"                         \
    " (SELECT 1 FROM area) THEN " code " IN (SELECT lsoa_code FROM area) ELSE " code               \
    " IN (SELECT code FROM lsoa) END)"

struct dim_sql {
    const char *name;
    const char *group; /* GROUP BY and ORDER BY expression */
    const char *label; /* selected text */
    int need;
};

static const struct dim_sql dim_sql[] = {
    [DIM_MONTH] = {"month", "r.month", "printf('%04d-%02d', r.month / 12, r.month % 12 + 1)", 0},
    [DIM_QUARTER] = {"quarter", "(r.month - 3) / 3",
                     "printf('%04d-%02d Q%d', (r.month - 3) / 12, ((r.month - 3) / 12 + 1) % 100,"
                     " (r.month - 3) % 12 / 3 + 1)",
                     0},
    [DIM_FY] = {"fy", "(r.month - 3) / 12",
                "printf('%04d-%02d', (r.month - 3) / 12, ((r.month - 3) / 12 + 1) % 100)", 0},
    [DIM_CRIME_TYPE] = {"crime_type", "ct.name", "ct.name", N_TYPE},
    [DIM_OUTCOME] = {"outcome", "oc.name", "CASE WHEN oc.name = '' THEN '(none)' ELSE oc.name END",
                     N_OUTCOME},
    [DIM_OUTCOME_GROUP] = {"outcome_group", "og.name", "og.name", N_OUTCOME | N_GROUP},
    [DIM_POSITIVE_OUTCOME] = {"positive_outcome", "og.positive",
                              "CASE WHEN og.positive THEN 'yes' ELSE 'no' END",
                              N_OUTCOME | N_GROUP},
    [DIM_FORCE] = {"force", "f.name", "f.name", N_FORCE},
    [DIM_DISTRICT] = {"district", DISTRICT_EXPR, DISTRICT_EXPR, N_LSOA | N_DISTRICT},
    [DIM_LSOA] = {"lsoa", "l.code", "CASE WHEN l.code = '' THEN '(no location)' ELSE l.code END",
                  N_LSOA},
    [DIM_LSOA_NAME] = {"lsoa_name", "l.name",
                       "CASE WHEN l.name = '' THEN '(no location)' ELSE l.name END", N_LSOA},
    [DIM_GROUPING] = {NULL, NULL, NULL, N_LSOA},
};

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
    for (size_t i = 0; i < sizeof dim_sql / sizeof dim_sql[0]; i++) {
        if (dim_sql[i].name && strcmp(dim_sql[i].name, name) == 0) {
            *out = (struct stats_dim_spec){(enum stats_dim)i, NULL, dim_sql[i].name};
            return true;
        }
    }
    if (s && store_has_grouping(s, name)) {
        *out = (struct stats_dim_spec){DIM_GROUPING, name, name};
        return true;
    }
    return false;
}

/* Parameters collected while the SQL is written, bound in order. */
struct params {
    struct {
        const char *text;
        int64_t i;
    } v[64];
    int n;
};

static void param_text(struct params *p, const char *s)
{
    assert(p->n < 64);
    p->v[p->n].text = s;
    p->v[p->n++].i = 0;
}

static void param_int(struct params *p, int64_t i)
{
    assert(p->n < 64);
    p->v[p->n].text = NULL;
    p->v[p->n++].i = i;
}

static bool is_area_grouping(const struct stats_query *q)
{
    return q->area_key && strcmp(q->area_key, "district") != 0 &&
           strcmp(q->area_key, "lsoa") != 0 && strcmp(q->area_key, "force") != 0;
}

static int needs_of(const struct stats_query *q)
{
    int need = 0;
    for (int i = 0; i < q->ndims; i++)
        need |= dim_sql[q->dims[i].dim].need;
    if (q->ncrime_types > 0 || q->exclude_asb)
        need |= N_TYPE;
    if (q->force || (q->area_key && strcmp(q->area_key, "force") == 0))
        need |= N_FORCE;
    else if (q->area_key)
        need |= N_AREA;
    return need;
}

static void write_select(struct buf *sql, const struct stats_query *q, struct params *p, int need)
{
    buf_puts(sql, "SELECT ");
    for (int i = 0; i < q->ndims; i++) {
        if (q->dims[i].dim == DIM_GROUPING)
            buf_printf(sql, "coalesce(g%d.value, '(not in lookup)'), ", i);
        else
            buf_printf(sql, "%s, ", dim_sql[q->dims[i].dim].label);
    }
    buf_printf(sql, "sum(r.n) FROM %s r",
               (need & (N_LSOA | N_AREA)) ? "rollup_lsoa" : "rollup_force");
    if (need & N_TYPE)
        buf_puts(sql, " JOIN crime_type ct ON ct.id = r.crime_type_id");
    if (need & N_OUTCOME)
        buf_puts(sql, " JOIN outcome_category oc ON oc.id = r.outcome_id");
    if (need & N_GROUP)
        buf_puts(sql, " JOIN outcome_group og ON og.id = oc.group_id");
    if (need & N_FORCE)
        buf_puts(sql, " JOIN force f ON f.id = r.force_id");
    if (need & N_LSOA)
        buf_puts(sql, " JOIN lsoa l ON l.id = r.lsoa_id");
    if (need & N_DISTRICT)
        buf_puts(sql, " LEFT JOIN area dd ON dd.grouping = 'district' AND dd.lsoa_code = l.code");
    for (int i = 0; i < q->ndims; i++) {
        if (q->dims[i].dim != DIM_GROUPING)
            continue;
        buf_printf(sql, " LEFT JOIN area g%d ON g%d.grouping = ? AND g%d.lsoa_code = l.code", i, i,
                   i);
        param_text(p, q->dims[i].grouping);
    }
}

static void write_where(struct buf *sql, const struct stats_query *q, struct params *p)
{
    buf_puts(sql, " WHERE 1");
    if (q->month_from >= 0) {
        buf_puts(sql, " AND r.month >= ?");
        param_int(p, q->month_from);
    }
    if (q->month_to >= 0) {
        buf_puts(sql, " AND r.month <= ?");
        param_int(p, q->month_to);
    }
    if (q->force) {
        buf_puts(sql, " AND (f.name = ? OR f.slug = ?)");
        param_text(p, q->force);
        param_text(p, q->force);
    }
    if (q->exclude_asb)
        buf_puts(sql, " AND ct.name <> 'Anti-social behaviour'");
    for (int i = 0; i < q->ncrime_types; i++) {
        buf_puts(sql, i ? ", ?" : " AND ct.name IN (?");
        param_text(p, q->crime_types[i]);
    }
    if (q->ncrime_types > 0)
        buf_putc(sql, ')');
    if (!q->area_key)
        return;
    /* Areas are sets of LSOA ids, so that rollup_lsoa's (lsoa_id, month)
     * index finds an area's counts without reading every force's. */
    if (strcmp(q->area_key, "district") == 0) {
        buf_puts(sql, " AND r.lsoa_id IN (SELECT l.id FROM lsoa l LEFT JOIN area dd"
                      " ON dd.grouping = 'district' AND dd.lsoa_code = l.code"
                      " WHERE " DISTRICT_EXPR " = ?)");
        param_text(p, q->area_value);
    } else if (strcmp(q->area_key, "lsoa") == 0) {
        buf_puts(sql, " AND r.lsoa_id IN (SELECT id FROM lsoa WHERE code = ? OR name = ?)");
        param_text(p, q->area_value);
        param_text(p, q->area_value);
    } else if (strcmp(q->area_key, "force") == 0) {
        buf_puts(sql, " AND (f.name = ? OR f.slug = ?)");
        param_text(p, q->area_value);
        param_text(p, q->area_value);
    } else {
        buf_puts(sql, " AND r.lsoa_id IN (SELECT l.id FROM lsoa l JOIN area a"
                      " ON a.lsoa_code = l.code WHERE a.grouping = ? AND a.value = ?)");
        param_text(p, q->area_key);
        param_text(p, q->area_value);
    }
}

static void write_group(struct buf *sql, const struct stats_query *q)
{
    if (q->ndims == 0)
        return;
    for (int pass = 0; pass < 2; pass++) {
        buf_puts(sql, pass ? " ORDER BY " : " GROUP BY ");
        for (int i = 0; i < q->ndims; i++) {
            if (i)
                buf_puts(sql, ", ");
            if (q->dims[i].dim == DIM_GROUPING)
                buf_printf(sql, "g%d.value", i);
            else
                buf_puts(sql, dim_sql[q->dims[i].dim].group);
        }
    }
}

int store_stats(struct store *s, const struct stats_query *q, stats_row_fn fn, void *arg,
                struct buf *err)
{
    assert(q->ndims >= 0 && q->ndims <= STATS_MAX_DIMS);
    if (is_area_grouping(q) && !store_has_grouping(s, q->area_key)) {
        buf_printf(err,
                   "no area grouping '%s': use district, lsoa, force or a grouping loaded "
                   "with peel import-areas",
                   q->area_key);
        return -1;
    }
    struct buf sql = BUF_INIT;
    struct params p = {0};
    int need = needs_of(q);
    write_select(&sql, q, &p, need);
    write_where(&sql, q, &p);
    write_group(&sql, q);
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    for (int i = 0; i < p.n; i++) {
        if (p.v[i].text)
            sqlite3_bind_text(st, i + 1, p.v[i].text, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, i + 1, p.v[i].i);
    }
    const char *keys[STATS_MAX_DIMS];
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, q->ndims) == SQLITE_NULL)
            continue; /* an aggregate over no rows */
        for (int i = 0; i < q->ndims; i++)
            keys[i] = (const char *)sqlite3_column_text(st, i);
        fn(arg, keys, sqlite3_column_int64(st, q->ndims));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "counting crimes");
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

int store_population(struct store *s, const char *area_key, const char *area_value,
                     int64_t *population, int64_t *nlsoas, struct buf *err)
{
    /* The district of a populated LSOA: from the lookup, else from the name
     * under which crimes were recorded there. */
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT coalesce(sum(p.population), 0), count(*) FROM population p"
        " WHERE " IN_SCOPE(
            "p.lsoa_code") " AND CASE ?1"
                           " WHEN 'district' THEN coalesce((SELECT value FROM area WHERE grouping "
                           "= 'district'"
                           "   AND lsoa_code = p.lsoa_code),"
                           "   (SELECT district FROM lsoa WHERE code = p.lsoa_code LIMIT 1)) = ?2"
                           " WHEN 'lsoa' THEN p.lsoa_code = ?2 OR p.lsoa_code IN"
                           "   (SELECT code FROM lsoa WHERE name = ?2)"
                           " ELSE ?1 IS NULL OR EXISTS (SELECT 1 FROM area a WHERE a.grouping = ?1"
                           "   AND a.lsoa_code = p.lsoa_code AND a.value = ?2) END",
        err);
    if (!st)
        return -1;
    if (area_key) {
        sqlite3_bind_text(st, 1, area_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, area_value, -1, SQLITE_STATIC);
    }
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

int store_population_by(struct store *s, const struct stats_dim_spec *dim, population_fn fn,
                        void *arg, struct buf *err)
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
    buf_printf(&sql,
               "SELECT %s AS v, sum(p.population) FROM population p WHERE " IN_SCOPE(
                   "p.lsoa_code") " GROUP BY v",
               value);
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    if (dim->dim == DIM_GROUPING)
        sqlite3_bind_text(st, 1, dim->grouping, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (sqlite3_column_type(st, 0) != SQLITE_NULL)
            fn(arg, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "summing population by area");
}
