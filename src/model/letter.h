/*
 * letter.h - letters drafted from templates: the placeholders a template
 * may use, the templates the Office ships, and filling one in (pure text
 * work; no I/O).
 *
 * A template is data: a title and a body of plain text in which
 * "{{name}}" stands for a value of the case (its reference, the dates
 * worked out by the working-day calendar) or of the person (their name
 * and address, read from the vault, every read audited). The names are a
 * fixed list, so that a mistyped one is found when the template is loaded,
 * not when a letter goes out: an unknown placeholder is an error naming the
 * template, its line and the placeholder. The shipped templates are the
 * defaults; an Office replaces one by loading a file (store/letters.h).
 */
#ifndef PEEL_MODEL_LETTER_H
#define PEEL_MODEL_LETTER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#define LETTER_NAME_MAX  40    /* bytes of a template's name: a-z, 0-9, '-' */
#define LETTER_TITLE_MAX 200   /* bytes of its title */
#define LETTER_BODY_MAX  20000 /* bytes of its body */

/* Where a placeholder's value comes from. */
enum letter_source {
    LETTER_CASE,   /* the case data (never personal) */
    LETTER_PERSON, /* the vault: its field of the same name, an audited read */
};

struct letter_placeholder {
    const char *name; /* "reference" */
    enum letter_source source;
    const char *what; /* for the documentation and the staff page */
};

/* The placeholder named name[0..n); NULL for none. */
const struct letter_placeholder *letter_placeholder_find(const char *name, size_t n);
/* The i-th placeholder (from 0); NULL after the last. */
#define LETTER_PLACEHOLDERS 14
const struct letter_placeholder *letter_placeholder_at(size_t i);
/* p's place in the list (p one of the list's). */
size_t letter_placeholder_index(const struct letter_placeholder *p);

struct letter_template {
    const char *name, *title, *body;
};

/* The i-th shipped template (from 0); NULL after the last. */
const struct letter_template *letter_shipped_at(size_t i);
/* The shipped template named name; NULL for none. */
const struct letter_template *letter_shipped(const char *name);

/* Whether name is a template's name: 1..LETTER_NAME_MAX of a-z, 0-9, '-'. */
bool letter_name_ok(const char *name);

/* Checks template t: its name, title and body within their sizes, and
 * every "{{...}}" of its title and body a known placeholder. 0, or -1
 * with "template NAME, line N: unknown placeholder {{x}}" (or what else is
 * wrong) in err. */
int letter_check(const struct letter_template *t, struct buf *err);

/* Calls fn for each placeholder t uses, once each, in list order. */
typedef void (*letter_use_fn)(void *arg, const struct letter_placeholder *p);
void letter_uses(const struct letter_template *t, letter_use_fn fn, void *arg);

/* A placeholder's value for one letter: NULL when the case has none. */
typedef const char *(*letter_value_fn)(void *arg, const struct letter_placeholder *p);

/* Fills text (t's title or body) into out, each placeholder replaced by
 * fn's value. 0, or -1 with "template NAME: {{x}} has no value for this
 * case" (or an unknown placeholder, as letter_check) in err. */
int letter_fill(const struct letter_template *t, const char *text, letter_value_fn fn, void *arg,
                struct buf *out, struct buf *err);

#endif
