/*
 * date_args.c - dates and day counts on the command line (see date_args.h).
 */
#include "cli/date_args.h"
#include "model/calendar.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool cli_date_arg(const struct peel_cmd *cmd, const char *what, const char *text, int *date)
{
    if (text && date_parse(text, strlen(text), date))
        return true;
    cli_usage_error(cmd, "%s: '%s' is not a date YYYY-MM-DD of 1900 to 2999", what,
                    text ? text : "");
    return false;
}

bool cli_days_arg(const struct peel_cmd *cmd, const char *what, const char *text, int min, int max,
                  int *days)
{
    char *end = NULL;
    errno = 0;
    long v = text ? strtol(text, &end, 10) : 0;
    if (text && *text && end && !*end && errno == 0 && v >= min && v <= max) {
        *days = (int)v;
        return true;
    }
    cli_usage_error(cmd, "%s: '%s' is not a whole number of days from %d to %d", what,
                    text ? text : "", min, max);
    return false;
}
