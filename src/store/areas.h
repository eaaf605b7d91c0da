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
/* The code of a grouping's area named value (a community safety
 * partnership's E22... for csp), loaded from the lookup's column named
 * after the grouping and "code"; emptied with its grouping. */
int store_area_code_set(struct store *s, const char *grouping, const char *value, const char *code,
                        struct buf *err);
/* The code of the area of grouping named value, or value itself when it
 * is one of the grouping's codes, into code: 0, 1 when the grouping has
 * no code for it, or -1. */
int store_area_code(struct store *s, const char *grouping, const char *value, struct buf *code,
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
