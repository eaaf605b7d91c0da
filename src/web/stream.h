/*
 * stream.h - a response body made while the client reads it.
 *
 * Most pages are small and are made whole (struct web_response.body). A
 * download of every crime of a year is not: it is written a few rows at a
 * time as libmicrohttpd asks for more, so memory stays flat whatever the
 * size. The page hands over a `fill` function and its state; the stream
 * keeps the database connection the rows come from (a prepared statement
 * reads it) until the body is finished or the client goes away, and gives
 * it back to the pool then (web_stream_close).
 *
 * Once the headers are sent, the status cannot change: an error midway is
 * logged and the body ends there, truncated (libmicrohttpd then closes the
 * connection without the chunked terminator, so the client knows).
 */
#ifndef PEEL_WEB_STREAM_H
#define PEEL_WEB_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/buf.h"

/* Appends the next part of the body to out: 1 more to come, 0 that was the
 * last, -1 with err (the body ends truncated). */
typedef int (*web_fill_fn)(void *state, struct buf *out, struct buf *err);

struct server_ctx;
struct store;

struct web_stream {
    web_fill_fn fill;
    void (*free_state)(void *state);
    void *state;
    struct server_ctx *ctx; /* the pool the connection goes back to */
    struct store *store;    /* held until web_stream_close; NULL: none */
    int64_t size;           /* the body's length when known (Content-Length); else -1 */
    struct buf pending;     /* filled, not yet read */
    size_t off;             /* read so far of pending */
    bool done;
};

/* A stream over state (freed with free_state); the caller attaches the
 * connection it holds. */
struct web_stream *web_stream_new(web_fill_fn fill, void (*free_state)(void *), void *state);
/* Copies the next bytes of the body, at most max, to out: how many (more
 * than 0 until the end), 0 at the end, -1 after an error (logged). */
ssize_t web_stream_read(struct web_stream *s, char *out, size_t max);
/* Frees the state and gives the connection back; s may be NULL. */
void web_stream_close(struct web_stream *s);

#endif
