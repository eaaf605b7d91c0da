/*
 * decision_read.c - reading the decision register (see decisions.h): the
 * PUBLIC family first, then the one STAFF read.
 *
 * The public queries never name decision_exempt.text or decision_draft,
 * and blank every field of a stub (a decision exempt as a whole) in SQL,
 * so an exempt text cannot reach a caller by a forgotten check in C. The
 * filters on a stub's hidden fields (type, amount) treat it as having
 * none, so a filter cannot be used to learn them either.
 */
#include "store/decision_internal.h"
#include "store/store_internal.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A text column of the current row p, blank for a stub. */
#define P(col) "iif(p.stub, NULL, p." col ")"

/* When decision `id` last changed as the public sees it: an event (its
 * publication, withholding or rescission), a version, or a release. */
#define CHANGED_AT(id)                                                                             \
    "(SELECT max(t) FROM (SELECT max(at) AS t FROM decision_event WHERE decision_id = " id         \
    "  UNION ALL SELECT max(recorded_at) FROM decision_version WHERE decision_id = " id            \
    "  UNION ALL SELECT max(r.at) FROM decision_exempt_review r JOIN decision_exempt x"            \
    "   ON x.id = r.exempt_id WHERE x.decision_id = " id " AND r.outcome = 'released'))"

/* Columns 0..25, as row_to_public reads them. The SQL is laid out by hand. */
/* clang-format off */
#define PUBLIC_SQL                                                                                 \
    "WITH p AS (SELECT d.id, d.ref, d.type, d.subject, v.*, v.id AS vid,"                          \
    "  (SELECT to_state FROM decision_event e WHERE e.decision_id = d.id"                          \
    "   ORDER BY e.id DESC LIMIT 1) AS state,"                                                     \
    "  EXISTS(SELECT 1 FROM decision_exempt_held x WHERE x.decision_id = d.id"                     \
    "   AND x.field = '*') AS stub"                                                                \
    "  FROM decision d JOIN decision_version v ON v.decision_id = d.id"                            \
    "  WHERE (?10 IS NULL OR d.ref = ?10) AND v.version = iif(?11 > 0, ?11,"                       \
    "   (SELECT max(version) FROM decision_version WHERE decision_id = d.id)))"                    \
    " SELECT p.ref, " P("type") ", p.subject, p.state, p.version, p.decided_on, p.decided_by,"     \
    "  " P("decided_role") ", p.stub,"                                                             \
    "  (SELECT group_concat(ground, ' ') FROM decision_exempt_held x"                              \
    "   WHERE x.decision_id = p.id AND x.field = '*'),"                                            \
    "  " P("title") ", " P("summary") ", " P("background") ", " P("decision") ","                  \
    "  " P("reasons") ", " P("alternatives") ", " P("conflicts") ", " P("amount_pence") ","        \
    "  " P("budget_line") ", " P("financial") ", " P("legal") ", " P("equality") ","               \
    "  " P("lead_officer") ", " P("reason") ","                                                    \
    "  iif(p.stub, NULL, (SELECT group_concat(field || ':' || ground, ',')"                        \
    "   FROM decision_exempt_held x WHERE x.decision_id = p.id)),"                                 \
    "  " CHANGED_AT("p.id") ","                                                                    \
    "  count(*) OVER ()"                                                                           \
    " FROM p WHERE p.state IN ('published', 'withheld', 'rescinded')"                              \
    "  AND (?1 IS NULL OR substr(p.decided_on, 1, 4) = ?1)"                                        \
    "  AND (?2 IS NULL OR p.state = ?2)"                                                           \
    "  AND (?3 IS NULL OR (NOT p.stub AND p.type = ?3))"                                           \
    "  AND (?4 IS NULL OR instr(lower(p.subject), lower(?4)) > 0)"                                 \
    "  AND (?5 IS NULL OR (NOT p.stub AND p.amount_pence >= ?5))"                                  \
    "  AND (?6 IS NULL OR (NOT p.stub AND p.amount_pence <= ?6))"                                  \
    "  AND (?7 IS NULL OR p.vid IN (SELECT rowid FROM decision_fts WHERE decision_fts MATCH ?7))"  \
    " ORDER BY p.decided_on DESC, p.ref DESC LIMIT ?8 OFFSET ?9"
/* clang-format on */

static const char *text_at(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

/* A row of PUBLIC_SQL (or STAFF_SQL, which has the same columns). */
static void row_to_public(sqlite3_stmt *st, struct decision_public *d, char *ground, size_t n)
{
    *d = (struct decision_public){
        .ref = text_at(st, 0),
        .type = text_at(st, 1),
        .subject = text_at(st, 2),
        .state = text_at(st, 3),
        .version = sqlite3_column_int(st, 4),
        .decided_on = text_at(st, 5),
        .decided_by = text_at(st, 6),
        .decided_role = text_at(st, 7),
        .stub = sqlite3_column_int(st, 8) != 0,
    };
    const struct foia_ground *g = foia_ground_find(text_at(st, 9));
    if (g)
        snprintf(ground, n, "%s %s", g->code, g->title);
    d->ground = g ? ground : NULL;
    struct decision_text *t = &d->text;
    t->title = text_at(st, 10);
    t->summary = text_at(st, 11);
    t->background = text_at(st, 12);
    t->decision = text_at(st, 13);
    t->reasons = text_at(st, 14);
    t->alternatives = text_at(st, 15);
    t->conflicts = text_at(st, 16);
    t->amount_pence =
        sqlite3_column_type(st, 17) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 17);
    t->budget_line = text_at(st, 18);
    t->financial = text_at(st, 19);
    t->legal = text_at(st, 20);
    t->equality = text_at(st, 21);
    t->lead_officer = text_at(st, 22);
    d->corrects_reason = text_at(st, 23);
    d->exempt_fields = text_at(st, 24);
    d->changed_at = text_at(st, 25);
}

#define MAX_TERMS      16
#define MAX_TERM_BYTES 64

/* The user's words as an FTS5 query that is only words: each run of
 * letters and digits (and UTF-8 beyond ASCII) becomes a quoted string,
 * all of them required. Operators, columns, quotes, stars and brackets
 * the user typed are dropped, never passed on. false when no word is left. */
static bool fts_query(const char *text, struct buf *out)
{
    int terms = 0;
    for (const char *p = text; *p && terms < MAX_TERMS;) {
        size_t n = 0;
        while (p[n] && (isalnum((unsigned char)p[n]) || (unsigned char)p[n] >= 0x80))
            n++;
        if (n > 0) {
            buf_printf(out, "%s\"%.*s\"", terms ? " " : "",
                       (int)(n > MAX_TERM_BYTES ? MAX_TERM_BYTES : n), p);
            terms++;
            p += n;
        } else {
            p++;
        }
    }
    return terms > 0;
}

void decision_filter_default(struct decision_filter *f)
{
    *f = (struct decision_filter){.min_pence = -1, .max_pence = -1, .page = 1, .page_size = 50};
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

/* Runs PUBLIC_SQL with a filter (NULL: none), for one ref (NULL: all). */
static int public_query(struct store *s, const struct decision_filter *f, const char *ref,
                        int version, decision_public_fn fn, void *arg, long *total, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, PUBLIC_SQL, err);
    if (!st)
        return -1;
    struct decision_filter none;
    decision_filter_default(&none);
    if (!f)
        f = &none;
    char year[8];
    snprintf(year, sizeof year, "%04d", f->year);
    bind_opt(st, 1, f->year > 0 ? year : NULL);
    bind_opt(st, 2, f->state);
    bind_opt(st, 3, f->type);
    bind_opt(st, 4, f->subject);
    if (f->min_pence >= 0)
        sqlite3_bind_int64(st, 5, f->min_pence);
    if (f->max_pence >= 0)
        sqlite3_bind_int64(st, 6, f->max_pence);
    struct buf q = BUF_INIT;
    bool words = f->text && *f->text && fts_query(f->text, &q);
    if (f->text && *f->text)
        /* text with no word in it matches nothing, not everything */
        sqlite3_bind_text(st, 7, words ? q.p : "\"\"", -1, SQLITE_TRANSIENT);
    buf_free(&q);
    int size = f->page_size < 1                   ? 1
               : f->page_size > DECISION_PAGE_MAX ? DECISION_PAGE_MAX
                                                  : f->page_size;
    int page = f->page < 1 ? 1 : f->page > 100000 ? 100000 : f->page;
    sqlite3_bind_int(st, 8, size);
    sqlite3_bind_int64(st, 9, (int64_t)(page - 1) * size);
    bind_opt(st, 10, ref);
    sqlite3_bind_int(st, 11, version);
    int rc;
    long n = 0;
    char ground[128];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct decision_public d;
        row_to_public(st, &d, ground, sizeof ground);
        n = sqlite3_column_int(st, 26);
        fn(arg, &d);
    }
    sqlite3_finalize(st);
    if (total)
        *total = n;
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the decision register");
}

int store_decisions_public(struct store *s, const struct decision_filter *f, decision_public_fn fn,
                           void *arg, long *total, struct buf *err)
{
    return public_query(s, f, NULL, 0, fn, arg, total, err);
}

int store_decision_public(struct store *s, const char *ref, int version, decision_public_fn fn,
                          void *arg, struct buf *err)
{
    long n = 0;
    int rc = public_query(s, NULL, ref, version, fn, arg, &n, err);
    return rc < 0 ? rc : n > 0 ? DECISION_OK : DECISION_UNKNOWN_REF;
}

/* The documents sql (?1 the reference) selects, to fn. */
static int documents(struct store *s, const char *sql, const char *ref, decision_document_fn fn,
                     void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct decision_document_row r = {text_at(st, 0), text_at(st, 1), text_at(st, 2),
                                          sqlite3_column_int(st, 3),
                                          sqlite3_column_int(st, 4) != 0};
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a decision's documents");
}

#define DOCUMENTS_SQL                                                                              \
    "SELECT doc.name, doc.url, doc.sha256, v.version, doc.public FROM decision d"                  \
    " JOIN decision_version v ON v.decision_id = d.id"                                             \
    " JOIN decision_document doc ON doc.version_id = v.id WHERE d.ref = ?1"

int store_decision_documents_public(struct store *s, const char *ref, decision_document_fn fn,
                                    void *arg, struct buf *err)
{
    return documents(s,
                     DOCUMENTS_SQL " AND doc.public = 1"
                                   "  AND (SELECT to_state FROM decision_event e"
                                   "   WHERE e.decision_id = d.id ORDER BY e.id DESC LIMIT 1)"
                                   "   IN ('published', 'rescinded')"
                                   "  AND NOT EXISTS(SELECT 1 FROM decision_exempt_held x"
                                   "   WHERE x.decision_id = d.id AND x.field = '*')"
                                   " ORDER BY v.version, doc.id",
                     ref, fn, arg, err);
}

const char *plan_outcome_word(enum plan_outcome o)
{
    static const char *const words[] = {"upcoming", "not taken", "taken", "taken late",
                                        "not forward-planned"};
    return (unsigned)o < sizeof words / sizeof words[0] ? words[o] : NULL;
}

int store_decision_plan_vs_log(struct store *s, const char *today, decision_plan_fn fn, void *arg,
                               struct buf *err)
{
    /* decided_on is on the log only once the decision is public */
    sqlite3_stmt *st = store_prepare(
        s,
        "WITH q AS (SELECT d.planned_for, d.ref, d.subject, v.decided_on,"
        "  (SELECT to_state FROM decision_event e WHERE e.decision_id = d.id"
        "   ORDER BY e.id DESC LIMIT 1) AS state"
        "  FROM decision d LEFT JOIN decision_version v ON v.decision_id = d.id AND v.version = 1)"
        " SELECT planned_for, ref, subject,"
        "  iif(state IN ('published', 'withheld', 'rescinded'), decided_on, NULL) AS taken"
        " FROM q WHERE planned_for IS NOT NULL OR state IN ('published', 'withheld', 'rescinded')"
        " ORDER BY planned_for IS NULL, planned_for, taken, ref",
        err);
    if (!st)
        return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct decision_plan_row r = {text_at(st, 0), text_at(st, 1), text_at(st, 2),
                                      text_at(st, 3), PLAN_NEVER_PLANNED};
        if (r.planned_for && !r.decided_on)
            r.outcome = today && strcmp(r.planned_for, today) < 0 ? PLAN_NOT_TAKEN : PLAN_UPCOMING;
        else if (r.planned_for)
            r.outcome = strcmp(r.decided_on, r.planned_for) <= 0 ? PLAN_TAKEN : PLAN_TAKEN_LATE;
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the forward plan");
}

/* ---- STAFF ------------------------------------------------------------- */

/* The latest version, else the draft. */
#define S(col) "iif(v.id IS NULL, r." col ", v." col ")"

/* The same columns as PUBLIC_SQL's, never blanked. */
/* clang-format off */
#define STAFF_SQL                                                                                  \
    "SELECT d.ref, d.type, d.subject, (SELECT to_state FROM decision_event e"                      \
    "  WHERE e.decision_id = d.id ORDER BY e.id DESC LIMIT 1), coalesce(v.version, 0),"            \
    " v.decided_on, v.decided_by, v.decided_role, 0,"                                              \
    " (SELECT group_concat(ground, ' ') FROM decision_exempt x WHERE x.decision_id = d.id"         \
    "  AND x.field = '*'),"                                                                        \
    " " S("title") ", " S("summary") ", " S("background") ", " S("decision") ","                   \
    " " S("reasons") ", " S("alternatives") ", " S("conflicts") ", " S("amount_pence") ","         \
    " " S("budget_line") ", " S("financial") ", " S("legal") ", " S("equality") ","                \
    " " S("lead_officer") ", v.reason,"                                                            \
    " (SELECT group_concat(field, ',') FROM decision_exempt x WHERE x.decision_id = d.id),"        \
    " " CHANGED_AT("d.id")                                                                         \
    " FROM decision d LEFT JOIN decision_draft r ON r.decision_id = d.id"                          \
    " LEFT JOIN decision_version v ON v.decision_id = d.id AND v.version ="                        \
    "  (SELECT max(version) FROM decision_version WHERE decision_id = d.id)"                       \
    " WHERE d.ref = ?1"
/* clang-format on */

static int staff_parts(struct store *s, const char *ref, const struct decision_staff_fns *fns,
                       void *arg, struct buf *err)
{
    sqlite3_stmt *x = store_prepare(
        s,
        "SELECT x.field, x.text, x.ground, " CURRENT_REVIEW ", x.approved_by, x.approved_at,"
        " (SELECT substr(r.at, 1, 10) FROM decision_exempt_review r WHERE r.exempt_id = x.id"
        "  AND r.outcome = 'released')"
        " FROM decision_exempt x"
        " WHERE x.decision_id = (SELECT id FROM decision WHERE ref = ?1) ORDER BY x.id",
        err);
    sqlite3_stmt *o = x ? store_prepare(s,
                                        "SELECT kind, signed_by, role, signed_at, note FROM"
                                        " decision_signoff WHERE decision_id = (SELECT id FROM"
                                        " decision WHERE ref = ?1) ORDER BY id",
                                        err)
                        : NULL;
    int rc = x && o ? SQLITE_DONE : SQLITE_ERROR;
    if (x && o) {
        sqlite3_bind_text(x, 1, ref, -1, SQLITE_STATIC);
        sqlite3_bind_text(o, 1, ref, -1, SQLITE_STATIC);
    }
    while (rc == SQLITE_DONE && (rc = sqlite3_step(x)) == SQLITE_ROW) {
        struct decision_exempt_row r = {text_at(x, 0), text_at(x, 1), text_at(x, 2), text_at(x, 3),
                                        text_at(x, 4), text_at(x, 5), text_at(x, 6)};
        if (fns->exempt)
            fns->exempt(arg, &r);
        rc = SQLITE_DONE;
    }
    while (rc == SQLITE_DONE && (rc = sqlite3_step(o)) == SQLITE_ROW) {
        struct decision_signoff_row r = {text_at(o, 0), text_at(o, 1), text_at(o, 2), text_at(o, 3),
                                         text_at(o, 4)};
        if (fns->signoff)
            fns->signoff(arg, &r);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(x);
    sqlite3_finalize(o);
    return rc == SQLITE_DONE ? 0 : (x && o ? store_fail(s, err, "reading a decision") : -1);
}

static int decision_staff_read(struct store *s, const char *ref,
                               const struct decision_staff_fns *fns, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, STAFF_SQL, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    char ground[128];
    if (rc == SQLITE_ROW && fns->decision) {
        struct decision_public d;
        row_to_public(st, &d, ground, sizeof ground);
        fns->decision(arg, &d);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return DECISION_UNKNOWN_REF;
    if (rc != SQLITE_ROW)
        return store_fail(s, err, "reading a decision");
    return staff_parts(s, ref, fns, arg, err);
}

int store_decision_staff(struct store *s, const char *ref, const struct decision_staff_fns *fns,
                         void *arg, struct buf *err)
{
    int parts = decision_staff_read(s, ref, fns, arg, err);
    if (parts != DECISION_OK || !fns->document)
        return parts;
    return documents(s, DOCUMENTS_SQL " ORDER BY v.version, doc.id", ref, fns->document, arg, err);
}

/* clang-format off */
#define STAFF_LIST_FROM                                                                            \
    " FROM decision d"                                                                             \
    " JOIN decision_event e ON e.id ="                                                             \
    "  (SELECT max(id) FROM decision_event WHERE decision_id = d.id)"                              \
    " LEFT JOIN decision_draft r ON r.decision_id = d.id"                                          \
    " LEFT JOIN decision_version v ON v.decision_id = d.id AND v.version ="                        \
    "  (SELECT max(version) FROM decision_version WHERE decision_id = d.id)"                       \
    " WHERE ?1 IS NULL OR e.to_state = ?1"
/* clang-format on */

static int staff_list_total(struct store *s, const char *state, long *total, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, "SELECT count(*)" STAFF_LIST_FROM, err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "counting decisions");
}

int store_decisions_staff_list(struct store *s, const char *state, long offset,
                               decision_staff_row_fn fn, void *arg, long *total, struct buf *err)
{
    if (staff_list_total(s, state, total, err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s,
        "SELECT d.ref, d.type, d.subject, e.to_state, coalesce(v.title, r.title), d.planned_for,"
        " e.at, coalesce(v.amount_pence, r.amount_pence, -1)" STAFF_LIST_FROM
        " ORDER BY e.id DESC LIMIT ?2 OFFSET ?3",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, DECISION_STAFF_PAGE);
    sqlite3_bind_int64(st, 3, offset < 0 ? 0 : offset);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct decision_staff_row r = {
            text_at(st, 0), text_at(st, 1), text_at(st, 2), text_at(st, 3),
            text_at(st, 4), text_at(st, 5), text_at(st, 6), sqlite3_column_int64(st, 7)};
        fn(arg, &r);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the decisions");
}
