/*
 * export_pack.c - packing and unpacking download rows (see export_pack.h).
 *
 * The packer finds a text already in the piece through a direct-mapped
 * table for each dictionary, keyed by the store's id of the text: a slot holds
 * the piece (its serial), the entry's number and where its bytes are in
 * the piece. A slot taken by another id or another piece is a miss, and
 * the text is defined again: a piece is then a little larger, never wrong,
 * and the memory is fixed whatever the ids. A hit is compared byte for
 * byte, so an id that stands for two spellings costs space, not bytes.
 */
#include "store/export_pack.h"
#include "util/coord.h"
#include "util/mem.h"
#include "util/varint.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define SLOT_BITS 12 /* 4,096 a dictionary: a piece holds a few thousand texts */
#define SLOTS     (1u << SLOT_BITS)
#define ID_BYTES  32

enum { TAG_TEMPLATE = 1, TAG_ID = 2, TAG_LONGITUDE = 4, TAG_LATITUDE = 8, TAG_ALL = 15 };

struct slot {
    int64_t key;
    uint32_t serial; /* 0: empty (serials start at 1) */
    uint32_t entry;
    size_t off, len; /* the entry's bytes in the piece */
};

struct export_packer {
    uint32_t serial; /* the last piece started */
    struct slot slots[EXPORT_DICTS][SLOTS];
};

struct export_packer *export_packer_new(void)
{
    return xcalloc(1, sizeof(struct export_packer));
}

void export_packer_free(struct export_packer *pk)
{
    free(pk);
}

static void start_piece(struct export_packer *pk, struct export_piece *pc, const struct buf *b)
{
    if (b->len)
        return;
    pk->serial++;
    assert(pk->serial != 0 && "2^32 - 1 pieces an import");
    pc->serial = pk->serial;
    pc->entries = 0;
}

/* Writing a row: each part at o, in room reserved once for the whole row
 * (row_room): a row is some twenty parts, and growing the buffer for each
 * cost more than the rest of packing it. */
static unsigned char *put_text(unsigned char *o, struct text t)
{
    o += varint_to(o, t.len);
    if (t.len)
        memcpy(o, t.p, t.len);
    return o + t.len;
}

/* The dictionary part t of key at o, in the piece held in b (whose bytes
 * up to o are the piece's). */
static unsigned char *put_dict(struct export_packer *pk, struct export_piece *pc,
                               const struct buf *b, unsigned char *o, enum export_dict d,
                               int64_t key, struct text t)
{
    uint64_t h = ((uint64_t)key * 0x9e3779b97f4a7c15u) >> (64 - SLOT_BITS);
    struct slot *s = &pk->slots[d][h];
    if (s->serial == pc->serial && s->key == key && s->len == t.len &&
        (t.len == 0 || memcmp(b->p + s->off, t.p, t.len) == 0))
        return o + varint_to(o, (uint64_t)s->entry + 1);
    *o++ = 0;
    o += varint_to(o, t.len);
    *s = (struct slot){.key = key,
                       .serial = pc->serial,
                       .entry = pc->entries++,
                       .off = (size_t)(o - (unsigned char *)b->p),
                       .len = t.len};
    if (t.len)
        memcpy(o, t.p, t.len);
    return o + t.len;
}

/* The most bytes row can take packed. */
static size_t row_room(const struct export_row *row)
{
    size_t room = 1 + VARINT_MAX + row->id.len + ID_BYTES + 2 * VARINT_MAX + row->longitude.len +
                  row->latitude.len;
    for (int d = 0; d < EXPORT_DICTS; d++)
        room += 1 + VARINT_MAX + row->dict[d].len;
    return room;
}

void export_pack_row(struct export_packer *pk, struct export_piece *pc, struct buf *b,
                     const struct export_row *row)
{
    start_piece(pk, pc, b);
    /* zigzag of a coordinate fits the nine bytes varint_get reads
     * (coord_parse_micro's are under 10^10) */
    assert(!row->longitude_micro ||
           (row->longitude_v > -(INT64_C(1) << 61) && row->longitude_v < (INT64_C(1) << 61)));
    assert(!row->latitude_micro ||
           (row->latitude_v > -(INT64_C(1) << 61) && row->latitude_v < (INT64_C(1) << 61)));
    buf_grow(b, row_room(row));
    unsigned char *o = (unsigned char *)b->p + b->len;
    *o++ = (unsigned char)(TAG_TEMPLATE | (row->id_bytes ? TAG_ID : 0) |
                           (row->longitude_micro ? TAG_LONGITUDE : 0) |
                           (row->latitude_micro ? TAG_LATITUDE : 0));
    if (row->id_bytes) {
        memcpy(o, row->id_bytes, ID_BYTES);
        o += ID_BYTES;
    } else {
        o = put_text(o, row->id);
    }
    o = put_dict(pk, pc, b, o, EXPORT_D_HEAD, row->key[EXPORT_D_HEAD], row->dict[EXPORT_D_HEAD]);
    o = row->longitude_micro ? o + varint_to(o, varint_zigzag(row->longitude_v))
                             : put_text(o, row->longitude);
    o = row->latitude_micro ? o + varint_to(o, varint_zigzag(row->latitude_v))
                            : put_text(o, row->latitude);
    for (int d = EXPORT_D_LOCATION; d < EXPORT_DICTS; d++)
        o = put_dict(pk, pc, b, o, (enum export_dict)d, row->key[d], row->dict[d]);
    b->len = (size_t)(o - (unsigned char *)b->p);
    assert(b->len < b->cap);
    b->p[b->len] = '\0';
}

void export_pack_literal(struct export_packer *pk, struct export_piece *pc, struct buf *b,
                         struct text a, struct text z)
{
    start_piece(pk, pc, b); /* a piece may start with one */
    buf_putc(b, 0);
    varint_put(b, a.len + z.len);
    buf_append(b, a.p, a.len);
    buf_append(b, z.p, z.len);
}

/* ---- unpacking --------------------------------------------------------- */

void export_unpack_start(struct export_unpacker *u, const void *p, size_t len)
{
    assert(len <= UINT32_MAX && "entries keep 32-bit offsets");
    u->p = p;
    u->len = len;
    u->at = 0;
    u->n = 0;
}

void export_unpack_free(struct export_unpacker *u)
{
    free(u->entries);
    *u = (struct export_unpacker){0};
}

/* A part of a row appended to out: the buffer's NUL is written once a row
 * (export_unpack_row), not after each of its twenty parts. */
static inline void put(struct buf *out, const void *p, size_t n)
{
    if (out->cap - out->len <= n)
        buf_grow(out, n);
    memcpy(out->p + out->len, p, n);
    out->len += n;
}

static inline void put_comma(struct buf *out)
{
    put(out, ",", 1);
}

static int bad(struct buf *err, const char *what)
{
    buf_printf(err, "a packed piece of the download is damaged: %s", what);
    return -1;
}

/* A length and that many bytes, appended to out (define: also as the next
 * entry). */
static int get_text(struct export_unpacker *u, struct buf *out, bool define, struct buf *err)
{
    int64_t n;
    if (varint_get(u->p, u->len, &u->at, &n) < 0 || (uint64_t)n > u->len - u->at)
        return bad(err, "a text runs past its end");
    if (define) {
        if (u->n == u->cap) {
            u->cap = u->cap ? 2 * u->cap : 256;
            u->entries = xrealloc(u->entries, u->cap * sizeof *u->entries);
        }
        /* off and len are below the piece's length, itself below INT_MAX
         * (a blob SQLite holds) */
        u->entries[u->n++] = (struct export_entry){(uint32_t)u->at, (uint32_t)n};
    }
    put(out, u->p + u->at, (size_t)n);
    u->at += (size_t)n;
    return 0;
}

static int get_dict(struct export_unpacker *u, struct buf *out, struct buf *err)
{
    int64_t ref;
    if (varint_get(u->p, u->len, &u->at, &ref) < 0)
        return bad(err, "a text's number is cut short");
    if (ref == 0)
        return get_text(u, out, true, err);
    if ((uint64_t)ref > u->n)
        return bad(err, "a text is used before it is defined");
    const struct export_entry *e = &u->entries[ref - 1];
    put(out, u->p + e->off, e->len);
    return 0;
}

/* The id's hex by a table, not libsodium's sodium_bin2hex, which Peel
 * uses for digests and tokens: that one is constant-time, 89-106 ns an id
 * against 26-39 here (a loop of 10M ids, -O2), and an id a row is a
 * download's hot path; a crime id is no secret. */
static int get_id(struct export_unpacker *u, struct buf *out, struct buf *err)
{
    static const char hex[] = "0123456789abcdef";
    if (u->len - u->at < ID_BYTES)
        return bad(err, "a crime id is cut short");
    if (out->cap - out->len <= 2 * ID_BYTES)
        buf_grow(out, 2 * ID_BYTES);
    char *o = out->p + out->len;
    for (size_t i = 0; i < ID_BYTES; i++) {
        unsigned char c = u->p[u->at + i];
        o[2 * i] = hex[c >> 4];
        o[2 * i + 1] = hex[c & 15];
    }
    out->len += 2 * ID_BYTES;
    u->at += ID_BYTES;
    return 0;
}

static int get_coordinate(struct export_unpacker *u, struct buf *out, bool micro, struct buf *err)
{
    if (!micro)
        return get_text(u, out, false, err);
    int64_t v;
    if (varint_get(u->p, u->len, &u->at, &v) < 0)
        return bad(err, "a coordinate is cut short");
    char text[24];
    size_t n = coord_format_micro(varint_unzigzag((uint64_t)v), text);
    put(out, text, n);
    return 0;
}

static int get_template(struct export_unpacker *u, int tag, struct buf *out, struct buf *err)
{
    if ((tag & TAG_ID ? get_id(u, out, err) : get_text(u, out, false, err)) < 0)
        return -1;
    put_comma(out);
    if (get_dict(u, out, err) < 0)
        return -1;
    put_comma(out);
    if (get_coordinate(u, out, tag & TAG_LONGITUDE, err) < 0)
        return -1;
    put_comma(out);
    if (get_coordinate(u, out, tag & TAG_LATITUDE, err) < 0)
        return -1;
    for (int d = EXPORT_D_LOCATION; d < EXPORT_DICTS; d++) {
        put_comma(out);
        if (get_dict(u, out, err) < 0)
            return -1;
    }
    return 0;
}

int export_unpack_row(struct export_unpacker *u, struct buf *out, struct buf *err)
{
    if (u->at == u->len)
        return 0;
    int tag = u->p[u->at++];
    size_t start = out->len;
    int rc = tag == 0                                    ? get_text(u, out, false, err)
             : (tag & ~TAG_ALL) || !(tag & TAG_TEMPLATE) ? bad(err, "a row's tag is unknown")
                                                         : get_template(u, tag, out, err);
    if (rc < 0)
        out->len = start;
    if (out->cap)
        out->p[out->len] = '\0';
    return rc < 0 ? -1 : 1;
}
