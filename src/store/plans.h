/*
 * plans.h - Police and Crime Plans in the store, versioned.
 */
#ifndef PEEL_STORE_PLANS_H
#define PEEL_STORE_PLANS_H

#include <stdbool.h>

#include "model/plan.h"
#include "store/loads.h"
#include "store/store.h"

struct plan_version {
    char plan_key[128];
    int version;
    char loaded_at[32];
    char source_path[512];
    /* store_plan_save: the values its metrics that name an IOPC measure
     * took from the figures already stored (store/iopc.h) */
    long iopc_added, iopc_revised;
};

/* Stores the plan as a new version of its id unless the latest version
 * came from identical content (then *unchanged is set and no version is
 * written). Either way the load is recorded (store/loads.h) from file:
 * its path (the version's source), SHA-256, size and origin (its user,
 * the version's loaded_by); kind, rows and detail are set here.
 *
 * A metric naming an IOPC measure (plan_metric.iopc) takes the IOPC
 * figures already stored as its values in the same transaction
 * (store_iopc_plan_values), whether the version is new or unchanged; a
 * metric key that the latest version of another plan maps to a different
 * measure is refused (-1, with both in err): one key, one measure. */
int store_plan_save(struct store *s, const struct plan *p, const char *content_hash,
                    const struct data_load *file, struct plan_version *saved, bool *unchanged,
                    struct buf *err);

/* Reads a version back (version 0: the latest; key NULL: the plan loaded
 * most recently). 1 when there is no such plan. */
int store_plan_read(struct store *s, const char *key, int version, struct plan *out,
                    struct plan_version *which, struct buf *err);

/* The first and last months of street data for a force up to `until`
 * (-1: no limit); false when there are none. */
bool store_street_months(struct store *s, const char *force, int until, int *first, int *last);
bool store_has_crime_type(struct store *s, const char *name);

#endif
