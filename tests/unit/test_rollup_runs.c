/*
 * test_rollup_runs.c - an import's area rollup counts, merged from sorted
 * runs (store/rollup_runs.h): packing, sorting, runs spilled to the
 * temporary file and merged back, equal keys summed, dropped slices.
 *
 * Each merge is checked against a reference worked out the plain way: every
 * count kept in an array, sorted with qsort, equal keys summed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "store/rollup_runs.h"

static int key_cmp(const struct rollup_key *a, const struct rollup_key *b)
{
    const int32_t x[5] = {a->lsoa, a->month, a->force, a->crime_type, a->outcome};
    const int32_t y[5] = {b->lsoa, b->month, b->force, b->crime_type, b->outcome};
    for (int i = 0; i < 5; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static int count_cmp(const void *a, const void *b)
{
    return key_cmp(&((const struct rollup_count *)a)->k, &((const struct rollup_count *)b)->k);
}

/* What a merge handed over, and a check that each array but the last is
 * ROLLUP_EMIT long. */
struct got {
    struct rollup_count *v;
    size_t n, cap;
    size_t short_arrays;
};

static int collect(void *arg, const struct rollup_count *c, size_t n, struct buf *err)
{
    (void)err;
    struct got *g = arg;
    if (n < ROLLUP_EMIT)
        g->short_arrays++;
    if (g->n + n > g->cap) {
        g->cap = 2 * (g->n + n);
        g->v = realloc(g->v, g->cap * sizeof *g->v);
    }
    memcpy(g->v + g->n, c, n * sizeof *c);
    g->n += n;
    return 0;
}

/* Sorted, equal keys summed: the reference. */
static size_t reference(struct rollup_count *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, count_cmp);
    size_t out = 0;
    for (size_t i = 1; i < n; i++) {
        if (key_cmp(&v[i].k, &v[out].k) == 0)
            v[out].n += v[i].n;
        else
            v[++out] = v[i];
    }
    return out + 1;
}

static void assert_same(const struct got *g, const struct rollup_count *want, size_t n)
{
    assert_int_equal(g->n, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(key_cmp(&g->v[i].k, &want[i].k), 0);
        assert_int_equal(g->v[i].n, want[i].n);
    }
    assert_true(g->short_arrays <= 1);
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void pack_round_trips_and_refuses_what_does_not_fit(void **state)
{
    (void)state;
    struct rollup_packed p;
    struct rollup_key k = {.force = 16383,
                           .month = 2025 * 12 + 11,
                           .lsoa = 2147483647,
                           .crime_type = 65535,
                           .outcome = 65535};
    assert_true(rollup_pack(&k, 4294967295LL, &p));
    struct rollup_key back = rollup_unpack(&p);
    assert_int_equal(key_cmp(&back, &k), 0);
    assert_int_equal(back.force, k.force);
    assert_int_equal(p.n, 4294967295u);
    const struct rollup_key too_big[] = {
        {.force = 1 << 14}, {.month = 1 << 18}, {.crime_type = 65536},
        {.outcome = 65536}, {.lsoa = -1},       {.force = -1},
        {.crime_type = -1}, {.month = -1},      {.outcome = -1},
    };
    for (size_t i = 0; i < sizeof too_big / sizeof *too_big; i++)
        assert_false(rollup_pack(&too_big[i], 1, &p));
    assert_false(rollup_pack(&(struct rollup_key){0}, 4294967296LL, &p));
    assert_false(rollup_pack(&(struct rollup_key){0}, -1, &p));
}

/* Packed order is rollup_lsoa's key order, then its cells': lsoa, month,
 * force, crime type, outcome. */
static void sort_is_the_tables_key_order(void **state)
{
    (void)state;
    enum { N = 5000 };
    struct rollup_packed *c = malloc(N * sizeof *c), *tmp = malloc(N * sizeof *tmp);
    struct rollup_count *want = malloc(N * sizeof *want);
    uint64_t s = 88172645463325252ULL;
    for (size_t i = 0; i < N; i++) {
        struct rollup_key k = {.force = (int32_t)(next_random(&s) % 300),
                               .month = (int32_t)(24000 + next_random(&s) % 400),
                               .lsoa = (int32_t)(next_random(&s) % 70000),
                               .crime_type = (int32_t)(next_random(&s) % 20),
                               .outcome = (int32_t)(next_random(&s) % 30)};
        assert_true(rollup_pack(&k, (int64_t)i, &c[i]));
        want[i] = (struct rollup_count){k, (int64_t)i};
    }
    rollup_sort_packed(c, tmp, N);
    qsort(want, N, sizeof *want, count_cmp);
    for (size_t i = 0; i < N; i++) {
        struct rollup_key k = rollup_unpack(&c[i]);
        assert_int_equal(key_cmp(&k, &want[i].k), 0);
    }
    free(c);
    free(tmp);
    free(want);
}

/* Runs of random sizes, some larger than the chunk, keys repeating across
 * runs; merged with every chunk size from 1 cell up. */
static void runs_merge_to_the_sorted_sums(void **state)
{
    (void)state;
    enum { RUNS = 40, MAX_RUN = 300 };
    const size_t chunks[] = {1, 7, 64, 1000, 100000};
    for (size_t ci = 0; ci < sizeof chunks / sizeof *chunks; ci++) {
        struct rollup_runs *r = rollup_runs_new(chunks[ci]);
        struct rollup_count *all = malloc(RUNS * MAX_RUN * sizeof *all);
        struct rollup_packed *run = malloc(MAX_RUN * sizeof *run);
        struct rollup_packed *tmp = malloc(MAX_RUN * sizeof *tmp);
        size_t nall = 0;
        uint64_t s = 2463534242ULL + ci;
        struct buf err = BUF_INIT;
        for (int i = 0; i < RUNS; i++) {
            size_t n = next_random(&s) % MAX_RUN;
            for (size_t j = 0; j < n; j++) {
                struct rollup_key k = {.force = (int32_t)(1 + next_random(&s) % 3),
                                       .month = 24264 + i % 5,
                                       .lsoa = (int32_t)(1 + next_random(&s) % 50),
                                       .crime_type = (int32_t)(1 + next_random(&s) % 4),
                                       .outcome = (int32_t)(next_random(&s) % 3)};
                int64_t v = (int64_t)(1 + next_random(&s) % 1000);
                assert_true(rollup_pack(&k, v, &run[j]));
                all[nall++] = (struct rollup_count){k, v};
            }
            rollup_sort_packed(run, tmp, n);
            assert_int_equal(rollup_runs_add(r, run, n, &err), 0);
        }
        assert_int_equal(rollup_runs_cells(r), nall);
        struct got g = {0};
        assert_int_equal(rollup_runs_merge(r, collect, &g, &err), 0);
        assert_same(&g, all, reference(all, nall));
        /* emptied by the merge, and usable again */
        assert_int_equal(rollup_runs_cells(r), 0);
        struct got again = {0};
        assert_true(rollup_pack(&(struct rollup_key){1, 24264, 9, 1, 0}, 5, &run[0]));
        assert_int_equal(rollup_runs_add(r, run, 1, &err), 0);
        assert_int_equal(rollup_runs_merge(r, collect, &again, &err), 0);
        assert_int_equal(again.n, 1);
        assert_int_equal(again.v[0].n, 5);
        free(again.v);
        free(g.v);
        free(all);
        free(run);
        free(tmp);
        buf_free(&err);
        rollup_runs_free(r);
    }
}

/* A drop removes the cells of its (force, month) added before it, in
 * memory and in the file, and none added after; a drop of a slice never
 * added changes nothing. */
static void drops_take_only_earlier_cells_of_their_slice(void **state)
{
    (void)state;
    const size_t chunks[] = {1, 5, 1000};
    for (size_t ci = 0; ci < sizeof chunks / sizeof *chunks; ci++) {
        struct rollup_runs *r = rollup_runs_new(chunks[ci]);
        struct buf err = BUF_INIT;
        struct rollup_packed run[8];
        struct rollup_count want[16];
        size_t nwant = 0;
        /* file 1: force 1, months 24264 and 24265; file 2: force 2 */
        for (int f = 1; f <= 2; f++) {
            for (int i = 0; i < 8; i++) {
                struct rollup_key k = {f, 24264 + i % 2, 10 + i, 1, 0};
                assert_true(rollup_pack(&k, 1, &run[i]));
                if (!(f == 1 && i % 2 == 0))
                    want[nwant++] = (struct rollup_count){k, 1};
            }
            struct rollup_packed tmp[8];
            rollup_sort_packed(run, tmp, 8);
            assert_int_equal(rollup_runs_add(r, run, 8, &err), 0);
        }
        rollup_runs_drop(r, 1, 24264); /* file 3 replaces force 1's 24264 */
        rollup_runs_drop(r, 3, 24264); /* never added */
        struct rollup_key k = {1, 24264, 99, 2, 1};
        assert_true(rollup_pack(&k, 7, &run[0]));
        assert_int_equal(rollup_runs_add(r, run, 1, &err), 0);
        want[nwant++] = (struct rollup_count){k, 7};
        struct got g = {0};
        assert_int_equal(rollup_runs_merge(r, collect, &g, &err), 0);
        assert_same(&g, want, reference(want, nwant));
        free(g.v);
        buf_free(&err);
        rollup_runs_free(r);
    }
}

static int refuse(void *arg, const struct rollup_count *c, size_t n, struct buf *err)
{
    (void)c;
    (void)n;
    ++*(int *)arg;
    buf_puts(err, "the store refused");
    return -1;
}

/* An error from the caller stops the merge and comes back; the runs are
 * emptied all the same (the import is rolled back). */
static void a_failed_write_stops_the_merge(void **state)
{
    (void)state;
    struct rollup_runs *r = rollup_runs_new(3);
    struct buf err = BUF_INIT;
    struct rollup_packed run[ROLLUP_EMIT + 1], tmp[ROLLUP_EMIT + 1];
    for (int i = 0; i < ROLLUP_EMIT + 1; i++)
        assert_true(rollup_pack(&(struct rollup_key){1, 24264, i, 1, 0}, 1, &run[i]));
    rollup_sort_packed(run, tmp, ROLLUP_EMIT + 1);
    assert_int_equal(rollup_runs_add(r, run, ROLLUP_EMIT + 1, &err), 0);
    int calls = 0;
    assert_int_equal(rollup_runs_merge(r, refuse, &calls, &err), -1);
    assert_int_equal(calls, 1);
    assert_string_equal(err.p, "the store refused");
    assert_int_equal(rollup_runs_cells(r), 0);
    buf_free(&err);
    rollup_runs_free(r);
}

/* No temporary file: the error names the folder, and nothing is lost
 * from memory before it. */
static void no_temporary_file_is_a_clear_error(void **state)
{
    (void)state;
    setenv("TMPDIR", "/nonexistent-peel-test-dir", 1);
    struct rollup_runs *r = rollup_runs_new(1);
    struct buf err = BUF_INIT;
    struct rollup_packed c;
    assert_true(rollup_pack(&(struct rollup_key){1, 24264, 1, 1, 0}, 1, &c));
    assert_int_equal(rollup_runs_add(r, &c, 1, &err), 0);
    assert_int_equal(rollup_runs_add(r, &c, 1, &err), -1);
    assert_non_null(strstr(err.p, "temporary file in /nonexistent-peel-test-dir"));
    unsetenv("TMPDIR");
    buf_free(&err);
    rollup_runs_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pack_round_trips_and_refuses_what_does_not_fit),
        cmocka_unit_test(sort_is_the_tables_key_order),
        cmocka_unit_test(runs_merge_to_the_sorted_sums),
        cmocka_unit_test(drops_take_only_earlier_cells_of_their_slice),
        cmocka_unit_test(a_failed_write_stops_the_merge),
        cmocka_unit_test(no_temporary_file_is_a_clear_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
