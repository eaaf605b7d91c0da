/*
 * form.c - form bodies taken apart within bounds (see form.h).
 *
 * Every decoded string is written once into f->text, which is sized from
 * the body up front: a decoded name, value or filename is never longer
 * than its raw bytes, and the raw pieces of a body do not overlap, so the
 * body's length plus a NUL per string is always room enough. The multipart
 * parse finds each boundary with memmem, linear in the body (glibc's
 * two-way search), so no body costs more than a pass or two over it.
 */
#include "web/form.h"
#include "web/params.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct out {
    char *p;
    size_t used, cap;
};

static int refuse(struct web_form *f, int status, const char *why)
{
    f->error = why;
    return status;
}

/* Text as a person typed it: UTF-8, no control characters but tab and
 * newline; s[0..n) has had its line ends made "\n". */
static bool clean_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') || s[i] == 0x7f)
            return false;
    long line, column;
    return utf8_valid(s, n, &line, &column);
}

static bool good_name(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= WEB_FORM_MAX_NAME &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* "\r\n" and a lone "\r" made "\n", in place; the new length. */
static size_t unify_line_ends(char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
            continue;
        s[k++] = s[i] == '\r' ? '\n' : s[i];
    }
    return k;
}

/* Copies raw[0..n) into o as a string, "%XX" and '+' decoded when url;
 * NULL on a malformed escape. */
static char *put(struct out *o, const char *raw, size_t n, bool url, size_t *len)
{
    if (n + 1 > o->cap - o->used)
        return NULL; /* never, by the sizing in web_form_parse */
    char *s = o->p + o->used;
    size_t k = n;
    if (url)
        k = web_percent_decode(raw, n, true, s);
    else
        memcpy(s, raw, n);
    if (k == WEB_PERCENT_BAD)
        return NULL;
    s[k] = '\0';
    o->used += k + 1;
    *len = k;
    return s;
}

/* Adds a text field: its value checked and its line ends unified. */
static int add_text(struct web_form *f, const char *name, char *value, size_t len)
{
    if (f->n == WEB_FORM_MAX_FIELDS)
        return refuse(f, 400, "the form has more than 64 fields");
    if (!good_name(name))
        return refuse(f, 400, "a form field's name is not one this site uses");
    len = unify_line_ends(value, len);
    value[len] = '\0';
    if (!clean_text(value, len))
        return refuse(f, 400, "a form field holds a character not allowed (or is not UTF-8)");
    f->fields[f->n++] = (struct web_field){name, value, len, NULL};
    return 200;
}

static int parse_urlencoded(const char *body, size_t n, struct web_form *f, struct out *o)
{
    for (size_t start = 0; start < n;) {
        const char *amp = memchr(body + start, '&', n - start);
        size_t end = amp ? (size_t)(amp - body) : n;
        const char *piece = body + start;
        size_t len = end - start;
        start = end + 1;
        if (len == 0)
            continue;
        const char *eq = memchr(piece, '=', len);
        size_t namelen = eq ? (size_t)(eq - piece) : len, vlen = 0, ignored;
        char *name = put(o, piece, namelen, true, &ignored);
        char *value = eq ? put(o, eq + 1, len - namelen - 1, true, &vlen) : put(o, "", 0, 0, &vlen);
        if (!name || !value)
            return refuse(f, 400, "a form field has a malformed %-escape");
        int rc = add_text(f, name, value, vlen);
        if (rc != 200)
            return rc;
    }
    return 200;
}

/* The value of parameter key in a header's "; key=value; ..." list (quoted
 * or not) into o; NULL when absent. The search is for the key as a whole
 * word, so "name" is never found inside "filename". */
static char *header_param(struct out *o, const char *h, size_t n, const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i < n;) {
        const char *semi = memchr(h + i, ';', n - i);
        size_t end = semi ? (size_t)(semi - h) : n;
        size_t a = i;
        while (a < end && (h[a] == ' ' || h[a] == '\t'))
            a++;
        i = end + 1;
        if (end - a <= klen || strncasecmp(h + a, key, klen) != 0 || h[a + klen] != '=')
            continue;
        const char *v = h + a + klen + 1;
        size_t vlen = (size_t)(h + end - v), ignored;
        if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
            v++;
            vlen -= 2;
        }
        return put(o, v, vlen, false, &ignored);
    }
    return NULL;
}

/* A part's headers, head[0..n): its field name and (for a file) filename
 * from Content-Disposition. Other headers (Content-Type) are ignored. */
static int part_names(struct web_form *f, struct out *o, const char *head, size_t n, char **name,
                      char **filename)
{
    *name = *filename = NULL;
    static const char cd[] = "content-disposition:";
    for (size_t i = 0; i < n;) {
        const char *eol = memmem(head + i, n - i, "\r\n", 2);
        size_t end = eol ? (size_t)(eol - head) : n;
        if (end - i > sizeof cd - 1 && strncasecmp(head + i, cd, sizeof cd - 1) == 0) {
            const char *v = head + i + sizeof cd - 1;
            size_t vlen = end - i - (sizeof cd - 1);
            *name = header_param(o, v, vlen, "name");
            *filename = header_param(o, v, vlen, "filename");
        }
        i = end + 2;
    }
    if (!*name)
        return refuse(f, 400, "a part of the form has no field name");
    return 200;
}

/* One part, from after its boundary line to before the next boundary's
 * "\r\n". */
static int add_part(struct web_form *f, struct out *o, const char *p, size_t n)
{
    const char *sep =
        memmem(p, n < WEB_FORM_MAX_PART_HEAD + 4 ? n : WEB_FORM_MAX_PART_HEAD + 4, "\r\n\r\n", 4);
    if (!sep)
        return refuse(f, 400, "a part of the form has no end to its headers, or too long a one");
    char *name, *filename;
    int rc = part_names(f, o, p, (size_t)(sep - p), &name, &filename);
    if (rc != 200)
        return rc;
    const char *data = sep + 4;
    size_t len = (size_t)(p + n - data);
    char *value = put(o, data, len, false, &len);
    if (!value)
        return refuse(f, 400, "the form is larger than it says");
    if (!filename)
        return add_text(f, name, value, len);
    if (f->n == WEB_FORM_MAX_FIELDS)
        return refuse(f, 400, "the form has more than 64 fields");
    if (!good_name(name))
        return refuse(f, 400, "a form field's name is not one this site uses");
    f->fields[f->n++] = (struct web_field){name, value, len, filename};
    return 200;
}

/* The boundary of a multipart Content-Type into out (RFC 2046: 1 to 70
 * characters); false when there is none or it is malformed. */
static bool boundary_of(const char *content_type, char out[80])
{
    const char *b = strcasestr(content_type, "boundary=");
    if (!b)
        return false;
    b += 9;
    size_t n = strcspn(b, ";");
    while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\t'))
        n--;
    if (n >= 2 && b[0] == '"' && b[n - 1] == '"') {
        b++;
        n -= 2;
    }
    if (n == 0 || n > 70)
        return false;
    static const char bchars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "'()+_,-./:=? ";
    out[0] = out[1] = '-';
    for (size_t i = 0; i < n; i++)
        if (!strchr(bchars, b[i]) || b[i] == '\0')
            return false;
    memcpy(out + 2, b, n);
    out[n + 2] = '\0';
    return true;
}

static int parse_multipart(const char *content_type, const char *body, size_t n, struct web_form *f,
                           struct out *o)
{
    char delim[80]; /* "--" boundary */
    if (!boundary_of(content_type, delim))
        return refuse(f, 400, "the form's multipart boundary is missing or malformed");
    size_t dlen = strlen(delim);
    if (n < dlen || memcmp(body, delim, dlen) != 0)
        return refuse(f, 400, "the form does not start with its boundary");
    for (size_t at = dlen;;) {
        if (n - at >= 2 && memcmp(body + at, "--", 2) == 0)
            return 200; /* the closing boundary: any epilogue is ignored */
        if (n - at < 2 || memcmp(body + at, "\r\n", 2) != 0)
            return refuse(f, 400, "a boundary of the form is not followed by a line end");
        at += 2;
        /* the next boundary is "\r\n" + delim */
        const char *next = NULL;
        for (const char *p = body + at; !next;) {
            const char *q = memmem(p, (size_t)(body + n - p), delim, dlen);
            if (!q)
                return refuse(f, 400, "the form ends before its closing boundary");
            if (q - body >= (ptrdiff_t)at + 2 && q[-2] == '\r' && q[-1] == '\n')
                next = q - 2;
            else
                p = q + 1;
        }
        int rc = add_part(f, o, body + at, (size_t)(next - (body + at)));
        if (rc != 200)
            return rc;
        at = (size_t)(next - body) + 2 + dlen;
    }
}

/* The media type of a Content-Type, without parameters, matches type. */
static bool media_type_is(const char *content_type, const char *type)
{
    size_t n = strlen(type);
    return strncasecmp(content_type, type, n) == 0 &&
           (content_type[n] == '\0' || content_type[n] == ';' || content_type[n] == ' ');
}

int web_form_parse(const char *content_type, const char *body, size_t n, struct web_form *f)
{
    *f = (struct web_form){0};
    struct out o = {.cap = n + 3 * (WEB_FORM_MAX_FIELDS + 1) + 1};
    o.p = f->text = xmalloc(o.cap);
    if (!content_type)
        return refuse(f, 415, "the form was sent without a Content-Type");
    if (media_type_is(content_type, "application/x-www-form-urlencoded"))
        return parse_urlencoded(body, n, f, &o);
    if (media_type_is(content_type, "multipart/form-data"))
        return parse_multipart(content_type, body, n, f, &o);
    return refuse(f, 415,
                  "the body is not a form (application/x-www-form-urlencoded or "
                  "multipart/form-data)");
}

void web_form_free(struct web_form *f)
{
    free(f->text);
    *f = (struct web_form){0};
}

const char *web_form_value(const struct web_form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (!f->fields[i].filename && strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

const struct web_field *web_form_file(const struct web_form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->fields[i].filename && strcmp(f->fields[i].name, name) == 0)
            return &f->fields[i];
    return NULL;
}
