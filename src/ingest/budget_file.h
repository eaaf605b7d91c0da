/*
 * budget_file.h - the budget register's files (`peel budget import` and
 * `peel budget mtfs`), CSV or .xlsx, read through ingest/table_file.h.
 *
 * A budget file has a row per heading of a financial year's budget:
 *
 *   year     2022-23 (or 2022/23)            (the names known: year,
 *   heading  Police Officer Pay & Allowances  financial year, fy;
 *   amount   113,968,917.00                   heading, line, category,
 *                                             description; amount, budget,
 *                                             value)
 *
 * Several years may share a file. A row whose heading is "Total" states
 * its year's total: the headings must add up to it exactly. A heading
 * appears once a year.
 *
 * A strategy file (a medium-term financial strategy) has a row per year:
 * year, requirement (the budget requirement: also "budget requirement",
 * "net budget requirement", "expenditure"), funding (also "total
 * funding", "resources"); the years follow one another, at most ten.
 *
 * The whole file is checked before anything is stored: any problem and
 * nothing is, every problem listed as FILE:LINE: field: reason.
 */
#ifndef PEEL_INGEST_BUDGET_FILE_H
#define PEEL_INGEST_BUDGET_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/budget.h"
#include "util/buf.h"

#define BUDGET_FILE_MAX_BYTES  (4 * 1024 * 1024)
#define BUDGET_FILE_MAX_ROWS   2000
#define BUDGET_FIELD_MAX_BYTES 200

/* A budget file read and checked: its years in the order first seen, the
 * lines of each in the file's order. Owned: budget_file_free. */
struct budget_file {
    struct budget_year *years;
    size_t nyears, rows;
    struct budget_line *lines; /* every year's, the years pointing in */
    char **text;               /* the headings' storage */
};
void budget_file_free(struct budget_file *f);

/* Reads bytes, the whole of the file at path (named in errors), into f:
 * true, or false with every problem in err (f then empty). */
bool budget_file_read(const char *path, const struct buf *bytes, const char *sheet,
                      struct budget_file *f, struct buf *err);

/* A strategy file read and checked: its years, oldest first. */
struct mtfs_file {
    struct mtfs_year *years;
    size_t n;
};
void mtfs_file_free(struct mtfs_file *f);
bool mtfs_file_read(const char *path, const struct buf *bytes, const char *sheet,
                    struct mtfs_file *f, struct buf *err);

struct budget_file_options {
    const char *sheet;  /* the worksheet of a workbook; NULL: the first */
    const char *reason; /* why a year (or strategy) already published is replaced */
    bool dry_run;       /* check and compare; store nothing (budget files) */
};

/* Each year of the file published as the next version when it changed:
 * versions[i] (allocated, f's years' count) says which, 0 unchanged. 0:
 * imported; 2: the file has problems, or changes a published year without
 * a reason (err says which; nothing stored); 1: the store failed. */
int budget_file_import(struct store *s, const char *path, const struct budget_file_options *o,
                       const struct audit_origin *by, struct budget_file *f, int **versions,
                       struct buf *err);

/* The strategy in the file, published with its title, address and date
 * as the next version of its run of years (*version; 0 unchanged). 0, 2
 * or 1 as above. */
int mtfs_file_import(struct store *s, const char *path, const struct budget_file_options *o,
                     const char *title, const char *url, int published_on,
                     const struct audit_origin *by, int *version, struct buf *err);

#endif
