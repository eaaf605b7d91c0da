/*
 * concern_form.h - the public concerns form (page_concerns.c): its fields
 * read from a POSTed form and checked, and the fields written back as HTML
 * with what is wrong beside each (GOV.UK's error pattern: a summary of
 * links, then each message by its field, aria-invalid and
 * aria-describedby). No I/O and no store, so that a fuzzer drives it
 * (fuzz/fuzz_concern_form.c): every value typed comes back escaped.
 */
#ifndef PEEL_WEB_CONCERN_FORM_H
#define PEEL_WEB_CONCERN_FORM_H

#include <stddef.h>

#include "model/concern.h"
#include "util/buf.h"
#include "web/form.h"

#define CONCERN_FORM_ERRORS 8

/* What the form was sent with (NULL: empty or blank), and what is wrong
 * with it: each error a field id and a message (literal text). */
struct concern_form {
    const char *about, *outcome, *name, *email, *phone, *address, *details;
    const char *errors[CONCERN_FORM_ERRORS][2]; /* field id, message */
    size_t nerrors;
};

/* Reads and checks wf's fields (today: the date the outcome may not be
 * after). The route chosen (NULL when none); the outcome date into
 * *outcome (DATE_NONE when none or wrong). f's strings are wf's. */
const struct concern_route *concern_form_read(const struct web_form *wf, int today,
                                              struct concern_form *f, int *outcome);
/* The error summary (nothing when there is no error). */
void concern_form_errors(struct buf *b, const struct concern_form *f);
/* The fields, each with its value and its error. */
void concern_form_fields(struct buf *b, const struct concern_form *f);

#endif
