/*
 * concern.h - raising a concern with the Office: the routes a contact can
 * take, the complaint-review time limit, the service standards as clocks,
 * and the rule that suppresses small numbers in published statistics
 * (pure rules and arithmetic on model/calendar.h; no I/O).
 *
 * The routes (docs/concerns.md): a complaint about a police officer or
 * member of staff goes to the force; a review of how the force handled a
 * complaint comes here (the Commissioner is the relevant review body); a
 * complaint about the Commissioner or the Deputy goes to the Police and
 * Crime Panel; a Freedom of Information request, and anything else, come
 * here as a contact. Each route says who deals with it and what happens
 * next, in plain English, once, here.
 *
 * The review limit: an application for a review must be made within 28
 * days starting with the day after the day the outcome was given (Police
 * (Complaints and Misconduct) Regulations 2020 reg. 29), calendar days, not
 * moved off a weekend or bank holiday; the days an application spent with
 * the wrong body (sent there, then forwarded) are left out. The limit is a
 * clock: 28 calendar days, day-after, stopped on the day it was sent to the
 * wrong body and resumed on the day it was forwarded here. An application
 * may go astray more than once (to the force, then to the IOPC): every
 * spell is left out, a day with two bodies once.
 */
#ifndef PEEL_MODEL_CONCERN_H
#define PEEL_MODEL_CONCERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/calendar.h"

enum concern_kind {
    CONCERN_POLICE,       /* about a police officer or member of police staff */
    CONCERN_REVIEW,       /* a review of how the force handled a complaint */
    CONCERN_COMMISSIONER, /* about the Commissioner or the Deputy */
    CONCERN_CHIEF, /* about the chief constable: the Commissioner is the appropriate authority */
    CONCERN_FOI,   /* a Freedom of Information request */
    CONCERN_OTHER, /* anything else: a contact */
};
#define CONCERN_KINDS 6

struct concern_route {
    enum concern_kind kind;
    int retention_days; /* after closing */
    const char *name;   /* "police", "review", ...: the form's and the store's word */
    const char *label;  /* the form's choice: "A police officer or member of police staff" */
    const char *who;    /* who deals with it */
    const char *next;   /* what happens next, a sentence */
    const char *retention_rule; /* how long its personal part is kept, a phrase */
    bool here;                  /* the Office deals with it (else it is passed on, and said so) */
};

/* The route of a kind; NULL for none. */
const struct concern_route *concern_route(enum concern_kind k);
/* The route named name ("review"); NULL for none. */
const struct concern_route *concern_route_named(const char *name);

/* ---- the service standards -------------------------------------------- */

#define CONCERN_REVIEW_DAYS     28   /* the application window, calendar days (reg. 29) */
#define CONCERN_ACK_DAYS        5    /* acknowledge, working days (the Office's standard) */
#define CONCERN_DECIDE_DAYS     28   /* decide a review, working days (the Office's standard) */
#define CONCERN_FOI_DAYS        20   /* answer an FOI request, working days (FOIA s.10) */
#define CONCERN_REPLY_DAYS      20   /* reply to a contact, working days (the Office's standard) */
#define CONCERN_MISDIRECTED_MAX 8    /* spells with a wrong body, per application */
#define CONCERN_TEXT_MAX        5000 /* bytes of a description or a note */

/* A spell an application spent with the wrong body: sent there on `sent`
 * (the first day left out), forwarded here on `forwarded` (the first day
 * that counts again; DATE_NONE: still there). */
struct misdirected {
    int sent, forwarded;
};

struct review_window {
    int due;      /* the last day an application is in time (DATE_NONE: stopped) */
    int left_out; /* calendar days left out while with a wrong body */
    bool in_time; /* received on or before due */
};

/* The review window of an outcome given on `outcome`, for an application
 * received here on `received`, with the spells misdirected[0..n) (in any
 * order, each within outcome..received; spells that overlap are counted
 * once: left_out is the days of their union). NULL, or why the dates
 * cannot be (a sentence). */
const char *concern_review_window(const struct calendar *c, int outcome, int received,
                                  const struct misdirected *m, size_t n, struct review_window *out);

/* The clock spec of each standard, counted from the day received: the
 * acknowledgement (every kind handled here) and the answer (a review's
 * decision, an FOI answer, a contact's reply). */
struct clock_spec concern_ack_spec(int received);
/* The answer's clock of kind k, false when k is not handled here. */
bool concern_answer_spec(enum concern_kind k, int received, struct clock_spec *out);

/* ---- published statistics --------------------------------------------- */

/* A count below CONCERN_SUPPRESS_BELOW (but above 0) is published as
 * "fewer than 5", and so is the smallest other count of the same row when
 * only one is suppressed (so the total does not give it away). */
#define CONCERN_SUPPRESS_BELOW 5

/* Marks which counts[0..n) to suppress, by the rule above, into hide. */
void concern_suppress(const int64_t *counts, size_t n, bool *hide);

/* A reference: "C-YYYY-NNNN" (the year received, a serial within it). */
#define CONCERN_REF_SIZE 16
void concern_ref_format(int year, int serial, char out[CONCERN_REF_SIZE]);
bool concern_ref_ok(const char *ref);

#endif
