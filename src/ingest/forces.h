/*
 * forces.h - the police forces that publish on data.police.uk.
 *
 * Archive file names carry a force's slug ("2022-01-leicestershire-street.csv")
 * while street and outcome rows carry its name ("Leicestershire Police").
 * Stop-and-search rows carry neither, so the slug in the file name is the
 * only way to know whose searches they are.
 */
#ifndef PEEL_FORCES_H
#define PEEL_FORCES_H

#include <stddef.h>

struct police_force {
    const char *slug; /* as in data.police.uk file names and API ids */
    const char *name; /* as in the "Reported by" column */
};

/* The 43 territorial forces of England and Wales, British Transport Police
 * and the Police Service of Northern Ireland, in slug order. */
extern const struct police_force police_forces[];
extern const size_t police_forces_count;

const struct police_force *force_by_slug(const char *slug, size_t n);
const struct police_force *force_by_name(const char *name, size_t n);

#endif
