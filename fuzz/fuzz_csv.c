/*
 * fuzz_csv.c - libFuzzer target for the streaming CSV reader
 * (src/ingest/csv.c) and the police.uk header and row checks
 * (src/ingest/policeuk.c).
 *
 * Input layout: the first byte selects how the read callback hands the rest
 * of the input to the reader, so that records split at every possible place
 * across a refill are exercised:
 *
 *   0x00-0x7F  fixed chunks of (byte & 0x3F) + 1 bytes      (1..64)
 *   0x80-0xEF  chunks of random length 1..(byte & 0x3F) + 1  (xorshift,
 *              seeded from the byte, so a run is reproducible)
 *   0xF0-0xF7  fixed chunks of 128 << (byte & 7) bytes       (128..16384)
 *   0xF8-0xFF  everything the reader asks for (one big chunk)
 *
 * An empty input is read as an empty file.
 *
 * The oracle, on every input:
 *   - the input is read three ways: in one big chunk (the reference), with
 *     the selected chunking, and one byte at a time (inputs up to 64 KiB;
 *     a reading that repeats another is skipped). All three must return
 *     the same records (line, error, raw bytes, every field byte for byte)
 *     and end at the same offset: any difference is a refill bug.
 *   - per record: line numbers are exactly 1 + the newlines before the
 *     record; raw is exactly the input bytes at csv_offset() (after a
 *     leading UTF-8 BOM) and is followed by "\n" or "\r\n" (or "" / "\r" at
 *     the very end); csv_offset() never decreases nor passes the input size
 *     and ends at it; nfields >= 1 unless `error` is set; and a record has
 *     no `error` exactly when its raw bytes are a well-formed RFC 4180
 *     record, in which case its fields equal those of a separate, naive
 *     parse of raw.
 *   - every record, the first one being the header of a real file, goes
 *     through pu_recognise() (a recognised header has the kind's column
 *     count and no error) and through all three pu_parse_* whatever the
 *     header says, so that all are fuzzed. An accepted row must really
 *     satisfy the documented checks: month in range, required columns
 *     present, coordinates both empty or both finite numbers in range with
 *     no byte left over, no NUL byte in any field, fields taken unchanged
 *     from the record; a refused
 *     row has a non-empty, NUL-terminated reason.
 * Any violation prints the failed condition and aborts; ASan and UBSan catch
 * memory and undefined-behaviour errors.
 *
 * Build and run (see fuzz/README.md):
 *   CC=clang cmake -S . -B build-fuzz -DPEEL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
 *   make -C build-fuzz fuzz_csv
 *   mkdir -p /tmp/fuzzcorpus
 *   build-fuzz/fuzz/fuzz_csv -max_total_time=60 /tmp/fuzzcorpus fuzz/corpus/csv
 * Reproduce one input:  build-fuzz/fuzz/fuzz_csv crash-<sha1>
 */
#include "fuzz_check.h"
#include "ingest/csv.h"
#include "ingest/policeuk.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs longer than this are not also read one byte at a time (the reader
 * re-parses a record from its start on each refill, so that pass is
 * quadratic in the record length). */
#define BYTEWISE_LIMIT (64 * 1024)

/* ---- a growable byte string, kept apart from util/buf so the oracle does
 * not depend on the code under test ---- */

struct out {
    char *p;
    size_t len, cap;
};

static void out_put(struct out *o, const void *d, size_t n)
{
    if (o->cap - o->len < n + 1) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap - o->len < n + 1)
            cap *= 2;
        char *p = realloc(o->p, cap);
        if (!p)
            abort();
        o->p = p;
        o->cap = cap;
    }
    if (n)
        memcpy(o->p + o->len, d, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out_printf(struct out *o, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    CHECK(n >= 0 && (size_t)n < sizeof tmp);
    out_put(o, tmp, (size_t)n);
}

/* Appends bytes escaped so that the rendering is printable and injective:
 * '\\', '|' and anything outside 0x20..0x7E become \xNN. */
static void out_bytes(struct out *o, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c > 0x7E || c == '\\' || c == '|')
            out_printf(o, "\\x%02X", c);
        else
            out_put(o, &p[i], 1);
    }
}

/* ---- the read callback ---- */

enum mode { FIXED, VARYING, WHOLE };

struct source {
    const char *p;
    size_t len, pos;
    enum mode mode;
    size_t chunk; /* FIXED: the chunk; VARYING: the largest chunk */
    uint32_t rng;
    bool ended; /* a 0 (end of input) has been returned */
};

static ssize_t mem_read(void *source, char *buf, size_t n)
{
    struct source *s = source;
    CHECK(n > 0); /* a 0-byte request would read as end of input */
    size_t want = n;
    switch (s->mode) {
    case FIXED:
        if (want > s->chunk)
            want = s->chunk;
        break;
    case VARYING: {
        s->rng ^= s->rng << 13;
        s->rng ^= s->rng >> 17;
        s->rng ^= s->rng << 5;
        size_t c = 1 + s->rng % s->chunk;
        if (want > c)
            want = c;
        break;
    }
    case WHOLE:
        break;
    }
    size_t left = s->len - s->pos;
    if (want > left)
        want = left;
    memcpy(buf, s->p + s->pos, want);
    s->pos += want;
    if (want == 0)
        s->ended = true;
    return (ssize_t)want;
}

/* ---- the reference parse of one record's raw bytes ---- */

/* Renders raw's fields as "field|field|...|" into o; returns false if raw is
 * not one well-formed RFC 4180 record (a quote in an unquoted field, text
 * after a closing quote, a quote never closed). */
static bool ref_fields(const char *p, size_t n, struct out *o)
{
    size_t i = 0;
    for (;;) {
        if (i < n && p[i] == '"') {
            i++;
            for (;;) {
                if (i == n)
                    return false;
                if (p[i] == '"') {
                    if (i + 1 < n && p[i + 1] == '"') {
                        out_bytes(o, "\"", 1);
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                out_bytes(o, p + i, 1);
                i++;
            }
            if (i < n && p[i] != ',')
                return false;
        } else {
            size_t start = i;
            while (i < n && p[i] != ',') {
                if (p[i] == '"')
                    return false;
                i++;
            }
            out_bytes(o, p + start, i - start);
        }
        out_put(o, "|", 1);
        if (i == n)
            return true;
        i++; /* the comma */
    }
}

static void render_fields(const struct csv_record *rec, struct out *o)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        out_bytes(o, rec->fields[i].p, rec->fields[i].len);
        out_put(o, "|", 1);
    }
}

/* ---- police.uk rows ---- */

static void check_problem(const struct pu_problem *why)
{
    CHECK(memchr(why->reason, '\0', sizeof why->reason) != NULL);
    CHECK(why->reason[0] != '\0');
    CHECK(why->column == NULL || why->column[0] != '\0');
}

static bool same(struct text t, const struct csv_field *f)
{
    return t.p == f->p && t.len == f->len;
}

static bool month_ok(int month)
{
    return month >= 1900 * 12 && month <= 2999 * 12 + 11;
}

/* An accepted coordinate is empty or a finite number within +-limit, and
 * every one of its bytes is part of that number. */
static bool coordinate_ok(const struct csv_field *f, double limit)
{
    if (f->len == 0)
        return true;
    if (f->len >= 64 || memchr(f->p, '\0', f->len))
        return false;
    char tmp[64];
    memcpy(tmp, f->p, f->len);
    tmp[f->len] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    return end == tmp + f->len && isfinite(v) && v >= -limit && v <= limit;
}

static bool both_or_neither(const struct csv_field *a, const struct csv_field *b)
{
    return (a->len == 0) == (b->len == 0);
}

/* An accepted row holds no NUL byte: it would read back cut short. */
static bool no_nul(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (memchr(rec->fields[i].p, '\0', rec->fields[i].len))
            return false;
    return true;
}

static void check_rows(const struct csv_record *rec)
{
    enum pu_kind kind = pu_recognise(rec);
    if (kind != PU_UNKNOWN) {
        CHECK(!rec->error);
        CHECK(rec->nfields == pu_kind_columns(kind));
        const char *h = pu_kind_header(kind);
        size_t commas = 0;
        for (const char *c = h; *c; c++)
            commas += *c == ',';
        CHECK(commas + 1 == pu_kind_columns(kind));
    } else {
        CHECK(pu_kind_columns(kind) == 0);
    }
    CHECK(pu_kind_name(kind) != NULL);

    if (pu_blank_record(rec))
        CHECK(rec->nfields == 1 && rec->fields[0].len == 0 && !rec->error);

    const struct csv_field *f = rec->fields;

    struct street_row st;
    struct pu_problem why = {0};
    if (pu_parse_street(rec, &st, &why)) {
        CHECK(!rec->error && rec->nfields == PU_STREET_COLUMNS);
        CHECK(no_nul(rec));
        CHECK(month_ok(st.month));
        CHECK(same(st.crime_id, &f[0]) && same(st.reported_by, &f[2]) &&
              same(st.falls_within, &f[3]) && same(st.longitude, &f[4]) &&
              same(st.latitude, &f[5]) && same(st.location, &f[6]) && same(st.lsoa_code, &f[7]) &&
              same(st.lsoa_name, &f[8]) && same(st.crime_type, &f[9]) && same(st.outcome, &f[10]) &&
              same(st.context, &f[11]));
        CHECK(f[2].len > 0 && f[3].len > 0 && f[9].len > 0);
        CHECK(both_or_neither(&f[4], &f[5]));
        CHECK(coordinate_ok(&f[4], 180) && coordinate_ok(&f[5], 90));
    } else {
        check_problem(&why);
    }

    struct outcome_row oc;
    memset(&why, 0, sizeof why);
    if (pu_parse_outcome(rec, &oc, &why)) {
        CHECK(!rec->error && rec->nfields == PU_OUTCOMES_COLUMNS);
        CHECK(no_nul(rec));
        CHECK(month_ok(oc.month));
        CHECK(same(oc.crime_id, &f[0]) && same(oc.reported_by, &f[2]) &&
              same(oc.falls_within, &f[3]) && same(oc.longitude, &f[4]) &&
              same(oc.latitude, &f[5]) && same(oc.location, &f[6]) && same(oc.lsoa_code, &f[7]) &&
              same(oc.lsoa_name, &f[8]) && same(oc.outcome_type, &f[9]));
        CHECK(f[0].len > 0 && f[2].len > 0 && f[3].len > 0 && f[9].len > 0);
        CHECK(both_or_neither(&f[4], &f[5]));
        CHECK(coordinate_ok(&f[4], 180) && coordinate_ok(&f[5], 90));
    } else {
        check_problem(&why);
    }

    struct stop_search_row ss;
    memset(&why, 0, sizeof why);
    if (pu_parse_stop_search(rec, &ss, &why)) {
        CHECK(!rec->error && rec->nfields == PU_STOP_SEARCH_COLUMNS);
        CHECK(no_nul(rec));
        CHECK(month_ok(ss.month));
        for (size_t i = 0; i < PU_STOP_SEARCH_COLUMNS; i++)
            CHECK(same(ss.col[i], &f[i]));
        const struct csv_field *date = &f[1];
        CHECK(date->len >= 10 && date->p[4] == '-' && date->p[7] == '-');
        CHECK(date->len == 10 || date->p[10] == 'T' || date->p[10] == ' ');
        CHECK(coordinate_ok(&f[4], 90) && coordinate_ok(&f[5], 180));
    } else {
        check_problem(&why);
    }
}

/* ---- one reading of the input ---- */

static size_t count_newlines(const char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == '\n';
    return k;
}

/* Reads the whole input through the reader with the given chunking,
 * checking every record, and renders the records into dump. */
static void read_all(const char *in, size_t size, enum mode mode, size_t chunk, uint32_t seed,
                     bool rows, struct out *dump)
{
    struct source src = {in, size, 0, mode, chunk, seed ? seed : 1, false};
    struct csv_reader *r = csv_open(mem_read, &src);
    CHECK(r != NULL);
    CHECK(csv_offset(r) == 0);

    const size_t bom = size >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    unsigned long long off = 0; /* csv_offset() after the previous record */
    size_t newlines = 0;        /* in the input before the next record */
    bool exact = true;          /* false after an over-long record */
    long prev_line = 0;
    struct out ref = {0}, got = {0};
    struct csv_record rec;
    int rc;

    while ((rc = csv_next(r, &rec)) == 1) {
        const unsigned long long now = csv_offset(r);
        CHECK(now >= off);
        CHECK(now + bom <= size);
        CHECK(rec.line > prev_line);
        CHECK(rec.nfields >= 1 || rec.error != NULL);
        CHECK(rec.raw != NULL && rec.fields != NULL);
        CHECK(rec.rawlen <= size);
        prev_line = rec.line;

        if (now == off) {
            /* Only an over-long record is returned without consuming input;
             * the reader skips it on the next call, so exact positions are
             * no longer known. */
            CHECK(rec.error != NULL && rec.nfields == 0);
            exact = false;
        } else if (exact) {
            const size_t start = bom + (size_t)off, end = bom + (size_t)now;
            CHECK(rec.line == (long)(1 + newlines));
            CHECK(start + rec.rawlen <= end);
            CHECK(memcmp(rec.raw, in + start, rec.rawlen) == 0);
            const char *t = in + start + rec.rawlen;
            const size_t tlen = end - start - rec.rawlen;
            const bool at_end = end == size;
            CHECK((tlen == 1 && t[0] == '\n') || (tlen == 2 && t[0] == '\r' && t[1] == '\n') ||
                  (at_end && (tlen == 0 || (tlen == 1 && t[0] == '\r'))));
            newlines += count_newlines(in + start, end - start);

            /* Fields lie in the record's bytes or, when unescaped, in the
             * reader's scratch: either way they add up to no more. */
            size_t total = 0;
            for (size_t i = 0; i < rec.nfields; i++) {
                const struct csv_field *f = &rec.fields[i];
                CHECK(f->p != NULL || f->len == 0);
                CHECK(f->len <= rec.rawlen + tlen);
                total += f->len;
                uintptr_t p = (uintptr_t)f->p, lo = (uintptr_t)rec.raw,
                          hi = (uintptr_t)(rec.raw + rec.rawlen + tlen);
                if (p >= lo && p <= hi)
                    CHECK(p + f->len <= hi);
            }
            if (rec.nfields > 0)
                CHECK(total + rec.nfields - 1 <= rec.rawlen + tlen);

            /* Error-free exactly when raw is well-formed; then the fields
             * are those of the naive parse. */
            ref.len = got.len = 0;
            bool well_formed = ref_fields(rec.raw, rec.rawlen, &ref);
            CHECK(well_formed == (rec.error == NULL));
            if (well_formed) {
                render_fields(&rec, &got);
                if (got.len != ref.len || memcmp(got.p, ref.p, got.len) != 0) {
                    fprintf(stderr, "line %ld fields: %.400s\n   expected: %.400s\n", rec.line,
                            got.p, ref.p);
                    CHECK(!"fields differ from the reference parse of raw");
                }
            }
        }
        off = now;

        if (rows)
            check_rows(&rec);

        out_printf(dump, "%ld err=%s raw=", rec.line, rec.error ? rec.error : "-");
        out_bytes(dump, rec.raw, rec.rawlen);
        out_printf(dump, " nf=%zu f=", rec.nfields);
        render_fields(&rec, dump);
        out_put(dump, "\n", 1);
    }
    CHECK(rc == 0);
    CHECK(src.ended);
    if (exact)
        CHECK(csv_offset(r) + bom == size);
    out_printf(dump, "end offset=%llu\n", csv_offset(r));
    csv_close(r);
    free(ref.p);
    free(got.p);
}

/* Aborts, showing the first differing record, if two readings differ. */
static void compare(const struct out *a, const char *aname, const struct out *b, const char *bname)
{
    if (a->len == b->len && memcmp(a->p, b->p, a->len) == 0)
        return;
    size_t i = 0, line = 0;
    while (i < a->len && i < b->len && a->p[i] == b->p[i])
        i++;
    while (i > 0 && a->p[i - 1] != '\n')
        i--;
    for (size_t k = 0; k < i; k++)
        line += a->p[k] == '\n';
    const char *ea = strchr(a->p + i, '\n'), *eb = strchr(b->p + i, '\n');
    size_t la = ea ? (size_t)(ea - (a->p + i)) : a->len - i;
    size_t lb = eb ? (size_t)(eb - (b->p + i)) : b->len - i;
    fprintf(stderr, "readings differ at record %zu:\n  %-8s %.*s%s\n  %-8s %.*s%s\n", line + 1,
            aname, (int)(la > 400 ? 400 : la), a->p + i, la > 400 ? "..." : "", bname,
            (int)(lb > 400 ? 400 : lb), b->p + i, lb > 400 ? "..." : "");
    CHECK(!"chunked reading differs from reading in one piece");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum mode mode = FIXED;
    size_t chunk = 1;
    uint32_t seed = 1;
    if (size > 0) {
        uint8_t sel = data[0];
        if (sel < 0x80) {
            chunk = (size_t)(sel & 0x3F) + 1;
        } else if (sel < 0xF0) {
            mode = VARYING;
            chunk = (size_t)(sel & 0x3F) + 1;
            seed = 0x9E3779B9u ^ sel;
        } else if (sel < 0xF8) {
            chunk = (size_t)128 << (sel & 7);
        } else {
            mode = WHOLE;
        }
        data++;
        size--;
    }
    const char *in = (const char *)data;

    struct out whole = {0}, selected = {0}, bytewise = {0};
    read_all(in, size, WHOLE, 0, 0, true, &whole);
    if (mode != WHOLE && !(mode == FIXED && chunk == 1)) {
        read_all(in, size, mode, chunk, seed, false, &selected);
        compare(&whole, "whole", &selected, mode == FIXED ? "chunked" : "varying");
    }
    if (size <= BYTEWISE_LIMIT) {
        read_all(in, size, FIXED, 1, 0, false, &bytewise);
        compare(&whole, "whole", &bytewise, "bytewise");
    }
    free(whole.p);
    free(selected.p);
    free(bytewise.p);
    return 0;
}
