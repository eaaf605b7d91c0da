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
 * connection; at most SERVER_MAX_CONNECTIONS connections (32 per client
 * address unless a trusted proxy is named: then every visitor comes from
 * its address, and the guard counts them by X-Forwarded-For instead); each
 * connection's request line and headers must fit in 32 KiB (libmicrohttpd
 * answers 414 or 431 itself beyond that, without Peel's headers: its own
 * fixed text, which reflects nothing sent); and the guard (guard.h) gives
 * a request a deadline to arrive whole (10 s), caps the connections waiting for
 * one, in all and per address, and rations costly pages per client. Its
 * log is libmicrohttpd's too, rate-limited.
 */
#include "web/server.h"
#include "util/mem.h"
#include "web/app.h"
#include "web/form.h"
#include "web/session.h"
#include "web/staff.h"
#include "web/stream.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* All connections at once: libmicrohttpd refuses more. Waiting ones are
 * fewer (guard.h), so that working ones always have room. */
#define SERVER_MAX_CONNECTIONS 1024u

/* One request's own state, from its request line to its completion. */
struct exchange {
    bool seen; /* the access handler has been called once */
    bool too_long;
    struct buf body; /* a staff form's body, as it arrives */
    int refused;     /* a staff form refused before its body was read (403, 411, 413, 503) */
    const char *refused_why;
    bool upload_slot; /* holds one of the staff side's upload slots */
    size_t len;
    char target[]; /* the raw request target, when not too long */
};

static struct guard_conn *guard_conn_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info ? info->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct server_ctx *ctx = cls;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        guard_conn_close(ctx->guard, *socket_context);
        *socket_context = NULL;
        return;
    }
    const union MHD_ConnectionInfo *fd =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    const union MHD_ConnectionInfo *addr =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (fd)
        *socket_context =
            guard_conn_open(ctx->guard, fd->connect_fd, addr ? addr->client_addr : NULL);
}

/* Peel parses the target itself (web/params.h), from this copy; and keeps
 * libmicrohttpd from parsing its query: 1,000 parameters overflowed its
 * 32 KiB pool, which then neither answered nor freed the request (the
 * client waited 10 s for nothing). libmicrohttpd calls this "before we
 * modify URI or args" (connection.c, 0.9.75) and parses the arguments that
 * follow the '?' afterwards, from the same buffer: ending the text after
 * the '?' leaves it none. */
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
    char *query = strchr(uri, '?');
    if (query)
        query[1] = '\0';
    return x;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode why)
{
    struct server_ctx *ctx = cls;
    (void)why;
    struct guard_conn *gc = guard_conn_of(conn);
    if (gc)
        guard_conn_waiting(ctx->guard, gc);
    struct exchange *x = *req_cls;
    if (x && x->upload_slot)
        atomic_fetch_sub(&ctx->staff.uploads, 1);
    if (x)
        buf_free(&x->body);
    free(x);
    *req_cls = NULL;
}

/* libmicrohttpd's own messages: its format, its arguments. */
__attribute__((format(printf, 2, 0))) static void on_log(void *cls, const char *fmt, va_list ap)
{
    struct server_ctx *ctx = cls;
    struct buf line = BUF_INIT;
    buf_puts(&line, "peel serve: libmicrohttpd: ");
    buf_vprintf(&line, fmt, ap);
    guard_log(ctx->guard, "%s", buf_str(&line));
    buf_free(&line);
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
        uint64_t size = st->size >= 0 ? (uint64_t)st->size : MHD_SIZE_UNKNOWN;
        struct MHD_Response *r =
            MHD_create_response_from_callback(size, STREAM_BLOCK, read_stream, st, close_stream);
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

/* Whether the request says a body follows: the site reads none. */
static bool has_body(struct MHD_Connection *conn)
{
    const char *te =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    const char *cl =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return te || (cl && strspn(cl, "0 \t") != strlen(cl));
}

/* The client's address, and who it is (guard.h: a trusted proxy's
 * X-Forwarded-For). */
static void client_of(struct server_ctx *ctx, struct MHD_Connection *conn,
                      char client[GUARD_CLIENT_SIZE])
{
    const char *peer = guard_conn_address(guard_conn_of(conn));
    const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
    guard_client(ctx->guard, peer, xff, client);
}

/* The request as Peel's pages take it (app.h), from libmicrohttpd's. */
static struct web_in web_in_of(struct MHD_Connection *conn, const char *method,
                               const struct exchange *x, const char *client, bool body)
{
    return (struct web_in){
        .method = method,
        .target = x && !x->too_long ? x->target : NULL,
        .target_len = x ? x->len : 0,
        .if_none_match =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
        .if_modified_since =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE),
        .client = client,
        .has_body = body,
        .cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE),
        .content_type =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
        .fetch_site = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Site"),
        .body = x ? x->body.p : NULL,
        .body_len = x ? x->body.len : 0,
        .refused = x ? x->refused : 0,
        .refused_why = x ? x->refused_why : NULL,
    };
}

static enum MHD_Result answer(struct server_ctx *ctx, struct MHD_Connection *conn,
                              const struct web_in *in)
{
    struct web_response rs;
    web_handle(ctx, in, &rs);
    enum MHD_Result ok = send_response(conn, &rs);
    web_response_free(&rs);
    return ok;
}

/* Whether the target (path, before any '?') ends with the action that
 * takes a file. */
static bool upload_target(const struct exchange *x)
{
    static const char action[] = "/document";
    size_t n = strcspn(x->target, "?");
    return n > sizeof action - 1 &&
           memcmp(x->target + n - (sizeof action - 1), action, sizeof action - 1) == 0;
}

static bool refuse(struct exchange *x, int status, const char *why)
{
    x->refused = status;
    x->refused_why = why;
    return true;
}

/* Whether a staff POST is refused before a byte of its body is read:
 * without a declared length (no chunked bodies to bound as they come);
 * longer than a form, or than a form with a file where a file is taken;
 * a body larger than a form from a browser with no session cookie, or
 * when STAFF_MAX_UPLOADS are being read already. Else it may hold an
 * upload slot (given back when the request completes). */
static bool refused_early(struct server_ctx *ctx, struct MHD_Connection *conn, struct exchange *x)
{
    const char *cl =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *te =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    char *end = NULL;
    unsigned long long n = cl ? strtoull(cl, &end, 10) : 0;
    if (te || !cl || end == cl || *end)
        return refuse(x, 411, "Send the form with a Content-Length.");
    if (n > (upload_target(x) ? WEB_MAX_UPLOAD_BODY : WEB_MAX_FORM_BODY))
        return refuse(x, 413,
                      upload_target(x) ? "The file is larger than 20 MiB."
                                       : "The form is larger than this site takes "
                                         "(64 KiB).");
    if (n <= WEB_MAX_FORM_BODY)
        return false;
    char token[SESSION_TOKEN_SIZE];
    const char *cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    if (!session_cookie(cookie, SESSION_COOKIE, token))
        return refuse(x, 403, "Sign in before you send a file.");
    if (atomic_fetch_add(&ctx->staff.uploads, 1) >= STAFF_MAX_UPLOADS) {
        atomic_fetch_sub(&ctx->staff.uploads, 1);
        return refuse(x, 503, "Two files are being received already: try again in a minute.");
    }
    x->upload_slot = true;
    return false;
}

static enum MHD_Result staff_answer(struct server_ctx *ctx, struct MHD_Connection *conn,
                                    struct exchange *x)
{
    struct guard_conn *gc = guard_conn_of(conn);
    if (gc)
        guard_conn_working(ctx->guard, gc);
    char client[GUARD_CLIENT_SIZE];
    client_of(ctx, conn, client);
    struct web_in in = web_in_of(conn, MHD_HTTP_METHOD_POST, x, client, true);
    return answer(ctx, conn, &in);
}

/* A staff form's POST: the only request whose body the site reads, whole,
 * within the bounds refused_early sets, before the request counts as
 * arrived, so the guard's deadline (guard.h) bounds a slow sender as it
 * bounds slow headers. */
static enum MHD_Result staff_post(struct server_ctx *ctx, struct MHD_Connection *conn,
                                  struct exchange *x, const char *upload, size_t *upload_size)
{
    if (!x->seen) {
        x->seen = true;
        if (refused_early(ctx, conn, x))
            return staff_answer(ctx, conn, x);
        /* a file may take longer than the guard's deadline to arrive: the
         * upload slots bound how many, and libmicrohttpd's inactivity
         * time-out how slowly */
        struct guard_conn *gc = x->upload_slot ? guard_conn_of(conn) : NULL;
        if (gc)
            guard_conn_working(ctx->guard, gc);
        return MHD_YES; /* now the body */
    } else if (*upload_size != 0) {
        size_t cap = upload_target(x) ? WEB_MAX_UPLOAD_BODY : WEB_MAX_FORM_BODY;
        if (x->body.len + *upload_size <= cap)
            buf_append(&x->body, upload, *upload_size);
        else
            refuse(x, 413, "The form is larger than it said.");
        *upload_size = 0;
        return MHD_YES;
    }
    return staff_answer(ctx, conn, x);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    struct server_ctx *ctx = cls;
    (void)url; /* unescaped by libmicrohttpd: Peel parses the raw target instead */
    (void)version;
    struct exchange *x = *req_cls;
    if (x && !x->too_long && strcmp(method, MHD_HTTP_METHOD_POST) == 0 &&
        staff_target(x->target, x->len))
        return staff_post(ctx, conn, x, upload_data, upload_data_size);
    struct guard_conn *gc = guard_conn_of(conn);
    if (gc)
        guard_conn_working(ctx->guard, gc); /* the request line and headers are in */
    /* A GET or HEAD with no body is answered on the second call, once the
     * request is whole: a response queued on the first keeps
     * libmicrohttpd from reusing the connection. Anything else, a request
     * with a body above all, is answered on the first, before any body is
     * read (libmicrohttpd then closes the connection rather than read it):
     * queued later, with a body half read, the response was never sent. */
    bool body = has_body(conn);
    bool early =
        !x || body || *upload_data_size != 0 ||
        (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0);
    if (!early && !x->seen) {
        x->seen = true;
        return MHD_YES;
    }
    char client[GUARD_CLIENT_SIZE];
    client_of(ctx, conn, client);
    struct web_in in = web_in_of(conn, method, x, client, body || *upload_data_size != 0);
    return answer(ctx, conn, &in);
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
    unsigned per_ip = ctx->opt.guard.ntrusted ? 0u : 32u; /* 0: no limit */
    ctx->daemon = MHD_start_daemon(
        flags, (uint16_t)ctx->opt.port, NULL, NULL, on_request, ctx, MHD_OPTION_EXTERNAL_LOGGER,
        on_log, ctx, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
        ctx->opt.threads, MHD_OPTION_URI_LOG_CALLBACK, on_uri, ctx, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, ctx, MHD_OPTION_NOTIFY_CONNECTION, on_connection, ctx,
        MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_CONNECTION_LIMIT, SERVER_MAX_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)32768, MHD_OPTION_END);
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
