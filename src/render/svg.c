/*
 * svg.c - style attributes rewritten as presentation attributes (see svg.h).
 *
 * The input is Peel's own chart (its title and description escaped by
 * chart.c), so ` style="` can only be an attribute: in text it would read
 * `style=&quot;`.
 */
#include "render/svg.h"

#include <string.h>

static bool property_name(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'a' && s[i] <= 'z') && s[i] != '-')
            return false;
    return true;
}

static bool property_value(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,%()#+-",
                    s[i]) ||
            s[i] == '\0')
            return false;
    return true;
}

/* One "name:value" declaration, as an attribute. */
static void declaration(const char *s, size_t n, struct buf *out)
{
    while (n && *s == ' ')
        s++, n--;
    const char *colon = memchr(s, ':', n);
    if (!colon)
        return;
    size_t namelen = (size_t)(colon - s);
    const char *v = colon + 1;
    size_t vlen = n - namelen - 1;
    while (namelen && s[namelen - 1] == ' ')
        namelen--;
    while (vlen && *v == ' ')
        v++, vlen--;
    while (vlen && v[vlen - 1] == ' ')
        vlen--;
    if (!property_name(s, namelen) || !property_value(v, vlen))
        return;
    buf_putc(out, ' ');
    buf_append(out, s, namelen);
    buf_puts(out, "=\"");
    buf_append(out, v, vlen);
    buf_putc(out, '"');
}

/* The declarations of one style attribute's value s[0..n). */
static void declarations(const char *s, size_t n, struct buf *out)
{
    for (size_t start = 0; start < n;) {
        const char *semi = memchr(s + start, ';', n - start);
        size_t end = semi ? (size_t)(semi - s) : n;
        declaration(s + start, end - start, out);
        start = end + 1;
    }
}

void web_svg_presentation(const char *svg, struct buf *out)
{
    static const char attr[] = " style=\"";
    const char *p = svg;
    for (;;) {
        const char *at = strstr(p, attr);
        const char *close = at ? strchr(at + sizeof attr - 1, '"') : NULL;
        if (!close) {
            buf_puts(out, p);
            return;
        }
        buf_append(out, p, (size_t)(at - p));
        const char *value = at + sizeof attr - 1;
        declarations(value, (size_t)(close - value), out);
        p = close + 1;
    }
}
