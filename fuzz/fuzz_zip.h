/*
 * fuzz_zip.h - the workbook fuzzers' archive: a zip archive's members
 * carry CRCs, so mutated archive bytes are nearly always refused before
 * any XML is read; these targets take XML parts separated by NUL bytes
 * and store them (not deflated) into a well-formed archive, so that the
 * fuzzer steers through the XML handlers (fuzz_xlsx, fuzz_iopc_xlsx).
 */
#ifndef PEEL_FUZZ_ZIP_H
#define PEEL_FUZZ_ZIP_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "util/buf.h"

struct fuzz_part {
    const char *name; /* the member's name in the archive */
    const void *p;
    size_t n;
};

/* data split at its NUL bytes into at most max parts (the last ends at
 * the next NUL or the end), their bytes into parts[0..]; how many (at
 * least 1: no bytes are one empty part). */
static inline size_t fuzz_split(const uint8_t *data, size_t size, struct fuzz_part *parts,
                                size_t max)
{
    size_t start = 0, k = 0;
    while (k < max) {
        const uint8_t *nul = start < size ? memchr(data + start, 0, size - start) : NULL;
        size_t end = nul ? (size_t)(nul - data) : size;
        parts[k].p = data + start;
        parts[k++].n = end - start;
        if (!nul)
            break;
        start = end + 1;
    }
    return k;
}

/* The parts stored into an archive (a file named for tag and the
 * process, removed after), read back into out. */
static inline void fuzz_zip_build(const char *tag, const struct fuzz_part *parts, size_t n,
                                  struct buf *out)
{
    char path[96];
    snprintf(path, sizeof path, "/tmp/%s.%ld.zip", tag, (long)getpid());
    int error;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z)
        abort();
    for (size_t k = 0; k < n; k++) {
        zip_source_t *src = zip_source_buffer(z, parts[k].p, parts[k].n, 0);
        zip_int64_t idx = src ? zip_file_add(z, parts[k].name, src, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0 || zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0) != 0)
            abort();
    }
    if (zip_close(z) != 0)
        abort();
    struct buf err = BUF_INIT;
    if (!buf_read_file(out, path, &err))
        abort();
    buf_free(&err);
    unlink(path);
}

#endif
