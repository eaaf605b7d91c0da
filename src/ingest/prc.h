/*
 * prc.h - the Home Office Police Recorded Crime (PRC) open data table:
 * recognising its header and checking its rows.
 *
 * The table ("prc-pfa-mar2013-onwards-tables", one sheet per financial
 * year, saved as CSV) has one row per force, financial quarter and Home
 * Office offence code:
 *
 *   Financial Year,Financial Quarter,Force Name,Offence Description,
 *   Offence Group,Offence Subgroup,Offence Code,Number of Offences
 *
 * Columns are found by name, ignoring case, spaces and punctuation, so a
 * release that reorders them, snake_cases them or adds columns still reads.
 * Every field is trimmed: the spreadsheet export pads counts (" 66776 ").
 * Counts may carry thousands separators ("1,234", quoted in the CSV) and
 * may be negative: the Home Office publishes a negative quarter where more
 * offences recorded earlier were cancelled or reclassified than were
 * recorded (docs/methods.md). "-00" is how the export writes zero.
 *
 * Pure checks: no I/O, no store. Fuzzed by fuzz/fuzz_prc.c.
 */
#ifndef PEEL_INGEST_PRC_H
#define PEEL_INGEST_PRC_H

#include <stdbool.h>
#include <stdint.h>

#include "ingest/csv.h"
#include "store/rows.h"

enum prc_column {
    PRC_FY,
    PRC_QUARTER,
    PRC_FORCE,
    PRC_DESCRIPTION,
    PRC_GROUP,
    PRC_SUBGROUP,
    PRC_CODE,
    PRC_COUNT,
    PRC_COLUMNS
};

/* Where each column is in the file's records. */
struct prc_header {
    size_t col[PRC_COLUMNS];
    size_t width; /* fields in the header: every row must have as many */
};

/* Why a header or row was refused: the column (NULL for the whole row) and
 * a reason. */
struct prc_problem {
    const char *column;
    char reason[160];
};

/* The published name of a column ("Number of Offences"). */
const char *prc_column_name(enum prc_column c);

/* Recognises a PRC header: true with h filled, or false with why saying
 * which columns are missing or repeated. */
bool prc_parse_header(const struct csv_record *rec, struct prc_header *h, struct prc_problem *why);

/* Checks one data row against its header: true with out filled (text
 * fields are trimmed views into the record), or false with why filled in. */
bool prc_parse_row(const struct prc_header *h, const struct csv_record *rec, struct prc_row *out,
                   struct prc_problem *why);

/* Parses a count: optional surrounding spaces, an optional minus sign,
 * digits with optional thousands separators in groups of three. */
bool prc_parse_count(const char *p, size_t n, int64_t *out);

#endif
