/*
 * export.c - the rendered crime CSV of each street slice (see export.h).
 *
 * A download reads the blobs with SQLite's incremental blob I/O, a piece
 * at a time straight into the response buffer: no row is decoded, no text
 * joined, and memory stays one piece whatever the size.
 */
#include "store/export.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>

int store_export_missing(struct store *s, int64_t **ids, size_t *n, struct buf *err)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT s.id FROM slice s WHERE s.kind = 'street' AND NOT"
                                     " EXISTS (SELECT 1 FROM export_csv e WHERE e.slice_id = s.id)"
                                     " ORDER BY s.id",
                                     err);
    if (!st)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            *ids = xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return store_fail(s, err, "finding slices to render");
    }
    return 0;
}

int store_export_slice_crimes(struct store *s, int64_t slice_id, int64_t *n, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT count(*) FROM crime WHERE id BETWEEN ?1 * 4294967296"
                                     " AND ?1 * 4294967296 + 4294967295",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, slice_id);
    int rc = sqlite3_step(st);
    *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "counting a slice's crimes");
}

int store_export_begin(struct store *s, struct buf *err)
{
    assert(!s->readonly);
    return store_exec(s, "BEGIN IMMEDIATE", err);
}

int store_export_commit(struct store *s, struct buf *err)
{
    return store_exec(s, "COMMIT", err);
}

void store_export_abort(struct store *s)
{
    struct buf ignored = BUF_INIT;
    store_exec(s, "ROLLBACK", &ignored);
    buf_free(&ignored);
}

int store_export_put(struct store *s, int64_t slice_id, int64_t rows, const void *csv, size_t len,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "INSERT OR REPLACE INTO export_csv(slice_id, rows, csv) VALUES(?1, ?2, ?3)", err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, slice_id);
    sqlite3_bind_int64(st, 2, rows);
    sqlite3_bind_blob64(st, 3, len ? csv : "", len, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "storing a slice's CSV");
}

/* Stored as zeroblob(len), which SQLite writes out without ever holding
 * it, and filled through incremental blob I/O: binding the whole CSV made
 * SQLite copy it into a record of the same size (a 72 MB slice cost
 * 72 MB in the caller's buffer and 72 MB more in SQLite's). */
struct export_writer {
    struct store *s;
    sqlite3_blob *blob;
    uint64_t len, off;
};

struct export_writer *store_export_put_begin(struct store *s, int64_t slice_id, int64_t rows,
                                             uint64_t len, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s, "INSERT OR REPLACE INTO export_csv(slice_id, rows, csv) VALUES(?1, ?2, zeroblob(?3))",
        err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, slice_id);
    sqlite3_bind_int64(st, 2, rows);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)len);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    sqlite3_blob *blob = NULL;
    if (rc != SQLITE_DONE ||
        sqlite3_blob_open(s->db, "main", "export_csv", "csv", slice_id, 1, &blob) != SQLITE_OK) {
        store_fail(s, err, "storing a slice's CSV");
        sqlite3_blob_close(blob);
        return NULL;
    }
    struct export_writer *w = xcalloc(1, sizeof *w);
    *w = (struct export_writer){s, blob, len, 0};
    return w;
}

int store_export_put_write(struct export_writer *w, const void *bytes, size_t n, struct buf *err)
{
    /* sqlite3_blob_write takes int sizes and offsets: SQLite's own blob
     * limit (1,000,000,000 bytes) is below INT_MAX, so a len that fit in
     * the zeroblob fits here */
    if (n > w->len - w->off) {
        buf_printf(err, "storing a slice's CSV: %zu bytes more than the %llu announced", n,
                   (unsigned long long)w->len);
        return -1;
    }
    if (n && sqlite3_blob_write(w->blob, bytes, (int)n, (int)w->off) != SQLITE_OK)
        return store_fail(w->s, err, "storing a slice's CSV");
    w->off += n;
    return 0;
}

int store_export_put_end(struct export_writer *w, struct buf *err)
{
    int rc = 0;
    if (w->off != w->len) {
        buf_printf(err, "storing a slice's CSV: %llu of the %llu bytes announced were written",
                   (unsigned long long)w->off, (unsigned long long)w->len);
        rc = -1;
    }
    if (sqlite3_blob_close(w->blob) != SQLITE_OK && rc == 0)
        rc = store_fail(w->s, err, "storing a slice's CSV");
    free(w);
    return rc;
}

/* ---- reading a download ------------------------------------------------- */

struct export_reader {
    struct store *s;
    sqlite3_stmt *slices; /* active until closed: it holds the snapshot */
    sqlite3_blob *blob;   /* the current slice's; NULL before the first */
    int64_t slice_id;     /* the current slice, 0 at the end */
    int size, off;        /* of the current blob */
};

/* The slices of the months and force, the same as crimes.c's row path
 * picks, each with how many of them all have no blob (a window over the
 * whole range: known at the first row, in the same snapshot as the rest). */
static const char slices_sql[] =
    "SELECT s.id, sum(e.slice_id IS NULL) OVER ()"
    " FROM slice s LEFT JOIN export_csv e ON e.slice_id = s.id"
    " WHERE s.kind = 'street' AND (?1 < 0 OR s.month >= ?1) AND (?2 < 0 OR s.month <= ?2)"
    " AND (?3 IS NULL OR s.force_id IN (SELECT id FROM force WHERE name = ?3 OR slug = ?3))"
    " ORDER BY s.id";

/* Steps to the next slice: 1, 0 at the end, -1 with err. */
static int step_slice(struct export_reader *r, struct buf *err)
{
    int rc = sqlite3_step(r->slices);
    r->slice_id = rc == SQLITE_ROW ? sqlite3_column_int64(r->slices, 0) : 0;
    if (rc == SQLITE_DONE)
        return 0;
    return rc == SQLITE_ROW ? 1 : store_fail(r->s, err, "reading the export");
}

static int open_blob(struct export_reader *r, struct buf *err)
{
    int rc = r->blob ? sqlite3_blob_reopen(r->blob, r->slice_id)
                     : sqlite3_blob_open(r->s->db, "main", "export_csv", "csv", r->slice_id, 0,
                                         &r->blob);
    if (rc != SQLITE_OK)
        return store_fail(r->s, err, "opening a slice's CSV");
    r->size = sqlite3_blob_bytes(r->blob);
    r->off = 0;
    return 0;
}

struct export_reader *store_export_open(struct store *s, int month_from, int month_to,
                                        const char *force, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, slices_sql, err);
    if (!st)
        return NULL;
    sqlite3_bind_int(st, 1, month_from);
    sqlite3_bind_int(st, 2, month_to);
    if (force)
        sqlite3_bind_text(st, 3, force, -1, SQLITE_TRANSIENT);
    struct export_reader *r = xcalloc(1, sizeof *r);
    r->s = s;
    r->slices = st;
    int rc = step_slice(r, err);
    bool complete = rc == 0 || (rc == 1 && sqlite3_column_int64(st, 1) == 0);
    if (rc == 1 && complete)
        rc = open_blob(r, err);
    if (rc < 0 || !complete) { /* not all rendered: NULL, no error */
        store_export_close(r);
        return NULL;
    }
    return r;
}

int store_export_read(struct export_reader *r, struct buf *out, size_t max, struct buf *err)
{
    while (r->slice_id && r->off == r->size) {
        int rc = step_slice(r, err);
        if (rc <= 0)
            return rc;
        if (open_blob(r, err) < 0)
            return -1;
    }
    if (!r->slice_id)
        return 0;
    int n = r->size - r->off;
    if ((size_t)n > max)
        n = (int)max;
    buf_grow(out, (size_t)n);
    if (sqlite3_blob_read(r->blob, out->p + out->len, n, r->off) != SQLITE_OK)
        return store_fail(r->s, err, "reading a slice's CSV");
    out->len += (size_t)n;
    out->p[out->len] = '\0';
    r->off += n;
    return 1;
}

void store_export_close(struct export_reader *r)
{
    if (!r)
        return;
    sqlite3_blob_close(r->blob);
    sqlite3_finalize(r->slices);
    free(r);
}
