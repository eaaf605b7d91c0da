/*
 * fund_map.h - the map of the Safety Fund's published grants by district
 * (issue 18: "the public list of grants by round, district and priority,
 * with a map"): money awarded and the number of grants in each district,
 * drawn by render/map.h (a MAP_MONEY map, built by assess/map_build.h on
 * the district boundaries where loaded, else on hexagonal tiles of where
 * each district's crimes are recorded).
 *
 * Only awards whose round's decision is published; a sensitive award (a
 * refuge) is never placed: it is left off the map and its table, and the
 * note says how many grants and how much are so left off, with those that
 * name no district. Functions returning int give 0, or -1 with err.
 */
#ifndef PEEL_ASSESS_FUND_MAP_H
#define PEEL_ASSESS_FUND_MAP_H

#include "assess/fund_tables.h"
#include "render/map.h"

#define FUND_MAP_TITLE "Safety Fund grants: money awarded by district"

/* The map of the published awards the filter picks (NULL: all), titled
 * title; force: the plan's, whose latest six months of street crime draw
 * the districts when no boundaries are loaded (NULL: every force's). */
int fund_map_build(struct store *s, const struct fund_award_filter *f, const char *force,
                   const char *title, struct map *m, struct buf *err);

#endif
