/*
 * router.h - which page a request's path names.
 *
 * A route is a pattern of path segments: literal words, and ":name" for
 * one non-empty segment that the page receives as an argument
 * ("/metric/:id"; the name is for the reader).
 * Where a route allows it, the last argument may end in ".csv" or ".json"
 * to ask for the same data in that format, Datasette's grammar: the page is
 * at /metric/burglary, its data at /metric/burglary.csv and .json.
 *
 * The table is data, matched in order; nothing here knows what a page
 * does, so the matching is unit-tested on its own.
 */
#ifndef PEEL_WEB_ROUTER_H
#define PEEL_WEB_ROUTER_H

#include "web/params.h"

#include <stdbool.h>
#include <stddef.h>

enum web_format { WEB_HTML = 1, WEB_CSV = 2, WEB_JSON = 4, WEB_CSS = 8, WEB_ATOM = 16 };

struct web_request;
struct web_response;
typedef void (*web_handler)(const struct web_request *rq, struct web_response *rs);

struct web_route {
    const char *pattern;    /* "/", "/plan/:mission", "/api/metrics.json" */
    enum web_format format; /* what the route serves without a suffix */
    unsigned suffixes;      /* WEB_CSV | WEB_JSON: formats the last argument may ask for */
    bool fixed;             /* the same bytes whatever the data: no database needed */
    unsigned flags;         /* WEB_ROUTE_* */
    web_handler handler;
};

/* The page reads its query string: it is never kept in the page cache,
 * whose keys are the route's arguments only. */
#define WEB_ROUTE_QUERY 1u
/* The page may stream its body (web/stream.h): its connection is taken
 * from the downloads' share of the pool, and kept by the stream. */
#define WEB_ROUTE_STREAM 2u

#define WEB_MAX_ARGS 4

struct web_match {
    const struct web_route *route;
    const char *args[WEB_MAX_ARGS]; /* what each ":name" matched, any suffix removed */
    size_t nargs;
    enum web_format format;
    char arg_text[WEB_MAX_ARGS][WEB_MAX_PARAM_LEN + 1];
};

/* The first route matching the target's path, or false (404). */
bool web_route_find(const struct web_route *routes, size_t n, const struct web_target *t,
                    struct web_match *m);

#endif
