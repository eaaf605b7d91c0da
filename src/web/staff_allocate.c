/*
 * staff_allocate.c - a Safety Fund round's applications allocated to
 * assessors from the staff side (issue 18; store/fund_allocate.h), as
 * `peel application allocate ROUND --assessors a,b,c --per N` does:
 *
 *   the form          on the round's page (/staff/grants/ROUND), for the
 *                     roles the route table lets allocate: the accounts of
 *                     a scoring role as checkboxes, and how many assessors
 *                     each application has
 *   POST /staff/grants/ROUND/allocate
 *                     the same store function as the command line, so the
 *                     same refusals (no such round, an account that does
 *                     not mark, conflicts leaving too few) and the same
 *                     audit row (fund.allocate); a field left wrong is
 *                     named, with what was chosen kept
 */
#include "store/accounts.h"
#include "store/fund_allocate.h"
#include "util/html.h"
#include "web/form_html.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ERRORS 2

struct chosen {
    const char *who[FUND_ALLOCATE_MAX_ASSESSORS];
    size_t n;
    bool too_many;
};

/* The assessors ticked on the form (every "assessor" field). */
static void chosen_read(const struct web_form *f, struct chosen *c)
{
    c->n = 0;
    c->too_many = false;
    for (size_t i = 0; f && i < f->n; i++)
        if (!f->fields[i].filename && strcmp(f->fields[i].name, "assessor") == 0) {
            if (c->n < FUND_ALLOCATE_MAX_ASSESSORS)
                c->who[c->n++] = f->fields[i].value;
            else
                c->too_many = true;
        }
}

static bool is_chosen(const struct chosen *c, const char *username)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->who[i], username) == 0)
            return true;
    return false;
}

struct boxes {
    struct buf *b;
    const struct chosen *c;
    int n;
    bool invalid; /* the first box describes the fieldset's error */
};

/* A checkbox for each enabled account of a scoring role. */
static void assessor_box(void *arg, const struct account *a)
{
    struct boxes *x = arg;
    const struct staff_route scorers = {.roles = FUND_ASSESSOR_ROLES};
    if (a->disabled_at || !staff_role_allowed(&scorers, a->role))
        return;
    char id[32]; /* the first is the error summary's link's target */
    if (x->n)
        snprintf(id, sizeof id, "assessor-%d", x->n);
    else
        snprintf(id, sizeof id, "assessors");
    buf_printf(x->b, "<div><input type=\"checkbox\" name=\"assessor\" id=\"%s\" value=\"", id);
    html_escape(x->b, a->username);
    buf_printf(x->b, "\"%s%s> <label for=\"%s\">", is_chosen(x->c, a->username) ? " checked" : "",
               x->invalid && !x->n ? " aria-invalid=\"true\" aria-describedby=\"assessors-error\""
                                   : "",
               id);
    html_escape(x->b, a->name);
    buf_puts(x->b, " (");
    html_escape(x->b, a->username);
    buf_puts(x->b, ", ");
    html_escape(x->b, a->role);
    buf_puts(x->b, ")</label></div>\n");
    x->n++;
}

/* The form; errors (field id, message) beside it, what was chosen kept. */
static int allocate_form(struct buf *b, const struct staff_request *sq, const char *round,
                         const char *box_error, const char *per_error, struct buf *err)
{
    struct chosen c;
    chosen_read(sq->form, &c);
    buf_puts(b, "<h2>Allocate applications to assessors</h2>\n<p>Gives each eligible "
                "application of the round to as many of the assessors chosen as asked, the "
                "least loaded first, never to one who declared a conflict with its "
                "organisation. Run again, it tops up.</p>\n<form method=\"post\" "
                "class=\"staff-form\" action=\"/staff/grants/");
    url_encode(b, round);
    buf_puts(b, "/allocate\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<fieldset><legend>Assessors</legend>\n");
    if (box_error)
        buf_printf(b, "<p class=\"error-message\" id=\"assessors-error\">%s</p>\n",
                   box_error); /* literal text: this file's own messages */
    struct boxes x = {b, &c, 0, box_error != NULL};
    if (store_accounts(sq->store, assessor_box, &x, err) < 0)
        return -1;
    if (x.n == 0)
        buf_puts(b, "<p>No account has a role that marks applications.</p>\n");
    buf_puts(b, "</fieldset>\n");
    form_html_input(b,
                    &(struct form_input){"per", "number", "Assessors for each application",
                                         "From 1 to the number of assessors chosen.", per_error,
                                         form_html_value(sq->form, "per"), "min=\"1\" required"});
    buf_puts(b, "<p><button type=\"submit\">Allocate</button></p>\n</form>\n");
    return 0;
}

int staff_grant_allocate_form(struct buf *b, const struct staff_request *sq, const char *round,
                              struct buf *err)
{
    if (!staff_may(sq, "POST", "/staff/grants/:round/allocate"))
        return 0;
    return allocate_form(b, sq, round, NULL, NULL, err);
}

/* The form's per, or 0 when it is not a whole number from 1 to n. */
static int per_read(const struct staff_request *sq, size_t n)
{
    const char *v = form_html_value(sq->form, "per");
    size_t len = v ? strlen(v) : 0;
    if (!len || len > 2 || strspn(v, "0123456789") != len)
        return 0;
    long per = strtol(v, NULL, 10);
    return per >= 1 && (size_t)per <= n ? (int)per : 0;
}

/* The page again, each wrong field named and what was chosen kept. */
static void refused(struct staff_request *sq, struct web_response *rs, const char *round,
                    const char *box_error, const char *per_error)
{
    const char *errors[MAX_ERRORS][2];
    size_t ne = 0;
    if (box_error)
        errors[ne][0] = "assessors", errors[ne++][1] = box_error;
    if (per_error)
        errors[ne][0] = "per", errors[ne++][1] = per_error;
    struct buf *b = &rs->body, err = BUF_INIT;
    staff_page_begin(b, sq, "Allocate applications");
    buf_puts(b, "<h1>Allocate the applications of round ");
    html_escape(b, round);
    buf_puts(b, "</h1>\n");
    form_html_errors(b, errors, ne);
    if (allocate_form(b, sq, round, box_error, per_error, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        rs->status = 400;
        page_end(b, sq->rq);
    }
    buf_free(&err);
}

void staff_grant_allocate(struct staff_request *sq, struct web_response *rs)
{
    const struct web_match *m = sq->rq->match;
    const char *round = m->nargs >= 1 ? m->args[0] : "";
    struct chosen c;
    chosen_read(sq->form, &c);
    int per = per_read(sq, c.n);
    char too_many[64];
    snprintf(too_many, sizeof too_many, "Assessors: at most %d.", FUND_ALLOCATE_MAX_ASSESSORS);
    const char *box_error = c.too_many ? too_many
                            : c.n == 0 ? "Assessors: choose at least one."
                                       : NULL;
    const char *per_error = per ? NULL
                                : "Assessors for each application: a whole number from 1 to "
                                  "the number of assessors chosen.";
    if (box_error || per_error) {
        refused(sq, rs, round, box_error, per_error);
        return;
    }
    struct buf err = BUF_INIT;
    int made = 0;
    char path[128];
    int rc = store_fund_allocate(sq->store, round, c.who, c.n, per, &sq->by, &made, &err);
    snprintf(path, sizeof path, "/staff/grants/%s", round);
    staff_fund_answer(sq, rs, path, rc, &err);
    buf_free(&err);
}
