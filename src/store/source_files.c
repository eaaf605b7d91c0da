/*
 * source_files.c - the imported files behind a span of months (see
 * source_files.h).
 */
#include "store/source_files.h"
#include "store/store_internal.h"

static const char *column_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

int store_source_files(struct store *s, const char *kind, const char *force, int from, int to,
                       source_file_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT f.name, f.path, f.kind, f.imported_at, f.bytes, sum(sl.rows), min(sl.month),"
        " max(sl.month), f.sha256 FROM slice sl JOIN source_file f ON f.id = sl.file_id"
        " JOIN force fo ON fo.id = sl.force_id"
        " WHERE sl.kind = ?1 AND sl.month BETWEEN ?2 AND ?3"
        " AND (?4 IS NULL OR fo.name = ?4 OR fo.slug = ?4)"
        " GROUP BY f.id ORDER BY min(sl.month), f.name",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    if (force)
        sqlite3_bind_text(st, 4, force, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct source_file_info f = {
            .name = column_text(st, 0),
            .path = column_text(st, 1),
            .kind = column_text(st, 2),
            .imported_at = column_text(st, 3),
            .sha256 = (const char *)sqlite3_column_text(st, 8),
            .bytes = sqlite3_column_int64(st, 4),
            .rows = sqlite3_column_int64(st, 5),
            .first_month = sqlite3_column_int(st, 6),
            .last_month = sqlite3_column_int(st, 7),
        };
        fn(arg, &f);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "listing source files");
}
