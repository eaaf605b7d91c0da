/*
 * cache.h - pages kept once made, until the data changes.
 *
 * A page is a pure function of the data, the plan (fixed while the site
 * runs) and the day (a metric's freshness is counted in months; what is
 * due or overdue on the transparency page, the forward plan and the
 * HMICFRS responses, in days), but some
 * cost a lot to make: the home page evaluates every metric of the plan
 * (about 150 ms on the demo store, most of it the rural metrics' area
 * queries), a metric page draws its chart. So a successful response is
 * kept, keyed by its route and arguments (never the raw URL: only pages
 * that exist can fill the cache, so its size is bounded by the plan), and
 * served again until one of these says the data may have changed:
 *
 *  - a database connection of the pool sees another connection's commit
 *    (store_data_version(), checked on every request before the cache is
 *    read), or a new connection is opened (it cannot tell what it missed);
 *  - the day turns (the calendar's day, model/calendar.h date_today).
 *
 * Either drops every entry and starts a new generation. A page made from a
 * generation that has since ended is not kept (web_cache_put checks), so a
 * page computed while an import committed cannot outlive the next request.
 */
#ifndef PEEL_WEB_CACHE_H
#define PEEL_WEB_CACHE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/updated.h"
#include "web/http.h"
#include "web/router.h"

struct web_cached;

struct web_cache {
    pthread_mutex_t lock;
    uint64_t generation;
    int day; /* the date (model/calendar.h) the entries were made on */
    struct web_cached *items;
    size_t n, cap, bytes;
};

/* At most this many bytes of bodies are kept; beyond, pages are not cached. */
#define WEB_CACHE_MAX_BYTES (64u << 20)

void web_cache_init(struct web_cache *c);
void web_cache_free(struct web_cache *c);
/* Drops every entry: the data may have changed. */
void web_cache_invalidate(struct web_cache *c);
/* The current generation, to pass to web_cache_put; drops every entry
 * first if the day has turned since they were made. */
uint64_t web_cache_generation(struct web_cache *c);

/* The key of a matched route: its pattern, format and arguments. */
void web_cache_key(const struct web_match *m, char *out, size_t n);

/* A kept page: the body (the caller frees *body), its ETag, format and when
 * its data was last updated. False when there is none. */
bool web_cache_get(struct web_cache *c, const char *key, char **body, size_t *len,
                   enum web_format *format, char etag[WEB_ETAG_SIZE],
                   char updated[STORE_TIME_SIZE]);
/* Keeps a page made in `generation`, unless that generation has ended. */
void web_cache_put(struct web_cache *c, uint64_t generation, const char *key, const char *body,
                   size_t len, enum web_format format, const char *etag, const char *updated);

#endif
