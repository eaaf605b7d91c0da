/*
 * victims_code.h - the Victims' Code compliance measure of a Police and
 * Crime Plan: what its figure is made of and what is said when there is
 * none (pure data; no I/O).
 *
 * Why: the 2024-29 plan measures "Level of Victim Code of Practice
 * compliance" from local data. No national series gives it: the data a
 * Commissioner's Office has are the force's own compliance audits, which
 * check a sample of crimes against the Code's key entitlements each
 * quarter (the Ministry of Justice's framework asked Offices for quarterly
 * returns on five: a written acknowledgement, a referral to support
 * services, updates in time, the chance to make a Victim Personal
 * Statement, and being told in advance of an offender's release). The
 * regulations under the Victims and Prisoners Act 2024 may name other
 * measures, so the areas are a list here, not a schema.
 *
 * The figure: for each quarter, the entitlements met over the entitlements
 * checked, summed over the areas audited (so an area audited more often
 * weighs more), as a percentage. The Office's own casework holds no
 * victim's journey through the criminal justice system, so nothing is
 * computed from it; with no audit loaded the measure says so and shows no
 * figure.
 */
#ifndef PEEL_MODEL_VICTIMS_CODE_H
#define PEEL_MODEL_VICTIMS_CODE_H

#include <stddef.h>

/* The plan's metric id of the measure. */
#define VICTIMS_CODE_METRIC "victim-code-compliance"

#define VICTIMS_CODE_AREAS 5

struct victims_code_area {
    const char *code;  /* the audit file's word: "acknowledgement" */
    const char *label; /* what was checked, in words */
};

/* The i-th key area (from 0); NULL after the last. */
const struct victims_code_area *victims_code_area_at(size_t i);
/* The area whose code is code; NULL for none. */
const struct victims_code_area *victims_code_area_named(const char *code);

/* How the figure is made, a sentence for the metric's source note. */
extern const char victims_code_method[];
/* What the measure says when no audit has been loaded. */
extern const char victims_code_unavailable[];

#endif
