/*
 * context.c - the site's context: its plan and its pool of read-only
 * connections (see context.h for why a pool).
 */
#include "web/context.h"
#include "store/export.h"
#include "store/store.h"
#include "util/mem.h"
#include "web/throttle.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_THREADS 4

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

static void staff_init(struct staff_side *st)
{
    pthread_mutex_init(&st->lock, NULL);
    st->accounts = throttle_new(SIGNIN_PER_ACCOUNT, SIGNIN_WINDOW);
    st->clients = throttle_new(SIGNIN_PER_CLIENT, SIGNIN_WINDOW);
    st->concerns = throttle_new(CONCERNS_PER_CLIENT, CONCERNS_WINDOW);
    st->applications = throttle_new(APPLICATIONS_PER_CLIENT, APPLICATIONS_WINDOW);
}

static void staff_free(struct staff_side *st)
{
    if (!st->accounts)
        return;
    store_close(st->writer);
    throttle_free(st->accounts);
    throttle_free(st->clients);
    throttle_free(st->concerns);
    throttle_free(st->applications);
    pthread_mutex_destroy(&st->lock);
    *st = (struct staff_side){0};
}

struct store *server_writer_acquire(struct server_ctx *ctx, struct buf *err)
{
    struct staff_side *st = &ctx->staff;
    pthread_mutex_lock(&st->lock);
    if (!st->writer)
        st->writer = store_open(ctx->opt.db_path, STORE_READ_WRITE, err);
    if (st->writer && !store_writable(st->writer)) {
        buf_printf(err, "%s can only be read by this server", ctx->opt.db_path);
        store_close(st->writer);
        st->writer = NULL;
    }
    if (!st->writer)
        pthread_mutex_unlock(&st->lock);
    return st->writer;
}

void server_writer_release(struct server_ctx *ctx)
{
    pthread_mutex_unlock(&ctx->staff.lock);
}

static int read_plan(struct server_ctx *ctx, struct buf *err)
{
    struct store *s = server_store_acquire(ctx, err);
    if (!s)
        return -1;
    int rc = store_plan_read(s, ctx->opt.plan, 0, &ctx->plan, &ctx->plan_version, err);
    server_store_release(ctx, s);
    if (rc == 0)
        plan_charts_override(&ctx->plan, &ctx->opt.charts);
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
    staff_init(&ctx->staff);
    pool_init(&ctx->pool, ctx->opt.db_path, ctx->opt.threads + SERVER_MAX_STREAMS);
    web_cache_init(&ctx->cache);
    char why[128];
    ctx->guard = guard_new(&ctx->opt.guard, why, sizeof why);
    if (!ctx->guard)
        buf_puts(err, why);
    else if (read_plan(ctx, err) == 0)
        return 0;
    server_ctx_free(ctx);
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

void server_ctx_free(struct server_ctx *ctx)
{
    guard_free(ctx->guard);
    ctx->guard = NULL;
    staff_free(&ctx->staff);
    pool_free(&ctx->pool);
    web_cache_free(&ctx->cache);
    plan_free(&ctx->plan);
    ctx->plan = (struct plan){0};
}
