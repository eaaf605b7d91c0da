/*
 * test_coord.c - six-decimal coordinates read as millionths: the word-at-a-
 * time reading against the rule written plainly, a character at a time, on
 * every byte value in every place of published coordinates, on every
 * length, and on random texts made of the bytes that matter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/coord.h"

/* The rule written plainly: [-]D.DDDDDD, one to four whole digits, no
 * superfluous leading zero, not "-0.000000". */
static bool plain_parse(const char *s, size_t n, int64_t *micro)
{
    size_t i = 0;
    bool negative = n > 0 && s[0] == '-';
    i += negative;
    size_t start = i;
    int64_t whole = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 4)
        whole = whole * 10 + (s[i++] - '0');
    size_t digits = i - start;
    if (digits == 0 || (digits > 1 && s[start] == '0') || n - i != 7 || s[i] != '.')
        return false;
    int64_t frac = 0;
    for (i++; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        frac = frac * 10 + (s[i] - '0');
    }
    int64_t v = whole * 1000000 + frac;
    if (negative && v == 0)
        return false;
    *micro = negative ? -v : v;
    return true;
}

/* coord_parse_micro and the plain rule agree on s: both refuse it, or both
 * read the same value. The text is copied to the heap at its exact length,
 * so that a read past its end is seen by the sanitizer. */
static void agree(const char *s, size_t n)
{
    char *exact = malloc(n ? n : 1);
    assert_non_null(exact);
    memcpy(exact, s, n);
    int64_t got = 0x5a5a, want = 0x5a5a;
    bool ok = plain_parse(exact, n, &want);
    assert_int_equal(coord_parse_micro(exact, n, &got), ok);
    if (ok)
        assert_int_equal(got, want);
    free(exact);
}

static void every_byte_in_every_place_is_read_as_the_rule_says(void **state)
{
    (void)state;
    const char *published[] = {"-1.210015", "52.634990",   "0.000000",
                               "-0.000001", "179.999999",  "-180.000000",
                               "9.9",       "1234.000000", "-12.3456789"};
    for (size_t k = 0; k < sizeof published / sizeof *published; k++) {
        size_t n = strlen(published[k]);
        for (size_t at = 0; at < n; at++)
            for (int b = 0; b < 256; b++) {
                char s[16];
                memcpy(s, published[k], n);
                s[at] = (char)b;
                agree(s, n);
            }
    }
}

static void every_length_and_shape(void **state)
{
    (void)state;
    const char *texts[] = {"",
                           "-",
                           ".",
                           "1.234567",
                           "01.234567",
                           "-01.234567",
                           "12345.123456",
                           "1234.123456",
                           "-1234.123456",
                           "+1.234567",
                           "1.23456",
                           "1.2345678",
                           "-.123456",
                           ".1234567",
                           "1,234567",
                           "1.23456a",
                           " 1.234567",
                           "1.234567 ",
                           "-0.000000",
                           "0.000001",
                           "-9999.999999"};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        for (size_t n = 0; n <= strlen(texts[k]); n++)
            agree(texts[k], n);
    int64_t v;
    assert_true(coord_parse_micro("-1.210015", 9, &v));
    assert_int_equal(v, -1210015);
    assert_true(coord_parse_micro("1234.000001", 11, &v));
    assert_int_equal(v, 1234000001);
}

/* Random texts of the bytes a coordinate is made of, and those next to the
 * digits, in every length up to 14. */
static void random_texts(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789-.+/: 09";
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (int round = 0; round < 400000; round++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t n = (size_t)(x % 15);
        char s[16];
        uint64_t y = x;
        for (size_t i = 0; i < n; i++) {
            y = y * 6364136223846793005u + 1442695040888963407u;
            s[i] = alphabet[(y >> 33) % (sizeof alphabet - 1)];
        }
        if (n >= 8 && (x & 1)) /* a dot where a coordinate has it, often */
            s[n - 7] = '.';
        agree(s, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_byte_in_every_place_is_read_as_the_rule_says),
        cmocka_unit_test(every_length_and_shape),
        cmocka_unit_test(random_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
