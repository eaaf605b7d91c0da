/*
 * throttle.c - failures counted per key in a fixed window (see
 * throttle.h). A linear scan of 1,024 short keys takes about a
 * microsecond, next to the tenth of a second each try's password hash
 * costs, so the table is a plain array.
 */
#include "web/throttle.h"
#include "util/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char key[THROTTLE_KEY_SIZE];
    unsigned failures;
    int64_t since; /* when its window started */
};

struct throttle {
    pthread_mutex_t lock;
    unsigned limit;
    int64_t window;
    struct entry entries[THROTTLE_KEYS];
};

struct throttle *throttle_new(unsigned limit, int64_t window)
{
    struct throttle *t = xcalloc(1, sizeof *t);
    pthread_mutex_init(&t->lock, NULL);
    t->limit = limit;
    t->window = window;
    return t;
}

void throttle_free(struct throttle *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->lock);
    free(t);
}

/* The key's entry, or NULL; under the lock. */
static struct entry *find(struct throttle *t, const char *key)
{
    for (size_t i = 0; i < THROTTLE_KEYS; i++)
        if (t->entries[i].failures && strncmp(t->entries[i].key, key, THROTTLE_KEY_SIZE - 1) == 0)
            return &t->entries[i];
    return NULL;
}

bool throttle_allows(struct throttle *t, const char *key, int64_t now, int64_t *retry_after)
{
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key);
    bool ok = true;
    if (e && now - e->since >= t->window)
        e->failures = 0; /* its window is over */
    else if (e && e->failures >= t->limit) {
        ok = false;
        *retry_after = e->since + t->window - now;
    }
    pthread_mutex_unlock(&t->lock);
    return ok;
}

void throttle_fail(struct throttle *t, const char *key, int64_t now)
{
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key);
    if (e && now - e->since >= t->window)
        e->failures = 0;
    if (!e || e->failures == 0) {
        if (!e) { /* a free slot, else the oldest window's */
            e = &t->entries[0];
            for (size_t i = 0; i < THROTTLE_KEYS && e->failures; i++)
                if (!t->entries[i].failures || t->entries[i].since < e->since)
                    e = &t->entries[i];
        }
        snprintf(e->key, sizeof e->key, "%s", key);
        e->since = now;
    }
    e->failures++;
    pthread_mutex_unlock(&t->lock);
}

void throttle_clear(struct throttle *t, const char *key)
{
    pthread_mutex_lock(&t->lock);
    struct entry *e = find(t, key);
    if (e)
        e->failures = 0;
    pthread_mutex_unlock(&t->lock);
}
