/*
 * test_fund.c - the Safety Fund's rules in the store: a round opens only
 * with a rubric and a threshold, and once open neither it, its rubric,
 * its threshold nor its co-funders change (through the API and through
 * plain SQL); awards stay within the maximum, the round's budget and the
 * year's (through the API, with the figures, and through plain SQL);
 * awards are public only once the round's decision is published (and a
 * refuge's place never, in 360Giving data too); every
 * change is audited. Grants received: a table is loaded only when its
 * lines add up to its stated total (refused with both figures, nothing
 * stored), every bad row named by file, line and field; reporting dates
 * become clocks. Applications: a draft saved and taken up by its
 * reference (read back without the contact person, whom the vault is
 * only asked whether it holds), the contact person only in the vault; eligibility checked
 * with reasons; a conflicted assessor's score refused (API and SQL);
 * moderation needs a reason; the weighted score against the threshold.
 * An application's district, partnership and priorities are among the
 * round's choices (the area lookup, the missions it serves), anything
 * else refused with the nearest or the valid ones, and nothing written.
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

#include "assess/fund_tables.h"
#include "assess/giving360.h"
#include "fixtures.h"
#include "ingest/grants_received_file.h"
#include "store/fund.h"
#include "store/fund_apply.h"
#include "store/vault.h"

static const struct audit_origin by = {"cli:test", "test"};

static int setup(void **state)
{
    fixture_env_setup(state);
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT;
    struct fund_programme p = {"sf", "Safety Fund", "GB-GOV-X", "The PCC", "360G-test"};
    assert_int_equal(store_fund_programme_add(e->s, &p, &by, &err), 0);
    assert_int_equal(store_fund_year_add(e->s, "sf", "2024-25", 2500000, &by, &err), 0);
    /* two rounds of £20,000 in a year of £25,000: the year binds first */
    for (int i = 1; i <= 2; i++) {
        char key[8];
        snprintf(key, sizeof key, "R%d", i);
        struct fund_round r = {.key = key,
                               .programme = "sf",
                               .fy = "2024-25",
                               .title = "Round",
                               .theme = "VAWG",
                               .opens_on = "2024-05-01",
                               .closes_on = "2024-05-31",
                               .budget_pence = 2000000,
                               .max_award_pence = FUND_DEFAULT_MAX_AWARD_PENCE,
                               .threshold_bp = i == 1 ? 6500 : -1};
        assert_int_equal(store_fund_round_add(e->s, &r, &by, &err), 0);
    }
    buf_free(&err);
    return 0;
}

/* An award of pounds in a round: its status, and err's text in msg. */
static int award(struct fixture_env *e, const char *round, int64_t pence, char msg[512])
{
    struct fund_award_new a = {.round = round,
                               .recipient = "Safe Homes",
                               .org_id = "GB-CHC-1234567",
                               .title = "Refuge support",
                               .description = "Support in a refuge",
                               .amount_pence = pence,
                               .district = "Charnwood",
                               .sensitive = true};
    struct buf err = BUF_INIT;
    int number;
    int rc = store_fund_award(e->s, &a, &by, &number, &err);
    snprintf(msg, 512, "%s", buf_str(&err));
    buf_free(&err);
    return rc;
}

static int sql_rc(struct fixture_env *e, const char *sql)
{
    return sqlite3_exec(e->db, sql, NULL, NULL, NULL);
}

static void a_round_opens_only_with_a_rubric_and_threshold(void **state)
{
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT;
    char msg[512];
    assert_int_equal(award(e, "R1", 100000, msg), FUND_NOT_OPEN);
    assert_int_equal(store_fund_round_open(e->s, "R1", &by, &err), FUND_NOT_OPEN);
    assert_non_null(strstr(buf_str(&err), "no criteria"));
    assert_int_equal(store_fund_criterion_add(e->s, "R2", "need", "Need", 40, 5, &by, &err), 0);
    buf_reset(&err);
    assert_int_equal(store_fund_round_open(e->s, "R2", &by, &err), FUND_NOT_OPEN);
    assert_non_null(strstr(buf_str(&err), "no threshold"));
    /* nor behind the API's back */
    assert_int_not_equal(sql_rc(e, "UPDATE fund_round SET opened_at = 't', opened_by = 'x'"
                                   " WHERE key = 'R1'"),
                         SQLITE_OK);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM fund_round WHERE opened_at"
                                          " IS NOT NULL"),
                     0);
    buf_free(&err);
}

static void an_open_rounds_rubric_and_threshold_never_change(void **state)
{
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT;
    assert_int_equal(store_fund_criterion_add(e->s, "R1", "need", "Need", 40, 5, &by, &err), 0);
    assert_int_equal(store_fund_cofunder_add(e->s, "R1", "VRN", 500000, &by, &err), 0);
    assert_int_equal(store_fund_round_threshold(e->s, "R1", 6000, &by, &err), 0);
    assert_int_equal(store_fund_round_open(e->s, "R1", &by, &err), 0);
    assert_int_equal(store_fund_round_open(e->s, "R1", &by, &err), FUND_FROZEN);
    assert_int_equal(store_fund_round_threshold(e->s, "R1", 5000, &by, &err), FUND_FROZEN);
    assert_int_equal(store_fund_criterion_add(e->s, "R1", "more", "More", 10, 5, &by, &err),
                     FUND_FROZEN);
    assert_int_equal(store_fund_cofunder_add(e->s, "R1", "OPCC", 100, &by, &err), FUND_FROZEN);
    static const char *const sql[] = {
        "UPDATE fund_round SET threshold_bp = 1 WHERE key = 'R1'",
        "UPDATE fund_round SET budget_pence = 99999999 WHERE key = 'R1'",
        "DELETE FROM fund_round WHERE key = 'R1'",
        "UPDATE fund_criterion SET weight = 99",
        "DELETE FROM fund_criterion",
        "INSERT INTO fund_criterion(round_id, key, title, weight, max_score)"
        " SELECT id, 'late', 'Late', 10, 5 FROM fund_round WHERE key = 'R1'",
        "INSERT OR REPLACE INTO fund_criterion(id, round_id, key, title, weight, max_score)"
        " SELECT 1, id, 'need', 'Need', 99, 5 FROM fund_round WHERE key = 'R1'",
        "UPDATE fund_cofunder SET share_pence = 1",
        "DELETE FROM fund_cofunder",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (sql_rc(e, sql[i]) == SQLITE_OK)
            fail_msg("allowed: %s", sql[i]);
    assert_int_equal(fixture_count(e->db, "SELECT threshold_bp FROM fund_round WHERE key = 'R1'"),
                     6000);
    assert_int_equal(fixture_count(e->db, "SELECT sum(weight) FROM fund_criterion"), 40);
    assert_int_equal(fixture_count(e->db, "SELECT sum(share_pence) FROM fund_cofunder"), 500000);
    /* each change audited, the refusals not */
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM audit WHERE action IN"
                                          " ('fund.criterion', 'fund.cofunder', 'fund.threshold',"
                                          " 'fund.open')"),
                     4);
    buf_free(&err);
}

static void awards_stay_within_the_maximum_and_budgets(void **state)
{
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT;
    char msg[512];
    for (int i = 1; i <= 2; i++) {
        const char *r = i == 1 ? "R1" : "R2";
        assert_int_equal(store_fund_criterion_add(e->s, r, "need", "Need", 40, 5, &by, &err), 0);
        assert_int_equal(store_fund_round_threshold(e->s, r, 6500, &by, &err), 0);
        assert_int_equal(store_fund_round_open(e->s, r, &by, &err), 0);
    }
    assert_int_equal(award(e, "R1", 1000001, msg), FUND_OVER);
    assert_non_null(strstr(msg, "over round R1's maximum award of \xc2\xa3"
                                "10,000.00"));
    assert_int_equal(award(e, "R1", 1000000, msg), 0);
    assert_int_equal(award(e, "R1", 900000, msg), 0);
    /* round: £19,000 of £20,000 awarded */
    assert_int_equal(award(e, "R1", 100001, msg), FUND_OVER);
    assert_non_null(strstr(msg, "budget of \xc2\xa3"
                                "20,000.00 (\xc2\xa3"
                                "19,000.00 awarded"));
    assert_int_equal(award(e, "R1", 100000, msg), 0);
    /* year: £20,000 of £25,000 awarded, though round 2 has £20,000 */
    assert_int_equal(award(e, "R2", 500000, msg), 0);
    assert_int_equal(award(e, "R2", 1, msg), FUND_OVER);
    assert_non_null(strstr(msg, "the year's budget of \xc2\xa3"
                                "25,000.00"));
    /* plain SQL is refused the same, and awards never change */
    static const char *const sql[] = {
        "INSERT INTO fund_award(round_id, number, recipient, org_id, title, description,"
        " amount_pence, sensitive, conditions, awarded_on, recorded_at, recorded_by)"
        " VALUES(2, 99, 'x', 'GB-CHC-1', 't', 'd', 1, 0, '', '2024-06-01', 't', 'me')",
        "UPDATE fund_award SET amount_pence = 1",
        "DELETE FROM fund_award",
        "UPDATE fund_year SET budget_pence = 1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (sql_rc(e, sql[i]) == SQLITE_OK)
            fail_msg("allowed: %s", sql[i]);
    assert_int_equal(fixture_count(e->db, "SELECT sum(amount_pence) FROM fund_award"), 2500000);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM audit WHERE action = 'fund.award'"),
                     4);
    /* not public until the round's decision is published; staff see all */
    struct table t;
    assert_int_equal(fund_awards_table(e->s, NULL, true, false, &t, &err), 0);
    assert_int_equal(t.nrows, 0);
    table_free(&t);
    assert_int_equal(fund_awards_table(e->s, NULL, false, false, &t, &err), 0);
    assert_int_equal(t.nrows, 4);
    table_free(&t);
    /* 360Giving: every award a refuge's (sensitive): in a preview, with
     * every required field, and never where it is */
    struct buf json = BUF_INIT;
    assert_int_equal(giving360_json(e->s, true, &json, &err), 0);
    assert_non_null(strstr(buf_str(&json), "\"amountAwarded\": 10000,"));
    assert_non_null(strstr(buf_str(&json), "\"amountAwarded\": 1000,"));
    assert_non_null(strstr(buf_str(&json), "\"charityNumber\": \"1234567\""));
    assert_null(strstr(buf_str(&json), "Charnwood"));
    assert_null(strstr(buf_str(&json), "beneficiaryLocation"));
    buf_free(&json);
    assert_int_equal(giving360_table(e->s, false, &t, &err), 0);
    assert_int_equal(t.nrows, 0);
    table_free(&t);
    buf_free(&err);
}

/* Imports text as grants.csv for fy; the status, err's text in msg. */
static int received(struct fixture_env *e, const char *text, const char *total, char msg[1024],
                    struct grants_file_report *rep)
{
    char *path = fixture_write(e->dir, "grants.csv", text, strlen(text));
    struct grants_file_options o = {.fy = "2021-22", .total = total};
    struct buf err = BUF_INIT;
    int rc = grants_received_file_import(e->s, path, &o, &by, rep, &err);
    snprintf(msg, 1024, "%s", buf_str(&err));
    buf_free(&err);
    free(path);
    return rc;
}

static void grants_received_add_up_to_their_stated_total(void **state)
{
    struct fixture_env *e = *state;
    char msg[1024];
    struct grants_file_report rep;
    static const char good[] = "Funder,Purpose,Amount (\xc2\xa3),Report on\r\n"
                               "MoJ,Victims and Witnesses,\"1,277,869\",2021-07-31\r\n"
                               "Home Office,Safer Streets Round 2,\"482,000\",\r\n"
                               "Total Grant Funding,,\"1,759,869\",\r\n";
    assert_int_equal(received(e, good, NULL, msg, &rep), 0);
    assert_int_equal(rep.lines, 2);
    assert_int_equal(rep.total_pence, 175986900);
    assert_int_equal(rep.clocks, 1);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM clock WHERE subject GLOB"
                                          " 'grant-received:*' AND start_date = '2021-03-31'"
                                          " AND days = 122"),
                     1);
    /* a total one pound out: refused with both figures, nothing stored */
    static const char bad[] = "Funder,Purpose,Amount\nMoJ,Victims,\"1,277,869\"\n"
                              "Home Office,Safer Streets,\"482,000\"\nTotal,,\"1,759,870\"\n";
    assert_int_equal(received(e, bad, NULL, msg, &rep), 2);
    assert_non_null(strstr(msg, "grants.csv:4: amount: the stated total \xc2\xa3"
                                "1,759,870.00 is not what the 2 lines add up to, \xc2\xa3"
                                "1,759,869.00 (\xc2\xa3"
                                "1.00 apart)"));
    /* no total at all; --total disagreeing with the file; a bad row */
    static const char none[] = "Funder,Purpose,Amount\nMoJ,Victims,100\n";
    assert_int_equal(received(e, none, NULL, msg, &rep), 2);
    assert_non_null(strstr(msg, "no stated total"));
    assert_int_equal(received(e, none, "100", msg, &rep), 0);
    assert_int_equal(received(e, good, "1,759,868", msg, &rep), 2);
    assert_non_null(strstr(msg, "the total row says 1,759,869, --total says 1,759,868"));
    static const char rows[] = "Funder,Purpose,Amount,Report on\n,Victims,ten,31/02/2021\n"
                               "Total,,100,\n";
    assert_int_equal(received(e, rows, NULL, msg, &rep), 2);
    assert_non_null(strstr(msg, "grants.csv:2: funder: empty"));
    assert_non_null(strstr(msg, "grants.csv:2: amount: 'ten' is not an amount"));
    assert_non_null(strstr(msg, "grants.csv:2: report on: '31/02/2021' is not a date"));
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM grant_received_load"), 2);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM grant_received"), 3);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM audit"
                                          " WHERE action = 'grants-received.load'"),
                     2);
    /* the database itself refuses a load whose lines do not add up */
    assert_int_not_equal(sql_rc(e, "INSERT INTO grant_received_load(fy, file_name, sha256,"
                                   " lines, stated_total_pence, total_pence, loaded_at,"
                                   " loaded_by) VALUES('2021-22', 'x', printf('%064d', 0), 1,"
                                   " 100, 99, 't', 'me')"),
                         SQLITE_OK);
}

static void open_round(struct fixture_env *e, const char *round)
{
    struct buf err = BUF_INIT;
    assert_int_equal(store_fund_criterion_add(e->s, round, "need", "Need", 60, 5, &by, &err), 0);
    assert_int_equal(store_fund_criterion_add(e->s, round, "value", "Value", 40, 10, &by, &err), 0);
    assert_int_equal(store_fund_round_open(e->s, round, &by, &err), 0);
    buf_free(&err);
}

struct fund_result_pick {
    const char *ref;
    double percent;
    bool meets, final;
};

static void pick_result(void *arg, const struct fund_result *r)
{
    struct fund_result_pick *p = arg;
    if (strcmp(r->ref, p->ref) == 0)
        p->percent = r->percent, p->meets = r->meets, p->final = r->final;
}

/* The draft as its applicant comes back to it: what the organisation
 * wrote, never the contact person. */
static void check_draft(void *arg, const struct fund_application_view *v)
{
    int *seen = arg;
    assert_string_equal(v->a.round, "R1");
    assert_string_equal(v->a.org_id, "GB-CHC-1234567");
    assert_int_equal(v->a.amount_pence, 950000);
    assert_null(v->a.contact_name);
    assert_null(v->a.contact_email);
    assert_null(v->submitted_on);
    assert_int_equal(v->eligible, -1);
    (*seen)++;
}

/* Counts an application's assessment rows by kind: conflict, score, moderation. */
static void count_kind(void *arg, const struct fund_assessment_view *v)
{
    int *n = arg;
    n[strcmp(v->kind, "conflict") == 0 ? 0 : strcmp(v->kind, "score") == 0 ? 1 : 2]++;
    if (strcmp(v->kind, "conflict") == 0)
        assert_true(v->criterion == NULL && v->score == -1 && strcmp(v->who, "bob") == 0);
}

static void applications_are_assessed_without_conflicts(void **state)
{
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT, reasons = BUF_INIT, got = BUF_INIT;
    open_round(e, "R1");
    struct vault *v = vault_open(e->s, NULL, &by, &err);
    assert_non_null(v);
    struct fund_application a = {.round = "R1",
                                 .org_name = "Safe Homes",
                                 .org_type = "charity",
                                 .org_id = "GB-CHC-1234567",
                                 .project = "Refuge outreach",
                                 .amount_pence = 900000,
                                 .district = "Charnwood",
                                 .contact_name = "Jo Marker-Name",
                                 .contact_email = "jo@example.org"};
    char ref[FUND_REF_SIZE], ref2[FUND_REF_SIZE];
    assert_int_equal(store_fund_apply(e->s, v, NULL, &a, &by, ref, &err), 0);
    /* come back with the reference: the draft changes in place */
    a.amount_pence = 950000;
    a.contact_name = a.contact_email = NULL;
    assert_int_equal(store_fund_apply(e->s, v, ref, &a, &by, ref, &err), 0);
    int seen = 0;
    assert_int_equal(store_fund_application(e->s, ref, check_draft, &seen, &err), 0);
    assert_int_equal(seen, 1);
    assert_int_equal(store_fund_application(e->s, "A-NOTHERE222", check_draft, &seen, &err),
                     FUND_UNKNOWN);
    assert_int_equal(seen, 1);
    assert_int_equal(store_fund_contact_given(v, ref, &err), 1); /* kept from the first save */
    bool ok = false;
    if (store_fund_submit(e->s, ref, "2024-05-10", &by, &ok, &reasons, &err) != 0)
        fail_msg("submit: %s", buf_str(&err));
    if (!ok)
        fail_msg("not eligible: %s", buf_str(&reasons));
    assert_int_equal(store_fund_apply(e->s, v, ref, &a, &by, ref, &err), FUND_FROZEN);
    /* the contact person is in the vault only */
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM fund_application WHERE"
                                          " amount_pence = 950000"),
                     1);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM fund_application WHERE"
                                          " org_name || project || district LIKE '%Marker%'"),
                     0);
    char subject[40];
    snprintf(subject, sizeof subject, "applicant:%s", ref);
    assert_int_equal(vault_get(v, subject, "contact_email", "test", &by, &got, &err), 0);
    assert_string_equal(buf_str(&got), "jo@example.org");
    /* an individual, over the maximum, after the close: every reason */
    struct fund_application b = {.round = "R1",
                                 .org_name = "A Person",
                                 .org_type = "individual",
                                 .org_id = "none",
                                 .project = "x",
                                 .amount_pence = 1000001,
                                 .district = "Blaby"};
    store_fund_round_threshold(e->s, "R1", 0, &by, &err); /* open: refused, unchanged */
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &b, &by, ref2, &err), 0);
    assert_int_equal(store_fund_contact_given(v, ref2, &err), 0);
    buf_reset(&reasons);
    assert_int_equal(store_fund_submit(e->s, ref2, "2024-06-01", &by, &ok, &reasons, &err), 0);
    assert_false(ok);
    assert_non_null(strstr(buf_str(&reasons), "'none' is not an organisation identifier"));
    assert_non_null(strstr(buf_str(&reasons), "the round's maximum of \xc2\xa3"
                                              "10,000.00"));
    assert_non_null(strstr(buf_str(&reasons), "outside the round's dates"));
    /* conflicts: bob may not score the application he declared */
    assert_int_equal(store_fund_conflict(e->s, ref, "bob", "Trustee of Safe Homes", &by, &err), 0);
    buf_reset(&err);
    assert_int_equal(store_fund_score(e->s, ref, "bob", "need", 5, "", &by, &err), FUND_CONFLICTED);
    assert_non_null(strstr(buf_str(&err), "conflict"));
    assert_int_not_equal(sql_rc(e, "INSERT INTO fund_score(application_id, assessor,"
                                   " criterion_id, score, comment, scored_at)"
                                   " VALUES(1, 'bob', 1, 5, '', 't')"),
                         SQLITE_OK);
    assert_int_equal(store_fund_score(e->s, ref, "amy", "need", 4, "", &by, &err), 0);
    assert_int_equal(store_fund_score(e->s, ref, "cal", "need", 2, "", &by, &err), 0);
    assert_int_equal(store_fund_score(e->s, ref, "amy", "value", 11, "", &by, &err), FUND_BAD);
    assert_int_equal(store_fund_score(e->s, ref, "amy", "value", 8, "", &by, &err), 0);
    assert_int_equal(store_fund_score(e->s, ref2, "amy", "need", 1, "", &by, &err), FUND_BAD);
    /* (4+2)/2 = 3 of 5 weighted 60, 8 of 10 weighted 40: 68%, over 65% */
    struct fund_result_pick pick = {ref, -2, false, false};
    assert_int_equal(store_fund_results(e->s, "R1", pick_result, &pick, &err), 0);
    assert_float_equal(pick.percent, 68.0, 1e-9);
    assert_true(pick.meets);
    /* moderation: an agreed score and why, never without a reason */
    assert_int_equal(store_fund_moderate(e->s, ref, "need", 2, " ", &by, &err), FUND_BAD);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM fund_moderation"), 0);
    assert_int_equal(
        store_fund_moderate(e->s, ref, "need", 2, "Evidence of need is thin", &by, &err), 0);
    assert_int_equal(store_fund_results(e->s, "R1", pick_result, &pick, &err), 0);
    assert_float_equal(pick.percent, 56.0, 1e-9); /* 2 of 5 at 60, 8 of 10 at 40 */
    assert_false(pick.meets);
    assert_false(pick.final); /* one criterion of two moderated: provisional */
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM fund_score"), 3);
    int kinds[3] = {0, 0,
                    0}; /* what the staff page lists: one conflict, three scores, one moderation */
    assert_int_equal(store_fund_assessments(e->s, ref, count_kind, kinds, &err), 0);
    assert_int_equal(kinds[0], 1);
    assert_int_equal(kinds[1], 3);
    assert_int_equal(kinds[2], 1);
    assert_int_equal(fixture_count(e->db, "SELECT count(*) FROM audit WHERE action IN"
                                          " ('fund.apply', 'fund.submit', 'fund.conflict',"
                                          " 'fund.score')"),
                     9);
    vault_close(v);
    buf_free(&err);
    buf_free(&reasons);
    buf_free(&got);
}

/* A moderated score (an integer) over a top score it does not divide:
 * 2 of 3 is 66.67%, never integer division's 0. */
static void a_weighted_score_is_not_rounded_down(void **state)
{
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT, reasons = BUF_INIT;
    assert_int_equal(store_fund_round_threshold(e->s, "R2", 6500, &by, &err), 0);
    assert_int_equal(store_fund_criterion_add(e->s, "R2", "need", "Need", 1, 3, &by, &err), 0);
    assert_int_equal(store_fund_round_open(e->s, "R2", &by, &err), 0);
    struct fund_application a = {.round = "R2",
                                 .org_name = "Safe Homes",
                                 .org_type = "charity",
                                 .org_id = "GB-CHC-1234567",
                                 .project = "Outreach",
                                 .amount_pence = 100,
                                 .district = "Blaby"};
    char ref[FUND_REF_SIZE];
    bool ok = false;
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &a, &by, ref, &err), 0);
    assert_int_equal(store_fund_submit(e->s, ref, "2024-05-10", &by, &ok, &reasons, &err), 0);
    assert_true(ok);
    assert_int_equal(store_fund_moderate(e->s, ref, "need", 2, "Agreed", &by, &err), 0);
    struct fund_result_pick pick = {ref, -2, true, false};
    assert_int_equal(store_fund_results(e->s, "R2", pick_result, &pick, &err), 0);
    assert_float_equal(pick.percent, 200.0 / 3, 1e-9);
    assert_true(pick.meets);
    assert_true(pick.final); /* its one criterion moderated */
    buf_free(&err);
    buf_free(&reasons);
}

static void count_rows(struct fixture_env *e, long *apps, long *audits)
{
    *apps = fixture_count(e->db, "SELECT count(*) FROM fund_application");
    *audits = fixture_count(e->db, "SELECT count(*) FROM audit");
}

static void applications_choose_among_the_lookup_and_the_missions(void **state)
{
    struct fixture_env *e = *state;
    struct buf err = BUF_INIT;
    assert_int_equal(sqlite3_exec(e->db,
                                  "INSERT INTO area VALUES('district', 'E1', 'Charnwood'),"
                                  " ('district', 'E2', 'Blaby'), ('district', 'E3', 'Blaby'),"
                                  " ('csp', 'E1', 'Leicestershire')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    struct fund_round r = {.key = "R3",
                           .programme = "sf",
                           .fy = "2024-25",
                           .title = "Round",
                           .theme = "Any",
                           .opens_on = "2024-05-01",
                           .closes_on = "2024-05-31",
                           .budget_pence = 100000,
                           .max_award_pence = 100000,
                           .threshold_bp = -1,
                           .missions = "safer streets"};
    /* a round's missions are plan keys, refused naming the one that is not */
    assert_int_equal(store_fund_round_add(e->s, &r, &by, &err), FUND_BAD);
    assert_non_null(strstr(buf_str(&err), "missions: 'safer streets' is not a key"));
    r.missions = " m1;m2.s1 , m1";
    assert_int_equal(store_fund_round_add(e->s, &r, &by, &err), 0);
    struct fund_choices c;
    assert_int_equal(store_fund_choices(e->s, "R3", &c, &err), 0);
    assert_int_equal(c.ndistricts, 2); /* each once, in order */
    assert_string_equal(c.districts[0], "Blaby");
    assert_int_equal(c.ncsps, 1);
    assert_int_equal(c.npriorities, 2); /* each key once, trimmed */
    assert_string_equal(c.keys[0], "m1");
    assert_string_equal(c.keys[1], "m2.s1");
    assert_string_equal(c.titles[1], "m2.s1"); /* no plan loaded: the key */
    fund_choices_free(&c);
    assert_int_equal(store_fund_choices(e->s, "R9", &c, &err), FUND_UNKNOWN);
    fund_choices_free(&c);
    struct fund_application a = {.round = "R3",
                                 .org_name = "Org",
                                 .district = "Charnwood",
                                 .csp_code = "Leicestershire",
                                 .priorities = "m2.s1 ; m1"};
    char ref[FUND_REF_SIZE];
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &a, &by, ref, &err), 0);
    long apps, audits, apps2, audits2;
    count_rows(e, &apps, &audits);
    /* refused, naming the field and what would do; nothing written */
    const struct {
        const char *district, *csp, *priorities, *says;
    } bad[] = {
        {"Charnwod", NULL, NULL,
         "district: 'Charnwod' is not one of the round's choices (did "
         "you mean 'Charnwood'?)"},
        {"Blaby", "E22000001", NULL, "community safety partnership: 'E22000001'"},
        {NULL, NULL, "m1, m3",
         "priorities: 'm3' is not one of the round's choices (did you "
         "mean 'm1'?)"},
        {NULL, NULL, "safer streets", "(known: m1, m2.s1)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fund_application b = a;
        b.district = bad[i].district;
        b.csp_code = bad[i].csp;
        b.priorities = bad[i].priorities;
        buf_reset(&err);
        assert_int_equal(store_fund_apply(e->s, NULL, NULL, &b, &by, ref, &err), FUND_BAD);
        if (!strstr(buf_str(&err), bad[i].says))
            fail_msg("%zu: %s", i, buf_str(&err));
        assert_int_equal(store_fund_apply(e->s, NULL, ref, &b, &by, ref, &err), FUND_BAD);
    }
    /* no round, no draft: FUND_UNKNOWN, nothing written */
    a.round = "R9";
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &a, &by, ref, &err), FUND_UNKNOWN);
    assert_int_equal(store_fund_apply(e->s, NULL, "A-NOTHERE222", &a, &by, ref, &err),
                     FUND_UNKNOWN);
    count_rows(e, &apps2, &audits2);
    assert_int_equal(apps2, apps);
    assert_int_equal(audits2, audits);
    /* a round naming no missions, and no plan: no priority to choose */
    a.round = "R1";
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &a, &by, ref, &err), FUND_BAD);
    a.priorities = NULL;
    assert_int_equal(store_fund_apply(e->s, NULL, NULL, &a, &by, ref, &err), 0);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_round_opens_only_with_a_rubric_and_threshold, setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(an_open_rounds_rubric_and_threshold_never_change, setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(awards_stay_within_the_maximum_and_budgets, setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(grants_received_add_up_to_their_stated_total, setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(a_weighted_score_is_not_rounded_down, setup,
                                        fixture_env_teardown),
        cmocka_unit_test_setup_teardown(applications_choose_among_the_lookup_and_the_missions,
                                        setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(applications_are_assessed_without_conflicts, setup,
                                        fixture_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
