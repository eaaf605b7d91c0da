/*
 * plan_file.h - reading a Police and Crime Plan from its YAML file.
 *
 * The format is in docs/plans.md; the plan it gives is model/plan.h's.
 * Every key and value is checked, and the reader keeps going after an error,
 * so that one run reports every mistake in the file.
 */
#ifndef PEEL_PLAN_FILE_H
#define PEEL_PLAN_FILE_H

#include <stdbool.h>

#include "model/plan.h"
#include "util/buf.h"

/* The largest plan file read: the shipped plans are 23 to 44 KB. A cap
 * keeps the time and memory of a load bounded whatever the file. */
#define PLAN_MAX_BYTES (1024 * 1024)

/* A plan file's bytes into text (appended): false with "PATH: reason" in
 * err when it cannot be read, is over PLAN_MAX_BYTES or holds a NUL byte
 * (which would end the text early: what follows would be silently lost). */
bool plan_read_file(const char *path, struct buf *text, struct buf *err);

/* Reads a plan; on failure returns false with every problem found in err,
 * one per line, as "FILE:LINE:COLUMN: message". */
bool plan_parse_file(const char *path, struct plan *out, struct buf *err);
bool plan_parse_string(const char *name, const char *yaml, struct plan *out, struct buf *err);

#endif
