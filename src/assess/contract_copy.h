/*
 * contract_copy.h - a contract's redacted copy checked before it is
 * published: the text of the PDF read with poppler's pdftotext, and the
 * copy refused if it holds any string the office redacted from it.
 *
 * Why: a copy of each contract over £10,000 is published (Specified
 * Information Order 2011 Sch. 1 para 4(b)); what an office may not
 * publish of it (a person's name, a confidential price) is blacked out
 * before. A black box drawn over text in a PDF often leaves the text
 * beneath it, which anyone can copy out: so the copy's text is read as a
 * reader would read it and searched for every redacted string. A match
 * refuses the copy, saying which string by its number (never the string:
 * the refusal may reach a log).
 *
 * The match is of whole words: "Ann" refuses a copy saying "Ann", "Ann's"
 * or "Mary-Ann", not one saying "annual" or "Annabel". It ignores case
 * (ASCII and the Latin-1 letters, so "ZOË" is "zoë") and reads every run
 * of white space (spaces, tabs, line and page breaks, no-break spaces) as
 * one space, so a name broken over two lines still matches; and it takes
 * out each hyphen (-, U+2010, U+2011, the soft hyphen) with the white
 * space after it, so a word hyphenated at a line's end ("Blog-" then "gs")
 * reads as one ("Bloggs"), and "Smith-Jones" matches "Smith-" at a line's
 * end then "Jones". A hyphen taken out may end a word: "Ann" refuses
 * "Ann-" then "Marie" (when in doubt the copy is refused, not published).
 * A copy whose text pdftotext cannot read (a scan) cannot be checked, so
 * it is refused too when any string is listed.
 */
#ifndef PEEL_ASSESS_CONTRACT_COPY_H
#define PEEL_ASSESS_CONTRACT_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "store/audit.h"
#include "store/contract_copies.h"
#include "store/store.h"
#include "util/buf.h"

#define REDACTIONS_MAX         1000 /* strings in one list */
#define REDACTION_MIN          3    /* characters of one, once normalised: fewer match too much */
#define CONTRACT_COPY_SECONDS  30   /* pdftotext's time on one copy */
#define CONTRACT_COPY_TEXT_MAX ((size_t)16 * 1024 * 1024) /* bytes of its text */

/* What contract_copy_attach answers besides 0 and -1. */
enum {
    CONTRACT_COPY_REFUSED = 3, /* the copy holds a redacted string, or has no text to check */
    CONTRACT_COPY_NO_TOOL = 4, /* pdftotext is not installed */
};

/* The strings redacted from a copy, as the office listed them. */
struct redactions {
    char **text;
    size_t n;
};

/* The list in text[0..n), one string a line (blank lines skipped, each
 * trimmed of white space), from the file called name (for errors). Every
 * problem (not UTF-8, over CONTRACT_REDACTION_MAX bytes, under
 * REDACTION_MIN characters, over REDACTIONS_MAX strings) into err as
 * "NAME:LINE: reason"; -1 if any, and nothing kept. */
int redactions_parse(const char *name, const char *text, size_t n, struct redactions *out,
                     struct buf *err);
void redactions_free(struct redactions *r);

/* Where a redacted string first shows in text[0..n) (pdftotext's: pages
 * end with a form feed): the number (from 1) of the first string of r,
 * in r's order, that text holds, with its page into *page; 0 when none
 * does. */
size_t redactions_find(const char *text, size_t n, const struct redactions *r, long *page);

/* The copy's text, by pdftotext (UTF-8, a form feed after each page),
 * appended to text: 0, CONTRACT_COPY_NO_TOOL, or -1 with err. */
int contract_copy_text(const void *pdf, size_t n, struct buf *text, struct buf *err);

/* What an attach found. */
struct contract_copy_outcome {
    char sha256[65];  /* of the copy, when attached */
    size_t redaction; /* the string found (from 1), when refused for one */
    long page;        /* its page */
    long pages;       /* the copy's pages, as pdftotext read them */
    bool no_text;     /* refused: no text to check */
};

/* Checks pdf[0..n) (named name) as the copy of contract ref against r and
 * publishes it when it passes (store/contract_copies.h). 0 (attached);
 * CONTRACT_COPY_REFUSED with err naming the contract and the string's
 * number; CONTRACT_COPY_NO_TOOL; or -1 with err (no such contract, not a
 * PDF, too large, pdftotext failed). Nothing is stored unless 0. */
int contract_copy_attach(struct store *s, const char *ref, const char *name, const void *pdf,
                         size_t n, const struct redactions *r, const struct audit_origin *by,
                         struct contract_copy_outcome *out, struct buf *err);

#endif
