/*
 * test_fund_allocate.c - a Safety Fund round's applications allocated to
 * assessors (store/fund_allocate.h): each eligible application has as
 * many assessors as asked, the least loaded first; never one who declared
 * a conflict with its organisation (through another application of the
 * same org-id too), and when conflicts leave too few, nothing is allocated
 * and every such application is named; only accounts that mark are
 * allocated; an allocated application is scored by its assessors only, and
 * a conflict declared with the organisation bars the score (API and SQL);
 * a conflict declared after allocation is topped up by running it again;
 * "your applications to mark" reads what each has scored; each run is
 * audited once.
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
#include "store/fund.h"
#include "store/fund_allocate.h"
#include "store/fund_apply.h"

static const struct audit_origin by = {"cli:test", "test"};

struct env {
    char *dir;
    struct store *s;
    sqlite3 *db;
    char refs[4][FUND_REF_SIZE];
};

/* An eligible application of R1 from org (its org-id). */
static void apply(struct env *e, const char *org, const char *org_id, char ref[FUND_REF_SIZE])
{
    struct buf err = BUF_INIT, reasons = BUF_INIT;
    struct fund_application a = {.round = "R1",
                                 .org_name = org,
                                 .org_type = "charity",
                                 .org_id = org_id,
                                 .project = "Project",
                                 .amount_pence = 500000,
                                 .district = "Blaby"};
    bool ok = false;
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &a, &by, ref, &err), 0);
    if (store_fund_submit(e->s, ref, "2024-05-10", &by, &ok, &reasons, &err) != 0 || !ok)
        fail_msg("submit: %s %s", buf_str(&err), buf_str(&reasons));
    buf_free(&err);
    buf_free(&reasons);
}

/* Round R1 open with a rubric of two criteria; three officers, a
 * monitoring officer, a commissioner; four applications, the first two
 * from the same charity. */
static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    e->dir = fixture_tmpdir();
    e->s = fixture_store_open(e->dir, &e->db);
    fixture_fund_round(e->s, 2);
    static const char *const staff[] = {"amy:officer", "bob:officer", "cal:finance-officer",
                                        "dan:monitoring-officer", "pat:commissioner"};
    fixture_accounts(e->s, staff, 5);
    apply(e, "Safe Homes", "GB-CHC-1234567", e->refs[0]);
    apply(e, "Safe Homes", "GB-CHC-1234567", e->refs[1]);
    apply(e, "Youth Boxing", "GB-COH-01234567", e->refs[2]);
    apply(e, "Tea Club", "GB-CHC-7654321", e->refs[3]);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    fixture_store_close(e->s, e->db, e->dir);
    free(e);
    return 0;
}

static int allocate(struct env *e, int per, int *made, char msg[1024])
{
    static const char *const who[] = {"amy", "bob", "cal"};
    struct buf err = BUF_INIT;
    int rc = store_fund_allocate(e->s, "R1", who, 3, per, &by, made, &err);
    snprintf(msg, 1024, "%s", buf_str(&err));
    buf_free(&err);
    return rc;
}

/* Whether application i is allocated to who. */
static bool allocated(struct env *e, int i, const char *who)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM fund_allocation l JOIN fund_application a"
             " ON a.id = l.application_id WHERE a.ref = '%s' AND l.assessor = '%s'",
             e->refs[i], who);
    return fixture_count(e->db, sql) == 1;
}

struct seen {
    int rows, conflicted;
    long scored;
};

static void count_marking(void *arg, const struct fund_allocation_view *v)
{
    struct seen *s = arg;
    s->rows++;
    s->conflicted += v->conflicted;
    s->scored += v->scored;
    assert_int_equal(v->criteria, 2);
}

static void applications_are_allocated_without_conflicts(void **state)
{
    struct env *e = *state;
    struct buf err = BUF_INIT;
    char msg[1024];
    int made = -1;
    /* bob is a trustee of Safe Homes: declared on its first application */
    assert_int_equal(store_fund_conflict(e->s, e->refs[0], "bob", "Trustee", &by, &err), 0);
    /* only accounts that mark */
    static const char *const pat[] = {"amy", "pat"};
    assert_int_equal(store_fund_allocate(e->s, "R1", pat, 2, 1, &by, &made, &err), FUND_BAD);
    assert_non_null(strstr(buf_str(&err), "pat is not an assessor"));
    /* three each: Safe Homes's two have only amy and cal; both named, nothing stored */
    assert_int_equal(allocate(e, 3, &made, msg), FUND_BAD);
    assert_non_null(strstr(msg, e->refs[0]));
    assert_non_null(strstr(msg, e->refs[1]));
    assert_null(strstr(msg, e->refs[2]));
    assert_non_null(strstr(msg, "needs 3 more assessors, and 2 of those named may mark it"));
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM fund_allocation"), 0);
    /* two each, the least loaded first: Safe Homes's to amy and cal, then bob */
    assert_int_equal(allocate(e, 2, &made, msg), 0);
    assert_int_equal(made, 8);
    assert_true(allocated(e, 0, "amy") && allocated(e, 0, "cal") && !allocated(e, 0, "bob"));
    assert_true(allocated(e, 1, "amy") && allocated(e, 1, "cal") && !allocated(e, 1, "bob"));
    assert_true(allocated(e, 2, "bob") && allocated(e, 2, "amy"));
    assert_true(allocated(e, 3, "bob") && allocated(e, 3, "cal"));
    /* the database refuses bob any Safe Homes application, and a copy */
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO fund_allocation(application_id, assessor, allocated_at, allocated_by)"
             " SELECT id, 'bob', 't', 'me' FROM fund_application WHERE ref = '%s'",
             e->refs[1]);
    assert_int_not_equal(sqlite3_exec(e->db, sql, NULL, NULL, NULL), SQLITE_OK);
    /* scoring: the conflict is with the organisation; only the allocated score */
    buf_reset(&err);
    assert_int_equal(store_fund_score(e->s, e->refs[1], "bob", "need", 3, "", &by, &err),
                     FUND_CONFLICTED);
    buf_reset(&err);
    assert_int_equal(store_fund_score(e->s, e->refs[2], "dan", "need", 3, "", &by, &err), FUND_BAD);
    assert_non_null(strstr(buf_str(&err), "scored by its assessors only"));
    assert_int_equal(store_fund_score(e->s, e->refs[2], "amy", "need", 3, "", &by, &err), 0);
    /* cal declares a conflict with Tea Club after allocation: run again, amy tops it up */
    assert_int_equal(store_fund_conflict(e->s, e->refs[3], "cal", "Volunteer", &by, &err), 0);
    assert_int_equal(allocate(e, 2, &made, msg), 0);
    assert_int_equal(made, 1);
    assert_true(allocated(e, 3, "amy"));
    assert_int_equal(allocate(e, 2, &made, msg), 0);
    assert_int_equal(made, 0);
    /* what cal and amy see as theirs to mark */
    struct seen cal = {0, 0, 0}, amy = {0, 0, 0};
    assert_int_equal(store_fund_allocations(e->s, NULL, "cal", count_marking, &cal, &err), 0);
    assert_int_equal(cal.rows, 3);
    assert_int_equal(cal.conflicted, 1);
    assert_int_equal(store_fund_allocations(e->s, "R1", "amy", count_marking, &amy, &err), 0);
    assert_int_equal(amy.rows, 4);
    assert_int_equal(amy.scored, 1);
    /* two runs allocated something: two audit rows; the refused and empty ones none */
    assert_int_equal(fixture_count(e->db,
                                   "SELECT count(*) FROM audit WHERE action = 'fund.allocate'"
                                   " AND object = 'fund:R1'"),
                     2);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(applications_are_allocated_without_conflicts, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
