/*
 * buf.h - a growable byte string, always NUL-terminated.
 *
 * The one string type used across Peel (in the manner of Redis's sds): CSV
 * fields that need unquoting, SQL built from whitelisted pieces, rendered
 * output. A zeroed struct buf is a valid empty buffer.
 */
#ifndef PEEL_BUF_H
#define PEEL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *p;    /* NUL-terminated when cap > 0 */
    size_t len; /* bytes in use, excluding the NUL */
    size_t cap; /* bytes allocated */
};

#define BUF_INIT                                                                                   \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void buf_grow(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Returns the string (never NULL) and leaves b empty; caller frees. */
char *buf_detach(struct buf *b);
/* Read-only view: "" for an empty, never-grown buffer. */
const char *buf_str(const struct buf *b);
/* Appends s with control characters escaped (\n, \xHH): for messages that
 * quote outside text, which must not break the message's one line. */
void buf_put_escaped(struct buf *b, const char *s);
/* Appends a whole file; false with "PATH: reason" in err on failure. */
bool buf_read_file(struct buf *b, const char *path, struct buf *err);

#endif
