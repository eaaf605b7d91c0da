/*
 * html.h - writing text into HTML safely.
 *
 * Everything Peel puts on a page or in a report - plan titles, area names,
 * crime types, numbers - may hold characters that mean something to HTML,
 * and plan files and data files are outside input. One function escapes
 * text for element content and for quoted attribute values alike, so that
 * no template has to choose; and one percent-encodes text for a URL.
 */
#ifndef PEEL_HTML_H
#define PEEL_HTML_H

#include "util/buf.h"

/* Appends s with & < > " ' escaped as entities: safe in element content and
 * in a double- or single-quoted attribute value. Bytes that are not
 * well-formed UTF-8, and control characters other than tab and newline, are
 * replaced by U+FFFD. */
void html_escape(struct buf *out, const char *s);
/* buf_printf, then the result escaped: html_printf(out, "%s (%d)", name, n). */
void html_printf(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* s percent-encoded for a URL (a path segment or a query value): RFC
 * 3986's unreserved characters kept, every other byte %XX. */
void url_encode(struct buf *out, const char *s);

#endif
