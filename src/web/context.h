/*
 * context.h - what `peel serve` serves from: the options, the plan and a
 * pool of read-only connections to the store.
 *
 * One struct server_ctx holds everything the site needs: the options, the
 * plan (read once at start: a newly loaded plan is served after a
 * restart), the pool of read-only database connections, and the
 * libmicrohttpd daemon (server.h starts it). Nothing is global: every
 * request gets the context.
 *
 * Threads and the database: libmicrohttpd runs an internal thread pool
 * (MHD_USE_INTERNAL_POLLING_THREAD with MHD_OPTION_THREAD_POOL_SIZE), and
 * each worker answers its requests itself. A Peel store is one SQLite
 * connection opened with SQLITE_OPEN_NOMUTEX, which must never be used by
 * two threads at once. Rather than serialise every request behind one
 * connection (one slow page would stall the site), the context keeps a pool
 * of as many read-only connections as there are workers, opened lazily: a
 * request checks one out under a mutex and returns it when done, so each
 * connection is used by one thread at a time and requests run in parallel.
 * SQLite in WAL mode lets these readers run while `peel import` writes
 * (they see the data as of their query's start). With as many connections
 * as workers a request never waits; the condition variable is there only
 * for safety.
 *
 * A streamed download (web/stream.h) holds its connection after its
 * handler returns, until the client has read the whole body, while the
 * worker goes on serving other requests. If downloads could take the
 * workers' connections, a worker could wait for a connection that only it
 * can free: a deadlock. So the pool has SERVER_MAX_STREAMS more connections
 * for downloads only, and a download that finds them all in use is refused
 * at once (503) instead of waiting. Pages never hold a connection beyond
 * their handler, so at most one per worker is in use by pages.
 */
#ifndef PEEL_WEB_CONTEXT_H
#define PEEL_WEB_CONTEXT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/plan.h"
#include "store/plans.h"
#include "store/updated.h"
#include "util/buf.h"
#include "web/cache.h"
#include "web/guard.h"

struct server_options {
    const char *db_path;
    const char *plan; /* plan key; NULL: the one loaded most recently */
    const char *bind; /* an IPv4 or IPv6 address; NULL: 127.0.0.1 */
    unsigned port;    /* 0: any free port (see server_ctx.port) */
    unsigned threads; /* workers, and database connections; 0: 4 */
    /* The site's address as the public reach it ("https://example.org"),
     * for absolute links (the Atom feed); NULL: http://BIND:PORT as
     * served. Never taken from a request's Host header. */
    const char *public_url;
    struct guard_options guard; /* limits against abusive clients (guard.h) */
    /* XmR options for every metric in place of the plan's (`peel serve
     * --no-screen` and the rest); all 0: the plan's own */
    struct chart_options charts;
};

struct store;

#define SERVER_MAX_STREAMS 8 /* downloads at once */
/* How long a refused download is told to wait (Retry-After, seconds): a
 * download of a year of crimes takes seconds on a good line. */
#define SERVER_STREAM_RETRY "30"

struct pool_slot {
    struct store *store; /* NULL until first needed */
    bool busy;
    bool stream;       /* held by a download */
    long long version; /* store_data_version() when last asked */
};

struct store_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    const char *path;
    size_t n;
    size_t nstreams; /* slots held by downloads */
    struct pool_slot *slots;
};

struct MHD_Daemon;
struct throttle;

/* The staff side's write connection and sign-in counts. Staff requests are
 * few; each holds the one read-write connection for its length, under the
 * lock, so that the site's readers never wait on a writer's lock (WAL) and
 * staff changes are made one at a time. Opened at the first staff request:
 * a site served from a store it may only read still serves its public
 * pages, and says so on its staff pages. */
struct staff_side {
    pthread_mutex_t lock;
    struct store *writer;          /* NULL until first needed */
    struct throttle *accounts;     /* sign-in failures per username */
    struct throttle *clients;      /* and per client address */
    struct throttle *concerns;     /* public concerns forms sent per client address */
    struct throttle *applications; /* grant applications saved or sought per address */
    /* An argon2id hash of no account's password: a sign-in as an unknown
     * account is checked against it, to take the time a real one takes.
     * Made at the first such sign-in, under the lock. */
    char dummy_hash[128];
    /* Bodies larger than a plain form (uploads) being read now: at most
     * STAFF_MAX_UPLOADS, so that they bound the memory they take. */
    atomic_uint uploads;
};

#define STAFF_MAX_UPLOADS 2
/* Sign-in failures allowed: 5 per username and 20 per address in 15
 * minutes (NCSC advises 10 or fewer tries per account; an office's staff
 * share a few addresses, so an address gets more). */
#define SIGNIN_PER_ACCOUNT 5
#define SIGNIN_PER_CLIENT  20
#define SIGNIN_WINDOW      (15 * 60)
/* Public concerns forms (page_concerns.c) an address may send in an hour:
 * enough for a family, too few to fill the register. */
#define CONCERNS_PER_CLIENT 5
#define CONCERNS_WINDOW     3600
/* Grant applications (page_apply.c) an address may save or send, and
 * references it may ask for that are not there, in an hour: enough for an
 * organisation writing one application in several sittings, too few to
 * guess a reference. */
#define APPLICATIONS_PER_CLIENT 30
#define APPLICATIONS_WINDOW     3600

struct server_ctx {
    struct server_options opt;
    struct plan plan;
    struct plan_version plan_version;
    struct store_pool pool;
    struct web_cache cache;
    struct guard *guard; /* waiting connections, costly pages, the log */
    struct staff_side staff;
    struct MHD_Daemon *daemon;
    unsigned port;                 /* the port actually bound */
    char started[STORE_TIME_SIZE]; /* when the site started, ISO 8601 UTC */
};

/* Opens the store read-only and reads the plan; no network yet (the unit
 * tests drive the site through web_handle() from here). o->guard holds
 * the limits (guard_options_default() for the usual ones). -1 with err. */
int server_open(struct server_ctx *ctx, const struct server_options *o, struct buf *err);
/* How many months of street crimes have no stored CSV (store/export.h), so
 * that their downloads are made row by row: a store from before migration 8
 * until its next import. -1 when it cannot be read. */
long server_exports_missing(struct server_ctx *ctx);
/* Closes the connections and frees the plan and the cache (server_close()
 * does this after stopping the daemon). */
void server_ctx_free(struct server_ctx *ctx);

/* A connection for this thread's request, or NULL with err; give it back
 * with server_store_release(). When the data may have changed since the
 * connection was last used (another connection committed, or it is new),
 * the page cache is emptied first. */
struct store *server_store_acquire(struct server_ctx *ctx, struct buf *err);
/* A connection for a download, which may keep it after its handler
 * returns; NULL with err when SERVER_MAX_STREAMS downloads are running
 * (never waits; *busy is then set: the client should come back) or the
 * store cannot be opened. */
struct store *server_store_acquire_stream(struct server_ctx *ctx, bool *busy, struct buf *err);
void server_store_release(struct server_ctx *ctx, struct store *s);

/* The staff side's read-write connection, held (under its lock) until
 * server_writer_release; NULL with err when the store cannot be written. */
struct store *server_writer_acquire(struct server_ctx *ctx, struct buf *err);
void server_writer_release(struct server_ctx *ctx);

#endif
