/*
 * annual.c - the annual report's two-year crime table (see annual.h).
 */
#include "analysis/annual.h"
#include "util/mem.h"
#include "util/numfmt.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const police_uk_crime_types[] = {
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
};

const size_t police_uk_crime_types_count =
    sizeof police_uk_crime_types / sizeof police_uk_crime_types[0];

/* police.uk crime type -> Home Office offence group (as in the Home Office
 * Police Recorded Crime tables and the PCC's annual report). */
static const struct {
    const char *crime_type, *group, *combines;
} home_office_map[] = {
    {"Violence and sexual offences", "Violence against the person and sexual offences",
     "police.uk does not separate violence against the person from sexual offences"},
    {"Burglary", "Theft offences", ""},
    {"Vehicle crime", "Theft offences", ""},
    {"Shoplifting", "Theft offences", ""},
    {"Bicycle theft", "Theft offences", ""},
    {"Theft from the person", "Theft offences", ""},
    {"Other theft", "Theft offences", ""},
    {"Public order", "Public order offences", ""},
    {"Criminal damage and arson", "Criminal damage and arson", ""},
    {"Drugs", "Drug offences", ""},
    {"Other crime", "Miscellaneous crimes against society",
     "police.uk's 'Other crime' is the nearest match"},
    {"Possession of weapons", "Possession of weapons offences", ""},
    {"Robbery", "Robbery", ""},
    {ASB_CRIME_TYPE, ASB_CRIME_TYPE, ""},
};

const char *home_office_group(const char *crime_type, const char **combines)
{
    for (size_t i = 0; i < sizeof home_office_map / sizeof home_office_map[0]; i++) {
        if (strcmp(home_office_map[i].crime_type, crime_type) == 0) {
            if (combines)
                *combines = home_office_map[i].combines;
            return home_office_map[i].group;
        }
    }
    return NULL;
}

void annual_init(struct annual_table *t, enum annual_scheme scheme, int fy)
{
    *t = (struct annual_table){.scheme = scheme, .fy = fy};
    t->total.category = xstrdup("Total recorded crime (excluding anti-social behaviour)");
    t->total.in_total = true;
    t->total.combines = "";
}

void annual_free(struct annual_table *t)
{
    for (size_t i = 0; i < t->nlines; i++)
        free(t->lines[i].category);
    free(t->lines);
    free(t->total.category);
    *t = (struct annual_table){0};
}

/* The line of a category, added (with in_total and combines) if new. */
static struct annual_line *line_named(struct annual_table *t, const char *category, bool in_total,
                                      const char *combines)
{
    for (size_t i = 0; i < t->nlines; i++)
        if (strcmp(t->lines[i].category, category) == 0)
            return &t->lines[i];
    if (t->nlines == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->lines = xrealloc(t->lines, t->cap * sizeof *t->lines);
    }
    struct annual_line *l = &t->lines[t->nlines++];
    *l = (struct annual_line){
        .category = xstrdup(category), .in_total = in_total, .combines = combines};
    return l;
}

static struct annual_line *line_for(struct annual_table *t, const char *crime_type)
{
    const char *combines = "", *category = crime_type;
    if (t->scheme == SCHEME_HOME_OFFICE) {
        category = home_office_group(crime_type, &combines);
        if (!category) {
            category = "Other (police.uk categories with no Home Office group)";
            combines = "legacy or unknown police.uk crime types";
        }
    }
    return line_named(t, category, strcmp(crime_type, ASB_CRIME_TYPE) != 0, combines);
}

void annual_add(struct annual_table *t, const char *crime_type, int year, enum outcome_state state,
                int64_t count)
{
    struct annual_line *l = line_for(t, crime_type);
    int64_t positive = state == OUTCOME_STATE_POSITIVE ? count : 0;
    int64_t known = outcome_state_in_rate(state) ? count : 0;
    if (year == 0) {
        l->previous += count;
        l->positive_previous += positive;
        l->known_previous += known;
    } else {
        l->current += count;
        l->positive += positive;
        l->known += known;
    }
}

void annual_add_group(struct annual_table *t, const char *group, int year, int64_t count)
{
    assert(t->scheme == SCHEME_HOME_OFFICE && "offence groups are the Home Office scheme");
    struct annual_line *l = line_named(t, group, true, "");
    l->no_outcomes = true;
    if (year == 0)
        l->previous += count;
    else
        l->current += count;
}

static int by_volume(const void *a, const void *b)
{
    const struct annual_line *x = a, *y = b;
    if (x->in_total != y->in_total)
        return x->in_total ? -1 : 1;
    if (x->current != y->current)
        return x->current > y->current ? -1 : 1;
    return strcmp(x->category, y->category);
}

void annual_finish(struct annual_table *t)
{
    if (t->nlines > 0) /* lines is NULL when empty, and qsort's base may not be */
        qsort(t->lines, t->nlines, sizeof *t->lines, by_volume);
    struct annual_line *sum = &t->total;
    sum->previous = sum->current = sum->positive = sum->positive_previous = 0;
    sum->known = sum->known_previous = 0;
    sum->no_outcomes = false;
    for (size_t i = 0; i < t->nlines; i++) {
        const struct annual_line *l = &t->lines[i];
        if (!l->in_total)
            continue;
        /* a share of positive outcomes needs every line's outcomes */
        sum->no_outcomes = sum->no_outcomes || l->no_outcomes;
        sum->previous += l->previous;
        sum->current += l->current;
        sum->positive += l->positive;
        sum->positive_previous += l->positive_previous;
        sum->known += l->known;
        sum->known_previous += l->known_previous;
    }
}

bool annual_change_pct(const struct annual_line *l, double *pct)
{
    if (l->previous == 0)
        return false;
    *pct = 100.0 * (double)(l->current - l->previous) / (double)l->previous;
    return true;
}

bool annual_positive_rate(const struct annual_line *l, double *pct)
{
    if (l->known == 0 || !l->in_total || l->no_outcomes)
        return false;
    *pct = 100.0 * (double)l->positive / (double)l->known;
    return true;
}

bool annual_positive_interval(const struct annual_line *l, double *lower_pct, double *upper_pct)
{
    double pct;
    if (!annual_positive_rate(l, &pct))
        return false;
    wilson_interval(l->positive, l->known, 0.95, lower_pct, upper_pct);
    *lower_pct *= 100;
    *upper_pct *= 100;
    return true;
}

bool annual_compare(const struct annual_line *l, struct rate_comparison *out)
{
    return compare_counts(l->previous, l->current, 12.0, 12.0, 0.95, out);
}

bool annual_compare_positive(const struct annual_line *l, struct proportion_comparison *out)
{
    if (l->no_outcomes)
        return false;
    return compare_proportions(l->positive_previous, l->known_previous, l->positive, l->known, 0.95,
                               out);
}

/* "+26%", or to one decimal when that would round to nothing. */
static void describe_pct(double pct, struct buf *out)
{
    buf_printf(out, "%+.*f%%", fabs(pct) < 0.95 ? 1 : 0, pct);
}

static void describe_change(const struct annual_line *l, const char *previous, const char *current,
                            struct buf *out)
{
    double pct;
    buf_puts(out, l->category);
    if (l->previous == l->current) {
        buf_puts(out, " was unchanged: ");
        buf_put_count(out, l->previous);
        buf_printf(out, " in %s and in %s.", previous, current);
        return;
    }
    bool known = annual_change_pct(l, &pct);
    buf_printf(out, " %s from ", l->current > l->previous ? "rose" : "fell");
    if (known)
        buf_put_count(out, l->previous);
    else
        buf_puts(out, "none");
    buf_printf(out, " in %s to ", previous);
    buf_put_count(out, l->current);
    buf_printf(out, " in %s (", current);
    if (known)
        describe_pct(pct, out);
    else
        buf_puts(out, "no percentage change can be given from none");
    buf_puts(out, ").");
}

enum annual_verdict annual_describe(const struct annual_line *l, const char *previous,
                                    const char *current, struct buf *out)
{
    struct rate_comparison c;
    if (!annual_compare(l, &c)) {
        buf_printf(out, "%s: none recorded in %s or in %s, so there is no change to judge.",
                   l->category, previous, current);
        return ANNUAL_NOTHING;
    }
    describe_change(l, previous, current, out);
    struct buf p = BUF_INIT;
    describe_rate_evidence(&c, &p);
    if (c.beyond_chance)
        buf_printf(out, " That is more than chance would explain (%s): a signal.", p.p);
    else
        buf_printf(out,
                   " That is within normal variation: chance alone could explain it (%s), so it "
                   "is noise.",
                   p.p);
    if (!c.beyond_chance && l->previous + l->current < ANNUAL_SMALL_COUNT)
        buf_printf(out,
                   " With so few (%lld in the two years), only a large change could be told "
                   "from chance.",
                   (long long)l->previous + (long long)l->current);
    if (!l->in_total)
        buf_puts(out, " Anti-social behaviour is an incident, not a crime, and is not in the "
                      "total.");
    buf_free(&p);
    return c.beyond_chance ? ANNUAL_SIGNAL : ANNUAL_NOISE;
}
