/*
 * table_check.h - the checking loop of a register's file, once: a file
 * read whole through ingest/table_file.h (CSV or a sheet of an .xlsx), its
 * header matched against the register's column names, then each row not
 * blank given to the register's own check, every problem reported as
 * FILE:LINE: field: reason (at most TABLE_CHECK_MAX_ERRORS written, the
 * rest counted), and an optional row stating the total ("Total ...").
 *
 * The registers written before it (contracts, spend, grants received)
 * had this loop each; the grants received and the commissioned services'
 * two files use this one, and the others may move to it.
 */
#ifndef PEEL_INGEST_TABLE_CHECK_H
#define PEEL_INGEST_TABLE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/csv.h"
#include "util/buf.h"

#define TABLE_CHECK_MAX_ERRORS 50
#define TABLE_CHECK_MAX_COLS   24

struct table_check;
/* One row, its fields in the register's column order (f[k] "" for a
 * column the file does not have); f's strings are the caller's to keep
 * or free. */
typedef void (*table_check_row_fn)(struct table_check *c, long line, char **f, void *arg);

struct table_check {
    /* given */
    const char *path;
    const char *const *aliases;  /* ncols rows of width names, each ending NULL */
    int ncols, width, nrequired; /* the first nrequired columns are required */
    const char *doc;             /* where the names known are listed */
    size_t max_rows;
    int total_col; /* the column a "Total" row states (-1: no total row) */
    table_check_row_fn row;
    void *arg;
    struct buf *err;
    /* found */
    int nerrors;
    int col[TABLE_CHECK_MAX_COLS];
    struct buf ignored; /* the headers not read, "a, b" */
    size_t rows;
    long total_line; /* 0: no total row */
    int64_t total_pence;
    char total_text[64]; /* its amount as written */
};

void table_check_complain(struct table_check *c, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reads bytes (the whole of c->path) as described above; sheet: a
 * workbook's sheet (NULL: the first). The count of problems is c->nerrors
 * (each written to c->err, and "... and N more" when over the cap). */
void table_check_rows(struct table_check *c, const struct buf *bytes, const char *sheet);
void table_check_free(struct table_check *c);

/* Text checks every register makes of a field: UTF-8, and at most max
 * bytes. */
void table_check_text(struct table_check *c, long line, int col, const char *text, size_t max);

#endif
