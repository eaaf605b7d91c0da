/*
 * outcomes.c - the police.uk outcome mapping (see outcomes.h).
 *
 * Sources: the police.uk category list (API documentation and the categories
 * seen in 2019-2022 archive files), the Home Office outcome types as numbered
 * in the Crime Outcomes in England and Wales statistics, and the outcome
 * groups of those statistics. Court results appear on police.uk only after a
 * charge, so each of them is, in Home Office terms, a charge/summons (OC1).
 */
#include "model/outcomes.h"

#include <string.h>

const struct outcome_group_def outcome_groups[] = {
    {"charged", "Charged/summonsed", "OC1", true},
    {"tic", "Taken into consideration", "OC4", true},
    {"out_of_court_formal", "Out-of-court (formal): caution, penalty notice, drugs warning",
     "OC2, OC3, OC6, OC7", true},
    {"out_of_court_informal", "Out-of-court (informal): community resolution", "OC8", true},
    {"prosecution_prevented", "Prosecution prevented or not in the public interest",
     "OC5, OC9-OC13", false},
    {"evidential_difficulties", "Evidential difficulties", "OC14-OC16", false},
    {"not_in_public_interest_police", "Further investigation not in the public interest", "OC21",
     false},
    {"transferred", "Responsibility transferred to another body", "OC20", false},
    {"no_suspect", "Investigation complete: no suspect identified", "OC18", false},
    {"pending", "Outcome not yet assigned", "", false},
    {OUTCOME_GROUP_NONE, "No outcome (anti-social behaviour, or none given)", "", false},
    {OUTCOME_GROUP_UNMAPPED, "Not in Peel's mapping", "", false},
};

const size_t outcome_groups_count = sizeof outcome_groups / sizeof outcome_groups[0];

const struct outcome_category_def outcome_categories[] = {
    {"", OUTCOME_GROUP_NONE, "blank: anti-social behaviour, which has no outcome"},
    {"Suspect charged", "charged", ""},
    {"Awaiting court outcome", "charged", "charged; court result pending"},
    {"Court result unavailable", "charged", "charged; court result not published"},
    {"Court case unable to proceed", "charged", "charged; court result"},
    {"Defendant found not guilty", "charged", "charged; court result"},
    {"Defendant sent to Crown Court", "charged", "charged; court result"},
    {"Offender sent to prison", "charged", "charged; court result"},
    {"Offender given suspended prison sentence", "charged", "charged; court result"},
    {"Offender given community sentence", "charged", "charged; court result"},
    {"Offender fined", "charged", "charged; court result"},
    {"Offender given conditional discharge", "charged", "charged; court result"},
    {"Offender given absolute discharge", "charged", "charged; court result"},
    {"Offender ordered to pay compensation", "charged", "charged; court result"},
    {"Offender deprived of property", "charged", "charged; court result"},
    {"Offender otherwise dealt with", "charged", "charged; court result"},
    {"Suspect charged as part of another case", "tic",
     "charged for another offence, this one taken into consideration"},
    {"Offender given a caution", "out_of_court_formal", "OC2/OC3 youth or adult caution"},
    {"Offender given penalty notice", "out_of_court_formal", "OC6 penalty notice for disorder"},
    {"Offender given a penalty notice", "out_of_court_formal",
     "spelling used by the police.uk API"},
    {"Offender given a drugs possession warning", "out_of_court_formal",
     "OC7 cannabis/khat warning"},
    {"Local resolution", "out_of_court_informal", "OC8 community resolution"},
    {"Formal action is not in the public interest", "prosecution_prevented", ""},
    {"Further action is not in the public interest", "prosecution_prevented", ""},
    {"Unable to prosecute suspect", "evidential_difficulties", ""},
    {"Further investigation is not in the public interest", "not_in_public_interest_police", ""},
    {"Action to be taken by another organisation", "transferred", ""},
    {"Investigation complete; no suspect identified", "no_suspect", ""},
    {"Under investigation", "pending", ""},
    {"Status update unavailable", "pending", "no outcome reported to police.uk yet"},
};

const size_t outcome_categories_count = sizeof outcome_categories / sizeof outcome_categories[0];

const struct outcome_group_def *outcome_group_by_code(const char *code)
{
    for (size_t i = 0; i < outcome_groups_count; i++)
        if (strcmp(outcome_groups[i].code, code) == 0)
            return &outcome_groups[i];
    return NULL;
}

const struct outcome_group_def *outcome_group_of(const char *category, size_t n)
{
    for (size_t i = 0; i < outcome_categories_count; i++) {
        const char *name = outcome_categories[i].name;
        if (strlen(name) == n && memcmp(name, category, n) == 0)
            return outcome_group_by_code(outcome_categories[i].group_code);
    }
    return NULL;
}

bool outcome_state_in_rate(enum outcome_state s)
{
    return s != OUTCOME_STATE_PENDING;
}

const char outcome_rate_method[] =
    "A positive outcome rate is positive outcomes divided by the crimes that have an outcome: "
    "crimes still under investigation, or whose status update is unavailable, have no outcome "
    "yet and are left out, as on the metric pages, since counting them as not positive would "
    "read a missing outcome as a negative one.";
