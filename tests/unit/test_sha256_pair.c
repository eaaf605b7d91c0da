/*
 * test_sha256_pair.c - two SHA-256 digests computed together are
 * OpenSSL's digests of each: every length from 0 to 5 blocks against every
 * other in steps, unaligned, the same bytes twice, long and very unequal
 * messages, and the FIPS 180-4 examples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"
#include "util/sha256_pair.h"

/* Bytes that repeat with no short period. */
static unsigned char *noise(size_t n, uint32_t seed)
{
    unsigned char *p = malloc(n ? n : 1);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        p[i] = (unsigned char)(seed >> 24);
    }
    return p;
}

static void expect_pair(const unsigned char *a, size_t na, const unsigned char *b, size_t nb)
{
    char ha[SHA256_HEX_SIZE], hb[SHA256_HEX_SIZE], ea[SHA256_HEX_SIZE], eb[SHA256_HEX_SIZE];
    sha256_pair(a, na, b, nb, ha, hb);
    sha256_of(a, na, ea);
    sha256_of(b, nb, eb);
    if (strcmp(ha, ea) != 0 || strcmp(hb, eb) != 0)
        fail_msg("lengths %zu and %zu: %s %s, OpenSSL %s %s", na, nb, ha, hb, ea, eb);
}

static void every_short_length_against_others_is_openssls_digest(void **state)
{
    (void)state;
    unsigned char *a = noise(400, 1), *b = noise(400, 2);
    for (size_t na = 0; na <= 320; na++)
        for (size_t nb = 0; nb <= 320; nb += 13) {
            expect_pair(a + 1, na, b + 3, nb); /* unaligned */
            expect_pair(b, nb, a, na);
        }
    free(a);
    free(b);
}

static void long_and_unequal_messages_are_openssls_digest(void **state)
{
    (void)state;
    size_t n = 3u << 20;
    unsigned char *a = noise(n, 3), *b = noise(n, 4);
    expect_pair(a, n, b, n);
    expect_pair(a, n, b, n - 1);
    expect_pair(a, n - 63, b, 64);
    expect_pair(a, 55, b, n);
    expect_pair(a, n, a, n); /* the same bytes for both */
    expect_pair(NULL, 0, b, n);
    free(a);
    free(b);
}

static void fips_180_examples(void **state)
{
    (void)state;
    const char *abc = "abc", *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    char ha[SHA256_HEX_SIZE], hb[SHA256_HEX_SIZE];
    sha256_pair(abc, strlen(abc), two, strlen(two), ha, hb);
    assert_string_equal(ha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_string_equal(hb, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    sha256_pair("", 0, abc, 3, ha, hb);
    assert_string_equal(ha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_string_equal(hb, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    print_message("sha256_pair %s the CPU's SHA instructions here\n",
                  sha256_pair_interleaves() ? "interleaves on" : "has no");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_short_length_against_others_is_openssls_digest),
        cmocka_unit_test(long_and_unequal_messages_are_openssls_digest),
        cmocka_unit_test(fips_180_examples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
