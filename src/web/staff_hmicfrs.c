/*
 * staff_hmicfrs.c - the HMICFRS register on the staff side: /staff/hmicfrs
 * lists every report with its s.55 clock, and, to the roles the route
 * table allows (staff.c), the forms to record a report, the chief
 * constable's invitation and comments, a response per recommendation, and
 * (the Commissioner) the publication. The store does the work
 * (store/hmicfrs.h); a change answers 303 back to the list, a refusal
 * says why.
 */
#include "store/hmicfrs.h"
#include "util/html.h"
#include "web/form.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define H "/staff/hmicfrs"

/* A form posting to H/ref/action (ref NULL: H/action), opened with its
 * CSRF field. */
static void form_open(struct buf *b, const struct staff_request *sq, const char *ref,
                      const char *action)
{
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"" H "/");
    if (ref) {
        html_escape(b, ref);
        buf_puts(b, "/");
    }
    buf_printf(b, "%s\">\n", action);
    staff_csrf_field(b, sq);
}

/* <p><label>label</label> and an input of the type, or a textarea for
 * type "textarea", required; the id made of the name and the report's
 * reference. */
static void field(struct buf *b, const char *ref, const char *name, const char *type,
                  const char *label)
{
    bool area = strcmp(type, "textarea") == 0;
    buf_printf(b, "<p><label for=\"%s-", name);
    html_escape(b, ref);
    buf_puts(b, "\">");
    html_escape(b, label);
    buf_printf(b, "</label>\n<%s id=\"%s-", area ? "textarea" : "input", name);
    html_escape(b, ref);
    if (area)
        buf_printf(b, "\" name=\"%s\" rows=\"3\" required></textarea></p>\n", name);
    else
        buf_printf(b, "\" name=\"%s\" type=\"%s\" required></p>\n", name, type);
}

static void case_forms(struct buf *b, const struct staff_request *sq, const struct hmicfrs_view *v)
{
    if (staff_may(sq, "POST", H "/:ref/comment")) {
        form_open(b, sq, v->ref, "comment");
        buf_puts(b, "<input type=\"hidden\" name=\"kind\" value=\"invited\">\n");
        field(b, v->ref, "on", "date", "The chief constable was invited to comment on");
        buf_puts(b, "<p><button type=\"submit\">Record the invitation</button></p>\n</form>\n");
        form_open(b, sq, v->ref, "comment");
        buf_puts(b, "<input type=\"hidden\" name=\"kind\" value=\"comments\">\n");
        field(b, v->ref, "received", "date", "The chief constable's comments were received on");
        field(b, v->ref, "note", "textarea", "The comments");
        buf_puts(b, "<p><button type=\"submit\">Record the comments</button></p>\n</form>\n");
        form_open(b, sq, v->ref, "respond");
        field(b, v->ref, "number", "number", "Recommendation number");
        field(b, v->ref, "recommendation", "textarea", "The recommendation");
        field(b, v->ref, "response", "textarea", "The Commissioner's response");
        buf_puts(b, "<p><button type=\"submit\">Save the response</button></p>\n</form>\n");
    }
    if (staff_may(sq, "POST", H "/:ref/publish")) {
        form_open(b, sq, v->ref, "publish");
        field(b, v->ref, "on", "date", "Published on");
        buf_puts(b, "<p><button type=\"submit\">Publish the response</button></p>\n</form>\n");
    }
}

static void case_html(void *arg, const struct hmicfrs_view *v)
{
    const struct staff_request *sq = ((void **)arg)[0];
    struct buf *b = ((void **)arg)[1];
    buf_puts(b, "<section>\n<h2>");
    html_escape(b, v->title);
    buf_puts(b, " (<code>");
    html_escape(b, v->ref);
    buf_puts(b, "</code>)</h2>\n<p>Published ");
    page_date(b, v->published_on);
    buf_puts(b, "; response due by ");
    page_date(b, v->clock.due);
    buf_puts(b, "; chief constable invited: ");
    page_date(b, v->invited_on);
    buf_printf(b, "; recommendations answered: %d. ", v->responded);
    if (v->response_on != DATE_NONE) {
        buf_puts(b, "<strong>Published</strong> ");
        page_date(b, v->response_on);
        buf_puts(b, ": <a href=\"/hmicfrs/");
        html_escape(b, v->ref);
        buf_puts(b, "\">the public page</a>.</p>\n</section>\n");
        return;
    }
    buf_puts(b, v->clock.overdue ? "<strong>Overdue.</strong></p>\n" : "Not yet published.</p>\n");
    case_forms(b, sq, v);
    buf_puts(b, "</section>\n");
}

void staff_hmicfrs(struct staff_request *sq, struct web_response *rs)
{
    struct buf *b = &rs->body, err = BUF_INIT;
    staff_page_begin(b, sq, "HMICFRS reports");
    buf_puts(b, "<h1>HMICFRS reports and responses</h1>\n<p>Police Act 1996 s.55: a response "
                "to each report about the force within 56 days, beginning with the day the "
                "report is published, after inviting the chief constable&#39;s comments. "
                "Recording a report starts its clock; publishing completes it.</p>\n");
    if (staff_may(sq, "POST", H "/new")) {
        buf_puts(b, "<h2>Record a report</h2>\n");
        form_open(b, sq, NULL, "new");
        field(b, "new", "ref", "text", "Reference (lower-case letters, digits and -)");
        field(b, "new", "title", "text", "Title");
        field(b, "new", "published", "date", "Published by HMICFRS on");
        field(b, "new", "url", "url", "Link to the report");
        buf_puts(b, "<p><button type=\"submit\">Record the report</button></p>\n</form>\n");
    }
    void *arg[] = {sq, b};
    if (store_hmicfrs_list(sq->store, false, date_today(), case_html, arg, &err) < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        page_end(b, sq->rq);
    }
    buf_free(&err);
}

/* A change's answer: back to the list, or why not. */
static void answer(struct staff_request *sq, struct web_response *rs, int rc, const struct buf *err)
{
    if (rc == 0) {
        staff_redirect(rs, H);
    } else if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(err));
    } else {
        struct buf why = BUF_INIT;
        buf_puts(&why, hmicfrs_refusal_text(rc));
        if (err->len)
            buf_printf(&why, " (%s)", buf_str(err));
        page_error(sq->rq, rs,
                   rc == HMICFRS_UNKNOWN ? 404
                   : rc == HMICFRS_BAD   ? 400
                                         : 409,
                   buf_str(&why));
        buf_free(&why);
    }
}

/* A date field of the form, or DATE_NONE. */
static int form_date(const struct staff_request *sq, const char *name)
{
    const char *v = web_form_value(sq->form, name);
    int d;
    return v && date_parse(v, strlen(v), &d) ? d : DATE_NONE;
}

static const char *form_text(const struct staff_request *sq, const char *name)
{
    const char *v = web_form_value(sq->form, name);
    return v ? v : "";
}

void staff_hmicfrs_add(struct staff_request *sq, struct web_response *rs)
{
    struct hmicfrs_new r = {form_text(sq, "ref"), form_text(sq, "title"), form_text(sq, "url"),
                            form_date(sq, "published")};
    struct buf err = BUF_INIT;
    answer(sq, rs, store_hmicfrs_add(sq->store, &r, &sq->by, &err), &err);
    buf_free(&err);
}

void staff_hmicfrs_comment(struct staff_request *sq, struct web_response *rs)
{
    bool comments = strcmp(form_text(sq, "kind"), "comments") == 0;
    int on = form_date(sq, comments ? "received" : "on");
    struct buf err = BUF_INIT;
    int rc = on == DATE_NONE ? (buf_puts(&err, "on: a date"), HMICFRS_BAD)
                             : store_hmicfrs_step(sq->store, sq->rq->match->args[0], comments, on,
                                                  form_text(sq, "note"), &sq->by, &err);
    answer(sq, rs, rc, &err);
    buf_free(&err);
}

void staff_hmicfrs_respond(struct staff_request *sq, struct web_response *rs)
{
    char *end = NULL;
    long n = strtol(form_text(sq, "number"), &end, 10);
    struct buf err = BUF_INIT;
    int rc = store_hmicfrs_respond(
        sq->store, sq->rq->match->args[0], end && !*end ? (int)(n > 0 && n < 1000 ? n : 0) : 0,
        form_text(sq, "recommendation"), form_text(sq, "response"), &sq->by, &err);
    answer(sq, rs, rc, &err);
    buf_free(&err);
}

void staff_hmicfrs_publish(struct staff_request *sq, struct web_response *rs)
{
    const char *ref = sq->rq->match->args[0];
    int on = form_date(sq, "on");
    char url[80];
    snprintf(url, sizeof url, "/hmicfrs/%s", ref);
    struct buf err = BUF_INIT;
    int rc = on == DATE_NONE || !hmicfrs_ref_ok(ref)
                 ? (buf_puts(&err, "on: a date"), HMICFRS_BAD)
                 : store_hmicfrs_publish(sq->store, ref, on, url, &sq->by, &err);
    answer(sq, rs, rc, &err);
    buf_free(&err);
}
