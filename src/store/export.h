/*
 * export.h - the crime CSV of each street slice, kept rendered, and read
 * back as one download.
 *
 * A download of whole months (optionally of one force) with no other filter
 * is the CSV header and then, in slice order, each slice's rows exactly as
 * the row-by-row path writes them: so it can be served by copying stored
 * bytes instead of joining every crime to its texts. The bytes are rendered
 * by assess/crime_rows.h (export_refresh), the same code as the rows; the
 * store only keeps them, and its triggers (migration 8) delete every blob
 * whose rows a change could alter, so a blob is either current or absent.
 * A download is served from blobs only when every slice it covers has one,
 * read in one snapshot of the database.
 */
#ifndef PEEL_STORE_EXPORT_H
#define PEEL_STORE_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The street slices with no blob, in id order, into *ids (caller frees);
 * -1 with err. */
int store_export_missing(struct store *s, int64_t **ids, size_t *n, struct buf *err);
/* How many crimes slice_id holds (its whole id range): a blob is stored
 * only when the rows rendered number exactly this. */
int store_export_slice_crimes(struct store *s, int64_t slice_id, int64_t *n, struct buf *err);

/* One write transaction for the blobs of a refresh. */
int store_export_begin(struct store *s, struct buf *err);
int store_export_commit(struct store *s, struct buf *err);
void store_export_abort(struct store *s);
int store_export_put(struct store *s, int64_t slice_id, int64_t rows, const void *csv, size_t len,
                     struct buf *err);
/* The same in pieces, for a slice too large to hold in memory: a blob of
 * len bytes is stored, then filled in order by writes that must add up to
 * exactly len before store_export_put_end. */
struct export_writer;
struct export_writer *store_export_put_begin(struct store *s, int64_t slice_id, int64_t rows,
                                             uint64_t len, struct buf *err);
int store_export_put_write(struct export_writer *w, const void *bytes, size_t n, struct buf *err);
/* Closes w (whatever happened); -1 with err if the blob is not exactly full. */
int store_export_put_end(struct export_writer *w, struct buf *err);

/* The blobs of the street slices of months from..to (-1: open) and of one
 * force (its name or police.uk id; NULL: all), in slice order. NULL with
 * err empty when some slice in range has no blob (the caller takes the row
 * path), NULL with err on error. The reader holds a read transaction until
 * closed, so the bytes are of one state of the store. */
struct export_reader;
struct export_reader *store_export_open(struct store *s, int month_from, int month_to,
                                        const char *force, struct buf *err);
/* Appends up to max bytes to out: 1 more to come, 0 at the end (nothing
 * appended), -1 with err. */
int store_export_read(struct export_reader *r, struct buf *out, size_t max, struct buf *err);
void store_export_close(struct export_reader *r);

#endif
