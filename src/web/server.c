/*
 * server.c - libmicrohttpd glue (see server.h; the context and its pool of
 * read-only connections are context.c's).
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
    server_ctx_free(ctx);
}
