/*
 * decision.h - the decision register's vocabulary (issue 14): a decision's
 * states and the moves between them, its types (with the functions the law
 * does not let a Police and Crime Commissioner delegate), which role may
 * take or sign off which decision, the FOIA exemption grounds, and the
 * reference format with its URL slug.
 *
 * All of it is pure: the store (store/decisions.h) asks these functions and
 * writes what they allow; the web and the CLI show the same words.
 *
 * States (docs/staff.md, "The decision register"):
 *
 *   forward-planned -> draft -> advised -> decided -> published -> rescinded
 *                                             |           ^
 *                                             |           | (released at review)
 *                                             +-> withheld +-> rescinded
 *
 * A decision may start as a draft without having been forward-planned
 * (the forward plan against the log shows it).
 */
#ifndef PEEL_MODEL_DECISION_H
#define PEEL_MODEL_DECISION_H

#include <stdbool.h>
#include <stddef.h>

enum decision_state {
    DECISION_FORWARD_PLANNED,
    DECISION_DRAFT,
    DECISION_ADVISED, /* finance and monitoring officers have signed off */
    DECISION_DECIDED, /* signed by the decision maker: version 1 exists */
    DECISION_PUBLISHED,
    DECISION_WITHHELD, /* entirely exempt: only a stub is public */
    DECISION_RESCINDED,
    DECISION_STATES
};

/* "forward-planned", "draft", ...; NULL outside the enum. */
const char *decision_state_word(enum decision_state s);
/* The state a word names; false when none does. */
bool decision_state_parse(const char *word, enum decision_state *out);
/* Whether a decision may move from one state to the other. */
bool decision_transition_allowed(enum decision_state from, enum decision_state to);
/* Whether the public may see that a decision in this state exists
 * (published, withheld as a stub, rescinded, or on the forward plan). */
bool decision_state_public(enum decision_state s);

enum decision_type {
    DECISION_GENERAL,
    DECISION_CONTRACT,
    DECISION_GRANT,
    DECISION_FINANCE,
    DECISION_POLICY,
    DECISION_STAFFING,
    DECISION_ESTATES,
    /* non-delegable (Police Reform and Social Responsibility Act 2011,
     * s.18(7), as OPCC schemes of delegation list them) */
    DECISION_PLAN,          /* issuing the police and crime plan */
    DECISION_PRECEPT,       /* calculating the budget requirement / precept */
    DECISION_CC_APPOINT,    /* appointing the chief constable */
    DECISION_CC_SUSPEND,    /* suspending the chief constable */
    DECISION_CC_REMOVE,     /* calling on the chief constable to retire or resign */
    DECISION_ANNUAL_REPORT, /* the annual report */
    DECISION_TYPES
};

const char *decision_type_word(enum decision_type t);
/* A short description, for help texts and the web. */
const char *decision_type_title(enum decision_type t);
bool decision_type_parse(const char *word, enum decision_type *out);
/* True of the functions only the commissioner may exercise. */
bool decision_needs_commissioner(enum decision_type t);

/* Whether an account of this role (a name from table `role`) may take a
 * decision of this type: the commissioner any, the deputy only delegable
 * ones, every other role none. */
bool decision_role_may_decide(const char *role, enum decision_type t);

/* Whether an account of this role may draft, add documents, import and
 * publish (officer, finance-officer, monitoring-officer, commissioner,
 * deputy), and whether it may approve an exemption or withhold
 * (monitoring-officer, commissioner). */
bool decision_role_may_draft(const char *role);
bool decision_role_may_exempt(const char *role);

enum decision_signoff_kind {
    SIGNOFF_FINANCE,    /* financial implications: the chief finance officer */
    SIGNOFF_MONITORING, /* legal and monitoring: the monitoring officer */
    SIGNOFF_KINDS
};
const char *decision_signoff_word(enum decision_signoff_kind k);
bool decision_signoff_parse(const char *word, enum decision_signoff_kind *out);
/* Whether an account of this role may give this sign-off. */
bool decision_role_may_sign_off(const char *role, enum decision_signoff_kind k);

/* Parses "328,075", "£39,305.40", "1500.5" into pence; false when the text
 * is not an amount of pounds (negative, letters, misplaced commas, more
 * than two decimals, over a trillion pounds). */
bool decision_parse_pounds(const char *text, long long *pence);

/* A ground for withholding under the Freedom of Information Act 2000. */
struct foia_ground {
    const char *code;  /* "s.43" */
    const char *title; /* "Commercial interests" */
};
extern const struct foia_ground foia_grounds[];
extern const size_t foia_grounds_count;
/* The ground with this code ("s.43", also "43" or "S43"); NULL when none. */
const struct foia_ground *foia_ground_find(const char *code);

/* A decision taken is published (or withheld) within this many working
 * days of the day after it: the Office's own standard, not a statutory
 * limit (the Specified Information Order asks for "as soon as
 * practicable"); the store starts the clock "decision:REF" when the
 * decision is taken and completes it when it is published or withheld. */
#define DECISION_PUBLISH_WORKING_DAYS 5

/* References: 1 to DECISION_REF_MAX letters, digits, '/' and '-', starting
 * and ending with a letter or digit, with no two separators together
 * ("PCC/2026/014", "EXE0037/17", "DPCC-2024-03"). */
#define DECISION_REF_MAX 40
bool decision_ref_ok(const char *ref);
/* The URL slug of a valid reference: '/' becomes '-' and '-' becomes "--",
 * so that a slug names one reference ("PCC/2026/014" -> "PCC-2026-014",
 * "A-1" -> "A--1"). out must hold 2 * DECISION_REF_MAX + 1 bytes; false
 * when ref is not valid. */
#define DECISION_SLUG_SIZE (2 * DECISION_REF_MAX + 1)
bool decision_ref_slug(const char *ref, char out[DECISION_SLUG_SIZE]);
/* The reference a slug names; false when the slug is not one made by
 * decision_ref_slug. out must hold DECISION_REF_MAX + 1 bytes. */
bool decision_slug_ref(const char *slug, char out[DECISION_REF_MAX + 1]);

#endif
