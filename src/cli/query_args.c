/*
 * query_args.c - the crime filter options shared by commands (see
 * query_args.h).
 */
#include "cli/query_args.h"
#include "util/month.h"

#include <string.h>

int query_arg_month(const struct peel_cmd *cmd, const char *opt, const char *value, int *month)
{
    if (!month_parse(value, strlen(value), month))
        return cli_usage_error(cmd, "%s must be a month as YYYY-MM, not '%s'", opt, value);
    return 0;
}

int query_arg_crime_types(const struct peel_cmd *cmd, char *list, const char **types, int max,
                          struct stats_query *q)
{
    char *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (q->ncrime_types == max)
            return cli_usage_error(cmd, "too many crime types (at most %d)", max);
        types[q->ncrime_types++] = t;
    }
    q->crime_types = types;
    return 0;
}

int query_arg_area(const struct peel_cmd *cmd, char *area, struct stats_query *q)
{
    char *eq = strchr(area, '=');
    if (!eq || eq == area || !eq[1])
        return cli_usage_error(cmd, "--area must be KEY=VALUE, e.g. district=Charnwood");
    *eq = '\0';
    q->area_key = area;
    q->area_value = eq + 1;
    return 0;
}

int query_arg_scheme(const struct peel_cmd *cmd, const char *value, enum annual_scheme *scheme)
{
    if (strcmp(value, "police-uk") == 0)
        *scheme = SCHEME_POLICE_UK;
    else if (strcmp(value, "home-office") == 0)
        *scheme = SCHEME_HOME_OFFICE;
    else
        return cli_usage_error(cmd, "--categories must be police-uk or home-office");
    return 0;
}

int query_arg_source(const struct peel_cmd *cmd, const char *value, enum annual_source *source)
{
    if (strcmp(value, "auto") == 0)
        *source = ANNUAL_SOURCE_AUTO;
    else if (strcmp(value, "police-uk") == 0)
        *source = ANNUAL_SOURCE_POLICE_UK;
    else if (strcmp(value, "prc") == 0)
        *source = ANNUAL_SOURCE_PRC;
    else
        return cli_usage_error(cmd, "--source must be auto, police-uk or prc");
    return 0;
}
