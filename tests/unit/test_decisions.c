/*
 * test_decisions.c - the decision register (model/decision.h,
 * store/decisions.h): states and moves, who may take what (a deputy is
 * refused a non-delegable decision, and the refusal leaves no audit row),
 * decided versions immutable against raw SQL, corrections as versions,
 * exempt text never returned by any public read (search included), the
 * withheld stub, the review of exempt parts (kept to a later date or
 * released, and only then public), and the forward plan against the log.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "model/decision.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/decisions.h"

#define MARKER "EXEMPT-MARKER-7f3a"

static void vocabulary(void **state)
{
    (void)state;
    assert_true(decision_transition_allowed(DECISION_FORWARD_PLANNED, DECISION_DRAFT));
    assert_true(decision_transition_allowed(DECISION_DECIDED, DECISION_WITHHELD));
    assert_true(decision_transition_allowed(DECISION_WITHHELD, DECISION_RESCINDED));
    assert_false(decision_transition_allowed(DECISION_DRAFT, DECISION_DECIDED));
    assert_false(decision_transition_allowed(DECISION_PUBLISHED, DECISION_DRAFT));
    assert_false(decision_transition_allowed(DECISION_RESCINDED, DECISION_PUBLISHED));
    enum decision_state st;
    assert_true(decision_state_parse("forward-planned", &st));
    assert_int_equal(st, DECISION_FORWARD_PLANNED);
    assert_true(decision_needs_commissioner(DECISION_PRECEPT));
    assert_true(decision_needs_commissioner(DECISION_CC_REMOVE));
    assert_false(decision_needs_commissioner(DECISION_CONTRACT));
    assert_true(decision_role_may_decide("commissioner", DECISION_PLAN));
    assert_false(decision_role_may_decide("deputy", DECISION_ANNUAL_REPORT));
    assert_true(decision_role_may_decide("deputy", DECISION_GRANT));
    assert_false(decision_role_may_decide("officer", DECISION_GRANT));
    assert_true(decision_role_may_sign_off("finance-officer", SIGNOFF_FINANCE));
    assert_false(decision_role_may_sign_off("finance-officer", SIGNOFF_MONITORING));
    assert_string_equal(foia_ground_find("43")->code, "s.43");
    assert_string_equal(foia_ground_find("S.40")->title, "Personal information");
    assert_null(foia_ground_find("s.25"));
    /* references and slugs, both ways, unambiguous */
    char slug[DECISION_SLUG_SIZE], ref[DECISION_REF_MAX + 1];
    assert_true(decision_ref_slug("PCC/2026/014", slug));
    assert_string_equal(slug, "PCC-2026-014");
    assert_true(decision_slug_ref(slug, ref));
    assert_string_equal(ref, "PCC/2026/014");
    assert_true(decision_ref_slug("A-1/2", slug));
    assert_string_equal(slug, "A--1-2");
    assert_true(decision_slug_ref(slug, ref));
    assert_string_equal(ref, "A-1/2");
    assert_false(decision_slug_ref("A---1", ref));
    assert_false(decision_ref_ok("PCC//1"));
    assert_false(decision_ref_ok("/PCC"));
    assert_false(decision_ref_ok("PCC 1"));
    assert_false(decision_ref_ok("P'1"));
}

static const struct audit_origin as_off = {"off", "test"}, as_cfo = {"cfo", "test"},
                                 as_mo = {"mo", "test"}, as_pcc = {"pcc", "test"},
                                 as_dpcc = {"dpcc", "test"};

static struct store *open_with_staff(char **dir, sqlite3 **db)
{
    *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(*dir, db);
    static const char *const staff[][2] = {{"off", "officer"},
                                           {"cfo", "finance-officer"},
                                           {"mo", "monitoring-officer"},
                                           {"pcc", "commissioner"},
                                           {"dpcc", "deputy"}};
    struct buf err = BUF_INIT;
    for (size_t i = 0; i < 5; i++) {
        struct account a = {.username = staff[i][0], .name = "N", .role = staff[i][1]};
        assert_int_equal(store_account_add(s, &a, "$argon2id$x", &as_off, &err), 0);
    }
    buf_free(&err);
    return s;
}

/* A decision of type t drafted and advised, its financial part exempt. */
static void advised(struct store *s, const char *ref, enum decision_type t, const char *title)
{
    struct buf err = BUF_INIT;
    struct decision_new d = {ref, "Body-worn video", t, NULL};
    struct decision_text text = {.title = title,
                                 .summary = "Cameras for response officers",
                                 .decision = "Award the contract",
                                 .reasons = "Evidence quality",
                                 .amount_pence = 32807500};
    assert_int_equal(store_decision_add(s, &d, &text, &as_off, &err), 0);
    assert_int_equal(store_decision_exempt(s, ref, "financial", MARKER " price per unit", "s.43",
                                           "2027-01-01", &as_mo, &err),
                     0);
    assert_int_equal(store_decision_signoff(s, ref, SIGNOFF_FINANCE, "ok", &as_cfo, &err), 0);
    assert_int_equal(store_decision_signoff(s, ref, SIGNOFF_MONITORING, NULL, &as_mo, &err), 0);
    buf_free(&err);
}

static void who_may_decide(void **state)
{
    (void)state;
    char *dir;
    sqlite3 *db;
    struct store *s = open_with_staff(&dir, &db);
    struct buf err = BUF_INIT;
    advised(s, "PCC/2026/001", DECISION_PRECEPT, "Precept 2026-27");
    /* sign-off by the wrong role; decided before advice */
    assert_int_equal(store_decision_signoff(s, "PCC/2026/001", SIGNOFF_FINANCE, NULL, &as_mo, &err),
                     DECISION_WRONG_ROLE);
    int64_t rows = fixture_count(db, "SELECT count(*) FROM audit");
    assert_int_equal(store_decision_decide(s, "PCC/2026/001", NULL, &as_dpcc, &err),
                     DECISION_COMMISSIONER_ONLY);
    assert_int_equal(store_decision_decide(s, "PCC/2026/001", NULL, &as_off, &err),
                     DECISION_COMMISSIONER_ONLY);
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM audit"), rows); /* no audit row */
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM decision_version"), 0);
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM clock"), 0); /* no clock either */
    assert_int_equal(store_decision_decide(s, "PCC/2026/001", "2026-02-01", &as_pcc, &err), 0);
    assert_int_equal(
        fixture_count(db, "SELECT count(*) FROM audit WHERE action = 'decision.decide'"), 1);
    /* a decided record is not edited, and moves only as allowed */
    struct decision_text t = {.title = "Changed", .amount_pence = -1};
    assert_int_equal(store_decision_draft(s, "PCC/2026/001", &t, &as_off, &err), DECISION_FROZEN);
    assert_int_equal(store_decision_rescind(s, "PCC/2026/001", "x", &as_pcc, &err),
                     DECISION_BAD_MOVE);
    assert_int_equal(store_decision_publish(s, "NOPE/1", &as_off, &err), DECISION_UNKNOWN_REF);
    struct audit_origin ghost = {"ghost", "test"};
    assert_int_equal(store_decision_publish(s, "PCC/2026/001", &ghost, &err), DECISION_NO_ACCOUNT);
    /* a deputy may take a delegable one */
    advised(s, "PCC/2026/002", DECISION_CONTRACT, "Body-worn video contract");
    assert_int_equal(store_decision_decide(s, "PCC/2026/002", NULL, &as_dpcc, &err), 0);
    /* the raw draft table is frozen too */
    assert_int_not_equal(
        sqlite3_exec(db, "UPDATE decision_draft SET title = 'x'", NULL, NULL, NULL), SQLITE_OK);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

static void versions_are_immutable(void **state)
{
    (void)state;
    char *dir;
    sqlite3 *db;
    struct store *s = open_with_staff(&dir, &db);
    struct buf err = BUF_INIT;
    advised(s, "PCC/2026/003", DECISION_GRANT, "Safety Fund round 2");
    assert_int_equal(store_decision_decide(s, "PCC/2026/003", "2026-03-01", &as_pcc, &err), 0);
    /* taken, the clock to publish it started; published, completed */
    assert_int_equal(
        fixture_count(db, "SELECT count(*) FROM clock WHERE subject = 'decision:PCC/2026/003'"
                          " AND basis = 'working' AND days = 5 AND start_date = '2026-03-01'"
                          " AND start_rule = 'day-after'"),
        1);
    assert_int_equal(store_decision_publish(s, "PCC/2026/003", &as_off, &err), 0);
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM clock_event WHERE kind = 'complete'"),
                     1);
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM audit WHERE action IN ('clock.start',"
                                       " 'clock.complete') AND actor IN ('pcc', 'off')"),
                     2);
    const char *const refused[] = {
        "UPDATE decision_version SET title = 'x'",
        "DELETE FROM decision_version",
        "REPLACE INTO decision_version SELECT * FROM decision_version",
        "INSERT OR REPLACE INTO decision_version SELECT * FROM decision_version",
        "UPDATE decision_exempt SET text = 'x'",
        "DELETE FROM decision_event",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_not_equal(sqlite3_exec(db, refused[i], NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(fixture_count(db, "SELECT count(*) FROM decision_version WHERE title = "
                                       "'Safety Fund round 2'"),
                     1);
    /* a correction is a new version naming the one it corrects, and why */
    struct decision_text t = {.title = "Safety Fund round 2 (corrected)",
                              .decision = "Award six bids",
                              .amount_pence = 3930540};
    assert_int_equal(store_decision_correct(s, "PCC/2026/003", &t, "", &as_pcc, &err),
                     DECISION_BAD_INPUT);
    assert_int_equal(store_decision_correct(s, "PCC/2026/003", &t, "Wrong total", &as_pcc, &err),
                     0);
    assert_int_equal(fixture_count(db,
                                   "SELECT count(*) FROM decision_version v JOIN decision_version p"
                                   " ON p.id = v.corrects WHERE v.version = 2 AND p.version = 1"
                                   " AND v.reason = 'Wrong total' AND v.decided_on = '2026-03-01'"),
                     1);
    assert_int_equal(
        store_decision_rescind(s, "PCC/2026/003", "Withdrawn by the PCC", &as_pcc, &err), 0);
    assert_int_equal(fixture_count(db, "SELECT max(version) FROM decision_version"), 3);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

/* Every string of every public record, into one text. */
static void gather(void *arg, const struct decision_public *d)
{
    struct buf *b = arg;
    const char *v[] = {d->ref,
                       d->type,
                       d->subject,
                       d->state,
                       d->decided_on,
                       d->decided_by,
                       d->decided_role,
                       d->ground,
                       d->text.title,
                       d->text.summary,
                       d->text.background,
                       d->text.decision,
                       d->text.reasons,
                       d->text.alternatives,
                       d->text.conflicts,
                       d->text.budget_line,
                       d->text.financial,
                       d->text.legal,
                       d->text.equality,
                       d->text.lead_officer,
                       d->corrects_reason,
                       d->exempt_fields};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        buf_printf(b, "%s|", v[i] ? v[i] : "");
    buf_printf(b, "%s%lld\n", d->stub ? "STUB" : "", (long long)d->text.amount_pence);
}

static void gather_doc(void *arg, const struct decision_document_row *d)
{
    buf_printf(arg, "doc %s %s\n", d->name, d->url ? d->url : "");
}

static void gather_plan(void *arg, const struct decision_plan_row *r)
{
    buf_printf(arg, "%s %s %s %s\n", r->planned_for ? r->planned_for : "-", r->ref,
               r->decided_on ? r->decided_on : "-", plan_outcome_word(r->outcome));
}

static void exempt_text_never_public(void **state)
{
    (void)state;
    char *dir;
    sqlite3 *db;
    struct store *s = open_with_staff(&dir, &db);
    struct buf err = BUF_INIT, out = BUF_INIT;
    advised(s, "PCC/2026/004", DECISION_CONTRACT, "Body-worn video contract");
    assert_int_equal(store_decision_decide(s, "PCC/2026/004", "2026-04-01", &as_pcc, &err), 0);
    assert_int_equal(store_decision_document(s, "PCC/2026/004", "Report", "https://x/r.pdf", NULL,
                                             true, &as_off, &err),
                     0);
    assert_int_equal(store_decision_document(s, "PCC/2026/004", "Prices " MARKER, "https://x/p.pdf",
                                             NULL, false, &as_off, &err),
                     0);
    assert_int_equal(store_decision_publish(s, "PCC/2026/004", &as_off, &err), 0);
    /* one entirely exempt: withheld, a stub; its words planted everywhere */
    struct decision_new d = {"PCC/2026/005", "Staffing matter", DECISION_STAFFING, NULL};
    struct decision_text t = {.title = MARKER " title",
                              .summary = MARKER " summary",
                              .background = MARKER,
                              .decision = MARKER " zebra decision",
                              .reasons = MARKER,
                              .alternatives = MARKER,
                              .conflicts = MARKER,
                              .amount_pence = 123456,
                              .budget_line = MARKER,
                              .financial = MARKER,
                              .legal = MARKER,
                              .equality = MARKER,
                              .lead_officer = MARKER};
    assert_int_equal(store_decision_add(s, &d, &t, &as_off, &err), 0);
    assert_int_equal(
        store_decision_signoff(s, "PCC/2026/005", SIGNOFF_FINANCE, NULL, &as_cfo, &err), 0);
    assert_int_equal(
        store_decision_signoff(s, "PCC/2026/005", SIGNOFF_MONITORING, NULL, &as_mo, &err), 0);
    assert_int_equal(store_decision_decide(s, "PCC/2026/005", "2026-05-01", &as_pcc, &err), 0);
    assert_int_equal(
        store_decision_withhold(s, "PCC/2026/005", "s.40", "2030-01-01", "Personal", &as_mo, &err),
        0);
    /* every public read */
    struct decision_filter f;
    decision_filter_default(&f);
    long total = 0;
    assert_int_equal(store_decisions_public(s, &f, gather, &out, &total, &err), 0);
    assert_int_equal(total, 2);
    assert_non_null(
        strstr(out.p, "PCC/2026/005||Staffing matter|withheld|2026-05-01|pcc||s.40 Personal"));
    assert_non_null(strstr(out.p, "STUB-1"));
    assert_non_null(
        strstr(out.p, "|financial:s.43|32807500")); /* the field and ground, not its text */
    assert_int_equal(store_decision_public(s, "PCC/2026/005", 0, gather, &out, &err), 0);
    assert_int_equal(store_decision_public(s, "PCC/2026/005", 1, gather, &out, &err), 0);
    assert_int_equal(store_decision_public(s, "PCC/2026/004", 0, gather, &out, &err), 0);
    assert_int_equal(store_decision_documents_public(s, "PCC/2026/004", gather_doc, &out, &err), 0);
    assert_int_equal(store_decision_documents_public(s, "PCC/2026/005", gather_doc, &out, &err), 0);
    assert_non_null(strstr(out.p, "doc Report https://x/r.pdf"));
    const char *searches[] = {MARKER, "zebra", "EXEMPT", "7f3a", "price", "MARKER"};
    for (size_t i = 0; i < sizeof searches / sizeof searches[0]; i++) {
        f.text = searches[i];
        assert_int_equal(store_decisions_public(s, &f, gather, &out, &total, &err), 0);
        assert_int_equal(total, 0);
    }
    /* filters on a stub's hidden fields do not find it */
    decision_filter_default(&f);
    f.min_pence = 100000;
    f.max_pence = 200000;
    assert_int_equal(store_decisions_public(s, &f, gather, &out, &total, &err), 0);
    assert_int_equal(total, 0);
    assert_int_equal(store_decision_plan_vs_log(s, "2026-12-01", gather_plan, &out, &err), 0);
    assert_null(strstr(out.p, MARKER));
    assert_null(strstr(out.p, "zebra"));
    /* the staff read has it all */
    buf_reset(&out);
    struct decision_staff_fns fns = {.decision = gather};
    assert_int_equal(store_decision_staff(s, "PCC/2026/005", &fns, &out, &err), 0);
    assert_non_null(strstr(out.p, MARKER " zebra decision"));
    buf_free(&out);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

static void gather_released(void *arg, const struct decision_released_row *r)
{
    buf_printf(arg, "released %s %s %s %s\n", r->field, r->ground, r->text, r->why);
}

static void gather_due(void *arg, const struct decision_review_row *r)
{
    buf_printf(arg, "due %s %s %s %s\n", r->ref, r->field, r->ground, r->review_on);
}

/* An exempt part is kept to a later date or released, saying why; only a
 * released part reaches a public read; a withheld decision released whole
 * is published. */
static void exempt_parts_reviewed(void **state)
{
    (void)state;
    char *dir;
    sqlite3 *db;
    struct store *s = open_with_staff(&dir, &db);
    struct buf err = BUF_INIT, out = BUF_INIT;
    const char *ref = "PCC/2026/006";
    advised(s, ref, DECISION_CONTRACT, "Body-worn video contract"); /* review 2027-01-01 */
    assert_int_equal(store_decision_decide(s, ref, "2026-04-01", &as_pcc, &err), 0);
    assert_int_equal(store_decision_publish(s, ref, &as_off, &err), 0);
    bool more = true;
    assert_int_equal(store_decision_reviews_due(s, "2026-12-31", gather_due, &out, &more, &err), 0);
    assert_int_equal(out.len, 0); /* not due yet */
    assert_false(more);
    assert_int_equal(store_decision_reviews_due(s, "2027-01-01", gather_due, &out, &more, &err), 0);
    assert_string_equal(buf_str(&out), "due PCC/2026/006 financial s.43 2027-01-01\n");
    /* refused: no reason, a past date, a wrong role, a field with no part */
    const char *no_why = NULL;
    assert_int_equal(
        store_decision_review(s, ref, "financial", false, "2099-01-01", no_why, &as_mo, &err),
        DECISION_BAD_INPUT);
    assert_int_equal(
        store_decision_review(s, ref, "financial", false, "2020-01-01", "still", &as_mo, &err),
        DECISION_BAD_INPUT);
    assert_int_equal(store_decision_review(s, ref, "financial", true, NULL, "done", &as_off, &err),
                     DECISION_WRONG_ROLE);
    assert_int_equal(store_decision_review(s, ref, "legal", true, NULL, "done", &as_mo, &err),
                     DECISION_BAD_INPUT);
    /* kept: the new date is the one due; nothing public yet */
    assert_int_equal(store_decision_review(s, ref, "financial", false, "2099-06-30",
                                           "The contract is still being let", &as_mo, &err),
                     0);
    buf_reset(&out);
    assert_int_equal(store_decision_reviews_due(s, NULL, gather_due, &out, &more, &err), 0);
    assert_string_equal(buf_str(&out), "due PCC/2026/006 financial s.43 2099-06-30\n");
    assert_int_equal(store_decision_released_public(s, ref, gather_released, &out, &err), 0);
    assert_null(strstr(out.p, MARKER));
    /* released: public, with its ground and why; held no longer; once only */
    assert_int_equal(
        store_decision_review(s, ref, "financial", true, NULL, "Contract awarded", &as_mo, &err),
        0);
    assert_int_equal(store_decision_review(s, ref, "financial", true, NULL, "again", &as_mo, &err),
                     DECISION_BAD_INPUT);
    buf_reset(&out);
    assert_int_equal(store_decision_released_public(s, ref, gather_released, &out, &err), 0);
    assert_string_equal(buf_str(&out),
                        "released financial s.43 " MARKER " price per unit Contract awarded\n");
    buf_reset(&out);
    assert_int_equal(store_decision_public(s, ref, 0, gather, &out, &err), 0);
    assert_null(strstr(out.p, "financial:s.43")); /* no part left exempt */
    assert_int_equal(fixture_count(db,
                                   "SELECT count(*) FROM audit WHERE action IN ('decision.keep',"
                                   " 'decision.release')"),
                     2);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM decision_exempt_review", NULL, NULL, NULL),
                         SQLITE_OK);
    /* a withheld decision released whole is published, its text public */
    const char *whole = "PCC/2026/007";
    advised(s, whole, DECISION_STAFFING, "Staffing " MARKER);
    assert_int_equal(store_decision_decide(s, whole, "2026-05-01", &as_pcc, &err), 0);
    assert_int_equal(store_decision_withhold(s, whole, "s.40", NULL, "Personal", &as_mo, &err), 0);
    assert_int_equal(
        store_decision_review(s, whole, "*", true, NULL, "The person consented", &as_pcc, &err), 0);
    buf_reset(&out);
    assert_int_equal(store_decision_public(s, whole, 0, gather, &out, &err), 0);
    assert_non_null(strstr(out.p, "|published|"));
    assert_non_null(strstr(out.p, "Staffing " MARKER));
    assert_null(strstr(out.p, "STUB"));
    buf_free(&out);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

static void search_finds_public_words(void **state)
{
    (void)state;
    char *dir;
    sqlite3 *db;
    struct store *s = open_with_staff(&dir, &db);
    struct buf err = BUF_INIT, out = BUF_INIT;
    advised(s, "PCC/2026/006", DECISION_CONTRACT, "Asbestos works at headquarters");
    assert_int_equal(store_decision_decide(s, "PCC/2026/006", "2025-06-01", &as_pcc, &err), 0);
    struct decision_filter f;
    decision_filter_default(&f);
    f.text = "asbestos";
    long total = -1;
    assert_int_equal(store_decisions_public(s, &f, gather, &out, &total, &err), 0);
    assert_int_equal(total, 0); /* decided, not yet published */
    assert_int_equal(store_decision_publish(s, "PCC/2026/006", &as_off, &err), 0);
    const char *finds[] = {"asbestos",   "Asbestos HEADQUARTERS", "cameras",
                           "\"asbestos", "asbestos OR title:x",   "asbestos*)",
                           "body-worn"};
    const long want[] = {1, 1, 1, 1, 0, 1, 1};
    for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
        f.text = finds[i];
        assert_int_equal(store_decisions_public(s, &f, gather, &out, &total, &err), 0);
        if (total != want[i])
            fail_msg("search '%s': %ld found, not %ld", finds[i], total, want[i]);
    }
    f.text = NULL;
    f.year = 2025;
    f.type = "contract";
    f.page_size = 1000; /* capped, not refused */
    assert_int_equal(store_decisions_public(s, &f, gather, &out, &total, &err), 0);
    assert_int_equal(total, 1);
    f.year = 2024;
    assert_int_equal(store_decisions_public(s, &f, gather, &out, &total, &err), 0);
    assert_int_equal(total, 0);
    buf_free(&out);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

static void forward_plan_against_the_log(void **state)
{
    (void)state;
    char *dir;
    sqlite3 *db;
    struct store *s = open_with_staff(&dir, &db);
    struct buf err = BUF_INIT, out = BUF_INIT;
    struct decision_new late = {"FP/1", "Estates strategy", DECISION_ESTATES, "2026-02-01"};
    struct decision_new missed = {"FP/2", "Custody contract", DECISION_CONTRACT, "2026-03-01"};
    struct decision_new soon = {"FP/3", "Precept", DECISION_PRECEPT, "2027-02-01"};
    assert_int_equal(store_decision_add(s, &late, NULL, &as_off, &err), 0);
    assert_int_equal(store_decision_add(s, &missed, NULL, &as_off, &err), 0);
    assert_int_equal(store_decision_add(s, &soon, NULL, &as_off, &err), 0);
    struct decision_text t = {.title = "Estates strategy", .decision = "Adopt", .amount_pence = -1};
    assert_int_equal(store_decision_draft(s, "FP/1", &t, &as_off, &err), 0);
    assert_int_equal(store_decision_signoff(s, "FP/1", SIGNOFF_FINANCE, NULL, &as_cfo, &err), 0);
    assert_int_equal(store_decision_signoff(s, "FP/1", SIGNOFF_MONITORING, NULL, &as_mo, &err), 0);
    assert_int_equal(store_decision_decide(s, "FP/1", "2026-02-15", &as_pcc, &err), 0);
    assert_int_equal(store_decision_publish(s, "FP/1", &as_off, &err), 0);
    advised(s, "NP/1", DECISION_GRANT, "Grant");
    assert_int_equal(store_decision_decide(s, "NP/1", "2026-04-01", &as_pcc, &err), 0);
    assert_int_equal(store_decision_publish(s, "NP/1", &as_off, &err), 0);
    assert_int_equal(store_decision_plan_vs_log(s, "2026-06-01", gather_plan, &out, &err), 0);
    assert_string_equal(out.p, "2026-02-01 FP/1 2026-02-15 taken late\n"
                               "2026-03-01 FP/2 - not taken\n"
                               "2027-02-01 FP/3 - upcoming\n"
                               "- NP/1 2026-04-01 not forward-planned\n");
    buf_free(&out);
    buf_free(&err);
    fixture_store_close(s, db, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vocabulary),
        cmocka_unit_test(who_may_decide),
        cmocka_unit_test(versions_are_immutable),
        cmocka_unit_test(exempt_text_never_public),
        cmocka_unit_test(exempt_parts_reviewed),
        cmocka_unit_test(search_finds_public_words),
        cmocka_unit_test(forward_plan_against_the_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
