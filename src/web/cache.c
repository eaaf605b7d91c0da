/*
 * cache.c - pages kept until the data changes (see cache.h).
 *
 * A few hundred entries at most (one per page the plan has), so a plain
 * array searched in order is enough; the lock is held only to copy.
 */
#include "web/cache.h"
#include "model/calendar.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct web_cached {
    char *key, *body;
    size_t len;
    enum web_format format;
    char etag[WEB_ETAG_SIZE];
    char updated[STORE_TIME_SIZE];
};

void web_cache_init(struct web_cache *c)
{
    *c = (struct web_cache){0};
    pthread_mutex_init(&c->lock, NULL);
}

static void drop_all(struct web_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].key);
        free(c->items[i].body);
    }
    c->n = 0;
    c->bytes = 0;
    c->generation++;
}

void web_cache_free(struct web_cache *c)
{
    drop_all(c);
    free(c->items);
    pthread_mutex_destroy(&c->lock);
    *c = (struct web_cache){0};
}

void web_cache_invalidate(struct web_cache *c)
{
    pthread_mutex_lock(&c->lock);
    drop_all(c);
    pthread_mutex_unlock(&c->lock);
}

uint64_t web_cache_generation(struct web_cache *c)
{
    int day = date_today();
    pthread_mutex_lock(&c->lock);
    if (day != c->day) {
        drop_all(c);
        c->day = day;
    }
    uint64_t g = c->generation;
    pthread_mutex_unlock(&c->lock);
    return g;
}

void web_cache_key(const struct web_match *m, char *out, size_t n)
{
    int used = snprintf(out, n, "%s|%d", m->route->pattern, (int)m->format);
    for (size_t i = 0; i < m->nargs && used >= 0 && (size_t)used < n; i++)
        used += snprintf(out + used, n - (size_t)used, "|%s", m->args[i]);
}

static struct web_cached *find(struct web_cache *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].key, key) == 0)
            return &c->items[i];
    return NULL;
}

bool web_cache_get(struct web_cache *c, const char *key, char **body, size_t *len,
                   enum web_format *format, char etag[WEB_ETAG_SIZE], char updated[STORE_TIME_SIZE])
{
    pthread_mutex_lock(&c->lock);
    const struct web_cached *e = find(c, key);
    if (e) {
        *body = xmalloc(e->len + 1);
        memcpy(*body, e->body, e->len + 1);
        *len = e->len;
        *format = e->format;
        memcpy(etag, e->etag, WEB_ETAG_SIZE);
        memcpy(updated, e->updated, STORE_TIME_SIZE);
    }
    pthread_mutex_unlock(&c->lock);
    return e != NULL;
}

void web_cache_put(struct web_cache *c, uint64_t generation, const char *key, const char *body,
                   size_t len, enum web_format format, const char *etag, const char *updated)
{
    pthread_mutex_lock(&c->lock);
    if (generation == c->generation && !find(c, key) && c->bytes + len <= WEB_CACHE_MAX_BYTES) {
        if (c->n == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 64;
            c->items = xrealloc(c->items, c->cap * sizeof *c->items);
        }
        struct web_cached *e = &c->items[c->n++];
        *e = (struct web_cached){.key = xstrdup(key), .len = len, .format = format};
        e->body = xmalloc(len + 1);
        memcpy(e->body, body, len);
        e->body[len] = '\0';
        snprintf(e->etag, sizeof e->etag, "%s", etag);
        snprintf(e->updated, sizeof e->updated, "%s", updated);
        c->bytes += len;
    }
    pthread_mutex_unlock(&c->lock);
}
