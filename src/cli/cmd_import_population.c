/*
 * cmd_import_population.c - `peel import-population FILE.csv`.
 */
#include "cli/commands.h"
#include "ingest/lookup.h"

#include <getopt.h>
#include <stdio.h>

static int run_import_population(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"lsoa-column", required_argument, NULL, 'l'},
                                             {"population-column", required_argument, NULL, 'p'},
                                             {NULL, 0, NULL, 0}};
    struct population_options opt = {0};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'l')
            opt.lsoa_column = optarg;
        else if (c == 'p')
            opt.population_column = optarg;
        else
            return cli_usage_error(&cmd_import_population, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_import_population, "give exactly one population file");
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    struct lookup_result res = {0};
    struct buf err = BUF_INIT;
    int rc = lookup_import_population(s, argv[optind], &opt, &res, &err);
    if (rc == 0)
        printf("%s: populations of %ld LSOAs loaded (replacing any loaded before)\n", argv[optind],
               res.rows_loaded);
    else
        fprintf(stderr, "peel import-population: %s\n%s", err.p,
                rc == 2 ? "peel import-population: nothing was loaded\n" : "");
    buf_free(&err);
    buf_free(&res.groupings);
    return rc;
}

const struct peel_cmd cmd_import_population = {
    "import-population",
    run_import_population,
    "load resident populations per LSOA, for rates per 1,000 residents",
    "peel import-population [--lsoa-column COL] [--population-column COL] FILE",
    "Loads one population per LSOA code (e.g. ONS mid-year estimates), replacing all\n"
    "populations loaded before. The columns are found by their headers (LSOA code, lsoacd,\n"
    "LSOA11CD ...; population, All Ages, ...) unless named; a file with no header is read as\n"
    "code,population. Counts may carry surrounding spaces. A file with a bad row is refused as\n"
    "a whole, with every bad line listed.\n"
    "\n"
    "Use populations for the same LSOA vintage as the crime data: police.uk files up to 2022\n"
    "use 2011 LSOAs.\n"
    "\n"
    "Examples:\n"
    "  peel import-population demo/data/lookups/lsoa-population.csv\n"
    "  peel import-population lsoa11_population_mid2019.csv\n",
};
