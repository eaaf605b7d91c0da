/*
 * staff_complaints_report.c - the Commissioner's annual complaints report
 * (Order 7C(b)) on the staff side:
 *
 *   GET  /staff/complaints-report         to the last financial year's
 *   GET  /staff/complaints-report/:year   each section's current text in a
 *                                         form (to the roles that write it),
 *                                         who saved it and when
 *   POST /staff/complaints-report/:year   a section saved as its next
 *                                         version (store/complaints_report.h)
 *   POST /staff/complaints-report/:year/publish
 *                                         the report made and published
 *                                         (report/report_publish.h)
 *
 * The figures beside the sections are counted when the report is made,
 * and the report is published as an immutable version: by the
 * Commissioner here, or with peel report complaints and peel publish
 * (and a correction, with its reason, only there). This page is where the
 * words are drafted.
 * The sections are written to be published: the page says so, and says
 * to keep personal details out of them.
 */
#include "model/calendar.h"
#include "model/iopc.h"
#include "report/report_publish.h"
#include "store/complaints_report.h"
#include "util/html.h"
#include "util/month.h"
#include "web/form.h"
#include "web/page.h"
#include "web/staff.h"

#include <stdio.h>
#include <string.h>

#define CR "/staff/complaints-report"

void staff_complaints_report_latest(struct staff_request *sq, struct web_response *rs)
{
    (void)sq;
    char year[FY_TEXT_SIZE], path[64];
    int today = date_today();
    fy_format(fy_of_month(date_quarter(today)) - 1, year);
    snprintf(path, sizeof path, CR "/%s", year);
    staff_redirect(rs, path);
}

struct sections {
    const struct complaints_text_view *v[COMPLAINTS_SECTIONS];
    struct complaints_text_view copy[COMPLAINTS_SECTIONS];
    struct buf text[COMPLAINTS_SECTIONS], meta[COMPLAINTS_SECTIONS];
};

static void take(void *arg, const struct complaints_text_view *v)
{
    struct sections *s = arg;
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++)
        if (strcmp(complaints_sections[i].code, v->section) == 0) {
            buf_puts(&s->text[i], v->text);
            buf_printf(&s->meta[i], "Version %d, saved %s by %s.", v->version, v->saved_at,
                       v->saved_by);
        }
}

static void section_form(struct buf *b, const struct staff_request *sq, const char *year, size_t i,
                         const struct sections *s, bool may)
{
    const struct complaints_section *c = &complaints_sections[i];
    buf_printf(b, "<section aria-labelledby=\"h-%s\">\n<h2 id=\"h-%s\">", c->code, c->code);
    html_escape(b, c->heading);
    buf_puts(b, "</h2>\n<p>");
    html_escape(b, c->help);
    buf_puts(b, "</p>\n<p>");
    if (s->meta[i].len)
        html_escape(b, buf_str(&s->meta[i]));
    else
        buf_puts(b, "<strong>Not written yet.</strong>");
    buf_puts(b, "</p>\n");
    if (!may) {
        buf_puts(b, "<div class=\"prose\">");
        html_escape(b, buf_str(&s->text[i]));
        buf_puts(b, "</div>\n</section>\n");
        return;
    }
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"" CR "/");
    html_escape(b, year);
    buf_puts(b, "\">\n");
    staff_csrf_field(b, sq);
    buf_printf(b, "<input type=\"hidden\" name=\"section\" value=\"%s\">\n", c->code);
    buf_printf(b,
               "<p><label for=\"text-%s\">The text (plain text; a blank line between "
               "paragraphs)</label>\n<textarea id=\"text-%s\" name=\"text\" rows=\"10\" "
               "maxlength=\"%d\" required>",
               c->code, c->code, COMPLAINTS_TEXT_MAX);
    html_escape(b, buf_str(&s->text[i]));
    buf_puts(b, "</textarea></p>\n<p><button type=\"submit\">Save this section</button></p>\n"
                "</form>\n</section>\n");
}

/* Whether the year's report is published, and to the Commissioner the
 * button that publishes it. */
static void publish_form(struct buf *b, const struct staff_request *sq, const char *year)
{
    struct publication_head head;
    if (store_publication_latest(sq->store, "complaints", year, &head)) {
        buf_printf(b,
                   "<p><strong>Published</strong> as version %d%s: see <a "
                   "href=\"/complaints\">/complaints</a>. A published version never changes; "
                   "a correction, with its reason, is made with <code>peel publish "
                   "--corrects</code>.</p>\n",
                   head.version, head.withdrawn ? " (withdrawn)" : "");
        return;
    }
    if (!staff_may(sq, "POST", CR "/:year/publish"))
        return;
    buf_puts(b, "<form method=\"post\" class=\"staff-form\" action=\"" CR "/");
    html_escape(b, year);
    buf_puts(b, "/publish\">\n");
    staff_csrf_field(b, sq);
    buf_puts(b, "<p>Publishing makes the report from the sections as saved and the figures as "
                "they stand, and stores it as version 1, which never changes.</p>\n<p><button "
                "type=\"submit\">Publish the report</button></p>\n</form>\n");
}

void staff_complaints_report(struct staff_request *sq, struct web_response *rs)
{
    const char *arg = sq->rq->match->args[0];
    int fy;
    if (!fy_parse(arg, &fy)) {
        page_error(sq->rq, rs, 404, "There is no such year: years are written like 2025-26.");
        return;
    }
    char year[FY_TEXT_SIZE];
    fy_format(fy, year);
    struct sections s = {0};
    struct buf err = BUF_INIT, *b = &rs->body, title = BUF_INIT;
    int rc = store_complaints_texts(sq->store, fy, take, &s, &err);
    buf_printf(&title, "Complaints report %s", year);
    if (rc < 0) {
        web_error(sq->rq, rs, 500, buf_str(&err));
    } else {
        bool may = staff_may(sq, "POST", CR "/:year");
        staff_page_begin(b, sq, buf_str(&title));
        buf_puts(b, "<h1>");
        html_escape(b, buf_str(&title));
        buf_puts(b, "</h1>\n<p>The Commissioner&#39;s annual report on complaints about the "
                    "police (Specified Information Order 2011, paragraph 7C(b)): the sections "
                    "the Office writes, beside the figures counted from its review cases and "
                    "the IOPC&#39;s figures when the report is made. <strong>Everything here is "
                    "published: keep every personal detail out of it.</strong> Each save is kept "
                    "as the section&#39;s next version. Make the report with <code>peel report "
                    "complaints --fy ");
        html_escape(b, year);
        buf_puts(b, " --out DIR</code> and publish it with <code>peel publish DIR</code>; it "
                    "is then listed on <a href=\"/complaints\">/complaints</a>.</p>\n");
        publish_form(b, sq, year);
        for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++)
            section_form(b, sq, year, i, &s, may);
        page_end(b, sq->rq);
    }
    for (size_t i = 0; i < COMPLAINTS_SECTIONS; i++) {
        buf_free(&s.text[i]);
        buf_free(&s.meta[i]);
    }
    buf_free(&title);
    buf_free(&err);
}

void staff_complaints_report_save(struct staff_request *sq, struct web_response *rs)
{
    int fy;
    if (!fy_parse(sq->rq->match->args[0], &fy)) {
        page_error(sq->rq, rs, 404, "There is no such year: years are written like 2025-26.");
        return;
    }
    const char *section = web_form_value(sq->form, "section");
    const char *text = web_form_value(sq->form, "text");
    struct buf err = BUF_INIT;
    int version = 0;
    int rc = store_complaints_text_put(sq->store, fy, section ? section : "", text ? text : "",
                                       &sq->by, &version, &err);
    char year[FY_TEXT_SIZE], path[64];
    fy_format(fy, year);
    snprintf(path, sizeof path, CR "/%s", year);
    if (rc == 0)
        staff_redirect(rs, path);
    else if (rc == COMPLAINTS_REFUSED)
        page_error(sq->rq, rs, 400, buf_str(&err));
    else
        web_error(sq->rq, rs, 500, buf_str(&err));
    buf_free(&err);
}

void staff_complaints_report_publish(struct staff_request *sq, struct web_response *rs)
{
    int fy;
    if (!fy_parse(sq->rq->match->args[0], &fy)) {
        page_error(sq->rq, rs, 404, "There is no such year: years are written like 2025-26.");
        return;
    }
    struct report_request req = {.period = -1, .complaints_fy = fy};
    struct buf err = BUF_INIT;
    int version = 0;
    int rc = report_publish_now(sq->store, &report_complaints, &req, sq->by.actor, &sq->by,
                                &version, &err);
    char year[FY_TEXT_SIZE], path[64];
    fy_format(fy, year);
    snprintf(path, sizeof path, CR "/%s", year);
    if (rc == 0) {
        staff_redirect(rs, path);
    } else if (rc == STORE_PUBLISHED_ALREADY) {
        buf_printf(&err, "The %s report is published already (version %d), and never changes.",
                   year, version);
        page_error(sq->rq, rs, 409, buf_str(&err));
    } else {
        buf_puts(&err, " (the report was not published)");
        page_error(sq->rq, rs, 400, buf_str(&err));
    }
    buf_free(&err);
}
