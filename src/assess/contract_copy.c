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

/* How the match reads one character of a text. */
enum unit_kind {
    UNIT_CHAR,   /* itself, its case folded */
    UNIT_SPACE,  /* white space (a line or page break too): a run is one space */
    UNIT_HYPHEN, /* a hyphen (a soft one too): taken out, and the white space after it */
};

/* One character of s[i..n) as the match reads it: the bytes it takes,
 * its kind into *kind, and a character's form into out (*len bytes). */
static size_t unit(const unsigned char *s, size_t n, size_t i, char out[2], size_t *len,
                   enum unit_kind *kind)
{
    unsigned char c = s[i];
    *kind = UNIT_SPACE;
    *len = 1;
    if (c <= 0x20 || c == 0x7f) /* white space, or a control character: no text */
        return 1;
    if (c == '-')
        return (*kind = UNIT_HYPHEN), 1;
    if (c == 0xc2 && i + 1 < n && s[i + 1] == 0xa0) /* U+00A0 no-break space */
        return 2;
    if (c == 0xc2 && i + 1 < n && s[i + 1] == 0xad) /* U+00AD soft hyphen */
        return (*kind = UNIT_HYPHEN), 2;
    if (c == 0xe2 && i + 2 < n && s[i + 1] == 0x80 &&
        ((s[i + 2] >= 0x80 && s[i + 2] <= 0x8a) || s[i + 2] == 0xaf)) /* U+2000-U+200A, U+202F */
        return 3;
    if (c == 0xe2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x90 || s[i + 2] == 0x91))
        return (*kind = UNIT_HYPHEN), 3; /* U+2010 hyphen, U+2011 non-breaking hyphen */
    *kind = UNIT_CHAR;
    if (c == 0xc3 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9e && s[i + 1] != 0x97) {
        out[0] = (char)c; /* Latin-1's capitals À-Þ (not ×): their small letters */
        out[1] = (char)(s[i + 1] + 0x20);
        return (*len = 2), 2;
    }
    out[0] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return 1;
}

/* Whether the character at s[i] is part of a word: a letter or digit (any
 * character outside ASCII but Latin-1's and Unicode's punctuation and
 * symbols, × and ÷); not punctuation, a symbol or a stray byte. */
static bool word_char(const unsigned char *s, size_t n, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c < 0xc0 || c == 0xc2 || c == 0xe2) /* stray; U+0080-U+00BF; U+2000-U+2FFF */
        return false;
    if (c == 0xc3)
        return !(i + 1 < n && (s[i + 1] == 0x97 || s[i + 1] == 0xb7));
    if (c == 0xe3) /* U+3000-U+303F: CJK punctuation */
        return !(i + 1 < n && s[i + 1] == 0x80);
    return true;
}

/* Where the character before s[i] (i > 0) starts: a stray continuation
 * byte is a character of its own. */
static size_t char_before(const unsigned char *s, size_t i)
{
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && (s[j] & 0xc0) == 0x80)
        j--;
    return s[j] >= 0xc0 ? j : i - 1;
}

/* A text as the match reads it: the characters, and for each place
 * between them (edge->len is text->len + 1) whether a hyphen was taken
 * out there, where one word may end and the next begin. */
struct reading {
    struct buf text, edge;
};

static void edge_at(struct buf *edge, size_t at)
{
    while (edge->len <= at)
        buf_putc(edge, 0);
    edge->p[at] = 1;
}

/* s[0..n) as the match reads it, into r (no space at either end; r->edge
 * may be left out with NULL): case folded, each run of white space one
 * space, each hyphen taken out with the white space after it, so that
 * "Blog-" at a line's end and "gs" on the next read "bloggs". The page
 * breaks (form feeds) passed before r held more than stop bytes: with stop
 * a match's offset, its page less one. */
static long normalise(const char *s, size_t n, struct reading *r, size_t stop)
{
    const unsigned char *u = (const unsigned char *)s;
    struct buf *out = &r->text;
    long breaks = 0;
    bool gap = false, joining = false, edge = false;
    buf_reset(out);
    buf_append(out, "", 0);
    buf_reset(&r->edge);
    for (size_t i = 0; i < n;) {
        char c[2];
        size_t len;
        enum unit_kind kind;
        breaks += s[i] == '\f' && out->len <= stop;
        i += unit(u, n, i, c, &len, &kind);
        if (kind == UNIT_HYPHEN) {
            joining = edge = true;
            continue;
        }
        if (kind != UNIT_CHAR) {
            gap = gap || (out->len > 0 && !joining);
            continue;
        }
        if (gap)
            buf_putc(out, ' ');
        if (edge)
            edge_at(&r->edge, out->len);
        gap = joining = edge = false;
        buf_append(out, c, len);
    }
    if (edge)
        edge_at(&r->edge, out->len);
    while (r->edge.len <= out->len)
        buf_putc(&r->edge, 0);
    return breaks;
}

static void reading_free(struct reading *r)
{
    buf_free(&r->text);
    buf_free(&r->edge);
}

/* Whether the needle found at hay's offset at stands as a whole word (or
 * words): a word character at either end of it has none beside it, a
 * hyphen taken out counting as a word's end. */
static bool whole(const struct reading *hay, size_t at, const struct buf *needle)
{
    const unsigned char *h = (const unsigned char *)hay->text.p;
    const unsigned char *nd = (const unsigned char *)needle->p;
    size_t end = at + needle->len, hn = hay->text.len;
    if (word_char(nd, needle->len, 0) && at > 0 && !hay->edge.p[at] &&
        word_char(h, hn, char_before(h, at)))
        return false;
    return !(word_char(nd, needle->len, char_before(nd, needle->len)) && end < hn &&
             !hay->edge.p[end] && word_char(h, hn, end));
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
                      struct redactions *out, struct reading *norm, size_t *bad, struct buf *err)
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
    else if (memchr(p, '\0', len))
        snprintf(why, sizeof why, "a NUL byte in it");
    else if (len > CONTRACT_REDACTION_MAX)
        snprintf(why, sizeof why, "over %d bytes", CONTRACT_REDACTION_MAX);
    else if (characters(norm->text.p, norm->text.len) < REDACTION_MIN)
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
    struct reading norm = {BUF_INIT, BUF_INIT};
    size_t bad = 0;
    long line = 1;
    for (size_t i = 0; i < n; line++) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (text + i)) : n - i;
        take_line(name, line, text + i, len, out, &norm, &bad, err);
        i += len + 1;
    }
    reading_free(&norm);
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

/* Where needle first stands in hay as a whole word: its offset, or -1. */
static long find_whole(const struct reading *hay, const struct buf *needle)
{
    const char *h = hay->text.p, *at = h;
    size_t left = hay->text.len;
    while (needle->len && (at = memmem(at, left, needle->p, needle->len))) {
        if (whole(hay, (size_t)(at - h), needle))
            return (long)(at - h);
        at++;
        left = hay->text.len - (size_t)(at - h);
    }
    return -1;
}

size_t redactions_find(const char *text, size_t n, const struct redactions *r, long *page)
{
    struct reading hay = {BUF_INIT, BUF_INIT}, needle = {BUF_INIT, BUF_INIT};
    normalise(text, n, &hay, SIZE_MAX);
    size_t found = 0;
    for (size_t i = 0; !found && i < r->n; i++) {
        normalise(r->text[i], strlen(r->text[i]), &needle, SIZE_MAX);
        long at = find_whole(&hay, &needle.text);
        if (at >= 0) {
            found = i + 1;
            *page = 1 + normalise(text, n, &needle, (size_t)at);
        }
    }
    reading_free(&hay);
    reading_free(&needle);
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
    struct buf text = BUF_INIT;
    struct reading norm = {BUF_INIT, BUF_INIT};
    int rc = contract_copy_text(pdf, n, &text, err);
    if (rc == 0) {
        out->pages = pages_of(text.p, text.len);
        normalise(text.p, text.len, &norm, SIZE_MAX);
        out->no_text = r->n > 0 && norm.text.len == 0;
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
    reading_free(&norm);
    return rc;
}
