/*
 * migrate.c - the schema, as numbered migrations.
 *
 * Migration N brings a database from user_version N-1 to N inside one
 * transaction. Never edit a migration that has shipped: add the next one.
 *
 * Shape of the data (see docs/store.md):
 *   source_file   one row per file name ever imported, with its latest counts
 *   slice         one (force, month, kind) and the file that last supplied it;
 *                 re-importing a slice replaces its rows as a whole
 *   crime, outcome, stop_search
 *                 every row of every file, column for column; repeated text
 *                 (forces, crime types, outcomes, LSOAs, street locations) is
 *                 interned in small tables, which makes rows a third the size
 *   quarantine    rows that could not be read, verbatim, with line and reason
 *   rollup_force, rollup_lsoa
 *                 crime counts kept at import time, so that every report is
 *                 answered without touching the crime table
 *   deferred_index
 *                 indexes a first load dropped, until built after its commit
 */
#include "model/outcomes.h"
#include "store/deferred_index.h"
#include "store/fund_internal.h"
#include "store/schema_image.h"
#include "store/store_internal.h"

#include <assert.h>
#include <string.h>

/* Every export blob goes when a row of an interned table a crime row
 * shows changes the columns named, or goes (migration 8). */
#define EXPORT_DROP_ALL(table, columns)                                                            \
    "CREATE TRIGGER export_" table "_update AFTER UPDATE OF " columns " ON " table                 \
    "  BEGIN DELETE FROM export_csv; END;"                                                         \
    "CREATE TRIGGER export_" table "_delete AFTER DELETE ON " table                                \
    "  BEGIN DELETE FROM export_csv; END;"

/* Deletes the CSV of every street slice with crimes in an LSOA of code
 * `code` for which `shown` holds (migration 21). The LSOA rollup listed
 * them: its ids were then the slice's times 2^32 plus a number, like the
 * crimes'. Since migration 42 it has no such ids, and the triggers find a
 * slice by force and month instead (EXPORT_DROP_LSOA_SLICES); this stays
 * for migration 21 as it ran. */
#define EXPORT_DROP_LSOA(code, shown)                                                              \
    "DELETE FROM export_csv WHERE slice_id IN (SELECT r.id >> 32 FROM lsoa l"                      \
    " JOIN rollup_lsoa r ON r.lsoa_id = l.id WHERE l.code = " code " AND l.code <> ''"             \
    " AND " shown ");"

/* The triggers on area that drop the CSV of the slices whose rows show
 * an LSOA's district (migration 20), with `drop` as EXPORT_DROP_LSOA. */
/* clang-format off */
#define EXPORT_AREA_TRIGGERS(drop)                                                                 \
    "CREATE TRIGGER export_area_insert AFTER INSERT ON area WHEN NEW.grouping = 'district'"        \
    "  BEGIN " drop("NEW.lsoa_code", "coalesce(l.district, '(unknown)') IS NOT NEW.value") " END;" \
    "CREATE TRIGGER export_area_delete AFTER DELETE ON area WHEN OLD.grouping = 'district'"        \
    "  BEGIN " drop("OLD.lsoa_code", "coalesce(l.district, '(unknown)') IS NOT OLD.value") " END;" \
    "CREATE TRIGGER export_area_update AFTER UPDATE ON area"                                       \
    "  WHEN OLD.grouping = 'district' OR NEW.grouping = 'district'"                                \
    "  BEGIN " drop("OLD.lsoa_code", "1") drop("NEW.lsoa_code", "1") " END;"
/* clang-format on */

/* An append-only table (migration 9): named TABLE_kept, TABLE_not_removed
 * and TABLE_not_replaced, the names migration 5 gave the first two for
 * publications, and listed in append_only_tables below for peel verify.
 * `taken` is true of an existing row that NEW would conflict with. */
#define NOT_REPLACED(table, taken, what)                                                           \
    "CREATE TRIGGER " table "_not_replaced BEFORE INSERT ON " table                                \
    "  WHEN EXISTS(SELECT 1 FROM " table " WHERE " taken ")"                                       \
    "  BEGIN SELECT RAISE(ABORT, '" what " is never replaced'); END;"
#define NOT_REMOVED(table, what)                                                                   \
    "CREATE TRIGGER " table "_not_removed BEFORE DELETE ON " table                                 \
    "  BEGIN SELECT RAISE(ABORT, '" what " is never removed'); END;"
#define APPEND_ONLY(table, taken, what)                                                            \
    "CREATE TRIGGER " table "_kept BEFORE UPDATE ON " table "  BEGIN SELECT RAISE(ABORT, '" what   \
    " never changes'); END;" NOT_REMOVED(table, what) NOT_REPLACED(table, taken, what)
/* The same, for a table whose rows are finished once: an UPDATE is refused
 * when `refused` is true of it. */
#define FINISHED_ONCE(table, refused, taken, what)                                                 \
    "CREATE TRIGGER " table "_kept BEFORE UPDATE ON " table " WHEN " refused                       \
    "  BEGIN SELECT RAISE(ABORT, '" what " never changes'); END;" NOT_REMOVED(table, what)         \
        NOT_REPLACED(table, taken, what)

/* 13: the decision register (issue 14; store/decisions.h, docs/staff.md).
 * Kept as one string so that it can be moved when the migrations of other
 * branches land: 11 (sessions) goes above it and 13 (clocks) below.
 *
 *   decision          one row per reference; what never changes about it
 *   decision_draft    the text while it is drafted: changed in place (each
 *                     change audited), frozen once version 1 is decided
 *   decision_version  every decided text, immutable; a correction or a
 *                     rescission is a new version naming the one it
 *                     corrects and why (the Openness of Local Government
 *                     Bodies Regulations 2014 reg. 7 fields, and more)
 *   decision_document supporting documents of a version, each public or not
 *   decision_signoff  the finance and monitoring officers' sign-offs
 *   decision_exempt   the exempt parts, kept apart: which field (or '*',
 *                     the whole decision), the text, the FOIA ground, when
 *                     it is to be reviewed and who approved it. No public
 *                     read of the store ever selects from it.
 *   decision_event    every move between states: who, when, why
 *   decision_fts      full text of PUBLISHED versions' public fields only
 *
 * A decision's state is its last event's (no second copy to disagree). */
/* clang-format off */
#define MIGRATION_DECISIONS                                                                         \
    "CREATE TABLE decision("                                                                      \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK(length(ref) BETWEEN 1 AND 40"                \
    "    AND ref NOT GLOB '*[^A-Za-z0-9/-]*'),"                                                   \
    "  type TEXT NOT NULL,"                                                                       \
    "  subject TEXT NOT NULL CHECK(length(trim(subject)) > 0),"                                   \
    "  planned_for TEXT CHECK(planned_for IS NULL OR date(planned_for) = planned_for),"           \
    "  created_at TEXT NOT NULL,"                                                                 \
    "  created_by TEXT NOT NULL);"                                                                \
    "CREATE TABLE decision_draft("                                                                \
    "  decision_id INTEGER PRIMARY KEY REFERENCES decision(id),"                                  \
    "  title TEXT NOT NULL, summary TEXT, background TEXT, decision TEXT, reasons TEXT,"          \
    "  alternatives TEXT, conflicts TEXT, amount_pence INTEGER CHECK(amount_pence >= 0),"         \
    "  budget_line TEXT, financial TEXT, legal TEXT, equality TEXT, lead_officer TEXT,"           \
    "  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);"                                      \
    "CREATE TABLE decision_version("                                                              \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  decision_id INTEGER NOT NULL REFERENCES decision(id),"                                     \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  decided_on TEXT NOT NULL CHECK(date(decided_on) = decided_on),"                            \
    "  title TEXT NOT NULL CHECK(length(trim(title)) > 0),"                                       \
    "  summary TEXT, background TEXT,"                                                            \
    "  decision TEXT NOT NULL CHECK(length(trim(decision)) > 0),"                                 \
    "  reasons TEXT, alternatives TEXT, conflicts TEXT,"                                          \
    "  amount_pence INTEGER CHECK(amount_pence >= 0), budget_line TEXT, financial TEXT,"          \
    "  legal TEXT, equality TEXT, lead_officer TEXT,"                                             \
    "  decided_by TEXT NOT NULL,"        /* a username, or the name an import gave */            \
    "  decided_role TEXT REFERENCES role(name),"  /* NULL: imported, not recorded */              \
    "  recorded_at TEXT NOT NULL,"                                                                \
    "  recorded_by TEXT NOT NULL,"                                                                \
    "  corrects INTEGER REFERENCES decision_version(id),"                                         \
    "  reason TEXT,"                                                                              \
    "  UNIQUE(decision_id, version),"                                                             \
    "  CHECK((version = 1) = (corrects IS NULL)),"                                                \
    "  CHECK(corrects IS NULL OR length(trim(reason)) > 0));"                                     \
    "CREATE TABLE decision_document("                                                             \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  version_id INTEGER NOT NULL REFERENCES decision_version(id),"                              \
    "  name TEXT NOT NULL CHECK(length(trim(name)) > 0),"                                         \
    "  url TEXT,"                                                                                 \
    "  sha256 TEXT CHECK(sha256 IS NULL OR (length(sha256) = 64"                                  \
    "    AND sha256 NOT GLOB '*[^0-9a-f]*')),"                                                    \
    "  public INTEGER NOT NULL CHECK(public IN (0, 1)),"                                          \
    "  CHECK(url IS NOT NULL OR sha256 IS NOT NULL),"                                             \
    "  UNIQUE(version_id, name));"                                                                \
    "CREATE TABLE decision_signoff("                                                              \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  decision_id INTEGER NOT NULL REFERENCES decision(id),"                                     \
    "  kind TEXT NOT NULL CHECK(kind IN ('finance', 'monitoring')),"                              \
    "  signed_by TEXT NOT NULL, role TEXT NOT NULL REFERENCES role(name),"                        \
    "  signed_at TEXT NOT NULL, note TEXT);"                                                      \
    "CREATE TABLE decision_exempt("                                                               \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  decision_id INTEGER NOT NULL REFERENCES decision(id),"                                     \
    "  field TEXT NOT NULL,"            /* a version field's name, or '*': all of it */           \
    "  text TEXT,"                                                                                \
    "  ground TEXT NOT NULL,"           /* a FOIA section, model/decision.h */                    \
    "  review_on TEXT CHECK(review_on IS NULL OR date(review_on) = review_on),"                   \
    "  approved_by TEXT NOT NULL, approved_at TEXT NOT NULL);"                                    \
    "CREATE TABLE decision_event("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  decision_id INTEGER NOT NULL REFERENCES decision(id),"                                     \
    "  from_state TEXT, to_state TEXT NOT NULL,"                                                  \
    "  version_id INTEGER REFERENCES decision_version(id),"                                       \
    "  at TEXT NOT NULL, by_user TEXT NOT NULL, why TEXT);"                                       \
    "CREATE INDEX decision_event_by_decision ON decision_event(decision_id, id);"                 \
    "CREATE INDEX decision_version_by_decision ON decision_version(decision_id, version);"        \
    "CREATE INDEX decision_exempt_by_decision ON decision_exempt(decision_id);"                   \
    "CREATE INDEX decision_signoff_by_decision ON decision_signoff(decision_id);"                 \
    "CREATE VIRTUAL TABLE decision_fts USING fts5(title, summary, decision, reasons, subject,"    \
    "  tokenize = 'porter unicode61');"                                                           \
    /* A draft is frozen once its decision is decided. */                                         \
    "CREATE TRIGGER decision_draft_frozen BEFORE UPDATE ON decision_draft"                        \
    "  WHEN EXISTS(SELECT 1 FROM decision_version WHERE decision_id = OLD.decision_id)"           \
    "  BEGIN SELECT RAISE(ABORT, 'a decided decision''s draft never changes'); END;"              \
    "CREATE TRIGGER decision_draft_kept BEFORE DELETE ON decision_draft"                          \
    "  BEGIN SELECT RAISE(ABORT, 'a draft is never removed'); END;"                               \
    APPEND_ONLY("decision_version", "rowid = NEW.rowid OR (decision_id = NEW.decision_id"         \
                " AND version = NEW.version)", "a decided version")                               \
    APPEND_ONLY("decision_document", "rowid = NEW.rowid OR (version_id = NEW.version_id"          \
                " AND name = NEW.name)", "a decision document")                                 \
    APPEND_ONLY("decision_signoff", "rowid = NEW.rowid", "a sign-off")                            \
    APPEND_ONLY("decision_exempt", "rowid = NEW.rowid", "an exempt part")                         \
    APPEND_ONLY("decision_event", "rowid = NEW.rowid", "a decision event")
/* clang-format on */

/* 17: the transparency calendar and HMICFRS reports (issue 17;
 * store/transparency.h, store/hmicfrs.h, docs/transparency.md). Kept as
 * one string so that it can be moved when other branches' migrations
 * land.
 *
 *   transparency_load         each load of the calendar's file, kept
 *   transparency_item         its items, per load; the latest load is used
 *   transparency_publication  an item published: when, where, what period
 *   transparency_event        an item's change or event: a due date starts
 *   hmicfrs_report            a report about the force, its s.55 clock
 *   hmicfrs_step              the chief constable invited to comment, and
 *                             the comments received
 *   hmicfrs_response          the response to each recommendation; the
 *                             latest per number is current until published
 *   hmicfrs_publication       the response published: no response follows
 */
/* clang-format off */
#define DATE_CHECK(col) "CHECK(" col " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"
/* transparency_item's columns, with the registers its register column may
 * name: migration 23 widens them by rebuilding the table. */
#define TRANSPARENCY_ITEM_COLUMNS(registers)                                                      \
    "  id INTEGER PRIMARY KEY," \
    "  load_id INTEGER NOT NULL REFERENCES transparency_load(id)," \
    "  position INTEGER NOT NULL," \
    "  key TEXT NOT NULL CHECK(length(key) BETWEEN 1 AND 40 AND key GLOB '[a-z]*'" \
    "    AND key NOT GLOB '*[^a-z0-9-]*')," \
    "  title TEXT NOT NULL CHECK(length(trim(title)) > 0)," \
    "  source TEXT NOT NULL CHECK(length(trim(source)) > 0)," \
    "  publisher TEXT NOT NULL CHECK(length(trim(publisher)) > 0)," \
    "  kind TEXT NOT NULL CHECK(kind IN ('before-year', 'monthly', 'quarterly', 'annual'," \
    "    'on-change', 'event'))," \
    "  days INTEGER NOT NULL CHECK(days BETWEEN 0 AND 366)," \
    "  basis TEXT NOT NULL CHECK(basis IN ('calendar', 'working'))," \
    "  path TEXT NOT NULL CHECK(path = '' OR path GLOB '/*')," \
    "  register TEXT NOT NULL CHECK(register IN (" registers "))," \
    "  note TEXT NOT NULL," \
    "  UNIQUE(load_id, key), UNIQUE(load_id, position)"
#define MIGRATION_TRANSPARENCY                                                                    \
    "CREATE TABLE transparency_load("                                                             \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  sha256 TEXT NOT NULL CHECK(length(sha256) = 64),"                                          \
    "  path TEXT NOT NULL,"                                                                       \
    "  items INTEGER NOT NULL CHECK(items BETWEEN 1 AND 200),"                                    \
    "  loaded_at TEXT NOT NULL, loaded_by TEXT NOT NULL);"                                        \
    "CREATE TABLE transparency_item(" TRANSPARENCY_ITEM_COLUMNS("'', 'decisions', 'hmicfrs', 'spend'") ");" \
    "CREATE TABLE transparency_publication("                                                      \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  item TEXT NOT NULL,"                                                                       \
    "  published_on TEXT NOT NULL " DATE_CHECK("published_on") ","                               \
    "  period TEXT CHECK(period IS NULL OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),"       \
    "  url TEXT NOT NULL CHECK(length(url) BETWEEN 1 AND 500),"                                   \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    "CREATE INDEX transparency_publication_item ON transparency_publication(item, id);"           \
    "CREATE TABLE transparency_event("                                                            \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  item TEXT NOT NULL,"                                                                       \
    "  happened_on TEXT NOT NULL " DATE_CHECK("happened_on") ","                                  \
    "  what TEXT NOT NULL CHECK(length(trim(what)) BETWEEN 1 AND 500),"                           \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    "CREATE INDEX transparency_event_item ON transparency_event(item, id);"                       \
    "CREATE TABLE hmicfrs_report("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL UNIQUE CHECK(length(ref) BETWEEN 1 AND 40 AND ref GLOB '[a-z0-9]*'"     \
    "    AND ref NOT GLOB '*[^a-z0-9-]*'),"                                                       \
    "  title TEXT NOT NULL CHECK(length(trim(title)) BETWEEN 1 AND 300),"                         \
    "  published_on TEXT NOT NULL " DATE_CHECK("published_on") ","                                \
    "  url TEXT NOT NULL CHECK(length(url) BETWEEN 1 AND 500),"                                   \
    "  clock_id INTEGER NOT NULL REFERENCES clock(id),"                                           \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    "CREATE TABLE hmicfrs_step("                                                                  \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  report_id INTEGER NOT NULL REFERENCES hmicfrs_report(id),"                                 \
    "  kind TEXT NOT NULL CHECK(kind IN ('invited', 'comments')),"                                \
    "  happened_on TEXT NOT NULL " DATE_CHECK("happened_on") ","                                  \
    "  note TEXT NOT NULL CHECK(length(note) <= 5000),"                                           \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    "CREATE TABLE hmicfrs_response("                                                              \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  report_id INTEGER NOT NULL REFERENCES hmicfrs_report(id),"                                 \
    "  number INTEGER NOT NULL CHECK(number BETWEEN 1 AND 999),"                                  \
    "  recommendation TEXT NOT NULL CHECK(length(trim(recommendation)) BETWEEN 1 AND 5000),"      \
    "  response TEXT NOT NULL CHECK(length(trim(response)) BETWEEN 1 AND 20000),"                 \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    "CREATE INDEX hmicfrs_response_report ON hmicfrs_response(report_id, number, id);"            \
    "CREATE TABLE hmicfrs_publication("                                                           \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  report_id INTEGER NOT NULL UNIQUE REFERENCES hmicfrs_report(id),"                          \
    "  published_on TEXT NOT NULL " DATE_CHECK("published_on") ","                                \
    "  url TEXT NOT NULL CHECK(length(url) BETWEEN 1 AND 500),"                                   \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    /* a published response is final: nothing is added to it */                                   \
    "CREATE TRIGGER hmicfrs_response_published BEFORE INSERT ON hmicfrs_response"                 \
    "  WHEN EXISTS(SELECT 1 FROM hmicfrs_publication WHERE report_id = NEW.report_id)"            \
    "  BEGIN SELECT RAISE(ABORT, 'a published response never changes'); END;"                     \
    APPEND_ONLY("transparency_load", "rowid = NEW.rowid", "a transparency calendar load")        \
    APPEND_ONLY("transparency_item", "rowid = NEW.rowid OR (load_id = NEW.load_id"                \
                " AND (key = NEW.key OR position = NEW.position))", "a transparency item")        \
    APPEND_ONLY("transparency_publication", "rowid = NEW.rowid", "a transparency publication")   \
    APPEND_ONLY("transparency_event", "rowid = NEW.rowid", "a transparency event")               \
    APPEND_ONLY("hmicfrs_report", "rowid = NEW.rowid OR ref = NEW.ref", "an HMICFRS report")      \
    APPEND_ONLY("hmicfrs_step", "rowid = NEW.rowid", "an HMICFRS step")                           \
    APPEND_ONLY("hmicfrs_response", "rowid = NEW.rowid", "an HMICFRS response")                   \
    APPEND_ONLY("hmicfrs_publication", "rowid = NEW.rowid OR report_id = NEW.report_id",          \
                "a published HMICFRS response")
/* clang-format on */

/* 18: the spend register (issue 17; store/spend.h, docs/spend.md). Kept
 * as one string, like 13, so that it can be moved when other branches'
 * migrations land.
 *
 *   spend_version  a month of one body (pcc or force) as published:
 *                  its counts, total, the file it came from, and (from
 *                  version 2) the reason it replaced the one before
 *   spend_item     the items of a version, the supplier already redacted
 *                  where it names an individual
 *   spend_change   what a version changed against the one before, by
 *                  transaction number
 *
 * All three are append-only: a published month never changes; a
 * correction is a new version. */
/* clang-format off */
#define MIGRATION_SPEND                                                                           \
    "CREATE TABLE spend_version("                                                                 \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  body TEXT NOT NULL CHECK(body IN ('pcc', 'force')),"                                       \
    "  month TEXT NOT NULL CHECK(length(month) = 7 AND date(month || '-01') IS NOT NULL),"        \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  published_at TEXT NOT NULL, published_by TEXT NOT NULL,"                                   \
    "  reason TEXT CHECK(version = 1 OR length(reason) > 0),"                                     \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  file_sha256 TEXT NOT NULL CHECK(length(file_sha256) = 64),"                                \
    "  items INTEGER NOT NULL, total_pence INTEGER NOT NULL, redacted INTEGER NOT NULL,"           \
    "  added INTEGER NOT NULL, removed INTEGER NOT NULL, changed INTEGER NOT NULL,"               \
    "  UNIQUE(body, month, version));"                                                            \
    "CREATE TABLE spend_item("                                                                    \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  version_id INTEGER NOT NULL REFERENCES spend_version(id),"                                 \
    "  txn TEXT NOT NULL,"                                                                        \
    "  paid_on TEXT NOT NULL CHECK(date(paid_on) = paid_on),"                                     \
    "  body_name TEXT NOT NULL, supplier TEXT NOT NULL, amount_pence INTEGER NOT NULL,"           \
    "  expense_type TEXT NOT NULL, service_area TEXT NOT NULL, purpose TEXT NOT NULL,"            \
    "  vfm TEXT NOT NULL, redacted INTEGER NOT NULL CHECK(redacted IN (0, 1)),"                   \
    "  line INTEGER NOT NULL,"                                                                    \
    "  UNIQUE(version_id, txn));"                                                                 \
    "CREATE TABLE spend_change("                                                                  \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  version_id INTEGER NOT NULL REFERENCES spend_version(id),"                                 \
    "  txn TEXT NOT NULL,"                                                                        \
    "  kind TEXT NOT NULL CHECK(kind IN ('added', 'removed', 'changed')),"                        \
    "  fields TEXT NOT NULL,"                                                                     \
    "  UNIQUE(version_id, txn));"                                                                 \
    APPEND_ONLY("spend_version", "rowid = NEW.rowid OR (body = NEW.body AND month = NEW.month"    \
                " AND version = NEW.version)", "a published month of spend")                     \
    APPEND_ONLY("spend_item", "rowid = NEW.rowid OR (version_id = NEW.version_id"                 \
                " AND txn = NEW.txn)", "a published item of spend")                              \
    APPEND_ONLY("spend_change", "rowid = NEW.rowid OR (version_id = NEW.version_id"               \
                " AND txn = NEW.txn)", "a published change of spend")
/* clang-format on */

/* 23: the budget register (issue 17; store/budget.h, docs/budget.md). Kept
 * as one string, like 18, so that it can be moved when other branches'
 * migrations land.
 *
 *   transparency_item  rebuilt, so that an item may be kept by the budget
 *                   register (its triggers made again)
 *   budget_version  a financial year's budget as published: its total,
 *                   the file it came from, and (from version 2) why it
 *                   replaced the one before
 *   budget_line     its headings and amounts, in the file's order
 *   precept_step    the precept's timetable, one step a row: opened,
 *                   proposed to the Panel, the Panel's report (veto or
 *                   not), revised, issued; Band D and the precept
 *   mtfs_version    a medium-term financial strategy as published, for a
 *                   run of financial years; a correction is a new version
 *   mtfs_year       its figures for each year: the budget requirement,
 *                   the funding, and so the gap
 *
 * All five are append-only: what is published never changes. */
/* The registers of interests, gifts and hospitality, and senior salaries
 * (issue 17 part 3; store/registers.h, docs/registers.md). Kept as one
 * string, like the budget's, so that it can be moved when other branches'
 * migrations land.
 *
 *   transparency_item  rebuilt, so that an item may be kept by these
 *                   registers (its triggers made again)
 *   register_entry  every version of every entry of the three registers:
 *                   version 1 as recorded, each correction the next with
 *                   its reason, a withdrawal the last (its text emptied:
 *                   the public stub). Append-only; a version is the next
 *                   of its entry, and nothing follows a withdrawal. */
/* clang-format off */
#define MIGRATION_REGISTERS                                                                       \
    "CREATE TABLE transparency_item_v29(" TRANSPARENCY_ITEM_COLUMNS(                              \
        "'', 'decisions', 'hmicfrs', 'spend', 'budget', 'interests', 'gifts', 'salaries'") ");"    \
    "INSERT INTO transparency_item_v29 SELECT * FROM transparency_item;"                          \
    "DROP TABLE transparency_item;"                                                               \
    "ALTER TABLE transparency_item_v29 RENAME TO transparency_item;"                              \
    APPEND_ONLY("transparency_item", "rowid = NEW.rowid OR (load_id = NEW.load_id"                \
                " AND (key = NEW.key OR position = NEW.position))", "a transparency item")        \
    "CREATE TABLE register_entry("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  kind TEXT NOT NULL CHECK(kind IN ('interests', 'gifts', 'salaries')),"                     \
    "  ref TEXT NOT NULL CHECK(length(ref) BETWEEN 1 AND 40"                                      \
    "    AND ref NOT GLOB '*[^A-Za-z0-9./_-]*'),"                                                 \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  withdrawn INTEGER NOT NULL CHECK(withdrawn IN (0, 1)),"                                    \
    "  holder TEXT NOT NULL CHECK(length(holder) <= 2000),"                                       \
    "  post TEXT NOT NULL CHECK(length(post) <= 2000),"                                           \
    "  on_date TEXT NOT NULL " DATE_CHECK("on_date") ","                                          \
    "  category TEXT NOT NULL CHECK(length(category) <= 40),"                                     \
    "  details TEXT NOT NULL CHECK(length(details) <= 2000),"                                     \
    "  donor TEXT NOT NULL CHECK(length(donor) <= 2000),"                                         \
    "  value_pence INTEGER NOT NULL CHECK(value_pence >= 0),"                                     \
    "  allowances_pence INTEGER NOT NULL CHECK(allowances_pence >= 0),"                           \
    "  outcome TEXT NOT NULL CHECK(outcome IN ('', 'accepted', 'declined')),"                     \
    "  reason TEXT CHECK(version = 1 OR length(trim(reason)) > 0),"                               \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,"                                     \
    "  file_name TEXT,"                                                                           \
    "  file_sha256 TEXT CHECK(file_sha256 IS NULL OR length(file_sha256) = 64),"                  \
    "  line INTEGER NOT NULL,"                                                                    \
    "  CHECK(withdrawn = 0 OR (version > 1 AND holder = '' AND details = '')),"                   \
    "  UNIQUE(kind, ref, version));"                                                              \
    "CREATE TRIGGER register_entry_in_turn BEFORE INSERT ON register_entry"                       \
    "  WHEN NEW.version <> 1 + coalesce((SELECT max(version) FROM register_entry"                 \
    "    WHERE kind = NEW.kind AND ref = NEW.ref), 0)"                                            \
    "    OR EXISTS(SELECT 1 FROM register_entry WHERE kind = NEW.kind AND ref = NEW.ref"          \
    "    AND withdrawn = 1)"                                                                      \
    "  BEGIN SELECT RAISE(ABORT, 'a register entry is the next version of one not withdrawn');"   \
    "  END;"                                                                                      \
    APPEND_ONLY("register_entry", "rowid = NEW.rowid OR (kind = NEW.kind AND ref = NEW.ref"       \
                " AND version = NEW.version)", "a register entry")
/* clang-format on */

/* clang-format off */
#define MIGRATION_BUDGET                                                                          \
    "CREATE TABLE transparency_item_v20(" TRANSPARENCY_ITEM_COLUMNS(                              \
        "'', 'decisions', 'hmicfrs', 'spend', 'budget'") ");"                                      \
    "INSERT INTO transparency_item_v20 SELECT * FROM transparency_item;"                          \
    "DROP TABLE transparency_item;"                                                               \
    "ALTER TABLE transparency_item_v20 RENAME TO transparency_item;"                              \
    APPEND_ONLY("transparency_item", "rowid = NEW.rowid OR (load_id = NEW.load_id"                \
                " AND (key = NEW.key OR position = NEW.position))", "a transparency item")        \
    "CREATE TABLE budget_version("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  fy INTEGER NOT NULL CHECK(fy BETWEEN 2000 AND 2100),"                                      \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  total_pence INTEGER NOT NULL, lines INTEGER NOT NULL CHECK(lines >= 1),"                   \
    "  published_at TEXT NOT NULL, published_by TEXT NOT NULL,"                                   \
    "  reason TEXT CHECK(version = 1 OR length(trim(reason)) > 0),"                               \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  file_sha256 TEXT NOT NULL CHECK(length(file_sha256) = 64),"                                \
    "  UNIQUE(fy, version));"                                                                     \
    "CREATE TABLE budget_line("                                                                   \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  version_id INTEGER NOT NULL REFERENCES budget_version(id),"                                \
    "  position INTEGER NOT NULL,"                                                                \
    "  heading TEXT NOT NULL CHECK(length(trim(heading)) BETWEEN 1 AND 200),"                     \
    "  amount_pence INTEGER NOT NULL, line INTEGER NOT NULL,"                                     \
    "  UNIQUE(version_id, position), UNIQUE(version_id, heading));"                               \
    "CREATE TABLE precept_step("                                                                  \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  fy INTEGER NOT NULL CHECK(fy BETWEEN 2000 AND 2100),"                                      \
    "  kind TEXT NOT NULL CHECK(kind IN ('opened', 'proposed', 'panel-report', 'revised',"       \
    "    'issued')),"                                                                             \
    "  happened_on TEXT NOT NULL " DATE_CHECK("happened_on") ","                                  \
    "  band_d_pence INTEGER CHECK(band_d_pence IS NULL OR band_d_pence > 0),"                     \
    "  precept_pence INTEGER CHECK(precept_pence IS NULL OR precept_pence > 0),"                  \
    "  veto INTEGER CHECK(veto IS NULL OR veto IN (0, 1)),"                                       \
    "  note TEXT NOT NULL CHECK(length(note) <= 2000),"                                           \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,"                                     \
    "  UNIQUE(fy, kind));"                                                                        \
    "CREATE TABLE mtfs_version("                                                                  \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  first_fy INTEGER NOT NULL CHECK(first_fy BETWEEN 2000 AND 2100),"                          \
    "  last_fy INTEGER NOT NULL CHECK(last_fy BETWEEN first_fy AND first_fy + 9),"                \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  title TEXT NOT NULL CHECK(length(trim(title)) BETWEEN 1 AND 300),"                         \
    "  url TEXT NOT NULL CHECK(length(url) BETWEEN 1 AND 500),"                                   \
    "  published_on TEXT NOT NULL " DATE_CHECK("published_on") ","                                \
    "  reason TEXT CHECK(version = 1 OR length(trim(reason)) > 0),"                               \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  file_sha256 TEXT NOT NULL CHECK(length(file_sha256) = 64),"                                \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,"                                     \
    "  UNIQUE(first_fy, last_fy, version));"                                                      \
    "CREATE TABLE mtfs_year("                                                                     \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  version_id INTEGER NOT NULL REFERENCES mtfs_version(id),"                                  \
    "  fy INTEGER NOT NULL,"                                                                      \
    "  requirement_pence INTEGER NOT NULL, funding_pence INTEGER NOT NULL,"                       \
    "  line INTEGER NOT NULL,"                                                                    \
    "  UNIQUE(version_id, fy));"                                                                  \
    APPEND_ONLY("budget_version", "rowid = NEW.rowid OR (fy = NEW.fy AND version = NEW.version)", \
                "a published budget")                                                             \
    APPEND_ONLY("budget_line", "rowid = NEW.rowid OR (version_id = NEW.version_id"                \
                " AND (position = NEW.position OR heading = NEW.heading))",                       \
                "a published budget line")                                                        \
    APPEND_ONLY("precept_step", "rowid = NEW.rowid OR (fy = NEW.fy AND kind = NEW.kind)",         \
                "a step of the precept")                                                          \
    APPEND_ONLY("mtfs_version", "rowid = NEW.rowid OR (first_fy = NEW.first_fy"                   \
                " AND last_fy = NEW.last_fy AND version = NEW.version)",                          \
                "a published medium-term financial strategy")                                     \
    APPEND_ONLY("mtfs_year", "rowid = NEW.rowid OR (version_id = NEW.version_id"                  \
                " AND fy = NEW.fy)", "a year of a medium-term financial strategy")
/* The Commissioner's Safety Fund (issue 18; store/fund.h, docs/fund.md).
 *
 *   fund_programme  a fund (the Safety Fund, People Zones) and who funds it
 *                   as 360Giving names them; fund_year its budget for one
 *                   financial year; fund_round a round of that year: theme,
 *                   dates, budget, the most one award may be, who may apply
 *                   and the plan missions it serves; fund_cofunder the
 *                   partners' shares of a round; fund_criterion its rubric
 *                   (weighted criteria) and fund_round.threshold_bp the
 *                   score (in hundredths of a percent) an award needs.
 *   fund_award      an award: recipient, its org-id, amount, where, which
 *                   priority, conditions; drafted as the round's decision
 *                   (FUND/KEY) in the decision register.
 *
 * A round is set up, then opened (opened_at), and from then on it, its
 * rubric, its threshold and its co-funders never change: LLR chose its
 * threshold after marking (research note, section 0), Peel fixes it first.
 * An award is refused, here in the database whoever writes it, unless its
 * round is open, it is at most the round's maximum, and the round's and
 * the year's awards with it stay within their budgets. Writers hold the
 * write lock (BEGIN IMMEDIATE) from the sums to the insert, so two awards
 * racing are one after the other. Awards never change. */
/* clang-format off */
#define FUND_FROZEN(table, round)                                                                  \
    "CREATE TRIGGER " table "_frozen_insert BEFORE INSERT ON " table                              \
    "  WHEN (SELECT opened_at FROM fund_round WHERE id = NEW." round ") IS NOT NULL"                \
    "  BEGIN SELECT RAISE(ABORT, 'an open round never changes'); END;"                              \
    "CREATE TRIGGER " table "_frozen_update BEFORE UPDATE ON " table                              \
    "  WHEN (SELECT opened_at FROM fund_round WHERE id = OLD." round ") IS NOT NULL"                \
    "    OR (SELECT opened_at FROM fund_round WHERE id = NEW." round ") IS NOT NULL"               \
    "  BEGIN SELECT RAISE(ABORT, 'an open round never changes'); END;"                              \
    "CREATE TRIGGER " table "_frozen_delete BEFORE DELETE ON " table                              \
    "  WHEN (SELECT opened_at FROM fund_round WHERE id = OLD." round ") IS NOT NULL"                \
    "  BEGIN SELECT RAISE(ABORT, 'an open round never changes'); END;"
#define MIGRATION_FUND                                                                             \
    "CREATE TABLE fund_programme("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  key TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK(length(key) BETWEEN 1 AND 30"                \
    "    AND key NOT GLOB '*[^A-Za-z0-9-]*'),"                                                    \
    "  title TEXT NOT NULL CHECK(length(trim(title)) > 0),"                                       \
    "  funder_id TEXT NOT NULL CHECK(length(funder_id) > 0),"                                     \
    "  funder_name TEXT NOT NULL CHECK(length(trim(funder_name)) > 0),"                           \
    "  prefix TEXT NOT NULL CHECK(prefix GLOB '360G-?*'),"                                        \
    "  created_at TEXT NOT NULL, created_by TEXT NOT NULL);"                                      \
    "CREATE TABLE fund_year("                                                                     \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  programme_id INTEGER NOT NULL REFERENCES fund_programme(id),"                              \
    "  fy TEXT NOT NULL CHECK(fy GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),"                        \
    "  budget_pence INTEGER NOT NULL CHECK(budget_pence > 0),"                                    \
    "  created_at TEXT NOT NULL, created_by TEXT NOT NULL,"                                       \
    "  UNIQUE(programme_id, fy));"                                                                \
    "CREATE TABLE fund_round("                                                                    \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  key TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK(length(key) BETWEEN 1 AND 30"                \
    "    AND key NOT GLOB '*[^A-Za-z0-9-]*'),"                                                    \
    "  year_id INTEGER NOT NULL REFERENCES fund_year(id),"                                        \
    "  title TEXT NOT NULL CHECK(length(trim(title)) > 0),"                                       \
    "  theme TEXT NOT NULL CHECK(length(trim(theme)) > 0),"                                       \
    "  specialist INTEGER NOT NULL CHECK(specialist IN (0, 1)),"                                  \
    "  opens_on TEXT NOT NULL CHECK(date(opens_on) = opens_on),"                                  \
    "  closes_on TEXT NOT NULL CHECK(date(closes_on) = closes_on AND closes_on > opens_on),"      \
    "  budget_pence INTEGER NOT NULL CHECK(budget_pence > 0),"                                    \
    "  max_award_pence INTEGER NOT NULL CHECK(max_award_pence > 0"                                \
    "    AND max_award_pence <= budget_pence),"                                                   \
    "  threshold_bp INTEGER CHECK(threshold_bp BETWEEN 0 AND 10000),"                             \
    "  eligible_types TEXT NOT NULL,"  /* "charity,cio,cic,...": model/fund.h */                 \
    "  rules TEXT NOT NULL,"           /* the eligibility rules in words, for applicants */       \
    "  missions TEXT NOT NULL,"        /* the plan missions served: "m1,m2" */                    \
    "  opened_at TEXT, opened_by TEXT CHECK((opened_at IS NULL) = (opened_by IS NULL)),"          \
    "  created_at TEXT NOT NULL, created_by TEXT NOT NULL);"                                      \
    "CREATE TABLE fund_cofunder("                                                                 \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  round_id INTEGER NOT NULL REFERENCES fund_round(id),"                                      \
    "  funder TEXT NOT NULL CHECK(length(trim(funder)) > 0),"                                     \
    "  share_pence INTEGER NOT NULL CHECK(share_pence > 0),"                                      \
    "  UNIQUE(round_id, funder));"                                                                \
    "CREATE TABLE fund_criterion("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  round_id INTEGER NOT NULL REFERENCES fund_round(id),"                                      \
    "  key TEXT NOT NULL CHECK(length(key) BETWEEN 1 AND 30 AND key NOT GLOB '*[^a-z0-9-]*'),"    \
    "  title TEXT NOT NULL CHECK(length(trim(title)) > 0),"                                       \
    "  weight INTEGER NOT NULL CHECK(weight BETWEEN 1 AND 100),"                                  \
    "  max_score INTEGER NOT NULL CHECK(max_score BETWEEN 1 AND 100),"                            \
    "  UNIQUE(round_id, key));"                                                                   \
    "CREATE TABLE fund_award("                                                                    \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  round_id INTEGER NOT NULL REFERENCES fund_round(id),"                                      \
    "  number INTEGER NOT NULL CHECK(number >= 1),"                                               \
    "  recipient TEXT NOT NULL CHECK(length(trim(recipient)) > 0),"                               \
    "  org_id TEXT NOT NULL CHECK(org_id GLOB '[A-Z][A-Z]-[A-Z]*-?*'),"                           \
    "  title TEXT NOT NULL CHECK(length(trim(title)) > 0),"                                       \
    "  description TEXT NOT NULL CHECK(length(trim(description)) > 0),"                           \
    "  amount_pence INTEGER NOT NULL CHECK(amount_pence > 0),"                                    \
    "  district TEXT, csp_code TEXT, priority TEXT,"                                              \
    "  sensitive INTEGER NOT NULL CHECK(sensitive IN (0, 1)),"                                    \
    "  conditions TEXT NOT NULL,"                                                                 \
    "  awarded_on TEXT NOT NULL CHECK(date(awarded_on) = awarded_on),"                            \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,"                                     \
    "  UNIQUE(round_id, number));"                                                                \
    "CREATE INDEX fund_award_round ON fund_award(round_id);"                                      \
    "CREATE INDEX fund_round_year ON fund_round(year_id);"                                        \
    APPEND_ONLY("fund_programme", "rowid = NEW.rowid OR key = NEW.key", "a fund programme")      \
    APPEND_ONLY("fund_year", "rowid = NEW.rowid OR (programme_id = NEW.programme_id"             \
                " AND fy = NEW.fy)", "a fund year")                                              \
    APPEND_ONLY("fund_award", "rowid = NEW.rowid OR (round_id = NEW.round_id"                    \
                " AND number = NEW.number)", "an award")                                         \
    /* a round changes only before it opens; it opens with a rubric and a  \
     * threshold; it is never removed */                                                          \
    "CREATE TRIGGER fund_round_kept BEFORE UPDATE ON fund_round WHEN OLD.opened_at IS NOT NULL"  \
    "  BEGIN SELECT RAISE(ABORT, 'an open round never changes'); END;"                            \
    "CREATE TRIGGER fund_round_opens BEFORE UPDATE OF opened_at ON fund_round"                    \
    "  WHEN NEW.opened_at IS NOT NULL AND (NEW.threshold_bp IS NULL"                               \
    "    OR NOT EXISTS(SELECT 1 FROM fund_criterion WHERE round_id = NEW.id))"                     \
    "  BEGIN SELECT RAISE(ABORT, 'a round opens with its rubric and threshold'); END;"            \
    "CREATE TRIGGER fund_round_opened_new BEFORE INSERT ON fund_round"                            \
    "  WHEN NEW.opened_at IS NOT NULL"                                                            \
    "  BEGIN SELECT RAISE(ABORT, 'a round opens with its rubric and threshold'); END;"            \
    NOT_REMOVED("fund_round", "a fund round")                                                     \
    NOT_REPLACED("fund_round", "rowid = NEW.rowid OR key = NEW.key", "a fund round")              \
    FUND_FROZEN("fund_criterion", "round_id")                                                     \
    FUND_FROZEN("fund_cofunder", "round_id")                                                      \
    /* the budget invariant, against any writer */                                                \
    "CREATE TRIGGER fund_award_budget BEFORE INSERT ON fund_award"                                \
    "  WHEN (SELECT opened_at FROM fund_round WHERE id = NEW.round_id) IS NULL"                   \
    "  OR NEW.amount_pence > (SELECT max_award_pence FROM fund_round WHERE id = NEW.round_id)"     \
    "  OR NEW.amount_pence + (SELECT coalesce(sum(amount_pence), 0) FROM fund_award"               \
    "    WHERE round_id = NEW.round_id)"                                                          \
    "    > (SELECT budget_pence FROM fund_round WHERE id = NEW.round_id)"                          \
    "  OR NEW.amount_pence + (SELECT coalesce(sum(a.amount_pence), 0) FROM fund_award a"           \
    "    JOIN fund_round r ON r.id = a.round_id"                                                  \
    "    WHERE r.year_id = (SELECT year_id FROM fund_round WHERE id = NEW.round_id))"              \
    "    > (SELECT y.budget_pence FROM fund_year y JOIN fund_round r ON r.year_id = y.id"          \
    "    WHERE r.id = NEW.round_id)"                                                              \
    "  BEGIN SELECT RAISE(ABORT, 'an award beyond its round, its maximum or a budget'); END;"
/* clang-format on */

/* Grants the Office receives (issue 18; store/grants_received.h): each
 * file loaded is a grant_received_load with its SHA-256, the total it
 * stated and the total of its lines (which must be equal: the importer
 * refuses a file that does not add up), and its lines; both append-only.
 * A line's reporting date to its funder is a clock (clock_id). */
/* clang-format off */
#define MIGRATION_GRANTS_RECEIVED                                                                  \
    "CREATE TABLE grant_received_load("                                                           \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  fy TEXT NOT NULL CHECK(fy GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),"                        \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  sha256 TEXT NOT NULL CHECK(length(sha256) = 64),"                                          \
    "  lines INTEGER NOT NULL CHECK(lines >= 1),"                                                 \
    "  stated_total_pence INTEGER NOT NULL,"                                                      \
    "  total_pence INTEGER NOT NULL CHECK(total_pence = stated_total_pence),"                     \
    "  loaded_at TEXT NOT NULL, loaded_by TEXT NOT NULL);"                                        \
    "CREATE TABLE grant_received("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  load_id INTEGER NOT NULL REFERENCES grant_received_load(id),"                              \
    "  line INTEGER NOT NULL,"                                                                    \
    "  funder TEXT NOT NULL CHECK(length(trim(funder)) > 0),"                                     \
    "  purpose TEXT NOT NULL CHECK(length(trim(purpose)) > 0),"                                   \
    "  amount_pence INTEGER NOT NULL,"                                                            \
    "  conditions TEXT NOT NULL,"                                                                 \
    "  report_on TEXT CHECK(report_on IS NULL OR date(report_on) = report_on),"                   \
    "  clock_id INTEGER REFERENCES clock(id),"                                                    \
    "  UNIQUE(load_id, line));"                                                                   \
    APPEND_ONLY("grant_received_load", "rowid = NEW.rowid", "a load of grants received")         \
    APPEND_ONLY("grant_received", "rowid = NEW.rowid OR (load_id = NEW.load_id"                  \
                " AND line = NEW.line)", "a grant received")
/* clang-format on */

/* Applications to a round and their assessment (issue 18; store/
 * fund_apply.h). An application is a draft, changed in place by its
 * reference until it is submitted (then never again); its eligibility is
 * checked and recorded, with the reasons, when it is submitted. The
 * applicant's contact person (name, email, phone) is personal data: it is
 * never in these tables but in the vault (store/vault.h), under subject
 * "applicant:REF". Assessors declare conflicts and score each criterion of
 * the round's rubric; a conflicted assessor's score is refused by the
 * database. Moderation records the agreed score of a criterion and why it
 * moved. Conflicts, scores and moderations are append-only. */
/* clang-format off */
#define MIGRATION_FUND_APPLICATIONS                                                                \
    "CREATE TABLE fund_application("                                                              \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL UNIQUE CHECK(ref GLOB 'A-[A-Z0-9]*' AND length(ref) = 12),"              \
    "  round_id INTEGER NOT NULL REFERENCES fund_round(id),"                                      \
    "  org_name TEXT NOT NULL, org_type TEXT NOT NULL, org_id TEXT NOT NULL,"                     \
    "  project TEXT NOT NULL, amount_pence INTEGER NOT NULL CHECK(amount_pence >= 0),"            \
    "  district TEXT NOT NULL, csp_code TEXT NOT NULL, priorities TEXT NOT NULL,"                 \
    "  outcomes TEXT NOT NULL, budget_lines TEXT NOT NULL,"                                       \
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"                                       \
    "  submitted_on TEXT CHECK(submitted_on IS NULL OR date(submitted_on) = submitted_on),"       \
    "  eligible INTEGER CHECK((submitted_on IS NULL) = (eligible IS NULL)),"                      \
    "  reasons TEXT);"                                                                            \
    "CREATE TRIGGER fund_application_kept BEFORE UPDATE ON fund_application"                      \
    "  WHEN OLD.submitted_on IS NOT NULL"                                                         \
    "  BEGIN SELECT RAISE(ABORT, 'a submitted application never changes'); END;"                  \
    NOT_REMOVED("fund_application", "an application")                                             \
    NOT_REPLACED("fund_application", "rowid = NEW.rowid OR ref = NEW.ref", "an application")      \
    "CREATE TABLE fund_conflict("                                                                 \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  application_id INTEGER NOT NULL REFERENCES fund_application(id),"                          \
    "  assessor TEXT NOT NULL,"                                                                   \
    "  nature TEXT NOT NULL CHECK(length(trim(nature)) > 0),"                                     \
    "  declared_at TEXT NOT NULL,"                                                                \
    "  UNIQUE(application_id, assessor));"                                                        \
    "CREATE TABLE fund_score("                                                                    \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  application_id INTEGER NOT NULL REFERENCES fund_application(id),"                          \
    "  assessor TEXT NOT NULL,"                                                                   \
    "  criterion_id INTEGER NOT NULL REFERENCES fund_criterion(id),"                              \
    "  score INTEGER NOT NULL CHECK(score >= 0),"                                                 \
    "  comment TEXT NOT NULL,"                                                                    \
    "  scored_at TEXT NOT NULL,"                                                                  \
    "  UNIQUE(application_id, assessor, criterion_id));"                                          \
    "CREATE TABLE fund_moderation("                                                               \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  application_id INTEGER NOT NULL REFERENCES fund_application(id),"                          \
    "  criterion_id INTEGER NOT NULL REFERENCES fund_criterion(id),"                              \
    "  score INTEGER NOT NULL CHECK(score >= 0),"                                                 \
    "  reason TEXT NOT NULL CHECK(length(trim(reason)) > 0),"                                     \
    "  moderated_by TEXT NOT NULL, moderated_at TEXT NOT NULL,"                                   \
    "  UNIQUE(application_id, criterion_id));"                                                    \
    APPEND_ONLY("fund_conflict", "rowid = NEW.rowid OR (application_id = NEW.application_id"      \
                " AND assessor = NEW.assessor)", "a declared conflict")                          \
    APPEND_ONLY("fund_score", "rowid = NEW.rowid OR (application_id = NEW.application_id"         \
                " AND assessor = NEW.assessor AND criterion_id = NEW.criterion_id)", "a score")   \
    APPEND_ONLY("fund_moderation", "rowid = NEW.rowid OR (application_id = NEW.application_id"    \
                " AND criterion_id = NEW.criterion_id)", "a moderated score")                    \
    /* a conflicted assessor never scores; a score is of a submitted,      \
     * eligible application, on its own round's rubric, within the top */                        \
    "CREATE TRIGGER fund_score_allowed BEFORE INSERT ON fund_score"                               \
    "  WHEN EXISTS(SELECT 1 FROM fund_conflict WHERE application_id = NEW.application_id"         \
    "    AND assessor = NEW.assessor)"                                                            \
    "  BEGIN SELECT RAISE(ABORT, 'an assessor with a declared conflict never scores'); END;"      \
    "CREATE TRIGGER fund_score_in_rubric BEFORE INSERT ON fund_score"                             \
    "  WHEN NOT EXISTS(SELECT 1 FROM fund_criterion c JOIN fund_application a"                    \
    "    ON a.round_id = c.round_id WHERE c.id = NEW.criterion_id AND a.id = NEW.application_id"  \
    "    AND a.eligible = 1 AND NEW.score <= c.max_score)"                                        \
    "  BEGIN SELECT RAISE(ABORT, 'a score is of an eligible application, within its rubric'); END;" \
    "CREATE TRIGGER fund_moderation_in_rubric BEFORE INSERT ON fund_moderation"                   \
    "  WHEN NOT EXISTS(SELECT 1 FROM fund_criterion c JOIN fund_application a"                    \
    "    ON a.round_id = c.round_id WHERE c.id = NEW.criterion_id AND a.id = NEW.application_id"  \
    "    AND NEW.score <= c.max_score)"                                                           \
    "  BEGIN SELECT RAISE(ABORT, 'a score is of an eligible application, within its rubric'); END;"
/* clang-format on */

/* The IOPC's figures for one span (store/iopc.h): the loads, keyed by
 * their period's first month (`key`, matching `glob`), and their figures;
 * both append-only. Migration 30 makes the quarters', 34 the years'. */
/* clang-format off */
#define IOPC_TABLES(load, figure, key, glob, what)                                                \
    "CREATE TABLE " load "("                                                                      \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  force TEXT NOT NULL CHECK(length(force) BETWEEN 1 AND 60),"                                \
    "  " key " TEXT NOT NULL CHECK(" key " GLOB '" glob "'),"                                     \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  from_on TEXT NOT NULL " DATE_CHECK("from_on") ","                                          \
    "  to_on TEXT NOT NULL " DATE_CHECK("to_on") ","                                              \
    "  url TEXT NOT NULL CHECK(length(url) <= 500),"                                              \
    "  reason TEXT CHECK(version = 1 OR length(trim(reason)) > 0),"                               \
    "  figures INTEGER NOT NULL CHECK(figures >= 1),"                                             \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  file_sha256 TEXT NOT NULL CHECK(length(file_sha256) = 64),"                                \
    "  loaded_at TEXT NOT NULL, loaded_by TEXT NOT NULL,"                                         \
    "  UNIQUE(" key ", version));"                                                                \
    "CREATE TABLE " figure "("                                                                    \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  load_id INTEGER NOT NULL REFERENCES " load "(id),"                                         \
    "  line INTEGER NOT NULL,"                                                                    \
    "  measure TEXT NOT NULL,"                                                                    \
    "  breakdown TEXT NOT NULL CHECK(length(breakdown) <= 120),"                                  \
    "  value TEXT NOT NULL, last_year TEXT, similar_forces TEXT, england_and_wales TEXT,"          \
    "  UNIQUE(load_id, measure, breakdown));"                                                     \
    APPEND_ONLY(load, "rowid = NEW.rowid OR (" key " = NEW." key                                 \
                " AND version = NEW.version)", what)                                              \
    APPEND_ONLY(figure, "rowid = NEW.rowid OR (load_id = NEW.load_id"                             \
                " AND measure = NEW.measure AND breakdown = NEW.breakdown)",                      \
                "a published IOPC figure")
/* clang-format on */

/* Letters drafted from templates (issue 19; store/letters.h,
 * docs/concerns.md).
 *
 *   letter_template  a template loaded from a file: each load the next
 *                    version of its name (a name never loaded is the
 *                    shipped template, version 0)
 *   letter_draft     a letter drafted for a case: the template and its
 *                    version, the format, when and by whom; never the
 *                    letter, which holds personal data
 *
 * Both are append-only. */
/* clang-format off */
#define MIGRATION_LETTERS                                                                         \
    "CREATE TABLE letter_template("                                                               \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  name TEXT NOT NULL CHECK(length(name) BETWEEN 1 AND 40"                                    \
    "    AND name NOT GLOB '*[^a-z0-9-]*'),"                                                      \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  title TEXT NOT NULL CHECK(length(title) BETWEEN 1 AND 200),"                               \
    "  body TEXT NOT NULL CHECK(length(body) BETWEEN 1 AND 20000),"                               \
    "  loaded_at TEXT NOT NULL, loaded_by TEXT NOT NULL,"                                         \
    "  UNIQUE(name, version));"                                                                   \
    "CREATE TABLE letter_draft("                                                                  \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  concern_id INTEGER NOT NULL REFERENCES concern(id),"                                       \
    "  template TEXT NOT NULL,"                                                                   \
    "  template_version INTEGER NOT NULL CHECK(template_version >= 0),"                           \
    "  format TEXT NOT NULL CHECK(format IN ('preview', 'text', 'html')),"                        \
    "  drafted_at TEXT NOT NULL, drafted_by TEXT NOT NULL);"                                      \
    "CREATE INDEX letter_draft_case ON letter_draft(concern_id, id);"                             \
    APPEND_ONLY("letter_template", "rowid = NEW.rowid OR (name = NEW.name"                        \
                " AND version = NEW.version)", "a letter template")                               \
    APPEND_ONLY("letter_draft", "rowid = NEW.rowid", "a drafted letter")
/* The IOPC's annual statistics for the force (Order 7C(a); store/iopc.h):
 * as iopc_load and iopc_figure, by financial year (its first month). */
#define MIGRATION_IOPC_ANNUAL                                                                     \
    IOPC_TABLES("iopc_year_load", "iopc_year_figure", "year", "[0-9][0-9][0-9][0-9]-04",          \
                "a published year of IOPC figures")
/* The LSOA rollup clustered as it is read (issue 16): one row per (LSOA,
 * crime type, month, force, outcome), in that order and without a rowid,
 * so that an area's counts are one range of the table already in crime
 * type and month order (store/area_counts.h reads one area at a time), and
 * a question about a district or an LSOA reads no second index. The
 * outcome stays in the key rather than positive counts becoming columns:
 * the outcome mapping is code, synced into the store on every open
 * (store_migrate), so whether an outcome is positive is looked up when
 * counts are read. A slice's rows are no longer a range of ids: the
 * importer deletes them by the keys of the slice's crimes, and the area
 * triggers find an LSOA's slices by force and month. The old rows are
 * copied in LSOA order (its index) so that the new B-tree fills in order;
 * cells written in parts (ROLLUP_MAX_CELLS) are added together. */
#define EXPORT_DROP_LSOA_SLICES(code, shown)                                                      \
    "DELETE FROM export_csv WHERE slice_id IN (SELECT sl.id FROM lsoa l"                          \
    " JOIN rollup_lsoa r ON r.lsoa_id = l.id JOIN slice sl ON sl.force_id = r.force_id"           \
    " AND sl.month = r.month AND sl.kind = 'street' WHERE l.code = " code " AND l.code <> ''"     \
    " AND " shown ");"
#define MIGRATION_ROLLUP_LSOA_CLUSTERED                                                           \
    "DROP TRIGGER export_area_insert;"                                                            \
    "DROP TRIGGER export_area_update;"                                                            \
    "DROP TRIGGER export_area_delete;"                                                            \
    "ALTER TABLE rollup_lsoa RENAME TO rollup_lsoa_old;"                                          \
    "CREATE TABLE rollup_lsoa("                                                                   \
    "  lsoa_id INTEGER,"                                                                          \
    "  crime_type_id INTEGER,"                                                                    \
    "  month INTEGER,"                                                                            \
    "  force_id INTEGER,"                                                                         \
    "  outcome_id INTEGER,"                                                                       \
    "  n INTEGER,"                                                                                \
    "  PRIMARY KEY(lsoa_id, crime_type_id, month, force_id, outcome_id)) WITHOUT ROWID;"          \
    "INSERT INTO rollup_lsoa(lsoa_id, crime_type_id, month, force_id, outcome_id, n)"             \
    "  SELECT lsoa_id, crime_type_id, month, force_id, outcome_id, n FROM rollup_lsoa_old"        \
    "  ORDER BY lsoa_id ON CONFLICT DO UPDATE SET n = n + excluded.n;"                            \
    "DROP TABLE rollup_lsoa_old;"                                                                 \
    EXPORT_AREA_TRIGGERS(EXPORT_DROP_LSOA_SLICES)
/* clang-format on */

/* clang-format off */
#define MIGRATION_ROLLUP_LSOA_PACKED                                                              \
    "DROP TRIGGER export_area_insert;"                                                            \
    "DROP TRIGGER export_area_update;"                                                            \
    "DROP TRIGGER export_area_delete;"                                                            \
    "CREATE TABLE rollup_lsoa_packed("                                                            \
    "  lsoa_id INTEGER,"                                                                          \
    "  month INTEGER,"                                                                            \
    "  force_id INTEGER,"                                                                         \
    "  n INTEGER NOT NULL,"                                                                       \
    "  cells BLOB NOT NULL,"                                                                      \
    "  PRIMARY KEY(lsoa_id, month, force_id)) WITHOUT ROWID;"                                     \
    "INSERT INTO rollup_lsoa_packed(lsoa_id, month, force_id, n, cells)"                          \
    "  SELECT lsoa_id, month, force_id, sum(n), rollup_cells_pack(crime_type_id, outcome_id, n)"  \
    "  FROM rollup_lsoa GROUP BY lsoa_id, month, force_id ORDER BY lsoa_id, month, force_id;"     \
    "DROP TABLE rollup_lsoa;"                                                                     \
    "ALTER TABLE rollup_lsoa_packed RENAME TO rollup_lsoa;"                                       \
    EXPORT_AREA_TRIGGERS(EXPORT_DROP_LSOA_SLICES)                                                 \
    "CREATE VIEW rollup_lsoa_cell AS SELECT r.lsoa_id AS lsoa_id,"                                \
    "  c.crime_type_id AS crime_type_id, r.month AS month, r.force_id AS force_id,"               \
    "  c.outcome_id AS outcome_id, c.n AS n FROM rollup_lsoa r, rollup_cells(r.cells) c;"
/* clang-format on */

/* Migration 58: crime and outcome without the generated columns slice_id
 * and line. Each is a VIRTUAL column, stored nowhere, yet SQLite computes
 * every generated column of a row it inserts: without them, storing a
 * second month's crimes takes 13.5% fewer instructions, and the writing
 * thread 8.2% fewer (callgrind, bench/README.md, stop 39). A row's slice
 * is its id >> 32 and its line id & 4294967295, as every other reader of
 * an id already writes it. The two views that named the columns are made
 * again without them, street_row still showing each row's line; dropping
 * a VIRTUAL column rewrites no row, and SQLite refuses the drop while a
 * view names it (a view of a user's own naming them would stop the
 * migration, which then rolls back: docs/store.md). stop_search keeps its
 * two columns: its rows are few. */
/* clang-format off */
#define MIGRATION_NO_GENERATED_IDS                                                                \
    "DROP VIEW street_row;"                                                                       \
    "DROP VIEW crime_outcome;"                                                                    \
    "ALTER TABLE crime DROP COLUMN line;"                                                         \
    "ALTER TABLE crime DROP COLUMN slice_id;"                                                     \
    "ALTER TABLE outcome DROP COLUMN line;"                                                       \
    "ALTER TABLE outcome DROP COLUMN slice_id;"                                                   \
    "CREATE VIEW street_row AS SELECT"                                                            \
    "  c.id AS id, sf.name AS file, c.id & 4294967295 AS line,"                                   \
    "  CASE WHEN typeof(c.crime_id) = 'blob' THEN lower(hex(c.crime_id))"                         \
    "       ELSE c.crime_id END AS \"Crime ID\","                                                  \
    "  printf('%04d-%02d', s.month / 12, s.month % 12 + 1) AS \"Month\","                         \
    "  f.name AS \"Reported by\", fw.name AS \"Falls within\","                                    \
    "  " COORD_TEXT("c.longitude") " AS \"Longitude\","                                           \
    "  " COORD_TEXT("c.latitude") " AS \"Latitude\","                                             \
    "  loc.text AS \"Location\", l.code AS \"LSOA code\", l.name AS \"LSOA name\","                \
    "  ct.name AS \"Crime type\", oc.name AS \"Last outcome category\","                           \
    "  coalesce(c.context, '') AS \"Context\""                                                     \
    "  FROM crime c JOIN slice s ON s.id = c.id >> 32 JOIN source_file sf ON sf.id = s.file_id"   \
    "  JOIN force f ON f.id = s.force_id JOIN force fw ON fw.id = c.falls_within_id"              \
    "  JOIN location loc ON loc.id = c.location_id JOIN lsoa l ON l.id = c.lsoa_id"               \
    "  JOIN crime_type ct ON ct.id = c.crime_type_id"                                             \
    "  JOIN outcome_category oc ON oc.id = c.outcome_id;"                                         \
    "CREATE VIEW crime_outcome AS SELECT"                                                         \
    "  c.id AS crime_row, o.id AS outcome_row, c.crime_id AS crime_id,"                           \
    "  s.month AS crime_month, os.month AS outcome_month,"                                        \
    "  c.crime_type_id AS crime_type_id, o.outcome_id AS outcome_id"                              \
    "  FROM crime c JOIN slice s ON s.id = c.id >> 32"                                            \
    "  JOIN outcome o ON o.crime_id = c.crime_id JOIN slice os ON os.id = o.id >> 32;"
/* clang-format on */

/* Migration 57: crime and outcome rebuilt WITHOUT ROWID. Each table is
 * copied into a temporary table (a file: store_migrate), dropped, made
 * again in its new form and filled from the copy, in the order copied
 * (by id, the old table's own order, so no sort; the new table appends
 * fastest in it): it takes the pages the old one freed. The copy needs
 * room in the temporary directory for both tables (SQLITE_TMPDIR, else
 * /var/tmp or /tmp). Copied straight into a new
 * table beside the old, the 48-month archive's store (4.39 GB) grew to
 * 5.89 GB, a quarter of it free pages. Dropping a table drops its triggers
 * and indexes, made again after; the views that name the tables
 * (street_row, crime_outcome) find the new ones by name. */
/* clang-format off */
#define CRIME_COLUMNS_57                                                                          \
    "id, crime_id, falls_within_id, longitude, latitude, location_id, lsoa_id, crime_type_id,"    \
    " outcome_id, context"
#define OUTCOME_COLUMNS_57                                                                        \
    "id, crime_id, falls_within_id, longitude, latitude, location_id, lsoa_id, outcome_id"
#define MIGRATION_WITHOUT_ROWID                                                                   \
    "CREATE TEMP TABLE crime_57 AS SELECT " CRIME_COLUMNS_57 " FROM crime ORDER BY id;"          \
    "DROP TABLE crime;"                                                                           \
    "CREATE TABLE crime("                                                                         \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  slice_id INTEGER AS (id >> 32) VIRTUAL,"                                                   \
    "  line INTEGER AS (id & 4294967295) VIRTUAL,"                                                \
    "  crime_id BLOB,"                                                                            \
    "  falls_within_id INTEGER,"                                                                  \
    "  longitude BLOB,"                                                                           \
    "  latitude BLOB,"                                                                            \
    "  location_id INTEGER,"                                                                      \
    "  lsoa_id INTEGER,"                                                                          \
    "  crime_type_id INTEGER,"                                                                    \
    "  outcome_id INTEGER,"                                                                       \
    "  context TEXT) WITHOUT ROWID;"                                                              \
    "INSERT INTO crime(" CRIME_COLUMNS_57 ") SELECT " CRIME_COLUMNS_57 " FROM temp.crime_57;"     \
    "DROP TABLE temp.crime_57;"                                                                   \
    "CREATE TRIGGER export_crime_delete AFTER DELETE ON crime"                                    \
    "  BEGIN DELETE FROM export_csv WHERE slice_id = OLD.id >> 32; END;"                          \
    "CREATE TRIGGER export_crime_update AFTER UPDATE ON crime"                                    \
    "  BEGIN DELETE FROM export_csv WHERE slice_id IN (OLD.id >> 32, NEW.id >> 32); END;"         \
    "CREATE TEMP TABLE outcome_57 AS SELECT " OUTCOME_COLUMNS_57 " FROM outcome ORDER BY id;"     \
    "DROP TABLE outcome;"                                                                         \
    "CREATE TABLE outcome("                                                                       \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  slice_id INTEGER AS (id >> 32) VIRTUAL,"                                                   \
    "  line INTEGER AS (id & 4294967295) VIRTUAL,"                                                \
    "  crime_id BLOB NOT NULL,"                                                                   \
    "  falls_within_id INTEGER NOT NULL,"                                                         \
    "  longitude BLOB,"                                                                           \
    "  latitude BLOB,"                                                                            \
    "  location_id INTEGER NOT NULL,"                                                             \
    "  lsoa_id INTEGER NOT NULL,"                                                                 \
    "  outcome_id INTEGER NOT NULL) WITHOUT ROWID;"                                               \
    "INSERT INTO outcome(" OUTCOME_COLUMNS_57 ") SELECT " OUTCOME_COLUMNS_57                      \
    "  FROM temp.outcome_57;"                                                                     \
    "DROP TABLE temp.outcome_57;"                                                                 \
    "CREATE INDEX outcome_crime_id ON outcome(crime_id);"
/* clang-format on */

/* Migration 59: crime and outcome rowid tables again, keyed by the same id
 * (the INTEGER PRIMARY KEY is the rowid). Migration 57 made them WITHOUT
 * ROWID because SQLite seeks every explicit rowid from the root, to check
 * that it is new; but a rowid SQLite picks itself (the largest plus one)
 * needs no seek, the cursor staying on the last row, and a full last page
 * splits cheaply (balance_quick) where an index B-tree's append balances
 * its last pages again and again. An import's ids mostly are the largest
 * plus one (store/import.c, insert_batch), so it lets SQLite pick them:
 * a second month's crimes took 1.515 G instructions to store against
 * 2.020 G, the writing thread 2.957 G against 3.465 G (callgrind,
 * bench/README.md, stop 41). The steps are
 * migration 57's: each table copied into a temporary one in id order,
 * dropped, made again, filled from the copy (it takes the pages the old
 * one freed), its triggers and index made again. */
/* clang-format off */
#define CRIME_COLUMNS_59                                                                          \
    "id, crime_id, falls_within_id, longitude, latitude, location_id, lsoa_id, crime_type_id,"    \
    " outcome_id, context"
#define OUTCOME_COLUMNS_59                                                                        \
    "id, crime_id, falls_within_id, longitude, latitude, location_id, lsoa_id, outcome_id"
#define MIGRATION_ROWID                                                                           \
    "CREATE TEMP TABLE crime_59 AS SELECT " CRIME_COLUMNS_59 " FROM crime ORDER BY id;"          \
    "DROP TABLE crime;"                                                                           \
    "CREATE TABLE crime("                                                                         \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  crime_id BLOB,"                                                                            \
    "  falls_within_id INTEGER,"                                                                  \
    "  longitude BLOB,"                                                                           \
    "  latitude BLOB,"                                                                            \
    "  location_id INTEGER,"                                                                      \
    "  lsoa_id INTEGER,"                                                                          \
    "  crime_type_id INTEGER,"                                                                    \
    "  outcome_id INTEGER,"                                                                       \
    "  context TEXT);"                                                                            \
    "INSERT INTO crime(" CRIME_COLUMNS_59 ") SELECT " CRIME_COLUMNS_59 " FROM temp.crime_59;"     \
    "DROP TABLE temp.crime_59;"                                                                   \
    "CREATE TRIGGER export_crime_delete AFTER DELETE ON crime"                                    \
    "  BEGIN DELETE FROM export_csv WHERE slice_id = OLD.id >> 32; END;"                          \
    "CREATE TRIGGER export_crime_update AFTER UPDATE ON crime"                                    \
    "  BEGIN DELETE FROM export_csv WHERE slice_id IN (OLD.id >> 32, NEW.id >> 32); END;"         \
    "CREATE TEMP TABLE outcome_59 AS SELECT " OUTCOME_COLUMNS_59 " FROM outcome ORDER BY id;"     \
    "DROP TABLE outcome;"                                                                         \
    "CREATE TABLE outcome("                                                                       \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  crime_id BLOB NOT NULL,"                                                                   \
    "  falls_within_id INTEGER NOT NULL,"                                                         \
    "  longitude BLOB,"                                                                           \
    "  latitude BLOB,"                                                                            \
    "  location_id INTEGER NOT NULL,"                                                             \
    "  lsoa_id INTEGER NOT NULL,"                                                                 \
    "  outcome_id INTEGER NOT NULL);"                                                             \
    "INSERT INTO outcome(" OUTCOME_COLUMNS_59 ") SELECT " OUTCOME_COLUMNS_59                      \
    "  FROM temp.outcome_59;"                                                                     \
    "DROP TABLE temp.outcome_59;"                                                                 \
    "CREATE INDEX outcome_crime_id ON outcome(crime_id);"
/* clang-format on */

/* Spells with wrong bodies and letters as PDF (issue 19; store/concerns.h,
 * store/letters.h, docs/concerns.md).
 *
 *   concern_misdirected  each spell a review application spent with a
 *                   wrong body (sent, forwarded, which body), or the
 *                   withdrawal of one recorded in error (with why), each
 *                   with the review window worked out after it; the spell
 *                   a case was recorded with (in concern) copied in, its
 *                   body not having been asked for
 *   letter_draft    rebuilt so that a letter may be drafted as PDF
 *
 * Both append-only. */
/* clang-format off */
#define MIGRATION_MISDIRECTED                                                                     \
    "CREATE TABLE concern_misdirected("                                                           \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  concern_id INTEGER NOT NULL REFERENCES concern(id),"                                       \
    "  sent_on TEXT CHECK(sent_on IS NULL OR date(sent_on) = sent_on),"                           \
    "  forwarded_on TEXT CHECK(forwarded_on IS NULL OR (date(forwarded_on) = forwarded_on"        \
    "    AND forwarded_on > sent_on)),"                                                           \
    "  body TEXT CHECK(body IS NULL OR length(trim(body)) BETWEEN 1 AND 120),"                    \
    "  withdraws INTEGER UNIQUE REFERENCES concern_misdirected(id),"                              \
    "  reason TEXT CHECK(reason IS NULL OR length(trim(reason)) BETWEEN 1 AND 5000),"             \
    "  review_due TEXT CHECK(review_due IS NULL OR date(review_due) = review_due),"               \
    "  in_time INTEGER NOT NULL CHECK(in_time IN (0, 1)),"                                        \
    "  left_out INTEGER NOT NULL CHECK(left_out >= 0),"                                           \
    "  at TEXT NOT NULL, actor TEXT NOT NULL,"                                                    \
    "  CHECK((withdraws IS NULL) = (sent_on IS NOT NULL AND body IS NOT NULL)),"                  \
    "  CHECK((withdraws IS NULL) = (reason IS NULL)));"                                           \
    "CREATE INDEX concern_misdirected_case ON concern_misdirected(concern_id, id);"               \
    "INSERT INTO concern_misdirected(concern_id, sent_on, forwarded_on, body, review_due,"        \
    "  in_time, left_out, at, actor)"                                                             \
    " SELECT id, misdirected_sent, misdirected_forwarded, 'another body (not recorded)',"        \
    "  review_due, in_time, CAST(julianday(coalesce(misdirected_forwarded,"                       \
    "  date(received_on, '+1 day'))) - julianday(misdirected_sent) AS INTEGER),"                  \
    "  created_at, created_by FROM concern WHERE misdirected_sent IS NOT NULL"                    \
    "  AND in_time IS NOT NULL ORDER BY id;"                                                      \
    APPEND_ONLY("concern_misdirected", "rowid = NEW.rowid", "a spell with another body")
#define MIGRATION_LETTER_PDF                                                                      \
    "CREATE TABLE letter_draft_pdf("                                                              \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  concern_id INTEGER NOT NULL REFERENCES concern(id),"                                       \
    "  template TEXT NOT NULL,"                                                                   \
    "  template_version INTEGER NOT NULL CHECK(template_version >= 0),"                           \
    "  format TEXT NOT NULL CHECK(format IN ('preview', 'text', 'html', 'pdf')),"                 \
    "  drafted_at TEXT NOT NULL, drafted_by TEXT NOT NULL);"                                      \
    "INSERT INTO letter_draft_pdf SELECT * FROM letter_draft;"                                    \
    "DROP TABLE letter_draft;"                                                                    \
    "ALTER TABLE letter_draft_pdf RENAME TO letter_draft;"                                        \
    "CREATE INDEX letter_draft_case ON letter_draft(concern_id, id);"                             \
    APPEND_ONLY("letter_draft", "rowid = NEW.rowid", "a drafted letter")
/* clang-format on */

/* The Order's item 7C and the investigation reports (issue 19;
 * store/iopc.h, store/investigations.h, docs/complaints-data.md).
 *
 *   transparency_item  rebuilt, so that an item may be kept by the
 *                   complaints register (its triggers made again)
 *   iopc_load       one force's quarterly complaints figures as the IOPC
 *                   published them: the quarter (its first month), the
 *                   period the figures cover, the file and (from version 2)
 *                   why it replaced the one before
 *   iopc_figure     its figures, as written in the file
 *   investigation   a complaint investigation the force reports: its
 *                   reference, the date its 12 months run from and who
 *                   investigates (no personal field)
 *   investigation_event  reports received for each period, and its end
 *
 * All five are append-only. */
/* clang-format off */
#define MIGRATION_COMPLAINTS_DATA                                                                 \
    "CREATE TABLE transparency_item_v30(" TRANSPARENCY_ITEM_COLUMNS(                              \
        "'', 'decisions', 'hmicfrs', 'spend', 'budget', 'interests', 'gifts', 'salaries', "    \
        "'complaints'") ");"                                                                      \
    "INSERT INTO transparency_item_v30 SELECT * FROM transparency_item;"                          \
    "DROP TABLE transparency_item;"                                                               \
    "ALTER TABLE transparency_item_v30 RENAME TO transparency_item;"                              \
    APPEND_ONLY("transparency_item", "rowid = NEW.rowid OR (load_id = NEW.load_id"                \
                " AND (key = NEW.key OR position = NEW.position))", "a transparency item")        \
    IOPC_TABLES("iopc_load", "iopc_figure", "quarter", "[0-9][0-9][0-9][0-9]-[01][0-9]",         \
                "a published quarter of IOPC figures")
#define MIGRATION_INVESTIGATIONS                                                                  \
    "CREATE TABLE investigation("                                                                 \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL UNIQUE CHECK(length(ref) BETWEEN 1 AND 40"                               \
    "    AND ref NOT GLOB '*[^A-Za-z0-9/-]*'),"                                                   \
    "  began_on TEXT NOT NULL " DATE_CHECK("began_on") ","                                        \
    "  investigator TEXT NOT NULL CHECK(investigator IN ('force', 'iopc-directed', 'iopc')),"     \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    "CREATE TABLE investigation_event("                                                           \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  investigation_id INTEGER NOT NULL REFERENCES investigation(id),"                           \
    "  kind TEXT NOT NULL CHECK(kind IN ('reported', 'finished')),"                               \
    "  period INTEGER NOT NULL CHECK(period >= 0),"                                               \
    "  on_date TEXT NOT NULL " DATE_CHECK("on_date") ","                                          \
    "  note TEXT NOT NULL CHECK(length(note) <= 5000),"                                           \
    "  at TEXT NOT NULL, actor TEXT NOT NULL,"                                                    \
    "  UNIQUE(investigation_id, kind, period));"                                                  \
    APPEND_ONLY("investigation", "rowid = NEW.rowid OR ref = NEW.ref", "an investigation")        \
    APPEND_ONLY("investigation_event", "rowid = NEW.rowid OR (investigation_id ="                 \
                " NEW.investigation_id AND kind = NEW.kind AND period = NEW.period)",             \
                "an investigation event")
/* The contracts register (issue 17; store/contracts.h, docs/contracts.md).
 * Kept as one string so that it can be moved when other branches'
 * migrations land.
 *
 *   transparency_item  rebuilt, so that an item may be kept by the
 *                   contracts register (its triggers made again)
 *   contract_version   a contract or invitation to tender of the
 *                   Commissioner or the chief constable as published:
 *                   supplier and its org-id, value, dates, procurement
 *                   method, the file it came from, and (from version 2)
 *                   why it replaced the one before
 *
 * Append-only: what is published never changes. */
/* clang-format off */
#define MIGRATION_CONTRACTS                                                                       \
    "CREATE TABLE transparency_item_contracts(" TRANSPARENCY_ITEM_COLUMNS(                        \
        "'', 'decisions', 'hmicfrs', 'spend', 'budget', 'interests', 'gifts', 'salaries', "    \
        "'complaints', 'contracts'") ");"                                                         \
    "INSERT INTO transparency_item_contracts SELECT * FROM transparency_item;"                    \
    "DROP TABLE transparency_item;"                                                               \
    "ALTER TABLE transparency_item_contracts RENAME TO transparency_item;"                        \
    APPEND_ONLY("transparency_item", "rowid = NEW.rowid OR (load_id = NEW.load_id"                \
                " AND (key = NEW.key OR position = NEW.position))", "a transparency item")        \
    "CREATE TABLE contract_version("                                                              \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL CHECK(length(ref) BETWEEN 1 AND 64),"                                    \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  kind TEXT NOT NULL CHECK(kind IN ('contract', 'tender')),"                                 \
    "  body TEXT NOT NULL CHECK(body IN ('pcc', 'force')),"                                       \
    "  ocid TEXT NOT NULL CHECK(ocid GLOB 'ocds-?*'),"                                            \
    "  title TEXT NOT NULL CHECK(length(trim(title)) BETWEEN 1 AND 300),"                         \
    "  description TEXT NOT NULL, department TEXT NOT NULL,"                                      \
    "  supplier TEXT NOT NULL, supplier_id TEXT NOT NULL,"                                        \
    "  sme INTEGER CHECK(sme IS NULL OR sme IN (0, 1)),"                                          \
    "  vcse INTEGER CHECK(vcse IS NULL OR vcse IN (0, 1)),"                                       \
    "  value_pence INTEGER NOT NULL CHECK(value_pence >= 0),"                                     \
    "  vat_pence INTEGER CHECK(vat_pence IS NULL OR vat_pence >= 0),"                             \
    "  start_on TEXT NOT NULL " DATE_CHECK("start_on") ","                                        \
    "  end_on TEXT CHECK(end_on IS NULL OR (end_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'" \
    "    AND end_on >= start_on)),"                                                               \
    "  review_on TEXT CHECK(review_on IS NULL OR review_on GLOB"                                  \
    "    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"                                          \
    "  method TEXT NOT NULL CHECK(method IN ('open', 'selective', 'limited', 'direct')),"         \
    "  method_details TEXT NOT NULL,"                                                             \
    "  document_url TEXT NOT NULL CHECK(length(document_url) <= 500),"                            \
    "  line INTEGER NOT NULL,"                                                                    \
    "  published_at TEXT NOT NULL, published_by TEXT NOT NULL,"                                   \
    "  reason TEXT CHECK(version = 1 OR length(trim(reason)) > 0),"                               \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  file_sha256 TEXT NOT NULL CHECK(length(file_sha256) = 64),"                                \
    "  UNIQUE(ref, version));"                                                                    \
    APPEND_ONLY("contract_version", "rowid = NEW.rowid OR (ref = NEW.ref"                         \
                " AND version = NEW.version)", "a published contract")
/* clang-format on */

/* The redacted copy of a contract (issue 17; store/contract_copies.h,
 * docs/contracts.md).
 *
 *   contract_copy       a PDF (an upload, by its SHA-256) published as
 *                       the copy of a contract, after its text was found
 *                       to hold none of the strings redacted from it
 *                       (assess/contract_copy.h); the latest of a
 *                       contract is its copy
 *   contract_redaction  those strings, numbered: PRIVATE, never read by
 *                       any public read (only counted), kept so that the
 *                       office can show what it checked the copy against
 *
 * Append-only; a copy only of a contract the register holds. */
/* clang-format off */
#define MIGRATION_CONTRACT_COPIES                                                                 \
    "CREATE TABLE contract_copy("                                                                 \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL CHECK(length(ref) BETWEEN 1 AND 64),"                                    \
    "  sha256 TEXT NOT NULL REFERENCES upload(sha256),"                                           \
    "  redactions INTEGER NOT NULL CHECK(redactions >= 0),"                                       \
    "  attached_at TEXT NOT NULL, attached_by TEXT NOT NULL);"                                    \
    "CREATE INDEX contract_copy_ref ON contract_copy(ref, id);"                                   \
    "CREATE TRIGGER contract_copy_of_contract BEFORE INSERT ON contract_copy"                     \
    "  WHEN NOT EXISTS(SELECT 1 FROM contract_version WHERE ref = NEW.ref)"                       \
    "  BEGIN SELECT RAISE(ABORT, 'a copy of a contract not in the register'); END;"              \
    APPEND_ONLY("contract_copy", "rowid = NEW.rowid", "a published copy of a contract")           \
    "CREATE TABLE contract_redaction("                                                            \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  copy_id INTEGER NOT NULL REFERENCES contract_copy(id),"                                    \
    "  n INTEGER NOT NULL CHECK(n >= 1),"                                                         \
    "  text TEXT NOT NULL CHECK(length(text) BETWEEN 1 AND 500),"                                 \
    "  UNIQUE(copy_id, n));"                                                                      \
    APPEND_ONLY("contract_redaction", "rowid = NEW.rowid OR (copy_id = NEW.copy_id"               \
                " AND n = NEW.n)", "a redacted string")
/* After an award (issue 18; store/fund_after.h, docs/fund.md).
 *
 *   fund_award.application_id  the application an award answers, when it
 *                   came through Peel: one award at most per application,
 *                   of an eligible application of the same round
 *   fund_payment    each payment against an award: date, amount, the
 *                   Office's reference and the spend register's
 *                   transaction number (once each); payments never add up
 *                   to more than the award (the trigger below, against
 *                   any writer; the store holds the write lock from the
 *                   sum to the insert, so two payments racing are taken
 *                   one after the other)
 *   fund_return     a monitoring return asked of an award: when it is due
 *                   and what it covers, with the clock that counts to it
 *   fund_return_report  the return received: the outcomes delivered
 *                   against those the application expected, and whether
 *                   they were met, partly met or not met
 *
 * All append-only: a payment made in error is corrected by the finance
 * system, and a return is received once. */
/* clang-format off */
#define MIGRATION_FUND_AFTER                                                                       \
    "ALTER TABLE fund_award ADD COLUMN application_id INTEGER REFERENCES fund_application(id);"    \
    "CREATE UNIQUE INDEX fund_award_application ON fund_award(application_id)"                    \
    "  WHERE application_id IS NOT NULL;"                                                         \
    "CREATE TRIGGER fund_award_of_application BEFORE INSERT ON fund_award"                        \
    "  WHEN NEW.application_id IS NOT NULL AND NOT EXISTS(SELECT 1 FROM fund_application"         \
    "    WHERE id = NEW.application_id AND round_id = NEW.round_id AND eligible = 1)"             \
    "  BEGIN SELECT RAISE(ABORT, 'an award answers an eligible application of its round'); END;"  \
    "CREATE TABLE fund_payment("                                                                  \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  award_id INTEGER NOT NULL REFERENCES fund_award(id),"                                      \
    "  number INTEGER NOT NULL CHECK(number >= 1),"                                               \
    "  paid_on TEXT NOT NULL CHECK(date(paid_on) = paid_on),"                                     \
    "  amount_pence INTEGER NOT NULL CHECK(amount_pence > 0),"                                    \
    "  reference TEXT NOT NULL CHECK(length(trim(reference)) BETWEEN 1 AND 100),"                 \
    "  spend_txn TEXT CHECK(spend_txn IS NULL OR length(trim(spend_txn)) BETWEEN 1 AND 64),"      \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,"                                     \
    "  UNIQUE(award_id, number));"                                                                \
    "CREATE UNIQUE INDEX fund_payment_txn ON fund_payment(spend_txn) WHERE spend_txn IS NOT NULL;" \
    APPEND_ONLY("fund_payment", "rowid = NEW.rowid OR (award_id = NEW.award_id"                   \
                " AND number = NEW.number)", "a payment")                                         \
    "CREATE TRIGGER fund_payment_within BEFORE INSERT ON fund_payment"                            \
    "  WHEN NEW.amount_pence + (SELECT coalesce(sum(amount_pence), 0) FROM fund_payment"          \
    "    WHERE award_id = NEW.award_id)"                                                          \
    "    > (SELECT amount_pence FROM fund_award WHERE id = NEW.award_id)"                         \
    "  BEGIN SELECT RAISE(ABORT, 'payments beyond their award'); END;"                            \
    "CREATE TABLE fund_return("                                                                   \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  award_id INTEGER NOT NULL REFERENCES fund_award(id),"                                      \
    "  number INTEGER NOT NULL CHECK(number >= 1),"                                               \
    "  due_on TEXT NOT NULL CHECK(date(due_on) = due_on),"                                        \
    "  covers TEXT NOT NULL CHECK(length(trim(covers)) BETWEEN 1 AND 300),"                       \
    "  clock_id INTEGER NOT NULL REFERENCES clock(id),"                                           \
    "  set_at TEXT NOT NULL, set_by TEXT NOT NULL,"                                               \
    "  UNIQUE(award_id, number));"                                                                \
    "CREATE TABLE fund_return_report("                                                            \
    "  return_id INTEGER PRIMARY KEY REFERENCES fund_return(id),"                                 \
    "  received_on TEXT NOT NULL CHECK(date(received_on) = received_on),"                         \
    "  delivered TEXT NOT NULL CHECK(length(trim(delivered)) BETWEEN 1 AND 5000),"                \
    "  status TEXT NOT NULL CHECK(status IN ('met', 'partly-met', 'not-met')),"                   \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    APPEND_ONLY("fund_return", "rowid = NEW.rowid OR (award_id = NEW.award_id"                    \
                " AND number = NEW.number)", "a monitoring return")                               \
    APPEND_ONLY("fund_return_report", "rowid = NEW.rowid OR return_id = NEW.return_id",           \
                "a monitoring return received")
/* Reversing a payment made in error (issue 18; store/fund_after.h,
 * docs/fund.md).
 *
 *   fund_payment_reversal  a payment reversed: the day and why, once per
 *                   payment, never before the day it was paid; the payment
 *                   itself stays as it was recorded
 *
 * What is paid against an award is then the payments not reversed: the
 * trigger that holds payments within their award is made again to count
 * only those, so an award paid in error can be paid again correctly. */
/* clang-format off */
#define MIGRATION_FUND_REVERSALS                                                                   \
    "CREATE TABLE fund_payment_reversal("                                                         \
    "  payment_id INTEGER PRIMARY KEY REFERENCES fund_payment(id),"                               \
    "  reversed_on TEXT NOT NULL CHECK(date(reversed_on) = reversed_on),"                         \
    "  reason TEXT NOT NULL CHECK(length(trim(reason)) BETWEEN 1 AND 1000),"                      \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);"                                    \
    "CREATE TRIGGER fund_payment_reversal_of_payment BEFORE INSERT ON fund_payment_reversal"      \
    "  WHEN NOT EXISTS(SELECT 1 FROM fund_payment WHERE id = NEW.payment_id"                      \
    "    AND paid_on <= NEW.reversed_on)"                                                         \
    "  BEGIN SELECT RAISE(ABORT, 'a reversal is of a payment, on or after the day it was paid');" \
    "  END;"                                                                                      \
    APPEND_ONLY("fund_payment_reversal", "rowid = NEW.rowid OR payment_id = NEW.payment_id",      \
                "a reversed payment")                                                             \
    "DROP TRIGGER fund_payment_within;"                                                           \
    "CREATE TRIGGER fund_payment_within BEFORE INSERT ON fund_payment"                            \
    "  WHEN NEW.amount_pence + " FUND_NET_PAYMENTS("NEW.award_id")                                     \
    "    > (SELECT amount_pence FROM fund_award WHERE id = NEW.award_id)"                         \
    "  BEGIN SELECT RAISE(ABORT, 'payments beyond their award'); END;"
/* clang-format on */
/* Assessors allocated to applications (issue 18; store/fund_allocate.h,
 * docs/fund.md).
 *
 *   fund_allocation  an eligible application given to an assessor to mark;
 *                    never to one conflicted with its organisation
 *
 * A conflict is now with the organisation: an assessor who declared one
 * with an application scores no application of the same organisation
 * (fund_score_allowed made again), and once a round's application is
 * allocated, only its allocated assessors score it (a conflicted one is
 * refused as conflicted, whichever trigger SQLite fires first). Append-only. */
/* clang-format off */
#define MIGRATION_FUND_ALLOCATION                                                                  \
    "CREATE TABLE fund_allocation("                                                               \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  application_id INTEGER NOT NULL REFERENCES fund_application(id),"                          \
    "  assessor TEXT NOT NULL CHECK(length(trim(assessor)) BETWEEN 1 AND 64),"                    \
    "  allocated_at TEXT NOT NULL, allocated_by TEXT NOT NULL,"                                   \
    "  UNIQUE(application_id, assessor));"                                                        \
    "CREATE INDEX fund_allocation_assessor ON fund_allocation(assessor);"                         \
    APPEND_ONLY("fund_allocation", "rowid = NEW.rowid OR (application_id = NEW.application_id"    \
                " AND assessor = NEW.assessor)", "an allocation")                                 \
    "CREATE TRIGGER fund_allocation_eligible BEFORE INSERT ON fund_allocation"                    \
    "  WHEN NOT EXISTS(SELECT 1 FROM fund_application WHERE id = NEW.application_id"              \
    "    AND eligible = 1)"                                                                       \
    "  BEGIN SELECT RAISE(ABORT, 'an allocation is of an eligible application'); END;"            \
    "CREATE TRIGGER fund_allocation_no_conflict BEFORE INSERT ON fund_allocation"                 \
    "  WHEN EXISTS(" FUND_CONFLICTED_WITH("NEW.assessor", "NEW.application_id") ")"               \
    "  BEGIN SELECT RAISE(ABORT, 'an assessor with a declared conflict is never allocated');"     \
    "  END;"                                                                                      \
    "DROP TRIGGER fund_score_allowed;"                                                            \
    "CREATE TRIGGER fund_score_allowed BEFORE INSERT ON fund_score"                               \
    "  WHEN EXISTS(" FUND_CONFLICTED_WITH("NEW.assessor", "NEW.application_id") ")"               \
    "  BEGIN SELECT RAISE(ABORT, 'an assessor with a declared conflict never scores'); END;"      \
    "CREATE TRIGGER fund_score_allocated BEFORE INSERT ON fund_score"                             \
    "  WHEN EXISTS(SELECT 1 FROM fund_allocation WHERE application_id = NEW.application_id)"      \
    "    AND NOT EXISTS(SELECT 1 FROM fund_allocation WHERE application_id = NEW.application_id"  \
    "    AND assessor = NEW.assessor)"                                                            \
    "    AND NOT EXISTS(" FUND_CONFLICTED_WITH("NEW.assessor", "NEW.application_id") ")"          \
    "  BEGIN SELECT RAISE(ABORT, 'an application allocated is scored by its assessors only');"   \
    "  END;"
/* clang-format on */
/* Commissioned services (issue 18 part 2; store/services.h): each service
 * as published, a version at a time (its provider and org-id, contract
 * reference, funding, the plan keys it serves, dates, annual value, and
 * the clock of its end date), the outcomes of each version (a measure and
 * a target a year), and the quarterly returns, also versioned (referrals,
 * people supported), with what each outcome achieved. All append-only:
 * a correction is a new version with a reason. */
/* clang-format off */
#define MIGRATION_SERVICES                                                                        \
    "CREATE TABLE service_version("                                                               \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL CHECK(length(ref) BETWEEN 1 AND 64),"                                    \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  name TEXT NOT NULL CHECK(length(trim(name)) BETWEEN 1 AND 300),"                           \
    "  provider TEXT NOT NULL CHECK(length(trim(provider)) > 0),"                                 \
    "  provider_id TEXT NOT NULL, contract_ref TEXT NOT NULL,"                                    \
    "  funding TEXT NOT NULL, serves TEXT NOT NULL,"                                              \
    "  start_on TEXT NOT NULL " DATE_CHECK("start_on") ","                                        \
    "  end_on TEXT CHECK(end_on IS NULL OR (end_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'" \
    "    AND end_on >= start_on)),"                                                               \
    "  annual_value_pence INTEGER NOT NULL CHECK(annual_value_pence >= 0),"                       \
    "  clock_id INTEGER REFERENCES clock(id),"                                                    \
    "  line INTEGER NOT NULL,"                                                                    \
    "  published_at TEXT NOT NULL, published_by TEXT NOT NULL,"                                   \
    "  reason TEXT CHECK(version = 1 OR length(trim(reason)) > 0),"                               \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  file_sha256 TEXT NOT NULL CHECK(length(file_sha256) = 64),"                                \
    "  UNIQUE(ref, version));"                                                                    \
    "CREATE TABLE service_outcome("                                                               \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  version_id INTEGER NOT NULL REFERENCES service_version(id),"                               \
    "  position INTEGER NOT NULL CHECK(position >= 1),"                                           \
    "  measure TEXT NOT NULL CHECK(length(trim(measure)) BETWEEN 1 AND 200),"                     \
    "  target INTEGER NOT NULL CHECK(target >= 0),"                                               \
    "  UNIQUE(version_id, position), UNIQUE(version_id, measure));"                               \
    "CREATE TABLE service_return("                                                                \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  ref TEXT NOT NULL CHECK(length(ref) BETWEEN 1 AND 64),"                                    \
    "  quarter TEXT NOT NULL CHECK(quarter GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9] Q[1-4]'),"      \
    "  version INTEGER NOT NULL CHECK(version >= 1),"                                             \
    "  referrals INTEGER NOT NULL CHECK(referrals >= 0),"                                         \
    "  people INTEGER NOT NULL CHECK(people >= 0),"                                               \
    "  line INTEGER NOT NULL,"                                                                    \
    "  published_at TEXT NOT NULL, published_by TEXT NOT NULL,"                                   \
    "  reason TEXT CHECK(version = 1 OR length(trim(reason)) > 0),"                               \
    "  file_name TEXT NOT NULL,"                                                                  \
    "  file_sha256 TEXT NOT NULL CHECK(length(file_sha256) = 64),"                                \
    "  UNIQUE(ref, quarter, version));"                                                           \
    "CREATE TABLE service_return_outcome("                                                        \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  return_id INTEGER NOT NULL REFERENCES service_return(id),"                                 \
    "  measure TEXT NOT NULL,"                                                                    \
    "  achieved INTEGER NOT NULL CHECK(achieved >= 0),"                                           \
    "  UNIQUE(return_id, measure));"                                                              \
    APPEND_ONLY("service_version", "rowid = NEW.rowid OR (ref = NEW.ref"                          \
                " AND version = NEW.version)", "a published service")                             \
    APPEND_ONLY("service_outcome", "rowid = NEW.rowid OR (version_id = NEW.version_id"            \
                " AND (position = NEW.position OR measure = NEW.measure))", "an outcome")         \
    APPEND_ONLY("service_return", "rowid = NEW.rowid OR (ref = NEW.ref AND quarter = NEW.quarter" \
                " AND version = NEW.version)", "a quarterly return")                              \
    APPEND_ONLY("service_return_outcome", "rowid = NEW.rowid OR (return_id = NEW.return_id"       \
                " AND measure = NEW.measure)", "an outcome achieved")
/* clang-format on */

/* The office-holders' contact details (issue 17; store/office_holders.h,
 * docs/transparency.md): the Specified Information Order 2011 Sch. 1 para
 * 1(b) asks for the address for correspondence of the Commissioner and of
 * any Deputy. Each recording is a version; the latest of a holder is the
 * one published, and one marked withdrawn says there is none (no Deputy
 * now). Append-only. */
/* clang-format off */
#define MIGRATION_OFFICE_HOLDERS                                                                  \
    "CREATE TABLE office_holder_contact("                                                         \
    "  id INTEGER PRIMARY KEY,"                                                                   \
    "  holder TEXT NOT NULL CHECK(holder IN ('commissioner', 'deputy')),"                         \
    "  withdrawn INTEGER NOT NULL CHECK(withdrawn IN (0, 1)),"                                    \
    "  name TEXT NOT NULL CHECK(length(name) <= 200),"                                            \
    "  address TEXT NOT NULL CHECK(length(address) <= 500),"                                      \
    "  email TEXT NOT NULL CHECK(length(email) <= 254),"                                          \
    "  phone TEXT NOT NULL CHECK(length(phone) <= 40),"                                           \
    "  from_on TEXT NOT NULL,"                                                                    \
    "  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,"                                     \
    "  CHECK(withdrawn = 1 OR (length(name) >= 1 AND length(address) >= 1)));"                    \
    "CREATE INDEX office_holder_contact_holder ON office_holder_contact(holder, id);"             \
    APPEND_ONLY("office_holder_contact", "rowid = NEW.rowid", "an office-holder contact")
/* clang-format on */

/* The SQL is laid out by hand. */
/* clang-format off */
static const char *const migrations[] = {
    /* 1: recorded crime from data.police.uk */
    "CREATE TABLE import_run("
    "  id INTEGER PRIMARY KEY,"
    "  started_at TEXT NOT NULL,"
    "  finished_at TEXT,"
    "  command TEXT NOT NULL,"
    "  user TEXT,"
    "  files INTEGER NOT NULL DEFAULT 0,"
    "  rows_stored INTEGER NOT NULL DEFAULT 0,"
    "  rows_quarantined INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE source_file("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  path TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  bytes INTEGER NOT NULL,"
    "  rows_stored INTEGER NOT NULL DEFAULT 0,"
    "  rows_quarantined INTEGER NOT NULL DEFAULT 0,"
    "  import_id INTEGER NOT NULL REFERENCES import_run(id),"
    "  imported_at TEXT NOT NULL);"
    "CREATE TABLE force("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  slug TEXT);"
    "CREATE TABLE crime_type("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE outcome_group("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  ho_types TEXT NOT NULL,"
    "  positive INTEGER NOT NULL CHECK(positive IN (0, 1)));"
    "CREATE TABLE outcome_category("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  group_id INTEGER NOT NULL REFERENCES outcome_group(id));"
    "CREATE TABLE location("
    "  id INTEGER PRIMARY KEY,"
    "  text TEXT NOT NULL UNIQUE);"
    "CREATE TABLE lsoa("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  district TEXT,"
    "  UNIQUE(code, name));"
    "CREATE INDEX lsoa_code ON lsoa(code);"
    "CREATE TABLE slice("
    "  id INTEGER PRIMARY KEY,"
    "  force_id INTEGER NOT NULL REFERENCES force(id),"
    "  month INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK(kind IN ('street', 'outcomes', 'stop-and-search')),"
    "  file_id INTEGER NOT NULL REFERENCES source_file(id),"
    "  rows INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE(force_id, month, kind));"
    /* crime.crime_id is a 32-byte blob when the source had 64 hex digits
     * (as police.uk always does), otherwise the text as given.
     *
     * The interned columns (force, location, LSOA, crime type, outcome)
     * carry no REFERENCES clause and, like the LSOA rollup, no NOT NULL:
     * their ids come from the importer's own interning in the same
     * transaction, checking five parents per row cost a quarter of import
     * time, and the NOT NULL checks another 7%. tests/unit/test_import.c
     * checks that no crime has a missing or dangling id.
     *
     * There is no index on crime_id: hashes arrive in random order, and
     * keeping such an index cost a third of import time. Outcomes are
     * indexed by crime_id instead, so a crime finds its outcomes
     * (crime_outcome) through that index.
     *
     * Nor is there an index on slice_id, nor even a stored slice_id: a
     * row's id is slice_id * 2^32 + its line in the file, so a slice's rows
     * are one range of ids, and slice_id and line are computed from the id
     * (virtual columns; the same holds for outcome and stop_search). The
     * importer creates the slice before its rows, in the same transaction.
     *
     * Coordinates are integer millionths of a degree when the source wrote
     * six decimals (always, on police.uk), else the text as given; BLOB
     * declares no type affinity, so neither is converted. */
    "CREATE TABLE crime("
    "  id INTEGER PRIMARY KEY," /* slice_id * 2^32 + line */
    "  slice_id INTEGER AS (id >> 32) VIRTUAL,"
    "  line INTEGER AS (id & 4294967295) VIRTUAL,"
    "  crime_id BLOB,"
    "  falls_within_id INTEGER,"
    "  longitude BLOB,"
    "  latitude BLOB,"
    "  location_id INTEGER,"
    "  lsoa_id INTEGER,"
    "  crime_type_id INTEGER,"
    "  outcome_id INTEGER,"
    "  context TEXT);"
    "CREATE TABLE outcome("
    "  id INTEGER PRIMARY KEY," /* slice_id * 2^32 + line */
    "  slice_id INTEGER AS (id >> 32) VIRTUAL,"
    "  line INTEGER AS (id & 4294967295) VIRTUAL,"
    "  crime_id BLOB NOT NULL,"
    "  falls_within_id INTEGER NOT NULL,"
    "  longitude BLOB,"
    "  latitude BLOB,"
    "  location_id INTEGER NOT NULL,"
    "  lsoa_id INTEGER NOT NULL,"
    "  outcome_id INTEGER NOT NULL);"
    "CREATE INDEX outcome_crime_id ON outcome(crime_id);"
    "CREATE TABLE stop_search("
    "  id INTEGER PRIMARY KEY," /* slice_id * 2^32 + line */
    "  slice_id INTEGER AS (id >> 32) VIRTUAL,"
    "  line INTEGER AS (id & 4294967295) VIRTUAL,"
    "  type TEXT, date TEXT, part_of_a_policing_operation TEXT, policing_operation TEXT,"
    "  latitude TEXT, longitude TEXT, gender TEXT, age_range TEXT,"
    "  self_defined_ethnicity TEXT, officer_defined_ethnicity TEXT, legislation TEXT,"
    "  object_of_search TEXT, outcome TEXT, outcome_linked_to_object_of_search TEXT,"
    "  removal_of_more_than_just_outer_clothing TEXT);"
    "CREATE TABLE quarantine("
    "  id INTEGER PRIMARY KEY,"
    "  file_id INTEGER NOT NULL REFERENCES source_file(id),"
    "  line INTEGER NOT NULL,"
    "  field TEXT,"
    "  reason TEXT NOT NULL,"
    "  raw BLOB NOT NULL);"
    "CREATE INDEX quarantine_file ON quarantine(file_id);"
    "CREATE TABLE rollup_force("
    "  force_id INTEGER NOT NULL,"
    "  month INTEGER NOT NULL,"
    "  crime_type_id INTEGER NOT NULL,"
    "  outcome_id INTEGER NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  PRIMARY KEY(force_id, month, crime_type_id, outcome_id)) WITHOUT ROWID;"
    /* Covers the questions asked across forces (the annual table): rows
     * come out grouped by month, type and outcome, so no sort is needed. */
    "CREATE INDEX rollup_force_by_month ON rollup_force(month, crime_type_id, outcome_id, n);"
    /* One row per (LSOA, crime type, outcome) of a street slice, with id
     * slice_id * 2^32 + n like the crimes: rows are appended, a slice's
     * rows are replaced as one range, and only areas need an index. */
    "CREATE TABLE rollup_lsoa("
    "  id INTEGER PRIMARY KEY,"
    "  force_id INTEGER,"
    "  month INTEGER,"
    "  lsoa_id INTEGER,"
    "  crime_type_id INTEGER,"
    "  outcome_id INTEGER,"
    "  n INTEGER);"
    "CREATE INDEX rollup_lsoa_area ON rollup_lsoa(lsoa_id, month);"
    /* Area groupings (district, CSP, beat, rural/urban, ...) and resident
     * populations are keyed by LSOA code: they are loaded from lookups that
     * know nothing of the crimes. */
    "CREATE TABLE area("
    "  grouping TEXT NOT NULL,"
    "  lsoa_code TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY(grouping, lsoa_code)) WITHOUT ROWID;"
    "CREATE INDEX area_value ON area(grouping, value);"
    "CREATE TABLE population("
    "  lsoa_code TEXT PRIMARY KEY,"
    "  population INTEGER NOT NULL CHECK(population >= 0),"
    "  source TEXT NOT NULL) WITHOUT ROWID;"
    /* The rows as published, for anyone tracing a number to its source. */
    "CREATE VIEW street_row AS SELECT"
    "  c.id AS id, sf.name AS file, c.line AS line,"
    "  CASE WHEN typeof(c.crime_id) = 'blob' THEN lower(hex(c.crime_id))"
    "       ELSE c.crime_id END AS \"Crime ID\","
    "  printf('%04d-%02d', s.month / 12, s.month % 12 + 1) AS \"Month\","
    "  f.name AS \"Reported by\", fw.name AS \"Falls within\","
    "  " COORD_TEXT("c.longitude") " AS \"Longitude\","
    "  " COORD_TEXT("c.latitude") " AS \"Latitude\","
    "  loc.text AS \"Location\", l.code AS \"LSOA code\", l.name AS \"LSOA name\","
    "  ct.name AS \"Crime type\", oc.name AS \"Last outcome category\","
    "  coalesce(c.context, '') AS \"Context\""
    "  FROM crime c JOIN slice s ON s.id = c.slice_id JOIN source_file sf ON sf.id = s.file_id"
    "  JOIN force f ON f.id = s.force_id JOIN force fw ON fw.id = c.falls_within_id"
    "  JOIN location loc ON loc.id = c.location_id JOIN lsoa l ON l.id = c.lsoa_id"
    "  JOIN crime_type ct ON ct.id = c.crime_type_id"
    "  JOIN outcome_category oc ON oc.id = c.outcome_id;"
    /* Every outcome published for a crime, found through outcome's index. */
    "CREATE VIEW crime_outcome AS SELECT"
    "  c.id AS crime_row, o.id AS outcome_row, c.crime_id AS crime_id,"
    "  s.month AS crime_month, os.month AS outcome_month,"
    "  c.crime_type_id AS crime_type_id, o.outcome_id AS outcome_id"
    "  FROM crime c JOIN slice s ON s.id = c.slice_id"
    "  JOIN outcome o ON o.crime_id = c.crime_id JOIN slice os ON os.id = o.slice_id;",

    /* 2: Police and Crime Plans. Loading a changed plan file adds a version; earlier
     * versions, and everything recorded against them, stay. */
    "CREATE TABLE plan("
    "  id INTEGER PRIMARY KEY,"
    "  plan_key TEXT NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  force TEXT,"
    "  period_from TEXT NOT NULL,"
    "  period_to TEXT NOT NULL,"
    "  vision TEXT NOT NULL,"
    "  source_path TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL,"
    "  loaded_at TEXT NOT NULL,"
    "  loaded_by TEXT,"
    "  UNIQUE(plan_key, version));"
    "CREATE TABLE plan_mission("
    "  id INTEGER PRIMARY KEY,"
    "  plan_id INTEGER NOT NULL REFERENCES plan(id),"
    "  position INTEGER NOT NULL,"
    "  key TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  summary TEXT,"
    "  UNIQUE(plan_id, key));"
    "CREATE TABLE plan_strategy("
    "  id INTEGER PRIMARY KEY,"
    "  mission_id INTEGER NOT NULL REFERENCES plan_mission(id),"
    "  position INTEGER NOT NULL,"
    "  key TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  success TEXT NOT NULL,"
    "  delivery TEXT NOT NULL,"
    "  measure TEXT NOT NULL);"
    "CREATE TABLE plan_metric("
    "  id INTEGER PRIMARY KEY,"
    "  strategy_id INTEGER NOT NULL REFERENCES plan_strategy(id),"
    "  position INTEGER NOT NULL,"
    "  key TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  polarity TEXT NOT NULL,"
    "  frequency TEXT NOT NULL,"
    "  target_kind TEXT,"
    "  target_value REAL,"
    "  target_baseline TEXT,"
    "  target_text TEXT,"
    "  loaded INTEGER NOT NULL,"
    "  measure TEXT,"
    "  crime_types TEXT," /* police.uk crime types, one per line */
    "  area_key TEXT,"
    "  area_value TEXT,"
    "  per_1000 INTEGER NOT NULL DEFAULT 0,"
    "  source_line INTEGER);",

    /* 3: values of loaded metrics (`peel metric load`). A value is never
     * overwritten: a revision inserts a new row and stamps the old one with
     * when and by which row it was replaced, so every figure ever published
     * can be traced back to its file and line. */
    "CREATE TABLE metric_load("
    "  id INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL,"
    "  loaded_at TEXT NOT NULL,"
    "  loaded_by TEXT,"
    "  rows_read INTEGER NOT NULL DEFAULT 0,"
    "  rows_new INTEGER NOT NULL DEFAULT 0,"
    "  rows_revised INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE metric_value("
    "  id INTEGER PRIMARY KEY,"
    "  metric_key TEXT NOT NULL,"
    "  period TEXT NOT NULL,"          /* as written, normalised: 2023-04, 2023-24 Q1, 2023-24 */
    "  period_kind TEXT NOT NULL CHECK(period_kind IN ('month', 'quarter', 'year')),"
    "  period_start INTEGER NOT NULL," /* first month, as month.h counts */
    "  area TEXT NOT NULL DEFAULT '',"  /* '' is the whole force area */
    "  value REAL NOT NULL,"
    "  numerator REAL,"
    "  denominator REAL,"
    "  source TEXT,"
    "  note TEXT,"
    "  load_id INTEGER NOT NULL REFERENCES metric_load(id),"
    "  line INTEGER NOT NULL,"
    "  replaced_at TEXT,"
    "  replaced_by INTEGER REFERENCES metric_value(id));"
    "CREATE UNIQUE INDEX metric_value_current ON metric_value(metric_key, area, period_kind,"
    "  period_start) WHERE replaced_at IS NULL;"
    "CREATE INDEX metric_value_history ON metric_value(metric_key, area, period_kind, period_start);",

    /* 4: the Home Office Police Recorded Crime tables (`peel import-prc`):
     * offences per force, financial quarter and Home Office offence code.
     * A load is one file; its bad rows go to quarantine under a
     * source_file of kind 'prc'. A (force, quarter) is replaced as a whole
     * by the next load that supplies it (a later release revises figures);
     * prc_load keeps every load. A force is keyed by its police.uk slug,
     * or by its name as published when it has none (Action Fraud, CIFAS,
     * UK Finance), so a force renamed between releases is still replaced.
     * period is fy * 4 + quarter - 1, so ranges of quarters are one
     * BETWEEN. n may be negative: see docs/methods.md. */
    "CREATE TABLE prc_load("
    "  id INTEGER PRIMARY KEY,"
    "  import_id INTEGER NOT NULL REFERENCES import_run(id),"
    "  file_id INTEGER NOT NULL REFERENCES source_file(id),"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT,"                   /* of the file's bytes; set when it has been read */
    "  bytes INTEGER,"
    "  loaded_at TEXT NOT NULL,"
    "  loaded_by TEXT,"
    "  rows_read INTEGER NOT NULL DEFAULT 0,"
    "  rows_stored INTEGER NOT NULL DEFAULT 0,"
    "  rows_quarantined INTEGER NOT NULL DEFAULT 0,"
    "  rows_replaced INTEGER NOT NULL DEFAULT 0);" /* earlier loads' rows it replaced */
    "CREATE TABLE prc_count("
    "  id INTEGER PRIMARY KEY,"
    "  fy TEXT NOT NULL,"              /* "2017-18" */
    "  quarter INTEGER NOT NULL CHECK(quarter BETWEEN 1 AND 4),"
    "  period INTEGER AS (CAST(substr(fy, 1, 4) AS INTEGER) * 4 + quarter - 1) VIRTUAL,"
    "  force_name TEXT NOT NULL,"      /* as published: "Leicestershire", "London, City of" */
    "  force_slug TEXT,"               /* police.uk's, NULL for non-police bodies */
    "  force_key TEXT AS (coalesce(force_slug, force_name)) VIRTUAL,"
    "  territorial INTEGER NOT NULL CHECK(territorial IN (0, 1)),"
    "  offence_code TEXT NOT NULL,"
    "  offence_description TEXT NOT NULL,"
    "  offence_group TEXT NOT NULL,"
    "  offence_subgroup TEXT NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  load_id INTEGER NOT NULL REFERENCES prc_load(id),"
    "  line INTEGER NOT NULL);"
    /* Rows are not unique by force, quarter and code: the 2017/18 file has
     * four homicide rows per force and quarter under one combined code
     * (1/4.1/4.10/4.2), all counted in the published totals. A row is
     * (load_id, line). This index finds a (force, quarter) to replace and
     * a force's offence groups over a range of quarters. */
    "CREATE INDEX prc_count_force ON prc_count(force_key, period, offence_group, n);"
    /* Comparing forces: one period range, one group, every force. */
    "CREATE INDEX prc_count_period ON prc_count(period, offence_group, territorial, force_key, n);"
    "CREATE INDEX prc_count_load ON prc_count(load_id);"
    /* Resident population per police force area (`peel import-population
     * --forces`), for rates per 1,000 when forces are compared. */
    "CREATE TABLE force_population("
    "  force_slug TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"            /* as in the file */
    "  code TEXT,"                     /* ONS code, E23000021 */
    "  population INTEGER NOT NULL CHECK(population >= 0),"
    "  source TEXT NOT NULL) WITHOUT ROWID;",

    /* 5: published reports (`peel publish`). A published version never
     * changes and is never removed: the triggers refuse it, whoever asks. A
     * correction is a new version that names the one it corrects, and why. */
    "CREATE TABLE publication("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  period TEXT NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL," /* of its files' names and hashes (publish.c) */
    "  published_at TEXT NOT NULL,"
    "  published_by TEXT,"
    "  source_path TEXT,"
    "  corrects INTEGER REFERENCES publication(id),"
    "  reason TEXT,"
    "  UNIQUE(kind, period, version));"
    "CREATE TABLE publication_file("
    "  publication_id INTEGER NOT NULL REFERENCES publication(id),"
    "  name TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  bytes BLOB NOT NULL,"
    "  PRIMARY KEY(publication_id, name));"
    "CREATE TRIGGER publication_kept BEFORE UPDATE ON publication"
    "  BEGIN SELECT RAISE(ABORT, 'a published report never changes: publish a correction'); END;"
    "CREATE TRIGGER publication_not_removed BEFORE DELETE ON publication"
    "  BEGIN SELECT RAISE(ABORT, 'a published report is never removed'); END;"
    "CREATE TRIGGER publication_file_kept BEFORE UPDATE ON publication_file"
    "  BEGIN SELECT RAISE(ABORT, 'a published report never changes: publish a correction'); END;"
    "CREATE TRIGGER publication_file_not_removed BEFORE DELETE ON publication_file"
    "  BEGIN SELECT RAISE(ABORT, 'a published report is never removed'); END;",

    /* 6: area boundaries for choropleth maps (`peel import-boundaries`).
     * A grouping's boundaries are loaded from one GeoJSON file and
     * replaced as a whole; each area's geometry is kept as the validated
     * GeoJSON geometry object (Polygon or MultiPolygon, compact text), so
     * what is drawn is what was checked. boundary_set says where they came
     * from, for the map's attribution and anyone tracing it. */
    "CREATE TABLE boundary_set("
    "  grouping TEXT PRIMARY KEY,"
    "  key_property TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  attribution TEXT,"
    "  features INTEGER NOT NULL,"
    "  loaded_at TEXT NOT NULL,"
    "  loaded_by TEXT) WITHOUT ROWID;"
    "CREATE TABLE boundary("
    "  grouping TEXT NOT NULL REFERENCES boundary_set(grouping) ON DELETE CASCADE,"
    "  value TEXT NOT NULL,"
    "  geometry TEXT NOT NULL,"
    "  feature INTEGER NOT NULL," /* its index in the file, for messages */
    "  PRIMARY KEY(grouping, value)) WITHOUT ROWID;",

    /* 7: the SHA-256 of each police.uk file's bytes (of the CSV itself when
     * it was read from a zip archive: what `unzip -p ARCHIVE MEMBER |
     * sha256sum` prints), so that a published figure can be traced to the
     * exact bytes it came from. Files imported before this have none. */
    "ALTER TABLE source_file ADD COLUMN sha256 TEXT;",

    /* 8: each street slice's crimes as the explorer's CSV rows (no header),
     * so that a download of whole months is these bytes read in slice order
     * (assess/crime_rows.h renders them, with the code that streams rows).
     * A blob is a cache that must never be stale: a change to a text a row
     * shows deletes the blobs it could be in, here, in the database,
     * whoever makes it: deleting or updating a crime drops its slice's
     * blob; any change to a slice (the importer resets file_id and rows
     * before it adds a slice's rows) drops that slice's; changing or
     * deleting an interned text (force, location, LSOA, crime type,
     * outcome), or any district of the lookup, drops them all. Inserting an
     * interned value changes no row: nothing refers to a new id, and a
     * crime whose id has no text is not rendered, so the renderer stores no
     * blob for its slice. Inserting a crime has no trigger: any trigger on
     * crime inserts gives every INSERT a statement journal, which doubled
     * import time; Peel only inserts crimes into a slice it has just created
     * or reset (above), and a hand-made INSERT must delete the slice's
     * export_csv row itself (docs/web.md). The write commands then render
     * the missing blobs (export_refresh). */
    "CREATE TABLE export_csv("
    "  slice_id INTEGER PRIMARY KEY REFERENCES slice(id) ON DELETE CASCADE,"
    "  rows INTEGER NOT NULL,"
    "  csv BLOB NOT NULL);"
    "CREATE TRIGGER export_crime_delete AFTER DELETE ON crime"
    "  BEGIN DELETE FROM export_csv WHERE slice_id = OLD.id >> 32; END;"
    "CREATE TRIGGER export_crime_update AFTER UPDATE ON crime"
    "  BEGIN DELETE FROM export_csv WHERE slice_id IN (OLD.id >> 32, NEW.id >> 32); END;"
    "CREATE TRIGGER export_slice_update AFTER UPDATE ON slice"
    "  BEGIN DELETE FROM export_csv WHERE slice_id IN (OLD.id, NEW.id); END;"
    "CREATE TRIGGER export_slice_delete AFTER DELETE ON slice"
    "  BEGIN DELETE FROM export_csv WHERE slice_id = OLD.id; END;"
    EXPORT_DROP_ALL("force", "id, name")
    EXPORT_DROP_ALL("location", "id, text")
    EXPORT_DROP_ALL("lsoa", "id, code, name, district")
    EXPORT_DROP_ALL("crime_type", "id, name")
    EXPORT_DROP_ALL("outcome_category", "id, name")
    "CREATE TRIGGER export_area_insert AFTER INSERT ON area WHEN NEW.grouping = 'district'"
    "  BEGIN DELETE FROM export_csv; END;"
    "CREATE TRIGGER export_area_update AFTER UPDATE ON area"
    "  WHEN OLD.grouping = 'district' OR NEW.grouping = 'district'"
    "  BEGIN DELETE FROM export_csv; END;"
    "CREATE TRIGGER export_area_delete AFTER DELETE ON area WHEN OLD.grouping = 'district'"
    "  BEGIN DELETE FROM export_csv; END;",

    /* 9: records that hold against SQL. Migration 5's triggers refused
     * UPDATE and DELETE of a publication, but REPLACE INTO and INSERT OR
     * REPLACE delete the row they conflict with, and with
     * PRAGMA recursive_triggers off, SQLite's default, that delete fires no
     * DELETE trigger: a page's bytes could be swapped under its old SHA-256.
     * A BEFORE INSERT trigger runs before the conflict is resolved, so each
     * append-only table now refuses an INSERT whose key (any of its unique
     * keys, rowid included) is taken, whatever the connection's pragmas.
     * Tables whose rows are finished once after they are written
     * (metric_value is stamped when replaced; a load's totals are written
     * at its end) may change only those columns, only once.
     *
     * New: a withdrawal of a published version (the record stays, the site
     * stops serving its files), and data_load, one row per file loaded into
     * the lookups, populations, plans and metric values, with its SHA-256,
     * who, when and by which command. */
    "CREATE TABLE publication_withdrawal("
    "  id INTEGER PRIMARY KEY,"
    "  publication_id INTEGER NOT NULL UNIQUE REFERENCES publication(id),"
    "  withdrawn_at TEXT NOT NULL,"
    "  withdrawn_by TEXT,"
    "  reason TEXT NOT NULL CHECK(length(trim(reason)) > 0));"
    "CREATE TABLE data_load("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK(kind IN ('areas', 'population', 'force-population', 'plan',"
    "    'metric-values')),"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL CHECK(length(sha256) = 64),"
    "  bytes INTEGER NOT NULL,"
    "  rows INTEGER NOT NULL,"
    "  detail TEXT,"                   /* the groupings loaded; the plan version */
    "  command TEXT,"                  /* "peel import-areas --where ... FILE" */
    "  loaded_at TEXT NOT NULL,"
    "  loaded_by TEXT);"
    NOT_REPLACED("publication", "rowid = NEW.rowid OR (kind = NEW.kind AND period = NEW.period"
                 " AND version = NEW.version)", "a published report")
    NOT_REPLACED("publication_file", "rowid = NEW.rowid OR (publication_id = NEW.publication_id"
                 " AND name = NEW.name)", "a published report")
    APPEND_ONLY("publication_withdrawal", "rowid = NEW.rowid"
                " OR publication_id = NEW.publication_id", "a withdrawal")
    APPEND_ONLY("data_load", "rowid = NEW.rowid", "the record of a load")
    APPEND_ONLY("plan", "rowid = NEW.rowid OR (plan_key = NEW.plan_key AND version = NEW.version)",
                "a stored plan version")
    APPEND_ONLY("plan_mission", "rowid = NEW.rowid OR (plan_id = NEW.plan_id AND key = NEW.key)",
                "a stored plan version")
    APPEND_ONLY("plan_strategy", "rowid = NEW.rowid", "a stored plan version")
    APPEND_ONLY("plan_metric", "rowid = NEW.rowid", "a stored plan version")
    /* A value is stamped when a revision replaces it (replaced_at, then
     * replaced_by: metric_values.c) and never changes otherwise. */
    FINISHED_ONCE("metric_value",
                  "OLD.replaced_by IS NOT NULL OR NEW.replaced_at IS NULL"
                  " OR (NEW.id, NEW.metric_key, NEW.period, NEW.period_kind, NEW.period_start,"
                  "     NEW.area, NEW.value, NEW.numerator, NEW.denominator, NEW.source, NEW.note,"
                  "     NEW.load_id, NEW.line)"
                  " IS NOT (OLD.id, OLD.metric_key, OLD.period, OLD.period_kind, OLD.period_start,"
                  "     OLD.area, OLD.value, OLD.numerator, OLD.denominator, OLD.source, OLD.note,"
                  "     OLD.load_id, OLD.line)",
                  "rowid = NEW.rowid OR (NEW.replaced_at IS NULL AND replaced_at IS NULL"
                  " AND metric_key = NEW.metric_key AND area = NEW.area"
                  " AND period_kind = NEW.period_kind AND period_start = NEW.period_start)",
                  "a loaded metric value")
    FINISHED_ONCE("metric_load",
                  "OLD.rows_read <> 0 OR (NEW.id, NEW.path, NEW.content_hash, NEW.loaded_at,"
                  " NEW.loaded_by) IS NOT (OLD.id, OLD.path, OLD.content_hash, OLD.loaded_at,"
                  " OLD.loaded_by)",
                  "rowid = NEW.rowid", "the record of a load")
    FINISHED_ONCE("prc_load",
                  "OLD.sha256 IS NOT NULL OR (NEW.id, NEW.import_id, NEW.file_id, NEW.path,"
                  " NEW.loaded_at, NEW.loaded_by) IS NOT (OLD.id, OLD.import_id, OLD.file_id,"
                  " OLD.path, OLD.loaded_at, OLD.loaded_by)",
                  "rowid = NEW.rowid", "the record of a load")
    FINISHED_ONCE("import_run",
                  "OLD.finished_at IS NOT NULL OR (NEW.id, NEW.started_at, NEW.command,"
                  " NEW.user) IS NOT (OLD.id, OLD.started_at, OLD.command, OLD.user)",
                  "rowid = NEW.rowid", "the record of an import"),
    /* 10: the Office's staff. Roles are data (the role a route needs is
     * checked against them in one table beside the routes); an account has
     * one role and an argon2id password hash (util/password.h), never the
     * password. Accounts change (disabled, a password reset), so they are
     * not append-only: every change to one is written to the audit log in
     * the same transaction (store/accounts.c).
     *
     * The audit log: one row per change, who, when, from where, what, and
     * the object before and after (JSON), each row chained to the one
     * before by SHA-256 (store/audit.h), append-only like the published
     * reports. A row rewritten behind peel's back breaks the chain at that
     * row, which peel audit verify and peel verify report. */
    "CREATE TABLE role("
    "  name TEXT PRIMARY KEY,"
    "  title TEXT NOT NULL,"
    "  summary TEXT NOT NULL);"
    "INSERT INTO role VALUES"
    "  ('officer', 'Officer', 'Drafts decisions and records; reads the Office''s own work'),"
    "  ('finance-officer', 'Chief finance officer', 'Drafts, and signs off the financial"
    " implications of a decision'),"
    "  ('monitoring-officer', 'Chief executive and monitoring officer', 'Drafts, and signs off"
    " the legal implications of a decision'),"
    "  ('commissioner', 'Police and Crime Commissioner', 'Takes decisions, including those the"
    " law does not let a PCC delegate'),"
    "  ('deputy', 'Deputy Police and Crime Commissioner', 'Takes the decisions delegated to"
    " them'),"
    "  ('panel-member', 'Police and Crime Panel member', 'Reads what the Panel may'),"
    "  ('auditor', 'Auditor', 'Reads everything, including the audit log; changes nothing'),"
    "  ('administrator', 'Administrator', 'Manages accounts; reads no case data');"
    "CREATE TABLE account("
    "  id INTEGER PRIMARY KEY,"
    "  username TEXT NOT NULL UNIQUE COLLATE NOCASE"
    "    CHECK(length(username) BETWEEN 2 AND 64 AND username NOT GLOB '*[^a-z0-9._-]*'),"
    "  name TEXT NOT NULL CHECK(length(trim(name)) > 0),"
    "  role TEXT NOT NULL REFERENCES role(name),"
    "  password_hash TEXT NOT NULL CHECK(password_hash LIKE '$argon2id$%'),"
    "  created_at TEXT NOT NULL,"
    "  password_set_at TEXT NOT NULL,"
    "  disabled_at TEXT,"
    "  disabled_reason TEXT CHECK((disabled_at IS NULL) = (disabled_reason IS NULL)));"
    "CREATE TABLE audit("
    "  seq INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"            /* an account's username, or "cli:USER" */
    "  origin TEXT NOT NULL,"           /* the command line, or the client's address */
    "  action TEXT NOT NULL,"           /* "account.add", ... */
    "  object TEXT NOT NULL,"           /* "account:jsmith" */
    "  before TEXT,"                    /* JSON; NULL for a new object */
    "  after TEXT,"                     /* JSON */
    "  prev_hash TEXT NOT NULL CHECK(length(prev_hash) = 64),"
    "  hash TEXT NOT NULL UNIQUE CHECK(length(hash) = 64));"
    APPEND_ONLY("audit", "rowid = NEW.rowid OR hash = NEW.hash", "the audit log"),
    /* 11: sessions of the staff side of peel serve. The cookie holds a
     * random token; the store keeps only its SHA-256, so a copy of the
     * database signs no one in. A session is found only while its account
     * is enabled and its password unchanged since it started (a reset or a
     * disable ends every session at once, with nothing to update). Times
     * are Unix seconds, for the idle and absolute time-outs' arithmetic.
     * Only seen_at moves, and ended_at is set once: the rest is refused. */
    "CREATE TABLE session("
    "  id INTEGER PRIMARY KEY,"
    "  token_hash TEXT NOT NULL UNIQUE CHECK(length(token_hash) = 64),"
    "  account_id INTEGER NOT NULL REFERENCES account(id),"
    "  client TEXT NOT NULL,"
    "  started_at INTEGER NOT NULL,"
    "  seen_at INTEGER NOT NULL,"
    "  ended_at INTEGER,"
    "  end_reason TEXT CHECK((ended_at IS NULL) = (end_reason IS NULL)));"
    FINISHED_ONCE("session",
                  "OLD.ended_at IS NOT NULL OR (NEW.id, NEW.token_hash, NEW.account_id,"
                  " NEW.client, NEW.started_at) IS NOT (OLD.id, OLD.token_hash,"
                  " OLD.account_id, OLD.client, OLD.started_at)",
                  "rowid = NEW.rowid OR token_hash = NEW.token_hash", "the record of a session"),
    /* ---- 12: clocks and the working-day calendar (issue 14) ------------
     * The bank holidays in use are the latest calendar_load's; a store with
     * none uses the list shipped in peel (model/bank_holidays.h), so a new
     * peel's list reaches a store that never loaded one. Loads are kept,
     * each with its file's SHA-256, who and when.
     *
     * A clock is N days (calendar or working) counted from a date, the
     * same day or the day after; what happens to it is clock_event rows
     * (start, stop with a reason, resume, extend by N days with a reason,
     * complete), each with the date it takes effect. Both are append-only:
     * the due date is worked out from them (model/calendar.h), never stored,
     * so it cannot drift from its history. Every change is audited in its
     * own transaction (store/clocks.c, store/calendar.c). */
    "CREATE TABLE calendar_load("
    "  id INTEGER PRIMARY KEY,"
    "  division TEXT NOT NULL CHECK(division = 'england-and-wales'),"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL CHECK(length(sha256) = 64),"
    "  holidays INTEGER NOT NULL CHECK(holidays BETWEEN 1 AND 1024),"
    "  loaded_at TEXT NOT NULL,"
    "  loaded_by TEXT NOT NULL);"
    "CREATE TABLE calendar_holiday("
    "  id INTEGER PRIMARY KEY,"
    "  load_id INTEGER NOT NULL REFERENCES calendar_load(id),"
    "  date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  title TEXT NOT NULL CHECK(length(title) BETWEEN 1 AND 127),"
    "  notes TEXT NOT NULL CHECK(length(notes) <= 127),"
    "  bunting INTEGER NOT NULL CHECK(bunting IN (0, 1)),"
    "  UNIQUE(load_id, date));"
    "CREATE TABLE clock("
    "  id INTEGER PRIMARY KEY,"
    "  subject TEXT NOT NULL CHECK(subject GLOB '[a-z]*:?*' AND length(subject) <= 133),"
    "  purpose TEXT NOT NULL CHECK(length(trim(purpose)) > 0 AND length(purpose) <= 500),"
    "  basis TEXT NOT NULL CHECK(basis IN ('calendar', 'working')),"
    "  days INTEGER NOT NULL CHECK(days BETWEEN 1 AND 3660),"
    "  start_date TEXT NOT NULL"
    "    CHECK(start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  start_rule TEXT NOT NULL CHECK(start_rule IN ('same-day', 'day-after')),"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL);"
    "CREATE INDEX clock_subject ON clock(subject);"
    "CREATE TABLE clock_event("
    "  id INTEGER PRIMARY KEY,"
    "  clock_id INTEGER NOT NULL REFERENCES clock(id),"
    "  kind TEXT NOT NULL CHECK(kind IN ('start', 'stop', 'resume', 'extend', 'complete')),"
    "  effective TEXT NOT NULL"
    "    CHECK(effective GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  days INTEGER CHECK((kind = 'extend') = (days IS NOT NULL)"
    "    AND (days IS NULL OR days BETWEEN 1 AND 3660)),"
    "  reason TEXT CHECK(kind NOT IN ('stop', 'extend') OR length(trim(reason)) > 0),"
    "  at TEXT NOT NULL,"
    "  actor TEXT NOT NULL);"
    "CREATE INDEX clock_event_clock ON clock_event(clock_id, id);"
    /* a clock starts once and completes once */
    "CREATE UNIQUE INDEX clock_event_once ON clock_event(clock_id, kind)"
    "  WHERE kind IN ('start', 'complete');"
    APPEND_ONLY("calendar_load", "rowid = NEW.rowid", "a calendar load")
    APPEND_ONLY("calendar_holiday",
                "rowid = NEW.rowid OR (load_id = NEW.load_id AND date = NEW.date)",
                "a loaded bank holiday")
    APPEND_ONLY("clock", "rowid = NEW.rowid", "a clock")
    APPEND_ONLY("clock_event",
                "rowid = NEW.rowid OR (NEW.kind IN ('start', 'complete') AND kind = NEW.kind"
                " AND clock_id = NEW.clock_id)",
                "a clock event"),
    /* ---- end of 12 ------------------------------------------------------ */
    /* 13: the decision register (its text is above, as MIGRATION_DECISIONS) */
    MIGRATION_DECISIONS,
    /* 14: files staff upload (a decision's supporting papers; later the
     * registers' spreadsheets): the bytes as sent, their SHA-256 (the
     * file's name everywhere: the same bytes are one row) and the kind
     * read from the content (util/filetype.h), never the sender's claim.
     * Append-only: a paper relied on never changes; a new one is a new
     * row. */
    "CREATE TABLE upload("
    "  id INTEGER PRIMARY KEY,"
    "  sha256 TEXT NOT NULL UNIQUE CHECK(length(sha256) = 64),"
    "  kind TEXT NOT NULL CHECK(kind IN ('pdf', 'xlsx', 'csv')),"
    "  name TEXT NOT NULL CHECK(length(name) BETWEEN 1 AND 200),"
    "  size INTEGER NOT NULL CHECK(size = length(bytes)),"
    "  bytes BLOB NOT NULL,"
    "  uploaded_at TEXT NOT NULL,"
    "  uploaded_by TEXT NOT NULL);"
    APPEND_ONLY("upload", "rowid = NEW.rowid OR sha256 = NEW.sha256", "an uploaded file"),
    /* 15: an account's second factor (util/totp.h): its secret, shared
     * with the account holder's authenticator app, and the last step a
     * code was used at, so that no code is used twice. Unconfirmed until
     * the holder has typed a code from the app. Every change is audited
     * (store/account_totp.c), never with the secret. */
    "CREATE TABLE account_totp("
    "  account_id INTEGER PRIMARY KEY REFERENCES account(id),"
    "  secret TEXT NOT NULL CHECK(length(secret) = 32),"
    "  created_at TEXT NOT NULL,"
    "  confirmed_at TEXT,"
    "  last_step INTEGER NOT NULL DEFAULT 0);",
    /* 16: the review of an exempt part (store/decision_review.c): at its
     * review date the monitoring officer releases it (its text becomes
     * public, beside the field it was kept from) or keeps it until a new
     * date, saying why. Append-only; one release per part at most. A
     * part's review date is its last review's, else its own. */
    "CREATE TABLE decision_exempt_review("
    "  id INTEGER PRIMARY KEY,"
    "  exempt_id INTEGER NOT NULL REFERENCES decision_exempt(id),"
    "  outcome TEXT NOT NULL CHECK(outcome IN ('released', 'kept')),"
    "  review_on TEXT CHECK((outcome = 'kept') = (review_on IS NOT NULL)"
    "   AND (review_on IS NULL OR date(review_on) = review_on)),"
    "  why TEXT NOT NULL CHECK(length(why) > 0),"
    "  by_user TEXT NOT NULL, at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX decision_exempt_released ON decision_exempt_review(exempt_id)"
    "  WHERE outcome = 'released';"
    "CREATE INDEX decision_exempt_review_by_part ON decision_exempt_review(exempt_id, id);"
    APPEND_ONLY("decision_exempt_review", "rowid = NEW.rowid", "the review of an exempt part")
    /* The parts still exempt: what every public read keeps out. */
    "CREATE VIEW decision_exempt_held AS SELECT x.* FROM decision_exempt x"
    "  WHERE NOT EXISTS(SELECT 1 FROM decision_exempt_review r WHERE r.exempt_id = x.id"
    "   AND r.outcome = 'released');",
    /* 17: the transparency calendar and HMICFRS reports (above, as
     * MIGRATION_TRANSPARENCY) */
    MIGRATION_TRANSPARENCY,
    /* 18: the spend register (its text is above, as MIGRATION_SPEND) */
    MIGRATION_SPEND,
    /* 19: the force area. An LSOA outside it (a crime the force recorded
     * elsewhere) is gathered into one row wherever areas are listed; the
     * rule is FORCE_AREA_UPDATE (store_internal.h), run again after every
     * import and lookup load. Lookup values lose a trailing " UA" (ONS 2011
     * names unitary authorities "Leicester UA"), as import-areas now does,
     * so that a district has the name police.uk gives it. */
    "ALTER TABLE lsoa ADD COLUMN outside INTEGER NOT NULL DEFAULT 0;"
    "UPDATE area SET value = substr(value, 1, length(value) - 3) WHERE value LIKE '% UA';"
    FORCE_AREA_UPDATE,
    /* 20: a metric's chart options, as its plan chose them (docs/plans.md,
     * charts); NULL where the plan chose none, so every earlier plan keeps
     * the defaults. rebase is the months, one a line, or none. */
    "ALTER TABLE plan_metric ADD COLUMN chart_screen INTEGER;"
    "ALTER TABLE plan_metric ADD COLUMN chart_baseline INTEGER;"
    "ALTER TABLE plan_metric ADD COLUMN chart_rebase TEXT;"
    "ALTER TABLE plan_metric ADD COLUMN chart_run_length INTEGER;"
    "ALTER TABLE plan_metric ADD COLUMN chart_trend_length INTEGER;"
    "ALTER TABLE plan_metric ADD COLUMN chart_min_points INTEGER;"
    "ALTER TABLE plan_metric ADD COLUMN chart_funnel TEXT;",
    /* 21: a slice's CSV written as it is imported, a piece at a time
     * (store/export.h): export_csv keeps the rows after the last piece, or
     * all of them, and each piece before is a row here, its id the slice's
     * times 2^32 plus its number, read in id order. The blobs of migration 8
     * stay valid: a slice with no pieces is its export_csv row alone. Every
     * trigger of migration 8 deletes export_csv rows, so the pieces go with
     * their row. */
    "CREATE TABLE export_part("
    "  id INTEGER PRIMARY KEY,"
    "  csv BLOB NOT NULL);"
    "CREATE TRIGGER export_csv_parts AFTER DELETE ON export_csv"
    "  BEGIN DELETE FROM export_part WHERE id BETWEEN OLD.slice_id * 4294967296"
    "  AND OLD.slice_id * 4294967296 + 4294967295; END;"
    /* And a district of the lookup drops only the CSV of the slices whose
     * rows it changes, not all of it: a row shows the lookup's district,
     * else the one its LSOA name gives (DISTRICT_OF, query_internal.h), so
     * adding or removing the lookup's row for a code changes the rows of
     * that code's LSOAs only where the two differ. Loading a lookup whose
     * districts are the names' (the usual case), or loading the same one
     * again, keeps every slice's CSV, where each load used to render them
     * all again. Any other change of a district row drops the slices of
     * both its codes. */
    "DROP TRIGGER export_area_insert;"
    "DROP TRIGGER export_area_update;"
    "DROP TRIGGER export_area_delete;"
    EXPORT_AREA_TRIGGERS(EXPORT_DROP_LSOA),
    /* 22: the resident population of each census ethnic group (model/ethnicity.h)
     * per police force area (`peel import-population --ethnicity`), for
     * stop-and-search rates per 1,000 people of each group. Loading
     * replaces them all, as the other populations do. */
    "CREATE TABLE ethnic_population("
    "  force_slug TEXT NOT NULL,"
    "  ethnic_group TEXT NOT NULL"
    "   CHECK(ethnic_group IN ('Asian', 'Black', 'Mixed', 'White', 'Other')),"
    "  population INTEGER NOT NULL CHECK(population >= 0),"
    "  source TEXT NOT NULL,"
    "  PRIMARY KEY(force_slug, ethnic_group)) WITHOUT ROWID;",
    /* 23: the budget register (its text is above, as MIGRATION_BUDGET) */
    MIGRATION_BUDGET,
    /* 24: the personal-data vault (store/vault.h, docs/vault.md): personal
     * fields kept apart from case data, each sealed under its subject's
     * key; the keys live in a key file outside this database, which
     * vault_binding names (set once, never changed). vault_index holds
     * the blind-index digests a subject-access search looks up. Rows of
     * vault_value and vault_index are deleted when their subject is
     * destroyed, so neither is append-only. */
    "CREATE TABLE vault_binding("
    "  id INTEGER PRIMARY KEY CHECK(id = 1),"
    "  file_id TEXT NOT NULL CHECK(length(file_id) = 32),"
    "  created_at TEXT NOT NULL);"
    APPEND_ONLY("vault_binding", "rowid = NEW.rowid", "the vault key file binding")
    "CREATE TABLE vault_value("
    "  subject TEXT NOT NULL CHECK(subject GLOB '[a-z]*:?*' AND length(subject) <= 133),"
    "  field TEXT NOT NULL CHECK(length(field) BETWEEN 1 AND 40"
    "    AND field NOT GLOB '*[^a-z0-9_]*'),"
    "  nonce BLOB NOT NULL CHECK(length(nonce) = 24),"
    "  box BLOB NOT NULL CHECK(length(box) >= 17),"
    "  written_at TEXT NOT NULL,"
    "  written_by TEXT NOT NULL,"
    "  PRIMARY KEY(subject, field)) WITHOUT ROWID;"
    "CREATE TABLE vault_index("
    "  subject TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  digest BLOB NOT NULL CHECK(length(digest) = 32),"
    "  PRIMARY KEY(subject, field),"
    "  FOREIGN KEY(subject, field) REFERENCES vault_value(subject, field)) WITHOUT ROWID;"
    "CREATE INDEX vault_index_digest ON vault_index(field, digest);",
    /* 25: the casework register (store/concerns.h, docs/concerns.md).
     * concern holds what never changes about a case (no personal field:
     * those are in the vault under concern:REF); concern_event its history,
     * append-only; allegation categories are data, loaded from a file. */
    "CREATE TABLE concern("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT NOT NULL UNIQUE CHECK(ref GLOB 'C-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),"
    "  kind TEXT NOT NULL"
    "    CHECK(kind IN ('police', 'review', 'commissioner', 'chief', 'foi', 'other')),"
    "  channel TEXT NOT NULL"
    "    CHECK(channel IN ('web', 'email', 'letter', 'phone', 'in-person')),"
    "  received_on TEXT NOT NULL CHECK(date(received_on) = received_on),"
    "  outcome_on TEXT CHECK(outcome_on IS NULL OR date(outcome_on) = outcome_on),"
    "  misdirected_sent TEXT CHECK(misdirected_sent IS NULL"
    "    OR date(misdirected_sent) = misdirected_sent),"
    "  misdirected_forwarded TEXT CHECK(misdirected_forwarded IS NULL"
    "    OR date(misdirected_forwarded) = misdirected_forwarded),"
    "  review_due TEXT CHECK(review_due IS NULL OR date(review_due) = review_due),"
    "  in_time INTEGER CHECK(in_time IN (0, 1)),"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL);"
    APPEND_ONLY("concern", "rowid = NEW.rowid OR ref = NEW.ref", "a case")
    "CREATE TABLE concern_event("
    "  id INTEGER PRIMARY KEY,"
    "  concern_id INTEGER NOT NULL REFERENCES concern(id),"
    "  kind TEXT NOT NULL CHECK(kind IN ('acknowledged', 'passed-on', 'assigned', 'conflict',"
    "    'decided', 'recommended', 'responded', 'categorised', 'closed', 'destroyed')),"
    "  on_date TEXT NOT NULL CHECK(date(on_date) = on_date),"
    "  note TEXT NOT NULL CHECK(length(note) <= 5000),"
    "  at TEXT NOT NULL,"
    "  actor TEXT NOT NULL);"
    "CREATE INDEX concern_event_case ON concern_event(concern_id, id);"
    "CREATE UNIQUE INDEX concern_event_once ON concern_event(concern_id, kind)"
    "  WHERE kind IN ('acknowledged', 'decided', 'closed', 'destroyed');"
    APPEND_ONLY("concern_event", "rowid = NEW.rowid", "a case event")
    "CREATE TABLE allegation_category("
    "  code TEXT PRIMARY KEY CHECK(length(code) BETWEEN 1 AND 16"
    "    AND code NOT GLOB '*[^A-Z0-9-]*'),"
    "  label TEXT NOT NULL CHECK(length(trim(label)) BETWEEN 1 AND 200),"
    "  added_at TEXT NOT NULL);"
    "CREATE TABLE concern_category("
    "  concern_id INTEGER NOT NULL REFERENCES concern(id),"
    "  code TEXT NOT NULL REFERENCES allegation_category(code),"
    "  PRIMARY KEY(concern_id, code)) WITHOUT ROWID;",
    /* 26: the Commissioner's Safety Fund (above, as MIGRATION_FUND) */
    MIGRATION_FUND,
    /* 27: grants received (above, as MIGRATION_GRANTS_RECEIVED) */
    MIGRATION_GRANTS_RECEIVED,
    /* 28: applications and assessment (above, as MIGRATION_FUND_APPLICATIONS) */
    MIGRATION_FUND_APPLICATIONS,
    /* 29: the registers of interests, gifts and hospitality, and salaries
     * (above, as MIGRATION_REGISTERS) */
    MIGRATION_REGISTERS,
    /* 30: the Order's item 7C: the IOPC's quarterly figures (above) */
    MIGRATION_COMPLAINTS_DATA,
    /* 31: investigations unfinished at 12 months, then every 6 (above) */
    MIGRATION_INVESTIGATIONS,
    /* 32: the contracts register (above, as MIGRATION_CONTRACTS) */
    MIGRATION_CONTRACTS,
    /* 33: indexes for the scope of a rate (store_population): an LSOA's
     * code finds whether it is outside the force area, and whether the
     * area lookup lists it, in one covering index each, so that summing
     * the residents probes each population row's code instead of listing
     * every LSOA (issue 16). lsoa_code_outside answers all that lsoa_code
     * did. */
    "CREATE INDEX lsoa_code_outside ON lsoa(code, outside);"
    "DROP INDEX lsoa_code;"
    "CREATE INDEX area_lsoa ON area(lsoa_code);",
    /* 34: the redacted copy of a contract (above, as MIGRATION_CONTRACT_COPIES) */
    MIGRATION_CONTRACT_COPIES,
    /* 35: after an award: payments and monitoring returns (above, as MIGRATION_FUND_AFTER) */
    MIGRATION_FUND_AFTER,
    /* 36: commissioned services (above, as MIGRATION_SERVICES) */
    MIGRATION_SERVICES,
    /* 37: letter templates and the letters drafted from them (above, as
     * MIGRATION_LETTERS) */
    MIGRATION_LETTERS,
    /* 38: the IOPC's annual statistics (above, as MIGRATION_IOPC_ANNUAL) */
    MIGRATION_IOPC_ANNUAL,
    /* 39: the office-holders' contact details (above, as
     * MIGRATION_OFFICE_HOLDERS) */
    MIGRATION_OFFICE_HOLDERS,
    /* 40: payments reversed (above, as MIGRATION_FUND_REVERSALS) */
    MIGRATION_FUND_REVERSALS,
    /* 41: assessors allocated (above, as MIGRATION_FUND_ALLOCATION) */
    MIGRATION_FUND_ALLOCATION,
    /* 42: the LSOA rollup clustered as it is read (above, as MIGRATION_ROLLUP_LSOA_CLUSTERED) */
    MIGRATION_ROLLUP_LSOA_CLUSTERED,
    /* 43: spells with wrong bodies, and letters as PDF (above, as
     * MIGRATION_MISDIRECTED and MIGRATION_LETTER_PDF) */
    MIGRATION_MISDIRECTED MIGRATION_LETTER_PDF,
    /* 44: the written sections of the Commissioner's annual complaints
     * report (store/complaints_report.h): each save the section's next
     * version, append-only; the report itself is frozen by peel publish */
    "CREATE TABLE complaints_report_text("
    "  id INTEGER PRIMARY KEY,"
    "  year TEXT NOT NULL CHECK(year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),"
    "  section TEXT NOT NULL CHECK(length(section) BETWEEN 1 AND 40"
    "    AND section NOT GLOB '*[^a-z-]*'),"
    "  version INTEGER NOT NULL CHECK(version >= 1),"
    "  text TEXT NOT NULL CHECK(length(trim(text)) >= 1 AND length(CAST(text AS BLOB)) <= 20000),"
    "  saved_at TEXT NOT NULL, saved_by TEXT NOT NULL,"
    "  UNIQUE(year, section, version));"
    APPEND_ONLY("complaints_report_text", "rowid = NEW.rowid OR (year = NEW.year"
                " AND section = NEW.section AND version = NEW.version)", "a report section"),
    /* 45: a contract's funding source and the plan's missions it serves
     * (issue 17 part 2; store/contracts.h): two columns of each version,
     * "" for the versions published before them. ADD COLUMN changes no
     * row, so the append-only triggers stand as they were. */
    "ALTER TABLE contract_version ADD COLUMN funding TEXT NOT NULL DEFAULT ''"
    "  CHECK(length(funding) <= 2000);"
    "ALTER TABLE contract_version ADD COLUMN serves TEXT NOT NULL DEFAULT ''"
    "  CHECK(length(serves) <= 2000);",
    /* 46: a case event's free-text note is blanked when its case's personal
     * details are destroyed at the end of retention (store/concerns.h): a
     * note may name the person, and must not outlive them. concern_event
     * stays append-only but for that one change: the note of an event other
     * than a decision, a category or an assignment (the statistics' and the
     * register's structured notes) set to '' once the case has its
     * 'destroyed' event, nothing else of the row touched. */
    "DROP TRIGGER concern_event_kept;"
    "CREATE TRIGGER concern_event_kept BEFORE UPDATE ON concern_event"
    "  WHEN NOT (NEW.note = '' AND NEW.id IS OLD.id AND NEW.concern_id IS OLD.concern_id"
    "    AND NEW.kind IS OLD.kind AND NEW.on_date IS OLD.on_date AND NEW.at IS OLD.at"
    "    AND NEW.actor IS OLD.actor"
    "    AND OLD.kind NOT IN ('decided', 'categorised', 'assigned', 'destroyed')"
    "    AND EXISTS(SELECT 1 FROM concern_event d WHERE d.concern_id = OLD.concern_id"
    "      AND d.kind = 'destroyed'))"
    "  BEGIN SELECT RAISE(ABORT, 'a case event never changes'); END;",
    /* 47: office-holders' expenses told apart (issue 17, Specified
     * Information Order para 3(h); store/spend.h): an item of spend says
     * whether it is an office-holder's travel, accommodation or
     * subsistence (0 for the items published before it: the files then
     * did not say). ADD COLUMN changes no row, so spend_item's
     * append-only triggers stand. transparency_item is rebuilt so that an
     * item may be kept by those expenses or by the fund register's
     * published awards (its triggers made again). */
    "ALTER TABLE spend_item ADD COLUMN office_holder INTEGER NOT NULL DEFAULT 0"
    "  CHECK(office_holder IN (0, 1));"
    "CREATE INDEX spend_item_office_holder ON spend_item(office_holder, version_id);"
    "CREATE TABLE transparency_item_expenses(" TRANSPARENCY_ITEM_COLUMNS(
        "'', 'decisions', 'hmicfrs', 'spend', 'budget', 'interests', 'gifts', 'salaries', "
        "'complaints', 'contracts', 'expenses', 'grants'") ");"
    "INSERT INTO transparency_item_expenses SELECT * FROM transparency_item;"
    "DROP TABLE transparency_item;"
    "ALTER TABLE transparency_item_expenses RENAME TO transparency_item;"
    APPEND_ONLY("transparency_item", "rowid = NEW.rowid OR (load_id = NEW.load_id"
                " AND (key = NEW.key OR position = NEW.position))", "a transparency item"),
    /* 48: the codes of a grouping's areas (store/areas.h), from a lookup's
     * column named after the grouping and "code" (csp and csp_code): the
     * area keeps its name, which people read and applications store, and
     * the code is for the machine formats (360Giving's geoCode). Replaced
     * with its grouping; a grouping without codes has no rows. */
    "CREATE TABLE area_code("
    "  grouping TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  code TEXT NOT NULL CHECK(length(code) BETWEEN 1 AND 40),"
    "  PRIMARY KEY(grouping, value)) WITHOUT ROWID;"
    "CREATE UNIQUE INDEX area_code_code ON area_code(grouping, code);",
    /* 49: a plan's loaded metric may name the IOPC measure whose figure for
     * the force is its value (issue 19, Order 7C(a); docs/plans.md): `peel
     * iopc import` writes those values in the same transaction as the
     * figures (store/iopc.h). NULL for every metric saved before it. ADD
     * COLUMN changes no row, so plan_metric's append-only triggers stand. */
    "ALTER TABLE plan_metric ADD COLUMN iopc_measure TEXT;",
    /* 50: a district's LSOAs by name (store/query.c, where_what): an
     * index instead of computing the district of every LSOA, twice in
     * every question asked of one district (issue 16). */
    "CREATE INDEX lsoa_district ON lsoa(district);",
    /* 51: where in a workbook each IOPC figure was read ("sheet 'S' cell
     * D7"; NULL for a CSV, whose line is the figure's line), so that a plan
     * loaded after the figures sources the values it takes from them to
     * the cell as `peel iopc import` does (store/iopc.h). NULL for every
     * figure loaded before it: those are sourced to their line. ADD COLUMN
     * changes no row, so the append-only triggers stand. */
    ("ALTER TABLE iopc_figure ADD COLUMN cell TEXT;"
     "ALTER TABLE iopc_year_figure ADD COLUMN cell TEXT;"),
    /* 52: the force rollup summed over forces, one row per (month, crime
     * type, outcome), for the questions asked of every force with no area
     * (store/query.c, query_rollup): the annual table read 24 months of
     * every force's rows (163,660 on a 43-force archive; 4,200 here). A
     * row is here exactly when rollup_force has one for its key (a group
     * wherever a rollup row is), since rollup_force's counts are never 0.
     * Built from the rows the store holds (in rollup_force_by_month's
     * order: no sort); kept by the one writer of rollup_force, the import
     * (store/import.c: a transaction's changes summed in memory and written
     * at its commit, where triggers on rollup_force cost every upsert a
     * statement journal: 27% more CPU on a 12-month import). */
    "CREATE TABLE rollup_all("
    "  month INTEGER NOT NULL,"
    "  crime_type_id INTEGER NOT NULL,"
    "  outcome_id INTEGER NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  PRIMARY KEY(month, crime_type_id, outcome_id)) WITHOUT ROWID;"
    "INSERT INTO rollup_all(month, crime_type_id, outcome_id, n)"
    "  SELECT month, crime_type_id, outcome_id, sum(n) FROM rollup_force"
    "  GROUP BY month, crime_type_id, outcome_id;",
    /* 53: the LSOA rollup packed, a row per (LSOA, month, force) with its
     * total and its cells (store/rollup_cells.h): a tenth of the rows for
     * the import to write at its commit and for scan and compare to read
     * (issue 16). The columns the force area and the area triggers read
     * (lsoa_id, month, force_id, n) keep their names, so those stand as
     * they were (the triggers are dropped and made again only because
     * RENAME checks every trigger of the schema, and theirs would name the
     * table dropped); the questions that need a cell's crime type or
     * outcome read the view rollup_lsoa_cell, the old table's shape. The
     * functions are registered on peel's connections only: the sqlite3
     * shell can read rollup_lsoa's columns but not the view. The GROUP BY
     * sorts every old row (3.2M for a year of 43 forces), in temporary
     * files past the page cache's size (store_migrate). */
    MIGRATION_ROLLUP_LSOA_PACKED,
    /* 54: rollup_lsoa_cell is a virtual table over rollup_lsoa's rows
     * (store/rollup_cell_table.c), registered on every connection, which
     * can tell SQLite the order its cells come in; the view of migration 53
     * could not, and every question grouped by LSOA, month and crime type
     * sorted all the cells. Dropping the view leaves the name to it. */
    "DROP VIEW rollup_lsoa_cell;",
    /* 55: the form of a slice's download rows, its own row's and its
     * pieces' (one writer writes them all, and they go together): text as
     * before (0), or packed (1, store/export_pack.h), as an import now
     * writes them: 20% of the bytes to copy into the store. The rows
     * stored so far are text, and stay valid. */
    "ALTER TABLE export_csv ADD COLUMN form INTEGER NOT NULL DEFAULT 0;",
    /* 56: the indexes a first load dropped, to be built after its commit
     * in a transaction of their own (store/deferred_index.c): a row each,
     * written with the drop and deleted with the build. */
    "CREATE TABLE deferred_index(name TEXT PRIMARY KEY, sql TEXT NOT NULL) WITHOUT ROWID;",
    /* 57: crime and outcome without a rowid, keyed by the same id: an
     * import appends each file's rows in id order, and SQLite seeks an
     * explicit rowid from the root for every row (its check that the
     * rowid is new), where an index B-tree's seek starts on the last page
     * when the cursor is there. The year's import: that seek and its
     * varints were 5.6% of the CPU, 0.9% after; wall 0.95 (bench/README.md).
     * MIGRATION_WITHOUT_ROWID explains the steps. */
    MIGRATION_WITHOUT_ROWID,
    /* 58: crime and outcome without their generated columns slice_id and
     * line, which SQLite computed for every row stored: storing a crime
     * cost 13.5% less after (bench/README.md). MIGRATION_NO_GENERATED_IDS
     * explains the steps. */
    MIGRATION_NO_GENERATED_IDS,
    /* 59: crime and outcome rowid tables again, an import letting SQLite
     * give each appended row its id (the largest plus one), which needs no
     * seek: storing a month's crimes took 25% fewer instructions, the
     * writing thread 14.7% fewer (bench/README.md). MIGRATION_ROWID
     * explains the steps. */
    MIGRATION_ROWID,
};
/* clang-format on */

#define MIGRATIONS (int)(sizeof migrations / sizeof migrations[0])

int store_latest_version(void)
{
    return MIGRATIONS;
}

int store_migration_with(const char *text)
{
    for (int v = 0; v < MIGRATIONS; v++)
        if (strstr(migrations[v], text))
            return v + 1;
    return 0;
}

int store_migration_rerun(struct store *s, int v, struct buf *err)
{
    assert(v >= 1 && v <= MIGRATIONS);
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    if (store_exec(s, migrations[v - 1], err) < 0) {
        buf_printf(err, " (in migration %d)", v);
        store_exec(s, "ROLLBACK", err);
        return -1;
    }
    return store_exec(s, "COMMIT", err);
}

/* Every table migrations 9 to 14 (and 5, for publications) made append-only or
 * finished once. */
static const char *const append_only_tables[] = {
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
    /* 12 */
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
    /* 17 */
    "transparency_load",
    "transparency_item",
    "transparency_publication",
    "transparency_event",
    "hmicfrs_report",
    "hmicfrs_step",
    "hmicfrs_response",
    "hmicfrs_publication",
    /* 18 */
    "spend_version",
    "spend_item",
    "spend_change",
    /* 23 */
    "budget_version",
    "budget_line",
    "precept_step",
    "mtfs_version",
    "mtfs_year",
    /* 24 */
    "vault_binding",
    /* 25 */
    "concern",
    "concern_event",
    /* 26, 27 */
    "fund_programme",
    "fund_year",
    "fund_award",
    "grant_received_load",
    "grant_received",
    /* 28 */
    "fund_conflict",
    "fund_score",
    "fund_moderation",
    /* 29 */
    "register_entry",
    /* 30, 31 */
    "iopc_load",
    "iopc_figure",
    "investigation",
    "investigation_event",
    /* 32 */
    "contract_version",
    /* 34 */
    "contract_copy",
    "contract_redaction",
    /* 35 */
    "fund_payment",
    "fund_return",
    "fund_return_report",
    /* 36 */
    "service_version",
    "service_outcome",
    "service_return",
    "service_return_outcome",
    /* 37 */
    "letter_template",
    "letter_draft",
    /* 38 */
    "iopc_year_load",
    "iopc_year_figure",
    /* 39 */
    "office_holder_contact",
    /* 40 */
    "fund_payment_reversal",
    /* 41 */
    "fund_allocation",
    /* 43 */
    "concern_misdirected",
    /* 44 */
    "complaints_report_text",
};

const char *store_append_only_table(size_t i)
{
    return i < sizeof append_only_tables / sizeof append_only_tables[0] ? append_only_tables[i]
                                                                        : NULL;
}

/* The outcome mapping is code (model/outcomes.c); keep the tables equal to
 * it on every open so that a corrected mapping reaches old databases. */
static int sync_outcome_mapping(struct store *s, struct buf *err)
{
    sqlite3_stmt *g = store_prepare(
        s,
        "INSERT INTO outcome_group(code, name, ho_types, positive) VALUES(?1, ?2, ?3, ?4)"
        " ON CONFLICT(code) DO UPDATE SET name = ?2, ho_types = ?3, positive = ?4",
        err);
    sqlite3_stmt *c = store_prepare(s,
                                    "INSERT INTO outcome_category(name, group_id)"
                                    " SELECT ?1, id FROM outcome_group WHERE code = ?2"
                                    " ON CONFLICT(name) DO UPDATE SET group_id = excluded.group_id",
                                    err);
    int rc = (g && c) ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < outcome_groups_count; i++) {
        sqlite3_bind_text(g, 1, outcome_groups[i].code, -1, SQLITE_STATIC);
        sqlite3_bind_text(g, 2, outcome_groups[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(g, 3, outcome_groups[i].ho_types, -1, SQLITE_STATIC);
        sqlite3_bind_int(g, 4, outcome_groups[i].positive);
        if (sqlite3_step(g) != SQLITE_DONE)
            rc = store_fail(s, err, "storing outcome groups");
        sqlite3_reset(g);
    }
    for (size_t i = 0; rc == 0 && i < outcome_categories_count; i++) {
        sqlite3_bind_text(c, 1, outcome_categories[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(c, 2, outcome_categories[i].group_code, -1, SQLITE_STATIC);
        if (sqlite3_step(c) != SQLITE_DONE)
            rc = store_fail(s, err, "storing outcome categories");
        sqlite3_reset(c);
    }
    sqlite3_finalize(g);
    sqlite3_finalize(c);
    return rc;
}

/* Whether the database's outcome tables already equal the mapping: read
 * first, so that opening an up-to-date store takes no write lock. */
static bool outcome_mapping_current(struct store *s)
{
    sqlite3_stmt *g = NULL, *c = NULL;
    bool current = sqlite3_prepare_v2(s->db,
                                      "SELECT 1 FROM outcome_group WHERE code = ?1 AND name = ?2"
                                      " AND ho_types = ?3 AND positive = ?4",
                                      -1, &g, NULL) == SQLITE_OK &&
                   sqlite3_prepare_v2(s->db,
                                      "SELECT 1 FROM outcome_category oc JOIN outcome_group og"
                                      " ON og.id = oc.group_id WHERE oc.name = ?1 AND og.code = ?2",
                                      -1, &c, NULL) == SQLITE_OK;
    for (size_t i = 0; current && i < outcome_groups_count; i++) {
        sqlite3_bind_text(g, 1, outcome_groups[i].code, -1, SQLITE_STATIC);
        sqlite3_bind_text(g, 2, outcome_groups[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(g, 3, outcome_groups[i].ho_types, -1, SQLITE_STATIC);
        sqlite3_bind_int(g, 4, outcome_groups[i].positive);
        current = sqlite3_step(g) == SQLITE_ROW;
        sqlite3_reset(g);
    }
    for (size_t i = 0; current && i < outcome_categories_count; i++) {
        sqlite3_bind_text(c, 1, outcome_categories[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(c, 2, outcome_categories[i].group_code, -1, SQLITE_STATIC);
        current = sqlite3_step(c) == SQLITE_ROW;
        sqlite3_reset(c);
    }
    sqlite3_finalize(g);
    sqlite3_finalize(c);
    return current;
}

/* A new, empty store made by this build's script of the latest schema
 * (schema_image.h): 1 when made, 0 when the migrations are to make it
 * (the script is of another migration, the file holds something already,
 * or the caller asked for them), -1 with err. */
static int fresh_store(struct store *s, struct buf *err)
{
    if (s->stepwise || store_fresh_version != MIGRATIONS)
        return 0;
    int64_t objects = 0;
    if (store_int64(s, "SELECT count(*) FROM sqlite_schema", &objects, "reading the schema", err) <
        0)
        return -1;
    if (objects)
        return 0;
    /* the rows go in before the tables' triggers exist, parents perhaps
     * after their children: the keys are checked at the commit */
    if (store_exec(s, "PRAGMA defer_foreign_keys=ON", err) < 0)
        return -1;
    for (size_t i = 0; i < store_fresh_statements; i++)
        if (store_exec(s, store_fresh_script[i], err) < 0) {
            buf_printf(err, " (making a new store, statement %zu)", i + 1);
            return -1;
        }
    struct buf sql = BUF_INIT;
    buf_printf(&sql, "PRAGMA user_version = %d;", MIGRATIONS);
    int rc = store_exec(s, sql.p, err);
    buf_free(&sql);
    return rc < 0 ? -1 : 1;
}

/* Runs the migrations from the store's version on (or, for a new store,
 * its script), and syncs the outcome mapping, in one transaction. */
static int migrate_from(struct store *s, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int version = store_schema_version(s);
    if (version > MIGRATIONS) {
        buf_printf(err, "database %s has schema version %d, newer than this peel (%d)", s->path,
                   version, MIGRATIONS);
        store_exec(s, "ROLLBACK", err);
        return -1;
    }
    int fresh = version == 0 ? fresh_store(s, err) : 0;
    if (fresh < 0) {
        store_exec(s, "ROLLBACK", err);
        return -1;
    }
    for (int v = fresh ? MIGRATIONS : version; v < MIGRATIONS; v++) {
        struct buf sql = BUF_INIT;
        buf_printf(&sql, "%s PRAGMA user_version = %d;", migrations[v], v + 1);
        int rc = store_exec(s, sql.p, err);
        buf_free(&sql);
        if (rc < 0) {
            buf_printf(err, " (in migration %d)", v + 1);
            store_exec(s, "ROLLBACK", err);
            return -1;
        }
    }
    if (sync_outcome_mapping(s, err) < 0) {
        store_exec(s, "ROLLBACK", err);
        return -1;
    }
    return store_exec(s, "COMMIT", err);
}

/* Migrations rebuild whole tables (53 sorts every row of the area rollup),
 * so their temporary storage is in files: SQLite's sorter then spills past
 * the page cache's size, where in memory it held every row (migrating a
 * year of 43 forces peaked at 222 MB; 141-155 MB in files). */
static int migrate(struct store *s, struct buf *err)
{
    if (store_schema_version(s) == MIGRATIONS && outcome_mapping_current(s))
        return 0;
    return store_with_temp_files(s, migrate_from, err);
}

/* Then the indexes a load deferred and did not build, having been stopped
 * after its commit (store/deferred_index.c). A writer that finds another
 * holding the store leaves them to it, or to the writer after. */
int store_migrate(struct store *s, struct buf *err)
{
    if (migrate(s, err) < 0)
        return -1;
    return store_deferred_index_build(s, err) < 0 ? -1 : 0;
}
