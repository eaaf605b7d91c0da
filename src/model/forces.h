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

#include <stdbool.h>
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

/* The force the Home Office's recorded-crime tables and ONS population
 * estimates name "Leicestershire", "London, City of", "City of London",
 * "Metropolitan Police", "Devon and Cornwall", "British Transport Police"
 * (case-insensitive); NULL for bodies that are not police forces and
 * publish nothing on police.uk (Action Fraud, CIFAS, UK Finance). */
const struct police_force *force_by_home_office_name(const char *name, size_t n);

/* A force named any way a user might: its slug, its police.uk name or its
 * Home Office name, ignoring case. */
const struct police_force *force_lookup(const char *text);

/* Whether a force polices a territory, so that its crimes can be compared
 * with other forces' per resident: not British Transport Police. */
bool force_is_territorial(const struct police_force *f);

/* A force's most similar group: forces of like demography and demand that
 * it is compared with (HMICFRS and the Home Office publish the groups). */
struct similar_forces {
    const char *slug;
    const char *const *similar; /* slugs, in the order the source lists them */
    size_t count;
    const char *source; /* where the list was taken from */
};

/* NULL when Peel has no source for the force's group. */
const struct similar_forces *force_similar(const char *slug);

#endif
