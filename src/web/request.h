/*
 * request.h - a request as the site's pages are given it, and the response
 * they fill (app.h makes one from the other).
 */
#ifndef PEEL_WEB_REQUEST_H
#define PEEL_WEB_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "store/updated.h"
#include "util/buf.h"
#include "web/http.h"
#include "web/params.h"
#include "web/router.h"

struct web_in {
    const char *method;
    const char *target; /* the raw request target; NULL when it was too long to keep */
    size_t target_len;
    const char *if_none_match, *if_modified_since; /* NULL when not sent */
    const char *client; /* who asks (guard.h: an address); NULL: unknown, as in tests */
    bool has_body;      /* the request says a body follows (only staff forms may) */
    /* The staff side's: the Cookie, Content-Type and Sec-Fetch-Site headers
     * (NULL when not sent), and a POSTed form's body, read whole. */
    const char *cookie, *content_type, *fetch_site;
    const char *body;
    size_t body_len;
    /* The server's own refusal of the request before it was read whole
     * (411, 413), with why; 0 when none. */
    int refused;
    const char *refused_why;
};

#define WEB_MAX_HEADERS 16

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
    bool retry_later;          /* a 503 or 429 that is a refusal for now: Retry-After */
    char retry_after[16];      /* its seconds */
    /* A staff page: for one person, never stored by a cache, never read by
     * another site's scripts. */
    bool private_page;
    char location[WEB_MAX_URL + 1]; /* a redirect's (303), or "" */
    char cookies[2][160];           /* Set-Cookie values, "" when unused */
};

struct store;
struct server_ctx;
struct web_stream;

/* What a page handler is given. */
struct web_request {
    const struct server_ctx *ctx;
    struct store *store;
    const struct web_target *target;
    const struct web_match *match;
    const char *client;            /* as web_in's: "" when unknown */
    char updated[STORE_TIME_SIZE]; /* when the data last changed; "" if never */
};

void web_response_free(struct web_response *r);
/* The value of a response header, or NULL (for tests and the server). */
const char *web_response_header(const struct web_response *r, const char *name);

#endif
