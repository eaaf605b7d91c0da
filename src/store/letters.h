/*
 * letters.h - the Office's letter templates as data and the letters
 * drafted from them for a case (model/letter.h fills them in).
 *
 * A template loaded from a file (peel letter load) is the next version of
 * its name, kept for good (table letter_template, append-only); the latest
 * version is the one used, and a name never loaded is the shipped one
 * (version 0). A template is checked before it is stored: an unknown
 * placeholder is refused, naming the template, the line and the
 * placeholder.
 *
 * Drafting a letter reads the case, works out its dates with the store's
 * working-day calendar, reads from the vault only the personal fields the
 * template uses (each an audited vault read, with the reason given), and
 * records the draft (table letter_draft, append-only: the case, the
 * template and its version, the format, when and by whom) with an audit
 * row. The letter's text is never stored: it holds personal data, and it
 * can be made again from the case, the template version and the vault
 * (while the person's details are kept).
 */
#ifndef PEEL_STORE_LETTERS_H
#define PEEL_STORE_LETTERS_H

#include <stdint.h>

#include "model/letter.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/vault.h"

enum { LETTER_UNKNOWN = 1, LETTER_REFUSED = 2, LETTER_NO_CASE = 3 };

/* Stores t (letter_check'ed first) as the next version of its name, into
 * *version. 0, LETTER_REFUSED (with why in err), or -1 with err. */
int store_letter_template_put(struct store *s, const struct letter_template *t,
                              const struct audit_origin *by, int *version, struct buf *err);

/* A template as used (strings valid during the callback): version 0 is the
 * shipped one. */
struct letter_template_view {
    struct letter_template t;
    int version;
    const char *loaded_at, *loaded_by; /* "" for the shipped */
};
typedef void (*letter_template_fn)(void *arg, const struct letter_template_view *v);
/* The template named name: 0, LETTER_UNKNOWN, or -1 with err. */
int store_letter_template(struct store *s, const char *name, letter_template_fn fn, void *arg,
                          struct buf *err);
/* Every template, the shipped ones first (each as used), then the others
 * by name. 0, or -1 with err. */
int store_letter_templates(struct store *s, letter_template_fn fn, void *arg, struct buf *err);

/* A letter to draft. */
struct letter_request {
    const char *ref;    /* the case */
    const char *name;   /* the template */
    const char *format; /* "preview", "text", "html" or "pdf": recorded with the draft */
    const char *why;    /* the reason for reading the vault (not blank) */
    int today;          /* the letter's date */
};

/* Drafts the letter: its title and text into title and text (replacing
 * their contents), the draft recorded. 0;
 * LETTER_NO_CASE (no such case), LETTER_UNKNOWN (no such template), LETTER_REFUSED (with
 * why in err: a placeholder with no value for the case, the person's
 * details destroyed, no reason given, an unknown format); or -1 with err. */
int store_letter_draft(struct store *s, struct vault *v, const struct letter_request *rq,
                       const struct audit_origin *by, struct buf *title, struct buf *text,
                       struct buf *err);

/* A case's drafts, oldest first. */
struct letter_draft_view {
    const char *name, *format, *at, *by;
    int version;
};
typedef void (*letter_draft_fn)(void *arg, const struct letter_draft_view *d);
int store_letter_drafts(struct store *s, const char *ref, letter_draft_fn fn, void *arg,
                        struct buf *err);

#endif
