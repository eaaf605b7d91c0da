/*
 * test_hmap.c - util/hmap.h: keys kept in the slot and keys allocated
 * apart (longer than HMAP_INLINE) found again after the map grows and
 * after it is cleared; empty keys and keys that differ only past the
 * inline length.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "util/hmap.h"

/* Key i: short ones for even i, ones longer than a slot holds for odd. */
static size_t key(char *out, size_t size, int i)
{
    int n = i % 2 ? snprintf(out, size, "%0*d-long-key-%d", HMAP_INLINE, i, i)
                  : snprintf(out, size, "k%d", i);
    return (size_t)n;
}

static void keys_short_and_long_survive_growth(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    char k[128];
    for (int i = 0; i < 5000; i++) {
        int inserted = 0;
        *hmap_put(&m, k, key(k, sizeof k, i), &inserted) = i * 3;
        assert_true(inserted);
    }
    assert_int_equal(m.count, 5000);
    for (int i = 0; i < 5000; i++) {
        int inserted = 1;
        size_t n = key(k, sizeof k, i);
        assert_true(n > HMAP_INLINE || i % 2 == 0);
        assert_int_equal(*hmap_get(&m, k, n), i * 3);
        assert_int_equal(*hmap_put(&m, k, n, &inserted), i * 3);
        assert_false(inserted);
    }
    assert_null(hmap_get(&m, "k5001", 5));
    hmap_clear(&m);
    assert_int_equal(m.count, 0);
    assert_null(hmap_get(&m, k, key(k, sizeof k, 3)));
    *hmap_put(&m, k, key(k, sizeof k, 3), NULL) = 7;
    assert_int_equal(*hmap_get(&m, k, key(k, sizeof k, 3)), 7);
    hmap_free(&m);
}

static void keys_differing_late_or_empty(void **state)
{
    (void)state;
    struct hmap m;
    hmap_init(&m);
    char a[HMAP_INLINE + 8], b[HMAP_INLINE + 8];
    memset(a, 'x', sizeof a);
    memset(b, 'x', sizeof b);
    b[sizeof b - 1] = 'y';
    *hmap_put(&m, a, sizeof a, NULL) = 1;
    *hmap_put(&m, b, sizeof b, NULL) = 2;
    *hmap_put(&m, a, HMAP_INLINE, NULL) = 3; /* a prefix, held inline */
    *hmap_put(&m, "", 0, NULL) = 4;
    assert_int_equal(m.count, 4);
    assert_int_equal(*hmap_get(&m, a, sizeof a), 1);
    assert_int_equal(*hmap_get(&m, b, sizeof b), 2);
    assert_int_equal(*hmap_get(&m, b, HMAP_INLINE), 3);
    assert_int_equal(*hmap_get(&m, "", 0), 4);
    assert_null(hmap_get(&m, a, HMAP_INLINE + 1));
    hmap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_short_and_long_survive_growth),
        cmocka_unit_test(keys_differing_late_or_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
