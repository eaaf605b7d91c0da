/*
 * cmd_serve.c - `peel serve`: the public web site, until Ctrl-C.
 *
 * SIGINT and SIGTERM are blocked before the server's threads start (so
 * they inherit the mask and none of them is interrupted) and then waited
 * for with sigwait(): the shutdown runs in this thread, in order - stop
 * listening, finish the requests in progress, close the database - with no
 * signal handler and no global flag.
 */
#include "cli/commands.h"
#include "cli/spc_options.h"
#include "web/server.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cli_parse_unsigned into an unsigned, as the server's options are. */
static bool parse_unsigned(const char *s, unsigned max, unsigned *out)
{
    unsigned long long v;
    if (!cli_parse_unsigned(s, max, &v))
        return false;
    *out = (unsigned)v;
    return true;
}

/* An address as the guard compares them: IPv4 or IPv6, written back in
 * inet_ntop's form ("::1", not "0:0::1"). */
static bool canonical_address(const char *s, char *out, size_t n)
{
    unsigned char bytes[sizeof(struct in6_addr)];
    if (inet_pton(AF_INET, s, bytes) == 1)
        return inet_ntop(AF_INET, bytes, out, (socklen_t)n) != NULL;
    if (inet_pton(AF_INET6, s, bytes) == 1)
        return inet_ntop(AF_INET6, bytes, out, (socklen_t)n) != NULL;
    return false;
}

static int add_trusted(struct server_options *o, char (*kept)[GUARD_CLIENT_SIZE], const char *arg)
{
    struct guard_options *g = &o->guard;
    if (g->ntrusted == GUARD_MAX_TRUSTED)
        return cli_usage_error(&cmd_serve, "at most %d --trusted-proxy addresses",
                               GUARD_MAX_TRUSTED);
    if (!canonical_address(arg, kept[g->ntrusted], GUARD_CLIENT_SIZE))
        return cli_usage_error(&cmd_serve, "--trusted-proxy takes an IP address, not '%s'", arg);
    g->trusted[g->ntrusted] = kept[g->ntrusted];
    g->ntrusted++;
    return 0;
}

/* The site's public address: http(s)://, a host, perhaps a port and a
 * path, in characters that need no escaping in a URL, XML or HTML (it is
 * written into the Atom feed's links). */
static bool public_url_ok(const char *url)
{
    const char *rest = strncmp(url, "https://", 8) == 0  ? url + 8
                       : strncmp(url, "http://", 7) == 0 ? url + 7
                                                         : NULL;
    if (!rest || !*rest || *rest == '/' || strlen(url) > 200)
        return false;
    return strspn(rest, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                        "-._~:/[]") == strlen(rest);
}

static int parse_serve_args(int argc, char **argv, struct server_options *o,
                            char (*trusted)[GUARD_CLIENT_SIZE])
{
    static const struct option longopts[] = {{"port", required_argument, NULL, 'p'},
                                             {"bind", required_argument, NULL, 'b'},
                                             {"plan", required_argument, NULL, 'P'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"trusted-proxy", required_argument, NULL, 'T'},
                                             {"request-deadline", required_argument, NULL, 'D'},
                                             {"public-url", required_argument, NULL, 'U'},
                                             {"client-budget", required_argument, NULL, 'B'},
                                             SPC_OPTIONS_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    int c;
    unsigned deadline, budget;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        int taken = spc_options_take(&cmd_serve, c, optarg, &o->charts);
        if (taken != 0 && taken != 1)
            return taken;
        if (taken)
            continue;
        if (c == 'p' && !parse_unsigned(optarg, 65535, &o->port))
            return cli_usage_error(&cmd_serve, "--port must be a number from 0 to 65535");
        else if (c == 't' && (!parse_unsigned(optarg, 64, &o->threads) || o->threads == 0))
            return cli_usage_error(&cmd_serve, "--threads must be a number from 1 to 64");
        else if (c == 'D' && (!parse_unsigned(optarg, 3600, &deadline) || deadline == 0))
            return cli_usage_error(&cmd_serve,
                                   "--request-deadline must be a number of seconds, 1 to 3600");
        else if (c == 'D')
            o->guard.deadline = deadline;
        else if (c == 'B' && (!parse_unsigned(optarg, 3600, &budget) || budget == 0))
            return cli_usage_error(&cmd_serve,
                                   "--client-budget must be a number of seconds, 1 to 3600");
        else if (c == 'B')
            o->guard.budget = budget;
        else if (c == 'T' && add_trusted(o, trusted, optarg) != 0)
            return EXIT_USAGE;
        else if (c == 'U' && !public_url_ok(optarg))
            return cli_usage_error(&cmd_serve,
                                   "--public-url must be an http:// or https:// address such as "
                                   "https://www.example.org, with no quotes, spaces, query or "
                                   "fragment");
        else if (c == 'U')
            o->public_url = optarg;
        else if (c == 'b')
            o->bind = optarg;
        else if (c == 'P')
            o->plan = optarg;
        else if (c != 'p' && c != 't' && c != 'T')
            return cli_usage_error(&cmd_serve, "unknown option '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error(&cmd_serve, "unexpected argument '%s'", argv[optind]);
    return 0;
}

static int serve(struct server_ctx *server, const sigset_t *stop)
{
    struct buf err = BUF_INIT;
    if (server_start(server, &err) < 0) {
        fprintf(stderr, "peel serve: %s\n", buf_str(&err));
        buf_free(&err);
        return 1;
    }
    const char *bind = server->opt.bind;
    bool v6 = strchr(bind, ':') != NULL;
    printf("Serving http://%s%s%s:%u/ (Ctrl-C to stop)\n", v6 ? "[" : "", bind, v6 ? "]" : "",
           server->port);
    fflush(stdout);
    long missing = server_exports_missing(server);
    if (missing > 0)
        fprintf(stderr,
                "peel serve: note: %ld month%s of crimes %s no stored CSV export, so %s "
                "downloads are made row by row (slower); `peel import` or `peel import-areas` "
                "renders it\n",
                missing, missing == 1 ? "" : "s", missing == 1 ? "has" : "have",
                missing == 1 ? "its" : "their");
    int sig = 0;
    sigwait(stop, &sig);
    fprintf(stderr, "peel serve: %s, stopping\n", sig == SIGTERM ? "terminated" : "interrupted");
    return 0;
}

static int run_serve(int argc, char **argv, struct peel_ctx *ctx)
{
    struct server_options o = {.db_path = ctx->db_path, .port = 8080};
    char trusted[GUARD_MAX_TRUSTED][GUARD_CLIENT_SIZE];
    int rc = parse_serve_args(argc, argv, &o, trusted);
    if (rc) {
        chart_options_free(&o.charts);
        return rc;
    }
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    struct server_ctx server;
    struct buf err = BUF_INIT;
    if (server_open(&server, &o, &err) < 0) {
        fprintf(stderr, "peel serve: %s\n", buf_str(&err));
        rc = 1;
    } else {
        rc = serve(&server, &stop);
        server_close(&server);
    }
    buf_free(&err);
    chart_options_free(&o.charts);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

const struct peel_cmd cmd_serve = {
    "serve",
    run_serve,
    "the public web site: the plan, every metric's chart and status, and the data",
    "peel serve [--port N] [--bind ADDR] [--plan ID] [--threads N] [--trusted-proxy ADDR]...\n"
    "           [--request-deadline S] [--client-budget S] [--public-url URL]\n"
    "           [XmR chart options]",
    "Serves the performance of the plan (the one loaded most recently, or --plan) as a public,\n"
    "read-only web site: a home page with the vision, the exceptions and each mission's\n"
    "metrics; a page per mission and delivery strategy; a page per metric with its chart,\n"
    "sentence, target and values (also at the same address with .csv and .json); and every\n"
    "metric's status at /api/metrics.json. The database is opened read-only, so imports can\n"
    "go on while it runs. Runs until interrupted (Ctrl-C) or terminated. See docs/web.md.\n"
    "\n"
    "Options:\n"
    "  --port N      the port to listen on (default 8080; 0: any free port, printed)\n"
    "  --bind ADDR   the IPv4 or IPv6 address to listen on (default 127.0.0.1: this machine\n"
    "                only; 0.0.0.0 for every interface, e.g. behind a reverse proxy)\n"
    "  --plan ID     which plan (default: the one loaded most recently)\n"
    "  --threads N   worker threads, each with its own database connection (default 4)\n"
    "  --trusted-proxy ADDR\n"
    "                a reverse proxy in front (repeatable): requests from its address are\n"
    "                counted by the client its X-Forwarded-For names, and the limit of 32\n"
    "                connections per address is lifted (every visitor comes through it)\n"
    "  --request-deadline S\n"
    "                seconds a request may take to arrive whole (default 10)\n"
    "  --client-budget S\n"
    "                seconds of CPU a minute one client may spend on pages made afresh\n"
    "                (default 10; waiting for a busy machine does not count)\n"
    "  --public-url URL\n"
    "                the site's address as the public reach it (e.g. https://www.example.org),\n"
    "                for the absolute links of the decisions' Atom feed (default: the address\n"
    "                served, http://BIND:PORT); never taken from a request's Host "
    "header\n" SPC_OPTIONS_HELP
    "                   (for every metric on the site, in place of the plan's; each\n"
    "                   metric's page says which were used)\n"
    "\n"
    "Against abusive clients (docs/web.md): at most 256 connections wait for a request at\n"
    "once, 16 from one address; searches of the explorer are made at most 2 at a time, and\n"
    "each client may spend 10 s of CPU a minute (--client-budget) on pages made afresh (then\n"
    "429, with Retry-After).\n"
    "\n"
    "Examples:\n"
    "  peel serve\n"
    "  peel serve --port 0\n"
    "  peel --db demo/peel.db serve --bind 0.0.0.0 --port 8000\n"
    "  peel serve --port 8080 --trusted-proxy 127.0.0.1   # behind nginx on this machine\n",
};
