/*
 * export.c - the rendered crime CSV of each street slice (see export.h).
 *
 * A download reads the blobs with SQLite's incremental blob I/O, a piece
 * at a time: a text piece straight into the response buffer, a packed one
 * whole into memory, then unpacked a buffer's worth of rows at a time. No
 * crime is read back, no text joined, and memory stays one piece whatever
 * the size. They are written the same way round: a piece at a time, as
 * rows are rendered.
 */
#include "store/export.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <limits.h>
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

/* A piece's row id: slice_id * 2^32 + its number, as a crime's is its
 * slice's and line's, so a slice's pieces are one range read in order. */
#define PART_RANGE "BETWEEN ?1 * 4294967296 AND ?1 * 4294967296 + 4294967295"

static int run_slice(struct store *s, const char *sql, int64_t slice_id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, slice_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "clearing a slice's CSV");
}

/* Both: a REPLACE of export_csv fires no DELETE trigger, so pieces could
 * outlive the row that owned them. */
static int clear_slice(struct store *s, int64_t slice_id, struct buf *err)
{
    if (run_slice(s, "DELETE FROM export_csv WHERE slice_id = ?1", slice_id, err) < 0)
        return -1;
    return run_slice(s, "DELETE FROM export_part WHERE id " PART_RANGE, slice_id, err);
}

int store_export_slice_begin(struct store *s, struct export_slice *x, int64_t slice_id,
                             enum export_form form, struct buf *err)
{
    assert(slice_id > 0);
    buf_reset(&x->csv);
    x->slice_id = slice_id;
    x->parts = 0;
    x->form = form;
    return clear_slice(s, slice_id, err);
}

/* Steps st, which inserts a row of table whose csv column is zeroblob(?3),
 * ?3 bound here to n, then writes p[0, n) into that blob of row rowid.
 * Bound as a blob, the bytes would be copied into a record of their size
 * before being copied into the pages (a megabyte a piece, each time); as a
 * zeroblob the record holds no payload, and the bytes are copied once,
 * into the pages. */
static int insert_csv(struct store *s, sqlite3_stmt *st, const char *table, int64_t rowid,
                      const void *p, size_t n, struct buf *err)
{
    assert(n <= INT_MAX);
    sqlite3_bind_int(st, 3, (int)n);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_fail(s, err, "storing a slice's CSV");
    if (n == 0)
        return 0;
    sqlite3_blob *b = NULL;
    rc = sqlite3_blob_open(s->db, "main", table, "csv", rowid, 1, &b);
    if (rc == SQLITE_OK)
        rc = sqlite3_blob_write(b, p, (int)n, 0);
    if (sqlite3_blob_close(b) != SQLITE_OK && rc == SQLITE_OK)
        rc = SQLITE_ERROR;
    return rc == SQLITE_OK ? 0 : store_fail(s, err, "storing a slice's CSV");
}

/* A piece is bounded (EXPORT_PIECE): what a download reads at a time. */
int store_export_slice_put(struct store *s, struct export_slice *x, const void *p, size_t n,
                           struct buf *err)
{
    if (n == 0)
        return 0;
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO export_part(id, csv) VALUES(?1 * 4294967296 + ?2, zeroblob(?3))", err);
    if (!st)
        return -1;
    x->parts++;
    assert(x->parts != 0 && "at most 2^32 - 1 pieces");
    sqlite3_bind_int64(st, 1, x->slice_id);
    sqlite3_bind_int64(st, 2, x->parts);
    return insert_csv(s, st, "export_part", x->slice_id * 4294967296LL + x->parts, p, n, err);
}

int store_export_slice_spill(struct store *s, struct export_slice *x, struct buf *err)
{
    int rc = store_export_slice_put(s, x, x->csv.p, x->csv.len, err);
    buf_reset(&x->csv);
    return rc;
}

int store_export_slice_end(struct store *s, struct export_slice *x, int64_t rows, struct buf *err)
{
    /* the rest stays in the slice's own row when nothing was spilled: one
     * row for most slices */
    int rc = x->parts ? store_export_slice_spill(s, x, err) : 0;
    sqlite3_stmt *st = rc < 0 ? NULL
                              : store_prepare(s,
                                              "INSERT INTO export_csv(slice_id, rows, csv, form)"
                                              " VALUES(?1, ?2, zeroblob(?3), ?4)",
                                              err);
    if (st) {
        sqlite3_bind_int64(st, 1, x->slice_id);
        sqlite3_bind_int64(st, 2, rows);
        sqlite3_bind_int(st, 4, (int)x->form);
        rc = insert_csv(s, st, "export_csv", x->slice_id, x->csv.p, x->csv.len, err);
    } else {
        rc = -1;
    }
    buf_free(&x->csv);
    return rc;
}

int store_export_slice_drop(struct store *s, struct export_slice *x, struct buf *err)
{
    buf_free(&x->csv);
    return clear_slice(s, x->slice_id, err);
}

/* ---- reading a download ------------------------------------------------- */

/* Each slice is its export_csv blob, then its pieces in order. */
struct export_reader {
    struct store *s;
    sqlite3_stmt *slices; /* active until closed: it holds the snapshot */
    sqlite3_stmt *parts;  /* the pieces of the current slice */
    sqlite3_blob *head;   /* export_csv's blob, opened once, then reopened */
    sqlite3_blob *part;   /* export_part's, the same */
    sqlite3_blob *blob;   /* the one being read: head, part, or NULL between */
    int64_t slice_id;     /* the current slice, 0 at the end */
    int size, off;        /* of the current blob: a packed one is read whole */
    bool unpacking;       /* a packed blob's rows are left in u */
    struct buf piece;     /* that blob */
    struct export_unpacker u;
    struct buf rows; /* a row unpacked past max, from rows_off not yet handed out */
    size_t rows_off;
};

/* The slices of the months and force, the same as crimes.c's row path
 * picks, each with how many of them all have no blob (a window over the
 * whole range: known at the first row, in the same snapshot as the rest). */
static const char slices_sql[] =
    "SELECT s.id, sum(e.slice_id IS NULL) OVER (), e.form"
    " FROM slice s LEFT JOIN export_csv e ON e.slice_id = s.id"
    " WHERE s.kind = 'street' AND (?1 < 0 OR s.month >= ?1) AND (?2 < 0 OR s.month <= ?2)"
    " AND (?3 IS NULL OR s.force_id IN (SELECT id FROM force WHERE name = ?3 OR slug = ?3))"
    " ORDER BY s.id";

/* Reads a packed blob whole, for its rows to be unpacked (u). */
static int read_packed(struct export_reader *r, struct buf *err)
{
    buf_reset(&r->piece);
    buf_grow(&r->piece, (size_t)r->size);
    if (sqlite3_blob_read(r->blob, r->piece.p, r->size, 0) != SQLITE_OK)
        return store_fail(r->s, err, "reading a slice's CSV");
    r->piece.len = (size_t)r->size;
    r->off = r->size;
    export_unpack_start(&r->u, r->piece.p, r->piece.len);
    r->unpacking = true;
    return 0;
}

/* Opens (or moves *b to) row id of table's csv column, of the given form,
 * as the blob read. */
static int open_blob(struct export_reader *r, sqlite3_blob **b, const char *table, int64_t id,
                     int form, struct buf *err)
{
    int rc = *b ? sqlite3_blob_reopen(*b, id)
                : sqlite3_blob_open(r->s->db, "main", table, "csv", id, 0, b);
    if (rc != SQLITE_OK)
        return store_fail(r->s, err, "opening a slice's CSV");
    r->blob = *b;
    r->size = sqlite3_blob_bytes(*b);
    r->off = 0;
    if (form == EXPORT_FORM_PACKED && r->size > EXPORT_PACKED_MAX) {
        buf_printf(err, "%s: slice %lld's packed piece of %d bytes is over the %d an import writes",
                   store_path(r->s), (long long)r->slice_id, r->size, EXPORT_PACKED_MAX);
        return -1;
    }
    if (form == EXPORT_FORM_PACKED)
        return read_packed(r, err);
    if (form != EXPORT_FORM_TEXT) {
        buf_printf(err, "%s: slice %lld's CSV is of an unknown form %d", store_path(r->s),
                   (long long)r->slice_id, form);
        return -1;
    }
    return 0;
}

/* Steps to the next slice and opens its export_csv blob: 1, 0 at the end,
 * -1 with err. */
static int step_slice(struct export_reader *r, struct buf *err)
{
    int rc = sqlite3_step(r->slices);
    r->slice_id = rc == SQLITE_ROW ? sqlite3_column_int64(r->slices, 0) : 0;
    r->blob = NULL;
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return store_fail(r->s, err, "reading the export");
    sqlite3_reset(r->parts);
    sqlite3_bind_int64(r->parts, 1, r->slice_id);
    return 1;
}

/* Moves from a blob read to its end to the next: the slice's next piece, or
 * the next slice's export_csv blob. 1, 0 at the end, -1 with err. */
static int next_blob(struct export_reader *r, struct buf *err)
{
    while (r->slice_id) {
        if (!r->blob) /* a slice just stepped to: its own row first */
            return open_blob(r, &r->head, "export_csv", r->slice_id,
                             sqlite3_column_int(r->slices, 2), err) < 0
                       ? -1
                       : 1;
        int rc = sqlite3_step(r->parts);
        if (rc == SQLITE_ROW)
            return open_blob(r, &r->part, "export_part", sqlite3_column_int64(r->parts, 0),
                             sqlite3_column_int(r->slices, 2), err) < 0
                       ? -1
                       : 1;
        if (rc != SQLITE_DONE)
            return store_fail(r->s, err, "reading the export");
        if (step_slice(r, err) < 0)
            return -1;
    }
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
    r->parts =
        store_prepare(s, "SELECT id FROM export_part WHERE id " PART_RANGE " ORDER BY id", err);
    int rc = r->parts ? step_slice(r, err) : -1;
    bool complete = rc == 0 || (rc == 1 && sqlite3_column_int64(st, 1) == 0);
    if (rc == 1 && complete)
        rc = next_blob(r, err);
    if (rc < 0 || !complete) { /* not all rendered: NULL, no error */
        store_export_close(r);
        return NULL;
    }
    return r;
}

/* Unpacks rows of the packed blob straight into out while it has taken
 * fewer than max bytes; what the last row takes past max is kept in
 * r->rows for the next call (a row's worth, not a copy of every row).
 * The number of bytes appended, 0 at the blob's end; -1 with err. */
static long unpack_rows(struct export_reader *r, struct buf *out, size_t max, struct buf *err)
{
    size_t start = out->len;
    int rc = 1;
    while (out->len - start < max && (rc = export_unpack_row(&r->u, out, err)) == 1)
        ;
    if (rc < 0) { /* nothing appended, as read_text; and no more from this blob */
        out->len = start;
        if (out->cap)
            out->p[start] = '\0';
        r->unpacking = false;
        buf_printf(err, " (%s, slice %lld)", store_path(r->s), (long long)r->slice_id);
        return -1;
    }
    r->unpacking = rc == 1;
    size_t n = out->len - start;
    if (n > max) {
        buf_reset(&r->rows);
        buf_append(&r->rows, out->p + start + max, n - max);
        r->rows_off = 0;
        out->len = start + max;
        out->p[out->len] = '\0';
        n = max;
    }
    return (long)n;
}

/* Hands out up to max of the rows left over. */
static void give_rows(struct export_reader *r, struct buf *out, size_t max)
{
    size_t n = r->rows.len - r->rows_off;
    if (n > max)
        n = max;
    buf_append(out, r->rows.p + r->rows_off, n);
    r->rows_off += n;
}

/* Appends the next bytes of a text blob, up to max. */
static int read_text(struct export_reader *r, struct buf *out, size_t max, struct buf *err)
{
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

int store_export_read(struct export_reader *r, struct buf *out, size_t max, struct buf *err)
{
    assert(max > 0);
    for (;;) {
        if (r->rows_off < r->rows.len) {
            give_rows(r, out, max);
            return 1;
        }
        if (r->unpacking) {
            long n = unpack_rows(r, out, max, err);
            if (n != 0)
                return n < 0 ? -1 : 1;
            continue;
        }
        if (!r->slice_id)
            return 0;
        if (r->off < r->size)
            return read_text(r, out, max, err);
        int rc = next_blob(r, err);
        if (rc <= 0)
            return rc;
    }
}

void store_export_close(struct export_reader *r)
{
    if (!r)
        return;
    sqlite3_blob_close(r->head);
    sqlite3_blob_close(r->part);
    sqlite3_finalize(r->parts);
    sqlite3_finalize(r->slices);
    buf_free(&r->piece);
    buf_free(&r->rows);
    export_unpack_free(&r->u);
    free(r);
}
