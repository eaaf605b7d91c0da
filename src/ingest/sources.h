/*
 * sources.h - finding the CSV streams behind the paths given to `peel import`.
 *
 * A path may be a CSV file, a folder (searched recursively for .csv and .zip
 * files, in name order so months import in order) or a zip archive
 * (recognised by its signature, not its name), whose .csv members are read
 * with libzip straight from the archive, never extracted to disk.
 *
 * Bounded whatever the input: an archive's central directory is read once,
 * however many members are imported from it (a source_reader keeps it open
 * while its members are read in order); an archive may not ask for more
 * than the caps below; a folder walk enters each directory once (by device
 * and inode), so symlinks back up the tree cannot make it endless.
 */
#ifndef PEEL_SOURCES_H
#define PEEL_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/buf.h"
#include "util/sha256.h"

/* An archive holding more entries than this is refused whole: a real
 * all-forces download holds about 4,700 CSVs. */
#define SOURCES_ZIP_MAX_ENTRIES 100000
/* A member may not decompress to more than this many times its compressed
 * size (a zip bomb): the real CSVs of ../shared/data/real, deflated by
 * zip -6, range from 4.3 to 19.1. Members declaring under
 * SOURCES_ZIP_RATIO_FLOOR bytes are not judged: a tiny file can compress
 * well and costs nothing. */
#define SOURCES_ZIP_MAX_RATIO   100
#define SOURCES_ZIP_RATIO_FLOOR (1ULL << 20)
/* The CSV members of one archive may declare in all at most
 * SOURCES_ZIP_MAX_RATIO times the archive's own size (plus the floor), and
 * never more than SOURCES_ZIP_MAX_BYTES; beyond, the archive is refused
 * whole. So what is decompressed is linear in the archive's size. */
#define SOURCES_ZIP_MAX_BYTES (64ULL << 30)

struct source {
    char *path;               /* file on disk */
    char *member;             /* name inside the zip archive at path, or NULL */
    long long index;          /* member index, or -1 */
    unsigned long long bytes; /* a member reads as exactly this many bytes or fails */
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

/* Opens sources one after another, keeping the last archive open so that
 * reading its members in list order reads its central directory once. */
struct source_reader;
struct source_reader *source_reader_new(void);
void source_reader_free(struct source_reader *r);

/* An open stream over one source; one at a time per reader. */
struct source_stream;
struct source_stream *source_open(struct source_reader *r, const struct source *src,
                                  struct buf *err);
ssize_t source_read(void *stream, char *buf, size_t n); /* a csv_read_fn */
/* Why source_read last returned -1, or NULL (then errno says). */
const char *source_error(const struct source_stream *s);
void source_close(struct source_stream *s);
/* The SHA-256 of the bytes read from the stream so far (the whole file once
 * source_read has returned 0), as lower-case hex; once only. */
void source_sha256(struct source_stream *s, char hex[SHA256_HEX_SIZE]);
/* The whole of src read into out (emptied first), not hashed, when it
 * holds at most max bytes: true then. False when it cannot be opened or
 * read, or holds more; out then holds nothing of use, and the caller reads
 * the source as a stream instead, which says what is wrong. */
bool source_slurp(struct source_reader *r, const struct source *src, size_t max, struct buf *out);
/* "path" or "path:member", for messages. */
void source_describe(const struct source *src, struct buf *out);
/* The base name of the file or member. */
const char *source_name(const struct source *src);

#endif
