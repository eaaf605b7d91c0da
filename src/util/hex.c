/*
 * hex.c - lower-case hexadecimal digits read as bytes (see hex.h).
 *
 * Sixteen digits at a time where SSE2 is there (every x86-64): one table
 * lookup a digit, two a byte, was 476 instructions of each row an import
 * reads (callgrind, bench/README.md, stop 38). Elsewhere, and for the
 * tail, the table.
 */
#include "util/hex.h"

#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A digit's value plus one; 0 for any other byte. */
static const unsigned char digit[256] = {
    ['0'] = 1, ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,  ['7'] = 8,
    ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

#ifdef __SSE2__
/* Eight bytes from sixteen digits; false if one is not a digit. The
 * compares are signed: a byte of 0x80 or more is below '0'. */
static bool decode16(const char *hex, unsigned char *out)
{
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)hex);
    __m128i num = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('0' - 1)),
                                _mm_cmplt_epi8(c, _mm_set1_epi8('9' + 1)));
    __m128i low = _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('a' - 1)),
                                _mm_cmplt_epi8(c, _mm_set1_epi8('f' + 1)));
    if (_mm_movemask_epi8(_mm_or_si128(num, low)) != 0xffff)
        return false;
    /* '0'-'9' are 0x30-0x39, 'a'-'f' 0x61-0x66: the low four bits, and
     * nine more for a letter */
    __m128i v =
        _mm_add_epi8(_mm_and_si128(c, _mm_set1_epi8(0x0f)), _mm_and_si128(low, _mm_set1_epi8(9)));
    /* each 16-bit lane holds a byte's first digit low, its second high */
    __m128i first = _mm_and_si128(v, _mm_set1_epi16(0x00ff));
    __m128i both = _mm_or_si128(_mm_slli_epi16(first, 4), _mm_srli_epi16(v, 8));
    _mm_storel_epi64((__m128i *)(void *)out, _mm_packus_epi16(both, both));
    return true;
}
#endif

bool hex_lower_decode(const char *hex, size_t n, unsigned char *out)
{
    size_t i = 0;
#ifdef __SSE2__
    for (; i + 8 <= n; i += 8)
        if (!decode16(hex + 2 * i, out + i))
            return false;
#endif
    for (; i < n; i++) {
        int hi = digit[(unsigned char)hex[2 * i]], lo = digit[(unsigned char)hex[2 * i + 1]];
        if (!hi || !lo)
            return false;
        out[i] = (unsigned char)((hi - 1) << 4 | (lo - 1));
    }
    return true;
}
