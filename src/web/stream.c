/*
 * stream.c - bodies made as they are read (see stream.h).
 */
#include "web/stream.h"
#include "util/mem.h"
#include "web/context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct web_stream *web_stream_new(web_fill_fn fill, void (*free_state)(void *), void *state)
{
    struct web_stream *s = xcalloc(1, sizeof *s);
    s->fill = fill;
    s->free_state = free_state;
    s->state = state;
    s->size = -1;
    return s;
}

/* Refills pending until it holds max bytes or the body ends; -1 on error. */
static int refill(struct web_stream *s, size_t max)
{
    if (s->off > 0) { /* what was read goes, so pending stays about max */
        memmove(s->pending.p, s->pending.p + s->off, s->pending.len - s->off);
        s->pending.len -= s->off;
        s->pending.p[s->pending.len] = '\0';
        s->off = 0;
    }
    struct buf err = BUF_INIT;
    while (!s->done && s->pending.len < max) {
        int rc = s->fill(s->state, &s->pending, &err);
        if (rc < 0) {
            fprintf(stderr, "peel serve: a download ended early, truncated: %s\n", buf_str(&err));
            buf_free(&err);
            return -1;
        }
        s->done = rc == 0;
    }
    buf_free(&err);
    return 0;
}

ssize_t web_stream_read(struct web_stream *s, char *out, size_t max)
{
    if (s->pending.len - s->off < max && !s->done && refill(s, max) < 0)
        return -1;
    size_t n = s->pending.len - s->off;
    if (n > max)
        n = max;
    if (n == 0)
        return 0;
    memcpy(out, s->pending.p + s->off, n);
    s->off += n;
    return (ssize_t)n;
}

void web_stream_close(struct web_stream *s)
{
    if (!s)
        return;
    if (s->free_state)
        s->free_state(s->state);
    if (s->store)
        server_store_release(s->ctx, s->store);
    buf_free(&s->pending);
    free(s);
}
