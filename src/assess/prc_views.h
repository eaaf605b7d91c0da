/*
 * prc_views.h - the Home Office recorded-crime tables (PRC) as tables: a
 * force by offence group, forces compared (all, or a force with its most
 * similar group), or a force by quarter; each with its notes on coverage,
 * rates and source.
 */
#ifndef PEEL_PRC_VIEWS_H
#define PEEL_PRC_VIEWS_H

#include <stdbool.h>

#include "render/table.h"
#include "util/buf.h"

struct store;

enum prc_by { PRC_BY_GROUP, PRC_BY_FORCE, PRC_BY_QUARTER };

struct prc_request {
    int fy;            /* -1: the latest stored (by quarter: every quarter of the force) */
    int quarter;       /* 0: the whole year */
    const char *force; /* a force's name or police.uk id; NULL: none (PRC_BY_FORCE) */
    const char *group; /* an offence group, matched ignoring case; NULL: all offences */
    enum prc_by by;    /* PRC_BY_GROUP and PRC_BY_QUARTER need a force */
    bool similar;      /* PRC_BY_FORCE: only the force and its most similar group */
    bool all_bodies;   /* PRC_BY_FORCE: also the national bodies (BTP, Action Fraud) */
};

/* The answer to a request that asks what cannot be answered (an offence
 * group or a most similar group that is not known): a mistake of the
 * asker's, said in err. */
#define PRC_VIEW_BAD_REQUEST 2

/* Fills t (the caller frees it): 0; -1 with err (nothing stored, or the
 * store failed); PRC_VIEW_BAD_REQUEST with err. */
int prc_view_build(struct store *s, const struct prc_request *rq, struct table *t, struct buf *err);

#endif
