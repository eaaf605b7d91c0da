/*
 * concern.c - the routes, the review window, the standards and the
 * suppression rule (see concern.h).
 */
#include "model/concern.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* The retention periods are the Office's policy (docs/concerns.md): six
 * years after closing for what the Office decides (a review or a complaint
 * about the chief constable may be challenged, and the IOPC's guidance
 * keeps complaint records six years), three for FOI requests (the ICO's
 * time for a complaint about one has passed), one for what was only passed
 * on, two for other contacts. */
static const struct concern_route routes[CONCERN_KINDS] = {
    {CONCERN_POLICE, 366, "police", "A police officer or member of police staff",
     "the police force's Professional Standards Department",
     "We pass it to the force's Professional Standards Department today and tell you they have "
     "it; they must contact you about how they will handle it.",
     "one year after it is passed on", false},
    {CONCERN_REVIEW, 2192, "review", "How the force dealt with a complaint you made (a review)",
     "the Commissioner's Office, as the review body",
     "We check that your application is in time and that we are the right review body, then "
     "review how the force handled your complaint and tell you whether the outcome was "
     "reasonable and proportionate.",
     "six years after the review is closed", true},
    {CONCERN_COMMISSIONER, 366, "commissioner", "The Police and Crime Commissioner or the Deputy",
     "the Police and Crime Panel",
     "We pass it to the Police and Crime Panel, which handles complaints about the Commissioner "
     "and the Deputy, and tell you they have it.",
     "one year after it is passed on", false},
    {CONCERN_CHIEF, 2192, "chief", "The Chief Constable", "the Commissioner's Office",
     "The Commissioner is the appropriate authority for complaints about the Chief Constable: "
     "we record it, contact you about how it will be handled and keep you informed.",
     "six years after it is closed", true},
    {CONCERN_FOI, 1096, "foi",
     "A request for information the Office holds (Freedom of Information)",
     "the Commissioner's Office",
     "We tell you whether we hold the information and send it to you, or explain why we cannot.",
     "three years after it is answered", true},
    {CONCERN_OTHER, 731, "other", "Something else", "the Commissioner's Office",
     "We read it and reply to you, or tell you who can help.", "two years after the reply", true},
};

const struct concern_route *concern_route(enum concern_kind k)
{
    return (unsigned)k < CONCERN_KINDS ? &routes[k] : NULL;
}

const struct concern_route *concern_route_named(const char *name)
{
    for (size_t i = 0; name && i < CONCERN_KINDS; i++)
        if (strcmp(routes[i].name, name) == 0)
            return &routes[i];
    return NULL;
}

/* Why spell m cannot be, or NULL. */
static const char *spell_refused(const struct misdirected *m, int outcome, int received)
{
    if (m->sent == DATE_NONE || m->sent < outcome || m->sent > received)
        return "a spell with another body starts before the outcome was given or after the "
               "application arrived";
    if (m->forwarded != DATE_NONE && (m->forwarded <= m->sent || m->forwarded > received))
        return "a spell with another body ends before it starts, or after the application "
               "arrived";
    return NULL;
}

/* The spells' union as the clock's stops and resumes: sorted by their
 * start, a spell that overlaps or touches the one before merged into it, so
 * that a day the application spent with two bodies is left out once. A
 * spell still open (never forwarded) stops the count for good. The first
 * day that counts is the day after the outcome, so a spell starting on the
 * outcome's day is counted from the day after. */
static size_t spell_events(const struct misdirected *m, size_t n, int outcome,
                           struct clock_event *ev)
{
    struct misdirected s[CONCERN_MISDIRECTED_MAX];
    memcpy(s, m, n * sizeof *s);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && s[j - 1].sent > s[j].sent; j--) {
            struct misdirected t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    size_t ne = 0;
    for (size_t i = 0; i < n;) {
        int start = s[i].sent > outcome ? s[i].sent : outcome + 1, end = s[i].forwarded;
        for (i++; i < n && end != DATE_NONE && s[i].sent <= end; i++)
            end = s[i].forwarded == DATE_NONE ? DATE_NONE
                  : s[i].forwarded > end      ? s[i].forwarded
                                              : end;
        if (end != DATE_NONE && end <= start)
            continue; /* only the outcome's own day, which never counts */
        ev[ne++] = (struct clock_event){CLOCK_STOP, start, 0};
        if (end == DATE_NONE)
            break;
        ev[ne++] = (struct clock_event){CLOCK_RESUME, end, 0};
    }
    return ne;
}

const char *concern_review_window(const struct calendar *c, int outcome, int received,
                                  const struct misdirected *m, size_t n, struct review_window *out)
{
    *out = (struct review_window){.due = DATE_NONE};
    if (outcome == DATE_NONE || received == DATE_NONE)
        return "the outcome date and the date received are both needed";
    if (received < outcome)
        return "the application was received before the outcome was given";
    if (n > CONCERN_MISDIRECTED_MAX)
        return "too many spells with another body";
    for (size_t i = 0; i < n; i++) {
        const char *why = spell_refused(&m[i], outcome, received);
        if (why)
            return why;
    }
    struct clock_spec spec = {CLOCK_CALENDAR_DAYS, CLOCK_DAY_AFTER, outcome, CONCERN_REVIEW_DAYS};
    struct clock_event ev[2 * CONCERN_MISDIRECTED_MAX];
    size_t ne = spell_events(m, n, outcome, ev);
    struct clock_status st;
    clock_compute(c, &spec, ev, ne, received, &st);
    out->due = st.due;
    out->left_out = st.stopped_days;
    /* stopped short of due: it arrived while the count was stopped, so in time */
    out->in_time = st.due == DATE_NONE || received <= st.due;
    return NULL;
}

struct clock_spec concern_ack_spec(int received)
{
    return (struct clock_spec){CLOCK_WORKING_DAYS, CLOCK_DAY_AFTER, received, CONCERN_ACK_DAYS};
}

bool concern_answer_spec(enum concern_kind k, int received, struct clock_spec *out)
{
    int days = k == CONCERN_REVIEW || k == CONCERN_CHIEF ? CONCERN_DECIDE_DAYS
               : k == CONCERN_FOI                        ? CONCERN_FOI_DAYS
               : k == CONCERN_OTHER                      ? CONCERN_REPLY_DAYS
                                                         : 0;
    if (!days)
        return false;
    /* FOIA s.10: the working day after receipt is the first of the 20 */
    *out = (struct clock_spec){CLOCK_WORKING_DAYS, CLOCK_DAY_AFTER, received, days};
    return true;
}

void concern_suppress(const int64_t *counts, size_t n, bool *hide)
{
    size_t hidden = 0;
    for (size_t i = 0; i < n; i++) {
        hide[i] = counts[i] > 0 && counts[i] < CONCERN_SUPPRESS_BELOW;
        hidden += hide[i];
    }
    if (hidden != 1)
        return;
    /* one hidden count and a published total would give it away: hide the
     * next smallest too */
    size_t pick = n;
    for (size_t i = 0; i < n; i++)
        if (!hide[i] && counts[i] > 0 && (pick == n || counts[i] < counts[pick]))
            pick = i;
    if (pick < n)
        hide[pick] = true;
}

void concern_ref_format(int year, int serial, char out[CONCERN_REF_SIZE])
{
    assert(year >= 1900 && year <= 2999 && serial >= 1 && serial <= 99999);
    snprintf(out, CONCERN_REF_SIZE, "C-%04d-%04d", year, serial);
}

bool concern_ref_ok(const char *ref)
{
    size_t n = ref ? strlen(ref) : 0;
    if (n < 11 || n > 12 || ref[0] != 'C' || ref[1] != '-' || ref[6] != '-')
        return false;
    for (size_t i = 2; i < n; i++)
        if (i != 6 && (ref[i] < '0' || ref[i] > '9'))
            return false;
    return true;
}
