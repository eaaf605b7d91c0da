/*
 * lookup.h - LSOA lookup and population files (`peel import-areas`,
 * `peel import-population`).
 *
 * These come from ONS or from a force's own analysts, in many shapes: with
 * or without a byte-order mark, a header, an index column. The LSOA code
 * column is found by its header name (LSOA code, LSOA11CD, lsoacd, ...) unless
 * named; every other column can become a grouping.
 */
#ifndef PEEL_LOOKUP_H
#define PEEL_LOOKUP_H

#include <stddef.h>

#include "store/loads.h"
#include "util/buf.h"

struct store;

struct grouping_spec {
    const char *name;   /* grouping name in Peel, e.g. "district" */
    const char *column; /* header of the column holding it */
};

struct area_options {
    const char *lsoa_column;         /* NULL: detect */
    struct grouping_spec *groupings; /* NULL/0: every other column, named after its header */
    size_t ngroupings;
    const char *where_column, *where_value; /* load only rows where column = value */
    struct load_origin origin;              /* for the record of the load (store/loads.h) */
};

struct lookup_result {
    long rows_loaded, rows_skipped; /* skipped: filtered out by --where */
    struct buf groupings;           /* names loaded, comma-separated */
};

/* Both return 0 on success; 2 when the file is unreadable or has bad rows
 * (err lists each as file:line: column: reason; nothing is changed), an
 * LSOA given twice among them (naming both lines); 1 when the store
 * failed. Each load is recorded with the file's SHA-256 (store/loads.h). */
int lookup_import_areas(struct store *s, const char *path, const struct area_options *opt,
                        struct lookup_result *res, struct buf *err);

struct population_options {
    const char *lsoa_column;       /* NULL: detect, or the first column when headerless */
    const char *population_column; /* NULL: detect, or the second column when headerless */
    struct load_origin origin;     /* for the record of the load (store/loads.h) */
};

int lookup_import_population(struct store *s, const char *path,
                             const struct population_options *opt, struct lookup_result *res,
                             struct buf *err);

struct force_population_options {
    const char *name_column;       /* NULL: detect (name, force, PFA23NM, ...) */
    const char *population_column; /* NULL: detect (population, All Ages, MYE2018, ...) */
    struct load_origin origin;     /* for the record of the load (store/loads.h) */
};

/* Resident populations of police force areas (ONS mid-year estimates by
 * PFA), matched to forces by name as model/forces.h does; they replace
 * all loaded before. Rows naming no police force (England, regions,
 * "Beds Cambs Herts") are skipped: res->rows_skipped counts them and
 * res->groupings names them. Returns as lookup_import_population(). */
int lookup_import_force_population(struct store *s, const char *path,
                                   const struct force_population_options *opt,
                                   struct lookup_result *res, struct buf *err);

struct ethnic_population_options {
    const char *name_column;       /* NULL: detect (force, name, PFA23NM, ...) */
    const char *group_column;      /* NULL: detect (ethnic group, ethnicity, ...) */
    const char *population_column; /* NULL: detect (population, observation, count, ...) */
    struct load_origin origin;     /* for the record of the load (store/loads.h) */
};
/* Resident populations of police force areas by census ethnic group
 * (model/ethnicity.h), one row per (force, group): force,ethnic_group,
 * population. They replace all loaded before. A group is named by its
 * word or a census heading that begins with it ("Asian, Asian British or
 * Asian Welsh"); rows naming no group (a total) are skipped, counted in
 * res->rows_skipped and named in res->groupings. A force Peel does not
 * know, a count that is not a whole number or a (force, group) given
 * twice is a bad row. Returns as lookup_import_population(). */
int lookup_import_ethnic_population(struct store *s, const char *path,
                                    const struct ethnic_population_options *opt,
                                    struct lookup_result *res, struct buf *err);

/* "Local authority name" -> "local_authority_name". */
void grouping_name_from_header(const char *header, struct buf *out);

#endif
