/*
 * buf.c - growable NUL-terminated byte strings (see buf.h).
 */
#include "util/buf.h"
#include "util/mem.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_grow(struct buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

void buf_append(struct buf *b, const void *data, size_t n)
{
    buf_grow(b, n);
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
    buf_grow(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    assert(n >= 0);
    buf_grow(b, (size_t)n);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->cap)
        b->p[0] = '\0';
}

void buf_free(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

char *buf_detach(struct buf *b)
{
    char *s = b->cap ? b->p : xstrdup("");
    b->p = NULL;
    b->len = b->cap = 0;
    return s;
}

const char *buf_str(const struct buf *b)
{
    return b->cap ? b->p : "";
}

bool buf_read_file(struct buf *b, const char *path, struct buf *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        buf_printf(err, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(b, chunk, n);
    bool ok = !ferror(f);
    fclose(f);
    if (!ok)
        buf_printf(err, "%s: read error", path);
    return ok;
}

void buf_put_escaped(struct buf *b, const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '\n')
            buf_puts(b, "\\n");
        else if (*c < 0x20 || *c == 0x7f)
            buf_printf(b, "\\x%02x", *c);
        else
            buf_putc(b, (char)*c);
    }
}
