/*
 * varint.h - unsigned LEB128 varints: seven bits a byte, low bits first,
 * the top bit set on every byte but the last.
 *
 * The store's packed blobs (rollup_cells.h, export_pack.h) are built of
 * them: a small number (an id, a count) takes a byte or two. A blob is read
 * from a file anyone may have written to, so varint_get checks every byte:
 * cut short or longer than nine bytes is an error, never a read past the
 * end.
 */
#ifndef PEEL_VARINT_H
#define PEEL_VARINT_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* The most bytes varint_put writes (a 64-bit value). */
#define VARINT_MAX 10

/* Writes v at out, which has VARINT_MAX bytes of room: its length. */
static inline size_t varint_to(unsigned char *out, uint64_t v)
{
    size_t n = 0;
    do {
        out[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        out[n++] |= v ? 0x80 : 0;
    } while (v);
    return n;
}

static inline void varint_put(struct buf *b, uint64_t v)
{
    buf_grow(b, VARINT_MAX); /* written in place: no copy through a buffer */
    b->len += varint_to((unsigned char *)b->p + b->len, v);
    b->p[b->len] = '\0';
}

/* The varint at p[*at] (p holding len bytes), *at moved past it, into *v:
 * 0, or -1 when cut short or over nine bytes (63 bits, so *v >= 0). */
static inline int varint_get(const unsigned char *p, size_t len, size_t *at, int64_t *v)
{
    uint64_t x = 0;
    for (unsigned shift = 0; *at < len && shift < 63; shift += 7) {
        unsigned char byte = p[(*at)++];
        x |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *v = (int64_t)x;
            return 0;
        }
    }
    return -1;
}

/* A signed value as an unsigned one whose size grows with its magnitude
 * (0, -1, 1, -2 ... to 0, 1, 2, 3 ...), for varint_put; and back. */
static inline uint64_t varint_zigzag(int64_t v)
{
    return v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1;
}

static inline int64_t varint_unzigzag(uint64_t u)
{
    return u & 1 ? -(int64_t)(u >> 1) - 1 : (int64_t)(u >> 1);
}

#endif
