/*
 * fund_allocate.c - applications allocated to assessors (see
 * fund_allocate.h). The choice is made here, under the write lock, from
 * what the database holds; its triggers refuse a conflicted allocation and
 * a score by an assessor not allocated, to any writer.
 */
#include "store/fund_allocate.h"
#include "store/fund_apply.h"
#include "store/fund_internal.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROBLEMS_SHOWN 50

struct app {
    int64_t id;
    char ref[FUND_REF_SIZE];
    int have; /* allocations that count: their assessor is not conflicted */
};

struct allocation_run {
    const char *const *who;
    size_t n;
    int per;
    long load[FUND_ALLOCATE_MAX_ASSESSORS]; /* each assessor's applications in the round */
    struct app *apps;
    size_t napps;
    json_t *made; /* [{ref, assessor}] */
    int problems;
};

static int round_id(struct store *s, const char *round, int64_t *id, struct buf *err)
{
    bool open = false;
    int rc =
        store_find_flagged(s, "SELECT id, opened_at IS NOT NULL FROM fund_round WHERE key = ?1",
                           round, "round", id, &open, err);
    return rc == 1 ? FUND_OK : rc == 0 ? FUND_UNKNOWN : -1;
}

/* Every assessor an account that marks, not disabled, named once. */
static int check_assessors(struct store *s, const struct allocation_run *r, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT EXISTS(SELECT 1 FROM account WHERE username = ?1"
                                     " AND disabled_at IS NULL"
                                     " AND instr(' ' || ?2 || ' ', ' ' || role || ' ') > 0)",
                                     err);
    if (!st)
        return -1;
    int rc = FUND_OK;
    for (size_t i = 0; i < r->n && rc >= 0; i++) {
        sqlite3_bind_text(st, 1, r->who[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, FUND_ASSESSOR_ROLES, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = store_fail(s, err, "reading accounts");
        } else if (!sqlite3_column_int(st, 0)) {
            buf_printf(err, "%s%s is not an assessor: an account of a role that marks (%s)",
                       rc == FUND_OK ? "" : "; ", r->who[i], FUND_ASSESSOR_ROLES);
            rc = FUND_BAD;
        }
        for (size_t j = 0; j < i && rc >= 0; j++)
            if (strcmp(r->who[i], r->who[j]) == 0)
                rc = (buf_printf(err, "%s is named twice", r->who[i]), FUND_BAD);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The round's eligible applications, with the allocations that count. */
static int read_apps(struct store *s, int64_t rid, struct allocation_run *r, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT a.id, a.ref, (SELECT count(*) FROM fund_allocation l WHERE l.application_id = a.id"
        "  AND NOT EXISTS(" FUND_CONFLICTED_WITH(
            "l.assessor", "l.application_id") "))"
                                              " FROM fund_application a WHERE a.round_id = ?1 AND "
                                              "a.eligible = 1 ORDER BY a.id",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, rid);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (r->napps == cap)
            r->apps = xrealloc(r->apps, (cap = cap ? 2 * cap : 16) * sizeof *r->apps);
        struct app *a = &r->apps[r->napps++];
        a->id = sqlite3_column_int64(st, 0);
        snprintf(a->ref, sizeof a->ref, "%s", store_column_text(st, 1));
        a->have = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? FUND_OK : store_fail(s, err, "reading applications");
}

/* Each assessor's allocations in the round that count. */
static int read_load(struct store *s, int64_t rid, struct allocation_run *r, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT count(*) FROM fund_allocation l JOIN fund_application a"
                      " ON a.id = l.application_id WHERE a.round_id = ?1 AND l.assessor = ?2"
                      " AND NOT EXISTS(" FUND_CONFLICTED_WITH("l.assessor", "l.application_id") ")",
                      err);
    if (!st)
        return -1;
    int rc = FUND_OK;
    for (size_t i = 0; i < r->n && rc == FUND_OK; i++) {
        sqlite3_bind_int64(st, 1, rid);
        sqlite3_bind_text(st, 2, r->who[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            r->load[i] = sqlite3_column_int(st, 0);
        else
            rc = store_fail(s, err, "reading allocations");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* 1 when assessor `who` may be given application `app`: not given it
 * already, and not conflicted with its organisation; 0; -1. */
static int may_mark(struct store *s, sqlite3_stmt *st, int64_t app, const char *who,
                    struct buf *err)
{
    sqlite3_bind_int64(st, 1, app);
    sqlite3_bind_text(st, 2, who, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0)
                                            : store_fail(s, err, "reading conflicts");
    sqlite3_reset(st);
    return rc;
}

static int insert(struct store *s, sqlite3_stmt *st, int64_t app, const char *who,
                  const char *actor, struct buf *err)
{
    sqlite3_bind_int64(st, 1, app);
    sqlite3_bind_text(st, 2, who, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "allocating");
    sqlite3_reset(st);
    return rc;
}

/* The assessors who may mark app into `can` (their indexes); how many. */
static int candidates(struct store *s, sqlite3_stmt *may, const struct allocation_run *r,
                      const struct app *a, size_t can[], struct buf *err)
{
    int k = 0;
    for (size_t i = 0; i < r->n; i++) {
        int ok = may_mark(s, may, a->id, r->who[i], err);
        if (ok < 0)
            return -1;
        if (ok)
            can[k++] = i;
    }
    return k;
}

/* Gives app the assessors it lacks, the least loaded first (in the order
 * given when equal); a problem when too few may mark it. */
static int allocate_one(struct store *s, sqlite3_stmt *may, sqlite3_stmt *ins,
                        struct allocation_run *r, const struct app *a, const char *actor,
                        struct buf *err)
{
    int need = r->per - a->have;
    size_t can[FUND_ALLOCATE_MAX_ASSESSORS];
    int k = need > 0 ? candidates(s, may, r, a, can, err) : 0;
    if (k < 0)
        return -1;
    if (k < need) {
        if (++r->problems <= PROBLEMS_SHOWN)
            buf_printf(err,
                       "%s%s: needs %d more assessor%s, and %d of those named may mark it "
                       "(the others have it already or declared a conflict with its "
                       "organisation)",
                       r->problems > 1 ? "\n" : "", a->ref, need, need == 1 ? "" : "s", k);
        return FUND_BAD;
    }
    for (int got = 0; got < need; got++) {
        int best = -1;
        for (int j = 0; j < k; j++)
            if (can[j] != SIZE_MAX && (best < 0 || r->load[can[j]] < r->load[can[best]]))
                best = j;
        assert(best >= 0);
        if (insert(s, ins, a->id, r->who[can[best]], actor, err) < 0)
            return -1;
        r->load[can[best]]++;
        json_array_append_new(
            r->made, json_pack("{s:s, s:s}", "application", a->ref, "assessor", r->who[can[best]]));
        can[best] = SIZE_MAX;
    }
    return FUND_OK;
}

static int allocate_all(struct store *s, struct allocation_run *r, const char *actor,
                        struct buf *err)
{
    sqlite3_stmt *may =
        store_prepare(s,
                      "SELECT NOT EXISTS(SELECT 1 FROM fund_allocation WHERE application_id = ?1"
                      " AND assessor = ?2) AND NOT EXISTS(" FUND_CONFLICTED_WITH("?2", "?1") ")",
                      err);
    sqlite3_stmt *ins =
        store_prepare(s,
                      "INSERT INTO fund_allocation(application_id, assessor,"
                      " allocated_at, allocated_by) VALUES(?1, ?2, " STORE_NOW ", ?3)",
                      err);
    int rc = may && ins ? FUND_OK : -1;
    for (size_t i = 0; i < r->napps && rc >= 0; i++) {
        int one = allocate_one(s, may, ins, r, &r->apps[i], actor, err);
        rc = one < 0 ? -1 : one != FUND_OK ? one : rc;
    }
    if (r->problems > PROBLEMS_SHOWN)
        buf_printf(err, "\n... and %d more", r->problems - PROBLEMS_SHOWN);
    sqlite3_finalize(may);
    sqlite3_finalize(ins);
    return rc;
}

static int check_request(const char *round, size_t n, int per, struct buf *err)
{
    if (!round || n == 0 || n > FUND_ALLOCATE_MAX_ASSESSORS || per < 1 || (size_t)per > n) {
        buf_printf(err,
                   "an allocation names a round, 1 to %d assessors, and how many of them "
                   "mark each application (1 to the number named)",
                   FUND_ALLOCATE_MAX_ASSESSORS);
        return FUND_BAD;
    }
    return FUND_OK;
}

int store_fund_allocate(struct store *s, const char *round, const char *const *assessors, size_t n,
                        int per, const struct audit_origin *by, int *made, struct buf *err)
{
    int rc = check_request(round, n, per, err);
    if (rc != FUND_OK)
        return rc;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct allocation_run r = {.who = assessors, .n = n, .per = per, .made = json_array()};
    int64_t rid = 0;
    rc = round_id(s, round, &rid, err);
    if (rc == FUND_OK)
        rc = check_assessors(s, &r, err);
    if (rc == FUND_OK)
        rc = read_apps(s, rid, &r, err);
    if (rc == FUND_OK && r.napps == 0)
        rc = (buf_printf(err, "round %s has no eligible application to allocate", round), FUND_BAD);
    if (rc == FUND_OK)
        rc = read_load(s, rid, &r, err);
    if (rc == FUND_OK)
        rc = allocate_all(s, &r, by->actor, err);
    *made = rc == FUND_OK ? (int)json_array_size(r.made) : 0;
    if (rc == FUND_OK && *made > 0) {
        json_t *who = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(who, json_string(assessors[i]));
        rc = store_audit_fact(
            s, "fund.allocate", "fund", round,
            json_pack("{s:i, s:o, s:O}", "per", per, "assessors", who, "allocated", r.made), by,
            err);
    }
    json_decref(r.made);
    free(r.apps);
    return store_finish(s, rc, err);
}

/* clang-format off */
static const char allocations_sql[] =
    "SELECT r.key, a.ref, a.org_name, a.project, r.closes_on, l.assessor, l.allocated_at,"
    " (SELECT count(*) FROM fund_score x WHERE x.application_id = a.id"
    "  AND x.assessor = l.assessor),"
    " (SELECT count(*) FROM fund_criterion WHERE round_id = r.id),"
    " EXISTS(" FUND_CONFLICTED_WITH("l.assessor", "l.application_id") ")"
    " FROM fund_allocation l JOIN fund_application a ON a.id = l.application_id"
    " JOIN fund_round r ON r.id = a.round_id"
    " WHERE (?1 IS NULL OR r.key = ?1) AND (?2 IS NULL OR l.assessor = ?2)"
    " ORDER BY r.opens_on, r.key, a.id, l.assessor";
/* clang-format on */

int store_fund_allocations(struct store *s, const char *round, const char *assessor,
                           fund_allocation_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, allocations_sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, assessor, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct fund_allocation_view v = {.round = store_column_text(st, 0),
                                         .ref = store_column_text(st, 1),
                                         .org_name = store_column_text(st, 2),
                                         .project = store_column_text(st, 3),
                                         .closes_on = store_column_text(st, 4),
                                         .assessor = store_column_text(st, 5),
                                         .allocated_at = store_column_text(st, 6),
                                         .scored = sqlite3_column_int(st, 7),
                                         .criteria = sqlite3_column_int(st, 8),
                                         .conflicted = sqlite3_column_int(st, 9) != 0};
        fn(arg, &v);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading allocations");
    sqlite3_finalize(st);
    return out;
}
