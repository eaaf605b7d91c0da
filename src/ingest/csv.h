/*
 * csv.h - a streaming RFC 4180 CSV reader.
 *
 * Reads records from any byte source (a file, a member of a zip archive)
 * through a read callback, so a 100 MB file is never held in memory. Handles
 * CRLF and LF line ends, a leading UTF-8 byte-order mark, and quoted fields
 * containing commas, quotes ("") and newlines.
 *
 * Why not a library: Debian has libcsv, but it hands fields over through
 * per-field callbacks with a copy each; this reader returns pointers into its
 * own buffer and copies only fields that contain quotes. Measured on the 36
 * real Leicestershire street files (311,696 rows, 71 MB) see bench/csv.
 *
 * A record the reader cannot make sense of (a quote inside an unquoted field,
 * text after a closing quote, an unterminated quote, an over-long record) is
 * still returned, with `error` set and `raw` holding its bytes verbatim, so
 * that the caller can quarantine it rather than lose it.
 */
#ifndef PEEL_CSV_H
#define PEEL_CSV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/buf.h"

/* Fills buf with up to n bytes; returns bytes read, 0 at end, -1 on error. */
typedef ssize_t (*csv_read_fn)(void *source, char *buf, size_t n);

struct csv_field {
    const char *p; /* not NUL-terminated; valid until the next csv_next() */
    size_t len;
};

struct csv_record {
    struct csv_field *fields;
    size_t nfields;
    long line;       /* physical line on which the record starts, from 1 */
    const char *raw; /* the record's bytes as read, without its line end */
    size_t rawlen;
    const char *error; /* NULL, or why the record is malformed */
    /* no error, and every field is a view of raw (none had "" to unescape;
     * an unterminated quote's field may take in the line end raw leaves) */
    bool in_raw;
};

/* Longest record accepted; police.uk rows are under 1 KiB. */
#define CSV_MAX_RECORD (1024 * 1024)

struct csv_reader;

struct csv_reader *csv_open(csv_read_fn read, void *source);
/* 1: a record was read; 0: end of input; -1: read error (errno set). */
int csv_next(struct csv_reader *r, struct csv_record *rec);
/* Bytes consumed so far (for progress reporting). */
unsigned long long csv_offset(const struct csv_reader *r);
void csv_close(struct csv_reader *r);

/* Convenience read callback for a file descriptor passed as (intptr_t). */
ssize_t csv_read_fd(void *source, char *buf, size_t n);

/* One problem of a file being checked, "PATH:LINE: FIELD: message" and a
 * line end into err (no "FIELD: " when field is NULL), the message escaped
 * so that the file's own text stays on its line; counted in *n, and
 * written only while *n is at most max (the caller says how many more). */
void csv_problem(struct buf *err, int *n, int max, const char *path, long line, const char *field,
                 const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

/* The problems of one small file being checked, for csv_problemf: at most
 * CSV_PROBLEMS_MAX written, all counted. */
#define CSV_PROBLEMS_MAX 20
struct csv_problems {
    const char *path;
    struct buf *err;
    int n;
};
/* csv_problem with a format's arguments, for one file's problems. */
void csv_problemf(struct csv_problems *p, long line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A read callback over bytes in memory (a file read whole and checked
 * before it is parsed): pass a struct csv_memory as the source. */
struct csv_memory {
    const char *p;
    size_t left;
};
ssize_t csv_read_memory(void *source, char *buf, size_t n);

/* A small file checked whole (a list of categories, a bulletin): reads at
 * most max bytes of path, then gives each record to fn, the first with
 * header true, blank ones skipped. A record the reader cannot read, or a
 * file larger than max, is a problem (csv_problem: counted in *n, written
 * while *n is at most nmax). False when the file cannot be read (why in
 * err). */
typedef void (*csv_check_fn)(void *arg, const struct csv_record *rec, bool header);
bool csv_check_file(const char *path, size_t max, struct buf *err, int *n, int nmax,
                    csv_check_fn fn, void *arg);

/* Whether every field of rec is empty or white space (a blank line, or a
 * spreadsheet's row of empty cells). */
bool csv_record_blank(const struct csv_record *rec);

/* Field col of rec with surrounding white space removed, as a new string
 * ("" when the record has no such field). */
char *csv_field_text(const struct csv_record *rec, int col);

#endif
