/*
 * server.h - `peel serve`: the public web site over a read-only store,
 * served by libmicrohttpd.
 *
 * server_open() (context.h) reads the plan and readies the pool of
 * connections; server_start() listens; every request goes to web_handle()
 * (app.h) with the context.
 */
#ifndef PEEL_WEB_SERVER_H
#define PEEL_WEB_SERVER_H

#include "util/buf.h"
#include "web/context.h"

/* Listens on opt.bind:opt.port; -1 with err. */
int server_start(struct server_ctx *ctx, struct buf *err);
/* Stops listening (waiting for requests in progress), closes everything;
 * once, after a server_open() that succeeded. */
void server_close(struct server_ctx *ctx);

#endif
