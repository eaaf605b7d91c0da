/*
 * form_html.h - what the public forms (the concerns form, the grant
 * application form) write and check alike: a labelled field holding what
 * was typed, with its hint and its error beside it (GOV.UK's error
 * pattern: aria-invalid and aria-describedby), the error summary of links
 * to the fields, a form value with blanks as none, and the shape of an
 * email address and of a telephone number. No I/O and no store, so that
 * the forms' fuzzers drive it: every value comes back escaped.
 */
#ifndef PEEL_WEB_FORM_HTML_H
#define PEEL_WEB_FORM_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "web/form.h"

/* An input (type "text", "email", ...) or a textarea (type "textarea")
 * named and identified id, under its label (plain text), with its hint
 * (HTML, or NULL), its error (literal text, or NULL), the value typed (or
 * NULL) and extra attributes (literal, "" for none). */
struct form_input {
    const char *id, *type, *label, *hint, *error, *value, *extra;
};
void form_html_input(struct buf *b, const struct form_input *in);

/* The error summary: each error a field id and a message (literal text),
 * as a link to the field; nothing when there is none. */
void form_html_errors(struct buf *b, const char *const (*errors)[2], size_t n);

/* The value of the field named, or NULL when it is absent or blank. */
const char *form_html_value(const struct web_form *wf, const char *name);

/* An email address as the forms take one: at most 254 bytes, with an '@'. */
bool form_email_ok(const char *s);
/* A telephone number: at most 40 bytes of digits, spaces and + ( ) -. */
bool form_phone_ok(const char *s);

#endif
