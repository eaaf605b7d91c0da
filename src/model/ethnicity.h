/*
 * ethnicity.h - the five broad ethnic groups of the census (Asian, Black,
 * Mixed, White, Other), as stop-and-search rows and population tables name
 * them.
 *
 * police.uk gives each search the person's self-defined ethnicity in the
 * 2011 census's eighteen categories ("Asian/Asian British - Indian") and
 * the officer's view in five words ("Asian"). Rates per 1,000 people need
 * the searches and the population counted in the same groups, and the
 * population tables (Census 2021, TS021) are published for these five, so
 * this is the one place that folds a category into its group.
 */
#ifndef PEEL_ETHNICITY_H
#define PEEL_ETHNICITY_H

#include <stdbool.h>

enum ethnic_group {
    ETHNIC_ASIAN,
    ETHNIC_BLACK,
    ETHNIC_MIXED,
    ETHNIC_WHITE,
    ETHNIC_OTHER,
    ETHNIC_GROUPS,
    ETHNIC_NOT_STATED = -1, /* empty, "Not stated", or not one of these */
};

/* "Asian", "Black", "Mixed", "White", "Other" (group < ETHNIC_GROUPS). */
const char *ethnic_group_name(enum ethnic_group g);
/* The group of a police.uk ethnicity, self- or officer-defined
 * ("Black/African/Caribbean/Black British - African", "Black"), or
 * ETHNIC_NOT_STATED. */
enum ethnic_group ethnic_group_of(const char *ethnicity);
/* The group a population table's label names: the group's name, or a
 * census heading that begins with it ("Asian, Asian British or Asian
 * Welsh", "Mixed or Multiple ethnic groups", "Other ethnic group"); case
 * is ignored. False for anything else (a total, "All usual residents"). */
bool ethnic_group_parse(const char *label, enum ethnic_group *out);

#endif
