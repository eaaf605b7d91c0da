/*
 * ethnicity.c - folding ethnicities into the five census groups (see
 * ethnicity.h).
 */
#include "model/ethnicity.h"

#include <assert.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const names[ETHNIC_GROUPS] = {
    [ETHNIC_ASIAN] = "Asian", [ETHNIC_BLACK] = "Black", [ETHNIC_MIXED] = "Mixed",
    [ETHNIC_WHITE] = "White", [ETHNIC_OTHER] = "Other",
};

const char *ethnic_group_name(enum ethnic_group g)
{
    assert(g >= 0 && g < ETHNIC_GROUPS);
    return names[g];
}

/* Whether s begins with the word w (then an end, a space or punctuation):
 * "Other ethnic group - ..." but not "Otherwise". */
static bool begins_with_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(s, w, n) == 0 && !isalpha((unsigned char)s[n]);
}

enum ethnic_group ethnic_group_of(const char *ethnicity)
{
    if (!ethnicity)
        return ETHNIC_NOT_STATED;
    /* the one category that is no group at all */
    if (strstr(ethnicity, "Not stated"))
        return ETHNIC_NOT_STATED;
    for (int g = 0; g < ETHNIC_GROUPS; g++)
        if (begins_with_word(ethnicity, names[g]))
            return (enum ethnic_group)g;
    return ETHNIC_NOT_STATED;
}

bool ethnic_group_parse(const char *label, enum ethnic_group *out)
{
    while (isspace((unsigned char)*label))
        label++;
    for (int g = 0; g < ETHNIC_GROUPS; g++)
        if (begins_with_word(label, names[g])) {
            *out = (enum ethnic_group)g;
            return true;
        }
    return false;
}
