/*
 * bank_holidays_file.h - gov.uk's bank holidays file read into a list.
 *
 * The file is https://www.gov.uk/bank-holidays.json as downloaded:
 *   {"england-and-wales": {"division": "england-and-wales",
 *     "events": [{"title": ..., "date": "YYYY-MM-DD", "notes": ..., "bunting": true}, ...]},
 *    "scotland": {...}, "northern-ireland": {...}}
 * Only "england-and-wales" is read (the Office's calendar); the other
 * divisions may be present or not. Every event is checked, and every
 * problem reported (up to 20), each naming the file and the field, as
 * "FILE: england-and-wales.events[12].date: ...". At most 1 MiB.
 */
#ifndef PEEL_INGEST_BANK_HOLIDAYS_FILE_H
#define PEEL_INGEST_BANK_HOLIDAYS_FILE_H

#include <stddef.h>

#include "model/bank_holidays.h"
#include "util/buf.h"

#define BANK_HOLIDAYS_FILE_MAX (1u << 20)

/* Reads the file at path into out (initialised, empty), with its SHA-256.
 * 0, or -1 with every problem in err (out then empty). */
int bank_holidays_read(const char *path, struct holiday_list *out, struct buf *err);
/* The same for text already read; name is what errors call it. */
int bank_holidays_parse(const char *name, const char *text, size_t n, struct holiday_list *out,
                        struct buf *err);

#endif
