/*
 * test_append_only.c - the append-only tables of migration 9 hold against
 * SQL from any connection, whatever its pragmas: for every table, with
 * PRAGMA recursive_triggers off (SQLite's default, under which REPLACE's
 * delete fires no DELETE trigger) and on, UPDATE, DELETE, REPLACE INTO,
 * INSERT OR REPLACE and an upsert are all refused and leave every row as
 * it was; the rows finished once (a replaced metric value, an import's
 * totals) may be finished once and then never again; and peel verify
 * (store/verify.h) finds bytes changed and triggers dropped behind
 * peel's back; and a version is withdrawn once, with a reason, keeping its
 * record and bytes.
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
#include "store/publish.h"
#include "store/verify.h"

static const char *const tables[] = {
    "publication",
    "publication_file",
    "publication_withdrawal",
    "data_load",
    "plan",
    "plan_mission",
    "plan_strategy",
    "plan_metric",
    "metric_value",
    "metric_load",
    "prc_load",
    "import_run",
    "audit",
    "session",
    "calendar_load",
    "calendar_holiday",
    "clock",
    "clock_event",
    "decision_version",
    "decision_document",
    "decision_signoff",
    "decision_exempt",
    "decision_event",
    "upload",
    "decision_exempt_review",
    "transparency_load",
    "transparency_item",
    "transparency_publication",
    "transparency_event",
    "hmicfrs_report",
    "hmicfrs_step",
    "hmicfrs_response",
    "hmicfrs_publication",
    "spend_version",
    "spend_item",
    "spend_change",
    "budget_version",
    "budget_line",
    "precept_step",
    "mtfs_version",
    "mtfs_year",
    "vault_binding",
    "concern",
    "concern_event",
    "fund_programme",
    "fund_year",
    "fund_award",
    "grant_received_load",
    "grant_received",
    "fund_conflict",
    "fund_score",
    "fund_moderation",
    "register_entry",
    "iopc_load",
    "iopc_figure",
    "investigation",
    "investigation_event",
    "contract_version",
    "contract_copy",
    "contract_redaction",
    "fund_payment",
    "fund_return",
    "fund_return_report",
    "service_version",
    "service_outcome",
    "service_return",
    "service_return_outcome",
    "letter_template",
    "letter_draft",
    "iopc_year_load",
    "iopc_year_figure",
    "office_holder_contact",
    "fund_payment_reversal",
    "fund_allocation",
    "concern_misdirected",
    "complaints_report_text",
};
#define NTABLES (sizeof tables / sizeof tables[0])

/* One finished row in every append-only table (and the rows they need). */
static const char rows[] =
    "INSERT INTO publication(id, kind, period, version, sha256, published_at)"
    "  VALUES(1, 'governance', '2023-03', 1, 'h', 't');"
    "INSERT INTO publication_file VALUES(1, 'index.html', 'h', x'00');"
    "INSERT INTO publication_withdrawal VALUES(1, 1, 't', 'me', 'why');"
    "INSERT INTO data_load(id, kind, path, sha256, bytes, rows, loaded_at)"
    "  VALUES(1, 'areas', 'a.csv', printf('%064d', 0), 1, 1, 't');"
    "INSERT INTO plan(id, plan_key, version, title, period_from, period_to, vision, source_path,"
    "  content_hash, loaded_at) VALUES(1, 'p', 1, 'T', '2024', '2029', 'V', 'p.yaml', 'h', 't');"
    "INSERT INTO plan_mission(id, plan_id, position, key, title) VALUES(1, 1, 1, 'm', 'M');"
    "INSERT INTO plan_strategy VALUES(1, 1, 1, 's', 'S', 'a', 'b', 'c');"
    "INSERT INTO plan_metric(id, strategy_id, position, key, title, source, unit, polarity,"
    "  frequency, loaded) VALUES(1, 1, 1, 'k', 'K', 's', 'u', 'p', 'f', 1);"
    "INSERT INTO metric_load VALUES(1, 'v.csv', 'h', 't', 'me', 1, 1, 0);"
    "INSERT INTO metric_value(id, metric_key, period, period_kind, period_start, value, load_id,"
    "  line) VALUES(1, 'k', '2023-04', 'month', 24279, 1.5, 1, 2);"
    "INSERT INTO import_run VALUES(1, 't', 't', 'peel import', 'me', 1, 1, 0);"
    "INSERT INTO source_file(id, name, path, kind, bytes, import_id, imported_at)"
    "  VALUES(1, 'f.csv', 'f.csv', 'prc', 1, 1, 't');"
    "INSERT INTO prc_load VALUES(1, 1, 1, 'f.csv', 'h', 1, 't', 'me', 1, 1, 0, 0);"
    "INSERT INTO audit VALUES(1, 't', 'cli:me', 'peel user add', 'account.add', 'account:me',"
    "  NULL, '{}', printf('%064d', 0), printf('%064d', 1));"
    "INSERT INTO account(id, username, name, role, password_hash, created_at, password_set_at)"
    "  VALUES(1, 'me', 'Me', 'officer', '$argon2id$x', 't', 't');"
    "INSERT INTO session VALUES(1, printf('%064d', 0), 1, '127.0.0.1', 1, 1, 2, 'signed out');"
    "INSERT INTO calendar_load VALUES(1, 'england-and-wales', 'bh.json', printf('%064d', 0), 1,"
    "  't', 'me');"
    "INSERT INTO calendar_holiday VALUES(1, 1, '2026-12-28', 'Boxing Day', 'Substitute day', 1);"
    "INSERT INTO clock VALUES(1, 'review:R-1', 'Review', 'calendar', 28, '2026-03-02',"
    "  'day-after', 't', 'me');"
    "INSERT INTO clock_event VALUES(1, 1, 'start', '2026-03-02', NULL, NULL, 't', 'me');"
    "INSERT INTO decision VALUES(1, 'PCC/2026/001', 'general', 'S', NULL, 't', 'me');"
    "INSERT INTO decision_version(id, decision_id, version, decided_on, title, decision,"
    "  decided_by, recorded_at, recorded_by) VALUES(1, 1, 1, '2026-01-02', 'T', 'D', 'pcc', 't',"
    "  'me');"
    "INSERT INTO decision_document VALUES(1, 1, 'record.pdf', 'https://x/r.pdf', NULL, 1);"
    "INSERT INTO decision_signoff VALUES(1, 1, 'finance', 'cfo', 'finance-officer', 't', NULL);"
    "INSERT INTO decision_exempt VALUES(1, 1, 'financial', 'secret', 's.43', NULL, 'mo', 't');"
    "INSERT INTO decision_event VALUES(1, 1, NULL, 'decided', 1, 't', 'pcc', NULL);"
    "INSERT INTO upload VALUES(1, printf('%064d', 0), 'pdf', 'a.pdf', 5, x'2550444621', 't',"
    "  'me');"
    "INSERT INTO decision_exempt_review VALUES(1, 1, 'kept', '2027-01-04', 'still sensitive',"
    "  'mo', 't');"
    "INSERT INTO transparency_load VALUES(1, printf('%064d', 0), 't.csv', 1, 't', 'me');"
    "INSERT INTO transparency_item VALUES(1, 1, 1, 'spend', 'Spend', 'SIO 3(g)', 'PCC',"
    "  'monthly', 20, 'working', '/spend', '', '');"
    "INSERT INTO transparency_publication VALUES(1, 'spend', '2026-11-20', '2026-10',"
    "  'https://x/s.csv', 't', 'me');"
    "INSERT INTO transparency_event VALUES(1, 'interests', '2026-11-02', 'New post', 't', 'me');"
    "INSERT INTO hmicfrs_report VALUES(1, 'peel-2026', 'PEEL 2026', '2026-03-02',"
    "  'https://x/peel.pdf', 1, 't', 'me');"
    "INSERT INTO hmicfrs_step VALUES(1, 1, 'invited', '2026-03-03', '', 't', 'me');"
    "INSERT INTO hmicfrs_response VALUES(1, 1, 1, 'Do better', 'We will', 't', 'me');"
    "INSERT INTO hmicfrs_publication VALUES(1, 1, '2026-04-20', '/hmicfrs/peel-2026', 't',"
    "  'me');"
    "INSERT INTO spend_version VALUES(1, 'force', '2024-03', 1, 't', 'me', NULL, 's.csv',"
    "  printf('%064d', 0), 1, 60000, 0, 1, 0, 0);"
    "INSERT INTO spend_item VALUES(1, 1, 'T1', '2024-03-04', 'Force', 'Acme', 60000, 'Fuel',"
    "  'Fleet', 'Diesel', 'Framework price', 0, 2, 0);"
    "INSERT INTO spend_change VALUES(1, 1, 'T1', 'added', '');"
    "INSERT INTO budget_version VALUES(1, 2025, 1, 100, 1, 't', 'cfo', NULL, 'b.csv',"
    "  printf('%064d', 0));"
    "INSERT INTO budget_line VALUES(1, 1, 1, 'Officer pay', 100, 2);"
    "INSERT INTO precept_step VALUES(1, 2025, 'proposed', '2025-01-24', 30015, NULL, NULL, '',"
    "  't', 'cfo');"
    "INSERT INTO mtfs_version VALUES(1, 2025, 2028, 1, 'MTFS', 'https://x/m.pdf', '2025-02-10',"
    "  NULL, 'm.csv', printf('%064d', 0), 't', 'cfo');"
    "INSERT INTO mtfs_year VALUES(1, 1, 2025, 100, 90, 2);"
    "INSERT INTO vault_binding VALUES(1, printf('%032d', 0), 't');"
    "INSERT INTO concern(id, ref, kind, channel, received_on, created_at, created_by)"
    "  VALUES(1, 'C-2026-0001', 'other', 'web', '2026-03-02', 't', 'me');"
    "INSERT INTO concern_event VALUES(1, 1, 'acknowledged', '2026-03-03', '', 't', 'me');"
    "INSERT INTO fund_programme VALUES(1, 'sf', 'Safety Fund', 'GB-GOV-X', 'PCC', '360G-x',"
    "  't', 'me');"
    "INSERT INTO fund_year VALUES(1, 1, '2024-25', 100000, 't', 'me');"
    "INSERT INTO fund_round(id, key, year_id, title, theme, specialist, opens_on, closes_on,"
    "  budget_pence, max_award_pence, threshold_bp, eligible_types, rules, missions, created_at,"
    "  created_by) VALUES(1, 'R1', 1, 'R', 'T', 0, '2024-05-01', '2024-05-31', 100000, 100000,"
    "  6500, '', '', '', 't', 'me');"
    "INSERT INTO fund_criterion VALUES(1, 1, 'need', 'Need', 1, 5);"
    "UPDATE fund_round SET opened_at = 't', opened_by = 'me';"
    "INSERT INTO fund_award VALUES(1, 1, 1, 'R', 'GB-CHC-1', 'T', 'D', 100, NULL, NULL, NULL,"
    "  0, '', '2024-06-01', 't', 'me', NULL);"
    "INSERT INTO grant_received_load VALUES(1, '2021-22', 'g.csv', printf('%064d', 0), 1, 100,"
    "  100, 't', 'me');"
    "INSERT INTO grant_received VALUES(1, 1, 2, 'MoJ', 'Victims', 100, '', NULL, NULL);"
    "INSERT INTO fund_application VALUES(1, 'A-AAAAAAAAAA', 1, 'O', 'charity', 'GB-CHC-1', 'P',"
    "  100, 'D', '', '', '', '', 't', 't', '2024-05-02', 1, 'ok');"
    "INSERT INTO fund_conflict VALUES(1, 1, 'bob', 'Trustee', 't');"
    "INSERT INTO fund_score VALUES(1, 1, 'amy', 1, 3, '', 't');"
    "INSERT INTO fund_moderation VALUES(1, 1, 1, 3, 'agreed', 'me', 't');"
    "INSERT INTO fund_allocation VALUES(1, 1, 'amy', 't', 'me');"
    "INSERT INTO register_entry VALUES(1, 'gifts', 'GH-1', 1, 0, 'A', 'PCC', '2026-03-02',"
    "  'gift', 'Pen', 'B', 1000, 0, 'declined', NULL, 't', 'me', 'g.csv', printf('%064d', 0), 2);"
    "INSERT INTO iopc_load VALUES(1, 'leicestershire', '2026-04', 1, '2026-04-01',"
    "  '2026-06-30', '', NULL, 1, 'i.csv', printf('%064d', 0), 't', 'me');"
    "INSERT INTO iopc_figure VALUES(1, 1, 2, 'cases_logged', '', '120', NULL, NULL, NULL, NULL);"
    "INSERT INTO investigation VALUES(1, 'CO/1/26', '2025-03-02', 'force', 't', 'me');"
    "INSERT INTO investigation_event VALUES(1, 1, 'reported', 1, '2026-03-10', 'progress',"
    "  't', 'me');"
    "INSERT INTO contract_version VALUES(1, 'C1', 1, 'contract', 'pcc', 'ocds-x-C1', 'Audit',"
    "  '', '', 'Acme', 'GB-COH-1', NULL, NULL, 1500000, NULL, '2025-04-01', NULL, NULL, 'open',"
    "  '', '', 2, 't', 'cfo', NULL, 'c.csv', printf('%064d', 0), 'Core budget', 'm1');"
    "INSERT INTO contract_copy VALUES(1, 'C1', printf('%064d', 0), 1, 't', 'cfo');"
    "INSERT INTO contract_redaction VALUES(1, 1, 1, 'Jo Bloggs');"
    "INSERT INTO fund_payment VALUES(1, 1, 1, '2024-07-01', 50, 'INV-1', NULL, 't', 'me');"
    "INSERT INTO fund_payment_reversal VALUES(1, '2024-07-02', 'Paid twice', 't', 'me');"
    "INSERT INTO fund_return VALUES(1, 1, 1, '2024-12-01', 'Six months', 1, 't', 'me');"
    "INSERT INTO fund_return_report VALUES(1, '2024-11-30', 'All of it', 'met', 't', 'me');"
    "INSERT INTO service_version VALUES(1, 'SV-1', 1, 'Victim care', 'Care CIC', '', '', '',"
    "  '', '2024-04-01', NULL, 100, NULL, 2, 't', 'me', NULL, 's.csv', printf('%064d', 0));"
    "INSERT INTO service_outcome VALUES(1, 1, 1, 'Coping', 30);"
    "INSERT INTO service_return VALUES(1, 'SV-1', '2024-25 Q1', 1, 5, 4, 2, 't', 'me', NULL,"
    "  'r.csv', printf('%064d', 0));"
    "INSERT INTO service_return_outcome VALUES(1, 1, 'Coping', 3);"
    "INSERT INTO letter_template VALUES(1, 'acknowledgement', 1, 'T', 'B', 't', 'me');"
    "INSERT INTO letter_draft VALUES(1, 1, 'acknowledgement', 1, 'text', 't', 'me');"
    "INSERT INTO iopc_year_load VALUES(1, 'leicestershire', '2025-04', 1, '2025-04-01',"
    "  '2026-03-31', '', NULL, 1, 'y.csv', printf('%064d', 0), 't', 'me');"
    "INSERT INTO iopc_year_figure VALUES(1, 1, 2, 'cases_logged', '', '480', NULL, NULL, NULL, "
    "NULL);"
    "INSERT INTO office_holder_contact VALUES(1, 'commissioner', 0, 'A Person', '1 High St',"
    "  '', '', '2026-05-09', 't', 'me');"
    "INSERT INTO concern_misdirected VALUES(1, 1, '2026-03-05', '2026-03-09', 'The IOPC', NULL,"
    "  NULL, '2026-04-03', 1, 4, 't', 'me');"
    "INSERT INTO complaints_report_text VALUES(1, '2025-26', 'summary', 1, 'A year.', 't', 'me');";

/* Every row of every table, as one text: what no refused statement may
 * change. */
static void contents(sqlite3 *db, struct buf *out)
{
    buf_reset(out);
    for (size_t t = 0; t < NTABLES; t++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[t]);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(st); c++)
                buf_printf(out, "%s|", (const char *)sqlite3_column_text(st, c));
        sqlite3_finalize(st);
        buf_putc(out, '\n');
    }
}

/* Runs sql on db, which must refuse it with "never". */
static void refuses(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        fail_msg("the store allowed: %s", sql);
    if (!msg || !strstr(msg, "never"))
        fail_msg("%s: refused, but not by the triggers: %s", sql, msg ? msg : "");
    sqlite3_free(msg);
}

static void every_table_refuses_every_change(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *db;
    struct store *s = fixture_store_open(dir, &db);
    assert_int_equal(sqlite3_exec(db, rows, NULL, NULL, NULL), SQLITE_OK);
    struct buf before = BUF_INIT, after = BUF_INIT;
    contents(db, &before);
    const char *const pragmas[] = {"PRAGMA recursive_triggers = OFF",
                                   "PRAGMA recursive_triggers = ON"};
    for (size_t p = 0; p < 2; p++) {
        assert_int_equal(sqlite3_exec(db, pragmas[p], NULL, NULL, NULL), SQLITE_OK);
        for (size_t t = 0; t < NTABLES; t++) {
            /* each: head TABLE [middle TABLE tail] */
            static const struct {
                const char *head, *middle, *tail;
            } forms[] = {
                {"UPDATE ", NULL, " SET rowid = rowid"},
                {"DELETE FROM ", NULL, ""},
                {"REPLACE INTO ", " SELECT * FROM ", ""},
                {"INSERT OR REPLACE INTO ", " SELECT * FROM ", ""},
                {"INSERT INTO ", " SELECT * FROM ", " WHERE true ON CONFLICT DO NOTHING"},
            };
            for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
                struct buf sql = BUF_INIT;
                buf_printf(&sql, "%s%s", forms[f].head, tables[t]);
                if (forms[f].middle)
                    buf_printf(&sql, "%s%s", forms[f].middle, tables[t]);
                buf_puts(&sql, forms[f].tail);
                refuses(db, sql.p);
                buf_free(&sql);
            }
        }
    }
    contents(db, &after);
    assert_string_equal(buf_str(&after), buf_str(&before));
    buf_free(&before);
    buf_free(&after);
    fixture_store_close(s, db, dir);
}

static void finished_rows_are_finished_once(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *db;
    struct store *s = fixture_store_open(dir, &db);
    assert_int_equal(sqlite3_exec(db, rows, NULL, NULL, NULL), SQLITE_OK);
    /* A revision, as metric_values.c makes one: stamp, insert, point. */
    const char *revise =
        "UPDATE metric_value SET replaced_at = 't2' WHERE id = 1;"
        "INSERT INTO metric_value(id, metric_key, period, period_kind,"
        "  period_start, value, load_id, line)"
        "  VALUES(2, 'k', '2023-04', 'month', 24279, 1.75, 1, 3);"
        "UPDATE metric_value SET replaced_at = 't3', replaced_by = 2 WHERE id = 1;";
    assert_int_equal(sqlite3_exec(db, revise, NULL, NULL, NULL), SQLITE_OK);
    refuses(db, "UPDATE metric_value SET replaced_by = NULL WHERE id = 1"); /* un-replaced */
    refuses(db, "UPDATE metric_value SET value = 9 WHERE id = 2");          /* rewritten */
    refuses(db, "UPDATE metric_value SET replaced_at = NULL WHERE id = 2");
    /* a second current value would replace the first through the partial index */
    refuses(db, "INSERT OR REPLACE INTO metric_value(metric_key, period, period_kind,"
                " period_start, value, load_id, line) VALUES('k', '2023-04', 'month', 24279, 9,"
                " 1, 9)");
    /* an import is finished once, when it ends */
    assert_int_equal(
        sqlite3_exec(db,
                     "INSERT INTO import_run(id, started_at, command)"
                     "  VALUES(2, 't', 'peel import');"
                     "UPDATE import_run SET finished_at = 't2', files = 3 WHERE id = 2",
                     NULL, NULL, NULL),
        SQLITE_OK);
    refuses(db, "UPDATE import_run SET files = 4 WHERE id = 2");
    /* a published HMICFRS response takes no further response */
    refuses(db, "INSERT INTO hmicfrs_response(report_id, number, recommendation, response,"
                " recorded_at, recorded_by) VALUES(1, 2, 'R', 'Later', 't', 'me')");
    refuses(db, "UPDATE import_run SET command = 'x', finished_at = 't' WHERE id = 1");
    fixture_store_close(s, db, dir);
}

static void note(void *arg, const char *check, const char *what)
{
    struct buf *b = arg;
    buf_printf(b, "%s: %s\n", check, what);
}

static void verify_finds_what_changed_behind_its_back(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    sqlite3 *db;
    struct store *s = fixture_store_open(dir, &db);
    struct publication_file files[] = {
        {"a.html", "", "alpha\n", 6},
        {"b.pdf", "", "beta", 4},
    };
    char ha[SHA256_HEX_SIZE], hb[SHA256_HEX_SIZE];
    sha256_of("alpha\n", 6, ha);
    sha256_of("beta", 4, hb);
    files[0].sha256 = ha;
    files[1].sha256 = hb;
    struct publication pub = {.kind = "governance", .period = "2023-03", .published_by = "me"};
    char whole[SHA256_HEX_SIZE];
    publication_hash(files, 2, whole);
    pub.sha256 = whole;
    struct buf err = BUF_INIT, seen = BUF_INIT;
    assert_int_equal(store_publish(s, &pub, files, 2, &err), 0);
    struct verify_counts n;
    assert_int_equal(store_verify(s, note, &seen, &n, &err), 0);
    assert_string_equal(buf_str(&seen), "");
    assert_int_equal(n.publications, 1);
    assert_int_equal(n.files, 2);
    assert_int_equal(n.bytes, 10);
    assert_int_equal(n.triggers, 3 * NTABLES);
    /* a byte changed, by someone who dropped the trigger first */
    assert_int_equal(sqlite3_exec(db,
                                  "DROP TRIGGER publication_file_kept;"
                                  "UPDATE publication_file SET bytes = CAST('Beta' AS BLOB)"
                                  " WHERE name = 'b.pdf'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(store_verify(s, note, &seen, &n, &err), 0);
    assert_int_equal(n.problems, 2);
    assert_non_null(strstr(buf_str(&seen), "sha256: governance/2023-03/v1/b.pdf: the stored bytes "
                                           "have SHA-256 "));
    assert_non_null(strstr(buf_str(&seen), "not "
                                           "f44e64e75f3948e9f73f8dfa94721c4ce8cbb4f265c4790c"
                                           "702b2d41cfbf2753 as recorded"));
    assert_non_null(strstr(buf_str(&seen), "triggers: trigger publication_file_kept is missing"));
    /* and what is read for the site is checked too */
    char sha[65];
    struct buf bytes = BUF_INIT;
    buf_reset(&err);
    assert_int_equal(
        store_publication_file_read(s, "governance", "2023-03", 1, "b.pdf", sha, &bytes, &err), -1);
    assert_non_null(strstr(buf_str(&err), "no longer have their recorded SHA-256"));
    assert_int_equal(bytes.len, 0); /* nothing to send */
    /* a file added to a version changes its whole hash */
    buf_reset(&seen);
    assert_int_equal(
        sqlite3_exec(db,
                     "DROP TRIGGER publication_file_not_replaced;"
                     "INSERT INTO publication_file VALUES(1, 'c.txt', "
                     "'d1f7d5a8c5e6f3b9a2b1d1a8a1c5b7e3f0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5',"
                     " x'00')",
                     NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(store_verify(s, note, &seen, &n, &err), 0);
    assert_non_null(strstr(buf_str(&seen), "governance/2023-03/v1: its files' names and hashes "
                                           "give "));
    assert_non_null(strstr(buf_str(&seen), "governance/2023-03/v1/c.txt: the stored bytes"));
    buf_free(&bytes);
    buf_free(&err);
    buf_free(&seen);
    fixture_store_close(s, db, dir);
}

static void a_version_is_withdrawn_once(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    char h[SHA256_HEX_SIZE], whole[SHA256_HEX_SIZE], at[32];
    sha256_of("x", 1, h);
    struct publication_file f = {"index.html", h, "x", 1};
    publication_hash(&f, 1, whole);
    struct publication pub = {.kind = "public", .period = "2023-03", .sha256 = whole};
    struct buf err = BUF_INIT, why = BUF_INIT;
    assert_int_equal(store_publish(s, &pub, &f, 1, &err), 0);
    assert_int_equal(store_publication_withdrawn(s, "public", "2023-03", 1, at, &why, &err), 0);
    assert_int_equal(store_publication_withdraw(s, "public", "2023-03", 2, "me", "why", &err), 1);
    assert_int_equal(store_publication_withdraw(s, "public", "2023-03", 1, "me", " ", &err), -1);
    assert_non_null(strstr(buf_str(&err), "CHECK constraint failed")); /* the store, too */
    assert_int_equal(store_publication_withdraw(s, "public", "2023-03", 1, "me", "why", &err), 0);
    assert_int_equal(store_publication_withdraw(s, "public", "2023-03", 1, "me", "again", &err), 2);
    assert_int_equal(store_publication_withdrawn(s, "public", "2023-03", 1, at, &why, &err), 1);
    assert_string_equal(buf_str(&why), "why");
    struct publication_head head;
    assert_true(store_publication_latest(s, "public", "2023-03", &head));
    assert_true(head.withdrawn);
    /* the record and the bytes stay */
    char sha[65];
    struct buf bytes = BUF_INIT;
    assert_int_equal(
        store_publication_file_read(s, "public", "2023-03", 1, "index.html", sha, &bytes, &err), 0);
    assert_string_equal(buf_str(&bytes), "x");
    buf_free(&bytes);
    buf_free(&why);
    buf_free(&err);
    fixture_store_close(s, NULL, dir);
}

/* A published file is read a part at a time: the parts are its bytes, in
 * order, each at most the size asked, the last one saying it is the last. */
static void a_published_file_is_read_in_parts(void **state)
{
    (void)state;
    char *dir = fixture_tmpdir();
    struct store *s = fixture_store_open(dir, NULL);
    size_t n = 150000; /* two full parts of 65,536 and one of 18,928 */
    char *body = malloc(n);
    assert_non_null(body);
    for (size_t i = 0; i < n; i++)
        body[i] = (char)(i * 7 + i / 251);
    char h[65], whole[65];
    sha256_of(body, n, h);
    struct publication_file f = {"report.pdf", h, body, n};
    publication_hash(&f, 1, whole);
    struct publication pub = {.kind = "governance", .period = "2023-03", .sha256 = whole};
    struct buf err = BUF_INIT, got = BUF_INIT;
    assert_int_equal(store_publish(s, &pub, &f, 1, &err), 0);
    struct store_file *file = NULL;
    char sha[65];
    assert_int_equal(
        store_publication_file_open(s, "governance", "2023-03", 1, "nothing.pdf", sha, &file, &err),
        1);
    assert_null(file);
    assert_int_equal(
        store_publication_file_open(s, "governance", "2023-03", 1, "report.pdf", sha, &file, &err),
        0);
    assert_string_equal(sha, h);
    assert_int_equal(store_file_size(file), (int64_t)n);
    int more[3];
    size_t after[3];
    for (int i = 0; i < 3; i++) {
        more[i] = store_file_read(file, &got, 65536, &err);
        after[i] = got.len;
    }
    assert_int_equal(more[0], 1);
    assert_int_equal(more[1], 1);
    assert_int_equal(more[2], 0);
    assert_int_equal(after[0], 65536);
    assert_int_equal(after[1], 131072);
    assert_int_equal(after[2], n);
    assert_memory_equal(got.p, body, n);
    assert_int_equal(store_file_read(file, &got, 65536, &err), 0); /* nothing left */
    assert_int_equal(got.len, n);
    store_file_close(file);
    free(body);
    buf_free(&got);
    buf_free(&err);
    fixture_store_close(s, NULL, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_table_refuses_every_change),
        cmocka_unit_test(finished_rows_are_finished_once),
        cmocka_unit_test(verify_finds_what_changed_behind_its_back),
        cmocka_unit_test(a_version_is_withdrawn_once),
        cmocka_unit_test(a_published_file_is_read_in_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
