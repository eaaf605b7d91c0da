/*
 * datasets.h - what the store holds and where it came from, for the site's
 * open data page: every file imported or loaded, with its rows, months,
 * hash and time, so that each published number can be traced to a file.
 *
 * police.uk street, outcome and stop-and-search files imported before
 * migration 7, and plans and metric values loaded before migration 9, have
 * no SHA-256; later ones, Home Office tables, lookups and populations do
 * (store/loads.h). A field the store does not keep is NULL (or -1), and
 * the page says "not recorded" rather than guessing.
 */
#ifndef PEEL_STORE_DATASETS_H
#define PEEL_STORE_DATASETS_H

#include <stdint.h>

#include "store/store.h"

struct dataset_file {
    const char *kind;   /* "street", "outcomes", "stop-and-search", "prc", "metric values", "plan",
                         * "areas", "population", "force-population" */
    const char *name;   /* the file's base name, or the plan's id and version */
    const char *path;   /* where it was read from */
    const char *sha256; /* NULL when not recorded */
    const char *loaded_at;       /* "YYYY-MM-DDTHH:MM:SSZ" */
    const char *loaded_by;       /* NULL when not recorded */
    int64_t rows;                /* rows stored (read, for metric values) */
    int64_t quarantined;         /* rows kept aside as unreadable; -1 when not applicable */
    int64_t bytes;               /* -1 when not recorded */
    int first_month, last_month; /* months the file supplies (month.h); -1 when none */
};
typedef void (*dataset_file_fn)(void *arg, const struct dataset_file *f);

/* What a kind of file is called where readers see it ("police.uk
 * street-level crime" for "street"): the one rule for the site's open data
 * page and the reports' lists of sources. A kind without words is itself. */
const char *dataset_kind_words(const char *kind);

/* police.uk files and Home Office tables, newest first. */
int store_dataset_imports(struct store *s, dataset_file_fn fn, void *arg, struct buf *err);
/* Loads of metric values and of plans, newest first. */
int store_dataset_loads(struct store *s, dataset_file_fn fn, void *arg, struct buf *err);
/* Loads of area lookups and populations, newest first (kinds "areas",
 * "population", "force-population"); recorded since migration 9. */
int store_dataset_lookup_loads(struct store *s, dataset_file_fn fn, void *arg, struct buf *err);

/* Each area grouping loaded: LSOAs and distinct values. */
typedef void (*dataset_lookup_fn)(void *arg, const char *grouping, int64_t lsoas, int64_t values);
int store_dataset_lookups(struct store *s, dataset_lookup_fn fn, void *arg, struct buf *err);
/* Populations by the source they were loaded from: LSOAs (or force
 * areas) and residents. */
typedef void (*dataset_population_fn)(void *arg, const char *what, const char *source,
                                      int64_t areas, int64_t residents);
int store_dataset_populations(struct store *s, dataset_population_fn fn, void *arg,
                              struct buf *err);

#endif
