/*
 * prc.h - the Home Office Police Recorded Crime tables in the store.
 *
 * Loading: one transaction for the whole `peel import-prc`; each file is a
 * load (file, SHA-256, time, user, row counts) and every stored row keeps
 * its load and line, so each number traces to the file it came from. The
 * first time a load supplies rows for a (force, financial quarter), the
 * rows stored for it before are deleted: a later release of the table,
 * which revises earlier quarters, replaces them, and loading the same file
 * twice leaves the same rows.
 *
 * Asking: totals by Home Office offence group for one force, totals per
 * force for comparing forces, and which quarters are present. A force is
 * named by its key: its police.uk slug ("leicestershire"), or for a body
 * with none (Action Fraud, CIFAS, UK Finance) its name as published.
 * Quarters are periods, fy * 4 + (quarter - 1), so that a range of them is
 * arithmetic as months are in month.h.
 */
#ifndef PEEL_STORE_PRC_H
#define PEEL_STORE_PRC_H

#include <stdbool.h>
#include <stdint.h>

#include "store/rows.h"
#include "store/store.h"

#define PRC_PERIOD(fy, quarter) ((fy)*4 + (quarter)-1)
#define PRC_PERIOD_FY(period)   ((period) / 4)
#define PRC_PERIOD_Q(period)    ((period) % 4 + 1)

/* ---- loading ---------------------------------------------------------- */

struct prc_import;

struct prc_load_totals {
    long rows_stored, rows_quarantined;
    long rows_replaced; /* rows of earlier loads this one replaced */
};

/* Begins the one transaction of an import (recorded in import_run). */
struct prc_import *store_prc_begin(struct store *s, const char *command, const char *user,
                                   struct buf *err);
/* Starts a load: name is the file's base name (its quarantine is replaced),
 * path where it was read from. */
int store_prc_file_begin(struct prc_import *im, const char *name, const char *path,
                         struct buf *err);
/* force_slug: NULL for a body that is not a police force. */
int store_prc_add(struct prc_import *im, const struct prc_row *row, const char *force_slug,
                  bool territorial, long line, struct buf *err);
int store_prc_quarantine(struct prc_import *im, long line, const char *field, const char *reason,
                         const char *raw, size_t rawlen, struct buf *err);
/* Ends the load, recording the file's hash, size and rows read. */
int store_prc_file_commit(struct prc_import *im, const char *sha256, unsigned long long bytes,
                          long rows_read, struct prc_load_totals *out, struct buf *err);
/* Commits everything and frees im. */
int store_prc_commit(struct prc_import *im, struct buf *err);
/* Rolls everything back and frees im. */
void store_prc_abort(struct prc_import *im);

/* ---- asking ----------------------------------------------------------- */

/* (a) Offences per Home Office offence group for one force over the
 * periods [from, to], in group name order. */
typedef void (*prc_group_fn)(void *arg, const char *group, int64_t count);
int store_prc_by_group(struct store *s, const char *force, int from, int to, prc_group_fn fn,
                       void *arg, struct buf *err);

/* (b) Offences per force over [from, to], for one offence group (NULL: all
 * offences), largest first. Only territorial forces unless
 * all_bodies: then also British Transport Police and the bodies that
 * record fraud nationally. population is the force area's loaded resident
 * population (peel import-population --forces), or -1. */
struct prc_force_total {
    const char *key;  /* slug, or name as published */
    const char *name; /* as published */
    const char *slug; /* NULL for non-police bodies */
    bool territorial;
    int64_t count;
    int64_t population;
};
typedef void (*prc_force_fn)(void *arg, const struct prc_force_total *t);
int store_prc_by_force(struct store *s, const char *group, int from, int to, bool all_bodies,
                       prc_force_fn fn, void *arg, struct buf *err);

/* (c) The periods stored for a force (NULL: for any force), in order, with
 * their rows and offences. */
typedef void (*prc_period_fn)(void *arg, int period, int64_t rows, int64_t count);
int store_prc_periods(struct store *s, const char *force, prc_period_fn fn, void *arg,
                      struct buf *err);

/* The offence groups stored, in name order. */
typedef void (*prc_text_fn)(void *arg, const char *text);
int store_prc_groups(struct store *s, prc_text_fn fn, void *arg, struct buf *err);

/* The force's name as published in its latest stored quarter, into out;
 * 1 when the force has no rows. */
int store_prc_force_name(struct store *s, const char *force, struct buf *out, struct buf *err);

/* The loads whose rows currently answer for a force (NULL: any) over
 * [from, to], oldest first: where the figures came from. */
struct prc_load_info {
    const char *path, *sha256, *loaded_at, *loaded_by;
    int64_t rows; /* of its rows in the range */
};
typedef void (*prc_load_fn)(void *arg, const struct prc_load_info *l);
int store_prc_sources(struct store *s, const char *force, int from, int to, prc_load_fn fn,
                      void *arg, struct buf *err);

#endif
