/*
 * server.c - libmicrohttpd glue and the pool of read-only connections
 * (see server.h for why a pool).
 *
 * libmicrohttpd hands Peel the request line first (the URI log callback,
 * with the raw target before it parses or unescapes anything): Peel keeps
 * that copy and parses it itself (web/params.h), so the only URL parser
 * whose behaviour matters is one Peel tests and fuzzes. The access handler
 * then answers at once - the site has no request bodies to wait for - and
 * libmicrohttpd sends the response (without the body for HEAD).
 *
 * Limits against slow or greedy clients: 10 s of inactivity closes a
 * connection, at most 256 connections (32 per client address), and each
 * connection's request line and headers must fit in 32 KiB (libmicrohttpd
 * answers 414 or 431 itself beyond that).
 */
#include "web/server.h"
#include "store/export.h"
#include "store/store.h"
#include "util/mem.h"
#include "web/app.h"
#include "web/stream.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define DEFAULT_THREADS 4

/* One request's own state, from its request line to its completion. */
struct exchange {
    bool seen; /* the access handler has been called once */
    bool too_long;
    size_t len;
    char target[]; /* the raw request target, when not too long */
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    (void)conn;
    size_t n = strlen(uri);
    bool too_long = n > WEB_MAX_URL;
    struct exchange *x = xcalloc(1, sizeof *x + (too_long ? 1 : n + 1));
    x->too_long = too_long;
    if (!too_long) {
        memcpy(x->target, uri, n);
        x->len = n;
    }
    return x;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)conn;
    (void)why;
    free(*req_cls);
    *req_cls = NULL;
}

static ssize_t read_stream(void *cls, uint64_t pos, char *out, size_t max)
{
    (void)pos;
    ssize_t n = web_stream_read(cls, out, max);
    /* 0 would mean "nothing yet, ask again": the stream never says that */
    return n > 0    ? n
           : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM
                    : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void close_stream(void *cls)
{
    web_stream_close(cls); /* at the end, or when the client went away */
}

#define STREAM_BLOCK 65536 /* bytes asked of a stream at a time */

/* The response for libmicrohttpd, taking the body or the stream. */
static struct MHD_Response *make_response(struct web_response *rs)
{
    if (rs->stream) {
        struct web_stream *st = rs->stream;
        rs->stream = NULL;
        struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK,
                                                                   read_stream, st, close_stream);
        if (!r)
            web_stream_close(st);
        return r;
    }
    size_t n = rs->body.len;
    char *body = buf_detach(&rs->body);
    struct MHD_Response *r = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
    if (!r)
        free(body);
    return r;
}

static enum MHD_Result send_response(struct MHD_Connection *conn, struct web_response *rs)
{
    struct MHD_Response *r = make_response(rs);
    if (!r)
        return MHD_NO;
    for (size_t i = 0; i < rs->nheaders; i++)
        MHD_add_response_header(r, rs->headers[i].name, rs->headers[i].value);
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    (void)url; /* unescaped by libmicrohttpd: Peel parses the raw target instead */
    (void)version;
    (void)upload_data;
    struct exchange *x = *req_cls;
    /* A GET or HEAD is answered on the second call, once the request is
     * whole: a response queued on the first keeps libmicrohttpd from
     * reusing the connection. Anything else, or a request with a body, is
     * answered at once, and libmicrohttpd closes the connection after it
     * rather than read the body. */
    bool early =
        !x || *upload_data_size != 0 ||
        (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0);
    if (!early && !x->seen) {
        x->seen = true;
        return MHD_YES;
    }
    struct web_in in = {
        .method = method,
        .target = x && !x->too_long ? x->target : NULL,
        .target_len = x ? x->len : 0,
        .if_none_match =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
        .if_modified_since =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE),
    };
    struct web_response rs;
    web_handle(cls, &in, &rs);
    enum MHD_Result ok = send_response(conn, &rs);
    web_response_free(&rs);
    return ok;
}

static void now_iso(char out[STORE_TIME_SIZE])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, STORE_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void pool_init(struct store_pool *p, const char *path, size_t n)
{
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    p->path = path;
    p->n = n;
    p->slots = xcalloc(n, sizeof *p->slots);
}

static void pool_free(struct store_pool *p)
{
    if (!p->slots)
        return;
    for (size_t i = 0; i < p->n; i++)
        store_close(p->slots[i].store);
    free(p->slots);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->freed);
    *p = (struct store_pool){0};
}

/* A free slot, one with an open connection first; waits when all are busy
 * (only if more requests run at once than there are workers). */
static size_t pool_take(struct store_pool *p)
{
    for (;;) {
        size_t pick = p->n;
        for (size_t i = 0; i < p->n; i++)
            if (!p->slots[i].busy && (pick == p->n || p->slots[i].store))
                pick = i;
        if (pick < p->n) {
            p->slots[pick].busy = true;
            return pick;
        }
        pthread_cond_wait(&p->freed, &p->lock);
    }
}

/* Empties the cache when connection i sees a commit made since it last
 * looked; a connection's first look counts as one (it cannot know). Runs
 * with slot i held by this thread. */
static void check_data(struct server_ctx *ctx, size_t i, bool opened)
{
    struct pool_slot *slot = &ctx->pool.slots[i];
    long long v = store_data_version(slot->store);
    if (opened || v != slot->version || v < 0)
        web_cache_invalidate(&ctx->cache);
    slot->version = v;
}

/* Takes slot i's connection, opening it if it is new (outside the lock: it
 * reads the schema, and others need not wait). */
static struct store *take_slot(struct server_ctx *ctx, size_t i, struct buf *err)
{
    struct store_pool *p = &ctx->pool;
    struct store *s = p->slots[i].store;
    if (s) {
        check_data(ctx, i, false);
        return s;
    }
    s = store_open(p->path, STORE_READ_ONLY, err);
    pthread_mutex_lock(&p->lock);
    p->slots[i].store = s;
    if (!s) {
        if (p->slots[i].stream)
            p->nstreams--;
        p->slots[i].busy = p->slots[i].stream = false;
        pthread_cond_signal(&p->freed);
    }
    pthread_mutex_unlock(&p->lock);
    if (s)
        check_data(ctx, i, true);
    return s;
}

struct store *server_store_acquire(struct server_ctx *ctx, struct buf *err)
{
    struct store_pool *p = &ctx->pool;
    pthread_mutex_lock(&p->lock);
    size_t i = pool_take(p);
    pthread_mutex_unlock(&p->lock);
    return take_slot(ctx, i, err);
}

struct store *server_store_acquire_stream(struct server_ctx *ctx, bool *busy, struct buf *err)
{
    struct store_pool *p = &ctx->pool;
    pthread_mutex_lock(&p->lock);
    *busy = p->nstreams == SERVER_MAX_STREAMS;
    if (*busy) {
        pthread_mutex_unlock(&p->lock);
        buf_printf(
            err,
            "%d downloads are running, the most the site serves at once: try again in %s seconds.",
            SERVER_MAX_STREAMS, SERVER_STREAM_RETRY);
        return NULL;
    }
    /* Pages hold at most one slot per worker and downloads fewer than
     * SERVER_MAX_STREAMS, so a slot is free: this does not wait. */
    size_t i = pool_take(p);
    p->slots[i].stream = true;
    p->nstreams++;
    pthread_mutex_unlock(&p->lock);
    return take_slot(ctx, i, err);
}

void server_store_release(struct server_ctx *ctx, struct store *s)
{
    struct store_pool *p = &ctx->pool;
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->n; i++) {
        if (p->slots[i].store != s || !p->slots[i].busy)
            continue;
        if (p->slots[i].stream)
            p->nstreams--;
        p->slots[i].busy = p->slots[i].stream = false;
    }
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

static int read_plan(struct server_ctx *ctx, struct buf *err)
{
    struct store *s = server_store_acquire(ctx, err);
    if (!s)
        return -1;
    int rc = store_plan_read(s, ctx->opt.plan, 0, &ctx->plan, &ctx->plan_version, err);
    server_store_release(ctx, s);
    if (rc == 1 && ctx->opt.plan)
        buf_printf(err, "no plan '%s' in %s (peel plan show lists them)", ctx->opt.plan,
                   ctx->opt.db_path);
    else if (rc == 1)
        buf_printf(err, "no plan loaded in %s (peel plan load FILE)", ctx->opt.db_path);
    return rc == 0 ? 0 : -1;
}

int server_open(struct server_ctx *ctx, const struct server_options *o, struct buf *err)
{
    *ctx = (struct server_ctx){.opt = *o};
    if (!ctx->opt.bind)
        ctx->opt.bind = "127.0.0.1";
    if (!ctx->opt.threads)
        ctx->opt.threads = DEFAULT_THREADS;
    now_iso(ctx->started);
    pool_init(&ctx->pool, ctx->opt.db_path, ctx->opt.threads + SERVER_MAX_STREAMS);
    web_cache_init(&ctx->cache);
    if (read_plan(ctx, err) == 0)
        return 0;
    server_close(ctx);
    return -1;
}

long server_exports_missing(struct server_ctx *ctx)
{
    struct buf err = BUF_INIT;
    int64_t *ids = NULL;
    size_t n = 0;
    struct store *s = server_store_acquire(ctx, &err);
    long missing = s && store_export_missing(s, &ids, &n, &err) == 0 ? (long)n : -1;
    if (s)
        server_store_release(ctx, s);
    free(ids);
    buf_free(&err);
    return missing;
}

/* The listening address; false when bind is not an IP address. */
static bool make_address(const char *bind, unsigned port, struct sockaddr_storage *ss, bool *ipv6)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    *ipv6 = false;
    if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        return true;
    }
    if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        *ipv6 = true;
        return true;
    }
    return false;
}

int server_start(struct server_ctx *ctx, struct buf *err)
{
    struct sockaddr_storage ss;
    bool ipv6;
    if (ctx->opt.port > 65535 || !make_address(ctx->opt.bind, ctx->opt.port, &ss, &ipv6)) {
        buf_printf(err, "cannot listen on '%s' port %u: not an IP address and port", ctx->opt.bind,
                   ctx->opt.port);
        return -1;
    }
    errno = 0;
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
    ctx->daemon = MHD_start_daemon(
        flags, (uint16_t)ctx->opt.port, NULL, NULL, on_request, ctx, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, ctx->opt.threads,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, ctx, MHD_OPTION_NOTIFY_COMPLETED, on_completed, ctx,
        MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_CONNECTION_LIMIT, 256u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, 32u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768,
        MHD_OPTION_END);
    if (!ctx->daemon) {
        buf_printf(err, "cannot listen on %s port %u: %s", ctx->opt.bind, ctx->opt.port,
                   errno ? strerror(errno) : "libmicrohttpd could not start");
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(ctx->daemon, MHD_DAEMON_INFO_BIND_PORT);
    ctx->port = info ? info->port : ctx->opt.port;
    return 0;
}

void server_close(struct server_ctx *ctx)
{
    if (ctx->daemon)
        MHD_stop_daemon(ctx->daemon);
    ctx->daemon = NULL;
    pool_free(&ctx->pool);
    web_cache_free(&ctx->cache);
    plan_free(&ctx->plan);
    ctx->plan = (struct plan){0};
}
