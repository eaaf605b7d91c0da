/*
 * crime_rows.h - a street crime as a row of the explorer's downloads, and
 * the rendered CSV of every street slice kept in the store.
 *
 * The explorer streams crimes row by row (web/page_explore.c); a download
 * of whole months is served instead from each slice's CSV rendered ahead of
 * time (store/export.h), as the import stores each crime or, for a slice
 * that has none, read back afterwards. All are made here, by the same two
 * functions, so the paths write the same bytes by construction.
 */
#ifndef PEEL_CRIME_ROWS_H
#define PEEL_CRIME_ROWS_H

#include <stdbool.h>

#include "render/table.h"
#include "store/crimes.h"
#include "store/import.h"
#include "store/rows.h"

enum { CRIME_ROW_COLS = 12 };

/* data.police.uk's columns in snake_case, then the district Peel derives. */
extern const char *const crime_row_columns[CRIME_ROW_COLS];

/* The row's cells, borrowing r's texts: empty is null (JSON writes null,
 * as police.uk's API does), coordinates are numbers with their published
 * decimals. */
void crime_row_cells(const struct crime_row *r, struct cell c[CRIME_ROW_COLS]);

/* The row as CSV (no header), appended to out: what a slice's stored CSV
 * holds, the same bytes as crime_row_cells through table_stream_row; arg
 * is unused. */
void crime_row_csv(const struct crime_row *r, struct buf *out, void *arg);
/* The same row from its texts with their lengths, in struct crime_row's
 * order, in two parts (store_crime_csv, store/import.h), so that the import
 * renders each crime as it stores it, from the texts it parsed: its first
 * CRIME_ROW_COLS - 1 columns, each followed by a comma (on the import's
 * reading thread), then its district and the row's end (where the store
 * knows the district). */
void crime_texts_csv_head(const struct text *texts, struct buf *out);
void crime_district_csv(struct text district, struct buf *out);
/* Whether crime_texts_csv_head(texts) writes exactly source, the texts as
 * read from a police.uk file, joined by commas with one after the last,
 * their coordinates empty or of six decimals (store_crime_csv.as_read,
 * whose month it does not look at). */
bool crime_texts_csv_as_read(const struct text *texts, struct text source);
extern const struct store_crime_csv crime_texts_csv;

/* Renders the CSV rows of every street slice that has none stored, in one
 * transaction (all or none are stored). *rendered (if not NULL) says how
 * many slices were; -1 with err. */
int export_refresh(struct store *s, long *rendered, struct buf *err);

#endif
