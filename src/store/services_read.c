/*
 * services_read.c - the commissioned services register as read (see
 * services.h): every version of every service with its outcomes, the
 * current quarterly returns with what each outcome achieved, and the
 * spend register's lines linked to a service.
 */
#include "store/services.h"
#include "store/store_internal.h"

#include "util/mem.h"

#include <assert.h>
#include <string.h>

/* A version's outcomes, read into a fixed array (a file gives at most
 * SERVICE_OUTCOMES_MAX; the database holds no more than a file gave),
 * their measures copied: a column's text lasts only until the next step. */
struct outcomes {
    struct service_outcome v[SERVICE_OUTCOMES_MAX];
    size_t n;
};

static int read_outcomes(sqlite3_stmt *st, int64_t version_id, struct outcomes *o)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, version_id);
    o->n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && o->n < SERVICE_OUTCOMES_MAX)
        o->v[o->n++] = (struct service_outcome){xstrdup(store_column_text(st, 0)),
                                                sqlite3_column_int64(st, 1)};
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static void service_of(sqlite3_stmt *st, const struct outcomes *o, struct service_row *r)
{
    r->v = (struct service){.ref = store_column_text(st, 1),
                            .name = store_column_text(st, 3),
                            .provider = store_column_text(st, 4),
                            .provider_id = store_column_text(st, 5),
                            .contract_ref = store_column_text(st, 6),
                            .funding = store_column_text(st, 7),
                            .serves = store_column_text(st, 8),
                            .start_on = store_column_text(st, 9),
                            .end_on = store_column_text(st, 10),
                            .annual_value_pence = sqlite3_column_int64(st, 11),
                            .outcomes = o->v,
                            .noutcomes = o->n,
                            .line = sqlite3_column_int(st, 13)};
    r->version = sqlite3_column_int(st, 2);
    r->clock_id = sqlite3_column_int64(st, 12);
    r->current = sqlite3_column_int(st, 14) != 0;
    r->published_at = store_column_text(st, 15);
    r->reason = store_column_text(st, 16);
    r->file_name = store_column_text(st, 17);
    r->file_sha256 = store_column_text(st, 18);
}

#define LATEST(t, key) "(SELECT max(version) FROM " t " m WHERE " key ")"

int store_services(struct store *s, const char *ref, bool all, service_fn fn, void *arg,
                   struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT id, ref, version, name, provider, provider_id, contract_ref, funding, serves,"
        " start_on, end_on, annual_value_pence, coalesce(clock_id, 0), line,"
        " version = " LATEST("service_version",
                             "m.ref = v.ref") ", published_at, reason,"
                                              " file_name, file_sha256 FROM service_version v "
                                              "WHERE (?1 IS NULL OR ref = ?1)"
                                              " AND (?2 OR version = " LATEST(
                                                  "service_version",
                                                  "m.ref = v.ref") ")"
                                                                   " ORDER BY name, ref, version",
        err);
    sqlite3_stmt *os = store_prepare(s,
                                     "SELECT measure, target FROM service_outcome"
                                     " WHERE version_id = ?1 ORDER BY position",
                                     err);
    if (!st || !os) {
        sqlite3_finalize(st);
        sqlite3_finalize(os);
        return -1;
    }
    if (ref)
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, all);
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct outcomes o;
        bool read = read_outcomes(os, sqlite3_column_int64(st, 0), &o) == 0;
        struct service_row r;
        service_of(st, &o, &r);
        if (read)
            fn(arg, &r);
        for (size_t i = 0; i < o.n; i++)
            free((char *)o.v[i].measure);
        if (!read)
            break;
        n++;
    }
    sqlite3_finalize(os);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? n : store_fail(s, err, "reading the services register");
}

/* A return's outcomes achieved, by measure (copied, as outcomes are). */
struct achieved {
    struct service_achieved *v;
    size_t n, cap;
};

static int read_achieved(sqlite3_stmt *st, int64_t return_id, struct achieved *a)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, return_id);
    a->n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (a->n == a->cap) {
            a->cap = a->cap ? 2 * a->cap : 8;
            a->v = xrealloc(a->v, a->cap * sizeof *a->v);
        }
        a->v[a->n++] = (struct service_achieved){xstrdup(store_column_text(st, 0)),
                                                 sqlite3_column_int64(st, 1)};
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_service_returns(struct store *s, const char *ref, service_return_fn fn, void *arg,
                          struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT id, ref, quarter, version, referrals, people, line, published_at, reason,"
        " file_name FROM service_return v WHERE (?1 IS NULL OR ref = ?1) AND version = " LATEST(
            "service_return", "m.ref = v.ref AND m.quarter = v.quarter") " ORDER BY ref, quarter",
        err);
    sqlite3_stmt *as = store_prepare(s,
                                     "SELECT measure, achieved FROM service_return_outcome"
                                     " WHERE return_id = ?1 ORDER BY measure",
                                     err);
    if (!st || !as) {
        sqlite3_finalize(st);
        sqlite3_finalize(as);
        return -1;
    }
    if (ref)
        sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    struct achieved a = {NULL, 0, 0};
    int rc, n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        bool read = read_achieved(as, sqlite3_column_int64(st, 0), &a) == 0;
        struct service_return_row r = {.r = {.ref = store_column_text(st, 1),
                                             .quarter = store_column_text(st, 2),
                                             .referrals = sqlite3_column_int64(st, 4),
                                             .people = sqlite3_column_int64(st, 5),
                                             .achieved = a.v,
                                             .nachieved = a.n,
                                             .line = sqlite3_column_int(st, 6)},
                                       .version = sqlite3_column_int(st, 3),
                                       .published_at = store_column_text(st, 7),
                                       .reason = store_column_text(st, 8),
                                       .file_name = store_column_text(st, 9)};
        if (read)
            fn(arg, &r);
        for (size_t i = 0; i < a.n; i++)
            free((char *)a.v[i].measure);
        if (!read)
            break;
        n++;
    }
    free(a.v);
    sqlite3_finalize(as);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? n : store_fail(s, err, "reading the quarterly returns");
}

int store_service_spend(struct store *s, const struct service *v, const char *from, const char *to,
                        bool sole_provider, struct service_spend *out, struct buf *err)
{
    assert(from && to);
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT coalesce(sum(i.amount_pence), 0), count(*), (SELECT count(DISTINCT month) FROM"
        " spend_version WHERE month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7))"
        " FROM spend_version sv JOIN spend_item i ON i.version_id = sv.id"
        " WHERE sv.version = (SELECT max(version) FROM spend_version w WHERE w.body = sv.body"
        " AND w.month = sv.month) AND i.paid_on BETWEEN ?1 AND ?2"
        " AND ((?3 <> '' AND instr(i.purpose, ?3) > 0)"
        " OR (?5 AND lower(trim(i.supplier)) = lower(trim(?4))))",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, v->contract_ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, v->provider, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, sole_provider);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = (struct service_spend){sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
                                      sqlite3_column_int(st, 2)};
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "reading the spend linked to a service");
}

int store_services_of_provider(struct store *s, const struct service *v, const char *from,
                               const char *to, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT count(*) FROM service_version v WHERE version = " LATEST(
            "service_version",
            "m.ref = v.ref") " AND lower(trim(provider)) = lower(trim(?1))"
                             " AND start_on <= ?3 AND (end_on IS NULL OR end_on >= ?2)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, v->provider, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? n : store_fail(s, err, "counting a provider's services");
}
