/*
 * iopc_xlsx.h - the IOPC's police complaints statistics read straight from
 * its spreadsheet of data tables (.xlsx), into the bulletin that the CSV
 * layout gives (ingest/iopc_file.h), for `peel iopc import FILE.xlsx`.
 *
 * The layout read (docs/complaints-data.md says what is known of it): the
 * IOPC's annual tables list every force, a row per force and a column per
 * figure. In each worksheet, the table's header is the first row whose
 * first filled cell is "Force" (or "Police force", "Force name"); each
 * other column of it whose heading is a measure's (model/iopc.h: its
 * label, any case, or its code; a "[note N]" marker and surrounding
 * spaces left out) is a figure, other columns are left alone. A two-row
 * header (a heading row, merged across its columns, over a sub-heading
 * row, either side of the "Force" row) gives each column the heading over
 * it with its sub-heading ("A" over "Number" is A, over "%" is "A (%)").
 * A percentage's column whose numbers are all 0..1 holds proportions,
 * read as percentages (0.25: 25). The
 * force's row gives the value, the row named "Total", "England and
 * Wales" or "National" the England and Wales figure. A cell the IOPC
 * suppresses or leaves empty ("*", "-", "..", "[c]", "[x]", "[z]", "n/a")
 * gives no figure. The rows above the header are the table's title: the
 * financial year is the one they name ("2024/25" or "2024-25"), unless
 * the command gives it. A number written with more than 4 decimals (an
 * average Excel computed) is rounded to 4.
 *
 * Every sheet is read, every problem reported (up to 20) as
 * "FILE: sheet 'S' row N: COLUMN: what", and any problem means no
 * bulletin. A measure found twice (two sheets) is a problem.
 */
#ifndef PEEL_INGEST_IOPC_XLSX_H
#define PEEL_INGEST_IOPC_XLSX_H

#include <stddef.h>

#include "model/iopc.h"
#include "util/buf.h"

#define IOPC_XLSX_MAX (32u * 1024 * 1024) /* bytes of a workbook */

struct iopc_xlsx_options {
    const char *force; /* the force: a police.uk id or name (required) */
    int fy;            /* the financial year (util/month.h), or -1: the tables' titles say */
};

/* Whether bytes are a zip archive (an .xlsx), not a CSV. */
bool iopc_xlsx_is(const void *data, size_t len);
/* Reads the workbook data[0..len), which came from path (named in
 * errors), into out. 0, or -1 with every problem in err (out empty). */
int iopc_xlsx_read(const char *path, const void *data, size_t len,
                   const struct iopc_xlsx_options *o, struct iopc_bulletin *out, struct buf *err);

#endif
