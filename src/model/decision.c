/*
 * decision.c - the decision register's vocabulary (see decision.h): the
 * words, the allowed moves and who may do what, as tables.
 */
#include "model/decision.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const state_words[DECISION_STATES] = {
    "forward-planned", "draft", "advised", "decided", "published", "withheld", "rescinded",
};

const char *decision_state_word(enum decision_state s)
{
    return (unsigned)s < DECISION_STATES ? state_words[s] : NULL;
}

bool decision_state_parse(const char *word, enum decision_state *out)
{
    for (int i = 0; word && i < DECISION_STATES; i++)
        if (strcmp(word, state_words[i]) == 0) {
            *out = (enum decision_state)i;
            return true;
        }
    return false;
}

/* The one list of moves (decision.h draws it). */
static const struct {
    enum decision_state from, to;
} moves[] = {
    {DECISION_FORWARD_PLANNED, DECISION_DRAFT}, {DECISION_DRAFT, DECISION_ADVISED},
    {DECISION_ADVISED, DECISION_DECIDED},       {DECISION_DECIDED, DECISION_PUBLISHED},
    {DECISION_DECIDED, DECISION_WITHHELD},      {DECISION_PUBLISHED, DECISION_RESCINDED},
    {DECISION_WITHHELD, DECISION_RESCINDED},    {DECISION_WITHHELD, DECISION_PUBLISHED},
};

bool decision_transition_allowed(enum decision_state from, enum decision_state to)
{
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        if (moves[i].from == from && moves[i].to == to)
            return true;
    return false;
}

bool decision_state_public(enum decision_state s)
{
    return s == DECISION_FORWARD_PLANNED || s == DECISION_PUBLISHED || s == DECISION_WITHHELD ||
           s == DECISION_RESCINDED;
}

static const struct {
    const char *word, *title;
    bool commissioner_only;
} types[DECISION_TYPES] = {
    {"general", "A decision of significant public interest", false},
    {"contract", "A contract award or variation", false},
    {"grant", "A grant or commissioning award", false},
    {"finance", "A financial decision (budget virement, reserves, spend)", false},
    {"policy", "A policy or strategy of the Office", false},
    {"staffing", "A staffing matter of the Office", false},
    {"estates", "Land, buildings and estates", false},
    {"police-and-crime-plan", "Issuing or varying the police and crime plan", true},
    {"precept", "Calculating the budget requirement and the precept", true},
    {"chief-constable-appointment", "Appointing the chief constable", true},
    {"chief-constable-suspension", "Suspending the chief constable", true},
    {"chief-constable-removal", "Calling on the chief constable to retire or resign", true},
    {"annual-report", "Preparing the annual report", true},
};

const char *decision_type_word(enum decision_type t)
{
    return (unsigned)t < DECISION_TYPES ? types[t].word : NULL;
}

const char *decision_type_title(enum decision_type t)
{
    return (unsigned)t < DECISION_TYPES ? types[t].title : NULL;
}

bool decision_type_parse(const char *word, enum decision_type *out)
{
    for (int i = 0; word && i < DECISION_TYPES; i++)
        if (strcmp(word, types[i].word) == 0) {
            *out = (enum decision_type)i;
            return true;
        }
    return false;
}

bool decision_needs_commissioner(enum decision_type t)
{
    assert((unsigned)t < DECISION_TYPES);
    return types[t].commissioner_only;
}

bool decision_role_may_decide(const char *role, enum decision_type t)
{
    if (!role || (unsigned)t >= DECISION_TYPES)
        return false;
    if (strcmp(role, "commissioner") == 0)
        return true;
    return strcmp(role, "deputy") == 0 && !decision_needs_commissioner(t);
}

static bool role_in(const char *role, const char *const *roles)
{
    for (; role && *roles; roles++)
        if (strcmp(role, *roles) == 0)
            return true;
    return false;
}

bool decision_role_may_draft(const char *role)
{
    static const char *const drafters[] = {"officer",      "finance-officer", "monitoring-officer",
                                           "commissioner", "deputy",          NULL};
    return role_in(role, drafters);
}

bool decision_role_may_exempt(const char *role)
{
    static const char *const approvers[] = {"monitoring-officer", "commissioner", NULL};
    return role_in(role, approvers);
}

static const struct {
    const char *word, *role;
} signoffs[SIGNOFF_KINDS] = {
    {"finance", "finance-officer"},
    {"monitoring", "monitoring-officer"},
};

const char *decision_signoff_word(enum decision_signoff_kind k)
{
    return (unsigned)k < SIGNOFF_KINDS ? signoffs[k].word : NULL;
}

bool decision_signoff_parse(const char *word, enum decision_signoff_kind *out)
{
    for (int i = 0; word && i < SIGNOFF_KINDS; i++)
        if (strcmp(word, signoffs[i].word) == 0) {
            *out = (enum decision_signoff_kind)i;
            return true;
        }
    return false;
}

bool decision_role_may_sign_off(const char *role, enum decision_signoff_kind k)
{
    return role && (unsigned)k < SIGNOFF_KINDS && strcmp(role, signoffs[k].role) == 0;
}

const struct foia_ground foia_grounds[] = {
    {"s.21", "Information accessible by other means"},
    {"s.22", "Information intended for future publication"},
    {"s.23", "Information supplied by, or relating to, security bodies"},
    {"s.24", "National security"},
    {"s.26", "Defence"},
    {"s.27", "International relations"},
    {"s.28", "Relations within the United Kingdom"},
    {"s.29", "The economy"},
    {"s.30", "Investigations and proceedings"},
    {"s.31", "Law enforcement"},
    {"s.32", "Court records"},
    {"s.35", "Formulation of government policy"},
    {"s.36", "Prejudice to effective conduct of public affairs"},
    {"s.38", "Health and safety"},
    {"s.40", "Personal information"},
    {"s.41", "Information provided in confidence"},
    {"s.42", "Legal professional privilege"},
    {"s.43", "Commercial interests"},
    {"s.44", "Prohibitions on disclosure"},
};
const size_t foia_grounds_count = sizeof foia_grounds / sizeof foia_grounds[0];

const struct foia_ground *foia_ground_find(const char *code)
{
    if (!code)
        return NULL;
    /* "s.43", "S43", "section 43", "43": the number is what counts */
    const char *p = code;
    while (*p && !isdigit((unsigned char)*p))
        p++;
    size_t prefix = (size_t)(p - code);
    if (prefix > 8 || !*p || strlen(p) > 2 || strspn(p, "0123456789") != strlen(p))
        return NULL;
    if (prefix > 0 && tolower((unsigned char)code[0]) != 's')
        return NULL;
    for (size_t i = 0; i < foia_grounds_count; i++)
        if (strcmp(foia_grounds[i].code + 2, p) == 0)
            return &foia_grounds[i];
    return NULL;
}

static bool separator(char c)
{
    return c == '/' || c == '-';
}

bool decision_ref_ok(const char *ref)
{
    size_t n = ref ? strlen(ref) : 0;
    if (n == 0 || n > DECISION_REF_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ref[i];
        if (separator((char)c)) {
            /* not first, not last, not next to another */
            if (i == 0 || i == n - 1 || separator(ref[i + 1]))
                return false;
        } else if (!isalnum(c) || c > 127) {
            return false;
        }
    }
    return true;
}

bool decision_ref_slug(const char *ref, char out[DECISION_SLUG_SIZE])
{
    if (!decision_ref_ok(ref))
        return false;
    size_t k = 0;
    for (const char *p = ref; *p; p++) {
        if (*p == '-')
            out[k++] = '-';
        out[k++] = *p == '/' ? '-' : *p;
    }
    assert(k < DECISION_SLUG_SIZE);
    out[k] = '\0';
    return true;
}

bool decision_slug_ref(const char *slug, char out[DECISION_REF_MAX + 1])
{
    size_t k = 0, n = slug ? strlen(slug) : 0;
    if (n == 0 || n >= DECISION_SLUG_SIZE)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (k == DECISION_REF_MAX)
            return false;
        if (slug[i] == '-' && slug[i + 1] == '-') {
            out[k++] = '-';
            i++;
        } else {
            out[k++] = slug[i] == '-' ? '/' : slug[i];
        }
    }
    out[k] = '\0';
    /* only a slug decision_ref_slug makes: it must give itself back */
    char again[DECISION_SLUG_SIZE];
    return decision_ref_slug(out, again) && strcmp(again, slug) == 0;
}

bool decision_parse_pounds(const char *text, long long *pence)
{
    const char *p = text;
    if (strncmp(p, "\xc2\xa3", 2) == 0) /* £ in UTF-8 */
        p += 2;
    long long pounds = 0;
    int digits = 0, group = -1; /* digits since the last comma; -1: no comma yet */
    for (; isdigit((unsigned char)*p) || *p == ','; p++) {
        if (*p == ',') {
            if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
                return false;
            group = 0;
            continue;
        }
        if (++digits > 13)
            return false;
        pounds = pounds * 10 + (*p - '0');
        if (group >= 0)
            group++;
    }
    if (digits == 0 || (group >= 0 && group != 3))
        return false;
    long long pennies = 0;
    if (*p == '.') {
        p++;
        size_t n = strspn(p, "0123456789");
        if (n < 1 || n > 2)
            return false;
        pennies = (p[0] - '0') * 10 + (n == 2 ? p[1] - '0' : 0);
        p += n;
    }
    if (*p || pounds > 1000000000000LL)
        return false;
    *pence = pounds * 100 + pennies;
    return true;
}
