/*
 * date_args.h - dates and day counts as `peel calendar` and `peel clock`
 * take them on the command line.
 */
#ifndef PEEL_CLI_DATE_ARGS_H
#define PEEL_CLI_DATE_ARGS_H

#include <stdbool.h>

#include "cli/cli.h"

/* Parses a date YYYY-MM-DD given for `what` (an option's name); false
 * after saying why (usage error). */
bool cli_date_arg(const struct peel_cmd *cmd, const char *what, const char *text, int *date);
/* Parses a whole number of days from min to max given for `what`. */
bool cli_days_arg(const struct peel_cmd *cmd, const char *what, const char *text, int min, int max,
                  int *days);

#endif
