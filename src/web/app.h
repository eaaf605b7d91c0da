/*
 * app.h - one HTTP request in, one response out, with no sockets: the whole
 * site as a function.
 *
 * server.c hands each request from libmicrohttpd to web_handle() and sends
 * back what it fills; the unit tests call web_handle() directly. Every
 * response gets the same security headers here, whichever page made it, so
 * no page can forget one:
 *
 *   Content-Security-Policy   default-src 'none'; style-src 'self';
 *                             img-src 'self' data:; form-action 'self';
 *                             frame-ancestors 'none'; base-uri 'none'
 *                             (no script can run, not even one injected)
 *   X-Content-Type-Options    nosniff
 *   Referrer-Policy           no-referrer
 *   X-Frame-Options           DENY (frame-ancestors for older browsers)
 *   Cross-Origin-Opener-Policy same-origin
 *
 * and a Content-Type with its charset. Pages and data also get an ETag (a
 * hash of the body), Last-Modified (when the data last changed) and
 * Cache-Control: no-cache, and answer If-None-Match / If-Modified-Since
 * with 304. Data (.csv, .json) may be read from other sites' scripts
 * (Access-Control-Allow-Origin: *): it is public, and no request carries
 * credentials.
 */
#ifndef PEEL_WEB_APP_H
#define PEEL_WEB_APP_H

#include "store/updated.h"
#include "util/buf.h"
#include "web/http.h"
#include "web/params.h"
#include "web/router.h"
#include "web/server.h"
#include "web/stream.h"

struct web_in {
    const char *method;
    const char *target; /* the raw request target; NULL when it was too long to keep */
    size_t target_len;
    const char *if_none_match, *if_modified_since; /* NULL when not sent */
};

#define WEB_MAX_HEADERS 12

struct web_header {
    const char *name, *value; /* static, or pointing into the response */
};

struct web_response {
    int status;
    enum web_format format;
    struct buf body;
    struct web_header headers[WEB_MAX_HEADERS];
    size_t nheaders;
    char etag[WEB_ETAG_SIZE]; /* a page may set it (a stream's weak tag); else the body's */
    char last_modified[WEB_DATE_SIZE];
    /* A published report's file (/reports/...), served as stored: its own
     * Content-Type, its SHA-256 as the ETag (set by the page), immutable,
     * never in the page cache; downloads name the file. */
    bool published_file;
    const char *content_type;                 /* with published_file */
    char disposition[WEB_MAX_PARAM_LEN + 64]; /* Content-Disposition, or "" */
    struct web_stream *stream; /* when not NULL, the body is this, made as it is read */
    bool retry_later;          /* a 503 that is a refusal for now: Retry-After */
};

struct store;

/* What a page handler is given. */
struct web_request {
    const struct server_ctx *ctx;
    struct store *store;
    const struct web_target *target;
    const struct web_match *match;
    char updated[STORE_TIME_SIZE]; /* when the data last changed; "" if never */
};

void web_handle(struct server_ctx *ctx, const struct web_in *in, struct web_response *out);
void web_response_free(struct web_response *r);
/* The value of a response header, or NULL (for tests and the server). */
const char *web_response_header(const struct web_response *r, const char *name);

/* For handlers: an error page (400, 404, 500, ...) in place of the page,
 * saying `message` (plain text; it is escaped). */
void web_error(const struct web_request *rq, struct web_response *rs, int status,
               const char *message);

#endif
