/*
 * map.c - a built map's data table, and freeing it (see map.h; the drawing is
 * map_draw.c, the building assess/map_build.c).
 */
#include "render/map.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void map_free(struct map *m)
{
    for (size_t i = 0; i < m->nregions; i++) {
        struct map_region *r = &m->regions[i];
        for (size_t k = 0; k < r->nrings; k++)
            free(r->rings[k].xy);
        free(r->rings);
        free(r->name);
    }
    free(m->regions);
    for (size_t k = 0; k < m->nborders; k++)
        free(m->borders[k].xy);
    free(m->borders);
    free(m->note);
    free(m->title);
    free(m->description);
    free(m->attribution);
    free(m->grouping);
    memset(m, 0, sizeof *m);
}

/* ---- the data table ---- */

static const char *region_note(const struct map *m, const struct map_region *r)
{
    if (!r->drawn)
        return "no boundary loaded: not on the map";
    if (r->suppressed)
        return m->measure == MAP_RATE ? "too few residents for a stable rate" : "";
    return "";
}

const char *const *map_table_headings(const struct map *m)
{
    static const char *const money[] = {"District", "Grants", "Awarded", "Note"};
    if (m->measure == MAP_MONEY)
        return money;
    static const char *const hex[] = {"Cell",   "Latitude",  "Longitude",
                                      "Crimes", "Residents", "Crimes per 1,000 residents",
                                      "Note"};
    static const char *const area[] = {"Area", "Crimes", "Residents", "Crimes per 1,000 residents",
                                       "Note"};
    return m->kind == MAP_HEX ? hex : area;
}

void map_table_money(const struct map *m, bool human, struct table *t)
{
    assert(m->measure == MAP_MONEY);
    static const char *const cols[] = {"district", "grants", "awarded", "note"};
    table_init(t, 4, cols);
    table_set_title(t, m->title);
    for (size_t i = 0; i < m->nregions; i++) {
        const struct map_region *r = &m->regions[i];
        size_t row = table_add_row(t);
        table_set_text(t, row, 0, r->name);
        table_set_int(t, row, 1, r->crimes);
        table_set_money(t, row, 2, r->pence, human);
        table_set_text(t, row, 3, r->drawn ? "" : "no boundary: not on the map");
    }
    if (m->note)
        table_add_note(t, "%s", m->note);
    table_add_note(t, "%s.", m->attribution);
}

void map_table(const struct map *m, struct table *t)
{
    if (m->measure == MAP_MONEY) {
        map_table_money(m, true, t);
        return;
    }
    static const char *const hex_cols[] = {"cell",       "latitude",      "longitude", "crimes",
                                           "population", "rate_per_1000", "note"};
    static const char *const area_cols[] = {"area", "crimes", "population", "rate_per_1000",
                                            "note"};
    bool hex = m->kind == MAP_HEX;
    table_init(t, hex ? 7 : 5, hex ? hex_cols : area_cols);
    table_set_title(t, m->title);
    size_t base = hex ? 3 : 1;
    for (size_t i = 0; i < m->nregions; i++) {
        const struct map_region *r = &m->regions[i];
        size_t row = table_add_row(t);
        table_set_text(t, row, 0, r->name);
        if (hex) {
            table_set_real(t, row, 1, r->lat, 3, NULL);
            table_set_real(t, row, 2, r->lon, 3, NULL);
        }
        table_set_int(t, row, base, r->crimes);
        if (r->population >= 0)
            table_set_int(t, row, base + 1, r->population);
        if (m->measure == MAP_RATE && !r->suppressed)
            table_set_real(t, row, base + 2, r->value, 2, NULL);
        table_set_text(t, row, base + 3, region_note(m, r));
    }
    if (hex)
        table_add_note(t,
                       "Cells: pointy-top hexagons %.1f km across (%.0f m centre to corner), on an "
                       "equirectangular projection; crimes placed by their police.uk point.",
                       m->cell_size * sqrt(3) / 1000, m->cell_size);
    else
        table_add_note(t, "Areas: crimes by their LSOA's %s in the loaded lookup.", m->grouping);
    if (m->measure == MAP_RATE)
        table_add_note(t,
                       "Rate: crimes per 1,000 residents; no rate where fewer than %s residents."
                       "%s",
                       table_thousands(m->min_population, (char[32]){0}, 32),
                       hex ? " Each LSOA's residents are placed at the mean point of its crimes."
                           : "");
    else
        table_add_note(t, "No populations are loaded: the map shows counts, not rates.");
    if (m->unlocated)
        table_add_note(t, "%lld crimes with no location are not on the map.",
                       (long long)m->unlocated);
    if (m->outside)
        table_add_note(t, "%lld crimes recorded outside the force area are not on the map.",
                       (long long)m->outside);
    if (m->unplaced)
        table_add_note(t, "%lld residents of LSOAs with no located crime are in no cell.",
                       (long long)m->unplaced);
    table_add_note(t, "%s.", m->attribution);
}
