/*
 * cmd_victims_code.c - `peel victims-code load FILE [--metric ID]`: the
 * force's Victims' Code compliance audit, computed into the plan's
 * Victims' Code measure (ingest/victims_code_file.h).
 */
#include "cli/commands.h"
#include "ingest/victims_code_file.h"
#include "model/victims_code.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool option(int c, const char *arg, void *args)
{
    if (c == 'm')
        *(const char **)args = arg;
    return c == 'm';
}

static int run_victims_code(int argc, char **argv, struct peel_ctx *ctx)
{
    if (argc < 2 || strcmp(argv[1], "load") != 0)
        return cli_usage_error(&cmd_victims_code, "an action: load");
    static const struct option longopts[] = {{"metric", required_argument, NULL, 'm'},
                                             {NULL, 0, NULL, 0}};
    const char *metric = VICTIMS_CODE_METRIC, *path[1] = {NULL};
    int rc = cli_parse_options(&cmd_victims_code, argc, argv, longopts, option, &metric, path, 1);
    if (rc)
        return rc;
    if (!path[0])
        return cli_usage_error(&cmd_victims_code, "load: the FILE to read");
    struct store *s = cli_store_create(ctx);
    if (!s)
        return 1;
    char *command = cli_command_line(argc, argv);
    struct load_origin origin = {command, cli_user_name()};
    struct metric_load_counts n;
    struct buf err = BUF_INIT;
    rc = victims_code_file_load(s, path[0], metric, &origin, &n, &err);
    if (rc == 0)
        printf("%s: %ld quarters of %s: %ld new, %ld revised (earlier values kept), "
               "%ld unchanged\n",
               path[0], n.read, metric, n.added, n.revised, n.unchanged);
    else
        fprintf(stderr, "%s%speel victims-code: %s: nothing was loaded\n", buf_str(&err),
                err.len && err.p[err.len - 1] != '\n' ? "\n" : "", path[0]);
    buf_free(&err);
    free(command);
    return rc;
}

const struct peel_cmd cmd_victims_code = {
    "victims-code",
    run_victims_code,
    "the force's Victims' Code compliance audit, as the plan's measure",
    "peel victims-code load FILE [--metric ID]",
    "Reads the force's Victims' Code compliance audit (docs/plans.md), a CSV with\n"
    "the header quarter,area,checked,met: for each quarter and key area\n"
    "(acknowledgement, referral, updates, vps, release) the crimes checked and\n"
    "those in which the entitlement was met. Each quarter's value of the metric\n"
    "(default victim-code-compliance) is the sum met over the sum checked, as a\n"
    "percentage, stored with both sums. Any bad row and nothing is loaded.\n"
    "\n"
    "Example:\n"
    "  peel victims-code load vcop-audit-2025-26.csv\n",
};
