/*
 * guard.c - waiting connections, costly pages per client, the log's rate
 * (see guard.h for what each is for).
 */
#include "web/guard.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/hmap.h"
#include "util/mem.h"

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Clients remembered for their budgets: a fixed table, so that a flood of
 * new addresses costs no memory; a client pushed out starts afresh. */
#define BUDGET_SLOTS 1024
#define BUDGET_PROBE 8 /* slots looked at for a client before replacing one */

struct guard_conn {
    struct guard_conn *prev, *next; /* in the waiting list, oldest first */
    int fd;
    double since; /* when it started waiting */
    bool waiting, shut;
    char addr[GUARD_CLIENT_SIZE];
};

struct budget {
    char client[GUARD_CLIENT_SIZE]; /* "" when free */
    double window_start, spent;
};

struct guard {
    struct guard_options opt;
    pthread_mutex_t lock;
    struct guard_conn *head, *tail; /* waiting, oldest first */
    unsigned nwaiting, ncostly;
    struct budget *budgets;
    /* the watchdog */
    pthread_t thread;
    pthread_cond_t wake;
    bool stop;
    /* the log */
    pthread_mutex_t log_lock;
    time_t log_second;
    unsigned log_lines;
    unsigned long log_dropped;
};

/* The limits, each 0 given its default (guard.h). */
static void defaults(struct guard_options *o)
{
    o->deadline = o->deadline > 0 ? o->deadline : 10;
    o->max_waiting = o->max_waiting ? o->max_waiting : 256;
    o->max_waiting_per_client = o->max_waiting_per_client ? o->max_waiting_per_client : 16;
    o->max_costly = o->max_costly ? o->max_costly : 2;
    o->budget = o->budget > 0 ? o->budget : 10;
    o->window = o->window > 0 ? o->window : 60;
}

/* ---- the waiting list (callers hold the lock) ---------------------------- */

static void unlink_waiting(struct guard *g, struct guard_conn *c)
{
    assert(c->waiting);
    if (c->prev)
        c->prev->next = c->next;
    else
        g->head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    else
        g->tail = c->prev;
    c->prev = c->next = NULL;
    c->waiting = false;
    g->nwaiting--;
}

static void link_waiting(struct guard *g, struct guard_conn *c, double now)
{
    assert(!c->waiting);
    c->since = now;
    c->prev = g->tail;
    c->next = NULL;
    if (g->tail)
        g->tail->next = c;
    else
        g->head = c;
    g->tail = c;
    c->waiting = true;
    g->nwaiting++;
}

/* Shuts a waiting connection: libmicrohttpd then reads an end and closes
 * it. Its socket is still its own: the close notice waits for the lock. */
static void shut(struct guard *g, struct guard_conn *c)
{
    unlink_waiting(g, c);
    c->shut = true;
    shutdown(c->fd, SHUT_RDWR);
}

static bool trusted(const struct guard *g, const char *addr)
{
    for (size_t i = 0; i < g->opt.ntrusted; i++)
        if (strcmp(g->opt.trusted[i], addr) == 0)
            return true;
    return false;
}

/* The oldest waiting connection from addr, and how many there are. */
static struct guard_conn *oldest_of(struct guard *g, const char *addr, unsigned *n)
{
    struct guard_conn *first = NULL;
    *n = 0;
    for (struct guard_conn *c = g->head; c; c = c->next)
        if (strcmp(c->addr, addr) == 0 && (*n)++ == 0)
            first = c;
    return first;
}

/* Room for one more waiting connection from addr. */
static void make_room(struct guard *g, const char *addr)
{
    unsigned n;
    struct guard_conn *old = oldest_of(g, addr, &n);
    if (old && n >= g->opt.max_waiting_per_client && !trusted(g, addr))
        shut(g, old);
    if (g->head && g->nwaiting >= g->opt.max_waiting)
        shut(g, g->head);
}

/* ---- connections ---------------------------------------------------------- */

static void address_text(const struct sockaddr *sa, char out[GUARD_CLIENT_SIZE])
{
    out[0] = '\0';
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, GUARD_CLIENT_SIZE);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, GUARD_CLIENT_SIZE);
}

struct guard_conn *guard_conn_open(struct guard *g, int fd, const struct sockaddr *addr)
{
    struct guard_conn *c = xcalloc(1, sizeof *c);
    c->fd = fd;
    address_text(addr, c->addr);
    pthread_mutex_lock(&g->lock);
    make_room(g, c->addr);
    link_waiting(g, c, clock_seconds());
    pthread_mutex_unlock(&g->lock);
    return c;
}

void guard_conn_working(struct guard *g, struct guard_conn *c)
{
    pthread_mutex_lock(&g->lock);
    if (c->waiting)
        unlink_waiting(g, c);
    pthread_mutex_unlock(&g->lock);
}

void guard_conn_waiting(struct guard *g, struct guard_conn *c)
{
    pthread_mutex_lock(&g->lock);
    if (!c->waiting && !c->shut)
        link_waiting(g, c, clock_seconds());
    pthread_mutex_unlock(&g->lock);
}

void guard_conn_close(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->lock);
    if (c->waiting)
        unlink_waiting(g, c);
    pthread_mutex_unlock(&g->lock);
    free(c);
}

const char *guard_conn_address(const struct guard_conn *c)
{
    return c ? c->addr : "";
}

/* ---- the watchdog ----------------------------------------------------------- */

static void log_flush(struct guard *g, time_t now);

static void *watchdog(void *arg)
{
    struct guard *g = arg;
    pthread_mutex_lock(&g->lock);
    while (!g->stop) {
        double now = clock_seconds();
        while (g->head && now - g->head->since > g->opt.deadline)
            shut(g, g->head);
        log_flush(g, time(NULL));
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&g->wake, &g->lock, &until);
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

struct guard *guard_new(const struct guard_options *o, char *err, size_t errlen)
{
    struct guard *g = xcalloc(1, sizeof *g);
    g->opt = *o;
    defaults(&g->opt);
    g->budgets = xcalloc(BUDGET_SLOTS, sizeof *g->budgets);
    pthread_mutex_init(&g->lock, NULL);
    pthread_mutex_init(&g->log_lock, NULL);
    pthread_cond_init(&g->wake, NULL);
    int rc = pthread_create(&g->thread, NULL, watchdog, g);
    if (rc == 0)
        return g;
    snprintf(err, errlen, "cannot start the connection watchdog: %s", strerror(rc));
    pthread_cond_destroy(&g->wake);
    pthread_mutex_destroy(&g->log_lock);
    pthread_mutex_destroy(&g->lock);
    free(g->budgets);
    free(g);
    return NULL;
}

void guard_free(struct guard *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    g->stop = true;
    pthread_cond_signal(&g->wake);
    pthread_mutex_unlock(&g->lock);
    pthread_join(g->thread, NULL);
    assert(g->nwaiting == 0);
    pthread_cond_destroy(&g->wake);
    pthread_mutex_destroy(&g->log_lock);
    pthread_mutex_destroy(&g->lock);
    free(g->budgets);
    free(g);
}

/* ---- clients ----------------------------------------------------------------- */

bool guard_trusted(const struct guard *g, const char *peer)
{
    return trusted(g, peer);
}

/* The right-most entry of an X-Forwarded-For list that is not a trusted
 * proxy: each proxy appends the address it heard from, so entries to the
 * left of the last untrusted one may be made up by the client. */
void guard_client(const struct guard *g, const char *peer, const char *xff,
                  char out[GUARD_CLIENT_SIZE])
{
    snprintf(out, GUARD_CLIENT_SIZE, "%s", peer);
    if (!xff || !trusted(g, peer))
        return;
    const char *end = xff + strlen(xff);
    while (end > xff) {
        const char *start = end;
        while (start > xff && start[-1] != ',')
            start--;
        const char *a = start, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        char one[GUARD_CLIENT_SIZE];
        size_t n = (size_t)(b - a);
        if (n == 0 || n >= sizeof one)
            return; /* not an address: the proxy is the client */
        memcpy(one, a, n);
        one[n] = '\0';
        snprintf(out, GUARD_CLIENT_SIZE, "%s", one);
        if (!trusted(g, one))
            return;
        end = start > xff ? start - 1 : xff;
    }
}

/* The client's budget slot (callers hold the lock). */
static struct budget *budget_of(struct guard *g, const char *client, double now)
{
    uint64_t h = hash_bytes(client, strlen(client));
    struct budget *victim = NULL;
    for (size_t i = 0; i < BUDGET_PROBE; i++) {
        struct budget *b = &g->budgets[(h + i) % BUDGET_SLOTS];
        if (strcmp(b->client, client) == 0)
            return b;
        if (!victim || b->client[0] == '\0' || b->window_start < victim->window_start)
            victim = b;
    }
    snprintf(victim->client, sizeof victim->client, "%s", client);
    victim->window_start = now;
    victim->spent = 0;
    return victim;
}

enum guard_verdict guard_costly_begin(struct guard *g, const char *client, bool query,
                                      int *retry_after)
{
    double now = clock_seconds();
    enum guard_verdict v = GUARD_GO;
    pthread_mutex_lock(&g->lock);
    struct budget *b = budget_of(g, client, now);
    if (now - b->window_start >= g->opt.window) {
        b->window_start = now;
        b->spent = 0;
    }
    if (b->spent >= g->opt.budget) {
        v = GUARD_OVER_BUDGET;
        *retry_after = (int)ceil(b->window_start + g->opt.window - now);
    } else if (query && g->ncostly >= g->opt.max_costly) {
        v = GUARD_BUSY;
        *retry_after = 1;
    } else if (query) {
        g->ncostly++;
    }
    pthread_mutex_unlock(&g->lock);
    if (v != GUARD_GO && *retry_after < 1)
        *retry_after = 1;
    return v;
}

void guard_costly_end(struct guard *g, const char *client, bool query, double seconds)
{
    pthread_mutex_lock(&g->lock);
    if (query) {
        assert(g->ncostly > 0);
        g->ncostly--;
    }
    budget_of(g, client, clock_seconds())->spent += seconds;
    pthread_mutex_unlock(&g->lock);
}

/* ---- the log -------------------------------------------------------------------- */

/* A new second: says how many lines the last one left out. */
static void new_second(struct guard *g, time_t now)
{
    if (now == g->log_second)
        return;
    if (g->log_dropped)
        fprintf(stderr, "peel serve: %lu more log lines left out (more than %d a second)\n",
                g->log_dropped, GUARD_LOG_PER_SECOND);
    g->log_second = now;
    g->log_lines = 0;
    g->log_dropped = 0;
}

/* Run by the watchdog, so that the count is said when a flood stops. */
static void log_flush(struct guard *g, time_t now)
{
    pthread_mutex_lock(&g->log_lock);
    new_second(g, now);
    pthread_mutex_unlock(&g->log_lock);
}

void guard_vlog(struct guard *g, const char *fmt, va_list ap)
{
    struct buf line = BUF_INIT;
    buf_vprintf(&line, fmt, ap);
    while (line.len && line.p[line.len - 1] == '\n')
        line.p[--line.len] = '\0';
    pthread_mutex_lock(&g->log_lock);
    new_second(g, time(NULL));
    if (g->log_lines < GUARD_LOG_PER_SECOND) {
        g->log_lines++;
        fprintf(stderr, "%s\n", buf_str(&line));
    } else {
        g->log_dropped++;
    }
    pthread_mutex_unlock(&g->log_lock);
    buf_free(&line);
}

void guard_log(struct guard *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    guard_vlog(g, fmt, ap);
    va_end(ap);
}
