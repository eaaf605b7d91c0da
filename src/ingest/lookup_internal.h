/*
 * lookup_internal.h - what the readers of lookup and population files
 * share (lookup.c, lookup_ethnicity.c): a small CSV file read whole and
 * hashed, its columns found by their headers, and every bad row listed.
 *
 * Not part of the public API: include ingest/lookup.h instead.
 */
#ifndef PEEL_LOOKUP_INTERNAL_H
#define PEEL_LOOKUP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "ingest/lookup.h"
#include "util/hmap.h"
#include "util/sha256.h"

#define MAX_REPORTED_ERRORS 20

/* A CSV file held in memory: rows of NUL-terminated fields, and the
 * SHA-256 and size of the bytes they were read from. */
struct sheet {
    char ***rows;
    size_t *widths;
    long *lines;
    size_t nrows, cap;
    char sha256[SHA256_HEX_SIZE];
    int64_t bytes;
};

/* Which line first gave each key (an LSOA code, a force): a key given
 * again is an error naming both lines. */
struct first_lines {
    struct hmap seen; /* key -> line */
};

/* Names a column of each kind goes by, squashed ("population", "pfa23nm"). */
extern const char *const population_names[];
extern const char *const force_name_names[];

void sheet_free(struct sheet *sh);
/* Reads the file whole, hashing its bytes; -1 with err (file:line). */
int read_sheet(const char *path, struct sheet *sh, struct buf *err);
/* Index of a column named exactly (case-insensitive), or found by any of
 * the known names; -1 when absent. */
int find_column(char **header, size_t width, const char *named, const char *const *known);
/* Lists one bad row in err (the first MAX_REPORTED_ERRORS of them). */
void row_error(struct buf *err, int *nerrors, const char *path, long line, const char *column,
               const char *reason, const char *value);
/* A key seen before is a row error naming the line that gave it first. */
void first_lines_check(struct first_lines *f, const char *key, const char *path, long line,
                       const char *column, struct buf *err, int *nerrors);
/* A whole number, spaces around allowed. */
bool parse_count(const char *s, int64_t *out);
/* The record of this load (store/loads.h), written before the commit. */
int record_load(struct store *s, const char *kind, const char *path, const struct sheet *sh,
                int64_t rows, const char *detail, const struct load_origin *origin,
                struct buf *err);

#endif
