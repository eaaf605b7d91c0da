/*
 * explore.h - the crime data explorer's address: what /explore, /explore.csv
 * and /explore.json are asked for, checked.
 *
 * The grammar is Datasette's, cut to police.uk's crimes: the same address
 * is the page, and with .csv or .json the data, so a result can be linked,
 * bookmarked and downloaded alike.
 *
 *   from, to      first and last month, YYYY-MM (inclusive)
 *   force         a force's name or data.police.uk id
 *   district      one district (as `peel stats --area district=...`)
 *   lsoa          one LSOA, by code (or name)
 *   GROUPING      one area of a grouping loaded with `peel import-areas`,
 *                 named by the grouping ("csp=Leicester"), unless the name
 *                 is one of these parameters' or begins with '_'
 *   crime_type    a police.uk crime type; repeat for several
 *   outcome       a last outcome category ("(none)": none yet); repeat
 *   group_by      dimensions, comma-separated or repeated (the names of
 *                 `peel stats --group-by`): counts instead of rows
 *   _size         rows per page, 1..1000 (page default 100; data: all)
 *   _next         the row id after which the page starts (keyset paging)
 *
 * The area filters (district, lsoa, a grouping) are one filter, as
 * stats_query has one area: a second is refused, naming both.
 *
 * An empty value is no filter (an HTML form sends every field). Any other
 * name, a malformed month, a range backwards, an unknown dimension or more
 * than EXPLORE_MAX_VALUES values of one filter is refused (400) with a
 * sentence naming the parameter (and, for an unknown name, listing the
 * areas that can be filtered). Parsing allocates nothing: every string
 * points into the web_target.
 */
#ifndef PEEL_WEB_EXPLORE_H
#define PEEL_WEB_EXPLORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/query.h"
#include "util/buf.h"
#include "web/params.h"

#define EXPLORE_MAX_VALUES 8
#define EXPLORE_MAX_GROUP  4
#define EXPLORE_PAGE_SIZE  100
#define EXPLORE_MAX_SIZE   1000

struct explore_query {
    struct stats_query q; /* filters, and the dimensions to group by (q.ndims) */
    const char *crime_types[EXPLORE_MAX_VALUES];
    const char *outcomes[EXPLORE_MAX_VALUES];
    const char *from, *to;                                        /* as given, NULL when absent */
    int size;                                                     /* 0: not given */
    int64_t next;                                                 /* 0: from the first row */
    char group_text[EXPLORE_MAX_GROUP * (WEB_MAX_PARAM_LEN + 1)]; /* dimension names */
};

/* Reads the target's parameters into x. The store, if not NULL, knows the
 * imported area groupings that group_by may also name. Returns 200, or 400
 * with the reason (naming the parameter) in err. */
int explore_parse(const struct web_target *t, struct store *s, struct explore_query *x,
                  struct buf *err);

/* Whether `name` filters by area: district, lsoa, or a loaded grouping
 * that no other parameter shadows. */
bool explore_is_area(struct store *s, const char *name);
/* Calls fn with each name explore_is_area accepts: district, the loaded
 * groupings in name order, lsoa. s may be NULL (district and lsoa only). */
void explore_each_area(struct store *s, void (*fn)(void *arg, const char *name), void *arg);

/* Appends the query as a URL query string ("from=2021-04&crime_type=Burglary"),
 * percent-encoded, in a fixed order; without _size and _next unless
 * `paging`, and then with _next = next (0: none). Empty when no parameter. */
void explore_query_string(const struct explore_query *x, bool paging, int64_t next,
                          struct buf *out);

#endif
