/*
 * cmd_map.c - `peel map`: crime per 1,000 residents on a hexagonal grid, or
 * by area where boundaries are loaded, drawn to a file, with its data table.
 */
#include "assess/map_build.h"
#include "cli/commands.h"
#include "cli/query_args.h"
#include "util/month.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAP_MAX_CRIME_TYPES 20

struct map_args {
    struct stats_query q;
    struct map_options o;
    const char *by, *out;
    enum chart_format format;
    enum table_format fmt;
    const char *crime_types[MAP_MAX_CRIME_TYPES];
};

static int parse_number(const char *opt, const char *v, double lo, double hi, double *out)
{
    char *end = NULL;
    *out = strtod(v, &end);
    if (end == v || *end || !(*out >= lo && *out <= hi))
        return cli_usage_error(&cmd_map, "%s must be a number from %g to %g", opt, lo, hi);
    return 0;
}

static int parse_option(int c, struct map_args *a)
{
    int fy;
    double v;
    switch (c) {
    case 'y':
        if (!fy_parse(optarg, &fy))
            return cli_usage_error(&cmd_map, "--fy must be a financial year such as 2021-22");
        a->q.month_from = fy_first_month(fy);
        a->q.month_to = fy_first_month(fy) + 11;
        return 0;
    case 'f':
        return query_arg_month(&cmd_map, "--from", optarg, &a->q.month_from);
    case 't':
        return query_arg_month(&cmd_map, "--to", optarg, &a->q.month_to);
    case 'T':
        return query_arg_crime_types(&cmd_map, optarg, a->crime_types, MAP_MAX_CRIME_TYPES, &a->q);
    case 'o':
        a->q.force = optarg;
        return 0;
    case 'a':
        return query_arg_area(&cmd_map, optarg, &a->q);
    case 'b':
        a->by = optarg;
        return 0;
    case 'O':
        a->out = optarg;
        return 0;
    case 'c':
        if (parse_number("--cell-km", optarg, 0.1, 100, &v))
            return EXIT_USAGE;
        a->o.cell_size = v * 1000 / 1.7320508075688772; /* across flats -> centre to corner */
        return 0;
    case 'F':
        if (!cli_parse_format(optarg, &a->fmt))
            return cli_usage_error(&cmd_map, "--format must be table, csv or json");
        return 0;
    default:
        return cli_usage_error(&cmd_map, "unknown option");
    }
}

static int parse_args(int argc, char **argv, struct map_args *a)
{
    static const struct option longopts[] = {{"fy", required_argument, NULL, 'y'},
                                             {"from", required_argument, NULL, 'f'},
                                             {"to", required_argument, NULL, 't'},
                                             {"type", required_argument, NULL, 'T'},
                                             {"force", required_argument, NULL, 'o'},
                                             {"area", required_argument, NULL, 'a'},
                                             {"by", required_argument, NULL, 'b'},
                                             {"out", required_argument, NULL, 'O'},
                                             {"cell-km", required_argument, NULL, 'c'},
                                             {"format", required_argument, NULL, 'F'},
                                             {NULL, 0, NULL, 0}};
    cli_reset_getopt();
    int c, rc = 0;
    while (rc == 0 && (c = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
        rc = parse_option(c, a);
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage_error(&cmd_map, "unexpected argument '%s'", argv[optind]);
    if (a->q.month_from < 0 || a->q.month_to < 0)
        return cli_usage_error(&cmd_map, "give --fy YYYY-YY, or --from and --to");
    if (a->q.month_from > a->q.month_to)
        return cli_usage_error(&cmd_map, "--from is after --to");
    if (a->out && !chart_format_from_path(a->out, &a->format))
        return cli_usage_error(&cmd_map, "--out must end in .svg, .png or .pdf");
    /* Anti-social behaviour is not a crime: only on the map when asked for. */
    a->q.exclude_asb = a->q.ncrime_types == 0;
    return 0;
}

static int run_map(int argc, char **argv, struct peel_ctx *ctx)
{
    struct map_args a = {.fmt = TABLE_AUTO};
    a.q.month_from = a.q.month_to = -1;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc;
    struct store *s = cli_store(ctx);
    if (!s)
        return 1;
    if ((rc = cli_check_query(&cmd_map, s, &a.q)) != 0)
        return rc;
    struct map m;
    struct buf err = BUF_INIT;
    rc = a.by ? map_build_areas(s, &a.q, a.by, &a.o, &m, &err)
              : map_build_hex(s, &a.q, &a.o, &m, &err);
    if (rc == 0 && a.out)
        rc = map_write(&m, a.format, a.out, &err);
    if (rc == 0) {
        struct table t;
        map_table(&m, &t);
        table_render(&t, a.fmt, stdout);
        table_free(&t);
    } else {
        fprintf(stderr, "peel map: %s\n", err.p);
    }
    map_free(&m);
    buf_free(&err);
    return rc == 0 ? 0 : 1;
}

const struct peel_cmd cmd_map = {
    "map",
    run_map,
    "map crime per 1,000 residents: hexagonal grid, or areas with boundaries loaded",
    "peel map (--fy YYYY-YY | --from YYYY-MM --to YYYY-MM) [--type LIST] [--force NAME]\n"
    "                [--area KEY=VALUE] [--by GROUPING] [--cell-km KM] [--out FILE]\n"
    "                [--format table|csv|json]",
    "Without --by, counts the crimes' own police.uk points in hexagons (no boundary file\n"
    "needed): about 200 cells over the force area unless --cell-km says how wide. Each\n"
    "LSOA's residents (peel import-population) are placed at the mean point of its crimes;\n"
    "cells with fewer than 1,000 residents get no rate and are hatched. With --by, colours\n"
    "the areas of a grouping whose boundaries are loaded (peel import-boundaries), counting\n"
    "crimes by their LSOA. Crimes with no location are left off the hexagonal map and\n"
    "counted in a note. Anti-social behaviour is left out unless --type names it.\n"
    "Prints the map's data table (every cell or area: crimes, population, rate).\n"
    "See docs/methods.md#maps.\n"
    "\n"
    "Options:\n"
    "  --fy YYYY-YY      a financial year; or --from and --to (months, inclusive)\n"
    "  --type LIST       only these police.uk crime types (comma-separated)\n"
    "  --force NAME      only one force's crimes\n"
    "  --area KEY=VALUE  only crimes in an area (district=..., or any imported grouping)\n"
    "  --by GROUPING     a choropleth of this grouping's areas\n"
    "  --cell-km KM      hexagon width, flat side to flat side (0.1 to 100)\n"
    "  --out FILE        draw the map: .svg, .png or .pdf\n"
    "  --format FMT      the table as table (default), csv or json\n"
    "\n"
    "Examples:\n"
    "  peel map --fy 2021-22 --out crime-map.svg\n"
    "  peel map --fy 2021-22 --type Burglary --cell-km 3 --out burglary.png\n"
    "  peel map --fy 2021-22 --by district --out districts.pdf --format csv\n",
};
