/*
 * form.h - a POSTed form's body taken apart, within fixed bounds.
 *
 * The staff side's forms arrive as application/x-www-form-urlencoded (what
 * a browser sends for a form without files) or multipart/form-data (with
 * files: a decision's supporting papers). Like the request target
 * (params.h), the body is hostile until this parse has said otherwise, and
 * it is one small function with no I/O, unit-tested and fuzzed
 * (fuzz/fuzz_form.c), that decides what it says.
 *
 * Bounds: the body itself is capped by the server before it is read
 * (server.c: WEB_MAX_FORM_BODY); at most WEB_FORM_MAX_FIELDS fields, names
 * of at most WEB_FORM_MAX_NAME bytes of [a-z0-9_-], and a multipart part's
 * headers at most WEB_FORM_MAX_PART_HEAD bytes. A text field must be UTF-8
 * with no control characters but tab and newline; its line ends are made
 * "\n" (a browser sends a textarea's as "\r\n"), so what is stored is what
 * was typed. A file's bytes are kept as sent, with its length (they may
 * hold NULs); what the file is, is decided by its content, elsewhere, never
 * by the name or the type the browser gave.
 */
#ifndef PEEL_WEB_FORM_H
#define PEEL_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

#define WEB_MAX_FORM_BODY (64 * 1024)
/* A form with a file (a decision's supporting document): the file's cap
 * (store/uploads.h UPLOAD_MAX_BYTES, 20 MiB) and the form around it. Only
 * a signed-in browser may send one, and only two are read at once
 * (server.c). */
#define WEB_MAX_UPLOAD_BODY    (20 * 1024 * 1024 + 64 * 1024)
#define WEB_FORM_MAX_FIELDS    64
#define WEB_FORM_MAX_NAME      64
#define WEB_FORM_MAX_PART_HEAD 1024

struct web_field {
    const char *name;
    const char *value; /* NUL-terminated; for a file, its bytes (len of them) */
    size_t len;
    const char *filename; /* a file's name as sent (NULL for a text field) */
};

struct web_form {
    struct web_field fields[WEB_FORM_MAX_FIELDS];
    size_t n;
    const char *error; /* why the body was refused; NULL when it was not */
    char *text;        /* the decoded strings (web_form_free) */
};

/* Parses body[0..n) sent with this Content-Type (NULL: none). 200, or 400
 * (malformed) or 415 (not a form) with f->error; free with web_form_free
 * either way. */
int web_form_parse(const char *content_type, const char *body, size_t n, struct web_form *f);
void web_form_free(struct web_form *f);

/* The value of the first text field with this name, or NULL. */
const char *web_form_value(const struct web_form *f, const char *name);
/* The first file field with this name (a part with a filename), or NULL. */
const struct web_field *web_form_file(const struct web_form *f, const char *name);

#endif
