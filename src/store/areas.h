/*
 * areas.h - LSOA lookups and resident populations in the store.
 *
 * Loading a grouping (district, csp, beat, rural_urban, ...) replaces that
 * grouping as a whole; loading populations replaces all populations. Both
 * happen in one transaction: a lookup with a bad row changes nothing.
 */
#ifndef PEEL_AREAS_H
#define PEEL_AREAS_H

#include <stdint.h>

#include "store/store.h"

int store_lookup_begin(struct store *s, struct buf *err);
int store_lookup_commit(struct store *s, struct buf *err);
void store_lookup_abort(struct store *s);

/* Empties a grouping before it is loaded again. */
int store_area_clear(struct store *s, const char *grouping, struct buf *err);
int store_area_set(struct store *s, const char *grouping, const char *lsoa_code, const char *value,
                   struct buf *err);
int store_population_clear(struct store *s, struct buf *err);
int store_population_set(struct store *s, const char *lsoa_code, int64_t population,
                         const char *source, struct buf *err);

#endif
