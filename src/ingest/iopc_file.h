/*
 * iopc_file.h - one force's quarterly complaints figures as the IOPC
 * publishes them, read from the CSV layout of docs/complaints-data.md:
 *
 *   force,from,to,measure,breakdown,value,last_year,similar_forces,england_and_wales
 *
 * One file is one bulletin: every row names the same force (a police.uk
 * slug or name, model/forces.h) and the same period (from and to, dates
 * YYYY-MM-DD, to no earlier than from, spanning at most a year). measure is
 * one of model/iopc.h's; breakdown is empty for the measure's total, or a
 * label (1..120 bytes) where the measure allows one (allegations by
 * category, finalised by outcome); (measure, breakdown) is unique. value is
 * the force's figure; the last three (the same period a year before, the
 * most similar forces' average, England and Wales) may be empty. Every row
 * is checked before any is used and every problem reported (up to 20) as
 * "FILE:LINE: FIELD: ...". At most 256 KiB and 2,000 rows.
 */
#ifndef PEEL_INGEST_IOPC_FILE_H
#define PEEL_INGEST_IOPC_FILE_H

#include <stddef.h>

#include "model/iopc.h"
#include "util/buf.h"

#define IOPC_FILE_MAX (256u * 1024)
#define IOPC_ROWS_MAX 2000

/* Reads the file at path into out. 0, or -1 with every problem in err
 * (out then empty). */
int iopc_file_read(const char *path, struct iopc_bulletin *out, struct buf *err);

#endif
