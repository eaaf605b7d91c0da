/*
 * publish.h - published reports, frozen in the store.
 *
 * `peel publish DIR` copies a report's files into the store with their
 * SHA-256, the kind of report and its period, when and by whom. What is
 * published never changes (the schema's triggers refuse any update or
 * delete): a correction is a new version of the same report that names the
 * version it corrects and says why.
 */
#ifndef PEEL_STORE_PUBLISH_H
#define PEEL_STORE_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct publication {
    int64_t id;
    const char *kind, *period; /* "governance", "2023-03" */
    int version;
    const char *sha256; /* of the files' names and hashes, in name order */
    const char *published_at, *published_by, *source_path;
    int corrects;       /* the version corrected, or 0 */
    const char *reason; /* why, for a correction */
};

struct publication_file {
    const char *name, *sha256;
    const void *bytes;
    size_t size;
};

/* The latest version of a report (kind, period) and its hash; false when
 * there is none. */
struct publication_head {
    int version;
    char sha256[65];
};
bool store_publication_latest(struct store *s, const char *kind, const char *period,
                              struct publication_head *out);
/* Whether version v of the report exists. */
bool store_publication_exists(struct store *s, const char *kind, const char *period, int v);
/* Stores a new version (pub->version is set here: one after the latest) in
 * one transaction; -1 with err. */
int store_publish(struct store *s, struct publication *pub, const struct publication_file *files,
                  size_t n, struct buf *err);

/* p's strings are valid during the call only. */
typedef void (*publication_fn)(void *arg, const struct publication *p, size_t files, int64_t bytes);
/* Every published version, newest first. */
int store_publications(struct store *s, publication_fn fn, void *arg, struct buf *err);

/* The files of published version `id` (publication.id), in name order;
 * f->bytes is NULL here (only the size is read). */
typedef void (*publication_file_fn)(void *arg, const struct publication_file *f);
int store_publication_files(struct store *s, int64_t id, publication_file_fn fn, void *arg,
                            struct buf *err);

/* One published file: its stored SHA-256 into sha256 and its bytes
 * appended to bytes, exactly as published. 1 when version v of the report
 * (kind, period) has no file of that name; -1 with err. */
int store_publication_file_read(struct store *s, const char *kind, const char *period, int v,
                                const char *name, char sha256[65], struct buf *bytes,
                                struct buf *err);

#endif
