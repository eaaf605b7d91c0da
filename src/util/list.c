/*
 * list.c - the items of a list written in one text field (see list.h).
 */
#include "util/list.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>

bool list_next(const char **cursor, const char *seps, const char **item, size_t *len)
{
    assert(cursor && *cursor && seps && item && len);
    const char *k = *cursor;
    while (*k) {
        size_t n = strcspn(k, seps);
        const char *a = k, *z = k + n;
        k += n + (k[n] != '\0');
        while (a < z && isspace((unsigned char)*a))
            a++;
        while (z > a && isspace((unsigned char)z[-1]))
            z--;
        if (z > a) {
            *cursor = k;
            *item = a;
            *len = (size_t)(z - a);
            return true;
        }
    }
    *cursor = k;
    return false;
}
