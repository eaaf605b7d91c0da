/*
 * victims_code.c - the Victims' Code measure's areas and words (see
 * victims_code.h).
 */
#include "model/victims_code.h"

#include <string.h>

static const struct victims_code_area areas[VICTIMS_CODE_AREAS] = {
    {"acknowledgement", "a written acknowledgement of the crime report"},
    {"referral", "a referral to support services"},
    {"updates", "updates within the stated time"},
    {"vps", "the chance to make a Victim Personal Statement"},
    {"release", "being told in advance of the offender's release"},
};

const struct victims_code_area *victims_code_area_at(size_t i)
{
    return i < VICTIMS_CODE_AREAS ? &areas[i] : NULL;
}

const struct victims_code_area *victims_code_area_named(const char *code)
{
    for (size_t i = 0; code && i < VICTIMS_CODE_AREAS; i++)
        if (strcmp(areas[i].code, code) == 0)
            return &areas[i];
    return NULL;
}

const char victims_code_method[] =
    "The force's Victims' Code compliance audit: the entitlements met over the entitlements "
    "checked in the quarter's sample of crimes, summed over the areas audited";

const char victims_code_unavailable[] =
    "Not available: no figures of the force's Victims' Code compliance audit have been loaded. "
    "This measure comes from that audit (the share of sampled crimes in which each key "
    "entitlement of the Code was met); no national statistics give it, and the Office's own "
    "casework does not hold it, so no figure is shown rather than an estimate.";
