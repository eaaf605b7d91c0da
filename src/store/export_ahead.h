/*
 * export_ahead.h - packing street crimes' download rows on the import's
 * reading thread, ahead of the store.
 *
 * Why: the thread that holds the store bounds an import's wall time (58-63%
 * of its CPU samples in perf), and packing each row's download bytes
 * (store/export_pack.h) was 8% of the import's CPU on that thread. The
 * reading thread had a second of CPU to spare on the year of bench/ingest,
 * and packing needs nothing from the store but each LSOA's district, which
 * is read once, by the thread that makes this, so it is done there: the
 * stored bytes are the same, the wall time 0.93 of before (bench/README.md,
 * stop 37).
 *
 * The pieces are cut by the rules store/import.c cuts by: a slice's piece
 * is handed over once it holds EXPORT_PIECE bytes, all of a file's pieces
 * once their buffers take CSV_MAX_HELD (the buffers handed over no longer
 * count), and the rest of each slice at the end of its file. A handed-over
 * piece says before which row of its batch the store takes it, so that it
 * is stored in the order of the rows.
 *
 * Memory: the pieces being built (at most CSV_MAX_HELD and a row), those
 * in the batches between the two threads (at most what the reading thread
 * held when it handed them over, and what the queued batches' rows add),
 * and a file's rests, which the store copies and keeps for the file's
 * commit (at most CSV_MAX_HELD). The districts: export_ahead.c.
 *
 * What the reading thread cannot know, the store packs: rows whose force
 * or LSOA has no id yet (their tables were too large to hold: see the
 * interner in store/import.h, which then makes no export_ahead), or whose
 * LSOA's district is not known here (beyond the districts it keeps). At the
 * first such row every piece begun is handed over, and the store packs
 * that row and every later one itself, into new pieces, until the import
 * reads again from a new interner (after a file it rolls back). Either way
 * a row's bytes are the same once unpacked.
 *
 * Used by one thread at a time, touching no connection once made.
 */
#ifndef PEEL_STORE_EXPORT_AHEAD_H
#define PEEL_STORE_EXPORT_AHEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/row_prep.h"
#include "store/store.h"
#include "util/buf.h"

/* Download rows (packed) of one file's slices held before they are
 * stored, by the import's either side: each slice stores a piece at
 * EXPORT_PIECE, and all of them theirs when their buffers together take
 * this much (a file of many interleaved slices). */
#ifndef CSV_MAX_HELD
#define CSV_MAX_HELD (8 << 20)
#endif

/* A piece packed ahead, for store_add_piece. */
struct export_shipped_piece {
    int64_t force; /* the slice: its force's id and month */
    int month;
    size_t at; /* taken before the batch's row at (after its last: the count) */
    bool rest; /* the slice's last bytes of its file, else a whole piece */
    struct buf bytes;
};

/* The pieces handed over with a batch, in order. */
struct export_shipped {
    struct export_shipped_piece *v;
    size_t n, cap;
};
/* Frees every piece's bytes, keeping the array. */
void export_shipped_reset(struct export_shipped *s);
void export_shipped_free(struct export_shipped *s);

struct export_ahead;
/* Made by the thread that holds the store (the interner's maker,
 * store_interner_new), rendering with csv; NULL with err on a store error. */
struct export_ahead *export_ahead_new(struct store *s, const struct store_crime_csv *csv,
                                      struct buf *err);
void export_ahead_free(struct export_ahead *a);

/* Packs r's download row (p prepared with its head and interned) into its
 * slice's piece, setting p->packed; pieces cut by it are appended to out,
 * row being r's index in its batch. When it cannot, hands over every piece
 * begun (before row) and leaves r and every later row to the store. */
void export_ahead_street(struct export_ahead *a, const struct street_row *r,
                         struct store_row_prep *p, size_t row, struct export_shipped *out);
/* The end of a file, whose batch has rows rows: its slices' rest appended
 * to out when whole, else (a read error: the file is undone) dropped. */
void export_ahead_file_end(struct export_ahead *a, size_t rows, bool whole,
                           struct export_shipped *out);

#endif
