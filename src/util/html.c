/*
 * html.c - escaping text for HTML (see html.h).
 */
#include "util/html.h"
#include "util/utf8.h"

#include <stdarg.h>
#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* Length of the well-formed UTF-8 sequence at s (1..4), or 0. */
static size_t char_length(const char *s, size_t left)
{
    size_t len = (unsigned char)s[0] < 0x80   ? 1
                 : (unsigned char)s[0] < 0xE0 ? 2
                 : (unsigned char)s[0] < 0xF0 ? 3
                                              : 4;
    long line, column;
    return len <= left && utf8_valid(s, len, &line, &column) ? len : 0;
}

void html_escape(struct buf *out, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = char_length(s + i, n - i);
        if (len == 0 || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
            buf_puts(out, REPLACEMENT);
            i += len ? len : 1;
            continue;
        }
        switch (c) {
        case '&':
            buf_puts(out, "&amp;");
            break;
        case '<':
            buf_puts(out, "&lt;");
            break;
        case '>':
            buf_puts(out, "&gt;");
            break;
        case '"':
            buf_puts(out, "&quot;");
            break;
        case '\'':
            buf_puts(out, "&#39;");
            break;
        default:
            buf_append(out, s + i, len);
        }
        i += len;
    }
}

void html_printf(struct buf *out, const char *fmt, ...)
{
    struct buf raw = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&raw, fmt, ap);
    va_end(ap);
    html_escape(out, buf_str(&raw));
    buf_free(&raw);
}

void url_encode(struct buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p)) {
            buf_putc(out, (char)*p);
        } else {
            buf_putc(out, '%');
            buf_putc(out, hex[*p >> 4]);
            buf_putc(out, hex[*p & 15]);
        }
    }
}
