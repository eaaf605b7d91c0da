/*
 * test_services.c - the commissioned services register on hand-made
 * files: a good services file with its stated total published a version
 * a service, audited, with a clock for an end date still to come; the
 * same file again publishes nothing; a changed service refused without a
 * reason and published as version 2 with one; every kind of bad row named
 * by file, line and field, and a total its rows do not add up to refused
 * with both figures, nothing stored; quarterly returns, refused for a
 * service or an outcome the register does not have; a unit cost worked by
 * hand (one quarter from a linked spend line, one from the annual value),
 * the annual report's Commissioning table's total against the register,
 * and the public pages /services and /services/REF with their JSON, on one
 * store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/service_tables.h"
#include "fixtures.h"
#include "ingest/service_file.h"
#include "model/calendar.h"
#include "store/clocks.h"
#include "store/spend.h"
#include "store/store.h"
#include "web/app.h"
#include "web/server.h"

static const struct audit_origin by = {"cli:test", "test"};

/* Two services: the second ends on 2030-03-31, after the tests' today. */
static const char services_csv[] =
    "Reference,Service,Provider,Provider ID,Contract reference,Start date,End date,"
    "Annual value,Outcomes\r\n"
    "SV-1,Victim care,Care CIC,GB-COH-01234567,,2024-04-01,2025-03-31,\"£40,000\","
    "\"Victims who cope = 300; Contacted in 2 days = 400\"\r\n"
    "SV-2,<b>Youth</b> diversion,Youth Works,GB-CHC-1234567,C-9,01/04/2024,2030-03-31,"
    "\"20,000.50\",No reoffence = 50\r\n"
    "Total Commissioned Services,,,,,,,\"60,000.50\",\r\n";

static const char returns_csv[] = "Service,Quarter,Referrals,People supported,Outcomes achieved\n"
                                  "SV-1,2024-25 Q1,120,100,Victims who cope = 70\n"
                                  "SV-1,2024/25 Q2,90,50,\"Victims who cope = 30; "
                                  "Contacted in 2 days = 44\"\n";

/* Imports text as name; the status, problems into err, versions published
 * into *published. */
static int import(struct fixture_env *f, enum service_file_kind kind, const char *name,
                  const char *text, const char *reason, size_t *published, struct buf *err)
{
    char *path = fixture_write(f->dir, name, text, strlen(text));
    int today;
    date_parse("2026-12-01", 10, &today);
    struct service_file_options o = {.reason = reason, .today = today};
    struct service_file_report r;
    buf_reset(err);
    int rc = service_file_import(f->s, kind, path, &o, &by, &r, err);
    if (published) {
        *published = 0;
        for (size_t i = 0; i < r.n; i++)
            *published += r.versions[i] != 0;
    }
    service_file_report_free(&r);
    free(path);
    return rc;
}

static void a_good_file_is_published_a_version_a_service(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT;
    size_t n;
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "s.csv", services_csv, NULL, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM service_outcome"), 3);
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM audit WHERE action ="
                                          " 'service.publish'"),
                     2);
    assert_int_equal(fixture_count(f->db, "SELECT annual_value_pence FROM service_version"
                                          " WHERE ref = 'SV-2'"),
                     2000050);
    /* the end date still to come is a clock due on it; the one passed is none */
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM clock WHERE subject ="
                                          " 'service:SV-2' AND start_date || '+' || days ="
                                          " '2024-04-01+2190'"),
                     1);
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM clock"), 1);
    /* again: nothing */
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "s.csv", services_csv, NULL, &n, &err), 0);
    assert_int_equal(n, 0);
    /* a changed value needs a reason, then is version 2 */
    char *changed = strdup(services_csv);
    memcpy(strstr(changed, "20,000.50"), "21,000.50", 9);
    memcpy(strstr(changed, "60,000.50"), "61,000.50", 9);
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "s2.csv", changed, NULL, &n, &err), 2);
    assert_non_null(strstr(buf_str(&err), "s2.csv:3: SV-2: version 2 would replace version 1"));
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "s2.csv", changed, "Uplift", &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(fixture_count(f->db, "SELECT max(version) FROM service_version"), 2);
    free(changed);
    buf_free(&err);
}

static void every_bad_row_is_named_and_nothing_is_stored(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT;
    static const char bad[] =
        "Reference,Service,Provider,Provider ID,Start date,End date,Annual value,Outcomes\n"
        "SV 1,,Care,GB-1,2024-13-01,,lots,\"Coping = many\"\n"
        "SV-2,Two,,,2024-04-01,2023-04-01,-5,Coping\n"
        "SV-3,Three,P,,2024-04-01,,100,\n"
        "SV-3,Three again,P,,2024-04-01,,100,\n";
    static const char *const want[] = {
        "bad.csv:2: reference: 'SV 1': a reference",
        "bad.csv:2: service: empty",
        "bad.csv:2: provider id: 'GB-1' is not an org-id",
        "bad.csv:2: start date: '2024-13-01' is not a date",
        "bad.csv:2: annual value: 'lots' is not an amount",
        "bad.csv:2: outcomes: 'Coping = many': a measure",
        "bad.csv:3: provider: empty",
        "bad.csv:3: end date: 2023-04-01 is before the start date",
        "bad.csv:3: annual value: '-5'",
        "bad.csv:3: outcomes: 'Coping': write each as 'measure = number'",
        "bad.csv:5: reference: 'SV-3' is also on line 4",
    };
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "bad.csv", bad, NULL, NULL, &err), 2);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(buf_str(&err), want[i]))
            fail_msg("missing '%s' in:\n%s", want[i], buf_str(&err));
    /* a stated total the rows do not add up to: both figures */
    char *off = strdup(services_csv);
    memcpy(strstr(off, "60,000.50"), "60,000.51", 9);
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "off.csv", off, NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err),
                           "off.csv:4: annual value: the stated total £60,000.51 is not what "
                           "the 2 services add up to, £60,000.50 (£0.01 apart)"));
    free(off);
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM service_version"), 0);
    /* returns: no such service, no such outcome, a bad quarter */
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "s.csv", services_csv, NULL, NULL, &err), 0);
    static const char bad_returns[] = "Service,Quarter,Referrals,People supported,Achieved\n"
                                      "SV-9,2024-25 Q1,1,1,\n"
                                      "SV-1,2024-25 Q1,1,1,Smiles = 3\n";
    assert_int_equal(import(f, SERVICE_FILE_RETURNS, "r.csv", bad_returns, NULL, NULL, &err), 2);
    assert_non_null(strstr(buf_str(&err), "r.csv:2: service: 'SV-9' is not in the register"));
    assert_non_null(strstr(buf_str(&err), "r.csv:3: outcomes achieved: 'Smiles' is not an"
                                          " outcome of SV-1"));
    assert_int_equal(import(f, SERVICE_FILE_RETURNS, "q.csv",
                            "Service,Quarter,Referrals,People supported\nSV-1,Q5,x,1\n", NULL, NULL,
                            &err),
                     2);
    assert_non_null(strstr(buf_str(&err), "q.csv:2: quarter: 'Q5' is not a financial quarter"));
    assert_non_null(strstr(buf_str(&err), "q.csv:2: referrals: 'x' is not a whole number"));
    assert_int_equal(fixture_count(f->db, "SELECT count(*) FROM service_return"), 0);
    buf_free(&err);
}

/* The spend register for July to September 2024 (a month missing and the
 * quarter's spend would be partial): one line of £12,000.00 to SV-1's
 * provider, as the spend file writes it, in August, and one to another
 * supplier in each month. */
static void spend_lines(struct store *s)
{
    static const struct spend_item other[] = {
        {"P0", "2024-07-02", "PCC", "Other Ltd", "Fees", "Office", "Audit", "quote", 50000, false,
         2, false},
        {"P2", "2024-08-20", "PCC", "Other Ltd", "Fees", "Office", "Audit", "quote", 50000, false,
         3, false},
        {"P3", "2024-09-02", "PCC", "Other Ltd", "Fees", "Office", "Audit", "quote", 50000, false,
         4, false},
    };
    struct spend_item aug[] = {{"P1", "2024-08-15", "PCC", " care cic ", "Services",
                                "Commissioning", "Victim care, August", "tender", 1200000, false, 5,
                                false},
                               other[1]};
    struct spend_month m[] = {{SPEND_PCC, "2024-07", &other[0], 1},
                              {SPEND_PCC, "2024-08", aug, 2},
                              {SPEND_PCC, "2024-09", &other[2], 1}};
    struct spend_source src = {"spend.csv", "0000000000000000000000000000000000000000000000000000"
                                            "000000000000"};
    struct spend_outcome out[3];
    struct buf err = BUF_INIT;
    assert_int_equal(store_spend_publish(s, m, 3, NULL, &src, &by, false, out, &err), 0);
    buf_free(&err);
}

/* On f's store, holding services_csv and returns_csv. */
static void a_unit_cost_worked_by_hand(struct fixture_env *f)
{
    struct buf err = BUF_INIT;
    spend_lines(f->s);
    /* Q1: a quarter of £40,000 = £10,000 for 100 people; Q2: the spend line,
     * £12,000, for 50: £22,000 / 150 = £146.666... */
    struct table v, o, r;
    assert_int_equal(service_tables(f->s, "SV-1", false, &v, &o, &r, &err), 1);
    assert_int_equal(r.nrows, 2);
    struct buf text = BUF_INIT;
    table_cell_text(table_cell(&v, 0, 14), false, &text); /* cost */
    assert_string_equal(buf_str(&text), "22000.00");
    assert_int_equal(table_cell(&v, 0, 13)->i, 150);
    assert_true(table_cell(&v, 0, 15)->r > 146.6666 && table_cell(&v, 0, 15)->r < 146.6667);
    assert_string_equal(table_cell(&v, 0, 16)->text,
                        "Cost over people supported, 2 quarters returned; the cost of 1 quarter "
                        "from 1 linked spend line, of 1 quarter as a quarter of the annual value");
    assert_string_equal(table_cell(&r, 1, 5)->text, "linked spend, 1 line");
    assert_string_equal(table_cell(&o, 0, 0)->text, "Victims who cope");
    assert_int_equal(table_cell(&o, 0, 2)->i, 100); /* achieved in all: 70 + 30 */
    assert_int_equal(table_cell(&o, 1, 2)->i, 44);
    table_free(&v);
    table_free(&o);
    table_free(&r);
    /* the annual report's table: both services ran in 2024-25; its total is the register's */
    struct table c;
    struct services_totals tot;
    assert_int_equal(commissioning_table(f->s, 2024, false, &c, &tot, &err), 2);
    assert_int_equal(c.nrows, 3);
    buf_reset(&text);
    table_cell_text(table_cell(&c, 2, 2), false, &text);
    assert_string_equal(buf_str(&text), "60000.50");
    assert_int_equal(table_cell(&c, 2, 3)->i, 150);
    table_free(&c);
    assert_int_equal(commissioning_table(f->s, 2025, false, &c, &tot, &err), 1); /* SV-2 only */
    table_free(&c);
    buf_free(&text);
    buf_free(&err);
}

static struct web_response rs;

static int get(struct server_ctx *server, const char *target)
{
    struct web_in in = {
        .method = "GET", .target = target, .target_len = strlen(target), .client = "test"};
    web_response_free(&rs);
    web_handle(server, &in, &rs);
    return rs.status;
}

/* The site needs a plan; the services pages read none of it. */
static const char plan_yaml[] =
    "id: p\ntitle: P\nforce: leicestershire\nperiod: {from: 2024-05, to: 2029-03}\n"
    "vision: V\nmissions:\n  - id: m1\n    title: M\n    strategies:\n"
    "      - id: s\n        title: S\n        success: a\n        delivery: b\n"
    "        measure: c\n        metrics:\n"
    "          - id: burglary\n            title: Burglary\n"
    "            source: national-measures\n            unit: count\n"
    "            polarity: lower-is-better\n"
    "            definition: {crime-types: [Burglary]}\n";

/* The unit cost and the annual report's table, then the pages, on one
 * store (the site needs a plan). */
static void unit_costs_and_the_public_pages(void **state)
{
    struct fixture_env *f = *state;
    struct buf err = BUF_INIT, path = BUF_INIT;
    buf_printf(&path, "%s/web.db", f->dir);
    struct store *mine = f->s;
    f->s = fixture_plan_store(path.p, plan_yaml);
    assert_int_equal(import(f, SERVICE_FILE_SERVICES, "s.csv", services_csv, NULL, NULL, &err), 0);
    assert_int_equal(import(f, SERVICE_FILE_RETURNS, "r.csv", returns_csv, NULL, NULL, &err), 0);
    a_unit_cost_worked_by_hand(f);
    store_close(f->s);
    f->s = mine;
    struct server_ctx server;
    fixture_server_open(&server, (struct server_options){.db_path = path.p, .threads = 1});
    assert_int_equal(get(&server, "/services"), 200);
    const char *b = buf_str(&rs.body);
    assert_non_null(strstr(b, "2 services, worth £60,000.50 a year in all, supported 150 people"));
    assert_non_null(strstr(b, "&lt;b&gt;Youth&lt;/b&gt; diversion"));
    assert_null(strstr(b, "<b>Youth"));
    assert_non_null(strstr(b, "open-government-licence"));
    assert_int_equal(get(&server, "/services.json"), 200);
    json_error_t je;
    json_t *j = json_loads(buf_str(&rs.body), 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), 2);
    json_t *sv1 = json_array_get(j, 1);
    assert_string_equal(json_string_value(json_object_get(sv1, "reference")), "SV-1");
    assert_string_equal(json_string_value(json_object_get(sv1, "annual_value")), "40000.00");
    assert_int_equal(json_integer_value(json_object_get(sv1, "people_supported")), 150);
    json_decref(j);
    assert_int_equal(get(&server, "/services/SV-1"), 200);
    assert_non_null(strstr(buf_str(&rs.body), "Victims who cope"));
    assert_non_null(strstr(buf_str(&rs.body), "linked spend, 1 line"));
    assert_int_equal(get(&server, "/services/SV-1.json"), 200);
    j = json_loads(buf_str(&rs.body), 0, &je);
    assert_int_equal(json_array_size(j), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "quarter")),
                        "2024-25 Q1");
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(j, 1), "outcomes_achieved")),
        "Contacted in 2 days = 44; Victims who cope = 30");
    json_decref(j);
    assert_int_equal(get(&server, "/services/SV-1.csv"), 200);
    assert_non_null(strstr(buf_str(&rs.body), "quarter,referrals,people_supported"));
    assert_int_equal(get(&server, "/services/NONE"), 404);
    web_response_free(&rs);
    server_close(&server);
    buf_free(&path);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_good_file_is_published_a_version_a_service,
                                        fixture_env_setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(every_bad_row_is_named_and_nothing_is_stored,
                                        fixture_env_setup, fixture_env_teardown),
        cmocka_unit_test_setup_teardown(unit_costs_and_the_public_pages, fixture_env_setup,
                                        fixture_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
