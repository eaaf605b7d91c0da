/*
 * spend.h - the spend register: each item of expenditure over £500 of the
 * PCC or the chief constable (Specified Information Order 2011 para 3(g)),
 * and office-holders' expenses whatever the amount (3(h)), published a
 * month at a time.
 *
 * A month of one body (the PCC, or the force) is published as a version:
 * its items as they then stood, never changed afterwards (migration 18's
 * triggers refuse UPDATE, DELETE and REPLACE on every spend table). A file
 * that changes a month publishes a new version of it, which records what
 * changed against the version before, transaction by transaction (added,
 * removed, changed and which fields), with their counts and the reason
 * given; a month the file leaves as it was gets no new version. So the
 * question "why did 484 entries change between two dates?" is answered by
 * the register itself. Each import is one transaction with its audit row
 * (store/audit.h): all its months, or none.
 *
 * Items arrive already checked and redacted (ingest/spend_file.h): the
 * store never sees an individual's name. Each item says whether it is an
 * office-holder's expense (migration 47; the items published before say
 * no, as their files did not say).
 */
#ifndef PEEL_STORE_SPEND_H
#define PEEL_STORE_SPEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/store.h"

enum spend_body { SPEND_PCC, SPEND_FORCE, SPEND_BODIES };
/* "pcc", "force" */
const char *spend_body_word(enum spend_body b);
/* For people: "The Police and Crime Commissioner", "The Chief Constable"
 * (contract_body_name's words, store/contracts.h); the data keep the word. */
const char *spend_body_name(enum spend_body b);
bool spend_body_parse(const char *word, enum spend_body *out);

/* One item as published. */
struct spend_item {
    const char *txn;  /* the transaction number, unique in its month */
    const char *date; /* YYYY-MM-DD */
    const char *body_name, *supplier, *expense_type, *service_area, *purpose, *vfm;
    int64_t amount_pence;
    bool redacted;      /* supplier is the redaction text, not a name */
    long line;          /* of the file it came from */
    bool office_holder; /* an office-holder's travel, accommodation or
                         * subsistence (3(h)): published whatever the amount */
};

/* One body's month from a file: its items, sorted by txn (strcmp). */
struct spend_month {
    enum spend_body body;
    char month[8]; /* YYYY-MM */
    const struct spend_item *items;
    size_t n;
};

/* What publishing a month did, or would do. */
struct spend_outcome {
    int version; /* the new version; 0: unchanged, nothing published */
    long added, removed, changed;
};

struct spend_source {
    const char *name;   /* the file's name (no folders: they are not public) */
    const char *sha256; /* of its bytes */
};

#define SPEND_NEEDS_REASON 2

/* Publishes each month that differs from its current version as a new
 * version, with its changes, in one transaction audited as by. reason is
 * required (non-empty) when any month already has a version and the file
 * changes it: otherwise SPEND_NEEDS_REASON, nothing is written, and err
 * names each such month with its counts. dry_run: the outcomes only.
 * out[i] is months[i]'s. 0, SPEND_NEEDS_REASON, or -1 with err. */
int store_spend_publish(struct store *s, const struct spend_month *months, size_t n,
                        const char *reason, const struct spend_source *src,
                        const struct audit_origin *by, bool dry_run, struct spend_outcome *out,
                        struct buf *err);

/* ---- reads (public) ----------------------------------------------------- */

struct spend_version_row {
    int64_t id;
    enum spend_body body;
    const char *month;
    int version;
    bool current; /* the month's latest version */
    const char *published_at, *reason, *file_name, *file_sha256;
    long items, redacted, added, removed, changed;
    int64_t total_pence;
};
typedef void (*spend_version_fn)(void *arg, const struct spend_version_row *v);
/* Every version, newest month first, then body, then version. */
int store_spend_versions(struct store *s, spend_version_fn fn, void *arg, struct buf *err);

/* Which items, by the office-holder mark (a spend file's office holder
 * column): either, the office-holders' expenses only, or none of them. */
enum spend_holder { SPEND_HOLDER_ANY, SPEND_HOLDER_ONLY, SPEND_HOLDER_NONE };

struct spend_filter {
    int body;                        /* an enum spend_body, or -1: both */
    const char *month;               /* YYYY-MM, or NULL: every month */
    const char *supplier;            /* exactly, or NULL */
    const char *expense;             /* an expense type exactly, or NULL */
    int version;                     /* of month (which must be set); 0: current */
    enum spend_holder office_holder; /* by the office-holder mark; zero: any */
};
void spend_filter_default(struct spend_filter *f);

typedef void (*spend_item_fn)(void *arg, enum spend_body body, int version,
                              const struct spend_item *it);
/* The items of current versions (or the version asked for), by date then
 * transaction number. */
int store_spend_items(struct store *s, const struct spend_filter *f, spend_item_fn fn, void *arg,
                      struct buf *err);

enum spend_group { SPEND_BY_MONTH, SPEND_BY_SUPPLIER, SPEND_BY_EXPENSE };
struct spend_total {
    const char *key; /* the month, supplier or expense type */
    long items;
    int64_t total_pence;
};
typedef void (*spend_total_fn)(void *arg, const struct spend_total *t);
/* Current versions' items grouped, with the filter's body and month: by
 * month oldest first; by supplier or expense type largest total first. */
int store_spend_totals(struct store *s, const struct spend_filter *f, enum spend_group g,
                       spend_total_fn fn, void *arg, struct buf *err);

struct spend_change_row {
    const char *txn, *kind, *fields; /* kind: added, removed, changed */
};
typedef void (*spend_change_fn)(void *arg, const struct spend_change_row *c);
/* What version of body's month changed against the one before; 1 when
 * there is no such version, 0 when read. */
int store_spend_changes(struct store *s, enum spend_body body, const char *month, int version,
                        spend_change_fn fn, void *arg, struct buf *err);

#endif
