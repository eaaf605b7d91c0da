/*
 * sources.h - finding the CSV streams behind the paths given to `peel import`.
 *
 * A path may be a CSV file, a folder (searched recursively for .csv and .zip
 * files, in name order so months import in order) or a zip archive
 * (recognised by its signature, not its name), whose .csv members are read
 * with libzip straight from the archive, never extracted to disk.
 */
#ifndef PEEL_SOURCES_H
#define PEEL_SOURCES_H

#include <stddef.h>
#include <sys/types.h>

#include "util/buf.h"
#include "util/sha256.h"

struct source {
    char *path;      /* file on disk */
    char *member;    /* name inside the zip archive at path, or NULL */
    long long index; /* member index, or -1 */
    unsigned long long bytes;
};

struct source_list {
    struct source *items;
    size_t count, cap;
};

/* Appends the sources found at path. Returns how many files or folders
 * could not be read (each described on its own line of err); a path that
 * holds no .csv or .zip file at all counts as one. */
int sources_find(const char *path, struct source_list *list, struct buf *err);
void sources_free(struct source_list *list);

/* An open stream over one source. */
struct source_stream;
struct source_stream *source_open(const struct source *src, struct buf *err);
ssize_t source_read(void *stream, char *buf, size_t n); /* a csv_read_fn */
void source_close(struct source_stream *s);
/* The SHA-256 of the bytes read from the stream so far (the whole file once
 * source_read has returned 0), as lower-case hex; once only. */
void source_sha256(struct source_stream *s, char hex[SHA256_HEX_SIZE]);
/* "path" or "path:member", for messages. */
void source_describe(const struct source *src, struct buf *out);
/* The base name of the file or member. */
const char *source_name(const struct source *src);

#endif
