/*
 * transparency.c - the transparency calendar's items, publications and
 * events (see transparency.h). Items are read with what was recorded of
 * them in one statement per item list; the registers' items (decisions,
 * HMICFRS responses) add what those registers hold.
 */
#include "store/transparency.h"
#include "store/fund.h"
#include "store/store_internal.h"
#include "util/month.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const register_names[] = {"",           "decisions", "hmicfrs",  "spend",
                                             "budget",     "interests", "gifts",    "salaries",
                                             "complaints", "contracts", "expenses", "grants"};

const char *tr_register_name(enum tr_register r)
{
    return (size_t)r < sizeof register_names / sizeof register_names[0] ? register_names[r] : "";
}

bool tr_register_parse(const char *s, enum tr_register *r)
{
    for (size_t i = 0; s && i < sizeof register_names / sizeof register_names[0]; i++)
        if (strcmp(s, register_names[i]) == 0) {
            *r = (enum tr_register)i;
            return true;
        }
    return false;
}

const char *tr_key_check(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n < 1 || n > 40)
        return "a key is 1 to 40 characters";
    if (key[0] < 'a' || key[0] > 'z')
        return "a key starts with a lower-case letter";
    for (size_t i = 0; i < n; i++)
        if (!((key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9') ||
              key[i] == '-'))
            return "a key is lower-case letters, digits and '-'";
    return NULL;
}

const char *tr_refusal_text(int r)
{
    switch (r) {
    case TR_UNKNOWN_ITEM:
        return "no item of that key in the transparency calendar in use";
    case TR_NEEDS_PERIOD:
        return "the item is published by period: say which (--period)";
    case TR_NO_PERIOD:
        return "the item is not published by period: --period does not apply";
    case TR_KEPT_BY_REGISTER:
        return "the item is kept by a register of Peel's: publish it there";
    }
    return "refused";
}

static int audit(struct store *s, const char *action, const char *key, json_t *after,
                 const struct audit_origin *by, struct buf *err)
{
    return store_audit_fact(s, action, "transparency", key, after, by, err);
}

/* ---- the load ----------------------------------------------------------- */

static int insert_item(sqlite3_stmt *st, int64_t load_id, size_t pos, const struct tr_item *it)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, load_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)pos + 1);
    sqlite3_bind_text(st, 3, it->key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, it->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, it->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, it->publisher, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, tr_kind_name(it->rule.kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, it->rule.days);
    sqlite3_bind_text(st, 9, clock_basis_name(it->rule.basis), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, it->path ? it->path : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, tr_register_name(it->reg), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, it->note ? it->note : "", -1, SQLITE_STATIC);
    return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int load_in(struct store *s, const char *path, const char *sha256,
                   const struct tr_item *items, size_t n, const struct audit_origin *by,
                   int64_t *load_id, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO transparency_load(sha256, path, items, loaded_at,"
                                     " loaded_by) VALUES(?1, ?2, ?3, " STORE_NOW ", ?4)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)n);
    sqlite3_bind_text(st, 4, by->actor, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing a calendar load");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    *load_id = sqlite3_last_insert_rowid(s->db);
    st = store_prepare(s,
                       "INSERT INTO transparency_item(load_id, position, key, title, source,"
                       " publisher, kind, days, basis, path, register, note)"
                       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                       err);
    if (!st)
        return -1;
    json_t *keys = json_array();
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (insert_item(st, *load_id, i, &items[i]) < 0)
            rc = store_fail(s, err, items[i].key);
        json_array_append_new(keys, json_string(items[i].key));
    }
    sqlite3_finalize(st);
    json_t *after = json_pack("{s:I, s:s, s:s, s:o}", "load", (json_int_t)*load_id, "path", path,
                              "sha256", sha256, "items", keys);
    if (rc == 0)
        return audit(s, "transparency.load", "calendar", after, by, err);
    json_decref(after);
    return rc;
}

int store_tr_load(struct store *s, const char *path, const char *sha256,
                  const struct tr_item *items, size_t n, const struct audit_origin *by,
                  int64_t *load_id, struct buf *err)
{
    if (n < 1 || n > TR_MAX_ITEMS) {
        buf_printf(err, "a calendar has 1 to %d items, not %zu", TR_MAX_ITEMS, n);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *why = tr_key_check(items[i].key);
        if (!why)
            why = tr_rule_check(&items[i].rule);
        if (why) {
            buf_printf(err, "item %zu (%s): %s", i + 1, items[i].key ? items[i].key : "", why);
            return -1;
        }
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, load_in(s, path, sha256, items, n, by, load_id, err), err);
}

int store_tr_load_info(struct store *s, struct tr_load_info *out, struct buf *err)
{
    *out = (struct tr_load_info){0};
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT id, sha256, path, loaded_at, loaded_by, items"
                                     " FROM transparency_load ORDER BY id DESC LIMIT 1",
                                     err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        snprintf(out->sha256, sizeof out->sha256, "%s", store_column_text(st, 1));
        snprintf(out->path, sizeof out->path, "%s", store_column_text(st, 2));
        snprintf(out->loaded_at, sizeof out->loaded_at, "%s", store_column_text(st, 3));
        snprintf(out->loaded_by, sizeof out->loaded_by, "%s", store_column_text(st, 4));
        out->items = sqlite3_column_int(st, 5);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading the calendar");
}

/* ---- reading -------------------------------------------------------- */

/* What the registers hold: the decisions published, and those taken and
 * not yet published; the HMICFRS responses published, and the reports
 * not yet responded to; the months of spend published (the latest month,
 * column 3, is the period covered); the years' budgets published (the
 * latest year's first month is the period covered); an entry of the
 * registers of interests, gifts and salaries recorded, a nil return
 * included (for salaries, the financial year of the latest "as at" date
 * is the period covered); the quarters of the IOPC's complaints figures
 * loaded (store/iopc.h: loading one publishes its page; the latest quarter
 * is the period covered); the contracts published (each is published as
 * it is imported: none waits); the months of spend published with
 * office-holders' expenses in them (a month without any says nothing of
 * them: the file may not have marked them), the latest such month the
 * period covered; the awards of the fund register whose round's decision
 * is published (store/fund.h: published with the decision), the latest
 * month of their award dates the period covered. Dates are the days of
 * the events' times. */
#define REGISTER_SQL(kind, covered)                                                                \
    "SELECT (SELECT max(substr(recorded_at, 1, 10)) FROM register_entry WHERE kind = '" kind "')," \
    " NULL, 0, " covered
#define SALARIES_YEAR                                                                              \
    "(SELECT CASE WHEN count(*) > 0 THEN printf('%04d-04', max(CAST(substr(on_date, 1, 4)"         \
    " AS INTEGER) - (substr(on_date, 6, 2) < '04'))) END FROM register_entry"                      \
    " WHERE kind = 'salaries' AND withdrawn = 0)"
#define EXPENSES_IN                                                                                \
    "EXISTS(SELECT 1 FROM spend_item i WHERE i.version_id = v.id AND i.office_holder = 1)"
/* A fund decision whose latest event published it (a withdrawn one is not). */
#define FUND_PUBLISHED(d)                                                                          \
    "(SELECT x.to_state FROM decision_event x WHERE x.decision_id = " d ".id"                      \
    " ORDER BY x.id DESC LIMIT 1) = 'published'"
static const char *const register_sql[] = {
    "",
    "SELECT (SELECT max(substr(at, 1, 10)) FROM decision_event"
    "  WHERE to_state IN ('published', 'withheld')),"
    " (SELECT min(substr(e.at, 1, 10)) FROM decision_event e WHERE e.to_state = 'decided'"
    "  AND (SELECT x.to_state FROM decision_event x WHERE x.decision_id = e.decision_id"
    "  ORDER BY x.id DESC LIMIT 1) = 'decided'),"
    " (SELECT count(*) FROM decision d WHERE (SELECT x.to_state FROM decision_event x"
    "  WHERE x.decision_id = d.id ORDER BY x.id DESC LIMIT 1) = 'decided')",
    "SELECT (SELECT max(published_on) FROM hmicfrs_publication),"
    " (SELECT min(published_on) FROM hmicfrs_report r"
    "  WHERE NOT EXISTS(SELECT 1 FROM hmicfrs_publication p WHERE p.report_id = r.id)),"
    " (SELECT count(*) FROM hmicfrs_report r"
    "  WHERE NOT EXISTS(SELECT 1 FROM hmicfrs_publication p WHERE p.report_id = r.id))",
    ("SELECT (SELECT max(substr(published_at, 1, 10)) FROM spend_version), NULL, 0,"
     " (SELECT max(month) FROM spend_version)"),
    ("SELECT (SELECT max(substr(published_at, 1, 10)) FROM budget_version), NULL, 0,"
     " (SELECT CASE WHEN max(fy) IS NOT NULL THEN printf('%04d-04', max(fy)) END"
     "  FROM budget_version)"),
    REGISTER_SQL("interests", "NULL"),
    REGISTER_SQL("gifts", "NULL"),
    REGISTER_SQL("salaries", SALARIES_YEAR),
    ("SELECT (SELECT max(substr(loaded_at, 1, 10)) FROM iopc_load), NULL, 0,"
     " (SELECT max(quarter) FROM iopc_load)"),
    "SELECT (SELECT max(substr(published_at, 1, 10)) FROM contract_version), NULL, 0",
    ("SELECT (SELECT max(substr(published_at, 1, 10)) FROM spend_version v WHERE " EXPENSES_IN
     "), NULL, 0, (SELECT max(month) FROM spend_version v WHERE " EXPENSES_IN ")"),
    ("SELECT (SELECT max(substr(e.at, 1, 10)) FROM decision_event e JOIN decision d"
     "  ON d.id = e.decision_id WHERE d.ref GLOB '" FUND_DECISION_PREFIX "*'"
     "  AND e.to_state = 'published' AND " FUND_PUBLISHED(
         "d") "), NULL, 0,"
              " (SELECT max(substr(a.awarded_on, 1, 7)) FROM fund_award a"
              "  JOIN fund_round r ON r.id = a.round_id JOIN decision d"
              "  ON d.ref = '" FUND_DECISION_PREFIX "' || r.key WHERE " FUND_PUBLISHED("d") ")"),
};

_Static_assert(sizeof register_sql / sizeof register_sql[0] ==
                   sizeof register_names / sizeof register_names[0],
               "a query for every register");

static int from_register(struct store *s, struct tr_item_view *v, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, register_sql[v->item.reg], err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int published = store_column_date(st, 0);
        if (published != DATE_NONE &&
            (v->history.last_published == DATE_NONE || published > v->history.last_published)) {
            v->history.last_published = published;
            v->last_url = v->item.path;
        }
        v->history.event = store_column_date(st, 1);
        v->outstanding = sqlite3_column_int(st, 2);
        const char *month = sqlite3_column_count(st) > 3 ? store_column_text(st, 3) : NULL;
        int covered;
        if (month && month_parse(month, strlen(month), &covered) && covered > v->history.covered)
            v->history.covered = covered;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : store_fail(s, err, "reading a register");
}

#define ITEMS_SQL                                                                                  \
    "SELECT i.key, i.title, i.source, i.publisher, i.kind, i.days, i.basis, i.path, i.register,"   \
    " i.note,"                                                                                     \
    " (SELECT max(period) FROM transparency_publication p WHERE p.item = i.key),"                  \
    " (SELECT max(published_on) FROM transparency_publication p WHERE p.item = i.key),"            \
    " (SELECT url FROM transparency_publication p WHERE p.item = i.key"                            \
    "  ORDER BY published_on DESC, id DESC LIMIT 1),"                                              \
    " (SELECT max(happened_on) FROM transparency_event e WHERE e.item = i.key)"                    \
    " FROM transparency_item i"                                                                    \
    " WHERE i.load_id = (SELECT max(id) FROM transparency_load) ORDER BY i.position"

/* The row's item and its history into v; false when the row holds words
 * this peel does not know (a newer peel's file). */
static bool read_item(sqlite3_stmt *st, struct tr_item_view *v)
{
    *v = (struct tr_item_view){0};
    struct tr_item *it = &v->item;
    it->key = store_column_text(st, 0), it->title = store_column_text(st, 1),
    it->source = store_column_text(st, 2);
    it->publisher = store_column_text(st, 3), it->path = store_column_text(st, 7),
    it->note = store_column_text(st, 9);
    it->rule.days = sqlite3_column_int(st, 5);
    const char *period = (const char *)sqlite3_column_text(st, 10);
    v->history.covered = -1;
    if (period && !month_parse(period, strlen(period), &v->history.covered))
        v->history.covered = -1;
    v->history.last_published = store_column_date(st, 11);
    v->last_url = store_column_text(st, 12);
    v->history.event = store_column_date(st, 13);
    return tr_kind_parse(store_column_text(st, 4), &it->rule.kind) &&
           clock_basis_parse(store_column_text(st, 6), &it->rule.basis) &&
           tr_register_parse(store_column_text(st, 8), &it->reg) &&
           tr_rule_check(&it->rule) == NULL;
}

long store_tr_items(struct store *s, tr_item_fn fn, void *arg, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s, ITEMS_SQL, err);
    if (!st)
        return -1;
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct tr_item_view v;
        if (!read_item(st, &v)) {
            buf_printf(err, "transparency item %s: a rule this peel does not know",
                       store_column_text(st, 0));
            sqlite3_finalize(st);
            return -1;
        }
        if (v.item.reg != TR_REGISTER_NONE && from_register(s, &v, err) < 0) {
            sqlite3_finalize(st);
            return -1;
        }
        fn(arg, &v);
        n++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? n : store_fail(s, err, "reading the transparency calendar");
}

/* ---- changes ------------------------------------------------------------ */

/* The item's rule and register in the calendar in use: 0, TR_UNKNOWN_ITEM
 * or -1. */
static int item_rule(struct store *s, const char *key, struct tr_rule *r, enum tr_register *reg,
                     struct buf *err)
{
    sqlite3_stmt *st = store_prepare(s,
                                     "SELECT kind, days, basis, register FROM transparency_item"
                                     " WHERE key = ?1 AND load_id ="
                                     " (SELECT max(id) FROM transparency_load)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        r->days = sqlite3_column_int(st, 1);
        rc = tr_kind_parse(store_column_text(st, 0), &r->kind) &&
                     clock_basis_parse(store_column_text(st, 2), &r->basis) &&
                     tr_register_parse(store_column_text(st, 3), reg)
                 ? 0
                 : -1;
        if (rc < 0)
            buf_printf(err, "transparency item %s: a rule this peel does not know", key);
    } else {
        rc = rc == SQLITE_DONE ? TR_UNKNOWN_ITEM : store_fail(s, err, "reading an item");
    }
    sqlite3_finalize(st);
    return rc;
}

/* The rule of item key, for which a publication or an event may be
 * recorded by hand: 0, TR_UNKNOWN_ITEM, TR_KEPT_BY_REGISTER or -1. */
static int recordable(struct store *s, const char *key, struct tr_rule *r, struct buf *err)
{
    enum tr_register reg = TR_REGISTER_NONE;
    int rc = item_rule(s, key, r, &reg, err);
    return rc == 0 && reg != TR_REGISTER_NONE ? TR_KEPT_BY_REGISTER : rc;
}

int store_tr_publish_in(struct store *s, const char *key, int on, int period, const char *url,
                        const struct audit_origin *by, struct buf *err)
{
    struct tr_rule r = {0};
    int rc = recordable(s, key, &r, err);
    if (rc != 0)
        return rc;
    if (tr_kind_periodic(r.kind) != (period >= 0))
        return period >= 0 ? TR_NO_PERIOD : TR_NEEDS_PERIOD;
    char date[DATE_TEXT_SIZE], month[MONTH_TEXT_SIZE] = "";
    date_format(on, date);
    if (period >= 0)
        month_format(tr_period_of_month(r.kind, period), month);
    sqlite3_stmt *st = store_prepare(s,
                                     "INSERT INTO transparency_publication(item, published_on,"
                                     " period, url, recorded_at, recorded_by)"
                                     " VALUES(?1, ?2, ?3, ?4, " STORE_NOW ", ?5)",
                                     err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    if (period >= 0)
        sqlite3_bind_text(st, 3, month, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, by->actor, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing a publication");
    sqlite3_finalize(st);
    json_t *after = json_pack("{s:s, s:s, s:s}", "published_on", date, "url", url, "period", month);
    if (rc == 0)
        return audit(s, "transparency.publish", key, after, by, err);
    json_decref(after);
    return rc;
}

int store_tr_publish(struct store *s, const char *key, int on, int period, const char *url,
                     const struct audit_origin *by, struct buf *err)
{
    if (!url || !*url || strlen(url) > 500) {
        buf_puts(err, "the address it is published at is 1 to 500 characters");
        return -1;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, store_tr_publish_in(s, key, on, period, url, by, err), err);
}

static int event_in(struct store *s, const char *key, int on, const char *what,
                    const struct audit_origin *by, struct buf *err)
{
    struct tr_rule r = {0};
    int rc = recordable(s, key, &r, err);
    if (rc != 0)
        return rc;
    if (tr_kind_periodic(r.kind))
        return TR_NO_PERIOD;
    char date[DATE_TEXT_SIZE];
    date_format(on, date);
    sqlite3_stmt *st =
        store_prepare(s,
                      "INSERT INTO transparency_event(item, happened_on, what,"
                      " recorded_at, recorded_by) VALUES(?1, ?2, ?3, " STORE_NOW ", ?4)",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, what, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, by->actor, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "storing an event");
    sqlite3_finalize(st);
    json_t *after = json_pack("{s:s, s:s}", "happened_on", date, "what", what);
    if (rc == 0)
        return audit(s, "transparency.event", key, after, by, err);
    json_decref(after);
    return rc;
}

int store_tr_event(struct store *s, const char *key, int on, const char *what,
                   const struct audit_origin *by, struct buf *err)
{
    if (!what || !*what || strlen(what) > 500) {
        buf_puts(err, "what happened is 1 to 500 characters");
        return -1;
    }
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    return store_finish(s, event_in(s, key, on, what, by, err), err);
}
