/*
 * office_holders.h - the contact details of the office-holders: the
 * Police and Crime Commissioner and any Deputy, each with an address for
 * correspondence (Specified Information Order 2011 Sch. 1 para 1(b); their
 * names and salaries, paras 1(a) and 1(c), are in the salaries register,
 * store/registers.h), and an email address and telephone number if the
 * office gives them.
 *
 * Each recording is a version of one holder's details from a date, never
 * changed afterwards (office_holder_contact is append-only: migrate.c); the
 * latest is the one published, and a withdrawn one says there is none now
 * (a Deputy's term ended). Recording is one transaction with its audit row
 * (office-holder.contact, object "office-holder:commissioner") and, when
 * the transparency calendar in use has the item "office-holders" recorded
 * by hand, that item's publication on the date (store/transparency.h):
 * the public /transparency page shows the details at once.
 */
#ifndef PEEL_STORE_OFFICE_HOLDERS_H
#define PEEL_STORE_OFFICE_HOLDERS_H

#include <stdbool.h>

#include "store/audit.h"
#include "store/store.h"

#define OH_ITEM   "office-holders"                       /* the calendar's item */
#define OH_ANCHOR "office-holders-contact"               /* the page's section */
#define OH_URL    "/transparency#office-holders-contact" /* where it is published */

enum oh_holder { OH_COMMISSIONER, OH_DEPUTY, OH_HOLDERS };

const char *oh_holder_word(enum oh_holder h);  /* "commissioner", "deputy" */
const char *oh_holder_title(enum oh_holder h); /* "Police and Crime Commissioner", ... */
bool oh_holder_parse(const char *w, enum oh_holder *h);

/* One holder's details from a date. Text is never NULL ("" for none);
 * a withdrawn one has none. */
struct oh_contact {
    enum oh_holder holder;
    bool withdrawn;
    const char *name;    /* 1 to 200 bytes */
    const char *address; /* for correspondence: 1 to 500 bytes, lines split by \n */
    const char *email;   /* "" or an address with an @, up to 254 bytes */
    const char *phone;   /* "" or up to 40 of digits, spaces and + ( ) - */
    int from;            /* the day they apply from (model/calendar.h) */
};

/* Records c, audited as by. *published: whether the calendar's item was
 * recorded as published on c->from too. 0, or -1 with err naming the
 * field ("address: over 500 bytes"); nothing is stored on -1. */
int store_oh_record(struct store *s, const struct oh_contact *c, const struct audit_origin *by,
                    bool *published, struct buf *err);

/* Each holder's current details, the Commissioner first, leaving out a
 * holder whose latest is withdrawn; strings valid during the callback.
 * The number given, or -1 with err. */
typedef void (*oh_fn)(void *arg, const struct oh_contact *c);
int store_oh_current(struct store *s, oh_fn fn, void *arg, struct buf *err);

#endif
