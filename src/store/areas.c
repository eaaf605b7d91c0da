/*
 * areas.c - LSOA groupings and populations (see areas.h).
 */
#include "store/areas.h"
#include "store/store_internal.h"

int store_lookup_begin(struct store *s, struct buf *err)
{
    return store_exec(s, "BEGIN IMMEDIATE", err);
}

int store_lookup_commit(struct store *s, struct buf *err)
{
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
    return run(s, "DELETE FROM area WHERE grouping = ?1", grouping, NULL, NULL, -1, err);
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
