/*
 * fund_apply.c - applications, eligibility, scores, conflicts and
 * moderation (see fund_apply.h).
 */
#include "store/fund_apply.h"
#include "model/money.h"
#include "store/store_internal.h"
#include "store/vault.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void new_ref(char out[FUND_REF_SIZE])
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; /* no 0/O, 1/I */
    out[0] = 'A';
    out[1] = '-';
    for (int i = 2; i < FUND_REF_SIZE - 1; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[FUND_REF_SIZE - 1] = '\0';
}

static const char *text(const char *s)
{
    return s ? s : "";
}

/* The draft of ref: its id, FUND_UNKNOWN, or FUND_FROZEN once submitted. */
static int draft_of(struct store *s, const char *ref, int64_t *id, bool *submitted, struct buf *err)
{
    int rc = store_find_flagged(
        s, "SELECT id, submitted_on IS NOT NULL FROM fund_application WHERE ref = ?1", ref,
        "application", id, submitted, err);
    return rc == 1 ? FUND_OK : rc == 0 ? FUND_UNKNOWN : -1;
}

/* A partnership given by its code is stored by its name, as the form
 * offers it and the explorer, the map and the reports group by it. */
#define CSP_NAME_OF_8                                                                              \
    "coalesce((SELECT value FROM area_code WHERE grouping = 'csp' AND code = ?8), ?8)"

static int write_draft(struct store *s, int64_t id, const char *ref,
                       const struct fund_application *a, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        id ? "UPDATE fund_application SET org_name = ?2, org_type = ?3, org_id = ?4,"
             " project = ?5, amount_pence = ?6, district = ?7, csp_code = " CSP_NAME_OF_8 ","
             " priorities = ?9,"
             " outcomes = ?10, budget_lines = ?11, updated_at = " STORE_NOW " WHERE id = ?12"
           : "INSERT INTO fund_application(ref, org_name, org_type, org_id, project,"
             " amount_pence, district, csp_code, priorities, outcomes, budget_lines, round_id,"
             " created_at, updated_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, " CSP_NAME_OF_8 ","
             " ?9, ?10, ?11, "
             "id, " STORE_NOW ", " STORE_NOW " FROM fund_round WHERE key = ?13",
        err);
    if (!st)
        return -1;
    const char *fields[] = {a->org_name, a->org_type, a->org_id,     a->project,  NULL,
                            a->district, a->csp_code, a->priorities, a->outcomes, a->budget_lines};
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    for (int i = 0; i < 10; i++)
        if (i != 4)
            sqlite3_bind_text(st, i + 2, text(fields[i]), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, a->amount_pence < 0 ? 0 : a->amount_pence);
    sqlite3_bind_int64(st, 12, id);
    sqlite3_bind_text(st, 13, a->round, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "saving an application");
    sqlite3_finalize(st);
    if (rc == 0 && sqlite3_changes(s->db) == 0) {
        buf_printf(err, "no round %s", text(a->round));
        return FUND_UNKNOWN;
    }
    return rc;
}

/* The vault's subject of the contact person of application ref. */
static void applicant_subject(const char *ref, char subject[32])
{
    snprintf(subject, 32, "applicant:%s", ref);
}

/* The contact person, into the vault (its own audited writes). */
static int contact_to_vault(struct vault *v, const char *ref, const struct fund_application *a,
                            const struct audit_origin *by, struct buf *err)
{
    const struct {
        const char *field, *value;
        enum vault_index index;
    } parts[] = {{"contact_name", a->contact_name, VAULT_INDEX_TEXT},
                 {"contact_email", a->contact_email, VAULT_INDEX_EMAIL},
                 {"contact_phone", a->contact_phone, VAULT_INDEX_PHONE}};
    char subject[32];
    applicant_subject(ref, subject);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i].value && vault_put(v, subject, parts[i].field, parts[i].value,
                                        strlen(parts[i].value), parts[i].index, by, err) < 0)
            return -1;
    return 0;
}

int store_fund_apply(struct store *s, struct vault *v, const char *ref,
                     const struct fund_application *a, const struct audit_origin *by,
                     char ref_out[FUND_REF_SIZE], struct buf *err)
{
    bool contact = a->contact_name || a->contact_email || a->contact_phone;
    if (contact && !v) {
        buf_puts(err, "the contact person's details go to the vault, which is not open");
        return FUND_BAD;
    }
    struct fund_choices c;
    int rc = store_fund_choices(s, ref ? ref : text(a->round), &c, err);
    if (rc == FUND_OK)
        rc = fund_choices_check(&c, a, err);
    fund_choices_free(&c);
    if (rc != FUND_OK)
        return rc;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int64_t id = 0;
    bool submitted = false;
    rc = ref ? draft_of(s, ref, &id, &submitted, err) : FUND_OK;
    if (rc == FUND_OK && submitted) {
        buf_printf(err, "application %s is submitted: it never changes", ref);
        rc = FUND_FROZEN;
    }
    if (ref && ref != ref_out) /* the caller may pass its own reference back */
        snprintf(ref_out, FUND_REF_SIZE, "%s", ref);
    else if (!ref)
        new_ref(ref_out);
    if (rc == FUND_OK)
        rc = write_draft(s, id, ref_out, a, err);
    if (rc == FUND_OK)
        rc = store_audit_fact(s, "fund.apply", "fund", ref_out,
                              json_pack("{s:s, s:s, s:I}", "round", text(a->round), "org",
                                        text(a->org_name), "amount_pence",
                                        (json_int_t)a->amount_pence),
                              by, err);
    rc = store_finish(s, rc, err);
    return rc == 0 && contact ? contact_to_vault(v, ref_out, a, by, err) : rc;
}

int store_fund_application(struct store *s, const char *ref, fund_application_fn fn, void *arg,
                           struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT a.ref, r.key, a.org_name, a.org_type, a.org_id, a.project, a.amount_pence,"
        " a.district, a.csp_code, a.priorities, a.outcomes, a.budget_lines, a.submitted_on,"
        " a.reasons, coalesce(a.eligible, -1)"
        " FROM fund_application a JOIN fund_round r ON r.id = a.round_id WHERE a.ref = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = FUND_UNKNOWN;
    if (step == SQLITE_ROW) {
        struct fund_application_view v = {.ref = store_column_text(st, 0),
                                          .a = {.round = store_column_text(st, 1),
                                                .org_name = store_column_text(st, 2),
                                                .org_type = store_column_text(st, 3),
                                                .org_id = store_column_text(st, 4),
                                                .project = store_column_text(st, 5),
                                                .amount_pence = sqlite3_column_int64(st, 6),
                                                .district = store_column_text(st, 7),
                                                .csp_code = store_column_text(st, 8),
                                                .priorities = store_column_text(st, 9),
                                                .outcomes = store_column_text(st, 10),
                                                .budget_lines = store_column_text(st, 11)},
                                          .submitted_on = (const char *)sqlite3_column_text(st, 12),
                                          .reasons = store_column_text(st, 13),
                                          .eligible = sqlite3_column_int(st, 14)};
        fn(arg, &v);
        rc = FUND_OK;
    } else if (step != SQLITE_DONE) {
        rc = store_fail(s, err, "reading an application");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_fund_contact_given(struct vault *v, const char *ref, struct buf *err)
{
    char subject[32];
    applicant_subject(ref, subject);
    int name = vault_has(v, subject, "contact_name", err);
    int email = name == 1 ? vault_has(v, subject, "contact_email", err) : name;
    int phone = email == 0 ? vault_has(v, subject, "contact_phone", err) : email;
    return name < 0 || email < 0 || phone < 0 ? -1 : name && (email || phone);
}

/* ---- eligibility ---------------------------------------------------------- */

struct checked {
    char org_type[64], org_id[128], district[128], opens[11], closes[11], types[512];
    int64_t amount, max;
    bool project;
};

static bool in_list(const char *word, const char *list)
{
    size_t n = strlen(word);
    for (const char *p = list; n && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return true;
        p += len + (end ? 1 : 0);
    }
    return false;
}

/* Every rule c fails, as a sentence a line; true when it fails none. */
static bool eligibility(const struct checked *c, const char *on, struct buf *reasons)
{
    char max[MONEY_TEXT_SIZE], amount[MONEY_TEXT_SIZE];
    money_format(c->max, true, max);
    money_format(c->amount, true, amount);
    size_t before = reasons->len;
    if (*c->types && !in_list(c->org_type, c->types))
        buf_printf(reasons, "An organisation of type '%s' may not apply to this round (%s may).\n",
                   c->org_type, c->types);
    if (strlen(c->org_id) < 6 || c->org_id[2] != '-' || !strchr(c->org_id + 3, '-'))
        buf_printf(reasons,
                   "'%s' is not an organisation identifier such as GB-CHC-1234567 (a "
                   "charity) or GB-COH-01234567 (a company).\n",
                   c->org_id);
    if (c->amount <= 0 || c->amount > c->max)
        buf_printf(reasons,
                   "The amount asked for, %s, is not between one penny and the round's "
                   "maximum of %s.\n",
                   amount, max);
    if (!c->project || !*c->district)
        buf_puts(reasons, "The project and the district it serves are required.\n");
    if (strcmp(on, c->opens) < 0 || strcmp(on, c->closes) > 0)
        buf_printf(reasons, "Submitted on %s, outside the round's dates (%s to %s).\n", on,
                   c->opens, c->closes);
    bool ok = reasons->len == before;
    if (ok)
        buf_puts(reasons, "Meets every rule of the round.\n");
    return ok;
}

static int read_checked(struct store *s, int64_t id, struct checked *c, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT a.org_type, a.org_id, a.district, r.opens_on, r.closes_on, r.eligible_types,"
        " a.amount_pence, r.max_award_pence, length(trim(a.project)) > 0"
        " FROM fund_application a JOIN fund_round r ON r.id = a.round_id WHERE a.id = ?1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : store_fail(s, err, "reading an application");
    if (rc == 0) {
        char *to[] = {c->org_type, c->org_id, c->district, c->opens, c->closes, c->types};
        size_t n[] = {sizeof c->org_type, sizeof c->org_id, sizeof c->district,
                      sizeof c->opens,    sizeof c->closes, sizeof c->types};
        for (int i = 0; i < 6; i++)
            snprintf(to[i], n[i], "%s", store_column_text(st, i));
        c->amount = sqlite3_column_int64(st, 6);
        c->max = sqlite3_column_int64(st, 7);
        c->project = sqlite3_column_int(st, 8) != 0;
    }
    sqlite3_finalize(st);
    return rc;
}

int store_fund_submit(struct store *s, const char *ref, const char *on,
                      const struct audit_origin *by, bool *eligible, struct buf *reasons,
                      struct buf *err)
{
    char today[11];
    time_t now = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d", gmtime(&now));
    if (!on)
        on = today;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int64_t id = 0;
    bool submitted = false;
    struct checked c = {0};
    int rc = draft_of(s, ref, &id, &submitted, err);
    if (rc == FUND_OK && submitted) {
        buf_printf(err, "application %s is submitted already", ref);
        rc = FUND_FROZEN;
    }
    if (rc == FUND_OK)
        rc = read_checked(s, id, &c, err);
    sqlite3_stmt *st = NULL;
    if (rc == FUND_OK) {
        *eligible = eligibility(&c, on, reasons);
        st = store_prepare(s,
                           "UPDATE fund_application SET submitted_on = ?1, eligible = ?2,"
                           " reasons = ?3 WHERE id = ?4",
                           err);
        rc = st ? 0 : -1;
    }
    if (st) {
        sqlite3_bind_text(st, 1, on, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, *eligible);
        sqlite3_bind_text(st, 3, buf_str(reasons), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail(s, err, "submitting an application");
        sqlite3_finalize(st);
    }
    if (rc == FUND_OK)
        rc = store_audit_fact(s, "fund.submit", "fund", ref,
                              json_pack("{s:s, s:b, s:s}", "on", on, "eligible", *eligible,
                                        "reasons", buf_str(reasons)),
                              by, err);
    return store_finish(s, rc, err);
}

/* ---- assessment ------------------------------------------------------------ */

/* Inserts one assessment row: sql's ?1 is the application's reference, ?2
 * a text, ?3 a criterion key (or NULL), ?4 a score, ?5 a text; audited as
 * action with after. A trigger's refusal is FUND_BAD with its message. */
static int assess(struct store *s, const char *sql, const char *ref, const char *a,
                  const char *criterion, int score, const char *b, const char *action,
                  json_t *after, const struct audit_origin *by, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0) {
        json_decref(after);
        return -1;
    }
    int64_t id;
    bool submitted = false;
    int rc = draft_of(s, ref, &id, &submitted, err);
    sqlite3_stmt *st = rc == FUND_OK ? store_prepare(s, sql, err) : NULL;
    if (rc == FUND_OK && !st)
        rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, criterion, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, score);
        sqlite3_bind_text(st, 5, b, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if ((step & 0xff) == SQLITE_CONSTRAINT) { /* extended codes are on */
            buf_printf(err, "%s: %s", ref, sqlite3_errmsg(s->db));
            rc = strstr(sqlite3_errmsg(s->db), "conflict") ? FUND_CONFLICTED : FUND_BAD;
        } else if (step != SQLITE_DONE) {
            rc = store_fail(s, err, action);
        }
        sqlite3_finalize(st);
    }
    if (rc == FUND_OK) {
        rc = store_audit_fact(s, action, "fund", ref, after, by, err);
        after = NULL;
    }
    json_decref(after);
    return store_finish(s, rc, err);
}

int store_fund_conflict(struct store *s, const char *ref, const char *assessor, const char *nature,
                        const struct audit_origin *by, struct buf *err)
{
    return assess(s,
                  "INSERT INTO fund_conflict(application_id, assessor, nature, declared_at)"
                  " VALUES(?1, ?2, coalesce(?5, ''), " STORE_NOW ")",
                  ref, assessor, NULL, 0, nature, "fund.conflict",
                  json_pack("{s:s, s:s}", "assessor", text(assessor), "nature", text(nature)), by,
                  err);
}

int store_fund_score(struct store *s, const char *ref, const char *assessor, const char *criterion,
                     int score, const char *comment, const struct audit_origin *by, struct buf *err)
{
    return assess(s,
                  "INSERT INTO fund_score(application_id, assessor, criterion_id, score, comment,"
                  " scored_at) SELECT ?1, ?2, c.id, ?4, coalesce(?5, ''), " STORE_NOW
                  " FROM fund_criterion c JOIN fund_application a ON a.round_id = c.round_id"
                  " WHERE a.id = ?1 AND c.key = ?3",
                  ref, assessor, criterion, score, comment, "fund.score",
                  json_pack("{s:s, s:s, s:i}", "assessor", text(assessor), "criterion",
                            text(criterion), "score", score),
                  by, err);
}

int store_fund_moderate(struct store *s, const char *ref, const char *criterion, int score,
                        const char *reason, const struct audit_origin *by, struct buf *err)
{
    return assess(s,
                  "INSERT INTO fund_moderation(application_id, moderated_by, criterion_id, score,"
                  " reason, moderated_at) SELECT ?1, ?2, c.id, ?4, ?5, " STORE_NOW
                  " FROM fund_criterion c JOIN fund_application a ON a.round_id = c.round_id"
                  " WHERE a.id = ?1 AND c.key = ?3",
                  ref, by->actor, criterion, score, reason, "fund.moderate",
                  json_pack("{s:s, s:i, s:s}", "criterion", text(criterion), "score", score,
                            "reason", text(reason)),
                  by, err);
}

int store_fund_assessments(struct store *s, const char *ref, fund_assessment_fn fn, void *arg,
                           struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "WITH app AS (SELECT id FROM fund_application WHERE ref = ?1)"
        " SELECT 'conflict', assessor, NULL, -1, nature, declared_at FROM fund_conflict"
        "  WHERE application_id = (SELECT id FROM app)"
        " UNION ALL SELECT 'score', x.assessor, c.key, x.score, x.comment, x.scored_at"
        "  FROM fund_score x JOIN fund_criterion c ON c.id = x.criterion_id"
        "  WHERE x.application_id = (SELECT id FROM app)"
        " UNION ALL SELECT 'moderation', m.moderated_by, c.key, m.score, m.reason,"
        "  m.moderated_at FROM fund_moderation m JOIN fund_criterion c ON c.id = m.criterion_id"
        "  WHERE m.application_id = (SELECT id FROM app)"
        " ORDER BY 6, 1",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct fund_assessment_view v = {.kind = store_column_text(st, 0),
                                         .who = store_column_text(st, 1),
                                         .criterion = (const char *)sqlite3_column_text(st, 2),
                                         .score = sqlite3_column_int(st, 3),
                                         .text = store_column_text(st, 4),
                                         .at = store_column_text(st, 5)};
        fn(arg, &v);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading an assessment");
    sqlite3_finalize(st);
    return out;
}

int store_fund_results(struct store *s, const char *round, fund_result_fn fn, void *arg,
                       struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "WITH value AS (SELECT a.id AS app, c.weight AS w, c.max_score AS top,"
        "  coalesce((SELECT score FROM fund_moderation m WHERE m.application_id = a.id"
        "   AND m.criterion_id = c.id), (SELECT avg(score) FROM fund_score x"
        "   WHERE x.application_id = a.id AND x.criterion_id = c.id)) AS v"
        "  FROM fund_application a JOIN fund_criterion c ON c.round_id = a.round_id)"
        " SELECT a.ref, a.org_name, a.project, coalesce(a.submitted_on, ''), a.amount_pence,"
        "  coalesce(a.eligible, -1),"
        "  (SELECT count(*) FROM fund_score WHERE application_id = a.id),"
        "  (SELECT count(*) FROM fund_moderation WHERE application_id = a.id),"
        "  CASE WHEN EXISTS(SELECT 1 FROM value WHERE app = a.id AND v IS NULL)"
        "    OR NOT EXISTS(SELECT 1 FROM value WHERE app = a.id) THEN -1"
        "  ELSE (SELECT 100.0 * sum(w * v / CAST(top AS REAL)) / sum(w) FROM value"
        "   WHERE app = a.id) END,"
        "  r.threshold_bp,"
        "  (SELECT count(*) FROM fund_criterion WHERE round_id = r.id)"
        " FROM fund_application a JOIN fund_round r ON r.id = a.round_id WHERE r.key = ?1"
        " ORDER BY a.id",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, round, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        double percent = sqlite3_column_double(st, 8);
        long moderated = sqlite3_column_int(st, 7), criteria = sqlite3_column_int(st, 10);
        struct fund_result r = {.ref = store_column_text(st, 0),
                                .org_name = store_column_text(st, 1),
                                .project = store_column_text(st, 2),
                                .submitted_on = store_column_text(st, 3),
                                .amount_pence = sqlite3_column_int64(st, 4),
                                .eligible = sqlite3_column_int(st, 5),
                                .scores = sqlite3_column_int(st, 6),
                                .moderated = moderated,
                                .criteria = criteria,
                                .percent = percent,
                                .meets =
                                    percent >= 0 && percent * 100.0 >= sqlite3_column_double(st, 9),
                                .final = percent >= 0 && criteria > 0 && moderated == criteria};
        fn(arg, &r);
    }
    int out = rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading applications");
    sqlite3_finalize(st);
    return out;
}
