/*
 * hmicfrs.h - HMICFRS reports about the force and the Commissioner's
 * responses (Police Act 1996 s.55): each report is a case with its
 * publication date and link; the step inviting the chief constable's
 * comments (s.55(4)) and the comments received; the response to each
 * recommendation; and the 56-day clock (store/clocks.h, subject
 * "hmicfrs:REF", 56 calendar days beginning with the day the report was
 * published), started when the report is recorded and completed when the
 * response is published, each in the same transaction.
 *
 * Migration 17: every table is append-only. A response to a
 * recommendation may be redrafted (a later row for the same number is the
 * current one) until the response is published; after that the triggers
 * refuse any further response row, and nothing published changes.
 * Every change is audited (hmicfrs.add, hmicfrs.invite, hmicfrs.comments,
 * hmicfrs.respond, hmicfrs.publish; object "hmicfrs:REF").
 */
#ifndef PEEL_STORE_HMICFRS_H
#define PEEL_STORE_HMICFRS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/calendar.h"
#include "store/audit.h"
#include "store/store.h"

#define HMICFRS_DAYS 56 /* s.55(5A) */

/* Answers of the changes besides 0 and -1. */
enum hmicfrs_refusal {
    HMICFRS_UNKNOWN = 1,     /* no report of that reference */
    HMICFRS_EXISTS = 2,      /* add: the reference is taken */
    HMICFRS_PUBLISHED = 3,   /* comment, respond, publish: it is published already */
    HMICFRS_NOT_INVITED = 4, /* publish: the chief constable was not invited to comment */
    HMICFRS_NO_RESPONSE = 5, /* publish: no recommendation has a response */
    HMICFRS_BAD = 6,         /* a field is missing or out of bounds (err says which) */
};
const char *hmicfrs_refusal_text(int r);
/* A reference: 1..40 of [a-z0-9-], starting with a letter or digit. */
bool hmicfrs_ref_ok(const char *ref);

struct hmicfrs_new {
    const char *ref, *title, *url;
    int published_on;
};

int store_hmicfrs_add(struct store *s, const struct hmicfrs_new *r, const struct audit_origin *by,
                      struct buf *err);
/* The chief constable invited to comment on `on`, or (comments true) the
 * comments received then, with a note (the comments, or where they are);
 * refused once the response is published (HMICFRS_PUBLISHED). */
int store_hmicfrs_step(struct store *s, const char *ref, bool comments, int on, const char *note,
                       const struct audit_origin *by, struct buf *err);
/* The response to recommendation `number` (1..999). */
int store_hmicfrs_respond(struct store *s, const char *ref, int number, const char *recommendation,
                          const char *response, const struct audit_origin *by, struct buf *err);
/* Publishes the current responses on `on` at url, and completes the clock. */
int store_hmicfrs_publish(struct store *s, const char *ref, int on, const char *url,
                          const struct audit_origin *by, struct buf *err);

/* A report as read; strings valid during the callback only. */
struct hmicfrs_view {
    const char *ref, *title, *url;
    int published_on;
    int invited_on, comments_on; /* DATE_NONE: not yet */
    const char *comments;        /* the comments' note, or "" */
    int responded;               /* recommendations with a response */
    int response_on;             /* the response's publication, or DATE_NONE */
    const char *response_url;    /* "" until published */
    int64_t clock_id;
    struct clock_status clock; /* the s.55 clock as of the day asked */
};
typedef void (*hmicfrs_fn)(void *arg, const struct hmicfrs_view *v);

/* The reports, newest first (published_only: only those whose response is
 * published), their clocks as of today. The count, or -1 with err. */
long store_hmicfrs_list(struct store *s, bool published_only, int today, hmicfrs_fn fn, void *arg,
                        struct buf *err);
/* One report (published_only: only when its response is published):
 * 0, HMICFRS_UNKNOWN or -1. */
int store_hmicfrs_get(struct store *s, const char *ref, bool published_only, int today,
                      hmicfrs_fn fn, void *arg, struct buf *err);

/* The current response to each recommendation, in number order. */
typedef void (*hmicfrs_response_fn)(void *arg, int number, const char *recommendation,
                                    const char *response);
int store_hmicfrs_responses(struct store *s, const char *ref, hmicfrs_response_fn fn, void *arg,
                            struct buf *err);

#endif
