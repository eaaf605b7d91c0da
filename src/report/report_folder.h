/*
 * report_folder.h - a report folder (as `peel report` writes it) read whole
 * for `peel publish`: its kind and period from report.json, and each file
 * with its SHA-256 and the SHA-256 of the whole.
 */
#ifndef PEEL_REPORT_FOLDER_H
#define PEEL_REPORT_FOLDER_H

#include <stdbool.h>
#include <stddef.h>

#include "store/publish.h"
#include "util/buf.h"
#include "util/sha256.h"

/* A report folder read whole: its files, in name order, with their hashes. */
struct report_folder {
    char *kind, *period;
    struct publication_file *files;
    struct buf *contents;
    char (*hashes)[SHA256_HEX_SIZE];
    size_t n;
    char sha256[SHA256_HEX_SIZE]; /* of "name\0hash\n" for every file, in order */
};

/* Reads the folder: its regular files that are not hidden (a writer's
 * temporary files are), in name order. false with err; free f either way. */
bool report_folder_read(const char *dir, struct report_folder *f, struct buf *err);
void report_folder_free(struct report_folder *f);

#endif
