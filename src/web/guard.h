/*
 * guard.h - what keeps the public site up under abusive clients.
 *
 * libmicrohttpd limits connections (all of them, and per address) and
 * closes a connection idle for its timeout, but nothing bounds how long a
 * request may take to arrive: 300 connections that each send a header line
 * every few seconds held every slot of the site. Nor can it tell a costly
 * page (an explorer query, a page made afresh) from a cached one, or one
 * visitor from another behind a reverse proxy. The guard adds, with no
 * global state (each server has one):
 *
 *  - Waiting connections (no whole request yet: a new one, or a keep-alive
 *    one between requests) apart from working ones. A request must arrive
 *    whole within deadline seconds of the connection's start (or of the
 *    previous response), else the connection is shut; at most
 *    max_waiting connections wait at once, and at most
 *    max_waiting_per_client from one address (a trusted proxy exempt): a new
 *    one past a cap shuts the oldest waiting one of that address, or of all.
 *    A watchdog thread checks the deadlines four times a second. A
 *    connection is shut with shutdown(2) under the guard's lock, which
 *    libmicrohttpd's close notice also takes before it closes the socket, so
 *    the descriptor shut is always the connection's own.
 *  - Costly pages: those made rather than read from the cache. Each client
 *    may spend at most budget seconds of CPU making them in any window
 *    seconds (then 429 with Retry-After). CPU, not the time a page took:
 *    on a busy machine (an import running, many visitors) the same page
 *    takes longer to make but costs the same, and a reader must not be
 *    turned away because others keep the cores busy. Query pages (the explorer's results:
 *    any number of them, never cached) are made at most max_costly at
 *    once, the rest told 503, busy, come back, so that they cannot take
 *    every worker; the site's own pages, made once and then cached, are
 *    not held back by them. A client is its address, or, when that is
 *    a trusted proxy, the address the proxy says it forwards for (the
 *    right-most X-Forwarded-For entry that is not itself a trusted proxy).
 *  - The log, rate-limited: a flood of bad requests must not fill the disk
 *    or drown what matters; the number of lines left out is said.
 */
#ifndef PEEL_WEB_GUARD_H
#define PEEL_WEB_GUARD_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <sys/socket.h>

#define GUARD_CLIENT_SIZE    64 /* an address as text, with room to spare */
#define GUARD_MAX_TRUSTED    16 /* trusted proxy addresses */
#define GUARD_LOG_PER_SECOND 10 /* log lines written per second at most */

/* Each limit left 0 takes its default, in brackets: a small server's. */
struct guard_options {
    double deadline;                 /* seconds for a request to arrive whole [10] */
    unsigned max_waiting;            /* connections waiting for a whole request [256] */
    unsigned max_waiting_per_client; /* of them from one address [16] */
    unsigned max_costly;             /* costly pages made at once [2: one per core] */
    double budget, window; /* CPU seconds of costly pages per client per window [10, 60] */
    const char *trusted[GUARD_MAX_TRUSTED]; /* proxies' addresses, as text */
    size_t ntrusted;
};

struct guard;
struct guard_conn;

/* NULL with err when the watchdog thread cannot start. */
struct guard *guard_new(const struct guard_options *o, char *err, size_t errlen);
/* Stops the watchdog; every connection must have been closed. */
void guard_free(struct guard *g);

/* A new connection on descriptor fd from addr: waiting. May shut older
 * waiting connections (see above). */
struct guard_conn *guard_conn_open(struct guard *g, int fd, const struct sockaddr *addr);
/* Its request has arrived whole: no deadline while it is answered. */
void guard_conn_working(struct guard *g, struct guard_conn *c);
/* Its response is done: waiting for the next request. */
void guard_conn_waiting(struct guard *g, struct guard_conn *c);
/* libmicrohttpd is closing it (before it closes the socket). */
void guard_conn_close(struct guard *g, struct guard_conn *c);
/* The connection's address as text ("" for NULL). */
const char *guard_conn_address(const struct guard_conn *c);

/* Who the client is, for budgets and the log: the peer's address, or for
 * a trusted proxy the forwarded address (xff: the X-Forwarded-For header's
 * value, NULL if none). */
void guard_client(const struct guard *g, const char *peer, const char *xff,
                  char out[GUARD_CLIENT_SIZE]);
/* Whether the peer is a trusted proxy. */
bool guard_trusted(const struct guard *g, const char *peer);

enum guard_verdict { GUARD_GO, GUARD_BUSY, GUARD_OVER_BUDGET };
/* Before making a costly page for client (query: one of the capped
 * ones): GUARD_GO (then call guard_costly_end with the same query), or why
 * not with *retry_after in whole seconds. */
enum guard_verdict guard_costly_begin(struct guard *g, const char *client, bool query,
                                      int *retry_after);
/* The page is made: seconds, the CPU its thread used making it
 * (clock_thread_seconds, util/clock.h), is charged to the client. */
void guard_costly_end(struct guard *g, const char *client, bool query, double seconds);

/* A line for the log (stderr), unless more than GUARD_LOG_PER_SECOND have
 * been written this second; the next line written says how many were not. */
void guard_log(struct guard *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void guard_vlog(struct guard *g, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
