/*
 * cli.h - what every `peel` subcommand shares.
 *
 * Like git's builtins, each subcommand lives in its own cmd_*.c file and is
 * listed in the dispatch table in peel.c. A subcommand parses its own options
 * (getopt_long), calls the library, and prints; it does no work of its own.
 *
 * Exit statuses: 0 success, 1 the work failed, 2 bad usage or unreadable
 * input.
 */
#ifndef PEEL_CLI_H
#define PEEL_CLI_H

#include <stdbool.h>

#include "render/table.h"

struct store;
struct stats_query;
struct stats_dim_spec;

/* Per-invocation state, passed to every subcommand: nothing global. */
struct peel_ctx {
    const char *db_path; /* --db, $PEEL_DB, or "peel.db" */
    struct store *store; /* opened on first use by cli_store() */
    const char *argv0;
};

struct peel_cmd {
    const char *name;
    int (*run)(int argc, char **argv, struct peel_ctx *ctx);
    const char *summary; /* one line, for `peel --help` */
    const char *usage;   /* "peel import [options] PATH..." */
    const char *help;    /* options and examples, for `peel help CMD` */
};

#define EXIT_USAGE 2

/* A question's force, crime types and area checked against the store
 * (assess/query_check.h): 0, or after saying which name is unknown and
 * the nearest known one, 2 (1 when the store failed). */
int cli_check_query(const struct peel_cmd *cmd, struct store *s, const struct stats_query *q);
/* A dimension (--group-by, --by) by name, likewise: 0, 2 or 1. */
int cli_dim(const struct peel_cmd *cmd, struct store *s, const char *name, bool area_only,
            struct stats_dim_spec *out);

/* The index in actions (n of them) of argv[1], the action asked of a
 * command that has several (git's "peel spend import"); -1 after the
 * usage error "an action: a, b or c" when argv[1] names none. */
int cli_action_of(const struct peel_cmd *cmd, int argc, char **argv, const char *const *actions,
                  int n);
/* Prints "peel CMD: message", then the usage line, to stderr; returns 2. */
int cli_usage_error(const struct peel_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Opens (and migrates) the store named by ctx, which must exist; NULL after printing
 * the reason. */
struct store *cli_store(struct peel_ctx *ctx);
/* The same, creating the store when there is none: only the commands that
 * import or load data (and add the first user) do; every other command
 * refuses a store that does not exist, so that a mistyped --db or folder
 * is an error, not an empty answer. */
struct store *cli_store_create(struct peel_ctx *ctx);
/* After a command that changed crimes or their texts: renders the CSV
 * export of every slice that lost it (assess/crime_rows.h). Silent on
 * success; a failure is a warning (downloads are then made row by row, as
 * correct, only slower), so it never fails the command. */
void cli_refresh_exports(struct store *s, const char *command);
/* Prints t as format when rc >= 0 (a table made), else "peel CMD: err"
 * on stderr; frees both either way. 0, or 1 when rc < 0. */
int cli_print_table(const struct peel_cmd *cmd, int rc, struct table *t, enum table_format format,
                    struct buf *err);
/* Parses "table" (or "text"), "csv" or "json". */
bool cli_parse_format(const char *s, enum table_format *out);
/* A number given to an option: decimal digits only (no sign, no space, as
 * strtoull would take), at most max. */
bool cli_parse_unsigned(const char *s, unsigned long long max, unsigned long long *out);
/* Resets getopt so each subcommand parses from a clean state. */
void cli_reset_getopt(void);
/* The options and operands of `peel CMD ...` (argv[0] the command): calls
 * take(c, optarg, arg) for each option of longopts (take says why when it
 * returns false) and keeps up to noperands operands in operand[]; 0, or 2
 * after an unknown option, a false take or an operand too many. */
struct option;
int cli_parse_options(const struct peel_cmd *cmd, int argc, char **argv,
                      const struct option *longopts, bool (*take)(int, const char *, void *),
                      void *arg, const char **operand, int noperands);
/* Who is running peel, for the audit trail (NULL when unknown). */
const char *cli_user_name(void);
/* "peel CMD ARGS...", as recorded with an import; caller frees. */
char *cli_command_line(int argc, char **argv);
/* The same, with the value of each option named in withheld[0..n) (as
 * "--note VALUE" or "--note=VALUE") written "(withheld)": for options
 * whose values must not outlive their retention in the audit log. */
char *cli_command_line_withheld(int argc, char **argv, const char *const *withheld, size_t n);
/* Who made a change from the command line, for the audit trail: actor
 * "cli:USER" (written into actor, n bytes) and the command line (which
 * the caller frees, by->origin). */
struct audit_origin;
void cli_audit_origin(int argc, char **argv, char *actor, size_t n, struct audit_origin *by);
/* Runs the action argv[1] names (cli_action_of) as act(index, ...), with
 * by the cli_audit_origin of the command line as typed: taken before act's
 * getopt reorders argv, and freed after. */
typedef int cli_action_fn(int action, int argc, char **argv, struct peel_ctx *ctx,
                          const struct audit_origin *by);
int cli_run_action(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx,
                   const char *const *actions, int n, cli_action_fn *act);
/* The same, with by->origin the command line as line(argc, argv) writes it
 * (a string the runner frees): for a command whose options carry personal
 * data that the audit log must not hold. */
typedef char *cli_line_fn(int argc, char **argv);
int cli_run_action_as(const struct peel_cmd *cmd, int argc, char **argv, struct peel_ctx *ctx,
                      const char *const *actions, int n, cli_action_fn *act, cli_line_fn *line);

#endif
