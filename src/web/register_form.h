/*
 * register_form.h - the staff form for an entry of the registers of
 * interests, gifts and hospitality, and salaries (staff_registers.c): its
 * fields read from a POSTed form and checked by the registers' one set of
 * rules (model/register.h), and written back as HTML holding what was
 * typed, each problem beside its field and in a summary of links
 * (form_html.h). No I/O and no store: every value comes back escaped.
 */
#ifndef PEEL_WEB_REGISTER_FORM_H
#define PEEL_WEB_REGISTER_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/register.h"
#include "util/buf.h"
#include "web/form.h"

#define REG_FORM_REASON REG_FIELDS /* the reason's slot after the fields' */
#define REG_FORM_SLOTS  (REG_FIELDS + 1)

struct register_form {
    enum reg_kind kind;
    const char *text[REG_FORM_SLOTS];       /* as typed, "" for none; then the reason */
    char *error[REG_FORM_SLOTS];            /* each slot's problem as HTML, or NULL */
    const char *summary[REG_FORM_SLOTS][2]; /* field id, message: form_html_errors */
    size_t nerrors;
    struct reg_entry entry; /* when there are no errors: the entry to record */
    struct reg_checked checked;
    char *own[REG_FORM_SLOTS]; /* text filled in by register_form_from */
};

/* Reads wf's fields as an entry of register k and checks them. ref: the
 * entry's reference when it is fixed (a change: the path's), else NULL
 * (read from the form). A change needs a reason. */
void register_form_read(const struct web_form *wf, enum reg_kind k, const char *ref,
                        struct register_form *f);
/* The form filled in with an entry as recorded (for a change). */
void register_form_from(struct register_form *f, enum reg_kind k, const struct reg_entry *e);
/* Adds a problem to a field (e.g. the store's refusal). */
void register_form_problem(struct register_form *f, size_t slot, const char *message);
/* The error summary (nothing when there is none). */
void register_form_errors(struct buf *b, const struct register_form *f);
/* The fields of the register, each with its value and its error; with the
 * reference as an input unless ref_fixed, and the reason when asked. */
void register_form_fields(struct buf *b, const struct register_form *f, bool ref_fixed,
                          bool reason);
void register_form_free(struct register_form *f);

#endif
