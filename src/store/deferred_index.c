/*
 * deferred_index.c - indexes dropped before a bulk load and built after it
 * commits, in a transaction of their own.
 *
 * A first load of a table (outcome: its crime id index) is faster without
 * the table's indexes: one sort of the rows at the end instead of an
 * insert per row at a random place in an index that outgrows the page
 * cache (17.6M outcomes: 33 µs a row, bench/README.md). The build used to
 * run inside the load's transaction. In WAL mode that transaction's WAL
 * then held the rows and the index together until the commit, and the
 * checkpoint after it grew the database by all of them while the WAL was
 * still on disk: outcomes imported into a store of street crimes peaked at
 * 1.43 times the final database (outcome rows 1.12 GB + index 0.77 GB in
 * the WAL). Built after the commit, the rows' WAL is checkpointed and
 * truncated first, and the index's WAL is the only one on disk with it.
 *
 * What was dropped is recorded in deferred_index, in the load's
 * transaction, so the two steps stay consistent whatever stops between
 * them: a crash after the load's commit leaves the rows stored and the
 * record naming the missing index, and the next writer to open the store
 * builds it (store_deferred_index_build). Until then the rows are all
 * there and every query answers; only a lookup through the index scans.
 */
#include "store/deferred_index.h"

#include <assert.h>
#include <stdio.h>

#include "store/store_internal.h"
#include "util/buf.h"

int store_deferred_index_drop(struct store *s, const char *table, bool *dropped, struct buf *err)
{
    assert(!sqlite3_get_autocommit(s->db)); /* recorded with the load */
    *dropped = false;
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                                     " AND tbl_name = ?1 AND sql IS NOT NULL",
                                     err);
    sqlite3_stmt *keep = st ? store_prepare(s,
                                            "INSERT INTO deferred_index(name, sql) VALUES(?1, ?2)"
                                            " ON CONFLICT(name) DO NOTHING",
                                            err)
                            : NULL;
    if (!keep) {
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    struct buf drop = BUF_INIT;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *one = sqlite3_mprintf("DROP INDEX \"%w\";", sqlite3_column_text(st, 0));
        if (!one) {
            rc = SQLITE_NOMEM;
            break;
        }
        buf_printf(&drop, "%s", one);
        sqlite3_free(one);
        sqlite3_bind_value(keep, 1, sqlite3_column_value(st, 0));
        sqlite3_bind_value(keep, 2, sqlite3_column_value(st, 1));
        rc = sqlite3_step(keep);
        sqlite3_reset(keep);
        if (rc != SQLITE_DONE)
            break;
    }
    rc = rc == SQLITE_DONE ? 0 : store_fail(s, err, "recording the indexes to build later");
    sqlite3_finalize(st);
    sqlite3_finalize(keep);
    if (rc == 0 && drop.len) {
        rc = store_exec(s, drop.p, err);
        *dropped = rc == 0;
    }
    buf_free(&drop);
    return rc;
}

/* The CREATE statements recorded, one after another, into sql; but not
 * those of indexes there already (made by hand, or by a migration that
 * rebuilt the table), which would fail the build, and with it every
 * writer's open, over an index that is there. */
static int recorded(struct store *s, struct buf *sql, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT sql FROM deferred_index WHERE name NOT IN"
                                     " (SELECT name FROM sqlite_schema WHERE type = 'index')"
                                     " ORDER BY name",
                                     err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        buf_printf(sql, "%s;", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the indexes to build");
}

/* The build in its transaction: read again once the write lock is held,
 * since another writer may have built them meanwhile. SQLite's sorter
 * holds as much as the page cache may (64 MiB) before it writes a sorted
 * run to a file, on top of the cache itself: a 16 MiB cache for the
 * build keeps the two under an import's own peak. */
static int build_locked(struct store *s, struct buf *err)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY)
            return 1;
        return store_fail(s, err, "building the deferred indexes");
    }
    struct buf sql = BUF_INIT;
    int rc = recorded(s, &sql, err);
    if (rc == 0 && sql.len)
        rc = store_exec(s, "PRAGMA cache_size=-16384", err);
    if (rc == 0 && sql.len)
        rc = store_exec(s, sql.p, err);
    if (rc == 0)
        rc = store_exec(s, "DELETE FROM deferred_index", err);
    buf_free(&sql);
    return store_finish(s, rc, err);
}

/* build_locked, and the page cache's size as it was before. */
static int build(struct store *s, struct buf *err)
{
    int64_t cache;
    if (store_int64(s, "PRAGMA cache_size", &cache, "reading the page cache's size", err) < 0)
        return -1;
    int rc = build_locked(s, err);
    char restore[48];
    snprintf(restore, sizeof restore, "PRAGMA cache_size=%lld", (long long)cache);
    struct buf ignored = BUF_INIT;
    if (store_exec(s, restore, rc < 0 ? &ignored : err) < 0 && rc >= 0)
        rc = -1;
    buf_free(&ignored);
    return rc;
}

int store_deferred_index_build(struct store *s, struct buf *err)
{
    assert(sqlite3_get_autocommit(s->db));
    int64_t pending;
    if (store_int64(s, "SELECT count(*) FROM deferred_index", &pending,
                    "reading the indexes to build", err) < 0)
        return -1;
    if (pending == 0)
        return 0; /* the usual case: a read, no write lock */
    /* the load's WAL, not on disk beside the index's; best effort: a
     * reader still on a snapshot from before the commit keeps its frames */
    store_trim_wal(s);
    return store_with_temp_files(s, build, err); /* the sorts spill past the cache */
}
