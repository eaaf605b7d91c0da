/*
 * utf8.c - UTF-8 well-formedness (see utf8.h), by the table of RFC 3629
 * section 4.
 */
#include "util/utf8.h"

/* How many bytes the sequence starting at p[0] takes (0: ill-formed),
 * with at most `left` bytes available. */
static size_t sequence_length(const unsigned char *p, size_t left)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || len > left)
        return 0;
    /* The second byte's range depends on the first (overlongs, surrogates,
     * the U+10FFFF ceiling); later ones are plain continuation bytes. */
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return len;
}

bool utf8_valid(const char *s, size_t n, long *line, long *column)
{
    const unsigned char *p = (const unsigned char *)s;
    long ln = 1, col = 1;
    for (size_t i = 0; i < n;) {
        size_t len = sequence_length(p + i, n - i);
        if (len == 0) {
            *line = ln;
            *column = col;
            return false;
        }
        if (p[i] == '\n') {
            ln++;
            col = 1;
        } else {
            col++;
        }
        i += len;
    }
    return true;
}
