/*
 * plan.c - a plan's enumerations by name, its targets in words, the titles
 * of its mission and strategy keys, and freeing it (see plan.h).
 *
 * The names are the words of the plan files (docs/plans.md) and of the
 * store's columns: one list each, read by the plan reader
 * (ingest/plan_file.c) and written by everyone else.
 */
#include "model/plan.h"
#include "util/list.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const metric_source_words[] = {"national-measures",   "crime-survey",     "local-data",
                                           "national-statistics", "partnership-data", NULL};
const char *const metric_unit_words[] = {"count",  "rate-per-1000", "percent", "hours",
                                         "number", "yes-no",        NULL};
const char *const metric_polarity_words[] = {"higher-is-better", "lower-is-better", "neutral",
                                             NULL};
const char *const metric_frequency_words[] = {"monthly", "quarterly", "annual", NULL};
const char *const metric_measure_words[] = {
    "count", "positive-outcomes", "positive-outcome-rate", "home-office-offences", "published-mtfs",
    NULL};

const char *metric_source_name(enum metric_source s)
{
    return metric_source_words[s];
}
const char *metric_unit_name(enum metric_unit u)
{
    return metric_unit_words[u];
}
const char *metric_polarity_name(enum metric_polarity p)
{
    return metric_polarity_words[p];
}
const char *metric_frequency_name(enum metric_frequency f)
{
    return metric_frequency_words[f];
}

enum period_kind metric_period_kind(enum metric_frequency f)
{
    return f == FREQUENCY_MONTHLY     ? PERIOD_MONTH
           : f == FREQUENCY_QUARTERLY ? PERIOD_QUARTER
                                      : PERIOD_YEAR;
}
const char *metric_measure_name(enum metric_measure m)
{
    return metric_measure_words[m];
}

const char *metric_target_describe(const struct metric_target *t, char *out, size_t n)
{
    if (n == 0)
        return out;
    out[0] = '\0';
    int len = 0;
    if (t->kind == TARGET_LEVEL)
        len = snprintf(out, n, "%s %g", t->at_most ? "at most" : "at least", t->value);
    else if (t->kind != TARGET_NONE)
        len = snprintf(out, n, "%g%% %s on %s", t->value,
                       t->kind == TARGET_REDUCTION ? "reduction" : "increase",
                       t->baseline ? t->baseline : "?");
    if (t->kind != TARGET_NONE && t->by && len >= 0 && (size_t)len < n)
        snprintf(out + len, n - (size_t)len, " by %s", t->by);
    return out;
}

static void metric_free(struct plan_metric *m)
{
    free(m->id);
    free(m->title);
    free(m->target.baseline);
    free(m->target.by);
    free(m->target.text);
    for (size_t i = 0; i < m->def.ncrime_types; i++)
        free(m->def.crime_types[i]);
    free(m->def.crime_types);
    for (size_t i = 0; i < m->def.noffence_groups; i++)
        free(m->def.offence_groups[i]);
    free(m->def.offence_groups);
    free(m->def.area_key);
    free(m->def.area_value);
    chart_options_free(&m->charts);
}

void plan_free(struct plan *p)
{
    for (size_t a = 0; a < p->nmissions; a++) {
        struct plan_mission *m = &p->missions[a];
        for (size_t b = 0; b < m->nstrategies; b++) {
            struct plan_strategy *s = &m->strategies[b];
            for (size_t c = 0; c < s->nmetrics; c++)
                metric_free(&s->metrics[c]);
            free(s->metrics);
            free(s->id);
            free(s->title);
            free(s->success);
            free(s->delivery);
            free(s->measure);
        }
        free(m->strategies);
        free(m->id);
        free(m->title);
        free(m->summary);
    }
    free(p->missions);
    free(p->id);
    free(p->title);
    free(p->force);
    free(p->period_from);
    free(p->period_to);
    free(p->vision);
    *p = (struct plan){0};
}

void plan_charts_override(struct plan *p, const struct chart_options *o)
{
    for (size_t a = 0; a < p->nmissions; a++)
        for (size_t b = 0; b < p->missions[a].nstrategies; b++) {
            struct plan_strategy *s = &p->missions[a].strategies[b];
            for (size_t c = 0; c < s->nmetrics; c++)
                chart_options_override(&s->metrics[c].charts, o);
        }
}

/* The number after letter at *s (1 or more, no sign or leading zero),
 * moving *s past it; 0 when there is none. */
static size_t key_number(const char **s, const char *end, char letter)
{
    const char *c = *s;
    if (c >= end || *c != letter || c + 1 >= end || c[1] < '1' || c[1] > '9')
        return 0;
    size_t n = 0;
    for (c++; c < end && *c >= '0' && *c <= '9' && n < 100000; c++)
        n = n * 10 + (size_t)(*c - '0');
    *s = c;
    return n;
}

const char *plan_key_title(const struct plan *p, const char *key, size_t len)
{
    const char *c = key, *end = key + len;
    size_t m = key_number(&c, end, 'm');
    if (m == 0 || m > p->nmissions)
        return NULL;
    const struct plan_mission *mission = &p->missions[m - 1];
    if (c == end)
        return mission->title;
    if (*c++ != '.')
        return NULL;
    size_t st = key_number(&c, end, 's');
    if (st == 0 || st > mission->nstrategies || c != end)
        return NULL;
    return mission->strategies[st - 1].title;
}

void plan_keys_describe(const struct plan *p, const char *keys, struct buf *out)
{
    bool first = true;
    const char *cursor = keys, *a;
    size_t n;
    while (list_next(&cursor, ",;", &a, &n)) {
        const char *title = plan_key_title(p, a, n);
        if (!first)
            buf_puts(out, "; ");
        if (title)
            buf_puts(out, title);
        else
            buf_append(out, a, n);
        first = false;
    }
}

/* Whether [a, z) is a key's form, whatever the plan: m1, m12.s3. */
static bool key_well_formed(const char *a, const char *z)
{
    const char *c = a;
    if (key_number(&c, z, 'm') == 0)
        return false;
    if (c == z)
        return true;
    if (*c++ != '.')
        return false;
    return key_number(&c, z, 's') != 0 && c == z;
}

/* Whether keys, up to its byte at, already holds [a, z) as a whole key. */
static bool key_seen(const struct buf *keys, const char *a, size_t len)
{
    for (const char *k = buf_str(keys); *k;) {
        size_t n = strcspn(k, ",");
        if (n == len && memcmp(k, a, len) == 0)
            return true;
        k += n + (k[n] != '\0');
        k += *k == ' ';
    }
    return false;
}

bool plan_keys_normalise(const char *keys, struct buf *out, char *bad, size_t n)
{
    assert(n > 0);
    const char *cursor = keys, *a;
    size_t len;
    while (list_next(&cursor, ",;", &a, &len)) {
        if (!key_well_formed(a, a + len)) {
            snprintf(bad, n, "%.*s", (int)len, a);
            return false;
        }
        if (!key_seen(out, a, len)) {
            if (out->len)
                buf_puts(out, ", ");
            buf_append(out, a, len);
        }
    }
    return true;
}
