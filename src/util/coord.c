/*
 * coord.c - six-decimal coordinates as integers (see coord.h).
 */
#include "util/coord.h"

#include <stdio.h>

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

void coord_format_micro(int64_t micro, char out[24])
{
    int64_t a = micro < 0 ? -micro : micro;
    snprintf(out, 24, "%s%lld.%06lld", micro < 0 ? "-" : "", (long long)(a / 1000000),
             (long long)(a % 1000000));
}
