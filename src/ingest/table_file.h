/*
 * table_file.h - the rows of a file an office keeps as a spreadsheet:
 * CSV, or the first (or a named) sheet of an .xlsx workbook, told apart
 * by the file's bytes, not its name (an .xlsx is a zip archive).
 *
 * Every register's importer reads through this, so each takes either
 * format with the same checks, the same errors (a row's `line` is the
 * CSV line, or the sheet's row number) and the same quarantine.
 */
#ifndef PEEL_INGEST_TABLE_FILE_H
#define PEEL_INGEST_TABLE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/csv.h"
#include "util/buf.h"

struct table_reader;

/* A date as offices' sheets write it, YYYY-MM-DD or DD/MM/YYYY (a
 * workbook's date cell is read as the first), a real date from min_year
 * to 2100, into out as YYYY-MM-DD; false otherwise. */
bool table_date(const char *text, int min_year, char out[11]);

/* Whose a row of a register's file is, as offices write it: 0 the
 * Commissioner ("pcc", "OPCC", "Commissioner", "PFCC"), 1 the chief
 * constable ("force", "Chief Constable", "police", "constabulary"), -1
 * neither. Any case. */
int table_party(const char *text);

/* Whether id is an org-id (org-id.guide), as the registers take a
 * supplier's or a provider's: a list's code, GB-COH or XI-IATI, then the
 * organisation's identifier in it ("GB-COH-01234567", "GB-CHC-1234567"). */
bool table_org_id(const char *id);

/* A column's header as the registers match it, into out (n bytes): lower
 * case, each run of anything but ASCII letters and digits one space, none
 * at the ends ("Transaction No." -> "transaction no", "Amount (£)" ->
 * "amount"). */
void table_header_key(const char *name, char *out, size_t n);
/* The column k (0..ncols) whose names, aliases[k * width ...] up to a
 * NULL, hold key; -1 when none does. */
int table_column_of(const char *key, const char *const *aliases, int ncols, int width);

/* Reads the whole of the file at path into bytes (which the caller
 * frees), refusing one over max_bytes ("split the file"). False, with the
 * reason in err naming the file, when it cannot be read. */
bool table_file_read(const char *path, long long max_bytes, struct buf *bytes, struct buf *err);

/* Reads bytes, the whole of the file at path (named in errors); sheet is
 * the worksheet wanted from a workbook (NULL: the first; ignored for CSV).
 * NULL, with the reason in err, when a workbook cannot be read. bytes must
 * outlive the reader. */
struct table_reader *table_open(const char *path, const struct buf *bytes, const char *sheet,
                                struct buf *err);
/* As csv_next: 1 a row, 0 no more, -1 a read error. */
int table_next(struct table_reader *t, struct csv_record *rec);
/* True when the rows come from a workbook. */
bool table_is_xlsx(const struct table_reader *t);
void table_close(struct table_reader *t);

#endif
