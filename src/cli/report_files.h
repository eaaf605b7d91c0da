/*
 * report_files.h - what every `peel report KIND` does with its folder:
 * make it (refusing one that holds anything unless --force), write each
 * file aside and rename it into place, and say when it was generated.
 */
#ifndef PEEL_CLI_REPORT_FILES_H
#define PEEL_CLI_REPORT_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#include <jansson.h>

struct peel_ctx;

/* Makes the folder (with its parents); a folder that is not empty needs
 * force. 0, or -1 with err. */
int report_prepare_dir(const char *path, bool force, struct buf *err);
/* Writes data to DIR/NAME under a temporary name, then renames it, so a
 * reader never sees half a file; path gets DIR/NAME. 0, or -1 with err. */
int report_write_file(const char *dir, const char *name, const struct buf *data, struct buf *path,
                      struct buf *err);
/* Writes m (NULL: out of memory) as DIR/report.json, the folder's
 * description that `peel publish` reads, and releases it. 0, or -1 with err. */
int report_write_manifest(const char *dir, json_t *m, struct buf *err);
/* Now, or SOURCE_DATE_EPOCH (reproducible output): "2023-11-14 22:13 UTC",
 * and in ISO 8601 for a PDF's creation date (empty if unknown). */
void report_generated_text(char *out, size_t n, char *iso, size_t niso);

/* The reports other than governance, each in its own file. */
int run_report_annual(int argc, char **argv, struct peel_ctx *ctx);

#endif
