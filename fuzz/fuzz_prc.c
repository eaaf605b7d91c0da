/*
 * fuzz_prc.c - libFuzzer target for the Home Office recorded-crime header
 * and row checks (src/ingest/prc.c).
 *
 * The input is a CSV file, read in one piece by the CSV reader (whose
 * chunking fuzz_csv covers). Its first record is tried as the header; every
 * record is then parsed against that header, when it is one, and against
 * the published header (the eight columns in their usual order), so that
 * rows are fuzzed even when the header is not recognised. Every field also
 * goes through prc_parse_count() on its own.
 *
 * The oracle:
 *   - a recognised header names each of the eight columns exactly once, at
 *     an index below its width; a refused one has a non-empty reason;
 *   - an accepted row has the header's width; financial year 1900-2998 and
 *     quarter 1-4 as its fields say; force, group and code non-empty; every
 *     text a trimmed slice of its own field (no space or tab at either
 *     end); and the count equal to a separate, naive reading of the count
 *     field;
 *   - a refused row has a non-empty, NUL-terminated reason and names one of
 *     the eight columns or none;
 *   - prc_parse_count() accepts exactly what the naive reading accepts
 *     (optional blanks, optional '-', 1-15 digits, thousands separators
 *     only between groups of three) and gives the same value.
 * Any violation prints the failed condition and aborts; ASan and UBSan catch
 * memory and undefined-behaviour errors.
 *
 * Build and run (see fuzz/README.md):
 *   CC=clang cmake -S . -B build-fuzz -DPEEL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
 *   make -C build-fuzz fuzz_prc
 *   mkdir -p /tmp/fuzzprc
 *   build-fuzz/fuzz/fuzz_prc -max_total_time=60 /tmp/fuzzprc fuzz/corpus/prc
 */
#include "fuzz_check.h"
#include "ingest/csv.h"
#include "ingest/prc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct source {
    const char *p;
    size_t len, pos;
};

static ssize_t mem_read(void *source, char *buf, size_t n)
{
    struct source *s = source;
    size_t left = s->len - s->pos;
    if (n > left)
        n = left;
    memcpy(buf, s->p + s->pos, n);
    s->pos += n;
    return (ssize_t)n;
}

/* ---- the naive count reader ---- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Reads a count the slow way: strip blanks, an optional '-', then split on
 * commas and check the groups. */
static bool naive_count(const char *p, size_t n, int64_t *out)
{
    size_t a = 0, b = n;
    while (a < b && is_blank(p[a]))
        a++;
    while (b > a && is_blank(p[b - 1]))
        b--;
    bool negative = a < b && p[a] == '-';
    if (negative)
        a++;
    size_t ngroups = 0, digits = 0, first_len = 0, start = a;
    int64_t v = 0;
    for (size_t i = a; i <= b; i++) {
        if (i < b && p[i] != ',') {
            if (p[i] < '0' || p[i] > '9')
                return false;
            continue;
        }
        size_t len = i - start; /* a group ends at a comma or the end */
        if (len == 0)
            return false;
        if (ngroups == 0)
            first_len = len;
        else if (len != 3)
            return false;
        for (size_t k = start; k < i; k++) {
            if (++digits > 15)
                return false;
            v = v * 10 + (p[k] - '0');
        }
        ngroups++;
        start = i + 1;
    }
    if (ngroups > 1 && first_len > 3)
        return false;
    *out = negative ? -v : v;
    return true;
}

/* ---- rows ---- */

static bool inside(struct text t, const struct csv_field *f)
{
    return t.p >= f->p && t.p + t.len <= f->p + f->len;
}

static bool trimmed(struct text t)
{
    return t.len == 0 || (!is_blank(t.p[0]) && !is_blank(t.p[t.len - 1]));
}

/* The first four digits of the trimmed financial-year field. */
static int fy_digits(const struct csv_field *f)
{
    size_t i = 0;
    while (i < f->len && is_blank(f->p[i]))
        i++;
    CHECK(i + 4 <= f->len);
    int y = 0;
    for (size_t k = i; k < i + 4; k++) {
        CHECK(f->p[k] >= '0' && f->p[k] <= '9');
        y = y * 10 + (f->p[k] - '0');
    }
    return y;
}

static void check_accepted(const struct prc_header *h, const struct csv_record *rec,
                           const struct prc_row *row)
{
    CHECK(!rec->error && rec->nfields == h->width);
    const struct csv_field *f = rec->fields;
    CHECK(row->fy >= 1900 && row->fy <= 2998 && row->fy == fy_digits(&f[h->col[PRC_FY]]));
    CHECK(row->quarter >= 1 && row->quarter <= 4);
    const struct text texts[] = {row->force, row->description, row->group, row->subgroup,
                                 row->code};
    const enum prc_column cols[] = {PRC_FORCE, PRC_DESCRIPTION, PRC_GROUP, PRC_SUBGROUP, PRC_CODE};
    for (size_t i = 0; i < 5; i++) {
        CHECK(inside(texts[i], &f[h->col[cols[i]]]));
        CHECK(trimmed(texts[i]));
    }
    CHECK(row->force.len > 0 && row->group.len > 0 && row->code.len > 0);
    int64_t want;
    const struct csv_field *count = &f[h->col[PRC_COUNT]];
    CHECK(naive_count(count->p, count->len, &want));
    CHECK(row->count == want);
}

static void check_refused(const struct prc_problem *why)
{
    CHECK(memchr(why->reason, '\0', sizeof why->reason) != NULL);
    CHECK(why->reason[0] != '\0');
    bool known = why->column == NULL;
    for (int c = 0; c < PRC_COLUMNS; c++)
        known = known || why->column == prc_column_name((enum prc_column)c);
    CHECK(known);
}

static void check_row(const struct prc_header *h, const struct csv_record *rec)
{
    struct prc_row row;
    struct prc_problem why = {0};
    if (prc_parse_row(h, rec, &row, &why))
        check_accepted(h, rec, &row);
    else
        check_refused(&why);
}

static void check_header(const struct csv_record *rec, struct prc_header *h, bool *ok)
{
    struct prc_problem why = {0};
    *ok = prc_parse_header(rec, h, &why);
    if (!*ok) {
        check_refused(&why);
        return;
    }
    CHECK(!rec->error && h->width == rec->nfields);
    for (int c = 0; c < PRC_COLUMNS; c++) {
        CHECK(h->col[c] < h->width);
        for (int d = 0; d < c; d++)
            CHECK(h->col[c] != h->col[d]);
    }
}

static void check_counts(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->nfields; i++) {
        int64_t got = 0, want = 0;
        bool ok = prc_parse_count(rec->fields[i].p, rec->fields[i].len, &got);
        CHECK(ok == naive_count(rec->fields[i].p, rec->fields[i].len, &want));
        CHECK(!ok || got == want);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct source src = {(const char *)data, size, 0};
    struct csv_reader *r = csv_open(mem_read, &src);
    CHECK(r != NULL);
    struct prc_header published = {{0, 1, 2, 3, 4, 5, 6, 7}, PRC_COLUMNS}, own;
    bool have_own = false, first = true;
    struct csv_record rec;
    int rc;
    while ((rc = csv_next(r, &rec)) == 1) {
        if (first)
            check_header(&rec, &own, &have_own);
        first = false;
        check_row(&published, &rec);
        if (have_own)
            check_row(&own, &rec);
        check_counts(&rec);
    }
    CHECK(rc == 0);
    csv_close(r);
    return 0;
}
