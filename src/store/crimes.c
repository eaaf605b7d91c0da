/*
 * crimes.c - street-level crimes read back row by row (see crimes.h).
 *
 * A crime's row id is slice_id * 2^32 + its line (migrate.c), so reading
 * crimes in id order is reading the crime table in its own order: no sort,
 * whatever the size, which is what lets a year of crimes stream at flat
 * memory. The months asked for bound the ids read (the first and last of
 * their slices); the filters are query.c's, over the same column names the
 * rollups use.
 */
#include "store/crimes.h"
#include "store/query_internal.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <stdlib.h>

struct crime_cursor {
    struct store *s;
    sqlite3_stmt *st;
};

enum {
    COL_ROW_ID,
    COL_CRIME_ID,
    COL_MONTH,
    COL_REPORTED_BY,
    COL_FALLS_WITHIN,
    COL_LONGITUDE,
    COL_LATITUDE,
    COL_LOCATION,
    COL_LSOA_CODE,
    COL_LSOA_NAME,
    COL_CRIME_TYPE,
    COL_OUTCOME,
    COL_DISTRICT,
};

/* The crimes of street slices, with the rollups' column names. */
#define CRIME_SOURCE                                                                               \
    "(SELECT c.id AS id, s.month AS month, s.force_id AS force_id,"                                \
    " c.crime_type_id AS crime_type_id, c.outcome_id AS outcome_id, c.lsoa_id AS lsoa_id,"         \
    " c.crime_id AS crime_id, c.falls_within_id AS falls_within_id, c.longitude AS longitude,"     \
    " c.latitude AS latitude, c.location_id AS location_id"                                        \
    " FROM crime c JOIN slice s ON s.id = c.id >> 32 WHERE s.kind = 'street') r"

#define CRIME_COLUMNS                                                                              \
    "SELECT r.id,"                                                                                 \
    " CASE WHEN typeof(r.crime_id) = 'blob' THEN lower(hex(r.crime_id))"                           \
    "  ELSE coalesce(r.crime_id, '') END,"                                                         \
    " printf('%04d-%02d', r.month / 12, r.month % 12 + 1), f.name, fw.name,"                       \
    " " COORD_TEXT("r.longitude") ", " COORD_TEXT(                                                 \
        "r.latitude") ","                                                                          \
                      " loc.text, l.code, l.name, ct.name, oc.name, " DISTRICT_OF("l", "dd")

#define CRIME_JOINS                                                                                \
    " JOIN force f ON f.id = r.force_id JOIN force fw ON fw.id = r.falls_within_id"                \
    " JOIN location loc ON loc.id = r.location_id JOIN lsoa l ON l.id = r.lsoa_id"                 \
    " LEFT JOIN area dd ON dd.grouping = 'district' AND dd.lsoa_code = l.code"                     \
    " JOIN crime_type ct ON ct.id = r.crime_type_id"                                               \
    " JOIN outcome_category oc ON oc.id = r.outcome_id"

/* The first (or one past the last) slice of the months, times 2^32: a
 * bound on the row ids, so that a month is not found by reading them all. */
static void write_bound(struct buf *sql, const struct stats_query *q, struct params *p,
                        const char *op, const char *ids)
{
    buf_printf(sql,
               " AND r.id %s (SELECT %s FROM slice WHERE kind = 'street'"
               " AND (? < 0 OR month >= ?) AND (? < 0 OR month <= ?)) * 4294967296",
               op, ids);
    params_int(p, q->month_from);
    params_int(p, q->month_from);
    params_int(p, q->month_to);
    params_int(p, q->month_to);
}

struct crime_cursor *store_crimes_open(struct store *s, const struct stats_query *q, int64_t after,
                                       int64_t limit, struct buf *err)
{
    assert(after >= 0);
    struct params p = {0};
    struct buf sql = BUF_INIT;
    buf_puts(&sql, CRIME_COLUMNS " FROM " CRIME_SOURCE CRIME_JOINS);
    query_write_where(&sql, q, &p);
    buf_puts(&sql, " AND r.id > ?");
    params_int(&p, after);
    write_bound(&sql, q, &p, ">=", "coalesce(min(id), 0)");
    write_bound(&sql, q, &p, "<", "coalesce(max(id), -1) + 1");
    buf_puts(&sql, " ORDER BY r.id LIMIT ?");
    params_int(&p, limit);
    sqlite3_stmt *st = store_prepare(s, sql.p, err);
    buf_free(&sql);
    if (!st)
        return NULL;
    params_bind(st, &p);
    struct crime_cursor *c = xmalloc(sizeof *c);
    *c = (struct crime_cursor){s, st};
    return c;
}

struct crime_cursor *store_crimes_open_slice(struct store *s, int64_t slice_id, struct buf *err)
{
    assert(slice_id > 0);
    sqlite3_stmt *st = store_prepare(
        s,
        CRIME_COLUMNS " FROM " CRIME_SOURCE CRIME_JOINS
                      " WHERE r.id BETWEEN ?1 * 4294967296 AND ?1 * 4294967296 + 4294967295"
                      " ORDER BY r.id",
        err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, slice_id);
    struct crime_cursor *c = xmalloc(sizeof *c);
    *c = (struct crime_cursor){s, st};
    return c;
}

static const char *text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

int store_crimes_next(struct crime_cursor *c, struct crime_row *row, struct buf *err)
{
    int rc = sqlite3_step(c->st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return store_fail(c->s, err, "reading crimes");
    sqlite3_stmt *st = c->st;
    *row = (struct crime_row){
        .row_id = sqlite3_column_int64(st, COL_ROW_ID),
        .crime_id = text(st, COL_CRIME_ID),
        .month = text(st, COL_MONTH),
        .reported_by = text(st, COL_REPORTED_BY),
        .falls_within = text(st, COL_FALLS_WITHIN),
        .longitude = text(st, COL_LONGITUDE),
        .latitude = text(st, COL_LATITUDE),
        .location = text(st, COL_LOCATION),
        .lsoa_code = text(st, COL_LSOA_CODE),
        .lsoa_name = text(st, COL_LSOA_NAME),
        .crime_type = text(st, COL_CRIME_TYPE),
        .last_outcome_category = text(st, COL_OUTCOME),
        .district = text(st, COL_DISTRICT),
    };
    return 1;
}

void store_crimes_close(struct crime_cursor *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->st);
    free(c);
}
