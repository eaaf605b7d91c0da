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
#include "store/rows.h"
#include "store/store.h"

struct store_import;

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

/* A crime's row of the download CSV (assess/crime_rows.h, crime_texts_csv:
 * the store does not know how a row is written), in two parts appended to
 * out: head, from its first STORE_CRIME_TEXTS - 1 texts in struct
 * crime_row's order (crime_id .. outcome), up to where its district goes,
 * and district, from the district, to the row's end. Texts are as the
 * import has them: each with its length, not NUL-ended (a copy to end each
 * with a NUL, and a scan for its length, cost 10% of an import), none
 * holding a NUL (ingest quarantines such a row). The head needs nothing from
 * the store, so the import renders it on its reading thread
 * (store_prepare_street); the district is known where the row is stored. */
enum { STORE_CRIME_TEXTS = 12 };
struct store_crime_csv {
    void (*head)(const struct text *texts, struct buf *out);
    void (*district)(struct text district, struct buf *out);
    /* True when head(texts) writes exactly source: the texts as read,
     * joined by commas with one after the last (street_row.source), so
     * that none of them holds a comma, a quote or a line feed; their
     * coordinates empty or of six decimals (util/coord.h), which head
     * writes as they are. */
    bool (*as_read)(const struct text *texts, struct text source);
};
/* Renders each street crime with csv as it is stored, into its slice's
 * stored rows (store/export.h; packed, store/export_pack.h), written when
 * its file commits: in the same
 * transaction as the crimes, from the parsed row (its texts are stored as
 * given, so they are the bytes a read back would return), never read back.
 * Without it, slices are left with no CSV, for export_refresh. */
void store_import_render(struct store_import *im, const struct store_crime_csv *csv);

/* What a crime or an outcome binds that needs nothing from the store: the
 * crime id as 32 bytes when it is 64 lower-case hex digits, coordinates of
 * six decimals as integer millionths (util/coord.h), and a street crime's
 * download row up to its district. Worked out by store_prepare_street or
 * store_prepare_outcome, which touch no connection and so run on any thread
 * (the import's reading thread), so that the thread that holds the store
 * only interns, binds and steps. */
/* The ids of a row's interned values (store_intern_street), in ids[]. */
enum {
    STORE_ID_FORCE,
    STORE_ID_FALLS_WITHIN,
    STORE_ID_CRIME_TYPE,
    STORE_ID_OUTCOME,
    STORE_ID_LOCATION,
    STORE_ID_LSOA,
    STORE_ROW_IDS
};
struct store_row_prep {
    bool id_bytes, longitude_micro, latitude_micro;
    unsigned char id[32];
    int64_t longitude, latitude;
    struct text csv_head;       /* by store_prepare_street; {NULL, 0} if not rendered */
    bool csv_head_read;         /* csv_head is the row's source, not appended to csv_out */
    int64_t ids[STORE_ROW_IDS]; /* 0: left to the store to intern */
    unsigned fresh;             /* bit i: ids[i] is new, and this row brings it */
};
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
int store_add_quarantine(struct store_import *im, long line, const char *field, const char *reason,
                         const char *raw, size_t rawlen, struct buf *err);

#endif
