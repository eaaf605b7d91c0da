/*
 * import.h - writing police.uk rows into the store.
 *
 * An import is one transaction: nothing it writes is visible, and a crash or
 * Ctrl-C leaves the store exactly as it was, until store_import_commit().
 * Within it each file is a savepoint, so a file that fails half-way is
 * undone on its own and the other files still import.
 *
 * A slice is one (force, month, kind). The first time a file supplies rows
 * for a slice, the slice's previous rows are deleted: re-importing a later
 * download of a month replaces it as a whole, and importing the same file
 * twice leaves the same rows. Crime counts for the rollup tables are kept in
 * memory per file and written when the file commits.
 */
#ifndef PEEL_STORE_IMPORT_H
#define PEEL_STORE_IMPORT_H

#include "store/crimes.h"
#include "store/row_prep.h"
#include "store/rows.h"
#include "store/store.h"

struct store_import;
struct export_ahead;         /* store/export_ahead.h */
struct export_shipped_piece; /* store/export_ahead.h */

struct store_file_info {
    const char *name; /* identity: the file's base name (re-import replaces) */
    const char *path; /* where it was read from, for provenance */
    const char *kind; /* "street", "outcomes", "stop-and-search" */
    unsigned long long bytes;
};

struct store_import *store_import_begin(struct store *s, const char *command, const char *user,
                                        struct buf *err);
/* Commits the import and frees im: 0 when committed (err may then hold a
 * warning: an index a first load deferred was not built, and the next
 * writer to open the store builds it), -1 with err when rolled back. */
int store_import_commit(struct store_import *im, struct buf *err);

/* Renders each street crime with csv as it is stored, into its slice's
 * stored rows (store/export.h; packed, store/export_pack.h, on the reading
 * thread where it can: store/export_ahead.h), written as its pieces fill
 * and when its file commits: in the same transaction as the crimes, from
 * the parsed row (its texts are stored as given, so they are the bytes a
 * read back would return), never read back. Before store_interner_new.
 * Without it, slices are left with no CSV, for export_refresh. */
void store_import_render(struct store_import *im, const struct store_crime_csv *csv);

/* Whether the commit may merge the area rollup on a second thread beside
 * its writes (store_import_commit); not unless asked. */
void store_import_threads(struct store_import *im, bool two);

/* Fills p from r; with csv, points p->csv_head at r's download row head:
 * r->source itself when that is the head (csv->as_read: no copy, valid as
 * long as r's texts; csv_head_read set), else the head appended to csv_out
 * (valid until csv_out grows again: a caller that goes on appending points
 * it anew at the same offset in csv_out). */
void store_prepare_street(const struct street_row *r, const struct store_crime_csv *csv,
                          struct buf *csv_out, struct store_row_prep *p);
void store_prepare_outcome(const struct outcome_row *r, struct store_row_prep *p);

/* Interning a row's values (force names, crime types, outcomes, places,
 * LSOAs: each stored once, rows hold ids) ahead of the store, on the
 * import's reading thread: an interner is made by the thread that holds
 * the store, from the store as it stands, then used by one thread at a time
 * (the reading thread), touching no connection. store_intern_* fill the
 * ids of a prepared row (after store_prepare_*): a value new to the store
 * gets the id its table would give it next, and the first row that brings
 * it is marked as such (fresh), for the store to insert it with that id.
 * Rows interned so must reach the store in the order they were interned.
 * After store_file_abort the file's new values are gone from the store but
 * not from the interner, which must then be thrown away, and the rows read
 * after that file's interned again by a new one. A table too large to keep
 * in memory is left to the store (ids 0). in may be NULL: every id 0. */
struct store_interner;
struct store_interner *store_interner_new(struct store_import *im, struct buf *err);
void store_interner_free(struct store_interner *in);
void store_intern_street(struct store_interner *in, const struct street_row *r,
                         struct store_row_prep *p);
void store_intern_outcome(struct store_interner *in, const struct outcome_row *r,
                          struct store_row_prep *p);
/* A stop-and-search row's force (p zeroed, or prepared). */
void store_intern_force(struct store_interner *in, const char *force_name,
                        struct store_row_prep *p);
/* What packs download rows ahead (store/export_ahead.h) with the
 * interner's ids: made with it when the import renders them, else NULL. */
struct export_ahead *store_interner_ahead(struct store_interner *in);

/* Rolls back everything and frees im. */
void store_import_abort(struct store_import *im);

int store_file_begin(struct store_import *im, const struct store_file_info *f, struct buf *err);
/* Writes the file's totals and SHA-256 (hex, of the bytes read), releases
 * its savepoint, then writes its rollup counts: on failure the file may be
 * released already, and the import is to be aborted (store_import_abort).
 * Warnings (new, unmapped outcome categories) are appended to warnings. */
int store_file_commit(struct store_import *im, const char *sha256, struct buf *warnings,
                      struct buf *err);
/* Undoes everything written for the current file. */
void store_file_abort(struct store_import *im);

/* prep: what store_prepare_street (or _outcome) made of row, or NULL for
 * the store to work it out. */
int store_add_street(struct store_import *im, const struct street_row *row,
                     const struct store_row_prep *prep, long line, struct buf *err);
int store_add_outcome(struct store_import *im, const struct outcome_row *row,
                      const struct store_row_prep *prep, long line, struct buf *err);
/* Stop-and-search rows name no force; the caller says whose they are.
 * prep: its force interned (store_intern_force), or NULL. */
int store_add_stop_search(struct store_import *im, const char *force_name,
                          const struct store_row_prep *prep, const struct stop_search_row *row,
                          long line, struct buf *err);
/* Stores a piece of download rows packed ahead (store/export_ahead.h), in
 * its place among the rows. */
int store_add_piece(struct store_import *im, const struct export_shipped_piece *piece,
                    struct buf *err);
int store_add_quarantine(struct store_import *im, long line, const char *field, const char *reason,
                         const char *raw, size_t rawlen, struct buf *err);

#endif
