/*
 * contracts.c - the contracts register's changes (see contracts.h): a
 * file's contracts published as versions when they changed, in one
 * transaction with their audit rows and the clocks of their end dates.
 */
#include "store/contracts.h"
#include "store/clocks_internal.h"
#include "store/store_internal.h"
#include "util/mem.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the current version of a contract is, and whether c differs. */
struct current {
    const struct contract *c;
    int version;
    bool differs;
    char end_on[11]; /* the current version's: "" for none */
};

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void compare(void *arg, const struct contract_row *r)
{
    struct current *cur = arg;
    const struct contract *a = cur->c, *b = &r->c;
    cur->version = r->version;
    snprintf(cur->end_on, sizeof cur->end_on, "%s", b->end_on);
    cur->differs =
        !same_text(a->ocid, b->ocid) || !same_text(a->title, b->title) ||
        !same_text(a->description, b->description) || !same_text(a->department, b->department) ||
        !same_text(a->supplier, b->supplier) || !same_text(a->supplier_id, b->supplier_id) ||
        !same_text(a->method_details, b->method_details) ||
        !same_text(a->document_url, b->document_url) || !same_text(a->start_on, b->start_on) ||
        !same_text(a->end_on, b->end_on) || !same_text(a->review_on, b->review_on) ||
        a->kind != b->kind || a->body != b->body || a->method != b->method || a->sme != b->sme ||
        a->vcse != b->vcse || a->value_pence != b->value_pence || a->vat_pence != b->vat_pence ||
        !same_text(a->funding, b->funding) || !same_text(a->serves, b->serves);
}

static void bind_text(sqlite3_stmt *st, int i, const char *text, bool null_when_empty)
{
    if (!(null_when_empty && (!text || !*text)))
        sqlite3_bind_text(st, i, text ? text : "", -1, SQLITE_STATIC);
}

static void bind_optional(sqlite3_stmt *st, int i, int64_t v)
{
    if (v >= 0)
        sqlite3_bind_int64(st, i, v);
}

static json_t *audit_fact(const struct contract *c, int version, const char *reason,
                          const struct contract_source *src)
{
    json_t *fact = json_pack(
        "{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s?, s:s, s:s?, s:s, s:s}", "ref", c->ref,
        "version", version, "kind", contract_kind_word(c->kind), "body",
        contract_body_word(c->body), "title", c->title, "supplier", c->supplier, "supplier_id",
        c->supplier_id, "value_pence", (json_int_t)c->value_pence, "start_on", c->start_on,
        "end_on", *c->end_on ? c->end_on : NULL, "method", contract_method_word(c->method),
        "reason", reason && *reason ? reason : NULL, "file", src->name, "sha256", src->sha256);
    if (c->funding && *c->funding)
        json_object_set_new(fact, "funding", json_string(c->funding));
    if (c->serves && *c->serves)
        json_object_set_new(fact, "serves", json_string(c->serves));
    return fact;
}

/* A first version, or one that moves the end date, starts the end date's
 * clock anew (completing the old one); any other version leaves it be, so
 * a file imported again starts none. */
static int end_clock(struct store *s, const struct contract *c, const struct current *cur,
                     const struct audit_origin *by, int today, struct buf *err)
{
    if (cur->version > 0 && same_text(cur->end_on, c->end_on))
        return 0;
    char subject[96], purpose[500];
    int64_t id;
    snprintf(subject, sizeof subject, "contract:%s", c->ref);
    snprintf(purpose, sizeof purpose, "%s ends: %.200s%s%.200s%s",
             c->kind == CONTRACT_TENDER ? "Tender" : "Contract", c->title, *c->supplier ? " (" : "",
             c->supplier, *c->supplier ? ")" : ""); /* a tender may have no supplier yet */
    return clock_end_date_in(s, subject, purpose, c->start_on, c->end_on, today, by, &id, err);
}

static int insert(struct store *s, const struct contract *c, const struct current *cur,
                  const char *reason, const struct contract_source *src,
                  const struct audit_origin *by, int today, struct buf *err)
{
    int version = cur->version + 1;
    if (end_clock(s, c, cur, by, today, err) < 0)
        return -1;
    sqlite3_stmt *st = store_prepare(
        s,
        "INSERT INTO contract_version(ref, version, kind, body, ocid, title, description,"
        " department, supplier, supplier_id, sme, vcse, value_pence, vat_pence, start_on, end_on,"
        " review_on, method, method_details, document_url, line, published_at, published_by,"
        " reason, file_name, file_sha256, funding, serves) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,"
        " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, " STORE_NOW ","
        " ?22, ?23, ?24, ?25, ?26, ?27)",
        err);
    if (!st)
        return -1;
    bind_text(st, 1, c->ref, false);
    sqlite3_bind_int(st, 2, version);
    bind_text(st, 3, contract_kind_word(c->kind), false);
    bind_text(st, 4, contract_body_word(c->body), false);
    bind_text(st, 5, c->ocid, false);
    bind_text(st, 6, c->title, false);
    bind_text(st, 7, c->description, false);
    bind_text(st, 8, c->department, false);
    bind_text(st, 9, c->supplier, false);
    bind_text(st, 10, c->supplier_id, false);
    bind_optional(st, 11, c->sme);
    bind_optional(st, 12, c->vcse);
    sqlite3_bind_int64(st, 13, c->value_pence);
    bind_optional(st, 14, c->vat_pence);
    bind_text(st, 15, c->start_on, false);
    bind_text(st, 16, c->end_on, true);
    bind_text(st, 17, c->review_on, true);
    bind_text(st, 18, contract_method_word(c->method), false);
    bind_text(st, 19, c->method_details, false);
    bind_text(st, 20, c->document_url, false);
    sqlite3_bind_int64(st, 21, c->line);
    bind_text(st, 22, by->actor, false);
    bind_text(st, 23, reason, true);
    bind_text(st, 24, src->name, false);
    bind_text(st, 25, src->sha256, false);
    bind_text(st, 26, c->funding, false);
    bind_text(st, 27, c->serves, false);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "publishing a contract");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    char key[96];
    snprintf(key, sizeof key, "%s:v%d", c->ref, version);
    return store_audit_fact(s, "contract.publish", "contract", key,
                            audit_fact(c, version, reason, src), by, err);
}

/* The publishing of store_contracts_publish, in the caller's transaction:
 * 0, or -1 with err; *needs_reason when a changed contract has none. */
static int publish_in(struct store *s, const struct contract *c, size_t n, const char *reason,
                      const struct contract_source *src, const struct audit_origin *by, int today,
                      bool dry_run, int *out, bool *needs_reason_out, struct buf *err)
{
    int rc = 0;
    bool needs_reason = false;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct current cur = {&c[i], 0, true, ""};
        if (store_contracts(s, c[i].ref, false, compare, &cur, err) < 0) {
            rc = -1;
            break;
        }
        out[i] = cur.differs ? cur.version + 1 : 0;
        if (cur.differs && cur.version > 0 && !(reason && *reason)) {
            buf_printf(err,
                       "line %ld: %s: version %d would replace version %d: say why with"
                       " --reason\n",
                       c[i].line, c[i].ref, cur.version + 1, cur.version);
            needs_reason = true;
        }
        if (cur.differs && !needs_reason && !dry_run)
            rc = insert(s, &c[i], &cur, reason, src, by, today, err);
    }
    *needs_reason_out = needs_reason;
    return rc;
}

int store_contracts_publish(struct store *s, const struct contract *c, size_t n, const char *reason,
                            const struct contract_source *src, const struct audit_origin *by,
                            int today, bool dry_run, int *out, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    bool needs_reason = false;
    int rc = publish_in(s, c, n, reason, src, by, today, dry_run, out, &needs_reason, err);
    if (rc == 0 && (needs_reason || dry_run)) {
        store_exec(s, "ROLLBACK", err);
        return needs_reason ? CONTRACT_NEEDS_REASON : 0;
    }
    return store_finish(s, rc, err);
}

/* A contract as read, its texts owned (a row's live only in the callback). */
struct owned {
    struct contract c;
    char *text[16];
    size_t ntext;
    bool found;
};

static const char *keep(struct owned *o, const char *text)
{
    assert(o->ntext < sizeof o->text / sizeof o->text[0]);
    return o->text[o->ntext++] = xstrdup(text ? text : "");
}

static void take_current(void *arg, const struct contract_row *r)
{
    struct owned *o = arg;
    const struct contract *c = &r->c;
    o->c = *c;
    o->c.ref = keep(o, c->ref);
    o->c.ocid = keep(o, c->ocid);
    o->c.title = keep(o, c->title);
    o->c.description = keep(o, c->description);
    o->c.department = keep(o, c->department);
    o->c.supplier = keep(o, c->supplier);
    o->c.supplier_id = keep(o, c->supplier_id);
    o->c.method_details = keep(o, c->method_details);
    o->c.document_url = keep(o, c->document_url);
    o->c.start_on = keep(o, c->start_on);
    o->c.end_on = keep(o, c->end_on);
    o->c.review_on = keep(o, c->review_on);
    o->c.line = 0; /* not of a file */
    o->found = true;
}

int store_contract_revise(struct store *s, const char *ref, const char *funding, const char *serves,
                          const char *reason, const struct contract_source *src,
                          const struct audit_origin *by, int today, int *version, struct buf *err)
{
    assert(reason && *reason);
    *version = 0;
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    struct owned o = {.found = false};
    int rc = store_contracts(s, ref, false, take_current, &o, err) < 0 ? -1 : 0;
    if (rc == 0 && !o.found) {
        buf_printf(err, "no contract %s in the register", ref);
        rc = -1;
    }
    if (rc == 0) {
        o.c.funding = funding;
        o.c.serves = serves;
        bool needs_reason = false;
        rc = publish_in(s, &o.c, 1, reason, src, by, today, false, version, &needs_reason, err);
    }
    for (size_t i = 0; i < o.ntext; i++)
        free(o.text[i]);
    return store_finish(s, rc, err);
}
