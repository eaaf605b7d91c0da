/*
 * iopc.c - the IOPC's measures and the reading of a figure (see iopc.h).
 *
 * The measures follow the sections of the IOPC's police complaints
 * information bulletins since the reforms of 1 February 2020: complaints
 * logged and how quickly, how they were handled, how long they took to
 * finalise, what the allegations were about and how they ended, and the
 * reviews of their outcomes by the local policing body and the IOPC.
 */
#include "model/iopc.h"

#include <stdlib.h>
#include <string.h>

static const struct iopc_measure measures[] = {
    {"cases_logged", "Complaint cases logged", IOPC_COUNT, false},
    {"allegations_logged", "Allegations logged", IOPC_COUNT, true},
    {"allegations_per_1000_employees", "Allegations logged per 1,000 employees", IOPC_RATE, false},
    {"days_to_contact", "Average working days to contact the complainant", IOPC_DAYS, false},
    {"days_to_log", "Average working days to log a complaint case", IOPC_DAYS, false},
    {"cases_outside_schedule_3", "Complaint cases handled outside Schedule 3", IOPC_COUNT, false},
    {"cases_schedule_3", "Complaint cases handled under Schedule 3", IOPC_COUNT, false},
    {"cases_investigated", "Complaint cases investigated", IOPC_COUNT, false},
    {"days_to_finalise_outside_schedule_3",
     "Average working days to finalise cases handled outside Schedule 3", IOPC_DAYS, false},
    {"days_to_finalise_not_investigated",
     "Average working days to finalise Schedule 3 cases not investigated", IOPC_DAYS, false},
    {"days_to_finalise_investigated", "Average working days to finalise investigated cases",
     IOPC_DAYS, false},
    {"allegations_finalised", "Allegations finalised", IOPC_COUNT, true},
    {"reviews_received_lpb", "Review applications received by the local policing body", IOPC_COUNT,
     false},
    {"reviews_finalised_lpb", "Reviews finalised by the local policing body", IOPC_COUNT, false},
    {"reviews_upheld_lpb_percent", "Reviews upheld by the local policing body", IOPC_PERCENT,
     false},
    {"reviews_received_iopc", "Review applications received by the IOPC", IOPC_COUNT, false},
    {"reviews_finalised_iopc", "Reviews finalised by the IOPC", IOPC_COUNT, false},
    {"reviews_upheld_iopc_percent", "Reviews upheld by the IOPC", IOPC_PERCENT, false},
};
#define NMEASURES (sizeof measures / sizeof measures[0])

const struct iopc_measure *iopc_measure_named(const char *code)
{
    for (size_t i = 0; code && i < NMEASURES; i++)
        if (strcmp(measures[i].code, code) == 0)
            return &measures[i];
    return NULL;
}

const struct iopc_measure *iopc_measure_at(size_t i)
{
    return i < NMEASURES ? &measures[i] : NULL;
}

const char *iopc_unit_name(enum iopc_unit u)
{
    static const char *const names[] = {"count", "working days", "percent", "per 1,000 employees"};
    return (size_t)u < sizeof names / sizeof names[0] ? names[u] : "";
}

const char *iopc_value_parse(const char *s, enum iopc_unit u, double *v, int *decimals)
{
    size_t n = s ? strlen(s) : 0, digits = strspn(s ? s : "", "0123456789");
    *decimals = 0;
    if (n == 0)
        return "a figure is needed";
    if (digits == 0)
        return "a figure is digits, with at most one '.' (no sign, commas or %)";
    if (digits < n) {
        size_t frac = s[digits] == '.' ? strspn(s + digits + 1, "0123456789") : 0;
        if (s[digits] != '.' || frac == 0 || digits + 1 + frac != n)
            return "a figure is digits, with at most one '.' (no sign, commas or %)";
        if (frac > 4)
            return "a figure has at most 4 decimals";
        *decimals = (int)frac;
    }
    if (digits > 10)
        return "a figure is at most 1,000,000,000";
    *v = strtod(s, NULL);
    if (*v > IOPC_VALUE_MAX)
        return "a figure is at most 1,000,000,000";
    if (u == IOPC_COUNT && *decimals)
        return "a count is a whole number";
    if (u == IOPC_PERCENT && *v > 100)
        return "a percentage is at most 100";
    return NULL;
}

const char *iopc_figure_parse(const char *s, const struct iopc_measure *m, enum iopc_column c,
                              double *v, int *decimals)
{
    enum iopc_unit u = c == IOPC_SIMILAR && m->unit == IOPC_COUNT ? IOPC_RATE : m->unit;
    return iopc_value_parse(s, u, v, decimals);
}

void iopc_bulletin_free(struct iopc_bulletin *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->rows[i].breakdown);
        for (int k = 0; k < 4; k++)
            free(b->rows[i].value[k]);
    }
    free(b->rows);
    *b = (struct iopc_bulletin){0};
}
