/*
 * loads.c - recording and listing loads of lookups, populations, plans and
 * metric values (see loads.h).
 */
#include "store/loads.h"
#include "store/store_internal.h"

static void bind_text_or_null(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

int store_data_load_record(struct store *s, const struct data_load *l, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO data_load(kind, path, sha256, bytes, rows, detail, command, loaded_at,"
        " loaded_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?8)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, l->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, l->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, l->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, l->bytes);
    sqlite3_bind_int64(st, 5, l->rows);
    bind_text_or_null(st, 6, l->detail);
    bind_text_or_null(st, 7, l->origin.command);
    bind_text_or_null(st, 8, l->origin.user);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording the load");
    sqlite3_finalize(st);
    return rc;
}

int store_data_loads(struct store *s, data_load_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT kind, path, sha256, bytes, rows, detail, command,"
                                     " loaded_by, loaded_at FROM data_load ORDER BY id DESC",
                                     err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct data_load l = {
            .kind = (const char *)sqlite3_column_text(st, 0),
            .path = (const char *)sqlite3_column_text(st, 1),
            .sha256 = (const char *)sqlite3_column_text(st, 2),
            .bytes = sqlite3_column_int64(st, 3),
            .rows = sqlite3_column_int64(st, 4),
            .detail = (const char *)sqlite3_column_text(st, 5),
            .origin = {(const char *)sqlite3_column_text(st, 6),
                       (const char *)sqlite3_column_text(st, 7)},
            .loaded_at = (const char *)sqlite3_column_text(st, 8),
        };
        fn(arg, &l);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the loads");
}
