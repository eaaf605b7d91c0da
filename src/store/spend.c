/*
 * spend.c - a file's months published as versions of the spend register
 * (see spend.h): each month compared with its current version
 * transaction by transaction, and a new version written only for a month
 * that changed, with what changed and why, all in one transaction with
 * an audit row for each version.
 */
#include "store/spend.h"
#include "store/contracts.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const body_words[SPEND_BODIES] = {"pcc", "force"};

const char *spend_body_word(enum spend_body b)
{
    assert(b >= 0 && b < SPEND_BODIES);
    return body_words[b];
}

/* The same two bodies as the contracts register's, named as it names them:
 * one rule for every page that says who spent or contracted. */
_Static_assert((int)SPEND_PCC == (int)CONTRACT_PCC && (int)SPEND_FORCE == (int)CONTRACT_FORCE &&
                   (int)SPEND_BODIES == (int)CONTRACT_BODIES,
               "the spend and contracts registers' bodies are the same two, in the same order");

const char *spend_body_name(enum spend_body b)
{
    assert(b >= 0 && b < SPEND_BODIES);
    return contract_body_name((enum contract_body)b);
}

bool spend_body_parse(const char *word, enum spend_body *out)
{
    for (int b = 0; b < SPEND_BODIES; b++)
        if (strcmp(word, body_words[b]) == 0) {
            *out = (enum spend_body)b;
            return true;
        }
    return false;
}

/* The current version of a month: its items (owned), sorted by txn. */
struct current {
    int64_t id;
    int version; /* 0: none yet */
    struct spend_item *items;
    size_t n;
};

static void current_free(struct current *c)
{
    for (size_t i = 0; i < c->n; i++) {
        struct spend_item *it = &c->items[i];
        free((char *)it->txn), free((char *)it->date), free((char *)it->body_name);
        free((char *)it->supplier), free((char *)it->expense_type);
        free((char *)it->service_area), free((char *)it->purpose), free((char *)it->vfm);
    }
    free(c->items);
    *c = (struct current){0};
}

static char *column(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return xstrdup(t ? (const char *)t : "");
}

static int load_current(struct store *s, const struct spend_month *m, struct current *c,
                        struct buf *err)
{
    *c = (struct current){0};
    sqlite3_stmt *st =
        store_prepare(s,
                      "SELECT id, version FROM spend_version WHERE body = ?1 AND month = ?2"
                      " ORDER BY version DESC LIMIT 1",
                      err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, spend_body_word(m->body), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, m->month, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        c->id = sqlite3_column_int64(st, 0);
        c->version = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (!c->version)
        return 0;
    st = store_prepare(s,
                       "SELECT txn, paid_on, body_name, supplier, amount_pence, expense_type,"
                       " service_area, purpose, vfm, redacted, line, office_holder FROM spend_item"
                       " WHERE version_id = ?1 ORDER BY txn",
                       err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == cap) {
            cap = cap ? 2 * cap : 64;
            c->items = xrealloc(c->items, cap * sizeof *c->items);
        }
        c->items[c->n++] = (struct spend_item){
            .txn = column(st, 0),
            .date = column(st, 1),
            .body_name = column(st, 2),
            .supplier = column(st, 3),
            .amount_pence = sqlite3_column_int64(st, 4),
            .expense_type = column(st, 5),
            .service_area = column(st, 6),
            .purpose = column(st, 7),
            .vfm = column(st, 8),
            .redacted = sqlite3_column_int(st, 9) != 0,
            .line = sqlite3_column_int(st, 10),
            .office_holder = sqlite3_column_int(st, 11) != 0,
        };
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "reading a month of the spend register");
}

/* The names of the fields in which a and b differ, comma separated. */
static void differences(const struct spend_item *a, const struct spend_item *b, struct buf *out)
{
    buf_reset(out);
    const struct {
        const char *name, *x, *y;
    } text[] = {{"date", a->date, b->date},
                {"body", a->body_name, b->body_name},
                {"supplier", a->supplier, b->supplier},
                {"expense_type", a->expense_type, b->expense_type},
                {"service_area", a->service_area, b->service_area},
                {"purpose", a->purpose, b->purpose},
                {"value_for_money", a->vfm, b->vfm}};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        if (strcmp(text[i].x, text[i].y) != 0)
            buf_printf(out, "%s%s", out->len ? "," : "", text[i].name);
        if (i == 2 && a->amount_pence != b->amount_pence)
            buf_printf(out, "%s%s", out->len ? "," : "", "amount");
    }
    if (a->redacted != b->redacted)
        buf_printf(out, "%s%s", out->len ? "," : "", "redacted");
    if (a->office_holder != b->office_holder)
        buf_printf(out, "%s%s", out->len ? "," : "", "office_holder");
}

/* Walks old and new in txn order, calling fn for each difference (fields
 * "" for an added or removed one); counts into o. */
typedef int (*change_fn)(void *arg, const char *txn, const char *kind, const char *fields);

static int compare(const struct current *old, const struct spend_month *m, struct spend_outcome *o,
                   change_fn fn, void *arg)
{
    size_t i = 0, j = 0;
    struct buf diff = BUF_INIT;
    int rc = 0;
    while (rc == 0 && (i < old->n || j < m->n)) {
        int c = i == old->n ? 1 : j == m->n ? -1 : strcmp(old->items[i].txn, m->items[j].txn);
        if (c < 0) {
            o->removed++;
            rc = fn ? fn(arg, old->items[i].txn, "removed", "") : 0;
            i++;
        } else if (c > 0) {
            o->added++;
            rc = fn ? fn(arg, m->items[j].txn, "added", "") : 0;
            j++;
        } else {
            differences(&old->items[i], &m->items[j], &diff);
            if (diff.len) {
                o->changed++;
                rc = fn ? fn(arg, m->items[j].txn, "changed", diff.p) : 0;
            }
            i++, j++;
        }
    }
    buf_free(&diff);
    return rc;
}

struct writer {
    struct store *s;
    sqlite3_stmt *change;
    int64_t version_id;
    struct buf *err;
};

static int write_change(void *arg, const char *txn, const char *kind, const char *fields)
{
    struct writer *w = arg;
    sqlite3_bind_int64(w->change, 1, w->version_id);
    sqlite3_bind_text(w->change, 2, txn, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->change, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->change, 4, fields, -1, SQLITE_STATIC);
    int rc = sqlite3_step(w->change);
    sqlite3_reset(w->change);
    return rc == SQLITE_DONE ? 0 : store_fail(w->s, w->err, "recording a change of spend");
}

static int64_t month_total(const struct spend_month *m, long *redacted)
{
    int64_t total = 0;
    *redacted = 0;
    for (size_t i = 0; i < m->n; i++) {
        total += m->items[i].amount_pence;
        *redacted += m->items[i].redacted;
    }
    return total;
}

static int insert_version(struct store *s, const struct spend_month *m,
                          const struct spend_outcome *o, const char *reason,
                          const struct spend_source *src, const char *actor, int64_t *id,
                          struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO spend_version(body, month, version, published_at, published_by, reason,"
        " file_name, file_sha256, items, total_pence, redacted, added, removed, changed)"
        " VALUES(?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11, ?12, ?13)",
        err);
    if (!st)
        return -1;
    long redacted;
    int64_t total = month_total(m, &redacted);
    sqlite3_bind_text(st, 1, spend_body_word(m->body), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, m->month, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, o->version);
    sqlite3_bind_text(st, 4, actor, -1, SQLITE_STATIC);
    if (reason && *reason)
        sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, src->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, src->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, (int64_t)m->n);
    sqlite3_bind_int64(st, 9, total);
    sqlite3_bind_int64(st, 10, redacted);
    sqlite3_bind_int64(st, 11, o->added);
    sqlite3_bind_int64(st, 12, o->removed);
    sqlite3_bind_int64(st, 13, o->changed);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    *id = sqlite3_last_insert_rowid(s->db);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "publishing a month of spend");
}

static int insert_items(struct store *s, int64_t id, const struct spend_month *m, struct buf *err)
{
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO spend_item(version_id, txn, paid_on, body_name, supplier, amount_pence,"
        " expense_type, service_area, purpose, vfm, redacted, line, office_holder)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        err);
    if (!st)
        return -1;
    int rc = SQLITE_DONE;
    for (size_t i = 0; rc == SQLITE_DONE && i < m->n; i++) {
        const struct spend_item *it = &m->items[i];
        sqlite3_bind_int64(st, 1, id);
        const char *text[] = {it->txn,          it->date,         it->body_name, it->supplier,
                              it->expense_type, it->service_area, it->purpose,   it->vfm};
        for (int k = 0; k < 4; k++)
            sqlite3_bind_text(st, 2 + k, text[k], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, it->amount_pence);
        for (int k = 4; k < 8; k++)
            sqlite3_bind_text(st, 3 + k, text[k], -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 11, it->redacted);
        sqlite3_bind_int64(st, 12, it->line);
        sqlite3_bind_int(st, 13, it->office_holder);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, err, "publishing an item of spend");
}

static int audit_version(struct store *s, const struct spend_month *m,
                         const struct spend_outcome *o, const char *reason,
                         const struct spend_source *src, const struct audit_origin *by,
                         struct buf *err)
{
    long redacted;
    int64_t total = month_total(m, &redacted);
    json_t *j =
        json_pack("{s:s, s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:s?, s:s, s:s}", "body",
                  spend_body_word(m->body), "month", m->month, "version", o->version, "items",
                  (json_int_t)m->n, "total_pence", (json_int_t)total, "redacted",
                  (json_int_t)redacted, "added", (json_int_t)o->added, "removed",
                  (json_int_t)o->removed, "changed", (json_int_t)o->changed, "reason",
                  reason && *reason ? reason : NULL, "file", src->name, "sha256", src->sha256);
    char *after = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(j);
    char object[64];
    snprintf(object, sizeof object, "spend:%s:%s:v%d", spend_body_word(m->body), m->month,
             o->version);
    struct audit_entry e = {.by = *by, .action = "spend.publish", .object = object, .after = after};
    int rc = store_audit_append(s, &e, err);
    free(after);
    return rc;
}

static int publish_month(struct store *s, const struct spend_month *m, const struct current *cur,
                         const struct spend_outcome *o, const char *reason,
                         const struct spend_source *src, const struct audit_origin *by,
                         struct buf *err)
{
    int64_t id = 0;
    int rc = insert_version(s, m, o, reason, src, by->actor, &id, err);
    if (rc == 0)
        rc = insert_items(s, id, m, err);
    struct writer w = {s, NULL, id, err};
    if (rc == 0 && !(w.change = store_prepare(s,
                                              "INSERT INTO spend_change(version_id, txn, kind,"
                                              " fields) VALUES(?1, ?2, ?3, ?4)",
                                              err)))
        rc = -1;
    struct spend_outcome again = {0};
    if (rc == 0)
        rc = compare(cur, m, &again, write_change, &w);
    sqlite3_finalize(w.change);
    if (rc == 0)
        rc = audit_version(s, m, o, reason, src, by, err);
    return rc;
}

/* The import itself, whatever it published: a file that changed nothing
 * was still given. */
static int audit_import(struct store *s, size_t n, const struct spend_outcome *out,
                        const struct spend_source *src, const struct audit_origin *by,
                        struct buf *err)
{
    json_int_t published = 0;
    for (size_t i = 0; i < n; i++)
        published += out[i].version > 0;
    json_t *j =
        json_pack("{s:s, s:s, s:I, s:I}", "file", src->name, "sha256", src->sha256,
                  "months_published", published, "months_unchanged", (json_int_t)n - published);
    char *after = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(j);
    char object[96];
    snprintf(object, sizeof object, "spend-file:%.64s", src->sha256);
    struct audit_entry e = {.by = *by, .action = "spend.import", .object = object, .after = after};
    int rc = store_audit_append(s, &e, err);
    free(after);
    return rc;
}

int store_spend_publish(struct store *s, const struct spend_month *months, size_t n,
                        const char *reason, const struct spend_source *src,
                        const struct audit_origin *by, bool dry_run, struct spend_outcome *out,
                        struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    int rc = 0;
    bool needs_reason = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct current cur;
        out[i] = (struct spend_outcome){0};
        rc = load_current(s, &months[i], &cur, err);
        if (rc == 0)
            rc = compare(&cur, &months[i], &out[i], NULL, NULL);
        bool differs = out[i].added + out[i].removed + out[i].changed > 0;
        out[i].version = rc == 0 && differs ? cur.version + 1 : 0;
        if (rc == 0 && differs && cur.version > 0 && !(reason && *reason)) {
            needs_reason = true;
            buf_printf(err,
                       "%s %s: version %d would replace version %d (%ld added, %ld removed,"
                       " %ld changed): say why with --reason\n",
                       spend_body_word(months[i].body), months[i].month, out[i].version,
                       cur.version, out[i].added, out[i].removed, out[i].changed);
        }
        if (rc == 0 && differs && !needs_reason && !dry_run)
            rc = publish_month(s, &months[i], &cur, &out[i], reason, src, by, err);
        current_free(&cur);
    }
    if (rc == 0 && (needs_reason || dry_run)) {
        store_exec(s, "ROLLBACK", err);
        return needs_reason ? SPEND_NEEDS_REASON : 0;
    }
    if (rc == 0)
        rc = audit_import(s, n, out, src, by, err);
    return store_finish(s, rc, err);
}
