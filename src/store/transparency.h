/*
 * transparency.h - the transparency calendar as the store keeps it: the
 * items (what must be published, under which law, by whom, by what rule,
 * and where Peel publishes it), loaded whole from a file as a new version
 * each time; and what was published and what happened for each item.
 *
 * Migration 17: transparency_load, transparency_item,
 * transparency_publication and transparency_event are append-only. The
 * latest load is the calendar in use. A publication or an event is
 * recorded once and never changes (a mistake is put right by a later
 * row). Every change is one transaction with its audit row (actions
 * transparency.load, transparency.publish, transparency.event; object
 * "transparency:KEY", or "transparency:calendar" for a load).
 */
#ifndef PEEL_STORE_TRANSPARENCY_H
#define PEEL_STORE_TRANSPARENCY_H

#include <stddef.h>
#include <stdint.h>

#include "model/transparency.h"
#include "store/audit.h"
#include "store/store.h"

#define TR_MAX_ITEMS 200

/* Where an item's status comes from besides what is recorded by hand. */
enum tr_register {
    TR_REGISTER_NONE,
    TR_REGISTER_DECISIONS,
    TR_REGISTER_HMICFRS,
    TR_REGISTER_SPEND,
    TR_REGISTER_BUDGET,
    TR_REGISTER_INTERESTS, /* the registers of store/registers.h */
    TR_REGISTER_GIFTS,
    TR_REGISTER_SALARIES,
    TR_REGISTER_COMPLAINTS, /* the IOPC's quarters of store/iopc.h */
    TR_REGISTER_CONTRACTS,  /* store/contracts.h */
    TR_REGISTER_EXPENSES,   /* the office-holders' expenses of store/spend.h */
    TR_REGISTER_GRANTS      /* the fund register's published awards (store/fund.h) */
};
/* "", "decisions", "hmicfrs", "spend", "budget", "interests", "gifts",
 * "salaries", "complaints", "contracts", "expenses", "grants" */
const char *tr_register_name(enum tr_register r);
bool tr_register_parse(const char *s, enum tr_register *r);

/* One item of the calendar. */
struct tr_item {
    const char *key;       /* 1..40 of [a-z0-9-], starting with a letter */
    const char *title;     /* what */
    const char *source;    /* the law: "SIO 2011 Sch. 1 para 3(g)" */
    const char *publisher; /* who publishes */
    struct tr_rule rule;
    const char *path;     /* where in Peel it is published ("/decisions"), or "" */
    enum tr_register reg; /* whether a register of Peel's records it */
    const char *note;
};
/* NULL when the key is a key as above, else what is wrong. */
const char *tr_key_check(const char *key);

/* Stores items[0..n) as the calendar in use, read from path whose SHA-256
 * is sha256; its id into load_id. 0, or -1 with err (nothing written). */
int store_tr_load(struct store *s, const char *path, const char *sha256,
                  const struct tr_item *items, size_t n, const struct audit_origin *by,
                  int64_t *load_id, struct buf *err);

/* An item of the calendar in use with what the store knows of it; strings
 * valid during the callback only. */
struct tr_item_view {
    struct tr_item item;
    struct tr_history history; /* by hand, and from the register */
    const char *last_url;      /* the latest publication's address, or "" */
    int outstanding;           /* hmicfrs: reports recorded and not yet responded to */
};
typedef void (*tr_item_fn)(void *arg, const struct tr_item_view *v);

/* Every item of the calendar in use, in the file's order. The number of
 * items (0: no calendar has been loaded), or -1 with err. */
long store_tr_items(struct store *s, tr_item_fn fn, void *arg, struct buf *err);

/* Where the calendar in use came from ("" path when none is loaded). */
struct tr_load_info {
    int64_t id;
    char sha256[65], path[256], loaded_at[32], loaded_by[128];
    long items;
};
int store_tr_load_info(struct store *s, struct tr_load_info *out, struct buf *err);

/* Answers of the changes below besides 0 and -1. */
enum tr_refusal {
    TR_UNKNOWN_ITEM = 1,     /* no item of that key in the calendar in use */
    TR_NEEDS_PERIOD = 2,     /* a periodic item's publication says which period */
    TR_NO_PERIOD = 3,        /* the others' do not */
    TR_KEPT_BY_REGISTER = 4, /* its register records it: publish there */
};
const char *tr_refusal_text(int r);

/* Records that item key was published on date `on` at url, covering the
 * period whose first month is `period` (periodic items; -1 otherwise). */
int store_tr_publish(struct store *s, const char *key, int on, int period, const char *url,
                     const struct audit_origin *by, struct buf *err);
/* Records that what item key publishes changed, or its event happened, on
 * date `on`: what it was. */
int store_tr_event(struct store *s, const char *key, int on, const char *what,
                   const struct audit_origin *by, struct buf *err);

#endif
