/*
 * fuzz_redactions.c - libFuzzer target for the check of a contract's
 * redacted copy (src/assess/contract_copy.c): the list of redacted
 * strings (`peel contracts attach --redacted-file`, the staff form's box)
 * and the search of a copy's text for them. The input is the list, then a
 * NUL byte, then the text as pdftotext would give it. The oracle:
 *  - a refused list says why, every line naming it, and keeps nothing;
 *  - a string found is one of the list's, on a page the text has (form
 *    feeds end pages);
 *  - every accepted string is found in a text that holds it upper-cased
 *    with its spaces made line breaks and runs of spaces (what a PDF's
 *    line breaks and pdftotext do to a name), at or before its own
 *    number; and in the text itself when a plain copy of it stands there
 *    as a word, white space (or the text's start or end) either side.
 */
#include "assess/contract_copy.h"
#include "fuzz_check.h"

#include <stdint.h>
#include <string.h>

/* s as it might come back from a PDF: ASCII capitals, each space a line
 * break and two spaces, a page break before it. */
static void mangled(const char *s, struct buf *out)
{
    buf_reset(out);
    buf_puts(out, "before\f");
    for (; *s; s++) {
        if (*s == ' ')
            buf_puts(out, "\n  ");
        else
            buf_putc(out, *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
    }
    buf_puts(out, " after\f");
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whether text[0..n) holds s with white space, or its start or end,
 * either side. */
static bool holds_word(const char *text, size_t n, const char *s)
{
    size_t len = strlen(s);
    for (const char *at = text; (at = memmem(at, n - (size_t)(at - text), s, len)); at++) {
        size_t end = (size_t)(at - text) + len;
        if ((at == text || blank(at[-1])) && (end == n || blank(text[end])))
            return true;
    }
    return false;
}

static void check_found(const struct redactions *r, const char *text, size_t n)
{
    long pages = 0, page = 0;
    for (size_t i = 0; i < n; i++)
        pages += text[i] == '\f';
    size_t k = redactions_find(text, n, r, &page);
    CHECK(k <= r->n);
    if (k)
        CHECK(page >= 1 && page <= pages + 1);
    for (size_t i = 0; i < r->n; i++) {
        if (holds_word(text, n, r->text[i])) /* found, it or one before it */
            CHECK(k >= 1 && k <= i + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    const char *nul = memchr(p, '\0', size);
    size_t nlist = nul ? (size_t)(nul - p) : size;
    const char *text = nul ? nul + 1 : "";
    size_t ntext = nul ? size - nlist - 1 : 0;
    struct redactions r;
    struct buf err = BUF_INIT, m = BUF_INIT;
    if (redactions_parse("list.txt", p, nlist, &r, &err) < 0) {
        CHECK(r.n == 0 && r.text == NULL);
        check_refusal_names("list.txt:", buf_str(&err));
    } else {
        CHECK(r.n <= REDACTIONS_MAX);
        check_found(&r, text, ntext);
        for (size_t i = 0; i < r.n; i++) {
            mangled(r.text[i], &m);
            long page = 0;
            size_t k = redactions_find(m.p, m.len, &r, &page);
            /* on the page it starts on, or (an earlier string matching
             * "before" and its start, or a later part of it) page 1 or
             * one its own form feeds start */
            long breaks = (long)fuzz_count(r.text[i], strlen(r.text[i]), '\f');
            CHECK(k >= 1 && k <= i + 1 && page >= 1 && page <= 2 + breaks);
        }
    }
    redactions_free(&r);
    buf_free(&err);
    buf_free(&m);
    return 0;
}
