/*
 * stop_search.h - counting stop-and-search records (police.uk's
 * stop-and-search files, kept as imported by store/import.h), and the
 * populations by ethnic group they are set against.
 *
 * Each count is of searches grouped by one column of the file (or the
 * area where the search took place), with what became of them: how many
 * led to an outcome other than no further action, how many to an arrest,
 * and how many to an outcome the officer recorded as linked to the object
 * of the search (a "find"). The dimensions are a fixed list; the only
 * values that reach SQL are bound parameters.
 */
#ifndef PEEL_STORE_STOP_SEARCH_H
#define PEEL_STORE_STOP_SEARCH_H

#include <stdint.h>

#include "model/ethnicity.h"
#include "store/store.h"

enum stop_dim {
    STOP_BY_MONTH,     /* key "2020-01" */
    STOP_BY_AREA,      /* district of the place (see store_stop_counts) */
    STOP_BY_TYPE,      /* person, vehicle, or both */
    STOP_BY_OBJECT,    /* object of search */
    STOP_BY_OUTCOME,   /* outcome as recorded */
    STOP_BY_AGE,       /* age range */
    STOP_BY_ETHNICITY, /* self-defined ethnicity, the census's 18 categories */
    STOP_BY_OFFICER_ETHNICITY,
    STOP_BY_GENDER,
    STOP_BY_LEGISLATION,
    STOP_DIMS,
};

/* A count's key when the column is empty. */
#define STOP_NOT_RECORDED "(not recorded)"
/* STOP_BY_AREA's keys for a search with no coordinates, and for one whose
 * point no street crime shares. */
#define STOP_NO_LOCATION "(no location)"
#define STOP_UNMATCHED   "(place not matched)"

struct stop_query {
    int month_from, month_to; /* inclusive; -1 for open */
    const char *force;        /* name or police.uk id; NULL: every force */
};

struct stop_count {
    const char *key;        /* STOP_BY_MONTH too: "2020-01" */
    int64_t searches;       /* all searches in the group */
    int64_t further_action; /* an outcome other than no further action */
    int64_t arrests;        /* "Arrest" (older files: "Suspect arrested") */
    int64_t linked;         /* further action the officer linked to the object */
    int64_t link_recorded;  /* searches whose link column is filled in at all */
};

typedef void (*stop_count_fn)(void *arg, const struct stop_count *c);

/* Calls fn once per group, in key order (months in time order); -1 with
 * err. An area is the district of the LSOA of the street crimes published
 * at the same point: police.uk moves every crime and search to the nearest
 * of one set of anonymous map points, so a search's point is a crime's
 * point (the lowest-numbered LSOA when crimes at a point lie in two).
 * Searches at points no crime shares are STOP_UNMATCHED; those in LSOAs
 * outside the force area are "(outside the force area)", as for crimes. */
int store_stop_counts(struct store *s, enum stop_dim dim, const struct stop_query *q,
                      stop_count_fn fn, void *arg, struct buf *err);

/* The force a question is about: the one named (its police.uk id in slug,
 * its name in name), or with none named, the only force whose searches
 * are held. 0; 1 when none (no such force, or no searches held); 2 when
 * several forces' searches are held and none was named; -1 with err. */
int store_stop_force(struct store *s, const char *force, struct buf *slug, struct buf *name,
                     struct buf *err);

/* The first and last months with searches held for the query's force: 0,
 * 1 when there are none, -1 with err. */
int store_stop_months(struct store *s, const char *force, int *first, int *last, struct buf *err);

/* Resident populations of the force area by ethnic group (`peel
 * import-population --ethnicity`). Loading replaces them all, inside the
 * caller's store_lookup_begin() transaction (store/areas.h). */
int store_ethnic_population_clear(struct store *s, struct buf *err);
int store_ethnic_population_set(struct store *s, const char *force_slug, enum ethnic_group g,
                                int64_t population, const char *source, struct buf *err);
/* The force's populations, pop[group] (-1 for a group not loaded), and
 * their source: 0, 1 when none is loaded for the force, -1 with err. */
int store_ethnic_populations(struct store *s, const char *force_slug, int64_t pop[ETHNIC_GROUPS],
                             struct buf *source, struct buf *err);

#endif
