/*
 * report_dir.h - what every report does with its folder: make it (refusing
 * one that holds anything unless overwrite is asked for), write each file aside and rename
 * it into place, describe the folder in report.json, and say when the
 * report was generated.
 */
#ifndef PEEL_REPORT_DIR_H
#define PEEL_REPORT_DIR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#include <jansson.h>

/* Makes the folder (with its parents); a folder that is not empty needs
 * overwrite. 0, or -1 with err. */
int report_prepare_dir(const char *path, bool overwrite, struct buf *err);
/* Writes data to DIR/NAME under a temporary name, then renames it, so a
 * reader never sees half a file; path gets DIR/NAME. 0, or -1 with err. */
int report_write_file(const char *dir, const char *name, const struct buf *data, struct buf *path,
                      struct buf *err);
/* The same for a file a library writes itself (a workbook, a PDF): write
 * is given the temporary name, and what it wrote is renamed to DIR/NAME
 * when it returns 0 (and removed when it does not). 0, or -1 with err. */
int report_write_aside(const char *dir, const char *name,
                       int (*write)(void *arg, const char *path, struct buf *err), void *arg,
                       struct buf *err);
/* Writes m (NULL: out of memory) as DIR/report.json, the folder's
 * description that `peel publish` reads, and releases it. 0, or -1 with err. */
int report_write_manifest(const char *dir, json_t *m, struct buf *err);
/* Now, or SOURCE_DATE_EPOCH (reproducible output): "2023-11-14 22:13 UTC",
 * and in ISO 8601 for a PDF's creation date (empty if unknown). */
void report_generated_text(char *out, size_t n, char *iso, size_t niso);

#endif
