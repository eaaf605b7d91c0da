/*
 * xlsx.h - reading one worksheet of an Excel workbook (.xlsx) as rows of
 * text, in the shape the CSV reader gives (struct csv_record), so that
 * every importer takes either (see table_file.h).
 *
 * Why written here: Debian 12 has no C library that reads .xlsx.
 * `apt-cache search xlsx` finds libxlsxwriter (writes only), Perl's
 * Spreadsheet::ParseXLSX and Spreadsheet::XLSX, Python's openpyxl, R's
 * openxlsx, Go's tealeg/xlsx and the xlsx2csv tool; libfreexl reads only
 * the old binary .xls. An .xlsx is a zip archive of XML parts, so it is
 * read with libzip (already Peel's) and Debian's expat: about the size of
 * the CSV reader, and bounded as below.
 *
 * What is read: the first worksheet, or the one named; the workbook's date
 * system (1900, with Excel's 29 February 1900, or 1904); shared strings
 * (rich text runs joined, phonetic runs left out), inline strings, formula
 * results, numbers (written as Excel shows them, to 15 significant
 * digits), booleans (TRUE, FALSE), error values (#N/A as written), and
 * numbers in a date format (the built-in ones and any custom format with
 * a day or year in it) as YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS when they
 * carry a time of day. Cells are placed by their reference (r="C7"), so
 * gaps in a row are empty fields; a record's `line` is the sheet's row
 * number; empty rows are not returned.
 *
 * Bounded: each XML part at most XLSX_MAX_PART_BYTES uncompressed (and
 * all of them XLSX_MAX_TOTAL_BYTES: a zip bomb stops there, whatever the
 * archive claims), XLSX_MAX_ROWS rows, XLSX_MAX_COLS cells per row,
 * XLSX_MAX_CELLS cells, XLSX_MAX_STRING bytes per string, XLSX_MAX_MERGES
 * merged ranges. A document type
 * declaration is refused (no entity expansion at all). Every error names
 * the file, and the sheet and cell when there is one:
 *   "spend.xlsx: sheet 'Spend' cell C7: text of 40000 bytes, over ..."
 */
#ifndef PEEL_INGEST_XLSX_H
#define PEEL_INGEST_XLSX_H

#include <stddef.h>

#include "ingest/csv.h"
#include "util/buf.h"

/* The caps (a test build sets smaller ones, tests/CMakeLists.txt). A
 * string's cap is Excel's own limit of a cell's text. */
#ifndef XLSX_MAX_PART_BYTES
#define XLSX_MAX_PART_BYTES (64u * 1024 * 1024)
#endif
#ifndef XLSX_MAX_TOTAL_BYTES
#define XLSX_MAX_TOTAL_BYTES (128u * 1024 * 1024)
#endif
#ifndef XLSX_MAX_ROWS
#define XLSX_MAX_ROWS 100000
#endif
#ifndef XLSX_MAX_COLS
#define XLSX_MAX_COLS 1024
#endif
#ifndef XLSX_MAX_CELLS
#define XLSX_MAX_CELLS 2000000
#endif
#ifndef XLSX_MAX_STRING
#define XLSX_MAX_STRING 32767
#endif
/* Merged ranges a sheet may declare: a table's headings merge a few
 * dozen; the cap bounds the work of xlsx_reader_merges (below). */
#ifndef XLSX_MAX_MERGES
#define XLSX_MAX_MERGES 4096
#endif

struct xlsx_reader;

/* Reads the worksheet named sheet (NULL: the first) of the workbook in
 * data[0..len), which came from path (named in errors). NULL, with the
 * reason in err, when it cannot be read. */
struct xlsx_reader *xlsx_reader_open(const char *path, const void *data, size_t len,
                                     const char *sheet, struct buf *err);
/* The same for the sheet at place at (0, the first, ...), so that every
 * sheet can be read in turn: *nsheets gets how many the workbook has
 * (0 when it could not be read), also when at is past the last. */
struct xlsx_reader *xlsx_reader_open_at(const char *path, const void *data, size_t len, int at,
                                        int *nsheets, struct buf *err);
/* The sheet's name, as the workbook gives it. */
const char *xlsx_reader_sheet(const struct xlsx_reader *x);
/* The sheet's merged ranges (<mergeCell ref="B2:D2">) that cover row
 * (a record's line) in columns 0 .. ncols - 1. For each such column c,
 * first[c] is the column of its range's first cell when that range begins
 * on this row (a merged heading's text is in that cell only), or SIZE_MAX
 * when it begins on a row above; every other column's first[c] is c.
 * Returns how many ranges cover the row (0: none). Overlapping ranges,
 * which Excel never writes, are taken in the sheet's order. */
size_t xlsx_reader_merges(const struct xlsx_reader *x, long row, size_t ncols, size_t *first);
/* As csv_next: 1 a row (fields valid until the next call), 0 no more. */
int xlsx_reader_next(struct xlsx_reader *x, struct csv_record *rec);
void xlsx_reader_close(struct xlsx_reader *x);

#endif
