/*
 * suggest.c - the nearest known value to a mistyped one (see suggest.h).
 */
#include "util/suggest.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>

size_t suggest_distance(const char *a, const char *b, size_t limit)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > SUGGEST_MAX_LEN || nb > SUGGEST_MAX_LEN || (na > nb ? na - nb : nb - na) > limit)
        return limit + 1;
    /* two rows of the edit-distance table: prev for a[0..i), row for a[0..i] */
    size_t prev[SUGGEST_MAX_LEN + 1], row[SUGGEST_MAX_LEN + 1];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        row[0] = i;
        size_t best = row[0];
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t d = prev[j - 1] + cost;
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (row[j - 1] + 1 < d)
                d = row[j - 1] + 1;
            row[j] = d;
            if (d < best)
                best = d;
        }
        if (best > limit) /* every later row is at least this */
            return limit + 1;
        memcpy(prev, row, (nb + 1) * sizeof *row);
    }
    return prev[nb] <= limit ? prev[nb] : limit + 1;
}

size_t suggest_limit(const char *word)
{
    size_t n = strlen(word);
    if (n <= 4)
        return 1;
    if (n <= 8)
        return 2;
    return n / 3 < 5 ? n / 3 : 5;
}

const char *suggest_nearest(const char *word, const char *const *known, size_t n)
{
    const char *best = NULL;
    size_t limit = suggest_limit(word);
    for (size_t i = 0; i < n; i++) {
        assert(known[i]);
        size_t d = suggest_distance(word, known[i], limit);
        if (d <= limit) {
            best = known[i];
            if (d == 0)
                break;
            limit = d - 1; /* a later value must be nearer to win */
        }
    }
    return best;
}

void suggest_append(struct buf *out, const char *word, const char *const *known, size_t n,
                    size_t list)
{
    const char *near = suggest_nearest(word, known, n);
    if (near) {
        buf_printf(out, " (did you mean '%s'?)", near);
        return;
    }
    if (n == 0 || n > list)
        return;
    buf_puts(out, " (known: ");
    for (size_t i = 0; i < n; i++)
        buf_printf(out, "%s%s", i ? ", " : "", known[i]);
    buf_putc(out, ')');
}
