/*
 * stop_search.c - counts of stop-and-search records and populations by
 * ethnic group (see stop_search.h).
 *
 * A query is one fixed text per dimension; the months and the force are
 * bound. Searches are found through their slices (a slice's rows are one
 * range of ids), so a question about one force and a few months reads only
 * those rows.
 */
#include "store/stop_search.h"
#include "store/query.h"
#include "store/store_internal.h"
#include "util/month.h"

#include <assert.h>
#include <string.h>

/* The key of each dimension, over the search ss (and, for areas, the
 * LSOA l and district value dd joined by AREA_JOIN). */
static const char *const keys[STOP_DIMS] = {
    [STOP_BY_MONTH] = "sl.month",
    [STOP_BY_AREA] =
        "CASE WHEN ss.latitude IS NULL OR ss.longitude IS NULL THEN '" STOP_NO_LOCATION
        "' WHEN l.id IS NULL THEN '" STOP_UNMATCHED "' WHEN l.outside THEN '" STATS_OUTSIDE
        "' ELSE coalesce(dd.value, l.district, '(unknown)') END",
    [STOP_BY_TYPE] = "ss.type",
    [STOP_BY_OBJECT] = "ss.object_of_search",
    [STOP_BY_OUTCOME] = "ss.outcome",
    [STOP_BY_AGE] = "ss.age_range",
    [STOP_BY_ETHNICITY] = "ss.self_defined_ethnicity",
    [STOP_BY_OFFICER_ETHNICITY] = "ss.officer_defined_ethnicity",
    [STOP_BY_GENDER] = "ss.gender",
    [STOP_BY_LEGISLATION] = "ss.legislation",
};

/* A search's point as a crime's: crimes keep police.uk's six decimals as
 * integer millionths of a degree (migrate.c), searches the text. Only the
 * street crimes of the same force and months (and POINT_WINDOW months
 * either side) are read: the points are the same from month to month, and
 * reading every crime ever held would make the question grow with the
 * store. On the real Leicestershire months, the searches of 2019-12 to
 * 2020-02 leave 57 of 701 unmatched against the same three months of
 * crimes, 24 against those and six months after (the crimes start in
 * 2019-12), 3 against all 36. */
#define POINT_WINDOW 6
#define AREA_JOIN                                                                                  \
    " LEFT JOIN (SELECT c.latitude AS lat, c.longitude AS lon, min(c.lsoa_id) AS lsoa_id"          \
    " FROM slice cs JOIN force cf ON cf.id = cs.force_id CROSS JOIN crime c"                       \
    " ON c.id BETWEEN cs.id * 4294967296 AND cs.id * 4294967296 + 4294967295"                      \
    " WHERE cs.kind = 'street' AND cs.month BETWEEN ?4 AND ?5"                                     \
    " AND (?3 IS NULL OR cf.name = ?3 OR cf.slug = ?3)"                                            \
    " AND typeof(c.latitude) = 'integer' AND typeof(c.longitude) = 'integer'"                      \
    " GROUP BY c.latitude, c.longitude) pt"                                                        \
    " ON pt.lat = CAST(round(ss.latitude * 1000000) AS INTEGER)"                                   \
    " AND pt.lon = CAST(round(ss.longitude * 1000000) AS INTEGER)"                                 \
    " LEFT JOIN lsoa l ON l.id = pt.lsoa_id"                                                       \
    " LEFT JOIN area dd ON dd.grouping = 'district' AND dd.lsoa_code = l.code"

/* police.uk has written no further action two ways over the years. */
#define FURTHER_ACTION "(ss.outcome IS NOT NULL AND ss.outcome NOT LIKE '%%no further action%%')"

#define FROM_SEARCHES                                                                              \
    " FROM slice sl JOIN force f ON f.id = sl.force_id CROSS JOIN stop_search ss"                  \
    " ON ss.id BETWEEN sl.id * 4294967296 AND sl.id * 4294967296 + 4294967295"

#define WHERE_SEARCHES                                                                             \
    " WHERE sl.kind = 'stop-and-search' AND (?1 < 0 OR sl.month >= ?1)"                            \
    " AND (?2 < 0 OR sl.month <= ?2) AND (?3 IS NULL OR f.name = ?3 OR f.slug = ?3)"

int store_stop_counts(struct store *s, enum stop_dim dim, const struct stop_query *q,
                      stop_count_fn fn, void *arg, struct buf *err)
{
    assert(dim >= 0 && dim < STOP_DIMS);
    struct buf sql = BUF_INIT;
    buf_printf(&sql,
               "SELECT %s AS k, count(*), sum(" FURTHER_ACTION "),"
               " sum(ss.outcome IN ('Arrest', 'Suspect arrested')),"
               " sum(" FURTHER_ACTION " AND ss.outcome_linked_to_object_of_search = 'True'),"
               " sum(ss.outcome_linked_to_object_of_search IS NOT NULL)" FROM_SEARCHES
               "%s" WHERE_SEARCHES " GROUP BY k ORDER BY k IS NULL, k",
               keys[dim], dim == STOP_BY_AREA ? AREA_JOIN : "");
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, q->month_from);
    sqlite3_bind_int(st, 2, q->month_to);
    if (q->force)
        sqlite3_bind_text(st, 3, q->force, -1, SQLITE_STATIC);
    if (dim == STOP_BY_AREA) {
        /* the crimes of the months of searches asked about, and a few
         * either side */
        int first = 0, last = -1;
        if (store_stop_months(s, q->force, &first, &last, err) < 0) {
            sqlite3_finalize(st);
            return -1;
        }
        int from = q->month_from > first ? q->month_from : first;
        int to = q->month_to >= 0 && q->month_to < last ? q->month_to : last;
        sqlite3_bind_int(st, 4, from - POINT_WINDOW);
        sqlite3_bind_int(st, 5, to + POINT_WINDOW);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char month[MONTH_TEXT_SIZE];
        const char *key = (const char *)sqlite3_column_text(st, 0);
        if (dim == STOP_BY_MONTH) {
            month_format(sqlite3_column_int(st, 0), month);
            key = month;
        }
        struct stop_count c = {.key = key && *key ? key : STOP_NOT_RECORDED,
                               .searches = sqlite3_column_int64(st, 1),
                               .further_action = sqlite3_column_int64(st, 2),
                               .arrests = sqlite3_column_int64(st, 3),
                               .linked = sqlite3_column_int64(st, 4),
                               .link_recorded = sqlite3_column_int64(st, 5)};
        fn(arg, &c);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "counting stops and searches");
}

int store_stop_force(struct store *s, const char *force, struct buf *slug, struct buf *name,
                     struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT DISTINCT f.slug, f.name FROM force f WHERE (?1 IS NULL OR f.name = ?1"
                      " OR f.slug = ?1) AND EXISTS (SELECT 1 FROM slice sl WHERE sl.force_id = f.id"
                      " AND sl.kind = 'stop-and-search') ORDER BY f.slug LIMIT 2",
                      err);
    if (!st)
        return -1;
    if (force)
        sqlite3_bind_text(st, 1, force, -1, SQLITE_STATIC);
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n++ == 0) {
        buf_reset(slug);
        buf_puts(slug, (const char *)sqlite3_column_text(st, 0));
        buf_reset(name);
        buf_puts(name, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store_fail(s, err, "reading forces");
    return n == 0 ? 1 : n == 1 ? 0 : 2;
}

int store_stop_months(struct store *s, const char *force, int *first, int *last, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT min(sl.month), max(sl.month) FROM slice sl"
                                     " JOIN force f ON f.id = sl.force_id"
                                     " WHERE sl.kind = 'stop-and-search' AND sl.rows > 0"
                                     " AND (?1 IS NULL OR f.name = ?1 OR f.slug = ?1)",
                                     err);
    if (!st)
        return -1;
    if (force)
        sqlite3_bind_text(st, 1, force, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        *first = sqlite3_column_int(st, 0);
        *last = sqlite3_column_int(st, 1);
        found = 1;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return store_fail(s, err, "reading months of searches");
    return found ? 0 : 1;
}

int store_ethnic_population_clear(struct store *s, struct buf *err)
{
    return store_exec(s, "DELETE FROM ethnic_population", err);
}

int store_ethnic_population_set(struct store *s, const char *force_slug, enum ethnic_group g,
                                int64_t population, const char *source, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO ethnic_population(force_slug, ethnic_group,"
                                     " population, source) VALUES(?1, ?2, ?3, ?4)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, force_slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, ethnic_group_name(g), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, population);
    sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing a population by ethnic group");
}

int store_ethnic_populations(struct store *s, const char *force_slug, int64_t pop[ETHNIC_GROUPS],
                             struct buf *source, struct buf *err)
{
    for (int g = 0; g < ETHNIC_GROUPS; g++)
        pop[g] = -1;
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT ethnic_group, population, source FROM"
                                     " ethnic_population WHERE force_slug = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, force_slug, -1, SQLITE_STATIC);
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        enum ethnic_group g;
        if (!ethnic_group_parse((const char *)sqlite3_column_text(st, 0), &g))
            continue; /* the CHECK allows only the five */
        pop[g] = sqlite3_column_int64(st, 1);
        buf_reset(source);
        buf_puts(source, (const char *)sqlite3_column_text(st, 2));
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "reading populations by ethnic group");
    return n ? 0 : 1;
}
