/*
 * xlsx.h - tables as an Excel workbook (libxlsxwriter), for analysts.
 *
 * Panel members and analysts want the numbers behind every report in a
 * spreadsheet. Each struct table becomes one sheet: its title in A1, its
 * column names as a bold, frozen header row, numbers as real numbers (not
 * text) shown with the table's decimals, and its notes - the method and
 * the source - under the data, so that a sheet copied on its own still
 * says where its numbers came from.
 */
#ifndef PEEL_XLSX_H
#define PEEL_XLSX_H

#include <stddef.h>

#include "render/table.h"
#include "util/buf.h"

struct xlsx_sheet {
    const char *name; /* made valid: at most 31 characters, none of []:*?/\, unique */
    const struct table *table;
};

#define XLSX_MAX_SHEETS 64

/* Writes the workbook; 0, or -1 with "PATH: reason" in err. */
int xlsx_write(const char *path, const struct xlsx_sheet *sheets, size_t n, struct buf *err);

/* The name Excel will accept for a sheet called `name`, unique among the
 * `taken` names already given (n of them); out has room for 32 bytes. */
void xlsx_sheet_name(const char *name, const char *const *taken, size_t n, char out[32]);

#endif
