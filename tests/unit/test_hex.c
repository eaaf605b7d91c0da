/*
 * test_hex.c - lower-case hex digits read as bytes: every byte value in
 * every place of a crime id's 64 digits, against the rule written plainly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/hex.h"

static int plain_digit(unsigned char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The rule written plainly: false for a byte that is no digit. */
static bool plain_decode(const char *hex, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++) {
        int hi = plain_digit((unsigned char)hex[2 * i]),
            lo = plain_digit((unsigned char)hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

static void every_byte_in_every_place_is_read_as_the_rule_says(void **state)
{
    (void)state;
    char hex[65] = "0123456789abcdef0f1e2d3c4b5a69788796a5b4c3d2e1f0fedcba9876543210";
    for (size_t at = 0; at < 64; at++)
        for (int b = 0; b < 256; b++) {
            char id[64];
            memcpy(id, hex, 64);
            id[at] = (char)b;
            unsigned char got[32], want[32];
            bool ok = plain_decode(id, 32, want);
            assert_int_equal(hex_lower_decode(id, 32, got), ok);
            if (ok)
                assert_memory_equal(got, want, 32);
        }
}

/* Lengths that leave a tail after the sixteen-digit blocks, and none. */
static void every_length_reads_its_own_digits(void **state)
{
    (void)state;
    const char *hex = "ff00a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcdefedcba987654321";
    for (size_t n = 0; n <= 32; n++) {
        unsigned char got[33] = {0}, want[33] = {0};
        got[n] = want[n] = 0x5a; /* nothing written past n */
        assert_true(plain_decode(hex, n, want));
        assert_true(hex_lower_decode(hex, n, got));
        assert_memory_equal(got, want, n + 1);
    }
    unsigned char one[1];
    assert_false(hex_lower_decode("F0", 1, one)); /* upper case is not read */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_byte_in_every_place_is_read_as_the_rule_says),
        cmocka_unit_test(every_length_reads_its_own_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
