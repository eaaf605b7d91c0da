/*
 * budget.c - the budget register's changes (see budget.h): a file's years
 * published as versions when they changed, the precept's steps with their
 * clocks, and a medium-term financial strategy's versions, each in one
 * transaction with its audit rows.
 */
#include "store/budget.h"
#include "model/calendar.h"
#include "store/clocks_internal.h"
#include "store/store_internal.h"
#include "util/month.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_words[PRECEPT_KINDS] = {"opened", "proposed", "panel-report",
                                                      "revised", "issued"};

const char *precept_kind_word(enum precept_kind k)
{
    assert(k >= 0 && k < PRECEPT_KINDS);
    return kind_words[k];
}

const char *precept_kind_text(enum precept_kind k)
{
    static const char *const text[PRECEPT_KINDS] = {
        "Opened", "Proposed to the Panel", "The Panel's report", "Revised after a veto", "Issued"};
    assert(k >= 0 && k < PRECEPT_KINDS);
    return text[k];
}

bool precept_kind_parse(const char *w, enum precept_kind *k)
{
    for (int i = 0; i < PRECEPT_KINDS; i++)
        if (strcmp(w, kind_words[i]) == 0) {
            *k = (enum precept_kind)i;
            return true;
        }
    return false;
}

/* ---- budgets -------------------------------------------------------------- */

/* The current version of year fy and whether lines differ from it. */
static int current_budget(struct store *s, const struct budget_year *y, int *version, bool *differs,
                          struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT l.heading, l.amount_pence, v.version FROM"
                                     " budget_line l JOIN budget_version v ON v.id = l.version_id"
                                     " WHERE v.fy = ?1 AND v.version = (SELECT max(version)"
                                     " FROM budget_version WHERE fy = ?1) ORDER BY l.position",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, y->fy);
    *version = 0;
    *differs = false;
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *version = sqlite3_column_int(st, 2);
        if (i >= y->n || strcmp(store_column_text(st, 0), y->lines[i].heading) != 0 ||
            sqlite3_column_int64(st, 1) != y->lines[i].amount_pence)
            *differs = true;
        i++;
    }
    sqlite3_finalize(st);
    if (i != y->n)
        *differs = true;
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a published budget");
}

static int64_t year_total(const struct budget_year *y)
{
    int64_t t = 0;
    for (size_t i = 0; i < y->n; i++)
        t += y->lines[i].amount_pence;
    return t;
}

static int insert_budget(struct store *s, const struct budget_year *y, int version,
                         const char *reason, const struct budget_source *src,
                         const struct audit_origin *by, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO budget_version(fy, version, total_pence, lines, published_at, published_by,"
        " reason, file_name, file_sha256) VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5, ?6, ?7, ?8)",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, y->fy);
    sqlite3_bind_int(st, 2, version);
    sqlite3_bind_int64(st, 3, year_total(y));
    sqlite3_bind_int64(st, 4, (int64_t)y->n);
    sqlite3_bind_text(st, 5, by->actor, -1, SQLITE_STATIC);
    if (reason && *reason)
        sqlite3_bind_text(st, 6, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, src->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, src->sha256, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "publishing a budget");
    sqlite3_finalize(st);
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if (rc < 0 || !(st = store_prepare(s,
                                       "INSERT INTO budget_line(version_id, position, heading,"
                                       " amount_pence, line) VALUES(?1, ?2, ?3, ?4, ?5)",
                                       err)))
        return -1;
    for (size_t i = 0; rc == 0 && i < y->n; i++) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)i + 1);
        sqlite3_bind_text(st, 3, y->lines[i].heading, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, y->lines[i].amount_pence);
        sqlite3_bind_int64(st, 5, y->lines[i].line);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "publishing a budget line");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    char fy[FY_TEXT_SIZE], key[32];
    fy_format(y->fy, fy);
    snprintf(key, sizeof key, "%s:v%d", fy, version);
    return store_audit_fact(s, "budget.publish", "budget", key,
                            json_pack("{s:s, s:i, s:I, s:I, s:s?, s:s, s:s}", "year", fy, "version",
                                      version, "total_pence", (json_int_t)year_total(y), "lines",
                                      (json_int_t)y->n, "reason", reason && *reason ? reason : NULL,
                                      "file", src->name, "sha256", src->sha256),
                            by, err);
}

int store_budget_publish(struct store *s, const struct budget_year *years, size_t n,
                         const char *reason, const struct budget_source *src,
                         const struct audit_origin *by, bool dry_run, int *out, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = 0;
    bool needs_reason = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int version;
        bool differs;
        rc = current_budget(s, &years[i], &version, &differs, err);
        out[i] = rc == 0 && differs ? version + 1 : 0;
        if (rc == 0 && differs && version > 0 && !(reason && *reason)) {
            char fy[FY_TEXT_SIZE];
            fy_format(years[i].fy, fy);
            buf_printf(err, "%s: version %d would replace version %d: say why with --reason\n", fy,
                       version + 1, version);
            needs_reason = true;
        }
        if (rc == 0 && differs && !needs_reason && !dry_run)
            rc = insert_budget(s, &years[i], out[i], reason, src, by, err);
    }
    if (rc == 0 && (needs_reason || dry_run)) {
        store_exec(s, "ROLLBACK", err);
        return needs_reason ? BUDGET_NEEDS_REASON : 0;
    }
    return store_finish(s, rc, err);
}

/* ---- the precept ---------------------------------------------------------- */

int precept_deadline(int fy, enum precept_kind opens)
{
    int day = opens == PRECEPT_OPENED ? 1 : opens == PRECEPT_PROPOSED ? 8 : 15;
    int d = DATE_NONE;
    date_from_ymd(fy, 2, day, &d);
    return d;
}

/* The steps recorded for a year, as bits (1 << kind), and whether the
 * Panel vetoed. */
static int steps_done(struct store *s, int fy, unsigned *done, bool *veto, struct buf *err)
{
    sqlite3_stmt *st =
        store_prepare(s, "SELECT kind, coalesce(veto, 0) FROM precept_step WHERE fy = ?1", err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, fy);
    *done = 0;
    *veto = false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        enum precept_kind k;
        if (precept_kind_parse(store_column_text(st, 0), &k))
            *done |= 1u << k;
        *veto |= sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the precept");
}

/* Whether p may follow the steps done: 0, or a refusal with err. */
static int step_allowed(const struct precept_step *p, unsigned done, bool veto, struct buf *err)
{
#define DONE(k) (done & (1u << (k)))
    const char *why = DONE(p->kind)          ? NULL
                      : DONE(PRECEPT_ISSUED) ? "the precept is issued: nothing follows"
                      : p->kind == PRECEPT_PANEL_REPORT && !DONE(PRECEPT_PROPOSED)
                          ? "the Panel reports on a proposed precept: record the proposal first"
                      : p->kind == PRECEPT_REVISED && !(DONE(PRECEPT_PANEL_REPORT) && veto)
                          ? "a revised precept answers the Panel's veto: none is recorded"
                      : p->kind == PRECEPT_ISSUED && !DONE(PRECEPT_PANEL_REPORT)
                          ? "the precept is issued after the Panel's report (Sch. 5 para 1)"
                      : p->kind == PRECEPT_ISSUED && veto && !DONE(PRECEPT_REVISED)
                          ? "the Panel vetoed: record the revised precept first"
                          : "";
#undef DONE
    if (!why) {
        buf_printf(err, "the step '%s' is recorded already for this year",
                   precept_kind_word(p->kind));
        return PRECEPT_DONE_ALREADY;
    }
    if (*why) {
        buf_puts(err, why);
        return PRECEPT_OUT_OF_ORDER;
    }
    return 0;
}

static const char *precept_bad(const struct precept_step *p)
{
    bool needs_band_d = p->kind == PRECEPT_PROPOSED || p->kind == PRECEPT_REVISED;
    if (needs_band_d && p->band_d_pence <= 0)
        return "the Band D figure is required, and more than nothing";
    if (p->band_d_pence < 0 || p->precept_pence < 0)
        return "an amount is negative";
    if (p->note && strlen(p->note) > 2000)
        return "the note is longer than 2,000 bytes";
    if (p->fy < 2000 || p->fy > 2100 || p->on == DATE_NONE)
        return "the year or the date is not one peel takes";
    return NULL;
}

/* The clock each step starts, and the one it completes (-1: none). */
static const struct {
    const char *subject, *purpose;
} clocks[] = {
    {"notify", "Notify the Police and Crime Panel of the proposed precept by 1 February"
               " (Precepts Regulations 2012, reg. 3)"},
    {"report", "The Panel's report on the proposed precept, with any veto, by 8 February"
               " (reg. 4)"},
    {"revise", "Respond to the Panel's veto with a revised precept by 15 February (reg. 5)"},
};

static int start_clock(struct store *s, int fy, int which, int on, const struct audit_origin *by,
                       struct buf *err)
{
    char fyt[FY_TEXT_SIZE], subject[48];
    fy_format(fy, fyt);
    snprintf(subject, sizeof subject, "precept:%s:%s", fyt, clocks[which].subject);
    int due = precept_deadline(fy, (enum precept_kind)which);
    int start = on < due ? on : due; /* a late start is due at once */
    struct clock_new c = {subject,
                          clocks[which].purpose,
                          {CLOCK_CALENDAR_DAYS, CLOCK_SAME_DAY, start, due - start + 1}};
    int64_t id;
    return clock_start_in(s, &c, by, &id, err) < 0 ? -1 : 0;
}

static int complete_clock(struct store *s, int fy, int which, int on, const struct audit_origin *by,
                          struct buf *err)
{
    char fyt[FY_TEXT_SIZE], subject[48];
    fy_format(fy, fyt);
    snprintf(subject, sizeof subject, "precept:%s:%s", fyt, clocks[which].subject);
    return clock_complete_subject_in(s, subject, on, by, err);
}

static int step_clocks(struct store *s, const struct precept_step *p, const struct audit_origin *by,
                       struct buf *err)
{
    switch (p->kind) {
    case PRECEPT_OPENED:
        return start_clock(s, p->fy, 0, p->on, by, err);
    case PRECEPT_PROPOSED:
        return complete_clock(s, p->fy, 0, p->on, by, err) < 0
                   ? -1
                   : start_clock(s, p->fy, 1, p->on, by, err);
    case PRECEPT_PANEL_REPORT:
        if (complete_clock(s, p->fy, 1, p->on, by, err) < 0)
            return -1;
        return p->veto ? start_clock(s, p->fy, 2, p->on, by, err) : 0;
    case PRECEPT_REVISED:
        return complete_clock(s, p->fy, 2, p->on, by, err);
    default:
        return 0;
    }
}

static void bind_money(sqlite3_stmt *st, int i, int64_t pence)
{
    if (pence > 0)
        sqlite3_bind_int64(st, i, pence);
}

static int insert_step(struct store *s, const struct precept_step *p, const struct audit_origin *by,
                       struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO precept_step(fy, kind, happened_on, band_d_pence, precept_pence, veto, note,"
        " recorded_at, recorded_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, " STORE_NOW ", ?8)",
        err);
    if (!st)
        return -1;
    char on[DATE_TEXT_SIZE];
    date_format(p->on, on);
    sqlite3_bind_int(st, 1, p->fy);
    sqlite3_bind_text(st, 2, precept_kind_word(p->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, on, -1, SQLITE_STATIC);
    bind_money(st, 4, p->band_d_pence);
    bind_money(st, 5, p->precept_pence);
    if (p->kind == PRECEPT_PANEL_REPORT)
        sqlite3_bind_int(st, 6, p->veto);
    sqlite3_bind_text(st, 7, p->note ? p->note : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "recording the precept");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    char fy[FY_TEXT_SIZE], action[32];
    fy_format(p->fy, fy);
    snprintf(action, sizeof action, "precept.%s", precept_kind_word(p->kind));
    json_t *j = json_pack("{s:s, s:s, s:s}", "year", fy, "on", on, "note", p->note ? p->note : "");
    if (p->band_d_pence > 0)
        json_object_set_new(j, "band_d_pence", json_integer(p->band_d_pence));
    if (p->precept_pence > 0)
        json_object_set_new(j, "precept_pence", json_integer(p->precept_pence));
    if (p->kind == PRECEPT_PANEL_REPORT)
        json_object_set_new(j, "veto", json_boolean(p->veto));
    return store_audit_fact(s, action, "precept", fy, j, by, err);
}

int store_precept_step(struct store *s, const struct precept_step *p, const struct audit_origin *by,
                       struct buf *err)
{
    const char *bad = precept_bad(p);
    if (bad) {
        buf_puts(err, bad);
        return PRECEPT_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    unsigned done;
    bool veto;
    int rc = steps_done(s, p->fy, &done, &veto, err);
    if (rc == 0 && (rc = step_allowed(p, done, veto, err)) > 0) {
        store_exec(s, "ROLLBACK", err);
        return rc;
    }
    if (rc == 0)
        rc = step_clocks(s, p, by, err);
    if (rc == 0)
        rc = insert_step(s, p, by, err);
    return store_finish(s, rc, err);
}

/* ---- the medium-term financial strategy ----------------------------------- */

static const char *mtfs_bad(const struct mtfs_new *m)
{
    if (m->n < 1 || m->n > MTFS_MAX_YEARS)
        return "a strategy covers 1 to 10 financial years";
    for (size_t i = 1; i < m->n; i++)
        if (m->years[i].fy != m->years[i - 1].fy + 1)
            return "a strategy's years follow one another, oldest first";
    if (!m->title || !*m->title || strlen(m->title) > 300)
        return "the title is 1 to 300 bytes";
    if (!m->url || !*m->url || strlen(m->url) > 500)
        return "the address it is published at is 1 to 500 bytes";
    return m->published_on == DATE_NONE ? "the date it was published is required" : NULL;
}

/* The current version of m's run, and whether m differs from it. */
static int current_mtfs(struct store *s, const struct mtfs_new *m, int *version, bool *differs,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT v.version, v.title, v.url, v.published_on, y.fy, y.requirement_pence,"
        " y.funding_pence FROM mtfs_version v JOIN mtfs_year y ON y.version_id = v.id"
        " WHERE v.first_fy = ?1 AND v.last_fy = ?2 AND v.version = (SELECT max(version) FROM"
        " mtfs_version WHERE first_fy = ?1 AND last_fy = ?2) ORDER BY y.fy",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, m->years[0].fy);
    sqlite3_bind_int(st, 2, m->years[m->n - 1].fy);
    *version = 0;
    *differs = false;
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *version = sqlite3_column_int(st, 0);
        const struct mtfs_year *y = i < m->n ? &m->years[i] : NULL;
        if (!y || strcmp(store_column_text(st, 1), m->title) != 0 ||
            strcmp(store_column_text(st, 2), m->url) != 0 ||
            store_column_date(st, 3) != m->published_on || sqlite3_column_int(st, 4) != y->fy ||
            sqlite3_column_int64(st, 5) != y->requirement_pence ||
            sqlite3_column_int64(st, 6) != y->funding_pence)
            *differs = true;
        i++;
    }
    sqlite3_finalize(st);
    if (i != m->n)
        *differs = true;
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a published strategy");
}

static int insert_mtfs(struct store *s, const struct mtfs_new *m, int version, const char *reason,
                       const struct budget_source *src, const struct audit_origin *by,
                       struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO mtfs_version(first_fy, last_fy, version, title, url, published_on, reason,"
        " file_name, file_sha256, recorded_at, recorded_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " STORE_NOW ", ?10)",
        err);
    if (!st)
        return -1;
    char on[DATE_TEXT_SIZE];
    date_format(m->published_on, on);
    sqlite3_bind_int(st, 1, m->years[0].fy);
    sqlite3_bind_int(st, 2, m->years[m->n - 1].fy);
    sqlite3_bind_int(st, 3, version);
    sqlite3_bind_text(st, 4, m->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, m->url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, on, -1, SQLITE_STATIC);
    if (reason && *reason)
        sqlite3_bind_text(st, 7, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, src->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, src->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "publishing a strategy");
    sqlite3_finalize(st);
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if (rc < 0 || !(st = store_prepare(s,
                                       "INSERT INTO mtfs_year(version_id, fy, requirement_pence,"
                                       " funding_pence, line) VALUES(?1, ?2, ?3, ?4, ?5)",
                                       err)))
        return -1;
    for (size_t i = 0; rc == 0 && i < m->n; i++) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, m->years[i].fy);
        sqlite3_bind_int64(st, 3, m->years[i].requirement_pence);
        sqlite3_bind_int64(st, 4, m->years[i].funding_pence);
        sqlite3_bind_int64(st, 5, m->years[i].line);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "publishing a year of a strategy");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    char first[FY_TEXT_SIZE], last[FY_TEXT_SIZE], key[40];
    fy_format(m->years[0].fy, first);
    fy_format(m->years[m->n - 1].fy, last);
    snprintf(key, sizeof key, "%s..%s:v%d", first, last, version);
    return store_audit_fact(s, "mtfs.publish", "mtfs", key,
                            json_pack("{s:s, s:s, s:s, s:i, s:s?, s:s, s:s}", "title", m->title,
                                      "url", m->url, "published_on", on, "version", version,
                                      "reason", reason && *reason ? reason : NULL, "file",
                                      src->name, "sha256", src->sha256),
                            by, err);
}

int store_mtfs_publish(struct store *s, const struct mtfs_new *m, const char *reason,
                       const struct budget_source *src, const struct audit_origin *by, int *version,
                       struct buf *err)
{
    *version = 0;
    const char *bad = mtfs_bad(m);
    if (bad) {
        buf_puts(err, bad);
        return BUDGET_BAD;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int current;
    bool differs;
    int rc = current_mtfs(s, m, &current, &differs, err);
    if (rc == 0 && differs && current > 0 && !(reason && *reason)) {
        buf_printf(err, "version %d would correct version %d: say why with --reason", current + 1,
                   current);
        store_exec(s, "ROLLBACK", err);
        return BUDGET_NEEDS_REASON;
    }
    if (rc == 0 && differs) {
        *version = current + 1;
        rc = insert_mtfs(s, m, *version, reason, src, by, err);
    }
    return store_finish(s, rc, err);
}
