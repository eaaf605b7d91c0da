/*
 * application_form.h - the public grant application form (page_apply.c):
 * its fields read from a POSTed form and checked, and written back as
 * HTML with what is wrong beside each (form_html.h: the error summary of
 * links, each message by its field). No I/O and no store, so that a
 * fuzzer drives it (fuzz/fuzz_application_form.c): every value typed
 * comes back escaped.
 *
 * A draft may be saved with any field empty (what is given must still be
 * well formed: an amount in pounds, an email address, a telephone number,
 * each field within its length), so that an applicant can stop and come
 * back; sending it needs every field the round's eligibility check reads,
 * and a contact person (a name, and an email address or a telephone
 * number) unless one was given with an earlier save. Whether the
 * application meets the round's rules is the store's judgement
 * (store/fund_apply.h), given back with its reasons.
 *
 * The district, the community safety partnership and the priorities are
 * choices (struct fund_choices: the loaded area lookup and the plan
 * priorities the round serves): a select, a select, and a checkbox per
 * priority by its title, so that the statistics and the map group by
 * values they know. A value not among them (a hostile POST) is an error of
 * its field. A list that is empty (no lookup loaded) leaves its field a
 * text box.
 */
#ifndef PEEL_WEB_APPLICATION_FORM_H
#define PEEL_WEB_APPLICATION_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/fund_apply.h"
#include "util/buf.h"
#include "web/form.h"

enum application_field {
    AF_ORG_NAME,
    AF_ORG_TYPE,
    AF_ORG_ID,
    AF_PROJECT,
    AF_AMOUNT,
    AF_DISTRICT,
    AF_CSP_CODE,
    AF_PRIORITIES,
    AF_OUTCOMES,
    AF_BUDGET_LINES,
    AF_CONTACT_NAME,
    AF_CONTACT_EMAIL,
    AF_CONTACT_PHONE,
    AF_FIELDS
};

#define APPLICATION_FORM_ERRORS AF_FIELDS
#define APPLICATION_TEXT_MAX    5000 /* bytes of a long answer */
#define APPLICATION_PRIORITIES  512  /* bytes of the priorities ticked, "m1, m2.s3" */

/* What the form was sent with (NULL: empty or blank; the strings are the
 * web_form's, or the caller's), the button pressed, and what is wrong:
 * each error a field id and a message (literal text). */
struct application_form {
    const char *v[AF_FIELDS];
    bool send;            /* "Send the application", not "Save" */
    int64_t amount_pence; /* -1 when none or not an amount */
    const char *errors[APPLICATION_FORM_ERRORS][2];
    size_t nerrors;
    char priorities[APPLICATION_PRIORITIES]; /* v[AF_PRIORITIES] when read from a form */
};

/* The field's id (its name in the form). */
const char *application_field_id(enum application_field i);

/* Reads and checks wf's fields into f (the priorities ticked joined by
 * ", " in f->priorities, so f must not be copied before use). c: what may
 * be chosen; max_pence: the round's largest
 * grant (an amount over it is a mistake to put right, not a reason to
 * refuse the application for ever); contact_kept: a contact person is
 * held already (store_fund_contact_given), so that sending needs none
 * typed again. */
void application_form_read(const struct web_form *wf, const struct fund_choices *c,
                           int64_t max_pence, bool contact_kept, struct application_form *f);
/* The fields as the store takes them (contact fields NULL when not
 * typed: what the vault holds is kept). */
void application_form_to(const struct application_form *f, const char *round,
                         struct fund_application *a);

/* The error summary (nothing when there is no error). */
void application_form_errors(struct buf *b, const struct application_form *f);
/* The fields, each with its value and its error. types: the round's
 * organisation types ("charity,cic"; "" for any), offered as choices;
 * max_pence: the round's largest award, for the amount's hint;
 * contact_kept: the contact fields say that what was given is kept; c:
 * the district, partnership and priority choices. */
void application_form_fields(struct buf *b, const struct application_form *f,
                             const struct fund_choices *c, const char *types, int64_t max_pence,
                             bool contact_kept);

#endif
