/*
 * numfmt.c - grouped numbers for prose (see numfmt.h).
 */
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Copies the digits of `digits` (no sign) into b, a comma every three from
 * the decimal point leftwards. */
static void put_grouped(struct buf *b, const char *digits)
{
    const char *point = strchr(digits, '.');
    size_t whole = point ? (size_t)(point - digits) : strlen(digits);
    for (size_t i = 0; i < whole; i++) {
        buf_putc(b, digits[i]);
        if ((whole - i - 1) % 3 == 0 && i + 1 < whole)
            buf_putc(b, ',');
    }
    if (point)
        buf_puts(b, point);
}

void buf_put_count(struct buf *b, int64_t v)
{
    char digits[32];
    /* via unsigned so that INT64_MIN has a magnitude */
    uint64_t magnitude = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)magnitude);
    if (v < 0)
        buf_putc(b, '-');
    put_grouped(b, digits);
}

void buf_put_number(struct buf *b, double v, int decimals)
{
    assert(decimals >= 0 && decimals <= 15);
    if (!isfinite(v)) {
        buf_puts(b, isnan(v) ? "n/a" : v > 0 ? "infinity" : "-infinity");
        return;
    }
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    if (v < 0 && strspn(digits, "0.") != strlen(digits))
        buf_putc(b, '-');
    put_grouped(b, digits);
}
