/*
 * outcomes.h - police.uk outcome categories and Home Office outcome groups.
 *
 * data.police.uk publishes an outcome as free text ("Offender given a
 * caution"); the Home Office counts outcomes by numbered outcome types
 * (OC1 charge/summons, OC3 caution, ...) gathered into groups. This table
 * is the bridge, and it decides what counts as a "positive outcome" (the
 * offender was charged, summonsed, cautioned, given a penalty notice, a
 * drugs warning or a community resolution, or the offence was taken into
 * consideration): the convention of PCC performance reports, which the Home
 * Office framework itself does not name. docs/outcomes.md is generated from
 * it (`peel outcomes --format markdown`) and a test keeps the two equal.
 *
 * It is data, not logic: the store copies it into its outcome tables, and a
 * category not listed here is stored as "unmapped" and reported at import.
 */
#ifndef PEEL_OUTCOMES_H
#define PEEL_OUTCOMES_H

#include <stdbool.h>
#include <stddef.h>

struct outcome_group_def {
    const char *code;     /* stable key, e.g. "charged" */
    const char *name;     /* Home Office outcome group */
    const char *ho_types; /* Home Office outcome types, e.g. "OC1" */
    bool positive;
};

struct outcome_category_def {
    const char *name;       /* exactly as data.police.uk spells it */
    const char *group_code; /* one of outcome_groups[].code */
    const char *note;       /* why it maps there, where not obvious */
};

extern const struct outcome_group_def outcome_groups[];
extern const size_t outcome_groups_count;
extern const struct outcome_category_def outcome_categories[];
extern const size_t outcome_categories_count;

#define OUTCOME_GROUP_UNMAPPED "unmapped"
#define OUTCOME_GROUP_NONE     "none"

/* A crime's latest outcome as a positive outcome measure counts it:
 * positive, another outcome, or none yet (the group "pending": "Under
 * investigation", "Status update unavailable"). */
enum outcome_state { OUTCOME_STATE_POSITIVE, OUTCOME_STATE_OTHER, OUTCOME_STATE_PENDING };

/* The one rule of every positive outcome rate (a metric's chart, the
 * funnel of areas, the annual table, an area's crime by type): its
 * denominator is the crimes with an outcome. A crime with none yet is left
 * out, since counting it as not positive would read a missing value as a
 * negative one (docs/methods.md, "Outcome lag"). */
bool outcome_state_in_rate(enum outcome_state s);
/* That rule in a sentence for readers, the same in every report. */
extern const char outcome_rate_method[];

const struct outcome_group_def *outcome_group_by_code(const char *code);
/* The group of a police.uk category; NULL when the category is not listed. */
const struct outcome_group_def *outcome_group_of(const char *category, size_t n);

#endif
