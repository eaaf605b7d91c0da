/*
 * numfmt.c - grouped numbers for prose (see numfmt.h).
 */
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The stated decimals when they lose nothing; else %.17g, which always
 * reads back exactly (17 significant digits identify every double), or
 * fewer when they do too, and read better: the first that does wins. glibc's
 * printf and strtod round correctly, so the test is exact. */
void buf_put_exact(struct buf *b, double v, int decimals)
{
    assert(isfinite(v) && decimals <= 15);
    char digits[400];
    if (v == 0)
        v = 0.0; /* -0.0 is 0 to every reader */
    if (decimals >= 0) {
        snprintf(digits, sizeof digits, "%.*f", decimals, v);
        if (strtod(digits, NULL) == v) {
            buf_puts(b, digits);
            return;
        }
    }
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(digits, sizeof digits, "%.*g", precision, v);
        if (strtod(digits, NULL) == v)
            break;
    }
    buf_puts(b, digits);
}
