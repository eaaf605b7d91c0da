/*
 * export.h - the crime CSV of each street slice, kept rendered, and read
 * back as one download.
 *
 * A download of whole months (optionally of one force) with no other filter
 * is the CSV header and then, in slice order, each slice's rows exactly as
 * the row-by-row path writes them: so it can be served from stored rows
 * (copied, or unpacked) instead of joining every crime to its texts. The
 * bytes are rendered
 * by assess/crime_rows.h, the same code as the rows: as each crime is
 * imported (store/import.h, store_import_render), or by export_refresh for
 * a slice that has none. The store only keeps them, and its triggers
 * (migrations 8 and 20) delete every blob whose rows a change could alter,
 * so a slice's CSV is either current or absent.
 * A download is served from blobs only when every slice it covers has one,
 * read in one snapshot of the database. An import stores its rows packed
 * (store/export_pack.h), a refresh as text; a reader unpacks them, and
 * gets the same bytes either way.
 */
#ifndef PEEL_STORE_EXPORT_H
#define PEEL_STORE_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "store/export_pack.h"
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

/* A slice's CSV is stored as it is rendered, a piece at a time, so that
 * memory holds one piece whatever the size of the slice (a month of one
 * force can be hundreds of MB): its export_csv row (written last, by
 * store_export_slice_end) holds the rows rendered after the last piece,
 * or all of them, and each piece before is an export_part row (migration
 * 20). The writer appends rows to csv and calls store_export_slice_spill
 * once csv holds EXPORT_PIECE bytes or more. All of it inside the caller's
 * write transaction: the import's, or a refresh's. */
#define EXPORT_PIECE (1 << 20)
struct export_slice {
    int64_t slice_id;
    uint32_t parts;           /* pieces stored so far */
    struct buf csv;           /* rows not yet stored, in form */
    enum export_form form;    /* text, or packed by the writer (store_import) */
    struct export_piece pack; /* the piece in csv, when packed */
};
/* The largest packed piece a reader accepts: an import spills a piece at
 * EXPORT_PIECE, so a piece is that and one row; a larger one is damage, and
 * would be read whole into memory. */
#define EXPORT_PACKED_MAX (4 * EXPORT_PIECE)
/* Deletes what is stored of slice_id's CSV and starts x on it, its rows to
 * be appended in form. */
int store_export_slice_begin(struct store *s, struct export_slice *x, int64_t slice_id,
                             enum export_form form, struct buf *err);
/* Stores x->csv as the next piece (if not empty) and empties it. */
int store_export_slice_spill(struct store *s, struct export_slice *x, struct buf *err);
/* Stores p[0, n) as the next piece (if not empty), x->csv being empty:
 * rows packed elsewhere (store/export_ahead.h). */
int store_export_slice_put(struct store *s, struct export_slice *x, const void *p, size_t n,
                           struct buf *err);
/* Stores the rest and the slice's export_csv row, with the number of rows
 * rendered: the slice's CSV is then complete. Frees x->csv. */
int store_export_slice_end(struct store *s, struct export_slice *x, int64_t rows, struct buf *err);
/* Deletes the pieces stored (the slice keeps no CSV) and frees x->csv. */
int store_export_slice_drop(struct store *s, struct export_slice *x, struct buf *err);

/* The blobs of the street slices of months from..to (-1: open) and of one
 * force (its name or police.uk id; NULL: all), in slice order. NULL with
 * err empty when some slice in range has no blob (the caller takes the row
 * path), NULL with err on error. The reader holds a read transaction until
 * closed, so the bytes are of one state of the store. */
struct export_reader;
struct export_reader *store_export_open(struct store *s, int month_from, int month_to,
                                        const char *force, struct buf *err);
/* Appends up to max bytes to out (max > 0): 1 more to come, 0 at the end
 * (nothing appended), -1 with err. */
int store_export_read(struct export_reader *r, struct buf *out, size_t max, struct buf *err);
void store_export_close(struct export_reader *r);

#endif
