/*
 * areas.c - LSOA groupings and populations (see areas.h).
 */
#include "store/areas.h"
#include "store/store_internal.h"

int store_lookup_begin(struct store *s, struct buf *err)
{
    return store_exec(s, "BEGIN IMMEDIATE", err);
}

int store_force_area_update(struct store *s, struct buf *err)
{
    return store_exec(s, FORCE_AREA_UPDATE_BY_LSOA, err);
}

/* The sums in a temporary table, read by the same UPDATE as
 * store_force_area_update's in place of its pass over rollup_lsoa (3.2M
 * rows for a year of 43 forces when it held a row a cell, 0.4 s of the
 * import's commit; 310,000 packed), and dropped. */
int store_force_area_update_from(struct store *s, const struct lsoa_force_sum *sums, size_t n,
                                 struct buf *err)
{
    if (store_exec(s,
                   "CREATE TEMP TABLE force_area_sums(lsoa_id INTEGER, force_id INTEGER,"
                   " n INTEGER)",
                   err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO temp.force_area_sums(lsoa_id, force_id, n) VALUES(?1, ?2, ?3)", err);
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sqlite3_bind_int64(st, 1, sums[i].lsoa);
        sqlite3_bind_int64(st, 2, sums[i].force);
        sqlite3_bind_int64(st, 3, sums[i].n);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "summing the force area");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc == 0)
        rc = store_exec(s, FORCE_AREA_UPDATE_WITH(FORCE_AREA_LOCATED_FROM_SUMS), err);
    struct buf ignored = BUF_INIT;
    if (store_exec(s, "DROP TABLE temp.force_area_sums", rc == 0 ? err : &ignored) < 0)
        rc = -1;
    buf_free(&ignored);
    return rc;
}

/* A lookup decides the force area: it is marked again before the commit
 * (on failure the caller rolls back, as for a failed commit). */
int store_lookup_commit(struct store *s, struct buf *err)
{
    if (store_force_area_update(s, err) < 0)
        return -1;
    return store_exec(s, "COMMIT", err);
}

void store_lookup_abort(struct store *s)
{
    struct buf ignored = BUF_INIT;
    store_exec(s, "ROLLBACK", &ignored);
    buf_free(&ignored);
}

/* Runs a cached statement with up to three text parameters (NULL: skip). */
static int run(struct store *s, const char *sql, const char *a, const char *b, const char *c,
               int64_t n, struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, "preparing");
    const char *texts[] = {a, b, c};
    int i = 1;
    for (int k = 0; k < 3; k++)
        if (texts[k])
            sqlite3_bind_text(st, i++, texts[k], -1, SQLITE_STATIC);
    if (n >= 0)
        sqlite3_bind_int64(st, i, n);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing the lookup");
}

int store_area_clear(struct store *s, const char *grouping, struct buf *err)
{
    if (run(s, "DELETE FROM area_code WHERE grouping = ?1", grouping, NULL, NULL, -1, err) < 0)
        return -1;
    return run(s, "DELETE FROM area WHERE grouping = ?1", grouping, NULL, NULL, -1, err);
}

int store_area_code_set(struct store *s, const char *grouping, const char *value, const char *code,
                        struct buf *err)
{
    /* a name keeps the first code it is given (every row of its LSOAs
     * repeats it); one code for two names is refused by area_code_code */
    return run(s,
               "INSERT INTO area_code(grouping, value, code) VALUES(?1, ?2, ?3)"
               " ON CONFLICT(grouping, value) DO UPDATE SET code = excluded.code"
               " WHERE code = excluded.code",
               grouping, value, code, -1, err);
}

int store_area_code(struct store *s, const char *grouping, const char *value, struct buf *code,
                    struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db,
                           "SELECT code FROM area_code WHERE grouping = ?1 AND value = ?2"
                           " UNION ALL SELECT code FROM area_code WHERE grouping = ?1"
                           " AND code = ?2 LIMIT 1",
                           -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, "preparing");
    sqlite3_bind_text(st, 1, grouping, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = 1;
    if (step == SQLITE_ROW) {
        buf_reset(code);
        buf_puts(code, (const char *)sqlite3_column_text(st, 0));
        rc = 0;
    } else if (step != SQLITE_DONE) {
        rc = store_fail(s, err, "reading an area's code");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_area_set(struct store *s, const char *grouping, const char *lsoa_code, const char *value,
                   struct buf *err)
{
    return run(s,
               "INSERT INTO area(grouping, lsoa_code, value) VALUES(?1, ?2, ?3)"
               " ON CONFLICT DO UPDATE SET value = excluded.value",
               grouping, lsoa_code, value, -1, err);
}

int store_population_clear(struct store *s, struct buf *err)
{
    return run(s, "DELETE FROM population", NULL, NULL, NULL, -1, err);
}

int store_population_set(struct store *s, const char *lsoa_code, int64_t population,
                         const char *source, struct buf *err)
{
    return run(s,
               "INSERT INTO population(lsoa_code, source, population) VALUES(?1, ?2, ?3)"
               " ON CONFLICT DO UPDATE SET population = excluded.population,"
               " source = excluded.source",
               lsoa_code, source, NULL, population, err);
}

int store_force_population_clear(struct store *s, struct buf *err)
{
    return run(s, "DELETE FROM force_population", NULL, NULL, NULL, -1, err);
}

int store_force_population_set(struct store *s, const char *slug, const char *name,
                               const char *code, int64_t population, const char *source,
                               struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db,
                           "INSERT INTO force_population(force_slug, name, code, population,"
                           " source) VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET"
                           " name = excluded.name, code = excluded.code,"
                           " population = excluded.population, source = excluded.source",
                           -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, "preparing");
    sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    if (code && *code)
        sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, population);
    sqlite3_bind_text(st, 5, source, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing a force population");
}

int store_force_population(struct store *s, const char *slug, int64_t *population,
                           struct buf *source, struct buf *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT population, source FROM force_population WHERE force_slug = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, "reading force populations");
    sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *population = sqlite3_column_int64(st, 0);
        buf_reset(source);
        buf_puts(source, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : store_fail(s, err, "reading force populations");
}
