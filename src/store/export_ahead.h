/*
 * export_ahead.h - packing street crimes' download rows on the import's
 * reading thread, ahead of the store.
 *
 * Why: the thread that holds the store bounds an import's wall time (58-63%
 * of its CPU samples in perf), and packing each row's download bytes
 * (store/export_pack.h) was 8% of the import's CPU on that thread. The
 * reading thread has a second of CPU to spare on the year of
 * bench/ingest, and packing needs nothing from the store but each LSOA's
 * district, which is loaded once, so it is done there (bench/README.md).
 *
 * The pieces are cut where store/import.c cut them: a slice's piece is
 * handed over once it holds EXPORT_PIECE bytes, all of a file's pieces once
 * their buffers hold CSV_MAX_HELD, and the rest of each slice at the end of
 * its file. A handed-over piece says before which row of its batch the
 * store takes it, so that it is stored in the order of the rows.
 *
 * What the reading thread cannot know, the store packs: a row whose force
 * or LSOA has no id yet (their tables were too large to hold: see the
 * interner in store/import.h) or whose LSOA's district is not known here.
 * At the first such row every piece begun is handed over, and from there to
 * the end of the import the store packs every row itself, into new pieces.
 * Either way a row's bytes are the same once unpacked.
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
