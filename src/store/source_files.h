/*
 * source_files.h - which imported files a figure came from.
 *
 * A published table must say what it was made from: each data.police.uk
 * file whose rows answer for a span of months, where it was read from,
 * when it was imported and how many of its rows were stored. (The Home
 * Office tables have their own list with SHA-256, store_prc_sources in
 * store/prc.h; police.uk files are identified by name, size and import
 * time, since migration 1 kept no hash of them.)
 */
#ifndef PEEL_STORE_SOURCE_FILES_H
#define PEEL_STORE_SOURCE_FILES_H

#include <stdint.h>

#include "store/store.h"

struct source_file_info {
    const char *name, *path, *kind, *imported_at;
    const char *sha256; /* of the file's bytes; NULL if imported before Peel kept it */
    int64_t bytes;
    int64_t rows;                /* of its rows in the months asked for */
    int first_month, last_month; /* of those months it supplies */
};

typedef void (*source_file_fn)(void *arg, const struct source_file_info *f);

/* The files of one kind ("street", "outcomes") that supply months [from,
 * to] of the force (NULL: any), earliest month first; -1 with err. */
int store_source_files(struct store *s, const char *kind, const char *force, int from, int to,
                       source_file_fn fn, void *arg, struct buf *err);

#endif
