/*
 * letter_pdf.h - a letter drafted from a template (model/letter.h) as an
 * A4 PDF, made in memory: the letter holds a person's name and address,
 * so it never goes through a file on its way to whoever asked for it.
 */
#ifndef PEEL_RENDER_LETTER_PDF_H
#define PEEL_RENDER_LETTER_PDF_H

#include "util/buf.h"

/* Appends the PDF of the letter to out: its title (the PDF's title and
 * every page's footer) and its text, a blank line ending a paragraph and
 * a line break kept (the address), dated `date` ("YYYY-MM-DD", the
 * letter's date, so that the same letter is the same bytes). name only
 * names the letter in messages. 0, or -1 with err. */
int letter_pdf(const char *name, const char *title, const char *text, const char *date,
               struct buf *out, struct buf *err);

#endif
