/*
 * coord.c - six-decimal coordinates as integers (see coord.h).
 */
#include "util/coord.h"

#include <string.h>

bool coord_parse_micro(const char *s, size_t n, int64_t *micro)
{
    size_t i = 0;
    bool negative = n > 0 && s[0] == '-';
    i += negative;
    size_t int_start = i;
    int64_t whole = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - int_start < 4)
        whole = whole * 10 + (s[i++] - '0');
    size_t int_digits = i - int_start;
    if (int_digits == 0 || (int_digits > 1 && s[int_start] == '0'))
        return false;
    if (n - i != 7 || s[i] != '.')
        return false;
    int64_t frac = 0;
    for (i++; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        frac = frac * 10 + (s[i] - '0');
    }
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
