/*
 * staff_args.h - `--as USER` for the commands that change the Office's
 * registers from the command line (peel budget, peel hmicfrs): the change
 * is made as that staff account, which must exist, be enabled and hold
 * one of the roles the staff side's route table allows for the same
 * change (src/web/staff.c), so that the command line is no way around it.
 */
#ifndef PEEL_CLI_STAFF_ARGS_H
#define PEEL_CLI_STAFF_ARGS_H

#include "cli/cli.h"
#include "model/register.h"

struct store;

/* Roles, space separated, as the staff route table names them. */
#define CLI_DRAFTERS "officer finance-officer monitoring-officer commissioner deputy"
#define CLI_FINANCE  "finance-officer commissioner"
/* The registers of interests, gifts and salaries (model/register.h). */
#define CLI_REGISTERS REG_KEEPERS

/* 0 when `as` is an enabled account whose role is one of `roles`; else,
 * after saying why ("peel CMD: ..."), 2 for a missing --as, 1 for an
 * account that may not (or a store that failed). */
int cli_staff_as(const struct peel_cmd *cmd, struct store *s, const char *as, const char *roles,
                 const char *what);

#endif
