/*
 * import.h - `peel import`: police.uk files, folders and archives into the store.
 *
 * Accepts any mix of single CSV files, folders in the archive layout
 * (YYYY-MM/YYYY-MM-<force>-street.csv and friends, searched recursively) and
 * archive .zip files exactly as downloaded, read in place. What a file holds
 * is decided by its header line.
 *
 * The library reports through callbacks and prints nothing itself.
 */
#ifndef PEEL_INGEST_IMPORT_H
#define PEEL_INGEST_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/import.h"
#include "util/buf.h"

struct ingest_file_report {
    const char *name; /* base name, the file's identity in the store */
    const char *path; /* as found: "dir/x.csv" or "archive.zip:2022-01/x.csv" */
    const char *kind; /* "street", ..., or NULL when the file could not be read */
    long rows_stored, rows_quarantined;
    const char *force;           /* the one force in the file, or "N forces" */
    int month_first, month_last; /* -1 when no row was stored */
    const char *error;           /* NULL, or why the file was not imported */
    const char *warning;         /* NULL, or something the reader should know */
};

struct ingest_progress {
    size_t files_done, files_total;
    long long rows;
    double seconds;
};

struct ingest_options {
    const char *force;   /* for stop-and-search files whose name names no force */
    const char *command; /* recorded with the import, for the audit trail */
    const char *user;
    void (*on_file)(const struct ingest_file_report *r, void *arg);
    void (*on_progress)(const struct ingest_progress *p, void *arg); /* NULL: none */
    void *arg;
    /* Writes each street crime's row of the stored download CSV as it is
     * imported (store_import_render; the CLI passes crime_texts_csv), its
     * head on the reading thread. NULL: slices are left with none, for
     * export_refresh to render. */
    const struct store_crime_csv *crime_csv;
    /* Threads: 1 reads and writes on the caller's; 0 reads on a second
     * thread when the machine has two cores or more (ingest/pipeline.h),
     * and at the commit merges the area rollup on one beside its writes
     * (store_import_threads). */
    int jobs;
};

struct ingest_totals {
    size_t files, files_failed;
    long long rows_stored, rows_quarantined;
    double seconds;
};

/* 0: everything imported; 2: some file could not be read (the others were
 * imported and committed); 1: the import as a whole failed and nothing was
 * changed (err says why). */
int ingest_paths(struct store *s, char *const *paths, size_t npaths,
                 const struct ingest_options *opt, struct ingest_totals *totals, struct buf *err);

/* The bytes of CSV the paths hold (an archive's members as they declare
 * them; what cannot be read counts nothing), found as ingest_paths finds
 * them: for what an import sets aside before its store is opened. */
unsigned long long ingest_paths_bytes(char *const *paths, size_t npaths);

#endif
