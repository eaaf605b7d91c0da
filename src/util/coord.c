/*
 * coord.c - six-decimal coordinates as integers (see coord.h).
 */
#include "util/coord.h"

#include <assert.h>
#include <string.h>

/* six_digits reads a word's lanes in memory order, first byte lowest */
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "six_digits assumes little-endian");

/* The six digits at s[2..7] as a number, false unless all six are digits.
 * The eight bytes at s are read as one word (the two before the digits
 * taken as '0'), checked and added up a lane at a time: a lane is a digit
 * when its high half is 3 and its low half plus 6 stays below 16. Each
 * coordinate is read twice an imported row (checked, then stored), and a
 * digit at a time this was a twelfth of the reading thread's work. */
static bool six_digits(const char *s, uint32_t *out)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    uint64_t lanes = 0x0101010101010101u;
    w = (w & ~(uint64_t)0xffff) | 0x3030; /* little-endian: s[0] is the low byte */
    if ((w & 0xf0 * lanes) != 0x30 * lanes || ((w + 0x06 * lanes) & 0xf0 * lanes) != 0x30 * lanes)
        return false;
    w -= 0x30 * lanes;
    /* pairs of digits, then fours, then the eight (the first digit the
     * most significant) */
    w = (w * 10 + (w >> 8)) & 0x00ff00ff00ff00ffu;
    w = (w * 100 + (w >> 16)) & 0x0000ffff0000ffffu;
    w = (w * 10000 + (w >> 32)) & 0xffffffffu;
    *out = (uint32_t)w;
    return true;
}

bool coord_parse_micro(const char *s, size_t n, int64_t *micro)
{
    /* [-]D.DDDDDD with one to four whole digits: eight bytes at least */
    if (n < 8 || s[n - 7] != '.')
        return false;
    bool negative = s[0] == '-';
    size_t start = negative, digits = n - 7 - start;
    if (digits == 0 || digits > 4 || (digits > 1 && s[start] == '0'))
        return false;
    int64_t whole = 0;
    for (size_t i = start; i < n - 7; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        whole = whole * 10 + (s[i] - '0');
    }
    uint32_t frac;
    if (!six_digits(s + n - 8, &frac))
        return false;
    int64_t v = whole * 1000000 + frac;
    if (negative && v == 0)
        return false; /* "-0.000000" would come back without its sign */
    *micro = negative ? -v : v;
    return true;
}

size_t coord_format_micro(int64_t micro, char out[24])
{
    /* by hand, not snprintf: a download of packed rows writes two a row
     * (store/export_pack.c) */
    uint64_t a = micro < 0 ? 0 - (uint64_t)micro : (uint64_t)micro;
    uint64_t whole = a / 1000000, frac = a % 1000000;
    char digits[20];
    size_t k = 0, n = 0;
    do {
        digits[k++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    if (micro < 0)
        out[n++] = '-';
    while (k)
        out[n++] = digits[--k];
    out[n++] = '.';
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233"
        "34353637383940414243444546474849505152535455565758596061626364656667"
        "6869707172737475767778798081828384858687888990919293949596979899";
    for (size_t i = 6; i > 0; i -= 2, frac /= 100)
        memcpy(out + n + i - 2, pairs + 2 * (frac % 100), 2);
    n += 6;
    out[n] = '\0';
    return n;
}
