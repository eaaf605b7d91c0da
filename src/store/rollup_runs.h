/*
 * rollup_runs.h - an import's rollup_lsoa counts, gathered to be written
 * once, in the table's key order, at the import's commit (store/import.c).
 *
 * rollup_lsoa is keyed by (lsoa, month, force), the order scan and compare
 * read it in, each row's cells in (crime type, outcome) order
 * (rollup_cells.h); a police.uk file is one force's month,
 * so each file's counts land one or two to a page all over the table. A
 * year of 43 forces (5.3M crimes, 3.2M counts) written a file at a time
 * took 4 of the import's 16 CPU seconds, mostly SQLite rewriting the same
 * pages over and over; written once in key order into an empty table the
 * same counts are a stream of appends (bench/README.md).
 *
 * Each file adds its counts as a run; runs are held in memory up to a
 * chunk of cells, then merged into one sorted run in a temporary file, so
 * memory stays flat whatever the import's size; the commit merges every
 * run (a heap, the runs' cells read through small buffers) and hands the
 * counts over in key order, equal keys summed. Not for other modules.
 */
#ifndef PEEL_ROLLUP_RUNS_H
#define PEEL_ROLLUP_RUNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct rollup_key {
    int32_t force, month, lsoa, crime_type, outcome;
};

/* One count, packed so that comparing (key, key2) as unsigned integers is
 * rollup_lsoa's key order and then its cells' (lsoa, month, force, crime
 * type, outcome): key = lsoa:32 month:18 force:14, key2 = crime type:16
 * outcome:16. */
struct rollup_packed {
    uint64_t key;
    uint32_t key2;
    uint32_t n;
};

/* A count handed over by the merge. */
struct rollup_count {
    struct rollup_key k;
    int64_t n;
};

/* Packs k and n, or false when a value does not fit its field (then the
 * caller writes the count another way). */
bool rollup_pack(const struct rollup_key *k, int64_t n, struct rollup_packed *out);
struct rollup_key rollup_unpack(const struct rollup_packed *c);
/* Sorts n cells into key order; tmp has room for n more. */
void rollup_sort_packed(struct rollup_packed *cells, struct rollup_packed *tmp, size_t n);

struct rollup_runs;

/* Runs held in memory up to chunk_cells cells (at least 1). */
struct rollup_runs *rollup_runs_new(size_t chunk_cells);
void rollup_runs_free(struct rollup_runs *r);
/* Adds n cells in key order (rollup_sort_packed) as a run. -1 with err
 * when the temporary file could not be written. */
int rollup_runs_add(struct rollup_runs *r, const struct rollup_packed *cells, size_t n,
                    struct buf *err);
/* Every cell of (force, month) added so far is dropped: its slice was
 * emptied by a later file, which brings its own. */
void rollup_runs_drop(struct rollup_runs *r, int32_t force, int32_t month);
/* Cells held, in memory and in the file, dropped ones included. */
size_t rollup_runs_cells(const struct rollup_runs *r);

/* Hands every count over in key order, equal keys summed, to emit, in
 * arrays of up to ROLLUP_EMIT (fewer only at the end), and empties r.
 * emit returns 0 or -1 (with err), which stops the merge. */
#define ROLLUP_EMIT 4096
typedef int (*rollup_emit_fn)(void *arg, const struct rollup_count *counts, size_t n,
                              struct buf *err);
int rollup_runs_merge(struct rollup_runs *r, rollup_emit_fn emit, void *arg, struct buf *err);

#endif
