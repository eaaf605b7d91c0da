/*
 * staff_decision_form.h - what the staff side's decision pages share: a
 * decision's text as form fields and back, the reference in a path, and
 * the answer to a change (staff_decisions.c, staff_decision_actions.c).
 */
#ifndef PEEL_WEB_STAFF_DECISION_FORM_H
#define PEEL_WEB_STAFF_DECISION_FORM_H

#include "model/decision.h"
#include "store/decisions.h"
#include "web/staff.h"

/* A decision's text as form fields, each labelled, holding its current
 * value (t NULL: empty). */
void decision_form_fields(struct buf *b, const struct decision_text *t);
/* A decision's text for reading: each field that has a value under its
 * label, as the form labels it (the amount in pounds, or "none stated"). */
void decision_text_view(struct buf *b, const struct decision_text *t);
/* The text the form holds into t (its strings the form's); false with
 * why (a field, the reason) when an amount is not pounds. */
bool decision_form_text(const struct web_form *f, struct decision_text *t, const char **why);

/* The reference the route's first argument (a slug) names into ref;
 * false after a 404 when none. */
bool decision_form_ref(struct staff_request *sq, struct web_response *rs,
                       char ref[DECISION_REF_MAX + 1]);

/* The answer to a change of decision ref: status DECISION_OK sends the
 * browser to its page with a note that says `done` (a word of
 * staff_decisions.c's notes); a refusal shows why, with its status. */
void decision_form_answer(struct staff_request *sq, struct web_response *rs, const char *ref,
                          int status, const char *done, const struct buf *err);

/* A POST form to path (a literal action of this site) opening with its
 * CSRF field; the caller writes the fields and closes it. */
void decision_form_open(struct buf *b, const struct staff_request *sq, const char *ref,
                        const char *action);

/* A POST of a decision's text (a draft saved, a correction): the reference
 * and the text read from the form, change made with them, the answer
 * (decision_form_answer, noting done). */
typedef int (*decision_text_change)(struct staff_request *sq, const char *ref,
                                    const struct decision_text *t, struct buf *err);
void decision_text_post(struct staff_request *sq, struct web_response *rs, const char *done,
                        decision_text_change change);

/* A textarea for why a change is made ("why"), labelled. */
void decision_why_field(struct buf *b, const char *id, const char *label);

/* A page holding the decision's current text as a form (editing a draft,
 * correcting a decision): its title and the reference as the h1, an intro
 * (or NULL), the fields, a "why" (its label, or NULL for none), a button. */
struct decision_text_page {
    const char *title, *intro, *action, *why, *button;
};
void decision_text_page(struct staff_request *sq, struct web_response *rs,
                        const struct decision_text_page *p);

/* The forms of what the reader may do to a decision in this state and of
 * this type (staff_decision_actions.c), under a heading; held: the fields
 * with an exempt part still held, each ending in '\n' ("" when none). */
void decision_actions(struct buf *b, struct staff_request *sq, const char *ref, const char *state,
                      const char *type, const char *held);

/* The form that adds a supporting document (staff_uploads.c). */
void decision_upload_form(struct buf *b, const struct staff_request *sq, const char *ref);

#endif
