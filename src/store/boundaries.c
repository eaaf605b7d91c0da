/*
 * boundaries.c - area boundaries (see boundaries.h).
 */
#include "store/boundaries.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

static int insert_set(struct store *s, const struct boundary_set *set, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO boundary_set(grouping, key_property, path, sha256,"
                      " attribution, features, loaded_at, loaded_by) VALUES(?1, ?2,"
                      " ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7)",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, set->grouping, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, set->key_property, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, set->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, set->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, set->attribution, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, (int64_t)set->nareas);
    sqlite3_bind_text(st, 7, set->loaded_by, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing boundaries");
}

static int insert_areas(struct store *s, const struct boundary_set *set, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO boundary(grouping, value, geometry, feature) VALUES(?1, ?2, ?3, ?4)", err);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < set->nareas && rc == SQLITE_DONE; i++) {
        const struct boundary_area *a = &set->areas[i];
        sqlite3_bind_text(st, 1, set->grouping, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, a->value, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, a->geometry, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, (int64_t)a->feature);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_CONSTRAINT)
            buf_printf(err, "%s: feature %zu: area '%s' appears twice", set->path, a->feature,
                       a->value);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT)
        return -1;
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing boundaries");
}

int store_boundaries_load(struct store *s, const struct boundary_set *set, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(s, "DELETE FROM boundary_set WHERE grouping = ?1", err);
    int rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_text(st, 1, set->grouping, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "replacing boundaries");
        sqlite3_finalize(st);
    }
    if (rc == 0)
        rc = insert_set(s, set, err);
    if (rc == 0)
        rc = insert_areas(s, set, err);
    if (rc == 0)
        return store_exec(s, "COMMIT", err);
    struct buf ignored = BUF_INIT;
    store_exec(s, "ROLLBACK", &ignored);
    buf_free(&ignored);
    return -1;
}

static char *column_dup(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? xstrdup((const char *)t) : NULL;
}

int store_boundary_info(struct store *s, const char *grouping, struct boundary_info *info,
                        struct buf *err)
{
    memset(info, 0, sizeof *info);
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT key_property, path, sha256, attribution, loaded_at,"
                                     " features FROM boundary_set WHERE grouping = ?1",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, grouping, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        info->key_property = column_dup(st, 0);
        info->path = column_dup(st, 1);
        info->sha256 = column_dup(st, 2);
        info->attribution = column_dup(st, 3);
        info->loaded_at = column_dup(st, 4);
        info->features = sqlite3_column_int64(st, 5);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? 1 : store_fail(s, err, "reading boundaries");
}

void boundary_info_free(struct boundary_info *info)
{
    free(info->key_property);
    free(info->path);
    free(info->sha256);
    free(info->attribution);
    free(info->loaded_at);
    memset(info, 0, sizeof *info);
}

int store_boundaries(struct store *s, const char *grouping, boundary_fn fn, void *arg,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "SELECT value, geometry FROM boundary WHERE grouping = ?1 ORDER BY value", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, grouping, -1, SQLITE_STATIC);
    int rc, cb = 0;
    while (cb == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
        cb = fn(arg, (const char *)sqlite3_column_text(st, 0),
                (const char *)sqlite3_column_text(st, 1), err);
    sqlite3_finalize(st);
    if (cb != 0)
        return -1;
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading boundaries");
}
