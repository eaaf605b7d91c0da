/*
 * floor.c - the physical floor of an import, for bench/ingest: every file
 * read and split into records by Peel's own quote-aware CSV reader
 * (ingest/csv.c), with or without the SHA-256 that `peel import` takes of
 * each file, and nothing stored. What `peel import` costs beyond this is
 * its validation, interning and SQLite's writes.
 *
 *   floor [--sha256] FILE...     prints: files records fields bytes
 *
 * Built by bench/ingest with the Release flags from the library's own
 * sources; not part of Peel.
 */
#include "ingest/csv.h"
#include "util/sha256.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct source {
    int fd;
    struct sha256 *hash; /* NULL: not hashed */
    unsigned long long bytes;
};

static ssize_t source_read(void *arg, char *buf, size_t n)
{
    struct source *s = arg;
    ssize_t got = read(s->fd, buf, n);
    if (got > 0) {
        s->bytes += (unsigned long long)got;
        if (s->hash)
            sha256_update(s->hash, buf, (size_t)got);
    }
    return got;
}

int main(int argc, char **argv)
{
    int first = 1;
    bool hashed = argc > 1 && strcmp(argv[1], "--sha256") == 0;
    first += hashed;
    unsigned long long records = 0, fields = 0, bytes = 0;
    for (int i = first; i < argc; i++) {
        struct sha256 h;
        struct source s = {.fd = open(argv[i], O_RDONLY), .hash = hashed ? &h : NULL};
        if (s.fd < 0) {
            perror(argv[i]);
            return 1;
        }
        if (hashed)
            sha256_init(&h);
        struct csv_reader *r = csv_open(source_read, &s);
        struct csv_record rec;
        int got;
        while ((got = csv_next(r, &rec)) == 1) {
            records++;
            fields += rec.nfields;
        }
        csv_close(r);
        close(s.fd);
        if (got < 0) {
            perror(argv[i]);
            return 1;
        }
        if (hashed) {
            char hex[SHA256_HEX_SIZE];
            sha256_hex(&h, hex);
        }
        bytes += s.bytes;
    }
    printf("%d %llu %llu %llu\n", argc - first, records, fields, bytes);
    return 0;
}
