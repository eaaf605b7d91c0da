/*
 * services.c - the commissioned services register's changes (see
 * services.h): a file's services, or its quarterly returns, published as
 * versions when they changed, in one transaction with their audit rows
 * and the clocks of the services' end dates.
 */
#include "store/services.h"
#include "store/clocks_internal.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <string.h>

/* The current version of a record and whether the file's differs. */
struct current {
    const void *want;
    int version;
    bool differs;
    int64_t clock_id;
    char end_on[11];
};

static bool same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void compare_service(void *arg, const struct service_row *r)
{
    struct current *cur = arg;
    const struct service *a = cur->want, *b = &r->v;
    cur->version = r->version;
    cur->clock_id = r->clock_id;
    snprintf(cur->end_on, sizeof cur->end_on, "%s", b->end_on);
    bool differs = !same(a->name, b->name) || !same(a->provider, b->provider) ||
                   !same(a->provider_id, b->provider_id) ||
                   !same(a->contract_ref, b->contract_ref) || !same(a->funding, b->funding) ||
                   !same(a->serves, b->serves) || !same(a->start_on, b->start_on) ||
                   !same(a->end_on, b->end_on) || a->annual_value_pence != b->annual_value_pence ||
                   a->noutcomes != b->noutcomes;
    for (size_t i = 0; !differs && i < a->noutcomes; i++)
        differs = !same(a->outcomes[i].measure, b->outcomes[i].measure) ||
                  a->outcomes[i].target != b->outcomes[i].target;
    cur->differs = differs;
}

static void compare_return(void *arg, const struct service_return_row *r)
{
    struct current *cur = arg;
    const struct service_return *a = cur->want, *b = &r->r;
    if (!same(a->quarter, b->quarter))
        return;
    cur->version = r->version;
    bool differs =
        a->referrals != b->referrals || a->people != b->people || a->nachieved != b->nachieved;
    /* both sorted by measure: the file's by the importer, the store's by the read */
    for (size_t i = 0; !differs && i < a->nachieved; i++)
        differs = !same(a->achieved[i].measure, b->achieved[i].measure) ||
                  a->achieved[i].achieved != b->achieved[i].achieved;
    cur->differs = differs;
}

static void bind_text(sqlite3_stmt *st, int i, const char *text)
{
    if (text && *text)
        sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
}

static int step_once(struct store *s, sqlite3_stmt *st, const char *what, struct buf *err)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, what);
    sqlite3_finalize(st);
    return rc;
}

static int insert_outcomes(struct store *s, int64_t version_id, const struct service *v,
                           struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO service_outcome(version_id, position, measure,"
                                     " target) VALUES(?1, ?2, ?3, ?4)",
                                     err);
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < v->noutcomes; i++) {
        sqlite3_bind_int64(st, 1, version_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_text(st, 3, v->outcomes[i].measure, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, v->outcomes[i].target);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "storing an outcome");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static json_t *service_fact(const struct service *v, int version, const char *reason,
                            const struct service_source *src)
{
    json_t *outcomes = json_array();
    for (size_t i = 0; i < v->noutcomes; i++)
        json_array_append_new(outcomes, json_pack("{s:s, s:I}", "measure", v->outcomes[i].measure,
                                                  "target", (json_int_t)v->outcomes[i].target));
    return json_pack(
        "{s:s, s:i, s:s, s:s, s:s, s:s, s:I, s:s, s:s?, s:o, s:s?, s:s, s:s}", "ref", v->ref,
        "version", version, "name", v->name, "provider", v->provider, "provider_id", v->provider_id,
        "contract_ref", v->contract_ref, "annual_value_pence", (json_int_t)v->annual_value_pence,
        "start_on", v->start_on, "end_on", *v->end_on ? v->end_on : NULL, "outcomes", outcomes,
        "reason", reason && *reason ? reason : NULL, "file", src->name, "sha256", src->sha256);
}

static int insert_service(struct store *s, const struct service *v, const struct current *cur,
                          const char *reason, const struct service_source *src,
                          const struct audit_origin *by, int today, struct buf *err)
{
    int version = cur->version + 1;
    int64_t clock_id = cur->clock_id;
    if (cur->version == 0 || !same(cur->end_on, v->end_on)) { /* the end date's clock anew */
        char subject[80], purpose[500];
        snprintf(subject, sizeof subject, "service:%s", v->ref);
        snprintf(purpose, sizeof purpose, "Commissioned service ends: %.200s (%.200s)", v->name,
                 v->provider);
        if (clock_end_date_in(s, subject, purpose, v->start_on, v->end_on, today, by, &clock_id,
                              err) < 0)
            return -1;
    }
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO service_version(ref, version, name, provider, provider_id, contract_ref,"
        " funding, serves, start_on, end_on, annual_value_pence, clock_id, line, published_at,"
        " published_by, reason, file_name, file_sha256) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " ?9, ?10, ?11, ?12, ?13, " STORE_NOW ", ?14, ?15, ?16, ?17)",
        err);
    if (!st)
        return -1;
    const char *text[] = {v->name,    v->provider, v->provider_id, v->contract_ref,
                          v->funding, v->serves,   v->start_on};
    sqlite3_bind_text(st, 1, v->ref, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, version);
    for (int i = 0; i < 7; i++)
        sqlite3_bind_text(st, 3 + i, text[i], -1, SQLITE_STATIC);
    bind_text(st, 10, v->end_on);
    sqlite3_bind_int64(st, 11, v->annual_value_pence);
    if (clock_id)
        sqlite3_bind_int64(st, 12, clock_id);
    sqlite3_bind_int64(st, 13, v->line);
    sqlite3_bind_text(st, 14, by->actor, -1, SQLITE_STATIC);
    bind_text(st, 15, reason);
    sqlite3_bind_text(st, 16, src->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, src->sha256, -1, SQLITE_STATIC);
    if (step_once(s, st, "publishing a service", err) < 0 ||
        insert_outcomes(s, sqlite3_last_insert_rowid(s->db), v, err) < 0)
        return -1;
    char key[96];
    snprintf(key, sizeof key, "%s:v%d", v->ref, version);
    return store_audit_fact(s, "service.publish", "service", key,
                            service_fact(v, version, reason, src), by, err);
}

/* Rolls back a check or a refusal; commits a publication. */
static int end_publish(struct store *s, int rc, bool refused, bool dry_run, int refusal,
                       struct buf *err)
{
    if (rc == 0 && (refused || dry_run)) {
        store_exec(s, "ROLLBACK", err);
        return refused ? refusal : 0;
    }
    return store_finish(s, rc, err);
}

static void needs_reason(struct buf *err, long line, const char *what, int version)
{
    buf_printf(err, "line %ld: %s: version %d would replace version %d: say why with --reason\n",
               line, what, version + 1, version);
}

int store_services_publish(struct store *s, const struct service *v, size_t n, const char *reason,
                           const struct service_source *src, const struct audit_origin *by,
                           int today, bool dry_run, int *out, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = 0;
    bool refused = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct current cur = {.want = &v[i], .differs = true};
        if (store_services(s, v[i].ref, false, compare_service, &cur, err) < 0) {
            rc = -1;
            break;
        }
        out[i] = cur.differs ? cur.version + 1 : 0;
        if (cur.differs && cur.version > 0 && !(reason && *reason)) {
            needs_reason(err, v[i].line, v[i].ref, cur.version);
            refused = true;
        }
        if (cur.differs && !refused && !dry_run)
            rc = insert_service(s, &v[i], &cur, reason, src, by, today, err);
    }
    return end_publish(s, rc, refused, dry_run, SERVICE_NEEDS_REASON, err);
}

/* ---- quarterly returns ---------------------------------------------------- */

/* The measures of the service's current outcomes, as one text "|m1|m2|". */
static void measures_of(void *arg, const struct service_row *r)
{
    struct buf *b = arg;
    buf_putc(b, '|');
    for (size_t i = 0; i < r->v.noutcomes; i++)
        buf_printf(b, "%s|", r->v.outcomes[i].measure);
}

/* Whether r's service is in the register and each measure one of its
 * outcomes; a line to err for each problem. */
static int check_return(struct store *s, const struct service_return *r, bool *bad, struct buf *err)
{
    struct buf m = BUF_INIT;
    int rc = store_services(s, r->ref, false, measures_of, &m, err);
    if (rc == 0) {
        buf_printf(err,
                   "line %ld: service: '%s' is not in the register: import the service first\n",
                   r->line, r->ref);
        *bad = true;
    }
    for (size_t i = 0; rc > 0 && i < r->nachieved; i++) {
        struct buf want = BUF_INIT;
        buf_printf(&want, "|%s|", r->achieved[i].measure);
        if (!strstr(buf_str(&m), want.p)) {
            buf_printf(err, "line %ld: outcomes achieved: '%s' is not an outcome of %s\n", r->line,
                       r->achieved[i].measure, r->ref);
            *bad = true;
        }
        buf_free(&want);
    }
    buf_free(&m);
    return rc < 0 ? -1 : 0;
}

static json_t *return_fact(const struct service_return *r, int version, const char *reason,
                           const struct service_source *src)
{
    json_t *achieved = json_object();
    for (size_t i = 0; i < r->nachieved; i++)
        json_object_set_new(achieved, r->achieved[i].measure,
                            json_integer((json_int_t)r->achieved[i].achieved));
    return json_pack("{s:s, s:s, s:i, s:I, s:I, s:o, s:s?, s:s, s:s}", "ref", r->ref, "quarter",
                     r->quarter, "version", version, "referrals", (json_int_t)r->referrals,
                     "people", (json_int_t)r->people, "achieved", achieved, "reason",
                     reason && *reason ? reason : NULL, "file", src->name, "sha256", src->sha256);
}

static int insert_achieved(struct store *s, int64_t return_id, const struct service_return *r,
                           struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO service_return_outcome(return_id, measure,"
                                     " achieved) VALUES(?1, ?2, ?3)",
                                     err);
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < r->nachieved; i++) {
        sqlite3_bind_int64(st, 1, return_id);
        sqlite3_bind_text(st, 2, r->achieved[i].measure, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, r->achieved[i].achieved);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "storing an outcome achieved");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_return(struct store *s, const struct service_return *r, int version,
                         const char *reason, const struct service_source *src,
                         const struct audit_origin *by, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO service_return(ref, quarter, version, referrals, people, line, published_at,"
        " published_by, reason, file_name, file_sha256) VALUES(?1, ?2, ?3, ?4, ?5, ?6, " STORE_NOW
        ", ?7, ?8, ?9, ?10)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, r->ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->quarter, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, version);
    sqlite3_bind_int64(st, 4, r->referrals);
    sqlite3_bind_int64(st, 5, r->people);
    sqlite3_bind_int64(st, 6, r->line);
    sqlite3_bind_text(st, 7, by->actor, -1, SQLITE_STATIC);
    bind_text(st, 8, reason);
    sqlite3_bind_text(st, 9, src->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, src->sha256, -1, SQLITE_STATIC);
    if (step_once(s, st, "publishing a return", err) < 0 ||
        insert_achieved(s, sqlite3_last_insert_rowid(s->db), r, err) < 0)
        return -1;
    char key[128];
    snprintf(key, sizeof key, "%s:%s:v%d", r->ref, r->quarter, version);
    return store_audit_fact(s, "service.return", "service-return", key,
                            return_fact(r, version, reason, src), by, err);
}

int store_service_returns_publish(struct store *s, const struct service_return *r, size_t n,
                                  const char *reason, const struct service_source *src,
                                  const struct audit_origin *by, bool dry_run, int *out,
                                  struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = 0;
    bool unknown = false, refused = false;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = check_return(s, &r[i], &unknown, err);
    for (size_t i = 0; rc == 0 && !unknown && i < n; i++) {
        struct current cur = {.want = &r[i], .differs = true};
        if (store_service_returns(s, r[i].ref, compare_return, &cur, err) < 0) {
            rc = -1;
            break;
        }
        out[i] = cur.differs ? cur.version + 1 : 0;
        if (cur.differs && cur.version > 0 && !(reason && *reason)) {
            char what[128];
            snprintf(what, sizeof what, "%s %s", r[i].ref, r[i].quarter);
            needs_reason(err, r[i].line, what, cur.version);
            refused = true;
        }
        if (cur.differs && !refused && !dry_run)
            rc = insert_return(s, &r[i], out[i], reason, src, by, err);
    }
    return end_publish(s, rc, refused || unknown, dry_run,
                       unknown ? SERVICE_UNKNOWN : SERVICE_NEEDS_REASON, err);
}
