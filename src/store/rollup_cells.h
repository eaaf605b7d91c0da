/*
 * rollup_cells.h - the counts of one LSOA, month and force packed into one
 * blob: rollup_lsoa's `cells` (migration 53).
 *
 * rollup_lsoa held a row per (LSOA, crime type, month, force, outcome):
 * 3.2M rows for a year of 43 forces (0.61 a crime), written at the
 * import's commit while nothing else could run (0.9-1.6 s of SQLite
 * B-tree inserts) and read by scan and compare a row at a time through
 * sqlite3_step (about 1,100 instructions a row). Packed, a row is one
 * (LSOA, month, force) with its total and its cells, about ten to a row:
 * a tenth of the rows to write and to step through, and the cells are
 * read in C from the blob.
 *
 * A blob is a sequence of cells, each three unsigned LEB128 varints
 * (crime type id, outcome id, n), in strictly increasing (crime type,
 * outcome) order. A store is a file anyone may have written to, so every
 * reader checks the bytes: a blob cut short, a varint too long or a cell
 * out of order is an error, never a read past the end.
 *
 * SQL sees the cells through a virtual table and three functions
 * registered on each of the store's connections (rollup_cells_register),
 * so that the queries, the triggers and the migrations written in SQL keep
 * their shape:
 *   rollup_lsoa_cell                   the old table's rows: (lsoa_id,
 *                                      crime_type_id, month, force_id,
 *                                      outcome_id, n), a cell each
 *                                      (rollup_cell_table.c)
 *   rollup_cells(blob)                 a table-valued function: a row
 *                                      (crime_type_id, outcome_id, n) a
 *                                      cell
 *   rollup_cells_merge(a, b)           the two blobs' cells, added where
 *                                      their keys are equal (an upsert)
 *   rollup_cells_pack(type, outcome, n)  an aggregate: its rows as a blob
 */
#ifndef PEEL_ROLLUP_CELLS_H
#define PEEL_ROLLUP_CELLS_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct rollup_cell {
    int64_t crime_type, outcome, n;
};

/* Appends c, whose values are >= 0 (each written in at most 9 bytes), to b. The caller appends
 * cells in strictly increasing (crime type, outcome) order. */
void rollup_cells_put(struct buf *b, const struct rollup_cell *c);

/* The cell at *at of the blob p[0, len), *at moved past it: 1, 0 at the
 * end, -1 when the bytes are not a cell. Order is not checked here
 * (rollup_cells_after). */
int rollup_cells_next(const unsigned char *p, size_t len, size_t *at, struct rollup_cell *c);

/* Whether c's key comes strictly after prev's. */
static inline int rollup_cells_after(const struct rollup_cell *prev, const struct rollup_cell *c)
{
    return c->crime_type > prev->crime_type ||
           (c->crime_type == prev->crime_type && c->outcome > prev->outcome);
}

/* Appends to out the cells of blobs a and b, added where their keys are
 * equal, in order: -1 when either is not cells in strictly increasing
 * order, or a sum would overflow. */
int rollup_cells_merge_blobs(const unsigned char *a, size_t alen, const unsigned char *b,
                             size_t blen, struct buf *out);

/* Registers the SQL functions above on db, and the virtual table
 * rollup_lsoa_cell (rollup_cell_table.c): SQLITE_OK or an SQLite code. */
int rollup_cells_register(sqlite3 *db);
/* The virtual table alone (rollup_cells_register calls it). */
int rollup_cell_table_register(sqlite3 *db);

#endif
