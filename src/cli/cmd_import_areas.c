/*
 * cmd_import_areas.c - `peel import-areas FILE.csv`: LSOA groupings.
 */
#include "cli/commands.h"
#include "ingest/lookup.h"
#include "util/mem.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int import_areas(int argc, char **argv, struct peel_ctx *ctx, char *command)
{
    static const struct option longopts[] = {{"lsoa-column", required_argument, NULL, 'l'},
                                             {"group", required_argument, NULL, 'g'},
                                             {"where", required_argument, NULL, 'w'},
                                             {NULL, 0, NULL, 0}};
    struct area_options opt = {.origin = {command, cli_user_name()}};
    struct grouping_spec specs[32];
    int c, rc = 0;
    cli_reset_getopt();
    while (rc == 0 && (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        char *eq = optarg ? strchr(optarg, '=') : NULL;
        if (c == 'l') {
            opt.lsoa_column = optarg;
        } else if (c == 'g' || c == 'w') {
            if (!eq || eq == optarg || !eq[1])
                return cli_usage_error(&cmd_import_areas, "--%s takes NAME=COLUMN",
                                       c == 'g' ? "group" : "where");
            *eq = '\0';
            if (c == 'w') {
                opt.where_column = optarg;
                opt.where_value = eq + 1;
            } else if (opt.ngroupings == sizeof specs / sizeof specs[0]) {
                return cli_usage_error(&cmd_import_areas, "too many --group options");
            } else {
                specs[opt.ngroupings++] = (struct grouping_spec){optarg, eq + 1};
            }
        } else {
            return cli_usage_error(&cmd_import_areas, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_import_areas, "give exactly one lookup file");
    opt.groupings = specs;
    struct store *s = cli_store_create(ctx);
    if (!s)
        return 1;
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    rc = lookup_import_areas(s, argv[optind], &opt, &res, &err);
    if (rc == 0)
        cli_refresh_exports(s, "import-areas");
    if (rc == 0)
        printf("%s: %ld LSOAs loaded%s; groupings: %s\n", argv[optind], res.rows_loaded,
               res.rows_skipped ? " (others skipped by --where)" : "", res.groupings.p);
    else
        fprintf(stderr, "peel import-areas: %s\n%s", err.p,
                rc == 2 ? "peel import-areas: nothing was loaded\n" : "");
    buf_free(&err);
    buf_free(&res.groupings);
    return rc;
}

static int run_import_areas(int argc, char **argv, struct peel_ctx *ctx)
{
    /* Recorded with the load as typed: before --group's NAME=COLUMN is split. */
    char *command = cli_command_line(argc, argv);
    int rc = import_areas(argc, argv, ctx, command);
    free(command);
    return rc;
}

const struct peel_cmd cmd_import_areas = {
    "import-areas",
    run_import_areas,
    "load an LSOA lookup: district, CSP, neighbourhood, beat, rural/urban",
    "peel import-areas [--lsoa-column COL] [--group NAME=COLUMN]... [--where COLUMN=VALUE] FILE",
    "Loads the groupings a force uses for its areas, keyed by LSOA code, so that `peel stats`\n"
    "can group and filter by them (--group-by csp, --area beat=...). The LSOA code column is\n"
    "found by its header (LSOA code, LSOA11CD, lsoacd, ...) unless named. Without --group, every\n"
    "other column becomes a grouping named after its header in snake_case (LSOA names and\n"
    "ObjectId columns are skipped). A grouping named district replaces the district Peel\n"
    "derives from LSOA names (\"Charnwood 012A\" -> Charnwood).\n"
    "\n"
    "Each grouping loaded replaces the earlier one of that name. A file with a bad row is\n"
    "refused as a whole, with every bad line listed.\n"
    "\n"
    "Once a lookup is loaded, rates per 1,000 residents count only its LSOAs: load just the\n"
    "force's LSOAs (see --where) to make the force area the lookup.\n"
    "\n"
    "Options:\n"
    "  --lsoa-column COL     the column holding LSOA codes\n"
    "  --group NAME=COLUMN   load COLUMN as grouping NAME (repeatable)\n"
    "  --where COLUMN=VALUE  load only the rows where COLUMN equals VALUE\n"
    "\n"
    "Examples:\n"
    "  peel import-areas demo/data/lookups/lsoa-areas.csv\n"
    "  peel import-areas --where Police_force=Leicestershire \\\n"
    "      --group 'district=Local authority name' --group 'msoa=MSOA Name' PoliceforceLSOA.csv\n",
};
