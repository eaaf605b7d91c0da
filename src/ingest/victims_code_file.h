/*
 * victims_code_file.h - the force's Victims' Code compliance audit from
 * CSV, computed into the plan's Victims' Code measure
 * (model/victims_code.h) as metric values (`peel victims-code load`).
 *
 * The file (a layout this project defines: the force's audit returns are
 * copied into it), one row per quarter and key area audited:
 *
 *   quarter,area,checked,met
 *   2025-26 Q1,acknowledgement,120,111
 *
 * quarter a financial quarter; area one of the codes of
 * model/victims_code.h; checked the crimes whose entitlement in the area
 * was checked (1 to 1,000,000), met those in which it was met (0 to
 * checked). (quarter, area) is unique. Each quarter's value is 100 x the
 * sum of met over the sum of checked, stored with both sums as its
 * numerator and denominator and the areas audited in its note. A file is
 * checked whole first: any problem and nothing is stored, every problem
 * (up to 20) reported as FILE:LINE: FIELD: what is wrong.
 */
#ifndef PEEL_INGEST_VICTIMS_CODE_FILE_H
#define PEEL_INGEST_VICTIMS_CODE_FILE_H

#include "store/metric_values.h"
#include "util/buf.h"

#define VICTIMS_CODE_FILE_MAX (256 * 1024)
#define VICTIMS_CODE_ROWS_MAX 2000

/* Loads path into the metric (NULL: VICTIMS_CODE_METRIC), which the plan
 * must have as a loaded percentage. 0; 2 when the file is unreadable or
 * has bad rows (err lists them; nothing is changed); 1 when the store
 * failed. */
int victims_code_file_load(struct store *s, const char *path, const char *metric,
                           const struct load_origin *origin, struct metric_load_counts *counts,
                           struct buf *err);

#endif
