/*
 * app.h - one HTTP request in, one response out, with no sockets: the whole
 * site as a function.
 *
 * server.c hands each request from libmicrohttpd to web_handle() and sends
 * back what it fills; the unit tests call web_handle() directly. The route
 * table is here; the pages are pages.h's. Every
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

#include "web/context.h"
#include "web/request.h"

void web_handle(struct server_ctx *ctx, const struct web_in *in, struct web_response *out);

#endif
