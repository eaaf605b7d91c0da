/*
 * prc_import.h - `peel import-prc`: Home Office recorded-crime tables into
 * the store.
 *
 * All files are one transaction: a file that cannot be read, or whose
 * header is not the table's, leaves the store exactly as it was. Within a
 * file, a row that fails its checks (ingest/prc.h) is quarantined verbatim
 * with its line, column and reason, and reported; a row with a negative
 * count is stored as published and reported. Forces are matched to
 * police.uk slugs by their Home Office names (model/forces.h).
 *
 * The library reports through callbacks and prints nothing itself.
 */
#ifndef PEEL_INGEST_PRC_IMPORT_H
#define PEEL_INGEST_PRC_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/sha256.h"

struct store;

struct prc_file_report {
    const char *path;
    char sha256[SHA256_HEX_SIZE];
    unsigned long long bytes;
    long rows_read, rows_stored, rows_quarantined, rows_negative, rows_replaced;
    size_t forces;                 /* distinct force names among stored rows */
    size_t forces_no_slug;         /* of which bodies with no police.uk force */
    int period_first, period_last; /* store/prc.h periods; -1 when no row was stored */
    size_t periods;
};

/* A quarantined row (stored false), or a stored row the reader should know
 * about (stored true: a negative count). */
struct prc_row_note {
    const char *path;
    long line;
    const char *column; /* NULL: the whole row */
    const char *reason;
    bool stored;
};

struct prc_import_options {
    const char *command; /* recorded with the import */
    const char *user;
    void (*on_file)(const struct prc_file_report *r, void *arg);
    void (*on_row)(const struct prc_row_note *n, void *arg); /* NULL: none */
    void *arg;
};

struct prc_import_totals {
    size_t files, forces;
    long rows_stored, rows_quarantined, rows_negative, rows_replaced;
    double seconds;
};

/* 0: imported; 2: a file could not be read or is not the table (err says
 * which; nothing was changed); 1: the store failed (nothing was changed). */
int prc_import_paths(struct store *s, char *const *paths, size_t npaths,
                     const struct prc_import_options *opt, struct prc_import_totals *tot,
                     struct buf *err);

#endif
