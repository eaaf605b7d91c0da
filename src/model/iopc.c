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
#include <strings.h>

/* The measures, in the bulletin's order: logging and contact (its section
 * A), handling and finalising (C to E), reviews (F). Labels follow the
 * IOPC's own words where they are known from its 2024/25 annual report's
 * force tables and the force bulletins (docs/complaints-data.md). */
static const struct iopc_measure measures[] = {
    {"cases_logged", "Complaint cases logged", IOPC_COUNT, false},
    {"cases_per_1000_employees", "Complaint cases logged per 1,000 employees", IOPC_RATE, false},
    {"allegations_logged", "Allegations logged", IOPC_COUNT, true},
    {"allegations_per_1000_employees", "Allegations logged per 1,000 employees", IOPC_RATE, false},
    {"days_to_contact", "Average working days to contact the complainant", IOPC_DAYS, false},
    {"days_to_log", "Average working days to log a complaint case", IOPC_DAYS, false},
    {"schedule_3_reason_percent", "Reason complaint case logged under Schedule 3 (% of cases)",
     IOPC_PERCENT, true},
    {"cases_outside_schedule_3", "Complaint cases handled outside Schedule 3", IOPC_COUNT, false},
    {"cases_schedule_3", "Complaint cases handled under Schedule 3", IOPC_COUNT, false},
    {"cases_investigated", "Complaint cases investigated", IOPC_COUNT, false},
    {"cases_finalised_outside_schedule_3",
     "Number of valid complaint cases finalised outside of Schedule 3", IOPC_COUNT, false},
    {"days_to_finalise_outside_schedule_3",
     "Average number of days to finalise outside of Schedule 3", IOPC_DAYS_STATED, false},
    {"cases_finalised_schedule_3", "Number of valid complaint cases finalised under Schedule 3",
     IOPC_COUNT, false},
    {"days_to_finalise_schedule_3",
     "Average number of days to finalise under Schedule 3 (inc suspension)", IOPC_DAYS_STATED,
     false},
    {"days_to_finalise_schedule_3_exc_suspension",
     "Average number of days to finalise under Schedule 3 (exc suspension)", IOPC_DAYS_STATED,
     false},
    {"days_to_finalise_not_investigated",
     "Average working days to finalise Schedule 3 cases not investigated", IOPC_DAYS, false},
    {"days_to_finalise_investigated", "Average working days to finalise investigated cases",
     IOPC_DAYS, false},
    {"allegations_finalised", "Allegations finalised", IOPC_COUNT, true},
    {"reviews_received_lpb", "Review applications received by the local policing body", IOPC_COUNT,
     false},
    {"reviews_completed_lpb", "Valid reviews completed by the local policing body", IOPC_COUNT,
     false},
    {"reviews_not_reasonable_lpb",
     "Reviews by the local policing body: outcome not reasonable and proportionate", IOPC_COUNT,
     false},
    {"reviews_not_reasonable_lpb_percent",
     "Reviews by the local policing body: outcome not reasonable and proportionate (%)",
     IOPC_PERCENT, false},
    {"days_to_review_lpb", "Average days for the local policing body to complete a review",
     IOPC_DAYS_STATED, false},
    {"reviews_received_iopc", "Review applications received by the IOPC", IOPC_COUNT, false},
    {"reviews_completed_iopc", "Valid reviews completed by the IOPC", IOPC_COUNT, true},
    {"reviews_not_reasonable_iopc", "Reviews by the IOPC: outcome not reasonable and proportionate",
     IOPC_COUNT, true},
    {"reviews_not_reasonable_iopc_percent",
     "Reviews by the IOPC: outcome not reasonable and proportionate (%)", IOPC_PERCENT, true},
};
#define NMEASURES (sizeof measures / sizeof measures[0])

/* The codes of the first list (2026), read as the measures that replaced
 * them: the IOPC reports a review's result as "outcome not reasonable and
 * proportionate", not "upheld", and counts reviews "completed". */
static const struct {
    const char *old, *now;
} renamed[] = {
    {"reviews_finalised_lpb", "reviews_completed_lpb"},
    {"reviews_upheld_lpb_percent", "reviews_not_reasonable_lpb_percent"},
    {"reviews_finalised_iopc", "reviews_completed_iopc"},
    {"reviews_upheld_iopc_percent", "reviews_not_reasonable_iopc_percent"},
};

static const struct iopc_measure *measure_now(const char *code)
{
    for (size_t i = 0; code && i < NMEASURES; i++)
        if (strcmp(measures[i].code, code) == 0)
            return &measures[i];
    return NULL;
}

const struct iopc_measure *iopc_measure_named(const char *code)
{
    const struct iopc_measure *m = measure_now(code);
    for (size_t i = 0; !m && code && i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(renamed[i].old, code) == 0)
            m = measure_now(renamed[i].now);
    /* a measure's label, which is the IOPC's own heading where it is known */
    for (size_t i = 0; !m && code && i < NMEASURES; i++)
        if (strcasecmp(measures[i].label, code) == 0)
            m = &measures[i];
    return m;
}

const struct iopc_measure *iopc_measure_at(size_t i)
{
    return i < NMEASURES ? &measures[i] : NULL;
}

const char *iopc_unit_name(enum iopc_unit u)
{
    static const char *const names[] = {"count", "working days", "percent", "per 1,000 employees",
                                        "days"};
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
        free(b->rows[i].where);
        for (int k = 0; k < 4; k++)
            free(b->rows[i].value[k]);
    }
    free(b->rows);
    *b = (struct iopc_bulletin){0};
}

const struct complaints_section complaints_sections[COMPLAINTS_SECTIONS] = {
    {"summary", "Summary",
     "The Commissioner's overall assessment of the year: how the force handled complaints and "
     "how the Office did as review body."},
    {"accountability", "How the Commissioner held the chief constable to account",
     "Order 7C(b)(i): where complaints handling was scrutinised (the Board, one-to-ones, "
     "dip samples), what was asked of the chief constable and what changed."},
    {"review-body", "The Office as review body",
     "Order 7C(b)(ii): the Office's own performance as the relevant review body, read with the "
     "figures: timeliness against its standards, outcomes, what it will improve."},
    {"front-end", "Front-end handling",
     "Order 7C(b)(iii): the initial handling of complaints, if the Commissioner has taken it "
     "on (model 2 or 3), or who does it if not."},
    {"learning", "Themes and learning",
     "The themes of the allegations reviewed, the recommendations made to the force and how it "
     "responded."},
};

const struct complaints_section *complaints_section_named(const char *code)
{
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++)
        if (strcmp(complaints_sections[i].code, code) == 0)
            return &complaints_sections[i];
    return NULL;
}
