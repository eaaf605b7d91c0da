/*
 * decisions.h - the decision register (issue 14): decisions drafted,
 * signed off, taken, published or withheld, corrected and rescinded, and
 * read back (`peel decision`; the web's pages call the same functions).
 *
 * Changes. Each is one BEGIN IMMEDIATE transaction holding the change and
 * its audit row (audit.h: action "decision.VERB", object "decision:REF",
 * the decision before and after as compact JSON with sorted keys, never
 * an exempt part's text). The acting account is by->actor: it must exist,
 * be enabled and have a role that may do the thing (model/decision.h). A
 * refusal (a DECISION_* status below) writes nothing, not even an audit
 * row.
 *
 * Reads come in two families, kept apart on purpose:
 *   PUBLIC  store_decisions_public, store_decision_public,
 *           store_decision_documents_public, store_decision_plan_vs_log:
 *           only published, withheld and rescinded decisions, and the
 *           forward plan (reference, subject, meeting date). A withheld decision
 *           (one exempt as a whole) is a stub: its reference, date,
 *           subject, decision maker and FOIA ground, nothing more. No
 *           public read ever selects from decision_exempt's text or from a
 *           draft.
 *   STAFF   store_decision_staff: everything, exempt parts included. The
 *           store does not know who asks: the caller (the web's role
 *           check, the CLI's --as) must.
 */
#ifndef PEEL_STORE_DECISIONS_H
#define PEEL_STORE_DECISIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/decision.h"
#include "store/audit.h"
#include "store/store.h"

/* What a change can meet besides an error (-1 with err). */
enum decision_status {
    DECISION_OK = 0,
    DECISION_UNKNOWN_REF = 1,       /* no decision has this reference */
    DECISION_BAD_MOVE = 2,          /* not allowed from the decision's state */
    DECISION_COMMISSIONER_ONLY = 3, /* a non-delegable decision, by anyone else */
    DECISION_WRONG_ROLE = 4,        /* the account's role may not do this */
    DECISION_FROZEN = 5,            /* the record is decided: make a correction */
    DECISION_REF_TAKEN = 6,         /* add: the reference is in use */
    DECISION_NO_ACCOUNT = 7,        /* the acting account is unknown or disabled */
    DECISION_BAD_INPUT = 8,         /* err names the field and why */
};
/* A sentence for a status, for messages. */
const char *decision_status_text(enum decision_status st);

/* The text of a decision, as drafted and as decided. Fields are the
 * Openness of Local Government Bodies Regulations 2014 reg. 7's (the
 * decision, reasons, alternatives rejected, conflicts and dispensations)
 * and the Office's own. */
struct decision_text {
    const char *title, *summary, *background, *decision, *reasons, *alternatives, *conflicts;
    int64_t amount_pence; /* -1: no amount stated */
    const char *budget_line, *financial, *legal, *equality, *lead_officer;
};
/* The names of the text's fields, as decision_exempt.field and the JSON
 * use them; NULL-terminated. */
extern const char *const decision_text_fields[];

struct decision_new {
    const char *ref, *subject;
    enum decision_type type;
    const char *planned_for; /* YYYY-MM-DD (the Panel meeting), or NULL */
};

/* Adds a decision: forward-planned when text is NULL (planned_for then
 * required), else a draft with that text. */
int store_decision_add(struct store *s, const struct decision_new *d,
                       const struct decision_text *text, const struct audit_origin *by,
                       struct buf *err);
/* Replaces the draft's text (a forward-planned decision becomes a draft).
 * DECISION_FROZEN once decided; DECISION_BAD_MOVE once advised. */
int store_decision_draft(struct store *s, const char *ref, const struct decision_text *text,
                         const struct audit_origin *by, struct buf *err);
/* A sign-off by the account's role (finance-officer: finance;
 * monitoring-officer: monitoring), of a draft; with both, it is advised. */
int store_decision_signoff(struct store *s, const char *ref, enum decision_signoff_kind kind,
                           const char *note, const struct audit_origin *by, struct buf *err);
/* Takes an advised decision: version 1 from the draft, dated decided_on
 * (YYYY-MM-DD; NULL: today). Refused to anyone but the commissioner for
 * a non-delegable type, and to any role but commissioner and deputy. */
int store_decision_decide(struct store *s, const char *ref, const char *decided_on,
                          const struct audit_origin *by, struct buf *err);
/* decided -> published (its public fields enter the search index). */
int store_decision_publish(struct store *s, const char *ref, const struct audit_origin *by,
                           struct buf *err);
/* decided -> withheld: exempt as a whole under ground (a FOIA section),
 * to be reviewed on review_on (or NULL); only a stub is public. */
int store_decision_withhold(struct store *s, const char *ref, const char *ground,
                            const char *review_on, const char *why, const struct audit_origin *by,
                            struct buf *err);
/* An exempt part of one field (decision_text_fields) of a decision not
 * yet rescinded: the text kept apart, its ground, review date. */
int store_decision_exempt(struct store *s, const char *ref, const char *field, const char *text,
                          const char *ground, const char *review_on, const struct audit_origin *by,
                          struct buf *err);
/* The review of an exempt part at its review date. field names the part
 * (a field's name, or "*" for a withheld decision). Released (release):
 * its text becomes public beside the field it was kept from, and a
 * withheld decision is published whole. Kept: until keep_until, a date
 * after today. why is required either way; a part is released once. */
int store_decision_review(struct store *s, const char *ref, const char *field, bool release,
                          const char *keep_until, const char *why, const struct audit_origin *by,
                          struct buf *err);

/* A supporting document of the current version: a name, a URL and/or the
 * SHA-256 of its bytes, and whether it is public. */
int store_decision_document(struct store *s, const char *ref, const char *name, const char *url,
                            const char *sha256, bool public_, const struct audit_origin *by,
                            struct buf *err);
/* A correction of a decided, published or withheld decision: a new
 * version with this text that names the one it corrects, and why. */
int store_decision_correct(struct store *s, const char *ref, const struct decision_text *text,
                           const char *why, const struct audit_origin *by, struct buf *err);
/* published or withheld -> rescinded: a new version (the same text) that
 * names the one it rescinds, and why. */
int store_decision_rescind(struct store *s, const char *ref, const char *why,
                           const struct audit_origin *by, struct buf *err);

/* One decision of an office's existing register, for store_decision_import. */
struct decision_record {
    struct decision_new d;
    enum decision_state state; /* published, withheld or forward-planned */
    const char *decided_on;    /* YYYY-MM-DD (not for forward-planned) */
    const char *decided_by;    /* the decision maker as the register names them */
    struct decision_text text;
    const char *link;   /* the supporting document's URL, or NULL */
    const char *ground; /* withheld: the FOIA section */
};
/* Imports every record or none, in one transaction, each audited as
 * "decision.import". DECISION_REF_TAKEN (err names it) when a reference
 * is already held. */
int store_decision_import(struct store *s, const struct decision_record *r, size_t n,
                          const struct audit_origin *by, struct buf *err);

/* Whether a decision (in any state) has this reference: 1, 0, or -1
 * with err. For an import's check, before anything is written. */
int store_decision_exists(struct store *s, const char *ref, struct buf *err);

/* ---- PUBLIC reads ------------------------------------------------------ */

/* A decision as the public sees it. For a stub only ref, subject, state,
 * decided_on, decided_by and ground are set; the rest is NULL (and
 * amount_pence -1). Strings are valid during the callback only. */
struct decision_public {
    const char *ref, *type, *subject, *state;
    int version; /* the current version */
    const char *decided_on, *decided_by, *decided_role;
    bool stub;
    const char *ground; /* stub: "s.40 Personal information" */
    struct decision_text text;
    const char *corrects_reason; /* why the current version replaced the last */
    const char *exempt_fields;   /* "financial:s.43,background:s.40": the fields with a part
                                    still exempt and their FOIA sections, never the text */
    const char *changed_at;      /* when it last changed as the public sees it (ISO 8601) */
};
typedef void (*decision_public_fn)(void *arg, const struct decision_public *d);

#define DECISION_PAGE_MAX 100

struct decision_filter {
    int year;                     /* of decided_on; 0: any */
    const char *state;            /* published, withheld, rescinded; NULL: any */
    const char *type;             /* a type word; NULL: any */
    const char *subject;          /* a substring of the subject; NULL: any */
    int64_t min_pence, max_pence; /* -1: no bound */
    const char *text;             /* words to search for (every one); NULL: none */
    int page, page_size;          /* from 1; page_size 1..DECISION_PAGE_MAX */
};
void decision_filter_default(struct decision_filter *f);

/* One page of public decisions, newest first; *total gets how many match. */
int store_decisions_public(struct store *s, const struct decision_filter *f, decision_public_fn fn,
                           void *arg, long *total, struct buf *err);
/* One public decision (its current version, or a given one when version
 * > 0): DECISION_OK, or DECISION_UNKNOWN_REF when there is none the
 * public may see. */
int store_decision_public(struct store *s, const char *ref, int version, decision_public_fn fn,
                          void *arg, struct buf *err);

struct decision_document_row {
    const char *name, *url, *sha256;
    int version;
    bool public_; /* always, from the public read */
};
typedef void (*decision_document_fn)(void *arg, const struct decision_document_row *d);
/* The public documents of a public decision that is not a stub. */
int store_decision_documents_public(struct store *s, const char *ref, decision_document_fn fn,
                                    void *arg, struct buf *err);

/* The forward plan against the log. */
enum plan_outcome {
    PLAN_UPCOMING,      /* forward-planned, not taken, meeting not yet past */
    PLAN_NOT_TAKEN,     /* forward-planned, not taken by its meeting */
    PLAN_TAKEN,         /* taken on or before its meeting */
    PLAN_TAKEN_LATE,    /* taken after its meeting */
    PLAN_NEVER_PLANNED, /* taken, never on the forward plan */
};
const char *plan_outcome_word(enum plan_outcome o);
struct decision_plan_row {
    const char *planned_for, *ref, *subject, *decided_on; /* NULLs where none */
    enum plan_outcome outcome;
};
typedef void (*decision_plan_fn)(void *arg, const struct decision_plan_row *r);
/* Every forward-planned decision by meeting date, then every decision
 * taken that was never forward-planned; today is YYYY-MM-DD. */
int store_decision_plan_vs_log(struct store *s, const char *today, decision_plan_fn fn, void *arg,
                               struct buf *err);

/* A part released at its review, as the public reads it. */
struct decision_released_row {
    const char *field, *text, *ground, *released_on, *why;
};
typedef void (*decision_released_fn)(void *arg, const struct decision_released_row *r);
/* The released parts of a public decision that is not a stub, oldest first. */
int store_decision_released_public(struct store *s, const char *ref, decision_released_fn fn,
                                   void *arg, struct buf *err);

/* ---- STAFF read: includes exempt parts -------------------------------- */

struct decision_exempt_row {
    const char *field, *text, *ground;
    const char *review_on; /* its last review's date to review again, else its own */
    const char *approved_by, *approved_at;
    const char *released_on; /* YYYY-MM-DD when released at a review, else NULL */
};
struct decision_signoff_row {
    const char *kind, *signed_by, *role, *signed_at, *note;
};
struct decision_staff_fns {
    /* the decision (latest version, or the draft: version 0); never a stub */
    decision_public_fn decision;
    void (*exempt)(void *arg, const struct decision_exempt_row *r);
    void (*signoff)(void *arg, const struct decision_signoff_row *r);
    decision_document_fn document; /* every document, public or not */
};
/* A decision in the staff side's work list: every state, drafts too. */
struct decision_staff_row {
    const char *ref, *type, *subject, *state;
    const char *title;       /* the latest version's, else the draft's; NULL when planned */
    const char *planned_for; /* NULL when not forward-planned */
    const char *changed_at;  /* its last change of state */
    int64_t amount_pence;    /* -1: none stated */
};
typedef void (*decision_staff_row_fn)(void *arg, const struct decision_staff_row *r);

/* An exempt part still held, and the date it is to be reviewed. */
struct decision_review_row {
    const char *ref, *subject, *field, *ground, *review_on;
};
typedef void (*decision_review_fn)(void *arg, const struct decision_review_row *r);
#define DECISION_REVIEWS_MAX 500
/* The held parts to be reviewed on or before by_date (YYYY-MM-DD; NULL:
 * every held part that has a review date), the earliest first, at most
 * DECISION_REVIEWS_MAX; *more is set when there were more. */
int store_decision_reviews_due(struct store *s, const char *by_date, decision_review_fn fn,
                               void *arg, bool *more, struct buf *err);
#define DECISION_STAFF_PAGE 200
/* The decisions in state (a word; NULL: any), the latest changed first,
 * at most DECISION_STAFF_PAGE from offset; *total gets how many match. */
int store_decisions_staff_list(struct store *s, const char *state, long offset,
                               decision_staff_row_fn fn, void *arg, long *total, struct buf *err);

/* Everything about one decision, for staff whose role the caller has
 * checked. DECISION_OK or DECISION_UNKNOWN_REF. */
int store_decision_staff(struct store *s, const char *ref, const struct decision_staff_fns *fns,
                         void *arg, struct buf *err);

#endif
