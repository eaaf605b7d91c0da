/*
 * cmd_import_boundaries.c - `peel import-boundaries FILE.geojson`: area
 * boundaries for choropleth maps.
 */
#include "cli/commands.h"
#include "ingest/geojson.h"
#include "store/query.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static int run_import_boundaries(int argc, char **argv, struct peel_ctx *ctx)
{
    static const struct option longopts[] = {{"grouping", required_argument, NULL, 'g'},
                                             {"key", required_argument, NULL, 'k'},
                                             {"attribution", required_argument, NULL, 'a'},
                                             {NULL, 0, NULL, 0}};
    struct boundary_import o = {.loaded_by = cli_user_name()};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (c == 'g')
            o.grouping = optarg;
        else if (c == 'k')
            o.key_property = optarg;
        else if (c == 'a')
            o.attribution = optarg;
        else
            return cli_usage_error(&cmd_import_boundaries, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return cli_usage_error(&cmd_import_boundaries, "give exactly one GeoJSON file");
    if (!o.grouping || !*o.grouping || !o.key_property || !*o.key_property)
        return cli_usage_error(&cmd_import_boundaries, "give --grouping NAME and --key PROPERTY");
    struct store *s = cli_store_create(ctx);
    if (!s)
        return 1;
    struct buf err = BUF_INIT;
    int rc = geojson_import(s, argv[optind], &o, &err);
    if (rc == 0) {
        printf("%s: %zu areas loaded as the boundaries of '%s'\n", argv[optind], o.features,
               o.grouping);
        if (strcmp(o.grouping, "district") != 0 && !store_has_grouping(s, o.grouping))
            printf("note: no LSOA lookup has a grouping '%s' yet: load one with peel "
                   "import-areas before mapping it\n",
                   o.grouping);
    } else {
        fprintf(stderr, "peel import-boundaries: %s\npeel import-boundaries: nothing was loaded\n",
                err.p);
    }
    buf_free(&err);
    return rc == 0 ? 0 : 2;
}

const struct peel_cmd cmd_import_boundaries = {
    "import-boundaries",
    run_import_boundaries,
    "load area boundaries (GeoJSON) for choropleth maps",
    "peel import-boundaries --grouping NAME --key PROPERTY [--attribution TEXT] FILE.geojson",
    "Loads a GeoJSON FeatureCollection of Polygon or MultiPolygon features as the boundaries\n"
    "of an area grouping (district, or one loaded with peel import-areas), so that\n"
    "`peel map --by NAME` draws a choropleth. Each feature's property PROPERTY names its\n"
    "area, spelt as the grouping's lookup spells it. Coordinates are longitude and latitude\n"
    "(WGS 84, as RFC 7946 requires). The file is checked whole (structure, numbers, closed\n"
    "rings, unique names, at most 100,000 features and 20 million positions); one bad\n"
    "feature loads nothing, and the error names the file, the feature and the member.\n"
    "Loading a grouping again replaces its boundaries. The file's own \"attribution\" (or\n"
    "\"licence\") member is shown on maps unless --attribution gives one.\n"
    "\n"
    "Example:\n"
    "  peel import-boundaries --grouping district --key LAD22NM \\\n"
    "      --attribution 'Source: Office for National Statistics licensed under the Open\n"
    "      Government Licence v.3.0. Contains OS data (c) Crown copyright 2022' lad-2022.geojson\n",
};
