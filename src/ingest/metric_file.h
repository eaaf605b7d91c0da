/*
 * metric_file.h - loading values of a plan's "loaded" metrics from CSV
 * (`peel metric load`).
 *
 * The file has a header naming its columns, in any order:
 *
 *   metric,period,area,value,numerator,denominator,source,note
 *
 * metric, period and value are required. The period is written as the
 * metric's frequency says: a month (2023-04), a financial quarter
 * (2023-24 Q1) or a financial year (2023-24). An empty area is the whole
 * force area. Numerator and denominator go together; for a percentage or a
 * rate per 1,000 the value must agree with them to the decimals it is
 * written with.
 *
 * A file is checked whole before anything is stored: one bad row and
 * nothing is loaded, with every problem listed as FILE:LINE: field: reason.
 */
#ifndef PEEL_METRIC_FILE_H
#define PEEL_METRIC_FILE_H

#include "store/metric_values.h"
#include "util/buf.h"

struct store;

/* 0 on success; 2 when the file is unreadable or has bad rows (err lists
 * them; nothing is changed); 1 when the store failed. The load is recorded
 * with the file's SHA-256 and origin (NULL: not known; store/loads.h). */
int metric_file_load(struct store *s, const char *path, const struct load_origin *origin,
                     struct metric_load_counts *counts, struct buf *err);

#endif
