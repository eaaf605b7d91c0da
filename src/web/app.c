/*
 * app.c - from a request to a response: method, target, route, page, then
 * the headers every response carries (see app.h).
 */
#include "web/app.h"
#include "util/clock.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/staff.h"
#include "web/stream.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const struct web_route routes[] = {
    {"/", WEB_HTML, 0, false, 0, page_home},
    {"/plan/:mission", WEB_HTML, 0, false, 0, page_mission},
    {"/plan/:mission/:strategy", WEB_HTML, 0, false, 0, page_strategy},
    {"/metric/:id", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_metric},
    {"/api/metrics.json", WEB_JSON, 0, false, 0, page_api_metrics},
    {"/api/metrics.csv", WEB_CSV, 0, false, 0, page_api_metrics},
    {"/static/peel.css", WEB_CSS, 0, true, 0, page_stylesheet},
    {"/explore", WEB_HTML, 0, false, WEB_ROUTE_QUERY, page_explore},
    {"/explore.csv", WEB_CSV, 0, false, WEB_ROUTE_QUERY | WEB_ROUTE_STREAM, page_explore},
    {"/explore.json", WEB_JSON, 0, false, WEB_ROUTE_QUERY | WEB_ROUTE_STREAM, page_explore},
    {"/area", WEB_HTML, 0, false, 0, page_areas},
    {"/area/:grouping/:value", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_area},
    {"/area/:grouping/:value/:table", WEB_CSV, WEB_CSV | WEB_JSON, false, 0, page_area_table},
    {"/reports", WEB_HTML, 0, false, 0, page_reports},
    /* the annual report's crime statistics, year by year */
    {"/annual", WEB_HTML, 0, false, 0, page_annual_list},
    {"/annual/:fy", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_annual},
    {"/annual/:fy/:table", WEB_CSV, WEB_CSV | WEB_JSON, false, 0, page_annual_table},
    {"/reports/:kind/:period/:version/:file", WEB_HTML, 0, false, WEB_ROUTE_STREAM,
     page_report_file},
    {"/open-data", WEB_HTML, 0, false, 0, page_open_data},
    {"/api/audit-head.json", WEB_JSON, 0, false, 0, page_audit_head},
    {"/documents/:sha256", WEB_HTML, 0, false, 0, page_document},
    /* the decision register: the forward plan before :slug, whose pattern
     * would take it. The forward plan, the transparency calendar and the
     * HMICFRS responses depend on today: the cache is emptied when the day
     * turns (cache.h), so they are kept like any page */
    {"/decisions", WEB_HTML, 0, false, WEB_ROUTE_QUERY, page_decisions},
    {"/decisions.csv", WEB_CSV, 0, false, WEB_ROUTE_QUERY, page_decisions},
    {"/decisions.json", WEB_JSON, 0, false, WEB_ROUTE_QUERY, page_decisions},
    {"/decisions.atom", WEB_ATOM, 0, false, 0, page_decision_feed},
    {"/decisions/forward-plan", WEB_HTML, 0, false, 0, page_forward_plan},
    {"/decisions/forward-plan.csv", WEB_CSV, 0, false, 0, page_forward_plan},
    {"/decisions/forward-plan.json", WEB_JSON, 0, false, 0, page_forward_plan},
    {"/transparency", WEB_HTML, 0, false, 0, page_transparency},
    {"/transparency.csv", WEB_CSV, 0, false, 0, page_transparency},
    {"/transparency.json", WEB_JSON, 0, false, 0, page_transparency},
    {"/hmicfrs", WEB_HTML, 0, false, 0, page_hmicfrs_list},
    {"/hmicfrs.csv", WEB_CSV, 0, false, 0, page_hmicfrs_list},
    {"/hmicfrs.json", WEB_JSON, 0, false, 0, page_hmicfrs_list},
    {"/hmicfrs/:ref", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_hmicfrs},
    {"/decisions/:slug", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_decision},
    {"/decisions/:slug/version/:n", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_decision},
    /* the spend register */
    {"/spend", WEB_HTML, 0, false, 0, page_spend},
    {"/spend.csv", WEB_CSV, 0, false, 0, page_spend},
    {"/spend.json", WEB_JSON, 0, false, 0, page_spend},
    {"/spend/items", WEB_HTML, 0, false, WEB_ROUTE_QUERY, page_spend_items},
    {"/spend/items.csv", WEB_CSV, 0, false, WEB_ROUTE_QUERY, page_spend_items},
    {"/spend/items.json", WEB_JSON, 0, false, WEB_ROUTE_QUERY, page_spend_items},
    {"/spend/expenses", WEB_HTML, 0, false, 0, page_spend_expenses},
    {"/spend/expenses.csv", WEB_CSV, 0, false, 0, page_spend_expenses},
    {"/spend/expenses.json", WEB_JSON, 0, false, 0, page_spend_expenses},
    {"/spend/:month", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_spend_month},
    /* the registers of interests, gifts and hospitality, and salaries */
    {"/registers", WEB_HTML, 0, false, 0, page_registers},
    {"/registers/:kind", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_register},
    /* stop and search */
    {"/stop-and-search", WEB_HTML, 0, false, 0, page_stop_search},
    {"/stop-and-search.csv", WEB_CSV, 0, false, 0, page_stop_search},
    {"/stop-and-search.json", WEB_JSON, 0, false, 0, page_stop_search},
    {"/stop-and-search/rates.csv", WEB_CSV, 0, false, 0, page_stop_search_rates},
    {"/stop-and-search/rates.json", WEB_JSON, 0, false, 0, page_stop_search_rates},
    /* the budget register */
    {"/budget", WEB_HTML, 0, false, 0, page_budget},
    {"/budget.csv", WEB_CSV, 0, false, 0, page_budget},
    {"/budget.json", WEB_JSON, 0, false, 0, page_budget},
    {"/budget/:part", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_budget_part},
    /* the Order's item 7C: complaints information by quarter */
    {"/complaints", WEB_HTML, 0, false, 0, page_complaints},
    {"/complaints.csv", WEB_CSV, 0, false, 0, page_complaints},
    {"/complaints.json", WEB_JSON, 0, false, 0, page_complaints},
    {"/complaints/:quarter", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_complaints_quarter},
    /* the Safety Fund's awards */
    {"/grants", WEB_HTML, 0, false, 0, page_grants},
    {"/grants.csv", WEB_CSV, 0, false, 0, page_grants},
    {"/grants.json", WEB_JSON, 0, false, 0, page_grants},
    {"/grants/map", WEB_HTML, 0, false, 0, page_grants_map},
    {"/grants/map.csv", WEB_CSV, 0, false, 0, page_grants_map},
    {"/grants/map.json", WEB_JSON, 0, false, 0, page_grants_map},
    {"/grants/360giving.json", WEB_JSON, 0, false, 0, page_grants_360},
    {"/grants/360giving.csv", WEB_CSV, 0, false, 0, page_grants_360},
    {"/grants/statistics", WEB_HTML, 0, false, 0, page_grants_statistics},
    {"/grants/statistics.csv", WEB_CSV, 0, false, 0, page_grants_statistics},
    {"/grants/statistics.json", WEB_JSON, 0, false, 0, page_grants_statistics},
    /* the contracts register */
    {"/contracts", WEB_HTML, 0, false, 0, page_contracts},
    {"/contracts.csv", WEB_CSV, 0, false, 0, page_contracts},
    {"/contracts.json", WEB_JSON, 0, false, 0, page_contracts},
    {"/contracts/ocds.json", WEB_JSON, 0, false, 0, page_contracts_ocds},
    {"/contracts/:ref", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_contract},
    /* the commissioned services */
    {"/services", WEB_HTML, 0, false, 0, page_services},
    {"/services.csv", WEB_CSV, 0, false, 0, page_services},
    {"/services.json", WEB_JSON, 0, false, 0, page_services},
    {"/services/:ref", WEB_HTML, WEB_CSV | WEB_JSON, false, 0, page_service},
};

#define NROUTES (sizeof routes / sizeof routes[0])

/* No script source is allowed at all, so even markup injected past the
 * escaping could run nothing; styles come only from /static/peel.css
 * (charts are drawn with attributes, render/svg.h). */
static const char csp[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* A published report is a self-contained HTML file whose stylesheet is
 * inline (it must read the same when saved or mailed, with nothing to
 * fetch), and whose bytes are frozen by their SHA-256: they cannot be
 * rewritten the way render/svg.c rewrites charts. So those files alone may
 * use inline styles; scripts stay forbidden, as everywhere. */
static const char csp_published[] = "default-src 'none'; style-src 'unsafe-inline'; "
                                    "img-src 'self' data:; form-action 'self'; "
                                    "frame-ancestors 'none'; base-uri 'none'";

/* Every download slot is taken: nothing is wrong, so nothing is logged, and
 * the client is told why and, in Retry-After, when to come back (curl
 * --retry and browsers' download managers honour it). */
static void too_busy(const struct web_request *rq, struct web_response *rs, const char *message)
{
    page_error(rq, rs, 503, message);
    rs->retry_later = true;
    snprintf(rs->retry_after, sizeof rs->retry_after, "%s", SERVER_STREAM_RETRY);
}

/* A costly page (made, not read from the cache) for this client now? Else
 * the refusal is the response: 503 when every slot for such pages is in
 * use, 429 when the client has spent its budget (guard.h). */
static bool costly_go(struct server_ctx *ctx, struct web_request *rq, bool query,
                      struct web_response *rs)
{
    int retry = 0;
    enum guard_verdict v = guard_costly_begin(ctx->guard, rq->client, query, &retry);
    if (v == GUARD_GO)
        return true;
    if (v == GUARD_BUSY)
        page_error(rq, rs, 503,
                   "The site is making as many pages as it can at once: try again in a moment.");
    else
        page_error(rq, rs, 429,
                   "You have asked for many pages that must be worked out afresh (searches "
                   "and the like) in a short time: try again in a minute. Pages already made "
                   "are still served at once.");
    rs->retry_later = true;
    snprintf(rs->retry_after, sizeof rs->retry_after, "%d", retry);
    return false;
}

/* The page is charged the CPU its thread used making it (started: that
 * thread's clock_thread_seconds before): what the client cost, however
 * busy the machine was (guard.h). */
static void costly_end(struct server_ctx *ctx, struct web_request *rq, bool query, double started)
{
    guard_costly_end(ctx->guard, rq->client, query, clock_thread_seconds() - started);
}

static void add_header(struct web_response *rs, const char *name, const char *value)
{
    if (rs->nheaders < WEB_MAX_HEADERS)
        rs->headers[rs->nheaders++] = (struct web_header){name, value};
}

static const char *content_type(enum web_format f)
{
    switch (f) {
    case WEB_CSV:
        return "text/csv; charset=utf-8; header=present";
    case WEB_JSON:
        return "application/json; charset=utf-8";
    case WEB_CSS:
        return "text/css; charset=utf-8";
    case WEB_ATOM:
        return "application/atom+xml; charset=utf-8";
    case WEB_HTML:
        break;
    }
    return "text/html; charset=utf-8";
}

/* A page depends on the data, on the plan and Peel read at start, and on
 * the month (freshness is counted in months): it was last modified at the
 * latest of these. */
static void last_modified(const struct web_request *rq, char out[64])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char month[64];
    snprintf(month, sizeof month, "%04d-%02d-01T00:00:00Z", tm.tm_year + 1900, tm.tm_mon + 1);
    const char *latest = strcmp(rq->updated, rq->ctx->started) > 0 ? rq->updated : rq->ctx->started;
    snprintf(out, 64, "%s", strcmp(latest, month) > 0 ? latest : month);
}

/* Validators on a successful page, and 304 when the client has it. */
static void validate(const struct web_request *rq, const struct web_in *in, struct web_response *rs)
{
    if (!rs->etag[0])
        web_etag(buf_str(&rs->body), rs->body.len, rs->etag);
    add_header(rs, "ETag", rs->etag);
    if (rs->published_file) { /* never changes: its ETag is all a client needs */
        add_header(rs, "Cache-Control", "public, max-age=31536000, immutable");
        if (in->if_none_match && web_etag_matches(in->if_none_match, rs->etag)) {
            rs->status = 304;
            buf_reset(&rs->body);
        }
        return;
    }
    bool fixed = rq->match && rq->match->route->fixed;
    char iso[64];
    if (!fixed) {
        last_modified(rq, iso);
        if (web_http_date(iso, rs->last_modified))
            add_header(rs, "Last-Modified", rs->last_modified);
    }
    add_header(rs, "Cache-Control", fixed ? "public, max-age=3600" : "no-cache");
    /* RFC 9110 13.2.2: If-Modified-Since counts only without If-None-Match. */
    bool unchanged = in->if_none_match ? web_etag_matches(in->if_none_match, rs->etag)
                                       : !fixed && rs->last_modified[0] &&
                                             web_not_modified_since(in->if_modified_since, iso);
    if (unchanged) {
        rs->status = 304;
        buf_reset(&rs->body);
    }
}

static void add_headers(const struct web_request *rq, const struct web_in *in,
                        struct web_response *rs)
{
    bool file = rs->published_file && rs->status == 200;
    add_header(rs, "Content-Type", file ? rs->content_type : content_type(rs->format));
    bool inline_styles = file && strncmp(rs->content_type, "text/html", 9) == 0;
    add_header(rs, "Content-Security-Policy", inline_styles ? csp_published : csp);
    if (file && rs->disposition[0])
        add_header(rs, "Content-Disposition", rs->disposition);
    add_header(rs, "X-Content-Type-Options", "nosniff");
    add_header(rs, "Referrer-Policy", "no-referrer");
    add_header(rs, "X-Frame-Options", "DENY");
    add_header(rs, "Cross-Origin-Opener-Policy", "same-origin");
    if (rs->status == 405)
        add_header(rs, "Allow", rs->private_page ? "GET, HEAD, POST" : "GET, HEAD");
    if ((rs->status == 503 || rs->status == 429) && rs->retry_later)
        add_header(rs, "Retry-After", rs->retry_after);
    if (rs->location[0])
        add_header(rs, "Location", rs->location);
    for (size_t i = 0; i < 2; i++)
        if (rs->cookies[i][0])
            add_header(rs, "Set-Cookie", rs->cookies[i]);
    if (rs->private_page) { /* one person's: kept by no cache, shared with no other site */
        add_header(rs, "Cache-Control", "no-store");
        return;
    }
    if (rs->status != 200) {
        add_header(rs, "Cache-Control", "no-store");
        return;
    }
    if (rs->format == WEB_CSV || rs->format == WEB_JSON || rs->format == WEB_ATOM)
        add_header(rs, "Access-Control-Allow-Origin", "*");
    validate(rq, in, rs);
}

static bool readable(const char *method)
{
    return method && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0);
}

/* The page from the cache, if it is there; true when it was. */
static bool from_cache(struct server_ctx *ctx, struct web_request *rq, const char *key,
                       struct web_response *rs)
{
    char *body;
    size_t len;
    if (!web_cache_get(&ctx->cache, key, &body, &len, &rs->format, rs->etag, rq->updated))
        return false;
    buf_free(&rs->body);
    rs->body = (struct buf){body, len, len + 1};
    return true;
}

/* Makes the page, and keeps it if it is one (not an error) and its
 * generation has not ended meanwhile. */
static void make_page(struct server_ctx *ctx, struct web_request *rq, const char *key,
                      uint64_t generation, struct web_response *rs)
{
    struct buf err = BUF_INIT;
    if (store_last_update(rq->store, rq->updated, &err) < 0) {
        web_error(rq, rs, 500, buf_str(&err));
        buf_free(&err);
        return;
    }
    if (!costly_go(ctx, rq, false, rs))
        return;
    double started = clock_thread_seconds();
    rq->match->route->handler(rq, rs);
    costly_end(ctx, rq, false, started);
    if (rs->status != 200 || rs->published_file) /* files: large, and read as stored */
        return;
    web_etag(buf_str(&rs->body), rs->body.len, rs->etag);
    web_cache_put(&ctx->cache, generation, key, buf_str(&rs->body), rs->body.len, rs->format,
                  rs->etag, rq->updated);
}

/* A page that reads its query string, or that streams (a published file):
 * made every time, never cached. A stream it makes takes the connection
 * with it. An explorer download is bounded by the download slots; a
 * published file, which is hashed whole before it is sent, also by the
 * client's budget for costly pages. */
static void run_uncached_page(struct server_ctx *ctx, struct web_request *rq,
                              struct web_response *rs)
{
    struct buf err = BUF_INIT;
    unsigned flags = rq->match->route->flags;
    bool streams = flags & WEB_ROUTE_STREAM, query = flags & WEB_ROUTE_QUERY, busy = false;
    rq->store =
        streams ? server_store_acquire_stream(ctx, &busy, &err) : server_store_acquire(ctx, &err);
    if (busy)
        too_busy(rq, rs, buf_str(&err));
    else if (!rq->store)
        web_error(rq, rs, 503, buf_str(&err));
    else if (store_last_update(rq->store, rq->updated, &err) < 0)
        web_error(rq, rs, 500, buf_str(&err));
    else if (streams && query)
        rq->match->route->handler(rq, rs);
    else if (costly_go(ctx, rq, query, rs)) {
        double started = clock_thread_seconds();
        rq->match->route->handler(rq, rs);
        costly_end(ctx, rq, query, started);
    }
    if (rs->stream) {
        rs->stream->ctx = ctx;
        rs->stream->store = rq->store;
    } else if (rq->store) {
        server_store_release(ctx, rq->store);
    }
    buf_free(&err);
}

/* Runs the page the route names, with a database connection if it needs
 * one, or gives it from the cache. */
static void run_page(struct server_ctx *ctx, struct web_request *rq, struct web_response *rs)
{
    rs->format = rq->match->format;
    if (rq->match->route->fixed) {
        rq->match->route->handler(rq, rs);
        return;
    }
    if (rq->match->route->flags & (WEB_ROUTE_QUERY | WEB_ROUTE_STREAM)) {
        run_uncached_page(ctx, rq, rs);
        return;
    }
    struct buf err = BUF_INIT;
    rq->store = server_store_acquire(ctx, &err); /* checks the cache is still good */
    char key[WEB_MAX_ARGS * (WEB_MAX_PARAM_LEN + 1) + 64];
    web_cache_key(rq->match, key, sizeof key);
    /* after the connection's check, before the lookup: a new day empties it */
    uint64_t generation = web_cache_generation(&ctx->cache);
    if (!rq->store)
        web_error(rq, rs, 503, buf_str(&err));
    else if (!from_cache(ctx, rq, key, rs))
        make_page(ctx, rq, key, generation, rs);
    if (rq->store)
        server_store_release(ctx, rq->store);
    buf_free(&err);
}

/* The staff side's requests (staff.h) are answered by its own table. */
#define STAFF 1

/* Checks the target and the method, and finds the page: 200, STAFF, or the
 * error status with why. */
static int accept_request(const struct web_in *in, struct web_target *t, struct web_match *m,
                          const char **why)
{
    if (!in->target) {
        *why = "the address is longer than 2048 bytes";
        return 414;
    }
    int status = web_parse_target(in->target, in->target_len, t);
    if (status != 200) {
        *why = t->error;
        return status;
    }
    if (t->nsegments >= 1 &&
        (strcmp(t->segments[0], "staff") == 0 || strcmp(t->segments[0], "concerns") == 0))
        return STAFF; /* /concerns writes: the staff side's machinery serves it */
    if (t->nsegments >= 2 && strcmp(t->segments[0], "grants") == 0 &&
        (strcmp(t->segments[1], "apply") == 0 || strcmp(t->segments[1], "application") == 0))
        return STAFF; /* so does the grant application form (page_apply.c) */
    if (!readable(in->method)) {
        *why = "This site can only be read: use GET or HEAD.";
        return 405;
    }
    if (in->has_body) {
        *why = "This site can only be read: a request to it has no body.";
        return 400;
    }
    if (!web_route_find(routes, NROUTES, t, m)) {
        *why = "There is no page at this address. Try the home page.";
        return 404;
    }
    return 200;
}

void web_handle(struct server_ctx *ctx, const struct web_in *in, struct web_response *rs)
{
    *rs = (struct web_response){.status = 200, .format = WEB_HTML};
    struct web_request rq = {.ctx = ctx, .client = in->client ? in->client : ""};
    struct web_target t;
    struct web_match m;
    const char *why = NULL;
    int status = accept_request(in, &t, &m, &why);
    if (status == 200 || status == 404 || status == STAFF)
        rq.target = &t; /* for the navigation's "you are here" */
    if (status == STAFF) {
        staff_handle(ctx, in, &rq, rs);
    } else if (status != 200) {
        web_error(&rq, rs, status, why);
    } else {
        rq.match = &m;
        run_page(ctx, &rq, rs);
    }
    add_headers(&rq, in, rs);
    if (rs->status != 200 && rs->stream) { /* 304: the client has it */
        web_stream_close(rs->stream);
        rs->stream = NULL;
    }
}
