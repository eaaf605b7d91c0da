/*
 * map.h - maps of crime per 1,000 residents: a hexagonal grid built from the
 * crimes' own points, or a choropleth of areas whose boundaries are loaded;
 * and maps of money by area (the Safety Fund's grants by district).
 *
 * A map is built once (from the store by assess/map_build.h, through
 * analysis/hexgrid.h for the grid) into a struct map, which then gives every
 * rendering: SVG (inline, with role="img", <title> and <desc>), PNG, PDF, a
 * drawing into any cairo context (for render/pdf.h's pages) and the data
 * table that must go with every map (render/table.h). The drawing and the
 * table read the same regions, so they cannot disagree.
 *
 * Colours are five sequential classes (ColorBrewer YlOrRd, which
 * ColorBrewer marks colour-blind safe and which prints in greyscale in
 * order) cut at the quintiles of the regions' rates; regions whose rate is
 * suppressed are grey and hatched; the legend gives each class in numbers
 * and the suppressed regions in words. When no populations are loaded the
 * map shows crime counts instead of rates, and says so. A money map
 * (MAP_MONEY) colours each area by the amount given to it, in pounds, and
 * draws the areas given nothing in a plain light grey, named in the legend.
 *
 * Functions returning int give 0, or -1 with a message in err.
 */
#ifndef PEEL_MAP_H
#define PEEL_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

#include "render/chart.h"
#include "render/table.h"
#include "util/buf.h"

#define MAP_WIDTH        800
#define MAP_HEIGHT       640
#define MAP_PHONE_HEIGHT 480 /* and CHART_PHONE_WIDTH wide: a phone's rendition */
#define MAP_MAX_CLASSES  5

#define MAP_OGL_ATTRIBUTION                                                                        \
    "Contains public sector information licensed under the Open Government Licence v3.0"

enum map_kind { MAP_HEX, MAP_AREAS };
/* per 1,000 residents, crimes, or money (the regions' pence; crimes then
 * counts the grants) */
enum map_measure { MAP_RATE, MAP_COUNT, MAP_MONEY };

/* A closed outline in the map's plane: metres east (x) and north (y). */
struct map_ring {
    size_t n;
    double *xy; /* 2n values */
};

struct map_region {
    char *name;      /* the area, or the cell's centre as "52.634,-1.132" */
    double lat, lon; /* a cell's centre; NAN for an area */
    int64_t crimes;
    int64_t population; /* -1: none loaded */
    int64_t pence;      /* MAP_MONEY: the amount */
    double value;       /* rate per 1,000, count or pounds, as the map's measure; NAN: suppressed */
    bool suppressed;    /* MAP_MONEY: nothing given to the area */
    int cls;            /* colour class, 0 lightest; -1 suppressed or not drawn */
    bool drawn;         /* false for an area with no boundary */
    struct map_ring *rings;
    size_t nrings;
};

struct map {
    enum map_kind kind;
    enum map_measure measure;
    char *title, *description; /* description: the plain-English text alternative */
    char *attribution;         /* the data's, then the boundaries' own */
    char *grouping;            /* MAP_AREAS: the grouping drawn */
    struct map_region *regions;
    size_t nregions;
    double breaks[MAP_MAX_CLASSES + 1]; /* class i is [breaks[i], breaks[i+1]) */
    int nclasses;
    int decimals;       /* for the legend's and table's values */
    double cell_size;   /* MAP_HEX: metres, centre to corner */
    int64_t crimes;     /* on the map */
    int64_t unlocated;  /* MAP_HEX: crimes with no coordinates, left off */
    int64_t outside;    /* MAP_HEX: crimes outside the force area, left off */
    int64_t unmapped;   /* MAP_AREAS: crimes in areas with no boundary */
    int64_t population; /* residents placed on the map */
    int64_t unplaced;   /* MAP_HEX: residents of LSOAs with no located crime */
    int64_t min_population;
    /* Lines drawn over the regions (MAP_AREAS drawn as hexagonal tiles:
     * the borders between areas), each an open polyline. */
    struct map_ring *borders;
    size_t nborders;
    char *note; /* what the map leaves off and how it is drawn, in words; or NULL */
};

void map_free(struct map *m);

/* The map's data table: one row per region, in the map's order (cells north
 * to south; areas by name), with notes saying the method, the threshold and
 * what was left off. */
void map_table(const struct map *m, struct table *t);
/* Column headings for people, one per column of map_table()'s table (whose
 * own names are the snake_case ones of its CSV and JSON). */
const char *const *map_table_headings(const struct map *m);
/* A money map's table (MAP_MONEY; map_table gives it human): each area's
 * grants and amount, the amount for people ("£1,234.56") or for machines
 * ("1234.56", render/table.h's table_set_money). */
void map_table_money(const struct map *m, bool human, struct table *t);

/* Draws the map, legend and notes into the box (x, y, w, h) of any cairo
 * context: a PDF page, an image. */
void map_draw(const struct map *m, cairo_t *cr, double x, double y, double w, double h);
/* An <svg> element (no XML declaration) appended to out, to inline in HTML;
 * ids prefixed as chart_xmr_svg's are. */
int map_svg(const struct map *m, struct buf *out, struct buf *err);
/* The same drawn w by h (its text the same size): a phone's rendition
 * (CHART_PHONE_WIDTH, render/chart.h). */
int map_svg_sized(const struct map *m, double w, double h, struct buf *out, struct buf *err);
int map_write(const struct map *m, enum chart_format f, const char *path, struct buf *err);
/* The same drawn w by h (SVG and PNG; a PDF is its own size): the phone's
 * rendition is CHART_PHONE_WIDTH by MAP_PHONE_HEIGHT. */
int map_write_sized(const struct map *m, enum chart_format f, double w, double h, const char *path,
                    struct buf *err);

#endif
