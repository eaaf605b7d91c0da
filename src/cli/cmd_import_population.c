/*
 * cmd_import_population.c - `peel import-population [--forces|--ethnicity]
 * FILE.csv`.
 */
#include "cli/commands.h"
#include "ingest/lookup.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* `--forces`: one population per police force area. */
static int import_forces(struct store *s, const char *path,
                         const struct force_population_options *opt)
{
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    int rc = lookup_import_force_population(s, path, opt, &res, &err);
    if (rc == 0) {
        printf("%s: populations of %ld police force areas loaded (replacing any loaded before)\n",
               path, res.rows_loaded);
        if (res.rows_skipped)
            printf("%s: %ld rows name no police force and were skipped: %s\n", path,
                   res.rows_skipped, res.groupings.p);
    } else {
        fprintf(stderr, "peel import-population: %s\n%s", err.p,
                rc == 2 ? "peel import-population: nothing was loaded\n" : "");
    }
    buf_free(&err);
    buf_free(&res.groupings);
    return rc;
}

/* `--ethnicity`: one population per (police force area, ethnic group). */
static int import_ethnic(struct store *s, const char *path,
                         const struct ethnic_population_options *opt)
{
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    int rc = lookup_import_ethnic_population(s, path, opt, &res, &err);
    if (rc == 0) {
        printf("%s: %ld populations by ethnic group loaded (replacing any loaded before)\n", path,
               res.rows_loaded);
        if (res.rows_skipped)
            printf("%s: %ld rows name no ethnic group and were skipped: %s\n", path,
                   res.rows_skipped, res.groupings.p);
    } else {
        fprintf(stderr, "peel import-population: %s\n%s", err.p,
                rc == 2 ? "peel import-population: nothing was loaded\n" : "");
    }
    buf_free(&err);
    buf_free(&res.groupings);
    return rc;
}

static int import_lsoas(struct store *s, const char *path, const struct population_options *opt)
{
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    int rc = lookup_import_population(s, path, opt, &res, &err);
    if (rc == 0)
        printf("%s: populations of %ld LSOAs loaded (replacing any loaded before)\n", path,
               res.rows_loaded);
    else
        fprintf(stderr, "peel import-population: %s\n%s", err.p,
                rc == 2 ? "peel import-population: nothing was loaded\n" : "");
    buf_free(&err);
    buf_free(&res.groupings);
    return rc;
}

static int import_population(int argc, char **argv, struct peel_ctx *ctx, const char *command)
{
    static const struct option longopts[] = {{"lsoa-column", required_argument, NULL, 'l'},
                                             {"population-column", required_argument, NULL, 'p'},
                                             {"forces", no_argument, NULL, 'f'},
                                             {"name-column", required_argument, NULL, 'n'},
                                             {"ethnicity", no_argument, NULL, 'e'},
                                             {"group-column", required_argument, NULL, 'g'},
                                             {NULL, 0, NULL, 0}};
    struct load_origin origin = {command, cli_user_name()};
    struct population_options opt = {.origin = origin};
    struct force_population_options fopt = {.origin = origin};
    struct ethnic_population_options eopt = {.origin = origin};
    bool forces = false, ethnic = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'l')
            opt.lsoa_column = optarg;
        else if (c == 'p')
            opt.population_column = fopt.population_column = eopt.population_column = optarg;
        else if (c == 'f')
            forces = true;
        else if (c == 'e')
            ethnic = true;
        else if (c == 'n')
            fopt.name_column = eopt.name_column = optarg;
        else if (c == 'g')
            eopt.group_column = optarg;
        else
            return cli_usage_error(&cmd_import_population, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_import_population, "give exactly one population file");
    if (forces && ethnic)
        return cli_usage_error(&cmd_import_population, "give --forces or --ethnicity, not both");
    if ((forces || ethnic) ? opt.lsoa_column != NULL : fopt.name_column != NULL)
        return cli_usage_error(&cmd_import_population,
                               (forces || ethnic)
                                   ? "--lsoa-column is for LSOA populations"
                                   : "--name-column is for --forces and --ethnicity");
    if (eopt.group_column && !ethnic)
        return cli_usage_error(&cmd_import_population, "--group-column is for --ethnicity");
    struct store *s = cli_store_create(ctx);
    if (!s)
        return 1;
    if (ethnic)
        return import_ethnic(s, argv[optind], &eopt);
    return forces ? import_forces(s, argv[optind], &fopt) : import_lsoas(s, argv[optind], &opt);
}

static int run_import_population(int argc, char **argv, struct peel_ctx *ctx)
{
    char *command = cli_command_line(argc, argv); /* recorded with the load */
    int rc = import_population(argc, argv, ctx, command);
    free(command);
    return rc;
}

const struct peel_cmd cmd_import_population = {
    "import-population",
    run_import_population,
    "load resident populations (per LSOA; per force area with --forces; by ethnic group)",
    "peel import-population [--lsoa-column COL] [--population-column COL] FILE\n"
    "       peel import-population --forces [--name-column COL] [--population-column COL] FILE\n"
    "       peel import-population --ethnicity [--name-column COL] [--group-column COL]\n"
    "                              [--population-column COL] FILE",
    "Loads one population per LSOA code (e.g. ONS mid-year estimates), replacing all\n"
    "populations loaded before. The columns are found by their headers (LSOA code, lsoacd,\n"
    "LSOA11CD ...; population, All Ages, ...) unless named; a file with no header is read as\n"
    "code,population. Counts may carry surrounding spaces. A file with a bad row is refused as\n"
    "a whole, with every bad line listed.\n"
    "\n"
    "Use populations for the same LSOA vintage as the crime data: police.uk files up to 2022\n"
    "use 2011 LSOAs.\n"
    "\n"
    "With --forces, loads one population per police force area instead (ONS mid-year\n"
    "estimates by PFA), for rates per 1,000 residents when forces are compared from the Home\n"
    "Office recorded-crime tables (peel prc, peel stats --fy). Forces are matched by name\n"
    "(\"Leicestershire\", \"City of London\", \"Metropolitan Police\"); the population column\n"
    "is found by its header (population, All Ages, MYE2018, ...). Rows that name no force\n"
    "(countries, regions) are skipped and listed.\n"
    "\n"
    "With --ethnicity, loads the population of each police force area by census ethnic\n"
    "group, for stop-and-search rates per 1,000 people of each group (peel stop-search\n"
    "--disproportionality): one row per force and group, force,ethnic_group,population.\n"
    "A group is Asian, Black, Mixed, White or Other, or a census heading that begins with\n"
    "one (\"Asian, Asian British or Asian Welsh\"); rows naming none (a total) are skipped\n"
    "and listed. See docs/stop-search.md.\n"
    "\n"
    "Examples:\n"
    "  peel import-population demo/data/lookups/lsoa-population.csv\n"
    "  peel import-population lsoa11_population_mid2019.csv\n"
    "  peel import-population --forces pfa_population_mye2018.csv\n"
    "  peel import-population --ethnicity demo/data/lookups/ethnic-population.csv\n",
};
