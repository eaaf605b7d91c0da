/*
 * contract_copy.c - a contract's redacted copy read with pdftotext and
 * searched for the strings redacted from it before it is published (see
 * contract_copy.h).
 */
#include "assess/contract_copy.h"
#include "store/contracts.h"
#include "store/uploads.h"
#include "util/child.h"
#include "util/filetype.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROBLEMS_MAX 50 /* said of one list; then "and more" */

static bool ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* One character of s[i..n) as the match reads it: the bytes it takes;
 * its form into out (*len bytes) unless it is white space (*space). */
static size_t unit(const unsigned char *s, size_t n, size_t i, char out[2], size_t *len,
                   bool *space)
{
    unsigned char c = s[i];
    *space = false;
    *len = 1;
    if (ascii_space((char)c)) /* space, tab, line feed, vt, form feed, cr */
        return (*space = true), 1;
    if (c == 0xc2 && i + 1 < n && s[i + 1] == 0xa0) /* U+00A0 no-break space */
        return (*space = true), 2;
    if (c == 0xe2 && i + 2 < n && s[i + 1] == 0x80 &&
        ((s[i + 2] >= 0x80 && s[i + 2] <= 0x8a) || s[i + 2] == 0xaf)) /* U+2000-U+200A, U+202F */
        return (*space = true), 3;
    if (c == 0xc3 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9e && s[i + 1] != 0x97) {
        out[0] = (char)c; /* Latin-1's capitals À-Þ (not ×): their small letters */
        out[1] = (char)(s[i + 1] + 0x20);
        return (*len = 2), 2;
    }
    out[0] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return 1;
}

/* s[0..n) as the match reads it, into out (no space at either end). The
 * page breaks (form feeds) passed before out held more than stop bytes:
 * with stop a match's offset, its page less one. */
static long normalise(const char *s, size_t n, struct buf *out, size_t stop)
{
    const unsigned char *u = (const unsigned char *)s;
    long breaks = 0;
    bool gap = false;
    buf_reset(out);
    buf_append(out, "", 0);
    for (size_t i = 0; i < n;) {
        char c[2];
        size_t len;
        bool space;
        breaks += s[i] == '\f' && out->len <= stop;
        i += unit(u, n, i, c, &len, &space);
        if (space) {
            gap = out->len > 0;
            continue;
        }
        if (gap)
            buf_putc(out, ' ');
        gap = false;
        buf_append(out, c, len);
    }
    return breaks;
}

static size_t characters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xc0) != 0x80;
    return k;
}

/* One line of the list: a problem with it into err (counted in *bad). */
static void take_line(const char *name, long line, const char *p, size_t len,
                      struct redactions *out, struct buf *norm, size_t *bad, struct buf *err)
{
    while (len && ascii_space(*p))
        p++, len--;
    while (len && ascii_space(p[len - 1]))
        len--;
    if (len == 0)
        return;
    long l, col;
    char why[80] = "";
    normalise(p, len, norm, SIZE_MAX);
    if (!utf8_valid(p, len, &l, &col))
        snprintf(why, sizeof why, "not UTF-8 text");
    else if (len > CONTRACT_REDACTION_MAX)
        snprintf(why, sizeof why, "over %d bytes", CONTRACT_REDACTION_MAX);
    else if (characters(norm->p, norm->len) < REDACTION_MIN)
        snprintf(why, sizeof why, "under %d characters: it would match too much", REDACTION_MIN);
    else if (out->n == REDACTIONS_MAX)
        snprintf(why, sizeof why, "over %d strings in one list", REDACTIONS_MAX);
    if (*why && ++*bad <= PROBLEMS_MAX)
        buf_printf(err, "%s:%ld: redacted string: %s\n", name, line, why);
    if (*why)
        return;
    out->text = xrealloc(out->text, (out->n + 1) * sizeof *out->text);
    out->text[out->n++] = xstrndup(p, len);
}

int redactions_parse(const char *name, const char *text, size_t n, struct redactions *out,
                     struct buf *err)
{
    *out = (struct redactions){NULL, 0};
    struct buf norm = BUF_INIT;
    size_t bad = 0;
    long line = 1;
    for (size_t i = 0; i < n; line++) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
        take_line(name, line, text + i, len, out, &norm, &bad, err);
        i += len + 1;
    }
    buf_free(&norm);
    if (bad > PROBLEMS_MAX)
        buf_printf(err, "%s: and %zu more problems\n", name, bad - PROBLEMS_MAX);
    if (bad)
        redactions_free(out);
    return bad ? -1 : 0;
}

void redactions_free(struct redactions *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->text[i]);
    free(r->text);
    *r = (struct redactions){NULL, 0};
}

size_t redactions_find(const char *text, size_t n, const struct redactions *r, long *page)
{
    struct buf hay = BUF_INIT, needle = BUF_INIT;
    normalise(text, n, &hay, SIZE_MAX);
    size_t found = 0;
    for (size_t i = 0; !found && i < r->n; i++) {
        normalise(r->text[i], strlen(r->text[i]), &needle, SIZE_MAX);
        const char *at = needle.len ? memmem(hay.p, hay.len, needle.p, needle.len) : NULL;
        if (at) {
            found = i + 1;
            *page = 1 + normalise(text, n, &needle, (size_t)(at - hay.p));
        }
    }
    buf_free(&hay);
    buf_free(&needle);
    return found;
}

int contract_copy_text(const void *pdf, size_t n, struct buf *text, struct buf *err)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/peel-copy-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path); /* mode 0600: the copy is not public yet */
    if (fd < 0) {
        buf_printf(err, "%s: a file for pdftotext could not be made", path);
        return -1;
    }
    bool written = write(fd, pdf, n) == (ssize_t)n;
    close(fd);
    const char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", path, "-", NULL};
    int rc = written
                 ? child_run(argv, CONTRACT_COPY_SECONDS * 1000, CONTRACT_COPY_TEXT_MAX, text, err)
                 : (buf_printf(err, "%s: the copy could not be written", path), -1);
    unlink(path);
    if (rc == CHILD_NOT_FOUND) {
        buf_puts(err, "pdftotext is not installed (Debian's poppler-utils: scripts/bootstrap):"
                      " a copy cannot be checked, so none is published");
        return CONTRACT_COPY_NO_TOOL;
    }
    return rc;
}

/* Whether ref may take pdf[0..n) as its copy: 0, or -1 with err. */
static int check_file(struct store *s, const char *ref, const char *name, const void *pdf, size_t n,
                      struct buf *err)
{
    int found = store_contract_known(s, ref, err);
    if (found < 0)
        return -1;
    const char *why = !found                 ? "no contract of that reference is published"
                      : n > UPLOAD_MAX_BYTES ? "the copy is over 20 MiB"
                      : file_kind_of(pdf, n) != FILE_PDF ? "the copy is not a PDF (by its content)"
                                                         : NULL;
    if (why)
        buf_printf(err, "%s: %s: %s", ref, name, why);
    return why ? -1 : 0;
}

static long pages_of(const char *text, size_t n)
{
    long k = 0;
    for (size_t i = 0; i < n; i++)
        k += text[i] == '\f';
    return k;
}

int contract_copy_attach(struct store *s, const char *ref, const char *name, const void *pdf,
                         size_t n, const struct redactions *r, const struct audit_origin *by,
                         struct contract_copy_outcome *out, struct buf *err)
{
    *out = (struct contract_copy_outcome){0};
    if (check_file(s, ref, name, pdf, n, err) < 0)
        return -1;
    struct buf text = BUF_INIT, norm = BUF_INIT;
    int rc = contract_copy_text(pdf, n, &text, err);
    if (rc == 0) {
        out->pages = pages_of(text.p, text.len);
        normalise(text.p, text.len, &norm, SIZE_MAX);
        out->no_text = r->n > 0 && norm.len == 0;
        out->redaction = out->no_text ? 0 : redactions_find(text.p, text.len, r, &out->page);
    }
    if (rc == 0 && out->no_text)
        buf_printf(err,
                   "%s: %s: refused: the copy has no text pdftotext can read (a scan?), so"
                   " it cannot be checked for the %zu redacted strings; nothing was stored",
                   ref, name, r->n);
    else if (rc == 0 && out->redaction)
        buf_printf(err,
                   "%s: %s: refused: page %ld holds redacted string %zu (of %zu); nothing"
                   " was stored",
                   ref, name, out->page, out->redaction, r->n);
    if (rc == 0 && (out->no_text || out->redaction))
        rc = CONTRACT_COPY_REFUSED;
    if (rc == 0)
        rc = store_contract_copy_add(s, ref, name, pdf, n, (const char *const *)r->text, r->n, by,
                                     out->sha256, err);
    buf_free(&text);
    buf_free(&norm);
    return rc;
}
