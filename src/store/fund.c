/*
 * fund.c - the Safety Fund's programmes, years, rounds and awards (see
 * fund.h). Each change is one BEGIN IMMEDIATE transaction with its audit
 * row; the checks here give the reasons and figures, and migration 26's
 * triggers hold the same rules against any other writer.
 */
#include "store/fund.h"
#include "model/money.h"
#include "model/plan.h"
#include "store/store_internal.h"
#include "util/month.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *fund_status_text(enum fund_status st)
{
    switch (st) {
    case FUND_OK:
        return "done";
    case FUND_UNKNOWN:
        return "no such programme, year or round";
    case FUND_TAKEN:
        return "that key is in use";
    case FUND_FROZEN:
        return "the round is open: its rubric, threshold and budget never change";
    case FUND_NOT_OPEN:
        return "the round is not open";
    case FUND_OVER:
        return "over the maximum award or a budget";
    case FUND_BAD:
        return "a field is missing or wrong";
    case FUND_CONFLICTED:
        return "the assessor declared a conflict with this application";
    }
    return "refused";
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

static bool key_ok(const char *k)
{
    size_t n = k ? strlen(k) : 0;
    if (n < 1 || n > 30)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') ||
              (k[i] >= '0' && k[i] <= '9') || k[i] == '-'))
            return false;
    return true;
}

static int begin(struct store *s, struct buf *err)
{
    return store_exec(s, "BEGIN IMMEDIATE", err);
}

/* One integer from a query with up to two text parameters: 1 and *out,
 * 0 when there is no row, -1 with err. */
static int query_int(struct store *s, const char *sql, const char *a, const char *b, int64_t *out,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        store_fail(s, err, "reading the fund");
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Runs an INSERT or UPDATE whose parameters bind() sets: 0, or -1. */
static int run(struct store *s, sqlite3_stmt *st, const char *what, struct buf *err)
{
    if (!st)
        return -1;
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, what);
    sqlite3_finalize(st);
    return rc;
}

static int audit(struct store *s, const char *action, const char *key, json_t *after,
                 const struct audit_origin *by, struct buf *err)
{
    return store_audit_fact(s, action, "fund", key, after, by, err);
}

int store_fund_programme_add(struct store *s, const struct fund_programme *p,
                             const struct audit_origin *by, struct buf *err)
{
    if (!key_ok(p->key) || blank(p->title) || blank(p->funder_id) || blank(p->funder_name) ||
        !p->prefix || strncmp(p->prefix, "360G-", 5) != 0 || !p->prefix[5]) {
        buf_puts(err, "a programme needs a key (letters, digits, -), a title, the funder's "
                      "org-id and name, and a 360G- prefix");
        return FUND_BAD;
    }
    if (begin(s, err) < 0)
        return -1;
    int64_t id;
    int rc = query_int(s, "SELECT id FROM fund_programme WHERE key = ?1", p->key, NULL, &id, err);
    if (rc == 1) {
        buf_printf(err, "programme %s exists already", p->key);
        return store_finish(s, FUND_TAKEN, err);
    }
    sqlite3_stmt *st = rc < 0 ? NULL
                              : store_prepare(s,
                                              "INSERT INTO fund_programme(key, title, funder_id,"
                                              " funder_name, prefix, created_at, created_by)"
                                              " VALUES(?1, ?2, ?3, ?4, ?5, " STORE_NOW ", ?6)",
                                              err);
    if (st) {
        sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, p->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, p->funder_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, p->funder_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, p->prefix, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, by->actor, -1, SQLITE_STATIC);
    }
    rc = run(s, st, "adding a programme", err);
    if (rc == 0)
        rc = audit(s, "fund.programme", p->key,
                   json_pack("{s:s, s:s, s:s, s:s, s:s}", "key", p->key, "title", p->title,
                             "funder_id", p->funder_id, "funder_name", p->funder_name, "prefix",
                             p->prefix),
                   by, err);
    return store_finish(s, rc, err);
}

/* A financial year as Peel writes it, "2024-25" (util/month.h). */
static bool fy_ok(const char *fy)
{
    int y;
    char canon[FY_TEXT_SIZE];
    return fy && fy_parse(fy, &y) && (fy_format(y, canon), strcmp(canon, fy) == 0);
}

int store_fund_year_add(struct store *s, const char *programme, const char *fy,
                        int64_t budget_pence, const struct audit_origin *by, struct buf *err)
{
    if (!fy_ok(fy) || budget_pence <= 0) {
        buf_puts(err, "a year is a financial year (2024-25) with a budget over nothing");
        return FUND_BAD;
    }
    if (begin(s, err) < 0)
        return -1;
    int64_t pid, yid;
    int rc =
        query_int(s, "SELECT id FROM fund_programme WHERE key = ?1", programme, NULL, &pid, err);
    if (rc == 0)
        buf_printf(err, "no programme %s", programme);
    if (rc <= 0)
        return store_finish(s, rc < 0 ? -1 : FUND_UNKNOWN, err);
    rc = query_int(s,
                   "SELECT y.id FROM fund_year y JOIN fund_programme p ON p.id = y.programme_id"
                   " WHERE p.key = ?1 AND y.fy = ?2",
                   programme, fy, &yid, err);
    if (rc == 1)
        buf_printf(err, "programme %s has a budget for %s already", programme, fy);
    if (rc != 0)
        return store_finish(s, rc < 0 ? -1 : FUND_TAKEN, err);
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO fund_year(programme_id, fy, budget_pence,"
                      " created_at, created_by) VALUES(?1, ?2, ?3, " STORE_NOW ", ?4)",
                      err);
    if (st) {
        sqlite3_bind_int64(st, 1, pid);
        sqlite3_bind_text(st, 2, fy, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, budget_pence);
        sqlite3_bind_text(st, 4, by->actor, -1, SQLITE_STATIC);
    }
    rc = run(s, st, "adding a year", err);
    char key[64];
    snprintf(key, sizeof key, "%s/%s", programme, fy);
    if (rc == 0)
        rc = audit(s, "fund.year", key,
                   json_pack("{s:s, s:s, s:I}", "programme", programme, "fy", fy, "budget_pence",
                             (json_int_t)budget_pence),
                   by, err);
    return store_finish(s, rc, err);
}

/* A round's id and whether it is open, inside the caller's transaction:
 * FUND_OK, FUND_UNKNOWN or -1, each with err but the first. */
static int round_of(struct store *s, const char *round, int64_t *id, bool *open, struct buf *err)
{
    int rc =
        store_find_flagged(s, "SELECT id, opened_at IS NOT NULL FROM fund_round WHERE key = ?1",
                           round, "round", id, open, err);
    return rc == 1 ? FUND_OK : rc == 0 ? FUND_UNKNOWN : -1;
}

/* A round that exists and is not yet open, else the refusal (with err). */
static int round_unopened(struct store *s, const char *round, int64_t *id, struct buf *err)
{
    bool open = false;
    int rc = round_of(s, round, id, &open, err);
    if (rc == FUND_OK && open) {
        buf_printf(err,
                   "round %s is open: its rubric, threshold, budget and co-funders never "
                   "change",
                   round);
        return FUND_FROZEN;
    }
    return rc;
}

static const char *round_problem(const struct fund_round *r)
{
    if (!key_ok(r->key))
        return "key: letters, digits and -, at most 30";
    if (blank(r->title) || blank(r->theme))
        return "a round needs a title and a theme";
    if (!r->opens_on || !r->closes_on || strlen(r->opens_on) != 10 || strlen(r->closes_on) != 10 ||
        strcmp(r->closes_on, r->opens_on) <= 0)
        return "opens and closes are dates (YYYY-MM-DD), closing after opening";
    if (r->budget_pence <= 0 || r->max_award_pence <= 0 || r->max_award_pence > r->budget_pence)
        return "the budget and the maximum award are over nothing, the maximum within the budget";
    if (r->threshold_bp > 10000)
        return "the threshold is a percentage from 0 to 100";
    return NULL;
}

static json_t *round_json(const struct fund_round *r)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:I, s:I, s:s, s:s, s:s}",
                          "key", r->key, "programme", r->programme, "fy", r->fy, "title", r->title,
                          "theme", r->theme, "specialist", r->specialist, "opens_on", r->opens_on,
                          "closes_on", r->closes_on, "budget_pence", (json_int_t)r->budget_pence,
                          "max_award_pence", (json_int_t)r->max_award_pence, "eligible_types",
                          r->eligible_types ? r->eligible_types : "", "rules",
                          r->rules ? r->rules : "", "missions", r->missions ? r->missions : "");
    if (r->threshold_bp >= 0)
        json_object_set_new(j, "threshold_bp", json_integer(r->threshold_bp));
    return j;
}

static void bind_round(sqlite3_stmt *st, const struct fund_round *r, int64_t year_id,
                       const char *actor)
{
    sqlite3_bind_text(st, 1, r->key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, year_id);
    sqlite3_bind_text(st, 3, r->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->theme, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, r->specialist);
    sqlite3_bind_text(st, 6, r->opens_on, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, r->closes_on, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, r->budget_pence);
    sqlite3_bind_int64(st, 9, r->max_award_pence);
    if (r->threshold_bp >= 0)
        sqlite3_bind_int(st, 10, r->threshold_bp);
    sqlite3_bind_text(st, 11, r->eligible_types ? r->eligible_types : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, r->rules ? r->rules : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, r->missions ? r->missions : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 14, actor, -1, SQLITE_STATIC);
}

/* Adds round r, checked (round_problem) and its missions stored as keys. */
static int round_insert(struct store *s, const struct fund_round *r, const struct audit_origin *by,
                        struct buf *err)
{
    if (begin(s, err) < 0)
        return -1;
    int64_t yid, rid;
    int rc = query_int(s, "SELECT id FROM fund_round WHERE key = ?1", r->key, NULL, &rid, err);
    if (rc == 1)
        buf_printf(err, "round %s exists already", r->key);
    if (rc != 0)
        return store_finish(s, rc < 0 ? -1 : FUND_TAKEN, err);
    rc = query_int(s,
                   "SELECT y.id FROM fund_year y JOIN fund_programme p ON p.id = y.programme_id"
                   " WHERE p.key = ?1 AND y.fy = ?2",
                   r->programme, r->fy, &yid, err);
    if (rc == 0)
        buf_printf(err, "programme %s has no budget for %s (peel fund year)", r->programme, r->fy);
    if (rc <= 0)
        return store_finish(s, rc < 0 ? -1 : FUND_UNKNOWN, err);
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO fund_round(key, year_id, title, theme, specialist, opens_on, closes_on,"
        " budget_pence, max_award_pence, threshold_bp, eligible_types, rules, missions,"
        " created_at, created_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, " STORE_NOW ", ?14)",
        err);
    if (st)
        bind_round(st, r, yid, by->actor);
    rc = run(s, st, "adding a round", err);
    if (rc == 0)
        rc = audit(s, "fund.round", r->key, round_json(r), by, err);
    return store_finish(s, rc, err);
}

int store_fund_round_add(struct store *s, const struct fund_round *r, const struct audit_origin *by,
                         struct buf *err)
{
    const char *why = round_problem(r);
    if (why) {
        buf_printf(err, "round %s: %s", r->key ? r->key : "", why);
        return FUND_BAD;
    }
    /* the missions as the application form's choices read them
     * (fund_choices.c): plan keys, each once, ", " between */
    struct buf missions = BUF_INIT;
    char bad[32];
    int rc = FUND_BAD;
    if (plan_keys_normalise(r->missions ? r->missions : "", &missions, bad, sizeof bad)) {
        struct fund_round keyed = *r;
        keyed.missions = buf_str(&missions);
        rc = round_insert(s, &keyed, by, err);
    } else {
        buf_printf(err,
                   "round %s: missions: '%s' is not a key of the plan's missions (m1, or m2.s3 "
                   "for a strategy)",
                   r->key, bad);
    }
    buf_free(&missions);
    return rc;
}

int store_fund_round_threshold(struct store *s, const char *round, int threshold_bp,
                               const struct audit_origin *by, struct buf *err)
{
    if (threshold_bp < 0 || threshold_bp > 10000) {
        buf_puts(err, "the threshold is a percentage from 0 to 100");
        return FUND_BAD;
    }
    if (begin(s, err) < 0)
        return -1;
    int64_t id;
    int rc = round_unopened(s, round, &id, err);
    if (rc != FUND_OK)
        return store_finish(s, rc, err);
    sqlite3_stmt *st =
        store_prepare(s, "UPDATE fund_round SET threshold_bp = ?1 WHERE id = ?2", err);
    if (st) {
        sqlite3_bind_int(st, 1, threshold_bp);
        sqlite3_bind_int64(st, 2, id);
    }
    rc = run(s, st, "setting a threshold", err);
    if (rc == 0)
        rc = audit(s, "fund.threshold", round, json_pack("{s:i}", "threshold_bp", threshold_bp), by,
                   err);
    return store_finish(s, rc, err);
}

int store_fund_criterion_add(struct store *s, const char *round, const char *key, const char *title,
                             int weight, int max_score, const struct audit_origin *by,
                             struct buf *err)
{
    if (!key_ok(key) || blank(title) || weight < 1 || weight > 100 || max_score < 1 ||
        max_score > 100) {
        buf_puts(err, "a criterion needs a key (a-z, 0-9, -), a title, a weight from 1 to 100 and "
                      "a top score from 1 to 100");
        return FUND_BAD;
    }
    if (begin(s, err) < 0)
        return -1;
    int64_t id, taken;
    int rc = round_unopened(s, round, &id, err);
    if (rc != FUND_OK)
        return store_finish(s, rc, err);
    rc = query_int(s,
                   "SELECT 1 FROM fund_criterion c JOIN fund_round r ON r.id = c.round_id"
                   " WHERE r.key = ?1 AND c.key = ?2",
                   round, key, &taken, err);
    if (rc == 1)
        buf_printf(err, "round %s has a criterion %s already", round, key);
    if (rc != 0)
        return store_finish(s, rc < 0 ? -1 : FUND_TAKEN, err);
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO fund_criterion(round_id, key, title, weight,"
                                     " max_score) VALUES(?1, ?2, ?3, ?4, ?5)",
                                     err);
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, weight);
        sqlite3_bind_int(st, 5, max_score);
    }
    rc = run(s, st, "adding a criterion", err);
    if (rc == 0)
        rc = audit(s, "fund.criterion", round,
                   json_pack("{s:s, s:s, s:i, s:i}", "key", key, "title", title, "weight", weight,
                             "max_score", max_score),
                   by, err);
    return store_finish(s, rc, err);
}

int store_fund_cofunder_add(struct store *s, const char *round, const char *funder,
                            int64_t share_pence, const struct audit_origin *by, struct buf *err)
{
    if (blank(funder) || share_pence <= 0) {
        buf_puts(err, "a co-funder has a name and a share over nothing");
        return FUND_BAD;
    }
    if (begin(s, err) < 0)
        return -1;
    int64_t id, budget = 0;
    int rc = round_unopened(s, round, &id, err);
    if (rc != FUND_OK)
        return store_finish(s, rc, err);
    if (query_int(s,
                  "SELECT r.budget_pence - coalesce((SELECT sum(share_pence) FROM fund_cofunder"
                  " WHERE round_id = r.id), 0) FROM fund_round r WHERE r.key = ?1",
                  round, NULL, &budget, err) < 0)
        return store_finish(s, -1, err);
    if (share_pence > budget) {
        char a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
        money_format(share_pence, true, a);
        money_format(budget, true, b);
        buf_printf(err, "%s's share %s is more than the %s of round %s's budget not yet shared",
                   funder, a, b, round);
        return store_finish(s, FUND_OVER, err);
    }
    sqlite3_stmt *st = store_prepare(
        s, "INSERT INTO fund_cofunder(round_id, funder, share_pence) VALUES(?1, ?2, ?3)", err);
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, funder, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, share_pence);
    }
    rc = run(s, st, "adding a co-funder", err);
    if (rc == 0)
        rc =
            audit(s, "fund.cofunder", round,
                  json_pack("{s:s, s:I}", "funder", funder, "share_pence", (json_int_t)share_pence),
                  by, err);
    return store_finish(s, rc, err);
}

int store_fund_round_open(struct store *s, const char *round, const struct audit_origin *by,
                          struct buf *err)
{
    if (begin(s, err) < 0)
        return -1;
    int64_t id, criteria = 0, threshold = -1;
    int rc = round_unopened(s, round, &id, err);
    if (rc != FUND_OK)
        return store_finish(s, rc, err);
    if (query_int(s,
                  "SELECT count(*) FROM fund_criterion c JOIN fund_round r ON r.id = c.round_id"
                  " WHERE r.key = ?1",
                  round, NULL, &criteria, err) < 0 ||
        query_int(s, "SELECT coalesce(threshold_bp, -1) FROM fund_round WHERE key = ?1", round,
                  NULL, &threshold, err) < 0)
        return store_finish(s, -1, err);
    if (criteria == 0 || threshold < 0) {
        buf_printf(err, "round %s has %s: a round opens with its rubric and threshold fixed", round,
                   criteria == 0 ? "no criteria (peel fund criterion)"
                                 : "no threshold (peel fund threshold)");
        return store_finish(s, FUND_NOT_OPEN, err);
    }
    sqlite3_stmt *st = store_prepare(
        s, "UPDATE fund_round SET opened_at = " STORE_NOW ", opened_by = ?1 WHERE id = ?2", err);
    if (st) {
        sqlite3_bind_text(st, 1, by->actor, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, id);
    }
    rc = run(s, st, "opening a round", err);
    if (rc == 0)
        rc = audit(s, "fund.open", round, json_pack("{s:s}", "round", round), by, err);
    return store_finish(s, rc, err);
}

/* ---- awards --------------------------------------------------------------- */

static const char *award_problem(const struct fund_award_new *a)
{
    if (blank(a->recipient) || blank(a->title) || blank(a->description))
        return "an award names its recipient, a title and a description";
    if (!a->org_id || strlen(a->org_id) < 6 || a->org_id[2] != '-' || !strchr(a->org_id + 3, '-'))
        return "org id: an org-id.guide identifier such as GB-CHC-1234567 or GB-COH-01234567";
    if (a->amount_pence <= 0)
        return "the amount is over nothing";
    if (a->awarded_on && strlen(a->awarded_on) != 10)
        return "awarded on: a date, YYYY-MM-DD";
    return NULL;
}

/* The sums an award is checked against, read under the write lock. */
struct award_limits {
    int64_t round_id, max, round_budget, round_awarded, year_budget, year_awarded;
    bool open;
    int next;
};

static int award_limits(struct store *s, const char *round, struct award_limits *l, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT r.id, r.opened_at IS NOT NULL, r.max_award_pence, r.budget_pence,"
        " (SELECT coalesce(sum(amount_pence), 0) FROM fund_award WHERE round_id = r.id),"
        " y.budget_pence,"
        " (SELECT coalesce(sum(a.amount_pence), 0) FROM fund_award a JOIN fund_round r2"
        "   ON r2.id = a.round_id WHERE r2.year_id = y.id),"
        " (SELECT coalesce(max(number), 0) + 1 FROM fund_award WHERE round_id = r.id)"
        " FROM fund_round r JOIN fund_year y ON y.id = r.year_id WHERE r.key = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *l = (struct award_limits){.round_id = sqlite3_column_int64(st, 0),
                                   .open = sqlite3_column_int(st, 1) != 0,
                                   .max = sqlite3_column_int64(st, 2),
                                   .round_budget = sqlite3_column_int64(st, 3),
                                   .round_awarded = sqlite3_column_int64(st, 4),
                                   .year_budget = sqlite3_column_int64(st, 5),
                                   .year_awarded = sqlite3_column_int64(st, 6),
                                   .next = sqlite3_column_int(st, 7)};
    else if (rc == SQLITE_DONE)
        buf_printf(err, "no round %s", round);
    else
        store_fail(s, err, "reading a round's awards");
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FUND_OK : rc == SQLITE_DONE ? FUND_UNKNOWN : -1;
}

/* The application an award answers, inside the award's transaction: it
 * is the round's, sent, eligible and not awarded already. FUND_OK (also
 * when none is named), FUND_UNKNOWN or FUND_BAD with err, or -1. */
static int award_application(struct store *s, const struct fund_award_new *a, struct buf *err)
{
    if (!a->application)
        return FUND_OK;
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT r.key = ?2 COLLATE NOCASE, coalesce(p.eligible, 0),"
        " EXISTS(SELECT 1 FROM fund_award WHERE application_id = p.id)"
        " FROM fund_application p JOIN fund_round r ON r.id = p.round_id WHERE p.ref = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, a->application, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, a->round, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = FUND_OK;
    if (step == SQLITE_DONE)
        rc = (buf_printf(err, "no application %s", a->application), FUND_UNKNOWN);
    else if (step != SQLITE_ROW)
        rc = store_fail(s, err, "reading an application");
    else if (!sqlite3_column_int(st, 0))
        rc = (buf_printf(err, "application %s is not of round %s", a->application, a->round),
              FUND_BAD);
    else if (!sqlite3_column_int(st, 1))
        rc = (buf_printf(err, "application %s is not a sent, eligible application", a->application),
              FUND_BAD);
    else if (sqlite3_column_int(st, 2))
        rc = (buf_printf(err, "application %s has an award already", a->application), FUND_TAKEN);
    sqlite3_finalize(st);
    return rc;
}

/* FUND_OK, or FUND_OVER with the figures in err. */
static int award_within(const struct award_limits *l, int64_t amount, const char *round,
                        struct buf *err)
{
    char a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE], c[MONEY_TEXT_SIZE];
    money_format(amount, true, a);
    if (amount > l->max) {
        money_format(l->max, true, b);
        buf_printf(err, "an award of %s is over round %s's maximum award of %s", a, round, b);
        return FUND_OVER;
    }
    bool round_over = amount > l->round_budget - l->round_awarded;
    if (!round_over && amount <= l->year_budget - l->year_awarded)
        return FUND_OK;
    money_format(round_over ? l->round_budget : l->year_budget, true, b);
    money_format(round_over ? l->round_awarded : l->year_awarded, true, c);
    if (round_over)
        buf_printf(err,
                   "an award of %s would take round %s's awards over its budget of %s (%s "
                   "awarded already)",
                   a, round, b, c);
    else
        buf_printf(err,
                   "an award of %s would take the year's awards over the year's budget of "
                   "%s (%s awarded already)",
                   a, b, c);
    return FUND_OVER;
}

static sqlite3_stmt *insert_award(struct store *s, const struct fund_award_new *a,
                                  const struct award_limits *l, const char *actor, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO fund_award(round_id, number, recipient, org_id, title, description,"
        " amount_pence, district, csp_code, priority, sensitive, conditions, awarded_on,"
        " recorded_at, recorded_by, application_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        /* a partnership given by its code is stored by its name */
        " coalesce((SELECT value FROM area_code WHERE grouping = 'csp' AND code = ?9), ?9),"
        " ?10, ?11, ?12, coalesce(?13, date('now')), " STORE_NOW ", ?14,"
        " (SELECT id FROM fund_application WHERE ref = ?15))",
        err);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, l->round_id);
    sqlite3_bind_int(st, 2, l->next);
    sqlite3_bind_text(st, 3, a->recipient, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, a->org_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, a->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, a->description, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, a->amount_pence);
    sqlite3_bind_text(st, 8, a->district, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, a->csp_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, a->priority, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 11, a->sensitive);
    sqlite3_bind_text(st, 12, a->conditions ? a->conditions : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, a->awarded_on, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 14, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 15, a->application, -1, SQLITE_STATIC);
    return st;
}

static json_t *award_json(const struct fund_award_new *a, int number)
{
    json_t *j = json_pack("{s:s, s:i, s:s, s:s, s:s, s:I, s:b, s:s}", "round", a->round, "number",
                          number, "recipient", a->recipient, "org_id", a->org_id, "title", a->title,
                          "amount_pence", (json_int_t)a->amount_pence, "sensitive", a->sensitive,
                          "conditions", a->conditions ? a->conditions : "");
    if (a->district)
        json_object_set_new(j, "district", json_string(a->district));
    if (a->priority)
        json_object_set_new(j, "priority", json_string(a->priority));
    if (a->application)
        json_object_set_new(j, "application", json_string(a->application));
    return j;
}

int store_fund_award(struct store *s, const struct fund_award_new *a, const struct audit_origin *by,
                     int *number, struct buf *err)
{
    const char *why = award_problem(a);
    if (why) {
        buf_printf(err, "award in round %s: %s", a->round ? a->round : "", why);
        return FUND_BAD;
    }
    /* the write lock from here to COMMIT: the sums below cannot move */
    if (begin(s, err) < 0)
        return -1;
    struct award_limits l;
    int rc = award_limits(s, a->round, &l, err);
    if (rc == FUND_OK && !l.open) {
        buf_printf(err, "round %s is not open: open it (peel fund open) before awarding", a->round);
        rc = FUND_NOT_OPEN;
    }
    if (rc == FUND_OK)
        rc = award_application(s, a, err);
    if (rc == FUND_OK)
        rc = award_within(&l, a->amount_pence, a->round, err);
    if (rc != FUND_OK)
        return store_finish(s, rc, err);
    rc = run(s, insert_award(s, a, &l, by->actor, err), "recording an award", err);
    char key[64];
    snprintf(key, sizeof key, "%s/%d", a->round, l.next);
    if (rc == 0)
        rc = audit(s, "fund.award", key, award_json(a, l.next), by, err);
    if (rc == 0)
        *number = l.next;
    return store_finish(s, rc, err);
}

/* ---- reads ---------------------------------------------------------------- */

static const char *opt_text(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL
                                                       : (const char *)sqlite3_column_text(st, col);
}

int store_fund_rounds(struct store *s, const char *round, fund_round_fn fn, void *arg,
                      struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT r.key, p.key, y.fy, r.title, r.theme, r.specialist, r.opens_on, r.closes_on,"
        " r.budget_pence, r.max_award_pence, coalesce(r.threshold_bp, -1), r.eligible_types,"
        " r.rules, r.missions, p.title, r.opened_at,"
        " (SELECT coalesce(sum(amount_pence), 0) FROM fund_award WHERE round_id = r.id),"
        " y.budget_pence,"
        " (SELECT coalesce(sum(a.amount_pence), 0) FROM fund_award a JOIN fund_round r2"
        "   ON r2.id = a.round_id WHERE r2.year_id = y.id),"
        " (SELECT count(*) FROM fund_award WHERE round_id = r.id),"
        " (SELECT count(*) FROM fund_criterion WHERE round_id = r.id),"
        " coalesce((SELECT group_concat(funder || '=' || share_pence, ';') FROM"
        "   (SELECT funder, share_pence FROM fund_cofunder WHERE round_id = r.id ORDER BY id)),"
        "   '')"
        " FROM fund_round r JOIN fund_year y ON y.id = r.year_id"
        " JOIN fund_programme p ON p.id = y.programme_id"
        " WHERE ?1 IS NULL OR r.key = ?1 ORDER BY p.key, y.fy, r.opens_on, r.key",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct fund_round_view v = {.r = {.key = store_column_text(st, 0),
                                          .programme = store_column_text(st, 1),
                                          .fy = store_column_text(st, 2),
                                          .title = store_column_text(st, 3),
                                          .theme = store_column_text(st, 4),
                                          .specialist = sqlite3_column_int(st, 5) != 0,
                                          .opens_on = store_column_text(st, 6),
                                          .closes_on = store_column_text(st, 7),
                                          .budget_pence = sqlite3_column_int64(st, 8),
                                          .max_award_pence = sqlite3_column_int64(st, 9),
                                          .threshold_bp = sqlite3_column_int(st, 10),
                                          .eligible_types = store_column_text(st, 11),
                                          .rules = store_column_text(st, 12),
                                          .missions = store_column_text(st, 13)},
                                    .programme_title = store_column_text(st, 14),
                                    .opened_at = opt_text(st, 15),
                                    .awarded_pence = sqlite3_column_int64(st, 16),
                                    .year_budget_pence = sqlite3_column_int64(st, 17),
                                    .year_awarded_pence = sqlite3_column_int64(st, 18),
                                    .awards = sqlite3_column_int(st, 19),
                                    .criteria = sqlite3_column_int(st, 20),
                                    .cofunders = store_column_text(st, 21)};
        fn(arg, &v);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading rounds");
    sqlite3_finalize(st);
    return out;
}

int store_fund_criteria(struct store *s, const char *round, fund_criterion_fn fn, void *arg,
                        struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT c.key, c.title, c.weight, c.max_score"
                                     " FROM fund_criterion c JOIN fund_round r ON r.id = c.round_id"
                                     " WHERE r.key = ?1 ORDER BY c.id",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct fund_criterion_view c = {store_column_text(st, 0), store_column_text(st, 1),
                                        sqlite3_column_int(st, 2), sqlite3_column_int(st, 3)};
        fn(arg, &c);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a rubric");
    sqlite3_finalize(st);
    return out;
}

/* The round's decision's state (its last event's) and the date of its
 * latest version, for every award. */
#define AWARD_DECISION                                                                             \
    " LEFT JOIN decision d ON d.ref = '" FUND_DECISION_PREFIX "' || r.key"                         \
    " LEFT JOIN decision_version v ON v.id = (SELECT max(id) FROM decision_version"                \
    "   WHERE decision_id = d.id)"

int store_fund_awards(struct store *s, const char *round, bool public_only, fund_award_fn fn,
                      void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT r.key, r.title, p.key, p.title, y.fy, p.funder_id, p.funder_name, p.prefix,"
        " a.number, a.recipient, a.org_id, a.title, a.description, a.amount_pence, a.district,"
        " a.csp_code, a.priority, a.sensitive, a.conditions, a.awarded_on, a.recorded_at,"
        " '" FUND_DECISION_PREFIX "' || r.key, v.decided_on,"
        " (SELECT to_state FROM decision_event WHERE decision_id = d.id ORDER BY id DESC"
        "   LIMIT 1) = 'published',"
        " (SELECT ref FROM fund_application WHERE id = a.application_id)"
        " FROM fund_award a JOIN fund_round r ON r.id = a.round_id"
        " JOIN fund_year y ON y.id = r.year_id JOIN fund_programme p ON p.id = "
        "y.programme_id" AWARD_DECISION
        " WHERE (?1 IS NULL OR r.key = ?1) AND (?2 = 0 OR v.id IS NOT NULL AND"
        "   (SELECT to_state FROM decision_event WHERE decision_id = d.id ORDER BY id DESC"
        "   LIMIT 1) = 'published') ORDER BY p.key, y.fy, r.opens_on, r.key, a.number",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, public_only);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        bool published = sqlite3_column_int(st, 23) != 0;
        struct fund_award_view a = {.round = store_column_text(st, 0),
                                    .round_title = store_column_text(st, 1),
                                    .programme = store_column_text(st, 2),
                                    .programme_title = store_column_text(st, 3),
                                    .fy = store_column_text(st, 4),
                                    .funder_id = store_column_text(st, 5),
                                    .funder_name = store_column_text(st, 6),
                                    .prefix = store_column_text(st, 7),
                                    .number = sqlite3_column_int(st, 8),
                                    .recipient = store_column_text(st, 9),
                                    .org_id = store_column_text(st, 10),
                                    .title = store_column_text(st, 11),
                                    .description = store_column_text(st, 12),
                                    .amount_pence = sqlite3_column_int64(st, 13),
                                    .district = opt_text(st, 14),
                                    .csp_code = opt_text(st, 15),
                                    .priority = opt_text(st, 16),
                                    .sensitive = sqlite3_column_int(st, 17) != 0,
                                    .conditions = store_column_text(st, 18),
                                    .awarded_on = store_column_text(st, 19),
                                    .recorded_at = store_column_text(st, 20),
                                    .decision_ref = store_column_text(st, 21),
                                    .decided_on = opt_text(st, 22),
                                    .published = published,
                                    .application = opt_text(st, 24)};
        fn(arg, &a);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading awards");
    sqlite3_finalize(st);
    return out;
}
