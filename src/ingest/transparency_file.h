/*
 * transparency_file.h - the transparency calendar's file (`peel
 * transparency load`; shipped as data/transparency/england-and-wales.csv).
 *
 * CSV with a header naming, in this order, the columns
 *
 *   key,title,source,publisher,rule,days,basis,path,register,note
 *
 * one row per item: a key (lower-case letters, digits, '-'), what is
 * published, the law, who publishes it, the rule (before-year, monthly,
 * quarterly, annual, on-change, event: model/transparency.h), the days it
 * gives (0 for before-year), their basis (calendar or working), the path
 * in Peel where it is published ("" when Peel does not publish it yet),
 * the register of Peel's that records it ("", decisions, hmicfrs) and a
 * note. The whole file is checked first and every problem listed as
 * FILE:LINE: field: reason; any problem and nothing is stored.
 */
#ifndef PEEL_INGEST_TRANSPARENCY_FILE_H
#define PEEL_INGEST_TRANSPARENCY_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/audit.h"
#include "util/buf.h"

struct store;

#define TR_FILE_MAX_BYTES (1024 * 1024)

/* Checks and (unless dry_run) loads the file. 0 on success (*items gets
 * the count); 2 when the file is unreadable or has problems (err lists
 * them; nothing is changed); 1 when the store failed. */
int transparency_file_load(struct store *s, const char *path, bool dry_run,
                           const struct audit_origin *by, size_t *items, struct buf *err);

#endif
