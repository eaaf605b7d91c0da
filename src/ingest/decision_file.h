/*
 * decision_file.h - an office's existing decision register, from CSV or
 * XLSX (`peel decision import`).
 *
 * The file has a header naming its columns, in any order, case and
 * spaces or '_' alike, as offices keep them:
 *
 *   reference,date,title,decision,value,link           (the usual six)
 *   summary,subject,type,status,exempt ground,decision maker,reasons,
 *   planned for                                         (optional)
 *
 * reference, date, title and decision are required (decision not for a
 * forward-planned row). date is YYYY-MM-DD or DD/MM/YYYY. value is pounds
 * as written ("328,075", "£39,305.40", empty for none). status is
 * published (the default), withheld (then "exempt ground" names the FOIA
 * section: only a stub will be public) or forward-planned (date is then
 * the Panel meeting it is planned for).
 *
 * The file is CSV, or an .xlsx workbook whose first sheet holds the same
 * columns (ingest/table_file.h): a row's line is then the sheet's row
 * number, and a date cell is read as its date.
 *
 * The whole file is checked before anything is stored: any problem and
 * nothing is imported, with every problem listed as FILE:LINE: field:
 * reason. Files over DECISION_FILE_MAX_BYTES or DECISION_FILE_MAX_ROWS
 * rows are refused whole.
 */
#ifndef PEEL_INGEST_DECISION_FILE_H
#define PEEL_INGEST_DECISION_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/audit.h"
#include "util/buf.h"

struct store;

#define DECISION_FILE_MAX_BYTES  (8 * 1024 * 1024)
#define DECISION_FILE_MAX_ROWS   10000
#define DECISION_FIELD_MAX_BYTES 20000

/* Checks and (unless dry_run) imports the file. 0 on success (*imported
 * gets the count, checked or stored); 2 when the file is unreadable or has
 * problems (err lists them; nothing is changed); 1 when the store failed. */
int decision_file_import(struct store *s, const char *path, bool dry_run,
                         const struct audit_origin *by, size_t *imported, struct buf *err);

#endif
