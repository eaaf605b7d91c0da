/*
 * contracts.c - the contracts register's changes (see contracts.h): a
 * file's contracts published as versions when they changed, in one
 * transaction with their audit rows and the clocks of their end dates.
 */
#include "store/contracts.h"
#include "store/clocks_internal.h"
#include "store/store_internal.h"

#include <stdio.h>
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
        a->vcse != b->vcse || a->value_pence != b->value_pence || a->vat_pence != b->vat_pence;
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
    return json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s?, s:s, s:s?, s:s, s:s}",
                     "ref", c->ref, "version", version, "kind", contract_kind_word(c->kind), "body",
                     contract_body_word(c->body), "title", c->title, "supplier", c->supplier,
                     "supplier_id", c->supplier_id, "value_pence", (json_int_t)c->value_pence,
                     "start_on", c->start_on, "end_on", *c->end_on ? c->end_on : NULL, "method",
                     contract_method_word(c->method), "reason", reason && *reason ? reason : NULL,
                     "file", src->name, "sha256", src->sha256);
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
        " reason, file_name, file_sha256) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, " STORE_NOW ", ?22, ?23, ?24, ?25)",
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
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "publishing a contract");
    sqlite3_finalize(st);
    if (rc < 0)
        return -1;
    char key[96];
    snprintf(key, sizeof key, "%s:v%d", c->ref, version);
    return store_audit_fact(s, "contract.publish", "contract", key,
                            audit_fact(c, version, reason, src), by, err);
}

int store_contracts_publish(struct store *s, const struct contract *c, size_t n, const char *reason,
                            const struct contract_source *src, const struct audit_origin *by,
                            int today, bool dry_run, int *out, struct buf *err)
{
    if (store_exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
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
    if (rc == 0 && (needs_reason || dry_run)) {
        store_exec(s, "ROLLBACK", err);
        return needs_reason ? CONTRACT_NEEDS_REASON : 0;
    }
    return store_finish(s, rc, err);
}
