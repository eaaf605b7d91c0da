/*
 * fuzz_export_pack.c - libFuzzer target for download rows packed
 * (src/store/export_pack.c), which a store file anyone may have written
 * brings to every download of whole months. The oracle:
 *  - the input read as a piece: rows come back until its end or an error,
 *    never a read past the input's end, and an error leaves the output as
 *    it was;
 *  - the input read as rows: its lines, each split at commas into a row's
 *    parts (with keys from their first bytes, so that texts recur and keys
 *    collide), packed into two pieces at once with one packer, unpack to
 *    exactly those rows' texts.
 */
#include "fuzz_check.h"
#include "store/export_pack.h"
#include "util/coord.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void read_as_piece(const uint8_t *data, size_t size)
{
    struct export_unpacker u = {0};
    struct buf out = BUF_INIT, err = BUF_INIT;
    export_unpack_start(&u, data, size);
    int rc;
    size_t before = 0;
    while ((rc = export_unpack_row(&u, &out, &err)) == 1) {
        CHECK(u.at <= size);
        before = out.len;
    }
    CHECK(rc == 0 || (out.len == before && err.len > 0));
    buf_free(&out);
    buf_free(&err);
    export_unpack_free(&u);
}

/* The next comma-separated field of line [*at, end) as a text. */
static struct text field(const char *p, size_t end, size_t *at)
{
    size_t start = *at;
    while (*at < end && p[*at] != ',')
        (*at)++;
    struct text t = {p + start, *at - start};
    if (*at < end)
        (*at)++;
    return t;
}

/* A row from a line: id (32 bytes when the line starts with '#'), then
 * the dictionary parts, with the coordinates as integers when they print
 * back the same (util/coord.h); the text it stands for into want. */
static void line_row(const char *p, size_t end, size_t at, struct export_row *r,
                     unsigned char id[32], struct buf *want)
{
    static const char hex[] = "0123456789abcdef";
    memset(r, 0, sizeof *r);
    r->id = field(p, end, &at);
    if (r->id.len >= 32 && r->id.p[0] == '#') {
        memcpy(id, r->id.p, 32);
        r->id_bytes = id;
        for (int i = 0; i < 32; i++) {
            buf_putc(want, hex[id[i] >> 4]);
            buf_putc(want, hex[id[i] & 15]);
        }
    } else {
        buf_append(want, r->id.p, r->id.len);
    }
    r->dict[EXPORT_D_HEAD] = field(p, end, &at);
    r->longitude = field(p, end, &at);
    r->latitude = field(p, end, &at);
    r->longitude_micro = coord_parse_micro(r->longitude.p, r->longitude.len, &r->longitude_v);
    r->latitude_micro = coord_parse_micro(r->latitude.p, r->latitude.len, &r->latitude_v);
    for (int d = EXPORT_D_LOCATION; d < EXPORT_DICTS; d++)
        r->dict[d] = field(p, end, &at);
    const struct text parts[] = {r->dict[EXPORT_D_HEAD], r->longitude, r->latitude};
    for (size_t i = 0; i < 3; i++) {
        buf_putc(want, ',');
        buf_append(want, parts[i].p, parts[i].len);
    }
    for (int d = 0; d < EXPORT_DICTS; d++) {
        r->key[d] = r->dict[d].len ? (unsigned char)r->dict[d].p[0] % 8 : 0;
        if (d >= EXPORT_D_LOCATION) {
            buf_putc(want, ',');
            buf_append(want, r->dict[d].p, r->dict[d].len);
        }
    }
}

static void check_piece(const struct buf *piece, const struct buf *want)
{
    struct export_unpacker u = {0};
    struct buf got = BUF_INIT, err = BUF_INIT;
    export_unpack_start(&u, piece->p, piece->len);
    int rc;
    while ((rc = export_unpack_row(&u, &got, &err)) == 1)
        ;
    CHECK(rc == 0);
    CHECK(got.len == want->len && (got.len == 0 || memcmp(got.p, want->p, got.len) == 0));
    buf_free(&got);
    buf_free(&err);
    export_unpack_free(&u);
}

static void round_trip(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    struct export_packer *pk = export_packer_new();
    struct buf piece[2] = {BUF_INIT, BUF_INIT}, want[2] = {BUF_INIT, BUF_INIT};
    struct export_piece pc[2] = {{0}};
    size_t line = 0;
    for (size_t at = 0; at < size; line++) {
        size_t end = at;
        while (end < size && p[end] != '\n')
            end++;
        size_t k = line % 2;
        if (end > at && p[at] == '!') { /* a literal row */
            struct text t = {p + at + 1, end - at - 1};
            export_pack_literal(pk, &pc[k], &piece[k], t, (struct text){"\r\n", 2});
            buf_append(&want[k], t.p, t.len);
            buf_puts(&want[k], "\r\n");
        } else if (end > at && p[at] == '~') { /* the piece spilled */
            check_piece(&piece[k], &want[k]);
            buf_reset(&piece[k]);
            buf_reset(&want[k]);
        } else {
            struct export_row r;
            unsigned char id[32];
            line_row(p, end, at, &r, id, &want[k]);
            export_pack_row(pk, &pc[k], &piece[k], &r);
        }
        at = end + 1;
    }
    for (size_t k = 0; k < 2; k++) {
        check_piece(&piece[k], &want[k]);
        buf_free(&piece[k]);
        buf_free(&want[k]);
    }
    export_packer_free(pk);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_as_piece(data, size);
    round_trip(data, size);
    return 0;
}
