/*
 * xlsx.h - tables as an Excel workbook (libxlsxwriter), for analysts.
 *
 * Panel members and analysts want the numbers behind every report in a
 * spreadsheet. Each struct table becomes one sheet: its title in A1, its
 * rows as an Excel table (filters on every column, a frozen header row of
 * readable headings), numbers as real numbers (not text) shown with the
 * table's decimals, money (table_set_money) as the amount in pounds shown
 * as £#,##0.00, never its text, months and dates as Excel dates (a "month" or "period"
 * column whose every value is YYYY-MM, any YYYY-MM-DD or UTC timestamp),
 * columns as wide as what they hold, an optional line chart beside the
 * data, and the table's notes - the method and the source - under it, so
 * that a sheet copied on its own still says where its numbers came from.
 */
#ifndef PEEL_XLSX_H
#define PEEL_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "render/table.h"
#include "util/buf.h"

/* A native Excel chart of some of a sheet's columns against its first: a
 * line chart of a series over time, or columns side by side for
 * categories (two years' counts by offence group). */
#define XLSX_CHART_MAX_SERIES 4
struct xlsx_chart {
    size_t columns[XLSX_CHART_MAX_SERIES]; /* the series: indexes of numeric columns */
    size_t n;
    bool bars;   /* clustered columns, not lines */
    size_t rows; /* the first rows rows only (not a total below them); 0: every row */
};

struct xlsx_sheet {
    const char *name; /* made valid: at most 31 characters, none of []:*?/\, unique */
    const struct table *table;
    const struct xlsx_chart *chart; /* NULL: none */
};

/* "lower_limit" -> "Lower limit", "share_pct" -> "Share %", "per_1000" ->
 * "Per 1,000": a column's key as its header reads in a workbook. out has
 * room for n bytes. */
void xlsx_heading(const char *key, char *out, size_t n);

#define XLSX_MAX_SHEETS 64

/* Writes the workbook; 0, or -1 with "PATH: reason" in err. */
int xlsx_write(const char *path, const struct xlsx_sheet *sheets, size_t n, struct buf *err);

/* The name Excel will accept for a sheet called `name`, unique among the
 * `taken` names already given (n of them); out has room for 32 bytes. A
 * name longer than Excel's 31 bytes is cut at a word where it can be. */
void xlsx_sheet_name(const char *name, const char *const *taken, size_t n, char out[32]);

#endif
