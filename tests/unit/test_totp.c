/*
 * test_totp.c - one-time codes (util/totp.h) against RFC 6238's own test
 * vectors (Appendix B, SHA-1, the last 6 of its 8 digits), the window of a
 * step either side, replay refused, and the otpauth URI.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/totp.h"

/* "12345678901234567890", RFC 6238's SHA-1 seed, in base32 */
#define SEED "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static void rfc6238_vectors(void **state)
{
    (void)state;
    static const struct {
        int64_t t;
        const char *code;
    } v[] = {{59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
             {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char code[7];
        assert_true(totp_code(SEED, v[i].t, code));
        assert_string_equal(code, v[i].code);
        assert_int_equal(totp_check(SEED, v[i].code, v[i].t, 0), v[i].t / TOTP_STEP);
    }
}

static void window_and_replay(void **state)
{
    (void)state;
    int64_t now = 1800000000; /* the start of a step */
    char code[7];
    assert_true(totp_code(SEED, now, code));
    assert_int_equal(totp_check(SEED, code, now - TOTP_STEP, 0), now / TOTP_STEP); /* fast */
    assert_int_equal(totp_check(SEED, code, now + TOTP_STEP, 0), now / TOTP_STEP); /* slow */
    assert_int_equal(totp_check(SEED, code, now + 3 * TOTP_STEP, 0), -1);          /* stale */
    assert_int_equal(totp_check(SEED, code, now, now / TOTP_STEP), -1);            /* used */
    assert_int_equal(totp_check(SEED, "12345", now, 0), -1);
    assert_int_equal(totp_check(SEED, "12345a", now, 0), -1);
    assert_int_equal(totp_check(SEED, NULL, now, 0), -1);
    assert_int_equal(totp_check("not base32!", code, now, 0), -1);
}

static void new_secrets_and_uri(void **state)
{
    (void)state;
    char a[TOTP_SECRET_SIZE], b[TOTP_SECRET_SIZE], code[7];
    totp_secret_new(a);
    totp_secret_new(b);
    assert_int_equal(strlen(a), 32);
    assert_string_not_equal(a, b);
    assert_true(totp_code(a, 1800000000, code));
    assert_int_equal(totp_check(a, code, 1800000000, 0), 1800000000 / TOTP_STEP);
    struct buf uri = BUF_INIT;
    totp_uri(&uri, "Peel", "j.smith", SEED);
    assert_string_equal(buf_str(&uri), "otpauth://totp/Peel:j.smith?secret=" SEED
                                       "&issuer=Peel&algorithm=SHA1&digits=6&period=30");
    buf_free(&uri);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc6238_vectors),
        cmocka_unit_test(window_and_replay),
        cmocka_unit_test(new_secrets_and_uri),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
