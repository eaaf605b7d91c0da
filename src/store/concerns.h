/*
 * concerns.h - the Office's casework register: every contact raised with
 * it (a concern passed on, a complaint review, a complaint about the chief
 * constable, an FOI request, anything else), its case data, its history and
 * its clocks; the person's details are in the vault (store/vault.h), never
 * here.
 *
 * A case (table concern) holds what never changes about it: its reference,
 * kind (model/concern.h), channel, the date received and, for a review,
 * the outcome date and the in-time check worked out when it was recorded.
 * The spells a review application spent with wrong bodies are their own
 * rows (table concern_misdirected, append-only), each with the window
 * worked out again from all of them: the case's window is the latest. Everything after is an event
 * (table concern_event, append-only): acknowledged, passed on, reviewer
 * assigned, a conflict declared, decided (the review's outcome: reasonable
 * and proportionate or not), a recommendation made, the force's response,
 * closed, and the personal part destroyed at the end of retention. The
 * case's state is its last event's. Allegation categories are data (table
 * allegation_category, loaded from a file), each case's from them.
 *
 * Recording a case starts its clocks (store/clocks.h): the acknowledgement
 * (subject "concern-ack:REF") and the answer ("concern:REF"); the events
 * acknowledged and decided (or closed) complete them. Every change is one
 * transaction with its audit row, naming the reference, never a personal
 * field; the personal fields are written to the vault after the case (its
 * own transactions, audited there). Event notes are case notes: the staff
 * forms say not to put personal details in them.
 */
#ifndef PEEL_STORE_CONCERNS_H
#define PEEL_STORE_CONCERNS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/concern.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/vault.h"

/* The personal fields a case may hold, in the vault under "concern:REF":
 * name, email and phone have blind indexes for a subject-access search. */
struct concern_person {
    const char *name, *email, *phone, *address;
    const char *details;   /* what the person wrote */
    const char *force_ref; /* the force's complaint reference (a review) */
};

struct concern_new {
    enum concern_kind kind;
    const char *channel;  /* "web", "email", "letter", "phone", "in-person" */
    int received;         /* the date it reached the Office */
    int outcome;          /* a review: the date the force gave its outcome */
    struct misdirected m; /* a review: a spell with a wrong body (sent DATE_NONE: none) */
    struct concern_person person;
    const char *m_body; /* the body the spell was with (NULL: "another body") */
};

struct concern_made {
    char ref[CONCERN_REF_SIZE];
    int ack_due, answer_due;     /* DATE_NONE when there is no such clock */
    bool has_window;             /* a review with an outcome date */
    struct review_window window; /* then: its limit and whether it was in time */
};

/* Records a case, starts its clocks and seals its personal fields. The
 * calendar is the store's (store/calendar.h). 0, or -1 with err (a refusal
 * of the dates, or of a field, names it; nothing is written). */
int store_concern_add(struct store *s, struct vault *v, const struct concern_new *c,
                      const struct audit_origin *by, struct concern_made *out, struct buf *err);

/* A case as read (strings valid during the callback). */
struct concern_view {
    const char *ref, *kind, *channel, *state, *reviewer, *decision;
    int received, outcome, review_due, closed_on;
    int in_time;  /* 1, 0, or -1 when not a review with an outcome date */
    int left_out; /* a review: days with other bodies left out of its window */
    bool destroyed;
    const char *categories; /* codes, space-separated */
    int64_t events;
};
typedef void (*concern_fn)(void *arg, const struct concern_view *c);

enum { CONCERN_UNKNOWN = 1, CONCERN_REFUSED = 2 };

/* One case: 0, CONCERN_UNKNOWN, or -1 with err. */
int store_concern_get(struct store *s, const char *ref, concern_fn fn, void *arg, struct buf *err);
#define CONCERNS_LIST_MAX 500
/* The latest cases first, at most limit (1..CONCERNS_LIST_MAX). */
int store_concerns_list(struct store *s, int limit, concern_fn fn, void *arg, struct buf *err);

/* A case's events, oldest first. */
struct concern_event_view {
    const char *kind, *note, *at, *actor;
    int on;
};
typedef void (*concern_event_fn)(void *arg, const struct concern_event_view *e);
int store_concern_events(struct store *s, const char *ref, concern_event_fn fn, void *arg,
                         struct buf *err);

/* An event: kind one of acknowledged, passed-on, assigned (note: the
 * reviewer's username), conflict (note: what), decided (note:
 * "reasonable" or "not-reasonable"), recommended, responded (note: the
 * force's response), closed; on the date given. 0, CONCERN_UNKNOWN,
 * CONCERN_REFUSED (with why in err: an unknown kind, a blank note where
 * one is needed, a case closed or destroyed, a decision on what is not a
 * review), or -1 with err. */
int store_concern_event(struct store *s, const char *ref, const char *kind, int on,
                        const char *note, const struct audit_origin *by, struct buf *err);

/* ---- spells with a wrong body (concern_misdirected.c) ------------------ */

#define CONCERN_BODY_MAX 120 /* bytes of a body's name */

/* A change to a review application's spells: a spell (withdraw 0) sent to
 * `body` on m.sent and forwarded here on m.forwarded (DATE_NONE: never
 * forwarded, so left out up to its arrival), or the withdrawal of spell
 * `withdraw` (its id) recorded in error, with the reason. */
struct concern_spell_change {
    struct misdirected m;
    const char *body;
    int64_t withdraw;
    const char *reason;
};

/* Records the change and works the review window out again from every
 * spell kept (model/concern.h: their union is left out), into *out. 0,
 * CONCERN_UNKNOWN, CONCERN_REFUSED (why in err: not a review with an
 * outcome date, closed, the dates, no body or reason, no such spell, too
 * many), or -1 with err. Audited as concern.misdirected or
 * concern.misdirected-withdrawn, with the window after it. */
int store_concern_misdirected(struct store *s, const char *ref,
                              const struct concern_spell_change *c, const struct audit_origin *by,
                              struct review_window *out, struct buf *err);

/* A spell kept (not withdrawn), in order of the date sent. */
struct concern_spell_view {
    int64_t id;
    int sent, forwarded; /* forwarded DATE_NONE: never forwarded */
    const char *body, *at, *actor;
};
typedef void (*concern_spell_fn)(void *arg, const struct concern_spell_view *v);
/* A case's spells: 0, CONCERN_UNKNOWN, or -1 with err. */
int store_concern_spells(struct store *s, const char *ref, concern_spell_fn fn, void *arg,
                         struct buf *err);

/* ---- allegation categories (data) -------------------------------------- */

/* Adds or confirms a category: code (1..16 of A-Z, 0-9, '-'), label. */
int store_allegation_category_put(struct store *s, const char *code, const char *label,
                                  const struct audit_origin *by, struct buf *err);
typedef void (*category_fn)(void *arg, const char *code, const char *label);
int store_allegation_categories(struct store *s, category_fn fn, void *arg, struct buf *err);
/* Gives a case an allegation category: 0, CONCERN_UNKNOWN (case),
 * CONCERN_REFUSED (no such category), or -1 with err. */
int store_concern_categorise(struct store *s, const char *ref, const char *code,
                             const struct audit_origin *by, struct buf *err);

/* ---- retention, subject access, statistics (concern_data.c) ------------ */

/* Destroys the personal part (vault_destroy) of every case closed longer
 * ago than its kind's retention period, as of today, recording a
 * "destroyed" event for each; how many into *destroyed. The case data and
 * so the statistics are kept. Each case's transaction runs with
 * secure_delete on (freed and rewritten space zeroed), and the run ends
 * with the WAL checkpointed and truncated, so that no copy of what was
 * destroyed stays in the database file, its free pages or its WAL. 0, or
 * -1 with err (also when a reader kept the WAL from being emptied). */
int store_concern_retention(struct store *s, struct vault *v, int today,
                            const struct audit_origin *by, int *destroyed, struct buf *err);

/* Everything held on the person with this email or phone (either may be
 * NULL): each case found by the blind index, its case data, events and
 * personal fields, as a JSON document (caller frees). Audited as vault
 * reads with why. NULL with err on failure. */
char *store_concern_subject_access(struct store *s, struct vault *v, const char *email,
                                   const char *phone, const char *why,
                                   const struct audit_origin *by, struct buf *err);

/* One financial quarter's published counts. */
struct concern_quarter {
    int quarter; /* its first month (util/month.h) */
    int64_t received[CONCERN_KINDS];
    int64_t reviews_in_time, reviews_late;
    int64_t ack_total, ack_within;       /* acknowledged, and within the standard */
    int64_t answer_total, answer_within; /* decided or answered, and within the standard */
    int64_t reasonable, not_reasonable;  /* reviews decided */
    int64_t recommendations;
};
typedef void (*concern_quarter_fn)(void *arg, const struct concern_quarter *q);
/* Every quarter with a case received, oldest first, counted from case data
 * and clocks only (never the vault). 0, or -1 with err. */
int store_concern_stats(struct store *s, concern_quarter_fn fn, void *arg, struct buf *err);

#endif
