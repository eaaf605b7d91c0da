/*
 * staff_registers.c - the registers of interests, gifts and hospitality,
 * and salaries on the staff side: what `peel registers import` does from a
 * file, done one entry at a time from a form.
 *
 *   GET  /staff/registers                   the three registers as they stand
 *   GET  /staff/registers/:kind/new         the form for a new entry
 *   POST /staff/registers/:kind/new         records it as version 1
 *   GET  /staff/registers/:kind/:ref        every version (a withdrawn entry's
 *                                           text too) and the forms to change
 *                                           or withdraw it
 *   POST /staff/registers/:kind/:ref        records a change: the next version,
 *                                           with its reason
 *   POST /staff/registers/:kind/:ref/withdraw  withdraws it, with its reason
 *
 * Who may is the route table's (staff.c: the Office reads, REG_KEEPERS
 * write). The store records each version and its audit row in one
 * transaction (store/registers.h) and never changes one; the public
 * /registers pages read the same rows, so a change is public at once. A
 * form with problems comes back holding what was typed, each problem
 * beside its field (web/register_form.h).
 */
#include "assess/register_tables.h"
#include "util/html.h"
#include "web/form_html.h"
#include "web/page.h"
#include "web/register_form.h"
#include "web/staff.h"

#include <stdio.h>
#include <string.h>

#define R "/staff/registers"

/* The register the path names, or false after a 404. */
static bool path_kind(struct staff_request *sq, struct web_response *rs, enum reg_kind *k)
{
    if (reg_kind_parse(sq->rq->match->args[0], k))
        return true;
    page_error(sq->rq, rs, 404, "There is no such register: interests, gifts or salaries.");
    return false;
}

/* ---- the registers as they stand ------------------------------------------ */

struct listing {
    struct buf *b;
    long n;
};

static void entry_item(void *arg, const struct reg_version_row *v)
{
    struct listing *l = arg;
    const char *ids[] = {reg_kind_word(v->kind), v->e.ref};
    buf_puts(l->b, "<li>");
    page_link(l->b, R "/", ids, 2, v->e.ref);
    if (v->withdrawn) {
        buf_puts(l->b, ": withdrawn");
    } else {
        buf_puts(l->b, ": ");
        html_escape(l->b, v->e.holder);
        buf_puts(l->b, ", ");
        html_escape(l->b, v->e.date);
        if (*v->e.category) {
            buf_puts(l->b, ", ");
            html_escape(l->b, v->e.category);
        }
        if (*reg_outcome_word(v->e.outcome))
            html_printf(l->b, ", %s", reg_outcome_word(v->e.outcome));
    }
    buf_printf(l->b, " (version %d)</li>\n", v->version);
    l->n++;
}

void staff_registers(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    staff_page_begin(b, sq, "Registers");
    buf_puts(b, "<h1>Registers of interests, gifts and hospitality, and salaries</h1>\n<p>An "
                "entry recorded here is on the <a href=\"/registers\">public registers</a> at "
                "once. Nothing recorded ever changes: a change is a new version with its "
                "reason, and every change is in the audit log.</p>\n");
    bool may_add = staff_may(sq, "POST", R "/:kind/new");
    int rc = 0;
    for (int i = 0; rc == 0 && i < REG_KINDS; i++) {
        enum reg_kind k = (enum reg_kind)i;
        const char *ids[] = {reg_kind_word(k)};
        buf_printf(b, "<h2 id=\"%s\">", reg_kind_word(k));
        html_escape(b, reg_kind_title(k));
        buf_puts(b, "</h2>\n");
        if (may_add) {
            buf_puts(b, "<p><a href=\"" R "/");
            html_escape(b, reg_kind_word(k));
            buf_puts(b, "/new\">Add an entry</a></p>\n");
        }
        buf_puts(b, "<ul>\n");
        struct listing l = {b, 0};
        rc = store_reg_current(sq->store, k, entry_item, &l, &err);
        buf_puts(b, "</ul>\n");
        if (rc == 0 && l.n == 0)
            buf_puts(b, "<p>Nothing has been recorded in this register yet.</p>\n");
        buf_puts(b, "<p>");
        page_link(b, "/registers/", ids, 1, "The public register");
        buf_puts(b, "</p>\n");
    }
    if (rc < 0)
        web_error(sq->rq, rs, 500, buf_str(&err));
    else
        page_end(b, sq->rq);
    buf_free(&err);
}

/* ---- a new entry ----------------------------------------------------------- */

static void new_form(struct staff_request *sq, struct web_response *rs, enum reg_kind k,
                     const struct register_form *f)
{
    struct buf *b = &rs->body;
    char title[96];
    snprintf(title, sizeof title, "Add an entry: %s", reg_kind_title(k));
    staff_page_begin(b, sq, title);
    buf_puts(b, "<h1>");
    html_escape(b, title);
    buf_puts(b, "</h1>\n<p>The entry is published on the public register as soon as it is "
                "recorded. To change an entry already recorded, open it from <a "
                "href=\"" R "\">the registers</a>.</p>\n");
    if (k == REG_GIFTS)
        buf_puts(b, "<p>Record every offer, whether it was accepted or declined.</p>\n");
    register_form_errors(b, f);
    buf_printf(b,
               "<form method=\"post\" class=\"staff-form\" action=\"" R "/%s/new\" novalidate>\n",
               reg_kind_word(k));
    staff_csrf_field(b, sq);
    register_form_fields(b, f, false, false);
    buf_puts(b, "<p><button type=\"submit\">Record the entry</button></p>\n</form>\n");
    page_end(b, sq->rq);
}

void staff_register_new_form(struct staff_request *sq, struct web_response *rs)
{
    enum reg_kind k;
    if (!path_kind(sq, rs, &k))
        return;
    struct register_form f = {.kind = k};
    new_form(sq, rs, k, &f);
}

/* The latest version of entry ref, into *f (when f) and *withdrawn:
 * 1 found, 0 none, -1 with err. */
struct latest {
    struct register_form *f;
    int version;
    bool withdrawn;
};

static void keep_latest(void *arg, const struct reg_version_row *v)
{
    struct latest *l = arg;
    if (!v->current)
        return;
    l->version = v->version;
    l->withdrawn = v->withdrawn;
    if (l->f && !v->withdrawn)
        register_form_from(l->f, v->kind, &v->e);
}

static int latest_of(struct store *s, enum reg_kind k, const char *ref, struct latest *l,
                     struct buf *err)
{
    if (store_reg_versions(s, k, ref, true, keep_latest, l, err) < 0)
        return -1;
    return l->version > 0;
}

/* Records f's entry: 0 (version into *version), a refusal into f, or -1. */
static int record(struct staff_request *sq, struct register_form *f, const char *reason,
                  int *version, struct buf *err)
{
    int rc = store_reg_record(sq->store, f->kind, &f->entry, 1, reason, NULL, &sq->by, false,
                              version, err);
    if (rc == REG_NEEDS_REASON)
        register_form_problem(f, REG_F_REF, buf_str(err));
    else if (rc == 0 && *version == 0)
        register_form_problem(f, REG_FORM_REASON,
                              "nothing in the entry changed: there is no new version to record");
    return rc < 0 ? -1 : 0;
}

static void recorded(struct web_response *rs, const struct register_form *f)
{
    char path[160];
    snprintf(path, sizeof path, R "/%s/%s", reg_kind_word(f->kind), f->entry.ref);
    staff_redirect(rs, path);
}

void staff_register_add(struct staff_request *sq, struct web_response *rs)
{
    enum reg_kind k;
    if (!path_kind(sq, rs, &k))
        return;
    struct register_form f;
    register_form_read(sq->form, k, NULL, &f);
    struct buf err = BUF_INIT;
    struct latest l = {0};
    int rc = 0, version = 0;
    if (strcmp(f.text[REG_F_REF], "new") == 0)
        register_form_problem(&f, REG_F_REF, "'new' names this form's page: choose another");
    else if (f.nerrors == 0 && (rc = latest_of(sq->store, k, f.entry.ref, &l, &err)) == 1)
        register_form_problem(&f, REG_F_REF,
                              "this reference is in the register already: open its entry to "
                              "record a change");
    if (rc >= 0 && f.nerrors == 0)
        rc = record(sq, &f, NULL, &version, &err);
    if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else if (f.nerrors) {
        new_form(sq, rs, k, &f);
        rs->status = 400;
    } else {
        recorded(rs, &f);
    }
    register_form_free(&f);
    buf_free(&err);
}

/* ---- an entry: its versions, a change, a withdrawal ------------------------ */

static void change_forms(struct buf *b, struct staff_request *sq, enum reg_kind k, const char *ref,
                         const struct register_form *f)
{
    const char *ids[] = {reg_kind_word(k), ref};
    if (staff_may(sq, "POST", R "/:kind/:ref")) {
        buf_puts(b, "<h2 id=\"change\">Record a change</h2>\n<p>The entry as it stands is "
                    "filled in below. What you change becomes its next version, published "
                    "with your reason; the versions before it stay as they were.</p>\n");
        register_form_errors(b, f);
        buf_puts(b, "<form method=\"post\" class=\"staff-form\" novalidate action=\"");
        page_href(b, R "/", ids, 2, "");
        buf_puts(b, "\">\n");
        staff_csrf_field(b, sq);
        register_form_fields(b, f, true, true);
        buf_puts(b, "<p><button type=\"submit\">Record the change</button></p>\n</form>\n");
    }
    if (staff_may(sq, "POST", R "/:kind/:ref/withdraw")) {
        buf_puts(b, "<h2 id=\"withdraw\">Withdraw the entry</h2>\n<p>Its reference, the date and "
                    "your reason stay on the public register; what it said is kept, for "
                    "staff.</p>\n<form method=\"post\" class=\"staff-form\" action=\"");
        page_href(b, R "/", ids, 2, "/withdraw");
        buf_puts(b, "\">\n");
        staff_csrf_field(b, sq);
        buf_puts(b, "<p><label for=\"withdraw-reason\">Why it is withdrawn (shown on the public "
                    "register)</label>\n<textarea id=\"withdraw-reason\" name=\"reason\" "
                    "rows=\"3\" maxlength=\"2000\" required></textarea></p>\n<p><button "
                    "type=\"submit\">Withdraw the entry</button></p>\n</form>\n");
    }
}

/* The entry's page; typed: the change form as sent, with its problems
 * (NULL: filled in with the entry as it stands). */
static void entry_page(struct staff_request *sq, struct web_response *rs, enum reg_kind k,
                       const char *ref, const struct register_form *typed)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    struct register_form now = {.kind = k};
    struct latest l = {.f = &now};
    int rc = latest_of(sq->store, k, ref, &l, &err);
    if (rc == 0) {
        page_error(sq->rq, rs, 404, "There is no entry with this reference in the register.");
        return;
    }
    struct table t = {0};
    if (rc > 0)
        rc = reg_versions_table(sq->store, k, ref, true, true, &t, &err);
    if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        char title[160];
        const char *headings[REG_TABLE_MAX_COLS], *ids[] = {reg_kind_word(k)};
        snprintf(title, sizeof title, "%s: %s", ref, reg_kind_title(k));
        staff_page_begin(b, sq, title);
        buf_puts(b, "<h1>");
        html_escape(b, title);
        buf_puts(b, "</h1>\n<p><a href=\"" R "\">Every register</a>; ");
        page_link(b, "/registers/", ids, 1, "the public register");
        buf_puts(b, ".</p>\n");
        reg_table_headings(k, headings);
        page_table(b, &t, "Every version, the latest last", headings);
        if (l.withdrawn)
            buf_puts(b, "<p>This entry is withdrawn: it cannot be changed. Record a new entry "
                        "under a new reference instead.</p>\n");
        else
            change_forms(b, sq, k, ref, typed ? typed : &now);
        page_end(b, sq->rq);
    }
    table_free(&t);
    register_form_free(&now);
    buf_free(&err);
}

void staff_register_entry(struct staff_request *sq, struct web_response *rs)
{
    enum reg_kind k;
    if (path_kind(sq, rs, &k))
        entry_page(sq, rs, k, sq->rq->match->args[1], NULL);
}

void staff_register_change(struct staff_request *sq, struct web_response *rs)
{
    enum reg_kind k;
    if (!path_kind(sq, rs, &k))
        return;
    const char *ref = sq->rq->match->args[1];
    struct buf err = BUF_INIT;
    struct latest l = {0};
    int rc = latest_of(sq->store, k, ref, &l, &err);
    if (rc == 0 || l.withdrawn) {
        page_error(sq->rq, rs, rc == 0 ? 404 : 409,
                   rc == 0 ? "There is no entry with this reference in the register."
                           : "This entry is withdrawn: it cannot be changed. Record a new entry "
                             "under a new reference instead.");
        buf_free(&err);
        return;
    }
    struct register_form f;
    register_form_read(sq->form, k, ref, &f);
    int version = 0;
    if (rc > 0 && f.nerrors == 0)
        rc = record(sq, &f, f.text[REG_FORM_REASON], &version, &err);
    if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else if (f.nerrors) {
        entry_page(sq, rs, k, ref, &f);
        rs->status = rs->status == 200 ? 400 : rs->status;
    } else {
        recorded(rs, &f);
    }
    register_form_free(&f);
    buf_free(&err);
}

void staff_register_withdraw(struct staff_request *sq, struct web_response *rs)
{
    enum reg_kind k;
    if (!path_kind(sq, rs, &k))
        return;
    const char *ref = sq->rq->match->args[1];
    const char *reason = form_html_value(sq->form, "reason");
    struct buf err = BUF_INIT;
    int rc = reason ? store_reg_withdraw(sq->store, k, ref, reason, &sq->by, &err) : -2;
    char path[160];
    snprintf(path, sizeof path, R "/%s", reg_kind_word(k));
    if (rc == 0)
        staff_redirect(rs, path);
    else if (rc == -2)
        page_error(sq->rq, rs, 400,
                   "Why it is withdrawn: empty: say why, for the public "
                   "register's readers.");
    else if (rc == REG_NO_ENTRY)
        page_error(sq->rq, rs, 404, buf_str(&err));
    else
        web_error(sq->rq, rs, 500, buf_str(&err));
    buf_free(&err);
}
