/*
 * test_export_pack.c - download rows packed (store/export_pack.h): what is
 * packed unpacks to the row's text exactly, whatever its parts, keys and
 * pieces; a damaged piece is refused with an error, never read past its
 * end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/export_pack.h"
#include "util/coord.h"

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* A row and the text it stands for, its texts kept in its own storage. */
struct sample {
    struct export_row row;
    unsigned char id[32];
    char texts[EXPORT_DICTS + 3][48];
    char lon[24], lat[24];
};

static struct text text_of(const char *s)
{
    return (struct text){s, strlen(s)};
}

/* The text a row stands for: its parts joined by commas (export_pack.h). */
static void row_text(const struct export_row *r, struct buf *out)
{
    static const char hex[] = "0123456789abcdef";
    if (r->id_bytes)
        for (int i = 0; i < 32; i++) {
            buf_putc(out, hex[r->id_bytes[i] >> 4]);
            buf_putc(out, hex[r->id_bytes[i] & 15]);
        }
    else
        buf_append(out, r->id.p, r->id.len);
    const struct text parts[] = {r->dict[EXPORT_D_HEAD], r->longitude, r->latitude};
    for (size_t i = 0; i < 3; i++) {
        buf_putc(out, ',');
        buf_append(out, parts[i].p, parts[i].len);
    }
    for (int d = EXPORT_D_LOCATION; d < EXPORT_DICTS; d++) {
        buf_putc(out, ',');
        buf_append(out, r->dict[d].p, r->dict[d].len);
    }
}

/* A random row: few keys (so texts recur), a key's text mostly the same
 * (sometimes not: an id that stands for two spellings), empty texts. */
static void random_row(uint64_t *s, struct sample *x)
{
    memset(x, 0, sizeof *x);
    struct export_row *r = &x->row;
    if (next_random(s) % 4) {
        for (int i = 0; i < 32; i++)
            x->id[i] = (unsigned char)next_random(s);
        r->id_bytes = x->id;
    } else {
        snprintf(x->texts[EXPORT_DICTS], sizeof x->texts[0], "id %llu",
                 (unsigned long long)(next_random(s) % 1000));
        r->id = text_of(x->texts[EXPORT_DICTS]);
    }
    char *coord[] = {x->lon, x->lat};
    struct text *t[] = {&r->longitude, &r->latitude};
    bool *micro[] = {&r->longitude_micro, &r->latitude_micro};
    int64_t *v[] = {&r->longitude_v, &r->latitude_v};
    for (int i = 0; i < 2; i++) {
        *v[i] = (int64_t)(next_random(s) % 400000000) - 200000000;
        *micro[i] = next_random(s) % 5 != 0;
        if (*micro[i])
            coord_format_micro(*v[i], coord[i]);
        else if (next_random(s) % 2)
            snprintf(coord[i], 24, "%.3f", (double)*v[i] / 1e6);
        *t[i] = text_of(coord[i]);
    }
    for (int d = 0; d < EXPORT_DICTS; d++) {
        r->key[d] = (int64_t)(next_random(s) % 40);
        unsigned spelling = next_random(s) % 10 == 0;
        if (next_random(s) % 15)
            snprintf(x->texts[d], sizeof x->texts[0], "d%d k%lld%s", d, (long long)r->key[d],
                     spelling ? " again" : "");
        r->dict[d] = text_of(x->texts[d]);
    }
}

/* Unpacks piece p whole into out: 0, or -1 when it is damaged. */
static int unpack_all(const struct buf *p, struct buf *out, struct buf *err)
{
    struct export_unpacker u = {0};
    export_unpack_start(&u, p->p, p->len);
    int rc;
    while ((rc = export_unpack_row(&u, out, err)) == 1)
        ;
    export_unpack_free(&u);
    return rc;
}

/* Checks that piece unpacks to want, and starts both again (spilled). */
static void check_piece(struct buf *piece, struct buf *want)
{
    struct buf got = BUF_INIT, err = BUF_INIT;
    assert_int_equal(unpack_all(piece, &got, &err), 0);
    assert_int_equal(got.len, want->len);
    assert_memory_equal(got.p, want->p, want->len);
    buf_free(&got);
    buf_free(&err);
    buf_reset(piece);
    buf_reset(want);
}

/* Rows packed into three pieces built at once (as an import's slices are),
 * each started again now and then (spilled), one packer for all: each
 * piece alone unpacks to its rows' texts. Some rows are literal, and some
 * pieces start with one. */
static void rows_round_trip(void **state)
{
    (void)state;
    struct export_packer *pk = export_packer_new();
    struct buf piece[3] = {BUF_INIT, BUF_INIT, BUF_INIT}, want[3] = {BUF_INIT, BUF_INIT, BUF_INIT};
    struct export_piece pc[3] = {{0}};
    uint64_t s = 88172645463325252ULL;
    size_t pieces = 0, packed = 0;
    for (int i = 0; i < 20000; i++) {
        size_t k = next_random(&s) % 3;
        struct sample x;
        random_row(&s, &x);
        size_t before = want[k].len;
        row_text(&x.row, &want[k]);
        if (next_random(&s) % 20 == 0 || (piece[k].len == 0 && next_random(&s) % 2)) {
            struct text whole = {want[k].p + before, want[k].len - before};
            export_pack_literal(pk, &pc[k], &piece[k], whole, text_of(""));
        } else {
            export_pack_row(pk, &pc[k], &piece[k], &x.row);
        }
        if (next_random(&s) % 300 == 0) {
            packed += piece[k].len;
            check_piece(&piece[k], &want[k]);
            pieces++;
        }
    }
    for (size_t j = 0; j < 3; j++) {
        check_piece(&piece[j], &want[j]);
        buf_free(&piece[j]);
        buf_free(&want[j]);
    }
    assert_true(pieces > 40 && packed > 0);
    export_packer_free(pk);
}

/* Two texts of one key in one piece: the second is defined too, and each
 * row gets its own. A row whose texts are all in the piece adds only
 * numbers for them. A key seen in an earlier piece is defined again in the
 * next, which is read alone, even when that piece starts with a literal
 * row. */
static void keys_and_pieces(void **state)
{
    (void)state;
    struct export_packer *pk = export_packer_new();
    struct export_piece pc = {0};
    struct buf piece = BUF_INIT, want = BUF_INIT;
    struct sample x;
    uint64_t s = 7;
    random_row(&s, &x);
    for (int d = 0; d < EXPORT_DICTS; d++)
        x.row.key[d] = 5;
    const char *spellings[] = {"Burglary", "Robbery", "Burglary", "Burglary"};
    for (int round = 0; round < 2; round++) {
        if (round == 1) {
            export_pack_literal(pk, &pc, &piece, text_of("a literal row first"), text_of("\r\n"));
            buf_puts(&want, "a literal row first\r\n");
        }
        size_t added[4], texts = 0;
        for (size_t i = 0; i < 4; i++) {
            size_t before = piece.len;
            x.row.dict[EXPORT_D_TYPE] = text_of(spellings[i]);
            export_pack_row(pk, &pc, &piece, &x.row);
            row_text(&x.row, &want);
            added[i] = piece.len - before;
        }
        for (int d = 0; d < EXPORT_DICTS; d++)
            texts += x.row.dict[d].len;
        /* the fourth row finds every text (a byte each, where the first
         * defined each: a 0, its length, its bytes); the third defines
         * Burglary again, Robbery having taken the key's slot */
        assert_int_equal(added[3] + texts + EXPORT_DICTS, added[0]);
        assert_int_equal(added[2], added[3] + 1 + strlen("Burglary"));
        check_piece(&piece, &want);
    }
    buf_free(&piece);
    buf_free(&want);
    export_packer_free(pk);
}

/* A piece of rows of every kind, cut at every length: at a row's end the
 * rows before come back and then the end, anywhere else an error, never a
 * read past the cut (ASan watches the copy made for each cut). */
static void every_cut(void **state)
{
    (void)state;
    enum { ROWS = 40 };
    struct export_packer *pk = export_packer_new();
    struct export_piece pc = {0};
    struct buf piece = BUF_INIT, want = BUF_INIT, err = BUF_INIT;
    uint64_t s = 99;
    size_t ends[ROWS], text_ends[ROWS];
    for (size_t i = 0; i < ROWS; i++) {
        struct sample x;
        random_row(&s, &x);
        if (i % 7 == 3) {
            export_pack_literal(pk, &pc, &piece, text_of("literal"), text_of(",row"));
            buf_puts(&want, "literal,row");
        } else {
            export_pack_row(pk, &pc, &piece, &x.row);
            row_text(&x.row, &want);
        }
        ends[i] = piece.len;
        text_ends[i] = want.len;
    }
    size_t at_end = 0;
    for (size_t cut = 0; cut <= piece.len; cut++) {
        unsigned char *copy = malloc(cut ? cut : 1);
        memcpy(copy, piece.p, cut);
        struct export_unpacker u = {0};
        struct buf got = BUF_INIT;
        export_unpack_start(&u, copy, cut);
        int rc;
        while ((rc = export_unpack_row(&u, &got, &err)) == 1)
            ;
        size_t rows = 0;
        while (rows < ROWS && ends[rows] <= cut)
            rows++;
        bool boundary = rows ? ends[rows - 1] == cut : cut == 0;
        assert_int_equal(rc, boundary ? 0 : -1);
        if (!boundary)
            assert_non_null(strstr(buf_str(&err), "damaged"));
        size_t text = rows ? text_ends[rows - 1] : 0;
        assert_int_equal(got.len, text); /* the rows before the cut, and no part of the next */
        assert_memory_equal(buf_str(&got), buf_str(&want), text);
        at_end += boundary;
        buf_reset(&err);
        buf_free(&got);
        export_unpack_free(&u);
        free(copy);
    }
    assert_int_equal(at_end, ROWS + 1);
    buf_free(&piece);
    buf_free(&want);
    buf_free(&err);
    export_packer_free(pk);
}

/* Bytes no packer writes: an unknown tag, a text used before it is
 * defined, a length past the end. Each is an error that names itself, and
 * leaves out as it was. */
static void damaged_pieces(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        const char *why;
    } cases[] = {
        {"\x02", 1, "tag is unknown"},
        {"\x10", 1, "tag is unknown"},
        {"\x80\x01", 2, "tag is unknown"},
        {"\x00\x05"
         "abc",
         5, "past its end"},
        {"\x00\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10, "past its end"},
        {"\x01\x02id\x02", 5, "before it is defined"},
        {"\x07\x00", 2, "crime id is cut short"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct export_unpacker u = {0};
        struct buf out = BUF_INIT, err = BUF_INIT;
        buf_puts(&out, "kept");
        export_unpack_start(&u, cases[i].bytes, cases[i].len);
        assert_int_equal(export_unpack_row(&u, &out, &err), -1);
        if (!strstr(buf_str(&err), cases[i].why))
            fail_msg("case %zu: \"%s\" does not say \"%s\"", i, buf_str(&err), cases[i].why);
        assert_string_equal(buf_str(&out), "kept");
        buf_free(&out);
        buf_free(&err);
        export_unpack_free(&u);
    }
}

/* coord_format_micro writes what coord_parse_micro reads, over the range
 * police.uk's coordinates take and beyond, and any int64_t in its room. */
static void coordinates(void **state)
{
    (void)state;
    uint64_t s = 3;
    char text[24];
    for (int i = 0; i < 100000; i++) {
        int64_t v = (int64_t)(next_random(&s) % 20000000000ULL) - 10000000000LL + 1;
        size_t n = coord_format_micro(v, text);
        assert_int_equal(n, strlen(text));
        int64_t back;
        assert_true(v == 0 || coord_parse_micro(text, n, &back));
        if (v != 0)
            assert_true(back == v);
    }
    assert_int_equal(coord_format_micro(0, text), 8);
    assert_string_equal(text, "0.000000");
    assert_int_equal(coord_format_micro(-1, text), 9);
    assert_string_equal(text, "-0.000001");
    coord_format_micro(INT64_MIN, text);
    assert_string_equal(text, "-9223372036854.775808");
    coord_format_micro(INT64_MAX, text);
    assert_string_equal(text, "9223372036854.775807");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_round_trip), cmocka_unit_test(keys_and_pieces),
        cmocka_unit_test(every_cut),       cmocka_unit_test(damaged_pieces),
        cmocka_unit_test(coordinates),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
