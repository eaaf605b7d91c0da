/*
 * areas.h - LSOA lookups and resident populations in the store.
 *
 * Loading a grouping (district, csp, beat, rural_urban, ...) replaces that
 * grouping as a whole; loading populations replaces all populations (of
 * LSOAs, or of force areas). Each happens in one transaction: a lookup with
 * a bad row changes nothing.
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

/* Resident populations of whole police force areas, keyed by police.uk
 * slug, for rates per 1,000 when forces are compared (Home Office
 * recorded-crime tables are by force). Loading replaces them all. */
int store_force_population_clear(struct store *s, struct buf *err);
int store_force_population_set(struct store *s, const char *slug, const char *name,
                               const char *code, int64_t population, const char *source,
                               struct buf *err);
/* The force area's population and where it came from; 1 when none is
 * loaded for the force. */
int store_force_population(struct store *s, const char *slug, int64_t *population,
                           struct buf *source, struct buf *err);

#endif
