/*
 * investigation.c - the relevant periods of a long investigation and the
 * clocks of their reports (see investigation.h).
 */
#include "model/investigation.h"

#include <assert.h>
#include <string.h>

/* The first day after a period of `months` months starting with day d. */
static int after_months(int d, int months)
{
    int y, m, day, out;
    date_to_ymd(d, &y, &m, &day);
    int index = y * 12 + (m - 1) + months;
    y = index / 12, m = index % 12 + 1;
    if (date_from_ymd(y, m, day, &out))
        return out;
    /* no such day: the period runs to the end of that month */
    bool ok = date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, &out);
    assert(ok);
    return out;
}

void investigation_period(int began, int n, int *first, int *last)
{
    assert(n >= 1);
    *first = began;
    *last = after_months(began, INVESTIGATION_FIRST_MONTHS) - 1;
    for (int k = 2; k <= n; k++) {
        *first = *last + 1;
        *last = after_months(*first, INVESTIGATION_NEXT_MONTHS) - 1;
    }
}

struct clock_spec investigation_report_spec(int began, int n)
{
    int first, last;
    investigation_period(began, n, &first, &last);
    return (struct clock_spec){CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, first,
                               last - first + 1 + INVESTIGATION_REPORT_DAYS};
}

const char *investigation_by_text(const char *by)
{
    static const char *const words[][2] = {
        {"force", "the force, on its own behalf"},
        {"iopc-directed", "the force, under the IOPC's direction"},
        {"iopc", "the IOPC"},
    };
    for (size_t i = 0; by && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(by, words[i][0]) == 0)
            return words[i][1];
    return NULL;
}
